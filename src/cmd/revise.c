/*
 * revise.c - `ordtrack revise RECORD ORD FILE [ORD FILE ...] --date D
 * [--stage substitute|amended]`: a new version of a pending record's text.
 *
 * The files are parsed first; the library (ot_record_revise) refuses a
 * closed record, a date before the introduction and texts identical to the
 * record's current ones before writing anything.
 */
#include <stdlib.h>

#include "cmd.h"
#include "internal.h"
#include "ordtrack/record.h"

int cmd_revise(int argc, char **argv)
{
	static const struct option opts[] = {CMD_COMMON_OPTIONS,
					     {"date", required_argument, NULL, 'd'},
					     {"stage", required_argument, NULL, 's'},
					     {0, 0, 0, 0}};
	const char *date = NULL, *stage = "substitute", *id;
	const char **ords = NULL;
	ot_doc **docs = NULL;
	size_t ndocs = 0, i;
	ot_tracker *t = NULL;
	char commit[41];
	int c, err, rc = OT_EXIT_OK;

	while ((c = cmd_getopt(argc, argv, "h", opts)) != -1) {
		switch (c) {
		case 'd': date = optarg; break;
		case 's': stage = optarg; break;
		case 'h': return OT_EXIT_OK;
		default: return OT_EXIT_USAGE;
		}
	}
	if (argc - optind < 3 || (argc - optind - 1) % 2 != 0)
		return cmd_usage_error(argv[0], "expected RECORD and one or more ORD FILE pairs");
	if (!date)
		return cmd_usage_error(argv[0], "revise needs --date YYYY-MM-DD");
	if (strcmp(stage, "substitute") && strcmp(stage, "amended"))
		return cmd_usage_error(argv[0], "--stage takes substitute or amended, not '%s'", stage);
	id = argv[optind];
	ndocs = (size_t)(argc - optind - 1) / 2;
	ords = ot_calloc(ndocs, sizeof(*ords));
	docs = ot_calloc(ndocs, sizeof(*docs));
	for (i = 0; i < ndocs; i++) {
		ords[i] = argv[optind + 1 + 2 * i];
		if (cmd_parse_file(&docs[i], argv[optind + 2 + 2 * i]) < 0) {
			rc = cmd_fail();
			goto done;
		}
	}
	if (cmd_open_tracker(&t) < 0) {
		rc = cmd_fail();
		goto done;
	}
	err = ot_record_revise(commit, t, id, ords, (const ot_doc *const *)docs, ndocs, date, stage);
	if (err == OT_EUNCHANGED) {
		/* like add: nothing to record is reported, not an error */
		fprintf(stderr, "ordtrack: %s\n", ot_error_last());
		goto done;
	}
	if (err < 0) {
		rc = cmd_fail();
		goto done;
	}
	printf("Revised %s (%s text) as commit %.12s\n", id, stage, commit);
done:
	for (i = 0; i < ndocs; i++)
		ot_doc_free(docs[i]);
	free(docs);
	free(ords);
	ot_tracker_free(t);
	return rc;
}
