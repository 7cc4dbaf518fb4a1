/*
 * test_import_group.c - the library rules of a whole-code import:
 * ot_import_group (chapters, the directory rule, duplicates, titles and
 * notes, refusals that leave a file out), ot_warnings_group and its line,
 * and ot_diff_notes (notes added, removed, changed, apart from the law).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "ordtrack/ordtrack.h"
#include "test.h"

static ot_doc *parse(const char *text, const char *name)
{
	ot_doc *d = NULL;
	if (ot_doc_parse_text(&d, text, strlen(text), name) < 0) {
		printf("#   parse %s: %s\n", name, ot_error_last());
		return ot_doc_new();
	}
	return d;
}

static void free_groups(char **ords, ot_doc **docs, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		free(ords[i]);
		ot_doc_free(docs[i]);
	}
	free(ords);
	free(docs);
}

TEST(group_by_chapter_and_directory)
{
	ot_import_piece p[3];
	char **ords = NULL;
	ot_doc **docs = NULL;
	size_t n = 0, i;
	memset(p, 0, sizeof(p));
	p[0].doc = parse("9-98-020 Fines.\n(a) $25.\n9-98-010 Scope.\n(a) Bikes.\n", "code/a.txt");
	p[0].file = "code/a.txt";
	p[1].doc = parse("5-2-1-010 Deep.\n(a) One.\n", "code/5-2-1/s1");
	p[1].file = "code/5-2-1/s1";
	p[2].doc = parse("Sec. 12.04.010 Dotted.\n(a) Three.\n", "code/misc/s2");
	p[2].file = "code/misc/s2";
	CHECK(ot_import_group(&ords, &docs, &n, p, 3, "code", NULL) == 0);
	CHECK(n == 3);
	if (n == 3) {
		CHECK_STR(ords[0], "5-2-1");
		CHECK_STR(ords[1], "9-98");
		CHECK_STR(ords[2], "12.04");
		CHECK(docs[1]->nsections == 2);
		CHECK_STR(docs[1]->sections[0]->num, "9-98-010"); /* sorted */
	}
	for (i = 0; i < 3; i++) {
		CHECK(p[i].doc->nsections == 0); /* moved */
		ot_doc_free(p[i].doc);
	}
	free_groups(ords, docs, n);
}

TEST(group_duplicate_is_error_without_list)
{
	ot_import_piece p[2];
	char **ords = NULL;
	ot_doc **docs = NULL;
	size_t n = 0;
	memset(p, 0, sizeof(p));
	p[0].doc = parse("9-98-010 Scope.\n(a) Bikes.\n", "x/a");
	p[0].file = "x/a";
	p[1].doc = parse("9-98-010 Scope.\n(a) Trikes.\n", "x/b");
	p[1].file = "x/b";
	CHECK(ot_import_group(&ords, &docs, &n, p, 2, "x", NULL) == OT_EINVALID);
	CHECK(strstr(ot_error_last(), "section 9-98-010 appears twice: x/a:1 and x/b:1") != NULL);
	CHECK(n == 0 && !ords && !docs);
	CHECK(p[0].doc->nsections == 1 && p[1].doc->nsections == 1); /* nothing moved */
	ot_doc_free(p[0].doc);
	ot_doc_free(p[1].doc);
}

TEST(group_refuses_files_and_keeps_the_rest)
{
	ot_import_piece p[4];
	ot_import_refusals r;
	char **ords = NULL;
	ot_doc **docs = NULL;
	const char **files = NULL;
	size_t n = 0, nf = 0, i;
	memset(p, 0, sizeof(p));
	memset(&r, 0, sizeof(r));
	p[0].doc = parse("9-98-010 Scope.\n(a) Bikes.\n", "x/a");
	p[0].file = "x/a";
	p[1].doc = parse("9-98-010 Scope.\n(a) Trikes.\n", "x/b");
	p[1].file = "x/b";
	p[2].doc = parse("Intro.\n\n\302\247 12 Rules.\n(a) Text.\n", "x/c");
	p[2].file = "x/c";
	p[3].doc = parse("9-99-010 Good.\n(a) Kept.\n", "x/d");
	p[3].file = "x/d";
	CHECK(ot_import_group(&ords, &docs, &n, p, 4, "x", &r) == 0);
	CHECK(r.n == 2);
	ot_import_refusals_files(&files, &nf, &r);
	CHECK(nf == 3);
	if (nf == 3) {
		CHECK_STR(files[0], "x/a");
		CHECK_STR(files[1], "x/b");
		CHECK_STR(files[2], "x/c");
	}
	CHECK(ot_import_refusals_has(&r, "x/b"));
	CHECK(!ot_import_refusals_has(&r, "x/d"));
	CHECK(n == 1);
	if (n == 1) {
		CHECK_STR(ords[0], "9-99");
		CHECK(docs[0]->nsections == 1);
	}
	CHECK(p[0].doc->nsections == 1); /* refused: left in its piece */
	CHECK(p[3].doc->nsections == 0);
	for (i = 0; i < 4; i++)
		ot_doc_free(p[i].doc);
	free(files);
	free_groups(ords, docs, n);
	ot_import_refusals_release(&r);
}

