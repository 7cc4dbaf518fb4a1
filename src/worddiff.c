/*
 * worddiff.c - word-level diff of two UTF-8 strings (see ordtrack/diff.h):
 * tokenizer, Myers' O(ND) diff in linear space, semantic cleanup, edit
 * count and text similarity.
 *
 * Data structures:
 *  - a token is an (offset, length) pair into its string (struct tok);
 *    tokens are words, whitespace runs or single punctuation code points;
 *  - tokens of both strings are mapped to dense integer ids through an
 *    open-addressing hash table keyed by the token bytes (struct idmap,
 *    which borrows the bytes), so the diff compares ints;
 *  - the diff itself (xdiff-style "middle snake" bisection, driven by an
 *    explicit work stack instead of recursion) marks each token of a as
 *    deleted and each token of b as inserted in two flag arrays; every
 *    unmarked token is part of the common subsequence, which is a longest
 *    one (the bisection only ever splits on an optimal path);
 *  - the flags become a list of segments (EQUAL, or CHANGE = a deleted
 *    range of a plus an inserted range of b) that the cleanup rewrites
 *    and that finally become the ot_word_op array.  Segments only ever
 *    hold contiguous token ranges, so every op text is a substring of a
 *    or b and the cleanup cannot change what the ops reconstruct.
 *
 *  - similarity (2·LCS / (N+M) over non-space tokens) is built for many
 *    pairs: an ot_simctx holds one idmap shared by every text of a diff
 *    and an ot_simtext is a text tokenized once into those ids.  A pair
 *    is checked against two upper bounds first (the shorter length, then
 *    the bag-of-tokens intersection, counted in a per-id array), then its
 *    LCS length is computed exactly: bit-parallel (64 tokens of the
 *    shorter text per machine word) up to BITPAR_MAX tokens, Myers above.
 *
 * Cost: O((N+M)·D) time and O(N+M) memory for the middle part after the
 * common prefix and suffix are trimmed.  A work budget bounds huge inputs:
 * past it, ot_word_diff reports the whole middle as one delete + insert
 * (correct, not minimal) and the similarity of texts longer than
 * BITPAR_MAX falls back to the bag of tokens (shorter ones never reach the
 * budget, see BITPAR_MAX).  The bit-parallel LCS is O(N·M/64).
 *
 * Ownership: ops and their texts are heap copies owned by the caller
 * (ot_word_ops_free); an ot_simtext belongs to its caller, an ot_simctx
 * borrows the texts prepared with it; everything else is freed before
 * returning.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

#include "internal.h"
#include "ordtrack/diff.h"

/* ---- tokenizer ---------------------------------------------------------- */

enum { CL_WORD, CL_SPACE, CL_PUNCT };

typedef struct tok {
	size_t off, len;
} tok;

/* Decode one UTF-8 code point at s[0..len); returns its byte length (>= 1)
 * and the code point in *cp.  An invalid byte decodes as the code point of
 * its value, one byte each (as Latin-1 would read it: a stray 0xA0 is a
 * no-break space, 0xA7 the section sign, most others letters); texts are
 * checked to be UTF-8 before they get here, so this only keeps the
 * tokenizer total (tests/unit/test_worddiff.c pins it). */
static inline size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned c = s[0];
	size_t n, i;
	uint32_t v;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xe0) == 0xc0) {
		n = 2;
		v = c & 0x1f;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3;
		v = c & 0x0f;
	} else if ((c & 0xf8) == 0xf0) {
		n = 4;
		v = c & 0x07;
	} else {
		*cp = c;
		return 1;
	}
	if (n > len) {
		*cp = c;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = c;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3f);
	}
	*cp = v;
	return n;
}

static inline int cp_class(uint32_t cp)
{
	if (cp < 0x80) {
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9'))
			return CL_WORD;
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
		    cp == '\v' || cp == '\f')
			return CL_SPACE;
		return CL_PUNCT;
	}
	switch (cp) {
	case 0x00a0: /* no-break space */
		return CL_SPACE;
	case 0x201c: /* “ */
	case 0x201d: /* ” */
	case 0x2018: /* ‘ */
	case 0x2019: /* ’ */
	case 0x2013: /* – */
	case 0x2014: /* — */
	case 0x00a7: /* § */
	case 0x00b6: /* ¶ */
	case 0x2026: /* … */
	case 0x00ab: /* « */
	case 0x00bb: /* » */
		return CL_PUNCT;
	default:
		return CL_WORD;
	}
}

