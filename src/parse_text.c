/*
 * parse_text.c - the plain-text clause parser: ot_doc_parse_text().
 *
 * Input is ordinance text as councils publish it.  One pass over the
 * buffer checks it for UTF-8 (a BOM is skipped) and cuts it into lines
 * (LF, CRLF or CR) kept as spans into the input; then the lines are read
 * once, top to bottom, by a small state machine:
 *
 *   - Before the first section line only a "CHAPTER 2-173 TITLE" line
 *     matters (it sets doc->title); notices and blank lines are ignored.
 *   - A section line starts a section.  Its forms (parse_section):
 *       "2-173-020 Heading."       bare: the number needs a '-'
 *       "Sec. 2-173-020. Heading." "Sec."/"SECTION": a '-' or a dot group
 *                                  ("Sec. 12.5"); heading optional
 *       "§ 12 Heading."            "§": any number; heading optional
 *       "Secs. 3-9-030—3-9-045. Reserved." / "§§ 3-9-050 to 3-9-060":
 *                                  a repealed range (dash, "to",
 *                                  "through"): section 3-9-030, heading
 *                                  "Reserved. (3-9-030—3-9-045)", or
 *                                  "Secs. 3-9-050 to 3-9-060" without one
 *     A dash between number and heading ("Sec. 3-9-010. - Definitions.",
 *     "§ 3-9-020 — Appeals.") is dropped.  A heading must start with an
 *     uppercase letter, or an opening quote or digits followed by one
 *     (heading_start: "“Board” ...", "3D ..."), or a parenthesised word
 *     ("(Reserved)"); never a lowercase word,
 *     so "2021-2022 fiscal year", "312-744-5000 during business hours"
 *     and "Section 2-7-020 of this Code" are text.  "SECTION 1." and
 *     "Section 5" (no '-' or dot group) are ordinance prose, not code.
 *     A bare number alone on its line is a section line when the next
 *     line is its heading (capitalised, not a marker or section line):
 *     "6-1-030" / "Definitions." as council PDFs print it.
 *     Context, for bare numbers only: when the line above is body text
 *     (a clause or paragraph, or a heading that has not ended) with no
 *     blank line between, a bare-number line is a wrapped continuation if
 *     that text has not ended (text_ended, below), or if its chapter
 *     prefix (every group but the last: "2-173") differs from the current
 *     section's.  A paragraph that reads only "Section"/"2-173" is not
 *     body text here (see put_line).
 *   - A line starting with a marker "(x)" is one or more clauses (a line
 *     "(a) (1) Text" is clause (a) with empty text, then clause (1)).  A
 *     marker is "(" + 1-3 digits, or one letter (or the same letter
 *     repeated: "aa"), or a roman numeral, optionally + an insertion "-N"
 *     or ".N" ("(b-5)", "(b.1)", "(1.5)", "(A-1)": same list as the base
 *     marker, ordered after it and before the next plain one), + ")",
 *     followed by whitespace, the end of the line, an opening quote
 *     ('"', “, ‘) or an uppercase letter ("(a)“Board” means");
 *     "(1998)", "(a)-(c)" and "(a)text" are text.
 *   - Text has ended (text_ended) when it ends in '.', ';', ':' or an em
 *     dash (closing quotes aside), or with the word "and" or "or".  Below
 *     clause or paragraph text that has not ended (and is not empty: a
 *     marker alone has not begun), a marker is a wrapped cross-reference
 *     ("...provided in subsection" / "(d) of this section.") when it
 *     would only fit as a gap (rule 3 below is off) or is followed by the
 *     word "of"; the exact next marker of a list, or a new list, is
 *     still a clause.  This holds after a blank line too (then the line
 *     is a paragraph, see rule 4), because the canonical text shows no
 *     blank line before a clause.
 *   - Any other line right after a non-blank line is a wrapped
 *     continuation of the node being read (its text, or the section
 *     heading), except right below a heading that has ended in '.' or
 *     ':' (or an empty heading and a line that cannot be a heading):
 *     there it starts an unnumbered paragraph, as after a blank line.  A
 *     heading without final punctuation may wrap onto the next line.
 *     After a blank line such a line starts an unnumbered paragraph, a
 *     TEXT node appended to the parent of the last clause (the section if
 *     no clause is open), with id "<parent id>~N".
 *     One exception keeps the round trip: a paragraph that so far reads
 *     only "2-173" or "Sec." (a section line but for its heading or
 *     number) is not joined with a next line that would make it a section
 *     line, which starts a new paragraph instead.
 *   Whitespace runs (space, tab, FF, VT, every Unicode space separator,
 *   see textnorm.c) collapse to one space and zero-width characters are
 *   dropped; everything else, curly quotes and dashes included, is kept
 *   as written.
 *
 * Second wave (the conservation rule, docs/conservation.md: every
 * non-blank character lands once in a number, heading, text, note, the
 * title, the list of skipped material or declared syntax; the check runs
 * at the end of every parse and refuses with the line of the first text
 * not accounted for):
 *   - Lines before the first section (but the first CHAPTER line, the
 *     title) are skipped material of kind "preamble", reported.
 *   - A line "SECTION 2. This ordinance shall take effect ..." (a number
 *     without '-' or dot group) starts the amending ordinance's prose:
 *     it and every line up to the next section line are skipped, "prose".
 *   - History and source notes on a line of their own (history_note:
 *     "(Added Coun. J. ...)", "(Ord. No. 2019-14, § 1, 3-4-2019)", "(Code
 *     1964, § 12-3)", "(Prior code § ...)"; a note whose parenthesis is
 *     not closed goes on over the next lines) and editor's or reference
 *     notes (editorial_note: "Editor's note— ...", "Cross reference— ...",
 *     up to a blank, marker, note or section line) become notes of the
 *     current section.  The line after a note reads as after a blank line.
 *   - Page furniture of text from a PDF (furniture(): pages cut at form
 *     feeds; the first and last line of each page when its shape recurs on
 *     half the pages, or reads as a page number; "Page 3 of 40" anywhere)
 *     is skipped and reported, and the text around it reads as if it
 *     were not there (a clause wraps over the page break).
 *   - Outline markers "A." / "1." / "a." / "i." at the start of a line
 *     (parse_dot_marker) are lists of their own types (MK_DOT + type);
 *     the id part is "(A)", the marker as written stays the clause's num.
 *     One that fits no rule is text ("A. Smith ..."), never a new level
 *     or a duplicate.
 *   - Insertion markers "(1A)", "(9a)", "(12A-i)", "(E-i)" (parse_marker)
 *     order after the marker they follow; "(b) Repealed." / "Reserved."
 *     may have children that start at any item (introduces_list).
 *   - A bare dotted number with two dots or more ("10.32.010") is a
 *     section number like a hyphenated one.
 *   - A bare section line of the same chapter, with a number after the
 *     current section's and a heading that ends in '.' (12 words at most),
 *     starts a section even below text that has not ended, unless the same
 *     number stands as a section line further down (defined_later); every
 *     line that looks like a section line but is read otherwise gives a
 *     warning (warn_section_reading).
 *   - In a file with a line of UNWRAPPED_LINE bytes or more (pasted from a
 *     web page, never wrapped by hand), a line below text that has ended
 *     starts a paragraph instead of continuing it.
 *
 * Nesting is decided by context, not indentation.  The parser keeps a
 * stack of open levels (at most one per marker type: lower letters,
 * digits, upper letters, lower roman, upper roman), each with its last
 * ordinal, last clause and parent; level k normally holds children of
 * level k-1's last clause (level 0: children of the section; see "sealed"
 * below for the exception).  A marker may read two ways
 * ("(i)" is letter 9 or roman 1; "(v)", "(x)", "(ii)" likewise).  For each
 * reading the best rule is found:
 *
 *   1. the exact next ordinal of the open level of its type -> continue it;
 *   2. the first ordinal of a type not open -> a new level under the
 *      deepest clause;
 *   3. a later ordinal of the open level of its type (a gap, e.g. a
 *      repealed clause) -> continue that level;
 *   4. otherwise see below.
 *
 * With two readings: if the roman reading starts a new roman level
 * ("(i)"/"(I)", rule 2) and the deepest open level is the conventional
 * parent of that list (upper letters for "(i)", lower roman for "(I)"),
 * the roman reading wins.  Otherwise, if both readings are good (rule 1 or
 * 2), the next marker decides: the marker that follows on the same line,
 * else the first marker line below (not past a section line); "(ii)"
 * after "(i)" means roman, "(j)" means letter; a marker that fits the
 * rules after only one reading picks that reading; a marker line that
 * fits after neither (a wrapped continuation or a paragraph either way)
 * is passed over (see lookahead()).  Failing that, the lower
 * rule number wins; between two rule-1 readings the deeper level wins;
 * between two rule-3 readings the smaller gap wins ("(c)" after "(a)" and
 * "(ii)" is letter c, not roman 100).
 *
 * Rule 4 (no reading fits):
 *   - no clause open yet in the section (e.g. an excerpt that starts at
 *     "(c)") -> a new level anyway (letter reading preferred), even right
 *     after the heading line, which the canonical text always shows just
 *     before the first clause;
 *   - the clause being read ends in ':' (it introduces a list) and the
 *     marker's type is not open ("(b) ... for:" then "(2)": the list's
 *     first items repealed or left out) -> a new level anyway, under
 *     that clause (list_without_first);
 *   - previous line non-blank (or an earlier marker on the same line) ->
 *     the line, marker included, is a wrapped continuation
 *     ("...under subsection\n(a) of Section 2-173-030"); but if the text
 *     above has ended and the marker, first on its line, repeats a clause
 *     of an open level ("(b) Two.\n(b) Two again.") it is a duplicate
 *     clause id, reported as an error;
 *   - after a blank line -> an unnumbered paragraph (TEXT) whose text
 *     starts with the marker; but if the marker repeats a clause of an
 *     open level ("(b) ...", blank, "(b) ...") it is a duplicate clause
 *     id, reported as an error.
 *   This departs from "start a new level anyway" after a blank line for a
 *   reason: the canonical form has no blank line before a clause, so such
 *   a clause would come back as a continuation and the round-trip law
 *   (parse(canonical(tree)) == tree) would break.  As written, rule 4
 *   depends only on state that the canonical text reproduces.  For the
 *   same law ot_section_canonical writes "§ 12.5 Heading." / "§ 2-173-020"
 *   when the bare form would not read back as a section line.
 *
 * Document order must equal the tree's pre-order, so that the canonical
 * text (a pre-order walk) reads back the same.  Hence after a TEXT node is
 * appended to a parent P, the last clause before it is "sealed": it may
 * not get children any more (they would be printed before the paragraph).
 * A marker that would open a new level under a sealed clause opens it
 * under P instead, beside the sealed clause's level, which stays open:
 * each level records its parent, so "(a) Intro.\n\nParagraph:\n(1) x\n(b)"
 * gives the section the children (a), paragraph, (1), (b).
 *
 * Ownership and limits: the document and all its nodes belong to the
 * caller (freed with ot_doc_free).  A node's text is gathered in one
 * reused ot_buf while it is the current node (whitespace collapsed as it
 * is copied, one buffer growth per line) and copied, exactly sized, into
 * the node when the next node starts, so long wrapped paragraphs cost
 * linear time.  Ids are built in a reused scratch buffer.  Nothing
 * recurses; the level stack is bounded (one level per marker type, guarded
 * by MAX_LEVELS); lines have no length limit.  Ids are checked for
 * uniqueness with small open-addressing hash sets that borrow the ids from
 * the nodes: one for section numbers, one for the clause ids of the
 * current section (emptied in O(1) at each section line).
 */
#include <stdlib.h>
#include <string.h>

#include "conserve.h"
#include "internal.h"
#include "ordtrack/doc.h"
#include "ordtrack/import.h"
#include "ordtrack/validate.h"

/* Marker types: "(a)", "(1)", "(A)", "(i)", "(I)", and the same five as
 * outline markers "a.", "1.", "A.", "i.", "I." (MK_DOT + type), which
 * are lists of their own. */
enum { MK_LOWER, MK_DIGIT, MK_UPPER, MK_LROMAN, MK_UROMAN, MK_DOT, MK_LOWER2 = MK_DOT + 5, MK_UPPER2 };
/* MK_LOWER2 / MK_UPPER2: doubled letters "(aa)", "(bb)" as a list of
 * their own, the fifth level of the DC code (under "(i)"); "(aa)" after
 * "(z)" is still the letter after z. */

#define MAX_LEVELS 14	  /* twelve marker types; the rest is a guard */
#define MAX_MARKER 8	  /* characters between the parentheses */
#define MAX_IDLEN_MSG 200 /* how much of an id an error message shows */
/* a file with a line this long (bytes) is not wrapped by hand: each line
 * after a full stop is a paragraph (text copied from a code web page) */
#define UNWRAPPED_LINE 200
/* a history note whose parenthesis stays open goes on for at most this
 * many lines */
#define NOTE_LINES 8

typedef struct interp {
	int type;
	unsigned long ord;
} interp;

/* One marker "(x)" at s; len covers the parentheses.  in[0] is the
 * letter reading when there are two, in[1] the roman one. */
typedef struct marker {
	const char *s;
	size_t len;
	interp in[2];
	int nin;
	int dot; /* an outline marker "A.": its id part is "(A)" */
} marker;

/* a line of the input: the conservation check reads the same table */
typedef ot_conserve_line span;

typedef struct level {
	int type;
	unsigned long last; /* ordinal of the last clause */
	ot_node *parent;    /* where this level's clauses go */
	ot_node *node;	    /* the last clause of this level */
	unsigned ntext;	    /* TEXT children of `node` so far */
} level;

typedef struct idslot {
	const char *id; /* borrowed from the node */
	size_t hash;
	unsigned line;
	unsigned gen; /* in use if equal to the set's gen */
} idslot;

typedef struct idset {
	idslot *slots;
	size_t cap, n; /* cap: 0 or a power of two, at least twice n */
	unsigned gen;  /* starts at 1 (calloc'd slots have 0: free) */
} idset;

/* Lines that read as bare section lines on their own (defined_later). */
typedef struct strong_line {
	const char *num;
	size_t len;
	size_t line;
	int bare; /* no "Sec." or "§" */
} strong_line;

typedef struct strong_tab {
	strong_line *e;
	size_t n, cap;
	int built;
} strong_tab;

/* Why section_line read a line that looks like a section line the way it
 * did, for a warning from the main loop. */
enum { WHY_NONE, WHY_UNENDED, WHY_OTHER_CHAPTER, WHY_AFTER_UNENDED };
typedef struct why {
	int kind;
} why;

typedef struct parser {
	const char *name;
	strong_tab *strong; /* built on first use; mutable behind const */
	why *why;	    /* set by section_line */
	ot_import_report *rep; /* warnings, or NULL */
	const char *data;
	span *lines;
	size_t nlines, linecap;
	ot_doc *doc;
	ot_node *section; /* current section, NULL before the first */
	unsigned sec_ntext;
	level lv[MAX_LEVELS];
	int depth;
	int sealed;   /* the top level's last clause precedes a TEXT */
	ot_node *cur; /* node whose text (or heading) is in `text` */
	ot_buf text;
	ot_buf scratch;	 /* ids, probes: reused */
	int text_stub;	 /* cur is a paragraph that reads "2-173" or "Sec." */
	idset secids;	 /* section numbers */
	idset clauseids; /* clause ids of the current section */
	ot_conserve *cv; /* where every piece of every line went */
	size_t li;	 /* index of the line being read (its unit) */
	/* the note or skipped entry being gathered (side text: not law) */
	int side;	 /* SIDE_NONE, SIDE_NOTE or SIDE_SKIP */
	size_t side_idx; /* its index in doc->notes or doc->skipped */
	int side_depth;	 /* a history note: '(' not yet closed */
	size_t side_lines; /* lines gathered into it */
	const char *side_kind;
	ot_buf side_text;
	int prose; /* inside the amending ordinance's prose ("SECTION 2.") */
	const char **furn; /* per line: the kind of page furniture, or NULL */
	int unwrapped;	   /* no line is wrapped (unwrapped_style) */
	int all_ended;	   /* every line of body text ends a sentence */
	size_t longest;	   /* the longest line, in bytes */
	unsigned said_unwrapped;
} parser;

