/*
 * summary_render.c - a summary as text, Markdown or JSON, and what every
 * summary format shares: the timeline rows, the roll-call groups and the
 * way a voter is named (summary_internal.h).  HTML is summary_html.c.
 *
 * Layout of text and Markdown: the headline; the facts (record, status,
 * ordinances, sponsors); the timeline; the votes, each with its tally and
 * its roll call grouped yes / no / other with wards; the changed clauses,
 * one line each; then the full redline as `ordtrack diff` renders it.
 * JSON ("ordtrack-summary/1", docs/summary.md) carries the same facts with
 * each diff in its "ordtrack-diff/1" form.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "jsonutil.h"
#include "ordtrack/summary.h"
#include "render_internal.h"
#include "summary_html.h"
#include "summary_internal.h"

/* ---- shared ---------------------------------------------------------------- */

const char *const ot_summary__group_names[3] = {"Yes", "No", "Other"};

int ot_summary__group_of(ot_vote_option o)
{
	return o == OT_VOTE_YES ? 0 : o == OT_VOTE_NO ? 1 : 2;
}

void ot_summary__voter(ot_buf *out, const ot_summary *s, const ot_vote *v, const ot_roll_entry *e)
{
	int ward = ot_summary_ward(s, e->name, v->date);
	ot_buf_puts(out, e->name);
	if (ward)
		ot_buf_printf(out, " (ward %d)", ward);
	if (ot_summary__group_of(e->option) == 2)
		ot_buf_printf(out, ", %s", ot_vote_option_label(e->option));
}

void ot_summary__each_vote(const ot_summary *s, ot_summary_vote_fn fn, void *ctx)
{
	size_t i, j;
	for (i = 0; i < s->nrecords; i++)
		for (j = 0; j < s->records[i].nvotes; j++)
			fn(ctx, &s->records[i], &s->records[i].votes[j], j + 1);
}

void ot_summary__diff_opts(ot_diff_render_opts *ro, const ot_summary *s, size_t i)
{
	memset(ro, 0, sizeof(*ro));
	ro->from_rev = s->from_rev;
	ro->to_rev = s->to_rev;
	ro->from_commit = s->from_commit;
	ro->to_commit = s->to_commit;
	ro->old_doc = s->diffs[i].old_doc;
	ro->new_doc = s->diffs[i].new_doc;
}

static int has_introduction(const ot_record *r)
{
	size_t i;
	for (i = 0; i < r->nactions; i++)
		if (r->actions[i].type == OT_ACTION_INTRODUCTION)
			return 1;
	return 0;
}

static int cmp_row(const void *pa, const void *pb)
{
	const ot_summary_row *a = pa, *b = pb;
	int c = strcmp(a->date, b->date);
	if (c)
		return c;
	/* stable: keep the order the rows were made in */
	return a < b ? -1 : a > b;
}

ot_summary_row *ot_summary__rows(const ot_summary *s, size_t *n)
{
	ot_summary_row *rows = NULL;
	size_t cap = 0, i, j, nev;
	*n = 0;
	if (!s->record_id) {
		for (i = 0; i < s->nversions; i++) {
			ot_summary_row *row = OT_ARRAY_PUSH(rows, *n, cap);
			memset(row, 0, sizeof(*row));
			row->date = s->versions[i].date;
			row->version = &s->versions[i];
		}
		return rows;
	}
	for (i = 0; i < s->nrecords; i++) {
		const ot_record *r = &s->records[i];
		ot_record_event *ev = ot_record_timeline(r, &nev);
		int intro = has_introduction(r);
		for (j = 0; j < nev; j++) {
			ot_summary_row *row;
			if (ev[j].kind == OT_EVENT_VERSION && ev[j].index == 0 && intro)
				continue;
			row = OT_ARRAY_PUSH(rows, *n, cap);
			memset(row, 0, sizeof(*row));
			row->date = ev[j].date;
			row->record = r;
			row->ev = ev[j];
		}
		free(ev);
	}
	/* one record's timeline is in order already; several are merged
	 * by date (qsort is not stable: compare addresses to keep order) */
	if (s->nrecords > 1)
		qsort(rows, *n, sizeof(*rows), cmp_row);
	return rows;
}

