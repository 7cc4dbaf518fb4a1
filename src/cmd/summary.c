/*
 * summary.c - `ordtrack summary RECORD | REV1..REV2 [--format F]`: a change
 * summary for publication (ordtrack/summary.h): headline, ordinances,
 * sponsors, timeline, votes with roll calls and wards, one line per
 * changed clause, then the full redline.
 */
#include <stdlib.h>

#include "cmd.h"
#include "ordtrack/summary.h"

static const cmd_opt summary_opts[] = {
	{"format", 'f', 0, "FORMAT", "text (default), markdown, html or json"},
	{"color", 'C', 0, "WHEN", "text: auto (default), always or never"},
	{"colour", 'C', 0, "WHEN", NULL},
	{NULL, 0, 0, NULL, NULL}};

const cmd_spec cmd_spec_summary = {
	"usage: ordtrack summary RECORD [--format FORMAT]\n"
	"       ordtrack summary REV1..REV2 [--format FORMAT]\n"
	"\n"
	"What a record changes, or what changed between two versions, for the\n"
	"public: a headline, the ordinances affected, sponsors, the timeline with\n"
	"dates, each vote's tally and roll call (yes / no / other, with wards), one\n"
	"line per changed clause, then the full redline.  Everything comes from the\n"
	"record; what is not recorded is shown as not recorded.  See docs/summary.md.\n",
	summary_opts,
	NULL,
	0};

int cmd_summary(int argc, char **argv)
{
	const char *format = "text", *color_mode = "auto", *arg, *dots;
	ot_tracker *t = NULL;
	ot_summary s;
	ot_format fmt;
	ot_buf out = OT_BUF_INIT;
	int c, rc = OT_EXIT_OK, color, err;

	memset(&s, 0, sizeof(s));
	while ((c = cmd_getopt(argc, argv, &cmd_spec_summary)) != -1) {
		switch (c) {
		case 'f': format = optarg; break;
		case 'C': color_mode = optarg; break;
		case 'h': return OT_EXIT_OK;
		default: return OT_EXIT_USAGE;
		}
	}
	if (ot_format_parse(&fmt, format) < 0 || fmt == OT_FORMAT_UNIFIED)
		return cmd_usage_error(argv[0], "unknown format '%s'; use text, markdown, html or json", format);
	if ((color = cmd_color_mode(color_mode)) < 0)
		return cmd_usage_error(argv[0], "--color takes auto, always or never, not '%s'", color_mode);
	if (argc - optind != 1)
		return cmd_usage_error(argv[0], "expected one RECORD, or two revisions as REV1..REV2");
	arg = argv[optind];
	dots = strstr(arg, "..");
	if (dots && (dots == arg || !dots[2]))
		return cmd_usage_error(argv[0], "'%s': give two revisions around '..', as in 2-173@1..2-173@3", arg);
	if (cmd_open_tracker(&t) < 0) {
		rc = cmd_fail();
		goto done;
	}
	if (dots) {
		char *rev1 = strndup(arg, (size_t)(dots - arg));
		if (!rev1) {
			rc = cmd_error("out of memory");
			goto done;
		}
		err = ot_summary_range(&s, t, rev1, dots + 2);
		free(rev1);
	} else {
		err = ot_summary_record(&s, t, arg);
	}
	if (err < 0 || ot_summary_render(&out, &s, fmt, color > 0) < 0) {
		rc = cmd_fail();
		goto done;
	}
	rc = cmd_write_stdout(&out);
done:
	ot_buf_release(&out);
	ot_summary_release(&s);
	ot_tracker_free(t);
	return rc;
}
