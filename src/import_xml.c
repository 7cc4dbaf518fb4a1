/*
 * import_xml.c - ot_doc_import_xml: Akoma Ntoso 3.0, USLM 1.0 and code
 * XML into the clause tree (ot_doc).
 *
 * The document is parsed only through ot_xml_read (xmlsafe.c).  The
 * dialect is the namespace URI of the root element (never its prefix):
 * AKN, USLM, or anything else read as code XML, whose elements are then
 * the ones in the root's namespace (or in none).  An element of another
 * namespace is unknown in every dialect.
 *
 * Each element name of the dialect has a role (the tables below): a
 * hierarchy level (section, subsection, para, ...), a container above the
 * sections (chapter, part, ...), num, heading, a text block (content, p,
 * intro, wrapUp, chapeau, continuation, text), an inline element, a note
 * (authorialNote, sourceCredit, history, ...), or something skipped
 * (meta, preface, toc).  Unknown elements keep their text where they
 * stand and give one warning per name; elements inside an unknown one (in
 * the same section or clause) give none of their own.  An unknown element
 * with a <num> (of the dialect, or of its own namespace, as when a DTD's
 * ATTLIST gives it a default xmlns) keeps that number in its text, and
 * number and text make one paragraph ("glue": no block inside it ends the
 * paragraph).  An unknown element is set off by spaces, except next to
 * punctuation that binds to it ("NS-BAZ." rather than "NS-BAZ .").
 *
 * One pass over the libxml2 tree, without recursion: an explicit walk
 * (first child, next sibling, parent) with a stack of frames, one per
 * open element.  A frame says where the text directly inside it goes (its
 * sink): nowhere, the heading or note buffer of a frame, the chapter
 * title, or "the hierarchy", which is the nearest open section or clause:
 *   - a clause with no child clause yet: its own text (intro, content,
 *     chapeau and stray text all join, separated by a space);
 *   - a section, or a clause after its first child clause: a pending
 *     unnumbered paragraph, which becomes a TEXT node when a block ends or
 *     a child clause starts (wrapUp and continuation land here).
 * A hierarchy element without <num> is not a clause: its text belongs to
 * its parent, as unnumbered text does in the plain-text form.  Nor is one
 * inside a note, a heading or a notes container: there it is text of that
 * note or heading, its number included.  Text is
 * gathered raw into ot_bufs (reused per depth) and normalised once per
 * node, so the pass is linear in the input.
 *
 * After the pass: duplicate section numbers and clause ids are errors
 * naming both lines (sorting siblings, not comparing every pair), and each
 * section is written as canonical text and parsed back.  The canonical
 * text cannot carry every tree (a clause whose text starts like a marker,
 * a wrapUp below a grandchild); such a section is replaced by what its
 * canonical text reads back as, with a warning, so that the round-trip law
 * holds and the store keeps exactly what the importer returned.
 *
 * Ownership: the returned ot_doc belongs to the caller; everything else
 * (the libxml2 document, frames, scratch buffers) is freed before return.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "internal.h"
#include "ordtrack/common.h"
#include "ordtrack/import.h"
#include "xmlsafe.h"

#define NS_AKN "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#define NS_USLM_PREFIX "http://xml.house.gov/schemas/uslm/"
#define MAX_WARN_NAMES 50 /* distinct unknown elements warned about */
#define MAX_SHOW 120	  /* how much of a number or id a message shows */
#define MAX_RESTRUCTURED_WARN 20 /* sections warned about one by one */

enum dialect { D_AKN, D_USLM, D_CODE };

enum role {
	R_UNKNOWN,
	R_TRANSPARENT, /* wrapper: akomaNtoso, act, body, list, ... */
	R_CONTAINER,   /* above the sections: part, title, division */
	R_CHAPTER,     /* a container whose heading may give the doc title */
	R_ARTICLE,     /* a container if the document has sections, else one */
	R_SECTION,     /* section: a clause when inside another section */
	R_CLAUSE,      /* subsection, paragraph, para, point, item, ... */
	R_NUM,
	R_HEADING,
	R_BLOCK, /* content, p, intro, wrapUp, chapeau, continuation, text */
	R_INLINE,
	R_BREAK, /* br, eol: a space */
	R_NOTE,	 /* kept out of clause text, into doc->notes */
	R_NOTES, /* a container of notes: its own text goes nowhere */
	R_NOTEREF,
	R_SKIP,	       /* meta, preface, toc: nothing of it enters the tree */
	R_INLINE_BLOCK /* (not in the tables) a section or clause element where
	                  none can open: a block of the text around it */
};

typedef struct role_entry {
	const char *name;
	int role;
	const char *kind; /* R_NOTE: default note kind */
} role_entry;

static const role_entry akn_roles[] = {
	{"akomaNtoso", R_TRANSPARENT, NULL}, {"act", R_TRANSPARENT, NULL}, {"bill", R_TRANSPARENT, NULL},
	{"doc", R_TRANSPARENT, NULL}, {"statement", R_TRANSPARENT, NULL}, {"body", R_TRANSPARENT, NULL},
	{"mainBody", R_TRANSPARENT, NULL}, {"portion", R_TRANSPARENT, NULL}, {"portionBody", R_TRANSPARENT, NULL},
	{"amendment", R_TRANSPARENT, NULL}, {"amendmentBody", R_TRANSPARENT, NULL},
	{"list", R_TRANSPARENT, NULL}, {"blockList", R_TRANSPARENT, NULL}, {"blockContainer", R_BLOCK, NULL},
	{"book", R_CONTAINER, NULL}, {"tome", R_CONTAINER, NULL}, {"part", R_CONTAINER, NULL},
	{"subpart", R_CONTAINER, NULL}, {"title", R_CONTAINER, NULL}, {"subtitle", R_CONTAINER, NULL},
	{"division", R_CONTAINER, NULL}, {"subdivision", R_CONTAINER, NULL}, {"chapter", R_CHAPTER, NULL},
	{"subchapter", R_CONTAINER, NULL}, {"article", R_ARTICLE, NULL}, {"hcontainer", R_ARTICLE, NULL},
	{"section", R_SECTION, NULL}, {"subsection", R_CLAUSE, NULL}, {"paragraph", R_CLAUSE, NULL},
	{"subparagraph", R_CLAUSE, NULL}, {"point", R_CLAUSE, NULL}, {"item", R_CLAUSE, NULL},
	{"clause", R_CLAUSE, NULL}, {"subclause", R_CLAUSE, NULL}, {"indent", R_CLAUSE, NULL},
	{"alinea", R_CLAUSE, NULL}, {"level", R_CLAUSE, NULL}, {"rule", R_CLAUSE, NULL},
	{"subrule", R_CLAUSE, NULL}, {"proviso", R_CLAUSE, NULL}, {"sublist", R_CLAUSE, NULL},
	{"transitional", R_CLAUSE, NULL}, {"num", R_NUM, NULL}, {"heading", R_HEADING, NULL},
	{"subheading", R_HEADING, NULL}, {"content", R_BLOCK, NULL}, {"p", R_BLOCK, NULL},
	{"intro", R_BLOCK, NULL}, {"wrapUp", R_BLOCK, NULL}, {"listIntroduction", R_BLOCK, NULL},
	{"listWrapUp", R_BLOCK, NULL}, {"block", R_BLOCK, NULL}, {"tblock", R_BLOCK, NULL},
	{"table", R_BLOCK, NULL}, {"tr", R_BLOCK, NULL}, {"td", R_BLOCK, NULL}, {"th", R_BLOCK, NULL},
	{"caption", R_BLOCK, NULL}, {"ul", R_BLOCK, NULL}, {"ol", R_BLOCK, NULL}, {"li", R_BLOCK, NULL},
	{"formula", R_BLOCK, NULL}, {"b", R_INLINE, NULL}, {"i", R_INLINE, NULL}, {"u", R_INLINE, NULL},
	{"sup", R_INLINE, NULL}, {"sub", R_INLINE, NULL}, {"span", R_INLINE, NULL}, {"a", R_INLINE, NULL},
	{"term", R_INLINE, NULL}, {"def", R_INLINE, NULL}, {"ref", R_INLINE, NULL}, {"mref", R_INLINE, NULL},
	{"rref", R_INLINE, NULL}, {"date", R_INLINE, NULL}, {"time", R_INLINE, NULL},
	{"entity", R_INLINE, NULL}, {"person", R_INLINE, NULL}, {"organization", R_INLINE, NULL},
	{"location", R_INLINE, NULL}, {"quantity", R_INLINE, NULL}, {"inline", R_INLINE, NULL},
	{"abbr", R_INLINE, NULL}, {"concept", R_INLINE, NULL}, {"object", R_INLINE, NULL},
	{"event", R_INLINE, NULL}, {"process", R_INLINE, NULL}, {"role", R_INLINE, NULL},
	{"quotedText", R_INLINE, NULL}, {"docTitle", R_INLINE, NULL}, {"docNumber", R_INLINE, NULL},
	{"docType", R_INLINE, NULL}, {"docDate", R_INLINE, NULL}, {"docStage", R_INLINE, NULL},
	{"docStatus", R_INLINE, NULL}, {"docProponent", R_INLINE, NULL}, {"docCommittee", R_INLINE, NULL},
	{"docIntroducer", R_INLINE, NULL}, {"docPurpose", R_INLINE, NULL}, {"shortTitle", R_INLINE, NULL},
	{"affectedDocument", R_INLINE, NULL}, {"relatedDocument", R_INLINE, NULL}, {"ins", R_INLINE, NULL},
	{"img", R_INLINE, NULL}, {"marker", R_INLINE, NULL}, {"omissis", R_INLINE, NULL},
	{"br", R_BREAK, NULL}, {"eol", R_BREAK, NULL}, {"eop", R_BREAK, NULL},
	{"authorialNote", R_NOTE, "editorial"}, {"remark", R_NOTE, "editorial"}, {"popup", R_NOTE, "editorial"},
	{"noteRef", R_NOTEREF, NULL}, {"meta", R_SKIP, NULL}, {"preface", R_SKIP, NULL},
	{"preamble", R_SKIP, NULL}, {"coverPage", R_SKIP, NULL}, {"conclusions", R_SKIP, NULL},
	{"toc", R_SKIP, NULL}, {"attachments", R_SKIP, NULL}, {"components", R_SKIP, NULL},
};

