/*
 * init.c - `ordtrack init [DIR]`: create a tracker.
 */
#include "cmd.h"

int cmd_init(int argc, char **argv)
{
	static const struct option opts[] = {CMD_COMMON_OPTIONS, {0, 0, 0, 0}};
	const char *dir;
	int c;

	while ((c = cmd_getopt(argc, argv, "h", opts)) != -1)
		return c == 'h' ? OT_EXIT_OK : OT_EXIT_USAGE;
	if (argc - optind > 1)
		return cmd_usage_error(argv[0], "too many arguments");
	dir = optind < argc ? argv[optind] : ".ordtrack";
	if (ot_tracker_init(dir) < 0)
		return cmd_fail();
	printf("Created tracker in %s\n", dir);
	return OT_EXIT_OK;
}
