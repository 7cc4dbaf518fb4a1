/*
 * store.c - versions of ordinances in git (layout in ordtrack/store.h).
 *
 * Writing a version (ot_store_add) builds the new ordinance subtree with a
 * treebuilder from the parsed document: each section's canonical text is
 * compared byte for byte with the blob of the same section in the current
 * version and that blob id is reused when equal, so unchanged sections are
 * never re-hashed.  The commit is created without moving any ref; the one
 * commit point is git_reference_create_matching on refs/heads/main with the
 * expected old id (compare-and-swap).  Objects written before it are
 * harmless if the process dies.  No working tree or git index is used.
 *
 * ot_store_import writes a whole code the same way, one ordinance subtree
 * at a time (ordinances whose subtree comes out identical are dropped),
 * then one ordinances/ tree, one commit, one compare-and-swap and one
 * index catch-up; both writers share read_base, choose_title, the message
 * helpers and finish_write.
 *
 * Reading (ot_store_load, ot_store_load_changed) parses section blobs with
 * the plain-text parser; ot_store_load_changed walks the two ordinance
 * trees in name order and opens only the entries whose ids differ.  The
 * title and the notes come from the ORDINANCE file (notes whole, on both
 * sides).
 *
 * A version whose subtree differs from the previous one only in the
 * notes of its ORDINANCE file (ot_gw_notes_only) is a notes change: its
 * commit carries "Change: notes" (an import's, when every ordinance it
 * changes changed so).  A complete import (opts->complete) removes the
 * ordinances it lacks from ordinances/ in the same commit, each named in
 * a Repealed: trailer.
 *
 * Every write batch adds one pack file, and libgit2 1.5 re-lists the pack
 * folder (quadratically) whenever an object lookup misses, so the pack
 * count is kept bounded: ot_store_consolidate, run by the last unlock of
 * a writer that wrote a pack (past its commit point), finds more than
 * OT_PACK_LIMIT packs and merges the small ones: those that break a
 * geometric progression of sizes (as git repack --geometric=2), merged
 * whole, so the big pack is not rewritten every 50 writes; when that
 * takes every pack, one pack of every object reachable from every ref
 * instead (dropping what no ref reaches, as git gc).  It then removes
 * only packs it listed before it started and merged (never one that
 * appeared meanwhile, never the one it wrote), packs the
 * loose refs (git_refdb_compress: libgit2's pack writer iterates every
 * ref, so a thousand loose record refs were a thousand opens per write)
 * and removes temporary pack files left by killed writers.  Readers only
 * follow refs, and every object a ref reaches is in the new pack (written
 * and fsynced) before any old pack goes, so a reader never misses an
 * object; libgit2 re-lists the folder when a listed pack has vanished.
 * A kill at any moment leaves at worst duplicate packs (removed by the
 * next consolidation), a temporary pack file or a stale lock file.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "ordtrack/index.h"
#include "ordtrack/store.h"
#include "ordtrack/validate.h"
#include "tracker_internal.h"
#include "gitwrite.h"

#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/repository.h>

#define ORDINANCE_FILE OT_ORDINANCE_FILE

const char *const ot_stage_names[OT_STAGE_N] = {NULL,     "introduced", "substitute", "amended", "recommended",
						 "passed", "enacted",    "failed",     "withdrawn"};

int ot_stage_parse(const char *s)
{
	int i;
	for (i = 1; s && i < OT_STAGE_N; i++)
		if (strcmp(s, ot_stage_names[i]) == 0)
			return i;
	ot_error_set(OT_EINVALID,
		     "unknown stage '%s'; use one of introduced, substitute, amended, recommended, passed, enacted, failed, withdrawn",
		     s ? s : "");
	return -1;
}

int ot_store_head(char out[41], ot_tracker *t)
{
	git_oid id;
	int err = git_reference_name_to_id(&id, t->repo, OT_MAIN_REF);
	if (err == GIT_ENOTFOUND) {
		out[0] = '\0';
		ot_error_set(OT_ENOTFOUND, "the tracker has no versions yet");
		ot_error_hint(OT_HINT_ADD_FIRST);
		return OT_ENOTFOUND;
	}
	if (err < 0)
		return ot_git_error(err, "read refs/heads/main");
	git_oid_tostr(out, 41, &id);
	return 0;
}

int ot_store_batch_begin(ot_tracker *t)
{
	git_odb *odb = NULL;
	int err;
	if (t->mempack)
		return 0;
	if ((err = git_repository_odb(&odb, t->repo)) < 0)
		return ot_git_error(err, "open the object database");
	if ((err = git_mempack_new(&t->mempack)) < 0) {
		git_odb_free(odb);
		return ot_git_error(err, "make an in-memory pack");
	}
	if ((err = git_odb_add_backend(odb, t->mempack, 1000)) < 0) {
		/* the odb did not take ownership */
		t->mempack->free(t->mempack);
		t->mempack = NULL;
		err = ot_git_error(err, "attach the in-memory pack");
	}
	git_odb_free(odb);
	return err;
}

void ot_store_batch_abort(ot_tracker *t)
{
	if (t->mempack)
		git_mempack_reset(t->mempack);
	t->nbatch = 0;
}

void ot_store_batch_note(ot_tracker *t, const git_oid *id)
{
	*OT_ARRAY_PUSH(t->batch_ids, t->nbatch, t->batch_cap) = *id;
}

int ot_store_batch_flush(ot_tracker *t)
{
	git_packbuilder *pb = NULL;
	size_t i;
	int err = 0;

	if (!t->mempack || !t->nbatch)
		goto done;
	if ((err = git_packbuilder_new(&pb, t->repo)) < 0) {
		err = ot_git_error(err, "start a pack");
		goto done;
	}
	git_packbuilder_set_threads(pb, 1);
	/* newest first: the last written objects head any delta chains */
	for (i = t->nbatch; i > 0; i--)
		if ((err = git_packbuilder_insert(pb, &t->batch_ids[i - 1], NULL)) < 0) {
			err = ot_git_error(err, "add an object to the pack");
			goto done;
		}
	if ((err = git_packbuilder_write(pb, NULL, 0, NULL, NULL)) < 0)
		err = ot_git_error(err, "write pack");
	else
		t->packs_written = 1;
done:
	git_packbuilder_free(pb);
	ot_store_batch_abort(t);
	return err;
}

/* ---- keeping the number of packs bounded ------------------------------ */

