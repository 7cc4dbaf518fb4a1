/*
 * test_worddiff.c - tokenizer, minimal Myers token diff (checked against an
 * independent O(n*m) LCS), cleanup (reconstruction property and reading
 * quality) and text similarity (checked against the same LCS, in one-off
 * and shared-dictionary form, short and long texts).
 */
#include <stdint.h>
#include <stdlib.h>

#include "internal.h" /* ot_text_similarity_min, ot_simctx */
#include "ordtrack/buf.h"
#include "ordtrack/diff.h"
#include "test.h"

#define OT_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Tokens of s joined with '|' into a static buffer. */
static const char *toks(const char *s)
{
	static char out[1024];
	size_t *t, n, i, k = 0;
	ot_tokenize(&t, &n, s, strlen(s));
	for (i = 0; i < n; i++) {
		if (i)
			out[k++] = '|';
		memcpy(out + k, s + t[2 * i], t[2 * i + 1]);
		k += t[2 * i + 1];
	}
	out[k] = '\0';
	free(t);
	return out;
}

TEST(tokenizer_words_and_spaces)
{
	CHECK_STR(toks("No agent  shall\task."), "No| |agent|  |shall|\t|ask|.");
	CHECK_STR(toks(""), "");
	CHECK_STR(toks("   "), "   ");
}

TEST(tokenizer_intra_word)
{
	CHECK_STR(toks("Section 2-173-020 applies"), "Section| |2-173-020| |applies");
	CHECK_STR(toks("don\xe2\x80\x99t stop"), "don\xe2\x80\x99t| |stop");
	CHECK_STR(toks("don't well-being 1,000 3.5"), "don't| |well-being| |1,000| |3.5");
	/* a joiner not between alphanumerics is punctuation */
	CHECK_STR(toks("end. Next"), "end|.| |Next");
	CHECK_STR(toks("a -b"), "a| |-|b");
	CHECK_STR(toks("1,"), "1|,");
	CHECK_STR(toks("x--y"), "x|-|-|y");
}

TEST(tokenizer_unicode_punctuation)
{
	/* curly quotes */
	CHECK_STR(toks("\xe2\x80\x9c" "agency\xe2\x80\x9d means"),
		  "\xe2\x80\x9c|agency|\xe2\x80\x9d" "| |means");
	CHECK_STR(toks("\xe2\x80\x98" "x\xe2\x80\x99"), "\xe2\x80\x98" "|x|\xe2\x80\x99");
	/* em dash and en dash */
	CHECK_STR(toks("a\xe2\x80\x94" "b"), "a|\xe2\x80\x94|b");
	CHECK_STR(toks("1\xe2\x80\x93" "5"), "1|\xe2\x80\x93|5");
	/* section and paragraph signs */
	CHECK_STR(toks("\xc2\xa7 2-173-020"), "\xc2\xa7" "| |2-173-020");
	CHECK_STR(toks("\xc2\xb6" "3"), "\xc2\xb6|3");
	/* other non-ASCII letters are letters */
	CHECK_STR(toks("caf\xc3\xa9 na\xc3\xaf" "ve"), "caf\xc3\xa9| |na\xc3\xaf" "ve");
	/* invalid UTF-8 does not crash and keeps every byte */
	CHECK_STR(toks("a\xff" "b \xe2\x80"), "a\xff" "b| |\xe2\x80");
}

/* Concatenate the ops of one side: EQUAL + (DELETE for side 0, INSERT for
 * side 1). */
static char *side(const ot_word_op *ops, size_t n, int which)
{
	ot_buf b = OT_BUF_INIT;
	size_t i;
	for (i = 0; i < n; i++)
		if (ops[i].op == OT_OP_EQUAL ||
		    ops[i].op == (which ? OT_OP_INSERT : OT_OP_DELETE))
			ot_buf_put(&b, ops[i].text, ops[i].len);
	return ot_buf_detach(&b);
}

/* Render ops as "=x|-y|+z" for exact comparisons. */
static char *show(const ot_word_op *ops, size_t n)
{
	ot_buf b = OT_BUF_INIT;
	size_t i;
	for (i = 0; i < n; i++) {
		if (i)
			ot_buf_putc(&b, '|');
		ot_buf_putc(&b, ops[i].op == OT_OP_EQUAL ? '=' : ops[i].op == OT_OP_DELETE ? '-' : '+');
		ot_buf_put(&b, ops[i].text, ops[i].len);
	}
	return ot_buf_detach(&b);
}

