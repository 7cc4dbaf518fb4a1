/*
 * diff.c - clause-level diff of two clause trees and its inverse,
 * ot_diff_apply (see ordtrack/diff.h for the model).
 *
 * Data structures:
 *  - each tree is flattened (explicit stack, no recursion) into an array of
 *    units in pre-order: a unit is one SECTION, CLAUSE or TEXT node with the
 *    index of its parent unit, its position among its siblings, its depth,
 *    its subtree size (descendants are the next size-1 units) and a 64-bit
 *    hash of its match text;
 *  - similarity (phases 2-4) compares match texts prepared once per unit
 *    and mode (own text / whole subtree) as ids in one token dictionary
 *    shared by the whole diff (ot_simctx, ot_simtext in worddiff.c),
 *    cached in side.st: a unit meets up to 2·WINDOW + 1 candidates; each
 *    own text is tokenized once, and a subtree's ids are its units' own
 *    ids joined (sim_text);
 *  - `partner` links a unit to the unit it is paired with on the other
 *    side.  Pairing runs level by level (depth 0 = sections), so a unit's
 *    parent is always paired (or known to be unpaired) before the unit:
 *      1. identical match text, via hash chains (same id first, then the
 *         partner of the old parent, then document order);
 *      2. same id, when nearly identical (>= SAME_ID_SURE); a same-id
 *         pair that is only similar enough joins the candidates of 3
 *         with a small bonus, so a better partner elsewhere (a section
 *         renumbered to make room for a new one) wins;
 *      3. remaining units by similarity, best first, among unpaired
 *         siblings of partnered parents, a bounded window of candidates
 *         per unit (so the cost stays near-linear);
 *      4. still unpaired units with the same id, however dissimilar (a
 *         clause reworded in place stays MODIFIED, and its unchanged
 *         children stay silent);
 *  - a paired unit whose text or heading differs is checked once with
 *    ot_text_typographic_equal (typography.c): in place with the same
 *    marker it is TYPOGRAPHIC rather than MODIFIED; renumbered it is
 *    flagged typographic.  Word ops are computed either way;
 *  - a paired new unit is "silent" (not reported, counted unchanged) when
 *    its kind, marker and text are equal, its parent is the partner of its
 *    old parent, its id is its new parent's id plus the same suffix as
 *    before, and it keeps its order among its silent siblings (a longest
 *    increasing subsequence decides which siblings keep their order).
 *    Everything else becomes a change that names its new parent and
 *    position, which is all ot_diff_apply needs to rebuild the new tree.
 *
 * Ownership: the ot_diff owns its changes and their strings; the flattened
 * arrays and prepared texts borrow the nodes of the caller's documents
 * (the similarity context borrows their text bytes) and are freed before
 * returning.
 */
#include <stdint.h>
#include <stdlib.h>

#include "internal.h"
#include "ordtrack/diff.h"

#define NONE ((size_t)-1)
#define WINDOW 8 /* phase 3: candidates on each side of a unit's rank */
#define SAME_ID_SURE 0.9   /* phase 2: same id and this similar: paired at once */
#define SAME_ID_BONUS 0.05 /* phase 3: a same-id candidate's edge over others */

typedef struct unit {
	const ot_node *node;
	size_t parent, pos, depth, size;
	size_t partner;
	uint64_t sig;
	double sim;
} unit;

/* Open-addressing map from a 64-bit key to the head of a chain of unit
 * indices (linked through `next`, one slot per unit of the side). */
typedef struct hidx {
	uint64_t *keys;
	size_t *head;
	size_t mask;
	size_t *next;
} hidx;

typedef struct side {
	unit *u;
	size_t n, cap;
	hidx ids;        /* hash of id -> units with that id hash */
	size_t *next_id; /* chain links of `ids` */
	ot_simtext *st;  /* prepared match texts (phase 2-4) */
	size_t nst, stcap;
	size_t *st_at;   /* per unit and mode (own, subtree): index + 1 in st,
			    0 if not prepared yet; allocated on first use */
} side;

static uint64_t hash_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return h;
}

static uint64_t hash_feed(uint64_t h, const char *s)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

static uint64_t hash_str(const char *s)
{
	return hash_mix(hash_feed(1469598103934665603ull, s));
}

static void hidx_init(hidx *h, size_t count, size_t *next)
{
	size_t cap = 16;
	while (cap < count * 2)
		cap *= 2;
	h->keys = ot_malloc(cap * sizeof(*h->keys));
	h->head = ot_malloc(cap * sizeof(*h->head));
	for (size_t i = 0; i < cap; i++)
		h->head[i] = NONE;
	h->mask = cap - 1;
	h->next = next;
}

static void hidx_free(hidx *h)
{
	free(h->keys);
	free(h->head);
	h->keys = NULL;
	h->head = NULL;
}

/* Slot holding the chain head for key (an empty slot if absent). */
static size_t *hidx_slot(hidx *h, uint64_t key)
{
	size_t i = (size_t)key & h->mask;
	while (h->head[i] != NONE && h->keys[i] != key)
		i = (i + 1) & h->mask;
	h->keys[i] = key;
	return &h->head[i];
}

/* Prepend item to key's chain: add items in reverse order to get chains
 * in document order. */
static void hidx_add(hidx *h, uint64_t key, size_t item)
{
	size_t *slot = hidx_slot(h, key);
	h->next[item] = *slot;
	*slot = item;
}

static const char *own_text(const ot_node *n)
{
	const char *t = n->kind == OT_NODE_SECTION ? n->heading : n->text;
	return t ? t : "";
}

static int str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Sections, and clauses with no text of their own, are matched on the
 * text of their whole subtree. */
static int uses_subtree(const unit *u)
{
	return u->node->kind == OT_NODE_SECTION || !*own_text(u->node);
}

/* Flatten a document into s->u (pre-order) and compute sizes and
 * signatures; build the id index.  Returns 0, or OT_EINVALID on a
 * duplicate id. */
