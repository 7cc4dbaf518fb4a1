/*
 * record_store.c - the legislative record in git: members.json on main,
 * one branch refs/records/<RECORD> per record, passage as a merge into
 * main.
 *
 * Every event (propose, revise, action, vote, fail, withdraw) is one commit
 * on the record's branch whose tree is the code as it would read if the
 * record passed, with records/<RECORD>.json updated; the commit message
 * carries trailers (Record, Event, Date, Version/Stage for texts).  The
 * single commit point of each write is the compare-and-swap of one ref:
 * the record's branch for events, main for member changes and for
 * passage.  Passage makes a merge commit on main (parents: main, the
 * record's passage commit) whose tree is the clause-level three-way merge
 * of the record's changes into main as it stands; afterwards the branch is
 * fast-forwarded to that passage commit (if that second step is lost, main
 * still holds the passed record, which ot_record_load prefers).
 *
 * Writes hold the tracker lock; every check happens before any object is
 * written, so a refused event leaves refs, files and index as they were.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "gitwrite.h"
#include "internal.h"
#include "ordtrack/diff.h"
#include "ordtrack/index.h"
#include "ordtrack/merge.h"
#include "ordtrack/record.h"
#include "ordtrack/store.h"
#include "ordtrack/validate.h"
#include "tracker_internal.h"

#define MEMBERS_FILE "members.json"

static void record_ref(char *out, size_t n, const char *id)
{
	snprintf(out, n, "refs/records/%s", id);
}

static void record_path(char *out, size_t n, const char *id)
{
	snprintf(out, n, "records/%s.json", id);
}

/* ---- members ------------------------------------------------------------ */

int ot_members_load(ot_members *out, ot_tracker *t)
{
	ot_buf data = OT_BUF_INIT;
	git_oid head;
	int err;
	memset(out, 0, sizeof(*out));
	err = ot_gw_ref(&head, t, OT_MAIN_REF);
	if (err == OT_ENOTFOUND)
		return 0;
	if (err < 0)
		return err;
	err = ot_gw_read_path(&data, NULL, t, &head, MEMBERS_FILE);
	if (err == OT_ENOTFOUND)
		err = 0;
	else if (err == 0)
		err = ot_members_from_json(out, data.ptr, data.len, MEMBERS_FILE);
	ot_buf_release(&data);
	return err;
}

static int overlaps(const ot_member *a, const ot_member *b)
{
	/* [from, to] intervals with open ends */
	if (a->to && b->from && strcmp(a->to, b->from) < 0)
		return 0;
	if (b->to && a->from && strcmp(b->to, a->from) < 0)
		return 0;
	return 1;
}

/* Commit `tree` on main (after head) and move main; the common tail of
 * member changes. */
static int commit_main(char out[41], ot_tracker *t, const git_oid *head, const git_oid *tree, const char *msg,
		       const char *date, int *in_batch)
{
	git_oid commit;
	int err;
	if ((err = ot_gw_commit(&commit, t, tree, head, head ? 1 : 0, msg, date)) < 0)
		return err;
	*in_batch = 0;
	if ((err = ot_store_batch_flush(t)) < 0 ||
	    (err = ot_gw_move_ref(t, OT_MAIN_REF, &commit, head, "main")) < 0)
		return err;
	git_oid_tostr(out, 41, &commit);
	if (ot_index_catch_up(t) < 0)
		ot_warning_after_commit(); /* past the commit point: see store.c */
	return 0;
}

int ot_member_add(char out[41], ot_tracker *t, const ot_member *m)
{
	ot_members ms = {0};
	ot_buf json = OT_BUF_INIT, msg = OT_BUF_INIT;
	git_oid head, root, blob, tree, *headp = NULL;
	char today[11];
	size_t i;
	int err, in_batch = 0;

	if (!m->name || !*m->name)
		return ot_error_set(OT_EINVALID, "empty member name");
	if ((err = ot_text_check("member name", m->name, 0)) < 0)
		return err;
	if (isspace((unsigned char)m->name[0]) || isspace((unsigned char)m->name[strlen(m->name) - 1]))
		return ot_error_set(OT_EINVALID, "member name '%s' starts or ends with a space", m->name);
	if (m->ward < 0 || m->ward > 1000)
		return ot_error_set(OT_EINVALID, "ward %d is not a ward number (0 to 1000; 0 for none)", m->ward);
	if ((m->from && (err = ot_date_parse(NULL, m->from)) < 0) || (m->to && (err = ot_date_parse(NULL, m->to)) < 0))
		return err;
	if (m->from && m->to && strcmp(m->from, m->to) > 0)
		return ot_error_set(OT_EINVALID, "the term ends (%s) before it starts (%s)", m->to, m->from);
	if ((err = ot_tracker_lock(t, OT_LOCK_TIMEOUT_MS)) < 0)
		return err;
	if ((err = ot_members_load(&ms, t)) < 0)
		goto done;
	for (i = 0; i < ms.n; i++) {
		const ot_member *o = &ms.items[i];
		size_t k;
		int same = ot_member_names_same(o->name, m->name);
		for (k = 0; !same && k < o->naliases; k++)
			same = ot_member_names_same(o->aliases[k], m->name);
		if (!same || !overlaps(o, m))
			continue;
		if (strcasecmp(o->name, m->name) == 0)
			err = ot_error_set(OT_EEXISTS, "%s is already a member in overlapping dates (%s to %s)", m->name,
					   o->from ? o->from : "the start", o->to ? o->to : "now");
		else
			err = ot_error_set(OT_EEXISTS,
					   "'%s' is %s (ward %d, %s to %s) written another way; one person is one "
					   "member: add the spelling as the member's alias instead",
					   m->name, o->name, o->ward, o->from ? o->from : "the start", o->to ? o->to : "now");
		goto done;
	}
	for (i = 0; m->ward && i < ms.n; i++)
		if (ms.items[i].ward == m->ward && overlaps(&ms.items[i], m) &&
		    /* a seat handed over on the day one term ends and the next begins */
		    !(ms.items[i].to && m->from && strcmp(ms.items[i].to, m->from) == 0) &&
		    !(m->to && ms.items[i].from && strcmp(m->to, ms.items[i].from) == 0)) {
			err = ot_error_set(OT_EEXISTS, "ward %d is held by %s from %s to %s; end that term first (--to)",
					   m->ward, ms.items[i].name, ms.items[i].from ? ms.items[i].from : "the start",
					   ms.items[i].to ? ms.items[i].to : "now");
			goto done;
		}
	{
		ot_member *nm = OT_ARRAY_PUSH(ms.items, ms.n, ms.cap);
		ot_member_copy(nm, m);
	}
	ot_members_to_json(&json, &ms);
	err = ot_gw_ref(&head, t, OT_MAIN_REF);
	if (err < 0 && err != OT_ENOTFOUND)
		goto done;
	if (err == 0) {
		headp = &head;
		if ((err = ot_gw_commit_tree(&root, t, &head)) < 0)
			goto done;
	}
	err = 0;
	if ((err = ot_store_batch_begin(t)) < 0)
		goto done;
	in_batch = 1;
	if ((err = ot_gw_blob(&blob, t, json.ptr, json.len)) < 0 ||
	    (err = ot_gw_tree_set(&tree, t, headp ? &root : NULL, NULL, MEMBERS_FILE, &blob, GIT_FILEMODE_BLOB)) < 0)
		goto done;
	ot_date_today(today);
	ot_buf_printf(&msg, "members: add %s (ward %d)\n\nMember: %s\nWard: %d\n", m->name, m->ward, m->name, m->ward);
	if (m->from)
		ot_buf_printf(&msg, "From: %s\n", m->from);
	if (m->to)
		ot_buf_printf(&msg, "To: %s\n", m->to);
	err = commit_main(out, t, headp, &tree, msg.ptr, m->from ? m->from : today, &in_batch);
done:
	if (in_batch)
		ot_store_batch_abort(t);
	ot_tracker_unlock(t);
	ot_members_release(&ms);
	ot_buf_release(&json);
	ot_buf_release(&msg);
	return err;
}

