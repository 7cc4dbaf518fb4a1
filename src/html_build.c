/*
 * html_build.c - building HTML pages with libxml2's tree API: the page
 * skeleton, element and text helpers with sticky errors, the <del>/<ins>
 * redline marks, and the redline of a whole diff (html_build.h).
 *
 * The council's convention is struck deletions and underscored
 * insertions; a screen reader cannot see either, so every <del> and <ins>
 * carries a visually hidden span ("sr-only", the clip pattern) saying
 * "[deleted: " / "[inserted: " and a closing "]".
 *
 * A typographic change (only quotes, dashes or spacing differ) is no
 * amendment: its marks are never <del>/<ins>.  The old mark is a
 * <span class="typo-old"> (small, grey, not struck), the new one a
 * <span class="typo-new"> (dotted underline), announced as "[typographic
 * change: " "was " ... " now " ... "]"; an invisible mark (a no-break
 * space) is named, <U+00A0>.
 *
 * Pages are serialised by libxml2's HTML serialiser as UTF-8 (no encoder:
 * libxml2's "HTML" encoder would turn every non-ASCII character into an
 * entity, and xmlSave with an encoding adds a second, http-equiv charset
 * declaration).  Texts are checked to be UTF-8 before they enter the tree.
 */
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "html_build.h"
#include "internal.h"
#include "ordtrack/validate.h"
#include "render_internal.h"

const char ot_html_css[] =
	"\n"
	"body { font-family: Georgia, \"Times New Roman\", serif; line-height: 1.5;\n"
	"  max-width: 50em; margin: 2em auto; padding: 0 1em; color: #1a1a1a;\n"
	"  background: #fff; }\n"
	"h1 { font-size: 1.5em; }\n"
	"h2 { font-size: 1.2em; margin: 1.2em 0 .25em; }\n"
	"h3 { font-size: 1.05em; margin: .8em 0 .25em; }\n"
	"table { border-collapse: collapse; margin: 1em 0; }\n"
	"th, td { border: 1px solid #ccc; padding: .25em .5em; text-align: left;\n"
	"  vertical-align: top; }\n"
	"caption { text-align: left; font-weight: bold; }\n"
	"dt { font-weight: bold; } dd { margin: 0 0 .4em 1.5em; }\n"
	"nav { font-size: .9em; margin-bottom: 1em; }\n"
	"section.change { border-top: 1px solid #ddd; padding: .5em 0; }\n"
	"p.redline, p.context { margin: .25em 0; }\n"
	"del { color: #b30000; text-decoration: line-through; background: #fde8e8; }\n"
	"ins { color: #006b1b; text-decoration: underline; background: #e6f6ea; }\n"
	".typo-old { color: #595959; font-size: .8em; vertical-align: super; }\n"
	".typo-new { text-decoration: underline dotted #8a6d00; background: #fff7d6; }\n"
	".context, .meta { color: #595959; }\n"
	".kind { font-weight: normal; font-style: italic; }\n"
	".clause { margin: .2em 0; }\n"
	".blame { font-size: .8em; color: #595959; margin-left: .5em; }\n"
	".depth1 { margin-left: 2em; } .depth2 { margin-left: 4em; }\n"
	".depth3 { margin-left: 6em; } .depth4 { margin-left: 8em; }\n"
	".depth5, .depth6, .depth7, .depth8 { margin-left: 10em; }\n"
	"p.section-blame { margin: 0 0 .3em; }\n"
	"p.notes-label, ul.notes { font-size: .85em; color: #595959; }\n"
	"p.notes-label { margin: .4em 0 0; } ul.notes { margin: 0 0 .6em; }\n"
	".note-kind { font-style: italic; }\n"
	"svg.chart { display: block; margin: .5em 0; }\n"
	".chart .yes { fill: #1b7837; } .chart .no { fill: #b2182b; }\n"
	".chart .other { fill: #8c8c8c; }\n"
	".sr-only { position: absolute; width: 1px; height: 1px; padding: 0;\n"
	"  margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0);\n"
	"  clip-path: inset(50%); white-space: nowrap; border: 0; }\n"
	"@media print {\n"
	"  body { max-width: none; margin: 0; }\n"
	"  nav { display: none; }\n"
	"  * { color: #000 !important; background: none !important; }\n"
	"  del { text-decoration: line-through; }\n"
	"  ins { text-decoration: underline; }\n"
	"  .typo-new { text-decoration: underline dotted; }\n"
	"  a { text-decoration: none; }\n"
	"  section.change, p.redline, tr, svg.chart { break-inside: avoid;\n"
	"    page-break-inside: avoid; }\n"
	"}\n";

