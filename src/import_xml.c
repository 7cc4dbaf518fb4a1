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
 * Conservation (conserve.h, docs/conservation.md): every text node is a
 * unit of the check; the pieces gathered into a buffer are kept with it
 * (plist) and recorded against the final field once it exists (the
 * clause's text at its end, a TEXT node when it is made, a note, a
 * skipped entry).  Numbers are split into the node's number and syntax
 * ("§"); text of skipped elements (meta, toc, container numbers and
 * headings) becomes one doc->skipped entry per outermost element.  The
 * check runs last, on the finished document, while the libxml2 tree the
 * pieces point into still exists.
 *
 * Tables: a row is one TEXT node, cells joined by " | " (declared
 * made-up), placed where the canonical text reads it back (emit_row).
 *
 * After the pass: duplicate section numbers and clause ids are errors
 * naming both lines (sorting siblings, not comparing every pair), and each
 * section is written as canonical text and parsed back.  The canonical
 * text cannot carry every tree (a clause whose text starts like a marker,
 * an aftertext below a grandchild); such a section is refused, naming the
 * element and line of the first node that would change: never replaced
 * by what its text reads back as.
 *
 * Ownership: the returned ot_doc belongs to the caller; everything else
 * (the libxml2 document, frames, scratch buffers) is freed before return.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "conserve.h"
#include "internal.h"
#include "ordtrack/common.h"
#include "ordtrack/import.h"
#include "xmlsafe.h"

#define NS_AKN "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#define NS_USLM_PREFIX "http://xml.house.gov/schemas/uslm/"
#define NS_XINCLUDE "http://www.w3.org/2001/XInclude"
#define MAX_WARN_NAMES 50 /* distinct unknown elements warned about */
#define MAX_SHOW 120	  /* how much of a number or id a message shows */


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
	R_ROW,	       /* tr: one TEXT node of the clause's text, cells " | " */
	R_CELL,	       /* td, th: a cell of a row */
	R_GROUP,       /* annoGroup: notes whose kind its heading names */
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
	{"table", R_BLOCK, NULL}, {"tr", R_ROW, NULL}, {"td", R_CELL, NULL}, {"th", R_CELL, NULL},
	{"thead", R_TRANSPARENT, NULL}, {"tbody", R_TRANSPARENT, NULL}, {"tfoot", R_TRANSPARENT, NULL},
	{"colgroup", R_TRANSPARENT, NULL}, {"col", R_TRANSPARENT, NULL},
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
	{"continuation", R_BLOCK, NULL}, {"p", R_BLOCK, NULL}, {"table", R_BLOCK, NULL}, {"tr", R_ROW, NULL},
	{"td", R_CELL, NULL}, {"th", R_CELL, NULL}, {"thead", R_TRANSPARENT, NULL}, {"tbody", R_TRANSPARENT, NULL},
	{"tfoot", R_TRANSPARENT, NULL}, {"colgroup", R_TRANSPARENT, NULL}, {"col", R_TRANSPARENT, NULL},
	{"caption", R_BLOCK, NULL}, {"proviso", R_BLOCK, NULL}, {"quotedContent", R_BLOCK, NULL},
	{"quotedText", R_INLINE, NULL}, {"ref", R_INLINE, NULL}, {"date", R_INLINE, NULL},
	{"term", R_INLINE, NULL}, {"def", R_INLINE, NULL}, {"i", R_INLINE, NULL}, {"b", R_INLINE, NULL},
	{"u", R_INLINE, NULL}, {"inline", R_INLINE, NULL}, {"span", R_INLINE, NULL}, {"sup", R_INLINE, NULL},
	{"sub", R_INLINE, NULL}, {"shortTitle", R_INLINE, NULL}, {"a", R_INLINE, NULL}, {"em", R_INLINE, NULL},
	{"strong", R_INLINE, NULL}, {"br", R_BREAK, NULL}, {"sourceCredit", R_NOTE, "source"},
	{"note", R_NOTE, "editorial"}, {"notes", R_NOTES, NULL}, {"footnote", R_NOTE, "editorial"},
	{"meta", R_SKIP, NULL}, {"toc", R_SKIP, NULL},
};

/* Code XML as the DC Council publishes it (github.com/DCCouncil/law-xml):
 * container/section/para, num, heading, text, aftertext (wrap-up text
 * after a paragraph's subparagraphs), cite and code-cite (inline
 * citations), tables, annotations/annoGroup/annotation, the xi:include of
 * an index file (its XInclude namespace is read below), and metadata
 * (meta, effective, lastmod, ...) that is skipped and reported. */
static const role_entry code_roles[] = {
	{"code", R_TRANSPARENT, NULL}, {"document", R_TRANSPARENT, NULL}, {"doc", R_TRANSPARENT, NULL},
	{"body", R_TRANSPARENT, NULL}, {"library", R_TRANSPARENT, NULL}, {"collection", R_TRANSPARENT, NULL},
	{"container", R_CONTAINER, NULL}, {"title", R_CONTAINER, NULL}, {"part", R_CONTAINER, NULL},
	{"division", R_CONTAINER, NULL}, {"subchapter", R_CONTAINER, NULL}, {"chapter", R_CHAPTER, NULL},
	{"article", R_ARTICLE, NULL}, {"section", R_SECTION, NULL}, {"para", R_CLAUSE, NULL},
	{"subsection", R_CLAUSE, NULL}, {"paragraph", R_CLAUSE, NULL}, {"subparagraph", R_CLAUSE, NULL},
	{"clause", R_CLAUSE, NULL}, {"subclause", R_CLAUSE, NULL}, {"item", R_CLAUSE, NULL},
	{"num", R_NUM, NULL}, {"heading", R_HEADING, NULL}, {"text", R_BLOCK, NULL}, {"p", R_BLOCK, NULL},
	{"content", R_BLOCK, NULL}, {"aftertext", R_BLOCK, NULL}, {"intro", R_BLOCK, NULL},
	{"reason", R_INLINE, NULL}, {"b", R_INLINE, NULL}, {"i", R_INLINE, NULL}, {"u", R_INLINE, NULL},
	{"em", R_INLINE, NULL}, {"strong", R_INLINE, NULL}, {"span", R_INLINE, NULL}, {"cite", R_INLINE, NULL},
	{"code-cite", R_INLINE, NULL}, {"ref", R_INLINE, NULL}, {"term", R_INLINE, NULL}, {"def", R_INLINE, NULL},
	{"a", R_INLINE, NULL}, {"sup", R_INLINE, NULL}, {"sub", R_INLINE, NULL}, {"date", R_INLINE, NULL},
	{"s", R_INLINE, NULL}, {"ins", R_INLINE, NULL}, {"small", R_INLINE, NULL}, {"br", R_BREAK, NULL},
	{"table", R_BLOCK, NULL}, {"caption", R_BLOCK, NULL}, {"thead", R_TRANSPARENT, NULL},
	{"tbody", R_TRANSPARENT, NULL}, {"tfoot", R_TRANSPARENT, NULL}, {"colgroup", R_TRANSPARENT, NULL},
	{"col", R_TRANSPARENT, NULL}, {"tr", R_ROW, NULL}, {"td", R_CELL, NULL}, {"th", R_CELL, NULL},
	{"history", R_NOTE, "history"}, {"annotation", R_NOTE, "editorial"}, {"note", R_NOTE, "editorial"},
	{"source", R_NOTE, "source"}, {"annotations", R_NOTES, NULL}, {"notes", R_NOTES, NULL},
	{"annoGroup", R_GROUP, NULL}, {"meta", R_SKIP, NULL}, {"toc", R_SKIP, NULL},
	{"prefix", R_SKIP, NULL}, {"effective", R_SKIP, NULL}, {"lastmod", R_SKIP, NULL},
	{"expiration", R_SKIP, NULL}, {"recency", R_SKIP, NULL}, {"order", R_SKIP, NULL},
	{"search-heading", R_SKIP, NULL}, {"include", R_SKIP, NULL},
};

