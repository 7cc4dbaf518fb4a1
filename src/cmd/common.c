/*
 * common.c - helpers every command uses: option parsing with --help and
 * --tracker, error reporting, reading input files with a size cap, writing
 * stdout, the colour decision.
 */
#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


#include "cmd.h"
#include "internal.h"


int cmd_error(const char *fmt, ...)
{
	va_list ap;
	fputs("ordtrack: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return OT_EXIT_ERROR;
}

/*
 * The advice for each hint of a library error (ot_error_last_hint): what
 * to type.  The library's message states the facts; this table is the one
 * place where the command line adds its commands and options.  "%s" is
 * the hint's subject (ot_error_last_hint_subject); in OT_HINT_LAST_TEXT
 * "%c", "%o" and "%v" are the command, its options and what it does, as
 * cmd_require_text was given them.
 */
static const char *const hint_advice[OT_HINT_N] = {
	[OT_HINT_INIT] = "create one with 'ordtrack init %s'",
	[OT_HINT_ADD_FIRST] = "record the code with 'ordtrack add ORD FILE' first",
	[OT_HINT_REINDEX] = "run 'ordtrack reindex'",
	[OT_HINT_FSCK] = "check it with 'ordtrack fsck'",
	[OT_HINT_FSCK_REPAIR_LATER] = "run 'ordtrack fsck --repair' when it has finished",
	[OT_HINT_FSCK_REPAIR] = "run 'ordtrack fsck --repair'",
	[OT_HINT_LIST_MEMBERS] = "'ordtrack member list' shows the council",
	[OT_HINT_LIST_ORDINANCES] = "'ordtrack log' lists what the tracker holds",
	[OT_HINT_LIST_RECORDS] = "'ordtrack records' lists them",
	[OT_HINT_LIST_ORDINANCES_AND_RECORDS] = "'ordtrack log' and 'ordtrack records' list what the tracker holds",
	[OT_HINT_LIST_COMMITS] = "'ordtrack log' lists them",
	[OT_HINT_LIST_VERSIONS] = "'ordtrack log %s' lists them",
	[OT_HINT_LIST_CLAUSES] = "'ordtrack show %s' lists its clauses",
	[OT_HINT_LAST_CLAUSES] = "'ordtrack show %s' lists the clauses of its last text",
	[OT_HINT_LAST_TEXT] = "'ordtrack %c %s%o' %v its last text",
	[OT_HINT_REVISE] = "use 'ordtrack revise' for a new text",
	[OT_HINT_CLOSE_PASS] = "record it with 'ordtrack pass %s --date D'",
	[OT_HINT_CLOSE_FAIL] = "record it with 'ordtrack fail %s --date D'",
	[OT_HINT_CLOSE_WITHDRAW] = "record it with 'ordtrack withdraw %s --date D'",
	[OT_HINT_VOTE_FIRST] = "record the vote that passed it with 'ordtrack vote' first",
	[OT_HINT_FORCE] = "give --force REASON to record it anyway",
	[OT_HINT_THRESHOLD] = "check the roll, or give the rule with --threshold; give --force REASON to record it anyway",
	[OT_HINT_FORCE_REASON] = "give it with --force REASON",
	[OT_HINT_TITLE] = "give one with --title",
	[OT_HINT_SPONSOR] = "give one with --sponsor NAME",
	[OT_HINT_MOTION] = "give it with --motion TEXT",
	[OT_HINT_ROLL] = "give it with --yes/--no/… or --roll FILE",
	[OT_HINT_OUT] = "use --out DIR",
	[OT_HINT_BASE_URL] = "check --base-url",
	[OT_HINT_STAT] = "use --stat with --format text or json",
	[OT_HINT_STATUS] = "'ordtrack status %s' shows it",
	[OT_HINT_SPONSOR_BODY] = "check the spelling ('ordtrack member list'), or give --body for a sponsor that is no member (a department, a committee)",
};

/* the words of the command that asked for a text (cmd_require_text) */
static const char *text_command = "show", *text_options = "", *text_does = "prints";

int cmd_require_text(const ot_rev *rev, const char *command, const char *options, const char *does)
{
	text_command = command;
	text_options = options ? options : "";
	text_does = does;
	return ot_rev_require_text(rev);
}

const char *cmd_error_text(void)
{
	static ot_buf text = OT_BUF_INIT;
	const char *msg = ot_error_last(), *subject = ot_error_last_hint_subject(), *a;
	ot_hint h = ot_error_last_hint();

	ot_buf_clear(&text);
	ot_buf_puts(&text, *msg ? msg : "unknown error");
	a = (unsigned)h < OT_HINT_N ? hint_advice[h] : NULL;
	if (!a)
		return text.ptr;
	ot_buf_puts(&text, "; ");
	for (; *a; a++) {
		if (*a != '%' || !a[1]) {
			ot_buf_putc(&text, *a);
			continue;
		}
		switch (*++a) {
		case 's': ot_buf_puts(&text, subject); break;
		case 'c': ot_buf_puts(&text, text_command); break;
		case 'o':
			if (*text_options)
				ot_buf_printf(&text, " %s", text_options);
			break;
		case 'v': ot_buf_puts(&text, text_does); break;
		default: ot_buf_putc(&text, *a); break;
		}
	}
	return text.ptr;
}

int cmd_fail(void)
{
	return cmd_error("%s", cmd_error_text());
}

int cmd_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "ordtrack %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nsee 'ordtrack %s --help'\n", cmd);
	return OT_EXIT_USAGE;
}

