/*
 * test_gen_code.c - the benchmark code generator (bench/gen_code.c).
 *
 * The generator is a standalone program; this test compiles it in (its
 * main renamed) and calls generate() into a temporary directory.  It checks
 * determinism, the planted-change counts, that truth.txt says exactly what
 * differs between old.txt and new.txt at the level of section blocks, and
 * the line-shape rules that keep the text unambiguous for the parser.  It
 * does not need the parser, so it can run before the parser exists.
 */
#define main gen_code_main
#include "../../bench/gen_code.c"
#undef main

#include <dirent.h>
#include <strings.h>
#include <unistd.h>

#include "ordtrack/doc.h"
#include "test.h"

/* ---------------------------------------------------------------- helpers */

static char *slurp(const char *dir, const char *name, size_t *len)
{
	char path[512];
	FILE *f;
	char *data = NULL;
	size_t n = 0, cap = 0, got;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(f = fopen(path, "rb")))
		return NULL;
	for (;;) {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 1 << 20;
			data = xrealloc(data, cap + 1);
		}
		got = fread(data + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	data[n] = '\0';
	if (len)
		*len = n;
	return data;
}

static void remove_tree(const char *dir)
{
	const char *subs[] = {"old", "new", ""};
	size_t i;
	char path[1024];
	for (i = 0; i < 3; i++) {
		DIR *d;
		struct dirent *e;
		snprintf(path, sizeof path, "%s/%s", dir, subs[i]);
		if (!(d = opendir(path)))
			continue;
		while ((e = readdir(d))) {
			char file[1400];
			if (e->d_name[0] == '.')
				continue;
			snprintf(file, sizeof file, "%s/%s", path, e->d_name);
			unlink(file);
		}
		closedir(d);
		if (*subs[i])
			rmdir(path);
	}
	rmdir(dir);
}

static int run_gen(char *dir, size_t n, uint64_t seed, int split)
{
	options o;
	strcpy(dir, "/tmp/ot_gen_code_XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	o.outdir = dir;
	o.nsections = n;
	o.seed = seed;
	o.split = split;
	return generate(&o);
}

/* Is this line a section line of the generator ("1-4-010 Heading.")? */
static int is_section_line(const char *l)
{
	int dashes = 0;
	if (!isdigit((unsigned char)*l))
		return 0;
	while (isdigit((unsigned char)*l) || *l == '-')
		dashes += *l++ == '-';
	return dashes == 2 && *l == ' ';
}

/* The sections of a file as (number, block) pairs; a block runs from its
 * section line to the blank line before the next section. */
typedef struct {
	char num[32];
	const char *body; /* text after the number */
	size_t len;	  /* length of body */
} block;

static block *split_blocks(char *text, size_t *count)
{
	block *b = NULL;
	size_t n = 0;
	char *p = text;
	while (*p) {
		char *eol = strchr(p, '\n');
		if (!eol)
			eol = p + strlen(p);
		if (is_section_line(p)) {
			size_t k = strcspn(p, " ");
			b = xrealloc(b, (n + 1) * sizeof(*b));
			snprintf(b[n].num, sizeof b[n].num, "%.*s", (int)k, p);
			b[n].body = p + k;
			if (n)
				b[n - 1].len = (size_t)(p - b[n - 1].body);
			n++;
		}
		p = *eol ? eol + 1 : eol;
	}
	if (n)
		b[n - 1].len = (size_t)(p - b[n - 1].body);
	*count = n;
	return b;
}

static const block *find_block(const block *b, size_t n, const char *num)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!strcmp(b[i].num, num))
			return &b[i];
	return NULL;
}

