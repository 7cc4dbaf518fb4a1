/*
 * members_csv.c - a council's members as a CSV file (ot_members_csv_read):
 * a header naming the columns (name, ward, from, to, aliases; any order,
 * any case; columns it does not know are refused, so that a misspelt
 * "ward" is not silently dropped), then one member term per line.  The
 * result is an import set of members only, which ot_record_import merges
 * into the tracker's members like any other source's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "internal.h"
#include "jsonfile.h"
#include "ordtrack/record_import.h"
#include "ordtrack/validate.h"

enum { COL_NAME, COL_WARD, COL_FROM, COL_TO, COL_ALIASES, NCOLS };
static const char *const col_names[NCOLS] = {"name", "ward", "from", "to", "aliases"};
#define MAX_FIELDS 16

static int parse_header(int col_of[NCOLS], ot_buf *f, int nf, const char *name, size_t lineno)
{
	int i, c;
	for (c = 0; c < NCOLS; c++)
		col_of[c] = -1;
	for (i = 0; i < nf && i < MAX_FIELDS; i++) {
		for (c = 0; c < NCOLS && strcasecmp(f[i].ptr, col_names[c]) != 0; c++)
			;
		if (c == NCOLS)
			return ot_error_set(OT_EINVALID,
					    "%s:%zu: unknown column '%s'; the columns are name, ward, from, to and aliases",
					    name, lineno, f[i].ptr);
		if (col_of[c] >= 0)
			return ot_error_set(OT_EINVALID, "%s:%zu: the column '%s' is given twice", name, lineno, f[i].ptr);
		col_of[c] = i;
	}
	if (col_of[COL_NAME] < 0)
		return ot_error_set(OT_EINVALID,
				    "%s:%zu: the first line must name the columns (name, ward, from, to, aliases); "
				    "it has no 'name' column",
				    name, lineno);
	return 0;
}

static int read_member(ot_import_member *im, const int col_of[NCOLS], ot_buf *f, int nf, const char *name,
		       size_t lineno)
{
	const char *v[NCOLS];
	int c;
	memset(im, 0, sizeof(*im));
	for (c = 0; c < NCOLS; c++)
		v[c] = col_of[c] >= 0 && col_of[c] < nf && f[col_of[c]].len ? f[col_of[c]].ptr : NULL;
	if (!v[COL_NAME])
		return ot_error_set(OT_EINVALID, "%s:%zu: the member name is empty", name, lineno);
	im->m.name = ot_strdup(v[COL_NAME]);
	if (v[COL_WARD]) {
		char *end;
		long w = strtol(v[COL_WARD], &end, 10);
		if (*end || w < 0 || w > 1000)
			return ot_error_set(OT_EINVALID, "%s:%zu: ward '%s' is not a number from 0 to 1000 (0: none)", name,
					    lineno, v[COL_WARD]);
		im->m.ward = (int)w;
	}
	if (v[COL_FROM]) {
		if (ot_date_parse(NULL, v[COL_FROM]) < 0)
			return ot_error_set(OT_EINVALID, "%s:%zu: from: %s", name, lineno, ot_error_last());
		im->m.from = ot_strdup(v[COL_FROM]);
	}
	if (v[COL_TO]) {
		if (ot_date_parse(NULL, v[COL_TO]) < 0)
			return ot_error_set(OT_EINVALID, "%s:%zu: to: %s", name, lineno, ot_error_last());
		im->m.to = ot_strdup(v[COL_TO]);
	}
	if (v[COL_ALIASES]) {
		const char *p = v[COL_ALIASES];
		while (*p) {
			const char *e = strchr(p, ';'), *end = e ? e : p + strlen(p);
			while (p < end && (*p == ' ' || *p == '\t'))
				p++;
			while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
				end--;
			if (end > p)
				*OT_ARRAY_PUSH(im->m.aliases, im->m.naliases, im->m.alcap) = ot_strndup(p, (size_t)(end - p));
			if (!e)
				break;
			p = e + 1;
		}
	}
	{
		char where[64];
		snprintf(where, sizeof(where), ":%zu", lineno);
		im->file = ot_malloc(strlen(name) + strlen(where) + 1);
		strcpy(im->file, name);
		strcat(im->file, where);
	}
	return 0;
}

int ot_members_csv_read(ot_import_set *out, const char *data, size_t len, const char *name)
{
	ot_buf f[MAX_FIELDS];
	int col_of[NCOLS], have_header = 0, err = 0, i;
	size_t lineno = 0;
	char *copy, *line, *next;

	memset(out, 0, sizeof(*out));
	out->format = OT_SOURCE_CSV;
	if (ot_utf8_check(data, len, &lineno, NULL) < 0)
		return ot_error_set(OT_EINVALID, "%s:%zu: not valid UTF-8 text", name, lineno);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (memchr(data, '\0', len))
		return ot_error_set(OT_EINVALID, "%s: a NUL byte; not a CSV text file", name);
	for (i = 0; i < MAX_FIELDS; i++)
		ot_buf_init(&f[i]);
	copy = ot_strndup(data, len);
	lineno = 0;
	for (line = copy; line && *line && !err; line = next) {
		const char *why = "";
		size_t l;
		int nf;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		l = strlen(line);
		if (l && line[l - 1] == '\r')
			line[--l] = '\0';
		while (*line == ' ' || *line == '\t')
			line++;
		if (!*line || *line == '#')
			continue;
		for (i = 0; i < MAX_FIELDS; i++)
			ot_buf_clear(&f[i]);
		if ((nf = ot_csv_fields(f, MAX_FIELDS, line, &why)) < 0) {
			err = ot_error_set(OT_EINVALID, "%s:%zu: %s", name, lineno, why);
		} else if (nf > MAX_FIELDS) {
			err = ot_error_set(OT_EINVALID, "%s:%zu: %d fields; a member line has at most %d", name, lineno, nf,
					   MAX_FIELDS);
		} else if (!have_header) {
			err = parse_header(col_of, f, nf, name, lineno);
			have_header = 1;
		} else {
			ot_import_member *im = OT_ARRAY_PUSH(out->members, out->nmembers, out->mcap);
			err = read_member(im, col_of, f, nf, name, lineno);
		}
	}
	for (i = 0; i < MAX_FIELDS; i++)
		ot_buf_release(&f[i]);
	free(copy);
	if (!err && !out->nmembers)
		err = ot_error_set(OT_EINVALID, "%s: no member listed (a header line, then one member per line)", name);
	return err;
}

int ot_members_csv_load(ot_import_set *out, const char *path)
{
	ot_buf data = OT_BUF_INIT;
	int err = ot_source_file_read(&data, path, 0);
	memset(out, 0, sizeof(*out));
	if (err == 0)
		err = ot_members_csv_read(out, data.ptr ? data.ptr : "", data.len, path);
	ot_buf_release(&data);
	return err;
}
