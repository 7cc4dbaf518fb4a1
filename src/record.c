/*
 * record.c - the legislative record as data: members, records, actions and
 * votes, and their canonical JSON (records/<RECORD>.json, members.json).
 *
 * JSON goes through jansson, dumped with sorted keys and a two-space
 * indent so the same record always gives the same bytes (and blob id).
 * Parsing validates everything a hostile or hand-edited file could get
 * wrong: types, dates, safe ids, vote options, and tallies that must match
 * the roll call.
 */
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include <utf8proc.h>

#include "internal.h"
#include "jsonutil.h"
#include "ordtrack/record.h"
#include "ordtrack/validate.h"
#include "record_docs_internal.h"

const char *const ot_vote_option_names[OT_VOTE_NOPTIONS] = {"yes",    "no",      "abstain",
							    "absent", "excused", "not-voting"};

int ot_vote_option_parse(const char *s)
{
	/* The words councils' systems use for a vote (docs/export.md,
	 * "Vote words"): OCD's own, Legistar's VoteValueName and eLMS's vote
	 * values.  Matched ignoring case; extend this table for a new word. */
	static const struct {
		const char *word;
		ot_vote_option opt;
	} words[] = {{"yes", OT_VOTE_YES},         {"y", OT_VOTE_YES},
		     {"aye", OT_VOTE_YES},         {"yea", OT_VOTE_YES},
		     {"affirmative", OT_VOTE_YES}, {"rising vote", OT_VOTE_YES},
		     {"no", OT_VOTE_NO},           {"n", OT_VOTE_NO},
		     {"nay", OT_VOTE_NO},          {"negative", OT_VOTE_NO},
		     {"abstain", OT_VOTE_ABSTAIN}, {"abstained", OT_VOTE_ABSTAIN},
		     {"abstention", OT_VOTE_ABSTAIN}, {"present", OT_VOTE_ABSTAIN},
		     {"absent", OT_VOTE_ABSENT},   {"conflict", OT_VOTE_ABSENT},
		     {"excused", OT_VOTE_EXCUSED}, {"recused", OT_VOTE_EXCUSED},
		     {"medical", OT_VOTE_EXCUSED},
		     {"not-voting", OT_VOTE_NOT_VOTING}, {"not voting", OT_VOTE_NOT_VOTING},
		     {"not_voting", OT_VOTE_NOT_VOTING}, {"nv", OT_VOTE_NOT_VOTING},
		     {"did not vote", OT_VOTE_NOT_VOTING}, {"non voting", OT_VOTE_NOT_VOTING},
		     {"non-voting", OT_VOTE_NOT_VOTING}, {"maternity", OT_VOTE_EXCUSED},
		     {"paternity", OT_VOTE_EXCUSED}, {"bereavement", OT_VOTE_EXCUSED},
		     {"jury duty", OT_VOTE_EXCUSED}, {"in favor", OT_VOTE_YES},
		     {"opposed", OT_VOTE_NO},         {"absent(nv)", OT_VOTE_ABSENT},
		     {"excused-nv", OT_VOTE_EXCUSED}};
	size_t i;
	for (i = 0; i < OT_ARRAY_LEN(words); i++)
		if (strcasecmp(s, words[i].word) == 0)
			return (int)words[i].opt;
	return -1;
}

const char *ot_vote_option_label(ot_vote_option o)
{
	return o == OT_VOTE_NOT_VOTING ? "not voting" : ot_vote_option_names[o];
}

const char *const ot_record_type_names[OT_RECORD_N] = {"ordinance",   "substitute", "resolution",    "order",
						       "appointment", "claim",      "communication", "report"};
const char *const ot_link_kind_names[OT_LINK_N] = {"source", "version", "document"};
const char *const ot_status_names[OT_STATUS_N] = {"pending", "passed", "failed", "withdrawn", "filed"};
const char *const ot_vote_result_names[OT_RESULT_N] = {NULL, "pass", "fail"};
const char *const ot_threshold_names[OT_THRESHOLD_N] = {NULL, "majority-of-members", "majority-present",
							 "two-thirds-of-members"};

