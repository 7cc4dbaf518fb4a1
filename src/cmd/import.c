/*
 * import.c - `ordtrack import PATH --date D [--message M] [--stage S]`:
 * record a whole code (a directory tree of section files, or one large
 * file) as one commit on main, grouped into ordinances by chapter.
 *
 * Steps, all in memory before anything is written:
 *   1. collect: PATH is a file, or a directory walked without recursion
 *      (an explicit stack of directories); dot files and dot directories
 *      are skipped, a symbolic link or special file inside the tree is an
 *      error (PATH itself may be a link: the user named it).  The paths
 *      are sorted bytewise, so the result never depends on readdir order.
 *   2. read and parse each file (cmd_read_file: the input cap applies per
 *      file).  A plain-text file is first cut at each "CHAPTER <number>"
 *      line that follows a blank line and some section line, so that a
 *      whole code in one file keeps chapter headings out of clause text
 *      and each chapter's title goes with it; the pieces are parsed apart
 *      and error lines are given in the whole file's numbering.
 *   3. group: every section goes to an ordinance (ot_import_group, the
 *      library's rule); a section without a chapter or a section number
 *      found twice refuses its file(s).
 *   4. store: ot_store_import writes every changed ordinance and one
 *      commit.
 * A file that cannot be read (a link or special file in the tree, a read
 * or parse error, a refusal of step 3) does not stop steps 1-3: every
 * refusal is collected (ot_import_refusals) and printed, the first
 * MAX_LISTED of them and a count.  Without --keep-going any refusal then
 * stops the import before step 4; with it, the rest is recorded, the
 * refused files are named on stderr and in the commit message, and the
 * exit status is OT_EXIT_PARTIAL.  Any other error leaves the tracker
 * untouched.
 *
 * Importer warnings of every file are kept until the end and printed
 * grouped by message (ot_warnings_group), so that thousands of the same
 * warning are one line.
 *
 * Data: `files` (sorted paths) and `pieces` (one parsed document per
 * piece of a file, owning its sections until step 3).  The per-ordinance
 * documents built by ot_import_group take the sections over (the pieces
 * are emptied, as ot_doc_take_sections does), so every node is freed
 * exactly once.
 *
 * A progress line is drawn on stderr when it is a terminal, at most ten
 * times a second: files read, sections parsed, ordinances written.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "internal.h"
#include "ordtrack/store.h"
#include "ordtrack/validate.h"

/* The format-detecting importer (XML, HTML, text), when the library has
 * it; the plain-text parser otherwise. */
#if defined(__has_include)
#if __has_include("ordtrack/import.h")
#include "ordtrack/import.h"
#define HAVE_DOC_IMPORT 1
#endif
#endif

/* ------------------------------------------------------------ progress */

typedef struct progress {
	int on;
	struct timespec last;
	size_t files, nfiles, sections, ords, nords;
} progress;

static double elapsed(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void progress_draw(progress *p, int force)
{
	struct timespec now;
	if (!p->on)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!force && elapsed(&p->last, &now) < 0.1)
		return;
	p->last = now;
	fprintf(stderr, "\rimport: %zu/%zu file%s read, %zu section%s parsed", p->files, p->nfiles,
		p->nfiles == 1 ? "" : "s", p->sections, p->sections == 1 ? "" : "s");
	if (p->nords)
		fprintf(stderr, ", %zu/%zu ordinance%s written%s", p->ords, p->nords, p->nords == 1 ? "" : "s",
			p->ords == p->nords ? "; saving the pack and the index" : "");
	fflush(stderr);
}

static void progress_end(progress *p)
{
	if (!p->on)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
}

static void store_progress(void *ctx, size_t done, size_t total)
{
	progress *p = ctx;
	p->ords = done;
	p->nords = total;
	progress_draw(p, done == total);
}

/* ------------------------------------------------------------- collect */

typedef struct strlist {
	char **v;
	size_t n, cap;
} strlist;

