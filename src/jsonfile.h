/*
 * jsonfile.h - reading other systems' JSON files from disk, safely, with
 * messages that name the file and the field (private to the library; the
 * record importers share it).
 *
 * A file is read only when it is a regular file (symlinks are refused:
 * a scrape directory must not lead outside itself; ot_source_dirs_check
 * refuses a symlinked directory on the way to it) within the input cap
 * (ot_limits.max_input), parsed by jansson with duplicate keys refused;
 * its UTF-8 is checked by jansson.
 *
 * The field getters take an ot_jf context that holds the file name and
 * the path of the object being read ("[3].MatterHistoryActionName") and
 * keep the FIRST problem met: a reader calls them freely and checks
 * ot_jf_failed once per object.  Every message reads
 * "FILE: FIELD: what is wrong" and ends with what to do.
 */
#ifndef ORDTRACK_JSONFILE_H
#define ORDTRACK_JSONFILE_H

#include <jansson.h>
#include <stddef.h>

#include "ordtrack/buf.h"

typedef struct ot_jf {
	const char *file; /* for messages */
	char where[160];  /* the object being read: "" for the top, "[3]", "actions[2]" */
	int err;          /* the first problem's code, 0 while none */
} ot_jf;

/* What a symbolic link met in a source directory is told (file or directory alike). */
#define OT_SOURCE_SYMLINK "a symbolic link; a source directory holds its own files, copy them in"

/* Read the regular file `path` (no symlink, within the cap) and append
 * it to out.  0; 1 when absent and `optional`; or an error as below. */
int ot_source_file_read(ot_buf *out, const char *path, int optional);

/* The directories of `path` below `root` (path starts with root, e.g.
 * root "dump", path "dump/eventitems/391004/votes.json": "dump/eventitems"
 * and "dump/eventitems/391004"): none may be a symbolic link, as no file
 * may (root itself is the caller's to give).  0 (also when one does not
 * exist: reading the file then says so), or OT_EINVALID naming the link
 * ("PATH: " OT_SOURCE_SYMLINK). */
int ot_source_dirs_check(const char *root, const char *path);

/* Load `path` into *out (the caller json_decref's it).  0, or OT_ENOTFOUND
 * (absent; when `optional`, 0 with *out NULL), OT_EINVALID (a symlink,
 * not a regular file, over the cap, not JSON: "path:LINE: ..."), OT_ERROR. */
int ot_json_file_load(json_t **out, const char *path, int optional);

/* Begin reading an object: where = printf(fmt, ...). */
void ot_jf_at(ot_jf *jf, const char *fmt, ...);

/* Record a problem with `field` (NULL: the object itself) unless one was
 * recorded before; returns the error code (OT_EINVALID). */
int ot_jf_bad(ot_jf *jf, const char *field, const char *fmt, ...);

int ot_jf_failed(const ot_jf *jf);

/* Fields.  `optional`: 1, absent or null gives NULL / 0 / -1 without a
 * problem; OT_JF_PRESENT, null does but the key must be there (a source
 * that sends every key, null when empty: a key not there is misspelt or
 * the file damaged); 0, absent, null or the wrong type is a problem. */
#define OT_JF_PRESENT 2
const char *ot_jf_str(ot_jf *jf, json_t *o, const char *key, int optional);   /* borrowed from o */
char *ot_jf_strdup(ot_jf *jf, json_t *o, const char *key, int optional);      /* copied; free() it */
/* An integer, also when written as a string of digits ("58813"), as some
 * APIs do; *out untouched on a problem.  Returns 1 when present. */
int ot_jf_int(ot_jf *jf, json_t *o, const char *key, int optional, long long *out);
/* A boolean, also 0/1 as Legistar's flags are; -1 when absent. */
int ot_jf_bool(ot_jf *jf, json_t *o, const char *key, int optional);
/* A date: "YYYY-MM-DD", or an ISO date-time ("2021-03-24T00:00:00",
 * "2021-03-24T10:00:00-05:00", "2021-03-24 10:00:00") cut to its date.
 * Another form ("03/24/2021") is a problem saying the form; a date of
 * that form that does not exist (2021-02-30, month 13) or whose year
 * ordtrack does not keep (0001-01-01) is a problem saying so.  Returns a
 * new string or NULL. */
char *ot_jf_date(ot_jf *jf, json_t *o, const char *key, int optional);
json_t *ot_jf_array(ot_jf *jf, json_t *o, const char *key, int optional);   /* borrowed */
json_t *ot_jf_object(ot_jf *jf, json_t *o, const char *key, int optional);  /* borrowed */

/* The line an import gives in out->skipped when it made record ids of
 * `n` file numbers written with blanks (ot_source_record_id returned 1),
 * `first` the first as written: "WHERE: N file numbers written with
 * spaces recorded with '-' ("Int 0001-2018" is Int-0001-2018)".
 * Nothing when n is 0.  (record_vocab.c, beside the rule itself.) */
struct ot_import_set;
void ot_source_record_ids_note(struct ot_import_set *out, const char *where, size_t n, const char *first);

/* The problem as the library error (ot_error_set) and its code; 0 when
 * none.  Messages set by the getters are already the library error, so
 * this only returns jf->err. */
int ot_jf_finish(const ot_jf *jf);

#endif
