/*
 * index.c - the SQLite index, derived from git.
 *
 * Tables (schema version in meta.schema):
 *   meta(key, value)              'main' = the commit of main indexed up to
 *   commits(seq, commit_id, date, stage, record, subject)
 *                                 main's first-parent line, oldest = 1
 *   sponsors(seq, pos, name)      Sponsor: trailers of a commit
 *   versions(ordinance, n, seq, tree_id, title, nsections, units, change)
 *                                 one row per commit that changed
 *                                 ordinances/<ORD>; n counts from 1;
 *                                 change is 'text', 'notes' (only the
 *                                 notes of its ORDINANCE file changed) or
 *                                 'repealed' (the subtree was removed:
 *                                 tree_id is the empty tree, no sections,
 *                                 the title is the last one it had)
 *   sections(ordinance, n, section, blob_id)
 *                                 the sections of every version: history
 *                                 and blame are answered from here
 *   blobs(blob_id, units)         units (non-blank lines) of a section blob
 *   records, record_ordinances, record_sponsors, record_versions,
 *   record_actions, record_votes, record_roll, record_links
 *                                 the legislative record, one row set per
 *                                 refs/records/<ID> (index_records.c, which
 *                                 keeps them level with the branches and
 *                                 main's records/: `records` and `votes`
 *                                 are answered from them)
 *
 * Every connection (configure) runs in WAL mode with synchronous=FULL,
 * foreign_keys=ON, trusted_schema=OFF and SQLITE_DBCONFIG_DEFENSIVE, and
 * reads the file through mmap (a member's 1,400 records of a large
 * council are pages all over 60 MB: read() copies were a third of the
 * query); every
 * write transaction is BEGIN IMMEDIATE.  Tables are STRICT with CHECK
 * constraints (schema_sql); an index of another schema version is emptied
 * and rebuilt from git on open.
 *
 * Catching up: main's first-parent line is walked back from its tip to the
 * commit in meta.main; the new commits are indexed oldest first in one
 * IMMEDIATE transaction.  If meta.main is not on that line (history was
 * rewritten), everything is rebuilt.  Then, in the same transaction, the
 * records whose branch or main copy moved (ot_index_records_catch_up).
 * Every row can be rebuilt from git, so
 * a lost or damaged index is never a loss of data.
 *
 * Entry names read from git trees are checked with ot_name_check: a tree
 * written by someone else with "..", ".git" or a slash-free but unsafe name
 * is refused, not followed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "internal.h"
#include "ordtrack/index.h"
#include "ordtrack/validate.h"
#include "tracker_internal.h"
#include "gitwrite.h"
#include "index_records.h"

#define SCHEMA_VERSION "7"

/* Schema v7 (v6 and the record tables): STRICT tables, CHECK constraints on ids, dates and counts,
 * foreign keys where the data model has them (deferred: a version's
 * sections are written before its row).  units(blob_id) has no foreign key
 * to blobs: checking it for each of a whole code's ~200,000 clauses cost
 * 10% of an `add`; units, like blobs, is a cache keyed by content, and
 * `ordtrack fsck` compares both with a rebuild.  Dates are '' when a commit
 * carries no valid Date: trailer (a commit written by another tool). */
#define HEX40(c) "length(" c ") = 40 AND " c " NOT GLOB '*[^0-9a-f]*'"
#define DATE_OK(c) c " = '' OR " c " GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'"
#define DEFERRED " DEFERRABLE INITIALLY DEFERRED"
static const char schema_sql[] =
	"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;"
	"CREATE TABLE IF NOT EXISTS commits("
	"  seq INTEGER PRIMARY KEY CHECK (seq >= 1),"
	"  commit_id TEXT NOT NULL UNIQUE CHECK (" HEX40("commit_id") "),"
	"  date TEXT NOT NULL CHECK (" DATE_OK("date") "), stage TEXT NOT NULL, record TEXT NOT NULL,"
	"  subject TEXT NOT NULL) STRICT;"
	"CREATE TABLE IF NOT EXISTS sponsors("
	"  seq INTEGER NOT NULL REFERENCES commits(seq)" DEFERRED ","
	"  pos INTEGER NOT NULL CHECK (pos >= 0),"
	"  name TEXT NOT NULL, PRIMARY KEY(seq, pos)) STRICT;"
	"CREATE TABLE IF NOT EXISTS versions("
	"  ordinance TEXT NOT NULL CHECK (ordinance <> ''), n INTEGER NOT NULL CHECK (n >= 1),"
	"  seq INTEGER NOT NULL REFERENCES commits(seq)" DEFERRED ","
	"  tree_id TEXT NOT NULL CHECK (" HEX40("tree_id") "),"
	"  title TEXT NOT NULL, nsections INTEGER NOT NULL CHECK (nsections >= 0),"
	"  units INTEGER NOT NULL CHECK (units >= 0),"
	"  change TEXT NOT NULL CHECK (change IN ('text', 'notes', 'repealed')),"
	"  PRIMARY KEY(ordinance, n)) STRICT;"
	"CREATE INDEX IF NOT EXISTS versions_by_seq ON versions(seq);"
	"CREATE TABLE IF NOT EXISTS sections("
	"  ordinance TEXT NOT NULL, n INTEGER NOT NULL, section TEXT NOT NULL CHECK (section <> ''),"
	"  blob_id TEXT NOT NULL CHECK (" HEX40("blob_id") ") REFERENCES blobs(blob_id)" DEFERRED ","
	"  PRIMARY KEY(ordinance, n, section),"
	"  FOREIGN KEY(ordinance, n) REFERENCES versions(ordinance, n)" DEFERRED ") WITHOUT ROWID, STRICT;"
	"CREATE INDEX IF NOT EXISTS sections_by_section ON sections(ordinance, section, n);"
	"CREATE INDEX IF NOT EXISTS sections_by_blob ON sections(blob_id);"
	"CREATE TABLE IF NOT EXISTS blobs("
	"  blob_id TEXT PRIMARY KEY CHECK (" HEX40("blob_id") "),"
	"  units INTEGER NOT NULL CHECK (units >= 0)) WITHOUT ROWID, STRICT;"
	"CREATE TABLE IF NOT EXISTS units("
	"  blob_id TEXT NOT NULL CHECK (" HEX40("blob_id") "),"
	"  pos INTEGER NOT NULL CHECK (pos >= 0), unit_id TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind = 'clause' OR kind = 'section' OR kind = 'text'), text TEXT NOT NULL,"
	"  UNIQUE(blob_id, pos)) STRICT;"
	"CREATE INDEX IF NOT EXISTS units_by_id ON units(unit_id, blob_id);"
	"CREATE VIRTUAL TABLE IF NOT EXISTS units_fts USING fts5("
	"  text, content='units', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');";
