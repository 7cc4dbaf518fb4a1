/*
 * redline.c - amendment documents in strike/underline form applied to the
 * text in force: ot_redline_apply() (see ordtrack/redline.h and
 * docs/redline.md).
 *
 * The document is read in three steps.
 *
 * 1. Lines of runs.  A front end (read_text for "[[struck]]" /
 *    "{{inserted}}" markers, read_html for HTML through ot_html_read)
 *    turns the document into an array of dline: each document line keeps
 *    its text in the OLD view (plain + struck) and in the NEW view (plain
 *    + inserted), the struck passages it holds, and its source line.  An
 *    HTML block element is one line followed by a blank line.  Text both
 *    struck and underscored is refused (it would be in neither view).
 *
 * 2. Two views.  Omission marks ("* * *", "(Omitted text is unaffected by
 *    this ordinance)") alone on a line, and ordinance prose after a
 *    "SECTION 2." line, are taken out; every other line goes to the view(s)
 *    where it has text (a wholly inserted line is absent from the old view,
 *    a wholly struck one from the new view; blank lines go to both), with
 *    a map from view line to document line.  Each view is parsed with the
 *    plain-text parser (ot_doc_parse_text), so clause structure is read
 *    exactly as for a full text.  The nodes of the two trees are paired by
 *    the document line they start on: an old node alone is struck (a
 *    repeal), a new node alone is inserted, a pair is a clause shown with
 *    or without changes.  These pairs, with the omission marks, are the
 *    entries, in document order, grouped by section.
 *
 * 3. Check and apply, section by section.  Each old node is anchored to
 *    the in-force clause it names (same id, else the same marker path
 *    after the previous anchor: a clause shown after an omission may have
 *    been parsed out of context), in document order; a clause line after
 *    an omission mark that fits two clauses in force is refused
 *    (check_clause_unique).  Its old text must equal the text in force,
 *    or, where it holds an omission mark, its pieces must be found in it
 *    in order, on token (word) boundaries (place_pieces); a piece the
 *    document changes must have one place (ambiguous_piece: its earliest
 *    and latest placements agree); each struck passage must be in the
 *    clause.  Every failure is one line of the final message.  The
 *    amended section is written as one line per clause, in force order:
 *    clauses not shown as they are, shown ones with their new text (the
 *    in-force text with each shown piece replaced by its new form),
 *    struck ones dropped with the descendants that are not shown,
 *    inserted ones before the next shown clause (or after the previous
 *    one, or at the end of the section, when omission marks lie between).
 *    That text is parsed again, so the result obeys the document
 *    invariants (unique ids, canonical round trip), and checked to read
 *    back one node per written line.
 *
 * Ownership: everything built here is freed before returning, except the
 * result document handed to the caller.  Trees are walked with explicit
 * stacks; nothing recurses over the input.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "internal.h"
#include "ordtrack/doc.h"
#include "ordtrack/redline.h"
#include "ordtrack/validate.h"
#include "xmlsafe.h"

enum { K_PLAIN = 0, K_DEL = 1, K_INS = 2 };

#define MAX_QUOTE 80 /* bytes of text a message quotes */
#define MAX_HTML_DEPTH 300

/* ---- step 1: lines of runs -------------------------------------------- */

typedef struct dline {
	ot_buf old, new; /* the line in the old view (plain + struck) and new */
	char **struck;	 /* struck passages, whitespace collapsed */
	size_t nstruck, struckcap;
	unsigned src;	      /* 1-based line in the source, 0 while unknown */
	int has_old, has_new; /* some non-space text in that view */
	int omission;	      /* the line is an omission mark */
	int skip;	      /* ordinance prose: in neither view */
} dline;

typedef struct reader {
	const char *name;
	dline *lines;
	size_t n, cap;
	dline cur;     /* the line being gathered */
	ot_buf strike; /* the struck passage being gathered */
	char *both;    /* the first text both struck and underscored, or NULL */
	unsigned both_src;
} reader;

static int is_space_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Append s[0..n) to b with whitespace runs (no-break spaces included)
 * collapsed to one space; leading space is dropped when b is empty. */
static void put_collapsed(ot_buf *b, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		int ws = 0;
		while (i < n) {
			if (is_space_byte(s[i]))
				i++;
			else if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
				i += 2;
			else
				break;
			ws = 1;
		}
		if (ws && b->len && b->ptr[b->len - 1] != ' ')
			ot_buf_putc(b, ' ');
		while (i < n && !is_space_byte(s[i]) &&
		       !(i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0))
			ot_buf_putc(b, s[i++]);
	}
}

/* A new string: s with whitespace collapsed and trimmed. */
static char *norm_dup(const char *s, size_t n)
{
	ot_buf b = OT_BUF_INIT;
	put_collapsed(&b, s, n);
	while (b.len && b.ptr[b.len - 1] == ' ')
		b.len--;
	if (b.cap)
		b.ptr[b.len] = '\0';
	return b.cap ? ot_buf_detach(&b) : ot_strdup("");
}

static int has_nonspace(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!is_space_byte(s[i]) &&
		    !((unsigned char)s[i] == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0))
			return 1;
		else if ((unsigned char)s[i] == 0xC2)
			i++;
	return 0;
}

static void flush_strike(reader *r)
{
	char *p = norm_dup(r->strike.ptr, r->strike.len);
	if (*p)
		*OT_ARRAY_PUSH(r->cur.struck, r->cur.nstruck, r->cur.struckcap) = p;
	else
		free(p);
	ot_buf_clear(&r->strike);
}

/* Text of kind K_PLAIN, K_DEL, K_INS (K_DEL|K_INS: both struck and
 * underscored, in neither view) from source line src. */
static void rd_text(reader *r, int kind, const char *s, size_t n, unsigned src)
{
	int text = has_nonspace(s, n);
	if (!n)
		return;
	if (!r->cur.src && text)
		r->cur.src = src;
	if (kind == (K_DEL | K_INS) && text && !r->both) {
		/* in neither view: refused by read_html rather than lost */
		r->both = norm_dup(s, n);
		r->both_src = src;
	}
	if (!(kind & K_INS)) {
		ot_buf_put(&r->cur.old, s, n);
		r->cur.has_old |= text;
	}
	if (!(kind & K_DEL)) {
		ot_buf_put(&r->cur.new, s, n);
		r->cur.has_new |= text;
	}
	if (kind == K_DEL)
		ot_buf_put(&r->strike, s, n);
	else if (text)
		flush_strike(r);
	else if (r->strike.len)
		ot_buf_putc(&r->strike, ' ');
}

/* End the current line (an empty one is a blank line). */
static void rd_endline(reader *r, unsigned src)
{
	flush_strike(r);
	if (!r->cur.src)
		r->cur.src = src;
	*OT_ARRAY_PUSH(r->lines, r->n, r->cap) = r->cur;
	memset(&r->cur, 0, sizeof(r->cur));
	ot_buf_init(&r->cur.old);
	ot_buf_init(&r->cur.new);
}

static void dline_release(dline *l)
{
	size_t i;
	ot_buf_release(&l->old);
	ot_buf_release(&l->new);
	for (i = 0; i < l->nstruck; i++)
		free(l->struck[i]);
	free(l->struck);
}

static void reader_release(reader *r)
{
	size_t i;
	for (i = 0; i < r->n; i++)
		dline_release(&r->lines[i]);
	free(r->lines);
	dline_release(&r->cur);
	ot_buf_release(&r->strike);
	free(r->both);
}

/* Plain text with [[struck]] and {{inserted}} markers; a marked run may
 * span lines, markers do not nest. */
static int read_text(reader *r, const char *d, size_t len)
{
	size_t i = 0, start = 0, line = 1, off = 0, open_line = 0;
	int kind = K_PLAIN;
	if (ot_utf8_check(d, len, &line, &off) < 0)
		return ot_error_set(
		    OT_EINVALID,
		    "%s:%zu: invalid UTF-8 (or a NUL byte) at byte offset %zu; save the file as UTF-8",
		    r->name, line, off);
	line = 1;
	if (len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0)
		i = start = 3;
	while (i < len) {
		char c = d[i];
		if (c == '\n' || c == '\r') {
			rd_text(r, kind, d + start, i - start, (unsigned)line);
			rd_endline(r, (unsigned)line);
			i += (c == '\r' && i + 1 < len && d[i + 1] == '\n') ? 2 : 1;
			start = i;
			line++;
			continue;
		}
		if (i + 1 < len && (c == '[' || c == ']' || c == '{' || c == '}') && d[i + 1] == c) {
			int opens = c == '[' || c == '{';
			int k = (c == '[' || c == ']') ? K_DEL : K_INS;
			rd_text(r, kind, d + start, i - start, (unsigned)line);
			if (opens && kind != K_PLAIN)
				return ot_error_set(OT_EINVALID,
						    "%s:%zu: '%c%c' inside a marked passage opened on line "
						    "%zu; close it first ('%s')",
						    r->name, line, c, c, open_line,
						    kind == K_DEL ? "]]" : "}}");
			if (!opens && kind != k)
				return ot_error_set(OT_EINVALID, "%s:%zu: '%c%c' closes no '%s'", r->name,
						    line, c, c, k == K_DEL ? "[[" : "{{");
			kind = opens ? k : K_PLAIN;
			open_line = line;
			i += 2;
			start = i;
			continue;
		}
		i++;
	}
	rd_text(r, kind, d + start, i - start, (unsigned)line);
	if (r->cur.old.len || r->cur.new.len)
		rd_endline(r, (unsigned)line);
	if (kind != K_PLAIN)
		return ot_error_set(OT_EINVALID, "%s:%zu: '%s' is never closed; add '%s'", r->name, open_line,
				    kind == K_DEL ? "[[" : "{{", kind == K_DEL ? "]]" : "}}");
	return 0;
}

