/*
 * limits.c - the library's limits for this process (ot_limits, see
 * ordtrack/common.h): the largest input a reader accepts and how many
 * pack files a store keeps.  Explicit configuration: the library reads no
 * environment variable; the command line parses ORDTRACK_MAX_INPUT and
 * ORDTRACK_PACK_LIMIT in one place (src/cmd/common.c) and sets these.
 */
#include "internal.h"
#include "ordtrack/common.h"
#include "tracker_internal.h"

#define DEFAULT_MAX_INPUT ((size_t)64 * 1024 * 1024)

static ot_limits limits; /* 0: the default */

void ot_limits_set(const ot_limits *l)
{
	if (l)
		limits = *l;
	else
		limits = (ot_limits){0, 0};
}

ot_limits ot_limits_get(void)
{
	ot_limits l = limits;
	if (!l.max_input)
		l.max_input = DEFAULT_MAX_INPUT;
	if (!l.pack_limit)
		l.pack_limit = OT_PACK_LIMIT;
	return l;
}
