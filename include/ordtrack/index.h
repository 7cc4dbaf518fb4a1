/*
 * ordtrack/index.h - queries answered from the SQLite index.
 *
 * The index (index.sqlite in the tracker) is derived from git: it records
 * the commit of main it has indexed up to and catches up when the ref
 * moves (ot_tracker_open does this).  ot_index_rebuild drops it and reads
 * everything again from git alone.
 */
#ifndef ORDTRACK_INDEX_H
#define ORDTRACK_INDEX_H

#include <stddef.h>

#include "ordtrack/tracker.h"

typedef struct ot_version {
	char *ordinance;
	int number;        /* 1-based, per ordinance, in first-parent order */
	char commit[41];
	char *date;        /* legislative date YYYY-MM-DD */
	char *stage;
	char *record;      /* "" when none */
	char *subject;     /* first line of the commit message */
	char *title;       /* ordinance title at this version, "" when none */
	char **sponsors;
	size_t nsponsors;
	size_t sections;   /* number of sections in this version */
	int repealed;      /* 1: this commit removed the ordinance from main
	                      (no text; the title is its last one) */
	int notes_only;    /* 1: only its notes changed, not its law */
} ot_version;

typedef struct ot_version_list {
	ot_version *items;
	size_t n;
	size_t cap;
} ot_version_list;

/* Versions of `ord` (or of every ordinance when ord is NULL), newest first
 * (by main's history).  A repeal is a version too (repealed = 1): its
 * commit has no text of the ordinance.  Returns 0 and fills *out (release with
 * ot_version_list_release), or -1. */
int ot_index_versions(ot_version_list *out, ot_tracker *t, const char *ord);
void ot_version_list_release(ot_version_list *list);

/* One commit of main's first-parent line. */
typedef struct ot_main_commit {
	char commit[41];
	char date[11]; /* its Date: trailer, "" when none */
} ot_main_commit;

/* Main's first-parent commits, oldest first: a new array in *out (free
 * it), *n entries.  0 or an error. */
int ot_index_main_commits(ot_main_commit **out, size_t *n, ot_tracker *t);

/* The ordinances the index knows, sorted; fills a malloc'd array of
 * malloc'd strings. */
int ot_index_ordinances(char ***out, size_t *nout, ot_tracker *t);

/* Drop the index and rebuild it from git.  Takes the writer lock. */
int ot_index_rebuild(ot_tracker *t);

/* Build a fresh index from git alone into a new SQLite file at `path`
 * (an existing file there is replaced), leaving the tracker's own index
 * untouched: what `fsck` compares the index with, and what `fsck --repair`
 * renames over it.  The file is complete and synced when this returns 0
 * (rollback-journal mode, no -wal file).  Hold the writer lock so main
 * does not move during the build. */
int ot_index_rebuild_to(ot_tracker *t, const char *path);

/* Number of units in a stored section blob (from the index), or -1 if the
 * blob is unknown. */
long ot_index_blob_units(ot_tracker *t, const char *blob_hex);

/* Units (section headings, clauses, paragraphs) of ordinance `ord` at
 * `commit`, a version the index knows; -1 otherwise. */
long ot_index_version_units(ot_tracker *t, const char *commit, const char *ord);

#endif