/* Characters that join two alphanumeric runs into one word. */
static inline int is_joiner(uint32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == '-' || cp == '.' || cp == ',';
}

/* cp_class of each ASCII code point, so that the common case (ASCII text)
 * costs one table load per byte instead of a decode and a chain of
 * comparisons.  Must agree with cp_class below 0x80. */
#define W_ CL_WORD
#define S_ CL_SPACE
#define P_ CL_PUNCT
static const unsigned char ascii_class[128] = {
	P_, P_, P_, P_, P_, P_, P_, P_, P_, S_, S_, S_, S_, S_, P_, P_,
	P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_,
	S_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_,
	W_, W_, W_, W_, W_, W_, W_, W_, W_, W_, P_, P_, P_, P_, P_, P_,
	P_, W_, W_, W_, W_, W_, W_, W_, W_, W_, W_, W_, W_, W_, W_, W_,
	W_, W_, W_, W_, W_, W_, W_, W_, W_, W_, W_, P_, P_, P_, P_, P_,
	P_, W_, W_, W_, W_, W_, W_, W_, W_, W_, W_, W_, W_, W_, W_, W_,
	W_, W_, W_, W_, W_, W_, W_, W_, W_, W_, W_, P_, P_, P_, P_, P_,
};
#undef W_
#undef S_
#undef P_

/* End of the token that starts at s[i] (i < len); its class (that of
 * its first code point) in *cl.  ASCII bytes take the table; anything
 * else is decoded (an ASCII byte decodes as itself, length 1, so both
 * paths agree). */
static inline size_t token_end(const unsigned char *s, size_t len, size_t i, int *cl)
{
	uint32_t cp;
	size_t l;
	if (s[i] < 0x80) {
		*cl = ascii_class[s[i]];
		l = 1;
	} else {
		l = utf8_decode(s + i, len - i, &cp);
		*cl = cp_class(cp);
	}
	i += l;
	if (*cl == CL_SPACE) {
		while (i < len) {
			if (s[i] < 0x80) {
				if (ascii_class[s[i]] != CL_SPACE)
					break;
				i++;
				continue;
			}
			l = utf8_decode(s + i, len - i, &cp);
			if (cp_class(cp) != CL_SPACE)
				break;
			i += l;
		}
	} else if (*cl == CL_WORD) {
		while (i < len) {
			if (s[i] < 0x80 && ascii_class[s[i]] == CL_WORD) {
				i++;
				continue;
			}
			l = utf8_decode(s + i, len - i, &cp);
			if (cp_class(cp) == CL_WORD) {
				i += l;
			} else if (is_joiner(cp) && i + l < len) {
				uint32_t cp2;
				size_t l2 = utf8_decode(s + i + l, len - i - l, &cp2);
				if (cp_class(cp2) != CL_WORD)
					break;
				i += l + l2;
			} else {
				break;
			}
		}
	}
	return i;
}

/* Tokenize s into a new array *out of *nout tokens (caller frees). */
static void tokenize(tok **out, size_t *nout, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	tok *toks = NULL;
	size_t n = 0, cap = 0, i = 0;
	while (i < len) {
		int cl;
		size_t end = token_end(s, len, i, &cl);
		if (n == cap)
			ot_array_grow((void **)&toks, &cap, n + 1, sizeof(*toks));
		toks[n++] = (tok){i, end - i};
		i = end;
	}
	*out = toks;
	*nout = n;
}

void ot_tokenize(size_t **out, size_t *nout, const char *s, size_t len)
{
	tok *toks;
	size_t n, i, *flat;
	tokenize(&toks, &n, s, len);
	flat = ot_malloc((2 * n + 1) * sizeof(*flat));
	for (i = 0; i < n; i++) {
		flat[2 * i] = toks[i].off;
		flat[2 * i + 1] = toks[i].len;
	}
	free(toks);
	*out = flat;
	*nout = n;
}

static int tok_is_word(const char *s, tok t)
{
	uint32_t cp;
	utf8_decode((const unsigned char *)s + t.off, t.len, &cp);
	return cp_class(cp) == CL_WORD;
}

/* ---- token ids ------------------------------------------------------------ */

typedef struct idmap {
	struct slot {
		const char *p;
		size_t len;
		uint64_t h;
		int id;
	} *slots;
	size_t cap, n;
} idmap;

static uint64_t hash_bytes(const char *p, size_t len)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;
	for (i = 0; i < len; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211ull;
	}
	return h ^ (h >> 29);
}

static void idmap_init(idmap *m, size_t expect)
{
	m->cap = 16;
	while (m->cap < expect * 2)
		m->cap *= 2;
	m->slots = ot_calloc(m->cap, sizeof(*m->slots));
	m->n = 0;
}

