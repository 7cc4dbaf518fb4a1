/*
 * alloc.c - the one allocation wrapper, and the allocation fault injection
 * of the tests.
 *
 * Out of memory.  Every allocation of the library goes through ot_malloc
 * and its siblings, which never return NULL: the library's code is written
 * for allocations that succeed (git's xmalloc), because the alternative is
 * a NULL check, and an error path nobody runs, after every one of a few
 * thousand calls.  That is safe because of how writes are made: the commit
 * point of every write is the compare-and-swap of one ref, objects written
 * before it are unreferenced and harmless, and the SQLite index is derived
 * (an interrupted transaction is rolled back from its journal; an index
 * behind the refs catches up on the next open).  A process that stops at
 * any allocation leaves the tracker in the state before the command or,
 * past the commit point, the state after it.  So on failure the library
 * calls the program's out-of-memory handler (ot_alloc_init), which must
 * not return.  The command line's prints "ordtrack: out of memory
 * allocating N bytes" and leaves with _exit and a status of its own, 4
 * (git's die(): one line, a documented code), not abort(): SIGABRT reads
 * as a crash (a core dump, "Aborted" from the shell, a failed test under
 * the sanitizers) when nothing is wrong with the program or the data, and
 * a script cannot tell it from one.  _exit rather than exit: what stdout
 * still buffers is not written out as if it were a whole document, and no
 * atexit handler runs in a process that cannot allocate.  Without a
 * handler (a program linking libordtrack.a that installed none), or if the
 * handler returns, one line on stderr and abort(), as before.
 *
 * jansson's allocations go through the same rule once ot_alloc_init has
 * run (j_malloc): the JSON builders (record files, ORDINANCE files,
 * documents) add members call by call without checking each, and a failed
 * allocation there dropped the member silently (an ORDINANCE file without
 * its title was committed; tests/cli/test_fault.sh found it).  libgit2,
 * SQLite and libxml2 keep their own allocators' contract and return
 * errors, which the library checks like any other (an OT_ERROR with the
 * library's message; SQLite's binds through ot_sql_bind_text).

 * Fault injection (ot_alloc_fault_setup, for tests/cli/test_fault.sh):
 * one counter over the allocations of the library and of all four
 * libraries, whose allocators are replaced by the wrappers below (each
 * calls the C library's, or SQLite's own default, so they work on top of a
 * sanitizer's malloc too); the nth allocation fails (or, persistent, the
 * nth and every later one); `which` limits the count to some of them.
 * ot_malloc's and jansson's failure then go to the handler above, the
 * others' come back to their callers as errors.
 * Frees are not counted.  The counters are atomic in case a library
 * allocates from a thread of its own.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <git2.h>
#include <git2/sys/alloc.h>
#include <jansson.h>
#include <libxml/xmlmemory.h>
#include <sqlite3.h>

#include "internal.h"
#include "ordtrack/alloc.h"

static ot_oom_handler oom_handler;

static unsigned fault_which; /* OT_ALLOC_FAULT_*: the allocators counted */
static int fault_persistent;
static unsigned long fault_at;
static atomic_ulong fault_count;
static atomic_ulong fault_failed;

static void die_oom(size_t size)
{
	if (oom_handler)
		oom_handler(size);
	fprintf(stderr, "ordtrack: out of memory allocating %zu bytes\n", size);
	abort();
}

/* 1 when this allocation (by `who`, an OT_ALLOC_FAULT_*) is to fail;
 * counts it */
static int fault_hit(unsigned who)
{
	unsigned long k;
	if (!(fault_which & who))
		return 0;
	k = atomic_fetch_add(&fault_count, 1) + 1;
	if (fault_at && (k == fault_at || (fault_persistent && k > fault_at))) {
		atomic_fetch_add(&fault_failed, 1);
		return 1;
	}
	return 0;
}

void *ot_malloc(size_t size)
{
	void *p = fault_hit(OT_ALLOC_FAULT_OWN) ? NULL : malloc(size ? size : 1);
	if (!p)
		die_oom(size);
	return p;
}

void *ot_calloc(size_t n, size_t size)
{
	void *p = fault_hit(OT_ALLOC_FAULT_OWN) ? NULL : calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die_oom(n * size);
	return p;
}

void *ot_realloc(void *ptr, size_t size)
{
	void *p = fault_hit(OT_ALLOC_FAULT_OWN) ? NULL : realloc(ptr, size ? size : 1);
	if (!p)
		die_oom(size);
	return p;
}

void *ot_reallocarray(void *ptr, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		die_oom(SIZE_MAX);
	return ot_realloc(ptr, n * size);
}

char *ot_strdup(const char *s)
{
	return ot_strndup(s, strlen(s));
}

char *ot_strndup(const char *s, size_t n)
{
	char *p = ot_malloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void ot_array_grow(void **arr, size_t *cap, size_t need, size_t size)
{
	size_t ncap;
	if (need <= *cap)
		return;
	ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			die_oom(SIZE_MAX);
		ncap *= 2;
	}
	*arr = ot_reallocarray(*arr, ncap, size);
	*cap = ncap;
}

/* ---- the four libraries' allocators, counted ---- */

/* a failing allocation returns NULL, as the C library's would */
static void *count_malloc(unsigned who, size_t n)
{
	return fault_hit(who) ? NULL : malloc(n);
}

static void *count_realloc(unsigned who, void *p, size_t n)
{
	return fault_hit(who) ? NULL : realloc(p, n);
}

