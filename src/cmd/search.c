/*
 * search.c - `ordtrack search QUERY [--ordinance ORD] [--as-of DATE]
 * [--records]`: full-text search (SQLite FTS5) over the clause text in
 * force, or on a date; with --records over record titles and sponsors.
 *
 * Record search builds a temporary FTS5 table from the records in git
 * (they are few and change often), so nothing about records lives only in
 * SQLite.
 */
#include <jansson.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "cmd.h"
#include "ordtrack/query.h"
#include "ordtrack/record.h"
#include "ordtrack/validate.h"

static int search_records(ot_buf *out, ot_tracker *t, const char *query, int json)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *ins = NULL, *q = NULL;
	char **ids = NULL;
	size_t n = 0, i, j;
	json_t *arr = json ? json_array() : NULL;
	int err = 0, rc;

	if (ot_record_list(&ids, &n, t) < 0)
		return cmd_fail();
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE r USING fts5(id UNINDEXED, title, sponsors, status UNINDEXED)", NULL,
			 NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO r(id, title, sponsors, status) VALUES(?,?,?,?)", -1, &ins, NULL) !=
		    SQLITE_OK) {
		err = cmd_error("search: %s", db ? sqlite3_errmsg(db) : "out of memory");
		goto done;
	}
	for (i = 0; i < n; i++) {
		ot_record r;
		ot_buf sp = OT_BUF_INIT;
		if (ot_record_load(&r, NULL, t, ids[i]) < 0) {
			err = cmd_fail();
			goto done;
		}
		for (j = 0; j < r.nsponsors; j++)
			ot_buf_printf(&sp, "%s%s", j ? "; " : "", r.sponsors[j]);
		sqlite3_bind_text(ins, 1, r.id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 2, r.title, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 3, sp.ptr, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 4, ot_status_names[r.status], -1, SQLITE_STATIC);
		sqlite3_step(ins);
		sqlite3_reset(ins);
		ot_buf_release(&sp);
		ot_record_release(&r);
	}
	if (sqlite3_prepare_v2(db,
			       "SELECT id, status, highlight(r, 1, '[', ']'), highlight(r, 2, '[', ']') FROM r"
			       " WHERE r MATCH ? ORDER BY rank",
			       -1, &q, NULL) != SQLITE_OK) {
		err = cmd_error("search: %s", sqlite3_errmsg(db));
		goto done;
	}
	sqlite3_bind_text(q, 1, query, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(q, 0), *st = (const char *)sqlite3_column_text(q, 1);
		const char *title = (const char *)sqlite3_column_text(q, 2), *sp = (const char *)sqlite3_column_text(q, 3);
		if (arr) {
			json_t *o = json_object();
			json_object_set_new(o, "record", json_string(id));
			json_object_set_new(o, "status", json_string(st));
			json_object_set_new(o, "title", json_string(title));
			json_object_set_new(o, "sponsors", json_string(sp));
			json_array_append_new(arr, o);
		} else {
			ot_buf_printf(out, "%-14s %-10s %s\n               sponsors: %s\n", id, st, title, sp);
		}
	}
	if (rc != SQLITE_DONE)
		err = cmd_error("cannot read the search query '%s' (%s); use words, \"a phrase\", OR, NOT, prefix*", query,
				sqlite3_errmsg(db));
done:
	if (arr && !err) {
		json_t *root = json_object();
		json_object_set_new(root, "format", json_string("ordtrack-search/1"));
		json_object_set_new(root, "query", json_string(query));
		json_object_set_new(root, "records", arr);
		arr = NULL;
		err = cmd_json_append(out, root);
	}
	json_decref(arr);
	sqlite3_finalize(ins);
	sqlite3_finalize(q);
	sqlite3_close(db);
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	return err;
}

int cmd_search(int argc, char **argv)
{
	static const struct option opts[] = {CMD_COMMON_OPTIONS,
					     {"ordinance", required_argument, NULL, 'o'},
					     {"as-of", required_argument, NULL, 'a'},
					     {"records", no_argument, NULL, 'r'},
					     {"limit", required_argument, NULL, 'l'},
					     {"format", required_argument, NULL, 'f'},
					     {0, 0, 0, 0}};
	const char *ord = NULL, *as_of = NULL, *format = "text";
	int json;
	int records = 0, c, rc = OT_EXIT_OK;
	long limit = 50;
	char *end;
	ot_tracker *t = NULL;
	ot_search_hits hits = {0};
	ot_buf out = OT_BUF_INIT;
	size_t i;

	while ((c = cmd_getopt(argc, argv, "h", opts)) != -1) {
		switch (c) {
		case 'o': ord = optarg; break;
		case 'a': as_of = optarg; break;
		case 'r': records = 1; break;
		case 'f': format = optarg; break;
		case 'l':
			limit = strtol(optarg, &end, 10);
			if (*end || limit < 1 || limit > 100000)
				return cmd_usage_error(argv[0], "--limit takes a number from 1 to 100000");
			break;
		case 'h': return OT_EXIT_OK;
		default: return OT_EXIT_USAGE;
		}
	}
	if ((json = cmd_format_json(argv[0], format)) < 0)
		return OT_EXIT_USAGE;
	if (argc - optind != 1)
		return cmd_usage_error(argv[0], "expected one QUERY (quote it when it has spaces)");
	if (as_of && ot_date_parse(NULL, as_of) < 0)
		return cmd_fail();
	if (cmd_open_tracker(&t) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (records) {
		if ((rc = search_records(&out, t, argv[optind], json)) == 0)
			rc = cmd_write_stdout(&out);
		goto done;
	}
	if (ot_query_search(&hits, t, argv[optind], ord, as_of, (size_t)limit) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (json) {
		json_t *root = json_object(), *arr = json_array();
		json_object_set_new(root, "format", json_string("ordtrack-search/1"));
		json_object_set_new(root, "query", json_string(argv[optind]));
		for (i = 0; i < hits.n; i++) {
			json_t *o = json_object();
			json_object_set_new(o, "ordinance", json_string(hits.items[i].ordinance));
			json_object_set_new(o, "version", json_integer(hits.items[i].version));
			json_object_set_new(o, "id", json_string(hits.items[i].id));
			json_object_set_new(o, "snippet", json_string(hits.items[i].snippet));
			json_array_append_new(arr, o);
		}
		json_object_set_new(root, "hits", arr);
		if ((rc = cmd_json_append(&out, root)) != OT_EXIT_OK)
			goto done;
	} else {
		for (i = 0; i < hits.n; i++)
			ot_buf_printf(&out, "%s@%d  %s\n    %s\n", hits.items[i].ordinance, hits.items[i].version,
				      hits.items[i].id, hits.items[i].snippet);
		if (!hits.n)
			fprintf(stderr, "ordtrack: no clause in force matches '%s'\n", argv[optind]);
	}
	rc = cmd_write_stdout(&out);
done:
	ot_buf_release(&out);
	ot_search_hits_release(&hits);
	ot_tracker_free(t);
	return rc;
}