/* Double the table (ids are kept). */
static void idmap_grow(idmap *m)
{
	struct slot *old = m->slots;
	size_t oldcap = m->cap, i, k;
	m->cap *= 2;
	m->slots = ot_calloc(m->cap, sizeof(*m->slots));
	for (k = 0; k < oldcap; k++) {
		if (!old[k].p)
			continue;
		i = (size_t)old[k].h & (m->cap - 1);
		while (m->slots[i].p)
			i = (i + 1) & (m->cap - 1);
		m->slots[i] = old[k];
	}
	free(old);
}

/* Id of the token p[0..len): an existing one, or the next free id (the
 * map then borrows p).  The table stays at most half full. */
static int idmap_get(idmap *m, const char *p, size_t len)
{
	uint64_t h = hash_bytes(p, len);
	size_t i = (size_t)h & (m->cap - 1);
	while (m->slots[i].p) {
		struct slot *s = &m->slots[i];
		if (s->h == h && s->len == len && memcmp(s->p, p, len) == 0)
			return s->id;
		i = (i + 1) & (m->cap - 1);
	}
	if (2 * (m->n + 1) > m->cap) {
		idmap_grow(m);
		i = (size_t)h & (m->cap - 1);
		while (m->slots[i].p)
			i = (i + 1) & (m->cap - 1);
	}
	m->slots[i] = (struct slot){p, len, h, (int)m->n};
	return (int)m->n++;
}

/* Map the tokens of a and b to ids in *ia / *ib (caller frees). */
static void map_ids(int **ia, int **ib, const char *a, const tok *ta, size_t na,
		    const char *b, const tok *tb, size_t nb)
{
	idmap m;
	size_t i;
	idmap_init(&m, na + nb);
	*ia = ot_malloc((na + 1) * sizeof(int));
	*ib = ot_malloc((nb + 1) * sizeof(int));
	for (i = 0; i < na; i++)
		(*ia)[i] = idmap_get(&m, a + ta[i].off, ta[i].len);
	for (i = 0; i < nb; i++)
		(*ib)[i] = idmap_get(&m, b + tb[i].off, tb[i].len);
	free(m.slots);
}

/* ---- Myers ---------------------------------------------------------------- */

/*
 * Find a point (*x, *y) on an optimal edit path from (off1, off2) to
 * (lim1, lim2), both ranges non-empty and their first and last elements
 * differing.  kf/kb are work vectors indexed by diagonal (x - y) + bias.
 * Adds the work done to *cost; returns 0, or -1 once *cost passes budget.
 */
static int split(const int *a, const int *b, size_t off1, size_t lim1, size_t off2,
		  size_t lim2, long *kf, long *kb, long bias, size_t *x, size_t *y,
		  uint64_t *cost, uint64_t budget)
{
	long dmin = (long)off1 - (long)lim2, dmax = (long)lim1 - (long)off2;
	long fmid = (long)off1 - (long)off2, bmid = (long)lim1 - (long)lim2;
	int odd = (int)((fmid - bmid) & 1);
	long fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid, d, i1, i2;
	long *vf = kf + bias, *vb = kb + bias;

	vf[fmid] = (long)off1;
	vb[bmid] = (long)lim1;
	for (;;) {
		if (*cost > budget)
			return -1;
		if (fmin > dmin)
			vf[--fmin - 1] = -1;
		else
			++fmin;
		if (fmax < dmax)
			vf[++fmax + 1] = -1;
		else
			--fmax;
		for (d = fmax; d >= fmin; d -= 2) {
			if (vf[d - 1] >= vf[d + 1])
				i1 = vf[d - 1] + 1;
			else
				i1 = vf[d + 1];
			i2 = i1 - d;
			while (i1 < (long)lim1 && i2 < (long)lim2 && a[i1] == b[i2]) {
				i1++;
				i2++;
			}
			vf[d] = i1;
			(*cost)++;
			if (odd && bmin <= d && d <= bmax && vb[d] <= i1) {
				*x = (size_t)i1;
				*y = (size_t)i2;
				return 0;
			}
		}
		if (bmin > dmin)
			vb[--bmin - 1] = LONG_MAX;
		else
			++bmin;
		if (bmax < dmax)
			vb[++bmax + 1] = LONG_MAX;
		else
			--bmax;
		for (d = bmax; d >= bmin; d -= 2) {
			if (vb[d - 1] < vb[d + 1])
				i1 = vb[d - 1];
			else
				i1 = vb[d + 1] - 1;
			i2 = i1 - d;
			while (i1 > (long)off1 && i2 > (long)off2 && a[i1 - 1] == b[i2 - 1]) {
				i1--;
				i2--;
			}
			vb[d] = i1;
			(*cost)++;
			if (!odd && fmin <= d && d <= fmax && i1 <= vf[d]) {
				*x = (size_t)i1;
				*y = (size_t)i2;
				return 0;
			}
		}
	}
}

