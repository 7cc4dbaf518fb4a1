/*
 * test_parse.c - the plain-text parser (src/parse_text.c) and the
 * round-trip law with the canonical writer (ot_section_canonical).
 *
 * - golden: every tests/golden/parse/NAME.txt, run from the repo top.
 *   With NAME.canon: the canonical text of the parse must equal it, the
 *   ids must be well formed, and parse(canonical) must give the same tree.
 *   With NAME.err: the parse must fail with OT_EINVALID and a message
 *   containing the expected text.
 * - targeted cases on the tree itself (ids, nesting, title).
 * - random trees (deterministic seeds): build, serialise, parse, compare.
 * - random line soup: whatever parses must re-parse from its canonical
 *   text to the same tree, and no non-blank text may be lost.
 * - hostile input: a 1 MB line, many levels, many paragraphs.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "ordtrack/doc.h"
#include "test.h"

#define GOLDEN_DIR "tests/golden/parse"

/* ---- helpers ----------------------------------------------------------- */

static int read_file(ot_buf *out, const char *path)
{
	char chunk[8192];
	size_t n;
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		ot_buf_put(out, chunk, n);
	fclose(f);
	return 0;
}

static int parse_str(ot_doc **out, const char *s)
{
	return ot_doc_parse_text(out, s, strlen(s), "test.txt");
}

static char *canon_of(const ot_doc *doc)
{
	ot_buf b = OT_BUF_INIT;
	ot_doc_canonical(&b, doc);
	return ot_buf_detach(&b);
}

/* Check ids, parent pointers and kinds of one section without recursion.
 * Returns 1 if well formed. */
static int ids_well_formed(const ot_node *sec)
{
	const ot_node **stack = NULL;
	size_t n = 0, cap = 0, i;
	int ok = sec->kind == OT_NODE_SECTION && sec->num && strcmp(sec->id, sec->num) == 0 && sec->heading &&
		 !sec->text && !sec->parent;
	ot_buf want = OT_BUF_INIT;
	*OT_ARRAY_PUSH(stack, n, cap) = sec;
	while (n && ok) {
		const ot_node *cur = stack[--n];
		unsigned ntext = 0;
		for (i = 0; i < cur->nchildren && ok; i++) {
			const ot_node *c = cur->children[i];
			ot_buf_clear(&want);
			if (c->parent != cur || c->kind == OT_NODE_SECTION || !c->text || c->heading)
				ok = 0;
			else if (c->kind == OT_NODE_TEXT) {
				ot_buf_printf(&want, "%s~%u", cur->id, ++ntext);
				ok = !c->num && strcmp(c->id, want.ptr) == 0 && *c->text;
			} else {
				ot_buf_printf(&want, "%s%s", cur->id, c->num);
				ok = c->num && c->num[0] == '(' && strcmp(c->id, want.ptr) == 0;
			}
			*OT_ARRAY_PUSH(stack, n, cap) = c;
		}
	}
	ot_buf_release(&want);
	free(stack);
	return ok;
}

/* parse(canonical(doc)) must succeed and equal doc section by section, and
 * its canonical text must be the same bytes.  Returns 1 if so. */
static int round_trips(const ot_doc *doc, const char *label)
{
	char *c1 = canon_of(doc), *c2 = NULL;
	ot_doc *again = NULL;
	size_t i;
	int ok = parse_str(&again, c1) == 0 && again->nsections == doc->nsections;
	for (i = 0; ok && i < doc->nsections; i++)
		ok = ot_node_equal(doc->sections[i], again->sections[i]) &&
		     ids_well_formed(again->sections[i]);
	if (ok) {
		c2 = canon_of(again);
		ok = strcmp(c1, c2) == 0;
	}
	if (!ok)
		printf("#   round trip failed for %s: %s\n#   canonical:\n%s", label,
		       again ? "trees differ" : ot_error_last(), c1);
	free(c1);
	free(c2);
	ot_doc_free(again);
	return ok;
}

/* ---- golden cases ------------------------------------------------------ */

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int golden_case(const char *base)
{
	ot_buf path = OT_BUF_INIT, in = OT_BUF_INIT, want = OT_BUF_INIT;
	ot_doc *doc = NULL;
	char *got = NULL;
	int ok = 1, err;
	size_t i;

	ot_buf_printf(&path, "%s/%s.txt", GOLDEN_DIR, base);
	if (read_file(&in, path.ptr) < 0)
		ok = 0;
	ot_buf_clear(&path);
	ot_buf_printf(&path, "%s.txt", base);
	err = ot_doc_parse_text(&doc, in.ptr, in.len, path.ptr);
	ot_buf_clear(&path);
	ot_buf_printf(&path, "%s/%s.err", GOLDEN_DIR, base);
	if (ok && read_file(&want, path.ptr) == 0) {
		while (want.len && (want.ptr[want.len - 1] == '\n' || want.ptr[want.len - 1] == '\r'))
			ot_buf_truncate(&want, want.len - 1);
		if (err != OT_EINVALID || doc || !want.len || !strstr(ot_error_last(), want.ptr) ||
		    strchr(ot_error_last(), '\n')) {
			printf("#   golden %s: expected error containing '%s', got %d '%s'\n", base, want.ptr,
			       err, err ? ot_error_last() : "");
			ok = 0;
		}
		goto done;
	}
	ot_buf_clear(&path);
	ot_buf_printf(&path, "%s/%s.canon", GOLDEN_DIR, base);
	if (!ok || read_file(&want, path.ptr) < 0) {
		printf("#   golden %s: missing %s\n", base, path.ptr);
		ok = 0;
		goto done;
	}
	if (err) {
		printf("#   golden %s: parse failed: %s\n", base, ot_error_last());
		ok = 0;
		goto done;
	}
	got = canon_of(doc);
	if (strcmp(got, want.ptr) != 0) {
		printf("#   golden %s: canonical text differs\n#   got:\n%s#   expected:\n%s", base, got,
		       want.ptr);
		ok = 0;
	}
	for (i = 0; i < doc->nsections; i++)
		if (!ids_well_formed(doc->sections[i])) {
			printf("#   golden %s: bad ids in section %s\n", base, doc->sections[i]->num);
			ok = 0;
		}
	if (!round_trips(doc, base))
		ok = 0;
done:
	free(got);
	ot_doc_free(doc);
	ot_buf_release(&path);
	ot_buf_release(&in);
	ot_buf_release(&want);
	return ok;
}

