/*
 * test.h - the unit-test harness.  A test file defines cases with
 * TEST(name) { ... CHECK(cond); CHECK_STR(a, b); ... } and a main that
 * calls RUN(name) for each and returns test_summary().
 *
 * Output, one line per case: "ok NAME" or "not ok NAME" preceded by the
 * failed checks ("#   file:line: CHECK(...)").  tests/run.sh counts the
 * ok / not ok lines of every test program.
 */
#ifndef ORDTRACK_TEST_H
#define ORDTRACK_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int test_failed_checks;
static int test_cases_passed, test_cases_failed;

#define CHECK(cond)                                                              \
	do {                                                                     \
		if (!(cond)) {                                                   \
			test_failed_checks++;                                    \
			printf("#   %s:%d: CHECK(%s)\n", __FILE__, __LINE__, #cond); \
		}                                                                \
	} while (0)

#define CHECK_STR(a, b)                                                          \
	do {                                                                     \
		const char *check_a_ = (a), *check_b_ = (b);                     \
		if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_) != 0) { \
			test_failed_checks++;                                    \
			printf("#   %s:%d: CHECK_STR(%s, %s)\n#     got:      %s\n" \
			       "#     expected: %s\n",                           \
			       __FILE__, __LINE__, #a, #b,                       \
			       check_a_ ? check_a_ : "(null)",                   \
			       check_b_ ? check_b_ : "(null)");                  \
		}                                                                \
	} while (0)

#define TEST(name) static void name(void)

#define RUN(name)                                                                \
	do {                                                                     \
		test_failed_checks = 0;                                          \
		name();                                                          \
		if (test_failed_checks) {                                        \
			test_cases_failed++;                                     \
			printf("not ok %s\n", #name);                            \
		} else {                                                         \
			test_cases_passed++;                                     \
			printf("ok %s\n", #name);                                \
		}                                                                \
		fflush(stdout);                                                  \
	} while (0)

static inline int test_summary(void)
{
	printf("# %d passed, %d failed\n", test_cases_passed, test_cases_failed);
	return test_cases_failed ? 1 : 0;
}

#endif
