/*
 * publish_pages.c - the HTML pages of the static site (publish.h): the
 * index, the members list and one page per member, one page per ordinance
 * (text in force with an anchor per unit, version history, blame) and one
 * per record (its summary, from summary_html.c).
 *
 * Every page is built with html_build.c (libxml2's tree API), links the
 * shared style.css and starts with the same <nav>.  Links between pages
 * are relative ("../records/O2021-117.html"), so the site works from
 * file:// as well as from any host.  The renderers read the loaded ot_pub
 * (publish_internal.h) and own nothing beyond the call; the ordinance page
 * also loads the text in force and its blame from the tracker.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"
#include "ordtrack/doc.h"
#include "ordtrack/query.h"
#include "ordtrack/store.h"
#include "ordtrack/summary.h"
#include "publish_internal.h"
#include "summary_html.h"

long ot_pub_record_find(const ot_pub *p, const char *id)
{
	size_t lo = 0, hi = p->nrecords;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(p->rids[mid], id);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int serving(const ot_member *m, const char *date)
{
	if (!date)
		return 1;
	return (!m->from || strcmp(m->from, date) <= 0) && (!m->to || strcmp(date, m->to) <= 0);
}

long ot_pub_member_find(const ot_pub *p, const char *name, const char *date)
{
	size_t i;
	for (i = 0; i < p->members.n; i++)
		if (strcmp(p->members.items[i].name, name) == 0 && serving(&p->members.items[i], date))
			return (long)i;
	for (i = 0; i < p->members.n; i++)
		if (strcasecmp(p->members.items[i].name, name) == 0 && serving(&p->members.items[i], date))
			return (long)i;
	return -1;
}

const char *ot_pub_record_activity(const ot_record *r)
{
	const char *d = r->introduced ? r->introduced : "";
	size_t i;
#define LATER(x)                                                                                                       \
	do {                                                                                                           \
		if ((x) && strcmp((x), d) > 0)                                                                         \
			d = (x);                                                                                       \
	} while (0)
	LATER(r->closed);
	for (i = 0; i < r->nactions; i++)
		LATER(r->actions[i].date);
	for (i = 0; i < r->nversions; i++)
		LATER(r->versions[i].date);
	for (i = 0; i < r->nvotes; i++)
		LATER(r->votes[i].date);
#undef LATER
	return d;
}

int ot_pub_page_begin(ot_html *h, const ot_pub *p, const char *title, const char *up)
{
	ot_buf b = OT_BUF_INIT, t = OT_BUF_INIT;
	xmlNodePtr nav = NULL;
	int err;

	if (strcmp(title, p->title) == 0)
		ot_buf_puts(&t, title);
	else
		ot_buf_printf(&t, "%s \xe2\x80\x94 %s", title, p->title);
	ot_buf_printf(&b, "%sstyle.css", up);
	err = ot_html_begin(h, t.ptr, b.ptr);
	if (err < 0)
		goto done;
	{
		/* feed readers and browsers find the feed from any page */
		xmlNodePtr link = ot_html_el(h, h->head, "link", NULL);
		ot_buf_clear(&b);
		ot_buf_printf(&b, "%sfeed.xml", up);
		ot_html_attr(h, link, "rel", "alternate");
		ot_html_attr(h, link, "type", "application/atom+xml");
		ot_html_attr(h, link, "title", p->title);
		ot_html_attr(h, link, "href", b.ptr);
	}
	if (h->body) {
		nav = xmlNewDocNode(h->doc, NULL, BAD_CAST "nav", NULL);
		if (!nav || !xmlAddPrevSibling(h->body, nav)) {
			xmlFreeNode(nav);
			nav = NULL;
			h->oom = 1;
		}
	}
	ot_html_attr(h, nav, "aria-label", "Site");
	ot_buf_clear(&b);
	ot_buf_printf(&b, "%sindex.html", up);
	ot_html_link(h, nav, b.ptr, p->title);
	ot_html_texts(h, nav, " \xc2\xb7 ");
	ot_buf_clear(&b);
	ot_buf_printf(&b, "%smembers/index.html", up);
	ot_html_link(h, nav, b.ptr, "Members");
	ot_html_texts(h, nav, " \xc2\xb7 ");
	ot_buf_clear(&b);
	ot_buf_printf(&b, "%sfeed.xml", up);
	ot_html_link(h, nav, b.ptr, "Feed (Atom)");