TEST(golden)
{
	DIR *dir = opendir(GOLDEN_DIR);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i, nerr = 0, failed = 0;
	CHECK(dir != NULL);
	if (!dir)
		return;
	while ((e = readdir(dir))) {
		size_t l = strlen(e->d_name);
		if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0)
			*OT_ARRAY_PUSH(names, n, cap) = ot_strndup(e->d_name, l - 4);
	}
	closedir(dir);
	qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		if (strncmp(names[i], "err_", 4) == 0)
			nerr++;
		if (!golden_case(names[i])) {
			printf("#   golden case %s failed\n", names[i]);
			failed++;
		}
		free(names[i]);
	}
	free(names);
	printf("# golden: %zu cases (%zu error cases), %zu failed\n", n, nerr, failed);
	CHECK(failed == 0);
	CHECK(n >= 25);
	CHECK(nerr >= 4);
}

/* ---- targeted cases ------------------------------------------------------ */

static const ot_node *find(const ot_doc *doc, const char *id)
{
	return ot_doc_find(doc, id);
}

/* Text of node id, or "(missing)" so that a wrong tree fails a check
 * instead of crashing the test. */
static const char *text_of(const ot_doc *doc, const char *id)
{
	const ot_node *n = doc ? ot_doc_find(doc, id) : NULL;
	return n && n->text ? n->text : "(missing)";
}

TEST(ids_and_nesting)
{
	ot_doc *doc = NULL;
	const ot_node *n;
	CHECK(parse_str(&doc, "2-173-020 Definitions.\n"
			      "(a) A\n(1) one\n(A) big\n(i) item\n(ii) item2\n(B) big2\n"
			      "(2) two\n\nFlush after the list.\n(b) B\n") == 0);
	if (!doc)
		return;
	CHECK(doc->nsections == 1);
	CHECK(doc->title == NULL);
	n = find(doc, "2-173-020(a)(1)(A)(i)");
	CHECK(n && n->kind == OT_NODE_CLAUSE && strcmp(n->text, "item") == 0 && n->line == 5);
	n = find(doc, "2-173-020(a)(1)(B)");
	CHECK(n && strcmp(n->num, "(B)") == 0 && n->nchildren == 0);
	n = find(doc, "2-173-020(a)(1)(A)");
	CHECK(n && n->nchildren == 2);
	n = find(doc, "2-173-020(a)~1");
	CHECK(n && n->kind == OT_NODE_TEXT && strcmp(n->text, "Flush after the list.") == 0 && n->parent &&
	      strcmp(n->parent->id, "2-173-020(a)") == 0);
	n = find(doc, "2-173-020(b)");
	CHECK(n && n->parent == doc->sections[0]);
	CHECK(ot_node_count(doc->sections[0]) == 10);
	ot_doc_free(doc);
}

