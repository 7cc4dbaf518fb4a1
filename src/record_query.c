/*
 * record_query.c - which records match a filter (status, sponsor,
 * ordinance): the rule `records` and the library's users share.  A
 * sponsor is matched through the council's members, so a name finds the
 * records a member sponsored under any of their spellings
 * (ot_record_has_sponsor).
 */
#include <stdlib.h>
#include <string.h>

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

int ot_records_find(ot_record **out, size_t *nout, ot_tracker *t, const ot_record_filter *f)
{
	ot_members ms = {0};
	ot_record *rs = NULL;
	char **ids = NULL;
	size_t nids = 0, n = 0, cap = 0, i;
	int err;

	*out = NULL;
	*nout = 0;
	if ((err = ot_members_load(&ms, t)) < 0 || (err = ot_record_list(&ids, &nids, t)) < 0)
		goto done;
	for (i = 0; i < nids; i++) {
		ot_record r;
		if ((err = ot_record_load(&r, NULL, t, ids[i])) < 0)
			break;
		if (ot_record_matches(&r, &ms, f))
			*OT_ARRAY_PUSH(rs, n, cap) = r;
		else
			ot_record_release(&r);
	}
done:
	for (i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	ot_members_release(&ms);
	if (err < 0) {
		for (i = 0; i < n; i++)
			ot_record_release(&rs[i]);
		free(rs);
		return err;
	}
	*out = rs;
	*nout = n;
	return 0;
}
