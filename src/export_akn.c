/*
 * export_akn.c - Akoma Ntoso 3.0 export: an ordinance version as an <act>,
 * a record as a <bill> (its proposed texts, lifecycle, workflow and one
 * textualMod per clause-level change).
 *
 * The XML is built with libxml2's tree API (text and attribute values are
 * escaped by the serialiser) and dumped once at the end; a failed libxml2
 * call sets a sticky flag (akn.oom) and the whole export fails.
 *
 * Clause tree -> AKN (see docs/export.md):
 * A typographic-only change (OT_CHANGE_TYPOGRAPHIC) gets no textualMod:
 * AKN has no type for it and "substitution" would claim an amendment.
 *
 *   SECTION          <section eId="sec_N"><num>N</num><heading>…</heading>
 *   CLAUSE at depth d (1 below the section) <subsection>, <paragraph>,
 *                    <subparagraph>, then <point> for every deeper level,
 *                    with <num>(a)</num>
 *   clause text      <content><p> when it has no children, else <intro><p>
 *                    (no intro when the text is empty)
 *   TEXT children    of a section without clauses: <content>, one <p>
 *                    each; before a section's first clause: <intro>, one
 *                    <p> each; after the last clause (or every TEXT of a
 *                    clause without clause children): <wrapUp>, one <p>
 *                    each; anywhere else: <hcontainer
 *                    name="unnumberedParagraph"><content><p>.
 *
 * eIds (ordtrack/export.h) are assigned to a whole document first, into a
 * map from clause id to eId (struct eids), so that the body and the
 * textualMods of a bill agree; a second map holds the eIds taken, for
 * uniqueness.  Both maps are small open-addressing hash tables owning
 * their strings.  Trees are walked with explicit stacks, never recursion.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "internal.h"
#include "ordtrack/export.h"
#include "ordtrack/validate.h"

#define AKN_NS "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

/* ---- a string map ------------------------------------------------------- */

typedef struct smap {
	char **keys;
	char **vals;
	size_t cap, n;
} smap;

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* The slot of key k: where it is, or the empty slot where it would go. */
static size_t smap_slot(const smap *m, const char *k)
{
	size_t i = (size_t)hash_str(k) & (m->cap - 1);
	while (m->keys[i] && strcmp(m->keys[i], k) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static int smap_has(const smap *m, const char *k)
{
	return m->cap && m->keys[smap_slot(m, k)] != NULL;
}

/* The value stored under k (borrowed), or NULL. */
static const char *smap_get(const smap *m, const char *k)
{
	size_t i;
	if (!m->cap)
		return NULL;
	i = smap_slot(m, k);
	return m->keys[i] ? m->vals[i] : NULL;
}

/* Store copies of k and v (v may be NULL); replaces an existing value. */
static void smap_put(smap *m, const char *k, const char *v)
{
	size_t i;
	if ((m->n + 1) * 2 > m->cap) {
		smap old = *m;
		size_t j;
		m->cap = old.cap ? old.cap * 2 : 64;
		m->keys = ot_calloc(m->cap, sizeof(char *));
		m->vals = ot_calloc(m->cap, sizeof(char *));
		m->n = 0;
		for (j = 0; j < old.cap; j++)
			if (old.keys[j]) {
				i = smap_slot(m, old.keys[j]);
				m->keys[i] = old.keys[j];
				m->vals[i] = old.vals[j];
				m->n++;
			}
		free(old.keys);
		free(old.vals);
	}
	i = smap_slot(m, k);
	if (m->keys[i]) {
		free(m->vals[i]);
	} else {
		m->keys[i] = ot_strdup(k);
		m->n++;
	}
	m->vals[i] = v ? ot_strdup(v) : NULL;
}

static void smap_free(smap *m)
{
	size_t i;
	for (i = 0; i < m->cap; i++) {
		free(m->keys[i]);
		free(m->vals[i]);
	}
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

/* ---- eIds ------------------------------------------------------------------ */

/* Append the eId form of a number or marker: "(a)" -> "a", "1." -> "1";
 * ASCII letters, digits, '.' and '-' as they are, any other byte ".HH". */
static void eid_num(ot_buf *out, const char *num)
{
	const char *s = num ? num : "";
	size_t len = strlen(s), i;
	if (len >= 2 && s[0] == '(' && s[len - 1] == ')') {
		s++;
		len -= 2;
	} else if (len >= 2 && s[len - 1] == '.') {
		len--;
	}
	if (!len) {
		ot_buf_puts(out, "x");
		return;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
		    c == '.')
			ot_buf_putc(out, (char)c);
		else
			ot_buf_printf(out, ".%02X", c);
	}
}

/* Make buf's eId unique in `used` (adding "-2", "-3", … when taken) and
 * record it. */
static void eid_claim(smap *used, ot_buf *buf)
{
	size_t base = buf->len;
	unsigned k = 2;
	while (smap_has(used, buf->ptr)) {
		ot_buf_truncate(buf, base);
		ot_buf_printf(buf, "-%u", k++);
	}
	smap_put(used, buf->ptr, NULL);
}

/* A lower-case slug of a name for TLC eIds: letters and digits kept,
 * runs of anything else one '-'. */
static void slug(ot_buf *out, const char *s)
{
	int dash = 0;
	size_t start = out->len;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 128 && isalnum(c)) {
			if (dash && out->len > start)
				ot_buf_putc(out, '-');
			ot_buf_putc(out, (char)tolower(c));
			dash = 0;
		} else {
			dash = 1;
		}
	}
	if (out->len == start)
		ot_buf_puts(out, "x");
}

static const char *const level_names[] = {"subsection", "paragraph", "subparagraph", "point"};
static const char *const level_prefixes[] = {"subsec", "para", "subpara", "point"};

static unsigned node_depth(const ot_node *n)
{
	unsigned d = 0;
	for (; n->parent; n = n->parent)
		d++;
	return d;
}

