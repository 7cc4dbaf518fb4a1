/*
 * alloc.c - the one allocation wrapper.  Every allocation in the library
 * goes through here; on failure it prints one line and aborts, since a
 * half-built record is worse than a stopped process (the commit point is a
 * single ref update, so nothing on disk is left inconsistent).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

static void die_oom(size_t size)
{
	fprintf(stderr, "ordtrack: out of memory allocating %zu bytes\n", size);
	abort();
}

void *ot_malloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		die_oom(size);
	return p;
}

void *ot_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die_oom(n * size);
	return p;
}

void *ot_realloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
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