/* Temporary pack files (libgit2's pack_git2_*, git's tmp_pack_*) older
 * than this are left by a killed writer and removed. */
#define STALE_TMP_SECONDS 3600

/* The pack limit (ot_limits: the command line's ORDTRACK_PACK_LIMIT, a
 * test knob to consolidate after a few writes, else OT_PACK_LIMIT). */
static size_t pack_limit(void)
{
	return ot_limits_get().pack_limit;
}

static int has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* A pack of objects/pack: its name without ".pack" and its size. */
typedef struct pack_file {
	char *name;
	long long size;
} pack_file;

static int cmp_pack_size(const void *a, const void *b)
{
	long long x = ((const pack_file *)a)->size, y = ((const pack_file *)b)->size;
	return x < y ? -1 : x > y;
}

/* The packs in `dir` (objects/pack), smallest first (caller frees with
 * free_packs); packs with a .keep file are left out, as git leaves them.
 * With `tmp_too`, temporary pack files older than STALE_TMP_SECONDS are
 * removed on the way. */
static int list_packs(pack_file **out, size_t *n, const char *dir, int tmp_too)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	ot_buf path = OT_BUF_INIT;
	size_t cap = 0;
	time_t now = time(NULL);
	struct stat st;

	*out = NULL;
	*n = 0;
	if (!d)
		return ot_error_set(-1, "cannot list '%s': %s", dir, strerror(errno));
	while ((e = readdir(d))) {
		long long size;
		ot_buf_clear(&path);
		ot_buf_printf(&path, "%s/%s", dir, e->d_name);
		if (tmp_too && (has_prefix(e->d_name, "pack_git2_") || has_prefix(e->d_name, "tmp_pack_") ||
				has_prefix(e->d_name, "tmp_idx_"))) {
			if (lstat(path.ptr, &st) == 0 && S_ISREG(st.st_mode) && now - st.st_mtime > STALE_TMP_SECONDS)
				unlink(path.ptr); /* best effort: a leftover is harmless */
			continue;
		}
		if (!has_prefix(e->d_name, "pack-") || !has_suffix(e->d_name, ".pack"))
			continue;
		if (stat(path.ptr, &st) < 0)
			continue; /* gone meanwhile */
		size = (long long)st.st_size;
		ot_buf_truncate(&path, path.len - strlen(".pack"));
		ot_buf_puts(&path, ".keep");
		if (stat(path.ptr, &st) == 0)
			continue;
		{
			pack_file *p = OT_ARRAY_PUSH(*out, *n, cap);
			p->name = ot_strndup(e->d_name, strlen(e->d_name) - strlen(".pack"));
			p->size = size;
		}
	}
	closedir(d);
	ot_buf_release(&path);
	if (*n)
		qsort(*out, *n, sizeof(**out), cmp_pack_size);
	return 0;
}

static void free_packs(pack_file *packs, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(packs[i].name);
	free(packs);
}

/* How many of the packs (smallest first) to merge so that the rest form
 * a geometric progression of factor 2, each pack at least twice the size
 * of all smaller ones together (git repack --geometric=2): merging only
 * those keeps the work of all consolidations O(n log n) in the objects
 * written, where repacking everything each time was quadratic. */
static size_t geometric_split(const pack_file *p, size_t n)
{
	long long total = 0;
	size_t i, split;
	for (i = n - 1; i > 0; i--)
		if (p[i].size < 2 * p[i - 1].size)
			break;
	split = i;
	for (i = 0; i < split; i++)
		total += p[i].size;
	for (i = split; i < n; i++) {
		if (p[i].size >= 2 * total)
			break;
		total += p[i].size;
	}
	return i;
}

static int insert_one(const git_oid *id, void *payload)
{
	return git_packbuilder_insert(payload, id, NULL);
}

/* Add every object of pack `name` (in `dir`) to `pb`. */
static int insert_pack(git_packbuilder *pb, const char *dir, const char *name)
{
	git_odb_backend *be = NULL;
	ot_buf idx = OT_BUF_INIT;
	int err;
	ot_buf_printf(&idx, "%s/%s.idx", dir, name);
	if ((err = git_odb_backend_one_pack(&be, idx.ptr)) < 0 || (err = be->foreach(be, insert_one, pb)) < 0)
		err = ot_git_error(err, idx.ptr);
	if (be)
		be->free(be);
	ot_buf_release(&idx);
	return err;
}

/* Add every object reachable from every ref to `pb`: commits (and their
 * history and trees) through a revision walk, anything else (an annotated
 * tag, a tree or blob a ref names directly) with its contents.  A ref
 * that cannot be resolved to an object stops the consolidation: nothing
 * may be dropped that a ref might reach. */
static int insert_reachable(git_packbuilder *pb, ot_tracker *t)
{
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL, *res = NULL;
	git_revwalk *walk = NULL;
	git_object *obj = NULL, *peeled = NULL;
	int err, pushed = 0;

	if ((err = git_revwalk_new(&walk, t->repo)) < 0 || (err = git_reference_iterator_new(&it, t->repo)) < 0) {
		err = ot_git_error(err, "list refs");
		goto done;
	}
	while ((err = git_reference_next(&ref, it)) == 0) {
		const char *name = git_reference_name(ref);
		const git_oid *id;
		err = git_reference_resolve(&res, ref);
		if (err == GIT_ENOTFOUND && git_reference_type(ref) == GIT_REFERENCE_SYMBOLIC) {
			/* HEAD before main exists: names nothing */
			git_reference_free(ref);
			ref = NULL;
			continue;
		}
		if (err < 0) {
			err = ot_git_error(err, name);
			goto done;
		}
		id = git_reference_target(res);
		if ((err = git_object_lookup(&obj, t->repo, id, GIT_OBJECT_ANY)) < 0) {
			err = ot_git_error(err, name);
			goto done;
		}
		if (git_object_type(obj) != GIT_OBJECT_COMMIT &&
		    (err = git_packbuilder_insert_recur(pb, id, NULL)) < 0) {
			err = ot_git_error(err, name);
			goto done;
		}
		if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) == 0) {
			if ((err = git_revwalk_push(walk, git_object_id(peeled))) < 0) {
				err = ot_git_error(err, name);
				goto done;
			}
			pushed = 1;
		}
		git_object_free(peeled);
		git_object_free(obj);
		git_reference_free(res);
		git_reference_free(ref);
		peeled = obj = NULL;
		res = ref = NULL;
	}
	if (err != GIT_ITEROVER) {
		err = ot_git_error(err, "list refs");
		goto done;
	}
	err = 0;
	if (pushed && (err = git_packbuilder_insert_walk(pb, walk)) < 0)
		err = ot_git_error(err, "collect the objects to pack");
