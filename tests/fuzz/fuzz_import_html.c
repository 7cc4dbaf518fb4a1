/*
 * fuzz_import_html.c - the HTML importer on arbitrary bytes (through the safe
 * parser set-up of src/xmlsafe.c): a document or an error, never a crash,
 * a hang or unbounded memory; a document obeys the round-trip law.
 */
#include <stdint.h>

#include "ordtrack/ordtrack.h"
#include "roundtrip.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ot_doc *doc = NULL;
	ot_import_report rep;
	ot_import_report_init(&rep);
	if (ot_doc_import_html(&doc, (const char *)data, size, "fuzz.html", &rep) == 0)
		fuzz_check_roundtrip(doc);
	ot_import_report_release(&rep);
	ot_doc_free(doc);
	return 0;
}