TEST(letters_vs_roman)
{
	ot_doc *doc = NULL;
	const ot_node *n;
	/* (h) (i) (j): letters, all children of the section */
	CHECK(parse_str(&doc, "1-2-3 H.\n(g) g\n(h) h\n(i) i\n(j) j\n") == 0);
	CHECK(doc && doc->sections[0]->nchildren == 4);
	ot_doc_free(doc);
	/* (h) then (i) (ii): lookahead says roman items under (h) */
	CHECK(parse_str(&doc, "1-2-3 H.\n(h) h\n(i) one\n(ii) two.\n(j) j\n") == 0);
	n = doc ? find(doc, "1-2-3(h)(ii)") : NULL;
	CHECK(n != NULL);
	CHECK(doc && find(doc, "1-2-3(j)") != NULL);
	ot_doc_free(doc);
	/* (h) then (i) with nothing after: letter (rule 1 beats rule 2) */
	CHECK(parse_str(&doc, "1-2-3 H.\n(h) h\n(i) i\n") == 0);
	CHECK(doc && find(doc, "1-2-3(i)") != NULL);
	ot_doc_free(doc);
	/* (A) then (i): the conventional parent of a roman list wins, even
	 * though (i) would continue the letters (h) */
	CHECK(parse_str(&doc, "1-2-3 H.\n(h) h\n(A) a\n(i) i\n(B) b\n") == 0);
	CHECK(doc && find(doc, "1-2-3(h)(A)(i)") != NULL);
	CHECK(doc && find(doc, "1-2-3(h)(B)") != NULL);
	ot_doc_free(doc);
	/* (I) after lower roman items: a new upper roman level */
	CHECK(parse_str(&doc, "1-2-3 H.\n(A) a\n(B) b\n(C) c\n(D) d\n(E) e\n(F) f\n(G) g\n"
			      "(H) h\n(i) i\n(I) big one\n(II) big two\n(ii) ii\n(I) roman again\n") == 0);
	CHECK(doc && find(doc, "1-2-3(H)(i)(I)") != NULL);
	CHECK(doc && find(doc, "1-2-3(H)(i)(II)") != NULL);
	CHECK(doc && find(doc, "1-2-3(H)(ii)") != NULL);
	/* after (ii) the deepest level is lower roman again: exception */
	CHECK(doc && find(doc, "1-2-3(H)(ii)(I)") != NULL);
	ot_doc_free(doc);
	/* a marker line that fits neither reading is passed over by the
	 * lookahead: (ii) below still makes (i) roman */
	CHECK(parse_str(&doc, "1-2-3 H.\n(h) h\n(i) one\n(a) wrapped\n(ii) two\n") == 0);
	CHECK(doc && find(doc, "1-2-3(h)(i)") && find(doc, "1-2-3(h)(ii)"));
	CHECK_STR(text_of(doc, "1-2-3(h)(i)"), "one (a) wrapped");
	CHECK(doc && round_trips(doc, "skip"));
	ot_doc_free(doc);
	/* a marker that fits after only one reading picks it: letter (i)
	 * would close the digits under (h), so (2) fits only if (i) is an
	 * item of (1) */
	CHECK(parse_str(&doc, "1-2-3 H.\n(h) h\n(1) p\n(i) x\n(2) q\n") == 0);
	CHECK(doc && find(doc, "1-2-3(h)(1)(i)") && find(doc, "1-2-3(h)(2)"));
	CHECK(doc && find(doc, "1-2-3(i)") == NULL);
	ot_doc_free(doc);
	/* ... and with nothing after it, rule 1 (letter) beats rule 2 */
	CHECK(parse_str(&doc, "1-2-3 H.\n(h) h\n(1) p\n(i) x\n") == 0);
	CHECK(doc && find(doc, "1-2-3(i)") != NULL);
	ot_doc_free(doc);
	/* split line: the next marker is on the same line */
	CHECK(parse_str(&doc, "1-2-3 H.\n(h) h\n(i) (ii) x\n") == 0);
	CHECK(doc && find(doc, "1-2-3(h)(i)") != NULL && find(doc, "1-2-3(h)(ii)") != NULL);
	CHECK(doc && find(doc, "1-2-3(i)") == NULL);
	ot_doc_free(doc);
}

TEST(title_and_preamble_lines)
{
	ot_doc *doc = NULL;
	CHECK(parse_str(&doc, "Notice\n\nchapter 2-173 Welcoming  City\tOrdinance\n"
			      "CHAPTER 9-9 Ignored second title\n(a) ignored\n"
			      "2-173-010 Purpose.\n") == 0);
	CHECK(doc && doc->title && strcmp(doc->title, "Welcoming City Ordinance") == 0);
	CHECK(doc && doc->nsections == 1 && doc->sections[0]->nchildren == 0);
	ot_doc_free(doc);
	/* the golden chapter case sets the title as written */
	{
		ot_buf in = OT_BUF_INIT;
		CHECK(read_file(&in, GOLDEN_DIR "/chapter.txt") == 0);
		CHECK(ot_doc_parse_text(&doc, in.ptr, in.len, "chapter.txt") == 0);
		CHECK(doc && doc->title && strcmp(doc->title, "WELCOMING CITY ORDINANCE") == 0);
		ot_doc_free(doc);
		ot_buf_release(&in);
	}
	/* a CHAPTER line after the first section is text, not lost */
	CHECK(parse_str(&doc, "1-2-3 H.\n\nCHAPTER 5 text\n") == 0);
	CHECK(doc && doc->title == NULL);
	CHECK_STR(text_of(doc, "1-2-3~1"), "CHAPTER 5 text");
	ot_doc_free(doc);
}

TEST(errors)
{
	ot_doc *doc = (ot_doc *)1;
	CHECK(ot_doc_parse_text(&doc, "", 0, "empty.txt") == OT_EINVALID);
	CHECK(doc == NULL);
	CHECK(strstr(ot_error_last(), "empty.txt: no section found") != NULL);
	CHECK(ot_doc_parse_text(&doc, NULL, 0, NULL) == OT_EINVALID);
	CHECK(strstr(ot_error_last(), "no section found") != NULL);
	/* a bare number needs a hyphen and a heading */
	CHECK(parse_str(&doc, "12 Heading.\n2-173-010\n(a) x\n") == OT_EINVALID);
	/* NUL: line counted with CR line ends too */
	{
		static const char nul[] = "1-2-3 H.\r(a) x\r\n(b) \0 after";
		CHECK(ot_doc_parse_text(&doc, nul, sizeof(nul) - 1, "nul.txt") == OT_EINVALID);
	}
	CHECK(strstr(ot_error_last(), "nul.txt:3: invalid UTF-8: NUL byte") != NULL);
	/* overlong encoding and a lone continuation byte */
	CHECK(ot_doc_parse_text(&doc, "1-2-3 H.\n\xC0\xAF", 11, "o.txt") == OT_EINVALID);
	CHECK(strstr(ot_error_last(), "o.txt:2: invalid UTF-8") != NULL);
	CHECK(strstr(ot_error_last(), "save the file as UTF-8") != NULL);
	/* duplicate clause through a split line */
	CHECK(parse_str(&doc, "1-2-3 H.\n(a) x\n(1) y\n(b) z\n(1) w\n(a) (1) again\n") == 0);
	ot_doc_free(doc);
	doc = NULL;
	CHECK(parse_str(&doc, "1-2-3 H.\n(a) x\n(b) y\n\n(b) z\n") == OT_EINVALID);
	CHECK(strstr(ot_error_last(), "test.txt:5: duplicate clause id '1-2-3(b)' (first at line 3)") !=
	      NULL);
	/* duplicate section across styles */
	CHECK(parse_str(&doc, "1-2-3 H.\n\u00a7 1-2-3\n") == OT_EINVALID);
	CHECK(strstr(ot_error_last(), "test.txt:2: duplicate section number '1-2-3' (first at line 1)") !=
	      NULL);
	CHECK(doc == NULL);
}

