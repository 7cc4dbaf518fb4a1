/*
 * blame.c - `ordtrack blame ORD[@REV]`: for every clause of the text, the
 * version and record that last changed it, with its passage date and
 * tally (from the vote that stands, latest by date, when it passed; else
 * the record's last passing vote, when one is recorded:
 * ot_query_blame_tallies).  JSON is the library's ordtrack-blame/1
 * (ot_blame_doc).
 */
#include <stdio.h>

#include "cmd.h"
#include "ordtrack/query.h"
#include "ordtrack/rev.h"
#include "ordtrack/text_docs.h"

static const cmd_opt blame_opts[] = {
	{"format", 'f', 0, "F", "text (default) or json (ordtrack-blame/1)"},
	{NULL, 0, 0, NULL, NULL}};

const cmd_spec cmd_spec_blame = {
	"usage: ordtrack blame ORD[@REV] [--format text|json]\n"
	"\n"
	"For every clause of the text, the version and record that last changed\n"
	"it, with the date and the tally of the record's passing vote.\n",
	blame_opts,
	NULL,
	0};

int cmd_blame(int argc, char **argv)
{
	const char *format = "text";
	int json;
	ot_tracker *t = NULL;
	ot_rev rev = {0};
	ot_blame b = {0};
	ot_buf out = OT_BUF_INIT;
	size_t i;
	int c, rc;

	while ((c = cmd_getopt(argc, argv, &cmd_spec_blame)) != -1) {
		if (c == 'f')
			format = optarg;
		else
			return c == 'h' ? OT_EXIT_OK : OT_EXIT_USAGE;
	}
	if ((json = cmd_format_json(argv[0], format)) < 0)
		return OT_EXIT_USAGE;
	if (argc - optind != 1)
		return cmd_usage_error(argv[0], "expected one revision, ORD[@REV]");
	if (cmd_open_tracker(&t) < 0 || ot_rev_resolve(&rev, t, argv[optind]) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (rev.record) {
		rc = cmd_error("blame takes an ordinance revision, not a record; try 'ordtrack blame %s'", rev.ordinance);
		goto done;
	}
	if (cmd_require_text(&rev, "blame", NULL, "blames") < 0 || ot_query_blame(&b, t, rev.ordinance, rev.number) < 0) {
		rc = cmd_fail();
		goto done;
	}
	ot_query_blame_tallies(&b, t);
	if (json) {
		ot_blame_doc(&out, rev.ordinance, rev.number, &b);
	} else {
		for (i = 0; i < b.n; i++) {
			const ot_blame_line *l = &b.items[i];
			char who[96];
			snprintf(who, sizeof(who), "%s%s%s%s", *l->version.record ? l->version.record : "-",
				 l->tally ? " (" : "", l->tally ? l->tally : "", l->tally ? ")" : "");
			ot_buf_printf(&out, "%-22s %s@%-3d %s  %-20s %s\n", l->id, rev.ordinance, l->version.number,
				      l->version.date, who, l->text);
		}
	}
	rc = cmd_write_stdout(&out);
done:
	ot_buf_release(&out);
	ot_blame_release(&b);
	ot_rev_release(&rev);
	ot_tracker_free(t);
	return rc;
}