static const role_entry uslm_roles[] = {
	{"uscDoc", R_TRANSPARENT, NULL}, {"lawDoc", R_TRANSPARENT, NULL}, {"main", R_TRANSPARENT, NULL},
	{"title", R_CONTAINER, NULL}, {"subtitle", R_CONTAINER, NULL}, {"chapter", R_CHAPTER, NULL},
	{"subchapter", R_CONTAINER, NULL}, {"part", R_CONTAINER, NULL}, {"subpart", R_CONTAINER, NULL},
	{"division", R_CONTAINER, NULL}, {"subdivision", R_CONTAINER, NULL}, {"article", R_ARTICLE, NULL},
	{"section", R_SECTION, NULL}, {"subsection", R_CLAUSE, NULL}, {"paragraph", R_CLAUSE, NULL},
	{"subparagraph", R_CLAUSE, NULL}, {"clause", R_CLAUSE, NULL}, {"subclause", R_CLAUSE, NULL},
	{"item", R_CLAUSE, NULL}, {"subitem", R_CLAUSE, NULL}, {"subsubitem", R_CLAUSE, NULL},
	{"level", R_CLAUSE, NULL}, {"num", R_NUM, NULL}, {"heading", R_HEADING, NULL},
	{"subheading", R_HEADING, NULL}, {"content", R_BLOCK, NULL}, {"chapeau", R_BLOCK, NULL},
	{"continuation", R_BLOCK, NULL}, {"p", R_BLOCK, NULL}, {"table", R_BLOCK, NULL}, {"tr", R_BLOCK, NULL},
	{"td", R_BLOCK, NULL}, {"th", R_BLOCK, NULL}, {"ref", R_INLINE, NULL}, {"date", R_INLINE, NULL},
	{"term", R_INLINE, NULL}, {"def", R_INLINE, NULL}, {"i", R_INLINE, NULL}, {"b", R_INLINE, NULL},
	{"u", R_INLINE, NULL}, {"inline", R_INLINE, NULL}, {"span", R_INLINE, NULL}, {"sup", R_INLINE, NULL},
	{"sub", R_INLINE, NULL}, {"shortTitle", R_INLINE, NULL}, {"a", R_INLINE, NULL}, {"em", R_INLINE, NULL},
	{"strong", R_INLINE, NULL}, {"br", R_BREAK, NULL}, {"sourceCredit", R_NOTE, "source"},
	{"note", R_NOTE, "editorial"}, {"notes", R_NOTES, NULL}, {"footnote", R_NOTE, "editorial"},
	{"meta", R_SKIP, NULL}, {"toc", R_SKIP, NULL},
};

static const role_entry code_roles[] = {
	{"code", R_TRANSPARENT, NULL}, {"document", R_TRANSPARENT, NULL}, {"doc", R_TRANSPARENT, NULL},
	{"body", R_TRANSPARENT, NULL}, {"container", R_CONTAINER, NULL}, {"title", R_CONTAINER, NULL},
	{"part", R_CONTAINER, NULL}, {"division", R_CONTAINER, NULL}, {"subchapter", R_CONTAINER, NULL},
	{"chapter", R_CHAPTER, NULL}, {"article", R_ARTICLE, NULL}, {"section", R_SECTION, NULL},
	{"para", R_CLAUSE, NULL}, {"subsection", R_CLAUSE, NULL}, {"paragraph", R_CLAUSE, NULL},
	{"subparagraph", R_CLAUSE, NULL}, {"clause", R_CLAUSE, NULL}, {"subclause", R_CLAUSE, NULL},
	{"item", R_CLAUSE, NULL}, {"num", R_NUM, NULL}, {"heading", R_HEADING, NULL},
	{"text", R_BLOCK, NULL}, {"p", R_BLOCK, NULL}, {"content", R_BLOCK, NULL}, {"b", R_INLINE, NULL},
	{"i", R_INLINE, NULL}, {"u", R_INLINE, NULL}, {"em", R_INLINE, NULL}, {"strong", R_INLINE, NULL},
	{"span", R_INLINE, NULL}, {"cite", R_INLINE, NULL}, {"ref", R_INLINE, NULL}, {"term", R_INLINE, NULL},
	{"def", R_INLINE, NULL}, {"a", R_INLINE, NULL}, {"sup", R_INLINE, NULL}, {"sub", R_INLINE, NULL},
	{"date", R_INLINE, NULL}, {"br", R_BREAK, NULL}, {"history", R_NOTE, "history"},
	{"annotation", R_NOTE, "editorial"}, {"note", R_NOTE, "editorial"}, {"source", R_NOTE, "source"},
	{"annotations", R_NOTES, NULL}, {"notes", R_NOTES, NULL}, {"meta", R_SKIP, NULL},
	{"toc", R_SKIP, NULL},
};

/* Where the text directly inside an element goes.  Sections open only
 * where the sink is SK_OUTSIDE or SK_QUIET (text between sections), and
 * clauses only where it is SK_HIER: a section or clause element inside a
 * note, heading or ignored part is plain text of that part. */
