/*
 * fsck.c - checking a tracker (ordtrack/fsck.h) and repairing what can be
 * repaired without touching the record.
 *
 * The tracker is opened "raw": the git repository, and the index only
 * after SQLite's own checks have looked at the file as found, so a
 * damaged index or a hostile tree never stops fsck from reporting.  Steps:
 *
 *   1. the writer lock: fsck holds it while it checks (so main cannot move
 *      between the walk and the index comparison); getting it at once
 *      means no ordtrack writer runs, so every git *.lock file is stale;
 *   2. refs: the names from libgit2's iterator and the files under refs/
 *      (the iterator silently skips a loose ref it cannot parse);
 *   3. the object walk: an explicit stack of (object id, role, path) work
 *      items, no recursion; a set of (id, role) pairs makes every object
 *      read once per role.  Roles say what a tree or blob must hold at its
 *      place in the layout (root, ordinances/, ordinances/<ORD>/, records/,
 *      a section, ORDINANCE, a record, members.json).  Strict hash
 *      verification is on for the walk, so an object whose bytes do not
 *      hash to its id is reported;
 *   4. the index: integrity_check and foreign_key_check on a read-only
 *      connection, then catch-up (what any command does on open), the
 *      full-text index completed and checked against the clause texts
 *      (FTS5 'integrity-check' with the content table), then a
 *      fresh rebuild from git into <tracker>/index.sqlite.fsck-PID compared
 *      table by table with ordered SELECTs (blobs and units are a cache
 *      keyed by content: the index may hold rows a rebuild does not);
 *   5. --repair: unlink the stale lock files, rename the fresh rebuild over
 *      index.sqlite (after closing the old one and removing its -wal and
 *      -shm files, which belong to the old file), sync the directory, and
 *      check again from scratch.
 *
 * Ownership: the report owns its problems and repair notes; the work
 * stack owns each item's path until the item is processed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "gitwrite.h"
#include "internal.h"
#include "ordtrack/fsck.h"
#include "ordtrack/index.h"
#include "ordtrack/record.h"
#include "ordtrack/validate.h"
#include "tracker_internal.h"

#define MAX_DIFF_ROWS 3 /* differing rows reported per index table */

static const char *const kind_names[] = {"lock", "ref", "object", "tree", "text", "record", "index"};

const char *ot_fsck_kind_name(ot_fsck_kind kind)
{
	return (size_t)kind < OT_ARRAY_LEN(kind_names) ? kind_names[kind] : "unknown";
}

static void problems_release(ot_fsck_problems *p)
{
	size_t i;
	for (i = 0; i < p->n; i++) {
		free(p->items[i].where);
		free(p->items[i].message);
	}
	free(p->items);
	memset(p, 0, sizeof(*p));
}

void ot_fsck_report_release(ot_fsck_report *r)
{
	size_t i;
	if (!r)
		return;
	problems_release(&r->problems);
	problems_release(&r->found);
	for (i = 0; i < r->nrepairs; i++)
		free(r->repairs[i]);
	free(r->repairs);
	memset(r, 0, sizeof(*r));
}