/* Does `prefix` appear in truth as "<kind> <num>" or "<kind> <num>(" ? */
static const char *truth_about(char **lines, size_t n, const char *num)
{
	size_t i, k = strlen(num);
	for (i = 0; i < n; i++) {
		const char *sp = strchr(lines[i], ' ');
		if (sp && !strncmp(sp + 1, num, k) &&
		    (sp[1 + k] == '\0' || sp[1 + k] == '(' || sp[1 + k] == ' '))
			return lines[i];
		/* renumbered: the new number is the third field */
		if (sp && !strncmp(lines[i], "renumbered ", 11)) {
			const char *sp2 = strchr(sp + 1, ' ');
			if (sp2 && !strcmp(sp2 + 1, num))
				return lines[i];
		}
	}
	return NULL;
}

static char **split_lines(char *text, size_t *count)
{
	char **v = NULL;
	size_t n = 0;
	char *p = text;
	while (*p) {
		char *eol = strchr(p, '\n');
		v = xrealloc(v, (n + 1) * sizeof(*v));
		v[n++] = p;
		if (!eol)
			break;
		*eol = '\0';
		p = eol + 1;
	}
	*count = n;
	return v;
}

/* ------------------------------------------------------------------ tests */

TEST(deterministic_same_seed_same_bytes)
{
	char d1[64], d2[64], d3[64];
	const char *files[] = {"old.txt", "new.txt", "truth.txt"};
	size_t i;
	CHECK(run_gen(d1, 1500, 7, 0) == 0);
	CHECK(run_gen(d2, 1500, 7, 0) == 0);
	CHECK(run_gen(d3, 1500, 8, 0) == 0);
	for (i = 0; i < 3; i++) {
		size_t l1 = 0, l2 = 0, l3 = 0;
		char *a = slurp(d1, files[i], &l1), *b = slurp(d2, files[i], &l2);
		char *c = slurp(d3, files[i], &l3);
		CHECK(a && b && c);
		if (a && b && c) {
			CHECK(l1 > 0);
			CHECK(l1 == l2 && memcmp(a, b, l1) == 0);
			CHECK(l1 != l3 || memcmp(a, c, l1) != 0);
		}
		free(a);
		free(b);
		free(c);
	}
	remove_tree(d1);
	remove_tree(d2);
	remove_tree(d3);
}

TEST(truth_counts_sorted_and_sizes)
{
	char d[64];
	size_t len = 0, n = 0, i, nmod = 0, nadd = 0, nrem = 0, nren = 0, oldlen = 0;
	char *truth, *old;
	char **lines;
	CHECK(run_gen(d, 5000, 1, 0) == 0);
	truth = slurp(d, "truth.txt", &len);
	old = slurp(d, "old.txt", &oldlen);
	CHECK(truth != NULL && old != NULL);
	if (!truth || !old)
		goto done;
	/* about 1 KB per section */
	CHECK(oldlen > 5000u * 800 && oldlen < 5000u * 1400);
	lines = split_lines(truth, &n);
	for (i = 0; i < n; i++) {
		nmod += !strncmp(lines[i], "modified ", 9);
		nadd += !strncmp(lines[i], "added ", 6);
		nrem += !strncmp(lines[i], "removed ", 8);
		nren += !strncmp(lines[i], "renumbered ", 11);
		if (i)
			CHECK(strcmp(lines[i - 1], lines[i]) < 0);
	}
	CHECK(n == 50 + 10 + 10 + 5);
	CHECK(nmod == 50);
	CHECK(nadd == 10);
	CHECK(nrem == 10);
	CHECK(nren == 5);
	free(lines);
done:
	free(truth);
	free(old);
	remove_tree(d);
}

/*
 * Every difference between old.txt and new.txt is in truth.txt and every
 * truth line is a real difference: unchanged sections are byte-identical,
 * removed ones are gone, added ones are new, renumbered ones keep their
 * text, modified ones differ and contain the named clause's last marker.
 */