xmlNodePtr ot_html_el(ot_html *h, xmlNodePtr parent, const char *name, const char *cls)
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

void ot_html_attr(ot_html *h, xmlNodePtr node, const char *name, const char *value)
{
	if (!node)
		return;
	if (ot_utf8_check(value, strlen(value), NULL, NULL) < 0) {
		if (!h->bad)
			h->bad = value;
		return;
	}
	if (!xmlNewProp(node, BAD_CAST name, BAD_CAST value))
		h->oom = 1;
}

void ot_html_text(ot_html *h, xmlNodePtr parent, const char *s, size_t len)
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

void ot_html_texts(ot_html *h, xmlNodePtr parent, const char *s)
{
	if (s)
		ot_html_text(h, parent, s, strlen(s));
}

void ot_html_textf(ot_html *h, xmlNodePtr parent, const char *fmt, ...)
{
	ot_buf b = OT_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ot_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	ot_html_text(h, parent, b.ptr, b.len);
	ot_buf_release(&b);
}

xmlNodePtr ot_html_el_text(ot_html *h, xmlNodePtr parent, const char *name, const char *cls, const char *s)
{
	xmlNodePtr n = ot_html_el(h, parent, name, cls);
	ot_html_texts(h, n, s);
	return n;
}

xmlNodePtr ot_html_link(ot_html *h, xmlNodePtr parent, const char *href, const char *s)
{
	xmlNodePtr a = ot_html_el(h, parent, "a", NULL);
	ot_html_attr(h, a, "href", href);
	ot_html_texts(h, a, s);
	return a;
}

xmlNodePtr ot_html_th(ot_html *h, xmlNodePtr parent, const char *scope, const char *s)
{
	xmlNodePtr n = ot_html_el(h, parent, "th", NULL);
	ot_html_attr(h, n, "scope", scope);
	ot_html_texts(h, n, s);
	return n;
}

void ot_html_marked(ot_html *h, xmlNodePtr parent, ot_op_kind op, const char *s, size_t len)
{
	int del = op == OT_OP_DELETE;
	xmlNodePtr m = ot_html_el(h, parent, del ? "del" : "ins", NULL);
	ot_html_texts(h, ot_html_el(h, m, "span", "sr-only"), del ? "[deleted: " : "[inserted: ");
	ot_html_text(h, m, s, len);
	ot_html_texts(h, ot_html_el(h, m, "span", "sr-only"), "]");
}

void ot_html_typo_marked(ot_html *h, xmlNodePtr parent, const char *old, size_t oldlen, const char *now,
			 size_t nowlen)
{
	ot_buf vis = OT_BUF_INIT;
	xmlNodePtr m;
	ot_html_texts(h, ot_html_el(h, parent, "span", "sr-only"),
		      old ? "[typographic change: was " : "[typographic change: ");
	if (old) {
		m = ot_html_el(h, parent, "span", "typo-old");
		ot_render__typo_visible(&vis, old, oldlen);
		ot_html_text(h, m, vis.ptr, vis.len);
		ot_buf_clear(&vis);
	}
	if (now) {
		ot_html_texts(h, ot_html_el(h, parent, "span", "sr-only"), old ? " now " : "now ");
		m = ot_html_el(h, parent, "span", "typo-new");
		ot_render__typo_visible(&vis, now, nowlen);
		ot_html_text(h, m, vis.ptr, vis.len);
	}
	ot_html_texts(h, ot_html_el(h, parent, "span", "sr-only"), "]");
	ot_buf_release(&vis);
}

int ot_html_begin(ot_html *h, const char *title, const char *css_href)
{
	xmlNodePtr root, n;
	memset(h, 0, sizeof(*h));
	xmlInitParser();
	h->doc = htmlNewDocNoDtD(NULL, NULL);
	if (!h->doc || !xmlCreateIntSubset(h->doc, BAD_CAST "html", NULL, NULL) ||
	    !(root = xmlNewDocNode(h->doc, NULL, BAD_CAST "html", NULL))) {
		ot_html_release(h);
		return ot_error_set(OT_ERROR, "cannot create an HTML page: out of memory");
	}
	xmlDocSetRootElement(h->doc, root);
	ot_html_attr(h, root, "lang", "en");
	h->head = ot_html_el(h, root, "head", NULL);
	ot_html_attr(h, ot_html_el(h, h->head, "meta", NULL), "charset", "utf-8");
	n = ot_html_el(h, h->head, "meta", NULL);
	ot_html_attr(h, n, "name", "viewport");
	ot_html_attr(h, n, "content", "width=device-width, initial-scale=1");
	ot_html_el_text(h, h->head, "title", NULL, title);
	if (css_href) {
		n = ot_html_el(h, h->head, "link", NULL);
		ot_html_attr(h, n, "rel", "stylesheet");
		ot_html_attr(h, n, "href", css_href);
	} else {
		ot_html_el_text(h, h->head, "style", NULL, ot_html_css);
	}
	h->body = ot_html_el(h, ot_html_el(h, root, "body", NULL), "main", NULL);
	return 0;
}

