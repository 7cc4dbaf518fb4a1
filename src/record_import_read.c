/*
 * record_import_read.c - which reader an import path needs: the layout of
 * a Legistar dump, an OCD scrape and eLMS matter files told apart
 * (docs/record-import.md, "Telling the formats apart"), then that reader.
 * Kept apart from the vocabularies so that a program using one reader
 * links only that one.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "internal.h"
#include "ordtrack/record_import.h"

/* 1 when dir holds a file NAME.json whose name starts with prefix */
static int has_json_with_prefix(const char *path, const char *prefix)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int found = 0;
	if (!d)
		return 0;
	while (!found && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		found = n > 5 && strncmp(e->d_name, prefix, strlen(prefix)) == 0 &&
			strcmp(e->d_name + n - 5, ".json") == 0;
	}
	closedir(d);
	return found;
}

static int is_file(const char *dir, const char *name)
{
	char path[4096];
	struct stat st;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return stat(path, &st) == 0;
}

int ot_import_set_read(ot_import_set *out, const char *path, int format)
{
	struct stat st;
	memset(out, 0, sizeof(*out));
	if (format < 0) {
		/* docs/record-import.md, "Telling the formats apart" */
		if (stat(path, &st) < 0)
			return ot_error_set(OT_ENOTFOUND, "%s: no such file or directory", path);
		if (!S_ISDIR(st.st_mode))
			format = strlen(path) > 4 && strcasecmp(path + strlen(path) - 4, ".csv") == 0 ? OT_SOURCE_CSV
												 : OT_SOURCE_ELMS;
		else if (is_file(path, "matters.json"))
			format = OT_SOURCE_LEGISTAR;
		else if (has_json_with_prefix(path, "jurisdiction_") || has_json_with_prefix(path, "membership_") ||
			 has_json_with_prefix(path, "bill_") || has_json_with_prefix(path, "person_") ||
			 has_json_with_prefix(path, "vote_event_"))
			format = OT_SOURCE_OCD;
		else if (has_json_with_prefix(path, ""))
			format = OT_SOURCE_ELMS;
		else
			return ot_error_set(OT_EINVALID,
					    "%s: neither a Legistar dump (matters.json), an OCD scrape (bill_*.json, "
					    "person_*.json) nor eLMS matter files; give --format", path);
	}
	switch (format) {
	case OT_SOURCE_LEGISTAR: return ot_legistar_read(out, path);
	case OT_SOURCE_ELMS: return ot_elms_read(out, path);
	case OT_SOURCE_OCD: return ot_ocd_read(out, path);
	case OT_SOURCE_CSV: return ot_members_csv_load(out, path);
	default: return ot_error_set(OT_EINVALID, "import format %d is not one of ot_source_format", format);
	}
}
