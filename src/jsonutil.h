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
#include <stdlib.h>

#include "internal.h"

#include "ordtrack/record.h"

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

/* A record's facts as a JSON object: id, type, title, status,
 * introduced, closed, effective, sponsors, ordinances (in that order; the
 * shape `status --format json` and `summary --format json` share). */
static inline json_t *ot_json_record_facts(const ot_record *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(r->id));
	json_object_set_new(o, "type", json_string(ot_record_type_names[r->type]));
	json_object_set_new(o, "title", json_string(r->title));
	json_object_set_new(o, "status", json_string(ot_status_names[r->status]));
	json_object_set_new(o, "introduced", json_string(r->introduced));
	json_object_set_new(o, "closed", ot_json_str_or_null(r->closed));
	json_object_set_new(o, "effective", ot_json_str_or_null(r->effective));
	json_object_set_new(o, "sponsors", ot_json_strv(r->sponsors, r->nsponsors));
	json_object_set_new(o, "ordinances", ot_json_strv(r->ordinances, r->nordinances));
	return o;
}

/* Append root to out as a versioned document prints (two-space indent,
 * keys in insertion order, a final newline) and release root.  jansson
 * fails only for want of memory, which stops the program as ot_malloc
 * does. */
static inline void ot_json_append(ot_buf *out, json_t *root)
{
	char *s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (!s) {
		ot_malloc((size_t)-1);
		return;
	}
	ot_buf_puts(out, s);
	ot_buf_putc(out, '\n');
	free(s);
}

#endif
