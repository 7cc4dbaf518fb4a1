/*
 * summary.c - `ordtrack summary RECORD | REV1..REV2 [--format F]`: a change
 * summary for publication (ordtrack/summary.h): headline, ordinances,
 * sponsors, timeline, votes with roll calls and wards, one line per
 * changed clause, then the full redline.
 */
#include <stdlib.h>

#include "cmd.h"
#include "ordtrack/summary.h"

int cmd_summary(int argc, char **argv)
{
	static const struct option opts[] = {CMD_COMMON_OPTIONS,
					     {"format", required_argument, NULL, 'f'},
					     {"color", required_argument, NULL, 'C'},
					     {"colour", required_argument, NULL, 'C'},
					     {0, 0, 0, 0}};
	const char *format = "text", *color_mode = "auto", *arg, *dots;
	ot_tracker *t = NULL;
	ot_summary s;
	ot_format fmt;
	ot_buf out = OT_BUF_INIT;
	int c, rc = OT_EXIT_OK, color, err;

	memset(&s, 0, sizeof(s));
	while ((c = cmd_getopt(argc, argv, "h", opts)) != -1) {
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
