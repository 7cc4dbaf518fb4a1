/*
 * roll_check.c - the checks of a roll call against the council: every name
 * is a member serving on the vote's date, no member is named twice, and
 * (for a complete roll, as a roll file must be) every serving member is
 * named.
 *
 * The answer is a report (ot_roll_report), not a message: each problem
 * names the roll entry by index, so a caller that read the roll from a
 * file can point at FILE:LINE, and one that took it from options can name
 * the option.  ot_record_vote runs the same check (incomplete rolls
 * allowed) before it writes anything.
 */
#include <stdlib.h>

#include "internal.h"
#include "ordtrack/record.h"

static void problem(ot_roll_report *out, ot_roll_problem_kind kind, size_t entry, size_t first,
		    const ot_member *m)
{
	*OT_ARRAY_PUSH(out->items, out->n, out->cap) = (ot_roll_problem){kind, entry, first, m};
}

static int serving_on(const ot_member *m, const char *date)
{
	return !(m->from && strcmp(m->from, date) > 0) && !(m->to && strcmp(date, m->to) > 0);
}

size_t ot_roll_check(ot_roll_report *out, const ot_members *ms, const ot_roll_entry *roll, size_t n,
		     const char *date, int complete)
{
	const ot_member **who = ot_calloc(n + 1, sizeof(*who));
	size_t i, j;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++) {
		who[i] = ot_members_find(ms, roll[i].name, date);
		if (!who[i]) {
			problem(out, OT_ROLL_NOT_SERVING, i, 0, NULL);
			continue;
		}
		for (j = 0; j < i; j++)
			if (who[j] == who[i]) {
				problem(out, OT_ROLL_TWICE, i, j, who[i]);
				break;
			}
	}
	for (i = 0; complete && i < ms->n; i++) {
		const ot_member *m = &ms->items[i];
		if (!serving_on(m, date))
			continue;
		for (j = 0; j < n && who[j] != m; j++)
			;
		if (j == n)
			problem(out, OT_ROLL_LEFT_OUT, 0, 0, m);
	}
	free(who);
	return out->n;
}

void ot_roll_report_release(ot_roll_report *r)
{
	if (!r)
		return;
	free(r->items);
	memset(r, 0, sizeof(*r));
}
