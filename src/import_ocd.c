/*
 * import_ocd.c - an Open Civic Data scrape as pupa writes it (`pupa
 * update --scrape`: one directory, one JSON object per file, named
 * KIND_<id>.json: jurisdiction, organization, post, person, membership,
 * bill, vote_event) read into an import set (ot_ocd_read).
 *
 * Two passes.  First every file is loaded and filed by its kind (the
 * name's prefix) under its `_id`; files of kinds ordtrack does not import
 * (event_*, pupa's old vote_*) are counted, not read, and reported.
 * Then the objects are read.  References are resolved as pupa's
 * importers resolve them (pupa/importers/base.py, resolve_json_id): a
 * reference is the `_id` of another scraped object, or a pseudo-id, "~"
 * and a JSON object of fields that must match exactly one scraped object
 * of the kind:
 *
 *   organization  name (or one of its other_names), classification
 *   person        name (or one of its other_names, or its family_name)
 *   post          label, role, organization__classification, __name
 *   bill          identifier, legislative_session__identifier,
 *                 from_organization__classification, __name
 *
 * No match, or more than one, is an error naming the file, the field and
 * the reference.  Where pupa itself lets a pseudo-id go unmatched
 * (sponsorships, a vote's voter_id) this reader does too: a sponsor is
 * kept by name, a voter by voter_name (the writer matches both to
 * members); an `_id` that names nothing is an error everywhere.  When the
 * scrape holds no object of a kind at all (a scrape of bills whose people
 * were scraped another time), a pseudo-id of that kind is read for what
 * it says ("name", "label", "classification").
 *
 * What becomes of each kind (docs/record-import.md, "Open Civic Data"):
 * each membership of the legislature (ward: its post's label, term: its
 * dates) or of the mayor's office (ward 0) is an ot_import_member named
 * as the person is, with the person's other_names, and any voter_name
 * that a voter_id ties to the person, as aliases; each bill is a record,
 * its id the identifier by ot_source_record_id (NYC's "Int 0001-2018" is
 * Int-0001-2018; the identifier as written still names the bill in
 * pseudo-ids and source ids); each vote_event with a roll call is a vote
 * of its bill's record.
 *
 * Source ids must outlive the scrape: pupa gives every object a new UUID
 * `_id` at every run, so they are built from what pupa itself matches a
 * scraped object to the stored one by (bill_key): a bill is
 * "ocd:bill/SESSION/IDENTIFIER" (or its own "ocd-bill/..." id, when the
 * file gives one), its actions "KEY/action/DATE/N" and its votes
 * "KEY/vote/IDENTIFIER" or "KEY/vote/DATE/N" (N counts the actions of
 * that date and description, the votes of that date and motion: OCD
 * gives actions no ids).
 *
 * Ownership: the scrape holds the parsed files (jansson trees) until the
 * set is built; every string put in the set is its own copy.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "import_ocd.h"
#include "internal.h"
#include "jsonfile.h"
#include "ordtrack/record_import.h"
#include "ordtrack/validate.h"

#define NONE SIZE_MAX
#define ID_MAX 200 /* longest _id accepted */

typedef enum { K_JURISDICTION, K_ORGANIZATION, K_POST, K_PERSON, K_MEMBERSHIP, K_BILL, K_VOTE_EVENT, K_N } kind;
static const char *const kind_names[K_N] = {"jurisdiction", "organization", "post",      "person",
					    "membership",   "bill",         "vote_event"};
/* the fields a pseudo-id of each kind may name (for messages) */
static const char *const kind_fields[K_N] = {
	"nothing", "name and classification", "label, role, organization__classification and organization__name",
	"name", "nothing",
	"identifier, legislative_session__identifier, from_organization__classification and from_organization__name",
	"nothing"};

typedef struct obj {
	char *file;     /* the path, for messages */
	json_t *doc;    /* owned */
	const char *id; /* its _id, borrowed from doc */
} obj;

/* an object's index under a key (borrowed from its doc), for bsearch */
typedef struct keyed {
	const char *key;
	size_t idx;
} keyed;

/* files of a kind not imported: their name's prefix, how many, the first */
typedef struct other {
	char *prefix;
	char *first;
	size_t count;
} other;

typedef struct scrape {
	const char *label; /* the directory, for messages */
	obj *objs[K_N];
	size_t n[K_N], cap[K_N];
	keyed *by_id[K_N];             /* n[k] of them, by _id */
	keyed *bills_by_identifier;    /* n[K_BILL] (those with a string identifier) */
	size_t nbills_by_identifier;
	keyed *persons_by_name;        /* name, other_names, family_name */
	size_t npersons_by_name, pncap;
	other *others;
	size_t nothers, ocap;
	const char **sessions;         /* the jurisdiction's legislative session identifiers */
	size_t nsessions, sscap;
	const char *sessions_file;
} scrape;

