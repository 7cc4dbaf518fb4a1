/*
 * log.c - `ordtrack log [ORD]`: versions newest first, from the index.
 * A version that changed only notes is marked "(notes only)", a repeal
 * "(repealed)"; in JSON, "change" is "text", "notes" or "repealed".
 */
#include <jansson.h>
#include <stdlib.h>

#include "cmd.h"
#include "ordtrack/index.h"

static json_t *version_json(const ot_version *v)
{
	json_t *o = json_object(), *sp = json_array();
	size_t i;
	json_object_set_new(o, "ordinance", json_string(v->ordinance));
	json_object_set_new(o, "version", json_integer(v->number));
	json_object_set_new(o, "commit", json_string(v->commit));
	json_object_set_new(o, "date", json_string(v->date));
	json_object_set_new(o, "stage", json_string(v->stage));
	json_object_set_new(o, "record", *v->record ? json_string(v->record) : json_null());
	json_object_set_new(o, "title", json_string(v->title));
	json_object_set_new(o, "subject", json_string(v->subject));
	for (i = 0; i < v->nsponsors; i++)
		json_array_append_new(sp, json_string(v->sponsors[i]));
	json_object_set_new(o, "sponsors", sp);
	json_object_set_new(o, "sections", json_integer((json_int_t)v->sections));
	json_object_set_new(o, "change", json_string(v->repealed ? "repealed" : v->notes_only ? "notes" : "text"));
	return o;
}

int cmd_log(int argc, char **argv)
{
	static const struct option opts[] = {CMD_COMMON_OPTIONS, {"format", required_argument, NULL, 'f'}, {0, 0, 0, 0}};
	const char *format = "text", *ord = NULL;
	int json;
	ot_tracker *t = NULL;
	ot_version_list vl = {0};
	ot_buf out = OT_BUF_INIT;
	size_t i;
	int c, rc = OT_EXIT_OK;

	while ((c = cmd_getopt(argc, argv, "h", opts)) != -1) {
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
		json_t *root = json_object(), *arr = json_array();
		json_object_set_new(root, "format", json_string("ordtrack-log/1"));
		for (i = 0; i < vl.n; i++)
			json_array_append_new(arr, version_json(&vl.items[i]));
		json_object_set_new(root, "versions", arr);
		if ((rc = cmd_json_append(&out, root)) != OT_EXIT_OK)
			goto done;
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
