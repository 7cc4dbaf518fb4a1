/*
 * textnorm.c - what counts as white space in law text, for every parser
 * and for the conservation check (conserve.c).
 *
 * The canonical text (ordtrack/doc.h) collapses every run of white space
 * to one ASCII space and drops zero-width characters, so that a change of
 * U+2002 (en space) to a plain space, or a zero-width space pasted from a
 * web page, is not a change of the law.  White space here is ASCII space,
 * tab, form feed and vertical tab, and every Unicode space separator
 * (Zs: U+00A0, U+1680, U+2000-U+200A, U+202F, U+205F, U+3000) plus the
 * line and paragraph separators U+2028 and U+2029.  Zero-width characters
 * are U+200B-U+200D, U+2060, U+FEFF and the soft hyphen U+00AD (a
 * hyphenation hint that no reader sees unless the word breaks there).  Line ends (LF, CR) are not white
 * space here: the parsers cut lines first.
 *
 * Every function takes a pointer and a length and never reads past it.
 */
#include "internal.h"

size_t ot_blank_len(const char *s, size_t n, int *zero_width)
{
	const unsigned char *u = (const unsigned char *)s;
	*zero_width = 0;
	if (!n)
		return 0;
	if (u[0] < 0x80)
		return u[0] == ' ' || u[0] == '\t' || u[0] == '\f' || u[0] == '\v';
	if (u[0] == 0xC2) {
		if (n >= 2 && u[1] == 0xAD) { /* U+00AD SOFT HYPHEN: invisible */
			*zero_width = 1;
			return 2;
		}
		return n >= 2 && u[1] == 0xA0 ? 2 : 0;
	}
	if (n < 3)
		return 0;
	switch (u[0]) {
	case 0xE1: /* U+1680 OGHAM SPACE MARK */
		return u[1] == 0x9A && u[2] == 0x80 ? 3 : 0;
	case 0xE2:
		if (u[1] == 0x80) {
			if (u[2] >= 0x80 && u[2] <= 0x8A) /* U+2000-U+200A */
				return 3;
			if (u[2] >= 0x8B && u[2] <= 0x8D) { /* U+200B-U+200D */
				*zero_width = 1;
				return 3;
			}
			/* U+2028, U+2029, U+202F */
			return u[2] == 0xA8 || u[2] == 0xA9 || u[2] == 0xAF ? 3 : 0;
		}
		if (u[1] == 0x81) {
			if (u[2] == 0x9F) /* U+205F */
				return 3;
			if (u[2] == 0xA0) { /* U+2060 WORD JOINER */
				*zero_width = 1;
				return 3;
			}
		}
		return 0;
	case 0xE3: /* U+3000 IDEOGRAPHIC SPACE */
		return u[1] == 0x80 && u[2] == 0x80 ? 3 : 0;
	case 0xEF: /* U+FEFF, a byte-order mark inside text */
		if (u[1] == 0xBB && u[2] == 0xBF) {
			*zero_width = 1;
			return 3;
		}
		return 0;
	default:
		return 0;
	}
}

size_t ot_blank_len_back(const char *s, size_t n, int *zero_width)
{
	size_t k;
	*zero_width = 0;
	if (!n)
		return 0;
	if ((unsigned char)s[n - 1] < 0x80)
		return ot_blank_len(s + n - 1, 1, zero_width);
	/* every non-ASCII blank is 2 or 3 bytes long */
	for (k = 2; k <= 3 && k <= n; k++)
		if (ot_blank_len(s + n - k, k, zero_width) == k)
			return k;
	*zero_width = 0;
	return 0;
}
