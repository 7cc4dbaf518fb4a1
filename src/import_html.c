/*
 * import_html.c - ot_doc_import_html: a published code page (HTML) into
 * the clause tree (see docs/input-formats.md, "HTML").
 *
 * The page is parsed only through ot_html_read (xmlsafe.c) and turned into
 * plain-text lines, one per block element (p, div, h1-h6, li, td, ...,
 * and a line break), its inline text joined and its white space
 * collapsed, a blank line between any two (every block is a paragraph of
 * its own, never a wrapped continuation).  Those lines are then read by
 * ot_doc_parse_text, so section lines, markers and the letter/roman
 * decision are exactly the plain-text parser's.  Before a line is
 * written, a block is looked at whole:
 *   - a history note "(Added Coun. J. ...)", "(Ord. No. 2019-14, ...)" or
 *     an "Editor's note— ..." / "Cross reference— ..." block, or a block
 *     whose class names a note, becomes a note of the importer's own
 *     (pnote), attached after the parse to the section it follows;
 *   - a bare section number ("§ 2-173-042") is held and joined with the
 *     heading block after it; a bare marker ("(a)" in a <p> of its own)
 *     with the text block after it;
 *   - an <ol> item gets the marker its list gives it (type, start, value;
 *     "(a)" when the page writes its own markers so, "a." as rendered
 *     otherwise), unless its text has one; a list that would repeat the
 *     numbering of the level it nests under is read one level below.
 *
 * Skipped elements (page furniture by name, class, id or role; hidden
 * elements) become one entry of doc->skipped each (pskip), with their
 * HTML line; head, script, style and template are markup (syntax).  The
 * first clause-like line of a skipped element also warns.
 *
 * Conservation, stage 1 (conserve.h): every text node that is not all
 * white space is a unit; its pieces wait in `pend` until the block they
 * belong to ends, and then go to the text (OT_CV_STRING, owner
 * &h.text.ptr), a note, a skipped entry or syntax; made-up markers are
 * declared with ot_conserve_synth.  The check runs on a view of the
 * finished document that holds only the importer's notes and skipped
 * entries (the text parser checked its own fields, stage 2); afterwards
 * the notes and skipped entries of both stages are put in page order.
 *
 * Every text line remembers the HTML line it came from (map): node,
 * note and skip lines and the parser's error messages are translated
 * back to HTML lines (libxml2 gives a text node the line where it ends:
 * text_line counts back).
 *
 * Ownership: the returned ot_doc belongs to the caller; the libxml2 tree,
 * the line table, the pending pieces, notes, skips and buffers are freed
 * before return.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "conserve.h"
#include "import_html.h"
#include "internal.h"
#include "ordtrack/common.h"
#include "ordtrack/import.h"
#include "xmlsafe.h"

/* A piece of a text node whose destination is decided when its block
 * ends (P_BLOCK: the text handed to the text parser, or a note), or a
 * piece of skipped text (P_SKIP: entry `index` of the skipped list), or
 * markup that is not text of the page (P_SYNTAX: a script, a style sheet).
 * Recorded with the conservation check in the order they were read. */
enum { P_BLOCK, P_SKIP, P_SYNTAX, P_SYNTH };
typedef struct ppiece {
	size_t unit;
	const char *s;
	size_t n;
	int dest;
	size_t index;
} ppiece;

typedef struct pnote {
	size_t at; /* number of text lines written before it */
	const char *kind;
	char *text;
	unsigned line; /* HTML line */
} pnote;

/* A skipped element with text: an entry of doc->skipped to be. */
typedef struct pskip {
	unsigned line;
	const char *kind;
	char *text;
} pskip;

typedef struct lframe {
	xmlNode *el;
	int block;
	int skip;
	int note;	/* this element is a note: its text goes to note */
	int list;	/* ol: the style of its markers ('1', 'a', 'A', 'i', 'I'); ul: '-' */
	int style;	/* li: the style of its marker, -1 none, 0 not yet known */
	int space_after; /* inline: a number ends here (class "number") */
	int paren;	/* ol: its markers are "(a)", not "a." as rendered */
	long counter;	/* ol: the number of the next li */
} lframe;

typedef struct hconv {
	const char *name;
	ot_import_report *rep;
	ot_conserve *cv; /* stage 1: text nodes -> text, notes, skipped */
	unsigned nskipwarn; /* warnings about skipped clause-like text */
	ot_buf text;	/* the plain text being built */
	unsigned *map;	/* text line (1-based) -> HTML line */
	size_t nmap, mapcap;
	ot_buf block;	/* the block being gathered, raw */
	unsigned block_line;
	ppiece *pend;	/* pieces read since the last block ended */
	size_t npend, pendcap;
	char prefix[24]; /* marker for the next block (an ol item) */
	int prefix_style;
	int last_style;	 /* style of the last marker line of this section */
	int paren;	 /* this section's markers on the page are "(a)", not "a." */
	int page_paren;	 /* the page writes markers "(a)" somewhere */
	int held_marker; /* held is a marker alone ("(a)" in a <p> of its own) */
	ot_buf held;	 /* a bare section number waiting for its heading */
	unsigned held_line;
	int held_heading; /* it came in a heading element or class */
	int pre;	 /* inside <pre> */
	lframe *st;
	size_t nst, stcap;
	long note_frame; /* index of the open note frame, -1 if none */
	const char *note_kind;
	unsigned note_line;
	ot_buf note;
	pnote *notes;
	size_t nnotes, notecap;
	pskip *skips;
	size_t nskips, skipcap;
	ot_buf scratch, scratch2;
} hconv;

_Thread_local ot_test_plant ot_test_html_plant;

/* The planted loss of tests/unit/test_import_html.c: 1 for the text node
 * chosen. */
static int plant_fires(void)
{
	return ot_test_html_plant.at > 0 && --ot_test_html_plant.at == 0;
}

static const char *const skip_names[] = {"aside",    "button", "canvas", "datalist", "dialog", "embed",
					 "footer",   "head",   "header", "iframe",   "input",  "label",
					 "menu",     "meter",  "nav",    "noscript", "object", "output",
					 "progress", "script", "select", "style",    "svg",    "template",
					 "textarea", "title"};

/* Skipped elements whose text is never law text, not even hidden: their
 * text is not looked at for clause-like lines. */
static const char *const mute_names[] = {"button", "canvas",   "datalist", "embed",  "head",
					 "iframe", "input",    "label",    "meter",  "noscript",
					 "object", "output",   "progress", "script", "select",
					 "style",  "svg",      "template", "textarea", "title"};

