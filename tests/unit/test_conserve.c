/*
 * test_conserve.c - the conservation check (src/conserve.c) and what the
 * plain-text parser records for it: skipped material (a notice before the
 * first section, the amending ordinance's own prose), history and
 * editor's notes as the publishers print them, Unicode white space; and
 * planted losses, which the check must refuse with the file and line.
 *
 * Every input here is illustrative, modelled on the layout of American
 * Legal Publishing and Municode code pages; none is official text.
 */
#include "conserve.h"
#include "internal.h"
#include "ordtrack/doc.h"
#include "test.h"

static ot_doc *parse(const char *text)
{
	ot_doc *doc = NULL;
	if (ot_doc_parse_text(&doc, text, strlen(text), "t.txt") < 0) {
		printf("#   parse failed: %s\n", ot_error_last());
		return NULL;
	}
	return doc;
}

static int has(const char *hay, const char *needle)
{
	return hay && strstr(hay, needle) != NULL;
}

static const char chapter[] = "CHAPTER 2-173 WELCOMING CITY ORDINANCE\n"
			      "2-173-005 Purpose.\n"
			      "The purpose of this chapter is stated here.\n"
			      "2-173-010 Definitions.\n"
			      "(a) \"Agency\" means any office of the City.\n"
			      "(b) \"Agent\" means any person employed by an agency.\n";

/* a planted loss that is recorded but left out of its field */
TEST(planted_loss_in_a_field_is_refused)
{
	ot_doc *doc = NULL;
	int err;
	ot_test_plant_loss = (ot_test_plant){1, 2};
	err = ot_doc_parse_text(&doc, chapter, strlen(chapter), "t.txt");
	CHECK(err == OT_EINVALID);
	CHECK(doc == NULL);
	CHECK(has(ot_error_last(), "t.txt:3: the text of 2-173-005~1 does not hold the text read for it"));
	CHECK(has(ot_error_last(), "The purpose of this chapter"));
	CHECK(ot_test_plant_loss.at == 0);
	ot_test_plant_loss = (ot_test_plant){0, 0};
}

/* a planted loss that is not recorded at all */
TEST(planted_unrecorded_loss_is_refused)
{
	ot_doc *doc = NULL;
	int err;
	ot_test_plant_loss = (ot_test_plant){2, 5};
	err = ot_doc_parse_text(&doc, chapter, strlen(chapter), "t.txt");
	CHECK(err == OT_EINVALID);
	CHECK(has(ot_error_last(), "t.txt:6: the text '\"Agent\" means any person"));
	CHECK(has(ot_error_last(), "went into no clause, heading, note or list of skipped material"));
	ot_test_plant_loss = (ot_test_plant){0, 0};
	/* and the same input parses cleanly without the plant */
	doc = parse(chapter);
	CHECK(doc && doc->nsections == 2);
	CHECK(doc && doc->title && strcmp(doc->title, "WELCOMING CITY ORDINANCE") == 0);
	ot_doc_free(doc);
}

/* the check itself, on a hand-made document: a gap, an overlap, a field
 * that holds more or less than was read, text from nowhere */