TEST(rule4_and_paragraphs)
{
	ot_doc *doc = NULL;
	const ot_node *n;
	/* an earlier marker after a non-blank line is a wrapped continuation */
	CHECK(parse_str(&doc, "1-2-3 H.\n(a) x\n(b) see subsection\n(a) of this section.\n") == 0);
	n = doc ? find(doc, "1-2-3(b)") : NULL;
	CHECK(n && strcmp(n->text, "see subsection (a) of this section.") == 0);
	ot_doc_free(doc);
	/* after a blank line it is an unnumbered paragraph, not lost */
	CHECK(parse_str(&doc, "1-2-3 H.\n(a) x.\n(c) y\n\n(b) stray\n") == 0);
	n = doc ? find(doc, "1-2-3~1") : NULL;
	CHECK(n && strcmp(n->text, "(b) stray") == 0);
	ot_doc_free(doc);
	/* ... unless it repeats a clause: then it is a duplicate */
	CHECK(parse_str(&doc, "1-2-3 H.\n(a) x\n(c) y\n\n(a) again\n") == OT_EINVALID);
	CHECK(strstr(ot_error_last(), "test.txt:5: duplicate clause id '1-2-3(a)'") != NULL);
	/* a new list type after a paragraph goes beside, and the old level
	 * stays open */
	CHECK(parse_str(&doc, "1-2-3 H.\n(a) x\n(1) y\n\nPara.\n(A) big\n(2) two\n(b) z\n") == 0);
	CHECK(doc && find(doc, "1-2-3(a)(A)") && find(doc, "1-2-3(a)(2)") && find(doc, "1-2-3(b)") &&
	      find(doc, "1-2-3(a)~1"));
	CHECK(doc && round_trips(doc, "beside"));
	ot_doc_free(doc);
	/* a paragraph that reads like a section number is not joined into a
	 * section line; the next line starts a new paragraph */
	CHECK(parse_str(&doc, "1-2-3 H.\n\nSec.\n2-5-020\n(a) x\n") == 0);
	CHECK_STR(text_of(doc, "1-2-3~1"), "Sec.");
	CHECK_STR(text_of(doc, "1-2-3~2"), "2-5-020");
	CHECK(doc && doc->nsections == 1 && round_trips(doc, "stub"));
	ot_doc_free(doc);
	/* ... but a bare number over a capitalised line is a section and
	 * its heading (council PDFs) */
	CHECK(parse_str(&doc, "1-2-3 H.\n\n2-173\nPurpose.\n(a) x\n") == 0);
	CHECK(doc && doc->nsections == 2 && strcmp(doc->sections[1]->heading, "Purpose.") == 0);
	CHECK(doc && round_trips(doc, "stub_pdf"));
	ot_doc_free(doc);
	/* "Section 5" is ordinance prose, never a section: joined */
	CHECK(parse_str(&doc, "1-2-3 H.\n\nSection\n5 applies.\n\nSection\nheadings.\n") == 0);
	CHECK_STR(text_of(doc, "1-2-3~1"), "Section 5 applies.");
	CHECK_STR(text_of(doc, "1-2-3~2"), "Section headings.");
	CHECK(doc && round_trips(doc, "stub2"));
	ot_doc_free(doc);
	/* a paragraph "Section" followed by a section line that would be a
	 * continuation of body text: the line is a section, since the
	 * canonical text shows it after a blank line */
	CHECK(parse_str(&doc, "1-2-3 H.\n\nSection\n5-1 Applies.\n(a) x\n") == 0);
	CHECK(doc && doc->nsections == 2 && round_trips(doc, "stub3"));
	ot_doc_free(doc);
	/* a section heading wrapped over two lines, then a preamble */
	CHECK(parse_str(&doc, "Sec. 1-2-3.\nHeading\n  continued.\n\nPreamble\ntext.\n(a) x\n") == 0);
	CHECK(doc && strcmp(doc->sections[0]->heading, "Heading continued.") == 0);
	n = doc ? find(doc, "1-2-3~1") : NULL;
	CHECK(n && strcmp(n->text, "Preamble text.") == 0);
	ot_doc_free(doc);
}

TEST(canonical_section_forms)
{
	/* sections the bare form cannot express must still round-trip */
	const char *nums[] = {"12.5", "7", "2-173-020", "10-8-330.5", "4A-1"};
	const char *heads[] = {"", "Heading.", "\u201cQuoted\u201d (a) marker inside", "3D printers"};
	size_t i, j;
	for (i = 0; i < OT_ARRAY_LEN(nums); i++)
		for (j = 0; j < OT_ARRAY_LEN(heads); j++) {
			ot_doc *doc = ot_doc_new();
			ot_node *s = ot_node_new(OT_NODE_SECTION, nums[i], nums[i], heads[j], NULL);
			char id[64];
			snprintf(id, sizeof(id), "%s(a)", nums[i]);
			ot_node_append(s, ot_node_new(OT_NODE_CLAUSE, id, "(a)", NULL, "text"));
			ot_doc_append(doc, s);
			CHECK(round_trips(doc, nums[i]));
			ot_doc_free(doc);
		}
}