#define MAX_SKIP_WARN 20 /* skipped elements warned about one by one */
#define MAX_SKIP_SHOW 70 /* bytes of a skipped line a warning shows */

static const char *const block_names[] = {
	"address", "article", "blockquote", "body", "caption", "center", "dd", "details", "div", "dl",
	"dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "html",
	"legend", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
	"th", "thead", "tr", "ul"};

static unsigned line_of(const xmlNode *n);

/* The line of byte `at` of text node t's content s[0..n).  libxml2's
 * HTML parser gives a text node the line where it ends: count back. */
static unsigned text_line(const xmlNode *t, const char *s, size_t n, size_t at)
{
	unsigned line = line_of(t);
	size_t i;
	for (i = at; i < n; i++)
		if (s[i] == '\n' && line > 1)
			line--;
	return line;
}

/* Is name (any case) in list (sorted, lowercase)?  A binary search: it
 * runs several times for every element of a page. */
static int name_in(const char *name, const char *const *list, size_t n)
{
	char low[16];
	size_t i, lo = 0, hi = n;
	for (i = 0; name[i]; i++) {
		if (i + 1 >= sizeof(low))
			return 0; /* longer than any name in the lists */
		low[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] - 'A' + 'a' : name[i]);
	}
	low[i] = '\0';
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(low, list[mid]);
		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

static unsigned line_of(const xmlNode *n)
{
	long l = xmlGetLineNo(n);
	return l > 0 ? (unsigned)l : 0;
}

static const char *attr_peek(const xmlNode *el, const char *attr);
static int has_ci(const char *v, const char *needle);

/* Is attribute attr of el present (any value, even none)? */
static int attr_present(const xmlNode *el, const char *attr)
{
	const xmlAttr *a;
	for (a = el->properties; a; a = a->next)
		if (a->name && strcasecmp((const char *)a->name, attr) == 0)
			return 1;
	return 0;
}

static int hidden(const xmlNode *el)
{
	const char *v;
	if (attr_present(el, "hidden"))
		return 1;
	if ((v = attr_peek(el, "aria-hidden")) && strcasecmp(v, "true") == 0)
		return 1;
	if ((v = attr_peek(el, "style"))) {
		/* "display:none" with any spacing */
		char buf[256];
		size_t i, k = 0;
		for (i = 0; v[i] && k + 1 < sizeof(buf); i++)
			if (v[i] != ' ' && v[i] != '\t')
				buf[k++] = v[i];
		buf[k] = '\0';
		return has_ci(buf, "display:none");
	}
	return 0;
}

/* The note kind a block's class names, or NULL. */
static const char *note_class(const xmlNode *el)
{
	const char *v = attr_peek(el, "class");
	if (!v)
		return NULL;
	if (has_ci(v, "histor"))
		return "history";
	if (has_ci(v, "annotation") || has_ci(v, "editor"))
		return "editorial";
	return NULL;
}

/* Does s start with a marker "(x)" (1-8 letters or digits, an optional
 * "-N"/".N") followed by the end or a space? */
static int starts_with_marker(const char *s)
{
	size_t i = 1;
	if (s[0] != '(')
		return 0;
	while (i <= 9 && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
		i++;
	if (i == 1 || i > 9)
		return 0;
	if ((s[i] == '-' || s[i] == '.') && s[i + 1] >= '0' && s[i + 1] <= '9')
		for (i++; s[i] >= '0' && s[i] <= '9'; i++)
			;
	return s[i] == ')' && (s[i + 1] == ' ' || s[i + 1] == '\0');
}

/* Does s (normalised) read like a section line: "Sec."/"Section"/"§"
 * before a number, or a number of digit groups joined by '-' or '.'
 * ("2-173-020", "12.5") followed by a space and a word? */
static int looks_like_section_line(const char *s)
{
	static const char *const pfx[] = {"\xC2\xA7", "sections ", "section ", "secs.", "sec. ", "sec."};
	size_t i, groups = 0;
	int prefixed = 0;
	for (i = 0; i < OT_ARRAY_LEN(pfx); i++)
		if (strncasecmp(s, pfx[i], strlen(pfx[i])) == 0) {
			s += strlen(pfx[i]);
			prefixed = 1;
			break;
		}
	while (*s == ' ')
		s++;
	if (!(*s >= '0' && *s <= '9'))
		return 0;
	for (;;) {
		while (*s >= '0' && *s <= '9')
			s++;
		while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))
			s++; /* 12A */
		groups++;
		if ((*s == '-' || *s == '.') && s[1] >= '0' && s[1] <= '9') {
			s++;
			continue;
		}
		break;
	}
	if (prefixed)
		return *s == '\0' || *s == ' ' || *s == '.' || *s == ':';
	if (*s == '.')
		s++;
	return groups > 1 && *s == ' ' &&
	       ((s[1] >= 'A' && s[1] <= 'Z') || (s[1] >= 'a' && s[1] <= 'z'));
}

/* One line of skipped text (raw, in line; line_no its HTML line): warn if
 * it reads like a clause or a section line.  Returns 1 if it warned. */
static int check_skipped_line(hconv *h, ot_buf *line, unsigned line_no, const char *what)
{
	ot_buf *t = &h->scratch;
	const char *kind;
	ot_import_collapse(t, line->ptr, line->len);
	ot_buf_clear(line);
	if (!t->len)
		return 0;
	if (starts_with_marker(t->ptr))
		kind = "a clause";
	else if (looks_like_section_line(t->ptr))
		kind = "a section line";
	else
		return 0;
	if (++h->nskipwarn <= MAX_SKIP_WARN) {
		size_t n = t->len;
		if (n > MAX_SKIP_SHOW) { /* cut at a character boundary */
			n = MAX_SKIP_SHOW;
			while (n && ((unsigned char)t->ptr[n] & 0xC0) == 0x80)
				n--;
		}
		ot_import_report_warn(h->rep, "%s:%u: text in %s was skipped, but it reads like %s: %.*s%s", h->name,
				      line_no, what, kind, (int)n, t->ptr, n < t->len ? "..." : "");
	}
	return 1;
}

/* A skipped element el: read its text line by line (one line per block
 * element or line break, as the page is read) without recursion, and
 * warn about the first line that reads like a clause or a section line.
 * Mute elements inside it are not read. */
