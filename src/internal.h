/*
 * internal.h - helpers shared by the library's own files, not part of the
 * public API: allocation that aborts on out-of-memory, small string and
 * array utilities.
 */
#ifndef ORDTRACK_INTERNAL_H
#define ORDTRACK_INTERNAL_H

#include <stddef.h>
#include <string.h>

#include "ordtrack/buf.h"
#include "ordtrack/common.h"
#include "ordtrack/doc.h"

/* Allocation: never returns NULL.  On failure prints one line and aborts
 * (there is no sane way to continue a half-built record). */
void *ot_malloc(size_t size);
void *ot_calloc(size_t n, size_t size);
void *ot_realloc(void *ptr, size_t size);
/* reallocate an array of n elements of `size`, checking for overflow */
void *ot_reallocarray(void *ptr, size_t n, size_t size);
char *ot_strdup(const char *s);
char *ot_strndup(const char *s, size_t n);

/* Grow *arr (element size `size`) so that it holds at least `need`
 * elements; *cap is updated.  Amortised doubling. */
void ot_array_grow(void **arr, size_t *cap, size_t need, size_t size);
#define OT_ARRAY_PUSH(arr, n, cap)                                                          \
	((n) + 1 > (cap) ? ot_array_grow((void **)&(arr), &(cap), (n) + 1, sizeof(*(arr))) : (void)0, \
	 &(arr)[(n)++])

/* worddiff.c: ot_text_similarity that may stop early, returning an upper
 * bound below `min`, when the texts cannot reach it. */
double ot_text_similarity_min(const char *a, size_t alen, const char *b, size_t blen, double min);

/* worddiff.c: the same similarity for many pairs of texts (used by
 * diff.c).  An ot_simctx holds one token dictionary shared by every text
 * prepared with it (it borrows their bytes: keep them alive and unchanged
 * until ot_simctx_free) and scratch space.  An ot_simtext is one text as
 * the ids of its non-space tokens; the caller owns it (ot_simtext_release).
 * ot_simtext_similarity equals ot_text_similarity_min on the two texts
 * (below `min`: some upper bound below min), whatever else was prepared. */
typedef struct ot_simctx ot_simctx;
typedef struct ot_simtext {
	int *ids;   /* non-space token ids, in text order */
	size_t n;   /* number of ids */
	size_t len; /* byte length of the text */
} ot_simtext;
ot_simctx *ot_simctx_new(void);
void ot_simctx_free(ot_simctx *ctx);
void ot_simtext_init(ot_simtext *out, ot_simctx *ctx, const char *s, size_t len);
void ot_simtext_release(ot_simtext *t);
double ot_simtext_similarity(ot_simctx *ctx, const ot_simtext *a, const ot_simtext *b,
			     double min);

/* parse_text.c: 1 when a section line "NUM heading" with this heading
 * reads back as a section line without a "§" (it starts with a capital,
 * or a quote or digits and then a capital); doc.c writes "§" otherwise. */
int ot_heading_reads_back(const char *heading);

/* parse_text.c: ot_doc_parse_text, with warnings (a line that looks
 * like a section line read as a continuation, ...) added to report (may
 * be NULL). */
struct ot_import_report;
int ot_doc_parse_text_report(ot_doc **out, const char *data, size_t len, const char *name,
			     struct ot_import_report *report);

/* parse_text.c: is s[0..n) (trimmed) a history or source note line as
 * publishers print them (it must cite: a section sign, an ordinance, the
 * council journal, a date), or the start of an editor's or reference
 * note?  The kind ("history", "source", "editorial", "cross-reference")
 * or NULL.  The HTML importer asks the same of its blocks. */
const char *ot_text_history_note(const char *s, size_t n);
const char *ot_text_editorial_note(const char *s, size_t n);

/* doc.c: append to id the part of a clause id that marker num gives:
 * "(a)" as written, "(A)" for an outline marker "A." (parse_text.c). */
void ot_clause_id_append(ot_buf *id, const char *num);

/* doc.c: ot_num_compare of a and b[0..blen). */
int ot_num_compare_n(const char *a, const char *b, size_t blen);

/* record.c: a name reduced to what identifies the person, appended to out
 * (as ot_members_match and ot_record_has_sponsor compare names): "Ald.
 * Ramirez-Rosa, Carlos M." and "Carlos Ramírez-Rosa" both give "carlos
 * ramirez-rosa"; "" for a name of titles alone.  The index keeps it for
 * each sponsor (index_records.c). */
void ot_name_key(ot_buf *out, const char *name);

/* error.c: turn the current error (an index update that failed after the
 * commit point, when the write itself is complete) into the warning read
 * by ot_warning_last, and clear the error. */
void ot_warning_after_commit(void);
/* Set the warning read by ot_warning_last (printf-style), for a loose end
 * of a write that succeeded. */
void ot_warning_set(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

/* import.c, for the XML and HTML importers: the length of the white space
 * at s (ASCII, or a no-break space U+00A0), 0 if none; and s[0..n) with
 * white-space runs collapsed to one space and the ends trimmed, into out
 * (cleared first). */
size_t ot_import_wsp(const char *s, size_t n);
void ot_import_collapse(ot_buf *out, const char *s, size_t n);

/* textnorm.c: the length of the white space (ASCII space, tab, FF, VT,
 * or any Unicode space separator) or zero-width character at s[0..n), 0
 * if none; *zero_width is set to 1 for a zero-width character (dropped
 * from the canonical text rather than turned into a space).  The _back
 * form looks at the character that ends s[0..n). */
size_t ot_blank_len(const char *s, size_t n, int *zero_width);
size_t ot_blank_len_back(const char *s, size_t n, int *zero_width);

/* conserve.c: a test hook (tests/unit/test_conserve.c).  When `at` is
 * N > 0, the Nth piece of text the next parses gather is lost on
 * purpose: kind 1 leaves it out of its field but records it, kind 2
 * leaves it out unrecorded; either way the conservation check must
 * refuse.  Zero in normal use; thread-local. */
typedef struct ot_test_plant {
	int kind;
	int at;
} ot_test_plant;
extern _Thread_local ot_test_plant ot_test_plant_loss;
/* 1 when the hook fires for this piece (the counter reaches zero). */
int ot_test_plant_fires(void);

/* notes_carry.c: the notes a new version `new` of an ordinance stores
 * over the version in force `old` (NULL: none), by the rule at the top of
 * notes_carry.c: the input's notes, plus (unless `replace`) the stored
 * notes of sections of the new text that carry none and, when the input
 * has no notes naming no section, the stored ones of that kind.
 *   notes    what to store: the input's notes in order, then the kept
 *            ones; the strings are borrowed from new and old
 *   kept     the stored notes carried over (pointers into old->notes)
 *   dropped  the stored notes the new version does not hold (pointers
 *            into old->notes, stored order), each with its reason
 *            (ot_note_drop_reason of ordtrack/store.h)
 * Valid while both documents live; free with ot_notes_carry_release. */
typedef struct ot_notes_carry {
	ot_doc_note *notes;
	size_t nnotes;
	const ot_doc_note **kept;
	size_t nkept, kept_cap;
	const ot_doc_note **dropped;
	size_t ndropped, dropped_cap;
	int *dropped_reason; /* parallel to dropped: an ot_note_drop_reason */
} ot_notes_carry;
void ot_notes_carry_compute(ot_notes_carry *out, const ot_doc *old, const ot_doc *new, int replace);
void ot_notes_carry_release(ot_notes_carry *c);

#define OT_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