static char *diff_show(const char *a, const char *b, int cleanup)
{
	ot_word_op *ops;
	size_t n;
	char *s;
	if (ot_word_diff(&ops, &n, a, strlen(a), b, strlen(b), cleanup) < 0)
		return NULL;
	s = show(ops, n);
	ot_word_ops_free(ops, n);
	return s;
}

TEST(phrase_ops_exact)
{
	char *s = diff_show("No agent or agency shall request information",
			    "No agent or agency shall ask for information", 1);
	CHECK_STR(s, "=No agent or agency shall |-request|+ask for|= information");
	free(s);
}

TEST(no_alternation)
{
	char *s = diff_show("a c", "b d", 1);
	CHECK_STR(s, "-a c|+b d");
	free(s);
	s = diff_show("the cat sat on the mat", "one dog lay on a rug", 1);
	/* no equal run of a single space between two changes */
	CHECK(s && strstr(s, "|= |") == NULL);
	free(s);
	/* without cleanup the minimal diff keeps the single space */
	s = diff_show("a c", "b d", 0);
	CHECK_STR(s, "-a|+b|= |-c|+d");
	free(s);
	/* a long shared phrase is not folded */
	s = diff_show("x is the rule of the city y", "z is the rule of the city w", 1);
	CHECK_STR(s, "-x|+z|= is the rule of the city |-y|+w");
	free(s);
}

TEST(identical_and_empty)
{
	char *s = diff_show("same text", "same text", 1);
	CHECK_STR(s, "=same text");
	free(s);
	s = diff_show("", "", 1);
	CHECK_STR(s, "");
	free(s);
	s = diff_show("", "new words", 1);
	CHECK_STR(s, "+new words");
	free(s);
	s = diff_show("old words", "", 1);
	CHECK_STR(s, "-old words");
	free(s);
}

/* ---- property tests ------------------------------------------------------ */

static uint64_t rng_state;
static unsigned rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

/* Random text over a tiny vocabulary, so many tokens repeat. */
static void random_text(char *out, size_t cap, unsigned maxtok)
{
	static const char *const vocab[] = {"a", "b", "c", " ", " ", ",", "x-y", "\xe2\x80\x94", "d", "  "};
	unsigned n = rnd(maxtok + 1), i;
	size_t k = 0;
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		const char *w = vocab[rnd((unsigned)OT_ARRAY_LEN(vocab))];
		size_t l = strlen(w);
		if (k + l + 1 >= cap)
			break;
		memcpy(out + k, w, l);
		k += l;
		out[k] = '\0';
	}
}


/* Independent LCS over tokens by O(n*m) dynamic programming. */
static size_t lcs_edit_count(const char *a, const char *b)
{
	size_t *ta, *tb, na, nb, i, j, *dp, res;
	ot_tokenize(&ta, &na, a, strlen(a));
	ot_tokenize(&tb, &nb, b, strlen(b));
	dp = calloc((na + 1) * (nb + 1), sizeof(size_t));
	for (i = 1; i <= na; i++)
		for (j = 1; j <= nb; j++) {
			size_t *c = &dp[i * (nb + 1) + j];
			if (ta[2 * (i - 1) + 1] == tb[2 * (j - 1) + 1] &&
			    memcmp(a + ta[2 * (i - 1)], b + tb[2 * (j - 1)], ta[2 * (i - 1) + 1]) == 0)
				*c = dp[(i - 1) * (nb + 1) + j - 1] + 1;
			else
				*c = dp[(i - 1) * (nb + 1) + j] > dp[i * (nb + 1) + j - 1]
					     ? dp[(i - 1) * (nb + 1) + j]
					     : dp[i * (nb + 1) + j - 1];
		}
	res = na + nb - 2 * dp[na * (nb + 1) + nb];
	free(dp);
	free(ta);
	free(tb);
	return res;
}

TEST(myers_is_minimal)
{
	char a[512], b[512];
	int iter, bad = 0;
	rng_state = 0x9e3779b97f4a7c15ull;
	for (iter = 0; iter < 5000; iter++) {
		size_t got, want;
		random_text(a, sizeof(a), 30);
		random_text(b, sizeof(b), 30);
		got = ot_word_edit_count(a, strlen(a), b, strlen(b));
		want = lcs_edit_count(a, b);
		if (got != want && bad++ < 5)
			printf("#   '%s' -> '%s': myers %zu, lcs %zu\n", a, b, got, want);
	}
	CHECK(bad == 0);
}