/* The getopt_long tables of a spec: its options, then --help and
 * --tracker.  Built once per spec (a command parses with one spec). */
#define CMD_MAX_OPTS 48
static struct option built_long[CMD_MAX_OPTS + 3];
static char built_short[2 * CMD_MAX_OPTS + 4];
static const cmd_spec *built_for;

static void build_tables(const cmd_spec *spec)
{
	size_t i, n = 0, k = 0;
	if (built_for == spec)
		return;
	if (spec->in_order)
		built_short[k++] = '-';
	built_short[k++] = 'h';
	for (i = 0; spec->opts && spec->opts[i].name && n < CMD_MAX_OPTS; i++) {
		const cmd_opt *o = &spec->opts[i];
		built_long[n++] = (struct option){o->name, o->arg ? required_argument : no_argument, NULL, o->val};
		if (o->shortopt) {
			built_short[k++] = (char)o->val;
			if (o->arg)
				built_short[k++] = ':';
		}
	}
	built_long[n++] = (struct option){"help", no_argument, NULL, 'h'};
	built_long[n++] = (struct option){"tracker", required_argument, NULL, 'T'};
	built_long[n] = (struct option){NULL, 0, NULL, 0};
	built_short[k] = '\0';
	built_for = spec;
}

int cmd_getopt(int argc, char **argv, const cmd_spec *spec)
{
	int c;
	build_tables(spec);
	opterr = 0;
	for (;;) {
		int idx = 0;
		c = getopt_long(argc, argv, built_short, built_long, &idx);
		if (c == 'T') {
			cmd_set_tracker(optarg);
			continue;
		}
		if (c == 'h') {
			cmd_spec_print(spec, stdout);
			fprintf(stdout, "\nAll commands take --tracker DIR and --help.\n");
			return 'h';
		}
		if (c == '?' || c == ':') {
			/* name the option as typed, never getopt's internal code */
			const char *typed = optind > 0 && optind <= argc ? argv[optind - 1] : "?";
			if (optopt && strchr(built_short, optopt) && typed[0] == '-' && typed[1] != '-')
				cmd_usage_error(argv[0], "option -%c needs a value", optopt);
			else if (optopt && typed[0] == '-' && typed[1] == '-')
				cmd_usage_error(argv[0], "option %s needs a value", typed);
			else
				cmd_usage_error(argv[0], "unknown option '%s'", typed);
			return '?';
		}
		return c;
	}
}