/* ---- HTML ---------------------------------------------------------------- */

static int name_in(const xmlChar *name, const char *const *list)
{
	for (; *list; list++)
		if (strcasecmp((const char *)name, *list) == 0)
			return 1;
	return 0;
}

static const char *const skipped_elements[] = {"script",   "style",    "head",	 "title", "nav", "noscript",
					       "template", "iframe",   "object", "embed", "svg", "math",
					       "select",   "textarea", "button", NULL};
static const char *const block_elements[] = {
    "p",	"div",	  "h1",		"h2",	   "h3",	 "h4",	    "h5",      "h6",	 "li",
    "ul",	"ol",	  "table",	"tr",	   "blockquote", "section", "article", "header", "footer",
    "main",	"body",	  "html",	"dl",	   "dt",	 "dd",	    "pre",     "hr",	 "address",
    "center",	"figure", "figcaption", "aside",   "caption",	 "thead",   "tbody",   "tfoot",	 "form",
    "fieldset", "legend", "details",	"summary", NULL};

/* The decoration an inline style asks for: K_DEL for line-through, K_INS
 * for underline (text-decoration, text-decoration-line; mso- properties
 * and other declarations ignored). */
static int style_kind(const char *style)
{
	int kind = 0;
	const char *p = style;
	while (*p) {
		const char *end = strchr(p, ';'), *colon;
		size_t n = end ? (size_t)(end - p) : strlen(p);
		colon = memchr(p, ':', n);
		if (colon) {
			char prop[32], val[128];
			size_t pl = 0, vl = 0;
			const char *q;
			for (q = p; q < colon && pl + 1 < sizeof(prop); q++)
				if (!is_space_byte(*q))
					prop[pl++] = (char)tolower((unsigned char)*q);
			prop[pl] = '\0';
			for (q = colon + 1; q < p + n && vl + 1 < sizeof(val); q++)
				val[vl++] = (char)tolower((unsigned char)*q);
			val[vl] = '\0';
			if (strcmp(prop, "text-decoration") == 0 ||
			    strcmp(prop, "text-decoration-line") == 0) {
				if (strstr(val, "line-through"))
					kind |= K_DEL;
				if (strstr(val, "underline"))
					kind |= K_INS;
			}
		}
		p += n;
		if (*p == ';')
			p++;
	}
	return kind;
}

static int element_kind(xmlNodePtr n)
{
	static const char *const del[] = {"s", "strike", "del", NULL};
	static const char *const ins[] = {"u", "ins", NULL};
	int kind = 0;
	xmlChar *style;
	if (name_in(n->name, del))
		kind |= K_DEL;
	if (name_in(n->name, ins))
		kind |= K_INS;
	if ((style = xmlGetProp(n, (const xmlChar *)"style"))) {
		kind |= style_kind((const char *)style);
		xmlFree(style);
	}
	return kind;
}

static unsigned node_line(xmlNodePtr n)
{
	long l = xmlGetLineNo(n);
	if (l <= 0 && n->parent)
		l = xmlGetLineNo(n->parent);
	return l > 0 && l < 0x7fffffffL ? (unsigned)l : 0;
}

/* A block boundary: end the line if it holds text, then one blank line. */
static void rd_block(reader *r, unsigned src)
{
	if (r->cur.has_old || r->cur.has_new) {
		rd_endline(r, src);
	} else {
		ot_buf_clear(&r->cur.old);
		ot_buf_clear(&r->cur.new);
	}
	if (r->n && (r->lines[r->n - 1].has_old || r->lines[r->n - 1].has_new))
		rd_endline(r, src);
}

static void rd_html_text(reader *r, xmlNodePtr n, int kind, int pre)
{
	const char *s = (const char *)n->content;
	unsigned src = node_line(n);
	size_t i, start = 0, len;
	if (!s)
		return;
	len = strlen(s);
	for (i = 0; i < len; i++) {
		if (s[i] == '\n' || s[i] == '\r') {
			rd_text(r, kind, s + start, i - start, src);
			if (pre)
				rd_endline(r, src);
			else
				rd_text(r, kind, " ", 1, src);
			if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
				i++;
			start = i + 1;
			if (src)
				src++;
		}
	}
	rd_text(r, kind, s + start, len - start, src);
}

static void open_element(reader *r, xmlNodePtr n)
{
	if (name_in(n->name, block_elements))
		rd_block(r, node_line(n));
	else if (strcasecmp((const char *)n->name, "br") == 0)
		rd_endline(r, node_line(n));
	else if (strcasecmp((const char *)n->name, "td") == 0 || strcasecmp((const char *)n->name, "th") == 0)
		rd_text(r, K_PLAIN, " ", 1, node_line(n));
}

static void close_element(reader *r, xmlNodePtr n)
{
	if (name_in(n->name, block_elements))
		rd_block(r, node_line(n));
}

static void put_quoted(ot_buf *b, const char *s, size_t n, int lead_dots);

/* HTML through the safe reader; elements walked without recursion. */
static int read_html(reader *r, const char *data, size_t len)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root, n;
	int kinds[MAX_HTML_DEPTH], pres[MAX_HTML_DEPTH], depth = 0, err;
	if ((err = ot_html_read(&doc, data, len, r->name)) < 0)
		return err;
	root = xmlDocGetRootElement(doc);
	kinds[0] = 0;
	pres[0] = 0;
	n = root;
	for (;;) {
		if (n->type == XML_ELEMENT_NODE && !name_in(n->name, skipped_elements)) {
			open_element(r, n);
			if (n->children && depth + 1 < MAX_HTML_DEPTH) {
				kinds[depth + 1] = kinds[depth] | element_kind(n);
				pres[depth + 1] =
				    pres[depth] || strcasecmp((const char *)n->name, "pre") == 0;
				depth++;
				n = n->children;
				continue;
			}
			close_element(r, n);
		} else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			rd_html_text(r, n, kinds[depth], pres[depth]);
		}
		for (;;) {
			if (n == root)
				goto finished;
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
			depth--;
			close_element(r, n);
			if (n == root)
				goto finished;
		}
	}
finished:
	if (r->cur.has_old || r->cur.has_new)
		rd_endline(r, 0);
	xmlFreeDoc(doc);
	if (r->both) {
		ot_buf q = OT_BUF_INIT;
		put_quoted(&q, r->both, strlen(r->both), 0);
		err = ot_error_set(OT_EINVALID,
				   "%s:%u: text %s is both struck and underscored (inserted text inside struck "
				   "text, or struck inside inserted); it would be in neither version: end the "
				   "strike before the insertion, or mark the text only struck or only underscored",
				   r->name, r->both_src, q.ptr);
		ot_buf_release(&q);
		return err;
	}
	return 0;
}

/* ---- step 2: omission marks, prose, the two views ------------------------ */

/* Is there an omission mark at s[i]?  "* * *" (three or more stars),
 * ". . .", or a parenthesised or bracketed note that says text is omitted,
 * unaffected or unchanged.  Sets *end past it. */
static int gap_at(const char *s, size_t n, size_t i, size_t *end)
{
	size_t j, stars = 0;
	if (s[i] == '*') {
		for (j = i; j < n && (s[j] == '*' || s[j] == ' '); j++)
			stars += s[j] == '*';
		while (j > i && s[j - 1] == ' ')
			j--;
		if (stars >= 3) {
			*end = j;
			return 1;
		}
		return 0;
	}
	if (n - i >= 5 && memcmp(s + i, ". . .", 5) == 0) {
		*end = i + 5;
		return 1;
	}
	if (s[i] == '(' || s[i] == '[') {
		char close = s[i] == '(' ? ')' : ']';
		char low[120];
		size_t k = 0;
		for (j = i + 1; j < n && s[j] != close && s[j] != s[i] && j - i < sizeof(low); j++)
			low[k++] = (char)tolower((unsigned char)s[j]);
		if (j >= n || s[j] != close)
			return 0;
		low[k] = '\0';
		if (strstr(low, "omitted") || strstr(low, "unaffected") || strstr(low, "unchanged")) {
			*end = j + 1;
			return 1;
		}
	}
	return 0;
}

/* Is the whole (collapsed, trimmed) line one omission mark? */
static int omission_line(const char *s)
{
	size_t n = strlen(s), end;
	while (n && s[n - 1] == ' ')
		n--;
	while (n && *s == ' ')
		s++, n--;
	return n && gap_at(s, n, 0, &end) && end == n;
}

/* "SECTION 2." / "Section 3:" - a section of the amending ordinance, not a
 * code section: its prose is not part of the amended text. */
static int ordinance_section_line(const char *s)
{
	while (*s == ' ')
		s++;
	if (strncasecmp(s, "section", 7) != 0 || s[7] != ' ')
		return 0;
	s += 8;
	while (*s == ' ')
		s++;
	if (!isdigit((unsigned char)*s))
		return 0;
	while (isdigit((unsigned char)*s))
		s++;
	while (*s == ' ')
		s++;
	return *s == '.' || *s == ':' || *s == '\0';
}

/* Does the line start like a code section line ("2-173-020 ...",
 * "Sec. 2-173-020.", "§ 12")? */
static int code_section_like(const char *s)
{
	while (*s == ' ')
		s++;
	if (strncmp(s, "\xC2\xA7", 2) == 0)
		return 1;
	if (strncasecmp(s, "sec.", 4) == 0 || strncasecmp(s, "section ", 8) == 0 ||
	    strncasecmp(s, "secs.", 5) == 0) {
		s = strchr(s, ' ');
		if (!s)
			return 0;
		while (*s == ' ')
			s++;
	}
	if (!isdigit((unsigned char)*s))
		return 0;
	while (*s && *s != ' ') {
		if ((*s == '-' || *s == '.') && isdigit((unsigned char)s[1]))
			return 1;
		s++;
	}
	return 0;
}

