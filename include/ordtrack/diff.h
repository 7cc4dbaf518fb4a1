/*
 * ordtrack/diff.h - clause-level diff of two clause trees, with word-level
 * operations inside modified clauses.
 *
 * Model (see docs/diff-format.md and DESIGN.md "The diff"):
 *  - both trees are flattened to units in document order: each SECTION
 *    (its heading is its text), CLAUSE and TEXT node is one unit keyed by
 *    its id;
 *  - units are aligned by id first; the unmatched removed and added units
 *    are then paired by text similarity (>= OT_DIFF_MIN_SIMILARITY) and
 *    reported as RENUMBERED (old id -> new id), with word ops when the text
 *    also changed.  Renumbering inside a section (a new (b) pushing the old
 *    (b) to (c)) is thus one ADDED and one or more RENUMBERED, not a cascade
 *    of MODIFIED;
 *  - a matched unit whose text (or heading) differs is MODIFIED, with word
 *    operations cleaned up for reading (whole phrases struck and inserted);
 *  - a unit that would be MODIFIED but whose old and new text (and
 *    heading) differ only in typography (ot_text_typographic_equal: quote
 *    and dash forms, spacing, zero-width characters, "…" for "...") and
 *    whose marker is unchanged is TYPOGRAPHIC instead: it is not an
 *    amendment.  It still carries word ops (the marks that changed) and
 *    typographic = 1.  A RENUMBERED unit whose text changed only in
 *    typography stays RENUMBERED, with its word ops and typographic = 1;
 *  - every other unit counts as unchanged.  This includes a unit whose id
 *    changed only because its parent's did (old (b)(1) -> new (c)(1) with
 *    the same text, when (b) became (c), or the clauses of a renumbered
 *    section): ot_diff_apply derives its new id from the parent's;
 *  - a matched unit with the same id and text that changed place among
 *    its siblings (reordered) is RENUMBERED with moved = 1 and id == old_id;
 *    so is (moved = 1, ids differing) a unit whose order among its paired
 *    siblings changed: two clauses swapped are a move.
 *
 * Renumbering: a pair whose ids differ (other than through its parent's
 * renumbering) is claimed only when convincing: a unit with text of its
 * own keeps at least OT_DIFF_RENUMBER_MIN of that text (its children do
 * not count), and a section (or a clause with no text of its own) keeps
 * more than half of its old clauses, or with none its heading; otherwise
 * the old unit is REMOVED and the new one ADDED.
 *
 * Alignment in detail (level by level, sections first, so parents are
 * paired before their children): 1. identical match text (prefer same id,
 * then the partner of the old parent, then document order); 2. same id
 * when similar enough; 3. the rest by similarity, best first, among
 * unpaired siblings under partnered parents.  The match text of a section
 * is its heading plus the text of every clause in it; of a clause or TEXT
 * node its text, or when empty the text of its descendants.
 *
 * Every ADDED, MODIFIED and RENUMBERED change carries parent_id and index
 * (its exact place in the new tree); unchanged units keep their relative
 * order, which is what ot_diff_apply relies on.  A removed subtree gives
 * one REMOVED change per unit.
 *
 * Reconstruction law: ot_diff_apply(old, diff) yields a tree equal
 * (ot_node_equal on every section, same order) to the new tree.
 *
 * Ownership: an ot_diff owns its changes and all their strings.
 */
#ifndef ORDTRACK_DIFF_H
#define ORDTRACK_DIFF_H

#include <stddef.h>

#include "ordtrack/doc.h"

#define OT_DIFF_MIN_SIMILARITY 0.5
/* A renumbering (a unit paired under another id) is claimed only when
 * convincing: a unit with text of its own keeps at least this much of it
 * (its children aside); a section keeps more than half of its clauses
 * (see "Renumbering" above).  Below, a repeal and an addition. */
#define OT_DIFF_RENUMBER_MIN 0.7

typedef enum { OT_OP_EQUAL, OT_OP_DELETE, OT_OP_INSERT } ot_op_kind;

typedef struct ot_word_op {
	ot_op_kind op;
	char *text; /* owned, NUL-terminated, never empty */
	size_t len;
} ot_word_op;

typedef enum {
	OT_CHANGE_ADDED,
	OT_CHANGE_REMOVED,
	OT_CHANGE_MODIFIED,
	OT_CHANGE_RENUMBERED,
	OT_CHANGE_TYPOGRAPHIC /* matched by id, only typography differs */
} ot_change_kind;

typedef struct ot_change {
	ot_change_kind kind;
	ot_node_kind node_kind; /* SECTION, CLAUSE or TEXT */
	char *id;       /* new id; for REMOVED the old id */
	char *old_id;   /* old id; NULL for ADDED */
	char *num;      /* marker or section number in the new tree (old for
	                   REMOVED) */
	char *old_num;  /* marker in the old tree; NULL for ADDED */
	char *heading;  /* sections: new heading (old for REMOVED); else NULL */
	char *old_heading; /* sections: old heading when it changed, else NULL */
	char *old_text; /* text before (NULL for ADDED); for sections NULL */
	char *new_text; /* text after (NULL for REMOVED); for sections NULL */
	double similarity; /* RENUMBERED: 0..1; MODIFIED: 0..1; else 1 or 0 */
	ot_word_op *ops;   /* word ops of the text (or of the heading for a
	                      section) when it changed; else NULL */
	size_t nops;
	ot_word_op *heading_ops; /* sections whose heading changed; else NULL */
	size_t nheading_ops;
	int moved; /* RENUMBERED section-level moves: 1 when the unit went to
	              another section or its section was renumbered */
	int typographic; /* 1 when the text (or heading) changed and the
	                    change is only typographic: every TYPOGRAPHIC
	                    change, and a RENUMBERED one whose text changed
	                    only in typography; else 0 */
	/* Added for ot_diff_apply (placement of the unit in the new tree): */
	char *parent_id; /* id of the parent in the new tree (for REMOVED: in
	                    the old tree); NULL for a section */
	size_t index;    /* position among that parent's children (sections:
	                    among the document's sections), 0-based */
} ot_change;

