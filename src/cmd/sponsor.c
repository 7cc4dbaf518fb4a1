/*
 * sponsor.c - `ordtrack sponsor RECORD NAME --date D [--remove]`: a
 * co-sponsor added to (or taken off) a pending record after its
 * introduction, the action Legistar calls "Add Co-Sponsor(s)"
 * (ot_record_sponsor).
 */
#include "cmd.h"

const cmd_spec cmd_spec_sponsor = {
	"usage: ordtrack sponsor RECORD NAME --date YYYY-MM-DD [--remove]\n"
	"\n"
	"Add a co-sponsor to a pending record (or take one off with --remove).  A\n"
	"council member is found under any spelling of their name and written as\n"
	"the member list writes it; another sponsor (the mayor's office, a\n"
	"department, a committee) is kept as given.  The change is an action of\n"
	"the record (sponsorship) on DATE.\n",
	(const cmd_opt[]){{"date", 'd', 0, "DATE", "the day the sponsor was added or removed (required)"},
			  {"remove", 'r', 0, NULL, "take the sponsor off instead"},
			  {NULL, 0, 0, NULL, NULL}},
	NULL, 0};

int cmd_sponsor(int argc, char **argv)
{
	ot_tracker *t = NULL;
	const char *date = NULL;
	char commit[41];
	int c, remove = 0, rc = OT_EXIT_OK;

	while ((c = cmd_getopt(argc, argv, &cmd_spec_sponsor)) != -1) {
		switch (c) {
		case 'd': date = optarg; break;
		case 'r': remove = 1; break;
		case 'h': return OT_EXIT_OK;
		default: return OT_EXIT_USAGE;
		}
	}
	if (argc - optind != 2)
		return cmd_usage_error("sponsor", "sponsor takes RECORD and NAME (quote a name with spaces)");
	if (!date)
		return cmd_usage_error("sponsor", "sponsor needs --date YYYY-MM-DD");
	if (cmd_open_tracker(&t) < 0 || ot_record_sponsor(commit, t, argv[optind], argv[optind + 1], date, remove) < 0)
		rc = cmd_fail();
	else
		printf("%s: %s %s as a sponsor on %s (commit %.12s)\n", argv[optind], remove ? "removed" : "added",
		       argv[optind + 1], date, commit);
	ot_tracker_free(t);
	return rc;
}
