/*
 * summary_internal.h - what the summary renderers (summary_render.c for
 * text, Markdown and JSON; summary_html.c for HTML) share.
 */
#ifndef ORDTRACK_SUMMARY_INTERNAL_H
#define ORDTRACK_SUMMARY_INTERNAL_H

#include "ordtrack/summary.h"

/* One row of a summary's timeline: an event of one of the records (record
 * form), or a version between the two revisions (range form). */
typedef struct ot_summary_row {
	const char *date;           /* borrowed */
	const ot_record *record;    /* the record of `ev`, or NULL */
	ot_record_event ev;
	const ot_version *version;  /* range form, else NULL */
} ot_summary_row;

/* The timeline in date order (a new array of *n rows; free()).  The text
 * as introduced is left out when an "introduction" action says it. */
ot_summary_row *ot_summary__rows(const ot_summary *s, size_t *n);

/* What happened, in words: "Referred to committee (Committee on X): text",
 * "Vote on Passage: passed 41–8", "Text version 2 (substitute)". */
void ot_summary__row_text(ot_buf *out, const ot_summary_row *row);

/* Roll-call groups: 0 yes, 1 no, 2 every other option. */
int ot_summary__group_of(ot_vote_option o);
extern const char *const ot_summary__group_names[3]; /* "Yes", "No", "Other" */
/* "Name (ward 35)" or "Name", then ", absent" for the other group. */
void ot_summary__voter(ot_buf *out, const ot_summary *s, const ot_vote *v, const ot_roll_entry *e);

/* Render options for the redline of s->diffs[i]: the revisions and
 * commits compared and the two texts (for context). */
void ot_summary__diff_opts(ot_diff_render_opts *ro, const ot_summary *s, size_t i);

/* The record's votes, or the votes of the records in a range, in order:
 * calls fn for each with its record. */
typedef void (*ot_summary_vote_fn)(void *ctx, const ot_record *r, const ot_vote *v, size_t number);
void ot_summary__each_vote(const ot_summary *s, ot_summary_vote_fn fn, void *ctx);

#endif