void cmd_spec_print(const cmd_spec *spec, FILE *to)
{
	ot_buf left = OT_BUF_INIT;
	size_t i, width = 21;
	fputs(spec->usage, to);
	/* the help column: after the widest option, at least column 21 */
	for (i = 0; spec->opts && spec->opts[i].name; i++) {
		const cmd_opt *o = &spec->opts[i];
		size_t w = 2 + (o->shortopt ? 4 : 0) + 2 + strlen(o->name) + (o->arg ? 1 + strlen(o->arg) : 0) + 2;
		if (o->help && w > width && w <= 30)
			width = w;
	}
	if (spec->opts && spec->opts[0].name)
		fputc('\n', to);
	for (i = 0; spec->opts && spec->opts[i].name; i++) {
		const cmd_opt *o = &spec->opts[i];
		const char *h = o->help, *nl;
		if (!h)
			continue; /* another spelling of the option above */
		ot_buf_clear(&left);
		ot_buf_puts(&left, "  ");
		if (o->shortopt)
			ot_buf_printf(&left, "-%c, ", o->val);
		ot_buf_printf(&left, "--%s", o->name);
		if (o->arg)
			ot_buf_printf(&left, " %s", o->arg);
		if (left.len + 2 > width)
			fprintf(to, "%s\n%*s", left.ptr, (int)width, "");
		else
			fprintf(to, "%-*s", (int)width, left.ptr);
		for (;;) {
			nl = strchr(h, '\n');
			fprintf(to, "%.*s\n", (int)(nl ? nl - h : (ptrdiff_t)strlen(h)), h);
			if (!nl || !nl[1])
				break;
			h = nl + 1;
			fprintf(to, "%*s", (int)width, "");
		}
	}
	if (spec->after)
		fprintf(to, "\n%s", spec->after);
	ot_buf_release(&left);
}
/* --tracker DIR, which wins over $ORDTRACK_DIR (borrowed: argv) */
static const char *tracker_option;

void cmd_set_tracker(const char *dir)
{
	tracker_option = dir;
}

int cmd_discover_tracker(char **path)
{
	const char *env = getenv("ORDTRACK_DIR");
	int err = ot_tracker_discover(path, tracker_option && *tracker_option ? tracker_option : env);
	if (err == OT_ENOTFOUND)
		ot_error_set(err, "%s; give --tracker DIR or set ORDTRACK_DIR, or create one with 'ordtrack init'",
			     ot_error_last());
	return err;
}

int cmd_open_tracker(ot_tracker **out)
{
	char *path = NULL;
	int err;
	*out = NULL;
	if ((err = cmd_discover_tracker(&path)) < 0)
		return err;
	err = ot_tracker_open(out, path);
	free(path);
	return err;
}

/* A limit from the environment: a whole number from 1 to max, else a
 * warning and 0 (the library's default). */
static size_t env_limit(const char *name, const char *what, unsigned long long max)
{
	const char *env = getenv(name);
	char *end;
	unsigned long long v;
	if (!env || !*env)
		return 0;
	errno = 0;
	v = strtoull(env, &end, 10);
	if (errno || *end || v == 0 || v > max || env[0] == '-') {
		fprintf(stderr, "ordtrack: ignoring %s='%s'; it must be %s from 1 to %llu\n", name, env, what, max);
		return 0;
	}
	return (size_t)v;
}

void cmd_limits_from_env(void)
{
	ot_limits l;
	l.max_input = env_limit("ORDTRACK_MAX_INPUT", "a number of bytes", SIZE_MAX);
	l.pack_limit = env_limit("ORDTRACK_PACK_LIMIT", "a number of pack files", 100000);
	ot_limits_set(&l);
}

int cmd_read_file(ot_buf *out, const char *path)
{
	size_t cap = ot_limits_get().max_input;
	struct stat st;
	char chunk[65536];
	int fd, err = 0;

	fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return ot_error_set(errno == ENOENT ? OT_ENOTFOUND : -1, "cannot open '%s': %s", path,
				    strerror(errno));
	if (fstat(fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			err = ot_error_set(OT_EINVALID, "'%s' is a directory, not a file", path);
			goto done;
		}
		if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > cap) {
			err = ot_error_set(OT_EINVALID,
					   "'%s' is %lld bytes, over the input limit of %zu bytes; raise ORDTRACK_MAX_INPUT if it is genuine",
					   path, (long long)st.st_size, cap);
			goto done;
		}
		if (S_ISREG(st.st_mode))
			ot_buf_grow(out, (size_t)st.st_size);
	}
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = ot_error_set(-1, "cannot read '%s': %s", path, strerror(errno));
			goto done;
		}
		if (n == 0)
			break;
		if (out->len + (size_t)n > cap) {
			err = ot_error_set(OT_EINVALID,
					   "'%s' is over the input limit of %zu bytes; raise ORDTRACK_MAX_INPUT if it is genuine",
					   path, cap);
			goto done;
		}
		ot_buf_put(out, chunk, (size_t)n);
	}
