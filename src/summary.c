/*
 * summary.c - building a change summary (ordtrack/summary.h): load the
 * record (or the versions between two revisions), the members for wards,
 * the clause-level diff per ordinance, and derive the headline and the
 * one-line descriptions of the changed clauses.  Rendering is in
 * summary_render.c (text, Markdown, JSON) and summary_html.c (HTML).
 *
 * Nothing is invented: the headline is assembled from the record's status,
 * dates and recorded votes; a passed or failed record without a recorded
 * vote says "vote not recorded".
 *
 * Changed-clause lines (ot_summary_describe): one line per section, its
 * parts joined by "; ".  A part covers a run of changes of the same kind
 * under the same parent at consecutive places ("(b)(1)–(4) repealed");
 * the units inside an added or removed unit are folded into it ("(b)
 * repealed" covers (b)(1)...); a whole section added or removed is "new
 * section added" / "section repealed".
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "ordtrack/rev.h"
#include "ordtrack/store.h"
#include "ordtrack/summary.h"
#include "render_internal.h"

/* ---- small helpers ------------------------------------------------------- */

static int strv_has(char **v, size_t n, const char *s)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

static void strv_add_unique(char ***v, size_t *n, size_t *cap, const char *s)
{
	if (!strv_has(*v, *n, s))
		*OT_ARRAY_PUSH(*v, *n, *cap) = ot_strdup(s);
}