const char *const ot_action_type_names[OT_ACTION_N] = {
	[OT_ACTION_INTRODUCTION] = "introduction",
	[OT_ACTION_READING_1] = "reading-1",
	[OT_ACTION_READING_2] = "reading-2",
	[OT_ACTION_READING_3] = "reading-3",
	[OT_ACTION_REFERRAL_COMMITTEE] = "referral-committee",
	[OT_ACTION_REFERRAL] = "referral",
	[OT_ACTION_COMMITTEE_PASSAGE] = "committee-passage",
	[OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE] = "committee-passage-favorable",
	[OT_ACTION_COMMITTEE_PASSAGE_UNFAVORABLE] = "committee-passage-unfavorable",
	[OT_ACTION_COMMITTEE_FAILURE] = "committee-failure",
	[OT_ACTION_SUBSTITUTION] = "substitution",
	[OT_ACTION_AMENDMENT_INTRODUCTION] = "amendment-introduction",
	[OT_ACTION_AMENDMENT_PASSAGE] = "amendment-passage",
	[OT_ACTION_AMENDMENT_FAILURE] = "amendment-failure",
	[OT_ACTION_AMENDMENT_WITHDRAWAL] = "amendment-withdrawal",
	[OT_ACTION_AMENDMENT_DEFERRAL] = "amendment-deferral",
	[OT_ACTION_DEFERRAL] = "deferral",
	[OT_ACTION_PASSAGE] = "passage",
	[OT_ACTION_FAILURE] = "failure",
	[OT_ACTION_WITHDRAWAL] = "withdrawal",
	[OT_ACTION_FILING] = "filing",
	[OT_ACTION_EXECUTIVE_RECEIPT] = "executive-receipt",
	[OT_ACTION_EXECUTIVE_SIGNATURE] = "executive-signature",
	[OT_ACTION_EXECUTIVE_VETO] = "executive-veto",
	[OT_ACTION_EXECUTIVE_VETO_LINE_ITEM] = "executive-veto-line-item",
	[OT_ACTION_VETO_OVERRIDE_PASSAGE] = "veto-override-passage",
	[OT_ACTION_VETO_OVERRIDE_FAILURE] = "veto-override-failure",
	[OT_ACTION_BECAME_LAW] = "became-law",
	[OT_ACTION_RECEIPT] = "receipt",
	[OT_ACTION_AMENDMENT_AMENDMENT] = "amendment-amendment",
	[OT_ACTION_SPONSORSHIP] = "sponsorship",
	[OT_ACTION_UNCLASSIFIED] = "unclassified",
};

/* The index of s in names[0..n), skipping NULL entries; -1 when absent. */
static int name_index(const char *const *names, int n, const char *s)
{
	int i;
	for (i = 0; s && i < n; i++)
		if (names[i] && strcmp(names[i], s) == 0)
			return i;
	return -1;
}

int ot_record_type_parse(const char *s)
{
	return name_index(ot_record_type_names, OT_RECORD_N, s);
}

int ot_status_parse(const char *s)
{
	return name_index(ot_status_names, OT_STATUS_N, s);
}

int ot_vote_result_parse(const char *s)
{
	return name_index(ot_vote_result_names, OT_RESULT_N, s);
}

int ot_threshold_parse(const char *s)
{
	return name_index(ot_threshold_names, OT_THRESHOLD_N, s);
}

int ot_action_type_parse(const char *s)
{
	return name_index(ot_action_type_names, OT_ACTION_N, s);
}

int ot_link_kind_parse(const char *s)
{
	return name_index(ot_link_kind_names, OT_LINK_N, s);
}

int ot_action_type_is_local(ot_action_type type)
{
	return type == OT_ACTION_SPONSORSHIP || type == OT_ACTION_UNCLASSIFIED;
}

int ot_action_type_closes(ot_action_type type)
{
	return type == OT_ACTION_PASSAGE || type == OT_ACTION_FAILURE || type == OT_ACTION_WITHDRAWAL;
}

int ot_action_type_after_passage(ot_action_type type)
{
	switch (type) {
	case OT_ACTION_EXECUTIVE_RECEIPT:
	case OT_ACTION_EXECUTIVE_SIGNATURE:
	case OT_ACTION_EXECUTIVE_VETO:
	case OT_ACTION_EXECUTIVE_VETO_LINE_ITEM:
	case OT_ACTION_VETO_OVERRIDE_PASSAGE:
	case OT_ACTION_VETO_OVERRIDE_FAILURE:
	case OT_ACTION_BECAME_LAW:
		return 1;
	default:
		return 0;
	}
}