enum { SIDE_NONE, SIDE_NOTE, SIDE_SKIP };

enum { ACT_NONE, ACT_CONT, ACT_NEW };

typedef struct action {
	int kind;
	int level; /* ACT_CONT: which level */
	int which; /* which reading of the marker */
} action;

/* ---- characters and small scanners ---------------------------------- */

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

/* Length of the white space or zero-width character at s[0..n) (see
 * textnorm.c: ASCII space, tab, FF, VT, every Unicode space separator,
 * U+200B-U+200D, U+2060, U+FEFF); 0 otherwise. */
static size_t ws_len(const char *s, size_t n)
{
	int zw;
	if (!n)
		return 0;
	if ((unsigned char)s[0] < 0x80)
		return is_ws(s[0]);
	return ot_blank_len(s, n, &zw);
}

/* Same, for the character that ends s[0..n). */
static size_t ws_len_back(const char *s, size_t n)
{
	int zw;
	if (!n)
		return 0;
	if ((unsigned char)s[n - 1] < 0x80)
		return is_ws(s[n - 1]);
	return ot_blank_len_back(s, n, &zw);
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static int is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_alpha(char c)
{
	return is_lower(c) || is_upper(c);
}

static char to_lower(char c)
{
	return is_upper(c) ? (char)(c - 'A' + 'a') : c;
}

static void trim(const char **s, size_t *n)
{
	size_t w;
	while ((w = ws_len(*s, *n))) {
		*s += w;
		*n -= w;
	}
	while ((w = ws_len_back(*s, *n)))
		*n -= w;
}

/* Case-insensitive ASCII prefix test. */
static int ci_prefix(const char *s, size_t n, const char *lit)
{
	size_t i, l = strlen(lit);
	if (n < l)
		return 0;
	for (i = 0; i < l; i++)
		if (to_lower(s[i]) != lit[i])
			return 0;
	return 1;
}

/* Append s[0..n) to b with white-space runs (every Unicode space
 * included) collapsed to one space, zero-width characters dropped and the
 * ends trimmed; if b already holds text and s has some, one space joins
 * them (a wrapped line).  The output is never longer than the input plus
 * that space, so the buffer grows once and the bytes are written in
 * place. */
static void put_norm(ot_buf *b, const char *s, size_t n)
{
	char *o;
	size_t i = 0, w;
	int zw, space = 0;
	trim(&s, &n);
	if (!n)
		return;
	ot_buf_grow(b, n + 1);
	o = b->ptr + b->len;
	/* a wrapped line joins with one space, but a word broken at a hyphen
	 * ("non-" / "resident") joins without one */
	if (b->len && !(b->len >= 2 && b->ptr[b->len - 1] == '-' && is_alpha(b->ptr[b->len - 2]) && is_lower(s[0])))
		*o++ = ' ';
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c > ' ' && c < 0x80) { /* the common case: ASCII, not blank */
			*o++ = (char)c;
			i++;
			continue;
		}
		if (c < 0x80 ? is_ws((char)c) : (w = ot_blank_len(s + i, n - i, &zw)) != 0) {
			/* a run of blanks: one space if any of it is white space
			 * (zero-width characters alone join their neighbours) */
			space = 0;
			do {
				if (c < 0x80) {
					space = 1;
					i++;
				} else {
					space |= !zw;
					i += w;
				}
				c = i < n ? (unsigned char)s[i] : 0;
			} while (i < n && (c < 0x80 ? is_ws((char)c) : (w = ot_blank_len(s + i, n - i, &zw)) != 0));
			if (space)
				*o++ = ' ';
			continue;
		}
		*o++ = (char)c;
		i++;
	}
	*o = '\0';
	b->len = (size_t)(o - b->ptr);
}

/* ---- markers --------------------------------------------------------- */

/* Value of a roman numeral in either case, or 0 if s is not one written
 * the standard way (so "iiii" and "vx" are not roman). */
static unsigned long roman_value(const char *s, size_t n)
{
	static const struct {
		unsigned v;
		const char *r;
	} tab[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
		   {40, "xl"},	{10, "x"},   {9, "ix"},	 {5, "v"},    {4, "iv"},  {1, "i"}};
	unsigned long total = 0, rest;
	size_t i, k, pos = 0;
	for (i = 0; i < n; i++) {
		unsigned v = 0, next = 0;
		for (k = 0; k < OT_ARRAY_LEN(tab); k++) {
			if (tab[k].r[1] == '\0' && tab[k].r[0] == to_lower(s[i]))
				v = tab[k].v;
			if (i + 1 < n && tab[k].r[1] == '\0' && tab[k].r[0] == to_lower(s[i + 1]))
				next = tab[k].v;
		}
		if (!v)
			return 0;
		if (v < next)
			total -= v;
		else
			total += v;
	}
	if (total < 1 || total > 3999)
		return 0;
	/* re-encode and compare: accepts only the standard spelling */
	rest = total;
	for (k = 0; k < OT_ARRAY_LEN(tab); k++)
		while (rest >= tab[k].v) {
			size_t l = strlen(tab[k].r);
			if (pos + l > n || to_lower(s[pos]) != tab[k].r[0] ||
			    (l == 2 && to_lower(s[pos + 1]) != tab[k].r[1]))
				return 0;
			pos += l;
			rest -= tab[k].v;
		}
	return pos == n ? total : 0;
}

/* Ordinals: an inserted marker sits between the plain marker it follows
 * and the next one, in the same list: "(b-5)" / "(b.1)" between (b) and
 * (c), "(5A)" between (5) and (6), "(12A-i)" after (12A).  So an ordinal
 * is major * ORD_SUB + minor, where minor = letter * 1000 + insertion:
 * `letter` the suffix letter right after a number (A = 1, AA = 27),
 * `insertion` the value after a '-' or '.' (a number 1-999, a roman
 * numeral, or a letter); minor 0 for a plain marker.  Fits 32 bits. */
#define ORD_SUB 262144ul
#define ORD(major, minor) ((unsigned long)(major)*ORD_SUB + (unsigned long)(minor))

/* The ordinal that plainly follows `ord`: (c) after (b) or after (b-5). */
static unsigned long ord_next(unsigned long ord)
{
	return ORD(ord / ORD_SUB + 1, 0);
}

/* Is the text at s[0..n) an opening quote: '"', U+201C or U+2018? */
static int is_open_quote(const char *s, size_t n)
{
	if (n && s[0] == '"')
		return 1;
	return n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
	       ((unsigned char)s[2] == 0x9C || (unsigned char)s[2] == 0x98);
}

/* Value of an insertion label s[0..n) after '-' or '.': a number 1-999
 * (no leading zero), a roman numeral ("i", "iv"), or one letter; 0 if it
 * is none of these. */
static unsigned long insertion_value(const char *s, size_t n)
{
	unsigned long v = 0, r;
	size_t j;
	if (!n)
		return 0;
	if (is_digit(s[0])) {
		if (n > 3 || s[0] == '0')
			return 0;
		for (j = 0; j < n; j++) {
			if (!is_digit(s[j]))
				return 0;
			v = v * 10 + (unsigned long)(s[j] - '0');
		}
		return v;
	}
	for (j = 0; j < n; j++)
		if (!is_alpha(s[j]))
			return 0;
	if ((r = roman_value(s, n)) != 0)
		return r;
	return n == 1 ? (unsigned long)(to_lower(s[0]) - 'a') + 1 : 0;
}

/* Parse a marker at the start of s[0..n): "(" base [letter] [insertion]
 * ")" where base is 1-3 digits, 1-4 repeats of one letter ("a", "aa") or
 * a roman numeral; letter a suffix of one letter or a doubled one right
 * after a number ("5A", "9a", "12AA"); insertion '-' or '.' and a number
 * 1-999, a roman numeral or one letter ("b-5", "b.1", "H-i", "12A-i");
 * at most MAX_MARKER characters inside the parentheses.  It must be
 * followed by the end, white space, an opening quote or an uppercase
 * letter.  Returns 1 and fills m, or 0. */
static int parse_marker(marker *m, const char *s, size_t n)
{
	size_t i = 1, j, b, sl = 0;
	const char *c;
	unsigned long suffix = 0, ins = 0, minor;
	int lower = 1, upper = 1, same = 1;
	if (n < 3 || s[0] != '(')
		return 0;
	/* the base: digits, or letters */
	if (is_digit(s[1])) {
		while (i < n && is_digit(s[i]))
			i++;
		b = i - 1;
		/* a letter suffix: "5A", "9a", "12AA" */
		while (i < n && is_alpha(s[i]) && sl < 3) {
			i++;
			sl++;
		}
		if (sl == 1)
			suffix = (unsigned long)(to_lower(s[i - 1]) - 'a') + 1;
		else if (sl == 2 && s[i - 1] == s[i - 2])
			suffix = 26 + (unsigned long)(to_lower(s[i - 1]) - 'a') + 1;
		else if (sl)
			return 0;
	} else {
		while (i < n && is_alpha(s[i]) && i <= MAX_MARKER + 1)
			i++;
		b = i - 1;
	}
	if (b == 0 || b > MAX_MARKER || i >= n)
		return 0;
	/* an insertion: "-5", ".1", "-i" */
	if ((s[i] == '-' || s[i] == '.') && i + 1 < n && (is_digit(s[i + 1]) || is_alpha(s[i + 1]))) {
		for (j = i + 1; j < n && (is_digit(s[j]) || is_alpha(s[j])) && j - i <= 5; j++)
			;
		if (!(ins = insertion_value(s + i + 1, j - i - 1)))
			return 0;
		i = j;
	}
	if (i >= n || s[i] != ')' || i - 1 > MAX_MARKER)
		return 0;
	if (i + 1 < n && !ws_len(s + i + 1, n - i - 1) && !is_upper(s[i + 1]) &&
	    !is_open_quote(s + i + 1, n - i - 1))
		return 0;
	c = s + 1;
	minor = suffix * 1000 + ins;
	m->s = s;
	m->len = i + 1;
	m->nin = 0;
	m->dot = 0;
	if (is_digit(c[0])) {
		unsigned long v = 0;
		if (b > 3 || c[0] == '0')
			return 0;
		for (j = 0; j < b; j++)
			v = v * 10 + (unsigned long)(c[j] - '0');
		m->in[m->nin++] = (interp){MK_DIGIT, ORD(v, minor)};
		return 1;
	}
	for (j = 0; j < b; j++) {
		lower &= is_lower(c[j]);
		upper &= is_upper(c[j]);
		same &= c[j] == c[0];
	}
	if (!lower && !upper)
		return 0;
	if (same && b <= 4)
		m->in[m->nin++] =
		    (interp){lower ? MK_LOWER : MK_UPPER,
			     ORD(26ul * (b - 1) + (unsigned long)(to_lower(c[0]) - 'a') + 1, minor)};
	{
		unsigned long r = roman_value(c, b);
		if (r)
			m->in[m->nin++] = (interp){lower ? MK_LROMAN : MK_UROMAN, ORD(r, minor)};
		else if (same && b == 2) /* "(aa)": also the doubled-letter list */
			m->in[m->nin++] = (interp){lower ? MK_LOWER2 : MK_UPPER2,
						   ORD((unsigned long)(to_lower(c[0]) - 'a') + 1, minor)};
	}
	return m->nin > 0;
}

/* An outline marker at the start of a line, as many western US codes
 * number their clauses: "A." / "1." / "a." / "i." (1-3 digits, 1-4
 * repeats of one letter, or a roman numeral) and a dot, then white space
 * or the end of the line.  Its readings are those of "(A)", ... in the
 * outline types.  Returns 1 and fills m, or 0. */
static int parse_dot_marker(marker *m, const char *s, size_t n)
{
	size_t i = 0, j;
	int lower = 1, upper = 1, same = 1;
	unsigned long r;
	if (!n)
		return 0;
	if (is_digit(s[0])) {
		unsigned long v = 0;
		while (i < n && is_digit(s[i]))
			v = v * 10 + (unsigned long)(s[i++] - '0');
		if (i > 3 || s[0] == '0' || i >= n || s[i] != '.' || (i + 1 < n && !ws_len(s + i + 1, n - i - 1)))
			return 0;
		m->in[0] = (interp){MK_DOT + MK_DIGIT, ORD(v, 0)};
		m->nin = 1;
	} else {
		while (i < n && is_alpha(s[i]) && i < 5)
			i++;
		if (!i || i > 4 || i >= n || s[i] != '.' || (i + 1 < n && !ws_len(s + i + 1, n - i - 1)))
			return 0;
		for (j = 0; j < i; j++) {
			lower &= is_lower(s[j]);
			upper &= is_upper(s[j]);
			same &= s[j] == s[0];
		}
		if (!lower && !upper)
			return 0;
		m->nin = 0;
		if (same)
			m->in[m->nin++] =
			    (interp){MK_DOT + (lower ? MK_LOWER : MK_UPPER),
				     ORD(26ul * (i - 1) + (unsigned long)(to_lower(s[0]) - 'a') + 1, 0)};
		if ((r = roman_value(s, i)) != 0)
			m->in[m->nin++] = (interp){MK_DOT + (lower ? MK_LROMAN : MK_UROMAN), ORD(r, 0)};
		if (!m->nin)
			return 0;
	}
	m->s = s;
	m->len = i + 1;
	m->dot = 1;
	return 1;
}

/* A marker that starts a line: "(a)", or an outline marker "A.". */
static int line_marker(marker *m, const char *s, size_t n)
{
	return parse_marker(m, s, n) || parse_dot_marker(m, s, n);
}

/* Append the part of a clause id that marker m gives: "(a)" as written,
 * "(A)" for the outline marker "A.". */
static void marker_id(ot_buf *b, const marker *m)
{
	if (m->dot) {
		ot_buf_putc(b, '(');
		ot_buf_put(b, m->s, m->len - 1);
		ot_buf_putc(b, ')');
	} else {
		ot_buf_put(b, m->s, m->len);
	}
}

static int marker_has(const marker *m, int type, unsigned long ord)
{
	int i;
	for (i = 0; i < m->nin; i++)
		if (m->in[i].type == type && m->in[i].ord == ord)
			return 1;
	return 0;
}

/* ---- section and chapter lines ---------------------------------------- */

/* Length of a section number at s ("2-173-020", "10-8-330.5", "12A",
 * "15.1.04.010"), or 0.  Sets *hyphen if a '-' joins two groups, and
 * *dot to the number of '.' that do. */
static size_t scan_number(const char *s, size_t n, int *hyphen, int *dot)
{
	size_t i = 0, j;
	*hyphen = *dot = 0;
	if (!n || !is_digit(s[0]))
		return 0;
	for (;;) {
		while (i < n && is_digit(s[i]))
			i++;
		for (j = 0; i < n && j < 3 && is_alpha(s[i]); j++)
			i++;
		if (i + 1 < n && (s[i] == '-' || s[i] == '.') && is_digit(s[i + 1])) {
			if (s[i] == '-')
				*hyphen = 1;
			else
				(*dot)++;
			i++;
			continue;
		}
		return i;
	}
}

/* Length of a dash at s[0..n): '-', U+2013 or U+2014; 0 if none. */
static size_t dash_len(const char *s, size_t n)
{
	if (n && s[0] == '-')
		return 1;
	if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
	    ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94))
		return 3;
	return 0;
}

/* Is U+cp (not ASCII) an uppercase letter, as far as a heading goes?
 * Latin-1 capitals, and any letter past Latin-1 outside the punctuation
 * and symbol blocks (scripts without case count as capitals). */
static int cp_upper(unsigned cp)
{
	if (cp >= 0xC0 && cp <= 0xDE)
		return cp != 0xD7;
	if (cp < 0x100)
		return 0;
	return !(cp >= 0x2000 && cp <= 0x2BFF) && !(cp >= 0x3000 && cp <= 0x303F) &&
	       !(cp >= 0xE000 && cp <= 0xF8FF) && !(cp >= 0xFE00 && cp <= 0xFFFF);
}

