/*
 * doc.c - the clause tree (ot_doc / ot_node, see ordtrack/doc.h): building,
 * freeing without recursion, lookup, comparison and the canonical text.
 *
 * Each node owns its strings and its children array.  Freeing walks the
 * tree with an explicit stack so that a hostile, deeply nested input cannot
 * overflow the C stack; the same goes for counting, comparing, cloning and
 * writing the canonical form.
 */
#include <ctype.h>
#include <stdlib.h>

#include "internal.h"
#include "ordtrack/doc.h"

ot_doc *ot_doc_new(void)
{
	return ot_calloc(1, sizeof(ot_doc));
}

ot_node *ot_node_new(ot_node_kind kind, const char *id, const char *num,
		     const char *heading, const char *text)
{
	ot_node *n = ot_calloc(1, sizeof(*n));
	n->kind = kind;
	n->id = ot_strdup(id ? id : "");
	n->num = num ? ot_strdup(num) : NULL;
	n->heading = heading ? ot_strdup(heading) : NULL;
	n->text = text ? ot_strdup(text) : NULL;
	return n;
}

void ot_node_append(ot_node *parent, ot_node *child)
{
	/* most clauses have a few children: grow 2, 4, 8, … rather than the
	 * usual first 8, which a 200,000-clause code pays for in memory */
	if (parent->nchildren == parent->cap) {
		unsigned ncap = parent->cap ? parent->cap * 2 : 2;
		if (ncap < parent->cap)
			ot_malloc((size_t)-1); /* overflow: reported as out of memory */
		parent->children = ot_reallocarray(parent->children, ncap, sizeof(*parent->children));
		parent->cap = ncap;
	}
	parent->children[parent->nchildren++] = child;
	child->parent = parent;
}

void ot_doc_append(ot_doc *doc, ot_node *section)
{
	*OT_ARRAY_PUSH(doc->sections, doc->nsections, doc->cap) = section;
	section->parent = NULL;
}

static void free_one(ot_node *n)
{
	if (!n->num_in_id)
		free(n->num);
	free(n->id);
	free(n->heading);
	free(n->text);
	free(n->children);
	free(n);
}

/* Free without recursion: the children array of the node being freed is
 * reused as the work list by splicing children onto a stack. */
void ot_node_free(ot_node *node)
{
	ot_node **stack = NULL;
	size_t n = 0, cap = 0, i;
	if (!node)
		return;
	*OT_ARRAY_PUSH(stack, n, cap) = node;
	while (n) {
		ot_node *cur = stack[--n];
		for (i = 0; i < cur->nchildren; i++)
			*OT_ARRAY_PUSH(stack, n, cap) = cur->children[i];
		free_one(cur);
	}
	free(stack);
}

void ot_doc_free(ot_doc *doc)
{
	size_t i;
	if (!doc)
		return;
	for (i = 0; i < doc->nsections; i++)
		ot_node_free(doc->sections[i]);
	free(doc->sections);
	for (i = 0; i < doc->nnotes; i++) {
		free(doc->notes[i].section);
		free(doc->notes[i].kind);
		free(doc->notes[i].text);
	}
	free(doc->notes);
	for (i = 0; i < doc->nskipped; i++) {
		free(doc->skipped[i].kind);
		free(doc->skipped[i].text);
	}
	free(doc->skipped);
	free(doc->title);
	free(doc);
}

ot_doc_note *ot_doc_add_note(ot_doc *doc, const char *section, const char *kind, const char *text)
{
	ot_doc_note *n = OT_ARRAY_PUSH(doc->notes, doc->nnotes, doc->notes_cap);
	n->section = section ? ot_strdup(section) : NULL;
	n->kind = ot_strdup(kind ? kind : "note");
	n->text = ot_strdup(text ? text : "");
	n->line = 0;
	return n;
}

ot_doc_skip *ot_doc_add_skip(ot_doc *doc, unsigned line, const char *kind, const char *text)
{
	ot_doc_skip *k = OT_ARRAY_PUSH(doc->skipped, doc->nskipped, doc->skipped_cap);
	k->kind = ot_strdup(kind ? kind : "markup");
	k->text = ot_strdup(text ? text : "");
	k->line = line;
	return k;
}

/* Pre-order visit of a subtree with an explicit stack. */
typedef struct walk {
	const ot_node **stack;
	size_t n, cap;
} walk;

static void walk_start(walk *w, const ot_node *root)
{
	w->stack = NULL;
	w->n = w->cap = 0;
	if (root)
		*OT_ARRAY_PUSH(w->stack, w->n, w->cap) = root;
}