static void free_strv(char **v, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void ot_record_release(ot_record *r)
{
	size_t i;
	if (!r)
		return;
	free(r->id);
	free(r->title);
	free(r->introduced);
	free(r->base);
	free(r->closed);
	free(r->effective);
	free_strv(r->ordinances, r->nordinances);
	free_strv(r->sponsors, r->nsponsors);
	for (i = 0; i < r->nversions; i++) {
		free(r->versions[i].date);
	}
	free(r->versions);
	for (i = 0; i < r->nactions; i++) {
		free(r->actions[i].date);
		free(r->actions[i].body);
		free(r->actions[i].text);
		free(r->actions[i].source);
	}
	free(r->actions);
	for (i = 0; i < r->nvotes; i++)
		ot_vote_release(&r->votes[i]);
	free(r->votes);
	free(r->source);
	for (i = 0; i < r->nlinks; i++) {
		free(r->links[i].url);
		free(r->links[i].note);
	}
	free(r->links);
	memset(r, 0, sizeof(*r));
}

void ot_member_release(ot_member *m)
{
	free(m->name);
	free(m->from);
	free(m->to);
	free_strv(m->aliases, m->naliases);
	memset(m, 0, sizeof(*m));
}

void ot_member_copy(ot_member *dst, const ot_member *src)
{
	size_t i;
	memset(dst, 0, sizeof(*dst));
	dst->name = ot_strdup(src->name);
	dst->ward = src->ward;
	dst->from = src->from ? ot_strdup(src->from) : NULL;
	dst->to = src->to ? ot_strdup(src->to) : NULL;
	for (i = 0; i < src->naliases; i++)
		*OT_ARRAY_PUSH(dst->aliases, dst->naliases, dst->alcap) = ot_strdup(src->aliases[i]);
}

void ot_vote_copy(ot_vote *dst, const ot_vote *v)
{
	size_t i;
	memset(dst, 0, sizeof(*dst));
	dst->date = ot_strdup(v->date);
	dst->motion = ot_strdup(v->motion);
	dst->result = v->result;
	dst->threshold = v->threshold;
	dst->forced = v->forced ? ot_strdup(v->forced) : NULL;
	dst->source = v->source ? ot_strdup(v->source) : NULL;
	memcpy(dst->counts, v->counts, sizeof(dst->counts));
	for (i = 0; i < v->nroll; i++)
		*OT_ARRAY_PUSH(dst->roll, dst->nroll, dst->cap) =
			(ot_roll_entry){ot_strdup(v->roll[i].name), v->roll[i].option};
}

void ot_vote_release(ot_vote *v)
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

void ot_members_release(ot_members *m)
{
	size_t i;
	for (i = 0; i < m->n; i++)
		ot_member_release(&m->items[i]);
	free(m->items);
	memset(m, 0, sizeof(*m));
}

/* ---- writing ----------------------------------------------------------- */

static void dump_canonical(ot_buf *out, json_t *root)
{
	char *s = json_dumps(root, JSON_SORT_KEYS | JSON_INDENT(2));
	if (!s) {
		/* only on out-of-memory; jansson reports nothing else here */
		ot_malloc((size_t)-1);
		return;
	}
	ot_buf_puts(out, s);
	ot_buf_putc(out, '\n');
	free(s);
}

void ot_record_to_json(ot_buf *out, const ot_record *r)
{
	/* the facts status and summary also give, plus format and base (keys
	 * are sorted on output, so their order here does not matter) */
	json_t *o = ot_json_record_facts(r), *a;
	size_t i, j;

	json_object_set_new(o, "format", json_string("ordtrack-record/1"));
	json_object_set_new(o, "base", json_string(r->base));
	a = json_array();
	for (i = 0; i < r->nversions; i++) {
		json_t *v = json_object();
		json_object_set_new(v, "version", json_integer(r->versions[i].number));
		json_object_set_new(v, "date", json_string(r->versions[i].date));
		json_object_set_new(v, "stage", json_string(ot_stage_names[r->versions[i].stage]));
		json_array_append_new(a, v);
	}
	json_object_set_new(o, "versions", a);
	a = json_array();
	for (i = 0; i < r->nactions; i++) {
		json_t *v = json_object();
		json_object_set_new(v, "date", json_string(r->actions[i].date));
		json_object_set_new(v, "type", json_string(ot_action_type_names[r->actions[i].type]));
		json_object_set_new(v, "body", ot_json_str_or_null(r->actions[i].body));
		json_object_set_new(v, "text", ot_json_str_or_null(r->actions[i].text));
		if (r->actions[i].source)
			json_object_set_new(v, "source", json_string(r->actions[i].source));
		json_array_append_new(a, v);
	}
	json_object_set_new(o, "actions", a);
	a = json_array();
	for (i = 0; i < r->nvotes; i++) {
		const ot_vote *vt = &r->votes[i];
		json_t *v = json_object(), *counts = json_object(), *roll = json_array();
		json_object_set_new(v, "date", json_string(vt->date));
		json_object_set_new(v, "motion", json_string(vt->motion));
		json_object_set_new(v, "result", json_string(ot_vote_result_names[vt->result]));
		json_object_set_new(v, "threshold", ot_json_str_or_null(ot_threshold_names[vt->threshold]));
		json_object_set_new(v, "forced", ot_json_str_or_null(vt->forced));
		for (j = 0; j < OT_VOTE_NOPTIONS; j++)
			json_object_set_new(counts, ot_vote_option_names[j], json_integer((json_int_t)vt->counts[j]));
		json_object_set_new(v, "counts", counts);
		for (j = 0; j < vt->nroll; j++) {
			json_t *e = json_object();
			json_object_set_new(e, "name", json_string(vt->roll[j].name));
			json_object_set_new(e, "option", json_string(ot_vote_option_names[vt->roll[j].option]));
			json_array_append_new(roll, e);
		}
		json_object_set_new(v, "roll", roll);
		if (vt->source)
			json_object_set_new(v, "source", json_string(vt->source));
		json_array_append_new(a, v);
	}
	json_object_set_new(o, "votes", a);
	/* source and links only when there are any: a record recorded by
	 * hand keeps the bytes (and blob) it always had */
	if (r->source)
		json_object_set_new(o, "source", json_string(r->source));
	if (r->nlinks) {
		a = json_array();
		for (i = 0; i < r->nlinks; i++) {
			json_t *l = json_object();
			json_object_set_new(l, "kind", json_string(ot_link_kind_names[r->links[i].kind]));
			json_object_set_new(l, "url", json_string(r->links[i].url));
			json_object_set_new(l, "note", ot_json_str_or_null(r->links[i].note));
			json_array_append_new(a, l);
		}
		json_object_set_new(o, "links", a);
	}
	dump_canonical(out, o);
	json_decref(o);
}

void ot_members_to_json(ot_buf *out, const ot_members *m)
{
	/* the document `member list --format json` prints (record_docs.c),
	 * with the members in stored order and the keys sorted */
	json_t *o = ot_members__json(m->items, m->n);
	dump_canonical(out, o);
	json_decref(o);
}

/* ---- reading ----------------------------------------------------------- */

/* The first problem found is the one reported: later checks (a date, a
 * safe name) set the library's error themselves, so its message is kept
 * here and set again when reading ends (finish). */
typedef struct reader {
	const char *name; /* file, for messages */
	int err;
	char *msg;        /* the first problem's message */
} reader;

static int bad(reader *rd, const char *what)
{
	if (!rd->err) {
		rd->err = ot_error_set(OT_EINVALID, "%s: %s; the file was not written by ordtrack or was edited by hand",
				       rd->name, what);
		rd->msg = ot_strdup(ot_error_last());
	}
	return rd->err;
}

static int finish(reader *rd)
{
	if (rd->err && rd->msg)
		ot_error_set(rd->err, "%s", rd->msg);
	free(rd->msg);
	rd->msg = NULL;
	return rd->err;
}

/* A required (or, with `optional`, nullable) string field, copied. */
static char *get_str(reader *rd, json_t *o, const char *key, int optional)
{
	json_t *v = json_object_get(o, key);
	char what[128];
	if (optional && (!v || json_is_null(v)))
		return NULL;
	if (!json_is_string(v)) {
		snprintf(what, sizeof(what), "field '%s' is missing or not a string", key);
		bad(rd, what);
		return NULL;
	}
	return ot_strdup(json_string_value(v));
}

/* A required (or, with `optional`, nullable: 0 for null) field naming one
 * of names[0..n). */
static int get_enum(reader *rd, json_t *o, const char *key, int optional, const char *const *names, int n)
{
	char *v = get_str(rd, o, key, optional), what[160];
	int i = v ? name_index(names, n, v) : 0;
	if (v && i < 0) {
		snprintf(what, sizeof(what), "unknown %s '%.60s'", key, v);
		bad(rd, what);
		i = 0;
	}
	free(v);
	return i;
}

static char *get_date(reader *rd, json_t *o, const char *key, int optional)
{
	char *d = get_str(rd, o, key, optional);
	char what[160];
	if (d && ot_date_parse(NULL, d) < 0) {
		snprintf(what, sizeof(what), "field '%s' is not a valid date", key);
		bad(rd, what);
		free(d);
		return NULL;
	}
	return d;
}

static void get_strv(reader *rd, json_t *o, const char *key, char ***v, size_t *n, size_t *cap)
{
	json_t *a = json_object_get(o, key), *e;
	size_t i;
	char what[128];
	if (!json_is_array(a)) {
		snprintf(what, sizeof(what), "field '%s' is missing or not a list", key);
		bad(rd, what);
		return;
	}
	json_array_foreach(a, i, e) {
		if (!json_is_string(e)) {
			snprintf(what, sizeof(what), "field '%s' holds a non-string", key);
			bad(rd, what);
			return;
		}
		*OT_ARRAY_PUSH(*v, *n, *cap) = ot_strdup(json_string_value(e));
	}
}

static json_t *load(reader *rd, const char *data, size_t len)
{
	json_error_t je;
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		rd->err = ot_error_set(OT_EINVALID, "%s:%d: %s", rd->name, je.line, je.text);
		return NULL;
	}
	if (!json_is_object(root)) {
		bad(rd, "not a JSON object");
		json_decref(root);
		return NULL;
	}
	return root;
}