static void scan_skipped(hconv *h, xmlNode *el, const char *label)
{
	ot_buf line = OT_BUF_INIT, what = OT_BUF_INIT;
	xmlNode *n = el;
	unsigned line_no = 0;
	int hit = 0;
	ot_buf_printf(&what, "<%s>%s", (const char *)el->name, label);
	while (n && !hit) {
		int into = 0;
		if (n->type == XML_ELEMENT_NODE) {
			const char *nm = (const char *)n->name;
			if (n == el || !name_in(nm, mute_names, OT_ARRAY_LEN(mute_names))) {
				if (n != el && (strcasecmp(nm, "br") == 0 ||
						name_in(nm, block_names, OT_ARRAY_LEN(block_names)))) {
					hit = check_skipped_line(h, &line, line_no, what.ptr);
					line_no = 0;
				}
				into = n->children != NULL;
			}
		} else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
			size_t len = strlen((const char *)n->content);
			if (!line_no) {
				size_t i = 0, w;
				while (i < len && (w = ot_import_wsp((const char *)n->content + i, len - i)))
					i += w;
				if (i < len)
					line_no = text_line(n, (const char *)n->content, len, i);
			}
			ot_buf_put(&line, (const char *)n->content, len);
		}
		if (into) {
			n = n->children;
			continue;
		}
		/* next in document order, leaving blocks (a line ends) */
		while (n != el && !n->next) {
			n = n->parent;
			if (n != el && n->type == XML_ELEMENT_NODE &&
			    name_in((const char *)n->name, block_names, OT_ARRAY_LEN(block_names)) && !hit) {
				hit = check_skipped_line(h, &line, line_no, what.ptr);
				line_no = 0;
			}
		}
		if (n == el)
			break;
		if (n->type == XML_ELEMENT_NODE &&
		    name_in((const char *)n->name, block_names, OT_ARRAY_LEN(block_names)) && !hit) {
			hit = check_skipped_line(h, &line, line_no, what.ptr);
			line_no = 0;
		}
		n = n->next;
	}
	if (!hit)
		check_skipped_line(h, &line, line_no, what.ptr);
	ot_buf_release(&line);
	ot_buf_release(&what);
}

static void map_line(hconv *h, unsigned html_line)
{
	if (!h->nmap)
		*OT_ARRAY_PUSH(h->map, h->nmap, h->mapcap) = 0; /* line 0 */
	*OT_ARRAY_PUSH(h->map, h->nmap, h->mapcap) = html_line;
}

/* ---- where the pieces of text nodes go ------------------------------- */

static void pend_add(hconv *h, size_t u, const char *s, size_t n, int dest, size_t index)
{
	ppiece *p;
	if (!n || !h->cv)
		return;
	p = OT_ARRAY_PUSH(h->pend, h->npend, h->pendcap);
	p->unit = u;
	p->s = s;
	p->n = n;
	p->dest = dest;
	p->index = index;
}

/* Record the pending pieces: those of the block to (field, index) (the
 * text: OT_CV_STRING, or a note: OT_CV_NOTE), skipped ones to their
 * entry.  In the order they were read. */
static void pend_emit(hconv *h, int field, size_t index)
{
	size_t i;
	for (i = 0; i < h->npend; i++) {
		const ppiece *p = &h->pend[i];
		if (p->dest == P_SYNTAX)
			ot_conserve_put(h->cv, p->unit, p->s, p->n, OT_CV_SYNTAX, NULL, 0);
		else if (p->dest == P_SYNTH) /* made up: the bar between cells */
			ot_conserve_synth(h->cv, p->s, p->n, field, field == OT_CV_STRING ? (const void *)&h->text.ptr : NULL,
					  field == OT_CV_STRING ? 0 : index);
		else if (p->dest == P_SKIP)
			ot_conserve_put(h->cv, p->unit, p->s, p->n, OT_CV_SKIP, NULL, p->index);
		else if (field == OT_CV_STRING)
			ot_conserve_put(h->cv, p->unit, p->s, p->n, OT_CV_STRING, &h->text.ptr, 0);
		else
			ot_conserve_put(h->cv, p->unit, p->s, p->n, field, NULL, index);
	}
	h->npend = 0;
}

/* ---- marker styles of lists ------------------------------------------ */

/* The style of the marker that starts s ("(12)" '1', "(b)" 'a', "(B)"
 * 'A', "(iv)" 'i', "(IV)" 'I'), given the style of the marker line
 * before it (a lone "(i)" after "(A)" is roman, as the text parser reads
 * it); 0 if s does not start with a marker. */
static int marker_style(const char *s, int ctx)
{
	size_t i, n;
	int lower = 1, upper = 1, roman_l = 1, roman_u = 1;
	if (!starts_with_marker(s))
		return 0;
	if (s[1] >= '0' && s[1] <= '9')
		return '1';
	for (n = 1; s[n] != ')' && s[n] != '-' && s[n] != '.'; n++)
		;
	n--;
	for (i = 1; i <= n; i++) {
		char c = s[i];
		lower &= c >= 'a' && c <= 'z';
		upper &= c >= 'A' && c <= 'Z';
		roman_l &= c == 'i' || c == 'v' || c == 'x';
		roman_u &= c == 'I' || c == 'V' || c == 'X';
	}
	if (lower)
		return roman_l && (n > 1 || ctx == 'A' || ctx == 'i') ? 'i' : 'a';
	if (upper)
		return roman_u && (n > 1 || ctx == 'I') ? 'I' : 'A';
	return '1';
}

/* The style of the level below one of style s, as codes nest them:
 * (a) (1) (A) (i) (I). */
static int style_below(int s)
{
	switch (s) {
	case 'a':
		return '1';
	case '1':
		return 'A';
	case 'A':
		return 'i';
	case 'i':
		return 'I';
	case 'I':
		return 'a';
	default:
		return '1';
	}
}

/* The innermost li frame that the next text belongs to (no list frame
 * between), or NULL. */
/* The row (<tr>) the element being entered is a cell of, or NULL. */
static lframe *current_row(hconv *h)
{
	size_t k;
	for (k = h->nst; k > 1; k--) {
		lframe *f = &h->st[k - 2];
		const char *nm = f->el && f->el->name ? (const char *)f->el->name : "";
		if (strcasecmp(nm, "tr") == 0)
			return f;
		if (strcasecmp(nm, "table") == 0 || f->list)
			return NULL;
	}
	return NULL;
}

static lframe *current_item(hconv *h)
{
	size_t k;
	for (k = h->nst; k > 0; k--) {
		lframe *f = &h->st[k - 1];
		if (f->list)
			return NULL;
		if (f->el && f->el->name && strcasecmp((const char *)f->el->name, "li") == 0)
			return f;
	}
	return NULL;
}

/* ---- what a block is ----------------------------------------------- */

