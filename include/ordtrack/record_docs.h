/*
 * ordtrack/record_docs.h - the versioned JSON documents about the
 * legislative record, as the commands print them with --format json:
 *
 *   ordtrack-records/1    records, as filtered by the caller  (ot_records_doc,
 *                                                           ot_record_summaries_doc)
 *   ordtrack-status/1     everything about one record         (ot_status_doc)
 *   ordtrack-vote/1       a vote as recorded                  (ot_vote_doc)
 *   ordtrack-votes/1      the roll calls one member was on    (ot_votes_doc)
 *   ordtrack-conflicts/1  pending records touching a clause   (ot_conflicts_doc)
 *   ordtrack-members/1    the council                         (ot_members_doc)
 *
 * Each takes what the library's loaders return and appends the document
 * to `out`: two-space indent, keys in the documented order, a final
 * newline.  The inputs are borrowed and left unchanged; the caller owns
 * `out` (ot_buf_release).  Strings are written as given; one that is not
 * valid UTF-8 is left out of its object.  members.json, the stored form
 * of ordtrack-members/1, is written by ot_members_to_json (record.h) from
 * the same builder, with sorted keys and the members in stored order.
 *
 * Also what these documents are made of and the commands print as text:
 * a vote's tally line, the members in printing order, and the roll calls
 * of one member (ot_member_votes_find).
 */
#ifndef ORDTRACK_RECORD_DOCS_H
#define ORDTRACK_RECORD_DOCS_H

#include <stddef.h>

#include "ordtrack/buf.h"
#include "ordtrack/record.h"
#include "ordtrack/tracker.h"

/* ordtrack-records/1: rs[0..n) in that order, each with its facts, the
 * number of versions and votes, and its last action (or null). */
void ot_records_doc(ot_buf *out, const ot_record *rs, size_t n);
/* The same document from summaries (ot_record_summaries_find): the same
 * bytes as ot_records_doc of the records they summarize. */
void ot_record_summaries_doc(ot_buf *out, const ot_record_summary *s, size_t n);

/* ordtrack-status/1: record r as ot_record_load gave it with `head`, the
 * head of its branch: its facts, its timeline (ot_record_timeline; the
 * text as introduced left out), the diff of each of its ordinances from
 * base to head (ordtrack-diff/1, computed here with ot_record_diff from
 * the tracker t), and `conflicts` (ot_record_conflicts_find with r's id;
 * NULL for none, as for a record no longer pending), each named by the
 * other record.  Returns 0, or a library error code with a message when a
 * diff cannot be computed; `out` is unchanged then. */
int ot_status_doc(ot_buf *out, ot_tracker *t, const ot_record *r, const char *head,
		  const ot_record_conflicts *conflicts);

/* ordtrack-vote/1: vote v on `record`, recorded as `commit` (40 hex
 * digits), with its tally line and the roll call grouped yes / no /
 * other. */
void ot_vote_doc(ot_buf *out, const char *record, const char *commit, const ot_vote *v);

/* "passed 41-8 (1 not voting)": the result, yes-no, and the count of each
 * other option given, appended to out (no newline). */
void ot_vote_tally(ot_buf *out, const ot_vote *v);

/* One roll call a member was on.  The strings are owned by the list. */
typedef struct ot_member_cast {
	char *date, *record, *motion;
	ot_vote_option option; /* how the member voted */
	ot_vote_result result; /* how the vote went */
} ot_member_cast;

typedef struct ot_member_votes {
	char *member;	       /* the member's full name */
	ot_member_cast *items; /* by date, then record, then as recorded */
	size_t n;
} ot_member_votes;

/* Every roll call of the member `name` in every record of the tracker.
 * The name resolves among all members, whatever their terms: the full
 * name ignoring case, else the last word of one member's name.  Fills
 * *out, which the caller releases with ot_member_votes_release (also
 * after an error).  Returns 0; OT_ENOTFOUND for no such member,
 * OT_EINVALID when the last word names two; or another library error
 * code (a record that cannot be read), each with a message. */
int ot_member_votes_find(ot_member_votes *out, ot_tracker *t, const char *name);
void ot_member_votes_release(ot_member_votes *v);

/* ordtrack-votes/1: the roll calls of v->member, in v's order. */
void ot_votes_doc(ot_buf *out, const ot_member_votes *v);

/* ordtrack-conflicts/1: each pair of c (ot_record_conflicts_find with no
 * record named) and the clauses both change. */
void ot_conflicts_doc(ot_buf *out, const ot_record_conflicts *c);

/* Sort the members as `member list` prints them: by ward, then name
 * ignoring case, then term start (none first). */
void ot_members_sort(ot_members *m);

/* ordtrack-members/1 as `member list --format json` prints it: the
 * members of m in ot_members_sort's order (m itself is not reordered). */
void ot_members_doc(ot_buf *out, const ot_members *m);

#endif
