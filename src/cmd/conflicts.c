/*
 * conflicts.c - `ordtrack conflicts [--format json]`: every pair of pending
 * records whose changes touch the same clause.
 *
 * A record's changes are, per ordinance, the diff from its base (main when
 * it was introduced) to the head of its branch; the clauses it touches are
 * ot_diff_touched of that diff.  Two records conflict when they touch the
 * same (ordinance, clause id).  Records based on different main commits
 * are compared by those ids as they are (a renumbering on main in between
 * is not followed).  Each record's touched set is computed once.
 *
 * Also the helpers `status` shares: cmd_record_diff, cmd_conflicts_find.
 */
#include <jansson.h>
#include <stdlib.h>

#include "cmd.h"
#include "internal.h"
#include "ordtrack/merge.h"
#include "ordtrack/record.h"
#include "ordtrack/store.h"

int cmd_record_diff(ot_diff **out, ot_doc **old_out, ot_doc **new_out, ot_tracker *t, const ot_record *r,
		    const char *head, const char *ord)
{
	return ot_store_diff(out, old_out, new_out, t, r->base, ord, head, ord);
}

/* What one pending record touches: parallel lists of ordinance and id. */
typedef struct touched {
	char *id;
	char **ords, **ids;
	size_t n, cap, icap;
} touched;

static void touched_release(touched *x)
{
	size_t i;
	for (i = 0; i < x->n; i++) {
		free(x->ords[i]);
		free(x->ids[i]);
	}
	free(x->ords);
	free(x->ids);
	free(x->id);
}

static int record_touched(touched *x, ot_tracker *t, const char *id)
{
	ot_record r;
	char head[41];
	size_t i, j, nids = 0;
	int err;

	memset(x, 0, sizeof(*x));
	x->id = ot_strdup(id);
	if ((err = ot_record_load(&r, head, t, id)) < 0)
		return err;
	if (r.status != OT_STATUS_PENDING) {
		ot_record_release(&r);
		return 1; /* not pending: ignored */
	}
	for (i = 0; i < r.nordinances && err == 0; i++) {
		ot_diff *d = NULL;
		char **ids = NULL;
		if ((err = cmd_record_diff(&d, NULL, NULL, t, &r, head, r.ordinances[i])) == 0 &&
		    (err = ot_diff_touched(&ids, &nids, d)) == 0) {
			for (j = 0; j < nids; j++) {
				size_t k = x->n;
				*OT_ARRAY_PUSH(x->ids, k, x->icap) = ids[j];
				*OT_ARRAY_PUSH(x->ords, x->n, x->cap) = ot_strdup(r.ordinances[i]);
			}
			free(ids);
		}
		ot_diff_free(d);
	}
	ot_record_release(&r);
	return err;
}

void cmd_conflicts_free(cmd_conflict *c, size_t n)
{
	size_t i, j;
	for (i = 0; i < n; i++) {
		free(c[i].a);
		free(c[i].b);
		for (j = 0; j < c[i].n; j++) {
			free(c[i].ords[j]);
			free(c[i].ids[j]);
		}
		free(c[i].ords);
		free(c[i].ids);
	}
	free(c);
}

int cmd_conflicts_find(cmd_conflict **out, size_t *n, ot_tracker *t, const char *only)
{
	char **ids = NULL;
	size_t nids = 0, i, j, k, l, cap = 0;
	touched *xs = NULL;
	size_t nx = 0, xcap = 0;
	int err;

	*out = NULL;
	*n = 0;
	if ((err = ot_record_list(&ids, &nids, t)) < 0)
		return err;
	for (i = 0; i < nids; i++) {
		touched x;
		err = record_touched(&x, t, ids[i]);
		if (err < 0) {
			touched_release(&x);
			goto done;
		}
		if (err == 1) {
			touched_release(&x);
			continue;
		}
		*OT_ARRAY_PUSH(xs, nx, xcap) = x;
	}
	err = 0;
	/* ids come sorted from ot_record_list, so a < b in every pair */
	for (i = 0; i < nx; i++)
		for (j = i + 1; j < nx; j++) {
			cmd_conflict c = {0};
			size_t ccap = 0, ocap = 0;
			if (only && strcmp(xs[i].id, only) && strcmp(xs[j].id, only))
				continue;
			for (k = 0; k < xs[i].n; k++)
				for (l = 0; l < xs[j].n; l++)
					if (strcmp(xs[i].ids[k], xs[j].ids[l]) == 0 &&
					    strcmp(xs[i].ords[k], xs[j].ords[l]) == 0) {
						size_t m = c.n;
						*OT_ARRAY_PUSH(c.ords, m, ocap) = ot_strdup(xs[i].ords[k]);
						*OT_ARRAY_PUSH(c.ids, c.n, ccap) = ot_strdup(xs[i].ids[k]);
						break;
					}
			if (!c.n)
				continue;
			c.a = ot_strdup(xs[i].id);
			c.b = ot_strdup(xs[j].id);
			*OT_ARRAY_PUSH(*out, *n, cap) = c;
		}
done:
	for (i = 0; i < nx; i++)
		touched_release(&xs[i]);
	free(xs);
	for (i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	if (err < 0) {
		cmd_conflicts_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return err;
}

int cmd_conflicts(int argc, char **argv)
{
	static const struct option opts[] = {CMD_COMMON_OPTIONS, {"format", required_argument, NULL, 'F'}, {0, 0, 0, 0}};
	const char *format = "text";
	cmd_conflict *cs = NULL;
	size_t ncs = 0, i, j;
	ot_tracker *t = NULL;
	ot_buf out = OT_BUF_INIT;
	int c, rc = OT_EXIT_OK;

	while ((c = cmd_getopt(argc, argv, "h", opts)) != -1) {
		if (c == 'F')
			format = optarg;
		else
			return c == 'h' ? OT_EXIT_OK : OT_EXIT_USAGE;
	}
	if (strcmp(format, "text") && strcmp(format, "json"))
		return cmd_usage_error(argv[0], "unknown format '%s'; use text or json", format);
	if (argc - optind != 0)
		return cmd_usage_error(argv[0], "conflicts takes no arguments");
	if (cmd_open_tracker(&t) < 0 || cmd_conflicts_find(&cs, &ncs, t, NULL) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (strcmp(format, "json") == 0) {
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
	cmd_conflicts_free(cs, ncs);
	ot_buf_release(&out);
	ot_tracker_free(t);
	return rc;
}
