/*
 * close.c - `ordtrack fail RECORD --date D` and `ordtrack withdraw RECORD
 * --date D`: close a pending record without merging it (a last commit on
 * its branch with status failed or withdrawn).
 */
#include "cmd.h"
#include "ordtrack/record.h"

static int close_record(int argc, char **argv, ot_status status)
{
	static const struct option opts[] = {CMD_COMMON_OPTIONS, {"date", required_argument, NULL, 'd'}, {0, 0, 0, 0}};
	const char *date = NULL;
	ot_tracker *t = NULL;
	char commit[41];
	int c, rc = OT_EXIT_OK;

	while ((c = cmd_getopt(argc, argv, "h", opts)) != -1) {
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