TEST(user_trial_fixes)
{
	ot_doc *doc = NULL;
	const ot_node *n;
	/* inserted clauses: same level as the base, ids keep the marker */
	CHECK(parse_str(&doc, "2-5-010 H.\n(a) x.\n(b) y.\n(b-5) z.\n(1) one.\n(1.5) half.\n(c) w.\n") == 0);
	n = doc ? find(doc, "2-5-010(b-5)") : NULL;
	CHECK(n && n->parent == doc->sections[0] && strcmp(n->num, "(b-5)") == 0);
	CHECK(doc && find(doc, "2-5-010(b-5)(1.5)") && find(doc, "2-5-010(c)"));
	ot_doc_free(doc);
	/* an inserted marker before its base is not ordered after it */
	CHECK(parse_str(&doc, "2-5-010 H.\n(a) x.\n(a-2) y.\n(a-1) z.\n") == 0);
	CHECK_STR(text_of(doc, "2-5-010(a-2)"), "y. (a-1) z.");
	ot_doc_free(doc);
	/* a wrapped cross-reference does not swallow the real clauses */
	CHECK(parse_str(&doc, "1-1-1 H.\n(a) A.\n(b) No license except under subsection\n(d) of this "
			      "section.\n(c) Fees.\n(d) Approval.\n") == 0);
	CHECK_STR(text_of(doc, "1-1-1(b)"), "No license except under subsection (d) of this section.");
	CHECK_STR(text_of(doc, "1-1-1(d)"), "Approval.");
	ot_doc_free(doc);
	/* ... even when the reference is the next letter: "of" */
	CHECK(parse_str(&doc, "1-1-1 H.\n(a) See subsection\n(b) of this section.\n(b) B.\n") == 0);
	CHECK_STR(text_of(doc, "1-1-1(a)"), "See subsection (b) of this section.");
	CHECK_STR(text_of(doc, "1-1-1(b)"), "B.");
	ot_doc_free(doc);
	/* a marker alone on the line above: the marker below is a clause */
	CHECK(parse_str(&doc, "1-1-1 H.\n(a)\n(c) C.\n") == 0);
	CHECK(doc && find(doc, "1-1-1(c)") != NULL);
	ot_doc_free(doc);
	/* no-break spaces are spaces; a quote or capital right after ")" */
	CHECK(parse_str(&doc, "1-1-1\xc2\xa0H.\n(a)\xe2\x80\x9c" "B\xe2\x80\x9d means\xc2\xa0\xc2\xa0x.\n(b)Yes.\n") ==
	      0);
	CHECK(doc && strcmp(doc->sections[0]->heading, "H.") == 0);
	CHECK_STR(text_of(doc, "1-1-1(a)"), "\xe2\x80\x9c" "B\xe2\x80\x9d means x.");
	CHECK_STR(text_of(doc, "1-1-1(b)"), "Yes.");
	ot_doc_free(doc);
	/* body text right below a heading that has ended */
	CHECK(parse_str(&doc, "4-60-050 Penalties.\n\tAny person who violates this\nshall be fined.\n") == 0);
	CHECK(doc && strcmp(doc->sections[0]->heading, "Penalties.") == 0);
	CHECK_STR(text_of(doc, "4-60-050~1"), "Any person who violates this shall be fined.");
	ot_doc_free(doc);
	/* wrapped numbers are text; a phone number is not a section */
	CHECK(parse_str(&doc, "2-5-010 Fees.\n(a) Call\n312-744-5000 Daily.\n(b) Done.\n312-744-5000 Daily.\n") ==
	      0);
	CHECK(doc && doc->nsections == 1);
	CHECK_STR(text_of(doc, "2-5-010(b)"), "Done. 312-744-5000 Daily.");
	ot_doc_free(doc);
	/* a repeated marker below ended text is a duplicate */
	CHECK(parse_str(&doc, "1-1-1 H.\n(a) One.\n(b) Two.\n(b) Two again.\n") == OT_EINVALID);
	CHECK(strstr(ot_error_last(), "test.txt:4: duplicate clause id '1-1-1(b)' (first at line 3)") != NULL);
	/* ranges and dashes */
	CHECK(parse_str(&doc, "Secs. 3-9-030\xe2\x80\x94" "3-9-045. Reserved.\nSec. 3-9-050. - Defs.\n") == 0);
	CHECK(doc && doc->nsections == 2 && strcmp(doc->sections[0]->num, "3-9-030") == 0 &&
	      strcmp(doc->sections[0]->heading, "Reserved. (3-9-030\xe2\x80\x94" "3-9-045)") == 0 &&
	      strcmp(doc->sections[1]->heading, "Defs.") == 0);
	CHECK(doc && round_trips(doc, "range"));
	ot_doc_free(doc);
}

/* ---- random trees -------------------------------------------------------- */

typedef struct rng {
	unsigned long long s;
} rng;

static unsigned rnd(rng *r, unsigned n)
{
	r->s ^= r->s << 13;
	r->s ^= r->s >> 7;
	r->s ^= r->s << 17;
	return (unsigned)((r->s >> 11) % n);
}

