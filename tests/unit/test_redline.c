/*
 * test_redline.c - redline amendment documents (ot_redline_apply): text
 * markers, HTML strike/underline in all its spellings, omission marks,
 * inserted and repealed clauses and sections, every mismatch reported
 * with clause id and the text in force, hostile and malformed input.
 *
 * The in-force text is an illustrative excerpt modelled on the structure
 * of Chapter 2-173 (not the official text).
 */
#include <stdio.h>
#include <stdlib.h>

#include "ordtrack/ordtrack.h"
#include "test.h"

static const char IN_FORCE[] =
    "2-173-020 Requesting information prohibited.\n"
    "(a) No agent or agency shall ask for information about the citizenship or immigration status of any "
    "person, except where a state statute or the decision of a court requires it.\n"
    "(b) No agency shall make the receipt of any benefit depend on a person's citizenship or immigration "
    "status.\n"
    "\n"
    "2-173-042 Prohibition on certain enforcement actions.\n"
    "(a) Except as provided in subsection (b) of this section, no agency or agent shall:\n"
    "(1) arrest or detain a person solely on the basis of an immigration detainer;\n"
    "(2) arrest or detain a person because of a belief that the person is not lawfully present; or\n"
    "(3) allow a federal immigration agent to use agency facilities.\n"
    "(b) Exceptions. The prohibitions of subsection (a) do not apply to a person who:\n"
    "(1) is the subject of an outstanding criminal warrant; or\n"
    "(2) has been convicted of a felony.\n"
    "\n"
    "2-173-060 Complaints.\n"
    "(a) Any person may file a complaint with the Inspector General.\n"
    "(b) The agency shall answer the complaint within 30 days.\n";

static ot_doc *in_force(void)
{
	ot_doc *d = NULL;
	if (ot_doc_parse_text(&d, IN_FORCE, strlen(IN_FORCE), "in-force") < 0) {
		printf("#   cannot parse the in-force text: %s\n", ot_error_last());
		exit(1);
	}
	return d;
}

/* The in-force text with replacements applied (pairs old, new). */
static char *expected_text(const char *const *pairs, size_t n)
{
	ot_doc *d = NULL;
	ot_buf b = OT_BUF_INIT;
	size_t i;
	char *s;
	ot_buf_puts(&b, IN_FORCE);
	for (i = 0; i + 1 < n; i += 2) {
		char *hit = strstr(b.ptr, pairs[i]);
		ot_buf nb = OT_BUF_INIT;
		if (!hit) {
			printf("#   fixture: '%s' not in the in-force text\n", pairs[i]);
			exit(1);
		}
		ot_buf_put(&nb, b.ptr, (size_t)(hit - b.ptr));
		ot_buf_puts(&nb, pairs[i + 1]);
		ot_buf_puts(&nb, hit + strlen(pairs[i]));
		ot_buf_release(&b);
		b = nb;
	}
	if (ot_doc_parse_text(&d, b.ptr, b.len, "expected") < 0) {
		printf("#   cannot parse the expected text: %s\n", ot_error_last());
		exit(1);
	}
	ot_buf_release(&b);
	ot_doc_canonical(&b, d);
	ot_doc_free(d);
	s = ot_buf_detach(&b);
	return s;
}

/* Apply a redline; the canonical text of the result (caller frees) or
 * NULL with the error message left. */
static char *apply(const char *redline, const char *name)
{
	ot_doc *f = in_force(), *out = NULL;
	ot_buf b = OT_BUF_INIT;
	ot_doc *back = NULL;
	int err;
	ot_error_clear();
	err = ot_redline_apply(&out, f, redline, strlen(redline), name);
	ot_doc_free(f);
	if (err < 0) {
		CHECK(out == NULL);
		CHECK(err == OT_EINVALID);
		return NULL;
	}
	ot_doc_canonical(&b, out);
	/* the invariants: the canonical text reads back as the same tree */
	CHECK(ot_doc_parse_text(&back, b.ptr, b.len, "back") == 0);
	if (back) {
		size_t i;
		CHECK(back->nsections == out->nsections);
		for (i = 0; i < back->nsections && i < out->nsections; i++)
			CHECK(ot_node_equal(back->sections[i], out->sections[i]));
	}
	ot_doc_free(back);
	ot_doc_free(out);
	return ot_buf_detach(&b);
}

