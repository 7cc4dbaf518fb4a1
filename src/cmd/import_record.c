/*
 * import_record.c - `ordtrack import-record PATH [--format legistar|elms|ocd]
 * [--dry-run]`: the legislative record as the council's system keeps it
 * (a Legistar Web API dump, eLMS matter files, an OCD/pupa scrape) into
 * the tracker, in one write.
 *
 * One library call to read (ot_import_set_read), one to write
 * (ot_record_import); this file prints what was skipped, what changed at
 * the source, and the counts.
 */
#include <stdlib.h>

#include "cmd.h"
#include "ordtrack/record_import.h"

const cmd_spec cmd_spec_import_record = {
	"usage: ordtrack import-record PATH [--format legistar|elms|ocd] [--dry-run] [--accept-changes]\n"
	"\n"
	"Import records (matters), their sponsors, actions and roll calls, and the\n"
	"council's members, from files a council's system gives: a Legistar Web API\n"
	"dump (a directory with matters.json), Chicago eLMS matter files (a file or a\n"
	"directory of them) or an Open Civic Data scrape as pupa writes it (a\n"
	"directory of bill_*.json, vote_event_*.json, person_*.json ...).  The\n"
	"layouts and the tables that map the sources' words are in\n"
	"docs/record-import.md.\n"
	"\n"
	"Every event keeps its source id: importing a newer scrape again adds only\n"
	"what is new; an event that changed at the source is reported (who voted\n"
	"otherwise, which field of an action) and kept as it was imported, unless\n"
	"--accept-changes.  A bad file anywhere writes nothing.\n",
	(const cmd_opt[]){{"format", 'F', 0, "F", "legistar, elms or ocd (default: told from PATH's layout)"},
			  {"dry-run", 'n', 1, NULL, "read and check everything; say what would be imported, write nothing"},
			  {"accept-changes", 'a', 0, NULL, "events changed at the source since they were imported\n"
			   "take the source's version (each is listed) instead of\n"
			   "being kept as imported"},
			  {NULL, 0, 0, NULL, NULL}},
	NULL, 0};

static void print_lines(const char *head, char *const *lines, size_t n)
{
	size_t i;
	if (!n)
		return;
	fprintf(stderr, "%s (%zu):\n", head, n);
	for (i = 0; i < n; i++)
		fprintf(stderr, "  %s\n", lines[i]);
}

int cmd_import_record(int argc, char **argv)
{
	ot_import_set set;
	ot_record_import_report rep;
	ot_tracker *t = NULL;
	int c, format = -1, dry_run = 0, flags = 0, rc = OT_EXIT_OK;

	while ((c = cmd_getopt(argc, argv, &cmd_spec_import_record)) != -1) {
		switch (c) {
		case 'F':
			if ((format = ot_source_format_parse(optarg)) < 0)
				return cmd_usage_error("import-record", "--format takes legistar, elms or ocd, not '%s'",
						       optarg);
			break;
		case 'n': dry_run = 1; flags |= OT_IMPORT_DRY_RUN; break;
		case 'a': flags |= OT_IMPORT_ACCEPT_CHANGES; break;
		case 'h': return OT_EXIT_OK;
		default: return OT_EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cmd_usage_error("import-record", "import-record takes one PATH");
	if (ot_import_set_read(&set, argv[optind], format) < 0) {
		ot_import_set_release(&set);
		return cmd_fail();
	}
	if (cmd_open_tracker(&t) < 0 || ot_record_import(&rep, t, &set, flags) < 0) {
		rc = cmd_fail();
		goto done;
	}
	print_lines("read but not imported", set.skipped, set.nskipped);
	print_lines(flags & OT_IMPORT_ACCEPT_CHANGES ? "changed at the source since imported"
						   : "changed at the source since imported (kept as imported; --accept-changes takes the source's)",
		    rep.changed, rep.nchanged);
	printf("%s %s: %zu record%s new, %zu updated, %zu unchanged; %zu event%s new; members: %zu new, %zu updated\n",
	       dry_run ? "Would import from" : "Imported from", ot_source_format_names[set.format], rep.records_new,
	       rep.records_new == 1 ? "" : "s", rep.records_updated, rep.records_same, rep.events_new,
	       rep.events_new == 1 ? "" : "s", rep.members_new, rep.members_updated);
	ot_record_import_report_release(&rep);
done:
	ot_import_set_release(&set);
	ot_tracker_free(t);
	return rc;
}
