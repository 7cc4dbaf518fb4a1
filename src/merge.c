/*
 * merge.c - three-way, clause-level merge (ot_merge3) and the ids a diff
 * touches (ot_diff_touched).  See ordtrack/merge.h for the contract.
 *
 * Semantics, in short: base -> ours and base -> theirs are aligned with
 * ot_diff_compute, so every base unit (section, clause, TEXT node) has an
 * image on each side, or none when that side removed it.  Each surviving
 * unit is merged aspect by aspect - text (a section's heading), marker, and
 * place (parent, order among siblings): taken from the side that changed
 * it, equal when both changed it alike, a conflict when both changed it
 * differently.  A removal meets any change of the other side as a conflict.
 * Additions of ours stay where ours has them; additions of theirs, and the
 * units theirs moved or reordered, go after the same preceding sibling as
 * in theirs (first when they are first, last when that sibling is gone).
 * Sections theirs added or renumbered go in number order into ours' order.
 * A side with no change at all gives the other side, exactly.  Ids of the
 * merged tree are derived from the structure (section = number, clause =
 * parent id + marker, TEXT = parent id + "~N"), and a merged id that occurs
 * twice is a conflict: the merged document always parses back.
 *
 * Data structures:
 *  - `flat`: one input document in pre-order (explicit stack, no
 *    recursion), with parent, position, child lists (the virtual root, index
 *    n, holds the sections) and an id index sorted for binary search;
 *  - img_o / img_t (base unit -> ours / theirs unit, NONE when removed) and
 *    their inverses part_o / part_t (side unit -> base unit, NONE when the
 *    side added it), derived from the two diffs: a change names its unit,
 *    a silent unit's id is its parent's image id plus its own suffix;
 *  - `mnode`: one unit of the merged tree, with borrowed num and text, its
 *    origin on each side, its merged parent and its ordered children.  The
 *    merged ot_doc is built from the mnodes only when nothing conflicts.
 *
 * Ownership: everything but the result is freed before returning; the
 * result owns its document, conflicts and their strings
 * (ot_merge_result_release).  Input documents are never modified.
 */
#include <stdlib.h>

#include "internal.h"
#include "ordtrack/merge.h"

#define NONE ((size_t)-1)

static int str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static char *dup_or_null(const char *s)
{
	return s ? ot_strdup(s) : NULL;
}

/* The text aspect of a unit: a section's heading, else its text. */
static const char *utext(const ot_node *n)
{
	return n->kind == OT_NODE_SECTION ? n->heading : n->text;
}

/* ---- flattened documents --------------------------------------------------- */

typedef struct idref {
	const char *id;
	size_t idx;
} idref;

typedef struct flat {
	const ot_node **node;
	size_t *parent; /* NONE for a section */
	size_t *pos;	/* among its siblings */
	size_t *kstart; /* children of i: kids[kstart[i] .. kstart[i+1]); i == n: sections */
	size_t *kids;
	idref *byid;
	size_t n, cap, pcap, scap;
} flat;

static int cmp_idref(const void *pa, const void *pb)
{
	const idref *a = pa, *b = pb;
	return strcmp(a->id, b->id);
}

/* Flatten doc in pre-order.  Returns 0, or OT_EINVALID on a duplicate id. */
static int flat_build(flat *f, const ot_doc *doc, const char *what)
{
	typedef struct item {
		const ot_node *node;
		size_t parent, pos;
	} item;
	item *stack = NULL;
	size_t sn = 0, scap = 0, i, k, *fill;

	for (i = doc->nsections; i > 0; i--)
		*OT_ARRAY_PUSH(stack, sn, scap) = (item){doc->sections[i - 1], NONE, i - 1};
	while (sn) {
		item it = stack[--sn];
		size_t me = f->n;
		ot_array_grow((void **)&f->node, &f->cap, me + 1, sizeof(*f->node));
		ot_array_grow((void **)&f->parent, &f->pcap, me + 1, sizeof(size_t));
		ot_array_grow((void **)&f->pos, &f->scap, me + 1, sizeof(size_t));
		f->node[me] = it.node;
		f->parent[me] = it.parent;
		f->pos[me] = it.pos;
		f->n = me + 1;
		for (k = it.node->nchildren; k > 0; k--)
			*OT_ARRAY_PUSH(stack, sn, scap) = (item){it.node->children[k - 1], me, k - 1};
	}
	free(stack);

	/* child lists: pre-order visits each parent's children in order */
	f->kstart = ot_calloc(f->n + 2, sizeof(size_t));
	for (i = 0; i < f->n; i++)
		f->kstart[(f->parent[i] == NONE ? f->n : f->parent[i]) + 1]++;
	for (i = 0; i <= f->n; i++)
		f->kstart[i + 1] += f->kstart[i];
	fill = ot_malloc((f->n + 1) * sizeof(size_t));
	memcpy(fill, f->kstart, (f->n + 1) * sizeof(size_t));
	f->kids = ot_malloc((f->n + 1) * sizeof(size_t));
	for (i = 0; i < f->n; i++)
		f->kids[fill[f->parent[i] == NONE ? f->n : f->parent[i]]++] = i;
	free(fill);

	f->byid = ot_malloc((f->n + 1) * sizeof(idref));
	for (i = 0; i < f->n; i++)
		f->byid[i] = (idref){f->node[i]->id, i};
	qsort(f->byid, f->n, sizeof(idref), cmp_idref);
	for (i = 1; i < f->n; i++)
		if (strcmp(f->byid[i - 1].id, f->byid[i].id) == 0)
			return ot_error_set(OT_EINVALID, "merge: duplicate id '%s' in %s", f->byid[i].id,
					    what);
	return 0;
}