static void strv_free(char **v, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int ot_vote_majority(const ot_vote *v)
{
	if (v->counts[OT_VOTE_YES] > v->counts[OT_VOTE_NO])
		return OT_VOTE_YES;
	if (v->counts[OT_VOTE_NO] > v->counts[OT_VOTE_YES])
		return OT_VOTE_NO;
	return -1;
}

void ot_vote_tally_words(ot_buf *out, const ot_vote *v)
{
	int o;
	ot_buf_printf(out, "%s %zu–%zu", v->result == OT_RESULT_PASS ? "passed" : "failed", v->counts[OT_VOTE_YES],
		      v->counts[OT_VOTE_NO]);
	for (o = OT_VOTE_ABSTAIN; o < OT_VOTE_NOPTIONS; o++)
		if (v->counts[o])
			ot_buf_printf(out, ", %zu %s", v->counts[o], ot_vote_option_label((ot_vote_option)o));
}

/* How each OCD action type reads: as a timeline entry ("Referred to
 * committee") and inside a sentence ("O2022-1002 referred to committee"). */
static const struct {
	const char *phrase, *sentence;
} action_words[OT_ACTION_N] = {
	[OT_ACTION_INTRODUCTION] = {"Introduced", "introduced"},
	[OT_ACTION_READING_1] = {"First reading", "read a first time"},
	[OT_ACTION_READING_2] = {"Second reading", "read a second time"},
	[OT_ACTION_READING_3] = {"Third reading", "read a third time"},
	[OT_ACTION_REFERRAL_COMMITTEE] = {"Referred to committee", "referred to committee"},
	[OT_ACTION_REFERRAL] = {"Referred", "referred"},
	[OT_ACTION_COMMITTEE_PASSAGE] = {"Passed in committee", "passed in committee"},
	[OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE] = {"Recommended by committee", "reported favorably by committee"},
	[OT_ACTION_COMMITTEE_PASSAGE_UNFAVORABLE] = {"Reported unfavorably by committee", "reported unfavorably by committee"},
	[OT_ACTION_COMMITTEE_FAILURE] = {"Failed in committee", "failed in committee"},
	[OT_ACTION_SUBSTITUTION] = {"Substitute introduced", "substituted"},
	[OT_ACTION_AMENDMENT_INTRODUCTION] = {"Amendment introduced", "amendment introduced"},
	[OT_ACTION_AMENDMENT_PASSAGE] = {"Amendment adopted", "amendment passed"},
	[OT_ACTION_AMENDMENT_FAILURE] = {"Amendment failed", "amendment failed"},
	[OT_ACTION_AMENDMENT_WITHDRAWAL] = {"Amendment withdrawn", "amendment withdrawn"},
	[OT_ACTION_AMENDMENT_DEFERRAL] = {"Amendment deferred", "amendment deferred"},
	[OT_ACTION_DEFERRAL] = {"Deferred", "deferred"},
	[OT_ACTION_PASSAGE] = {"Passed", "passed"},
	[OT_ACTION_FAILURE] = {"Failed", "failed"},
	[OT_ACTION_WITHDRAWAL] = {"Withdrawn", "withdrawn"},
	[OT_ACTION_FILING] = {"Filed", "filed"},
	[OT_ACTION_EXECUTIVE_RECEIPT] = {"Sent to the executive", "received by the executive"},
	[OT_ACTION_EXECUTIVE_SIGNATURE] = {"Signed by the executive", "signed by the executive"},
	[OT_ACTION_EXECUTIVE_VETO] = {"Vetoed", "vetoed"},
	[OT_ACTION_EXECUTIVE_VETO_LINE_ITEM] = {"Line-item veto", "line-item vetoed"},
	[OT_ACTION_VETO_OVERRIDE_PASSAGE] = {"Veto overridden", "veto overridden"},
	[OT_ACTION_VETO_OVERRIDE_FAILURE] = {"Veto override failed", "veto override failed"},
	[OT_ACTION_BECAME_LAW] = {"Became law", "became law"},
	[OT_ACTION_RECEIPT] = {"Received", "received"},
	[OT_ACTION_AMENDMENT_AMENDMENT] = {"Amendment amended", "amendment amended"},
	[OT_ACTION_SPONSORSHIP] = {"Sponsors changed", "had its sponsors changed"},
	[OT_ACTION_UNCLASSIFIED] = {"Other action", "acted on"},
};

const char *ot_action_phrase(ot_action_type type)
{
	return (unsigned)type < OT_ACTION_N && action_words[type].phrase ? action_words[type].phrase : "(unknown action)";
}

void ot_action_sentence(ot_buf *out, ot_action_type type)
{
	ot_buf_puts(out, (unsigned)type < OT_ACTION_N && action_words[type].sentence ? action_words[type].sentence
										      : "(unknown action)");
}

int ot_summary_ward(const ot_summary *s, const char *name, const char *date)
{
	const ot_member *m = ot_members_find(&s->members, name, date);
	return m ? m->ward : 0;
}

/* ---- changed-clause lines -------------------------------------------------- */

/* The section number of a unit id (doc.h grammar: up to the first '(' or
 * '~'); a new string. */
static char *section_of(const char *id)
{
	size_t n = strcspn(id, "(~");
	return ot_strndup(id, n);
}

/* How a unit is named inside its section: "(b)(1)", "text", "paragraph 2
 * of (b)". */
static void local_name(ot_buf *out, const char *id)
{
	const char *p = id + strcspn(id, "(~");
	const char *t = strchr(p, '~');
	if (!t) {
		ot_buf_puts(out, *p ? p : id);
		return;
	}
	if (strcmp(t + 1, "1") == 0)
		ot_buf_puts(out, "text");
	else
		ot_buf_printf(out, "paragraph %s", t + 1);
	if (t > p) {
		ot_buf_puts(out, " of ");
		ot_buf_put(out, p, (size_t)(t - p));
	}
}

/* The last marker of a clause id ("(4)" of "2-173-042(b)(4)"). */
static const char *tail_marker(const char *id)
{
	const char *p = strrchr(id, '(');
	return p ? p : id;
}

typedef struct line_builder {
	char *section;
	char *anchor;
	ot_buf parts;
} line_builder;

static line_builder *builder_for(line_builder **v, size_t *n, size_t *cap, const char *section, const char *id)
{
	size_t i;
	line_builder *b;
	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i].section, section) == 0)
			return &(*v)[i];
	b = OT_ARRAY_PUSH(*v, *n, *cap);
	b->section = ot_strdup(section);
	b->anchor = ot_strdup(id);
	ot_buf_init(&b->parts);
	return b;
}

static void part_sep(line_builder *b)
{
	if (b->parts.len)
		ot_buf_puts(&b->parts, "; ");
}

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Changes i and j can share one part: same kind and parent, j right after
 * i in its parent, both clauses (TEXT nodes are named one by one), the
 * same section, and (renumbered) alike in having edits and in section. */
/* 1 when the unit `b_id` comes right after the unit `a_id` among the
 * children of one parent in doc (ids are unique within a document). */