static int flatten(side *s, const ot_doc *doc, const char *what)
{
	typedef struct item {
		const ot_node *node;
		size_t parent, pos, depth;
	} item;
	item *stack = NULL;
	size_t n = 0, cap = 0, i, k;
	int err = 0;

	for (i = doc ? doc->nsections : 0; i > 0; i--)
		*OT_ARRAY_PUSH(stack, n, cap) = (item){doc->sections[i - 1], NONE, i - 1, 0};
	while (n) {
		item it = stack[--n];
		size_t me = s->n;
		unit *u = OT_ARRAY_PUSH(s->u, s->n, s->cap);
		memset(u, 0, sizeof(*u));
		u->node = it.node;
		u->parent = it.parent;
		u->pos = it.pos;
		u->depth = it.depth;
		u->size = 1;
		u->partner = NONE;
		for (k = it.node->nchildren; k > 0; k--)
			*OT_ARRAY_PUSH(stack, n, cap) =
				(item){it.node->children[k - 1], me, k - 1, it.depth + 1};
	}
	free(stack);
	for (i = s->n; i-- > 1;)
		if (s->u[i].parent != NONE)
			s->u[s->u[i].parent].size += s->u[i].size;
	for (i = 0; i < s->n; i++) {
		unit *u = &s->u[i];
		uint64_t h = hash_feed(1469598103934665603ull, own_text(u->node));
		if (uses_subtree(u)) {
			h = hash_feed(h ^ 0x1, "\x01");
			for (k = i + 1; k < i + u->size; k++)
				h = hash_feed(h * 31 + 7, own_text(s->u[k].node));
		}
		u->sig = hash_mix(h ^ ((uint64_t)u->node->kind << 56));
	}
	s->next_id = ot_malloc((s->n + 1) * sizeof(size_t));
	hidx_init(&s->ids, s->n, s->next_id);
	for (i = s->n; i-- > 0;) {
		size_t *slot = hidx_slot(&s->ids, hash_str(s->u[i].node->id));
		for (k = *slot; k != NONE; k = s->next_id[k])
			if (strcmp(s->u[k].node->id, s->u[i].node->id) == 0) {
				err = ot_error_set(OT_EINVALID, "duplicate id '%s' in the %s document",
						   s->u[i].node->id, what);
				break;
			}
		s->next_id[i] = *slot;
		*slot = i;
	}
	return err;
}

static void side_free(side *s)
{
	size_t i;
	free(s->u);
	free(s->next_id);
	hidx_free(&s->ids);
	for (i = 0; i < s->nst; i++)
		ot_simtext_release(&s->st[i]);
	free(s->st);
	free(s->st_at);
}

static size_t find_id(const side *s, const char *id)
{
	size_t i = (size_t)hash_str(id) & s->ids.mask, k;
	uint64_t key = hash_str(id);
	while (s->ids.head[i] != NONE && s->ids.keys[i] != key)
		i = (i + 1) & s->ids.mask;
	for (k = s->ids.head[i]; k != NONE; k = s->next_id[k])
		if (strcmp(s->u[k].node->id, id) == 0)
			return k;
	return NONE;
}

/* Identical match text (the signature's content, not just its hash). */
static int sig_equal(const side *a, size_t i, const side *b, size_t j)
{
	const unit *x = &a->u[i], *y = &b->u[j];
	size_t k;
	if (x->sig != y->sig || x->node->kind != y->node->kind ||
	    strcmp(own_text(x->node), own_text(y->node)) != 0 ||
	    uses_subtree(x) != uses_subtree(y))
		return 0;
	if (!uses_subtree(x))
		return 1;
	if (x->size != y->size)
		return 0;
	for (k = 1; k < x->size; k++)
		if (strcmp(own_text(a->u[i + k].node), own_text(b->u[j + k].node)) != 0)
			return 0;
	return 1;
}

/*
 * The match text of unit i in mode `subtree`, prepared (tokenized into
 * ctx's dictionary) on first use and cached: a unit meets up to 2·WINDOW + 1
 * candidates, and the same clause is compared again at each level below
 * its section.  Own mode tokenizes the unit's own text.  Subtree mode is
 * the own texts of the unit and its descendants joined by newlines; it is
 * assembled from their own-mode token ids instead of tokenizing the joined
 * text again, which gives the same ids: a newline is white space, which no
 * token spans (a word or joiner stops at it, white space is dropped) and
 * which is never a UTF-8 continuation byte, so every text's tokens are the
 * same alone as joined.  Borrowed from s.
 */
/* The own text of unit k, prepared on first use; its index + 1 in s->st. */
static size_t own_sim_text(ot_simctx *ctx, side *s, size_t k)
{
	size_t *at = &s->st_at[2 * k];
	const char *t;
	if (!*at) {
		t = own_text(s->u[k].node);
		ot_simtext_init(OT_ARRAY_PUSH(s->st, s->nst, s->stcap), ctx, t, strlen(t));
		*at = s->nst;
	}
	return *at;
}

static const ot_simtext *sim_text(ot_simctx *ctx, side *s, size_t i, int subtree)
{
	ot_simtext *out;
	size_t *at, k, end, n = 0, len = 0;
	int *ids;
	if (!s->st_at)
		s->st_at = ot_calloc(2 * s->n + 1, sizeof(size_t));
	if (!subtree) {
		k = own_sim_text(ctx, s, i); /* before reading s->st: it may move */
		return &s->st[k - 1];
	}
	at = &s->st_at[2 * i + 1];
	if (*at)
		return &s->st[*at - 1];
	/* prepare the parts first: each may grow (move) s->st */
	end = i + s->u[i].size;
	for (k = i; k < end; k++) {
		size_t at_k = own_sim_text(ctx, s, k);
		n += s->st[at_k - 1].n;
		len += s->st[at_k - 1].len;
	}
	ids = ot_malloc((n + 1) * sizeof(int));
	n = 0;
	for (k = i; k < end; k++) {
		const ot_simtext *part = &s->st[s->st_at[2 * k] - 1];
		if (part->n)
			memcpy(ids + n, part->ids, part->n * sizeof(int));
		n += part->n;
	}
	out = OT_ARRAY_PUSH(s->st, s->nst, s->stcap);
	out->ids = ids;
	out->n = n;
	out->len = len + (end - i - 1); /* the joining newlines */
	*at = s->nst;
	return out;
}

/* Similarity of old unit i and new unit j (see ot_text_similarity_min:
 * below min, any value below min). */