static void problem(ot_fsck_report *r, ot_fsck_kind kind, const char *where, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static void problem(ot_fsck_report *r, ot_fsck_kind kind, const char *where, const char *fmt, ...)
{
	ot_fsck_problem *p = OT_ARRAY_PUSH(r->problems.items, r->problems.n, r->problems.cap);
	ot_buf msg = OT_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ot_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	p->kind = kind;
	p->where = ot_strdup(where);
	p->message = ot_buf_detach(&msg);
}

static void repaired(ot_fsck_report *r, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static void repaired(ot_fsck_report *r, const char *fmt, ...)
{
	ot_buf msg = OT_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ot_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	*OT_ARRAY_PUSH(r->repairs, r->nrepairs, r->rcap) = ot_buf_detach(&msg);
}

static const char *git_msg(void)
{
	const git_error *e = git_error_last();
	return e && e->message ? e->message : "unknown libgit2 error";
}

/* ---- a set of (object id, role) pairs ----------------------------------- */

typedef struct seen_slot {
	git_oid id;
	unsigned char role;
	unsigned char used;
} seen_slot;

typedef struct seen_set {
	seen_slot *slots;
	size_t n, cap; /* cap is a power of two */
} seen_set;

static size_t slot_of(const seen_set *s, const git_oid *id, int role)
{
	size_t h = 0, i;
	for (i = 0; i < sizeof(size_t) && i < GIT_OID_RAWSZ; i++)
		h = (h << 8) | id->id[i];
	return (h ^ (size_t)role * 0x9e3779b9u) & (s->cap - 1);
}

/* 1 when (id, role) was added, 0 when it was there already. */
static int seen_add(seen_set *s, const git_oid *id, int role)
{
	size_t i;
	if (2 * (s->n + 1) > s->cap) {
		seen_set bigger;
		bigger.cap = s->cap ? 2 * s->cap : 1024;
		bigger.n = 0;
		bigger.slots = ot_calloc(bigger.cap, sizeof(seen_slot));
		for (i = 0; i < s->cap; i++)
			if (s->slots[i].used)
				seen_add(&bigger, &s->slots[i].id, s->slots[i].role);
		free(s->slots);
		*s = bigger;
	}
	for (i = slot_of(s, id, role);; i = (i + 1) & (s->cap - 1)) {
		seen_slot *sl = &s->slots[i];
		if (!sl->used) {
			sl->used = 1;
			sl->role = (unsigned char)role;
			git_oid_cpy(&sl->id, id);
			s->n++;
			return 1;
		}
		if (sl->role == role && git_oid_equal(&sl->id, id))
			return 0;
	}
}

/* ---- the object walk ------------------------------------------------------ */

enum role {
	R_COMMIT,
	R_ROOT,       /* a commit's tree */
	R_ORDS,       /* ordinances/ */
	R_ORD,        /* ordinances/<ORD>/ */
	R_RECORDS,    /* records/ */
	R_SECTION,    /* ordinances/<ORD>/<SECTION> */
	R_ORDFILE,    /* ordinances/<ORD>/ORDINANCE */
	R_RECORD,     /* records/<ID>.json */
	R_MEMBERS     /* members.json */
};

typedef struct work {
	git_oid id;
	int role;
	char *path; /* tree path, or for a commit the ref it was reached from */
} work;

typedef struct walker {
	ot_tracker *t;
	ot_fsck_report *r;
	seen_set seen;
	work *stack;
	size_t n, cap;
} walker;

static void push(walker *w, const git_oid *id, int role, const char *path)
{
	work *it;
	if (!seen_add(&w->seen, id, role))
		return;
	it = OT_ARRAY_PUSH(w->stack, w->n, w->cap);
	git_oid_cpy(&it->id, id);
	it->role = role;
	it->path = ot_strdup(path);
}

static char *join(const char *dir, const char *name)
{
	ot_buf b = OT_BUF_INIT;
	if (*dir)
		ot_buf_printf(&b, "%s/%s", dir, name);
	else
		ot_buf_puts(&b, name);
	return ot_buf_detach(&b);
}

/* Report why an object could not be read: missing, or damaged. */
static void unreadable(walker *w, const git_oid *id, const char *what, const char *path)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_odb *odb = NULL;
	int missing = 0;
	ot_buf where = OT_BUF_INIT;
	const char *msg = git_msg();
	char *copy = ot_strdup(msg);

	git_oid_tostr(hex, sizeof(hex), id);
	if (git_repository_odb(&odb, w->t->repo) == 0)
		missing = !git_odb_exists(odb, id);
	git_odb_free(odb);
	ot_buf_printf(&where, "%s %s", what, hex);
	if (missing)
		problem(w->r, OT_FSCK_OBJECT, where.ptr, "missing (needed at %s); the history is incomplete: restore the object from a clone or backup",
			path);
	else
		problem(w->r, OT_FSCK_OBJECT, where.ptr, "damaged (at %s): %s; restore the object from a clone or backup",
			path, copy);
	free(copy);
	ot_buf_release(&where);
}

/* A name no tree entry may have anywhere: it would escape or shadow a
 * path when checked out ("..", ".git" in any case, a slash). */
static const char *unsafe_entry(const char *name)
{
	const char *p;
	if (!*name)
		return "an empty name";
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return "a '.' or '..' entry";
	if (strcasecmp(name, ".git") == 0 || strncasecmp(name, ".git/", 5) == 0)
		return "a '.git' entry";
	for (p = name; *p; p++) {
		if (*p == '/' || *p == '\\')
			return "a slash in the name";
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return "a control character in the name";
	}
	return NULL;
}

static const char *mode_name(git_filemode_t mode)
{
	switch (mode) {
	case GIT_FILEMODE_TREE: return "a directory";
	case GIT_FILEMODE_BLOB: return "a regular file";
	case GIT_FILEMODE_BLOB_EXECUTABLE: return "an executable file";
	case GIT_FILEMODE_LINK: return "a symbolic link";
	case GIT_FILEMODE_COMMIT: return "a submodule";
	default: return "an unknown kind of entry";
	}
}

/* The entry must be a regular file (mode 100644) or, when want_tree, a
 * directory; else a tree problem.  1 when it is what is wanted. */
static int entry_kind_ok(walker *w, const git_tree_entry *e, const char *path, int want_tree)
{
	git_filemode_t mode = git_tree_entry_filemode(e);
	git_filemode_t want = want_tree ? GIT_FILEMODE_TREE : GIT_FILEMODE_BLOB;
	if (mode == want)
		return 1;
	problem(w->r, OT_FSCK_TREE, path, "%s where %s belongs; the tree was not written by ordtrack", mode_name(mode),
		mode_name(want));
	return 0;
}

static void check_tree(walker *w, const work *it)
{
	git_tree *tree = NULL;
	size_t i, count;

	if (git_tree_lookup(&tree, w->t->repo, &it->id) < 0) {
		unreadable(w, &it->id, "tree", *it->path ? it->path : "a commit's root");
		return;
	}
	w->r->trees++;
	count = git_tree_entrycount(tree);
	for (i = 0; i < count; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		const char *name = git_tree_entry_name(e);
		const git_oid *id = git_tree_entry_id(e);
		const char *why = unsafe_entry(name);
		char *path = join(it->path, name);

		if (why) {
			problem(w->r, OT_FSCK_TREE, path, "unsafe entry name refused (%s) in tree %.12s; the tree was not written by ordtrack",
				why, git_oid_tostr_s(&it->id));
		} else if (it->role == R_ROOT) {
			if (strcmp(name, "ordinances") == 0) {
				if (entry_kind_ok(w, e, path, 1))
					push(w, id, R_ORDS, path);
			} else if (strcmp(name, "records") == 0) {
				if (entry_kind_ok(w, e, path, 1))
					push(w, id, R_RECORDS, path);
			} else if (strcmp(name, "members.json") == 0) {
				if (entry_kind_ok(w, e, path, 0))
					push(w, id, R_MEMBERS, path);
			} else {
				problem(w->r, OT_FSCK_TREE, path,
					"unexpected top-level entry (%s); a tracker holds only ordinances/, records/ and members.json",
					mode_name(git_tree_entry_filemode(e)));
			}
		} else if (it->role == R_ORDS) {
			if (ot_name_check(OT_NAME_ORDINANCE, name) < 0)
				problem(w->r, OT_FSCK_TREE, path, "unsafe ordinance name refused: %s", ot_error_last());
			else if (entry_kind_ok(w, e, path, 1))
				push(w, id, R_ORD, path);
		} else if (it->role == R_ORD) {
			if (strcmp(name, OT_ORDINANCE_FILE) == 0) {
				if (entry_kind_ok(w, e, path, 0))
					push(w, id, R_ORDFILE, path);
			} else if (ot_name_check(OT_NAME_SECTION, name) < 0) {
				problem(w->r, OT_FSCK_TREE, path, "unsafe section name refused: %s", ot_error_last());
			} else if (entry_kind_ok(w, e, path, 0)) {
				push(w, id, R_SECTION, path);
			}
		} else { /* R_RECORDS */
			size_t len = strlen(name);
			char *stem = len > 5 && strcmp(name + len - 5, ".json") == 0 ? ot_strndup(name, len - 5) : NULL;
			if (!stem)
				problem(w->r, OT_FSCK_TREE, path, "unexpected entry in records/; only <RECORD>.json files belong there");
			else if (ot_name_check(OT_NAME_RECORD, stem) < 0)
				problem(w->r, OT_FSCK_TREE, path, "unsafe record name refused: %s", ot_error_last());
			else if (entry_kind_ok(w, e, path, 0))
				push(w, id, R_RECORD, path);
			free(stem);
		}
		free(path);
	}
	git_tree_free(tree);
}

static void check_section(walker *w, const work *it, const char *data, size_t len)
{
	const char *name = strrchr(it->path, '/') + 1;
	ot_doc *doc = NULL;
	ot_buf canon = OT_BUF_INIT;

	w->r->sections++;
	if (ot_doc_parse_text(&doc, data, len, it->path) < 0) {
		problem(w->r, OT_FSCK_TEXT, it->path, "does not parse: %s", ot_error_last());
		return;
	}
	if (doc->nsections != 1) {
		problem(w->r, OT_FSCK_TEXT, it->path, "holds %zu sections, not one", doc->nsections);
	} else if (strcmp(doc->sections[0]->num, name) != 0) {
		problem(w->r, OT_FSCK_TEXT, it->path, "holds section %s, not %s", doc->sections[0]->num, name);
	} else {
		ot_section_canonical(&canon, doc->sections[0]);
		if (canon.len != len || memcmp(canon.ptr, data, len) != 0)
			problem(w->r, OT_FSCK_TEXT, it->path,
				"is not in canonical form (blob %.12s); ordtrack would write it differently",
				git_oid_tostr_s(&it->id));
	}
	ot_buf_release(&canon);
	ot_doc_free(doc);
}

/* ORDINANCE: {"ordinance": <the directory's name>, "title": "...",
 * "notes": [...]?} dumped with sorted keys, two-space indent, a newline. */
static void check_ordfile(walker *w, const work *it, const char *data, size_t len)
{
	const char *dir_end = strrchr(it->path, '/');
	const char *ord_start = it->path + strlen("ordinances/");
	char *ord = ot_strndup(ord_start, (size_t)(dir_end - ord_start));
	json_error_t jerr;
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	const char *id = root ? json_string_value(json_object_get(root, "ordinance")) : NULL;
	char *dump = NULL;

	if (!root) {
		problem(w->r, OT_FSCK_RECORD, it->path, "is not JSON: line %d: %s", jerr.line, jerr.text);
	} else if (!json_is_object(root) || !id || !json_is_string(json_object_get(root, "title"))) {
		problem(w->r, OT_FSCK_RECORD, it->path, "lacks the string keys \"ordinance\" and \"title\"");
	} else if (strcmp(id, ord) != 0) {
		problem(w->r, OT_FSCK_RECORD, it->path, "names ordinance '%s', not '%s'", id, ord);
	} else if ((dump = json_dumps(root, JSON_SORT_KEYS | JSON_INDENT(2))) == NULL ||
		   strlen(dump) + 1 != len || memcmp(dump, data, len - 1) != 0 || data[len - 1] != '\n') {
		problem(w->r, OT_FSCK_RECORD, it->path, "is not canonical JSON (sorted keys, two-space indent, final newline)");
	}
	free(dump);
	json_decref(root);
	free(ord);
}

/* The reader's message without the file name it starts with (the
 * problem line names the file already). */
static const char *reader_msg(const char *path)
{
	const char *msg = ot_error_last();
	size_t n = strlen(path);
	if (strncmp(msg, path, n) == 0 && msg[n] == ':')
		msg += n + 1 + (msg[n + 1] == ' ');
	return msg;
}

static void check_record(walker *w, const work *it, const char *data, size_t len)
{
	const char *name = strrchr(it->path, '/') + 1;
	char *id = ot_strndup(name, strlen(name) - 5);
	ot_record rec;
	ot_buf canon = OT_BUF_INIT;

	w->r->records++;
	memset(&rec, 0, sizeof(rec));
	if (ot_record_from_json(&rec, data, len, it->path) < 0) {
		problem(w->r, OT_FSCK_RECORD, it->path, "%s", reader_msg(it->path));
	} else if (strcmp(rec.id, id) != 0) {
		problem(w->r, OT_FSCK_RECORD, it->path, "holds record '%s', not '%s'", rec.id, id);
	} else {
		ot_record_to_json(&canon, &rec);
		if (canon.len != len || memcmp(canon.ptr, data, len) != 0)
			problem(w->r, OT_FSCK_RECORD, it->path, "is not canonical JSON (blob %.12s); ordtrack would write it differently",
				git_oid_tostr_s(&it->id));
	}
	ot_record_release(&rec);
	ot_buf_release(&canon);
	free(id);
}

static void check_members(walker *w, const work *it, const char *data, size_t len)
{
	ot_members m;
	ot_buf canon = OT_BUF_INIT;
	memset(&m, 0, sizeof(m));
	if (ot_members_from_json(&m, data, len, it->path) < 0) {
		problem(w->r, OT_FSCK_RECORD, it->path, "%s", reader_msg(it->path));
	} else {
		ot_members_to_json(&canon, &m);
		if (canon.len != len || memcmp(canon.ptr, data, len) != 0)
			problem(w->r, OT_FSCK_RECORD, it->path, "is not canonical JSON (blob %.12s); ordtrack would write it differently",
				git_oid_tostr_s(&it->id));
	}
	ot_members_release(&m);
	ot_buf_release(&canon);
}

static void check_blob(walker *w, const work *it)
{
	git_blob *blob = NULL;
	const char *data;
	size_t len;

	if (git_blob_lookup(&blob, w->t->repo, &it->id) < 0) {
		unreadable(w, &it->id, "blob", it->path);
		return;
	}
	w->r->blobs++;
	data = git_blob_rawcontent(blob);
	len = (size_t)git_blob_rawsize(blob);
	switch (it->role) {
	case R_SECTION: check_section(w, it, data, len); break;
	case R_ORDFILE: check_ordfile(w, it, data, len); break;
	case R_RECORD: check_record(w, it, data, len); break;
	default: check_members(w, it, data, len); break;
	}
	ot_error_clear();
	git_blob_free(blob);
}

static void check_commit(walker *w, const work *it)
{
	git_commit *c = NULL;
	unsigned i;
	if (git_commit_lookup(&c, w->t->repo, &it->id) < 0) {
		ot_buf at = OT_BUF_INIT;
		ot_buf_printf(&at, "the history of %s", it->path);
		unreadable(w, &it->id, "commit", at.ptr);
		ot_buf_release(&at);
		return;
	}
	w->r->commits++;
	push(w, git_commit_tree_id(c), R_ROOT, "");
	for (i = 0; i < git_commit_parentcount(c); i++)
		push(w, git_commit_parent_id(c, i), R_COMMIT, it->path);
	git_commit_free(c);
}

static void walk(walker *w)
{
	while (w->n) {
		work it = w->stack[--w->n];
		if (it.role == R_COMMIT)
			check_commit(w, &it);
		else if (it.role <= R_RECORDS)
			check_tree(w, &it);
		else
			check_blob(w, &it);
		free(it.path);
	}
}

/* ---- refs ----------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Files under refs/ (relative names "refs/..."), without lock files; an
 * explicit stack of directories. */
static void ref_files(char ***out, size_t *n, const char *gitdir)
{
	char **dirs = NULL;
	size_t nd = 0, dcap = 0, cap = 0;
	*out = NULL;
	*n = 0;
	*OT_ARRAY_PUSH(dirs, nd, dcap) = ot_strdup("refs");
	while (nd) {
		char *rel = dirs[--nd];
		char *abs = join(gitdir, rel);
		DIR *d = opendir(abs);
		struct dirent *e;
		while (d && (e = readdir(d))) {
			char *sub, *full;
			struct stat st;
			size_t len = strlen(e->d_name);
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			if (len > 5 && strcmp(e->d_name + len - 5, ".lock") == 0)
				continue;
			sub = join(rel, e->d_name);
			full = join(gitdir, sub);
			if (lstat(full, &st) == 0 && S_ISDIR(st.st_mode))
				*OT_ARRAY_PUSH(dirs, nd, dcap) = sub;
			else if (lstat(full, &st) == 0 && S_ISREG(st.st_mode))
				*OT_ARRAY_PUSH(*out, *n, cap) = sub;
			else
				free(sub);
			free(full);
		}
		if (d)
			closedir(d);
		free(abs);
		free(rel);
	}
	free(dirs);
}

static void check_ref(walker *w, const char *name)
{
	git_reference *ref = NULL, *resolved = NULL;
	git_object *obj = NULL;
	char hex[GIT_OID_HEXSZ + 1];
	int err;

	w->r->refs++;
	if (strncmp(name, "refs/records/", 13) == 0 && ot_name_check(OT_NAME_RECORD, name + 13) < 0) {
		problem(w->r, OT_FSCK_REF, name, "unsafe record name: %s", ot_error_last());
		ot_error_clear();
		return;
	}
	if ((err = git_reference_lookup(&ref, w->t->repo, name)) < 0) {
		problem(w->r, OT_FSCK_REF, name, "cannot be read: %s; restore it from a clone or backup", git_msg());
		return;
	}
	if ((err = git_reference_resolve(&resolved, ref)) < 0) {
		problem(w->r, OT_FSCK_REF, name, "does not resolve: %s", git_msg());
		goto done;
	}
	git_oid_tostr(hex, sizeof(hex), git_reference_target(resolved));
	if ((err = git_object_lookup(&obj, w->t->repo, git_reference_target(resolved), GIT_OBJECT_ANY)) < 0) {
		git_odb *odb = NULL;
		int missing = git_repository_odb(&odb, w->t->repo) == 0 && !git_odb_exists(odb, git_reference_target(resolved));
		git_odb_free(odb);
		if (missing)
			problem(w->r, OT_FSCK_REF, name, "points at %s, which does not exist (a dangling ref); restore the object or the ref from a clone or backup",
				hex);
		else
			problem(w->r, OT_FSCK_REF, name, "points at %s, which cannot be read: %s", hex, git_msg());
		goto done;
	}
	if (git_object_type(obj) != GIT_OBJECT_COMMIT) {
		problem(w->r, OT_FSCK_REF, name, "points at a %s (%s), not a commit", git_object_type2string(git_object_type(obj)),
			hex);
		goto done;
	}
	push(w, git_reference_target(resolved), R_COMMIT, name);
done:
	git_object_free(obj);
	git_reference_free(resolved);
	git_reference_free(ref);
}

static void check_refs_and_objects(ot_tracker *t, ot_fsck_report *r)
{
	walker w;
	git_reference_iterator *it = NULL;
	char **names = NULL, **files = NULL;
	size_t n = 0, cap = 0, nfiles = 0, i;
	const char *name;

	memset(&w, 0, sizeof(w));
	w.t = t;
	w.r = r;
	if (git_reference_iterator_new(&it, t->repo) < 0) {
		problem(r, OT_FSCK_REF, "refs", "cannot list the refs: %s", git_msg());
	} else {
		while (git_reference_next_name(&name, it) == 0)
			*OT_ARRAY_PUSH(names, n, cap) = ot_strdup(name);
		git_reference_iterator_free(it);
	}
	/* loose refs the iterator skipped because they do not parse */
	ref_files(&files, &nfiles, t->path);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < nfiles; i++) {
		if (!(n && bsearch(&files[i], names, n, sizeof(*names), cmp_str)))
			*OT_ARRAY_PUSH(names, n, cap) = ot_strdup(files[i]);
		free(files[i]);
	}
	free(files);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		check_ref(&w, names[i]);
		walk(&w);
		free(names[i]);
	}
	free(names);
	free(w.stack);
	free(w.seen.slots);
}

