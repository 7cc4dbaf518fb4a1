/*
 * revise.c - `ordtrack revise RECORD ORD FILE|--redline DOC [ORD ...]
 * --date D [--stage substitute|amended]`: a new version of a pending
 * record's text.
 *
 * Each ORD is followed by its full new text (FILE) or by a redline
 * (--redline DOC, ordtrack/redline.h) applied to the record's current text
 * of ORD (what `ordtrack show RECORD` shows: ORD at the head of
 * refs/records/RECORD).  Arguments are read in order (getopt's "-" mode)
 * so that each --redline belongs to the ORD before it.
 *
 * The files are parsed and the redlines applied first; the library
 * (ot_record_revise) refuses a closed record, a date before the
 * introduction and texts identical to the record's current ones before
 * writing anything.
 */
#include <stdlib.h>

#include "cmd.h"
#include "internal.h"
#include "ordtrack/record.h"
#include "ordtrack/redline.h"
#include "ordtrack/store.h"


/* Apply the redline at path to the record's current text of ord (an
 * empty text when the record does not hold ord yet). */
static int apply_redline(ot_doc **out, ot_tracker *t, const char *id, const char *ord, const char *path)
{
	ot_buf data = OT_BUF_INIT;
	ot_doc *current = NULL;
	ot_record rec;
	char head[41];
	int err;
	memset(&rec, 0, sizeof(rec));
	if ((err = cmd_read_file(&data, path)) < 0 || (err = ot_record_load(&rec, head, t, id)) < 0)
		goto done;
	err = ot_store_load(&current, t, head, ord);
	if (err == OT_ENOTFOUND) {
		ot_error_clear();
		current = ot_doc_new();
		err = 0;
	}
	if (err < 0)
		goto done;
	err = ot_redline_apply(out, current, data.ptr, data.len, path);
done:
	ot_doc_free(current);
	ot_record_release(&rec);
	ot_buf_release(&data);
	return err;
}

static const cmd_opt revise_opts[] = {
	{"date", 'd', 0, "YYYY-MM-DD", "the date of the new text (required)"},
	{"stage", 's', 0, "STAGE", "substitute (default) or amended"},
	{"redline", 'r', 0, "DOC", "amend the ORD just before it by redline DOC"},
	{NULL, 0, 0, NULL, NULL}};

const cmd_spec cmd_spec_revise = {
	"usage: ordtrack revise RECORD ORD FILE|--redline DOC [ORD FILE|--redline DOC ...]\n"
	"                       --date D [--stage STAGE]\n"
	"\n"
	"A new version of a pending record's text for the ordinances given.  A\n"
	"redline (--redline DOC) is applied to the record's current text of ORD.\n",
	revise_opts,
	NULL,
	1};

int cmd_revise(int argc, char **argv)
{
	const char *date = NULL, *stage = "substitute", *id;
	int st;
	const char **ords = NULL;
	ot_doc **docs = NULL;
	cmd_text_arg *args = NULL;
	size_t ndocs = 0, i, nargs = 0, acap = 0;
	ot_tracker *t = NULL;
	char commit[41];
	int c, err, rc = OT_EXIT_OK;

	/* "-": arguments come back in order, as option 1 */
	while ((c = cmd_getopt(argc, argv, &cmd_spec_revise)) != -1) {
		switch (c) {
		case 1:
		case 'r':
			cmd_text_arg_push(&args, &nargs, &acap, optarg, c == 'r');
			break;
		case 'd': date = optarg; break;
		case 's': stage = optarg; break;
		case 'h': goto done;
		default: rc = OT_EXIT_USAGE; goto done;
		}
	}
	for (i = (size_t)optind; i < (size_t)argc; i++) /* after "--" */
		cmd_text_arg_push(&args, &nargs, &acap, argv[i], 0);
	if ((rc = cmd_text_args_check(argv[0], args, nargs)) != OT_EXIT_OK)
		goto done;
	if (!date) {
		rc = cmd_usage_error(argv[0], "revise needs --date YYYY-MM-DD");
		goto done;
	}
	st = ot_stage_parse(stage);
	ot_error_clear();
	if (st != OT_STAGE_SUBSTITUTE && st != OT_STAGE_AMENDED) {
		rc = cmd_usage_error(argv[0], "--stage takes substitute or amended, not '%s'", stage);
		goto done;
	}
	id = args[0].s;
	ndocs = (nargs - 1) / 2;
	ords = ot_calloc(ndocs, sizeof(*ords));
	docs = ot_calloc(ndocs, sizeof(*docs));
	if (cmd_open_tracker(&t) < 0) {
		rc = cmd_fail();
		goto done;
	}
	for (i = 0; i < ndocs; i++) {
		const cmd_text_arg *file = &args[2 + 2 * i];
		ords[i] = args[1 + 2 * i].s;
		if (file->redline ? apply_redline(&docs[i], t, id, ords[i], file->s) < 0
				  : cmd_parse_file(&docs[i], file->s) < 0) {
			rc = cmd_fail();
			if (file->redline)
				fputs("nothing was recorded\n", stderr);
			goto done;
		}
	}
	{
		ot_revise rv = {id, date, (const char *const *)ords, (const ot_doc *const *)docs, ndocs, (ot_stage)st};
		err = ot_record_revise(commit, t, &rv);
	}
	if (err == OT_EUNCHANGED) {
		/* like add: nothing to record is reported, not an error */
		fprintf(stderr, "ordtrack: %s\n", ot_error_last());
		goto done;
	}
	if (err < 0) {
		rc = cmd_fail();
		goto done;
	}
	printf("Revised %s (%s text) as commit %.12s\n", id, stage, commit);
done:
	for (i = 0; i < ndocs; i++)
		ot_doc_free(docs[i]);
	free(docs);
	free(ords);
	free(args);
	ot_tracker_free(t);
	return rc;
}
