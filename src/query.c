/*
 * query.c - history, blame and search answered from the index (see
 * ordtrack/query.h).  No blob is read and no text is diffed: a clause's
 * text at a version is found through sections(ordinance, n, section,
 * blob_id) and units(blob_id, unit_id, text).  A change of text that is
 * only typographic (ot_text_typographic_equal, as the diff decides) is a
 * 't' step in the history and is passed over by blame.
 *
 * The two questions about records read them from git (ot_record_load):
 * blame's tallies, one load per record named, and the record search,
 * which builds a temporary in-memory FTS5 table of every record's title
 * and sponsors and queries it, so nothing about records lives only in
 * SQLite.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"
#include "ordtrack/diff.h"
#include "ordtrack/doc.h"
#include "ordtrack/query.h"
#include "ordtrack/record.h"
#include "tracker_internal.h"

static char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return ot_strdup(s ? (const char *)s : "");
}

static void version_release(ot_version_ref *v)
{
	free(v->date);
	free(v->stage);
	free(v->record);
}

static void version_copy(ot_version_ref *dst, const ot_version_ref *src)
{
	*dst = *src;
	dst->date = ot_strdup(src->date);
	dst->stage = ot_strdup(src->stage);
	dst->record = ot_strdup(src->record);
}

/* All versions of `ord`, indexed by number (slot 0 unused). */
static int load_versions(ot_version_ref **out, int *max, ot_tracker *t, const char *ord)
{
	sqlite3_stmt *st = NULL;
	int rc;
	*out = NULL;
	*max = 0;
	if (sqlite3_prepare_v2(t->db,
			       "SELECT v.n, c.commit_id, c.date, c.stage, c.record, v.change FROM versions v"
			       " JOIN commits c ON c.seq = v.seq WHERE v.ordinance = ? ORDER BY v.n",
			       -1, &st, NULL) != SQLITE_OK)
		return ot_sqlite_error(t->db, "list versions");
	ot_sql_bind_text(st, 1, ord, -1, SQLITE_TRANSIENT);
	while ((rc = ot_sql_step(st)) == SQLITE_ROW) {
		int n = sqlite3_column_int(st, 0);
		ot_version_ref *v;
		if (n != *max + 1)
			break; /* numbers are 1..N; anything else is a damaged index */
		*out = ot_reallocarray(*out, (size_t)n + 1, sizeof(**out));
		v = &(*out)[n];
		v->number = n;
		snprintf(v->commit, sizeof(v->commit), "%s", (const char *)sqlite3_column_text(st, 1));
		v->date = col(st, 2);
		v->stage = col(st, 3);
		v->record = col(st, 4);
		{
			const unsigned char *ch = sqlite3_column_text(st, 5);
			v->repealed = ch && strcmp((const char *)ch, "repealed") == 0;
		}
		*max = n;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return ot_sqlite_error(t->db, "list versions");
	if (*max == 0) {
		ot_error_set(OT_ENOTFOUND, "unknown ordinance '%s'", ord);
		ot_error_hint(OT_HINT_LIST_ORDINANCES);
		return OT_ENOTFOUND;
	}
	return 0;
}

static void free_versions(ot_version_ref *v, int max)
{
	int i;
	for (i = 1; i <= max; i++)
		version_release(&v[i]);
	free(v);
}

/* The section number of a unit id: up to the first '(' or '~'. */
static char *section_of(const char *id)
{
	return ot_strndup(id, strcspn(id, "(~"));
}

void ot_clause_history_release(ot_clause_history *h)
{
	size_t i;
	for (i = 0; i < h->n; i++) {
		version_release(&h->items[i].version);
		free(h->items[i].text);
	}
	free(h->items);
	memset(h, 0, sizeof(*h));
}

/* Run the queries of one answer in one read transaction (when none is
 * open): otherwise every statement takes and drops SQLite's locks, two
 * fcntl calls and a stat per step, 4,500 system calls for the history of
 * one clause over 1,000 versions.  Returns 1 when it began one, for
 * read_end. */
static int read_begin(ot_tracker *t)
{
	return sqlite3_get_autocommit(t->db) && sqlite3_exec(t->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

static void read_end(ot_tracker *t, int began)
{
	if (began)
		sqlite3_exec(t->db, "COMMIT", NULL, NULL, NULL);
}

/* 1 when two texts of a unit differ at most in typography (the diff's
 * TYPOGRAPHIC rule, ot_text_typographic_equal). */
static int typo_same(const char *a, const char *b)
{
	return ot_text_typographic_equal(a, strlen(a), b, strlen(b));
}

int ot_query_history(ot_clause_history *out, ot_tracker *t, const char *ord, const char *id)
{
	ot_version_ref *vs = NULL;
	sqlite3_stmt *st = NULL;
	char *sec = section_of(id), *prev = NULL;
	int max = 0, n, err, had = 0, began = read_begin(t);

	memset(out, 0, sizeof(*out));
	if ((err = load_versions(&vs, &max, t, ord)) < 0)
		goto done;
	if (sqlite3_prepare_v2(t->db,
			       "SELECT u.text FROM sections s JOIN units u ON u.blob_id = s.blob_id AND u.unit_id = ?3"
			       " WHERE s.ordinance = ?1 AND s.n = ?2 AND s.section = ?4",
			       -1, &st, NULL) != SQLITE_OK) {
		err = ot_sqlite_error(t->db, "clause history");
		goto done;
	}
	for (n = 1; n <= max; n++) {
		char *text = NULL;
		ot_sql_bind_text(st, 1, ord, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, n);
		ot_sql_bind_text(st, 3, id, -1, SQLITE_TRANSIENT);
		ot_sql_bind_text(st, 4, sec, -1, SQLITE_TRANSIENT);
		if (ot_sql_step(st) == SQLITE_ROW)
			text = col(st, 0);
		sqlite3_reset(st);
		if ((text && !had) || (!text && had) || (text && had && strcmp(text, prev) != 0)) {
			ot_clause_step *s = OT_ARRAY_PUSH(out->items, out->n, out->cap);
			version_copy(&s->version, &vs[n]);
			s->text = text ? ot_strdup(text) : NULL;
			s->change = !had ? 'a' : !text ? 'r' : typo_same(prev, text) ? 't' : 'm';
		}
		free(prev);
		prev = text;
		had = text != NULL;
	}
	if (!out->n && vs[max].repealed && max > 1) {
		err = ot_error_set(OT_ENOTFOUND, "%s never had a clause '%s'; %s was repealed on %s (version %d)", ord, id,
				   ord, vs[max].date, max);
		ot_error_hint_about(OT_HINT_LAST_CLAUSES, "%s@%d", ord, max - 1);
	} else if (!out->n) {
		err = ot_error_set(OT_ENOTFOUND, "%s never had a clause '%s'", ord, id);
		ot_error_hint_about(OT_HINT_LIST_CLAUSES, "%s", ord);
	}
done:
	free(prev);
	free(sec);
	sqlite3_finalize(st);
	read_end(t, began);
	free_versions(vs, max);
	if (err < 0)
		ot_clause_history_release(out);
	return err;
}

void ot_blame_release(ot_blame *b)
{
	size_t i;
	for (i = 0; i < b->n; i++) {
		free(b->items[i].id);
		free(b->items[i].kind);
		free(b->items[i].text);
		free(b->items[i].tally);
		version_release(&b->items[i].version);
	}
	free(b->items);
	memset(b, 0, sizeof(*b));
}

typedef struct sec_row {
	char *section;
	char *blob;
} sec_row;

static int cmp_sec_row(const void *a, const void *b)
{
	return ot_num_compare(((const sec_row *)a)->section, ((const sec_row *)b)->section);
}

/* The text of unit `id` in blob `blob`, or NULL. */
static char *unit_text(sqlite3_stmt *st, const char *blob, const char *id)
{
	char *text = NULL;
	ot_sql_bind_text(st, 1, blob, -1, SQLITE_TRANSIENT);
	ot_sql_bind_text(st, 2, id, -1, SQLITE_TRANSIENT);
	if (ot_sql_step(st) == SQLITE_ROW)
		text = col(st, 0);
	sqlite3_reset(st);
	return text;
}

int ot_query_blame(ot_blame *out, ot_tracker *t, const char *ord, int number)
{
	ot_version_ref *vs = NULL;
	sqlite3_stmt *secs = NULL, *hist = NULL, *units = NULL, *one = NULL;
	sec_row *rows = NULL;
	size_t nrows = 0, rcap = 0, i;
	char **blobs = NULL; /* blob of the current section at versions 1..number, or NULL */
	int max = 0, err, n, began = read_begin(t);

	memset(out, 0, sizeof(*out));
	if ((err = load_versions(&vs, &max, t, ord)) < 0)
		goto done;
	if (number < 1 || number > max) {
		err = ot_error_set(OT_ENOTFOUND, "%s has no version %d", ord, number);
		goto done;
	}
	if (sqlite3_prepare_v2(t->db, "SELECT section, blob_id FROM sections WHERE ordinance = ? AND n = ?", -1, &secs,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(t->db,
			       "SELECT n, blob_id FROM sections INDEXED BY sections_by_section"
			       " WHERE ordinance = ? AND section = ? AND n <= ?", -1,
			       &hist, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(t->db, "SELECT unit_id, kind, text FROM units WHERE blob_id = ? ORDER BY pos", -1,
			       &units, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(t->db, "SELECT text FROM units WHERE blob_id = ? AND unit_id = ?", -1, &one, NULL) !=
		    SQLITE_OK) {
		err = ot_sqlite_error(t->db, "blame");
		goto done;
	}
	ot_sql_bind_text(secs, 1, ord, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(secs, 2, number);
	while (ot_sql_step(secs) == SQLITE_ROW)
		*OT_ARRAY_PUSH(rows, nrows, rcap) = (sec_row){col(secs, 0), col(secs, 1)};
	qsort(rows, nrows, sizeof(*rows), cmp_sec_row);
	blobs = ot_calloc((size_t)number + 1, sizeof(char *));
	for (i = 0; i < nrows; i++) {
		for (n = 1; n <= number; n++) {
			free(blobs[n]);
			blobs[n] = NULL;
		}
		ot_sql_bind_text(hist, 1, ord, -1, SQLITE_TRANSIENT);
		ot_sql_bind_text(hist, 2, rows[i].section, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(hist, 3, number);
		while (ot_sql_step(hist) == SQLITE_ROW) {
			int k = sqlite3_column_int(hist, 0);
			if (k >= 1 && k <= number)
				blobs[k] = col(hist, 1);
		}
		sqlite3_reset(hist);
		ot_sql_bind_text(units, 1, rows[i].blob, -1, SQLITE_TRANSIENT);
		while (ot_sql_step(units) == SQLITE_ROW) {
			ot_blame_line *l = OT_ARRAY_PUSH(out->items, out->n, out->cap);
			int from = number;
			l->id = col(units, 0);
			l->kind = col(units, 1);
			l->text = col(units, 2);
			l->tally = NULL;
			/* walk back while the unit's text is the same, or
			 * differs only in typography: blame credits the last
			 * substantive change, never a quote or a dash */
			while (from > 1 && blobs[from - 1]) {
				char *prev;
				int same;
				if (strcmp(blobs[from - 1], blobs[from]) == 0) {
					from--;
					continue;
				}
				prev = unit_text(one, blobs[from - 1], l->id);
				same = prev && (strcmp(prev, l->text) == 0 || typo_same(prev, l->text));
				free(prev);
				if (!same)
					break;
				from--;
			}
			version_copy(&l->version, &vs[from]);
		}
		sqlite3_reset(units);
	}
done:
	if (blobs)
		for (n = 1; n <= number; n++)
			free(blobs[n]);
	free(blobs);
	for (i = 0; i < nrows; i++) {
		free(rows[i].section);
		free(rows[i].blob);
	}
	free(rows);
	sqlite3_finalize(secs);
	sqlite3_finalize(hist);
	sqlite3_finalize(units);
	sqlite3_finalize(one);
	read_end(t, began);
	free_versions(vs, max);
	if (err < 0)
		ot_blame_release(out);
	return err;
}

void ot_search_hits_release(ot_search_hits *h)
{
	size_t i;
	for (i = 0; i < h->n; i++) {
		free(h->items[i].ordinance);
		free(h->items[i].id);
		free(h->items[i].snippet);
	}
	free(h->items);
	memset(h, 0, sizeof(*h));
}

/* The whole of q as one FTS5 phrase: "O'Shea" for O'Shea (a quote
 * doubled inside).  What a query FTS5 cannot read is searched as. */
static char *fts_phrase(const char *q)
{
	ot_buf b = OT_BUF_INIT;
	char *out;
	ot_buf_putc(&b, '"');
	for (; *q; q++) {
		if (*q == '"')
			ot_buf_putc(&b, '"');
		ot_buf_putc(&b, *q);
	}
	ot_buf_putc(&b, '"');
	out = ot_strndup(b.ptr, b.len);
	ot_buf_release(&b);
	return out;
}

/* Did the last step fail on a MATCH expression FTS5 cannot read (a plain
 * SQLITE_ERROR: "fts5: syntax error near ...", "unterminated string")? */
static int fts_syntax_error(sqlite3 *db)
{
	return sqlite3_errcode(db) == SQLITE_ERROR;
}

int ot_query_search(ot_search_hits *out, ot_tracker *t, const char *query, const char *ord, const char *as_of,
		    size_t limit)
{
	char *phrase = NULL;
	sqlite3_stmt *st = NULL;
	int rc, err = 0;

	memset(out, 0, sizeof(*out));
	if (!query || !*query)
		return ot_error_set(OT_EINVALID, "empty search query");
	if ((err = ot_index_fts_catch_up(t)) < 0)
		return err;
	if (sqlite3_prepare_v2(t->db,
			       "WITH cur AS (SELECT v.ordinance AS ordinance, max(v.n) AS n FROM versions v"
			       "  JOIN commits c ON c.seq = v.seq"
			       "  WHERE (?2 IS NULL OR c.date <= ?2) AND (?3 IS NULL OR v.ordinance = ?3)"
			       "  GROUP BY v.ordinance)"
			       " SELECT cur.ordinance, cur.n, u.unit_id,"
			       "  snippet(units_fts, 0, '[', ']', '...', 16)"
			       " FROM units_fts JOIN units u ON u.rowid = units_fts.rowid"
			       " JOIN sections s ON s.blob_id = u.blob_id"
			       " JOIN cur ON s.ordinance = cur.ordinance AND s.n = cur.n"
			       " WHERE units_fts MATCH ?1 ORDER BY rank, cur.ordinance, u.unit_id LIMIT ?4",
			       -1, &st, NULL) != SQLITE_OK)
		return ot_sqlite_error(t->db, "search");
	if (as_of)
		ot_sql_bind_text(st, 2, as_of, -1, SQLITE_TRANSIENT);
	if (ord)
		ot_sql_bind_text(st, 3, ord, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)(limit ? limit : 50));
again:
	ot_sql_bind_text(st, 1, phrase ? phrase : query, -1, SQLITE_TRANSIENT);
	while ((rc = ot_sql_step(st)) == SQLITE_ROW) {
		ot_search_hit *h = OT_ARRAY_PUSH(out->items, out->n, out->cap);
		h->ordinance = col(st, 0);
		h->version = sqlite3_column_int(st, 1);
		h->id = col(st, 2);
		h->snippet = col(st, 3);
	}
	if (rc != SQLITE_DONE && !phrase && fts_syntax_error(t->db)) {
		/* text FTS5 cannot read ("O'Shea", a stray quote or operator):
		 * the whole of it as a phrase */
		ot_search_hits_release(out);
		sqlite3_reset(st);
		phrase = fts_phrase(query);
		out->phrase = 1;
		goto again;
	}
	if (rc != SQLITE_DONE) {
		if (fts_syntax_error(t->db))
			err = ot_error_set(OT_EINVALID,
					   "cannot read the search query '%s' (%s); use words, \"a phrase\", OR, NOT, prefix*",
					   query, sqlite3_errmsg(t->db));
		else
			err = ot_sqlite_error(t->db, "search");
		ot_search_hits_release(out);
	}
	sqlite3_finalize(st);
	free(phrase);
	return err;
}

/* The passing tally of record `id` ("41-8"), or NULL: the vote that
 * stands (latest by date) when it passed, else the passing vote recorded
 * last.  A record that cannot be read has none. */
static char *record_tally(ot_tracker *t, const char *id)
{
	ot_record r;
	char *tally = NULL;
	size_t i;
	if (ot_record_load(&r, NULL, t, id) == 0) {
		const ot_vote *v = ot_record_last_vote(&r);
		for (i = r.nvotes; (!v || v->result != OT_RESULT_PASS) && i > 0; i--)
			v = &r.votes[i - 1];
		if (v && v->result == OT_RESULT_PASS) {
			char buf[64];
			snprintf(buf, sizeof(buf), "%zu-%zu", v->counts[OT_VOTE_YES], v->counts[OT_VOTE_NO]);
			tally = ot_strdup(buf);
		}
		ot_record_release(&r);
	}
	ot_error_clear();
	return tally;
}

void ot_query_blame_tallies(ot_blame *b, ot_tracker *t)
{
	size_t i, j;
	for (i = 0; i < b->n; i++) {
		ot_blame_line *l = &b->items[i];
		const char *rec = l->version.record;
		free(l->tally);
		l->tally = NULL;
		if (!rec || !*rec)
			continue;
		/* an earlier line of the same record: its answer, no second load */
		for (j = 0; j < i; j++)
			if (strcmp(b->items[j].version.record, rec) == 0)
				break;
		if (j < i)
			l->tally = b->items[j].tally ? ot_strdup(b->items[j].tally) : NULL;
		else
			l->tally = record_tally(t, rec);
	}
}

void ot_record_hits_release(ot_record_hits *h)
{
	size_t i;
	for (i = 0; i < h->n; i++) {
		free(h->items[i].record);
		free(h->items[i].title);
		free(h->items[i].sponsors);
	}
	free(h->items);
	memset(h, 0, sizeof(*h));
}

/* Load every record into the FTS5 table r of db (id, title, sponsors,
 * status); 0 or an error with a message. */
static int fill_records(sqlite3 *db, ot_tracker *t)
{
	sqlite3_stmt *ins = NULL;
	char **ids = NULL;
	size_t n = 0, i, j;
	int err;

	if ((err = ot_record_list(&ids, &n, t)) < 0)
		return err;
	if (sqlite3_prepare_v2(db, "INSERT INTO r(id, title, sponsors, status) VALUES(?,?,?,?)", -1, &ins, NULL) !=
	    SQLITE_OK) {
		err = ot_error_set(OT_ERROR, "search: %s", sqlite3_errmsg(db));
		goto done;
	}
	for (i = 0; i < n; i++) {
		ot_record r;
		ot_buf sp = OT_BUF_INIT;
		if ((err = ot_record_load(&r, NULL, t, ids[i])) < 0)
			goto done;
		for (j = 0; j < r.nsponsors; j++)
			ot_buf_printf(&sp, "%s%s", j ? "; " : "", r.sponsors[j]);
		ot_sql_bind_text(ins, 1, r.id, -1, SQLITE_TRANSIENT);
		ot_sql_bind_text(ins, 2, r.title, -1, SQLITE_TRANSIENT);
		ot_sql_bind_text(ins, 3, sp.ptr, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(ins, 4, (int)r.status);
		if (ot_sql_step(ins) != SQLITE_DONE)
			err = ot_error_set(OT_ERROR, "search: %s", sqlite3_errmsg(db));
		sqlite3_reset(ins);
		ot_buf_release(&sp);
		ot_record_release(&r);
		if (err < 0)
			goto done;
	}
done:
	sqlite3_finalize(ins);
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	return err;
}

int ot_query_search_records(ot_record_hits *out, ot_tracker *t, const char *query)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	char *phrase = NULL;
	int rc, err = 0;

	memset(out, 0, sizeof(*out));
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE r USING fts5(id UNINDEXED, title, sponsors, status UNINDEXED)", NULL,
			 NULL, NULL) != SQLITE_OK) {
		err = ot_error_set(OT_ERROR, "search: %s", db ? sqlite3_errmsg(db) : "out of memory");
		goto done;
	}
	if ((err = fill_records(db, t)) < 0)
		goto done;
	if (sqlite3_prepare_v2(db,
			       "SELECT id, status, highlight(r, 1, '[', ']'), highlight(r, 2, '[', ']') FROM r"
			       " WHERE r MATCH ? ORDER BY rank",
			       -1, &q, NULL) != SQLITE_OK) {
		err = ot_error_set(OT_ERROR, "search: %s", sqlite3_errmsg(db));
		goto done;
	}
again:
	ot_sql_bind_text(q, 1, phrase ? phrase : query, -1, SQLITE_TRANSIENT);
	while ((rc = ot_sql_step(q)) == SQLITE_ROW) {
		ot_record_hit *h = OT_ARRAY_PUSH(out->items, out->n, out->cap);
		int st = sqlite3_column_int(q, 1);
		h->record = col(q, 0);
		h->status = st >= 0 && st < OT_STATUS_N ? (ot_status)st : OT_STATUS_PENDING;
		h->title = col(q, 2);
		h->sponsors = col(q, 3);
	}
	if (rc != SQLITE_DONE && !phrase && fts_syntax_error(db)) {
		/* as in ot_query_search: the whole query as a phrase */
		ot_record_hits_release(out);
		sqlite3_reset(q);
		phrase = fts_phrase(query);
		out->phrase = 1;
		goto again;
	}
	if (rc != SQLITE_DONE) {
		if (fts_syntax_error(db))
			err = ot_error_set(OT_EINVALID,
					   "cannot read the search query '%s' (%s); use words, \"a phrase\", OR, NOT, prefix*",
					   query, sqlite3_errmsg(db));
		else
			err = ot_sqlite_error(db, "search records");
		ot_record_hits_release(out);
	}
done:
	sqlite3_finalize(q);
	sqlite3_close(db);
	free(phrase);
	return err;
}