/* the legislative record (index_records.c): one row per refs/records/<ID>
 * (a string of its own: C11 compilers need support only 4,095 bytes) */
static const char records_schema_sql[] =
	"CREATE TABLE IF NOT EXISTS records("
	"  id TEXT PRIMARY KEY CHECK (id <> ''),"
	"  head TEXT NOT NULL CHECK (" HEX40("head") "),"
	"  main_blob TEXT NOT NULL CHECK (main_blob = '' OR (" HEX40("main_blob") ")),"
	"  blob TEXT NOT NULL CHECK (blob = '' OR (" HEX40("blob") ")),"
	"  problem TEXT NOT NULL, type TEXT NOT NULL, title TEXT NOT NULL, status TEXT NOT NULL,"
	"  introduced TEXT NOT NULL CHECK (" DATE_OK("introduced") "), base TEXT NOT NULL,"
	"  closed TEXT CHECK (" DATE_OK("closed") "), effective TEXT CHECK (" DATE_OK("effective") "), source TEXT,"
	"  CHECK ((problem = '') = (blob <> '')),"
	"  CHECK (problem <> '' OR status IN ('pending', 'passed', 'failed', 'withdrawn', 'filed'))"
	") WITHOUT ROWID, STRICT;"
	"CREATE INDEX IF NOT EXISTS records_by_status ON records(status);"
	"CREATE TABLE IF NOT EXISTS record_ordinances("
	"  id TEXT NOT NULL REFERENCES records(id)" DEFERRED ","
	"  pos INTEGER NOT NULL CHECK (pos >= 0), ordinance TEXT NOT NULL CHECK (ordinance <> ''),"
	"  PRIMARY KEY(id, pos)) WITHOUT ROWID, STRICT;"
	"CREATE INDEX IF NOT EXISTS record_ordinances_by_ordinance ON record_ordinances(ordinance);"
	"CREATE TABLE IF NOT EXISTS record_sponsors("
	"  id TEXT NOT NULL REFERENCES records(id)" DEFERRED ","
	"  pos INTEGER NOT NULL CHECK (pos >= 0), name TEXT NOT NULL, key TEXT NOT NULL, last TEXT NOT NULL,"
	"  PRIMARY KEY(id, pos)) WITHOUT ROWID, STRICT;"
	"CREATE INDEX IF NOT EXISTS record_sponsors_by_name ON record_sponsors(name COLLATE NOCASE);"
	"CREATE INDEX IF NOT EXISTS record_sponsors_by_key ON record_sponsors(key);"
	"CREATE INDEX IF NOT EXISTS record_sponsors_by_last ON record_sponsors(last);"
	"CREATE TABLE IF NOT EXISTS record_versions("
	"  id TEXT NOT NULL REFERENCES records(id)" DEFERRED ","
	"  n INTEGER NOT NULL CHECK (n >= 1), date TEXT NOT NULL CHECK (" DATE_OK("date") "), stage TEXT NOT NULL,"
	"  PRIMARY KEY(id, n)) WITHOUT ROWID, STRICT;"
	"CREATE TABLE IF NOT EXISTS record_actions("
	"  id TEXT NOT NULL REFERENCES records(id)" DEFERRED ","
	"  n INTEGER NOT NULL CHECK (n >= 1), date TEXT NOT NULL CHECK (" DATE_OK("date") "), type TEXT NOT NULL,"
	"  body TEXT, text TEXT, source TEXT, PRIMARY KEY(id, n)) WITHOUT ROWID, STRICT;"
	"CREATE TABLE IF NOT EXISTS record_votes("
	"  id TEXT NOT NULL REFERENCES records(id)" DEFERRED ","
	"  n INTEGER NOT NULL CHECK (n >= 1), date TEXT NOT NULL CHECK (" DATE_OK("date") "),"
	"  motion TEXT NOT NULL, result TEXT NOT NULL, threshold TEXT, forced TEXT, source TEXT,"
	"  yes INTEGER NOT NULL CHECK (yes >= 0), no INTEGER NOT NULL CHECK (no >= 0),"
	"  abstain INTEGER NOT NULL CHECK (abstain >= 0), absent INTEGER NOT NULL CHECK (absent >= 0),"
	"  excused INTEGER NOT NULL CHECK (excused >= 0), not_voting INTEGER NOT NULL CHECK (not_voting >= 0),"
	"  PRIMARY KEY(id, n)) WITHOUT ROWID, STRICT;"
	"CREATE TABLE IF NOT EXISTS record_roll("
	"  id TEXT NOT NULL, n INTEGER NOT NULL, pos INTEGER NOT NULL CHECK (pos >= 0),"
	"  member TEXT NOT NULL, option TEXT NOT NULL"
	"  CHECK (option IN ('yes', 'no', 'abstain', 'absent', 'excused', 'not-voting')),"
	"  PRIMARY KEY(id, n, pos),"
	"  FOREIGN KEY(id, n) REFERENCES record_votes(id, n)" DEFERRED ") WITHOUT ROWID, STRICT;"
	"CREATE INDEX IF NOT EXISTS record_roll_by_member ON record_roll(member, option);"
	"CREATE TABLE IF NOT EXISTS record_links("
	"  id TEXT NOT NULL REFERENCES records(id)" DEFERRED ","
	"  n INTEGER NOT NULL CHECK (n >= 1), kind TEXT NOT NULL, url TEXT NOT NULL, note TEXT,"
	"  PRIMARY KEY(id, n)) WITHOUT ROWID, STRICT;";

/* Every table and index the schema has had, dropped when the version
 * differs (children before parents). */
