/*
 * typography.c - is a change only typographic?  ot_text_typographic_equal
 * (see ordtrack/diff.h) compares two UTF-8 texts after folding away what
 * a reader of the law cannot see or does not read as a different word:
 *
 *   quotes     ' ’ ‘ ‚ ‛ ′  fold to one single quote, and
 *              " “ ” „ ‟ ″  to one double quote (the two stay apart: 5′
 *              and 5″ are feet and inches, not typography);
 *   dashes     - U+2010 U+2011 U+2012 U+2013 U+2014 U+2015 U+2212 fold to
 *              one dash;
 *   ellipsis   "…" reads as "...";
 *   space      a run of white space (ASCII, U+0085, every Unicode space
 *              separator: U+00A0 U+1680 U+2000-U+200A U+202F U+205F
 *              U+3000, and U+2028 U+2029) is one space; space at either
 *              end is ignored;
 *   invisible  zero-width characters (U+200B-U+200D, U+2060, U+FEFF) are
 *              ignored wherever they stand (also inside a space run).
 *
 * Everything else compares exactly, code point by code point: letters,
 * digits, case, other punctuation.  A byte that is not valid UTF-8 is a
 * symbol of its own (never folded with anything but the same byte).
 *
 * The diff calls this on every matched unit whose text differs, so it
 * allocates nothing: two cursors each yield the next folded symbol and
 * the texts are equal when the symbol streams are.  Cost O(alen + blen),
 * and it stops at the first difference.
 *
 * Ownership: nothing is kept; both texts are borrowed for the call.
 */
#include <stdint.h>

#include "internal.h"
#include "ordtrack/diff.h"

#define SYM_END UINT32_C(0xffffffff)
#define SYM_NONE UINT32_C(0xfffffffe)
#define SYM_BAD UINT32_C(0x110000) /* + the byte: an invalid UTF-8 byte */
#define SYM_SPACE ((uint32_t)' ')

/* Decode one code point at s[0..len) (len >= 1) into *cp; returns its
 * byte length.  Overlong forms, surrogates, values above U+10FFFF and
 * truncated sequences decode as SYM_BAD + the first byte, one byte long,
 * so a malformed text never folds into a well-formed one. */
static size_t decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned c = s[0];
	size_t n, i;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xe0) == 0xc0) {
		n = 2;
		v = c & 0x1f;
		min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3;
		v = c & 0x0f;
		min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 4;
		v = c & 0x07;
		min = 0x10000;
	} else {
		goto bad;
	}
	if (n > len)
		goto bad;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			goto bad;
		v = (v << 6) | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		goto bad;
	*cp = v;
	return n;
bad:
	*cp = SYM_BAD + c;
	return 1;
}

static int is_zero_width(uint32_t cp)
{
	return (cp >= 0x200b && cp <= 0x200d) || cp == 0x2060 || cp == 0xfeff;
}

static int is_space(uint32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	return cp == 0x85 || cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) ||
	       cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

/* The symbol a (non-space, visible) code point folds to. */
static uint32_t fold(uint32_t cp)
{
	switch (cp) {
	case 0x2019: /* ’ */
	case 0x2018: /* ‘ */
	case 0x201a: /* ‚ */
	case 0x201b: /* ‛ */
	case 0x2032: /* ′ */
		return '\'';
	case 0x201c: /* “ */
	case 0x201d: /* ” */
	case 0x201e: /* „ */
	case 0x201f: /* ‟ */
	case 0x2033: /* ″ */
		return '"';
	case 0x2010: case 0x2011: case 0x2012: case 0x2013:
	case 0x2014: case 0x2015: case 0x2212:
		return '-';
	default:
		return cp;
	}
}

typedef struct cursor {
	const unsigned char *s;
	size_t i, len;
	uint32_t held; /* the symbol after a space run, yielded next */
	int dots;      /* '.'s still owed by an ellipsis */
	int started;   /* a symbol was yielded: a space run now counts */
} cursor;

static uint32_t next_sym(cursor *c)
{
	uint32_t cp, sym;
	int space = 0;
	if (c->held != SYM_NONE) {
		sym = c->held;
		c->held = SYM_NONE;
		return sym;
	}
	if (c->dots) {
		c->dots--;
		return '.';
	}
	while (c->i < c->len) {
		c->i += decode(c->s + c->i, c->len - c->i, &cp);
		if (is_zero_width(cp))
			continue;
		if (is_space(cp)) {
			space = 1;
			continue;
		}
		if (cp == 0x2026) { /* … */
			sym = '.';
			c->dots = 2;
		} else {
			sym = fold(cp);
		}
		if (space && c->started) {
			c->held = sym;
			return SYM_SPACE;
		}
		c->started = 1;
		return sym;
	}
	return SYM_END; /* trailing space is ignored */
}

int ot_text_typographic_equal(const char *a, size_t alen, const char *b, size_t blen)
{
	cursor x = {(const unsigned char *)(a ? a : ""), 0, a ? alen : 0, SYM_NONE, 0, 0};
	cursor y = {(const unsigned char *)(b ? b : ""), 0, b ? blen : 0, SYM_NONE, 0, 0};
	uint32_t p, q;
	/* the common case of equal bytes needs no folding */
	if (x.len == y.len && (x.len == 0 || memcmp(x.s, y.s, x.len) == 0))
		return 1;
	do {
		p = next_sym(&x);
		q = next_sym(&y);
		if (p != q)
			return 0;
	} while (p != SYM_END);
	return 1;
}
