/*
 * gitwrite.h - the git plumbing every write of the store shares (private):
 * blobs, ordinance subtrees, editing one entry of a tree, commits with the
 * legislative date as author date, and compare-and-swap ref updates.  All
 * objects are written inside a write batch (see tracker_internal.h) and
 * noted for its pack.
 */
#ifndef ORDTRACK_GITWRITE_H
#define ORDTRACK_GITWRITE_H

#include "ordtrack/doc.h"
#include "ordtrack/buf.h"
#include "tracker_internal.h"

#define OT_ORDINANCE_FILE "ORDINANCE"

/* The title in the ORDINANCE file of an ordinance subtree (canonical JSON
 * written by ot_gw_ordinance_tree); NULL when absent or empty.  Caller
 * frees. */
char *ot_gw_ordinance_title(ot_tracker *t, const git_tree *ord_tree);

/* Append the notes kept in the ORDINANCE file of an ordinance subtree
 * to doc->notes (their source lines are not stored: 0).  0, or
 * OT_EINVALID for a malformed notes list; an absent file has none. */
int ot_gw_ordinance_notes(ot_tracker *t, const git_tree *ord_tree, ot_doc *doc);

/* 1 when two subtrees of one ordinance differ only in the notes of their
 * ORDINANCE files (same sections with the same blobs, same title), else
 * 0: a notes change, never an amendment. */
int ot_gw_notes_only(ot_tracker *t, const git_tree *old, const git_tree *new);

/* Write a blob (noted in the batch). */
int ot_gw_blob(git_oid *out, ot_tracker *t, const char *data, size_t len);

/* The subtree ordinances/<ORD> for `doc`: one blob per section in
 * canonical text, reusing the blob of `old` (the previous subtree, may be
 * NULL) wherever the text is unchanged, plus the ORDINANCE file.  Every
 * section blob is appended to *w (for ot_index_note_blobs). */
int ot_gw_ordinance_tree(git_oid *out, ot_tracker *t, const git_tree *old, const char *ord,
			 const ot_doc *doc, const char *title, ot_blob_units **w, size_t *nw, size_t *wcap);

/* The tree `root` (NULL: empty) with entry `dir/name` (dir NULL: a
 * top-level entry) set to `id` with `mode`, or removed when id is NULL. */
int ot_gw_tree_set(git_oid *out, ot_tracker *t, const git_oid *root, const char *dir, const char *name,
		   const git_oid *id, git_filemode_t mode);

/* A commit of `tree` with the given parents; the author date is `date`
 * (YYYY-MM-DD, noon UTC) where git can show it, the committer date now. */
int ot_gw_commit(git_oid *out, ot_tracker *t, const git_oid *tree, const git_oid *parents, size_t nparents,
		 const char *message, const char *date);

/* Move `ref` to `id` if it still points at `expected` (NULL: if it does
 * not exist yet).  OT_ECONFLICT when it moved; `what` names the operation
 * in the message. */
int ot_gw_move_ref(ot_tracker *t, const char *ref, const git_oid *id, const git_oid *expected, const char *what);

/* The target of `ref`; OT_ENOTFOUND when the ref does not exist. */
int ot_gw_ref(git_oid *out, ot_tracker *t, const char *ref);

/* The tree of `commit`. */
int ot_gw_commit_tree(git_oid *out, ot_tracker *t, const git_oid *commit);

/* Read the blob at `path` in the tree of `commit` into out (its id into
 * id_out, may be NULL); OT_ENOTFOUND when absent. */
int ot_gw_read_path(ot_buf *out, git_oid *id_out, ot_tracker *t, const git_oid *commit, const char *path);

/* The subtree at `path` of commit's tree into *out, or *out = NULL when
 * absent (returns 0 then). */
int ot_gw_subtree(git_tree **out, ot_tracker *t, const git_oid *commit, const char *path);

#endif
