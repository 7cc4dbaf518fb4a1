/*
 * conserve.c - the conservation check (see conserve.h for the rule and
 * docs/conservation.md for what it means to a user).
 *
 * Data: an array of units (borrowed spans of the input, each with its
 * first line) and an array of pieces in the order the parser recorded
 * them: (unit, offset, length) and where the piece went (field, owner
 * node or entry index), or a made-up fragment (synth: an owned copy, no
 * unit).
 *
 * Check 1 (coverage) walks the pieces in (unit, offset) order, which is
 * the order a line-by-line parser records them in (otherwise an index
 * array is sorted), and requires that what lies between them is blank
 * and that no two overlap.
 *
 * Check 2 (fields) keeps, per destination, a cursor into the field's
 * finished text in a small open-addressing table keyed by (field, owner,
 * index).  Each piece, in recording order, must match the field's next
 * non-blank characters; at the end every cursor must stand at the end of
 * its field, and every non-blank field of the document must have been
 * reached by some piece.  Blank means white space or a zero-width
 * character as textnorm.c defines it, on both sides.
 *
 * Cost: two passes over the pieces and one over the document's fields;
 * no allocation per character.
 */
#include <stdlib.h>
#include <string.h>

#include "conserve.h"
#include "internal.h"

typedef struct cv_unit {
	const char *s;
	size_t len;
	unsigned line;
} cv_unit;

typedef struct cv_piece {
	const void *owner;
	size_t index;
	size_t unit; /* (size_t)-1 for synth */
	size_t off, len;
	char *synth; /* owned, synth pieces only */
	int field;
} cv_piece;

typedef struct cv_slot {
	const void *owner;
	size_t index;
	int field; /* -1: free */
	const char *text; /* the field's finished text (NULL: none) */
	size_t pos;       /* cursor into text */
	const cv_piece *first;
} cv_slot;

struct ot_conserve {
	const char *name;
	cv_unit *units;
	size_t nunits, unitcap;
	cv_piece *pieces;
	size_t npieces, piececap;
	int sorted;    /* pieces recorded in (unit, offset) order so far */
	int misplaced; /* a piece was not inside the unit it named */
	cv_slot *slots;
	size_t nslots, slotcap;
};

#define NO_UNIT ((size_t)-1)

_Thread_local ot_test_plant ot_test_plant_loss;

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
	size_t i;
	if (!cv)
		return;
	for (i = 0; i < cv->npieces; i++)
		free(cv->pieces[i].synth);
	free(cv->pieces);
	free(cv->units);
	free(cv->slots);
	free(cv);
}

size_t ot_conserve_unit(ot_conserve *cv, const char *s, size_t len, unsigned line)
{
	*OT_ARRAY_PUSH(cv->units, cv->nunits, cv->unitcap) = (cv_unit){s, len, line};
	return cv->nunits - 1;
}

void ot_conserve_put(ot_conserve *cv, size_t u, const char *s, size_t n, int field, const void *owner,
		     size_t index)
{
	cv_piece *p, *prev;
	if (!n)
		return;
	if (u >= cv->nunits || s < cv->units[u].s || s + n > cv->units[u].s + cv->units[u].len) {
		cv->misplaced = 1; /* a parser bug: reported by the check */
		return;
	}
	prev = cv->npieces ? &cv->pieces[cv->npieces - 1] : NULL;
	p = OT_ARRAY_PUSH(cv->pieces, cv->npieces, cv->piececap);
	p->owner = owner;
	p->index = index;
	p->unit = u;
	p->off = (size_t)(s - cv->units[u].s);
	p->len = n;
	p->synth = NULL;
	p->field = field;
	if (prev && prev->unit != NO_UNIT &&
	    (prev->unit > u || (prev->unit == u && prev->off + prev->len > p->off)))
		cv->sorted = 0;
}

void ot_conserve_synth(ot_conserve *cv, const char *s, size_t n, int field, const void *owner, size_t index)
{
	cv_piece *p;
	if (!n)
		return;
	p = OT_ARRAY_PUSH(cv->pieces, cv->npieces, cv->piececap);
	p->owner = owner;
	p->index = index;
	p->unit = NO_UNIT;
	p->off = 0;
	p->len = n;
	p->synth = ot_strndup(s, n);
	p->field = field;
}

