/*
 * parse_text.c - the plain-text clause parser: ot_doc_parse_text().
 *
 * Input is ordinance text as councils publish it.  The whole buffer is
 * checked for UTF-8 first (a BOM is skipped), then cut into lines (LF,
 * CRLF or CR) kept as spans into the input, and the lines are read once,
 * top to bottom, by a small state machine:
 *
 *   - Before the first section line only a "CHAPTER 2-173 TITLE" line
 *     matters (it sets doc->title); notices and blank lines are ignored.
 *   - A section line ("2-173-020 Heading.", "Sec. 2-173-020. Heading.",
 *     "§ 2-173-020 Heading.", "SECTION 2-173-020.") starts a section.  A
 *     bare number needs a hyphen and a heading; after "Sec."/"Section"/"§"
 *     any number ("12.5") and no heading will do.
 *   - A line starting with a marker "(x)" is one or more clauses (a line
 *     "(a) (1) Text" is clause (a) with empty text, then clause (1)).  A
 *     marker is "(" + 1-3 digits, or one letter (or the same letter
 *     repeated: "aa"), or a roman numeral, + ")" followed by whitespace or
 *     the end of the line; "(1998)", "(a)-(c)" and "(a)text" are text.
 *   - Any other line right after a non-blank line is a wrapped
 *     continuation of the node being read (its text, or the section
 *     heading); after a blank line it starts an unnumbered paragraph, a
 *     TEXT node appended to the parent of the last clause (the section if
 *     no clause is open), with id "<parent id>~N".
 *     One exception keeps the round trip: a paragraph that so far reads
 *     only "2-173" or "Sec." (a section line but for its heading) is not
 *     joined with the next line, which starts a new paragraph instead.
 *   Whitespace runs (space, tab, FF, VT) collapse to one space; everything
 *   else, curly quotes and dashes included, is kept as written.
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
 *   - previous line non-blank (or an earlier marker on the same line) ->
 *     the line, marker included, is a wrapped continuation
 *     ("...under subsection\n(a) of Section 2-173-030");
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
 * ot_buf while it is the current node and moved into the node when the
 * next node starts, so long wrapped paragraphs cost linear time.  Nothing
 * recurses; the level stack is bounded (one level per marker type, guarded
 * by MAX_LEVELS); lines have no length limit.  Clause ids are checked for
 * uniqueness with a small open-addressing hash set that borrows the ids
 * from the nodes.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "ordtrack/doc.h"
#include "ordtrack/validate.h"

enum { MK_LOWER, MK_DIGIT, MK_UPPER, MK_LROMAN, MK_UROMAN };

#define MAX_LEVELS 8	  /* five marker types; the rest is a guard */
#define MAX_MARKER 8	  /* characters between the parentheses */
#define MAX_IDLEN_MSG 200 /* how much of an id an error message shows */

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
} marker;

typedef struct span {
	size_t off, len;
} span;

typedef struct level {
	int type;
	unsigned long last; /* ordinal of the last clause */
	ot_node *parent;    /* where this level's clauses go */
	ot_node *node;	    /* the last clause of this level */
	unsigned ntext;	    /* TEXT children of `node` so far */
} level;

typedef struct idslot {
	const char *id; /* borrowed from the node */
	unsigned line;
} idslot;

typedef struct idset {
	idslot *slots;
	size_t cap, n;
} idset;