enum sink {
	SK_OUTSIDE, /* between sections: ignored, with one warning */
	SK_QUIET,   /* between sections, already warned about: ignored */
	SK_DISCARD, /* nowhere */
	SK_HIER,    /* the hierarchy frame `owner` (see sink_buf) */
	SK_AUX,	    /* the aux buffer of frame `owner` */
	SK_TITLE    /* the document title */
};

typedef struct frame {
	xmlNode *el;
	int role;     /* as classified; R_SECTION/R_CLAUSE frames with a
	                 node are the hierarchy frames */
	int sink;     /* enum sink */
	size_t owner; /* SK_HIER: the hierarchy frame; SK_AUX: the frame
	                 whose aux buffer collects */
	int spaced;   /* a block: a space before and after, flush at end */
	int in_unknown; /* inside an unknown element, in the same section or
	                   clause (such an element gives no warning of its own) */
	int glue;     /* an unknown element with a number: its number and
	                 all its text make one paragraph (no flush inside) */
	ot_node *node; /* hierarchy frames: the SECTION or CLAUSE */
	int has_children;
	unsigned ntext;	       /* TEXT children of node so far */
	unsigned pending_line; /* line of the first text in pending */
	const char *note_kind;
	unsigned line;
	ot_buf own;	/* clause text, before its first child */
	ot_buf pending; /* the next TEXT node */
	ot_buf aux;	/* section heading, or note text */
} frame;

typedef struct noteref {
	char *target;  /* href without '#' */
	char *section; /* number of the section it stands in, or NULL */
} noteref;

typedef struct imp {
	const char *name;
	int dialect;
	const char *ns; /* the dialect's namespace URI, NULL: none */
	role_entry *roles;
	size_t nroles;
	int article_is_section;
	ot_doc *doc;
	ot_import_report *rep;
	frame *fr;
	size_t nfr, frcap;
	long sec; /* index of the open section frame, -1 if none */
	ot_buf title;
	int title_done;
	ot_buf scratch;
	char **warned; /* unknown element names already warned about */
	size_t nwarned, warncap;
	int warned_more, warned_outside;
	unsigned nglue;	   /* open frames with glue set */
	noteref *refs;
	size_t nrefs, refcap;
} imp;

/* ---- small helpers --------------------------------------------------- */

static int cmp_roles(const void *a, const void *b)
{
	return strcmp(((const role_entry *)a)->name, ((const role_entry *)b)->name);
}

static unsigned line_of(const xmlNode *n)
{
	long l = xmlGetLineNo(n);
	return l > 0 ? (unsigned)l : 0;
}

static int has_text(const char *s, size_t n)
{
	size_t i = 0, w;
	while (i < n) {
		if (!(w = ot_import_wsp(s + i, n - i)))
			return 1;
		i += w;
	}
	return 0;
}

/* A copy of s[0..n) with white-space runs collapsed to one space and the
 * ends trimmed (scratch is reused); the caller frees it. */
static char *norm_dup(ot_buf *scratch, const char *s, size_t n)
{
	ot_import_collapse(scratch, s, n);
	return ot_strndup(scratch->ptr, scratch->len);
}

/* "{uri}name" for an element outside the dialect's namespace, else the
 * local name; into b (cleared). */
static void elem_label(ot_buf *b, const imp *p, const xmlNode *el)
{
	ot_buf_clear(b);
	if (el->ns && el->ns->href && !(p->ns && strcmp((const char *)el->ns->href, p->ns) == 0))
		ot_buf_printf(b, "{%s}", (const char *)el->ns->href);
	ot_buf_puts(b, (const char *)el->name);
}

static int in_dialect(const imp *p, const xmlNode *el)
{
	if (!el->ns || !el->ns->href)
		return p->ns == NULL;
	return p->ns && strcmp((const char *)el->ns->href, p->ns) == 0;
}

static const role_entry *lookup(const imp *p, const xmlNode *el)
{
	role_entry key;
	if (el->type != XML_ELEMENT_NODE || !in_dialect(p, el))
		return NULL;
	key.name = (const char *)el->name;
	return bsearch(&key, p->roles, p->nroles, sizeof(*p->roles), cmp_roles);
}

static int role_of(const imp *p, const xmlNode *el)
{
	const role_entry *e = lookup(p, el);
	return e ? e->role : R_UNKNOWN;
}

/* Does s contain word (ASCII, case-insensitive)? */
static int ci_contains(const char *s, const char *word)
{
	size_t n = strlen(word);
	for (; *s; s++)
		if (strncasecmp(s, word, n) == 0)
			return 1;
	return 0;
}

/* The note kind of element el with default kind: a class, type, topic or
 * role attribute that names history, amendments or a source decides. */
static const char *note_kind(const xmlNode *el, const char *dflt)
{
	static const char *const attrs[] = {"class", "type", "topic", "role"};
	size_t i;
	for (i = 0; i < OT_ARRAY_LEN(attrs); i++) {
		xmlChar *v = xmlGetProp(el, (const xmlChar *)attrs[i]);
		const char *kind = NULL;
		if (!v)
			continue;
		if (ci_contains((const char *)v, "histor") || ci_contains((const char *)v, "amendment"))
			kind = "history";
		else if (ci_contains((const char *)v, "source"))
			kind = "source";
		else if (ci_contains((const char *)v, "editor"))
			kind = "editorial";
		xmlFree(v);
		if (kind)
			return kind;
	}
	return dflt;
}

/* ---- numbers ---------------------------------------------------------- */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Does s (the whole string) read as a section number the plain-text
 * parser reads back: digit groups, each followed by up to three letters,
 * joined by '-' or '.' before a digit ("2-173-020", "10-8-330.5", "12A")? */
static int section_number_ok(const char *s)
{
	size_t i = 0, j;
	if (!is_digit(s[0]))
		return 0;
	for (;;) {
		while (is_digit(s[i]))
			i++;
		for (j = 0; j < 3 && is_alpha(s[i]); j++)
			i++;
		if ((s[i] == '-' || s[i] == '.') && is_digit(s[i + 1])) {
			i++;
			continue;
		}
		return s[i] == '\0';
	}
}

/* Value of a roman numeral written the standard way, else 0. */
static unsigned roman_value(const char *s, size_t n)
{
	static const struct {
		unsigned v;
		const char *r;
	} tab[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
		   {40, "xl"},	{10, "x"},   {9, "ix"},	 {5, "v"},    {4, "iv"},  {1, "i"}};
	char low[16], back[64];
	unsigned v = 0;
	size_t i, k, len = 0;
	if (!n || n >= sizeof(low))
		return 0;
	for (i = 0; i < n; i++)
		low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
	low[n] = '\0';
	/* read greedily, then write the value back: a standard numeral is the
	 * one that reads back identically */
	for (i = 0; i < n;) {
		for (k = 0; k < OT_ARRAY_LEN(tab); k++) {
			size_t l = strlen(tab[k].r);
			if (strncmp(low + i, tab[k].r, l) == 0) {
				v += tab[k].v;
				i += l;
				break;
			}
		}
		if (k == OT_ARRAY_LEN(tab) || v > 3999)
			return 0;
	}
	for (k = 0, i = v; k < OT_ARRAY_LEN(tab); k++)
		while (i >= tab[k].v && len + 3 < sizeof(back)) {
			memcpy(back + len, tab[k].r, strlen(tab[k].r));
			len += strlen(tab[k].r);
			i -= tab[k].v;
		}
	return len == n && memcmp(back, low, n) == 0 ? v : 0;
}

/* Is inner (what goes between the parentheses) a marker the plain-text
 * parser reads: 1-3 digits without a leading zero, one letter (or the same
 * letter up to four times), or a roman numeral, all of one case,
 * optionally followed by "-N" or ".N" (N 1-999)? */