/* ASCII case-insensitive prefix: the length of w if s starts with it. */
static size_t ci_word(const char *s, const char *w)
{
	size_t n = strlen(w);
	return strncasecmp(s, w, n) == 0 ? n : 0;
}

/* Is the whole block s (normalised, n bytes) a history or source note as
 * American Legal Publishing and Municode print them ("(Added Coun. J.
 * 3-29-06, p. 72774, § 1; Amend ...)", "(Ord. No. 2019-14, § 1,
 * 3-4-2019)")?  The text parser's test (ot_text_history_note), and the
 * block must close its parenthesis at its end: a block does not wrap.
 * The kind or NULL. */
static const char *history_block(const char *s, size_t n)
{
	size_t end = n;
	if (end && s[end - 1] == '.')
		end--;
	if (!end || s[end - 1] != ')')
		return NULL;
	return ot_text_history_note(s, n);
}

/* Does the block s start an editor's note or a reference note
 * ("Editor's note— ...", "Cross reference— ...", "* Editor's note – ...")?
 * The text parser's test (ot_text_editorial_note).  The kind or NULL. */
static const char *editorial_block(const char *s)
{
	return ot_text_editorial_note(s, strlen(s));
}

/* Is s (normalised) a section number and nothing else: "§ 2-173-042",
 * "Sec. 2-173-042.", "2-173-042"? */
static int bare_section_number(const char *s)
{
	static const char *const pfx[] = {"\xC2\xA7 ", "\xC2\xA7", "section ", "sec. ", "sec."};
	size_t i, groups = 0;
	for (i = 0; i < OT_ARRAY_LEN(pfx); i++)
		if (ci_word(s, pfx[i])) {
			s += strlen(pfx[i]);
			groups = 1; /* a prefix makes one group enough */
			break;
		}
	if (!(*s >= '0' && *s <= '9'))
		return 0;
	for (;;) {
		while (*s >= '0' && *s <= '9')
			s++;
		while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))
			s++;
		groups++;
		if ((*s == '-' || *s == '.') && s[1] >= '0' && s[1] <= '9') {
			s++;
			continue;
		}
		break;
	}
	if (*s == '.')
		s++;
	return *s == '\0' && groups > 1;
}

/* The value of attribute `attr` of el, or NULL, without copying (the
 * common case: one text child).  Elements without attributes are most of
 * a page, and they cost one test. */
static const char *attr_peek(const xmlNode *el, const char *attr)
{
	const xmlAttr *a;
	for (a = el->properties; a; a = a->next)
		if (a->name && strcasecmp((const char *)a->name, attr) == 0)
			return a->children && a->children->type == XML_TEXT_NODE && !a->children->next
				   ? (const char *)a->children->content
				   : NULL;
	return NULL;
}

/* Does v contain needle (lowercase ASCII) in any case? */
static int has_ci(const char *v, const char *needle)
{
	size_t n = strlen(needle);
	for (; v && *v; v++)
		if ((*v | 0x20) == needle[0] && strncasecmp(v, needle, n) == 0)
			return 1;
	return 0;
}

/* Is el page furniture by its class, id or role: breadcrumbs, toolbars,
 * navigation bars, skip links ("skip", "skip-link")?  The kind of skipped entry, or NULL. */
static const char *furniture(const xmlNode *el)
{
	const char *v;
	int pass;
	if (!el->properties)
		return NULL;
	if ((v = attr_peek(el, "role"))) {
		if (strcasecmp(v, "navigation") == 0 || strcasecmp(v, "toolbar") == 0 || strcasecmp(v, "search") == 0 ||
		    strcasecmp(v, "menu") == 0 || strcasecmp(v, "menubar") == 0)
			return "navigation";
		if (strcasecmp(v, "banner") == 0 || strcasecmp(v, "contentinfo") == 0)
			return "navigation";
	}
	for (pass = 0; pass < 2; pass++) {
		v = attr_peek(el, pass ? "id" : "class");
		if (!v)
			continue;
		if (has_ci(v, "breadcrumb") || has_ci(v, "toolbar") || has_ci(v, "skip-link") ||
		    has_ci(v, "skiplink") || has_ci(v, "navigation"))
			return "navigation";
		/* a class or id word that starts or ends with "nav" or
		 * "footer" ("navbar", "site-footer"), or starts with "skip" */
		{
			const char *w = v;
			while (*w) {
				const char *e;
				while (*w == ' ' || *w == '\t')
					w++;
				for (e = w; *e && *e != ' ' && *e != '\t'; e++)
					;
				if ((e - w >= 3 && (strncasecmp(w, "nav", 3) == 0 || strncasecmp(e - 3, "nav", 3) == 0)) ||
				    (e - w >= 6 && (strncasecmp(w, "footer", 6) == 0 || strncasecmp(e - 6, "footer", 6) == 0)) ||
				    (e - w >= 4 && strncasecmp(w, "skip", 4) == 0))
					return "navigation";
				w = e;
			}
		}
	}
	return NULL;
}

/* The kind of skipped entry for a skipped element by its name. */
/* NULL: its text is markup, not text of the page (a script, a style
 * sheet, the head with the window's title): consumed as syntax. */
static const char *skip_kind(const char *name)
{
	static const char *const syntax[] = {"head", "script", "style", "template", "title"};
	static const char *const markup[] = {"canvas", "embed", "iframe", "noscript", "object", "svg"};
	if (name_in(name, syntax, OT_ARRAY_LEN(syntax)))
		return NULL;
	if (name_in(name, markup, OT_ARRAY_LEN(markup)))
		return "markup"; /* fallback text a browser may show */
	return "navigation"; /* header, footer, nav, menu, aside, dialog, forms */
}

/* Does el (a block) carry a heading: h1-h6, or a class that says so? */
static int heading_el(const xmlNode *el, int number)
{
	const char *v;
	const char *nm = el ? (const char *)el->name : NULL;
	if (!nm)
		return 0;
	if ((nm[0] == 'h' || nm[0] == 'H') && nm[1] >= '1' && nm[1] <= '6' && !nm[2])
		return 1;
	v = attr_peek(el, "class");
	return v && (has_ci(v, "head") || has_ci(v, "title") || has_ci(v, "catch") ||
		     (number && (has_ci(v, "num") || has_ci(v, "sec"))));
}

/* Is s a marker and nothing else: "(a)" in a <p> of its own, its text
 * in the next (Municode's incr0/content1)? */
static int bare_marker(const char *s)
{
	size_t n = strlen(s), i;
	if (n >= 3 && n <= 12 && s[n - 1] == ')' && starts_with_marker(s))
		return 1;
	/* Municode's outline style: "1." or "a." alone */
	for (i = 0; i < n && i < 4 && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
				       (s[i] >= '0' && s[i] <= '9'));
	     i++)
		;
	return i > 0 && i + 1 == n && s[i] == '.';
}

