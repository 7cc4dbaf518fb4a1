/*
 * reindex.c - `ordtrack reindex`: rebuild the SQLite index from git.
 */
#include "cmd.h"
#include "ordtrack/index.h"

static const cmd_opt reindex_opts[] = {
	{NULL, 0, 0, NULL, NULL}};

const cmd_spec cmd_spec_reindex = {
	"usage: ordtrack reindex\n"
	"\n"
	"Drop the index and rebuild it from the git record alone.\n",
	reindex_opts,
	NULL,
	0};

int cmd_reindex(int argc, char **argv)
{
	ot_tracker *t = NULL;
	ot_version_list vl = {0};
	int c, rc = OT_EXIT_OK;

	while ((c = cmd_getopt(argc, argv, &cmd_spec_reindex)) != -1)
		return c == 'h' ? OT_EXIT_OK : OT_EXIT_USAGE;
	if (optind < argc)
		return cmd_usage_error(argv[0], "unexpected argument '%s'", argv[optind]);
	if (cmd_open_tracker(&t) < 0 || ot_index_rebuild(t) < 0 || ot_index_versions(&vl, t, NULL) < 0) {
		rc = cmd_fail();
		goto done;
	}
	fprintf(stderr, "Reindexed %zu versions from git\n", vl.n);
done:
	ot_version_list_release(&vl);
	ot_tracker_free(t);
	return rc;
}
