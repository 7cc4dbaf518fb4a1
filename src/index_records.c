/*
 * index_records.c - the legislative record in the SQLite index: what
 * `records`, `records --sponsor` and `votes --member` ask, answered from
 * tables instead of reading every record's JSON from git (a council such
 * as New York City's has about 21,800 matters and 517,000 votes).
 *
 * Tables (created by index.c's schema, one schema version):
 *   records(id, head, main_blob, blob, problem, type, status, introduced,
 *           closed, title)     one row per refs/records/<ID> with a safe
 *                              ID: head = the branch tip, main_blob = the
 *                              blob of records/<ID>.json on main ('' when
 *                              none), blob = the JSON the record is read
 *                              from (main's when it says passed, as
 *                              ot_record_load prefers it; else the tip's);
 *                              problem = why the JSON could not be read
 *                              ('' when it was; blob and the facts are ''
 *                              then); closed '' while open
 *   record_ordinances(id, pos, ordinance)
 *   record_sponsors(id, pos, name, key, last)
 *                              key = the name reduced as ot_members_match
 *                              compares names (ot_name_key), last = its
 *                              last word: the three ways a sponsor "as
 *                              written" matches (ot_record_has_sponsor)
 *   record_votes(id, n, date, motion, result, yes, no, abstain, absent,
 *                excused, not_voting)   n counts from 1 in record order
 *   record_roll(id, n, pos, member, option)   each name of a vote's roll
 *
 * Catching up (ot_index_records_catch_up, inside index.c's IMMEDIATE
 * transaction under the writer lock): the refs refs/records/ * with their
 * targets (libgit2's reference iterator: after a bulk import the refs are
 * packed, so this is one read of packed-refs) and main's records/ tree are
 * compared, sorted by id, with (id, head, main_blob) of the rows; exactly
 * the records that differ are reindexed and the rows of records whose ref
 * is gone deleted.  Opening a tracker where nothing moved compares only
 * a fingerprint of the files the refs are read from (ot_index_records_
 * stale, below: "has anything moved?").  Every row is rebuilt from git
 * alone (fsck compares them with a rebuild).
 *
 * The queries read a record back from its rows (ot_index_records_find),
 * so that `records --sponsor` reads no JSON from git: at New York City's
 * size a member's 1,400 records took 190 ms to parse.
 *
 * A record whose JSON cannot be read is indexed with its problem, so that
 * one bad branch does not stop the tracker from opening; the queries then
 * fail as loading every record did (the callers load that record again
 * for the exact message).  A record is named by its ref, as ot_record_list
 * names it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "gitwrite.h"
#include "index_records.h"
#include "internal.h"
#include "ordtrack/validate.h"

#define RECORDS_PREFIX "refs/records/"

int ot_index_prepare(sqlite3_stmt **st, sqlite3 *db, const char *sql)
{
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK)
		return ot_sqlite_error(db, "prepare");
	return 0;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	ot_sql_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

const char *ot_index_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? (const char *)s : "";
}

/* ---- what git holds --------------------------------------------------------- */

/* One record as git has it now. */
typedef struct rec_state {
	char *id;
	char head[41];
	char main_blob[41]; /* "" when main has no records/<id>.json blob */
	int row;            /* the table has a row for it (set by plan) */
} rec_state;

static int state_cmp(const void *pa, const void *pb)
{
	return strcmp(((const rec_state *)pa)->id, ((const rec_state *)pb)->id);
}

static void states_free(rec_state *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(s[i].id);
	free(s);
}

/* main's records/ tree into *out, NULL when main or the tree is absent. */
static int main_records_tree(git_tree **out, ot_tracker *t)
{
	git_oid head;
	git_commit *c = NULL;
	git_tree *root = NULL;
	const git_tree_entry *e;
	int err;
	*out = NULL;
	err = git_reference_name_to_id(&head, t->repo, OT_MAIN_REF);
	if (err == GIT_ENOTFOUND)
		return 0;
	if (err < 0)
		return ot_git_error(err, OT_MAIN_REF);
	if ((err = git_commit_lookup(&c, t->repo, &head)) < 0)
		return ot_git_error(err, "read main");
	if ((err = git_commit_tree(&root, c)) < 0) {
		git_commit_free(c);
		return ot_git_error(err, "read main's tree");
	}
	e = git_tree_entry_byname(root, "records");
	if (e && git_tree_entry_type(e) == GIT_OBJECT_TREE && (err = git_tree_lookup(out, t->repo, git_tree_entry_id(e))) < 0)
		err = ot_git_error(err, "read main's records");
	git_tree_free(root);
	git_commit_free(c);
	return err < 0 ? err : 0;
}

/* Every refs/records/<ID> with a safe ID (as ot_record_list lists them),
 * its tip and main's blob, sorted by id, into a new array. */