static void flat_free(flat *f)
{
	free(f->node);
	free(f->parent);
	free(f->pos);
	free(f->kstart);
	free(f->kids);
	free(f->byid);
}

static size_t flat_find(const flat *f, const char *id)
{
	idref key = {id, 0}, *hit;
	if (!id || !f->n)
		return NONE;
	hit = bsearch(&key, f->byid, f->n, sizeof(idref), cmp_idref);
	return hit ? hit->idx : NONE;
}

/* Previous sibling of i in f, or NONE when i is first. */
static size_t flat_prev(const flat *f, size_t i)
{
	size_t p = f->parent[i] == NONE ? f->n : f->parent[i];
	return f->pos[i] ? f->kids[f->kstart[p] + f->pos[i] - 1] : NONE;
}

/* ---- the merge state ------------------------------------------------------- */

typedef struct mnode {
	ot_node_kind kind;
	const char *num, *text; /* borrowed from an input document */
	size_t b, o, t;		/* origin in base / ours / theirs, or NONE */
	size_t parent;		/* merged parent, NONE for a section */
	int tplaced;		/* placed as theirs places it */
	int placed;		/* already in its parent's child list */
	size_t *kids;
	size_t nkids, kcap;
	ot_node *out;
} mnode;

typedef struct cfl {
	ot_merge_conflict c;
	size_t seq;
} cfl;

typedef struct merger {
	flat B, O, T;
	size_t *img_o, *img_t, *part_o, *part_t;
	char *reord_o, *reord_t;
	size_t *bm, *om, *tm;
	mnode *m;
	size_t nm, mcap;
	cfl *c;
	size_t nc, ccap;
} merger;

static void add_conflict(merger *mg, const char *id, const char *bt, const char *ot, const char *tt,
			 const char *reason)
{
	cfl *c = OT_ARRAY_PUSH(mg->c, mg->nc, mg->ccap);
	c->c.id = ot_strdup(id ? id : "");
	c->c.base_text = dup_or_null(bt);
	c->c.ours_text = dup_or_null(ot);
	c->c.theirs_text = dup_or_null(tt);
	c->c.reason = ot_strdup(reason);
	c->seq = mg->nc - 1;
}

/* Conflict on base unit b, with the texts of its images. */
static void base_conflict(merger *mg, size_t b, const char *reason)
{
	size_t xo = mg->img_o[b], xt = mg->img_t[b];
	add_conflict(mg, mg->B.node[b]->id, utext(mg->B.node[b]), xo == NONE ? NULL : utext(mg->O.node[xo]),
		     xt == NONE ? NULL : utext(mg->T.node[xt]), reason);
}

static size_t new_mnode(merger *mg, const ot_node *like)
{
	mnode *m = OT_ARRAY_PUSH(mg->m, mg->nm, mg->mcap);
	memset(m, 0, sizeof(*m));
	m->kind = like->kind;
	m->num = like->num;
	m->text = utext(like);
	m->b = m->o = m->t = NONE;
	m->parent = NONE;
	return mg->nm - 1;
}

/*
 * Images of the base units on side X from the diff base -> X: img[b] is
 * X's unit for base unit b (NONE when removed), part[x] the inverse.
 * Returns 0, or OT_ERROR when the diff does not fit the documents (which
 * would be a bug of the diff engine, reported rather than trusted).
 */