typedef struct view {
	ot_buf text;
	size_t *map; /* view line (0-based) -> document line index */
	size_t n, cap;
	ot_doc *doc;
} view;

/* Mark omission and prose lines, and normalise each line's texts. */
static void classify_lines(reader *r)
{
	size_t i;
	int prose = 0;
	for (i = 0; i < r->n; i++) {
		dline *l = &r->lines[i];
		char *o = norm_dup(l->old.ptr, l->old.len), *nw = norm_dup(l->new.ptr, l->new.len);
		const char *plain = l->has_old ? o : nw;
		ot_buf_clear(&l->old);
		ot_buf_puts(&l->old, o);
		ot_buf_clear(&l->new);
		ot_buf_puts(&l->new, nw);
		if (l->has_old || l->has_new) {
			if (ordinance_section_line(plain))
				prose = 1;
			else if (prose && code_section_like(plain))
				prose = 0;
			l->skip = prose;
			l->omission = !prose && strcmp(o, nw) == 0 && omission_line(o);
		}
		free(o);
		free(nw);
	}
}

#define FILL ((size_t)-1) /* a view line that is in-force context */

/* In-force context for the parser: node `node` is written into the views
 * just before document line `line` (see make_fill). */
typedef struct fill {
	size_t line;
	const ot_node *node;
} fill;

static void put_fill(view *v, const ot_node *node)
{
	if (node->kind == OT_NODE_TEXT) {
		ot_buf_putc(&v->text, '\n');
		*OT_ARRAY_PUSH(v->map, v->n, v->cap) = FILL;
		ot_buf_puts(&v->text, node->text);
	} else {
		ot_buf_puts(&v->text, node->num);
		if (node->text && *node->text) {
			ot_buf_putc(&v->text, ' ');
			ot_buf_puts(&v->text, node->text);
		}
	}
	ot_buf_putc(&v->text, '\n');
	*OT_ARRAY_PUSH(v->map, v->n, v->cap) = FILL;
}

/* One view of the document: the old one (plain + struck) or the new one.
 * keep_gaps: omission lines stay in (the first, structure-finding pass);
 * fills (sorted by line): in-force context written before its line. */
static void build_view(view *v, const reader *r, int old, int keep_gaps, const fill *fills, size_t nfills)
{
	size_t i, f = 0;
	for (i = 0; i < r->n; i++) {
		const dline *l = &r->lines[i];
		int blank = !l->has_old && !l->has_new;
		for (; f < nfills && fills[f].line <= i; f++)
			put_fill(v, fills[f].node);
		if (l->skip || (l->omission && !keep_gaps))
			continue;
		if (!blank && !(old ? l->has_old : l->has_new))
			continue;
		if (!blank)
			ot_buf_puts(&v->text, old ? l->old.ptr : l->new.ptr);
		ot_buf_putc(&v->text, '\n');
		*OT_ARRAY_PUSH(v->map, v->n, v->cap) = i;
	}
}

static void view_release(view *v)
{
	ot_buf_release(&v->text);
	free(v->map);
	ot_doc_free(v->doc);
}

/* Parse a view.  A view with no section at all (a redline that only adds
 * sections has none in its old view) gives an empty document.  A parse
 * error is reported at the document's line. */
static int parse_view(view *v, const reader *r, const char *what)
{
	const char *msg;
	size_t nl = strlen(r->name), vline = 0;
	char *copy, *rest;
	int err = ot_doc_parse_text(&v->doc, v->text.ptr, v->text.len, r->name);
	if (err == 0)
		return 0;
	msg = ot_error_last();
	if (strstr(msg, ": no section found")) {
		v->doc = ot_doc_new();
		return 0;
	}
	if (strncmp(msg, r->name, nl) != 0 || msg[nl] != ':' || !isdigit((unsigned char)msg[nl + 1]))
		return err;
	vline = strtoul(msg + nl + 1, &rest, 10);
	if (*rest != ':' || vline == 0 || vline > v->n)
		return err;
	copy = ot_strdup(rest + 1);
	while (vline > 1 && v->map[vline - 1] == FILL)
		vline--;
	ot_error_set(err, "%s:%u:%s (in %s)", r->name,
		     v->map[vline - 1] == FILL ? 0 : r->lines[v->map[vline - 1]].src, copy, what);
	free(copy);
	return err;
}

/* ---- step 3: entries, anchoring, checks -------------------------------- */

typedef struct entry {
	const ot_node *o, *n; /* old-view and new-view node, either may be NULL */
	size_t line;	      /* document line index */
	int gap;	      /* an omission line, not a node */
	long f;		      /* anchored in-force node (index in the section's
				 pre-order list), or -1 */
	size_t sfrom, sto;    /* document lines whose struck passages are its */
} entry;

/* Pre-order list of a section's nodes (the section itself excluded);
 * the caller frees *out.  An explicit stack, no recursion. */
static void flatten(const ot_node *sec, const ot_node ***out, size_t *n)
{
	const ot_node **stack = NULL;
	unsigned *idx = NULL;
	size_t depth = 0, cap = 0, icap = 0, ocap = 0;
	*out = NULL;
	*n = 0;
	if (!sec)
		return;
	ot_array_grow((void **)&stack, &cap, 1, sizeof(*stack));
	ot_array_grow((void **)&idx, &icap, 1, sizeof(*idx));
	stack[0] = sec;
	idx[0] = 0;
	depth = 1;
	while (depth) {
		const ot_node *top = stack[depth - 1];
		unsigned i = idx[depth - 1];
		if (i >= top->nchildren) {
			depth--;
			continue;
		}
		idx[depth - 1] = i + 1;
		*OT_ARRAY_PUSH(*out, *n, ocap) = top->children[i];
		ot_array_grow((void **)&stack, &cap, depth + 1, sizeof(*stack));
		ot_array_grow((void **)&idx, &icap, depth + 1, sizeof(*idx));
		stack[depth] = top->children[i];
		idx[depth] = 0;
		depth++;
	}
	free(stack);
	free(idx);
}

/* Every node of a view's document with its document line, in order. */
typedef struct vnode {
	const ot_node *node;
	size_t line;
} vnode;

static void collect(vnode **out, size_t *n, const view *v)
{
	size_t s, k, cap = 0;
	*out = NULL;
	*n = 0;
	for (s = 0; s < v->doc->nsections; s++) {
		const ot_node **list;
		size_t nl;
		vnode *e = OT_ARRAY_PUSH(*out, *n, cap);
		e->node = v->doc->sections[s];
		e->line = v->map[e->node->line ? e->node->line - 1 : 0];
		flatten(v->doc->sections[s], &list, &nl);
		for (k = 0; k < nl; k++) {
			size_t line = v->map[list[k]->line ? list[k]->line - 1 : 0];
			if (line == FILL)
				continue;
			e = OT_ARRAY_PUSH(*out, *n, cap);
			e->node = list[k];
			e->line = line;
		}
		free(list);
	}
}

typedef struct report {
	const char *name;
	ot_buf lines;
	size_t n;
	char *chapter; /* of the first section with a mismatch */
} report;

/* Append "text" quoted, cut to MAX_QUOTE bytes on a character boundary. */
static void put_quoted(ot_buf *b, const char *s, size_t n, int lead_dots)
{
	size_t cut = n;
	if (n > MAX_QUOTE) {
		cut = MAX_QUOTE;
		while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
		while (cut > MAX_QUOTE / 2 && s[cut - 1] != ' ')
			cut--;
	}
	ot_buf_putc(b, '"');
	if (lead_dots)
		ot_buf_puts(b, "... ");
	ot_buf_put(b, s, cut);
	while (b->len && b->ptr[b->len - 1] == ' ')
		b->len--, b->ptr[b->len] = '\0';
	if (cut < n)
		ot_buf_puts(b, " ...");
	ot_buf_putc(b, '"');
}

/* The part of the in-force text nearest to `needle`: the place where the
 * longest run of its first (or last) words occurs, else the start. */
static void put_nearest(ot_buf *b, const char *text, const char *needle)
{
	size_t tl = strlen(text), pos = 0, start;
	int found = 0;
	if (tl > MAX_QUOTE && needle && *needle) {
		size_t nl = strlen(needle), k;
		char *w = ot_strdup(needle);
		/* shrink the needle word by word from the end, then from the start */
		for (k = nl; k > 0 && !found; k--) {
			const char *hit;
			if (k < nl && w[k] != ' ')
				continue;
			w[k] = '\0';
			if ((hit = strstr(text, w)) && k >= 3)
				pos = (size_t)(hit - text), found = 1;
		}
		free(w);
		for (k = 1; k < nl && !found; k++) {
			const char *hit;
			if (needle[k - 1] != ' ')
				continue;
			if (nl - k >= 3 && (hit = strstr(text, needle + k)))
				pos = (size_t)(hit - text), found = 1;
		}
	}
	start = pos > 20 ? pos - 20 : 0;
	while (start > 0 && text[start - 1] != ' ')
		start--;
	put_quoted(b, text + start, tl - start, start > 0);
}

