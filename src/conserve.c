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
 * the order a line-by-line reader records them in, and requires that
 * what lies between them is blank and that no two overlap.  While the
 * pieces come in that order the walk happens as they are recorded
 * (ot_conserve_put checks the gap before each piece, on bytes the reader
 * has just read): the first gap that is not blank is remembered, and the
 * check only looks at the tail.  A piece out of order turns that off,
 * and the check walks an index array sorted by position instead.
 *
 * Check 2 (fields) sorts the pieces by category of destination (node
 * fields, notes, skipped entries, the title, intermediate strings) in one
 * counting pass, takes one category at a time and visits the document's fields of that category in document order.  Fast
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
 * Cost: one pass over the pieces (the counting sort) and one over the
 * document's fields, besides recording them; `make bench` prints the
 * parse time with and without the check (docs/conservation.md).
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
	int has_nul;   /* a unit holds a NUL byte (the fast path is off) */
	size_t kept;   /* pieces [0..kept) outlive checkpoints (title, strings) */
	/* check 1 as the pieces come, while sorted: covered up to byte pos
	 * of unit u; the first text between pieces that is not blank */
	size_t cov_u, cov_pos;
	int gap;
	size_t gap_u, gap_off;
	size_t ncat[5]; /* pieces per category (CAT_N of them; SYNTAX: none) */
	/* checked at a checkpoint (ot_conserve_checkpoint) and dropped: the
	 * input before unit ck_u, byte ck_pos, and the first done_sections
	 * sections, done_notes notes and done_skipped skipped entries */
	size_t ck_u, ck_pos;
	size_t done_sections, done_notes, done_skipped;
	uint32_t *idx; /* check 2's index array, kept between checkpoints */
	size_t idxcap;
	const ot_node **stack; /* and the fast path's walk of the nodes */
	size_t stackcap;
};

#define NO_UNIT UINT32_MAX

/* The destination of a piece.  Categories are checked one at a time: the
 * fields of the nodes (NUM, HEADING, TEXT), notes, skipped entries, the
 * title, and intermediate strings. */
enum { CAT_NODE, CAT_NOTE, CAT_SKIP, CAT_TITLE, CAT_STRING, CAT_N };

/* (an inline table: it runs for every piece) */
static inline int node_piece(int field)
{
	return field == OT_CV_NUM || field == OT_CV_HEADING || field == OT_CV_TEXT;
}

static inline int category(int field)
{
	static const unsigned char cat[] = {
		[OT_CV_NUM] = CAT_NODE,	  [OT_CV_HEADING] = CAT_NODE, [OT_CV_TEXT] = CAT_NODE,
		[OT_CV_NOTE] = CAT_NOTE,  [OT_CV_SKIP] = CAT_SKIP,    [OT_CV_TITLE] = CAT_TITLE,
		[OT_CV_SYNTAX] = CAT_N, /* (in no category) */
		[OT_CV_STRING] = CAT_STRING,
	};
	return (unsigned)field < sizeof(cat) ? cat[field] : CAT_STRING;
}


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


/* Length of the blank (white space, a line end, a zero-width
 * character) at s[0..n), 0 if none.  Inline: it runs on every byte. */
static inline size_t blank_at(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];
	int zw;
	if (c < 0x80) /* space, \t \n \v \f \r: bits 32 and 9-13 */
		return c <= ' ' && ((0x100003E00ull >> c) & 1);
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
	free(cv->idx);
	free(cv->stack);
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
	if (n && memchr(base + lines[0].off, 0, lines[n - 1].off + lines[n - 1].len - lines[0].off))
		cv->has_nul = 1;
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
	if (memchr(s, 0, len))
		cv->has_nul = 1;
	*OT_ARRAY_PUSH(cv->units, cv->nunits, cv->unitcap) = (cv_unit){s, (uint32_t)len, line};
	return cv->nunits - 1;
}

/* Check 1 as the pieces come (in position order): what lies between
 * the covered point and a new piece at unit u, offset off, must be
 * blank; the first that is not is remembered for the check.  Then the
 * covered point moves to `end`. */
