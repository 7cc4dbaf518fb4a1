/*
 * import_group.c - the rules of a whole-code import that are not parsing
 * (API in ordtrack/import.h): which ordinance each section goes to
 * (ot_import_group), the list of refused files (ot_import_refusals), and
 * warnings of many files grouped by message (ot_warnings_group).
 *
 * Grouping builds one `entry` per section of every piece still in play
 * (its ordinance, a borrowed node, its piece and line in the whole file),
 * sorts them by ordinance then number, checks that no number occurs
 * twice, then moves each run of one ordinance into a new document.  With
 * a refusal list, a problem refuses the file (all its pieces) instead of
 * stopping, and the entries of refused files are dropped before the
 * move; a refused piece keeps its sections (its caller frees it).
 * Nothing moves until every check has passed, so an error leaves every
 * piece as it was.
 *
 * Ownership: entries own their ordinance string; nodes stay owned by the
 * pieces' documents until the move, then by the new documents (the
 * pieces' section counts are set to 0, as ot_doc_take_sections does).
 */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"
#include "ordtrack/import.h"
#include "ordtrack/validate.h"

/* ------------------------------------------------------------ refusals */

void ot_import_refusals_add(ot_import_refusals *r, const char *file, const char *file2, const char *message)
{
	ot_import_refusal *x = OT_ARRAY_PUSH(r->items, r->n, r->cap);
	x->file = ot_strdup(file);
	x->file2 = file2 ? ot_strdup(file2) : NULL;
	x->message = ot_strdup(message);
}

int ot_import_refusals_has(const ot_import_refusals *r, const char *file)
{
	size_t i;
	for (i = 0; i < r->n; i++)
		if (strcmp(r->items[i].file, file) == 0 || (r->items[i].file2 && strcmp(r->items[i].file2, file) == 0))
			return 1;
	return 0;
}

static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void ot_import_refusals_files(const char ***out, size_t *nout, const ot_import_refusals *r)
{
	const char **v = ot_malloc((2 * r->n + 1) * sizeof(*v));
	size_t n = 0, i, k = 0;
	for (i = 0; i < r->n; i++) {
		v[n++] = r->items[i].file;
		if (r->items[i].file2)
			v[n++] = r->items[i].file2;
	}
	qsort(v, n, sizeof(*v), cmp_strp);
	for (i = 0; i < n; i++)
		if (!k || strcmp(v[k - 1], v[i]) != 0)
			v[k++] = v[i];
	*out = v;
	*nout = k;
}

void ot_import_refusals_release(ot_import_refusals *r)
{
	size_t i;
	if (!r)
		return;
	for (i = 0; i < r->n; i++) {
		free(r->items[i].file);
		free(r->items[i].file2);
		free(r->items[i].message);
	}
	free(r->items);
	memset(r, 0, sizeof(*r));
}

/* ------------------------------------------------------------- grouping */

typedef struct entry {
	char *ord;     /* owned */
	ot_node *sec;  /* borrowed from its piece until the move */
	size_t piece;
	unsigned line; /* in the whole file */
	size_t group;  /* index of its ordinance, once grouped */
} entry;

/* The chapter of a section number (see ot_import_group).  0 and a new
 * string in *out, or -1 when the number has no separator (or starts with
 * one). */
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

/* The ordinance of a section: 0 and a new string, or OT_EINVALID naming
 * the file and line. */
static int ordinance_of(char **out, const char *num, const char *dirname, const char *file, unsigned line)
{
	if (dirname) {
		size_t n = strlen(dirname);
		if (strncmp(num, dirname, n) == 0 && (num[n] == '-' || num[n] == '.') &&
		    ot_name_check(OT_NAME_ORDINANCE, dirname) == 0) {
			*out = ot_strdup(dirname);
			return 0;
		}
		ot_error_clear();
	}
	if (chapter_of(out, num) < 0)
		return ot_error_set(OT_EINVALID,
				    "%s:%u: section %s has no chapter in its number (the chapter is the number up to its second '-' or '.', 2-173 for 2-173-020); number sections CHAPTER-SECTION, or record this text as one ordinance under a name you give it",
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

/* Mark every piece of `file` left out. */
static void drop_file(char *out_piece, const ot_import_piece *pieces, size_t n, const char *file)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strcmp(pieces[i].file, file) == 0)
			out_piece[i] = 1;
}