static void mismatch(report *rp, const char *sec, const char *id, unsigned src, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static void mismatch(report *rp, const char *sec, const char *id, unsigned src, const char *fmt, ...)
{
	va_list ap;
	if (!rp->chapter && sec) {
		const char *dash = strrchr(sec, '-');
		rp->chapter = dash ? ot_strndup(sec, (size_t)(dash - sec)) : ot_strdup(sec);
	}
	ot_buf_printf(&rp->lines, "\n  %s", id);
	if (src)
		ot_buf_printf(&rp->lines, " (line %u)", src);
	ot_buf_puts(&rp->lines, ": ");
	va_start(ap, fmt);
	ot_buf_vprintf(&rp->lines, fmt, ap);
	va_end(ap);
	rp->n++;
}

/* Split text at omission marks into trimmed segments: seg[2*i] offset,
 * seg[2*i+1] length; returns the number of segments (marks + 1). */
static size_t split_gaps(const char *t, size_t **seg)
{
	size_t n = strlen(t), i = 0, start = 0, nseg = 0, cap = 0, end;
	*seg = NULL;
	for (;;) {
		int at_end = i >= n;
		if (at_end || ((i == 0 || t[i - 1] == ' ') && gap_at(t, n, i, &end))) {
			size_t a = start, z = i;
			while (a < z && t[a] == ' ')
				a++;
			while (z > a && t[z - 1] == ' ')
				z--;
			*OT_ARRAY_PUSH(*seg, nseg, cap) = a;
			*OT_ARRAY_PUSH(*seg, nseg, cap) = z - a;
			if (at_end)
				break;
			i = start = end;
			continue;
		}
		i++;
	}
	return nseg / 2;
}

/* Is code point cp part of a word?  ASCII letters and digits, and every
 * other non-ASCII character except the spaces, punctuation and symbols of
 * Latin-1, General Punctuation and CJK punctuation. */
static int word_cp(unsigned long cp)
{
	if (cp < 0x80)
		return isalnum((int)cp) != 0;
	if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F))
		return 0;
	return 1;
}

/* The code point of the UTF-8 character starting at s[i] (n bytes in s);
 * a stray byte counts as itself. */
static unsigned long cp_at(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1, k;
	unsigned long cp = len == 1 ? c : c & (0x7F >> len);
	if (len > n - i)
		return c;
	for (k = 1; k < len; k++)
		cp = (cp << 6) | ((unsigned char)s[i + k] & 0x3F);
	return cp;
}

/* Is position i of f (fl bytes) a token boundary: its start or end, or
 * not between two word characters? */
static int token_edge(const char *f, size_t fl, size_t i)
{
	size_t b = i;
	if (i == 0 || i >= fl)
		return 1;
	while (b > 0 && i - b < 4 && ((unsigned char)f[b - 1] & 0xC0) == 0x80)
		b--;
	if (b > 0)
		b--;
	return !(word_cp(cp_at(f, fl, b)) && word_cp(cp_at(f, fl, i)));
}

/* Does s[0..sl) lie in f (fl bytes) at `at`, starting and ending on token
 * boundaries ("ph" is not in "alpha")? */
static int piece_at(const char *f, size_t fl, size_t at, const char *s, size_t sl)
{
	return at <= fl && sl <= fl - at && memcmp(f + at, s, sl) == 0 && token_edge(f, fl, at) &&
	       token_edge(f, fl, at + sl);
}

/* The first (or, with `last`, the last) place at or after lo where
 * s[0..sl) lies in f on token boundaries and ends at or before hi, or -1. */
static long find_piece(const char *f, size_t fl, const char *s, size_t sl, size_t lo, size_t hi, int last)
{
	size_t at;
	if (hi > fl || sl > hi || lo > hi - sl)
		return -1;
	if (last) {
		for (at = hi - sl + 1; at-- > lo;)
			if (piece_at(f, fl, at, s, sl))
				return (long)at;
	} else {
		for (at = lo; at <= hi - sl; at++)
			if (piece_at(f, fl, at, s, sl))
				return (long)at;
	}
	return -1;
}

/* Place the pieces of old text (split at omission marks) in the in-force
 * text f: equal when there is no mark; else in order, each on token
 * boundaries, the first at the start and the last at the end (an empty
 * piece, where a mark stands there, fits anywhere).  With `latest`, each
 * piece as late as the others allow, else as early.  Returns 1 when they
 * fit; pos[2*i], pos[2*i+1] get where piece i lies (caller frees *pos,
 * set in every case). */
static int place_pieces(const char *old, const char *f, size_t **pos, int latest)
{
	size_t *seg, nseg = split_gaps(old, &seg), i, fl = strlen(f), cur = 0, lim = fl;
	int ok = 1;
	*pos = ot_calloc(2 * nseg, sizeof(**pos));
	if (nseg == 1) {
		ok = strcmp(old, f) == 0;
		(*pos)[0] = 0;
		(*pos)[1] = fl;
		free(seg);
		return ok;
	}
	for (i = 0; i < nseg && ok; i++) {
		size_t k = latest ? nseg - 1 - i : i, sl = seg[2 * k + 1], at = 0;
		const char *s = old + seg[2 * k];
		long hit;
		if (k == 0) {
			ok = sl <= lim && piece_at(f, fl, 0, s, sl);
		} else if (k == nseg - 1) {
			at = sl <= fl ? fl - sl : 0;
			ok = sl <= fl && at >= cur && piece_at(f, fl, at, s, sl);
		} else {
			hit = find_piece(f, fl, s, sl, cur, lim, latest);
			ok = hit >= 0;
			at = hit >= 0 ? (size_t)hit : 0;
		}
		(*pos)[2 * k] = at;
		(*pos)[2 * k + 1] = at + sl;
		if (latest)
			lim = at;
		else
			cur = at + sl;
	}
	free(seg);
	return ok;
}

/* Does the old text match the in-force text f (see place_pieces)?  On
 * success *pos holds where each piece lies, each as early as it can. */
static int match_old(const char *old, const char *f, size_t **pos)
{
	return place_pieces(old, f, pos, 0);
}

/* A piece of an old text that matches f (see match_old) and that the
 * document changes (its new piece differs), but whose place in f the
 * text shown around it does not decide (it can lie at two places): its
 * index, with its text in *piece (caller frees) and the number of places
 * where it lies in f on token boundaries in *count; -1 when every changed
 * piece has one place. */
static long ambiguous_piece(const char *old, const char *nw, const char *f, char **piece, size_t *count)
{
	size_t *early = NULL, *late = NULL, *os = NULL, *ns = NULL, no, nn, i, fl = strlen(f);
	long res = -1;
	*piece = NULL;
	*count = 0;
	no = split_gaps(old, &os);
	nn = split_gaps(nw, &ns);
	if (no < 2 || no != nn || !place_pieces(old, f, &early, 0) || !place_pieces(old, f, &late, 1))
		goto done;
	for (i = 0; i < no && res < 0; i++) {
		size_t sl = os[2 * i + 1];
		if (early[2 * i] == late[2 * i])
			continue;
		if (sl == ns[2 * i + 1] && memcmp(old + os[2 * i], nw + ns[2 * i], sl) == 0)
			continue;
		res = (long)i;
		*piece = ot_strndup(old + os[2 * i], sl);
		if (sl) {
			long at = -1;
			while ((at = find_piece(f, fl, *piece, sl, at < 0 ? 0 : (size_t)at + 1, fl, 0)) >= 0)
				(*count)++;
		} else {
			*count = late[2 * i] - early[2 * i] + 1;
		}
	}
done:
	free(early);
	free(late);
	free(os);
	free(ns);
	return res;
}

/* The new text of a clause: f with each old piece (at pos) replaced by the
 * new text's piece.  NULL when the new text has a different number of
 * omission marks. */
static char *apply_new(const char *f, const size_t *pos, size_t npos, const char *nw)
{
	size_t *seg, nseg = split_gaps(nw, &seg), i, cur = 0;
	ot_buf b = OT_BUF_INIT;
	char *out;
	if (nseg != npos) {
		free(seg);
		return NULL;
	}
	if (nseg == 1) {
		free(seg);
		return ot_strdup(nw);
	}
	for (i = 0; i < nseg; i++) {
		int empty_old = pos[2 * i] == pos[2 * i + 1];
		ot_buf_put(&b, f + cur, pos[2 * i] - cur);
		if (empty_old && seg[2 * i + 1])
			ot_buf_putc(&b, ' ');
		ot_buf_put(&b, nw + seg[2 * i], seg[2 * i + 1]);
		if (empty_old && seg[2 * i + 1])
			ot_buf_putc(&b, ' ');
		cur = pos[2 * i + 1];
	}
	ot_buf_puts(&b, f + cur);
	free(seg);
	out = norm_dup(b.ptr, b.len);
	ot_buf_release(&b);
	return out;
}

/* A struck passage that is only a clause marker "(b)" or a section number
 * is checked through the anchoring, not as text. */
static int marker_like(const char *p, const char *secnum)
{
	size_t n = strlen(p);
	if (secnum && strncmp(p, secnum, strlen(secnum)) == 0)
		return 1;
	if (n >= 3 && n <= 10 && p[0] == '(' && p[n - 1] == ')' && !strchr(p, ' '))
		return 1;
	return 0;
}

/* Check the struck passages of entry e against in-force text f; one
 * mismatch per passage not found.  Returns how many were missing. */
static size_t check_struck(report *rp, const reader *r, const entry *e, const char *secnum, const char *id,
			   const char *f)
{
	size_t i, k, missing = 0;
	for (i = e->sfrom; i < e->sto; i++)
		for (k = 0; k < r->lines[i].nstruck; k++) {
			const char *p = r->lines[i].struck[k];
			ot_buf q = OT_BUF_INIT;
			if (marker_like(p, secnum) || strstr(f, p))
				continue;
			put_quoted(&q, p, strlen(p), 0);
			ot_buf_puts(&q, " not found; in force: ");
			put_nearest(&q, f, p);
			mismatch(rp, secnum, id, r->lines[i].src, "struck %s", q.ptr);
			ot_buf_release(&q);
			missing++;
		}
	return missing;
}

/* Refuse an old text with a changed piece that could lie at two places
 * in the in-force text f: one mismatch naming the passage. */