done:
	ot_buf_release(&b);
	ot_buf_release(&t);
	return err;
}

/* A table with a caption and header cells; returns its <tbody>. */
static xmlNodePtr table(ot_html *h, xmlNodePtr parent, const char *caption, const char *const *cols, size_t n)
{
	xmlNodePtr t = ot_html_el(h, parent, "table", NULL), tr;
	size_t i;
	if (caption)
		ot_html_el_text(h, t, "caption", NULL, caption);
	tr = ot_html_el(h, ot_html_el(h, t, "thead", NULL), "tr", NULL);
	for (i = 0; i < n; i++)
		ot_html_th(h, tr, "col", cols[i]);
	return ot_html_el(h, t, "tbody", NULL);
}

static xmlNodePtr td(ot_html *h, xmlNodePtr tr, const char *s)
{
	return ot_html_el_text(h, tr, "td", NULL, s);
}

/* ---- index ------------------------------------------------------------ */

typedef struct order {
	const char *date, *id;
	size_t i;
} order;

/* newest date first, then id */
static int cmp_order(const void *pa, const void *pb)
{
	const order *a = pa, *b = pb;
	int c = strcmp(b->date, a->date);
	return c ? c : strcmp(a->id, b->id);
}

int ot_pub_index_page(ot_buf *out, const ot_pub *p)
{
	static const char *const rcols[] = {"Record", "Title", "Status", "Last activity"};
	static const char *const ocols[] = {"Ordinance", "Title", "Versions", "Last changed"};
	ot_html h;
	ot_buf b = OT_BUF_INIT;
	order *o = NULL;
	xmlNodePtr body, para, tb, tr;
	size_t i, n;
	int err;

	if ((err = ot_pub_page_begin(&h, p, p->title, "")) < 0)
		return err;
	body = h.body;
	ot_html_el_text(&h, body, "h1", NULL, p->title);
	para = ot_html_el(&h, body, "p", NULL);
	ot_html_textf(&h, para, "%zu ordinance%s and %zu record%s, newest activity first. See also the ", p->nords,
		      p->nords == 1 ? "" : "s", p->nrecords, p->nrecords == 1 ? "" : "s");
	ot_html_link(&h, para, "members/index.html", "members of the council");
	ot_html_texts(&h, para, " and the ");
	ot_html_link(&h, para, "feed.xml", "Atom feed");
	ot_html_texts(&h, para, ".");

	ot_html_el_text(&h, body, "h2", NULL, "Records");
	n = p->nrecords > p->nords ? p->nrecords : p->nords;
	o = ot_calloc(n ? n : 1, sizeof(*o));
	if (!p->nrecords) {
		ot_html_el_text(&h, body, "p", NULL, "No records yet.");
	} else {
		for (i = 0; i < p->nrecords; i++) {
			o[i].date = ot_pub_record_activity(&p->records[i]);
			o[i].id = p->rids[i];
			o[i].i = i;
		}
		qsort(o, p->nrecords, sizeof(*o), cmp_order);
		tb = table(&h, body, "Records, newest activity first", rcols, OT_ARRAY_LEN(rcols));
		for (i = 0; i < p->nrecords; i++) {
			const ot_record *r = &p->records[o[i].i];
			tr = ot_html_el(&h, tb, "tr", NULL);
			ot_buf_clear(&b);
			ot_buf_printf(&b, "records/%s.html", r->id);
			ot_html_link(&h, ot_html_el(&h, tr, "td", NULL), b.ptr, r->id);
			td(&h, tr, r->title);
			td(&h, tr, ot_status_names[r->status]);
			td(&h, tr, o[i].date);
		}
	}

	ot_html_el_text(&h, body, "h2", NULL, "Ordinances");
	if (!p->nords) {
		ot_html_el_text(&h, body, "p", NULL, "No ordinances yet.");
	} else {
		for (i = 0; i < p->nords; i++) {
			const ot_version_list *vl = &p->versions[i];
			o[i].date = vl->n ? vl->items[0].date : "";
			o[i].id = p->ords[i];
			o[i].i = i;
		}
		qsort(o, p->nords, sizeof(*o), cmp_order);
		tb = table(&h, body, "Ordinances, most recently changed first", ocols, OT_ARRAY_LEN(ocols));
		for (i = 0; i < p->nords; i++) {
			const ot_version_list *vl = &p->versions[o[i].i];
			tr = ot_html_el(&h, tb, "tr", NULL);
			ot_buf_clear(&b);
			ot_buf_printf(&b, "ordinances/%s.html", o[i].id);
			ot_html_link(&h, ot_html_el(&h, tr, "td", NULL), b.ptr, o[i].id);
			td(&h, tr, vl->n ? vl->items[0].title : "");
			ot_html_textf(&h, ot_html_el(&h, tr, "td", NULL), "%zu", vl->n);
			td(&h, tr, o[i].date);
		}
	}
	free(o);
	ot_buf_release(&b);
	return ot_html_finish(&h, out);
}

