/*
 * tracker_internal.h - the tracker handle shared by tracker.c (open, lock),
 * store.c (git reads and writes), index.c (SQLite) and rev.c.  Private to
 * the library.
 */
#ifndef ORDTRACK_TRACKER_INTERNAL_H
#define ORDTRACK_TRACKER_INTERNAL_H

#include <git2.h>
#include <sqlite3.h>

#include "ordtrack/tracker.h"

#define OT_MAIN_REF "refs/heads/main"
#define OT_INDEX_FILE "index.sqlite"
#define OT_LOCK_FILE "ordtrack.lock"
#define OT_LOCK_TIMEOUT_MS 60000

struct ot_tracker {
	char *path;
	git_repository *repo;
	sqlite3 *db;
	int lock_fd;
	int lock_depth;
};

/* Record libgit2's last error as our message: "<what>: <git message>".
 * Returns -1 (or OT_ENOTFOUND when `code` is GIT_ENOTFOUND). */
int ot_git_error(int code, const char *what);

/* Record SQLite's error: "index: <what>: <sqlite message>"; returns -1. */
int ot_sqlite_error(sqlite3 *db, const char *what);

/* index.c: open (creating the schema) and bring up to date with main. */
int ot_index_open(ot_tracker *t);
int ot_index_catch_up(ot_tracker *t);

/* Count the units of a canonical section text (its non-blank lines). */
long ot_canonical_units(const char *data, size_t len);

/* store.c: the commit main points at, hex into out; OT_ENOTFOUND when main
 * does not exist yet. */
int ot_store_head(char out[41], ot_tracker *t);

#endif
