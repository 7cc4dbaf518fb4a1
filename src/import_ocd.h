/*
 * import_ocd.h - the Open Civic Data (pupa) scrape reader from memory
 * (private to the library, its unit test and its fuzz target).
 *
 * ot_ocd_read (record_import.h) lists a scrape directory and loads its
 * files; ot_ocd_read_docs does the same work on documents already in
 * memory, each named as pupa names its file ("bill_<uuid>.json",
 * "vote_event_<uuid>.json", ...: the name's prefix gives the kind), so
 * that the per-object readers and the reference resolution can be fed
 * arbitrary bytes without a file system.
 */
#ifndef ORDTRACK_IMPORT_OCD_H
#define ORDTRACK_IMPORT_OCD_H

#include <stddef.h>

#include "ordtrack/record_import.h"

typedef struct ot_ocd_doc {
	const char *name; /* the file name (messages name it), "bill_1.json" */
	const char *data; /* the JSON text, len bytes (not NUL-terminated) */
	size_t len;
} ot_ocd_doc;

/* Read docs[0..n) as one scrape into *out, exactly as ot_ocd_read reads
 * a directory holding those files (`label` stands for the directory in
 * messages).  0, or OT_EINVALID with a message naming the document and
 * the field; *out is to be released either way. */
int ot_ocd_read_docs(ot_import_set *out, const ot_ocd_doc *docs, size_t n, const char *label);

#endif
