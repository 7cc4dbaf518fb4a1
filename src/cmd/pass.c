/*
 * pass.c - `ordtrack pass RECORD --date D [--effective D]`: enact a pending
 * record, a clause-level three-way merge of its changes into main.
 *
 * On a conflict nothing is written; every conflicting clause is printed on
 * stdout ("conflict: 2-173-042(a): changed differently by both") and the
 * summary goes to stderr, exit 1.
 */
#include "cmd.h"
#include "ordtrack/record.h"

static const cmd_opt pass_opts[] = {
	{"date", 'd', 0, "YYYY-MM-DD", "the date of passage (required)"},
	{"effective", 'e', 0, "YYYY-MM-DD", "the date it takes effect"},
	{NULL, 0, 0, NULL, NULL}};

const cmd_spec cmd_spec_pass = {
	"usage: ordtrack pass RECORD --date D [--effective D]\n"
	"\n"
	"Merge the record's changes, clause by clause, into the code as it stands.\n"
	"When a clause it changes was changed differently since it was introduced,\n"
	"each such clause is printed and nothing is recorded (exit 1).\n",
	pass_opts,
	NULL,
	0};

int cmd_pass(int argc, char **argv)
{
	const char *date = NULL, *effective = NULL;
	ot_pass_conflicts pc = {0};
	ot_tracker *t = NULL;
	ot_buf out = OT_BUF_INIT;
	char commit[41];
	size_t i;
	int c, err, rc = OT_EXIT_OK;

	while ((c = cmd_getopt(argc, argv, &cmd_spec_pass)) != -1) {
		switch (c) {
		case 'd': date = optarg; break;
		case 'e': effective = optarg; break;
		case 'h': return OT_EXIT_OK;
		default: return OT_EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cmd_usage_error(argv[0], "expected one RECORD");
	if (!date)
		return cmd_usage_error(argv[0], "pass needs --date YYYY-MM-DD");
	if (cmd_open_tracker(&t) < 0) {
		rc = cmd_fail();
		goto done;
	}
	err = ot_record_pass(commit, &pc, t, argv[optind], date, effective);
	if (err == OT_ECONFLICT && pc.n) {
		for (i = 0; i < pc.n; i++)
			ot_buf_printf(&out, "conflict: %s: %s\n", pc.items[i].id, pc.items[i].reason);
		cmd_write_stdout(&out); /* the clauses are the data; the summary goes to stderr */
		rc = cmd_fail();
		goto done;
	}
	if (err < 0) {
		rc = cmd_fail();
		goto done;
	}
	printf("Passed %s on %s%s%s: merged into main as commit %.12s\n", argv[optind], date,
	       effective ? ", effective " : "", effective ? effective : "", commit);
done:
	ot_buf_release(&out);
	ot_pass_conflicts_release(&pc);
	ot_tracker_free(t);
	return rc;
}