TEST(check_finds_every_kind_of_loss)
{
	static const char line[] = "2-1-010 Purpose. Words here";
	ot_doc *doc = ot_doc_new();
	ot_node *sec = ot_node_new(OT_NODE_SECTION, "2-1-010", "2-1-010", "Purpose.", NULL);
	ot_conserve *cv;
	size_t u;
	ot_doc_append(doc, sec);

	/* everything accounted for (the rest as skipped) */
	ot_doc_add_skip(doc, 1, "markup", "Words here");
	cv = ot_conserve_new("c.txt");
	u = ot_conserve_unit(cv, line, strlen(line), 1);
	ot_conserve_put(cv, u, line, 7, OT_CV_NUM, sec, 0);
	ot_conserve_put(cv, u, line + 8, 8, OT_CV_HEADING, sec, 0);
	ot_conserve_put(cv, u, line + 17, 10, OT_CV_SKIP, NULL, 0);
	CHECK(ot_conserve_check(cv, doc) == 0);
	ot_conserve_free(cv);

	/* a gap: "Words" is in no piece */
	cv = ot_conserve_new("c.txt");
	u = ot_conserve_unit(cv, line, strlen(line), 7);
	ot_conserve_put(cv, u, line, 7, OT_CV_NUM, sec, 0);
	ot_conserve_put(cv, u, line + 8, 8, OT_CV_HEADING, sec, 0);
	ot_conserve_put(cv, u, line + 23, 4, OT_CV_SKIP, NULL, 0);
	CHECK(ot_conserve_check(cv, doc) == OT_EINVALID);
	CHECK(has(ot_error_last(), "c.txt:7: the text 'Words here' went into no clause"));
	ot_conserve_free(cv);

	/* an overlap: "Purpose." read twice */
	cv = ot_conserve_new("c.txt");
	u = ot_conserve_unit(cv, line, strlen(line), 1);
	ot_conserve_put(cv, u, line, 7, OT_CV_NUM, sec, 0);
	ot_conserve_put(cv, u, line + 8, 8, OT_CV_HEADING, sec, 0);
	ot_conserve_put(cv, u, line + 8, 19, OT_CV_SKIP, NULL, 0);
	CHECK(ot_conserve_check(cv, doc) == OT_EINVALID);
	CHECK(has(ot_error_last(), "was read twice"));
	ot_conserve_free(cv);

	/* a field that holds less than was read for it */
	cv = ot_conserve_new("c.txt");
	u = ot_conserve_unit(cv, line, strlen(line), 1);
	ot_conserve_put(cv, u, line, 7, OT_CV_NUM, sec, 0);
	ot_conserve_put(cv, u, line + 8, 19, OT_CV_HEADING, sec, 0);
	CHECK(ot_conserve_check(cv, doc) == OT_EINVALID);
	CHECK(has(ot_error_last(), "the heading of 2-1-010 does not hold the text read for it ('Words here')"));
	ot_conserve_free(cv);

	/* the skipped entry holds text that no piece brought */
	cv = ot_conserve_new("c.txt");
	u = ot_conserve_unit(cv, line, strlen(line), 1);
	ot_conserve_put(cv, u, line, 7, OT_CV_NUM, sec, 0);
	ot_conserve_put(cv, u, line + 8, 8, OT_CV_HEADING, sec, 0);
	ot_conserve_put(cv, u, line + 17, 10, OT_CV_SYNTAX, NULL, 0);
	CHECK(ot_conserve_check(cv, doc) == OT_EINVALID);
	CHECK(has(ot_error_last(), "c.txt:1: skipped entry 1 holds text that is not in the input ('Words here')"));
	ot_conserve_free(cv);

	/* made-up text must be declared */
	free(sec->heading);
	sec->heading = ot_strdup("Purpose. (2-1-010)");
	cv = ot_conserve_new("c.txt");
	u = ot_conserve_unit(cv, line, strlen(line), 1);
	ot_conserve_put(cv, u, line, 7, OT_CV_NUM, sec, 0);
	ot_conserve_put(cv, u, line + 8, 8, OT_CV_HEADING, sec, 0);
	ot_conserve_put(cv, u, line + 17, 10, OT_CV_SKIP, NULL, 0);
	CHECK(ot_conserve_check(cv, doc) == OT_EINVALID);
	CHECK(has(ot_error_last(), "the heading of 2-1-010 holds text that is not in the input ('(2-1-010)')"));
	ot_conserve_synth(cv, " (2-1-010)", 10, OT_CV_HEADING, sec, 0);
	ot_conserve_free(cv);
	cv = ot_conserve_new("c.txt");
	u = ot_conserve_unit(cv, line, strlen(line), 1);
	ot_conserve_put(cv, u, line, 7, OT_CV_NUM, sec, 0);
	ot_conserve_put(cv, u, line + 8, 8, OT_CV_HEADING, sec, 0);
	ot_conserve_synth(cv, " (2-1-010)", 10, OT_CV_HEADING, sec, 0);
	ot_conserve_put(cv, u, line + 17, 10, OT_CV_SKIP, NULL, 0);
	CHECK(ot_conserve_check(cv, doc) == 0);
	ot_conserve_free(cv);
	ot_doc_free(doc);
}

