/*
 * render.c - the front of the diff renderers: format names, the dispatch
 * to one renderer per file (render_text.c, render_json.c,
 * render_markdown.c, render_html.c, render_unified.c), the --stat output,
 * and the helpers they share (render_internal.h).
 *
 * Renderers read an ot_diff (and, for context and unified output, the two
 * ot_doc trees it came from) and append to a caller-owned ot_buf; they
 * never keep pointers past the call.  Everything here borrows from the
 * diff and the documents, except the arrays it documents as owned.
 *
 * Context bookkeeping (ot_render_ctx) flattens new_doc once into an array
 * of units in document order, with an index sorted by id, so placing each
 * change costs O(log n) and the whole rendering stays O(n log n).
 */
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "ordtrack/render.h"
#include "render_internal.h"

static const struct {
	const char *name;
	ot_format fmt;
} formats[] = {
	{"text", OT_FORMAT_TEXT},         {"json", OT_FORMAT_JSON},
	{"markdown", OT_FORMAT_MARKDOWN}, {"md", OT_FORMAT_MARKDOWN},
	{"html", OT_FORMAT_HTML},         {"unified", OT_FORMAT_UNIFIED},
};

int ot_format_parse(ot_format *out, const char *name)
{
	size_t i;
	if (!name)
		return ot_error_set(OT_EINVALID, "missing format name (choose text, "
				    "json, markdown, md, html or unified)");
	for (i = 0; i < OT_ARRAY_LEN(formats); i++) {
		if (strcmp(formats[i].name, name) == 0) {
			if (out)
				*out = formats[i].fmt;
			return 0;
		}
	}
	return ot_error_set(OT_EINVALID, "unknown format '%s' (choose text, json, "
			    "markdown, md, html or unified)", name);
}

int ot_render_diff(ot_buf *out, const ot_diff *diff, ot_format fmt,
		   const ot_diff_render_opts *opts)
{
	static const ot_diff_render_opts none;
	if (!out || !diff)
		return ot_error_set(OT_EINVALID, "nothing to render: no %s",
				    out ? "diff" : "output buffer");
	if (diff->nchanges && !diff->changes)
		return ot_error_set(OT_EINVALID, "invalid diff: %zu changes but no "
				    "change array", diff->nchanges);
	if (!opts)
		opts = &none;
	switch (fmt) {
	case OT_FORMAT_TEXT:
		return ot_render__text(out, diff, opts);
	case OT_FORMAT_JSON:
		return ot_render__json(out, diff, opts);
	case OT_FORMAT_MARKDOWN:
		return ot_render__markdown(out, diff, opts);
	case OT_FORMAT_HTML:
		return ot_render__html(out, diff, opts);
	case OT_FORMAT_UNIFIED:
		return ot_render__unified(out, diff, opts);
	}
	return ot_error_set(OT_EINVALID, "unknown output format %d", (int)fmt);
}

static int stat_json(ot_buf *out, const ot_diff_stats *s)
{
	json_t *root = NULL, *stats = NULL;
	char *text = NULL;
	int err = 0;

	root = json_object();
	stats = json_object();
	if (!root || !stats ||
	    json_object_set_new(root, "format", json_string("ordtrack-diff-stat/1")) ||
	    json_object_set_new(stats, "added", json_integer((json_int_t)s->added)) ||
	    json_object_set_new(stats, "removed", json_integer((json_int_t)s->removed)) ||
	    json_object_set_new(stats, "modified", json_integer((json_int_t)s->modified)) ||
	    json_object_set_new(stats, "renumbered",
				json_integer((json_int_t)s->renumbered)) ||
	    json_object_set_new(stats, "unchanged",
				json_integer((json_int_t)s->unchanged)) ||
	    json_object_set_new(stats, "typographic",
				json_integer((json_int_t)s->typographic))) {
		err = ot_error_set(OT_ERROR, "cannot build the stat JSON");
		goto done;
	}
	if (json_object_set(root, "stats", stats)) {
		err = ot_error_set(OT_ERROR, "cannot build the stat JSON");
		goto done;
	}
	text = json_dumps(root, JSON_PRESERVE_ORDER | JSON_INDENT(2));
	if (!text) {
		err = ot_error_set(OT_ERROR, "cannot serialise the stat JSON");
		goto done;
	}
	ot_buf_puts(out, text);
	ot_buf_putc(out, '\n');
done:
	free(text);
	json_decref(stats);
	json_decref(root);
	return err;
}

