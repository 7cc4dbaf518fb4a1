/*
 * import.c - `ordtrack import`: placeholder while the command is being written.
 */
#include "cmd.h"

int cmd_import(int argc, char **argv)
{
	(void)argc;
	return cmd_error("'%s' is not available yet", argv[0]);
}
