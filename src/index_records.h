/*
 * index_records.h - the legislative record in the SQLite index
 * (index_records.c): the tables index.c creates for records, kept level
 * with refs/records/ * and main, and the queries `records` and `votes`
 * are answered from.  Private to the library.
 */
#ifndef ORDTRACK_INDEX_RECORDS_H
#define ORDTRACK_INDEX_RECORDS_H

#include <stddef.h>

#include "ordtrack/record.h"
#include "ordtrack/record_docs.h"
#include "tracker_internal.h"

/* 1 when the record tables are behind git (a record's branch moved,
 * appeared or went, or main's copy of its JSON changed), 0 when level, or
 * an error.  Reads only; no lock. */
int ot_index_records_stale(ot_tracker *t);

/* Bring the record tables level with git: reindex exactly the records
 * whose branch tip or main blob differ from the rows, delete the rows of
 * records whose ref is gone.  Called by index.c inside its IMMEDIATE
 * transaction, under the writer lock.  0 or an error. */
int ot_index_records_catch_up(ot_tracker *t);

/* A record the index could not read (its JSON missing or invalid when it
 * was indexed): the first such id into *out (malloc'd), or NULL when
 * every record was read.  0 or an error. */
int ot_index_records_problem(char **out, ot_tracker *t);

/* The records (read without a problem) matching f, by id: status, the
 * ordinance, and the sponsor f->sponsor as ot_record_has_sponsor matches
 * it, where names[0..nnames) are the names and aliases of the members it
 * names.  Each is read back from the index's rows, as ot_record_load gave
 * it when it was indexed.  A new array of *n records into *out (release
 * each, then free the array).  0 or an error. */
int ot_index_records_find(ot_record **out, size_t *n, ot_tracker *t, const ot_record_filter *f,
			  const char *const *names, size_t nnames);

/* The conditions of a search of records r as f asks, appended to sql
 * (" AND ..."; the caller writes the WHERE): the status, the ordinance,
 * and a sponsor as written (any case), the same person written another
 * way (key: its name key), the last name alone (a one-word key), or one
 * of names[0..nnames) (the names and aliases of the members it names).
 * The ways a sponsor matches are a UNION ALL of one index search each (IN
 * removes the duplicates), not one search with OR: SQLite answers that OR
 * on a WITHOUT ROWID table through a temporary table of the keys found,
 * 6 ms of a member's 1,400 records against 1 ms.  filter_bind binds the
 * values from 1 on, in the same order. */
void ot_index_records_filter_sql(ot_buf *sql, const ot_record_filter *f, const ot_buf *key, size_t nnames);
void ot_index_records_filter_bind(sqlite3_stmt *st, const ot_record_filter *f, const ot_buf *key,
				  const char *const *names, size_t nnames);

/* Small helpers of the record tables' readers. */
int ot_index_prepare(sqlite3_stmt **st, sqlite3 *db, const char *sql);
const char *ot_index_col_text(sqlite3_stmt *st, int i); /* "" for NULL; borrowed */
char *ot_index_col_opt(sqlite3_stmt *st, int i);         /* a copy, or NULL for NULL */
/* The index of s among names[0..n) (NULL names match ""), 0 when none:
 * the names the rows were written with. */
int ot_index_name_at(const char *const *names, int n, const char *s);

/* Every roll call on which `member` (exactly as written in the roll) was
 * named, by date, record, vote and position in the roll: new strings in a
 * new array *out of *n (never NULL).  0 or an error. */
int ot_index_member_casts(ot_member_cast **out, size_t *n, ot_tracker *t, const char *member);

#endif