enum { T_LOWER, T_DIGIT, T_UPPER, T_LROMAN, T_UROMAN, T_N };

static const char *const words[] = {
    "agency", "shall", "not",	  "request", "information", "“status”", "—",	"–",   "§",    "2-173-020",
    "(b)",    "Sec.",  "CHAPTER", "City’s",  "de",	    "naïve",	"中文", "(1)", "12.5", "a",
    "of",     "the",   "person;", "and/or",  "(A)-(C)",	    "“",	"”",	"...",
};
static const char *const first_words[] = {
    "No", "The", "Each", "Any", "Nothing", "“Agent”", "Except", "Notwithstanding", "Élan",
};

static void rnd_text(rng *r, ot_buf *b, int may_be_empty)
{
	unsigned n = rnd(r, 8), i;
	ot_buf_clear(b);
	if (may_be_empty && rnd(r, 5) == 0)
		return;
	ot_buf_puts(b, first_words[rnd(r, OT_ARRAY_LEN(first_words))]);
	for (i = 0; i < n; i++) {
		ot_buf_putc(b, ' ');
		ot_buf_puts(b, words[rnd(r, OT_ARRAY_LEN(words))]);
	}
}

static void roman(ot_buf *b, unsigned v, int upper)
{
	static const char *const r[] = {"",    "i",    "ii", "iii", "iv", "v",	"vi",
					"vii", "viii", "ix", "x",   "xi", "xii"};
	const char *s = r[v];
	for (; *s; s++)
		ot_buf_putc(b, upper ? (char)(*s - 'a' + 'A') : *s);
}

/* Letters a list may use: not i, v, x (roman) and not h, u, w (their
 * predecessors), so that a generated tree has one reading. */
static int letter_ok(unsigned ord)
{
	return !strchr("hiuvwx", (int)('a' + ord - 1));
}

static void marker_text(ot_buf *b, int type, unsigned ord)
{
	ot_buf_putc(b, '(');
	switch (type) {
	case T_LOWER: ot_buf_putc(b, (char)('a' + ord - 1)); break;
	case T_UPPER: ot_buf_putc(b, (char)('A' + ord - 1)); break;
	case T_DIGIT: ot_buf_printf(b, "%u", ord); break;
	default: roman(b, ord, type == T_UROMAN);
	}
	ot_buf_putc(b, ')');
}

/* Next ordinal after `ord` for a list of `type` (0 when the list must
 * end), with random gaps where the parser reads them unambiguously. */
static unsigned next_ord(rng *r, int type, unsigned ord)
{
	unsigned step = rnd(r, 4) == 0 ? 2 + rnd(r, 3) : 1;
	if (type == T_LROMAN || type == T_UROMAN)
		return ord + 1 <= 12 ? ord + 1 : 0;
	if (type == T_DIGIT)
		return ord + step <= 999 ? ord + step : 0;
	ord += step;
	while (ord <= 26 && !letter_ok(ord))
		ord++;
	return ord <= 26 ? ord : 0;
}

/* A clause after a gap in its list ("(a)" then "(c)") is read as a clause
 * only below text that has ended (else it is a wrapped cross-reference,
 * see parse_text.c), so end the text of the node printed just before each
 * such clause (marked by line = 1) with a full stop. */
static void end_before_gaps(ot_node *sec)
{
	ot_node **stack = NULL, *prev = NULL;
	size_t n = 0, cap = 0, i;
	*OT_ARRAY_PUSH(stack, n, cap) = sec;
	while (n) {
		ot_node *cur = stack[--n];
		if (cur->line == 1 && prev && prev->text && *prev->text &&
		    !strchr(".;:", prev->text[strlen(prev->text) - 1])) {
			size_t l = strlen(prev->text);
			prev->text = ot_realloc(prev->text, l + 2);
			memcpy(prev->text + l, ".", 2);
		}
		cur->line = 0;
		prev = cur;
		for (i = cur->nchildren; i > 0; i--)
			*OT_ARRAY_PUSH(stack, n, cap) = cur->children[i - 1];
	}
	free(stack);
}

typedef struct gen_item {
	ot_node *node;
	unsigned types; /* marker types of the clause ancestors, as bits */
	int depth;
} gen_item;

/* A random section that the canonical form can express (see the top
 * comment of parse_text.c): one marker type per list, a type not used by
 * an ancestor; lists start at 1 (the section's first list may start
 * later unless roman); a paragraph (TEXT) comes first only in the
 * section, and the clause right before one has no children. */