static const char drop_sql[] =
	"DROP TABLE IF EXISTS record_links; DROP TABLE IF EXISTS record_roll; DROP TABLE IF EXISTS record_votes;"
	" DROP TABLE IF EXISTS record_actions; DROP TABLE IF EXISTS record_versions;"
	" DROP TABLE IF EXISTS record_sponsors; DROP TABLE IF EXISTS record_ordinances; DROP TABLE IF EXISTS records;"
	" DROP TABLE IF EXISTS units_fts; DROP TABLE IF EXISTS units; DROP TABLE IF EXISTS sections;"
	" DROP TABLE IF EXISTS versions; DROP TABLE IF EXISTS sponsors; DROP TABLE IF EXISTS commits;"
	" DROP TABLE IF EXISTS blobs; DROP TABLE IF EXISTS meta;";

static int upgrade_schema(ot_tracker *t);
static int meta_set(ot_tracker *t, const char *key, const char *value);

static int exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int sys = sqlite3_system_errno(db);
		int err = (sqlite3_errcode(db) == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT)
				  ? ot_sqlite_error(db, "write")
				  : ot_error_set(-1, "index: %s", msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return err;
	}
	return 0;
}

static int prepare(sqlite3_stmt **st, sqlite3 *db, const char *sql)
{
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK)
		return ot_sqlite_error(db, "prepare");
	return 0;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	ot_sql_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

/* Step a statement that gives at most one row: 1 for a row, 0 for none,
 * or the error (message: `what`), so that a failure (out of memory) is
 * never read as "no row" and turned into a wrong value in the index. */
static int step_row(sqlite3 *db, sqlite3_stmt *st, const char *what)
{
	int rc = ot_sql_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : ot_sqlite_error(db, what);
}

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return ot_strdup(s ? (const char *)s : "");
}

/* The connection settings every index connection uses: WAL with full
 * sync (a commit is on disk when COMMIT returns), foreign keys enforced,
 * no functions or virtual tables trusted from the schema, and defensive
 * mode (no writes to shadow tables or schema edits through SQL). */
static int configure(sqlite3 *db, int wal)
{
	int on = 0;
	if (sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, &on) != SQLITE_OK || !on)
		return ot_sqlite_error(db, "turn on defensive mode");
	if (sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &on) != SQLITE_OK || on)
		return ot_sqlite_error(db, "turn off trusted_schema");
	sqlite3_busy_timeout(db, OT_LOCK_TIMEOUT_MS);
	return exec(db, wal ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA mmap_size=1073741824;"
			      "PRAGMA foreign_keys=ON; PRAGMA trusted_schema=OFF;"
			    : "PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL;"
			      "PRAGMA foreign_keys=ON; PRAGMA trusted_schema=OFF;");
}

static int open_db(sqlite3 **out, const char *path, int flags)
{
	*out = NULL;
	if (sqlite3_open_v2(path, out, flags, NULL) != SQLITE_OK) {
		int err = ot_error_set(-1, "cannot open index '%s': %s", path,
				       *out ? sqlite3_errmsg(*out) : "out of memory");
		sqlite3_close(*out);
		*out = NULL;
		return err;
	}
	sqlite3_extended_result_codes(*out, 1);
	return 0;
}