static int msg_has(const char *needle)
{
	int ok = strstr(ot_error_last(), needle) != NULL;
	if (!ok)
		printf("#   message lacks '%s': %s\n", needle, ot_error_last());
	return ok;
}

static void check_result(const char *got, const char *const *pairs, size_t n)
{
	char *want = expected_text(pairs, n);
	if (!got)
		printf("#   error: %s\n", ot_error_last());
	CHECK_STR(got, want);
	free(want);
}

TEST(text_markers_strike_and_insert)
{
	static const char *const pairs[] = {"shall ask for", "shall request",
					    "a state statute or the decision",
					    "a federal statute, a state statute or the decision"};
	char *got = apply(
	    "2-173-020 Requesting information prohibited.\n"
	    "(a) No agent or agency shall [[ask for]]{{request}} information about the citizenship or\n"
	    "    immigration status of any person, except where {{a federal statute,}} a state statute\n"
	    "    or the decision of a court requires it.\n"
	    "(Omitted text is unaffected by this ordinance)\n",
	    "amend.txt");
	check_result(got, pairs, 4);
	free(got);
}

TEST(text_unchanged_sections_left_alone)
{
	/* only 2-173-060 is shown; 020 and 042 are untouched */
	static const char *const pairs[] = {"within 30 days", "within 14 days"};
	char *got = apply("SECTION 1. Chapter 2-173 of the Municipal Code is hereby amended as follows:\n"
			  "2-173-060 Complaints.\n"
			  "* * *\n"
			  "(b) The agency shall answer the complaint within [[30]]{{14}} days.\n"
			  "SECTION 2. This ordinance takes effect upon passage.\n",
			  "amend.txt");
	check_result(got, pairs, 2);
	free(got);
}

TEST(html_s_u_del_ins_strike)
{
	static const char *const pairs[] = {"shall ask for",
					    "shall request",
					    "any person, except",
					    "any individual, except",
					    "a federal immigration agent",
					    "a federal agent",
					    "file a complaint with the Inspector General",
					    "file a written complaint with the Office of Inspector General"};
	char *got = apply(
	    "<!DOCTYPE html><html><head><title>x</title><style>s{color:red}</style></head><body>\n"
	    "<p>2-173-020 Requesting information prohibited.</p>\n"
	    "<p>(a) No agent or agency shall <s>ask for</s> <u>request</u> information about the citizenship "
	    "or immigration status of any <del>person</del><ins>individual</ins>, except where a state "
	    "statute or the decision of a court requires it.</p>\n"
	    "<p>* * *</p>\n"
	    "<p>2-173-042 Prohibition on certain enforcement actions.</p>\n"
	    "<p>* * *</p>\n"
	    "<p>(3) allow a federal <strike>immigration</strike> agent to use agency facilities.</p>\n"
	    "<p>(Omitted text unaffected)</p>\n"
	    "<h3>2-173-060 Complaints.</h3>\n"
	    "<p>(a) Any person may file a <ins>written</ins> complaint with the <u>Office of</u> "
	    "Inspector General.</p>\n"
	    "<script>document.write('[[x]]')</script></body></html>\n",
	    "amend.html");
	check_result(got, pairs, 8);
	free(got);
}

TEST(html_styles_and_word_spans)
{
	static const char *const pairs[] = {"within 30 days", "within 14 calendar days", "Any person may",
					    "Any person or organization may"};
	char *got = apply(
	    "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\">\n"
	    "<body lang=EN-US style='tab-interval:.5in'>\n"
	    "<p class=MsoNormal><b><span "
	    "style='mso-bidi-font-size:12.0pt'>2-173-060&nbsp;Complaints.</span></b><o:p></o:p></p>\n"
	    "<p class=MsoNormal>(a) Any person <span "
	    "style='text-decoration:underline;text-underline:single'>or "
	    "organization</span> may file a complaint with the Inspector General.</p>\n"
	    "<p class=MsoNormal style='mso-list:l0 level1 lfo1'>(b) The agency shall answer the complaint "
	    "within <span style=\"font-family:Arial; text-decoration-line: line-through\">30</span>"
	    "<span style='text-decoration: underline'>14 calendar</span> days.</p>\n"
	    "</body></html>\n",
	    "word.htm");
	check_result(got, pairs, 4);
	free(got);
}

