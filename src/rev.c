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
#include "ordtrack/record.h"
#include "ordtrack/rev.h"
#include "ordtrack/validate.h"
#include "tracker_internal.h"

void ot_rev_release(ot_rev *rev)
{
	size_t i;
	free(rev->spec);
	free(rev->ordinance);
	free(rev->date);
	free(rev->record);
	for (i = 0; i < rev->nordinances; i++)
		free(rev->ordinances[i]);
	free(rev->ordinances);
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
	out->repealed = v->repealed;
}

int ot_rev_require_text(const ot_rev *rev)
{
	/* the library words no advice: the command line words it from
	 * OT_HINT_LAST_TEXT and its subject */
	if (!rev->repealed)
		return 0;
	ot_error_set(OT_ENOTFOUND, "%s was repealed on %s (version %d, commit %.12s): a repeal has no text",
		     rev->ordinance, rev->date, rev->number, rev->commit);
	/* the version before a repeal has text: a repeal removes an
	 * ordinance that main holds, and an ordinance main lacks cannot be
	 * repealed again */
	if (rev->number > 1)
		ot_error_hint_about(OT_HINT_LAST_TEXT, "%s@%d", rev->ordinance, rev->number - 1);
	return OT_ENOTFOUND;
}

/* A text version on a record's branch: its commit and trailers. */
typedef struct rversion {
	git_oid commit;
	int number;
	ot_stage stage; /* NONE when the trailer names no stage */
	char date[11];
} rversion;

/* Text versions of a record, oldest first: commits on its branch (first
 * parents, down to its base) that carry a Version: trailer. */
static int record_versions(rversion **out, size_t *n, ot_tracker *t, const char *id, const ot_record *r)
{
	char ref[300];
	git_oid cur, base;
	size_t cap = 0, i;
	int err;
	*out = NULL;
	*n = 0;
	snprintf(ref, sizeof(ref), "refs/records/%s", id);
	if ((err = git_reference_name_to_id(&cur, t->repo, ref)) < 0)
		return ot_git_error(err, ref);
	git_oid_fromstr(&base, r->base);
	for (;;) {
		git_commit *c = NULL;
		git_message_trailer_array tr = {0};
		size_t k;
		if (git_oid_equal(&cur, &base))
			break;
		if ((err = git_commit_lookup(&c, t->repo, &cur)) < 0)
			return ot_git_error(err, "read the record's history");
		git_message_trailers(&tr, git_commit_message(c));
		for (k = 0; k < tr.count; k++)
			if (strcasecmp(tr.trailers[k].key, "Version") == 0) {
				rversion *v = OT_ARRAY_PUSH(*out, *n, cap);
				size_t m;
				memset(v, 0, sizeof(*v));
				v->commit = cur;
				v->number = atoi(tr.trailers[k].value);
				for (m = 0; m < tr.count; m++) {
					if (strcasecmp(tr.trailers[m].key, "Stage") == 0) {
						int st = ot_stage_parse(tr.trailers[m].value);
						v->stage = st < 0 ? OT_STAGE_NONE : (ot_stage)st;
						ot_error_clear();
					}
					if (strcasecmp(tr.trailers[m].key, "Date") == 0)
						snprintf(v->date, sizeof(v->date), "%s", tr.trailers[m].value);
				}
			}
		git_message_trailer_array_free(&tr);
		if (git_commit_parentcount(c) == 0) {
			git_commit_free(c);
			break;
		}
		cur = *git_commit_parent_id(c, 0);
		git_commit_free(c);
	}
	/* collected newest first */
	for (i = 0; i < *n / 2; i++) {
		rversion tmp = (*out)[i];
		(*out)[i] = (*out)[*n - 1 - i];
		(*out)[*n - 1 - i] = tmp;
	}
	return 0;
}