static inline void cover_to(ot_conserve *cv, size_t u, size_t off, size_t end)
{
	size_t nb;
	/* the common case, inline: the next line, the one before ended by
	 * the last piece, indented by spaces */
	if (u == cv->cov_u + 1 && u < cv->nunits && cv->cov_pos >= unit_len(cv, cv->cov_u)) {
		const char *us = unit_s(cv, u);
		for (nb = 0; nb < off && us[nb] == ' '; nb++)
			;
		if (nb == off) {
			cv->cov_u = u;
			cv->cov_pos = end;
			return;
		}
	}
	while (cv->cov_u < u) {
		nb = next_nonblank(unit_s(cv, cv->cov_u), unit_len(cv, cv->cov_u), cv->cov_pos);
		if (nb < unit_len(cv, cv->cov_u) && !cv->gap) {
			cv->gap = 1;
			cv->gap_u = cv->cov_u;
			cv->gap_off = nb;
		}
		cv->cov_u++;
		cv->cov_pos = 0;
	}
	if (u < cv->nunits) {
		nb = next_nonblank(unit_s(cv, u), off, cv->cov_pos);
		if (nb < off && !cv->gap) {
			cv->gap = 1;
			cv->gap_u = u;
			cv->gap_off = nb;
		}
	}
	cv->cov_pos = end;
}

void ot_conserve_put(ot_conserve *cv, size_t u, const char *s, size_t n, int field, const void *owner,
		     size_t index)
{
	cv_piece *p;
	const char *us;
	size_t off;
	if (!n || !cv)
		return;
	if (u >= cv->nunits || s < (us = unit_s(cv, u)) || s + n > us + unit_len(cv, u)) {
		cv->misplaced = 1; /* a parser bug: reported by the check */
		return;
	}
	off = (size_t)(s - us);
	/* in position order: after the end of the piece before (and so
	 * after the last checkpoint) */
	if (cv->sorted && (u < cv->cov_u || (u == cv->cov_u && off < cv->cov_pos)))
		cv->sorted = 0;
	if (!cv->sorted && (u < cv->ck_u || (u == cv->ck_u && off < cv->ck_pos)))
		cv->misplaced = 1; /* into input a checkpoint has checked */
	p = OT_ARRAY_PUSH(cv->pieces, cv->npieces, cv->piececap);
	p->owner = owner;
	p->unit = (uint32_t)u;
	p->off = (uint32_t)off;
	p->len = (uint32_t)n;
	p->index = (uint32_t)index;
	p->field = field;
	if (field != OT_CV_SYNTAX)
		cv->ncat[category(field)]++;
	if (index >= UINT32_MAX || cv->npieces >= UINT32_MAX)
		cv->misplaced = 1;
	if (cv->sorted)
		cover_to(cv, u, off, off + n);
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
	cv->ncat[category(field)]++;
	if (n >= UINT32_MAX || cv->npieces >= UINT32_MAX || cv->synth.len >= UINT32_MAX || index >= UINT32_MAX)
		cv->misplaced = 1;
}

/* Non-blank bytes (as blank_at counts blanks) of s[0..n). */
static size_t nonblank_bytes(const char *s, size_t n)
{
	size_t i = 0, k = 0, w;
	while (i < n) {
		if ((w = blank_at(s + i, n - i)) != 0) {
			i += w;
		} else {
			i++;
			k++;
		}
	}
	return k;
}

size_t ot_conserve_nonblank(const char *s, size_t n)
{
	return nonblank_bytes(s, n);
}

