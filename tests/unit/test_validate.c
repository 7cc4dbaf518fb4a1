/*
 * test_validate.c - names, dates and UTF-8 checks.
 */
#include "ordtrack/ordtrack.h"
#include "test.h"

TEST(names_accepted)
{
	const char *ok[] = {"2-173", "O2021-117", "SO2021-117", "4-60-023", "10-8-330.5", "Title_1", "a(b)"};
	size_t i;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		CHECK(ot_name_check(OT_NAME_ORDINANCE, ok[i]) == 0);
}

TEST(names_refused)
{
	const char *bad[] = {"", "../x", "a/b", ".git", ".GIT", "git~1", "x.", "x ", "-x", "a\\b",
			     "a\tb", "a\nb", "a..b", "x.lock", "a:b", "a b", "\xc3\xa9", ".hidden"};
	char longname[300];
	size_t i;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ot_error_clear();
		CHECK(ot_name_check(OT_NAME_RECORD, bad[i]) == OT_EINVALID);
		CHECK(*ot_error_last() != '\0');
	}
	memset(longname, 'a', 201);
	longname[201] = '\0';
	CHECK(ot_name_check(OT_NAME_RECORD, longname) == OT_EINVALID);
	longname[200] = '\0';
	CHECK(ot_name_check(OT_NAME_RECORD, longname) == 0);
}

TEST(dates)
{
	long d;
	CHECK(ot_date_parse(&d, "1970-01-01") == 0 && d == 0);
	CHECK(ot_date_parse(&d, "2021-01-27") == 0 && d == 18654);
	CHECK(ot_date_parse(&d, "2024-02-29") == 0);
	CHECK(ot_date_parse(&d, "2000-02-29") == 0);
	CHECK(ot_date_parse(&d, "1900-02-29") == OT_EINVALID);
	CHECK(ot_date_parse(&d, "2023-02-29") == OT_EINVALID);
	CHECK(ot_date_parse(&d, "2023-02-30") == OT_EINVALID);
	CHECK(strstr(ot_error_last(), "does not exist") != NULL);
	CHECK(ot_date_parse(&d, "2023-04-31") == OT_EINVALID);
	CHECK(ot_date_parse(&d, "2023-13-01") == OT_EINVALID);
	CHECK(ot_date_parse(&d, "2023-00-10") == OT_EINVALID);
	CHECK(ot_date_parse(&d, "99999-01-01") == OT_EINVALID);
	CHECK(ot_date_parse(&d, "0999-01-01") == OT_EINVALID);
	CHECK(ot_date_parse(&d, "2023-1-1") == OT_EINVALID);
	CHECK(ot_date_parse(&d, "2023-01-01x") == OT_EINVALID);
	CHECK(ot_date_parse(&d, "") == OT_EINVALID);
	CHECK(ot_date_parse(&d, NULL) == OT_EINVALID);
}

TEST(utf8)
{
	size_t line = 0, off = 0;
	CHECK(ot_utf8_check("plain", 5, NULL, NULL) == 0);
	CHECK(ot_utf8_check("\xe2\x80\x9cquoted\xe2\x80\x9d \xc2\xa7", 13, NULL, NULL) == 0);
	CHECK(ot_utf8_check("\xf0\x9f\x98\x80", 4, NULL, NULL) == 0);
	CHECK(ot_utf8_check("ok\nbad \xc3", 8, &line, &off) == OT_EINVALID && line == 2 && off == 7);
	CHECK(ot_utf8_check("\xc0\xaf", 2, NULL, NULL) == OT_EINVALID);         /* overlong '/' */
	CHECK(ot_utf8_check("\xe0\x80\xaf", 3, NULL, NULL) == OT_EINVALID);     /* overlong */
	CHECK(ot_utf8_check("\xed\xa0\x80", 3, NULL, NULL) == OT_EINVALID);     /* surrogate */
	CHECK(ot_utf8_check("\xf4\x90\x80\x80", 4, NULL, NULL) == OT_EINVALID); /* > U+10FFFF */
	CHECK(ot_utf8_check("\xff", 1, NULL, NULL) == OT_EINVALID);
	CHECK(ot_utf8_check("a\0b", 3, &line, &off) == OT_EINVALID && off == 1);
}

TEST(buffers)
{
	ot_buf b = OT_BUF_INIT;
	char *s;
	int i;
	CHECK(b.ptr[0] == '\0' && b.len == 0);
	for (i = 0; i < 1000; i++)
		ot_buf_printf(&b, "%d,", i);
	CHECK(b.len == strlen(b.ptr));
	CHECK(strncmp(b.ptr, "0,1,2,", 6) == 0);
	ot_buf_truncate(&b, 2);
	CHECK_STR(b.ptr, "0,");
	s = ot_buf_detach(&b);
	CHECK_STR(s, "0,");
	CHECK(b.len == 0 && b.cap == 0);
	free(s);
	ot_buf_release(&b);
}

int main(void)
{
	RUN(names_accepted);
	RUN(names_refused);
	RUN(dates);
	RUN(utf8);
	RUN(buffers);
	return test_summary();
}