static size_t level_index(unsigned depth)
{
	return depth >= 4 ? 3 : depth - 1;
}

enum { PL_CONTENT, PL_INTRO, PL_WRAPUP, PL_HCONTAINER };

/* Where the TEXT child i of p goes (see the top of the file); first and
 * last are the indexes of p's first and last CLAUSE child, has_clause 0
 * when it has none. */
static int text_place(const ot_node *p, unsigned i, int has_clause, unsigned first, unsigned last)
{
	if (!has_clause)
		return p->kind == OT_NODE_SECTION ? PL_CONTENT : PL_WRAPUP;
	if (i > last)
		return PL_WRAPUP;
	if (i < first && p->kind == OT_NODE_SECTION)
		return PL_INTRO;
	return PL_HCONTAINER;
}

static void clause_span(const ot_node *p, int *has, unsigned *first, unsigned *last)
{
	unsigned i;
	*has = 0;
	*first = *last = 0;
	for (i = 0; i < p->nchildren; i++)
		if (p->children[i]->kind == OT_NODE_CLAUSE) {
			if (!*has)
				*first = i;
			*last = i;
			*has = 1;
		}
}

/* The eIds of one document: clause id -> eId, and the eIds taken. */
typedef struct eids {
	smap by_id;
	smap used;
} eids;

static void eids_free(eids *e)
{
	smap_free(&e->by_id);
	smap_free(&e->used);
}

/* Assign an eId to every node of doc (act form, no prefix). */
static void eids_assign(eids *e, const ot_doc *doc)
{
	const ot_node **stack = NULL;
	size_t n = 0, cap = 0, s;
	ot_buf buf = OT_BUF_INIT;

	for (s = 0; s < doc->nsections; s++) {
		const ot_node *sec = doc->sections[s];
		ot_buf_clear(&buf);
		ot_buf_puts(&buf, "sec_");
		eid_num(&buf, sec->num);
		eid_claim(&e->used, &buf);
		smap_put(&e->by_id, sec->id, buf.ptr);
		*OT_ARRAY_PUSH(stack, n, cap) = sec;
		while (n) {
			const ot_node *p = stack[--n];
			const char *peid = smap_get(&e->by_id, p->id);
			char *pe = ot_strdup(peid ? peid : "x");
			unsigned i, ntext = 0, first, last;
			int has;
			clause_span(p, &has, &first, &last);
			for (i = 0; i < p->nchildren; i++) {
				const ot_node *c = p->children[i];
				ot_buf_clear(&buf);
				ot_buf_printf(&buf, "%s__", pe);
				if (c->kind == OT_NODE_TEXT) {
					int pl = text_place(p, i, has, first, last);
					ot_buf_printf(&buf, "%s_%u", pl == PL_HCONTAINER ? "hcontainer" : "p", ++ntext);
				} else {
					ot_buf_printf(&buf, "%s_", level_prefixes[level_index(node_depth(c))]);
					eid_num(&buf, c->num);
				}
				eid_claim(&e->used, &buf);
				smap_put(&e->by_id, c->id, buf.ptr);
				if (c->kind == OT_NODE_CLAUSE)
					*OT_ARRAY_PUSH(stack, n, cap) = c;
			}
			free(pe);
		}
	}
	free(stack);
	ot_buf_release(&buf);
}

/* ---- building XML ---------------------------------------------------------- */

typedef struct akn {
	xmlDocPtr doc;
	int oom;          /* a libxml2 call failed */
	smap used;        /* eIds taken in meta (TLCs, events, steps, mods) */
	ot_buf scratch;
} akn;

/* s, or a copy with the characters XML 1.0 cannot carry (and invalid
 * UTF-8) replaced by U+FFFD in *tmp (freed by the caller). */
static const char *xml_clean(const char *s, char **tmp)
{
	size_t len = strlen(s), i = 0;
	ot_buf b = OT_BUF_INIT;
	int dirty = 0;
	*tmp = NULL;
	while (i < len) {
		unsigned cp;
		int k = ot_utf8_decode(s + i, len - i, &cp);
		int ok = (cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
			  (cp >= 0xE000 && cp <= 0xFFFD && !(cp == 0xFFFD && k == 1)) || cp >= 0x10000);
		if (ok) {
			ot_buf_put(&b, s + i, (size_t)k);
		} else {
			ot_buf_puts(&b, "\xEF\xBF\xBD");
			dirty = 1;
		}
		i += (size_t)k;
	}
	if (!dirty) {
		ot_buf_release(&b);
		return s;
	}
	*tmp = ot_buf_detach(&b);
	return *tmp;
}

static xmlNodePtr el(akn *a, xmlNodePtr parent, const char *name)
{
	xmlNodePtr n;
	if (!parent)
		return NULL;
	n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
	if (!n)
		a->oom = 1;
	return n;
}

static void attr(akn *a, xmlNodePtr node, const char *name, const char *value)
{
	char *tmp;
	const char *v;
	if (!node || !value)
		return;
	v = xml_clean(value, &tmp);
	if (!xmlNewProp(node, BAD_CAST name, BAD_CAST v))
		a->oom = 1;
	free(tmp);
}

/* A child element holding `text` (escaped on output; may be empty). */
static xmlNodePtr el_text(akn *a, xmlNodePtr parent, const char *name, const char *text)
{
	char *tmp;
	const char *v;
	xmlNodePtr n;
	if (!parent)
		return NULL;
	v = xml_clean(text ? text : "", &tmp);
	n = xmlNewTextChild(parent, NULL, BAD_CAST name, *v ? BAD_CAST v : NULL);
	if (!n)
		a->oom = 1;
	free(tmp);
	return n;
}

/* An element with one attribute, the common case in <meta>. */
static xmlNodePtr el1(akn *a, xmlNodePtr parent, const char *name, const char *an, const char *av)
{
	xmlNodePtr n = el(a, parent, name);
	attr(a, n, an, av);
	return n;
}

