/*
 * conserve.c - the conservation check (see conserve.h for the rule and
 * docs/conservation.md for what it means to a user).
 *
 * Data: the units (borrowed spans of the input, each with its first line:
 * an array of its own, or a line-cutting reader's own table of lines) and
 * the pieces in the order the reader recorded them: (unit, offset,
 * length) and where the piece went (field, owner node or entry index), or
 * a made-up fragment (copied into one buffer, no unit).  Units and pieces
 * are packed small, 32-bit offsets: a whole code makes a million pieces.
 *
 * Check 1 (coverage) walks the pieces in (unit, offset) order, which is
 * the order a line-by-line reader records them in (otherwise an index
 * array is sorted), and requires that what lies between them is blank
 * and that no two overlap.
 *
 * Check 2 (fields) takes one category of destination at a time (node
 * fields, notes, skipped entries, the title, intermediate strings) and
 * visits the document's fields of that category in document order.  Fast
 * path: the pieces came in that order too, so one cursor consumes each
 * field's run of pieces and compares it with the field's text.  On any
 * surprise the category's pieces are sorted by destination and each field
 * looks its group up by binary search, which also gives the exact
 * message; pieces that reach no field of the document are an error too.
 * A piece matches when its runs of non-blank bytes stand next in the
 * field, after the field's blanks (white space or a zero-width character
 * as textnorm.c defines them); usually the whole trimmed piece is one
 * memcmp.
 *
 * Cost: two passes over the pieces and one over the document's fields;
 * `make bench` prints the parse time with and without the check.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conserve.h"
#include "internal.h"

/* Units and pieces are small (16 and 32 bytes): a whole code makes a
 * million of them.  Offsets and lengths fit 32 bits (a longer unit or
 * piece is refused, see ot_conserve_put). */
typedef struct cv_unit {
	const char *s;
	uint32_t len;
	uint32_t line;
} cv_unit;

typedef struct cv_piece {
	const void *owner;
	uint32_t index;
	uint32_t unit; /* NO_UNIT for made-up text */
	uint32_t off;  /* in the unit; for made-up text, in cv->synth */
	uint32_t len;
	int field;
} cv_piece;

struct ot_conserve {
	const char *name;
	cv_unit *units;
	/* or, for a reader of lines, its own table of them (borrowed):
	 * unit i is base + lines[i].off, lines[i].len bytes, line i + 1 */
	const char *base;
	const ot_conserve_line *lines;
	size_t nunits, unitcap;
	cv_piece *pieces;
	size_t npieces, piececap;
	ot_buf synth;  /* made-up text, one piece after the other */
	int sorted;    /* pieces recorded in (unit, offset) order so far */
	int misplaced; /* a piece was not inside the unit it named */
};

#define NO_UNIT UINT32_MAX

/* Unit u: its bytes, length and first line. */
static inline const char *unit_s(const ot_conserve *cv, size_t u)
{
	return cv->lines ? cv->base + cv->lines[u].off : cv->units[u].s;
}

static inline size_t unit_len(const ot_conserve *cv, size_t u)
{
	return cv->lines ? cv->lines[u].len : cv->units[u].len;
}

static inline unsigned unit_first_line(const ot_conserve *cv, size_t u)
{
	return cv->lines ? (unsigned)(u + 1) : cv->units[u].line;
}


_Thread_local ot_test_plant ot_test_plant_loss;
_Thread_local int ot_conserve_off;

int ot_test_plant_fires(void)
{
	return ot_test_plant_loss.at > 0 && --ot_test_plant_loss.at == 0;
}
#define EXCERPT 60

ot_conserve *ot_conserve_new(const char *name)
{
	ot_conserve *cv = ot_calloc(1, sizeof(*cv));
	cv->name = name ? name : "<input>";
	cv->sorted = 1;
	return cv;
}

void ot_conserve_free(ot_conserve *cv)
{
	if (!cv)
		return;
	free(cv->pieces);
	ot_buf_release(&cv->synth);
	free(cv->units);
	free(cv);
}

void ot_conserve_reserve(ot_conserve *cv, size_t units, size_t pieces)
{
	if (!cv)
		return;
	ot_array_grow((void **)&cv->units, &cv->unitcap, units, sizeof(*cv->units));
	ot_array_grow((void **)&cv->pieces, &cv->piececap, pieces, sizeof(*cv->pieces));
}