static int map_side(const flat *B, const flat *X, const ot_diff *d, size_t *img, size_t *part,
		    const char *side)
{
	char *named = ot_calloc(B->n + 1, 1);
	size_t i, b, x;
	ot_buf id = OT_BUF_INIT;
	int err = 0;

	for (b = 0; b < B->n; b++)
		img[b] = NONE;
	for (x = 0; x < X->n; x++)
		part[x] = NONE;
	for (i = 0; i < d->nchanges; i++) {
		const ot_change *c = &d->changes[i];
		if (c->kind == OT_CHANGE_ADDED)
			continue;
		if ((b = flat_find(B, c->old_id)) == NONE) {
			err = ot_error_set(OT_ERROR, "merge: the diff to %s names '%s', absent from base",
					   side, c->old_id ? c->old_id : "(null)");
			goto done;
		}
		named[b] = 1;
		if (c->kind == OT_CHANGE_REMOVED)
			continue;
		if ((img[b] = flat_find(X, c->id)) == NONE) {
			err = ot_error_set(OT_ERROR, "merge: the diff to %s names '%s', absent from %s", side,
					   c->id ? c->id : "(null)", side);
			goto done;
		}
	}
	/* silent units: parents come first in pre-order */
	for (b = 0; b < B->n; b++) {
		size_t pb = B->parent[b];
		if (named[b])
			continue;
		if (pb == NONE) {
			img[b] = flat_find(X, B->node[b]->id);
		} else {
			const char *bid = B->node[b]->id, *pid = B->node[pb]->id;
			size_t pl = strlen(pid);
			if (img[pb] == NONE || strncmp(bid, pid, pl) != 0) {
				img[b] = NONE;
			} else {
				ot_buf_clear(&id);
				ot_buf_puts(&id, X->node[img[pb]]->id);
				ot_buf_puts(&id, bid + pl);
				img[b] = flat_find(X, id.ptr);
			}
		}
		if (img[b] == NONE) {
			err = ot_error_set(OT_ERROR,
					   "merge: '%s' is unchanged in the diff to %s "
					   "but has no place there",
					   B->node[b]->id, side);
			goto done;
		}
	}
	for (b = 0; b < B->n; b++) {
		if (img[b] == NONE)
			continue;
		if (part[img[b]] != NONE || X->node[img[b]]->kind != B->node[b]->kind) {
			err = ot_error_set(OT_ERROR, "merge: the diff to %s maps '%s' inconsistently", side,
					   B->node[b]->id);
			goto done;
		}
		part[img[b]] = b;
	}
done:
	ot_buf_release(&id);
	free(named);
	return err;
}

/*
 * Mark in reord[] the base units that side X reordered among siblings that
 * kept their base parent: the units outside a longest increasing
 * subsequence of base positions, per parent (sections are ordered by the
 * section rule instead, so the root is skipped).
 */
static void mark_reordered(const flat *B, const flat *X, const size_t *part, char *reord)
{
	size_t *seq = NULL, *tails = NULL, *prev = NULL, scap = 0, tcap = 0, pcap = 0;
	size_t p, k;
	for (p = 0; p < X->n; p++) {
		size_t ns = 0, len = 0, t;
		if (part[p] == NONE)
			continue;
		for (k = X->kstart[p]; k < X->kstart[p + 1]; k++) {
			size_t c = X->kids[k];
			if (part[c] != NONE && B->parent[part[c]] == part[p])
				*OT_ARRAY_PUSH(seq, ns, scap) = part[c];
		}
		if (ns < 2)
			continue;
		ot_array_grow((void **)&tails, &tcap, ns, sizeof(size_t));
		ot_array_grow((void **)&prev, &pcap, ns, sizeof(size_t));
		for (k = 0; k < ns; k++) {
			size_t key = B->pos[seq[k]], lo = 0, hi = len;
			while (lo < hi) {
				size_t mid = (lo + hi) / 2;
				if (B->pos[seq[tails[mid]]] < key)
					lo = mid + 1;
				else
					hi = mid;
			}
			prev[k] = lo ? tails[lo - 1] : NONE;
			tails[lo] = k;
			if (lo == len)
				len++;
		}
		for (k = 0; k < ns; k++)
			reord[seq[k]] = 1;
		for (t = tails[len - 1]; t != NONE; t = prev[t])
			reord[seq[t]] = 0;
	}
	free(seq);
	free(tails);
	free(prev);
}

/* 1 if side X moved base unit b to another parent. */
static int parent_changed(const flat *B, const flat *X, const size_t *img, const size_t *part, size_t b)
{
	size_t px = X->parent[img[b]], pb = B->parent[b];
	if (px == NONE || pb == NONE)
		return px != pb;
	return part[px] != pb;
}