static int next_sibling_in(const ot_doc *doc, const char *a_id, const char *b_id)
{
	const ot_node *a = doc && a_id ? ot_doc_find(doc, a_id) : NULL;
	const ot_node *b = doc && b_id ? ot_doc_find(doc, b_id) : NULL;
	unsigned i;
	if (!a || !b || !a->parent || a->parent != b->parent)
		return 0;
	for (i = 0; i + 1 < a->parent->nchildren; i++)
		if (a->parent->children[i] == a)
			return a->parent->children[i + 1] == b;
	return 0;
}

static int same_run(const ot_change *a, const ot_change *b, const ot_doc *old_doc)
{
	if (a->kind != b->kind || a->node_kind != OT_NODE_CLAUSE || b->node_kind != OT_NODE_CLAUSE ||
	    !same_str(a->parent_id, b->parent_id) || b->index != a->index + 1)
		return 0;
	if (a->kind == OT_CHANGE_RENUMBERED) {
		char *sa = section_of(OT_RS(a->old_id)), *sb = section_of(OT_RS(b->old_id));
		/* the old clauses too must have stood side by side: "(b)(2)–(7)
		 * renumbered" must not cover a (b)(3) that was repealed */
		int ok = strcmp(sa, sb) == 0 && ot_render__has_edits(a) == ot_render__has_edits(b) &&
			 a->typographic == b->typographic && a->moved == b->moved && next_sibling_in(old_doc, a->old_id, b->old_id);
		free(sa);
		free(sb);
		return ok;
	}
	return 1;
}

/* "(b)(1)", "(b)(1) and (2)", "(b)(1)–(4)" for ids first..last of a run of n. */
static void run_label(ot_buf *out, const char *first, const char *last, size_t n)
{
	local_name(out, first);
	if (n == 2)
		ot_buf_printf(out, " and %s", tail_marker(last));
	else if (n > 2)
		ot_buf_printf(out, "–%s", tail_marker(last));
}

static void heading_of(ot_buf *out, const ot_doc *old_doc, const ot_doc *new_doc, const char *section)
{
	const ot_node *s = new_doc ? ot_doc_section(new_doc, section) : NULL;
	size_t len;
	if (!s && old_doc)
		s = ot_doc_section(old_doc, section);
	if (!s || !s->heading || !*s->heading)
		return;
	len = strlen(s->heading);
	while (len && (s->heading[len - 1] == '.' || s->heading[len - 1] == ' '))
		len--;
	ot_buf_put(out, s->heading, len);
}

/* 1 when `id` names a unit inside the unit `root` (ids are paths: a
 * child's id is its parent's followed by a marker or '~'). */
static int inside(const char *id, const char *root)
{
	size_t len = root ? strlen(root) : 0;
	return len && strncmp(id, root, len) == 0 && (id[len] == '(' || id[len] == '~');
}

/* One part for the run of changes idx[0..k) (same kind, parent, section). */
static void describe_run(ot_buf *out, const ot_diff *diff, const size_t *idx, size_t k)
{
	const ot_change *c = &diff->changes[idx[0]], *last = &diff->changes[idx[k - 1]];
	if (c->node_kind == OT_NODE_SECTION) {
		switch (c->kind) {
		case OT_CHANGE_ADDED: ot_buf_puts(out, "new section added"); break;
		case OT_CHANGE_REMOVED: ot_buf_puts(out, "section repealed"); break;
		case OT_CHANGE_MODIFIED: ot_buf_puts(out, "heading amended"); break;
		case OT_CHANGE_TYPOGRAPHIC: ot_buf_puts(out, "heading: typographic change only"); break;
		case OT_CHANGE_RENUMBERED:
			ot_buf_printf(out, "%s from %s", ot_render__renumber_word(c), OT_RS(c->old_id));
			if (c->typographic)
				ot_buf_puts(out, " (heading: typographic change only)");
			else if (ot_render__has_edits(c))
				ot_buf_puts(out, ", heading amended");
			break;
		}
		return;
	}
	if (c->kind == OT_CHANGE_RENUMBERED) {
		char *olds = section_of(OT_RS(c->old_id)), *news = section_of(c->id);
		if (strcmp(olds, news) != 0) {
			run_label(out, c->id, last->id, k);
			ot_buf_printf(out, " moved from %s", OT_RS(c->old_id));
			if (k > 1)
				ot_buf_printf(out, "%s%s", k == 2 ? " and " : "–", tail_marker(OT_RS(last->old_id)));
		} else {
			run_label(out, OT_RS(c->old_id), OT_RS(last->old_id), k);
			ot_buf_printf(out, " %s as ", ot_render__renumber_word(c));
			run_label(out, c->id, last->id, k);
		}
		if (c->typographic)
			ot_buf_puts(out, " (typographic change only)");
		else if (ot_render__has_edits(c))
			ot_buf_puts(out, " and amended");
		free(olds);
		free(news);
	} else {
		run_label(out, c->id, last->id, k);
		ot_buf_printf(out, " %s", ot_render__kind_verb(c->kind));
	}
}