void ot_html_release(ot_html *h)
{
	if (h->doc)
		xmlFreeDoc(h->doc);
	memset(h, 0, sizeof(*h));
}

int ot_html_finish(ot_html *h, ot_buf *out)
{
	xmlOutputBufferPtr ob;
	int err = 0;
	if (h->bad) {
		err = ot_error_set(OT_EINVALID, "cannot write the HTML page: a text is not valid UTF-8");
		goto done;
	}
	if (h->oom || !h->doc) {
		err = ot_error_set(OT_ERROR, "cannot build the HTML page: libxml2 out of memory");
		goto done;
	}
	if (!(ob = xmlAllocOutputBuffer(NULL))) {
		err = ot_error_set(OT_ERROR, "cannot serialise the HTML page: out of memory");
		goto done;
	}
	htmlDocContentDumpFormatOutput(ob, h->doc, NULL, 1);
	if (ob->error || !xmlOutputBufferGetContent(ob))
		err = ot_error_set(OT_ERROR, "cannot serialise the HTML page (libxml2 error %d)", ob->error);
	else
		ot_buf_put(out, (const char *)xmlOutputBufferGetContent(ob), xmlOutputBufferGetSize(ob));
	xmlOutputBufferClose(ob);
done:
	ot_html_release(h);
	return err;
}

