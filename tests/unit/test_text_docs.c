/*
 * test_text_docs.c - the versioned JSON documents of the text commands,
 * built by the library without the command line (ordtrack/text_docs.h,
 * ordtrack/fsck_json.h): log, history, blame, text (whole, one clause,
 * notes, a deep tree), both searches, the whole-code diff (totals, the
 * per-ordinance renderings, --stat) and the fsck report with and without
 * repair, each from hand-built inputs and read back with jansson; and the
 * two record questions of query.c on a tracker in a temporary directory:
 * the record search (hits, highlights, a malformed query) and blame's
 * tallies for records that are missing or have no vote.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordtrack/ordtrack.h"
#include "test.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
/* A modifiable copy of a string literal, for the char * fields of the
 * library's structs (alive to the end of the enclosing block). */
#define MUT(s) ((char[]){s})

static char tmpdir[64];

/* The document in b as JSON (a new reference), or NULL; checks the form
 * every document shares: an object, two-space indent, the format first,
 * one final newline. */
static json_t *read_doc(const ot_buf *b, const char *format)
{
	char head[128];
	json_t *root;
	snprintf(head, sizeof(head), "{\n  \"format\": \"%s\",\n", format);
	CHECK(b->len > 2);
	if (b->len <= 2)
		return NULL;
	CHECK(strncmp(b->ptr, head, strlen(head)) == 0);
	CHECK(strcmp(b->ptr + b->len - 2, "}\n") == 0);
	root = json_loadb(b->ptr, b->len, 0, NULL);
	CHECK(root != NULL);
	CHECK(json_is_object(root));
	CHECK_STR(json_string_value(json_object_get(root, "format")), format);
	return root;
}