int ot_render_diff_stat(ot_buf *out, const ot_diff *diff, ot_format fmt)
{
	const ot_diff_stats *s;
	if (!out || !diff)
		return ot_error_set(OT_EINVALID, "nothing to render: no %s",
				    out ? "diff" : "output buffer");
	s = &diff->stats;
	switch (fmt) {
	case OT_FORMAT_TEXT:
		ot_buf_printf(out, "%zu added\n%zu removed\n%zu modified\n"
			      "%zu renumbered\n", s->added, s->removed, s->modified,
			      s->renumbered);
		/* only when there are some: the table stays what it was */
		if (s->typographic)
			ot_buf_printf(out, "%zu typographic\n", s->typographic);
		ot_buf_printf(out, "%zu unchanged\n", s->unchanged);
		return 0;
	case OT_FORMAT_JSON:
		return stat_json(out, s);
	default:
		ot_error_set(OT_EINVALID, "the counts of a diff print as text or json, not %s",
			     fmt == OT_FORMAT_HTML       ? "html"
			     : fmt == OT_FORMAT_MARKDOWN ? "markdown"
							 : "a unified diff");
		ot_error_hint(OT_HINT_STAT);
		return OT_EINVALID;
	}
}

/* ---- shared helpers ---------------------------------------------------- */

const char *ot_render__from(const ot_diff_render_opts *opts)
{
	return opts && opts->from_rev ? opts->from_rev : "old";
}

const char *ot_render__to(const ot_diff_render_opts *opts)
{
	return opts && opts->to_rev ? opts->to_rev : "new";
}

const char *ot_render__node_name(ot_node_kind kind)
{
	switch (kind) {
	case OT_NODE_SECTION:
		return "section";
	case OT_NODE_CLAUSE:
		return "clause";
	case OT_NODE_TEXT:
		return "text";
	}
	return "clause";
}

const char *ot_render__kind_name(ot_change_kind kind)
{
	switch (kind) {
	case OT_CHANGE_ADDED:
		return "added";
	case OT_CHANGE_REMOVED:
		return "removed";
	case OT_CHANGE_MODIFIED:
		return "modified";
	case OT_CHANGE_RENUMBERED:
		return "renumbered";
	case OT_CHANGE_TYPOGRAPHIC:
		return "typographic";
	}
	return "modified";
}

const char *ot_render__kind_verb(ot_change_kind kind)
{
	switch (kind) {
	case OT_CHANGE_ADDED:
		return "added";
	case OT_CHANGE_REMOVED:
		return "repealed";
	case OT_CHANGE_MODIFIED:
		return "amended";
	case OT_CHANGE_RENUMBERED:
		return "renumbered";
	case OT_CHANGE_TYPOGRAPHIC:
		return "typographic change only";
	}
	return "amended";
}

int ot_render__percent(double similarity)
{
	double p = similarity * 100.0;
	if (!(p > 0.0)) /* also NaN */
		return 0;
	if (p > 100.0)
		return 100;
	return (int)floor(p + 0.5);
}

const char *ot_render__renumber_word(const ot_change *c)
{
	const char *a = OT_RS(c->id), *b = c->old_id ? c->old_id : a;
	size_t la, lb;
	if (strcmp(a, b) == 0)
		return "moved"; /* same id, another place among its siblings */
	if (c->node_kind == OT_NODE_SECTION)
		return "renumbered";
	la = strcspn(a, "(~");
	lb = strcspn(b, "(~");
	if (la != lb || memcmp(a, b, la) != 0)
		return "moved"; /* into another section */
	return "renumbered";
}

void ot_render__stats_line(ot_buf *out, const ot_diff_stats *s)
{
	ot_buf_printf(out, "%zu added, %zu removed, %zu modified, %zu renumbered, ",
		      s->added, s->removed, s->modified, s->renumbered);
	if (s->typographic)
		ot_buf_printf(out, "%zu typographic, ", s->typographic);
	ot_buf_printf(out, "%zu unchanged", s->unchanged);
}