static void strlist_release(strlist *l)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *s = ot_malloc(a + b + 2);
	memcpy(s, dir, a);
	s[a] = '/';
	memcpy(s + a + 1, name, b + 1);
	return s;
}

/* Every regular file under `root` (a directory) into *files, sorted; a
 * link or special file is a refusal in *refused.  0, OT_EINVALID when
 * the tree holds no file, or -1 for an I/O error. */
static int walk(strlist *files, ot_import_refusals *refused, const char *root)
{
	strlist stack = {0};
	DIR *d = NULL;
	char *dir = NULL;
	int err = 0;

	*OT_ARRAY_PUSH(stack.v, stack.n, stack.cap) = ot_strdup(root);
	while (stack.n) {
		struct dirent *de;
		dir = stack.v[--stack.n];
		if (!(d = opendir(dir))) {
			err = ot_error_set(-1, "cannot read directory '%s': %s", dir, strerror(errno));
			goto done;
		}
		for (;;) {
			struct stat st;
			char *path;
			errno = 0;
			if (!(de = readdir(d)))
				break;
			if (de->d_name[0] == '.')
				continue; /* ., .., dot files and dot directories */
			path = join(dir, de->d_name);
			if (lstat(path, &st) < 0) {
				err = ot_error_set(-1, "cannot read '%s': %s", path, strerror(errno));
				free(path);
				goto done;
			}
			if (S_ISDIR(st.st_mode)) {
				*OT_ARRAY_PUSH(stack.v, stack.n, stack.cap) = path;
			} else if (S_ISREG(st.st_mode)) {
				*OT_ARRAY_PUSH(files->v, files->n, files->cap) = path;
			} else {
				ot_error_set(OT_EINVALID,
					     S_ISLNK(st.st_mode)
						     ? "'%s' is a symbolic link; import follows no links: copy the file into the tree or import its target on its own"
						     : "'%s' is not a regular file; remove it from the tree",
					     path);
				ot_import_refusals_add(refused, path, NULL, ot_error_last());
				ot_error_clear();
				free(path);
			}
		}
		if (errno) {
			err = ot_error_set(-1, "cannot read directory '%s': %s", dir, strerror(errno));
			goto done;
		}
		closedir(d);
		d = NULL;
		free(dir);
		dir = NULL;
	}
	if (!files->n && !refused->n) {
		err = ot_error_set(OT_EINVALID, "'%s' holds no section files (dot files are skipped)", root);
		goto done;
	}
	qsort(files->v, files->n, sizeof(*files->v), cmp_path);
done:
	if (d)
		closedir(d);
	free(dir);
	strlist_release(&stack);
	return err;
}

/* --------------------------------------------------------------- parse */

typedef struct importer {
	strlist files;
	ot_import_piece *pieces; /* docs owned here until grouped */
	size_t npieces, pcap;
	strlist warnings;        /* of every file, printed grouped at the end */
	ot_import_refusals refused;
	progress prog;
} importer;

/* Parse one piece (any format when the importer exists); its warnings
 * are kept in *warnings. */
static int parse_piece(ot_doc **out, strlist *warnings, const char *data, size_t len, const char *name)
{
#ifdef HAVE_DOC_IMPORT
	ot_import_report rep;
	size_t i;
	int err;
	memset(&rep, 0, sizeof(rep));
	err = ot_doc_import(out, data, len, name, &rep);
	for (i = 0; i < rep.nwarnings; i++)
		*OT_ARRAY_PUSH(warnings->v, warnings->n, warnings->cap) = ot_strdup(rep.warnings[i]);
	ot_import_report_release(&rep);
	return err;
#else
	(void)warnings;
	return ot_doc_parse_text(out, data, len, name);
#endif
}

/* Re-state an error "name:LINE: ..." of a piece starting `off` lines into
 * its file in the file's numbering.  Returns `code`. */