/* Where the text directly inside an element goes.  Sections open only
 * where the sink is SK_OUTSIDE or SK_QUIET (text between sections), and
 * clauses only where it is SK_HIER: a section or clause element inside a
 * note, heading or ignored part is plain text of that part. */


/* Where the text directly inside an element goes.  Sections open only
 * where the sink is SK_OUTSIDE or SK_QUIET (text between sections), and
 * clauses only where it is SK_HIER: a section or clause element inside a
 * note, heading or skipped part is plain text of that part. */
enum sink {
	SK_OUTSIDE, /* between sections: a skipped entry each, one warning */
	SK_QUIET,   /* between sections, already warned about: likewise */
	SK_SKIP,    /* skipped material: the aux buffer of frame `owner`,
	               which becomes one entry of doc->skipped */
	SK_SYNTAX,  /* consumed on purpose (an annoGroup heading that names
	               the kind of its notes) */
	SK_NUM,	    /* the <num> of frame `owner`'s parent (its aux) */
	SK_HIER,    /* the hierarchy frame `owner` (see sink_buf) */
	SK_AUX,	    /* the aux buffer of frame `owner` */
	SK_TITLE    /* the document title */
};

/* A piece of a text node gathered into a buffer, recorded with the
 * conservation check once the buffer's destination exists (a node's
 * field, a note, a skipped entry): unit NO_UNIT is made-up text (the
 * " | " between table cells), s static. */
#define NO_UNIT ((size_t)-1)
typedef struct cvpiece {
	size_t unit;
	const char *s;
	size_t n;
} cvpiece;

typedef struct plist {
	cvpiece *v;
	size_t n, cap;
} plist;

typedef struct frame {
	xmlNode *el;
	int role;     /* as classified; R_SECTION/R_CLAUSE frames with a
	                 node are the hierarchy frames */
	int sink;     /* enum sink */
	size_t owner; /* SK_HIER: the hierarchy frame; SK_AUX, SK_SKIP,
	                 SK_NUM: the frame whose aux buffer collects */
	size_t hparent; /* hierarchy frames of a clause: the frame of the
	                   parent node */
	int spaced;   /* a block: a space before and after, flush at end */
	int in_unknown; /* inside an unknown element, in the same section or
	                   clause (such an element gives no warning of its own) */
	int glue;     /* an unknown element with a number: its number and
	                 all its text make one paragraph (no flush inside) */
	int sealed;   /* a clause with a table row below its text and no
	                 child clause: what follows is its parent's text, as
	                 the canonical text reads it */
	int ncells;   /* R_ROW: cells so far */
	int meta;     /* inside an Akoma Ntoso <meta> */
	int title_cand; /* an Akoma Ntoso preface <docTitle> */
	ot_node *node; /* hierarchy frames: the SECTION or CLAUSE */
	xmlNode *num_el; /* hierarchy frames: the <num> its number came from */
	int num_value;	 /* ... from that num's value attribute */
	int has_children;
	unsigned ntext;	       /* TEXT children of node so far */
	unsigned pending_line; /* line of the first text in pending */
	const xmlNode *pending_el; /* the element of that text */
	int skipblock;	/* its aux becomes an entry of doc->skipped */
	const char *note_kind;
	const char *group_kind; /* R_GROUP, R_NOTE: kind its heading named */
	unsigned line;
	ot_buf own;	/* clause text, before its first child */
	ot_buf pending; /* the next TEXT node */
	ot_buf aux;	/* section heading, note text, skipped text, num */
	plist own_pc, pending_pc, aux_pc; /* their pieces */
} frame;

typedef struct noteref {
	char *target;  /* href without '#' */
	char *section; /* number of the section it stands in, or NULL */
} noteref;

/* An Akoma Ntoso <meta><notes><note eId=...>: doc->notes[index], whose
 * section is the one of the first noteRef pointing at it. */
typedef struct metanote {
	size_t index;
	char *eid;
} metanote;

/* One warning per distinct key (an element name, a kind of event), with
 * the line of its first occurrence and a count; written at the end. */
typedef struct warned {
	char *key;
	char *msg;
	unsigned count;
} warned;

/* A node and the element it came from, for messages. */
typedef struct origin {
	const ot_node *node;
	const char *element;
} origin;