int ot_render__is_typographic(const ot_change *c)
{
	return c->kind == OT_CHANGE_TYPOGRAPHIC ||
	       (c->kind == OT_CHANGE_RENUMBERED && c->typographic);
}

/* White space other than a plain space, and the zero-width characters:
 * what a typographic mark may consist of and a reader cannot see. */
static int invisible(uint32_t cp)
{
	return (cp < 0x20 && cp != '\n') || cp == 0x85 || cp == 0xa0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200d) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0x202f || cp == 0x205f || cp == 0x2060 || cp == 0x3000 || cp == 0xfeff;
}

void ot_render__typo_visible(ot_buf *out, const char *s, size_t len)
{
	size_t i = 0, start = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp = c;
		size_t l = 1;
		if (c >= 0xc2 && c < 0xe0 && i + 1 < len && ((unsigned char)s[i + 1] & 0xc0) == 0x80) {
			cp = ((uint32_t)(c & 0x1f) << 6) | ((unsigned char)s[i + 1] & 0x3f);
			l = 2;
		} else if (c >= 0xe0 && c < 0xf0 && i + 2 < len &&
			   ((unsigned char)s[i + 1] & 0xc0) == 0x80 &&
			   ((unsigned char)s[i + 2] & 0xc0) == 0x80) {
			cp = ((uint32_t)(c & 0x0f) << 12) |
			     ((uint32_t)((unsigned char)s[i + 1] & 0x3f) << 6) |
			     ((unsigned char)s[i + 2] & 0x3f);
			l = 3;
		}
		if (c >= 0x80 && l == 1) { /* other or malformed: copied as is */
			i++;
			continue;
		}
		if (invisible(cp)) {
			ot_buf_put(out, s + start, i - start);
			ot_buf_printf(out, "<U+%04X>", (unsigned)cp);
			start = i + l;
		}
		i += l;
	}
	ot_buf_put(out, s + start, len - start);
}

static void seg_push(ot_render_seg **arr, size_t *n, size_t *cap, ot_op_kind op,
		     const char *text, size_t len)
{
	ot_render_seg *s;
	if (!text || !len)
		return;
	s = OT_ARRAY_PUSH(*arr, *n, *cap);
	s->op = op;
	s->text = text;
	s->len = len;
}

static void ops_push(ot_render_seg **arr, size_t *n, size_t *cap,
		     const ot_word_op *ops, size_t nops)
{
	size_t i;
	for (i = 0; i < nops; i++)
		seg_push(arr, n, cap, ops[i].op, ops[i].text,
			 ops[i].text ? ops[i].len : 0);
}

/* The ops that describe this change's text: a section's heading ops
 * (heading_ops, or ops as diff.h allows), a clause's ops. */
static const ot_word_op *change_ops(const ot_change *c, size_t *n)
{
	if (c->node_kind == OT_NODE_SECTION && c->heading_ops && c->nheading_ops) {
		*n = c->nheading_ops;
		return c->heading_ops;
	}
	if (c->ops && c->nops) {
		*n = c->nops;
		return c->ops;
	}
	*n = 0;
	return NULL;
}

int ot_render__has_edits(const ot_change *c)
{
	size_t n;
	if (c->kind == OT_CHANGE_MODIFIED || c->kind == OT_CHANGE_TYPOGRAPHIC)
		return 1;
	return c->kind == OT_CHANGE_RENUMBERED && change_ops(c, &n) != NULL;
}