static double pair_similarity(ot_simctx *ctx, side *o, size_t i, side *n, size_t j,
			      double min)
{
	int sub = uses_subtree(&o->u[i]) && uses_subtree(&n->u[j]) && o->u[i].size > 1 &&
		  n->u[j].size > 1;
	const ot_simtext *a = sim_text(ctx, o, i, sub), *b = sim_text(ctx, n, j, sub);
	/* cheap length filter: far apart lengths cannot be similar */
	if ((a->len > 8 * b->len + 64) || (b->len > 8 * a->len + 64))
		return 0.0;
	return ot_simtext_similarity(ctx, a, b, min);
}

static void pair(side *o, size_t i, side *n, size_t j, double sim)
{
	o->u[i].partner = j;
	n->u[j].partner = i;
	o->u[i].sim = n->u[j].sim = sim;
}

typedef struct cand {
	double sim;   /* the similarity recorded for the pair */
	size_t o, n;
	double score; /* what ranks it: sim, plus a bonus for the same id */
} cand;

static int cmp_cand(const void *pa, const void *pb)
{
	const cand *a = pa, *b = pb;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	return (a->o > b->o) - (a->o < b->o);
}

typedef struct gitem {
	size_t g, idx;
} gitem;

static int cmp_gitem(const void *pa, const void *pb)
{
	const gitem *a = pa, *b = pb;
	if (a->g != b->g)
		return a->g < b->g ? -1 : 1;
	return (a->idx > b->idx) - (a->idx < b->idx);
}

/* Pair the units of one level (ol: old unit indices, nl: new ones, both in
 * document order). */
static void align_level(ot_simctx *ctx, side *o, side *n, const size_t *ol, size_t on,
			const size_t *nl, size_t nn, double minsim)
{
	hidx h;
	size_t *next = NULL, a, b, k;
	cand *cands = NULL;
	size_t nc = 0, ccap = 0;
	gitem *go = NULL, *gn = NULL;
	size_t ngo = 0, ngn = 0;
	int pass;

	/* 1a. same id, identical text */
	for (b = 0; b < nn; b++) {
		size_t j = nl[b], i = find_id(o, n->u[j].node->id);
		if (i != NONE && o->u[i].partner == NONE && o->u[i].depth == n->u[j].depth &&
		    sig_equal(o, i, n, j))
			pair(o, i, n, j, 1.0);
	}
	/* 1b. identical text under the partner of the old parent; 1c. any */
	next = ot_malloc((o->n + 1) * sizeof(size_t));
	for (pass = 0; pass < 2; pass++) {
		hidx_init(&h, on, next);
		for (a = on; a-- > 0;) {
			const unit *u = &o->u[ol[a]];
			uint64_t key = u->sig;
			if (u->partner != NONE)
				continue;
			if (pass == 0)
				key = hash_mix(key + (u->parent == NONE ? NONE
									: o->u[u->parent].partner));
			hidx_add(&h, key, ol[a]);
		}
		for (b = 0; b < nn; b++) {
			size_t j = nl[b], *slot, i, tries = 0;
			uint64_t key = n->u[j].sig;
			if (n->u[j].partner != NONE)
				continue;
			if (pass == 0) {
				if (n->u[j].parent != NONE && n->u[n->u[j].parent].partner == NONE)
					continue;
				key = hash_mix(key + n->u[j].parent);
			}
			slot = hidx_slot(&h, key);
			while (*slot != NONE && o->u[*slot].partner != NONE)
				*slot = next[*slot];
			for (i = *slot; i != NONE && tries < 16; i = next[i], tries++)
				if (o->u[i].partner == NONE && sig_equal(o, i, n, j)) {
					pair(o, i, n, j, 1.0);
					break;
				}
		}
		hidx_free(&h);
	}
	free(next);

	/* 2. same id: nearly the same text pairs at once; merely similar
	 * enough competes in pass 3 with a small bonus, so that a section
	 * renumbered to make room for a new one under its old number pairs
	 * with its renumbered self, not with the newcomer */
	for (b = 0; b < nn; b++) {
		size_t j = nl[b], i;
		double sim;
		if (n->u[j].partner != NONE)
			continue;
		i = find_id(o, n->u[j].node->id);
		if (i == NONE || o->u[i].partner != NONE || o->u[i].depth != n->u[j].depth ||
		    o->u[i].node->kind != n->u[j].node->kind)
			continue;
		sim = pair_similarity(ctx, o, i, n, j, minsim);
		if (sim >= SAME_ID_SURE)
			pair(o, i, n, j, sim);
		else if (sim >= minsim)
			*OT_ARRAY_PUSH(cands, nc, ccap) = (cand){sim, i, j, sim + SAME_ID_BONUS};
	}

	/* 3. leftovers by similarity among siblings of partnered parents */
	{
		size_t gocap = 0, gncap = 0;
		for (a = 0; a < on; a++) {
			const unit *u = &o->u[ol[a]];
			if (u->partner == NONE)
				*OT_ARRAY_PUSH(go, ngo, gocap) = (gitem){u->parent, ol[a]};
		}
		for (b = 0; b < nn; b++) {
			const unit *u = &n->u[nl[b]];
			size_t g;
			if (u->partner != NONE)
				continue;
			if (u->parent == NONE)
				g = NONE;
			else if ((g = n->u[u->parent].partner) == NONE)
				continue;
			*OT_ARRAY_PUSH(gn, ngn, gncap) = (gitem){g, nl[b]};
		}
	}
	if (ngo && ngn) {
		size_t x = 0, y = 0;
		qsort(go, ngo, sizeof(*go), cmp_gitem);
		qsort(gn, ngn, sizeof(*gn), cmp_gitem);
		while (x < ngo && y < ngn) {
			size_t x1 = x, y1 = y, r;
			if (go[x].g != gn[y].g) {
				if (go[x].g < gn[y].g)
					x++;
				else
					y++;
				continue;
			}
			while (x1 < ngo && go[x1].g == go[x].g)
				x1++;
			while (y1 < ngn && gn[y1].g == gn[y].g)
				y1++;
			for (r = 0; r < y1 - y; r++) {
				size_t c = r * (x1 - x) / (y1 - y), lo, hi, t;
				lo = c > WINDOW ? c - WINDOW : 0;
				hi = c + WINDOW + 1 < x1 - x ? c + WINDOW + 1 : x1 - x;
				for (t = lo; t < hi; t++) {
					size_t i = go[x + t].idx, j = gn[y + r].idx;
					double sim;
					if (o->u[i].node->kind != n->u[j].node->kind)
						continue;
					sim = pair_similarity(ctx, o, i, n, j, minsim);
					if (sim >= minsim)
						*OT_ARRAY_PUSH(cands, nc, ccap) = (cand){sim, i, j, sim};
				}
			}
			x = x1;
			y = y1;
		}
	}
	if (nc)
		qsort(cands, nc, sizeof(*cands), cmp_cand);
	for (k = 0; k < nc; k++)
		if (o->u[cands[k].o].partner == NONE && n->u[cands[k].n].partner == NONE)
			pair(o, cands[k].o, n, cands[k].n, cands[k].sim);
	free(go);
	free(gn);
	free(cands);

	/* 4. same id, however different: a clause rewritten in place is
	 * still that clause (DESIGN: matched by id first); only units that
	 * found no better partner above reach this pass */
	for (b = 0; b < nn; b++) {
		size_t j = nl[b], i;
		if (n->u[j].partner != NONE)
			continue;
		i = find_id(o, n->u[j].node->id);
		if (i == NONE || o->u[i].partner != NONE || o->u[i].depth != n->u[j].depth ||
		    o->u[i].node->kind != n->u[j].node->kind)
			continue;
		pair(o, i, n, j, pair_similarity(ctx, o, i, n, j, 0.0));
	}
}