/* Count tokens deleted + inserted by an op list. */
static size_t ops_edit_count(const ot_word_op *ops, size_t n)
{
	size_t i, c = 0;
	for (i = 0; i < n; i++)
		if (ops[i].op != OT_OP_EQUAL) {
			size_t *t, nt;
			ot_tokenize(&t, &nt, ops[i].text, ops[i].len);
			c += nt;
			free(t);
		}
	return c;
}

/* The ops reconstruct both texts, with and without cleanup; without
 * cleanup the ops are minimal; ops are non-empty, merged, and every DELETE
 * comes before the INSERT it pairs with. */
TEST(ops_reconstruct_property)
{
	char a[512], b[512];
	int iter, bad = 0, cleanup;
	rng_state = 12345;
	for (iter = 0; iter < 4000; iter++) {
		/* mostly similar pairs: b is a mutated a */
		random_text(a, sizeof(a), 25);
		if (rnd(3)) {
			size_t la = strlen(a), cut = la ? rnd((unsigned)la) : 0;
			char mid[64];
			random_text(mid, sizeof(mid), 3);
			snprintf(b, sizeof(b), "%.*s%s%s", (int)cut, a, mid,
				 a + cut + (la - cut ? rnd((unsigned)(la - cut)) : 0));
		} else {
			random_text(b, sizeof(b), 25);
		}
		for (cleanup = 0; cleanup <= 1; cleanup++) {
			ot_word_op *ops;
			size_t n, i;
			char *sa, *sb;
			int ok = 1;
			if (ot_word_diff(&ops, &n, a, strlen(a), b, strlen(b), cleanup) < 0) {
				bad++;
				continue;
			}
			sa = side(ops, n, 0);
			sb = side(ops, n, 1);
			ok = strcmp(sa, a) == 0 && strcmp(sb, b) == 0;
			for (i = 0; i < n; i++) {
				if (ops[i].len == 0 || strlen(ops[i].text) != ops[i].len)
					ok = 0;
				if (i && ops[i].op == ops[i - 1].op)
					ok = 0;
				if (i && ops[i].op == OT_OP_DELETE && ops[i - 1].op == OT_OP_INSERT)
					ok = 0;
			}
			if (!cleanup && ops_edit_count(ops, n) != lcs_edit_count(a, b))
				ok = 0;
			if (!ok && bad++ < 5)
				printf("#   cleanup=%d '%s' -> '%s'\n", cleanup, a, b);
			free(sa);
			free(sb);
			ot_word_ops_free(ops, n);
		}
	}
	CHECK(bad == 0);
}

TEST(similarity)
{
	const char *a = "No agent or agency shall request information";
	CHECK(ot_text_similarity(a, strlen(a), a, strlen(a)) == 1.0);
	CHECK(ot_text_similarity("", 0, "", 0) == 1.0);
	CHECK(ot_text_similarity("", 0, "x", 1) == 0.0);
	CHECK(ot_text_similarity("a b c d", 7, "e f g h", 7) == 0.0);
	/* whitespace ignored: 3 common of 4 + 4 words */
	CHECK(ot_text_similarity("a b c d", 7, "a  b\nc e", 8) == 0.75);
	{
		const char *b = "No agent or agency shall ask for information";
		double s = ot_text_similarity(a, strlen(a), b, strlen(b));
		/* 6 common of 7 + 8 */
		CHECK(s > 0.79 && s < 0.81);
	}
}

TEST(similarity_long_texts_bounded)
{
	/* two long unrelated texts: must finish fast (bag fallback) and give
	 * a value in [0,1] */
	ot_buf a = OT_BUF_INIT, b = OT_BUF_INIT;
	int i;
	double s;
	rng_state = 7;
	for (i = 0; i < 60000; i++) {
		ot_buf_printf(&a, "w%u ", rnd(500));
		ot_buf_printf(&b, "w%u ", rnd(500));
	}
	s = ot_text_similarity(a.ptr, a.len, b.ptr, b.len);
	CHECK(s >= 0.0 && s <= 1.0);
	/* an identical copy with one word changed is near 1 */
	ot_buf_clear(&b);
	ot_buf_put(&b, a.ptr, a.len);
	b.ptr[b.len / 2] = 'Q';
	s = ot_text_similarity(a.ptr, a.len, b.ptr, b.len);
	CHECK(s > 0.99 && s < 1.0);
	ot_buf_release(&a);
	ot_buf_release(&b);
}

