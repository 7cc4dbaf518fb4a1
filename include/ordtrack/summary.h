/*
 * ordtrack/summary.h - change summaries for publication: what a reporter
 * or clerk hands to the public about one record (RECORD) or about the
 * changes between two versions (REV1..REV2).
 *
 * A summary holds, all taken from the record and the stored texts (nothing
 * invented; what is not recorded is said to be not recorded):
 *   - a headline in plain language;
 *   - the ordinances affected, the sponsors;
 *   - the timeline (introduction, referrals, committee action, text
 *     versions, votes, passage) with dates;
 *   - each vote's tally and roll call grouped yes / no / other, with the
 *     member's ward (from the members serving on the vote's date);
 *   - one line per group of changed clauses ("2-173-042 (Exceptions):
 *     (b)(1)–(4) repealed", "2-173-070: new section added");
 *   - the full clause-level diff per ordinance, for the redline.
 *
 * For REV1..REV2 the "records" are the records that made the versions
 * between the two (those the tracker holds), with their sponsors and
 * votes; the timeline is then the versions in between.
 *
 * Formats (ot_summary_render): text, markdown, html (a standalone page),
 * json ("ordtrack-summary/1", docs/summary.md).
 *
 * Ownership: an ot_summary owns everything it points to; release with
 * ot_summary_release.
 */
#ifndef ORDTRACK_SUMMARY_H
#define ORDTRACK_SUMMARY_H

#include <stddef.h>

#include "ordtrack/buf.h"
#include "ordtrack/diff.h"
#include "ordtrack/doc.h"
#include "ordtrack/index.h"
#include "ordtrack/record.h"
#include "ordtrack/render.h"
#include "ordtrack/tracker.h"

/* The changes to one ordinance. */
typedef struct ot_summary_diff {
	char *ordinance;
	char *title;            /* the ordinance's title after the change, or NULL */
	ot_diff *diff;
	ot_doc *old_doc, *new_doc; /* the texts compared (only the sections
	                              that differ are loaded) */
} ot_summary_diff;

/* One line of the list of changed clauses. */
typedef struct ot_summary_line {
	char *ordinance;
	char *section;  /* section number the line is about */
	char *anchor;   /* id of the first change it covers (for links) */
	char *text;     /* "2-173-042 (Exceptions): (b)(1)–(4) repealed" */
} ot_summary_line;

typedef struct ot_summary {
	char *headline;
	char *from_rev, *to_rev;        /* e.g. "O2021-117@base", "O2021-117" */
	char from_commit[41], to_commit[41];
	char *record_id;               /* RECORD form: the record; NULL for a range */
	ot_record *records;            /* RECORD form: the one record; range:
	                                  the records behind the versions */
	size_t nrecords;
	ot_version *versions;          /* range form: the versions after REV1 up
	                                  to REV2, oldest first; else none */
	size_t nversions;
	ot_members members;            /* for wards */
	char **ordinances;
	size_t nordinances;
	char **sponsors;               /* of the record, or of the versions */
	size_t nsponsors;
	ot_summary_diff *diffs;        /* one per ordinance, in order */
	size_t ndiffs;
	ot_summary_line *lines;
	size_t nlines;
} ot_summary;

/* The summary of record `id`: its changes from its base to the head of
 * its branch (the text that passed, once passed).  OT_ENOTFOUND for an
 * unknown record. */
int ot_summary_record(ot_summary *out, ot_tracker *t, const char *id);

/* The summary of the changes between two revisions (rev.h syntax) of the
 * same ordinance, or of a record's revisions.  OT_EINVALID when they are
 * the same version. */
int ot_summary_range(ot_summary *out, ot_tracker *t, const char *rev1, const char *rev2);

void ot_summary_release(ot_summary *s);

/* Render in text, markdown, html or json (OT_EINVALID for unified).
 * color: ANSI colour in text. */
int ot_summary_render(ot_buf *out, const ot_summary *s, ot_format fmt, int color);

/* The one-line descriptions of a diff's changes to ordinance `ord`,
 * appended to *lines / *n / *cap (see ot_summary_line); one line per
 * section, its parts joined by "; ".  old_doc / new_doc (may be NULL) give
 * the section headings. */
void ot_summary_describe(ot_summary_line **lines, size_t *n, size_t *cap, const char *ord, const ot_diff *diff,
			 const ot_doc *old_doc, const ot_doc *new_doc);
void ot_summary_lines_free(ot_summary_line *lines, size_t n);

/* The ward of `name` serving on `date` (0 when none or unknown). */
int ot_summary_ward(const ot_summary *s, const char *name, const char *date);

/* How an action type reads: OT_ACTION_REFERRAL_COMMITTEE -> "Referred to
 * committee" (every type has its words). */
const char *ot_action_phrase(ot_action_type type);
/* The same inside a sentence, appended to out: "referred to committee"
 * ("O2022-1002 referred to committee: TITLE"). */
void ot_action_sentence(ot_buf *out, ot_action_type type);

/* "passed 41–8, 1 not voting" (result, yes–no, the other options that
 * occur) appended to out. */
void ot_vote_tally_words(ot_buf *out, const ot_vote *v);

/* Majority side of a vote: OT_VOTE_YES or OT_VOTE_NO when one has more
 * votes than the other, -1 on a tie. */
int ot_vote_majority(const ot_vote *v);

#endif
