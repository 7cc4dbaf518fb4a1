/*
 * test_import_html.c - the HTML importer (src/import_html.c) on pages laid
 * out as American Legal Publishing and Municode publish them: every text
 * node accounted for (the conservation check refuses a planted loss with
 * the HTML file and line), every skipped element listed with its line,
 * history and editor's notes as notes of their section, nested and
 * restarting <ol> lists, split section headings and markers, one-line
 * paragraphs never joined.  Fixtures: tests/data/import/ (run from the
 * repository top); all page text is illustrative.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_html.h"
#include "internal.h"
#include "ordtrack/ordtrack.h"
#include "test.h"

#define DATA "tests/data/import/"

/* The whole import as text, one item a line, to compare exactly:
 * "S id line | heading", "C id line | num | text", "T id line | text",
 * "N section line | kind | text", "K line | kind | text". */
static void dump_node(ot_buf *o, const ot_node *n)
{
	unsigned i;
	if (n->kind == OT_NODE_SECTION)
		ot_buf_printf(o, "S %s %u | %s\n", n->id, n->line, n->heading);
	else if (n->kind == OT_NODE_CLAUSE)
		ot_buf_printf(o, "C %s %u | %s | %s\n", n->id, n->line, n->num, n->text);
	else
		ot_buf_printf(o, "T %s %u | %s\n", n->id, n->line, n->text);
	for (i = 0; i < n->nchildren; i++)
		dump_node(o, n->children[i]);
}

static char *dump(const ot_doc *d)
{
	ot_buf o = OT_BUF_INIT;
	size_t i;
	for (i = 0; i < d->nsections; i++)
		dump_node(&o, d->sections[i]);
	for (i = 0; i < d->nnotes; i++)
		ot_buf_printf(&o, "N %s %u | %s | %s\n", d->notes[i].section ? d->notes[i].section : "-",
			      d->notes[i].line, d->notes[i].kind, d->notes[i].text);
	for (i = 0; i < d->nskipped; i++)
		ot_buf_printf(&o, "K %u | %s | %s\n", d->skipped[i].line, d->skipped[i].kind, d->skipped[i].text);
	return ot_buf_detach(&o);
}

/* Import s (or the fixture file) and compare the dump with want. */
static int imports_as(const char *name, const char *s, size_t len, const char *want, ot_import_report *rep)
{
	ot_doc *d = NULL;
	char *got;
	int ok;
	ot_error_clear();
	if (ot_doc_import(&d, s, len, name, rep) < 0) {
		printf("#   import failed: %s\n", ot_error_last());
		return 0;
	}
	got = dump(d);
	ok = strcmp(got, want) == 0;
	if (!ok)
		printf("#   got:\n%s#   expected:\n%s", got, want);
	free(got);
	ot_doc_free(d);
	return ok;
}

static int file_imports_as(const char *file, const char *want)
{
	char chunk[8192];
	ot_buf data = OT_BUF_INIT, path = OT_BUF_INIT;
	ot_import_report rep;
	size_t n;
	FILE *f;
	int ok = 0;
	ot_buf_printf(&path, DATA "%s", file);
	if ((f = fopen(path.ptr, "rb")) != NULL) {
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			ot_buf_put(&data, chunk, n);
		fclose(f);
		ok = imports_as(file, data.ptr, data.len, want, &rep);
		ot_import_report_release(&rep);
	} else {
		printf("#   cannot read %s\n", path.ptr);
	}
	ot_buf_release(&data);
	ot_buf_release(&path);
	return ok;
}

static int str_imports_as(const char *s, const char *want)
{
	ot_import_report rep;
	int ok = imports_as("page.html", s, strlen(s), want, &rep);
	ot_import_report_release(&rep);
	return ok;
}

/* ---- conservation ----------------------------------------------------- */

static const char *const plant_page = "<html><body>\n"
				      "<h2>2-1-010 Purpose.</h2>\n"
				      "<p>(a) First clause.</p>\n"
				      "<p>(b) Second <b>clause</b>.</p>\n"
				      "<nav>Home</nav>\n"
				      "</body></html>";