static int shift_error_line(int code, const char *name, unsigned off)
{
	const char *msg = ot_error_last();
	size_t n = strlen(name);
	char *end, *copy;
	unsigned long line;
	if (!off || strncmp(msg, name, n) != 0 || msg[n] != ':')
		return code;
	line = strtoul(msg + n + 1, &end, 10);
	if (end == msg + n + 1 || *end != ':')
		return code;
	copy = ot_strdup(end);
	code = ot_error_set(code, "%s:%lu%s", name, line + off, copy);
	free(copy);
	return code;
}

/* Does the line at s (n bytes) open a chapter: "CHAPTER" in capitals,
 * white space, then a digit? */
static int chapter_line(const char *s, size_t n)
{
	return n > 8 && memcmp(s, "CHAPTER", 7) == 0 && (s[7] == ' ' || s[7] == '\t') &&
	       s[8] >= '0' && s[8] <= '9';
}

/* Could the line be a section line (it starts with a digit, "Sec", "SEC"
 * or "§")?  Only used to decide whether a piece has begun. */
static int section_like(const char *s, size_t n)
{
	return (n && s[0] >= '0' && s[0] <= '9') || (n >= 3 && (memcmp(s, "Sec", 3) == 0 || memcmp(s, "SEC", 3) == 0)) ||
	       (n >= 2 && memcmp(s, "\xc2\xa7", 2) == 0);
}

/* Is the file markup (its first non-blank byte after a BOM is '<')? */
static int looks_like_markup(const char *s, size_t n)
{
	size_t i = 0;
	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	return i < n && s[i] == '<';
}

static int add_piece(importer *im, size_t file, const char *data, size_t len, unsigned line_off)
{
	const char *name = im->files.v[file];
	ot_doc *doc = NULL;
	ot_import_piece *p;
	int err = parse_piece(&doc, &im->warnings, data, len, name);
	if (err < 0)
		return shift_error_line(err, name, line_off);
	p = OT_ARRAY_PUSH(im->pieces, im->npieces, im->pcap);
	p->doc = doc;
	p->file = name;
	p->line_off = line_off;
	im->prog.sections += doc->nsections;
	return 0;
}

/* Parse file `file` (its bytes in data) into one or more pieces: a text
 * file is cut before each chapter line that follows a blank line once a
 * section-like line has been seen in the current piece. */
static int parse_file(importer *im, size_t file, const char *data, size_t len)
{
	size_t start = 0, i = 0;
	unsigned line = 0, start_line = 0;
	int prev_blank = 1, seen_section = 0, err;

	if (looks_like_markup(data, len))
		return add_piece(im, file, data, len, 0);
	while (i < len) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len, n = end - i;
		const char *s = data + i;
		if (n && s[n - 1] == '\r')
			n--;
		if (prev_blank && seen_section && chapter_line(s, n)) {
			if ((err = add_piece(im, file, data + start, i - start, start_line)) < 0)
				return err;
			start = i;
			start_line = line;
			seen_section = 0;
		} else if (section_like(s, n)) {
			seen_section = 1;
		}
		prev_blank = n == 0;
		line++;
		i = end + 1;
	}
	return add_piece(im, file, data + start, len - start, start_line);
}

/* ------------------------------------------------------------- command */

static void importer_release(importer *im)
{
	size_t i;
	for (i = 0; i < im->npieces; i++)
		ot_doc_free(im->pieces[i].doc);
	free(im->pieces);
	strlist_release(&im->files);
	strlist_release(&im->warnings);
	ot_import_refusals_release(&im->refused);
}

/* Drop the pieces of file `file` parsed so far (the file is refused). */
static void drop_pieces(importer *im, const char *file)
{
	size_t i, k = 0;
	for (i = 0; i < im->npieces; i++) {
		if (strcmp(im->pieces[i].file, file) == 0) {
			im->prog.sections -= im->pieces[i].doc->nsections;
			ot_doc_free(im->pieces[i].doc);
		} else {
			im->pieces[k++] = im->pieces[i];
		}
	}
	im->npieces = k;
}

