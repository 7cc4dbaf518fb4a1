/*
 * ordtrack/fsck.h - checking a tracker's integrity, and repairing what can
 * be repaired without touching the record.
 *
 * ot_fsck checks, in order:
 *   lock    git lock files (*.lock) left in the tracker by a process that
 *           stopped: stale when no ordtrack writer holds the tracker lock,
 *           or when older than opts->stale_seconds;
 *   ref     every ref resolves to a commit; refs/records/<ID> names a safe id;
 *   object  every object reachable from a ref can be read and hashes to its
 *           id (strict hash verification), none is missing;
 *   tree    the layout of every tree: ordinances/<ORD>/<SECTION> regular
 *           files with safe names, records/<ID>.json, members.json; no
 *           "..", ".git", symlinks, submodules or unexpected entries;
 *   text    every section blob parses and is in canonical form;
 *   record  every records/<ID>.json and members.json reads back through
 *           the record reader (the reader is the schema) and is canonical;
 *   index   SQLite integrity_check and foreign_key_check, then the index
 *           compared table by table with a fresh rebuild from git.
 *
 * With opts->repair, ot_fsck then takes the writer lock, removes the stale
 * git lock files, rebuilds the index into a new file and renames it over
 * the old one; it never writes a git object or a ref.  Then it checks
 * again: the report's problems are those left after the repair.
 *
 * Ownership: the report owns every string in it; release it with
 * ot_fsck_report_release.
 */
#ifndef ORDTRACK_FSCK_H
#define ORDTRACK_FSCK_H

#include <stddef.h>

typedef enum {
	OT_FSCK_LOCK,
	OT_FSCK_REF,
	OT_FSCK_OBJECT,
	OT_FSCK_TREE,
	OT_FSCK_TEXT,
	OT_FSCK_RECORD,
	OT_FSCK_INDEX
} ot_fsck_kind;

/* "lock", "ref", "object", "tree", "text", "record", "index". */
const char *ot_fsck_kind_name(ot_fsck_kind kind);

typedef struct ot_fsck_problem {
	ot_fsck_kind kind;
	char *where;   /* ref name, object id, tree path, file, or index table */
	char *message; /* what is wrong, and what to do when there is something */
} ot_fsck_problem;

typedef struct ot_fsck_problems {
	ot_fsck_problem *items;
	size_t n, cap;
} ot_fsck_problems;

typedef struct ot_fsck_report {
	ot_fsck_problems problems; /* left after the checks (after repair) */
	ot_fsck_problems found;    /* with repair: what the first check found */
	char **repairs;            /* with repair: what was done, in order */
	size_t nrepairs, rcap;
	/* counts of what was checked */
	size_t refs, commits, trees, blobs, sections, records, lock_files;
	size_t index_tables;  /* tables compared with a fresh rebuild */
	size_t index_rows;    /* rows of the fresh rebuild compared */
} ot_fsck_report;

typedef struct ot_fsck_opts {
	int repair;          /* remove stale git lock files, rebuild the index */
	long stale_seconds;  /* a git lock file older than this is stale even
	                        while a writer runs; <= 0: 600 */
	int lock_timeout_ms; /* wait this long for a running writer; < 0: 60 s */
} ot_fsck_opts;

/*
 * Check the tracker at `path` (and repair it when opts->repair; opts may
 * be NULL for a plain check).  Returns 0 when the checks ran, whatever
 * they found (out->problems.n says whether the tracker is clean); OT_ENOTFOUND
 * when `path` is not a tracker; OT_ECONFLICT when --repair cannot take the
 * writer lock; -1 when the checks themselves could not run.  *out is
 * filled in every case (release it with ot_fsck_report_release).
 */
int ot_fsck(ot_fsck_report *out, const char *path, const ot_fsck_opts *opts);

void ot_fsck_report_release(ot_fsck_report *r);

#endif
