/*
 * test_parse_styles.c - numbering and layout styles of real codes in the
 * plain-text parser: insertion markers ("(1A)", "(E-i)", "(12A-i)",
 * "(9a)", "(a-1)", "(b.1)"), "Repealed." clauses whose later children
 * survive, outline markers ("A." / "1." / "a."), dotted section numbers,
 * section lines as publishers print them.  Each case checks the ids a
 * lawyer would cite and the round trip through the canonical text.
 *
 * The inputs are illustrative, modelled on layouts of the District of
 * Columbia's code, American Legal Publishing and Municode; none is
 * official text.
 */
#include "internal.h"
#include "ordtrack/doc.h"
#include "ordtrack/import.h"
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

/* canonical text of doc, parsed back, gives the same tree */
static int round_trips(const ot_doc *doc)
{
	ot_buf b = OT_BUF_INIT;
	ot_doc *back = NULL;
	size_t i;
	int ok;
	ot_doc_canonical(&b, doc);
	ok = ot_doc_parse_text(&back, b.ptr, b.len, "canonical") == 0 && back->nsections == doc->nsections;
	for (i = 0; ok && i < doc->nsections; i++)
		ok = ot_node_equal(doc->sections[i], back->sections[i]);
	if (!ok)
		printf("#   round trip failed for:\n%s", b.ptr);
	ot_doc_free(back);
	ot_buf_release(&b);
	return ok;
}

/* text of the node with this id, or NULL */
static const char *text_of(const ot_doc *doc, const char *id)
{
	const ot_node *n = ot_doc_find(doc, id);
	if (!n)
		printf("#   no node %s\n", id);
	return n ? (n->kind == OT_NODE_SECTION ? n->heading : n->text) : NULL;
}

TEST(insertion_markers)
{
	ot_doc *doc = parse("42-3404.02 Applicability.\n"
			    "(a) First.\n"
			    "(1) One.\n"
			    "(1A) One A.\n"
			    "(2) Two.\n"
			    "(2A) Two A.\n"
			    "(2A-i) Two A i.\n"
			    "(2A-ii) Two A ii.\n"
			    "(3) Three.\n"
			    "(9) Nine.\n"
			    "(9a) Nine a.\n"
			    "(12A-i) Twelve A i.\n"
			    "(b) Second.\n"
			    "(A) Cap A.\n"
			    "(A-i) Cap A i.\n"
			    "(E) Cap E.\n"
			    "(E-i) Cap E i.\n"
			    "(b-1) Inserted b.\n"
			    "(b.2) Inserted b again.\n"
			    "(c) Third.\n");
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK_STR(text_of(doc, "42-3404.02(a)(1A)"), "One A.");
	CHECK_STR(text_of(doc, "42-3404.02(a)(2A-i)"), "Two A i.");
	CHECK_STR(text_of(doc, "42-3404.02(a)(2A-ii)"), "Two A ii.");
	CHECK_STR(text_of(doc, "42-3404.02(a)(3)"), "Three.");
	CHECK_STR(text_of(doc, "42-3404.02(a)(9a)"), "Nine a.");
	CHECK_STR(text_of(doc, "42-3404.02(a)(12A-i)"), "Twelve A i.");
	CHECK_STR(text_of(doc, "42-3404.02(b)(A-i)"), "Cap A i.");
	CHECK_STR(text_of(doc, "42-3404.02(b)(E-i)"), "Cap E i.");
	CHECK_STR(text_of(doc, "42-3404.02(b-1)"), "Inserted b.");
	CHECK_STR(text_of(doc, "42-3404.02(b.2)"), "Inserted b again.");
	CHECK_STR(text_of(doc, "42-3404.02(c)"), "Third.");
	CHECK(round_trips(doc));
	ot_doc_free(doc);
}