TEST(truth_matches_the_files)
{
	char d[64];
	char *old = NULL, *new = NULL, *truth = NULL;
	char **tl = NULL;
	block *ob = NULL, *nb = NULL;
	size_t no = 0, nn = 0, nt = 0, i;
	CHECK(run_gen(d, 3000, 3, 0) == 0);
	old = slurp(d, "old.txt", NULL);
	new = slurp(d, "new.txt", NULL);
	truth = slurp(d, "truth.txt", NULL);
	CHECK(old && new &&truth);
	if (!old || !new || !truth)
		goto done;
	ob = split_blocks(old, &no);
	nb = split_blocks(new, &nn);
	tl = split_lines(truth, &nt);
	CHECK(no == 3000);
	CHECK(nn == 3000 - 6 + 6);
	for (i = 0; i < no; i++) {
		const block *o = &ob[i], *w = find_block(nb, nn, o->num);
		const char *t = truth_about(tl, nt, o->num);
		if (!t) {
			CHECK(w && w->len == o->len && memcmp(w->body, o->body, o->len) == 0);
		} else if (!strncmp(t, "removed ", 8)) {
			CHECK(w == NULL);
		} else if (!strncmp(t, "renumbered ", 11)) {
			const char *newnum = strrchr(t, ' ') + 1;
			const block *r = find_block(nb, nn, newnum);
			CHECK(w == NULL);
			CHECK(find_block(ob, no, newnum) == NULL);
			CHECK(r && r->len == o->len && memcmp(r->body, o->body, o->len) == 0);
		} else if (!strncmp(t, "modified ", 9)) {
			const char *last = strrchr(t, '(');
			char marker[16];
			CHECK(w != NULL);
			CHECK(last != NULL);
			if (!w || !last)
				continue;
			CHECK(w->len != o->len || memcmp(w->body, o->body, o->len) != 0);
			snprintf(marker, sizeof marker, "%s ", last);
			CHECK(strstr(o->body, marker) != NULL);
		} else {
			CHECK(!"unexpected truth line for an old section");
		}
	}
	for (i = 0; i < nn; i++) {
		const char *t;
		if (find_block(ob, no, nb[i].num))
			continue;
		t = truth_about(tl, nt, nb[i].num);
		CHECK(t && (!strncmp(t, "added ", 6) || !strncmp(t, "renumbered ", 11)));
	}
	/* section numbers ascend in both files */
	for (i = 1; i < no; i++)
		CHECK(ot_num_compare(ob[i - 1].num, ob[i].num) < 0);
	for (i = 1; i < nn; i++)
		CHECK(ot_num_compare(nb[i - 1].num, nb[i].num) < 0);
done:
	free(ob);
	free(nb);
	free(tl);
	free(old);
	free(new);
	free(truth);
	remove_tree(d);
}

/* Lines stay within 90 columns, except a single unbreakable unit, and no
 * wrapped line can be taken for a marker, a section or a title line. */
TEST(line_shapes)
{
	char d[64];
	char *old = NULL;
	char **lines = NULL;
	size_t n = 0, i, longer = 0, curly = 0, dashes = 0;
	CHECK(run_gen(d, 2000, 5, 0) == 0);
	old = slurp(d, "old.txt", NULL);
	CHECK(old != NULL);
	if (!old)
		goto done;
	curly = strstr(old, LQ) != NULL;
	dashes = strstr(old, MDASH) != NULL;
	CHECK(curly && dashes);
	/* the marker rules: no letter (h)..(z) subsection, no (v) item, no
	 * (E); items (i) exist, under (A) */
	CHECK(strstr(old, "\n(h) ") == NULL);
	CHECK(strstr(old, "(v) ") == NULL);
	CHECK(strstr(old, "(E) ") == NULL);
	CHECK(strstr(old, "\n      (i) ") != NULL);
	CHECK(strstr(old, "\n(g) ") != NULL);
	lines = split_lines(old, &n); /* splits old in place */
	for (i = 1; i < n; i++) {
		const char *l = lines[i], *p = l;
		size_t chars = 0;
		for (; *p; p++)
			chars += ((unsigned char)*p & 0xC0) != 0x80;
		longer += chars > WRAP_COLUMNS;
		p = l;
		while (*p == ' ')
			p++;
		if (p == l)
			continue; /* section line, paragraph or (a) at column 0 */
		if (*p == '(') {
			/* an indented marker line: "(1) ", "(A) ", "(i) "; items
			 * sit only under (A), at depth 3 */
			CHECK(strchr(p, ')') != NULL);
			if (!strncmp(p, "(i) ", 4))
				CHECK(p - l == 6);
			continue;
		}
		CHECK(!isdigit((unsigned char)*p));
		CHECK(strncmp(p, "\xc2\xa7", 2) != 0);
		CHECK(strncasecmp(p, "sec", 3) != 0);
		CHECK(strncasecmp(p, "chapter", 7) != 0);
	}
	CHECK(longer == 0);
done:
	free(lines);
	free(old);
	remove_tree(d);
}

