/*
 * summary_html.c - a summary as HTML (summary_html.h): the standalone page
 * of `summary --format html`, and the body of a record page of the
 * published site.
 *
 * Structure: <h1> headline; a <dl> of facts (record, status, ordinances,
 * sponsors); "Timeline" (a table with header cells; vote rows link to the
 * vote); "Votes" (per vote a <section id="vote-N"> with the tally in
 * words, an inline SVG bar chart whose <title> and aria-label say the same
 * counts, and the roll call as a table grouped yes / no / other with
 * wards); "Changed clauses" (one line each, linking to the redline); then
 * the redline of html_build.c, whose <del>/<ins> are announced to screen
 * readers.  Vote ids are "vote-N" (N from 1, per record) on a record's
 * summary and "vote-RECORD-N" on a range's, where several records meet.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "render_internal.h"
#include "summary_html.h"
#include "summary_internal.h"

static int level(const ot_summary_html_opts *o, int plus)
{
	int l = (o && o->heading_level ? o->heading_level : 2) + plus;
	return l > 6 ? 6 : l;
}

static xmlNodePtr heading(ot_html *h, xmlNodePtr parent, int lvl, const char *text)
{
	char name[3] = {'h', (char)('0' + lvl), 0};
	return ot_html_el_text(h, parent, name, NULL, text);
}

static void vote_id(ot_buf *out, const ot_summary *s, const ot_record *r, size_t number)
{
	if (s->record_id)
		ot_buf_printf(out, "vote-%zu", number);
	else
		ot_buf_printf(out, "vote-%s-%zu", r->id, number);
}

/* The member's name, linked to the page of the member of that name serving
 * on `date` (any date when NULL) when the site has one. */
static void member_name(ot_html *h, xmlNodePtr parent, const ot_summary_html_opts *o, const char *name,
			const char *date)
{
	const char *href = (o && o->root && o->member_href) ? o->member_href(o->ctx, name, date) : NULL;
	if (href) {
		ot_buf b = OT_BUF_INIT;
		ot_buf_printf(&b, "%s%s", o->root, href);
		ot_html_link(h, parent, b.ptr, name);
		ot_buf_release(&b);
	} else {
		ot_html_texts(h, parent, name);
	}
}

void ot_summary_html_chart(ot_html *h, xmlNodePtr parent, const ot_vote *v)
{
	static const char *const cls[3] = {"yes", "no", "other"};
	size_t counts[3] = {0, 0, 0}, total = 0, i;
	ot_buf b = OT_BUF_INIT;
	xmlNodePtr svg, n;
	int g;

	for (i = 0; i < OT_VOTE_NOPTIONS; i++)
		counts[ot_summary__group_of((ot_vote_option)i)] += v->counts[i];
	total = counts[0] + counts[1] + counts[2];
	ot_buf_printf(&b, "Yes %zu, No %zu, Other %zu", counts[0], counts[1], counts[2]);
	svg = ot_html_el(h, parent, "svg", "chart");
	ot_html_attr(h, svg, "xmlns", "http://www.w3.org/2000/svg");
	ot_html_attr(h, svg, "role", "img");
	ot_html_attr(h, svg, "aria-label", b.ptr);
	ot_html_attr(h, svg, "width", "400");
	ot_html_attr(h, svg, "height", "72");
	ot_html_attr(h, svg, "viewBox", "0 0 400 72");
	ot_html_el_text(h, svg, "title", NULL, b.ptr);
	for (g = 0; g < 3; g++) {
		char y[16], w[16], tx[16];
		unsigned width = total ? (unsigned)((counts[g] * 300 + total / 2) / total) : 0;
		snprintf(y, sizeof(y), "%d", 4 + g * 23);
		n = ot_html_el_text(h, svg, "text", NULL, ot_summary__group_names[g]);
		ot_html_attr(h, n, "x", "0");
		snprintf(tx, sizeof(tx), "%d", 4 + g * 23 + 14);
		ot_html_attr(h, n, "y", tx);
		n = ot_html_el(h, svg, "rect", cls[g]);
		ot_html_attr(h, n, "x", "50");
		ot_html_attr(h, n, "y", y);
		snprintf(w, sizeof(w), "%u", width);
		ot_html_attr(h, n, "width", w);
		ot_html_attr(h, n, "height", "18");
		ot_buf_clear(&b);
		ot_buf_printf(&b, "%zu", counts[g]);
		n = ot_html_el_text(h, svg, "text", NULL, b.ptr);
		snprintf(w, sizeof(w), "%u", 56 + width);
		ot_html_attr(h, n, "x", w);
		ot_html_attr(h, n, "y", tx);
	}
	ot_buf_release(&b);
}

