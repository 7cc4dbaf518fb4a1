/*
 * ordtrack/merge.h - three-way, clause-level merge of clause trees, and the
 * set of clauses a diff touches.
 *
 * When the council passes a record, its changes (base -> theirs, where base
 * is the code when the record was introduced) are merged into the code as
 * it stands now (ours).  Pure library code: no git, no SQLite.
 *
 * Semantics of ot_merge3:
 *  - Units are sections (their heading is their text), clauses and TEXT
 *    nodes.  base -> ours and base -> theirs are aligned with
 *    ot_diff_compute, so a unit keeps its identity through renumbering.
 *  - Every base unit is merged aspect by aspect: existence, text (heading),
 *    marker (num), and place (parent, order among its siblings).  For each
 *    aspect: changed by neither -> base; by one side -> that side; by both
 *    identically -> fine; by both differently -> conflict.  Removal by one
 *    side with any change by the other (text, marker, place) is a conflict.
 *    So a renumbering by theirs (a new (b) pushing the old (b) to (c))
 *    merges onto an ours that edited the text of the old (b): the merged (c)
 *    carries ours' text; if theirs also edited that text, it is a conflict.
 *  - Additions: ours' stay where ours has them; theirs' are inserted after
 *    the same preceding sibling as in theirs (by identity; at the start when
 *    first in theirs; at the end of the parent when that sibling is gone).
 *    Units theirs moved or reordered are placed the same way.  An addition
 *    under a unit the other side removed is a conflict; an addition whose id
 *    ours also added with other content ("added by both with different
 *    text") is a conflict, with the same content it is merged once.
 *  - Sections: order is ours'; sections theirs added (or renumbered) are
 *    placed by number order, before the first section whose number is
 *    greater (ot_num_compare).  Sections theirs removed are removed.
 *  - No change at all on one side: the merge is the other side, exactly.
 *  - Ids of the merged tree are derived from the structure (section id =
 *    number; clause id = parent id + marker; TEXT id = parent id + "~N"),
 *    so the merged document parses back from its canonical form.  If two
 *    merged units end up with the same id (say ours appended (e) while
 *    theirs' renumbering also produced an (e)), that is a conflict.
 *  - The document title merges like a unit's text.
 */
#ifndef ORDTRACK_MERGE_H
#define ORDTRACK_MERGE_H

#include <stddef.h>

#include "ordtrack/diff.h"
#include "ordtrack/doc.h"

typedef struct ot_merge_conflict {
	char *id;          /* clause id (in base, or in theirs for additions) */
	char *base_text;   /* NULL when absent in base */
	char *ours_text;   /* NULL when absent/removed in ours */
	char *theirs_text; /* NULL when absent/removed in theirs */
	char *reason;      /* one line: "changed differently by both", "removed by one side,
	                      changed by the other", "added by both with different text", ... */
} ot_merge_conflict;

typedef struct ot_merge_result {
	ot_doc *doc;                 /* the merged text; NULL when there are conflicts */
	ot_merge_conflict *conflicts;
	size_t nconflicts;
} ot_merge_result;

/* Apply the changes base->theirs to ours.  Returns 0 and fills *out (release with
 * ot_merge_result_release); out->doc is NULL and out->conflicts lists every conflicting
 * clause when the same clause was changed differently on both sides.  -1 on error
 * (OT_EINVALID for a missing argument or a document with duplicate ids); *out is then
 * empty.  For a section, the conflict texts are its headings.  At most one conflict
 * per id, in a deterministic order (text and removal conflicts in base document order
 * first).  Two merged units with the same id, or units moved into each other, are
 * found only when there is no other conflict (they need the merged tree). */
int ot_merge3(ot_merge_result *out, const ot_doc *base, const ot_doc *ours, const ot_doc *theirs);

/* Free the merged document and the conflicts, and empty *r.  NULL-safe;
 * calling it twice is harmless. */
void ot_merge_result_release(ot_merge_result *r);

/* The ids (as in `base`) of every unit that `diff` from base changes: modified, removed,
 * renumbered (old id), plus for additions the id of the parent they are added under and the
 * new id itself.  Used to find pending records that touch the same clauses.  *out is a
 * malloc'd array of malloc'd strings, sorted, unique.
 * The parent of an addition is named as in base when the parent (or an ancestor) was
 * renumbered; a parent that is itself added is named by its new id.  Returns 0, or
 * OT_EINVALID (with *out NULL, *n 0) when diff is NULL.  Free each string and the array
 * with free(). */
int ot_diff_touched(char ***out, size_t *n, const ot_diff *diff);

#endif