static void fill_record(ot_rev *out, const ot_record *r, const char *spec)
{
	size_t i;
	out->spec = ot_strdup(spec);
	out->record = ot_strdup(r->id);
	out->ordinance = ot_strdup(r->nordinances ? r->ordinances[0] : "");
	out->ordinances = ot_calloc(r->nordinances + 1, sizeof(char *));
	for (i = 0; i < r->nordinances; i++)
		out->ordinances[i] = ot_strdup(r->ordinances[i]);
	out->nordinances = r->nordinances;
}

static int resolve_record(ot_rev *out, ot_tracker *t, const char *spec, const char *id, const char *sel)
{
	ot_record r;
	rversion *vs = NULL;
	size_t n = 0, i;
	int st;
	const rversion *hit = NULL;
	int err;

	if ((err = ot_record_load(&r, NULL, t, id)) < 0)
		return err;
	if ((err = record_versions(&vs, &n, t, id, &r)) < 0)
		goto done;
	if (!n && !r.nordinances) {
		/* an imported record: the council's system keeps no text of the
		 * code it changes */
		err = ot_error_set(OT_ENOTFOUND, "record %s (%s, %s%s) changes no ordinance text; its sponsors, "
						 "actions and votes are its record",
				   id, ot_record_type_names[r.type], r.source ? "imported from " : "recorded by hand",
				   r.source ? r.source : "");
		ot_error_hint_about(OT_HINT_STATUS, "%s", id);
		goto done;
	}
	if (!n) {
		err = ot_error_set(OT_EINVALID, "tracker: record %s has no text version", id);
		goto done;
	}
	if (sel && strcmp(sel, "base") == 0) {
		fill_record(out, &r, spec);
		snprintf(out->commit, sizeof(out->commit), "%s", r.base);
		out->number = 0;
		out->date = ot_strdup(r.introduced);
		goto done;
	}
	if (!sel || strcmp(sel, "passed") == 0) {
		if (sel && r.status != OT_STATUS_PASSED) {
			err = ot_error_set(OT_ENOTFOUND, "record %s has not passed (it is %s)", id,
					   ot_status_names[r.status]);
			goto done;
		}
		hit = &vs[n - 1];
	} else if (all_digits(sel) && strlen(sel) < 7) {
		long k = strtol(sel, NULL, 10);
		for (i = 0; i < n; i++)
			if (vs[i].number == k)
				hit = &vs[i];
		if (!hit) {
			err = ot_error_set(OT_ENOTFOUND, "record %s has no version %ld; it has versions 1 to %zu", id, k, n);
			goto done;
		}
	} else if ((st = ot_stage_parse(sel)) == OT_STAGE_INTRODUCED || st == OT_STAGE_SUBSTITUTE ||
		   st == OT_STAGE_AMENDED) {
		for (i = 0; i < n; i++)
			if (vs[i].stage == (ot_stage)st)
				hit = &vs[i];
		if (!hit) {
			err = ot_error_set(OT_ENOTFOUND, "record %s has no %s text", id, sel);
			goto done;
		}
	} else {
		err = ot_error_set(OT_EINVALID,
				   "invalid revision '%s'; for a record write RECORD, RECORD@N, RECORD@introduced, @substitute, @amended, @passed or @base",
				   spec);
		goto done;
	}
	fill_record(out, &r, spec);
	git_oid_tostr(out->commit, sizeof(out->commit), &hit->commit);
	out->number = hit->number;
	out->date = ot_strdup(hit->date);
done:
	free(vs);
	ot_record_release(&r);
	return err;
}

