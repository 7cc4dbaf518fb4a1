/*
 * import_html.c - ot_doc_import_html: a published code page (HTML) into
 * the clause tree.
 *
 * The page is parsed only through ot_html_read (xmlsafe.c) and turned into
 * plain-text lines, one per block element (p, div, h1-h6, li, td, ...,
 * and a line break), its inline text joined and its white space
 * collapsed.  Those lines are then read by ot_doc_parse_text, so section
 * lines ("2-173-020 Definitions.", "Sec. 2-173-020."), markers and the
 * letter/roman decision are exactly the plain-text parser's.  A line that
 * starts with a marker follows the line above directly; any other line
 * follows a blank line, so that it is an unnumbered paragraph rather than
 * a wrapped continuation (in HTML every block is its own paragraph).
 *
 * Left out: nav, header, footer, script, style, noscript, aside, the form
 * controls (input, select, button, textarea, label, ...; a <form> itself
 * is read, as ASP.NET pages wrap the whole body in one), a few more that
 * never carry law text, and any element with a hidden attribute,
 * aria-hidden="true" or an inline display:none.  Skipped text is not
 * dropped silently: a skipped element that may hold text (aside, nav,
 * header, footer, menu, dialog, hidden elements) is read line
 * by line, and its first line that reads like a clause ("(b) ...") or a
 * section line ("2-173-020 Definitions.", "Sec. 2-173-020") gives a
 * warning naming the element and the HTML line.  An
 * ol numbers its li elements as markers ("(a)" for type="a", "(1)" by
 * default) unless the item's text starts with a marker already.  A block
 * whose class names a history note or an annotation goes to doc->notes,
 * attached to the section it follows.
 *
 * Every text line remembers the HTML line it came from: node lines and
 * the parser's error messages are translated back to HTML lines.
 *
 * Ownership: the returned ot_doc belongs to the caller; the libxml2 tree,
 * the line table and the buffers are freed before return.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "internal.h"
#include "ordtrack/common.h"
#include "ordtrack/import.h"
#include "xmlsafe.h"

typedef struct pnote {
	size_t at; /* number of text lines written before it */
	const char *kind;
	char *text;
} pnote;

typedef struct lframe {
	xmlNode *el;
	int block;
	int skip;
	int note;	/* this element is a note: its text goes to note */
	int list;	/* ol: its type ('1', 'a', 'A', 'i', 'I'); ul: '-' */
	long counter;	/* ol: the number of the next li */
} lframe;

typedef struct hconv {
	const char *name;
	ot_import_report *rep;
	unsigned nskipwarn; /* warnings about skipped clause-like text */
	ot_buf text;	/* the plain text being built */
	unsigned *map;	/* text line (1-based) -> HTML line */
	size_t nmap, mapcap;
	ot_buf block;	/* the block being gathered, raw */
	unsigned block_line;
	char prefix[24]; /* marker for the next block (an ol item) */
	int pre;	 /* inside <pre> */
	lframe *st;
	size_t nst, stcap;
	long note_frame; /* index of the open note frame, -1 if none */
	const char *note_kind;
	ot_buf note;
	pnote *notes;
	size_t nnotes, notecap;
	ot_buf scratch;
} hconv;

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

static int name_in(const char *name, const char *const *list, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strcasecmp(name, list[i]) == 0)
			return 1;
	return 0;
}

static unsigned line_of(const xmlNode *n)
{
	long l = xmlGetLineNo(n);
	return l > 0 ? (unsigned)l : 0;
}

/* Is the attribute attr of el set and containing needle (ASCII, any
 * case)?  needle NULL: is it set at all. */
static int attr_has(const xmlNode *el, const char *attr, const char *needle)
{
	xmlChar *v = xmlGetProp(el, (const xmlChar *)attr);
	int hit = 0;
	if (!v)
		return 0;
	if (!needle) {
		hit = 1;
	} else {
		const char *s = (const char *)v;
		size_t n = strlen(needle);
		for (; *s && !hit; s++)
			hit = strncasecmp(s, needle, n) == 0;
	}
	xmlFree(v);
	return hit;
}

