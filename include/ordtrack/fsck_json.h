/*
 * ordtrack/fsck_json.h - the ordtrack-fsck/1 document: an integrity
 * report (ordtrack/fsck.h) as `ordtrack fsck --format json` prints it.
 */
#ifndef ORDTRACK_FSCK_JSON_H
#define ORDTRACK_FSCK_JSON_H

#include "ordtrack/buf.h"
#include "ordtrack/fsck.h"

/*
 * Append the ordtrack-fsck/1 document of report `r` to `out`: "clean",
 * the counts of what was "checked", and the "problems" left; with
 * `repair` (r came from ot_fsck with opts->repair) also
 * "found_before_repair" and "repairs".  Two-space indent, keys in that
 * order, a final newline.  r is only read; the caller owns out.
 */
void ot_fsck_report_doc(ot_buf *out, const ot_fsck_report *r, int repair);

#endif