TEST(planted_loss_refused_with_html_line)
{
	ot_doc *d = NULL;
	/* text nodes in order: "2-1-010 Purpose." (1), "(a) First clause."
	 * (2), "(b) Second " (3), "clause" (4), "." (5), "Home" (6) */
	ot_test_html_plant = (ot_test_plant){1, 4}; /* recorded, left out */
	ot_error_clear();
	CHECK(ot_doc_import(&d, plant_page, strlen(plant_page), "page.html", NULL) == OT_EINVALID);
	CHECK(d == NULL);
	CHECK(strstr(ot_error_last(), "page.html:4: the text read from the markup does not hold the text read "
				       "for it ('clause')") != NULL);
	CHECK(ot_test_html_plant.at == 0);
	ot_test_html_plant = (ot_test_plant){2, 2}; /* lost unrecorded */
	ot_error_clear();
	CHECK(ot_doc_import(&d, plant_page, strlen(plant_page), "page.html", NULL) == OT_EINVALID);
	CHECK(strstr(ot_error_last(), "page.html:3: the text '(a) First clause.' went into no clause") != NULL);
	/* a loss in skipped text is refused too */
	ot_test_html_plant = (ot_test_plant){1, 6};
	ot_error_clear();
	CHECK(ot_doc_import(&d, plant_page, strlen(plant_page), "page.html", NULL) == OT_EINVALID);
	CHECK(strstr(ot_error_last(), "page.html: the reader put text in a place that is not in the document") !=
	      NULL);
	ot_test_html_plant = (ot_test_plant){2, 6};
	ot_error_clear();
	CHECK(ot_doc_import(&d, plant_page, strlen(plant_page), "page.html", NULL) == OT_EINVALID);
	CHECK(strstr(ot_error_last(), "page.html:5: the text 'Home' went into no clause") != NULL);
	ot_test_html_plant = (ot_test_plant){0, 0};
	/* and without the plant the page reads cleanly */
	CHECK(str_imports_as(plant_page, "S 2-1-010 2 | Purpose.\n"
					 "C 2-1-010(a) 3 | (a) | First clause.\n"
					 "C 2-1-010(b) 4 | (b) | Second clause.\n"
					 "K 5 | navigation | Home\n"));
}

/* ---- skipped material ------------------------------------------------- */

TEST(skipped_elements_listed_with_lines)
{
	const char *page = "<html><head><title>Code</title><style>p { x: 1 }</style></head><body>\n"
			   "<header>Site name</header>\n"
			   "<div role=\"navigation\">Menu one</div>\n"
			   "<ul class=\"breadcrumb\"><li>Code</li><li>Title 9</li></ul>\n"
			   "<div class=\"toolbar\"><button>Print</button> <a>Email</a></div>\n"
			   "<h2>9-1-010 Scope.</h2>\n"
			   "<p>(a) Text<span hidden>secret</span> here.</p>\n"
			   "<script>var a = \"(b) not law\";</script>\n"
			   "<noscript>Enable scripts</noscript>\n"
			   "<aside>See also 9-2</aside>\n"
			   "<div class=\"site-footer\">Footer words</div>\n"
			   "<footer><p>Last</p><p>words</p></footer>\n"
			   "</body></html>";
	/* the head, the style sheet and the script are markup (syntax):
	 * not listed */
	CHECK(str_imports_as(page, "S 9-1-010 6 | Scope.\n"
				   "C 9-1-010(a) 7 | (a) | Text here.\n"
				   "K 2 | navigation | Site name\n"
				   "K 3 | navigation | Menu one\n"
				   "K 4 | navigation | Code Title 9\n"
				   "K 5 | navigation | Print Email\n"
				   "K 7 | hidden | secret\n"
				   "K 9 | markup | Enable scripts\n"
				   "K 10 | navigation | See also 9-2\n"
				   "K 11 | navigation | Footer words\n"
				   "K 12 | navigation | Last words\n"));
}

/* ---- notes ------------------------------------------------------------ */

TEST(alp_page_notes_headings_furniture)
{
	CHECK(file_imports_as("alp_page.html",
			      "S 2-173-010 14 | Definitions.\n"
			      "T 2-173-010~1 15 | As used in this chapter:\n"
			      "C 2-173-010(a) 16 | (a) | \"Agency\" means every department of the City.\n"
			      "C 2-173-010(b) 17 | (b) | \"Agent\" means any person employed by an agency.\n"
			      "S 2-173-042 21 | Prohibited enforcement actions.\n"
			      "C 2-173-042(a) 22 | (a) | No agent shall:\n"
			      "C 2-173-042(a)(1) 23 | (1) | arrest a person on the basis of a detainer;\n"
			      "C 2-173-042(a)(2) 24 | (2) | allow a federal agent to use agency facilities.\n"
			      "N 2-173-010 18 | history | (Added Coun. J. 3-29-06, p. 72774, § 1; Amend Coun. J. "
			      "1-27-21, p. 26424, § 1)\n"
			      "N 2-173-042 25 | history | (Added Coun. J. 3-29-06, p. 72774, § 1)\n"
			      "N 2-173-042 26 | editorial | Editor's note – Coun. J. 1-27-21 removed the former "
			      "exceptions.\n"
			      "K 9 | navigation | Skip to code content (skip section selection)\n"
			      "K 10 | navigation | Print Compare to: 2020\n"
			      "K 11 | navigation | Municipal Code of Chicago / TITLE 2 / CHAPTER 2-173\n"
			      "K 29 | navigation | Disclaimer: this page may not reflect recent changes.\n"));
}

