/*
 * record_docs.c - the versioned JSON documents about the legislative
 * record (ordtrack/record_docs.h): records, status, vote, votes,
 * conflicts and members, each built as a jansson tree in the order its
 * keys are documented and appended to an ot_buf by ot_json_append
 * (jsonutil.h), so that the commands and any program linking the library
 * print the same bytes.
 *
 * Shared builders: a vote's fields (vote_fields) are the "vote" object of
 * ordtrack-vote/1 and each vote entry of a status timeline; the clauses
 * of a conflict (clauses_json) appear in ordtrack-conflicts/1 and in
 * status; the members object (ot_members__json) is both `member list`'s
 * document and, dumped with sorted keys by record.c, members.json.
 *
 * Also the inputs these documents need that are not loaded elsewhere: a
 * vote's tally line, the printing order of members, and the roll calls of
 * one member across the records (ot_member_votes_find), answered from the
 * index's roll-call table (index_records.c) without reading the records.
 *
 * Ownership: every json_t built here belongs to its parent once set
 * (json_*_set_new, json_array_append_new) and the root is released by
 * ot_json_append; the documents' inputs are borrowed.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"
#include "jsonutil.h"
#include "ordtrack/diff.h"
#include "ordtrack/doc.h"
#include "ordtrack/record_docs.h"
#include "ordtrack/render.h"
#include "index_records.h"
#include "record_docs_internal.h"

/* ---- records --------------------------------------------------------------- */

static json_t *summary_json(const ot_record_summary *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(r->id));
	json_object_set_new(o, "type", json_string(ot_record_type_names[r->type]));
	json_object_set_new(o, "title", json_string(r->title));
	json_object_set_new(o, "status", json_string(ot_status_names[r->status]));
	json_object_set_new(o, "introduced", json_string(r->introduced));
	json_object_set_new(o, "closed", ot_json_str_or_null(r->closed));
	json_object_set_new(o, "ordinances", ot_json_strv(r->ordinances, r->nordinances));
	json_object_set_new(o, "sponsors", ot_json_strv(r->sponsors, r->nsponsors));
	json_object_set_new(o, "versions", json_integer((json_int_t)r->nversions));
	json_object_set_new(o, "votes", json_integer((json_int_t)r->nvotes));
	if (r->last_date) {
		json_t *a = json_object();
		json_object_set_new(a, "date", json_string(r->last_date));
		json_object_set_new(a, "type", json_string(ot_action_type_names[r->last_type]));
		json_object_set_new(o, "last_action", a);
	} else {
		json_object_set_new(o, "last_action", json_null());
	}
	return o;
}

void ot_record_summaries_doc(ot_buf *out, const ot_record_summary *s, size_t n)
{
	json_t *root = json_object(), *arr = json_array();
	size_t i;
	json_object_set_new(root, "format", json_string("ordtrack-records/1"));
	for (i = 0; i < n; i++)
		json_array_append_new(arr, summary_json(&s[i]));
	json_object_set_new(root, "records", arr);
	ot_json_append(out, root);
}

/* The records' summaries borrow their strings (nothing is copied or
 * released): one builder for both entry points. */
void ot_records_doc(ot_buf *out, const ot_record *rs, size_t n)
{
	ot_record_summary *s = n ? ot_calloc(n, sizeof(*s)) : NULL;
	size_t i;
	for (i = 0; i < n; i++) {
		const ot_record *r = &rs[i];
		const ot_action *last = r->nactions ? &r->actions[r->nactions - 1] : NULL;
		s[i] = (ot_record_summary){r->id,	   r->type,	     r->title,	   r->status,
					   r->introduced, r->closed,	     r->ordinances, r->nordinances,
					   r->sponsors,	  r->nsponsors,	     r->nversions,  r->nvotes,
					   last ? last->date : NULL, last ? last->type : OT_ACTION_INTRODUCTION};
	}
	ot_record_summaries_doc(out, s, n);
	free(s);
}

/* ---- votes ----------------------------------------------------------------- */

void ot_vote_tally(ot_buf *out, const ot_vote *v)
{
	size_t i, others = 0;
	ot_buf_printf(out, "%s %zu-%zu", v->result == OT_RESULT_PASS ? "passed" : "failed",
		      v->counts[OT_VOTE_YES], v->counts[OT_VOTE_NO]);
	for (i = OT_VOTE_ABSTAIN; i < OT_VOTE_NOPTIONS; i++) {
		if (!v->counts[i])
			continue;
		ot_buf_puts(out, others++ ? ", " : " (");
		ot_buf_printf(out, "%zu %s", v->counts[i], ot_vote_option_label((ot_vote_option)i));
	}
	if (others)
		ot_buf_putc(out, ')');
}