/* Group unit indices of a side by depth: *lvl receives them ordered by
 * (depth, document order), *start[d] the first of depth d (start has
 * maxdepth + 2 entries).  Returns the number of levels. */
static size_t levels(const side *s, size_t **lvl, size_t **start)
{
	size_t i, nl = 0, *st, *out, *fill;
	for (i = 0; i < s->n; i++)
		if (s->u[i].depth + 1 > nl)
			nl = s->u[i].depth + 1;
	st = ot_calloc(nl + 2, sizeof(size_t));
	for (i = 0; i < s->n; i++)
		st[s->u[i].depth + 1]++;
	for (i = 0; i < nl; i++)
		st[i + 1] += st[i];
	fill = ot_malloc((nl + 1) * sizeof(size_t));
	memcpy(fill, st, (nl + 1) * sizeof(size_t));
	out = ot_malloc((s->n + 1) * sizeof(size_t));
	for (i = 0; i < s->n; i++)
		out[fill[s->u[i].depth]++] = i;
	free(fill);
	*lvl = out;
	*start = st;
	return nl;
}

/* ---- classification -------------------------------------------------------- */

/* The id suffix rule: new id == new parent id + (old id minus old parent
 * id); for sections the ids must be equal. */
static int id_follows(const side *o, size_t i, const side *n, size_t j)
{
	const unit *x = &o->u[i], *y = &n->u[j];
	const char *op, *np;
	size_t ol, nl;
	if (x->parent == NONE || y->parent == NONE)
		return x->parent == y->parent && strcmp(x->node->id, y->node->id) == 0;
	op = o->u[x->parent].node->id;
	np = n->u[y->parent].node->id;
	ol = strlen(op);
	nl = strlen(np);
	return strncmp(x->node->id, op, ol) == 0 && strncmp(y->node->id, np, nl) == 0 &&
	       strcmp(x->node->id + ol, y->node->id + nl) == 0;
}

static int parent_ok(const side *o, size_t i, const side *n, size_t j)
{
	size_t po = o->u[i].parent, pn = n->u[j].parent;
	if (po == NONE || pn == NONE)
		return po == pn;
	return o->u[po].partner == pn;
}

static int content_equal(const ot_node *a, const ot_node *b)
{
	return a->kind == b->kind && str_eq(a->num, b->num) && str_eq(a->heading, b->heading) &&
	       str_eq(a->text, b->text);
}

/*
 * Mark in `inplace` the paired children of each new parent that keep their
 * place: parent and id rule hold and they belong to a longest increasing
 * subsequence (by old position) among such siblings.
 */
static void lis_mark(const side *o, const side *n, const size_t *seq, size_t nseq, size_t **tails, size_t *tcap,
		     size_t **prev, size_t *pcap, char *mark)
{
	size_t len = 0, k, t;
	ot_array_grow((void **)tails, tcap, nseq, sizeof(size_t));
	ot_array_grow((void **)prev, pcap, nseq, sizeof(size_t));
	/* patience LIS over old positions; tails hold seq indices */
	for (k = 0; k < nseq; k++) {
		size_t key = o->u[n->u[seq[k]].partner].pos, lo = 0, hi = len;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (o->u[n->u[seq[(*tails)[mid]]].partner].pos < key)
				lo = mid + 1;
			else
				hi = mid;
		}
		(*prev)[k] = lo ? (*tails)[lo - 1] : NONE;
		(*tails)[lo] = k;
		if (lo == len)
			len++;
	}
	for (t = len ? (*tails)[len - 1] : NONE; t != NONE; t = (*prev)[t])
		mark[seq[t]] = 1;
}

/* Mark in `inplace` the paired children of each new parent that keep their
 * place (see below), and in `reordered` the paired children whose order
 * among the siblings paired with them changed (outside a longest
 * increasing subsequence of all of them, by old position): two clauses
 * swapped are a move, not two renumberings. */