static void check_ambiguous(report *rp, const char *secnum, const char *id, unsigned src, const char *old,
			    const char *nw, const char *f)
{
	char *piece = NULL;
	size_t count = 0;
	ot_buf q = OT_BUF_INIT;
	if (!nw || ambiguous_piece(old, nw, f, &piece, &count) < 0)
		return;
	if (*piece) {
		ot_buf_puts(&q, "passage ");
		put_quoted(&q, piece, strlen(piece), 0);
		ot_buf_printf(&q,
			      " occurs %zu times in the text in force, and the text shown around it (up to the "
			      "omission marks) does not say which one is meant; show more of the words around it",
			      count);
	} else {
		ot_buf_puts(&q, "text inserted between omission marks with no words shown around it could go "
				"at several places; show the words before or after it");
	}
	mismatch(rp, secnum, id, src, "%s", q.ptr);
	ot_buf_release(&q);
	free(piece);
}

/* Report an old text that does not match f, quoting both from a little
 * before the first difference. */
static void report_text(report *rp, const char *secnum, const char *id, unsigned src, const char *old,
			const char *f)
{
	ot_buf q = OT_BUF_INIT;
	size_t d = 0, start, *seg = NULL, nseg = split_gaps(old, &seg);
	free(seg);
	if (nseg > 1) {
		/* pieces between omission marks: no single first difference */
		ot_buf_puts(&q, "text ");
		put_quoted(&q, old, strlen(old), 0);
		ot_buf_puts(&q, ": the words shown between the omission marks are not in the text in force "
				"(whole words, in order); in force: ");
		put_quoted(&q, f, strlen(f), 0);
		mismatch(rp, secnum, id, src, "%s", q.ptr);
		ot_buf_release(&q);
		return;
	}
	while (old[d] && old[d] == f[d])
		d++;
	start = d > 20 ? d - 20 : 0;
	while (start > 0 && old[start - 1] != ' ')
		start--;
	ot_buf_puts(&q, "text ");
	put_quoted(&q, old + start, strlen(old + start), start > 0);
	ot_buf_puts(&q, " is not the text in force: ");
	put_quoted(&q, f + start, strlen(f + start), start > 0);
	mismatch(rp, secnum, id, src, "%s", q.ptr);
	ot_buf_release(&q);
}

