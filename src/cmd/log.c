/*
 * log.c - `ordtrack log [ORD]`: versions newest first, from the index.
 * A version that changed only notes is marked "(notes only)", a repeal
 * "(repealed)"; JSON is the library's ordtrack-log/1 (ot_log_doc), where
 * "change" is "text", "notes" or "repealed".
 */
#include <stdio.h>

#include "cmd.h"
#include "ordtrack/index.h"
#include "ordtrack/text_docs.h"

static const cmd_opt log_opts[] = {
	{"format", 'f', 0, "F", "text (default) or json (ordtrack-log/1)"},
	{NULL, 0, 0, NULL, NULL}};

const cmd_spec cmd_spec_log = {
	"usage: ordtrack log [ORD] [--format text|json]\n"
	"\n"
	"List the versions of ORD (or of every ordinance), newest first: date,\n"
	"stage, record, short commit, revision and message.\n",
	log_opts,
	NULL,
	0};

int cmd_log(int argc, char **argv)
{
	const char *format = "text", *ord = NULL;
	int json;
	ot_tracker *t = NULL;
	ot_version_list vl = {0};
	ot_buf out = OT_BUF_INIT;
	size_t i;
	int c, rc = OT_EXIT_OK;

	while ((c = cmd_getopt(argc, argv, &cmd_spec_log)) != -1) {
		if (c == 'f')
			format = optarg;
		else
			return c == 'h' ? OT_EXIT_OK : OT_EXIT_USAGE;
	}
	if ((json = cmd_format_json(argv[0], format)) < 0)
		return OT_EXIT_USAGE;
	if (argc - optind > 1)
		return cmd_usage_error(argv[0], "too many arguments");
	if (optind < argc)
		ord = argv[optind];
	if (cmd_open_tracker(&t) < 0 || ot_index_versions(&vl, t, ord) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (ord && vl.n == 0) {
		rc = cmd_error("unknown ordinance '%s'; 'ordtrack log' lists what the tracker holds", ord);
		goto done;
	}
	if (json) {
		ot_log_doc(&out, &vl);
	} else {
		for (i = 0; i < vl.n; i++) {
			const ot_version *v = &vl.items[i];
			char rev[256];
			snprintf(rev, sizeof(rev), "%s@%d", v->ordinance, v->number);
			ot_buf_printf(&out, "%s  %-11s %-12s %.12s  %-12s %s%s\n", v->date, v->stage,
				      *v->record ? v->record : "-", v->commit, rev, v->subject,
				      v->repealed ? " (repealed)" : v->notes_only ? " (notes only)" : "");
		}
	}
	rc = cmd_write_stdout(&out);
done:
	ot_buf_release(&out);
	ot_version_list_release(&vl);
	ot_tracker_free(t);
	return rc;
}
