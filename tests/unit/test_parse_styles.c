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

int main(void)
{
	RUN(insertion_markers);
	RUN(repealed_clause_keeps_surviving_children);
	return test_summary();
}
