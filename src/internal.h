/*
 * internal.h - helpers shared by the library's own files, not part of the
 * public API: allocation that aborts on out-of-memory, small string and
 * array utilities.
 */
#ifndef ORDTRACK_INTERNAL_H
#define ORDTRACK_INTERNAL_H

#include <stddef.h>
#include <string.h>

#include "ordtrack/buf.h"
#include "ordtrack/common.h"

/* Allocation: never returns NULL.  On failure prints one line and aborts
 * (there is no sane way to continue a half-built record). */
void *ot_malloc(size_t size);
void *ot_calloc(size_t n, size_t size);
void *ot_realloc(void *ptr, size_t size);
/* reallocate an array of n elements of `size`, checking for overflow */
void *ot_reallocarray(void *ptr, size_t n, size_t size);
char *ot_strdup(const char *s);
char *ot_strndup(const char *s, size_t n);

/* Grow *arr (element size `size`) so that it holds at least `need`
 * elements; *cap is updated.  Amortised doubling. */
void ot_array_grow(void **arr, size_t *cap, size_t need, size_t size);
#define OT_ARRAY_PUSH(arr, n, cap)                                          \
	(ot_array_grow((void **)&(arr), &(cap), (n) + 1, sizeof(*(arr))),   \
	 &(arr)[(n)++])

/* worddiff.c: ot_text_similarity that may stop early, returning an upper
 * bound below `min`, when the texts cannot reach it (used by diff.c). */
double ot_text_similarity_min(const char *a, size_t alen, const char *b, size_t blen, double min);

#define OT_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
