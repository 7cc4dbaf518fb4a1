/*
 * ordtrack/alloc.h - what happens when memory runs out, and the
 * allocation fault-injection hook of the tests.
 *
 * The library's own allocations never return NULL: when the system
 * refuses one, the library calls the out-of-memory handler, which must not
 * return; so do jansson's, once ot_alloc_init has run.  libgit2, SQLite
 * and libxml2 return errors instead, which the library turns into its
 * usual error returns (OT_ERROR with a message).
 */
#ifndef ORDTRACK_ALLOC_H
#define ORDTRACK_ALLOC_H

#include <stddef.h>

/* Called with the size of the refused allocation.  It must not return (it
 * exits the process); if it does, the library aborts. */
typedef void (*ot_oom_handler)(size_t size);

/* Install the out-of-memory handler (NULL: the default, one line on
 * stderr and abort()), and make jansson's allocations go through the same
 * wrapper: the library builds JSON documents call by call without
 * checking each one (a failed allocation there would silently drop a key
 * from a record file), so for jansson, too, out of memory stops the
 * program instead.  A program calls it once, before anything else. */
void ot_alloc_init(ot_oom_handler fn);

/* Fault injection, for tests (SQLite's "fail the Nth allocation" loop).
 * Routes the allocations of the library and of libgit2, SQLite, libxml2
 * and jansson through one counter; those of the allocators named in
 * `which` (OT_ALLOC_FAULT_* below, or-ed) are counted, and the nth of them
 * (n >= 1) fails: only that one, or with OT_ALLOC_FAULT_PERSISTENT that
 * one and every later one.  n == 0 only counts.  Call it once, first
 * thing in the program, before any other ordtrack, libgit2, SQLite,
 * libxml2 or jansson call (SQLite takes an allocator only before it is
 * initialised).  Returns 0, or -1 with a message when a library refused
 * the allocator. */
enum {
	OT_ALLOC_FAULT_OWN = 1,     /* the library's own (ot_malloc ...) */
	OT_ALLOC_FAULT_LIBGIT2 = 2,
	OT_ALLOC_FAULT_SQLITE = 4,
	OT_ALLOC_FAULT_LIBXML2 = 8,
	OT_ALLOC_FAULT_JANSSON = 16,
	OT_ALLOC_FAULT_ALL = 31,
	OT_ALLOC_FAULT_PERSISTENT = 32
};
int ot_alloc_fault_setup(unsigned long n, unsigned which);

/* The allocations counted since ot_alloc_fault_setup (0 without it). */
unsigned long ot_alloc_fault_count(void);

/* How many allocations were made to fail: 0 when the nth was never
 * reached (the run was as without fault injection). */
unsigned long ot_alloc_fault_failed(void);

#endif
