/*
 * import_legistar.c - a dump of a Legistar Web API client
 * (webapi.legistar.com/v1/{client}) read into an import set
 * (ot_legistar_read; docs/record-import.md, "Legistar").  The dump is one
 * file per API response, the API's own contents untouched:
 *
 *   DIR/matters.json                        GET /matters
 *   DIR/matters/{MatterId}/histories.json   GET /matters/{id}/histories
 *   DIR/matters/{MatterId}/sponsors.json    GET /matters/{id}/sponsors
 *   DIR/matters/{MatterId}/versions.json    GET /matters/{id}/versions (optional)
 *   DIR/matters/{MatterId}/texts/{Key}.json GET /matters/{id}/texts/{Key} (optional)
 *   DIR/eventitems/{MatterHistoryId}/votes.json
 *                                           GET /eventitems/{id}/votes (a roll call)
 *   DIR/persons.json, DIR/officerecords.json
 *                                           GET /persons, /officerecords (optional)
 *
 * Legistar keys a roll call by the event item it was taken on, and a
 * matter's history entry IS that event item: MatterHistoryId is the id
 * GET /eventitems/{id}/votes takes, as python-legistar-scraper's
 * LegistarAPIBillScraper.votes(history_id) calls it.
 *
 * What becomes of the fields:
 *
 *   MatterId                 the source id "legistar:matter/{MatterId}"
 *   MatterFile               the record id by ot_source_record_id ("Int 0001-2018"
 *                            is Int-0001-2018); none: not imported
 *   MatterTitle, MatterName  the title (the name when the title is empty)
 *   MatterTypeName           ot_source_record_type_parse
 *   MatterStatusName         ot_source_status_parse; null: from the closing action
 *   MatterIntroDate          introduced, and the one text version; none: not imported
 *   MatterPassedDate         closed, when no closing action dates it
 *   MatterReports[]          ReportURL / ReportName: document links (the API's
 *                            own URLs; none is built from MatterGuid, whose
 *                            page needs the client's web host)
 *   sponsors                 MatterSponsorName of the latest
 *                            MatterSponsorMatterVersion, by MatterSponsorSequence
 *   histories                one action each, in date then MatterHistoryId order:
 *                            MatterHistoryActionName (ot_source_action_parse, and
 *                            the text as written), ...ActionDate, ...ActionBodyName,
 *                            the source id "legistar:history/{MatterHistoryId}"
 *   a roll call              a history with MatterHistoryRollCallFlag 1 or a
 *                            votes file: a vote with the history's source id, the
 *                            action name as motion, MatterHistoryPassedFlag as
 *                            result, the roll (VotePersonName, VoteValueName
 *                            through ot_vote_option_parse) and counts from it;
 *                            MatterHistoryTally ("41:8", yes:no) must agree
 *   officerecords, persons   the members: one per office record of the council's
 *                            main body (see members_parse)
 *
 * Legistar sends every key of an entry, null when it has no value: a key
 * read here that is missing from an entry ("MatterFlie", a damaged file)
 * is an error naming the file, the entry and the key, never taken for a
 * null (which would silently skip what it names).
 *
 * Read but not imported, each a line in set->skipped: matters without a
 * file number, an introduction date or a title; the enactment numbers and
 * notes of the matters imported (ordtrack's record has no field for them);
 * how many file numbers were written with spaces; history entries without
 * a date or an action name; roll calls whose roll is not in the dump, or
 * whose result is not given; a tally without a roll; roll entries without
 * a vote value; sponsors without a name or named twice; matter texts (an
 * imported record changes no ordinance text); office records of other
 * bodies and persons who hold no council seat; how many members have no
 * ward the dump tells.
 *
 * Hostile input: every file through ot_json_file_load (a regular file, no
 * symlink and no symlinked directory on the way to it below the dump's
 * directory, within the input cap; jansson refuses duplicate keys, invalid
 * UTF-8 and nesting past its depth limit), every field's type checked
 * with a message naming the file and the field, ids checked before they
 * become paths (a MatterId is a positive number, printed as one), words
 * outside the vocabularies refused naming the table to extend.  Lists are
 * sorted, not searched, so nothing here is quadratic in a file's size.
 */
#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import_legistar.h"
#include "internal.h"
#include "jsonfile.h"
#include "ordtrack/validate.h"

#define ACTION_TABLE "docs/record-import.md, 'Action names' (src/record_vocab.c)"
#define TYPE_TABLE "docs/record-import.md, 'Matter types' (src/record_vocab.c)"
#define STATUS_TABLE "docs/record-import.md, 'Matter statuses' (src/record_vocab.c)"
#define VOTE_TABLE "docs/export.md, 'Vote words' (src/record.c)"

/* a key Legistar sends in every entry, null when empty (jsonfile.h) */
#define SENT OT_JF_PRESENT


static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* s without the blanks around it as a new string; NULL when s is NULL or
 * only blanks */
static char *trimmed(const char *s)
{
	size_t n;
	if (!s)
		return NULL;
	while (is_blank(*s))
		s++;
	n = strlen(s);
	while (n && is_blank(s[n - 1]))
		n--;
	return n ? ot_strndup(s, n) : NULL;
}

/* a free text through ot_text_check (long: ot_text_check_long), its
 * problem recorded against `field`; 1 when sound */
static int text_ok(ot_jf *jf, const char *field, const char *s, int long_text)
{
	if ((long_text ? ot_text_check_long(field, s) : ot_text_check(field, s, 0)) < 0) {
		ot_jf_bad(jf, field, "%s", ot_error_last());
		return 0;
	}
	return 1;
}

/* a string field (`optional` as ot_jf_str takes it), blanks cut and
 * checked as text: a new string or NULL (absent, null, empty, or a
 * problem recorded) */
static char *text_field(ot_jf *jf, json_t *o, const char *key, int optional, int long_text)
{
	char *s = trimmed(ot_jf_str(jf, o, key, optional));
	if (s && !text_ok(jf, key, s, long_text)) {
		free(s);
		return NULL;
	}
	return s;
}

/* an id field: a positive whole number (also written as digits in a
 * string); 0 when absent and optional, or on a problem */
static long long id_field(ot_jf *jf, json_t *o, const char *key, int optional)
{
	long long v = 0;
	if (ot_jf_int(jf, o, key, optional, &v) && v <= 0) {
		ot_jf_bad(jf, key, "%lld is not a Legistar id (a positive number)", v);
		return 0;
	}
	return v;
}

/* fields read only for their type: a string, a whole number, a date */
static void check_str(ot_jf *jf, json_t *o, const char *key)
{
	(void)ot_jf_str(jf, o, key, 1);
}

static void check_int(ot_jf *jf, json_t *o, const char *key)
{
	long long v;
	(void)ot_jf_int(jf, o, key, 1, &v);
}

static void check_date(ot_jf *jf, json_t *o, const char *key)
{
	free(ot_jf_date(jf, o, key, 1));
}

/* MatterEnactmentNumber: a string ("2021/045", NYC's local law number)
 * or, as some clients send it, a whole number; a new string or NULL
 * (null, empty, or a problem recorded) */
static char *number_or_text(ot_jf *jf, json_t *o, const char *key)
{
	json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;
	ot_buf b = OT_BUF_INIT;
	if (json_is_integer(v)) {
		ot_buf_printf(&b, "%lld", (long long)json_integer_value(v));
		return ot_buf_detach(&b);
	}
	if (v && !json_is_null(v) && !json_is_string(v)) {
		ot_jf_bad(jf, key, "not a string or a whole number");
		return NULL;
	}
	return text_field(jf, o, key, SENT, 0);
}

static int not_array(const char *file, const char *what)
{
	return ot_error_set(OT_EINVALID,
			    "%s: not a JSON array; %s gives a list (is this the API's response, untouched?)",
			    file, what);
}

/* ---- matters.json ------------------------------------------------------------ */