/* Random text of `words` word tokens from a vocabulary of `vocab` words,
 * separated by spaces, newlines or nothing before punctuation. */
static void random_words(ot_buf *b, size_t words, unsigned vocab)
{
	size_t i;
	ot_buf_clear(b);
	for (i = 0; i < words; i++) {
		unsigned k = rnd(vocab);
		if (k % 7 == 0)
			ot_buf_puts(b, "\xc2\xa7"); /* a punctuation token */
		ot_buf_printf(b, "w%u", k);
		ot_buf_puts(b, rnd(5) ? " " : "\n  ");
	}
}

/* 2·LCS / (N+M) over non-space tokens by the O(n*m) dynamic program. */
static double dp_similarity(const char *a, const char *b)
{
	size_t *ta, *tb, na, nb, i, j, k, *dp, lcs;
	double sim;
	ot_tokenize(&ta, &na, a, strlen(a));
	ot_tokenize(&tb, &nb, b, strlen(b));
	/* drop whitespace tokens (the texts use only ' ' and '\n') */
	for (i = k = 0; i < na; i++)
		if (a[ta[2 * i]] != ' ' && a[ta[2 * i]] != '\n') {
			ta[2 * k] = ta[2 * i];
			ta[2 * k++ + 1] = ta[2 * i + 1];
		}
	na = k;
	for (i = k = 0; i < nb; i++)
		if (b[tb[2 * i]] != ' ' && b[tb[2 * i]] != '\n') {
			tb[2 * k] = tb[2 * i];
			tb[2 * k++ + 1] = tb[2 * i + 1];
		}
	nb = k;
	dp = calloc((na + 1) * (nb + 1), sizeof(size_t));
	for (i = 1; i <= na; i++)
		for (j = 1; j <= nb; j++) {
			size_t *c = &dp[i * (nb + 1) + j], up = dp[(i - 1) * (nb + 1) + j],
			       left = dp[i * (nb + 1) + j - 1];
			if (ta[2 * (i - 1) + 1] == tb[2 * (j - 1) + 1] &&
			    memcmp(a + ta[2 * (i - 1)], b + tb[2 * (j - 1)], ta[2 * (i - 1) + 1]) == 0)
				*c = dp[(i - 1) * (nb + 1) + j - 1] + 1;
			else
				*c = up > left ? up : left;
		}
	lcs = dp[na * (nb + 1) + nb];
	sim = na + nb ? 2.0 * (double)lcs / (double)(na + nb) : 1.0;
	free(dp);
	free(ta);
	free(tb);
	return sim;
}

/* Lengths around the 64-token words of the bit-parallel LCS, and pairs
 * past its 2048-token limit (Myers): the exact LCS either way. */
TEST(similarity_is_exact_lcs)
{
	static const size_t lens[] = {1, 2, 63, 64, 65, 127, 128, 129, 300, 1000, 1030, 1100};
	ot_buf a = OT_BUF_INIT, b = OT_BUF_INIT;
	size_t x, y;
	int bad = 0, iter;
	rng_state = 99;
	for (x = 0; x < OT_ARRAY_LEN(lens); x++)
		for (y = 0; y < OT_ARRAY_LEN(lens); y++) {
			random_words(&a, lens[x], 3 + (unsigned)(x + y) * 4);
			random_words(&b, lens[y], 3 + (unsigned)(x + y) * 4);
			if (ot_text_similarity(a.ptr, a.len, b.ptr, b.len) != dp_similarity(a.ptr, b.ptr))
				bad++;
		}
	for (iter = 0; iter < 300; iter++) {
		random_words(&a, rnd(200), 2 + rnd(30));
		random_words(&b, rnd(200), 2 + rnd(30));
		if (ot_text_similarity(a.ptr, a.len, b.ptr, b.len) != dp_similarity(a.ptr, b.ptr))
			bad++;
	}
	CHECK(bad == 0);
	ot_buf_release(&a);
	ot_buf_release(&b);
}