static void row_text(ot_buf *out, const ot_summary_row *row);

void ot_summary__row_text(ot_buf *out, const ot_summary_row *row)
{
	size_t start = out->len, i;
	row_text(out, row);
	/* one row is one line in every format: an action's text may hold
	 * line breaks */
	for (i = start; i < out->len; i++)
		if (out->ptr[i] == '\n' || out->ptr[i] == '\r' || out->ptr[i] == '\t')
			out->ptr[i] = ' ';
}

static void row_text(ot_buf *out, const ot_summary_row *row)
{
	if (row->version) {
		const ot_version *v = row->version;
		ot_buf_printf(out, "Version %d of %s (%s)", v->number, v->ordinance, v->stage);
		if (*v->record)
			ot_buf_printf(out, ", %s", v->record);
		if (v->subject && *v->subject)
			ot_buf_printf(out, ": %s", v->subject);
		return;
	}
	if (row->ev.kind == OT_EVENT_ACTION) {
		const ot_action *a = &row->record->actions[row->ev.index];
		ot_buf_puts(out, ot_action_phrase(a->type));
		if (a->body)
			ot_buf_printf(out, " (%s)", a->body);
		if (a->text)
			ot_buf_printf(out, ": %s", a->text);
	} else if (row->ev.kind == OT_EVENT_VERSION) {
		const ot_record_version *v = &row->record->versions[row->ev.index];
		if (v->number == 1)
			ot_buf_puts(out, "Introduced (text version 1)");
		else
			ot_buf_printf(out, "Text version %d (%s)", v->number, ot_stage_names[v->stage]);
	} else {
		const ot_vote *v = &row->record->votes[row->ev.index];
		ot_buf_printf(out, "Vote on %s: ", v->motion);
		ot_vote_tally_words(out, v);
	}
}

/* ---- text ------------------------------------------------------------------- */

static void join(ot_buf *out, char *const *v, size_t n, const char *sep)
{
	size_t i;
	for (i = 0; i < n; i++)
		ot_buf_printf(out, "%s%s", i ? sep : "", v[i]);
}

static void ordinance_list(ot_buf *out, const ot_summary *s, int md)
{
	size_t i;
	for (i = 0; i < s->ndiffs; i++) {
		ot_buf tmp = OT_BUF_INIT;
		ot_buf_printf(&tmp, "%s%s", i ? ", " : "", s->diffs[i].ordinance);
		if (s->diffs[i].title)
			ot_buf_printf(&tmp, " (%s)", s->diffs[i].title);
		if (md)
			ot_render__md_escape(out, tmp.ptr, tmp.len);
		else
			ot_buf_put(out, tmp.ptr, tmp.len);
		ot_buf_release(&tmp);
	}
}

/* Append `item` to a line being wrapped at 78 columns under `indent`. */
static void wrap_item(ot_buf *out, size_t *col, const char *item, size_t len, const char *indent, int first)
{
	if (!first) {
		ot_buf_putc(out, ',');
		(*col)++;
		if (*col + 1 + len > 78) {
			ot_buf_printf(out, "\n%s", indent);
			*col = strlen(indent);
		} else {
			ot_buf_putc(out, ' ');
			(*col)++;
		}
	}
	ot_buf_put(out, item, len);
	*col += len;
}

typedef struct vote_ctx {
	ot_buf *out;
	const ot_summary *s;
	int md;
	size_t n;
} vote_ctx;

