/*
 * export_ocd.c - Open Civic Data: a record as an OCD bill with its vote
 * events (JSON, through jansson), and an OCD vote event read back as a
 * roll call for `ordtrack vote --roll FILE.json`.
 *
 * Field names and vocabularies follow the OCD data model as the pupa
 * scrapers write it (Bill: identifier, legislative_session, title,
 * classification, from_organization, sponsorships, actions, versions,
 * sources; VoteEvent: identifier, motion_text, motion_classification,
 * start_date, result, organization, legislative_session, bill, counts,
 * votes).  Organizations are written as {"name", "classification"}
 * objects, as the OCD API shows them, since a tracker knows no OCD ids.
 * docs/export.md has the tables.
 *
 * Ownership: the exporter builds a jansson tree and dumps it into the
 * caller's buffer; the reader fills an ot_vote whose strings and roll it
 * allocates (ot_ocd_vote_release frees them).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"
#include "jsonutil.h"
#include "ordtrack/export.h"
#include "ordtrack/validate.h"

const char *ot_ocd_vote_option(ot_vote_option o)
{
	if (o == OT_VOTE_NOT_VOTING)
		return "not voting";
	return (unsigned)o < OT_VOTE_NOPTIONS ? ot_vote_option_names[o] : "other";
}

/* ---- export ------------------------------------------------------------------- */

static json_t *org(const char *name, const char *classification)
{
	json_t *o = json_object();
	json_object_set_new(o, "name", json_string(name));
	json_object_set_new(o, "classification", json_string(classification));
	return o;
}

/* 1 when s contains "committee" in any case (strcasestr is a GNU
 * extension). */
static int says_committee(const char *s)
{
	for (; *s; s++)
		if (strncasecmp(s, "committee", 9) == 0)
			return 1;
	return 0;
}

/* The organization an action took place in: its body (a committee when
 * the name says so), else the council. */
static json_t *action_org(const ot_action *a, const char *council)
{
	if (!a->body)
		return org(council, "legislature");
	return org(a->body, says_committee(a->body) ? "committee" : "legislature");
}

/* A description for an action recorded without text. */
static void action_description(ot_buf *out, const ot_action *a)
{
	static const char *const words[OT_ACTION_N] = {
		[OT_ACTION_INTRODUCTION] = "Introduced",
		[OT_ACTION_REFERRAL_COMMITTEE] = "Referred to committee",
		[OT_ACTION_REFERRAL] = "Referred",
		[OT_ACTION_COMMITTEE_PASSAGE] = "Recommended to pass by committee",
		[OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE] = "Recommended favorably by committee",
		[OT_ACTION_COMMITTEE_PASSAGE_UNFAVORABLE] = "Recommended unfavorably by committee",
		[OT_ACTION_COMMITTEE_FAILURE] = "Failed in committee",
		[OT_ACTION_SUBSTITUTION] = "Substituted",
		[OT_ACTION_PASSAGE] = "Passed",
		[OT_ACTION_FAILURE] = "Failed",
		[OT_ACTION_WITHDRAWAL] = "Withdrawn",
		[OT_ACTION_DEFERRAL] = "Deferred",
		[OT_ACTION_EXECUTIVE_SIGNATURE] = "Signed by the executive",
		[OT_ACTION_EXECUTIVE_VETO] = "Vetoed by the executive",
		[OT_ACTION_BECAME_LAW] = "Became law"};
	const char *p, *name = ot_action_type_names[a->type];
	if (a->text && *a->text) {
		ot_buf_puts(out, a->text);
		return;
	}
	if (words[a->type]) {
		ot_buf_puts(out, words[a->type]);
		if (a->body && (a->type == OT_ACTION_REFERRAL || a->type == OT_ACTION_REFERRAL_COMMITTEE))
			ot_buf_printf(out, ": %s", a->body);
		return;
	}
	/* "amendment-introduction" -> "Amendment introduction" */
	for (p = name; *p; p++)
		ot_buf_putc(out, p == name && *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p == '-' ? ' ' : *p);
}

