/*
 * gitwrite.c - shared git plumbing for the store's writes (see
 * gitwrite.h).  Trees are edited with treebuilders, one level at a time,
 * so that every object written is known and goes into the batch's pack;
 * no working tree or git index is ever used.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#include <jansson.h>

#include "gitwrite.h"
#include "internal.h"
#include "ordtrack/validate.h"

int ot_gw_blob(git_oid *out, ot_tracker *t, const char *data, size_t len)
{
	int err = git_blob_create_from_buffer(out, t->repo, data, len);
	if (err < 0)
		return ot_git_error(err, "write blob");
	ot_store_batch_note(t, out);
	return 0;
}

/* Write `data` as the blob for entry `name`, reusing the id of the entry
 * of the same name in `old` when its content is byte-identical. */
static int reuse_or_write(git_oid *out, ot_tracker *t, const git_tree *old, const char *name, const char *data,
			  size_t len)
{
	const git_tree_entry *e = old ? git_tree_entry_byname(old, name) : NULL;
	if (e && git_tree_entry_type(e) == GIT_OBJECT_BLOB) {
		git_blob *blob = NULL;
		if (git_blob_lookup(&blob, t->repo, git_tree_entry_id(e)) == 0) {
			int same = (size_t)git_blob_rawsize(blob) == len &&
				   memcmp(git_blob_rawcontent(blob), data, len) == 0;
			git_blob_free(blob);
			if (same) {
				git_oid_cpy(out, git_tree_entry_id(e));
				return 0;
			}
		}
	}
	return ot_gw_blob(out, t, data, len);
}

static char *ordinance_json(const char *ord, const char *title, const ot_doc *doc)
{
	json_t *o = json_object();
	char *s, *res;
	size_t i;
	json_object_set_new(o, "ordinance", json_string(ord));
	json_object_set_new(o, "title", json_string(title));
	if (doc->nnotes) {
		json_t *a = json_array();
		for (i = 0; i < doc->nnotes; i++) {
			json_t *n = json_object();
			if (doc->notes[i].section)
				json_object_set_new(n, "section", json_string(doc->notes[i].section));
			json_object_set_new(n, "kind", json_string(doc->notes[i].kind));
			json_object_set_new(n, "text", json_string(doc->notes[i].text));
			json_array_append_new(a, n);
		}
		json_object_set_new(o, "notes", a);
	}
	s = json_dumps(o, JSON_SORT_KEYS | JSON_INDENT(2));
	json_decref(o);
	if (!s)
		return NULL;
	res = ot_malloc(strlen(s) + 2);
	sprintf(res, "%s\n", s);
	free(s);
	return res;
}

char *ot_gw_ordinance_title(ot_tracker *t, const git_tree *ord_tree)
{
	const git_tree_entry *e = git_tree_entry_byname(ord_tree, OT_ORDINANCE_FILE);
	git_blob *blob = NULL;
	json_t *root;
	const char *s;
	char *title = NULL;
	if (!e || git_tree_entry_type(e) != GIT_OBJECT_BLOB || git_blob_lookup(&blob, t->repo, git_tree_entry_id(e)) < 0)
		return NULL;
	root = json_loadb(git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob), 0, NULL);
	s = root ? json_string_value(json_object_get(root, "title")) : NULL;
	if (s && *s)
		title = ot_strdup(s);
	json_decref(root);
	git_blob_free(blob);
	return title;
}

/* The parsed ORDINANCE file of an ordinance subtree, or NULL. */
static json_t *ordinance_file(ot_tracker *t, const git_tree *ord_tree)
{
	const git_tree_entry *e = git_tree_entry_byname(ord_tree, OT_ORDINANCE_FILE);
	git_blob *blob = NULL;
	json_t *root;
	if (!e || git_tree_entry_type(e) != GIT_OBJECT_BLOB || git_blob_lookup(&blob, t->repo, git_tree_entry_id(e)) < 0)
		return NULL;
	root = json_loadb(git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob), 0, NULL);
	git_blob_free(blob);
	return root;
}

int ot_gw_ordinance_notes(ot_tracker *t, const git_tree *ord_tree, ot_doc *doc)
{
	json_t *root = ordinance_file(t, ord_tree), *notes;
	size_t i;
	int err = 0;
	if (!root)
		return 0;
	notes = json_object_get(root, "notes");
	if (notes && !json_is_array(notes)) {
		err = ot_error_set(OT_EINVALID, "tracker: the notes of an ORDINANCE file are not a list");
		goto done;
	}
	for (i = 0; notes && i < json_array_size(notes); i++) {
		json_t *n = json_array_get(notes, i);
		const char *sec = json_string_value(json_object_get(n, "section"));
		const char *kind = json_string_value(json_object_get(n, "kind"));
		const char *text = json_string_value(json_object_get(n, "text"));
		if (!kind || !text) {
			err = ot_error_set(OT_EINVALID, "tracker: note %zu of an ORDINANCE file has no kind or text", i + 1);
			goto done;
		}
		ot_doc_add_note(doc, sec, kind, text);
	}
done:
	json_decref(root);
	return err;
}