/* Key k of object o as a string (NULL when absent or not a string). */
static const char *str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static json_int_t num(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static int is_null(const json_t *o, const char *k)
{
	return json_is_null(json_object_get(o, k));
}

/* 1 when the keys of object o are exactly keys[0..n), in that order. */
static int keys_are(const json_t *o, const char *const *keys, size_t n)
{
	const char *k;
	json_t *v;
	size_t i = 0;
	if (json_object_size(o) != n)
		return 0;
	json_object_foreach((json_t *)o, k, v)
	{
		(void)v;
		if (strcmp(k, keys[i++]) != 0)
			return 0;
	}
	return 1;
}

static const char c1[] = "1111111111111111111111111111111111111111";
static const char c2[] = "2222222222222222222222222222222222222222";

/* ---- ordtrack-log/1 ------------------------------------------------------ */

TEST(log_doc_versions)
{
	static const char *const keys[] = {"ordinance", "version", "commit",   "date",	   "stage", "record",
					   "title",	"subject", "sponsors", "sections", "change"};
	char *sp[] = {MUT("Ann Lee"), MUT("Bo Li")};
	ot_version v[3];
	ot_version_list vl;
	ot_buf out = OT_BUF_INIT;
	json_t *root, *arr;

	memset(v, 0, sizeof(v));
	v[0].ordinance = MUT("9-99");
	v[0].number = 3;
	strcpy(v[0].commit, c2);
	v[0].date = MUT("2021-06-30");
	v[0].stage = MUT("passed");
	v[0].record = MUT("O2021-7");
	v[0].subject = MUT("Shorter idling limit");
	v[0].title = MUT("TEST");
	v[0].sponsors = sp;
	v[0].nsponsors = 2;
	v[0].sections = 4;
	v[1] = v[0];
	v[1].number = 2;
	v[1].record = MUT("");
	v[1].nsponsors = 0;
	v[1].notes_only = 1;
	v[2] = v[0];
	v[2].number = 1;
	v[2].repealed = 1;
	vl.items = v;
	vl.n = 3;
	vl.cap = 3;

	ot_buf_puts(&out, "");
	ot_log_doc(&out, &vl);
	root = read_doc(&out, "ordtrack-log/1");
	arr = json_object_get(root, "versions");
	CHECK(json_array_size(arr) == 3);
	if (json_array_size(arr) == 3) {
		json_t *a = json_array_get(arr, 0), *b = json_array_get(arr, 1), *c = json_array_get(arr, 2);
		CHECK(keys_are(a, keys, NELEM(keys)));
		CHECK_STR(str(a, "ordinance"), "9-99");
		CHECK(num(a, "version") == 3);
		CHECK_STR(str(a, "commit"), c2);
		CHECK_STR(str(a, "record"), "O2021-7");
		CHECK(json_array_size(json_object_get(a, "sponsors")) == 2);
		CHECK_STR(json_string_value(json_array_get(json_object_get(a, "sponsors"), 1)), "Bo Li");
		CHECK(num(a, "sections") == 4);
		CHECK_STR(str(a, "change"), "text");
		/* no record is null, not "" */
		CHECK(is_null(b, "record"));
		CHECK(json_array_size(json_object_get(b, "sponsors")) == 0);
		CHECK_STR(str(b, "change"), "notes");
		CHECK_STR(str(c, "change"), "repealed");
	}
	json_decref(root);

	/* an empty list is an empty array; a second document is appended */
	vl.n = 0;
	ot_buf_clear(&out);
	ot_buf_puts(&out, "before\n");
	ot_log_doc(&out, &vl);
	CHECK(strncmp(out.ptr, "before\n{\n", 9) == 0);
	CHECK(strstr(out.ptr, "\"versions\": []\n}\n") != NULL);
	ot_buf_release(&out);
}

/* ---- ordtrack-history/1 -------------------------------------------------- */

TEST(history_doc_changes)
{
	static const char changes[] = {'a', 'm', 't', 'r'};
	static const char *const words[] = {"added", "modified", "typographic", "removed"};
	static const char *const keys[] = {"version", "commit", "date", "stage", "record", "change", "text"};
	ot_clause_step st[4];
	ot_clause_history h;
	ot_buf out = OT_BUF_INIT;
	json_t *root, *arr;
	size_t i;

	char date[] = "2020-01-15", stage[] = "enacted", rec[] = "O2020-1", none[] = "";
	char text[] = "No person shall park.";

	memset(st, 0, sizeof(st));
	for (i = 0; i < 4; i++) {
		st[i].version.number = (int)i + 1;
		strcpy(st[i].version.commit, i % 2 ? c2 : c1);
		st[i].version.date = date;
		st[i].version.stage = stage;
		st[i].version.record = i == 1 ? rec : none;
		st[i].text = i == 3 ? NULL : text;
		st[i].change = changes[i];
	}
	h.items = st;
	h.n = 4;
	h.cap = 4;
	ot_history_doc(&out, "9-99", "9-99-020(a)", &h);
	root = read_doc(&out, "ordtrack-history/1");
	CHECK_STR(str(root, "ordinance"), "9-99");
	CHECK_STR(str(root, "clause"), "9-99-020(a)");
	arr = json_object_get(root, "versions");
	CHECK(json_array_size(arr) == 4);
	for (i = 0; i < json_array_size(arr); i++) {
		json_t *o = json_array_get(arr, i);
		CHECK(keys_are(o, keys, NELEM(keys)));
		CHECK(num(o, "version") == (json_int_t)i + 1);
		CHECK_STR(str(o, "change"), words[i]);
	}
	if (json_array_size(arr) == 4) {
		CHECK(is_null(json_array_get(arr, 0), "record"));
		CHECK_STR(str(json_array_get(arr, 1), "record"), "O2020-1");
		CHECK_STR(str(json_array_get(arr, 2), "text"), "No person shall park.");
		/* the clause is absent from its removal on */
		CHECK(is_null(json_array_get(arr, 3), "text"));
	}
	json_decref(root);
	ot_buf_release(&out);
}

/* ---- ordtrack-blame/1 ---------------------------------------------------- */

TEST(blame_doc_lines)
{
	static const char *const keys[] = {"id",    "kind",   "version", "commit", "date",
					   "stage", "record", "tally",	 "text"};
	ot_blame_line l[2];
	ot_blame b;
	ot_buf out = OT_BUF_INIT;
	json_t *root, *arr;

	memset(l, 0, sizeof(l));
	l[0].id = MUT("9-99-020");
	l[0].kind = MUT("section");
	l[0].text = MUT("Rules.");
	l[0].version.number = 1;
	strcpy(l[0].version.commit, c1);
	l[0].version.date = MUT("2020-01-15");
	l[0].version.stage = MUT("enacted");
	l[0].version.record = MUT("");
	l[1] = l[0];
	l[1].id = MUT("9-99-020(a)");
	l[1].kind = MUT("clause");
	l[1].text = MUT("No person shall park.");
	l[1].version.number = 2;
	l[1].version.record = MUT("O2021-7");
	l[1].tally = MUT("41-8");
	b.items = l;
	b.n = 2;
	b.cap = 2;
	ot_blame_doc(&out, "9-99", 2, &b);
	root = read_doc(&out, "ordtrack-blame/1");
	CHECK_STR(str(root, "ordinance"), "9-99");
	CHECK(num(root, "version") == 2);
	arr = json_object_get(root, "clauses");
	CHECK(json_array_size(arr) == 2);
	if (json_array_size(arr) == 2) {
		json_t *a = json_array_get(arr, 0), *c = json_array_get(arr, 1);
		CHECK(keys_are(a, keys, NELEM(keys)));
		CHECK(is_null(a, "record"));
		CHECK(is_null(a, "tally"));
		CHECK_STR(str(a, "kind"), "section");
		CHECK_STR(str(c, "record"), "O2021-7");
		CHECK_STR(str(c, "tally"), "41-8");
		CHECK(num(c, "version") == 2);
		CHECK_STR(str(c, "text"), "No person shall park.");
	}
	json_decref(root);
	ot_buf_release(&out);
}

/* ---- ordtrack-text/1 ----------------------------------------------------- */

static const char law[] = "9-99-010 Purpose.\n"
			  "This chapter exists to test ordtrack.\n"
			  "9-99-020 Rules.\n"
			  "(a) No person shall park a vehicle on a sidewalk.\n"
			  "(b) No person shall idle a vehicle, except:\n"
			  "(1) emergency vehicles; and\n"
			  "(2) vehicles in traffic.\n";

static ot_doc *law_doc(void)
{
	ot_doc *doc = NULL;
	CHECK(ot_doc_parse_text(&doc, law, strlen(law), "law.txt") == 0);
	return doc;
}

/* 9-99@2 (the strings are static: the rev outlives this call) */
static ot_rev test_rev(void)
{
	static char spec[] = "9-99@2", ord[] = "9-99", date[] = "2021-06-30";
	ot_rev r;
	memset(&r, 0, sizeof(r));
	r.spec = spec;
	r.ordinance = ord;
	strcpy(r.commit, c2);
	r.number = 2;
	r.date = date;
	return r;
}

TEST(text_doc_whole)
{
	static const char *const root_keys[] = {"format", "ordinance", "version", "commit",
						"date",	  "title",     "sections"};
	static const char *const sec_keys[] = {"id", "kind", "num", "heading", "children"};
	static const char *const clause_keys[] = {"id", "kind", "num", "text", "children"};
	ot_doc *doc = law_doc();
	ot_rev rev = test_rev();
	ot_buf out = OT_BUF_INIT;
	json_t *root, *secs, *s2, *b;

	if (!doc)
		return;
	ot_text_doc(&out, doc, &rev, NULL, 0);
	root = read_doc(&out, "ordtrack-text/1");
	CHECK(keys_are(root, root_keys, NELEM(root_keys)));
	CHECK_STR(str(root, "ordinance"), "9-99");
	CHECK(num(root, "version") == 2);
	CHECK_STR(str(root, "commit"), c2);
	CHECK_STR(str(root, "date"), "2021-06-30");
	CHECK(is_null(root, "title"));
	secs = json_object_get(root, "sections");
	CHECK(json_array_size(secs) == 2);
	/* a TEXT node has no num; a section a heading; children nest */
	CHECK_STR(str(json_array_get(json_object_get(json_array_get(secs, 0), "children"), 0), "kind"),
		  "text");
	CHECK(json_object_get(json_array_get(json_object_get(json_array_get(secs, 0), "children"), 0),
			      "num") == NULL);
	s2 = json_array_get(secs, 1);
	CHECK(keys_are(s2, sec_keys, NELEM(sec_keys)));
	CHECK_STR(str(s2, "id"), "9-99-020");
	CHECK_STR(str(s2, "heading"), "Rules.");
	b = json_array_get(json_object_get(s2, "children"), 1);
	CHECK(keys_are(b, clause_keys, NELEM(clause_keys)));
	CHECK_STR(str(b, "id"), "9-99-020(b)");
	CHECK_STR(str(b, "num"), "(b)");
	CHECK(json_array_size(json_object_get(b, "children")) == 2);
	CHECK_STR(str(json_array_get(json_object_get(b, "children"), 1), "id"), "9-99-020(b)(2)");
	CHECK_STR(str(json_array_get(json_object_get(b, "children"), 1), "text"), "vehicles in traffic.");
	/* without notes there is no "notes" key anywhere */
	CHECK(strstr(out.ptr, "\"notes\"") == NULL);
	json_decref(root);
	ot_buf_release(&out);
	ot_doc_free(doc);
}

TEST(text_doc_notes)
{
	ot_doc *doc = law_doc();
	ot_rev rev = test_rev();
	ot_buf out = OT_BUF_INIT;
	json_t *root, *secs, *n;

	if (!doc)
		return;
	doc->title = strdup("TEST CHAPTER");
	ot_doc_add_note(doc, "9-99-020", "history", "Added Coun. J. 1-15-20.");
	ot_doc_add_note(doc, NULL, "editorial", "Editor's note: a test.");
	ot_text_doc(&out, doc, &rev, NULL, 1);
	root = read_doc(&out, "ordtrack-text/1");
	CHECK_STR(str(root, "title"), "TEST CHAPTER");
	secs = json_object_get(root, "sections");
	CHECK(json_array_size(json_object_get(json_array_get(secs, 0), "notes")) == 0);
	n = json_object_get(json_array_get(secs, 1), "notes");
	CHECK(json_array_size(n) == 1);
	CHECK_STR(str(json_array_get(n, 0), "section"), "9-99-020");
	CHECK_STR(str(json_array_get(n, 0), "kind"), "history");
	CHECK_STR(str(json_array_get(n, 0), "text"), "Added Coun. J. 1-15-20.");
	/* notes naming no section come last, at the top */
	n = json_object_get(root, "notes");
	CHECK(json_array_size(n) == 1);
	CHECK(is_null(json_array_get(n, 0), "section"));
	CHECK_STR(str(json_array_get(n, 0), "kind"), "editorial");
	json_decref(root);

	/* one section with its notes; a clause never carries notes */
	ot_buf_clear(&out);
	ot_text_doc(&out, doc, &rev, ot_doc_find(doc, "9-99-020"), 1);
	root = read_doc(&out, "ordtrack-text/1");
	CHECK(json_object_get(root, "sections") == NULL);
	CHECK(json_object_get(root, "notes") == NULL);
	CHECK_STR(str(json_object_get(root, "clause"), "id"), "9-99-020");
	CHECK(json_array_size(json_object_get(json_object_get(root, "clause"), "notes")) == 1);
	json_decref(root);
	/* the same section without --notes: no "notes" key */
	ot_buf_clear(&out);
	ot_text_doc(&out, doc, &rev, ot_doc_find(doc, "9-99-020"), 0);
	CHECK(strstr(out.ptr, "\"notes\"") == NULL);
	ot_buf_clear(&out);
	ot_text_doc(&out, doc, &rev, ot_doc_find(doc, "9-99-020(b)"), 1);
	root = read_doc(&out, "ordtrack-text/1");
	CHECK_STR(str(json_object_get(root, "clause"), "id"), "9-99-020(b)");
	CHECK(json_object_get(json_object_get(root, "clause"), "notes") == NULL);
	CHECK(json_array_size(json_object_get(json_object_get(root, "clause"), "children")) == 2);
	json_decref(root);
	ot_buf_release(&out);
	ot_doc_free(doc);
}

/* A chain of clauses 500 deep comes out nested 500 deep, in order. */
TEST(text_doc_deep_tree)
{
	enum { DEPTH = 500 };
	ot_doc *doc = ot_doc_new();
	ot_node *sec = ot_node_new(OT_NODE_SECTION, "1-1-010", "1-1-010", "Deep.", NULL), *p = sec;
	ot_rev rev = test_rev();
	ot_buf out = OT_BUF_INIT;
	json_t *root, *o;
	int i;

	for (i = 0; i < DEPTH; i++) {
		char id[32];
		ot_node *c;
		snprintf(id, sizeof(id), "d%d", i);
		c = ot_node_new(OT_NODE_CLAUSE, id, "(a)", NULL, id);
		ot_node_append(p, c);
		p = c;
	}
	ot_doc_append(doc, sec);
	ot_text_doc(&out, doc, &rev, NULL, 0);
	root = read_doc(&out, "ordtrack-text/1");
	o = json_array_get(json_object_get(root, "sections"), 0);
	for (i = 0; i < DEPTH && o; i++) {
		char id[32];
		snprintf(id, sizeof(id), "d%d", i);
		o = json_array_get(json_object_get(o, "children"), 0);
		if (!o || !str(o, "id") || strcmp(str(o, "id"), id) != 0)
			break;
	}
	CHECK(i == DEPTH);
	CHECK(o && json_array_size(json_object_get(o, "children")) == 0);
	json_decref(root);
	ot_buf_release(&out);
	ot_doc_free(doc);
}

/* ---- ordtrack-search/1 --------------------------------------------------- */

TEST(search_docs)
{
	static const char *const hit_keys[] = {"ordinance", "version", "id", "snippet"};
	static const char *const rec_keys[] = {"record", "status", "title", "sponsors"};
	ot_search_hit h = {MUT("9-99"), 2, MUT("9-99-020(a)"), MUT("No person shall [park] a vehicle")};
	ot_search_hits hits = {&h, 1, 1, 0};
	ot_record_hit r[2] = {{MUT("O2021-7"), OT_STATUS_PASSED, MUT("Ban [parking]"), MUT("Ann Lee")},
			      {MUT("O2022-1"), OT_STATUS_WITHDRAWN, MUT("Idling"), MUT("Bo [Park]")}};
	ot_record_hits rh = {r, 2, 2, 0};
	ot_buf out = OT_BUF_INIT;
	json_t *root, *arr;

	ot_search_doc(&out, "park*", &hits);
	root = read_doc(&out, "ordtrack-search/1");
	CHECK_STR(str(root, "query"), "park*");
	CHECK(json_object_get(root, "records") == NULL);
	arr = json_object_get(root, "hits");
	CHECK(json_array_size(arr) == 1);
	CHECK(keys_are(json_array_get(arr, 0), hit_keys, NELEM(hit_keys)));
	CHECK(num(json_array_get(arr, 0), "version") == 2);
	CHECK_STR(str(json_array_get(arr, 0), "snippet"), "No person shall [park] a vehicle");
	json_decref(root);

	ot_buf_clear(&out);
	ot_search_records_doc(&out, "park*", &rh);
	root = read_doc(&out, "ordtrack-search/1");
	CHECK(json_object_get(root, "hits") == NULL);
	arr = json_object_get(root, "records");
	CHECK(json_array_size(arr) == 2);
	CHECK(keys_are(json_array_get(arr, 1), rec_keys, NELEM(rec_keys)));
	CHECK_STR(str(json_array_get(arr, 0), "status"), "passed");
	CHECK_STR(str(json_array_get(arr, 1), "status"), "withdrawn");
	CHECK_STR(str(json_array_get(arr, 1), "sponsors"), "Bo [Park]");
	json_decref(root);

	/* no hits: an empty array */
	hits.n = 0;
	ot_buf_clear(&out);
	ot_search_doc(&out, "zzz", &hits);
	CHECK(strstr(out.ptr, "\"hits\": []") != NULL);
	ot_buf_release(&out);
}

/* ---- ordtrack-code-diff/1 ------------------------------------------------ */

static ot_doc *parse(const char *text)
{
	ot_doc *d = NULL;
	CHECK(ot_doc_parse_text(&d, text, strlen(text), "t.txt") == 0);
	return d;
}

TEST(code_diff_doc_totals)
{
	static const char *const keys[] = {"format", "from", "to", "stats", "ordinances"};
	ot_code_diff_entry e[2];
	ot_code_diff cd;
	ot_buf out = OT_BUF_INIT;
	json_t *root, *st, *arr, *o;
	size_t i;

	memset(e, 0, sizeof(e));
	e[0].ordinance = MUT("9-91");
	e[0].status = "changed";
	e[0].old_doc = parse("9-91-010 One.\n(a) First text.\n(b) Second text.\n");
	e[0].new_doc = parse("9-91-010 One.\n(a) First text, amended.\n(b) Second text.\n");
	e[1].ordinance = MUT("9-97");
	e[1].status = "added";
	e[1].old_doc = ot_doc_new();
	e[1].new_doc = parse("9-97-010 New.\n(a) New text.\n");
	for (i = 0; i < 2; i++)
		CHECK(e[i].old_doc && e[i].new_doc &&
		      ot_diff_compute(&e[i].diff, e[i].old_doc, e[i].new_doc, NULL) == 0);
	if (!e[0].diff || !e[1].diff)
		goto done;
	cd.items = e;
	cd.n = 2;
	cd.cap = 2;
	cd.unchanged = 3;

	CHECK(ot_code_diff_doc(&out, &cd, "main~1", c1, "main", c2, 0) == 0);
	root = read_doc(&out, "ordtrack-code-diff/1");
	CHECK(keys_are(root, keys, NELEM(keys)));
	CHECK_STR(str(json_object_get(root, "from"), "rev"), "main~1");
	CHECK_STR(str(json_object_get(root, "from"), "commit"), c1);
	CHECK_STR(str(json_object_get(root, "to"), "rev"), "main");
	st = json_object_get(root, "stats");
	CHECK(num(json_object_get(st, "ordinances"), "added") == 1);
	CHECK(num(json_object_get(st, "ordinances"), "removed") == 0);
	CHECK(num(json_object_get(st, "ordinances"), "changed") == 1);
	CHECK(num(json_object_get(st, "ordinances"), "unchanged") == 3);
	/* the units: (a) modified in 9-91; the section and (a) added in 9-97 */
	CHECK(num(st, "modified") == 1);
	CHECK(num(st, "added") == 2);
	CHECK(num(st, "added") == (json_int_t)(e[0].diff->stats.added + e[1].diff->stats.added));
	CHECK(num(st, "unchanged") == (json_int_t)(e[0].diff->stats.unchanged + e[1].diff->stats.unchanged));
	arr = json_object_get(root, "ordinances");
	CHECK(json_array_size(arr) == 2);
	o = json_array_get(arr, 0);
	/* each ordinance: its ordtrack-diff/1 with ordinance and status first,
	 * and without from and to */
	{
		const char *k;
		json_t *v;
		size_t pos = 0;
		json_object_foreach(o, k, v)
		{
			(void)v;
			if (pos == 0)
				CHECK_STR(k, "ordinance");
			if (pos == 1)
				CHECK_STR(k, "status");
			pos++;
		}
	}
	CHECK_STR(str(o, "ordinance"), "9-91");
	CHECK_STR(str(o, "status"), "changed");
	CHECK_STR(str(o, "format"), "ordtrack-diff/1");
	CHECK(json_object_get(o, "from") == NULL && json_object_get(o, "to") == NULL);
	CHECK(json_array_size(json_object_get(o, "changes")) == 1);
	CHECK_STR(str(json_array_get(json_object_get(o, "changes"), 0), "id"), "9-91-010(a)");
	CHECK_STR(str(json_array_get(arr, 1), "status"), "added");
	json_decref(root);

	/* --stat: each ordinance is its ordtrack-diff-stat/1 */
	ot_buf_clear(&out);
	CHECK(ot_code_diff_doc(&out, &cd, "main~1", c1, "main", c2, 1) == 0);
	root = read_doc(&out, "ordtrack-code-diff/1");
	o = json_array_get(json_object_get(root, "ordinances"), 1);
	CHECK_STR(str(o, "format"), "ordtrack-diff-stat/1");
	CHECK(json_object_get(o, "changes") == NULL);
	CHECK(num(json_object_get(o, "stats"), "added") == 2);
	json_decref(root);

	/* no ordinance differs */
	cd.n = 0;
	ot_buf_clear(&out);
	CHECK(ot_code_diff_doc(&out, &cd, "main", c2, "main", c2, 0) == 0);
	CHECK(strstr(out.ptr, "\"ordinances\": []\n}\n") != NULL);
done:
	for (i = 0; i < 2; i++) {
		ot_diff_free(e[i].diff);
		ot_doc_free(e[i].old_doc);
		ot_doc_free(e[i].new_doc);
	}
	ot_buf_release(&out);
}

/* ---- ordtrack-fsck/1 ----------------------------------------------------- */

TEST(fsck_report_doc_forms)
{
	static const char *const plain_keys[] = {"format", "clean", "checked", "problems"};
	static const char *const repair_keys[] = {
	    "format", "clean", "checked", "problems", "found_before_repair", "repairs"};
	static const char *const checked_keys[] = {"refs",	 "commits",	 "trees",
						   "blobs",	 "sections",	 "records",
						   "lock_files", "index_tables", "index_rows"};
	ot_fsck_problem left = {OT_FSCK_REF, MUT("refs/records/O2099-1"), MUT("points at nothing")};
	ot_fsck_problem found[2] = {{OT_FSCK_LOCK, MUT("packed-refs.lock"), MUT("stale")},
				    {OT_FSCK_REF, NULL, NULL}};
	char *repairs[] = {MUT("removed packed-refs.lock"), MUT("rebuilt index.sqlite from git")};
	ot_fsck_report r;
	ot_buf out = OT_BUF_INIT;
	json_t *root, *ch, *p;

	found[1] = left;
	memset(&r, 0, sizeof(r));
	r.refs = 2;
	r.commits = 3;
	r.trees = 15;
	r.blobs = 16;
	r.sections = 10;
	r.records = 1;
	r.lock_files = 1;
	r.index_tables = 7;
	r.index_rows = 58;

	/* a clean plain check */
	ot_fsck_report_doc(&out, &r, 0);
	root = read_doc(&out, "ordtrack-fsck/1");
	CHECK(keys_are(root, plain_keys, NELEM(plain_keys)));
	CHECK(json_is_true(json_object_get(root, "clean")));
	ch = json_object_get(root, "checked");
	CHECK(keys_are(ch, checked_keys, NELEM(checked_keys)));
	CHECK(num(ch, "refs") == 2 && num(ch, "blobs") == 16 && num(ch, "index_rows") == 58);
	CHECK(json_array_size(json_object_get(root, "problems")) == 0);
	json_decref(root);

	/* a repair that left one problem */
	r.problems.items = &left;
	r.problems.n = 1;
	r.found.items = found;
	r.found.n = 2;
	r.repairs = repairs;
	r.nrepairs = 2;
	ot_buf_clear(&out);
	ot_fsck_report_doc(&out, &r, 1);
	root = read_doc(&out, "ordtrack-fsck/1");
	CHECK(keys_are(root, repair_keys, NELEM(repair_keys)));
	CHECK(json_is_false(json_object_get(root, "clean")));
	p = json_array_get(json_object_get(root, "problems"), 0);
	CHECK_STR(str(p, "kind"), "ref");
	CHECK_STR(str(p, "where"), "refs/records/O2099-1");
	CHECK_STR(str(p, "message"), "points at nothing");
	CHECK(json_array_size(json_object_get(root, "found_before_repair")) == 2);
	CHECK_STR(str(json_array_get(json_object_get(root, "found_before_repair"), 0), "kind"), "lock");
	CHECK(json_array_size(json_object_get(root, "repairs")) == 2);
	CHECK_STR(json_string_value(json_array_get(json_object_get(root, "repairs"), 1)),
		  "rebuilt index.sqlite from git");
	json_decref(root);

	/* the same report without repair: neither repair key */
	ot_buf_clear(&out);
	ot_fsck_report_doc(&out, &r, 0);
	root = read_doc(&out, "ordtrack-fsck/1");
	CHECK(keys_are(root, plain_keys, NELEM(plain_keys)));
	json_decref(root);
	ot_buf_release(&out);
}

/* ---- the record questions (query.c), on a tracker ------------------------- */

static ot_tracker *fresh_tracker(void)
{
	ot_tracker *t = NULL;
	char path[128];
	snprintf(path, sizeof(path), "%s/t", tmpdir);
	if (ot_tracker_init(path) != 0 || ot_tracker_open(&t, path) != 0)
		return NULL;
	return t;
}

static int propose(ot_tracker *t, const char *id, const char *title, const char *sponsor, const ot_doc *doc)
{
	const char *sponsors[] = {sponsor};
	const char *ords[] = {"9-99"};
	const ot_doc *docs[] = {doc};
	ot_propose p;
	char commit[41];
	memset(&p, 0, sizeof(p));
	p.id = id;
	p.title = title;
	p.date = "2021-01-13";
	p.type = OT_RECORD_ORDINANCE;
	p.sponsors = sponsors;
	p.nsponsors = 1;
	p.ordinances = ords;
	p.docs = docs;
	p.ndocs = 1;
	return ot_record_propose(commit, t, &p);
}

TEST(record_search_and_tallies)
{
	ot_tracker *t = fresh_tracker();
	ot_doc *doc = law_doc(), *doc2 = NULL;
	ot_add_opts o;
	ot_record_hits hits = {0};
	ot_blame b = {0};
	ot_buf out = OT_BUF_INIT;
	char commit[41];
	size_t i;

	CHECK(t != NULL);
	if (!t || !doc)
		goto done;
	memset(&o, 0, sizeof(o));
	o.ordinance = "9-99";
	o.date = "2020-01-15";
	CHECK(ot_store_add(commit, t, &o, doc) == 0);
	doc2 = parse("9-99-010 Purpose.\nThis chapter exists to test ordtrack twice.\n");
	CHECK(propose(t, "O2021-1", "Ban parking on lawns", "Ann Lee", doc2) == 0);
	CHECK(propose(t, "O2021-2", "A longer idling limit", "Bo Park", doc2) == 0);

	/* the title of one, the sponsor of the other, marked */
	CHECK(ot_query_search_records(&hits, t, "park*") == 0);
	CHECK(hits.n == 2);
	for (i = 0; i < hits.n; i++) {
		CHECK(hits.items[i].status == OT_STATUS_PENDING);
		if (strcmp(hits.items[i].record, "O2021-1") == 0) {
			CHECK_STR(hits.items[i].title, "Ban [parking] on lawns");
			CHECK_STR(hits.items[i].sponsors, "Ann Lee");
		} else {
			CHECK_STR(hits.items[i].record, "O2021-2");
			CHECK_STR(hits.items[i].title, "A longer idling limit");
			CHECK_STR(hits.items[i].sponsors, "Bo [Park]");
		}
	}
	ot_search_records_doc(&out, "park*", &hits);
	CHECK(strstr(out.ptr, "\"record\": \"O2021-1\"") != NULL);
	ot_record_hits_release(&hits);
	CHECK(ot_query_search_records(&hits, t, "lawns") == 0);
	CHECK(hits.n == 1 && strcmp(hits.items[0].record, "O2021-1") == 0);
	ot_record_hits_release(&hits);
	CHECK(ot_query_search_records(&hits, t, "nothing") == 0);
	CHECK(hits.n == 0);
	/* what FTS5 cannot read is searched as one phrase, and says so */
	CHECK(ot_query_search_records(&hits, t, "AND AND (") == 0);
	CHECK(hits.phrase == 1 && hits.n == 0 && hits.items == NULL);
	ot_record_hits_release(&hits);
	CHECK(ot_query_search_records(&hits, t, "lawns (") == 0);
	CHECK(hits.phrase == 1 && hits.n == 1);
	ot_record_hits_release(&hits);
	CHECK(ot_query_search_records(&hits, t, "lawns") == 0);
	CHECK(hits.phrase == 0);
	ot_record_hits_release(&hits);

	/* tallies: none without a passing vote or a record, and no error */
	CHECK(ot_query_blame(&b, t, "9-99", 1) == 0);
	CHECK(b.n > 0);
	if (b.n > 1) {
		free(b.items[0].version.record);
		b.items[0].version.record = strdup("O2021-1"); /* no vote */
		free(b.items[1].version.record);
		b.items[1].version.record = strdup("O2099-9"); /* no such record */
	}
	ot_query_blame_tallies(&b, t);
	for (i = 0; i < b.n; i++)
		CHECK(b.items[i].tally == NULL);
	CHECK(*ot_error_last() == '\0');
	ot_buf_clear(&out);
	ot_blame_doc(&out, "9-99", 1, &b);
	CHECK(strstr(out.ptr, "\"tally\": \"") == NULL);
	CHECK(strstr(out.ptr, "\"record\": \"O2021-1\"") != NULL);
	/* a second call replaces the tallies (nothing leaks) */
	ot_query_blame_tallies(&b, t);
done:
	ot_blame_release(&b);
	ot_buf_release(&out);
	ot_doc_free(doc);
	ot_doc_free(doc2);
	ot_tracker_free(t);
}

int main(void)
{
	char cmd[128];
	int rc;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/ordtrack-test-XXXXXX");
	if (!mkdtemp(tmpdir))
		return 2;
	RUN(log_doc_versions);
	RUN(history_doc_changes);
	RUN(blame_doc_lines);
	RUN(text_doc_whole);
	RUN(text_doc_notes);
	RUN(text_doc_deep_tree);
	RUN(search_docs);
	RUN(code_diff_doc_totals);
	RUN(fsck_report_doc_forms);
	RUN(record_search_and_tallies);
	rc = test_summary();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		rc = 1;
	return rc;
}