static void mark_inplace(const side *o, const side *n, char *inplace, char *reordered)
{
	size_t *first = ot_malloc((n->n + 1) * sizeof(size_t));
	size_t *nextsib = ot_malloc((n->n + 1) * sizeof(size_t));
	size_t *seq = NULL, *tails = NULL, *prev = NULL, nseq, seqcap = 0, p, j;
	char *keep = ot_calloc(n->n + 1, 1);
	size_t tcap = 0, pcap = 0;

	for (p = 0; p <= n->n; p++)
		first[p] = NONE;
	for (j = n->n; j-- > 0;) {
		size_t par = n->u[j].parent == NONE ? n->n : n->u[j].parent;
		nextsib[j] = first[par];
		first[par] = j;
	}
	for (p = 0; p <= n->n; p++) {
		size_t k;
		nseq = 0;
		for (j = first[p]; j != NONE; j = nextsib[j]) {
			size_t i = n->u[j].partner;
			if (i != NONE && parent_ok(o, i, n, j) && id_follows(o, i, n, j) &&
			    str_eq(o->u[i].node->num, n->u[j].node->num))
				*OT_ARRAY_PUSH(seq, nseq, seqcap) = j;
		}
		if (nseq)
			lis_mark(o, n, seq, nseq, &tails, &tcap, &prev, &pcap, inplace);
		/* the order of every paired sibling */
		nseq = 0;
		for (j = first[p]; j != NONE; j = nextsib[j])
			if (n->u[j].partner != NONE && parent_ok(o, n->u[j].partner, n, j))
				*OT_ARRAY_PUSH(seq, nseq, seqcap) = j;
		if (nseq > 1) {
			lis_mark(o, n, seq, nseq, &tails, &tcap, &prev, &pcap, keep);
			for (k = 0; k < nseq; k++) {
				reordered[seq[k]] = !keep[seq[k]];
				keep[seq[k]] = 0; /* clean for the next parent */
			}
		}
	}
	free(keep);
	free(first);
	free(nextsib);
	free(seq);
	free(tails);
	free(prev);
}

/*
 * A renumbering is claimed only when convincing (the rule of diff.h,
 * "Renumbering"): a pair of units whose ids differ, other than by their
 * parent's renumbering, stays paired only when
 *   - a unit with text of its own: that text is at least
 *     OT_DIFF_RENUMBER_MIN similar (its children do not count);
 *   - a section (or a clause with no text of its own) with clauses: more
 *     than half of its old clauses and paragraphs are kept in the new one
 *     (paired into it, with at least OT_DIFF_RENUMBER_MIN of their own
 *     text); without any, its heading is at least OT_DIFF_RENUMBER_MIN
 *     similar.
 * A unit whose id changed only with its parent's is checked too when its
 * parent's pair was refused (document order: parents come first).
 * Otherwise the old unit is repealed and the new one added: a section
 * whose clauses were all repealed and others enacted under a new number is
 * not "renumbered, 54% similar".  The children keep their own pairs (an
 * identical clause carried into the new section is reported as moved).
 */
static void check_renumbering(side *o, side *n)
{
	size_t j, k;
	for (j = 0; j < n->n; j++) {
		size_t i = n->u[j].partner, kept = 0, desc;
		int ok;
		/* same id, or an id that changed only with its (still paired)
		 * parent's: no renumbering of its own is claimed */
		if (i == NONE || strcmp(o->u[i].node->id, n->u[j].node->id) == 0 ||
		    (id_follows(o, i, n, j) && parent_ok(o, i, n, j)))
			continue;
		desc = o->u[i].size - 1;
		if (!uses_subtree(&o->u[i]) || !uses_subtree(&n->u[j]) || !desc) {
			ok = n->u[j].sim >= OT_DIFF_RENUMBER_MIN;
			if (ok && desc == 0 && uses_subtree(&n->u[j]) && n->u[j].size > 1)
				ok = 0; /* an empty section paired with a full one */
		} else {
			/* a clause kept: paired into the new unit, and with
			 * most of its own text when it has any */
			for (k = i + 1; k < i + o->u[i].size; k++) {
				size_t p = o->u[k].partner;
				kept += p != NONE && p > j && p < j + n->u[j].size &&
					(uses_subtree(&o->u[k]) || o->u[k].sim >= OT_DIFF_RENUMBER_MIN);
			}
			ok = 2 * kept > desc;
		}
		if (!ok) {
			o->u[i].partner = NONE;
			n->u[j].partner = NONE;
			o->u[i].sim = n->u[j].sim = 0.0;
		}
	}
}

static char *dup_or_null(const char *s)
{
	return s ? ot_strdup(s) : NULL;
}

static ot_change *new_change(ot_diff *d, ot_change_kind kind, const ot_node *node)
{
	ot_change *c = OT_ARRAY_PUSH(d->changes, d->nchanges, d->cap);
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->node_kind = node->kind;
	return c;
}

static void emit_removed(ot_diff *d, const side *o, size_t i)
{
	const ot_node *x = o->u[i].node;
	ot_change *c = new_change(d, OT_CHANGE_REMOVED, x);
	c->id = ot_strdup(x->id);
	c->old_id = ot_strdup(x->id);
	c->num = dup_or_null(x->num);
	c->old_num = dup_or_null(x->num);
	c->heading = dup_or_null(x->heading);
	c->old_text = dup_or_null(x->text);
	c->parent_id = o->u[i].parent == NONE ? NULL : ot_strdup(o->u[o->u[i].parent].node->id);
	c->index = o->u[i].pos;
	d->stats.removed++;
}

static size_t section_of(const side *s, size_t i)
{
	while (s->u[i].parent != NONE)
		i = s->u[i].parent;
	return i;
}

static void copy_ops(ot_word_op **out, size_t *nout, const ot_word_op *ops, size_t n)
{
	size_t k;
	*out = ot_calloc(n + 1, sizeof(**out));
	for (k = 0; k < n; k++) {
		(*out)[k].op = ops[k].op;
		(*out)[k].text = ot_strndup(ops[k].text, ops[k].len);
		(*out)[k].len = ops[k].len;
	}
	*nout = n;
}

/* 1 when a and b (NULL reads as "") differ at most in typography. */
static int typo_equal(const char *a, const char *b)
{
	if (str_eq(a, b))
		return 1;
	return ot_text_typographic_equal(a, a ? strlen(a) : 0, b, b ? strlen(b) : 0);
}

/* Emit the change for new unit j (not silent): ADDED, or for a paired
 * unit MODIFIED / TYPOGRAPHIC (same id, in place) or RENUMBERED, with
 * word ops of a changed text or heading.  Returns 0 or -1. */