/* The id of o relative to its section ("(a)(3)" of "2-173-020(a)(3)"). */
static const char *rel_id(const ot_node *o)
{
	const ot_node *s = o;
	while (s->parent)
		s = s->parent;
	return o->id + strlen(s->id);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int is_descendant(const ot_node *n, const ot_node *anc)
{
	for (n = n ? n->parent : NULL; n; n = n->parent)
		if (n == anc)
			return 1;
	return 0;
}

/* The in-force clause most like text t, for a clause not found. */
static const ot_node *most_similar(const ot_node *const *fl, size_t nf, const char *t)
{
	const ot_node *best = NULL;
	double bs = -1;
	size_t j;
	for (j = 0; j < nf; j++) {
		double s;
		if (!fl[j]->text)
			continue;
		s = ot_text_similarity_min(t, strlen(t), fl[j]->text, strlen(fl[j]->text), 0.0);
		if (s > bs)
			bs = s, best = fl[j];
	}
	return best;
}

/* One line of the amended section. */
typedef struct outline {
	ot_node_kind kind;
	const char *num;
	char *text;  /* owned */
	size_t line; /* document line index, or (size_t)-1 */
	const char *id; /* the in-force clause id, or the inserted one */
	size_t near;	/* the document line shown last before it */
} outline;

static void put_outline(ot_buf *b, outline **ol, size_t *n, size_t *cap, ot_node_kind kind, const char *num,
			char *text, size_t line)
{
	outline *o = OT_ARRAY_PUSH(*ol, *n, *cap);
	o->kind = kind;
	o->num = num;
	o->text = text;
	o->line = line;
	o->id = num;
	o->near = line;
	if (kind == OT_NODE_TEXT) {
		ot_buf_putc(b, '\n');
		ot_buf_puts(b, text);
	} else {
		ot_buf_puts(b, num);
		if (*text) {
			ot_buf_putc(b, ' ');
			ot_buf_puts(b, text);
		}
	}
	ot_buf_putc(b, '\n');
}

/* What a group does to the result: drop section `drop` (a number in force,
 * or NULL) and put section `put` (owned, or NULL). */
typedef struct plan {
	const char *drop;
	ot_node *put;
} plan;

typedef struct ctx {
	const reader *r;
	const ot_doc *in_force;
	report rp;
	plan *plans;
	size_t nplans, plancap;
} ctx;

/* A section both shown before and after: check every shown node, write
 * the amended section and read it back. */
static int amend_section(ctx *c, entry *g, size_t ng, const ot_node *fsec)
{
	const ot_node **fl = NULL;
	size_t nf = 0, i, j, pos = 0, nout = 0, outcap = 0, nbad_before = c->rp.n, last = g[0].line;
	const ot_node *osec = g[0].o, *nsec = g[0].n;
	const char *secnum = osec->num;
	size_t **slots = NULL, *nslot = NULL, *slotcap = NULL;
	long *anchored = NULL; /* per in-force node: the entry index, or -1 */
	char *removed = NULL;
	outline *ol = NULL;
	ot_buf text = OT_BUF_INIT;
	ot_doc *back = NULL;
	int err = 0;

	flatten(fsec, &fl, &nf);
	anchored = ot_malloc((nf + 1) * sizeof(*anchored));
	for (j = 0; j < nf; j++)
		anchored[j] = -1;
	removed = ot_calloc(nf + 1, 1);

	/* heading */
	if (*osec->heading && strcmp(osec->heading, fsec->heading) != 0) {
		if (!check_struck(&c->rp, c->r, &g[0], secnum, secnum, fsec->heading))
			report_text(&c->rp, secnum, secnum, c->r->lines[g[0].line].src, osec->heading,
				    fsec->heading);
	}
	/* anchor every old node, in document order */
	for (i = 1; i < ng; i++) {
		entry *e = &g[i];
		const ot_node *o = e->o;
		unsigned src = c->r->lines[e->line].src;
		long hit = -1;
		if (!o)
			continue;
		if (o->kind == OT_NODE_CLAUSE) {
			for (j = pos; j < nf && hit < 0; j++)
				if (fl[j]->kind == OT_NODE_CLAUSE && strcmp(fl[j]->id, o->id) == 0)
					hit = (long)j;
			for (j = pos; j < nf && hit < 0; j++)
				if (fl[j]->kind == OT_NODE_CLAUSE && strcmp(fl[j]->num, o->num) == 0 &&
				    ends_with(fl[j]->id, rel_id(o)))
					hit = (long)j;
			if (hit < 0) {
				const ot_node *near = most_similar(fl, nf, o->text);
				ot_buf q = OT_BUF_INIT;
				if (ot_doc_find(c->in_force, o->id))
					ot_buf_puts(
					    &q,
					    "shown out of order (after a clause that follows it in force)");
				else if (near) {
					ot_buf_printf(&q, "no such clause in force; nearest: %s ", near->id);
					put_quoted(&q, near->text, strlen(near->text), 0);
				} else {
					ot_buf_puts(&q, "no such clause in force");
				}
				mismatch(&c->rp, secnum, o->id, src, "%s", q.ptr);
				ot_buf_release(&q);
				continue;
			}
		} else {
			size_t *p = NULL;
			for (j = pos; j < nf && hit < 0; j++) {
				if (fl[j]->kind == OT_NODE_TEXT && match_old(o->text, fl[j]->text, &p))
					hit = (long)j;
				free(p);
				p = NULL;
			}
			if (hit < 0) {
				const ot_node *near = most_similar(fl, nf, o->text);
				ot_buf q = OT_BUF_INIT;
				put_quoted(&q, o->text, strlen(o->text), 0);
				ot_buf_puts(&q, " is not in force");
				if (near) {
					ot_buf_printf(&q, "; nearest: %s ", near->id);
					put_nearest(&q, near->text, o->text);
				}
				mismatch(&c->rp, secnum, "paragraph", src, "%s", q.ptr);
				ot_buf_release(&q);
				continue;
			}
		}
		e->f = hit;
		anchored[hit] = (long)i;
		pos = (size_t)hit + 1;
		if (o->kind == OT_NODE_CLAUSE) {
			size_t *p = NULL;
			if (match_old(o->text, fl[hit]->text, &p)) {
				if (e->n)
					check_ambiguous(&c->rp, secnum, fl[hit]->id, src, o->text, e->n->text,
							fl[hit]->text);
			} else if (!check_struck(&c->rp, c->r, e, secnum, fl[hit]->id, fl[hit]->text)) {
				report_text(&c->rp, secnum, fl[hit]->id, src, o->text, fl[hit]->text);
			}
			free(p);
		} else if (e->n) {
			check_ambiguous(&c->rp, secnum, "paragraph", src, o->text, e->n->text, fl[hit]->text);
		}
	}
	if (c->rp.n > nbad_before)
		goto done;

	/* where each inserted node goes: slot j = before in-force node j */
	slots = ot_calloc(nf + 1, sizeof(*slots));
	nslot = ot_calloc(nf + 1, sizeof(*nslot));
	slotcap = ot_calloc(nf + 1, sizeof(*slotcap));
	for (i = 1; i < ng; i++) {
		long a = -1, b = -1;
		int gap_a = 0, gap_b = 0;
		size_t k, slot;
		if (g[i].o || !g[i].n)
			continue;
		for (k = i; k-- > 1;) {
			if (g[k].gap)
				gap_a = 1;
			else if (g[k].f >= 0) {
				a = g[k].f;
				break;
			}
		}
		for (k = i + 1; k < ng; k++) {
			if (g[k].gap)
				gap_b = 1;
			else if (g[k].f >= 0) {
				b = g[k].f;
				break;
			}
		}
		if (b < 0)
			gap_b = 1;
		if (b >= 0 && !gap_b) {
			slot = (size_t)b;
		} else if (!gap_a) {
			if (a < 0) {
				slot = 0;
			} else {
				slot = (size_t)a + 1;
				while (slot < nf && is_descendant(fl[slot], fl[a]))
					slot++;
			}
		} else {
			slot = b >= 0 ? (size_t)b : nf;
		}
		*OT_ARRAY_PUSH(slots[slot], nslot[slot], slotcap[slot]) = i;
	}

	/* write the amended section */
	{
		ot_node *head =
		    ot_node_new(OT_NODE_SECTION, nsec->num, nsec->num,
				*nsec->heading || *osec->heading ? nsec->heading : fsec->heading, NULL);
		ot_section_canonical(&text, head);
		ot_node_free(head);
	}
	for (j = 0; j <= nf; j++) {
		size_t k;
		for (k = 0; k < nslot[j]; k++) {
			const entry *e = &g[slots[j][k]];
			put_outline(&text, &ol, &nout, &outcap, e->n->kind, e->n->num, ot_strdup(e->n->text),
				    e->line);
			ol[nout - 1].id = e->n->kind == OT_NODE_CLAUSE ? e->n->id : "paragraph";
			last = e->line;
		}
		if (j == nf)
			break;
		if (removed[j])
			continue;
		if (anchored[j] < 0) {
			put_outline(&text, &ol, &nout, &outcap, fl[j]->kind, fl[j]->num,
				    ot_strdup(fl[j]->text), (size_t)-1);
			ol[nout - 1].id = fl[j]->kind == OT_NODE_CLAUSE ? fl[j]->id : "paragraph";
			ol[nout - 1].near = last;
			continue;
		}
		{
			const entry *e = &g[anchored[j]];
			size_t *p = NULL, np, *seg = NULL;
			char *nt;
			last = e->line;
			if (!e->n) {
				/* a repeal: with it go its descendants not shown */
				size_t d;
				for (d = j + 1; d < nf && is_descendant(fl[d], fl[j]); d++)
					if (anchored[d] < 0)
						removed[d] = 1;
				continue;
			}
			match_old(e->o->text, fl[j]->text, &p);
			np = split_gaps(e->o->text, &seg);
			free(seg);
			nt = apply_new(fl[j]->text, p, np, e->n->text);
			free(p);
			if (!nt) {
				mismatch(&c->rp, secnum, fl[j]->id, c->r->lines[e->line].src,
					 "the omission marks of the old and new text differ; strike or "
					 "insert text around them, not the marks");
				continue;
			}
			put_outline(&text, &ol, &nout, &outcap, e->n->kind, e->n->num, nt, e->line);
			ol[nout - 1].id = fl[j]->kind == OT_NODE_CLAUSE ? fl[j]->id : "paragraph";
		}
	}
	if (c->rp.n > nbad_before)
		goto done;

	/* read it back: one section, one node per written line */
	if ((err = ot_doc_parse_text(&back, text.ptr, text.len, c->r->name)) < 0) {
		char *why = ot_strdup(ot_error_last()); /* not the buffer being written */
		err = ot_error_set(
		    OT_EINVALID, "%s:%u: the amended text of %s cannot be read (%s, in the amended section)",
		    c->r->name, c->r->lines[g[0].line].src, nsec->num, why);
		free(why);
		goto done;
	}
	{
		const ot_node **bl = NULL;
		size_t nb = 0;
		flatten(back->nsections ? back->sections[0] : NULL, &bl, &nb);
		for (i = 0; i < nout && i < nb; i++)
			if (bl[i]->kind != ol[i].kind ||
			    (ol[i].kind == OT_NODE_CLAUSE && strcmp(bl[i]->num, ol[i].num) != 0))
				break;
		free(bl);
		if (back->nsections != 1 || i < nout || nb != nout) {
			size_t at = i < nout ? i : nout ? nout - 1 : 0;
			unsigned src = c->r->lines[g[0].line].src;
			ot_buf q = OT_BUF_INIT;
			if (nout) {
				const outline *x = &ol[at];
				if (x->near != (size_t)-1)
					src = c->r->lines[x->near].src;
				ot_buf_printf(&q, "%s ", x->id);
				if (x->kind == OT_NODE_CLAUSE) {
					ot_buf q2 = OT_BUF_INIT;
					ot_buf_printf(&q2, "%s%s%s", x->num, *x->text ? " " : "", x->text);
					put_quoted(&q, q2.ptr, q2.len, 0);
					ot_buf_release(&q2);
				} else {
					put_quoted(&q, x->text, strlen(x->text), 0);
				}
				ot_buf_puts(&q, x->line == (size_t)-1 ? " (in force, not shown)" : " (shown)");
			} else {
				ot_buf_puts(&q, nsec->num);
			}
			err = ot_error_set(
			    OT_EINVALID,
			    "%s:%u: the amended text of %s does not read back clause by clause at %s: the "
			    "plain-text form would not read it as that clause; renumber the clauses that remain "
			    "in a list whose first clause is struck ([[(2)]]{{(1)}}), and give inserted or "
			    "renumbered clauses markers that fit their lists",
			    c->r->name, src, nsec->num, q.ptr);
			ot_buf_release(&q);
			goto done;
		}
	}
	{
		plan *pl = OT_ARRAY_PUSH(c->plans, c->nplans, c->plancap);
		pl->drop = fsec->num;
		pl->put = back->sections[0];
		back->nsections = 0;
	}

done:
	for (i = 0; i < nout; i++)
		free(ol[i].text);
	free(ol);
	if (slots)
		for (j = 0; j <= nf; j++)
			free(slots[j]);
	free(slots);
	free(nslot);
	free(slotcap);
	free(anchored);
	free(removed);
	free(fl);
	ot_buf_release(&text);
	ot_doc_free(back);
	return err;
}

/* A wholly struck section: check what it shows, then drop it. */
static void repeal_section(ctx *c, entry *g, size_t ng, const ot_node *fsec)
{
	const ot_node **fl = NULL;
	size_t nf = 0, i, j, pos = 0, before = c->rp.n;
	const char *secnum = g[0].o->num;
	flatten(fsec, &fl, &nf);
	for (i = 1; i < ng; i++) {
		const ot_node *o = g[i].o;
		size_t *p = NULL;
		long hit = -1;
		if (!o)
			continue;
		for (j = pos; j < nf && hit < 0; j++)
			if (fl[j]->kind == o->kind &&
			    (o->kind == OT_NODE_CLAUSE
				 ? ends_with(fl[j]->id, rel_id(o)) && strcmp(fl[j]->num, o->num) == 0
				 : match_old(o->text, fl[j]->text, &p)))
				hit = (long)j;
		free(p);
		p = NULL;
		if (hit < 0) {
			mismatch(&c->rp, secnum, o->kind == OT_NODE_CLAUSE ? o->id : "paragraph",
				 c->r->lines[g[i].line].src, "struck, but not in force here");
			continue;
		}
		pos = (size_t)hit + 1;
		if (!match_old(o->text, fl[hit]->text, &p) &&
		    !check_struck(&c->rp, c->r, &g[i], secnum, fl[hit]->id, fl[hit]->text))
			report_text(&c->rp, secnum, fl[hit]->id, c->r->lines[g[i].line].src, o->text,
				    fl[hit]->text);
		free(p);
	}
	free(fl);
	if (c->rp.n == before) {
		plan *pl = OT_ARRAY_PUSH(c->plans, c->nplans, c->plancap);
		pl->drop = fsec->num;
		pl->put = NULL;
	}
}

/* One group: a section line and the entries up to the next one. */
static int do_group(ctx *c, entry *g, size_t ng)
{
	const ot_node *o = g[0].o, *n = g[0].n, *fsec;
	unsigned src = c->r->lines[g[0].line].src;
	size_t i;
	for (i = 1; i < ng; i++) {
		/* every node must belong to this group's section */
		const ot_node *x = g[i].o ? g[i].o : g[i].n, *root = x;
		if (!x)
			continue;
		while (root && root->parent)
			root = root->parent;
		if (root != (g[i].o ? o : n)) {
			mismatch(&c->rp, (o ? o : n)->num, x->kind == OT_NODE_CLAUSE ? x->id : "paragraph",
				 c->r->lines[g[i].line].src,
				 "belongs to another section in the old and the new text; strike and insert "
				 "whole section lines");
			return 0;
		}
	}
	if (!o) {
		/* a whole new section */
		if (ot_doc_section(c->in_force, n->num)) {
			mismatch(&c->rp, n->num, n->num, src,
				 "shown as inserted, but the section is in force");
			return 0;
		}
		{
			plan *pl = OT_ARRAY_PUSH(c->plans, c->nplans, c->plancap);
			pl->drop = NULL;
			pl->put = ot_node_clone(n);
		}
		return 0;
	}
	fsec = ot_doc_section(c->in_force, o->num);
	if (!fsec) {
		ot_buf q = OT_BUF_INIT;
		size_t k;
		ot_buf_puts(&q, "no such section in force");
		if (c->in_force->nsections) {
			ot_buf_puts(&q, "; in force: ");
			for (k = 0; k < c->in_force->nsections && k < 8; k++)
				ot_buf_printf(&q, "%s%s", k ? ", " : "", c->in_force->sections[k]->num);
			if (k < c->in_force->nsections)
				ot_buf_puts(&q, ", ...");
		}
		mismatch(&c->rp, o->num, o->num, src, "%s", q.ptr);
		ot_buf_release(&q);
		return 0;
	}
	if (!n) {
		repeal_section(c, g, ng, fsec);
		return 0;
	}
	if (strcmp(n->num, o->num) != 0 && ot_doc_section(c->in_force, n->num)) {
		mismatch(&c->rp, o->num, o->num, src, "renumbered as %s, which is in force already", n->num);
		return 0;
	}
	return amend_section(c, g, ng, fsec);
}

/* Pair the nodes of the two views by line and add the omission lines. */
static void build_entries(entry **out, size_t *nout, const reader *r, const view *ov, const view *nv)
{
	vnode *on, *nn;
	size_t no, nnn, io = 0, in = 0, cap = 0, line, i;
	collect(&on, &no, ov);
	collect(&nn, &nnn, nv);
	*out = NULL;
	*nout = 0;
	for (line = 0; line < r->n; line++) {
		if (r->lines[line].omission) {
			entry *e = OT_ARRAY_PUSH(*out, *nout, cap);
			memset(e, 0, sizeof(*e));
			e->line = line;
			e->gap = 1;
			e->f = -1;
			continue;
		}
		while ((io < no && on[io].line == line) || (in < nnn && nn[in].line == line)) {
			entry *e = OT_ARRAY_PUSH(*out, *nout, cap);
			memset(e, 0, sizeof(*e));
			e->line = line;
			e->f = -1;
			if (io < no && on[io].line == line)
				e->o = on[io++].node;
			if (in < nnn && nn[in].line == line)
				e->n = nn[in++].node;
			/* a section line pairs only with a section line */
			if (e->o && e->n &&
			    (e->o->kind == OT_NODE_SECTION) != (e->n->kind == OT_NODE_SECTION)) {
				entry *e2 = OT_ARRAY_PUSH(*out, *nout, cap);
				e = &(*out)[*nout - 2];
				memset(e2, 0, sizeof(*e2));
				e2->line = line;
				e2->f = -1;
				e2->n = e->n;
				e->n = NULL;
			}
		}
	}
	/* struck passages: from the line where an old node starts to the line
	 * before the next one; several nodes on one line: the last one */
	for (i = 0; i < *nout; i++) {
		entry *e = &(*out)[i];
		size_t k, next = r->n;
		if (!e->o)
			continue;
		for (k = i + 1; k < *nout; k++)
			if ((*out)[k].o) {
				next = (*out)[k].line;
				break;
			}
		e->sfrom = e->line;
		e->sto = next == e->line ? e->line : next;
	}
	free(on);
	free(nn);
}

static void apply_plans(ot_doc *res, plan *plans, size_t n)
{
	size_t i, k;
	for (i = 0; i < n; i++) {
		if (!plans[i].drop)
			continue;
		for (k = 0; k < res->nsections; k++)
			if (strcmp(res->sections[k]->num, plans[i].drop) == 0)
				break;
		if (k == res->nsections)
			continue;
		if (plans[i].put && strcmp(plans[i].put->num, plans[i].drop) == 0) {
			ot_node_free(res->sections[k]);
			res->sections[k] = plans[i].put;
			plans[i].put = NULL;
			continue;
		}
		ot_node_free(res->sections[k]);
		memmove(res->sections + k, res->sections + k + 1,
			(res->nsections - k - 1) * sizeof(*res->sections));
		res->nsections--;
	}
	for (i = 0; i < n; i++) {
		ot_node *s = plans[i].put;
		if (!s)
			continue;
		for (k = 0; k < res->nsections; k++)
			if (ot_num_compare(res->sections[k]->num, s->num) > 0)
				break;
		ot_doc_append(res, s); /* grows the array; then move into place */
		memmove(res->sections + k + 1, res->sections + k,
			(res->nsections - 1 - k) * sizeof(*res->sections));
		res->sections[k] = s;
		plans[i].put = NULL;
	}
}

/* Length of the clause marker "(x)" that starts s, or 0. */
static size_t lead_marker(const char *s)
{
	size_t i = 1;
	if (s[0] != '(')
		return 0;
	while (s[i] && s[i] != ')' && i <= 9 && (isalnum((unsigned char)s[i]) || s[i] == '-' || s[i] == '.'))
		i++;
	if (s[i] != ')' || i == 1)
		return 0;
	return i + 1;
}

/* Has the text of a line ended (as the parser judges: '.', ';', ':', an
 * em dash, or the word "and"/"or", closing quotes aside)? */
static int line_ended(const char *s)
{
	size_t n = strlen(s);
	for (;;) {
		while (n && s[n - 1] == ' ')
			n--;
		if (n && (s[n - 1] == '"' || s[n - 1] == '\''))
			n--;
		else if (n >= 3 && (memcmp(s + n - 3, "\xE2\x80\x9D", 3) == 0 ||
				    memcmp(s + n - 3, "\xE2\x80\x99", 3) == 0))
			n -= 3;
		else
			break;
	}
	if (!n)
		return 1;
	if (s[n - 1] == '.' || s[n - 1] == ';' || s[n - 1] == ':')
		return 1;
	if (n >= 3 && memcmp(s + n - 3, "\xE2\x80\x94", 3) == 0)
		return 1;
	return (n == 3 || (n > 3 && s[n - 4] == ' ')) && strncasecmp(s + n - 3, "and", 3) == 0
		   ? 1
		   : (n == 2 || (n > 2 && s[n - 3] == ' ')) && strncasecmp(s + n - 2, "or", 2) == 0;
}

/* Does in-force text f start like the rest of a shown line (up to an
 * omission mark, at most 40 bytes)? */
static int text_starts(const char *f, const char *rest)
{
	size_t n = strlen(rest), i, end;
	for (i = 0; i < n && i < 40; i++)
		if ((i == 0 || rest[i - 1] == ' ') && gap_at(rest, n, i, &end))
			break;
	while (i && rest[i - 1] == ' ')
		i--;
	return strncmp(f, rest, i) == 0;
}

/* Does in-force text f start with the whole rest of a shown line (up to an
 * omission mark)? */
static int line_starts(const char *f, const char *rest)
{
	size_t n = strlen(rest), i, end;
	for (i = 0; i < n; i++)
		if ((i == 0 || rest[i - 1] == ' ') && gap_at(rest, n, i, &end))
			break;
	while (i && rest[i - 1] == ' ')
		i--;
	return strncmp(f, rest, i) == 0;
}

/* Is fl[j] a clause with the marker that starts t (ml bytes) and a text
 * starting with the rest of the line? */
static int names_clause(const ot_node *x, const char *t, size_t ml)
{
	const char *rest = t + ml;
	while (*rest == ' ')
		rest++;
	return x->kind == OT_NODE_CLAUSE && strlen(x->num) == ml && strncmp(x->num, t, ml) == 0 &&
	       line_starts(x->text, rest);
}

/* A clause line shown right after an omission mark (or right after its
 * section line) names a clause of fl[from..] by marker and text; when two
 * or more fit, and the next shown clause line (if no omission mark lies
 * between) does not rule out all but one, the document does not say which
 * is meant: the error, listing the candidates.  Returns 0 or OT_EINVALID. */
static int check_clause_unique(const reader *r, const ot_node *const *fl, size_t nf, size_t from, size_t i,
			       size_t end)
{
	const char *t = r->lines[i].old.ptr, *t2 = NULL;
	size_t ml = lead_marker(t), ml2 = 0, j, k, ncand = 0, line;
	ot_buf q = OT_BUF_INIT;
	int err;
	/* the next shown line, when nothing is omitted before it */
	for (line = i + 1; line < end; line++) {
		const dline *l = &r->lines[line];
		if (l->skip || (!l->has_old && !l->has_new))
			continue;
		if (l->omission || !l->has_old)
			break;
		if ((ml2 = lead_marker(l->old.ptr)))
			t2 = l->old.ptr;
		break;
	}
	for (;;) {
		for (j = from; j < nf; j++) {
			int after = !t2;
			if (!names_clause(fl[j], t, ml))
				continue;
			for (k = j + 1; k < nf && !after; k++)
				after = names_clause(fl[k], t2, ml2);
			if (!after)
				continue;
			ot_buf_printf(&q, "%s%s", ncand ? ", " : "", fl[j]->id);
			ncand++;
		}
		if (ncand || !t2)
			break;
		t2 = NULL; /* the next line fits no candidate: it does not decide */
	}
	if (ncand < 2) {
		ot_buf_release(&q);
		return 0;
	}
	{
		ot_buf quote = OT_BUF_INIT;
		put_quoted(&quote, t, strlen(t), 0);
		err = ot_error_set(OT_EINVALID,
				   "%s:%u: clause %s, shown after omitted text, could be any of %zu clauses in "
				   "force: %s; show the clause it belongs to (or more of the clauses around it) so "
				   "that one is meant",
				   r->name, r->lines[i].src, quote.ptr, ncand, q.ptr);
		ot_buf_release(&quote);
	}
	ot_buf_release(&q);
	return err;
}

/* In-force context for the second pass (see the top comment): for every
 * shown clause line of a section in force, the in-force nodes between the
 * previous shown clause and the one it names (same marker, its text
 * preferred), so that the parser reads the shown clauses in their true
 * place.  A marker line counts when the first pass started a node on it
 * or the text above it has ended.  *out is sorted by line.  A clause line
 * after omitted text that could name two clauses is an error (see
 * check_clause_unique): returns 0 or OT_EINVALID, *out set in both cases. */
static int make_fill(fill **out, size_t *nout, const reader *r, const view *p1, const ot_doc *in_force)
{
	char *starts = ot_calloc(r->n + 1, 1);
	vnode *vn;
	size_t nvn, k, cap = 0;
	int err = 0;
	*out = NULL;
	*nout = 0;
	collect(&vn, &nvn, p1);
	for (k = 0; k < nvn; k++)
		starts[vn[k].line] = 1;
	for (k = 0; k < nvn && !err; k++) {
		const ot_node *sec = vn[k].node, *fsec;
		const ot_node **fl = NULL;
		size_t nf = 0, cursor = 0, i, j, m, end = r->n;
		int prev_ended = 1, after_gap = 1;
		if (sec->kind != OT_NODE_SECTION || !(fsec = ot_doc_section(in_force, sec->num)))
			continue;
		for (m = k + 1; m < nvn; m++)
			if (vn[m].node->kind == OT_NODE_SECTION) {
				end = vn[m].line;
				break;
			}
		flatten(fsec, &fl, &nf);
		for (i = vn[k].line + 1; i < end && !err; i++) {
			const dline *l = &r->lines[i];
			const char *t = l->old.ptr, *rest;
			size_t ml;
			long hit = -1, first = -1;
			if (l->omission)
				after_gap = 1;
			if (l->skip || l->omission || (!l->has_old && !l->has_new)) {
				prev_ended = 1;
				continue;
			}
			if (!l->has_old) {
				prev_ended = line_ended(l->new.ptr);
				continue;
			}
			ml = lead_marker(t);
			if (ml && (starts[i] || prev_ended)) {
				for (rest = t + ml; *rest == ' '; rest++)
					;
				for (j = cursor; j < nf; j++) {
					if (fl[j]->kind != OT_NODE_CLAUSE || strlen(fl[j]->num) != ml ||
					    strncmp(fl[j]->num, t, ml) != 0)
						continue;
					if (first < 0)
						first = (long)j;
					if (text_starts(fl[j]->text, rest)) {
						hit = (long)j;
						break;
					}
				}
				if (hit < 0)
					hit = first;
				if (hit >= 0 && after_gap)
					err = check_clause_unique(r, fl, nf, cursor, i, end);
				if (hit >= 0 && !err) {
					for (j = cursor; j < (size_t)hit; j++) {
						fill *f = OT_ARRAY_PUSH(*out, *nout, cap);
						f->line = i;
						f->node = fl[j];
					}
					cursor = (size_t)hit + 1;
				}
			}
			prev_ended = line_ended(t);
			after_gap = 0;
		}
		free(fl);
	}
	free(vn);
	free(starts);
	return err;
}

/* The round-trip law for the whole result: its canonical text must read
 * back as the same tree.  Sections in force already obey it; an inserted
 * section whose heading the plain-text form cannot hold (a lowercase
 * heading after the first section, say) would not, and is refused. */
static int check_round_trip(const ot_doc *res, const char *name)
{
	ot_buf canon = OT_BUF_INIT;
	ot_doc *again = NULL;
	size_t i;
	int err = 0;
	ot_doc_canonical(&canon, res);
	if (ot_doc_parse_text(&again, canon.ptr, canon.len, name) < 0) {
		char *why = ot_strdup(ot_error_last());
		err = ot_error_set(
		    OT_EINVALID,
		    "%s: the amended text does not read back as written (%s, in the canonical text); "
		    "a section heading should start with a capital letter and clause markers fit their lists",
		    name, why);
		free(why);
		goto done;
	}
	for (i = 0; i < res->nsections; i++)
		if (i >= again->nsections || !ot_node_equal(res->sections[i], again->sections[i]))
			break;
	if (i < res->nsections || again->nsections != res->nsections) {
		const char *num = res->sections[i < res->nsections ? i : res->nsections - 1]->num;
		err = ot_error_set(
		    OT_EINVALID,
		    "%s: the amended text does not read back as written near section %s; "
		    "a section heading should start with a capital letter and clause markers fit their lists",
		    name, num);
	}
done:
	ot_doc_free(again);
	ot_buf_release(&canon);
	return err;
}

int ot_redline_apply(ot_doc **out, const ot_doc *in_force, const char *data, size_t len, const char *name)
{
	reader r;
	view ov, nv, p1;
	ctx c;
	fill *fills = NULL;
	size_t nfills = 0;
	entry *ent = NULL;
	size_t nent = 0, i, start;
	ot_doc *res = NULL;
	int err = 0, kind;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	memset(&ov, 0, sizeof(ov));
	memset(&nv, 0, sizeof(nv));
	memset(&p1, 0, sizeof(p1));
	memset(&c, 0, sizeof(c));
	ot_buf_init(&r.cur.old);
	ot_buf_init(&r.cur.new);
	ot_buf_init(&r.strike);
	ot_buf_init(&ov.text);
	ot_buf_init(&nv.text);
	ot_buf_init(&p1.text);
	ot_buf_init(&c.rp.lines);
	r.name = name ? name : "<redline>";
	c.r = &r;
	c.in_force = in_force;
	c.rp.name = r.name;
	if (!data)
		data = "", len = 0;
	if (len > ot_input_cap()) {
		err = ot_error_set(OT_EINVALID,
				   "%s: %zu bytes, over the input limit of %zu bytes; raise "
				   "ORDTRACK_MAX_INPUT if it is genuine",
				   r.name, len, ot_input_cap());
		goto done;
	}

	kind = ot_markup_sniff(data, len);
	if (kind == 1) {
		/* XHTML reads as HTML; any other XML is not a redline */
		size_t n = len < 4096 ? len : 4096, j;
		int html = 0;
		for (j = 0; j + 5 <= n && !html; j++)
			html = strncasecmp(data + j, "<html", 5) == 0;
		/* a piece of a page ("<p>...") is HTML, as for ot_doc_import */
		if (!html)
			html = ot_markup_html_fragment(data, len);
		if (!html) {
			err = ot_error_set(
			    OT_EINVALID,
			    "%s: an XML document is not a redline; give HTML (struck <s>/<del>, inserted "
			    "<u>/<ins>) or text with [[struck]] and {{inserted}} markers",
			    r.name);
			goto done;
		}
		kind = 2;
	}
	err = kind == 2 ? read_html(&r, data, len) : read_text(&r, data, len);
	if (err < 0)
		goto done;
	classify_lines(&r);
	/* first pass: where the sections and clause lines are */
	build_view(&p1, &r, 1, 1, NULL, 0);
	if ((err = parse_view(&p1, &r, "the text as it stands, struck passages kept")) < 0)
		goto done;
	if ((err = make_fill(&fills, &nfills, &r, &p1, in_force)) < 0)
		goto done;
	build_view(&ov, &r, 1, 0, fills, nfills);
	build_view(&nv, &r, 0, 0, fills, nfills);
	if ((err = parse_view(&ov, &r, "the text as it stands, struck passages kept")) < 0 ||
	    (err = parse_view(&nv, &r, "the amended text, inserted passages kept")) < 0)
		goto done;
	if (!ov.doc->nsections && !nv.doc->nsections) {
		err = ot_error_set(OT_EINVALID,
				   "%s: no section found; a redline shows sections of the ordinance, each "
				   "starting with a line like '2-173-020 Heading.'",
				   r.name);
		goto done;
	}
	build_entries(&ent, &nent, &r, &ov, &nv);

	/* groups: from one section entry to the next */
	for (i = 0; i < nent && !(ent[i].o && ent[i].o->kind == OT_NODE_SECTION) &&
		    !(ent[i].n && ent[i].n->kind == OT_NODE_SECTION);
	     i++)
		;
	while (i < nent) {
		size_t k;
		start = i;
		for (i = start + 1; i < nent; i++)
			if ((ent[i].o && ent[i].o->kind == OT_NODE_SECTION) ||
			    (ent[i].n && ent[i].n->kind == OT_NODE_SECTION))
				break;
		for (k = 0; k < start; k++) {
			/* the same section shown twice */
			const ot_node *a = ent[k].o ? ent[k].o : ent[k].n,
				      *b = ent[start].o ? ent[start].o : ent[start].n;
			if (a && b && a->kind == OT_NODE_SECTION && strcmp(a->num, b->num) == 0) {
				err = ot_error_set(OT_EINVALID,
						   "%s:%u: section %s is shown twice; show it once", r.name,
						   r.lines[ent[start].line].src, b->num);
				goto done;
			}
		}
		if ((err = do_group(&c, ent + start, i - start)) < 0)
			goto done;
	}
	if (c.rp.n) {
		if (c.rp.chapter)
			err = ot_error_set(
			    OT_EINVALID, "%s: %zu passage%s not match the text in force of %s:%s", r.name,
			    c.rp.n, c.rp.n == 1 ? " does" : "s do", c.rp.chapter, c.rp.lines.ptr);
		else
			err = ot_error_set(OT_EINVALID, "%s: %zu passage%s not match the text in force:%s",
					   r.name, c.rp.n, c.rp.n == 1 ? " does" : "s do", c.rp.lines.ptr);
		goto done;
	}

	res = ot_doc_new();
	res->title = in_force->title ? ot_strdup(in_force->title) : NULL;
	for (i = 0; i < in_force->nsections; i++)
		ot_doc_append(res, ot_node_clone(in_force->sections[i]));
	for (i = 0; i < in_force->nnotes; i++)
		ot_doc_add_note(res, in_force->notes[i].section, in_force->notes[i].kind,
				in_force->notes[i].text);
	apply_plans(res, c.plans, c.nplans);
	for (i = 1; i < res->nsections; i++)
		if (strcmp(res->sections[i - 1]->num, res->sections[i]->num) == 0) {
			err = ot_error_set(OT_EINVALID, "%s: the amended text would hold section %s twice",
					   r.name, res->sections[i]->num);
			goto done;
		}
	if ((err = check_round_trip(res, r.name)) < 0)
		goto done;
	*out = res;
	res = NULL;

done:
	ot_doc_free(res);
	for (i = 0; i < c.nplans; i++)
		ot_node_free(c.plans[i].put);
	free(c.plans);
	free(c.rp.chapter);
	ot_buf_release(&c.rp.lines);
	free(ent);
	view_release(&ov);
	view_release(&nv);
	view_release(&p1);
	free(fills);
	reader_release(&r);
	return err;
}