int ot_rev_record_base(ot_rev *out, ot_tracker *t, const ot_rev *rr)
{
	char spec[300];
	if (!rr->record)
		return ot_error_set(OT_EINVALID, "'%s' is not a record revision", rr->spec);
	snprintf(spec, sizeof(spec), "%s@base", rr->record);
	return resolve_record(out, t, spec, rr->record, "base");
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
		char ref[300];
		git_oid id;
		snprintf(ref, sizeof(ref), "refs/records/%s", ord);
		if (git_reference_name_to_id(&id, t->repo, ref) == 0) {
			err = resolve_record(out, t, spec, ord, sel);
			goto done;
		}
		err = ot_error_set(OT_ENOTFOUND, "unknown ordinance or record '%s'", ord);
		ot_error_hint(OT_HINT_LIST_ORDINANCES_AND_RECORDS);
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
		/* a version is in force from its date, but never before the
		 * version it builds on: an enactment with a later effective
		 * date holds back the ones recorded after it (vl is newest
		 * first, so walk it from the end) */
		{
			const char *since = "";
			for (i = vl.n; i > 0; i--) {
				const ot_version *v = &vl.items[i - 1];
				if (strcmp(v->date, since) > 0)
					since = v->date;
				if (strcmp(since, sel) <= 0)
					hit = v;
			}
		}
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
			err = ot_error_set(OT_ENOTFOUND, "no version of %s was made by a commit starting '%s'", ord, sel);
			ot_error_hint_about(OT_HINT_LIST_VERSIONS, "%s", ord);
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

int ot_rev_resolve_main(char out[41], char date_out[11], ot_tracker *t, const char *spec)
{
	ot_main_commit *cs = NULL;
	size_t n = 0, i, hit = (size_t)-1, hits = 0;
	int err;

	out[0] = '\0';
	if (date_out)
		date_out[0] = '\0';
	if ((err = ot_index_main_commits(&cs, &n, t)) < 0)
		return err;
	if (!n) {
		err = ot_error_set(OT_ENOTFOUND, "the tracker has no versions yet; nothing to compare");
		goto done;
	}
	if (strcmp(spec, "main") == 0) {
		hit = n - 1;
	} else if (strncmp(spec, "main~", 5) == 0 && all_digits(spec + 5) && strlen(spec + 5) < 10) {
		size_t back = (size_t)strtoul(spec + 5, NULL, 10);
		if (back >= n) {
			err = ot_error_set(OT_ENOTFOUND, "main has %zu commit%s; '%s' goes back past its first", n,
					   n == 1 ? "" : "s", spec);
			goto done;
		}
		hit = n - 1 - back;
	} else if (spec[0] == '@' && strlen(spec) == 11 && spec[5] == '-' && spec[8] == '-') {
		const char *since = "";
		if ((err = ot_date_parse(NULL, spec + 1)) < 0) {
			err = ot_error_set(OT_EINVALID, "invalid revision '%s': %s", spec, ot_error_last());
			goto done;
		}
		/* in force from its date, never before the commit it builds on */
		for (i = 0; i < n; i++) {
			if (strcmp(cs[i].date, since) > 0)
				since = cs[i].date;
			if (strcmp(since, spec + 1) <= 0)
				hit = i;
		}
		if (hit == (size_t)-1) {
			err = ot_error_set(OT_ENOTFOUND, "main had no text in force on %s; its first commit is dated %s",
					   spec + 1, cs[0].date);
			goto done;
		}
	} else if (all_hex(spec) && strlen(spec) >= 4 && strlen(spec) <= 40) {
		for (i = 0; i < n; i++)
			if (strncasecmp(cs[i].commit, spec, strlen(spec)) == 0) {
				hit = i;
				hits++;
			}
		if (hits > 1) {
			err = ot_error_set(OT_EINVALID, "commit prefix '%s' is ambiguous on main; give more digits", spec);
			goto done;
		}
		if (!hits) {
			err = ot_error_set(OT_ENOTFOUND, "no commit of main starts '%s'", spec);
			ot_error_hint(OT_HINT_LIST_COMMITS);
			goto done;
		}
	} else {
		err = ot_error_set(OT_EINVALID,
				   "invalid whole-code revision '%s'; write main, main~N, @YYYY-MM-DD or a commit of main",
				   spec);
		goto done;
	}
	memcpy(out, cs[hit].commit, 41);
	if (date_out)
		memcpy(date_out, cs[hit].date, 11);
done:
	free(cs);
	return err;
}