/* ---- lock files ------------------------------------------------------------ */

/* Git lock files anywhere in the tracker (not ordtrack.lock, which is
 * flock'ed and cannot go stale; not the loose-object fan-out, which git
 * never locks).  Each is stale when no writer runs or it is older than
 * stale_seconds; the stale ones go into *stale (relative paths). */
static void check_locks(ot_tracker *t, ot_fsck_report *r, int writer_running, long stale_seconds, char ***stale,
			size_t *nstale)
{
	char **dirs = NULL;
	size_t nd = 0, dcap = 0, scap = 0;
	time_t now = time(NULL);

	*stale = NULL;
	*nstale = 0;
	*OT_ARRAY_PUSH(dirs, nd, dcap) = ot_strdup("");
	while (nd) {
		char *rel = dirs[--nd];
		char *abs = *rel ? join(t->path, rel) : ot_strdup(t->path);
		DIR *d = opendir(abs);
		struct dirent *e;
		while (d && (e = readdir(d))) {
			struct stat st;
			char *sub, *full;
			size_t len = strlen(e->d_name);
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			if (strcmp(rel, "objects") == 0 && len == 2 && strspn(e->d_name, "0123456789abcdef") == 2)
				continue;
			sub = join(rel, e->d_name);
			full = join(t->path, sub);
			if (lstat(full, &st) < 0) {
				free(sub);
			} else if (S_ISDIR(st.st_mode)) {
				*OT_ARRAY_PUSH(dirs, nd, dcap) = sub;
				sub = NULL;
			} else if (len > 5 && strcmp(e->d_name + len - 5, ".lock") == 0 && strcmp(sub, OT_LOCK_FILE) != 0) {
				long age = (long)(now - st.st_mtime);
				r->lock_files++;
				if (age < 0)
					age = 0;
				if (!writer_running || age > stale_seconds) {
					problem(r, OT_FSCK_LOCK, sub,
						"stale git lock file (%ld s old, %s); remove it with 'ordtrack fsck --repair'", age,
						writer_running ? "older than the stale limit" : "no ordtrack writer is running");
					*OT_ARRAY_PUSH(*stale, *nstale, scap) = sub;
					sub = NULL;
				}
				free(sub);
			} else {
				free(sub);
			}
			free(full);
		}
		if (d)
			closedir(d);
		free(abs);
		free(rel);
	}
	free(dirs);
}