/* 1 if side X changed base unit b in any aspect (or removed it). */
static int side_changed(const merger *mg, size_t b, int theirs)
{
	const flat *X = theirs ? &mg->T : &mg->O;
	const size_t *img = theirs ? mg->img_t : mg->img_o, *part = theirs ? mg->part_t : mg->part_o;
	const char *reord = theirs ? mg->reord_t : mg->reord_o;
	const ot_node *x, *y = mg->B.node[b];
	if (img[b] == NONE)
		return 1;
	x = X->node[img[b]];
	return !str_eq(utext(x), utext(y)) || !str_eq(x->num, y->num) ||
	       parent_changed(&mg->B, X, img, part, b) || reord[b];
}

/* Three-way merge of one string aspect.  Returns 0 and the merged value
 * in *out, or -1 when both sides changed it differently. */
static int merge_str(const char **out, const char *b, const char *o, const char *t)
{
	if (str_eq(o, b))
		*out = t;
	else if (str_eq(t, b) || str_eq(o, t))
		*out = o;
	else
		return -1;
	return 0;
}

/* Merged nodes for the base units that survive, in base pre-order. */
static void merge_base_units(merger *mg)
{
	size_t b;
	for (b = 0; b < mg->B.n; b++) {
		size_t xo = mg->img_o[b], xt = mg->img_t[b], i;
		const ot_node *nb = mg->B.node[b], *no, *nt;
		const char *text, *num;
		mg->bm[b] = NONE;
		if (xo == NONE && xt == NONE)
			continue;
		if (xo == NONE || xt == NONE) {
			if (side_changed(mg, b, xo == NONE))
				base_conflict(mg, b, "removed by one side, changed by the other");
			continue;
		}
		no = mg->O.node[xo];
		nt = mg->T.node[xt];
		if (merge_str(&text, utext(nb), utext(no), utext(nt)) < 0) {
			base_conflict(mg, b, "changed differently by both");
			text = utext(no);
		}
		if (merge_str(&num, nb->num, no->num, nt->num) < 0) {
			base_conflict(mg, b, "renumbered differently by both");
			num = no->num;
		}
		i = new_mnode(mg, nb);
		mg->m[i].text = text;
		mg->m[i].num = num;
		mg->m[i].b = b;
		mg->m[i].o = xo;
		mg->m[i].t = xt;
		mg->bm[b] = i;
	}
}

/* Merged nodes for the additions; theirs' additions with an id that ours
 * also added merge into ours' unit when their content is equal. */
static void merge_additions(merger *mg)
{
	size_t x, y, i;
	for (x = 0; x < mg->O.n; x++) {
		if (mg->part_o[x] != NONE) {
			mg->om[x] = mg->bm[mg->part_o[x]];
			continue;
		}
		i = new_mnode(mg, mg->O.node[x]);
		mg->m[i].o = x;
		mg->om[x] = i;
	}
	for (y = 0; y < mg->T.n; y++) {
		const ot_node *ny = mg->T.node[y];
		size_t k;
		if (mg->part_t[y] != NONE) {
			mg->tm[y] = mg->bm[mg->part_t[y]];
			continue;
		}
		k = flat_find(&mg->O, ny->id);
		if (k != NONE && mg->part_o[k] == NONE && mg->m[mg->om[k]].t == NONE) {
			const ot_node *nk = mg->O.node[k];
			if (nk->kind != ny->kind || !str_eq(nk->num, ny->num) ||
			    !str_eq(utext(nk), utext(ny)))
				add_conflict(mg, ny->id, NULL, utext(nk), utext(ny),
					     "added by both with different text");
			mg->tm[y] = mg->om[k];
			mg->m[mg->om[k]].t = y;
			continue;
		}
		i = new_mnode(mg, ny);
		mg->m[i].t = y;
		mg->m[i].tplaced = 1;
		mg->tm[y] = i;
	}
}

/* Merged node of side X's previous sibling of x: NONE - 1 stands for
 * "first", NONE for a sibling that is gone. */
static size_t pred_of(const flat *X, const size_t *xm, size_t x)
{
	size_t p = flat_prev(X, x);
	return p == NONE ? NONE - 1 : xm[p];
}