static void roll_groups(ot_buf *out, const ot_summary *s, const ot_vote *v, int md)
{
	ot_buf item = OT_BUF_INIT, head = OT_BUF_INIT;
	int g;
	size_t i;
	for (g = 0; g < 3; g++) {
		size_t count = 0, col, k = 0;
		for (i = 0; i < v->nroll; i++)
			count += ot_summary__group_of(v->roll[i].option) == g;
		if (!count)
			continue;
		ot_buf_clear(&head);
		if (md)
			ot_buf_printf(&head, "- **%s (%zu):** ", ot_summary__group_names[g], count);
		else
			ot_buf_printf(&head, "    %s (%zu): ", ot_summary__group_names[g], count);
		ot_buf_put(out, head.ptr, head.len);
		col = head.len;
		for (i = 0; i < v->nroll; i++) {
			if (ot_summary__group_of(v->roll[i].option) != g)
				continue;
			ot_buf_clear(&item);
			if (md) {
				ot_buf tmp = OT_BUF_INIT;
				ot_summary__voter(&tmp, s, v, &v->roll[i]);
				ot_render__md_escape(&item, tmp.ptr, tmp.len);
				ot_buf_release(&tmp);
				ot_buf_printf(out, "%s%s", k++ ? ", " : "", item.ptr);
			} else {
				ot_summary__voter(&item, s, v, &v->roll[i]);
				wrap_item(out, &col, item.ptr, item.len, "        ", k++ == 0);
			}
		}
		ot_buf_putc(out, '\n');
	}
	if (!v->nroll)
		ot_buf_puts(out, md ? "- The roll call is not recorded.\n" : "    The roll call is not recorded.\n");
	ot_buf_release(&item);
	ot_buf_release(&head);
}

static void vote_block(void *pctx, const ot_record *r, const ot_vote *v, size_t number)
{
	vote_ctx *c = pctx;
	ot_buf line = OT_BUF_INIT;
	(void)number;
	if (c->md && c->n)
		ot_buf_putc(c->out, '\n');
	ot_buf_printf(&line, "%s", v->date);
	if (c->s->nrecords > 1 || !c->s->record_id)
		ot_buf_printf(&line, ", %s", r->id);
	ot_buf_printf(&line, ": %s — ", v->motion);
	ot_vote_tally_words(&line, v);
	if (v->threshold != OT_THRESHOLD_NONE)
		ot_buf_printf(&line, " (threshold: %s)", ot_threshold_names[v->threshold]);
	if (c->md) {
		ot_buf_puts(c->out, "### ");
		ot_render__md_escape(c->out, line.ptr, line.len);
		ot_buf_puts(c->out, "\n\n");
	} else {
		ot_buf_printf(c->out, "  %s\n", line.ptr);
	}
	if (v->forced) {
		ot_buf_clear(&line);
		ot_buf_printf(&line, "Recorded although the counts do not meet the threshold: %s", v->forced);
		if (c->md) {
			ot_render__md_escape(c->out, line.ptr, line.len);
			ot_buf_puts(c->out, "\n\n");
		} else {
			ot_buf_printf(c->out, "    %s\n", line.ptr);
		}
	}
	roll_groups(c->out, c->s, v, c->md);
	c->n++;
	ot_buf_release(&line);
}

/* "not recorded" lines for records that were decided without a vote */
static void votes_missing(ot_buf *out, const ot_summary *s, int md)
{
	size_t i;
	for (i = 0; i < s->nrecords; i++) {
		const ot_record *r = &s->records[i];
		if (r->nvotes)
			continue;
		if (r->status == OT_STATUS_PASSED || r->status == OT_STATUS_FAILED)
			ot_buf_printf(out, "%s%s %s on %s: the vote is not recorded.\n", md ? "- " : "  ", r->id,
				      ot_status_names[r->status],
				      r->closed ? r->closed : "an unrecorded date");
		else
			ot_buf_printf(out, "%s%s: no vote recorded yet.\n", md ? "- " : "  ", r->id);
	}
}

