/*
 * vote.c - `ordtrack vote RECORD --date D --motion TEXT --result pass|fail
 * (--yes NAME… --no NAME… [--abstain …] [--absent …] [--excused …]
 * [--not-voting …] | --roll FILE) [--threshold RULE] [--force REASON]`:
 * record a roll-call vote, then print its tally and roll call.
 *
 * The roll is an array of ot_roll_entry whose names this file allocates;
 * ot_record_vote replaces each name by the member's full name and fills
 * the counts.  A roll file (CSV `name,option`) is checked here first, so
 * its errors can name FILE:LINE: every name must be a member serving on the
 * date, none twice, and every serving member must be listed.  The other
 * checks (closed record, date before the introduction, counts against the
 * threshold) are the library's, made before anything is written.
 *
 * Also the vote printers shared with `status` (cmd_vote_tally,
 * cmd_vote_roll_text, cmd_vote_json).
 */
#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <strings.h>

#include "cmd.h"
#include "internal.h"
#include "ordtrack/record.h"

typedef struct roll {
	ot_roll_entry *items;
	size_t n, cap;
	size_t *lines; /* roll file: the line of each entry */
	size_t nlines, lcap;
} roll;

static void roll_release(roll *r)
{
	size_t i;
	for (i = 0; i < r->n; i++)
		free(r->items[i].name);
	free(r->items);
	free(r->lines);
	memset(r, 0, sizeof(*r));
}

static const char *option_label(ot_vote_option o)
{
	return o == OT_VOTE_NOT_VOTING ? "not voting" : ot_vote_option_names[o];
}

/* ---- printing (shared with status) -------------------------------------- */

void cmd_vote_tally(ot_buf *out, const ot_vote *v)
{
	size_t i, others = 0;
	ot_buf_printf(out, "%s %zu-%zu", strcmp(v->result, "pass") == 0 ? "passed" : "failed", v->counts[OT_VOTE_YES],
		      v->counts[OT_VOTE_NO]);
	for (i = OT_VOTE_ABSTAIN; i < OT_VOTE_NOPTIONS; i++) {
		if (!v->counts[i])
			continue;
		ot_buf_puts(out, others++ ? ", " : " (");
		ot_buf_printf(out, "%zu %s", v->counts[i], option_label((ot_vote_option)i));
	}
	if (others)
		ot_buf_putc(out, ')');
}

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
				ot_buf_printf(&w, "%s (%s)", e->name, option_label(e->option));
				wrap_word(out, &col, w.ptr, indent, n++ == 0);
				ot_buf_release(&w);
			}
		}
		ot_buf_putc(out, '\n');
	}
}

json_t *cmd_vote_json(const ot_vote *v)
{
	json_t *o = json_object(), *counts = json_object(), *yes = json_array(), *no = json_array(),
	       *other = json_array();
	ot_buf tally = OT_BUF_INIT;
	size_t i;
	cmd_vote_tally(&tally, v);
	json_object_set_new(o, "date", json_string(v->date));
	json_object_set_new(o, "motion", json_string(v->motion));
	json_object_set_new(o, "result", json_string(v->result));
	json_object_set_new(o, "tally", json_string(tally.ptr));
	json_object_set_new(o, "threshold", v->threshold ? json_string(v->threshold) : json_null());
	json_object_set_new(o, "forced", v->forced ? json_string(v->forced) : json_null());
	for (i = 0; i < OT_VOTE_NOPTIONS; i++)
		json_object_set_new(counts, ot_vote_option_names[i], json_integer((json_int_t)v->counts[i]));
	json_object_set_new(o, "counts", counts);
	for (i = 0; i < v->nroll; i++) {
		const ot_roll_entry *e = &v->roll[i];
		if (e->option == OT_VOTE_YES) {
			json_array_append_new(yes, json_string(e->name));
		} else if (e->option == OT_VOTE_NO) {
			json_array_append_new(no, json_string(e->name));
		} else {
			json_t *x = json_object();
			json_object_set_new(x, "name", json_string(e->name));
			json_object_set_new(x, "option", json_string(ot_vote_option_names[e->option]));
			json_array_append_new(other, x);
		}
	}
	json_object_set_new(o, "yes", yes);
	json_object_set_new(o, "no", no);
	json_object_set_new(o, "other", other);
	ot_buf_release(&tally);
	return o;
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

/* ---- the roll from a CSV file ---------------------------------------------- */

/* Split one CSV line into at most `max` fields (quoted fields may hold
 * commas and "" for a quote).  Returns the number of fields, or -1 with a
 * message in *why. */
static int csv_fields(ot_buf *fields, size_t max, const char *line, const char **why)
{
	const char *p = line;
	size_t n = 0;
	for (;;) {
		ot_buf *f = n < max ? &fields[n] : NULL;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '"') {
			p++;
			for (;;) {
				if (!*p) {
					*why = "a quoted field is not closed";
					return -1;
				}
				if (*p == '"' && p[1] == '"') {
					if (f)
						ot_buf_putc(f, '"');
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					if (f)
						ot_buf_putc(f, *p);
					p++;
				}
			}
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p && *p != ',') {
				*why = "text after a closing quote";
				return -1;
			}
		} else {
			const char *start = p, *end;
			while (*p && *p != ',') {
				if (*p == '"') {
					*why = "a quote inside an unquoted field";
					return -1;
				}
				p++;
			}
			end = p;
			while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
				end--;
			if (f)
				ot_buf_put(f, start, (size_t)(end - start));
		}
		n++;
		if (!*p)
			return (int)n;
		p++; /* the comma */
	}
}

