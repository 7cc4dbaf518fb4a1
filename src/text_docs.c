/*
 * text_docs.c - the versioned JSON documents about the text of the law
 * (ordtrack/text_docs.h): log, history, blame, text, search and the
 * whole-code diff, built here so that a program linking the library
 * prints what the commands print.
 *
 * Each document is a jansson tree built in its documented key order and
 * appended once by ot_json_append (two-space indent, JSON_PRESERVE_ORDER,
 * a final newline).  Every json_t belongs to its parent as soon as it is
 * set (the *_new calls steal the reference), so the root is the one thing
 * released, by ot_json_append.  The inputs are only read.
 *
 * The text document nests clauses with an explicit stack, so a deep tree
 * cannot exhaust the C stack.  The code diff embeds each ordinance's own
 * ordtrack-diff/1 rendering (render_json.c) by reading it back, so the
 * two documents cannot drift apart.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "jsonutil.h"
#include "ordtrack/render.h"
#include "ordtrack/text_docs.h"

/* "" (no record) is null. */
static json_t *record_or_null(const char *record)
{
	return *record ? json_string(record) : json_null();
}

/* ---- ordtrack-log/1 ------------------------------------------------------ */

static json_t *version_json(const ot_version *v)
{
	json_t *o = json_object();
	json_object_set_new(o, "ordinance", json_string(v->ordinance));
	json_object_set_new(o, "version", json_integer(v->number));
	json_object_set_new(o, "commit", json_string(v->commit));
	json_object_set_new(o, "date", json_string(v->date));
	json_object_set_new(o, "stage", json_string(v->stage));
	json_object_set_new(o, "record", record_or_null(v->record));
	json_object_set_new(o, "title", json_string(v->title));
	json_object_set_new(o, "subject", json_string(v->subject));
	json_object_set_new(o, "sponsors", ot_json_strv(v->sponsors, v->nsponsors));
	json_object_set_new(o, "sections", json_integer((json_int_t)v->sections));
	json_object_set_new(o, "change",
			    json_string(v->repealed	? "repealed"
					: v->notes_only ? "notes"
							: "text"));
	return o;
}

void ot_log_doc(ot_buf *out, const ot_version_list *versions)
{
	json_t *root = json_object(), *arr = json_array();
	size_t i;
	json_object_set_new(root, "format", json_string("ordtrack-log/1"));
	for (i = 0; i < versions->n; i++)
		json_array_append_new(arr, version_json(&versions->items[i]));
	json_object_set_new(root, "versions", arr);
	ot_json_append(out, root);
}

/* ---- ordtrack-history/1 -------------------------------------------------- */

static const char *change_name(char change)
{
	switch (change) {
	case 'a': return "added";
	case 'r': return "removed";
	case 't': return "typographic";
	default: return "modified";
	}
}

void ot_history_doc(ot_buf *out, const char *ord, const char *clause, const ot_clause_history *h)
{
	json_t *root = json_object(), *arr = json_array();
	size_t i;
	json_object_set_new(root, "format", json_string("ordtrack-history/1"));
	json_object_set_new(root, "ordinance", json_string(ord));
	json_object_set_new(root, "clause", json_string(clause));
	for (i = 0; i < h->n; i++) {
		const ot_clause_step *st = &h->items[i];
		json_t *o = json_object();
		json_object_set_new(o, "version", json_integer(st->version.number));
		json_object_set_new(o, "commit", json_string(st->version.commit));
		json_object_set_new(o, "date", json_string(st->version.date));
		json_object_set_new(o, "stage", json_string(st->version.stage));
		json_object_set_new(o, "record", record_or_null(st->version.record));
		json_object_set_new(o, "change", json_string(change_name(st->change)));
		json_object_set_new(o, "text", ot_json_str_or_null(st->text));
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "versions", arr);
	ot_json_append(out, root);
}

/* ---- ordtrack-blame/1 ---------------------------------------------------- */

void ot_blame_doc(ot_buf *out, const char *ord, int version, const ot_blame *b)
{
	json_t *root = json_object(), *arr = json_array();
	size_t i;
	json_object_set_new(root, "format", json_string("ordtrack-blame/1"));
	json_object_set_new(root, "ordinance", json_string(ord));
	json_object_set_new(root, "version", json_integer(version));
	for (i = 0; i < b->n; i++) {
		const ot_blame_line *l = &b->items[i];
		json_t *o = json_object();
		json_object_set_new(o, "id", json_string(l->id));
		json_object_set_new(o, "kind", json_string(l->kind));
		json_object_set_new(o, "version", json_integer(l->version.number));
		json_object_set_new(o, "commit", json_string(l->version.commit));
		json_object_set_new(o, "date", json_string(l->version.date));
		json_object_set_new(o, "stage", json_string(l->version.stage));
		json_object_set_new(o, "record", record_or_null(l->version.record));
		json_object_set_new(o, "tally", ot_json_str_or_null(l->tally));
		json_object_set_new(o, "text", json_string(l->text));
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "clauses", arr);
	ot_json_append(out, root);
}

