/*
 * import_elms.c - Chicago's eLMS (the City Clerk's Electronic Legislative
 * Management System, api.chicityclerkelms.chicago.gov) read into an import
 * set: a file holding one matter as GET /matter/{matterId} returns it, or a
 * directory of such files, read in name order (docs/record-import.md,
 * "eLMS").
 *
 * The fields read (the others a matter carries, fileYear, controllingBody,
 * filingSponsor, relations, are left alone):
 *
 *   matterId            a GUID          the source id "elms:matter/{matterId}"
 *                                       and the eLMS page (link, source)
 *   recordNumber        "O2021-117"     the record id by ot_source_record_id
 *                                       (blanks around it cut, inner runs '-')
 *   legacyRecordNumber  null or text    not kept (a line in set->skipped)
 *   title, type, status                 title; ot_source_record_type_parse;
 *                                       ot_source_status_parse (null or "":
 *                                       from the closing action)
 *   introductionDate    ISO date-time   introduced; null: not yet introduced,
 *                                       the matter is skipped
 *   finalActionDate     ISO date-time   closed, when no closing action dates it
 *   actions[]           actionName (ot_source_action_parse, and the action's
 *                       text as written), actionDate, actionByName (the body),
 *                       sort, actionText (read, not kept), votes[] of
 *                       {voterName, vote}
 *   sponsors[]          sponsorName, sponsorType: "Filing Sponsor" first,
 *                       then "Sponsor", then "CoSponsor" (or ""), each group
 *                       in the file's order; a name given twice is kept once
 *   attachments[]       path (a URL), fileName (its note): document links
 *
 * eLMS gives an action no id of its own, so its source id is
 * "elms:matter/{matterId}/action/{date}/{n}": n counts from 1 the matter's
 * actions of that date in the order they are read, by date, then `sort`,
 * then file order.  A roll call taken on an action (a non-empty votes[])
 * is a vote with the action's source id: motion the action name, the roll
 * as the file names the voters ("Last, First"), counts from the roll.  The
 * action has no result field: a failure-type action (failure, committee or
 * amendment failure, veto sustained) records a failed vote, any other the
 * motion that carried.  eLMS gives no tally beside the roll and no list of
 * members: the set has no members; names resolve against the tracker's.
 *
 * Read but not imported, each with a line in set->skipped: the intake
 * steps eLMS lists among a matter's actions (Create, Submit, Accept, Post
 * to Public), actions without a date, "Vacant" seats in a roll, sponsors
 * without a name or named twice, attachments without a web address, a
 * legacy record number, a matter not introduced, and in a directory the
 * files that are not *.json.
 *
 * Hostile input: every file through ot_source_file_read (a regular file,
 * no symlink, within the input cap), JSON through jansson with duplicate
 * keys refused (its depth limit bounds nesting), every field's type
 * checked with a message naming the file and the field, words outside
 * the vocabularies refused naming the table to extend.  The record is
 * built straight into the set, which the caller releases also after an
 * error; nothing here is quadratic in the size of a file.
 */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "import_elms.h"
#include "internal.h"
#include "jsonfile.h"
#include "ordtrack/validate.h"
#include "xmlsafe.h"

#define ELMS_PAGE "https://chicityclerkelms.chicago.gov/Matter/?matterId="

/* An action as read, before the actions are put in order. */
typedef struct elms_action {
	size_t index;   /* in the file's actions[] */
	json_t *obj;    /* borrowed from the document */
	char *date;     /* YYYY-MM-DD */
	long long sort; /* eLMS's own order within a day; 0 when absent */
	char *name;     /* actionName, blanks around it cut */
	ot_action_type type;
} elms_action;

/* A sponsor as read, before the sponsors are put in order. */
typedef struct elms_sponsor {
	int rank; /* 0 filing sponsor, 1 sponsor, 2 co-sponsor */
	size_t index;
	char *name;
	int dup; /* named before (in the final order) */
} elms_sponsor;


