/*
 * status.c - `ordtrack status RECORD [--format json]`: everything about one
 * record: title, type, status, sponsors; the timeline of actions, text
 * versions and votes in date order (each vote with its tally and roll call
 * grouped yes / no / other); the clauses it changes (per ordinance, the
 * diff from the record's base to the head of its branch, rendered as
 * `ordtrack diff` renders it); and, while it is pending, the pending
 * records that touch the same clauses (as `ordtrack conflicts`).
 *
 * The timeline is an array of small entries pointing into the loaded
 * record (borrowed), sorted by date; on one date, actions and versions
 * come first, then votes, then the closing action (passage, failure,
 * withdrawal), each group in recorded order.
 */
#include <jansson.h>
#include <stdlib.h>

#include "cmd.h"
#include "internal.h"
#include "jsonutil.h"
#include "ordtrack/record.h"

static void join(ot_buf *out, char *const *v, size_t n, const char *sep)
{
	size_t i;
	for (i = 0; i < n; i++)
		ot_buf_printf(out, "%s%s", i ? sep : "", v[i]);
}

/* Render the record's changes to each ordinance in `fmt` (text or json);
 * for json, each rendering is parsed back and appended to `arr`. */
static int render_changes(ot_buf *out, json_t *arr, ot_tracker *t, const ot_record *r, const char *head,
			  ot_format fmt, int color)
{
	char from[300], to[300];
	size_t i;
	int err = 0;
	snprintf(from, sizeof(from), "%s@base", r->id);
	snprintf(to, sizeof(to), "%s", r->id);
	for (i = 0; i < r->nordinances && err == 0; i++) {
		ot_diff *d = NULL;
		ot_doc *a = NULL, *b = NULL;
		ot_diff_render_opts ro;
		ot_buf one = OT_BUF_INIT;
		memset(&ro, 0, sizeof(ro));
		ro.from_rev = from;
		ro.to_rev = to;
		ro.from_commit = r->base;
		ro.to_commit = head;
		ro.color = color;
		if ((err = ot_record_diff(&d, &a, &b, t, r, head, r->ordinances[i])) == 0) {
			ro.old_doc = a;
			ro.new_doc = b;
			err = ot_render_diff(&one, d, fmt, &ro);
		}
		if (err == 0 && arr) {
			json_error_t je;
			json_t *o = json_object(), *diff = json_loadb(one.ptr, one.len, 0, &je);
			if (!diff) {
				json_decref(o);
				err = ot_error_set(-1, "internal: the diff renderer gave invalid JSON: %s", je.text);
			} else {
				json_object_set_new(o, "ordinance", json_string(r->ordinances[i]));
				json_object_set_new(o, "diff", diff);
				json_array_append_new(arr, o);
			}
		} else if (err == 0) {
			if (r->nordinances > 1)
				ot_buf_printf(out, "%s:\n", r->ordinances[i]);
			ot_buf_put(out, one.ptr, one.len);
		}
		ot_buf_release(&one);
		ot_diff_free(d);
		ot_doc_free(a);
		ot_doc_free(b);
	}
	return err;
}

static json_t *conflicts_json(const ot_record_conflict *cs, size_t n, const char *id)
{
	json_t *arr = json_array();
	size_t i, j;
	for (i = 0; i < n; i++) {
		json_t *o = json_object(), *cl = json_array();
		json_object_set_new(o, "record", json_string(strcmp(cs[i].a, id) == 0 ? cs[i].b : cs[i].a));
		for (j = 0; j < cs[i].n; j++) {
			json_t *x = json_object();
			json_object_set_new(x, "ordinance", json_string(cs[i].ords[j]));
			json_object_set_new(x, "id", json_string(cs[i].ids[j]));
			json_array_append_new(cl, x);
		}
		json_object_set_new(o, "clauses", cl);
		json_array_append_new(arr, o);
	}
	return arr;
}

static int status_json(ot_tracker *t, const ot_record *r, const char *head, const ot_record_event *ev, size_t nev,
		       const ot_record_conflict *cs, size_t ncs)
{
	json_t *root = json_object(), *rec = ot_json_record_facts(r), *tl = json_array(), *changes = json_array();
	size_t i;
	json_object_set_new(root, "format", json_string("ordtrack-status/1"));
	json_object_set_new(rec, "base", json_string(r->base));
	json_object_set_new(rec, "head", json_string(head));
	json_object_set_new(rec, "versions", json_integer((json_int_t)r->nversions));
	json_object_set_new(root, "record", rec);
	for (i = 0; i < nev; i++) {
		json_t *o;
		if (ev[i].kind == OT_EVENT_VERSION && ev[i].index == 0)
			continue; /* the text as introduced: the introduction itself */
		if (ev[i].kind == OT_EVENT_VOTE) {
			o = json_object();
			json_object_set_new(o, "kind", json_string("vote"));
			{
				json_t *vj = cmd_vote_json(&r->votes[ev[i].index]);
				json_object_update(o, vj); /* copies the keys after "kind" */
				json_decref(vj);
			}
		} else if (ev[i].kind == OT_EVENT_VERSION) {
			const ot_record_version *v = &r->versions[ev[i].index];
			o = json_object();
			json_object_set_new(o, "kind", json_string("version"));
			json_object_set_new(o, "date", json_string(v->date));
			json_object_set_new(o, "version", json_integer(v->number));
			json_object_set_new(o, "stage", json_string(ot_stage_names[v->stage]));
		} else {
			const ot_action *a = &r->actions[ev[i].index];
			o = json_object();
			json_object_set_new(o, "kind", json_string("action"));
			json_object_set_new(o, "date", json_string(a->date));
			json_object_set_new(o, "type", json_string(ot_action_type_names[a->type]));
			json_object_set_new(o, "body", ot_json_str_or_null(a->body));
			json_object_set_new(o, "text", ot_json_str_or_null(a->text));
		}
		json_array_append_new(tl, o);
	}
	json_object_set_new(root, "timeline", tl);
	if (render_changes(NULL, changes, t, r, head, OT_FORMAT_JSON, 0) < 0) {
		json_decref(changes);
		json_decref(root);
		return cmd_fail();
	}
	json_object_set_new(root, "changes", changes);
	json_object_set_new(root, "conflicts", conflicts_json(cs, ncs, r->id));
	return cmd_print_json(root);
}

