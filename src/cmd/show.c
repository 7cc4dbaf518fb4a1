/*
 * show.c - `ordtrack show ORD[@REV] [--clause ID]`: the text of an
 * ordinance, or of one clause and its children, at a version.
 *
 * Text output is the canonical plain text (preceded by a CHAPTER line when
 * the ordinance has a title), so it can be fed back to `ordtrack add`.
 * With --notes each section is followed by its notes, one "[KIND] text"
 * line each after a blank line, and notes naming no section come last
 * under "Notes:" (that output is for reading, not for `add`).  A revision
 * that is the ordinance's repeal has no text: show says so (exit 1).
 * JSON output nests clauses; it is built with an explicit stack so a deep
 * tree cannot exhaust the C stack.
 */
#include <jansson.h>
#include <stdlib.h>

#include "cmd.h"
#include "internal.h"
#include "ordtrack/rev.h"
#include "ordtrack/store.h"

static const char *kind_name(ot_node_kind k)
{
	return k == OT_NODE_SECTION ? "section" : k == OT_NODE_CLAUSE ? "clause" : "text";
}

static json_t *node_fields(const ot_node *n)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(n->id));
	json_object_set_new(o, "kind", json_string(kind_name(n->kind)));
	if (n->num)
		json_object_set_new(o, "num", json_string(n->num));
	if (n->kind == OT_NODE_SECTION)
		json_object_set_new(o, "heading", json_string(n->heading ? n->heading : ""));
	else
		json_object_set_new(o, "text", json_string(n->text ? n->text : ""));
	return o;
}

/* The node and its subtree as nested JSON objects ("children" arrays). */
static json_t *node_json(const ot_node *root)
{
	typedef struct item {
		const ot_node *n;
		json_t *obj;
	} item;
	item *stack = NULL;
	size_t n = 0, cap = 0, i;
	json_t *top = node_fields(root);

	*OT_ARRAY_PUSH(stack, n, cap) = (item){root, top};
	while (n) {
		item it = stack[--n];
		json_t *kids = json_array();
		json_object_set_new(it.obj, "children", kids);
		for (i = 0; i < it.n->nchildren; i++) {
			json_t *child = node_fields(it.n->children[i]);
			json_array_append_new(kids, child);
			*OT_ARRAY_PUSH(stack, n, cap) = (item){it.n->children[i], child};
		}
	}
	free(stack);
	return top;
}

/* The notes of group `k` of `g` (section k of doc; doc->nsections: notes
 * naming no section of the text) as a JSON array. */
static json_t *notes_json(const ot_doc *doc, const ot_doc_note_groups *g, size_t k)
{
	json_t *a = json_array();
	size_t i;
	for (i = g->start[k]; i < g->start[k + 1]; i++) {
		const ot_doc_note *n = &doc->notes[g->order[i]];
		json_t *o = json_object();
		json_object_set_new(o, "section", n->section ? json_string(n->section) : json_null());
		json_object_set_new(o, "kind", json_string(n->kind));
		json_object_set_new(o, "text", json_string(n->text));
		json_array_append_new(a, o);
	}
	return a;
}

/* The "[kind] text" lines of group `k` (as in notes_json), after a blank
 * line when there are any ("Notes:" heads those naming no section). */
static void notes_text(ot_buf *out, const ot_doc *doc, const ot_doc_note_groups *g, size_t k)
{
	size_t i;
	if (g->start[k] == g->start[k + 1])
		return;
	ot_buf_puts(out, k < doc->nsections ? "\n" : "\nNotes:\n");
	for (i = g->start[k]; i < g->start[k + 1]; i++) {
		const ot_doc_note *n = &doc->notes[g->order[i]];
		ot_buf_printf(out, "[%s] %s\n", n->kind, n->text);
	}
}

/* The position of section `node` in doc (a section found by
 * ot_doc_find is one of doc->sections). */
static size_t section_pos(const ot_doc *doc, const ot_node *node)
{
	size_t i;
	for (i = 0; i < doc->nsections; i++)
		if (doc->sections[i] == node)
			break;
	return i;
}