typedef struct parser {
	const char *name;
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
	int text_stub; /* cur is a paragraph that reads "2-173" or "Sec." */
	idset ids;
} parser;

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
	while (*n && is_ws(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && is_ws((*s)[*n - 1]))
		(*n)--;
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

/* Append s[0..n) to b with whitespace runs collapsed to one space and the
 * ends trimmed; if b already holds text and s has some, one space joins
 * them (a wrapped line). */
static void put_norm(ot_buf *b, const char *s, size_t n)
{
	size_t i = 0, j;
	trim(&s, &n);
	if (!n)
		return;
	if (b->len)
		ot_buf_putc(b, ' ');
	while (i < n) {
		for (j = i; j < n && !is_ws(s[j]); j++)
			;
		ot_buf_put(b, s + i, j - i);
		if (j == n)
			break;
		ot_buf_putc(b, ' ');
		while (j < n && is_ws(s[j]))
			j++;
		i = j;
	}
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

/* Parse a marker at the start of s[0..n): "(" 1-8 letters or digits ")"
 * followed by whitespace or the end.  Returns 1 and fills m, or 0. */
static int parse_marker(marker *m, const char *s, size_t n)
{
	size_t i = 1, k, j;
	const char *c;
	int lower = 1, upper = 1, digit = 1, same = 1;
	if (n < 3 || s[0] != '(')
		return 0;
	while (i < n && i <= MAX_MARKER + 1 && (is_alpha(s[i]) || is_digit(s[i])))
		i++;
	k = i - 1;
	if (k == 0 || k > MAX_MARKER || i >= n || s[i] != ')')
		return 0;
	if (i + 1 < n && !is_ws(s[i + 1]))
		return 0;
	c = s + 1;
	for (j = 0; j < k; j++) {
		lower &= is_lower(c[j]);
		upper &= is_upper(c[j]);
		digit &= is_digit(c[j]);
		same &= c[j] == c[0];
	}
	m->s = s;
	m->len = i + 1;
	m->nin = 0;
	if (digit) {
		unsigned long v = 0;
		if (k > 3 || c[0] == '0')
			return 0;
		for (j = 0; j < k; j++)
			v = v * 10 + (unsigned long)(c[j] - '0');
		m->in[m->nin++] = (interp){MK_DIGIT, v};
		return 1;
	}
	if (!lower && !upper)
		return 0;
	if (same && k <= 4)
		m->in[m->nin++] = (interp){lower ? MK_LOWER : MK_UPPER,
					   26ul * (k - 1) + (unsigned long)(to_lower(c[0]) - 'a') + 1};
	{
		unsigned long r = roman_value(c, k);
		if (r)
			m->in[m->nin++] = (interp){lower ? MK_LROMAN : MK_UROMAN, r};
	}
	return m->nin > 0;
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

/* Length of a section number at s ("2-173-020", "10-8-330.5", "12A"), or
 * 0.  Sets *hyphen if a '-' joins two groups. */
static size_t scan_number(const char *s, size_t n, int *hyphen)
{
	size_t i = 0, j;
	*hyphen = 0;
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
			i++;
			continue;
		}
		return i;
	}
}

typedef struct secline {
	const char *num, *head;
	size_t numlen, headlen;
} secline;

/* Is s[0..n) (trimmed) a section line?  Fills out and returns 1, or 0. */
static int parse_section(secline *out, const char *s, size_t n)
{
	size_t i = 0, len;
	int prefixed = 0, hyphen;
	if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA7) {
		i = 2;
		prefixed = 1;
	} else if (ci_prefix(s, n, "section") && n > 7 && is_ws(s[7])) {
		i = 7;
		prefixed = 1;
	} else if (ci_prefix(s, n, "sec.")) {
		i = 4;
		prefixed = 1;
	}
	while (prefixed && i < n && is_ws(s[i]))
		i++;
	len = scan_number(s + i, n - i, &hyphen);
	if (!len)
		return 0;
	out->num = s + i;
	out->numlen = len;
	i += len;
	if (i < n && s[i] == '.')
		i++;
	if (i < n && !is_ws(s[i]))
		return 0;
	out->head = s + i;
	out->headlen = n - i;
	trim(&out->head, &out->headlen);
	if (!prefixed && (!hyphen || !out->headlen))
		return 0;
	return 1;
}

/* "CHAPTER 2-173 WELCOMING CITY ORDINANCE": 1 and the title words in
 * *title (may be empty), or 0. */
static int parse_chapter(const char **title, size_t *tlen, const char *s, size_t n)
{
	size_t i = 7, len;
	int hyphen;
	if (!ci_prefix(s, n, "chapter") || n <= 7 || !is_ws(s[7]))
		return 0;
	while (i < n && is_ws(s[i]))
		i++;
	len = scan_number(s + i, n - i, &hyphen);
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
	return 1;
}

