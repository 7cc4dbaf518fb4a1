/*
 * action.c - `ordtrack action RECORD --date D --type TYPE [--body BODY]
 * [--text TEXT]`: record an action (Open Civic Data type) on a pending
 * record, one commit on its branch.
 */
#include "cmd.h"
#include "ordtrack/record.h"

static const cmd_opt action_opts[] = {
	{"date", 'd', 0, "YYYY-MM-DD", "the date of the action (required)"},
	{"type", 'y', 0, "TYPE", "an Open Civic Data action type (required):\n"
	     "referral-committee, committee-passage, deferral,\n"
	     "amendment-introduction, executive-signature, ..."},
	{"body", 'b', 0, "BODY", "the organization acting (a committee)"},
	{"text", 'x', 0, "TEXT", "a description"},
	{NULL, 0, 0, NULL, NULL}};

const cmd_spec cmd_spec_action = {
	"usage: ordtrack action RECORD --date D --type TYPE [--body BODY] [--text TEXT]\n",
	action_opts,
	NULL,
	0};

int cmd_action(int argc, char **argv)
{
	ot_action a = {0};
	const char *type = NULL;
	ot_tracker *t = NULL;
	char commit[41];
	int c, rc = OT_EXIT_OK;

	while ((c = cmd_getopt(argc, argv, &cmd_spec_action)) != -1) {
		switch (c) {
		case 'd': a.date = optarg; break;
		case 'y': type = optarg; break;
		case 'b': a.body = optarg; break;
		case 'x': a.text = optarg; break;
		case 'h': return OT_EXIT_OK;
		default: return OT_EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cmd_usage_error(argv[0], "expected one RECORD");
	if (!a.date || !type)
		return cmd_usage_error(argv[0], "action needs --date YYYY-MM-DD and --type TYPE");
	if ((c = ot_action_type_parse(type)) < 0) {
		ot_buf all = OT_BUF_INIT;
		int i;
		/* the list is the library's table; passage, failure and
		 * withdrawal have their own commands */
		for (i = 0; i < OT_ACTION_N; i++)
			if (!ot_action_type_closes((ot_action_type)i) && i != OT_ACTION_INTRODUCTION)
				ot_buf_printf(&all, "%s%s", all.len ? ", " : "", ot_action_type_names[i]);
		rc = cmd_error("unknown action type '%s'; use an Open Civic Data type: %s", type, all.ptr);
		ot_buf_release(&all);
		return rc;
	}
	a.type = (ot_action_type)c;
	if (cmd_open_tracker(&t) < 0 || ot_record_action(commit, t, argv[optind], &a) < 0) {
		rc = cmd_fail();
		goto done;
	}
	printf("Recorded %s on %s (%s) as commit %.12s\n", type, argv[optind], a.date, commit);
done:
	ot_tracker_free(t);
	return rc;
}