static int marker_ok(const char *inner)
{
	size_t k = 0, j, n = strlen(inner);
	int lower = 1, upper = 1, digit = 1, same = 1;
	while (k < n && (is_alpha(inner[k]) || is_digit(inner[k])))
		k++;
	if (k == 0 || k > 8)
		return 0;
	if (k < n) {
		if ((inner[k] != '-' && inner[k] != '.') || !is_digit(inner[k + 1]) || inner[k + 1] == '0')
			return 0;
		for (j = k + 1; j < n; j++)
			if (!is_digit(inner[j]))
				return 0;
		if (n - k - 1 > 3)
			return 0;
	}
	for (j = 0; j < k; j++) {
		lower &= inner[j] >= 'a' && inner[j] <= 'z';
		upper &= inner[j] >= 'A' && inner[j] <= 'Z';
		digit &= is_digit(inner[j]);
		same &= inner[j] == inner[0];
	}
	if (digit)
		return k <= 3 && inner[0] != '0';
	if (!lower && !upper)
		return 0;
	return (same && k <= 4) || roman_value(inner, k) != 0;
}

/* Strip a case-insensitive word prefix ("Sec.", "Section", "§") and the
 * white space after it. */
static const char *strip_prefix(const char *s)
{
	static const char *const pfx[] = {"\xC2\xA7\xC2\xA7", "\xC2\xA7", "sections", "section", "secs.", "sec.",
					  "sec"};
	size_t i, l;
	for (i = 0; i < OT_ARRAY_LEN(pfx); i++) {
		l = strlen(pfx[i]);
		if (strncasecmp(s, pfx[i], l) == 0 && (s[l] == ' ' || s[l] == '\0' || pfx[i][0] == '\xC2' ||
						     (s[l] >= '0' && s[l] <= '9' && pfx[i][l - 1] == '.'))) {
			s += l;
			while (*s == ' ')
				s++;
			return s;
		}
	}
	return s;
}

/* The text of the <num> child of el (its value attribute first, as USLM
 * writes <num value="a">(a)</num>), normalised; NULL when el has no num
 * or it is empty.  Caller frees. */
static char *peek_num(imp *p, const xmlNode *el, unsigned *line)
{
	const xmlNode *c;
	for (c = el->children; c; c = c->next) {
		xmlChar *v;
		char *s;
		if (c->type != XML_ELEMENT_NODE || role_of(p, c) != R_NUM)
			continue;
		*line = line_of(c);
		v = xmlGetProp(c, (const xmlChar *)"value");
		if (!v || !has_text((const char *)v, strlen((const char *)v))) {
			xmlFree(v);
			v = xmlNodeGetContent(c);
		}
		if (!v)
			return NULL;
		s = norm_dup(&p->scratch, (const char *)v, strlen((const char *)v));
		xmlFree(v);
		if (!*s) {
			free(s);
			return NULL;
		}
		return s;
	}
	return NULL;
}

/* Section number from a <num> text: "Sec. 2-173-020." -> "2-173-020". */
static int section_number(char **out, imp *p, char *raw, unsigned line)
{
	const char *s = strip_prefix(raw);
	size_t n = strlen(s);
	while (n && (s[n - 1] == '.' || s[n - 1] == ' ' || s[n - 1] == ':'))
		n--;
	*out = ot_strndup(s, n);
	if (!section_number_ok(*out)) {
		int err = ot_error_set(OT_EINVALID,
				       "%s:%u: section number '%.*s' is not a number like 2-173-020, 12.5 or 101; "
				       "fix the <num> of this section",
				       p->name, line, MAX_SHOW, raw);
		free(*out);
		*out = NULL;
		return err;
	}
	return 0;
}

/* Clause marker from a <num> text: "a", "(a)", "a." or "a)" -> "(a)". */
static int clause_marker(char **out, imp *p, const char *raw, unsigned line)
{
	const char *s = raw;
	size_t n = strlen(s);
	char *inner;
	if (n && s[0] == '(')
		s++, n--;
	while (n && (s[n - 1] == '.' || s[n - 1] == ')'))
		n--;
	inner = ot_strndup(s, n);
	if (!marker_ok(inner)) {
		free(inner);
		*out = NULL;
		return ot_error_set(OT_EINVALID,
				    "%s:%u: clause number '%.*s' cannot be written as a marker like (a), (1), (A) or "
				    "(iv); fix the <num>",
				    p->name, line, MAX_SHOW, raw);
	}
	ot_buf_clear(&p->scratch);
	ot_buf_printf(&p->scratch, "(%s)", inner);
	free(inner);
	*out = ot_strdup(p->scratch.ptr);
	return 0;
}

/* ---- frames and sinks ------------------------------------------------- */

static size_t push_frame(imp *p, xmlNode *el, int role)
{
	frame *f;
	if (p->nfr == p->frcap) {
		size_t old = p->frcap;
		ot_array_grow((void **)&p->fr, &p->frcap, p->nfr + 1, sizeof(*p->fr));
		memset(p->fr + old, 0, (p->frcap - old) * sizeof(*p->fr));
		for (; old < p->frcap; old++) {
			ot_buf_init(&p->fr[old].own);
			ot_buf_init(&p->fr[old].pending);
			ot_buf_init(&p->fr[old].aux);
		}
	}
	f = &p->fr[p->nfr];
	f->el = el;
	f->role = role;
	f->spaced = 0;
	f->glue = 0;
	f->node = NULL;
	f->has_children = 0;
	f->ntext = 0;
	f->pending_line = 0;
	f->note_kind = NULL;
	f->line = line_of(el);
	ot_buf_clear(&f->own);
	ot_buf_clear(&f->pending);
	ot_buf_clear(&f->aux);
	if (p->nfr) {
		f->sink = p->fr[p->nfr - 1].sink;
		f->owner = p->fr[p->nfr - 1].owner;
		f->in_unknown = p->fr[p->nfr - 1].in_unknown;
	} else {
		f->in_unknown = 0;
		f->sink = SK_OUTSIDE;
		f->owner = 0;
	}
	return p->nfr++;
}

/* The buffer text at the top frame goes to (NULL: nowhere); *hier is set
 * to the hierarchy frame when it is that frame's pending paragraph. */
static ot_buf *sink_buf(imp *p, frame **hier)
{
	frame *top = &p->fr[p->nfr - 1], *h;
	*hier = NULL;
	switch (top->sink) {
	case SK_AUX:
		return &p->fr[top->owner].aux;
	case SK_TITLE:
		return &p->title;
	case SK_HIER:
		h = &p->fr[top->owner];
		if (h->node->kind == OT_NODE_CLAUSE && !h->has_children)
			return &h->own;
		*hier = h;
		return &h->pending;
	default:
		return NULL;
	}
}

/* Turn a hierarchy frame's pending text into a TEXT node, if it has any. */
static void flush_pending(imp *p, frame *h)
{
	char *t;
	ot_node *n;
	if (!h->pending.len)
		return;
	t = norm_dup(&p->scratch, h->pending.ptr, h->pending.len);
	ot_buf_clear(&h->pending);
	if (!*t) {
		free(t);
		h->pending_line = 0;
		return;
	}
	ot_buf_clear(&p->scratch);
	ot_buf_printf(&p->scratch, "%s~%u", h->node->id, ++h->ntext);
	n = ot_node_new(OT_NODE_TEXT, p->scratch.ptr, NULL, NULL, NULL);
	n->text = t;
	n->line = h->pending_line ? h->pending_line : h->line;
	ot_node_append(h->node, n);
	h->pending_line = 0;
}

static void put_space(imp *p)
{
	frame *h;
	ot_buf *b = sink_buf(p, &h);
	if (b && b->len)
		ot_buf_putc(b, ' ');
}

