/*
 * render_json.c - "ordtrack-diff/1", the machine-readable diff
 * (documented field by field in docs/diff-format.md).
 *
 * The document is built as a jansson tree and serialised once with
 * JSON_PRESERVE_ORDER, so keys come out in the order they are set here,
 * which is the documented order; strings are never pasted.  Similarity is
 * rounded to two decimals and printed with two significant digits
 * (JSON_REAL_PRECISION(2)), so 0.97 prints as 0.97, not
 * 0.96999999999999997.
 *
 * Ownership: every json_t built here is owned by the root (set_new
 * steals references); the root is freed under done:.  A string that is
 * not valid UTF-8 makes jansson return NULL; that is reported as
 * OT_EINVALID naming the change, never a crash.
 */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "render_internal.h"

/* Set key to a string value (or null when s is NULL).  Returns 0, or -1
 * when s is not valid UTF-8. */
static int set_str(json_t *obj, const char *key, const char *s)
{
	json_t *v = s ? json_string(s) : json_null();
	if (!v)
		return -1;
	return json_object_set_new(obj, key, v) ? -1 : 0;
}

static const char *op_name(ot_op_kind op)
{
	switch (op) {
	case OT_OP_EQUAL:
		return "equal";
	case OT_OP_DELETE:
		return "delete";
	case OT_OP_INSERT:
		return "insert";
	}
	return "equal";
}

/* A new array of {"op","text"} objects, or NULL on bad UTF-8. */
static json_t *ops_array(const ot_word_op *ops, size_t n)
{
	json_t *arr = json_array(), *o = NULL, *t;
	size_t i;
	if (!arr)
		return NULL;
	for (i = 0; i < n; i++) {
		o = json_object();
		if (!o || json_object_set_new(o, "op", json_string(op_name(ops[i].op))))
			goto fail;
		t = json_stringn(OT_RS(ops[i].text), ops[i].text ? ops[i].len : 0);
		if (!t || json_object_set_new(o, "text", t)) /* t is stolen */
			goto fail;
		if (json_array_append_new(arr, o)) { /* o is stolen */
			o = NULL;
			goto fail;
		}
		o = NULL;
	}
	return arr;
fail:
	json_decref(o);
	json_decref(arr);
	return NULL;
}

/* One change as an object in the documented key order; NULL on bad
 * UTF-8 (message set). */
static json_t *change_object(const ot_change *c, size_t index)
{
	json_t *o = json_object(), *v;
	int section = c->node_kind == OT_NODE_SECTION;
	const char *text = c->new_text, *old_text = c->old_text;

	if (!o)
		goto fail;
	if (set_str(o, "kind", ot_render__kind_name(c->kind)) ||
	    set_str(o, "node", ot_render__node_name(c->node_kind)) ||
	    set_str(o, "id", c->id) ||
	    set_str(o, "old_id", c->kind == OT_CHANGE_ADDED ? NULL
				 : c->old_id ? c->old_id
				 : c->kind == OT_CHANGE_REMOVED ? c->id : NULL))
		goto fail;
	if (section || c->heading) {
		if (set_str(o, "heading", OT_RS(c->heading)))
			goto fail;
		if (c->old_heading && set_str(o, "old_heading", c->old_heading))
			goto fail;
	}
	if (c->heading_ops && c->nheading_ops) {
		if (!(v = ops_array(c->heading_ops, c->nheading_ops)) ||
		    json_object_set_new(o, "heading_ops", v))
			goto fail;
	}
	if (c->kind == OT_CHANGE_REMOVED)
		text = NULL;
	if (c->kind == OT_CHANGE_ADDED)
		old_text = NULL;
	if (text && set_str(o, "text", text))
		goto fail;
	if (old_text && set_str(o, "old_text", old_text))
		goto fail;
	if (c->kind == OT_CHANGE_RENUMBERED) {
		double sim = c->similarity;
		if (!(sim >= 0.0)) /* NaN too */
			sim = 0.0;
		if (sim > 1.0)
			sim = 1.0;
		if (json_object_set_new(o, "similarity", json_real(round(sim * 100.0) / 100.0)) ||
		    json_object_set_new(o, "moved", json_boolean(c->moved)))
			goto fail;
		/* only when true: a renumbering whose edit is typography */
		if (c->typographic && json_object_set_new(o, "typographic", json_true()))
			goto fail;
	}
	if (c->ops && c->nops) {
		if (!(v = ops_array(c->ops, c->nops)) || json_object_set_new(o, "ops", v))
			goto fail;
	}
	return o;
fail:
	json_decref(o);
	ot_error_set(OT_EINVALID, "cannot write change %zu ('%s') as JSON: "
		     "text is not valid UTF-8", index, OT_RS(c->id));
	return NULL;
}