/* Does s[0..n) start with an uppercase letter (ASCII or see cp_upper)? */
static int starts_upper(const char *s, size_t n)
{
	unsigned cp;
	if (!n)
		return 0;
	if ((unsigned char)s[0] < 0x80)
		return is_upper(s[0]);
	ot_utf8_decode(s, n, &cp);
	return cp_upper(cp);
}

/* Can a section heading start with s[0..n)?  An uppercase letter, or an
 * opening quote or digits (then at most one space) followed by one:
 * "Definitions.", "“Quoted” heading", "3D printers", "24 Hour".  Never a
 * lowercase word, so that "2-5-020 of this Code." is not a section line. */
static int heading_start(const char *s, size_t n)
{
	size_t i = 0;
	if (is_open_quote(s, n))
		i = s[0] == '"' ? 1 : 3;
	else if (n >= 3 && s[0] == '(' && s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'a' && s[2] <= 'z')
		i = 1; /* "(Reserved)", "(Repealed)"; not a marker "(A)" */
	else if (n && is_digit(s[0])) {
		size_t w;
		while (i < n && is_digit(s[i]))
			i++;
		/* any white space, as the canonical text turns it into one
		 * space ("4\tIndb" reads back as "4 Indb") */
		while (i < n && (w = ws_len(s + i, n - i)))
			i += w;
	}
	return starts_upper(s + i, n - i);
}

int ot_heading_reads_back(const char *heading)
{
	return heading_start(heading, strlen(heading));
}

/* Drop the closing quotes ('"', '\'', U+201D, U+2019) that end s[0..*n). */
static void drop_closing_quotes(const char *s, size_t *n)
{
	for (;;) {
		if (*n && (s[*n - 1] == '"' || s[*n - 1] == '\''))
			(*n)--;
		else if (*n >= 3 && (unsigned char)s[*n - 3] == 0xE2 && (unsigned char)s[*n - 2] == 0x80 &&
			 ((unsigned char)s[*n - 1] == 0x9D || (unsigned char)s[*n - 1] == 0x99))
			*n -= 3;
		else
			return;
	}
}

/* Has the text s[0..n) ended, so that a line below it starts something
 * new?  It ends in '.', ';', ':' or an em dash (closing quotes aside), or
 * in the word "and" or "or". */
static int text_ended(const char *s, size_t n)
{
	size_t w;
	trim(&s, &n);
	drop_closing_quotes(s, &n);
	if (!n)
		return 0;
	if (s[n - 1] == '.' || s[n - 1] == ';' || s[n - 1] == ':')
		return 1;
	if (n >= 3 && memcmp(s + n - 3, "\xE2\x80\x94", 3) == 0)
		return 1;
	for (w = n; w && is_alpha(s[w - 1]); w--)
		;
	if (w && !is_ws(s[w - 1]) && s[w - 1] != '/')
		return 0;
	return (n - w == 3 && ci_prefix(s + w, 3, "and")) || (n - w == 2 && ci_prefix(s + w, 2, "or"));
}

/* Has a heading ended: does it end in '.' or ':' (closing quotes aside)?
 * Body text may follow on the next line; otherwise that line continues
 * the heading. */
static int heading_ended(const char *s, size_t n)
{
	drop_closing_quotes(s, &n);
	return n && (s[n - 1] == '.' || s[n - 1] == ':');
}

enum { PFX_NONE, PFX_SEC, PFX_SIGN };

typedef struct secline {
	const char *line; /* the whole line, trimmed */
	size_t linelen;
	const char *num, *head;
	size_t numlen, headlen;
	const char *range; /* "Secs. 3-9-030—3-9-045.": the range as written */
	size_t rangelen;
	int prefix; /* PFX_NONE (bare), PFX_SEC ("Sec.", "Section"), PFX_SIGN ("§") */
} secline;

/* Is s[0..n) (trimmed) a section line taken on its own?  Fills out and
 * returns 1, or 0.  The forms (see the top comment):
 *   "2-173-020 Heading."        bare: a hyphenated number and a heading
 *   "Sec. 2-173-020. Heading."  "Sec."/"Section": a hyphenated or dotted
 *                               number ("12.5"), heading optional
 *   "§ 12 Heading."             "§": any number, heading optional
 *   "Secs. 3-9-030—3-9-045. Reserved." / "§§ ...": a range
 * A dash after the number ("Sec. 3-9-010. - Definitions.") is dropped,
 * and a heading must pass heading_start().  A bare number alone on its
 * line is not a section line here; see bare_alone(). */
/* Does s[0..n) hold an ASCII lowercase letter (a title line has none)? */
static int has_lower(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (is_lower(s[i]))
			return 1;
	return 0;
}

static int parse_section_any(secline *out, const char *s, size_t n)
{
	size_t i = 0, len, d;
	int hyphen, dot, plural = 0, chapter_section = 0;
	/* every form starts with a digit, "§" (0xC2 0xA7) or "S"/"s" */
	if (!n || !(is_digit(s[0]) || s[0] == 'S' || s[0] == 's' || (unsigned char)s[0] == 0xC2))
		return 0;
	out->prefix = PFX_NONE;
	out->range = NULL;
	out->rangelen = 0;
	out->line = s;
	out->linelen = n;
	if (n >= 4 && memcmp(s, "\xC2\xA7\xC2\xA7", 4) == 0) {
		i = 4;
		out->prefix = PFX_SIGN;
		plural = 1;
	} else if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA7) {
		i = 2;
		out->prefix = PFX_SIGN;
	} else if (ci_prefix(s, n, "section") && n > 7 && ws_len(s + 7, n - 7)) {
		i = 7;
		out->prefix = PFX_SEC;
	} else if (ci_prefix(s, n, "sec.")) {
		i = 4;
		out->prefix = PFX_SEC;
	} else if (ci_prefix(s, n, "secs.")) {
		i = 5;
		out->prefix = PFX_SEC;
		plural = 1;
	}
	while (out->prefix && (d = ws_len(s + i, n - i)))
		i += d;
	len = scan_number(s + i, n - i, &hyphen, &dot);
	if (!len)
		return 0;
	/* bare: "2-173-020" or "10.32.010" (two dots at least, so that
	 * "2.5 acres" is text), or an Ohio-style "1109.02" (chapter and
	 * section: 3-5 digits, a dot, 2-3 digits) whose heading is in
	 * capitals and ends in a full stop ("1109.02 DEFINITIONS.", as
	 * American Legal Publishing prints those codes); "Sec.": a '-' or a
	 * dot ("Sec. 12.5") */
	if (out->prefix == PFX_NONE && !hyphen && dot == 1) {
		size_t k = 0, d1, d2;
		for (d1 = 0; k < len && is_digit(s[i + k]); k++, d1++)
			;
		for (k++, d2 = 0; k < len && is_digit(s[i + k]); k++, d2++)
			;
		chapter_section = d1 >= 3 && d1 <= 5 && d2 >= 2 && d2 <= 3 && k == len;
	}
	if (out->prefix == PFX_NONE ? !hyphen && dot < 2 && !chapter_section
				    : out->prefix == PFX_SEC ? !hyphen && !dot : 0)
		return 0;
	out->num = s + i;
	out->numlen = len;
	i += len;
	if (plural) { /* a range: number, dash or "to"/"through", number */
		size_t j = i, l2;
		int h2, d2;
		while ((d = ws_len(s + j, n - j)))
			j += d;
		if ((d = dash_len(s + j, n - j)))
			j += d;
		else if (ci_prefix(s + j, n - j, "to ") || ci_prefix(s + j, n - j, "through ") ||
			 ci_prefix(s + j, n - j, "thru "))
			while (j < n && !is_ws(s[j]))
				j++;
		else
			j = n;
		while ((d = ws_len(s + j, n - j)))
			j += d;
		if (j < n && (l2 = scan_number(s + j, n - j, &h2, &d2)) > 0) {
			out->range = out->num;
			out->rangelen = j + l2 - (size_t)(out->num - s);
			i = j + l2;
		}
	}
	/* "2-173-020." and American Legal Publishing's "11-2-1: HEADING:" */
	if (i < n && (s[i] == '.' || s[i] == ':'))
		i++;
	/* the heading follows white space, or an en or em dash directly
	 * ("6-1-050—Hours.") */
	if (i < n && !ws_len(s + i, n - i) && dash_len(s + i, n - i) != 3)
		return 0;
	out->head = s + i;
	out->headlen = n - i;
	trim(&out->head, &out->headlen);
	/* a dash between number and heading: "- ", "-- ", "— " or "—" */
	if (out->headlen >= 2 && out->head[0] == '-' && out->head[1] == '-')
		d = 2;
	else
		d = dash_len(out->head, out->headlen);
	if (d && (d == out->headlen || d == 3 || ws_len(out->head + d, out->headlen - d))) {
		out->head += d;
		out->headlen -= d;
		trim(&out->head, &out->headlen);
	}
	if (chapter_section)
		return out->headlen >= 2 && !has_lower(out->head, out->headlen) && heading_start(out->head, out->headlen) &&
		       out->head[out->headlen - 1] == '.';
	if (out->headlen) {
		if (heading_start(out->head, out->headlen))
			return 1;
		/* "§ 2-5-020 of this Code.": only on the first line (see
		 * section_line), so that a stored section whose heading
		 * does not start with a capital reads back */
		return out->prefix == PFX_SIGN && !plural ? 2 : 0;
	}
	return out->prefix != PFX_NONE;
}

/* parse_section_any, without the lowercase "§" form */
static int parse_section(secline *out, const char *s, size_t n)
{
	return parse_section_any(out, s, n) == 1;
}

/* A bare hyphenated number alone on its line ("6-1-030", as council PDFs
 * print it): fills out (empty heading) and returns 1, or 0.  It is a
 * section line only if the next line is its heading (see the loop). */
static int bare_alone(secline *out, const char *s, size_t n)
{
	int hyphen, dot;
	size_t len = scan_number(s, n, &hyphen, &dot);
	if (!len || (!hyphen && dot < 2) || len < n)
		return 0;
	out->line = s;
	out->linelen = n;
	out->num = s;
	out->numlen = len;
	out->head = s + n;
	out->headlen = 0;
	out->range = NULL;
	out->rangelen = 0;
	out->prefix = PFX_NONE;
	return 1;
}

/* "CHAPTER 2-173 WELCOMING CITY ORDINANCE": 1 and the title words in
 * *title (may be empty), or 0. */
static int parse_chapter(const char **title, size_t *tlen, const char *s, size_t n)
{
	size_t i = 7, len, d;
	int hyphen, dot;
	if (!ci_prefix(s, n, "chapter") || n <= 7 || !is_ws(s[7]))
		return 0;
	while (i < n && is_ws(s[i]))
		i++;
	len = scan_number(s + i, n - i, &hyphen, &dot);
	if (!len)
		return 0;
	i += len;
	if (i < n && (s[i] == '.' || s[i] == ':'))
		i++;
	if (i < n && !is_ws(s[i]))
		return 0;
	*title = s + i;
	*tlen = n - i;
	trim(title, tlen);
	/* "Chapter 2 - ADMINISTRATION": the dash is not the title's */
	if ((d = dash_len(*title, *tlen)) != 0 && d < *tlen && ws_len(*title + d, *tlen - d)) {
		*title += d;
		*tlen -= d;
		trim(title, tlen);
	}
	return 1;
}

/* ---- notes and ordinance prose ----------------------------------------- */

/* Case-insensitive prefix test where a space of lit matches any run of
 * white space in s, as the canonical text collapses it ("Editor's\f\f
 * note" reads "Editor's note").  Returns the length matched in s, or 0. */
static size_t words_prefix(const char *s, size_t n, const char *lit)
{
	size_t i = 0;
	for (; *lit; lit++) {
		if (*lit == ' ') {
			size_t w, start = i;
			while (i < n && (w = ws_len(s + i, n - i)))
				i += w;
			if (i == start)
				return 0;
			continue;
		}
		if (i >= n || to_lower(s[i]) != *lit)
			return 0;
		i++;
	}
	return i;
}

static size_t skip_digits(const char *s, size_t n, size_t i)
{
	while (i < n && is_digit(s[i]))
		i++;
	return i;
}

/* Does s[0..n) hold what a history or source note cites with: a section
 * sign, an ordinance or resolution ("Ord.", "Ords.", "Ordinance",
 * "Res."), the council's journal ("Coun. J.", "C.J."), a code of a year
 * ("Code 1964"), a public law ("P.L."), or a date "3-29-06" / "3/29/06"? */
static int cites(const char *s, size_t n)
{
	static const char *const marks[] = {"\xC2\xA7", "Ord.", "Ords.", "Ord ", "Ordinance ", "Res.", "Coun. J.",
					    "C.J.", "P.L.", "Laws "};
	size_t i, k;
	for (i = 0; i < n; i++) {
		for (k = 0; k < OT_ARRAY_LEN(marks); k++) {
			size_t l = strlen(marks[k]);
			if (i + l <= n && memcmp(s + i, marks[k], l) == 0)
				return 1;
		}
		if (i + 9 <= n && memcmp(s + i, "Code 1", 6) == 0 && is_digit(s[i + 6]))
			return 1; /* "Code 1964" */
		if (is_digit(s[i]) && (i == 0 || !is_digit(s[i - 1]))) { /* a date d-d-d or d/d/d */
			size_t j = skip_digits(s, n, i), seps = 0;
			while (j < n && (s[j] == '-' || s[j] == '/') && j + 1 < n && is_digit(s[j + 1]) && seps < 2) {
				j = skip_digits(s, n, j + 1);
				seps++;
			}
			if (seps == 2)
				return 1;
		}
	}
	return 0;
}

/* Does s[0..n) contain a digit? */
static int has_digit(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (is_digit(s[i]))
			return 1;
	return 0;
}

const char *ot_text_history_note(const char *s, size_t n);
const char *ot_text_editorial_note(const char *s, size_t n);

/* Is s[0..n) (trimmed) the first line of a history or source note as the
 * publishers print them after a section: "(Added Coun. J. 3-29-06, p.
 * 72774, § 1; Amend ...)" (American Legal Publishing), "(Ord. No.
 * 2019-14, § 1, 3-4-2019)" (Municode), "(Code 1964, § 12-3)", "(Prior code
 * § 2-12-010)"?  A parenthesis, one of the words that open such notes, a
 * digit somewhere, and nothing after the closing parenthesis but a dot
 * (or no closing parenthesis yet: the note wraps).  Returns the kind
 * ("history", "source") or NULL. */
static const char *history_note(const char *s, size_t n)
{
	static const struct {
		const char *word, *kind;
	} words[] = {
	    {"added ", "history"},	{"amend ", "history"},	     {"amended ", "history"},
	    {"amend. ", "history"},	{"amd. ", "history"},	     {"ord. ", "history"},
	    {"ords. ", "history"},	{"ord ", "history"},	     {"ordinance ", "history"},
	    {"ordinances ", "history"}, {"coun. j. ", "history"},    {"c.j. ", "history"},
	    {"repealed ", "history"},	{"renumbered ", "history"},  {"res. ", "history"},
	    {"formerly ", "history"},	{"derived from ", "source"}, {"prior code ", "source"},
	    {"code ", "history"},	{"source: ", "source"},	     {"laws ", "source"},
	    {"p.l. ", "source"},	{"rev. ord. ", "history"},   {"as amended ", "history"},
	};
	size_t k, depth = 0, i;
	/* every word starts with a letter: "(a) ..." and "(1) ..." are out
	 * at the second byte */
	if (n < 4 || s[0] != '(' || !is_alpha(s[1]) || s[2] == ')')
		return NULL;
	for (k = 0; k < OT_ARRAY_LEN(words); k++)
		if (words_prefix(s + 1, n - 1, words[k].word))
			break;
	/* a note cites: "(Code enforcement officers shall waive the fee for
	 * licensees over 65.)" is law */
	if (k == OT_ARRAY_LEN(words) || !has_digit(s, n) || !cites(s, n))
		return NULL;
	/* nothing after the parenthesis that closes the first one but '.';
	 * a source that lists more ("(Code 1964, § 1-2; Ord. No. ...)") is
	 * the section's history */
	for (i = 0; i < n; i++) {
		if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && depth && --depth == 0) {
			size_t rest = n - i - 1;
			if (rest > 1 || (rest == 1 && s[i + 1] != '.'))
				return NULL;
			break;
		}
	}
	if (strcmp(words[k].kind, "source") == 0 && memchr(s, ';', n))
		return "history";
	return words[k].kind; /* (or not closed on this line: it wraps) */
}