int ot_member_alias(char out[41], ot_tracker *t, const char *name, const char *alias)
{
	ot_members ms = {0};
	ot_buf json = OT_BUF_INIT, msg = OT_BUF_INIT;
	git_oid head, root, blob, tree;
	const ot_member *hit = NULL;
	char today[11];
	size_t i, k, terms = 0;
	int err, in_batch = 0;

	if (!alias || !*alias)
		return ot_error_set(OT_EINVALID, "empty alias");
	if ((err = ot_text_check("alias", alias, 0)) < 0)
		return err;
	if ((err = ot_tracker_lock(t, OT_LOCK_TIMEOUT_MS)) < 0)
		return err;
	if ((err = ot_members_load(&ms, t)) < 0)
		goto done;
	if (ot_members_match(&ms, name, NULL, &hit, 1) != 1) {
		err = ot_error_set(OT_ENOTFOUND, "'%s' names %s member; give the member's full name", name,
				   hit ? "more than one" : "no");
		goto done;
	}
	/* the alias must not be another member's name */
	for (i = 0; i < ms.n; i++) {
		int other = strcmp(ms.items[i].name, hit->name) != 0;
		if (other && ot_member_names_same(ms.items[i].name, alias)) {
			err = ot_error_set(OT_EINVALID, "'%s' is the name of %s (ward %d); an alias names one person", alias,
					   ms.items[i].name, ms.items[i].ward);
			goto done;
		}
	}
	{
		char *person = ot_strdup(hit->name);
		for (i = 0; i < ms.n; i++) {
			ot_member *m = &ms.items[i];
			int have = strcasecmp(m->name, alias) == 0;
			if (strcmp(m->name, person) != 0)
				continue;
			for (k = 0; k < m->naliases && !have; k++)
				have = strcasecmp(m->aliases[k], alias) == 0;
			if (!have) {
				*OT_ARRAY_PUSH(m->aliases, m->naliases, m->alcap) = ot_strdup(alias);
				terms++;
			}
		}
		if (!terms) {
			err = ot_error_set(OT_EUNCHANGED, "%s is already known as '%s'", person, alias);
			free(person);
			goto done;
		}
		ot_buf_printf(&msg, "members: %s also written '%s'\n\nMember: %s\nAlias: %s\n", person, alias, person,
			      alias);
		free(person);
	}
	ot_members_to_json(&json, &ms);
	if ((err = ot_gw_ref(&head, t, OT_MAIN_REF)) < 0 || (err = ot_gw_commit_tree(&root, t, &head)) < 0 ||
	    (err = ot_store_batch_begin(t)) < 0)
		goto done;
	in_batch = 1;
	if ((err = ot_gw_blob(&blob, t, json.ptr, json.len)) < 0 ||
	    (err = ot_gw_tree_set(&tree, t, &root, NULL, MEMBERS_FILE, &blob, GIT_FILEMODE_BLOB)) < 0)
		goto done;
	ot_date_today(today);
	err = commit_main(out, t, &head, &tree, msg.ptr, today, &in_batch);
done:
	if (in_batch)
		ot_store_batch_abort(t);
	ot_tracker_unlock(t);
	ot_members_release(&ms);
	ot_buf_release(&json);
	ot_buf_release(&msg);
	return err;
}

/* ---- reading records ---------------------------------------------------- */

static int load_json_at(ot_record *out, ot_tracker *t, const git_oid *commit, const char *id)
{
	ot_buf data = OT_BUF_INIT;
	char path[300];
	int err;
	record_path(path, sizeof(path), id);
	err = ot_gw_read_path(&data, NULL, t, commit, path);
	if (err == 0)
		err = ot_record_from_json(out, data.ptr, data.len, path);
	ot_buf_release(&data);
	return err;
}

int ot_record_load(ot_record *out, char head_out[41], ot_tracker *t, const char *id)
{
	char ref[300];
	git_oid head, main_head;
	ot_record on_main;
	int err;

	memset(out, 0, sizeof(*out));
	if ((err = ot_name_check(OT_NAME_RECORD, id)) < 0)
		return err;
	record_ref(ref, sizeof(ref), id);
	if ((err = ot_gw_ref(&head, t, ref)) < 0) {
		if (err == OT_ENOTFOUND) {
			ot_error_set(OT_ENOTFOUND, "unknown record '%s'", id);
			ot_error_hint(OT_HINT_LIST_RECORDS);
		}
		return err;
	}
	if (head_out)
		git_oid_tostr(head_out, 41, &head);
	if ((err = load_json_at(out, t, &head, id)) < 0)
		return err == OT_ENOTFOUND ? ot_error_set(OT_EINVALID, "tracker: %s has no records/%s.json", ref, id)
					   : err;
	/* passed: main's copy is authoritative (see the top comment); it
	 * also holds what followed passage (the executive's actions) */
	if (ot_gw_ref(&main_head, t, OT_MAIN_REF) == 0 && load_json_at(&on_main, t, &main_head, id) == 0) {
		if (on_main.status == OT_STATUS_PASSED) {
			ot_record_release(out);
			*out = on_main;
		} else {
			ot_record_release(&on_main);
		}
	}
	ot_error_clear();
	return 0;
}