typedef struct range {
	size_t off1, lim1, off2, lim2;
} range;

/*
 * Minimal diff of a[0..na) and b[0..nb): sets da[i] = 1 for each deleted
 * token of a and db[j] = 1 for each inserted token of b (both arrays
 * zeroed by the caller).  Returns 0, or -1 when the work exceeded
 * `budget` (then the flags are incomplete and must not be used).
 */
static int myers(const int *a, size_t na, const int *b, size_t nb, char *da, char *db,
		 uint64_t budget)
{
	range *stack = NULL;
	size_t n = 0, cap = 0, k;
	long *kf, *kb, bias = (long)nb + 1;
	uint64_t cost = 0;
	int rc = 0;

	kf = ot_malloc((na + nb + 3) * sizeof(long));
	kb = ot_malloc((na + nb + 3) * sizeof(long));
	*OT_ARRAY_PUSH(stack, n, cap) = (range){0, na, 0, nb};
	while (n) {
		range r = stack[--n];
		size_t x, y;
		while (r.off1 < r.lim1 && r.off2 < r.lim2 && a[r.off1] == b[r.off2]) {
			r.off1++;
			r.off2++;
		}
		while (r.off1 < r.lim1 && r.off2 < r.lim2 && a[r.lim1 - 1] == b[r.lim2 - 1]) {
			r.lim1--;
			r.lim2--;
		}
		if (r.off1 == r.lim1) {
			for (k = r.off2; k < r.lim2; k++)
				db[k] = 1;
			continue;
		}
		if (r.off2 == r.lim2) {
			for (k = r.off1; k < r.lim1; k++)
				da[k] = 1;
			continue;
		}
		if (cost > budget) {
			rc = -1;
			break;
		}
		if (split(a, b, r.off1, r.lim1, r.off2, r.lim2, kf, kb, bias, &x, &y, &cost,
			  budget) < 0) {
			rc = -1;
			break;
		}
		if ((x == r.off1 && y == r.off2) || (x == r.lim1 && y == r.lim2)) {
			/* cannot happen for a correct split; never loop forever */
			for (k = r.off1; k < r.lim1; k++)
				da[k] = 1;
			for (k = r.off2; k < r.lim2; k++)
				db[k] = 1;
			continue;
		}
		*OT_ARRAY_PUSH(stack, n, cap) = (range){r.off1, x, r.off2, y};
		*OT_ARRAY_PUSH(stack, n, cap) = (range){x, r.lim1, y, r.lim2};
	}
	free(stack);
	free(kf);
	free(kb);
	return rc;
}

/* ---- segments and cleanup ----------------------------------------------- */

/* A run of the diff: EQUAL (a[a0..a1) == b[b0..b1)) or CHANGE (a[a0..a1)
 * deleted, b[b0..b1) inserted; either may be empty, not both). */
typedef struct seg {
	int change;
	size_t a0, a1, b0, b1;
} seg;

static void push_seg(seg **segs, size_t *n, size_t *cap, int change, size_t a0,
		     size_t a1, size_t b0, size_t b1)
{
	if (a0 == a1 && b0 == b1)
		return;
	if (*n && (*segs)[*n - 1].change == change) {
		seg *last = &(*segs)[*n - 1];
		last->a1 = a1;
		last->b1 = b1;
		return;
	}
	*OT_ARRAY_PUSH(*segs, *n, *cap) = (seg){change, a0, a1, b0, b1};
}

/* Byte length of tokens [t0, t1) of a token array. */
static size_t span_bytes(const tok *t, size_t t0, size_t t1)
{
	return t0 == t1 ? 0 : t[t1 - 1].off + t[t1 - 1].len - t[t0].off;
}

/*
 * An equal run is folded into the changes around it when it holds at most
 * one word and is no longer (in bytes) than the larger change on each
 * side: a single space or a short word between two edits ("~~a~~ **b**
 * ~~c~~ **d**" becomes "~~a c~~ **b d**"), never a long shared phrase.
 */