static int git_states(rec_state **out, size_t *nout, ot_tracker *t)
{
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL;
	git_tree *recs = NULL;
	rec_state *s = NULL;
	ot_buf file = OT_BUF_INIT;
	size_t n = 0, cap = 0;
	int err, rc;

	*out = NULL;
	*nout = 0;
	if ((err = main_records_tree(&recs, t)) < 0)
		return err;
	if ((err = git_reference_iterator_glob_new(&it, t->repo, RECORDS_PREFIX "*")) < 0) {
		err = ot_git_error(err, "list records");
		goto done;
	}
	while ((rc = git_reference_next(&ref, it)) == 0) {
		const char *id = git_reference_name(ref) + strlen(RECORDS_PREFIX);
		const git_oid *target = git_reference_target(ref);
		git_reference *resolved = NULL;
		const git_tree_entry *e;
		rec_state *x;
		if (ot_name_check(OT_NAME_RECORD, id) < 0) {
			ot_error_clear();
			git_reference_free(ref);
			continue;
		}
		if (!target) {
			/* a symbolic ref (not written by ordtrack): what it names */
			if ((err = git_reference_resolve(&resolved, ref)) < 0) {
				err = ot_git_error(err, git_reference_name(ref));
				git_reference_free(ref);
				goto done;
			}
			target = git_reference_target(resolved);
		}
		x = OT_ARRAY_PUSH(s, n, cap);
		x->id = ot_strdup(id);
		x->row = 0;
		git_oid_tostr(x->head, sizeof(x->head), target);
		x->main_blob[0] = '\0';
		ot_buf_clear(&file);
		ot_buf_printf(&file, "%s.json", id);
		if (recs && (e = git_tree_entry_byname(recs, file.ptr)) && git_tree_entry_type(e) == GIT_OBJECT_BLOB)
			git_oid_tostr(x->main_blob, sizeof(x->main_blob), git_tree_entry_id(e));
		git_reference_free(resolved);
		git_reference_free(ref);
	}
	if (rc != GIT_ITEROVER) {
		err = ot_git_error(rc, "list records");
		goto done;
	}
	if (n)
		qsort(s, n, sizeof(*s), state_cmp);
done:
	git_reference_iterator_free(it);
	git_tree_free(recs);
	ot_buf_release(&file);
	if (err < 0) {
		states_free(s, n);
		return err;
	}
	*out = s;
	*nout = n;
	return 0;
}

/* ---- what the rows hold ------------------------------------------------------ */

/* Compare the states s[0..n) with the rows: the indexes of the states to
 * (re)index into *todo (s[i].row set when a row exists), the ids of rows
 * without a ref into *gone.  0 or an error. */
static int plan(size_t **todo, size_t *ntodo, char ***gone, size_t *ngone, ot_tracker *t, rec_state *s,
		size_t n)
{
	sqlite3_stmt *st = NULL;
	size_t i = 0, tcap = 0, gcap = 0;
	int err, rc;

	*todo = NULL;
	*ntodo = 0;
	*gone = NULL;
	*ngone = 0;
	if ((err = ot_index_prepare(&st, t->db, "SELECT id, head, main_blob FROM records ORDER BY id")) < 0)
		return err;
	while ((rc = ot_sql_step(st)) == SQLITE_ROW) {
		const char *id = ot_index_col_text(st, 0);
		int c = 1;
		/* the refs before this row have none */
		while (i < n && (c = strcmp(s[i].id, id)) < 0)
			*OT_ARRAY_PUSH(*todo, *ntodo, tcap) = i++;
		if (i < n && c == 0) {
			s[i].row = 1;
			if (strcmp(s[i].head, ot_index_col_text(st, 1)) != 0 || strcmp(s[i].main_blob, ot_index_col_text(st, 2)) != 0)
				*OT_ARRAY_PUSH(*todo, *ntodo, tcap) = i;
			i++;
		} else {
			*OT_ARRAY_PUSH(*gone, *ngone, gcap) = ot_strdup(id);
		}
	}
	if (rc != SQLITE_DONE)
		err = ot_sqlite_error(t->db, "read the records");
	sqlite3_finalize(st);
	while (i < n)
		*OT_ARRAY_PUSH(*todo, *ntodo, tcap) = i++;
	return err;
}

/* ---- has anything moved? ------------------------------------------------------ */

/* Listing 21,800 packed refs through libgit2 costs some 20 ms, and
 * comparing them with the rows as much again: too much for every open.
 * So the catch-up also keeps, in meta 'records_refs', a fingerprint of
 * what the refs are read from: the bytes of packed-refs, the name and
 * bytes of each loose file in refs/records/ and main's tip.  The same
 * bytes give the same refs, so an open whose fingerprint matches has
 * nothing to catch up (reading and hashing packed-refs: a millisecond);
 * any other one compares the refs with the rows under the lock and stores
 * the fingerprint it started from.  A symbolic ref there (ordtrack writes
 * none) can move without its file changing: no fingerprint then, and
 * every open compares.  The hash is not cryptographic: it detects
 * change, and fsck compares the rows with a rebuild. */