/* ---- members ---------------------------------------------------------- */


static void ward_text(ot_html *h, xmlNodePtr parent, const ot_member *m)
{
	if (m->ward)
		ot_html_textf(h, parent, "%d", m->ward);
	else
		ot_html_texts(h, parent, "none");
}

int ot_pub_members_page(ot_buf *out, const ot_pub *p)
{
	static const char *const cols[] = {"Member", "Ward", "Serving from", "Serving to"};
	ot_html h;
	ot_buf b = OT_BUF_INIT;
	xmlNodePtr tb, tr;
	size_t i;
	int err;

	if ((err = ot_pub_page_begin(&h, p, "Members", "../")) < 0)
		return err;
	ot_html_el_text(&h, h.body, "h1", NULL, "Members of the council");
	if (!p->members.n) {
		ot_html_el_text(&h, h.body, "p", NULL, "No members recorded yet.");
	} else {
		tb = table(&h, h.body, "Members of the council, by ward", cols, OT_ARRAY_LEN(cols));
		for (i = 0; i < p->members.n; i++) {
			const ot_member *m = &p->members.items[i];
			tr = ot_html_el(&h, tb, "tr", NULL);
			ot_buf_clear(&b);
			ot_buf_printf(&b, "%s.html", p->slugs[i]);
			ot_html_link(&h, ot_html_el(&h, tr, "td", NULL), b.ptr, m->name);
			ward_text(&h, ot_html_el(&h, tr, "td", NULL), m);
			td(&h, tr, m->from ? m->from : "not recorded");
			td(&h, tr, m->to ? m->to : "still serving");
		}
	}
	ot_buf_release(&b);
	return ot_html_finish(&h, out);
}

/* One vote cast by a member. */
typedef struct cast {
	const ot_record *r;
	const ot_vote *v;
	size_t vote; /* index in r->votes */
	ot_vote_option option;
} cast;

/* newest first; on one date by record id, then vote order (later first) */
static int cmp_cast(const void *pa, const void *pb)
{
	const cast *a = pa, *b = pb;
	int c = strcmp(b->v->date, a->v->date);
	if (c)
		return c;
	if ((c = strcmp(a->r->id, b->r->id)) != 0)
		return c;
	return a->vote < b->vote ? 1 : a->vote > b->vote ? -1 : 0;
}