TEST(group_title_and_notes_follow_sections)
{
	ot_import_piece p[1];
	char **ords = NULL;
	ot_doc **docs = NULL;
	size_t n = 0;
	ot_doc_note *note;
	memset(p, 0, sizeof(p));
	p[0].doc = parse("CHAPTER 9-99 TEST\n9-99-010 Purpose.\n(a) Text.\n", "f");
	p[0].file = "f";
	p[0].line_off = 10;
	note = ot_doc_add_note(p[0].doc, "9-99-010", "history", "Added 2020.");
	note->line = 4;
	ot_doc_add_note(p[0].doc, NULL, "editorial", "Loose.");
	CHECK(ot_import_group(&ords, &docs, &n, p, 1, "f", NULL) == 0);
	CHECK(n == 1);
	if (n == 1) {
		CHECK_STR(docs[0]->title, "TEST");
		CHECK(docs[0]->nnotes == 2);
		if (docs[0]->nnotes == 2) {
			CHECK_STR(docs[0]->notes[0].text, "Added 2020.");
			CHECK(docs[0]->notes[0].line == 14);
		}
	}
	ot_doc_free(p[0].doc);
	free_groups(ords, docs, n);
}

TEST(warnings_grouped_by_message)
{
	const char *w[] = {"a.xml:12: unknown element <reason>", "b.xml:3: unknown element <reason>",
			   "a.xml:40: something else",         "c.xml:7: unknown element <reason>",
			   "no place at all",                  "d.xml:1: unknown element <reason>",
			   "e.xml:1: unknown element <reason>", "f.xml:1: unknown element <reason>",
			   "g.xml:9: unknown element <reason>"};
	ot_warning_group *g = NULL;
	ot_buf line = OT_BUF_INIT;
	size_t n = 0;
	ot_warnings_group(&g, &n, w, OT_ARRAY_LEN(w));
	CHECK(n == 3);
	if (n == 3) {
		CHECK_STR(g[0].message, "unknown element <reason>");
		CHECK(g[0].count == 7);
		CHECK_STR(g[0].first, "a.xml:12");
		CHECK(g[0].nothers == OT_WARNING_OTHER_PLACES);
		ot_warning_group_format(&line, &g[0]);
		CHECK_STR(line.ptr, "unknown element <reason> (7 times, first at a.xml:12; others at b.xml:3, c.xml:7, "
				    "d.xml:1, e.xml:1, f.xml:1, ...)");
		ot_buf_clear(&line);
		ot_warning_group_format(&line, &g[1]);
		CHECK_STR(line.ptr, "a.xml:40: something else"); /* a single one reads as before */
		CHECK(g[2].first == NULL && g[2].count == 1);
	}
	ot_warning_groups_free(g, n);
	{
		const char *w2[] = {"a.xml:14: unknown element <em2> (its text is kept in 2-173-050(a))",
				    "b.xml:9: unknown element <em2> (its text is kept in 2-174-010)"};
		ot_warnings_group(&g, &n, w2, 2);
		CHECK(n == 1 && g[0].count == 2);
		if (n == 1)
			CHECK_STR(g[0].message, "unknown element <em2>");
	}
	ot_buf_clear(&line);
	ot_buf_put_count(&line, 4280);
	ot_buf_putc(&line, ' ');
	ot_buf_put_count(&line, 20173000);
	ot_buf_putc(&line, ' ');
	ot_buf_put_count(&line, 12);
	CHECK_STR(line.ptr, "4,280 20,173,000 12");
	ot_buf_release(&line);
	ot_warning_groups_free(g, n);
}

TEST(notes_diff_apart_from_the_law)
{
	ot_doc *a = parse("9-99-010 Purpose.\n(a) Text.\n", "a"), *b = parse("9-99-010 Purpose.\n(a) Text.\n", "b");
	ot_diff *d = NULL;
	ot_doc_add_note(a, "9-99-010", "history", "Added 2019.");
	ot_doc_add_note(a, "9-99-010", "editorial", "Same.");
	ot_doc_add_note(a, NULL, "source", "Gone.");
	ot_doc_add_note(b, "9-99-010", "editorial", "Same.");
	ot_doc_add_note(b, "9-99-010", "history", "Added 2020.");
	ot_doc_add_note(b, "9-99-010", "cross-reference", "See 9-98.");
	CHECK(ot_diff_compute(&d, a, b, NULL) == 0);
	CHECK(d && !ot_diff_has_changes(d));
	CHECK(ot_diff_has_note_changes(d));
	CHECK(d && d->nnotes == 3);
	if (d && d->nnotes == 3) {
		CHECK(d->notes[0].kind == OT_NOTE_REMOVED && d->notes[0].section == NULL);
		CHECK(d->notes[1].kind == OT_NOTE_ADDED);
		CHECK_STR(d->notes[1].note_kind, "cross-reference");
		CHECK(d->notes[2].kind == OT_NOTE_CHANGED);
		CHECK_STR(d->notes[2].old_text, "Added 2019.");
		CHECK_STR(d->notes[2].new_text, "Added 2020.");
	}
	ot_diff_free(d);
	d = NULL;
	/* no notes on either side: none reported */
	CHECK(ot_diff_compute(&d, b, b, NULL) == 0);
	CHECK(d && d->nnotes == 0);
	ot_diff_free(d);
	ot_doc_free(a);
	ot_doc_free(b);
}

int main(void)
{
	RUN(group_by_chapter_and_directory);
	RUN(group_duplicate_is_error_without_list);
	RUN(group_refuses_files_and_keeps_the_rest);
	RUN(group_title_and_notes_follow_sections);
	RUN(warnings_grouped_by_message);
	RUN(notes_diff_apart_from_the_law);
	return test_summary();
}
