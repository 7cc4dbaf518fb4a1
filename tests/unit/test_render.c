/*
 * test_render.c - the diff renderers (text, JSON, Markdown, HTML,
 * unified, --stat) on hand-built diffs.
 *
 * The diffs are built here by hand (diff_new/add_change/set_ops below,
 * freed with the library's ot_diff_free), independent of the diff engine,
 * together with the two small documents they describe, so context and
 * unified output can be checked too.  Expected outputs live in tests/golden/render/; run with
 * UPDATE_GOLDEN=1 to rewrite them after a reviewed change (paths are
 * relative to the top of the tree, where tests/run.sh runs).
 */
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "render_internal.h"
#include "ordtrack/ordtrack.h"
#include "test.h"

#define GOLDEN_DIR "tests/golden/render/"

/* ---- builders ------------------------------------------------------------ */

static char *dup_or_null(const char *s)
{
	return s ? ot_strdup(s) : NULL;
}

static ot_diff *diff_new(void)
{
	return ot_calloc(1, sizeof(ot_diff));
}

static ot_change *add_change(ot_diff *d, ot_change_kind kind, ot_node_kind node,
			     const char *id, const char *old_id, const char *num,
			     const char *old_num)
{
	ot_change *c = OT_ARRAY_PUSH(d->changes, d->nchanges, d->cap);
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->node_kind = node;
	c->id = dup_or_null(id);
	c->old_id = dup_or_null(old_id);
	c->num = dup_or_null(num);
	c->old_num = dup_or_null(old_num);
	c->similarity = kind == OT_CHANGE_ADDED || kind == OT_CHANGE_REMOVED ? 0 : 1;
	return c;
}

static void set_texts(ot_change *c, const char *old_text, const char *new_text)
{
	c->old_text = dup_or_null(old_text);
	c->new_text = dup_or_null(new_text);
}

/* Ops from strings "=equal", "-deleted", "+inserted", NULL-terminated. */
static void set_ops(ot_word_op **ops, size_t *n, ...)
{
	va_list ap;
	const char *s;
	size_t cap = 0;
	*ops = NULL;
	*n = 0;
	va_start(ap, n);
	while ((s = va_arg(ap, const char *))) {
		ot_word_op *op = OT_ARRAY_PUSH(*ops, *n, cap);
		op->op = s[0] == '-' ? OT_OP_DELETE : s[0] == '+' ? OT_OP_INSERT : OT_OP_EQUAL;
		op->text = ot_strdup(s + 1);
		op->len = strlen(s + 1);
	}
	va_end(ap);
}

static const char *const T_A_OLD = "No agent or agency shall request information.";
static const char *const T_A_NEW = "No agent or agency shall ask for information.";
static const char *const T_B = "\xe2\x80\x9c" "Agent\xe2\x80\x9d means any person employed by the City "
			       "\xe2\x80\x94 including contractors & vendors.";
static const char *const T_C_NEW = "The \xe2\x80\x9ctrust_act\xe2\x80\x9d applies to every department.";
static const char *const T_D_OLD = "Agency records & logs shall be kept for 3 years.";
static const char *const T_D_NEW = "Agency records & logs shall be kept for 5 years.";
static const char *const T_42A = "The prohibitions in this chapter apply to every agent.";
static const char *const T_42B = "The prohibitions shall not apply when:";
static const char *const T_42B1 = "the subject is under investigation by <agency> for *criminal* activity;";
static const char *const T_42T = "Nothing in this section limits the \"Act\" \xe2\x80\x94 or its "
				 "\xe2\x80\x98reach\xe2\x80\x99.";
static const char *const T_65A = "The Mayor shall report yearly.";

/* The diff of old_doc() -> new_doc(), with every kind of change. */
static ot_diff *full_diff(void)
{
	ot_diff *d = diff_new();
	ot_change *c;

	c = add_change(d, OT_CHANGE_MODIFIED, OT_NODE_SECTION, "2-173-020", "2-173-020",
		       "2-173-020", "2-173-020");
	c->heading = ot_strdup("Definitions and scope.");
	c->old_heading = ot_strdup("Definitions.");
	c->similarity = 0.67;
	set_ops(&c->heading_ops, &c->nheading_ops, "=Definitions", "+ and scope", "=.", NULL);
	/* as diff.h allows (and the engine does): ops repeat the heading's */
	set_ops(&c->ops, &c->nops, "=Definitions", "+ and scope", "=.", NULL);

	c = add_change(d, OT_CHANGE_MODIFIED, OT_NODE_CLAUSE, "2-173-020(a)", "2-173-020(a)",
		       "(a)", "(a)");
	set_texts(c, T_A_OLD, T_A_NEW);
	c->similarity = 0.8;
	set_ops(&c->ops, &c->nops, "=No agent or agency shall ", "-request", "+ask for",
		"= information.", NULL);

	c = add_change(d, OT_CHANGE_ADDED, OT_NODE_CLAUSE, "2-173-020(c)", NULL, "(c)", NULL);
	set_texts(c, NULL, T_C_NEW);

	c = add_change(d, OT_CHANGE_RENUMBERED, OT_NODE_CLAUSE, "2-173-020(d)", "2-173-020(c)",
		       "(d)", "(c)");
	set_texts(c, T_D_OLD, T_D_NEW);
	c->similarity = 0.8765;
	set_ops(&c->ops, &c->nops, "=Agency records & logs shall be kept for ", "-3", "+5",
		"= years.", NULL);

	c = add_change(d, OT_CHANGE_REMOVED, OT_NODE_CLAUSE, "2-173-042(b)(1)", "2-173-042(b)(1)",
		       "(1)", "(1)");
	set_texts(c, T_42B1, NULL);

	c = add_change(d, OT_CHANGE_ADDED, OT_NODE_TEXT, "2-173-042~1", NULL, NULL, NULL);
	set_texts(c, NULL, T_42T);

	c = add_change(d, OT_CHANGE_RENUMBERED, OT_NODE_SECTION, "2-173-070", "2-173-065",
		       "2-173-070", "2-173-065");
	c->heading = ot_strdup("Reporting.");
	c->similarity = 1.0;
	c->moved = 1;

	d->stats.added = 2;
	d->stats.removed = 1;
	d->stats.modified = 2;
	d->stats.renumbered = 2;
	d->stats.unchanged = 5;
	return d;
}

static ot_node *section(ot_doc *doc, const char *num, const char *heading)
{
	ot_node *s = ot_node_new(OT_NODE_SECTION, num, num, heading, NULL);
	ot_doc_append(doc, s);
	return s;
}

