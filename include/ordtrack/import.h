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

#endif