void ot_summary_describe(ot_summary_line **lines, size_t *n, size_t *cap, const char *ord, const ot_diff *diff,
			 const ot_doc *old_doc, const ot_doc *new_doc)
{
	line_builder *bs = NULL;
	size_t nb = 0, bcap = 0, i, j, k, *run = NULL, *sec_start;
	unsigned char *used = ot_calloc(diff->nchanges + 1, 1);
	const char *added_root = NULL, *removed_root = NULL;
	char **secs = ot_calloc(diff->nchanges + 1, sizeof(char *));
	ot_buf h = OT_BUF_INIT;

	/* fold the units inside an added or removed unit into it: they
	 * follow it in document order */
	for (i = 0; i < diff->nchanges; i++) {
		const ot_change *c = &diff->changes[i];
		secs[i] = section_of(c->id);
		if (c->kind == OT_CHANGE_REMOVED && c->node_kind != OT_NODE_SECTION) {
			/* a repeal inside a section that was renumbered is told
			 * under the section's new number */
			for (j = 0; j < diff->nchanges; j++) {
				const ot_change *sc = &diff->changes[j];
				if (sc->node_kind == OT_NODE_SECTION && sc->kind == OT_CHANGE_RENUMBERED &&
				    sc->old_id && strcmp(sc->old_id, secs[i]) == 0) {
					free(secs[i]);
					secs[i] = ot_strdup(sc->id);
					break;
				}
			}
		}
		if (c->kind == OT_CHANGE_ADDED) {
			if (inside(c->id, added_root))
				used[i] = 1;
			else
				added_root = c->id;
		} else if (c->kind == OT_CHANGE_REMOVED) {
			if (inside(c->id, removed_root))
				used[i] = 1;
			else
				removed_root = c->id;
		}
	}
	run = ot_calloc(diff->nchanges + 1, sizeof(size_t));
	sec_start = ot_calloc(diff->nchanges + 1, sizeof(size_t));
	/* sec_start[i]: the first change of the contiguous stretch of
	 * section secs[i] that i is in (runs never leave it) */
	for (i = 0; i < diff->nchanges; i++)
		sec_start[i] = (i && strcmp(secs[i], secs[i - 1]) == 0) ? sec_start[i - 1] : i;
	for (i = 0; i < diff->nchanges; i++) {
		line_builder *b;
		if (used[i])
			continue;
		used[i] = 1;
		run[0] = i;
		k = 1;
		/* greedily chain later changes of the same stretch that continue
		 * the run (a removed (b)(1)...(4) may sit between renumberings) */
		for (j = i + 1; j < diff->nchanges && sec_start[j] == sec_start[i]; j++) {
			if (!used[j] && diff->changes[i].node_kind != OT_NODE_SECTION &&
			    same_run(&diff->changes[run[k - 1]], &diff->changes[j], old_doc)) {
				used[j] = 1;
				run[k++] = j;
			}
		}
		b = builder_for(&bs, &nb, &bcap, secs[i], diff->changes[i].id);
		part_sep(b);
		describe_run(&b->parts, diff, run, k);
	}
	for (i = 0; i < nb; i++) {
		ot_summary_line *l = OT_ARRAY_PUSH(*lines, *n, *cap);
		size_t at;
		ot_buf_clear(&h);
		ot_buf_puts(&h, bs[i].section);
		at = h.len;
		ot_buf_puts(&h, " (");
		heading_of(&h, old_doc, new_doc, bs[i].section);
		if (h.len == at + 2)
			h.len = at, h.ptr[at] = 0;
		else
			ot_buf_putc(&h, ')');
		ot_buf_printf(&h, ": %s", bs[i].parts.ptr);
		l->ordinance = ot_strdup(ord);
		l->section = bs[i].section;
		l->anchor = bs[i].anchor;
		l->text = ot_strdup(h.ptr);
		ot_buf_release(&bs[i].parts);
	}
	for (i = 0; i < diff->nchanges; i++)
		free(secs[i]);
	free(secs);
	free(bs);
	free(used);
	free(run);
	free(sec_start);
	ot_buf_release(&h);
}