static ot_node *clause(ot_node *parent, const char *marker, const char *text)
{
	ot_buf id = OT_BUF_INIT;
	ot_node *n;
	ot_buf_printf(&id, "%s%s", parent->id, marker);
	n = ot_node_new(OT_NODE_CLAUSE, id.ptr, marker, NULL, text);
	ot_node_append(parent, n);
	ot_buf_release(&id);
	return n;
}

static ot_doc *old_doc(void)
{
	ot_doc *doc = ot_doc_new();
	ot_node *s, *b;
	s = section(doc, "2-173-020", "Definitions.");
	clause(s, "(a)", T_A_OLD);
	clause(s, "(b)", T_B);
	clause(s, "(c)", T_D_OLD);
	s = section(doc, "2-173-042", "Exceptions.");
	clause(s, "(a)", T_42A);
	b = clause(s, "(b)", T_42B);
	clause(b, "(1)", T_42B1);
	s = section(doc, "2-173-065", "Reporting.");
	clause(s, "(a)", T_65A);
	return doc;
}

static ot_doc *new_doc(void)
{
	ot_doc *doc = ot_doc_new();
	ot_node *s;
	s = section(doc, "2-173-020", "Definitions and scope.");
	clause(s, "(a)", T_A_NEW);
	clause(s, "(b)", T_B);
	clause(s, "(c)", T_C_NEW);
	clause(s, "(d)", T_D_NEW);
	s = section(doc, "2-173-042", "Exceptions.");
	clause(s, "(a)", T_42A);
	clause(s, "(b)", T_42B);
	ot_node_append(s, ot_node_new(OT_NODE_TEXT, "2-173-042~1", NULL, NULL, T_42T));
	s = section(doc, "2-173-070", "Reporting.");
	clause(s, "(a)", T_65A);
	return doc;
}

static void base_opts(ot_diff_render_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->from_rev = "2-173@1";
	o->to_rev = "O2021-117";
	o->to_commit = "0123456789abcdef0123456789abcdef01234567";
}

/* ---- golden files ---------------------------------------------------------- */

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ot_buf b = OT_BUF_INIT;
	char chunk[4096];
	size_t n;
	if (!f)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		ot_buf_put(&b, chunk, n);
	fclose(f);
	if (len)
		*len = b.len;
	return ot_buf_detach(&b);
}

static int write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	int ok;
	if (!f)
		return -1;
	ok = fwrite(data, 1, len, f) == len;
	return fclose(f) == 0 && ok ? 0 : -1;
}

/* Compare got with the golden file; UPDATE_GOLDEN=1 rewrites it. */
static void check_golden(const char *name, const char *got)
{
	char path[512];
	char *want;
	size_t line = 1, i;
	snprintf(path, sizeof(path), GOLDEN_DIR "%s", name);
	if (getenv("UPDATE_GOLDEN") && strcmp(getenv("UPDATE_GOLDEN"), "1") == 0) {
		CHECK(write_file(path, got, strlen(got)) == 0);
		printf("# wrote %s\n", path);
		return;
	}
	want = read_file(path, NULL);
	if (!want) {
		printf("# cannot read %s (run from the top of the tree)\n", path);
		CHECK(want != NULL);
		return;
	}
	if (strcmp(want, got) != 0) {
		for (i = 0; want[i] && want[i] == got[i]; i++)
			if (want[i] == '\n')
				line++;
		printf("# %s differs from the output at line %zu\n", path, line);
		CHECK(strcmp(want, got) == 0);
	}
	free(want);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	const char *p = hay;
	while ((p = strstr(p, needle))) {
		n++;
		p += strlen(needle);
	}
	return n;
}

/* Render diff in fmt; returns the owned text, or NULL if it failed. */
static char *render(const ot_diff *d, ot_format fmt, const ot_diff_render_opts *o)
{
	ot_buf out = OT_BUF_INIT;
	int err = ot_render_diff(&out, d, fmt, o);
	if (err < 0) {
		printf("# render failed: %d %s\n", err, ot_error_last());
		ot_buf_release(&out);
		return NULL;
	}
	return ot_buf_detach(&out);
}

/* ---- cases ------------------------------------------------------------------- */

TEST(format_names)
{
	ot_format f = OT_FORMAT_TEXT;
	CHECK(ot_format_parse(&f, "json") == 0 && f == OT_FORMAT_JSON);
	CHECK(ot_format_parse(&f, "md") == 0 && f == OT_FORMAT_MARKDOWN);
	CHECK(ot_format_parse(&f, "markdown") == 0 && f == OT_FORMAT_MARKDOWN);
	CHECK(ot_format_parse(&f, "html") == 0 && f == OT_FORMAT_HTML);
	CHECK(ot_format_parse(&f, "unified") == 0 && f == OT_FORMAT_UNIFIED);
	CHECK(ot_format_parse(&f, "text") == 0 && f == OT_FORMAT_TEXT);
	CHECK(ot_format_parse(&f, "xml") == OT_EINVALID);
	CHECK(strstr(ot_error_last(), "'xml'") != NULL);
	CHECK(strstr(ot_error_last(), "markdown") != NULL);
	CHECK(ot_format_parse(&f, "") == OT_EINVALID);
	CHECK(ot_format_parse(&f, NULL) == OT_EINVALID);
	CHECK(ot_format_parse(&f, "JSON") == OT_EINVALID);
}

TEST(bad_arguments)
{
	ot_buf out = OT_BUF_INIT;
	ot_diff *d = full_diff();
	ot_diff_render_opts o;
	base_opts(&o);
	CHECK(ot_render_diff(&out, NULL, OT_FORMAT_TEXT, NULL) == OT_EINVALID);
	CHECK(ot_render_diff(NULL, d, OT_FORMAT_TEXT, NULL) == OT_EINVALID);
	CHECK(ot_render_diff(&out, d, (ot_format)42, NULL) == OT_EINVALID);
	CHECK(strstr(ot_error_last(), "format") != NULL);
	/* unified needs both documents */
	CHECK(ot_render_diff(&out, d, OT_FORMAT_UNIFIED, &o) == -1);
	CHECK(strstr(ot_error_last(), "unified") != NULL);
	CHECK(ot_render_diff(&out, d, OT_FORMAT_UNIFIED, NULL) == -1);
	CHECK(ot_render_diff_stat(&out, NULL, OT_FORMAT_TEXT) == OT_EINVALID);
	CHECK(ot_render_diff_stat(&out, d, OT_FORMAT_HTML) == OT_EINVALID);
	CHECK(out.len == 0);
	ot_buf_release(&out);
	ot_diff_free(d);
}