static json_t *vote_event(const ot_record *r, const ot_vote *v, const char *council, const char *session)
{
	json_t *o = json_object(), *counts = json_array(), *votes = json_array(), *extras = json_object();
	size_t i;
	json_object_set_new(o, "identifier", json_string(""));
	json_object_set_new(o, "motion_text", json_string(v->motion));
	json_object_set_new(o, "motion_classification", json_array());
	json_object_set_new(o, "start_date", json_string(v->date));
	json_object_set_new(o, "result", json_string(ot_vote_result_names[v->result]));
	json_object_set_new(o, "organization", org(council, "legislature"));
	json_object_set_new(o, "legislative_session", ot_json_str_or_null(session));
	json_object_set_new(o, "bill", json_string(r->id));
	for (i = 0; i < OT_VOTE_NOPTIONS; i++) {
		json_t *c = json_object();
		json_object_set_new(c, "option", json_string(ot_ocd_vote_option((ot_vote_option)i)));
		json_object_set_new(c, "value", json_integer((json_int_t)v->counts[i]));
		json_array_append_new(counts, c);
	}
	json_object_set_new(o, "counts", counts);
	for (i = 0; i < v->nroll; i++) {
		json_t *x = json_object();
		json_object_set_new(x, "option", json_string(ot_ocd_vote_option(v->roll[i].option)));
		json_object_set_new(x, "voter_name", json_string(v->roll[i].name));
		json_object_set_new(x, "note", json_string(""));
		json_array_append_new(votes, x);
	}
	json_object_set_new(o, "votes", votes);
	json_object_set_new(o, "sources", json_array());
	if (v->threshold != OT_THRESHOLD_NONE)
		json_object_set_new(extras, "threshold", json_string(ot_threshold_names[v->threshold]));
	if (v->forced)
		json_object_set_new(extras, "forced", json_string(v->forced));
	json_object_set_new(o, "extras", extras);
	return o;
}

int ot_export_ocd(ot_buf *out, const ot_record *r, const ot_export_opts *opts)
{
	const char *council = opts && opts->organization ? opts->organization : "City Council";
	const char *session = opts ? opts->session : NULL;
	json_t *root = json_object(), *bill = json_object(), *arr, *extras, *ords;
	char *s;
	size_t i;

	if (ot_text_check("organization", council, 0) < 0 || (session && ot_text_check("session", session, 0) < 0)) {
		json_decref(root);
		json_decref(bill);
		return OT_EINVALID;
	}
	json_object_set_new(bill, "identifier", json_string(r->id));
	json_object_set_new(bill, "legislative_session", ot_json_str_or_null(session));
	json_object_set_new(bill, "title", json_string(r->title));
	arr = json_array();
	json_array_append_new(arr, json_string(
		/* record types are OCD bill classifications already, but for the
		 * substitute ordinance, which OCD files as an ordinance */
		ot_record_type_names[r->type == OT_RECORD_SUBSTITUTE ? OT_RECORD_ORDINANCE : r->type]));
	json_object_set_new(bill, "classification", arr);
	json_object_set_new(bill, "from_organization", org(council, "legislature"));

	arr = json_array();
	for (i = 0; i < r->nsponsors; i++) {
		json_t *sp = json_object();
		json_object_set_new(sp, "name", json_string(r->sponsors[i]));
		json_object_set_new(sp, "classification", json_string(i == 0 ? "Primary Sponsor" : "cosponsor"));
		json_object_set_new(sp, "entity_type", json_string("person"));
		json_object_set_new(sp, "primary", json_boolean(i == 0));
		json_array_append_new(arr, sp);
	}
	json_object_set_new(bill, "sponsorships", arr);

	arr = json_array();
	for (i = 0; i < r->nactions; i++) {
		const ot_action *a = &r->actions[i];
		json_t *x = json_object(), *cl = json_array();
		ot_buf d = OT_BUF_INIT;
		action_description(&d, a);
		json_object_set_new(x, "description", json_string(d.ptr));
		json_object_set_new(x, "date", json_string(a->date));
		json_object_set_new(x, "organization", action_org(a, council));
		if (!ot_action_type_is_local(a->type)) /* OCD has no class for ours */
			json_array_append_new(cl, json_string(ot_action_type_names[a->type]));
		json_object_set_new(x, "classification", cl);
		json_object_set_new(x, "related_entities", json_array());
		json_array_append_new(arr, x);
		ot_buf_release(&d);
	}
	json_object_set_new(bill, "actions", arr);

	arr = json_array();
	for (i = 0; i < r->nversions; i++) {
		const ot_record_version *v = &r->versions[i];
		json_t *x = json_object();
		ot_buf note = OT_BUF_INIT;
		ot_buf_printf(&note, "Version %d (%s)", v->number, ot_stage_names[v->stage]);
		json_object_set_new(x, "note", json_string(note.ptr));
		json_object_set_new(x, "date", json_string(v->date));
		json_object_set_new(x, "links", json_array());
		json_array_append_new(arr, x);
		ot_buf_release(&note);
	}
	json_object_set_new(bill, "versions", arr);
	json_object_set_new(bill, "documents", json_array());
	json_object_set_new(bill, "sources", json_array());
	extras = json_object();
	json_object_set_new(extras, "status", json_string(ot_status_names[r->status]));
	ords = json_array();
	for (i = 0; i < r->nordinances; i++)
		json_array_append_new(ords, json_string(r->ordinances[i]));
	json_object_set_new(extras, "ordinances", ords);
	json_object_set_new(extras, "closed", ot_json_str_or_null(r->closed));
	json_object_set_new(extras, "effective", ot_json_str_or_null(r->effective));
	json_object_set_new(bill, "extras", extras);
	json_object_set_new(root, "bill", bill);

	arr = json_array();
	for (i = 0; i < r->nvotes; i++)
		json_array_append_new(arr, vote_event(r, &r->votes[i], council, session));
	json_object_set_new(root, "vote_events", arr);

	s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (!s)
		return ot_error_set(-1, "cannot encode the Open Civic Data JSON (invalid UTF-8 in the record?)");
	ot_buf_puts(out, s);
	ot_buf_putc(out, '\n');
	free(s);
	return 0;
}