static void status_text(ot_buf *out, const ot_record *r, const char *head, const ot_record_event *ev, size_t nev)
{
	size_t i;
	ot_buf_printf(out, "%s: %s\n", r->id, r->title);
	ot_buf_printf(out, "type:        %s\n", ot_record_type_names[r->type]);
	ot_buf_printf(out, "status:      %s", ot_status_names[r->status]);
	if (r->closed)
		ot_buf_printf(out, " on %s", r->closed);
	if (r->effective)
		ot_buf_printf(out, ", effective %s", r->effective);
	ot_buf_printf(out, "\nsponsors:    ");
	join(out, r->sponsors, r->nsponsors, "; ");
	ot_buf_printf(out, "\nordinances:  ");
	join(out, r->ordinances, r->nordinances, ", ");
	ot_buf_printf(out, "\nintroduced:  %s, based on main at %.12s (head %.12s)\n", r->introduced, r->base, head);
	ot_buf_puts(out, "\ntimeline:\n");
	for (i = 0; i < nev; i++) {
		if (ev[i].kind == OT_EVENT_VERSION && ev[i].index == 0)
			continue; /* the text as introduced: the introduction itself */
		if (ev[i].kind == OT_EVENT_VOTE) {
			const ot_vote *v = &r->votes[ev[i].index];
			ot_buf_printf(out, "  %s  vote on %s: ", v->date, v->motion);
			cmd_vote_tally(out, v);
			if (v->threshold != OT_THRESHOLD_NONE)
				ot_buf_printf(out, " [%s]", ot_threshold_names[v->threshold]);
			ot_buf_putc(out, '\n');
			if (v->forced)
				ot_buf_printf(out, "              recorded with --force: %s\n", v->forced);
			cmd_vote_roll_text(out, v, "              ");
		} else if (ev[i].kind == OT_EVENT_VERSION) {
			const ot_record_version *v = &r->versions[ev[i].index];
			ot_buf_printf(out, "  %s  text version %d (%s)\n", v->date, v->number, ot_stage_names[v->stage]);
		} else {
			const ot_action *a = &r->actions[ev[i].index];
			ot_buf_printf(out, "  %s  %s", a->date, ot_action_type_names[a->type]);
			if (a->body)
				ot_buf_printf(out, " by %s", a->body);
			if (a->text)
				ot_buf_printf(out, ": %s", a->text);
			ot_buf_putc(out, '\n');
		}
	}
	ot_buf_puts(out, "\nchanges:\n");
}

int cmd_status(int argc, char **argv)
{
	static const struct option opts[] = {CMD_COMMON_OPTIONS, {"format", required_argument, NULL, 'F'}, {0, 0, 0, 0}};
	const char *format = "text";
	int json;
	ot_tracker *t = NULL;
	ot_record r;
	ot_record_event *ev = NULL;
	ot_record_conflicts found = {0};
	const ot_record_conflict *cs;
	size_t nev = 0, ncs, i, j;
	ot_buf out = OT_BUF_INIT;
	char head[41];
	int c, rc = OT_EXIT_OK, color;

	memset(&r, 0, sizeof(r));
	while ((c = cmd_getopt(argc, argv, "h", opts)) != -1) {
		if (c == 'F')
			format = optarg;
		else
			return c == 'h' ? OT_EXIT_OK : OT_EXIT_USAGE;
	}
	if ((json = cmd_format_json(argv[0], format)) < 0)
		return OT_EXIT_USAGE;
	if (argc - optind != 1)
		return cmd_usage_error(argv[0], "expected one RECORD");
	if (cmd_open_tracker(&t) < 0 || ot_record_load(&r, head, t, argv[optind]) < 0 ||
	    (r.status == OT_STATUS_PENDING && ot_record_conflicts_find(&found, t, r.id) < 0)) {
		rc = cmd_fail();
		goto done;
	}
	cs = found.items;
	ncs = found.n;
	ev = ot_record_timeline(&r, &nev);
	if (json) {
		rc = status_json(t, &r, head, ev, nev, cs, ncs);
		goto done;
	}
	status_text(&out, &r, head, ev, nev);
	color = cmd_color_mode("auto");
	if (render_changes(&out, NULL, t, &r, head, OT_FORMAT_TEXT, color > 0) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (r.status == OT_STATUS_PENDING) {
		ot_buf_puts(&out, "\nconflicts with pending records:");
		if (!ncs)
			ot_buf_puts(&out, " none");
		ot_buf_putc(&out, '\n');
		for (i = 0; i < ncs; i++) {
			ot_buf_printf(&out, "  %s:", strcmp(cs[i].a, r.id) == 0 ? cs[i].b : cs[i].a);
			for (j = 0; j < cs[i].n; j++)
				ot_buf_printf(&out, "%s %s", j ? "," : "", cs[i].ids[j]);
			ot_buf_putc(&out, '\n');
		}
	}
	rc = cmd_write_stdout(&out);
done:
	free(ev);
	ot_record_conflicts_release(&found);
	ot_record_release(&r);
	ot_buf_release(&out);
	ot_tracker_free(t);
	return rc;
}