/* ---- the index --------------------------------------------------------------- */

/* SQLite's own checks on the file as found, on a read-only connection.
 * Returns 1 when the file can be used (even with problems reported), 0
 * when it cannot be read at all. */
static int check_sqlite(ot_fsck_report *r, const char *file)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	struct stat sb;
	int usable = 0, rc, nbad = 0;

	if (stat(file, &sb) < 0) {
		problem(r, OT_FSCK_INDEX, OT_INDEX_FILE, "missing; it is rebuilt from git by 'ordtrack fsck --repair' (or on the next open)");
		return 0;
	}
	if (sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		problem(r, OT_FSCK_INDEX, OT_INDEX_FILE, "cannot be opened: %s; rebuild it with 'ordtrack fsck --repair'",
			db ? sqlite3_errmsg(db) : "out of memory");
		goto done;
	}
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_busy_timeout(db, OT_LOCK_TIMEOUT_MS);
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check(20)", -1, &st, NULL) != SQLITE_OK) {
		problem(r, OT_FSCK_INDEX, OT_INDEX_FILE, "cannot be read: %s; rebuild it with 'ordtrack fsck --repair'",
			sqlite3_errmsg(db));
		goto done;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(st, 0);
		if (line && strcmp(line, "ok") != 0) {
			problem(r, OT_FSCK_INDEX, OT_INDEX_FILE, "integrity_check: %s; rebuild it with 'ordtrack fsck --repair'", line);
			nbad++;
		}
	}
	if (rc != SQLITE_DONE) {
		problem(r, OT_FSCK_INDEX, OT_INDEX_FILE, "integrity_check failed: %s; rebuild it with 'ordtrack fsck --repair'",
			sqlite3_errmsg(db));
		goto done;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK) {
		problem(r, OT_FSCK_INDEX, OT_INDEX_FILE, "foreign_key_check failed: %s", sqlite3_errmsg(db));
		goto done;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (nbad++ < 20) {
			ot_buf where = OT_BUF_INIT;
			ot_buf_printf(&where, "%s:%s", OT_INDEX_FILE, (const char *)sqlite3_column_text(st, 0));
			problem(r, OT_FSCK_INDEX, where.ptr,
				"foreign_key_check: row %lld refers to a missing row of %s; rebuild it with 'ordtrack fsck --repair'",
				(long long)sqlite3_column_int64(st, 1), (const char *)sqlite3_column_text(st, 2));
			ot_buf_release(&where);
		}
	}
	usable = 1;
done:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return usable;
}

/* One table compared with the rebuild: rows in `order` (the first `nkey`
 * columns identify a row).  `extra_ok`: the index may hold rows a rebuild
 * does not (a cache keyed by content). */
typedef struct table_spec {
	const char *name, *cols, *where, *order;
	int nkey, extra_ok;
} table_spec;

static const table_spec tables[] = {
	{"meta", "key, value", "key NOT IN ('fts_rowid', 'records_refs')", "key", 1, 0},
	{"commits", "seq, commit_id, date, stage, record, subject", "1", "seq", 1, 0},
	{"sponsors", "seq, pos, name", "1", "seq, pos", 2, 0},
	{"versions", "ordinance, n, seq, tree_id, title, nsections, units, change", "1", "ordinance, n", 2, 0},
	{"sections", "ordinance, n, section, blob_id", "1", "ordinance, n, section", 3, 0},
	{"blobs", "blob_id, units", "1", "blob_id", 1, 1},
	{"units", "blob_id, pos, unit_id, kind, text", "1", "blob_id, pos", 2, 1},
	{"records", "id, head, main_blob, blob, problem, type, title, status, introduced, base, closed, effective, source",
	 "1", "id", 1, 0},
	{"record_ordinances", "id, pos, ordinance", "1", "id, pos", 2, 0},
	{"record_sponsors", "id, pos, name, key, last", "1", "id, pos", 2, 0},
	{"record_versions", "id, n, date, stage", "1", "id, n", 2, 0},
	{"record_actions", "id, n, date, type, body, text, source", "1", "id, n", 2, 0},
	{"record_votes", "id, n, date, motion, result, threshold, forced, source, yes, no, abstain, absent, excused, not_voting",
	 "1", "id, n", 2, 0},
	{"record_roll", "id, n, pos, member, option", "1", "id, n, pos", 3, 0},
	{"record_links", "id, n, kind, url, note", "1", "id, n", 2, 0},
};

