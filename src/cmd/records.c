/*
 * records.c - `ordtrack records [--status S] [--sponsor NAME] [--ordinance
 * ORD] [--format json]`: the records in the tracker (one branch each),
 * filtered, sorted by id; as text, or ordtrack-records/1 JSON
 * (ot_record_summaries_doc).  Both print only what a summary holds
 * (ot_record_summaries_find, read from the index without loading the
 * records).
 */
#include <stdlib.h>

#include "cmd.h"
#include "ordtrack/record.h"
#include "ordtrack/record_docs.h"

/* One line a record: id, status, introduced, ordinances, title. */
static void records_text(ot_buf *out, const ot_record_summary *rs, size_t n)
{
	size_t i, j, width = 4;
	for (i = 0; i < n; i++)
		if (strlen(rs[i].id) > width)
			width = strlen(rs[i].id);
	for (i = 0; i < n; i++) {
		ot_buf_printf(out, "%-*s  %-9s  %s  ", (int)width, rs[i].id, ot_status_names[rs[i].status],
			      rs[i].introduced);
		for (j = 0; j < rs[i].nordinances; j++)
			ot_buf_printf(out, "%s%s", j ? "," : "", rs[i].ordinances[j]);
		ot_buf_printf(out, "  %s\n", rs[i].title);
	}
}

static const cmd_opt records_opts[] = {
	{"status", 's', 0, "S", "pending, passed, failed, withdrawn or filed"},
	{"sponsor", 'S', 0, "NAME", "records with this sponsor: the name as written (any case\n"
	     "or accents, Last, First, or the last name alone), or any\n"
	     "name or alias of the member it names"},
	{"ordinance", 'o', 0, "ORD", "records that change ORD"},
	{"format", 'F', 0, "F", "text (default) or json"},
	{NULL, 0, 0, NULL, NULL}};

const cmd_spec cmd_spec_records = {
	"usage: ordtrack records [--status S] [--sponsor NAME] [--ordinance ORD]\n"
	"                        [--format text|json]\n",
	records_opts,
	NULL,
	0};

int cmd_records(int argc, char **argv)
{
	const char *status_name = NULL, *format = "text";
	ot_record_filter f = {-1, NULL, NULL};
	int json;
	ot_tracker *t = NULL;
	ot_record_summary *rs = NULL;
	size_t nrs = 0;
	ot_buf out = OT_BUF_INIT;
	int c, rc = OT_EXIT_OK;

	while ((c = cmd_getopt(argc, argv, &cmd_spec_records)) != -1) {
		switch (c) {
		case 's': status_name = optarg; break;
		case 'S': f.sponsor = optarg; break;
		case 'o': f.ordinance = optarg; break;
		case 'F': format = optarg; break;
		case 'h': return OT_EXIT_OK;
		default: return OT_EXIT_USAGE;
		}
	}
	if ((json = cmd_format_json(argv[0], format)) < 0)
		return OT_EXIT_USAGE;
	f.status = status_name ? ot_status_parse(status_name) : -1;
	if (status_name && f.status < 0)
		return cmd_usage_error(argv[0], "--status takes pending, passed, failed, withdrawn or filed, not '%s'",
				       status_name);
	if (argc - optind != 0)
		return cmd_usage_error(argv[0], "records takes no arguments; filter with --status, --sponsor, --ordinance");
	if (cmd_open_tracker(&t) < 0 || ot_record_summaries_find(&rs, &nrs, t, &f) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (json)
		ot_record_summaries_doc(&out, rs, nrs);
	else
		records_text(&out, rs, nrs);
	if (!nrs && !json)
		fprintf(stderr, "ordtrack: no records%s\n",
			f.status >= 0 || f.sponsor || f.ordinance ? " match" : " yet; open one with 'ordtrack propose', or import a council's with 'ordtrack import-record'");
	rc = cmd_write_stdout(&out);
done:
	ot_record_summaries_free(rs, nrs);
	ot_buf_release(&out);
	ot_tracker_free(t);
	return rc;
}