TEST(text_plain)
{
	ot_diff *d = full_diff();
	ot_diff_render_opts o;
	char *s;
	base_opts(&o);
	s = render(d, OT_FORMAT_TEXT, &o);
	CHECK(s != NULL);
	if (s) {
		check_golden("full.txt", s);
		CHECK(strncmp(s, "diff 2-173@1 O2021-117\n", 23) == 0);
		CHECK(strstr(s, "~ 2-173-020(a)\n    No agent or agency shall "
			     "[-request-]{+ask for+} information.\n") != NULL);
		CHECK(strstr(s, "> 2-173-020(c) -> 2-173-020(d) (renumbered, 88% similar)\n"
			     "    Agency records & logs shall be kept for [-3-]{+5+} years.\n"));
		CHECK(strstr(s, "> 2-173-065 -> 2-173-070 (renumbered, 100% similar)\n") != NULL);
		CHECK(strstr(s, "- 2-173-042(b)(1)\n    the subject is under") != NULL);
		CHECK(strstr(s, "+ 2-173-042~1\n") != NULL);
		CHECK(strstr(s, "~ 2-173-020\n    Definitions{+ and scope+}.\n") != NULL);
		CHECK(strstr(s, "\n2 added, 1 removed, 2 modified, 2 renumbered, 5 unchanged\n") != NULL);
		CHECK(strchr(s, '\033') == NULL);
	}
	free(s);
	/* NULL revisions read "old"/"new" */
	o.from_rev = o.to_rev = NULL;
	s = render(d, OT_FORMAT_TEXT, &o);
	CHECK(s && strncmp(s, "diff old new\n", 13) == 0);
	free(s);
	ot_diff_free(d);
}

TEST(text_color)
{
	ot_diff *d = full_diff();
	ot_diff_render_opts o;
	char *s;
	base_opts(&o);
	o.color = 1;
	s = render(d, OT_FORMAT_TEXT, &o);
	CHECK(s != NULL);
	if (s) {
		check_golden("full-color.txt", s);
		CHECK(strstr(s, "~ \033[1m2-173-020(a)\033[0m\n") != NULL);
		CHECK(strstr(s, "shall \033[31m\033[9mrequest\033[0m\033[32mask for\033[0m "
			     "information.") != NULL);
		CHECK(strstr(s, "[-") == NULL);
		CHECK(strstr(s, "{+") == NULL);
	}
	free(s);
	ot_diff_free(d);
}

TEST(text_context)
{
	ot_diff *d = full_diff();
	ot_doc *od = old_doc(), *nd = new_doc();
	ot_diff_render_opts o;
	char *s;
	base_opts(&o);
	o.context = 1;
	o.old_doc = od;
	o.new_doc = nd;
	s = render(d, OT_FORMAT_TEXT, &o);
	CHECK(s != NULL);
	if (s) {
		check_golden("full-context1.txt", s);
		/* (b) is shown once, after (a), not again before (c), with
		 * its id */
		CHECK(count(s, "  2-173-020(b) \xe2\x80\x9c" "Agent") == 1);
		CHECK(strstr(s, "information.\n  2-173-020(b) \xe2\x80\x9c" "Agent") != NULL);
		/* the removed (b)(1) is placed after (b), its old neighbour */
		CHECK(strstr(s, "  2-173-042(b) The prohibitions shall not apply when:\n"
			     "- 2-173-042(b)(1)\n") != NULL);
		/* context stops at the end of the change's section: the
		 * next section's line does not follow (d) */
		CHECK(strstr(s, "years.\n  2-173-042 Exceptions.\n") == NULL);
		/* 2-173-042(a) is two units from any change: not shown */
		CHECK(strstr(s, "apply to every agent") == NULL);
		CHECK(strstr(s, "yearly.\n2 added") != NULL);
	}
	free(s);
	/* without the documents there is no context, and no failure */
	o.old_doc = o.new_doc = NULL;
	s = render(d, OT_FORMAT_TEXT, &o);
	CHECK(s && strstr(s, "\n  (") == NULL && strstr(s, "\n  2-") == NULL);
	free(s);
	ot_doc_free(od);
	ot_doc_free(nd);
	ot_diff_free(d);
}

TEST(text_masks_control_characters)
{
	ot_diff *d = diff_new();
	ot_change *c = add_change(d, OT_CHANGE_ADDED, OT_NODE_CLAUSE, "1-1-1(a)", NULL,
				  "(a)", NULL);
	char *s;
	set_texts(c, NULL, "evil \033[2J text\nsecond line");
	s = render(d, OT_FORMAT_TEXT, NULL);
	CHECK(s && strchr(s, '\033') == NULL);
	CHECK(s && strstr(s, "    evil ?[2J text\n    second line\n") != NULL);
	free(s);
	ot_diff_free(d);
}

TEST(renumber_wording)
{
	ot_diff *d = diff_new();
	ot_change *c;
	char *s;
	/* a clause that went to another section reads "moved" */
	c = add_change(d, OT_CHANGE_RENUMBERED, OT_NODE_CLAUSE, "2-173-070(b)",
		       "2-173-042(c)", "(b)", "(c)");
	set_texts(c, "Same text.", "Same text.");
	c->similarity = 1.0;
	c->moved = 1;
	/* same id, another place among its siblings: "moved" */
	c = add_change(d, OT_CHANGE_RENUMBERED, OT_NODE_CLAUSE, "2-173-070(c)",
		       "2-173-070(c)", "(c)", "(c)");
	set_texts(c, "Other.", "Other.");
	c->similarity = 0.004;
	c->moved = 1;
	/* a renumbering cascade inside one section: "renumbered", even with
	 * the engine's moved flag */
	c = add_change(d, OT_CHANGE_RENUMBERED, OT_NODE_CLAUSE, "2-173-070(e)",
		       "2-173-070(d)", "(e)", "(d)");
	set_texts(c, "Third.", "Third.");
	c->similarity = 0.995;
	c->moved = 1;
	s = render(d, OT_FORMAT_TEXT, NULL);
	CHECK(s && strstr(s, "> 2-173-042(c) -> 2-173-070(b) (moved, 100% similar)\n"
			     "    Same text.\n"));
	CHECK(s && strstr(s, "> 2-173-070(c) -> 2-173-070(c) (moved, 0% similar)\n"));
	CHECK(s && strstr(s, "> 2-173-070(d) -> 2-173-070(e) (renumbered, 100% similar)\n"));
	free(s);
	s = render(d, OT_FORMAT_MARKDOWN, NULL);
	CHECK(s && strstr(s, "- **2-173-070(b)** \xe2\x80\x94 moved from 2-173-042(c) "
			     "(100% similar)\n"));
	free(s);
	ot_diff_free(d);
}

