/*
 * store_diff.c - two stored texts side by side (ot_store_load_pair,
 * store.h): what differs, through ot_store_load_changed, or the whole
 * text when the ordinance exists on one side only (empty on the other);
 * and their diff (ot_store_diff); the diff of the whole code between two
 * commits (ot_store_diff_code), which walks the two ordinances/ trees in
 * name order and diffs only the ordinances whose subtree ids differ.
 */
#include <stdlib.h>

#include "internal.h"
#include "ordtrack/diff.h"
#include "ordtrack/store.h"
#include "tracker_internal.h"
#include "gitwrite.h"

int ot_store_load_pair(ot_doc **old_out, ot_doc **new_out, size_t *unchanged_units, int *found, ot_tracker *t,
		       ot_text_ref old, ot_text_ref new)
{
	ot_doc *a = NULL, *b = NULL;
	int err, any = 1;

	*old_out = *new_out = NULL;
	*unchanged_units = 0;
	err = ot_store_load_changed(&a, &b, unchanged_units, t, old, new);
	if (err == OT_ENOTFOUND) {
		/* added or removed as a whole: load the side that exists */
		ot_error_clear();
		a = b = NULL;
		*unchanged_units = 0;
		any = 0;
		err = ot_store_load(&a, t, old.commit, old.ord);
		if (err == 0)
			any = 1;
		else if (err == OT_ENOTFOUND)
			a = ot_doc_new(), err = 0;
		if (err == 0) {
			err = ot_store_load(&b, t, new.commit, new.ord);
			if (err == 0)
				any = 1;
			else if (err == OT_ENOTFOUND)
				b = ot_doc_new(), err = 0;
		}
		if (err == 0)
			ot_error_clear();
	}
	if (err < 0) {
		ot_doc_free(a);
		ot_doc_free(b);
		return err;
	}
	*old_out = a;
	*new_out = b;
	if (found)
		*found = any;
	return 0;
}

int ot_store_diff(ot_diff **out, ot_doc **old_out, ot_doc **new_out, ot_tracker *t, ot_text_ref old,
		  ot_text_ref new)
{
	ot_doc *a = NULL, *b = NULL;
	size_t unchanged = 0;
	int err, found = 0;

	*out = NULL;
	err = ot_store_load_pair(&a, &b, &unchanged, &found, t, old, new);
	if (err == 0 && !found)
		err = ot_error_set(OT_ENOTFOUND, "ordinance %s is in neither version compared", new.ord);
	if (err == 0 && (err = ot_diff_compute(out, a, b, NULL)) == 0)
		(*out)->stats.unchanged += unchanged;
	if (err == 0 && old_out) {
		*old_out = a;
		a = NULL;
	}
	if (err == 0 && new_out) {
		*new_out = b;
		b = NULL;
	}
	ot_doc_free(a);
	ot_doc_free(b);
	return err;
}

void ot_code_diff_release(ot_code_diff *d)
{
	size_t i;
	if (!d)
		return;
	for (i = 0; i < d->n; i++) {
		free(d->items[i].ordinance);
		ot_diff_free(d->items[i].diff);
		ot_doc_free(d->items[i].old_doc);
		ot_doc_free(d->items[i].new_doc);
	}
	free(d->items);
	memset(d, 0, sizeof(*d));
}

static int cmp_entry_ord(const void *a, const void *b)
{
	const ot_code_diff_entry *x = a, *y = b;
	int c = ot_num_compare(x->ordinance, y->ordinance);
	return c ? c : strcmp(x->ordinance, y->ordinance);
}

int ot_store_diff_code(ot_code_diff *out, ot_tracker *t, const char *old_commit, const char *new_commit)
{
	git_tree *a = NULL, *b = NULL;
	git_oid ca, cb;
	size_t i = 0, j = 0, na, nb;
	int err;

	memset(out, 0, sizeof(*out));
	if (git_oid_fromstr(&ca, old_commit) < 0 || git_oid_fromstr(&cb, new_commit) < 0)
		return ot_error_set(OT_EINVALID, "'%s' or '%s' is not a commit id", old_commit, new_commit);
	if ((err = ot_gw_subtree(&a, t, &ca, "ordinances")) < 0 || (err = ot_gw_subtree(&b, t, &cb, "ordinances")) < 0)
		goto done;
	na = a ? git_tree_entrycount(a) : 0;
	nb = b ? git_tree_entrycount(b) : 0;
	while (i < na || j < nb) {
		const git_tree_entry *ea = i < na ? git_tree_entry_byindex(a, i) : NULL;
		const git_tree_entry *eb = j < nb ? git_tree_entry_byindex(b, j) : NULL;
		int c = !ea ? 1 : !eb ? -1 : strcmp(git_tree_entry_name(ea), git_tree_entry_name(eb));
		const char *name = c <= 0 ? git_tree_entry_name(ea) : git_tree_entry_name(eb);
		ot_code_diff_entry *x;
		if (c == 0 && git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb))) {
			out->unchanged++;
			i++;
			j++;
			continue;
		}
		x = OT_ARRAY_PUSH(out->items, out->n, out->cap);
		memset(x, 0, sizeof(*x));
		x->ordinance = ot_strdup(name);
		x->status = c == 0 ? "changed" : c < 0 ? "removed" : "added";
		if ((err = ot_store_diff(&x->diff, &x->old_doc, &x->new_doc, t, (ot_text_ref){old_commit, name},
					 (ot_text_ref){new_commit, name})) < 0)
			goto done;
		if (c <= 0)
			i++;
		if (c >= 0)
			j++;
	}
	if (out->n)
		qsort(out->items, out->n, sizeof(*out->items), cmp_entry_ord);
done:
	git_tree_free(a);
	git_tree_free(b);
	if (err < 0)
		ot_code_diff_release(out);
	return err;
}