static int read_roll_file(roll *r, const char *path)
{
	ot_buf data = OT_BUF_INIT, fields[2] = {OT_BUF_INIT, OT_BUF_INIT};
	char *line, *next;
	size_t lineno = 0, seen_data = 0;
	int err = 0, o;

	if ((err = cmd_read_file(&data, path)) < 0)
		goto done;
	if (ot_utf8_check(data.ptr, data.len, &lineno, NULL) < 0) {
		err = ot_error_set(OT_EINVALID, "%s:%zu: not valid UTF-8 text", path, lineno);
		goto done;
	}
	lineno = 0;
	for (line = data.ptr; line && *line; line = next) {
		const char *why = "";
		size_t len;
		int nf;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		len = strlen(line);
		if (len && line[len - 1] == '\r')
			line[--len] = '\0';
		while (*line == ' ' || *line == '\t')
			line++;
		if (!*line || *line == '#')
			continue;
		ot_buf_clear(&fields[0]);
		ot_buf_clear(&fields[1]);
		nf = csv_fields(fields, 2, line, &why);
		if (nf < 0) {
			err = ot_error_set(OT_EINVALID, "%s:%zu: %s", path, lineno, why);
			goto done;
		}
		if (!seen_data++ && nf == 2 && strcasecmp(fields[0].ptr, "name") == 0 &&
		    strcasecmp(fields[1].ptr, "option") == 0)
			continue; /* the header */
		if (nf != 2) {
			err = ot_error_set(OT_EINVALID, "%s:%zu: expected 'name,option', found %d field%s", path, lineno,
					   nf, nf == 1 ? "" : "s");
			goto done;
		}
		if (!fields[0].len) {
			err = ot_error_set(OT_EINVALID, "%s:%zu: the member name is empty", path, lineno);
			goto done;
		}
		if ((o = ot_vote_option_parse(fields[1].ptr)) < 0) {
			err = ot_error_set(OT_EINVALID,
					   "%s:%zu: unknown vote option '%s' for %s; use yes, no, abstain, absent, excused or not-voting",
					   path, lineno, fields[1].ptr, fields[0].ptr);
			goto done;
		}
		*OT_ARRAY_PUSH(r->items, r->n, r->cap) = (ot_roll_entry){ot_strdup(fields[0].ptr), (ot_vote_option)o};
		*OT_ARRAY_PUSH(r->lines, r->nlines, r->lcap) = lineno;
	}
	if (!r->n)
		err = ot_error_set(OT_EINVALID, "%s: the roll call lists no members", path);
done:
	ot_buf_release(&data);
	ot_buf_release(&fields[0]);
	ot_buf_release(&fields[1]);
	return err;
}

/* A roll file must name members serving on `date`, each once, and every
 * one of them. */
static int check_roll_file(const roll *r, const char *path, ot_tracker *t, const char *date)
{
	ot_members ms = {0};
	const ot_member **who = NULL;
	ot_buf missing = OT_BUF_INIT;
	size_t i, j, nmissing = 0;
	int err;

	if ((err = ot_members_load(&ms, t)) < 0)
		return err;
	who = ot_calloc(r->n + 1, sizeof(*who));
	for (i = 0; i < r->n; i++) {
		who[i] = ot_members_find(&ms, r->items[i].name, date);
		if (!who[i]) {
			err = ot_error_set(OT_EINVALID,
					   "%s:%zu: '%s' is not a member serving on %s; 'ordtrack member list' shows the council",
					   path, r->lines[i], r->items[i].name, date);
			goto done;
		}
		for (j = 0; j < i; j++)
			if (who[j] == who[i]) {
				err = ot_error_set(OT_EINVALID, "%s:%zu: %s is listed twice (first on line %zu)", path,
						   r->lines[i], who[i]->name, r->lines[j]);
				goto done;
			}
	}
	for (i = 0; i < ms.n; i++) {
		const ot_member *m = &ms.items[i];
		if ((m->from && strcmp(m->from, date) > 0) || (m->to && strcmp(date, m->to) > 0))
			continue;
		for (j = 0; j < r->n && who[j] != m; j++)
			;
		if (j == r->n) {
			if (nmissing++ < 5)
				ot_buf_printf(&missing, "%s%s", nmissing > 1 ? ", " : "", m->name);
		}
	}
	if (nmissing)
		err = ot_error_set(OT_EINVALID,
				   "%s: the roll call leaves out %zu member%s serving on %s: %s%s; list every member (absent, excused, not-voting if so)",
				   path, nmissing, nmissing == 1 ? "" : "s", date, missing.ptr, nmissing > 5 ? ", …" : "");
done:
	free(who);
	ot_buf_release(&missing);
	ot_members_release(&ms);
	return err;
}