static void facts(ot_buf *out, const ot_summary *s, int md)
{
	const char *fmt = md ? "**%s:** " : "%-12s";
	const char *eol = md ? "  \n" : "\n";
	ot_buf tmp = OT_BUF_INIT;
	size_t i;
	for (i = 0; i < s->nrecords && s->record_id; i++) {
		const ot_record *r = &s->records[i];
		ot_buf_printf(out, fmt, md ? "Record" : "Record:");
		ot_buf_clear(&tmp);
		ot_buf_printf(&tmp, "%s (%s): %s", r->id, ot_record_type_names[r->type], r->title);
		if (md)
			ot_render__md_escape(out, tmp.ptr, tmp.len);
		else
			ot_buf_put(out, tmp.ptr, tmp.len);
		ot_buf_puts(out, eol);
		ot_buf_printf(out, fmt, md ? "Status" : "Status:");
		ot_buf_printf(out, "%s", ot_status_names[r->status]);
		if (r->closed)
			ot_buf_printf(out, " on %s", r->closed);
		if (r->effective)
			ot_buf_printf(out, ", effective %s", r->effective);
		ot_buf_printf(out, " (introduced %s)%s", r->introduced, eol);
	}
	if (!s->record_id) {
		ot_buf_printf(out, fmt, md ? "Compared" : "Compared:");
		ot_buf_clear(&tmp);
		ot_buf_printf(&tmp, "%s (%.12s) to %s (%.12s)", s->from_rev, s->from_commit, s->to_rev, s->to_commit);
		if (md)
			ot_render__md_escape(out, tmp.ptr, tmp.len);
		else
			ot_buf_put(out, tmp.ptr, tmp.len);
		ot_buf_puts(out, eol);
	}
	ot_buf_printf(out, fmt, md ? "Ordinances" : "Ordinances:");
	ordinance_list(out, s, md);
	ot_buf_puts(out, eol);
	ot_buf_printf(out, fmt, md ? "Sponsors" : "Sponsors:");
	ot_buf_clear(&tmp);
	if (s->nsponsors)
		join(&tmp, s->sponsors, s->nsponsors, "; ");
	else
		ot_buf_puts(&tmp, "not recorded");
	if (md)
		ot_render__md_escape(out, tmp.ptr, tmp.len);
	else
		ot_buf_put(out, tmp.ptr, tmp.len);
	ot_buf_puts(out, md ? "\n" : "\n");
	ot_buf_release(&tmp);
}

static int render_text_md(ot_buf *out, const ot_summary *s, int md, int color)
{
	ot_summary_row *rows;
	size_t nrows, i;
	vote_ctx vc = {out, s, md, 0};
	ot_buf tmp = OT_BUF_INIT;
	int err = 0;

	if (md) {
		ot_buf_puts(out, "# ");
		ot_render__md_escape(out, s->headline, strlen(s->headline));
		ot_buf_puts(out, "\n\n");
	} else {
		ot_buf_printf(out, "%s\n\n", s->headline);
	}
	facts(out, s, md);

	rows = ot_summary__rows(s, &nrows);
	ot_buf_puts(out, md ? "\n## Timeline\n\n" : "\nTimeline\n");
	if (md && nrows)
		ot_buf_puts(out, "| Date | Event |\n|---|---|\n");
	for (i = 0; i < nrows; i++) {
		ot_buf_clear(&tmp);
		ot_summary__row_text(&tmp, &rows[i]);
		if (md) {
			ot_buf_printf(out, "| %s | ", rows[i].date);
			ot_render__md_escape(out, tmp.ptr, tmp.len);
			ot_buf_puts(out, " |\n");
		} else {
			ot_buf_printf(out, "  %s  %s\n", rows[i].date, tmp.ptr);
		}
	}
	if (!nrows)
		ot_buf_puts(out, md ? "No events recorded.\n" : "  No events recorded.\n");
	free(rows);

	ot_buf_puts(out, md ? "\n## Votes\n\n" : "\nVotes\n");
	ot_summary__each_vote(s, vote_block, &vc);
	votes_missing(out, s, md);
	if (!vc.n && !s->nrecords)
		ot_buf_puts(out, md ? "No record of these changes is in the tracker, so no vote is recorded.\n"
				    : "  No record of these changes is in the tracker, so no vote is recorded.\n");

	ot_buf_puts(out, md ? "\n## Changed clauses\n\n" : "\nChanged clauses\n");
	for (i = 0; i < s->nlines; i++) {
		if (md) {
			ot_buf_puts(out, "- ");
			ot_render__md_escape(out, s->lines[i].text, strlen(s->lines[i].text));
			ot_buf_putc(out, '\n');
		} else {
			ot_buf_printf(out, "  %s\n", s->lines[i].text);
		}
	}
	if (!s->nlines)
		ot_buf_puts(out, md ? "No clause changes.\n" : "  No clause changes.\n");

	ot_buf_puts(out, md ? "\n" : "\nRedline\n");
	for (i = 0; i < s->ndiffs && err == 0; i++) {
		ot_diff_render_opts ro;
		ot_summary__diff_opts(&ro, s, i);
		ro.color = color;
		if (s->ndiffs > 1 && !md)
			ot_buf_printf(out, "%s:\n", s->diffs[i].ordinance);
		err = ot_render_diff(out, s->diffs[i].diff, md ? OT_FORMAT_MARKDOWN : OT_FORMAT_TEXT, &ro);
		if (md && i + 1 < s->ndiffs)
			ot_buf_putc(out, '\n');
	}
	ot_buf_release(&tmp);
	return err;
}