void ot_summary_lines_free(ot_summary_line *lines, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		free(lines[i].ordinance);
		free(lines[i].section);
		free(lines[i].anchor);
		free(lines[i].text);
	}
	free(lines);
}

/* ---- building a summary ---------------------------------------------------- */

void ot_summary_release(ot_summary *s)
{
	size_t i;
	free(s->headline);
	free(s->from_rev);
	free(s->to_rev);
	free(s->record_id);
	for (i = 0; i < s->nrecords; i++)
		ot_record_release(&s->records[i]);
	free(s->records);
	if (s->nversions) {
		ot_version_list vl = {s->versions, s->nversions, s->nversions};
		ot_version_list_release(&vl);
	}
	ot_members_release(&s->members);
	strv_free(s->ordinances, s->nordinances);
	strv_free(s->sponsors, s->nsponsors);
	for (i = 0; i < s->ndiffs; i++) {
		free(s->diffs[i].ordinance);
		free(s->diffs[i].title);
		ot_diff_free(s->diffs[i].diff);
		ot_doc_free(s->diffs[i].old_doc);
		ot_doc_free(s->diffs[i].new_doc);
	}
	free(s->diffs);
	ot_summary_lines_free(s->lines, s->nlines);
	memset(s, 0, sizeof(*s));
}

/* The title of `ord` at its latest version the index knows, or NULL. */
static char *ordinance_title(ot_tracker *t, const char *ord)
{
	ot_version_list vl = {0};
	char *title = NULL;
	if (ot_index_versions(&vl, t, ord) == 0 && vl.n && vl.items[0].title && *vl.items[0].title)
		title = ot_strdup(vl.items[0].title);
	ot_version_list_release(&vl);
	ot_error_clear();
	return title;
}

/* Diff every ordinance in s->ordinances from c1 to c2 and describe it. */
static int load_diffs(ot_summary *s, ot_tracker *t, const char *c1, const char *c2)
{
	size_t i, cap = 0, lcap = s->nlines;
	for (i = 0; i < s->nordinances; i++) {
		ot_summary_diff *d = OT_ARRAY_PUSH(s->diffs, s->ndiffs, cap);
		int err;
		memset(d, 0, sizeof(*d));
		d->ordinance = ot_strdup(s->ordinances[i]);
		d->title = ordinance_title(t, d->ordinance);
		err = ot_store_diff(&d->diff, &d->old_doc, &d->new_doc, t, (ot_text_ref){c1, d->ordinance},
				    (ot_text_ref){c2, d->ordinance});
		if (err < 0)
			return err;
		ot_summary_describe(&s->lines, &s->nlines, &lcap, d->ordinance, d->diff, d->old_doc, d->new_doc);
	}
	return 0;
}

/* What the change does to ordinance diff d: 0 amend, 1 create, 2 repeal,
 * 3 only typography (no amendment: no unit added, removed, modified or
 * renumbered, some typographic). */
static int effect_of(const ot_summary_diff *d)
{
	const ot_diff_stats *st = &d->diff->stats;
	if (!st->unchanged && !st->removed && !st->modified && !st->renumbered && !st->typographic &&
	    st->added)
		return 1;
	if (!st->unchanged && !st->added && !st->modified && !st->renumbered && !st->typographic &&
	    st->removed)
		return 2;
	if (!st->added && !st->removed && !st->modified && !st->renumbered && st->typographic)
		return 3;
	return 0;
}

/* "2-173 (Welcoming City)" for ordinance i. */
static void ordinance_name(ot_buf *out, const ot_summary_diff *d)
{
	ot_buf_puts(out, d->ordinance);
	if (d->title)
		ot_buf_printf(out, " (%s)", d->title);
}

/* The ordinances, each group with its verb in tense `tense` (0 "amends",
 * 1 "amend", 2 "amended"): "amends 2-173 (Welcoming City) and creates
 * 5-5".  Without verbs (tense -1): the names joined. */
