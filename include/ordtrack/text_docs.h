/*
 * ordtrack/text_docs.h - the versioned JSON documents about the text of
 * the law, as the commands print them with --format json:
 *
 *   ordtrack-log/1        versions, newest first          (ot_log_doc)
 *   ordtrack-history/1    the versions of one clause      (ot_history_doc)
 *   ordtrack-blame/1      who last changed each clause    (ot_blame_doc)
 *   ordtrack-text/1       a text, or one clause of it     (ot_text_doc)
 *   ordtrack-search/1     clause or record search hits    (ot_search_doc,
 *                                                          ot_search_records_doc)
 *   ordtrack-code-diff/1  the diff of the whole code      (ot_code_diff_doc)
 *
 * Each takes what the library's queries return and appends the document
 * to `out`: two-space indent, keys in the documented order, a final
 * newline.  The inputs are borrowed and left unchanged; the caller owns
 * `out` (ot_buf_release).  Strings are written as given; one that is not
 * valid UTF-8 is left out of its object (the code diff reports it).
 */
#ifndef ORDTRACK_TEXT_DOCS_H
#define ORDTRACK_TEXT_DOCS_H

#include "ordtrack/buf.h"
#include "ordtrack/doc.h"
#include "ordtrack/index.h"
#include "ordtrack/query.h"
#include "ordtrack/rev.h"
#include "ordtrack/store.h"

/* ordtrack-log/1: the versions of `versions` in their order (as
 * ot_index_versions lists them), each with its "change": "text", "notes"
 * or "repealed". */
void ot_log_doc(ot_buf *out, const ot_version_list *versions);

/* ordtrack-history/1: clause `clause` of ordinance `ord` at every version
 * of `h` (ot_query_history), "change" one of "added", "modified",
 * "removed", "typographic". */
void ot_history_doc(ot_buf *out, const char *ord, const char *clause, const ot_clause_history *h);

/* ordtrack-blame/1: version `version` of `ord` blamed by `b`
 * (ot_query_blame), with each line's tally (null unless
 * ot_query_blame_tallies filled it). */
void ot_blame_doc(ot_buf *out, const char *ord, int version, const ot_blame *b);

/* ordtrack-text/1: `doc`, the text of `rev` (ordinance, number, commit
 * and date are read from it), its clauses nested ("children").  With
 * `clause` (a node of doc, as ot_doc_find gives it) only that node and
 * its subtree, else every section.  With `notes`, each section carries
 * its notes and, for the whole text, the notes naming no section come
 * last.  The tree is walked without recursion. */
void ot_text_doc(ot_buf *out, const ot_doc *doc, const ot_rev *rev, const ot_node *clause, int notes);

/* ordtrack-search/1 for a search of the text: the hits of `query`
 * (ot_query_search). */
void ot_search_doc(ot_buf *out, const char *query, const ot_search_hits *hits);

/* ordtrack-search/1 for a search of the records: the hits of `query`
 * (ot_query_search_records). */
void ot_search_records_doc(ot_buf *out, const char *query, const ot_record_hits *hits);

/* ordtrack-code-diff/1 (docs/diff-format.md): the whole-code diff `cd`
 * (ot_store_diff_code) between from_rev (commit from_commit) and to_rev
 * (to_commit), with totals, and for each ordinance its ordtrack-diff/1
 * rendering, or its ordtrack-diff-stat/1 with `stat`, with "ordinance"
 * and "status" first.  Returns 0, or the renderer's error (OT_EINVALID
 * for text that is not UTF-8) with `out` as it was. */
int ot_code_diff_doc(ot_buf *out, const ot_code_diff *cd, const char *from_rev, const char *from_commit,
		     const char *to_rev, const char *to_commit, int stat);

#endif