void ot_summary_html_vote(ot_html *h, xmlNodePtr parent, const ot_summary *s, const ot_vote *v, const char *id,
			  const ot_summary_html_opts *o)
{
	ot_buf b = OT_BUF_INIT;
	xmlNodePtr sec, table, tr, tbody, th;
	size_t i;
	int g;

	sec = ot_html_el(h, parent, "section", "vote");
	ot_html_attr(h, sec, "id", id);
	ot_buf_printf(&b, "%s: %s", v->date, v->motion);
	heading(h, sec, level(o, 1), b.ptr);
	ot_buf_clear(&b);
	ot_vote_tally_words(&b, v);
	if (b.len)
		b.ptr[0] = b.ptr[0] == 'p' ? 'P' : b.ptr[0] == 'f' ? 'F' : b.ptr[0];
	if (v->threshold != OT_THRESHOLD_NONE)
		ot_buf_printf(&b, " (threshold: %s)", ot_threshold_names[v->threshold]);
	ot_html_text(h, ot_html_el(h, sec, "p", "tally"), b.ptr, b.len);
	if (v->forced) {
		ot_buf_clear(&b);
		ot_buf_printf(&b, "Recorded although the counts do not meet the threshold: %s", v->forced);
		ot_html_text(h, ot_html_el(h, sec, "p", "forced"), b.ptr, b.len);
	}
	ot_summary_html_chart(h, sec, v);
	if (!v->nroll) {
		ot_html_el_text(h, sec, "p", "roll", "The roll call is not recorded.");
		ot_buf_release(&b);
		return;
	}
	table = ot_html_el(h, sec, "table", "roll");
	ot_html_el_text(h, table, "caption", NULL, "Roll call");
	tr = ot_html_el(h, ot_html_el(h, table, "thead", NULL), "tr", NULL);
	ot_html_th(h, tr, "col", "Member");
	ot_html_th(h, tr, "col", "Ward");
	ot_html_th(h, tr, "col", "Vote");
	for (g = 0; g < 3; g++) {
		size_t count = 0;
		for (i = 0; i < v->nroll; i++)
			count += ot_summary__group_of(v->roll[i].option) == g;
		if (!count)
			continue;
		tbody = ot_html_el(h, table, "tbody", NULL);
		ot_buf_clear(&b);
		ot_buf_printf(&b, "%s (%zu)", ot_summary__group_names[g], count);
		th = ot_html_th(h, ot_html_el(h, tbody, "tr", NULL), "rowgroup", b.ptr);
		ot_html_attr(h, th, "colspan", "3");
		for (i = 0; i < v->nroll; i++) {
			const ot_roll_entry *e = &v->roll[i];
			int ward;
			if (ot_summary__group_of(e->option) != g)
				continue;
			tr = ot_html_el(h, tbody, "tr", NULL);
			th = ot_html_el(h, tr, "th", NULL);
			ot_html_attr(h, th, "scope", "row");
			member_name(h, th, o, e->name, v->date);
			ward = ot_summary_ward(s, e->name, v->date);
			ot_buf_clear(&b);
			if (ward)
				ot_buf_printf(&b, "%d", ward);
			ot_html_text(h, ot_html_el(h, tr, "td", NULL), b.ptr, b.len);
			ot_html_el_text(h, tr, "td", NULL, ot_vote_option_label(e->option));
		}
	}
	ot_buf_release(&b);
}