/* ---- the id set ------------------------------------------------------- */

static size_t hash_str(const char *s)
{
	size_t h = 1469598103934665603ull & (size_t)-1;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ull;
	return h;
}

/* 1 if id is in the set (its first line in *first), else 0. */
static int ids_find(const idset *set, const char *id, unsigned *first)
{
	size_t i, mask = set->cap - 1;
	if (!set->cap)
		return 0;
	for (i = hash_str(id) & mask; set->slots[i].id; i = (i + 1) & mask)
		if (strcmp(set->slots[i].id, id) == 0) {
			*first = set->slots[i].line;
			return 1;
		}
	return 0;
}

/* Add id (borrowed; must outlive the set).  Returns 1 if added, 0 if it
 * was there already (its first line in *first). */
static int ids_add(idset *set, const char *id, unsigned line, unsigned *first)
{
	size_t i, mask;
	if ((set->n + 1) * 2 > set->cap) {
		idslot *old = set->slots;
		size_t oldcap = set->cap, k;
		set->cap = oldcap ? oldcap * 2 : 64;
		set->slots = ot_calloc(set->cap, sizeof(*set->slots));
		for (k = 0; k < oldcap; k++) {
			if (!old[k].id)
				continue;
			mask = set->cap - 1;
			for (i = hash_str(old[k].id) & mask; set->slots[i].id; i = (i + 1) & mask)
				;
			set->slots[i] = old[k];
		}
		free(old);
	}
	mask = set->cap - 1;
	for (i = hash_str(id) & mask; set->slots[i].id; i = (i + 1) & mask)
		if (strcmp(set->slots[i].id, id) == 0) {
			*first = set->slots[i].line;
			return 0;
		}
	set->slots[i].id = id;
	set->slots[i].line = line;
	set->n++;
	return 1;
}

/* ---- building the tree ------------------------------------------------ */

/* Make n the node whose text is being gathered; the previous one gets
 * its gathered text (or heading) now. */
static void switch_to(parser *p, ot_node *n)
{
	if (p->cur) {
		char **dst = p->cur->kind == OT_NODE_SECTION ? &p->cur->heading : &p->cur->text;
		free(*dst);
		*dst = ot_buf_detach(&p->text);
	}
	ot_buf_clear(&p->text);
	p->cur = n;
}

static int start_section(parser *p, const secline *sl, unsigned line)
{
	char *num = ot_strndup(sl->num, sl->numlen);
	ot_node *sec = ot_node_new(OT_NODE_SECTION, num, num, "", NULL);
	unsigned first = 0;
	free(num);
	sec->line = line;
	if (!ids_add(&p->ids, sec->id, line, &first)) {
		int err = ot_error_set(OT_EINVALID,
				       "%s:%u: duplicate section number '%.*s' (first at line %u); "
				       "each section may appear only once",
				       p->name, line, MAX_IDLEN_MSG, sec->id, first);
		ot_node_free(sec);
		return err;
	}
	ot_doc_append(p->doc, sec);
	p->section = sec;
	p->sec_ntext = 0;
	p->depth = 0;
	p->sealed = 0;
	switch_to(p, sec);
	put_norm(&p->text, sl->head, sl->headlen);
	return 0;
}

/* Append a TEXT node to the parent of the last clause (the section when
 * none is open) and make it current. */
static void start_text(parser *p, unsigned line)
{
	ot_node *parent = p->depth ? p->lv[p->depth - 1].parent : p->section, *node;
	unsigned *count = &p->sec_ntext;
	ot_buf id = OT_BUF_INIT;
	int k;
	/* the parent is the section or the last clause of a lower level */
	for (k = p->depth - 1; k >= 0; k--)
		if (p->lv[k].node == parent)
			count = &p->lv[k].ntext;
	(*count)++;
	ot_buf_printf(&id, "%s~%u", parent->id, *count);
	node = ot_node_new(OT_NODE_TEXT, id.ptr, NULL, NULL, "");
	ot_buf_release(&id);
	node->line = line;
	ot_node_append(parent, node);
	if (p->depth)
		p->sealed = 1;
	switch_to(p, node);
}