/* ---- JSON ------------------------------------------------------------------- */

typedef struct json_votes {
	const ot_summary *s;
	json_t *arr;
} json_votes;

static void vote_json(void *pctx, const ot_record *r, const ot_vote *v, size_t number)
{
	json_votes *c = pctx;
	json_t *o = json_object(), *counts = json_object(), *groups[3];
	json_t *roll = json_object();
	size_t i;
	int g, opt;
	json_object_set_new(o, "record", json_string(r->id));
	json_object_set_new(o, "number", json_integer((json_int_t)number));
	json_object_set_new(o, "date", json_string(v->date));
	json_object_set_new(o, "motion", json_string(v->motion));
	json_object_set_new(o, "result", json_string(ot_vote_result_names[v->result]));
	json_object_set_new(o, "threshold", ot_json_str_or_null(ot_threshold_names[v->threshold]));
	json_object_set_new(o, "forced", ot_json_str_or_null(v->forced));
	for (opt = 0; opt < OT_VOTE_NOPTIONS; opt++)
		json_object_set_new(counts, ot_vote_option_names[opt], json_integer((json_int_t)v->counts[opt]));
	json_object_set_new(o, "counts", counts);
	for (g = 0; g < 3; g++)
		groups[g] = json_array();
	for (i = 0; i < v->nroll; i++) {
		json_t *m = json_object();
		int ward = ot_summary_ward(c->s, v->roll[i].name, v->date);
		json_object_set_new(m, "name", json_string(v->roll[i].name));
		json_object_set_new(m, "ward", ward ? json_integer(ward) : json_null());
		json_object_set_new(m, "option", json_string(ot_vote_option_names[v->roll[i].option]));
		json_array_append_new(groups[ot_summary__group_of(v->roll[i].option)], m);
	}
	json_object_set_new(roll, "yes", groups[0]);
	json_object_set_new(roll, "no", groups[1]);
	json_object_set_new(roll, "other", groups[2]);
	json_object_set_new(o, "roll", roll);
	json_array_append_new(c->arr, o);
}

static json_t *row_json(const ot_summary_row *row)
{
	json_t *o = json_object();
	ot_buf text = OT_BUF_INIT;
	const char *kind = row->version ? "version"
			   : row->ev.kind == OT_EVENT_ACTION ? "action"
			   : row->ev.kind == OT_EVENT_VOTE ? "vote" : "text-version";
	ot_summary__row_text(&text, row);
	json_object_set_new(o, "date", json_string(row->date));
	json_object_set_new(o, "kind", json_string(kind));
	json_object_set_new(o, "record", row->record ? json_string(row->record->id)
				       : (row->version && *row->version->record) ? json_string(row->version->record)
				       : json_null());
	if (row->version) {
		json_object_set_new(o, "ordinance", json_string(row->version->ordinance));
		json_object_set_new(o, "version", json_integer(row->version->number));
		json_object_set_new(o, "stage", json_string(row->version->stage));
	} else if (row->ev.kind == OT_EVENT_ACTION) {
		const ot_action *a = &row->record->actions[row->ev.index];
		json_object_set_new(o, "type", json_string(ot_action_type_names[a->type]));
		json_object_set_new(o, "body", ot_json_str_or_null(a->body));
	} else if (row->ev.kind == OT_EVENT_VOTE) {
		json_object_set_new(o, "vote", json_integer((json_int_t)row->ev.index + 1));
	} else {
		json_object_set_new(o, "version", json_integer(row->record->versions[row->ev.index].number));
		json_object_set_new(o, "stage", json_string(ot_stage_names[row->record->versions[row->ev.index].stage]));
	}
	json_object_set_new(o, "text", json_string(text.ptr));
	ot_buf_release(&text);
	return o;
}

