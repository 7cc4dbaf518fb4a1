/*
 * publish.c - `ordtrack publish --out DIR [--base-url URL] [--title T]`:
 * write the tracker's static site (ordtrack/publish.h, docs/publish.md)
 * and report how many pages were written and kept.
 *
 * The library does the work; this file owns the options, the one line
 * on stdout and the exit code.  Errors are reported as "ordtrack
 * publish: ..." (exit 1); a bad command line exits 2.
 */
#include <stdlib.h>

#include "cmd.h"
#include "ordtrack/publish.h"

static const cmd_opt publish_opts[] = {
	{"out", 'o', 1, "DIR", "the site's directory (required)"},
	{"base-url", 'B', 0, "URL", "the site's address: the feed's links become absolute"},
	{"title", 'S', 0, "TITLE", "the site's title (default: City ordinances)"},
	{NULL, 0, 0, NULL, NULL}};

const cmd_spec cmd_spec_publish = {
	"usage: ordtrack publish --out DIR [--base-url URL] [--title TITLE]\n"
	"\n"
	"Write a static site of the tracker into DIR, readable from file:// or any\n"
	"static host without JavaScript: index.html (ordinances and records, newest\n"
	"activity first), a page per ordinance (the text in force with an anchor per\n"
	"clause, its versions and who last changed each clause), a page per record\n"
	"(summary, votes with charts, redline), the members and each member's votes,\n"
	"style.css, and feed.xml (Atom: enactments, votes and actions, newest 200).\n"
	"Republishing writes only the pages whose content changed\n"
	"(DIR/.ordtrack-publish.json keeps track).  DIR is created when missing; an\n"
	"existing DIR must be empty or written by ordtrack publish.  Prints\n"
	"'published N pages to DIR: W written, K kept'.  See docs/publish.md.\n",
	publish_opts,
	NULL,
	0};

int cmd_publish(int argc, char **argv)
{
	ot_publish_opts po;
	ot_publish_result res;
	ot_tracker *t = NULL;
	ot_buf out = OT_BUF_INIT;
	int c, rc = OT_EXIT_OK;

	memset(&po, 0, sizeof(po));
	while ((c = cmd_getopt(argc, argv, &cmd_spec_publish)) != -1) {
		if (c == 'o')
			po.out_dir = optarg;
		else if (c == 'B')
			po.base_url = optarg;
		else if (c == 'S')
			po.title = optarg;
		else
			return c == 'h' ? OT_EXIT_OK : OT_EXIT_USAGE;
	}
	if (optind < argc)
		return cmd_usage_error(argv[0], "unexpected argument '%s'", argv[optind]);
	if (!po.out_dir || !*po.out_dir)
		return cmd_usage_error(argv[0], "--out DIR is required: the directory to write the site into");
	if (cmd_open_tracker(&t) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (ot_publish(&res, t, &po) < 0) {
		fprintf(stderr, "ordtrack publish: %s\n", cmd_error_text());
		rc = OT_EXIT_ERROR;
		goto done;
	}
	ot_buf_printf(&out, "published %zu pages to %s: %zu written, %zu kept\n", res.pages, po.out_dir, res.written,
		      res.kept);
	rc = cmd_write_stdout(&out);
done:
	ot_buf_release(&out);
	ot_tracker_free(t);
	return rc;
}