/* Above `min` the exact similarity; below it, some value below min. */
TEST(similarity_min)
{
	ot_buf a = OT_BUF_INIT, b = OT_BUF_INIT;
	static const double mins[] = {0.2, 0.5, 0.8, 1.0};
	int iter, bad = 0, above = 0, below = 0;
	size_t m;
	rng_state = 4242;
	for (iter = 0; iter < 400; iter++) {
		double s;
		random_words(&a, rnd(150), 2 + rnd(20));
		random_words(&b, iter % 4 == 0 ? rnd(40) : rnd(150), 2 + rnd(20));
		s = ot_text_similarity(a.ptr, a.len, b.ptr, b.len);
		for (m = 0; m < OT_ARRAY_LEN(mins); m++) {
			double t = ot_text_similarity_min(a.ptr, a.len, b.ptr, b.len, mins[m]);
			if (s >= mins[m]) {
				above++;
				bad += t != s;
			} else {
				below++;
				bad += !(t < mins[m]);
			}
		}
	}
	CHECK(bad == 0);
	CHECK(above > 100 && below > 100); /* both branches exercised */
	/* the bag of "a b c" and "c b a" is equal, the LCS is one word */
	CHECK(ot_text_similarity_min("a b c", 5, "c b a", 5, 0.5) < 0.5);
	CHECK(ot_text_similarity("a b c", 5, "c b a", 5) == 2.0 / 6.0);
	ot_buf_release(&a);
	ot_buf_release(&b);
}

/* Many texts in one dictionary (it grows past its first size) give the
 * same values as each pair on its own. */
TEST(similarity_shared_dictionary)
{
	enum { NT = 120 };
	ot_buf b = OT_BUF_INIT;
	char *texts[NT];
	ot_simtext st[NT];
	ot_simctx *ctx = ot_simctx_new();
	int i, k, bad = 0, pairs = 0;
	rng_state = 31337;
	for (i = 0; i < NT; i++) {
		random_words(&b, i % 10 == 0 ? 700 + rnd(700) : rnd(120), 5 + rnd(2000));
		texts[i] = ot_strdup(b.ptr);
		ot_simtext_init(&st[i], ctx, texts[i], b.len);
	}
	for (i = 0; i < NT; i++)
		for (k = i; k < NT && k < i + 6; k++) {
			double want = ot_text_similarity(texts[i], strlen(texts[i]), texts[k],
							 strlen(texts[k]));
			double got0 = ot_simtext_similarity(ctx, &st[i], &st[k], 0.0);
			double got5 = ot_simtext_similarity(ctx, &st[k], &st[i], 0.5);
			pairs++;
			bad += got0 != want;
			bad += want >= 0.5 ? got5 != want : !(got5 < 0.5);
		}
	CHECK(pairs > 600 && bad == 0);
	for (i = 0; i < NT; i++) {
		ot_simtext_release(&st[i]);
		free(texts[i]);
	}
	ot_simctx_free(ctx);
	ot_buf_release(&b);
}

/* ---- tokenizer against an independent reference ---------------------------
 *
 * ref_tokenize below is written from the rules in diff.h and worddiff.c,
 * not from worddiff.c's code: it decodes the whole string to code points
 * first, classifies each by set membership (no 128-entry table), then
 * groups.  Rules:
 *   - whitespace: the six ASCII spaces " \t\n\v\f\r" and U+00A0; a run of
 *     them is one token;
 *   - letters: ASCII letters and digits, and every non-ASCII code point
 *     except U+00A0 and the punctuation below;
 *   - punctuation, one code point per token: every other ASCII code
 *     point (controls and NUL included), and “ ” ‘ ’ – — § ¶ … « »;
 *   - a word is letters, where an apostrophe (' or ’), hyphen, full stop
 *     or comma between two letters joins them ("don’t", "3.5", "1,000");
 *   - an invalid byte decodes as itself: one code point equal to the
 *     byte value (so 0x80-0xff classify as the Latin-1 code point).  A
 *     lead byte followed by its full count of continuation bytes decodes
 *     as a whole (worddiff.c does not reject overlong forms). */

static int ref_is_space(uint32_t cp)
{
	return (cp != 0 && cp < 0x80 && strchr(" \t\n\v\f\r", (int)cp) != NULL) || cp == 0xa0;
}

