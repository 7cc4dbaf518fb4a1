/*
 * history.c - `ordtrack history ORD --clause ID`: every version of one
 * clause, with dates and records, answered from the index alone.
 */
#include <jansson.h>
#include <stdlib.h>

#include "cmd.h"
#include "ordtrack/query.h"

/* How a step reads: JSON's word, or (text) the word a reader expects. */
static const char *change_name(char change, int text)
{
	switch (change) {
	case 'a': return "added";
	case 'r': return "removed";
	case 't': return text ? "typographic change only" : "typographic";
	default: return text ? "amended" : "modified";
	}
}

int cmd_history(int argc, char **argv)
{
	static const struct option opts[] = {CMD_COMMON_OPTIONS,
					     {"clause", required_argument, NULL, 'c'},
					     {"format", required_argument, NULL, 'f'},
					     {0, 0, 0, 0}};
	const char *clause = NULL, *format = "text";
	int json;
	ot_tracker *t = NULL;
	ot_clause_history h = {0};
	ot_buf out = OT_BUF_INIT;
	size_t i;
	int c, rc;

	while ((c = cmd_getopt(argc, argv, "h", opts)) != -1) {
		if (c == 'c')
			clause = optarg;
		else if (c == 'f')
			format = optarg;
		else
			return c == 'h' ? OT_EXIT_OK : OT_EXIT_USAGE;
	}
	if ((json = cmd_format_json(argv[0], format)) < 0)
		return OT_EXIT_USAGE;
	if (argc - optind != 1 || !clause)
		return cmd_usage_error(argv[0], "expected ORD and --clause ID");
	if (cmd_open_tracker(&t) < 0 || ot_query_history(&h, t, argv[optind], clause) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (json) {
		json_t *root = json_object(), *arr = json_array();
		json_object_set_new(root, "format", json_string("ordtrack-history/1"));
		json_object_set_new(root, "ordinance", json_string(argv[optind]));
		json_object_set_new(root, "clause", json_string(clause));
		for (i = 0; i < h.n; i++) {
			const ot_clause_step *st = &h.items[i];
			json_t *o = json_object();
			json_object_set_new(o, "version", json_integer(st->version.number));
			json_object_set_new(o, "commit", json_string(st->version.commit));
			json_object_set_new(o, "date", json_string(st->version.date));
			json_object_set_new(o, "stage", json_string(st->version.stage));
			json_object_set_new(o, "record", *st->version.record ? json_string(st->version.record) : json_null());
			json_object_set_new(o, "change", json_string(change_name(st->change, 0)));
			json_object_set_new(o, "text", st->text ? json_string(st->text) : json_null());
			json_array_append_new(arr, o);
		}
		json_object_set_new(root, "versions", arr);
		if ((rc = cmd_json_append(&out, root)) != OT_EXIT_OK)
			goto done;
	} else {
		for (i = 0; i < h.n; i++) {
			const ot_clause_step *st = &h.items[i];
			ot_buf_printf(&out, "%s@%d  %s  %-9s %-12s %.12s  %s%s\n", argv[optind], st->version.number,
				      st->version.date, st->version.stage,
				      *st->version.record ? st->version.record : "-", st->version.commit,
				      change_name(st->change, 1),
				      st->version.repealed ? " (the ordinance was repealed)" : "");
			if (st->text)
				ot_buf_printf(&out, "    %s\n", st->text);
		}
	}
	rc = cmd_write_stdout(&out);
done:
	ot_buf_release(&out);
	ot_clause_history_release(&h);
	ot_tracker_free(t);
	return rc;
}
