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
 *
 * ot_record_summaries_find answers `records` with less: what a list shows
 * of each record (ot_record_summary), read from the same tables in one
 * statement over records with the counts and the last action as
 * subqueries on each child table's primary key, then the ordinances and
 * the sponsors of the same records in one pass of each table, in id
 * order beside the summaries.  Reading whole records back
 * (ot_index_records_find) also reads every action, vote and roll-call
 * name: at New York City's size a member's 1,400 records have some 35,000
 * names on their rolls, more than `records` may spend.  Its WHERE is the
 * one ot_index_records_find uses (ot_index_records_filter_sql);
 * tests/cli/test_records.sh checks `records` against each way a name
 * matches.
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

/* The first record the index could not read into *out (malloc'd), NULL
 * when none: ot_index_records_problem through the status index, since a
 * row with a problem has status '' (index_records.c writes it so); that
 * one scans every row, a third of `records` at New York City's size. */
static int first_problem(char **out, ot_tracker *t)
{
	sqlite3_stmt *st = NULL;
	int err, rc;
	*out = NULL;
	if ((err = ot_index_prepare(&st, t->db, "SELECT id FROM records WHERE status = '' AND problem <> '' ORDER BY id LIMIT 1")) < 0)
		return err;
	rc = ot_sql_step(st);
	if (rc == SQLITE_ROW)
		*out = ot_strdup(ot_index_col_text(st, 0));
	else if (rc != SQLITE_DONE)
		err = ot_sqlite_error(t->db, "read the records");
	sqlite3_finalize(st);
	return err;
}

/* 0 when the index read every record; else the error of the first it
 * could not read, loading it again, as a search over every record gave. */
static int check_readable(ot_tracker *t)
{
	char *bad = NULL;
	ot_record r;
	int err;
	if ((err = first_problem(&bad, t)) < 0 || !bad)
		return err;
	if ((err = ot_record_load(&r, NULL, t, bad)) == 0) {
		ot_record_release(&r);
		err = ot_error_set(-1, "index: record %s could not be read when it was indexed; rebuild the index",
				   bad);
	}
	free(bad);
	return err;
}

int ot_records_find(ot_record **out, size_t *nout, ot_tracker *t, const ot_record_filter *f)
{
	ot_members ms = {0};
	const char **names = NULL;
	size_t nnames = 0;
	int err;

	*out = NULL;
	*nout = 0;
	if ((err = ot_members_load(&ms, t)) < 0 || (err = check_readable(t)) < 0)
		goto done;
	if (f->sponsor)
		names = member_names(&nnames, &ms, f->sponsor);
	err = ot_index_records_find(out, nout, t, f, names, nnames);
done:
	free(names);
	ot_members_release(&ms);
	return err;
}

/* ---- summaries -------------------------------------------------------------- */