static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* s without the blanks around it, as a new string */
static char *trimmed(const char *s)
{
	size_t n;
	while (is_blank(*s))
		s++;
	n = strlen(s);
	while (n && is_blank(s[n - 1]))
		n--;
	return ot_strndup(s, n);
}

/* eLMS ids are GUIDs ("C69F2CBA-3B68-EE11-9AE6-001DD80977D6"); anything
 * else would not be safe in a source id or a URL */
static int matter_id_ok(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
		      s[n] == '-'))
			return 0;
	return n > 0 && n <= 64;
}

/* a free text through ot_text_check (long: ot_text_check_long), its
 * problem recorded against `field` */
static int text_ok(ot_jf *jf, const char *field, const char *what, const char *s, int long_text)
{
	if ((long_text ? ot_text_check_long(what, s) : ot_text_check(what, s, 0)) < 0) {
		ot_jf_bad(jf, field, "%s", ot_error_last());
		return 0;
	}
	return 1;
}

/* The steps of the clerk's intake that eLMS lists among a matter's
 * actions (chicago/bills.py of opencivicdata/scrapers-us-municipal drops
 * the same four): not actions of the council. */
static int is_intake_step(const char *name)
{
	static const char *const steps[] = {"Create", "Submit", "Accept", "Post to Public"};
	size_t i;
	for (i = 0; i < OT_ARRAY_LEN(steps); i++)
		if (strcasecmp(name, steps[i]) == 0)
			return 1;
	return 0;
}

/* sponsorType: the rank that orders the sponsors, -1 when unknown.  An
 * empty or absent type is a co-sponsor, as the OCD scraper reads it. */
static int sponsor_rank(const char *type)
{
	static const struct {
		const char *word;
		int rank;
	} types[] = {{"Filing Sponsor", 0}, {"Sponsor", 1}, {"CoSponsor", 2}, {"", 2}};
	char *t = trimmed(type ? type : "");
	int rank = -1;
	size_t i;
	for (i = 0; i < OT_ARRAY_LEN(types) && rank < 0; i++)
		if (strcasecmp(t, types[i].word) == 0)
			rank = types[i].rank;
	free(t);
	return rank;
}

static int closes(ot_action_type t)
{
	return ot_action_type_closes(t) || t == OT_ACTION_FILING;
}

static ot_status status_of(ot_action_type t)
{
	switch (t) {
	case OT_ACTION_PASSAGE: return OT_STATUS_PASSED;
	case OT_ACTION_FAILURE: return OT_STATUS_FAILED;
	case OT_ACTION_WITHDRAWAL: return OT_STATUS_WITHDRAWN;
	case OT_ACTION_FILING: return OT_STATUS_FILED;
	default: return OT_STATUS_PENDING;
	}
}

/* eLMS records no result with a roll call: the action says what the body
 * decided */
static ot_vote_result result_of(ot_action_type t)
{
	switch (t) {
	case OT_ACTION_FAILURE:
	case OT_ACTION_COMMITTEE_FAILURE:
	case OT_ACTION_AMENDMENT_FAILURE:
	case OT_ACTION_VETO_OVERRIDE_FAILURE: return OT_RESULT_FAIL;
	default: return OT_RESULT_PASS;
	}
}