int ot_index_open(ot_tracker *t)
{
	size_t n = strlen(t->path) + 32;
	char *p = ot_malloc(n);
	int err;

	snprintf(p, n, "%s/%s", t->path, OT_INDEX_FILE);
	err = open_db(&t->db, p, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
	free(p);
	if (err < 0 || (err = configure(t->db, 1)) < 0)
		return err;
	return upgrade_schema(t);
}

static int meta_get(char **out, ot_tracker *t, const char *key);

/* The schema version the index holds; NULL for a new (empty) database or
 * one without a meta table. */
static char *schema_version(ot_tracker *t)
{
	sqlite3_stmt *st = NULL;
	char *v = NULL;
	if (sqlite3_prepare_v2(t->db, "SELECT value FROM meta WHERE key = 'schema'", -1, &st, NULL) == SQLITE_OK &&
	    ot_sql_step(st) == SQLITE_ROW)
		v = ot_strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

/* The index is derived data: an index written by another schema version
 * (or a new file) gets the current schema, empty, in one IMMEDIATE
 * transaction; the next catch-up rebuilds it from git.  The fast path (the
 * right version) writes nothing. */
static int upgrade_schema(ot_tracker *t)
{
	char *have = schema_version(t);
	int err;
	if (have && strcmp(have, SCHEMA_VERSION) == 0) {
		free(have);
		return 0;
	}
	free(have);
	if ((err = exec(t->db, "BEGIN IMMEDIATE")) < 0)
		return err;
	/* another process may have done it while we waited for the lock */
	have = schema_version(t);
	if (!have || strcmp(have, SCHEMA_VERSION) != 0) {
		if ((err = exec(t->db, drop_sql)) < 0 || (err = exec(t->db, schema_sql)) < 0 ||
		    (err = exec(t->db, records_schema_sql)) < 0 ||
		    (err = meta_set(t, "schema", SCHEMA_VERSION)) < 0) {
			free(have);
			sqlite3_exec(t->db, "ROLLBACK", NULL, NULL, NULL);
			return err;
		}
	}
	free(have);
	return exec(t->db, "COMMIT");
}

long ot_canonical_units(const char *data, size_t len)
{
	long units = 0;
	size_t i = 0;
	while (i < len) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len;
		if (end > i)
			units++;
		i = end + 1;
	}
	return units;
}

static int meta_get(char **out, ot_tracker *t, const char *key)
{
	sqlite3_stmt *st = NULL;
	int err, rc;
	*out = NULL;
	if ((err = prepare(&st, t->db, "SELECT value FROM meta WHERE key = ?")) < 0)
		return err;
	bind_text(st, 1, key);
	rc = ot_sql_step(st);
	if (rc == SQLITE_ROW)
		*out = col_dup(st, 0);
	else if (rc != SQLITE_DONE)
		err = ot_sqlite_error(t->db, "read meta");
	sqlite3_finalize(st);
	return err;
}

static int meta_set(ot_tracker *t, const char *key, const char *value)
{
	sqlite3_stmt *st = NULL;
	int err;
	if ((err = prepare(&st, t->db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)")) < 0)
		return err;
	bind_text(st, 1, key);
	bind_text(st, 2, value);
	if (ot_sql_step(st) != SQLITE_DONE)
		err = ot_sqlite_error(t->db, "write meta");
	sqlite3_finalize(st);
	return err;
}

static const char *kind_name(ot_node_kind k)
{
	return k == OT_NODE_SECTION ? "section" : k == OT_NODE_CLAUSE ? "clause" : "text";
}

#define INSERT_UNIT_SQL "INSERT INTO units(blob_id, pos, unit_id, kind, text) VALUES(?,?,?,?,?)"

/* Record the units of one section blob (pre-order, explicit stack) in
 * `units` with `ins` (INSERT_UNIT_SQL, prepared once per transaction: a
 * prepare per blob cost more than the rows).  The full-text index follows
 * lazily (ot_index_fts_catch_up): tokenizing a whole code costs more than
 * recording it. */
static int insert_units(sqlite3 *db, sqlite3_stmt *ins, const char *blob_hex, const ot_node *section)
{
	const ot_node **stack = NULL;
	size_t n = 0, cap = 0, i;
	long pos = 0;
	int err = 0;
	*OT_ARRAY_PUSH(stack, n, cap) = section;
	while (n) {
		const ot_node *cur = stack[--n];
		const char *text = cur->kind == OT_NODE_SECTION ? cur->heading : cur->text;
		for (i = cur->nchildren; i > 0; i--)
			*OT_ARRAY_PUSH(stack, n, cap) = cur->children[i - 1];
		ot_sql_bind_text(ins, 1, blob_hex, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(ins, 2, pos++);
		ot_sql_bind_text(ins, 3, cur->id, -1, SQLITE_TRANSIENT);
		ot_sql_bind_text(ins, 4, kind_name(cur->kind), -1, SQLITE_STATIC);
		ot_sql_bind_text(ins, 5, text ? text : "", -1, SQLITE_TRANSIENT);
		if (ot_sql_step(ins) != SQLITE_DONE) {
			err = ot_sqlite_error(db, "record clause");
			sqlite3_reset(ins);
			goto done;
		}
		sqlite3_reset(ins);
	}
done:
	free(stack);
	return err;
}

/* Statements used while indexing, prepared once per catch-up. */
typedef struct indexer {
	ot_tracker *t;
	sqlite3_stmt *ins_commit, *ins_sponsor, *ins_version, *ins_section,
		*has_blob, *ins_blob, *max_n, *ins_unit, *last_title;
	long seq;
} indexer;

static void indexer_release(indexer *ix)
{
	sqlite3_finalize(ix->ins_commit);
	sqlite3_finalize(ix->ins_sponsor);
	sqlite3_finalize(ix->ins_version);
	sqlite3_finalize(ix->ins_section);
	sqlite3_finalize(ix->has_blob);
	sqlite3_finalize(ix->ins_blob);
	sqlite3_finalize(ix->max_n);
	sqlite3_finalize(ix->ins_unit);
	sqlite3_finalize(ix->last_title);
}

static int indexer_init(indexer *ix, ot_tracker *t)
{
	sqlite3_stmt *st = NULL;
	int err;
	memset(ix, 0, sizeof(*ix));
	ix->t = t;
	if ((err = prepare(&ix->ins_commit, t->db,
			   "INSERT INTO commits(seq, commit_id, date, stage, record, subject) VALUES(?,?,?,?,?,?)")) < 0 ||
	    (err = prepare(&ix->ins_sponsor, t->db, "INSERT INTO sponsors(seq, pos, name) VALUES(?,?,?)")) < 0 ||
	    (err = prepare(&ix->ins_version, t->db,
			   "INSERT INTO versions(ordinance, n, seq, tree_id, title, nsections, units, change)"
			   " VALUES(?,?,?,?,?,?,?,?)")) < 0 ||
	    (err = prepare(&ix->ins_section, t->db,
			   "INSERT INTO sections(ordinance, n, section, blob_id) VALUES(?,?,?,?)")) < 0 ||
	    (err = prepare(&ix->has_blob, t->db, "SELECT units FROM blobs WHERE blob_id = ?")) < 0 ||
	    (err = prepare(&ix->ins_blob, t->db, "INSERT INTO blobs(blob_id, units) VALUES(?,?)")) < 0 ||
	    (err = prepare(&ix->max_n, t->db, "SELECT coalesce(max(n), 0) FROM versions WHERE ordinance = ?")) < 0 ||
	    (err = prepare(&ix->ins_unit, t->db, INSERT_UNIT_SQL)) < 0 ||
	    (err = prepare(&ix->last_title, t->db,
			   "SELECT n, title FROM versions WHERE ordinance = ? ORDER BY n DESC LIMIT 1")) < 0)
		return err;
	if ((err = prepare(&st, t->db, "SELECT coalesce(max(seq), 0) FROM commits")) < 0)
		return err;
	if ((err = step_row(t->db, st, "read the last commit")) > 0)
		ix->seq = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return err < 0 ? err : 0;
}

static int step_done(indexer *ix, sqlite3_stmt *st, const char *what)
{
	int rc = ot_sql_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return ot_sqlite_error(ix->t->db, what);
	return 0;
}

/* Make sure the blobs table knows `id`; its unit count into *units. */
static int index_blob(indexer *ix, const git_oid *id, const char *hex, long *units)
{
	git_blob *blob = NULL;
	int err;
	ot_sql_bind_text(ix->has_blob, 1, hex, -1, SQLITE_TRANSIENT);
	err = step_row(ix->t->db, ix->has_blob, "read blob");
	if (err > 0)
		*units = (long)sqlite3_column_int64(ix->has_blob, 0);
	sqlite3_reset(ix->has_blob);
	if (err != 0)
		return err < 0 ? err : 0;
	if ((err = git_blob_lookup(&blob, ix->t->repo, id)) < 0)
		return ot_git_error(err, "read section");
	*units = ot_canonical_units(git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	{
		ot_doc *doc = NULL;
		char label[80];
		snprintf(label, sizeof(label), "blob %s", hex);
		err = ot_doc_parse_text(&doc, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob), label);
		if (err == 0 && doc->nsections == 1)
			err = insert_units(ix->t->db, ix->ins_unit, hex, doc->sections[0]);
		else if (err == 0)
			err = ot_error_set(OT_EINVALID, "tracker: %s holds %zu sections, not one", label, doc->nsections);
		ot_doc_free(doc);
	}
	git_blob_free(blob);
	if (err < 0)
		return err;
	ot_sql_bind_text(ix->ins_blob, 1, hex, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(ix->ins_blob, 2, *units);
	return step_done(ix, ix->ins_blob, "record blob");
}

/* One version of `ord`: its subtree `tree_id`, and `old_id` the subtree
 * of the previous commit (NULL when the ordinance is new there). */
static int index_version(indexer *ix, const char *ord, const git_oid *tree_id, const git_oid *old_id)
{
	git_tree *tree = NULL, *old = NULL;
	const char *change = "text";
	char hex[GIT_OID_HEXSZ + 1];
	char *title = NULL;
	long n = 0, units = 0, total = 0;
	size_t i, count, nsections = 0;
	int err;

	if ((err = git_tree_lookup(&tree, ix->t->repo, tree_id)) < 0)
		return ot_git_error(err, "read ordinance tree");
	ot_sql_bind_text(ix->max_n, 1, ord, -1, SQLITE_TRANSIENT);
	if ((err = step_row(ix->t->db, ix->max_n, "read the last version")) > 0)
		n = sqlite3_column_int64(ix->max_n, 0) + 1;
	sqlite3_reset(ix->max_n);
	if (err < 0) {
		git_tree_free(tree);
		return err;
	}
	count = git_tree_entrycount(tree);
	for (i = 0; i < count; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		const char *name = git_tree_entry_name(e);
		if (strcmp(name, "ORDINANCE") == 0)
			continue;
		if (git_tree_entry_type(e) != GIT_OBJECT_BLOB ||
		    git_tree_entry_filemode(e) != GIT_FILEMODE_BLOB) {
			err = ot_error_set(OT_EINVALID, "tracker: ordinances/%s/%s is not a regular file; the tracker was not written by ordtrack",
					   ord, name);
			goto done;
		}
		if ((err = ot_name_check(OT_NAME_SECTION, name)) < 0) {
			err = ot_error_set(OT_EINVALID, "tracker: unsafe entry ordinances/%s/%s refused: %s",
					   ord, name, ot_error_last());
			goto done;
		}
		git_oid_tostr(hex, sizeof(hex), git_tree_entry_id(e));
		if ((err = index_blob(ix, git_tree_entry_id(e), hex, &units)) < 0)
			goto done;
		total += units;
		ot_sql_bind_text(ix->ins_section, 1, ord, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(ix->ins_section, 2, n);
		ot_sql_bind_text(ix->ins_section, 3, name, -1, SQLITE_TRANSIENT);
		ot_sql_bind_text(ix->ins_section, 4, hex, -1, SQLITE_TRANSIENT);
		if ((err = step_done(ix, ix->ins_section, "record section")) < 0)
			goto done;
		nsections++;
	}
	if (!(title = ot_gw_ordinance_title(ix->t, tree)))
		title = ot_strdup("");
	git_oid_tostr(hex, sizeof(hex), tree_id);
	ot_sql_bind_text(ix->ins_version, 1, ord, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(ix->ins_version, 2, n);
	sqlite3_bind_int64(ix->ins_version, 3, ix->seq);
	ot_sql_bind_text(ix->ins_version, 4, hex, -1, SQLITE_TRANSIENT);
	ot_sql_bind_text(ix->ins_version, 5, title, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(ix->ins_version, 6, (sqlite3_int64)nsections);
	sqlite3_bind_int64(ix->ins_version, 7, total);
	if (old_id) {
		if ((err = git_tree_lookup(&old, ix->t->repo, old_id)) < 0) {
			err = ot_git_error(err, "read ordinance tree");
			goto done;
		}
		if (ot_gw_notes_only(ix->t, old, tree))
			change = "notes";
	}
	ot_sql_bind_text(ix->ins_version, 8, change, -1, SQLITE_STATIC);
	err = step_done(ix, ix->ins_version, "record version");
done:
	free(title);
	git_tree_free(tree);
	git_tree_free(old);
	return err;
}

/* The repeal of `ord` (in the previous commit, absent from this one): a
 * version with no sections, the empty tree and its last title. */
static int index_repeal(indexer *ix, const char *ord)
{
	static const char empty_tree[] = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
	char *title = NULL;
	long n = 0;
	int err;
	ot_sql_bind_text(ix->last_title, 1, ord, -1, SQLITE_TRANSIENT);
	if ((err = step_row(ix->t->db, ix->last_title, "read the last version")) > 0) {
		n = sqlite3_column_int64(ix->last_title, 0) + 1;
		title = col_dup(ix->last_title, 1);
	}
	sqlite3_reset(ix->last_title);
	if (err < 0)
		return err;
	if (!n)
		return 0; /* never indexed: nothing to close */
	ot_sql_bind_text(ix->ins_version, 1, ord, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(ix->ins_version, 2, n);
	sqlite3_bind_int64(ix->ins_version, 3, ix->seq);
	ot_sql_bind_text(ix->ins_version, 4, empty_tree, -1, SQLITE_STATIC);
	ot_sql_bind_text(ix->ins_version, 5, title, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(ix->ins_version, 6, 0);
	sqlite3_bind_int64(ix->ins_version, 7, 0);
	ot_sql_bind_text(ix->ins_version, 8, "repealed", -1, SQLITE_STATIC);
	err = step_done(ix, ix->ins_version, "record repeal");
	free(title);
	return err;
}

/* The "ordinances" subtree of a commit's tree, or NULL when absent. */
static int ordinances_tree(git_tree **out, git_repository *repo, const git_commit *c)
{
	git_tree *root = NULL;
	const git_tree_entry *e;
	int err;
	*out = NULL;
	if (!c)
		return 0;
	if ((err = git_commit_tree(&root, c)) < 0)
		return ot_git_error(err, "read commit tree");
	e = git_tree_entry_byname(root, "ordinances");
	if (e && git_tree_entry_type(e) == GIT_OBJECT_TREE)
		err = git_tree_lookup(out, repo, git_tree_entry_id(e));
	git_tree_free(root);
	return err < 0 ? ot_git_error(err, "read ordinances tree") : 0;
}

static const char *trailer(const git_message_trailer_array *tr, const char *key)
{
	size_t i;
	for (i = 0; i < tr->count; i++)
		if (strcasecmp(tr->trailers[i].key, key) == 0)
			return tr->trailers[i].value;
	return "";
}

static int index_commit(indexer *ix, git_commit *c)
{
	git_commit *parent = NULL;
	git_tree *now = NULL, *before = NULL;
	git_message_trailer_array tr = {0};
	char hex[GIT_OID_HEXSZ + 1];
	const char *msg = git_commit_message(c);
	const char *summary = git_commit_summary(c);
	const char *date;
	size_t i, pos = 0, count;
	int err;

	if (git_commit_parentcount(c) > 0 && (err = git_commit_parent(&parent, c, 0)) < 0)
		return ot_git_error(err, "read parent commit");
	if ((err = ordinances_tree(&now, ix->t->repo, c)) < 0 ||
	    (err = ordinances_tree(&before, ix->t->repo, parent)) < 0)
		goto done;
	git_message_trailers(&tr, msg ? msg : "");
	ix->seq++;
	git_oid_tostr(hex, sizeof(hex), git_commit_id(c));
	sqlite3_bind_int64(ix->ins_commit, 1, ix->seq);
	ot_sql_bind_text(ix->ins_commit, 2, hex, -1, SQLITE_TRANSIENT);
	/* a Date: trailer that is not a calendar date (a commit written by
	 * another tool) is indexed as no date; the schema refuses others */
	date = trailer(&tr, "Date");
	bind_text(ix->ins_commit, 3, ot_date_parse(NULL, date) == 0 ? date : "");
	ot_error_clear();
	bind_text(ix->ins_commit, 4, trailer(&tr, "Stage"));
	bind_text(ix->ins_commit, 5, trailer(&tr, "Record"));
	bind_text(ix->ins_commit, 6, summary ? summary : "");
	if ((err = step_done(ix, ix->ins_commit, "record commit")) < 0)
		goto done;
	for (i = 0; i < tr.count; i++) {
		if (strcasecmp(tr.trailers[i].key, "Sponsor") != 0)
			continue;
		sqlite3_bind_int64(ix->ins_sponsor, 1, ix->seq);
		sqlite3_bind_int64(ix->ins_sponsor, 2, (sqlite3_int64)pos++);
		bind_text(ix->ins_sponsor, 3, tr.trailers[i].value);
		if ((err = step_done(ix, ix->ins_sponsor, "record sponsor")) < 0)
			goto done;
	}
	count = now ? git_tree_entrycount(now) : 0;
	for (i = 0; i < count; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(now, i), *old;
		const char *name = git_tree_entry_name(e);
		if (git_tree_entry_type(e) != GIT_OBJECT_TREE) {
			err = ot_error_set(OT_EINVALID, "tracker: ordinances/%s is not a directory; the tracker was not written by ordtrack", name);
			goto done;
		}
		if ((err = ot_name_check(OT_NAME_ORDINANCE, name)) < 0) {
			err = ot_error_set(OT_EINVALID, "tracker: unsafe entry ordinances/%s refused: %s",
					   name, ot_error_last());
			goto done;
		}
		old = before ? git_tree_entry_byname(before, name) : NULL;
		if (old && git_oid_equal(git_tree_entry_id(old), git_tree_entry_id(e)))
			continue;
		if ((err = index_version(ix, name, git_tree_entry_id(e),
					 old && git_tree_entry_type(old) == GIT_OBJECT_TREE ? git_tree_entry_id(old)
											   : NULL)) < 0)
			goto done;
	}
	/* ordinances the commit removed: repealed */
	count = before ? git_tree_entrycount(before) : 0;
	for (i = 0; i < count; i++) {
		const char *name = git_tree_entry_name(git_tree_entry_byindex(before, i));
		if (now && git_tree_entry_byname(now, name))
			continue;
		if (ot_name_check(OT_NAME_ORDINANCE, name) < 0) {
			ot_error_clear();
			continue; /* refused when its commit was indexed */
		}
		if ((err = index_repeal(ix, name)) < 0)
			goto done;
	}
done:
	git_message_trailer_array_free(&tr);
	git_tree_free(now);
	git_tree_free(before);
	git_commit_free(parent);
	return err;
}

static int clear_all(ot_tracker *t)
{
	/* children before parents, so no foreign key is left dangling */
	return exec(t->db, "INSERT INTO units_fts(units_fts) VALUES('delete-all'); DELETE FROM units;"
			   "DELETE FROM record_links; DELETE FROM record_roll; DELETE FROM record_votes;"
			   "DELETE FROM record_actions; DELETE FROM record_versions; DELETE FROM record_sponsors;"
			   "DELETE FROM record_ordinances; DELETE FROM records;"
			   "DELETE FROM sections; DELETE FROM versions; DELETE FROM sponsors;"
			   "DELETE FROM commits; DELETE FROM blobs; DELETE FROM meta;");
}

/* Index main's first-parent commits after `from` (hex, or NULL for all). */
static int catch_up_locked(ot_tracker *t, int rebuild)
{
	char head[41], *indexed = NULL;
	git_oid *line = NULL;
	size_t n = 0, cap = 0, i;
	git_commit *c = NULL;
	indexer ix;
	int err, found = 0, in_tx = 0, main_level;

	memset(&ix, 0, sizeof(ix));
	err = ot_store_head(head, t);
	if (err == OT_ENOTFOUND)
		head[0] = '\0';
	else if (err < 0)
		return err;
	if (!rebuild && (err = meta_get(&indexed, t, "main")) < 0)
		return err;
	main_level = !rebuild && indexed && strcmp(indexed, head) == 0;
	/* main indexed: only the records may have moved */
	if (main_level && (err = ot_index_records_stale(t)) <= 0)
		goto done;
	if ((err = exec(t->db, "BEGIN IMMEDIATE")) < 0)
		goto done;
	in_tx = 1;
	if (main_level)
		goto records;
	if (head[0]) {
		git_oid cur;
		git_oid_fromstr(&cur, head);
		for (;;) {
			char hex[GIT_OID_HEXSZ + 1];
			git_oid_tostr(hex, sizeof(hex), &cur);
			if (indexed && *indexed && strcmp(hex, indexed) == 0) {
				found = 1;
				break;
			}
			*OT_ARRAY_PUSH(line, n, cap) = cur;
			if ((err = git_commit_lookup(&c, t->repo, &cur)) < 0) {
				err = ot_git_error(err, "read main's history");
				goto done;
			}
			if (git_commit_parentcount(c) == 0) {
				git_commit_free(c);
				c = NULL;
				break;
			}
			cur = *git_commit_parent_id(c, 0);
			git_commit_free(c);
			c = NULL;
		}
	}
	/* a rebuild starts from nothing; main rewritten (or a first catch-up)
	 * drops the history tables but keeps the blobs and their clauses, a
	 * cache keyed by content that stays true, and that a write has just
	 * filled for the sections it stored (ot_index_note_blobs) */
	if (rebuild) {
		if ((err = clear_all(t)) < 0)
			goto done;
	} else if (!found) {
		if ((err = exec(t->db, "DELETE FROM sections; DELETE FROM versions; DELETE FROM sponsors;"
				       "DELETE FROM commits; DELETE FROM meta WHERE key = 'main';")) < 0)
			goto done;
	}
	if ((err = indexer_init(&ix, t)) < 0)
		goto done;
	for (i = n; i > 0; i--) {
		if ((err = git_commit_lookup(&c, t->repo, &line[i - 1])) < 0) {
			err = ot_git_error(err, "read commit");
			goto done;
		}
		if ((err = index_commit(&ix, c)) < 0)
			goto done;
		git_commit_free(c);
		c = NULL;
	}
	if ((err = meta_set(t, "main", head)) < 0 || (err = meta_set(t, "schema", SCHEMA_VERSION)) < 0)
		goto done;
	indexer_release(&ix);
	memset(&ix, 0, sizeof(ix));
records:
	/* the records, in the same transaction: their rows name main's
	 * copies of their JSON, which the commits above may have changed */
	if ((err = ot_index_records_catch_up(t)) < 0)
		goto done;
	err = exec(t->db, "COMMIT");
	in_tx = 0;
done:
	indexer_release(&ix);
	if (in_tx)
		sqlite3_exec(t->db, "ROLLBACK", NULL, NULL, NULL);
	git_commit_free(c);
	free(line);
	free(indexed);
	return err;
}

int ot_index_catch_up(ot_tracker *t)
{
	char head[41], *indexed = NULL;
	int err;

	/* fast path without the lock: nothing moved */
	err = ot_store_head(head, t);
	if (err == OT_ENOTFOUND)
		head[0] = '\0';
	else if (err < 0)
		return err;
	if ((err = meta_get(&indexed, t, "main")) < 0)
		return err;
	if (indexed && strcmp(indexed, head) == 0 && (err = ot_index_records_stale(t)) <= 0) {
		free(indexed);
		return err;
	}
	free(indexed);
	if ((err = ot_tracker_lock(t, OT_LOCK_TIMEOUT_MS)) < 0)
		return err;
	err = catch_up_locked(t, 0);
	ot_tracker_unlock(t);
	return err;
}

int ot_index_rebuild(ot_tracker *t)
{
	int err;
	if ((err = ot_tracker_lock(t, OT_LOCK_TIMEOUT_MS)) < 0)
		return err;
	err = catch_up_locked(t, 1);
	ot_tracker_unlock(t);
	return err;
}

int ot_index_rebuild_to(ot_tracker *t, const char *path)
{
	sqlite3 *saved = t->db;
	int err;

	if (remove(path) < 0 && errno != ENOENT)
		return ot_error_set(-1, "cannot replace '%s': %s", path, strerror(errno));
	if ((err = open_db(&t->db, path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) < 0)
		goto done;
	if ((err = configure(t->db, 0)) < 0 || (err = upgrade_schema(t)) < 0)
		goto done;
	err = catch_up_locked(t, 1);
done:
	if (t->db && sqlite3_close(t->db) != SQLITE_OK && err == 0)
		err = ot_sqlite_error(t->db, "close the rebuilt index");
	t->db = saved;
	return err;
}

int ot_index_note_blobs(ot_tracker *t, const ot_blob_units *blobs, size_t n)
{
	sqlite3_stmt *st = NULL, *ins_unit = NULL;
	char hex[GIT_OID_HEXSZ + 1];
	size_t i;
	int err;
	if (!n)
		return 0;
	if ((err = exec(t->db, "BEGIN IMMEDIATE")) < 0)
		return err;
	if ((err = prepare(&st, t->db, "INSERT OR IGNORE INTO blobs(blob_id, units) VALUES(?, ?)")) < 0 ||
	    (err = prepare(&ins_unit, t->db, INSERT_UNIT_SQL)) < 0)
		goto done;
	for (i = 0; i < n; i++) {
		git_oid_tostr(hex, sizeof(hex), &blobs[i].id);
		ot_sql_bind_text(st, 1, hex, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, blobs[i].units);
		if (ot_sql_step(st) != SQLITE_DONE) {
			err = ot_sqlite_error(t->db, "record blob");
			goto done;
		}
		sqlite3_reset(st);
		/* a blob seen for the first time: its clauses too */
		if (sqlite3_changes(t->db) == 1 && blobs[i].section &&
		    (err = insert_units(t->db, ins_unit, hex, blobs[i].section)) < 0)
			goto done;
	}
done:
	sqlite3_finalize(st);
	sqlite3_finalize(ins_unit);
	if (err < 0) {
		sqlite3_exec(t->db, "ROLLBACK", NULL, NULL, NULL);
		return err;
	}
	return exec(t->db, "COMMIT");
}

int ot_index_fts_catch_up(ot_tracker *t)
{
	char *done_s = NULL;
	sqlite3_stmt *st = NULL;
	long long done_id = 0, max_id = 0;
	char buf[32];
	int err;

	if ((err = meta_get(&done_s, t, "fts_rowid")) < 0)
		return err;
	done_id = done_s ? atoll(done_s) : 0;
	free(done_s);
	if ((err = prepare(&st, t->db, "SELECT coalesce(max(rowid), 0) FROM units")) < 0)
		return err;
	if ((err = step_row(t->db, st, "read the units")) > 0)
		max_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (err < 0)
		return err;
	if (max_id == done_id)
		return 0;
	if ((err = ot_tracker_lock(t, OT_LOCK_TIMEOUT_MS)) < 0)
		return err;
	if ((err = exec(t->db, "BEGIN IMMEDIATE")) < 0)
		goto unlock;
	/* units are only ever added or all deleted: a lower maximum than
	 * recorded means a rebuild, which also emptied the FTS index */
	if (max_id < done_id)
		done_id = 0;
	if ((err = prepare(&st, t->db,
			   "INSERT INTO units_fts(rowid, text) SELECT rowid, text FROM units WHERE rowid > ?")) < 0)
		goto rollback;
	sqlite3_bind_int64(st, 1, done_id);
	if (ot_sql_step(st) != SQLITE_DONE) {
		err = ot_sqlite_error(t->db, "index clause text");
		sqlite3_finalize(st);
		goto rollback;
	}
	sqlite3_finalize(st);
	snprintf(buf, sizeof(buf), "%lld", max_id);
	if ((err = meta_set(t, "fts_rowid", buf)) < 0)
		goto rollback;
	err = exec(t->db, "COMMIT");
	goto unlock;
rollback:
	sqlite3_exec(t->db, "ROLLBACK", NULL, NULL, NULL);
unlock:
	ot_tracker_unlock(t);
	return err;
}

long ot_index_blob_units(ot_tracker *t, const char *blob_hex)
{
	sqlite3_stmt *st = NULL;
	long units = -1;
	if (prepare(&st, t->db, "SELECT units FROM blobs WHERE blob_id = ?") < 0)
		return -1;
	bind_text(st, 1, blob_hex);
	if (ot_sql_step(st) == SQLITE_ROW)
		units = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return units;
}

long ot_index_version_units(ot_tracker *t, const char *commit, const char *ord)
{
	sqlite3_stmt *st = NULL;
	long units = -1;
	if (prepare(&st, t->db,
		    "SELECT v.units FROM versions v JOIN commits c ON c.seq = v.seq"
		    " WHERE v.ordinance = ?1 AND c.commit_id = ?2") < 0)
		return -1;
	bind_text(st, 1, ord);
	bind_text(st, 2, commit);
	if (ot_sql_step(st) == SQLITE_ROW)
		units = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return units;
}

void ot_version_list_release(ot_version_list *list)
{
	size_t i, j;
	for (i = 0; i < list->n; i++) {
		ot_version *v = &list->items[i];
		free(v->ordinance);
		free(v->date);
		free(v->stage);
		free(v->record);
		free(v->subject);
		free(v->title);
		for (j = 0; j < v->nsponsors; j++)
			free(v->sponsors[j]);
		free(v->sponsors);
	}
	free(list->items);
	memset(list, 0, sizeof(*list));
}

int ot_index_versions(ot_version_list *out, ot_tracker *t, const char *ord)
{
	sqlite3_stmt *st = NULL, *sp = NULL;
	int err, rc;

	memset(out, 0, sizeof(*out));
	if ((err = prepare(&st, t->db,
			   "SELECT v.ordinance, v.n, c.commit_id, c.date, c.stage, c.record, c.subject,"
			   " v.title, v.nsections, c.seq, v.change FROM versions v JOIN commits c ON c.seq = v.seq"
			   " WHERE ?1 IS NULL OR v.ordinance = ?1"
			   " ORDER BY c.seq DESC, v.ordinance")) < 0 ||
	    (err = prepare(&sp, t->db, "SELECT name FROM sponsors WHERE seq = ? ORDER BY pos")) < 0)
		goto done;
	if (ord)
		bind_text(st, 1, ord);
	while ((rc = ot_sql_step(st)) == SQLITE_ROW) {
		ot_version *v = OT_ARRAY_PUSH(out->items, out->n, out->cap);
		size_t cap = 0;
		memset(v, 0, sizeof(*v));
		v->ordinance = col_dup(st, 0);
		v->number = sqlite3_column_int(st, 1);
		snprintf(v->commit, sizeof(v->commit), "%s", (const char *)sqlite3_column_text(st, 2));
		v->date = col_dup(st, 3);
		v->stage = col_dup(st, 4);
		v->record = col_dup(st, 5);
		v->subject = col_dup(st, 6);
		v->title = col_dup(st, 7);
		v->sections = (size_t)sqlite3_column_int64(st, 8);
		{
			const char *ch = (const char *)sqlite3_column_text(st, 10);
			v->repealed = ch && strcmp(ch, "repealed") == 0;
			v->notes_only = ch && strcmp(ch, "notes") == 0;
		}
		sqlite3_bind_int64(sp, 1, sqlite3_column_int64(st, 9));
		while (ot_sql_step(sp) == SQLITE_ROW)
			*OT_ARRAY_PUSH(v->sponsors, v->nsponsors, cap) = col_dup(sp, 0);
		sqlite3_reset(sp);
	}
	if (rc != SQLITE_DONE)
		err = ot_sqlite_error(t->db, "list versions");
done:
	sqlite3_finalize(st);
	sqlite3_finalize(sp);
	if (err < 0)
		ot_version_list_release(out);
	return err;
}

int ot_index_ordinances(char ***out, size_t *nout, ot_tracker *t)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int err;
	*out = NULL;
	*nout = 0;
	if ((err = prepare(&st, t->db, "SELECT DISTINCT ordinance FROM versions ORDER BY ordinance")) < 0)
		return err;
	while (ot_sql_step(st) == SQLITE_ROW)
		*OT_ARRAY_PUSH(*out, *nout, cap) = col_dup(st, 0);
	sqlite3_finalize(st);
	return 0;
}

int ot_index_main_commits(ot_main_commit **out, size_t *n, ot_tracker *t)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int err, rc;
	*out = NULL;
	*n = 0;
	if ((err = prepare(&st, t->db, "SELECT commit_id, date FROM commits ORDER BY seq")) < 0)
		return err;
	while ((rc = ot_sql_step(st)) == SQLITE_ROW) {
		ot_main_commit *c = OT_ARRAY_PUSH(*out, *n, cap);
		snprintf(c->commit, sizeof(c->commit), "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(c->date, sizeof(c->date), "%s", (const char *)sqlite3_column_text(st, 1));
	}
	if (rc != SQLITE_DONE) {
		err = ot_sqlite_error(t->db, "list main's commits");
		free(*out);
		*out = NULL;
		*n = 0;
	}
	sqlite3_finalize(st);
	return err;
}