static int emit_new(ot_diff *d, const side *o, const side *n, size_t j, int inplace, int reordered,
		    int cleanup)
{
	const ot_node *y = n->u[j].node, *x;
	size_t i = n->u[j].partner;
	ot_change *c;
	int err;
	if (i == NONE) {
		c = new_change(d, OT_CHANGE_ADDED, y);
		d->stats.added++;
	} else {
		x = o->u[i].node;
		c = new_change(d, inplace && strcmp(x->id, y->id) == 0 ? OT_CHANGE_MODIFIED
								   : OT_CHANGE_RENUMBERED,
			       y);
		/* only units whose text or heading differs reach the fold */
		c->typographic = (!str_eq(x->heading, y->heading) || !str_eq(x->text, y->text)) &&
				 typo_equal(x->heading, y->heading) && typo_equal(x->text, y->text);
		if (c->kind == OT_CHANGE_MODIFIED && c->typographic && str_eq(x->num, y->num))
			c->kind = OT_CHANGE_TYPOGRAPHIC;
		else if (c->kind == OT_CHANGE_MODIFIED)
			c->typographic = 0; /* the marker changed: an amendment */
		/* a typographic edit keeps its minimal ops: the marks alone,
		 * not widened to the words around them for reading */
		if (c->typographic)
			cleanup = 0;
		if (c->kind == OT_CHANGE_MODIFIED)
			d->stats.modified++;
		else if (c->kind == OT_CHANGE_TYPOGRAPHIC)
			d->stats.typographic++;
		else
			d->stats.renumbered++;
		c->old_id = ot_strdup(x->id);
		c->old_num = dup_or_null(x->num);
		c->old_text = dup_or_null(x->text);
		c->similarity = n->u[j].sim;
		if (c->kind == OT_CHANGE_RENUMBERED) {
			size_t so = section_of(o, i), sn = section_of(n, j);
			/* a section renumbered, a unit that went to another
			 * parent or section, or the same id reordered */
			c->moved = y->kind == OT_NODE_SECTION || reordered || !parent_ok(o, i, n, j) ||
				   (!inplace && strcmp(x->id, y->id) == 0) ||
				   o->u[so].partner != sn ||
				   strcmp(o->u[so].node->id, n->u[sn].node->id) != 0;
		}
		if (y->kind == OT_NODE_SECTION) {
			if (!str_eq(x->heading, y->heading)) {
				const char *a = x->heading ? x->heading : "",
					   *b = y->heading ? y->heading : "";
				c->old_heading = dup_or_null(x->heading);
				if ((err = ot_word_diff(&c->heading_ops, &c->nheading_ops, a,
							strlen(a), b, strlen(b), cleanup)) < 0)
					return err;
				copy_ops(&c->ops, &c->nops, c->heading_ops, c->nheading_ops);
			}
		} else if (!str_eq(x->text, y->text)) {
			const char *a = x->text ? x->text : "", *b = y->text ? y->text : "";
			if ((err = ot_word_diff(&c->ops, &c->nops, a, strlen(a), b, strlen(b),
						cleanup)) < 0)
				return err;
		}
	}
	c->id = ot_strdup(y->id);
	c->num = dup_or_null(y->num);
	c->heading = dup_or_null(y->heading);
	c->new_text = dup_or_null(y->text);
	c->parent_id = n->u[j].parent == NONE ? NULL : ot_strdup(n->u[n->u[j].parent].node->id);
	c->index = n->u[j].pos;
	return 0;
}

int ot_diff_compute(ot_diff **out, const ot_doc *old, const ot_doc *new,
		    const ot_diff_options *opts)
{
	side o, n;
	ot_diff *d = NULL;
	size_t *olvl = NULL, *ost = NULL, *nlvl = NULL, *nst = NULL, nlo, nln, lv, i, j;
	size_t *anchor = NULL, ai = 0, last;
	char *inplace = NULL, *reordered = NULL;
	ot_simctx *ctx = NULL;
	double minsim = opts && opts->min_similarity > 0 ? opts->min_similarity
							 : OT_DIFF_MIN_SIMILARITY;
	int cleanup = !(opts && opts->no_cleanup);
	int err = 0;

	memset(&o, 0, sizeof(o));
	memset(&n, 0, sizeof(n));
	*out = NULL;
	if ((err = flatten(&o, old, "old")) < 0 || (err = flatten(&n, new, "new")) < 0)
		goto done;

	ctx = ot_simctx_new();
	nlo = levels(&o, &olvl, &ost);
	nln = levels(&n, &nlvl, &nst);
	for (lv = 0; lv < nln; lv++) {
		const size_t *ol = lv < nlo ? olvl + ost[lv] : olvl;
		size_t on = lv < nlo ? ost[lv + 1] - ost[lv] : 0;
		align_level(ctx, &o, &n, ol, on, nlvl + nst[lv], nst[lv + 1] - nst[lv], minsim);
	}

	check_renumbering(&o, &n);
	inplace = ot_calloc(n.n + 1, 1);
	reordered = ot_calloc(n.n + 1, 1);
	mark_inplace(&o, &n, inplace, reordered);

	/* removed units anchor after the partner of the nearest preceding
	 * paired old unit; anchor[] holds (anchor new index + 1, old index)
	 * sorted so they can be merged into the new-order walk */
	anchor = ot_malloc((2 * o.n + 2) * sizeof(size_t));
	{
		size_t na = 0;
		typedef struct { size_t a, i; } ap;
		ap *aps = (ap *)anchor;
		last = 0;
		for (i = 0; i < o.n; i++) {
			if (o.u[i].partner != NONE)
				last = o.u[i].partner + 1;
			else
				aps[na++] = (ap){last, i};
		}
		/* stable sort by anchor (insertion into buckets via counting) */
		{
			size_t *cnt = ot_calloc(n.n + 2, sizeof(size_t)), k;
			ap *sorted = ot_malloc((na + 1) * sizeof(ap));
			for (k = 0; k < na; k++)
				cnt[aps[k].a + 1]++;
			for (k = 0; k < n.n + 1; k++)
				cnt[k + 1] += cnt[k];
			for (k = 0; k < na; k++)
				sorted[cnt[aps[k].a]++] = aps[k];
			if (na)
				memcpy(aps, sorted, na * sizeof(ap));
			free(sorted);
			free(cnt);
		}
		d = ot_calloc(1, sizeof(*d));
		for (j = 0; j <= n.n; j++) {
			/* removed units anchored before new unit j (anchor j) */
			while (ai < na && aps[ai].a == j) {
				emit_removed(d, &o, aps[ai].i);
				ai++;
			}
			if (j == n.n)
				break;
			i = n.u[j].partner;
			if (i != NONE && inplace[j] && content_equal(o.u[i].node, n.u[j].node)) {
				d->stats.unchanged++;
				continue;
			}
			if ((err = emit_new(d, &o, &n, j, inplace[j], reordered[j], cleanup)) < 0)
				goto done;
		}
	}
	ot_diff_notes(d, old, new);
	*out = d;
	d = NULL;
done:
	ot_diff_free(d);
	free(olvl);
	free(ost);
	free(nlvl);
	free(nst);
	free(anchor);
	free(inplace);
	free(reordered);
	ot_simctx_free(ctx);
	side_free(&o);
	side_free(&n);
	return err;
}

