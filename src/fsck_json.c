/*
 * fsck_json.c - the ordtrack-fsck/1 document of an integrity report
 * (ordtrack/fsck_json.h), beside the checks of fsck.c.
 *
 * A jansson tree built in the documented key order and appended once by
 * ot_json_append; every json_t belongs to its parent once set, so only
 * the root is released (by ot_json_append).  The report is only read.
 */
#include <jansson.h>

#include "jsonutil.h"
#include "ordtrack/fsck_json.h"

static json_t *problems_json(const ot_fsck_problems *p)
{
	json_t *a = json_array();
	size_t i;
	for (i = 0; i < p->n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "kind", json_string(ot_fsck_kind_name(p->items[i].kind)));
		json_object_set_new(o, "where", json_string(p->items[i].where));
		json_object_set_new(o, "message", json_string(p->items[i].message));
		json_array_append_new(a, o);
	}
	return a;
}

void ot_fsck_report_doc(ot_buf *out, const ot_fsck_report *r, int repair)
{
	json_t *root = json_object(), *checked = json_object();
	json_object_set_new(root, "format", json_string("ordtrack-fsck/1"));
	json_object_set_new(root, "clean", json_boolean(r->problems.n == 0));
	json_object_set_new(checked, "refs", json_integer((json_int_t)r->refs));
	json_object_set_new(checked, "commits", json_integer((json_int_t)r->commits));
	json_object_set_new(checked, "trees", json_integer((json_int_t)r->trees));
	json_object_set_new(checked, "blobs", json_integer((json_int_t)r->blobs));
	json_object_set_new(checked, "sections", json_integer((json_int_t)r->sections));
	json_object_set_new(checked, "records", json_integer((json_int_t)r->records));
	json_object_set_new(checked, "lock_files", json_integer((json_int_t)r->lock_files));
	json_object_set_new(checked, "index_tables", json_integer((json_int_t)r->index_tables));
	json_object_set_new(checked, "index_rows", json_integer((json_int_t)r->index_rows));
	json_object_set_new(root, "checked", checked);
	json_object_set_new(root, "problems", problems_json(&r->problems));
	if (repair) {
		json_object_set_new(root, "found_before_repair", problems_json(&r->found));
		json_object_set_new(root, "repairs", ot_json_strv(r->repairs, r->nrepairs));
	}
	ot_json_append(out, root);
}