static const char *hier_id(const imp *p, const frame *top)
{
	if (top->sink == SK_HIER)
		return p->fr[top->owner].node->id;
	if (p->sec >= 0)
		return p->fr[p->sec].node->id;
	return NULL;
}

/* One warning per distinct unknown element name. */
static void warn_unknown(imp *p, const xmlNode *el)
{
	size_t i;
	const char *where;
	elem_label(&p->scratch, p, el);
	for (i = 0; i < p->nwarned; i++)
		if (strcmp(p->warned[i], p->scratch.ptr) == 0)
			return;
	if (p->nwarned == MAX_WARN_NAMES) {
		if (!p->warned_more)
			ot_import_report_warn(p->rep, "%s:%u: more unknown elements (not listed); their text is kept",
					      p->name, line_of(el));
		p->warned_more = 1;
		return;
	}
	*OT_ARRAY_PUSH(p->warned, p->nwarned, p->warncap) = ot_strdup(p->scratch.ptr);
	where = p->nfr ? hier_id(p, &p->fr[p->nfr - 1]) : NULL;
	if (where)
		ot_import_report_warn(p->rep, "%s:%u: unknown element <%s> (its text is kept in %.*s)", p->name,
				      line_of(el), p->warned[p->nwarned - 1], MAX_SHOW, where);
	else
		ot_import_report_warn(p->rep, "%s:%u: unknown element <%s> outside any section (its text is ignored)",
				      p->name, line_of(el), p->warned[p->nwarned - 1]);
}

/* A clause element with no section around it: one warning per name. */
static void warn_outside(imp *p, const xmlNode *el)
{
	size_t i;
	ot_buf_clear(&p->scratch);
	ot_buf_puts(&p->scratch, "outside:");
	ot_buf_puts(&p->scratch, (const char *)el->name);
	for (i = 0; i < p->nwarned; i++)
		if (strcmp(p->warned[i], p->scratch.ptr) == 0)
			return;
	if (p->nwarned == MAX_WARN_NAMES)
		return;
	*OT_ARRAY_PUSH(p->warned, p->nwarned, p->warncap) = ot_strdup(p->scratch.ptr);
	ot_import_report_warn(p->rep, "%s:%u: <%s> outside any section is ignored", p->name, line_of(el),
			      (const char *)el->name);
}

/* Does unknown element el have a number: a <num> of the dialect, or a
 * <num> in el's own namespace (an element of another namespace, or one a
 * DTD's ATTLIST put in another namespace by a default xmlns)? */
static int has_num_child(const imp *p, const xmlNode *el)
{
	const xmlNode *c;
	for (c = el->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "num") != 0)
			continue;
		if (role_of(p, c) == R_NUM)
			return 1;
		if ((!c->ns && !el->ns) ||
		    (c->ns && el->ns && c->ns->href && el->ns->href &&
		     strcmp((const char *)c->ns->href, (const char *)el->ns->href) == 0))
			return 1;
	}
	return 0;
}

/* An inline unknown element is written with a space on each side, except
 * next to punctuation that binds to it: no space after an opening bracket
 * before it (glued_before) nor before a closing mark or bracket right
 * after it (glued_after), so "<x>NS</x>." reads "NS." and not "NS .". */
static int glued_before(const xmlNode *el)
{
	const xmlNode *t = el->prev;
	size_t n;
	if (!t || (t->type != XML_TEXT_NODE && t->type != XML_CDATA_SECTION_NODE) || !t->content)
		return 0;
	n = strlen((const char *)t->content);
	return n && strchr("([\"'", t->content[n - 1]) != NULL;
}

static int glued_after(const xmlNode *el)
{
	const xmlNode *t = el->next;
	if (!t || (t->type != XML_TEXT_NODE && t->type != XML_CDATA_SECTION_NODE) || !t->content)
		return 0;
	return t->content[0] && strchr(".,;:!?)]\"'", t->content[0]) != NULL;
}

/* ---- the walk ---------------------------------------------------------- */

static void on_text(imp *p, const xmlNode *t)
{
	frame *h;
	ot_buf *b;
	const char *s = (const char *)t->content;
	size_t n;
	if (!p->nfr || !s)
		return;
	n = strlen(s);
	b = sink_buf(p, &h);
	if (!b) {
		if (p->fr[p->nfr - 1].sink == SK_OUTSIDE && !p->warned_outside && has_text(s, n)) {
			p->warned_outside = 1;
			ot_import_report_warn(p->rep, "%s:%u: text outside any section is ignored", p->name,
					      line_of(t));
		}
		return;
	}
	if (h && !h->pending_line && has_text(s, n))
		h->pending_line = line_of(t);
	ot_buf_put(b, s, n);
}

/* Open a section or clause frame for el (num already normalised: owned
 * by the node afterwards). */
static void open_hier(imp *p, size_t fi, ot_node_kind kind, char *num)
{
	frame *f = &p->fr[fi];
	ot_node *node;
	if (kind == OT_NODE_SECTION) {
		node = ot_node_new(OT_NODE_SECTION, num, num, "", NULL);
		ot_doc_append(p->doc, node);
		p->sec = (long)fi;
	} else {
		frame *h = &p->fr[f->owner]; /* the parent hierarchy frame */
		ot_buf_clear(&p->scratch);
		ot_buf_puts(&p->scratch, h->node->id);
		ot_buf_puts(&p->scratch, num);
		node = ot_node_new(OT_NODE_CLAUSE, p->scratch.ptr, num, NULL, "");
		flush_pending(p, h);
		h->has_children = 1;
		ot_node_append(h->node, node);
	}
	free(num);
	node->line = f->line;
	f->node = node;
	f->sink = SK_HIER;
	f->owner = fi;
	f->in_unknown = 0;
}