static void read_vote(reader *rd, json_t *e, ot_vote *v)
{
	json_t *counts = json_object_get(e, "counts"), *roll = json_object_get(e, "roll"), *x;
	size_t i, tally[OT_VOTE_NOPTIONS] = {0};
	v->date = get_date(rd, e, "date", 0);
	v->motion = get_str(rd, e, "motion", 0);
	v->result = (ot_vote_result)get_enum(rd, e, "result", 0, ot_vote_result_names, OT_RESULT_N);
	v->threshold = (ot_threshold)get_enum(rd, e, "threshold", 1, ot_threshold_names, OT_THRESHOLD_N);
	v->forced = get_str(rd, e, "forced", 1);
	v->source = get_str(rd, e, "source", 1);
	if (!json_is_object(counts) || !json_is_array(roll)) {
		bad(rd, "a vote lacks its counts or roll");
		return;
	}
	for (i = 0; i < OT_VOTE_NOPTIONS; i++) {
		json_t *c = json_object_get(counts, ot_vote_option_names[i]);
		if (!json_is_integer(c) || json_integer_value(c) < 0 || json_integer_value(c) > 100000) {
			bad(rd, "a vote count is missing, negative or absurd");
			return;
		}
		v->counts[i] = (size_t)json_integer_value(c);
	}
	json_array_foreach(roll, i, x) {
		char *name = get_str(rd, x, "name", 0), *opt = get_str(rd, x, "option", 0);
		int o = opt ? ot_vote_option_parse(opt) : -1;
		free(opt);
		if (!name || o < 0) {
			free(name);
			bad(rd, "a roll-call entry lacks a name or a known option");
			return;
		}
		*OT_ARRAY_PUSH(v->roll, v->nroll, v->cap) = (ot_roll_entry){name, (ot_vote_option)o};
		tally[o]++;
	}
	if (v->nroll) {
		for (i = 0; i < OT_VOTE_NOPTIONS; i++)
			if (tally[i] != v->counts[i]) {
				bad(rd, "a vote's counts do not match its roll call");
				return;
			}
	}
}