int ot_conserve_retarget_tail(ot_conserve *cv, const void *owner, int field, size_t keep, int to_field,
			      size_t to_index, unsigned *line)
{
	size_t first, k, seen = 0;
	if (!cv)
		return 0;
	/* the pieces of (owner, field) at the end, and among them what the
	 * reader recorded of other lines (the syntax and number of the next
	 * line, page furniture inside the paragraph), which stays as it is */
	for (first = cv->npieces; first > 0; first--) {
		const cv_piece *p = &cv->pieces[first - 1];
		if (p->owner == owner && p->field == field && p->unit != NO_UNIT)
			continue;
		if (p->owner != owner && (p->field == OT_CV_SYNTAX || p->field == OT_CV_NUM || p->field == OT_CV_SKIP))
			continue;
		break;
	}
	for (k = first; k < cv->npieces; k++) {
		cv_piece *p = &cv->pieces[k];
		const char *ps;
		size_t n, i, c;
		if (p->owner != owner || p->field != field)
			continue;
		ps = unit_s(cv, p->unit) + p->off;
		n = nonblank_bytes(ps, p->len);
		if (seen + n <= keep) {
			seen += n;
			continue;
		}
		/* the split is in this piece: after keep - seen non-blank bytes */
		for (i = 0, c = 0; i < p->len;) {
			size_t w = blank_at(ps + i, p->len - i);
			if (w) {
				i += w;
				continue;
			}
			if (c == keep - seen)
				break;
			i++;
			c++;
		}
		if (line)
			*line = unit_first_line(cv, p->unit);
		if (i > 0) {
			/* the piece keeps its head; its tail is a new piece */
			cv_piece tail = *p;
			tail.off += (uint32_t)i;
			tail.len -= (uint32_t)i;
			p->len = (uint32_t)i;
			(void)OT_ARRAY_PUSH(cv->pieces, cv->npieces, cv->piececap);
			memmove(&cv->pieces[k + 2], &cv->pieces[k + 1], (cv->npieces - k - 2) * sizeof(cv_piece));
			cv->pieces[k + 1] = tail;
			cv->ncat[category(field)]++;
			k++;
		}
		for (; k < cv->npieces; k++) {
			cv_piece *q = &cv->pieces[k];
			if (q->owner != owner || q->field != field)
				continue;
			q->field = to_field;
			q->owner = NULL;
			q->index = (uint32_t)to_index;
			cv->ncat[category(field)]--;
			cv->ncat[category(to_field)]++;
		}
		return 0;
	}
	return -1; /* fewer non-blank bytes than `keep`: nothing moves */
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

/* Offset of the first non-blank byte of the NUL-terminated t from pos,
 * or of its end. */
static inline size_t skip_blank_z(const char *t, size_t pos)
{
	size_t w;
	for (;;) {
		unsigned char c = (unsigned char)t[pos];
		if (c == ' ')
			w = 1;
		else if (c < 0x80)
			w = c < ' ' && ((0x3E00u >> c) & 1);
		else if (c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 || c == 0xEF)
			w = blank_at(t + pos, strnlen(t + pos, 4));
		else
			w = 0;
		if (!w)
			return pos;
		pos += w;
	}
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
	size_t *order = NULL, k, n = 0, u = cv->ck_u, pos = cv->ck_pos, nb;
	int err = 0;
	if (cv->sorted) {
		/* walked as the pieces came: the tail after the last one */
		cover_to(cv, cv->nunits, 0, 0);
		return cv->gap ? lost(cv, cv->gap_u, cv->gap_off) : 0;
	}
	{
		order = ot_reallocarray(NULL, cv->npieces ? cv->npieces : 1, sizeof(*order));
		for (k = 0; k < cv->npieces; k++)
			if (cv->pieces[k].unit != NO_UNIT)
				order[n++] = k;
		sort_pieces = cv->pieces;
		qsort(order, n, sizeof(*order), cmp_position);
	}
	for (k = 0; k <= n; k++) {
		const cv_piece *p = NULL;
		size_t pu, poff;
		if (k < n) {
			p = &cv->pieces[order[k]];
			if (p->unit == NO_UNIT)
				continue;
			pu = p->unit;
			poff = p->off;
			if (pu < cv->ck_u || (pu == cv->ck_u && poff < cv->ck_pos))
				continue; /* a title piece, covered before a checkpoint */
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
	uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
	int c = key_cmp(&sort_pieces[i], &sort_pieces[j]);
	return c ? c : i < j ? -1 : i > j;
}

/* The finished text of a destination, or NULL when it has none. */
static inline const char *field_text(const ot_doc *doc, const fkey *k)
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
static int match_group(const ot_conserve *cv, const ot_doc *doc, const fkey *k, const char *t, const uint32_t *idx,
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
	uint32_t *idx; /* piece indices of the category */
	size_t n;
	size_t c;      /* fast path: the next unread piece */
	int sorted;    /* slow path */
	size_t used;   /* slow path: pieces matched to a field */
	int failed;    /* fast path gave up */
	/* the fields to visit: sections, notes and skipped entries from
	 * the last checkpoint's up to these (not including) */
	size_t sections, notes, skipped;
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
		if (from == m->c && (!t || !*t))
			return 0; /* no text, none read for it */
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
		for (i = m->cv->done_notes; i < m->notes && !err; i++)
			err = visit(m, OT_CV_NOTE, NULL, i, doc->notes[i].line);
		return err;
	case CAT_SKIP:
		for (i = m->cv->done_skipped; i < m->skipped && !err; i++)
			err = visit(m, OT_CV_SKIP, NULL, i, doc->skipped[i].line);
		return err;
	case CAT_NODE:
		for (i = m->cv->done_sections; i < m->sections && !err; i++) {
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

/* The fast path of check 2 for the nodes, without an index: the
 * sections from the last checkpoint up to `sections`, walked in document
 * order, against the pieces in recording order (pieces of other
 * categories skipped), each field's run of pieces compared as it stands
 * (a line's trimmed text is usually exactly where the field has it).
 * 1: every node piece matched its field and every field was accounted
 * for; 0: anything else, and the full matcher gives the verdict and the
 * message. */
static int fast_nodes(ot_conserve *cv, const ot_doc *doc, size_t sections)
{
	static const int fields[3] = {OT_CV_NUM, OT_CV_HEADING, OT_CV_TEXT};
	const cv_piece *pc = cv->pieces, *end = cv->pieces + cv->npieces;
	size_t i, nstack;
	for (i = cv->done_sections; i < sections; i++) {
		nstack = 0;
		*OT_ARRAY_PUSH(cv->stack, nstack, cv->stackcap) = doc->sections[i];
		while (nstack) {
			const ot_node *n = cv->stack[--nstack];
			const char *texts[3];
			unsigned c, f;
			texts[0] = n->num;
			texts[1] = n->heading;
			texts[2] = n->text;
			for (f = 0; f < 3; f++) {
				const char *t = texts[f];
				size_t pos = 0;
				while (pc < end && !node_piece(pc->field))
					pc++;
				if (pc == end || pc->owner != n || pc->field != fields[f]) {
					if (t && *t)
						return 0; /* text and no piece */
					continue;
				}
				if (!t || cv->has_nul)
					return 0;
				for (; pc < end && pc->owner == n && pc->field == fields[f]; pc++) {
					const char *ps = piece_text(cv, pc);
					size_t pn = pc->len;
					pos = skip_blank_z(t, pos);
					/* the same bytes (then its runs of non-blank
					 * bytes stand next, as the rule asks; a piece
					 * that starts with a blank never compares
					 * equal here).  No NUL in the piece: strncmp is
					 * memcmp that stops at the end of the field */
					if (strncmp(t + pos, ps, pn) != 0)
						return 0;
					pos += pn;
				}
				if (t[skip_blank_z(t, pos)])
					return 0;
			}
			for (c = n->nchildren; c > 0; c--)
				*OT_ARRAY_PUSH(cv->stack, nstack, cv->stackcap) = n->children[c - 1];
		}
	}
	while (pc < end && !node_piece(pc->field))
		pc++;
	return pc == end;
}

/* Whether a note, skipped entry or (upto CAT_N) the title since the last
 * checkpoint holds text, which then needs its pieces. */
static int any_text(const ot_doc *doc, int upto, size_t notes, size_t skipped, const ot_conserve *cv)
{
	size_t i;
	for (i = cv->done_notes; i < notes; i++)
		if (doc->notes[i].text && *doc->notes[i].text)
			return 1;
	for (i = cv->done_skipped; i < skipped; i++)
		if (doc->skipped[i].text && *doc->skipped[i].text)
			return 1;
	return upto > CAT_TITLE && doc->title && *doc->title;
}

/* Check 2 for the pieces recorded since the last checkpoint, against
 * the fields of categories below `upto` (all, or all but the title and
 * intermediate strings at a checkpoint) up to the given counts. */
static int check_fields(ot_conserve *cv, const ot_doc *doc, int upto, size_t sections, size_t notes,
			size_t skipped)
{
	/* the piece indices by category, in recording order within each:
	 * one counting pass (the counts were kept as the pieces came) */
	size_t first[CAT_N + 1], fill[CAT_N], k;
	uint32_t *idx;
	int cat, err = 0, nodes_held = fast_nodes(cv, doc, sections);
	if (nodes_held) {
		/* the other categories are few (often none): no index needed
		 * when they have no pieces and their fields no text */
		for (cat = CAT_NOTE; cat < upto && !cv->ncat[cat]; cat++)
			;
		if (cat == upto && !any_text(doc, upto, notes, skipped, cv))
			return 0;
	}
	ot_array_grow((void **)&cv->idx, &cv->idxcap, cv->npieces ? cv->npieces : 1, sizeof(*cv->idx));
	idx = cv->idx;
	first[0] = 0;
	for (cat = 0; cat < CAT_N; cat++) {
		first[cat + 1] = first[cat] + cv->ncat[cat];
		fill[cat] = first[cat];
	}
	for (k = 0; k < cv->npieces; k++)
		if (cv->pieces[k].field != OT_CV_SYNTAX)
			idx[fill[category(cv->pieces[k].field)]++] = (uint32_t)k;
	for (cat = nodes_held ? CAT_NOTE : CAT_NODE; cat < upto && !err; cat++) {
		matcher m;
		memset(&m, 0, sizeof(m));
		m.cv = cv;
		m.doc = doc;
		m.idx = idx + first[cat];
		m.n = cv->ncat[cat];
		m.sections = sections;
		m.notes = notes;
		m.skipped = skipped;
		if (cat != CAT_STRING) {
			err = visit_doc(&m, cat);
			if (!err && !m.failed && m.c == m.n)
				continue; /* the fast path held */
		}
		/* slow path, with exact messages (no sort when the pieces are
		 * grouped by destination already: the one intermediate string
		 * of an HTML page) */
		sort_pieces = cv->pieces;
		for (k = 1; k < m.n && key_cmp(&cv->pieces[m.idx[k - 1]], &cv->pieces[m.idx[k]]) <= 0; k++)
			;
		if (k < m.n)
			qsort(m.idx, m.n, sizeof(*m.idx), cmp_key);
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
	return err;
}

static int misplaced(const ot_conserve *cv)
{
	return ot_error_set(OT_EINVALID,
			    "%s: the reader recorded text outside the input it came from; nothing "
			    "was recorded (this is a bug in ordtrack's reader: please report it with "
			    "this file)",
			    cv->name);
}

int ot_conserve_checkpoint(ot_conserve *cv, const ot_doc *doc, size_t sections, size_t notes, size_t skipped)
{
	size_t k, kept;
	int err, cat;
	if (!cv)
		return 0;
	if (cv->misplaced)
		return misplaced(cv);
	if (!cv->sorted || sections < cv->done_sections || notes < cv->done_notes ||
	    skipped < cv->done_skipped || sections > doc->nsections || notes > doc->nnotes ||
	    skipped > doc->nskipped)
		return 0; /* the check at the end walks it all */
	if (cv->gap)
		return lost(cv, cv->gap_u, cv->gap_off);
	if ((err = check_fields(cv, doc, CAT_TITLE, sections, notes, skipped)) < 0)
		return err;
	/* checked: drop all but the title's and the strings' pieces */
	kept = cv->kept;
	if (cv->ncat[CAT_TITLE] + cv->ncat[CAT_STRING] > kept) {
		for (k = kept; k < cv->npieces; k++) {
			cat = cv->pieces[k].field == OT_CV_SYNTAX ? CAT_N : category(cv->pieces[k].field);
			if (cat == CAT_TITLE || cat == CAT_STRING)
				cv->pieces[kept++] = cv->pieces[k];
		}
	}
	cv->npieces = cv->kept = kept;
	for (cat = 0; cat < CAT_TITLE; cat++)
		cv->ncat[cat] = 0;
	cv->ck_u = cv->cov_u;
	cv->ck_pos = cv->cov_pos;
	cv->done_sections = sections;
	cv->done_notes = notes;
	cv->done_skipped = skipped;
	return 0;
}

int ot_conserve_check(ot_conserve *cv, const ot_doc *doc)
{
	int err;
	if (!cv)
		return 0;
	if (cv->misplaced)
		return misplaced(cv);
	if ((err = check_coverage(cv)) < 0)
		return err;
	return check_fields(cv, doc, CAT_N, doc->nsections, doc->nnotes, doc->nskipped);
}