typedef struct fingerprint {
	uint64_t h[2];
	uint64_t len;
	int none; /* a symbolic ref: no fingerprint */
} fingerprint;

static void fp_words(fingerprint *fp, const unsigned char *p, size_t n)
{
	size_t i;
	for (i = 0; i < n; i += 8) {
		uint64_t w = 0;
		memcpy(&w, p + i, n - i < 8 ? n - i : 8);
		fp->h[0] = (fp->h[0] ^ w) * 0x9e3779b97f4a7c15ULL;
		fp->h[0] ^= fp->h[0] >> 32;
		fp->h[1] = (fp->h[1] + w) * 0xc2b2ae3d27d4eb4fULL;
		fp->h[1] ^= fp->h[1] >> 29;
	}
	fp->len += n;
}

/* The bytes of `path` (none when absent) into fp, then their length; the
 * first bytes into head (NUL-terminated, at most 8 of them) when not NULL. */
static int fp_file(fingerprint *fp, const char *path, char head[9])
{
	unsigned char buf[65536];
	uint64_t total = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (head)
		head[0] = '\0';
	if (fd < 0)
		return errno == ENOENT ? 0 : ot_error_set(-1, "cannot open '%s': %s", path, strerror(errno));
	for (;;) {
		size_t got = 0;
		ssize_t r = 0;
		/* whole buffers, so that words never straddle two reads */
		while (got < sizeof(buf) && (r = read(fd, buf + got, sizeof(buf) - got)) > 0)
			got += (size_t)r;
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int err = ot_error_set(-1, "cannot read '%s': %s", path, strerror(errno));
			close(fd);
			return err;
		}
		if (head && total == 0) {
			size_t k = got < 8 ? got : 8;
			memcpy(head, buf, k);
			head[k] = '\0';
		}
		fp_words(fp, buf, got);
		total += got;
		if (got < sizeof(buf))
			break;
	}
	close(fd);
	fp_words(fp, (const unsigned char *)&total, sizeof(total));
	return 0;
}

static int fingerprint_take(fingerprint *fp, ot_tracker *t)
{
	const char *gitdir = git_repository_commondir(t->repo);
	ot_buf path = OT_BUF_INIT;
	git_oid main_tip;
	DIR *d;
	struct dirent *e;
	size_t base;
	int err = 0;

	memset(fp, 0, sizeof(*fp));
	fp->h[0] = 0xcbf29ce484222325ULL;
	fp->h[1] = 0x84222325cbf29ce4ULL;
	if (git_reference_name_to_id(&main_tip, t->repo, OT_MAIN_REF) == 0)
		fp_words(fp, main_tip.id, GIT_OID_RAWSZ);
	ot_buf_printf(&path, "%spacked-refs", gitdir);
	if ((err = fp_file(fp, path.ptr, NULL)) < 0)
		goto done;
	ot_buf_clear(&path);
	ot_buf_printf(&path, "%s" RECORDS_PREFIX, gitdir);
	base = path.len;
	if (!(d = opendir(path.ptr)))
		goto done; /* no loose record refs */
	while ((e = readdir(d))) {
		char head[9];
		if (e->d_name[0] == '.')
			continue;
		ot_buf_truncate(&path, base);
		ot_buf_puts(&path, e->d_name);
		fp_words(fp, (const unsigned char *)e->d_name, strlen(e->d_name) + 1);
		if ((err = fp_file(fp, path.ptr, head)) < 0)
			break;
		if (strncmp(head, "ref:", 4) == 0)
			fp->none = 1;
	}
	closedir(d);
done:
	ot_buf_release(&path);
	return err;
}

static void fingerprint_hex(char out[49], const fingerprint *fp)
{
	snprintf(out, 49, "%016llx%016llx%016llx", (unsigned long long)fp->h[0], (unsigned long long)fp->h[1],
		 (unsigned long long)fp->len);
}

static int meta_fingerprint(char out[49], ot_tracker *t)
{
	sqlite3_stmt *st = NULL;
	int err, rc;
	out[0] = '\0';
	if ((err = ot_index_prepare(&st, t->db, "SELECT value FROM meta WHERE key = 'records_refs'")) < 0)
		return err;
	rc = ot_sql_step(st);
	if (rc == SQLITE_ROW)
		snprintf(out, 49, "%s", ot_index_col_text(st, 0));
	else if (rc != SQLITE_DONE)
		err = ot_sqlite_error(t->db, "read meta");
	sqlite3_finalize(st);
	return err;
}

int ot_index_records_stale(ot_tracker *t)
{
	fingerprint fp;
	char now[49], stored[49];
	int err;
	if ((err = fingerprint_take(&fp, t)) < 0 || (err = meta_fingerprint(stored, t)) < 0)
		return err;
	if (fp.none)
		return 1;
	fingerprint_hex(now, &fp);
	return strcmp(now, stored) != 0;
}

/* ---- writing rows ------------------------------------------------------------ */