int ot_record_from_json(ot_record *r, const char *data, size_t len, const char *name)
{
	reader rd = {name, 0, NULL};
	json_t *root, *a, *e;
	size_t i;

	memset(r, 0, sizeof(*r));
	if (!(root = load(&rd, data, len)))
		return finish(&rd);
	r->id = get_str(&rd, root, "id", 0);
	r->type = (ot_record_type)get_enum(&rd, root, "type", 0, ot_record_type_names, OT_RECORD_N);
	r->title = get_str(&rd, root, "title", 0);
	r->status = (ot_status)get_enum(&rd, root, "status", 0, ot_status_names, OT_STATUS_N);
	r->introduced = get_date(&rd, root, "introduced", 0);
	r->base = get_str(&rd, root, "base", 0);
	r->closed = get_date(&rd, root, "closed", 1);
	r->effective = get_date(&rd, root, "effective", 1);
	get_strv(&rd, root, "ordinances", &r->ordinances, &r->nordinances, &r->ocap);
	get_strv(&rd, root, "sponsors", &r->sponsors, &r->nsponsors, &r->scap);
	if (r->id && ot_name_check(OT_NAME_RECORD, r->id) < 0)
		bad(&rd, "the record id is not a safe name");
	for (i = 0; i < r->nordinances; i++)
		if (ot_name_check(OT_NAME_ORDINANCE, r->ordinances[i]) < 0)
			bad(&rd, "an ordinance id is not a safe name");
	a = json_object_get(root, "versions");
	if (!json_is_array(a))
		bad(&rd, "field 'versions' is missing");
	json_array_foreach(a, i, e) {
		ot_record_version *v = OT_ARRAY_PUSH(r->versions, r->nversions, r->vcap);
		json_t *n = json_object_get(e, "version");
		memset(v, 0, sizeof(*v));
		v->number = json_is_integer(n) ? (int)json_integer_value(n) : 0;
		if (v->number != (int)i + 1)
			bad(&rd, "versions are not numbered 1, 2, …");
		v->date = get_date(&rd, e, "date", 0);
		v->stage = (ot_stage)get_enum(&rd, e, "stage", 0, ot_stage_names, OT_STAGE_N);
	}
	a = json_object_get(root, "actions");
	if (!json_is_array(a))
		bad(&rd, "field 'actions' is missing");
	json_array_foreach(a, i, e) {
		ot_action *ac = OT_ARRAY_PUSH(r->actions, r->nactions, r->acap);
		memset(ac, 0, sizeof(*ac));
		ac->date = get_date(&rd, e, "date", 0);
		ac->type = (ot_action_type)get_enum(&rd, e, "type", 0, ot_action_type_names, OT_ACTION_N);
		ac->body = get_str(&rd, e, "body", 1);
		ac->text = get_str(&rd, e, "text", 1);
		ac->source = get_str(&rd, e, "source", 1);
	}
	a = json_object_get(root, "votes");
	if (!json_is_array(a))
		bad(&rd, "field 'votes' is missing");
	json_array_foreach(a, i, e) {
		ot_vote *v = OT_ARRAY_PUSH(r->votes, r->nvotes, r->votecap);
		memset(v, 0, sizeof(*v));
		read_vote(&rd, e, v);
	}
	r->source = get_str(&rd, root, "source", 1);
	a = json_object_get(root, "links");
	if (a && !json_is_array(a))
		bad(&rd, "field 'links' is not a list");
	json_array_foreach(a, i, e) {
		ot_link *l = OT_ARRAY_PUSH(r->links, r->nlinks, r->lcap);
		memset(l, 0, sizeof(*l));
		l->kind = (ot_link_kind)get_enum(&rd, e, "kind", 0, ot_link_kind_names, OT_LINK_N);
		l->url = get_str(&rd, e, "url", 0);
		l->note = get_str(&rd, e, "note", 1);
	}
	json_decref(root);
	if (rd.err)
		ot_record_release(r);
	return finish(&rd);
}

int ot_members_from_json(ot_members *m, const char *data, size_t len, const char *name)
{
	reader rd = {name, 0, NULL};
	json_t *root, *a, *e;
	size_t i;

	memset(m, 0, sizeof(*m));
	if (!(root = load(&rd, data, len)))
		return finish(&rd);
	a = json_object_get(root, "members");
	if (!json_is_array(a))
		bad(&rd, "field 'members' is missing");
	json_array_foreach(a, i, e) {
		ot_member *mb = OT_ARRAY_PUSH(m->items, m->n, m->cap);
		json_t *w = json_object_get(e, "ward");
		memset(mb, 0, sizeof(*mb));
		mb->name = get_str(&rd, e, "name", 0);
		mb->ward = json_is_integer(w) ? (int)json_integer_value(w) : -1;
		if (mb->ward < 0 || mb->ward > 1000)
			bad(&rd, "a ward is missing or not a small number");
		mb->from = get_date(&rd, e, "from", 1);
		mb->to = get_date(&rd, e, "to", 1);
		if (json_object_get(e, "aliases"))
			get_strv(&rd, e, "aliases", &mb->aliases, &mb->naliases, &mb->alcap);
	}
	json_decref(root);
	if (rd.err)
		ot_members_release(m);
	return finish(&rd);
}