static int cmp_value(sqlite3_stmt *a, sqlite3_stmt *b, int i)
{
	int ta = sqlite3_column_type(a, i), tb = sqlite3_column_type(b, i);
	if (ta != tb)
		return ta < tb ? -1 : 1;
	if (ta == SQLITE_INTEGER) {
		sqlite3_int64 x = sqlite3_column_int64(a, i), y = sqlite3_column_int64(b, i);
		return x < y ? -1 : x > y;
	}
	if (ta == SQLITE_NULL)
		return 0;
	{
		const void *x = sqlite3_column_blob(a, i), *y = sqlite3_column_blob(b, i);
		int lx = sqlite3_column_bytes(a, i), ly = sqlite3_column_bytes(b, i);
		int c = memcmp(x ? x : "", y ? y : "", (size_t)(lx < ly ? lx : ly));
		return c ? (c < 0 ? -1 : 1) : (lx < ly ? -1 : lx > ly);
	}
}

static void row_text(ot_buf *out, sqlite3_stmt *st)
{
	int i, n = sqlite3_column_count(st);
	ot_buf_putc(out, '(');
	for (i = 0; i < n; i++) {
		if (i)
			ot_buf_puts(out, ", ");
		if (sqlite3_column_type(st, i) == SQLITE_INTEGER) {
			ot_buf_printf(out, "%lld", (long long)sqlite3_column_int64(st, i));
		} else {
			const char *s = (const char *)sqlite3_column_text(st, i);
			size_t len = s ? strlen(s) : 0;
			ot_buf_printf(out, "'%.*s%s'", (int)(len > 48 ? 48 : len), s ? s : "", len > 48 ? "…" : "");
		}
	}
	ot_buf_putc(out, ')');
}