/* Does an item's text carry its marker already: "(a) ..." or, as a
 * browser would render the number, "a. ..." / "1. ..."? */
static int item_has_marker(const char *s)
{
	size_t i = 0;
	if (starts_with_marker(s))
		return 1;
	while (i < 4 && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
		i++;
	return i > 0 && i < 4 && s[i] == '.' && s[i + 1] == ' ';
}

/* Does the page write clause markers in parentheses at the start of a
 * block or inline element ("<p>(b) ...", "<p class=incr0>(a)</p>")?  Then
 * the markers the importer gives list items are "(a)" too, so that they
 * read as one series with the page's own; else "a." as a browser renders
 * them.  A scan of the raw bytes: '(' after '>' and blanks, 1-4 letters or
 * digits, ')'. */
static int page_writes_paren(const char *data, size_t len)
{
	const char *p = data, *end = data + len;
	while ((p = memchr(p, '(', (size_t)(end - p))) != NULL) {
		const char *b = p - 1, *q = p + 1;
		while (b >= data && (*b == ' ' || *b == '\n' || *b == '\r' || *b == '\t'))
			b--;
		if (b >= data && *b == '>') {
			while (q < end && q - p <= 4 &&
			       ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9')))
				q++;
			if (q > p + 1 && q < end && *q == ')')
				return 1;
		}
		p++;
	}
	return 0;
}

/* ---- lines of text --------------------------------------------------- */

/* One line of text (normalised): after a blank line unless it starts
 * with a marker, so that it is a paragraph of its own, never a wrapped
 * continuation.  style: of its marker when the importer made it, else 0. */
static void put_line(hconv *h, const char *s, size_t n, unsigned line, int style)
{
	lframe *li;
	int made = style;
	if (!style)
		style = marker_style(s, h->last_style);
	if (h->text.len) {
		ot_buf_putc(&h->text, '\n');
		map_line(h, line);
	}
	ot_buf_put(&h->text, s, n);
	ot_buf_putc(&h->text, '\n');
	map_line(h, line);
	if (style) {
		h->last_style = style;
		if (s[0] == '(' && made == 0)
			h->paren = 1; /* the page writes its markers "(a)" */
	} else if (looks_like_section_line(s) || bare_section_number(s)) {
		h->last_style = 0; /* a new section: lists start afresh */
		h->paren = 0;
	}
	if ((li = current_item(h)) && !li->style)
		li->style = style ? style : -1;
}

/* The bare section number held for its heading, as a line of its own. */
static void release_held(hconv *h)
{
	if (!h->held.len)
		return;
	put_line(h, h->held.ptr, h->held.len, h->held_line, 0);
	ot_buf_clear(&h->held);
}

/* A note found by the importer (text normalised, copied). */
static size_t add_note(hconv *h, const char *kind, const char *s, size_t n, unsigned line)
{
	pnote *nt;
	release_held(h);
	nt = OT_ARRAY_PUSH(h->notes, h->nnotes, h->notecap);
	nt->at = h->nmap ? h->nmap - 1 : 0;
	nt->kind = kind;
	nt->text = ot_strndup(s, n);
	nt->line = line;
	return h->nnotes - 1;
}

/* End the block being gathered (el: the block element it belongs to, or
 * NULL): one text line, a note, or (a bare section number) held to be
 * joined with the heading that follows it. */
static void flush_block(hconv *h, const xmlNode *el)
{
	ot_buf *t = &h->scratch;
	const char *kind;
	unsigned line = h->block_line;
	ot_import_collapse(t, h->block.ptr, h->block.len);
	ot_buf_clear(&h->block);
	h->block_line = 0;
	if (!t->len) {
		pend_emit(h, OT_CV_STRING, 0); /* blank, or skipped */
		return;
	}
	if (!h->prefix[0] && ((kind = history_block(t->ptr, t->len)) || (kind = editorial_block(t->ptr)))) {
		pend_emit(h, OT_CV_NOTE, add_note(h, kind, t->ptr, t->len, line));
		return;
	}
	if (h->prefix[0] && !item_has_marker(t->ptr)) {
		ot_buf *l = &h->scratch2;
		ot_buf_clear(l);
		ot_buf_printf(l, "%s %s", h->prefix, t->ptr);
		ot_conserve_synth(h->cv, h->prefix, strlen(h->prefix), OT_CV_STRING, &h->text.ptr, 0);
		h->prefix[0] = '\0';
		pend_emit(h, OT_CV_STRING, 0);
		release_held(h);
		put_line(h, l->ptr, l->len, line, h->prefix_style);
		return;
	}
	h->prefix[0] = '\0';
	pend_emit(h, OT_CV_STRING, 0);
	if (h->held.len) {
		/* "§ 2-173-042" then "Prohibition ...": one section line,
		 * when either block is marked as a heading; "(a)" then "No
		 * person ...": one clause */
		if (!starts_with_marker(t->ptr) && !looks_like_section_line(t->ptr) &&
		    !bare_section_number(t->ptr) &&
		    (h->held_marker || h->held_heading || heading_el(el, 0))) {
			ot_buf_putc(&h->held, ' ');
			ot_buf_put(&h->held, t->ptr, t->len);
			put_line(h, h->held.ptr, h->held.len, h->held_line, 0);
			ot_buf_clear(&h->held);
			return;
		}
		release_held(h);
	}
	if (bare_section_number(t->ptr) || bare_marker(t->ptr)) {
		ot_buf_put(&h->held, t->ptr, t->len);
		h->held_line = line;
		h->held_marker = bare_marker(t->ptr);
		h->held_heading = heading_el(el, 1);
		return;
	}
	put_line(h, t->ptr, t->len, line, 0);
}

/* The block element the text being gathered belongs to: the innermost
 * block frame, not counting the top `skip` frames. */
static const xmlNode *block_el(const hconv *h, size_t skip)
{
	size_t k;
	for (k = h->nst > skip ? h->nst - skip : 0; k > 0; k--)
		if (h->st[k - 1].block)
			return h->st[k - 1].el;
	return NULL;
}

/* The marker of item number v in a list of type t ('1', 'a', 'A', 'i',
 * 'I'), into out: "(b)" when paren, else "b." as a browser renders it. */
static void list_marker(char *out, size_t outsz, int t, long v, int paren)
{
	static const struct {
		int v;
		const char *r;
	} tab[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
		   {40, "xl"},	{10, "x"},   {9, "ix"},	 {5, "v"},    {4, "iv"},  {1, "i"}};
	char body[20];
	size_t k, n = 0;
	if (v < 1 || v > 999)
		v = 1;
	if (t == 'a' || t == 'A') {
		/* a..z, then aa..zz as councils write them */
		long rep = (v - 1) / 26 + 1, i;
		for (i = 0; i < rep && i < 4; i++)
			body[n++] = (char)((t == 'a' ? 'a' : 'A') + (v - 1) % 26);
	} else if (t == 'i' || t == 'I') {
		long r = v;
		for (k = 0; k < sizeof(tab) / sizeof(tab[0]); k++)
			while (r >= tab[k].v && n + 3 < sizeof(body)) {
				size_t j;
				for (j = 0; tab[k].r[j]; j++)
					body[n++] = (char)(t == 'I' ? tab[k].r[j] - 'a' + 'A' : tab[k].r[j]);
				r -= tab[k].v;
			}
	} else {
		n = (size_t)snprintf(body, sizeof(body), "%ld", v);
	}
	body[n] = '\0';
	snprintf(out, outsz, paren ? "(%s)" : "%s.", body);
}

/* A text node of the page: a unit of the conservation record; its text
 * joins the block (or the open note), a piece pending until the block
 * ends. */
static void on_text(hconv *h, const xmlNode *t)
{
	const char *s = (const char *)t->content;
	ot_buf *dst;
	size_t n, i, u, from;
	if (!s)
		return;
	n = strlen(s);
	dst = h->note_frame >= 0 ? &h->note : &h->block;
	for (i = 0; i < n && ot_import_wsp(s + i, n - i); i++)
		;
	if (i == n) { /* white space between tags: nothing to account for */
		if (!h->pre || dst != &h->block)
			ot_buf_put(dst, s, n);
		else if (dst == &h->block)
			for (i = 0; i < n; i++)
				if (s[i] == '\n')
					flush_block(h, block_el(h, 0));
		return;
	}
	u = ot_conserve_unit(h->cv, s, n, text_line(t, s, n, 0));
	if (plant_fires()) { /* tests only: this node is lost */
		if (ot_test_html_plant.kind == 1)
			pend_add(h, u, s, n, P_BLOCK, 0);
		return;
	}
	{
		if (dst == &h->block && !h->block_line)
			h->block_line = text_line(t, s, n, i);
		if (dst == &h->note && !h->note_line)
			h->note_line = text_line(t, s, n, i);
	}
	if (!h->pre || dst != &h->block) {
		ot_buf_put(dst, s, n);
		pend_add(h, u, s, n, P_BLOCK, 0);
		return;
	}
	/* preformatted: every line of it is a line of text */
	for (i = from = 0; i < n; i++) {
		if (s[i] == '\n') {
			pend_add(h, u, s + from, i - from, P_BLOCK, 0);
			flush_block(h, block_el(h, 0));
			from = i + 1;
			h->block_line = text_line(t, s, n, from);
		} else {
			ot_buf_putc(&h->block, s[i]);
		}
	}
	pend_add(h, u, s + from, n - from, P_BLOCK, 0);
}

/* A skipped element el with all it holds: one entry of skipped material
 * (kind), its text nodes (each a unit) joined, a space at each element
 * boundary (a toolbar's "Print" and "Compare to:" are two words).  Without recursion.  No entry when it holds no text; none
 * either when kind is NULL (markup: its text is syntax). */
static void collect_skipped(hconv *h, xmlNode *el, const char *kind)
{
	ot_buf *b = &h->scratch2, *t = &h->scratch;
	xmlNode *n = el;
	size_t first = h->npend, i;
	unsigned line = 0;
	int planted = 0;
	ot_buf_clear(b);
	while (n) {
		if (n->type == XML_ELEMENT_NODE) {
			if (n != el)
				ot_buf_putc(b, ' ');
		} else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
			const char *s = (const char *)n->content;
			size_t len = strlen(s), u = ot_conserve_unit(h->cv, s, len, text_line(n, s, len, 0));
			if (plant_fires()) {
				planted = 1;
				if (ot_test_html_plant.kind == 1)
					pend_add(h, u, s, len, kind ? P_SKIP : P_SYNTAX, h->nskips);
			} else {
				for (i = 0; !line && i < len; i++)
					if (!ot_import_wsp(s + i, len - i))
						line = text_line(n, s, len, i);
				ot_buf_put(b, s, len);
				pend_add(h, u, s, len, kind ? P_SKIP : P_SYNTAX, h->nskips);
			}
		}
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n != el && !n->next) {
			n = n->parent;
			if (n != el)
				ot_buf_putc(b, ' ');
		}
		if (n == el)
			break;
		n = n->next;
	}
	if (!kind)
		return; /* markup: syntax, no entry */
	ot_import_collapse(t, b->ptr ? b->ptr : "", b->len);
	if (t->len) {
		pskip *k = OT_ARRAY_PUSH(h->skips, h->nskips, h->skipcap);
		k->line = line ? line : line_of(el);
		k->kind = kind;
		k->text = ot_strndup(t->ptr, t->len);
	} else if (!planted) {
		h->npend = first; /* nothing but blanks: no entry, no pieces */
	}
}

