/*
 * ordtrack/store.h - versions of ordinances in git.
 *
 * Layout of every commit's tree on refs/heads/main (the code in force):
 *   ordinances/<ORD>/<SECTION>   canonical text of one section
 *   ordinances/<ORD>/ORDINANCE   canonical JSON: ordinance id and title
 * A version of ORD is a commit on main's first-parent line whose
 * ordinances/<ORD> subtree differs from its parent's.  Commits carry git
 * trailers: Ordinance, Stage, Date, Record, Sponsor.
 */
#ifndef ORDTRACK_STORE_H
#define ORDTRACK_STORE_H

#include <stddef.h>

#include "ordtrack/doc.h"
#include "ordtrack/tracker.h"

/* The stages a version can be in (DESIGN.md "version"), each named in
 * ot_stage_names.  OT_STAGE_NONE (named NULL) is "not given": the call's
 * default (enacted for add and import, substitute for a revision). */
typedef enum {
	OT_STAGE_NONE,
	OT_STAGE_INTRODUCED,
	OT_STAGE_SUBSTITUTE,
	OT_STAGE_AMENDED,
	OT_STAGE_RECOMMENDED,
	OT_STAGE_PASSED,
	OT_STAGE_ENACTED,
	OT_STAGE_FAILED,
	OT_STAGE_WITHDRAWN,
	OT_STAGE_N
} ot_stage;
extern const char *const ot_stage_names[OT_STAGE_N];
/* The stage named s, or -1 (with an OT_EINVALID message listing the
 * names) when s names none. */
int ot_stage_parse(const char *s);

typedef struct ot_add_opts {
	const char *ordinance; /* required, a safe name */
	const char *title;     /* NULL: keep the stored title (or the doc's) */
	const char *date;      /* YYYY-MM-DD; NULL: today (UTC) */
	ot_stage stage;        /* OT_STAGE_NONE: enacted */
	const char *record;    /* NULL or a safe record id */
	const char *message;   /* NULL: a message is composed */
	const char *const *sponsors;
	size_t nsponsors;
	/* Notes (docs/import.md "Notes on add").  0: a section of the text
	 * that carries no notes keeps the notes the version in force has for
	 * it, and notes naming no section are kept when the text has none of
	 * its own (an input without notes never erases them).  1: the text's
	 * notes replace the stored ones as they are. */
	int replace_notes;
} ot_add_opts;

/* Why a note of the version in force is not in the new version. */
typedef enum ot_note_drop_reason {
	OT_NOTE_SECTION_GONE,  /* its section is not in the new text */
	OT_NOTE_REPLACED,      /* the text carries notes of its own for that
	                          section (or for the ordinance as a whole) */
	OT_NOTE_REPLACE_ASKED  /* opts->replace_notes */
} ot_note_drop_reason;

/* What ot_store_add_report did with the notes of the version in force:
 * copies the caller owns (ot_add_result_release). */
typedef struct ot_add_result {
	ot_doc_note *kept;    /* carried over: sections of the text with none
	                         of their own (and notes naming no section) */
	size_t nkept;
	ot_doc_note *dropped; /* not in the new version, in stored order */
	ot_note_drop_reason *dropped_reason; /* parallel to dropped */
	size_t ndropped;
} ot_add_result;

void ot_add_result_release(ot_add_result *r);

/*
 * Record `doc` as the new version of opts->ordinance on main: one blob per
 * section (reusing the blob of every section whose canonical text is
 * unchanged), a commit with trailers, main moved by compare-and-swap, then
 * the index updated.  Takes the writer lock itself.
 *
 * Returns 0 and the new commit id (hex, 40 chars + NUL) in out_commit;
 * OT_EUNCHANGED when the text and title equal the current version (nothing
 * written); OT_EINVALID for a bad name, date or stage, or a date earlier
 * than the current version's; OT_ECONFLICT if main moved during the write.
 */
int ot_store_add(char out_commit[41], ot_tracker *t, const ot_add_opts *opts,
		 const ot_doc *doc);

/* ot_store_add, and in *result (may be NULL; zeroed first, filled on
 * success and on OT_EUNCHANGED) the notes kept from the version in force
 * and those the new version drops, for the caller to report: the notes
 * stored are the text's own plus the kept ones (opts->replace_notes). */
int ot_store_add_report(char out_commit[41], ot_add_result *result, ot_tracker *t, const ot_add_opts *opts,
			const ot_doc *doc);

/* What ot_store_import records with the commit, and how it reports
 * progress. */
typedef struct ot_import_opts {
	const char *date;    /* YYYY-MM-DD; NULL: today (UTC) */
	ot_stage stage;      /* OT_STAGE_NONE: enacted */
	const char *message; /* NULL: "import: <stage> text of <date> (N
	                        ordinances)" */
	/* 1: the import is the whole code: every ordinance of main not among
	 * `ords` is repealed (removed from main's tree) in the same commit,
	 * with a Repealed: trailer.  0: such ordinances are left as they are. */
	int complete;
	/* Files of the import that could not be read (`import --keep-going`):
	 * the message says so, with a "Refused: N files" trailer and the
	 * first OT_IMPORT_REFUSED_NAMED names in its body.  May be NULL. */
	const char *const *refused;
	size_t nrefused;
	/* Called (when not NULL) after each ordinance's subtree is written:
	 * `done` of `total` ordinances.  Must not call back into the library. */
	void (*progress)(void *ctx, size_t done, size_t total);
	void *progress_ctx;
} ot_import_opts;

