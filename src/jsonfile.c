/*
 * jsonfile.c - other systems' JSON files, read safely, and field getters
 * whose messages name the file and the field (see jsonfile.h).
 *
 * A getter tells three cases apart, since a source that always sends a
 * key (Legistar sends every key, null when empty) makes an absent key a
 * misspelling or a damaged file, not an empty value: a key not there, a
 * null, and a value of the wrong type.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "jsonfile.h"
#include "ordtrack/validate.h"
#include "xmlsafe.h"

int ot_source_file_read(ot_buf *out, const char *path, int optional)
{
	struct stat st;
	size_t cap = ot_input_cap(), got = 0;
	char *data;
	int fd;

	if (lstat(path, &st) < 0) {
		if (errno == ENOENT)
			return optional ? 1 : ot_error_set(OT_ENOTFOUND, "%s: no such file", path);
		return ot_error_set(OT_ERROR, "%s: %s", path, strerror(errno));
	}
	if (S_ISLNK(st.st_mode))
		return ot_error_set(OT_EINVALID, "%s: " OT_SOURCE_SYMLINK, path);
	if (!S_ISREG(st.st_mode))
		return ot_error_set(OT_EINVALID, "%s: not a regular file", path);
	if ((size_t)st.st_size > cap)
		return ot_error_set(OT_EINVALID,
				    "%s: %lld bytes, over the input limit of %zu bytes; raise ORDTRACK_MAX_INPUT if it is genuine",
				    path, (long long)st.st_size, cap);
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW)) < 0)
		return ot_error_set(OT_ERROR, "%s: %s", path, strerror(errno));
	data = ot_malloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, data + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (got != (size_t)st.st_size) {
		free(data);
		return ot_error_set(OT_ERROR, "%s: could not read the whole file", path);
	}
	ot_buf_put(out, data, got);
	free(data);
	return 0;
}

int ot_source_dirs_check(const char *root, const char *path)
{
	size_t n = strlen(root), i;
	struct stat st;
	char *p;
	int err = 0;

	if (strncmp(path, root, n) != 0)
		return 0;
	p = ot_strdup(path);
	/* each '/' after root ends a directory below it ("root/" ends root) */
	for (i = n; p[i] && !err; i++) {
		if (p[i] != '/' || i == n || p[i - 1] == '/')
			continue;
		p[i] = 0;
		if (lstat(p, &st) < 0)
			break; /* absent: the file's own read says so */
		if (S_ISLNK(st.st_mode))
			err = ot_error_set(OT_EINVALID, "%s: " OT_SOURCE_SYMLINK, p);
		p[i] = '/';
	}
	free(p);
	return err;
}

int ot_json_file_load(json_t **out, const char *path, int optional)
{
	ot_buf data = OT_BUF_INIT;
	json_error_t je;
	int err;

	*out = NULL;
	if ((err = ot_source_file_read(&data, path, optional)) != 0) {
		ot_buf_release(&data);
		return err > 0 ? 0 : err; /* 1: absent and optional */
	}
	*out = json_loadb(data.ptr ? data.ptr : "", data.len, JSON_REJECT_DUPLICATES, &je);
	ot_buf_release(&data);
	if (!*out)
		return ot_error_set(OT_EINVALID, "%s:%d: %s", path, je.line, je.text);
	return 0;
}

void ot_jf_at(ot_jf *jf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(jf->where, sizeof(jf->where), fmt, ap);
	va_end(ap);
}

int ot_jf_bad(ot_jf *jf, const char *field, const char *fmt, ...)
{
	char what[400];
	va_list ap;
	if (jf->err)
		return jf->err;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (!*jf->where && !field) /* the file's top object itself */
		jf->err = ot_error_set(OT_EINVALID, "%s: %s", jf->file, what);
	else
		jf->err = ot_error_set(OT_EINVALID, "%s: %s%s%s: %s", jf->file, jf->where,
				       field && *jf->where ? "." : "", field ? field : "", what);
	return jf->err;
}

int ot_jf_failed(const ot_jf *jf)
{
	return jf->err != 0;
}

int ot_jf_finish(const ot_jf *jf)
{
	return jf->err;
}

