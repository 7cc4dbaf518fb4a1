/*
 * jsonutil.h - small jansson builders that the JSON writers share (the
 * record files, export, summaries, and the status and records commands).
 * Header-only: static inline, so a command can use them without the
 * library exporting them.
 */
#ifndef ORDTRACK_JSONUTIL_H
#define ORDTRACK_JSONUTIL_H

#include <jansson.h>
#include <stddef.h>

/* A JSON string, or null for NULL. */
static inline json_t *ot_json_str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* A JSON array of the n strings of v. */
static inline json_t *ot_json_strv(char *const *v, size_t n)
{
	json_t *a = json_array();
	size_t i;
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

#endif