static const ot_node *walk_next(walk *w)
{
	const ot_node *cur;
	size_t i;
	if (!w->n)
		return NULL;
	cur = w->stack[--w->n];
	for (i = cur->nchildren; i > 0; i--)
		*OT_ARRAY_PUSH(w->stack, w->n, w->cap) = cur->children[i - 1];
	return cur;
}

static void walk_end(walk *w)
{
	free(w->stack);
}

size_t ot_node_count(const ot_node *node)
{
	walk w;
	size_t count = 0;
	walk_start(&w, node);
	while (walk_next(&w))
		count++;
	walk_end(&w);
	return count;
}

const ot_node *ot_doc_section(const ot_doc *doc, const char *num)
{
	size_t i;
	for (i = 0; i < doc->nsections; i++)
		if (strcmp(doc->sections[i]->num, num) == 0)
			return doc->sections[i];
	return NULL;
}

const ot_node *ot_doc_find(const ot_doc *doc, const char *id)
{
	size_t i;
	for (i = 0; i < doc->nsections; i++) {
		const ot_node *s = doc->sections[i], *cur, *hit = NULL;
		size_t nl = strlen(s->num);
		walk w;
		/* a clause id starts with its section number */
		if (strncmp(id, s->num, nl) != 0)
			continue;
		walk_start(&w, s);
		while ((cur = walk_next(&w)))
			if (strcmp(cur->id, id) == 0) {
				hit = cur;
				break;
			}
		walk_end(&w);
		if (hit)
			return hit;
	}
	return NULL;
}

static int str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static int node_fields_equal(const ot_node *a, const ot_node *b)
{
	return a->kind == b->kind && a->nchildren == b->nchildren &&
	       str_eq(a->id, b->id) && str_eq(a->num, b->num) &&
	       str_eq(a->heading, b->heading) && str_eq(a->text, b->text);
}

int ot_node_equal(const ot_node *a, const ot_node *b)
{
	walk wa, wb;
	const ot_node *x, *y;
	int eq = 1;
	walk_start(&wa, a);
	walk_start(&wb, b);
	for (;;) {
		x = walk_next(&wa);
		y = walk_next(&wb);
		if (!x || !y) {
			eq = (x == y);
			break;
		}
		if (!node_fields_equal(x, y)) {
			eq = 0;
			break;
		}
	}
	walk_end(&wa);
	walk_end(&wb);
	return eq;
}

ot_node *ot_node_clone(const ot_node *node)
{
	/* pairs of (source, copy) so that children attach to the right copy */
	typedef struct pair {
		const ot_node *src;
		ot_node *dst;
	} pair;
	pair *stack = NULL;
	size_t n = 0, cap = 0, i;
	ot_node *root;

	root = ot_node_new(node->kind, node->id, node->num, node->heading, node->text);
	root->line = node->line;
	*OT_ARRAY_PUSH(stack, n, cap) = (pair){node, root};
	while (n) {
		pair p = stack[--n];
		for (i = 0; i < p.src->nchildren; i++) {
			const ot_node *c = p.src->children[i];
			ot_node *copy = ot_node_new(c->kind, c->id, c->num, c->heading, c->text);
			copy->line = c->line;
			ot_node_append(p.dst, copy);
			*OT_ARRAY_PUSH(stack, n, cap) = (pair){c, copy};
		}
	}
	free(stack);
	return root;
}

static int cmp_sections_by_num(const void *pa, const void *pb);

/* The duplicate check looks each number of src up in a sorted copy of
 * dst's sections (a scan of dst per section of src was quadratic when a
 * whole code is gathered into one document); with few sections on either
 * side the plain scan is cheaper and is kept. */
int ot_doc_take_sections(ot_doc *dst, ot_doc *src)
{
	ot_node **sorted = NULL;
	size_t i;
	int err = 0;
	if (dst->nsections && src->nsections && dst->nsections > 8 && src->nsections > 1) {
		sorted = ot_malloc(dst->nsections * sizeof(*sorted));
		memcpy(sorted, dst->sections, dst->nsections * sizeof(*sorted));
		qsort(sorted, dst->nsections, sizeof(*sorted), cmp_sections_by_num);
	}
	for (i = 0; dst->nsections && i < src->nsections; i++) {
		const ot_node *key = src->sections[i];
		int dup = sorted ? bsearch(&key, sorted, dst->nsections, sizeof(*sorted), cmp_sections_by_num) != NULL
				 : ot_doc_section(dst, key->num) != NULL;
		if (dup) {
			err = ot_error_set(OT_EINVALID, "section %s appears twice", key->num);
			goto done;
		}
	}
	for (i = 0; i < src->nsections; i++)
		ot_doc_append(dst, src->sections[i]);
	src->nsections = 0;
done:
	free(sorted);
	return err;
}