TEST(municode_page_notes_split_markers)
{
	CHECK(file_imports_as("muni_page.html",
			      "S 1-2 10 | Definitions.\n"
			      "T 1-2~1 12 | In this Code:\n"
			      "C 1-2(a) 13 | (a) | City means the City of Exampleton.\n"
			      "C 1-2(b) 14 | (b) | Council means the city council.\n"
			      "S 1-3 19 | Penalties.\n"
			      "T 1-3~1 21 | A violation is punishable by a fine.\n"
			      "N 1-2 15 | history | (Ord. No. 2019-14, § 1, 3-4-2019)\n"
			      "N 1-2 16 | cross-reference | Cross reference— Elections, ch. 8.\n"
			      "N 1-2 17 | cross-reference | State law reference— Definitions, Fla. Stat. § 1.01.\n"
			      "N 1-3 22 | history | (Code 1964, § 1-3; Ord. No. 2019-14, § 2, 3-4-2019)\n"
			      "N 1-3 23 | editorial | Editor's note— Ord. No. 2019-14 amended § 1-3 in its "
			      "entirety.\n"
			      "K 8 | navigation | Municode Library\n"
			      "K 9 | navigation | Code of Ordinances Chapter 1 - GENERAL PROVISIONS\n"
			      "K 25 | navigation | Powered by Municode.\n"));
}

/* Municode's split markers in the outline style: "1." or "a." in a <p>
 * of its own and its text in the next join into one clause */
TEST(municode_split_outline_markers)
{
	CHECK(file_imports_as("muni_outline.html",
			      "S 14-2 5 | License required.\n"
			      "C 14-2(a) 6 | (a) | The application shall state:\n"
			      "C 14-2(a)(1) 7 | 1. | The name of the applicant;\n"
			      "C 14-2(a)(1)(a) 8 | a. | If a corporation, its registered agent.\n"
			      "C 14-2(a)(2) 9 | 2. | The address of the premises.\n"
			      "C 14-2(b) 10 | (b) | A license expires each year.\n"));
}

TEST(note_like_text_inside_a_clause_stays)
{
	/* a parenthesis that does not stand alone, or a clause that
	 * mentions an ordinance, is law */
	CHECK(str_imports_as("<h2>2-1-010 Purpose.</h2>\n<p>(a) See (Ord. No. 5, 2019) for more.</p>\n"
			     "<p>(Ord. No. 5) and more words.</p>\n",
			     "S 2-1-010 1 | Purpose.\n"
			     "C 2-1-010(a) 2 | (a) | See (Ord. No. 5, 2019) for more.\n"
			     "T 2-1-010~1 3 | (Ord. No. 5) and more words.\n"));
}

/* ---- lists ------------------------------------------------------------ */

