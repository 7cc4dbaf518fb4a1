/*
 * blame.c - `ordtrack blame ORD[@REV]`: for every clause of the text, the
 * version and record that last changed it, with its passage date and
 * tally (from the vote that stands, latest by date, when it passed; else
 * the record's last passing vote, when one is recorded).
 */
#include <jansson.h>
#include <stdlib.h>

#include "cmd.h"
#include "internal.h"
#include "ordtrack/query.h"
#include "ordtrack/record.h"
#include "ordtrack/rev.h"

/* Tallies of the records met so far: a record's last passing vote. */
typedef struct tally_cache {
	struct tally_entry {
		char *record;
		char *tally; /* "41-8", or NULL when no passing vote is recorded */
	} *items;
	size_t n, cap;
} tally_cache;

static const char *tally_of(tally_cache *cache, ot_tracker *t, const char *id)
{
	struct tally_entry *e;
	ot_record r;
	size_t i;
	for (i = 0; i < cache->n; i++)
		if (strcmp(cache->items[i].record, id) == 0)
			return cache->items[i].tally;
	e = OT_ARRAY_PUSH(cache->items, cache->n, cache->cap);
	e->record = ot_strdup(id);
	e->tally = NULL;
	if (ot_record_load(&r, NULL, t, id) == 0) {
		/* the vote that stands (latest by date) when it passed, else
		 * the passing vote recorded last */
		const ot_vote *v = ot_record_last_vote(&r);
		for (i = r.nvotes; (!v || v->result != OT_RESULT_PASS) && i > 0; i--)
			v = &r.votes[i - 1];
		if (v && v->result == OT_RESULT_PASS) {
			char buf[64];
			snprintf(buf, sizeof(buf), "%zu-%zu", v->counts[OT_VOTE_YES], v->counts[OT_VOTE_NO]);
			e->tally = ot_strdup(buf);
		}
		ot_record_release(&r);
	}
	ot_error_clear();
	return e->tally;
}

int cmd_blame(int argc, char **argv)
{
	static const struct option opts[] = {CMD_COMMON_OPTIONS, {"format", required_argument, NULL, 'f'}, {0, 0, 0, 0}};
	const char *format = "text";
	int json;
	ot_tracker *t = NULL;
	ot_rev rev = {0};
	ot_blame b = {0};
	ot_buf out = OT_BUF_INIT;
	tally_cache cache = {0};
	size_t i;
	json_t *root = NULL, *arr = NULL;
	int c, rc;

	while ((c = cmd_getopt(argc, argv, "h", opts)) != -1) {
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
	if (ot_rev_require_text(&rev, "blame", NULL, "blames") < 0 || ot_query_blame(&b, t, rev.ordinance, rev.number) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (json) {
		root = json_object();
		arr = json_array();
		json_object_set_new(root, "format", json_string("ordtrack-blame/1"));
		json_object_set_new(root, "ordinance", json_string(rev.ordinance));
		json_object_set_new(root, "version", json_integer(rev.number));
	}
	for (i = 0; i < b.n; i++) {
		const ot_blame_line *l = &b.items[i];
		const char *tally = *l->version.record ? tally_of(&cache, t, l->version.record) : NULL;
		if (arr) {
			json_t *o = json_object();
			json_object_set_new(o, "id", json_string(l->id));
			json_object_set_new(o, "kind", json_string(l->kind));
			json_object_set_new(o, "version", json_integer(l->version.number));
			json_object_set_new(o, "commit", json_string(l->version.commit));
			json_object_set_new(o, "date", json_string(l->version.date));
			json_object_set_new(o, "stage", json_string(l->version.stage));
			json_object_set_new(o, "record", *l->version.record ? json_string(l->version.record) : json_null());
			json_object_set_new(o, "tally", tally ? json_string(tally) : json_null());
			json_object_set_new(o, "text", json_string(l->text));
			json_array_append_new(arr, o);
		} else {
			char who[96];
			snprintf(who, sizeof(who), "%s%s%s%s", *l->version.record ? l->version.record : "-",
				 tally ? " (" : "", tally ? tally : "", tally ? ")" : "");
			ot_buf_printf(&out, "%-22s %s@%-3d %s  %-20s %s\n", l->id, rev.ordinance, l->version.number,
				      l->version.date, who, l->text);
		}
	}
	if (root) {
		json_object_set_new(root, "clauses", arr);
		rc = cmd_json_append(&out, root);
		root = NULL;
		if (rc != OT_EXIT_OK)
			goto done;
	}
	rc = cmd_write_stdout(&out);
done:
	json_decref(root);
	for (i = 0; i < cache.n; i++) {
		free(cache.items[i].record);
		free(cache.items[i].tally);
	}
	free(cache.items);
	ot_buf_release(&out);
	ot_blame_release(&b);
	ot_rev_release(&rev);
	ot_tracker_free(t);
	return rc;
}
