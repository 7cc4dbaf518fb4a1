/*
 * history.c - `ordtrack history ORD --clause ID`: every version of one
 * clause, with dates and records, answered from the index alone.  JSON
 * is the library's ordtrack-history/1 (ot_history_doc).
 */
#include "cmd.h"
#include "ordtrack/query.h"
#include "ordtrack/text_docs.h"

/* How a step reads: the word a reader expects (JSON has its own). */
static const char *change_name(char change)
{
	switch (change) {
	case 'a': return "added";
	case 'r': return "removed";
	case 't': return "typographic change only";
	default: return "amended";
	}
}

static const cmd_opt history_opts[] = {
	{"clause", 'c', 0, "ID", "the clause (required)"},
	{"format", 'f', 0, "F", "text (default) or json (ordtrack-history/1)"},
	{NULL, 0, 0, NULL, NULL}};

const cmd_spec cmd_spec_history = {
	"usage: ordtrack history ORD --clause ID [--format text|json]\n"
	"\n"
	"Every version of ORD at which clause ID was added, amended or removed,\n"
	"with its date, stage and record; answered from the index.\n",
	history_opts,
	NULL,
	0};

int cmd_history(int argc, char **argv)
{
	const char *clause = NULL, *format = "text";
	int json;
	ot_tracker *t = NULL;
	ot_clause_history h = {0};
	ot_buf out = OT_BUF_INIT;
	size_t i;
	int c, rc;

	while ((c = cmd_getopt(argc, argv, &cmd_spec_history)) != -1) {
		if (c == 'c')
			clause = optarg;
		else if (c == 'f')
			format = optarg;
		else
			return c == 'h' ? OT_EXIT_OK : OT_EXIT_USAGE;
	}
	if ((json = cmd_format_json(argv[0], format)) < 0)
		return OT_EXIT_USAGE;
	if (argc - optind != 1 || !clause)
		return cmd_usage_error(argv[0], "expected ORD and --clause ID");
	if (cmd_open_tracker(&t) < 0 || ot_query_history(&h, t, argv[optind], clause) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (json) {
		ot_history_doc(&out, argv[optind], clause, &h);
	} else {
		for (i = 0; i < h.n; i++) {
			const ot_clause_step *st = &h.items[i];
			ot_buf_printf(&out, "%s@%d  %s  %-9s %-12s %.12s  %s%s\n", argv[optind], st->version.number,
				      st->version.date, st->version.stage,
				      *st->version.record ? st->version.record : "-", st->version.commit,
				      change_name(st->change),
				      st->version.repealed ? " (the ordinance was repealed)" : "");
			if (st->text)
				ot_buf_printf(&out, "    %s\n", st->text);
		}
	}
	rc = cmd_write_stdout(&out);
done:
	ot_buf_release(&out);
	ot_clause_history_release(&h);
	ot_tracker_free(t);
	return rc;
}