/* Choose the merged parent of every node and whether theirs places it. */
static void merge_places(merger *mg)
{
	size_t i;
	for (i = 0; i < mg->nm; i++) {
		mnode *m = &mg->m[i];
		if (m->b == NONE) {
			/* an addition: under the merged image of its parent */
			const flat *X = m->o != NONE ? &mg->O : &mg->T;
			size_t x = m->o != NONE ? m->o : m->t, px = X->parent[x];
			const size_t *xm = m->o != NONE ? mg->om : mg->tm;
			if (px == NONE)
				continue;
			m->parent = xm[px];
			if (m->parent == NONE)
				add_conflict(mg, X->node[x]->id, NULL,
					     m->o != NONE ? utext(X->node[x]) : NULL,
					     m->o != NONE ? NULL : utext(X->node[x]),
					     "added under a unit the other side removed");
			continue;
		}
		if (m->kind == OT_NODE_SECTION) {
			/* sections a side renumbered take their place by number
			 * when theirs did it alone */
			const ot_node *nb = mg->B.node[m->b];
			m->tplaced =
			    !str_eq(mg->T.node[m->t]->num, nb->num) && str_eq(mg->O.node[m->o]->num, nb->num);
			continue;
		}
		{
			size_t b = m->b;
			int oc = parent_changed(&mg->B, &mg->O, mg->img_o, mg->part_o, b);
			int tc = parent_changed(&mg->B, &mg->T, mg->img_t, mg->part_t, b);
			int ro = mg->reord_o[b], rt = mg->reord_t[b];
			size_t po = mg->om[mg->O.parent[m->o]], pt = mg->tm[mg->T.parent[m->t]];
			int omoved = oc || ro, tmoved = tc || rt;
			if (!oc && !tc)
				m->parent = mg->bm[mg->B.parent[b]];
			else if (oc && !tc)
				m->parent = po;
			else if (tc && !oc)
				m->parent = pt;
			else
				m->parent = po == pt ? po : NONE;
			if (omoved && tmoved) {
				if (po != pt ||
				    pred_of(&mg->O, mg->om, m->o) != pred_of(&mg->T, mg->tm, m->t))
					base_conflict(mg, b, "moved differently by both");
			} else if (tmoved) {
				m->tplaced = 1;
			}
			if (m->parent == NONE)
				base_conflict(mg, b, "moved by one side under a unit the other side removed");
		}
	}
}

static void kids_insert(mnode *p, size_t at, size_t k)
{
	ot_array_grow((void **)&p->kids, &p->kcap, p->nkids + 1, sizeof(size_t));
	memmove(p->kids + at + 1, p->kids + at, (p->nkids - at) * sizeof(size_t));
	p->kids[at] = k;
	p->nkids++;
}

/*
 * Order the children of merged parent `pi` (or the sections, pi == nm,
 * held in `root`): ours' order for what ours places, then what theirs
 * places after its preceding sibling in theirs (sections: by number).
 */
static void order_children(merger *mg, size_t pi, mnode *root)
{
	int is_root = pi == mg->nm;
	mnode *p = is_root ? root : &mg->m[pi];
	size_t want = is_root ? NONE : pi;
	size_t ox = is_root ? mg->O.n : p->o, tx = is_root ? mg->T.n : p->t, k, j;

	if (ox != NONE)
		for (k = mg->O.kstart[ox]; k < mg->O.kstart[ox + 1]; k++) {
			size_t c = mg->om[mg->O.kids[k]];
			if (c == NONE || mg->m[c].parent != want || mg->m[c].tplaced || mg->m[c].placed)
				continue;
			kids_insert(p, p->nkids, c);
			mg->m[c].placed = 1;
		}
	if (tx == NONE)
		return;
	for (k = mg->T.kstart[tx]; k < mg->T.kstart[tx + 1]; k++) {
		size_t y = mg->T.kids[k], c = mg->tm[y], at = p->nkids;
		if (c == NONE || mg->m[c].parent != want || !mg->m[c].tplaced || mg->m[c].placed)
			continue;
		if (is_root) {
			for (j = 0; j < p->nkids; j++)
				if (ot_num_compare(mg->m[p->kids[j]].num ? mg->m[p->kids[j]].num : "",
						   mg->m[c].num ? mg->m[c].num : "") > 0) {
					at = j;
					break;
				}
		} else if (k == mg->T.kstart[tx]) {
			at = 0;
		} else {
			size_t pc = mg->tm[mg->T.kids[k - 1]];
			if (pc != NONE && mg->m[pc].placed && mg->m[pc].parent == want)
				for (j = 0; j < p->nkids; j++)
					if (p->kids[j] == pc) {
						at = j + 1;
						break;
					}
		}
		kids_insert(p, at, c);
		mg->m[c].placed = 1;
	}
}

/* Every merged node must hang from the root: a unit moved by one side
 * under a unit that the other side moved under it would form a cycle.
 * Returns 0, or -1 after recording a conflict for each unit cut off. */
static int check_reachable(merger *mg, const mnode *root)
{
	char *seen = ot_calloc(mg->nm + 1, 1);
	size_t *stack = NULL, n = 0, cap = 0, i, k, count = 0;
	for (k = 0; k < root->nkids; k++)
		*OT_ARRAY_PUSH(stack, n, cap) = root->kids[k];
	while (n) {
		i = stack[--n];
		if (seen[i])
			continue;
		seen[i] = 1;
		count++;
		for (k = 0; k < mg->m[i].nkids; k++)
			*OT_ARRAY_PUSH(stack, n, cap) = mg->m[i].kids[k];
	}
	for (i = 0; count < mg->nm && i < mg->nm; i++)
		if (!seen[i]) {
			const mnode *m = &mg->m[i];
			if (m->b != NONE)
				base_conflict(mg, m->b, "moved by both sides into each other");
			else
				add_conflict(mg, (m->o != NONE ? mg->O.node[m->o] : mg->T.node[m->t])->id,
					     NULL, NULL, NULL, "added under units moved into each other");
		}
	free(stack);
	free(seen);
	return count == mg->nm ? 0 : -1;
}