/* The records member m sponsored (as Councilmatic lists them beside the
 * votes): a sponsor is m when the name, as written, names m's person on
 * the record's introduction (or at any time). */
static void sponsored_section(ot_html *h, xmlNodePtr body, const ot_pub *p, const ot_member *m)
{
	static const char *const cols[] = {"Record", "Introduced", "Status", "Sponsor", "Title"};
	ot_buf b = OT_BUF_INIT;
	xmlNodePtr tb = NULL, tr;
	size_t i, j, n = 0;
	ot_html_el_text(h, body, "h2", NULL, "Sponsored");
	for (i = 0; i < p->nrecords; i++) {
		const ot_record *r = &p->records[i];
		for (j = 0; j < r->nsponsors; j++) {
			const ot_member *who = ot_members_find(&p->members, r->sponsors[j], r->introduced);
			if (!who)
				who = ot_members_find(&p->members, r->sponsors[j], NULL);
			if (who && strcmp(who->name, m->name) == 0)
				break;
		}
		if (j == r->nsponsors)
			continue;
		if (!n++)
			tb = table(h, body, "Records sponsored, by record", cols, OT_ARRAY_LEN(cols));
		tr = ot_html_el(h, tb, "tr", NULL);
		ot_buf_clear(&b);
		ot_buf_printf(&b, "../records/%s.html", r->id);
		ot_html_link(h, ot_html_el(h, tr, "td", NULL), b.ptr, r->id);
		td(h, tr, r->introduced);
		td(h, tr, ot_status_names[r->status]);
		td(h, tr, j == 0 ? "primary" : "co-sponsor");
		td(h, tr, r->title);
	}
	if (!n)
		ot_html_el_text(h, body, "p", NULL, "No records sponsored.");
	ot_buf_release(&b);
}