/* Keep only the entries of pieces in play (freeing the others). */
static size_t filter_entries(entry *e, size_t ne, const char *out_piece)
{
	size_t i, k = 0;
	for (i = 0; i < ne; i++) {
		if (out_piece[e[i].piece])
			free(e[i].ord);
		else
			e[k++] = e[i];
	}
	return k;
}

/* The index of the group of section number `num` through bynum, or
 * (size_t)-1. */
static size_t group_of(entry **bynum, size_t ne, const char *num)
{
	entry key, *kp = &key, **hit;
	ot_node dummy;
	memset(&dummy, 0, sizeof(dummy));
	dummy.num = (char *)num;
	key.sec = &dummy;
	hit = bsearch(&kp, bynum, ne, sizeof(*bynum), cmp_entry_num);
	return hit ? (*hit)->group : (size_t)-1;
}

int ot_import_group(char ***ords_out, ot_doc ***docs_out, size_t *nout, ot_import_piece *pieces, size_t np,
		    const char *root, ot_import_refusals *refused)
{
	entry *e = NULL, **bynum = NULL;
	size_t ne = 0, ecap = 0, i, j, k, ngroups = 0;
	char **ords = NULL, *out_piece = ot_calloc(np ? np : 1, 1);
	ot_doc **docs = NULL;
	int err = 0;

	*ords_out = NULL;
	*docs_out = NULL;
	*nout = 0;
	if (refused)
		for (i = 0; i < np; i++)
			if (ot_import_refusals_has(refused, pieces[i].file))
				out_piece[i] = 1;
	for (i = 0; i < np; i++) {
		const ot_import_piece *p = &pieces[i];
		char dbuf[256];
		const char *dirname = parent_dir(dbuf, sizeof(dbuf), p->file, root);
		if (out_piece[i])
			continue;
		for (j = 0; j < p->doc->nsections; j++) {
			ot_node *s = p->doc->sections[j];
			entry *x = OT_ARRAY_PUSH(e, ne, ecap);
			memset(x, 0, sizeof(*x));
			x->sec = s;
			x->piece = i;
			x->line = s->line + p->line_off;
			if ((err = ordinance_of(&x->ord, s->num, dirname, p->file, x->line)) < 0) {
				ne--;
				if (!refused)
					goto done;
				ot_import_refusals_add(refused, p->file, NULL, ot_error_last());
				ot_error_clear();
				err = 0;
				drop_file(out_piece, pieces, np, p->file);
				break;
			}
		}
	}
	ne = filter_entries(e, ne, out_piece);
	if (ne > 1) /* e is NULL when every file was refused */
		qsort(e, ne, sizeof(*e), cmp_entry);
	for (i = 1; i < ne; i++)
		if (strcmp(e[i - 1].sec->num, e[i].sec->num) == 0 && strcmp(e[i - 1].ord, e[i].ord) == 0) {
			const char *f1 = pieces[e[i - 1].piece].file, *f2 = pieces[e[i].piece].file;
			err = ot_error_set(OT_EINVALID, "section %s appears twice: %s:%u and %s:%u; keep one of them",
					   e[i].sec->num, f1, e[i - 1].line, f2, e[i].line);
			if (!refused)
				goto done;
			ot_import_refusals_add(refused, f1, strcmp(f1, f2) ? f2 : NULL, ot_error_last());
			ot_error_clear();
			err = 0;
			drop_file(out_piece, pieces, np, f1);
			drop_file(out_piece, pieces, np, f2);
		}
	ne = filter_entries(e, ne, out_piece);
	/* the same number under two ordinances (through the directory
	 * rule) is a duplicate too: sections are found by number */
	bynum = ot_malloc((ne ? ne : 1) * sizeof(*bynum));
	for (i = 0; i < ne; i++)
		bynum[i] = &e[i];
	qsort(bynum, ne, sizeof(*bynum), cmp_entry_num);
	for (i = 1; i < ne; i++)
		if (strcmp(bynum[i - 1]->sec->num, bynum[i]->sec->num) == 0) {
			const char *f1 = pieces[bynum[i - 1]->piece].file, *f2 = pieces[bynum[i]->piece].file;
			err = ot_error_set(OT_EINVALID,
					   "section %s appears twice: %s:%u (ordinance %s) and %s:%u (ordinance %s); keep one of them",
					   bynum[i]->sec->num, f1, bynum[i - 1]->line, bynum[i - 1]->ord, f2,
					   bynum[i]->line, bynum[i]->ord);
			if (!refused)
				goto done;
			ot_import_refusals_add(refused, f1, strcmp(f1, f2) ? f2 : NULL, ot_error_last());
			ot_error_clear();
			err = 0;
			drop_file(out_piece, pieces, np, f1);
			drop_file(out_piece, pieces, np, f2);
		}
	{
		size_t before = ne;
		ne = filter_entries(e, ne, out_piece);
		if (ne != before) {
			/* bynum pointed into the unfiltered array */
			for (i = 0; i < ne; i++)
				bynum[i] = &e[i];
			qsort(bynum, ne, sizeof(*bynum), cmp_entry_num);
		}
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
	/* titles and notes */
	for (i = 0; i < np; i++) {
		ot_doc *pd = pieces[i].doc;
		size_t g = (size_t)-1;
		int single = 1;
		if (out_piece[i])
			continue;
		for (j = 0; j < pd->nsections; j++) {
			size_t h = group_of(bynum, ne, pd->sections[j]->num);
			if (j == 0)
				g = h;
			else if (h != g)
				single = 0;
		}
		if (g == (size_t)-1)
			continue;
		if (pd->title && single && !docs[g]->title)
			docs[g]->title = ot_strdup(pd->title);
		for (k = 0; k < pd->nnotes; k++) {
			size_t ng = g;
			ot_doc_note *n;
			if (pd->notes[k].section) {
				size_t h = group_of(bynum, ne, pd->notes[k].section);
				if (h != (size_t)-1)
					ng = h;
			}
			n = ot_doc_add_note(docs[ng], pd->notes[k].section, pd->notes[k].kind, pd->notes[k].text);
			n->line = pd->notes[k].line ? pd->notes[k].line + pieces[i].line_off : 0;
		}
	}
	for (i = 0; i < np; i++)
		if (!out_piece[i])
			pieces[i].doc->nsections = 0; /* now owned by docs */
	*ords_out = ords;
	*docs_out = docs;
	*nout = ngroups;
done:
	for (i = 0; i < ne; i++)
		free(e[i].ord);
	free(e);
	free(bynum);
	free(out_piece);
	return err;
}

/* ------------------------------------------------------------- warnings */

/* The length of the place "NAME:DIGITS" at the start of w when it is
 * followed by ": ", else 0. */
static size_t place_len(const char *w)
{
	const char *p = w;
	while ((p = strchr(p, ':')) != NULL) {
		const char *d = p + 1;
		while (*d >= '0' && *d <= '9')
			d++;
		if (d > p + 1 && d[0] == ':' && d[1] == ' ' && p > w)
			return (size_t)(d - w);
		p++;
	}
	return 0;
}

/* The length of the part of a message that groups it: all of it but a
 * closing parenthetical detail ("unknown element <x> (its text is kept
 * in 2-173-050(a))" groups as "unknown element <x>"). */
static size_t key_len(const char *msg)
{
	size_t n = strlen(msg), depth = 0, i;
	if (!n || msg[n - 1] != ')')
		return n;
	for (i = n; i-- > 0;) {
		if (msg[i] == ')')
			depth++;
		else if (msg[i] == '(' && --depth == 0)
			return i > 0 && msg[i - 1] == ' ' ? i - 1 : n;
	}
	return n;
}

void ot_warnings_group(ot_warning_group **out, size_t *nout, const char *const *w, size_t n)
{
	/* groups are found through a sorted index of (message, group): a
	 * whole code can give tens of thousands of warnings */
	typedef struct key {
		const char *msg;
		size_t group;
	} key;
	ot_warning_group *g = NULL;
	key *keys = NULL;
	size_t ng = 0, gcap = 0, nk = 0, kcap = 0, i;

	for (i = 0; i < n; i++) {
		size_t pl = place_len(w[i]);
		const char *msg = pl ? w[i] + pl + 2 : w[i];
		size_t lo = 0, hi = nk, gi, ml = key_len(msg);
		char *kmsg = ot_strndup(msg, ml);
		/* binary search in keys (sorted by message) */
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			int c = strcmp(keys[mid].msg, kmsg);
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < nk && strcmp(keys[lo].msg, kmsg) == 0) {
			free(kmsg);
			ot_warning_group *x = &g[keys[lo].group];
			x->count++;
			if (x->nothers < OT_WARNING_OTHER_PLACES)
				x->others[x->nothers++] = pl ? ot_strndup(w[i], pl) : ot_strdup("");
			continue;
		}
		gi = ng;
		{
			ot_warning_group *x = OT_ARRAY_PUSH(g, ng, gcap);
			memset(x, 0, sizeof(*x));
			x->message = kmsg;
			x->sample = ot_strdup(w[i]);
			x->first = pl ? ot_strndup(w[i], pl) : NULL;
			x->others = ot_calloc(OT_WARNING_OTHER_PLACES, sizeof(char *));
			x->count = 1;
		}
		ot_array_grow((void **)&keys, &kcap, nk + 1, sizeof(*keys));
		memmove(&keys[lo + 1], &keys[lo], (nk - lo) * sizeof(*keys));
		keys[lo].msg = g[gi].message;
		keys[lo].group = gi;
		nk++;
	}
	/* keys point at messages, which do not move when g grows */
	free(keys);
	*out = g;
	*nout = ng;
}