/* checkpoints (the text reader's, at each new section): what they check
 * is dropped, a loss before one is named at once, a piece recorded later
 * into checked input is refused, and pieces out of order after one are
 * still walked in full at the end */
TEST(checkpoints_check_what_is_final)
{
	static const char text[] = "1-1-010 One.\n(a) First words.\n1-1-020 Two.\n(a) Second words.\n";
	ot_conserve_line lines[4] = {{0, 12}, {13, 16}, {30, 12}, {43, 17}};
	ot_doc *doc = ot_doc_new();
	ot_node *s1 = ot_node_new(OT_NODE_SECTION, "1-1-010", "1-1-010", "One.", NULL);
	ot_node *a1 = ot_node_new(OT_NODE_CLAUSE, "1-1-010(a)", "(a)", NULL, "First words.");
	ot_node *s2 = ot_node_new(OT_NODE_SECTION, "1-1-020", "1-1-020", "Two.", NULL);
	ot_node *a2 = ot_node_new(OT_NODE_CLAUSE, "1-1-020(a)", "(a)", NULL, "Second words.");
	ot_conserve *cv;
	int round;
	ot_node_append(s1, a1);
	ot_node_append(s2, a2);
	ot_doc_append(doc, s1);
	ot_doc_append(doc, s2);
	for (round = 0; round < 4; round++) {
		cv = ot_conserve_new("k.txt");
		ot_conserve_lines(cv, text, lines, 4);
		ot_conserve_put(cv, 0, text, 7, OT_CV_NUM, s1, 0);
		ot_conserve_put(cv, 0, text + 8, 4, OT_CV_HEADING, s1, 0);
		ot_conserve_put(cv, 1, text + 13, 3, OT_CV_NUM, a1, 0);
		/* round 1: "First" is lost */
		if (round == 1)
			ot_conserve_put(cv, 1, text + 23, 6, OT_CV_TEXT, a1, 0);
		else
			ot_conserve_put(cv, 1, text + 17, 12, OT_CV_TEXT, a1, 0);
		if (round == 1) {
			CHECK(ot_conserve_checkpoint(cv, doc, 1, 0, 0) == OT_EINVALID);
			CHECK(has(ot_error_last(), "k.txt:2: the text 'First words.' went into no clause"));
			ot_conserve_free(cv);
			continue;
		}
		CHECK(ot_conserve_checkpoint(cv, doc, 1, 0, 0) == 0);
		ot_conserve_put(cv, 2, text + 30, 7, OT_CV_NUM, s2, 0);
		ot_conserve_put(cv, 2, text + 38, 4, OT_CV_HEADING, s2, 0);
		if (round == 2) /* out of order after the checkpoint: the text first */
			ot_conserve_put(cv, 3, text + 47, 13, OT_CV_TEXT, a2, 0);
		ot_conserve_put(cv, 3, text + 43, 3, OT_CV_NUM, a2, 0);
		if (round == 0)
			ot_conserve_put(cv, 3, text + 47, 13, OT_CV_TEXT, a2, 0);
		if (round == 3) {
			/* into a line the checkpoint checked */
			ot_conserve_put(cv, 3, text + 47, 13, OT_CV_TEXT, a2, 0);
			ot_conserve_put(cv, 1, text + 17, 5, OT_CV_TEXT, a2, 0);
			CHECK(ot_conserve_check(cv, doc) == OT_EINVALID);
			CHECK(has(ot_error_last(), "recorded text outside the input it came from"));
		} else {
			CHECK(ot_conserve_check(cv, doc) == 0);
		}
		ot_conserve_free(cv);
	}
	/* a second section's field that lost its text is named at the end */
	cv = ot_conserve_new("k.txt");
	ot_conserve_lines(cv, text, lines, 4);
	ot_conserve_put(cv, 0, text, 7, OT_CV_NUM, s1, 0);
	ot_conserve_put(cv, 0, text + 8, 4, OT_CV_HEADING, s1, 0);
	ot_conserve_put(cv, 1, text + 13, 3, OT_CV_NUM, a1, 0);
	ot_conserve_put(cv, 1, text + 17, 12, OT_CV_TEXT, a1, 0);
	CHECK(ot_conserve_checkpoint(cv, doc, 1, 0, 0) == 0);
	ot_conserve_put(cv, 2, text + 30, 7, OT_CV_NUM, s2, 0);
	ot_conserve_put(cv, 2, text + 38, 4, OT_CV_HEADING, s2, 0);
	ot_conserve_put(cv, 3, text + 43, 3, OT_CV_NUM, a2, 0);
	ot_conserve_put(cv, 3, text + 47, 13, OT_CV_TEXT, a2, 0);
	free(a2->text);
	a2->text = ot_strdup("Second");
	CHECK(ot_conserve_check(cv, doc) == OT_EINVALID);
	CHECK(has(ot_error_last(), "k.txt:4: the text of 1-1-020(a) does not hold the text read for it"));
	ot_conserve_free(cv);
	ot_doc_free(doc);
}

