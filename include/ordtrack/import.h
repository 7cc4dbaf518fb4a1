/*
 * ordtrack/import.h - reading an ordinance text in any supported format:
 * plain text, XML (Akoma Ntoso 3.0, USLM 1.0, code XML) or HTML (published
 * code pages), detected by content, never by file name.
 *
 * Every importer gives the same clause tree (ot_doc, see ordtrack/doc.h)
 * the plain-text parser gives for the same content, and the tree obeys
 * the round-trip law (ot_doc_parse_text of its canonical text gives it
 * back).  Editorial annotations and history notes never enter clause text:
 * they go to doc->notes.  See docs/input-formats.md for the mapping of
 * each format.
 */
#ifndef ORDTRACK_IMPORT_H
#define ORDTRACK_IMPORT_H

#include <stddef.h>

#include "ordtrack/doc.h"

/* What an import found besides the tree. */
typedef struct ot_import_report {
	const char *format; /* static: "text", "akn", "uslm", "codexml", "html" */
	char **warnings;    /* owned; one line each, no newline */
	size_t nwarnings, cap;
} ot_import_report;

/*
 * Parse data (len bytes) of any supported format, detected by content
 * (ot_markup_sniff; plain text otherwise).  name prefixes messages.
 * Returns 0 and a new doc in *out (caller frees with ot_doc_free), or
 * OT_EINVALID with "name:LINE: ..." (or "name: ..." when no line
 * applies).  report may be NULL; else it is initialised and filled
 * (release with ot_import_report_release even on error).
 */
int ot_doc_import(ot_doc **out, const char *data, size_t len, const char *name, ot_import_report *report);

/* The same for data known to be XML (any of the three dialects) or HTML:
 * what ot_doc_import calls once it has sniffed the format.  report may be
 * NULL; else it must be initialised (ot_import_report_init). */
int ot_doc_import_xml(ot_doc **out, const char *data, size_t len, const char *name, ot_import_report *report);
int ot_doc_import_html(ot_doc **out, const char *data, size_t len, const char *name, ot_import_report *report);

/* An empty report (format "text", no warnings). */
void ot_import_report_init(ot_import_report *r);

/* Append one warning (printf format; a copy is kept).  NULL-safe on r. */
void ot_import_report_warn(ot_import_report *r, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Free the warnings and leave an empty report.  NULL-safe. */
void ot_import_report_release(ot_import_report *r);

/* ------------------------------------------------------------------
 * A whole code: grouping sections into ordinances (src/import_group.c).
 */

/* What could not go into an import: one problem, with the file (or
 * files) it refuses.  `message` is whole ("a.xml:12: ..."). */
typedef struct ot_import_refusal {
	char *file;    /* the file refused */
	char *file2;   /* a second file refused by the same problem (a
	                  section found in both), or NULL */
	char *message;
} ot_import_refusal;

typedef struct ot_import_refusals {
	ot_import_refusal *items; /* in the order found */
	size_t n, cap;
} ot_import_refusals;

/* Append a refusal (copies of the strings; file2 may be NULL). */
void ot_import_refusals_add(ot_import_refusals *r, const char *file, const char *file2, const char *message);
/* 1 when `file` is refused by some entry of r. */
int ot_import_refusals_has(const ot_import_refusals *r, const char *file);
/* The refused files, each once, sorted bytewise: *out is a new array of
 * borrowed strings (free the array only). */
void ot_import_refusals_files(const char ***out, size_t *nout, const ot_import_refusals *r);
void ot_import_refusals_release(ot_import_refusals *r);

/* One parsed piece of an import: a file, or a part of a text file cut at
 * a CHAPTER line.  Several pieces may come from one file (same `file`
 * string). */
typedef struct ot_import_piece {
	ot_doc *doc;        /* borrowed; see ot_import_group for the move */
	const char *file;   /* the path read (messages, the directory rule) */
	unsigned line_off;  /* lines of the file before the piece */
} ot_import_piece;

/*
 * Group the sections of `pieces` into ordinances.  The ordinance of a
 * section is the directory holding its file (below `root`) when the
 * section is numbered under that directory's name (directory 5-2-1,
 * section 5-2-1-010), else its chapter: the number cut before its second
 * separator ('-' or '.'), or before its only one (2-173-020 -> 2-173,
 * 10-8-330.5 -> 10-8, 12.04.010 -> 12.04, 12.04 -> 12).  A piece's title
 * names its ordinance when all its sections went to one (the first such
 * piece wins); a note goes with its section's ordinance, a note naming no
 * section with the piece's first section's.
 *
 * On success *ords (new strings) and *docs (new documents) hold *nout
 * ordinances sorted by number, and the sections of every piece used have
 * moved into them (those pieces' docs are left with no sections; free
 * them as usual).
 *
 * A section without a chapter in its number, or a section number found
 * twice: with refused NULL, the first such problem is the error
 * (OT_EINVALID naming file and line; nothing has moved).  With `refused`,
 * every problem is appended to it instead, every piece of a refused file
 * (or of a file already refused there on entry) is left out (its
 * sections stay in its doc), and the rest is grouped: 0 then, with *nout
 * possibly 0.
 */
int ot_import_group(char ***ords, ot_doc ***docs, size_t *nout, ot_import_piece *pieces, size_t npieces,
		    const char *root, ot_import_refusals *refused);

/* ------------------------------------------------------------------
 * Warnings of many files, grouped (src/import_group.c).
 */

/* Warnings that differ only in their place ("file:LINE: " at the start)
 * and in a closing parenthetical detail ("... (its text is kept in
 * 2-173-050(a))"). */
typedef struct ot_warning_group {
	char *message;  /* the warning without its place and detail */
	char *sample;   /* the first warning of the group, whole */
	char *first;    /* place of the first one ("a.xml:12"), or NULL when
	                   the warning has none */
	char **others;  /* places of the next ones, at most
	                   OT_WARNING_OTHER_PLACES */
	size_t nothers;
	size_t count;   /* how many warnings the group stands for */
} ot_warning_group;

#define OT_WARNING_OTHER_PLACES 5

/* Group `warnings` (each "PLACE: message" or a bare message); groups in
 * the order of their first warning.  *out is a new array (free with
 * ot_warning_groups_free). */
void ot_warnings_group(ot_warning_group **out, size_t *nout, const char *const *warnings, size_t n);
void ot_warning_groups_free(ot_warning_group *groups, size_t n);

/* One line for a group, no newline: the warning itself (sample) when
 * count is 1;
 * else "MESSAGE (N times, first at PLACE; others at P1, P2, ...)" with N
 * written with thousands separators ("4,280"). */
void ot_warning_group_format(ot_buf *out, const ot_warning_group *g);

/* n with thousands separators ("20,173") appended to out. */
void ot_buf_put_count(ot_buf *out, size_t n);

#endif