/* ---- reading a vote event ----------------------------------------------------- */

int ot_ocd_vote_sniff(const char *data, size_t len)
{
	size_t i = 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	/* '[' too: a JSON array is no roll call either, and the reader says
	 * what is wrong with it rather than the CSV reader */
	return i < len && (data[i] == '{' || data[i] == '[');
}

void ot_ocd_vote_release(ot_vote *v)
{
	size_t i;
	free(v->date);
	free(v->motion);
	for (i = 0; i < v->nroll; i++)
		free(v->roll[i].name);
	free(v->roll);
	memset(v, 0, sizeof(*v));
}

/* The option of an OCD vote or count, or -1 with a message. */
static int read_option(const char *name, const char *where, const char *opt)
{
	int o;
	if (strcmp(opt, "paired") == 0 || strcmp(opt, "other") == 0)
		return ot_error_set(OT_EINVALID,
				    "%s: %s: option '%s' has no ordtrack equivalent; record it as yes, no, abstain, absent, excused or not voting",
				    name, where, opt);
	o = ot_vote_option_parse(opt);
	if (o < 0)
		return ot_error_set(OT_EINVALID,
				    "%s: %s: unknown option '%s'; Open Civic Data uses yes, no, abstain, absent, excused, not voting",
				    name, where, opt);
	return o;
}

/* An optional string member: NULL when absent or null; error when of
 * another type or invalid text. */
static int opt_string(const char **out, json_t *obj, const char *key, const char *name)
{
	json_t *x = json_object_get(obj, key);
	*out = NULL;
	if (!x || json_is_null(x))
		return 0;
	if (!json_is_string(x))
		return ot_error_set(OT_EINVALID, "%s: \"%s\" must be a string", name, key);
	*out = json_string_value(x);
	if (!**out) {
		*out = NULL;
		return 0;
	}
	if (ot_text_check(key, *out, 0) < 0)
		return ot_error_set(OT_EINVALID, "%s: %s", name, ot_error_last());
	return 0;
}

/* Legistar's EventItems/{id}/Votes: an array of {"VotePersonName",
 * "VoteValueName", ...}; it says nothing of the motion, date or result. */
