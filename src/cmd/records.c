/*
 * records.c - `ordtrack records [--status S] [--sponsor NAME] [--ordinance
 * ORD] [--format json]`: the records in the tracker (one branch each),
 * filtered, sorted by id; as text, or ordtrack-records/1 JSON
 * (ot_records_doc).
 */
#include <stdlib.h>
#include <strings.h>

#include "cmd.h"
#include "internal.h"
#include "ordtrack/record.h"
#include "ordtrack/record_docs.h"

/* A sponsor matches NAME by its full name or its last word, ignoring case
 * ("Ramirez-Rosa" finds "Carlos Ramirez-Rosa"). */
static int sponsor_matches(const char *sponsor, const char *name)
{
	const char *sp = strrchr(sponsor, ' ');
	return strcasecmp(sponsor, name) == 0 || (sp && strcasecmp(sp + 1, name) == 0);
}

static int wanted(const ot_record *r, int status, const char *sponsor, const char *ord)
{
	size_t i;
	int hit;
	if (status >= 0 && r->status != (ot_status)status)
		return 0;
	if (sponsor) {
		for (hit = 0, i = 0; i < r->nsponsors && !hit; i++)
			hit = sponsor_matches(r->sponsors[i], sponsor);
		if (!hit)
			return 0;
	}
	if (ord) {
		for (hit = 0, i = 0; i < r->nordinances && !hit; i++)
			hit = strcmp(r->ordinances[i], ord) == 0;
		if (!hit)
			return 0;
	}
	return 1;
}

/* One line a record: id, status, introduced, ordinances, title. */
static void records_text(ot_buf *out, const ot_record *rs, size_t n)
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
	{"status", 's', 0, "S", "pending, passed, failed or withdrawn"},
	{"sponsor", 'S', 0, "NAME", "records with this sponsor (case-insensitive; the\n"
	     "full name or its last word)"},
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
	const char *status_name = NULL, *sponsor = NULL, *ord = NULL, *format = "text";
	int json;
	ot_tracker *t = NULL;
	ot_record *rs = NULL;
	char **ids = NULL;
	size_t nids = 0, nrs = 0, cap = 0, i;
	ot_buf out = OT_BUF_INIT;
	int c, rc = OT_EXIT_OK, status;

	while ((c = cmd_getopt(argc, argv, &cmd_spec_records)) != -1) {
		switch (c) {
		case 's': status_name = optarg; break;
		case 'S': sponsor = optarg; break;
		case 'o': ord = optarg; break;
		case 'F': format = optarg; break;
		case 'h': return OT_EXIT_OK;
		default: return OT_EXIT_USAGE;
		}
	}
	if ((json = cmd_format_json(argv[0], format)) < 0)
		return OT_EXIT_USAGE;
	status = status_name ? ot_status_parse(status_name) : -1;
	if (status_name && status < 0)
		return cmd_usage_error(argv[0], "--status takes pending, passed, failed or withdrawn, not '%s'",
				       status_name);
	if (argc - optind != 0)
		return cmd_usage_error(argv[0], "records takes no arguments; filter with --status, --sponsor, --ordinance");
	if (cmd_open_tracker(&t) < 0 || ot_record_list(&ids, &nids, t) < 0) {
		rc = cmd_fail();
		goto done;
	}
	for (i = 0; i < nids; i++) {
		ot_record r;
		if (ot_record_load(&r, NULL, t, ids[i]) < 0) {
			rc = cmd_fail();
			goto done;
		}
		if (wanted(&r, status, sponsor, ord))
			*OT_ARRAY_PUSH(rs, nrs, cap) = r;
		else
			ot_record_release(&r);
	}
	if (json)
		ot_records_doc(&out, rs, nrs);
	else
		records_text(&out, rs, nrs);
	if (!nrs && !json)
		fprintf(stderr, "ordtrack: no records%s\n",
			status >= 0 || sponsor || ord ? " match" : " yet; open one with 'ordtrack propose'");
	rc = cmd_write_stdout(&out);
done:
	for (i = 0; i < nrs; i++)
		ot_record_release(&rs[i]);
	free(rs);
	for (i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	ot_buf_release(&out);
	ot_tracker_free(t);
	return rc;
}