/* Collect and parse every file under `root`: a file that cannot be read
 * or parsed is a refusal in im->refused, and the others are still read.
 * 0, or an error code with a message for a root that cannot be read. */
static int read_all(importer *im, const char *root)
{
	ot_buf data = OT_BUF_INIT;
	struct stat st;
	size_t i;
	int err = 0;

	if (stat(root, &st) < 0)
		return ot_error_set(errno == ENOENT ? OT_ENOTFOUND : -1, "cannot open '%s': %s", root,
				    strerror(errno));
	if (S_ISDIR(st.st_mode)) {
		if ((err = walk(&im->files, &im->refused, root)) < 0)
			return err;
	} else if (S_ISREG(st.st_mode)) {
		*OT_ARRAY_PUSH(im->files.v, im->files.n, im->files.cap) = ot_strdup(root);
	} else {
		return ot_error_set(OT_EINVALID, "'%s' is neither a file nor a directory", root);
	}
	im->prog.nfiles = im->files.n;
	for (i = 0; i < im->files.n; i++) {
		ot_buf_clear(&data);
		if (cmd_read_file(&data, im->files.v[i]) < 0 ||
		    parse_file(im, i, data.ptr ? data.ptr : "", data.len) < 0) {
			ot_import_refusals_add(&im->refused, im->files.v[i], NULL, ot_error_last());
			ot_error_clear();
			drop_pieces(im, im->files.v[i]);
		}
		im->prog.files = i + 1;
		progress_draw(&im->prog, 0);
	}
	ot_buf_release(&data);
	return 0;
}

/* What the files held that is not law (a notice, an amending ordinance's
 * prose, page furniture, navigation), every entry with its file, line and
 * whole text, as `add` prints it: this list is the only record of it. */
static void print_skipped(const importer *im)
{
	size_t i, k;
	for (i = 0; i < im->npieces; i++) {
		const ot_doc *d = im->pieces[i].doc;
		for (k = 0; k < d->nskipped; k++)
			fprintf(stderr, "ordtrack: %s:%u: skipped (%s, not law): %s\n", im->pieces[i].file,
				d->skipped[k].line + im->pieces[i].line_off, d->skipped[k].kind, d->skipped[k].text);
	}
}

/* Print the importer warnings, grouped by message. */
static void print_warnings(const strlist *w)
{
	ot_warning_group *g = NULL;
	ot_buf line = OT_BUF_INIT;
	size_t ng = 0, i;
	ot_warnings_group(&g, &ng, (const char *const *)w->v, w->n);
	for (i = 0; i < ng; i++) {
		ot_buf_clear(&line);
		ot_warning_group_format(&line, &g[i]);
		fprintf(stderr, "ordtrack: warning: %s\n", line.ptr);
	}
	ot_warning_groups_free(g, ng);
	ot_buf_release(&line);
}

/* Print the refusals on stderr: the first MAX_LISTED and a count of the
 * rest. */
#define MAX_LISTED 50
static void print_refusals(const ot_import_refusals *r)
{
	size_t i;
	for (i = 0; i < r->n && i < MAX_LISTED; i++)
		fprintf(stderr, "ordtrack: %s\n", r->items[i].message);
	if (r->n > MAX_LISTED) {
		ot_buf more = OT_BUF_INIT;
		ot_buf_put_count(&more, r->n - MAX_LISTED);
		fprintf(stderr, "ordtrack: ... and %s more problem%s not listed\n", more.ptr,
			r->n - MAX_LISTED == 1 ? "" : "s");
		ot_buf_release(&more);
	}
}

/* "12 of 20,173 files" into out. */
static void files_count(ot_buf *out, size_t bad, size_t total)
{
	ot_buf_put_count(out, bad);
	ot_buf_puts(out, " of ");
	ot_buf_put_count(out, total);
	ot_buf_puts(out, total == 1 ? " file" : " files");
}