static void strv_free(char **v, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static char **strv_dup(char *const *v, size_t n)
{
	char **d = n ? ot_calloc(n, sizeof(*d)) : NULL;
	size_t i;
	for (i = 0; i < n; i++)
		d[i] = ot_strdup(v[i]);
	return d;
}

void ot_record_summarize(ot_record_summary *out, const ot_record *r)
{
	const ot_action *last = r->nactions ? &r->actions[r->nactions - 1] : NULL;
	memset(out, 0, sizeof(*out));
	out->id = ot_strdup(r->id);
	out->type = r->type;
	out->title = ot_strdup(r->title);
	out->status = r->status;
	out->introduced = ot_strdup(r->introduced);
	out->closed = r->closed ? ot_strdup(r->closed) : NULL;
	out->ordinances = strv_dup(r->ordinances, r->nordinances);
	out->nordinances = r->nordinances;
	out->sponsors = strv_dup(r->sponsors, r->nsponsors);
	out->nsponsors = r->nsponsors;
	out->nversions = r->nversions;
	out->nvotes = r->nvotes;
	out->last_date = last ? ot_strdup(last->date) : NULL;
	out->last_type = last ? last->type : OT_ACTION_INTRODUCTION;
}

void ot_record_summary_release(ot_record_summary *s)
{
	if (!s)
		return;
	free(s->id);
	free(s->title);
	free(s->introduced);
	free(s->closed);
	strv_free(s->ordinances, s->nordinances);
	strv_free(s->sponsors, s->nsponsors);
	free(s->last_date);
	memset(s, 0, sizeof(*s));
}

void ot_record_summaries_free(ot_record_summary *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		ot_record_summary_release(&s[i]);
	free(s);
}

/* The facts, the counts and the last action; the WHERE follows. */
#define SUMMARY_SQL                                                                                             \
	"SELECT r.id, r.type, r.title, r.status, r.introduced, r.closed,"                                       \
	" (SELECT count(*) FROM record_versions c WHERE c.id = r.id),"                                         \
	" (SELECT count(*) FROM record_votes c WHERE c.id = r.id),"                                            \
	" (SELECT c.date FROM record_actions c WHERE c.id = r.id ORDER BY c.n DESC LIMIT 1),"                  \
	" (SELECT c.type FROM record_actions c WHERE c.id = r.id ORDER BY c.n DESC LIMIT 1)"                   \
	" FROM records r WHERE r.problem = ''"

/* The children of the summaries ss[0..n) (sorted by id) that st gives as
 * (id, string) in id order, then in their order: the ordinances (which 0)
 * or the sponsors (1) of each.  0 or an error. */
static int read_children(ot_record_summary *ss, size_t n, sqlite3_stmt *st, int which, sqlite3 *db)
{
	size_t i = 0, cap = 0;
	int rc;
	while ((rc = ot_sql_step(st)) == SQLITE_ROW) {
		const char *id = ot_index_col_text(st, 0);
		ot_record_summary *s;
		int c = -1;
		while (i < n && (c = strcmp(ss[i].id, id)) < 0) {
			i++;
			cap = 0;
		}
		if (c != 0)
			continue; /* not found: none of ours */
		s = &ss[i];
		if (which == 0)
			*OT_ARRAY_PUSH(s->ordinances, s->nordinances, cap) = ot_strdup(ot_index_col_text(st, 1));
		else
			*OT_ARRAY_PUSH(s->sponsors, s->nsponsors, cap) = ot_strdup(ot_index_col_text(st, 1));
	}
	return rc == SQLITE_DONE ? 0 : ot_sqlite_error(db, "read a record");
}

int ot_record_summaries_find(ot_record_summary **out, size_t *nout, ot_tracker *t, const ot_record_filter *f)
{
	static const char *const child_sql[2] = {
	    "SELECT c.id, c.ordinance FROM record_ordinances c WHERE c.id IN (%s) ORDER BY c.id, c.pos",
	    "SELECT c.id, c.name FROM record_sponsors c WHERE c.id IN (%s) ORDER BY c.id, c.pos"};
	ot_members ms = {0};
	const char **names = NULL;
	ot_buf sql = OT_BUF_INIT, ids = OT_BUF_INIT, key = OT_BUF_INIT;
	sqlite3_stmt *st = NULL, *child = NULL;
	ot_record_summary *ss = NULL;
	size_t nnames = 0, n = 0, cap = 0;
	int err, rc, k;

	*out = NULL;
	*nout = 0;
	if ((err = ot_members_load(&ms, t)) < 0 || (err = check_readable(t)) < 0)
		goto done;
	if (f->sponsor) {
		names = member_names(&nnames, &ms, f->sponsor);
		ot_name_key(&key, f->sponsor);
	}
	ot_buf_puts(&sql, SUMMARY_SQL);
	ot_index_records_filter_sql(&sql, f, &key, nnames);
	ot_buf_puts(&sql, " ORDER BY r.id");
	if ((err = ot_index_prepare(&st, t->db, sql.ptr)) < 0)
		goto done;
	ot_index_records_filter_bind(st, f, &key, names, nnames);
	while ((rc = ot_sql_step(st)) == SQLITE_ROW) {
		ot_record_summary *s = OT_ARRAY_PUSH(ss, n, cap);
		memset(s, 0, sizeof(*s));
		s->id = ot_strdup(ot_index_col_text(st, 0));
		s->type = (ot_record_type)ot_index_name_at(ot_record_type_names, OT_RECORD_N, ot_index_col_text(st, 1));
		s->title = ot_strdup(ot_index_col_text(st, 2));
		s->status = (ot_status)ot_index_name_at(ot_status_names, OT_STATUS_N, ot_index_col_text(st, 3));
		s->introduced = ot_strdup(ot_index_col_text(st, 4));
		s->closed = ot_index_col_opt(st, 5);
		s->nversions = (size_t)sqlite3_column_int64(st, 6);
		s->nvotes = (size_t)sqlite3_column_int64(st, 7);
		s->last_date = ot_index_col_opt(st, 8);
		s->last_type = (ot_action_type)ot_index_name_at(ot_action_type_names, OT_ACTION_N, ot_index_col_text(st, 9));
	}
	if (rc != SQLITE_DONE) {
		err = ot_sqlite_error(t->db, "find records");
		goto done;
	}
	/* the ordinances and sponsors of the same records (the filter again,
	 * its values bound in the same places), each table in one pass */
	ot_buf_puts(&ids, "SELECT r.id FROM records r WHERE r.problem = ''");
	ot_index_records_filter_sql(&ids, f, &key, nnames);
	for (k = 0; k < 2 && n; k++) {
		ot_buf_clear(&sql);
		ot_buf_printf(&sql, child_sql[k], ids.ptr);
		if ((err = ot_index_prepare(&child, t->db, sql.ptr)) < 0)
			goto done;
		ot_index_records_filter_bind(child, f, &key, names, nnames);
		err = read_children(ss, n, child, k, t->db);
		sqlite3_finalize(child);
		child = NULL;
		if (err < 0)
			goto done;
	}
done:
	sqlite3_finalize(st);
	ot_buf_release(&sql);
	ot_buf_release(&ids);
	ot_buf_release(&key);
	free(names);
	ot_members_release(&ms);
	if (err < 0) {
		ot_record_summaries_free(ss, n);
		return err;
	}
	*out = ss;
	*nout = n;
	return 0;
}