done:
	git_object_free(peeled);
	git_object_free(obj);
	git_reference_free(res);
	git_reference_free(ref);
	git_reference_iterator_free(it);
	git_revwalk_free(walk);
	return err;
}

/* Remove pack `name` (without extension) from `dir`: the .pack first and
 * the .idx last, as git does (libgit2 and git look packs up by their
 * .idx and skip one whose .pack is gone). */
static int remove_pack(const char *dir, const char *name)
{
	static const char *const exts[] = {".pack", ".rev", ".bitmap", ".idx"};
	ot_buf path = OT_BUF_INIT;
	size_t i;
	int err = 0;
	for (i = 0; i < OT_ARRAY_LEN(exts) && !err; i++) {
		ot_buf_clear(&path);
		ot_buf_printf(&path, "%s/%s%s", dir, name, exts[i]);
		if (unlink(path.ptr) < 0 && errno != ENOENT)
			err = ot_error_set(-1, "cannot remove '%s': %s", path.ptr, strerror(errno));
	}
	ot_buf_release(&path);
	return err;
}

int ot_store_consolidate(ot_tracker *t)
{
	git_packbuilder *pb = NULL;
	git_refdb *refdb = NULL;
	pack_file *old = NULL;
	char *dir = NULL;
	const char *fresh;
	size_t nold = 0, i, n, merge;
	int err, started = 0;

	n = strlen(t->path) + 32;
	dir = ot_malloc(n);
	snprintf(dir, n, "%s/objects/pack", t->path);
	if ((err = list_packs(&old, &nold, dir, 0)) < 0 || nold <= pack_limit())
		goto done;
	free_packs(old, nold);
	old = NULL;
	/* again, removing stale temporary files on the way: the snapshot of
	 * the packs that may go */
	if ((err = list_packs(&old, &nold, dir, 1)) < 0 || nold < 2)
		goto done;
	merge = geometric_split(old, nold);
	if ((err = git_packbuilder_new(&pb, t->repo)) < 0) {
		err = ot_git_error(err, "start a pack");
		goto done;
	}
	started = 1;
	git_packbuilder_set_threads(pb, 1);
	if (merge >= 2 && merge < nold) {
		/* the small packs, merged whole: no object goes */
		for (i = 0; i < merge; i++)
			if ((err = insert_pack(pb, dir, old[i].name)) < 0)
				goto done;
	} else {
		/* every pack (or no progression to keep): one pack of what the
		 * refs reach, which also drops what no ref reaches */
		merge = nold;
		if ((err = insert_reachable(pb, t)) < 0)
			goto done;
	}
	if ((err = git_packbuilder_write(pb, NULL, 0, NULL, NULL)) < 0) {
		err = ot_git_error(err, "write the consolidated pack");
		goto done;
	}
	fresh = git_packbuilder_name(pb);
	/* the new pack holds every object of the packs it replaces that a
	 * ref can reach: they go */
	for (i = 0; i < merge; i++) {
		if (fresh && strcmp(old[i].name + strlen("pack-"), fresh) == 0)
			continue;
		if ((err = remove_pack(dir, old[i].name)) < 0)
			goto done;
	}
	/* the refs: one packed-refs file instead of a file per record */
	if ((err = git_repository_refdb(&refdb, t->repo)) < 0 || (err = git_refdb_compress(refdb)) < 0) {
		err = ot_git_error(err, "pack the refs");
		goto done;
	}
done:
	git_refdb_free(refdb);
	git_packbuilder_free(pb);
	if (started) {
		/* this process's object database still lists the removed packs
		 * (libgit2 never forgets a pack it has seen): drop it, and the
		 * in-memory pack with it, so they are opened afresh */
		git_repository__cleanup(t->repo);
		t->mempack = NULL;
	}
	free_packs(old, nold);
	free(dir);
	return err;
}

static int check_add_opts(const ot_add_opts *o, const ot_doc *doc)
{
	size_t i;
	int err;
	if ((err = ot_name_check(OT_NAME_ORDINANCE, o->ordinance)) < 0)
		return err;
	if (o->date && (err = ot_date_parse(NULL, o->date)) < 0)
		return err;
	if ((unsigned)o->stage >= OT_STAGE_N)
		return ot_error_set(OT_EINVALID, "stage %d is not one of ot_stage", (int)o->stage);
	if (o->record && (err = ot_name_check(OT_NAME_RECORD, o->record)) < 0)
		return err;
	if (o->title && (err = ot_text_check("title", o->title, 0)) < 0)
		return err;
	if (o->message && (err = ot_text_check("message", o->message, 1)) < 0)
		return err;
	for (i = 0; i < o->nsponsors; i++) {
		if (!*o->sponsors[i])
			return ot_error_set(OT_EINVALID, "empty sponsor name");
		if ((err = ot_text_check("sponsor", o->sponsors[i], 0)) < 0)
			return err;
	}
	if (!doc->nsections)
		return ot_error_set(OT_EINVALID, "the text has no sections");
	for (i = 0; i < doc->nsections; i++)
		if ((err = ot_name_check(OT_NAME_SECTION, doc->sections[i]->num)) < 0)
			return err;
	return 0;
}

/* The message body: the subject line (and any further paragraphs of
 * `message`), each subject prefixed by `prefix` ("2-173: " for add, "" for
 * an import); `fallback` is the subject when no message was given. */
static void put_message(ot_buf *m, const char *prefix, const char *message, const char *fallback)
{
	const char *nl;
	if (message && *message) {
		nl = strchr(message, '\n');
		ot_buf_puts(m, prefix);
		if (nl) {
			ot_buf_put(m, message, (size_t)(nl - message));
			ot_buf_puts(m, "\n\n");
			ot_buf_puts(m, nl + 1);
			while (m->len && m->ptr[m->len - 1] == '\n')
				ot_buf_truncate(m, m->len - 1);
			ot_buf_putc(m, '\n');
		} else {
			ot_buf_puts(m, message);
			ot_buf_putc(m, '\n');
		}
	} else {
		ot_buf_puts(m, fallback);
		ot_buf_putc(m, '\n');
	}
}