static int id_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted here: libgit2 lists the loose refs first, then the packed ones
 * (an import packs its refs, a later event writes its record's loose),
 * and callers rely on the order (ot_record_conflicts_find pairs a < b). */
int ot_record_list(char ***out, size_t *n, ot_tracker *t)
{
	git_reference_iterator *it = NULL;
	const char *name;
	size_t cap = 0;
	int err;
	*out = NULL;
	*n = 0;
	if ((err = git_reference_iterator_glob_new(&it, t->repo, "refs/records/*")) < 0)
		return ot_git_error(err, "list records");
	while (git_reference_next_name(&name, it) == 0)
		if (ot_name_check(OT_NAME_RECORD, name + strlen("refs/records/")) == 0)
			*OT_ARRAY_PUSH(*out, *n, cap) = ot_strdup(name + strlen("refs/records/"));
	git_reference_iterator_free(it);
	ot_error_clear();
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), id_cmp);
	return 0;
}

/* ---- writing record events --------------------------------------------- */

typedef struct event {
	const char *const *ordinances; /* texts to change, with docs */
	const ot_doc *const *docs;
	size_t ndocs;
	const char *subject;           /* first line after "<RECORD>: " */
	const char *event;             /* Event: trailer */
	const char *date;
	int version;                   /* Version: trailer when > 0 */
	const char *stage;
} event;

/*
 * Write one commit on the record's branch: the tree of `parent` with the
 * given ordinance texts and records/<id>.json = r, then move the branch
 * from `expected` (NULL: create it).  The caller holds the lock.
 */
static int write_event(char out[41], ot_tracker *t, const ot_record *r, const git_oid *parent,
		       const git_oid *expected, const event *ev)
{
	ot_buf json = OT_BUF_INIT, msg = OT_BUF_INIT;
	ot_blob_units *w = NULL;
	size_t nw = 0, wcap = 0, i;
	git_oid tree, blob, ord_tree, commit;
	char ref[300], path[300];
	int err, in_batch = 0;

	if ((err = ot_gw_commit_tree(&tree, t, parent)) < 0 || (err = ot_store_batch_begin(t)) < 0)
		goto done;
	in_batch = 1;
	for (i = 0; i < ev->ndocs; i++) {
		git_tree *old = NULL;
		char *prev_title = NULL;
		const char *title;
		snprintf(path, sizeof(path), "ordinances/%s", ev->ordinances[i]);
		if ((err = ot_gw_subtree(&old, t, parent, path)) < 0)
			goto done;
		/* keep the title of the text in force unless the file has one */
		title = ev->docs[i]->title;
		if (!title && old)
			title = prev_title = ot_gw_ordinance_title(t, old);
		err = ot_gw_ordinance_tree(&ord_tree, t, old, ev->ordinances[i], ev->docs[i], title, &w, &nw, &wcap);
		git_tree_free(old);
		if (err == 0)
			err = ot_gw_tree_set(&tree, t, &tree, "ordinances", ev->ordinances[i], &ord_tree,
					     GIT_FILEMODE_TREE);
		free(prev_title);
		if (err < 0)
			goto done;
	}
	ot_record_to_json(&json, r);
	snprintf(path, sizeof(path), "%s.json", r->id);
	if ((err = ot_gw_blob(&blob, t, json.ptr, json.len)) < 0 ||
	    (err = ot_gw_tree_set(&tree, t, &tree, "records", path, &blob, GIT_FILEMODE_BLOB)) < 0)
		goto done;
	ot_buf_printf(&msg, "%s: %s\n\nRecord: %s\nEvent: %s\nDate: %s\n", r->id, ev->subject, r->id, ev->event,
		      ev->date);
	if (ev->version > 0)
		ot_buf_printf(&msg, "Version: %d\nStage: %s\n", ev->version, ev->stage);
	for (i = 0; i < ev->ndocs; i++)
		ot_buf_printf(&msg, "Ordinance: %s\n", ev->ordinances[i]);
	if ((err = ot_gw_commit(&commit, t, &tree, parent, 1, msg.ptr, ev->date)) < 0)
		goto done;
	in_batch = 0;
	if ((err = ot_store_batch_flush(t)) < 0 || (err = ot_index_note_blobs(t, w, nw)) < 0)
		goto done;
	record_ref(ref, sizeof(ref), r->id);
	if ((err = ot_gw_move_ref(t, ref, &commit, expected, r->id)) < 0)
		goto done;
	git_oid_tostr(out, 41, &commit);
	if (ot_index_catch_up(t) < 0)
		ot_warning_after_commit(); /* past the commit point: see store.c */
done:
	if (in_batch)
		ot_store_batch_abort(t);
	ot_buf_release(&json);
	ot_buf_release(&msg);
	free(w);
	return err;
}

/* Load a pending record for an event dated `date`; refuses closed records
 * and dates before the introduction. */
static int load_pending(ot_record *r, git_oid *head, ot_tracker *t, const char *id, const char *date,
			const char *what)
{
	char hex[41];
	int err;
	if ((err = ot_date_parse(NULL, date)) < 0)
		return err;
	if ((err = ot_record_load(r, hex, t, id)) < 0)
		return err;
	git_oid_fromstr(head, hex);
	if (r->status != OT_STATUS_PENDING) {
		err = ot_error_set(OT_EINVALID, "record %s is %s (%s); %s only applies to a pending record", id,
				   ot_status_names[r->status], r->closed ? r->closed : "", what);
		ot_record_release(r);
		return err;
	}
	if (strcmp(date, r->introduced) < 0) {
		err = ot_error_set(OT_EINVALID, "%s is dated %s, before %s was introduced (%s)", what, date, id,
				   r->introduced);
		ot_record_release(r);
		return err;
	}
	return 0;
}