/* Set v's keys in o, after any o has: date, motion, result, tally,
 * threshold, forced, counts, then the roll as yes and no (names) and
 * other (name and option). */
static void vote_fields(json_t *o, const ot_vote *v)
{
	json_t *counts = json_object(), *yes = json_array(), *no = json_array(), *other = json_array();
	ot_buf tally = OT_BUF_INIT;
	size_t i;
	ot_vote_tally(&tally, v);
	json_object_set_new(o, "date", json_string(v->date));
	json_object_set_new(o, "motion", json_string(v->motion));
	json_object_set_new(o, "result", json_string(ot_vote_result_names[v->result]));
	json_object_set_new(o, "tally", json_string(tally.ptr));
	json_object_set_new(o, "threshold", ot_json_str_or_null(ot_threshold_names[v->threshold]));
	json_object_set_new(o, "forced", ot_json_str_or_null(v->forced));
	for (i = 0; i < OT_VOTE_NOPTIONS; i++)
		json_object_set_new(counts, ot_vote_option_names[i], json_integer((json_int_t)v->counts[i]));
	json_object_set_new(o, "counts", counts);
	for (i = 0; i < v->nroll; i++) {
		const ot_roll_entry *e = &v->roll[i];
		if (e->option == OT_VOTE_YES) {
			json_array_append_new(yes, json_string(e->name));
		} else if (e->option == OT_VOTE_NO) {
			json_array_append_new(no, json_string(e->name));
		} else {
			json_t *x = json_object();
			json_object_set_new(x, "name", json_string(e->name));
			json_object_set_new(x, "option", json_string(ot_vote_option_names[e->option]));
			json_array_append_new(other, x);
		}
	}
	json_object_set_new(o, "yes", yes);
	json_object_set_new(o, "no", no);
	json_object_set_new(o, "other", other);
	ot_buf_release(&tally);
}

void ot_vote_doc(ot_buf *out, const char *record, const char *commit, const ot_vote *v)
{
	json_t *root = json_object(), *vote = json_object();
	json_object_set_new(root, "format", json_string("ordtrack-vote/1"));
	json_object_set_new(root, "record", json_string(record));
	json_object_set_new(root, "commit", json_string(commit));
	vote_fields(vote, v);
	json_object_set_new(root, "vote", vote);
	ot_json_append(out, root);
}

/* ---- the roll calls of one member ------------------------------------------ */

/* The full name `name` stands for among all members, whatever their
 * terms, into *out (borrowed from ms): any spelling ot_members_match
 * takes (Last, First; titles; accents; an alias; the last name alone).
 * 0, or OT_ENOTFOUND / OT_EINVALID (more than one member: listed). */
static int resolve(const char **out, const ot_members *ms, const char *name)
{
	const ot_member *hits[8];
	size_t n = ot_members_match(ms, name, NULL, hits, 8), i;
	if (n == 1) {
		*out = hits[0]->name;
		return 0;
	}
	if (n > 1) {
		ot_buf c = OT_BUF_INIT;
		int err;
		for (i = 0; i < n && i < 8; i++)
			ot_buf_printf(&c, "%s%s (ward %d)", i ? ", " : "", hits[i]->name, hits[i]->ward);
		err = ot_error_set(OT_EINVALID, "'%s' could be any of %s; give the full name", name, c.ptr);
		ot_buf_release(&c);
		return err;
	}
	{
		int err = ot_error_set(OT_ENOTFOUND, "unknown member '%s'", name);
		ot_error_hint(OT_HINT_LIST_MEMBERS);
		return err;
	}
}

int ot_member_votes_find(ot_member_votes *out, ot_tracker *t, const char *name)
{
	ot_members ms = {0};
	const char *full = NULL;
	char *bad = NULL;
	int err;

	memset(out, 0, sizeof(*out));
	if ((err = ot_members_load(&ms, t)) < 0)
		goto done;
	if ((err = resolve(&full, &ms, name)) < 0)
		goto done;
	out->member = ot_strdup(full);
	/* a record the index could not read: loading it again gives its
	 * error, as reading every record did */
	if ((err = ot_index_records_problem(&bad, t)) < 0)
		goto done;
	if (bad) {
		ot_record r;
		if ((err = ot_record_load(&r, NULL, t, bad)) < 0)
			goto done;
		ot_record_release(&r);
		err = ot_error_set(-1, "index: record %s could not be read when indexed; rebuild the index", bad);
		goto done;
	}
	/* by date, record, then as recorded: the index's order */
	err = ot_index_member_casts(&out->items, &out->n, t, out->member);
done:
	if (!out->items)
		out->items = ot_calloc(1, sizeof(*out->items));
	free(bad);
	ot_members_release(&ms);
	return err;
}

