/*
 * test_typography.c - ot_text_typographic_equal, the fold-compare behind
 * the TYPOGRAPHIC change kind: every class of character it folds (quotes
 * and primes, dashes, white space of every kind, zero-width characters,
 * the ellipsis), the ends, and the differences it must never fold away
 * (a word, a digit, "shall" against "shall not", single against double
 * quotes, malformed UTF-8).
 */
#include <stdio.h>
#include <string.h>

#include "ordtrack/diff.h"
#include "test.h"

static int teq(const char *a, const char *b)
{
	int x = ot_text_typographic_equal(a, strlen(a), b, strlen(b));
	int y = ot_text_typographic_equal(b, strlen(b), a, strlen(a));
	if (x != y)
		printf("#   not symmetric: '%s' / '%s'\n", a, b);
	return x && y;
}

/* Every member of a class against every other, inside a sentence. */
static void all_pairs(const char *const *forms, size_t n)
{
	char a[128], b[128];
	size_t i, j;
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++) {
			snprintf(a, sizeof(a), "the%sword%send", forms[i], forms[i]);
			snprintf(b, sizeof(b), "the%sword%send", forms[j], forms[j]);
			if (!teq(a, b)) {
				printf("#   class member %zu vs %zu differ\n", i, j);
				CHECK(0);
			}
		}
}

TEST(equal_bytes)
{
	CHECK(teq("", ""));
	CHECK(teq("No agent shall", "No agent shall"));
	CHECK(ot_text_typographic_equal(NULL, 0, "", 0));
	CHECK(ot_text_typographic_equal(NULL, 0, "  ", 2));
	CHECK(!ot_text_typographic_equal(NULL, 0, "a", 1));
	/* the length is what counts, not a NUL */
	CHECK(ot_text_typographic_equal("abX", 2, "abY", 2));
}

TEST(single_quotes_and_primes)
{
	static const char *const q[] = {"'", "\xe2\x80\x99", "\xe2\x80\x98", "\xe2\x80\x9a",
					"\xe2\x80\x9b", "\xe2\x80\xb2"};
	all_pairs(q, sizeof(q) / sizeof(q[0]));
	CHECK(teq("don't", "don\xe2\x80\x99t"));
	CHECK(teq("5' wide", "5\xe2\x80\xb2 wide"));
}

TEST(double_quotes_and_primes)
{
	static const char *const q[] = {"\"", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x9e",
					"\xe2\x80\x9f", "\xe2\x80\xb3"};
	all_pairs(q, sizeof(q) / sizeof(q[0]));
	CHECK(teq("the \"Act\"", "the \xe2\x80\x9c" "Act\xe2\x80\x9d"));
}

TEST(single_is_not_double)
{
	/* feet and inches: 5′ and 5″ say different things */
	CHECK(!teq("5' high", "5\" high"));
	CHECK(!teq("5\xe2\x80\xb2", "5\xe2\x80\xb3"));
	CHECK(!teq("''", "\""));
}

TEST(dashes)
{
	static const char *const q[] = {"-", "\xe2\x80\x90", "\xe2\x80\x91", "\xe2\x80\x92",
					"\xe2\x80\x93", "\xe2\x80\x94", "\xe2\x80\x95", "\xe2\x88\x92"};
	all_pairs(q, sizeof(q) / sizeof(q[0]));
	CHECK(teq("pages 10-12", "pages 10\xe2\x80\x93" "12"));
	CHECK(teq("-5 degrees", "\xe2\x88\x92" "5 degrees"));
	/* one dash is not two, and a dash is not a space */
	CHECK(!teq("a-b", "a--b"));
	CHECK(!teq("a-b", "a b"));
	CHECK(!teq("a - b", "a-b"));
}

TEST(white_space)
{
	static const char *const q[] = {
		" ", "  ", "\t", "\n", "\r\n", "\xc2\xa0", "\xe1\x9a\x80", "\xe2\x80\x80",
		"\xe2\x80\x81", "\xe2\x80\x82", "\xe2\x80\x83", "\xe2\x80\x84", "\xe2\x80\x85",
		"\xe2\x80\x86", "\xe2\x80\x87", "\xe2\x80\x88", "\xe2\x80\x89", "\xe2\x80\x8a",
		"\xe2\x80\xaf", "\xe2\x81\x9f", "\xe3\x80\x80", "\xe2\x80\xa8", "\xe2\x80\xa9",
		"\xc2\x85", " \xc2\xa0 \t",
	};
	all_pairs(q, sizeof(q) / sizeof(q[0]));
	CHECK(teq("$5\xc2\xa0per day", "$5 per day"));
	/* space is not nothing */
	CHECK(!teq("ab", "a b"));
	CHECK(!teq("a,b", "a, b"));
}