static int read_legistar_votes(ot_vote *out, json_t *root, const char *name)
{
	json_t *x;
	size_t i;
	char where[64];
	int o;
	if (json_array_size(root) == 0)
		return ot_error_set(OT_EINVALID, "%s: the roll call lists no members", name);
	json_array_foreach(root, i, x) {
		json_t *jn = json_object_get(x, "VotePersonName"), *jv = json_object_get(x, "VoteValueName");
		snprintf(where, sizeof(where), "[%zu]", i);
		if (!json_is_object(x) || !json_is_string(jn) || !json_is_string(jv))
			return ot_error_set(OT_EINVALID,
					    "%s: %s needs \"VotePersonName\" and \"VoteValueName\" strings (a JSON array is read as Legistar's EventItems/{id}/Votes; an Open Civic Data vote event is an object)",
					    name, where);
		if (!*json_string_value(jn) || ot_text_check("VotePersonName", json_string_value(jn), 0) < 0)
			return ot_error_set(OT_EINVALID, "%s: %s: the VotePersonName is empty or not plain text", name,
					    where);
		if ((o = read_option(name, where, json_string_value(jv))) < 0)
			return o;
		*OT_ARRAY_PUSH(out->roll, out->nroll, out->cap) =
			(ot_roll_entry){ot_strdup(json_string_value(jn)), (ot_vote_option)o};
		out->counts[o]++;
	}
	return 0;
}

/* The record a vote event's "bill" names: an identifier as it is, or the
 * "identifier" of a pupa pseudo-id ("~{\"identifier\": \"O2021-117\", ...}");
 * NULL for a pupa _id ("ocd-bill/..."), which names a scraped file this
 * reader does not have, so there is nothing to compare. */
static int bill_identifier(char **out, const char *bill, const char *name)
{
	json_t *pseudo, *id;
	json_error_t je;
	*out = NULL;
	if (strncmp(bill, "ocd-bill/", 9) == 0)
		return 0;
	if (bill[0] != '~') {
		*out = ot_strdup(bill);
		return 0;
	}
	pseudo = json_loads(bill + 1, JSON_REJECT_DUPLICATES, &je);
	id = json_object_get(pseudo, "identifier");
	if (!json_is_string(id) || !*json_string_value(id)) {
		json_decref(pseudo);
		return ot_error_set(OT_EINVALID, "%s: \"bill\" is a pseudo-id without an \"identifier\" string", name);
	}
	*out = ot_strdup(json_string_value(id));
	json_decref(pseudo);
	return 0;
}