/* "(b) Repealed." with (1) and (2) repealed and (3)-(7) remaining */
TEST(repealed_clause_keeps_surviving_children)
{
	ot_doc *doc = parse("42-3505.01 Evictions.\n"
			    "(a) No eviction except as provided.\n"
			    "(b) Repealed.\n"
			    "(3) The third ground.\n"
			    "(6) The sixth ground, for:\n"
			    "(A) one;\n"
			    "(E) five.\n"
			    "(c) [Reserved].\n"
			    "(2) Two survives.\n"
			    "(d) Last.\n");
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK_STR(text_of(doc, "42-3505.01(b)"), "Repealed.");
	CHECK_STR(text_of(doc, "42-3505.01(b)(3)"), "The third ground.");
	CHECK_STR(text_of(doc, "42-3505.01(b)(6)(A)"), "one;");
	CHECK_STR(text_of(doc, "42-3505.01(b)(6)(E)"), "five.");
	CHECK_STR(text_of(doc, "42-3505.01(c)(2)"), "Two survives.");
	CHECK_STR(text_of(doc, "42-3505.01(d)"), "Last.");
	CHECK(round_trips(doc));
	ot_doc_free(doc);
}

/* A list whose first items were never enacted, below a clause whose
 * text has ended (DC's "(13) ... ward." then "(E)"; "(c)" then "(H)"):
 * the later items are clauses, as the canonical text writes them; but a
 * marker that continues unended text ("subparagraph\n(E) of") stays text */
TEST(gapped_first_items_after_ended_text)
{
	ot_doc *doc = parse("1-1001.02 Definitions.\n"
			    "(13) The term \"ward\" means an election ward.\n"
			    "(E) A ward has a number.\n"
			    "(E-i) A ward may be divided into precincts.\n"
			    "(14) The term \"precinct\" is defined in subparagraph\n"
			    "(E) of paragraph (13).\n"
			    "(15) Last.\n");
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK_STR(text_of(doc, "1-1001.02(13)"), "The term \"ward\" means an election ward.");
	CHECK_STR(text_of(doc, "1-1001.02(13)(E)"), "A ward has a number.");
	CHECK_STR(text_of(doc, "1-1001.02(13)(E-i)"), "A ward may be divided into precincts.");
	CHECK_STR(text_of(doc, "1-1001.02(14)"), "The term \"precinct\" is defined in subparagraph (E) of paragraph (13).");
	CHECK_STR(text_of(doc, "1-1001.02(15)"), "Last.");
	CHECK(round_trips(doc));
	ot_doc_free(doc);
}

/* A history note at the end of a paragraph, on its one line or over the
 * paragraph's last lines (ALP pages wrap so when copied): a note of the
 * section either way, since the canonical text writes the paragraph on
 * one line; a paragraph that goes on after it keeps it as text */
TEST(history_note_ending_a_wrapped_paragraph)
{
	ot_doc *doc = parse("2-173-020 Definitions.\n"
			    "(a) The agency shall keep the register. (Added Coun. J. 3-29-06, p. 72774, \xC2\xA7 2)\n"
			    "(b) The agency shall publish the register every year. (Added\n"
			    "Coun. J. 3-29-06, p. 72774, \xC2\xA7 2; Amend Coun. J. 1-27-21,\n"
			    "p. 26424, \xC2\xA7 1)\n"
			    "(c) As amended by Ord. No. 12 (Ord. No. 12) the fee\n"
			    "is waived.\n");
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK_STR(text_of(doc, "2-173-020(a)"), "The agency shall keep the register.");
	CHECK_STR(text_of(doc, "2-173-020(b)"), "The agency shall publish the register every year.");
	CHECK_STR(text_of(doc, "2-173-020(c)"), "As amended by Ord. No. 12 (Ord. No. 12) the fee is waived.");
	CHECK(doc->nnotes == 2);
	if (doc->nnotes == 2) {
		CHECK_STR(doc->notes[0].text, "(Added Coun. J. 3-29-06, p. 72774, \xC2\xA7 2)");
		CHECK_STR(doc->notes[1].text,
			  "(Added Coun. J. 3-29-06, p. 72774, \xC2\xA7 2; Amend Coun. J. 1-27-21, p. 26424, \xC2\xA7 1)");
		CHECK(doc->notes[1].line == 3);
		CHECK_STR(doc->notes[1].section, "2-173-020");
	}
	CHECK(round_trips(doc));
	ot_doc_free(doc);
}

