/*
 * fsck.c - `ordtrack fsck`: placeholder while the command is being written.
 */
#include "cmd.h"

int cmd_fsck(int argc, char **argv)
{
	(void)argc;
	return cmd_error("'%s' is not available yet", argv[0]);
}
