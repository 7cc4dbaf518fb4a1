/*
 * import_elms.h - one Chicago eLMS matter document read from memory, the
 * step ot_elms_read takes for each file (private to the library; the fuzz
 * target tests/fuzz/fuzz_elms.c calls it directly).
 */
#ifndef ORDTRACK_IMPORT_ELMS_H
#define ORDTRACK_IMPORT_ELMS_H

#include <stddef.h>

#include "ordtrack/record_import.h"

/*
 * Read data[0..len) as one eLMS matter (the JSON that GET /matter/{matterId}
 * returns; see import_elms.c) and append it to *out, which the caller
 * initialised (zeroed, or filled by earlier calls): one record, or, for a
 * matter not yet introduced, one line in out->skipped.  `name` is the file
 * the bytes came from: it labels messages and becomes the record's file.
 * 0, or OT_EINVALID with "NAME: FIELD: what is wrong; what to do"; *out is
 * then to be released (it may hold part of the record).
 */
int ot_elms_read_matter(ot_import_set *out, const char *data, size_t len, const char *name);

#endif