static json_t *get_path(json_t *root, const char *key, size_t index, const char *field)
{
	json_t *arr = json_object_get(root, key);
	return json_object_get(json_array_get(arr, index), field);
}

TEST(json_shape)
{
	ot_diff *d = full_diff();
	ot_diff_render_opts o;
	json_t *root = NULL, *ch, *ops, *v;
	json_error_t jerr;
	char *s;
	const char *p;
	base_opts(&o);
	s = render(d, OT_FORMAT_JSON, &o);
	CHECK(s != NULL);
	if (!s)
		goto done;
	check_golden("full.json", s);
	CHECK(s[strlen(s) - 1] == '\n');
	/* fixed key order */
	p = strstr(s, "\"format\"");
	CHECK(p && p < strstr(s, "\"from\"") && strstr(s, "\"from\"") < strstr(s, "\"to\"") &&
	      strstr(s, "\"to\"") < strstr(s, "\"stats\"") &&
	      strstr(s, "\"stats\"") < strstr(s, "\"changes\""));
	CHECK(strstr(s, "\"similarity\": 0.88,") != NULL);
	root = json_loads(s, 0, &jerr);
	CHECK(root != NULL);
	if (!root) {
		printf("# json: %s\n", jerr.text);
		goto done;
	}
	CHECK_STR(json_string_value(json_object_get(root, "format")), "ordtrack-diff/1");
	v = json_object_get(root, "from");
	CHECK_STR(json_string_value(json_object_get(v, "rev")), "2-173@1");
	CHECK(json_is_null(json_object_get(v, "commit")));
	v = json_object_get(root, "to");
	CHECK_STR(json_string_value(json_object_get(v, "commit")),
		  "0123456789abcdef0123456789abcdef01234567");
	v = json_object_get(root, "stats");
	CHECK(json_integer_value(json_object_get(v, "added")) == 2);
	CHECK(json_integer_value(json_object_get(v, "removed")) == 1);
	CHECK(json_integer_value(json_object_get(v, "modified")) == 2);
	CHECK(json_integer_value(json_object_get(v, "renumbered")) == 2);
	CHECK(json_integer_value(json_object_get(v, "unchanged")) == 5);
	ch = json_object_get(root, "changes");
	CHECK(json_array_size(ch) == 7);

	/* section heading change */
	CHECK_STR(json_string_value(get_path(root, "changes", 0, "node")), "section");
	CHECK_STR(json_string_value(get_path(root, "changes", 0, "heading")), "Definitions and scope.");
	CHECK_STR(json_string_value(get_path(root, "changes", 0, "old_heading")), "Definitions.");
	ops = get_path(root, "changes", 0, "heading_ops");
	CHECK(json_array_size(ops) == 3);
	CHECK_STR(json_string_value(json_object_get(json_array_get(ops, 1), "op")), "insert");
	CHECK(get_path(root, "changes", 0, "text") == NULL);

	/* modified clause */
	CHECK_STR(json_string_value(get_path(root, "changes", 1, "kind")), "modified");
	CHECK_STR(json_string_value(get_path(root, "changes", 1, "id")), "2-173-020(a)");
	CHECK_STR(json_string_value(get_path(root, "changes", 1, "old_id")), "2-173-020(a)");
	CHECK_STR(json_string_value(get_path(root, "changes", 1, "text")), T_A_NEW);
	CHECK_STR(json_string_value(get_path(root, "changes", 1, "old_text")), T_A_OLD);
	CHECK(get_path(root, "changes", 1, "similarity") == NULL);
	ops = get_path(root, "changes", 1, "ops");
	CHECK(json_array_size(ops) == 4);
	CHECK_STR(json_string_value(json_object_get(json_array_get(ops, 1), "op")), "delete");
	CHECK_STR(json_string_value(json_object_get(json_array_get(ops, 1), "text")), "request");
	CHECK_STR(json_string_value(json_object_get(json_array_get(ops, 2), "text")), "ask for");

	/* added: old_id null, no old_text */
	CHECK(json_is_null(get_path(root, "changes", 2, "old_id")));
	CHECK(get_path(root, "changes", 2, "old_text") == NULL);
	CHECK_STR(json_string_value(get_path(root, "changes", 2, "text")), T_C_NEW);

	/* renumbered with edits */
	CHECK_STR(json_string_value(get_path(root, "changes", 3, "kind")), "renumbered");
	CHECK_STR(json_string_value(get_path(root, "changes", 3, "old_id")), "2-173-020(c)");
	CHECK(fabs(json_real_value(get_path(root, "changes", 3, "similarity")) - 0.88) < 1e-9);
	CHECK(json_is_false(get_path(root, "changes", 3, "moved")));
	CHECK(json_array_size(get_path(root, "changes", 3, "ops")) == 4);

	/* removed: the law text verbatim, no new text */
	CHECK_STR(json_string_value(get_path(root, "changes", 4, "kind")), "removed");
	CHECK_STR(json_string_value(get_path(root, "changes", 4, "old_text")), T_42B1);
	CHECK(get_path(root, "changes", 4, "text") == NULL);

	CHECK_STR(json_string_value(get_path(root, "changes", 5, "node")), "text");
	CHECK_STR(json_string_value(get_path(root, "changes", 5, "text")), T_42T);

	/* moved section */
	CHECK_STR(json_string_value(get_path(root, "changes", 6, "node")), "section");
	CHECK(json_is_true(get_path(root, "changes", 6, "moved")));
	CHECK(json_real_value(get_path(root, "changes", 6, "similarity")) == 1.0);
	CHECK_STR(json_string_value(get_path(root, "changes", 6, "old_id")), "2-173-065");
done:
	json_decref(root);
	free(s);
	ot_diff_free(d);
}

TEST(json_rejects_bad_utf8)
{
	ot_diff *d = diff_new();
	ot_change *c = add_change(d, OT_CHANGE_ADDED, OT_NODE_CLAUSE, "1-1-1(a)", NULL,
				  "(a)", NULL);
	ot_buf out = OT_BUF_INIT;
	set_texts(c, NULL, "bad \xff byte");
	CHECK(ot_render_diff(&out, d, OT_FORMAT_JSON, NULL) == OT_EINVALID);
	CHECK(strstr(ot_error_last(), "1-1-1(a)") != NULL);
	CHECK(ot_render_diff(&out, d, OT_FORMAT_HTML, NULL) == OT_EINVALID);
	ot_buf_release(&out);
	ot_diff_free(d);
}

