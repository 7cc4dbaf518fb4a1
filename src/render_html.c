/*
 * render_html.c - a standalone HTML5 redline page, built only through
 * libxml2's tree API and serialised by its HTML serialiser, so escaping
 * and well-formedness are libxml2's job, never string pasting.
 *
 * Page: <!DOCTYPE html>, <html lang="en">, <meta charset="utf-8">, a
 * title, one embedded <style> (del struck and red, ins underlined and
 * green, a print stylesheet: black text, no backgrounds, no breaks inside
 * a change), a summary of counts, a table of changed units (th
 * scope="col"; each row links to the change's anchor), then one
 * <section id="c-ID"> per change: a heading with the id and the kind, the
 * greyed context units before it (opts->context), the redline, the
 * context after it.
 *
 * The council's convention is struck deletions and underscored
 * insertions; a screen reader cannot see either, so every <del> and <ins>
 * carries a visually hidden span ("sr-only", the clip pattern) saying
 * "[deleted: " / "[inserted: " and a closing "]".
 *
 * Anchors: "c-" + the unit id with every character outside
 * [A-Za-z0-9-_.()~] replaced by '_' (libxml2 percent-escapes href values,
 * so only characters that survive unescaped are kept, and href and id
 * match byte for byte).  Two changes with the same anchor (a unit removed
 * and another added under the same id) get "--2", "--3" ... in order.
 *
 * Texts are checked to be UTF-8 first (OT_EINVALID otherwise).  libxml2
 * allocation failures are collected in a sticky flag and reported once
 * at the end.  The xmlDoc is owned here and freed under done:.
 */
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "ordtrack/validate.h"
#include "render_internal.h"

static const char css[] =
	"\n"
	"body { font-family: Georgia, \"Times New Roman\", serif; line-height: 1.5;\n"
	"  max-width: 50em; margin: 2em auto; padding: 0 1em; color: #1a1a1a;\n"
	"  background: #fff; }\n"
	"h1 { font-size: 1.5em; }\n"
	"h2 { font-size: 1.1em; margin: 0 0 .25em; }\n"
	"table { border-collapse: collapse; margin: 1em 0; }\n"
	"th, td { border: 1px solid #ccc; padding: .25em .5em; text-align: left;\n"
	"  vertical-align: top; }\n"
	"section.change { border-top: 1px solid #ddd; padding: .5em 0; }\n"
	"p.redline, p.context { margin: .25em 0; }\n"
	"del { color: #b30000; text-decoration: line-through; background: #fde8e8; }\n"
	"ins { color: #006b1b; text-decoration: underline; background: #e6f6ea; }\n"
	".context { color: #767676; }\n"
	".kind { font-weight: normal; font-style: italic; }\n"
	".sr-only { position: absolute; width: 1px; height: 1px; padding: 0;\n"
	"  margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0);\n"
	"  clip-path: inset(50%); white-space: nowrap; border: 0; }\n"
	"@media print {\n"
	"  body { max-width: none; margin: 0; }\n"
	"  * { color: #000 !important; background: none !important; }\n"
	"  del { text-decoration: line-through; }\n"
	"  ins { text-decoration: underline; }\n"
	"  a { text-decoration: none; }\n"
	"  section.change, p.redline, tr { break-inside: avoid;\n"
	"    page-break-inside: avoid; }\n"
	"}\n";

typedef struct html {
	xmlDocPtr doc;
	int oom;          /* a libxml2 call failed */
	const char *bad;  /* the first text that is not UTF-8, or NULL */
} html;

/* A new child element (with a class when cls is non-NULL); NULL, and
 * the sticky flag set, when libxml2 fails; NULL parent gives NULL. */
static xmlNodePtr el(html *h, xmlNodePtr parent, const char *name, const char *cls)
{
	xmlNodePtr n;
	if (!parent)
		return NULL;
	n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
	if (!n) {
		h->oom = 1;
		return NULL;
	}
	if (cls && !xmlNewProp(n, BAD_CAST "class", BAD_CAST cls))
		h->oom = 1;
	return n;
}