TEST(nested_spans_inherit)
{
	static const char *const pairs[] = {"with the Inspector General", "with the Board"};
	char *got = apply(
	    "<html><body><p>2-173-060 Complaints.</p>"
	    "<p>(a) Any person may file a complaint with the <span style='text-decoration:line-through'>"
	    "<span style='font-weight:bold'>Inspector "
	    "<i>General</i></span></span><u><span>Board</span></u>.</p>"
	    "<p>(b) The agency shall answer the complaint within 30 days.</p></body></html>",
	    "nested.html");
	check_result(got, pairs, 2);
	free(got);
}

TEST(whole_clause_inserted)
{
	static const char *const pairs[] = {
	    "(2) has been convicted of a felony.\n",
	    "(2) has been convicted of a felony; or\n(3) is a defendant in a pending felony case.\n"};
	char *got = apply("2-173-042 Prohibition on certain enforcement actions.\n"
			  "* * *\n"
			  "(b) Exceptions. The prohibitions of subsection (a) do not apply to a person who:\n"
			  "(1) is the subject of an outstanding criminal warrant; or\n"
			  "(2) has been convicted of a felony[[.]]{{; or}}\n"
			  "{{(3) is a defendant in a pending felony case.}}\n",
			  "amend.txt");
	check_result(got, pairs, 2);
	free(got);
	/* inserted between two shown clauses, in HTML */
	{
		static const char *const p2[] = {
		    "(b) The agency", "(b) The Inspector General shall keep a record.\n(c) The agency"};
		got = apply(
		    "<html><body><p>2-173-060 Complaints.</p><p>(a) Any person may file a complaint with the "
		    "Inspector General.</p><p><u>(b) The Inspector General shall keep a record.</u></p>"
		    "<p><s>(b)</s><u>(c)</u> The agency shall answer the complaint within 30 "
		    "days.</p></body></html>",
		    "ins.html");
		check_result(got, p2, 2);
		free(got);
	}
}

TEST(repeal_of_a_clause_and_a_section)
{
	static const char *const pairs[] = {
	    "(a) Except as provided in subsection (b) of this section, no agency or agent shall:",
	    "(a) No agency or agent shall:",
	    "(b) Exceptions. The prohibitions of subsection (a) do not apply to a person who:\n"
	    "(1) is the subject of an outstanding criminal warrant; or\n"
	    "(2) has been convicted of a felony.\n",
	    ""};
	char *got = apply(
	    "2-173-042 Prohibition on certain enforcement actions.\n"
	    "(a) [[Except as provided in subsection (b) of this section, no]]{{No}} agency or agent shall:\n"
	    "* * *\n"
	    "[[(b) Exceptions. The prohibitions of subsection (a) do not apply to a person who:]]\n"
	    "[[(1) is the subject of an outstanding criminal warrant; or]]\n"
	    "[[(2) has been convicted of a felony.]]\n",
	    "repeal.txt");
	check_result(got, pairs, 4);
	free(got);
	/* a struck clause takes its descendants that are not shown with it */
	got = apply("2-173-042 Prohibition on certain enforcement actions.\n"
		    "* * *\n"
		    "[[(b) Exceptions. The prohibitions of subsection (a) do not apply to a person who:]]\n"
		    "* * *\n",
		    "repeal2.txt");
	{
		static const char *const p2[] = {
		    "(b) Exceptions. The prohibitions of subsection (a) do not apply to a person who:\n"
		    "(1) is the subject of an outstanding criminal warrant; or\n"
		    "(2) has been convicted of a felony.\n",
		    ""};
		check_result(got, p2, 2);
	}
	free(got);
	/* a whole section struck */
	got = apply(
	    "[[2-173-060 Complaints.]]\n[[(a) Any person may file a complaint with the Inspector General.]]\n"
	    "[[(b) The agency shall answer the complaint within 30 days.]]\n",
	    "repeal3.txt");
	CHECK(got && !strstr(got, "2-173-060") && strstr(got, "2-173-042"));
	free(got);
}

