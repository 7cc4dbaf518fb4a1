/*
 * oom.c - the command line's side of running out of memory: the handler
 * the library calls when an allocation of its own fails (one line,
 * "ordtrack: out of memory allocating N bytes", and exit status 4; see
 * the top of src/alloc.c for why this and not abort()), and the
 * allocation fault injection of the tests, switched on by
 * ORDTRACK_TEST_FAIL_ALLOC (tests/cli/test_fault.sh):
 *
 *   ORDTRACK_TEST_FAIL_ALLOC=0    count the allocations, fail none
 *   ORDTRACK_TEST_FAIL_ALLOC=N    fail the Nth allocation only
 *   ORDTRACK_TEST_FAIL_ALLOC=N+   fail the Nth and every later one
 *   ...:WHO                       count only the allocations of WHO, a
 *                                 comma-separated list of own, libgit2,
 *                                 sqlite, libxml2, jansson (default: all)
 *
 * With it set, the last line on stderr is
 * "ordtrack: fault injection: K allocations, F failed" (F = 0: the Nth
 * allocation was never reached).
 */
#include <stdlib.h>
#include <unistd.h>

#include "cmd.h"

static int fault_report_on;

static void fault_report(void)
{
	fprintf(stderr, "ordtrack: fault injection: %lu allocations, %lu failed\n",
		ot_alloc_fault_count(), ot_alloc_fault_failed());
}

/* stderr is unbuffered: fprintf writes without allocating */
static void out_of_memory(size_t size)
{
	fprintf(stderr, "ordtrack: out of memory allocating %zu bytes\n", size);
	if (fault_report_on)
		fault_report();
	_exit(OT_EXIT_NOMEM);
}

static const struct {
	const char *name;
	unsigned flag;
} allocators[] = {{"own", OT_ALLOC_FAULT_OWN},		{"libgit2", OT_ALLOC_FAULT_LIBGIT2},
		  {"sqlite", OT_ALLOC_FAULT_SQLITE},	{"libxml2", OT_ALLOC_FAULT_LIBXML2},
		  {"jansson", OT_ALLOC_FAULT_JANSSON}, {"all", OT_ALLOC_FAULT_ALL}};

/* the OT_ALLOC_FAULT_* of a list "own,sqlite"; 0 for a bad one */
static unsigned parse_allocators(const char *s)
{
	unsigned which = 0;
	size_t i, len;
	while (*s) {
		len = strcspn(s, ",");
		for (i = 0; i < sizeof(allocators) / sizeof(allocators[0]); i++)
			if (strlen(allocators[i].name) == len && strncmp(s, allocators[i].name, len) == 0)
				break;
		if (i == sizeof(allocators) / sizeof(allocators[0]))
			return 0;
		which |= allocators[i].flag;
		s += len;
		if (*s == ',')
			s++;
	}
	return which;
}

int cmd_memory_setup(void)
{
	const char *spec = getenv("ORDTRACK_TEST_FAIL_ALLOC");
	char *end;
	unsigned long n;
	unsigned which = OT_ALLOC_FAULT_ALL;

	ot_alloc_init(out_of_memory);
	if (!spec || !*spec)
		return OT_EXIT_OK;
	n = strtoul(spec, &end, 10);
	if (end > spec && *spec != '-' && *end == '+') {
		which |= OT_ALLOC_FAULT_PERSISTENT;
		end++;
	}
	if (end > spec && *end == ':') {
		unsigned only = parse_allocators(end + 1);
		which = (which & OT_ALLOC_FAULT_PERSISTENT) | only;
		end = only ? end + strlen(end) : end;
	}
	if (end == spec || *spec == '-' || *end)
		return cmd_error("ORDTRACK_TEST_FAIL_ALLOC: '%s' is not N, N+ or N:own,libgit2,sqlite,libxml2,jansson",
				 spec);
	if (ot_alloc_fault_setup(n, which) < 0)
		return cmd_fail();
	fault_report_on = 1;
	atexit(fault_report);
	return OT_EXIT_OK;
}