/* Is s[0..n) the start of an editor's note or a reference note
 * ("Editor's note— ...", "Cross reference— ...", "State law reference—
 * ...", "Charter reference— ...", "Legislative history: ...")?  The
 * words, then a dash, colon or dot.  Returns the kind or NULL. */
static const char *editorial_note(const char *s, size_t n)
{
	static const struct {
		const char *word, *kind;
	} words[] = {
	    {"editor's notes", "editorial"},
	    {"editor's note", "editorial"},
	    {"editor\xE2\x80\x99s notes", "editorial"},
	    {"editor\xE2\x80\x99s note", "editorial"},
	    {"editors' note", "editorial"},
	    {"editorial note", "editorial"},
	    {"cross references", "cross-reference"},
	    {"cross reference", "cross-reference"},
	    {"cross-references", "cross-reference"},
	    {"cross-reference", "cross-reference"},
	    {"state law references", "cross-reference"},
	    {"state law reference", "cross-reference"},
	    {"charter references", "cross-reference"},
	    {"charter reference", "cross-reference"},
	    {"statutory references", "cross-reference"},
	    {"statutory reference", "cross-reference"},
	    {"legislative history", "history"},
	    {"history", "history"},
	    {"source", "source"},
	};
	size_t k, l;
	/* "* Editor's note – ...": a footnote mark before a chapter's note */
	if (n > 2 && s[0] == '*' && is_ws(s[1])) {
		s += 2;
		n -= 2;
		while (n && is_ws(s[0]))
			s++, n--;
	}
	/* "Penalty, see § 2-16-990": where a section's penalty is (American
	 * Legal Publishing's Ohio and Sterling codes) */
	if (ci_prefix(s, n, "penalty, see ") && cites(s, n))
		return "cross-reference";
	/* every word starts with one of these */
	if (n < 6 || !(ci_prefix(s, n, "edit") || ci_prefix(s, n, "cros") || ci_prefix(s, n, "stat") ||
		       ci_prefix(s, n, "char") || ci_prefix(s, n, "legi") || ci_prefix(s, n, "hist") ||
		       ci_prefix(s, n, "sour")))
		return NULL;
	for (k = 0; k < OT_ARRAY_LEN(words); k++) {
		/* "History" and "Source" alone (the last two) may begin a
		 * sentence of law: they need a colon or an en or em dash */
		int plain = k + 2 >= OT_ARRAY_LEN(words);
		if (!(l = words_prefix(s, n, words[k].word)))
			continue;
		while (l < n && is_ws(s[l]))
			l++;
		if (l < n && s[l] == ':')
			return !plain || cites(s, n) ? words[k].kind : NULL;
		if (plain)
			return dash_len(s + l, n - l) == 3 && cites(s, n) ? words[k].kind : NULL;
		return l < n && (s[l] == '.' || dash_len(s + l, n - l)) ? words[k].kind : NULL;
	}
	return NULL;
}

/* "SECTION 2. This ordinance shall take effect ...": a section of the
 * amending ordinance, not of the code (no '-' or dot group in the
 * number). */
static int prose_line(const char *s, size_t n)
{
	size_t i = 7;
	if (n < 10 || !ci_prefix(s, n, "section") || !is_ws(s[7]))
		return 0;
	while (i < n && is_ws(s[i]))
		i++;
	if (i >= n || !is_digit(s[i]))
		return 0;
	while (i < n && is_digit(s[i]))
		i++;
	return i < n && (s[i] == '.' || s[i] == ':') && (i + 1 == n || is_ws(s[i + 1]));
}

/* Does s[0..n) read as a definition in the American Legal Publishing
 * style: a term in capitals, a full stop, then its meaning ("SANDWICH
 * BOARD. A portable sign.")? */
static int definition_paragraph(const char *s, size_t n)
{
	size_t i, letters = 0;
	if (!s)
		return 0;
	trim(&s, &n);
	for (i = 0; i < n && s[i] != '.'; i++) {
		if (is_lower(s[i]))
			return 0;
		letters += is_upper(s[i]);
	}
	return letters >= 2 && i + 2 < n && is_ws(s[i + 1]) && (is_upper(s[i + 2]) || is_digit(s[i + 2]));
}

/* Is s[0..n) a row of a table written with bars: two '|' or more,
 * between cells ("Tavern | until 4:00 a.m. | $3,000.00")? */
static int table_row(const char *s, size_t n)
{
	size_t i, bars = 0;
	for (i = 1; i + 1 < n; i++)
		bars += s[i] == '|';
	return bars >= 2;
}

/* ---- page furniture ---------------------------------------------------- */

/* Is s[0..n) (trimmed) a page number as PDF pages print them: "12",
 * "- 12 -", "Page 12", "Page 12 of 40", "12 of 40"?  Only a bare number
 * needs a page break to count (furniture()). */
static size_t skip_spaces(const char *s, size_t n, size_t i)
{
	while (i < n && is_ws(s[i]))
		i++;
	return i;
}

static int page_number(const char *s, size_t n, int *bare)
{
	size_t i = 0, j;
	int page = 0;
	*bare = 0;
	if (ci_prefix(s, n, "page ")) {
		page = 1;
		i = skip_spaces(s, n, 5);
	} else if (n && s[0] == '-') { /* "- 12 -" */
		i = skip_spaces(s, n, 1);
		j = skip_digits(s, n, i);
		if (j == i)
			return 0;
		i = skip_spaces(s, n, j);
		return i + 1 == n && s[i] == '-';
	}
	j = skip_digits(s, n, i);
	if (j == i || j - i > 4)
		return 0;
	if (j == n) {
		*bare = !page;
		return 1;
	}
	i = skip_spaces(s, n, j);
	if (!ci_prefix(s + i, n - i, "of "))
		return 0;
	i = skip_spaces(s, n, i + 3);
	j = skip_digits(s, n, i);
	return j > i && j == n;
}

/* Does s[0..n), a short line, hold "Page 12" or "Page 12 of 40" among
 * other words, set off by white space? */
static int page_ref(const char *s, size_t n)
{
	size_t i, j;
	if (n > 120)
		return 0;
	for (i = 0; i + 6 <= n; i++) {
		if ((i && !is_ws(s[i - 1])) || !ci_prefix(s + i, n - i, "page "))
			continue;
		j = skip_spaces(s, n, i + 5);
		if (j < n && is_digit(s[j])) {
			j = skip_digits(s, n, j);
			if (j == n || is_ws(s[j]))
				return 1;
		}
	}
	return 0;
}

/* Is the line after (below) or before (!below) line i blank? */
static int set_off(const parser *p, size_t i, int below)
{
	const char *s;
	size_t n;
	if (below ? i + 1 >= p->nlines : i == 0)
		return 0;
	s = p->data + p->lines[below ? i + 1 : i - 1].off;
	n = p->lines[below ? i + 1 : i - 1].len;
	trim(&s, &n);
	return n == 0;
}

/* Is s[0..n) a section line, a clause marker line or a note? */
static int structural(const char *s, size_t n)
{
	secline sl;
	marker m;
	return parse_section(&sl, s, n) || line_marker(&m, s, n) || history_note(s, n) || editorial_note(s, n);
}

/* A heading line of capitals: no lowercase letter, at least three
 * letters, not a section line or a marker. */
static int caps_line(const char *s, size_t n)
{
	size_t i, letters = 0;
	secline sl;
	marker m;
	for (i = 0; i < n; i++) {
		if (is_lower(s[i]))
			return 0;
		letters += is_upper(s[i]);
	}
	return letters >= 3 && !parse_section(&sl, s, n) && !line_marker(&m, s, n);
}

/* The shape of a running header or footer: digit runs as '#', white space
 * collapsed, into b (so "Chapter 2-173   Page 3" and "... Page 4" match). */
static void furniture_shape(ot_buf *b, const char *s, size_t n)
{
	size_t i = 0;
	ot_buf_clear(b);
	while (i < n) {
		if (is_digit(s[i])) {
			ot_buf_putc(b, '#');
			while (i < n && is_digit(s[i]))
				i++;
		} else if (is_ws(s[i])) {
			ot_buf_putc(b, ' ');
			while (i < n && is_ws(s[i]))
				i++;
		} else {
			ot_buf_putc(b, s[i++]);
		}
	}
	if (!b->ptr)
		ot_buf_puts(b, "");
}

/* Does a new page start with this line: a form feed before anything else
 * on it, as pdftotext writes it?  (A form feed inside a line is only
 * white space.) */
static int page_starts(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	return i < n && s[i] == '\f';
}

/* "Supp. No. 84" alone on its line: the supplement a printed code page
 * belongs to (American Legal Publishing, Municode). */
static int supp_line(const char *s, size_t n)
{
	size_t j;
	if (!ci_prefix(s, n, "supp. no. "))
		return 0;
	j = skip_digits(s, n, 10);
	return j > 10 && j == n;
}

/* Is line i (s[0..n), trimmed) page furniture in the middle of a
 * sentence: a bare page number ("1023") or a line in capitals (a running
 * head, "MUNICIPAL CODE OF CHICAGO  § 10-8-330") between a line whose
 * sentence has not ended and one that goes on with a lowercase word?  No
 * heading or number of the law stands there.  *bare: a page number. */
static int mid_sentence(const parser *p, size_t i, const char *s, size_t n, int *bare)
{
	size_t j, k;
	const char *a = NULL, *b = NULL;
	size_t an = 0, bn = 0;
	int num = page_number(s, n, bare) && *bare;
	if (!num && (!caps_line(s, n) || structural(s, n)))
		return 0;
	for (j = i; j-- > 0;) {
		a = p->data + p->lines[j].off;
		an = p->lines[j].len;
		trim(&a, &an);
		if (an)
			break;
	}
	for (k = i + 1; k < p->nlines; k++) {
		b = p->data + p->lines[k].off;
		bn = p->lines[k].len;
		trim(&b, &bn);
		if (bn)
			break;
	}
	if (!an || !bn || text_ended(a, an) || !is_lower(b[0]))
		return 0;
	*bare = num;
	return 1;
}

/* Find the page furniture of text extracted from a PDF (pdftotext
 * -layout): pages are separated by form feeds; on each page the first and
 * the last non-blank line are candidates, and a candidate is a running
 * header or footer when its shape (furniture_shape) recurs at the same
 * edge of at least two pages and half of them, a page number when it
 * reads like one.  Without form feeds only "Page 12 of 40" lines count.
 * Sets p->furn[line] to the kind, or leaves p->furn NULL if there is
 * none. */
static void furniture(parser *p)
{
	size_t i, k, npages = 1, *first = NULL, *last = NULL, pg;
	ot_buf shape = OT_BUF_INIT, other = OT_BUF_INIT;
	int bare, ff = memchr(p->data, '\f', p->lines && p->nlines
					     ? p->lines[p->nlines - 1].off + p->lines[p->nlines - 1].len
					     : 0) != NULL;
	for (i = 0; i < p->nlines; i++) {
		const char *s = p->data + p->lines[i].off;
		size_t n = p->lines[i].len;
		if (ff && page_starts(s, n))
			npages++;
		trim(&s, &n);
		/* "Page 3 of 40", "- 3 -", "3 of 40" */
		if (n && (s[0] == 'P' || s[0] == 'p' || s[0] == '-' || is_digit(s[0])) && page_number(s, n, &bare) &&
		    !bare) {
			if (!p->furn)
				p->furn = ot_calloc(p->nlines, sizeof(*p->furn));
			p->furn[i] = "page-number";
		} else if (supp_line(s, n)) {
			/* "Supp. No. 84": the supplement a page belongs to */
			if (!p->furn)
				p->furn = ot_calloc(p->nlines, sizeof(*p->furn));
			p->furn[i] = "page-footer";
		} else if (n && mid_sentence(p, i, s, n, &bare)) {
			if (!p->furn)
				p->furn = ot_calloc(p->nlines, sizeof(*p->furn));
			p->furn[i] = bare ? "page-number" : "page-header";
		}
	}
	if (!ff || npages < 2)
		goto done;
	/* the first and last non-blank line of every page */
	first = ot_calloc(npages, sizeof(*first));
	last = ot_calloc(npages, sizeof(*last));
	for (pg = 0; pg < npages; pg++)
		first[pg] = last[pg] = (size_t)-1;
	for (i = 0, pg = 0; i < p->nlines; i++) {
		const char *s = p->data + p->lines[i].off;
		size_t n = p->lines[i].len;
		if (page_starts(s, n) && i > 0)
			pg++;
		trim(&s, &n);
		if (!n || pg >= npages)
			continue;
		if (first[pg] == (size_t)-1)
			first[pg] = i;
		last[pg] = i;
	}
	for (k = 0; k < 2; k++) {
		size_t *edge = k ? last : first;
		for (pg = 0; pg < npages; pg++) {
			size_t hits = 0, q;
			const char *s, *t;
			size_t n, tn;
			if (edge[pg] == (size_t)-1 || (p->furn && p->furn[edge[pg]]))
				continue;
			s = p->data + p->lines[edge[pg]].off;
			n = p->lines[edge[pg]].len;
			trim(&s, &n);
			if (page_number(s, n, &bare)) {
				if (!p->furn)
					p->furn = ot_calloc(p->nlines, sizeof(*p->furn));
				p->furn[edge[pg]] = "page-number";
				continue;
			}
			/* "Page 4 of 9      Traffic Code" at the foot of a page, or
			 * a title in capitals at the head of a page after a form
			 * feed ("TITLE 9  VEHICLES, TRAFFIC ...") */
			/* ... or a line set off by a blank line at the head of a
			 * page after a form feed, or at the foot of a page
			 * before one (a short one), that is no section, clause
			 * or note: odd and even running heads, "Supp. No. 42" */
			if (page_ref(s, n) || (!k && pg > 0 && caps_line(s, n)) ||
			    (!k && pg > 0 && set_off(p, edge[pg], 1) && !structural(s, n)) ||
			    (k && pg + 1 < npages && n <= 60 && set_off(p, edge[pg], 0) && !structural(s, n))) {
				if (!p->furn)
					p->furn = ot_calloc(p->nlines, sizeof(*p->furn));
				p->furn[edge[pg]] = k ? "page-footer" : "page-header";
				continue;
			}
			furniture_shape(&shape, s, n);
			for (q = 0; q < npages; q++) {
				if (edge[q] == (size_t)-1)
					continue;
				t = p->data + p->lines[edge[q]].off;
				tn = p->lines[edge[q]].len;
				trim(&t, &tn);
				furniture_shape(&other, t, tn);
				hits += other.len == shape.len && memcmp(other.ptr, shape.ptr, shape.len) == 0;
			}
			if (hits >= 2 && hits * 2 >= npages) {
				if (!p->furn)
					p->furn = ot_calloc(p->nlines, sizeof(*p->furn));
				p->furn[edge[pg]] = k ? "page-footer" : "page-header";
			}
		}
	}
done:
	free(first);
	free(last);
	ot_buf_release(&shape);
	ot_buf_release(&other);
}

/* ---- the id sets ------------------------------------------------------ */

/* Two sets of borrowed ids: section numbers (the whole document) and the
 * clause ids of the current section.  A clause id starts with its section
 * number, so clause ids can only collide within one section; that set is
 * emptied at each section line by bumping its generation (a slot is in use
 * only if it carries the current one), so it stays as small as the largest
 * section and in cache.  Each slot keeps the full hash, so a probe
 * compares strings only when the hashes agree. */

static size_t hash_mem(const char *s, size_t n)
{
	unsigned long long h = 1469598103934665603ull;
	size_t i;
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	h ^= h >> 29; /* FNV-1a leaves the low bits weak; mix them */
	h *= 0xBF58476D1CE4E5B9ull;
	h ^= h >> 32;
	return (size_t)h;
}