static int check_texts(ot_tracker *t, const git_oid *against, const char *const *ords, const ot_doc *const *docs,
		       size_t n, const char *what)
{
	size_t i, j;
	int err, changed = 0;
	if (!n)
		return ot_error_set(OT_EINVALID, "%s needs at least one ORD FILE pair", what);
	for (i = 0; i < n; i++) {
		ot_doc *cur = NULL;
		if ((err = ot_name_check(OT_NAME_ORDINANCE, ords[i])) < 0)
			return err;
		for (j = 0; j < i; j++)
			if (strcmp(ords[i], ords[j]) == 0)
				return ot_error_set(OT_EINVALID, "ordinance %s is given twice", ords[i]);
		if (!docs[i]->nsections)
			return ot_error_set(OT_EINVALID, "the text for %s has no sections", ords[i]);
		for (j = 0; j < docs[i]->nsections; j++)
			if ((err = ot_name_check(OT_NAME_SECTION, docs[i]->sections[j]->num)) < 0)
				return err;
		err = against ? ot_store_load(&cur, t, git_oid_tostr_s(against), ords[i]) : OT_ENOTFOUND;
		if (err < 0 && err != OT_ENOTFOUND)
			return err;
		if (err == OT_ENOTFOUND) {
			changed = 1;
		} else {
			ot_buf a = OT_BUF_INIT, b = OT_BUF_INIT;
			ot_doc_canonical(&a, cur);
			/* compare in the stored (numeric) section order */
			{
				ot_doc *copy = ot_doc_new();
				size_t k;
				for (k = 0; k < docs[i]->nsections; k++)
					ot_doc_append(copy, ot_node_clone(docs[i]->sections[k]));
				ot_doc_sort(copy);
				ot_doc_canonical(&b, copy);
				ot_doc_free(copy);
			}
			if (a.len != b.len || memcmp(a.ptr, b.ptr, a.len) != 0)
				changed = 1;
			ot_buf_release(&a);
			ot_buf_release(&b);
			ot_doc_free(cur);
		}
	}
	ot_error_clear();
	if (!changed)
		return ot_error_set(OT_EUNCHANGED, "the texts given are identical to the current ones; nothing to %s",
				    what);
	return 0;
}

int ot_record_propose(char out[41], ot_tracker *t, const ot_propose *p)
{
	ot_record r;
	git_oid main_head;
	char ref[300], base[41];
	size_t i;
	int err;

	memset(&r, 0, sizeof(r));
	if ((err = ot_name_check(OT_NAME_RECORD, p->id)) < 0 || (err = ot_date_parse(NULL, p->date)) < 0 ||
	    (err = ot_text_check("title", p->title ? p->title : "", 0)) < 0)
		return err;
	if (!p->title || !*p->title) {
		ot_error_set(OT_EINVALID, "a record needs a title");
		ot_error_hint(OT_HINT_TITLE);
		return OT_EINVALID;
	}
	if (!p->nsponsors) {
		ot_error_set(OT_EINVALID, "a record needs at least one sponsor");
		ot_error_hint(OT_HINT_SPONSOR);
		return OT_EINVALID;
	}
	for (i = 0; i < p->nsponsors; i++)
		if (!*p->sponsors[i] || (err = ot_text_check("sponsor", p->sponsors[i], 0)) < 0)
			return *p->sponsors[i] ? err : ot_error_set(OT_EINVALID, "empty sponsor name");
	if ((unsigned)p->type >= OT_RECORD_N)
		return ot_error_set(OT_EINVALID, "record type %d is not one of ot_record_type", (int)p->type);
	if ((err = ot_tracker_lock(t, OT_LOCK_TIMEOUT_MS)) < 0)
		return err;
	record_ref(ref, sizeof(ref), p->id);
	if (ot_gw_ref(&main_head, t, ref) == 0) {
		err = ot_error_set(OT_EEXISTS, "record %s exists already", p->id);
		ot_error_hint(OT_HINT_REVISE);
		goto done;
	}
	if ((err = ot_gw_ref(&main_head, t, OT_MAIN_REF)) < 0) {
		if (err == OT_ENOTFOUND) {
			err = ot_error_set(OT_ENOTFOUND, "the tracker has no code in force yet");
			ot_error_hint(OT_HINT_ADD_FIRST);
		}
		goto done;
	}
	if ((err = check_texts(t, &main_head, p->ordinances, p->docs, p->ndocs, "propose")) < 0)
		goto done;
	git_oid_tostr(base, sizeof(base), &main_head);
	r.id = ot_strdup(p->id);
	r.type = p->type;
	r.title = ot_strdup(p->title);
	r.status = OT_STATUS_PENDING;
	r.introduced = ot_strdup(p->date);
	r.base = ot_strdup(base);
	for (i = 0; i < p->ndocs; i++)
		*OT_ARRAY_PUSH(r.ordinances, r.nordinances, r.ocap) = ot_strdup(p->ordinances[i]);
	for (i = 0; i < p->nsponsors; i++)
		*OT_ARRAY_PUSH(r.sponsors, r.nsponsors, r.scap) = ot_strdup(p->sponsors[i]);
	*OT_ARRAY_PUSH(r.versions, r.nversions, r.vcap) =
		(ot_record_version){1, ot_strdup(p->date), OT_STAGE_INTRODUCED};
	*OT_ARRAY_PUSH(r.actions, r.nactions, r.acap) =
		(ot_action){ot_strdup(p->date), OT_ACTION_INTRODUCTION, NULL, NULL, NULL};
	{
		event ev = {p->ordinances, p->docs, p->ndocs, p->title, "introduction", p->date, 1, "introduced"};
		err = write_event(out, t, &r, &main_head, NULL, &ev);
	}
done:
	ot_tracker_unlock(t);
	ot_record_release(&r);
	return err;
}

