/*
 * status.c - `ordtrack status RECORD [--format json]`: everything about one
 * record: title, type, status, sponsors; the timeline of actions, text
 * versions and votes in date order (each vote with its tally and roll call
 * grouped yes / no / other); the clauses it changes (per ordinance, the
 * diff from the record's base to the head of its branch, rendered as
 * `ordtrack diff` renders it); and, while it is pending, the pending
 * records that touch the same clauses (as `ordtrack conflicts`).
 *
 * The text is rendered here; the JSON, ordtrack-status/1, is the
 * library's (ot_status_doc), given what this command loaded.  The
 * timeline (ot_record_timeline) is an array of small entries pointing
 * into the loaded record (borrowed), sorted by date; on one date,
 * actions and versions come first, then votes, then the closing action
 * (passage, failure, withdrawal), each group in recorded order.
 */
#include <stdlib.h>

#include "cmd.h"
#include "ordtrack/record.h"
#include "ordtrack/record_docs.h"

static void join(ot_buf *out, char *const *v, size_t n, const char *sep)
{
	size_t i;
	for (i = 0; i < n; i++)
		ot_buf_printf(out, "%s%s", i ? sep : "", v[i]);
}

/* The record's changes to each ordinance as `ordtrack diff` prints them
 * (the ordinance named first when there are several).  0, or a library
 * error code with a message. */
static int changes_text(ot_buf *out, ot_tracker *t, const ot_record *r, const char *head, int color)
{
	size_t i;
	int err = 0;
	for (i = 0; i < r->nordinances && err == 0; i++) {
		if (r->nordinances > 1)
			ot_buf_printf(out, "%s:\n", r->ordinances[i]);
		err = ot_record_render_diff(out, t, r, head, r->ordinances[i], OT_FORMAT_TEXT, color);
	}
	return err;
}

/* Everything about r, for people: facts, timeline, changes (coloured with
 * `color`) and, while pending, the conflicts c.  0, or a library error
 * code with a message. */
static int status_text(ot_buf *out, ot_tracker *t, const ot_record *r, const char *head,
		       const ot_record_conflicts *c, int color)
{
	ot_record_event *ev;
	size_t nev, i, j;
	int err;
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
	if (r->nordinances)
		join(out, r->ordinances, r->nordinances, ", ");
	else
		ot_buf_puts(out, "none (changes no text of the code)");
	if (r->source)
		ot_buf_printf(out, "\nsource:      %s", r->source);
	for (i = 0; i < r->nlinks; i++)
		ot_buf_printf(out, "\n%-12s %s %s%s%s%s", i ? "" : "links:", ot_link_kind_names[r->links[i].kind],
			      r->links[i].url, r->links[i].note ? " (" : "", r->links[i].note ? r->links[i].note : "",
			      r->links[i].note ? ")" : "");

	ot_buf_printf(out, "\nintroduced:  %s, based on main at %.12s (head %.12s)\n", r->introduced, r->base, head);
	ot_buf_puts(out, "\ntimeline:\n");
	ev = ot_record_timeline(r, &nev);
	for (i = 0; i < nev; i++) {
		if (ev[i].kind == OT_EVENT_VERSION && ev[i].index == 0)
			continue; /* the text as introduced: the introduction itself */
		if (ev[i].kind == OT_EVENT_VOTE) {
			const ot_vote *v = &r->votes[ev[i].index];
			ot_buf_printf(out, "  %s  vote on %s: ", v->date, v->motion);
			ot_vote_tally(out, v);
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
	free(ev);
	ot_buf_puts(out, "\nchanges:\n");
	if ((err = changes_text(out, t, r, head, color)) < 0)
		return err;
	if (r->status != OT_STATUS_PENDING)
		return 0;
	ot_buf_puts(out, "\nconflicts with pending records:");
	if (!c->n)
		ot_buf_puts(out, " none");
	ot_buf_putc(out, '\n');
	for (i = 0; i < c->n; i++) {
		const ot_record_conflict *x = &c->items[i];
		ot_buf_printf(out, "  %s:", strcmp(x->a, r->id) == 0 ? x->b : x->a);
		for (j = 0; j < x->n; j++)
			ot_buf_printf(out, "%s %s", j ? "," : "", x->ids[j]);
		ot_buf_putc(out, '\n');
	}
	return 0;
}

static const cmd_opt status_opts[] = {
	{"format", 'F', 0, "F", "text (default) or json (ordtrack-status/1)"},
	{NULL, 0, 0, NULL, NULL}};

const cmd_spec cmd_spec_status = {
	"usage: ordtrack status RECORD [--format text|json]\n"
	"\n"
	"Title, type, status and sponsors of RECORD; its actions and votes in\n"
	"date order with each vote's tally and roll call; the clauses it changes\n"
	"(its text against the code it was based on); and, while pending, the\n"
	"pending records that change the same clauses.\n",
	status_opts,
	NULL,
	0};

int cmd_status(int argc, char **argv)
{
	const char *format = "text";
	int json;
	ot_tracker *t = NULL;
	ot_record r;
	ot_record_conflicts found = {0};
	ot_buf out = OT_BUF_INIT;
	char head[41];
	int c, rc = OT_EXIT_OK, err;

	memset(&r, 0, sizeof(r));
	while ((c = cmd_getopt(argc, argv, &cmd_spec_status)) != -1) {
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
	if (json)
		err = ot_status_doc(&out, t, &r, head, &found);
	else
		err = status_text(&out, t, &r, head, &found, cmd_color_mode("auto") > 0);
	rc = err < 0 ? cmd_fail() : cmd_write_stdout(&out);
done:
	ot_record_conflicts_release(&found);
	ot_record_release(&r);
	ot_buf_release(&out);
	ot_tracker_free(t);
	return rc;
}
