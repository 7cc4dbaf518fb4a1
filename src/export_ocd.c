/*
 * export_ocd.c - Open Civic Data: a record as an OCD bill with its vote
 * events (JSON, through jansson), each written as pupa's scrapers write a
 * scraped object, so that it validates against pupa's own scrape schemas
 * (tests/data/pupa-schemas, checked by tests/cli/validate_ocd.py) and
 * pupa's importer can resolve what it refers to; and an OCD vote event
 * read back as a roll call for `ordtrack vote --roll FILE.json`.
 *
 * A tracker knows no OCD ids, so every reference is a pupa pseudo-id: "~"
 * and a JSON object of the fields the importer looks the object up by
 * (keys sorted, ", " and ": " between them, as pupa's _make_pseudo_id):
 * the council is {"classification": "legislature"} (with the "name" given
 * by --organization), a committee {"classification": "committee", "name"},
 * any other body, department or sponsor that is no member {"name"}, a
 * member {"name"} of the person, and a vote's bill {"identifier",
 * "legislative_session__identifier", "from_organization__classification"}
 * as pupa's VoteEvent.set_bill makes it.  A vote event belongs to an
 * action of its date (vote_action): the one whose text or description is
 * its motion, else the vote-taking one (passage, failure, committee or
 * amendment passage and failure, veto override) that agrees with its
 * result; that action gives its bill_action (the action's description,
 * which pupa's importer matches), motion_classification (the action's OCD
 * type, as pupa's Chicago scraper gives it) and organization.  Sources
 * are the record's source links, else opts->source_url; `_id`s (and file
 * names) come from the record id, so the same record gives the same bytes.
 * docs/export.md has the tables.
 *
 * Ownership: the exporter builds one jansson tree per object and dumps it
 * into the caller's buffer (or a file of its own, ot_ocd_file); the reader
 * fills an ot_vote whose strings and roll it allocates
 * (ot_ocd_vote_release frees them).
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

typedef struct ocd {
	const ot_record *r;
	const char *council;  /* the council's name when given, else NULL */
	const char *session;
	const ot_members *members;
	json_t *sources;      /* the record's sources, copied into each object */
	char *council_ref;
} ocd;

/* A pupa pseudo-id of the fields (key, value pairs, NULL-terminated):
 * "~" and their JSON, keys sorted (pupa: json.dumps(kwargs,
 * sort_keys=True)).  A new string. */
static char *pseudo_id(const char *k1, const char *v1, const char *k2, const char *v2, const char *k3,
		       const char *v3)
{
	json_t *o = json_object();
	ot_buf b = OT_BUF_INIT;
	char *s;
	json_object_set_new(o, k1, json_string(v1));
	if (k2)
		json_object_set_new(o, k2, json_string(v2));
	if (k3)
		json_object_set_new(o, k3, json_string(v3));
	s = json_dumps(o, JSON_SORT_KEYS);
	json_decref(o);
	ot_buf_putc(&b, '~');
	ot_buf_puts(&b, s ? s : "{}");
	free(s);
	return ot_buf_detach(&b);
}