static int foldable(const seg *eq, const seg *left, const seg *right, const char *a,
		    const tok *ta, const tok *tb)
{
	size_t words = 0, k, len = span_bytes(ta, eq->a0, eq->a1), l, r, x;
	for (k = eq->a0; k < eq->a1; k++)
		if (tok_is_word(a, ta[k]) && ++words > 1)
			return 0;
	if (words == 0 && len <= 3)
		return 1;
	l = span_bytes(ta, left->a0, left->a1);
	x = span_bytes(tb, left->b0, left->b1);
	if (x > l)
		l = x;
	r = span_bytes(ta, right->a0, right->a1);
	x = span_bytes(tb, right->b0, right->b1);
	if (x > r)
		r = x;
	return len <= l && len <= r;
}

/* Fold foldable equalities (see foldable) with a stack, so a merge that
 * grows a change can enable a fold further left.  Rewrites segs in place
 * and returns the new count. */
static size_t fold_equalities(seg *segs, size_t n, const char *a, const tok *ta,
			      const tok *tb)
{
	size_t out = 0, i;
	for (i = 0; i < n; i++) {
		segs[out++] = segs[i];
		while (out >= 3 && segs[out - 1].change && !segs[out - 2].change &&
		       segs[out - 3].change &&
		       foldable(&segs[out - 2], &segs[out - 3], &segs[out - 1], a, ta, tb)) {
			seg *l = &segs[out - 3];
			l->a1 = segs[out - 1].a1;
			l->b1 = segs[out - 1].b1;
			out -= 2;
		}
	}
	return out;
}

/* After folding, a change may start or end with tokens it deletes and
 * re-inserts (the space in "~~request ~~**ask for **"): give them back to
 * the neighbouring equal runs.  Returns the new segment count. */
static size_t trim_changes(seg *segs, size_t n, const int *ia, const int *ib)
{
	size_t i, out = 0;
	seg *tmp = ot_malloc((3 * n + 1) * sizeof(seg));
	size_t tn = 0, tcap = 3 * n + 1;
	(void)tcap;
	for (i = 0; i < n; i++) {
		seg s = segs[i];
		size_t p = 0, q = 0;
		if (!s.change) {
			tmp[tn++] = s;
			continue;
		}
		while (s.a0 + p < s.a1 && s.b0 + p < s.b1 && ia[s.a0 + p] == ib[s.b0 + p])
			p++;
		while (s.a0 + p + q < s.a1 && s.b0 + p + q < s.b1 &&
		       ia[s.a1 - 1 - q] == ib[s.b1 - 1 - q])
			q++;
		if (p)
			tmp[tn++] = (seg){0, s.a0, s.a0 + p, s.b0, s.b0 + p};
		tmp[tn++] = (seg){1, s.a0 + p, s.a1 - q, s.b0 + p, s.b1 - q};
		if (q)
			tmp[tn++] = (seg){0, s.a1 - q, s.a1, s.b1 - q, s.b1};
	}
	/* re-merge neighbours of the same kind, drop empty changes */
	for (i = 0; i < tn; i++) {
		seg s = tmp[i];
		if (s.a0 == s.a1 && s.b0 == s.b1)
			continue;
		if (out && segs[out - 1].change == s.change) {
			segs[out - 1].a1 = s.a1;
			segs[out - 1].b1 = s.b1;
		} else {
			segs[out++] = s;
		}
	}
	free(tmp);
	return out;
}

static void push_op(ot_word_op **ops, size_t *n, size_t *cap, ot_op_kind kind,
		    const char *s, const tok *t, size_t t0, size_t t1)
{
	ot_word_op *op;
	size_t len;
	if (t0 == t1)
		return;
	len = span_bytes(t, t0, t1);
	op = OT_ARRAY_PUSH(*ops, *n, *cap);
	op->op = kind;
	op->text = ot_strndup(s + t[t0].off, len);
	op->len = len;
}

/* Work budget of one word diff: beyond it the middle part is reported as
 * one delete + insert. */
#define WORD_DIFF_BUDGET 20000000u