TEST(split_files_match_the_whole)
{
	char d[64], sub[128];
	char *old = NULL;
	block *ob = NULL;
	size_t no = 0, i, files = 0;
	DIR *dir;
	struct dirent *e;
	CHECK(run_gen(d, 300, 9, 1) == 0);
	old = slurp(d, "old.txt", NULL);
	CHECK(old != NULL);
	if (!old)
		goto done;
	ob = split_blocks(old, &no);
	CHECK(no == 300);
	snprintf(sub, sizeof sub, "%s/old", d);
	for (i = 0; i < no; i++) {
		size_t len = 0, want = ob[i].len;
		char *f = slurp(sub, ob[i].num, &len);
		CHECK(f != NULL);
		if (!f)
			continue;
		/* the block in old.txt also carries the blank separator line */
		if (i + 1 < no)
			want--;
		CHECK(len == strlen(ob[i].num) + want);
		CHECK(!strncmp(f, ob[i].num, strlen(ob[i].num)));
		CHECK(!memcmp(f + strlen(ob[i].num), ob[i].body, want));
		free(f);
	}
	if ((dir = opendir(sub))) {
		while ((e = readdir(dir)))
			files += e->d_name[0] != '.';
		closedir(dir);
	}
	CHECK(files == 300);
done:
	free(ob);
	free(old);
	remove_tree(d);
}

TEST(bad_arguments_are_refused)
{
	char a0[] = "gen_code", a1[] = "--sections", a2[] = "0", a3[] = "out";
	char b2[] = "12x", c1[] = "--bogus", d1[] = "--seed";
	char *v1[] = {a0, a1, a2, a3, NULL};
	char *v2[] = {a0, a1, b2, a3, NULL};
	char *v3[] = {a0, c1, a3, NULL};
	char *v4[] = {a0, a3, d1, NULL};
	char *v5[] = {a0, NULL};
	options o;
	CHECK(parse_args(&o, 4, v1) == 2);
	CHECK(parse_args(&o, 4, v2) == 2);
	CHECK(parse_args(&o, 3, v3) == 2);
	CHECK(parse_args(&o, 3, v4) == 2);
	CHECK(parse_args(&o, 1, v5) == 2);
	{
		char s1[] = "--sections", s2[] = "20", s3[] = "--seed", s4[] = "99";
		char *ok[] = {a0, a3, s1, s2, s3, s4, NULL};
		CHECK(parse_args(&o, 6, ok) == 0);
		CHECK(o.nsections == 20 && o.seed == 99 && !strcmp(o.outdir, "out"));
	}
}

TEST(unwritable_outdir_fails_cleanly)
{
	options o;
	o.outdir = "/proc/ordtrack-no-such-dir/x";
	o.nsections = 10;
	o.seed = 1;
	o.split = 0;
	CHECK(generate(&o) == -1);
}

int main(void)
{
	RUN(deterministic_same_seed_same_bytes);
	RUN(truth_counts_sorted_and_sizes);
	RUN(truth_matches_the_files);
	RUN(line_shapes);
	RUN(split_files_match_the_whole);
	RUN(bad_arguments_are_refused);
	RUN(unwritable_outdir_fails_cleanly);
	return test_summary();
}