/* ---- the command ------------------------------------------------------------ */

int cmd_vote(int argc, char **argv)
{
	static const struct option opts[] = {CMD_COMMON_OPTIONS,
					     {"date", required_argument, NULL, 'd'},
					     {"motion", required_argument, NULL, 'm'},
					     {"result", required_argument, NULL, 'r'},
					     {"yes", required_argument, NULL, '0' + OT_VOTE_YES},
					     {"no", required_argument, NULL, '0' + OT_VOTE_NO},
					     {"abstain", required_argument, NULL, '0' + OT_VOTE_ABSTAIN},
					     {"absent", required_argument, NULL, '0' + OT_VOTE_ABSENT},
					     {"excused", required_argument, NULL, '0' + OT_VOTE_EXCUSED},
					     {"not-voting", required_argument, NULL, '0' + OT_VOTE_NOT_VOTING},
					     {"roll", required_argument, NULL, 'R'},
					     {"threshold", required_argument, NULL, 't'},
					     {"force", required_argument, NULL, 'f'},
					     {"format", required_argument, NULL, 'F'},
					     {0, 0, 0, 0}};
	const char *roll_file = NULL, *format = "text", *force = NULL, *id;
	ot_vote v;
	roll r = {0};
	ot_tracker *t = NULL;
	ot_buf out = OT_BUF_INIT;
	char commit[41];
	int c, rc = OT_EXIT_OK, named = 0;

	memset(&v, 0, sizeof(v));
	while ((c = cmd_getopt(argc, argv, "h", opts)) != -1) {
		switch (c) {
		case 'd': v.date = optarg; break;
		case 'm': v.motion = optarg; break;
		case 'r': v.result = optarg; break;
		case 'R': roll_file = optarg; break;
		case 't': v.threshold = optarg; break;
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
	if (!v.date || !v.motion || !v.result) {
		rc = cmd_usage_error(argv[0], "vote needs --date, --motion and --result");
		goto done;
	}
	if (strcmp(v.result, "pass") && strcmp(v.result, "fail")) {
		rc = cmd_usage_error(argv[0], "--result takes pass or fail, not '%s'", v.result);
		goto done;
	}
	if (v.threshold && strcmp(v.threshold, "majority-of-members") && strcmp(v.threshold, "majority-present") &&
	    strcmp(v.threshold, "two-thirds-of-members")) {
		rc = cmd_usage_error(argv[0],
				     "--threshold takes majority-of-members, majority-present or two-thirds-of-members, not '%s'",
				     v.threshold);
		goto done;
	}
	if (strcmp(format, "text") && strcmp(format, "json")) {
		rc = cmd_usage_error(argv[0], "unknown format '%s'; use text or json", format);
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
	if (ot_date_parse(NULL, v.date) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if ((roll_file && read_roll_file(&r, roll_file) < 0) || cmd_open_tracker(&t) < 0 ||
	    (roll_file && check_roll_file(&r, roll_file, t, v.date) < 0)) {
		rc = cmd_fail();
		goto done;
	}
	/* the library takes over the names (it replaces them by full names) */
	v.roll = r.items;
	v.nroll = r.n;
	v.cap = r.cap;
	v.forced = force ? ot_strdup(force) : NULL;
	if (ot_record_vote(commit, t, id, &v, force != NULL) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (strcmp(format, "json") == 0) {
		json_t *root = json_object();
		json_object_set_new(root, "format", json_string("ordtrack-vote/1"));
		json_object_set_new(root, "record", json_string(id));
		json_object_set_new(root, "commit", json_string(commit));
		json_object_set_new(root, "vote", cmd_vote_json(&v));
		rc = cmd_print_json(root);
		goto done;
	}
	cmd_vote_tally(&out, &v);
	ot_buf_putc(&out, '\n');
	if (v.forced)
		ot_buf_printf(&out, "recorded with --force: %s\n", v.forced);
	cmd_vote_roll_text(&out, &v, "");
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