/* json_dump_callback sink: append to the ot_buf in data (never fails;
 * ot_buf aborts on out-of-memory). */
static int dump_to_buf(const char *buffer, size_t size, void *data)
{
	ot_buf_put(data, buffer, size);
	return 0;
}

static int jansson_failed(void)
{
	return ot_error_set(OT_ERROR, "cannot build the diff JSON (jansson failed)");
}

static json_t *rev_object(const char *rev, const char *commit)
{
	json_t *o = json_object();
	if (!o || set_str(o, "rev", rev) || set_str(o, "commit", commit)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* Returns 0 and appends the JSON text and a newline to out; OT_EINVALID
 * for text that is not UTF-8; -1 if jansson fails otherwise. */
json_t *ot_render__notes_json(const ot_diff *diff)
{
	static const char *const kinds[] = {"added", "removed", "changed"};
	json_t *a = json_array();
	size_t i;
	for (i = 0; i < diff->nnotes; i++) {
		const ot_note_change *n = &diff->notes[i];
		json_t *o = json_object();
		json_array_append_new(a, o);
		if (set_str(o, "kind", kinds[n->kind]) ||
		    json_object_set_new(o, "section", n->section ? json_string(n->section) : json_null()) ||
		    set_str(o, "note_kind", n->note_kind) ||
		    (n->old_text && set_str(o, "old_text", n->old_text)) ||
		    (n->new_text && set_str(o, "new_text", n->new_text))) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

int ot_render__json(ot_buf *out, const ot_diff *diff, const ot_diff_render_opts *opts)
{
	json_t *root = NULL, *stats = NULL, *changes = NULL, *v;
	size_t i, start = out->len;
	int err = 0;
	const ot_diff_stats *s = &diff->stats;

	root = json_object();
	if (!root || set_str(root, "format", "ordtrack-diff/1")) {
		err = jansson_failed();
		goto done;
	}
	if (!(v = rev_object(opts->from_rev, opts->from_commit)) ||
	    json_object_set_new(root, "from", v)) {
		err = ot_error_set(OT_EINVALID, "cannot write the 'from' revision as "
				   "JSON: not valid UTF-8");
		goto done;
	}
	if (!(v = rev_object(opts->to_rev, opts->to_commit)) ||
	    json_object_set_new(root, "to", v)) {
		err = ot_error_set(OT_EINVALID, "cannot write the 'to' revision as "
				   "JSON: not valid UTF-8");
		goto done;
	}
	stats = json_object();
	if (!stats || json_object_set_new(root, "stats", stats)) {
		err = jansson_failed();
		goto done;
	}
	if (json_object_set_new(stats, "added", json_integer((json_int_t)s->added)) ||
	    json_object_set_new(stats, "removed", json_integer((json_int_t)s->removed)) ||
	    json_object_set_new(stats, "modified", json_integer((json_int_t)s->modified)) ||
	    json_object_set_new(stats, "renumbered",
				json_integer((json_int_t)s->renumbered)) ||
	    json_object_set_new(stats, "unchanged", json_integer((json_int_t)s->unchanged)) ||
	    json_object_set_new(stats, "typographic",
				json_integer((json_int_t)s->typographic))) {
		err = jansson_failed();
		goto done;
	}
	changes = json_array();
	if (!changes || json_object_set_new(root, "changes", changes)) {
		err = jansson_failed();
		goto done;
	}
	for (i = 0; i < diff->nchanges; i++) {
		if (!(v = change_object(&diff->changes[i], i))) {
			err = OT_EINVALID;
			goto done;
		}
		if (json_array_append_new(changes, v)) {
			err = jansson_failed();
			goto done;
		}
	}
	if (diff->nnotes) {
		json_t *notes = ot_render__notes_json(diff);
		if (!notes || json_object_set_new(root, "notes", notes)) {
			err = ot_error_set(OT_EINVALID, "cannot write the notes as JSON: not valid UTF-8");
			goto done;
		}
	}
	/* serialised straight into out: no second copy of the whole text */
	if (json_dump_callback(root, dump_to_buf, out,
			       JSON_PRESERVE_ORDER | JSON_INDENT(2) | JSON_REAL_PRECISION(2)) < 0) {
		ot_buf_truncate(out, start);
		err = jansson_failed();
		goto done;
	}
	ot_buf_putc(out, '\n');
done:
	json_decref(root);
	return err;
}