static void attr(html *h, xmlNodePtr node, const char *name, const char *value)
{
	if (node && !xmlNewProp(node, BAD_CAST name, BAD_CAST value))
		h->oom = 1;
}

/* Append s[0..len) as a text node (escaped on output). */
static void text(html *h, xmlNodePtr parent, const char *s, size_t len)
{
	xmlNodePtr t;
	if (!parent || !len)
		return;
	if (ot_utf8_check(s, len, NULL, NULL) < 0) {
		if (!h->bad)
			h->bad = s;
		return;
	}
	if (len > (size_t)0x7fffffff) {
		h->oom = 1;
		return;
	}
	t = xmlNewDocTextLen(h->doc, BAD_CAST s, (int)len);
	if (!t || !xmlAddChild(parent, t)) {
		xmlFreeNode(t);
		h->oom = 1;
	}
}

static void texts(html *h, xmlNodePtr parent, const char *s)
{
	if (s)
		text(h, parent, s, strlen(s));
}

/* <del>/<ins> with the screen-reader announcement around the text. */
static void marked(html *h, xmlNodePtr parent, ot_op_kind op, const char *s, size_t len)
{
	int del = op == OT_OP_DELETE;
	xmlNodePtr m = el(h, parent, del ? "del" : "ins", NULL);
	texts(h, el(h, m, "span", "sr-only"), del ? "[deleted: " : "[inserted: ");
	text(h, m, s, len);
	texts(h, el(h, m, "span", "sr-only"), "]");
}

typedef struct anchor {
	char *name;
	size_t index;
} anchor;