/* The trailer block: one Ordinance: line per ordinance, Stage, Date, then
 * Record and Sponsor when given (the index reads them back). */
static void put_trailers(ot_buf *m, const char *const *ords, size_t nords, const char *stage, const char *date,
			 const char *record, const char *const *sponsors, size_t nsponsors)
{
	size_t i;
	ot_buf_putc(m, '\n');
	for (i = 0; i < nords; i++)
		ot_buf_printf(m, "Ordinance: %s\n", ords[i]);
	ot_buf_printf(m, "Stage: %s\nDate: %s\n", stage, date);
	if (record)
		ot_buf_printf(m, "Record: %s\n", record);
	for (i = 0; i < nsponsors; i++)
		ot_buf_printf(m, "Sponsor: %s\n", sponsors[i]);
}

static void compose_message(ot_buf *m, const ot_add_opts *o, const char *date, const char *stage)
{
	ot_buf prefix = OT_BUF_INIT, fallback = OT_BUF_INIT;
	ot_buf_printf(&prefix, "%s: ", o->ordinance);
	ot_buf_printf(&fallback, "%s: %s text of %s", o->ordinance, stage, date);
	if (o->record)
		ot_buf_printf(&fallback, " (%s)", o->record);
	put_message(m, prefix.ptr, o->message, fallback.ptr);
	put_trailers(m, &o->ordinance, 1, stage, date, o->record, o->sponsors, o->nsponsors);
	ot_buf_release(&prefix);
	ot_buf_release(&fallback);
}

/* Latest date recorded for `ord` on main, or "" (caller frees). */
static char *latest_date(ot_tracker *t, const char *ord)
{
	ot_version_list vl;
	char *d;
	if (ot_index_versions(&vl, t, ord) < 0 || vl.n == 0) {
		ot_version_list_release(&vl);
		return ot_strdup("");
	}
	d = ot_strdup(vl.items[0].date);
	ot_version_list_release(&vl);
	return d;
}

/* The state of main a write starts from (the writer lock held, the index
 * caught up): its tip and root tree, or has_head 0 when main does not
 * exist yet. */
typedef struct write_base {
	git_oid head_id, root_id;
	int has_head;
} write_base;

static int read_base(write_base *b, ot_tracker *t)
{
	int err;
	memset(b, 0, sizeof(*b));
	/* the index must reflect main before dates are compared */
	if ((err = ot_index_catch_up(t)) < 0)
		return err;
	err = ot_gw_ref(&b->head_id, t, OT_MAIN_REF);
	if (err == OT_ENOTFOUND)
		return 0;
	if (err < 0)
		return err;
	b->has_head = 1;
	return ot_gw_commit_tree(&b->root_id, t, &b->head_id);
}

/* The title to store: the one asked for, else the document's, else the
 * one stored in `old_ord` (may be NULL), else "".  *owned receives a copy
 * to free when the stored title is used. */
static const char *choose_title(ot_tracker *t, const git_tree *old_ord, const char *asked, const ot_doc *doc,
				char **owned)
{
	*owned = NULL;
	if (asked)
		return asked;
	if (doc->title)
		return doc->title;
	if (old_ord)
		*owned = ot_gw_ordinance_title(t, old_ord);
	return *owned ? *owned : "";
}

/*
 * The end of every write of main: a commit of `root` on top of the base,
 * the batch's objects flushed to one pack (before any ref points at
 * them), the written blobs noted in the index, main moved by
 * compare-and-swap (the commit point), then the index caught up.  The
 * batch is closed whatever happens.  0 and the commit id in out_commit.
 */
static int finish_write(char out_commit[41], ot_tracker *t, const write_base *b, const git_oid *root,
			const char *msg, const char *date, const ot_blob_units *written, size_t nwritten,
			const char *what)
{
	git_oid commit_id;
	const git_oid *parent = b->has_head ? &b->head_id : NULL;
	int err;
	if ((err = ot_gw_commit(&commit_id, t, root, parent, parent ? 1 : 0, msg, date)) < 0) {
		ot_store_batch_abort(t);
		return err;
	}
	if ((err = ot_store_batch_flush(t)) < 0 || (err = ot_index_note_blobs(t, written, nwritten)) < 0)
		return err;
	/* the commit point: compare-and-swap of refs/heads/main */
	if ((err = ot_gw_move_ref(t, OT_MAIN_REF, &commit_id, parent, what)) < 0)
		return err;
	git_oid_tostr(out_commit, 41, &commit_id);
	/* past the commit point the write stands: an index that cannot catch
	 * up now (a full disk) is a warning, and catches up at the next open */
	if (ot_index_catch_up(t) < 0)
		ot_warning_after_commit();
	return 0;
}

static void copy_notes(ot_doc_note **out, size_t *n, const ot_doc_note *const *from, size_t nfrom)
{
	size_t i;
	*out = nfrom ? ot_calloc(nfrom, sizeof(**out)) : NULL;
	*n = nfrom;
	for (i = 0; i < nfrom; i++) {
		(*out)[i].section = from[i]->section ? ot_strdup(from[i]->section) : NULL;
		(*out)[i].kind = ot_strdup(from[i]->kind);
		(*out)[i].text = ot_strdup(from[i]->text);
		(*out)[i].line = from[i]->line;
	}
}

static void free_notes(ot_doc_note *v, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		free(v[i].section);
		free(v[i].kind);
		free(v[i].text);
	}
	free(v);
}

void ot_add_result_release(ot_add_result *r)
{
	if (!r)
		return;
	free_notes(r->kept, r->nkept);
	free_notes(r->dropped, r->ndropped);
	free(r->dropped_reason);
	memset(r, 0, sizeof(*r));
}

int ot_store_add(char out_commit[41], ot_tracker *t, const ot_add_opts *o, const ot_doc *doc)
{
	return ot_store_add_report(out_commit, NULL, t, o, doc);
}

/* The notes of the version in force are read from its ORDINANCE file and
 * merged with the text's by ot_notes_carry_compute; the document written
 * is a shallow view of `doc` (its sections, the merged notes), never
 * freed as a document. */