static void compare_table(ot_fsck_report *r, sqlite3 *live, sqlite3 *fresh, const table_spec *ts)
{
	sqlite3_stmt *a = NULL, *b = NULL;
	ot_buf sql = OT_BUF_INIT, row = OT_BUF_INIT, where = OT_BUF_INIT;
	int ra, rb, ndiff = 0, i, c;
	size_t ncols;

	ot_buf_printf(&where, "%s:%s", OT_INDEX_FILE, ts->name);
	ot_buf_printf(&sql, "SELECT %s FROM %s WHERE %s ORDER BY %s", ts->cols, ts->name, ts->where, ts->order);
	if (sqlite3_prepare_v2(live, sql.ptr, -1, &a, NULL) != SQLITE_OK) {
		problem(r, OT_FSCK_INDEX, where.ptr, "cannot be read: %s; rebuild the index with 'ordtrack fsck --repair'",
			sqlite3_errmsg(live));
		goto done;
	}
	if (sqlite3_prepare_v2(fresh, sql.ptr, -1, &b, NULL) != SQLITE_OK) {
		problem(r, OT_FSCK_INDEX, where.ptr, "cannot read the rebuild: %s", sqlite3_errmsg(fresh));
		goto done;
	}
	r->index_tables++;
	ncols = (size_t)sqlite3_column_count(a);
	ra = sqlite3_step(a);
	rb = sqlite3_step(b);
	while (ra == SQLITE_ROW || rb == SQLITE_ROW) {
		if (ra == SQLITE_ROW && rb == SQLITE_ROW) {
			for (c = 0, i = 0; i < ts->nkey && !c; i++)
				c = cmp_value(a, b, i);
		} else {
			c = ra == SQLITE_ROW ? -1 : 1;
		}
		if (c == 0) {
			int same = 1;
			for (i = ts->nkey; (size_t)i < ncols && same; i++)
				same = cmp_value(a, b, i) == 0;
			if (!same && ndiff++ < MAX_DIFF_ROWS) {
				ot_buf_clear(&row);
				ot_buf_puts(&row, "row differs: the index has ");
				row_text(&row, a);
				ot_buf_puts(&row, ", git gives ");
				row_text(&row, b);
				problem(r, OT_FSCK_INDEX, where.ptr, "%s", row.ptr);
			}
			r->index_rows++;
			ra = sqlite3_step(a);
			rb = sqlite3_step(b);
		} else if (c < 0) { /* only in the index */
			if (!ts->extra_ok && ndiff++ < MAX_DIFF_ROWS) {
				ot_buf_clear(&row);
				row_text(&row, a);
				problem(r, OT_FSCK_INDEX, where.ptr, "row not in a rebuild from git: %s", row.ptr);
			}
			ra = sqlite3_step(a);
		} else { /* only in the rebuild */
			if (ndiff++ < MAX_DIFF_ROWS) {
				ot_buf_clear(&row);
				row_text(&row, b);
				problem(r, OT_FSCK_INDEX, where.ptr, "row missing from the index: %s", row.ptr);
			}
			r->index_rows++;
			rb = sqlite3_step(b);
		}
	}
	if (ra != SQLITE_DONE || rb != SQLITE_DONE)
		problem(r, OT_FSCK_INDEX, where.ptr, "cannot be read to the end: %s",
			sqlite3_errmsg(ra != SQLITE_DONE ? live : fresh));
	if (ndiff > MAX_DIFF_ROWS)
		problem(r, OT_FSCK_INDEX, where.ptr, "%d more differing rows", ndiff - MAX_DIFF_ROWS);
	if (ndiff)
		problem(r, OT_FSCK_INDEX, where.ptr, "differs from a rebuild from git; rebuild the index with 'ordtrack fsck --repair'");
done:
	sqlite3_finalize(a);
	sqlite3_finalize(b);
	ot_buf_release(&sql);
	ot_buf_release(&row);
	ot_buf_release(&where);
}

/* ---- opening, and the whole run ------------------------------------------------- */

static int open_raw(ot_tracker **out, const char *path)
{
	ot_tracker *t;
	struct stat st;
	char *head = join(path, "HEAD"), *lock = join(path, OT_LOCK_FILE);
	int is = stat(head, &st) == 0 && stat(lock, &st) == 0, err;
	static int inited;

	free(head);
	free(lock);
	*out = NULL;
	if (!is)
		return ot_error_set(OT_ENOTFOUND, "'%s' is not an ordtrack tracker", path);
	if (!inited) {
		git_libgit2_init();
		inited = 1;
	}
	t = ot_calloc(1, sizeof(*t));
	t->path = ot_strdup(path);
	t->lock_fd = -1;
	if ((err = git_repository_open_bare(&t->repo, path)) < 0) {
		err = ot_git_error(err, path);
		ot_tracker_free(t);
		return err;
	}
	*out = t;
	return 0;
}

static int sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* Put the fresh rebuild `tmp` in place of the tracker's index. */
static int install_index(ot_tracker *t, ot_fsck_report *r, const char *tmp)
{
	char *idx = join(t->path, OT_INDEX_FILE), *wal, *shm;
	int err = 0;
	ot_buf b = OT_BUF_INIT;

	if (t->db) {
		sqlite3_close(t->db);
		t->db = NULL;
	}
	ot_buf_printf(&b, "%s-wal", idx);
	wal = ot_buf_detach(&b);
	ot_buf_printf(&b, "%s-shm", idx);
	shm = ot_buf_detach(&b);
	/* the -wal and -shm files belong to the old file: left beside the
	 * new one, the old WAL would be replayed into it */
	if ((unlink(wal) < 0 && errno != ENOENT) || (unlink(shm) < 0 && errno != ENOENT) || rename(tmp, idx) < 0) {
		err = ot_error_set(-1, "cannot replace '%s': %s", idx, strerror(errno));
	} else {
		sync_dir(t->path);
		repaired(r, "rebuilt %s from git", OT_INDEX_FILE);
	}
	free(wal);
	free(shm);
	free(idx);
	return err;
}

