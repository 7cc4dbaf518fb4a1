/*
 * fuzz_redline.c - a redline amendment document (HTML or text with
 * [[deleted]]/{{inserted}} markers) applied to a fixed text in force: the
 * amended text or an error listing mismatches, never a crash; an amended
 * text obeys the round-trip law.
 */
#include <stdint.h>
#include <string.h>

#include "ordtrack/ordtrack.h"
#include "roundtrip.h"

static const char in_force_text[] =
	"CHAPTER 9-99 FUZZ CHAPTER (ILLUSTRATIVE)\n"
	"9-99-010 Purpose.\n"
	"This chapter exists to test ordtrack.\n"
	"9-99-020 Rules.\n"
	"(a) No person shall park a vehicle on a sidewalk.\n"
	"(b) No person shall idle a vehicle for more than five minutes, except:\n"
	"(1) emergency vehicles; and\n"
	"(2) vehicles in traffic.\n"
	"9-99-030 Penalty.\n"
	"(a) A violation is punishable by a fine of $50.\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static ot_doc *in_force;
	ot_doc *out = NULL;
	if (!in_force && ot_doc_parse_text(&in_force, in_force_text, strlen(in_force_text), "in-force") != 0)
		abort();
	if (ot_redline_apply(&out, in_force, (const char *)data, size, "fuzz.redline") == 0)
		fuzz_check_roundtrip(out);
	ot_doc_free(out);
	return 0;
}