/* Index of the slot holding id (hash h, length n), or of the empty slot
 * where it would go.  The set has at least one free slot. */
static size_t ids_slot(const idset *set, const char *id, size_t n, size_t h)
{
	size_t i, mask = set->cap - 1;
	for (i = h & mask; set->slots[i].gen == set->gen; i = (i + 1) & mask)
		if (set->slots[i].hash == h && memcmp(set->slots[i].id, id, n) == 0 && !set->slots[i].id[n])
			break;
	return i;
}

/* 1 if id[0..n) is in the set (its first line in *first), else 0. */
static int ids_find(const idset *set, const char *id, size_t n, unsigned *first)
{
	size_t i;
	if (!set->cap)
		return 0;
	i = ids_slot(set, id, n, hash_mem(id, n));
	if (set->slots[i].gen != set->gen)
		return 0;
	*first = set->slots[i].line;
	return 1;
}

/* Add id (borrowed, NUL-terminated, n bytes; must outlive the set).
 * Returns 1 if added, 0 if it was there already (its first line in
 * *first). */
static int ids_add(idset *set, const char *id, size_t n, unsigned line, unsigned *first)
{
	size_t i, h = hash_mem(id, n);
	if ((set->n + 1) * 2 > set->cap) {
		idslot *old = set->slots;
		size_t oldcap = set->cap, k;
		unsigned oldgen = set->gen;
		set->cap = oldcap ? oldcap * 2 : 64;
		set->slots = ot_calloc(set->cap, sizeof(*set->slots));
		set->gen = 1;
		for (k = 0; k < oldcap; k++)
			if (old[k].gen == oldgen) {
				i = ids_slot(set, old[k].id, strlen(old[k].id), old[k].hash);
				set->slots[i] = old[k];
				set->slots[i].gen = 1;
			}
		free(old);
	}
	i = ids_slot(set, id, n, h);
	if (set->slots[i].gen == set->gen) {
		*first = set->slots[i].line;
		return 0;
	}
	set->slots[i] = (idslot){id, h, line, set->gen};
	set->n++;
	return 1;
}

/* Empty the set in O(1).  Slots of older generations count as free. */
static void ids_clear(idset *set)
{
	set->n = 0;
	if (++set->gen == 0) { /* wrapped: really clear */
		memset(set->slots, 0, set->cap * sizeof(*set->slots));
		set->gen = 1;
	}
}

/* ---- building the tree ------------------------------------------------ */

/* Make n the node whose text is being gathered; the previous one gets a
 * copy of its gathered text (or heading), exactly sized, now.  p->text
 * itself is reused, so its capacity is allocated once. */
static const char *trailing_note(const char *s, size_t n, size_t *at);

/* A paragraph read over several lines that ends in a closed history note
 * ("... an action. (Added Coun. J. 11-8-12, p. 38872,\n§ 2)"): the note
 * goes to the section's notes, as it does when it stands on the
 * paragraph's one line (the canonical text writes a paragraph on one
 * line, so both must read the same).  Its pieces move with it; when they
 * cannot (the check would not find them), the text stays law. */
static void cut_trailing_note(parser *p)
{
	size_t at, law;
	const char *kind;
	unsigned line = 0;
	ot_doc_note *note;
	if (!p->cur || p->cur->kind == OT_NODE_SECTION || !p->text.len ||
	    !(kind = trailing_note(p->text.ptr, p->text.len, &at)))
		return;
	for (law = at; law && (p->text.ptr[law - 1] == ' ' || p->text.ptr[law - 1] == '\t'); law--)
		;
	if (!law)
		return; /* a paragraph that is only the note: not this rule's */
	if (ot_conserve_retarget_tail(p->cv, p->cur, OT_CV_TEXT, ot_conserve_nonblank(p->text.ptr, at), OT_CV_NOTE,
				      p->doc->nnotes, &line) < 0)
		return;
	note = ot_doc_add_note(p->doc, p->section ? p->section->num : NULL, kind, "");
	free(note->text);
	note->text = ot_strndup(p->text.ptr + at, p->text.len - at);
	note->line = line;
	p->text.len = law;
	p->text.ptr[law] = '\0';
}

static void switch_to(parser *p, ot_node *n)
{
	cut_trailing_note(p);
	if (p->cur) {
		char **dst = p->cur->kind == OT_NODE_SECTION ? &p->cur->heading : &p->cur->text;
		free(*dst);
		*dst = ot_strndup(p->text.ptr, p->text.len);
	}
	ot_buf_clear(&p->text);
	p->cur = n;
}

/* Gather s[0..n) (inside the current line) into the current node's text
 * or heading, and record where it went. */
static void gather(parser *p, const char *s, size_t n)
{
	int field = p->cur->kind == OT_NODE_SECTION ? OT_CV_HEADING : OT_CV_TEXT;
	trim(&s, &n);
	if (n && ot_test_plant_fires()) { /* a planted loss (tests only) */
		if (ot_test_plant_loss.kind == 1)
			ot_conserve_put(p->cv, p->li, s, n, field, p->cur, 0);
		return;
	}
	put_norm(&p->text, s, n);
	ot_conserve_put(p->cv, p->li, s, n, field, p->cur, 0);
}

/* s[0..n) of the current line was consumed as syntax ("Sec.", "§", the
 * dot after a section number). */
static void syntax(parser *p, const char *s, size_t n)
{
	ot_conserve_put(p->cv, p->li, s, n, OT_CV_SYNTAX, NULL, 0);
}

/* ---- side text: notes and skipped material ---------------------------- */

/* Finish the note or skipped entry being gathered: it gets its text. */
static void side_close(parser *p)
{
	char **dst;
	if (p->side == SIDE_NONE)
		return;
	dst = p->side == SIDE_NOTE ? &p->doc->notes[p->side_idx].text : &p->doc->skipped[p->side_idx].text;
	free(*dst);
	*dst = ot_strndup(p->side_text.ptr ? p->side_text.ptr : "", p->side_text.len);
	ot_buf_clear(&p->side_text);
	p->side = SIDE_NONE;
}

/* Start a note of the current section (kind: "history", ...) or an entry
 * of skipped material (SIDE_SKIP, kind "preamble", ...) at line `line`. */
static void side_open(parser *p, int side, const char *kind, unsigned line)
{
	side_close(p);
	if (side == SIDE_NOTE) {
		/* the paragraph above has ended: its own note comes first */
		cut_trailing_note(p);
		ot_doc_note *n = ot_doc_add_note(p->doc, p->section ? p->section->num : NULL, kind, "");
		n->line = line;
		p->side_idx = p->doc->nnotes - 1;
	} else {
		ot_doc_add_skip(p->doc, line, kind, "");
		p->side_idx = p->doc->nskipped - 1;
	}
	p->side = side;
	p->side_kind = kind;
	p->side_depth = 0;
	p->side_lines = 0;
}

/* Add s[0..n) of the current line to the side text. */
static void side_put(parser *p, const char *s, size_t n)
{
	size_t i;
	trim(&s, &n);
	put_norm(&p->side_text, s, n);
	ot_conserve_put(p->cv, p->li, s, n, p->side == SIDE_NOTE ? OT_CV_NOTE : OT_CV_SKIP, NULL, p->side_idx);
	p->side_lines++;
	for (i = 0; i < n; i++)
		p->side_depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
}

/* A line of skipped material of `kind`: joins the entry being gathered
 * when it is of the same kind, else starts one. */
static void skip_line(parser *p, const char *kind, const char *s, size_t n, unsigned line)
{
	if (p->side != SIDE_SKIP || strcmp(p->side_kind, kind) != 0)
		side_open(p, SIDE_SKIP, kind, line);
	side_put(p, s, n);
}

/* A new node with copies of id[0..idlen) and num[0..numlen) (num may be
 * NULL); its text or heading is set by switch_to. */
static ot_node *new_node(ot_node_kind kind, const char *id, size_t idlen, const char *num, size_t numlen,
			 unsigned line)
{
	ot_node *n = ot_calloc(1, sizeof(*n));
	n->kind = kind;
	n->id = ot_strndup(id, idlen);
	if (num && numlen <= idlen && memcmp(id + idlen - numlen, num, numlen) == 0) {
		/* a section's number is its id: share the memory */
		n->num = n->id + idlen - numlen;
		n->num_in_id = 1;
	} else {
		n->num = num ? ot_strndup(num, numlen) : NULL;
	}
	n->line = line;
	return n;
}

static int start_section(parser *p, const secline *sl, unsigned line)
{
	ot_node *sec = new_node(OT_NODE_SECTION, sl->num, sl->numlen, sl->num, sl->numlen, line);
	unsigned first = 0;
	if (!ids_add(&p->secids, sec->id, sl->numlen, line, &first)) {
		int err = ot_error_set(OT_EINVALID,
				       "%s:%u: duplicate section number '%.*s' (first at line %u); "
				       "each section may appear only once",
				       p->name, line, MAX_IDLEN_MSG, sec->id, first);
		ot_node_free(sec);
		return err;
	}
	ot_doc_append(p->doc, sec);
	ids_clear(&p->clauseids);
	p->section = sec;
	p->sec_ntext = 0;
	p->depth = 0;
	p->sealed = 0;
	switch_to(p, sec);
	/* the sections before this one, and every note and skipped entry so
	 * far, are final (the caller closed the side text): check them now */
	if (p->side == SIDE_NONE) {
		int err = ot_conserve_checkpoint(p->cv, p->doc, p->doc->nsections - 1, p->doc->nnotes,
						 p->doc->nskipped);
		if (err < 0)
			return err;
	}
	/* the line: syntax, number, syntax, heading, syntax */
	syntax(p, sl->line, (size_t)(sl->num - sl->line));
	ot_conserve_put(p->cv, p->li, sl->num, sl->numlen, OT_CV_NUM, sec, 0);
	if (sl->headlen) {
		syntax(p, sl->num + sl->numlen, (size_t)(sl->head - (sl->num + sl->numlen)));
		gather(p, sl->head, sl->headlen);
		syntax(p, sl->head + sl->headlen, (size_t)(sl->line + sl->linelen - (sl->head + sl->headlen)));
	} else {
		syntax(p, sl->num + sl->numlen, (size_t)(sl->line + sl->linelen - (sl->num + sl->numlen)));
	}
	if (sl->range) { /* "Reserved. (3-9-030—3-9-045)" or "Secs. 3-9-030—3-9-045" */
		size_t at = p->text.len;
		ot_buf_clear(&p->scratch);
		put_norm(&p->scratch, sl->range, sl->rangelen);
		ot_buf_puts(&p->text, p->text.len ? " (" : "Secs. ");
		ot_buf_put(&p->text, p->scratch.ptr, p->scratch.len);
		if (sl->headlen)
			ot_buf_putc(&p->text, ')');
		/* made up from the range, which the number and syntax cover */
		ot_conserve_synth(p->cv, p->text.ptr + at, p->text.len - at, OT_CV_HEADING, sec, 0);
	}
	return 0;
}

/* Append a TEXT node to the parent of the last clause (the section when
 * none is open) and make it current. */
static void start_text(parser *p, unsigned line)
{
	ot_node *parent = p->depth ? p->lv[p->depth - 1].parent : p->section, *node;
	unsigned *count = &p->sec_ntext;
	int k;
	/* the parent is the section or the last clause of a lower level */
	for (k = p->depth - 1; k >= 0; k--)
		if (p->lv[k].node == parent)
			count = &p->lv[k].ntext;
	(*count)++;
	ot_buf_clear(&p->scratch);
	ot_buf_printf(&p->scratch, "%s~%u", parent->id, *count);
	node = new_node(OT_NODE_TEXT, p->scratch.ptr, p->scratch.len, NULL, 0, line);
	ot_node_append(parent, node);
	if (p->depth)
		p->sealed = 1;
	switch_to(p, node);
}

/* A marker that fits no rule at the start of a line: if it repeats a
 * clause of an open level ("(b) ...", "(b) ..."), that is a duplicate
 * clause id and an error; otherwise 0. */
static int check_repeat(parser *p, const marker *m, unsigned line)
{
	int i, k;
	unsigned first = 0;
	for (i = 0; i < m->nin; i++)
		for (k = p->depth - 1; k >= 0; k--) {
			if (p->lv[k].type != m->in[i].type)
				continue;
			ot_buf_clear(&p->scratch);
			ot_buf_puts(&p->scratch, p->lv[k].parent->id);
			marker_id(&p->scratch, m);
			if (ids_find(&p->clauseids, p->scratch.ptr, p->scratch.len, &first))
				return ot_error_set(OT_EINVALID,
						    "%s:%u: duplicate clause id '%.*s' (first at line "
						    "%u); renumber or remove one of them",
						    p->name, line, MAX_IDLEN_MSG, p->scratch.ptr, first);
		}
	return 0;
}

/* Could text t[0..n), with a line appended, read as a section line?
 * Tried with a number ("Sec." + "2-173-020") and with a heading ("2-173"
 * + "Purpose."). */
/* section_stub for the lookahead, which may not touch the parser. */
static int stub_like(const char *t, size_t n)
{
	char buf[256];
	secline sl;
	if (!n || n > sizeof(buf) - 8)
		return 0;
	memcpy(buf, t, n);
	memcpy(buf + n, " 1-1", 4);
	if (parse_section(&sl, buf, n + 4))
		return 1;
	memcpy(buf + n, " A", 2);
	return parse_section(&sl, buf, n + 2);
}

static int section_stub(parser *p, const char *t, size_t n)
{
	secline sl;
	ot_buf *probe = &p->scratch;
	ot_buf_clear(probe);
	ot_buf_put(probe, t, n);
	ot_buf_puts(probe, " 1-1");
	if (parse_section(&sl, probe->ptr, probe->len))
		return 1;
	ot_buf_truncate(probe, n);
	ot_buf_puts(probe, " A");
	return parse_section(&sl, probe->ptr, probe->len);
}

/* Put a line (not a marker or section line, or a marker that fits no rule)
 * into the tree: a new paragraph if new_para, else a wrapped continuation
 * of the current node.  A paragraph that so far reads only "2-173" or
 * "Sec." is not joined with a line that would make it read as a section
 * line ("Sec. 2-173-020"): the canonical text would read that back as a
 * section, so the line starts a new paragraph instead. */
static int put_line(parser *p, const char *s, size_t n, unsigned line, int new_para, const marker *m)
{
	int err;
	/* a paragraph must never read as a section line once joined: its
	 * canonical form is that line after a blank one ("2-173." joined with
	 * "4 Indb" would) */
	if (!new_para && p->cur->kind == OT_NODE_TEXT) {
		secline sl;
		ot_buf_clear(&p->scratch);
		ot_buf_put(&p->scratch, p->text.ptr, p->text.len);
		put_norm(&p->scratch, s, n);
		new_para = parse_section(&sl, p->scratch.ptr, p->scratch.len);
		/* ... nor as a note: "(Added (b) b" joined with "4er" would
		 * (only paragraphs that start like a note need the look) */
		if (!new_para && p->text.len && strchr("(cehlsCEHLS", p->text.ptr[0]))
			new_para = history_note(p->scratch.ptr, p->scratch.len) != NULL ||
				   editorial_note(p->scratch.ptr, p->scratch.len) != NULL ||
				   prose_line(p->scratch.ptr, p->scratch.len);
		/* ... and a line that may neither join it nor start a paragraph,
		 * which the canonical text would show as a section line, is
		 * that section line */
		if (new_para && !m && parse_section(&sl, s, n))
			return start_section(p, &sl, line);
	}
	if (new_para) {
		/* a marker line that becomes a paragraph must not repeat a
		 * clause (see check_repeat) */
		if (m && (err = check_repeat(p, m, line)) < 0)
			return err;
		start_text(p, line);
	}
	gather(p, s, n);
	/* a joined paragraph holds a space after its first word and can no
	 * longer turn into a section line */
	p->text_stub = new_para && section_stub(p, p->text.ptr, p->text.len);
	return 0;
}

/* Apply a resolved marker: pop or push levels, append the clause, make it
 * current.  Returns 0 or OT_EINVALID (duplicate id, too deep). */