#define OT_IMPORT_REFUSED_NAMED 50

/* What ot_store_import did. */
typedef struct ot_import_result {
	size_t changed;           /* ordinances given whose subtree changed */
	size_t notes_only;        /* of those, how many changed only in notes */
	size_t repealed_ordinances; /* ordinances of main removed (complete) */
	size_t repealed_sections;   /* sections of main's ordinances that the
	                               import left out (ordinances given), plus
	                               those of the repealed ordinances */
	char **repealed;            /* those sections' numbers, in ordinance
	                               order: a repeal is never only a count */
	size_t nrepealed, repcap;
} ot_import_result;
void ot_import_result_release(ot_import_result *r);

/*
 * Record a whole code in one commit on main: ords[i] is the id of an
 * ordinance and docs[i] its complete new text (sections not in docs[i]
 * are removed from it: repealed); ordinances of the tracker not named in
 * ords are left as they are, or with opts->complete repealed.  Each
 * ordinance's subtree is written as ot_store_add writes it (blobs of
 * unchanged sections reused, title from docs[i]->title or else the
 * stored one, notes from docs[i]->notes); ordinances whose subtree is
 * unchanged are left alone.  The commit carries one Ordinance: trailer
 * per changed ordinance, one Repealed: trailer per repealed one, then
 * Stage: and Date:, and "Change: notes" when every change is in notes
 * only; main moves once by compare-and-swap, and the index catches up
 * once.  Takes the writer lock itself.
 *
 * Returns 0, the commit id in out_commit and the counts in *result (may
 * be NULL); OT_EUNCHANGED when every ordinance is unchanged and none is
 * repealed (nothing written); OT_EINVALID for n == 0, a bad or repeated
 * ordinance id, a bad section number, a document without sections, a bad
 * date, stage or message, or a date earlier than the current version of
 * a changed or repealed ordinance; OT_ECONFLICT if main moved during the
 * write.  The documents are not modified.
 */
int ot_store_import(char out_commit[41], ot_import_result *result, ot_tracker *t, const ot_import_opts *opts,
		    const char *const *ords, ot_doc *const *docs, size_t n);

/* Load the full text of ordinance `ord` at `commit` (hex).  Returns 0 and a
 * new document in *out (sections in numeric order, title from the
 * ORDINANCE file), OT_ENOTFOUND if the ordinance is absent there. */
int ot_store_load(ot_doc **out, ot_tracker *t, const char *commit, const char *ord);

/* One side of a comparison: ordinance `ord` as commit `commit` (hex)
 * holds it.  Passed by value: (ot_text_ref){commit, ord}. */
typedef struct ot_text_ref {
	const char *commit;
	const char *ord;
} ot_text_ref;

/*
 * Load only what differs between two stored texts: the sections whose blob
 * ids differ (or exist on one side only) are read and parsed into *old_out
 * and *new_out; unchanged sections are never read.  *unchanged_units gets
 * the number of units (section headings, clauses, paragraphs) in the
 * sections that are identical on both sides, from the index.
 */
int ot_store_load_changed(ot_doc **old_out, ot_doc **new_out, size_t *unchanged_units, ot_tracker *t,
			  ot_text_ref old, ot_text_ref new);

/*
 * Load the two texts `old` and `new` for comparison: only the sections that differ when both exist (as
 * ot_store_load_changed, *unchanged_units counting the rest), else the
 * whole text of the side that has it and an empty document for the other
 * (empty on both sides when neither has it; *found, when not NULL, is 0
 * then).  Both documents are new (owned by the caller).
 */
int ot_store_load_pair(ot_doc **old_out, ot_doc **new_out, size_t *unchanged_units, int *found, ot_tracker *t,
		       ot_text_ref old, ot_text_ref new);

/*
 * The clause-level diff of text `old` against `new`, reading only the sections that differ (as
 * ot_store_load_changed; the units of identical sections are counted as
 * unchanged).  An ordinance absent on one side is empty there (a whole
 * ordinance added or repealed); absent on both sides is OT_ENOTFOUND.
 * The two partial texts compared go to *old_out / *new_out when those are
 * not NULL (owned by the caller), for context and unified output.
 */
struct ot_diff;
int ot_store_diff(struct ot_diff **out, ot_doc **old_out, ot_doc **new_out, ot_tracker *t, ot_text_ref old,
		  ot_text_ref new);

/* One ordinance of a whole-code diff. */
typedef struct ot_code_diff_entry {
	char *ordinance;
	const char *status;     /* static: "added", "removed" or "changed" */
	struct ot_diff *diff;   /* owned */
	ot_doc *old_doc, *new_doc; /* the (partial) texts compared, owned */
} ot_code_diff_entry;

typedef struct ot_code_diff {
	ot_code_diff_entry *items; /* by ordinance number */
	size_t n, cap;
	size_t unchanged;          /* ordinances identical on both sides (not
	                              loaded) */
} ot_code_diff;

/*
 * The diff of the whole code between two commits of main: the two
 * ordinances/ trees are walked side by side and only the ordinances whose
 * subtree ids differ are loaded and diffed (ot_store_diff, itself reading
 * only the sections that differ).  An ordinance on one side only is all
 * added or all removed.  0 and *out filled (release with
 * ot_code_diff_release), or an error.
 */
int ot_store_diff_code(ot_code_diff *out, ot_tracker *t, const char *old_commit, const char *new_commit);
void ot_code_diff_release(ot_code_diff *d);

#endif