static void facts(ot_html *h, xmlNodePtr parent, const ot_summary *s, const ot_summary_html_opts *o)
{
	xmlNodePtr dl = ot_html_el(h, parent, "dl", "facts"), dd;
	ot_buf b = OT_BUF_INIT;
	size_t i;

	for (i = 0; i < s->nrecords && s->record_id; i++) {
		const ot_record *r = &s->records[i];
		ot_html_el_text(h, dl, "dt", NULL, "Record");
		ot_buf_printf(&b, "%s (%s): %s", r->id, ot_record_type_names[r->type], r->title);
		ot_html_el_text(h, dl, "dd", NULL, b.ptr);
		ot_html_el_text(h, dl, "dt", NULL, "Status");
		ot_buf_clear(&b);
		ot_buf_puts(&b, ot_status_names[r->status]);
		if (r->closed)
			ot_buf_printf(&b, " on %s", r->closed);
		if (r->effective)
			ot_buf_printf(&b, ", effective %s", r->effective);
		ot_buf_printf(&b, " (introduced %s)", r->introduced);
		ot_html_el_text(h, dl, "dd", NULL, b.ptr);
	}
	if (!s->record_id) {
		ot_html_el_text(h, dl, "dt", NULL, "Compared");
		ot_buf_clear(&b);
		ot_buf_printf(&b, "%s to %s", s->from_rev, s->to_rev);
		ot_html_el_text(h, dl, "dd", NULL, b.ptr);
	}
	ot_html_el_text(h, dl, "dt", NULL, s->ndiffs == 1 ? "Ordinance" : "Ordinances");
	dd = ot_html_el(h, dl, "dd", NULL);
	for (i = 0; i < s->ndiffs; i++) {
		const ot_summary_diff *d = &s->diffs[i];
		if (i)
			ot_html_texts(h, dd, ", ");
		if (o && o->root && o->has_ordinance && o->has_ordinance(o->ctx, d->ordinance)) {
			ot_buf_clear(&b);
			ot_buf_printf(&b, "%sordinances/%s.html", o->root, d->ordinance);
			ot_html_link(h, dd, b.ptr, d->ordinance);
		} else {
			ot_html_texts(h, dd, d->ordinance);
		}
		if (d->title) {
			ot_buf_clear(&b);
			ot_buf_printf(&b, " (%s)", d->title);
			ot_html_texts(h, dd, b.ptr);
		}
	}
	ot_html_el_text(h, dl, "dt", NULL, "Sponsors");
	dd = ot_html_el(h, dl, "dd", NULL);
	for (i = 0; i < s->nsponsors; i++) {
		if (i)
			ot_html_texts(h, dd, "; ");
		member_name(h, dd, o, s->sponsors[i], s->record_id ? s->records[0].introduced : NULL);
	}
	if (!s->nsponsors)
		ot_html_texts(h, dd, "not recorded");
	ot_buf_release(&b);
}

typedef struct vote_walk {
	ot_html *h;
	xmlNodePtr parent;
	const ot_summary *s;
	const ot_summary_html_opts *o;
	size_t n;
} vote_walk;

static void each_vote(void *pctx, const ot_record *r, const ot_vote *v, size_t number)
{
	vote_walk *w = pctx;
	ot_buf id = OT_BUF_INIT;
	vote_id(&id, w->s, r, number);
	ot_summary_html_vote(w->h, w->parent, w->s, v, id.ptr, w->o);
	ot_html_texts(w->h, w->parent, "\n");
	ot_buf_release(&id);
	w->n++;
}

static void timeline(ot_html *h, xmlNodePtr parent, const ot_summary *s, const ot_summary_html_opts *o)
{
	ot_summary_row *rows;
	size_t n, i;
	ot_buf b = OT_BUF_INIT;
	xmlNodePtr table, tr, tbody, td;

	heading(h, parent, level(o, 0), "Timeline");
	rows = ot_summary__rows(s, &n);
	if (!n) {
		ot_html_el_text(h, parent, "p", NULL, "No events recorded.");
		free(rows);
		return;
	}
	table = ot_html_el(h, parent, "table", "timeline");
	tr = ot_html_el(h, ot_html_el(h, table, "thead", NULL), "tr", NULL);
	ot_html_th(h, tr, "col", "Date");
	ot_html_th(h, tr, "col", "Event");
	tbody = ot_html_el(h, table, "tbody", NULL);
	for (i = 0; i < n; i++) {
		tr = ot_html_el(h, tbody, "tr", NULL);
		ot_html_el_text(h, tr, "td", NULL, rows[i].date);
		td = ot_html_el(h, tr, "td", NULL);
		ot_buf_clear(&b);
		ot_summary__row_text(&b, &rows[i]);
		if (!rows[i].version && rows[i].ev.kind == OT_EVENT_VOTE) {
			ot_buf href = OT_BUF_INIT;
			ot_buf_putc(&href, '#');
			vote_id(&href, s, rows[i].record, rows[i].ev.index + 1);
			ot_html_link(h, td, href.ptr, b.ptr);
			ot_buf_release(&href);
		} else {
			ot_html_text(h, td, b.ptr, b.len);
		}
	}
	free(rows);
	ot_buf_release(&b);
}

