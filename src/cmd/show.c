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
 * JSON output is the library's ordtrack-text/1 (ot_text_doc), which nests
 * clauses.
 */
#include "cmd.h"
#include "ordtrack/rev.h"
#include "ordtrack/store.h"
#include "ordtrack/text_docs.h"

/* The "[kind] text" lines of group `k` of `g` (section k of doc;
 * doc->nsections: notes naming no section of the text), after a blank
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

static const cmd_opt show_opts[] = {
	{"format", 'f', 0, "F", "text (default) or json (ordtrack-text/1)"},
	{"clause", 'c', 0, "ID", "only this clause and its children"},
	{"notes", 'n', 0, NULL, "each section's notes (history, editorial) after it"},
	{NULL, 0, 0, NULL, NULL}};

const cmd_spec cmd_spec_show = {
	"usage: ordtrack show ORD[@REV] [--clause ID] [--notes] [--format text|json]\n"
	"\n"
	"Print the text of an ordinance at a revision (default: latest), or of\n"
	"one clause and its children.  REV is N, YYYY-MM-DD or a commit prefix.\n"
	"--notes prints each section's notes (history, editorial) after it.\n",
	show_opts,
	NULL,
	0};

int cmd_show(int argc, char **argv)
{
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

	while ((c = cmd_getopt(argc, argv, &cmd_spec_show)) != -1) {
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
	if (cmd_require_text(&rev, "show", NULL, "prints") < 0 || ot_store_load(&doc, t, rev.commit, rev.ordinance) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (clause && !(node = ot_doc_find(doc, clause))) {
		rc = cmd_error("%s@%d has no clause '%s'; 'ordtrack show %s' prints the whole text", rev.ordinance,
			       rev.number, clause, rev.ordinance);
		goto done;
	}
	if (notes && !json)
		ot_doc_note_groups_init(&groups, doc);
	if (json) {
		ot_text_doc(&out, doc, &rev, node, notes);
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