void ot_clause_id_append(ot_buf *id, const char *num)
{
	size_t n = num ? strlen(num) : 0;
	if (n >= 2 && num[0] != '(' && num[n - 1] == '.') { /* "A." -> "(A)" */
		ot_buf_putc(id, '(');
		ot_buf_put(id, num, n - 1);
		ot_buf_putc(id, ')');
	} else if (n) {
		ot_buf_puts(id, num);
	}
}

int ot_num_compare_n(const char *a, const char *b, size_t blen)
{
	char buf[256];
	if (blen >= sizeof(buf))
		blen = sizeof(buf) - 1;
	memcpy(buf, b, blen);
	buf[blen] = '\0';
	return ot_num_compare(a, buf);
}

int ot_num_compare(const char *a, const char *b)
{
	while (*a && *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			const char *sa = a, *sb = b;
			size_t la, lb;
			while (*sa == '0' && isdigit((unsigned char)sa[1]))
				sa++;
			while (*sb == '0' && isdigit((unsigned char)sb[1]))
				sb++;
			for (a = sa; isdigit((unsigned char)*a); a++)
				;
			for (b = sb; isdigit((unsigned char)*b); b++)
				;
			la = (size_t)(a - sa);
			lb = (size_t)(b - sb);
			if (la != lb)
				return la < lb ? -1 : 1;
			if (memcmp(sa, sb, la) != 0)
				return memcmp(sa, sb, la) < 0 ? -1 : 1;
		} else {
			if (*a != *b)
				return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
			a++;
			b++;
		}
	}
	if (*a || *b)
		return *a ? 1 : -1;
	return 0;
}

static int cmp_sections(const void *pa, const void *pb)
{
	const ot_node *a = *(const ot_node *const *)pa, *b = *(const ot_node *const *)pb;
	int c = ot_num_compare(a->num, b->num);
	return c ? c : strcmp(a->num, b->num);
}

static int cmp_sections_by_num(const void *pa, const void *pb)
{
	const ot_node *a = *(const ot_node *const *)pa, *b = *(const ot_node *const *)pb;
	return strcmp(a->num, b->num);
}

/* Drop the sections marked (by a NULL slot) from doc, keeping order. */
static void compact_sections(ot_doc *doc)
{
	size_t i, k = 0;
	for (i = 0; i < doc->nsections; i++)
		if (doc->sections[i])
			doc->sections[k++] = doc->sections[i];
	doc->nsections = k;
}

void ot_doc_prune_common(ot_doc *a, ot_doc *b, size_t *units)
{
	ot_node **sa, **sb;
	size_t i = 0, j = 0, k;
	*units = 0;
	if (!a->nsections || !b->nsections)
		return;
	/* merge-join sorted copies by number; mark equal pairs */
	sa = ot_malloc(a->nsections * sizeof(*sa));
	sb = ot_malloc(b->nsections * sizeof(*sb));
	memcpy(sa, a->sections, a->nsections * sizeof(*sa));
	memcpy(sb, b->sections, b->nsections * sizeof(*sb));
	qsort(sa, a->nsections, sizeof(*sa), cmp_sections_by_num);
	qsort(sb, b->nsections, sizeof(*sb), cmp_sections_by_num);
	while (i < a->nsections && j < b->nsections) {
		int c = strcmp(sa[i]->num, sb[j]->num);
		if (c < 0) {
			i++;
		} else if (c > 0) {
			j++;
		} else {
			if (ot_node_equal(sa[i], sb[j])) {
				/* mark with line = (unsigned)-1 and free below */
				sa[i]->line = (unsigned)-1;
				sb[j]->line = (unsigned)-1;
			}
			i++;
			j++;
		}
	}
	free(sa);
	free(sb);
	for (k = 0; k < a->nsections; k++)
		if (a->sections[k]->line == (unsigned)-1) {
			*units += ot_node_count(a->sections[k]);
			ot_node_free(a->sections[k]);
			a->sections[k] = NULL;
		}
	for (k = 0; k < b->nsections; k++)
		if (b->sections[k]->line == (unsigned)-1) {
			ot_node_free(b->sections[k]);
			b->sections[k] = NULL;
		}
	compact_sections(a);
	compact_sections(b);
}

/* (number, position) of each section, sorted by number, so that the
 * section of each note is found by binary search: one pass over the
 * notes instead of a scan of every note per section. */
typedef struct num_pos {
	const char *num;
	size_t pos;
} num_pos;