static const cmd_opt import_opts[] = {
	{"date", 'd', 0, "YYYY-MM-DD", "the date the text is in force (required)"},
	{"stage", 's', 0, "STAGE", "introduced, ..., enacted (default), ..."},
	{"message", 'm', 1, "MSG", "the commit message"},
	{"keep-going", 'k', 1, NULL, "record the files that can be read; name the others\n"
	     "(stderr, commit message) and exit 3"},
	{"complete", 'c', 0, NULL, "PATH is the whole code: chapters main has and PATH\n"
	     "lacks are repealed (without it they are left alone;\n"
	     "a chapter in PATH is always its whole text: its sections\n"
	     "PATH lacks are repealed, and named)"},
	{NULL, 0, 0, NULL, NULL}};

const cmd_spec cmd_spec_import = {
	"usage: ordtrack import PATH --date YYYY-MM-DD [--message M] [--stage STAGE]\n"
	"                       [--keep-going] [--complete]\n"
	"\n"
	"Record a whole code as one commit on main.  PATH is a directory tree of\n"
	"section files (text, XML or HTML; dot files skipped, symbolic links\n"
	"refused) or one file.  Sections are grouped into ordinances by chapter\n"
	"(2-173-020 -> 2-173); a file in a directory named after its sections'\n"
	"number prefix goes to that ordinance.  Unchanged ordinances are left as\n"
	"they are; when nothing changed, nothing is written.  A progress line is\n"
	"shown when stderr is a terminal.  See docs/import.md.\n",
	import_opts,
	"Every file is read: each one that cannot be is named (file:line), and\n"
	"without --keep-going nothing is recorded.  Repeated importer warnings\n"
	"are grouped into one line with a count.\n",
	0};