/* Ohio codes as American Legal Publishing prints them: "1109.02
 * DEFINITIONS." (chapter and section, a heading in capitals) is a section
 * line, even after another section; "2.5 acres" and "1109.02 of this
 * code" stay text */
TEST(chapter_dot_section_numbers)
{
	ot_doc *doc = parse("10.32.010 Purpose.\n"
			    "   Text one.\n"
			    "(Ord. 18-93.  Passed 10-15-19.)\n"
			    "\n"
			    "1109.02 DEFINITIONS.\n"
			    "   Text two, under\n"
			    "1109.02 of this code.\n"
			    "\n"
			    "1213.01 GENERAL.\n"
			    "   2.5 acres at least.\n");
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK(doc->nsections == 3);
	CHECK(ot_doc_section(doc, "1109.02") != NULL);
	CHECK(ot_doc_section(doc, "1213.01") != NULL);
	CHECK_STR(text_of(doc, "1109.02~1"), "Text two, under 1109.02 of this code.");
	CHECK_STR(text_of(doc, "1213.01~1"), "2.5 acres at least.");
	CHECK(doc->nnotes == 1 && strcmp(doc->notes[0].section, "10.32.010") == 0);
	CHECK(round_trips(doc));
	ot_doc_free(doc);
}

/* PDF page furniture in the middle of a sentence, without a form feed
 * to mark the page: a bare page number set off by blank lines, the
 * supplement line, a running head in capitals; each is skipped and
 * reported, and the sentence goes on over it */
TEST(pdf_furniture_mid_sentence)
{
	ot_doc *doc = parse("10-8-330 Noise and vibration.\n"
			    "(a) No person shall make any loud noise in any public\n"
			    "place, including the use of any sound amplifying device\n"
			    "\n"
			    "                         1023\n"
			    "\n"
			    " between the hours of 10:00 p.m. and 8:00 a.m., or in\n"
			    "                                                  Supp. No. 84\n"
			    "MUNICIPAL CODE OF CHICAGO                      \xC2\xA7 10-8-330\n"
			    " any park at any hour, or near\n"
			    "CHAPTER 10-8 USE OF PUBLIC WAYS AND PLACES\n"
			    " a school.\n"
			    "(b) The fine is\n"
			    "\n"
			    "250\n"
			    "\n"
			    "DOLLARS.\n");
	const char *kinds[] = {"page-number", "page-footer", "page-header", "page-header"};
	size_t i;
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK_STR(text_of(doc, "10-8-330(a)"),
		  "No person shall make any loud noise in any public place, including the use of any sound amplifying "
		  "device between the hours of 10:00 p.m. and 8:00 a.m., or in any park at any hour, or near a school.");
	CHECK(doc->nskipped == 4);
	for (i = 0; i < doc->nskipped && i < 4; i++)
		CHECK_STR(doc->skipped[i].kind, kinds[i]);
	/* a number or capitals not between an open sentence and a lowercase
	 * word stay law */
	CHECK_STR(text_of(doc, "10-8-330(b)"), "The fine is");
	CHECK_STR(text_of(doc, "10-8-330~1"), "250");
	CHECK_STR(text_of(doc, "10-8-330~2"), "DOLLARS.");
	CHECK(round_trips(doc));
	ot_doc_free(doc);
}

/* American Legal Publishing's Ohio layout: a definition whose term is
 * "SECTION 8" stays law (it is no amending ordinance's SECTION 8), and
 * "Statutory reference:" and "Penalty, see ..." after the history note
 * are notes */