static void enter(hconv *h, xmlNode *el, int *descend)
{
	const char *name = (const char *)el->name;
	const char *kind = NULL, *label = NULL;
	lframe *row;
	int skipped = 0;
	lframe *f = OT_ARRAY_PUSH(h->st, h->nst, h->stcap);
	memset(f, 0, sizeof(*f));
	f->el = el;
	*descend = 1;
	if (name_in(name, skip_names, OT_ARRAY_LEN(skip_names)))
		skipped = 1, kind = skip_kind(name), label = "";
	else if (el->properties && hidden(el))
		kind = "hidden", label = " (hidden)";
	else if ((kind = furniture(el)) != NULL)
		label = " (navigation)";
	if (kind || skipped) {
		f->skip = 1;
		*descend = 0;
		collect_skipped(h, el, kind);
		if (!name_in(name, mute_names, OT_ARRAY_LEN(mute_names)))
			scan_skipped(h, el, label);
		return;
	}
	if (strcasecmp(name, "br") == 0) {
		if (h->note_frame >= 0)
			ot_buf_putc(&h->note, ' ');
		else
			flush_block(h, block_el(h, 1));
		return;
	}
	if ((strcasecmp(name, "td") == 0 || strcasecmp(name, "th") == 0) && (row = current_row(h)) != NULL &&
	    h->note_frame < 0) {
		/* a cell: its text joins its row's line, cells parted by " | "
		 * (as the code XML reader writes a row), so that a row reads as
		 * one paragraph ("Central business district | $75.00") */
		if (row->counter++ > 0) {
			ot_buf_puts(&h->block, " | ");
			pend_add(h, 0, "|", 1, P_SYNTH, 0);
		}
		return;
	}
	if (strcasecmp(name, "tr") == 0)
		f->counter = 0;
	if (!name_in(name, block_names, OT_ARRAY_LEN(block_names))) {
		/* inline: its text joins the block; a number and a heading in
		 * spans of their own are two words */
		const char *v = el->properties ? attr_peek(el, "class") : NULL;
		if (v && (has_ci(v, "head") || has_ci(v, "title") || has_ci(v, "catch")))
			ot_buf_putc(h->note_frame >= 0 ? &h->note : &h->block, ' ');
		f->space_after = v && has_ci(v, "num");
		return;
	}
	f->block = 1;
	if (h->note_frame >= 0) {
		ot_buf_putc(&h->note, ' ');
		return;
	}
	flush_block(h, block_el(h, 1));
	if (strcasecmp(name, "pre") == 0)
		h->pre++;
	if (el->properties && (h->note_kind = note_class(el)) != NULL) {
		f->note = 1;
		h->note_frame = (long)(h->nst - 1);
		h->note_line = 0;
		ot_buf_clear(&h->note);
		return;
	}
	if (strcasecmp(name, "ol") == 0 || strcasecmp(name, "ul") == 0) {
		const char *v;
		lframe *li = current_item(h);
		int in_li = li && li != f, typed = 0, parent;
		f->list = strcasecmp(name, "ul") == 0 ? '-' : '1';
		f->counter = 1;
		if (f->list == '-')
			return;
		if ((v = attr_peek(el, "type")) && (v[0] == 'a' || v[0] == 'A' || v[0] == 'i' || v[0] == 'I' || v[0] == '1')) {
			f->list = v[0];
			typed = 1;
		}
		if ((v = attr_peek(el, "start")))
			f->counter = strtol(v, NULL, 10);
		/* "(a)" where the page writes its markers so, else as rendered */
		f->paren = h->paren || h->page_paren;
		if (in_li) {
			size_t k;
			for (k = (size_t)(li - h->st); k > 0; k--)
				if (h->st[k - 1].list) {
					f->paren |= h->st[k - 1].paren;
					break;
				}
		}
		/* the level this list nests under: its item, or the last
		 * marker line of the section */
		parent = in_li && li->style > 0 ? li->style : h->last_style;
		if (typed) {
			if (parent == f->list && (in_li || f->counter == 1)) {
				/* "(a)" under "(a)", or a list that starts again
				 * at 1: a level below, not a duplicate */
				char m[24];
				f->list = style_below(parent);
				list_marker(m, sizeof(m), f->list, f->counter, f->paren);
				ot_import_report_warn(h->rep,
						      "%s:%u: a list of type \"%c\" under a clause numbered the same way "
						      "is read as the level below it: its items are numbered %s, ...",
						      h->name, line_of(el), parent, m);
			}
		} else if (in_li ? li->style == '1' : parent == '1' && f->counter == 1) {
			/* "1." as rendered, but under a clause numbered so: the
			 * level below, not a duplicate */
			f->list = style_below('1');
		}
	} else if (strcasecmp(name, "li") == 0) {
		size_t k;
		f->style = 0;
		for (k = h->nst - 1; k > 0; k--) {
			lframe *l = &h->st[k - 1];
			const char *v;
			if (!l->list)
				continue;
			if (l->list != '-') {
				if ((v = attr_peek(el, "value")))
					l->counter = strtol(v, NULL, 10);
				list_marker(h->prefix, sizeof(h->prefix), l->list, l->counter, l->paren);
				h->prefix_style = l->list;
				l->counter++;
			}
			break;
		}
	}
	h->block_line = 0;
}