static void scrape_release(scrape *s)
{
	size_t i;
	int k;
	for (k = 0; k < K_N; k++) {
		for (i = 0; i < s->n[k]; i++) {
			free(s->objs[k][i].file);
			json_decref(s->objs[k][i].doc);
		}
		free(s->objs[k]);
		free(s->by_id[k]);
	}
	free(s->bills_by_identifier);
	free(s->persons_by_name);
	for (i = 0; i < s->nothers; i++) {
		free(s->others[i].prefix);
		free(s->others[i].first);
	}
	free(s->others);
	free(s->sessions);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* The kind of a pupa file named `name` ("bill_<uuid>.json"); -1 for a
 * JSON file of another kind, -2 for a file that is no pupa JSON. */
static int kind_of(const char *name)
{
	size_t n = strlen(name), l;
	int k;
	if (name[0] == '.' || n <= 5 || strcmp(name + n - 5, ".json") != 0)
		return -2;
	for (k = 0; k < K_N; k++) {
		l = strlen(kind_names[k]);
		if (strncmp(name, kind_names[k], l) == 0 && name[l] == '_')
			return k;
	}
	return -1;
}

static void count_other(scrape *s, const char *name)
{
	const char *us = strchr(name, '_');
	size_t l = us ? (size_t)(us - name) : strlen(name), i;
	for (i = 0; i < s->nothers; i++)
		if (strlen(s->others[i].prefix) == l && strncmp(s->others[i].prefix, name, l) == 0) {
			s->others[i].count++;
			return;
		}
	*OT_ARRAY_PUSH(s->others, s->nothers, s->ocap) = (other){ot_strndup(name, l), ot_strdup(name), 1};
}

/* File doc (owned from here on), read from `file`, as an object of kind k. */
static int scrape_add(scrape *s, kind k, const char *file, json_t *doc)
{
	ot_jf jf = {file, "", 0};
	const char *id;
	obj *o;
	if (!json_is_object(doc)) {
		json_decref(doc);
		return ot_error_set(OT_EINVALID, "%s: not a JSON object; pupa writes one object to each file", file);
	}
	id = ot_jf_str(&jf, doc, "_id", 0);
	if (id && (!*id || strlen(id) > ID_MAX || ot_text_check("_id", id, 0) < 0))
		ot_jf_bad(&jf, "_id", "'%.60s' is not an id (one line of text, 1 to %d bytes)", id, ID_MAX);
	if (ot_jf_failed(&jf)) {
		json_decref(doc);
		return ot_jf_finish(&jf);
	}
	o = OT_ARRAY_PUSH(s->objs[k], s->n[k], s->cap[k]);
	o->file = ot_strdup(file);
	o->doc = doc;
	o->id = id;
	return 0;
}

static int keyed_cmp(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

/* The first entry of t[0..n) whose key is not below key. */
static size_t lower_bound(const keyed *t, size_t n, const char *key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(t[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const char *str_of(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* ---- the fields references are matched by, checked before any match ---- */

/* other_names: a list of {"name": ...}; each name checked as text */
static void check_other_names(ot_jf *jf, json_t *o)
{
	json_t *a = ot_jf_array(jf, o, "other_names", 1), *e;
	size_t i;
	char field[48];
	json_array_foreach(a, i, e) {
		const char *name;
		snprintf(field, sizeof(field), "other_names[%zu]", i);
		if (!json_is_object(e)) {
			ot_jf_bad(jf, field, "not an object {\"name\": ...}");
			return;
		}
		name = json_string_value(json_object_get(e, "name"));
		if (!name) {
			ot_jf_bad(jf, field, "its name is missing or not a string");
			return;
		}
		if (!*name || ot_text_check("other name", name, 0) < 0) {
			ot_jf_bad(jf, field, "the name '%.60s' is empty or not one line of text", name);
			return;
		}
	}
}

static int check_kinds(scrape *s)
{
	size_t i, j;
	for (i = 0; i < s->n[K_ORGANIZATION]; i++) {
		obj *o = &s->objs[K_ORGANIZATION][i];
		ot_jf jf = {o->file, "", 0};
		const char *name = ot_jf_str(&jf, o->doc, "name", 0);
		ot_jf_str(&jf, o->doc, "classification", 1);
		if (name && (!*name || ot_text_check("organization name", name, 0) < 0))
			ot_jf_bad(&jf, "name", "'%.60s' is empty or not one line of text", name);
		check_other_names(&jf, o->doc);
		if (ot_jf_failed(&jf))
			return ot_jf_finish(&jf);
	}
	for (i = 0; i < s->n[K_POST]; i++) {
		obj *o = &s->objs[K_POST][i];
		ot_jf jf = {o->file, "", 0};
		ot_jf_str(&jf, o->doc, "label", 0);
		ot_jf_str(&jf, o->doc, "role", 1);
		ot_jf_str(&jf, o->doc, "organization_id", 1);
		if (ot_jf_failed(&jf))
			return ot_jf_finish(&jf);
	}
	for (i = 0; i < s->n[K_PERSON]; i++) {
		obj *o = &s->objs[K_PERSON][i];
		ot_jf jf = {o->file, "", 0};
		const char *name = ot_jf_str(&jf, o->doc, "name", 0);
		const char *family = ot_jf_str(&jf, o->doc, "family_name", 1);
		if (name && (!*name || ot_text_check("person name", name, 0) < 0))
			ot_jf_bad(&jf, "name", "'%.60s' is empty or not one line of text", name);
		check_other_names(&jf, o->doc);
		if (ot_jf_failed(&jf))
			return ot_jf_finish(&jf);
		*OT_ARRAY_PUSH(s->persons_by_name, s->npersons_by_name, s->pncap) = (keyed){name, i};
		if (family && *family)
			*OT_ARRAY_PUSH(s->persons_by_name, s->npersons_by_name, s->pncap) = (keyed){family, i};
		for (j = 0; j < json_array_size(json_object_get(o->doc, "other_names")); j++) {
			const char *other = str_of(json_array_get(json_object_get(o->doc, "other_names"), j), "name");
			*OT_ARRAY_PUSH(s->persons_by_name, s->npersons_by_name, s->pncap) = (keyed){other, i};
		}
	}
	if (s->npersons_by_name)
		qsort(s->persons_by_name, s->npersons_by_name, sizeof(keyed), keyed_cmp);
	s->bills_by_identifier = ot_calloc(s->n[K_BILL] + 1, sizeof(keyed));
	for (i = 0; i < s->n[K_BILL]; i++) {
		obj *o = &s->objs[K_BILL][i];
		ot_jf jf = {o->file, "", 0};
		const char *ident = ot_jf_str(&jf, o->doc, "identifier", 0);
		ot_jf_str(&jf, o->doc, "legislative_session", 0);
		ot_jf_str(&jf, o->doc, "from_organization", 1);
		if (ot_jf_failed(&jf))
			return ot_jf_finish(&jf);
		s->bills_by_identifier[s->nbills_by_identifier++] = (keyed){ident, i};
	}
	if (s->nbills_by_identifier)
		qsort(s->bills_by_identifier, s->nbills_by_identifier, sizeof(keyed), keyed_cmp);
	/* the jurisdiction's sessions: a bill's legislative_session must be one */
	for (i = 0; i < s->n[K_JURISDICTION]; i++) {
		obj *o = &s->objs[K_JURISDICTION][i];
		ot_jf jf = {o->file, "", 0};
		json_t *a = ot_jf_array(&jf, o->doc, "legislative_sessions", 1), *e;
		json_array_foreach(a, j, e) {
			const char *id;
			ot_jf_at(&jf, "legislative_sessions[%zu]", j);
			if ((id = ot_jf_str(&jf, e, "identifier", 0)) != NULL)
				*OT_ARRAY_PUSH(s->sessions, s->nsessions, s->sscap) = id;
		}
		if (ot_jf_failed(&jf))
			return ot_jf_finish(&jf);
		if (!s->sessions_file && json_array_size(a))
			s->sessions_file = o->file;
	}
	return 0;
}

/* Index every kind by _id; two objects with one _id are an error. */
static int scrape_index(scrape *s)
{
	size_t i;
	int k;
	for (k = 0; k < K_N; k++) {
		s->by_id[k] = ot_calloc(s->n[k] + 1, sizeof(keyed));
		for (i = 0; i < s->n[k]; i++)
			s->by_id[k][i] = (keyed){s->objs[k][i].id, i};
		if (s->n[k])
			qsort(s->by_id[k], s->n[k], sizeof(keyed), keyed_cmp);
		for (i = 1; i < s->n[k]; i++)
			if (strcmp(s->by_id[k][i - 1].key, s->by_id[k][i].key) == 0) {
				const obj *a = &s->objs[k][s->by_id[k][i - 1].idx];
				const obj *b = &s->objs[k][s->by_id[k][i].idx];
				return ot_error_set(OT_EINVALID,
						    "%s: _id: '%s' is also the _id of %s; each scraped object has its own",
						    b->file, b->id, base_name(a->file));
			}
	}
	return check_kinds(s);
}

/* ---- references ------------------------------------------------------------ */

/* The fields of pseudo-id ref ("~{...}"): a new object of strings, or
 * NULL with *why. */
static json_t *pseudo_parse(const char *ref, const char **why)
{
	json_error_t je;
	json_t *o = json_loads(ref + 1, JSON_REJECT_DUPLICATES, &je), *v;
	const char *k;
	if (!json_is_object(o) || !json_object_size(o)) {
		json_decref(o);
		*why = "no JSON object of fields after the '~'";
		return NULL;
	}
	json_object_foreach(o, k, v) {
		if (!json_is_string(v)) {
			json_decref(o);
			*why = "a field's value is not a string";
			return NULL;
		}
	}
	return o;
}

typedef struct match {
	size_t n;           /* objects matched, counted up to 2 */
	size_t idx[2];
	const char *badkey; /* a field this reader does not match by (borrowed) */
} match;

static void match_add(match *m, size_t idx)
{
	size_t i;
	for (i = 0; i < m->n; i++)
		if (m->idx[i] == idx)
			return;
	if (m->n < 2)
		m->idx[m->n++] = idx;
}

static void lookup(match *m, scrape *s, kind k, const char *ref, json_t *pseudo);

/* a name, or one of the other_names, of o */
static int has_name(json_t *o, const char *name)
{
	json_t *a = json_object_get(o, "other_names"), *e;
	size_t i;
	if (strcmp(str_of(o, "name") ? str_of(o, "name") : "", name) == 0)
		return 1;
	json_array_foreach(a, i, e) {
		if (str_of(e, "name") && strcmp(str_of(e, "name"), name) == 0)
			return 1;
	}
	return 0;
}

/* Field `field` ("name", "classification") of the organization `ref`
 * names, or NULL: the organization's own, or (the scrape holds none) the
 * pseudo-id's. */
static const char *org_field(scrape *s, const char *ref, const char *field, json_t **keep)
{
	match m = {0, {0, 0}, NULL};
	json_t *p = NULL;
	const char *why;
	if (!ref || (ref[0] == '~' && !(p = pseudo_parse(ref, &why))))
		return NULL;
	if (!s->n[K_ORGANIZATION]) {
		*keep = p; /* the caller frees it after the comparison */
		return p ? str_of(p, field) : NULL;
	}
	lookup(&m, s, K_ORGANIZATION, ref, p);
	json_decref(p);
	return m.n == 1 && !m.badkey ? str_of(s->objs[K_ORGANIZATION][m.idx[0]].doc, field) : NULL;
}

static int org_field_is(scrape *s, const char *ref, const char *field, const char *val)
{
	json_t *keep = NULL;
	const char *v = org_field(s, ref, field, &keep);
	int same = v && strcmp(v, val) == 0;
	json_decref(keep);
	return same;
}

/* Does object i of kind k have `key` = val?  1, 0, or -1: a field this
 * reader does not match by. */
static int field_match(scrape *s, kind k, size_t i, const char *key, const char *val)
{
	json_t *o = s->objs[k][i].doc;
	const char *v;
	switch (k) {
	case K_ORGANIZATION:
		if (strcmp(key, "name") == 0)
			return has_name(o, val);
		if (strcmp(key, "classification") == 0)
			return (v = str_of(o, "classification")) && strcmp(v, val) == 0;
		return -1;
	case K_PERSON:
		if (strcmp(key, "name") == 0)
			return has_name(o, val) || ((v = str_of(o, "family_name")) && strcmp(v, val) == 0);
		return -1;
	case K_POST:
		if (strcmp(key, "label") == 0 || strcmp(key, "role") == 0)
			return (v = str_of(o, key)) && strcmp(v, val) == 0;
		if (strcmp(key, "organization__classification") == 0)
			return org_field_is(s, str_of(o, "organization_id"), "classification", val);
		if (strcmp(key, "organization__name") == 0)
			return org_field_is(s, str_of(o, "organization_id"), "name", val);
		return -1;
	case K_BILL:
		if (strcmp(key, "identifier") == 0)
			return (v = str_of(o, "identifier")) && strcmp(v, val) == 0;
		if (strcmp(key, "legislative_session__identifier") == 0)
			return (v = str_of(o, "legislative_session")) && strcmp(v, val) == 0;
		if (strcmp(key, "from_organization__classification") == 0)
			return org_field_is(s, str_of(o, "from_organization"), "classification", val);
		if (strcmp(key, "from_organization__name") == 0)
			return org_field_is(s, str_of(o, "from_organization"), "name", val);
		return -1;
	default:
		return -1;
	}
}

/* The objects of kind k that ref (an _id, or a pseudo-id whose fields
 * are `pseudo`) names, into *m. */
static void lookup(match *m, scrape *s, kind k, const char *ref, json_t *pseudo)
{
	size_t i, lo = 0, hi = s->n[k];
	const keyed *index = NULL;
	const char *key;
	json_t *val;

	m->n = 0;
	m->badkey = NULL;
	if (!pseudo) {
		i = lower_bound(s->by_id[k], s->n[k], ref);
		if (i < s->n[k] && strcmp(s->by_id[k][i].key, ref) == 0)
			match_add(m, s->by_id[k][i].idx);
		return;
	}
	json_object_foreach(pseudo, key, val) {
		if (s->n[k] && field_match(s, k, 0, key, json_string_value(val)) < 0) {
			m->badkey = key;
			return;
		}
	}
	/* the candidates: those an index gives, else every object */
	if (k == K_PERSON && json_object_size(pseudo) == 1 && str_of(pseudo, "name")) {
		index = s->persons_by_name;
		lo = lower_bound(index, s->npersons_by_name, str_of(pseudo, "name"));
		for (hi = lo; hi < s->npersons_by_name && strcmp(index[hi].key, str_of(pseudo, "name")) == 0; hi++)
			;
	} else if (k == K_BILL && str_of(pseudo, "identifier")) {
		index = s->bills_by_identifier;
		lo = lower_bound(index, s->nbills_by_identifier, str_of(pseudo, "identifier"));
		for (hi = lo; hi < s->nbills_by_identifier && strcmp(index[hi].key, str_of(pseudo, "identifier")) == 0;
		     hi++)
			;
	}
	for (i = lo; i < hi; i++) {
		size_t idx = index ? index[i].idx : i;
		int all = 1;
		json_object_foreach(pseudo, key, val) {
			if (field_match(s, k, idx, key, json_string_value(val)) != 1) {
				all = 0;
				break;
			}
		}
		if (all)
			match_add(m, idx);
	}
}

/*
 * Resolve `ref`, the value of `field` of the object jf reads, to an
 * object of kind k.  1: *idx is it.  0: the scrape holds no object of
 * kind k, ref is a pseudo-id and the reference need not resolve
 * (!strict); *pseudo holds its fields (the caller json_decref's it).
 * Otherwise the error, recorded in jf.
 */
static int resolve(scrape *s, kind k, const char *ref, int strict, ot_jf *jf, const char *field, size_t *idx,
		   json_t **pseudo)
{
	match m = {0, {0, 0}, NULL};
	json_t *p = NULL;
	const char *why;
	int err;

	*pseudo = NULL;
	if (!*ref)
		return ot_jf_bad(jf, field, "an empty reference; give the _id of the %s or a pupa pseudo-id", kind_names[k]);
	if (ref[0] == '~' && !(p = pseudo_parse(ref, &why)))
		return ot_jf_bad(jf, field,
				 "'%.160s' is not a pupa pseudo-id (%s); a reference is an _id or \"~\" and a JSON object "
				 "of the fields that name the %s",
				 ref, why, kind_names[k]);
	if (p && !strict && !s->n[k]) {
		*pseudo = p;
		return 0;
	}
	lookup(&m, s, k, ref, p);
	if (m.badkey)
		err = ot_jf_bad(jf, field, "'%.160s': ordtrack finds a %s by %s, not by '%s'", ref, kind_names[k],
				kind_fields[k], m.badkey);
	else if (m.n == 0)
		err = ot_jf_bad(jf, field, "'%.160s' is no %s of the scrape; add its %s_*.json file or correct the reference",
				ref, kind_names[k], kind_names[k]);
	else if (m.n > 1)
		err = ot_jf_bad(jf, field, "'%.160s' could be either %s of %s or that of %s; give the %s's _id", ref,
				kind_names[k], base_name(s->objs[k][m.idx[0]].file),
				base_name(s->objs[k][m.idx[1]].file), kind_names[k]);
	else {
		*idx = m.idx[0];
		err = 1;
	}
	json_decref(p);
	return err;
}

/* A reference pupa lets go unmatched (a sponsor's person_id, a voter_id):
 * 1 with *idx when it names one object of kind k, 0 when a pseudo-id
 * names none or several; an error for an _id that names nothing or a
 * malformed pseudo-id. */
static int resolve_soft(scrape *s, kind k, const char *ref, ot_jf *jf, const char *field, size_t *idx)
{
	match m = {0, {0, 0}, NULL};
	json_t *p;
	const char *why;
	if (ref[0] != '~') {
		json_t *none;
		return resolve(s, k, ref, 1, jf, field, idx, &none);
	}
	if (!(p = pseudo_parse(ref, &why)))
		return ot_jf_bad(jf, field, "'%.160s' is not a pupa pseudo-id (%s)", ref, why);
	lookup(&m, s, k, ref, p);
	if (m.badkey) {
		int err = ot_jf_bad(jf, field, "'%.160s': ordtrack finds a %s by %s, not by '%s'", ref, kind_names[k],
				    kind_fields[k], m.badkey);
		json_decref(p); /* m.badkey is one of its keys */
		return err;
	}
	json_decref(p);
	if (m.n != 1)
		return 0;
	*idx = m.idx[0];
	return 1;
}

/* The name of the organization `ref` names (NULL when the scrape holds
 * no organization and the pseudo-id gives no name); an error in jf when
 * it names none of the scrape's or several. */
static char *org_name(scrape *s, const char *ref, ot_jf *jf, const char *field)
{
	json_t *p = NULL;
	size_t oi;
	char *name = NULL;
	int r = resolve(s, K_ORGANIZATION, ref, 0, jf, field, &oi, &p);
	if (r == 1)
		name = ot_strdup(str_of(s->objs[K_ORGANIZATION][oi].doc, "name"));
	else if (r == 0 && str_of(p, "name")) {
		name = ot_strdup(str_of(p, "name"));
		if (!*name || ot_text_check("organization name", name, 0) < 0) {
			ot_jf_bad(jf, field, "the name in '%.160s' is empty or not one line of text", ref);
			free(name);
			name = NULL;
		}
	}
	json_decref(p);
	return name;
}

/* ---- small field readers -------------------------------------------------- */

/* A string field that is text of one line (allow_long: a long text). */
static const char *text_field(ot_jf *jf, json_t *o, const char *key, int optional, int allow_long)
{
	const char *s = ot_jf_str(jf, o, key, optional);
	if (!s)
		return NULL;
	if (!*s && !optional) {
		ot_jf_bad(jf, key, "empty");
		return NULL;
	}
	if ((allow_long ? ot_text_check_long(key, s) : ot_text_check(key, s, 0)) < 0) {
		ot_jf_bad(jf, key, "%s", ot_error_last());
		return NULL;
	}
	return s;
}

/* A term's date: "" or absent is none; a year or a month alone (pupa
 * allows them) is no date to the day. */
static char *term_date(ot_jf *jf, json_t *o, const char *key)
{
	const char *s = ot_jf_str(jf, o, key, 1);
	if (!s || !*s)
		return NULL;
	if (strlen(s) < 10) {
		ot_jf_bad(jf, key, "'%.40s' is not a date to the day (YYYY-MM-DD); ordtrack keeps terms by the day", s);
		return NULL;
	}
	return ot_jf_date(jf, o, key, 1);
}

/* the element i of array a as a string (`name` labels it) */
static const char *array_str(ot_jf *jf, json_t *a, size_t i, const char *name)
{
	char field[64];
	json_t *e = json_array_get(a, i);
	if (!json_is_string(e)) {
		snprintf(field, sizeof(field), "%s[%zu]", name, i);
		ot_jf_bad(jf, field, "not a string");
		return NULL;
	}
	return json_string_value(e);
}

static int is_url(const char *u)
{
	return strncmp(u, "http://", 7) == 0 || strncmp(u, "https://", 8) == 0 || strncmp(u, "ftp://", 6) == 0;
}

static void add_link(ot_record *r, ot_link_kind kind, const char *url, const char *note)
{
	ot_link *l = OT_ARRAY_PUSH(r->links, r->nlinks, r->lcap);
	l->kind = kind;
	l->url = ot_strdup(url);
	l->note = note && *note ? ot_strdup(note) : NULL;
}

/* One link object {"url", "note"} or {"url", "media_type", "text"}. */
static void read_link(ot_jf *jf, json_t *e, ot_record *r, ot_link_kind kind, const char *note)
{
	const char *url = text_field(jf, e, "url", 0, 0);
	if (!url)
		return;
	if (!is_url(url)) {
		ot_jf_bad(jf, "url", "'%.80s' is not an http, https or ftp URL", url);
		return;
	}
	add_link(r, kind, url, note);
}

/* ---- members ---------------------------------------------------------------- */

/* A ward number from a post's label: "Ward 12", "12th Ward", "12",
 * "District 3"; 0 when the label holds none. */
static int ward_parse(const char *label)
{
	const char *p = label;
	char *end;
	long w;
	int prefixed = 0;
	while (*p == ' ')
		p++;
	if (strncasecmp(p, "ward", 4) == 0 || strncasecmp(p, "district", 8) == 0) {
		p += tolower((unsigned char)*p) == 'w' ? 4 : 8;
		while (*p == ' ')
			p++;
		prefixed = 1;
	}
	if (*p < '0' || *p > '9')
		return 0;
	w = strtol(p, &end, 10);
	if (!prefixed) {
		if (strncasecmp(end, "st", 2) == 0 || strncasecmp(end, "nd", 2) == 0 ||
		    strncasecmp(end, "rd", 2) == 0 || strncasecmp(end, "th", 2) == 0)
			end += 2;
		while (*end == ' ')
			end++;
		if (strncasecmp(end, "ward", 4) == 0)
			end += 4;
	}
	while (*end == ' ')
		end++;
	return !*end && w > 0 && w <= 1000 ? (int)w : 0;
}

static int has_alias(const ot_member *m, const char *name)
{
	size_t i;
	if (strcmp(m->name, name) == 0)
		return 1;
	for (i = 0; i < m->naliases; i++)
		if (strcmp(m->aliases[i], name) == 0)
			return 1;
	return 0;
}

static void add_alias(ot_member *m, const char *name)
{
	if (!has_alias(m, name))
		*OT_ARRAY_PUSH(m->aliases, m->naliases, m->alcap) = ot_strdup(name);
}

/* What a membership is, from its organization's classification and role. */
typedef enum { M_COUNCIL, M_MAYOR, M_OTHER_EXECUTIVE, M_COMMITTEE, M_PARTY } mkind;

typedef struct reading {
	ot_import_set *out;
	scrape *s;
	size_t *member_person; /* out->members[i] is the person objs[K_PERSON][member_person[i]], or NONE */
	size_t nmp, mpcap;
	size_t nskipped_kind[M_PARTY + 1];
	const char *first_skipped[M_PARTY + 1];
	char *used_person;     /* n[K_PERSON]: named by a membership imported */
} reading;

static int read_membership(reading *rd, size_t mi)
{
	scrape *s = rd->s;
	obj *o = &s->objs[K_MEMBERSHIP][mi];
	ot_jf jf = {o->file, "", 0};
	const char *person_id, *org_id, *post_id, *role, *label, *pname, *cls = NULL, *name = NULL, *post_label = NULL;
	json_t *org_pseudo = NULL, *post_pseudo = NULL, *person_pseudo = NULL, *person = NULL;
	char *from = NULL, *to = NULL;
	size_t oi, pi = NONE, qi, j;
	ot_import_member *im;
	mkind mk;
	int r;

	person_id = ot_jf_str(&jf, o->doc, "person_id", 1);
	org_id = ot_jf_str(&jf, o->doc, "organization_id", 0);
	post_id = ot_jf_str(&jf, o->doc, "post_id", 1);
	role = ot_jf_str(&jf, o->doc, "role", 1);
	label = ot_jf_str(&jf, o->doc, "label", 1);
	pname = ot_jf_str(&jf, o->doc, "person_name", 1);
	from = term_date(&jf, o->doc, "start_date");
	to = term_date(&jf, o->doc, "end_date");
	if (ot_jf_failed(&jf))
		goto done;
	if (from && to && strcmp(from, to) > 0) {
		ot_jf_bad(&jf, "end_date", "%s is before the start_date %s", to, from);
		goto done;
	}
	/* a party's membership: pupa does not tie parties to a jurisdiction */
	if (org_id[0] == '~') {
		const char *why;
		json_t *p = pseudo_parse(org_id, &why);
		int party = p && str_of(p, "classification") && strcmp(str_of(p, "classification"), "party") == 0;
		json_decref(p);
		if (party) {
			mk = M_PARTY;
			goto skipped;
		}
	}
	r = resolve(s, K_ORGANIZATION, org_id, 0, &jf, "organization_id", &oi, &org_pseudo);
	if (r < 0)
		goto done;
	cls = r == 1 ? str_of(s->objs[K_ORGANIZATION][oi].doc, "classification") : str_of(org_pseudo, "classification");
	if (role && strcasecmp(role, "Mayor") == 0)
		mk = M_MAYOR;
	else if (cls && strcmp(cls, "legislature") == 0)
		mk = M_COUNCIL;
	else if (cls && strcmp(cls, "executive") == 0)
		mk = !role || !*role || strcasecmp(role, "member") == 0 ? M_MAYOR : M_OTHER_EXECUTIVE;
	else if (cls && strcmp(cls, "party") == 0)
		mk = M_PARTY;
	else
		mk = M_COMMITTEE;
	if (mk != M_COUNCIL && mk != M_MAYOR)
		goto skipped;

	/* the person */
	if (person_id && *person_id) {
		/* pupa lets a pseudo-id go unmatched here (allow_no_match):
		 * the person_name, or the pseudo-id's name, stands */
		const char *why;
		r = resolve_soft(s, K_PERSON, person_id, &jf, "person_id", &pi);
		if (r < 0)
			goto done;
		if (r == 1)
			person = s->objs[K_PERSON][pi].doc;
		else
			pi = NONE;
		if (!person && !(pname && *pname) && person_id[0] == '~')
			person_pseudo = pseudo_parse(person_id, &why);
		name = person ? str_of(person, "name") : pname && *pname ? pname : str_of(person_pseudo, "name");
	} else {
		name = pname && *pname ? pname : NULL;
	}
	if (!name) {
		ot_jf_bad(&jf, "person_id", "names no person (and no person_name is given)");
		goto done;
	}
	if (!person && (!*name || ot_text_check("person_name", name, 0) < 0)) {
		ot_jf_bad(&jf, "person_name", "'%.60s' is empty or not one line of text", name);
		goto done;
	}

	/* the ward: the post's label, else the membership's own */
	if (mk == M_COUNCIL && post_id) {
		r = resolve(s, K_POST, post_id, 0, &jf, "post_id", &qi, &post_pseudo);
		if (r < 0)
			goto done;
		post_label = r == 1 ? str_of(s->objs[K_POST][qi].doc, "label") : str_of(post_pseudo, "label");
	}
	if (mk == M_COUNCIL && !post_label && label && *label)
		post_label = label;

	im = OT_ARRAY_PUSH(rd->out->members, rd->out->nmembers, rd->out->mcap);
	memset(im, 0, sizeof(*im));
	im->m.name = ot_strdup(name);
	im->m.from = from;
	im->m.to = to;
	from = to = NULL;
	im->file = ot_strdup(o->file);
	if (mk == M_COUNCIL) {
		im->m.ward = post_label ? ward_parse(post_label) : 0;
		if (!post_label)
			ot_import_set_skip(rd->out, "%s: %s: no post names the ward; imported without a ward", o->file, name);
		else if (!im->m.ward)
			ot_import_set_skip(rd->out, "%s: %s: the post '%.60s' is no ward number; imported without a ward", o->file, name,
			     post_label);
	}
	for (j = 0; person && j < json_array_size(json_object_get(person, "other_names")); j++)
		add_alias(&im->m, str_of(json_array_get(json_object_get(person, "other_names"), j), "name"));
	*OT_ARRAY_PUSH(rd->member_person, rd->nmp, rd->mpcap) = pi;
	if (pi != NONE)
		rd->used_person[pi] = 1;
	goto done;

skipped:
	if (!rd->nskipped_kind[mk]++)
		rd->first_skipped[mk] = o->file;
done:
	free(from);
	free(to);
	json_decref(org_pseudo);
	json_decref(post_pseudo);
	json_decref(person_pseudo);
	return ot_jf_finish(&jf);
}

static int read_members(reading *rd)
{
	scrape *s = rd->s;
	static const char *const why[M_PARTY + 1] = {
		NULL, NULL,
		"of executive offices other than the mayor's: not imported; ordtrack keeps the council's members and the mayor",
		"of committees and other bodies: not imported; ordtrack keeps the council's members, not committee rosters",
		"of parties: not imported"};
	size_t i, n = 0, first = NONE;
	int err, k;
	for (i = 0; i < s->n[K_MEMBERSHIP]; i++)
		if ((err = read_membership(rd, i)) < 0)
			return err;
	for (k = M_OTHER_EXECUTIVE; k <= M_PARTY; k++)
		if (rd->nskipped_kind[k])
			ot_import_set_skip(rd->out, "%s: %zu membership%s %s (the first: %s)", s->label, rd->nskipped_kind[k],
			     rd->nskipped_kind[k] == 1 ? "" : "s", why[k], base_name(rd->first_skipped[k]));
	for (i = 0; i < s->n[K_PERSON]; i++)
		if (!rd->used_person[i] && !n++)
			first = i;
	if (n)
		ot_import_set_skip(rd->out, "%s: %zu person%s without a membership of the council or the mayor's office (the first: %s, "
			      "%s): not imported as members",
		     s->label, n, n == 1 ? "" : "s", str_of(s->objs[K_PERSON][first].doc, "name"),
		     base_name(s->objs[K_PERSON][first].file));
	return 0;
}

/* ---- bills ------------------------------------------------------------------ */

/* Append s to an id: blanks collapsed to one space, at most 120 bytes
 * (cut where a UTF-8 character starts). */
static void id_text(ot_buf *b, const char *s)
{
	size_t start = b->len;
	int space = 0;
	for (; *s && b->len - start < 120; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = b->len > start;
			continue;
		}
		if (space)
			ot_buf_putc(b, ' ');
		space = 0;
		ot_buf_putc(b, *s);
	}
	if (((unsigned char)*s & 0xC0) == 0x80) {
		/* a character cut in two: drop the part taken */
		size_t len = b->len;
		while (len > start && ((unsigned char)b->ptr[len - 1] & 0xC0) == 0x80)
			len--;
		ot_buf_truncate(b, len > start ? len - 1 : start);
	}
}

/* The stable key of bill o: its own OCD id when the file gives one, else
 * pupa's identity of a bill (session and identifier). */
static char *bill_key(json_t *o, const char *id)
{
	ot_buf b = OT_BUF_INIT;
	const char *own = str_of(o, "id");
	if (strncmp(id, "ocd-bill/", 9) == 0)
		return ot_strdup(id);
	if (own && strncmp(own, "ocd-bill/", 9) == 0 && strlen(own) <= ID_MAX && ot_text_check("id", own, 0) == 0)
		return ot_strdup(own);
	ot_buf_printf(&b, "ocd:bill/%s/%s", str_of(o, "legislative_session"), str_of(o, "identifier"));
	return ot_buf_detach(&b);
}

typedef struct act {
	ot_action a;
	size_t pos; /* in the file */
} act;

static int act_cmp(const void *x, const void *y)
{
	const act *a = x, *b = y;
	int c = strcmp(a->a.date, b->a.date);
	return c ? c : (a->pos > b->pos) - (a->pos < b->pos);
}

static void act_release(act *acts, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		free(acts[i].a.date);
		free(acts[i].a.body);
		free(acts[i].a.text);
		free(acts[i].a.source);
	}
	free(acts);
}

static int read_actions(ot_jf *jf, scrape *s, json_t *doc, ot_import_record *ir, const char *key,
			ot_import_set *out)
{
	json_t *arr = ot_jf_array(jf, doc, "actions", 0), *e;
	act *acts = NULL;
	char **stems;
	size_t i, j, n = 0, cap = 0;

	json_array_foreach(arr, i, e) {
		json_t *cl;
		const char *desc, *org;
		char *date;
		act *x;
		int t = -1;
		ot_jf_at(jf, "actions[%zu]", i);
		if (!json_is_object(e)) {
			ot_jf_bad(jf, NULL, "not an object");
			break;
		}
		desc = text_field(jf, e, "description", 0, 1);
		date = ot_jf_date(jf, e, "date", 0);
		org = ot_jf_str(jf, e, "organization_id", 1);
		cl = ot_jf_array(jf, e, "classification", 1);
		x = OT_ARRAY_PUSH(acts, n, cap);
		memset(x, 0, sizeof(*x));
		x->pos = i;
		x->a.date = date;
		if (ot_jf_failed(jf))
			break;
		x->a.text = ot_strdup(desc);
		if (org && !(x->a.body = org_name(s, org, jf, "organization_id")) && ot_jf_failed(jf))
			break;
		if (json_array_size(cl)) {
			const char *c0 = array_str(jf, cl, 0, "classification");
			if (!c0)
				break;
			if ((t = ot_action_type_parse(c0)) < 0) {
				ot_jf_bad(jf, "classification[0]",
					  "unknown classification '%.60s'; Open Civic Data's bill action classifications are "
					  "'introduction', 'referral-committee', 'passage' ... (docs/record-import.md, 'Action "
					  "names')",
					  c0);
				break;
			}
			for (j = 1; j < json_array_size(cl); j++)
				if (!array_str(jf, cl, j, "classification"))
					break;
			if (ot_jf_failed(jf))
				break;
			if (json_array_size(cl) > 1) {
				ot_buf rest = OT_BUF_INIT;
				for (j = 1; j < json_array_size(cl); j++)
					ot_buf_printf(&rest, "%s'%.60s'", j > 1 ? ", " : "", json_string_value(json_array_get(cl, j)));
				ot_import_set_skip(out, "%s: actions[%zu].classification: '%s' kept, %s not (ordtrack keeps one type per action)",
				     jf->file, i, ot_action_type_names[t], rest.ptr);
				ot_buf_release(&rest);
			}
		} else {
			/* no classification: the description, when it is a name
			 * ordtrack knows ("Add Co-Sponsor(s)") */
			t = ot_source_action_parse(desc);
			if (t < 0)
				t = OT_ACTION_UNCLASSIFIED;
		}
		x->a.type = (ot_action_type)t;
	}
	ot_jf_at(jf, "%s", "");
	if (ot_jf_failed(jf)) {
		act_release(acts, n);
		return ot_jf_finish(jf);
	}
	if (!n) {
		act_release(acts, n);
		return ot_jf_bad(jf, "actions", "none; ordtrack needs at least the introduction (its date is the record's)");
	}
	/* source ids: "KEY/action/DATE/DESCRIPTION/N", N counting the
	 * actions of one date and description in the file's order, which a
	 * newer scrape keeps */
	stems = ot_calloc(n, sizeof(char *));
	for (i = 0; i < n; i++) {
		ot_buf b = OT_BUF_INIT;
		ot_buf_printf(&b, "%s/action/%s/", key, acts[i].a.date);
		id_text(&b, acts[i].a.text);
		stems[i] = ot_buf_detach(&b);
	}
	for (i = 0; i < n; i++) {
		ot_buf b = OT_BUF_INIT;
		size_t ord = 1;
		for (j = 0; j < i; j++)
			ord += strcmp(stems[j], stems[i]) == 0;
		ot_buf_printf(&b, "%s/%zu", stems[i], ord);
		acts[i].a.source = ot_buf_detach(&b);
	}
	for (i = 0; i < n; i++)
		free(stems[i]);
	free(stems);
	qsort(acts, n, sizeof(act), act_cmp);
	for (i = 0; i < n; i++)
		*OT_ARRAY_PUSH(ir->r.actions, ir->r.nactions, ir->r.acap) = acts[i].a;
	free(acts);
	return 0;
}

/* introduced, status and closed from the actions (in date order) */
static void derive_dates(ot_record *r)
{
	size_t i;
	const char *intro = NULL;
	for (i = 0; i < r->nactions; i++) {
		const ot_action *a = &r->actions[i];
		int st = -1;
		if (a->type == OT_ACTION_INTRODUCTION && !intro)
			intro = a->date;
		if (a->type == OT_ACTION_PASSAGE)
			st = OT_STATUS_PASSED;
		else if (a->type == OT_ACTION_FAILURE)
			st = OT_STATUS_FAILED;
		else if (a->type == OT_ACTION_WITHDRAWAL)
			st = OT_STATUS_WITHDRAWN;
		else if (a->type == OT_ACTION_FILING && i > 0)
			st = OT_STATUS_FILED; /* "Placed on File"; a filing that opens the record is its introduction */
		if (st >= 0) {
			r->status = (ot_status)st;
			free(r->closed);
			r->closed = ot_strdup(a->date);
		}
	}
	r->introduced = ot_strdup(intro ? intro : r->actions[0].date);
}

static void read_sponsors(ot_jf *jf, scrape *s, json_t *doc, ot_import_record *ir, ot_import_set *out)
{
	json_t *arr = ot_jf_array(jf, doc, "sponsorships", 1), *e;
	char **primary = NULL, **rest = NULL;
	size_t i, j, np = 0, nr = 0, pcap = 0, rcap = 0;
	int pass;

	json_array_foreach(arr, i, e) {
		const char *name, *etype, *ref;
		int prim;
		size_t idx;
		ot_jf_at(jf, "sponsorships[%zu]", i);
		if (!json_is_object(e)) {
			ot_jf_bad(jf, NULL, "not an object");
			break;
		}
		name = text_field(jf, e, "name", 0, 0);
		prim = ot_jf_bool(jf, e, "primary", 1);
		etype = ot_jf_str(jf, e, "entity_type", 1);
		ot_jf_str(jf, e, "classification", 1);
		if (etype && *etype && strcmp(etype, "person") != 0 && strcmp(etype, "organization") != 0)
			ot_jf_bad(jf, "entity_type", "'%.40s' is not person or organization", etype);
		/* pupa resolves these with allow_no_match: only an _id must name something */
		if ((ref = ot_jf_str(jf, e, "person_id", 1)) && *ref)
			resolve_soft(s, K_PERSON, ref, jf, "person_id", &idx);
		if ((ref = ot_jf_str(jf, e, "organization_id", 1)) && *ref)
			resolve_soft(s, K_ORGANIZATION, ref, jf, "organization_id", &idx);
		if (ot_jf_failed(jf))
			break;
		if (prim == 1)
			*OT_ARRAY_PUSH(primary, np, pcap) = (char *)name;
		else
			*OT_ARRAY_PUSH(rest, nr, rcap) = (char *)name;
	}
	ot_jf_at(jf, "%s", "");
	/* primary sponsors first, then the rest, each in the file's order */
	for (pass = 0; pass < 2 && !ot_jf_failed(jf); pass++) {
		char **names = pass ? rest : primary;
		size_t nn = pass ? nr : np;
		for (i = 0; i < nn; i++) {
			for (j = 0; j < ir->r.nsponsors && strcmp(ir->r.sponsors[j], names[i]) != 0; j++)
				;
			if (j < ir->r.nsponsors)
				ot_import_set_skip(out, "%s: sponsorships: %s is named twice; kept once", jf->file, names[i]);
			else
				*OT_ARRAY_PUSH(ir->r.sponsors, ir->r.nsponsors, ir->r.scap) = ot_strdup(names[i]);
		}
	}
	free(primary);
	free(rest);
}

static void read_links(ot_jf *jf, json_t *doc, ot_record *r)
{
	static const char *const lists[] = {"versions", "documents"};
	json_t *arr = ot_jf_array(jf, doc, "sources", 1), *e, *l;
	size_t i, j, li;

	json_array_foreach(arr, i, e) {
		const char *note;
		ot_jf_at(jf, "sources[%zu]", i);
		note = text_field(jf, e, "note", 1, 0);
		read_link(jf, e, r, OT_LINK_SOURCE, note);
		if (ot_jf_failed(jf))
			return;
	}
	for (li = 0; li < 2; li++) {
		ot_jf_at(jf, "%s", "");
		arr = ot_jf_array(jf, doc, lists[li], 1);
		json_array_foreach(arr, i, e) {
			const char *note;
			json_t *links;
			ot_jf_at(jf, "%s[%zu]", lists[li], i);
			note = text_field(jf, e, "note", 1, 0);
			ot_jf_str(jf, e, "date", 1);
			links = ot_jf_array(jf, e, "links", 1);
			json_array_foreach(links, j, l) {
				ot_jf_at(jf, "%s[%zu].links[%zu]", lists[li], i, j);
				ot_jf_str(jf, l, "media_type", 1);
				read_link(jf, l, r, li ? OT_LINK_DOCUMENT : OT_LINK_VERSION, note);
			}
			if (ot_jf_failed(jf))
				return;
		}
	}
	ot_jf_at(jf, "%s", "");
}

/* What a bill holds that a record does not: said once per bill. */
static void note_unread(ot_jf *jf, json_t *doc, const char *id, ot_import_set *out)
{
	static const char *const lists[] = {"subject", "abstracts", "other_titles", "other_identifiers",
					    "related_bills"};
	ot_buf b = OT_BUF_INIT;
	json_t *extras = ot_jf_object(jf, doc, "extras", 1), *v;
	const char *k;
	size_t i;
	for (i = 0; i < OT_ARRAY_LEN(lists); i++) {
		json_t *a = ot_jf_array(jf, doc, lists[i], 1);
		if (json_array_size(a))
			ot_buf_printf(&b, "%s%s (%zu)", b.len ? ", " : "", lists[i], json_array_size(a));
	}
	json_object_foreach(extras, k, v) {
		(void)v;
		ot_buf_printf(&b, "%sextras.%.40s", b.len ? ", " : "", k);
	}
	if (b.len && !ot_jf_failed(jf))
		ot_import_set_skip(out, "%s: %s: %s not imported (an ordtrack record has no such fields)", jf->file, id, b.ptr);
	ot_buf_release(&b);
}

/* Bill bi of the scrape as record *ir.  The record id is the identifier
 * by ot_source_record_id; *spaced counts the identifiers written with
 * blanks, *first (borrowed from the bill) the first of them. */
static int read_bill(ot_import_record *ir, scrape *s, size_t bi, ot_import_set *out, size_t *spaced,
		     const char **first)
{
	obj *o = &s->objs[K_BILL][bi];
	ot_jf jf = {o->file, "", 0};
	const char *ident, *title, *session, *from;
	json_t *cl;
	char *key = NULL, *id = NULL;
	size_t i;
	int t = OT_RECORD_ORDINANCE, mapped = 0;

	memset(ir, 0, sizeof(*ir));
	ir->file = ot_strdup(o->file);
	ident = ot_jf_str(&jf, o->doc, "identifier", 0);
	if (ident && (mapped = ot_source_record_id(&id, ident)) < 0)
		ot_jf_bad(&jf, "identifier", "%s (docs/record-import.md, 'Record ids')", ot_error_last());
	else if (ident && !id)
		ot_jf_bad(&jf, "identifier", "empty; a bill has its identifier (O2021-117)");
	/* the record owns the id from here, so that every return frees it */
	ir->r.id = id;
	title = text_field(&jf, o->doc, "title", 0, 1);
	session = text_field(&jf, o->doc, "legislative_session", 0, 0);
	from = ot_jf_str(&jf, o->doc, "from_organization", 1);
	cl = ot_jf_array(&jf, o->doc, "classification", 1);
	if (ot_jf_failed(&jf))
		return ot_jf_finish(&jf);
	if (s->nsessions) {
		for (i = 0; i < s->nsessions && strcmp(s->sessions[i], session) != 0; i++)
			;
		if (i == s->nsessions)
			return ot_jf_bad(&jf, "legislative_session",
					 "'%.40s' is none of the legislative_sessions of %s; correct the bill or the jurisdiction",
					 session, base_name(s->sessions_file));
	}
	if (from) {
		size_t oi;
		json_t *p = NULL;
		if (resolve(s, K_ORGANIZATION, from, 0, &jf, "from_organization", &oi, &p) < 0)
			return ot_jf_finish(&jf);
		json_decref(p);
	}
	if (json_array_size(cl)) {
		const char *c0 = array_str(&jf, cl, 0, "classification");
		for (i = 1; i < json_array_size(cl); i++)
			array_str(&jf, cl, i, "classification");
		if (ot_jf_failed(&jf))
			return ot_jf_finish(&jf);
		if ((t = ot_source_record_type_parse(c0)) < 0)
			return ot_jf_bad(&jf, "classification[0]",
					 "unknown classification '%.60s'; ordtrack's record types are ordinance, resolution, "
					 "order, appointment, claim, communication, report (docs/record-import.md, 'Matter types')",
					 c0);
		if (json_array_size(cl) > 1)
			ot_import_set_skip(out, "%s: classification: '%s' kept as the type, the rest not (a record has one type)", o->file,
			     c0);
	}
	if (mapped > 0 && !(*spaced)++)
		*first = ident;
	ir->r.title = ot_strdup(title);
	ir->r.type = (ot_record_type)t;
	ir->r.status = OT_STATUS_PENDING;
	key = bill_key(o->doc, o->id);
	ir->r.source = ot_strdup(key);
	if (read_actions(&jf, s, o->doc, ir, key, out) == 0) {
		derive_dates(&ir->r);
		read_sponsors(&jf, s, o->doc, ir, out);
	}
	if (!ot_jf_failed(&jf))
		read_links(&jf, o->doc, &ir->r);
	if (!ot_jf_failed(&jf))
		note_unread(&jf, o->doc, ident, out);
	free(key);
	if (ot_jf_failed(&jf))
		return ot_jf_finish(&jf);
	{
		ot_record_version *v = OT_ARRAY_PUSH(ir->r.versions, ir->r.nversions, ir->r.vcap);
		v->number = 1;
		v->date = ot_strdup(ir->r.introduced);
		v->stage = OT_STAGE_INTRODUCED;
	}
	return 0;
}

/* ---- vote events ------------------------------------------------------------ */

typedef struct vread {
	size_t rec;        /* the record (bill) it is on */
	ot_vote v;
	char *file;
	const char *when;  /* start_date as written, for the order of one day's votes (borrowed) */
	const char *ident; /* its identifier, or NULL (borrowed) */
	const char *action;/* bill_action, or NULL (borrowed) */
	const char *id;    /* its _id (borrowed) */
	char *stem;        /* its source id without the ordinal, or NULL */
} vread;

static int vread_cmp(const void *x, const void *y)
{
	const vread *a = x, *b = y;
	int c;
	if (a->rec != b->rec)
		return a->rec < b->rec ? -1 : 1;
	if ((c = strcmp(a->v.date, b->v.date)) != 0 || (c = strcmp(a->when, b->when)) != 0)
		return c;
	return strcmp(a->file, b->file);
}

static void vote_release(ot_vote *v)
{
	size_t i;
	free(v->date);
	free(v->motion);
	free(v->forced);
	free(v->source);
	for (i = 0; i < v->nroll; i++)
		free(v->roll[i].name);
	free(v->roll);
	memset(v, 0, sizeof(*v));
}

/* An OCD vote option, or an error in jf. */
static int vote_option(ot_jf *jf, const char *field, const char *opt)
{
	int o;
	if (strcmp(opt, "paired") == 0 || strcmp(opt, "other") == 0)
		return ot_jf_bad(jf, field,
				 "'%s' has no ordtrack equivalent; record it as yes, no, abstain, absent, excused or not voting",
				 opt);
	if ((o = ot_vote_option_parse(opt)) < 0)
		return ot_jf_bad(jf, field,
				 "unknown option '%.40s'; Open Civic Data's are yes, no, abstain, absent, excused, not voting "
				 "(docs/record-import.md, 'Vote words')",
				 opt);
	return o;
}

/* The roll and counts of vote event doc into v. */
static void read_roll(ot_jf *jf, reading *rd, json_t *doc, ot_vote *v)
{
	scrape *s = rd->s;
	json_t *votes = ot_jf_array(jf, doc, "votes", 0), *counts = ot_jf_array(jf, doc, "counts", 1), *e;
	size_t i, j, given[OT_VOTE_NOPTIONS] = {0};
	int seen[OT_VOTE_NOPTIONS] = {0};

	json_array_foreach(votes, i, e) {
		const char *opt, *name, *vid;
		int o;
		ot_jf_at(jf, "votes[%zu]", i);
		if (!json_is_object(e)) {
			ot_jf_bad(jf, NULL, "not an object");
			return;
		}
		opt = ot_jf_str(jf, e, "option", 0);
		name = text_field(jf, e, "voter_name", 0, 0);
		vid = ot_jf_str(jf, e, "voter_id", 1);
		ot_jf_str(jf, e, "note", 1);
		if (ot_jf_failed(jf) || (o = vote_option(jf, "option", opt)) < 0)
			return;
		if (vid && *vid) {
			size_t pi;
			int r = resolve_soft(s, K_PERSON, vid, jf, "voter_id", &pi);
			if (r < 0)
				return;
			/* the voter is that person: the name as the roll writes it
			 * is one of theirs */
			for (j = 0; r == 1 && j < rd->out->nmembers; j++)
				if (rd->member_person[j] == pi)
					add_alias(&rd->out->members[j].m, name);
		}
		*OT_ARRAY_PUSH(v->roll, v->nroll, v->cap) = (ot_roll_entry){ot_strdup(name), (ot_vote_option)o};
		v->counts[o]++;
	}
	/* "counts": [] (pupa's default when a scraper set none): the roll's */
	json_array_foreach(counts, i, e) {
		const char *opt;
		long long value = -1;
		int o;
		ot_jf_at(jf, "counts[%zu]", i);
		if (!json_is_object(e)) {
			ot_jf_bad(jf, NULL, "not an object");
			return;
		}
		opt = ot_jf_str(jf, e, "option", 0);
		if (!json_is_integer(json_object_get(e, "value")))
			ot_jf_bad(jf, "value", "missing or not a whole number");
		else if ((value = json_integer_value(json_object_get(e, "value"))) < 0 || value > 100000)
			ot_jf_bad(jf, "value", "%lld is not a count from 0 to 100000", value);
		if (ot_jf_failed(jf))
			return;
		if ((strcmp(opt, "paired") == 0 || strcmp(opt, "other") == 0) && value == 0)
			continue;
		if ((o = vote_option(jf, "option", opt)) < 0)
			return;
		if (seen[o]++) {
			ot_jf_bad(jf, "option", "the count of '%s' is given twice", opt);
			return;
		}
		given[o] = (size_t)value;
	}
	ot_jf_at(jf, "%s", "");
	if (json_array_size(counts))
		for (i = 0; i < OT_VOTE_NOPTIONS; i++)
			if (given[i] != v->counts[i]) {
				ot_jf_bad(jf, "counts", "%zu %s, but the votes list %zu; correct the counts or the votes", given[i],
					  ot_vote_option_label((ot_vote_option)i), v->counts[i]);
				return;
			}
}

static int read_vote_event(reading *rd, size_t vi, vread **reads, size_t *nreads, size_t *rcap)
{
	scrape *s = rd->s;
	obj *o = &s->objs[K_VOTE_EVENT][vi];
	ot_jf jf = {o->file, "", 0};
	const char *ident, *motion, *result, *org, *bill, *when;
	json_t *p = NULL;
	ot_vote v;
	size_t bi, oi;
	int res = -1, r;

	memset(&v, 0, sizeof(v));
	ident = text_field(&jf, o->doc, "identifier", 1, 0);
	motion = text_field(&jf, o->doc, "motion_text", 0, 1);
	when = ot_jf_str(&jf, o->doc, "start_date", 0);
	v.date = ot_jf_date(&jf, o->doc, "start_date", 0);
	result = ot_jf_str(&jf, o->doc, "result", 0);
	org = ot_jf_str(&jf, o->doc, "organization", 1);
	ot_jf_str(&jf, o->doc, "legislative_session", 1);
	bill = ot_jf_str(&jf, o->doc, "bill", 1);
	text_field(&jf, o->doc, "bill_action", 1, 1);
	ot_jf_array(&jf, o->doc, "motion_classification", 1);
	if (result && (res = ot_vote_result_parse(result)) < 0)
		ot_jf_bad(&jf, "result", "'%.40s' is not pass or fail", result);
	if (ot_jf_failed(&jf))
		goto fail;
	if (org && resolve(s, K_ORGANIZATION, org, 0, &jf, "organization", &oi, &p) < 0)
		goto fail;
	json_decref(p);
	p = NULL;
	if (!bill) {
		ot_import_set_skip(rd->out, "%s: a vote on no bill (%.60s): not imported; ordtrack keeps the votes on records", o->file,
		     motion);
		vote_release(&v);
		return 0;
	}
	if ((r = resolve(s, K_BILL, bill, 1, &jf, "bill", &bi, &p)) < 0)
		goto fail;
	read_roll(&jf, rd, o->doc, &v);
	if (ot_jf_failed(&jf))
		goto fail;
	if (!v.nroll) {
		ot_import_set_skip(rd->out, "%s: %s, %s: no roll call (a voice vote?): not imported; ordtrack records roll calls",
		     o->file, rd->out->records[bi].r.id, v.date);
		vote_release(&v);
		return 0;
	}
	v.motion = ot_strdup(motion);
	v.result = (ot_vote_result)res;
	v.threshold = OT_THRESHOLD_NONE;
	{
		vread *x = OT_ARRAY_PUSH(*reads, *nreads, *rcap);
		x->rec = bi;
		x->v = v;
		x->file = o->file;
		x->when = when;
		x->ident = ident && *ident ? ident : NULL;
		x->action = str_of(o->doc, "bill_action");
		x->id = o->id;
		x->stem = NULL;
	}
	return 0;
fail:
	json_decref(p);
	vote_release(&v);
	return ot_jf_finish(&jf);
}

static int read_votes(reading *rd)
{
	vread *reads = NULL;
	size_t i, j, n = 0, cap = 0;
	int err = 0;

	for (i = 0; i < rd->s->n[K_VOTE_EVENT] && !err; i++)
		err = read_vote_event(rd, i, &reads, &n, &cap);
	if (err) {
		for (i = 0; i < n; i++)
			vote_release(&reads[i].v);
		free(reads);
		return err;
	}
	if (n)
		qsort(reads, n, sizeof(vread), vread_cmp);
	for (i = 0; i < n; i++) {
		ot_import_record *ir = &rd->out->records[reads[i].rec];
		ot_buf b = OT_BUF_INIT;
		/* the source id: its own OCD id, "KEY/vote/IDENTIFIER", or
		 * "KEY/vote/DATE/MOTION/N", N counting that bill's votes of one
		 * date and motion in the order of their start_date */
		if (strncmp(reads[i].id, "ocd-vote/", 9) == 0) {
			ot_buf_puts(&b, reads[i].id);
		} else if (reads[i].ident) {
			ot_buf_printf(&b, "%s/vote/%s", ir->r.source, reads[i].ident);
		} else {
			size_t ord = 1;
			ot_buf_printf(&b, "%s/vote/%s/", ir->r.source, reads[i].v.date);
			id_text(&b, reads[i].v.motion);
			for (j = 0; j < i; j++)
				ord += reads[j].stem && strcmp(reads[j].stem, b.ptr) == 0;
			reads[i].stem = ot_strdup(b.ptr);
			ot_buf_printf(&b, "/%zu", ord);
		}
		reads[i].v.source = ot_buf_detach(&b);
		if (reads[i].action) {
			for (j = 0; j < ir->r.nactions; j++)
				if (strcmp(ir->r.actions[j].text, reads[i].action) == 0 &&
				    strcmp(ir->r.actions[j].date, reads[i].v.date) == 0)
					break;
			if (j == ir->r.nactions)
				ot_import_set_skip(rd->out, "%s: bill_action '%.60s' is no action of %s on %s; the vote is imported on its own",
				     reads[i].file, reads[i].action, ir->r.id, reads[i].v.date);
		}
		for (j = 0; j < ir->r.nvotes && strcmp(ir->r.votes[j].source, reads[i].v.source) != 0; j++)
			;
		if (j < ir->r.nvotes) {
			/* pupa tells a bill's votes apart by their identifier */
			err = ot_error_set(OT_EINVALID,
					   "%s: identifier: %s's vote %s is also that of %s; give each vote event of a bill its "
					   "own identifier",
					   reads[i].file, ir->r.id, reads[i].v.source, base_name(ir->vote_files[j]));
			break;
		}
		*OT_ARRAY_PUSH(ir->r.votes, ir->r.nvotes, ir->r.votecap) = reads[i].v;
		memset(&reads[i].v, 0, sizeof(reads[i].v));
		ir->vote_files = ot_reallocarray(ir->vote_files, ir->r.nvotes, sizeof(char *));
		ir->vote_files[ir->r.nvotes - 1] = ot_strdup(reads[i].file);
	}
	for (i = 0; i < n; i++) {
		vote_release(&reads[i].v); /* those not given to a record (an error) */
		free(reads[i].stem);
	}
	free(reads);
	return err;
}

/* ---- the scrape into the set ------------------------------------------------- */

static int record_cmp(const void *a, const void *b)
{
	const ot_import_record *x = a, *y = b;
	return strcmp(x->r.id, y->r.id);
}

static int member_cmp(const void *a, const void *b)
{
	const ot_import_member *x = a, *y = b;
	int c = (x->m.ward > y->m.ward) - (x->m.ward < y->m.ward);
	if (!c)
		c = strcmp(x->m.name, y->m.name);
	if (!c)
		c = strcmp(x->m.from ? x->m.from : "", y->m.from ? y->m.from : "");
	return c ? c : strcmp(x->file, y->file);
}

static int scrape_read(ot_import_set *out, scrape *s)
{
	reading rd;
	const char *first_spaced = NULL;
	size_t i, spaced = 0;
	int err;

	memset(&rd, 0, sizeof(rd));
	rd.out = out;
	rd.s = s;
	if ((err = scrape_index(s)) < 0)
		return err;
	if (!s->n[K_BILL] && !s->n[K_MEMBERSHIP])
		return ot_error_set(OT_EINVALID,
				    "%s: no bill_*.json and no membership_*.json; not an Open Civic Data scrape as pupa "
				    "writes it (pupa update --scrape)",
				    s->label);
	rd.used_person = ot_calloc(s->n[K_PERSON] + 1, 1);
	err = read_members(&rd);
	for (i = 0; i < s->n[K_BILL] && !err; i++) {
		ot_import_record *ir = OT_ARRAY_PUSH(out->records, out->nrecords, out->rcap);
		err = read_bill(ir, s, i, out, &spaced, &first_spaced);
	}
	if (!err)
		ot_source_record_ids_note(out, s->label, spaced, first_spaced);
	if (!err)
		err = read_votes(&rd);
	for (i = 0; !err && i < s->nothers; i++)
		ot_import_set_skip(out, "%s: %zu %s_*.json file%s (the first: %s): not read; ordtrack imports bills, vote events, "
			  "people and their memberships",
		     s->label, s->others[i].count, s->others[i].prefix, s->others[i].count == 1 ? "" : "s",
		     s->others[i].first);
	/* records by id, members in council order (the mayor first) */
	if (!err && out->nrecords)
		qsort(out->records, out->nrecords, sizeof(*out->records), record_cmp);
	if (!err && out->nmembers)
		qsort(out->members, out->nmembers, sizeof(*out->members), member_cmp);
	free(rd.member_person);
	free(rd.used_person);
	return err;
}

static int dirent_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int ot_ocd_read(ot_import_set *out, const char *dir)
{
	scrape s;
	struct stat st;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	DIR *d;
	int err = 0;

	memset(out, 0, sizeof(*out));
	out->format = OT_SOURCE_OCD;
	memset(&s, 0, sizeof(s));
	s.label = dir;
	if (stat(dir, &st) < 0)
		return errno == ENOENT ? ot_error_set(OT_ENOTFOUND, "%s: no such directory", dir)
				       : ot_error_set(OT_ERROR, "%s: %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return ot_error_set(OT_EINVALID,
				    "%s: not a directory; an Open Civic Data scrape is pupa's directory of bill_*.json, "
				    "person_*.json ... files",
				    dir);
	if (!(d = opendir(dir)))
		return ot_error_set(OT_ERROR, "%s: %s", dir, strerror(errno));
	while ((e = readdir(d)))
		if (kind_of(e->d_name) != -2)
			*OT_ARRAY_PUSH(names, n, cap) = ot_strdup(e->d_name);
	closedir(d);
	if (n)
		qsort(names, n, sizeof(char *), dirent_cmp);
	for (i = 0; i < n && !err; i++) {
		int k = kind_of(names[i]);
		ot_buf path = OT_BUF_INIT;
		json_t *doc = NULL;
		ot_buf_printf(&path, "%s%s%s", dir, dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
		if (k < 0)
			count_other(&s, names[i]);
		else if ((err = ot_json_file_load(&doc, path.ptr, 0)) == 0)
			err = scrape_add(&s, (kind)k, path.ptr, doc);
		ot_buf_release(&path);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (!err)
		err = scrape_read(out, &s);
	scrape_release(&s);
	return err;
}

int ot_ocd_read_docs(ot_import_set *out, const ot_ocd_doc *docs, size_t n, const char *label)
{
	scrape s;
	size_t i, cap = ot_limits_get().max_input;
	int err = 0;

	memset(out, 0, sizeof(*out));
	out->format = OT_SOURCE_OCD;
	memset(&s, 0, sizeof(s));
	s.label = label;
	for (i = 0; i < n && !err; i++) {
		int k = kind_of(docs[i].name);
		json_error_t je;
		json_t *doc;
		if (k == -2)
			continue;
		if (k < 0) {
			count_other(&s, docs[i].name);
			continue;
		}
		if (docs[i].len > cap) {
			err = ot_error_set(OT_EINVALID,
					   "%s: %zu bytes, over the input limit of %zu bytes; raise ORDTRACK_MAX_INPUT if it is genuine",
					   docs[i].name, docs[i].len, cap);
			break;
		}
		if (!(doc = json_loadb(docs[i].data ? docs[i].data : "", docs[i].len, JSON_REJECT_DUPLICATES, &je)))
			err = ot_error_set(OT_EINVALID, "%s:%d: %s", docs[i].name, je.line, je.text);
		else
			err = scrape_add(&s, (kind)k, docs[i].name, doc);
	}
	if (!err)
		err = scrape_read(out, &s);
	scrape_release(&s);
	return err;
}