static int ref_is_punct_cp(uint32_t cp)
{
	static const uint32_t uni[] = {0x201c, 0x201d, 0x2018, 0x2019, 0x2013, 0x2014,
				       0x00a7, 0x00b6, 0x2026, 0x00ab, 0x00bb};
	size_t i;
	for (i = 0; i < OT_ARRAY_LEN(uni); i++)
		if (cp == uni[i])
			return 1;
	return 0;
}

static int ref_is_letter(uint32_t cp)
{
	static const char alnum[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
	if (cp >= 0x80)
		return !ref_is_space(cp) && !ref_is_punct_cp(cp);
	return cp != 0 && strchr(alnum, (int)cp) != NULL;
}

static int ref_is_joiner(uint32_t cp)
{
	return cp == 0x27 || cp == 0x2d || cp == 0x2e || cp == 0x2c || cp == 0x2019;
}

/* Decode s[0..len) to code points cps[] with their byte offsets off[]
 * (off[n] == len); returns n. */
static size_t ref_decode(const unsigned char *s, size_t len, uint32_t *cps, size_t *off)
{
	size_t i = 0, n = 0;
	while (i < len) {
		unsigned b = s[i];
		size_t need = b >= 0xf0 && b < 0xf8 ? 3 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xc0 && b < 0xe0 ? 1 : 0;
		size_t k;
		uint32_t v = need == 3 ? (b & 7u) : need == 2 ? (b & 15u) : (b & 31u);
		for (k = 1; k <= need; k++)
			if (i + k >= len || (s[i + k] >> 6) != 2)
				break;
		off[n] = i;
		if (need == 0 || k <= need) {
			cps[n++] = b; /* ASCII, or an invalid byte: itself */
			i++;
			continue;
		}
		for (k = 1; k <= need; k++)
			v = v << 6 | (s[i + k] & 0x3fu);
		cps[n++] = v;
		i += need + 1;
	}
	off[n] = len;
	return n;
}

/* Reference tokens as flattened (offset, length) pairs, like ot_tokenize;
 * out must hold 2*len entries.  Returns the number of tokens. */
static size_t ref_tokenize(size_t *out, const char *str, size_t len)
{
	uint32_t *cp = malloc((len + 1) * sizeof(*cp));
	size_t *off = malloc((len + 1) * sizeof(*off));
	size_t n = ref_decode((const unsigned char *)str, len, cp, off), i = 0, nt = 0;
	while (i < n) {
		size_t j = i + 1;
		if (ref_is_space(cp[i])) {
			while (j < n && ref_is_space(cp[j]))
				j++;
		} else if (ref_is_letter(cp[i])) {
			for (;;) {
				if (j < n && ref_is_letter(cp[j]))
					j++;
				else if (j + 1 < n && ref_is_joiner(cp[j]) && ref_is_letter(cp[j + 1]))
					j += 2;
				else
					break;
			}
		}
		out[2 * nt] = off[i];
		out[2 * nt + 1] = off[j] - off[i];
		nt++;
		i = j;
	}
	free(cp);
	free(off);
	return nt;
}

/* Print s as a C string literal (for a failure report). */
static void print_escaped(const char *label, const char *s, size_t len)
{
	size_t i;
	printf("#     %s \"", label);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
			putchar(c);
		else
			printf("\\x%02x", c);
	}
	printf("\"\n");
}

static void print_tokens(const char *label, const size_t *t, size_t n)
{
	size_t i;
	printf("#     %s", label);
	for (i = 0; i < n && i < 40; i++)
		printf(" %zu+%zu", t[2 * i], t[2 * i + 1]);
	printf("%s\n", n > 40 ? " ..." : "");
}

/* 1 when ot_tokenize agrees with ref_tokenize on s[0..len); prints the
 * first few disagreements. */
static int tokenize_agrees(const char *s, size_t len)
{
	static int reported;
	size_t *got = NULL, ngot = 0, nref;
	size_t *ref = malloc((2 * len + 2) * sizeof(*ref));
	int same;
	ot_tokenize(&got, &ngot, s, len);
	nref = ref_tokenize(ref, s, len);
	same = ngot == nref && (nref == 0 || memcmp(got, ref, 2 * nref * sizeof(*ref)) == 0);
	if (!same && reported++ < 5) {
		print_escaped("input", s, len);
		print_tokens("ot_tokenize:", got, ngot);
		print_tokens("reference:  ", ref, nref);
	}
	free(got);
	free(ref);
	return same;
}

