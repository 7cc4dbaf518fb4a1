/*
 * record_conflicts.c - pending records whose changes touch the same clause.
 *
 * A record's changes are, per ordinance, the diff from its base (main when
 * it was introduced) to the head of its branch (ot_record_diff); the
 * clauses it touches are ot_diff_touched of that diff.  Two records
 * conflict when they touch the same (ordinance, clause id).  Records based
 * on different main commits are compared by those ids as they are (a
 * renumbering on main in between is not followed).  Each record's touched
 * set is computed once.  `ordtrack conflicts` and `ordtrack status` render
 * the answer; ot_record_pass checks a record against main instead.
 *
 * Only a pending record that changes an ordinance can conflict, so the
 * candidates come from the index (index_records.c: each record's status
 * as ot_record_load gives it, and its ordinances), and only they are
 * loaded: at New York City's size, 21,800 imported records of which none
 * changes a text, loading every record took `status` of a pending record
 * 2.7 s.  A record the index could not read is a candidate too, so that
 * loading it fails as it did when every record was loaded.
 */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"
#include "tracker_internal.h"
#include "ordtrack/merge.h"
#include "ordtrack/record.h"
#include "ordtrack/store.h"

int ot_record_diff(ot_diff **out, ot_doc **old_out, ot_doc **new_out, ot_tracker *t, const ot_record *r,
		   const char *head, const char *ord)
{
	return ot_store_diff(out, old_out, new_out, t, (ot_text_ref){r->base, ord}, (ot_text_ref){head, ord});
}

int ot_record_render_diff(ot_buf *out, ot_tracker *t, const ot_record *r, const char *head, const char *ord,
			  ot_format fmt, int color)
{
	ot_diff *d = NULL;
	ot_doc *a = NULL, *b = NULL;
	ot_diff_render_opts ro;
	char from[300];
	int err;
	snprintf(from, sizeof(from), "%s@base", r->id);
	memset(&ro, 0, sizeof(ro));
	ro.from_rev = from;
	ro.to_rev = r->id;
	ro.from_commit = r->base;
	ro.to_commit = head;
	ro.color = color;
	if ((err = ot_record_diff(&d, &a, &b, t, r, head, ord)) == 0) {
		ro.old_doc = a;
		ro.new_doc = b;
		err = ot_render_diff(out, d, fmt, &ro);
	}
	ot_diff_free(d);
	ot_doc_free(a);
	ot_doc_free(b);
	return err;
}

/* What one pending record touches: parallel lists of ordinance and id. */
typedef struct touched {
	char *id;
	char **ords, **ids;
	size_t n, cap, icap;
} touched;

static void touched_release(touched *x)
{
	size_t i;
	for (i = 0; i < x->n; i++) {
		free(x->ords[i]);
		free(x->ids[i]);
	}
	free(x->ords);
	free(x->ids);
	free(x->id);
}

static int record_touched(touched *x, ot_tracker *t, const char *id)
{
	ot_record r;
	char head[41];
	size_t i, j, nids = 0;
	int err;

	memset(x, 0, sizeof(*x));
	x->id = ot_strdup(id);
	if ((err = ot_record_load(&r, head, t, id)) < 0)
		return err;
	if (r.status != OT_STATUS_PENDING) {
		ot_record_release(&r);
		return 1; /* not pending: ignored */
	}
	for (i = 0; i < r.nordinances && err == 0; i++) {
		ot_diff *d = NULL;
		char **ids = NULL;
		if ((err = ot_record_diff(&d, NULL, NULL, t, &r, head, r.ordinances[i])) == 0 &&
		    (err = ot_diff_touched(&ids, &nids, d)) == 0) {
			for (j = 0; j < nids; j++) {
				size_t k = x->n;
				*OT_ARRAY_PUSH(x->ids, k, x->icap) = ids[j];
				*OT_ARRAY_PUSH(x->ords, x->n, x->cap) = ot_strdup(r.ordinances[i]);
			}
			free(ids);
		}
		ot_diff_free(d);
	}
	ot_record_release(&r);
	return err;
}