static int add_clause(parser *p, const marker *m, action a, unsigned line)
{
	ot_node *parent, *node;
	unsigned first = 0;
	size_t plen;
	level *lv;
	if (a.kind == ACT_CONT) {
		p->depth = a.level + 1;
		parent = p->lv[a.level].parent;
	} else {
		if (p->depth >= MAX_LEVELS)
			return ot_error_set(OT_EINVALID,
					    "%s:%u: clauses nested deeper than %d levels; "
					    "check the clause markers",
					    p->name, line, MAX_LEVELS);
		if (!p->depth)
			parent = p->section;
		else if (p->sealed) /* beside the sealed clause, not under it */
			parent = p->lv[p->depth - 1].parent;
		else
			parent = p->lv[p->depth - 1].node;
		p->depth++;
		p->lv[p->depth - 1].parent = parent;
	}
	p->sealed = 0;
	/* the id: parent id + marker, built in place */
	plen = strlen(parent->id);
	node = ot_calloc(1, sizeof(*node));
	node->kind = OT_NODE_CLAUSE;
	node->id = ot_malloc(plen + m->len + 2);
	memcpy(node->id, parent->id, plen);
	if (m->dot) { /* "A." -> "(A)"; the marker as written is its num */
		node->id[plen] = '(';
		memcpy(node->id + plen + 1, m->s, m->len - 1);
		node->id[plen + m->len] = ')';
		node->id[plen + m->len + 1] = '\0';
		node->num = ot_strndup(m->s, m->len);
	} else {
		memcpy(node->id + plen, m->s, m->len);
		node->id[plen + m->len] = '\0';
		/* the marker is the tail of the id: share its memory */
		node->num = node->id + plen;
		node->num_in_id = 1;
	}
	node->line = line;
	if (!ids_add(&p->clauseids, node->id, strlen(node->id), line, &first)) {
		int err = ot_error_set(OT_EINVALID,
				       "%s:%u: duplicate clause id '%.*s' (first at line %u); "
				       "renumber or remove one of them",
				       p->name, line, MAX_IDLEN_MSG, node->id, first);
		ot_node_free(node);
		return err;
	}
	ot_node_append(parent, node);
	ot_conserve_put(p->cv, p->li, m->s, m->len, OT_CV_NUM, node, 0);
	lv = &p->lv[p->depth - 1];
	lv->type = m->in[a.which].type;
	lv->last = m->in[a.which].ord;
	lv->node = node;
	lv->ntext = 0;
	switch_to(p, node);
	return 0;
}

/* ---- resolving a marker ----------------------------------------------- */

/* Is the text being gathered clause or paragraph text that has not ended
 * (see text_ended)?  Empty text (a marker alone) has not begun, so no. */
static int open_unended(const parser *p)
{
	return p->cur && p->cur->kind != OT_NODE_SECTION && p->text.len &&
	       !text_ended(p->text.ptr, p->text.len);
}

static int line_has_text(const char *s, size_t n)
{
	trim(&s, &n);
	return n != 0;
}

/* Is blank line i part of the margin of a page break: the nearest
 * non-blank line above or below it is page furniture, or starts a page? */
static int page_margin(const parser *p, size_t i)
{
	size_t j;
	const char *s;
	if (!p->furn)
		return 0;
	for (j = i + 1; j < p->nlines; j++) {
		s = p->data + p->lines[j].off;
		if (p->furn[j] || page_starts(s, p->lines[j].len))
			return 1;
		if (line_has_text(s, p->lines[j].len))
			break;
	}
	for (j = i; j-- > 0;) {
		s = p->data + p->lines[j].off;
		if (p->furn[j])
			return 1;
		if (line_has_text(s, p->lines[j].len))
			break;
	}
	return 0;
}

/* The index of the line after line i that is not page furniture (the
 * canonical text has none), or p->nlines. */
static size_t next_line(const parser *p, size_t i)
{
	for (i++; i < p->nlines && p->furn && p->furn[i]; i++)
		;
	return i;
}

/* Does the text after a marker start with the word "of" ("(d) of this
 * section"), the mark of a wrapped cross-reference? */
static int starts_with_of(const char *s, size_t n)
{
	return ci_prefix(s, n, "of") && (n == 2 || ws_len(s + 2, n - 2));
}

/* Is the marker on line `lineidx` (rest of its line: rest) followed by the
 * word "of", on its line or, when the marker stands alone, at the start of
 * the next line?  Either way the canonical text shows "(d) of ...". */
static int followed_by_of(const parser *p, size_t lineidx, const char *rest, size_t restlen)
{
	const char *s;
	size_t n;
	marker m;
	size_t next = next_line(p, lineidx);
	if (restlen)
		return starts_with_of(rest, restlen);
	if (next >= p->nlines)
		return 0;
	s = p->data + p->lines[next].off;
	n = p->lines[next].len;
	trim(&s, &n);
	return n && !line_marker(&m, s, n) && starts_with_of(s, n);
}

/* Rate one reading: rule 1, 2 or 3 (see the top comment), or 5 if none
 * fits; *lvl is the level it continues, *gap the ordinal jump of rule 3.
 * no_gap: the open text has not ended, so rule 3 does not apply. */
static int rate(const level *lv, int depth, interp in, int no_gap, int *lvl, unsigned long *gap)
{
	int k;
	*lvl = -1;
	*gap = 0;
	for (k = depth - 1; k >= 0; k--)
		if (lv[k].type == in.type)
			break;
	if (k < 0)
		return in.ord == ORD(1, 0) ? 2 : 5;
	*lvl = k;
	if (in.ord == ord_next(lv[k].last) ||
	    (in.ord / ORD_SUB == lv[k].last / ORD_SUB && in.ord % ORD_SUB > lv[k].last % ORD_SUB))
		return 1; /* (c) after (b), or an insertion (b-5) after (b) */
	if (in.ord > lv[k].last && !no_gap) {
		*gap = in.ord - lv[k].last;
		return 3;
	}
	return 5;
}

/* Would marker m fit rule 1-3 (or rule 2) once the current marker has been
 * applied as `a` (reading `in`)?  Works on a copy of the levels. */
static int claimed_after(const parser *p, action a, interp in, const marker *m, int no_gap)
{
	level lv[MAX_LEVELS];
	int i, lvl, depth;
	unsigned long gap;
	depth = a.kind == ACT_CONT ? a.level + 1 : p->depth + 1;
	if (depth > MAX_LEVELS)
		return 0;
	memcpy(lv, p->lv, sizeof(lv));
	lv[depth - 1].type = in.type;
	lv[depth - 1].last = in.ord;
	for (i = 0; i < m->nin; i++)
		if (rate(lv, depth, m->in[i], no_gap, &lvl, &gap) <= 3)
			return 1;
	return 0;
}

static int section_line(const parser *p, secline *sl, size_t i, const char *s, size_t n, int constrained,
			int unended);

/* Does s[0..n) end in ':' (closing quotes aside)? */
static int ends_in_colon(const char *s, size_t n)
{
	trim(&s, &n);
	drop_closing_quotes(s, &n);
	return n && s[n - 1] == ':';
}

/* Does line i (s, n) go on the note being gathered (depth: its open
 * parentheses; history: a parenthesised history note)?  A history note
 * goes on while its parenthesis is open, even over a line that looks like
 * a section line if that line closes it ("(Added ...; formerly §" /
 * "2-173-005 Purpose and intent; Amend ..., § 1)"), for at most
 * NOTE_LINES lines; an editor's note goes on up to a blank, marker, note
 * or section line. */
static int note_goes_on(const parser *p, int depth, int history, size_t i, const char *s, size_t n,
			size_t lines)
{
	secline sl;
	marker m;
	if (history_note(s, n) || editorial_note(s, n))
		return 0;
	if (depth > 0) {
		int d = depth;
		size_t k;
		for (k = 0; k < n && d > 0; k++)
			d += s[k] == '(' ? 1 : s[k] == ')' ? -1 : 0;
		if (d <= 0)
			return 1; /* it closes the note */
		return !section_line(p, &sl, i, s, n, 0, 0) && lines < NOTE_LINES;
	}
	return !history && !section_line(p, &sl, i, s, n, 0, 0) && !parse_marker(&m, s, n);
}

/* The last line of the note that starts on line i (s, n), as the main
 * loop gathers it (note_goes_on). */
static size_t note_end(const parser *p, size_t i, const char *s, size_t n)
{
	int history = history_note(s, n) != NULL, depth = 0;
	size_t k, j, lines = 1;
	for (k = 0; k < n; k++)
		depth += s[k] == '(' ? 1 : s[k] == ')' ? -1 : 0;
	for (j = next_line(p, i); j < p->nlines; i = j, j = next_line(p, j)) {
		const char *t = p->data + p->lines[j].off;
		size_t tn = p->lines[j].len;
		trim(&t, &tn);
		if (!tn && depth > 0 && page_margin(p, j))
			continue;
		if (!tn || !note_goes_on(p, depth, history, j, t, tn, lines))
			break;
		lines++;
		for (k = 0; k < tn; k++)
			depth += t[k] == '(' ? 1 : t[k] == ')' ? -1 : 0;
	}
	return i;
}

/* Look ahead for the marker that settles a letter/roman ambiguity of cur,
 * whose two readings both fit (as actions a[0] for the letter, a[1] for
 * the roman reading).  The next marker is the one on the rest of the same
 * line, else the first marker line below (never past a section line):
 *   - "(ii)" after "(i)" means roman (returns 1), "(j)" letter (0);
 *   - otherwise, if it fits the rules after only one reading, that one;
 *     if after both, nothing is settled (-1, keep the default);
 *   - if it fits after neither, its line will be a wrapped continuation
 *     or a paragraph whatever is chosen, so the line is passed over (the
 *     canonical text may show it inside the previous line).
 * Whether a line below is a section line, and whether the text before a
 * marker has ended (rule 3, "of"), is judged from the previous non-blank
 * line, its leading markers removed: what the canonical text shows too.
 * Each step depends only on what the canonical text also shows as a line
 * start, so parse(canonical) decides the same way. */
static int lookahead(const parser *p, const marker *cur, const action a[2], size_t lineidx, const char *rest,
		     size_t restlen)
{
	size_t i = lineidx;
	int fit[2], k, unended = 0, blank = 0, stub, colon = 0;
	secline sl;
	marker m;
	const char *s = rest;
	size_t n = restlen;
	for (;;) {
		int at_start = i != lineidx;
		int is_marker = n && (at_start ? line_marker(&m, s, n) : parse_marker(&m, s, n));
		/* a paragraph that reads "2-173" or "Section" does not hold
		 * back the section line below it (as in put_line) */
		stub = blank && !is_marker && stub_like(s, n);
		/* every marker that starts the line, in turn: "(a)" / "(c)"
		 * on two lines and "(a) (c)" on one (as the canonical text
		 * may show them) are weighed alike */
		while (n && (at_start ? line_marker(&m, s, n) : parse_marker(&m, s, n))) {
			const char *r = s + m.len;
			size_t rn = n - m.len;
			at_start = 0;
			trim(&r, &rn);
			if (unended && followed_by_of(p, i, r, rn))
				break; /* "(d) of this section": the line is text */
			{
				/* "(ii)" after "(i)": roman; "(j)": letter; "(bb)"
				 * after "(aa)" fits both and settles nothing */
				int roman = marker_has(&m, cur->in[1].type, ord_next(cur->in[1].ord));
				int letter = marker_has(&m, cur->in[0].type, ord_next(cur->in[0].ord));
				if (roman != letter)
					return roman;
			}
			for (k = 0; k < 2; k++)
				fit[k] = claimed_after(p, a[k], cur->in[k], &m, unended);
			if (fit[0] != fit[1])
				return fit[1];
			if (fit[0])
				return -1;
			/* it fits neither reading: the main loop makes it and the
			 * rest of its line text (a wrapped continuation or a
			 * paragraph), unless the text above introduces a list
			 * ("... for:"), whose items may start anywhere */
			if (!colon)
				break;
			s = r;
			n = rn;
		}
		/* the text this line leaves open */
		if (n || i == lineidx) {
			unended = n && !text_ended(s, n);
			colon = n && ends_in_colon(s, n);
		}
		blank = 0;
		do {
			/* page furniture and notes are not in the canonical
			 * text: the lines around them meet; prose ends the list */
			if ((i = next_line(p, i)) >= p->nlines)
				return -1;
			s = p->data + p->lines[i].off;
			n = p->lines[i].len;
			trim(&s, &n);
			blank |= !n;
			if (n && prose_line(s, n))
				return -1;
			if (n && (history_note(s, n) || editorial_note(s, n))) {
				i = note_end(p, i, s, n);
				n = 0; /* the note is not in the canonical text */
			}
		} while (!n);
		if (section_line(p, &sl, i, s, n, !blank && !stub, unended && !stub))
			return -1;
	}
}

/* The list type under which a new roman list is conventional: "(i)"
 * under "(A)", "(I)" under "(i)"; none for outline markers, where "i."
 * under "h." may as well be the letter. */
static int roman_parent(int roman_type)
{
	if (roman_type == MK_LOWER2 || roman_type == MK_UPPER2)
		return roman_type == MK_LOWER2 ? MK_LROMAN : MK_UROMAN; /* "(aa)" under "(i)" */
	if (roman_type >= MK_DOT)
		return -1;
	return roman_type == MK_LROMAN ? MK_UPPER : MK_LROMAN;
}

/* Does the clause being read end in ':' (closing quotes aside), the way
 * a clause that introduces a list of items does ("(b) Idling is banned
 * for:"), or read only "Repealed." or "Reserved." (its first items are
 * gone, later ones may remain)? */
static int introduces_list(const parser *p)
{
	const char *t = p->text.ptr;
	size_t n = p->text.len;
	if (!p->cur || p->cur->kind != OT_NODE_CLAUSE || !n)
		return 0;
	trim(&t, &n);
	drop_closing_quotes(t, &n);
	if (n && t[n - 1] == ':')
		return 1;
	/* "(b) Repealed." whose paragraphs (1) and (2) were repealed and
	 * (3)-(7) remain: the survivors keep their numbers */
	while (n && (t[n - 1] == '.' || t[n - 1] == ']' || t[n - 1] == ')'))
		n--;
	while (n && (t[0] == '[' || t[0] == '('))
		t++, n--;
	return (n == 8 && ci_prefix(t, n, "repealed")) || (n == 8 && ci_prefix(t, n, "reserved"));
}

static action make_action(int rule, int lvl, int which);

/* Rule 2 for a list whose first items are missing (repealed, or left out
 * of an excerpt): below a clause that introduces a list, a marker of a
 * type not open, but not its first ordinal ("(b) ... for:" then "(2)"),
 * starts the new level all the same.  The canonical text shows the same
 * two lines, so the round trip holds.  ACT_NONE when every reading's type
 * is open. */
static action list_without_first(const parser *p, const marker *m)
{
	int i, k;
	for (i = 0; i < m->nin; i++) {
		for (k = p->depth - 1; k >= 0; k--)
			if (p->lv[k].type == m->in[i].type)
				break;
		if (k < 0)
			return make_action(2, -1, i);
	}
	return make_action(5, -1, 0);
}

static action make_action(int rule, int lvl, int which)
{
	action a;
	a.which = which;
	a.level = lvl;
	a.kind = rule == 5 ? ACT_NONE : rule == 2 ? ACT_NEW : ACT_CONT;
	return a;
}

/* Resolve marker m (rest of its line: rest); unended: the open text has
 * not ended (see open_unended). */
