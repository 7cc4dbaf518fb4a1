/*
 * search.c - `ordtrack search QUERY [--ordinance ORD] [--as-of DATE]
 * [--records]`: full-text search (SQLite FTS5) over the clause text in
 * force, or on a date; with --records over record titles and sponsors.
 *
 * Both searches are the library's (ot_query_search, and
 * ot_query_search_records over the records in git); JSON is its
 * ordtrack-search/1 (ot_search_doc, ot_search_records_doc).
 */
#include <stdlib.h>

#include "cmd.h"
#include "ordtrack/query.h"
#include "ordtrack/record.h"
#include "ordtrack/text_docs.h"
#include "ordtrack/validate.h"

/* Text: one hit of the records per two lines. */
static void records_text(ot_buf *out, const ot_record_hits *hits)
{
	size_t i;
	for (i = 0; i < hits->n; i++)
		ot_buf_printf(out, "%-14s %-10s %s\n               sponsors: %s\n", hits->items[i].record,
			      ot_status_names[hits->items[i].status], hits->items[i].title, hits->items[i].sponsors);
}

/* Text: one clause per two lines, the revision then the snippet. */
static void hits_text(ot_buf *out, const ot_search_hits *hits)
{
	size_t i;
	for (i = 0; i < hits->n; i++)
		ot_buf_printf(out, "%s@%d  %s\n    %s\n", hits->items[i].ordinance, hits->items[i].version,
			      hits->items[i].id, hits->items[i].snippet);
}

static const cmd_opt search_opts[] = {
	{"ordinance", 'o', 0, "ORD", "only in ordinance ORD"},
	{"as-of", 'a', 0, "DATE", "the text in force on DATE (default: today)"},
	{"records", 'r', 0, NULL, "search record titles and sponsors instead"},
	{"limit", 'l', 0, "N", "at most N hits (default 50)"},
	{"format", 'f', 0, "F", "text (default) or json (ordtrack-search/1)"},
	{NULL, 0, 0, NULL, NULL}};

const cmd_spec cmd_spec_search = {
	"usage: ordtrack search QUERY [--ordinance ORD] [--as-of DATE] [--records]\n"
	"                             [--limit N] [--format text|json]\n"
	"\n"
	"Search the clause text in force (or in force on DATE) with SQLite FTS5:\n"
	"words, \"a phrase\", OR, NOT, prefix*.  Each hit shows its clause id and\n"
	"a snippet with the match in [brackets].  --records searches record\n"
	"titles and sponsors instead.  A query FTS5 cannot read (O'Shea, a\n"
	"stray quote or operator) is searched as one phrase, and said so.  No\n"
	"match is exit 1, as with grep.\n",
	search_opts,
	NULL,
	0};

int cmd_search(int argc, char **argv)
{
	const char *ord = NULL, *as_of = NULL, *format = "text", *query;
	int json;
	int records = 0, c, rc = OT_EXIT_OK, nomatch = 0;
	long limit = 50;
	char *end;
	ot_tracker *t = NULL;
	ot_search_hits hits = {0};
	ot_record_hits rhits = {0};
	ot_buf out = OT_BUF_INIT;

	while ((c = cmd_getopt(argc, argv, &cmd_spec_search)) != -1) {
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
	query = argv[optind];
	if (as_of && ot_date_parse(NULL, as_of) < 0)
		return cmd_fail();
	if (cmd_open_tracker(&t) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (records) {
		if (ot_query_search_records(&rhits, t, query) < 0) {
			rc = cmd_fail();
			goto done;
		}
		if (json)
			ot_search_records_doc(&out, query, &rhits);
		else
			records_text(&out, &rhits);
		if (rhits.phrase)
			fprintf(stderr, "ordtrack: searched for '%s' as one phrase (it is not FTS5 query syntax)\n", query);
		if (!rhits.n) {
			fprintf(stderr, "ordtrack: no record matches '%s'\n", query);
			nomatch = 1;
		}
	} else {
		if (ot_query_search(&hits, t, query, ord, as_of, (size_t)limit) < 0) {
			rc = cmd_fail();
			goto done;
		}
		if (json)
			ot_search_doc(&out, query, &hits);
		else
			hits_text(&out, &hits);
		if (hits.phrase)
			fprintf(stderr, "ordtrack: searched for '%s' as one phrase (it is not FTS5 query syntax)\n", query);
		if (!hits.n) {
			fprintf(stderr, "ordtrack: no clause in force matches '%s'\n", query);
			nomatch = 1;
		}
	}
	/* as grep: no match is exit 1, with the (empty) answer printed */
	if ((rc = cmd_write_stdout(&out)) == OT_EXIT_OK && nomatch)
		rc = OT_EXIT_ERROR;
done:
	ot_buf_release(&out);
	ot_search_hits_release(&hits);
	ot_record_hits_release(&rhits);
	ot_tracker_free(t);
	return rc;
}