TEST(whole_section_inserted_and_heading_changed)
{
	char *got = apply(
	    "<html><body><p><u>2-173-070 Private right of action.</u></p>"
	    "<p><u>(a) Any person injured by a violation of this chapter may bring a civil action.</u></p>"
	    "<p><u>(b) Nothing in this section creates a right to damages.</u></p>"
	    "<p>2-173-060 <s>Complaints</s><u>Complaints and remedies</u>.</p>"
	    "<p>* * *</p></body></html>",
	    "new.html");
	CHECK(got != NULL);
	if (!got)
		printf("#   %s\n", ot_error_last());
	CHECK(got && strstr(got, "2-173-060 Complaints and remedies.\n(a) Any person may file"));
	CHECK(got &&
	      strstr(got, "\n\n2-173-070 Private right of action.\n(a) Any person injured by a violation of "
			  "this chapter may bring a civil action.\n(b) Nothing in this section creates a "
			  "right to damages.\n"));
	free(got);
	/* a new section the plain-text form cannot hold after the others (a
	 * lowercase heading reads back only at the top) is refused, not
	 * recorded broken (found by fuzzing) */
	CHECK(apply("{{\xC2\xA7 2-173-070 private right of action.}}\n{{(a) Any person may sue.}}\n",
		    "lower.txt") == NULL);
	CHECK(msg_has("lower.txt: the amended text does not read back as written"));
	/* inserting a section that is in force is a mismatch */
	CHECK(apply("{{2-173-060 Complaints.}}\n{{(a) Anything.}}\n", "dup.txt") == NULL);
	CHECK(msg_has("2-173-060 (line 1): shown as inserted, but the section is in force"));
}

TEST(omitted_text_inside_a_clause)
{
	static const char *const pairs[] = {"a state statute or the decision of a court",
					    "a state statute or the order of a court"};
	char *got = apply(
	    "2-173-020 Requesting information prohibited.\n"
	    "(a) * * * except where a state statute or the [[decision]]{{order}} of a court requires it.\n",
	    "gap.txt");
	check_result(got, pairs, 2);
	free(got);
	/* ... and a clause shown only by its marker */
	{
		static const char *const p2[] = {"answer the complaint within",
						 "answer the complaint in writing within"};
		got = apply("2-173-060 Complaints.\n(a) (Omitted text unaffected)\n"
			    "(b) The agency shall answer the complaint {{in writing}} within 30 days.\n",
			    "gap2.txt");
		check_result(got, p2, 2);
		free(got);
	}
}

TEST(every_mismatch_listed)
{
	char *got = apply(
	    "2-173-020 Requesting information prohibited.\n"
	    "(a) No agent or agency shall [[not ask]] for information about the citizenship or\n"
	    "immigration status of any person, except where a state statute or the decision of a court\n"
	    "requires it.\n"
	    "(b) No agency shall make the receipt of any [[benefits]] depend on a person's citizenship\n"
	    "or immigration status.\n"
	    "2-173-042 Prohibition on certain enforcement actions.\n"
	    "* * *\n"
	    "(3) allow a [[state]] immigration agent to use agency facilities.\n"
	    "(b) Exceptions. The prohibitions of subsection (a) do not apply to a person who is old:\n",
	    "amend.txt");
	CHECK(got == NULL);
	free(got);
	CHECK(msg_has("amend.txt: 4 passages do not match the text in force of 2-173:"));
	CHECK(msg_has("\n  2-173-020(a) (line 2): struck \"not ask\" not found; in force: \"... agent or "
		      "agency shall ask for information"));
	CHECK(msg_has("\n  2-173-020(b) (line 5): struck \"benefits\" not found; in force: \""));
	CHECK(msg_has("\n  2-173-042(a)(3) (line 9): struck \"state\" not found; in force: \"allow a federal "
		      "immigration agent"));
	CHECK(msg_has("\n  2-173-042(b) (line 10): text \"... apply to a person who is old:\" is not "
		      "the text in force: \"... apply to a person who:\""));
}