TEST(alp_ohio_definitions_and_references)
{
	ot_doc *doc = parse("\xC2\xA7 150.002 DEFINITIONS.\n"
			    "\n"
			    "   SANDWICH BOARD. A portable sign.\n"
			    "\n"
			    "   SECTION 8. The federal Housing Choice Voucher Program.\n"
			    "\n"
			    "   TENANT. A person entitled to occupy a dwelling unit.\n"
			    "(Ord. 18-93.  Passed 10-15-19.)\n"
			    "   Statutory reference:\n"
			    "      Animal control, see R.C. 955.12\n"
			    "   Penalty, see \xC2\xA7 150.99\n"
			    "\n"
			    "\xC2\xA7 150.003 SCOPE.\n"
			    "\n"
			    "   SECTION 2. This ordinance shall take effect upon passage.\n");
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK_STR(text_of(doc, "150.002~2"), "SECTION 8. The federal Housing Choice Voucher Program.");
	CHECK_STR(text_of(doc, "150.002~3"), "TENANT. A person entitled to occupy a dwelling unit.");
	CHECK(doc->nnotes == 3);
	if (doc->nnotes == 3) {
		CHECK_STR(doc->notes[1].kind, "cross-reference");
		CHECK_STR(doc->notes[1].text, "Statutory reference: Animal control, see R.C. 955.12");
		CHECK_STR(doc->notes[2].text, "Penalty, see \xC2\xA7 150.99");
	}
	/* the first paragraph of a section, "SECTION 2. This ordinance ...",
	 * is the amending ordinance's prose, reported as skipped */
	CHECK(doc->nskipped == 1 && strcmp(doc->skipped[0].kind, "prose") == 0);
	CHECK(round_trips(doc));
	ot_doc_free(doc);
}

/* a table written with bars: each row a paragraph of its own, never
 * joined into the clause above or into one line */
TEST(bar_table_rows_stay_rows)
{
	ot_doc *doc = parse("4-60-030.1 Late hour licenses.\n"
			    "   (c)   The license shall be subject to the following schedule:\n"
			    "Class | Hours | Fee\n"
			    "Tavern | until 4:00 a.m. | $3,000.00\n"
			    "Package goods | until 2:00 a.m. | $1,500.00\n"
			    "   (d)   A late hour license expires each year.\n");
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK_STR(text_of(doc, "4-60-030.1(c)"), "The license shall be subject to the following schedule:");
	CHECK_STR(text_of(doc, "4-60-030.1~1"), "Class | Hours | Fee");
	CHECK_STR(text_of(doc, "4-60-030.1~2"), "Tavern | until 4:00 a.m. | $3,000.00");
	CHECK_STR(text_of(doc, "4-60-030.1~3"), "Package goods | until 2:00 a.m. | $1,500.00");
	CHECK_STR(text_of(doc, "4-60-030.1(d)"), "A late hour license expires each year.");
	CHECK(round_trips(doc));
	ot_doc_free(doc);
}

/* western US codes: dotted section numbers and A. / 1. / a. outlines;
 * ids as lawyers cite them, 10.32.010(A)(1)(a) */
TEST(outline_markers_and_dotted_sections)
{
	ot_doc *doc = parse("10.32.010 Definitions.\n"
			    "A. Words have these meanings:\n"
			    "1. \"Agency\" means a department.\n"
			    "a. A board is an agency.\n"
			    "b. A commission is an agency.\n"
			    "2. \"Person\" means anyone.\n"
			    "B. Other words have their usual meaning.\n"
			    "C. Smith v. Jones does not apply; nor\n"
			    "A. Smith, the earlier case.\n"
			    "10.32.020 Scope.\n"
			    "This chapter applies citywide.\n"
			    "\n"
			    "15.1.04.010 Rules Of Construction\n"
			    "A. The singular includes the plural.\n"
			    "B. The present tense includes the future.\n");
	const ot_node *n;
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK(doc->nsections == 3);
	CHECK_STR(text_of(doc, "10.32.010(A)"), "Words have these meanings:");
	CHECK_STR(text_of(doc, "10.32.010(A)(1)(a)"), "A board is an agency.");
	CHECK_STR(text_of(doc, "10.32.010(A)(1)(b)"), "A commission is an agency.");
	CHECK_STR(text_of(doc, "10.32.010(A)(2)"), "\"Person\" means anyone.");
	CHECK_STR(text_of(doc, "10.32.010(C)"), "Smith v. Jones does not apply; nor A. Smith, the earlier case.");
	n = ot_doc_find(doc, "10.32.010(A)(1)(a)");
	CHECK(n && strcmp(n->num, "a.") == 0);
	CHECK_STR(text_of(doc, "10.32.020"), "Scope.");
	CHECK_STR(text_of(doc, "15.1.04.010"), "Rules Of Construction");
	CHECK_STR(text_of(doc, "15.1.04.010(B)"), "The present tense includes the future.");
	CHECK(round_trips(doc));
	ot_doc_free(doc);
}

