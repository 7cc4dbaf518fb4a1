/*
 * worddiff.c - word-level diff of two UTF-8 strings (see ordtrack/diff.h):
 * tokenizer, Myers' O(ND) diff in linear space, semantic cleanup, edit
 * count and text similarity.
 *
 * Data structures:
 *  - a token is an (offset, length) pair into its string (struct tok);
 *    tokens are words, whitespace runs or single punctuation code points;
 *  - tokens of both strings are mapped to dense integer ids through an
 *    open-addressing hash table keyed by the token bytes, so the diff
 *    compares ints;
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
 * Cost: O((N+M)·D) time and O(N+M) memory for the middle part after the
 * common prefix and suffix are trimmed.  A work budget bounds huge inputs:
 * past it, ot_word_diff reports the whole middle as one delete + insert
 * (correct, not minimal) and ot_text_similarity falls back to a multiset
 * (bag of tokens) similarity.
 *
 * Ownership: ops and their texts are heap copies owned by the caller
 * (ot_word_ops_free); everything else is freed before returning.
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
 * and the code point in *cp.  Invalid bytes decode as themselves, one byte
 * each (and so count as letters, being >= 0x80). */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
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

static int cp_class(uint32_t cp)
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
static int is_joiner(uint32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == '-' || cp == '.' || cp == ',';
}

/* Tokenize s into a new array *out of *nout tokens (caller frees). */
static void tokenize(tok **out, size_t *nout, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	tok *toks = NULL;
	size_t n = 0, cap = 0, i = 0;
	while (i < len) {
		uint32_t cp;
		size_t l = utf8_decode(s + i, len - i, &cp), start = i;
		int cl = cp_class(cp);
		i += l;
		if (cl == CL_SPACE) {
			while (i < len) {
				l = utf8_decode(s + i, len - i, &cp);
				if (cp_class(cp) != CL_SPACE)
					break;
				i += l;
			}
		} else if (cl == CL_WORD) {
			while (i < len) {
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
		*OT_ARRAY_PUSH(toks, n, cap) = (tok){start, i - start};
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

static int tok_is_space(const char *s, tok t)
{
	uint32_t cp;
	utf8_decode((const unsigned char *)s + t.off, t.len, &cp);
	return cp_class(cp) == CL_SPACE;
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
	/* the table is sized for every token, so it never fills */
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

static int cmp_int(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;
	return (a > b) - (a < b);
}

/* Size of the multiset intersection of two id arrays (sorts them). */
static size_t bag_common(int *a, size_t na, int *b, size_t nb)
{
	size_t i = 0, j = 0, c = 0;
	qsort(a, na, sizeof(int), cmp_int);
	qsort(b, nb, sizeof(int), cmp_int);
	while (i < na && j < nb) {
		if (a[i] == b[j]) {
			c++;
			i++;
			j++;
		} else if (a[i] < b[j]) {
			i++;
		} else {
			j++;
		}
	}
	return c;
}

/* Drop whitespace tokens in place; returns the new count. */
static size_t drop_space(const char *s, tok *t, size_t n)
{
	size_t i, k = 0;
	for (i = 0; i < n; i++)
		if (!tok_is_space(s, t[i]))
			t[k++] = t[i];
	return k;
}

double ot_text_similarity(const char *a, size_t alen, const char *b, size_t blen)
{
	return ot_text_similarity_min(a, alen, b, blen, 0.0);
}

/* As ot_text_similarity, but a pair whose bag-of-tokens bound (an upper
 * bound of the LCS similarity) is below `min` returns that bound without
 * running Myers: dissimilar candidates are the expensive, common case
 * during alignment. */
double ot_text_similarity_min(const char *a, size_t alen, const char *b, size_t blen, double min)
{
	tok *ta, *tb;
	int *ia, *ib;
	char *da, *db;
	size_t na, nb, i, common = 0;
	uint64_t budget;
	double sim;

	if (!a)
		a = "", alen = 0;
	if (!b)
		b = "", blen = 0;
	if (alen == blen && memcmp(a, b, alen) == 0)
		return 1.0;
	tokenize(&ta, &na, a, alen);
	tokenize(&tb, &nb, b, blen);
	na = drop_space(a, ta, na);
	nb = drop_space(b, tb, nb);
	if (na == 0 || nb == 0) {
		free(ta);
		free(tb);
		return na == nb ? 1.0 : 0.0;
	}
	map_ids(&ia, &ib, a, ta, na, b, tb, nb);
	if (min > 0) {
		int *ca = ot_malloc(na * sizeof(int)), *cb = ot_malloc(nb * sizeof(int));
		size_t bound;
		memcpy(ca, ia, na * sizeof(int));
		memcpy(cb, ib, nb * sizeof(int));
		bound = bag_common(ca, na, cb, nb);
		free(ca);
		free(cb);
		sim = 2.0 * (double)bound / (double)(na + nb);
		if (sim < min) {
			free(ta);
			free(tb);
			free(ia);
			free(ib);
			return sim;
		}
	}
	da = ot_calloc(na + 1, 1);
	db = ot_calloc(nb + 1, 1);
	/* about (N+M)·D diagonal steps: allow D up to ~max(64, 4M/(N+M)) */
	budget = (uint64_t)(na + nb) * 64;
	if (budget < 4000000)
		budget = 4000000;
	if (myers(ia, na, ib, nb, da, db, budget) == 0) {
		for (i = 0; i < na; i++)
			common += !da[i];
	} else {
		common = bag_common(ia, na, ib, nb);
	}
	sim = 2.0 * (double)common / (double)(na + nb);
	free(ta);
	free(tb);
	free(ia);
	free(ib);
	free(da);
	free(db);
	return sim;
}