/* A marker that fits no rule, after a blank line: if it repeats a clause
 * of an open level ("(b) ...", blank, "(b) ..."), that is a duplicate
 * clause id and an error; otherwise 0 (it becomes a paragraph). */
static int check_repeat(parser *p, const marker *m, unsigned line)
{
	ot_buf id = OT_BUF_INIT;
	int i, k, err = 0;
	unsigned first = 0;
	for (i = 0; i < m->nin && !err; i++)
		for (k = p->depth - 1; k >= 0 && !err; k--) {
			if (p->lv[k].type != m->in[i].type)
				continue;
			ot_buf_clear(&id);
			ot_buf_puts(&id, p->lv[k].parent->id);
			ot_buf_put(&id, m->s, m->len);
			if (ids_find(&p->ids, id.ptr, &first))
				err = ot_error_set(OT_EINVALID,
						   "%s:%u: duplicate clause id '%.*s' (first at line "
						   "%u); renumber or remove one of them",
						   p->name, line, MAX_IDLEN_MSG, id.ptr, first);
		}
	ot_buf_release(&id);
	return err;
}

/* Would text t, with a word appended, read as a section line? */
static int section_stub(const ot_buf *t)
{
	ot_buf probe = OT_BUF_INIT;
	secline sl;
	int stub;
	ot_buf_put(&probe, t->ptr, t->len);
	ot_buf_puts(&probe, " 1");
	stub = parse_section(&sl, probe.ptr, probe.len);
	ot_buf_release(&probe);
	return stub;
}

/* Put a line (not a marker or section line, or a marker that fits no rule)
 * into the tree: a new paragraph if new_para, else a wrapped continuation
 * of the current node.  A paragraph that so far reads only "2-173" or
 * "Sec." is not joined with a line that would make it read as a section
 * line ("2-173 Purpose."): the canonical text would read that back as a
 * section, so the line starts a new paragraph instead. */
static int put_line(parser *p, const char *s, size_t n, unsigned line, int new_para, const marker *m)
{
	int err;
	if (!new_para && p->cur->kind == OT_NODE_TEXT && p->text_stub) {
		ot_buf t = OT_BUF_INIT;
		secline sl;
		ot_buf_put(&t, p->text.ptr, p->text.len);
		put_norm(&t, s, n);
		new_para = parse_section(&sl, t.ptr, t.len);
		ot_buf_release(&t);
	}
	if (new_para) {
		/* a marker line that becomes a paragraph must not repeat a
		 * clause (see check_repeat) */
		if (m && (err = check_repeat(p, m, line)) < 0)
			return err;
		start_text(p, line);
	}
	put_norm(&p->text, s, n);
	/* a joined paragraph holds a space after its first word and can no
	 * longer turn into a section line */
	p->text_stub = new_para && section_stub(&p->text);
	return 0;
}

/* Apply a resolved marker: pop or push levels, append the clause, make it
 * current.  Returns 0 or OT_EINVALID (duplicate id, too deep). */
static int add_clause(parser *p, const marker *m, action a, unsigned line)
{
	ot_node *parent, *node;
	ot_buf id = OT_BUF_INIT;
	char *num;
	unsigned first = 0;
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
	ot_buf_puts(&id, parent->id);
	ot_buf_put(&id, m->s, m->len);
	num = ot_strndup(m->s, m->len);
	node = ot_node_new(OT_NODE_CLAUSE, id.ptr, num, NULL, "");
	ot_buf_release(&id);
	free(num);
	node->line = line;
	if (!ids_add(&p->ids, node->id, line, &first)) {
		int err = ot_error_set(OT_EINVALID,
				       "%s:%u: duplicate clause id '%.*s' (first at line %u); "
				       "renumber or remove one of them",
				       p->name, line, MAX_IDLEN_MSG, node->id, first);
		ot_node_free(node);
		return err;
	}
	ot_node_append(parent, node);
	lv = &p->lv[p->depth - 1];
	lv->type = m->in[a.which].type;
	lv->last = m->in[a.which].ord;
	lv->node = node;
	lv->ntext = 0;
	switch_to(p, node);
	return 0;
}