static void leave(hconv *h)
{
	lframe *f = &h->st[h->nst - 1];
	if (f->note) {
		ot_buf *t = &h->scratch;
		ot_import_collapse(t, h->note.ptr, h->note.len);
		if (t->len)
			pend_emit(h, OT_CV_NOTE, add_note(h, h->note_kind, t->ptr, t->len, h->note_line));
		else
			pend_emit(h, OT_CV_STRING, 0);
		h->note_frame = -1;
	} else if (f->block && h->note_frame < 0) {
		flush_block(h, f->el);
		if (strcasecmp((const char *)f->el->name, "pre") == 0 && h->pre)
			h->pre--;
		if (strcasecmp((const char *)f->el->name, "li") == 0)
			h->prefix[0] = '\0'; /* an empty item numbers nothing */
	} else if (f->space_after) {
		ot_buf_putc(h->note_frame >= 0 ? &h->note : &h->block, ' ');
	}
	h->nst--;
}

static void convert(hconv *h, xmlNode *root)
{
	xmlNode *n = root;
	int descend = 0;
	enter(h, n, &descend);
	for (;;) {
		if (descend && n->children) {
			n = n->children;
		} else {
			for (;;) {
				if (n->type == XML_ELEMENT_NODE)
					leave(h);
				if (n == root)
					return;
				if (n->next) {
					n = n->next;
					break;
				}
				n = n->parent;
			}
		}
		descend = 0;
		if (n->type == XML_ELEMENT_NODE)
			enter(h, n, &descend);
		else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			on_text(h, n);
	}
}

static unsigned html_line(const hconv *h, unsigned text_line)
{
	return text_line < h->nmap ? h->map[text_line] : 0;
}

/* The parser's message with its "NAME:N:" line replaced by the HTML line. */
static int translate_error(const hconv *h, int err)
{
	char *msg = ot_strdup(ot_error_last());
	size_t nl = strlen(h->name);
	if (strncmp(msg, h->name, nl) == 0 && msg[nl] == ':' && msg[nl + 1] >= '0' && msg[nl + 1] <= '9') {
		char *end;
		unsigned long tl = strtoul(msg + nl + 1, &end, 10);
		unsigned hl = html_line(h, (unsigned)tl);
		if (*end == ':' && hl)
			err = ot_error_set(err, "%s:%u:%s", h->name, hl, end + 1);
	} else if (strstr(msg, "no section found")) {
		err = ot_error_set(OT_EINVALID,
				   "%s: no section found in the HTML page; ordtrack looks for a heading or paragraph "
				   "that starts with a section number, like '2-173-020 Definitions.' or 'Sec. "
				   "2-173-020.'",
				   h->name);
	}
	free(msg);
	return err;
}