void ot_member_votes_release(ot_member_votes *v)
{
	size_t i;
	if (!v)
		return;
	for (i = 0; i < v->n; i++) {
		free(v->items[i].date);
		free(v->items[i].record);
		free(v->items[i].motion);
	}
	free(v->items);
	free(v->member);
	memset(v, 0, sizeof(*v));
}

void ot_votes_doc(ot_buf *out, const ot_member_votes *v)
{
	json_t *root = json_object(), *arr = json_array();
	size_t i;
	json_object_set_new(root, "format", json_string("ordtrack-votes/1"));
	json_object_set_new(root, "member", json_string(v->member));
	for (i = 0; i < v->n; i++) {
		const ot_member_cast *c = &v->items[i];
		json_t *o = json_object();
		json_object_set_new(o, "date", json_string(c->date));
		json_object_set_new(o, "record", json_string(c->record));
		json_object_set_new(o, "motion", json_string(c->motion));
		json_object_set_new(o, "option", json_string(ot_vote_option_names[c->option]));
		json_object_set_new(o, "result", json_string(ot_vote_result_names[c->result]));
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "votes", arr);
	ot_json_append(out, root);
}

/* ---- conflicts ------------------------------------------------------------- */

/* The clauses both records of c change: [{ordinance, id}, ...]. */
static json_t *clauses_json(const ot_record_conflict *c)
{
	json_t *cl = json_array();
	size_t j;
	for (j = 0; j < c->n; j++) {
		json_t *x = json_object();
		json_object_set_new(x, "ordinance", json_string(c->ords[j]));
		json_object_set_new(x, "id", json_string(c->ids[j]));
		json_array_append_new(cl, x);
	}
	return cl;
}

void ot_conflicts_doc(ot_buf *out, const ot_record_conflicts *c)
{
	json_t *root = json_object(), *arr = json_array();
	size_t i;
	json_object_set_new(root, "format", json_string("ordtrack-conflicts/1"));
	for (i = 0; i < c->n; i++) {
		json_t *o = json_object(), *recs = json_array();
		json_array_append_new(recs, json_string(c->items[i].a));
		json_array_append_new(recs, json_string(c->items[i].b));
		json_object_set_new(o, "records", recs);
		json_object_set_new(o, "clauses", clauses_json(&c->items[i]));
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "conflicts", arr);
	ot_json_append(out, root);
}

/* ---- status ---------------------------------------------------------------- */

/* The timeline entries of ev[0..nev), the text as introduced left out
 * (it is the introduction itself). */
static json_t *timeline_json(const ot_record *r, const ot_record_event *ev, size_t nev)
{
	json_t *tl = json_array();
	size_t i;
	for (i = 0; i < nev; i++) {
		json_t *o = json_object();
		if (ev[i].kind == OT_EVENT_VERSION && ev[i].index == 0) {
			json_decref(o);
			continue;
		}
		if (ev[i].kind == OT_EVENT_VOTE) {
			json_object_set_new(o, "kind", json_string("vote"));
			vote_fields(o, &r->votes[ev[i].index]);
		} else if (ev[i].kind == OT_EVENT_VERSION) {
			const ot_record_version *v = &r->versions[ev[i].index];
			json_object_set_new(o, "kind", json_string("version"));
			json_object_set_new(o, "date", json_string(v->date));
			json_object_set_new(o, "version", json_integer(v->number));
			json_object_set_new(o, "stage", json_string(ot_stage_names[v->stage]));
		} else {
			const ot_action *a = &r->actions[ev[i].index];
			json_object_set_new(o, "kind", json_string("action"));
			json_object_set_new(o, "date", json_string(a->date));
			json_object_set_new(o, "type", json_string(ot_action_type_names[a->type]));
			json_object_set_new(o, "body", ot_json_str_or_null(a->body));
			json_object_set_new(o, "text", ot_json_str_or_null(a->text));
		}
		json_array_append_new(tl, o);
	}
	return tl;
}

/* The diff of each of r's ordinances from its base to head, as
 * [{ordinance, diff: ordtrack-diff/1}, ...] into *out (a new reference).
 * 0, or a library error code with a message (*out is NULL then). */