/* a notice before the first section is reported, not dropped */
TEST(preamble_is_skipped_and_reported)
{
	ot_doc *doc = parse("Illustrative text, not official.\n"
			    "Current through Ord. 2021-5.\n"
			    "\n"
			    "CHAPTER 2-173 WELCOMING CITY ORDINANCE\n"
			    "CHAPTER 2-173 WELCOMING CITY ORDINANCE\n"
			    "2-173-005 Purpose.\n"
			    "(a) One.\n");
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK(doc->nskipped == 2);
	CHECK(doc->nskipped == 2 && doc->skipped[0].line == 1 && strcmp(doc->skipped[0].kind, "preamble") == 0);
	CHECK_STR(doc->nskipped ? doc->skipped[0].text : NULL,
		  "Illustrative text, not official. Current through Ord. 2021-5.");
	CHECK(doc->nskipped == 2 && doc->skipped[1].line == 5);
	CHECK_STR(doc->title, "WELCOMING CITY ORDINANCE");
	ot_doc_free(doc);
}

/* American Legal Publishing: sections back to back, each closed by its
 * history note, the next heading on the very next line */
TEST(alp_history_notes_and_back_to_back_sections)
{
	ot_doc *doc = parse("2-173-005 Purpose and intent.\n"
			    "The City wishes to be a welcoming place.\n"
			    "(Added Coun. J. 3-29-06, p. 72774, § 1)\n"
			    "2-173-010 Definitions.\n"
			    "As used in this chapter:\n"
			    "(a) \"Agency\" means every City department.\n"
			    "(Added Coun. J. 3-29-06, p. 72774, § 1; Amend Coun. J. 1-27-21,\n"
			    "p. 26424, § 1)\n"
			    "2-173-020 Requesting information prohibited.\n"
			    "(a) No agent shall request information.\n"
			    "(Prior code § 2-12-010)\n");
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK(doc->nsections == 3);
	CHECK(doc->nnotes == 3);
	if (doc->nnotes == 3) {
		CHECK_STR(doc->notes[0].section, "2-173-005");
		CHECK_STR(doc->notes[0].kind, "history");
		CHECK_STR(doc->notes[0].text, "(Added Coun. J. 3-29-06, p. 72774, § 1)");
		CHECK(doc->notes[0].line == 3);
		CHECK_STR(doc->notes[1].section, "2-173-010");
		CHECK_STR(doc->notes[1].text,
			  "(Added Coun. J. 3-29-06, p. 72774, § 1; Amend Coun. J. 1-27-21, p. 26424, § 1)");
		CHECK(doc->notes[1].line == 7);
		CHECK_STR(doc->notes[2].kind, "source");
		CHECK_STR(doc->notes[2].section, "2-173-020");
	}
	CHECK(ot_doc_find(doc, "2-173-005~1") && strcmp(ot_doc_find(doc, "2-173-005~1")->text,
							 "The City wishes to be a welcoming place.") == 0);
	CHECK(ot_doc_find(doc, "2-173-010(a)") &&
	      strcmp(ot_doc_find(doc, "2-173-010(a)")->text, "\"Agency\" means every City department.") == 0);
	CHECK(ot_doc_section(doc, "2-173-020") != NULL);
	ot_doc_free(doc);
}