static int serving(const ot_member *mb, const char *date)
{
	return (!mb->from || strcmp(mb->from, date) <= 0) && (!mb->to || strcmp(date, mb->to) <= 0);
}

static const char *last_word(const char *s)
{
	const char *sp = strrchr(s, ' ');
	return sp ? sp + 1 : s;
}

static int word_in(const char *w, size_t n, const char *const *list, size_t nlist)
{
	size_t i;
	while (n && w[n - 1] == '.')
		n--;
	for (i = 0; i < nlist; i++)
		if (strlen(list[i]) == n && strncasecmp(w, list[i], n) == 0)
			return 1;
	return 0;
}

/* Up to 16 words of s[0..n) (spaces and tabs between), as (start, length). */
static size_t split_words(const char *s, size_t n, const char **w, size_t *wl, size_t max)
{
	size_t k = 0, i = 0;
	while (i < n && k < max) {
		size_t j;
		/* a comma separates words too: "Brookins, Jr., Howard" */
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == ','))
			i++;
		for (j = i; j < n && s[j] != ' ' && s[j] != '\t' && s[j] != ','; j++)
			;
		if (j > i) {
			w[k] = s + i;
			wl[k++] = j - i;
		}
		i = j;
	}
	return k;
}

/* name_key of a name already case- and accent-folded */
static void name_key_folded(ot_buf *out, const char *name)
{
	static const char *const titles[] = {"ald",   "alderman", "alderwoman", "alderperson", "councilmember",
					     "councilman", "councilwoman", "cm", "mayor", "mr", "mrs", "ms", "dr",
					     "hon"};
	static const char *const suffixes[] = {"jr", "sr", "ii", "iii", "iv"};
	const char *w[32], *comma = strchr(name, ',');
	size_t wl[32], nw = 0, i, kept = 0, first = 0, last;
	if (comma) {
		/* "Last, First M." unless what follows the comma is a suffix */
		const char *rw[16];
		size_t rl[16], nr = split_words(comma + 1, strlen(comma + 1), rw, rl, 16), k, only_suffix = 1;
		for (k = 0; k < nr; k++)
			only_suffix &= word_in(rw[k], rl[k], suffixes, OT_ARRAY_LEN(suffixes));
		if (!only_suffix) {
			nw = split_words(comma + 1, strlen(comma + 1), w, wl, 16);
			nw += split_words(name, (size_t)(comma - name), w + nw, wl + nw, 16);
		}
	}
	if (!nw)
		nw = split_words(name, comma ? (size_t)(comma - name) : strlen(name), w, wl, 32);
	/* "Council Member" is one title in two words */
	for (i = 0; i + 1 < nw; i++)
		if (wl[i] == 7 && strncasecmp(w[i], "council", 7) == 0 && wl[i + 1] >= 6 &&
		    strncasecmp(w[i + 1], "member", 6) == 0)
			wl[i] = wl[i + 1] = 0;
	for (i = 0; i < nw; i++)
		if (wl[i] && (word_in(w[i], wl[i], titles, OT_ARRAY_LEN(titles)) ||
			      word_in(w[i], wl[i], suffixes, OT_ARRAY_LEN(suffixes))))
			wl[i] = 0;
	for (first = 0; first < nw && !wl[first]; first++)
		;
	for (last = nw; last > first && !wl[last - 1]; last--)
		;
	for (i = first; i < last; i++) {
		size_t k, len = wl[i];
		/* a middle initial ("M." or "M") goes */
		if (!len || (i != first && i != last - 1 && (len == 1 || (len == 2 && w[i][1] == '.'))))
			continue;
		if (kept++)
			ot_buf_putc(out, ' ');
		for (k = 0; k < len; k++)
			ot_buf_putc(out, w[i][k] >= 'A' && w[i][k] <= 'Z' ? (char)(w[i][k] - 'A' + 'a') : w[i][k]);
	}
}

/* A name reduced to what identifies the person, into out: "Ald. Ramirez-
 * Rosa, Carlos M." and "Carlos Ramirez-Rosa" both give "carlos ramirez-
 * rosa".  "Last, First" is turned round (not "John Smith, Jr."); titles
 * (Ald., Alderman, Council Member, Mayor, Mr., Dr., ...), suffixes (Jr.,
 * III) and middle initials are dropped; letters are case-folded and lose
 * their accents (utf8proc: "Ramírez" is "ramirez"), and a typographic
 * apostrophe is the typewriter one ("O’Shea" is "o'shea"). */