int ot_store_add_report(char out_commit[41], ot_add_result *result, ot_tracker *t, const ot_add_opts *o,
			const ot_doc *doc)
{
	git_tree *old_ord = NULL;
	git_oid ord_id, new_root;
	write_base base;
	ot_buf msg = OT_BUF_INIT;
	char today[11], *prev_date = NULL, *old_title = NULL;
	const char *date, *stage, *title;
	ot_blob_units *written = NULL;
	ot_doc *old_notes = NULL, view;
	ot_notes_carry carry;
	size_t nwritten = 0, wcap = 0;
	int err, locked = 0, in_batch = 0;

	memset(&carry, 0, sizeof(carry));
	if (result)
		memset(result, 0, sizeof(*result));
	if ((err = check_add_opts(o, doc)) < 0)
		return err;
	ot_date_today(today);
	date = o->date ? o->date : today;
	stage = ot_stage_names[o->stage ? o->stage : OT_STAGE_ENACTED];
	if ((err = ot_tracker_lock(t, OT_LOCK_TIMEOUT_MS)) < 0)
		return err;
	locked = 1;
	if ((err = read_base(&base, t)) < 0)
		goto done;
	if (base.has_head) {
		char path[256];
		snprintf(path, sizeof(path), "ordinances/%s", o->ordinance);
		if ((err = ot_gw_subtree(&old_ord, t, &base.head_id, path)) < 0)
			goto done;
	}
	prev_date = latest_date(t, o->ordinance);
	if (*prev_date && strcmp(date, prev_date) < 0) {
		err = ot_error_set(OT_EINVALID,
				   "date %s is before %s, the date of the current version of %s; versions are recorded in date order",
				   date, prev_date, o->ordinance);
		goto done;
	}
	title = choose_title(t, old_ord, o->title, doc, &old_title);
	/* the notes to store: the text's, and those of the version in force
	 * that the text does not speak for (notes_carry.c) */
	old_notes = ot_doc_new();
	if (old_ord && (err = ot_gw_ordinance_notes(t, old_ord, old_notes)) < 0)
		goto done;
	ot_notes_carry_compute(&carry, old_notes, doc, o->replace_notes);
	view = *doc;
	view.notes = carry.notes;
	view.nnotes = carry.nnotes;
	if (result) {
		copy_notes(&result->kept, &result->nkept, carry.kept, carry.nkept);
		copy_notes(&result->dropped, &result->ndropped, carry.dropped, carry.ndropped);
		if (carry.ndropped) {
			size_t k;
			result->dropped_reason = ot_malloc(carry.ndropped * sizeof(*result->dropped_reason));
			for (k = 0; k < carry.ndropped; k++)
				result->dropped_reason[k] = (ot_note_drop_reason)carry.dropped_reason[k];
		}
	}

	if ((err = ot_store_batch_begin(t)) < 0)
		goto done;
	in_batch = 1;
	if ((err = ot_gw_ordinance_tree(&ord_id, t, old_ord, o->ordinance, &view, title, &written, &nwritten,
					&wcap)) < 0)
		goto done;
	if (old_ord && git_oid_equal(&ord_id, git_tree_id(old_ord))) {
		err = ot_error_set(OT_EUNCHANGED, "the text of %s is identical to its current version; nothing recorded",
				   o->ordinance);
		goto done;
	}
	if ((err = ot_gw_tree_set(&new_root, t, base.has_head ? &base.root_id : NULL, "ordinances", o->ordinance,
				  &ord_id, GIT_FILEMODE_TREE)) < 0)
		goto done;
	compose_message(&msg, o, date, stage);
	if (old_ord) {
		git_tree *nt = NULL;
		if ((err = git_tree_lookup(&nt, t->repo, &ord_id)) < 0) {
			err = ot_git_error(err, "read ordinance tree");
			goto done;
		}
		if (ot_gw_notes_only(t, old_ord, nt))
			ot_buf_puts(&msg, "Change: notes\n");
		git_tree_free(nt);
	}
	in_batch = 0;
	err = finish_write(out_commit, t, &base, &new_root, msg.ptr, date, written, nwritten, "ordtrack add");
done:
	if (in_batch)
		ot_store_batch_abort(t);
	if (locked)
		ot_tracker_unlock(t);
	git_tree_free(old_ord);
	ot_buf_release(&msg);
	ot_notes_carry_release(&carry);
	ot_doc_free(old_notes);
	free(prev_date);
	free(old_title);
	free(written);
	if (err < 0 && err != OT_EUNCHANGED)
		ot_add_result_release(result);
	return err;
}

/* An ordinance of an import whose subtree changed. */
typedef struct changed_ord {
	const char *ord;
	git_oid id;      /* its new subtree; unset when repealed */
	int date_checked;
	int repealed;    /* removed from main (a complete import) */
	int notes_only;  /* only the notes of its ORDINANCE file changed */
} changed_ord;

static int cmp_changed(const void *a, const void *b)
{
	return strcmp(((const changed_ord *)a)->ord, ((const changed_ord *)b)->ord);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int check_import(const ot_import_opts *o, const char *const *ords, ot_doc *const *docs, size_t n)
{
	ot_add_opts one;
	const char **sorted;
	size_t i;
	int err = 0;
	if (!n)
		return ot_error_set(OT_EINVALID, "nothing to import: no ordinance given");
	sorted = ot_malloc(n * sizeof(*sorted));
	memcpy(sorted, ords, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), cmp_str);
	for (i = 1; i < n && !err; i++)
		if (strcmp(sorted[i - 1], sorted[i]) == 0)
			err = ot_error_set(OT_EINVALID, "ordinance %s is given twice", sorted[i]);
	free(sorted);
	if (err < 0)
		return err;
	memset(&one, 0, sizeof(one));
	one.date = o->date;
	one.stage = o->stage;
	one.message = o->message;
	for (i = 0; i < n; i++) {
		one.ordinance = ords[i];
		if ((err = check_add_opts(&one, docs[i])) < 0) {
			if (!docs[i]->nsections)
				return ot_error_set(OT_EINVALID, "ordinance %s has no sections", ords[i]);
			return err;
		}
	}
	return 0;
}

/* Every changed ordinance's date order: `date` must not be before the
 * date of its current version.  One pass over the index's versions,
 * newest first, so the first row of an ordinance is its current one. */