static int cmp_num_pos(const void *pa, const void *pb)
{
	const num_pos *a = pa, *b = pb;
	int c = strcmp(a->num, b->num);
	/* equal numbers (not in a valid document): the first one wins */
	return c ? c : (a->pos > b->pos) - (a->pos < b->pos);
}

static int cmp_num_key(const void *pk, const void *pe)
{
	return strcmp(pk, ((const num_pos *)pe)->num);
}

void ot_doc_note_groups_init(ot_doc_note_groups *g, const ot_doc *doc)
{
	num_pos *bynum = NULL;
	size_t *where = NULL, *fill = NULL, i, ns = doc->nsections;

	g->order = ot_malloc((doc->nnotes ? doc->nnotes : 1) * sizeof(*g->order));
	g->start = ot_calloc(ns + 2, sizeof(*g->start));
	if (!doc->nnotes)
		return;
	if (ns) {
		bynum = ot_malloc(ns * sizeof(*bynum));
		for (i = 0; i < ns; i++)
			bynum[i] = (num_pos){doc->sections[i]->num, i};
		qsort(bynum, ns, sizeof(*bynum), cmp_num_pos);
	}
	/* where[i]: position of note i's section, ns for none */
	where = ot_malloc(doc->nnotes * sizeof(*where));
	for (i = 0; i < doc->nnotes; i++) {
		const char *num = doc->notes[i].section;
		const num_pos *hit = num && ns ? bsearch(num, bynum, ns, sizeof(*bynum), cmp_num_key) : NULL;
		/* bsearch may land on any of equal numbers: step to the first */
		while (hit && hit > bynum && strcmp(hit[-1].num, num) == 0)
			hit--;
		where[i] = hit ? hit->pos : ns;
	}
	/* a stable counting sort by that position */
	for (i = 0; i < doc->nnotes; i++)
		g->start[where[i] + 1]++;
	for (i = 0; i < ns + 1; i++)
		g->start[i + 1] += g->start[i];
	fill = ot_malloc((ns + 1) * sizeof(*fill));
	memcpy(fill, g->start, (ns + 1) * sizeof(*fill));
	for (i = 0; i < doc->nnotes; i++)
		g->order[fill[where[i]]++] = i;
	free(fill);
	free(where);
	free(bynum);
}

void ot_doc_note_groups_release(ot_doc_note_groups *g)
{
	free(g->order);
	free(g->start);
	g->order = NULL;
	g->start = NULL;
}

void ot_doc_sort(ot_doc *doc)
{
	if (doc->nsections > 1)
		qsort(doc->sections, doc->nsections, sizeof(*doc->sections), cmp_sections);
}

void ot_section_canonical(ot_buf *out, const ot_node *section)
{
	walk w;
	const ot_node *cur;
	walk_start(&w, section);
	while ((cur = walk_next(&w))) {
		switch (cur->kind) {
		case OT_NODE_SECTION:
			/* A bare "2-173-020 Heading." reads back as a section
			 * line only with a hyphen in the number and a heading
			 * that starts with a capital; otherwise write the
			 * "§ 12.5 heading" form, which the text parser also
			 * reads (round-trip law). */
			if (!strchr(cur->num, '-') || !cur->heading || !*cur->heading ||
			    !ot_heading_reads_back(cur->heading))
				ot_buf_puts(out, "\xC2\xA7 ");
			ot_buf_puts(out, cur->num);
			if (cur->heading && *cur->heading) {
				/* the parser drops one dash between number and
				 * heading ("§ 3-9-020 — Appeals."): a heading that
				 * starts with a dash gets one to drop */
				if (cur->heading[0] == '-' ||
				    (strncmp(cur->heading, "\xE2\x80\x93", 3) == 0 || strncmp(cur->heading, "\xE2\x80\x94", 3) == 0))
					ot_buf_puts(out, " \xE2\x80\x94");
				ot_buf_putc(out, ' ');
				ot_buf_puts(out, cur->heading);
			}
			break;
		case OT_NODE_CLAUSE:
			ot_buf_puts(out, cur->num);
			if (cur->text && *cur->text) {
				ot_buf_putc(out, ' ');
				ot_buf_puts(out, cur->text);
			}
			break;
		case OT_NODE_TEXT:
			ot_buf_putc(out, '\n');
			ot_buf_puts(out, cur->text ? cur->text : "");
			break;
		}
		ot_buf_putc(out, '\n');
	}
	walk_end(&w);
}

void ot_doc_canonical(ot_buf *out, const ot_doc *doc)
{
	size_t i;
	for (i = 0; i < doc->nsections; i++) {
		if (i)
			ot_buf_putc(out, '\n');
		ot_section_canonical(out, doc->sections[i]);
	}
}
