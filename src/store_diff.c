/*
 * store_diff.c - two stored texts side by side (ot_store_load_pair,
 * store.h): what differs, through ot_store_load_changed, or the whole
 * text when the ordinance exists on one side only (empty on the other);
 * and their diff (ot_store_diff).
 */
#include <stdlib.h>

#include "internal.h"
#include "ordtrack/diff.h"
#include "ordtrack/store.h"

int ot_store_load_pair(ot_doc **old_out, ot_doc **new_out, size_t *unchanged_units, int *found, ot_tracker *t,
		       const char *old_commit, const char *old_ord, const char *new_commit, const char *new_ord)
{
	ot_doc *a = NULL, *b = NULL;
	int err, any = 1;

	*old_out = *new_out = NULL;
	*unchanged_units = 0;
	err = ot_store_load_changed(&a, &b, unchanged_units, t, old_commit, old_ord, new_commit, new_ord);
	if (err == OT_ENOTFOUND) {
		/* added or removed as a whole: load the side that exists */
		ot_error_clear();
		a = b = NULL;
		*unchanged_units = 0;
		any = 0;
		err = ot_store_load(&a, t, old_commit, old_ord);
		if (err == 0)
			any = 1;
		else if (err == OT_ENOTFOUND)
			a = ot_doc_new(), err = 0;
		if (err == 0) {
			err = ot_store_load(&b, t, new_commit, new_ord);
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

int ot_store_diff(ot_diff **out, ot_doc **old_out, ot_doc **new_out, ot_tracker *t, const char *old_commit,
		  const char *old_ord, const char *new_commit, const char *new_ord)
{
	ot_doc *a = NULL, *b = NULL;
	size_t unchanged = 0;
	int err, found = 0;

	*out = NULL;
	err = ot_store_load_pair(&a, &b, &unchanged, &found, t, old_commit, old_ord, new_commit, new_ord);
	if (err == 0 && !found)
		err = ot_error_set(OT_ENOTFOUND, "ordinance %s is in neither version compared", new_ord);
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
