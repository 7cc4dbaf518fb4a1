/*
 * ordtrack/render.h - turning an ot_diff into text for people and programs.
 *
 * Renderers consume data structures only; they never query git or SQLite.
 * Formats:
 *   text      clause ids, kind, inline word changes; ANSI colour when asked
 *   json      "ordtrack-diff/1", documented in docs/diff-format.md
 *   markdown  ~~struck~~ and **inserted** words, a list of changed clauses
 *   html      standalone page, <del>/<ins> redline, built with libxml2
 *   unified   git-style unified diff of the canonical section texts
 */
#ifndef ORDTRACK_RENDER_H
#define ORDTRACK_RENDER_H

#include "ordtrack/buf.h"
#include "ordtrack/diff.h"
#include "ordtrack/doc.h"

typedef enum {
	OT_FORMAT_TEXT,
	OT_FORMAT_JSON,
	OT_FORMAT_MARKDOWN,
	OT_FORMAT_HTML,
	OT_FORMAT_UNIFIED
} ot_format;

/* "text", "json", "markdown" (or "md"), "html", "unified".  Returns 0, or
 * OT_EINVALID with a message listing the choices. */
int ot_format_parse(ot_format *out, const char *name);

typedef struct ot_diff_render_opts {
	const char *from_rev;    /* what the user typed, e.g. "2-173@1"; may be NULL */
	const char *from_commit; /* full commit id, or NULL (files) */
	const char *to_rev;
	const char *to_commit;
	const char *title;  /* page title for html; NULL for a default */
	int color;          /* text: 1 to use ANSI colours */
	int context;        /* unchanged clauses shown around each change
	                       (needs old_doc/new_doc), within the change's
	                       section: text, html, markdown (0 none) and,
	                       when context_given, unified (lines: a clause is
	                       one line) */
	int context_given;  /* 0: unified shows git's 3 lines whatever context is */
	const ot_doc *old_doc; /* the trees the diff was computed from, for */
	const ot_doc *new_doc; /* context and unified output; may be NULL  */
} ot_diff_render_opts;

/* Append the rendering of `diff` in `fmt` to out.  opts may be NULL.
 * Returns 0, or -1 with a message (unified without old_doc/new_doc). */
int ot_render_diff(ot_buf *out, const ot_diff *diff, ot_format fmt,
		   const ot_diff_render_opts *opts);

/* Only the counts, one line per kind ("--stat"), in text or json. */
int ot_render_diff_stat(ot_buf *out, const ot_diff *diff, ot_format fmt);

#endif