/* The tables of a record, children first (the order deletes run in). */
static const char *const child_tables[] = {"record_links", "record_roll", "record_votes", "record_actions",
					   "record_versions", "record_sponsors", "record_ordinances", "records"};
#define NTABLES OT_ARRAY_LEN(child_tables)

/* Inserts of one catch-up, after the deletes. */
enum { INS_RECORD, INS_ORD, INS_SPONSOR, INS_VERSION, INS_ACTION, INS_VOTE, INS_ROLL, INS_LINK, NINS };
static const char *const ins_sql[NINS] = {
	"INSERT INTO records(id, head, main_blob, blob, problem, type, title, status, introduced, base, closed,"
	" effective, source) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)",
	"INSERT INTO record_ordinances(id, pos, ordinance) VALUES(?,?,?)",
	"INSERT INTO record_sponsors(id, pos, name, key, last) VALUES(?,?,?,?,?)",
	"INSERT INTO record_versions(id, n, date, stage) VALUES(?,?,?,?)",
	"INSERT INTO record_actions(id, n, date, type, body, text, source) VALUES(?,?,?,?,?,?,?)",
	"INSERT INTO record_votes(id, n, date, motion, result, threshold, forced, source, yes, no, abstain, absent,"
	" excused, not_voting) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	"INSERT INTO record_roll(id, n, pos, member, option) VALUES(?,?,?,?,?)",
	"INSERT INTO record_links(id, n, kind, url, note) VALUES(?,?,?,?,?)",
};

typedef struct writer {
	ot_tracker *t;
	sqlite3_stmt *del[NTABLES], *ins[NINS];
	ot_buf key;
} writer;

static int writer_init(writer *w, ot_tracker *t)
{
	ot_buf sql = OT_BUF_INIT;
	size_t i;
	int err = 0;
	memset(w, 0, sizeof(*w));
	w->t = t;
	for (i = 0; i < NTABLES && err == 0; i++) {
		ot_buf_clear(&sql);
		ot_buf_printf(&sql, "DELETE FROM %s WHERE id = ?", child_tables[i]);
		err = ot_index_prepare(&w->del[i], t->db, sql.ptr);
	}
	for (i = 0; i < NINS && err == 0; i++)
		err = ot_index_prepare(&w->ins[i], t->db, ins_sql[i]);
	ot_buf_release(&sql);
	return err;
}

static void writer_release(writer *w)
{
	size_t i;
	for (i = 0; i < NTABLES; i++)
		sqlite3_finalize(w->del[i]);
	for (i = 0; i < NINS; i++)
		sqlite3_finalize(w->ins[i]);
	ot_buf_release(&w->key);
}

static int run(writer *w, sqlite3_stmt *st, const char *what)
{
	int rc = ot_sql_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : ot_sqlite_error(w->t->db, what);
}

/* Bind s, or NULL when s is NULL (an optional field). */
static void bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		ot_sql_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static int delete_rows(writer *w, const char *id)
{
	size_t i;
	int err;
	for (i = 0; i < NTABLES; i++) {
		bind_text(w->del[i], 1, id);
		if ((err = run(w, w->del[i], "delete a record's rows")) < 0)
			return err;
	}
	return 0;
}

/* The record in the blob `hex` of the tracker (labelled `path`) into *out. */
static int read_blob(ot_record *out, ot_tracker *t, const char *hex, const char *path)
{
	git_oid oid;
	git_blob *blob = NULL;
	int err;
	memset(out, 0, sizeof(*out));
	if ((err = git_oid_fromstr(&oid, hex)) < 0 || (err = git_blob_lookup(&blob, t->repo, &oid)) < 0)
		return ot_git_error(err, path);
	err = ot_record_from_json(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob), path);
	git_blob_free(blob);
	return err;
}

/* The record as ot_record_load reads it: the JSON at the tip, or main's
 * copy when that one says passed.  Its blob into blob; a failure is the
 * message in *problem (malloc'd), not an error. */
static void read_record(ot_record *r, char blob[41], char **problem, ot_tracker *t, const rec_state *s)
{
	ot_buf data = OT_BUF_INIT, path = OT_BUF_INIT;
	git_oid head, id;
	int err;

	*problem = NULL;
	blob[0] = '\0';
	ot_buf_printf(&path, "records/%s.json", s->id);
	git_oid_fromstr(&head, s->head);
	err = ot_gw_read_path(&data, &id, t, &head, path.ptr);
	if (err == OT_ENOTFOUND)
		err = ot_error_set(OT_EINVALID, "tracker: " RECORDS_PREFIX "%s has no %s", s->id, path.ptr);
	if (err == 0)
		err = ot_record_from_json(r, data.ptr, data.len, path.ptr);
	if (err < 0) {
		*problem = ot_strdup(*ot_error_last() ? ot_error_last() : "cannot be read");
		ot_error_clear();
		goto done;
	}
	git_oid_tostr(blob, 41, &id);
	if (s->main_blob[0]) {
		ot_record on_main;
		if (read_blob(&on_main, t, s->main_blob, path.ptr) == 0 && on_main.status == OT_STATUS_PASSED) {
			ot_record_release(r);
			*r = on_main;
			memcpy(blob, s->main_blob, 41);
		} else {
			ot_record_release(&on_main);
		}
		ot_error_clear();
	}
done:
	ot_buf_release(&data);
	ot_buf_release(&path);
}