/* The bytes of a piece. */
static const char *piece_text(const ot_conserve *cv, const cv_piece *p)
{
	return p->synth ? p->synth : cv->units[p->unit].s + p->off;
}

/* Line of the byte at offset off of unit u: the unit's first line plus
 * the line ends before it (a markup text node may span lines). */
static unsigned unit_line(const ot_conserve *cv, size_t u, size_t off)
{
	const cv_unit *un = &cv->units[u];
	unsigned line = un->line;
	size_t i;
	for (i = 0; i < off && i < un->len; i++)
		if (un->s[i] == '\n')
			line++;
	return line;
}

/* Offset of the first non-blank byte of s[from..n), or n. */
static size_t next_nonblank(const char *s, size_t n, size_t from)
{
	size_t w;
	int zw;
	while (from < n) {
		if (s[from] == '\n' || s[from] == '\r') {
			from++;
			continue;
		}
		if (!(w = ot_blank_len(s + from, n - from, &zw)))
			return from;
		from += w;
	}
	return n;
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
	const cv_unit *un = &cv->units[u];
	ot_buf b = OT_BUF_INIT;
	size_t end = off;
	int err;
	/* the unaccounted run: to the end of the line */
	while (end < un->len && un->s[end] != '\n' && un->s[end] != '\r')
		end++;
	err = ot_error_set(OT_EINVALID,
			   "%s:%u: the text '%s' went into no clause, heading, note or list of skipped "
			   "material; nothing was recorded (this is a bug in ordtrack's reader: please "
			   "report it with this file)",
			   cv->name, unit_line(cv, u, off), excerpt(&b, un->s + off, end - off));
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
			nb = next_nonblank(cv->units[u].s, cv->units[u].len, pos);
			if (nb < cv->units[u].len) {
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
			if (next_nonblank(cv->units[u].s, end, poff) < end) {
				ot_buf b = OT_BUF_INIT;
				err = ot_error_set(OT_EINVALID,
						   "%s:%u: the text '%s' was read twice; nothing was recorded "
						   "(this is a bug in ordtrack's reader: please report it with "
						   "this file)",
						   cv->name, unit_line(cv, u, poff),
						   excerpt(&b, cv->units[u].s + poff, end - poff));
				ot_buf_release(&b);
				goto done;
			}
		} else {
			nb = next_nonblank(cv->units[u].s, poff, pos);
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

static size_t slot_hash(int field, const void *owner, size_t index)
{
	unsigned long long h = (unsigned long long)(size_t)owner * 0x9E3779B97F4A7C15ull;
	h ^= (unsigned long long)index * 0xBF58476D1CE4E5B9ull + (unsigned long long)field;
	h ^= h >> 31;
	return (size_t)h;
}

/* The slot of (field, owner, index), added if absent. */
static cv_slot *slot_get(ot_conserve *cv, int field, const void *owner, size_t index, int add)
{
	size_t i, mask;
	if ((cv->nslots + 1) * 2 > cv->slotcap) {
		cv_slot *old = cv->slots;
		size_t oldcap = cv->slotcap, k;
		cv->slotcap = oldcap ? oldcap * 2 : 256;
		cv->slots = ot_reallocarray(NULL, cv->slotcap, sizeof(*cv->slots));
		for (k = 0; k < cv->slotcap; k++)
			cv->slots[k].field = -1;
		for (k = 0; k < oldcap; k++)
			if (old[k].field >= 0) {
				mask = cv->slotcap - 1;
				for (i = slot_hash(old[k].field, old[k].owner, old[k].index) & mask;
				     cv->slots[i].field >= 0; i = (i + 1) & mask)
					;
				cv->slots[i] = old[k];
			}
		free(old);
	}
	mask = cv->slotcap - 1;
	for (i = slot_hash(field, owner, index) & mask; cv->slots[i].field >= 0; i = (i + 1) & mask)
		if (cv->slots[i].field == field && cv->slots[i].owner == owner && cv->slots[i].index == index)
			return &cv->slots[i];
	if (!add)
		return NULL;
	cv->slots[i].field = field;
	cv->slots[i].owner = owner;
	cv->slots[i].index = index;
	cv->slots[i].text = NULL;
	cv->slots[i].pos = 0;
	cv->slots[i].first = NULL;
	cv->nslots++;
	return &cv->slots[i];
}

/* The finished text of a destination, or NULL when the document has no
 * such field (a note index past the end). */
static const char *field_text(const ot_doc *doc, int field, const void *owner, size_t index)
{
	const ot_node *n = owner;
	switch (field) {
	case OT_CV_NUM:
		return n ? n->num : NULL;
	case OT_CV_HEADING:
		return n ? n->heading : NULL;
	case OT_CV_TEXT:
		return n ? n->text : NULL;
	case OT_CV_NOTE:
		return index < doc->nnotes ? doc->notes[index].text : NULL;
	case OT_CV_SKIP:
		return index < doc->nskipped ? doc->skipped[index].text : NULL;
	case OT_CV_TITLE:
		return doc->title;
	case OT_CV_STRING:
		return owner ? *(const char *const *)owner : NULL;
	default:
		return NULL;
	}
}

/* What a destination is called in a message. */
static void describe(ot_buf *b, const ot_doc *doc, int field, const void *owner, size_t index)
{
	const ot_node *n = owner;
	static const char *const what[] = {"the number of", "the heading of", "the text of"};
	ot_buf_clear(b);
	if (field <= OT_CV_TEXT && n)
		ot_buf_printf(b, "%s %s", what[field], n->id);
	else if (field == OT_CV_NOTE)
		ot_buf_printf(b, "note %zu%s%s", index + 1,
			      index < doc->nnotes && doc->notes[index].section ? " of " : "",
			      index < doc->nnotes && doc->notes[index].section ? doc->notes[index].section : "");
	else if (field == OT_CV_SKIP)
		ot_buf_printf(b, "skipped entry %zu", index + 1);
	else if (field == OT_CV_STRING)
		ot_buf_puts(b, "the text read from the markup");
	else
		ot_buf_puts(b, "the title");
}

static unsigned piece_line(const ot_conserve *cv, const cv_piece *p)
{
	return p->unit == NO_UNIT ? 0 : unit_line(cv, p->unit, p->off);
}

static int mismatch(const ot_conserve *cv, const ot_doc *doc, const cv_slot *sl, const cv_piece *p,
		    const char *expected, size_t elen)
{
	ot_buf what = OT_BUF_INIT, ex = OT_BUF_INIT;
	const cv_piece *at = p ? p : sl->first;
	unsigned line = at ? piece_line(cv, at) : 0;
	int err;
	describe(&what, doc, sl->field, sl->owner, sl->index);
	if (!at || line == 0)
		err = ot_error_set(OT_EINVALID,
				   "%s: %s does not hold the text read for it ('%s'); nothing was "
				   "recorded (this is a bug in ordtrack's reader: please report it with "
				   "this file)",
				   cv->name, what.ptr, excerpt(&ex, expected, elen));
	else
		err = ot_error_set(OT_EINVALID,
				   "%s:%u: %s does not hold the text read for it ('%s'); nothing was "
				   "recorded (this is a bug in ordtrack's reader: please report it with "
				   "this file)",
				   cv->name, line, what.ptr, excerpt(&ex, expected, elen));
	ot_buf_release(&what);
	ot_buf_release(&ex);
	return err;
}

/* Advance sl's cursor over the non-blank bytes of s[0..n).  0, or -1 at
 * the first byte that differs (its offset in *at). */
static int advance(cv_slot *sl, const char *s, size_t n, size_t *at)
{
	size_t i = 0, tl = sl->text ? strlen(sl->text + sl->pos) + sl->pos : 0;
	for (;;) {
		i = next_nonblank(s, n, i);
		if (i >= n)
			return 0;
		sl->pos = next_nonblank(sl->text ? sl->text : "", tl, sl->pos);
		if (sl->pos >= tl || sl->text[sl->pos] != s[i]) {
			*at = i;
			return -1;
		}
		i++;
		sl->pos++;
	}
}

/* One field of the finished document: if it holds non-blank text, some
 * piece must have gone to it. */
static int check_reached(ot_conserve *cv, const ot_doc *doc, int field, const void *owner, size_t index,
			 unsigned line)
{
	const char *t = field_text(doc, field, owner, index);
	size_t n = t ? strlen(t) : 0, nb;
	ot_buf what = OT_BUF_INIT, ex = OT_BUF_INIT;
	int err;
	if (!n || (nb = next_nonblank(t, n, 0)) >= n || slot_get(cv, field, owner, index, 0))
		return 0;
	describe(&what, doc, field, owner, index);
	err = ot_error_set(OT_EINVALID,
			   "%s:%u: %s holds text that is not in the input ('%s'); nothing was recorded "
			   "(this is a bug in ordtrack's reader: please report it with this file)",
			   cv->name, line, what.ptr, excerpt(&ex, t + nb, n - nb));
	ot_buf_release(&what);
	ot_buf_release(&ex);
	return err;
}

static int check_fields(ot_conserve *cv, const ot_doc *doc)
{
	size_t k, at = 0, i;
	int err = 0;
	const ot_node **stack = NULL;
	size_t nstack = 0, stackcap = 0;
	for (k = 0; k < cv->npieces; k++) {
		const cv_piece *p = &cv->pieces[k];
		cv_slot *sl;
		if (p->field == OT_CV_SYNTAX)
			continue;
		sl = slot_get(cv, p->field, p->owner, p->index, 1);
		if (!sl->first) {
			sl->first = p;
			sl->text = field_text(doc, p->field, p->owner, p->index);
		}
		if (advance(sl, piece_text(cv, p), p->len, &at) < 0)
			return mismatch(cv, doc, sl, p, piece_text(cv, p) + at, p->len - at);
	}
	/* every cursor at the end of its field */
	for (k = 0; k < cv->slotcap; k++) {
		cv_slot *sl = &cv->slots[k];
		size_t tl;
		if (sl->field < 0 || !sl->text)
			continue;
		tl = strlen(sl->text);
		if (next_nonblank(sl->text, tl, sl->pos) < tl) {
			size_t from = next_nonblank(sl->text, tl, sl->pos);
			ot_buf what = OT_BUF_INIT, ex = OT_BUF_INIT;
			describe(&what, doc, sl->field, sl->owner, sl->index);
			err = ot_error_set(OT_EINVALID,
					   "%s:%u: %s holds text that is not in the input ('%s'); nothing "
					   "was recorded (this is a bug in ordtrack's reader: please report "
					   "it with this file)",
					   cv->name, piece_line(cv, sl->first), what.ptr,
					   excerpt(&ex, sl->text + from, tl - from));
			ot_buf_release(&what);
			ot_buf_release(&ex);
			return err;
		}
	}
	/* every non-blank field of the document was reached */
	if ((err = check_reached(cv, doc, OT_CV_TITLE, NULL, 0, 0)) < 0)
		return err;
	for (i = 0; i < doc->nnotes; i++)
		if ((err = check_reached(cv, doc, OT_CV_NOTE, NULL, i, doc->notes[i].line)) < 0)
			return err;
	for (i = 0; i < doc->nskipped; i++)
		if ((err = check_reached(cv, doc, OT_CV_SKIP, NULL, i, doc->skipped[i].line)) < 0)
			return err;
	for (i = 0; i < doc->nsections && !err; i++) {
		nstack = 0;
		*OT_ARRAY_PUSH(stack, nstack, stackcap) = doc->sections[i];
		while (nstack && !err) {
			const ot_node *n = stack[--nstack];
			unsigned c;
			if ((err = check_reached(cv, doc, OT_CV_NUM, n, 0, n->line)) < 0 ||
			    (err = check_reached(cv, doc, OT_CV_HEADING, n, 0, n->line)) < 0 ||
			    (err = check_reached(cv, doc, OT_CV_TEXT, n, 0, n->line)) < 0)
				break;
			for (c = n->nchildren; c > 0; c--)
				*OT_ARRAY_PUSH(stack, nstack, stackcap) = n->children[c - 1];
		}
	}
	free(stack);
	return err;
}

int ot_conserve_check(ot_conserve *cv, const ot_doc *doc)
{
	int err;
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