typedef struct imp {
	const char *name;
	int dialect;
	const char *ns; /* the dialect's namespace URI, NULL: none */
	role_entry *roles;
	size_t nroles;
	int article_is_section;
	ot_doc *doc;
	ot_import_report *rep;
	ot_conserve *cv;
	frame *fr;
	size_t nfr, frcap;
	long sec; /* index of the open section frame, -1 if none */
	ot_buf title;
	plist title_pc;
	int title_done;
	ot_buf cand; /* preface docTitle: the title if no chapter gives one */
	plist cand_pc;
	unsigned cand_line;
	int cand_done;
	ot_buf scratch;
	warned *warned;
	size_t nwarned, warncap;
	int warned_more;
	unsigned nglue;	   /* open frames with glue set */
	noteref *refs;
	size_t nrefs, refcap;
	metanote *mnotes;
	size_t nmnotes, mnotecap;
	origin *orig;
	size_t norig, origcap;
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

/* The note kind a label names ("History", "Prior Codifications", "Cross
 * References", "Editor's Notes", "Effect of Amendments"), or NULL. */
static const char *kind_named(const char *v)
{
	if (ci_contains(v, "histor") || (ci_contains(v, "amendment") && !ci_contains(v, "effect")))
		return "history";
	if (ci_contains(v, "source") || ci_contains(v, "codification"))
		return "source";
	if (ci_contains(v, "cross") || ci_contains(v, "reference"))
		return "cross-reference";
	if (ci_contains(v, "editor") || ci_contains(v, "effect") || ci_contains(v, "note"))
		return "editorial";
	return NULL;
}

/* The note kind of element el with default kind: a class, type, topic,
 * role or status attribute that names a kind decides. */
static const char *note_kind(const xmlNode *el, const char *dflt)
{
	static const char *const attrs[] = {"class", "type", "topic", "role", "status"};
	size_t i;
	for (i = 0; i < OT_ARRAY_LEN(attrs); i++) {
		xmlChar *v = xmlGetProp(el, (const xmlChar *)attrs[i]);
		const char *kind;
		if (!v)
			continue;
		kind = kind_named((const char *)v);
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

/* Is s[0..n) one of an insertion's forms: 1-3 digits without a leading
 * zero, a roman numeral, or one letter ("5", "i", "A")? */
static int insertion_ok(const char *s, size_t n)
{
	size_t j;
	if (!n)
		return 0;
	if (is_digit(s[0])) {
		if (n > 3 || s[0] == '0')
			return 0;
		for (j = 0; j < n; j++)
			if (!is_digit(s[j]))
				return 0;
		return 1;
	}
	for (j = 0; j < n; j++)
		if (!is_alpha(s[j]))
			return 0;
	return n == 1 || roman_value(s, n) != 0;
}

/* Is inner (what goes between the parentheses) a marker the plain-text
 * parser reads (parse_text.c, parse_marker): a base of 1-3 digits without
 * a leading zero, 1-4 repeats of one letter, or a roman numeral, all of
 * one case; after digits a letter suffix ("5A", "9a", "12AA"); then an
 * insertion "-" or "." and 1-3 digits, a roman numeral or one letter
 * ("b-5", "b.1", "E-i", "12A-i", "a-1"); at most 8 characters? */
static int marker_ok(const char *inner)
{
	size_t k = 0, j, b, n = strlen(inner), sl = 0;
	int lower = 1, upper = 1, same = 1;
	if (n == 0 || n > 8)
		return 0;
	if (is_digit(inner[0])) {
		while (k < n && is_digit(inner[k]))
			k++;
		if (k > 3 || inner[0] == '0')
			return 0;
		while (k < n && is_alpha(inner[k]) && sl < 3)
			k++, sl++;
		if (sl > 2 || (sl == 2 && inner[k - 1] != inner[k - 2]))
			return 0;
		b = 0;
	} else {
		while (k < n && is_alpha(inner[k]))
			k++;
		b = k;
		if (!b)
			return 0;
		for (j = 0; j < b; j++) {
			lower &= inner[j] >= 'a' && inner[j] <= 'z';
			upper &= inner[j] >= 'A' && inner[j] <= 'Z';
			same &= inner[j] == inner[0];
		}
		if (!lower && !upper)
			return 0;
		if (!((same && b <= 4) || roman_value(inner, b) != 0))
			return 0;
	}
	if (k == n)
		return 1;
	if (inner[k] != '-' && inner[k] != '.')
		return 0;
	return n - k - 1 <= 5 && insertion_ok(inner + k + 1, n - k - 1);
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

/* The <num> child of el: its text (its value attribute first, as USLM
 * writes <num value="a">(a)</num>; *value is then 1), normalised, its
 * element in *num_el and line in *line; NULL when el has no num or it
 * is empty.  Caller frees. */
static char *peek_num(imp *p, const xmlNode *el, unsigned *line, xmlNode **num_el, int *value)
{
	xmlNode *c;
	*num_el = NULL;
	*value = 0;
	for (c = el->children; c; c = c->next) {
		xmlChar *v;
		char *s;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		/* the dialect's <num>, or (of an unknown element) a <num> of
		 * the element's own namespace */
		if (role_of(p, c) != R_NUM &&
		    !(strcmp((const char *)c->name, "num") == 0 &&
		      ((!c->ns && !el->ns) || (c->ns && el->ns && c->ns->href && el->ns->href &&
					       strcmp((const char *)c->ns->href, (const char *)el->ns->href) == 0))))
			continue;
		*line = line_of(c);
		*num_el = c;
		v = xmlGetProp(c, (const xmlChar *)"value");
		if (v && has_text((const char *)v, strlen((const char *)v))) {
			*value = 1;
		} else {
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

/* Section number from a <num> text: "Sec. 2-173-020." -> "2-173-020".
 * A number the text form cannot carry is refused, saying which number
 * and why ('28:1-101': a ':' names no file safely on every system). */
static int section_number(char **out, imp *p, char *raw, unsigned line)
{
	const char *s = strip_prefix(raw);
	size_t n = strlen(s);
	while (n && (s[n - 1] == '.' || s[n - 1] == ' ' || s[n - 1] == ':'))
		n--;
	*out = ot_strndup(s, n);
	if (!section_number_ok(*out)) {
		const char *colon = strchr(*out, ':');
		int err;
		if (colon)
			err = ot_error_set(OT_EINVALID,
					   "%s:%u: section number '%.*s' contains ':', which a section number may not "
					   "(each section is stored as a file named by its number, and ':' is unsafe in "
					   "file names on some systems); this file's section is not imported",
					   p->name, line, MAX_SHOW, *out);
		else
			err = ot_error_set(OT_EINVALID,
					   "%s:%u: section number '%.*s' is not a number like 2-173-020, 12.5 or 101; "
					   "fix the <num> of this section",
					   p->name, line, MAX_SHOW, raw);
		free(*out);
		*out = NULL;
		return err;
	}
	return 0;
}

/* The warning of key `key` (one per file; counted), message printf-made
 * on its first occurrence. */
static void warn_once(imp *p, const char *key, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Would clause_marker accept raw? */
static int marker_text_ok(const char *raw)
{
	size_t n = strlen(raw);
	char *inner;
	int ok;
	if (n >= 2 && raw[0] == '[' && raw[n - 1] == ']')
		raw++, n -= 2;
	if (n && raw[0] == '(')
		raw++, n--;
	while (n && (raw[n - 1] == '.' || raw[n - 1] == ')'))
		n--;
	inner = ot_strndup(raw, n);
	ok = marker_ok(inner);
	free(inner);
	return ok;
}

/* Clause marker from a <num> text: "a", "(a)", "a." or "a)" -> "(a)".
 * A bracketed number "[(a)]" (the DC code's mark for a number the
 * codifier supplied, not in the enacted text) reads as (a); the brackets
 * are syntax, with one counted warning per file. */
static int clause_marker(char **out, imp *p, const char *raw, unsigned line)
{
	const char *s = raw;
	size_t n = strlen(s);
	int bracket = 0;
	char *inner;
	if (n >= 2 && s[0] == '[' && s[n - 1] == ']')
		s++, n -= 2, bracket = 1;
	if (n && s[0] == '(')
		s++, n--;
	while (n && (s[n - 1] == '.' || s[n - 1] == ')'))
		n--;
	inner = ot_strndup(s, n);
	if (!marker_ok(inner)) {
		free(inner);
		*out = NULL;
		return ot_error_set(OT_EINVALID,
				    "%s:%u: clause number '%.*s' cannot be written as a marker like (a), (1), (A), "
				    "(iv), (1A) or (E-i); fix the <num>",
				    p->name, line, MAX_SHOW, raw);
	}
	if (bracket)
		warn_once(p, "bracket",
			  "%s:%u: bracketed clause number '%.*s' read as (%s): the brackets (a number the "
			  "codifier supplied) are not kept in the text",
			  p->name, line, MAX_SHOW, raw, inner);
	ot_buf_clear(&p->scratch);
	ot_buf_printf(&p->scratch, "(%s)", inner);
	free(inner);
	*out = ot_strdup(p->scratch.ptr);
	return 0;
}


/* ---- pieces, frames and sinks ------------------------------------------ */

static int ascii_blank(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

static void pl_push(plist *l, size_t unit, const char *s, size_t n)
{
	cvpiece *c;
	/* trimmed: the check then matches the piece with one memcmp */
	while (n && ascii_blank(*s))
		s++, n--;
	while (n && ascii_blank(s[n - 1]))
		n--;
	if (!n)
		return;
	c = OT_ARRAY_PUSH(l->v, l->n, l->cap);
	c->unit = unit;
	c->s = s;
	c->n = n;
}

/* Record every piece of l as gone to (field, owner, index); empties l. */
static void pl_put(imp *p, plist *l, int field, const void *owner, size_t index)
{
	size_t i;
	for (i = 0; i < l->n; i++) {
		if (l->v[i].unit == NO_UNIT)
			ot_conserve_synth(p->cv, l->v[i].s, l->v[i].n, field, owner, index);
		else
			ot_conserve_put(p->cv, l->v[i].unit, l->v[i].s, l->v[i].n, field, owner, index);
	}
	l->n = 0;
}

/* Append the pieces of src to dst; empties src. */
static void pl_move(plist *dst, plist *src)
{
	size_t i;
	for (i = 0; i < src->n; i++)
		pl_push(dst, src->v[i].unit, src->v[i].s, src->v[i].n);
	src->n = 0;
}

static void note_origin(imp *p, const ot_node *n, const xmlNode *el)
{
	origin *o = OT_ARRAY_PUSH(p->orig, p->norig, p->origcap);
	o->node = n;
	o->element = el ? (const char *)el->name : "text";
}

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
	f->sealed = 0;
	f->ncells = 0;
	f->title_cand = 0;
	f->node = NULL;
	f->num_el = NULL;
	f->num_value = 0;
	f->has_children = 0;
	f->ntext = 0;
	f->pending_line = 0;
	f->pending_el = NULL;
	f->skipblock = 0;
	f->note_kind = NULL;
	f->group_kind = NULL;
	f->hparent = 0;
	f->line = line_of(el);
	ot_buf_clear(&f->own);
	ot_buf_clear(&f->pending);
	ot_buf_clear(&f->aux);
	f->own_pc.n = f->pending_pc.n = f->aux_pc.n = 0;
	if (p->nfr) {
		f->sink = p->fr[p->nfr - 1].sink;
		f->owner = p->fr[p->nfr - 1].owner;
		f->in_unknown = p->fr[p->nfr - 1].in_unknown;
		f->meta = p->fr[p->nfr - 1].meta;
		f->group_kind = p->fr[p->nfr - 1].group_kind;
	} else {
		f->in_unknown = 0;
		f->meta = 0;
		f->sink = SK_OUTSIDE;
		f->owner = 0;
	}
	return p->nfr++;
}

/* Frame fi starts a block of skipped material: its text and that of
 * everything inside it becomes one entry of doc->skipped. */
static void start_skip(imp *p, size_t fi)
{
	p->fr[fi].sink = SK_SKIP;
	p->fr[fi].owner = fi;
	p->fr[fi].skipblock = 1;
}

/* The buffer text at the top frame goes to (NULL: none), and its list of
 * pieces in *pl; *hier is set to the hierarchy frame when it is that
 * frame's pending paragraph. */
static ot_buf *sink_buf(imp *p, frame **hier, plist **pl)
{
	frame *top = &p->fr[p->nfr - 1], *h;
	*hier = NULL;
	*pl = NULL;
	switch (top->sink) {
	case SK_AUX:
	case SK_SKIP:
	case SK_NUM:
		*pl = &p->fr[top->owner].aux_pc;
		return &p->fr[top->owner].aux;
	case SK_TITLE:
		*pl = &p->title_pc;
		return &p->title;
	case SK_HIER:
		h = &p->fr[top->owner];
		if (h->node->kind == OT_NODE_CLAUSE && !h->has_children && !h->sealed) {
			*pl = &h->own_pc;
			return &h->own;
		}
		if (h->sealed && !h->has_children)
			h = &p->fr[h->hparent];
		*hier = h;
		*pl = &h->pending_pc;
		return &h->pending;
	default:
		return NULL;
	}
}

/* Turn a hierarchy frame's pending text into a TEXT node, if it has any;
 * its origin is the element of its first text (for messages). */
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
		h->pending_pc.n = 0; /* blank: nothing to account for */
		h->pending_line = 0;
		return;
	}
	ot_buf_clear(&p->scratch);
	ot_buf_printf(&p->scratch, "%s~%u", h->node->id, ++h->ntext);
	n = ot_node_new(OT_NODE_TEXT, p->scratch.ptr, NULL, NULL, NULL);
	n->text = t;
	n->line = h->pending_line ? h->pending_line : h->line;
	ot_node_append(h->node, n);
	pl_put(p, &h->pending_pc, OT_CV_TEXT, n, 0);
	note_origin(p, n, h->pending_el);
	h->pending_line = 0;
	h->pending_el = NULL;
}

static void put_space(imp *p)
{
	frame *h;
	plist *pl;
	ot_buf *b = sink_buf(p, &h, &pl);
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

static void warn_once(imp *p, const char *key, const char *fmt, ...)
{
	size_t i;
	va_list ap;
	for (i = 0; i < p->nwarned; i++)
		if (strcmp(p->warned[i].key, key) == 0) {
			p->warned[i].count++;
			return;
		}
	if (p->nwarned == MAX_WARN_NAMES) {
		p->warned_more = 1;
		return;
	}
	{
		warned *w = OT_ARRAY_PUSH(p->warned, p->nwarned, p->warncap);
		ot_buf m = OT_BUF_INIT;
		w->key = ot_strdup(key);
		w->count = 1;
		va_start(ap, fmt);
		ot_buf_vprintf(&m, fmt, ap);
		va_end(ap);
		w->msg = ot_strdup(m.ptr ? m.ptr : "");
		ot_buf_release(&m);
	}
}

/* The warnings, one per key, with the count when it occurred more than
 * once. */
static void flush_warnings(imp *p)
{
	size_t i;
	for (i = 0; i < p->nwarned; i++) {
		if (p->warned[i].count > 1)
			ot_import_report_warn(p->rep, "%s; %u in this file, the first at this line", p->warned[i].msg,
					      p->warned[i].count);
		else
			ot_import_report_warn(p->rep, "%s", p->warned[i].msg);
	}
	if (p->warned_more)
		ot_import_report_warn(p->rep, "%s: more kinds of unknown elements (not listed); their text is kept",
				      p->name);
}

/* An unknown element: one warning per distinct name, counted. */
static void warn_unknown(imp *p, const xmlNode *el)
{
	const char *where = p->nfr ? hier_id(p, &p->fr[p->nfr - 1]) : NULL;
	ot_buf label = OT_BUF_INIT;
	elem_label(&label, p, el);
	if (where)
		warn_once(p, label.ptr, "%s:%u: unknown element <%s> (its text is kept in %.*s)", p->name,
			  line_of(el), label.ptr, MAX_SHOW, where);
	else
		warn_once(p, label.ptr, "%s:%u: unknown element <%s> outside any section (its text is skipped)",
			  p->name, line_of(el), label.ptr);
	ot_buf_release(&label);
}

/* A clause element with no section around it: one warning per name. */
static void warn_outside(imp *p, const xmlNode *el)
{
	ot_buf_clear(&p->scratch);
	ot_buf_puts(&p->scratch, "outside:");
	ot_buf_puts(&p->scratch, (const char *)el->name);
	warn_once(p, p->scratch.ptr, "%s:%u: <%s> outside any section is skipped", p->name, line_of(el),
		  (const char *)el->name);
}

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

/* One entry of doc->skipped from frame f's aux buffer, if it holds any
 * text. */
static void emit_skip(imp *p, frame *f, ot_buf *b, plist *pl, unsigned line)
{
	char *t = norm_dup(&p->scratch, b->ptr ? b->ptr : "", b->len);
	(void)f;
	if (*t) {
		size_t idx = p->doc->nskipped;
		ot_doc_add_skip(p->doc, line, "markup", t);
		pl_put(p, pl, OT_CV_SKIP, NULL, idx);
	} else {
		pl->n = 0;
	}
	free(t);
	ot_buf_clear(b);
}

static void on_text(imp *p, const xmlNode *t)
{
	frame *h, *top;
	plist *pl;
	ot_buf *b;
	const char *s = (const char *)t->content;
	size_t n, u = NO_UNIT;
	int has;
	if (!p->nfr || !s)
		return;
	n = strlen(s);
	has = has_text(s, n);
	if (has)
		u = ot_conserve_unit(p->cv, s, n, line_of(t));
	top = &p->fr[p->nfr - 1];
	if (top->sink == SK_SYNTAX) {
		if (has)
			ot_conserve_put(p->cv, u, s, n, OT_CV_SYNTAX, NULL, 0);
		return;
	}
	b = sink_buf(p, &h, &pl);
	if (!b) { /* between sections: skipped, one entry per text */
		char *c;
		size_t idx = p->doc->nskipped;
		if (!has)
			return;
		if (top->sink == SK_OUTSIDE)
			warn_once(p, "outside-text", "%s:%u: text outside any section is skipped", p->name,
				  line_of(t));
		c = norm_dup(&p->scratch, s, n);
		ot_doc_add_skip(p->doc, line_of(t), "markup", c);
		free(c);
		ot_conserve_put(p->cv, u, s, n, OT_CV_SKIP, NULL, idx);
		return;
	}
	if (has && ot_test_plant_fires()) { /* a planted loss (tests only) */
		if (ot_test_plant_loss.kind == 1)
			pl_push(pl, u, s, n);
		return;
	}
	if (h && !h->pending_line && has) {
		h->pending_line = line_of(t);
		h->pending_el = top->el;
	}
	ot_buf_put(b, s, n);
	if (has)
		pl_push(pl, u, s, n);
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
		/* the parent's own text is complete: recorded now, so that
		 * pieces come in document order (the check's fast path) */
		if (h->node->kind == OT_NODE_CLAUSE && !h->has_children)
			pl_put(p, &h->own_pc, OT_CV_TEXT, h->node, 0);
		h->has_children = 1;
		ot_node_append(h->node, node);
		f->hparent = f->owner;
	}
	free(num);
	node->line = f->line;
	note_origin(p, node, f->el);
	f->node = node;
	f->sink = SK_HIER;
	f->owner = fi;
	f->in_unknown = 0;
}

/* The pieces of the <num> of hierarchy frame hf (gathered by num frame
 * f): the characters that are the node's number go to its NUM field, the
 * rest ("§", "Sec.", a final dot, brackets) is syntax; parentheses the
 * node's marker has and the text has not ("a" -> "(a)") are made up.  A
 * number taken from a value attribute that the text does not show is
 * made up whole, and the text is syntax. */
static void map_num(imp *p, frame *f, frame *hf)
{
	const ot_node *node = hf->node;
	const char *want = node->num;
	size_t wl = strlen(want), i, off, q = 0, q0, q1;
	int clause = node->kind == OT_NODE_CLAUSE, found = 0, open = 0, close = 0;
	ot_buf r = OT_BUF_INIT;
	if (clause && wl >= 2)
		want++, wl -= 2;
	for (i = 0; i < f->aux_pc.n; i++)
		if (f->aux_pc.v[i].unit != NO_UNIT)
			ot_buf_put(&r, f->aux_pc.v[i].s, f->aux_pc.v[i].n);
	for (q = 0; wl && r.len >= wl && q + wl <= r.len && !found; q++)
		if (memcmp(r.ptr + q, want, wl) == 0) {
			found = 1;
			break;
		}
	if (!found) {
		ot_conserve_synth(p->cv, node->num, strlen(node->num), OT_CV_NUM, node, 0);
		for (i = 0; i < f->aux_pc.n; i++)
			if (f->aux_pc.v[i].unit != NO_UNIT)
				ot_conserve_put(p->cv, f->aux_pc.v[i].unit, f->aux_pc.v[i].s, f->aux_pc.v[i].n,
						OT_CV_SYNTAX, NULL, 0);
		goto done;
	}
	q0 = q;
	q1 = q + wl;
	if (clause) {
		if (q0 > 0 && r.ptr[q0 - 1] == '(')
			q0--;
		else
			open = 1;
		if (q1 < r.len && r.ptr[q1] == ')')
			q1++;
		else
			close = 1;
	}
	if (open)
		ot_conserve_synth(p->cv, "(", 1, OT_CV_NUM, node, 0);
	for (i = 0, off = 0; i < f->aux_pc.n; i++) {
		const cvpiece *c = &f->aux_pc.v[i];
		size_t a = off, b = off + c->n, x, y;
		if (c->unit == NO_UNIT)
			continue;
		off = b;
		x = a > q0 ? a : q0; /* the number's part of this piece: [x, y) */
		y = b < q1 ? b : q1;
		if (x >= y) {
			ot_conserve_put(p->cv, c->unit, c->s, c->n, OT_CV_SYNTAX, NULL, 0);
			continue;
		}
		ot_conserve_put(p->cv, c->unit, c->s, x - a, OT_CV_SYNTAX, NULL, 0);
		ot_conserve_put(p->cv, c->unit, c->s + (x - a), y - x, OT_CV_NUM, node, 0);
		ot_conserve_put(p->cv, c->unit, c->s + (y - a), b - y, OT_CV_SYNTAX, NULL, 0);
	}
	if (close)
		ot_conserve_synth(p->cv, ")", 1, OT_CV_NUM, node, 0);
done:
	f->aux_pc.n = 0;
	ot_buf_release(&r);
}

/* A table row: one TEXT node.  Its place is where the canonical text
 * reads a paragraph back: below a clause that has child clauses, that
 * clause's; below a clause without any (a paragraph's own table), the
 * clause's parent's, after it (and the clause is sealed: its text that
 * follows is the parent's too). */
static void emit_row(imp *p, frame *f)
{
	frame *h = &p->fr[f->hparent], *tgt = h;
	ot_node *n;
	char *t = norm_dup(&p->scratch, f->aux.ptr ? f->aux.ptr : "", f->aux.len);
	if (!*t) {
		free(t);
		f->aux_pc.n = 0;
		return;
	}
	if (h->node->kind == OT_NODE_CLAUSE && !h->has_children) {
		if (!h->sealed) /* its own text is complete */
			pl_put(p, &h->own_pc, OT_CV_TEXT, h->node, 0);
		h->sealed = 1;
		tgt = &p->fr[h->hparent];
	}
	flush_pending(p, tgt);
	ot_buf_clear(&p->scratch);
	ot_buf_printf(&p->scratch, "%s~%u", tgt->node->id, ++tgt->ntext);
	n = ot_node_new(OT_NODE_TEXT, p->scratch.ptr, NULL, NULL, NULL);
	n->text = t;
	n->line = f->line;
	ot_node_append(tgt->node, n);
	pl_put(p, &f->aux_pc, OT_CV_TEXT, n, 0);
	note_origin(p, n, f->el);
}

/* Is el inside an element of the dialect named `name`? */
static int inside(const imp *p, const xmlNode *el, const char *name)
{
	for (el = el->parent; el && el->type == XML_ELEMENT_NODE; el = el->parent)
		if (in_dialect(p, el) && strcmp((const char *)el->name, name) == 0)
			return 1;
	return 0;
}

static int named(const xmlNode *el, const char *name)
{
	return el && el->type == XML_ELEMENT_NODE && strcmp((const char *)el->name, name) == 0;
}

/* The kind the <heading> of an annoGroup names, or NULL. */
static const char *group_kind(const imp *p, const xmlNode *el)
{
	const xmlNode *c;
	for (c = el->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && role_of(p, c) == R_HEADING) {
			xmlChar *v = xmlNodeGetContent(c);
			const char *k = v ? kind_named((const char *)v) : NULL;
			xmlFree(v);
			return k;
		}
	return NULL;
}

/* Enter element el; *descend says whether to walk its children. */
static int enter(imp *p, xmlNode *el, int *descend)
{
	const role_entry *e = lookup(p, el);
	int role = e ? e->role : R_UNKNOWN, err, flow, between, value = 0;
	size_t fi, parent = p->nfr ? p->nfr - 1 : 0;
	int has_parent = p->nfr > 0;
	char *raw = NULL, *num = NULL;
	unsigned numline = 0;
	xmlNode *num_el = NULL;
	int unknown_clause = 0;

	*descend = 1;
	flow = p->nfr ? p->fr[p->nfr - 1].sink : SK_OUTSIDE;
	if (flow == SK_SKIP || flow == SK_SYNTAX || flow == SK_NUM) {
		/* inside skipped material, syntax or a number every element is
		 * part of it; but Akoma Ntoso keeps notes in <meta><notes>
		 * and may name the document in a <preface> <docTitle> */
		fi = push_frame(p, el, R_TRANSPARENT);
		if (flow == SK_SKIP) {
			p->fr[fi].spaced = 1; /* "2024-01-01 2024-02-02" */
			put_space(p);
		}
		if (flow != SK_SKIP || p->dialect != D_AKN || !in_dialect(p, el))
			return 0;
		if (named(el, "note") && named(el->parent, "notes") && el->parent->parent &&
		    named(el->parent->parent, "meta")) {
			p->fr[fi].role = R_NOTE;
			p->fr[fi].sink = SK_AUX;
			p->fr[fi].owner = fi;
			p->fr[fi].note_kind = note_kind(el, "editorial");
		} else if (named(el, "docTitle") && !p->cand_done && inside(p, el, "preface")) {
			p->fr[fi].title_cand = 1;
			p->fr[fi].sink = SK_AUX;
			p->fr[fi].owner = fi;
		}
		return 0;
	}
	if (el->ns && el->ns->href && strcmp((const char *)el->ns->href, NS_XINCLUDE) == 0)
		role = R_SKIP; /* xi:include of a code index file */
	if (has_parent && p->fr[parent].node && p->fr[parent].num_el == el)
		role = R_NUM; /* the number of a section or clause */
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
	if (role == R_ROW && flow != SK_HIER)
		role = R_BLOCK; /* a table in a note or heading: running text */
	if (role == R_UNKNOWN && flow == SK_HIER && has_parent && p->fr[parent].node && p->fr[parent].sink == SK_HIER &&
	    has_num_child(p, el) && (raw = peek_num(p, el, &numline, &num_el, &value)) != NULL) {
		/* an unknown level with a marker, right inside a section or
		 * clause: a clause (what its text reads as), with the warning */
		if (marker_text_ok(raw)) {
			if (!p->fr[parent].in_unknown)
				warn_unknown(p, el);
			unknown_clause = 1;
			role = R_CLAUSE;
		}
		free(raw);
		raw = NULL;
	}
	/* a text block right inside a container of notes is a note too
	 * (DC's <annotations> hold <text type="Editor's Notes"> and <text
	 * type="Resolutions"> beside the <annotation>s) */
	if (has_parent && p->fr[parent].role == R_NOTES && role == R_BLOCK && xmlHasProp(el, (const xmlChar *)"type"))
		role = R_NOTE;
	fi = push_frame(p, el, role);

	switch (role) {
	case R_SECTION:
		numline = p->fr[fi].line;
		if (!(raw = peek_num(p, el, &numline, &num_el, &value)))
			return ot_error_set(OT_EINVALID,
					    "%s:%u: <%s> has no <num>; a section needs a number like 2-173-020",
					    p->name, p->fr[fi].line, (const char *)el->name);
		err = section_number(&num, p, raw, numline);
		free(raw);
		if (err < 0)
			return err;
		open_hier(p, fi, OT_NODE_SECTION, num);
		p->fr[fi].num_el = num_el;
		p->fr[fi].num_value = value;
		return 0;
	case R_CLAUSE:
		if (p->sec < 0) {
			warn_outside(p, el);
			start_skip(p, fi);
			return 0;
		}
		if (!(raw = peek_num(p, el, &numline, &num_el, &value))) {
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
		p->fr[fi].num_el = num_el;
		p->fr[fi].num_value = value;
		p->fr[fi].in_unknown = unknown_clause; /* no warnings from inside */
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
		if (has_parent && p->fr[parent].node && p->fr[parent].num_el == el) {
			p->fr[fi].sink = SK_NUM;
			p->fr[fi].owner = fi;
			return 0;
		}
		if (has_parent && p->fr[parent].role == R_CHAPTER) {
			/* "CHAPTER 2-173": the chapter the document is, syntax
			 * as in the plain-text form */
			p->fr[fi].sink = SK_SYNTAX;
			return 0;
		}
		start_skip(p, fi); /* another container's number: reported */
		return 0;
	case R_SKIP:
		start_skip(p, fi);
		if (named(el, "meta"))
			p->fr[fi].meta = 1;
		return 0;
	case R_HEADING:
		if (has_parent && p->fr[parent].node && p->fr[parent].node->kind == OT_NODE_SECTION) {
			p->fr[fi].sink = SK_AUX;
			p->fr[fi].owner = parent;
		} else if (has_parent && (p->fr[parent].role == R_CHAPTER || p->fr[parent].role == R_CONTAINER)) {
			if (p->fr[parent].role == R_CHAPTER && !p->title_done) {
				p->fr[fi].sink = SK_TITLE;
				ot_buf_clear(&p->title);
				p->title_pc.n = 0;
			} else {
				start_skip(p, fi); /* a container's heading: reported */
			}
		} else if (has_parent && p->fr[parent].role == R_GROUP && p->fr[parent].group_kind) {
			p->fr[fi].sink = SK_SYNTAX; /* it names the kind of the notes */
			return 0;
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
	case R_ROW:
		p->fr[fi].hparent = p->fr[fi].owner; /* the hierarchy frame */
		p->fr[fi].sink = SK_AUX;
		p->fr[fi].owner = fi;
		return 0;
	case R_CELL:
		if (p->fr[fi].sink == SK_AUX && p->fr[p->fr[fi].owner].role == R_ROW) {
			frame *row = &p->fr[p->fr[fi].owner];
			if (row->ncells++) {
				ot_buf_puts(&row->aux, " | ");
				pl_push(&row->aux_pc, NO_UNIT, "|", 1);
			}
		}
		p->fr[fi].spaced = 1;
		put_space(p);
		return 0;
	case R_BREAK:
		put_space(p);
		return 0;
	case R_NOTE:
		p->fr[fi].sink = SK_AUX;
		p->fr[fi].owner = fi;
		p->fr[fi].note_kind = note_kind(el, p->fr[fi].group_kind ? p->fr[fi].group_kind
							     : e && e->role == R_NOTE && e->kind ? e->kind : "editorial");
		return 0;
	case R_GROUP:
		p->fr[fi].group_kind = group_kind(p, el);
		/* fall through */
	case R_NOTES: /* its own text, if any, is reported as skipped */
		p->fr[fi].sink = SK_AUX;
		p->fr[fi].owner = fi;
		p->fr[fi].skipblock = 1;
		return 0;
	case R_NOTEREF: {
		xmlChar *href = xmlGetProp(el, (const xmlChar *)"href");
		start_skip(p, fi); /* the mark, if any: reported */
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
	size_t fi = p->nfr - 1;
	plist *pl;
	ot_buf *b;
	if (f->glue)
		p->nglue--;
	if (f->node) {
		flush_pending(p, f);
		if (f->node->kind == OT_NODE_SECTION) {
			free(f->node->heading);
			f->node->heading = norm_dup(&p->scratch, f->aux.ptr, f->aux.len);
			pl_put(p, &f->aux_pc, OT_CV_HEADING, f->node, 0);
			p->sec = -1;
		} else {
			free(f->node->text);
			f->node->text = norm_dup(&p->scratch, f->own.ptr, f->own.len);
			pl_put(p, &f->own_pc, OT_CV_TEXT, f->node, 0);
		}
	} else if (f->role == R_HEADING && f->sink == SK_AUX && f->owner != fi && p->fr[f->owner].node) {
		/* a section heading: recorded now, in document order */
		pl_put(p, &p->fr[f->owner].aux_pc, OT_CV_HEADING, p->fr[f->owner].node, 0);
	} else if (f->sink == SK_NUM && f->owner == fi) {
		map_num(p, f, &p->fr[fi - 1]);
	} else if (f->role == R_NOTE) {
		char *t = norm_dup(&p->scratch, f->aux.ptr, f->aux.len);
		if (*t) {
			size_t idx = p->doc->nnotes;
			ot_doc_note *note =
			    ot_doc_add_note(p->doc, p->sec >= 0 ? p->fr[p->sec].node->num : NULL, f->note_kind, t);
			xmlChar *id;
			note->line = f->line;
			pl_put(p, &f->aux_pc, OT_CV_NOTE, NULL, idx);
			if (f->meta) { /* its section: that of the noteRef, after the walk */
				id = xmlGetProp(f->el, (const xmlChar *)"eId");
				if (!id)
					id = xmlGetProp(f->el, (const xmlChar *)"id");
				if (id) {
					metanote *m = OT_ARRAY_PUSH(p->mnotes, p->nmnotes, p->mnotecap);
					m->index = idx;
					m->eid = ot_strdup((const char *)id);
					xmlFree(id);
				}
			}
		} else {
			f->aux_pc.n = 0;
		}
		free(t);
	} else if (f->title_cand) {
		if (!p->cand_done && has_text(f->aux.ptr ? f->aux.ptr : "", f->aux.len)) {
			ot_buf_put(&p->cand, f->aux.ptr, f->aux.len);
			pl_move(&p->cand_pc, &f->aux_pc);
			p->cand_line = f->line;
			p->cand_done = 1;
		} else {
			emit_skip(p, f, &f->aux, &f->aux_pc, f->line);
		}
	} else if (f->sink == SK_TITLE && f->role == R_HEADING) {
		char *t = norm_dup(&p->scratch, p->title.ptr ? p->title.ptr : "", p->title.len);
		if (*t && !p->doc->title) {
			p->doc->title = t;
			p->title_done = 1;
			pl_put(p, &p->title_pc, OT_CV_TITLE, NULL, 0);
		} else {
			free(t);
			emit_skip(p, f, &p->title, &p->title_pc, f->line);
		}
	} else if (f->role == R_ROW && f->sink == SK_AUX && f->owner == fi) {
		emit_row(p, f);
	} else if (f->skipblock) {
		emit_skip(p, f, &f->aux, &f->aux_pc, f->line);
	} else if (f->spaced) {
		b = sink_buf(p, &h, &pl);
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

/* After the walk: each Akoma Ntoso meta note gets the section of the
 * first noteRef pointing at it, and a preface docTitle becomes the title
 * when no chapter heading gave one (else it is reported as skipped). */
static void after_walk(imp *p)
{
	size_t i, k;
	for (i = 0; i < p->nmnotes; i++)
		for (k = 0; k < p->nrefs; k++)
			if (strcmp(p->refs[k].target, p->mnotes[i].eid) == 0) {
				ot_doc_note *note = &p->doc->notes[p->mnotes[i].index];
				free(note->section);
				note->section = p->refs[k].section ? ot_strdup(p->refs[k].section) : NULL;
				break;
			}
	if (!p->cand_done)
		return;
	if (!p->doc->title) {
		char *t = norm_dup(&p->scratch, p->cand.ptr, p->cand.len);
		p->doc->title = t;
		pl_put(p, &p->cand_pc, OT_CV_TITLE, NULL, 0);
	} else {
		emit_skip(p, NULL, &p->cand, &p->cand_pc, p->cand_line);
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

/* The first node of a (pre-order) that differs from its counterpart in b
 * (into *other, NULL when b has none), or NULL if the trees are equal. */
static const ot_node *first_difference(const ot_node *a, const ot_node *b, const ot_node **other)
{
	const ot_node **sa = NULL, **sb = NULL, *hit = NULL;
	size_t na = 0, nb = 0, ca = 0, cb = 0;
	*other = NULL;
	*OT_ARRAY_PUSH(sa, na, ca) = a;
	*OT_ARRAY_PUSH(sb, nb, cb) = b;
	while (na && nb) {
		const ot_node *x = sa[--na], *y = sb[--nb];
		unsigned k;
		if (x->kind != y->kind || strcmp(x->id, y->id) != 0 || (x->text && y->text && strcmp(x->text, y->text) != 0) ||
		    (x->heading && y->heading && strcmp(x->heading, y->heading) != 0)) {
			hit = x;
			*other = y;
			break;
		}
		for (k = x->nchildren; k > 0; k--)
			*OT_ARRAY_PUSH(sa, na, ca) = x->children[k - 1];
		for (k = y->nchildren; k > 0; k--)
			*OT_ARRAY_PUSH(sb, nb, cb) = y->children[k - 1];
	}
	if (!hit && na)
		hit = sa[na - 1]; /* b ended first */
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


/* The element a node came from, for messages. */
static const char *origin_of(const imp *p, const ot_node *n)
{
	size_t i;
	for (i = 0; i < p->norig; i++)
		if (p->orig[i].node == n)
			return p->orig[i].element;
	return n->kind == OT_NODE_SECTION ? "section" : "text";
}

/* Every section must obey the round-trip law (the store keeps its
 * canonical text, so what that text reads back as is what is recorded):
 * a section whose canonical text reads back differently is refused with
 * the element and line of the first node that would change, never
 * replaced in silence.  Returns 0 or OT_EINVALID. */
static int check_round_trip(imp *p)
{
	ot_buf canon = OT_BUF_INIT, ex = OT_BUF_INIT;
	size_t i;
	int err = 0;
	for (i = 0; i < p->doc->nsections && !err; i++) {
		ot_node *sec = p->doc->sections[i];
		ot_doc *back = NULL;
		const ot_node **map, *diff, *other;
		size_t nmap = 0;
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
			diff = first_difference(sec, back->sections[0], &other);
			ot_buf_clear(&ex);
			if (!other)
				ot_buf_puts(&ex, "it would be missing");
			else if (strcmp(other->id, diff->id) != 0)
				ot_buf_printf(&ex, "it would read back as %.*s", MAX_SHOW, other->id);
			else
				ot_buf_printf(&ex, "its text '%.60s%s' would read back as '%.60s%s'",
					      diff->text ? diff->text : diff->heading ? diff->heading : "",
					      diff->text && strlen(diff->text) > 60 ? "..." : "",
					      other->text ? other->text : other->heading ? other->heading : "",
					      other->text && strlen(other->text) > 60 ? "..." : "");
			err = ot_error_set(OT_EINVALID,
					   "%s:%u: <%s> %.*s cannot be stored as text: the canonical text has no way "
					   "to show it where it stands (%s); nothing was imported",
					   p->name, diff->line ? diff->line : sec->line, origin_of(p, diff), MAX_SHOW,
					   diff->id, ex.ptr);
		}
		free(map);
		ot_doc_free(back);
	}
	ot_buf_release(&canon);
	ot_buf_release(&ex);
	return err;
}

/* ---- entry point ------------------------------------------------------- */

static void pl_free(plist *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

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
	ot_buf_init(&p.cand);
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
		xmlNode *art = find_role(&p, root, R_ARTICLE), *ne;
		if (art && art != root) {
			unsigned l = 0;
			int v;
			char *num = peek_num(&p, art, &l, &ne, &v);
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
	p.cv = ot_conserve_off ? NULL : ot_conserve_new(p.name);
	ot_conserve_reserve(p.cv, len / 64 + 16, len / 48 + 16);
	err = walk(&p, root);
	flush_warnings(&p);
	if (err < 0)
		goto done;
	after_walk(&p);
	if (!p.doc->nsections) {
		err = ot_error_set(OT_EINVALID, "%s:%u: no section found; every section element lies outside the text",
				   p.name, line_of(root));
		goto done;
	}
	if ((err = check_ids(&p)) < 0 || (err = check_round_trip(&p)) < 0)
		goto done;
	/* last, on the finished document, while the text nodes the pieces
	 * point into still exist */
	if ((err = ot_conserve_check(p.cv, p.doc)) < 0)
		goto done;
	*out = p.doc;
	p.doc = NULL;
done:
	ot_conserve_free(p.cv);
	ot_doc_free(p.doc);
	xmlFreeDoc(xdoc);
	for (i = 0; i < p.frcap; i++) {
		ot_buf_release(&p.fr[i].own);
		ot_buf_release(&p.fr[i].pending);
		ot_buf_release(&p.fr[i].aux);
		pl_free(&p.fr[i].own_pc);
		pl_free(&p.fr[i].pending_pc);
		pl_free(&p.fr[i].aux_pc);
	}
	free(p.fr);
	for (i = 0; i < p.nwarned; i++) {
		free(p.warned[i].key);
		free(p.warned[i].msg);
	}
	free(p.warned);
	for (i = 0; i < p.nrefs; i++) {
		free(p.refs[i].target);
		free(p.refs[i].section);
	}
	free(p.refs);
	for (i = 0; i < p.nmnotes; i++)
		free(p.mnotes[i].eid);
	free(p.mnotes);
	free(p.orig);
	free(p.roles);
	pl_free(&p.title_pc);
	pl_free(&p.cand_pc);
	ot_buf_release(&p.title);
	ot_buf_release(&p.cand);
	ot_buf_release(&p.scratch);
	return err;
}