/* Claim a meta eId built from prefix + slug(name); returns it (borrowed
 * from a->scratch until the next call). */
static const char *meta_eid(akn *a, const char *prefix, const char *name)
{
	ot_buf_clear(&a->scratch);
	ot_buf_puts(&a->scratch, prefix);
	if (name)
		slug(&a->scratch, name);
	eid_claim(&a->used, &a->scratch);
	return a->scratch.ptr;
}

/* "/akn/us" or "/akn/us-chicago" into out. */
static void uri_prefix(ot_buf *out, const ot_export_opts *o)
{
	ot_buf_printf(out, "/akn/%s", o->country);
	if (o->locality)
		ot_buf_printf(out, "-%s", o->locality);
}

static int opts_check(ot_export_opts *o, const ot_export_opts *in)
{
	const char *p;
	memset(o, 0, sizeof(*o));
	if (in)
		*o = *in;
	if (!o->country)
		o->country = "us";
	if (!o->organization)
		o->organization = "City Council";
	if (strlen(o->country) != 2 || !islower((unsigned char)o->country[0]) ||
	    !islower((unsigned char)o->country[1]))
		return ot_error_set(OT_EINVALID, "invalid country code '%s'; use two lower-case letters (ISO 3166-1), e.g. us",
				    o->country);
	if (o->locality) {
		if (!*o->locality)
			return ot_error_set(OT_EINVALID, "the locality is empty");
		for (p = o->locality; *p; p++)
			if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-'))
				return ot_error_set(OT_EINVALID,
						    "invalid locality '%s'; use lower-case letters, digits and '-', e.g. chicago",
						    o->locality);
	}
	if (ot_text_check("organization", o->organization, 0) < 0)
		return OT_EINVALID;
	return 0;
}

/* ---- the body -------------------------------------------------------------- */

typedef struct frame {
	const ot_node *node;
	xmlNodePtr elem;
} frame;

/* The eId of node id in e, with the bill's chapter prefix; into buf. */
static const char *body_eid(ot_buf *buf, const char *prefix, const eids *e, const char *id)
{
	const char *v = smap_get(&e->by_id, id);
	ot_buf_clear(buf);
	ot_buf_printf(buf, "%s%s", prefix, v ? v : "x");
	return buf->ptr;
}

/* Fill `elem` (a section's or clause's element) with num, heading, its
 * text and the shells of its children, pushing the clause children. */
static void fill_node(akn *a, frame **stack, size_t *n, size_t *cap, const ot_node *p, xmlNodePtr elem,
		      const eids *e, const char *prefix)
{
	ot_buf eid = OT_BUF_INIT;
	unsigned i, first, last;
	int has, section = p->kind == OT_NODE_SECTION;
	xmlNodePtr intro = NULL, wrap = NULL, content = NULL;
	const char *pe;
	char *peid;

	peid = ot_strdup(body_eid(&eid, prefix, e, p->id));
	pe = peid;
	el_text(a, elem, "num", p->num);
	if (section && p->heading && *p->heading)
		el_text(a, elem, "heading", p->heading);
	clause_span(p, &has, &first, &last);
	if (p->nchildren == 0) {
		content = el(a, elem, "content");
		if (!section)
			el_text(a, content, "p", p->text);
		goto done;
	}
	if (!section && p->text && *p->text) {
		intro = el(a, elem, "intro");
		ot_buf_clear(&eid);
		ot_buf_printf(&eid, "%s__intro", pe);
		attr(a, intro, "eId", eid.ptr);
		el_text(a, intro, "p", p->text);
	}
	for (i = 0; i < p->nchildren; i++) {
		const ot_node *c = p->children[i];
		xmlNodePtr x;
		if (c->kind == OT_NODE_CLAUSE) {
			x = el(a, elem, level_names[level_index(node_depth(c))]);
			attr(a, x, "eId", body_eid(&eid, prefix, e, c->id));
			if (x)
				*OT_ARRAY_PUSH(*stack, *n, *cap) = (frame){c, x};
			continue;
		}
		switch (text_place(p, i, has, first, last)) {
		case PL_CONTENT:
			if (!content)
				content = el(a, elem, "content");
			x = el_text(a, content, "p", c->text);
			break;
		case PL_INTRO:
			if (!intro) {
				intro = el(a, elem, "intro");
				ot_buf_clear(&eid);
				ot_buf_printf(&eid, "%s__intro", pe);
				attr(a, intro, "eId", eid.ptr);
			}
			x = el_text(a, intro, "p", c->text);
			break;
		case PL_WRAPUP:
			if (!wrap) {
				wrap = el(a, elem, "wrapUp");
				ot_buf_clear(&eid);
				ot_buf_printf(&eid, "%s__wrapup", pe);
				attr(a, wrap, "eId", eid.ptr);
			}
			x = el_text(a, wrap, "p", c->text);
			break;
		default:
			x = el(a, elem, "hcontainer");
			attr(a, x, "name", "unnumberedParagraph");
			attr(a, x, "eId", body_eid(&eid, prefix, e, c->id));
			el_text(a, el(a, x, "content"), "p", c->text);
			x = NULL;
			break;
		}
		if (x)
			attr(a, x, "eId", body_eid(&eid, prefix, e, c->id));
	}
done:
	free(peid);
	ot_buf_release(&eid);
}