void ot_record_conflicts_release(ot_record_conflicts *cs)
{
	size_t i, j;
	ot_record_conflict *c = cs->items;
	for (i = 0; i < cs->n; i++) {
		free(c[i].a);
		free(c[i].b);
		for (j = 0; j < c[i].n; j++) {
			free(c[i].ords[j]);
			free(c[i].ids[j]);
		}
		free(c[i].ords);
		free(c[i].ids);
	}
	free(c);
	memset(cs, 0, sizeof(*cs));
}

/* The records that may conflict, sorted by id (strcmp, as SQLite's
 * BINARY compares): those the index holds pending with an ordinance, and
 * those it could not read (a problem row has status '').  Read from the
 * ordinances (CROSS JOIN keeps them outside): few records change a text
 * where most are imported, and the pending ones are many.  A new array of
 * *n strings into *out.  0 or an error. */
static int candidates(char ***out, size_t *n, ot_tracker *t)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(t->db,
			       "SELECT o.id FROM record_ordinances o CROSS JOIN records r ON r.id = o.id"
			       " WHERE r.status = 'pending' AND r.problem = ''"
			       " UNION SELECT id FROM records WHERE status = '' AND problem <> '' ORDER BY 1",
			       -1, &st, NULL) != SQLITE_OK)
		return ot_sqlite_error(t->db, "prepare");
	while ((rc = ot_sql_step(st)) == SQLITE_ROW) {
		const unsigned char *id = sqlite3_column_text(st, 0);
		*OT_ARRAY_PUSH(*out, *n, cap) = ot_strdup(id ? (const char *)id : "");
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : ot_sqlite_error(t->db, "find pending records");
}

int ot_record_conflicts_find(ot_record_conflicts *out, ot_tracker *t, const char *only)
{
	char **ids = NULL;
	size_t nids = 0, i, j, k, l, cap = 0;
	touched *xs = NULL;
	size_t nx = 0, xcap = 0;
	int err;

	memset(out, 0, sizeof(*out));
	if ((err = candidates(&ids, &nids, t)) < 0)
		goto done;
	/* a record that cannot conflict is in no pair: nothing to load */
	for (i = 0; only && i < nids && strcmp(ids[i], only) != 0; i++)
		;
	if (only && i == nids)
		goto done;
	for (i = 0; i < nids; i++) {
		touched x;
		err = record_touched(&x, t, ids[i]);
		if (err < 0) {
			touched_release(&x);
			goto done;
		}
		if (err == 1) {
			touched_release(&x);
			continue;
		}
		*OT_ARRAY_PUSH(xs, nx, xcap) = x;
	}
	err = 0;
	/* ids come sorted, so a < b in every pair */
	for (i = 0; i < nx; i++)
		for (j = i + 1; j < nx; j++) {
			ot_record_conflict c = {0};
			size_t ccap = 0, ocap = 0;
			if (only && strcmp(xs[i].id, only) && strcmp(xs[j].id, only))
				continue;
			for (k = 0; k < xs[i].n; k++)
				for (l = 0; l < xs[j].n; l++)
					if (strcmp(xs[i].ids[k], xs[j].ids[l]) == 0 &&
					    strcmp(xs[i].ords[k], xs[j].ords[l]) == 0) {
						size_t m = c.n;
						*OT_ARRAY_PUSH(c.ords, m, ocap) = ot_strdup(xs[i].ords[k]);
						*OT_ARRAY_PUSH(c.ids, c.n, ccap) = ot_strdup(xs[i].ids[k]);
						break;
					}
			if (!c.n)
				continue;
			c.a = ot_strdup(xs[i].id);
			c.b = ot_strdup(xs[j].id);
			*OT_ARRAY_PUSH(out->items, out->n, cap) = c;
		}
done:
	for (i = 0; i < nx; i++)
		touched_release(&xs[i]);
	free(xs);
	for (i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	if (err < 0)
		ot_record_conflicts_release(out);
	return err;
}