static int cmp_anchor(const void *pa, const void *pb)
{
	const anchor *a = pa, *b = pb;
	int c = strcmp(a->name, b->name);
	if (c)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* A new array of one anchor name per change, unique, in change order
 * (owned: free each name and the array with free_anchors). */
static char **make_anchors(const ot_diff *diff)
{
	char **names = ot_calloc(diff->nchanges ? diff->nchanges : 1, sizeof(char *));
	anchor *sorted = ot_calloc(diff->nchanges ? diff->nchanges : 1, sizeof(anchor));
	ot_buf b = OT_BUF_INIT;
	const char *base = NULL;
	size_t i, run = 1;

	for (i = 0; i < diff->nchanges; i++) {
		const char *p = OT_RS(diff->changes[i].id);
		ot_buf_clear(&b);
		ot_buf_puts(&b, "c-");
		for (; *p; p++) {
			char ch = *p;
			int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
				 (ch >= '0' && ch <= '9') || strchr("-_.()~", ch);
			ot_buf_putc(&b, ok ? ch : '_');
		}
		sorted[i].name = ot_strdup(b.ptr);
		sorted[i].index = i;
	}
	qsort(sorted, diff->nchanges, sizeof(anchor), cmp_anchor);
	for (i = 0; i < diff->nchanges; i++) {
		/* base: the first of a run of equal names, kept as is */
		if (base && strcmp(sorted[i].name, base) == 0) {
			run++;
			ot_buf_clear(&b);
			ot_buf_printf(&b, "%s--%zu", base, run);
			names[sorted[i].index] = ot_strdup(b.ptr);
			free(sorted[i].name);
		} else {
			run = 1;
			base = sorted[i].name;
			names[sorted[i].index] = sorted[i].name;
		}
	}
	ot_buf_release(&b);
	free(sorted);
	return names;
}

static void free_anchors(char **names, size_t n)
{
	size_t i;
	if (!names)
		return;
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* "renumbered from X (97% similar)", "amended", ... */
static void describe(ot_buf *b, const ot_change *c)
{
	if (c->kind == OT_CHANGE_RENUMBERED) {
		ot_buf_printf(b, "%s from %s (%d%% similar)",
			      ot_render__renumber_word(c), OT_RS(c->old_id),
			      ot_render__percent(c->similarity));
		if (ot_render__has_edits(c))
			ot_buf_puts(b, ", amended");
	} else if (c->kind == OT_CHANGE_MODIFIED && c->node_kind == OT_NODE_SECTION) {
		ot_buf_puts(b, "heading amended");
	} else {
		ot_buf_puts(b, ot_render__kind_verb(c->kind));
	}
}

static void context(html *h, xmlNodePtr parent, const ot_render_ctx *ctx,
		    size_t from, size_t to)
{
	ot_buf line = OT_BUF_INIT;
	size_t i;
	for (i = from; i < to; i++) {
		ot_buf_clear(&line);
		ot_render__unit_line(&line, ctx->units[i]);
		text(h, el(h, parent, "p", "context"), line.ptr, line.len);
	}
	ot_buf_release(&line);
}

static void redline(html *h, xmlNodePtr parent, const ot_change *c)
{
	ot_render_seg *segs = NULL;
	size_t n = 0, i;
	xmlNodePtr p;

	ot_render__redline(&segs, &n, c);
	p = el(h, parent, "p", c->node_kind == OT_NODE_SECTION ? "redline heading"
							       : "redline");
	if (c->num && c->node_kind != OT_NODE_TEXT) {
		texts(h, el(h, p, "span", "num"), c->num);
		if (n)
			texts(h, p, " ");
	}
	for (i = 0; i < n; i++) {
		if (segs[i].op == OT_OP_EQUAL)
			text(h, p, segs[i].text, segs[i].len);
		else
			marked(h, p, segs[i].op, segs[i].text, segs[i].len);
	}
	free(segs);
}

static void revs(html *h, xmlNodePtr body, const ot_diff_render_opts *opts)
{
	xmlNodePtr p = el(h, body, "p", "revs"), code;
	texts(h, p, "From ");
	code = el(h, p, "code", NULL);
	texts(h, code, ot_render__from(opts));
	if (opts->from_commit)
		attr(h, code, "title", opts->from_commit);
	texts(h, p, " to ");
	code = el(h, p, "code", NULL);
	texts(h, code, ot_render__to(opts));
	if (opts->to_commit)
		attr(h, code, "title", opts->to_commit);
}

/* Serialise the document as UTF-8 (no encoder: libxml2's "HTML" encoder
 * would turn every non-ASCII character into an entity, and xmlSave with an
 * encoding adds a second, http-equiv charset declaration). */
static int dump(ot_buf *out, xmlDocPtr doc)
{
	xmlOutputBufferPtr ob = xmlAllocOutputBuffer(NULL);
	int err = 0;
	if (!ob)
		return ot_error_set(OT_ERROR, "cannot serialise the HTML page: out of memory");
	htmlDocContentDumpFormatOutput(ob, doc, NULL, 1);
	if (ob->error || !xmlOutputBufferGetContent(ob)) {
		err = ot_error_set(OT_ERROR, "cannot serialise the HTML page (libxml2 "
				   "error %d)", ob->error);
	} else {
		ot_buf_put(out, (const char *)xmlOutputBufferGetContent(ob),
			   xmlOutputBufferGetSize(ob));
	}
	xmlOutputBufferClose(ob);
	return err;
}

/* Returns 0 and appends the page; OT_EINVALID for a text that is not
 * UTF-8; -1 when libxml2 fails. */
int ot_render__html(ot_buf *out, const ot_diff *diff, const ot_diff_render_opts *opts)
{
	html h = {NULL, 0, NULL};
	ot_render_ctx ctx;
	ot_buf title = OT_BUF_INIT, tmp = OT_BUF_INIT;
	char **anchors = NULL;
	xmlNodePtr root, head, body, n, table, tr, tbody, sec, h2, a;
	size_t i, b0, b1, a0, a1;
	int err = 0;

	xmlInitParser();
	ot_render__ctx_init(&ctx, diff, opts);
	if (opts->title)
		ot_buf_puts(&title, opts->title);
	else
		ot_buf_printf(&title, "Changes: %s → %s", ot_render__from(opts),
			      ot_render__to(opts));
	anchors = make_anchors(diff);

	h.doc = htmlNewDocNoDtD(NULL, NULL);
	if (!h.doc || !xmlCreateIntSubset(h.doc, BAD_CAST "html", NULL, NULL)) {
		err = ot_error_set(OT_ERROR, "cannot create the HTML page: out of memory");
		goto done;
	}
	root = xmlNewDocNode(h.doc, NULL, BAD_CAST "html", NULL);
	if (!root) {
		err = ot_error_set(OT_ERROR, "cannot create the HTML page: out of memory");
		goto done;
	}
	xmlDocSetRootElement(h.doc, root);
	attr(&h, root, "lang", "en");
	head = el(&h, root, "head", NULL);
	attr(&h, el(&h, head, "meta", NULL), "charset", "utf-8");
	n = el(&h, head, "meta", NULL);
	attr(&h, n, "name", "viewport");
	attr(&h, n, "content", "width=device-width, initial-scale=1");
	text(&h, el(&h, head, "title", NULL), title.ptr, title.len);
	texts(&h, el(&h, head, "style", NULL), css);

	body = el(&h, el(&h, root, "body", NULL), "main", NULL);
	text(&h, el(&h, body, "h1", NULL), title.ptr, title.len);
	revs(&h, body, opts);
	ot_render__stats_line(&tmp, &diff->stats);
	text(&h, el(&h, body, "p", "summary"), tmp.ptr, tmp.len);

	if (!diff->nchanges) {
		texts(&h, el(&h, body, "p", "none"), "No changes.");
	} else {
		table = el(&h, body, "table", "changes");
		texts(&h, el(&h, table, "caption", NULL), "Changed clauses");
		tr = el(&h, el(&h, table, "thead", NULL), "tr", NULL);
		n = el(&h, tr, "th", NULL);
		attr(&h, n, "scope", "col");
		texts(&h, n, "Clause");
		n = el(&h, tr, "th", NULL);
		attr(&h, n, "scope", "col");
		texts(&h, n, "Change");
		tbody = el(&h, table, "tbody", NULL);
		for (i = 0; i < diff->nchanges; i++) {
			const ot_change *c = &diff->changes[i];
			tr = el(&h, tbody, "tr", ot_render__kind_name(c->kind));
			a = el(&h, el(&h, tr, "td", NULL), "a", NULL);
			ot_buf_clear(&tmp);
			ot_buf_printf(&tmp, "#%s", anchors[i]);
			attr(&h, a, "href", tmp.ptr);
			texts(&h, a, OT_RS(c->id));
			ot_buf_clear(&tmp);
			describe(&tmp, c);
			text(&h, el(&h, tr, "td", NULL), tmp.ptr, tmp.len);
		}
	}

	for (i = 0; i < diff->nchanges; i++) {
		const ot_change *c = &diff->changes[i];
		ot_buf_clear(&tmp);
		ot_buf_printf(&tmp, "change %s %s", ot_render__kind_name(c->kind),
			      ot_render__node_name(c->node_kind));
		sec = el(&h, body, "section", tmp.ptr);
		attr(&h, sec, "id", anchors[i]);
		h2 = el(&h, sec, "h2", NULL);
		a = el(&h, h2, "a", NULL);
		ot_buf_clear(&tmp);
		ot_buf_printf(&tmp, "#%s", anchors[i]);
		attr(&h, a, "href", tmp.ptr);
		texts(&h, a, OT_RS(c->id));
		texts(&h, h2, " ");
		ot_buf_clear(&tmp);
		describe(&tmp, c);
		text(&h, el(&h, h2, "span", "kind"), tmp.ptr, tmp.len);
		ot_render__ctx_ranges(&ctx, c, &b0, &b1, &a0, &a1);
		context(&h, sec, &ctx, b0, b1);
		redline(&h, sec, c);
		context(&h, sec, &ctx, a0, a1);
		/* libxml2 does not know HTML5's <section>: break the line
		 * itself so each change starts on its own line */
		texts(&h, body, "\n");
	}

	if (h.bad) {
		err = ot_error_set(OT_EINVALID, "cannot write the HTML page: a text "
				   "is not valid UTF-8");
		goto done;
	}
	if (h.oom) {
		err = ot_error_set(OT_ERROR, "cannot build the HTML page: libxml2 "
				   "out of memory");
		goto done;
	}
	err = dump(out, h.doc);
done:
	if (h.doc)
		xmlFreeDoc(h.doc);
	free_anchors(anchors, diff->nchanges);
	ot_render__ctx_release(&ctx);
	ot_buf_release(&title);
	ot_buf_release(&tmp);
	return err;
}