static void ordinances_phrase_verbs(ot_buf *out, const ot_summary *s, int tense)
{
	static const char *const verbs[4][3] = {{"amends", "amend", "amended"},
						{"creates", "create", "created"},
						{"repeals", "repeal", "repealed"},
						{"changes only the typography of", "change only the typography of",
						 "changed only the typography of"}};
	size_t i, k, groups = 0, ngroups = 0;
	int e;
	for (e = 0; e < 4; e++)
		for (i = 0; i < s->ndiffs; i++)
			if (effect_of(&s->diffs[i]) == e) {
				ngroups++;
				break;
			}
	for (e = 0; e < 4; e++) {
		size_t n = 0, m = 0;
		for (i = 0; i < s->ndiffs; i++)
			n += effect_of(&s->diffs[i]) == e;
		if (!n)
			continue;
		if (groups)
			ot_buf_puts(out, groups + 1 == ngroups ? " and " : ", ");
		groups++;
		if (tense >= 0)
			ot_buf_printf(out, "%s ", verbs[e][tense]);
		for (k = 0; k < s->ndiffs; k++) {
			if (effect_of(&s->diffs[k]) != e)
				continue;
			if (m)
				ot_buf_puts(out, m + 1 == n ? " and " : ", ");
			m++;
			ordinance_name(out, &s->diffs[k]);
		}
	}
}

static void ordinances_phrase(ot_buf *out, const ot_summary *s)
{
	size_t i;
	for (i = 0; i < s->ndiffs; i++) {
		if (i)
			ot_buf_puts(out, i + 1 == s->ndiffs ? " and " : ", ");
		ordinance_name(out, &s->diffs[i]);
	}
}

/* The vote that decided the record: for a closed record the last vote on
 * or before the day it closed whose result is the record's (a passage,
 * not a later veto override); else the latest by date; NULL when none. */
static const ot_vote *deciding_vote(const ot_record *r)
{
	const ot_vote *best = NULL;
	size_t i;
	if (r->closed && (r->status == OT_STATUS_PASSED || r->status == OT_STATUS_FAILED)) {
		ot_vote_result want = r->status == OT_STATUS_PASSED ? OT_RESULT_PASS : OT_RESULT_FAIL;
		for (i = 0; i < r->nvotes; i++) {
			const ot_vote *v = &r->votes[i];
			if (v->result == want && strcmp(v->date, r->closed) <= 0 && (!best || strcmp(v->date, best->date) >= 0))
				best = v;
		}
		if (best)
			return best;
	}
	return ot_record_last_vote(r);
}

static void record_headline(ot_buf *out, const ot_summary *s, const ot_record *r)
{
	const ot_vote *v = deciding_vote(r);
	int passed = r->status == OT_STATUS_PASSED, tense;
	const char *verbs; /* what joins the facts to the ordinances it changes */
	if (passed || r->status == OT_STATUS_FAILED) {
		ot_buf_printf(out, "%s %s", r->id, passed ? "passed" : "failed");
		if (v && v->result == (passed ? OT_RESULT_PASS : OT_RESULT_FAIL))
			ot_buf_printf(out, " %zu–%zu", v->counts[OT_VOTE_YES], v->counts[OT_VOTE_NO]);
		if (r->closed)
			ot_buf_printf(out, " on %s", r->closed);
		if (!v)
			ot_buf_puts(out, " (vote not recorded)");
		verbs = passed ? ": it " : ": it would have ";
		tense = passed ? 0 : 2;
	} else if (r->status == OT_STATUS_WITHDRAWN || r->status == OT_STATUS_FILED) {
		ot_buf_printf(out, "%s %s", r->id, r->status == OT_STATUS_FILED ? "placed on file" : "withdrawn");
		if (r->closed)
			ot_buf_printf(out, " on %s", r->closed);
		verbs = ": it would have ";
		tense = 2;
	} else {
		ot_buf_printf(out, "%s, introduced %s, is %s", r->id, r->introduced, ot_status_names[r->status]);
		verbs = ": it would ";
		tense = 1;
	}
	if (s->ndiffs) {
		ot_buf_puts(out, verbs);
		ordinances_phrase_verbs(out, s, tense);
	} else {
		/* a record that changes no text of the code (an imported
		 * matter, a resolution): what it is, in its own title */
		ot_buf_puts(out, ": ");
		ot_buf_puts(out, r->title);
	}
	if (r->effective && passed)
		ot_buf_printf(out, ", effective %s", r->effective);
}

