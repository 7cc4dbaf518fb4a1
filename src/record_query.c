/*
 * record_query.c - which records match a filter (status, sponsor,
 * ordinance): the rule `records` and the library's users share.  A
 * sponsor is matched through the council's members, so a name finds the
 * records a member sponsored under any of their spellings
 * (ot_record_has_sponsor).
 *
 * ot_records_find asks the index (index_records.c), which keeps each
 * record's status, ordinances and sponsors (with each sponsor's name key)
 * and the rest of the record, and reads the records that match back from
 * its rows: no record file is read from git (at New York City's size,
 * parsing the JSON of a member's 1,300 records took longer than the whole
 * query may).  ot_record_matches is the same rule on a loaded record.
 */
#include <stdlib.h>
#include <string.h>

#include "index_records.h"
#include "internal.h"
#include "ordtrack/record.h"

int ot_record_matches(const ot_record *r, const ot_members *ms, const ot_record_filter *f)
{
	size_t i;
	int hit;
	if (f->status >= 0 && r->status != (ot_status)f->status)
		return 0;
	if (f->sponsor && !ot_record_has_sponsor(r, ms, f->sponsor))
		return 0;
	if (f->ordinance) {
		for (hit = 0, i = 0; i < r->nordinances && !hit; i++)
			hit = strcmp(r->ordinances[i], f->ordinance) == 0;
		if (!hit)
			return 0;
	}
	return 1;
}

/* The names and aliases of the members `name` names (at any time), as
 * ot_record_has_sponsor compares a record's sponsors with them: borrowed
 * from ms into a new array. */
static const char **member_names(size_t *n, const ot_members *ms, const char *name)
{
	const ot_member *hits[16];
	const char **names = NULL;
	size_t nhits = ot_members_match(ms, name, NULL, hits, 16), cap = 0, i, j;
	*n = 0;
	for (i = 0; i < nhits && i < 16; i++) {
		*OT_ARRAY_PUSH(names, *n, cap) = hits[i]->name;
		for (j = 0; j < hits[i]->naliases; j++)
			*OT_ARRAY_PUSH(names, *n, cap) = hits[i]->aliases[j];
	}
	return names;
}

int ot_records_find(ot_record **out, size_t *nout, ot_tracker *t, const ot_record_filter *f)
{
	ot_members ms = {0};
	const char **names = NULL;
	char *bad = NULL;
	size_t nnames = 0;
	int err;

	*out = NULL;
	*nout = 0;
	if ((err = ot_members_load(&ms, t)) < 0)
		goto done;
	/* a record the index could not read: loading it again gives its
	 * error, as a search over every record did */
	if ((err = ot_index_records_problem(&bad, t)) < 0)
		goto done;
	if (bad) {
		ot_record r;
		if ((err = ot_record_load(&r, NULL, t, bad)) < 0)
			goto done;
		ot_record_release(&r);
		err = ot_error_set(-1, "index: record %s could not be read when it was indexed; rebuild the index",
				   bad);
		goto done;
	}
	if (f->sponsor)
		names = member_names(&nnames, &ms, f->sponsor);
	err = ot_index_records_find(out, nout, t, f, names, nnames);
done:
	free(names);
	free(bad);
	ot_members_release(&ms);
	return err;
}
