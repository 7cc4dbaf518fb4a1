/*
 * notes_diff.c - what changed in the notes of two texts (ot_diff_notes,
 * diff.h): history, editorial and other notes that came with a version
 * but are not law (DESIGN.md "Notes beside the law").
 *
 * Both lists are sorted by (section, kind, text) into arrays of borrowed
 * pointers and merge-joined: equal triples are unchanged (as often as
 * they occur on both sides).  The leftovers of one (section, kind) are
 * paired in order, old with new, as CHANGED; the rest are REMOVED or
 * ADDED.  The changes, owned by the diff, are in (section, kind) order,
 * notes naming no section first.
 */
#include <stdlib.h>

#include "internal.h"
#include "ordtrack/diff.h"

static int cmp_str0(const char *a, const char *b)
{
	if (!a || !b)
		return !a && !b ? 0 : !a ? -1 : 1;
	return ot_num_compare(a, b) ? ot_num_compare(a, b) : strcmp(a, b);
}

/* By section, kind, then text. */
static int cmp_note(const void *x, const void *y)
{
	const ot_doc_note *a = *(const ot_doc_note *const *)x, *b = *(const ot_doc_note *const *)y;
	int c = cmp_str0(a->section, b->section);
	if (!c)
		c = strcmp(a->kind, b->kind);
	if (!c)
		c = strcmp(a->text, b->text);
	return c;
}

static int same_group(const ot_doc_note *a, const ot_doc_note *b)
{
	return cmp_str0(a->section, b->section) == 0 && strcmp(a->kind, b->kind) == 0;
}

static const ot_doc_note **sorted_notes(const ot_doc *d)
{
	const ot_doc_note **v = ot_malloc((d && d->nnotes ? d->nnotes : 1) * sizeof(*v));
	size_t i;
	for (i = 0; d && i < d->nnotes; i++)
		v[i] = &d->notes[i];
	if (d && d->nnotes)
		qsort(v, d->nnotes, sizeof(*v), cmp_note);
	return v;
}

static void push(ot_diff *d, ot_note_change_kind kind, const ot_doc_note *o, const ot_doc_note *n)
{
	const ot_doc_note *any = o ? o : n;
	ot_note_change *c = OT_ARRAY_PUSH(d->notes, d->nnotes, d->notes_cap);
	c->kind = kind;
	c->section = any->section ? ot_strdup(any->section) : NULL;
	c->note_kind = ot_strdup(any->kind);
	c->old_text = o ? ot_strdup(o->text) : NULL;
	c->new_text = n ? ot_strdup(n->text) : NULL;
}

void ot_diff_notes(ot_diff *d, const ot_doc *old, const ot_doc *new)
{
	size_t na = old ? old->nnotes : 0, nb = new ? new->nnotes : 0, i = 0, j = 0;
	const ot_doc_note **a, **b, **ra, **rb;
	size_t nra = 0, nrb = 0;

	if (!na && !nb)
		return;
	a = sorted_notes(old);
	b = sorted_notes(new);
	ra = ot_malloc((na ? na : 1) * sizeof(*ra));
	rb = ot_malloc((nb ? nb : 1) * sizeof(*rb));
	/* one (section, kind) group at a time */
	while (i < na || j < nb) {
		const ot_doc_note *g;
		size_t ia, ib, k;
		if (j >= nb || (i < na && cmp_note(&a[i], &b[j]) <= 0))
			g = a[i];
		else
			g = b[j];
		/* the group may start on either side: take the smaller key */
		if (i < na && j < nb && !same_group(a[i], b[j])) {
			int c = cmp_str0(a[i]->section, b[j]->section);
			if (!c)
				c = strcmp(a[i]->kind, b[j]->kind);
			g = c <= 0 ? a[i] : b[j];
		}
		nra = nrb = 0;
		ia = i;
		ib = j;
		while (i < na && same_group(a[i], g))
			i++;
		while (j < nb && same_group(b[j], g))
			j++;
		/* merge-join the texts of the group */
		while (ia < i || ib < j) {
			int c = ia >= i ? 1 : ib >= j ? -1 : strcmp(a[ia]->text, b[ib]->text);
			if (c == 0) {
				ia++;
				ib++;
			} else if (c < 0) {
				ra[nra++] = a[ia++];
			} else {
				rb[nrb++] = b[ib++];
			}
		}
		for (k = 0; k < nra || k < nrb; k++) {
			if (k < nra && k < nrb)
				push(d, OT_NOTE_CHANGED, ra[k], rb[k]);
			else if (k < nra)
				push(d, OT_NOTE_REMOVED, ra[k], NULL);
			else
				push(d, OT_NOTE_ADDED, NULL, rb[k]);
		}
	}
	free(a);
	free(b);
	free(ra);
	free(rb);
}

int ot_diff_has_note_changes(const ot_diff *diff)
{
	return diff && diff->nnotes > 0;
}
