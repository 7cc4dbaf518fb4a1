/*
 * close.c - `ordtrack fail RECORD --date D` and `ordtrack withdraw RECORD
 * --date D`: close a pending record without merging it (a last commit on
 * its branch with status failed or withdrawn).
 */
#include "cmd.h"
#include "ordtrack/record.h"

static const cmd_opt fail_opts[] = {{"date", 'd', 0, "YYYY-MM-DD", "the date it failed (required)"},
				    {NULL, 0, 0, NULL, NULL}};
static const cmd_opt withdraw_opts[] = {{"date", 'd', 0, "YYYY-MM-DD", "the date it was withdrawn (required)"},
					{NULL, 0, 0, NULL, NULL}};
const cmd_spec cmd_spec_fail = {"usage: ordtrack fail RECORD --date D\n", fail_opts, NULL, 0};
const cmd_spec cmd_spec_withdraw = {"usage: ordtrack withdraw RECORD --date D\n", withdraw_opts, NULL, 0};

static int close_record(int argc, char **argv, ot_status status)
{
	const char *date = NULL;
	ot_tracker *t = NULL;
	char commit[41];
	int c, rc = OT_EXIT_OK;

	while ((c = cmd_getopt(argc, argv, status == OT_STATUS_FAILED ? &cmd_spec_fail : &cmd_spec_withdraw)) != -1) {
		if (c == 'd')
			date = optarg;
		else
			return c == 'h' ? OT_EXIT_OK : OT_EXIT_USAGE;
	}
	if (argc - optind != 1)
		return cmd_usage_error(argv[0], "expected one RECORD");
	if (!date)
		return cmd_usage_error(argv[0], "%s needs --date YYYY-MM-DD", argv[0]);
	if (cmd_open_tracker(&t) < 0 || ot_record_close(commit, t, argv[optind], status, date) < 0) {
		rc = cmd_fail();
		goto done;
	}
	printf("%s %s on %s (commit %.12s)\n", status == OT_STATUS_FAILED ? "Failed" : "Withdrew", argv[optind],
	       date, commit);
done:
	ot_tracker_free(t);
	return rc;
}

int cmd_fail_record(int argc, char **argv)
{
	return close_record(argc, argv, OT_STATUS_FAILED);
}

int cmd_withdraw(int argc, char **argv)
{
	return close_record(argc, argv, OT_STATUS_WITHDRAWN);
}
