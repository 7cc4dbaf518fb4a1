/*
 * vote.c - `ordtrack vote RECORD --date D --motion TEXT --result pass|fail
 * (--yes NAME… --no NAME… [--abstain …] [--absent …] [--excused …]
 * [--not-voting …] | --roll FILE) [--threshold RULE] [--force REASON]`:
 * record a roll-call vote, then print its tally and roll call.
 *
 * The roll is an array of ot_roll_entry whose names this file allocates;
 * ot_record_vote replaces each name by the member's full name and fills
 * the counts.  A roll file (CSV `name,option`, or an Open Civic Data vote
 * event in JSON, told apart by content: see ot_ocd_vote_sniff) must be
 * complete: ot_roll_check's report is printed here, every problem with
 * FILE:LINE (FILE: votes[N] for JSON), or the option that named it.  An OCD event may supply --motion,
 * --date and --result (motion_text, start_date, result); given both ways
 * they must agree, and its counts must match its votes.  The other
 * checks (closed record, date before the introduction, counts against the
 * threshold) are the library's, made before anything is written.
 *
 * The vote is printed as its tally line and roll call, or as
 * ordtrack-vote/1 JSON (ot_vote_doc).  Also the roll-call printer shared
 * with `status` (cmd_vote_roll_text).
 */
#include <ctype.h>
#include <stdlib.h>
#include <strings.h>

#include "cmd.h"
#include "internal.h"
#include "ordtrack/export.h"
#include "ordtrack/record.h"
#include "ordtrack/record_docs.h"

typedef struct roll {
	ot_roll_entry *items;
	size_t n, cap;
	size_t *lines; /* roll file: the line of each entry (JSON: its index) */
	size_t nlines, lcap;
	int json;      /* the roll came from JSON: an OCD vote event, or
	                  Legistar's votes array (array: its entries are [N]) */
	int array;
	char *motion, *date, *bill; /* what the OCD event said */
	ot_vote_result result;
} roll;

static void roll_release(roll *r)
{
	size_t i;
	for (i = 0; i < r->n; i++)
		free(r->items[i].name);
	free(r->items);
	free(r->lines);
	free(r->motion);
	free(r->date);
	free(r->bill);
	memset(r, 0, sizeof(*r));
}

/* "FILE:LINE" of a CSV entry, "FILE: votes[N]" of an OCD event's or
 * "FILE: [N]" of a Legistar array's into w. */
static const char *where(char *w, size_t size, const roll *r, const char *path, size_t i)
{
	if (r->json)
		snprintf(w, size, "%s: %s[%zu]", path, r->array ? "" : "votes", r->lines[i]);
	else
		snprintf(w, size, "%s:%zu", path, r->lines[i]);
	return w;
}

/* ---- printing (shared with status; the tally line is ot_vote_tally) ------ */

/* Append `word` to a line being wrapped at 78 columns. */
static void wrap_word(ot_buf *out, size_t *col, const char *word, const char *indent, int first)
{
	size_t len = strlen(word);
	if (!first) {
		if (*col + 2 + len > 78) {
			ot_buf_printf(out, ",\n%s    ", indent);
			*col = strlen(indent) + 4;
		} else {
			ot_buf_puts(out, ", ");
			*col += 2;
		}
	}
	ot_buf_puts(out, word);
	*col += len;
}

void cmd_vote_roll_text(ot_buf *out, const ot_vote *v, const char *indent)
{
	static const char *const groups[] = {"yes", "no", "other"};
	size_t g, i, n, col;
	char label[64];
	for (g = 0; g < 3; g++) {
		for (n = 0, i = 0; i < v->nroll; i++)
			n += g < 2 ? v->roll[i].option == (ot_vote_option)g : v->roll[i].option > OT_VOTE_NO;
		if (!n)
			continue;
		snprintf(label, sizeof(label), "%s%s (%zu): ", indent, groups[g], n);
		ot_buf_puts(out, label);
		col = strlen(label);
		for (n = 0, i = 0; i < v->nroll; i++) {
			const ot_roll_entry *e = &v->roll[i];
			if (g < 2 ? e->option != (ot_vote_option)g : e->option <= OT_VOTE_NO)
				continue;
			if (g < 2) {
				wrap_word(out, &col, e->name, indent, n++ == 0);
			} else {
				ot_buf w = OT_BUF_INIT;
				ot_buf_printf(&w, "%s (%s)", e->name, ot_vote_option_label(e->option));
				wrap_word(out, &col, w.ptr, indent, n++ == 0);
				ot_buf_release(&w);
			}
		}
		ot_buf_putc(out, '\n');
	}
}