void ot_conserve_lines(ot_conserve *cv, const char *base, const ot_conserve_line *lines, size_t n)
{
	size_t i;
	if (!cv)
		return;
	cv->base = base;
	cv->lines = lines;
	cv->nunits = n;
	for (i = 0; i < n; i++)
		if (lines[i].len >= UINT32_MAX)
			cv->misplaced = 1; /* too large to account for: refused */
	if (n >= UINT32_MAX - 1)
		cv->misplaced = 1;
}

size_t ot_conserve_unit(ot_conserve *cv, const char *s, size_t len, unsigned line)
{
	if (!cv)
		return 0;
	if (cv->lines) { /* one or the other */
		cv->misplaced = 1;
		return 0;
	}
	if (len >= UINT32_MAX || cv->nunits >= UINT32_MAX - 1)
		cv->misplaced = 1; /* too large to account for: refused */
	*OT_ARRAY_PUSH(cv->units, cv->nunits, cv->unitcap) = (cv_unit){s, (uint32_t)len, line};
	return cv->nunits - 1;
}

void ot_conserve_put(ot_conserve *cv, size_t u, const char *s, size_t n, int field, const void *owner,
		     size_t index)
{
	cv_piece *p, *prev;
	if (!n || !cv)
		return;
	if (u >= cv->nunits || s < unit_s(cv, u) || s + n > unit_s(cv, u) + unit_len(cv, u)) {
		cv->misplaced = 1; /* a parser bug: reported by the check */
		return;
	}
	p = OT_ARRAY_PUSH(cv->pieces, cv->npieces, cv->piececap);
	/* (after the push, which may move the array) */
	prev = cv->npieces > 1 ? &cv->pieces[cv->npieces - 2] : NULL;
	p->owner = owner;
	p->unit = (uint32_t)u;
	p->off = (uint32_t)(s - unit_s(cv, u));
	p->len = (uint32_t)n;
	p->index = (uint32_t)index;
	p->field = field;
	if (index >= UINT32_MAX)
		cv->misplaced = 1;
	if (prev && prev->unit != NO_UNIT &&
	    (prev->unit > u || (prev->unit == u && prev->off + prev->len > p->off)))
		cv->sorted = 0;
}

void ot_conserve_synth(ot_conserve *cv, const char *s, size_t n, int field, const void *owner, size_t index)
{
	cv_piece *p;
	if (!n || !cv)
		return;
	p = OT_ARRAY_PUSH(cv->pieces, cv->npieces, cv->piececap);
	p->owner = owner;
	p->unit = NO_UNIT;
	p->off = (uint32_t)cv->synth.len;
	p->len = (uint32_t)n;
	p->index = (uint32_t)index;
	p->field = field;
	ot_buf_put(&cv->synth, s, n);
	if (n >= UINT32_MAX || cv->synth.len >= UINT32_MAX || index >= UINT32_MAX)
		cv->misplaced = 1;
}

/* The bytes of a piece. */
static const char *piece_text(const ot_conserve *cv, const cv_piece *p)
{
	return p->unit == NO_UNIT ? cv->synth.ptr + p->off : unit_s(cv, p->unit) + p->off;
}

/* Line of the byte at offset off of unit u: the unit's first line plus
 * the line ends before it (a markup text node may span lines). */
static unsigned unit_line(const ot_conserve *cv, size_t u, size_t off)
{
	const char *us = unit_s(cv, u);
	unsigned line = unit_first_line(cv, u);
	size_t i, ul = unit_len(cv, u);
	for (i = 0; i < off && i < ul; i++)
		if (us[i] == '\n')
			line++;
	return line;
}

/* Length of the blank (white space, a line end, a zero-width
 * character) at s[0..n), 0 if none.  Inline: it runs on every byte. */
static inline size_t blank_at(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];
	int zw;
	if (c < 0x80)
		return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v';
	if (c != 0xC2 && c != 0xE1 && c != 0xE2 && c != 0xE3 && c != 0xEF)
		return 0;
	return ot_blank_len(s, n, &zw);
}