/* for qsort: notes by HTML line, then by their order (stable) */
typedef struct lsort {
	unsigned line;
	size_t i;
} lsort;

static int cmp_lsort(const void *a, const void *b)
{
	const lsort *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Put doc's notes and skipped entries in page order (the text parser's
 * and the importer's were appended one list after the other).  Lines of
 * 0 (unknown) stay where they are relative to the entry before them. */
static void order_by_line(ot_doc *doc)
{
	size_t i, n = doc->nnotes > doc->nskipped ? doc->nnotes : doc->nskipped;
	lsort *o = ot_reallocarray(NULL, n ? n : 1, sizeof(*o));
	unsigned last = 0;
	if (doc->nnotes > 1) {
		ot_doc_note *tmp = ot_reallocarray(NULL, doc->nnotes, sizeof(*tmp));
		for (i = 0, last = 0; i < doc->nnotes; i++)
			o[i] = (lsort){last = doc->notes[i].line ? doc->notes[i].line : last, i};
		qsort(o, doc->nnotes, sizeof(*o), cmp_lsort);
		for (i = 0; i < doc->nnotes; i++)
			tmp[i] = doc->notes[o[i].i];
		memcpy(doc->notes, tmp, doc->nnotes * sizeof(*tmp));
		free(tmp);
	}
	if (doc->nskipped > 1) {
		ot_doc_skip *tmp = ot_reallocarray(NULL, doc->nskipped, sizeof(*tmp));
		for (i = 0, last = 0; i < doc->nskipped; i++)
			o[i] = (lsort){last = doc->skipped[i].line ? doc->skipped[i].line : last, i};
		qsort(o, doc->nskipped, sizeof(*o), cmp_lsort);
		for (i = 0; i < doc->nskipped; i++)
			tmp[i] = doc->skipped[o[i].i];
		memcpy(doc->skipped, tmp, doc->nskipped * sizeof(*tmp));
		free(tmp);
	}
	free(o);
}

int ot_doc_import_html(ot_doc **out, const char *data, size_t len, const char *name, ot_import_report *report)
{
	xmlDoc *xdoc = NULL;
	ot_doc *doc = NULL;
	hconv h;
	size_t i, note_base, skip_base;
	int err;

	*out = NULL;
	memset(&h, 0, sizeof(h));
	h.name = name ? name : "<input>";
	h.rep = report;
	h.note_frame = -1;
	ot_buf_init(&h.text);
	ot_buf_init(&h.block);
	ot_buf_init(&h.note);
	ot_buf_init(&h.held);
	ot_buf_init(&h.scratch);
	ot_buf_init(&h.scratch2);
	if (report)
		report->format = "html";
	if ((err = ot_html_read(&xdoc, data, len, h.name)) < 0)
		goto done;
	h.cv = ot_conserve_off ? NULL : ot_conserve_new(h.name);
	ot_conserve_reserve(h.cv, len / 64, len / 128);
	h.page_paren = page_writes_paren(data, len);
	convert(&h, xmlDocGetRootElement(xdoc));
	flush_block(&h, NULL);
	release_held(&h);
	pend_emit(&h, OT_CV_STRING, 0);
	if (h.nskipwarn > MAX_SKIP_WARN)
		ot_import_report_warn(report, "%s: %u more skipped elements hold text that reads like a clause "
				      "(not listed)", h.name, h.nskipwarn - MAX_SKIP_WARN);
	if ((err = ot_doc_parse_text_report(&doc, h.text.ptr ? h.text.ptr : "", h.text.len, h.name, NULL)) < 0) {
		err = translate_error(&h, err);
		goto done;
	}
	/* the text parser's notes and skipped entries: HTML lines */
	for (i = 0; i < doc->nnotes; i++)
		doc->notes[i].line = html_line(&h, doc->notes[i].line);
	for (i = 0; i < doc->nskipped; i++)
		doc->skipped[i].line = html_line(&h, doc->skipped[i].line);
	/* the importer's notes: to the last section that starts before them,
	 * compared in text lines (sections are in text order, note
	 * positions only grow) */
	note_base = doc->nnotes;
	{
		size_t sidx = 0;
		long cur = -1;
		for (i = 0; i < h.nnotes; i++) {
			while (sidx < doc->nsections && doc->sections[sidx]->line <= h.notes[i].at)
				cur = (long)sidx++;
			ot_doc_add_note(doc, cur >= 0 ? doc->sections[cur]->num : NULL, h.notes[i].kind,
					h.notes[i].text)->line = h.notes[i].line;
		}
	}
	skip_base = doc->nskipped;
	for (i = 0; i < h.nskips; i++)
		ot_doc_add_skip(doc, h.skips[i].line, h.skips[i].kind, h.skips[i].text);
	/* stage 1 of the conservation check: every text node of the page is
	 * in the text the parser read (which checked itself, stage 2), in a
	 * note or in a skipped entry of the importer's own */
	{
		ot_doc view;
		memset(&view, 0, sizeof(view));
		view.notes = doc->notes + note_base;
		view.nnotes = h.nnotes;
		view.skipped = doc->skipped + skip_base;
		view.nskipped = h.nskips;
		if ((err = ot_conserve_check(h.cv, &view)) < 0)
			goto done;
	}
	order_by_line(doc);
	/* node lines: text lines -> HTML lines */
	for (i = 0; i < doc->nsections; i++) {
		ot_node **stack = NULL;
		size_t ns = 0, cap = 0;
		*OT_ARRAY_PUSH(stack, ns, cap) = doc->sections[i];
		while (ns) {
			ot_node *cur = stack[--ns];
			unsigned k;
			cur->line = html_line(&h, cur->line);
			for (k = 0; k < cur->nchildren; k++)
				*OT_ARRAY_PUSH(stack, ns, cap) = cur->children[k];
		}
		free(stack);
	}
	*out = doc;
	doc = NULL;
done:
	ot_doc_free(doc);
	xmlFreeDoc(xdoc);
	ot_conserve_free(h.cv);
	for (i = 0; i < h.nnotes; i++)
		free(h.notes[i].text);
	free(h.notes);
	for (i = 0; i < h.nskips; i++)
		free(h.skips[i].text);
	free(h.skips);
	free(h.pend);
	free(h.map);
	free(h.st);
	ot_buf_release(&h.text);
	ot_buf_release(&h.block);
	ot_buf_release(&h.note);
	ot_buf_release(&h.held);
	ot_buf_release(&h.scratch);
	ot_buf_release(&h.scratch2);
	return err;
}