/* Ids from the structure, top down without recursion. */
static void derive_ids(ot_doc *doc)
{
	ot_node **stack = NULL;
	size_t n = 0, cap = 0, i;
	ot_buf id = OT_BUF_INIT;
	for (i = 0; i < doc->nsections; i++) {
		ot_node *s = doc->sections[i];
		free(s->id);
		s->id = ot_strdup(s->num ? s->num : "");
		*OT_ARRAY_PUSH(stack, n, cap) = s;
	}
	while (n) {
		ot_node *p = stack[--n];
		unsigned ntext = 0;
		for (i = 0; i < p->nchildren; i++) {
			ot_node *c = p->children[i];
			ot_buf_clear(&id);
			ot_buf_puts(&id, p->id);
			if (c->kind == OT_NODE_TEXT)
				ot_buf_printf(&id, "~%u", ++ntext);
			else
				ot_clause_id_append(&id, c->num);
			free(c->id);
			c->id = ot_buf_detach(&id);
			*OT_ARRAY_PUSH(stack, n, cap) = c;
		}
	}
	ot_buf_release(&id);
	free(stack);
}

static int cmp_str_ptr(const void *pa, const void *pb)
{
	const char *a = *(const char *const *)pa, *b = *(const char *const *)pb;
	return strcmp(a, b);
}

/* Build the merged document from the ordered mnodes, derive its ids and
 * report ids that occur twice as conflicts.  Returns the document, or
 * NULL when ids collide. */
static ot_doc *materialize(merger *mg, const mnode *root)
{
	ot_doc *doc = ot_doc_new();
	const char **ids = NULL;
	size_t i, k, nids = 0, icap = 0;
	int dup = 0;

	for (i = 0; i < mg->nm; i++) {
		mnode *m = &mg->m[i];
		m->out = ot_node_new(m->kind, "", m->num,
				     m->kind == OT_NODE_SECTION ? (m->text ? m->text : "") : NULL,
				     m->kind == OT_NODE_SECTION ? NULL : (m->text ? m->text : ""));
	}
	for (i = 0; i < mg->nm; i++)
		for (k = 0; k < mg->m[i].nkids; k++)
			ot_node_append(mg->m[i].out, mg->m[mg->m[i].kids[k]].out);
	for (k = 0; k < root->nkids; k++)
		ot_doc_append(doc, mg->m[root->kids[k]].out);
	derive_ids(doc);

	for (i = 0; i < mg->nm; i++)
		*OT_ARRAY_PUSH(ids, nids, icap) = mg->m[i].out->id;
	if (nids)
		qsort(ids, nids, sizeof(*ids), cmp_str_ptr);
	for (i = 1; i < nids; i++) {
		size_t b, o, t;
		if (strcmp(ids[i - 1], ids[i]) != 0 || (i > 1 && strcmp(ids[i - 2], ids[i]) == 0))
			continue;
		b = flat_find(&mg->B, ids[i]);
		o = flat_find(&mg->O, ids[i]);
		t = flat_find(&mg->T, ids[i]);
		add_conflict(mg, ids[i], b == NONE ? NULL : utext(mg->B.node[b]),
			     o == NONE ? NULL : utext(mg->O.node[o]), t == NONE ? NULL : utext(mg->T.node[t]),
			     "both sides' changes give this id to different units");
		dup = 1;
	}
	free(ids);
	if (dup) {
		ot_doc_free(doc);
		return NULL;
	}
	return doc;
}