/* Append every section of doc under `parent`, eIds from e with `prefix`. */
static void write_sections(akn *a, xmlNodePtr parent, const ot_doc *doc, const eids *e, const char *prefix)
{
	frame *stack = NULL;
	size_t n = 0, cap = 0, s;
	ot_buf eid = OT_BUF_INIT;
	for (s = 0; s < doc->nsections && !a->oom; s++) {
		const ot_node *sec = doc->sections[s];
		xmlNodePtr x = el(a, parent, "section");
		attr(a, x, "eId", body_eid(&eid, prefix, e, sec->id));
		if (!x)
			break;
		*OT_ARRAY_PUSH(stack, n, cap) = (frame){sec, x};
		while (n && !a->oom) {
			frame f = stack[--n];
			size_t before = n;
			fill_node(a, &stack, &n, &cap, f.node, f.elem, e, prefix);
			/* children were pushed in order; pop them in order too */
			if (n - before > 1) {
				size_t i, j;
				for (i = before, j = n - 1; i < j; i++, j--) {
					frame t = stack[i];
					stack[i] = stack[j];
					stack[j] = t;
				}
			}
		}
		n = 0;
	}
	free(stack);
	ot_buf_release(&eid);
}

/* ---- notes ----------------------------------------------------------------- */

/* The version's notes (history, source, editor's, cross-reference: never
 * law) as <meta><notes><note eId="note_N" class="KIND"><p>TEXT</p>, after
 * the references as the schema orders meta; the importer reads them back
 * (import_xml.c meta_notes), attached to the section whose heading holds
 * the <noteRef> to each (note_refs). */
static void act_notes(akn *a, xmlNodePtr meta, const ot_doc *doc)
{
	xmlNodePtr notes, note;
	size_t i;
	char id[40];
	if (!doc->nnotes)
		return;
	notes = el1(a, meta, "notes", "source", "#ordtrack");
	for (i = 0; i < doc->nnotes; i++) {
		snprintf(id, sizeof(id), "note_%zu", i + 1);
		smap_put(&a->used, id, NULL);
		note = el1(a, notes, "note", "eId", id);
		attr(a, note, "class", doc->notes[i].kind);
		el_text(a, note, "p", doc->notes[i].text);
	}
}

/* A <noteRef href="#note_N"/> at the end of the heading of the section
 * each note belongs to (sections without a heading keep their notes in
 * meta only). */
static void note_refs(akn *a, xmlNodePtr body, const ot_doc *doc)
{
	xmlNodePtr sec, c;
	ot_doc_note_groups g;
	size_t i, s;
	char href[41];
	if (!doc->nnotes)
		return;
	/* the notes grouped by section, walked beside the section elements
	 * (a search of the sections for each note was quadratic) */
	ot_doc_note_groups_init(&g, doc);
	for (s = 0, sec = body->children; sec && s < doc->nsections; sec = sec->next) {
		if (sec->type != XML_ELEMENT_NODE)
			continue;
		for (c = sec->children; c && !(c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "heading") == 0);
		     c = c->next)
			;
		for (i = g.start[s]; c && i < g.start[s + 1]; i++) {
			snprintf(href, sizeof(href), "#note_%zu", g.order[i] + 1);
			attr(a, el(a, c, "noteRef"), "href", href);
		}
		s++;
	}
	ot_doc_note_groups_release(&g);
}

/* ---- meta pieces ----------------------------------------------------------- */

/* <FRBRWork>/<FRBRExpression>/<FRBRManifestation> for a work URI `work`
 * (dated work_date), expression dated expr_date. */
static void identification(akn *a, xmlNodePtr meta, const ot_export_opts *o, const char *work, const char *work_date,
			   const char *work_date_name, const char *number, const char *name, const char *expr_date,
			   const char *expr_date_name, int version, const char *author, char *const *sponsors,
			   size_t nsponsors, const char *sponsor_role)
{
	size_t i;
	xmlNodePtr id = el1(a, meta, "identification", "source", "#ordtrack"), w, x, m;
	ot_buf u = OT_BUF_INIT;
	char vn[32];

	w = el(a, id, "FRBRWork");
	ot_buf_printf(&u, "%s/!main", work);
	el1(a, w, "FRBRthis", "value", u.ptr);
	el1(a, w, "FRBRuri", "value", work);
	x = el1(a, w, "FRBRdate", "date", work_date);
	attr(a, x, "name", work_date_name);
	el1(a, w, "FRBRauthor", "href", author);
	for (i = 0; i < nsponsors; i++)
		attr(a, el1(a, w, "FRBRauthor", "href", sponsors[i]), "as", sponsor_role);
	el1(a, w, "FRBRcountry", "value", o->country);
	el1(a, w, "FRBRnumber", "value", number);
	if (name && *name)
		el1(a, w, "FRBRname", "value", name);

	x = el(a, id, "FRBRExpression");
	ot_buf_clear(&u);
	ot_buf_printf(&u, "%s/eng@%s/!main", work, expr_date);
	el1(a, x, "FRBRthis", "value", u.ptr);
	ot_buf_clear(&u);
	ot_buf_printf(&u, "%s/eng@%s", work, expr_date);
	el1(a, x, "FRBRuri", "value", u.ptr);
	m = el1(a, x, "FRBRdate", "date", expr_date);
	attr(a, m, "name", expr_date_name);
	el1(a, x, "FRBRauthor", "href", author);
	if (version > 0) {
		snprintf(vn, sizeof(vn), "%d", version);
		el1(a, x, "FRBRversionNumber", "value", vn);
	}
	el1(a, x, "FRBRlanguage", "language", "eng");

	m = el(a, id, "FRBRManifestation");
	ot_buf_clear(&u);
	ot_buf_printf(&u, "%s/eng@%s/!main.xml", work, expr_date);
	el1(a, m, "FRBRthis", "value", u.ptr);
	ot_buf_clear(&u);
	ot_buf_printf(&u, "%s/eng@%s.xml", work, expr_date);
	el1(a, m, "FRBRuri", "value", u.ptr);
	/* dated by the expression, not the clock, so exports are reproducible */
	x = el1(a, m, "FRBRdate", "date", expr_date);
	attr(a, x, "name", "export");
	el1(a, m, "FRBRauthor", "href", "#ordtrack");
	el1(a, m, "FRBRformat", "value", "application/akn+xml");
	ot_buf_release(&u);
}