int ot_record_revise(char out[41], ot_tracker *t, const ot_revise *rv)
{
	const char *id = rv->id, *date = rv->date;
	const char *const *ords = rv->ordinances;
	const ot_doc *const *docs = rv->docs;
	size_t n = rv->ndocs;
	ot_stage stage_given = rv->stage;
	ot_record r;
	git_oid head;
	size_t i, j;
	char subject[200];
	int err;

	ot_stage st = stage_given == OT_STAGE_NONE ? OT_STAGE_SUBSTITUTE : stage_given;
	const char *stage;

	if (st != OT_STAGE_SUBSTITUTE && st != OT_STAGE_AMENDED)
		return ot_error_set(OT_EINVALID, "a revision is a substitute or an amended text, not %s",
				    (unsigned)st < OT_STAGE_N ? ot_stage_names[st] : "an unknown stage");
	stage = ot_stage_names[st];
	if ((err = ot_tracker_lock(t, OT_LOCK_TIMEOUT_MS)) < 0)
		return err;
	if ((err = load_pending(&r, &head, t, id, date, "a revision")) < 0)
		goto unlock;
	if ((err = check_texts(t, &head, ords, docs, n, "revise")) < 0)
		goto done;
	for (i = 0; i < n; i++) {
		for (j = 0; j < r.nordinances && strcmp(r.ordinances[j], ords[i]); j++)
			;
		if (j == r.nordinances)
			*OT_ARRAY_PUSH(r.ordinances, r.nordinances, r.ocap) = ot_strdup(ords[i]);
	}
	{
		/* the number is taken before OT_ARRAY_PUSH counts the new entry */
		int number = (int)r.nversions + 1;
		*OT_ARRAY_PUSH(r.versions, r.nversions, r.vcap) =
			(ot_record_version){number, ot_strdup(date), st};
	}
	snprintf(subject, sizeof(subject), "%s text, version %zu", stage, r.nversions);
	{
		event ev = {ords, docs, n, subject, stage, date, (int)r.nversions, stage};
		err = write_event(out, t, &r, &head, &head, &ev);
	}
done:
	ot_record_release(&r);
unlock:
	ot_tracker_unlock(t);
	return err;
}

/*
 * An action on a passed record (the mayor's signature or veto, an
 * override): a commit on main, whose copy of records/<id>.json is the
 * authoritative one once a record has passed (see the top comment); main
 * is the only ref that moves.  The caller holds the lock.
 */
static int action_after_passage(char out[41], ot_tracker *t, const char *id, const ot_action *a)
{
	ot_record r;
	ot_buf json = OT_BUF_INIT, msg = OT_BUF_INIT;
	git_oid main_head, tree, blob;
	char path[300];
	const char *type = ot_action_type_names[a->type];
	int err, in_batch = 0;

	if ((err = ot_date_parse(NULL, a->date)) < 0 || (err = ot_record_load(&r, NULL, t, id)) < 0)
		return err;
	if (r.status != OT_STATUS_PASSED) {
		err = ot_error_set(OT_EINVALID, "record %s is %s; %s only follows passage", id,
				   ot_status_names[r.status], type);
		goto done;
	}
	if (strcmp(a->date, r.closed) < 0) {
		err = ot_error_set(OT_EINVALID, "%s is dated %s, before %s passed (%s)", type, a->date, id, r.closed);
		goto done;
	}
	*OT_ARRAY_PUSH(r.actions, r.nactions, r.acap) =
		(ot_action){ot_strdup(a->date), a->type, a->body ? ot_strdup(a->body) : NULL,
			    a->text ? ot_strdup(a->text) : NULL, a->source ? ot_strdup(a->source) : NULL};
	ot_record_to_json(&json, &r);
	if ((err = ot_gw_ref(&main_head, t, OT_MAIN_REF)) < 0 || (err = ot_gw_commit_tree(&tree, t, &main_head)) < 0 ||
	    (err = ot_store_batch_begin(t)) < 0)
		goto done;
	in_batch = 1;
	snprintf(path, sizeof(path), "%s.json", id);
	if ((err = ot_gw_blob(&blob, t, json.ptr, json.len)) < 0 ||
	    (err = ot_gw_tree_set(&tree, t, &tree, "records", path, &blob, GIT_FILEMODE_BLOB)) < 0)
		goto done;
	ot_buf_printf(&msg, "%s: %s%s%s\n\nRecord: %s\nEvent: %s\nDate: %s\n", id, type, a->body ? " by " : "",
		      a->body ? a->body : "", id, type, a->date);
	err = commit_main(out, t, &main_head, &tree, msg.ptr, a->date, &in_batch);
done:
	if (in_batch)
		ot_store_batch_abort(t);
	ot_buf_release(&json);
	ot_buf_release(&msg);
	ot_record_release(&r);
	return err;
}

int ot_record_action(char out[41], ot_tracker *t, const char *id, const ot_action *a)
{
	ot_record r;
	git_oid head;
	char subject[300];
	const char *type;
	int err;

	if ((unsigned)a->type >= OT_ACTION_N)
		return ot_error_set(OT_EINVALID, "action type %d is not one of ot_action_type", (int)a->type);
	type = ot_action_type_names[a->type];
	if ((a->body && (err = ot_text_check("body", a->body, 0)) < 0) ||
	    (a->text && (err = ot_text_check("text", a->text, 1)) < 0))
		return err;
	/* an action that closes a record is written by the command that
	 * closes it (passage merges the text), never on its own: the record
	 * would read "passed" in its timeline while still pending */
	if (ot_action_type_closes(a->type)) {
		ot_error_set(OT_EINVALID, "a '%s' action closes the record", type);
		ot_error_hint_about(a->type == OT_ACTION_PASSAGE   ? OT_HINT_CLOSE_PASS
				    : a->type == OT_ACTION_FAILURE ? OT_HINT_CLOSE_FAIL
								   : OT_HINT_CLOSE_WITHDRAW,
				    "%s", id);
		return OT_EINVALID;
	}
	if ((err = ot_tracker_lock(t, OT_LOCK_TIMEOUT_MS)) < 0)
		return err;
	if (ot_action_type_after_passage(a->type)) {
		err = action_after_passage(out, t, id, a);
		goto unlock;
	}
	if ((err = load_pending(&r, &head, t, id, a->date, "an action")) < 0)
		goto unlock;
	*OT_ARRAY_PUSH(r.actions, r.nactions, r.acap) =
		(ot_action){ot_strdup(a->date), a->type, a->body ? ot_strdup(a->body) : NULL,
			    a->text ? ot_strdup(a->text) : NULL, a->source ? ot_strdup(a->source) : NULL};
	snprintf(subject, sizeof(subject), "%s%s%s", type, a->body ? " by " : "", a->body ? a->body : "");
	{
		event ev = {NULL, NULL, 0, subject, type, a->date, 0, NULL};
		err = write_event(out, t, &r, &head, &head, &ev);
	}
	ot_record_release(&r);
unlock:
	ot_tracker_unlock(t);
	return err;
}

