/*
 * tracker_internal.h - the tracker handle shared by tracker.c (open, lock),
 * store.c (git reads and writes), index.c (SQLite) and rev.c.  Private to
 * the library.
 */
#ifndef ORDTRACK_TRACKER_INTERNAL_H
#define ORDTRACK_TRACKER_INTERNAL_H

#include <git2.h>
#include <sqlite3.h>

#include "ordtrack/doc.h"
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
	git_odb_backend *mempack; /* see ot_store_batch_begin */
	git_oid *batch_ids;       /* objects written in the open batch, in order */
	size_t nbatch, batch_cap;
	int packs_written;        /* a batch wrote a pack since the lock was taken */
	int refs_moved;           /* ot_gw_move_ref moved a ref since then */
};

/* Record libgit2's last error as our message: "<what>: <git message>".
 * Returns -1 (or OT_ENOTFOUND when `code` is GIT_ENOTFOUND). */
int ot_git_error(int code, const char *what);

/* Record SQLite's error: "index: <what>: <sqlite message>"; returns -1. */
int ot_sqlite_error(sqlite3 *db, const char *what);

/* Binding a copied text or blob (SQLITE_TRANSIENT) allocates, and when
 * that fails SQLite leaves the parameter NULL: the statement would then
 * run with a NULL there (a wrong row, or a constraint error that hides the
 * cause).  So index.c and query.c bind through these, which remember the
 * failure (per thread), and step through ot_sql_step, which then refuses
 * to run the statement (SQLITE_NOMEM; ot_sqlite_error says "out of
 * memory").  Same arguments and returns as sqlite3_bind_text,
 * sqlite3_bind_blob and sqlite3_step. */
int ot_sql_bind_text(sqlite3_stmt *st, int i, const char *s, int n, void (*del)(void *));
int ot_sql_bind_blob(sqlite3_stmt *st, int i, const void *p, int n, void (*del)(void *));
int ot_sql_step(sqlite3_stmt *st);

/* index.c: open (creating the schema) and bring up to date with main. */
int ot_index_open(ot_tracker *t);
int ot_index_catch_up(ot_tracker *t);

/* A section blob written by a store operation and its unit count. */
typedef struct ot_blob_units {
	git_oid id;
	long units;
	const ot_node *section; /* its parsed section (borrowed), or NULL */
} ot_blob_units;

/* Record the unit counts of blobs just written, so that catching up does
 * not read them back.  The blobs table is a cache keyed by content id, so
 * rows for objects that never become reachable are harmless. */
int ot_index_note_blobs(ot_tracker *t, const ot_blob_units *blobs, size_t n);

/* Bring the FTS5 index up to the units recorded (it is filled lazily, at
 * the first search after a write). */
int ot_index_fts_catch_up(ot_tracker *t);

/* Count the units of a canonical section text (its non-blank lines). */
long ot_canonical_units(const char *data, size_t len);

/* store.c: the commit main points at, hex into out; OT_ENOTFOUND when main
 * does not exist yet. */
int ot_store_head(char out[41], ot_tracker *t);

/*
 * Object write batches (store.c).  Every object write happens between
 * ot_store_batch_begin and ot_store_batch_flush: the objects go to an
 * in-memory store (libgit2's mempack backend, attached to the repository's
 * object database with the highest priority), each noted with
 * ot_store_batch_note, and are written to disk as one pack file, fsynced
 * once, instead of one loose file (and one fsync) each.  The pack holds
 * exactly the noted objects (git_mempack_dump would walk each commit's
 * whole tree and repack every section of the code), newest first.  Flush before moving a ref to the objects.  ot_store_batch_abort
 * drops what was written.  The backend stays attached for the tracker's
 * life, so no object may be written outside a batch.
 */
int ot_store_batch_begin(ot_tracker *t);
/* Note an object written in the batch (it goes into the pack). */
void ot_store_batch_note(ot_tracker *t, const git_oid *id);
int ot_store_batch_flush(ot_tracker *t);
void ot_store_batch_abort(ot_tracker *t);

/*
 * The pack count stays bounded (store.c): when objects/pack holds more
 * than OT_PACK_LIMIT packs (not counting packs with a .keep file), the
 * small packs are merged whole into one (those that break a geometric
 * progression of sizes), or, when that is all of them, one pack of every
 * object reachable from a ref replaces every pack listed before it
 * started; and the loose refs are packed.  The environment
 * variable ORDTRACK_PACK_LIMIT (a whole number >= 1) overrides the limit:
 * a test knob.  Call with the writer lock held, no batch open and the
 * refs where the write left them; ot_tracker_unlock does so after a
 * write that produced a pack.  0 when nothing was needed or all went
 * well; < 0 with the error set otherwise, the repository still valid (at
 * worst duplicate packs, which the next run removes).  Resets the
 * repository's object database (t->mempack becomes NULL).
 */
#define OT_PACK_LIMIT 50
int ot_store_consolidate(ot_tracker *t);

#endif