static void tlc(akn *a, xmlNodePtr refs, const char *kind, const char *eid, const char *href, const char *show)
{
	xmlNodePtr x = el1(a, refs, kind, "eId", eid);
	attr(a, x, "href", href);
	attr(a, x, "showAs", show);
}

/* The council and ordtrack, referred to from every document. */
static void tlc_common(akn *a, xmlNodePtr refs, const ot_export_opts *o)
{
	ot_buf h = OT_BUF_INIT;
	ot_buf_puts(&h, "/akn/ontology/organizations/");
	ot_buf_puts(&h, o->country);
	if (o->locality)
		ot_buf_printf(&h, "-%s", o->locality);
	ot_buf_puts(&h, "/council");
	tlc(a, refs, "TLCOrganization", "council", h.ptr, o->organization);
	tlc(a, refs, "TLCOrganization", "ordtrack", "/akn/ontology/organizations/ordtrack", "ordtrack");
	smap_put(&a->used, "council", NULL);
	smap_put(&a->used, "ordtrack", NULL);
	ot_buf_release(&h);
}

static akn *akn_new(xmlNodePtr *root)
{
	akn *a = ot_calloc(1, sizeof(*a));
	xmlNsPtr ns;
	ot_buf_init(&a->scratch);
	a->doc = xmlNewDoc(BAD_CAST "1.0");
	*root = a->doc ? xmlNewDocNode(a->doc, NULL, BAD_CAST "akomaNtoso", NULL) : NULL;
	if (!*root) {
		a->oom = 1;
		return a;
	}
	xmlDocSetRootElement(a->doc, *root);
	ns = xmlNewNs(*root, BAD_CAST AKN_NS, NULL);
	if (!ns)
		a->oom = 1;
	xmlSetNs(*root, ns);
	return a;
}

/* Dump the document into out and free a.  0 or -1. */
static int akn_finish(akn *a, ot_buf *out)
{
	xmlChar *mem = NULL;
	int size = 0, err = 0;
	if (!a->oom)
		xmlDocDumpFormatMemoryEnc(a->doc, &mem, &size, "UTF-8", 1);
	if (a->oom || !mem)
		err = ot_error_set(-1, "cannot build the Akoma Ntoso document (libxml2 failed; out of memory?)");
	else
		ot_buf_put(out, (const char *)mem, (size_t)size);
	xmlFree(mem);
	xmlFreeDoc(a->doc);
	smap_free(&a->used);
	ot_buf_release(&a->scratch);
	free(a);
	return err;
}

/* ---- the act ----------------------------------------------------------------- */

int ot_export_akn_act(ot_buf *out, const ot_akn_act *act, const ot_export_opts *opts)
{
	ot_export_opts o;
	const ot_version *first, *cur;
	xmlNodePtr root, x, meta, life, refs, body;
	ot_buf work = OT_BUF_INIT, h = OT_BUF_INIT;
	eids e;
	akn *a;
	size_t i;
	int err;

	if ((err = opts_check(&o, opts)) < 0)
		return err;
	if (!act->nversions || !act->doc)
		return ot_error_set(OT_EINVALID, "ordinance %s has no version to export", act->ordinance);
	if (!act->doc->nsections)
		return ot_error_set(OT_EINVALID, "ordinance %s has no section to export", act->ordinance);
	for (i = 0; i < act->nversions; i++)
		if (ot_date_parse(NULL, act->versions[i].date) < 0)
			return OT_EINVALID;
	first = &act->versions[0];
	cur = &act->versions[act->nversions - 1];

	memset(&e, 0, sizeof(e));
	eids_assign(&e, act->doc);
	a = akn_new(&root);
	uri_prefix(&work, &o);
	ot_buf_printf(&work, "/act/%s/%s", first->date, act->ordinance);

	x = el1(a, root, "act", "name", "ordinance");
	meta = el(a, x, "meta");
	identification(a, meta, &o, work.ptr, first->date, "enactment", act->ordinance,
		       cur->title && *cur->title ? cur->title : act->doc->title, cur->date,
		       cur->stage && *cur->stage ? cur->stage : "version", cur->number, "#council", NULL, 0, NULL);
	life = el1(a, meta, "lifecycle", "source", "#ordtrack");
	for (i = 0; i < act->nversions; i++) {
		const ot_version *v = &act->versions[i];
		xmlNodePtr ev = el(a, life, "eventRef");
		char id[40], src[40];
		snprintf(id, sizeof(id), "evt_%zu", i + 1);
		snprintf(src, sizeof(src), "#ro_%zu", i + 1);
		attr(a, ev, "eId", id);
		smap_put(&a->used, id, NULL);
		attr(a, ev, "date", v->date);
		attr(a, ev, "source", src);
		attr(a, ev, "type", i == 0 ? "generation" : "amendment");
	}
	refs = el1(a, meta, "references", "source", "#ordtrack");
	for (i = 0; i < act->nversions; i++) {
		const ot_version *v = &act->versions[i];
		char id[40];
		xmlNodePtr r;
		snprintf(id, sizeof(id), "ro_%zu", i + 1);
		smap_put(&a->used, id, NULL);
		ot_buf_clear(&h);
		if (v->record && *v->record) {
			/* the record that made this version; dated by the version,
			 * as ordtrack knows no other date of it here */
			uri_prefix(&h, &o);
			ot_buf_printf(&h, "/bill/%s/%s", v->date, v->record);
		} else {
			ot_buf_printf(&h, "%s/eng@%s", work.ptr, v->date);
		}
		r = el1(a, refs, i == 0 ? "original" : "passiveRef", "eId", id);
		attr(a, r, "href", h.ptr);
		ot_buf_clear(&h);
		ot_buf_printf(&h, "%s@%d", act->ordinance, v->number);
		if (v->record && *v->record)
			ot_buf_printf(&h, " (%s)", v->record);
		attr(a, r, "showAs", h.ptr);
	}
	tlc_common(a, refs, &o);
	/* the title in the text too (not only FRBRname), so that a re-import
	 * gives it back */
	{
		const char *title = act->doc->title && *act->doc->title ? act->doc->title : cur->title;
		if (title && *title)
			el_text(a, el(a, el(a, el(a, x, "preface"), "longTitle"), "p"), "docTitle", title);
	}
	act_notes(a, meta, act->doc);
	body = el(a, x, "body");
	write_sections(a, body, act->doc, &e, "");
	note_refs(a, body, act->doc);

	eids_free(&e);
	ot_buf_release(&work);
	ot_buf_release(&h);
	return akn_finish(a, out);
}