void ot_legistar_matters_free(ot_legistar_matter *m, size_t n)
{
	size_t i, j;
	for (i = 0; m && i < n; i++) {
		free(m[i].file);
		free(m[i].number);
		free(m[i].enactment);
		free(m[i].notes);
		free(m[i].title);
		free(m[i].introduced);
		free(m[i].passed);
		for (j = 0; j < m[i].nlinks; j++) {
			free(m[i].links[j].url);
			free(m[i].links[j].note);
		}
		free(m[i].links);
	}
	free(m);
}

/* MatterReports: [{ReportName, ReportURL, ReportType}], the reports the
 * client's site renders for the matter; a report with an http(s) URL is a
 * document link */
static void read_reports(ot_jf *jf, ot_legistar_matter *m, json_t *o)
{
	json_t *reports = ot_jf_array(jf, o, "MatterReports", 1), *rep;
	size_t i;
	char where[sizeof(jf->where)];
	if (!reports)
		return;
	memcpy(where, jf->where, sizeof(where));
	json_array_foreach(reports, i, rep) {
		char *url, *note;
		ot_jf_at(jf, "%s.MatterReports[%zu]", where, i);
		if (!json_is_object(rep)) {
			ot_jf_bad(jf, NULL, "not a report object");
			break;
		}
		url = text_field(jf, rep, "ReportURL", 1, 0);
		note = text_field(jf, rep, "ReportName", 1, 0);
		check_str(jf, rep, "ReportType");
		if (url && strncasecmp(url, "https://", 8) != 0 && strncasecmp(url, "http://", 7) != 0)
			ot_jf_bad(jf, "ReportURL", "'%.100s' is not a web address (http or https)", url);
		if (url && !ot_jf_failed(jf)) {
			*OT_ARRAY_PUSH(m->links, m->nlinks, m->lcap) = (ot_link){OT_LINK_DOCUMENT, url, note};
		} else {
			free(url);
			free(note);
		}
		if (ot_jf_failed(jf))
			break;
	}
	memcpy(jf->where, where, sizeof(where));
}