static int check_import_dates(ot_tracker *t, changed_ord *ch, size_t nch, const char *date)
{
	ot_version_list vl;
	size_t i;
	int err;
	if ((err = ot_index_versions(&vl, t, NULL)) < 0)
		return err;
	for (i = 0; i < vl.n; i++) {
		changed_ord key, *c;
		key.ord = vl.items[i].ordinance;
		c = bsearch(&key, ch, nch, sizeof(*ch), cmp_changed);
		if (!c || c->date_checked)
			continue;
		c->date_checked = 1;
		if (strcmp(date, vl.items[i].date) < 0) {
			err = ot_error_set(OT_EINVALID,
					   "date %s is before %s, the date of the current version of %s; versions are recorded in date order",
					   date, vl.items[i].date, c->ord);
			break;
		}
	}
	ot_version_list_release(&vl);
	return err;
}

/* The tree ordinances/ of the base (NULL when there is none). */
static int base_ordinances(git_tree **out, ot_tracker *t, const write_base *b)
{
	*out = NULL;
	if (!b->has_head)
		return 0;
	return ot_gw_subtree(out, t, &b->head_id, "ordinances");
}

/* The subtree of `ord` in `ords_tree` (may be NULL); *out NULL when
 * absent. */
static int old_ordinance(git_tree **out, ot_tracker *t, const git_tree *ords_tree, const char *ord)
{
	const git_tree_entry *e = ords_tree ? git_tree_entry_byname(ords_tree, ord) : NULL;
	int err;
	*out = NULL;
	if (!e)
		return 0;
	if (git_tree_entry_type(e) != GIT_OBJECT_TREE)
		return ot_error_set(OT_EINVALID, "tracker: ordinances/%s is not a directory", ord);
	if ((err = git_tree_lookup(out, t->repo, git_tree_entry_id(e))) < 0)
		return ot_git_error(err, "read ordinance tree");
	return 0;
}

/* ordinances/ of the base with the changed entries replaced (the
 * repealed ones removed), written. */
static int write_ordinances(git_oid *out, ot_tracker *t, const git_tree *base, const changed_ord *ch, size_t nch)
{
	git_treebuilder *tb = NULL;
	size_t i;
	int err;
	if ((err = git_treebuilder_new(&tb, t->repo, base)) < 0)
		goto fail;
	for (i = 0; i < nch; i++)
		if ((err = ch[i].repealed ? git_treebuilder_remove(tb, ch[i].ord)
					  : git_treebuilder_insert(NULL, tb, ch[i].ord, &ch[i].id, GIT_FILEMODE_TREE)) < 0)
			goto fail;
	if ((err = git_treebuilder_write(out, tb)) < 0)
		goto fail;
	git_treebuilder_free(tb);
	ot_store_batch_note(t, out);
	return 0;
fail:
	git_treebuilder_free(tb);
	return ot_git_error(err, "write the ordinances tree");
}

/* Sections of `old` (an ordinance subtree) that `new` lacks. */
/* The sections of `old` that `new` (NULL: nothing) lacks, counted and
 * named in res->repealed. */
static size_t sections_dropped(ot_import_result *res, const git_tree *old, const git_tree *new)
{
	size_t i, n = git_tree_entrycount(old), k = 0;
	for (i = 0; i < n; i++) {
		const char *name = git_tree_entry_name(git_tree_entry_byindex(old, i));
		if (strcmp(name, ORDINANCE_FILE) != 0 && (!new || !git_tree_entry_byname(new, name))) {
			*OT_ARRAY_PUSH(res->repealed, res->nrepealed, res->repcap) = ot_strdup(name);
			k++;
		}
	}
	return k;
}

void ot_import_result_release(ot_import_result *r)
{
	size_t i;
	if (!r)
		return;
	for (i = 0; i < r->nrepealed; i++)
		free(r->repealed[i]);
	free(r->repealed);
	memset(r, 0, sizeof(*r));
}

/* The message of an import: subject (and body), the refused files
 * (bounded), then the trailers. */
static void import_message(ot_buf *msg, const ot_import_opts *o, const char *stage, const char *date,
			   const char *const *names, size_t nnames, const changed_ord *ch, size_t nch,
			   int notes_only)
{
	ot_buf fallback = OT_BUF_INIT;
	size_t i, nrep = 0;
	for (i = 0; i < nch; i++)
		nrep += ch[i].repealed;
	ot_buf_printf(&fallback, "import: %s text of %s (%zu ordinance%s", stage, date, nnames,
		      nnames == 1 ? "" : "s");
	if (nrep)
		ot_buf_printf(&fallback, ", %zu repealed", nrep);
	ot_buf_puts(&fallback, ")");
	put_message(msg, "", o->message, fallback.ptr);
	if (o->nrefused) {
		ot_buf_printf(msg, "\n%zu file%s could not be read and %s not imported:\n", o->nrefused,
			      o->nrefused == 1 ? "" : "s", o->nrefused == 1 ? "was" : "were");
		for (i = 0; i < o->nrefused && i < OT_IMPORT_REFUSED_NAMED; i++)
			ot_buf_printf(msg, "  %s\n", o->refused[i]);
		if (o->nrefused > OT_IMPORT_REFUSED_NAMED)
			ot_buf_printf(msg, "  ... and %zu more\n", o->nrefused - OT_IMPORT_REFUSED_NAMED);
	}
	put_trailers(msg, names, nnames, stage, date, NULL, NULL, 0);
	for (i = 0; i < nch; i++)
		if (ch[i].repealed)
			ot_buf_printf(msg, "Repealed: %s\n", ch[i].ord);
	if (notes_only)
		ot_buf_puts(msg, "Change: notes\n");
	if (o->nrefused)
		ot_buf_printf(msg, "Refused: %zu file%s\n", o->nrefused, o->nrefused == 1 ? "" : "s");
	ot_buf_release(&fallback);
}

