/*
 * votes.c - `ordtrack votes --member NAME [--format json]`: every roll call
 * a member was on (date, record, motion, option, result), oldest first,
 * as the library collects them (ot_member_votes_find: NAME resolves among
 * all members, whatever their terms); as text, or ordtrack-votes/1 JSON
 * (ot_votes_doc).
 */
#include <stdlib.h>

#include "cmd.h"
#include "ordtrack/record.h"
#include "ordtrack/record_docs.h"

/* One line a roll call: date, record, option, result, motion. */
static void votes_text(ot_buf *out, const ot_member_votes *v)
{
	size_t i;
	for (i = 0; i < v->n; i++) {
		const ot_member_cast *c = &v->items[i];
		ot_buf_printf(out, "%s  %-12s %-10s %-6s  %s\n", c->date, c->record, ot_vote_option_names[c->option],
			      c->result == OT_RESULT_PASS ? "passed" : "failed", c->motion);
	}
}

static const cmd_opt votes_opts[] = {
	{"member", 'm', 0, "NAME", "the member (required): full name, or last name when unique"},
	{"format", 'F', 0, "F", "text (default) or json (ordtrack-votes/1)"},
	{NULL, 0, 0, NULL, NULL}};

const cmd_spec cmd_spec_votes = {
	"usage: ordtrack votes --member NAME [--format text|json]\n"
	"\n"
	"Every roll call that member was on: date, record, motion, how they\n"
	"voted and the result, oldest first.\n",
	votes_opts,
	NULL,
	0};

int cmd_votes(int argc, char **argv)
{
	const char *member = NULL, *format = "text";
	int json;
	ot_tracker *t = NULL;
	ot_member_votes votes = {0};
	ot_buf out = OT_BUF_INIT;
	int c, rc = OT_EXIT_OK;

	while ((c = cmd_getopt(argc, argv, &cmd_spec_votes)) != -1) {
		switch (c) {
		case 'm': member = optarg; break;
		case 'F': format = optarg; break;
		case 'h': return OT_EXIT_OK;
		default: return OT_EXIT_USAGE;
		}
	}
	if ((json = cmd_format_json(argv[0], format)) < 0)
		return OT_EXIT_USAGE;
	if (!member || argc - optind != 0)
		return cmd_usage_error(argv[0], "expected --member NAME");
	if (cmd_open_tracker(&t) < 0 || ot_member_votes_find(&votes, t, member) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (json) {
		ot_votes_doc(&out, &votes);
	} else {
		if (!votes.n)
			fprintf(stderr, "ordtrack: %s is on no roll call yet\n", votes.member);
		votes_text(&out, &votes);
	}
	rc = cmd_write_stdout(&out);
done:
	ot_member_votes_release(&votes);
	ot_buf_release(&out);
	ot_tracker_free(t);
	return rc;
}