static action resolve(const parser *p, const marker *m, size_t lineidx, const char *rest, size_t restlen,
		      int unended)
{
	int r[2], lvl[2], pick;
	unsigned long gap[2];
	action a;
	if (unended && followed_by_of(p, lineidx, rest, restlen))
		return make_action(5, -1, 0); /* "subsection\n(d) of this section" */
	r[0] = rate(p->lv, p->depth, m->in[0], unended, &lvl[0], &gap[0]);
	if (m->nin == 1) {
		a = make_action(r[0], lvl[0], 0);
		goto rule4;
	}
	r[1] = rate(p->lv, p->depth, m->in[1], unended, &lvl[1], &gap[1]);
	{
		if (r[1] == 2 && m->in[1].ord == ORD(1, 0) && p->depth > 0 &&
		    p->lv[p->depth - 1].type == roman_parent(m->in[1].type))
			pick = 1; /* "(i)" under "(A)": a new item list, unless
				     the next marker says otherwise ("(j)") */
		else if (r[0] != r[1])
			pick = r[1] < r[0];
		else if (r[0] == 3 && gap[0] != gap[1])
			pick = gap[1] < gap[0];
		else
			pick = lvl[1] > lvl[0];
		if (r[0] <= 2 && r[1] <= 2) {
			action both[2];
			int la;
			both[0] = make_action(r[0], lvl[0], 0);
			both[1] = make_action(r[1], lvl[1], 1);
			la = lookahead(p, m, both, lineidx, rest, restlen);
			if (la >= 0)
				pick = la;
		}
	}
	a = make_action(r[pick], lvl[pick], pick);
rule4:
	/* an outline marker "C." that fits no rule is text ("A. Smith ...") */
	if (a.kind == ACT_NONE && m->dot)
		return a;
	if (a.kind == ACT_NONE && p->depth == 0)
		a = make_action(2, -1, 0); /* first clause of the section */
	else if (a.kind == ACT_NONE && (introduces_list(p) || (!unended && p->cur && p->cur->kind == OT_NODE_CLAUSE)))
		/* a list whose first items are gone: below a clause that
		 * introduces it, or below one whose text has ended ("(13) ...
		 * ward.\n(E) A ward ..." in code XML, whose (A)-(D) were never
		 * enacted): the canonical text writes such a clause on a line
		 * of its own after its parent's ended text, so it must read
		 * back as a clause */
		a = list_without_first(p, m);
	return a;
}

/* ---- the line loop ---------------------------------------------------- */

/* Does s[0..n) end in a word that cannot end a heading ("Notice of",
 * "Fees and")? */
static int ends_in_connector(const char *s, size_t n)
{
	static const char *const words[] = {"of", "and", "or", "the", "to", "for", "in", "on", "by", "with", "a", "an",
					    "from", "at", "as", "under", "upon"};
	size_t w, k;
	trim(&s, &n);
	for (w = n; w && is_alpha(s[w - 1]); w--)
		;
	if (w == n || (w && !is_ws(s[w - 1])))
		return 0;
	for (k = 0; k < OT_ARRAY_LEN(words); k++)
		if (n - w == strlen(words[k]) && ci_prefix(s + w, n - w, words[k]))
			return 1;
	return 0;
}

static int defined_later(const parser *p, const secline *sl, size_t i, int bare_only);

/* A table of contents as code pages print one before the chapter's
 * sections ("2-173-005 Short title." / "2-173-010 Purpose." / ... and
 * then the same sections with their text): a run of at least two
 * section lines, each followed (past blanks and furniture) by a section
 * line of another number, each number standing as a section line again
 * further down.  Its lines are skipped and reported ("navigation") like
 * page furniture; consecutive entries make one skipped entry.  (One such
 * line alone is a duplicate section, an error.) */
static void contents(parser *p)
{
	size_t i, j, run = 0, first = 0;
	secline sl, next;
	for (i = 0; i <= p->nlines; i++) {
		const char *s, *t = NULL;
		size_t n = 0, tn = 0;
		int entry = 0;
		if (i < p->nlines) {
			s = p->data + p->lines[i].off;
			n = p->lines[i].len;
			trim(&s, &n);
			if (!n || (p->furn && p->furn[i]))
				continue;
			if (parse_section(&sl, s, n)) {
				for (j = next_line(p, i); j < p->nlines; j = next_line(p, j)) {
					t = p->data + p->lines[j].off;
					tn = p->lines[j].len;
					trim(&t, &tn);
					if (tn)
						break;
				}
				entry = j < p->nlines && parse_section(&next, t, tn) &&
					(next.numlen != sl.numlen || memcmp(next.num, sl.num, sl.numlen) != 0) &&
					defined_later(p, &sl, i, 0);
			}
		}
		if (entry) {
			if (!run++)
				first = i;
			continue;
		}
		if (run >= 2) { /* lines first..i-1 that are entries */
			if (!p->furn)
				p->furn = ot_calloc(p->nlines, sizeof(*p->furn));
			for (j = first; j < i; j++) {
				const char *u = p->data + p->lines[j].off;
				size_t un = p->lines[j].len;
				trim(&u, &un);
				if (un && !p->furn[j])
					p->furn[j] = "navigation";
			}
		}
		run = 0;
	}
}

/* Are the lines of this file left unwrapped (each paragraph one line, as
 * text copied from a code web page gives them)?  Yes if some line is
 * UNWRAPPED_LINE bytes long, or if every line of body text after the
 * first section line (not a section line, note or page furniture) ends a
 * sentence, as no hand-wrapped text does, and most of them are indented
 * (American Legal Publishing's text indents every paragraph); at least
 * two such lines.  Every body line ending a sentence, indented or not,
 * sets p->all_ended: then a heading does not wrap onto a capitalised
 * line.  Sets p->longest. */
static int unwrapped_style(parser *p)
{
	size_t i, ended = 0, open = 0, indented = 0;
	int body = 0;
	secline sl;
	for (i = 0; i < p->nlines; i++)
		if (p->lines[i].len > p->longest)
			p->longest = p->lines[i].len;
	/* (one line that has not ended settles it: hand-wrapped text has
	 * one within a few lines, so the pass stops early) */
	for (i = 0; i < p->nlines && !open; i++) {
		const char *s = p->data + p->lines[i].off;
		size_t n = p->lines[i].len;
		if (n >= 2 && is_ws(s[0]) && is_ws(s[1]))
			indented++;
		trim(&s, &n);
		if (!n || (p->furn && p->furn[i]))
			continue;
		if (parse_section(&sl, s, n)) {
			body = 1;
			continue;
		}
		if (!body || history_note(s, n) || editorial_note(s, n))
			continue;
		if (text_ended(s, n))
			ended++;
		else
			open++;
	}
	p->all_ended = open == 0 && ended >= 2;
	return p->longest >= UNWRAPPED_LINE || (p->all_ended && indented * 2 > ended);
}

/* s[0..n) of the current line is the document's title. */
static void set_title(parser *p, const char *s, size_t n)
{
	ot_buf t = OT_BUF_INIT;
	put_norm(&t, s, n);
	free(p->doc->title);
	p->doc->title = ot_buf_detach(&t);
	ot_conserve_put(p->cv, p->li, s, n, OT_CV_TITLE, NULL, 0);
}

/* Does s[0..n) contain the literal lit? */
static int has_lit(const char *s, size_t n, const char *lit)
{
	size_t l = strlen(lit), i;
	for (i = 0; i + l <= n; i++)
		if (s[i] == lit[0] && memcmp(s + i, lit, l) == 0)
			return 1;
	return 0;
}

/* Is s[0..n) the heading of a part of the code above the sections, as
 * the publishers print them between sections ("ARTICLE II. LICENSE
 * RESTRICTIONS (4-60-030 et seq.)", "DIVISION 1. - GENERALLY", "PART
 * 3")?  An upper-case word, a number (roman, arabic, a letter), then at
 * most a title with no lower-case letter outside parentheses.  Such a
 * line is not law text of the section above: it is reported as skipped
 * material of kind "structure". */
static int structure_heading(const char *s, size_t n)
{
	static const char *const words[] = {"ARTICLE ", "DIVISION ", "PART ", "SUBPART ", "SUBCHAPTER ", "SUBTITLE ",
					    "TITLE "};
	size_t k, i = 0, num, depth = 0;
	if (n > 200)
		return 0;
	for (k = 0; k < OT_ARRAY_LEN(words); k++) {
		size_t l = strlen(words[k]);
		if (n > l && memcmp(s, words[k], l) == 0) {
			i = l;
			break;
		}
	}
	if (k == OT_ARRAY_LEN(words))
		return 0;
	for (num = i; i < n && (is_upper(s[i]) || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'); i++)
		;
	if (i == num || i - num > 12)
		return 0;
	if (i < n && s[i] != '.' && s[i] != ':' && s[i] != ' ')
		return 0;
	for (; i < n; i++) {
		if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && depth)
			depth--;
		else if (!depth && s[i] >= 'a' && s[i] <= 'z')
			return 0;
	}
	return 1;
}

/* A history note printed at the end of a paragraph, as American Legal
 * Publishing prints the history of a subsection added or amended on its
 * own: "(a) Any person ... may bring an action. (Added Coun. J. 11-8-12,
 * p. 38872, § 2)".  Returns the note's kind and sets *at to the offset of
 * its "(", or NULL.  Only a closed note that cites a council journal, an
 * ordinance number or a prior code, after text of its own. */
static const char *trailing_note(const char *s, size_t n, size_t *at)
{
	size_t i, depth = 0, end = n;
	const char *kind;
	if (end && s[end - 1] == '.')
		end--;
	if (end < 8 || s[end - 1] != ')')
		return NULL;
	for (i = end; i-- > 0;) {
		if (s[i] == ')')
			depth++;
		else if (s[i] == '(' && --depth == 0)
			break;
	}
	if (i == (size_t)-1 || i < 2 || s[i - 1] != ' ')
		return NULL;
	kind = history_note(s + i, n - i);
	if (!kind || (!has_lit(s + i, end - i, "Coun. J.") && !has_lit(s + i, end - i, "Ord. No.") &&
		      !has_lit(s + i, end - i, "Prior code")))
		return NULL;
	*at = i;
	return kind;
}

/* A line that looks like a section line was read another way than a
 * blank line before it would have it read: say which, with the line. */
static void warn_section_reading(parser *p, const secline *sl, unsigned line)
{
	const char *id = p->cur ? p->cur->id : "";
	int len = sl->linelen > 80 ? 80 : (int)sl->linelen;
	switch (p->why->kind) {
	case WHY_UNENDED:
		ot_import_report_warn(p->rep,
				      "%s:%u: '%.*s' looks like a section line but was read as a continuation "
				      "of %s, whose text has not ended; put a blank line before it if it "
				      "starts a section",
				      p->name, line, len, sl->line, id);
		break;
	case WHY_OTHER_CHAPTER:
		ot_import_report_warn(p->rep,
				      "%s:%u: '%.*s' looks like a section line of another chapter but was read "
				      "as a continuation of %s; put a blank line before it if it starts a "
				      "section",
				      p->name, line, len, sl->line, id);
		break;
	case WHY_AFTER_UNENDED:
		ot_import_report_warn(p->rep,
				      "%s:%u: '%.*s' was read as a new section although the text of %s above it "
				      "has not ended",
				      p->name, line, len, sl->line, id);
		break;
	}
}

/* A line (trimmed, non-empty) starting with a marker m. */
static int marker_line(parser *p, marker m, const char *s, size_t n, size_t lineidx, int prev_blank)
{
	unsigned line = (unsigned)(lineidx + 1);
	int first = 1, err;
	for (;;) {
		const char *rest = s + m.len;
		size_t restlen = n - m.len;
		int unended = open_unended(p);
		action a;
		trim(&rest, &restlen);
		a = resolve(p, &m, lineidx, rest, restlen, unended);
		if (a.kind == ACT_NONE) {
			/* (an outline marker that fits no rule is only text:
			 * "A. Smith was ...") */
			if (first && (prev_blank || (m.dot && p->cur->kind == OT_NODE_SECTION)))
				return put_line(p, s, n, line, 1, m.dot ? NULL : &m);
			/* a marker line below ended text that repeats a clause:
			 * "(b) Two.\n(b) Two again." */
			if (first && !unended && !m.dot && (err = check_repeat(p, &m, line)) < 0)
				return err;
			/* "(b) Second.\n(a) First.": a marker out of order joins
			 * the clause above as its text; say so, with the line */
			if (first && !unended && !m.dot && p->cur && p->cur->kind == OT_NODE_CLAUSE)
				ot_import_report_warn(p->rep,
						      "%s:%u: '%.*s' is out of order after %s, so its line is read as text "
						      "of %s; check the numbering",
						      p->name, line, (int)m.len, s, p->cur->id, p->cur->id);
			return put_line(p, s, n, line, 0, NULL);
		}
		if ((err = add_clause(p, &m, a, line)) < 0)
			return err;
		s = rest;
		n = restlen;
		if (!parse_marker(&m, s, n)) {
			gather(p, s, n);
			return 0;
		}
		first = 0;
	}
}

/* Length of the chapter prefix of section number s[0..n): every group
 * but the last, split at the last '-' ("2-173" of "2-173-020", "4-60" of
 * "4-60-030.1"), or at the last '.' when there is no '-' ("10.32" of
 * "10.32.010"); 0 if there is neither. */
static size_t chapter_len(const char *s, size_t n)
{
	size_t i = n;
	while (i && s[i - 1] != '-')
		i--;
	if (!i) {
		i = n;
		while (i && s[i - 1] != '.')
			i--;
	}
	return i ? i - 1 : 0;
}

/* Do section numbers a and b[0..blen) share their chapter prefix? */
static int same_chapter(const char *a, const char *b, size_t blen)
{
	size_t la = chapter_len(a, strlen(a)), lb = chapter_len(b, blen);
	return la == lb && memcmp(a, b, la) == 0;
}

/* Is line i, after a non-blank line, the heading of a bare number alone on
 * the line before it: not a marker or section line, capitalised? */
static int next_is_heading(const parser *p, size_t i)
{
	const char *s;
	size_t n;
	secline sl;
	marker m;
	size_t next = next_line(p, i);
	if (next >= p->nlines)
		return 0;
	s = p->data + p->lines[next].off;
	n = p->lines[next].len;
	trim(&s, &n);
	return n && heading_start(s, n) && !line_marker(&m, s, n) && !parse_section(&sl, s, n);
}

/* A heading as publishers print one: it ends in '.' (closing quotes
 * aside) and has at most 12 words; "Waivers continues the sentence,
 * since (e) has not ended" is a wrapped sentence. */
static size_t heading_words(const char *s, size_t n)
{
	size_t i, words = 1;
	for (i = 0; i + 1 < n; i++)
		if (is_ws(s[i]) && !is_ws(s[i + 1]))
			words++;
	return words;
}

static int heading_like(const char *s, size_t n)
{
	return heading_ended(s, n) && heading_words(s, n) <= 12;
}

static int cmp_strong(const void *a, const void *b);

/* Does section number sl->num stand as a section line (a bare one, if
 * bare_only) on a line after line i (so that this occurrence is a wrapped
 * continuation, or an entry of a table of contents, and that one the
 * section)?  The table of every line that reads as a section line on its
 * own is built on first use, sorted by number. */
static int defined_later(const parser *p, const secline *sl, size_t i, int bare_only)
{
	strong_tab *t = p->strong;
	size_t lo, hi, k;
	if (!t->built) {
		secline x;
		for (k = 0; k < p->nlines; k++) {
			const char *s = p->data + p->lines[k].off;
			size_t n = p->lines[k].len;
			trim(&s, &n);
			if (n && parse_section(&x, s, n))
				*OT_ARRAY_PUSH(t->e, t->n, t->cap) =
				    (strong_line){x.num, x.numlen, k, x.prefix == PFX_NONE};
		}
		qsort(t->e, t->n, sizeof(*t->e), cmp_strong);
		t->built = 1;
	}
	/* the first entry with this number, then any after line i */
	lo = 0;
	hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const strong_line *e = &t->e[mid];
		int c = e->len == sl->numlen ? memcmp(e->num, sl->num, sl->numlen)
					     : e->len < sl->numlen ? -1 : 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < t->n && t->e[k].len == sl->numlen && memcmp(t->e[k].num, sl->num, sl->numlen) == 0; k++)
		if (t->e[k].line > i && (t->e[k].bare || !bare_only))
			return 1;
	return 0;
}