int ot_pub_member_page(ot_buf *out, const ot_pub *p, size_t member)
{
	static const char *const cols[] = {"Date", "Record", "Motion", "Vote", "Result", "With the majority"};
	const ot_member *m = &p->members.items[member];
	cast *casts = NULL;
	size_t ncasts = 0, cap = 0, i, j, k, with = 0, counted = 0, tied = 0;
	size_t other[OT_VOTE_NOPTIONS] = {0};
	ot_html h;
	ot_buf b = OT_BUF_INIT;
	xmlNodePtr body, para, tb, tr;
	int err;

	/* the votes cast under this member's name while serving; a roll
	 * entry belongs to the member ot_pub_member_find picks for it, so
	 * two members of one name never share a vote */
	for (i = 0; i < p->nrecords; i++) {
		const ot_record *r = &p->records[i];
		for (j = 0; j < r->nvotes; j++) {
			const ot_vote *v = &r->votes[j];
			for (k = 0; k < v->nroll; k++) {
				cast *c;
				if (strcasecmp(v->roll[k].name, m->name) != 0 ||
				    ot_pub_member_find(p, v->roll[k].name, v->date) != (long)member)
					continue;
				c = OT_ARRAY_PUSH(casts, ncasts, cap);
				c->r = r;
				c->v = v;
				c->vote = j;
				c->option = v->roll[k].option;
			}
		}
	}
	if (ncasts)
		qsort(casts, ncasts, sizeof(*casts), cmp_cast);
	for (i = 0; i < ncasts; i++) {
		int maj = ot_vote_majority(casts[i].v);
		if (casts[i].option == OT_VOTE_YES || casts[i].option == OT_VOTE_NO) {
			if (maj < 0) {
				tied++;
			} else {
				counted++;
				with += (int)casts[i].option == maj;
			}
		} else {
			other[casts[i].option]++;
		}
	}

	if ((err = ot_pub_page_begin(&h, p, m->name, "../")) < 0)
		goto done;
	body = h.body;
	ot_html_el_text(&h, body, "h1", NULL, m->name);
	para = ot_html_el(&h, body, "p", "meta");
	ot_html_texts(&h, para, "Ward: ");
	ward_text(&h, para, m);
	ot_html_textf(&h, para, ". Serving from %s to %s.", m->from ? m->from : "a date not recorded",
		      m->to ? m->to : "the present");

	para = ot_html_el(&h, body, "p", "majority");
	if (counted)
		ot_html_textf(&h, para, "%s voted with the majority in %zu of %zu vote%s (%zu%%).", m->name, with,
			      counted, counted == 1 ? "" : "s", (with * 200 + counted) / (2 * counted));
	else
		ot_html_textf(&h, para, "No yes or no vote by %s on a vote with a majority is recorded, so agreement "
				   "with the majority cannot be given.", m->name);
	ot_buf_clear(&b);
	for (i = OT_VOTE_ABSTAIN; i < OT_VOTE_NOPTIONS; i++)
		if (other[i])
			ot_buf_printf(&b, "%s%zu %s", b.len ? ", " : "", other[i], ot_vote_option_names[i]);
	if (tied)
		ot_buf_printf(&b, "%s%zu yes or no on a tied vote", b.len ? ", " : "", tied);
	if (b.len)
		ot_html_textf(&h, ot_html_el(&h, body, "p", "meta"), "Not counted above: %s.", b.ptr);

	sponsored_section(&h, body, p, m);
	ot_html_el_text(&h, body, "h2", NULL, "Votes");
	if (!ncasts) {
		ot_html_el_text(&h, body, "p", NULL, "No votes recorded.");
	} else {
		tb = table(&h, body, "Every vote cast, newest first", cols, OT_ARRAY_LEN(cols));
		for (i = 0; i < ncasts; i++) {
			const cast *c = &casts[i];
			int maj = ot_vote_majority(c->v);
			tr = ot_html_el(&h, tb, "tr", NULL);
			td(&h, tr, c->v->date);
			ot_buf_clear(&b);
			ot_buf_printf(&b, "../records/%s.html#vote-%zu", c->r->id, c->vote + 1);
			ot_html_link(&h, ot_html_el(&h, tr, "td", NULL), b.ptr, c->r->id);
			td(&h, tr, c->v->motion);
			td(&h, tr, ot_vote_option_names[c->option]);
			ot_buf_clear(&b);
			ot_vote_tally_words(&b, c->v);
			td(&h, tr, b.ptr);
			if (c->option != OT_VOTE_YES && c->option != OT_VOTE_NO)
				td(&h, tr, "not counted");
			else if (maj < 0)
				td(&h, tr, "tie");
			else
				td(&h, tr, (int)c->option == maj ? "yes" : "no");
		}
	}
	err = ot_html_finish(&h, out);
done:
	free(casts);
	ot_buf_release(&b);
	return err;
}

/* ---- ordinances ------------------------------------------------------- */

static int cmp_blame(const void *pa, const void *pb)
{
	const ot_blame_line *const *a = pa, *const *b = pb;
	return strcmp((*a)->id, (*b)->id);
}