TEST(mismatch_unknown_clause_and_section)
{
	CHECK(apply("2-173-060 Complaints.\n(c) The agency shall [[answer]] the complaint within 30 days.\n",
		    "a.txt") == NULL);
	CHECK(msg_has(
	    "a.txt: 1 passage does not match the text in force of 2-173:\n  2-173-060(c) (line 2): no such "
	    "clause in "
	    "force; nearest: 2-173-060(b) \"The agency shall answer the complaint within 30 days.\""));
	CHECK(apply("2-173-099 Other.\n(a) Text [[here]].\n", "b.txt") == NULL);
	CHECK(msg_has(
	    "2-173-099 (line 1): no such section in force; in force: 2-173-020, 2-173-042, 2-173-060"));
	/* HTML lines are source lines */
	CHECK(
	    apply(
		"<html><body>\n<p>2-173-060 Complaints.</p>\n\n<p>(b) The agency shall answer the complaint "
		"within <s>60</s><u>14</u> days.</p>\n</body></html>",
		"c.html") == NULL);
	CHECK(msg_has("2-173-060(b) (line 4): struck \"60\" not found; in force: \"The agency shall answer "
		      "the complaint within 30 days.\""));
}

TEST(nothing_changed_is_the_in_force_text)
{
	char *got = apply("2-173-060 Complaints.\n* * *\n", "same.txt");
	check_result(got, NULL, 0);
	free(got);
}

TEST(malformed_and_hostile_input)
{
	CHECK(apply("2-173-060 Complaints.\n(a) Any [[person may file\n", "u.txt") == NULL);
	CHECK(msg_has("u.txt:2: '[[' is never closed"));
	CHECK(apply("2-173-060 Complaints.\n(a) Any [[person {{may}} file]]\n", "n.txt") == NULL);
	CHECK(msg_has("n.txt:2: '{{' inside a marked passage"));
	CHECK(apply("2-173-060 Complaints.\n(a) Any person]] may\n", "c.txt") == NULL);
	CHECK(msg_has("c.txt:2: ']]' closes no '[['"));
	CHECK(apply("2-173-060 Complaints.\n(a) Any \xff person\n", "bad.txt") == NULL);
	CHECK(msg_has("bad.txt:2: invalid UTF-8"));
	CHECK(apply("<html><body><p>2-173-060 Complaints.</p><p>(a) Any \xc3\x28 person</p></body></html>",
		    "bad.html") == NULL);
	CHECK(msg_has("bad.html:1: invalid UTF-8"));
	CHECK(apply("Nothing to see here.\n", "empty.txt") == NULL);
	CHECK(msg_has("empty.txt: no section found"));
	CHECK(apply("", "zero.txt") == NULL);
	CHECK(apply("<?xml version=\"1.0\"?><section><num>1</num></section>", "x.xml") == NULL);
	CHECK(msg_has("x.xml: an XML document is not a redline"));
	CHECK(apply("<?xml version=\"1.0\"?>\n<!DOCTYPE html [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"
		    "<html><body><p>2-173-060 Complaints.</p><p>(a) &e;</p></body></html>",
		    "xxe.html") == NULL);
	CHECK(strstr(ot_error_last(), "root:") == NULL);
	/* deep nesting is refused by the safe reader */
	{
		ot_buf b = OT_BUF_INIT;
		int i;
		ot_buf_puts(&b, "<html><body><p>2-173-060 Complaints.</p>");
		for (i = 0; i < 300; i++)
			ot_buf_puts(&b, "<span>");
		ot_buf_puts(&b, "(a) x</body></html>");
		CHECK(apply(b.ptr, "deep.html") == NULL);
		CHECK(msg_has("deep.html"));
		ot_buf_release(&b);
	}
	/* the same section twice */
	CHECK(apply("2-173-060 Complaints.\n* * *\n2-173-060 Complaints.\n* * *\n", "twice.txt") == NULL);
	CHECK(msg_has("twice.txt:3: duplicate section number '2-173-060'"));
	/* an inserted clause whose marker duplicates one in force */
	CHECK(apply("2-173-060 Complaints.\n(a) Any person may file a complaint with the Inspector General.\n"
		    "{{(b) Another.}}\n* * *\n",
		    "dupid.txt") == NULL);
	CHECK(msg_has("dupid.txt:"));
}