/* ---- the roll from options ------------------------------------------------ */

/* Add each comma-separated name of `list` with option `opt`.  Returns 0 or
 * OT_EINVALID for an empty name. */
static int add_names(roll *r, const char *list, ot_vote_option opt, const char *optname)
{
	const char *p = list;
	for (;;) {
		const char *end = strchr(p, ','), *a = p, *b;
		if (!end)
			end = p + strlen(p);
		b = end;
		while (a < b && isspace((unsigned char)*a))
			a++;
		while (b > a && isspace((unsigned char)b[-1]))
			b--;
		if (a == b)
			return ot_error_set(OT_EINVALID, "--%s has an empty name in '%s'", optname, list);
		*OT_ARRAY_PUSH(r->items, r->n, r->cap) = (ot_roll_entry){ot_strndup(a, (size_t)(b - a)), opt};
		if (!*end)
			return 0;
		p = end + 1;
	}
}

/* ---- the roll from a file ------------------------------------------------- */

static int read_roll_file(roll *r, const char *path)
{
	ot_buf data = OT_BUF_INIT;
	int err = 0;

	if ((err = cmd_read_file(&data, path)) < 0)
		goto done;
	if (ot_ocd_vote_sniff(data.ptr, data.len)) {
		ot_vote ev;
		size_t i;
		if ((err = ot_ocd_vote_read(&ev, &r->bill, data.ptr, data.len, path)) < 0)
			goto done;
		r->json = 1;
		for (i = 0; i < data.len && (data.ptr[i] != '[' && data.ptr[i] != '{'); i++)
			;
		r->array = i < data.len && data.ptr[i] == '[';
		for (i = 0; i < ev.nroll; i++) {
			*OT_ARRAY_PUSH(r->items, r->n, r->cap) = ev.roll[i]; /* takes the name */
			*OT_ARRAY_PUSH(r->lines, r->nlines, r->lcap) = i;
		}
		free(ev.roll);
		r->motion = ev.motion;
		r->date = ev.date;
		r->result = ev.result;
		goto done;
	}
	err = ot_roll_csv_read(&r->items, &r->lines, &r->n, data.ptr, data.len, path);
	r->cap = r->lcap = r->nlines = r->n;
done:
	ot_buf_release(&data);
	return err;
}

/* Print what ot_roll_check found, each entry's problem at its place in
 * the roll file (path) or under the option that named it.  An exit code. */
static int print_roll_report(const ot_roll_report *rep, const roll *r, const char *path, const char *date)
{
	ot_buf missing = OT_BUF_INIT;
	size_t i, nmissing = 0;
	char w[512], w2[64];
	for (i = 0; i < rep->n; i++) {
		const ot_roll_problem *p = &rep->items[i];
		const ot_roll_entry *e = &r->items[p->entry];
		if (p->kind == OT_ROLL_LEFT_OUT) {
			if (nmissing++ < 5)
				ot_buf_printf(&missing, "%s%s", nmissing > 1 ? ", " : "", p->member->name);
			continue;
		}
		if (path)
			where(w, sizeof(w), r, path, p->entry);
		else
			snprintf(w, sizeof(w), "--%s", e->option == OT_VOTE_NOT_VOTING ? "not-voting"
										: ot_vote_option_names[e->option]);
		if (p->kind == OT_ROLL_NOT_SERVING) {
			cmd_error("%s: '%s' is not a member serving on %s; 'ordtrack member list' shows the council%s", w,
				  e->name, date, path ? "" : " (add one with 'ordtrack member add')");
		} else if (!path) {
			cmd_error("%s appears twice in the roll call (as %s and %s)", p->member->name,
				  ot_vote_option_names[r->items[p->first].option], ot_vote_option_names[e->option]);
		} else {
			if (r->json)
				snprintf(w2, sizeof(w2), "%s[%zu]", r->array ? "" : "votes", r->lines[p->first]);
			else
				snprintf(w2, sizeof(w2), "line %zu", r->lines[p->first]);
			cmd_error("%s: %s is listed twice (first %s%s)", w, p->member->name, r->json ? "as " : "on ", w2);
		}
	}
	if (nmissing)
		cmd_error("%s: the roll call leaves out %zu member%s serving on %s: %s%s; list every member (absent, excused, not-voting if so)",
			  path, nmissing, nmissing == 1 ? "" : "s", date, missing.ptr, nmissing > 5 ? ", …" : "");
	ot_buf_release(&missing);
	return rep->n ? OT_EXIT_ERROR : OT_EXIT_OK;
}

/* The roll checked against the council before the library records it, so
 * that every problem is told with its place (a roll file must be
 * complete).  An exit code. */