void ot_render__redline(ot_render_seg **out, size_t *nout, const ot_change *c)
{
	ot_render_seg *arr = NULL;
	size_t n = 0, cap = 0, nops;
	const ot_word_op *ops = change_ops(c, &nops);
	int section = c->node_kind == OT_NODE_SECTION;
	const char *newt = section ? c->heading : c->new_text;
	const char *oldt = section ? (c->old_heading ? c->old_heading : c->heading)
				   : c->old_text;

	switch (c->kind) {
	case OT_CHANGE_ADDED:
		seg_push(&arr, &n, &cap, OT_OP_INSERT, newt, strlen(OT_RS(newt)));
		break;
	case OT_CHANGE_REMOVED:
		/* a REMOVED unit's text is old_text; a section keeps its
		 * heading in `heading` */
		if (!section && !oldt)
			oldt = c->new_text;
		seg_push(&arr, &n, &cap, OT_OP_DELETE, oldt, strlen(OT_RS(oldt)));
		break;
	case OT_CHANGE_MODIFIED:
	case OT_CHANGE_TYPOGRAPHIC:
		if (ops) {
			ops_push(&arr, &n, &cap, ops, nops);
		} else if (oldt && newt && strcmp(oldt, newt) == 0) {
			seg_push(&arr, &n, &cap, OT_OP_EQUAL, newt, strlen(newt));
		} else {
			seg_push(&arr, &n, &cap, OT_OP_DELETE, oldt, strlen(OT_RS(oldt)));
			seg_push(&arr, &n, &cap, OT_OP_INSERT, newt, strlen(OT_RS(newt)));
		}
		break;
	case OT_CHANGE_RENUMBERED:
		if (ops)
			ops_push(&arr, &n, &cap, ops, nops);
		else
			seg_push(&arr, &n, &cap, OT_OP_EQUAL, newt, strlen(OT_RS(newt)));
		break;
	}
	*out = arr;
	*nout = n;
}

char *ot_render__section_of(const ot_doc *doc, const char *id)
{
	const ot_node *node;
	size_t len;
	if (!id)
		return ot_strdup("");
	if (doc && (node = ot_doc_find(doc, id))) {
		while (node->parent)
			node = node->parent;
		if (node->num)
			return ot_strdup(node->num);
	}
	len = strcspn(id, "(~");
	return ot_strndup(id, len);
}

void ot_render__unit_line(ot_buf *out, const ot_node *node)
{
	const char *num = node->num, *rest;
	rest = node->kind == OT_NODE_SECTION ? node->heading : node->text;
	if (node->kind == OT_NODE_TEXT)
		num = NULL;
	if (num)
		ot_buf_puts(out, num);
	if (num && rest && *rest)
		ot_buf_putc(out, ' ');
	if (rest)
		ot_buf_puts(out, rest);
}

/* ---- context ----------------------------------------------------------- */

/* Pre-order list of every unit of doc (explicit stack, no recursion). */
static void flatten(const ot_node ***out, size_t *nout, const ot_doc *doc)
{
	const ot_node **units = NULL, **stack = NULL;
	size_t n = 0, cap = 0, sn = 0, scap = 0, i, k;
	for (i = 0; i < doc->nsections; i++) {
		if (!doc->sections[i])
			continue;
		*OT_ARRAY_PUSH(stack, sn, scap) = doc->sections[i];
		while (sn) {
			const ot_node *cur = stack[--sn];
			*OT_ARRAY_PUSH(units, n, cap) = cur;
			for (k = cur->nchildren; k > 0; k--)
				if (cur->children[k - 1])
					*OT_ARRAY_PUSH(stack, sn, scap) = cur->children[k - 1];
		}
	}
	free(stack);
	*out = units;
	*nout = n;
}

/* qsort has no context argument; thread-local keeps renderers reentrant */
static _Thread_local const ot_node **sort_units;

static int cmp_by_id(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c = strcmp(OT_RS(sort_units[a]->id), OT_RS(sort_units[b]->id));
	if (c)
		return c;
	return a < b ? -1 : a > b;
}

/* Index (into units) of the unit with this id, or SIZE_MAX; byid holds the
 * unit indexes sorted by id. */
static size_t find_unit(const ot_node **units, const size_t *byid, size_t n,
			const char *id)
{
	size_t lo = 0, hi = n;
	if (!id || !n)
		return SIZE_MAX;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(OT_RS(units[byid[mid]]->id), id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n && strcmp(OT_RS(units[byid[lo]]->id), id) == 0)
		return byid[lo];
	return SIZE_MAX;
}

static size_t ctx_find(const ot_render_ctx *ctx, const char *id)
{
	return find_unit(ctx->units, ctx->byid, ctx->nunits, id);
}

/* A new array of the indexes 0..n-1 of units, sorted by id. */
static size_t *index_by_id(const ot_node **units, size_t n)
{
	size_t *byid = ot_calloc(n ? n : 1, sizeof(size_t)), i;
	for (i = 0; i < n; i++)
		byid[i] = i;
	sort_units = units;
	qsort(byid, n, sizeof(size_t), cmp_by_id);
	sort_units = NULL;
	return byid;
}

