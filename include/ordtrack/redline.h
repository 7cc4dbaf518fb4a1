/*
 * ordtrack/redline.h - amendment documents in the council's strike /
 * underline convention ("redlines"), applied to the text in force.
 *
 * A redline shows sections of an ordinance with struck text (deleted) and
 * underscored text (inserted).  Two forms are read, told apart by content:
 *
 *   HTML (also Word-exported HTML): struck = <s>, <strike>, <del>, or an
 *     inline style "text-decoration: line-through" (also
 *     "text-decoration-line"); inserted = <u>, <ins>, or
 *     "text-decoration: underline".  mso- styles are ignored.
 *   plain text: "[[deleted text]]" and "{{inserted text}}".
 *
 * Sections and clauses are written as in plain text (section lines, "(a)"
 * markers).  "* * *", "(Omitted text is unaffected by this ordinance)" and
 * similar marks stand for text left alone; sections, clauses and passages
 * not shown are unchanged.  See docs/redline.md.
 */
#ifndef ORDTRACK_REDLINE_H
#define ORDTRACK_REDLINE_H

#include <stddef.h>

#include "ordtrack/doc.h"

/* Apply the redline document (data, len; name for messages) to in_force
 * (not modified).  0 and the amended text in *out (caller frees with
 * ot_doc_free), or OT_EINVALID with a message listing every mismatch:
 * each clause whose old text (struck kept, inserted dropped) is not the
 * text in force, with its clause id, document line, the struck or old text
 * the document claims and the nearest text in force. */
int ot_redline_apply(ot_doc **out, const ot_doc *in_force, const char *data, size_t len, const char *name);

#endif