static ot_node *random_section(rng *r, const char *num)
{
	ot_buf text = OT_BUF_INIT, id = OT_BUF_INIT, mk = OT_BUF_INIT;
	gen_item *work = NULL;
	size_t nwork = 0, capwork = 0;
	ot_node *sec;
	rnd_text(r, &text, 1);
	sec = ot_node_new(OT_NODE_SECTION, num, num, text.ptr, NULL);
	*OT_ARRAY_PUSH(work, nwork, capwork) = (gen_item){sec, 0, 0};
	while (nwork) {
		gen_item it = work[--nwork];
		ot_node *p = it.node;
		int is_sec = p->kind == OT_NODE_SECTION, type, t, nfree = 0;
		unsigned nitems = it.depth >= 4 ? 0 : rnd(r, is_sec ? 7 : 5 - (unsigned)it.depth);
		unsigned i, ord, ntext = 0, prev_ord = 0;
		int prev_text = 0;
		ot_node *prev_clause = NULL;
		size_t first_child = nwork;
		if (p->kind == OT_NODE_TEXT || !nitems)
			continue;
		for (t = 0; t < T_N; t++)
			nfree += !(it.types & (1u << t));
		if (!nfree)
			continue;
		type = 0;
		for (t = 0, i = rnd(r, (unsigned)nfree); t < T_N; t++)
			if (!(it.types & (1u << t)) && i-- == 0)
				type = t;
		ord = 1;
		if (is_sec && type != T_LROMAN && type != T_UROMAN && rnd(r, 4) == 0)
			ord = type == T_DIGIT ? 1 + rnd(r, 20) : 1 + rnd(r, 20);
		while ((type == T_LOWER || type == T_UPPER) && !letter_ok(ord))
			ord++;
		for (i = 0; i < nitems; i++) {
			ot_node *c;
			/* a paragraph: not first in a clause, never twice in a row
			 * (that is allowed, but keep the lists long) */
			int text_ok = (is_sec || prev_clause) && !prev_text;
			if (text_ok && rnd(r, 4) == 0) {
				rnd_text(r, &text, 0);
				ot_buf_clear(&id);
				ot_buf_printf(&id, "%s~%u", p->id, ++ntext);
				c = ot_node_new(OT_NODE_TEXT, id.ptr, NULL, NULL, text.ptr);
				ot_node_append(p, c);
				if (prev_clause) /* it must stay childless */
					for (size_t k = first_child; k < nwork; k++)
						if (work[k].node == prev_clause)
							work[k].depth = 99;
				prev_text = 1;
				continue;
			}
			if (!ord)
				break;
			ot_buf_clear(&mk);
			marker_text(&mk, type, ord);
			ot_buf_clear(&id);
			ot_buf_printf(&id, "%s%s", p->id, mk.ptr);
			rnd_text(r, &text, 1);
			c = ot_node_new(OT_NODE_CLAUSE, id.ptr, mk.ptr, NULL, text.ptr);
			c->line = prev_clause && prev_ord + 1 != ord; /* a gap: see end_before_gaps */
			prev_ord = ord;
			ot_node_append(p, c);
			*OT_ARRAY_PUSH(work, nwork, capwork) =
			    (gen_item){c, it.types | (1u << type), it.depth + 1};
			prev_clause = c;
			prev_text = 0;
			ord = next_ord(r, type, ord);
		}
	}
	free(work);
	ot_buf_release(&text);
	ot_buf_release(&id);
	ot_buf_release(&mk);
	end_before_gaps(sec);
	return sec;
}

TEST(random_trees_round_trip)
{
	unsigned seed, failures = 0, nodes = 0, texts = 0;
	for (seed = 1; seed <= 3000; seed++) {
		rng r = {0x9E3779B97F4A7C15ull ^ ((unsigned long long)seed * 0x100000001B3ull)};
		ot_doc *doc = ot_doc_new();
		unsigned nsec = 1 + rnd(&r, 3), i;
		char label[32];
		for (i = 0; i < nsec; i++) {
			char num[48];
			switch (rnd(&r, 6)) {
			case 0: snprintf(num, sizeof(num), "%u.%u", seed, i + 1); break;
			case 1: snprintf(num, sizeof(num), "%u", seed * 10 + i); break;
			default:
				snprintf(num, sizeof(num), "2-%u-%03u%s", seed, i * 10,
					 rnd(&r, 5) ? "" : "A");
			}
			ot_doc_append(doc, random_section(&r, num));
			nodes += (unsigned)ot_node_count(doc->sections[i]);
		}
		for (i = 0; i < nsec; i++)
			CHECK(ids_well_formed(doc->sections[i]));
		snprintf(label, sizeof(label), "seed %u", seed);
		if (!round_trips(doc, label) && ++failures > 5) {
			ot_doc_free(doc);
			break;
		}
		{
			ot_buf b = OT_BUF_INIT;
			ot_doc_canonical(&b, doc);
			for (i = 0; i + 1 < b.len; i++)
				texts += b.ptr[i] == '\n' && b.ptr[i + 1] == '\n';
			ot_buf_release(&b);
		}
		ot_doc_free(doc);
	}
	printf("# random trees: %u nodes, %u blank lines\n", nodes, texts);
	CHECK(failures == 0);
	CHECK(nodes > 20000);
	CHECK(texts > 1000);
}

/* ---- random line soup ----------------------------------------------------- */

static const char *const soup_markers[] = {
    "(a)", "(b)",  "(c)",   "(h)",  "(i)", "(j)",  "(u)",  "(v)", "(w)", "(x)",
    "(y)", "(ii)", "(iii)", "(iv)", "(1)", "(2)",  "(3)",  "(7)", "(A)", "(B)",
    "(H)", "(I)",  "(J)",   "(II)", "(V)", "(aa)", "(cc)", "(l)", "(m)",
};