/* Every unit of both trees is counted once: typographic counts the
 * TYPOGRAPHIC changes (a RENUMBERED one with typographic = 1 counts as
 * renumbered). */
typedef struct ot_diff_stats {
	size_t added, removed, modified, renumbered, unchanged;
	size_t typographic;
} ot_diff_stats;

/* A change to the notes that came with the two texts (doc->notes):
 * never a change to the law, reported apart from the clauses.  Notes are
 * matched by (section, kind, text); an unmatched removed and added note of
 * the same section and kind are one CHANGED. */
typedef enum { OT_NOTE_ADDED, OT_NOTE_REMOVED, OT_NOTE_CHANGED } ot_note_change_kind;

typedef struct ot_note_change {
	ot_note_change_kind kind;
	char *section;   /* the section it came with, or NULL */
	char *note_kind; /* "history", "editorial", ... */
	char *old_text;  /* NULL for ADDED */
	char *new_text;  /* NULL for REMOVED */
} ot_note_change;

typedef struct ot_diff {
	ot_change *changes; /* in the new tree's document order; REMOVED
	                       changes placed where they stood in the old tree */
	size_t nchanges;
	size_t cap;
	ot_diff_stats stats;
	ot_note_change *notes; /* notes changes, by section then kind */
	size_t nnotes;
	size_t notes_cap;
} ot_diff;

typedef struct ot_diff_options {
	double min_similarity; /* 0 means OT_DIFF_MIN_SIMILARITY */
	int no_cleanup;        /* 1: keep the minimal word diff as computed */
} ot_diff_options;

/* Compute the diff from `old` to `new` (either may have no sections),
 * their notes included (diff->notes).  opts may be NULL.  Returns 0 and a new diff in *out (owned by the
 * caller), or -1 with a message. */
int ot_diff_compute(ot_diff **out, const ot_doc *old, const ot_doc *new,
		    const ot_diff_options *opts);

void ot_diff_free(ot_diff *diff);

/* 1 if the diff has any change to the law (clauses, headings), else 0;
 * notes are not counted (ot_diff_has_note_changes). */
int ot_diff_has_changes(const ot_diff *diff);

/* 1 if the notes of the two texts differ, else 0. */
int ot_diff_has_note_changes(const ot_diff *diff);

/* Append to diff->notes the changes from old's notes to new's (what
 * ot_diff_compute does last).  Whole-code callers that merge texts use it
 * on the merged documents. */
void ot_diff_notes(ot_diff *diff, const ot_doc *old, const ot_doc *new);

/* Apply a diff to `old`: returns 0 and a new document in *out equal to the
 * `new` the diff was computed from; OT_EINVALID if the diff does not fit
 * `old` (a delete run that is not in the text, an id that is absent). */
int ot_diff_apply(ot_doc **out, const ot_doc *old, const ot_diff *diff);

/*
 * Word diff of two UTF-8 strings.  Tokens are words (letters, digits and
 * intra-word apostrophes/hyphens), runs of whitespace, and single
 * punctuation code points (curly quotes, en/em dashes and § are
 * punctuation).  The common prefix and suffix are trimmed first; the
 * middle is diffed with Myers' O(ND) algorithm (minimal), then, unless
 * `cleanup` is 0, cleaned up so that short equal runs between changes are
 * folded into the surrounding delete/insert (never changing the texts the
 * ops reconstruct).  Adjacent ops of the same kind are merged; a delete
 * always precedes the insert it pairs with.
 *
 * Returns 0 with an array of *nout ops in *out (free with
 * ot_word_ops_free), or -1.
 */
int ot_word_diff(ot_word_op **out, size_t *nout, const char *a, size_t alen,
		 const char *b, size_t blen, int cleanup);

void ot_word_ops_free(ot_word_op *ops, size_t n);

/* Number of tokens deleted plus inserted by a minimal token diff of a and
 * b (the edit distance the tests check against an independent LCS). */
size_t ot_word_edit_count(const char *a, size_t alen, const char *b, size_t blen);

/* Split s into tokens as ot_word_diff does: *out receives an array of
 * *nout (offset, length) pairs, flattened: out[2*i] offset, out[2*i+1]
 * length.  Caller frees *out with free(). */
void ot_tokenize(size_t **out, size_t *nout, const char *s, size_t len);

/* 1 when a[0..alen) and b[0..blen) differ at most in typography, else
 * 0.  Both are folded before comparing: ' ’ ‘ ‚ ‛ ′ to one single quote;
 * " “ ” „ ‟ ″ to one double quote (single and double stay distinct);
 * - U+2010..U+2015 and U+2212 to one dash; "…" to "..."; a run of white
 * space (ASCII, U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029,
 * U+202F, U+205F, U+3000) to one space, and none at either end; the
 * zero-width U+200B..U+200D, U+2060 and U+FEFF to nothing.  Everything
 * else (letters, case, digits, other marks, invalid UTF-8 bytes) must
 * match exactly.  NULL reads as "".  Allocates nothing; O(alen + blen). */
int ot_text_typographic_equal(const char *a, size_t alen, const char *b, size_t blen);

/* Similarity of two texts in [0,1]: 2*|LCS tokens| / (|a|+|b|) over word
 * tokens (whitespace ignored); 1 for two empty texts. */
double ot_text_similarity(const char *a, size_t alen, const char *b, size_t blen);

#endif
