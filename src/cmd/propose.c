/*
 * propose.c - `ordtrack propose RECORD ORD FILE [ORD FILE ...] --date D
 * --title T --sponsor NAME... [--type T]`: open a record, a branch
 * refs/records/RECORD based on main, whose first version holds the texts.
 *
 * The files are parsed before the tracker is touched; every check on the
 * record itself (safe id, date, title, sponsors, type, texts that change
 * something) is the library's (ot_record_propose), made before anything is
 * written.
 */
#include <stdlib.h>

#include "cmd.h"
#include "internal.h"
#include "ordtrack/record.h"

int cmd_propose(int argc, char **argv)
{
	static const struct option opts[] = {CMD_COMMON_OPTIONS,
					     {"date", required_argument, NULL, 'd'},
					     {"title", required_argument, NULL, 't'},
					     {"sponsor", required_argument, NULL, 'S'},
					     {"type", required_argument, NULL, 'y'},
					     {0, 0, 0, 0}};
	ot_propose p;
	const char **sponsors = NULL, **ords = NULL;
	ot_doc **docs = NULL;
	size_t nsponsors = 0, scap = 0, ndocs = 0, i;
	ot_tracker *t = NULL;
	char commit[41];
	int c, rc = OT_EXIT_OK;

	memset(&p, 0, sizeof(p));
	p.type = "ordinance";
	while ((c = cmd_getopt(argc, argv, "h", opts)) != -1) {
		switch (c) {
		case 'd': p.date = optarg; break;
		case 't': p.title = optarg; break;
		case 'y': p.type = optarg; break;
		case 'S': *OT_ARRAY_PUSH(sponsors, nsponsors, scap) = optarg; break;
		case 'h': goto done;
		default: rc = OT_EXIT_USAGE; goto done;
		}
	}
	if (argc - optind < 3 || (argc - optind - 1) % 2 != 0) {
		rc = cmd_usage_error(argv[0], "expected RECORD and one or more ORD FILE pairs");
		goto done;
	}
	if (!p.date || !p.title || !nsponsors) {
		rc = cmd_usage_error(argv[0], "propose needs --date, --title and at least one --sponsor");
		goto done;
	}
	p.id = argv[optind];
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
	p.sponsors = sponsors;
	p.nsponsors = nsponsors;
	p.ordinances = ords;
	p.docs = (const ot_doc *const *)docs;
	p.ndocs = ndocs;
	if (cmd_open_tracker(&t) < 0 || ot_record_propose(commit, t, &p) < 0) {
		rc = cmd_fail();
		goto done;
	}
	printf("Proposed %s (%s, %zu ordinance%s) as commit %.12s\n", p.id, p.type, ndocs, ndocs == 1 ? "" : "s",
	       commit);
done:
	for (i = 0; i < ndocs; i++)
		ot_doc_free(docs[i]);
	free(docs);
	free(ords);
	free(sponsors);
	ot_tracker_free(t);
	return rc;
}