static int check_roll(const roll *r, const char *path, ot_tracker *t, const char *date)
{
	ot_members ms = {0};
	ot_roll_report rep = {0};
	int rc;
	if (ot_members_load(&ms, t) < 0)
		return cmd_fail();
	ot_roll_check(&rep, &ms, r->items, r->n, date, path != NULL);
	rc = print_roll_report(&rep, r, path, date);
	ot_roll_report_release(&rep);
	ot_members_release(&ms);
	return rc;
}

/* ---- the command ------------------------------------------------------------ */

/* Fill what the options left out from an OCD vote event read into r, and
 * check that what both give agrees.  An exit code. */
static int take_from_event(ot_vote *v, const roll *r, const char *path, const char *id)
{
	static const char *const what[][2] = {{"--motion", "motion_text"}, {"--date", "start_date"}};
	char **mine[2];
	char *theirs[2];
	size_t i;
	if (!r->json)
		return OT_EXIT_OK;
	if (r->bill && strcmp(r->bill, id) != 0)
		return cmd_error("%s: the vote event is on bill '%s', not on %s", path, r->bill, id);
	mine[0] = &v->motion, theirs[0] = r->motion;
	mine[1] = &v->date, theirs[1] = r->date;
	for (i = 0; i < 2; i++) {
		if (!theirs[i])
			continue;
		if (!*mine[i])
			*mine[i] = theirs[i]; /* borrowed from r, which outlives v's use */
		else if (strcmp(*mine[i], theirs[i]) != 0)
			return cmd_error("%s '%s' disagrees with %s '%s' in %s; give the same or leave %s out",
					 what[i][0], *mine[i], what[i][1], theirs[i], path, what[i][0]);
	}
	if (r->result != OT_RESULT_NONE) {
		if (v->result == OT_RESULT_NONE)
			v->result = r->result;
		else if (v->result != r->result)
			return cmd_error("--result '%s' disagrees with result '%s' in %s; give the same or leave --result out",
					 ot_vote_result_names[v->result], ot_vote_result_names[r->result], path);
	}
	return OT_EXIT_OK;
}

static const cmd_opt vote_opts[] = {
	{"date", 'd', 0, "YYYY-MM-DD", "the date of the vote (required)"},
	{"motion", 'm', 0, "TEXT", "what was voted on (required)"},
	{"result", 'r', 0, "R", "pass or fail (required)"},
	{"yes", '0' + OT_VOTE_YES, 0, "NAME", "members voting yes (a name or a comma-separated list;\n"
	     "repeatable)"},
	{"no", '0' + OT_VOTE_NO, 0, "NAME", "members voting no"},
	{"abstain", '0' + OT_VOTE_ABSTAIN, 0, "NAME", "members abstaining"},
	{"absent", '0' + OT_VOTE_ABSENT, 0, "NAME", "members absent"},
	{"excused", '0' + OT_VOTE_EXCUSED, 0, "NAME", "members excused"},
	{"not-voting", '0' + OT_VOTE_NOT_VOTING, 0, "NAME", "members present and not voting"},
	{"roll", 'R', 0, "FILE", "the roll call as CSV, one member per line: name,option\n"
	     "(quoted fields, a header such as 'name,option' or\n"
	     "'Person Name,Vote', blank lines and # comments\n"
	     "allowed); an Open Civic Data vote event (JSON; its\n"
	     "motion_text, start_date and result stand in for\n"
	     "--motion, --date, --result); or Legistar's votes\n"
	     "array (JSON).  Every serving member must be listed;\n"
	     "vote words as docs/export.md lists them"},
	{"threshold", 't', 0, "RULE", "majority-of-members, majority-present or\n"
	     "two-thirds-of-members: the result is checked against it"},
	{"force", 'f', 0, "REASON", "record a result that contradicts the threshold anyway"},
	{"format", 'F', 0, "F", "text (default) or json"},
	{NULL, 0, 0, NULL, NULL}};

const cmd_spec cmd_spec_vote = {
	"usage: ordtrack vote RECORD --date D --motion TEXT --result pass|fail\n"
	"                     (--yes NAME ... --no NAME ... [--abstain NAME ...]\n"
	"                      [--absent NAME ...] [--excused NAME ...]\n"
	"                      [--not-voting NAME ...] | --roll FILE)\n"
	"                     [--threshold RULE] [--force REASON] [--format text|json]\n"
	"\n"
	"Record a roll call.  Each of --yes, --no, --abstain, --absent, --excused\n"
	"and --not-voting takes one NAME or a comma-separated list, and may be\n"
	"repeated.  Names resolve to the members serving on the date.\n",
	vote_opts,
	NULL,
	0};