int cmd_show(int argc, char **argv)
{
	static const struct option opts[] = {CMD_COMMON_OPTIONS,
					     {"format", required_argument, NULL, 'f'},
					     {"clause", required_argument, NULL, 'c'},
					     {"notes", no_argument, NULL, 'n'},
					     {0, 0, 0, 0}};
	const char *format = "text", *clause = NULL;
	int json;
	ot_tracker *t = NULL;
	ot_rev rev = {0};
	ot_doc *doc = NULL;
	const ot_node *node = NULL;
	ot_buf out = OT_BUF_INIT;
	ot_doc_note_groups groups = {NULL, NULL};
	size_t i;
	int c, rc = OT_EXIT_OK, notes = 0;

	while ((c = cmd_getopt(argc, argv, "h", opts)) != -1) {
		if (c == 'f')
			format = optarg;
		else if (c == 'c')
			clause = optarg;
		else if (c == 'n')
			notes = 1;
		else
			return c == 'h' ? OT_EXIT_OK : OT_EXIT_USAGE;
	}
	if ((json = cmd_format_json(argv[0], format)) < 0)
		return OT_EXIT_USAGE;
	if (argc - optind != 1)
		return cmd_usage_error(argv[0], "expected one revision, ORD[@REV]");
	if (cmd_open_tracker(&t) < 0 || ot_rev_resolve(&rev, t, argv[optind]) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (ot_rev_require_text(&rev, "show", NULL, "prints") < 0 || ot_store_load(&doc, t, rev.commit, rev.ordinance) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (clause && !(node = ot_doc_find(doc, clause))) {
		rc = cmd_error("%s@%d has no clause '%s'; 'ordtrack show %s' prints the whole text", rev.ordinance,
			       rev.number, clause, rev.ordinance);
		goto done;
	}
	if (notes)
		ot_doc_note_groups_init(&groups, doc);
	if (json) {
		json_t *root = json_object(), *arr;
		json_object_set_new(root, "format", json_string("ordtrack-text/1"));
		json_object_set_new(root, "ordinance", json_string(rev.ordinance));
		json_object_set_new(root, "version", json_integer(rev.number));
		json_object_set_new(root, "commit", json_string(rev.commit));
		json_object_set_new(root, "date", json_string(rev.date));
		json_object_set_new(root, "title", doc->title ? json_string(doc->title) : json_null());
		if (node) {
			json_t *cj = node_json(node);
			if (notes && node->kind == OT_NODE_SECTION)
				json_object_set_new(cj, "notes", notes_json(doc, &groups, section_pos(doc, node)));
			json_object_set_new(root, "clause", cj);
		} else {
			arr = json_array();
			for (i = 0; i < doc->nsections; i++) {
				json_t *sj = node_json(doc->sections[i]);
				if (notes)
					json_object_set_new(sj, "notes", notes_json(doc, &groups, i));
				json_array_append_new(arr, sj);
			}
			json_object_set_new(root, "sections", arr);
			if (notes)
				json_object_set_new(root, "notes", notes_json(doc, &groups, doc->nsections));
		}
		if ((rc = cmd_json_append(&out, root)) != OT_EXIT_OK)
			goto done;
	} else if (node) {
		ot_section_canonical(&out, node);
		if (notes && node->kind == OT_NODE_SECTION)
			notes_text(&out, doc, &groups, section_pos(doc, node));
	} else if (notes) {
		if (doc->title)
			ot_buf_printf(&out, "CHAPTER %s %s\n\n", rev.ordinance, doc->title);
		for (i = 0; i < doc->nsections; i++) {
			if (i)
				ot_buf_putc(&out, '\n');
			ot_section_canonical(&out, doc->sections[i]);
			notes_text(&out, doc, &groups, i);
		}
		notes_text(&out, doc, &groups, doc->nsections);
	} else {
		if (doc->title)
			ot_buf_printf(&out, "CHAPTER %s %s\n\n", rev.ordinance, doc->title);
		ot_doc_canonical(&out, doc);
	}
	rc = cmd_write_stdout(&out);
done:
	ot_doc_note_groups_release(&groups);
	ot_buf_release(&out);
	ot_doc_free(doc);
	ot_rev_release(&rev);
	ot_tracker_free(t);
	return rc;
}
