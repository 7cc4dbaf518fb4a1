/*
 * roundtrip.h - the check every importer fuzz target makes on a document
 * it was given: the canonical text of each section, as the store writes it
 * (one file per section), parses back to the same section (the round-trip
 * law of ordtrack/doc.h); abort() otherwise, so the fuzzer reports the
 * input.  (The whole document's canonical text reads back too, except that
 * a section heading that starts with a lowercase word reads back as a
 * section line only at the start of a file.)
 */
#ifndef FUZZ_ROUNDTRIP_H
#define FUZZ_ROUNDTRIP_H

#include <stdlib.h>

#include "ordtrack/ordtrack.h"

static void fuzz_check_roundtrip(const ot_doc *doc)
{
	ot_buf canon = OT_BUF_INIT;
	size_t i;
	for (i = 0; i < doc->nsections; i++) {
		ot_doc *again = NULL;
		ot_buf_clear(&canon);
		ot_section_canonical(&canon, doc->sections[i]);
		if (ot_doc_parse_text(&again, canon.ptr, canon.len, "canonical") != 0)
			abort();
		if (again->nsections != 1 || !ot_node_equal(doc->sections[i], again->sections[0]))
			abort();
		ot_doc_free(again);
	}
	ot_buf_release(&canon);
}

#endif
