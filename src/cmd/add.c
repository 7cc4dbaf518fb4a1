/*
 * add.c - `ordtrack add ORD FILE [...]`: record a new version of an
 * ordinance on main.
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

int cmd_add(int argc, char **argv)
{
	static const struct option opts[] = {
		CMD_COMMON_OPTIONS,
		{"title", required_argument, NULL, 't'},
		{"date", required_argument, NULL, 'd'},
		{"stage", required_argument, NULL, 's'},
		{"record", required_argument, NULL, 'r'},
		{"sponsor", required_argument, NULL, 'S'},
		{"message", required_argument, NULL, 'm'},
		{0, 0, 0, 0}};
	ot_add_opts o;
	const char **sponsors = NULL;
	size_t nsponsors = 0, cap = 0;
	ot_tracker *t = NULL;
	ot_doc *doc = NULL;
	char commit[41];
	int c, err, rc = OT_EXIT_OK;

	memset(&o, 0, sizeof(o));
	while ((c = cmd_getopt(argc, argv, "hm:", opts)) != -1) {
		switch (c) {
		case 't': o.title = optarg; break;
		case 'd': o.date = optarg; break;
		case 's': o.stage = optarg; break;
		case 'r': o.record = optarg; break;
		case 'm': o.message = optarg; break;
		case 'S': *OT_ARRAY_PUSH(sponsors, nsponsors, cap) = optarg; break;
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
	err = ot_store_add(commit, t, &o, doc);
	if (err == OT_EUNCHANGED) {
		fprintf(stderr, "ordtrack: %s\n", ot_error_last());
		goto done;
	}
	if (err < 0) {
		rc = cmd_fail();
		goto done;
	}
	printf("Recorded %s (%zu section%s) as commit %.12s\n", o.ordinance, doc->nsections,
	       doc->nsections == 1 ? "" : "s", commit);
done:
	free(sponsors);
	ot_doc_free(doc);
	ot_tracker_free(t);
	return rc;
}