TEST(markdown)
{
	ot_diff *d = full_diff();
	ot_diff_render_opts o;
	char *s;
	base_opts(&o);
	s = render(d, OT_FORMAT_MARKDOWN, &o);
	CHECK(s != NULL);
	if (s) {
		check_golden("full.md", s);
		CHECK(strncmp(s, "## Changes: 2-173@1 \xe2\x86\x92 O2021-117\n\n", 30) == 0);
		CHECK(strstr(s, "- **2-173-020(a)** \xe2\x80\x94 amended: No agent or agency shall "
			     "~~request~~ **ask for** information.\n") != NULL);
		CHECK(strstr(s, "repealed: ~~the subject is under investigation by \\<agency\\> "
			     "for \\*criminal\\* activity;~~\n") != NULL);
		CHECK(strstr(s, "added: **The \xe2\x80\x9ctrust\\_act\xe2\x80\x9d applies") != NULL);
		CHECK(strstr(s, "renumbered from 2-173-020(c) (88% similar): Agency records \\& "
			     "logs shall be kept for ~~3~~ **5** years.\n") != NULL);
		CHECK(strstr(s, "- **2-173-070** \xe2\x80\x94 renumbered from 2-173-065 (100% similar)\n") != NULL);
		CHECK(strstr(s, "**2-173-042\\~1**") != NULL);
		CHECK(strstr(s, "heading amended: Definitions **and scope**.\n") != NULL);
	}
	free(s);
	ot_diff_free(d);
}

TEST(markdown_escaping_and_spaces)
{
	ot_diff *d = diff_new();
	ot_change *c = add_change(d, OT_CHANGE_MODIFIED, OT_NODE_CLAUSE, "1-1-1(a)",
				  "1-1-1(a)", "(a)", "(a)");
	char *s;
	set_texts(c, "a `x` | [y] # b", "a z # b");
	set_ops(&c->ops, &c->nops, "=a ", "-`x` | [y] ", "+z ", "=# b", NULL);
	s = render(d, OT_FORMAT_MARKDOWN, NULL);
	CHECK(s && strstr(s, "amended: a ~~\\`x\\` \\| \\[y\\]~~ **z** \\# b\n") != NULL);
	free(s);
	ot_diff_free(d);
}

/* ---- HTML parse-back ----------------------------------------------------------- */

typedef struct html_facts {
	ot_buf dels, ins;   /* text of each <del>/<ins>, one per line */
	ot_buf ids;         /* "\n" + each id + "\n" */
	char **hrefs;
	size_t nhrefs, caphrefs;
	size_t sr_only, th_col, sections, context;
} html_facts;

static int has_class(xmlNodePtr n, const char *cls)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST "class");
	int yes = 0;
	if (v) {
		const char *p = strstr((const char *)v, cls);
		size_t l = strlen(cls);
		yes = p && (p == (const char *)v || p[-1] == ' ') && (p[l] == '\0' || p[l] == ' ');
		xmlFree(v);
	}
	return yes;
}

static void collect(html_facts *f, xmlNodePtr root)
{
	xmlNodePtr *stack = NULL;
	size_t n = 0, cap = 0;
	*OT_ARRAY_PUSH(stack, n, cap) = root;
	while (n) {
		xmlNodePtr cur = stack[--n], ch;
		if (cur->type == XML_ELEMENT_NODE) {
			const char *name = (const char *)cur->name;
			xmlChar *v;
			if (!strcmp(name, "del") || !strcmp(name, "ins")) {
				xmlChar *t = xmlNodeGetContent(cur);
				ot_buf *b = !strcmp(name, "del") ? &f->dels : &f->ins;
				ot_buf_printf(b, "%s\n", t ? (const char *)t : "");
				xmlFree(t);
			}
			if (has_class(cur, "sr-only"))
				f->sr_only++;
			if (has_class(cur, "context"))
				f->context++;
			if (!strcmp(name, "section"))
				f->sections++;
			if (!strcmp(name, "th") && (v = xmlGetProp(cur, BAD_CAST "scope"))) {
				if (!strcmp((const char *)v, "col"))
					f->th_col++;
				xmlFree(v);
			}
			if ((v = xmlGetProp(cur, BAD_CAST "id"))) {
				ot_buf_printf(&f->ids, "\n%s\n", (const char *)v);
				xmlFree(v);
			}
			if (!strcmp(name, "a") && (v = xmlGetProp(cur, BAD_CAST "href"))) {
				*OT_ARRAY_PUSH(f->hrefs, f->nhrefs, f->caphrefs) =
					ot_strdup((const char *)v);
				xmlFree(v);
			}
		}
		for (ch = cur->last; ch; ch = ch->prev)
			*OT_ARRAY_PUSH(stack, n, cap) = ch;
	}
	free(stack);
}

static void facts_release(html_facts *f)
{
	size_t i;
	ot_buf_release(&f->dels);
	ot_buf_release(&f->ins);
	ot_buf_release(&f->ids);
	for (i = 0; i < f->nhrefs; i++)
		free(f->hrefs[i]);
	free(f->hrefs);
}

