/*
 * propose.c - `ordtrack propose RECORD ORD FILE|--redline DOC [ORD ...]
 * --date D --title T --sponsor NAME... [--type T]`: open a record, a branch
 * refs/records/RECORD based on main, whose first version holds the texts.
 *
 * Each ORD is followed by its full new text (FILE) or by a redline
 * (--redline DOC: struck and underscored passages, ordtrack/redline.h),
 * which is applied to the current version of ORD on main; the result is
 * recorded exactly as if it had been given as FILE.  Arguments are read
 * in order (getopt's "-" mode) so that each --redline belongs to the ORD
 * before it.
 *
 * The files are parsed and the redlines applied before anything is
 * written; every check on the record itself (safe id, date, title,
 * sponsors, type, texts that change something) is the library's
 * (ot_record_propose), made before anything is written.
 */
#include <stdlib.h>

#include "cmd.h"
#include "internal.h"
#include "ordtrack/record.h"
#include "ordtrack/redline.h"
#include "ordtrack/rev.h"
#include "ordtrack/store.h"


/* The text of ORD in force on main, or an empty document for an
 * ordinance not yet in the code. */
static int load_in_force(ot_doc **out, ot_tracker *t, const char *ord)
{
	ot_rev rev;
	int err;
	memset(&rev, 0, sizeof(rev));
	err = ot_rev_resolve(&rev, t, ord);
	if (err == OT_ENOTFOUND) {
		ot_error_clear();
		*out = ot_doc_new();
		return 0;
	}
	if (err == 0 && !rev.record)
		err = ot_store_load(out, t, rev.commit, ord);
	else if (err == 0)
		err = ot_error_set(OT_EINVALID, "'%s' is a record, not an ordinance", ord);
	ot_rev_release(&rev);
	return err;
}

/* Apply the redline at path to the text of ord in force. */
static int apply_redline(ot_doc **out, ot_tracker *t, const char *ord, const char *path)
{
	ot_buf data = OT_BUF_INIT;
	ot_doc *in_force = NULL;
	int err;
	if ((err = cmd_read_file(&data, path)) < 0 || (err = load_in_force(&in_force, t, ord)) < 0)
		goto done;
	err = ot_redline_apply(out, in_force, data.ptr, data.len, path);
done:
	ot_doc_free(in_force);
	ot_buf_release(&data);
	return err;
}

static const cmd_opt propose_opts[] = {
	{"date", 'd', 0, "YYYY-MM-DD", "the date of introduction (required)"},
	{"title", 't', 0, "T", "the record's title (required)"},
	{"sponsor", 'S', 0, "NAME", "a sponsor (required, repeatable)"},
	{"type", 'y', 0, "TYPE", "ordinance (default), substitute, resolution, order"},
	{"redline", 'r', 0, "DOC", "amend the ORD just before it by redline DOC"},
	{NULL, 0, 0, NULL, NULL}};

const cmd_spec cmd_spec_propose = {
	"usage: ordtrack propose RECORD ORD FILE|--redline DOC [ORD FILE|--redline DOC ...]\n"
	"                        --date D --title T --sponsor NAME [--sponsor NAME ...] [--type TYPE]\n"
	"\n"
	"Open record RECORD (a branch refs/records/RECORD based on main as it\n"
	"stands) whose text is FILE for each ordinance ORD: the code as it would\n"
	"read if the record passed.  FILE is plain text, XML or HTML.  With\n"
	"--redline DOC, DOC is an amendment in strike/underline form (HTML\n"
	"<s>/<del>/line-through struck, <u>/<ins>/underline inserted; or text with\n"
	"[[struck]] and {{inserted}}) applied to the text of ORD in force; unless\n"
	"every struck passage is in force, each mismatch is listed and nothing is\n"
	"recorded (see docs/redline.md).\n",
	propose_opts,
	NULL,
	1};

int cmd_propose(int argc, char **argv)
{
	ot_propose p;
	const char **sponsors = NULL, **ords = NULL;
	ot_doc **docs = NULL;
	cmd_text_arg *args = NULL;
	size_t nsponsors = 0, scap = 0, ndocs = 0, i, nargs = 0, acap = 0;
	int redlines = 0;
	ot_tracker *t = NULL;
	char commit[41];
	int c, rc = OT_EXIT_OK;

	memset(&p, 0, sizeof(p));
	p.type = OT_RECORD_ORDINANCE;
	/* "-": arguments come back in order, as option 1 */
	while ((c = cmd_getopt(argc, argv, &cmd_spec_propose)) != -1) {
		switch (c) {
		case 1:
		case 'r':
			cmd_text_arg_push(&args, &nargs, &acap, optarg, c == 'r');
			redlines |= c == 'r';
			break;
		case 'd': p.date = optarg; break;
		case 't': p.title = optarg; break;
		case 'y':
			if ((c = ot_record_type_parse(optarg)) < 0) {
				rc = cmd_error("unknown record type '%s'; use ordinance, substitute, resolution or order", optarg);
				goto done;
			}
			p.type = (ot_record_type)c;
			break;
		case 'S': *OT_ARRAY_PUSH(sponsors, nsponsors, scap) = optarg; break;
		case 'h': goto done;
		default: rc = OT_EXIT_USAGE; goto done;
		}
	}
	for (i = (size_t)optind; i < (size_t)argc; i++) /* after "--" */
		cmd_text_arg_push(&args, &nargs, &acap, argv[i], 0);
	if ((rc = cmd_text_args_check(argv[0], args, nargs)) != OT_EXIT_OK)
		goto done;
	if (!p.date || !p.title || !nsponsors) {
		rc = cmd_usage_error(argv[0], "propose needs --date, --title and at least one --sponsor");
		goto done;
	}
	p.id = args[0].s;
	ndocs = (nargs - 1) / 2;
	ords = ot_calloc(ndocs, sizeof(*ords));
	docs = ot_calloc(ndocs, sizeof(*docs));
	if (redlines && cmd_open_tracker(&t) < 0) {
		rc = cmd_fail();
		goto done;
	}
	for (i = 0; i < ndocs; i++) {
		const cmd_text_arg *file = &args[2 + 2 * i];
		ords[i] = args[1 + 2 * i].s;
		if (file->redline ? apply_redline(&docs[i], t, ords[i], file->s) < 0
				  : cmd_parse_file(&docs[i], file->s) < 0) {
			rc = cmd_fail();
			if (file->redline)
				fputs("nothing was recorded\n", stderr);
			goto done;
		}
	}
	p.sponsors = sponsors;
	p.nsponsors = nsponsors;
	p.ordinances = ords;
	p.docs = (const ot_doc *const *)docs;
	p.ndocs = ndocs;
	if ((!t && cmd_open_tracker(&t) < 0) || ot_record_propose(commit, t, &p) < 0) {
		rc = cmd_fail();
		goto done;
	}
	printf("Proposed %s (%s, %zu ordinance%s) as commit %.12s\n", p.id, ot_record_type_names[p.type], ndocs,
	       ndocs == 1 ? "" : "s", commit);
done:
	for (i = 0; i < ndocs; i++)
		ot_doc_free(docs[i]);
	free(docs);
	free(ords);
	free(sponsors);
	free(args);
	ot_tracker_free(t);
	return rc;
}