int ot_gw_notes_only(ot_tracker *t, const git_tree *old, const git_tree *new)
{
	size_t i = 0, j = 0, na = git_tree_entrycount(old), nb = git_tree_entrycount(new);
	json_t *a = NULL, *b = NULL;
	int ord_differs = 0, same_title;
	const char *ta, *tb;
	while (i < na || j < nb) {
		const git_tree_entry *ea = i < na ? git_tree_entry_byindex(old, i) : NULL;
		const git_tree_entry *eb = j < nb ? git_tree_entry_byindex(new, j) : NULL;
		if (!ea || !eb || strcmp(git_tree_entry_name(ea), git_tree_entry_name(eb)) != 0)
			return 0; /* a section added or removed */
		if (!git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb))) {
			if (strcmp(git_tree_entry_name(ea), OT_ORDINANCE_FILE) != 0)
				return 0; /* a section changed */
			ord_differs = 1;
		}
		i++;
		j++;
	}
	if (!ord_differs)
		return 0;
	a = ordinance_file(t, old);
	b = ordinance_file(t, new);
	ta = a ? json_string_value(json_object_get(a, "title")) : NULL;
	tb = b ? json_string_value(json_object_get(b, "title")) : NULL;
	same_title = a && b && strcmp(ta ? ta : "", tb ? tb : "") == 0;
	json_decref(a);
	json_decref(b);
	return same_title;
}

int ot_gw_ordinance_tree(git_oid *out, ot_tracker *t, const git_tree *old, const char *ord, const ot_doc *doc,
			 const char *title, ot_blob_units **w, size_t *nw, size_t *wcap)
{
	git_treebuilder *tb = NULL;
	ot_buf text = OT_BUF_INIT;
	git_oid id;
	char *json = NULL;
	size_t i;
	int err;

	if ((err = git_treebuilder_new(&tb, t->repo, NULL)) < 0) {
		err = ot_git_error(err, "make tree");
		goto done;
	}
	for (i = 0; i < doc->nsections; i++) {
		const ot_node *s = doc->sections[i];
		ot_buf_clear(&text);
		ot_section_canonical(&text, s);
		if ((err = reuse_or_write(&id, t, old, s->num, text.ptr, text.len)) < 0)
			goto done;
		*OT_ARRAY_PUSH(*w, *nw, *wcap) = (ot_blob_units){id, ot_canonical_units(text.ptr, text.len), s};
		if ((err = git_treebuilder_insert(NULL, tb, s->num, &id, GIT_FILEMODE_BLOB)) < 0) {
			err = ot_git_error(err, "add section to tree");
			goto done;
		}
	}
	if (!(json = ordinance_json(ord, title ? title : "", doc))) {
		err = ot_error_set(-1, "cannot encode the ORDINANCE file");
		goto done;
	}
	if ((err = reuse_or_write(&id, t, old, OT_ORDINANCE_FILE, json, strlen(json))) < 0)
		goto done;
	if ((err = git_treebuilder_insert(NULL, tb, OT_ORDINANCE_FILE, &id, GIT_FILEMODE_BLOB)) < 0 ||
	    (err = git_treebuilder_write(out, tb)) < 0) {
		err = ot_git_error(err, "write ordinance tree");
		goto done;
	}
	ot_store_batch_note(t, out);
done:
	git_treebuilder_free(tb);
	ot_buf_release(&text);
	free(json);
	return err;
}

/* One level: `base` (may be NULL) with `name` set to id/mode or removed. */
static int set_entry(git_oid *out, ot_tracker *t, const git_tree *base, const char *name, const git_oid *id,
		     git_filemode_t mode)
{
	git_treebuilder *tb = NULL;
	int err;
	if ((err = git_treebuilder_new(&tb, t->repo, base)) < 0)
		goto fail;
	if (id)
		err = git_treebuilder_insert(NULL, tb, name, id, mode);
	else if (git_treebuilder_get(tb, name))
		err = git_treebuilder_remove(tb, name);
	if (err < 0 || (err = git_treebuilder_write(out, tb)) < 0)
		goto fail;
	git_treebuilder_free(tb);
	ot_store_batch_note(t, out);
	return 0;
fail:
	git_treebuilder_free(tb);
	return ot_git_error(err, "write tree");
}