/* Parse s with libxml2's HTML parser (errors are failures) and collect. */
static int parse_html(html_facts *f, const char *s)
{
	htmlDocPtr doc;
	memset(f, 0, sizeof(*f));
	ot_buf_init(&f->dels);
	ot_buf_init(&f->ins);
	ot_buf_init(&f->ids);
	doc = htmlReadMemory(s, (int)strlen(s), "test.html", "UTF-8",
			     HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	if (!doc)
		return -1;
	collect(f, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	return 0;
}

/* Every href="#x" has an element with id x. */
static int links_resolve(const html_facts *f)
{
	size_t i;
	ot_buf key = OT_BUF_INIT;
	int ok = f->nhrefs > 0;
	for (i = 0; i < f->nhrefs; i++) {
		ot_buf_clear(&key);
		if (f->hrefs[i][0] != '#') {
			ok = 0;
			continue;
		}
		ot_buf_printf(&key, "\n%s\n", f->hrefs[i] + 1);
		if (!strstr(f->ids.ptr, key.ptr)) {
			printf("# dangling link %s\n", f->hrefs[i]);
			ok = 0;
		}
	}
	ot_buf_release(&key);
	return ok;
}

TEST(html_page)
{
	ot_diff *d = full_diff();
	ot_diff_render_opts o;
	html_facts f;
	char *s;
	base_opts(&o);
	s = render(d, OT_FORMAT_HTML, &o);
	CHECK(s != NULL);
	if (!s)
		goto done;
	check_golden("full.html", s);
	CHECK(strncmp(s, "<!DOCTYPE html>\n<html lang=\"en\">", 32) == 0);
	CHECK(strstr(s, "<meta charset=\"utf-8\">") != NULL);
	CHECK(strstr(s, "http-equiv") == NULL);
	CHECK(strstr(s, "@media print") != NULL);
	CHECK(strstr(s, "<title>Changes: 2-173@1 \xe2\x86\x92 O2021-117</title>") != NULL);
	/* law text escaped by the serialiser, UTF-8 kept as is */
	CHECK(strstr(s, "by &lt;agency&gt; for *criminal* activity;") != NULL);
	CHECK(strstr(s, "contractors") == NULL); /* no context asked */
	CHECK(strstr(s, "the \"Act\" \xe2\x80\x94 or its \xe2\x80\x98reach\xe2\x80\x99.") != NULL);
	CHECK(parse_html(&f, s) == 0);
	CHECK_STR(f.dels.ptr, "[deleted: request]\n[deleted: 3]\n"
			      "[deleted: the subject is under investigation by <agency> for "
			      "*criminal* activity;]\n");
	CHECK_STR(f.ins.ptr, "[inserted:  and scope]\n[inserted: ask for]\n"
			     "[inserted: The \xe2\x80\x9ctrust_act\xe2\x80\x9d applies to every "
			     "department.]\n[inserted: 5]\n[inserted: Nothing in this section "
			     "limits the \"Act\" \xe2\x80\x94 or its \xe2\x80\x98reach\xe2\x80\x99.]\n");
	CHECK(f.sr_only == 2 * 8);
	CHECK(f.th_col == 2);
	CHECK(f.sections == 7);
	CHECK(f.context == 0);
	CHECK(f.nhrefs == 14); /* table row and section heading per change */
	CHECK(links_resolve(&f));
	CHECK(strstr(f.ids.ptr, "\nc-2-173-042(b)(1)\n") != NULL);
	facts_release(&f);
done:
	free(s);
	ot_diff_free(d);
}

TEST(html_context)
{
	ot_diff *d = full_diff();
	ot_doc *od = old_doc(), *nd = new_doc();
	ot_diff_render_opts o;
	html_facts f;
	char *s;
	base_opts(&o);
	o.context = 1;
	o.old_doc = od;
	o.new_doc = nd;
	o.title = "Welcoming City <amendment> & more";
	s = render(d, OT_FORMAT_HTML, &o);
	CHECK(s != NULL);
	if (s) {
		check_golden("full-context1.html", s);
		CHECK(strstr(s, "<title>Welcoming City &lt;amendment&gt; &amp; more</title>"));
		CHECK(parse_html(&f, s) == 0);
		CHECK(f.context == 3); /* (b), 042(b), 070(a): not 2-173-042 after 020(d), another section */
		CHECK(links_resolve(&f));
		facts_release(&f);
		CHECK(strstr(s, "<p class=\"context\">(b) \xe2\x80\x9c" "Agent") != NULL);
	}
	free(s);
	ot_doc_free(od);
	ot_doc_free(nd);
	ot_diff_free(d);
}

TEST(html_duplicate_and_odd_anchors)
{
	ot_diff *d = diff_new();
	ot_change *c;
	html_facts f;
	char *s;
	c = add_change(d, OT_CHANGE_REMOVED, OT_NODE_CLAUSE, "9-1-1(a)", "9-1-1(a)", "(a)", "(a)");
	set_texts(c, "Old text.", NULL);
	c = add_change(d, OT_CHANGE_ADDED, OT_NODE_CLAUSE, "9-1-1(a)", NULL, "(a)", NULL);
	set_texts(c, NULL, "Unrelated new text.");
	c = add_change(d, OT_CHANGE_ADDED, OT_NODE_CLAUSE, "9 1\xc3\xa9\"x", NULL, "(b)", NULL);
	set_texts(c, NULL, "Odd id.");
	s = render(d, OT_FORMAT_HTML, NULL);
	CHECK(s != NULL);
	if (s) {
		CHECK(parse_html(&f, s) == 0);
		CHECK(strstr(f.ids.ptr, "\nc-9-1-1(a)\n") != NULL);
		CHECK(strstr(f.ids.ptr, "\nc-9-1-1(a)--2\n") != NULL);
		CHECK(strstr(f.ids.ptr, "\nc-9_1___x\n") != NULL);
		CHECK(links_resolve(&f));
		CHECK(f.nhrefs == 6);
		facts_release(&f);
	}
	free(s);
	ot_diff_free(d);
}

static int run_patch(const char *dir, const char *patch_path)
{
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "patch -s -p1 -d '%s' < '%s' >/dev/null 2>&1", dir,
		 patch_path);
	return system(cmd);
}

TEST(unified)
{
	ot_diff *d = full_diff();
	ot_doc *od = old_doc(), *nd = new_doc();
	ot_diff_render_opts o;
	char *s;
	char dir[] = "/tmp/ot-render-XXXXXX";
	char path[600];
	size_t i;
	base_opts(&o);
	o.old_doc = od;
	o.new_doc = nd;
	s = render(d, OT_FORMAT_UNIFIED, &o);
	CHECK(s != NULL);
	if (!s)
		goto done;
	check_golden("full.diff", s);
	CHECK(strncmp(s, "--- a/2-173-020\n+++ b/2-173-020\n@@ -1,4 +1,5 @@", 46) == 0);
	CHECK(strstr(s, "\n--- a/2-173-042\n+++ b/2-173-042\n") != NULL);
	CHECK(strstr(s, "\n-(1) the subject is under investigation") != NULL);
	CHECK(strstr(s, "\n--- /dev/null\n+++ b/2-173-070\n@@ -0,0 +1,2 @@\n"
		     "+2-173-070 Reporting.\n+(a) The Mayor shall report yearly.\n") != NULL);
	CHECK(strstr(s, "\n--- a/2-173-065\n+++ /dev/null\n@@ -1,2 +0,0 @@\n") != NULL);
	CHECK(count(s, "--- ") == 4);

	/* apply it with patch(1) to one file per section of old_doc */
	if (system("command -v patch >/dev/null 2>&1") != 0) {
		printf("# patch(1) not installed: application not checked\n");
		goto done;
	}
	CHECK(mkdtemp(dir) != NULL);
	for (i = 0; i < od->nsections; i++) {
		ot_buf b = OT_BUF_INIT;
		ot_section_canonical(&b, od->sections[i]);
		snprintf(path, sizeof(path), "%s/%s", dir, od->sections[i]->num);
		CHECK(write_file(path, b.ptr, b.len) == 0);
		ot_buf_release(&b);
	}
	snprintf(path, sizeof(path), "%s.patch", dir);
	CHECK(write_file(path, s, strlen(s)) == 0);
	CHECK(run_patch(dir, path) == 0);
	unlink(path);
	for (i = 0; i < nd->nsections; i++) {
		ot_buf b = OT_BUF_INIT;
		char *got;
		ot_section_canonical(&b, nd->sections[i]);
		snprintf(path, sizeof(path), "%s/%s", dir, nd->sections[i]->num);
		got = read_file(path, NULL);
		CHECK_STR(got, b.ptr);
		free(got);
		unlink(path);
		ot_buf_release(&b);
	}
	snprintf(path, sizeof(path), "%s/2-173-065", dir);
	{
		struct stat st;
		/* removed by patch, or left empty */
		CHECK(stat(path, &st) != 0 || st.st_size == 0);
	}
	unlink(path);
	rmdir(dir);
done:
	free(s);
	ot_doc_free(od);
	ot_doc_free(nd);
	ot_diff_free(d);
}

/* ---- typographic changes ------------------------------------------------------ */

/* Two versions of one section that differ in typography (heading, (a),
 * (b)), in a word ((c)), and by an insertion that renumbers a clause
 * whose quotes also changed ((d) -> (e)); the diff is the engine's. */
static ot_doc *typo_doc(int new)
{
	ot_doc *doc = ot_doc_new();
	ot_node *s = section(doc, "2-173-030", new ? "Scope \xe2\x80\x94 general." : "Scope - general.");
	clause(s, "(a)", new ? "The \xe2\x80\x9c" "Act\xe2\x80\x9d applies to every agent \xe2\x80\x93 always."
			     : "The \"Act\" applies to every agent - always.");
	clause(s, "(b)", new ? "Fees are $5\xc2\xa0per day\xe2\x80\xa6" : "Fees are $5 per day...");
	clause(s, "(c)", new ? "No person shall not park here." : "No person shall park here.");
	if (new) {
		clause(s, "(d)", "A brand new rule about bicycle lanes and scooters.");
		clause(s, "(e)", "The \xe2\x80\x9csecond\xe2\x80\x9d rule about idling engines of trucks.");
	} else {
		clause(s, "(d)", "The \"second\" rule about idling engines of trucks.");
	}
	return doc;
}

static ot_diff *typo_diff(const ot_doc *od, const ot_doc *nd)
{
	ot_diff *d = NULL;
	if (ot_diff_compute(&d, od, nd, NULL) < 0)
		printf("# diff failed: %s\n", ot_error_last());
	return d;
}

TEST(typographic_all_formats)
{
	ot_doc *od = typo_doc(0), *nd = typo_doc(1);
	ot_diff *d = typo_diff(od, nd);
	ot_diff_render_opts o;
	ot_buf st = OT_BUF_INIT;
	char *s = NULL;
	json_t *root = NULL, *ch;
	size_t i;
	int typo = 0, renum = 0;

	CHECK(d != NULL);
	if (!d)
		goto done;
	base_opts(&o);
	o.old_doc = od;
	o.new_doc = nd;
	CHECK(d->stats.typographic == 3 && d->stats.modified == 1 && d->stats.renumbered == 1 &&
	      d->stats.added == 1);

	/* text: its own marker and markup, never the amendment markers */
	s = render(d, OT_FORMAT_TEXT, &o);
	CHECK(s != NULL);
	if (s) {
		check_golden("typo.txt", s);
		CHECK(strstr(s, "\n= 2-173-030(a) (typographic change only)\n") != NULL);
		CHECK(strstr(s, "{~~\"~>\xe2\x80\x9c~~}Act{~~\"~>\xe2\x80\x9d~~}") != NULL);
		CHECK(strstr(s, "$5{~~ ~><U+00A0>~~}per day{~~...~>\xe2\x80\xa6~~}") != NULL);
		CHECK(strstr(s, "(renumbered, ") && strstr(s, "similar; typographic change only)"));
		CHECK(strstr(s, "1 added, 0 removed, 1 modified, 1 renumbered, 3 typographic, ") != NULL);
		/* the one real amendment keeps git's markers; no other line has them */
		CHECK(count(s, "{+") == 1 && count(s, "[-") == 0);
	}
	free(s);
	o.color = 1;
	s = render(d, OT_FORMAT_TEXT, &o);
	CHECK(s && strstr(s, "\033[2m\"\033[0m\033[33m\xe2\x80\x9c\033[0m") != NULL);
	CHECK(s && !strstr(s, "\033[31m\033[9m\""));
	free(s);
	o.color = 0;

	/* JSON: the kind, the stats key, the flag on the renumbering */
	s = render(d, OT_FORMAT_JSON, &o);
	CHECK(s != NULL);
	if (s) {
		check_golden("typo.json", s);
		root = json_loads(s, 0, NULL);
	}
	CHECK(root != NULL);
	if (root) {
		CHECK(json_integer_value(json_object_get(json_object_get(root, "stats"), "typographic")) == 3);
		json_array_foreach(json_object_get(root, "changes"), i, ch)
		{
			const char *kind = json_string_value(json_object_get(ch, "kind"));
			if (kind && !strcmp(kind, "typographic")) {
				typo++;
				CHECK(json_array_size(json_object_get(ch, "ops")) > 0);
			}
			if (kind && !strcmp(kind, "renumbered")) {
				renum++;
				CHECK(json_is_true(json_object_get(ch, "typographic")));
			}
			if (kind && !strcmp(kind, "modified"))
				CHECK(json_object_get(ch, "typographic") == NULL);
		}
		CHECK(typo == 3 && renum == 1);
		json_decref(root);
	}
	free(s);

	/* Markdown: code spans, never ~~ or ** for typography */
	s = render(d, OT_FORMAT_MARKDOWN, &o);
	CHECK(s != NULL);
	if (s) {
		check_golden("typo.md", s);
		CHECK(strstr(s, "- **2-173-030(a)** \xe2\x80\x94 typographic change only: The `\"`\xe2\x86\x92`\xe2\x80\x9c`Act") !=
		      NULL);
		CHECK(strstr(s, "- **2-173-030** \xe2\x80\x94 heading: typographic change only: ") != NULL);
		CHECK(count(s, "~~") == 0 && count(s, "**not**") == 1);
		CHECK(!strstr(s, "amended: The"));
	}
	free(s);

	/* HTML: typo-old / typo-new spans announced as typographic */
	s = render(d, OT_FORMAT_HTML, &o);
	CHECK(s != NULL);
	if (s) {
		check_golden("typo.html", s);
		CHECK(strstr(s, "<section class=\"change typographic clause\" id=\"c-2-173-030(a)\">") != NULL);
		CHECK(strstr(s, "<span class=\"kind\">typographic change only</span>") != NULL);
		CHECK(strstr(s, "<span class=\"sr-only\">[typographic change: was </span><span class=\"typo-old\">\"</span>"
				"<span class=\"sr-only\"> now </span><span class=\"typo-new\">\xe2\x80\x9c</span>"
				"<span class=\"sr-only\">]</span>") != NULL);
		/* only the real amendment is <ins>; nothing is <del> */
		CHECK(count(s, "<ins>") == 2 && count(s, "<del>") == 0);
		CHECK(strstr(s, "typographic change only</span>") && !strstr(s, "(a)</a> <span class=\"kind\">amended"));
	}
	free(s);

	/* unified: a comment line per typographic unit; the patch applies */
	s = render(d, OT_FORMAT_UNIFIED, &o);
	CHECK(s != NULL);
	if (s) {
		check_golden("typo.diff", s);
		CHECK(strncmp(s, "# 2-173-030: typographic change only\n# 2-173-030(a): typographic change only\n", 75) ==
		      0);
		CHECK(count(s, ": typographic change only\n") == 4);
		if (system("command -v patch >/dev/null 2>&1") == 0) {
			char dir[] = "/tmp/ot-typo-XXXXXX", path[600];
			ot_buf b = OT_BUF_INIT;
			char *got;
			CHECK(mkdtemp(dir) != NULL);
			ot_section_canonical(&b, od->sections[0]);
			snprintf(path, sizeof(path), "%s/2-173-030", dir);
			CHECK(write_file(path, b.ptr, b.len) == 0);
			snprintf(path, sizeof(path), "%s.patch", dir);
			CHECK(write_file(path, s, strlen(s)) == 0);
			CHECK(run_patch(dir, path) == 0);
			unlink(path);
			ot_buf_clear(&b);
			ot_section_canonical(&b, nd->sections[0]);
			snprintf(path, sizeof(path), "%s/2-173-030", dir);
			got = read_file(path, NULL);
			CHECK_STR(got, b.ptr);
			free(got);
			unlink(path);
			rmdir(dir);
			ot_buf_release(&b);
		}
	}
	free(s);

	/* --stat: the typographic line only when there are some */
	CHECK(ot_render_diff_stat(&st, d, OT_FORMAT_TEXT) == 0);
	CHECK_STR(st.ptr, "1 added\n0 removed\n1 modified\n1 renumbered\n3 typographic\n0 unchanged\n");
	ot_buf_clear(&st);
	CHECK(ot_render_diff_stat(&st, d, OT_FORMAT_JSON) == 0);
	CHECK(strstr(st.ptr, "\"typographic\": 3") != NULL);
done:
	ot_buf_release(&st);
	ot_diff_free(d);
	ot_doc_free(od);
	ot_doc_free(nd);
}

TEST(typographic_invisible_marks)
{
	ot_buf b = OT_BUF_INIT;
	ot_render__typo_visible(&b, "a\xc2\xa0" "b\xe2\x80\x8b" "c d\te\xe2\x80\x94", strlen("a\xc2\xa0" "b\xe2\x80\x8b" "c d\te\xe2\x80\x94"));
	CHECK_STR(b.ptr, "a<U+00A0>b<U+200B>c d<U+0009>e\xe2\x80\x94");
	/* a malformed sequence is copied, never read as a no-break space */
	ot_buf_clear(&b);
	ot_render__typo_visible(&b, "x\xc2 y", 4);
	CHECK_STR(b.ptr, "x\xc2 y");
	ot_buf_release(&b);
}

TEST(stat_output)
{
	ot_diff *d = full_diff();
	ot_buf out = OT_BUF_INIT;
	json_t *root;
	CHECK(ot_render_diff_stat(&out, d, OT_FORMAT_TEXT) == 0);
	check_golden("stat.txt", out.ptr);
	CHECK_STR(out.ptr, "2 added\n1 removed\n2 modified\n2 renumbered\n5 unchanged\n");
	ot_buf_clear(&out);
	CHECK(ot_render_diff_stat(&out, d, OT_FORMAT_JSON) == 0);
	check_golden("stat.json", out.ptr);
	root = json_loads(out.ptr, 0, NULL);
	CHECK(root != NULL);
	CHECK_STR(json_string_value(json_object_get(root, "format")), "ordtrack-diff-stat/1");
	CHECK(json_integer_value(json_object_get(json_object_get(root, "stats"), "renumbered")) == 2);
	CHECK(json_integer_value(json_object_get(json_object_get(root, "stats"), "unchanged")) == 5);
	json_decref(root);
	ot_buf_release(&out);
	ot_diff_free(d);
}

TEST(empty_diff)
{
	ot_diff *d = diff_new();
	ot_doc *od = ot_doc_new(), *nd = ot_doc_new();
	ot_diff_render_opts o;
	json_t *root;
	char *s;
	memset(&o, 0, sizeof(o));
	o.old_doc = od;
	o.new_doc = nd;
	o.context = 3;
	d->stats.unchanged = 12;
	s = render(d, OT_FORMAT_TEXT, &o);
	CHECK_STR(s, "diff old new\n0 added, 0 removed, 0 modified, 0 renumbered, 12 unchanged\n");
	free(s);
	s = render(d, OT_FORMAT_JSON, &o);
	root = s ? json_loads(s, 0, NULL) : NULL;
	CHECK(root && json_array_size(json_object_get(root, "changes")) == 0);
	CHECK(root && json_is_null(json_object_get(json_object_get(root, "from"), "rev")));
	json_decref(root);
	free(s);
	s = render(d, OT_FORMAT_MARKDOWN, &o);
	CHECK_STR(s, "## Changes: old \xe2\x86\x92 new\n\n0 added, 0 removed, 0 modified, "
		     "0 renumbered, 12 unchanged\n");
	free(s);
	s = render(d, OT_FORMAT_HTML, &o);
	CHECK(s && strstr(s, "No changes.") && !strstr(s, "<table"));
	free(s);
	s = render(d, OT_FORMAT_UNIFIED, &o);
	CHECK_STR(s, "");
	free(s);
	ot_doc_free(od);
	ot_doc_free(nd);
	ot_diff_free(d);
}

int main(void)
{
	RUN(format_names);
	RUN(bad_arguments);
	RUN(text_plain);
	RUN(text_color);
	RUN(text_context);
	RUN(text_masks_control_characters);
	RUN(renumber_wording);
	RUN(json_shape);
	RUN(json_rejects_bad_utf8);
	RUN(markdown);
	RUN(markdown_escaping_and_spaces);
	RUN(html_page);
	RUN(html_context);
	RUN(html_duplicate_and_odd_anchors);
	RUN(unified);
	RUN(stat_output);
	RUN(typographic_all_formats);
	RUN(typographic_invisible_marks);
	RUN(empty_diff);
	return test_summary();
}