static int warned(const ot_import_report *r, const char *needle)
{
	size_t i;
	for (i = 0; i < r->nwarnings; i++)
		if (strstr(r->warnings[i], needle))
			return 1;
	printf("#   no warning with '%s' among %zu\n", needle, r->nwarnings);
	for (i = 0; i < r->nwarnings; i++)
		printf("#     %s\n", r->warnings[i]);
	return 0;
}

/* a section line in the document's own style starts a section whatever
 * precedes it; when it is read as a continuation, a warning says so */
TEST(section_boundaries_as_printed)
{
	static const char text[] = "2-173-010 Definitions.\n"
				   "(a) \"Agency\" means every office (see Table 1)\n"
				   "2-173-020 Requesting information prohibited.\n"
				   "(a) No agent shall request information, as provided in\n"
				   "2-173-040 Disclosure restricted.\n"
				   "(b) Call the office at\n"
				   "312-744-5000 Extension Office hours apply.\n"
				   "\n"
				   "2-173-040 Disclosure restricted.\n"
				   "(a) No disclosure.\n";
	ot_import_report r;
	ot_doc *doc = NULL;
	ot_import_report_init(&r);
	CHECK(ot_doc_parse_text_report(&doc, text, strlen(text), "b.txt", &r) == 0);
	if (!doc) {
		printf("#   %s\n", ot_error_last());
		ot_import_report_release(&r);
		return;
	}
	CHECK(doc->nsections == 3);
	CHECK_STR(text_of(doc, "2-173-010(a)"), "\"Agency\" means every office (see Table 1)");
	CHECK_STR(text_of(doc, "2-173-020"), "Requesting information prohibited.");
	/* 2-173-040 stands again below: here it is a wrapped cross-reference */
	CHECK_STR(text_of(doc, "2-173-020(a)"),
		  "No agent shall request information, as provided in 2-173-040 Disclosure restricted.");
	CHECK(warned(&r, "b.txt:3: '2-173-020 Requesting information prohibited.' was read as a new section "
			 "although the text of 2-173-010(a) above it has not ended"));
	CHECK(warned(&r, "b.txt:5: '2-173-040 Disclosure restricted.' looks like a section line but was read as "
			 "a continuation of 2-173-020(a)"));
	CHECK(warned(&r, "b.txt:7: '312-744-5000 Extension Office hours apply.' looks like a section line of "
			 "another chapter"));
	CHECK(round_trips(doc));
	ot_doc_free(doc);
	ot_import_report_release(&r);
}

/* "§ 2-173-042" with its heading on the next line */
TEST(heading_on_the_next_line)
{
	ot_doc *doc = parse("§ 2-173-042\n"
			    "Prohibition on certain enforcement actions.\n"
			    "(a) No agent shall do so.\n"
			    "\n"
			    "2-173-050\n"
			    "Community trust.\n"
			    "(a) Trust.\n");
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK_STR(text_of(doc, "2-173-042"), "Prohibition on certain enforcement actions.");
	CHECK_STR(text_of(doc, "2-173-050"), "Community trust.");
	CHECK(round_trips(doc));
	ot_doc_free(doc);
}

/* text as `pdftotext -layout` gives it: a running header and a page
 * number on every page, a clause that wraps over the page break */