static int cmp_matter_id(const void *a, const void *b)
{
	const ot_legistar_matter *x = *(const ot_legistar_matter *const *)a,
				 *y = *(const ot_legistar_matter *const *)b;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int cmp_matter_file(const void *a, const void *b)
{
	const ot_legistar_matter *x = *(const ot_legistar_matter *const *)a,
				 *y = *(const ot_legistar_matter *const *)b;
	int c = strcmp(x->file ? x->file : "", y->file ? y->file : "");
	return c ? c : (x->index < y->index ? -1 : x->index > y->index);
}

/* a MatterId or MatterFile given twice: sorted, neighbours compared */
static int matters_unique(ot_legistar_matter *m, size_t n, const char *file)
{
	ot_legistar_matter **p = ot_reallocarray(NULL, n ? n : 1, sizeof(*p));
	size_t i;
	int err = 0;
	for (i = 0; i < n; i++)
		p[i] = &m[i];
	qsort(p, n, sizeof(*p), cmp_matter_id);
	for (i = 1; i < n && !err; i++)
		if (p[i]->id == p[i - 1]->id)
			err =
			    ot_error_set(OT_EINVALID,
					 "%s: [%zu].MatterId: %lld is the MatterId of [%zu] too; a matter is "
					 "listed once",
					 file, p[i]->index, p[i]->id, p[i - 1]->index);
	qsort(p, n, sizeof(*p), cmp_matter_file);
	for (i = 1; i < n && !err; i++)
		if (p[i]->file && p[i - 1]->file && strcmp(p[i]->file, p[i - 1]->file) == 0)
			err = ot_error_set(
			    OT_EINVALID,
			    "%s: [%zu].MatterFile: '%s' is the MatterFile of [%zu] too; one file "
			    "number names one record",
			    file, p[i]->index, p[i]->file, p[i - 1]->index);
	free(p);
	return err;
}

int ot_legistar_matters_parse(ot_legistar_matter **out, size_t *n, json_t *root, const char *file)
{
	ot_jf jf = {.file = file};
	size_t i, cap = 0;
	json_t *o;

	*out = NULL;
	*n = 0;
	if (!json_is_array(root))
		return not_array(file, "GET /matters");
	json_array_foreach(root, i, o) {
		ot_legistar_matter *m;
		const char *s;
		char *name, *title;
		ot_jf_at(&jf, "[%zu]", i);
		if (!json_is_object(o))
			return ot_jf_bad(&jf, NULL, "not a matter object");
		m = OT_ARRAY_PUSH(*out, *n, cap);
		memset(m, 0, sizeof(*m));
		m->index = i;
		m->status = -1;
		m->id = id_field(&jf, o, "MatterId", 0);
		m->number = trimmed(ot_jf_str(&jf, o, "MatterFile", SENT));
		if ((m->spaced = ot_source_record_id(&m->file, m->number)) < 0) {
			ot_jf_bad(&jf, "MatterFile", "%s; a record id is one safe name (docs/record-import.md, 'Record ids')",
				  ot_error_last());
			m->spaced = 0;
		}
		name = text_field(&jf, o, "MatterName", SENT, 0);
		title = text_field(&jf, o, "MatterTitle", SENT, 0);
		m->title = title ? title : name;
		if (title)
			free(name);
		if ((s = ot_jf_str(&jf, o, "MatterTypeName", 0)) &&
		    (m->type = ot_source_record_type_parse(s)) < 0)
			ot_jf_bad(&jf, "MatterTypeName",
				  "unknown matter type '%.200s'; add it to " TYPE_TABLE, s);
		if ((s = ot_jf_str(&jf, o, "MatterStatusName", SENT)) &&
		    (m->status = ot_source_status_parse(s)) < 0)
			ot_jf_bad(&jf, "MatterStatusName",
				  "unknown matter status '%.200s'; add it to " STATUS_TABLE, s);
		m->introduced = ot_jf_date(&jf, o, "MatterIntroDate", SENT);
		m->passed = ot_jf_date(&jf, o, "MatterPassedDate", SENT);
		/* read to be listed as not imported: ordtrack's record has no place for them */
		m->enactment = number_or_text(&jf, o, "MatterEnactmentNumber");
		m->notes = text_field(&jf, o, "MatterNotes", SENT, 1);
		/* read for their types only */
		check_str(&jf, o, "MatterGuid");
		check_str(&jf, o, "MatterVersion");
		check_str(&jf, o, "MatterBodyName");
		check_int(&jf, o, "MatterTypeId");
		check_int(&jf, o, "MatterStatusId");
		check_int(&jf, o, "MatterBodyId");
		check_date(&jf, o, "MatterEnactmentDate");
		check_date(&jf, o, "MatterAgendaDate");
		check_date(&jf, o, "MatterLastModifiedUtc");
		read_reports(&jf, m, o);
		if (ot_jf_failed(&jf))
			return ot_jf_finish(&jf);
	}
	return matters_unique(*out, *n, file);
}

/* ---- histories.json ---------------------------------------------------------- */

void ot_legistar_histories_free(ot_legistar_history *h, size_t n)
{
	size_t i;
	for (i = 0; h && i < n; i++) {
		free(h[i].date);
		free(h[i].action);
		free(h[i].body);
		free(h[i].tally);
	}
	free(h);
}

/* "41:8" (or "41-8"): yes and no; 0, or -1 when s is not a tally */
static int parse_tally(const char *s, long *yes, long *no)
{
	char *end;
	long a, b;
	while (is_blank(*s))
		s++;
	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	a = strtol(s, &end, 10);
	while (is_blank(*end))
		end++;
	if (*end != ':' && *end != '-')
		return -1;
	s = end + 1;
	while (is_blank(*s))
		s++;
	if (!isdigit((unsigned char)*s))
		return -1;
	b = strtol(s, &end, 10);
	while (is_blank(*end))
		end++;
	if (*end || errno || a > 100000 || b > 100000)
		return -1;
	*yes = a;
	*no = b;
	return 0;
}

static int cmp_history(const void *a, const void *b)
{
	const ot_legistar_history *x = a, *y = b;
	int c = strcmp(x->date, y->date);
	if (c)
		return c;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int cmp_history_id(const void *a, const void *b)
{
	const ot_legistar_history *x = a, *y = b;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

int ot_legistar_histories_parse(ot_legistar_history **out, size_t *n, ot_import_set *skip_to, json_t *root,
				const char *file)
{
	ot_jf jf = {.file = file};
	size_t i, cap = 0;
	json_t *o;

	*out = NULL;
	*n = 0;
	if (!json_is_array(root))
		return not_array(file, "GET /matters/{id}/histories");
	json_array_foreach(root, i, o) {
		ot_legistar_history h;
		char *tally;
		int type = 0;
		memset(&h, 0, sizeof(h));
		ot_jf_at(&jf, "[%zu]", i);
		if (!json_is_object(o))
			return ot_jf_bad(&jf, NULL, "not a history object");
		h.index = i;
		h.id = id_field(&jf, o, "MatterHistoryId", 0);
		h.date = ot_jf_date(&jf, o, "MatterHistoryActionDate", SENT);
		h.action = text_field(&jf, o, "MatterHistoryActionName", SENT, 0);
		if (h.action && (type = ot_source_action_parse(h.action)) < 0)
			ot_jf_bad(&jf, "MatterHistoryActionName",
				  "unknown action '%.200s'; add it to " ACTION_TABLE, h.action);
		h.type = type < 0 ? OT_ACTION_UNCLASSIFIED : (ot_action_type)type;
		h.body = text_field(&jf, o, "MatterHistoryActionBodyName", SENT, 0);
		h.passed = ot_jf_bool(&jf, o, "MatterHistoryPassedFlag", SENT);
		h.roll_call = ot_jf_bool(&jf, o, "MatterHistoryRollCallFlag", SENT);
		if ((tally = trimmed(ot_jf_str(&jf, o, "MatterHistoryTally", SENT)))) {
			if (parse_tally(tally, &h.yes, &h.no) < 0)
				ot_jf_bad(&jf, "MatterHistoryTally",
					  "'%.40s' is not a tally of yes:no votes (\"41:8\")", tally);
			h.tally = tally;
		}
		check_int(&jf, o, "MatterHistoryEventId");
		check_int(&jf, o, "MatterHistoryActionId");
		check_int(&jf, o, "MatterHistoryActionBodyId");
		check_str(&jf, o, "MatterHistoryActionText");
		check_str(&jf, o, "MatterHistoryPassedFlagName");
		check_str(&jf, o, "MatterHistoryVersion");
		check_str(&jf, o, "MatterHistoryMoverName");
		check_str(&jf, o, "MatterHistorySeconderName");
		check_date(&jf, o, "MatterHistoryLastModifiedUtc");
		if (ot_jf_failed(&jf) || !h.date || !h.action) {
			if (!ot_jf_failed(&jf))
				ot_import_set_skip(skip_to,
				     "%s: [%zu] (MatterHistoryId %lld) has no %s; not imported (an action "
				     "needs "
				     "a date and a name)",
				     file, i, h.id,
				     !h.date ? "MatterHistoryActionDate" : "MatterHistoryActionName");
			free(h.date);
			free(h.action);
			free(h.body);
			free(h.tally);
			if (ot_jf_failed(&jf))
				return ot_jf_finish(&jf);
			continue;
		}
		*OT_ARRAY_PUSH(*out, *n, cap) = h;
	}
	if (!*n)
		return 0;
	/* a MatterHistoryId given twice: sorted by id, neighbours compared */
	qsort(*out, *n, sizeof(**out), cmp_history_id);
	for (i = 1; i < *n; i++)
		if ((*out)[i].id == (*out)[i - 1].id)
			return ot_error_set(OT_EINVALID,
					    "%s: [%zu].MatterHistoryId: %lld is the MatterHistoryId of [%zu] "
					    "too; each history entry has its own id",
					    file, (*out)[i].index, (*out)[i].id, (*out)[i - 1].index);
	qsort(*out, *n, sizeof(**out), cmp_history);
	return 0;
}

/* ---- sponsors.json ----------------------------------------------------------- */

/* A sponsor as read, before the latest version's are put in order. */
typedef struct sponsor {
	size_t index;
	char *name;
	const char *version; /* borrowed from the document */
	int vclass;	     /* 0 none, 1 "*", 2 digits, 3 letters */
	long long seq;
} sponsor;

/* The kind of a MatterSponsorMatterVersion: Legistar numbers versions
 * ("1", "2"), NYC letters them ("*" for the original, then "A", "B");
 * -1 for anything else, which cannot be ordered. */
static int version_class(const char *v)
{
	size_t i, n;
	if (!v || !*v)
		return 0;
	if (strcmp(v, "*") == 0)
		return 1;
	n = strlen(v);
	for (i = 0; i < n && isdigit((unsigned char)v[i]); i++)
		;
	if (i == n)
		return n <= 18 ? 2 : -1;
	for (i = 0; i < n && isalpha((unsigned char)v[i]); i++)
		;
	return i == n && n <= 3 ? 3 : -1;
}

/* a later version than b (same class): numbers by value, letters by
 * length then alphabet ("B" after "A", "AA" after "Z") */
static int version_cmp(const sponsor *a, const sponsor *b)
{
	if (a->vclass != b->vclass)
		return a->vclass - b->vclass;
	if (a->vclass == 2) {
		long long x = atoll(a->version), y = atoll(b->version);
		return x < y ? -1 : x > y;
	}
	if (a->vclass == 3) {
		size_t la = strlen(a->version), lb = strlen(b->version);
		return la != lb ? (la < lb ? -1 : 1) : strcasecmp(a->version, b->version);
	}
	return 0;
}

static int cmp_sponsor(const void *a, const void *b)
{
	const sponsor *x = a, *y = b;
	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* a name and where it stands, to find the repeats */
typedef struct named {
	const char *name;
	size_t pos;
} named;

static int cmp_named(const void *a, const void *b)
{
	const named *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->pos < y->pos ? -1 : x->pos > y->pos);
}

int ot_legistar_sponsors_parse(char ***names, size_t *n, ot_import_set *skip_to, json_t *root,
			       const char *file, long long matter_id)
{
	ot_jf jf = {.file = file};
	sponsor *sp = NULL, *latest = NULL, best = {0, NULL, NULL, 0, 0};
	size_t i, nsp = 0, spcap = 0, ncap = 0, nlatest = 0;
	int have_digits = 0, have_letters = 0, err = 0;
	unsigned char *dup = NULL;
	named *order = NULL;
	json_t *o;

	*names = NULL;
	*n = 0;
	if (!json_is_array(root))
		return not_array(file, "GET /matters/{id}/sponsors");
	json_array_foreach(root, i, o) {
		sponsor s;
		long long mid;
		memset(&s, 0, sizeof(s));
		ot_jf_at(&jf, "[%zu]", i);
		if (!json_is_object(o)) {
			err = ot_jf_bad(&jf, NULL, "not a sponsor object");
			goto done;
		}
		s.index = i;
		if (ot_jf_str(&jf, o, "MatterSponsorName", 0))
			s.name = text_field(&jf, o, "MatterSponsorName", 0, 0);
		s.version = ot_jf_str(&jf, o, "MatterSponsorMatterVersion", SENT);
		if ((s.vclass = version_class(s.version)) < 0)
			ot_jf_bad(
			    &jf, "MatterSponsorMatterVersion",
			    "'%.40s' is not a version Legistar gives (digits, letters, or *), so the latest "
			    "sponsors cannot be told",
			    s.version);
		(void)ot_jf_int(&jf, o, "MatterSponsorSequence", 0, &s.seq);
		if ((mid = id_field(&jf, o, "MatterSponsorMatterId", SENT)) && matter_id && mid != matter_id)
			ot_jf_bad(&jf, "MatterSponsorMatterId",
				  "%lld, but the file is matter %lld's sponsors", mid, matter_id);
		check_int(&jf, o, "MatterSponsorId");
		check_int(&jf, o, "MatterSponsorNameId");
		check_int(&jf, o, "MatterSponsorBodyId");
		check_int(&jf, o, "MatterSponsorLinkFlag");
		check_date(&jf, o, "MatterSponsorLastModifiedUtc");
		if (ot_jf_failed(&jf)) {
			free(s.name);
			err = ot_jf_finish(&jf);
			goto done;
		}
		have_digits |= s.vclass == 2;
		have_letters |= s.vclass == 3;
		/* kept without a name too: it tells which version is the latest */
		*OT_ARRAY_PUSH(sp, nsp, spcap) = s;
	}
	if (have_digits && have_letters) {
		err = ot_error_set(OT_EINVALID,
				   "%s: MatterSponsorMatterVersion: numbered and lettered versions mixed, so "
				   "the latest sponsors cannot be told",
				   file);
		goto done;
	}
	/* the latest version's, in sequence order */
	for (i = 0; i < nsp; i++)
		if (!latest || version_cmp(&sp[i], latest) > 0)
			latest = &sp[i];
	if (latest)
		best = *latest;
	for (i = 0; i < nsp; i++) {
		if (version_cmp(&sp[i], &best) == 0) {
			sponsor t = sp[i];
			sp[i] = sp[nlatest];
			sp[nlatest++] = t;
		}
	}
	if (nlatest < nsp)
		ot_import_set_skip(skip_to,
		     "%s: %zu sponsors of versions before '%s' left out; a record lists its latest sponsors",
		     file, nsp - nlatest, best.version ? best.version : "");
	qsort(sp, nlatest, sizeof(*sp), cmp_sponsor);
	/* each name once: sorted by name (then order), the later of equal
	 * names are repeats */
	dup = ot_calloc(nlatest ? nlatest : 1, sizeof(*dup));
	order = ot_reallocarray(NULL, nlatest ? nlatest : 1, sizeof(*order));
	for (i = 0; i < nlatest; i++)
		order[i] = (named){sp[i].name ? sp[i].name : "", i};
	qsort(order, nlatest, sizeof(*order), cmp_named);
	for (i = 1; i < nlatest; i++)
		if (strcmp(order[i].name, order[i - 1].name) == 0)
			dup[order[i].pos] = 1;
	for (i = 0; i < nlatest; i++) {
		if (!sp[i].name) {
			ot_import_set_skip(skip_to, "%s: [%zu] has an empty MatterSponsorName; not a sponsor", file,
			     sp[i].index);
			continue;
		}
		if (dup[i]) {
			ot_import_set_skip(skip_to, "%s: [%zu] names '%s' again; kept once", file, sp[i].index, sp[i].name);
			continue;
		}
		*OT_ARRAY_PUSH(*names, *n, ncap) = sp[i].name;
		sp[i].name = NULL;
	}
done:
	for (i = 0; i < nsp; i++)
		free(sp[i].name);
	free(sp);
	free(dup);
	free(order);
	return err;
}

/* ---- eventitems/{id}/votes.json ---------------------------------------------- */

int ot_legistar_votes_parse(ot_vote *out, ot_import_set *skip_to, json_t *root, const char *file,
			    long long item_id)
{
	ot_jf jf = {.file = file};
	size_t i, without = 0, first_without = 0;
	json_t *o;

	if (!json_is_array(root))
		return not_array(file, "GET /eventitems/{id}/votes");
	json_array_foreach(root, i, o) {
		const char *value;
		char *name = NULL;
		long long item;
		int opt = -1;
		ot_jf_at(&jf, "[%zu]", i);
		if (!json_is_object(o))
			return ot_jf_bad(&jf, NULL, "not a vote object");
		if (ot_jf_str(&jf, o, "VotePersonName", 0) &&
		    !(name = text_field(&jf, o, "VotePersonName", 0, 0)))
			ot_jf_bad(&jf, "VotePersonName", "empty; every vote names the member who cast it");
		if ((value = ot_jf_str(&jf, o, "VoteValueName", SENT)) &&
		    (opt = ot_vote_option_parse(value)) < 0)
			ot_jf_bad(&jf, "VoteValueName", "unknown vote value '%.100s'; add it to " VOTE_TABLE,
				  value);
		if ((item = id_field(&jf, o, "VoteEventItemId", SENT)) && item_id && item != item_id)
			ot_jf_bad(&jf, "VoteEventItemId", "%lld, but the file is event item %lld's votes",
				  item, item_id);
		check_int(&jf, o, "VoteId");
		check_int(&jf, o, "VotePersonId");
		check_int(&jf, o, "VoteValueId");
		check_int(&jf, o, "VoteResult");
		check_int(&jf, o, "VoteSort");
		check_date(&jf, o, "VoteLastModifiedUtc");
		if (ot_jf_failed(&jf)) {
			free(name);
			return ot_jf_finish(&jf);
		}
		if (!value) {
			/* a voice vote's placeholders: the member is listed, no vote */
			if (!without++)
				first_without = i;
			free(name);
			continue;
		}
		*OT_ARRAY_PUSH(out->roll, out->nroll, out->cap) = (ot_roll_entry){name, (ot_vote_option)opt};
		out->counts[opt]++;
	}
	if (without)
		ot_import_set_skip(skip_to, "%s: %zu entries (the first [%zu]) have no VoteValueName; left out of the roll",
		     file, without, first_without);
	return 0;
}

/* ---- versions.json, texts/{id}.json ------------------------------------------ */

int ot_legistar_versions_parse(long long **ids, char ***versions, size_t *n, json_t *root, const char *file)
{
	ot_jf jf = {.file = file};
	size_t i, icap = 0, vcap = 0, nv = 0;
	json_t *o;

	*ids = NULL;
	*versions = NULL;
	*n = 0;
	if (!json_is_array(root))
		return not_array(file, "GET /matters/{id}/versions");
	json_array_foreach(root, i, o) {
		long long key;
		char *value;
		ot_jf_at(&jf, "[%zu]", i);
		if (!json_is_object(o))
			return ot_jf_bad(&jf, NULL, "not a {Key, Value} object");
		key = id_field(&jf, o, "Key", 0);
		value = text_field(&jf, o, "Value", SENT, 0);
		if (ot_jf_failed(&jf)) {
			free(value);
			return ot_jf_finish(&jf);
		}
		*OT_ARRAY_PUSH(*versions, nv, vcap) = value;
		*OT_ARRAY_PUSH(*ids, *n, icap) = key;
	}
	return 0;
}

int ot_legistar_text_parse(size_t *chars, json_t *root, const char *file, long long matter_id,
			   long long text_id)
{
	ot_jf jf = {.file = file};
	const char *plain;
	long long id;

	if (chars)
		*chars = 0;
	if (!json_is_object(root))
		return ot_error_set(
		    OT_EINVALID, "%s: not a JSON object; GET /matters/{id}/texts/{id} gives one text", file);
	if ((id = id_field(&jf, root, "MatterTextId", SENT)) && text_id && id != text_id)
		ot_jf_bad(&jf, "MatterTextId", "%lld, but the file is text %lld", id, text_id);
	if ((id = id_field(&jf, root, "MatterTextMatterId", SENT)) && matter_id && id != matter_id)
		ot_jf_bad(&jf, "MatterTextMatterId", "%lld, but the file is a text of matter %lld", id,
			  matter_id);
	check_str(&jf, root, "MatterTextVersion");
	check_str(&jf, root, "MatterTextRtf");
	check_date(&jf, root, "MatterTextLastModifiedUtc");
	if ((plain = ot_jf_str(&jf, root, "MatterTextPlain", SENT)) && chars)
		*chars = strlen(plain);
	return ot_jf_finish(&jf);
}

/* ---- persons.json, officerecords.json ---------------------------------------- */

/* A person as read; the strings are borrowed from the document. */
typedef struct person {
	long long id;
	size_t index;
	const char *full, *first, *last, *email;
	int seated; /* holds an office record of the main body */
} person;

/* An office record as read; strings borrowed, dates owned. */
typedef struct office {
	size_t index;
	long long person;
	const char *full, *first, *last, *body, *title, *type, *email;
	char *from, *to;
} office;

static int cmp_person(const void *a, const void *b)
{
	const person *x = a, *y = b;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int cmp_body(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* the number in "Ward 12", "12th Ward", "District 4", "4th District" (any
 * case), 0 when s names none */
static int ward_in_text(const char *s)
{
	static const char *const words[] = {"ward", "district"};
	size_t i, w, len;
	if (!s)
		return 0;
	len = strlen(s);
	for (i = 0; i < len; i++) {
		if (i && isalnum((unsigned char)s[i - 1]))
			continue;
		for (w = 0; w < OT_ARRAY_LEN(words); w++) {
			size_t wl = strlen(words[w]), j, k;
			long v = 0;
			if (strncasecmp(s + i, words[w], wl) != 0 || isalnum((unsigned char)s[i + wl]))
				continue;
			/* after: "Ward 12", "Ward No. 12", "Ward #12" */
			j = i + wl;
			while (s[j] == ' ' || s[j] == '#')
				j++;
			if (strncasecmp(s + j, "no.", 3) == 0)
				for (j += 3; s[j] == ' ';)
					j++;
			for (k = j; isdigit((unsigned char)s[k]) && k - j < 5; k++)
				v = v * 10 + (s[k] - '0');
			if (k > j && !isalnum((unsigned char)s[k]))
				return v >= 1 && v <= 1000 ? (int)v : 0;
			/* before: "12th Ward" */
			if (i >= 4 && s[i - 1] == ' ') {
				const char *suffix = s + i - 3;
				size_t d = i - 3, e;
				if (!strncasecmp(suffix, "st", 2) || !strncasecmp(suffix, "nd", 2) ||
				    !strncasecmp(suffix, "rd", 2) || !strncasecmp(suffix, "th", 2)) {
					for (e = d; e > 0 && isdigit((unsigned char)s[e - 1]) && d - e < 5;
					     e--)
						;
					if (e < d && (e == 0 || !isalnum((unsigned char)s[e - 1]))) {
						for (v = 0, k = e; k < d; k++)
							v = v * 10 + (s[k] - '0');
						return v >= 1 && v <= 1000 ? (int)v : 0;
					}
				}
			}
		}
	}
	return 0;
}

/* the ward in a council e-mail address whose mailbox is the seat's:
 * Chicago's ward45@..., Madison's district3@..., Phoenix's
 * council.district.4@...; 0 otherwise */
static int ward_in_email(const char *s)
{
	const char *at = s ? strchr(s, '@') : NULL, *d;
	size_t i;
	long v = 0;
	if (!at)
		return 0;
	for (d = at; d > s && isdigit((unsigned char)d[-1]) && at - d < 5; d--)
		;
	if (d == at)
		return 0;
	for (i = 0; d + i < at; i++)
		v = v * 10 + (d[i] - '0');
	if (d > s && (d[-1] == '.' || d[-1] == '-' || d[-1] == '_'))
		d--;
	if (!((d - s >= 4 && strncasecmp(d - 4, "ward", 4) == 0 &&
	       (d - 4 == s || !isalnum((unsigned char)d[-5]))) ||
	      (d - s >= 8 && strncasecmp(d - 8, "district", 8) == 0 &&
	       (d - 8 == s || !isalnum((unsigned char)d[-9])))))
		return 0;
	return v >= 1 && v <= 1000 ? (int)v : 0;
}

/* 1 when s holds `word` (lower case) as a word, in any case */
static int has_word(const char *s, const char *word)
{
	size_t n = strlen(word), i;
	for (i = 0; s && s[i]; i++)
		if ((i == 0 || !isalnum((unsigned char)s[i - 1])) && strncasecmp(s + i, word, n) == 0 &&
		    !isalnum((unsigned char)s[i + n]))
			return 1;
	return 0;
}

static void add_alias(ot_member *m, const char *alias)
{
	size_t i;
	if (!alias || !*alias || strcmp(alias, m->name) == 0)
		return;
	for (i = 0; i < m->naliases; i++)
		if (strcmp(m->aliases[i], alias) == 0)
			return;
	*OT_ARRAY_PUSH(m->aliases, m->naliases, m->alcap) = ot_strdup(alias);
}

/* The member's name: "First M. Last" as Legistar gives it, or, when the
 * client writes full names "Last, First M." (Chicago's did), turned
 * around: the part before the comma must be the person's last name. */
static char *member_name(const char *full, const char *last)
{
	const char *comma = strchr(full, ',');
	ot_buf b = OT_BUF_INIT;
	size_t ln;
	if (!comma || strchr(comma + 1, ',') || !last || !*last)
		return ot_strdup(full);
	ln = (size_t)(comma - full);
	if (ln != strlen(last) || strncmp(full, last, ln) != 0 || comma[1] != ' ' || !comma[2])
		return ot_strdup(full);
	ot_buf_printf(&b, "%s %.*s", comma + 2, (int)ln, full);
	return ot_buf_detach(&b);
}

/* a person's names are plain text (an empty one is no name) */
static void names_ok(ot_jf *jf, const char *kfull, const char *full, const char *kfirst, const char *first,
		     const char *klast, const char *last)
{
	if (full && *full)
		text_ok(jf, kfull, full, 0);
	if (first && *first)
		text_ok(jf, kfirst, first, 0);
	if (last && *last)
		text_ok(jf, klast, last, 0);
}

static int read_persons(person **out, size_t *n, json_t *root, const char *file)
{
	ot_jf jf = {.file = file};
	size_t i, cap = 0;
	json_t *o;
	*out = NULL;
	*n = 0;
	if (!root)
		return 0;
	if (!json_is_array(root))
		return not_array(file, "GET /persons");
	json_array_foreach(root, i, o) {
		person p;
		memset(&p, 0, sizeof(p));
		ot_jf_at(&jf, "[%zu]", i);
		if (!json_is_object(o))
			return ot_jf_bad(&jf, NULL, "not a person object");
		p.index = i;
		p.id = id_field(&jf, o, "PersonId", 0);
		p.full = ot_jf_str(&jf, o, "PersonFullName", SENT);
		p.first = ot_jf_str(&jf, o, "PersonFirstName", SENT);
		p.last = ot_jf_str(&jf, o, "PersonLastName", SENT);
		p.email = ot_jf_str(&jf, o, "PersonEmail", SENT);
		names_ok(&jf, "PersonFullName", p.full, "PersonFirstName", p.first, "PersonLastName", p.last);
		(void)ot_jf_bool(&jf, o, "PersonActiveFlag", 1);
		check_int(&jf, o, "PersonUsedSponsorFlag");
		check_str(&jf, o, "PersonGuid");
		check_str(&jf, o, "PersonWWW");
		check_date(&jf, o, "PersonLastModifiedUtc");
		if (ot_jf_failed(&jf))
			return ot_jf_finish(&jf);
		*OT_ARRAY_PUSH(*out, *n, cap) = p;
	}
	if (*n)
		qsort(*out, *n, sizeof(**out), cmp_person);
	for (i = 1; i < *n; i++)
		if ((*out)[i].id == (*out)[i - 1].id)
			return ot_error_set(
			    OT_EINVALID,
			    "%s: [%zu].PersonId: %lld is the PersonId of [%zu] too; a person is "
			    "listed once",
			    file, (*out)[i].index, (*out)[i].id, (*out)[i - 1].index);
	return 0;
}

static void offices_free(office *r, size_t n)
{
	size_t i;
	for (i = 0; r && i < n; i++) {
		free(r[i].from);
		free(r[i].to);
	}
	free(r);
}

static int read_offices(office **out, size_t *n, json_t *root, const char *file)
{
	ot_jf jf = {.file = file};
	size_t i, cap = 0;
	json_t *o;
	*out = NULL;
	*n = 0;
	if (!json_is_array(root))
		return not_array(file, "GET /officerecords");
	json_array_foreach(root, i, o) {
		office r;
		memset(&r, 0, sizeof(r));
		ot_jf_at(&jf, "[%zu]", i);
		if (!json_is_object(o))
			return ot_jf_bad(&jf, NULL, "not an office record object");
		r.index = i;
		r.person = id_field(&jf, o, "OfficeRecordPersonId", 0);
		r.full = ot_jf_str(&jf, o, "OfficeRecordFullName", SENT);
		r.first = ot_jf_str(&jf, o, "OfficeRecordFirstName", SENT);
		r.last = ot_jf_str(&jf, o, "OfficeRecordLastName", SENT);
		names_ok(&jf, "OfficeRecordFullName", r.full, "OfficeRecordFirstName", r.first,
			 "OfficeRecordLastName", r.last);
		r.body = ot_jf_str(&jf, o, "OfficeRecordBodyName", SENT);
		r.title = ot_jf_str(&jf, o, "OfficeRecordTitle", SENT);
		r.type = ot_jf_str(&jf, o, "OfficeRecordMemberType", SENT);
		r.email = ot_jf_str(&jf, o, "OfficeRecordEmail", SENT);
		r.from = ot_jf_date(&jf, o, "OfficeRecordStartDate", SENT);
		r.to = ot_jf_date(&jf, o, "OfficeRecordEndDate", SENT);
		if (r.from && r.to && strcmp(r.to, r.from) < 0)
			ot_jf_bad(&jf, "OfficeRecordEndDate", "%s is before the OfficeRecordStartDate %s",
				  r.to, r.from);
		check_int(&jf, o, "OfficeRecordId");
		check_int(&jf, o, "OfficeRecordBodyId");
		check_int(&jf, o, "OfficeRecordSort");
		check_int(&jf, o, "OfficeRecordMemberTypeId");
		check_str(&jf, o, "OfficeRecordGuid");
		check_date(&jf, o, "OfficeRecordLastModifiedUtc");
		if (ot_jf_failed(&jf)) {
			free(r.from);
			free(r.to);
			return ot_jf_finish(&jf);
		}
		*OT_ARRAY_PUSH(*out, *n, cap) = r;
	}
	return 0;
}

/* The council's main body: the body most office records name, "City
 * Council" among equals, else the first of them in alphabetical order;
 * NULL when no record names a body.  Borrowed from the records. */
static const char *main_body(const office *r, size_t n, size_t *others)
{
	const char **b = ot_reallocarray(NULL, n ? n : 1, sizeof(*b)), *best = NULL;
	size_t i, nb = 0, run, best_run = 0, named = 0;
	for (i = 0; i < n; i++)
		if (r[i].body && *r[i].body)
			b[nb++] = r[i].body;
	qsort(b, nb, sizeof(*b), cmp_body);
	for (i = 0; i < nb; i += run) {
		for (run = 1; i + run < nb && strcmp(b[i], b[i + run]) == 0; run++)
			;
		if (run > best_run || (run == best_run && strcmp(b[i], "City Council") == 0)) {
			best = b[i];
			best_run = run;
		}
	}
	for (i = 0; i < n; i++)
		named += best && r[i].body && strcmp(r[i].body, best) == 0;
	*others = n - named;
	free(b);
	return best;
}

/* up to three of the other bodies' names, for the skipped line */
static void other_bodies(ot_buf *out, const office *r, size_t n, const char *body)
{
	const char *seen[3];
	size_t i, j, ns = 0, more = 0;
	for (i = 0; i < n; i++) {
		const char *b = r[i].body && *r[i].body ? r[i].body : "no OfficeRecordBodyName";
		if (body && r[i].body && strcmp(r[i].body, body) == 0)
			continue;
		for (j = 0; j < ns && strcmp(seen[j], b) != 0; j++)
			;
		if (j < ns)
			continue;
		if (ns < OT_ARRAY_LEN(seen))
			seen[ns++] = b;
		else
			more = 1;
	}
	for (j = 0; j < ns; j++)
		ot_buf_printf(out, "%s%s", j ? ", " : "", seen[j]);
	if (more)
		ot_buf_puts(out, ", ...");
}

int ot_legistar_members_parse(ot_import_set *out, json_t *persons, const char *persons_file, json_t *records,
			      const char *records_file)
{
	person *pp = NULL;
	office *rr = NULL;
	size_t np = 0, nr = 0, i, others = 0, unseated = 0, vacant = 0, seats = 0, no_ward = 0;
	const char *body;
	int err;

	if ((err = read_persons(&pp, &np, persons, persons_file)) < 0 ||
	    (err = read_offices(&rr, &nr, records, records_file)) < 0)
		goto done;
	body = main_body(rr, nr, &others);
	if (others) {
		ot_buf b = OT_BUF_INIT;
		other_bodies(&b, rr, nr, body);
		ot_import_set_skip(out,
		     "%s: %zu office records of other bodies (%s) not imported: the members are %s's seats",
		     records_file, others, b.ptr, body ? body : "the council");
		ot_buf_release(&b);
	}
	for (i = 0; body && i < nr; i++) {
		const office *r = &rr[i];
		person *p;
		ot_import_member *im;
		const char *full, *first, *last;
		char *name, *alias;
		ot_jf jf = {.file = records_file};
		if (!r->body || strcmp(r->body, body) != 0)
			continue;
		{
			/* the person of the record: pp is sorted by id, ids unique */
			size_t lo = 0, hi = np;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (pp[mid].id < r->person)
					lo = mid + 1;
				else
					hi = mid;
			}
			p = lo < np && pp[lo].id == r->person ? &pp[lo] : NULL;
		}
		first = p && p->first && *p->first ? p->first : r->first;
		last = p && p->last && *p->last ? p->last : r->last;
		full = p && p->full && *p->full ? p->full : r->full;
		name = trimmed(full);
		if (!name && first && last && *first && *last) {
			ot_buf b = OT_BUF_INIT;
			ot_buf_printf(&b, "%s %s", first, last);
			name = trimmed(b.ptr);
			ot_buf_release(&b);
		}
		if (!name) {
			ot_import_set_skip(out, "%s: [%zu] (OfficeRecordPersonId %lld) names nobody; not a member",
			     records_file, r->index, r->person);
			continue;
		}
		if (strstr(name, "VACANT") || strcasecmp(name, "Vacant") == 0) {
			/* Chicago lists an empty seat as a person named VACANT */
			vacant++;
			free(name);
			continue;
		}
		/* the name is checked against the file it came from */
		if (p && p->full && *p->full) {
			jf.file = persons_file;
			ot_jf_at(&jf, "[%zu]", p->index);
		} else {
			ot_jf_at(&jf, "[%zu]", r->index);
		}
		if (!text_ok(&jf, jf.file == persons_file ? "PersonFullName" : "OfficeRecordFullName", name,
			     0)) {
			free(name);
			err = ot_jf_finish(&jf);
			goto done;
		}
		if (p)
			p->seated = 1;
		im = OT_ARRAY_PUSH(out->members, out->nmembers, out->mcap);
		memset(im, 0, sizeof(*im));
		im->file = ot_strdup(records_file);
		im->m.name = member_name(name, last);
		add_alias(&im->m, name);
		if (r->full) {
			alias = trimmed(r->full);
			add_alias(&im->m, alias);
			free(alias);
		}
		if (first && last && *first && *last) {
			ot_buf b = OT_BUF_INIT;
			ot_buf_printf(&b, "%s, %s", last, first);
			alias = trimmed(b.ptr);
			add_alias(&im->m, alias);
			free(alias);
			ot_buf_release(&b);
		}
		free(name);
		im->m.ward = ward_in_text(r->title);
		if (!im->m.ward)
			im->m.ward = ward_in_text(r->type);
		if (!im->m.ward)
			im->m.ward = ward_in_email(r->email);
		if (!im->m.ward && p)
			im->m.ward = ward_in_email(p->email);
		seats++;
		/* the mayor holds no ward: ward 0 is the mayor's own */
		no_ward += !im->m.ward && !has_word(r->title, "mayor") && !has_word(r->type, "mayor");
		im->m.from = r->from ? ot_strdup(r->from) : NULL;
		im->m.to = r->to ? ot_strdup(r->to) : NULL;
		/* names built of two (a "Last, First" alias) must still fit */
		{
			size_t a;
			for (a = 0; a < im->m.naliases; a++)
				if (!text_ok(&jf, "the names", im->m.aliases[a], 0)) {
					err = ot_jf_finish(&jf);
					goto done;
				}
		}
	}
	if (vacant)
		ot_import_set_skip(out, "%s: %zu office records of %s name a VACANT seat; not members", records_file,
		     vacant, body);
	if (no_ward)
		ot_import_set_skip(out,
		     "%s: %zu of the %zu members read have no ward in the dump (none in OfficeRecordTitle or "
		     "OfficeRecordMemberType, no seat mailbox such as ward12@ in OfficeRecordEmail or PersonEmail): "
		     "imported with ward 0; 'ordtrack member import' of a CSV with their wards adds them",
		     records_file, no_ward, seats);
	for (i = 0; i < np; i++)
		unseated += !pp[i].seated;
	if (unseated)
		ot_import_set_skip(out,
		     "%s: %zu persons hold no office record of %s (staff, departments, committee members "
		     "only); not "
		     "imported as members",
		     persons_file, unseated, body ? body : "the council");
done:
	free(pp);
	offices_free(rr, nr);
	return err;
}

/* ---- the dump ---------------------------------------------------------------- */

static char *path_of(const char *dir, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* dir/FMT..., as a new string */
static char *path_of(const char *dir, const char *fmt, ...)
{
	ot_buf b = OT_BUF_INIT;
	va_list ap;
	ot_buf_puts(&b, dir);
	if (b.len && b.ptr[b.len - 1] != '/')
		ot_buf_putc(&b, '/');
	va_start(ap, fmt);
	ot_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return ot_buf_detach(&b);
}

/* `path` (below the dump's directory `dir`) into *out (NULL when absent
 * and optional); a required file that is absent is an error saying which
 * API response belongs there; a symlinked directory on the way to it is
 * refused as a symlinked file is */
static int load(json_t **out, const char *dir, const char *path, int optional, const char *what)
{
	int err;
	*out = NULL;
	if ((err = ot_source_dirs_check(dir, path)) < 0)
		return err;
	err = ot_json_file_load(out, path, optional);
	if (err == OT_ENOTFOUND)
		return ot_error_set(
		    OT_ENOTFOUND,
		    "%s: no such file; a Legistar dump holds %s there (docs/record-import.md, "
		    "'Legistar')",
		    path, what);
	return err;
}

static void vote_release(ot_vote *v)
{
	size_t i;
	for (i = 0; i < v->nroll; i++)
		free(v->roll[i].name);
	free(v->roll);
	free(v->date);
	free(v->motion);
	free(v->forced);
	free(v->source);
	memset(v, 0, sizeof(*v));
}

static char *source_id(const char *kind, long long id)
{
	ot_buf b = OT_BUF_INIT;
	ot_buf_printf(&b, "legistar:%s/%lld", kind, id);
	return ot_buf_detach(&b);
}

/* The roll call of history entry h, when it had one: a vote of ir, or a
 * line in out->skipped saying why there is none. */
static int read_vote(ot_import_set *out, ot_import_record *ir, const char *dir, const ot_legistar_history *h,
		     const char *hist_file)
{
	char *path = path_of(dir, "eventitems/%lld/votes.json", h->id);
	json_t *root = NULL;
	ot_vote v;
	int err;

	memset(&v, 0, sizeof(v));
	if ((err = load(&root, dir, path, 1, "")) < 0)
		goto done;
	if (!root) {
		if (h->roll_call == 1 && h->tally)
			ot_import_set_skip(out,
			     "%s: [%zu] (MatterHistoryId %lld, '%s' on %s): a roll call with the tally %s, "
			     "but its roll "
			     "(%s) is not in the dump; no vote imported",
			     hist_file, h->index, h->id, h->action, h->date, h->tally, path);
		else if (h->roll_call == 1)
			ot_import_set_skip(out,
			     "%s: [%zu] (MatterHistoryId %lld, '%s' on %s): a roll call, but its roll (%s) "
			     "is not in "
			     "the dump; no vote imported",
			     hist_file, h->index, h->id, h->action, h->date, path);
		else if (h->tally)
			ot_import_set_skip(out,
			     "%s: [%zu] (MatterHistoryId %lld, '%s' on %s): the tally %s without a roll "
			     "call; not "
			     "imported (ordtrack records roll calls)",
			     hist_file, h->index, h->id, h->action, h->date, h->tally);
		goto done;
	}
	if ((err = ot_legistar_votes_parse(&v, out, root, path, h->id)) < 0)
		goto done;
	if (!v.nroll) {
		ot_import_set_skip(out, "%s: the roll lists no vote; no vote imported for [%zu] of %s", path, h->index,
		     hist_file);
		goto done;
	}
	if (h->passed < 0) {
		ot_import_set_skip(out,
		     "%s: [%zu] (MatterHistoryId %lld, '%s' on %s): no MatterHistoryPassedFlag, so the "
		     "result of "
		     "the roll call in %s is not known; no vote imported",
		     hist_file, h->index, h->id, h->action, h->date, path);
		goto done;
	}
	if (h->tally && ((size_t)h->yes != v.counts[OT_VOTE_YES] || (size_t)h->no != v.counts[OT_VOTE_NO])) {
		err = ot_error_set(OT_EINVALID,
				   "%s: the roll has %zu yes and %zu no, but the MatterHistoryTally of [%zu] "
				   "in %s is %s (yes:no); the record would show counts its roll contradicts",
				   path, v.counts[OT_VOTE_YES], v.counts[OT_VOTE_NO], h->index, hist_file,
				   h->tally);
		goto done;
	}
	v.date = ot_strdup(h->date);
	v.motion = ot_strdup(h->action);
	v.result = h->passed ? OT_RESULT_PASS : OT_RESULT_FAIL;
	v.threshold = OT_THRESHOLD_NONE;
	v.source = source_id("history", h->id);
	/* vote_files grows first: the set's release reads nvotes of it */
	ir->vote_files = ot_reallocarray(ir->vote_files, ir->r.nvotes + 1, sizeof(*ir->vote_files));
	ir->vote_files[ir->r.nvotes] = path;
	path = NULL;
	*OT_ARRAY_PUSH(ir->r.votes, ir->r.nvotes, ir->r.votecap) = v;
	memset(&v, 0, sizeof(v));
done:
	vote_release(&v);
	json_decref(root);
	free(path);
	return err;
}

/* the status an action of type t closes a record with; -1 for one that
 * does not close it */
static int status_of(ot_action_type t)
{
	switch (t) {
	case OT_ACTION_PASSAGE: return OT_STATUS_PASSED;
	case OT_ACTION_FAILURE: return OT_STATUS_FAILED;
	case OT_ACTION_WITHDRAWAL: return OT_STATUS_WITHDRAWN;
	case OT_ACTION_FILING: return OT_STATUS_FILED;
	default: return -1;
	}
}

/* versions.json and the texts it names: checked, not imported */
static int read_texts(ot_import_set *out, const char *dir, long long matter_id)
{
	char *path = path_of(dir, "matters/%lld/versions.json", matter_id), *tpath = NULL, **versions = NULL;
	long long *ids = NULL;
	json_t *root = NULL, *text = NULL;
	size_t i, n = 0, chars;
	int err;

	if ((err = load(&root, dir, path, 1, "")) < 0 || !root)
		goto done;
	if ((err = ot_legistar_versions_parse(&ids, &versions, &n, root, path)) < 0)
		goto done;
	for (i = 0; i < n; i++) {
		free(tpath);
		json_decref(text);
		text = NULL;
		tpath = path_of(dir, "matters/%lld/texts/%lld.json", matter_id, ids[i]);
		if ((err = load(&text, dir, tpath, 1, "")) < 0)
			goto done;
		if (!text)
			continue;
		if ((err = ot_legistar_text_parse(&chars, text, tpath, matter_id, ids[i])) < 0)
			goto done;
		ot_import_set_skip(out,
		     "%s: the text of version '%s' (%zu bytes of MatterTextPlain) is not imported: an "
		     "imported "
		     "record changes no ordinance text",
		     tpath, versions[i] ? versions[i] : "", chars);
	}
done:
	for (i = 0; i < n; i++)
		free(versions[i]);
	free(versions);
	free(ids);
	json_decref(root);
	json_decref(text);
	free(path);
	free(tpath);
	return err;
}

/* One matter of matters.json, with its sponsors, histories and roll
 * calls, as a record of out (or a line in out->skipped). */
static int read_matter(ot_import_set *out, const char *dir, const char *matters_file,
		       const ot_legistar_matter *m)
{
	ot_legistar_history *h = NULL;
	ot_import_record *ir;
	ot_record *r;
	json_t *root = NULL;
	char *path = NULL, **names = NULL;
	size_t i, nh = 0, nn = 0;
	int err, status;
	const char *missing = !m->file	       ? "MatterFile"
			      : !m->introduced ? "MatterIntroDate"
			      : !m->title      ? "MatterTitle or MatterName"
					       : NULL;

	if (missing) {
		ot_import_set_skip(out,
		     "%s: [%zu] (MatterId %lld%s%s) has no %s; not imported (a record needs its file number, "
		     "introduction date and title)",
		     matters_file, m->index, m->id, m->file ? ", " : "", m->file ? m->file : "", missing);
		return 0;
	}
	ir = OT_ARRAY_PUSH(out->records, out->nrecords, out->rcap);
	memset(ir, 0, sizeof(*ir));
	r = &ir->r;
	ir->file = ot_strdup(matters_file);
	r->id = ot_strdup(m->file);
	r->type = (ot_record_type)m->type;
	r->title = ot_strdup(m->title);
	r->introduced = ot_strdup(m->introduced);
	r->source = source_id("matter", m->id);
	*OT_ARRAY_PUSH(r->versions, r->nversions, r->vcap) =
	    (ot_record_version){1, ot_strdup(m->introduced), OT_STAGE_INTRODUCED};
	for (i = 0; i < m->nlinks; i++)
		*OT_ARRAY_PUSH(r->links, r->nlinks, r->lcap) =
		    (ot_link){m->links[i].kind, ot_strdup(m->links[i].url),
			      m->links[i].note ? ot_strdup(m->links[i].note) : NULL};

	path = path_of(dir, "matters/%lld/sponsors.json", m->id);
	if ((err = load(&root, dir, path, 0, "GET /matters/{id}/sponsors")) < 0 ||
	    (err = ot_legistar_sponsors_parse(&names, &nn, out, root, path, m->id)) < 0)
		goto done;
	r->sponsors = names;
	r->nsponsors = r->scap = nn;
	names = NULL;
	json_decref(root);
	root = NULL;
	free(path);

	path = path_of(dir, "matters/%lld/histories.json", m->id);
	if ((err = load(&root, dir, path, 0, "GET /matters/{id}/histories")) < 0 ||
	    (err = ot_legistar_histories_parse(&h, &nh, out, root, path)) < 0)
		goto done;
	for (i = 0; i < nh; i++) {
		*OT_ARRAY_PUSH(r->actions, r->nactions, r->acap) =
		    (ot_action){ot_strdup(h[i].date), h[i].type, h[i].body ? ot_strdup(h[i].body) : NULL,
				ot_strdup(h[i].action), source_id("history", h[i].id)};
		if ((err = read_vote(out, ir, dir, &h[i], path)) < 0)
			goto done;
	}

	/* the status Legistar gives, or the one the last closing action
	 * left; closed: the date of the last action that closed it so */
	status = m->status;
	if (status < 0)
		for (i = 0, status = OT_STATUS_PENDING; i < r->nactions; i++)
			if (status_of(r->actions[i].type) >= 0)
				status = status_of(r->actions[i].type);
	r->status = (ot_status)status;
	for (i = r->nactions; status != OT_STATUS_PENDING && i-- > 0 && !r->closed;)
		if (status_of(r->actions[i].type) == status)
			r->closed = ot_strdup(r->actions[i].date);
	if (status != OT_STATUS_PENDING && !r->closed && m->passed)
		r->closed = ot_strdup(m->passed);

	err = read_texts(out, dir, m->id);
done:
	ot_legistar_histories_free(h, nh);
	for (i = 0; names && i < nn; i++)
		free(names[i]);
	free(names);
	json_decref(root);
	free(path);
	return err;
}

/* persons.json and officerecords.json, when the dump has them */
static int read_members(ot_import_set *out, const char *dir)
{
	char *ppath = path_of(dir, "persons.json"), *rpath = path_of(dir, "officerecords.json");
	json_t *persons = NULL, *records = NULL;
	int err;
	if ((err = load(&persons, dir, ppath, 1, "")) < 0 || (err = load(&records, dir, rpath, 1, "")) < 0)
		goto done;
	if (records)
		err = ot_legistar_members_parse(out, persons, ppath, records, rpath);
	else if (persons)
		ot_import_set_skip(out,
		     "%s: without officerecords.json (GET /officerecords) nothing says who held a council "
		     "seat "
		     "when; no members imported",
		     ppath);
done:
	json_decref(persons);
	json_decref(records);
	free(ppath);
	free(rpath);
	return err;
}

/* Up to three examples ("Int-0001-2018 '2021/045'") of a field not
 * imported, for its one line in set->skipped: the value on one line,
 * cut (on a character) past 60 bytes. */
static void listed(ot_buf *b, size_t *count, const ot_legistar_matter *m, const char *value)
{
	size_t len = 0, cut;
	if ((*count)++ >= 3) {
		if (*count == 4)
			ot_buf_puts(b, ", ...");
		return;
	}
	ot_buf_printf(b, "%s%s '", b->len ? ", " : "", m->file);
	for (cut = 0; value[cut] && cut < 60; cut++)
		;
	while (value[cut] && cut > 0 && ((unsigned char)value[cut] & 0xC0) == 0x80)
		cut--;
	for (; len < cut; len++)
		ot_buf_putc(b, value[len] == '\n' || value[len] == '\r' || value[len] == '\t' ? ' ' : value[len]);
	ot_buf_puts(b, value[cut] ? "...'" : "'");
}

int ot_legistar_read(ot_import_set *out, const char *dir)
{
	ot_legistar_matter *m = NULL;
	json_t *root = NULL;
	char *path;
	const char *first_spaced = NULL;
	ot_buf enactments = OT_BUF_INIT, notes = OT_BUF_INIT;
	size_t i, n = 0, spaced = 0, nenact = 0, nnotes = 0;
	int err;

	memset(out, 0, sizeof(*out));
	out->format = OT_SOURCE_LEGISTAR;
	path = path_of(dir, "matters.json");
	if ((err = load(&root, dir, path, 0, "GET /matters")) < 0 ||
	    (err = ot_legistar_matters_parse(&m, &n, root, path)) < 0)
		goto done;
	json_decref(root);
	root = NULL;
	for (i = 0; i < n; i++) {
		size_t before = out->nrecords;
		if ((err = read_matter(out, dir, path, &m[i])) < 0)
			goto done;
		if (out->nrecords == before)
			continue; /* not imported: a line says why, nothing of it is listed */
		if (m[i].spaced && !spaced++)
			first_spaced = m[i].number;
		if (m[i].enactment)
			listed(&enactments, &nenact, &m[i], m[i].enactment);
		if (m[i].notes)
			listed(&notes, &nnotes, &m[i], m[i].notes);
	}
	ot_source_record_ids_note(out, path, spaced, first_spaced);
	if (nenact)
		ot_import_set_skip(out,
		     "%s: MatterEnactmentNumber of %zu matter%s not imported (an ordtrack record has no enactment "
		     "number; the matter's Legistar page keeps it): %s",
		     path, nenact, nenact == 1 ? "" : "s", enactments.ptr);
	if (nnotes)
		ot_import_set_skip(out, "%s: MatterNotes of %zu matter%s not imported (an ordtrack record has no notes): %s", path,
		     nnotes, nnotes == 1 ? "" : "s", notes.ptr);
	err = read_members(out, dir);
done:
	ot_buf_release(&enactments);
	ot_buf_release(&notes);
	ot_legistar_matters_free(m, n);
	json_decref(root);
	free(path);
	return err;
}