int ot_record_sponsor(char out[41], char **resolved, ot_tracker *t, const char *id, const char *name,
		      const char *date, int flags)
{
	ot_record r;
	ot_members ms = {0};
	git_oid head;
	const ot_member *hits[8], *m = NULL;
	char subject[400], *who = NULL;
	size_t i, nhits;
	int err, remove = (flags & OT_SPONSOR_REMOVE) != 0;

	if (!name || !*name)
		return ot_error_set(OT_EINVALID, "empty sponsor name");
	if ((err = ot_text_check("sponsor", name, 0)) < 0)
		return err;
	if ((err = ot_tracker_lock(t, OT_LOCK_TIMEOUT_MS)) < 0)
		return err;
	if ((err = ot_members_load(&ms, t)) < 0)
		goto unlock;
	if ((err = load_pending(&r, &head, t, id, date, remove ? "removing a sponsor" : "adding a sponsor")) < 0)
		goto unlock;
	/* a member is named by the member's own name; a body (the mayor's
	 * office, a department) as written, when the caller says it is one;
	 * a name that is neither (a typo, a member not serving that day,
	 * two members) is refused, never stored as typed */
	nhits = ot_members_match(&ms, name, date, hits, 8);
	if (nhits == 1) {
		m = hits[0];
	} else if (nhits > 1) {
		ot_buf c = OT_BUF_INIT;
		for (i = 0; i < nhits && i < 8; i++)
			ot_buf_printf(&c, "%s%s (ward %d)", i ? ", " : "", hits[i]->name, hits[i]->ward);
		err = ot_error_set(OT_EINVALID, "'%s' could be any of %s; give the full name", name, c.ptr);
		ot_buf_release(&c);
		goto release;
	} else if (!(flags & OT_SPONSOR_BODY)) {
		const ot_member *other = ot_members_find(&ms, name, NULL);
		if (other)
			err = ot_error_set(OT_EINVALID, "%s (ward %d) was not serving on %s (%s to %s)", other->name,
					   other->ward, date, other->from ? other->from : "the start",
					   other->to ? other->to : "now");
		else
			err = ot_error_set(OT_EINVALID, "'%s' names no member serving on %s", name, date);
		ot_error_hint(OT_HINT_SPONSOR_BODY);
		goto release;
	}
	if (remove && !m) {
		/* taking off a body: as it was written */
		for (i = 0; i < r.nsponsors && strcmp(r.sponsors[i], name) != 0; i++)
			;
	}
	who = ot_strdup(m ? m->name : name);
	for (i = 0; i < r.nsponsors && strcmp(r.sponsors[i], who) != 0; i++)
		;
	if (!remove && i < r.nsponsors) {
		err = ot_error_set(OT_EUNCHANGED, "%s is already a sponsor of %s", who, id);
		goto release;
	}
	if (remove && i == r.nsponsors) {
		err = ot_error_set(OT_EINVALID, "%s is not a sponsor of %s", who, id);
		goto release;
	}
	if (remove && r.nsponsors == 1) {
		err = ot_error_set(OT_EINVALID, "%s is the only sponsor of %s; a record keeps at least one", who, id);
		goto release;
	}
	if (remove) {
		free(r.sponsors[i]);
		memmove(&r.sponsors[i], &r.sponsors[i + 1], (r.nsponsors - i - 1) * sizeof(*r.sponsors));
		r.nsponsors--;
	} else {
		*OT_ARRAY_PUSH(r.sponsors, r.nsponsors, r.scap) = ot_strdup(who);
	}
	snprintf(subject, sizeof(subject), "%s co-sponsor %s", remove ? "removed" : "added", who);
	{
		ot_buf text = OT_BUF_INIT;
		ot_buf_printf(&text, "%s Co-Sponsor(s): %s", remove ? "Remove" : "Add", who);
		*OT_ARRAY_PUSH(r.actions, r.nactions, r.acap) =
			(ot_action){ot_strdup(date), OT_ACTION_SPONSORSHIP, NULL, ot_buf_detach(&text), NULL};
	}
	{
		event ev = {NULL, NULL, 0, subject, "sponsorship", date, 0, NULL};
		err = write_event(out, t, &r, &head, &head, &ev);
	}
	if (err == 0 && resolved) {
		*resolved = who;
		who = NULL;
	}
release:
	ot_record_release(&r);
unlock:
	ot_tracker_unlock(t);
	ot_members_release(&ms);
	free(who);
	return err;
}