static char *count_strndup(unsigned who, const char *s, size_t n)
{
	char *p = count_malloc(who, n + 1);
	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

/* libgit2 (git2/sys/alloc.h, 1.5): set its out-of-memory error itself,
 * as its standard allocator does, so its callers report "out of memory" */
static void *git_oom(void *p)
{
	if (!p)
		git_error_set_oom();
	return p;
}

static void *g_malloc(size_t n, const char *file, int line)
{
	(void)file, (void)line;
	return git_oom(count_malloc(OT_ALLOC_FAULT_LIBGIT2, n));
}

static void *g_calloc(size_t nelem, size_t elsize, const char *file, int line)
{
	(void)file, (void)line;
	return git_oom(fault_hit(OT_ALLOC_FAULT_LIBGIT2) ? NULL : calloc(nelem, elsize));
}

static char *g_strdup(const char *s, const char *file, int line)
{
	(void)file, (void)line;
	return git_oom(count_strndup(OT_ALLOC_FAULT_LIBGIT2, s, strlen(s)));
}

static char *g_strndup(const char *s, size_t n, const char *file, int line)
{
	const char *end = memchr(s, '\0', n);
	(void)file, (void)line;
	return git_oom(count_strndup(OT_ALLOC_FAULT_LIBGIT2, s, end ? (size_t)(end - s) : n));
}

static char *g_substrdup(const char *s, size_t n, const char *file, int line)
{
	(void)file, (void)line;
	return git_oom(count_strndup(OT_ALLOC_FAULT_LIBGIT2, s, n));
}

static void *g_realloc(void *p, size_t n, const char *file, int line)
{
	(void)file, (void)line;
	return git_oom(count_realloc(OT_ALLOC_FAULT_LIBGIT2, p, n));
}

static void *g_reallocarray(void *p, size_t nelem, size_t elsize, const char *file, int line)
{
	(void)file, (void)line;
	if (elsize && nelem > SIZE_MAX / elsize)
		return git_oom(NULL);
	return git_oom(count_realloc(OT_ALLOC_FAULT_LIBGIT2, p, nelem * elsize));
}

static void *g_mallocarray(size_t nelem, size_t elsize, const char *file, int line)
{
	return g_reallocarray(NULL, nelem, elsize, file, line);
}

static void g_free(void *p)
{
	free(p);
}

/* SQLite: its default allocator, behind the counter */
static sqlite3_mem_methods sqlite_default;

static void *s_malloc(int n)
{
	return fault_hit(OT_ALLOC_FAULT_SQLITE) ? NULL : sqlite_default.xMalloc(n);
}

static void *s_realloc(void *p, int n)
{
	return fault_hit(OT_ALLOC_FAULT_SQLITE) ? NULL : sqlite_default.xRealloc(p, n);
}

/* libxml2 */
static void *x_malloc(size_t n)
{
	return count_malloc(OT_ALLOC_FAULT_LIBXML2, n);
}

static void *x_realloc(void *p, size_t n)
{
	return count_realloc(OT_ALLOC_FAULT_LIBXML2, p, n);
}

static char *x_strdup(const char *s)
{
	return count_strndup(OT_ALLOC_FAULT_LIBXML2, s, strlen(s));
}

/* jansson: never NULL, as ot_malloc (see ot_alloc_init) */
static void *j_malloc(size_t n)
{
	void *p = fault_hit(OT_ALLOC_FAULT_JANSSON) ? NULL : malloc(n);
	if (!p)
		die_oom(n);
	return p;
}

void ot_alloc_init(ot_oom_handler fn)
{
	oom_handler = fn;
	json_set_alloc_funcs(j_malloc, free);
}

int ot_alloc_fault_setup(unsigned long n, unsigned which)
{
	static git_allocator galloc = {g_malloc,    g_calloc,	    g_strdup,	   g_strndup, g_substrdup,
				       g_realloc,   g_reallocarray, g_mallocarray, g_free};
	static sqlite3_mem_methods smem;
	int rc;

	fault_at = n;
	fault_persistent = (which & OT_ALLOC_FAULT_PERSISTENT) != 0;
	/* SQLite first: it refuses a new allocator once initialised */
	if ((rc = sqlite3_config(SQLITE_CONFIG_GETMALLOC, &sqlite_default)) != SQLITE_OK)
		return ot_error_set(-1, "fault injection: SQLite's allocator: %s", sqlite3_errstr(rc));
	smem = sqlite_default;
	smem.xMalloc = s_malloc;
	smem.xRealloc = s_realloc;
	if ((rc = sqlite3_config(SQLITE_CONFIG_MALLOC, &smem)) != SQLITE_OK)
		return ot_error_set(-1, "fault injection: SQLite's allocator: %s", sqlite3_errstr(rc));
	/* libgit2 installs its standard allocator in git_libgit2_init (in
	 * some versions over one set before it): initialise, then replace */
	if (git_libgit2_init() < 0 || git_libgit2_opts(GIT_OPT_SET_ALLOCATOR, &galloc) < 0)
		return ot_error_set(-1, "fault injection: libgit2's allocator: %s",
				    git_error_last() ? git_error_last()->message : "refused");
	/* libgit2 1.5.1 allocates its per-thread error state at the first
	 * error and dereferences it unchecked (a crash in git_error_set when
	 * that allocation fails): make it exist before counting starts */
	git_error_clear();
	if (xmlMemSetup(free, x_malloc, x_realloc, x_strdup) != 0)
		return ot_error_set(-1, "fault injection: libxml2's allocator refused");
	json_set_alloc_funcs(j_malloc, free);
	fault_which = which & OT_ALLOC_FAULT_ALL;
	return 0;
}

unsigned long ot_alloc_fault_count(void)
{
	return atomic_load(&fault_count);
}

unsigned long ot_alloc_fault_failed(void)
{
	return atomic_load(&fault_failed);
}