int ot_store_import(char out_commit[41], ot_import_result *result, ot_tracker *t, const ot_import_opts *o,
		    const char *const *ords, ot_doc *const *docs, size_t n)
{
	git_tree *ords_tree = NULL, *old_ord = NULL, *new_ord = NULL;
	git_oid ords_id, new_root;
	write_base base;
	ot_import_result res;
	ot_buf msg = OT_BUF_INIT;
	char today[11], *old_title = NULL;
	const char *date, *stage, *title, **names = NULL, **given = NULL;
	ot_blob_units *written = NULL;
	changed_ord *ch = NULL;
	size_t nwritten = 0, wcap = 0, nch = 0, chcap = 0, nnames = 0, i, mark;
	int err, locked = 0, in_batch = 0;

	memset(&res, 0, sizeof(res));
	if (result)
		*result = res;
	if ((err = check_import(o, ords, docs, n)) < 0)
		return err;
	ot_date_today(today);
	date = o->date ? o->date : today;
	stage = ot_stage_names[o->stage ? o->stage : OT_STAGE_ENACTED];
	if ((err = ot_tracker_lock(t, OT_LOCK_TIMEOUT_MS)) < 0)
		return err;
	locked = 1;
	if ((err = read_base(&base, t)) < 0 || (err = base_ordinances(&ords_tree, t, &base)) < 0)
		goto done;
	if ((err = ot_store_batch_begin(t)) < 0)
		goto done;
	in_batch = 1;
	for (i = 0; i < n; i++) {
		git_oid id;
		if ((err = old_ordinance(&old_ord, t, ords_tree, ords[i])) < 0)
			goto done;
		title = choose_title(t, old_ord, NULL, docs[i], &old_title);
		mark = nwritten;
		if ((err = ot_gw_ordinance_tree(&id, t, old_ord, ords[i], docs[i], title, &written, &nwritten,
						&wcap)) < 0)
			goto done;
		if (old_ord && git_oid_equal(&id, git_tree_id(old_ord))) {
			/* unchanged: its blobs are all known already */
			nwritten = mark;
		} else {
			changed_ord *c = OT_ARRAY_PUSH(ch, nch, chcap);
			memset(c, 0, sizeof(*c));
			c->ord = ords[i];
			c->id = id;
			if (old_ord) {
				if ((err = git_tree_lookup(&new_ord, t->repo, &id)) < 0) {
					err = ot_git_error(err, "read ordinance tree");
					goto done;
				}
				c->notes_only = ot_gw_notes_only(t, old_ord, new_ord);
				res.notes_only += c->notes_only;
				res.repealed_sections += sections_dropped(&res, old_ord, new_ord);
				git_tree_free(new_ord);
				new_ord = NULL;
			}
		}
		git_tree_free(old_ord);
		old_ord = NULL;
		free(old_title);
		old_title = NULL;
		if (o->progress)
			o->progress(o->progress_ctx, i + 1, n);
	}
	nnames = nch;
	if (o->complete && ords_tree) {
		/* the whole code: what main has and the import lacks goes */
		size_t k, ne = git_tree_entrycount(ords_tree);
		given = ot_malloc(n * sizeof(*given));
		memcpy(given, ords, n * sizeof(*given));
		qsort(given, n, sizeof(*given), cmp_str);
		for (k = 0; k < ne; k++) {
			const char *name = git_tree_entry_name(git_tree_entry_byindex(ords_tree, k));
			changed_ord *c;
			if (bsearch(&name, given, n, sizeof(*given), cmp_str))
				continue;
			if ((err = old_ordinance(&old_ord, t, ords_tree, name)) < 0)
				goto done;
			res.repealed_sections += sections_dropped(&res, old_ord, NULL);
			git_tree_free(old_ord);
			old_ord = NULL;
			c = OT_ARRAY_PUSH(ch, nch, chcap);
			memset(c, 0, sizeof(*c));
			c->ord = name;
			c->repealed = 1;
			res.repealed_ordinances++;
		}
	}
	if (!nch) {
		err = ot_error_set(OT_EUNCHANGED, "nothing to import: every ordinance is unchanged");
		goto done;
	}
	/* in the trailers, ordinances keep the caller's order */
	names = ot_malloc(nch * sizeof(*names));
	for (i = 0; i < nnames; i++)
		names[i] = ch[i].ord;
	res.changed = nnames;
	{
		int notes_only = !res.repealed_ordinances && res.notes_only == nnames;
		qsort(ch, nch, sizeof(*ch), cmp_changed);
		if ((err = check_import_dates(t, ch, nch, date)) < 0)
			goto done;
		if ((err = write_ordinances(&ords_id, t, ords_tree, ch, nch)) < 0 ||
		    (err = ot_gw_tree_set(&new_root, t, base.has_head ? &base.root_id : NULL, NULL, "ordinances",
					  &ords_id, GIT_FILEMODE_TREE)) < 0)
			goto done;
		import_message(&msg, o, stage, date, names, nnames, ch, nch, notes_only);
	}
	in_batch = 0;
	if ((err = finish_write(out_commit, t, &base, &new_root, msg.ptr, date, written, nwritten,
				"ordtrack import")) < 0)
		goto done;
	if (result) {
		*result = res;
		memset(&res, 0, sizeof(res));
	}
done:
	ot_import_result_release(&res);
	if (in_batch)
		ot_store_batch_abort(t);
	if (locked)
		ot_tracker_unlock(t);
	git_tree_free(old_ord);
	git_tree_free(new_ord);
	git_tree_free(ords_tree);
	ot_buf_release(&msg);
	free(old_title);
	free(written);
	free(names);
	free(given);
	free(ch);
	return err;
}

/* The tree of ordinances/<ord> at `commit`; OT_ENOTFOUND when absent. */
static int ordinance_tree(git_tree **out, ot_tracker *t, const char *commit, const char *ord)
{
	git_oid id;
	git_commit *c = NULL;
	git_tree *root = NULL;
	git_tree_entry *e = NULL;
	char *path;
	size_t n;
	int err;

	*out = NULL;
	if (git_oid_fromstr(&id, commit) < 0)
		return ot_error_set(OT_EINVALID, "'%s' is not a commit id", commit);
	if ((err = git_commit_lookup(&c, t->repo, &id)) < 0)
		return ot_git_error(err, commit);
	if ((err = git_commit_tree(&root, c)) < 0) {
		err = ot_git_error(err, "read commit tree");
		goto done;
	}
	n = strlen(ord) + 16;
	path = ot_malloc(n);
	snprintf(path, n, "ordinances/%s", ord);
	err = git_tree_entry_bypath(&e, root, path);
	free(path);
	if (err == GIT_ENOTFOUND) {
		err = ot_error_set(OT_ENOTFOUND, "ordinance %s does not exist at commit %.12s", ord, commit);
		goto done;
	} else if (err < 0) {
		err = ot_git_error(err, "read ordinance");
		goto done;
	}
	if (git_tree_entry_type(e) != GIT_OBJECT_TREE) {
		err = ot_error_set(OT_EINVALID, "tracker: ordinances/%s is not a directory", ord);
		goto done;
	}
	if ((err = git_tree_lookup(out, t->repo, git_tree_entry_id(e))) < 0)
		err = ot_git_error(err, "read ordinance tree");
done:
	git_tree_entry_free(e);
	git_tree_free(root);
	git_commit_free(c);
	return err;
}