/* Offset of the first non-blank byte of s[from..n), or n. */
static inline size_t next_nonblank(const char *s, size_t n, size_t from)
{
	size_t w;
	while (from < n && (w = blank_at(s + from, n - from)) != 0)
		from += w;
	return from;
}

/* An excerpt of s[0..n) (up to EXCERPT bytes, not cutting a UTF-8
 * sequence, line ends as spaces) for a message, into b. */
static const char *excerpt(ot_buf *b, const char *s, size_t n)
{
	size_t i, end = n < EXCERPT ? n : EXCERPT;
	while (end < n && end > 0 && ((unsigned char)s[end] & 0xC0) == 0x80)
		end--;
	ot_buf_clear(b);
	for (i = 0; i < end; i++)
		ot_buf_putc(b, s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
	if (end < n)
		ot_buf_puts(b, "...");
	return b->ptr ? b->ptr : "";
}

static int lost(const ot_conserve *cv, size_t u, size_t off)
{
	const char *us = unit_s(cv, u);
	size_t ul = unit_len(cv, u);
	ot_buf b = OT_BUF_INIT;
	size_t end = off;
	int err;
	/* the unaccounted run: to the end of the line */
	while (end < ul && us[end] != '\n' && us[end] != '\r')
		end++;
	err = ot_error_set(OT_EINVALID,
			   "%s:%u: the text '%s' went into no clause, heading, note or list of skipped "
			   "material; nothing was recorded (this is a bug in ordtrack's reader: please "
			   "report it with this file)",
			   cv->name, unit_line(cv, u, off), excerpt(&b, us + off, end - off));
	ot_buf_release(&b);
	return err;
}

/* qsort has no context argument in C11: the pieces array for the
 * comparison is passed through this (thread-local, so threads that parse
 * at the same time keep apart). */
static _Thread_local const cv_piece *sort_pieces;

static int cmp_position(const void *a, const void *b)
{
	const cv_piece *pa = &sort_pieces[*(const size_t *)a], *pb = &sort_pieces[*(const size_t *)b];
	if (pa->unit != pb->unit)
		return pa->unit < pb->unit ? -1 : 1;
	if (pa->off != pb->off)
		return pa->off < pb->off ? -1 : 1;
	return 0;
}

/* Check 1: the pieces cover every non-blank byte of every unit, once. */
static int check_coverage(ot_conserve *cv)
{
	size_t *order = NULL, k, n = 0, u = 0, pos = 0, nb;
	int err = 0;
	if (!cv->sorted) {
		order = ot_reallocarray(NULL, cv->npieces ? cv->npieces : 1, sizeof(*order));
		for (k = 0; k < cv->npieces; k++)
			if (cv->pieces[k].unit != NO_UNIT)
				order[n++] = k;
		sort_pieces = cv->pieces;
		qsort(order, n, sizeof(*order), cmp_position);
	} else {
		n = cv->npieces;
	}
	for (k = 0; k <= n; k++) {
		const cv_piece *p = NULL;
		size_t pu, poff;
		if (k < n) {
			p = &cv->pieces[order ? order[k] : k];
			if (p->unit == NO_UNIT)
				continue;
			pu = p->unit;
			poff = p->off;
		} else {
			pu = cv->nunits;
			poff = 0;
		}
		/* units (or their tails) with no piece up to this one */
		while (u < pu) {
			nb = next_nonblank(unit_s(cv, u), unit_len(cv, u), pos);
			if (nb < unit_len(cv, u)) {
				err = lost(cv, u, nb);
				goto done;
			}
			u++;
			pos = 0;
		}
		if (!p)
			break;
		if (poff < pos) { /* overlap: counted twice, unless blank */
			size_t end = pos < poff + p->len ? pos : poff + p->len;
			if (next_nonblank(unit_s(cv, u), end, poff) < end) {
				ot_buf b = OT_BUF_INIT;
				err = ot_error_set(OT_EINVALID,
						   "%s:%u: the text '%s' was read twice; nothing was recorded "
						   "(this is a bug in ordtrack's reader: please report it with "
						   "this file)",
						   cv->name, unit_line(cv, u, poff),
						   excerpt(&b, unit_s(cv, u) + poff, end - poff));
				ot_buf_release(&b);
				goto done;
			}
		} else {
			nb = next_nonblank(unit_s(cv, u), poff, pos);
			if (nb < poff) {
				err = lost(cv, u, nb);
				goto done;
			}
		}
		if (poff + p->len > pos)
			pos = poff + p->len;
	}
done:
	free(order);
	return err;
}

/* ---- check 2 ---------------------------------------------------------- */

/* The destination of a piece.  Categories are checked one at a time: the
 * fields of the nodes (NUM, HEADING, TEXT), notes, skipped entries, the
 * title, and intermediate strings. */
enum { CAT_NODE, CAT_NOTE, CAT_SKIP, CAT_TITLE, CAT_STRING, CAT_N };

static int category(int field)
{
	switch (field) {
	case OT_CV_NUM:
	case OT_CV_HEADING:
	case OT_CV_TEXT:
		return CAT_NODE;
	case OT_CV_NOTE:
		return CAT_NOTE;
	case OT_CV_SKIP:
		return CAT_SKIP;
	case OT_CV_TITLE:
		return CAT_TITLE;
	default:
		return CAT_STRING;
	}
}

typedef struct fkey {
	int field;
	const void *owner;
	size_t index;
} fkey;

static int key_is(const cv_piece *p, const fkey *k)
{
	return p->field == k->field && p->owner == k->owner && p->index == k->index;
}

static int key_cmp(const cv_piece *a, const cv_piece *b)
{
	uintptr_t x = (uintptr_t)a->owner, y = (uintptr_t)b->owner;
	if (x != y)
		return x < y ? -1 : 1;
	if (a->field != b->field)
		return a->field < b->field ? -1 : 1;
	if (a->index != b->index)
		return a->index < b->index ? -1 : 1;
	return 0;
}

/* for qsort: by destination, then in recording order (stable) */
static int cmp_key(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = key_cmp(&sort_pieces[i], &sort_pieces[j]);
	return c ? c : i < j ? -1 : i > j;
}

/* The finished text of a destination, or NULL when it has none. */
static const char *field_text(const ot_doc *doc, const fkey *k)
{
	const ot_node *n = k->owner;
	switch (k->field) {
	case OT_CV_NUM:
		return n ? n->num : NULL;
	case OT_CV_HEADING:
		return n ? n->heading : NULL;
	case OT_CV_TEXT:
		return n ? n->text : NULL;
	case OT_CV_NOTE:
		return k->index < doc->nnotes ? doc->notes[k->index].text : NULL;
	case OT_CV_SKIP:
		return k->index < doc->nskipped ? doc->skipped[k->index].text : NULL;
	case OT_CV_TITLE:
		return doc->title;
	case OT_CV_STRING:
		return k->owner ? *(const char *const *)k->owner : NULL;
	default:
		return NULL;
	}
}

/* What a destination is called in a message. */
static void describe(ot_buf *b, const ot_doc *doc, const fkey *k)
{
	const ot_node *n = k->owner;
	static const char *const what[] = {"the number of", "the heading of", "the text of"};
	ot_buf_clear(b);
	if (k->field <= OT_CV_TEXT && n)
		ot_buf_printf(b, "%s %s", what[k->field], n->id);
	else if (k->field == OT_CV_NOTE)
		ot_buf_printf(b, "note %zu%s%s", k->index + 1,
			      k->index < doc->nnotes && doc->notes[k->index].section ? " of " : "",
			      k->index < doc->nnotes && doc->notes[k->index].section ? doc->notes[k->index].section
										    : "");
	else if (k->field == OT_CV_SKIP)
		ot_buf_printf(b, "skipped entry %zu", k->index + 1);
	else if (k->field == OT_CV_STRING)
		ot_buf_puts(b, "the text read from the markup");
	else
		ot_buf_puts(b, "the title");
}

static unsigned piece_line(const ot_conserve *cv, const cv_piece *p)
{
	return p->unit == NO_UNIT ? 0 : unit_line(cv, p->unit, p->off);
}

/* "name:LINE: WHAT MIDDLE ('EXCERPT'); nothing was recorded (...)" */
static int field_error(const ot_conserve *cv, const ot_doc *doc, const fkey *k, unsigned line, const char *middle,
		       const char *s, size_t n)
{
	ot_buf what = OT_BUF_INIT, ex = OT_BUF_INIT, at = OT_BUF_INIT;
	int err;
	describe(&what, doc, k);
	if (line)
		ot_buf_printf(&at, ":%u", line);
	err = ot_error_set(OT_EINVALID,
			   "%s%s: %s %s ('%s'); nothing was recorded (this is a bug in ordtrack's reader: "
			   "please report it with this file)",
			   cv->name, at.ptr ? at.ptr : "", what.ptr, middle, excerpt(&ex, s, n));
	ot_buf_release(&what);
	ot_buf_release(&ex);
	ot_buf_release(&at);
	return err;
}

/* Match pieces idx[from..to) (one destination, in recording order)
 * against its finished text t: each run of non-blank bytes of a piece
 * must stand next in t (after its blanks), and nothing but blanks may be
 * left over.  `quiet`: no message, only the verdict (the fast path, which
 * retries in full on failure).  0 or OT_EINVALID. */
static int match_group(const ot_conserve *cv, const ot_doc *doc, const fkey *k, const char *t, const size_t *idx,
		       size_t from, size_t to, unsigned line, int quiet)
{
	size_t tl = t ? strlen(t) : 0, pos = 0, j;
	if (!t)
		t = "";
	for (j = from; j < to; j++) {
		const cv_piece *p = &cv->pieces[idx[j]];
		const char *s = piece_text(cv, p);
		size_t n = p->len, i = 0, run;
		/* the common case: the piece, trimmed, stands as it is */
		pos = next_nonblank(t, tl, pos);
		if (n && !blank_at(s, n) && !blank_at(s + n - 1, 1) && pos + n <= tl && memcmp(t + pos, s, n) == 0) {
			pos += n;
			continue;
		}
		for (;;) {
			i = next_nonblank(s, n, i);
			if (i >= n)
				break;
			for (run = 1; i + run < n && !blank_at(s + i + run, n - i - run); run++)
				;
			pos = next_nonblank(t, tl, pos);
			if (pos + run > tl || memcmp(t + pos, s + i, run) != 0)
				return quiet ? OT_EINVALID
					     : field_error(cv, doc, k, piece_line(cv, p),
							   "does not hold the text read for it", s + i, n - i);
			i += run;
			pos += run;
		}
	}
	pos = next_nonblank(t, tl, pos);
	if (pos < tl)
		return quiet ? OT_EINVALID
			     : field_error(cv, doc, k, from < to ? piece_line(cv, &cv->pieces[idx[from]]) : line,
					   "holds text that is not in the input", t + pos, tl - pos);
	return 0;
}

/* The pieces of one category, matched against the document's fields of
 * that category as they are visited in document order.  Fast path: the
 * pieces came in the same order (a line-by-line reader records them so),
 * so one cursor walks them.  On any surprise the pieces are sorted by
 * destination and every field looks its group up, which also gives the
 * exact message. */
typedef struct matcher {
	ot_conserve *cv;
	const ot_doc *doc;
	size_t *idx; /* piece indices of the category */
	size_t n;
	size_t c;      /* fast path: the next unread piece */
	int sorted;    /* slow path */
	size_t used;   /* slow path: pieces matched to a field */
	int failed;    /* fast path gave up */
} matcher;

static int visit(matcher *m, int field, const void *owner, size_t index, unsigned line)
{
	fkey k = {field, owner, index};
	const char *t = field_text(m->doc, &k);
	size_t from, to;
	if (!m->sorted) {
		if (m->failed)
			return 0;
		from = m->c;
		while (m->c < m->n && key_is(&m->cv->pieces[m->idx[m->c]], &k))
			m->c++;
		if (match_group(m->cv, m->doc, &k, t, m->idx, from, m->c, line, 1) < 0)
			m->failed = 1;
		return 0;
	}
	/* slow path: binary search for the group of k */
	{
		cv_piece probe;
		size_t lo = 0, hi = m->n;
		probe.field = field;
		probe.owner = owner;
		probe.index = index;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (key_cmp(&m->cv->pieces[m->idx[mid]], &probe) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		from = to = lo;
		while (to < m->n && key_is(&m->cv->pieces[m->idx[to]], &k))
			to++;
	}
	m->used += to - from;
	return match_group(m->cv, m->doc, &k, t, m->idx, from, to, line, 0);
}

/* Visit every field of the document of category cat, in document order. */
static int visit_doc(matcher *m, int cat)
{
	const ot_doc *doc = m->doc;
	const ot_node **stack = NULL;
	size_t nstack = 0, stackcap = 0, i;
	int err = 0;
	switch (cat) {
	case CAT_TITLE:
		return visit(m, OT_CV_TITLE, NULL, 0, 0);
	case CAT_NOTE:
		for (i = 0; i < doc->nnotes && !err; i++)
			err = visit(m, OT_CV_NOTE, NULL, i, doc->notes[i].line);
		return err;
	case CAT_SKIP:
		for (i = 0; i < doc->nskipped && !err; i++)
			err = visit(m, OT_CV_SKIP, NULL, i, doc->skipped[i].line);
		return err;
	case CAT_NODE:
		for (i = 0; i < doc->nsections && !err; i++) {
			nstack = 0;
			*OT_ARRAY_PUSH(stack, nstack, stackcap) = doc->sections[i];
			while (nstack && !err) {
				const ot_node *n = stack[--nstack];
				unsigned c;
				if ((err = visit(m, OT_CV_NUM, n, 0, n->line)) < 0 ||
				    (err = visit(m, OT_CV_HEADING, n, 0, n->line)) < 0 ||
				    (err = visit(m, OT_CV_TEXT, n, 0, n->line)) < 0)
					break;
				for (c = n->nchildren; c > 0; c--)
					*OT_ARRAY_PUSH(stack, nstack, stackcap) = n->children[c - 1];
			}
		}
		free(stack);
		return err;
	default: /* strings: every destination the pieces name */
		for (i = 0; i < m->n && !err; i = m->c) {
			const cv_piece *p = &m->cv->pieces[m->idx[i]];
			fkey k = {p->field, p->owner, p->index};
			for (m->c = i; m->c < m->n && key_is(&m->cv->pieces[m->idx[m->c]], &k); m->c++)
				;
			m->used += m->c - i;
			err = match_group(m->cv, m->doc, &k, field_text(doc, &k), m->idx, i, m->c, 0, 0);
		}
		return err;
	}
}

static int check_fields(ot_conserve *cv, const ot_doc *doc)
{
	size_t *idx = ot_reallocarray(NULL, cv->npieces ? cv->npieces : 1, sizeof(*idx)), k;
	int cat, err = 0;
	for (cat = 0; cat < CAT_N && !err; cat++) {
		matcher m;
		memset(&m, 0, sizeof(m));
		m.cv = cv;
		m.doc = doc;
		m.idx = idx;
		for (k = 0; k < cv->npieces; k++)
			if (cv->pieces[k].field != OT_CV_SYNTAX && category(cv->pieces[k].field) == cat)
				idx[m.n++] = k;
		if (cat != CAT_STRING) {
			err = visit_doc(&m, cat);
			if (!err && !m.failed && m.c == m.n)
				continue; /* the fast path held */
		}
		/* slow path, with exact messages (no sort when the pieces are
		 * grouped by destination already: the one intermediate string
		 * of an HTML page) */
		sort_pieces = cv->pieces;
		for (k = 1; k < m.n && key_cmp(&cv->pieces[idx[k - 1]], &cv->pieces[idx[k]]) <= 0; k++)
			;
		if (k < m.n)
			qsort(idx, m.n, sizeof(*idx), cmp_key);
		m.sorted = 1;
		m.c = 0;
		if ((err = visit_doc(&m, cat)) < 0)
			break;
		if (m.used != m.n)
			err = ot_error_set(OT_EINVALID,
					   "%s: the reader put text in a place that is not in the document; nothing "
					   "was recorded (this is a bug in ordtrack's reader: please report it with "
					   "this file)",
					   cv->name);
	}
	free(idx);
	return err;
}

int ot_conserve_check(ot_conserve *cv, const ot_doc *doc)
{
	int err;
	if (!cv)
		return 0;
	if (cv->misplaced)
		return ot_error_set(OT_EINVALID,
				    "%s: the reader recorded text outside the input it came from; nothing "
				    "was recorded (this is a bug in ordtrack's reader: please report it with "
				    "this file)",
				    cv->name);
	if ((err = check_coverage(cv)) < 0)
		return err;
	return check_fields(cv, doc);
}
