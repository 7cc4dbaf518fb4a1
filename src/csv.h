/*
 * csv.h - splitting a line of CSV into fields (private; roll_csv.c and
 * members_csv.c share it).
 */
#ifndef ORDTRACK_CSV_H
#define ORDTRACK_CSV_H

#include <stddef.h>

#include "ordtrack/buf.h"

/* Split one CSV line (no newline) into at most `max` fields, appended to
 * fields[0..max) (further fields are counted, not kept).  Returns the
 * number of fields, or -1 with a static message in *why. */
int ot_csv_fields(ot_buf *fields, size_t max, const char *line, const char **why);

#endif