TEST(pdf_page_furniture_is_skipped_and_reported)
{
	ot_doc *doc = parse("CHAPTER 2-173 WELCOMING CITY ORDINANCE                    2-173-010\n"
			    "2-173-010 Definitions.\n"
			    "(a) \"Agency\" means every department,\n"
			    "board and commission of the City, and\n"
			    "                               12\n"
			    "\fCHAPTER 2-173 WELCOMING CITY ORDINANCE                  2-173-020\n"
			    "every officer of one.\n"
			    "2-173-020 Requesting information prohibited.\n"
			    "(a) No agent shall request information.\n"
			    "                               13\n"
			    "\fCHAPTER 2-173 WELCOMING CITY ORDINANCE                  2-173-030\n"
			    "2-173-030 Scope.\n"
			    "(a) This chapter applies citywide.\n"
			    "                          Page 14 of 40\n");
	size_t i, headers = 0, numbers = 0;
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK(doc->nsections == 3);
	CHECK_STR(text_of(doc, "2-173-010(a)"),
		  "\"Agency\" means every department, board and commission of the City, and every officer of one.");
	CHECK_STR(text_of(doc, "2-173-020(a)"), "No agent shall request information.");
	CHECK_STR(text_of(doc, "2-173-030(a)"), "This chapter applies citywide.");
	for (i = 0; i < doc->nskipped; i++) {
		headers += strcmp(doc->skipped[i].kind, "page-header") == 0;
		numbers += strcmp(doc->skipped[i].kind, "page-number") == 0;
	}
	/* the running header on every page, the first one included */
	CHECK(headers == 3);
	CHECK(numbers == 3);
	CHECK(doc->nskipped == 6);
	CHECK(doc->nskipped == 6 && doc->skipped[0].line == 1 && doc->skipped[1].line == 5);
	CHECK(doc->title == NULL);
	ot_doc_free(doc);
}

/* pasted from a code web page: no line is wrapped, so two one-line
 * paragraphs are two paragraphs */
TEST(one_line_paragraphs_stay_apart)
{
	static const char text[] = "2-173-005 Purpose and intent.\n"
				   "The Council finds that the cooperation of all persons, regardless of their immigration status, is essential to the mission of the police department and to public safety in every neighborhood of the City, and that a welcoming policy furthers it.\n"
				   "It is the intent of the City that no agency shall ask about immigration status.\n"
				   "(a) This subsection states a rule.\n"
				   "Flush text after the list.\n";
	ot_import_report r;
	ot_doc *doc = NULL;
	ot_import_report_init(&r);
	CHECK(ot_doc_parse_text_report(&doc, text, strlen(text), "u.txt", &r) == 0);
	if (doc) {
		CHECK(strncmp(text_of(doc, "2-173-005~1"), "The Council finds", 17) == 0);
		CHECK_STR(text_of(doc, "2-173-005~2"),
			  "It is the intent of the City that no agency shall ask about immigration status.");
		CHECK_STR(text_of(doc, "2-173-005(a)"), "This subsection states a rule.");
		CHECK_STR(text_of(doc, "2-173-005~3"), "Flush text after the list.");
		CHECK(warned(&r, "u.txt:3: read each line after a full stop as a paragraph of its own"));
		CHECK(round_trips(doc));
	}
	ot_doc_free(doc);
	ot_import_report_release(&r);
}

/* defects a new user's trial found (each input modelled on a real
 * layout): a parenthesised sentence of law that is no note, a PDF whose
 * running heads differ from page to page, a history note broken by a
 * page break, a note whose wrapped line starts with a section number */
