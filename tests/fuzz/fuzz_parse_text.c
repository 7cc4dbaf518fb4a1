/*
 * fuzz_parse_text.c - the plain-text parser on arbitrary bytes: it must
 * return a document or an error, never crash; a document it returns must
 * survive the round trip through the canonical form.
 */
#include <stdint.h>
#include <stdlib.h>

#include "ordtrack/ordtrack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ot_doc *doc = NULL, *again = NULL;
	ot_buf canon = OT_BUF_INIT;
	size_t i;

	if (ot_doc_parse_text(&doc, (const char *)data, size, "fuzz") == 0) {
		ot_doc_canonical(&canon, doc);
		if (ot_doc_parse_text(&again, canon.ptr, canon.len, "canonical") != 0)
			abort();
		if (again->nsections != doc->nsections)
			abort();
		for (i = 0; i < doc->nsections; i++)
			if (!ot_node_equal(doc->sections[i], again->sections[i]))
				abort();
	}
	ot_buf_release(&canon);
	ot_doc_free(doc);
	ot_doc_free(again);
	return 0;
}