void ot_diff_free(ot_diff *diff)
{
	size_t i;
	if (!diff)
		return;
	for (i = 0; i < diff->nchanges; i++) {
		ot_change *c = &diff->changes[i];
		free(c->id);
		free(c->old_id);
		free(c->num);
		free(c->old_num);
		free(c->heading);
		free(c->old_heading);
		free(c->old_text);
		free(c->new_text);
		free(c->parent_id);
		ot_word_ops_free(c->ops, c->nops);
		ot_word_ops_free(c->heading_ops, c->nheading_ops);
	}
	free(diff->changes);
	for (i = 0; i < diff->nnotes; i++) {
		free(diff->notes[i].section);
		free(diff->notes[i].note_kind);
		free(diff->notes[i].old_text);
		free(diff->notes[i].new_text);
	}
	free(diff->notes);
	free(diff);
}

int ot_diff_has_changes(const ot_diff *diff)
{
	return diff && diff->nchanges > 0;
}

/* ---- apply ---------------------------------------------------------------- */

/* 1 if the ops read `from` on side EQUAL+DELETE and `to` on EQUAL+INSERT. */
static int ops_fit(const ot_word_op *ops, size_t n, const char *from, const char *to)
{
	size_t i, pa = 0, pb = 0, la = strlen(from), lb = strlen(to);
	for (i = 0; i < n; i++) {
		const ot_word_op *op = &ops[i];
		if (!op->text)
			return 0;
		if (op->op != OT_OP_INSERT) {
			if (op->len > la - pa || memcmp(from + pa, op->text, op->len) != 0)
				return 0;
			pa += op->len;
		}
		if (op->op != OT_OP_DELETE) {
			if (op->len > lb - pb || memcmp(to + pb, op->text, op->len) != 0)
				return 0;
			pb += op->len;
		}
	}
	return pa == la && pb == lb;
}

typedef struct placed {
	size_t parent; /* index of the parent in `all`, or NONE for the root */
	size_t index;  /* explicit position, or NONE for a silent unit */
	size_t order;  /* silent units: old pre-order index */
} placed;

/*
 * Rebuild: every old unit not named by a change is copied (its id
 * re-derived from its new parent's), every ADDED / MODIFIED / TYPOGRAPHIC / RENUMBERED
 * change becomes a node at its explicit place, and the silent children
 * fill the remaining slots of each parent in their old order.
 */