static void name_key(ot_buf *out, const char *raw)
{
	utf8proc_uint8_t *folded = NULL;
	char *name;
	if (utf8proc_map((const utf8proc_uint8_t *)raw, 0, &folded,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK |
				 UTF8PROC_CASEFOLD) < 0)
		folded = (utf8proc_uint8_t *)ot_strdup(raw); /* invalid UTF-8: compared as it is */
	name = (char *)folded;
	{
		/* U+2018/U+2019 (e2 80 98/99) -> ' */
		char *r = name, *w = name;
		while (*r) {
			if ((unsigned char)r[0] == 0xe2 && (unsigned char)r[1] == 0x80 &&
			    ((unsigned char)r[2] == 0x98 || (unsigned char)r[2] == 0x99)) {
				*w++ = '\'';
				r += 3;
			} else {
				*w++ = *r++;
			}
		}
		*w = 0;
	}
	name_key_folded(out, name);
	free(name);
}

void ot_name_key(ot_buf *out, const char *name)
{
	name_key(out, name);
}

static int key_is(ot_buf *tmp, const char *name, const ot_buf *key)
{
	ot_buf_clear(tmp);
	name_key(tmp, name);
	return tmp->len == key->len && memcmp(tmp->ptr, key->ptr, key->len) == 0;
}

static int last_is(ot_buf *tmp, const char *name, const char *last)
{
	ot_buf_clear(tmp);
	name_key(tmp, name);
	return tmp->len && strcmp(last_word(tmp->ptr), last) == 0;
}

/* Push mb onto hits (at most max kept) unless the person is there
 * already (another term of one member is the same person). */
static void add_hit(const ot_member **hits, size_t *n, size_t max, const ot_member *mb)
{
	size_t k;
	for (k = 0; k < *n && k < max; k++)
		if (hits[k] == mb || strcmp(hits[k]->name, mb->name) == 0)
			return;
	if (*n < max)
		hits[*n] = mb;
	(*n)++;
}

size_t ot_members_match(const ot_members *m, const char *name, const char *date, const ot_member **hits,
			size_t max)
{
	ot_buf key = OT_BUF_INIT, tmp = OT_BUF_INIT;
	size_t i, j, n = 0;
	int pass;
	/* 1: the name or an alias as written, ignoring case */
	for (i = 0; i < m->n; i++) {
		const ot_member *mb = &m->items[i];
		if (date && !serving(mb, date))
			continue;
		if (strcasecmp(mb->name, name) == 0)
			add_hit(hits, &n, max, mb);
		for (j = 0; j < mb->naliases; j++)
			if (strcasecmp(mb->aliases[j], name) == 0)
				add_hit(hits, &n, max, mb);
	}
	/* 2: the same person written another way ("Ramirez-Rosa, Carlos",
	 * "Ald. Carlos M. Ramírez-Rosa"); 3: the last name alone, when no
	 * full name matched ("Ramirez-Rosa") */
	name_key(&key, name);
	for (pass = 2; !n && key.len && pass <= 3; pass++) {
		if (pass == 3 && strchr(key.ptr, ' '))
			break;
		for (i = 0; i < m->n; i++) {
			const ot_member *mb = &m->items[i];
			int hit;
			if (date && !serving(mb, date))
				continue;
			hit = pass == 2 ? key_is(&tmp, mb->name, &key) : last_is(&tmp, mb->name, key.ptr);
			for (j = 0; !hit && j < mb->naliases; j++)
				hit = pass == 2 ? key_is(&tmp, mb->aliases[j], &key)
						: last_is(&tmp, mb->aliases[j], key.ptr);
			if (hit)
				add_hit(hits, &n, max, mb);
		}
	}
	ot_buf_release(&key);
	ot_buf_release(&tmp);
	if (!n) {
		/* an office and its holder: "The Speaker (Council Member
		 * Chen-Whitfield)", "The Public Advocate (Mr. Achebe)" */
		const char *open = strchr(name, '('), *close = open ? strchr(open, ')') : NULL;
		if (open && close && close > open + 1 && !strchr(open + 1, '(')) {
			char *inner = ot_strndup(open + 1, (size_t)(close - open - 1));
			n = ot_members_match(m, inner, date, hits, max);
			free(inner);
		}
	}
	return n;
}

const ot_member *ot_members_find(const ot_members *m, const char *name, const char *date)
{
	const ot_member *hit = NULL;
	return ot_members_match(m, name, date, &hit, 1) == 1 ? hit : NULL;
}

int ot_member_names_same(const char *a, const char *b)
{
	ot_buf ka = OT_BUF_INIT, kb = OT_BUF_INIT;
	int same;
	name_key(&ka, a);
	name_key(&kb, b);
	same = strcasecmp(a, b) == 0 || (ka.len && ka.len == kb.len && memcmp(ka.ptr, kb.ptr, ka.len) == 0);
	ot_buf_release(&ka);
	ot_buf_release(&kb);
	return same;
}

int ot_record_has_sponsor(const ot_record *r, const ot_members *ms, const char *name)
{
	const ot_member *hits[16];
	size_t i, j, k, n;
	ot_buf key = OT_BUF_INIT, tmp = OT_BUF_INIT;
	int hit = 0;
	/* the sponsor as written: the name ignoring case and accents, written
	 * another way, or the last name */
	name_key(&key, name);
	for (i = 0; i < r->nsponsors && !hit; i++)
		hit = strcasecmp(r->sponsors[i], name) == 0 ||
		      (key.len && (key_is(&tmp, r->sponsors[i], &key) ||
				   (!strchr(key.ptr, ' ') && last_is(&tmp, r->sponsors[i], key.ptr))));
	/* a member the name names (at any time), by any of their names */
	n = ms ? ot_members_match(ms, name, NULL, hits, 16) : 0;
	for (k = 0; k < n && k < 16 && !hit; k++)
		for (i = 0; i < r->nsponsors && !hit; i++) {
			hit = strcasecmp(r->sponsors[i], hits[k]->name) == 0;
			for (j = 0; j < hits[k]->naliases && !hit; j++)
				hit = strcasecmp(r->sponsors[i], hits[k]->aliases[j]) == 0;
		}
	ot_buf_release(&key);
	ot_buf_release(&tmp);
	return hit;
}