static int action_cmp(const void *pa, const void *pb)
{
	const elms_action *a = pa, *b = pb;
	int c = strcmp(a->date, b->date);
	if (c)
		return c;
	if (a->sort != b->sort)
		return a->sort < b->sort ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* A new vote of ir (vote_files kept in step; it has no capacity field of
 * its own, so it grows at the powers of two) */
static ot_vote *new_vote(ot_import_record *ir)
{
	ot_record *r = &ir->r;
	size_t n = r->nvotes;
	ot_vote *v;
	if ((n & (n - 1)) == 0)
		ir->vote_files = ot_reallocarray(ir->vote_files, n ? 2 * n : 1, sizeof(*ir->vote_files));
	ir->vote_files[n] = ot_strdup(ir->file);
	v = OT_ARRAY_PUSH(r->votes, r->nvotes, r->votecap);
	memset(v, 0, sizeof(*v));
	return v;
}

/* The roll call of action e (a non-empty votes[]) into a new vote. */
static int read_roll(ot_jf *jf, ot_import_set *out, ot_import_record *ir, const elms_action *e, json_t *votes,
		     const char *source)
{
	ot_vote *v = NULL;
	json_t *ve;
	size_t k;
	json_array_foreach(votes, k, ve) {
		const char *value, *voter;
		char *val, *name;
		int opt;
		ot_jf_at(jf, "actions[%zu].votes[%zu]", e->index, k);
		value = ot_jf_str(jf, ve, "vote", 0);
		if (ot_jf_failed(jf))
			return jf->err;
		val = trimmed(value);
		if (strcasecmp(val, "Vacant") == 0) {
			voter = ot_jf_str(jf, ve, "voterName", 1);
			if (!ot_jf_failed(jf))
				ot_import_set_skip(out,
				     "%s: %s: vote 'Vacant'%s%s%s: a vacant seat, no member's vote; not in the "
				     "roll call of %s",
				     jf->file, jf->where, voter ? " (voterName '" : "", voter ? voter : "",
				     voter ? "')" : "", e->date);
			free(val);
			if (ot_jf_failed(jf))
				return jf->err;
			continue;
		}
		opt = ot_vote_option_parse(val);
		voter = ot_jf_str(jf, ve, "voterName", 0);
		if (!ot_jf_failed(jf) && opt < 0)
			ot_jf_bad(jf, "vote", "'%.80s' is not a vote value ordtrack knows; add it to the vote words "
					      "(docs/record-import.md, 'Vote values'; src/record.c)",
				  val);
		free(val);
		if (ot_jf_failed(jf))
			return jf->err;
		name = trimmed(voter);
		if (!*name)
			ot_jf_bad(jf, "voterName", "empty; a roll call names every voter");
		else
			text_ok(jf, "voterName", "voter name", name, 0);
		if (ot_jf_failed(jf)) {
			free(name);
			return jf->err;
		}
		if (!v) {
			v = new_vote(ir);
			v->date = ot_strdup(e->date);
			v->motion = ot_strdup(e->name);
			v->result = result_of(e->type);
			v->threshold = OT_THRESHOLD_NONE;
			v->source = ot_strdup(source);
		}
		*OT_ARRAY_PUSH(v->roll, v->nroll, v->cap) =
			(ot_roll_entry){.name = name, .option = (ot_vote_option)opt};
		v->counts[opt]++;
	}
	return 0;
}

/* actions[]: the record's actions in order, and a vote for each roll call */
static int read_actions(ot_jf *jf, ot_import_set *out, ot_import_record *ir, const char *matter_id, json_t *root)
{
	ot_record *r = &ir->r;
	json_t *arr = ot_jf_array(jf, root, "actions", 1), *a;
	elms_action *acts = NULL;
	ot_buf steps = OT_BUF_INIT, source = OT_BUF_INIT;
	size_t n = 0, cap = 0, nsteps = 0, i;
	unsigned ordinal = 0;
	int err = 0;

	json_array_foreach(arr, i, a) {
		const char *name;
		char *date, *nm;
		long long sort = 0;
		int type;
		ot_jf_at(jf, "actions[%zu]", i);
		name = ot_jf_str(jf, a, "actionName", 0);
		date = ot_jf_date(jf, a, "actionDate", 1);
		ot_jf_str(jf, a, "actionByName", 1);
		ot_jf_str(jf, a, "actionText", 1);
		ot_jf_int(jf, a, "sort", 1, &sort);
		ot_jf_array(jf, a, "votes", 1);
		if (ot_jf_failed(jf)) {
			free(date);
			err = jf->err;
			goto done;
		}
		nm = trimmed(name);
		if (is_intake_step(nm)) {
			ot_buf_printf(&steps, "%s%s", nsteps++ ? ", " : "", nm);
			free(nm);
			free(date);
			continue;
		}
		if (!date) {
			ot_import_set_skip(out, "%s: %s: '%s' has no actionDate; not imported (an action is dated)%s", jf->file,
			     jf->where, nm, json_array_size(json_object_get(a, "votes")) ? ", nor its roll call" : "");
			free(nm);
			continue;
		}
		if ((type = ot_source_action_parse(nm)) < 0)
			ot_jf_bad(jf, "actionName",
				  "'%.80s' is not an action name ordtrack knows; add it to the table of action names "
				  "(docs/record-import.md, 'Action names'; src/record_vocab.c)",
				  nm);
		else
			text_ok(jf, "actionName", "action name", nm, 1);
		if (ot_jf_failed(jf)) {
			free(nm);
			free(date);
			err = jf->err;
			goto done;
		}
		*OT_ARRAY_PUSH(acts, n, cap) = (elms_action){
			.index = i, .obj = a, .date = date, .sort = sort, .name = nm, .type = (ot_action_type)type};
	}
	if (nsteps)
		ot_import_set_skip(out, "%s: %s: %zu eLMS intake step%s (%s) not imported: the clerk's handling of the filing, not "
			  "actions of the council",
		     jf->file, r->id, nsteps, nsteps == 1 ? "" : "s", steps.ptr);
	if (n > 1)
		qsort(acts, n, sizeof(*acts), action_cmp);
	for (i = 0; i < n; i++) {
		elms_action *e = &acts[i];
		const char *by;
		json_t *votes;
		ot_action *act;
		ordinal = i && strcmp(acts[i - 1].date, e->date) == 0 ? ordinal + 1 : 1;
		ot_buf_clear(&source);
		ot_buf_printf(&source, "elms:matter/%s/action/%s/%u", matter_id, e->date, ordinal);
		ot_jf_at(jf, "actions[%zu]", e->index);
		by = ot_jf_str(jf, e->obj, "actionByName", 1);
		act = OT_ARRAY_PUSH(r->actions, r->nactions, r->acap);
		*act = (ot_action){.date = ot_strdup(e->date),
				   .type = e->type,
				   .body = NULL,
				   .text = ot_strdup(e->name),
				   .source = ot_strdup(source.ptr)};
		if (by) {
			act->body = trimmed(by);
			if (!*act->body) {
				free(act->body);
				act->body = NULL;
			} else if (!text_ok(jf, "actionByName", "action body", act->body, 0)) {
				err = jf->err;
				goto done;
			}
		}
		votes = json_object_get(e->obj, "votes");
		if (json_array_size(votes) && (err = read_roll(jf, out, ir, e, votes, source.ptr)) < 0)
			goto done;
	}
done:
	for (i = 0; i < n; i++) {
		free(acts[i].date);
		free(acts[i].name);
	}
	free(acts);
	ot_buf_release(&steps);
	ot_buf_release(&source);
	ot_jf_at(jf, "%s", "");
	return err;
}

static int sponsor_cmp(const void *pa, const void *pb)
{
	const elms_sponsor *a = pa, *b = pb;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* pointers to sponsors, by name, then by their place in the final order */
static int sponsor_name_cmp(const void *pa, const void *pb)
{
	const elms_sponsor *a = *(const elms_sponsor *const *)pa, *b = *(const elms_sponsor *const *)pb;
	int c = strcasecmp(a->name, b->name);
	if (c)
		return c;
	return a < b ? -1 : a > b;
}

/* sponsors[]: r.sponsors, the filing sponsor first */
static int read_sponsors(ot_jf *jf, ot_import_set *out, ot_record *r, json_t *root)
{
	json_t *arr = ot_jf_array(jf, root, "sponsors", 1), *sp;
	elms_sponsor *sps = NULL, **by_name = NULL;
	size_t n = 0, cap = 0, i;
	int err = 0;

	json_array_foreach(arr, i, sp) {
		const char *name, *type;
		char *nm;
		int rank = 2;
		ot_jf_at(jf, "sponsors[%zu]", i);
		name = ot_jf_str(jf, sp, "sponsorName", 0);
		type = ot_jf_str(jf, sp, "sponsorType", 1);
		if (!ot_jf_failed(jf) && (rank = sponsor_rank(type)) < 0)
			ot_jf_bad(jf, "sponsorType",
				  "'%.80s' is not a sponsor type ordtrack knows (Filing Sponsor, Sponsor, CoSponsor "
				  "or empty); add it to the sponsor types (docs/record-import.md, 'eLMS'; "
				  "src/import_elms.c)",
				  type);
		if (ot_jf_failed(jf)) {
			err = jf->err;
			goto done;
		}
		nm = trimmed(name);
		if (!*nm) {
			ot_import_set_skip(out, "%s: %s: a sponsor without a name; not imported", jf->file, jf->where);
			free(nm);
			continue;
		}
		if (!text_ok(jf, "sponsorName", "sponsor", nm, 0)) {
			free(nm);
			err = jf->err;
			goto done;
		}
		*OT_ARRAY_PUSH(sps, n, cap) = (elms_sponsor){.rank = rank, .index = i, .name = nm, .dup = 0};
	}
	if (n > 1) {
		qsort(sps, n, sizeof(*sps), sponsor_cmp);
		by_name = ot_reallocarray(NULL, n, sizeof(*by_name));
		for (i = 0; i < n; i++)
			by_name[i] = &sps[i];
		qsort(by_name, n, sizeof(*by_name), sponsor_name_cmp);
		for (i = 1; i < n; i++)
			if (strcasecmp(by_name[i - 1]->name, by_name[i]->name) == 0)
				by_name[i]->dup = 1;
	}
	for (i = 0; i < n; i++) {
		if (sps[i].dup) {
			ot_import_set_skip(out, "%s: sponsors[%zu]: '%s' is named as a sponsor before; kept once", jf->file,
			     sps[i].index, sps[i].name);
			free(sps[i].name);
			continue;
		}
		*OT_ARRAY_PUSH(r->sponsors, r->nsponsors, r->scap) = sps[i].name;
	}
	n = 0; /* the names are r's or freed */
done:
	for (i = 0; i < n; i++)
		free(sps[i].name);
	free(sps);
	free(by_name);
	ot_jf_at(jf, "%s", "");
	return err;
}

static int is_web_address(const char *s)
{
	return strncasecmp(s, "https://", 8) == 0 || strncasecmp(s, "http://", 7) == 0;
}

/* attachments[]: r.links of kind document */
static int read_attachments(ot_jf *jf, ot_import_set *out, ot_record *r, json_t *root)
{
	json_t *arr = ot_jf_array(jf, root, "attachments", 1), *at;
	size_t i;
	json_array_foreach(arr, i, at) {
		const char *path, *file_name;
		char *url, *note;
		ot_jf_at(jf, "attachments[%zu]", i);
		path = ot_jf_str(jf, at, "path", 1);
		file_name = ot_jf_str(jf, at, "fileName", 1);
		ot_jf_str(jf, at, "attachmentType", 1);
		if (ot_jf_failed(jf))
			return jf->err;
		url = trimmed(path ? path : "");
		note = file_name ? trimmed(file_name) : NULL;
		if (note && !*note) {
			free(note);
			note = NULL;
		}
		if (!*url || !is_web_address(url)) {
			ot_import_set_skip(out, "%s: %s: %s%s%s%s; not linked", jf->file, jf->where, note ? "'" : "",
			     note ? note : "", note ? "' " : "",
			     *url ? "has a path that is not a web address" : "has no path");
			free(url);
			free(note);
			continue;
		}
		if (!text_ok(jf, "path", "attachment path", url, 0) ||
		    (note && !text_ok(jf, "fileName", "file name", note, 0))) {
			free(url);
			free(note);
			return jf->err;
		}
		*OT_ARRAY_PUSH(r->links, r->nlinks, r->lcap) =
			(ot_link){.kind = OT_LINK_DOCUMENT, .url = url, .note = note};
	}
	ot_jf_at(jf, "%s", "");
	return 0;
}

/* The document: an object, or (eLMS double-encodes some responses) a
 * JSON string holding one. */
static json_t *load_matter(ot_jf *jf, const char *data, size_t len)
{
	json_error_t je;
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
	if (!root) {
		jf->err = ot_error_set(OT_EINVALID,
				       "%s:%d: %s; an eLMS matter file is the JSON of GET /matter/{matterId}", jf->file,
				       je.line, je.text);
		return NULL;
	}
	if (json_is_string(root)) {
		json_t *inner =
			json_loadb(json_string_value(root), json_string_length(root), JSON_REJECT_DUPLICATES, &je);
		json_decref(root);
		if (!inner) {
			jf->err = ot_error_set(OT_EINVALID, "%s: a JSON string, and the text in it is not JSON (%s)",
					       jf->file, je.text);
			return NULL;
		}
		root = inner;
	}
	if (!json_is_object(root)) {
		ot_jf_bad(jf, NULL, "not a JSON object; an eLMS matter file holds one matter as GET /matter/{matterId} "
				    "returns it");
		json_decref(root);
		return NULL;
	}
	if (json_is_array(json_object_get(root, "data")) && json_object_get(root, "meta")) {
		ot_jf_bad(jf, NULL, "a page of the /matter list (data, meta), whose matters carry no actions, sponsors "
				    "or votes; save GET /matter/{matterId} of each matter instead");
		json_decref(root);
		return NULL;
	}
	return root;
}

/* record numbers written with blanks, over the files of one read: one
 * line in set->skipped says how many (ot_source_record_ids_note) */
typedef struct spaced_ids {
	size_t n;
	char *first; /* the first as written */
} spaced_ids;

static int read_matter(ot_import_set *out, const char *data, size_t len, const char *name, spaced_ids *sp)
{
	ot_jf jf = {.file = name, .where = "", .err = 0};
	json_t *root;
	const char *matter_id, *number, *type, *status, *legacy;
	char *id = NULL, *introduced = NULL, *final_date = NULL, *title = NULL;
	ot_buf buf = OT_BUF_INIT;
	ot_import_record *ir;
	ot_record *r;
	const ot_action *last_close = NULL;
	int rtype = -1, rstatus = -1, mapped;
	size_t i;

	out->format = OT_SOURCE_ELMS;
	if (len > ot_input_cap())
		return ot_error_set(OT_EINVALID,
				    "%s: %zu bytes, over the input limit of %zu bytes; raise ORDTRACK_MAX_INPUT if it "
				    "is genuine",
				    name, len, ot_input_cap());
	if (!(root = load_matter(&jf, data ? data : "", len)))
		return jf.err;

	matter_id = ot_jf_str(&jf, root, "matterId", 0);
	number = ot_jf_str(&jf, root, "recordNumber", 0);
	if (ot_jf_failed(&jf))
		goto done;
	if (!matter_id_ok(matter_id)) {
		ot_jf_bad(&jf, "matterId", "'%.80s' is not an eLMS matter id (a GUID such as "
					   "C69F2CBA-3B68-EE11-9AE6-001DD80977D6)",
			  matter_id);
		goto done;
	}
	if ((mapped = ot_source_record_id(&id, number)) < 0) {
		ot_jf_bad(&jf, "recordNumber", "%s (docs/record-import.md, 'Record ids')", ot_error_last());
		goto done;
	}
	if (!id) {
		ot_jf_bad(&jf, "recordNumber", "empty; every matter has its record number (O2021-117)");
		goto done;
	}
	if (mapped && !sp->n++)
		sp->first = trimmed(number);
	introduced = ot_jf_date(&jf, root, "introductionDate", 1);
	if (ot_jf_failed(&jf))
		goto done;
	if (!introduced) {
		ot_import_set_skip(out, "%s: %s has no introductionDate (not introduced to the council yet); not imported", name, id);
		goto done;
	}
	title = ot_jf_strdup(&jf, root, "title", 0);
	type = ot_jf_str(&jf, root, "type", 0);
	status = ot_jf_str(&jf, root, "status", 1);
	final_date = ot_jf_date(&jf, root, "finalActionDate", 1);
	legacy = ot_jf_str(&jf, root, "legacyRecordNumber", 1);
	if (ot_jf_failed(&jf))
		goto done;
	if (!*title)
		ot_jf_bad(&jf, "title", "empty; a matter has a title");
	else
		text_ok(&jf, "title", "title", title, 1);
	if (!ot_jf_failed(&jf) && (rtype = ot_source_record_type_parse(type)) < 0)
		ot_jf_bad(&jf, "type",
			  "'%.80s' is not a matter type ordtrack knows; add it to the table of matter types "
			  "(docs/record-import.md, 'Matter types'; src/record_vocab.c)",
			  type);
	if (!ot_jf_failed(&jf) && status && strspn(status, " \t\r\n") < strlen(status) &&
	    (rstatus = ot_source_status_parse(status)) < 0)
		ot_jf_bad(&jf, "status",
			  "'%.80s' is not a matter status ordtrack knows; add it to the table of matter statuses "
			  "(docs/record-import.md, 'Matter statuses'; src/record_vocab.c)",
			  status);
	if (ot_jf_failed(&jf))
		goto done;

	ir = OT_ARRAY_PUSH(out->records, out->nrecords, out->rcap);
	memset(ir, 0, sizeof(*ir));
	ir->file = ot_strdup(name);
	r = &ir->r;
	r->id = id;
	r->type = (ot_record_type)rtype;
	r->title = title;
	r->introduced = introduced;
	id = title = introduced = NULL;
	ot_buf_printf(&buf, "elms:matter/%s", matter_id);
	r->source = ot_buf_detach(&buf);
	*OT_ARRAY_PUSH(r->versions, r->nversions, r->vcap) =
		(ot_record_version){.number = 1, .date = ot_strdup(r->introduced), .stage = OT_STAGE_INTRODUCED};
	ot_buf_printf(&buf, "%s%s", ELMS_PAGE, matter_id);
	*OT_ARRAY_PUSH(r->links, r->nlinks, r->lcap) =
		(ot_link){.kind = OT_LINK_SOURCE, .url = ot_buf_detach(&buf), .note = ot_strdup("eLMS")};
	if (legacy && strspn(legacy, " \t\r\n") < strlen(legacy))
		ot_import_set_skip(out, "%s: %s: legacyRecordNumber '%.80s' (its number before eLMS) not kept: a record has one id",
		     name, r->id, legacy);

	if (read_actions(&jf, out, ir, matter_id, root) < 0 || read_sponsors(&jf, out, r, root) < 0 ||
	    read_attachments(&jf, out, r, root) < 0)
		goto done;

	for (i = 0; i < r->nactions; i++)
		if (closes(r->actions[i].type))
			last_close = &r->actions[i];
	r->status = rstatus >= 0 ? (ot_status)rstatus : last_close ? status_of(last_close->type) : OT_STATUS_PENDING;
	if (r->status != OT_STATUS_PENDING) {
		if (last_close) {
			r->closed = ot_strdup(last_close->date);
		} else {
			r->closed = final_date;
			final_date = NULL;
		}
	}
done:
	free(id);
	free(title);
	free(introduced);
	free(final_date);
	ot_buf_release(&buf);
	json_decref(root);
	return jf.err;
}

int ot_elms_read_matter(ot_import_set *out, const char *data, size_t len, const char *name)
{
	spaced_ids sp = {0, NULL};
	int err = read_matter(out, data, len, name, &sp);
	if (!err)
		ot_source_record_ids_note(out, name, sp.n, sp.first);
	free(sp.first);
	return err;
}

/* ---- files and directories ------------------------------------------------ */

static int read_file(ot_import_set *out, const char *path, spaced_ids *sp)
{
	ot_buf data = OT_BUF_INIT;
	int err = ot_source_file_read(&data, path, 0);
	if (err == 0)
		err = read_matter(out, data.ptr ? data.ptr : "", data.len, path, sp);
	ot_buf_release(&data);
	return err;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int record_id_cmp(const void *a, const void *b)
{
	const ot_import_record *x = *(const ot_import_record *const *)a, *y = *(const ot_import_record *const *)b;
	int c = strcmp(x->r.id, y->r.id);
	return c ? c : strcmp(x->file, y->file);
}

static int record_source_cmp(const void *a, const void *b)
{
	const ot_import_record *x = *(const ot_import_record *const *)a, *y = *(const ot_import_record *const *)b;
	int c = strcmp(x->r.source, y->r.source);
	return c ? c : strcmp(x->file, y->file);
}

/* One matter, one file: two files with one record number or one matterId
 * would make one record out of two documents. */
static int check_distinct(const ot_import_set *out)
{
	const ot_import_record **v;
	size_t i;
	int err = 0;
	if (out->nrecords < 2)
		return 0;
	v = ot_reallocarray(NULL, out->nrecords, sizeof(*v));
	for (i = 0; i < out->nrecords; i++)
		v[i] = &out->records[i];
	qsort(v, out->nrecords, sizeof(*v), record_id_cmp);
	for (i = 1; i < out->nrecords && !err; i++)
		if (strcmp(v[i - 1]->r.id, v[i]->r.id) == 0)
			err = ot_error_set(OT_EINVALID,
					   "%s: recordNumber: %s is the matter of %s too; keep one file per matter",
					   v[i]->file, v[i]->r.id, v[i - 1]->file);
	qsort(v, out->nrecords, sizeof(*v), record_source_cmp);
	for (i = 1; i < out->nrecords && !err; i++)
		if (strcmp(v[i - 1]->r.source, v[i]->r.source) == 0)
			err = ot_error_set(OT_EINVALID,
					   "%s: matterId: the matter of %s has it too (%s and %s); keep one file per "
					   "matter",
					   v[i]->file, v[i - 1]->file, v[i - 1]->r.id, v[i]->r.id);
	free(v);
	return err;
}

int ot_elms_read(ot_import_set *out, const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i, njson = 0, plen;
	ot_buf file = OT_BUF_INIT;
	spaced_ids sp = {0, NULL};
	int err = 0;

	memset(out, 0, sizeof(*out));
	out->format = OT_SOURCE_ELMS;
	if (lstat(path, &st) < 0) {
		if (errno == ENOENT)
			return ot_error_set(OT_ENOTFOUND, "%s: no such file or directory", path);
		return ot_error_set(OT_ERROR, "%s: %s", path, strerror(errno));
	}
	if (S_ISLNK(st.st_mode))
		return ot_error_set(OT_EINVALID, "%s: a symbolic link; give the eLMS matter file or directory itself",
				    path);
	if (!S_ISDIR(st.st_mode)) {
		err = read_file(out, path, &sp);
		if (!err)
			ot_source_record_ids_note(out, path, sp.n, sp.first);
		free(sp.first);
		return err;
	}
	if (!(d = opendir(path)))
		return ot_error_set(OT_ERROR, "%s: %s", path, strerror(errno));
	while ((e = readdir(d)))
		if (e->d_name[0] != '.') /* ".", "..", and hidden files: not the scrape's */
			*OT_ARRAY_PUSH(names, n, cap) = ot_strdup(e->d_name);
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), str_cmp);
	plen = strlen(path);
	while (plen > 1 && path[plen - 1] == '/')
		plen--;
	for (i = 0; i < n && !err; i++) {
		size_t l = strlen(names[i]);
		ot_buf_clear(&file);
		ot_buf_put(&file, path, plen);
		if (plen && path[plen - 1] != '/')
			ot_buf_putc(&file, '/');
		ot_buf_puts(&file, names[i]);
		if (l <= 5 || strcasecmp(names[i] + l - 5, ".json") != 0) {
			ot_import_set_skip(out, "%s: not a .json file; not read (an eLMS directory holds one matter per NAME.json)",
			     file.ptr);
			continue;
		}
		njson++;
		err = read_file(out, file.ptr, &sp);
	}
	if (!err && !njson)
		err = ot_error_set(OT_EINVALID,
				   "%s: no eLMS matter files (NAME.json, one matter each) in the directory", path);
	if (!err)
		err = check_distinct(out);
	if (!err)
		ot_source_record_ids_note(out, path, sp.n, sp.first);
	free(sp.first);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	ot_buf_release(&file);
	return err;
}