int ot_record_vote(char out[41], ot_tracker *t, const char *id, ot_vote *v, int force)
{
	ot_record r;
	ot_members ms = {0};
	ot_roll_report report = {0};
	git_oid head;
	char subject[300];
	size_t i;
	int err;

	if (!v->motion || !*v->motion) {
		ot_error_set(OT_EINVALID, "a vote needs a motion");
		ot_error_hint(OT_HINT_MOTION);
		return OT_EINVALID;
	}
	if ((err = ot_text_check("motion", v->motion, 0)) < 0)
		return err;
	if (v->result != OT_RESULT_PASS && v->result != OT_RESULT_FAIL)
		return ot_error_set(OT_EINVALID, "a vote needs its result, pass or fail");
	if ((unsigned)v->threshold >= OT_THRESHOLD_N)
		return ot_error_set(OT_EINVALID, "threshold %d is not one of ot_threshold", (int)v->threshold);
	if (!v->nroll) {
		ot_error_set(OT_EINVALID, "a vote needs a roll call");
		ot_error_hint(OT_HINT_ROLL);
		return OT_EINVALID;
	}
	if (force && (!v->forced || !*v->forced)) {
		ot_error_set(OT_EINVALID, "a forced vote needs a reason");
		ot_error_hint(OT_HINT_FORCE_REASON);
		return OT_EINVALID;
	}
	if ((err = ot_tracker_lock(t, OT_LOCK_TIMEOUT_MS)) < 0)
		return err;
	if ((err = load_pending(&r, &head, t, id, v->date, "a vote")) < 0)
		goto unlock;
	if ((err = ot_members_load(&ms, t)) < 0)
		goto done;
	/* every name one serving member, each at most once (ot_roll_check);
	 * then the full names and the counts */
	if (ot_roll_check(&report, &ms, v->roll, v->nroll, v->date, 0)) {
		const ot_roll_problem *p = &report.items[0];
		if (p->kind == OT_ROLL_NOT_SERVING)
			err = ot_error_set(OT_EINVALID, "'%s' is not a member serving on %s", v->roll[p->entry].name,
					   v->date);
		else
			err = ot_error_set(OT_EINVALID, "%s appears twice in the roll call (as %s and %s)",
					   p->member->name, ot_vote_option_names[v->roll[p->first].option],
					   ot_vote_option_names[v->roll[p->entry].option]);
		goto done;
	}
	memset(v->counts, 0, sizeof(v->counts));
	for (i = 0; i < v->nroll; i++) {
		const ot_member *m = ot_members_find(&ms, v->roll[i].name, v->date);
		free(v->roll[i].name);
		v->roll[i].name = ot_strdup(m->name);
		v->counts[v->roll[i].option]++;
	}
	if ((err = ot_vote_check_threshold(v, ot_members_serving(&ms, v->date))) < 0) {
		if (!force)
			goto done; /* its message, with its hint: it can be forced */
		err = 0;
		ot_error_clear();
	} else {
		/* consistent: nothing was forced, so no reason is recorded */
		free(v->forced);
		v->forced = NULL;
	}
	ot_vote_copy(OT_ARRAY_PUSH(r.votes, r.nvotes, r.votecap), v);
	snprintf(subject, sizeof(subject), "vote on %s: %s %zu-%zu", v->motion,
		 ot_vote_result_names[v->result], v->counts[OT_VOTE_YES],
		 v->counts[OT_VOTE_NO]);
	{
		event ev = {NULL, NULL, 0, subject, "vote", v->date, 0, NULL};
		err = write_event(out, t, &r, &head, &head, &ev);
	}
done:
	ot_roll_report_release(&report);
	ot_members_release(&ms);
	ot_record_release(&r);
unlock:
	ot_tracker_unlock(t);
	return err;
}

int ot_record_close(char out[41], ot_tracker *t, const char *id, ot_status status, const char *date)
{
	ot_record r;
	git_oid head;
	ot_action_type action = status == OT_STATUS_FAILED ? OT_ACTION_FAILURE : OT_ACTION_WITHDRAWAL;
	const char *type = ot_action_type_names[action];
	char subject[100];
	int err;

	if (status != OT_STATUS_FAILED && status != OT_STATUS_WITHDRAWN)
		return ot_error_set(OT_EINVALID, "a record closes as failed or withdrawn, not %s",
				    (unsigned)status < OT_STATUS_N ? ot_status_names[status] : "an unknown status");
	if ((err = ot_tracker_lock(t, OT_LOCK_TIMEOUT_MS)) < 0)
		return err;
	if ((err = load_pending(&r, &head, t, id, date, type)) < 0)
		goto unlock;
	r.status = status;
	r.closed = ot_strdup(date);
	*OT_ARRAY_PUSH(r.actions, r.nactions, r.acap) = (ot_action){ot_strdup(date), action, NULL, NULL, NULL};
	snprintf(subject, sizeof(subject), "%s", ot_status_names[status]);
	{
		event ev = {NULL, NULL, 0, subject, type, date, 0, NULL};
		err = write_event(out, t, &r, &head, &head, &ev);
	}
	ot_record_release(&r);
unlock:
	ot_tracker_unlock(t);
	return err;
}

void ot_pass_conflicts_release(ot_pass_conflicts *c)
{
	size_t i;
	for (i = 0; i < c->n; i++) {
		free(c->items[i].ordinance);
		free(c->items[i].id);
		free(c->items[i].reason);
	}
	free(c->items);
	memset(c, 0, sizeof(*c));
}

/* Load ordinance `ord` at `commit`, or an empty document when absent. */
static int load_or_empty(ot_doc **out, ot_tracker *t, const git_oid *commit, const char *ord)
{
	int err = ot_store_load(out, t, git_oid_tostr_s(commit), ord);
	if (err == OT_ENOTFOUND) {
		*out = ot_doc_new();
		ot_error_clear();
		return 0;
	}
	return err;
}