int cmd_vote(int argc, char **argv)
{
	const char *roll_file = NULL, *format = "text", *force = NULL, *id, *result = NULL, *threshold = NULL;
	int json;
	ot_vote v;
	roll r = {0};
	ot_tracker *t = NULL;
	ot_buf out = OT_BUF_INIT;
	char commit[41];
	int c, rc = OT_EXIT_OK, named = 0;

	memset(&v, 0, sizeof(v));
	while ((c = cmd_getopt(argc, argv, &cmd_spec_vote)) != -1) {
		switch (c) {
		case 'd': v.date = optarg; break;
		case 'm': v.motion = optarg; break;
		case 'r': result = optarg; break;
		case 'R': roll_file = optarg; break;
		case 't': threshold = optarg; break;
		case 'f': force = optarg; break;
		case 'F': format = optarg; break;
		case 'h': goto done;
		default:
			if (c >= '0' && c < '0' + OT_VOTE_NOPTIONS) {
				ot_vote_option o = (ot_vote_option)(c - '0');
				named = 1;
				if (add_names(&r, optarg, o, o == OT_VOTE_NOT_VOTING ? "not-voting" : ot_vote_option_names[o]) < 0) {
					rc = cmd_usage_error(argv[0], "%s", ot_error_last());
					goto done;
				}
				break;
			}
			rc = OT_EXIT_USAGE;
			goto done;
		}
	}
	if (argc - optind != 1) {
		rc = cmd_usage_error(argv[0], "expected one RECORD");
		goto done;
	}
	id = argv[optind];
	if (result && ot_vote_result_parse(result) < 0) {
		rc = cmd_usage_error(argv[0], "--result takes pass or fail, not '%s'", result);
		goto done;
	}
	if (threshold && ot_threshold_parse(threshold) < 0) {
		rc = cmd_usage_error(argv[0],
				     "--threshold takes majority-of-members, majority-present or two-thirds-of-members, not '%s'",
				     threshold);
		goto done;
	}
	v.result = result ? (ot_vote_result)ot_vote_result_parse(result) : OT_RESULT_NONE;
	v.threshold = threshold ? (ot_threshold)ot_threshold_parse(threshold) : OT_THRESHOLD_NONE;
	if ((json = cmd_format_json(argv[0], format)) < 0) {
		rc = OT_EXIT_USAGE;
		goto done;
	}
	if (roll_file && named) {
		rc = cmd_usage_error(argv[0], "give the roll call either as --yes/--no/… or as --roll FILE, not both");
		goto done;
	}
	if (!roll_file && !named) {
		rc = cmd_usage_error(argv[0], "a vote needs its roll call: --yes NAME --no NAME … or --roll FILE");
		goto done;
	}
	if (v.date && ot_date_parse(NULL, v.date) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (roll_file) {
		/* an OCD vote event may say what the options did not */
		if (read_roll_file(&r, roll_file) < 0) {
			rc = cmd_fail();
			goto done;
		}
		if ((rc = take_from_event(&v, &r, roll_file, id)) != OT_EXIT_OK)
			goto done;
	}
	if (!v.date || !v.motion || v.result == OT_RESULT_NONE) {
		if (r.json)
			rc = cmd_usage_error(argv[0],
					     "vote needs --date, --motion and --result (the vote event in '%s' does not give them all)",
					     roll_file);
		else
			rc = cmd_usage_error(argv[0], "vote needs --date, --motion and --result");
		goto done;
	}
	if (cmd_open_tracker(&t) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if ((rc = check_roll(&r, roll_file, t, v.date)) != OT_EXIT_OK)
		goto done;
	/* the library takes over the names (it replaces them by full names) */
	v.roll = r.items;
	v.nroll = r.n;
	v.cap = r.cap;
	v.forced = force ? ot_strdup(force) : NULL;
	if (ot_record_vote(commit, t, id, &v, force != NULL) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (json) {
		ot_vote_doc(&out, id, commit, &v);
	} else {
		ot_vote_tally(&out, &v);
		ot_buf_putc(&out, '\n');
		if (v.forced)
			ot_buf_printf(&out, "recorded with --force: %s\n", v.forced);
		cmd_vote_roll_text(&out, &v, "");
	}
	rc = cmd_write_stdout(&out);
done:
	if (v.roll) {
		/* names may have been replaced by the library; the array is ours */
		r.items = v.roll;
		r.n = v.nroll;
	}
	free(v.forced);
	roll_release(&r);
	ot_buf_release(&out);
	ot_tracker_free(t);
	return rc;
}