/* Hand-checked cases, so the reference itself is tested against known
 * answers (a reference that agreed with a broken tokenizer by sharing its
 * mistake would fail here). */
TEST(tokenizer_reference_known_answers)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"No agent  shall\task.", "No| |agent|  |shall|\t|ask|."},
		{"don't well-being 1,000 3.5 U.S.", "don't| |well-being| |1,000| |3.5| |U.S|."},
		{"x--y a- -b 'tis", "x|-|-|y| |a|-| |-|b| |'|tis"},
		{"caf\xc3\xa9\xe2\x80\x99s \xe2\x80\x9c" "a\xe2\x80\x9d",
		 "caf\xc3\xa9\xe2\x80\x99s| |\xe2\x80\x9c|a|\xe2\x80\x9d"},
		{"\xc2\xa7" "2\xe2\x80\x93" "4\xe2\x80\x94" "x\xc2\xa0\xc2\xa0y",
		 "\xc2\xa7|2|\xe2\x80\x93|4|\xe2\x80\x94|x|\xc2\xa0\xc2\xa0|y"},
		{"\xe4\xb8\xad\xe6\x96\x87-\xe6\xb3\x95 @_a_", "\xe4\xb8\xad\xe6\x96\x87-\xe6\xb3\x95| |@|_|a|_"},
		{"a\x01" "b\x7f" "c\x0b\x0c" "d", "a|\x01|b|\x7f|c|\x0b\x0c|d"},
		{"\xc2\xb6\xe2\x80\xa6\xc2\xab" "a\xc2\xbb", "\xc2\xb6|\xe2\x80\xa6|\xc2\xab|a|\xc2\xbb"},
	};
	size_t i;
	for (i = 0; i < OT_ARRAY_LEN(cases); i++) {
		size_t len = strlen(cases[i].in), *t = malloc((2 * len + 2) * sizeof(*t)), n, k, j = 0;
		char out[256];
		n = ref_tokenize(t, cases[i].in, len);
		for (k = 0; k < n; k++) {
			if (k)
				out[j++] = '|';
			memcpy(out + j, cases[i].in + t[2 * k], t[2 * k + 1]);
			j += t[2 * k + 1];
		}
		out[j] = '\0';
		CHECK_STR(out, cases[i].want);
		CHECK_STR(toks(cases[i].in), cases[i].want);
		free(t);
	}
}

/* Every ASCII code point (NUL included) in every position that takes a
 * different path through token_end: alone, starting a token, inside a
 * word, as a would-be joiner, inside a space run, after punctuation and
 * before a multi-byte letter or space. */
TEST(tokenizer_every_ascii_byte_matches_reference)
{
	static const char *const frames[][2] = {
		{"", ""},           {"", "ab"},        {"ab", ""},       {"ab", "cd"},   {"1", "2"},
		{" ", " "},         {"\t", "\n"},      {"x ", "y"},      {"(", ")"},     {"a", "\xc3\xa9"},
		{"\xc3\xa9", "a"},  {"\xc2\xa0", "\xc2\xa0"},            {"a", "\xe2\x80\x94"},
		{"\xe4\xb8\xad", "\xe4\xb8\xad"},                       {"a-", "b"},    {"a", "-b"},
	};
	char buf[32];
	size_t f;
	int c, bad = 0;
	for (c = 0; c < 128; c++)
		for (f = 0; f < OT_ARRAY_LEN(frames); f++) {
			size_t l1 = strlen(frames[f][0]), l2 = strlen(frames[f][1]);
			memcpy(buf, frames[f][0], l1);
			buf[l1] = (char)c;
			memcpy(buf + l1 + 1, frames[f][1], l2);
			if (!tokenize_agrees(buf, l1 + 1 + l2))
				bad++;
			/* the byte twice: a run, or two tokens */
			buf[l1 + 1] = (char)c;
			memcpy(buf + l1 + 2, frames[f][1], l2);
			if (!tokenize_agrees(buf, l1 + 2 + l2))
				bad++;
		}
	if (bad)
		printf("#   %d framed ASCII inputs disagree\n", bad);
	CHECK(bad == 0);
}

/* Random valid UTF-8 from pieces: every ASCII byte, extra letters,
 * digits, joiners and spaces, and multi-byte letters, spaces and
 * punctuation of 2, 3 and 4 bytes. */
