/*
 * notes_carry.c - which notes a new version of an ordinance stores when
 * its input carries fewer notes than the version in force (ot_store_add).
 *
 * Notes (history, source, editor's, cross-reference) are part of the code
 * as published, but most inputs do not carry them: `ordtrack show` prints
 * the text without notes, a plain-text amendment has none, yet the
 * version in force may have been imported from code XML with hundreds.
 * Storing the input's notes as they are would erase every one of them in
 * silence.  The rule (docs/import.md "Notes on add"):
 *
 *   - a section of the new text that carries notes of its own gets
 *     exactly those (the input speaks for that section);
 *   - a section of the new text that carries none keeps the notes the
 *     version in force has for it (kept);
 *   - notes naming no section are kept likewise when the input has none
 *     of its own;
 *   - with `replace`, nothing is kept: the input's notes are the notes.
 *
 * Every note of the version in force that the new version does not hold
 * (its section left the text, the input replaced it, or `replace`) is
 * listed as dropped, so the caller can say so; kept notes are listed too.
 * Nothing is dropped or kept without an entry in one of the two lists.
 *
 * Data: the result's notes array borrows its strings from the two
 * documents (the input's notes first, in their order, then the kept ones
 * in the stored order, so that adding the same input again gives the
 * same bytes); kept and dropped point into `old`.  Lookups go through
 * sorted arrays (binary search), so a 100,000-section code costs
 * O(n log n), never a scan per note.
 */
#include <stdlib.h>

#include "internal.h"
#include "ordtrack/store.h"

static int cmp_str_p(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int has(const char *const *sorted, size_t n, const char *s)
{
	return n && bsearch(&s, sorted, n, sizeof(*sorted), cmp_str_p) != NULL;
}

static int cmp0(const char *a, const char *b)
{
	if (!a || !b)
		return a ? 1 : b ? -1 : 0;
	return strcmp(a, b);
}

static int cmp_note_p(const void *pa, const void *pb)
{
	const ot_doc_note *a = *(const ot_doc_note *const *)pa, *b = *(const ot_doc_note *const *)pb;
	int c = cmp0(a->section, b->section);
	if (!c)
		c = strcmp(a->kind, b->kind);
	if (!c)
		c = strcmp(a->text, b->text);
	return c;
}

/* Pointers into one array, by position. */
static int cmp_ptr_order(const void *pa, const void *pb)
{
	const ot_doc_note *a = *(const ot_doc_note *const *)pa, *b = *(const ot_doc_note *const *)pb;
	return (a > b) - (a < b);
}

void ot_notes_carry_compute(ot_notes_carry *out, const ot_doc *old, const ot_doc *new, int replace)
{
	const char **secs = NULL, **noted = NULL;
	const ot_doc_note **gone = NULL, **have = NULL;
	size_t nsecs = new->nsections, nnoted = 0, ngone = 0, i, j, k;
	size_t nold = old ? old->nnotes : 0;
	int new_orphans = 0;
	unsigned char *kept = NULL;

	memset(out, 0, sizeof(*out));
	out->notes = ot_malloc((new->nnotes + nold + 1) * sizeof(*out->notes));
	for (i = 0; i < new->nnotes; i++)
		out->notes[out->nnotes++] = new->notes[i];
	if (!nold)
		return;

	/* the sections of the new text, and those its notes name */
	secs = ot_malloc((nsecs + 1) * sizeof(*secs));
	for (i = 0; i < nsecs; i++)
		secs[i] = new->sections[i]->num;
	qsort(secs, nsecs, sizeof(*secs), cmp_str_p);
	noted = ot_malloc((new->nnotes + 1) * sizeof(*noted));
	for (i = 0; i < new->nnotes; i++) {
		if (new->notes[i].section)
			noted[nnoted++] = new->notes[i].section;
		else
			new_orphans = 1;
	}
	qsort(noted, nnoted, sizeof(*noted), cmp_str_p);

	kept = ot_calloc(nold, 1);
	for (i = 0; !replace && i < nold; i++) {
		const ot_doc_note *o = &old->notes[i];
		if (o->section ? has(secs, nsecs, o->section) && !has(noted, nnoted, o->section) : !new_orphans)
			kept[i] = 1;
	}
	for (i = 0; i < nold; i++)
		if (kept[i]) {
			out->notes[out->nnotes++] = old->notes[i];
			*OT_ARRAY_PUSH(out->kept, out->nkept, out->kept_cap) = &old->notes[i];
		}

	/* dropped: the stored notes not kept that no note of the input
	 * repeats (a multiset difference, by a merge of sorted lists) */
	gone = ot_malloc(nold * sizeof(*gone));
	for (i = 0; i < nold; i++)
		if (!kept[i])
			gone[ngone++] = &old->notes[i];
	have = ot_malloc((new->nnotes + 1) * sizeof(*have));
	for (i = 0; i < new->nnotes; i++)
		have[i] = &new->notes[i];
	qsort(gone, ngone, sizeof(*gone), cmp_note_p);
	qsort(have, new->nnotes, sizeof(*have), cmp_note_p);
	for (j = k = 0; j < ngone; j++) {
		int c = 1;
		while (k < new->nnotes && (c = cmp_note_p(&have[k], &gone[j])) < 0)
			k++;
		if (k < new->nnotes && c == 0) {
			k++; /* the input holds this note again */
			continue;
		}
		*OT_ARRAY_PUSH(out->dropped, out->ndropped, out->dropped_cap) = gone[j];
	}
	/* report the dropped ones in the stored order, as the kept ones */
	if (out->ndropped > 1) /* dropped is NULL when none was */
		qsort(out->dropped, out->ndropped, sizeof(*out->dropped), cmp_ptr_order);
	out->dropped_reason = ot_malloc((out->ndropped + 1) * sizeof(*out->dropped_reason));
	for (j = 0; j < out->ndropped; j++) {
		const char *sec = out->dropped[j]->section;
		out->dropped_reason[j] = replace ? OT_NOTE_REPLACE_ASKED
				       : !sec || has(secs, nsecs, sec) ? OT_NOTE_REPLACED
								       : OT_NOTE_SECTION_GONE;
	}

	free(have);
	free(gone);
	free(kept);
	free(noted);
	free(secs);
}

void ot_notes_carry_release(ot_notes_carry *c)
{
	free(c->notes);
	free(c->kept);
	free(c->dropped);
	free(c->dropped_reason);
	memset(c, 0, sizeof(*c));
}