TEST(ol_nesting_restart_type_start_value)
{
	ot_import_report rep;
	/* nested untyped lists restart at 1 under each item: a level below */
	CHECK(str_imports_as("<h3>10-1-010 Parking.</h3>\n<ol type=\"a\">\n<li>No person shall park:\n"
			     "<ol><li>on a walk;</li><li>in a lane.</li></ol></li>\n"
			     "<li>No person shall stop:\n<ol><li>on a bridge.</li></ol></li>\n</ol>\n",
			     "S 10-1-010 1 | Parking.\n"
			     "C 10-1-010(a) 3 | a. | No person shall park:\n"
			     "C 10-1-010(a)(1) 4 | 1. | on a walk;\n"
			     "C 10-1-010(a)(2) 4 | 2. | in a lane.\n"
			     "C 10-1-010(b) 5 | b. | No person shall stop:\n"
			     "C 10-1-010(b)(1) 6 | 1. | on a bridge.\n"));
	/* a page that writes "(a)": the made-up markers follow it; an
	 * untyped list under "(1)" is a level below, not a second (1) */
	CHECK(str_imports_as("<h3>10-1-020 Fees.</h3>\n<p>(a) Fees are:</p>\n<p>(1) for a permit:</p>\n"
			     "<ol><li>ten dollars;</li><li>or more.</li></ol>\n"
			     "<p>(2) for a renewal:</p>\n<ol><li>five dollars.</li></ol>\n"
			     "<ol type=\"i\"><li>one</li><li>(ii) keeps its marker</li></ol>\n"
			     "<p>(b) Two.</p>\n<ol type=\"a\" start=\"3\"><li>three</li><li value=\"5\">five</li>"
			     "<li>six</li></ol>\n",
			     "S 10-1-020 1 | Fees.\n"
			     "C 10-1-020(a) 2 | (a) | Fees are:\n"
			     "C 10-1-020(a)(1) 3 | (1) | for a permit:\n"
			     "C 10-1-020(a)(1)(A) 4 | (A) | ten dollars;\n"
			     "C 10-1-020(a)(1)(B) 4 | (B) | or more.\n"
			     "C 10-1-020(a)(2) 5 | (2) | for a renewal:\n"
			     "C 10-1-020(a)(2)(A) 6 | (A) | five dollars.\n"
			     "C 10-1-020(a)(2)(A)(i) 7 | (i) | one\n"
			     "C 10-1-020(a)(2)(A)(ii) 7 | (ii) | keeps its marker\n"
			     "C 10-1-020(b) 8 | (b) | Two.\n"
			     "C 10-1-020(c) 9 | (c) | three\n"
			     /* value="5" gives "(e)", then "(f)": the text parser
			      * reads a gap in the letters as text */
			     "T 10-1-020~1 9 | (e) five\n"
			     "T 10-1-020~2 9 | (f) six\n"));
	/* a typed list under an item numbered the same way: one level
	 * below, with a warning */
	CHECK(imports_as("page.html",
			 "<h3>10-1-030 Terms.</h3>\n<ol type=\"a\"><li>Words:\n<ol type=\"a\"><li>one</li></ol></li></ol>",
			 strlen("<h3>10-1-030 Terms.</h3>\n<ol type=\"a\"><li>Words:\n<ol type=\"a\"><li>one</li></ol></li></ol>"),
			 "S 10-1-030 1 | Terms.\n"
			 "C 10-1-030(a) 2 | a. | Words:\n"
			 "C 10-1-030(a)(1) 3 | 1. | one\n",
			 &rep));
	CHECK(rep.nwarnings == 1 && strstr(rep.warnings[0], "page.html:3: a list of type \"a\" under a clause "
							    "numbered the same way is read as the level below"));
	ot_import_report_release(&rep);
}

/* ---- headings and paragraphs ----------------------------------------- */

TEST(split_headings_join_their_section)
{
	CHECK(str_imports_as("<h3><span class=\"number\">§ 2-173-042</span><span class=\"heading\">Prohibited "
			     "acts.</span></h3>\n<p>(a) One.</p>\n"
			     "<p class=\"secnum\">Sec. 2-173-050.</p>\n<p class=\"catchline\">Reports.</p>\n"
			     "<p>(a) Two.</p>\n"
			     "<h4>2-173-060</h4>\n<p>Notices.</p>\n<p>(a) Three.</p>\n"
			     "<p>Sec. 2-173-070.</p>\n<p>(a) Four.</p>\n",
			     "S 2-173-042 1 | Prohibited acts.\n"
			     "C 2-173-042(a) 2 | (a) | One.\n"
			     "S 2-173-050 3 | Reports.\n"
			     "C 2-173-050(a) 5 | (a) | Two.\n"
			     "S 2-173-060 6 | Notices.\n"
			     "C 2-173-060(a) 8 | (a) | Three.\n"
			     "S 2-173-070 9 | \n"
			     "C 2-173-070(a) 10 | (a) | Four.\n"));
	/* a plain <p> after a bare number in a plain <p> is not a heading */
	CHECK(str_imports_as("<p>Sec. 9-1-010.</p>\n<p>Every person shall comply.</p>\n",
			     "S 9-1-010 1 | \n"
			     "T 9-1-010~1 2 | Every person shall comply.\n"));
}

TEST(one_line_paragraphs_never_joined)
{
	CHECK(str_imports_as("<h2>2-1-010 Purpose</h2>\n<p>(a) The following</p>\n<p>words go on</p>\n"
			     "<p>in a third paragraph</p>\n<ol type=\"a\" start=\"2\"><li>Two</li></ol>\n"
			     "<p>(c) Three</p>\n",
			     "S 2-1-010 1 | Purpose\n"
			     "C 2-1-010(a) 2 | (a) | The following\n"
			     "T 2-1-010~1 3 | words go on\n"
			     "T 2-1-010~2 4 | in a third paragraph\n"
			     "C 2-1-010(b) 5 | (b) | Two\n"
			     "C 2-1-010(c) 6 | (c) | Three\n"));
}

int main(void)
{
	RUN(planted_loss_refused_with_html_line);
	RUN(skipped_elements_listed_with_lines);
	RUN(alp_page_notes_headings_furniture);
	RUN(municode_page_notes_split_markers);
	RUN(municode_split_outline_markers);
	RUN(note_like_text_inside_a_clause_stays);
	RUN(ol_nesting_restart_type_start_value);
	RUN(split_headings_join_their_section);
	RUN(one_line_paragraphs_never_joined);
	return test_summary();
}
