/*
 * ordtrack/ordtrack.h - the whole public API in one include.
 */
#ifndef ORDTRACK_H
#define ORDTRACK_H

#include "ordtrack/alloc.h"
#include "ordtrack/buf.h"
#include "ordtrack/common.h"
#include "ordtrack/diff.h"
#include "ordtrack/doc.h"
#include "ordtrack/import.h"
#include "ordtrack/export.h"
#include "ordtrack/fsck.h"
#include "ordtrack/fsck_json.h"
#include "ordtrack/index.h"
#include "ordtrack/merge.h"
#include "ordtrack/redline.h"
#include "ordtrack/publish.h"
#include "ordtrack/query.h"
#include "ordtrack/record.h"
#include "ordtrack/record_docs.h"
#include "ordtrack/record_import.h"
#include "ordtrack/render.h"
#include "ordtrack/rev.h"
#include "ordtrack/store.h"
#include "ordtrack/summary.h"
#include "ordtrack/text_docs.h"
#include "ordtrack/tracker.h"
#include "ordtrack/validate.h"

#endif
