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
 *   3. group: every section goes to an ordinance (see chapter_of and the
 *      directory rule in ordinance_of); a section number found twice is an
 *      error naming both places.
 *   4. store: ot_store_import writes every changed ordinance and one
 *      commit.
 * Any error in steps 1-4 leaves the tracker untouched.
 *
 * Data: `files` (sorted paths), `pieces` (one parsed document per piece
 * of a file, owning its sections until step 4) and `entries` (one per
 * section: its ordinance, borrowed node and source place).  The
 * per-ordinance documents built in step 4 take the sections over (the
 * pieces are emptied first, as ot_doc_take_sections does), so every node
 * is freed exactly once.
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

/* Every regular file under `root` (a directory) into *files, sorted.
 * 0, or OT_EINVALID naming a link or special file, or -1 for an I/O
 * error. */
static int walk(strlist *files, const char *root)
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
			} else if (S_ISLNK(st.st_mode)) {
				err = ot_error_set(OT_EINVALID,
						   "'%s' is a symbolic link; import follows no links: copy the file into the tree or import its target on its own",
						   path);
				free(path);
				goto done;
			} else {
				err = ot_error_set(OT_EINVALID,
						   "'%s' is not a regular file; remove it from the tree", path);
				free(path);
				goto done;
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
	if (!files->n) {
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

/* A parsed piece of one file. */
typedef struct piece {
	ot_doc *doc;
	size_t file;         /* index into the file list */
	unsigned line_off;   /* lines of the file before the piece */
} piece;

typedef struct importer {
	strlist files;
	piece *pieces;
	size_t npieces, pcap;
	progress prog;
} importer;

/* Parse one piece (any format when the importer exists).  Warnings go to
 * stderr as the other commands print them. */
static int parse_piece(ot_doc **out, const char *data, size_t len, const char *name)
{
#ifdef HAVE_DOC_IMPORT
	ot_import_report rep;
	size_t i;
	int err;
	memset(&rep, 0, sizeof(rep));
	err = ot_doc_import(out, data, len, name, &rep);
	for (i = 0; i < rep.nwarnings; i++)
		fprintf(stderr, "ordtrack: warning: %s\n", rep.warnings[i]);
	ot_import_report_release(&rep);
	return err;
#else
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
	piece *p;
	int err = parse_piece(&doc, data, len, name);
	if (err < 0)
		return shift_error_line(err, name, line_off);
	p = OT_ARRAY_PUSH(im->pieces, im->npieces, im->pcap);
	p->doc = doc;
	p->file = file;
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

/* --------------------------------------------------------------- group */

typedef struct entry {
	char *ord;      /* owned */
	ot_node *sec;   /* borrowed from its piece until the move */
	size_t piece;
	unsigned line;  /* in the whole file */
	size_t group;   /* index of its ordinance, once grouped */
} entry;

/*
 * The chapter of a section number: the number cut before its second
 * separator ('-' or '.'), or before its only one: 2-173-020 -> 2-173,
 * 10-8-330.5 -> 10-8, 12.04.010 -> 12.04, 12.04 -> 12.  0 and a new
 * string in *out, or -1 when the number has no separator (or starts with
 * one).
 */
static int chapter_of(char **out, const char *num)
{
	size_t i, cut = 0, seps = 0;
	for (i = 0; num[i]; i++)
		if (num[i] == '-' || num[i] == '.') {
			if (++seps == 1)
				cut = i;
			else {
				cut = i;
				break;
			}
		}
	if (!seps || cut == 0)
		return -1;
	*out = ot_strndup(num, cut);
	return 0;
}

/* The directory holding `path` below the import root, or NULL when the
 * file sits in the root itself (or is the root). */
static const char *parent_dir(char *buf, size_t size, const char *path, const char *root)
{
	size_t rl = strlen(root);
	const char *rel, *slash, *prev;
	if (strncmp(path, root, rl) != 0 || path[rl] != '/')
		return NULL;
	rel = path + rl + 1;
	slash = strrchr(rel, '/');
	if (!slash)
		return NULL;
	prev = slash;
	while (prev > rel && prev[-1] != '/')
		prev--;
	if ((size_t)(slash - prev) >= size)
		return NULL;
	memcpy(buf, prev, (size_t)(slash - prev));
	buf[slash - prev] = '\0';
	return buf;
}

/*
 * The ordinance of a section: the directory holding its file when the
 * section is numbered under that directory's name (directory 5-2-1, section
 * 5-2-1-010), else the chapter of its number.  0 and a new string, or
 * OT_EINVALID naming the file and line.
 */
static int ordinance_of(char **out, const char *num, const char *dirname, const char *file, unsigned line)
{
	if (dirname) {
		size_t n = strlen(dirname);
		if (strncmp(num, dirname, n) == 0 && (num[n] == '-' || num[n] == '.') &&
		    ot_name_check(OT_NAME_ORDINANCE, dirname) == 0) {
			*out = ot_strdup(dirname);
			return 0;
		}
	}
	if (chapter_of(out, num) < 0)
		return ot_error_set(OT_EINVALID,
				    "%s:%u: section %s has no chapter in its number (the chapter is the number up to its second '-' or '.', 2-173 for 2-173-020); number sections CHAPTER-SECTION, or record this text with 'ordtrack add ORD FILE'",
				    file, line, num);
	return 0;
}

static int cmp_entry(const void *a, const void *b)
{
	const entry *x = a, *y = b;
	int c = ot_num_compare(x->ord, y->ord);
	if (!c)
		c = strcmp(x->ord, y->ord);
	if (!c)
		c = ot_num_compare(x->sec->num, y->sec->num);
	if (!c)
		c = strcmp(x->sec->num, y->sec->num);
	if (!c)
		c = x->piece < y->piece ? -1 : x->piece > y->piece;
	return c;
}

static int cmp_entry_num(const void *a, const void *b)
{
	return strcmp((*(const entry *const *)a)->sec->num, (*(const entry *const *)b)->sec->num);
}

/* ------------------------------------------------------------- command */

static void importer_release(importer *im)
{
	size_t i;
	for (i = 0; i < im->npieces; i++)
		ot_doc_free(im->pieces[i].doc);
	free(im->pieces);
	strlist_release(&im->files);
}

/* Collect and parse every file under `root`.  0 or an error code with a
 * message naming the file (and line). */
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
		if ((err = walk(&im->files, root)) < 0)
			return err;
	} else if (S_ISREG(st.st_mode)) {
		*OT_ARRAY_PUSH(im->files.v, im->files.n, im->files.cap) = ot_strdup(root);
	} else {
		return ot_error_set(OT_EINVALID, "'%s' is neither a file nor a directory", root);
	}
	im->prog.nfiles = im->files.n;
	for (i = 0; i < im->files.n; i++) {
		ot_buf_clear(&data);
		if ((err = cmd_read_file(&data, im->files.v[i])) < 0 ||
		    (err = parse_file(im, i, data.ptr ? data.ptr : "", data.len)) < 0)
			break;
		im->prog.files = i + 1;
		progress_draw(&im->prog, 0);
	}
	ot_buf_release(&data);
	return err;
}

/* The per-ordinance documents: *ords (new strings) and *docs (new
 * documents taking over the sections of the pieces).  0, or OT_EINVALID
 * for a section without a chapter or a section found twice (then nothing
 * has moved). */
static int group(char ***ords_out, ot_doc ***docs_out, size_t *nout, importer *im, const char *root)
{
	entry *e = NULL, **bynum = NULL;
	size_t ne = 0, ecap = 0, i, j, k, ngroups = 0;
	char **ords = NULL;
	ot_doc **docs = NULL;
	int err = 0;

	*ords_out = NULL;
	*docs_out = NULL;
	*nout = 0;
	for (i = 0; i < im->npieces; i++) {
		const piece *p = &im->pieces[i];
		const char *file = im->files.v[p->file];
		char dbuf[256];
		const char *dirname = parent_dir(dbuf, sizeof(dbuf), file, root);
		for (j = 0; j < p->doc->nsections; j++) {
			ot_node *s = p->doc->sections[j];
			entry *x = OT_ARRAY_PUSH(e, ne, ecap);
			memset(x, 0, sizeof(*x));
			x->sec = s;
			x->piece = i;
			x->line = s->line + p->line_off;
			if ((err = ordinance_of(&x->ord, s->num, dirname, file, x->line)) < 0) {
				ne--;
				goto done;
			}
		}
	}
	qsort(e, ne, sizeof(*e), cmp_entry);
	for (i = 1; i < ne; i++)
		if (strcmp(e[i - 1].sec->num, e[i].sec->num) == 0 && strcmp(e[i - 1].ord, e[i].ord) == 0) {
			err = ot_error_set(OT_EINVALID, "section %s appears twice: %s:%u and %s:%u; keep one of them",
					   e[i].sec->num, im->files.v[im->pieces[e[i - 1].piece].file], e[i - 1].line,
					   im->files.v[im->pieces[e[i].piece].file], e[i].line);
			goto done;
		}
	/* the same number under two ordinances (through the directory
	 * rule) is a duplicate too: sections are found by number */
	bynum = ot_malloc((ne ? ne : 1) * sizeof(*bynum));
	for (i = 0; i < ne; i++)
		bynum[i] = &e[i];
	qsort(bynum, ne, sizeof(*bynum), cmp_entry_num);
	for (i = 1; i < ne; i++)
		if (strcmp(bynum[i - 1]->sec->num, bynum[i]->sec->num) == 0) {
			err = ot_error_set(OT_EINVALID,
					   "section %s appears twice: %s:%u (ordinance %s) and %s:%u (ordinance %s); keep one of them",
					   bynum[i]->sec->num, im->files.v[im->pieces[bynum[i - 1]->piece].file],
					   bynum[i - 1]->line, bynum[i - 1]->ord, im->files.v[im->pieces[bynum[i]->piece].file],
					   bynum[i]->line, bynum[i]->ord);
			goto done;
		}

	/* nothing can fail from here: move the sections */
	for (i = 0; i < ne; i = j) {
		ot_doc *d = ot_doc_new();
		for (j = i; j < ne && strcmp(e[j].ord, e[i].ord) == 0; j++) {
			ot_doc_append(d, e[j].sec);
			e[j].group = ngroups;
		}
		ords = ot_realloc(ords, (ngroups + 1) * sizeof(*ords));
		docs = ot_realloc(docs, (ngroups + 1) * sizeof(*docs));
		ords[ngroups] = ot_strdup(e[i].ord);
		docs[ngroups] = d;
		ngroups++;
	}
	/* titles and notes: a piece's title (its CHAPTER line) names its
	 * ordinance when all its sections went to one, the first such piece
	 * winning; a note goes with its section's ordinance, a note naming no
	 * section with the piece's first section's */
	for (i = 0; i < im->npieces; i++) {
		ot_doc *pd = im->pieces[i].doc;
		size_t g = (size_t)-1;
		int single = 1;
		for (j = 0; j < pd->nsections; j++) {
			entry key, *kp = &key, **hit;
			ot_node dummy;
			memset(&dummy, 0, sizeof(dummy));
			dummy.num = pd->sections[j]->num;
			key.sec = &dummy;
			hit = bsearch(&kp, bynum, ne, sizeof(*bynum), cmp_entry_num);
			if (j == 0)
				g = (*hit)->group;
			else if ((*hit)->group != g)
				single = 0;
		}
		if (g == (size_t)-1)
			continue;
		if (pd->title && single && !docs[g]->title)
			docs[g]->title = ot_strdup(pd->title);
		for (k = 0; k < pd->nnotes; k++) {
			size_t ng = g;
			if (pd->notes[k].section) {
				entry key, *kp = &key, **hit;
				ot_node dummy;
				memset(&dummy, 0, sizeof(dummy));
				dummy.num = pd->notes[k].section;
				key.sec = &dummy;
				hit = bsearch(&kp, bynum, ne, sizeof(*bynum), cmp_entry_num);
				if (hit)
					ng = (*hit)->group;
			}
			ot_doc_add_note(docs[ng], pd->notes[k].section, pd->notes[k].kind, pd->notes[k].text);
		}
	}
	for (i = 0; i < im->npieces; i++)
		im->pieces[i].doc->nsections = 0; /* now owned by docs */
	*ords_out = ords;
	*docs_out = docs;
	*nout = ngroups;
done:
	for (i = 0; i < ne; i++)
		free(e[i].ord);
	free(e);
	free(bynum);
	return err;
}

int cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {CMD_COMMON_OPTIONS,
					     {"date", required_argument, NULL, 'd'},
					     {"stage", required_argument, NULL, 's'},
					     {"message", required_argument, NULL, 'm'},
					     {0, 0, 0, 0}};
	ot_import_opts o;
	importer im;
	ot_tracker *t = NULL;
	char **ords = NULL, commit[41];
	ot_doc **docs = NULL;
	const char *root;
	size_t nords = 0, changed = 0, nsections = 0, i;
	int c, err, rc = OT_EXIT_OK;

	memset(&o, 0, sizeof(o));
	memset(&im, 0, sizeof(im));
	while ((c = cmd_getopt(argc, argv, "hm:", opts)) != -1) {
		switch (c) {
		case 'd': o.date = optarg; break;
		case 's': o.stage = optarg; break;
		case 'm': o.message = optarg; break;
		case 'h': return OT_EXIT_OK;
		default: return OT_EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cmd_usage_error(argv[0], "expected one PATH (a directory of section files, or one file)");
	if (!o.date)
		return cmd_usage_error(argv[0], "--date is required: the date the imported text is in force (YYYY-MM-DD)");
	root = argv[optind];
	if (ot_date_parse(NULL, o.date) < 0 || (o.stage && ot_stage_check(o.stage) < 0) ||
	    (o.message && ot_text_check("message", o.message, 1) < 0))
		return cmd_fail();
	if (cmd_open_tracker(&t) < 0)
		return cmd_fail();

	im.prog.on = isatty(2);
	clock_gettime(CLOCK_MONOTONIC, &im.prog.last);
	if (read_all(&im, root) < 0 || group(&ords, &docs, &nords, &im, root) < 0) {
		progress_end(&im.prog);
		rc = cmd_fail();
		goto done;
	}
	for (i = 0; i < nords; i++)
		nsections += docs[i]->nsections;
	o.progress = store_progress;
	o.progress_ctx = &im.prog;
	im.prog.nords = nords;
	progress_draw(&im.prog, 1);
	err = ot_store_import(commit, &changed, t, &o, (const char *const *)ords, docs, nords);
	progress_end(&im.prog);
	if (err == OT_EUNCHANGED) {
		fprintf(stderr, "ordtrack: %s\n", ot_error_last());
		goto done;
	}
	if (err < 0) {
		rc = cmd_fail();
		goto done;
	}
	printf("Imported %zu ordinance%s (%zu section%s from %zu file%s) as commit %.12s", nords, nords == 1 ? "" : "s",
	       nsections, nsections == 1 ? "" : "s", im.files.n, im.files.n == 1 ? "" : "s", commit);
	if (changed < nords)
		printf("; %zu changed, %zu unchanged", changed, nords - changed);
	putchar('\n');
done:
	for (i = 0; i < nords; i++) {
		free(ords[i]);
		ot_doc_free(docs[i]);
	}
	free(ords);
	free(docs);
	importer_release(&im);
	ot_tracker_free(t);
	return rc;
}