int cmd_import(int argc, char **argv)
{
	ot_import_opts o;
	ot_import_result res = {0};
	importer im;
	ot_tracker *t = NULL;
	char **ords = NULL, commit[41];
	ot_doc **docs = NULL;
	const char *root, **bad = NULL;
	ot_buf msg = OT_BUF_INIT;
	size_t nords = 0, nsections = 0, nbad = 0, total, i;
	int c, err, rc = OT_EXIT_OK, keep_going = 0;

	memset(&o, 0, sizeof(o));
	memset(&res, 0, sizeof(res));
	memset(&im, 0, sizeof(im));
	while ((c = cmd_getopt(argc, argv, &cmd_spec_import)) != -1) {
		switch (c) {
		case 'd': o.date = optarg; break;
		case 's':
			if ((c = ot_stage_parse(optarg)) < 0)
				return cmd_fail();
			o.stage = (ot_stage)c;
			break;
		case 'm': o.message = optarg; break;
		case 'k': keep_going = 1; break;
		case 'c': o.complete = 1; break;
		case 'h': return OT_EXIT_OK;
		default: return OT_EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cmd_usage_error(argv[0], "expected one PATH (a directory of section files, or one file)");
	if (!o.date)
		return cmd_usage_error(argv[0], "--date is required: the date the imported text is in force (YYYY-MM-DD)");
	root = argv[optind];
	if (ot_date_parse(NULL, o.date) < 0 || (o.message && ot_text_check("message", o.message, 1) < 0))
		return cmd_fail();
	if (cmd_open_tracker(&t) < 0)
		return cmd_fail();

	im.prog.on = isatty(2);
	clock_gettime(CLOCK_MONOTONIC, &im.prog.last);
	if (read_all(&im, root) < 0) {
		progress_end(&im.prog);
		rc = cmd_fail();
		goto done;
	}
	progress_end(&im.prog);
	print_skipped(&im);
	if (ot_import_group(&ords, &docs, &nords, im.pieces, im.npieces, root, &im.refused) < 0) {
		rc = cmd_fail();
		goto done;
	}
	print_warnings(&im.warnings);
	/* every file named on the command line or found in the tree, links
	 * and special files included */
	ot_import_refusals_files(&bad, &nbad, &im.refused);
	total = im.files.n;
	for (i = 0; i < nbad; i++) {
		size_t k;
		int listed = 0;
		for (k = 0; k < im.files.n && !listed; k++)
			listed = strcmp(im.files.v[k], bad[i]) == 0;
		if (!listed)
			total++;
	}
	if (nbad) {
		print_refusals(&im.refused);
		files_count(&msg, nbad, total);
		if (!keep_going || !nords) {
			rc = cmd_error("%s could not be read; nothing was recorded%s", msg.ptr,
				       keep_going ? "" : " (--keep-going records the others)");
			goto done;
		}
		if (o.complete) {
			/* what a refused file holds is unknown: repealing what the
			 * import lacks could repeal it */
			rc = cmd_error("%s could not be read; nothing was recorded: --complete would repeal what they hold",
				       msg.ptr);
			goto done;
		}
		o.refused = bad;
		o.nrefused = nbad;
	}
	for (i = 0; i < nords; i++)
		nsections += docs[i]->nsections;
	o.progress = store_progress;
	o.progress_ctx = &im.prog;
	im.prog.nords = nords;
	progress_draw(&im.prog, 1);
	err = ot_store_import(commit, &res, t, &o, (const char *const *)ords, docs, nords);
	progress_end(&im.prog);
	if (err == OT_EUNCHANGED) {
		fprintf(stderr, "ordtrack: %s\n", ot_error_last());
		if (nbad) {
			fprintf(stderr, "ordtrack: %s could not be read and %s not compared\n", msg.ptr,
				nbad == 1 ? "was" : "were");
			rc = OT_EXIT_PARTIAL;
		}
		goto done;
	}
	if (err < 0) {
		rc = cmd_fail();
		goto done;
	}
	printf("Imported %zu ordinance%s (%zu section%s from %zu file%s) as commit %.12s", nords, nords == 1 ? "" : "s",
	       nsections, nsections == 1 ? "" : "s", im.files.n - (nbad < im.files.n ? nbad : 0),
	       im.files.n - nbad == 1 ? "" : "s", commit);
	if (res.changed < nords)
		printf("; %zu changed, %zu unchanged", res.changed, nords - res.changed);
	if (res.notes_only)
		printf("; %zu in notes only", res.notes_only);
	putchar('\n');
	if (res.repealed_ordinances || res.repealed_sections) {
		printf("%zu ordinance%s and %zu section%s repealed (in main, not in %s):", res.repealed_ordinances,
		       res.repealed_ordinances == 1 ? "" : "s", res.repealed_sections,
		       res.repealed_sections == 1 ? "" : "s", root);
		for (i = 0; i < res.nrepealed && i < MAX_LISTED; i++)
			printf(" %s", res.repealed[i]);
		if (res.nrepealed > MAX_LISTED)
			printf(" ... (%zu more; 'ordtrack diff' lists them)", res.nrepealed - MAX_LISTED);
		putchar('\n');
	}
	if (nbad) {
		fprintf(stderr, "ordtrack: %s could not be read and %s not recorded:", msg.ptr, nbad == 1 ? "was" : "were");
		for (i = 0; i < nbad && i < MAX_LISTED; i++)
			fprintf(stderr, " %s", bad[i]);
		if (nbad > MAX_LISTED)
			fprintf(stderr, " ... (%zu more)", nbad - MAX_LISTED);
		fputc('\n', stderr);
		rc = OT_EXIT_PARTIAL;
	}
done:
	for (i = 0; i < nords; i++) {
		free(ords[i]);
		ot_doc_free(docs[i]);
	}
	free(ords);
	free(docs);
	free(bad);
	ot_buf_release(&msg);
	ot_import_result_release(&res);
	importer_release(&im);
	ot_tracker_free(t);
	return rc;
}
