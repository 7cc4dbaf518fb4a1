/*
 * render_internal.h - what the diff renderers (src/render*.c) share and
 * are not part of the public API.
 *
 * One entry point per renderer, called by ot_render_diff (render.c) with a
 * non-NULL diff and non-NULL opts (zeroed when the caller passed NULL).
 * Every renderer appends to `out` and returns 0, or a negative code with a
 * message; on failure `out` may hold a partial rendering.
 *
 * The helpers below (render.c) give every renderer the same reading of an
 * ot_change: which text is its "redline", what a kind is called, how a
 * change maps to its section and where it sits among the unchanged units
 * shown as context.
 */
#ifndef ORDTRACK_RENDER_INTERNAL_H
#define ORDTRACK_RENDER_INTERNAL_H

#include <stddef.h>

#include "ordtrack/buf.h"
#include "ordtrack/diff.h"
#include "ordtrack/doc.h"
#include "ordtrack/render.h"

int ot_render__text(ot_buf *out, const ot_diff *diff, const ot_diff_render_opts *opts);
int ot_render__json(ot_buf *out, const ot_diff *diff, const ot_diff_render_opts *opts);
int ot_render__markdown(ot_buf *out, const ot_diff *diff, const ot_diff_render_opts *opts);
int ot_render__html(ot_buf *out, const ot_diff *diff, const ot_diff_render_opts *opts);
int ot_render__unified(ot_buf *out, const ot_diff *diff, const ot_diff_render_opts *opts);

/* diff->notes as the JSON array of docs/diff-format.md "Notes" (a new
 * reference), or NULL when a string is not valid UTF-8 (render_json.c). */
struct json_t;
struct json_t *ot_render__notes_json(const ot_diff *diff);

/* Never NULL: s, or "" for NULL. */
#define OT_RS(s) ((s) ? (s) : "")

/* Markdown text: the characters Markdown would read as syntax backslash-
 * escaped, newlines as spaces (render_markdown.c). */
void ot_render__md_escape(ot_buf *out, const char *s, size_t len);

/* "old"/"new" stand in for a NULL from_rev/to_rev. */
const char *ot_render__from(const ot_diff_render_opts *opts);
const char *ot_render__to(const ot_diff_render_opts *opts);

/* "section", "clause", "text" (JSON's "node"). */
const char *ot_render__node_name(ot_node_kind kind);
/* "added", "removed", "modified", "renumbered", "typographic" (JSON's
 * "kind"). */
const char *ot_render__kind_name(ot_change_kind kind);
/* The word a reader of the law expects: "added", "repealed", "amended",
 * "renumbered", "typographic change only" (Markdown and HTML). */
const char *ot_render__kind_verb(ot_change_kind kind);
/* How a RENUMBERED change reads: "moved" when a clause went to another
 * section or a unit kept its id but changed place, else "renumbered"
 * (a section renumbered is "renumbered"; JSON keeps the raw `moved`). */
const char *ot_render__renumber_word(const ot_change *c);
/* Similarity as a whole percentage, rounded, clamped to 0..100. */
int ot_render__percent(double similarity);

/* "1 added, 0 removed, 2 modified, 1 renumbered, 40 unchanged" (no
 * newline); "…, 1 renumbered, 3 typographic, 40 unchanged" when there
 * are typographic changes (the line is unchanged when there are none). */
void ot_render__stats_line(ot_buf *out, const ot_diff_stats *stats);

/* 1 when the change's edit is only typographic: a TYPOGRAPHIC change, or
 * a RENUMBERED one flagged typographic.  Renderers show its marks, styled
 * apart from struck and inserted words, and never call it amended. */
int ot_render__is_typographic(const ot_change *c);
/* Append s[0..len) with each character a reader cannot see (white space
 * other than a space or newline, zero-width characters) written as
 * "<U+00A0>", so a typographic mark made of one stays visible. */
void ot_render__typo_visible(ot_buf *out, const char *s, size_t len);

/*
 * The redline of one change as a run of segments, in reading order:
 *   ADDED       one INSERT of the new text (a section: its heading);
 *   REMOVED     one DELETE of the old text;
 *   MODIFIED,
 *   TYPOGRAPHIC the word ops (sections: heading_ops, else ops); without
 *               ops, a DELETE of the old and an INSERT of the new text;
 *   RENUMBERED  the word ops when the text also changed, else one EQUAL
 *               of the new text.
 * Empty texts give no segment.  The segments borrow the change's
 * strings; free the array with free().
 */
typedef struct ot_render_seg {
	ot_op_kind op;
	const char *text;
	size_t len;
} ot_render_seg;

void ot_render__redline(ot_render_seg **out, size_t *nout, const ot_change *c);
/* 1 when the redline shows word-level edits (MODIFIED, TYPOGRAPHIC, or
 * RENUMBERED with ops), 0 when it is one whole text.  Whether those
 * edits are amendments is ot_render__is_typographic's question. */
int ot_render__has_edits(const ot_change *c);

/* The section number a unit id belongs to: the section the node with
 * that id sits in when `doc` has it, else the id up to its first '(' or
 * '~' (the id grammar of doc.h).  Returns a new string (free()), never
 * NULL. */
char *ot_render__section_of(const ot_doc *doc, const char *id);

/* One unit as its canonical line without the newline: section "NUM
 * heading", clause "(a) text", TEXT node its text. */
void ot_render__unit_line(ot_buf *out, const ot_node *node);

/*
 * Context: the unchanged units of new_doc shown around each change, like
 * `git diff -U<n>`.  Units are the sections, clauses and TEXT nodes of
 * new_doc in document order.  A REMOVED change is placed after the last
 * unit before it in old_doc that new_doc still has.  Context never shows
 * a unit twice and never crosses a changed unit.
 */
typedef struct ot_render_ctx {
	int n;                  /* 0: no context */
	const ot_node **units;  /* new_doc in document order (borrowed) */
	size_t nunits;
	size_t *byid;           /* unit indexes sorted by id */
	unsigned char *changed; /* per unit: 1 when some change names it */
	const ot_node **old_units; /* old_doc in document order, or NULL */
	size_t nold;
	size_t *old_byid;       /* old unit indexes sorted by id */
	size_t *old_anchor;     /* per old unit: its insertion point among
	                           the new units */
	size_t next;            /* first unit not shown yet */
} ot_render_ctx;

/* Prepare context for diff; with opts->context <= 0 or no new_doc the
 * context is empty and every range below is empty.  Never fails. */
void ot_render__ctx_init(ot_render_ctx *ctx, const ot_diff *diff,
			 const ot_diff_render_opts *opts);
void ot_render__ctx_release(ot_render_ctx *ctx);
/* Call once per change, in the order of diff->changes: the unit index
 * ranges [*b0, *b1) to show before it and [*a0, *a1) after it. */
void ot_render__ctx_ranges(ot_render_ctx *ctx, const ot_change *c, size_t *b0,
			   size_t *b1, size_t *a0, size_t *a1);

#endif