/* ---- resolving a marker ----------------------------------------------- */

/* Rate one reading: rule 1, 2 or 3 (see the top comment), or 5 if none
 * fits; *lvl is the level it continues, *gap the ordinal jump of rule 3. */
static int rate(const parser *p, interp in, int *lvl, unsigned long *gap)
{
	int k;
	*lvl = -1;
	*gap = 0;
	for (k = p->depth - 1; k >= 0; k--)
		if (p->lv[k].type == in.type)
			break;
	if (k < 0)
		return in.ord == 1 ? 2 : 5;
	*lvl = k;
	if (in.ord == p->lv[k].last + 1)
		return 1;
	if (in.ord > p->lv[k].last) {
		*gap = in.ord - p->lv[k].last;
		return 3;
	}
	return 5;
}

/* Would marker m fit rule 1-3 (or rule 2) once the current marker has been
 * applied as `a` (reading `in`)?  Works on a copy of the level types. */
static int claimed_after(const parser *p, action a, interp in, const marker *m)
{
	parser q;
	int i, lvl;
	unsigned long gap;
	q.depth = a.kind == ACT_CONT ? a.level + 1 : p->depth + 1;
	if (q.depth > MAX_LEVELS)
		return 0;
	memcpy(q.lv, p->lv, sizeof(q.lv));
	q.lv[q.depth - 1].type = in.type;
	q.lv[q.depth - 1].last = in.ord;
	for (i = 0; i < m->nin; i++)
		if (rate(&q, m->in[i], &lvl, &gap) <= 3)
			return 1;
	return 0;
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
 * Each step depends only on what the canonical text also shows as a line
 * start, so parse(canonical) decides the same way. */
static int lookahead(const parser *p, const marker *cur, const action a[2], size_t lineidx, const char *rest,
		     size_t restlen)
{
	size_t i = lineidx;
	int fit[2], k;
	secline sl;
	marker m;
	const char *s = rest;
	size_t n = restlen;
	for (;;) {
		if (n && parse_marker(&m, s, n)) {
			if (marker_has(&m, cur->in[1].type, cur->in[1].ord + 1))
				return 1;
			if (marker_has(&m, cur->in[0].type, cur->in[0].ord + 1))
				return 0;
			for (k = 0; k < 2; k++)
				fit[k] = claimed_after(p, a[k], cur->in[k], &m);
			if (fit[0] != fit[1])
				return fit[1];
			if (fit[0])
				return -1;
		}
		do {
			if (++i >= p->nlines)
				return -1;
			s = p->data + p->lines[i].off;
			n = p->lines[i].len;
			trim(&s, &n);
		} while (!n);
		if (parse_section(&sl, s, n))
			return -1;
	}
}

static int roman_parent(int roman_type)
{
	return roman_type == MK_LROMAN ? MK_UPPER : MK_LROMAN;
}

static action make_action(int rule, int lvl, int which)
{
	action a;
	a.which = which;
	a.level = lvl;
	a.kind = rule == 5 ? ACT_NONE : rule == 2 ? ACT_NEW : ACT_CONT;
	return a;
}

static action resolve(const parser *p, const marker *m, size_t lineidx, const char *rest, size_t restlen)
{
	int r[2], lvl[2], pick;
	unsigned long gap[2];
	action a;
	r[0] = rate(p, m->in[0], &lvl[0], &gap[0]);
	if (m->nin == 1) {
		a = make_action(r[0], lvl[0], 0);
		goto rule4;
	}
	r[1] = rate(p, m->in[1], &lvl[1], &gap[1]);
	if (r[1] == 2 && m->in[1].ord == 1 && p->depth > 0 &&
	    p->lv[p->depth - 1].type == roman_parent(m->in[1].type)) {
		pick = 1; /* "(i)" under "(A)": a new item list */
	} else {
		if (r[0] != r[1])
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
	if (a.kind == ACT_NONE && p->depth == 0)
		a = make_action(2, -1, 0); /* first clause of the section */
	return a;
}

/* ---- the line loop ---------------------------------------------------- */

/* A line (trimmed, non-empty) starting with a marker m. */
static int marker_line(parser *p, marker m, const char *s, size_t n, size_t lineidx, int prev_blank)
{
	unsigned line = (unsigned)(lineidx + 1);
	int first = 1, err;
	for (;;) {
		const char *rest = s + m.len;
		size_t restlen = n - m.len;
		action a;
		trim(&rest, &restlen);
		a = resolve(p, &m, lineidx, rest, restlen);
		if (a.kind == ACT_NONE) {
			return put_line(p, s, n, line, first && prev_blank, &m);
		}
		if ((err = add_clause(p, &m, a, line)) < 0)
			return err;
		s = rest;
		n = restlen;
		if (!parse_marker(&m, s, n)) {
			put_norm(&p->text, s, n);
			return 0;
		}
		first = 0;
	}
}

static void split_lines(parser *p, const char *data, size_t len)
{
	size_t i = 0, start = 0;
	while (i < len) {
		const char *q = data + i;
		size_t k = 0;
		while (k < len - i && q[k] != '\n' && q[k] != '\r')
			k++;
		i += k;
		*OT_ARRAY_PUSH(p->lines, p->nlines, p->linecap) = (span){start, i - start};
		if (i < len) {
			if (data[i] == '\r' && i + 1 < len && data[i + 1] == '\n')
				i++;
			i++;
		}
		start = i;
	}
}

/* 1-based line of byte `off`, counting LF, CRLF and CR as one end each. */
static size_t line_of(const char *data, size_t off)
{
	size_t i, line = 1;
	for (i = 0; i < off; i++)
		if (data[i] == '\n' || (data[i] == '\r' && data[i + 1] != '\n'))
			line++;
	return line;
}

int ot_doc_parse_text(ot_doc **out, const char *data, size_t len, const char *name)
{
	parser p;
	size_t i, bad_off = 0, bom = 0;
	int err = 0, prev_blank = 1;

	memset(&p, 0, sizeof(p));
	ot_buf_init(&p.text);
	*out = NULL;
	p.name = name ? name : "<input>";
	if (!data)
		len = 0, data = "";
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		bom = 3;
	data += bom;
	len -= bom;
	p.data = data;
	if (ot_utf8_check(data, len, NULL, &bad_off) < 0) {
		size_t line = line_of(data, bad_off);
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
	split_lines(&p, data, len);
	p.doc = ot_doc_new();

	for (i = 0; i < p.nlines; i++) {
		const char *s = data + p.lines[i].off, *title;
		size_t n = p.lines[i].len, tlen;
		unsigned line = (unsigned)(i + 1);
		secline sl;
		marker m;
		trim(&s, &n);
		if (!n) {
			prev_blank = 1;
			continue;
		}
		if (parse_section(&sl, s, n)) {
			if ((err = start_section(&p, &sl, line)) < 0)
				goto done;
		} else if (!p.section) {
			if (!p.doc->title && parse_chapter(&title, &tlen, s, n) && tlen) {
				ot_buf t = OT_BUF_INIT;
				put_norm(&t, title, tlen);
				p.doc->title = ot_buf_detach(&t);
			}
		} else if (parse_marker(&m, s, n)) {
			if ((err = marker_line(&p, m, s, n, i, prev_blank)) < 0)
				goto done;
		} else {
			if ((err = put_line(&p, s, n, line, prev_blank, NULL)) < 0)
				goto done;
		}
		prev_blank = 0;
	}
	if (!p.doc->nsections) {
		err = ot_error_set(OT_EINVALID,
				   "%s: no section found; a section starts with a line like "
				   "'2-173-010 Purpose.'",
				   p.name);
		goto done;
	}
	switch_to(&p, NULL);

done:
	if (err < 0)
		ot_doc_free(p.doc);
	else
		*out = p.doc;
	free(p.lines);
	free(p.ids.slots);
	ot_buf_release(&p.text);
	return err;
}