int ot_word_diff(ot_word_op **out, size_t *nout, const char *a, size_t alen,
		 const char *b, size_t blen, int cleanup)
{
	tok *ta = NULL, *tb = NULL;
	int *ia = NULL, *ib = NULL;
	char *da = NULL, *db = NULL;
	seg *segs = NULL;
	ot_word_op *ops = NULL;
	size_t na, nb, pre = 0, suf = 0, i, j, nseg = 0, segcap = 0, nops = 0, opcap = 0;

	*out = NULL;
	*nout = 0;
	if ((!a && alen) || (!b && blen))
		return ot_error_set(OT_EINVALID, "word diff of a NULL text");
	if (!a)
		a = "";
	if (!b)
		b = "";
	tokenize(&ta, &na, a, alen);
	tokenize(&tb, &nb, b, blen);
	while (pre < na && pre < nb && ta[pre].len == tb[pre].len &&
	       memcmp(a + ta[pre].off, b + tb[pre].off, ta[pre].len) == 0)
		pre++;
	while (suf < na - pre && suf < nb - pre &&
	       ta[na - 1 - suf].len == tb[nb - 1 - suf].len &&
	       memcmp(a + ta[na - 1 - suf].off, b + tb[nb - 1 - suf].off,
		      ta[na - 1 - suf].len) == 0)
		suf++;

	/* ids over all tokens (the cleanup compares tokens anywhere) */
	map_ids(&ia, &ib, a, ta, na, b, tb, nb);
	da = ot_calloc(na + 1, 1);
	db = ot_calloc(nb + 1, 1);
	if (myers(ia + pre, na - pre - suf, ib + pre, nb - pre - suf, da + pre, db + pre,
		  WORD_DIFF_BUDGET) < 0) {
		memset(da + pre, 1, na - pre - suf);
		memset(db + pre, 1, nb - pre - suf);
	}

	/* flags -> segments */
	i = j = 0;
	while (i < na || j < nb) {
		size_t i0 = i, j0 = j;
		if ((i < na && da[i]) || (j < nb && db[j])) {
			while (i < na && da[i])
				i++;
			while (j < nb && db[j])
				j++;
			push_seg(&segs, &nseg, &segcap, 1, i0, i, j0, j);
		} else {
			while (i < na && j < nb && !da[i] && !db[j]) {
				i++;
				j++;
			}
			push_seg(&segs, &nseg, &segcap, 0, i0, i, j0, j);
		}
	}
	if (cleanup) {
		nseg = fold_equalities(segs, nseg, a, ta, tb);
		nseg = trim_changes(segs, nseg, ia, ib);
	}
	for (i = 0; i < nseg; i++) {
		seg *s = &segs[i];
		if (!s->change) {
			push_op(&ops, &nops, &opcap, OT_OP_EQUAL, a, ta, s->a0, s->a1);
		} else {
			push_op(&ops, &nops, &opcap, OT_OP_DELETE, a, ta, s->a0, s->a1);
			push_op(&ops, &nops, &opcap, OT_OP_INSERT, b, tb, s->b0, s->b1);
		}
	}
	*out = ops;
	*nout = nops;
	free(ta);
	free(tb);
	free(ia);
	free(ib);
	free(da);
	free(db);
	free(segs);
	return 0;
}

void ot_word_ops_free(ot_word_op *ops, size_t n)
{
	size_t i;
	if (!ops)
		return;
	for (i = 0; i < n; i++)
		free(ops[i].text);
	free(ops);
}

size_t ot_word_edit_count(const char *a, size_t alen, const char *b, size_t blen)
{
	tok *ta, *tb;
	int *ia, *ib;
	char *da, *db;
	size_t na, nb, i, count = 0;
	tokenize(&ta, &na, a ? a : "", a ? alen : 0);
	tokenize(&tb, &nb, b ? b : "", b ? blen : 0);
	map_ids(&ia, &ib, a ? a : "", ta, na, b ? b : "", tb, nb);
	da = ot_calloc(na + 1, 1);
	db = ot_calloc(nb + 1, 1);
	myers(ia, na, ib, nb, da, db, UINT64_MAX);
	for (i = 0; i < na; i++)
		count += (size_t)da[i];
	for (i = 0; i < nb; i++)
		count += (size_t)db[i];
	free(ta);
	free(tb);
	free(ia);
	free(ib);
	free(da);
	free(db);
	return count;
}

/* ---- similarity ----------------------------------------------------------- */

/*
 * Work budget of the Myers pass of a similarity: about (N+M)·D diagonal
 * steps, so D up to ~max(64, 4M/(N+M)); past it the bag decides.
 */
#define SIM_BUDGET_MIN 4000000u
#define SIM_BUDGET_PER_TOKEN 64u

/*
 * Pairs of at most this many tokens (N+M) take the bit-parallel LCS.  The
 * limit keeps results identical to Myers under its budget: Myers' cost on
 * L tokens stays below about L²/2 steps (per bisection at most
 * (D/2+1)(D/2+4), halving D at each level; at most 0.39·L² measured at
 * L = 2048, all-distinct tokens being the worst case), so under
 * SIM_BUDGET_MIN for L <= 2048: there Myers never fell back and both give
 * the exact LCS.
 */