/* ---- the bill ----------------------------------------------------------------- */

/* The TLC names a bill refers to (organizations, persons, events,
 * concepts), each with its eId claimed at first use; `items` keeps that
 * order, so <references> lists them deterministically. */
typedef struct name_ref {
	const char *prefix; /* static: "org_", "person_", ... */
	char *name, *eid;
} name_ref;

typedef struct names {
	smap eid; /* "prefix:name" -> eId */
	name_ref *items;
	size_t n, cap;
} names;

static void names_free(names *nm)
{
	size_t i;
	for (i = 0; i < nm->n; i++) {
		free(nm->items[i].name);
		free(nm->items[i].eid);
	}
	free(nm->items);
	smap_free(&nm->eid);
}

static const char *name_eid(akn *a, names *nm, const char *prefix, const char *name)
{
	const char *v;
	ot_buf key = OT_BUF_INIT;
	ot_buf_printf(&key, "%s:%s", prefix, name);
	v = smap_get(&nm->eid, key.ptr);
	if (!v) {
		name_ref *it;
		smap_put(&nm->eid, key.ptr, meta_eid(a, prefix, name));
		v = smap_get(&nm->eid, key.ptr);
		it = OT_ARRAY_PUSH(nm->items, nm->n, nm->cap);
		it->prefix = prefix;
		it->name = ot_strdup(name);
		it->eid = ot_strdup(v);
	}
	ot_buf_release(&key);
	return v;
}

static const char *org_ref(akn *a, names *nm, ot_buf *buf, const char *body)
{
	ot_buf_clear(buf);
	if (!body)
		ot_buf_puts(buf, "#council");
	else
		ot_buf_printf(buf, "#%s", name_eid(a, nm, "org_", body));
	return buf->ptr;
}

static const char *ref_to(akn *a, names *nm, ot_buf *buf, const char *prefix, const char *name)
{
	ot_buf_clear(buf);
	ot_buf_printf(buf, "#%s", name_eid(a, nm, prefix, name));
	return buf->ptr;
}

static const char *mod_type(ot_change_kind k)
{
	switch (k) {
	case OT_CHANGE_ADDED: return "insertion";
	case OT_CHANGE_REMOVED: return "repeal";
	case OT_CHANGE_MODIFIED: return "substitution";
	case OT_CHANGE_TYPOGRAPHIC: return NULL; /* never written (write_mods) */
	default: return "renumbering";
	}
}

/* The act URI a bill text amends (expression when known). */
static void act_uri(ot_buf *out, const ot_export_opts *o, const ot_akn_bill_text *t, const char *fallback_date)
{
	uri_prefix(out, o);
	ot_buf_printf(out, "/act/%s/%s", t->act_date ? t->act_date : fallback_date, t->ordinance);
	if (t->act_expression_date)
		ot_buf_printf(out, "/eng@%s", t->act_expression_date);
	ot_buf_puts(out, "/!main");
}

/* One <textualMod> per change of t->diff.  *k numbers them. */
static int write_mods(akn *a, xmlNodePtr mods, const ot_export_opts *o, const ot_akn_bill_text *t,
		      const eids *new_e, const eids *old_e, const char *chapter, const char *intro_date, size_t *k)
{
	ot_buf prefix = OT_BUF_INIT, uri = OT_BUF_INIT, h = OT_BUF_INIT, eid = OT_BUF_INIT;
	size_t i;
	int err = 0;

	ot_buf_printf(&prefix, "%s__", chapter);
	act_uri(&uri, o, t, intro_date);
	for (i = 0; i < t->diff->nchanges && !err; i++) {
		const ot_change *c = &t->diff->changes[i];
		xmlNodePtr m, src, dst;
		const char *old_eid = NULL, *new_eid = NULL;
		char id[40];
		/* a typographic change is no modification of the law: the
		 * bill's text carries it, no textualMod claims it (a renumbering
		 * whose text changed only typographically stays a renumbering) */
		if (c->kind == OT_CHANGE_TYPOGRAPHIC)
			continue;
		m = el(a, mods, "textualMod");
		snprintf(id, sizeof(id), "mod_%zu", ++*k);
		smap_put(&a->used, id, NULL);
		attr(a, m, "eId", id);
		attr(a, m, "type", mod_type(c->kind));
		if (c->kind != OT_CHANGE_ADDED && !(old_eid = smap_get(&old_e->by_id, c->old_id ? c->old_id : c->id))) {
			err = ot_error_set(-1, "internal: %s: clause %s is not in the old text given to the exporter",
					   t->ordinance, c->old_id ? c->old_id : c->id);
			break;
		}
		if (c->kind != OT_CHANGE_REMOVED && !(new_eid = smap_get(&new_e->by_id, c->id))) {
			err = ot_error_set(-1, "internal: %s: clause %s is not in the proposed text", t->ordinance,
					   c->id);
			break;
		}
		/* source: the provision of this bill that carries the change; a
		 * repeal points at the surviving parent, else the chapter */
		src = el(a, m, "source");
		ot_buf_clear(&h);
		if (new_eid) {
			ot_buf_printf(&h, "#%s%s", prefix.ptr, new_eid);
		} else {
			const char *pe = c->parent_id ? smap_get(&new_e->by_id, c->parent_id) : NULL;
			if (pe)
				ot_buf_printf(&h, "#%s%s", prefix.ptr, pe);
			else
				ot_buf_printf(&h, "#%s", chapter);
		}
		attr(a, src, "href", h.ptr);
		/* destination: the provision of the act (its eId there; for an
		 * insertion the eId it will have) */
		dst = el(a, m, "destination");
		ot_buf_clear(&h);
		ot_buf_printf(&h, "%s#%s", uri.ptr, old_eid ? old_eid : new_eid);
		attr(a, dst, "href", h.ptr);
		if (c->kind == OT_CHANGE_RENUMBERED) {
			attr(a, el(a, m, "old"), "href", h.ptr);
			ot_buf_clear(&h);
			ot_buf_printf(&h, "#%s%s", prefix.ptr, new_eid);
			attr(a, el(a, m, "new"), "href", h.ptr);
		}
	}
	ot_buf_release(&prefix);
	ot_buf_release(&uri);
	ot_buf_release(&h);
	ot_buf_release(&eid);
	return err;
}