void ot_html_anchor(ot_buf *out, const char *prefix, const char *id)
{
	const char *p;
	ot_buf_puts(out, prefix ? prefix : "");
	for (p = id ? id : ""; *p; p++) {
		char ch = *p;
		int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
			 strchr("-_.()~", ch);
		ot_buf_putc(out, ok ? ch : '_');
	}
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
static char **make_anchors(const ot_diff *diff, const char *prefix)
{
	char **names = ot_calloc(diff->nchanges ? diff->nchanges : 1, sizeof(char *));
	anchor *sorted = ot_calloc(diff->nchanges ? diff->nchanges : 1, sizeof(anchor));
	ot_buf b = OT_BUF_INIT;
	const char *base = NULL;
	size_t i, run = 1;

	for (i = 0; i < diff->nchanges; i++) {
		ot_buf_clear(&b);
		ot_html_anchor(&b, prefix, diff->changes[i].id);
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

/* "renumbered from X (97% similar)", "amended", "typographic change
 * only", ... */
static void describe(ot_buf *b, const ot_change *c)
{
	if (c->kind == OT_CHANGE_RENUMBERED) {
		ot_buf_printf(b, "%s from %s (%d%% similar)", ot_render__renumber_word(c), OT_RS(c->old_id),
			      ot_render__percent(c->similarity));
		if (c->typographic)
			ot_buf_puts(b, ", typographic change only");
		else if (ot_render__has_edits(c))
			ot_buf_puts(b, ", amended");
	} else if (c->kind == OT_CHANGE_MODIFIED && c->node_kind == OT_NODE_SECTION) {
		ot_buf_puts(b, "heading amended");
	} else if (c->kind == OT_CHANGE_TYPOGRAPHIC && c->node_kind == OT_NODE_SECTION) {
		ot_buf_puts(b, "heading: typographic change only");
	} else {
		ot_buf_puts(b, ot_render__kind_verb(c->kind));
	}
}

static void context(ot_html *h, xmlNodePtr parent, const ot_render_ctx *ctx, size_t from, size_t to)
{
	ot_buf line = OT_BUF_INIT;
	size_t i;
	for (i = from; i < to; i++) {
		ot_buf_clear(&line);
		ot_render__unit_line(&line, ctx->units[i]);
		ot_html_text(h, ot_html_el(h, parent, "p", "context"), line.ptr, line.len);
	}
	ot_buf_release(&line);
}

static void redline(ot_html *h, xmlNodePtr parent, const ot_change *c)
{
	ot_render_seg *segs = NULL;
	size_t n = 0, i;
	xmlNodePtr p;

	ot_render__redline(&segs, &n, c);
	p = ot_html_el(h, parent, "p", c->node_kind == OT_NODE_SECTION ? "redline heading" : "redline");
	if (c->num && c->node_kind != OT_NODE_TEXT) {
		ot_html_el_text(h, p, "span", "num", c->num);
		if (n)
			ot_html_texts(h, p, " ");
	}
	for (i = 0; i < n; i++) {
		if (segs[i].op == OT_OP_EQUAL) {
			ot_html_text(h, p, segs[i].text, segs[i].len);
		} else if (!ot_render__is_typographic(c)) {
			ot_html_marked(h, p, segs[i].op, segs[i].text, segs[i].len);
		} else if (segs[i].op == OT_OP_INSERT) {
			ot_html_typo_marked(h, p, NULL, 0, segs[i].text, segs[i].len);
		} else if (i + 1 < n && segs[i + 1].op == OT_OP_INSERT) {
			ot_html_typo_marked(h, p, segs[i].text, segs[i].len, segs[i + 1].text, segs[i + 1].len);
			i++;
		} else {
			ot_html_typo_marked(h, p, segs[i].text, segs[i].len, NULL, 0);
		}
	}
	free(segs);
}

void ot_html_diff(ot_html *h, xmlNodePtr parent, const ot_diff *diff, const ot_diff_render_opts *opts,
		  const char *anchor_prefix, int heading_level)
{
	ot_render_ctx ctx;
	ot_buf tmp = OT_BUF_INIT;
	char **anchors = make_anchors(diff, anchor_prefix);
	char hn[3] = {'h', (char)('0' + (heading_level < 1 ? 2 : heading_level > 6 ? 6 : heading_level)), 0};
	xmlNodePtr table, tr, tbody, sec, hd, a;
	size_t i, b0, b1, a0, a1;

	ot_render__ctx_init(&ctx, diff, opts);
	ot_render__stats_line(&tmp, &diff->stats);
	ot_html_text(h, ot_html_el(h, parent, "p", "summary"), tmp.ptr, tmp.len);
	if (!diff->nchanges) {
		ot_html_el_text(h, parent, "p", "none", "No changes.");
	} else {
		table = ot_html_el(h, parent, "table", "changes");
		ot_html_el_text(h, table, "caption", NULL, "Changed clauses");
		tr = ot_html_el(h, ot_html_el(h, table, "thead", NULL), "tr", NULL);
		ot_html_th(h, tr, "col", "Clause");
		ot_html_th(h, tr, "col", "Change");
		tbody = ot_html_el(h, table, "tbody", NULL);
		for (i = 0; i < diff->nchanges; i++) {
			const ot_change *c = &diff->changes[i];
			tr = ot_html_el(h, tbody, "tr", ot_render__kind_name(c->kind));
			ot_buf_clear(&tmp);
			ot_buf_printf(&tmp, "#%s", anchors[i]);
			ot_html_link(h, ot_html_el(h, tr, "td", NULL), tmp.ptr, OT_RS(c->id));
			ot_buf_clear(&tmp);
			describe(&tmp, c);
			ot_html_text(h, ot_html_el(h, tr, "td", NULL), tmp.ptr, tmp.len);
		}
	}
	for (i = 0; i < diff->nchanges; i++) {
		const ot_change *c = &diff->changes[i];
		ot_buf_clear(&tmp);
		ot_buf_printf(&tmp, "change %s %s", ot_render__kind_name(c->kind), ot_render__node_name(c->node_kind));
		sec = ot_html_el(h, parent, "section", tmp.ptr);
		ot_html_attr(h, sec, "id", anchors[i]);
		hd = ot_html_el(h, sec, hn, NULL);
		ot_buf_clear(&tmp);
		ot_buf_printf(&tmp, "#%s", anchors[i]);
		a = ot_html_link(h, hd, tmp.ptr, OT_RS(c->id));
		(void)a;
		ot_html_texts(h, hd, " ");
		ot_buf_clear(&tmp);
		describe(&tmp, c);
		ot_html_text(h, ot_html_el(h, hd, "span", "kind"), tmp.ptr, tmp.len);
		ot_render__ctx_ranges(&ctx, c, &b0, &b1, &a0, &a1);
		context(h, sec, &ctx, b0, b1);
		redline(h, sec, c);
		context(h, sec, &ctx, a0, a1);
		/* libxml2 does not know HTML5's <section>: break the line
		 * itself so each change starts on its own line */
		ot_html_texts(h, parent, "\n");
	}
	free_anchors(anchors, diff->nchanges);
	ot_render__ctx_release(&ctx);
	ot_buf_release(&tmp);
}