void ot_warning_groups_free(ot_warning_group *g, size_t n)
{
	size_t i, j;
	for (i = 0; i < n; i++) {
		free(g[i].message);
		free(g[i].sample);
		free(g[i].first);
		for (j = 0; j < g[i].nothers; j++)
			free(g[i].others[j]);
		free(g[i].others);
	}
	free(g);
}

void ot_buf_put_count(ot_buf *out, size_t n)
{
	char digits[32];
	size_t len, i;
	snprintf(digits, sizeof(digits), "%zu", n);
	len = strlen(digits);
	for (i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			ot_buf_putc(out, ',');
		ot_buf_putc(out, digits[i]);
	}
}

void ot_warning_group_format(ot_buf *out, const ot_warning_group *g)
{
	size_t i;
	if (g->count == 1) {
		ot_buf_puts(out, g->sample);
		return;
	}
	ot_buf_puts(out, g->message);
	ot_buf_puts(out, " (");
	ot_buf_put_count(out, g->count);
	ot_buf_puts(out, " times");
	if (g->first) {
		size_t shown = 0;
		ot_buf_printf(out, ", first at %s", g->first);
		for (i = 0; i < g->nothers; i++) {
			if (!*g->others[i])
				continue;
			ot_buf_puts(out, shown++ ? ", " : "; others at ");
			ot_buf_puts(out, g->others[i]);
		}
		if (shown && g->count > 1 + g->nothers)
			ot_buf_puts(out, ", ...");
	}
	ot_buf_putc(out, ')');
}