/* Enter element el; *descend says whether to walk its children. */
static int enter(imp *p, xmlNode *el, int *descend)
{
	const role_entry *e = lookup(p, el);
	int role = e ? e->role : R_UNKNOWN, err, flow, between;
	size_t fi, parent = p->nfr ? p->nfr - 1 : 0;
	int has_parent = p->nfr > 0;
	char *raw = NULL, *num = NULL;
	unsigned numline = 0;

	*descend = 1;
	flow = p->nfr ? p->fr[p->nfr - 1].sink : SK_OUTSIDE;
	between = flow == SK_OUTSIDE || flow == SK_QUIET;
	if (role == R_ARTICLE)
		role = p->sec >= 0 ? R_CLAUSE : p->article_is_section ? R_SECTION : R_CONTAINER;
	if (role == R_SECTION && p->sec >= 0)
		role = R_CLAUSE; /* a section inside a section is one of its levels */
	if ((role == R_CONTAINER || role == R_CHAPTER) && p->sec >= 0)
		role = R_UNKNOWN;
	if ((role == R_SECTION && !between) || (role == R_CLAUSE && p->sec >= 0 && flow != SK_HIER) ||
	    (role == R_CLAUSE && p->sec < 0 && !between))
		role = R_INLINE_BLOCK; /* inside a note, heading, ...: its text */
	fi = push_frame(p, el, role);

	switch (role) {
	case R_SECTION:
		numline = p->fr[fi].line;
		if (!(raw = peek_num(p, el, &numline)))
			return ot_error_set(OT_EINVALID,
					    "%s:%u: <%s> has no <num>; a section needs a number like 2-173-020",
					    p->name, p->fr[fi].line, (const char *)el->name);
		err = section_number(&num, p, raw, numline);
		free(raw);
		if (err < 0)
			return err;
		open_hier(p, fi, OT_NODE_SECTION, num);
		return 0;
	case R_CLAUSE:
		if (p->sec < 0) {
			warn_outside(p, el);
			*descend = 0;
			return 0;
		}
		if (!(raw = peek_num(p, el, &numline))) {
			/* no number: not a clause; its text belongs to its parent */
			p->fr[fi].spaced = 1;
			put_space(p);
			return 0;
		}
		err = clause_marker(&num, p, raw, numline ? numline : p->fr[fi].line);
		free(raw);
		if (err < 0)
			return err;
		open_hier(p, fi, OT_NODE_CLAUSE, num);
		return 0;
	case R_CONTAINER:
	case R_CHAPTER:
	case R_TRANSPARENT:
	case R_INLINE:
		return 0;
	case R_NUM:
		if (has_parent && (p->fr[parent].role == R_INLINE_BLOCK || p->fr[parent].role == R_UNKNOWN))
			return 0; /* the number of a level that is only text, or
				     of an unknown element: kept in its text */
		/* fall through */
	case R_SKIP:
		*descend = 0;
		p->fr[fi].sink = SK_DISCARD;
		return 0;
	case R_HEADING:
		if (has_parent && p->fr[parent].node && p->fr[parent].node->kind == OT_NODE_SECTION) {
			p->fr[fi].sink = SK_AUX;
			p->fr[fi].owner = parent;
		} else if (has_parent && (p->fr[parent].role == R_CHAPTER || p->fr[parent].role == R_CONTAINER)) {
			p->fr[fi].sink = p->fr[parent].role == R_CHAPTER && !p->title_done ? SK_TITLE : SK_DISCARD;
			if (p->fr[fi].sink == SK_TITLE)
				ot_buf_clear(&p->title);
		} else {
			p->fr[fi].spaced = 1;
		}
		put_space(p);
		return 0;
	case R_BLOCK:
	case R_INLINE_BLOCK:
		p->fr[fi].spaced = 1;
		put_space(p);
		return 0;
	case R_BREAK:
		put_space(p);
		return 0;
	case R_NOTE:
		p->fr[fi].sink = SK_AUX;
		p->fr[fi].owner = fi;
		p->fr[fi].note_kind = note_kind(el, e->kind);
		return 0;
	case R_NOTES:
		p->fr[fi].sink = SK_DISCARD;
		return 0;
	case R_NOTEREF: {
		xmlChar *href = xmlGetProp(el, (const xmlChar *)"href");
		*descend = 0;
		p->fr[fi].sink = SK_DISCARD;
		if (href) {
			noteref *r = OT_ARRAY_PUSH(p->refs, p->nrefs, p->refcap);
			const char *h = (const char *)href;
			r->target = ot_strdup(h[0] == '#' ? h + 1 : h);
			r->section = p->sec >= 0 ? ot_strdup(p->fr[p->sec].node->num) : NULL;
			xmlFree(href);
		}
		return 0;
	}
	default: /* R_UNKNOWN: transparent, its text kept where it stands */
		if (!p->fr[fi].in_unknown)
			warn_unknown(p, el); /* its inner elements are part of it */
		p->fr[fi].in_unknown = 1;
		if (p->fr[fi].sink == SK_OUTSIDE)
			p->fr[fi].sink = SK_QUIET; /* warned already */
		p->fr[fi].spaced = 1;
		if (has_num_child(p, el)) {
			p->fr[fi].glue = 1;
			p->nglue++;
		}
		if (!glued_before(el))
			put_space(p);
		return 0;
	}
}

static void leave(imp *p)
{
	frame *f = &p->fr[p->nfr - 1], *h;
	ot_buf *b;
	if (f->glue)
		p->nglue--;
	if (f->node) {
		flush_pending(p, f);
		if (f->node->kind == OT_NODE_SECTION) {
			free(f->node->heading);
			f->node->heading = norm_dup(&p->scratch, f->aux.ptr, f->aux.len);
			p->sec = -1;
		} else {
			free(f->node->text);
			f->node->text = norm_dup(&p->scratch, f->own.ptr, f->own.len);
		}
	} else if (f->role == R_NOTE) {
		char *t = norm_dup(&p->scratch, f->aux.ptr, f->aux.len);
		if (*t)
			ot_doc_add_note(p->doc, p->sec >= 0 ? p->fr[p->sec].node->num : NULL, f->note_kind, t);
		free(t);
	} else if (f->sink == SK_TITLE && f->role == R_HEADING) {
		char *t = norm_dup(&p->scratch, p->title.ptr, p->title.len);
		if (*t && !p->doc->title) {
			p->doc->title = t;
			p->title_done = 1;
		} else {
			free(t);
		}
	} else if (f->spaced) {
		b = sink_buf(p, &h);
		if (b && b->len && !(f->role == R_UNKNOWN && glued_after(f->el)))
			ot_buf_putc(b, ' ');
		if (h && !p->nglue)
			flush_pending(p, h);
	}
	p->nfr--;
}

/* Walk the tree under root in document order without recursion. */
static int walk(imp *p, xmlNode *root)
{
	xmlNode *n = root;
	int descend = 0, err;
	if ((err = enter(p, n, &descend)) < 0)
		return err;
	for (;;) {
		if (descend && n->children) {
			n = n->children;
		} else {
			for (;;) {
				if (n->type == XML_ELEMENT_NODE)
					leave(p);
				if (n == root)
					return 0;
				if (n->next) {
					n = n->next;
					break;
				}
				n = n->parent;
			}
		}
		descend = 0;
		if (n->type == XML_ELEMENT_NODE) {
			if ((err = enter(p, n, &descend)) < 0)
				return err;
		} else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			on_text(p, n);
		}
	}
}

/* First element under root (root included) with the given role, found
 * without recursion; NULL if none.  Subtrees of R_SKIP elements are not
 * searched. */
static xmlNode *find_role(const imp *p, xmlNode *root, int role)
{
	xmlNode *n = root;
	while (n) {
		int r = n->type == XML_ELEMENT_NODE ? role_of(p, n) : -1;
		if (r == role)
			return n;
		if (n->children && r != R_SKIP && n->type == XML_ELEMENT_NODE) {
			n = n->children;
			continue;
		}
		while (n != root && !n->next)
			n = n->parent;
		if (n == root)
			return NULL;
		n = n->next;
	}
	return NULL;
}

/* An Akoma Ntoso document with no chapter heading may name itself in its
 * preface: <preface><longTitle><p><docTitle>Title</docTitle>.  The first
 * docTitle of the preface (of the root, or of the act or bill under it)
 * becomes the title when none was found.  Iterative: the preface is
 * walked with an explicit descent, never recursion. */
static void preface_title(imp *p, xmlNode *root)
{
	xmlNode *tops[2] = {root, NULL}, *c, *n;
	size_t k;
	for (c = root->children; c && !tops[1]; c = c->next)
		if (c->type == XML_ELEMENT_NODE && in_dialect(p, c) && c->children)
			tops[1] = c;
	for (k = 0; k < 2 && tops[k]; k++) {
		for (c = tops[k]->children; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE || !in_dialect(p, c) || strcmp((const char *)c->name, "preface") != 0)
				continue;
			n = c->children;
			while (n && n != c) {
				if (n->type == XML_ELEMENT_NODE && in_dialect(p, n) &&
				    strcmp((const char *)n->name, "docTitle") == 0) {
					xmlChar *txt = xmlNodeGetContent(n);
					char *t = txt ? norm_dup(&p->scratch, (const char *)txt, strlen((const char *)txt)) : NULL;
					xmlFree(txt);
					if (t && *t)
						p->doc->title = t;
					else
						free(t);
					return;
				}
				if (n->type == XML_ELEMENT_NODE && n->children) {
					n = n->children;
					continue;
				}
				while (n != c && !n->next)
					n = n->parent;
				if (n != c)
					n = n->next;
			}
		}
	}
}

/* Akoma Ntoso notes kept in <meta><notes><note eId="..."> and pointed at
 * by <noteRef href="#..."> in the body: into doc->notes, with the section
 * of the first noteRef that points at each. */