/* ---- ordtrack-text/1 ----------------------------------------------------- */

static const char *kind_name(ot_node_kind k)
{
	return k == OT_NODE_SECTION ? "section" : k == OT_NODE_CLAUSE ? "clause" : "text";
}

static json_t *node_fields(const ot_node *n)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(n->id));
	json_object_set_new(o, "kind", json_string(kind_name(n->kind)));
	if (n->num)
		json_object_set_new(o, "num", json_string(n->num));
	if (n->kind == OT_NODE_SECTION)
		json_object_set_new(o, "heading", json_string(n->heading ? n->heading : ""));
	else
		json_object_set_new(o, "text", json_string(n->text ? n->text : ""));
	return o;
}

/* The node and its subtree as nested JSON objects ("children" arrays). */
static json_t *node_json(const ot_node *root)
{
	typedef struct item {
		const ot_node *n;
		json_t *obj;
	} item;
	item *stack = NULL;
	size_t n = 0, cap = 0, i;
	json_t *top = node_fields(root);

	*OT_ARRAY_PUSH(stack, n, cap) = (item){root, top};
	while (n) {
		item it = stack[--n];
		json_t *kids = json_array();
		json_object_set_new(it.obj, "children", kids);
		for (i = 0; i < it.n->nchildren; i++) {
			json_t *child = node_fields(it.n->children[i]);
			json_array_append_new(kids, child);
			*OT_ARRAY_PUSH(stack, n, cap) = (item){it.n->children[i], child};
		}
	}
	free(stack);
	return top;
}

/* The notes of group `k` of `g` (section k of doc; doc->nsections: notes
 * naming no section of the text) as a JSON array. */
static json_t *notes_json(const ot_doc *doc, const ot_doc_note_groups *g, size_t k)
{
	json_t *a = json_array();
	size_t i;
	for (i = g->start[k]; i < g->start[k + 1]; i++) {
		const ot_doc_note *n = &doc->notes[g->order[i]];
		json_t *o = json_object();
		json_object_set_new(o, "section", ot_json_str_or_null(n->section));
		json_object_set_new(o, "kind", json_string(n->kind));
		json_object_set_new(o, "text", json_string(n->text));
		json_array_append_new(a, o);
	}
	return a;
}

/* The position of section `node` in doc (a section found by ot_doc_find
 * is one of doc->sections). */
static size_t section_pos(const ot_doc *doc, const ot_node *node)
{
	size_t i;
	for (i = 0; i < doc->nsections; i++)
		if (doc->sections[i] == node)
			break;
	return i;
}

void ot_text_doc(ot_buf *out, const ot_doc *doc, const ot_rev *rev, const ot_node *clause, int notes)
{
	json_t *root = json_object();
	ot_doc_note_groups groups = {NULL, NULL};
	size_t i;

	if (notes)
		ot_doc_note_groups_init(&groups, doc);
	json_object_set_new(root, "format", json_string("ordtrack-text/1"));
	json_object_set_new(root, "ordinance", json_string(rev->ordinance));
	json_object_set_new(root, "version", json_integer(rev->number));
	json_object_set_new(root, "commit", json_string(rev->commit));
	json_object_set_new(root, "date", json_string(rev->date));
	json_object_set_new(root, "title", ot_json_str_or_null(doc->title));
	if (clause) {
		json_t *cj = node_json(clause);
		if (notes && clause->kind == OT_NODE_SECTION)
			json_object_set_new(cj, "notes", notes_json(doc, &groups, section_pos(doc, clause)));
		json_object_set_new(root, "clause", cj);
	} else {
		json_t *arr = json_array();
		for (i = 0; i < doc->nsections; i++) {
			json_t *sj = node_json(doc->sections[i]);
			if (notes)
				json_object_set_new(sj, "notes", notes_json(doc, &groups, i));
			json_array_append_new(arr, sj);
		}
		json_object_set_new(root, "sections", arr);
		if (notes)
			json_object_set_new(root, "notes", notes_json(doc, &groups, doc->nsections));
	}
	ot_doc_note_groups_release(&groups);
	ot_json_append(out, root);
}

/* ---- ordtrack-search/1 --------------------------------------------------- */

void ot_search_doc(ot_buf *out, const char *query, const ot_search_hits *hits)
{
	json_t *root = json_object(), *arr = json_array();
	size_t i;
	json_object_set_new(root, "format", json_string("ordtrack-search/1"));
	json_object_set_new(root, "query", json_string(query));
	for (i = 0; i < hits->n; i++) {
		const ot_search_hit *h = &hits->items[i];
		json_t *o = json_object();
		json_object_set_new(o, "ordinance", json_string(h->ordinance));
		json_object_set_new(o, "version", json_integer(h->version));
		json_object_set_new(o, "id", json_string(h->id));
		json_object_set_new(o, "snippet", json_string(h->snippet));
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "hits", arr);
	ot_json_append(out, root);
}