int ot_gw_tree_set(git_oid *out, ot_tracker *t, const git_oid *root_id, const char *dir, const char *name,
		   const git_oid *id, git_filemode_t mode)
{
	git_tree *root = NULL, *sub = NULL;
	git_oid sub_id;
	int err;

	if (root_id && (err = git_tree_lookup(&root, t->repo, root_id)) < 0)
		return ot_git_error(err, "read tree");
	if (!dir) {
		err = set_entry(out, t, root, name, id, mode);
		goto done;
	}
	if (root) {
		const git_tree_entry *e = git_tree_entry_byname(root, dir);
		if (e && git_tree_entry_type(e) == GIT_OBJECT_TREE &&
		    (err = git_tree_lookup(&sub, t->repo, git_tree_entry_id(e))) < 0) {
			err = ot_git_error(err, "read tree");
			goto done;
		}
	}
	if ((err = set_entry(&sub_id, t, sub, name, id, mode)) < 0)
		goto done;
	err = set_entry(out, t, root, dir, &sub_id, GIT_FILEMODE_TREE);
done:
	git_tree_free(sub);
	git_tree_free(root);
	return err;
}

/* The committer and author: user.name and user.email from the
 * configuration (git_signature_default's rule) or, when either is unset or
 * unusable (empty), "ordtrack <ordtrack@localhost>".  Read from the live
 * configuration instead of through git_signature_default, whose
 * git_config_snapshot crashes in libgit2 1.5.1 when an allocation inside it
 * fails (found by tests/cli/test_fault.sh); and a failure to read it (out
 * of memory) is an error, never a silent change of author. */
static int make_signature(git_signature **out, git_repository *repo, git_time_t when)
{
	git_config *cfg = NULL;
	git_buf name = GIT_BUF_INIT, email = GIT_BUF_INIT;
	const git_error *e;
	int err;

	if ((err = git_repository_config(&cfg, repo)) < 0) {
		err = ot_git_error(err, "read the configuration");
		goto done;
	}
	if ((err = git_config_get_string_buf(&name, cfg, "user.name")) == 0 &&
	    (err = git_config_get_string_buf(&email, cfg, "user.email")) == 0 &&
	    (err = git_signature_new(out, name.ptr, email.ptr, when, 0)) < 0) {
		e = git_error_last();
		if (!e || e->klass != GIT_ERROR_NOMEMORY)
			err = GIT_ENOTFOUND; /* unusable: as if unset */
	}
	if (err == GIT_ENOTFOUND)
		err = git_signature_new(out, "ordtrack", "ordtrack@localhost", when, 0);
	if (err < 0)
		err = ot_git_error(err, "make signature");
done:
	git_buf_dispose(&name);
	git_buf_dispose(&email);
	git_config_free(cfg);
	return err;
}

int ot_gw_commit(git_oid *out, ot_tracker *t, const git_oid *tree_id, const git_oid *parent_ids, size_t nparents,
		 const char *message, const char *date)
{
	git_signature *author = NULL, *committer = NULL;
	git_tree *tree = NULL;
	const git_commit *parents[2] = {NULL, NULL};
	git_time_t author_time = (git_time_t)time(NULL);
	long days;
	size_t i;
	int err;

	if (nparents > 2)
		return ot_error_set(-1, "internal: too many parents");
	/* the author date is the legislative date (noon UTC) where git can
	 * show it; git and libgit2 mishandle times before 1970 or after
	 * 2105, and there the Date: trailer alone carries it */
	if (ot_date_parse(&days, date) == 0 && days >= 0 && days <= 49000)
		author_time = (git_time_t)days * 86400 + 12 * 3600;
	if ((err = make_signature(&author, t->repo, author_time)) < 0 ||
	    (err = make_signature(&committer, t->repo, (git_time_t)time(NULL))) < 0)
		goto done;
	if ((err = git_tree_lookup(&tree, t->repo, tree_id)) < 0) {
		err = ot_git_error(err, "read tree");
		goto done;
	}
	for (i = 0; i < nparents; i++)
		if ((err = git_commit_lookup((git_commit **)&parents[i], t->repo, &parent_ids[i])) < 0) {
			err = ot_git_error(err, "read parent commit");
			goto done;
		}
	if ((err = git_commit_create(out, t->repo, NULL, author, committer, "UTF-8", message, tree, nparents,
				     parents)) < 0) {
		err = ot_git_error(err, "write commit");
		goto done;
	}
	ot_store_batch_note(t, out);
done:
	for (i = 0; i < 2; i++)
		git_commit_free((git_commit *)parents[i]);
	git_tree_free(tree);
	git_signature_free(author);
	git_signature_free(committer);
	return err;
}