static int cmp_strong(const void *a, const void *b)
{
	const strong_line *x = a, *y = b;
	int c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	if ((c = memcmp(x->num, y->num, x->len)) != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Is line i (trimmed: s, n) a section line?  constrained: the line before
 * is body text (or an unfinished heading) with no blank line between;
 * unended: that text has not ended.  Then a bare number is a wrapped
 * continuation if the text has not ended, or if it is from another
 * chapter than the current section. */
static int section_line(const parser *p, secline *sl, size_t i, const char *s, size_t n, int constrained,
			int unended)
{
	int kind = parse_section_any(sl, s, n);
	p->why->kind = WHY_NONE;
	if (kind == 2) /* lowercase heading after "§": only before any other
	                  section, as a stored section file (or `show` output)
	                  starts (see parse_section) */
		return p->section == NULL;
	if (!kind && !(bare_alone(sl, s, n) && next_is_heading(p, i)))
		return 0;
	if (sl->prefix == PFX_NONE && constrained) {
		if (p->section && !same_chapter(p->section->num, sl->num, sl->numlen)) {
			p->why->kind = WHY_OTHER_CHAPTER;
			return 0;
		}
		if (unended) {
			/* a section line in the document's own style starts a
			 * section even after text that has not ended (a note
			 * the reader did not know, a table row), unless it
			 * reads like a wrapped sentence or the same number
			 * stands as a section line further down */
			if (p->section && ot_num_compare_n(p->section->num, sl->num, sl->numlen) < 0 &&
			    heading_like(sl->head, sl->headlen) && !defined_later(p, sl, i, 1)) {
				p->why->kind = WHY_AFTER_UNENDED;
				return 1;
			}
			p->why->kind = WHY_UNENDED;
			return 0;
		}
	}
	return 1;
}

/* Does data hold a white-space or zero-width character that is not
 * ASCII (textnorm.c)?  Their lead bytes are C2, E1, E2, E3 and EF. */
static int has_unicode_blank(const char *data, size_t len)
{
	size_t i;
	int zw;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)data[i];
		if ((c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 || c == 0xEF) &&
		    ot_blank_len(data + i, len - i, &zw))
			return 1;
	}
	return 0;
}

/* data with every Unicode space turned into one ASCII space and every
 * zero-width character dropped, into out. */
static void plain_blanks(ot_buf *out, const char *data, size_t len)
{
	size_t i = 0, w;
	int zw;
	ot_buf_grow(out, len + 1);
	while (i < len) {
		unsigned char c = (unsigned char)data[i];
		if (c >= 0x80 && (w = ot_blank_len(data + i, len - i, &zw)) != 0) {
			if (!zw)
				ot_buf_putc(out, ' ');
			i += w;
		} else {
			ot_buf_putc(out, (char)c);
			i++;
		}
	}
}

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull
#define HAS_ZERO(v) (((v)-ONES) & ~(v)&HIGHS)

/* Check the input for UTF-8 (what ot_utf8_check accepts: no NUL, no bad
 * sequence) and cut it into lines (LF, CRLF or CR) in one pass.  Eight
 * bytes at a time while they are plain ASCII without a line end or NUL,
 * which is most of the text.  Returns 0, or -1 with the offset of the
 * first bad byte in *bad. */
static int scan_input(parser *p, const char *data, size_t len, size_t *bad)
{
	size_t i = 0, start = 0;
	while (i < len) {
		unsigned char c;
		unsigned cp;
		int k;
		if (i + 8 <= len) {
			unsigned long long w;
			memcpy(&w, data + i, 8);
			if (!(w & HIGHS) && !HAS_ZERO(w) && !HAS_ZERO(w ^ (ONES * '\n')) &&
			    !HAS_ZERO(w ^ (ONES * '\r'))) {
				i += 8;
				continue;
			}
		}
		c = (unsigned char)data[i];
		if (c == '\n' || c == '\r') {
			*OT_ARRAY_PUSH(p->lines, p->nlines, p->linecap) = (span){start, i - start};
			i += c == '\r' && i + 1 < len && data[i + 1] == '\n' ? 2 : 1;
			start = i;
		} else if (c == 0) {
			*bad = i;
			return -1;
		} else if (c < 0x80) {
			i++;
		} else {
			k = ot_utf8_decode(data + i, len - i, &cp);
			if (cp == 0xFFFD && k == 1) {
				*bad = i;
				return -1;
			}
			i += (size_t)k;
		}
	}
	if (start < len)
		*OT_ARRAY_PUSH(p->lines, p->nlines, p->linecap) = (span){start, len - start};
	return 0;
}

int ot_doc_parse_text(ot_doc **out, const char *data, size_t len, const char *name)
{
	return ot_doc_parse_text_report(out, data, len, name, NULL);
}

int ot_doc_parse_text_report(ot_doc **out, const char *data, size_t len, const char *name,
			     ot_import_report *report)
{
	parser p;
	strong_tab strong;
	why why_;
	size_t i, bad_off = 0, bom = 0;
	int err = 0, prev_blank = 1, want_title = 0, page_break = 0, prev_row = 0;
	ot_buf plain = OT_BUF_INIT;

	memset(&p, 0, sizeof(p));
	memset(&strong, 0, sizeof(strong));
	p.strong = &strong;
	p.why = &why_;
	p.rep = report;
	ot_buf_init(&p.text);
	ot_buf_init(&p.scratch);
	ot_buf_init(&p.side_text);
	*out = NULL;
	p.name = name ? name : "<input>";
	if (!data)
		len = 0, data = "";
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		bom = 3;
	data += bom;
	len -= bom;
	p.data = data;
	if (len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
			 ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF))) {
		err = ot_error_set(OT_EINVALID,
				   "%s:1: the file is UTF-16 (it starts with a UTF-16 byte-order mark); "
				   "save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)",
				   p.name);
		goto done;
	}
	if (scan_input(&p, data, len, &bad_off) < 0) {
		size_t line = p.nlines + 1; /* lines ended before the bad byte, plus one */
		if (data[bad_off] == '\0')
			err = ot_error_set(OT_EINVALID,
					   "%s:%zu: invalid UTF-8: NUL byte at byte offset %zu; "
					   "remove it and save the file as plain UTF-8 text",
					   p.name, line, bad_off + bom);
		else
			err = ot_error_set(OT_EINVALID,
					   "%s:%zu: invalid UTF-8 at byte offset %zu; "
					   "save the file as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)",
					   p.name, line, bad_off + bom);
		goto done;
	}
	/* Unicode spaces and zero-width characters: read a copy in which
	 * they are a plain space and nothing, as the canonical text has them,
	 * so that every decision below (a note, a section line, a heading)
	 * is the one the canonical text reads back.  Only blanks change, so
	 * the lines stay the lines and the conservation check loses nothing
	 * it counts. */
	if (has_unicode_blank(data, len)) {
		plain_blanks(&plain, data, len);
		data = plain.ptr;
		len = plain.len;
		p.data = data;
		p.nlines = 0;
		scan_input(&p, data, len, &bad_off);
	}
	p.doc = ot_doc_new();

	furniture(&p);
	contents(&p);
	p.unwrapped = unwrapped_style(&p);
	p.cv = ot_conserve_off ? NULL : ot_conserve_new(p.name);
	ot_conserve_reserve(p.cv, 0, 256); /* (checkpoints keep it short) */
	ot_conserve_lines(p.cv, data, p.lines, p.nlines);

	for (i = 0; i < p.nlines; i++) {
		const char *s = data + p.lines[i].off, *title, *kind;
		size_t n = p.lines[i].len, tlen, note_at;
		unsigned line = (unsigned)(i + 1);
		int row = 0; /* the line is a row of a table (table_row) */
		secline sl;
		marker m;
		int is_sec;
		p.li = i;
		trim(&s, &n);
		if (!n) {
			/* (a note broken by a page break goes on over its margin) */
			if (!(p.side == SIDE_NOTE && p.side_depth > 0 && page_margin(&p, i)))
				side_close(&p);
			prev_blank = 1;
			continue;
		}
		if (p.furn && p.furn[i]) {
			/* a running header, footer or page number: reported, and
			 * the text around it reads as if it were not there */
			if (strcmp(p.furn[i], "navigation") == 0) {
				skip_line(&p, p.furn[i], s, n, line);
			} else {
				/* an entry of its own, past the side text, so that a
				 * note broken by the page goes on after it */
				ot_buf t = OT_BUF_INIT;
				put_norm(&t, s, n);
				ot_doc_add_skip(p.doc, line, p.furn[i], t.ptr ? t.ptr : "");
				ot_conserve_put(p.cv, i, s, n, OT_CV_SKIP, NULL, p.doc->nskipped - 1);
				ot_buf_release(&t);
				page_break = 1;
			}
			continue;
		}
		/* blank lines at a page break are the page's margin: a sentence
		 * that has not ended goes on over them */
		if (page_break && prev_blank && p.cur && p.cur->kind != OT_NODE_SECTION && p.text.len &&
		    !text_ended(p.text.ptr, p.text.len))
			prev_blank = 0;
		page_break = 0;
		/* a history note that has not closed its parenthesis, or an
		 * editor's note, goes on until a line that starts something */
		if (p.side == SIDE_NOTE &&
		    note_goes_on(&p, p.side_depth, strcmp(p.side_kind, "history") == 0, i, s, n, p.side_lines)) {
			side_put(&p, s, n);
			continue;
		}
		{
			/* the text above flows into this line: body text, or a
			 * heading that has not ended */
			int sec_done = p.cur && p.cur->kind == OT_NODE_SECTION &&
				       (!p.text.len || heading_ended(p.text.ptr, p.text.len));
			/* ... but not a paragraph that reads "Section" or "2-173"
			 * (see put_line) */
			int constrained = !prev_blank && p.cur && !sec_done &&
					  !(p.cur->kind == OT_NODE_TEXT && p.text_stub);
			int unended = constrained && p.text.len && !text_ended(p.text.ptr, p.text.len);
			is_sec = section_line(&p, &sl, i, s, n, constrained, unended);
			if (p.why->kind != WHY_NONE)
				warn_section_reading(&p, &sl, line);
		}
		if (is_sec) {
			side_close(&p);
			p.prose = 0;
			if ((err = start_section(&p, &sl, line)) < 0)
				goto done;
		} else if (!p.section) {
			/* before the first section: the chapter's title, and
			 * text that is not law (a notice, the enacting clause
			 * of an ordinance), reported as skipped */
			if (!p.doc->title && !want_title && parse_chapter(&title, &tlen, s, n)) {
				side_close(&p);
				syntax(&p, s, (size_t)(title - s));
				if (tlen)
					set_title(&p, title, tlen);
				else
					want_title = 1; /* "CHAPTER 2-173", the title below */
			} else if (want_title && !p.doc->title && !has_lower(s, n)) {
				side_close(&p);
				set_title(&p, s, n);
			} else if (structure_heading(s, n)) {
				skip_line(&p, "structure", s, n, line);
			} else if ((kind = history_note(s, n)) != NULL || (kind = editorial_note(s, n)) != NULL) {
				/* a note of the whole chapter ("* Editor's note – ...") */
				side_open(&p, SIDE_NOTE, kind, line);
				side_put(&p, s, n);
			} else {
				skip_line(&p, "preamble", s, n, line);
			}
		} else if (p.prose || (prose_line(s, n) && !(p.cur && p.cur->kind == OT_NODE_TEXT &&
								 definition_paragraph(p.text.ptr, p.text.len)))) {
			/* (not in a list of definitions in the American Legal
			 * Publishing style, "SANDWICH BOARD. A portable sign.",
			 * where "SECTION 8. The federal ..." is a term) */
			/* "SECTION 2. This ordinance shall take effect ...": the
			 * amending ordinance's own prose, up to the next section */
			if (!p.prose)
				side_close(&p);
			p.prose = 1;
			skip_line(&p, "prose", s, n, line);
		} else if ((kind = history_note(s, n)) != NULL || (kind = editorial_note(s, n)) != NULL) {
			/* a note of the section: never law text */
			side_open(&p, SIDE_NOTE, kind, line);
			side_put(&p, s, n);
			/* what follows a note reads as after a blank line */
			prev_blank = 1;
			continue;
		} else if ((prev_blank || !p.text.len || text_ended(p.text.ptr, p.text.len)) && structure_heading(s, n)) {
			/* "ARTICLE II. LICENSE RESTRICTIONS": the part of the code
			 * the next sections belong to, not text of this one */
			side_close(&p);
			skip_line(&p, "structure", s, n, line);
			side_close(&p);
			prev_blank = 1;
			continue;
		} else {
			/* "(a) ... an action. (Added Coun. J. 11-8-12, p. 38872,
			 * § 2)": the paragraph (law bytes), then its history as a
			 * note */
			const char *note_kind = trailing_note(s, n, &note_at);
			size_t law = n;
			secline as_section;
			/* a line that reads as a section line once the note is cut
			 * off ("§ 2-5-021 Fees (Ord. No. ...)" where no section line
			 * was expected) keeps it as heading text: the canonical text
			 * writes a heading on the section line, where no note is
			 * cut off, so cutting here would not read back */
			if (note_kind && parse_section_any(&as_section, s, n))
				note_kind = NULL;
			if (note_kind)
				for (law = note_at; law && (s[law - 1] == ' ' || s[law - 1] == '\t'); law--)
					;
			side_close(&p);
			if (line_marker(&m, s, law)) {
				if ((err = marker_line(&p, m, s, law, i, prev_blank)) < 0)
					goto done;
			} else {
				/* right below a heading: a heading that has ended (or
				 * an empty one and a line that cannot be a heading) is
				 * followed by body text, an unnumbered paragraph */
				int para = prev_blank;
				if (!prev_blank && p.cur->kind == OT_NODE_SECTION)
					/* (a heading without final punctuation wraps only
					 * onto a line that starts in lowercase, or after a
					 * word such as "of": "Notice of" / "violation.") */
					para = p.text.len ? heading_ended(p.text.ptr, p.text.len) ||
								(heading_start(s, law) &&
								 !ends_in_connector(p.text.ptr, p.text.len))
							  : !heading_start(s, law);
				else if (!prev_blank && p.unwrapped && p.text.len && text_ended(p.text.ptr, p.text.len) &&
					 heading_start(s, law)) {
					/* a file whose lines are not wrapped (pasted from a
					 * web page): a line after ended text is a paragraph
					 * of its own, never joined to the one above */
					para = 1;
					if (!p.said_unwrapped++)
						ot_import_report_warn(p.rep,
								      "%s:%u: read each line after a full stop as a "
								      "paragraph of its own: the lines of this file are "
								      "not wrapped (%s)",
								      p.name, line,
								      p.longest >= UNWRAPPED_LINE
									  ? "some are very long"
									  : "every line of text ends a sentence");
				}
				/* a row of a table written with bars ("Class | Hours |
				 * Fee") is a paragraph of its own, and so is the line
				 * after it: rows are never joined into one line */
				row = table_row(s, law);
				if (row || prev_row)
					para = 1;
				if ((err = put_line(&p, s, law, line, para, NULL)) < 0)
					goto done;
			}
			if (note_kind) {
				side_open(&p, SIDE_NOTE, note_kind, line);
				side_put(&p, s + note_at, n - note_at);
				side_close(&p);
				prev_blank = 1;
				continue;
			}
		}
		prev_blank = 0;
		prev_row = row;
	}
	side_close(&p);
	if (!p.doc->nsections) {
		err = ot_error_set(OT_EINVALID,
				   "%s: no section found; a section starts with a line like "
				   "'2-173-010 Purpose.'",
				   p.name);
		goto done;
	}
	switch_to(&p, NULL);
	/* the first principle: every word of the input is somewhere */
	err = ot_conserve_check(p.cv, p.doc);

done:
	if (err < 0)
		ot_doc_free(p.doc);
	else
		*out = p.doc;
	free(p.lines);
	free(p.secids.slots);
	free(p.clauseids.slots);
	ot_buf_release(&p.text);
	ot_buf_release(&p.scratch);
	ot_buf_release(&p.side_text);
	ot_conserve_free(p.cv);
	free(strong.e);
	free(p.furn);
	ot_buf_release(&plain);
	return err;
}

/* For the HTML importer (internal.h): the same note tests as the lines
 * of a text file get. */
const char *ot_text_history_note(const char *s, size_t n)
{
	return history_note(s, n);
}

const char *ot_text_editorial_note(const char *s, size_t n)
{
	return editorial_note(s, n);
}
