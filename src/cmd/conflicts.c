/*
 * conflicts.c - `ordtrack conflicts [--format json]`: every pair of pending
 * records whose changes touch the same clause (ot_record_conflicts_find),
 * as text or ordtrack-conflicts/1 JSON (ot_conflicts_doc).
 */
#include <stdlib.h>

#include "cmd.h"
#include "ordtrack/record.h"
#include "ordtrack/record_docs.h"

static void conflicts_text(ot_buf *out, const ot_record_conflicts *c)
{
	size_t i, j;
	if (!c->n)
		ot_buf_puts(out, "no pending records change the same clauses\n");
	for (i = 0; i < c->n; i++) {
		const ot_record_conflict *x = &c->items[i];
		ot_buf_printf(out, "%s and %s both change:", x->a, x->b);
		for (j = 0; j < x->n; j++)
			ot_buf_printf(out, "%s %s", j ? "," : "", x->ids[j]);
		ot_buf_putc(out, '\n');
	}
}

static const cmd_opt conflicts_opts[] = {
	{"format", 'F', 0, "F", "text (default) or json (ordtrack-conflicts/1)"},
	{NULL, 0, 0, NULL, NULL}};

const cmd_spec cmd_spec_conflicts = {
	"usage: ordtrack conflicts [--format text|json]\n"
	"\n"
	"Every pair of pending records whose changes (each against the code it\n"
	"was based on) touch the same clause, with the clause ids.\n",
	conflicts_opts,
	NULL,
	0};

int cmd_conflicts(int argc, char **argv)
{
	const char *format = "text";
	int json;
	ot_record_conflicts found = {0};
	ot_tracker *t = NULL;
	ot_buf out = OT_BUF_INIT;
	int c, rc = OT_EXIT_OK;

	while ((c = cmd_getopt(argc, argv, &cmd_spec_conflicts)) != -1) {
		if (c == 'F')
			format = optarg;
		else
			return c == 'h' ? OT_EXIT_OK : OT_EXIT_USAGE;
	}
	if ((json = cmd_format_json(argv[0], format)) < 0)
		return OT_EXIT_USAGE;
	if (argc - optind != 0)
		return cmd_usage_error(argv[0], "conflicts takes no arguments");
	if (cmd_open_tracker(&t) < 0 || ot_record_conflicts_find(&found, t, NULL) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (json)
		ot_conflicts_doc(&out, &found);
	else
		conflicts_text(&out, &found);
	rc = cmd_write_stdout(&out);
done:
	ot_record_conflicts_release(&found);
	ot_buf_release(&out);
	ot_tracker_free(t);
	return rc;
}