static int changes_json(json_t **out, ot_tracker *t, const ot_record *r, const char *head)
{
	json_t *arr = json_array();
	size_t i;
	int err = 0;
	for (i = 0; i < r->nordinances && err == 0; i++) {
		ot_buf one = OT_BUF_INIT;
		err = ot_record_render_diff(&one, t, r, head, r->ordinances[i], OT_FORMAT_JSON, 0);
		if (err == 0) {
			/* the renderer's document, embedded as it printed it */
			json_error_t je;
			json_t *diff = json_loadb(one.ptr, one.len, 0, &je);
			if (!diff) {
				err = ot_error_set(-1, "internal: the diff renderer gave invalid JSON: %s",
						   je.text);
			} else {
				json_t *o = json_object();
				json_object_set_new(o, "ordinance", json_string(r->ordinances[i]));
				json_object_set_new(o, "diff", diff);
				json_array_append_new(arr, o);
			}
		}
		ot_buf_release(&one);
	}
	if (err < 0) {
		json_decref(arr);
		arr = NULL;
	}
	*out = arr;
	return err;
}

int ot_status_doc(ot_buf *out, ot_tracker *t, const ot_record *r, const char *head,
		  const ot_record_conflicts *conflicts)
{
	json_t *root, *rec, *changes = NULL, *cs;
	ot_record_event *ev;
	size_t nev, i;
	int err;

	if ((err = changes_json(&changes, t, r, head)) < 0)
		return err;
	root = json_object();
	rec = ot_json_record_facts(r);
	json_object_set_new(root, "format", json_string("ordtrack-status/1"));
	json_object_set_new(rec, "base", json_string(r->base));
	json_object_set_new(rec, "head", json_string(head));
	json_object_set_new(rec, "versions", json_integer((json_int_t)r->nversions));
	json_object_set_new(root, "record", rec);
	ev = ot_record_timeline(r, &nev);
	json_object_set_new(root, "timeline", timeline_json(r, ev, nev));
	free(ev);
	json_object_set_new(root, "changes", changes);
	cs = json_array();
	for (i = 0; conflicts && i < conflicts->n; i++) {
		const ot_record_conflict *c = &conflicts->items[i];
		json_t *o = json_object();
		json_object_set_new(o, "record", json_string(strcmp(c->a, r->id) == 0 ? c->b : c->a));
		json_object_set_new(o, "clauses", clauses_json(c));
		json_array_append_new(cs, o);
	}
	json_object_set_new(root, "conflicts", cs);
	ot_json_append(out, root);
	return 0;
}

/* ---- members --------------------------------------------------------------- */

static int member_cmp(const void *pa, const void *pb)
{
	const ot_member *a = pa, *b = pb;
	int c;
	if (a->ward != b->ward)
		return a->ward < b->ward ? -1 : 1;
	if ((c = strcasecmp(a->name, b->name)) != 0)
		return c;
	return strcmp(a->from ? a->from : "", b->from ? b->from : "");
}

void ot_members_sort(ot_members *m)
{
	if (m->n)
		qsort(m->items, m->n, sizeof(*m->items), member_cmp);
}

json_t *ot_members__json(const ot_member *items, size_t n)
{
	json_t *o = json_object(), *a = json_array();
	size_t i;
	json_object_set_new(o, "format", json_string("ordtrack-members/1"));
	for (i = 0; i < n; i++) {
		json_t *e = json_object();
		json_object_set_new(e, "name", json_string(items[i].name));
		json_object_set_new(e, "ward", json_integer(items[i].ward));
		json_object_set_new(e, "from", ot_json_str_or_null(items[i].from));
		json_object_set_new(e, "to", ot_json_str_or_null(items[i].to));
		if (items[i].naliases) /* absent when none: older files keep their bytes */
			json_object_set_new(e, "aliases", ot_json_strv(items[i].aliases, items[i].naliases));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "members", a);
	return o;
}

void ot_members_doc(ot_buf *out, const ot_members *m)
{
	/* a shallow copy in printing order: the strings stay m's */
	ot_members sorted = {NULL, m->n, m->n};
	sorted.items = ot_calloc(m->n ? m->n : 1, sizeof(*sorted.items));
	if (m->n)
		memcpy(sorted.items, m->items, m->n * sizeof(*m->items));
	ot_members_sort(&sorted);
	ot_json_append(out, ot_members__json(sorted.items, sorted.n));
	free(sorted.items);
}
