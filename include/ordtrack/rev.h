/*
 * ordtrack/rev.h - revision syntax.
 *
 *   ORD              the latest version of ordinance ORD
 *   ORD@N            its Nth version, 1-based (N all digits, < 7 digits)
 *   ORD@YYYY-MM-DD   the version in force on that date: the latest version
 *                    in force by then.  A version is in force from its date
 *                    (the effective date of an enactment, else its
 *                    passage date), but not before the version it builds
 *                    on: when an enactment with a later effective date was
 *                    merged first, the ones after it wait for that date
 *   ORD@COMMIT       the version made by that commit (a hex prefix of at
 *                    least 4 digits; must be unambiguous)
 *
 *   RECORD           the latest text of a record (refs/records/RECORD)
 *   RECORD@N         its Nth text version (1 = as introduced)
 *   RECORD@introduced, @substitute, @amended
 *                    its latest text at that stage
 *   RECORD@passed    the text that passed (its last version)
 *   RECORD@base      the code it was based on (main when introduced)
 *
 * A name that is both an ordinance and a record means the ordinance.
 * The repeal of an ordinance (a complete import that lacked it) is a
 * version too: ORD and ORD@DATE after it resolve to it (repealed = 1).
 *
 * The whole code (ot_rev_resolve_main, for `diff --all`):
 *   main             the tip of main
 *   main~N           N commits back along main's first parents
 *   @YYYY-MM-DD      main as in force on that date: its last commit in
 *                    force by then (the rule of ORD@YYYY-MM-DD, over
 *                    main's commits)
 *   COMMIT           a commit of main (hex prefix of at least 4 digits)
 */
#ifndef ORDTRACK_REV_H
#define ORDTRACK_REV_H

#include <stddef.h>

#include "ordtrack/tracker.h"

typedef struct ot_rev {
	char *spec;      /* what was typed */
	char *ordinance;
	char commit[41];
	int number;      /* version number of the ordinance */
	char *date;      /* that version's date */
	int repealed;    /* 1: that version is the ordinance's repeal (its
	                    commit has no text of it; ORD@N-1 is its last) */
	char *record;    /* a record revision: the record id; else NULL */
	char **ordinances; /* a record revision: the ordinances it changes */
	size_t nordinances;
} ot_rev;

/* Resolve `spec`.  Returns 0 and fills *out (release with
 * ot_rev_release), OT_ENOTFOUND with a message saying what exists, or
 * OT_EINVALID for a malformed spec. */
int ot_rev_resolve(ot_rev *out, ot_tracker *t, const char *spec);

/* 0 when `rev` has text; when it is an ordinance's repeal, OT_ENOTFOUND
 * with "ORD was repealed on D (version N, commit C): a repeal has no
 * text" and the hint OT_HINT_LAST_TEXT, its subject ORD@M, M the last
 * version that had text (none when no version had). */
int ot_rev_require_text(const ot_rev *rev);

/* The base revision of a record revision (the code it was based on). */
int ot_rev_record_base(ot_rev *out, ot_tracker *t, const ot_rev *record_rev);
void ot_rev_release(ot_rev *rev);

/* Resolve a whole-code revision (see above) to a commit of main:
 * 0 and the commit id in out, its date (may be "") in date_out (11
 * bytes, may be NULL); OT_ENOTFOUND or OT_EINVALID with a message. */
int ot_rev_resolve_main(char out[41], char date_out[11], ot_tracker *t, const char *spec);

#endif