/* Municode: "Sec. 1-2. - Heading.", history notes, an editor's note that
 * wraps, a cross reference */
TEST(municode_notes)
{
	ot_doc *doc = parse("Sec. 1-2. - Definitions.\n"
			    "(a) Words have their ordinary meaning.\n"
			    "(Ord. No. 2019-14, § 1, 3-4-2019)\n"
			    "Editor's note— Ord. No. 2019-14, § 1, adopted March 4, 2019, repealed former § 1-3,\n"
			    "which pertained to fees.\n"
			    "Cross reference— Fees, § 2-10.\n"
			    "\n"
			    "Sec. 1-3. - Penalty.\n"
			    "Any violation is punishable by a fine.\n");
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK(doc->nsections == 2);
	CHECK(doc->nnotes == 3);
	if (doc->nnotes == 3) {
		CHECK_STR(doc->notes[0].kind, "history");
		CHECK_STR(doc->notes[1].kind, "editorial");
		CHECK_STR(doc->notes[1].text, "Editor's note— Ord. No. 2019-14, § 1, adopted March 4, 2019, "
					      "repealed former § 1-3, which pertained to fees.");
		CHECK_STR(doc->notes[2].kind, "cross-reference");
		CHECK_STR(doc->notes[2].section, "1-2");
	}
	CHECK(ot_doc_find(doc, "1-2(a)") &&
	      strcmp(ot_doc_find(doc, "1-2(a)")->text, "Words have their ordinary meaning.") == 0);
	CHECK(ot_doc_find(doc, "1-3~1") != NULL);
	ot_doc_free(doc);
}

/* the amending ordinance's prose after the last section stays out of it */
TEST(trailing_ordinance_prose_is_skipped)
{
	ot_doc *doc = parse("2-173-070 Severability.\n"
			    "(a) If any provision is held invalid, the rest stands.\n"
			    "SECTION 2. This ordinance shall take effect upon passage and approval.\n"
			    "\n"
			    "Approved as to form.\n");
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK_STR(ot_doc_find(doc, "2-173-070(a)") ? ot_doc_find(doc, "2-173-070(a)")->text : NULL,
		  "If any provision is held invalid, the rest stands.");
	CHECK(doc->nskipped == 2);
	if (doc->nskipped == 2) {
		CHECK_STR(doc->skipped[0].kind, "prose");
		CHECK(doc->skipped[0].line == 3);
		CHECK_STR(doc->skipped[0].text,
			  "SECTION 2. This ordinance shall take effect upon passage and approval.");
		CHECK_STR(doc->skipped[1].text, "Approved as to form.");
	}
	ot_doc_free(doc);
}

/* every Unicode space is one space, zero-width characters go */
TEST(unicode_white_space_is_canonical)
{
	ot_doc *a = parse("2-1-010 Purpose.\n(a) One\xE2\x80\x82two\xC2\xA0three\xE2\x80\xAF"
			  "four\xE3\x80\x80" "five si\xE2\x80\x8Bx\xEF\xBB\xBF.\n");
	ot_doc *b = parse("2-1-010 Purpose.\n(a) One two three four five six.\n");
	CHECK(a && b);
	if (a && b)
		CHECK(ot_node_equal(a->sections[0], b->sections[0]));
	ot_doc_free(a);
	ot_doc_free(b);
}

int main(void)
{
	RUN(planted_loss_in_a_field_is_refused);
	RUN(planted_unrecorded_loss_is_refused);
	RUN(check_finds_every_kind_of_loss);
	RUN(checkpoints_check_what_is_final);
	RUN(preamble_is_skipped_and_reported);
	RUN(alp_history_notes_and_back_to_back_sections);
	RUN(municode_notes);
	RUN(trailing_ordinance_prose_is_skipped);
	RUN(unicode_white_space_is_canonical);
	return test_summary();
}
