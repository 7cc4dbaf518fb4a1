/*
 * store_diff.c - the diff of two stored texts (ot_store_diff, store.h):
 * load what differs with ot_store_load_changed, fall back to whole texts
 * when the ordinance exists on one side only, and compute the diff.
 */
#include <stdlib.h>

#include "internal.h"
#include "ordtrack/diff.h"
#include "ordtrack/store.h"

int ot_store_diff(ot_diff **out, ot_doc **old_out, ot_doc **new_out, ot_tracker *t, const char *old_commit,
		  const char *old_ord, const char *new_commit, const char *new_ord)
{
	ot_doc *a = NULL, *b = NULL;
	size_t unchanged = 0;
	int err, found = 0;

	*out = NULL;
	err = ot_store_load_changed(&a, &b, &unchanged, t, old_commit, old_ord, new_commit, new_ord);
	if (err == OT_ENOTFOUND) {
		/* added or removed as a whole: load the side that exists */
		ot_error_clear();
		a = b = NULL;
		unchanged = 0;
		err = ot_store_load(&a, t, old_commit, old_ord);
		if (err == 0)
			found = 1;
		else if (err == OT_ENOTFOUND)
			a = ot_doc_new(), err = 0;
		if (err == 0) {
			err = ot_store_load(&b, t, new_commit, new_ord);
			if (err == 0)
				found = 1;
			else if (err == OT_ENOTFOUND)
				b = ot_doc_new(), err = 0;
		}
		if (err == 0 && !found)
			err = ot_error_set(OT_ENOTFOUND, "ordinance %s is in neither version compared", new_ord);
		else if (err == 0)
			ot_error_clear();
	}
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