int ot_summary_record(ot_summary *out, ot_tracker *t, const char *id)
{
	char head[41];
	ot_record *r;
	ot_buf b = OT_BUF_INIT;
	size_t i, cap = 0;
	int err;

	memset(out, 0, sizeof(*out));
	out->records = ot_calloc(1, sizeof(ot_record));
	r = &out->records[0];
	if ((err = ot_record_load(r, head, t, id)) < 0) {
		free(out->records);
		out->records = NULL;
		return err;
	}
	out->nrecords = 1;
	out->record_id = ot_strdup(r->id);
	ot_buf_printf(&b, "%s@base", r->id);
	out->from_rev = ot_strdup(b.ptr);
	out->to_rev = ot_strdup(r->id);
	memcpy(out->from_commit, r->base, 41);
	memcpy(out->to_commit, head, 41);
	for (i = 0; i < r->nordinances; i++)
		strv_add_unique(&out->ordinances, &out->nordinances, &cap, r->ordinances[i]);
	cap = 0;
	for (i = 0; i < r->nsponsors; i++)
		strv_add_unique(&out->sponsors, &out->nsponsors, &cap, r->sponsors[i]);
	if ((err = ot_members_load(&out->members, t)) < 0 || (err = load_diffs(out, t, r->base, head)) < 0)
		goto done;
	ot_buf_clear(&b);
	record_headline(&b, out, r);
	out->headline = ot_strdup(b.ptr);
done:
	ot_buf_release(&b);
	if (err < 0)
		ot_summary_release(out);
	return err;
}

/* Copy version v (strings duplicated) to the end of s->versions. */
static void push_version(ot_summary *s, size_t *cap, const ot_version *v)
{
	ot_version *c = OT_ARRAY_PUSH(s->versions, s->nversions, *cap);
	size_t i;
	*c = *v;
	c->ordinance = ot_strdup(v->ordinance);
	c->date = ot_strdup(v->date);
	c->stage = ot_strdup(v->stage);
	c->record = ot_strdup(v->record);
	c->subject = ot_strdup(v->subject);
	c->title = ot_strdup(v->title);
	c->sponsors = v->nsponsors ? ot_calloc(v->nsponsors, sizeof(char *)) : NULL;
	for (i = 0; i < v->nsponsors; i++)
		c->sponsors[i] = ot_strdup(v->sponsors[i]);
}

/* The versions of ordinance rev2 after rev1's, up to rev2's (oldest
 * first), and the records behind them that the tracker holds. */
static int load_versions(ot_summary *s, ot_tracker *t, const ot_rev *r1, const ot_rev *r2)
{
	ot_version_list vl = {0};
	size_t i, vcap = 0, rcap = 0, scap = 0;
	int err = ot_index_versions(&vl, t, r2->ordinance);
	if (err < 0)
		return err;
	for (i = vl.n; i-- > 0;) {
		const ot_version *v = &vl.items[i];
		size_t k;
		if (v->number <= r1->number || v->number > r2->number)
			continue;
		push_version(s, &vcap, v);
		for (k = 0; k < v->nsponsors; k++)
			strv_add_unique(&s->sponsors, &s->nsponsors, &scap, v->sponsors[k]);
		if (*v->record) {
			ot_record rec;
			size_t j;
			int dup = 0;
			for (j = 0; j < s->nrecords; j++)
				dup |= strcmp(s->records[j].id, v->record) == 0;
			if (dup)
				continue;
			memset(&rec, 0, sizeof(rec));
			err = ot_record_load(&rec, NULL, t, v->record);
			if (err == OT_ENOTFOUND) {
				ot_error_clear();
				err = 0;
				continue;
			}
			if (err < 0)
				break;
			*OT_ARRAY_PUSH(s->records, s->nrecords, rcap) = rec;
		}
	}
	ot_version_list_release(&vl);
	return err;
}