static json_t *json_take(char *s)
{
	json_t *j = json_string(s);
	free(s);
	return j;
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

/* The organization an action took place in, as a pseudo-id: the council
 * when it has no body or the body is the council, a committee when the
 * name says so, else the body by name. */
static char *body_ref(const ocd *x, const char *body)
{
	if (!body || strcasecmp(body, "City Council") == 0 || (x->council && strcasecmp(body, x->council) == 0))
		return ot_strdup(x->council_ref);
	if (says_committee(body))
		return pseudo_id("classification", "committee", "name", body, NULL, NULL);
	return pseudo_id("name", body, NULL, NULL, NULL, NULL);
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

/* +1 for an action a vote that passes decides, -1 for one a failing vote
 * decides, 0 for an action no vote is taken on. */
static int vote_side(ot_action_type t)
{
	switch (t) {
	case OT_ACTION_PASSAGE:
	case OT_ACTION_COMMITTEE_PASSAGE:
	case OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE:
	case OT_ACTION_COMMITTEE_PASSAGE_UNFAVORABLE:
	case OT_ACTION_AMENDMENT_PASSAGE:
	case OT_ACTION_VETO_OVERRIDE_PASSAGE:
		return 1;
	case OT_ACTION_FAILURE:
	case OT_ACTION_COMMITTEE_FAILURE:
	case OT_ACTION_AMENDMENT_FAILURE:
	case OT_ACTION_VETO_OVERRIDE_FAILURE:
		return -1;
	default:
		return 0;
	}
}

/* The action vote v belongs to, one not in taken[] (each action has one
 * vote event at most, as pupa matches them): of the actions on its date,
 * in the order recorded, the first whose text is the motion, else whose
 * description is, else the first a vote with its result decides;
 * (size_t)-1 when none. */
static size_t vote_action(const ot_record *r, const ot_vote *v, const char *taken)
{
	size_t i;
	int side = v->result == OT_RESULT_FAIL ? -1 : 1;
	for (i = 0; i < r->nactions; i++)
		if (!taken[i] && strcmp(r->actions[i].date, v->date) == 0 && r->actions[i].text &&
		    strcasecmp(r->actions[i].text, v->motion) == 0)
			return i;
	for (i = 0; i < r->nactions; i++) {
		ot_buf d = OT_BUF_INIT;
		int same;
		if (taken[i] || r->actions[i].text || strcmp(r->actions[i].date, v->date) != 0)
			continue;
		action_description(&d, &r->actions[i]);
		same = strcasecmp(d.ptr, v->motion) == 0;
		ot_buf_release(&d);
		if (same)
			return i;
	}
	for (i = 0; i < r->nactions; i++)
		if (!taken[i] && strcmp(r->actions[i].date, v->date) == 0 && vote_side(r->actions[i].type) == side)
			return i;
	return (size_t)-1;
}

/* The media type of a link, told by the extension of its path; "" when
 * unknown (pupa's default). */
static const char *media_type(const char *url)
{
	static const char *const types[][2] = {
		{".pdf", "application/pdf"},
		{".html", "text/html"},
		{".htm", "text/html"},
		{".txt", "text/plain"},
		{".xml", "application/xml"},
		{".doc", "application/msword"},
		{".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}};
	size_t end = strcspn(url, "?#"), i, n;
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		n = strlen(types[i][0]);
		if (end > n && strncasecmp(url + end - n, types[i][0], n) == 0)
			return types[i][1];
	}
	return "";
}

/* Links of one kind as OCD versions or documents: one entry per note (in
 * the order the notes first appear; `unnamed` for links without one),
 * each with its links {url, media_type, text} as pupa's add_version_link
 * writes them. */
static void links_as_entries(json_t *arr, const ot_record *r, ot_link_kind kind, const char *unnamed)
{
	size_t i, k;
	for (i = 0; i < r->nlinks; i++) {
		const ot_link *l = &r->links[i];
		const char *note = l->note && *l->note ? l->note : unnamed;
		json_t *e, *links, *x;
		if (l->kind != kind)
			continue;
		for (k = 0; k < i; k++) /* a note seen before: its entry has this link */
			if (r->links[k].kind == kind &&
			    strcmp(r->links[k].note && *r->links[k].note ? r->links[k].note : unnamed, note) == 0)
				break;
		if (k < i)
			continue;
		e = json_object();
		links = json_array();
		json_object_set_new(e, "note", json_string(note));
		json_object_set_new(e, "date", json_string(""));
		for (k = i; k < r->nlinks; k++) {
			const ot_link *m = &r->links[k];
			if (m->kind != kind || strcmp(m->note && *m->note ? m->note : unnamed, note) != 0)
				continue;
			x = json_object();
			json_object_set_new(x, "url", json_string(m->url));
			json_object_set_new(x, "media_type", json_string(media_type(m->url)));
			json_object_set_new(x, "text", json_string(""));
			json_array_append_new(links, x);
		}
		json_object_set_new(e, "links", links);
		json_array_append_new(arr, e);
	}
}

/* 0 when url is one pupa's "uri" format accepts (http://, https://,
 * ftp://, then something), plain text; else OT_EINVALID naming it. */
static int url_check(const ot_record *r, const char *what, const char *url)
{
	static const char *const schemes[] = {"http://", "https://", "ftp://"};
	size_t i;
	for (i = 0; i < 3; i++)
		if (strncmp(url, schemes[i], strlen(schemes[i])) == 0 && url[strlen(schemes[i])] &&
		    !strpbrk(url, " \t\r\n") && ot_text_check(what, url, 0) == 0)
			return 0;
	return ot_error_set(OT_EINVALID,
			    "%s: %s '%.200s' is not an http, https or ftp URL, as Open Civic Data's sources and links must be",
			    r->id, what, url);
}

/* The record's sources: its source links, else the source URL given. */
static int sources(json_t **out, const ot_record *r, const ot_export_opts *opts)
{
	json_t *arr = json_array(), *x;
	size_t i;
	int err;
	*out = NULL;
	for (i = 0; i < r->nlinks; i++) {
		if (r->links[i].kind != OT_LINK_SOURCE)
			continue;
		if ((err = url_check(r, "source link", r->links[i].url)) < 0)
			goto fail;
		x = json_object();
		json_object_set_new(x, "url", json_string(r->links[i].url));
		json_object_set_new(x, "note", json_string(r->links[i].note ? r->links[i].note : ""));
		json_array_append_new(arr, x);
	}
	if (json_array_size(arr) == 0) {
		if (!opts || !opts->source_url) {
			err = ot_error_set(OT_EINVALID,
					   "%s has no source link and no source URL was given; Open Civic Data needs a source for every bill and vote event",
					   r->id);
			goto fail;
		}
		if ((err = url_check(r, "source URL", opts->source_url)) < 0)
			goto fail;
		x = json_object();
		json_object_set_new(x, "url", json_string(opts->source_url));
		json_object_set_new(x, "note", json_string("ordtrack export"));
		json_array_append_new(arr, x);
	}
	*out = arr;
	return 0;
fail:
	json_decref(arr);
	return err;
}

static json_t *sponsorships(const ocd *x)
{
	const ot_record *r = x->r;
	json_t *arr = json_array();
	size_t i;
	for (i = 0; i < r->nsponsors; i++) {
		const char *name = r->sponsors[i];
		const ot_member *m = NULL;
		json_t *sp = json_object();
		if (x->members && !(m = ot_members_find(x->members, name, r->introduced)))
			m = ot_members_find(x->members, name, NULL);
		json_object_set_new(sp, "name", json_string(name));
		/* the words pupa's Chicago scraper gives the first and the rest */
		json_object_set_new(sp, "classification", json_string(i == 0 ? "Primary" : "Regular"));
		/* entity_type "" when there is no member list to tell by */
		json_object_set_new(sp, "entity_type", json_string(!x->members ? "" : m ? "person" : "organization"));
		json_object_set_new(sp, "primary", json_boolean(i == 0));
		json_object_set_new(sp, "person_id", m ? json_take(pseudo_id("name", m->name, NULL, NULL, NULL, NULL))
							: json_null());
		json_object_set_new(sp, "organization_id", x->members && !m
								   ? json_take(pseudo_id("name", name, NULL, NULL, NULL, NULL))
								   : json_null());
		json_array_append_new(arr, sp);
	}
	return arr;
}

static json_t *actions(const ocd *x)
{
	const ot_record *r = x->r;
	json_t *arr = json_array();
	size_t i;
	for (i = 0; i < r->nactions; i++) {
		const ot_action *a = &r->actions[i];
		json_t *o = json_object(), *cl = json_array(), *extras = json_object();
		ot_buf d = OT_BUF_INIT;
		action_description(&d, a);
		json_object_set_new(o, "description", json_string(d.ptr));
		json_object_set_new(o, "date", json_string(a->date));
		json_object_set_new(o, "organization_id", json_take(body_ref(x, a->body)));
		if (!ot_action_type_is_local(a->type)) /* OCD has no class for ours */
			json_array_append_new(cl, json_string(ot_action_type_names[a->type]));
		json_object_set_new(o, "classification", cl);
		json_object_set_new(o, "related_entities", json_array());
		json_object_set_new(extras, "ordtrack_type", json_string(ot_action_type_names[a->type]));
		if (a->source)
			json_object_set_new(extras, "source_id", json_string(a->source));
		json_object_set_new(o, "extras", extras);
		json_array_append_new(arr, o);
		ot_buf_release(&d);
	}
	return arr;
}

static char *bill_id(const ot_record *r)
{
	ot_buf b = OT_BUF_INIT;
	ot_buf_printf(&b, "ordtrack-%s", r->id);
	return ot_buf_detach(&b);
}

static json_t *bill(const ocd *x)
{
	const ot_record *r = x->r;
	json_t *b = json_object(), *arr, *extras;
	size_t i;

	json_object_set_new(b, "_id", json_take(bill_id(r)));
	json_object_set_new(b, "identifier", json_string(r->id));
	json_object_set_new(b, "legislative_session", json_string(x->session));
	json_object_set_new(b, "title", json_string(r->title));
	arr = json_array();
	/* record types are OCD bill classifications already, but for the
	 * substitute ordinance, which OCD files as an ordinance, and the
	 * communications and reports, which OCD has no class for */
	if (r->type != OT_RECORD_COMMUNICATION && r->type != OT_RECORD_REPORT)
		json_array_append_new(arr, json_string(
			ot_record_type_names[r->type == OT_RECORD_SUBSTITUTE ? OT_RECORD_ORDINANCE : r->type]));
	json_object_set_new(b, "classification", arr);
	json_object_set_new(b, "from_organization", json_string(x->council_ref));
	json_object_set_new(b, "subject", json_array());
	json_object_set_new(b, "abstracts", json_array());
	json_object_set_new(b, "other_titles", json_array());
	json_object_set_new(b, "other_identifiers", json_array());
	json_object_set_new(b, "sponsorships", sponsorships(x));
	json_object_set_new(b, "actions", actions(x));
	json_object_set_new(b, "related_bills", json_array());

	arr = json_array();
	for (i = 0; i < r->nversions; i++) {
		const ot_record_version *v = &r->versions[i];
		json_t *o = json_object();
		ot_buf note = OT_BUF_INIT;
		ot_buf_printf(&note, "Version %d (%s)", v->number, ot_stage_names[v->stage]);
		json_object_set_new(o, "note", json_string(note.ptr));
		json_object_set_new(o, "date", json_string(v->date));
		json_object_set_new(o, "links", json_array());
		json_array_append_new(arr, o);
		ot_buf_release(&note);
	}
	links_as_entries(arr, r, OT_LINK_VERSION, "Text");
	json_object_set_new(b, "versions", arr);
	arr = json_array();
	links_as_entries(arr, r, OT_LINK_DOCUMENT, "Document");
	json_object_set_new(b, "documents", arr);
	json_object_set_new(b, "sources", json_deep_copy(x->sources));

	extras = json_object();
	json_object_set_new(extras, "ordtrack_id", json_string(r->id));
	json_object_set_new(extras, "ordtrack_type", json_string(ot_record_type_names[r->type]));
	json_object_set_new(extras, "status", json_string(ot_status_names[r->status]));
	json_object_set_new(extras, "ordinances", ot_json_strv(r->ordinances, r->nordinances));
	json_object_set_new(extras, "closed", ot_json_str_or_null(r->closed));
	json_object_set_new(extras, "effective", ot_json_str_or_null(r->effective));
	if (r->source)
		json_object_set_new(extras, "source_id", json_string(r->source));
	json_object_set_new(b, "extras", extras);
	return b;
}

/* Vote event n (0-based) of the record, on action `act` (SIZE_MAX: none). */
static json_t *vote_event(const ocd *x, size_t n, size_t act)
{
	const ot_record *r = x->r;
	const ot_vote *v = &r->votes[n];
	const ot_action *a = act < r->nactions ? &r->actions[act] : NULL;
	json_t *o = json_object(), *arr, *extras = json_object();
	ot_buf b = OT_BUF_INIT;
	size_t i;

	ot_buf_printf(&b, "ordtrack-%s-vote-%zu", r->id, n + 1);
	json_object_set_new(o, "_id", json_string(b.ptr));
	json_object_set_new(o, "identifier", json_string(""));
	json_object_set_new(o, "motion_text", json_string(v->motion));
	arr = json_array();
	if (a && !ot_action_type_is_local(a->type))
		json_array_append_new(arr, json_string(ot_action_type_names[a->type]));
	json_object_set_new(o, "motion_classification", arr);
	json_object_set_new(o, "start_date", json_string(v->date));
	json_object_set_new(o, "result", json_string(ot_vote_result_names[v->result]));
	json_object_set_new(o, "organization", a ? json_take(body_ref(x, a->body)) : json_string(x->council_ref));
	json_object_set_new(o, "legislative_session", json_string(x->session));
	json_object_set_new(o, "bill", json_take(pseudo_id("identifier", r->id, "legislative_session__identifier",
							   x->session, "from_organization__classification",
							   "legislature")));
	if (a) {
		ot_buf_clear(&b);
		action_description(&b, a);
		json_object_set_new(o, "bill_action", json_string(b.ptr));
	} else {
		json_object_set_new(o, "bill_action", json_null());
	}
	arr = json_array();
	for (i = 0; i < OT_VOTE_NOPTIONS; i++) {
		json_t *c = json_object();
		json_object_set_new(c, "option", json_string(ot_ocd_vote_option((ot_vote_option)i)));
		json_object_set_new(c, "value", json_integer((json_int_t)v->counts[i]));
		json_array_append_new(arr, c);
	}
	json_object_set_new(o, "counts", arr);
	arr = json_array();
	for (i = 0; i < v->nroll; i++) {
		json_t *e = json_object();
		json_object_set_new(e, "option", json_string(ot_ocd_vote_option(v->roll[i].option)));
		json_object_set_new(e, "voter_name", json_string(v->roll[i].name));
		json_object_set_new(e, "voter_id", json_take(pseudo_id("name", v->roll[i].name, NULL, NULL, NULL, NULL)));
		json_object_set_new(e, "note", json_string(""));
		json_array_append_new(arr, e);
	}
	json_object_set_new(o, "votes", arr);
	json_object_set_new(o, "sources", json_deep_copy(x->sources));
	if (v->threshold != OT_THRESHOLD_NONE)
		json_object_set_new(extras, "threshold", json_string(ot_threshold_names[v->threshold]));
	if (v->forced)
		json_object_set_new(extras, "forced", json_string(v->forced));
	if (v->source)
		json_object_set_new(extras, "source_id", json_string(v->source));
	json_object_set_new(o, "extras", extras);
	ot_buf_release(&b);
	return o;
}

/* The bill and an array of its vote events, new references. */
static int build(json_t **bill_out, json_t **votes_out, const ot_record *r, const ot_export_opts *opts)
{
	ocd x;
	json_t *votes;
	char *taken = NULL;
	size_t i;
	int err;

	*bill_out = *votes_out = NULL;
	memset(&x, 0, sizeof(x));
	x.r = r;
	x.council = opts ? opts->organization : NULL;
	x.session = opts ? opts->session : NULL;
	x.members = opts ? opts->members : NULL;
	if (!x.session || !*x.session)
		return ot_error_set(OT_EINVALID,
				    "%s: an Open Civic Data export needs a legislative session (pupa files every bill and vote event under one)",
				    r->id);
	if ((x.council && ot_text_check("organization", x.council, 0) < 0) || ot_text_check("session", x.session, 0) < 0)
		return OT_EINVALID;
	for (i = 0; i < r->nvotes; i++)
		if (r->votes[i].result != OT_RESULT_PASS && r->votes[i].result != OT_RESULT_FAIL)
			return ot_error_set(OT_EINVALID, "%s: vote %zu has no result; OCD needs pass or fail", r->id,
					    i + 1);
	for (i = 0; i < r->nlinks; i++)
		if (r->links[i].kind != OT_LINK_SOURCE &&
		    (err = url_check(r, r->links[i].kind == OT_LINK_VERSION ? "version link" : "document link",
				     r->links[i].url)) < 0)
			return err;
	if ((err = sources(&x.sources, r, opts)) < 0)
		return err;
	x.council_ref = x.council ? pseudo_id("classification", "legislature", "name", x.council, NULL, NULL)
				  : pseudo_id("classification", "legislature", NULL, NULL, NULL, NULL);
	*bill_out = bill(&x);
	votes = json_array();
	taken = ot_calloc(r->nactions + 1, 1);
	for (i = 0; i < r->nvotes; i++) {
		size_t act = vote_action(r, &r->votes[i], taken);
		if (act < r->nactions)
			taken[act] = 1;
		json_array_append_new(votes, vote_event(&x, i, act));
	}
	*votes_out = votes;
	free(taken);
	free(x.council_ref);
	json_decref(x.sources);
	return 0;
}

/* Dump j (two-space indent, final newline) into out; consumes j. */
static int dump(ot_buf *out, json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(j);
	if (!s)
		return ot_error_set(-1, "cannot encode the Open Civic Data JSON (invalid UTF-8 in the record?)");
	ot_buf_puts(out, s);
	ot_buf_putc(out, '\n');
	free(s);
	return 0;
}

int ot_export_ocd(ot_buf *out, const ot_record *r, const ot_export_opts *opts)
{
	json_t *root, *b, *votes;
	int err;
	if ((err = build(&b, &votes, r, opts)) < 0)
		return err;
	root = json_object();
	json_object_set_new(root, "bill", b);
	json_object_set_new(root, "vote_events", votes);
	return dump(out, root);
}

void ot_ocd_files_free(ot_ocd_file *files, size_t n)
{
	size_t i;
	for (i = 0; files && i < n; i++) {
		free(files[i].name);
		ot_buf_release(&files[i].json);
	}
	free(files);
}

int ot_export_ocd_files(ot_ocd_file **out, size_t *n, const ot_record *r, const ot_export_opts *opts)
{
	json_t *b, *votes, *v;
	ot_ocd_file *f;
	ot_buf name = OT_BUF_INIT;
	size_t i, k = 0;
	int err;

	*out = NULL;
	*n = 0;
	if ((err = build(&b, &votes, r, opts)) < 0)
		return err;
	f = ot_calloc(json_array_size(votes) + 1, sizeof(*f));
	ot_buf_printf(&name, "bill_%s.json", json_string_value(json_object_get(b, "_id")));
	f[k].name = ot_buf_detach(&name);
	ot_buf_init(&f[k].json);
	err = dump(&f[k++].json, b);
	json_array_foreach(votes, i, v) {
		if (err < 0)
			break;
		ot_buf_printf(&name, "vote_event_%s.json", json_string_value(json_object_get(v, "_id")));
		f[k].name = ot_buf_detach(&name);
		ot_buf_init(&f[k].json);
		err = dump(&f[k++].json, json_incref(v));
	}
	json_decref(votes);
	if (err < 0) {
		ot_ocd_files_free(f, k);
		return err;
	}
	*out = f;
	*n = k;
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