static size_t random_utf8(char *out, size_t cap)
{
	static const char *const multi[] = {
		"\xc3\xa9",         /* é */
		"\xce\xa9",         /* Ω */
		"\xe2\x80\x99",     /* ’ (joiner and punctuation) */
		"\xe2\x80\x98",     /* ‘ */
		"\xe2\x80\x94",     /* — */
		"\xe2\x80\x93",     /* – */
		"\xc2\xa7",         /* § */
		"\xc2\xb6",         /* ¶ */
		"\xe2\x80\x9c",     /* “ */
		"\xe2\x80\x9d",     /* ” */
		"\xe2\x80\xa6",     /* … */
		"\xc2\xab",         /* « */
		"\xc2\xbb",         /* » */
		"\xc2\xa0",         /* no-break space */
		"\xe4\xb8\xad",     /* 中 */
		"\xe6\xb3\x95",     /* 法 */
		"\xe2\x80\x90",     /* ‐ U+2010 hyphen: a letter by these rules */
		"\xf0\x9f\x98\x80", /* U+1F600 */
		"\xc2\xa1",         /* ¡: a letter by these rules */
	};
	static const char common[] = "aZq09 -'.,-' \t";
	size_t k = 0, n = rnd(41), i;
	for (i = 0; i < n; i++) {
		unsigned pick = rnd(10);
		char one[2] = {0, 0};
		const char *p = one;
		size_t l;
		if (pick < 3) {
			one[0] = (char)rnd(128);
		} else if (pick < 7) {
			one[0] = common[rnd(sizeof(common) - 1)];
		} else {
			p = multi[rnd((unsigned)OT_ARRAY_LEN(multi))];
		}
		l = p == one ? 1 : strlen(p);
		if (k + l > cap)
			break;
		memcpy(out + k, p, l);
		k += l;
	}
	return k;
}

TEST(tokenizer_matches_reference_random_utf8)
{
	char buf[200];
	int i, bad = 0;
	rng_state = 0x7a3c5e1f9b2d4c68ull;
	for (i = 0; i < 5000; i++) {
		size_t len = random_utf8(buf, sizeof(buf));
		if (!tokenize_agrees(buf, len))
			bad++;
	}
	if (bad)
		printf("#   %d of 5000 random inputs disagree\n", bad);
	CHECK(bad == 0);
}

/* Arbitrary bytes (invalid UTF-8, truncated and overlong sequences):
 * same tokens as the reference, and the tokens tile the input. */
TEST(tokenizer_matches_reference_random_bytes)
{
	unsigned char buf[64];
	int i, bad = 0, untiled = 0;
	rng_state = 0x1f2e3d4c5b6a7988ull;
	for (i = 0; i < 3000; i++) {
		size_t len = rnd(sizeof(buf) + 1), k, *t = NULL, n, at = 0;
		for (k = 0; k < len; k++) /* bias towards high bytes and letters */
			buf[k] = (unsigned char)(rnd(3) ? 0x80 + rnd(128) : rnd(3) ? 'a' + rnd(3) : rnd(128));
		if (!tokenize_agrees((const char *)buf, len))
			bad++;
		ot_tokenize(&t, &n, (const char *)buf, len);
		for (k = 0; k < n; k++) {
			if (t[2 * k] != at || t[2 * k + 1] == 0)
				untiled++;
			at = t[2 * k] + t[2 * k + 1];
		}
		if (at != len)
			untiled++;
		free(t);
	}
	if (bad)
		printf("#   %d of 3000 random byte strings disagree\n", bad);
	CHECK(bad == 0);
	CHECK(untiled == 0);
}

int main(void)
{
	RUN(tokenizer_words_and_spaces);
	RUN(tokenizer_intra_word);
	RUN(tokenizer_unicode_punctuation);
	RUN(phrase_ops_exact);
	RUN(no_alternation);
	RUN(identical_and_empty);
	RUN(myers_is_minimal);
	RUN(ops_reconstruct_property);
	RUN(similarity);
	RUN(similarity_long_texts_bounded);
	RUN(similarity_is_exact_lcs);
	RUN(similarity_min);
	RUN(similarity_shared_dictionary);
	RUN(tokenizer_reference_known_answers);
	RUN(tokenizer_every_ascii_byte_matches_reference);
	RUN(tokenizer_matches_reference_random_utf8);
	RUN(tokenizer_matches_reference_random_bytes);
	return test_summary();
}
