/*
 * add.c - `ordtrack add ORD FILE [...]`: record a new version of an
 * ordinance on main.  What happens to the notes of the version in force
 * is the library's rule (ot_store_add_report, notes_carry.c); this file
 * says on stderr which notes were kept and lists every one dropped.
 */
#include <stdlib.h>

#include "cmd.h"
#include "internal.h"
#include "ordtrack/store.h"

/* Sections are normally numbered under their chapter (2-173-020 in
 * 2-173); when none is, the ordinance id was probably mistyped. */
static void warn_foreign_sections(const char *ord, const ot_doc *doc, const char *file)
{
	size_t i, n = strlen(ord);
	for (i = 0; i < doc->nsections; i++) {
		const char *num = doc->sections[i]->num;
		if (strncmp(num, ord, n) == 0 && (num[n] == '-' || num[n] == '.' || num[n] == '\0'))
			return;
	}
	if (doc->nsections)
		fprintf(stderr,
			"ordtrack: warning: no section of '%s' is numbered under %s (the first is %s); check the ordinance id\n",
			file, ord, doc->sections[0]->num);
}

/* The sections whose notes were kept, the first few by number. */
#define KEPT_NAMED 5

static int cmp_num(const void *a, const void *b)
{
	return ot_num_compare(*(const char *const *)a, *(const char *const *)b);
}

static void report_notes(const char *ord, const char *file, const ot_add_result *r)
{
	const char **secs = NULL;
	size_t i, n = 0, nsec = 0;
	ot_buf names = OT_BUF_INIT;
	if (r->nkept) {
		/* the distinct sections whose notes were kept, by number */
		secs = malloc(r->nkept * sizeof(*secs));
		if (!secs)
			return;
		for (i = 0; i < r->nkept; i++)
			if (r->kept[i].section)
				secs[n++] = r->kept[i].section;
		qsort(secs, n, sizeof(*secs), cmp_num);
		for (i = 0; i < n; i++) {
			if (i && strcmp(secs[i], secs[i - 1]) == 0)
				continue;
			if (nsec < KEPT_NAMED)
				ot_buf_printf(&names, "%s%s", nsec ? ", " : "", secs[i]);
			nsec++;
		}
		if (nsec > KEPT_NAMED)
			ot_buf_printf(&names, " and %zu more", nsec - KEPT_NAMED);
		fprintf(stderr,
			"ordtrack: %s: '%s' carries no notes for %zu section%s%s%s%s%s; %zu note%s kept from the version in force "
			"('show --notes' lists them; --replace-notes stores only the file's notes)\n",
			ord, file, nsec, nsec == 1 ? "" : "s", nsec ? " (" : "", names.ptr ? names.ptr : "", nsec ? ")" : "",
			n < r->nkept ? " nor for the ordinance as a whole" : "", r->nkept, r->nkept == 1 ? "" : "s");
	}
	if (r->ndropped) {
		fprintf(stderr, "ordtrack: %s: %zu note%s of the version in force %s not in the new version:\n", ord,
			r->ndropped, r->ndropped == 1 ? "" : "s", r->ndropped == 1 ? "is" : "are");
		for (i = 0; i < r->ndropped; i++)
			fprintf(stderr, "ordtrack:   %s [%s] %s (%s)\n",
				r->dropped[i].section ? r->dropped[i].section : "(ordinance)", r->dropped[i].kind,
				r->dropped[i].text,
				r->dropped_reason[i] == OT_NOTE_SECTION_GONE ? "its section is not in the file"
				: r->dropped_reason[i] == OT_NOTE_REPLACED   ? "replaced by the file's notes"
									     : "--replace-notes");
	}
	free(secs);
	ot_buf_release(&names);
}

static const cmd_opt add_opts[] = {
	{"title", 't', 0, "T", "the ordinance's title (default: the file's CHAPTER\n"
	     "line, else the title stored before)"},
	{"date", 'd', 0, "YYYY-MM-DD", "the legislative date (default: today)"},
	{"stage", 's', 0, "STAGE", "introduced, substitute, amended, recommended,\n"
	     "passed, enacted (default), failed, withdrawn"},
	{"record", 'r', 0, "RECORD", "the record that made this version (O2021-117)"},
	{"sponsor", 'S', 0, "NAME", "a sponsor of that record (repeatable)"},
	{"message", 'm', 1, "MSG", "the commit message"},
	{"replace-notes", 'N', 0, NULL, "store only the notes FILE carries (by default a\n"
	     "section without notes in FILE keeps its notes, and\n"
	     "add says so; notes not kept are listed)"},
	{NULL, 0, 0, NULL, NULL}};

const cmd_spec cmd_spec_add = {
	"usage: ordtrack add ORD FILE [options]\n"
	"\n"
	"Record the text in FILE (plain text; - for stdin) as the new version\n"
	"of ordinance ORD on main.  Text identical to the current version is\n"
	"reported and nothing is written.\n",
	add_opts,
	NULL,
	0};

int cmd_add(int argc, char **argv)
{
	ot_add_opts o;
	ot_add_result res;
	const char **sponsors = NULL;
	size_t nsponsors = 0, cap = 0;
	ot_tracker *t = NULL;
	ot_doc *doc = NULL;
	char commit[41];
	int c, err, rc = OT_EXIT_OK;

	memset(&o, 0, sizeof(o));
	memset(&res, 0, sizeof(res));
	while ((c = cmd_getopt(argc, argv, &cmd_spec_add)) != -1) {
		switch (c) {
		case 't': o.title = optarg; break;
		case 'd': o.date = optarg; break;
		case 's':
			if ((err = ot_stage_parse(optarg)) < 0) {
				rc = cmd_fail();
				goto done;
			}
			o.stage = (ot_stage)err;
			break;
		case 'r': o.record = optarg; break;
		case 'm': o.message = optarg; break;
		case 'S': *OT_ARRAY_PUSH(sponsors, nsponsors, cap) = optarg; break;
		case 'N': o.replace_notes = 1; break;
		case 'h': rc = OT_EXIT_OK; goto done;
		default: rc = OT_EXIT_USAGE; goto done;
		}
	}
	if (argc - optind != 2) {
		rc = cmd_usage_error(argv[0], "expected ORD and FILE");
		goto done;
	}
	o.ordinance = argv[optind];
	o.sponsors = sponsors;
	o.nsponsors = nsponsors;
	if (cmd_parse_file(&doc, argv[optind + 1]) < 0 || cmd_open_tracker(&t) < 0) {
		rc = cmd_fail();
		goto done;
	}
	warn_foreign_sections(o.ordinance, doc, argv[optind + 1]);
	err = ot_store_add_report(commit, &res, t, &o, doc);
	if (err == OT_EUNCHANGED) {
		fprintf(stderr, "ordtrack: %s\n", ot_error_last());
		goto done;
	}
	if (err < 0) {
		rc = cmd_fail();
		goto done;
	}
	report_notes(o.ordinance, argv[optind + 1], &res);
	printf("Recorded %s (%zu section%s) as commit %.12s\n", o.ordinance, doc->nsections,
	       doc->nsections == 1 ? "" : "s", commit);
done:
	ot_add_result_release(&res);
	free(sponsors);
	ot_doc_free(doc);
	ot_tracker_free(t);
	return rc;
}