static int insert_vote(writer *w, const char *id, size_t n, const ot_vote *v)
{
	sqlite3_stmt *st = w->ins[INS_VOTE];
	size_t j;
	int k, err;
	bind_text(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)n);
	bind_text(st, 3, v->date);
	bind_text(st, 4, v->motion);
	bind_text(st, 5, ot_vote_result_names[v->result]);
	bind_opt(st, 6, ot_threshold_names[v->threshold]);
	bind_opt(st, 7, v->forced);
	bind_opt(st, 8, v->source);
	for (k = 0; k < OT_VOTE_NOPTIONS; k++)
		sqlite3_bind_int64(st, 9 + k, (sqlite3_int64)v->counts[k]);
	if ((err = run(w, st, "record a vote")) < 0)
		return err;
	st = w->ins[INS_ROLL];
	for (j = 0; j < v->nroll; j++) {
		bind_text(st, 1, id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)n);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)j);
		bind_text(st, 4, v->roll[j].name);
		bind_text(st, 5, ot_vote_option_names[v->roll[j].option]);
		if ((err = run(w, st, "record a roll call")) < 0)
			return err;
	}
	return 0;
}

static int insert_record(writer *w, const rec_state *s)
{
	ot_record r;
	char blob[41], *problem = NULL;
	sqlite3_stmt *st = w->ins[INS_RECORD];
	size_t i;
	int err = 0;

	memset(&r, 0, sizeof(r));
	read_record(&r, blob, &problem, w->t, s);
	bind_text(st, 1, s->id);
	bind_text(st, 2, s->head);
	bind_text(st, 3, s->main_blob);
	bind_text(st, 4, blob);
	bind_text(st, 5, problem);
	bind_text(st, 6, problem ? "" : ot_record_type_names[r.type]);
	bind_text(st, 7, r.title);
	bind_text(st, 8, problem ? "" : ot_status_names[r.status]);
	bind_text(st, 9, r.introduced);
	bind_text(st, 10, r.base);
	bind_opt(st, 11, r.closed);
	bind_opt(st, 12, r.effective);
	bind_opt(st, 13, r.source);
	if ((err = run(w, st, "record a record")) < 0)
		goto done;
	st = w->ins[INS_ORD];
	for (i = 0; i < r.nordinances; i++) {
		bind_text(st, 1, s->id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		bind_text(st, 3, r.ordinances[i]);
		if ((err = run(w, st, "record a record's ordinance")) < 0)
			goto done;
	}
	st = w->ins[INS_SPONSOR];
	for (i = 0; i < r.nsponsors; i++) {
		const char *last;
		ot_buf_clear(&w->key);
		ot_name_key(&w->key, r.sponsors[i]);
		last = w->key.len ? strrchr(w->key.ptr, ' ') : NULL;
		bind_text(st, 1, s->id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		bind_text(st, 3, r.sponsors[i]);
		bind_text(st, 4, w->key.len ? w->key.ptr : "");
		bind_text(st, 5, last ? last + 1 : w->key.len ? w->key.ptr : "");
		if ((err = run(w, st, "record a sponsor")) < 0)
			goto done;
	}
	st = w->ins[INS_VERSION];
	for (i = 0; i < r.nversions; i++) {
		bind_text(st, 1, s->id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)r.versions[i].number);
		bind_text(st, 3, r.versions[i].date);
		bind_text(st, 4, ot_stage_names[r.versions[i].stage]);
		if ((err = run(w, st, "record a version")) < 0)
			goto done;
	}
	st = w->ins[INS_ACTION];
	for (i = 0; i < r.nactions; i++) {
		const ot_action *a = &r.actions[i];
		bind_text(st, 1, s->id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i + 1);
		bind_text(st, 3, a->date);
		bind_text(st, 4, ot_action_type_names[a->type]);
		bind_opt(st, 5, a->body);
		bind_opt(st, 6, a->text);
		bind_opt(st, 7, a->source);
		if ((err = run(w, st, "record an action")) < 0)
			goto done;
	}
	for (i = 0; i < r.nvotes; i++)
		if ((err = insert_vote(w, s->id, i + 1, &r.votes[i])) < 0)
			goto done;
	st = w->ins[INS_LINK];
	for (i = 0; i < r.nlinks; i++) {
		bind_text(st, 1, s->id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i + 1);
		bind_text(st, 3, ot_link_kind_names[r.links[i].kind]);
		bind_text(st, 4, r.links[i].url);
		bind_opt(st, 5, r.links[i].note);
		if ((err = run(w, st, "record a link")) < 0)
			goto done;
	}
done:
	ot_record_release(&r);
	free(problem);
	return err;
}

int ot_index_records_catch_up(ot_tracker *t)
{
	rec_state *s = NULL;
	size_t n = 0, ntodo = 0, ngone = 0, i;
	size_t *todo = NULL;
	char **gone = NULL;
	fingerprint fp;
	writer w;
	int err;

	memset(&w, 0, sizeof(w));
	/* the fingerprint first: if a ref moves while we list, the stored
	 * one is older than the rows, and the next open compares again */
	if ((err = fingerprint_take(&fp, t)) < 0 || (err = git_states(&s, &n, t)) < 0)
		return err;
	if ((err = plan(&todo, &ntodo, &gone, &ngone, t, s, n)) < 0 || (err = writer_init(&w, t)) < 0)
		goto done;
	for (i = 0; i < ngone && err == 0; i++)
		err = delete_rows(&w, gone[i]);
	for (i = 0; i < ntodo && err == 0; i++) {
		const rec_state *x = &s[todo[i]];
		if (!x->row || (err = delete_rows(&w, x->id)) == 0)
			err = insert_record(&w, x);
	}
	if (err == 0) {
		sqlite3_stmt *st = NULL;
		char hex[49];
		fingerprint_hex(hex, &fp);
		if ((err = ot_index_prepare(&st, t->db, "INSERT OR REPLACE INTO meta(key, value) VALUES('records_refs', ?)")) == 0) {
			bind_text(st, 1, fp.none ? "" : hex);
			if (ot_sql_step(st) != SQLITE_DONE)
				err = ot_sqlite_error(t->db, "write meta");
		}
		sqlite3_finalize(st);
	}
done:
	writer_release(&w);
	for (i = 0; i < ngone; i++)
		free(gone[i]);
	free(gone);
	free(todo);
	states_free(s, n);
	return err;
}

/* ---- queries ------------------------------------------------------------------ */

int ot_index_records_problem(char **out, ot_tracker *t)
{
	sqlite3_stmt *st = NULL;
	int err, rc;
	*out = NULL;
	if ((err = ot_index_prepare(&st, t->db, "SELECT id FROM records WHERE problem <> '' ORDER BY id LIMIT 1")) < 0)
		return err;
	rc = ot_sql_step(st);
	if (rc == SQLITE_ROW)
		*out = ot_strdup(ot_index_col_text(st, 0));
	else if (rc != SQLITE_DONE)
		err = ot_sqlite_error(t->db, "read the records");
	sqlite3_finalize(st);
	return err;
}

int ot_index_name_at(const char *const *names, int n, const char *s)
{
	int i;
	for (i = 0; i < n; i++)
		if (strcmp(names[i] ? names[i] : "", s) == 0)
			return i;
	return 0;
}

static char *col_dup(sqlite3_stmt *st, int i)
{
	return ot_strdup(ot_index_col_text(st, i));
}

char *ot_index_col_opt(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NULL : col_dup(st, i);
}

/* Reading the rows of the records found back into ot_records, as
 * ot_record_from_json gave them when they were indexed: one statement per
 * child table, run for each record found (a range of its primary key).
 * One statement per table for all the records at once, the search's
 * filter joined, was slower: the filter ran again for each table. */
enum { RD_ORD, RD_SPONSOR, RD_VERSION, RD_ACTION, RD_VOTE, RD_ROLL, RD_LINK, NRD };
static const struct {
	const char *table, *cols, *order;
	int ncols;
} rd_child[NRD] = {
	{"record_ordinances", "c.ordinance", "c.pos", 1},
	{"record_sponsors", "c.name", "c.pos", 1},
	{"record_versions", "c.n, c.date, c.stage", "c.n", 3},
	{"record_actions", "c.date, c.type, c.body, c.text, c.source", "c.n", 5},
	{"record_votes", "c.date, c.motion, c.result, c.threshold, c.forced, c.source, c.yes, c.no, c.abstain, c.absent,"
			 " c.excused, c.not_voting", "c.n", 12},
	{"record_roll", "c.n, c.member, c.option", "c.n, c.pos", 3},
	{"record_links", "c.kind, c.url, c.note", "c.n", 3},
};

static void row_ordinance(ot_record *r, sqlite3_stmt *st)
{
	*OT_ARRAY_PUSH(r->ordinances, r->nordinances, r->ocap) = col_dup(st, 0);
}

static void row_sponsor(ot_record *r, sqlite3_stmt *st)
{
	*OT_ARRAY_PUSH(r->sponsors, r->nsponsors, r->scap) = col_dup(st, 0);
}

static void row_version(ot_record *r, sqlite3_stmt *st)
{
	ot_record_version *v = OT_ARRAY_PUSH(r->versions, r->nversions, r->vcap);
	v->number = sqlite3_column_int(st, 0);
	v->date = col_dup(st, 1);
	v->stage = (ot_stage)ot_index_name_at(ot_stage_names, OT_STAGE_N, ot_index_col_text(st, 2));
}

static void row_action(ot_record *r, sqlite3_stmt *st)
{
	ot_action *a = OT_ARRAY_PUSH(r->actions, r->nactions, r->acap);
	a->date = col_dup(st, 0);
	a->type = (ot_action_type)ot_index_name_at(ot_action_type_names, OT_ACTION_N, ot_index_col_text(st, 1));
	a->body = ot_index_col_opt(st, 2);
	a->text = ot_index_col_opt(st, 3);
	a->source = ot_index_col_opt(st, 4);
}

static void row_vote(ot_record *r, sqlite3_stmt *st)
{
	ot_vote *v = OT_ARRAY_PUSH(r->votes, r->nvotes, r->votecap);
	int k;
	memset(v, 0, sizeof(*v));
	v->date = col_dup(st, 0);
	v->motion = col_dup(st, 1);
	v->result = (ot_vote_result)ot_index_name_at(ot_vote_result_names, OT_RESULT_N, ot_index_col_text(st, 2));
	v->threshold = (ot_threshold)ot_index_name_at(ot_threshold_names, OT_THRESHOLD_N, ot_index_col_text(st, 3));
	v->forced = ot_index_col_opt(st, 4);
	v->source = ot_index_col_opt(st, 5);
	for (k = 0; k < OT_VOTE_NOPTIONS; k++)
		v->counts[k] = (size_t)sqlite3_column_int64(st, 6 + k);
}

static void row_roll(ot_record *r, sqlite3_stmt *st)
{
	sqlite3_int64 n = sqlite3_column_int64(st, 0);
	ot_vote *v;
	if (n < 1 || (size_t)n > r->nvotes)
		return; /* no such vote: the foreign key refuses it */
	v = &r->votes[n - 1];
	*OT_ARRAY_PUSH(v->roll, v->nroll, v->cap) =
		(ot_roll_entry){col_dup(st, 1), (ot_vote_option)ot_index_name_at(ot_vote_option_names, OT_VOTE_NOPTIONS, ot_index_col_text(st, 2))};
}

static void row_link(ot_record *r, sqlite3_stmt *st)
{
	ot_link *l = OT_ARRAY_PUSH(r->links, r->nlinks, r->lcap);
	l->kind = (ot_link_kind)ot_index_name_at(ot_link_kind_names, OT_LINK_N, ot_index_col_text(st, 0));
	l->url = col_dup(st, 1);
	l->note = ot_index_col_opt(st, 2);
}

static void (*const rd_row[NRD])(ot_record *, sqlite3_stmt *) = {
	row_ordinance, row_sponsor, row_version, row_action, row_vote, row_roll, row_link};

/* The columns of records the search selects, and the facts they give. */
#define RECORD_COLS "r.id, r.type, r.title, r.status, r.introduced, r.base, r.closed, r.effective, r.source"
static void record_facts(ot_record *r, sqlite3_stmt *st)
{
	memset(r, 0, sizeof(*r));
	r->id = col_dup(st, 0);
	r->type = (ot_record_type)ot_index_name_at(ot_record_type_names, OT_RECORD_N, ot_index_col_text(st, 1));
	r->title = col_dup(st, 2);
	r->status = (ot_status)ot_index_name_at(ot_status_names, OT_STATUS_N, ot_index_col_text(st, 3));
	r->introduced = col_dup(st, 4);
	r->base = col_dup(st, 5);
	r->closed = ot_index_col_opt(st, 6);
	r->effective = ot_index_col_opt(st, 7);
	r->source = ot_index_col_opt(st, 8);
}

void ot_index_records_filter_sql(ot_buf *sql, const ot_record_filter *f, const ot_buf *key, size_t nnames)
{
	size_t i;
	if (f->status >= 0)
		ot_buf_puts(sql, " AND r.status = ?");
	if (f->ordinance)
		ot_buf_puts(sql, " AND r.id IN (SELECT o.id FROM record_ordinances o WHERE o.ordinance = ?)");
	if (!f->sponsor)
		return;
	ot_buf_puts(sql, " AND r.id IN (SELECT id FROM record_sponsors WHERE name = ? COLLATE NOCASE");
	if (key->len) {
		ot_buf_puts(sql, " UNION ALL SELECT id FROM record_sponsors WHERE key = ?");
		if (!strchr(key->ptr, ' '))
			ot_buf_puts(sql, " UNION ALL SELECT id FROM record_sponsors WHERE last = ?");
	}
	for (i = 0; i < nnames; i++)
		ot_buf_puts(sql, " UNION ALL SELECT id FROM record_sponsors WHERE name = ? COLLATE NOCASE");
	ot_buf_puts(sql, ")");
}

void ot_index_records_filter_bind(sqlite3_stmt *st, const ot_record_filter *f, const ot_buf *key,
				  const char *const *names, size_t nnames)
{
	size_t i;
	int p = 1;
	if (f->status >= 0)
		bind_text(st, p++, f->status < OT_STATUS_N ? ot_status_names[f->status] : "?");
	if (f->ordinance)
		bind_text(st, p++, f->ordinance);
	if (!f->sponsor)
		return;
	bind_text(st, p++, f->sponsor);
	if (key->len) {
		bind_text(st, p++, key->ptr);
		if (!strchr(key->ptr, ' '))
			bind_text(st, p++, key->ptr);
	}
	for (i = 0; i < nnames; i++)
		bind_text(st, p++, names[i]);
}

int ot_index_records_find(ot_record **out, size_t *nout, ot_tracker *t, const ot_record_filter *f,
			  const char *const *names, size_t nnames)
{
	ot_buf sql = OT_BUF_INIT, where = OT_BUF_INIT, key = OT_BUF_INIT;
	sqlite3_stmt *st = NULL, *rd[NRD] = {NULL};
	ot_record *rs = NULL;
	size_t n = 0, cap = 0, i;
	int err = 0, rc, k;

	*out = NULL;
	*nout = 0;
	if (f->sponsor)
		ot_name_key(&key, f->sponsor);
	ot_index_records_filter_sql(&where, f, &key, nnames);
	ot_buf_printf(&sql, "SELECT " RECORD_COLS " FROM records r WHERE r.problem = ''%s ORDER BY r.id", where.ptr);
	if ((err = ot_index_prepare(&st, t->db, sql.ptr)) < 0)
		goto done;
	ot_index_records_filter_bind(st, f, &key, names, nnames);
	for (k = 0; k < NRD; k++) {
		ot_buf_clear(&sql);
		ot_buf_printf(&sql, "SELECT %s FROM %s c WHERE c.id = ? ORDER BY %s", rd_child[k].cols, rd_child[k].table,
			      rd_child[k].order);
		if ((err = ot_index_prepare(&rd[k], t->db, sql.ptr)) < 0)
			goto done;
	}
	while ((rc = ot_sql_step(st)) == SQLITE_ROW) {
		ot_record *r = OT_ARRAY_PUSH(rs, n, cap);
		record_facts(r, st);
		/* its children: a range of each table's primary key */
		for (k = 0; k < NRD; k++) {
			int crc;
			ot_sql_bind_text(rd[k], 1, r->id, -1, SQLITE_STATIC);
			while ((crc = ot_sql_step(rd[k])) == SQLITE_ROW)
				rd_row[k](r, rd[k]);
			sqlite3_reset(rd[k]);
			if (crc != SQLITE_DONE) {
				err = ot_sqlite_error(t->db, "read a record");
				goto done;
			}
		}
	}
	if (rc != SQLITE_DONE)
		err = ot_sqlite_error(t->db, "find records");
done:
	sqlite3_finalize(st);
	for (k = 0; k < NRD; k++)
		sqlite3_finalize(rd[k]);
	ot_buf_release(&sql);
	ot_buf_release(&where);
	ot_buf_release(&key);
	if (err < 0) {
		for (i = 0; i < n; i++)
			ot_record_release(&rs[i]);
		free(rs);
		return err;
	}
	*out = rs;
	*nout = n;
	return 0;
}

int ot_index_member_casts(ot_member_cast **out, size_t *nout, ot_tracker *t, const char *member)
{
	sqlite3_stmt *st = NULL;
	ot_member_cast *cs = NULL;
	size_t n = 0, cap = 0;
	int err, rc;

	*out = NULL;
	*nout = 0;
	if ((err = ot_index_prepare(&st, t->db,
			   "SELECT v.date, v.id, v.motion, l.option, v.result FROM record_roll l"
			   " JOIN record_votes v ON v.id = l.id AND v.n = l.n"
			   " WHERE l.member = ? ORDER BY v.date, v.id, v.n, l.pos")) < 0)
		return err;
	bind_text(st, 1, member);
	while ((rc = ot_sql_step(st)) == SQLITE_ROW) {
		ot_member_cast *c = OT_ARRAY_PUSH(cs, n, cap);
		c->date = ot_strdup(ot_index_col_text(st, 0));
		c->record = ot_strdup(ot_index_col_text(st, 1));
		c->motion = ot_strdup(ot_index_col_text(st, 2));
		c->option = (ot_vote_option)ot_index_name_at(ot_vote_option_names, OT_VOTE_NOPTIONS, ot_index_col_text(st, 3));
		c->result = (ot_vote_result)ot_index_name_at(ot_vote_result_names, OT_RESULT_N, ot_index_col_text(st, 4));
	}
	if (rc != SQLITE_DONE)
		err = ot_sqlite_error(t->db, "find a member's votes");
	sqlite3_finalize(st);
	if (!cs)
		cs = ot_calloc(1, sizeof(*cs));
	*out = cs;
	*nout = n;
	return err;
}