void ot_search_records_doc(ot_buf *out, const char *query, const ot_record_hits *hits)
{
	json_t *root = json_object(), *arr = json_array();
	size_t i;
	json_object_set_new(root, "format", json_string("ordtrack-search/1"));
	json_object_set_new(root, "query", json_string(query));
	for (i = 0; i < hits->n; i++) {
		const ot_record_hit *h = &hits->items[i];
		json_t *o = json_object();
		json_object_set_new(o, "record", json_string(h->record));
		json_object_set_new(o, "status", json_string(ot_status_names[h->status]));
		json_object_set_new(o, "title", json_string(h->title));
		json_object_set_new(o, "sponsors", json_string(h->sponsors));
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "records", arr);
	ot_json_append(out, root);
}

/* ---- ordtrack-code-diff/1 ------------------------------------------------ */

static json_t *rev_json(const char *rev, const char *commit)
{
	json_t *o = json_object();
	json_object_set_new(o, "rev", json_string(rev));
	json_object_set_new(o, "commit", json_string(commit));
	return o;
}

/* The ordtrack-diff/1 (or -stat/1) rendering of entry e as a new object
 * in *out, with "ordinance" and "status" first and without "from" and
 * "to" (the document has them once).  0, or an error with a message when
 * it cannot be rendered.  `one` is scratch space. */
static int entry_json(json_t **out, ot_buf *one, const ot_code_diff_entry *e, const ot_diff_render_opts *ro,
		      int stat)
{
	json_t *doc, *v;
	json_error_t jerr;
	const char *key;
	int err;

	*out = NULL;
	ot_buf_clear(one);
	err = stat ? ot_render_diff_stat(one, e->diff, OT_FORMAT_JSON)
		   : ot_render_diff(one, e->diff, OT_FORMAT_JSON, ro);
	if (err < 0)
		return err;
	if (!(doc = json_loadb(one->ptr, one->len, 0, &jerr)))
		return ot_error_set(OT_ERROR, "cannot read back the diff of %s: %s", e->ordinance, jerr.text);
	*out = json_object();
	json_object_set_new(*out, "ordinance", json_string(e->ordinance));
	json_object_set_new(*out, "status", json_string(e->status));
	json_object_foreach(doc, key, v)
	{
		if (strcmp(key, "from") && strcmp(key, "to"))
			json_object_set(*out, key, v);
	}
	json_decref(doc);
	return 0;
}

int ot_code_diff_doc(ot_buf *out, const ot_code_diff *cd, const char *from_rev, const char *from_commit,
		     const char *to_rev, const char *to_commit, int stat)
{
	json_t *root = json_object(), *arr = json_array(), *tot, *ords;
	ot_diff_render_opts ro;
	ot_diff_stats sum;
	ot_buf one = OT_BUF_INIT;
	size_t i, added = 0, removed = 0, changed = 0;
	int err = 0;

	memset(&sum, 0, sizeof(sum));
	memset(&ro, 0, sizeof(ro));
	ro.from_rev = from_rev;
	ro.from_commit = from_commit;
	ro.to_rev = to_rev;
	ro.to_commit = to_commit;
	json_object_set_new(root, "format", json_string("ordtrack-code-diff/1"));
	json_object_set_new(root, "from", rev_json(from_rev, from_commit));
	json_object_set_new(root, "to", rev_json(to_rev, to_commit));
	for (i = 0; i < cd->n; i++) {
		const ot_code_diff_entry *e = &cd->items[i];
		json_t *o;
		if ((err = entry_json(&o, &one, e, &ro, stat)) < 0)
			goto done;
		json_array_append_new(arr, o);
		added += e->status[0] == 'a';
		removed += e->status[0] == 'r';
		changed += e->status[0] == 'c';
		sum.added += e->diff->stats.added;
		sum.removed += e->diff->stats.removed;
		sum.modified += e->diff->stats.modified;
		sum.renumbered += e->diff->stats.renumbered;
		sum.unchanged += e->diff->stats.unchanged;
	}
	ords = json_object();
	json_object_set_new(ords, "added", json_integer((json_int_t)added));
	json_object_set_new(ords, "removed", json_integer((json_int_t)removed));
	json_object_set_new(ords, "changed", json_integer((json_int_t)changed));
	json_object_set_new(ords, "unchanged", json_integer((json_int_t)cd->unchanged));
	tot = json_object();
	json_object_set_new(tot, "ordinances", ords);
	json_object_set_new(tot, "added", json_integer((json_int_t)sum.added));
	json_object_set_new(tot, "removed", json_integer((json_int_t)sum.removed));
	json_object_set_new(tot, "modified", json_integer((json_int_t)sum.modified));
	json_object_set_new(tot, "renumbered", json_integer((json_int_t)sum.renumbered));
	json_object_set_new(tot, "unchanged", json_integer((json_int_t)sum.unchanged));
	json_object_set_new(root, "stats", tot);
	json_object_set_new(root, "ordinances", arr);
	arr = NULL;
	ot_json_append(out, root);
	root = NULL;
done:
	json_decref(arr);
	json_decref(root);
	ot_buf_release(&one);
	return err;
}