TEST(crlf_bom_and_nbsp)
{
	static const char *const pairs[] = {"within 30 days", "within 10 days"};
	char *got = apply("\xEF\xBB\xBF"
			  "2-173-060 Complaints.\r\n* * *\r\n(b) The agency shall\xC2\xA0 answer the "
			  "complaint\r\n  within [[30]]{{10}} days.\r\n",
			  "crlf.txt");
	check_result(got, pairs, 2);
	free(got);
}

TEST(omission_pieces_whole_words_and_unambiguous)
{
	static const char *const pairs[] = {"shall ask for", "shall inquire for"};
	/* a whole word found once: applied */
	char *got = apply("2-173-020 Requesting information prohibited.\n(a) * * * [[ask]]{{inquire}} * * *\n",
			  "once.txt");
	check_result(got, pairs, 2);
	free(got);
	/* "gen" lies only inside "agent" and "agency": not found */
	got = apply("2-173-020 Requesting information prohibited.\n(a) * * * [[gen]]{{GEN}} * * *\n", "in.txt");
	CHECK(got == NULL);
	CHECK(msg_has("2-173-020(a) (line 2)"));
	CHECK(msg_has("whole words, in order"));
	free(got);
	/* "or" is a word three times in 2-173-020(a): which one is not said */
	got = apply("2-173-020 Requesting information prohibited.\n(a) * * * [[or]]{{and}} * * *\n", "amb.txt");
	CHECK(got == NULL);
	CHECK(msg_has("passage \"or\" occurs 3 times"));
	free(got);
	/* an unchanged ambiguous piece does not matter; the changed one is pinned */
	{
		static const char *const p2[] = {"the decision of a court", "the order of a court"};
		got = apply("2-173-020 Requesting information prohibited.\n"
			    "(a) * * * or * * * the [[decision]]{{order}} of a court requires it.\n",
			    "pin.txt");
		check_result(got, p2, 2);
		free(got);
	}
	/* a clause after "* * *" that fits two in force: both ids listed */
	got = apply("2-173-042 Prohibition on certain enforcement actions.\n* * *\n(2) * * * a [[felony]]{{crime}}.\n",
		    "clause.txt");
	CHECK(got == NULL);
	CHECK(msg_has("clause.txt:3: clause \"(2) * * * a felony.\""));
	CHECK(msg_has("2-173-042(a)(2), 2-173-042(b)(2)"));
	free(got);
	/* its parent shown: (b)(2) */
	{
		static const char *const p3[] = {"convicted of a felony", "convicted of a crime"};
		got = apply("2-173-042 Prohibition on certain enforcement actions.\n* * *\n"
			    "(b) Exceptions. The prohibitions of subsection (a) do not apply to a person who:\n"
			    "(2) * * * a [[felony]]{{crime}}.\n",
			    "parent.txt");
		check_result(got, p3, 2);
		free(got);
	}
}

TEST(struck_and_underscored_refused)
{
	char *got = apply("<p>2-173-060 Complaints.</p>\n<p>(a) Any person may file a <del>complaint <ins>X</ins></del> "
			  "with the Inspector General.</p>\n",
			  "both.html");
	CHECK(got == NULL);
	CHECK(msg_has("both.html:2: text \"X\" is both struck and underscored"));
	free(got);
}

int main(void)
{
	RUN(text_markers_strike_and_insert);
	RUN(text_unchanged_sections_left_alone);
	RUN(html_s_u_del_ins_strike);
	RUN(html_styles_and_word_spans);
	RUN(nested_spans_inherit);
	RUN(whole_clause_inserted);
	RUN(repeal_of_a_clause_and_a_section);
	RUN(whole_section_inserted_and_heading_changed);
	RUN(omitted_text_inside_a_clause);
	RUN(every_mismatch_listed);
	RUN(mismatch_unknown_clause_and_section);
	RUN(nothing_changed_is_the_in_force_text);
	RUN(malformed_and_hostile_input);
	RUN(crlf_bom_and_nbsp);
	RUN(omission_pieces_whole_words_and_unambiguous);
	RUN(struck_and_underscored_refused);
	return test_summary();
}
