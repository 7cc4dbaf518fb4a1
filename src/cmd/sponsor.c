/*
 * sponsor.c - `ordtrack sponsor RECORD NAME --date D [--remove]`: a
 * co-sponsor added to (or taken off) a pending record after its
 * introduction, the action Legistar calls "Add Co-Sponsor(s)"
 * (ot_record_sponsor).
 */
#include <stdlib.h>

#include "cmd.h"

const cmd_spec cmd_spec_sponsor = {
	"usage: ordtrack sponsor RECORD NAME --date YYYY-MM-DD [--remove] [--body]\n"
	"\n"
	"Add a co-sponsor to a pending record (or take one off with --remove).  NAME\n"
	"must name one council member serving on DATE, under any spelling of their\n"
	"name; it is written as the member list writes it.  A sponsor that is no\n"
	"member (the mayor's office, a department, a committee) needs --body and is\n"
	"kept as given.  The change is an action of the record (sponsorship) on\n"
	"DATE.\n",
	(const cmd_opt[]){{"date", 'd', 0, "DATE", "the day the sponsor was added or removed (required)"},
			  {"remove", 'r', 0, NULL, "take the sponsor off instead"},
			  {"body", 'b', 0, NULL, "NAME is no member but a body (a department, the mayor's\n"
			   "office, a committee): kept as given"},
			  {NULL, 0, 0, NULL, NULL}},
	NULL, 0};

int cmd_sponsor(int argc, char **argv)
{
	ot_tracker *t = NULL;
	const char *date = NULL;
	char commit[41], *who = NULL;
	int c, flags = 0, rc = OT_EXIT_OK;

	while ((c = cmd_getopt(argc, argv, &cmd_spec_sponsor)) != -1) {
		switch (c) {
		case 'd': date = optarg; break;
		case 'r': flags |= OT_SPONSOR_REMOVE; break;
		case 'b': flags |= OT_SPONSOR_BODY; break;
		case 'h': return OT_EXIT_OK;
		default: return OT_EXIT_USAGE;
		}
	}
	if (argc - optind != 2)
		return cmd_usage_error("sponsor", "sponsor takes RECORD and NAME (quote a name with spaces)");
	if (!date)
		return cmd_usage_error("sponsor", "sponsor needs --date YYYY-MM-DD");
	if (cmd_open_tracker(&t) < 0 ||
	    ot_record_sponsor(commit, &who, t, argv[optind], argv[optind + 1], date, flags) < 0)
		rc = cmd_fail();
	else
		printf("%s: %s %s as a sponsor on %s (commit %.12s)\n", argv[optind],
		       flags & OT_SPONSOR_REMOVE ? "removed" : "added", who, date, commit);
	free(who);
	ot_tracker_free(t);
	return rc;
}