int ot_ocd_vote_read(ot_vote *out, char **bill_out, const char *data, size_t len, const char *name)
{
	json_error_t je;
	json_t *root = NULL, *votes, *counts, *x;
	size_t i, tally[OT_VOTE_NOPTIONS] = {0}, given[OT_VOTE_NOPTIONS] = {0};
	int seen[OT_VOTE_NOPTIONS] = {0};
	const char *motion, *date, *result, *bill;
	char where[64];
	int err = 0, o;

	memset(out, 0, sizeof(*out));
	if (bill_out)
		*bill_out = NULL;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3; /* a byte-order mark, as ot_ocd_vote_sniff allows */
		len -= 3;
	}
	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		return ot_error_set(OT_EINVALID, "%s:%d: not valid JSON: %s", name, je.line, je.text);
	if (json_is_array(root)) {
		err = read_legistar_votes(out, root, name);
		goto done;
	}
	if (!json_is_object(root)) {
		err = ot_error_set(OT_EINVALID, "%s: not a JSON object; an Open Civic Data vote event is an object", name);
		goto done;
	}
	votes = json_object_get(root, "votes");
	if (!json_is_array(votes)) {
		err = ot_error_set(OT_EINVALID,
				   "%s: no \"votes\" array; an Open Civic Data vote event lists {\"option\", \"voter_name\"} in \"votes\"",
				   name);
		goto done;
	}
	if (json_array_size(votes) == 0) {
		err = ot_error_set(OT_EINVALID, "%s: the roll call lists no members", name);
		goto done;
	}
	json_array_foreach(votes, i, x) {
		json_t *jo, *jn;
		snprintf(where, sizeof(where), "votes[%zu]", i);
		jo = json_object_get(x, "option");
		jn = json_object_get(x, "voter_name");
		if (!json_is_object(x) || !json_is_string(jo) || !json_is_string(jn)) {
			err = ot_error_set(OT_EINVALID, "%s: %s needs \"option\" and \"voter_name\" strings", name, where);
			goto done;
		}
		if (!*json_string_value(jn) || ot_text_check("voter_name", json_string_value(jn), 0) < 0) {
			err = ot_error_set(OT_EINVALID, "%s: %s: the voter_name is empty or not plain text", name, where);
			goto done;
		}
		if ((o = read_option(name, where, json_string_value(jo))) < 0) {
			err = o;
			goto done;
		}
		*OT_ARRAY_PUSH(out->roll, out->nroll, out->cap) =
			(ot_roll_entry){ot_strdup(json_string_value(jn)), (ot_vote_option)o};
		tally[o]++;
	}
	counts = json_object_get(root, "counts");
	/* pupa writes "counts": [] when a scraper gave none: nothing to check */
	if (counts && !json_is_null(counts) && !(json_is_array(counts) && json_array_size(counts) == 0)) {
		if (!json_is_array(counts)) {
			err = ot_error_set(OT_EINVALID, "%s: \"counts\" must be an array of {\"option\", \"value\"}", name);
			goto done;
		}
		json_array_foreach(counts, i, x) {
			json_t *jo = json_object_get(x, "option"), *jv = json_object_get(x, "value");
			const char *os;
			snprintf(where, sizeof(where), "counts[%zu]", i);
			if (!json_is_object(x) || !json_is_string(jo) || !json_is_integer(jv) || json_integer_value(jv) < 0 ||
			    json_integer_value(jv) > 100000) {
				err = ot_error_set(OT_EINVALID, "%s: %s needs an \"option\" string and a \"value\" from 0 up",
						   name, where);
				goto done;
			}
			os = json_string_value(jo);
			if ((strcmp(os, "paired") == 0 || strcmp(os, "other") == 0)) {
				if (json_integer_value(jv) != 0) {
					err = ot_error_set(OT_EINVALID,
							   "%s: the counts give %lld '%s' but the votes list none; ordtrack records yes, no, abstain, absent, excused and not voting",
							   name, (long long)json_integer_value(jv), os);
					goto done;
				}
				continue;
			}
			if ((o = read_option(name, where, os)) < 0) {
				err = o;
				goto done;
			}
			if (seen[o]++) {
				err = ot_error_set(OT_EINVALID, "%s: %s: the count of '%s' is given twice", name, where, os);
				goto done;
			}
			given[o] = (size_t)json_integer_value(jv);
		}
		for (i = 0; i < OT_VOTE_NOPTIONS; i++)
			if (given[i] != tally[i]) {
				err = ot_error_set(OT_EINVALID,
						   "%s: the counts say %zu %s but the votes list %zu; correct the counts or the votes",
						   name, given[i], ot_ocd_vote_option((ot_vote_option)i), tally[i]);
				goto done;
			}
	}
	if ((err = opt_string(&motion, root, "motion_text", name)) < 0 ||
	    (err = opt_string(&date, root, "start_date", name)) < 0 ||
	    (err = opt_string(&result, root, "result", name)) < 0 || (err = opt_string(&bill, root, "bill", name)) < 0)
		goto done;
	if (date) {
		/* a date, or a date and time: keep the date */
		size_t dl = strlen(date);
		if (dl < 10 || (dl > 10 && date[10] != 'T' && date[10] != ' ')) {
			err = ot_error_set(OT_EINVALID, "%s: start_date '%s' is not YYYY-MM-DD (with an optional time)",
					   name, date);
			goto done;
		}
		out->date = ot_strndup(date, 10);
		if (ot_date_parse(NULL, out->date) < 0) {
			err = ot_error_set(OT_EINVALID, "%s: start_date: %s", name, ot_error_last());
			goto done;
		}
	}
	if (result) {
		int res = ot_vote_result_parse(result);
		if (res < 0) {
			err = ot_error_set(OT_EINVALID, "%s: result '%s' is not pass or fail", name, result);
			goto done;
		}
		out->result = (ot_vote_result)res;
	}
	if (motion)
		out->motion = ot_strdup(motion);
	if (bill) {
		char *id = NULL;
		if ((err = bill_identifier(&id, bill, name)) < 0)
			goto done;
		if (bill_out)
			*bill_out = id;
		else
			free(id);
	}
	for (i = 0; i < OT_VOTE_NOPTIONS; i++)
		out->counts[i] = tally[i];
done:
	json_decref(root);
	if (err)
		ot_ocd_vote_release(out);
	return err;
}
