/*
 * votes.c - `ordtrack votes --member NAME [--format json]`: every roll call
 * a member was on (date, record, motion, option, result), oldest first.
 *
 * NAME resolves among all members, whatever their terms, by full name or
 * by last word when that is unique (as roll calls do); the roll calls hold
 * full names, so the votes are those under the resolved name.
 */
#include <jansson.h>
#include <stdlib.h>
#include <strings.h>

#include "cmd.h"
#include "internal.h"
#include "ordtrack/record.h"

typedef struct cast {
	const char *date, *record, *motion;
	ot_vote_result result;
	ot_vote_option option;
} cast;

static int cast_cmp(const void *pa, const void *pb)
{
	const cast *a = pa, *b = pb;
	int c = strcmp(a->date, b->date);
	return c ? c : strcmp(a->record, b->record);
}

/* The member's full name, or NULL with an error message. */
static const char *resolve(const ot_members *ms, const char *name)
{
	const char *hit = NULL;
	size_t i;
	for (i = 0; i < ms->n; i++)
		if (strcasecmp(ms->items[i].name, name) == 0)
			return ms->items[i].name;
	for (i = 0; i < ms->n; i++) {
		const char *sp = strrchr(ms->items[i].name, ' ');
		if (sp && strcasecmp(sp + 1, name) == 0) {
			if (hit && strcmp(hit, ms->items[i].name) != 0) {
				ot_error_set(OT_EINVALID, "'%s' could be %s or %s; give the full name", name, hit,
					     ms->items[i].name);
				return NULL;
			}
			hit = ms->items[i].name;
		}
	}
	if (!hit)
		ot_error_set(OT_ENOTFOUND, "unknown member '%s'; 'ordtrack member list' shows the council", name);
	return hit;
}

int cmd_votes(int argc, char **argv)
{
	static const struct option opts[] = {CMD_COMMON_OPTIONS,
					     {"member", required_argument, NULL, 'm'},
					     {"format", required_argument, NULL, 'F'},
					     {0, 0, 0, 0}};
	const char *member = NULL, *format = "text", *full;
	int json;
	ot_tracker *t = NULL;
	ot_members ms = {0};
	ot_record *rs = NULL;
	cast *cs = NULL;
	char **ids = NULL;
	size_t nids = 0, nrs = 0, ncs = 0, ccap = 0, i, j, k;
	ot_buf out = OT_BUF_INIT;
	int c, rc = OT_EXIT_OK;

	while ((c = cmd_getopt(argc, argv, "h", opts)) != -1) {
		switch (c) {
		case 'm': member = optarg; break;
		case 'F': format = optarg; break;
		case 'h': return OT_EXIT_OK;
		default: return OT_EXIT_USAGE;
		}
	}
	if ((json = cmd_format_json(argv[0], format)) < 0)
		return OT_EXIT_USAGE;
	if (!member || argc - optind != 0)
		return cmd_usage_error(argv[0], "expected --member NAME");
	if (cmd_open_tracker(&t) < 0 || ot_members_load(&ms, t) < 0 || !(full = resolve(&ms, member)) ||
	    ot_record_list(&ids, &nids, t) < 0) {
		rc = cmd_fail();
		goto done;
	}
	rs = ot_calloc(nids ? nids : 1, sizeof(*rs));
	for (i = 0; i < nids; i++, nrs++) {
		if (ot_record_load(&rs[i], NULL, t, ids[i]) < 0) {
			rc = cmd_fail();
			goto done;
		}
		for (j = 0; j < rs[i].nvotes; j++) {
			const ot_vote *v = &rs[i].votes[j];
			for (k = 0; k < v->nroll; k++)
				if (strcmp(v->roll[k].name, full) == 0)
					*OT_ARRAY_PUSH(cs, ncs, ccap) =
						(cast){v->date, rs[i].id, v->motion, v->result, v->roll[k].option};
		}
	}
	if (ncs)
		qsort(cs, ncs, sizeof(*cs), cast_cmp);
	if (json) {
		json_t *root = json_object(), *arr = json_array();
		json_object_set_new(root, "format", json_string("ordtrack-votes/1"));
		json_object_set_new(root, "member", json_string(full));
		for (i = 0; i < ncs; i++) {
			json_t *o = json_object();
			json_object_set_new(o, "date", json_string(cs[i].date));
			json_object_set_new(o, "record", json_string(cs[i].record));
			json_object_set_new(o, "motion", json_string(cs[i].motion));
			json_object_set_new(o, "option", json_string(ot_vote_option_names[cs[i].option]));
			json_object_set_new(o, "result", json_string(ot_vote_result_names[cs[i].result]));
			json_array_append_new(arr, o);
		}
		json_object_set_new(root, "votes", arr);
		rc = cmd_print_json(root);
		goto done;
	}
	if (!ncs)
		fprintf(stderr, "ordtrack: %s is on no roll call yet\n", full);
	for (i = 0; i < ncs; i++)
		ot_buf_printf(&out, "%s  %-12s %-10s %-6s  %s\n", cs[i].date, cs[i].record,
			      ot_vote_option_names[cs[i].option], cs[i].result == OT_RESULT_PASS ? "passed" : "failed",
			      cs[i].motion);
	rc = cmd_write_stdout(&out);
done:
	free(cs);
	for (i = 0; i < nrs; i++)
		ot_record_release(&rs[i]);
	free(rs);
	for (i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	ot_members_release(&ms);
	ot_buf_release(&out);
	ot_tracker_free(t);
	return rc;
}
