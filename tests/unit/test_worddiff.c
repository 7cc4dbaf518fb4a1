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
	return test_summary();
}