static void range_headline(ot_buf *out, const ot_summary *s, const ot_rev *r1, const ot_rev *r2)
{
	ot_diff_stats st = {0, 0, 0, 0, 0, 0};
	size_t i;
	for (i = 0; i < s->ndiffs; i++) {
		const ot_diff_stats *d = &s->diffs[i].diff->stats;
		st.added += d->added;
		st.removed += d->removed;
		st.modified += d->modified;
		st.renumbered += d->renumbered;
		st.typographic += d->typographic;
	}
	ot_buf_puts(out, "Changes to ");
	ordinances_phrase(out, s);
	ot_buf_printf(out, " from %s", r1->spec);
	if (r1->date && !r1->record)
		ot_buf_printf(out, " (%s)", r1->date);
	ot_buf_printf(out, " to %s", r2->spec);
	if (r2->date && !r2->record)
		ot_buf_printf(out, " (%s)", r2->date);
	ot_buf_printf(out, ": %zu added, %zu repealed, %zu amended, %zu renumbered", st.added, st.removed, st.modified,
		      st.renumbered);
	/* typographic changes are no amendments: told apart, and only
	 * when there are some */
	if (st.typographic)
		ot_buf_printf(out, ", %zu with a typographic change only", st.typographic);
	if (s->nrecords) {
		ot_buf_puts(out, ", by ");
		for (i = 0; i < s->nrecords; i++)
			ot_buf_printf(out, "%s%s", i ? (i + 1 == s->nrecords ? " and " : ", ") : "", s->records[i].id);
	}
}

int ot_summary_range(ot_summary *out, ot_tracker *t, const char *rev1, const char *rev2)
{
	ot_rev r1, r2;
	ot_buf b = OT_BUF_INIT;
	size_t i, cap = 0;
	int err;

	memset(out, 0, sizeof(*out));
	memset(&r1, 0, sizeof(r1));
	memset(&r2, 0, sizeof(r2));
	if ((err = ot_rev_resolve(&r1, t, rev1)) < 0 || (err = ot_rev_resolve(&r2, t, rev2)) < 0)
		goto done;
	if (strcmp(r1.commit, r2.commit) == 0 && same_str(r1.ordinance, r2.ordinance) && !r1.record == !r2.record) {
		err = ot_error_set(OT_EINVALID, "'%s' and '%s' are the same version; nothing to summarise", rev1, rev2);
		goto done;
	}
	if (!r1.record && !r2.record && strcmp(r1.ordinance, r2.ordinance) != 0) {
		err = ot_error_set(OT_EINVALID,
				   "'%s' and '%s' are versions of different ordinances; a summary covers the changes "
				   "to one ordinance (a diff compares two)",
				   rev1, rev2);
		goto done;
	}
	if (!r1.record && !r2.record && r1.number > r2.number) {
		err = ot_error_set(OT_EINVALID,
				   "'%s' (version %d) is newer than '%s' (version %d); give the older version first, as "
				   "in %s..%s",
				   rev1, r1.number, rev2, r2.number, rev2, rev1);
		goto done;
	}
	out->from_rev = ot_strdup(rev1);
	out->to_rev = ot_strdup(rev2);
	memcpy(out->from_commit, r1.commit, 41);
	memcpy(out->to_commit, r2.commit, 41);
	{
		const ot_rev *rs[2] = {&r1, &r2};
		size_t k;
		for (k = 0; k < 2; k++) {
			if (rs[k]->record)
				for (i = 0; i < rs[k]->nordinances; i++)
					strv_add_unique(&out->ordinances, &out->nordinances, &cap, rs[k]->ordinances[i]);
			else
				strv_add_unique(&out->ordinances, &out->nordinances, &cap, rs[k]->ordinance);
		}
	}
	if ((err = ot_members_load(&out->members, t)) < 0)
		goto done;
	if (!r1.record && !r2.record && r1.number < r2.number && (err = load_versions(out, t, &r1, &r2)) < 0)
		goto done;
	if (r1.record || r2.record) {
		/* a record's revisions: that record is the one behind the change */
		const char *id = r2.record ? r2.record : r1.record;
		ot_record rec;
		size_t scap = 0;
		memset(&rec, 0, sizeof(rec));
		if ((err = ot_record_load(&rec, NULL, t, id)) < 0)
			goto done;
		out->records = ot_calloc(1, sizeof(ot_record));
		out->records[0] = rec;
		out->nrecords = 1;
		for (i = 0; i < rec.nsponsors; i++)
			strv_add_unique(&out->sponsors, &out->nsponsors, &scap, rec.sponsors[i]);
	}
	if ((err = load_diffs(out, t, r1.commit, r2.commit)) < 0)
		goto done;
	range_headline(&b, out, &r1, &r2);
	out->headline = ot_strdup(b.ptr);
done:
	ot_buf_release(&b);
	ot_rev_release(&r1);
	ot_rev_release(&r2);
	if (err < 0)
		ot_summary_release(out);
	return err;
}