/* A git lock file is in the way of a ref update.  We hold the tracker
 * lock, so no ordtrack writer made it: a process that stopped (or a git
 * command run by hand) left it.  Name the file and the way out. */
static int lock_error(ot_tracker *t, const char *refname)
{
	const char *const candidates[] = {refname, "packed-refs"};
	char path[4096];
	struct stat st;
	size_t i;
	for (i = 0; i < OT_ARRAY_LEN(candidates); i++) {
		snprintf(path, sizeof(path), "%s/%s.lock", t->path, candidates[i]);
		if (stat(path, &st) == 0) {
			int err = ot_error_set(OT_ECONFLICT, "a lock file '%s' was left by a process that stopped", path);
			ot_error_hint(OT_HINT_FSCK_REPAIR);
			return err;
		}
	}
	return ot_git_error(GIT_ELOCKED, refname);
}

int ot_gw_move_ref(ot_tracker *t, const char *refname, const git_oid *id, const git_oid *expected, const char *what)
{
	git_reference *ref = NULL;
	int err;
	if (expected)
		err = git_reference_create_matching(&ref, t->repo, refname, id, 1, expected, what);
	else
		err = git_reference_create(&ref, t->repo, refname, id, 0, what);
	git_reference_free(ref);
	if (err == GIT_ELOCKED)
		return lock_error(t, refname);
	if (err == GIT_EMODIFIED || err == GIT_EEXISTS)
		return ot_error_set(OT_ECONFLICT, "%s moved while %s was being recorded; nothing was recorded, try again",
				    refname, what);
	if (err < 0)
		return ot_git_error(err, refname);
	t->refs_moved = 1; /* the write stands: see ot_tracker_unlock */
	return 0;
}

int ot_gw_ref(git_oid *out, ot_tracker *t, const char *refname)
{
	int err = git_reference_name_to_id(out, t->repo, refname);
	if (err == GIT_ENOTFOUND)
		return ot_error_set(OT_ENOTFOUND, "%s does not exist", refname);
	return err < 0 ? ot_git_error(err, refname) : 0;
}

int ot_gw_commit_tree(git_oid *out, ot_tracker *t, const git_oid *commit)
{
	git_commit *c = NULL;
	int err = git_commit_lookup(&c, t->repo, commit);
	if (err < 0)
		return ot_git_error(err, "read commit");
	git_oid_cpy(out, git_commit_tree_id(c));
	git_commit_free(c);
	return 0;
}

static int entry_at(git_tree_entry **out, ot_tracker *t, const git_oid *commit, const char *path)
{
	git_commit *c = NULL;
	git_tree *root = NULL;
	int err;
	*out = NULL;
	if ((err = git_commit_lookup(&c, t->repo, commit)) < 0 || (err = git_commit_tree(&root, c)) < 0) {
		git_commit_free(c);
		return ot_git_error(err, "read commit");
	}
	err = git_tree_entry_bypath(out, root, path);
	git_tree_free(root);
	git_commit_free(c);
	if (err == GIT_ENOTFOUND)
		return OT_ENOTFOUND;
	return err < 0 ? ot_git_error(err, path) : 0;
}

int ot_gw_read_path(ot_buf *out, git_oid *id_out, ot_tracker *t, const git_oid *commit, const char *path)
{
	git_tree_entry *e = NULL;
	git_blob *blob = NULL;
	int err;
	if ((err = entry_at(&e, t, commit, path)) < 0)
		return err;
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
		git_tree_entry_free(e);
		return ot_error_set(OT_EINVALID, "tracker: %s is not a file", path);
	}
	if ((err = git_blob_lookup(&blob, t->repo, git_tree_entry_id(e))) < 0) {
		git_tree_entry_free(e);
		return ot_git_error(err, path);
	}
	if (id_out)
		git_oid_cpy(id_out, git_tree_entry_id(e));
	ot_buf_put(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	git_tree_entry_free(e);
	return 0;
}

int ot_gw_subtree(git_tree **out, ot_tracker *t, const git_oid *commit, const char *path)
{
	git_tree_entry *e = NULL;
	int err;
	*out = NULL;
	err = entry_at(&e, t, commit, path);
	if (err == OT_ENOTFOUND)
		return 0;
	if (err < 0)
		return err;
	if (git_tree_entry_type(e) != GIT_OBJECT_TREE)
		err = ot_error_set(OT_EINVALID, "tracker: %s is not a directory", path);
	else if ((err = git_tree_lookup(out, t->repo, git_tree_entry_id(e))) < 0)
		err = ot_git_error(err, path);
	git_tree_entry_free(e);
	return err;
}