done:
	if (fd > 0)
		close(fd);
	return err;
}

/* What a parse left out of the law (doc->skipped), one line each on
 * stderr, so that nothing leaves an input without the user seeing it:
 * "ordtrack: a.txt:3: skipped (prose, not law): SECTION 2. This ...",
 * each with its whole text. */
void cmd_print_skipped(const ot_doc *doc, const char *name)
{
	size_t i;
	/* every entry with its whole text: this list is the only record of
	 * what was left out, so a reviewer must be able to read all of it */
	for (i = 0; i < doc->nskipped; i++)
		fprintf(stderr, "ordtrack: %s:%u: skipped (%s, not law): %s\n", name, doc->skipped[i].line,
			doc->skipped[i].kind, doc->skipped[i].text);
}

/* Read and parse an ordinance text of any format (text, XML, HTML, told
 * apart by content); the importer's warnings (grouped by message,
 * ot_warnings_group) and what it skipped go to stderr. */
int cmd_parse_file(ot_doc **out, const char *path)
{
	ot_buf data = OT_BUF_INIT;
	ot_import_report rep;
	size_t i;
	int err;
	*out = NULL;
	ot_import_report_init(&rep);
	if ((err = cmd_read_file(&data, path)) == 0) {
		const char *name = strcmp(path, "-") ? path : "<stdin>";
		ot_warning_group *g = NULL;
		ot_buf line = OT_BUF_INIT;
		size_t ng = 0;
		err = ot_doc_import(out, data.ptr, data.len, name, &rep);
		ot_warnings_group(&g, &ng, (const char *const *)rep.warnings, rep.nwarnings);
		for (i = 0; i < ng; i++) {
			ot_buf_clear(&line);
			ot_warning_group_format(&line, &g[i]);
			fprintf(stderr, "ordtrack: warning: %s\n", line.ptr);
		}
		ot_warning_groups_free(g, ng);
		ot_buf_release(&line);
		if (err == 0)
			cmd_print_skipped(*out, name);
	}
	ot_import_report_release(&rep);
	ot_buf_release(&data);
	return err;
}

int cmd_write_stdout(const ot_buf *buf)
{
	if (buf->len && fwrite(buf->ptr, 1, buf->len, stdout) != buf->len)
		return cmd_error("cannot write the output: %s", strerror(errno));
	if (fflush(stdout) != 0)
		return cmd_error("cannot write the output: %s", strerror(errno));
	return OT_EXIT_OK;
}

int cmd_color_mode(const char *mode)
{
	const char *nc = getenv("NO_COLOR");
	if (!mode || strcmp(mode, "auto") == 0)
		return isatty(1) && !(nc && *nc) && !(getenv("TERM") && strcmp(getenv("TERM"), "dumb") == 0);
	if (strcmp(mode, "always") == 0)
		return 1;
	if (strcmp(mode, "never") == 0)
		return 0;
	return -1;
}

void cmd_text_arg_push(cmd_text_arg **args, size_t *n, size_t *cap, const char *s, int redline)
{
	cmd_text_arg *a = OT_ARRAY_PUSH(*args, *n, *cap);
	a->s = s;
	a->redline = redline;
}

int cmd_text_args_check(const char *cmd, const cmd_text_arg *args, size_t n)
{
	size_t i;
	if (n < 3 || (n - 1) % 2 != 0)
		return cmd_usage_error(cmd, "expected RECORD and one or more ORD FILE or ORD --redline DOC pairs");
	for (i = 0; i < n; i++)
		if (args[i].redline && (i == 0 || i % 2 != 0))
			return cmd_usage_error(cmd, "--redline %s must follow the ordinance it amends (ORD --redline DOC)",
					       args[i].s);
	return OT_EXIT_OK;
}

int cmd_format_json(const char *cmd, const char *format)
{
	if (strcmp(format, "json") == 0)
		return 1;
	if (strcmp(format, "text") == 0)
		return 0;
	cmd_usage_error(cmd, "unknown format '%s'; use text or json", format);
	return -1;
}
