/*
 * fuzz_elms.c - the Chicago eLMS reader on arbitrary bytes as one matter
 * document (ot_elms_read_matter).  A record, a skipped matter or an error,
 * never a crash or a leak; a record read is whole: a safe id, one version,
 * its introduction date, every action dated and typed with a source id,
 * every vote with a motion, a result, a non-empty roll whose counts it
 * equals, the action's source id, and its file.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import_elms.h"
#include "ordtrack/ordtrack.h"
#include "ordtrack/record_import.h"
#include "ordtrack/validate.h"

static void check_record(const ot_import_record *ir)
{
	const ot_record *r = &ir->r;
	size_t i, j, counts[OT_VOTE_NOPTIONS];
	if (!r->id || ot_name_check(OT_NAME_RECORD, r->id) < 0 || !r->title || !r->introduced ||
	    ot_date_parse(NULL, r->introduced) < 0 || r->nversions != 1 || !r->source || !ir->file ||
	    (unsigned)r->type >= OT_RECORD_N || (unsigned)r->status >= OT_STATUS_N ||
	    (r->status == OT_STATUS_PENDING && r->closed) ||
	    (r->closed && ot_date_parse(NULL, r->closed) < 0))
		abort();
	for (i = 0; i < r->nactions; i++)
		if (!r->actions[i].date || ot_date_parse(NULL, r->actions[i].date) < 0 ||
		    !r->actions[i].source || !r->actions[i].text ||
		    (unsigned)r->actions[i].type >= OT_ACTION_N ||
		    (i && strcmp(r->actions[i - 1].date, r->actions[i].date) > 0))
			abort();
	for (i = 0; i < r->nvotes; i++) {
		const ot_vote *v = &r->votes[i];
		if (!v->motion || !v->date || !v->source || !v->nroll || !ir->vote_files[i] ||
		    (v->result != OT_RESULT_PASS && v->result != OT_RESULT_FAIL))
			abort();
		memset(counts, 0, sizeof(counts));
		for (j = 0; j < v->nroll; j++) {
			if (!v->roll[j].name || !*v->roll[j].name ||
			    (unsigned)v->roll[j].option >= OT_VOTE_NOPTIONS)
				abort();
			counts[v->roll[j].option]++;
		}
		if (memcmp(counts, v->counts, sizeof(counts)) != 0)
			abort();
	}
	for (i = 0; i < r->nsponsors; i++)
		if (!r->sponsors[i] || !*r->sponsors[i])
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ot_import_set set;
	size_t i;
	memset(&set, 0, sizeof(set));
	if (ot_elms_read_matter(&set, (const char *)data, size, "fuzz.json") == 0) {
		if (set.nrecords + set.nskipped == 0 || set.nrecords > 1 || set.nmembers)
			abort();
		for (i = 0; i < set.nrecords; i++)
			check_record(&set.records[i]);
	}
	ot_import_set_release(&set);
	return 0;
}