/* One check of the tracker at `path` into r.  With `repair`, also the
 * repairs (noted in r->repairs); r->problems are then what the check found
 * before repairing. */
static int run(ot_fsck_report *r, const char *path, const ot_fsck_opts *o, int repair)
{
	ot_tracker *t = NULL;
	char **stale = NULL, *tmp = NULL, *idx = NULL;
	size_t nstale = 0, i;
	int err, have_lock, fresh_ok = 0;
	ot_buf b = OT_BUF_INIT;

	if ((err = open_raw(&t, path)) < 0)
		return err;
	/* no writer now: any git lock file is stale; else wait for it */
	have_lock = ot_tracker_lock(t, 0) == 0;
	if (!have_lock)
		have_lock = ot_tracker_lock(t, o->lock_timeout_ms) == 0;
	ot_error_clear();
	if (repair && !have_lock) {
		err = ot_error_set(OT_ECONFLICT, "another ordtrack process is writing to the tracker");
		ot_error_hint(OT_HINT_FSCK_REPAIR_LATER);
		goto done;
	}
	check_locks(t, r, !have_lock, o->stale_seconds, &stale, &nstale);

	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	check_refs_and_objects(t, r);
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);

	idx = join(path, OT_INDEX_FILE);
	if (!have_lock) {
		problem(r, OT_FSCK_INDEX, OT_INDEX_FILE, "not compared with git: a writer held the tracker lock for %d s; run fsck again",
			o->lock_timeout_ms / 1000);
		goto repairs;
	}
	if (check_sqlite(r, idx)) {
		if (ot_index_open(t) < 0) {
			problem(r, OT_FSCK_INDEX, OT_INDEX_FILE, "cannot be opened: %s; rebuild it with 'ordtrack fsck --repair'",
				ot_error_last());
			sqlite3_close(t->db);
			t->db = NULL;
		} else if (ot_index_catch_up(t) < 0) {
			problem(r, OT_FSCK_INDEX, OT_INDEX_FILE, "cannot catch up with main: %s", ot_error_last());
		} else if (ot_index_fts_catch_up(t) < 0) {
			problem(r, OT_FSCK_INDEX, OT_INDEX_FILE, "the full-text index cannot catch up: %s", ot_error_last());
		} else if (sqlite3_exec(t->db, "INSERT INTO units_fts(units_fts, rank) VALUES('integrity-check', 1)", NULL,
					NULL, NULL) != SQLITE_OK) {
			/* complete now, so it must match the clause texts exactly */
			problem(r, OT_FSCK_INDEX, OT_INDEX_FILE ":units_fts",
				"the full-text search index does not match the clause texts (%s), so searches miss clauses; rebuild it with 'ordtrack fsck --repair'",
				sqlite3_errmsg(t->db));
		}
	}
	ot_buf_printf(&b, "%s.fsck-%ld", idx, (long)getpid());
	tmp = ot_buf_detach(&b);
	if (ot_index_rebuild_to(t, tmp) < 0) {
		problem(r, OT_FSCK_INDEX, "git", "the index cannot be rebuilt from git: %s; fix the history first (fsck never changes it)",
			ot_error_last());
	} else {
		fresh_ok = 1;
		if (t->db) {
			sqlite3 *fresh = NULL;
			if (sqlite3_open_v2(tmp, &fresh, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
				problem(r, OT_FSCK_INDEX, tmp, "cannot open the rebuild: %s", fresh ? sqlite3_errmsg(fresh) : "out of memory");
			} else {
				for (i = 0; i < OT_ARRAY_LEN(tables); i++)
					compare_table(r, t->db, fresh, &tables[i]);
			}
			sqlite3_close(fresh);
		}
	}

repairs:
	if (repair) {
		for (i = 0; i < nstale; i++) {
			char *full = join(path, stale[i]);
			if (unlink(full) == 0 || errno == ENOENT)
				repaired(r, "removed stale lock file '%s'", stale[i]);
			else
				problem(r, OT_FSCK_LOCK, stale[i], "cannot remove: %s", strerror(errno));
			free(full);
		}
		if (fresh_ok && (err = install_index(t, r, tmp)) < 0)
			goto done;
	}
	err = 0;
done:
	if (tmp)
		remove(tmp);
	for (i = 0; i < nstale; i++)
		free(stale[i]);
	free(stale);
	free(tmp);
	free(idx);
	ot_tracker_free(t); /* releases the lock */
	return err;
}

int ot_fsck(ot_fsck_report *out, const char *path, const ot_fsck_opts *opts)
{
	ot_fsck_opts o = {0, 600, OT_LOCK_TIMEOUT_MS};
	ot_fsck_report first;
	int err;

	memset(out, 0, sizeof(*out));
	if (opts) {
		o = *opts;
		if (o.stale_seconds <= 0)
			o.stale_seconds = 600;
		if (o.lock_timeout_ms < 0)
			o.lock_timeout_ms = OT_LOCK_TIMEOUT_MS;
	}
	if (!o.repair)
		return run(out, path, &o, 0);
	memset(&first, 0, sizeof(first));
	if ((err = run(&first, path, &o, 1)) < 0) {
		*out = first;
		return err;
	}
	/* check again from scratch: what is left is what the repair could
	 * not fix (damaged or missing objects, hostile trees) */
	err = run(out, path, &o, 0);
	out->found = first.problems;
	out->repairs = first.repairs;
	out->nrepairs = first.nrepairs;
	out->rcap = first.rcap;
	return err;
}