size_t ot_members_serving(const ot_members *m, const char *date)
{
	size_t i, n = 0;
	for (i = 0; i < m->n; i++)
		n += serving(&m->items[i], date);
	return n;
}

int ot_vote_check_threshold(const ot_vote *v, size_t members)
{
	size_t yes = v->counts[OT_VOTE_YES], no = v->counts[OT_VOTE_NO];
	size_t present = yes + no + v->counts[OT_VOTE_ABSTAIN];
	int passes;
	char rule[160];

	if (v->result != OT_RESULT_PASS && v->result != OT_RESULT_FAIL)
		return ot_error_set(OT_EINVALID, "a vote needs its result, pass or fail");
	switch (v->threshold) {
	case OT_THRESHOLD_NONE:
		/* no rule given: a motion cannot pass with no more yes than no
		 * votes (a presiding officer's tie-breaking vote is on the roll) */
		if (v->result == OT_RESULT_PASS && yes <= no) {
			ot_error_set(OT_EINVALID, "the result is 'pass' but the roll has %zu yes and %zu no", yes, no);
			ot_error_hint(OT_HINT_THRESHOLD);
			return OT_EINVALID;
		}
		return 0;
	case OT_THRESHOLD_MAJORITY_OF_MEMBERS:
		passes = yes * 2 > members;
		snprintf(rule, sizeof(rule), "%zu yes of %zu members; a majority of members is %zu", yes, members,
			 members / 2 + 1);
		break;
	case OT_THRESHOLD_MAJORITY_PRESENT:
		passes = yes * 2 > present;
		snprintf(rule, sizeof(rule), "%zu yes of %zu present and voting; a majority is %zu", yes, present,
			 present / 2 + 1);
		break;
	case OT_THRESHOLD_TWO_THIRDS_OF_MEMBERS: {
		size_t need = (2 * members + 2) / 3;
		passes = yes >= need;
		snprintf(rule, sizeof(rule), "%zu yes of %zu members; two thirds is %zu", yes, members, need);
		break;
	}
	default:
		return ot_error_set(OT_EINVALID, "threshold %d is not one of ot_threshold", (int)v->threshold);
	}
	if (passes != (v->result == OT_RESULT_PASS)) {
		ot_error_set(OT_EINVALID, "the result '%s' contradicts the counts: %s, so the motion %s",
			     ot_vote_result_names[v->result], rule, passes ? "passes" : "fails");
		ot_error_hint(OT_HINT_FORCE);
		return OT_EINVALID;
	}
	return 0;
}

/* ---- the timeline ------------------------------------------------------------ */

typedef struct timeline_entry {
	ot_record_event ev;
	int rank;   /* 0 actions and versions, 1 votes, 2 closing actions, 3 the
		       executive's (sent to the mayor the day it passed) */
	size_t seq; /* order of insertion: actions, then versions, then votes */
} timeline_entry;

static int timeline_cmp(const void *pa, const void *pb)
{
	const timeline_entry *a = pa, *b = pb;
	int c = strcmp(a->ev.date, b->ev.date);
	if (c)
		return c;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

const ot_vote *ot_record_last_vote(const ot_record *r)
{
	const ot_vote *last = NULL;
	size_t i;
	for (i = 0; i < r->nvotes; i++)
		if (!last || strcmp(r->votes[i].date, last->date) >= 0)
			last = &r->votes[i];
	return last;
}

ot_record_event *ot_record_timeline(const ot_record *r, size_t *n)
{
	size_t total = r->nactions + r->nversions + r->nvotes, i, k = 0;
	timeline_entry *t = ot_calloc(total + 1, sizeof(*t));
	ot_record_event *out = ot_calloc(total + 1, sizeof(*out));
	for (i = 0; i < r->nactions; i++, k++)
		t[k] = (timeline_entry){{r->actions[i].date, OT_EVENT_ACTION, i},
					ot_action_type_after_passage(r->actions[i].type) ? 3
					: ot_action_type_closes(r->actions[i].type)      ? 2
											  : 0,
					k};
	for (i = 0; i < r->nversions; i++, k++)
		t[k] = (timeline_entry){{r->versions[i].date, OT_EVENT_VERSION, i}, 0, k};
	for (i = 0; i < r->nvotes; i++, k++)
		t[k] = (timeline_entry){{r->votes[i].date, OT_EVENT_VOTE, i}, 1, k};
	qsort(t, k, sizeof(*t), timeline_cmp);
	for (i = 0; i < k; i++)
		out[i] = t[i].ev;
	free(t);
	*n = k;
	return out;
}
