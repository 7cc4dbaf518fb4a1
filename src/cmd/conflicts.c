/*
 * conflicts.c - `ordtrack conflicts [--format json]`: every pair of pending
 * records whose changes touch the same clause (ot_record_conflicts_find),
 * as text or ordtrack-conflicts/1 JSON.
 */
#include <jansson.h>
#include <stdlib.h>

#include "cmd.h"
#include "internal.h"
#include "ordtrack/record.h"

int cmd_conflicts(int argc, char **argv)
{
	static const struct option opts[] = {CMD_COMMON_OPTIONS, {"format", required_argument, NULL, 'F'}, {0, 0, 0, 0}};
	const char *format = "text";
	int json;
	ot_record_conflicts found = {0};
	const ot_record_conflict *cs;
	size_t ncs, i, j;
	ot_tracker *t = NULL;
	ot_buf out = OT_BUF_INIT;
	int c, rc = OT_EXIT_OK;

	while ((c = cmd_getopt(argc, argv, "h", opts)) != -1) {
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
	cs = found.items;
	ncs = found.n;
	if (json) {
		json_t *root = json_object(), *arr = json_array();
		json_object_set_new(root, "format", json_string("ordtrack-conflicts/1"));
		for (i = 0; i < ncs; i++) {
			json_t *o = json_object(), *recs = json_array(), *cl = json_array();
			json_array_append_new(recs, json_string(cs[i].a));
			json_array_append_new(recs, json_string(cs[i].b));
			json_object_set_new(o, "records", recs);
			for (j = 0; j < cs[i].n; j++) {
				json_t *x = json_object();
				json_object_set_new(x, "ordinance", json_string(cs[i].ords[j]));
				json_object_set_new(x, "id", json_string(cs[i].ids[j]));
				json_array_append_new(cl, x);
			}
			json_object_set_new(o, "clauses", cl);
			json_array_append_new(arr, o);
		}
		json_object_set_new(root, "conflicts", arr);
		rc = cmd_print_json(root);
		goto done;
	}
	if (!ncs)
		ot_buf_puts(&out, "no pending records change the same clauses\n");
	for (i = 0; i < ncs; i++) {
		ot_buf_printf(&out, "%s and %s both change:", cs[i].a, cs[i].b);
		for (j = 0; j < cs[i].n; j++)
			ot_buf_printf(&out, "%s %s", j ? "," : "", cs[i].ids[j]);
		ot_buf_putc(&out, '\n');
	}
	rc = cmd_write_stdout(&out);
done:
	ot_record_conflicts_release(&found);
	ot_buf_release(&out);
	ot_tracker_free(t);
	return rc;
}