int ot_record_pass(char out[41], ot_pass_conflicts *conflicts, ot_tracker *t, const char *id, const char *date,
		   const char *effective)
{
	ot_record r;
	git_oid head, main_head, base, passage, merged_tree, blob, ord_tree, merge_commit, parents[2];
	ot_buf json = OT_BUF_INIT, msg = OT_BUF_INIT;
	ot_doc **merged = NULL;
	ot_blob_units *w = NULL;
	size_t nw = 0, wcap = 0, i, k;
	char path[300], ref[300];
	int err, in_batch = 0;
	const ot_vote *last;

	memset(conflicts, 0, sizeof(*conflicts));
	if (effective && (err = ot_date_parse(NULL, effective)) < 0)
		return err;
	if (effective && strcmp(effective, date) < 0)
		return ot_error_set(OT_EINVALID, "the effective date %s is before the passage date %s", effective, date);
	if ((err = ot_tracker_lock(t, OT_LOCK_TIMEOUT_MS)) < 0)
		return err;
	if ((err = load_pending(&r, &head, t, id, date, "passage")) < 0)
		goto unlock;
	/* passage follows a recorded passing vote, on or after its date; the
	 * vote that counts is the latest by date (ot_record_last_vote) */
	last = ot_record_last_vote(&r);
	if (!last || last->result != OT_RESULT_PASS) {
		err = ot_error_set(OT_EINVALID, last ? "the last vote on %s (by date) failed" : "no vote is recorded on %s",
				   id);
		ot_error_hint(OT_HINT_VOTE_FIRST);
		goto done;
	}
	if (strcmp(date, last->date) < 0) {
		err = ot_error_set(OT_EINVALID, "passage is dated %s, before the vote that passed %s (%s)", date, id,
				   last->date);
		goto done;
	}
	if ((err = ot_gw_ref(&main_head, t, OT_MAIN_REF)) < 0)
		goto done;
	if (git_oid_fromstr(&base, r.base) < 0) {
		err = ot_error_set(OT_EINVALID, "tracker: record %s has a malformed base", id);
		goto done;
	}
	/* merge every ordinance the record changes; all conflicts are
	 * collected before anything is written */
	merged = ot_calloc(r.nordinances + 1, sizeof(*merged));
	for (i = 0; i < r.nordinances; i++) {
		ot_doc *b = NULL, *ours = NULL, *theirs = NULL;
		ot_merge_result mr;
		memset(&mr, 0, sizeof(mr));
		if ((err = load_or_empty(&b, t, &base, r.ordinances[i])) == 0 &&
		    (err = load_or_empty(&ours, t, &main_head, r.ordinances[i])) == 0 &&
		    (err = load_or_empty(&theirs, t, &head, r.ordinances[i])) == 0)
			err = ot_merge3(&mr, b, ours, theirs);
		if (err == 0) {
			for (k = 0; k < mr.nconflicts; k++)
				*OT_ARRAY_PUSH(conflicts->items, conflicts->n, conflicts->cap) = (ot_pass_conflict){
					ot_strdup(r.ordinances[i]), ot_strdup(mr.conflicts[k].id),
					ot_strdup(mr.conflicts[k].reason ? mr.conflicts[k].reason : "changed on both sides")};
			merged[i] = mr.doc;
			mr.doc = NULL;
			if (merged[i] && theirs->title && !merged[i]->title)
				merged[i]->title = ot_strdup(theirs->title);
		}
		ot_merge_result_release(&mr);
		ot_doc_free(b);
		ot_doc_free(ours);
		ot_doc_free(theirs);
		if (err < 0)
			goto done;
	}
	if (conflicts->n) {
		err = ot_error_set(OT_ECONFLICT,
				   "%s cannot pass as it stands: %zu clause(s) were changed differently since it was introduced; nothing was recorded",
				   id, conflicts->n);
		goto done;
	}
	/* the record's own passage event, then the merge into main */
	r.status = OT_STATUS_PASSED;
	r.closed = ot_strdup(date);
	r.effective = effective ? ot_strdup(effective) : NULL;
	*OT_ARRAY_PUSH(r.actions, r.nactions, r.acap) = (ot_action){ot_strdup(date), OT_ACTION_PASSAGE, NULL, NULL, NULL};
	ot_record_to_json(&json, &r);
	if ((err = ot_store_batch_begin(t)) < 0)
		goto done;
	in_batch = 1;
	snprintf(path, sizeof(path), "%s.json", id);
	{
		git_oid rtree;
		if ((err = ot_gw_commit_tree(&rtree, t, &head)) < 0 || (err = ot_gw_blob(&blob, t, json.ptr, json.len)) < 0 ||
		    (err = ot_gw_tree_set(&rtree, t, &rtree, "records", path, &blob, GIT_FILEMODE_BLOB)) < 0)
			goto done;
		ot_buf_printf(&msg, "%s: passed\n\nRecord: %s\nEvent: passage\nDate: %s\n", id, id, date);
		if ((err = ot_gw_commit(&passage, t, &rtree, &head, 1, msg.ptr, date)) < 0)
			goto done;
	}
	if ((err = ot_gw_commit_tree(&merged_tree, t, &main_head)) < 0)
		goto done;
	for (i = 0; i < r.nordinances; i++) {
		git_tree *old = NULL;
		snprintf(path, sizeof(path), "ordinances/%s", r.ordinances[i]);
		if ((err = ot_gw_subtree(&old, t, &main_head, path)) < 0)
			goto done;
		err = ot_gw_ordinance_tree(&ord_tree, t, old, r.ordinances[i], merged[i], merged[i]->title, &w, &nw,
					   &wcap);
		git_tree_free(old);
		if (err < 0 || (err = ot_gw_tree_set(&merged_tree, t, &merged_tree, "ordinances", r.ordinances[i],
						     &ord_tree, GIT_FILEMODE_TREE)) < 0)
			goto done;
	}
	snprintf(path, sizeof(path), "%s.json", id);
	if ((err = ot_gw_tree_set(&merged_tree, t, &merged_tree, "records", path, &blob, GIT_FILEMODE_BLOB)) < 0)
		goto done;
	ot_buf_clear(&msg);
	ot_buf_printf(&msg, "%s: %s (%s, passed)\n\n", r.ordinances[0], r.title, id);
	for (i = 0; i < r.nordinances; i++)
		ot_buf_printf(&msg, "Ordinance: %s\n", r.ordinances[i]);
	ot_buf_printf(&msg, "Stage: passed\nDate: %s\nRecord: %s\n", effective ? effective : date, id);
	if (effective)
		ot_buf_printf(&msg, "Passed: %s\n", date);
	for (i = 0; i < r.nsponsors; i++)
		ot_buf_printf(&msg, "Sponsor: %s\n", r.sponsors[i]);
	parents[0] = main_head;
	parents[1] = passage;
	if ((err = ot_gw_commit(&merge_commit, t, &merged_tree, parents, 2, msg.ptr, date)) < 0)
		goto done;
	in_batch = 0;
	if ((err = ot_store_batch_flush(t)) < 0 || (err = ot_index_note_blobs(t, w, nw)) < 0)
		goto done;
	/* the commit point: main */
	if ((err = ot_gw_move_ref(t, OT_MAIN_REF, &merge_commit, &main_head, id)) < 0)
		goto done;
	/* past the commit point: the branch follows to its passage commit (if
	 * that is lost, main's copy of the record still says passed), then the
	 * index catches up; failures of either are warnings */
	git_oid_tostr(out, 41, &merge_commit);
	record_ref(ref, sizeof(ref), id);
	if (ot_gw_move_ref(t, ref, &passage, &head, id) < 0 || ot_index_catch_up(t) < 0)
		ot_warning_after_commit();
done:
	if (in_batch)
		ot_store_batch_abort(t);
	if (merged)
		for (i = 0; i < r.nordinances; i++)
			ot_doc_free(merged[i]);
	free(merged);
	free(w);
	ot_buf_release(&json);
	ot_buf_release(&msg);
	ot_record_release(&r);
unlock:
	ot_tracker_unlock(t);
	return err;
}