int ot_diff_apply(ot_doc **out, const ot_doc *old, const ot_diff *diff)
{
	side o;
	ot_node **all = NULL, **img = NULL, **slots = NULL;
	placed *pl = NULL;
	size_t nall = 0, allcap = 0, plcap = 0, nplaced = 0, i, k;
	size_t *state = NULL; /* per old unit: NONE silent, else change index */
	size_t *cnt = NULL, *startp = NULL, *fill = NULL, *byparent = NULL;
	size_t *newnext = NULL, reach = 0;
	hidx newids = {0};
	ot_doc *doc = NULL;
	int err = 0;
	const size_t REMOVED_MARK = NONE - 1;

	memset(&o, 0, sizeof(o));
	*out = NULL;
	if (!diff)
		return ot_error_set(OT_EINVALID, "no diff to apply");
	if ((err = flatten(&o, old, "old")) < 0)
		goto done;
	state = ot_malloc((o.n + 1) * sizeof(size_t));
	img = ot_calloc(o.n + 1, sizeof(*img));
	for (i = 0; i < o.n; i++)
		state[i] = NONE;

	/* consume the changes that name an old unit */
	for (k = 0; k < diff->nchanges; k++) {
		const ot_change *c = &diff->changes[k];
		const ot_node *x;
		if (c->kind == OT_CHANGE_ADDED)
			continue;
		if (!c->old_id || (i = find_id(&o, c->old_id)) == NONE) {
			err = ot_error_set(OT_EINVALID, "diff does not fit: no '%s' in the old text",
					   c->old_id ? c->old_id : "(null)");
			goto done;
		}
		if (state[i] != NONE) {
			err = ot_error_set(OT_EINVALID, "diff does not fit: '%s' changed twice",
					   c->old_id);
			goto done;
		}
		x = o.u[i].node;
		if (x->kind != c->node_kind ||
		    (x->kind != OT_NODE_SECTION && c->old_text && !str_eq(x->text, c->old_text))) {
			err = ot_error_set(OT_EINVALID, "diff does not fit: '%s' differs in the old text",
					   c->old_id);
			goto done;
		}
		if (c->kind != OT_CHANGE_REMOVED && c->nops) {
			const char *from = x->kind == OT_NODE_SECTION ? x->heading : x->text;
			const char *to = x->kind == OT_NODE_SECTION ? c->heading : c->new_text;
			if (!ops_fit(c->ops, c->nops, from ? from : "", to ? to : "")) {
				err = ot_error_set(OT_EINVALID,
						   "diff does not fit: the word changes of '%s' "
						   "are not in its text",
						   c->old_id);
				goto done;
			}
		}
		state[i] = c->kind == OT_CHANGE_REMOVED ? REMOVED_MARK : k;
	}

	/* nodes of the changes, then of the silent units in old pre-order */
	for (k = 0; k < diff->nchanges; k++) {
		const ot_change *c = &diff->changes[k];
		ot_node *node;
		if (c->kind == OT_CHANGE_REMOVED)
			continue;
		if (!c->id || (c->node_kind != OT_NODE_SECTION && c->node_kind != OT_NODE_CLAUSE &&
			       c->node_kind != OT_NODE_TEXT)) {
			err = ot_error_set(OT_EINVALID, "diff does not fit: a change without an id");
			goto done;
		}
		node = ot_node_new(c->node_kind, c->id, c->num,
				   c->node_kind == OT_NODE_SECTION ? c->heading : NULL,
				   c->node_kind == OT_NODE_SECTION ? NULL : c->new_text);
		*OT_ARRAY_PUSH(all, nall, allcap) = node;
		*OT_ARRAY_PUSH(pl, nplaced, plcap) = (placed){NONE, c->index, k};
		if (c->kind != OT_CHANGE_ADDED)
			img[find_id(&o, c->old_id)] = node;
	}
	for (i = 0; i < o.n; i++) {
		const unit *u = &o.u[i];
		ot_buf id = OT_BUF_INIT;
		ot_node *node;
		size_t po = u->parent;
		if (state[i] != NONE)
			continue;
		if (po != NONE) {
			size_t pl_len = strlen(o.u[po].node->id);
			if (!img[po] || strncmp(u->node->id, o.u[po].node->id, pl_len) != 0) {
				err = ot_error_set(OT_EINVALID,
						   "diff does not fit: '%s' is kept but its parent is not",
						   u->node->id);
				goto done;
			}
			ot_buf_puts(&id, img[po]->id);
			ot_buf_puts(&id, u->node->id + pl_len);
		} else {
			ot_buf_puts(&id, u->node->id);
		}
		node = ot_node_new(u->node->kind, id.ptr, u->node->num, u->node->heading,
				   u->node->text);
		ot_buf_release(&id);
		img[i] = node;
		*OT_ARRAY_PUSH(all, nall, allcap) = node;
		*OT_ARRAY_PUSH(pl, nplaced, plcap) = (placed){NONE, NONE, i};
	}

	/* resolve parents: explicit by new id, silent by image of old parent */
	newnext = ot_malloc((nall + 1) * sizeof(size_t));
	hidx_init(&newids, nall, newnext);
	for (k = nall; k-- > 0;)
		hidx_add(&newids, hash_str(all[k]->id), k);
	for (k = 0; k < nall; k++) {
		if (pl[k].index != NONE) {
			const ot_change *c = &diff->changes[pl[k].order];
			size_t p;
			if (!c->parent_id)
				continue;
			for (p = *hidx_slot(&newids, hash_str(c->parent_id)); p != NONE; p = newnext[p])
				if (strcmp(all[p]->id, c->parent_id) == 0)
					break;
			if (p == NONE) {
				err = ot_error_set(OT_EINVALID, "diff does not fit: no parent '%s' for '%s'",
						   c->parent_id, c->id);
				goto done;
			}
			pl[k].parent = p;
		} else {
			size_t po = o.u[pl[k].order].parent;
			if (po == NONE)
				continue;
			/* img[po] is in all[]; find its index through the id map */
			for (i = *hidx_slot(&newids, hash_str(img[po]->id)); i != NONE; i = newnext[i])
				if (all[i] == img[po])
					break;
			pl[k].parent = i;
		}
	}

	/* group by parent (root = nall), then fill each parent's slots */
	cnt = ot_calloc(nall + 2, sizeof(size_t));
	for (k = 0; k < nall; k++)
		cnt[(pl[k].parent == NONE ? nall : pl[k].parent) + 1]++;
	startp = ot_malloc((nall + 2) * sizeof(size_t));
	startp[0] = 0;
	for (k = 0; k <= nall; k++)
		startp[k + 1] = startp[k] + cnt[k + 1];
	fill = ot_malloc((nall + 2) * sizeof(size_t));
	memcpy(fill, startp, (nall + 2) * sizeof(size_t));
	byparent = ot_malloc((nall + 1) * sizeof(size_t));
	for (k = 0; k < nall; k++) /* silent units are in old pre-order already */
		byparent[fill[pl[k].parent == NONE ? nall : pl[k].parent]++] = k;
	slots = ot_calloc(nall + 1, sizeof(*slots));
	doc = ot_doc_new();
	doc->title = old && old->title ? ot_strdup(old->title) : NULL;
	for (k = 0; k <= nall; k++) {
		size_t b = startp[k], e = startp[k + 1], m, s = 0, total = e - b;
		for (m = 0; m < total; m++)
			slots[m] = NULL;
		for (m = b; m < e; m++) {
			size_t x = byparent[m];
			if (pl[x].index == NONE)
				continue;
			if (pl[x].index >= total || slots[pl[x].index]) {
				err = ot_error_set(OT_EINVALID, "diff does not fit: bad position of '%s'",
						   all[x]->id);
				goto done;
			}
			slots[pl[x].index] = all[x];
		}
		for (m = b; m < e; m++) {
			size_t x = byparent[m];
			if (pl[x].index != NONE)
				continue;
			while (slots[s])
				s++;
			slots[s] = all[x];
		}
		for (m = 0; m < total; m++) {
			if (k == nall)
				ot_doc_append(doc, slots[m]);
			else
				ot_node_append(all[k], slots[m]);
		}
	}
	/* every node must hang from the root (a parent cycle would not) */
	for (k = 0; k < doc->nsections; k++)
		reach += ot_node_count(doc->sections[k]);
	if (reach != nall) {
		err = ot_error_set(OT_EINVALID, "diff does not fit: the changes do not form a tree");
		goto done;
	}
	*out = doc;
	doc = NULL;
	nall = 0;
done:
	if (doc) {
		doc->nsections = 0;
		ot_doc_free(doc);
	}
	for (k = 0; k < nall; k++) {
		all[k]->nchildren = 0;
		ot_node_free(all[k]);
	}
	free(all);
	free(img);
	free(slots);
	free(pl);
	free(state);
	free(cnt);
	free(startp);
	free(fill);
	free(byparent);
	free(newnext);
	hidx_free(&newids);
	side_free(&o);
	return err;
}
