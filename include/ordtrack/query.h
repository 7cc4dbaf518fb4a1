/*
 * ordtrack/query.h - questions answered from the SQLite index alone, with
 * no text diff: the history of one clause, blame (which version last
 * changed each clause), and full-text search over the text in force.
 * Two questions are about records, which live in git, not in the index:
 * the tallies of blame's records and the search over records.
 *
 * The index stores, for every distinct section blob, its units (section
 * heading, clauses, paragraphs) with their text, and an FTS5 index over
 * that text; sections per version map versions to blobs.
 *
 * Ownership: every result owns its strings; release it with its
 * *_release function, which zeroes it (a second release does nothing).
 */
#ifndef ORDTRACK_QUERY_H
#define ORDTRACK_QUERY_H

#include <stddef.h>

#include "ordtrack/record.h"
#include "ordtrack/tracker.h"

/* One version of an ordinance, as the index knows it. */
typedef struct ot_version_ref {
	int number;
	char commit[41];
	char *date, *stage, *record; /* record "" when none */
	int repealed; /* 1: the ordinance's repeal (no text from it on) */
} ot_version_ref;

/* A clause at one version where it changed (appeared, changed, vanished). */
typedef struct ot_clause_step {
	ot_version_ref version;
	char *text;   /* NULL when the clause is absent from this version on */
	char change;  /* 'a' added, 'm' modified, 'r' removed (also by the
	                 repeal of the ordinance: version.repealed), 't' only
	                 typography changed (ot_text_typographic_equal) */
} ot_clause_step;

typedef struct ot_clause_history {
	ot_clause_step *items;
	size_t n, cap;
} ot_clause_history;

/* Every version of ORD at which clause `id` changed, oldest first.
 * OT_ENOTFOUND when ORD is unknown or the clause never existed. */
int ot_query_history(ot_clause_history *out, ot_tracker *t, const char *ord, const char *id);
void ot_clause_history_release(ot_clause_history *h);

typedef struct ot_blame_line {
	char *id;
	char *kind;   /* section, clause, text */
	char *text;
	ot_version_ref version; /* the version that last changed it */
	char *tally; /* "41-8", the passing tally of version.record: NULL
	                until ot_query_blame_tallies, and when none */
} ot_blame_line;

typedef struct ot_blame {
	ot_blame_line *items; /* in document order */
	size_t n, cap;
} ot_blame;

/* For every unit of ORD at version `number`, the version that last changed
 * it (its text unchanged from that version on, without a gap).  A change
 * only in typography (quotes, dashes, spacing: ot_text_typographic_equal)
 * does not count: blame keeps crediting the version of the last
 * substantive change, whose text may differ from `text` in those marks. */
int ot_query_blame(ot_blame *out, ot_tracker *t, const char *ord, int number);
void ot_blame_release(ot_blame *b);

/* Fill the tally of each line of b whose version names a record: the
 * yes-no count of the vote that stands (ot_record_last_vote) when it
 * passed, else of the passing vote recorded last; NULL when the record
 * has no passing vote or cannot be read (that is not an error: the
 * message is cleared).  Each record is read once.  The strings belong to
 * b (ot_blame_release frees them).  Never fails (aborts on
 * out-of-memory). */
void ot_query_blame_tallies(ot_blame *b, ot_tracker *t);

typedef struct ot_search_hit {
	char *ordinance;
	int version;
	char *id;
	char *snippet; /* the match marked [like this] */
} ot_search_hit;

typedef struct ot_search_hits {
	ot_search_hit *items;
	size_t n, cap;
	int phrase; /* 1: FTS5 could not read the query; it was searched as one phrase */
} ot_search_hits;

/* Full-text search (FTS5 syntax: words, "phrases", OR, NOT, prefix*) over
 * the text in force (latest versions, or on `as_of`), optionally in one
 * ordinance.  Best matches first, at most `limit`.  OT_EINVALID for a
 * malformed query. */
int ot_query_search(ot_search_hits *out, ot_tracker *t, const char *query, const char *ord, const char *as_of,
		    size_t limit);
void ot_search_hits_release(ot_search_hits *h);

typedef struct ot_record_hit {
	char *record;    /* the record id */
	ot_status status;
	char *title;     /* matches marked [like this] */
	char *sponsors;  /* joined with "; ", matches marked */
} ot_record_hit;

typedef struct ot_record_hits {
	ot_record_hit *items;
	size_t n, cap;
	int phrase; /* as in ot_search_hits */
} ot_record_hits;

/* Full-text search (FTS5 syntax, as ot_query_search) over the titles and
 * sponsors of every record, read from git into a temporary FTS5 table
 * (records are few and change often, so nothing about them lives only in
 * the index).  Best matches first, all of them.  0 and *out filled
 * (release with ot_record_hits_release; *out is empty on failure),
 * OT_EINVALID for a malformed query, or the error of reading a record. */
int ot_query_search_records(ot_record_hits *out, ot_tracker *t, const char *query);
void ot_record_hits_release(ot_record_hits *h);

#endif