static void meta_notes(imp *p, xmlNode *root)
{
	xmlNode *meta = NULL, *n, *c;
	for (c = root->children; c && !meta; c = c->next) {
		xmlNode *d;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (role_of(p, c) == R_SKIP && strcmp((const char *)c->name, "meta") == 0)
			meta = c;
		for (d = c->children; d && !meta; d = d->next)
			if (d->type == XML_ELEMENT_NODE && strcmp((const char *)d->name, "meta") == 0 &&
			    in_dialect(p, d))
				meta = d;
	}
	if (!meta)
		return;
	for (c = meta->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !in_dialect(p, c) || strcmp((const char *)c->name, "notes") != 0)
			continue;
		for (n = c->children; n; n = n->next) {
			xmlChar *id, *txt;
			const char *section = NULL;
			size_t i;
			char *t;
			if (n->type != XML_ELEMENT_NODE || !in_dialect(p, n) || strcmp((const char *)n->name, "note") != 0)
				continue;
			id = xmlGetProp(n, (const xmlChar *)"eId");
			if (!id)
				id = xmlGetProp(n, (const xmlChar *)"id");
			for (i = 0; id && i < p->nrefs && !section; i++)
				if (strcmp(p->refs[i].target, (const char *)id) == 0)
					section = p->refs[i].section;
			xmlFree(id);
			txt = xmlNodeGetContent(n);
			t = norm_dup(&p->scratch, txt ? (const char *)txt : "", txt ? strlen((const char *)txt) : 0);
			xmlFree(txt);
			if (*t)
				ot_doc_add_note(p->doc, section, note_kind(n, "editorial"), t);
			free(t);
		}
	}
}

/* ---- checks after the pass --------------------------------------------- */