TEST(qa_notes_and_pdf_pages)
{
	ot_doc *doc = parse(
			    "2-173-010  Purpose.\n"
			    "   (a)  The city shall provide notice to any person whose application\n"
			    "   for a permit has been denied, together with a statement of the\n"
			    "\n"
			    "\n"
			    "                                  1\n"
			    "\fRIVERTON MUNICIPAL CODE                               Chapter 2-173\n"
			    "\n"
			    "   reasons and of the right to appeal within thirty days.\n"
			    "   (b)  An applicant may request an administrative determi-\n"
			    "\n"
			    "                                  2\n"
			    "\f                                                  Page 3 of 9\n"
			    "nation within ten days of the notice.\n"
			    "   (c)  No fee shall be charged.\n"
			    "(Added Coun. J. 3-29-06, p. 72774, § 2; Amend Coun. J. 1-27-21, p.\n"
			    "\n"
			    "   4\n"
			    "\fRiverton Code\n"
			    "\n"
			    "26424, § 1)\n"
			    "2-173-020  Next.\n"
			    "   (a)  x.\n"
			    "(Added Coun. J. 3-29-06, p. 72774, § 1; formerly §\n"
			    "2-173-005 Purpose and intent; Amend Coun. J. 1-27-21, p. 26424, § 1)\n"
			    "2-173-030  Definitions.\n"
			    "(Code enforcement officers shall waive the renewal fee for licensees over 65 years of age.)\n");
	size_t i, furniture = 0;
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK(doc->nsections == 3);
	CHECK_STR(text_of(doc, "2-173-010(a)"),
		  "The city shall provide notice to any person whose application for a permit has been denied, "
		  "together with a statement of the reasons and of the right to appeal within thirty days.");
	CHECK_STR(text_of(doc, "2-173-010(c)"), "No fee shall be charged.");
	CHECK_STR(text_of(doc, "2-173-030~1"),
		  "(Code enforcement officers shall waive the renewal fee for licensees over 65 years of age.)");
	CHECK(doc->nnotes == 2);
	if (doc->nnotes == 2) {
		CHECK_STR(doc->notes[0].text,
			  "(Added Coun. J. 3-29-06, p. 72774, \xC2\xA7 2; Amend Coun. J. 1-27-21, p. 26424, \xC2\xA7 1)");
		CHECK_STR(doc->notes[1].text, "(Added Coun. J. 3-29-06, p. 72774, \xC2\xA7 1; formerly \xC2\xA7 2-173-005 "
					      "Purpose and intent; Amend Coun. J. 1-27-21, p. 26424, \xC2\xA7 1)");
	}
	CHECK(ot_doc_section(doc, "2-173-005") == NULL);
	for (i = 0; i < doc->nskipped; i++)
		furniture += strncmp(doc->skipped[i].kind, "page-", 5) == 0;
	CHECK(furniture == 6);
	CHECK(round_trips(doc));
	ot_doc_free(doc);
}

/* more of the trial: (i) after (h)(1)(A) is the letter when (j) follows;
 * (aa) after (z) is the letter after z; "11-2-1: HEADING:"; a heading
 * without final punctuation is not joined to the sentence below; a soft
 * hyphen is invisible; "Chapter 2 - ADMINISTRATION" */
TEST(qa_numbering_and_headings)
{
	ot_doc *doc = parse("Chapter 2 - ADMINISTRATION\n"
			    "2-173-010  Purpose.\n"
			    "(h) Eighth.\n"
			    "   (1) one;\n"
			    "      (A) cap A;\n"
			    "(i) Ninth.\n"
			    "(j) Tenth.\n"
			    "(z) z.\n"
			    "(aa) double a.\n"
			    "(bb) double b.\n"
			    "\n"
			    "11-2-1: RULES OF WORD CONSTRUCTION:\n"
			    "A. The officer may de\xC2\xADtain a vehicle.\n"
			    "\n"
			    "2-173-048  Penalties\n"
			    "Any person who violates this chapter shall be fined.\n");
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK_STR(doc->title, "ADMINISTRATION");
	CHECK_STR(text_of(doc, "2-173-010(i)"), "Ninth.");
	CHECK_STR(text_of(doc, "2-173-010(aa)"), "double a.");
	CHECK_STR(text_of(doc, "2-173-010(bb)"), "double b.");
	CHECK_STR(text_of(doc, "11-2-1"), "RULES OF WORD CONSTRUCTION:");
	CHECK_STR(text_of(doc, "11-2-1(A)"), "The officer may detain a vehicle.");
	CHECK_STR(text_of(doc, "2-173-048"), "Penalties");
	CHECK_STR(text_of(doc, "2-173-048~1"), "Any person who violates this chapter shall be fined.");
	CHECK(round_trips(doc));
	ot_doc_free(doc);
}

int main(void)
{
	RUN(insertion_markers);
	RUN(repealed_clause_keeps_surviving_children);
	RUN(gapped_first_items_after_ended_text);
	RUN(history_note_ending_a_wrapped_paragraph);
	RUN(chapter_dot_section_numbers);
	RUN(pdf_furniture_mid_sentence);
	RUN(alp_ohio_definitions_and_references);
	RUN(bar_table_rows_stay_rows);
	RUN(outline_markers_and_dotted_sections);
	RUN(section_boundaries_as_printed);
	RUN(heading_on_the_next_line);
	RUN(pdf_page_furniture_is_skipped_and_reported);
	RUN(one_line_paragraphs_stay_apart);
	RUN(qa_notes_and_pdf_pages);
	RUN(qa_numbering_and_headings);
	return test_summary();
}