void ot_render__ctx_init(ot_render_ctx *ctx, const ot_diff *diff,
			 const ot_diff_render_opts *opts)
{
	size_t i, at;
	memset(ctx, 0, sizeof(*ctx));
	if (!opts || opts->context <= 0 || !opts->new_doc)
		return;
	ctx->n = opts->context;
	flatten(&ctx->units, &ctx->nunits, opts->new_doc);
	if (opts->old_doc)
		flatten(&ctx->old_units, &ctx->nold, opts->old_doc);
	ctx->byid = index_by_id(ctx->units, ctx->nunits);
	ctx->old_byid = index_by_id(ctx->old_units, ctx->nold);
	/* where each old unit would sit among the new units: after the
	 * nearest unit before it that new_doc still has */
	ctx->old_anchor = ot_calloc(ctx->nold ? ctx->nold : 1, sizeof(size_t));
	for (i = 0, at = 0; i < ctx->nold; i++) {
		size_t k = ctx_find(ctx, ctx->old_units[i]->id);
		ctx->old_anchor[i] = at;
		if (k != SIZE_MAX)
			at = k + 1;
	}
	ctx->changed = ot_calloc(ctx->nunits ? ctx->nunits : 1, 1);
	for (i = 0; i < diff->nchanges; i++) {
		const ot_change *c = &diff->changes[i];
		size_t k;
		if (c->kind == OT_CHANGE_REMOVED)
			continue;
		if ((k = ctx_find(ctx, c->id)) != SIZE_MAX)
			ctx->changed[k] = 1;
	}
}

void ot_render__ctx_release(ot_render_ctx *ctx)
{
	free(ctx->units);
	free(ctx->old_units);
	free(ctx->byid);
	free(ctx->old_byid);
	free(ctx->old_anchor);
	free(ctx->changed);
	memset(ctx, 0, sizeof(*ctx));
}

/* The id of the section a unit belongs to. */
static const char *section_id(const ot_node *u)
{
	while (u->parent)
		u = u->parent;
	return OT_RS(u->id);
}

/* Where a REMOVED unit stood, as an insertion point in new_doc's units
 * (see old_anchor), or SIZE_MAX when old_doc does not have it. */
static size_t removed_point(const ot_render_ctx *ctx, const char *id)
{
	size_t i = find_unit(ctx->old_units, ctx->old_byid, ctx->nold, id);
	return i == SIZE_MAX ? SIZE_MAX : ctx->old_anchor[i];
}

void ot_render__ctx_ranges(ot_render_ctx *ctx, const ot_change *c, size_t *b0,
			   size_t *b1, size_t *a0, size_t *a1)
{
	size_t end, start, j, k, n;
	const char *sec;
	*b0 = *b1 = *a0 = *a1 = 0;
	if (!ctx->n || !ctx->nunits)
		return;
	n = (size_t)ctx->n;
	if (c->kind == OT_CHANGE_REMOVED) {
		size_t i = find_unit(ctx->old_units, ctx->old_byid, ctx->nold, c->id);
		if ((end = removed_point(ctx, c->id)) == SIZE_MAX)
			return;
		start = end;
		sec = section_id(ctx->old_units[i]);
	} else {
		if ((end = ctx_find(ctx, c->id)) == SIZE_MAX)
			return;
		start = end + 1;
		sec = section_id(ctx->units[end]);
	}
	/* before: walk back from the change, stopping at a change, at what
	 * was shown already, or at the start of the change's section */
	j = end;
	while (j > ctx->next && end - j < n && !ctx->changed[j - 1] && strcmp(section_id(ctx->units[j - 1]), sec) == 0)
		j--;
	*b0 = j;
	*b1 = j < end ? end : j;
	if (start > ctx->next)
		ctx->next = start;
	/* after: forward from the change, same stops (the next section) */
	k = ctx->next;
	while (k < ctx->nunits && k < start + n && !ctx->changed[k] && strcmp(section_id(ctx->units[k]), sec) == 0)
		k++;
	*a0 = ctx->next;
	*a1 = k > *a0 ? k : *a0;
	ctx->next = *a1;
}
