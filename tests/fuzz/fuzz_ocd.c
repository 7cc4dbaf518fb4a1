/*
 * fuzz_ocd.c - the Open Civic Data (pupa scrape) reader on arbitrary
 * bytes, from memory (ot_ocd_read_docs): the input is one or more
 * documents separated by NUL bytes, each its file name on the first line
 * ("bill_1.json", "vote_event_1.json", "person_1.json", ...; the prefix
 * gives the kind) and the JSON after it.  A set or an error, never a
 * crash or a leak; a set read holds only what the writer accepts: record
 * ids that are safe names, dates that exist, action types in range,
 * source ids on every event, counts equal to the roll's tally, members
 * with a name and a ward from 0 to 1000.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import_ocd.h"
#include "ordtrack/ordtrack.h"
#include "ordtrack/validate.h"

#define MAX_DOCS 64

static void check_set(const ot_import_set *s)
{
	size_t i, j, k;
	for (i = 0; i < s->nrecords; i++) {
		const ot_import_record *ir = &s->records[i];
		const ot_record *r = &ir->r;
		if (!r->id || ot_name_check(OT_NAME_RECORD, r->id) < 0 || !r->title || !ir->file || !r->source)
			abort();
		if ((unsigned)r->type >= OT_RECORD_N || (unsigned)r->status >= OT_STATUS_N)
			abort();
		if (!r->introduced || ot_date_parse(NULL, r->introduced) < 0 || (r->closed && ot_date_parse(NULL, r->closed) < 0))
			abort();
		if ((r->status == OT_STATUS_PENDING) != (r->closed == NULL) || r->nversions != 1 || !r->nactions)
			abort();
		for (j = 0; j < r->nsponsors; j++)
			if (!r->sponsors[j] || !*r->sponsors[j])
				abort();
		for (j = 0; j < r->nactions; j++) {
			const ot_action *a = &r->actions[j];
			if (!a->date || ot_date_parse(NULL, a->date) < 0 || (unsigned)a->type >= OT_ACTION_N || !a->text ||
			    !a->source || (j && strcmp(r->actions[j - 1].date, a->date) > 0))
				abort();
			for (k = 0; k < j; k++)
				if (strcmp(r->actions[k].source, a->source) == 0)
					abort(); /* two events, one source id */
		}
		for (j = 0; j < r->nvotes; j++) {
			const ot_vote *v = &r->votes[j];
			size_t tally[OT_VOTE_NOPTIONS] = {0};
			if (!v->date || ot_date_parse(NULL, v->date) < 0 || !v->motion || !v->source || !v->nroll ||
			    !ir->vote_files || !ir->vote_files[j])
				abort();
			if (v->result != OT_RESULT_PASS && v->result != OT_RESULT_FAIL)
				abort();
			for (k = 0; k < v->nroll; k++) {
				if (!v->roll[k].name || !*v->roll[k].name || (unsigned)v->roll[k].option >= OT_VOTE_NOPTIONS)
					abort();
				tally[v->roll[k].option]++;
			}
			if (memcmp(tally, v->counts, sizeof(tally)) != 0)
				abort();
			for (k = 0; k < j; k++)
				if (strcmp(r->votes[k].source, v->source) == 0)
					abort();
		}
		for (j = 0; j < r->nlinks; j++)
			if (!r->links[j].url || (unsigned)r->links[j].kind >= OT_LINK_N)
				abort();
	}
	for (i = 0; i < s->nmembers; i++) {
		const ot_member *m = &s->members[i].m;
		if (!m->name || !*m->name || m->ward < 0 || m->ward > 1000 || !s->members[i].file)
			abort();
		if ((m->from && ot_date_parse(NULL, m->from) < 0) || (m->to && ot_date_parse(NULL, m->to) < 0))
			abort();
		for (j = 0; j < m->naliases; j++)
			if (!m->aliases[j] || !*m->aliases[j])
				abort();
	}
	for (i = 0; i < s->nskipped; i++)
		if (!s->skipped[i])
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ot_ocd_doc docs[MAX_DOCS];
	char names[MAX_DOCS][64];
	const char *p = (const char *)data, *end = p + size;
	ot_import_set set;
	size_t n = 0;

	while (p < end && n < MAX_DOCS) {
		const char *stop = memchr(p, '\0', (size_t)(end - p)), *nl;
		size_t len;
		if (!stop)
			stop = end;
		nl = memchr(p, '\n', (size_t)(stop - p));
		if (nl) {
			len = (size_t)(nl - p) < sizeof(names[n]) - 1 ? (size_t)(nl - p) : sizeof(names[n]) - 1;
			memcpy(names[n], p, len);
			names[n][len] = 0;
			docs[n].name = names[n];
			docs[n].data = nl + 1;
			docs[n].len = (size_t)(stop - nl - 1);
			n++;
		}
		p = stop + 1;
	}
	if (ot_ocd_read_docs(&set, docs, n, "fuzz") == 0)
		check_set(&set);
	ot_import_set_release(&set);
	return 0;
}