void ot_summary_html(ot_html *h, xmlNodePtr parent, const ot_summary *s, const ot_summary_html_opts *o)
{
	vote_walk w = {h, parent, s, o, 0};
	ot_buf b = OT_BUF_INIT, prefix = OT_BUF_INIT;
	xmlNodePtr ul, li;
	size_t i, j;

	ot_html_el_text(h, parent, "h1", NULL, s->headline);
	facts(h, parent, s, o);
	timeline(h, parent, s, o);

	heading(h, parent, level(o, 0), "Votes");
	ot_summary__each_vote(s, each_vote, &w);
	for (i = 0; i < s->nrecords; i++) {
		const ot_record *r = &s->records[i];
		if (r->nvotes)
			continue;
		ot_buf_clear(&b);
		if (r->status == OT_STATUS_PASSED || r->status == OT_STATUS_FAILED)
			ot_buf_printf(&b, "%s %s on %s: the vote is not recorded.", r->id, ot_status_names[r->status],
				      r->closed ? r->closed : "an unrecorded date");
		else
			ot_buf_printf(&b, "%s: no vote recorded yet.", r->id);
		ot_html_el_text(h, parent, "p", "no-vote", b.ptr);
	}
	if (!s->nrecords)
		ot_html_el_text(h, parent, "p", "no-vote",
				"No record of these changes is in the tracker, so no vote is recorded.");

	heading(h, parent, level(o, 0), "Changed clauses");
	if (!s->nlines)
		ot_html_el_text(h, parent, "p", NULL, "No clause changes.");
	ul = s->nlines ? ot_html_el(h, parent, "ul", "changed") : NULL;
	for (i = 0; i < s->nlines; i++) {
		size_t d = 0;
		for (j = 0; j < s->ndiffs; j++)
			if (strcmp(s->diffs[j].ordinance, s->lines[i].ordinance) == 0)
				d = j;
		ot_buf_clear(&prefix);
		if (s->ndiffs > 1)
			ot_html_anchor(&prefix, "c-", s->diffs[d].ordinance), ot_buf_putc(&prefix, '-');
		else
			ot_buf_puts(&prefix, "c-");
		ot_buf_clear(&b);
		ot_buf_putc(&b, '#');
		ot_html_anchor(&b, prefix.ptr, s->lines[i].anchor);
		li = ot_html_el(h, ul, "li", NULL);
		ot_html_link(h, li, b.ptr, s->lines[i].text);
	}

	heading(h, parent, level(o, 0), "Redline");
	for (i = 0; i < s->ndiffs; i++) {
		ot_diff_render_opts ro;
		ot_summary__diff_opts(&ro, s, i);
		ot_buf_clear(&prefix);
		if (s->ndiffs > 1) {
			heading(h, parent, level(o, 1), s->diffs[i].ordinance);
			ot_html_anchor(&prefix, "c-", s->diffs[i].ordinance);
			ot_buf_putc(&prefix, '-');
		} else {
			ot_buf_puts(&prefix, "c-");
		}
		ot_html_diff(h, parent, s->diffs[i].diff, &ro, prefix.ptr, level(o, s->ndiffs > 1 ? 2 : 1));
	}
	ot_buf_release(&b);
	ot_buf_release(&prefix);
}

int ot_summary__html_page(ot_buf *out, const ot_summary *s)
{
	ot_summary_html_opts o = {NULL, NULL, NULL, NULL, 2};
	ot_html h;
	int err = ot_html_begin(&h, s->headline, NULL);
	if (err < 0)
		return err;
	ot_summary_html(&h, h.body, s, &o);
	return ot_html_finish(&h, out);
}