int ot_export_akn_bill(ot_buf *out, const ot_record *r, const char *text_date, const ot_akn_bill_text *texts,
		       size_t ntexts, const ot_export_opts *opts)
{
	ot_export_opts o;
	xmlNodePtr root, bill, meta, life, wf, an = NULL, mods = NULL, parl = NULL, refs, body;
	ot_buf work = OT_BUF_INIT, h = OT_BUF_INIT, b2 = OT_BUF_INIT;
	eids *ne = NULL, *oe = NULL;
	names nm;
	ot_record_event *ev = NULL;
	size_t nev = 0, i, j, k = 0, nmods = 0;
	const ot_record_version *tv = NULL;
	akn *a;
	int err;

	if ((err = opts_check(&o, opts)) < 0)
		return err;
	if (ot_date_parse(NULL, r->introduced) < 0 || ot_date_parse(NULL, text_date) < 0)
		return OT_EINVALID;
	for (i = 0; i < r->nversions; i++)
		if (strcmp(r->versions[i].date, text_date) <= 0)
			tv = &r->versions[i];

	memset(&nm, 0, sizeof(nm));
	ne = ot_calloc(ntexts + 1, sizeof(*ne));
	oe = ot_calloc(ntexts + 1, sizeof(*oe));
	for (i = 0; i < ntexts; i++) {
		eids_assign(&ne[i], texts[i].doc);
		if (texts[i].old_doc)
			eids_assign(&oe[i], texts[i].old_doc);
		for (j = 0; texts[i].diff && j < texts[i].diff->nchanges; j++)
			nmods += texts[i].diff->changes[j].kind != OT_CHANGE_TYPOGRAPHIC;
	}
	a = akn_new(&root);
	uri_prefix(&work, &o);
	ot_buf_printf(&work, "/bill/%s/%s", r->introduced, r->id);

	bill = el1(a, root, "bill", "name", ot_record_type_names[r->type]);
	meta = el(a, bill, "meta");
	{
		char **sp = ot_calloc(r->nsponsors + 1, sizeof(char *));
		char role[300];
		for (i = 0; i < r->nsponsors; i++)
			sp[i] = ot_strdup(ref_to(a, &nm, &h, "person_", r->sponsors[i]));
		snprintf(role, sizeof(role), "%s", r->nsponsors ? ref_to(a, &nm, &h, "role_", "sponsor") : "");
		identification(a, meta, &o, work.ptr, r->introduced, "introduction", r->id, r->title, text_date,
			       tv ? ot_stage_names[tv->stage] : "version", tv ? tv->number : 0, "#council", sp, r->nsponsors, role);
		for (i = 0; i < r->nsponsors; i++)
			free(sp[i]);
		free(sp);
	}

	/* lifecycle: the introduction, each later text version, each action
	 * (the "introduction" action is the generation event itself) */
	ev = ot_record_timeline(r, &nev);
	life = el1(a, meta, "lifecycle", "source", "#ordtrack");
	for (i = 0, k = 0; i < nev; i++) {
		xmlNodePtr x;
		char id[40];
		if (ev[i].kind == OT_EVENT_VOTE)
			continue;
		if (ev[i].kind == OT_EVENT_ACTION && r->actions[ev[i].index].type == OT_ACTION_INTRODUCTION)
			continue;
		x = el(a, life, "eventRef");
		snprintf(id, sizeof(id), "evt_%zu", ++k);
		smap_put(&a->used, id, NULL);
		attr(a, x, "eId", id);
		attr(a, x, "date", ev[i].date);
		attr(a, x, "source", "#ro_1");
		if (ev[i].kind == OT_EVENT_VERSION) {
			const ot_record_version *v = &r->versions[ev[i].index];
			attr(a, x, "type", ev[i].index == 0 ? "generation" : "amendment");
			attr(a, x, "refersTo", ref_to(a, &nm, &h, "event_", ev[i].index == 0 ? "introduction" : ot_stage_names[v->stage]));
		} else {
			attr(a, x, "refersTo", ref_to(a, &nm, &h, "event_", ot_action_type_names[r->actions[ev[i].index].type]));
		}
	}

	/* workflow: every action and vote as a step */
	if (r->nactions || r->nvotes) {
		wf = el1(a, meta, "workflow", "source", "#ordtrack");
		for (i = 0; i < nev; i++) {
			xmlNodePtr x;
			char id[40];
			if (ev[i].kind == OT_EVENT_VERSION)
				continue;
			x = el(a, wf, "step");
			attr(a, x, "date", ev[i].date);
			if (ev[i].kind == OT_EVENT_ACTION) {
				const ot_action *act = &r->actions[ev[i].index];
				attr(a, x, "by", org_ref(a, &nm, &h, act->body));
				attr(a, x, "refersTo", ref_to(a, &nm, &h, "event_", ot_action_type_names[act->type]));
			} else {
				const ot_vote *v = &r->votes[ev[i].index];
				snprintf(id, sizeof(id), "#vote_%zu", ev[i].index + 1);
				attr(a, x, "by", "#council");
				attr(a, x, "refersTo", id);
				attr(a, x, "outcome", ref_to(a, &nm, &h, "result_", ot_vote_result_names[v->result]));
			}
		}
	}

	/* analysis: the changes, and the votes with their counts */
	if (nmods || r->nvotes)
		an = el1(a, meta, "analysis", "source", "#ordtrack");
	if (nmods)
		mods = el(a, an, "activeModifications");
	for (i = 0, k = 0; i < ntexts && !err; i++) {
		if (!texts[i].diff)
			continue;
		ot_buf_clear(&b2);
		ot_buf_puts(&b2, "chp_");
		eid_num(&b2, texts[i].ordinance);
		err = write_mods(a, mods, &o, &texts[i], &ne[i], &oe[i], b2.ptr, r->introduced, &k);
	}
	if (r->nvotes)
		parl = el(a, an, "parliamentary");
	for (i = 0; i < r->nvotes && !err; i++) {
		const ot_vote *v = &r->votes[i];
		xmlNodePtr x = el(a, parl, "voting");
		char id[40];
		snprintf(id, sizeof(id), "vote_%zu", i + 1);
		smap_put(&a->used, id, NULL);
		attr(a, x, "eId", id);
		attr(a, x, "outcome", ref_to(a, &nm, &h, "result_", ot_vote_result_names[v->result]));
		attr(a, x, "refersTo", ref_to(a, &nm, &h, "motion_", v->motion));
		for (j = 0; j < OT_VOTE_NOPTIONS; j++) {
			xmlNodePtr c = el(a, x, "count");
			char val[32];
			ot_buf_clear(&b2);
			ot_buf_printf(&b2, "vote_%zu__count_%s", i + 1, ot_vote_option_names[j]);
			eid_claim(&a->used, &b2);
			attr(a, c, "eId", b2.ptr);
			snprintf(val, sizeof(val), "%zu", v->counts[j]);
			attr(a, c, "value", val);
			attr(a, c, "refersTo", ref_to(a, &nm, &h, "option_", ot_vote_option_names[j]));
		}
	}

	/* references: the bill itself, the acts it amends, then every TLC */
	refs = el1(a, meta, "references", "source", "#ordtrack");
	{
		xmlNodePtr x = el1(a, refs, "original", "eId", "ro_1");
		smap_put(&a->used, "ro_1", NULL);
		attr(a, x, "href", work.ptr);
		attr(a, x, "showAs", r->id);
	}
	for (i = 0; i < ntexts; i++) {
		xmlNodePtr x = el1(a, refs, "activeRef", "eId", meta_eid(a, "act_", texts[i].ordinance));
		ot_buf_clear(&h);
		uri_prefix(&h, &o);
		ot_buf_printf(&h, "/act/%s/%s", texts[i].act_date ? texts[i].act_date : r->introduced,
			      texts[i].ordinance);
		attr(a, x, "href", h.ptr);
		attr(a, x, "showAs", texts[i].ordinance);
	}
	tlc_common(a, refs, &o);
	/* every name referred to above, in the order of first use */
	for (i = 0; i < nm.n; i++) {
		static const struct {
			const char *prefix, *kind, *path;
		} kinds[] = {{"org_", "TLCOrganization", "organizations"}, {"person_", "TLCPerson", "persons"},
			     {"role_", "TLCRole", "roles"},
			     {"event_", "TLCEvent", "events"},        {"result_", "TLCConcept", "concepts/result"},
			     {"option_", "TLCConcept", "concepts/vote"}, {"motion_", "TLCConcept", "concepts/motion"}};
		const name_ref *it = &nm.items[i];
		size_t kk;
		for (kk = 0; kk < OT_ARRAY_LEN(kinds) && strcmp(kinds[kk].prefix, it->prefix); kk++)
			;
		if (kk == OT_ARRAY_LEN(kinds))
			continue;
		ot_buf_clear(&h);
		ot_buf_printf(&h, "/akn/ontology/%s/%s", kinds[kk].path, it->eid + strlen(it->prefix));
		tlc(a, refs, kinds[kk].kind, it->eid, h.ptr, it->name);
	}

	/* body: one chapter per ordinance, holding its proposed text */
	body = el(a, bill, "body");
	for (i = 0; i < ntexts; i++) {
		xmlNodePtr ch = el(a, body, "chapter");
		ot_buf_clear(&b2);
		ot_buf_puts(&b2, "chp_");
		eid_num(&b2, texts[i].ordinance);
		attr(a, ch, "eId", b2.ptr);
		el_text(a, ch, "num", texts[i].ordinance);
		if (texts[i].doc->title && *texts[i].doc->title)
			el_text(a, ch, "heading", texts[i].doc->title);
		ot_buf_puts(&b2, "__");
		write_sections(a, ch, texts[i].doc, &ne[i], b2.ptr);
	}
	if (!ntexts) {
		xmlNodePtr x = el(a, body, "hcontainer");
		attr(a, x, "name", "noText");
		attr(a, x, "eId", "hcontainer_1");
		el(a, x, "content");
	}

	for (i = 0; i < ntexts; i++) {
		eids_free(&ne[i]);
		eids_free(&oe[i]);
	}
	free(ne);
	free(oe);
	free(ev);
	names_free(&nm);
	ot_buf_release(&work);
	ot_buf_release(&h);
	ot_buf_release(&b2);
	if (err) {
		ot_buf tmp = OT_BUF_INIT;
		akn_finish(a, &tmp);
		ot_buf_release(&tmp);
		return err;
	}
	(void)mods;
	return akn_finish(a, out);
}
