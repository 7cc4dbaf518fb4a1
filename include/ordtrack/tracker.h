/*
 * ordtrack/tracker.h - finding, creating and opening a tracker.
 *
 * A tracker is one directory: a bare git repository (the record) with
 * ordtrack's SQLite index (index.sqlite) and a lock file inside it.  It is
 * found like git finds a repository: an explicit path, then
 * $ORDTRACK_DIR, then ".ordtrack" in this or a parent directory.
 *
 * Writers hold the tracker lock (flock on <tracker>/ordtrack.lock) for the
 * whole of a write; the single commit point is a compare-and-swap update of
 * one ref.  The index is derived: opening a tracker brings it up to date
 * with the refs.
 */
#ifndef ORDTRACK_TRACKER_H
#define ORDTRACK_TRACKER_H

typedef struct ot_tracker ot_tracker;

/* Find the tracker directory: `explicit_path` when given (the command
 * line passes --tracker or $ORDTRACK_DIR; the library reads no
 * environment variable), else ".ordtrack" in the current or a parent
 * directory.
 * Returns 0 and a malloc'd path in *out, or OT_ENOTFOUND with a message
 * that says how to create one. */
int ot_tracker_discover(char **out, const char *explicit_path);

/* Create a tracker at `path` (the directory may exist if empty).  Returns
 * 0, OT_EEXISTS if a tracker is already there, or -1. */
int ot_tracker_init(const char *path);

/* Open the tracker at `path` and bring its index up to date.  Returns 0
 * and a handle in *out (free with ot_tracker_free), OT_ENOTFOUND when
 * `path` is not a tracker, or -1. */
int ot_tracker_open(ot_tracker **out, const char *path);

void ot_tracker_free(ot_tracker *t);

/* The tracker's directory; borrowed from t. */
const char *ot_tracker_path(const ot_tracker *t);

/* Take / release the writer lock.  Waits up to `timeout_ms` for another
 * writer; returns 0, or OT_ECONFLICT naming the lock file.  Locks nest:
 * only the outermost unlock releases. */
int ot_tracker_lock(ot_tracker *t, int timeout_ms);
void ot_tracker_unlock(ot_tracker *t);

#endif
