/*
 * init.c - `ordtrack init [DIR]`: create a tracker.
 */
#include "cmd.h"

static const cmd_opt init_opts[] = {
	{NULL, 0, 0, NULL, NULL}};

const cmd_spec cmd_spec_init = {
	"usage: ordtrack init [DIR]\n"
	"\n"
	"Create a tracker in DIR (default: .ordtrack): a bare git repository\n"
	"holding the record, with ordtrack's SQLite index inside it.\n",
	init_opts,
	NULL,
	0};

int cmd_init(int argc, char **argv)
{
	const char *dir;
	int c;

	while ((c = cmd_getopt(argc, argv, &cmd_spec_init)) != -1)
		return c == 'h' ? OT_EXIT_OK : OT_EXIT_USAGE;
	if (argc - optind > 1)
		return cmd_usage_error(argv[0], "too many arguments");
	dir = optind < argc ? argv[optind] : ".ordtrack";
	if (ot_tracker_init(dir) < 0)
		return cmd_fail();
	printf("Created tracker in %s\n", dir);
	return OT_EXIT_OK;
}