#define BITPAR_MAX 2048

struct ot_simctx {
	idmap dict;        /* token bytes -> id; borrows the prepared texts */
	int *slot;         /* per id: its row in masks, or -1 (bit-parallel) */
	int *count;        /* per id: 0 between calls (bag intersection) */
	size_t nslot;      /* ids covered by slot and count */
	uint64_t *masks;   /* per distinct token of the shorter text: bits */
	size_t maskcap;
	uint64_t *v;       /* the bit-parallel row vector */
	size_t vcap;
};

/* Make ctx's per-id arrays cover every id of its dictionary. */
static void cover_ids(ot_simctx *ctx)
{
	size_t i;
	if (ctx->nslot >= ctx->dict.n)
		return;
	ctx->slot = ot_reallocarray(ctx->slot, ctx->dict.n, sizeof(int));
	ctx->count = ot_reallocarray(ctx->count, ctx->dict.n, sizeof(int));
	for (i = ctx->nslot; i < ctx->dict.n; i++) {
		ctx->slot[i] = -1;
		ctx->count[i] = 0;
	}
	ctx->nslot = ctx->dict.n;
}

/* Size of the multiset intersection of two id arrays (the bag-of-tokens
 * upper bound of their LCS): count a's ids, take b's off the counts. */
static size_t bag_common(ot_simctx *ctx, const int *a, size_t na, const int *b, size_t nb)
{
	int *count;
	size_t i, c = 0;
	cover_ids(ctx);
	count = ctx->count;
	for (i = 0; i < na; i++)
		count[a[i]]++;
	for (i = 0; i < nb; i++)
		if (count[b[i]] > 0) {
			count[b[i]]--;
			c++;
		}
	for (i = 0; i < na; i++)
		count[a[i]] = 0;
	return c;
}

ot_simctx *ot_simctx_new(void)
{
	ot_simctx *ctx = ot_calloc(1, sizeof(*ctx));
	idmap_init(&ctx->dict, 256);
	return ctx;
}

void ot_simctx_free(ot_simctx *ctx)
{
	if (!ctx)
		return;
	free(ctx->dict.slots);
	free(ctx->slot);
	free(ctx->count);
	free(ctx->masks);
	free(ctx->v);
	free(ctx);
}

/* Tokenize s once, keeping the ids of its non-space tokens. */
void ot_simtext_init(ot_simtext *out, ot_simctx *ctx, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	size_t n = 0, cap = 0, i = 0;
	int *ids = NULL;
	if (!str)
		len = 0;
	while (i < len) {
		int cl;
		size_t end = token_end(s, len, i, &cl);
		if (cl != CL_SPACE) {
			if (n == cap)
				ot_array_grow((void **)&ids, &cap, n + 1, sizeof(*ids));
			ids[n++] = idmap_get(&ctx->dict, (const char *)s + i, end - i);
		}
		i = end;
	}
	out->ids = ids;
	out->n = n;
	out->len = len;
}

void ot_simtext_release(ot_simtext *t)
{
	if (!t)
		return;
	free(t->ids);
	t->ids = NULL;
	t->n = 0;
}

static size_t popcount64(uint64_t x)
{
	x = x - ((x >> 1) & 0x5555555555555555ull);
	x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
	return (size_t)((x * 0x0101010101010101ull) >> 56);
}

/*
 * Length of a longest common subsequence of x[0..nx) and y[0..ny), both
 * non-empty, by the bit-vector algorithm of Crochemore, Iliopoulos, Pinzon
 * and Reid: bit i of the row vector V is 0 where the LCS of x and the
 * prefix of y read so far grows at x[i]; for each y[j] with match mask M,
 * V = (V + (V & M)) | (V & ~M) (a multi-word add), and the LCS is the
 * number of zero bits at the end.  Bits run over the shorter text.
 */