static int hidden(const xmlNode *el)
{
	xmlChar *v;
	int hit = 0;
	if (attr_has(el, "hidden", NULL))
		return 1;
	if ((v = xmlGetProp(el, (const xmlChar *)"aria-hidden"))) {
		hit = strcasecmp((const char *)v, "true") == 0;
		xmlFree(v);
		if (hit)
			return 1;
	}
	if ((v = xmlGetProp(el, (const xmlChar *)"style"))) {
		/* "display:none" with any spacing */
		char buf[256];
		size_t i, k = 0;
		for (i = 0; v[i] && k + 1 < sizeof(buf); i++)
			if (v[i] != ' ' && v[i] != '\t')
				buf[k++] = (char)v[i];
		buf[k] = '\0';
		for (i = 0; buf[i] && !hit; i++)
			hit = strncasecmp(buf + i, "display:none", 12) == 0;
		xmlFree(v);
	}
	return hit;
}

/* The note kind a block's class names, or NULL. */
static const char *note_class(const xmlNode *el)
{
	if (attr_has(el, "class", "histor"))
		return "history";
	if (attr_has(el, "class", "annotation") || attr_has(el, "class", "editor"))
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
static void scan_skipped(hconv *h, xmlNode *el)
{
	ot_buf line = OT_BUF_INIT, what = OT_BUF_INIT;
	xmlNode *n = el;
	unsigned line_no = 0;
	int hit = 0;
	ot_buf_printf(&what, "<%s>", (const char *)el->name);
	if (!name_in((const char *)el->name, skip_names, OT_ARRAY_LEN(skip_names)))
		ot_buf_puts(&what, " (hidden)");
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
					line_no = line_of(n);
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

/* End the block being gathered: one text line if it has text. */
static void flush_block(hconv *h)
{
	ot_buf *t = &h->scratch;
	ot_import_collapse(t, h->block.ptr, h->block.len);
	ot_buf_clear(&h->block);
	if (!t->len)
		return;
	if (h->prefix[0] && !starts_with_marker(t->ptr)) {
		ot_buf line = OT_BUF_INIT;
		ot_buf_printf(&line, "%s %s", h->prefix, t->ptr);
		ot_buf_clear(t);
		ot_buf_put(t, line.ptr, line.len);
		ot_buf_release(&line);
	}
	h->prefix[0] = '\0';
	if (h->text.len && !starts_with_marker(t->ptr)) {
		ot_buf_putc(&h->text, '\n'); /* a paragraph, not a continuation */
		map_line(h, h->block_line);
	}
	ot_buf_put(&h->text, t->ptr, t->len);
	ot_buf_putc(&h->text, '\n');
	map_line(h, h->block_line);
	h->block_line = 0;
}

/* The marker of item number v in a list of type t ('1', 'a', 'A', 'i',
 * 'I'), into out. */
static void list_marker(char *out, size_t outsz, int t, long v)
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
	snprintf(out, outsz, "(%s)", body);
}

static void on_text(hconv *h, const xmlNode *t)
{
	const char *s = (const char *)t->content;
	ot_buf *dst;
	size_t n, i;
	if (!s)
		return;
	n = strlen(s);
	dst = h->note_frame >= 0 ? &h->note : &h->block;
	if (dst == &h->block && !h->block_line) {
		for (i = 0; i < n && ot_import_wsp(s + i, n - i); i++)
			;
		if (i < n)
			h->block_line = line_of(t);
	}
	if (!h->pre || dst != &h->block) {
		ot_buf_put(dst, s, n);
		return;
	}
	/* preformatted: every line of it is a line of text */
	for (i = 0; i < n; i++) {
		if (s[i] == '\n') {
			flush_block(h);
			h->block_line = line_of(t); /* approximate inside <pre> */
		} else {
			ot_buf_putc(&h->block, s[i]);
		}
	}
}

static void enter(hconv *h, xmlNode *el, int *descend)
{
	const char *name = (const char *)el->name;
	lframe *f = OT_ARRAY_PUSH(h->st, h->nst, h->stcap);
	memset(f, 0, sizeof(*f));
	f->el = el;
	*descend = 1;
	if (name_in(name, skip_names, OT_ARRAY_LEN(skip_names)) || hidden(el)) {
		f->skip = 1;
		*descend = 0;
		if (!name_in(name, mute_names, OT_ARRAY_LEN(mute_names)))
			scan_skipped(h, el);
		return;
	}
	if (strcasecmp(name, "br") == 0) {
		if (h->note_frame >= 0)
			ot_buf_putc(&h->note, ' ');
		else
			flush_block(h);
		return;
	}
	if (!name_in(name, block_names, OT_ARRAY_LEN(block_names)))
		return; /* inline: its text joins the block */
	f->block = 1;
	if (h->note_frame >= 0) {
		ot_buf_putc(&h->note, ' ');
		return;
	}
	flush_block(h);
	if (strcasecmp(name, "pre") == 0)
		h->pre++;
	if ((h->note_kind = note_class(el)) != NULL) {
		f->note = 1;
		h->note_frame = (long)(h->nst - 1);
		ot_buf_clear(&h->note);
		return;
	}
	if (strcasecmp(name, "ol") == 0 || strcasecmp(name, "ul") == 0) {
		xmlChar *v;
		f->list = strcasecmp(name, "ul") == 0 ? '-' : '1';
		f->counter = 1;
		if (f->list == '1' && (v = xmlGetProp(el, (const xmlChar *)"type"))) {
			if (v[0] == 'a' || v[0] == 'A' || v[0] == 'i' || v[0] == 'I')
				f->list = v[0];
			xmlFree(v);
		}
		if (f->list != '-' && (v = xmlGetProp(el, (const xmlChar *)"start"))) {
			f->counter = strtol((const char *)v, NULL, 10);
			xmlFree(v);
		}
	} else if (strcasecmp(name, "li") == 0) {
		size_t k;
		for (k = h->nst - 1; k > 0; k--) {
			lframe *l = &h->st[k - 1];
			xmlChar *v;
			if (!l->list)
				continue;
			if (l->list != '-') {
				if ((v = xmlGetProp(el, (const xmlChar *)"value"))) {
					l->counter = strtol((const char *)v, NULL, 10);
					xmlFree(v);
				}
				list_marker(h->prefix, sizeof(h->prefix), l->list, l->counter);
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
		pnote *n;
		ot_import_collapse(t, h->note.ptr, h->note.len);
		if (t->len) {
			n = OT_ARRAY_PUSH(h->notes, h->nnotes, h->notecap);
			n->at = h->nmap ? h->nmap - 1 : 0;
			n->kind = h->note_kind;
			n->text = ot_strndup(t->ptr, t->len);
		}
		h->note_frame = -1;
	} else if (f->block && h->note_frame < 0) {
		flush_block(h);
		if (strcasecmp((const char *)f->el->name, "pre") == 0 && h->pre)
			h->pre--;
		if (strcasecmp((const char *)f->el->name, "li") == 0)
			h->prefix[0] = '\0'; /* an empty item numbers nothing */
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

int ot_doc_import_html(ot_doc **out, const char *data, size_t len, const char *name, ot_import_report *report)
{
	xmlDoc *xdoc = NULL;
	ot_doc *doc = NULL;
	hconv h;
	size_t i;
	int err;

	*out = NULL;
	memset(&h, 0, sizeof(h));
	h.name = name ? name : "<input>";
	h.rep = report;
	h.note_frame = -1;
	ot_buf_init(&h.text);
	ot_buf_init(&h.block);
	ot_buf_init(&h.note);
	ot_buf_init(&h.scratch);
	if (report)
		report->format = "html";
	if ((err = ot_html_read(&xdoc, data, len, h.name)) < 0)
		goto done;
	convert(&h, xmlDocGetRootElement(xdoc));
	flush_block(&h);
	if (h.nskipwarn > MAX_SKIP_WARN)
		ot_import_report_warn(report, "%s: %u more skipped elements hold text that reads like a clause "
				      "(not listed)", h.name, h.nskipwarn - MAX_SKIP_WARN);
	if ((err = ot_doc_parse_text(&doc, h.text.ptr, h.text.len, h.name)) < 0) {
		err = translate_error(&h, err);
		goto done;
	}
	/* notes: to the last section that starts before them, compared in
	 * text lines (sections are in text order, note positions only grow) */
	{
		size_t sidx = 0;
		long cur = -1;
		for (i = 0; i < h.nnotes; i++) {
			while (sidx < doc->nsections && doc->sections[sidx]->line <= h.notes[i].at)
				cur = (long)sidx++;
			ot_doc_add_note(doc, cur >= 0 ? doc->sections[cur]->num : NULL, h.notes[i].kind,
					h.notes[i].text);
		}
	}
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
	for (i = 0; i < h.nnotes; i++)
		free(h.notes[i].text);
	free(h.notes);
	free(h.map);
	free(h.st);
	ot_buf_release(&h.text);
	ot_buf_release(&h.block);
	ot_buf_release(&h.note);
	ot_buf_release(&h.scratch);
	return err;
}