static json_t *get(ot_jf *jf, json_t *o, const char *key, int optional, int (*is)(const json_t *),
		   const char *type)
{
	json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;
	if (!json_is_object(o)) {
		ot_jf_bad(jf, NULL, "not a JSON object");
		return NULL;
	}
	if (!v) {
		if (optional != 1)
			ot_jf_bad(jf, key,
				  "missing: no such key (the source sends it in every entry; a misspelt key, or a "
				  "damaged or edited file?)");
		return NULL;
	}
	if (json_is_null(v)) {
		if (!optional)
			ot_jf_bad(jf, key, "missing (the source gives it on every entry)");
		return NULL;
	}
	if (!is(v)) {
		ot_jf_bad(jf, key, "not %s", type);
		return NULL;
	}
	return v;
}

static int is_string(const json_t *v)
{
	return json_is_string(v);
}
static int is_array(const json_t *v)
{
	return json_is_array(v);
}
static int is_object(const json_t *v)
{
	return json_is_object(v);
}
static int is_any(const json_t *v)
{
	(void)v;
	return 1;
}

const char *ot_jf_str(ot_jf *jf, json_t *o, const char *key, int optional)
{
	json_t *v = get(jf, o, key, optional, is_string, "a string");
	return v ? json_string_value(v) : NULL;
}

char *ot_jf_strdup(ot_jf *jf, json_t *o, const char *key, int optional)
{
	const char *s = ot_jf_str(jf, o, key, optional);
	return s ? ot_strdup(s) : NULL;
}

int ot_jf_int(ot_jf *jf, json_t *o, const char *key, int optional, long long *out)
{
	json_t *v = get(jf, o, key, optional, is_any, "");
	if (!v)
		return 0;
	if (json_is_integer(v)) {
		*out = (long long)json_integer_value(v);
		return 1;
	}
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		char *end;
		long long n;
		errno = 0;
		n = strtoll(s, &end, 10);
		if (*s && *s != '-' && *s != '+' && !*end && !errno) {
			*out = n;
			return 1;
		}
	}
	ot_jf_bad(jf, key, "not a whole number");
	return 0;
}

int ot_jf_bool(ot_jf *jf, json_t *o, const char *key, int optional)
{
	json_t *v = get(jf, o, key, optional, is_any, "");
	if (!v)
		return -1;
	if (json_is_boolean(v))
		return json_is_true(v);
	if (json_is_integer(v) && (json_integer_value(v) == 0 || json_integer_value(v) == 1))
		return (int)json_integer_value(v);
	ot_jf_bad(jf, key, "not true/false (or 0/1)");
	return -1;
}

char *ot_jf_date(ot_jf *jf, json_t *o, const char *key, int optional)
{
	static const unsigned mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	const char *s = ot_jf_str(jf, o, key, optional);
	unsigned y = 0, m, d, lim;
	char out[11];
	int i;
	if (!s)
		return NULL;
	/* YYYY-MM-DD, then nothing or a time: T or a space */
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9'))
			break;
	if (i < 10 || (s[10] && s[10] != 'T' && s[10] != ' ')) {
		ot_jf_bad(jf, key, "'%.40s' is not a date in the form YYYY-MM-DD (or an ISO date-time)", s);
		return NULL;
	}
	for (i = 0; i < 4; i++)
		y = y * 10 + (unsigned)(s[i] - '0');
	m = (unsigned)(s[5] - '0') * 10 + (unsigned)(s[6] - '0');
	d = (unsigned)(s[8] - '0') * 10 + (unsigned)(s[9] - '0');
	if (m < 1 || m > 12) {
		ot_jf_bad(jf, key, "'%.40s' does not exist (there is no month %02u)", s, m);
		return NULL;
	}
	lim = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	if (d < 1 || d > lim) {
		ot_jf_bad(jf, key, "'%.40s' does not exist (%04u-%02u has %u days)", s, y, m, lim);
		return NULL;
	}
	memcpy(out, s, 10);
	out[10] = 0;
	if (ot_date_parse(NULL, out) < 0) { /* a year ordtrack does not keep */
		ot_jf_bad(jf, key,
			  "'%.40s' has the year %04u; ordtrack keeps dates from 1000 to 9999 (is it a placeholder "
			  "for no date? the source should send null)",
			  s, y);
		return NULL;
	}
	return ot_strdup(out);
}

json_t *ot_jf_array(ot_jf *jf, json_t *o, const char *key, int optional)
{
	return get(jf, o, key, optional, is_array, "a list");
}

json_t *ot_jf_object(ot_jf *jf, json_t *o, const char *key, int optional)
{
	return get(jf, o, key, optional, is_object, "an object");
}