static size_t lcs_bitpar(ot_simctx *ctx, const int *x, size_t nx, const int *y, size_t ny)
{
	size_t w, nd = 0, i, j, k, ones = 0;
	uint64_t *v;
	if (nx > ny) {
		const int *t = x;
		size_t tn = nx;
		x = y, nx = ny, y = t, ny = tn;
	}
	w = (nx + 63) / 64;
	cover_ids(ctx);
	if (ctx->maskcap < nx * w) {
		ctx->maskcap = nx * w;
		ctx->masks = ot_reallocarray(ctx->masks, ctx->maskcap, sizeof(uint64_t));
	}
	if (ctx->vcap < w) {
		ctx->vcap = w;
		ctx->v = ot_reallocarray(ctx->v, w, sizeof(uint64_t));
	}
	for (i = 0; i < nx; i++) {
		int *s = &ctx->slot[x[i]];
		if (*s < 0) {
			*s = (int)nd++;
			memset(ctx->masks + (size_t)*s * w, 0, w * sizeof(uint64_t));
		}
		ctx->masks[(size_t)*s * w + i / 64] |= (uint64_t)1 << (i % 64);
	}
	v = ctx->v;
	for (k = 0; k < w; k++)
		v[k] = ~(uint64_t)0;
	for (j = 0; j < ny; j++) {
		int s = ctx->slot[y[j]];
		const uint64_t *m;
		uint64_t carry = 0;
		if (s < 0) /* no match: V + 0 | V */
			continue;
		m = ctx->masks + (size_t)s * w;
		for (k = 0; k < w; k++) {
			uint64_t vk = v[k], sum = vk + (vk & m[k]), c = sum < vk;
			sum += carry;
			carry = c | (sum < carry);
			v[k] = sum | (vk & ~m[k]);
		}
	}
	for (i = 0; i < nx; i++)
		ctx->slot[x[i]] = -1;
	for (k = 0; k < w; k++) {
		uint64_t bits = v[k];
		if (k == w - 1 && nx % 64)
			bits &= ((uint64_t)1 << (nx % 64)) - 1;
		ones += popcount64(bits);
	}
	return nx - ones;
}

/* LCS length by Myers under the work budget, or the bag bound past it. */
static size_t lcs_myers(ot_simctx *ctx, const ot_simtext *a, const ot_simtext *b)
{
	char *da = ot_calloc(a->n + 1, 1), *db = ot_calloc(b->n + 1, 1);
	uint64_t budget = (uint64_t)(a->n + b->n) * SIM_BUDGET_PER_TOKEN;
	size_t common = 0, i;
	if (budget < SIM_BUDGET_MIN)
		budget = SIM_BUDGET_MIN;
	if (myers(a->ids, a->n, b->ids, b->n, da, db, budget) == 0) {
		for (i = 0; i < a->n; i++)
			common += !da[i];
	} else {
		common = bag_common(ctx, a->ids, a->n, b->ids, b->n);
	}
	free(da);
	free(db);
	return common;
}

/*
 * Similarity of two prepared texts, 2·LCS / (N+M) over non-space tokens
 * (1 for two empty texts).  With min > 0, a pair whose length or bag
 * bound is already below min returns that bound instead: any value below
 * min means "not similar enough", and dissimilar candidates are the
 * common case during alignment.  Both bounds use the same formula as the
 * similarity, so a bound below min implies a similarity below min.
 */
double ot_simtext_similarity(ot_simctx *ctx, const ot_simtext *a, const ot_simtext *b,
			     double min)
{
	size_t na = a->n, nb = b->n, common;
	double bound;
	if (na == 0 || nb == 0)
		return na == nb ? 1.0 : 0.0;
	if (min > 0) {
		bound = 2.0 * (double)(na < nb ? na : nb) / (double)(na + nb);
		if (bound < min)
			return bound;
		bound = 2.0 * (double)bag_common(ctx, a->ids, na, b->ids, nb) / (double)(na + nb);
		if (bound < min)
			return bound;
	}
	if (na + nb <= BITPAR_MAX)
		common = lcs_bitpar(ctx, a->ids, na, b->ids, nb);
	else
		common = lcs_myers(ctx, a, b);
	return 2.0 * (double)common / (double)(na + nb);
}

double ot_text_similarity(const char *a, size_t alen, const char *b, size_t blen)
{
	return ot_text_similarity_min(a, alen, b, blen, 0.0);
}

/* One pair, with a dictionary of its own. */
double ot_text_similarity_min(const char *a, size_t alen, const char *b, size_t blen, double min)
{
	ot_simctx *ctx;
	ot_simtext ta, tb;
	double sim;
	if (!a)
		a = "", alen = 0;
	if (!b)
		b = "", blen = 0;
	if (alen == blen && memcmp(a, b, alen) == 0)
		return 1.0;
	ctx = ot_simctx_new();
	ot_simtext_init(&ta, ctx, a, alen);
	ot_simtext_init(&tb, ctx, b, blen);
	sim = ot_simtext_similarity(ctx, &ta, &tb, min);
	ot_simtext_release(&ta);
	ot_simtext_release(&tb);
	ot_simctx_free(ctx);
	return sim;
}