static size_t nonspace(const char *s, size_t n)
{
	size_t i, k = 0;
	for (i = 0; i < n; i++)
		k += !(s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r');
	return k;
}

TEST(random_soup_is_stable)
{
	unsigned seed, parsed = 0, rejected = 0, failures = 0;
	for (seed = 1; seed <= 3000 && failures < 5; seed++) {
		rng r = {0xD1B54A32D192ED03ull ^ ((unsigned long long)seed << 20)};
		ot_buf in = OT_BUF_INIT, text = OT_BUF_INIT;
		unsigned nlines = 5 + rnd(&r, 40), i, nsec = 0;
		size_t body_from = 0;
		ot_doc *doc = NULL;
		for (i = 0; i < nlines; i++) {
			unsigned k = rnd(&r, 12), j, nm;
			if (i == 2 || k == 0) {
				ot_buf_printf(&in, "%u-%u Heading %u\n", seed, ++nsec, i);
				continue;
			}
			if (rnd(&r, 3) == 0)
				ot_buf_puts(&in, rnd(&r, 2) ? "  " : "\t");
			if (k <= 2) {
				ot_buf_puts(&in, "\n");
				continue;
			}
			if (k == 3 && rnd(&r, 2)) { /* lines that look like part of a section line */
				static const char *const stubs[] = {"2-173",  "1-2.",	 "Sec.",
								    "\u00a7", "Section", "5 of"};
				ot_buf_puts(&in, stubs[rnd(&r, OT_ARRAY_LEN(stubs))]);
				ot_buf_putc(&in, '\n');
				continue;
			}
			nm = k <= 8 ? 1 + (rnd(&r, 4) == 0) : 0;
			for (j = 0; j < nm; j++) {
				ot_buf_puts(&in, soup_markers[rnd(&r, OT_ARRAY_LEN(soup_markers))]);
				ot_buf_putc(&in, ' ');
			}
			rnd_text(&r, &text, nm > 0);
			ot_buf_puts(&in, text.ptr);
			ot_buf_putc(&in, '\n');
		}
		if (ot_doc_parse_text(&doc, in.ptr, in.len, "soup") == 0) {
			char *c = canon_of(doc);
			char label[32];
			parsed++;
			snprintf(label, sizeof(label), "soup %u", seed);
			if (!round_trips(doc, label)) {
				failures++;
				printf("#   input:\n%s", in.ptr);
			}
			/* no text lost: every non-blank byte of the body (from the
			 * first section line, which may be a bare number over a
			 * heading before the first generated one) is kept */
			for (body_from = 0, i = 1; i < doc->sections[0]->line; i++)
				body_from = (size_t)(strchr(in.ptr + body_from, '\n') - in.ptr) + 1;
			if (nonspace(in.ptr + body_from, in.len - body_from) != nonspace(c, strlen(c))) {
				failures++;
				printf("#   soup %u lost text\n#   input:\n%s#   canonical:\n%s", seed,
				       in.ptr, c);
			}
			free(c);
			ot_doc_free(doc);
		} else {
			rejected++; /* duplicate clause ids are expected here */
			CHECK(strstr(ot_error_last(), "duplicate clause id") != NULL);
		}
		ot_buf_release(&in);
		ot_buf_release(&text);
	}
	printf("# soup: %u parsed, %u rejected\n", parsed, rejected);
	CHECK(failures == 0);
	CHECK(parsed > 1000);
}

/* ---- hostile input ---------------------------------------------------------- */

TEST(huge_line)
{
	ot_buf in = OT_BUF_INIT;
	ot_doc *doc = NULL;
	const ot_node *n;
	size_t i;
	ot_buf_puts(&in, "1-2-3 H.\n(a) ");
	for (i = 0; i < (1u << 20) / 8; i++)
		ot_buf_puts(&in, "word\t\t  ");
	ot_buf_puts(&in, "end\n(b) ");
	/* a 1 MB line of markers that are all continuations */
	for (i = 0; i < (1u << 20) / 4; i++)
		ot_buf_puts(&in, "(a) ");
	ot_buf_putc(&in, '\n');
	CHECK(ot_doc_parse_text(&doc, in.ptr, in.len, "huge") == 0);
	n = doc ? find(doc, "1-2-3(a)") : NULL;
	CHECK(n && strlen(n->text) == (1u << 20) / 8 * 5 + 3);
	n = doc ? find(doc, "1-2-3(b)") : NULL;
	CHECK(n && n->nchildren == 0 && strlen(n->text) == (1u << 20) - 1);
	CHECK(doc && round_trips(doc, "huge"));
	ot_doc_free(doc);
	ot_buf_release(&in);
}

TEST(hostile_depth_and_width)
{
	ot_buf in = OT_BUF_INIT;
	ot_doc *doc = NULL;
	size_t i, depth = 0;
	const ot_node *n;
	ot_buf_puts(&in, "1-2-3 H.\n");
	/* every new-level marker at once, repeatedly, on one line */
	for (i = 0; i < 10000; i++)
		ot_buf_puts(&in, "(a) (1) (A) (i) (I) ");
	ot_buf_putc(&in, '\n');
	/* many paragraphs and wrapped lines */
	for (i = 0; i < 20000; i++)
		ot_buf_puts(&in, i % 2 ? "\nparagraph\n" : "wrapped\n");
	CHECK(ot_doc_parse_text(&doc, in.ptr, in.len, "hostile") == 0);
	for (n = doc ? doc->sections[0] : NULL; n && n->nchildren; n = n->children[0])
		depth++;
	CHECK(depth == 5);
	CHECK(doc && round_trips(doc, "hostile"));
	ot_doc_free(doc);
	ot_buf_release(&in);
}

int main(void)
{
	RUN(golden);
	RUN(ids_and_nesting);
	RUN(letters_vs_roman);
	RUN(title_and_preamble_lines);
	RUN(errors);
	RUN(rule4_and_paragraphs);
	RUN(canonical_section_forms);
	RUN(user_trial_fixes);
	RUN(random_trees_round_trip);
	RUN(random_soup_is_stable);
	RUN(huge_line);
	RUN(hostile_depth_and_width);
	return test_summary();
}
