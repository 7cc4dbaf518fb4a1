/*
 * fsck.c - `ordtrack fsck [--repair] [--format text|json]`: check the
 * tracker's integrity (ordtrack/fsck.h) and print one line per problem,
 * `ordtrack fsck: <kind>: <where>: <what>`, then a summary line; or an
 * `ordtrack-fsck/1` JSON document (the library's ot_fsck_report_doc).
 * Exit 0 when clean, 1 when a problem is left (after --repair: left after
 * repairing), 2 for a bad command line.
 */
#include <stdlib.h>

#include "cmd.h"
#include "ordtrack/fsck.h"
#include "ordtrack/fsck_json.h"

static void print_problems(ot_buf *out, const ot_fsck_problems *p)
{
	size_t i;
	for (i = 0; i < p->n; i++)
		ot_buf_printf(out, "ordtrack fsck: %s: %s: %s\n", ot_fsck_kind_name(p->items[i].kind), p->items[i].where,
			      p->items[i].message);
}

/* The text report: with `repair` what was found and repaired first, then
 * the problems (left), then the summary line. */
static void report_text(ot_buf *out, const ot_fsck_report *r, int repair)
{
	size_t i;
	if (repair) {
		print_problems(out, &r->found);
		for (i = 0; i < r->nrepairs; i++)
			ot_buf_printf(out, "ordtrack fsck: repaired: %s\n", r->repairs[i]);
		if (r->problems.n)
			ot_buf_puts(out, "ordtrack fsck: left after repair:\n");
	}
	print_problems(out, &r->problems);
	ot_buf_printf(out,
		      "checked %zu refs, %zu commits, %zu trees, %zu blobs (%zu sections, %zu records), %zu lock files, %zu index tables (%zu rows): ",
		      r->refs, r->commits, r->trees, r->blobs, r->sections, r->records, r->lock_files, r->index_tables,
		      r->index_rows);
	if (repair)
		ot_buf_printf(out, "%zu found, %zu repaired, %zu %s left\n", r->found.n, r->nrepairs, r->problems.n,
			      r->problems.n == 1 ? "problem" : "problems");
	else
		ot_buf_printf(out, "%zu %s\n", r->problems.n, r->problems.n == 1 ? "problem" : "problems");
}

static const cmd_opt fsck_opts[] = {
	{"repair", 'r', 0, NULL, "remove stale git lock files and rebuild the index from\n"
	     "git (never touches objects or refs), then check again"},
	{"format", 'F', 0, "FORMAT", "text (default) or json (ordtrack-fsck/1)"},
	{NULL, 0, 0, NULL, NULL}};

const cmd_spec cmd_spec_fsck = {
	"usage: ordtrack fsck [--repair] [--format text|json]\n"
	"\n"
	"Check the tracker: refs and objects (hashes verified), the layout and names\n"
	"of every tree, section texts, records/*.json and members.json, stale git\n"
	"lock files, and the index (integrity_check, foreign_key_check, and a\n"
	"comparison with a fresh rebuild from git).  One line per problem:\n"
	"'ordtrack fsck: <kind>: <where>: <what>'.  Exit 0 when clean, 1 otherwise.\n",
	fsck_opts,
	NULL,
	0};

int cmd_fsck(int argc, char **argv)
{
	ot_fsck_opts o = {0, 0, -1};
	ot_fsck_report r;
	ot_buf out = OT_BUF_INIT;
	const char *format = "text";
	int json;
	char *path = NULL;
	int c, rc;

	memset(&r, 0, sizeof(r));
	while ((c = cmd_getopt(argc, argv, &cmd_spec_fsck)) != -1) {
		switch (c) {
		case 'r': o.repair = 1; break;
		case 'F': format = optarg; break;
		case 'h': return OT_EXIT_OK;
		default: return OT_EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cmd_usage_error(argv[0], "unexpected argument '%s'", argv[optind]);
	if ((json = cmd_format_json(argv[0], format)) < 0)
		return OT_EXIT_USAGE;
	if (cmd_discover_tracker(&path) < 0)
		return cmd_fail();
	if (ot_fsck(&r, path, &o) < 0) {
		free(path);
		ot_fsck_report_release(&r);
		return cmd_fail();
	}
	free(path);
	if (json)
		ot_fsck_report_doc(&out, &r, o.repair);
	else
		report_text(&out, &r, o.repair);
	rc = cmd_write_stdout(&out);
	if (rc == OT_EXIT_OK && r.problems.n)
		rc = OT_EXIT_ERROR;
	ot_buf_release(&out);
	ot_fsck_report_release(&r);
	return rc;
}