TEST(ends_ignored)
{
	CHECK(teq("  No agent shall. ", "No agent shall."));
	CHECK(teq("\xc2\xa0No agent\xe2\x80\x83", "No agent"));
	CHECK(teq("\xef\xbb\xbfNo agent", "No agent"));
	CHECK(teq(" ", ""));
	CHECK(!teq(" a", "b"));
}

TEST(zero_width)
{
	static const char *const zw[] = {"\xe2\x80\x8b", "\xe2\x80\x8c", "\xe2\x80\x8d",
					 "\xe2\x81\xa0", "\xef\xbb\xbf"};
	size_t i;
	char buf[64];
	for (i = 0; i < sizeof(zw) / sizeof(zw[0]); i++) {
		snprintf(buf, sizeof(buf), "ag%sent", zw[i]);
		CHECK(teq(buf, "agent"));
		snprintf(buf, sizeof(buf), "a %s b", zw[i]);
		CHECK(teq(buf, "a b"));
		snprintf(buf, sizeof(buf), "a%s%sb", zw[i], zw[i]);
		CHECK(teq(buf, "ab"));
		CHECK(!teq(buf, "a b"));
	}
}

TEST(ellipsis)
{
	CHECK(teq("and so on...", "and so on\xe2\x80\xa6"));
	CHECK(teq("wait\xe2\x80\xa6 then", "wait... then"));
	CHECK(teq("a \xe2\x80\xa6", "a ..."));
	CHECK(teq("\xe2\x80\xa6\xe2\x80\xa6", "......"));
	CHECK(!teq("and so on..", "and so on\xe2\x80\xa6"));
	CHECK(!teq("and so on....", "and so on\xe2\x80\xa6"));
	CHECK(!teq("and so on. . .", "and so on\xe2\x80\xa6"));
}

TEST(mixed)
{
	CHECK(teq("The \"Act\" - it's  here...",
		  "The \xe2\x80\x9c" "Act\xe2\x80\x9d \xe2\x80\x94 it\xe2\x80\x99s\xc2\xa0here\xe2\x80\xa6"));
}

TEST(real_changes_are_not_typography)
{
	/* a word change next to a quote change */
	CHECK(!teq("the \"Act\" applies", "the \xe2\x80\x9c" "Acts\xe2\x80\x9d applies"));
	CHECK(!teq("\"agent\" means", "\xe2\x80\x9c" "agency\xe2\x80\x9d means"));
	/* a digit */
	CHECK(!teq("kept for 3 years", "kept for 5 years"));
	CHECK(!teq("$5\xc2\xa0per day", "$6 per day"));
	/* "shall" and "shall not" */
	CHECK(!teq("No person shall park", "No person shall not park"));
	CHECK(!teq("shall", "shall not"));
	CHECK(!teq("shall not", "shall"));
	/* case, other punctuation, a prefix */
	CHECK(!teq("City", "city"));
	CHECK(!teq("a, b", "a; b"));
	CHECK(!teq("a.", "a"));
	CHECK(!teq("agent", "agents"));
	CHECK(!teq("\xc2\xa7 2-1", "2-1"));
}

TEST(malformed_utf8)
{
	/* an invalid byte is itself: never a space, a quote or nothing */
	CHECK(teq("a\xa0" "b", "a\xa0" "b"));
	CHECK(!teq("a\xa0" "b", "a b"));
	CHECK(!teq("a\xa0" "b", "a\xc2\xa0" "b"));
	CHECK(!teq("\xe2\x80", "\""));
	CHECK(!teq("x\xe2\x80", "x"));
	/* an overlong space is not a space */
	CHECK(!teq("a\xc0\xa0" "b", "a b"));
	CHECK(!teq("a\xff" "b", "a\xfe" "b"));
}

int main(void)
{
	RUN(equal_bytes);
	RUN(single_quotes_and_primes);
	RUN(double_quotes_and_primes);
	RUN(single_is_not_double);
	RUN(dashes);
	RUN(white_space);
	RUN(ends_ignored);
	RUN(zero_width);
	RUN(ellipsis);
	RUN(mixed);
	RUN(real_changes_are_not_typography);
	RUN(malformed_utf8);
	return test_summary();
}