static int render_json(ot_buf *out, const ot_summary *s)
{
	json_t *root = json_object(), *arr;
	json_votes jv = {s, json_array()};
	ot_summary_row *rows;
	size_t nrows, i;
	char *dump;
	int err = 0;

	json_object_set_new(root, "format", json_string("ordtrack-summary/1"));
	json_object_set_new(root, "kind", json_string(s->record_id ? "record" : "range"));
	json_object_set_new(root, "headline", json_string(s->headline));
	json_object_set_new(root, "from", json_string(s->from_rev));
	json_object_set_new(root, "to", json_string(s->to_rev));
	json_object_set_new(root, "from_commit", json_string(s->from_commit));
	json_object_set_new(root, "to_commit", json_string(s->to_commit));
	arr = json_array();
	for (i = 0; i < s->nrecords; i++)
		json_array_append_new(arr, ot_json_record_facts(&s->records[i]));
	json_object_set_new(root, "records", arr);
	arr = json_array();
	for (i = 0; i < s->ndiffs; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_string(s->diffs[i].ordinance));
		json_object_set_new(o, "title", ot_json_str_or_null(s->diffs[i].title));
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "ordinances", arr);
	json_object_set_new(root, "sponsors", ot_json_strv(s->sponsors, s->nsponsors));
	rows = ot_summary__rows(s, &nrows);
	arr = json_array();
	for (i = 0; i < nrows; i++)
		json_array_append_new(arr, row_json(&rows[i]));
	free(rows);
	json_object_set_new(root, "timeline", arr);
	ot_summary__each_vote(s, vote_json, &jv);
	json_object_set_new(root, "votes", jv.arr);
	arr = json_array();
	for (i = 0; i < s->nlines; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "ordinance", json_string(s->lines[i].ordinance));
		json_object_set_new(o, "section", json_string(s->lines[i].section));
		json_object_set_new(o, "first", json_string(s->lines[i].anchor));
		json_object_set_new(o, "text", json_string(s->lines[i].text));
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "changes", arr);
	arr = json_array();
	for (i = 0; i < s->ndiffs && err == 0; i++) {
		ot_buf one = OT_BUF_INIT;
		ot_diff_render_opts ro;
		json_error_t je;
		json_t *d;
		ot_summary__diff_opts(&ro, s, i);
		if ((err = ot_render_diff(&one, s->diffs[i].diff, OT_FORMAT_JSON, &ro)) == 0) {
			if (!(d = json_loadb(one.ptr, one.len, 0, &je))) {
				err = ot_error_set(OT_ERROR, "internal: the diff renderer gave invalid JSON: %s", je.text);
			} else {
				json_t *o = json_object();
				json_object_set_new(o, "ordinance", json_string(s->diffs[i].ordinance));
				json_object_set_new(o, "diff", d);
				json_array_append_new(arr, o);
			}
		}
		ot_buf_release(&one);
	}
	json_object_set_new(root, "diffs", arr);
	if (err == 0) {
		dump = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		if (!dump) {
			err = ot_error_set(OT_ERROR, "cannot write the summary as JSON (out of memory, or a text that is "
						     "not UTF-8)");
		} else {
			ot_buf_puts(out, dump);
			ot_buf_putc(out, '\n');
			free(dump);
		}
	}
	json_decref(root);
	return err;
}

/* ---- dispatch --------------------------------------------------------------- */

int ot_summary_render(ot_buf *out, const ot_summary *s, ot_format fmt, int color)
{
	switch (fmt) {
	case OT_FORMAT_TEXT: return render_text_md(out, s, 0, color);
	case OT_FORMAT_MARKDOWN: return render_text_md(out, s, 1, 0);
	case OT_FORMAT_JSON: return render_json(out, s);
	case OT_FORMAT_HTML: return ot_summary__html_page(out, s);
	default:
		return ot_error_set(OT_EINVALID, "a summary is written as text, markdown, html or json, not %s",
				    fmt == OT_FORMAT_UNIFIED ? "unified" : "that format");
	}
}