/* Parse one section blob and move its section into `doc`. */
static int load_section(ot_doc *doc, ot_tracker *t, const char *ord, const git_tree_entry *e)
{
	git_blob *blob = NULL;
	ot_doc *one = NULL;
	const char *name = git_tree_entry_name(e);
	char label[512];
	int err;

	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		return ot_error_set(OT_EINVALID, "tracker: ordinances/%s/%s is not a file", ord, name);
	if ((err = ot_name_check(OT_NAME_SECTION, name)) < 0)
		return ot_error_set(OT_EINVALID, "tracker: unsafe entry ordinances/%s/%s refused: %s", ord, name,
				    ot_error_last());
	if ((err = git_blob_lookup(&blob, t->repo, git_tree_entry_id(e))) < 0)
		return ot_git_error(err, "read section");
	snprintf(label, sizeof(label), "ordinances/%s/%s", ord, name);
	err = ot_doc_parse_text(&one, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob), label);
	git_blob_free(blob);
	if (err < 0)
		return err;
	if (one->nsections != 1 || strcmp(one->sections[0]->num, name) != 0) {
		err = ot_error_set(OT_EINVALID, "tracker: %s does not hold exactly section %s", label, name);
		goto done;
	}
	/* names in a git tree are unique and the section's number is its
	 * name (checked above), so no duplicate check is needed: appending
	 * keeps a load of N sections linear (ot_doc_take_sections checks
	 * every section already loaded, quadratic over a whole load) */
	ot_doc_append(doc, one->sections[0]);
	one->nsections = 0;
done:
	ot_doc_free(one);
	return err;
}

int ot_store_load(ot_doc **out, ot_tracker *t, const char *commit, const char *ord)
{
	git_tree *tree = NULL;
	ot_doc *doc = NULL;
	size_t i, n;
	int err;

	*out = NULL;
	if ((err = ordinance_tree(&tree, t, commit, ord)) < 0)
		return err;
	doc = ot_doc_new();
	n = git_tree_entrycount(tree);
	for (i = 0; i < n; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		if (strcmp(git_tree_entry_name(e), ORDINANCE_FILE) == 0)
			continue;
		if ((err = load_section(doc, t, ord, e)) < 0)
			goto done;
	}
	doc->title = ot_gw_ordinance_title(t, tree);
	if ((err = ot_gw_ordinance_notes(t, tree, doc)) < 0)
		goto done;
	ot_doc_sort(doc);
	*out = doc;
	doc = NULL;
done:
	ot_doc_free(doc);
	git_tree_free(tree);
	return err;
}

/* Add the units of one section blob to *count: from the index, or by
 * reading the blob when the index does not know it. */
static int add_units(size_t *count, ot_tracker *t, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];
	long units;
	git_oid_tostr(hex, sizeof(hex), id);
	units = ot_index_blob_units(t, hex);
	if (units < 0) {
		git_blob *blob = NULL;
		int err = git_blob_lookup(&blob, t->repo, id);
		if (err < 0)
			return ot_git_error(err, "read section");
		units = ot_canonical_units(git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
		git_blob_free(blob);
	}
	*count += (size_t)units;
	return 0;
}

int ot_store_load_changed(ot_doc **old_out, ot_doc **new_out, size_t *unchanged_units, ot_tracker *t,
			  ot_text_ref old, ot_text_ref new)
{
	const char *old_commit = old.commit, *old_ord = old.ord, *new_commit = new.commit, *new_ord = new.ord;
	git_tree *a = NULL, *b = NULL;
	ot_doc *da = ot_doc_new(), *db = ot_doc_new();
	size_t i = 0, j = 0, na, nb, counted = 0;
	long known;
	int err;

	*old_out = *new_out = NULL;
	*unchanged_units = 0;
	if ((err = ordinance_tree(&a, t, old_commit, old_ord)) < 0 ||
	    (err = ordinance_tree(&b, t, new_commit, new_ord)) < 0)
		goto done;
	na = git_tree_entrycount(a);
	nb = git_tree_entrycount(b);
	/* the units of the identical sections are the old version's total
	 * less those of the old sections read below; per blob only when the
	 * index does not know the old version */
	known = ot_index_version_units(t, old_commit, old_ord);
	/* entries are sorted by name: merge-join them */
	while (i < na || j < nb) {
		const git_tree_entry *ea = i < na ? git_tree_entry_byindex(a, i) : NULL;
		const git_tree_entry *eb = j < nb ? git_tree_entry_byindex(b, j) : NULL;
		int c = !ea ? 1 : !eb ? -1 : strcmp(git_tree_entry_name(ea), git_tree_entry_name(eb));
		if (ea && strcmp(git_tree_entry_name(ea), ORDINANCE_FILE) == 0) {
			i++;
			continue;
		}
		if (eb && strcmp(git_tree_entry_name(eb), ORDINANCE_FILE) == 0) {
			j++;
			continue;
		}
		if (c == 0 && git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb))) {
			if (known < 0 && (err = add_units(&counted, t, git_tree_entry_id(ea))) < 0)
				goto done;
			i++;
			j++;
			continue;
		}
		if (c <= 0) {
			if ((err = load_section(da, t, old_ord, ea)) < 0)
				goto done;
			i++;
		}
		if (c >= 0) {
			if ((err = load_section(db, t, new_ord, eb)) < 0)
				goto done;
			j++;
		}
	}
	if (known >= 0) {
		size_t k, read_units = 0;
		for (k = 0; k < da->nsections; k++)
			read_units += ot_node_count(da->sections[k]);
		counted = (size_t)known >= read_units ? (size_t)known - read_units : 0;
	}
	*unchanged_units = counted;
	da->title = ot_gw_ordinance_title(t, a);
	db->title = ot_gw_ordinance_title(t, b);
	/* notes are read whole on both sides: they are few, and a diff
	 * reports them apart from the law */
	if ((err = ot_gw_ordinance_notes(t, a, da)) < 0 || (err = ot_gw_ordinance_notes(t, b, db)) < 0)
		goto done;
	ot_doc_sort(da);
	ot_doc_sort(db);
	*old_out = da;
	*new_out = db;
	da = db = NULL;
done:
	ot_doc_free(da);
	ot_doc_free(db);
	git_tree_free(a);
	git_tree_free(b);
	return err;
}