typedef struct ranked {
	const ot_node *node;
	size_t idx;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	int c = strcmp(x->node->num, y->node->num);
	if (c)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Two numbered nodes of the same number among nodes[0..n): an error
 * naming both lines.  rk is scratch space (grown as needed). */
static int check_unique(const imp *p, ot_node *const *nodes, size_t n, ranked **rk, size_t *rkcap, int sections)
{
	size_t i, k = 0;
	if (n < 2)
		return 0;
	ot_array_grow((void **)rk, rkcap, n, sizeof(**rk));
	for (i = 0; i < n; i++)
		if (nodes[i]->kind != OT_NODE_TEXT)
			(*rk)[k].node = nodes[i], (*rk)[k].idx = i, k++;
	if (k < 2)
		return 0;
	qsort(*rk, k, sizeof(**rk), cmp_ranked);
	for (i = 1; i < k; i++)
		if (strcmp((*rk)[i - 1].node->num, (*rk)[i].node->num) == 0) {
			if (sections)
				return ot_error_set(OT_EINVALID,
						    "%s:%u: duplicate section number '%.*s' (first at line %u); "
						    "each section may appear only once",
						    p->name, (*rk)[i].node->line, MAX_SHOW, (*rk)[i].node->id,
						    (*rk)[i - 1].node->line);
			return ot_error_set(OT_EINVALID,
					    "%s:%u: duplicate clause id '%.*s' (first at line %u); "
					    "renumber or remove one of them",
					    p->name, (*rk)[i].node->line, MAX_SHOW, (*rk)[i].node->id,
					    (*rk)[i - 1].node->line);
		}
	return 0;
}

static int check_ids(const imp *p)
{
	ranked *rk = NULL;
	size_t rkcap = 0, i;
	ot_node **stack = NULL;
	size_t ns = 0, scap = 0;
	int err = check_unique(p, p->doc->sections, p->doc->nsections, &rk, &rkcap, 1);
	for (i = 0; i < p->doc->nsections && !err; i++) {
		*OT_ARRAY_PUSH(stack, ns, scap) = p->doc->sections[i];
		while (ns && !err) {
			ot_node *cur = stack[--ns];
			unsigned k;
			err = check_unique(p, cur->children, cur->nchildren, &rk, &rkcap, 0);
			for (k = 0; k < cur->nchildren; k++)
				*OT_ARRAY_PUSH(stack, ns, scap) = cur->children[k];
		}
	}
	free(rk);
	free(stack);
	return err;
}

/* Nodes of a section in canonical-line order: map[L] is the node written
 * on canonical line L (1-based; 0 and blank lines NULL). */
static const ot_node **canonical_lines(const ot_node *section, size_t *nlines)
{
	const ot_node **map = NULL, **stack = NULL;
	size_t n = 0, cap = 0, ns = 0, scap = 0;
	*OT_ARRAY_PUSH(map, n, cap) = NULL; /* line 0 does not exist */
	*OT_ARRAY_PUSH(stack, ns, scap) = section;
	while (ns) {
		const ot_node *cur = stack[--ns];
		unsigned k;
		if (cur->kind == OT_NODE_TEXT)
			*OT_ARRAY_PUSH(map, n, cap) = NULL; /* the blank line */
		*OT_ARRAY_PUSH(map, n, cap) = cur;
		for (k = cur->nchildren; k > 0; k--)
			*OT_ARRAY_PUSH(stack, ns, scap) = cur->children[k - 1];
	}
	free(stack);
	*nlines = n;
	return map;
}

static unsigned xml_line(const ot_node **map, size_t nmap, unsigned canon_line, unsigned dflt)
{
	if (canon_line < nmap && map[canon_line] && map[canon_line]->line)
		return map[canon_line]->line;
	return dflt;
}

/* The first node of a (pre-order) that differs from its counterpart in b,
 * or NULL if the trees are equal. */
static const ot_node *first_difference(const ot_node *a, const ot_node *b)
{
	const ot_node **sa = NULL, **sb = NULL, *hit = NULL;
	size_t na = 0, nb = 0, ca = 0, cb = 0;
	*OT_ARRAY_PUSH(sa, na, ca) = a;
	*OT_ARRAY_PUSH(sb, nb, cb) = b;
	while (na && nb) {
		const ot_node *x = sa[--na], *y = sb[--nb];
		unsigned k;
		if (x->kind != y->kind || x->nchildren != y->nchildren || strcmp(x->id, y->id) != 0 ||
		    (x->text && y->text && strcmp(x->text, y->text) != 0) ||
		    (x->heading && y->heading && strcmp(x->heading, y->heading) != 0)) {
			hit = x;
			break;
		}
		for (k = x->nchildren; k > 0; k--)
			*OT_ARRAY_PUSH(sa, na, ca) = x->children[k - 1];
		for (k = y->nchildren; k > 0; k--)
			*OT_ARRAY_PUSH(sb, nb, cb) = y->children[k - 1];
	}
	free(sa);
	free(sb);
	return hit ? hit : a;
}

/* The plain-text parser's message for the canonical text of a section,
 * its "<canonical>:N: " prefix taken off (N into *line, 0 if none). */
static const char *canonical_message(const char *msg, unsigned *line)
{
	static const char pfx[] = "<canonical>:";
	*line = 0;
	if (strncmp(msg, pfx, sizeof(pfx) - 1) != 0)
		return msg;
	msg += sizeof(pfx) - 1;
	while (*msg >= '0' && *msg <= '9')
		*line = *line * 10 + (unsigned)(*msg++ - '0');
	if (*msg == ':')
		msg++;
	while (*msg == ' ')
		msg++;
	return msg;
}

/* Make every section obey the round-trip law (see the top comment): a
 * section whose canonical text reads back differently is replaced by what
 * it reads back as, with a warning and the XML lines kept.  Returns 0, or
 * OT_EINVALID when the canonical text does not read back as that one
 * section at all. */
static int check_round_trip(imp *p)
{
	ot_buf canon = OT_BUF_INIT;
	size_t i, nrestored = 0;
	int err = 0;
	for (i = 0; i < p->doc->nsections && !err; i++) {
		ot_node *sec = p->doc->sections[i], *nsec, **stack = NULL;
		ot_doc *back = NULL;
		const ot_node **map, *diff;
		size_t nmap = 0, ns = 0, scap = 0;
		ot_buf_clear(&canon);
		ot_section_canonical(&canon, sec);
		err = ot_doc_parse_text(&back, canon.ptr, canon.len, "<canonical>");
		if (!err && back->nsections == 1 && ot_node_equal(sec, back->sections[0])) {
			ot_doc_free(back);
			continue;
		}
		map = canonical_lines(sec, &nmap);
		if (err < 0) {
			char *msg = ot_strdup(ot_error_last());
			unsigned cl;
			const char *why = canonical_message(msg, &cl);
			err = ot_error_set(OT_EINVALID, "%s:%u: section %.*s cannot be stored as text: %s", p->name,
					   xml_line(map, nmap, cl, sec->line), MAX_SHOW, sec->num, why);
			free(msg);
		} else if (back->nsections != 1 || strcmp(back->sections[0]->num, sec->num) != 0) {
			unsigned cl = back->nsections > 1 ? back->sections[1]->line : 1;
			err = ot_error_set(OT_EINVALID,
					   "%s:%u: section %.*s cannot be stored as text: this paragraph would read "
					   "back as a section line; reword its start",
					   p->name, xml_line(map, nmap, cl, sec->line), MAX_SHOW, sec->num);
		} else {
			diff = first_difference(sec, back->sections[0]);
			if (++nrestored <= MAX_RESTRUCTURED_WARN)
				ot_import_report_warn(p->rep,
						      "%s:%u: %.*s cannot be kept exactly as structured (plain text reads "
						      "it differently); it is stored as its text reads",
						      p->name, diff->line ? diff->line : sec->line, MAX_SHOW, diff->id);
			/* keep the tree the text reads as, with the XML line of
			 * the node written on each canonical line */
			nsec = back->sections[0];
			*OT_ARRAY_PUSH(stack, ns, scap) = nsec;
			while (ns) {
				ot_node *cur = stack[--ns];
				unsigned k;
				cur->line = xml_line(map, nmap, cur->line, sec->line);
				for (k = 0; k < cur->nchildren; k++)
					*OT_ARRAY_PUSH(stack, ns, scap) = cur->children[k];
			}
			free(stack);
			back->nsections = 0;
			nsec->parent = NULL;
			p->doc->sections[i] = nsec;
			ot_node_free(sec);
		}
		free(map);
		ot_doc_free(back);
	}
	if (!err && nrestored > MAX_RESTRUCTURED_WARN)
		ot_import_report_warn(p->rep, "%s: %zu more sections are stored as their text reads (not listed)",
				      p->name, nrestored - MAX_RESTRUCTURED_WARN);
	ot_buf_release(&canon);
	return err;
}

/* ---- entry point ------------------------------------------------------- */

int ot_doc_import_xml(ot_doc **out, const char *data, size_t len, const char *name, ot_import_report *report)
{
	xmlDoc *xdoc = NULL;
	xmlNode *root;
	imp p;
	const role_entry *table;
	size_t ntable, i;
	int err;

	*out = NULL;
	memset(&p, 0, sizeof(p));
	p.name = name ? name : "<input>";
	p.rep = report;
	p.sec = -1;
	ot_buf_init(&p.title);
	ot_buf_init(&p.scratch);
	if (report)
		report->format = "codexml"; /* refined below, once the root is read */
	if ((err = ot_xml_read(&xdoc, data, len, p.name)) < 0) {
		/* libxml2's messages may run over several lines: keep one */
		if (strchr(ot_error_last(), '\n')) {
			ot_buf msg = OT_BUF_INIT;
			const char *c;
			for (c = ot_error_last(); *c; c++)
				if (*c == '\n')
					ot_buf_puts(&msg, c[1] ? "; " : "");
				else
					ot_buf_putc(&msg, *c);
			ot_error_set(err, "%s", msg.ptr);
			ot_buf_release(&msg);
		}
		goto done;
	}
	root = xmlDocGetRootElement(xdoc);
	if (root->ns && root->ns->href && strcmp((const char *)root->ns->href, NS_AKN) == 0) {
		p.dialect = D_AKN, table = akn_roles, ntable = OT_ARRAY_LEN(akn_roles);
		p.ns = NS_AKN;
	} else if (root->ns && root->ns->href &&
		   strncmp((const char *)root->ns->href, NS_USLM_PREFIX, strlen(NS_USLM_PREFIX)) == 0) {
		p.dialect = D_USLM, table = uslm_roles, ntable = OT_ARRAY_LEN(uslm_roles);
		p.ns = (const char *)root->ns->href;
	} else {
		p.dialect = D_CODE, table = code_roles, ntable = OT_ARRAY_LEN(code_roles);
		p.ns = root->ns && root->ns->href ? (const char *)root->ns->href : NULL;
	}
	if (report)
		report->format = p.dialect == D_AKN ? "akn" : p.dialect == D_USLM ? "uslm" : "codexml";
	p.roles = ot_malloc(ntable * sizeof(*p.roles));
	memcpy(p.roles, table, ntable * sizeof(*p.roles));
	p.nroles = ntable;
	qsort(p.roles, p.nroles, sizeof(*p.roles), cmp_roles);

	if (!find_role(&p, root, R_SECTION)) {
		xmlNode *art = find_role(&p, root, R_ARTICLE);
		if (art && art != root) {
			unsigned l = 0;
			char *num = peek_num(&p, art, &l);
			p.article_is_section = num != NULL;
			free(num);
		}
		if (!p.article_is_section) {
			ot_buf label = OT_BUF_INIT;
			elem_label(&label, &p, root);
			if (root->ns && root->ns->href && !strchr(label.ptr, '{')) {
				ot_buf_clear(&label);
				ot_buf_printf(&label, "{%s}%s", (const char *)root->ns->href, (const char *)root->name);
			}
			err = ot_error_set(OT_EINVALID,
					   "%s:%u: no section found (root element <%s>); ordtrack reads Akoma Ntoso "
					   "3.0, USLM 1.0 and code XML (section/para/num/heading/text)",
					   p.name, line_of(root), label.ptr);
			ot_buf_release(&label);
			goto done;
		}
	}

	p.doc = ot_doc_new();
	if ((err = walk(&p, root)) < 0)
		goto done;
	if (p.dialect == D_AKN)
		meta_notes(&p, root);
	if (p.dialect == D_AKN && !p.doc->title)
		preface_title(&p, root);
	if (!p.doc->nsections) {
		err = ot_error_set(OT_EINVALID, "%s:%u: no section found; every section element lies outside the text",
				   p.name, line_of(root));
		goto done;
	}
	if ((err = check_ids(&p)) < 0 || (err = check_round_trip(&p)) < 0)
		goto done;
	*out = p.doc;
	p.doc = NULL;
done:
	ot_doc_free(p.doc);
	xmlFreeDoc(xdoc);
	for (i = 0; i < p.frcap; i++) {
		ot_buf_release(&p.fr[i].own);
		ot_buf_release(&p.fr[i].pending);
		ot_buf_release(&p.fr[i].aux);
	}
	free(p.fr);
	for (i = 0; i < p.nwarned; i++)
		free(p.warned[i]);
	free(p.warned);
	for (i = 0; i < p.nrefs; i++) {
		free(p.refs[i].target);
		free(p.refs[i].section);
	}
	free(p.refs);
	free(p.roles);
	ot_buf_release(&p.title);
	ot_buf_release(&p.scratch);
	return err;
}