static int cmp_cfl_id(const void *pa, const void *pb)
{
	const cfl *a = pa, *b = pb;
	int c = strcmp(a->c.id, b->c.id);
	if (c)
		return c;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

static int cmp_cfl_seq(const void *pa, const void *pb)
{
	const cfl *a = pa, *b = pb;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

static void conflict_free(ot_merge_conflict *c)
{
	free(c->id);
	free(c->base_text);
	free(c->ours_text);
	free(c->theirs_text);
	free(c->reason);
}

/* Move the conflicts into the result: one per id (the first found), in
 * the order found. */
static void take_conflicts(ot_merge_result *out, merger *mg)
{
	size_t i, k = 0;
	if (!mg->nc)
		return;
	qsort(mg->c, mg->nc, sizeof(cfl), cmp_cfl_id);
	for (i = 0; i < mg->nc; i++) {
		if (k && strcmp(mg->c[k - 1].c.id, mg->c[i].c.id) == 0) {
			conflict_free(&mg->c[i].c);
			continue;
		}
		mg->c[k++] = mg->c[i];
	}
	qsort(mg->c, k, sizeof(cfl), cmp_cfl_seq);
	out->conflicts = ot_calloc(k, sizeof(ot_merge_conflict));
	for (i = 0; i < k; i++)
		out->conflicts[i] = mg->c[i].c;
	out->nconflicts = k;
	free(mg->c);
	mg->c = NULL;
	mg->nc = 0;
}

static ot_doc *clone_doc(const ot_doc *src, const char *title)
{
	ot_doc *d = ot_doc_new();
	size_t i;
	d->title = dup_or_null(title);
	for (i = 0; i < src->nsections; i++)
		ot_doc_append(d, ot_node_clone(src->sections[i]));
	return d;
}

int ot_merge3(ot_merge_result *out, const ot_doc *base, const ot_doc *ours, const ot_doc *theirs)
{
	merger mg;
	mnode root;
	ot_diff *d_o = NULL, *d_t = NULL;
	const char *title = NULL;
	size_t i;
	int err = 0;

	memset(&mg, 0, sizeof(mg));
	memset(&root, 0, sizeof(root));
	if (!out)
		return ot_error_set(OT_EINVALID, "merge: no result to fill");
	memset(out, 0, sizeof(*out));
	if (!base || !ours || !theirs)
		return ot_error_set(OT_EINVALID, "merge: missing %s document",
				    !base   ? "base"
				    : !ours ? "ours"
					    : "theirs");

	if ((err = ot_diff_compute(&d_o, base, ours, NULL)) < 0 ||
	    (err = ot_diff_compute(&d_t, base, theirs, NULL)) < 0)
		goto done;
	if (merge_str(&title, base->title, ours->title, theirs->title) < 0) {
		add_conflict(&mg, "(title)", base->title, ours->title, theirs->title,
			     "changed differently by both");
		title = ours->title;
	}
	/* one side unchanged: the other side, exactly */
	if (!ot_diff_has_changes(d_o) && str_eq(ours->title, base->title)) {
		out->doc = clone_doc(theirs, theirs->title);
		goto done;
	}
	if (!ot_diff_has_changes(d_t) && str_eq(theirs->title, base->title)) {
		out->doc = clone_doc(ours, ours->title);
		goto done;
	}

	if ((err = flat_build(&mg.B, base, "base")) < 0 || (err = flat_build(&mg.O, ours, "ours")) < 0 ||
	    (err = flat_build(&mg.T, theirs, "theirs")) < 0)
		goto done;
	mg.img_o = ot_malloc((mg.B.n + 1) * sizeof(size_t));
	mg.img_t = ot_malloc((mg.B.n + 1) * sizeof(size_t));
	mg.part_o = ot_malloc((mg.O.n + 1) * sizeof(size_t));
	mg.part_t = ot_malloc((mg.T.n + 1) * sizeof(size_t));
	if ((err = map_side(&mg.B, &mg.O, d_o, mg.img_o, mg.part_o, "ours")) < 0 ||
	    (err = map_side(&mg.B, &mg.T, d_t, mg.img_t, mg.part_t, "theirs")) < 0)
		goto done;
	mg.reord_o = ot_calloc(mg.B.n + 1, 1);
	mg.reord_t = ot_calloc(mg.B.n + 1, 1);
	mark_reordered(&mg.B, &mg.O, mg.part_o, mg.reord_o);
	mark_reordered(&mg.B, &mg.T, mg.part_t, mg.reord_t);

	mg.bm = ot_malloc((mg.B.n + 1) * sizeof(size_t));
	mg.om = ot_malloc((mg.O.n + 1) * sizeof(size_t));
	mg.tm = ot_malloc((mg.T.n + 1) * sizeof(size_t));
	merge_base_units(&mg);
	merge_additions(&mg);
	merge_places(&mg);
	if (mg.nc)
		goto done;

	order_children(&mg, mg.nm, &root);
	for (i = 0; i < mg.nm; i++)
		order_children(&mg, i, &root);
	/* anything neither side placed (not expected): at its parent's end */
	for (i = 0; i < mg.nm; i++)
		if (!mg.m[i].placed) {
			mnode *p = mg.m[i].parent == NONE ? &root : &mg.m[mg.m[i].parent];
			kids_insert(p, p->nkids, i);
			mg.m[i].placed = 1;
		}
	if (check_reachable(&mg, &root) < 0)
		goto done;
	out->doc = materialize(&mg, &root);
	if (out->doc)
		out->doc->title = dup_or_null(title);

done:
	if (err < 0) {
		for (i = 0; i < mg.nc; i++)
			conflict_free(&mg.c[i].c);
		ot_doc_free(out->doc);
		out->doc = NULL;
	} else {
		take_conflicts(out, &mg);
		if (out->nconflicts) {
			ot_doc_free(out->doc);
			out->doc = NULL;
		}
	}
	free(mg.c);
	ot_diff_free(d_o);
	ot_diff_free(d_t);
	flat_free(&mg.B);
	flat_free(&mg.O);
	flat_free(&mg.T);
	free(mg.img_o);
	free(mg.img_t);
	free(mg.part_o);
	free(mg.part_t);
	free(mg.reord_o);
	free(mg.reord_t);
	free(mg.bm);
	free(mg.om);
	free(mg.tm);
	for (i = 0; i < mg.nm; i++)
		free(mg.m[i].kids);
	free(mg.m);
	free(root.kids);
	return err;
}

void ot_merge_result_release(ot_merge_result *r)
{
	size_t i;
	if (!r)
		return;
	ot_doc_free(r->doc);
	for (i = 0; i < r->nconflicts; i++)
		conflict_free(&r->conflicts[i]);
	free(r->conflicts);
	memset(r, 0, sizeof(*r));
}

/* ---- ot_diff_touched ------------------------------------------------------- */

typedef struct tref {
	const char *id;
	const ot_change *c;
} tref;

static int cmp_tref(const void *pa, const void *pb)
{
	const tref *a = pa, *b = pb;
	return strcmp(a->id, b->id);
}

/* The base id of the unit with new id `id`: its nearest changed ancestor
 * (or itself) is renamed back to its old id; below an added unit, or with
 * no changed ancestor, the id is the same.  Returns a new string. */
static char *base_id_of(const tref *map, size_t nmap, const char *id)
{
	size_t len = strlen(id), l;
	for (l = len; l > 0; l--) {
		char *pre;
		tref key = {NULL, NULL}, *hit;
		ot_buf b = OT_BUF_INIT;
		if (l < len && id[l] != '(' && id[l] != '~')
			continue;
		pre = ot_strndup(id, l);
		key.id = pre;
		hit = nmap ? bsearch(&key, map, nmap, sizeof(tref), cmp_tref) : NULL;
		free(pre);
		if (!hit)
			continue;
		if (hit->c->kind == OT_CHANGE_ADDED || !hit->c->old_id)
			return ot_strdup(id);
		ot_buf_puts(&b, hit->c->old_id);
		ot_buf_puts(&b, id + l);
		return ot_buf_detach(&b);
	}
	return ot_strdup(id);
}

int ot_diff_touched(char ***out, size_t *n, const ot_diff *diff)
{
	tref *map = NULL;
	char **ids = NULL;
	size_t nmap = 0, mcap = 0, nids = 0, icap = 0, i, k;

	if (!out || !n)
		return ot_error_set(OT_EINVALID, "diff touched: no output to fill");
	*out = NULL;
	*n = 0;
	if (!diff)
		return ot_error_set(OT_EINVALID, "diff touched: no diff");
	for (i = 0; i < diff->nchanges; i++) {
		const ot_change *c = &diff->changes[i];
		if (c->kind != OT_CHANGE_REMOVED && c->id)
			*OT_ARRAY_PUSH(map, nmap, mcap) = (tref){c->id, c};
	}
	if (nmap)
		qsort(map, nmap, sizeof(tref), cmp_tref);
	for (i = 0; i < diff->nchanges; i++) {
		const ot_change *c = &diff->changes[i];
		if (c->kind == OT_CHANGE_ADDED) {
			if (c->id)
				*OT_ARRAY_PUSH(ids, nids, icap) = ot_strdup(c->id);
			if (c->parent_id)
				*OT_ARRAY_PUSH(ids, nids, icap) = base_id_of(map, nmap, c->parent_id);
		} else if (c->old_id || c->id) {
			*OT_ARRAY_PUSH(ids, nids, icap) = ot_strdup(c->old_id ? c->old_id : c->id);
		}
	}
	free(map);
	if (nids)
		qsort(ids, nids, sizeof(*ids), cmp_str_ptr);
	for (i = 0, k = 0; i < nids; i++) {
		if (k && strcmp(ids[k - 1], ids[i]) == 0) {
			free(ids[i]);
			continue;
		}
		ids[k++] = ids[i];
	}
	if (!k) {
		free(ids);
		ids = NULL;
	}
	*out = ids;
	*n = k;
	return 0;
}
