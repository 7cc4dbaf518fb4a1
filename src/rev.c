/*
 * rev.c - resolving revision specs (syntax in ordtrack/rev.h) against the
 * index's list of versions.  Everything is answered from SQLite; git is
 * only asked whether a commit prefix exists when no version matches.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "internal.h"
#include "ordtrack/index.h"
#include "ordtrack/rev.h"
#include "ordtrack/validate.h"
#include "tracker_internal.h"

void ot_rev_release(ot_rev *rev)
{
	free(rev->spec);
	free(rev->ordinance);
	free(rev->date);
	memset(rev, 0, sizeof(*rev));
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

static int all_hex(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isxdigit((unsigned char)*s))
			return 0;
	return 1;
}

static void fill(ot_rev *out, const ot_version *v)
{
	out->ordinance = ot_strdup(v->ordinance);
	memcpy(out->commit, v->commit, sizeof(out->commit));
	out->number = v->number;
	out->date = ot_strdup(v->date);
}

int ot_rev_resolve(ot_rev *out, ot_tracker *t, const char *spec)
{
	ot_version_list vl = {0};
	char *ord = NULL;
	const char *at, *sel = NULL;
	size_t i, hits = 0;
	const ot_version *hit = NULL;
	int err;

	memset(out, 0, sizeof(*out));
	at = strchr(spec, '@');
	ord = at ? ot_strndup(spec, (size_t)(at - spec)) : ot_strdup(spec);
	if (at)
		sel = at + 1;
	if ((err = ot_name_check(OT_NAME_ORDINANCE, ord)) < 0) {
		err = ot_error_set(OT_EINVALID, "invalid revision '%s': %s", spec, ot_error_last());
		goto done;
	}
	if ((err = ot_index_versions(&vl, t, ord)) < 0)
		goto done;
	if (vl.n == 0) {
		err = ot_error_set(OT_ENOTFOUND, "unknown ordinance '%s'; 'ordtrack log' lists what the tracker holds", ord);
		goto done;
	}
	/* vl is newest first */
	if (!sel) {
		hit = &vl.items[0];
	} else if (all_digits(sel) && strlen(sel) < 7) {
		long n = strtol(sel, NULL, 10);
		for (i = 0; i < vl.n; i++)
			if (vl.items[i].number == n)
				hit = &vl.items[i];
		if (!hit) {
			err = ot_error_set(OT_ENOTFOUND, "%s has no version %ld; it has versions 1 to %d", ord, n,
					   vl.items[0].number);
			goto done;
		}
	} else if (strlen(sel) == 10 && sel[4] == '-' && sel[7] == '-') {
		if ((err = ot_date_parse(NULL, sel)) < 0) {
			err = ot_error_set(OT_EINVALID, "invalid revision '%s': %s", spec, ot_error_last());
			goto done;
		}
		for (i = 0; i < vl.n && !hit; i++)
			if (strcmp(vl.items[i].date, sel) <= 0)
				hit = &vl.items[i];
		if (!hit) {
			err = ot_error_set(OT_ENOTFOUND, "%s had no version in force on %s; its first version is dated %s",
					   ord, sel, vl.items[vl.n - 1].date);
			goto done;
		}
	} else if (all_hex(sel) && strlen(sel) >= 4 && strlen(sel) <= 40) {
		for (i = 0; i < vl.n; i++)
			if (strncasecmp(vl.items[i].commit, sel, strlen(sel)) == 0) {
				hit = &vl.items[i];
				hits++;
			}
		if (hits > 1) {
			err = ot_error_set(OT_EINVALID, "commit prefix '%s' is ambiguous for %s; give more digits", sel, ord);
			goto done;
		}
		if (!hit) {
			err = ot_error_set(OT_ENOTFOUND, "no version of %s was made by a commit starting '%s'; 'ordtrack log %s' lists them",
					   ord, sel, ord);
			goto done;
		}
	} else {
		err = ot_error_set(OT_EINVALID,
				   "invalid revision '%s'; write ORD, ORD@N, ORD@YYYY-MM-DD or ORD@COMMIT", spec);
		goto done;
	}
	fill(out, hit);
	out->spec = ot_strdup(spec);
done:
	ot_version_list_release(&vl);
	free(ord);
	return err;
}