static const ot_blame_line *blame_find(ot_blame_line **sorted, size_t n, const char *id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(sorted[mid]->id, id);
		if (c == 0)
			return sorted[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* "last changed by O2021-117 (2021-01-27)" after a unit. */
static void blame_note(ot_html *h, xmlNodePtr parent, const ot_pub *p, const ot_blame_line *bl)
{
	ot_buf b = OT_BUF_INIT;
	xmlNodePtr s;
	if (!bl)
		return;
	ot_html_texts(h, parent, " ");
	s = ot_html_el(h, parent, "span", "blame");
	if (bl->version.record && *bl->version.record) {
		ot_html_texts(h, s, "last changed by ");
		if (ot_pub_record_find(p, bl->version.record) >= 0) {
			ot_buf_printf(&b, "../records/%s.html", bl->version.record);
			ot_html_link(h, s, b.ptr, bl->version.record);
		} else {
			ot_html_texts(h, s, bl->version.record);
		}
		ot_html_textf(h, s, " (%s)", bl->version.date);
	} else {
		ot_html_texts(h, s, "last changed in ");
		ot_buf_printf(&b, "#v-%d", bl->version.number);
		{
			ot_buf label = OT_BUF_INIT;
			ot_buf_printf(&label, "version %d", bl->version.number);
			ot_html_link(h, s, b.ptr, label.ptr);
			ot_buf_release(&label);
		}
		ot_html_textf(h, s, " (%s)", bl->version.date);
	}
	ot_buf_release(&b);
}

/* The text under `parent`: per section an <h3> and per clause a <p>, each
 * with id = ot_html_anchor of the unit id and its blame.  The tree is
 * walked with an explicit stack (no recursion). */
/* The notes of one section (history, source, editor's, cross-reference;
 * never law), after its text: a list with each note's kind. */
static void section_notes(ot_html *h, xmlNodePtr div, const ot_doc *doc, const ot_doc_note_groups *g, size_t k)
{
	xmlNodePtr ul = NULL, li;
	size_t i;
	for (i = g->start[k]; i < g->start[k + 1]; i++) {
		const ot_doc_note *nt = &doc->notes[g->order[i]];
		if (!ul) {
			ot_html_el_text(h, div, "p", "notes-label", "Notes (not law):");
			ul = ot_html_el(h, div, "ul", "notes");
		}
		li = ot_html_el(h, ul, "li", NULL);
		ot_html_el_text(h, li, "span", "note-kind", nt->kind);
		ot_html_texts(h, li, " ");
		ot_html_texts(h, li, nt->text);
	}
}

static void ordinance_text(ot_html *h, xmlNodePtr parent, const ot_pub *p, const ot_doc *doc,
			   ot_blame_line **sorted, size_t nsorted)
{
	const ot_node **stack = NULL;
	size_t n = 0, cap = 0, i;
	ot_buf b = OT_BUF_INIT;
	ot_doc_note_groups groups;

	/* each section's notes by one grouping, not a scan of all notes per
	 * section (quadratic on a whole code) */
	ot_doc_note_groups_init(&groups, doc);
	for (i = 0; i < doc->nsections; i++) {
		const ot_node *sec = doc->sections[i];
		xmlNodePtr hd, div = ot_html_el(h, parent, "div", "section");
		unsigned c;
		ot_buf_clear(&b);
		ot_html_anchor(&b, "", sec->id);
		hd = ot_html_el(h, div, "h3", NULL);
		ot_html_attr(h, hd, "id", b.ptr);
		ot_html_textf(h, hd, "%s%s%s", sec->num, sec->heading && *sec->heading ? " " : "",
			      sec->heading ? sec->heading : "");
		/* beside the heading, not in it: a screen reader reads the
		 * heading alone */
		blame_note(h, ot_html_el(h, div, "p", "section-blame"), p, blame_find(sorted, nsorted, sec->id));
		n = 0;
		for (c = sec->nchildren; c > 0; c--)
			*OT_ARRAY_PUSH(stack, n, cap) = sec->children[c - 1];
		while (n) {
			const ot_node *u = stack[--n];
			const ot_node *a;
			xmlNodePtr para;
			int depth = 0;
			for (a = u->parent; a && a->parent; a = a->parent)
				depth++;
			ot_buf_clear(&b);
			ot_buf_printf(&b, "clause depth%d", depth > 8 ? 8 : depth);
			para = ot_html_el(h, div, "p", b.ptr);
			ot_buf_clear(&b);
			ot_html_anchor(&b, "", u->id);
			ot_html_attr(h, para, "id", b.ptr);
			if (u->num) {
				ot_html_el_text(h, para, "span", "num", u->num);
				ot_html_texts(h, para, " ");
			}
			ot_html_texts(h, para, u->text);
			blame_note(h, para, p, blame_find(sorted, nsorted, u->id));
			for (c = u->nchildren; c > 0; c--)
				*OT_ARRAY_PUSH(stack, n, cap) = u->children[c - 1];
		}
		section_notes(h, div, doc, &groups, i);
	}
	ot_doc_note_groups_release(&groups);
	free(stack);
	ot_buf_release(&b);
}

int ot_pub_ordinance_page(ot_buf *out, const ot_pub *p, size_t ord)
{
	static const char *const cols[] = {"Version", "Date", "Stage", "Record", "Subject"};
	const char *id = p->ords[ord];
	const ot_version_list *vl = &p->versions[ord];
	const ot_version *latest;
	ot_doc *doc = NULL;
	ot_blame blame;
	ot_blame_line **sorted = NULL;
	ot_html h;
	ot_buf b = OT_BUF_INIT;
	xmlNodePtr body, para, tb, tr, cell;
	size_t i;
	int err, started = 0;

	memset(&blame, 0, sizeof(blame));
	if (!vl->n) {
		err = ot_error_set(OT_ENOTFOUND, "ordinance '%s' has no version in the index", id);
		ot_error_hint(OT_HINT_REINDEX);
		goto done;
	}
	latest = &vl->items[0];
	/* a repealed ordinance: its page shows the last text it had */
	for (i = 0; i + 1 < vl->n && vl->items[i].repealed; i++)
		latest = &vl->items[i + 1];
	if ((err = ot_store_load(&doc, p->t, latest->commit, id)) < 0 ||
	    (err = ot_query_blame(&blame, p->t, id, latest->number)) < 0)
		goto done;
	sorted = ot_calloc(blame.n ? blame.n : 1, sizeof(*sorted));
	for (i = 0; i < blame.n; i++)
		sorted[i] = &blame.items[i];
	qsort(sorted, blame.n, sizeof(*sorted), cmp_blame);

	ot_buf_printf(&b, "%s%s%s", id, latest->title && *latest->title ? " " : "", latest->title ? latest->title : "");
	if ((err = ot_pub_page_begin(&h, p, b.ptr, "../")) < 0)
		goto done;
	started = 1;
	body = h.body;
	ot_html_el_text(&h, body, "h1", NULL, b.ptr);
	para = ot_html_el(&h, body, "p", "meta");
	if (vl->items[0].repealed)
		ot_html_textf(&h, para, "Repealed on %s (version %d). Its last text: version %d of %s (%s). ",
			      vl->items[0].date, vl->items[0].number, latest->number, latest->date, latest->stage);
	else
		ot_html_textf(&h, para, "Text in force: version %d of %s (%s). ", latest->number, latest->date,
			      latest->stage);
	ot_html_link(&h, para, "#history", "Version history");
	ot_html_texts(&h, para, ". Each clause notes the version that last changed it.");

	ot_html_el_text(&h, body, "h2", NULL, "Text");
	ordinance_text(&h, body, p, doc, sorted, blame.n);

	ot_html_attr(&h, ot_html_el_text(&h, body, "h2", NULL, "Version history"), "id", "history");
	tb = table(&h, body, "Versions, newest first", cols, OT_ARRAY_LEN(cols));
	for (i = 0; i < vl->n; i++) {
		const ot_version *v = &vl->items[i];
		tr = ot_html_el(&h, tb, "tr", NULL);
		ot_buf_clear(&b);
		ot_buf_printf(&b, "v-%d", v->number);
		ot_html_attr(&h, tr, "id", b.ptr);
		ot_html_textf(&h, ot_html_el(&h, tr, "td", NULL), "%d", v->number);
		td(&h, tr, v->date);
		td(&h, tr, v->stage);
		cell = ot_html_el(&h, tr, "td", NULL);
		if (v->record && *v->record && ot_pub_record_find(p, v->record) >= 0) {
			ot_buf_clear(&b);
			ot_buf_printf(&b, "../records/%s.html", v->record);
			ot_html_link(&h, cell, b.ptr, v->record);
		} else if (v->record && *v->record) {
			ot_html_texts(&h, cell, v->record);
		} else {
			ot_html_texts(&h, cell, "none");
		}
		td(&h, tr, v->subject);
	}
	started = 0;
	err = ot_html_finish(&h, out);
done:
	if (started)
		ot_html_release(&h);
	free(sorted);
	ot_blame_release(&blame);
	ot_doc_free(doc);
	ot_buf_release(&b);
	return err;
}

/* ---- records ---------------------------------------------------------- */

static const char *member_href(void *ctx, const char *name, const char *date)
{
	const ot_pub *p = ctx;
	long i = ot_pub_member_find(p, name, date);
	return i < 0 ? NULL : p->hrefs[i];
}

static int has_ordinance(void *ctx, const char *ord)
{
	const ot_pub *p = ctx;
	size_t i;
	for (i = 0; i < p->nords; i++)
		if (strcmp(p->ords[i], ord) == 0)
			return 1;
	return 0;
}

/* The record's summary (summary_html.c): headline, timeline, each vote
 * (section "vote-N", chart and roll call), changed clauses and the
 * redline against its base. */
/* 1 for a URL a page may link to: http, https or ftp (a record file
 * edited by hand could hold "javascript:"; that is shown, not linked). */
static int linkable(const char *url)
{
	return strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0 || strncmp(url, "ftp://", 6) == 0;
}

/* Where the record was published, its text versions and documents (the
 * links an import kept: OCD sources, versions, documents). */
static void links_section(ot_html *h, xmlNodePtr body, const ot_record *r)
{
	static const char *const heads[OT_LINK_N] = {"Sources", "Text versions", "Documents"};
	size_t i, k;
	if (!r->nlinks)
		return;
	ot_html_el_text(h, body, "h2", NULL, "Sources and documents");
	for (k = 0; k < OT_LINK_N; k++) {
		xmlNodePtr ul = NULL;
		for (i = 0; i < r->nlinks; i++) {
			const ot_link *l = &r->links[i];
			xmlNodePtr li;
			if (l->kind != (ot_link_kind)k)
				continue;
			if (!ul) {
				ot_html_el_text(h, body, "h3", NULL, heads[k]);
				ul = ot_html_el(h, body, "ul", NULL);
			}
			li = ot_html_el(h, ul, "li", NULL);
			if (linkable(l->url))
				ot_html_link(h, li, l->url, l->note && *l->note ? l->note : l->url);
			else
				ot_html_textf(h, li, "%s (not linked: not a web address)", l->url);
			if (l->note && *l->note && linkable(l->url))
				ot_html_textf(h, li, " (%s)", l->url);
		}
	}
}

int ot_pub_record_page(ot_buf *out, const ot_pub *p, size_t record)
{
	ot_summary s;
	ot_summary_html_opts o;
	ot_html h;
	ot_buf title = OT_BUF_INIT;
	int err;

	memset(&s, 0, sizeof(s));
	if ((err = ot_summary_record(&s, p->t, p->rids[record])) < 0)
		goto done;
	ot_buf_printf(&title, "%s: %s", p->records[record].id, p->records[record].title);
	if ((err = ot_pub_page_begin(&h, p, title.ptr, "../")) < 0)
		goto done;
	memset(&o, 0, sizeof(o));
	o.root = "../";
	o.member_href = member_href;
	o.has_ordinance = has_ordinance;
	o.ctx = (void *)p;
	o.heading_level = 2;
	ot_summary_html(&h, h.body, &s, &o);
	links_section(&h, h.body, &p->records[record]);
	err = ot_html_finish(&h, out);
done:
	ot_summary_release(&s);
	ot_buf_release(&title);
	return err;
}
