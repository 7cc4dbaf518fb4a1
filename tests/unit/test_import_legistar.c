/*
 * test_import_legistar.c - the Legistar Web API reader (ot_legistar_read):
 * the dump tests/data/record-import/legistar/ reads to exactly the facts
 * of tests/data/record-import/O2021-117.md (every field, the roll checked
 * voter by voter against council.csv), its order and resolution as the
 * fixture's README says, its members one per council seat term, and the
 * material it holds but ordtrack does not import as lines in
 * set->skipped.  Hostile dumps (a file that is not an array, a wrong type
 * in every field read, unknown words, a tally the roll contradicts,
 * impossible dates, unsafe ids, symlinks, the input cap, deep nesting,
 * duplicate keys) are errors that name the file and the field.
 *
 * Each case that changes the dump works on a fresh copy in a temporary
 * directory.  Run from the repository's top directory.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "import_legistar.h"
#include "jsonfile.h"
#include "ordtrack/ordtrack.h"
#include "ordtrack/record_import.h"
#include "test.h"

#define DATA "tests/data/record-import/"
#define DUMP DATA "legistar"
#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define TITLE                                                                                                \
	"Amendment of Municipal Code Chapter 2-173 concerning cooperation with federal immigration "         \
	"authorities"

static char tmp[64];  /* the temporary directory */
static char work[96]; /* the dump's copy in it */

static int contains(const char *hay, const char *needle)
{
	return hay && needle && strstr(hay, needle) != NULL;
}

/* a line of set->skipped that contains every needle given */
static int skipped_has(const ot_import_set *s, const char *n1, const char *n2)
{
	size_t i;
	for (i = 0; i < s->nskipped; i++)
		if (contains(s->skipped[i], n1) && (!n2 || contains(s->skipped[i], n2)))
			return 1;
	return 0;
}

static void run(const char *cmd)
{
	if (system(cmd) != 0) {
		printf("# failed: %s\n", cmd);
		exit(2);
	}
}

/* a fresh copy of the fixture in work/ */
static void fresh(void)
{
	char cmd[400];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' && cp -R '" DUMP "' '%s'", work, work);
	run(cmd);
}

static char *work_path(const char *rel)
{
	static char path[300];
	snprintf(path, sizeof(path), "%s/%s", work, rel);
	return path;
}

static void write_text(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f) {
		perror(path);
		exit(2);
	}
	fwrite(text, 1, len, f);
	fclose(f);
}

static void write_str(const char *path, const char *text)
{
	write_text(path, text, strlen(text));
}

static json_t *load_work(const char *rel)
{
	json_error_t je;
	json_t *j = json_load_file(work_path(rel), 0, &je);
	if (!j) {
		printf("# cannot load %s: %s\n", rel, je.text);
		exit(2);
	}
	return j;
}

static void save_work(const char *rel, json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2));
	write_text(work_path(rel), s, strlen(s));
	free(s);
}

/* The value at `path` ("[3].MatterFile", "MatterTextId",
 * "[0].MatterReports") of root set to v (NULL: removed); v is stolen. */
static void set_path(json_t *root, const char *path, json_t *v)
{
	json_t *cur = root;
	const char *p = path;
	while (*p) {
		char key[80];
		size_t n = strcspn(p, ".[");
		size_t idx = 0;
		int last;
		if (*p == '[') {
			idx = (size_t)atoi(p + 1);
			p = strchr(p, ']') + 1;
			last = !*p;
			if (last) {
				if (v)
					json_array_set_new(cur, idx, v);
				else
					json_array_remove(cur, idx);
				return;
			}
			cur = json_array_get(cur, idx);
		} else {
			snprintf(key, sizeof(key), "%.*s", (int)n, p);
			p += n;
			last = !*p;
			if (last) {
				if (v)
					json_object_set_new(cur, key, v);
				else
					json_object_del(cur, key);
				return;
			}
			cur = json_object_get(cur, key);
		}
		if (*p == '.')
			p++;
	}
	json_decref(v);
}

/* work/rel with one value changed */
static void edit(const char *rel, const char *path, json_t *v)
{
	json_t *j = load_work(rel);
	set_path(j, path, v);
	save_work(rel, j);
	json_decref(j);
}

/* read work/; 1 when it fails with `code` and a message holding every
 * needle given, else print what happened */
static int fails_code(int code, const char *n1, const char *n2, const char *n3)
{
	ot_import_set s;
	const char *needles[3] = {n1, n2, n3};
	int rc = ot_legistar_read(&s, work), ok = rc == code, i;
	const char *msg = ot_error_last();
	for (i = 0; i < 3 && ok; i++)
		if (needles[i] && !contains(msg, needles[i]))
			ok = 0;
	if (!ok)
		printf("#   rc %d, message: %s\n", rc, rc ? msg : "(none)");
	ot_import_set_release(&s);
	return ok;
}

static int fails(const char *n1, const char *n2, const char *n3)
{
	return fails_code(OT_EINVALID, n1, n2, n3);
}

/* read work/ into *s: 0, or the error printed */
static int reads(ot_import_set *s)
{
	int rc = ot_legistar_read(s, work);
	if (rc)
		printf("#   %s\n", ot_error_last());
	return rc;
}

static const ot_import_record *record(const ot_import_set *s, const char *id)
{
	size_t i;
	for (i = 0; i < s->nrecords; i++)
		if (strcmp(s->records[i].r.id, id) == 0)
			return &s->records[i];
	return NULL;
}

static const ot_import_member *member(const ot_import_set *s, const char *name)
{
	size_t i;
	for (i = 0; i < s->nmembers; i++)
		if (strcmp(s->members[i].m.name, name) == 0)
			return &s->members[i];
	return NULL;
}

static int has_alias(const ot_member *m, const char *alias)
{
	size_t i;
	for (i = 0; m && i < m->naliases; i++)
		if (strcmp(m->aliases[i], alias) == 0)
			return 1;
	return 0;
}

TEST(fixture_reads_to_the_facts)
{
	ot_import_set s;
	const ot_import_record *ir;
	const ot_record *r;
	const ot_vote *v;
	CHECK(ot_legistar_read(&s, DUMP) == 0);
	CHECK(s.format == OT_SOURCE_LEGISTAR);
	CHECK(s.nrecords == 3);
	ir = record(&s, "O2021-117");
	CHECK(ir != NULL);
	if (!ir) {
		ot_import_set_release(&s);
		return;
	}
	r = &ir->r;
	CHECK_STR(ir->file, DUMP "/matters.json");
	CHECK(r->type == OT_RECORD_ORDINANCE);
	CHECK_STR(r->title, TITLE);
	CHECK(r->status == OT_STATUS_PASSED);
	CHECK_STR(r->introduced, "2021-01-27");
	CHECK_STR(r->closed, "2021-03-24");
	CHECK(r->effective == NULL);
	CHECK(r->base == NULL);
	CHECK(r->nordinances == 0);
	CHECK_STR(r->source, "legistar:matter/58813");
	CHECK(r->nlinks == 0); /* the dump gives no URL; none is made up */
	/* sponsors, primary first, as Legistar writes people: "Last, First" */
	CHECK(r->nsponsors == 4);
	if (r->nsponsors == 4) {
		CHECK_STR(r->sponsors[0], "Whitfield, Dana");
		CHECK_STR(r->sponsors[1], "Jaworski, Joan");
		CHECK_STR(r->sponsors[2], "Abbott, Ana");
		CHECK_STR(r->sponsors[3], "Lindqvist, Luis");
	}
	CHECK(r->nversions == 1);
	if (r->nversions == 1) {
		CHECK(r->versions[0].number == 1);
		CHECK_STR(r->versions[0].date, "2021-01-27");
		CHECK(r->versions[0].stage == OT_STAGE_INTRODUCED);
	}
	CHECK(r->nactions == 4);
	if (r->nactions == 4) {
		static const struct {
			const char *date, *text, *body, *source;
			ot_action_type type;
		} want[] = {
		    {"2021-01-27", "Referred", "City Council", "legistar:history/391001",
		     OT_ACTION_REFERRAL_COMMITTEE},
		    {"2021-02-10", "Add Co-Sponsor(s)", "City Council", "legistar:history/391002",
		     OT_ACTION_SPONSORSHIP},
		    {"2021-03-15", "Recommended to Pass", "Committee on Finance", "legistar:history/391003",
		     OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
		    {"2021-03-24", "Passed", "City Council", "legistar:history/391004", OT_ACTION_PASSAGE},
		};
		size_t i;
		for (i = 0; i < 4; i++) {
			CHECK_STR(r->actions[i].date, want[i].date);
			CHECK_STR(r->actions[i].text, want[i].text);
			CHECK_STR(r->actions[i].body, want[i].body);
			CHECK_STR(r->actions[i].source, want[i].source);
			CHECK(r->actions[i].type == want[i].type);
		}
	}
	CHECK(r->nvotes == 1);
	if (r->nvotes == 1) {
		v = &r->votes[0];
		CHECK_STR(v->date, "2021-03-24");
		CHECK_STR(v->motion, "Passed");
		CHECK(v->result == OT_RESULT_PASS);
		CHECK(v->threshold == OT_THRESHOLD_NONE);
		CHECK(v->forced == NULL);
		CHECK_STR(v->source, "legistar:history/391004");
		CHECK(v->nroll == 50);
		CHECK(v->counts[OT_VOTE_YES] == 41);
		CHECK(v->counts[OT_VOTE_NO] == 8);
		CHECK(v->counts[OT_VOTE_NOT_VOTING] == 1);
		CHECK(v->counts[OT_VOTE_ABSTAIN] == 0 && v->counts[OT_VOTE_ABSENT] == 0 &&
		      v->counts[OT_VOTE_EXCUSED] == 0);
		CHECK(ir->vote_files != NULL);
		if (ir->vote_files)
			CHECK_STR(ir->vote_files[0], DUMP "/eventitems/391004/votes.json");
	}
	ot_import_set_release(&s);
}

/* council.csv's column o2021_117, name by name: each member once, with
 * Legistar's "First Last" spelling (three of them in plain ASCII) */
TEST(roll_names_each_member_as_council_csv_says)
{
	ot_import_set s;
	const ot_import_record *ir;
	FILE *f = fopen(DATA "council.csv", "r");
	char line[300];
	size_t found = 0, rows = 0;
	CHECK(f != NULL);
	CHECK(ot_legistar_read(&s, DUMP) == 0);
	ir = record(&s, "O2021-117");
	CHECK(ir && ir->r.nvotes == 1);
	while (f && ir && ir->r.nvotes == 1 && fgets(line, sizeof(line), f)) {
		char *fld[6], *p = line, full[200];
		int n = 0, opt;
		size_t i;
		if (line[0] == '#' || strncmp(line, "ward,", 5) == 0)
			continue;
		line[strcspn(line, "\r\n")] = 0;
		while (n < 6) {
			fld[n++] = p;
			if (!(p = strchr(p, ',')))
				break;
			*p++ = 0;
		}
		if (n != 6 || strcmp(fld[5], "mayor") == 0)
			continue;
		rows++;
		snprintf(full, sizeof(full), "%s%s%s %s%s%s", fld[1], *fld[2] ? " " : "", fld[2], fld[3],
			 *fld[4] ? " " : "", fld[4]);
		if (strcmp(fld[0], "3") == 0)
			snprintf(full, sizeof(full), "Carmen L. Castaneda");
		if (strcmp(fld[0], "15") == 0)
			snprintf(full, sizeof(full), "Olivia O'Rourke");
		if (strcmp(fld[0], "18") == 0)
			snprintf(full, sizeof(full), "Rosa R. Ramirez-Ortega");
		opt = ot_vote_option_parse(fld[5]);
		for (i = 0; i < ir->r.votes[0].nroll; i++)
			if (strcmp(ir->r.votes[0].roll[i].name, full) == 0) {
				found++;
				if ((int)ir->r.votes[0].roll[i].option != opt)
					printf("#   %s voted %s, council.csv says %s\n", full,
					       ot_vote_option_names[ir->r.votes[0].roll[i].option], fld[5]);
				CHECK((int)ir->r.votes[0].roll[i].option == opt);
			}
	}
	CHECK(rows == 50);
	CHECK(found == 50);
	if (f)
		fclose(f);
	ot_import_set_release(&s);
}

TEST(order_and_resolution)
{
	ot_import_set s;
	const ot_import_record * or, *res;
	CHECK(ot_legistar_read(&s, DUMP) == 0);
	or = record(&s, "Or2021-88");
	res = record(&s, "R2021-301");
	CHECK(or &&res);
	if (! or || !res) {
		ot_import_set_release(&s);
		return;
	}
	/* an order, pending in committee; its MatterTitle is empty, so the name */
	CHECK(or->r.type == OT_RECORD_ORDER);
	CHECK(or->r.status == OT_STATUS_PENDING);
	CHECK_STR(or->r.title, "Refund of overpaid water and sewer charges");
	CHECK_STR(or->r.introduced, "2021-03-24");
	CHECK(or->r.closed == NULL);
	CHECK_STR(or->r.source, "legistar:matter/58820");
	CHECK(or->r.nsponsors == 1 && strcmp(or->r.sponsors[0], "Department of Finance") == 0);
	CHECK(or->r.nactions == 1 && or->r.actions[0].type == OT_ACTION_REFERRAL_COMMITTEE);
	CHECK(or->r.nactions == 1 && strcmp(or->r.actions[0].source, "legistar:history/391101") == 0);
	CHECK(or->r.nvotes == 0 && or->vote_files == NULL);
	/* a resolution adopted by a roll call whose roll is not in the dump */
	CHECK(res->r.type == OT_RECORD_RESOLUTION);
	CHECK(res->r.status == OT_STATUS_PASSED);
	CHECK_STR(res->r.closed, "2021-03-24");
	CHECK(res->r.nactions == 2);
	CHECK(res->r.nactions == 2 && res->r.actions[0].type == OT_ACTION_INTRODUCTION &&
	      res->r.actions[1].type == OT_ACTION_PASSAGE);
	CHECK(res->r.nvotes == 0);
	CHECK(skipped_has(&s, "matters/58901/histories.json: [1] (MatterHistoryId 391202", "tally 50:0"));
	CHECK(skipped_has(&s, "eventitems/391202/votes.json) is not in the dump", NULL));
	ot_import_set_release(&s);
}

TEST(members_one_per_council_seat_term)
{
	ot_import_set s;
	const ot_import_member *m;
	size_t i, mayors = 0;
	int wards[51] = {0};
	CHECK(ot_legistar_read(&s, DUMP) == 0);
	CHECK(s.nmembers == 51);
	for (i = 0; i < s.nmembers; i++) {
		m = &s.members[i];
		CHECK_STR(m->m.from, "2019-05-20");
		CHECK_STR(m->m.to, "2023-05-15");
		CHECK_STR(m->file, DUMP "/officerecords.json");
		if (m->m.ward >= 0 && m->m.ward <= 50)
			wards[m->m.ward]++;
		mayors += m->m.ward == 0;
	}
	CHECK(mayors == 1);
	for (i = 1; i <= 50; i++)
		CHECK(wards[i] == 1);
	m = member(&s, "Dana Whitfield");
	CHECK(m && m->m.ward == 0 && has_alias(&m->m, "Whitfield, Dana"));
	m = member(&s, "Carmen L. Castañeda");
	CHECK(m && m->m.ward == 3 && has_alias(&m->m, "Castañeda, Carmen"));
	m = member(&s, "Bernard A. Brennan Jr.");
	CHECK(m && m->m.ward == 27 && has_alias(&m->m, "Brennan, Bernard"));
	m = member(&s, "Joan Jaworski");
	CHECK(m && m->m.ward == 35 && m->m.naliases == 1 && has_alias(&m->m, "Jaworski, Joan"));
	/* what was read and left: committee seats, a department, the text */
	CHECK(skipped_has(&s, "officerecords.json: 3 office records of other bodies (Committee on Finance)",
			  NULL));
	CHECK(skipped_has(&s, "persons.json: 1 persons hold no office record of City Council", NULL));
	CHECK(skipped_has(&s, "matters/58813/texts/61234.json: the text of version '1'", "not imported"));
	ot_import_set_release(&s);
}

TEST(not_an_array)
{
	static const char *const files[] = {"matters.json",
					    "matters/58813/histories.json",
					    "matters/58813/sponsors.json",
					    "matters/58813/versions.json",
					    "eventitems/391004/votes.json",
					    "persons.json",
					    "officerecords.json"};
	size_t i;
	for (i = 0; i < NELEMS(files); i++) {
		fresh();
		write_str(work_path(files[i]), "{\"value\": []}");
		CHECK(fails(files[i], "not a JSON array", NULL));
	}
	fresh();
	write_str(work_path("matters/58813/texts/61234.json"), "[]");
	CHECK(fails("texts/61234.json", "not a JSON object", NULL));
	fresh();
	edit("matters.json", "[1]", json_string("Or2021-88"));
	CHECK(fails("matters.json: [1]", "not a matter object", NULL));
}

/* every field the reader reads, given a value of the wrong type: an error
 * naming the file and the field */
TEST(wrong_type_in_every_field_read)
{
	static const struct {
		const char *file, *path;
	} fields[] = {
	    {"matters.json", "[0].MatterId"},
	    {"matters.json", "[0].MatterFile"},
	    {"matters.json", "[0].MatterName"},
	    {"matters.json", "[0].MatterTitle"},
	    {"matters.json", "[0].MatterTypeName"},
	    {"matters.json", "[0].MatterStatusName"},
	    {"matters.json", "[0].MatterIntroDate"},
	    {"matters.json", "[0].MatterPassedDate"},
	    {"matters.json", "[0].MatterGuid"},
	    {"matters.json", "[0].MatterEnactmentNumber"},
	    {"matters.json", "[0].MatterVersion"},
	    {"matters.json", "[0].MatterBodyName"},
	    {"matters.json", "[0].MatterTypeId"},
	    {"matters.json", "[0].MatterStatusId"},
	    {"matters.json", "[0].MatterBodyId"},
	    {"matters.json", "[0].MatterEnactmentDate"},
	    {"matters.json", "[0].MatterAgendaDate"},
	    {"matters.json", "[0].MatterLastModifiedUtc"},
	    {"matters.json", "[0].MatterReports"},
	    {"matters/58813/histories.json", "[3].MatterHistoryId"},
	    {"matters/58813/histories.json", "[3].MatterHistoryActionDate"},
	    {"matters/58813/histories.json", "[3].MatterHistoryActionName"},
	    {"matters/58813/histories.json", "[3].MatterHistoryActionBodyName"},
	    {"matters/58813/histories.json", "[3].MatterHistoryPassedFlag"},
	    {"matters/58813/histories.json", "[3].MatterHistoryRollCallFlag"},
	    {"matters/58813/histories.json", "[3].MatterHistoryTally"},
	    {"matters/58813/histories.json", "[3].MatterHistoryEventId"},
	    {"matters/58813/histories.json", "[3].MatterHistoryActionId"},
	    {"matters/58813/histories.json", "[3].MatterHistoryActionBodyId"},
	    {"matters/58813/histories.json", "[3].MatterHistoryActionText"},
	    {"matters/58813/histories.json", "[3].MatterHistoryPassedFlagName"},
	    {"matters/58813/histories.json", "[3].MatterHistoryVersion"},
	    {"matters/58813/histories.json", "[3].MatterHistoryMoverName"},
	    {"matters/58813/histories.json", "[3].MatterHistorySeconderName"},
	    {"matters/58813/histories.json", "[3].MatterHistoryLastModifiedUtc"},
	    {"matters/58813/sponsors.json", "[1].MatterSponsorName"},
	    {"matters/58813/sponsors.json", "[1].MatterSponsorMatterVersion"},
	    {"matters/58813/sponsors.json", "[1].MatterSponsorSequence"},
	    {"matters/58813/sponsors.json", "[1].MatterSponsorMatterId"},
	    {"matters/58813/sponsors.json", "[1].MatterSponsorId"},
	    {"matters/58813/sponsors.json", "[1].MatterSponsorNameId"},
	    {"matters/58813/sponsors.json", "[1].MatterSponsorBodyId"},
	    {"matters/58813/sponsors.json", "[1].MatterSponsorLinkFlag"},
	    {"matters/58813/sponsors.json", "[1].MatterSponsorLastModifiedUtc"},
	    {"eventitems/391004/votes.json", "[7].VotePersonName"},
	    {"eventitems/391004/votes.json", "[7].VoteValueName"},
	    {"eventitems/391004/votes.json", "[7].VoteEventItemId"},
	    {"eventitems/391004/votes.json", "[7].VoteId"},
	    {"eventitems/391004/votes.json", "[7].VotePersonId"},
	    {"eventitems/391004/votes.json", "[7].VoteValueId"},
	    {"eventitems/391004/votes.json", "[7].VoteResult"},
	    {"eventitems/391004/votes.json", "[7].VoteSort"},
	    {"eventitems/391004/votes.json", "[7].VoteLastModifiedUtc"},
	    {"matters/58813/versions.json", "[0].Key"},
	    {"matters/58813/versions.json", "[0].Value"},
	    {"matters/58813/texts/61234.json", "MatterTextId"},
	    {"matters/58813/texts/61234.json", "MatterTextMatterId"},
	    {"matters/58813/texts/61234.json", "MatterTextVersion"},
	    {"matters/58813/texts/61234.json", "MatterTextRtf"},
	    {"matters/58813/texts/61234.json", "MatterTextPlain"},
	    {"matters/58813/texts/61234.json", "MatterTextLastModifiedUtc"},
	    {"persons.json", "[4].PersonId"},
	    {"persons.json", "[4].PersonFullName"},
	    {"persons.json", "[4].PersonFirstName"},
	    {"persons.json", "[4].PersonLastName"},
	    {"persons.json", "[4].PersonEmail"},
	    {"persons.json", "[4].PersonActiveFlag"},
	    {"persons.json", "[4].PersonUsedSponsorFlag"},
	    {"persons.json", "[4].PersonGuid"},
	    {"persons.json", "[4].PersonWWW"},
	    {"persons.json", "[4].PersonLastModifiedUtc"},
	    {"officerecords.json", "[4].OfficeRecordPersonId"},
	    {"officerecords.json", "[4].OfficeRecordFullName"},
	    {"officerecords.json", "[4].OfficeRecordFirstName"},
	    {"officerecords.json", "[4].OfficeRecordLastName"},
	    {"officerecords.json", "[4].OfficeRecordBodyName"},
	    {"officerecords.json", "[4].OfficeRecordTitle"},
	    {"officerecords.json", "[4].OfficeRecordMemberType"},
	    {"officerecords.json", "[4].OfficeRecordEmail"},
	    {"officerecords.json", "[4].OfficeRecordStartDate"},
	    {"officerecords.json", "[4].OfficeRecordEndDate"},
	    {"officerecords.json", "[4].OfficeRecordId"},
	    {"officerecords.json", "[4].OfficeRecordBodyId"},
	    {"officerecords.json", "[4].OfficeRecordSort"},
	    {"officerecords.json", "[4].OfficeRecordMemberTypeId"},
	    {"officerecords.json", "[4].OfficeRecordGuid"},
	    {"officerecords.json", "[4].OfficeRecordLastModifiedUtc"},
	};
	size_t i;
	for (i = 0; i < NELEMS(fields); i++) {
		char where[120];
		const char *field =
		    strrchr(fields[i].path, '.') ? strrchr(fields[i].path, '.') + 1 : fields[i].path;
		int is_list = strcmp(field, "MatterReports") == 0;
		fresh();
		/* a list where a value is read; a string where the list is */
		edit(fields[i].file, fields[i].path, is_list ? json_string("x") : json_pack("[i]", 1));
		snprintf(where, sizeof(where), "%s: %s", fields[i].file, fields[i].path);
		if (!fails(where, "not ", NULL)) {
			printf("#   field %s of %s\n", fields[i].path, fields[i].file);
			CHECK(0);
		}
	}
	/* a null where the API always gives a value */
	fresh();
	edit("matters.json", "[0].MatterId", json_null());
	CHECK(fails("matters.json: [0].MatterId", "missing", NULL));
	fresh();
	edit("matters/58813/sponsors.json", "[0].MatterSponsorSequence", NULL);
	CHECK(fails("sponsors.json: [0].MatterSponsorSequence", "missing", NULL));
	fresh();
	edit("eventitems/391004/votes.json", "[0].VotePersonName", json_string("  "));
	CHECK(fails("votes.json: [0].VotePersonName", "empty", NULL));
	fresh();
	edit("matters/58813/histories.json", "[0].MatterHistoryPassedFlag", json_integer(2));
	CHECK(fails("histories.json: [0].MatterHistoryPassedFlag", "not true/false", NULL));
	fresh();
	edit("matters/58813/histories.json", "[0].MatterHistoryId", json_integer(-4));
	CHECK(fails("histories.json: [0].MatterHistoryId", "not a Legistar id", NULL));
	fresh();
	edit("matters.json", "[0].MatterTitle", json_string("A title\x01 with a control character"));
	CHECK(fails("matters.json: [0].MatterTitle", "control", NULL));
	fresh();
	edit("persons.json", "[4].PersonLastName", json_string("Dor\x01sey"));
	CHECK(fails("persons.json: [4].PersonLastName", "control", NULL));
	fresh();
	edit("officerecords.json", "[4].OfficeRecordFullName", json_string("Daniel\nDorsey"));
	CHECK(fails("officerecords.json: [4].OfficeRecordFullName", NULL, NULL));
}

TEST(unknown_words_name_the_table)
{
	fresh();
	edit("matters/58813/histories.json", "[2].MatterHistoryActionName",
	     json_string("Sent Back to Drafting"));
	CHECK(fails("histories.json: [2].MatterHistoryActionName", "'Sent Back to Drafting'",
		    "docs/record-import.md, 'Action names' (src/record_vocab.c)"));
	fresh();
	edit("eventitems/391004/votes.json", "[9].VoteValueName", json_string("Maybe"));
	CHECK(fails("votes.json: [9].VoteValueName", "'Maybe'", "docs/export.md, 'Vote words'"));
	fresh();
	edit("matters.json", "[1].MatterTypeName", json_string("Zoning Reclassification Map"));
	CHECK(fails("matters.json: [1].MatterTypeName", "'Zoning Reclassification Map'", "'Matter types'"));
	fresh();
	edit("matters.json", "[1].MatterStatusName", json_string("Sent to Printer"));
	CHECK(fails("matters.json: [1].MatterStatusName", "'Sent to Printer'", "'Matter statuses'"));
}

TEST(tally_the_roll_contradicts)
{
	fresh();
	edit("matters/58813/histories.json", "[3].MatterHistoryTally", json_string("42:7"));
	CHECK(fails("eventitems/391004/votes.json", "41 yes and 8 no", "42:7"));
	fresh();
	edit("eventitems/391004/votes.json", "[0].VoteValueName", json_string("Nay"));
	CHECK(fails("eventitems/391004/votes.json", "40 yes and 9 no", "histories.json"));
	fresh();
	edit("matters/58813/histories.json", "[3].MatterHistoryTally", json_string("forty-one to eight"));
	CHECK(fails("histories.json: [3].MatterHistoryTally", "not a tally", NULL));
	/* "41-8" is a tally too (Phoenix writes "8-0") */
	{
		ot_import_set s;
		fresh();
		edit("matters/58813/histories.json", "[3].MatterHistoryTally", json_string("41-8"));
		CHECK(reads(&s) == 0);
		CHECK(record(&s, "O2021-117") && record(&s, "O2021-117")->r.nvotes == 1);
		ot_import_set_release(&s);
	}
}

TEST(impossible_dates)
{
	fresh();
	edit("matters.json", "[0].MatterIntroDate", json_string("2021-02-30T00:00:00"));
	CHECK(fails("matters.json: [0].MatterIntroDate", "'2021-02-30T00:00:00' does not exist", "28 days"));
	fresh();
	edit("matters/58813/histories.json", "[1].MatterHistoryActionDate",
	     json_string("2021-13-10T00:00:00"));
	CHECK(fails("histories.json: [1].MatterHistoryActionDate", "'2021-13-10T00:00:00' does not exist",
		    "no month 13"));
	fresh();
	edit("matters.json", "[0].MatterPassedDate", json_string("March 24, 2021"));
	CHECK(fails("matters.json: [0].MatterPassedDate", "not a date in the form YYYY-MM-DD", NULL));
	/* another form is not a date that does not exist: the form is what is wrong */
	fresh();
	edit("matters.json", "[0].MatterIntroDate", json_string("03/24/2021"));
	CHECK(fails("matters.json: [0].MatterIntroDate",
		    "'03/24/2021' is not a date in the form YYYY-MM-DD (or an ISO date-time)", NULL));
	fresh();
	edit("matters/58813/histories.json", "[1].MatterHistoryActionDate", json_string("2021-3-24T00:00:00"));
	CHECK(fails("histories.json: [1].MatterHistoryActionDate", "not a date in the form", NULL));
	/* .NET's DateTime.MinValue, a placeholder some systems send for no date */
	fresh();
	edit("matters.json", "[0].MatterIntroDate", json_string("0001-01-01T00:00:00"));
	CHECK(fails("matters.json: [0].MatterIntroDate", "'0001-01-01T00:00:00' has the year 0001",
		    "placeholder"));
	/* a leap day that exists */
	{
		ot_import_set s;
		fresh();
		edit("matters.json", "[0].MatterIntroDate", json_string("2020-02-29T00:00:00"));
		CHECK(reads(&s) == 0);
		CHECK(record(&s, "O2021-117") && strcmp(record(&s, "O2021-117")->r.introduced, "2020-02-29") == 0);
		ot_import_set_release(&s);
	}
	fresh();
	edit("officerecords.json", "[2].OfficeRecordEndDate", json_string("2019-05-19T00:00:00"));
	CHECK(fails("officerecords.json: [2].OfficeRecordEndDate", "before the OfficeRecordStartDate", NULL));
}

TEST(unsafe_ids)
{
	fresh();
	edit("matters.json", "[0].MatterFile", json_string("../x"));
	CHECK(fails("matters.json: [0].MatterFile", "../x", NULL));
	fresh();
	edit("matters.json", "[0].MatterFile", json_string("a/b"));
	CHECK(fails("matters.json: [0].MatterFile", "a/b", NULL));
	fresh();
	edit("matters.json", "[0].MatterId", json_string("../58813"));
	CHECK(fails("matters.json: [0].MatterId", "not a whole number", NULL));
	fresh();
	edit("matters.json", "[0].MatterId", json_integer(0));
	CHECK(fails("matters.json: [0].MatterId", "not a Legistar id", NULL));
	fresh();
	edit("matters/58813/versions.json", "[0].Key", json_string("../../../etc/passwd"));
	CHECK(fails("versions.json: [0].Key", "not a whole number", NULL));
}

TEST(ids_given_twice)
{
	fresh();
	edit("matters.json", "[2].MatterId", json_integer(58813));
	CHECK(fails("matters.json: [2].MatterId", "58813 is the MatterId of [0] too", NULL));
	fresh();
	edit("matters.json", "[2].MatterFile", json_string("O2021-117"));
	CHECK(fails("matters.json: [2].MatterFile", "'O2021-117' is the MatterFile of [0] too", NULL));
	fresh();
	edit("matters/58813/histories.json", "[2].MatterHistoryId", json_integer(391001));
	CHECK(fails("histories.json: [", "391001 is the MatterHistoryId of", NULL));
	fresh();
	edit("persons.json", "[2].PersonId", json_integer(1001));
	CHECK(fails("persons.json: [", "1001 is the PersonId of", NULL));
	/* files that disagree with the path they are at */
	fresh();
	edit("eventitems/391004/votes.json", "[5].VoteEventItemId", json_integer(391003));
	CHECK(fails("votes.json: [5].VoteEventItemId", "event item 391004", NULL));
	fresh();
	edit("matters/58813/sponsors.json", "[2].MatterSponsorMatterId", json_integer(58820));
	CHECK(fails("sponsors.json: [2].MatterSponsorMatterId", "matter 58813", NULL));
	fresh();
	edit("matters/58813/texts/61234.json", "MatterTextId", json_integer(61235));
	CHECK(fails("texts/61234.json: MatterTextId", "text 61234", NULL));
}

TEST(symlinks_refused)
{
	char target[300];
	fresh();
	snprintf(target, sizeof(target), "%s/elsewhere.json", tmp);
	rename(work_path("matters/58813/histories.json"), target);
	CHECK(symlink(target, work_path("matters/58813/histories.json")) == 0);
	CHECK(fails("matters/58813/histories.json", "symbolic link", NULL));
	unlink(target);
	fresh();
	snprintf(target, sizeof(target), "%s/votes-elsewhere.json", tmp);
	rename(work_path("eventitems/391004/votes.json"), target);
	CHECK(symlink(target, work_path("eventitems/391004/votes.json")) == 0);
	CHECK(fails("eventitems/391004/votes.json", "symbolic link", NULL));
	unlink(target);
	/* a directory where a file belongs */
	fresh();
	unlink(work_path("persons.json"));
	CHECK(mkdir(work_path("persons.json"), 0755) == 0);
	CHECK(fails("persons.json", "not a regular file", NULL));
}

TEST(required_files)
{
	fresh();
	unlink(work_path("matters/58820/sponsors.json"));
	CHECK(fails_code(OT_ENOTFOUND, "matters/58820/sponsors.json", "GET /matters/{id}/sponsors", NULL));
	fresh();
	unlink(work_path("matters/58901/histories.json"));
	CHECK(fails_code(OT_ENOTFOUND, "matters/58901/histories.json", "no such file", NULL));
	fresh();
	unlink(work_path("matters.json"));
	CHECK(fails_code(OT_ENOTFOUND, "matters.json", "GET /matters", NULL));
}

TEST(over_the_input_cap)
{
	ot_limits l = {.max_input = 4000, .pack_limit = 0};
	struct stat st;
	fresh();
	/* matters.json is some 5 KB; the roll call some 18 KB, read before
	 * persons.json and officerecords.json (over 40 KB each) */
	CHECK(stat(work_path("matters.json"), &st) == 0 && st.st_size > 4000 && st.st_size < 10000);
	CHECK(stat(work_path("eventitems/391004/votes.json"), &st) == 0 && st.st_size > 10000);
	ot_limits_set(&l);
	CHECK(fails("matters.json", "over the input limit of 4000 bytes", "ORDTRACK_MAX_INPUT"));
	l.max_input = 10000;
	ot_limits_set(&l);
	CHECK(fails("eventitems/391004/votes.json", "over the input limit of 10000 bytes", NULL));
	l.max_input = 50000;
	ot_limits_set(&l);
	{
		ot_import_set s;
		CHECK(reads(&s) == 0);
		ot_import_set_release(&s);
	}
	ot_limits_set(NULL);
}

TEST(deep_nesting_and_duplicate_keys)
{
	ot_buf b = OT_BUF_INIT;
	size_t i;
	fresh();
	for (i = 0; i < 5000; i++)
		ot_buf_putc(&b, '[');
	for (i = 0; i < 5000; i++)
		ot_buf_putc(&b, ']');
	write_text(work_path("matters/58813/histories.json"), b.ptr, b.len);
	CHECK(fails("matters/58813/histories.json:1:", "depth", NULL));
	/* nested within jansson's limit, in a field: the wrong type */
	fresh();
	ot_buf_clear(&b);
	for (i = 0; i < 1000; i++)
		ot_buf_putc(&b, '[');
	for (i = 0; i < 1000; i++)
		ot_buf_putc(&b, ']');
	{
		json_error_t je;
		json_t *deep = json_loadb(b.ptr, b.len, 0, &je);
		CHECK(deep != NULL);
		edit("matters/58813/histories.json", "[0].MatterHistoryActionName", deep);
	}
	CHECK(fails("histories.json: [0].MatterHistoryActionName", "not a string", NULL));
	ot_buf_release(&b);
	fresh();
	write_str(
	    work_path("eventitems/391004/votes.json"),
	    "[{\"VotePersonName\": \"Ana Abbott\", \"VoteValueName\": \"Yea\", \"VoteValueName\": \"Nay\"}]");
	CHECK(fails("eventitems/391004/votes.json:1:", "duplicate", NULL));
	fresh();
	write_str(work_path("persons.json"), "[{\"PersonId\": 1, \"PersonFullName\": \"A\xff\"}]");
	CHECK(fails("persons.json:1:", NULL, NULL));
}

/* the latest version's sponsors, by sequence; a name once */
TEST(sponsors_of_the_latest_version)
{
	ot_import_set s;
	const ot_import_record *ir;
	json_t *sp;
	fresh();
	sp = load_work("matters/58813/sponsors.json");
	/* version 1: Whitfield 0, Jaworski 1, Abbott 2, Lindqvist 3; the
	 * substitute (version 2) lists Lindqvist first, then Abbott twice */
	json_array_append_new(sp, json_pack("{s:i,s:s,s:s,s:i}", "MatterSponsorMatterId", 58813,
					    "MatterSponsorMatterVersion", "2", "MatterSponsorName",
					    "Abbott, Ana", "MatterSponsorSequence", 1));
	json_array_append_new(sp, json_pack("{s:i,s:s,s:s,s:i}", "MatterSponsorMatterId", 58813,
					    "MatterSponsorMatterVersion", "2", "MatterSponsorName",
					    "Lindqvist, Luis", "MatterSponsorSequence", 0));
	json_array_append_new(sp, json_pack("{s:i,s:s,s:s,s:i}", "MatterSponsorMatterId", 58813,
					    "MatterSponsorMatterVersion", "2", "MatterSponsorName",
					    "Abbott, Ana", "MatterSponsorSequence", 4));
	json_array_append_new(sp, json_pack("{s:i,s:s,s:s,s:i}", "MatterSponsorMatterId", 58813,
					    "MatterSponsorMatterVersion", "10", "MatterSponsorName", "  ",
					    "MatterSponsorSequence", 0));
	save_work("matters/58813/sponsors.json", sp);
	json_decref(sp);
	CHECK(reads(&s) == 0);
	ir = record(&s, "O2021-117");
	/* "10" is the latest by number, but its only sponsor has no name */
	CHECK(ir && ir->r.nsponsors == 0);
	CHECK(skipped_has(&s, "sponsors.json: [7] has an empty MatterSponsorName", NULL));
	ot_import_set_release(&s);
	edit("matters/58813/sponsors.json", "[7]", NULL);
	CHECK(reads(&s) == 0);
	ir = record(&s, "O2021-117");
	CHECK(ir && ir->r.nsponsors == 2);
	if (ir && ir->r.nsponsors == 2) {
		CHECK_STR(ir->r.sponsors[0], "Lindqvist, Luis");
		CHECK_STR(ir->r.sponsors[1], "Abbott, Ana");
	}
	CHECK(skipped_has(&s, "sponsors.json: 4 sponsors of versions before '2' left out", NULL));
	CHECK(skipped_has(&s, "sponsors.json: [6] names 'Abbott, Ana' again; kept once", NULL));
	ot_import_set_release(&s);
	/* NYC's lettered versions: "*" is the original, "A" the amended */
	fresh();
	edit("matters/58813/sponsors.json", "[0].MatterSponsorMatterVersion", json_string("*"));
	edit("matters/58813/sponsors.json", "[1].MatterSponsorMatterVersion", json_string("A"));
	edit("matters/58813/sponsors.json", "[2].MatterSponsorMatterVersion", json_string("A"));
	edit("matters/58813/sponsors.json", "[3].MatterSponsorMatterVersion", json_string("*"));
	CHECK(reads(&s) == 0);
	ir = record(&s, "O2021-117");
	CHECK(ir && ir->r.nsponsors == 2 && strcmp(ir->r.sponsors[0], "Jaworski, Joan") == 0);
	ot_import_set_release(&s);
	edit("matters/58813/sponsors.json", "[3].MatterSponsorMatterVersion", json_string("3"));
	CHECK(fails("sponsors.json: MatterSponsorMatterVersion", "numbered and lettered", NULL));
	edit("matters/58813/sponsors.json", "[3].MatterSponsorMatterVersion", json_string("1.2"));
	CHECK(fails("sponsors.json: [3].MatterSponsorMatterVersion", "'1.2'", NULL));
}

/* actions by date, then MatterHistoryId, whatever the file's order */
TEST(actions_in_date_then_id_order)
{
	ot_import_set s;
	const ot_import_record *ir;
	json_t *h;
	fresh();
	h = load_work("matters/58813/histories.json");
	{
		/* the file backwards, and the committee's action the same day as the referral */
		json_t *rev = json_array();
		size_t i;
		for (i = json_array_size(h); i-- > 0;)
			json_array_append(rev, json_array_get(h, i));
		json_object_set_new(json_array_get(rev, 1), "MatterHistoryActionDate",
				    json_string("2021-01-27T00:00:00"));
		json_object_set_new(json_array_get(rev, 1), "MatterHistoryId", json_integer(390999));
		save_work("matters/58813/histories.json", rev);
		json_decref(rev);
	}
	json_decref(h);
	CHECK(reads(&s) == 0);
	ir = record(&s, "O2021-117");
	CHECK(ir && ir->r.nactions == 4);
	if (ir && ir->r.nactions == 4) {
		CHECK_STR(ir->r.actions[0].source, "legistar:history/390999");
		CHECK_STR(ir->r.actions[1].source, "legistar:history/391001");
		CHECK_STR(ir->r.actions[2].source, "legistar:history/391002");
		CHECK_STR(ir->r.actions[3].source, "legistar:history/391004");
		CHECK_STR(ir->r.actions[0].date, "2021-01-27");
	}
	ot_import_set_release(&s);
}

TEST(roll_calls_as_the_dump_has_them)
{
	ot_import_set s;
	const ot_import_record *ir;
	json_t *votes;
	/* a votes file without the flag is a roll call all the same; a failed one */
	fresh();
	edit("matters/58813/histories.json", "[3].MatterHistoryRollCallFlag", json_integer(0));
	edit("matters/58813/histories.json", "[3].MatterHistoryPassedFlag", json_integer(0));
	CHECK(reads(&s) == 0);
	ir = record(&s, "O2021-117");
	CHECK(ir && ir->r.nvotes == 1 && ir->r.votes[0].result == OT_RESULT_FAIL);
	ot_import_set_release(&s);
	/* no result given: the roll is read, no vote imported */
	fresh();
	edit("matters/58813/histories.json", "[3].MatterHistoryPassedFlag", json_null());
	CHECK(reads(&s) == 0);
	ir = record(&s, "O2021-117");
	CHECK(ir && ir->r.nvotes == 0 && ir->vote_files == NULL);
	CHECK(skipped_has(&s, "no MatterHistoryPassedFlag", "eventitems/391004/votes.json"));
	ot_import_set_release(&s);
	/* flagged, no roll, no tally */
	fresh();
	edit("matters/58901/histories.json", "[1].MatterHistoryTally", json_null());
	CHECK(reads(&s) == 0);
	CHECK(skipped_has(&s, "(MatterHistoryId 391202, 'Adopted' on 2021-03-24): a roll call, but its roll",
			  NULL));
	ot_import_set_release(&s);
	/* a voice vote's placeholders (no VoteValueName) are left out */
	fresh();
	edit("matters/58813/histories.json", "[3].MatterHistoryTally", json_null());
	edit("eventitems/391004/votes.json", "[0].VoteValueName", json_null());
	edit("eventitems/391004/votes.json", "[4].VoteValueName", json_null());
	CHECK(reads(&s) == 0);
	ir = record(&s, "O2021-117");
	CHECK(ir && ir->r.nvotes == 1 && ir->r.votes[0].nroll == 48 &&
	      ir->r.votes[0].counts[OT_VOTE_YES] == 39);
	CHECK(skipped_has(&s, "votes.json: 2 entries (the first [0]) have no VoteValueName", NULL));
	ot_import_set_release(&s);
	/* a roll that lists no vote at all */
	fresh();
	write_str(work_path("eventitems/391004/votes.json"), "[]");
	CHECK(reads(&s) == 0);
	ir = record(&s, "O2021-117");
	CHECK(ir && ir->r.nvotes == 0);
	CHECK(skipped_has(&s, "eventitems/391004/votes.json: the roll lists no vote", NULL));
	ot_import_set_release(&s);
	/* a tally without a roll call (a voice vote's) */
	fresh();
	edit("matters/58813/histories.json", "[2].MatterHistoryTally", json_string("12:0"));
	CHECK(reads(&s) == 0);
	CHECK(skipped_has(&s, "the tally 12:0 without a roll call", NULL));
	ot_import_set_release(&s);
	/* other vote words of Legistar clients */
	fresh();
	votes = load_work("eventitems/391004/votes.json");
	json_object_set_new(json_array_get(votes, 1), "VoteValueName", json_string("Affirmative"));
	json_object_set_new(json_array_get(votes, 2), "VoteValueName", json_string("Negative"));
	json_object_set_new(json_array_get(votes, 3), "VoteValueName", json_string("Absent"));
	save_work("eventitems/391004/votes.json", votes);
	json_decref(votes);
	edit("matters/58813/histories.json", "[3].MatterHistoryTally", json_string("40:8"));
	CHECK(reads(&s) == 0);
	ir = record(&s, "O2021-117");
	CHECK(ir && ir->r.nvotes == 1 && ir->r.votes[0].counts[OT_VOTE_ABSENT] == 1);
	ot_import_set_release(&s);
}

TEST(status_and_closed_without_a_status)
{
	ot_import_set s;
	const ot_import_record *ir;
	fresh();
	edit("matters.json", "[0].MatterStatusName", json_null());
	edit("matters.json", "[1].MatterStatusName", json_null());
	CHECK(reads(&s) == 0);
	ir = record(&s, "O2021-117");
	CHECK(ir && ir->r.status == OT_STATUS_PASSED && ir->r.closed &&
	      strcmp(ir->r.closed, "2021-03-24") == 0);
	ir = record(&s, "Or2021-88");
	CHECK(ir && ir->r.status == OT_STATUS_PENDING && ir->r.closed == NULL);
	ot_import_set_release(&s);
	/* passed by the status, no passage action: the MatterPassedDate */
	fresh();
	edit("matters/58813/histories.json", "[3]", NULL);
	write_str(work_path("eventitems/391004/votes.json"), "[]");
	edit("matters.json", "[0].MatterPassedDate", json_string("2021-03-25T00:00:00"));
	CHECK(reads(&s) == 0);
	ir = record(&s, "O2021-117");
	CHECK(ir && ir->r.status == OT_STATUS_PASSED && ir->r.closed &&
	      strcmp(ir->r.closed, "2021-03-25") == 0);
	ot_import_set_release(&s);
	/* withdrawn */
	fresh();
	edit("matters.json", "[1].MatterStatusName", json_string("Withdrawn"));
	edit("matters/58820/histories.json", "[0].MatterHistoryActionName", json_string("Withdrawn"));
	CHECK(reads(&s) == 0);
	ir = record(&s, "Or2021-88");
	CHECK(ir && ir->r.status == OT_STATUS_WITHDRAWN && ir->r.closed &&
	      strcmp(ir->r.closed, "2021-03-24") == 0);
	ot_import_set_release(&s);
}

TEST(matters_not_imported)
{
	ot_import_set s;
	fresh();
	edit("matters.json", "[1].MatterFile", json_null());
	edit("matters.json", "[2].MatterIntroDate", json_null());
	edit("matters/58813/histories.json", "[1].MatterHistoryActionName", json_null());
	unlink(work_path("matters/58820/histories.json")); /* not read: the matter is not imported */
	CHECK(reads(&s) == 0);
	CHECK(s.nrecords == 1 && record(&s, "O2021-117"));
	CHECK(skipped_has(&s, "matters.json: [1] (MatterId 58820) has no MatterFile", NULL));
	CHECK(skipped_has(&s, "matters.json: [2] (MatterId 58901, R2021-301) has no MatterIntroDate", NULL));
	CHECK(skipped_has(&s, "histories.json: [1] (MatterHistoryId 391002) has no MatterHistoryActionName",
			  NULL));
	CHECK(record(&s, "O2021-117") && record(&s, "O2021-117")->r.nactions == 3);
	ot_import_set_release(&s);
	/* neither a title nor a name */
	fresh();
	edit("matters.json", "[1].MatterName", json_string(" "));
	CHECK(reads(&s) == 0);
	CHECK(s.nrecords == 2 && skipped_has(&s, "has no MatterTitle or MatterName", NULL));
	ot_import_set_release(&s);
}

TEST(links_the_dump_gives)
{
	ot_import_set s;
	const ot_import_record *ir;
	fresh();
	edit("matters.json", "[0].MatterReports",
	     json_pack("[{s:s,s:s,s:s}]", "ReportName", "Legislation Details", "ReportURL",
		       "https://example.legistar.com/ViewReport.ashx?M=R&N=Master&GID=1&ID=58813",
		       "ReportType", "InSite"));
	CHECK(reads(&s) == 0);
	ir = record(&s, "O2021-117");
	CHECK(ir && ir->r.nlinks == 1);
	if (ir && ir->r.nlinks == 1) {
		CHECK(ir->r.links[0].kind == OT_LINK_DOCUMENT);
		CHECK_STR(ir->r.links[0].note, "Legislation Details");
		CHECK(contains(ir->r.links[0].url, "ViewReport.ashx"));
	}
	ot_import_set_release(&s);
	edit("matters.json", "[0].MatterReports[0].ReportURL", json_string("javascript:alert(1)"));
	CHECK(fails("matters.json: [0].MatterReports[0].ReportURL", "not a web address", NULL));
}

TEST(members_as_other_clients_write_them)
{
	ot_import_set s;
	const ot_import_member *m;
	json_t *rec;
	fresh();
	/* Chicago's older full names, "Last, First"; a ward in the title */
	edit("persons.json", "[12].PersonFullName", json_string("Lindqvist, Luis"));
	edit("officerecords.json", "[12].OfficeRecordFullName", json_string("Lindqvist, Luis"));
	edit("officerecords.json", "[13].OfficeRecordTitle", json_string("Alderman, 13th Ward"));
	edit("persons.json", "[13].PersonEmail", json_null());
	edit("persons.json", "[14].PersonEmail", json_string("council.district.14@example.org"));
	edit("persons.json", "[15].PersonEmail", json_string("Olivia.ORourke@example.org"));
	edit("officerecords.json", "[16].OfficeRecordTitle", json_string("Council Member, District No. 16"));
	edit("persons.json", "[16].PersonEmail", json_null());
	/* an empty seat, and a term still running: whole office records, as
	 * Legistar sends every key (copies of [1] with other values) */
	rec = load_work("officerecords.json");
	{
		json_t *vacant = json_deep_copy(json_array_get(rec, 1)), *next = json_deep_copy(json_array_get(rec, 1));
		json_object_set_new(vacant, "OfficeRecordPersonId", json_integer(9999));
		json_object_set_new(vacant, "OfficeRecordFullName", json_string("VACANT"));
		json_object_set_new(vacant, "OfficeRecordFirstName", json_null());
		json_object_set_new(vacant, "OfficeRecordLastName", json_null());
		json_object_set_new(vacant, "OfficeRecordStartDate", json_string("2023-05-15T00:00:00"));
		json_object_set_new(vacant, "OfficeRecordEndDate", json_null());
		json_object_set_new(next, "OfficeRecordPersonId", json_integer(1112));
		json_object_set_new(next, "OfficeRecordFullName", json_string("Lindqvist, Luis"));
		json_object_set_new(next, "OfficeRecordFirstName", json_string("Luis"));
		json_object_set_new(next, "OfficeRecordLastName", json_string("Lindqvist"));
		json_object_set_new(next, "OfficeRecordStartDate", json_string("2023-05-15T00:00:00"));
		json_object_set_new(next, "OfficeRecordEndDate", json_null());
		json_array_append_new(rec, vacant);
		json_array_append_new(rec, next);
	}
	save_work("officerecords.json", rec);
	json_decref(rec);
	CHECK(reads(&s) == 0);
	CHECK(s.nmembers == 52);
	m = member(&s, "Luis Lindqvist");
	CHECK(m && m->m.ward == 12 && has_alias(&m->m, "Lindqvist, Luis") && m->m.naliases == 1);
	CHECK(s.nmembers == 52 && strcmp(s.members[51].m.name, "Luis Lindqvist") == 0 &&
	      s.members[51].m.to == NULL && s.members[51].m.ward == 12);
	m = member(&s, "Karen R. Kowalczyk");
	CHECK(m && m->m.ward == 11);
	m = member(&s, "Maria J. Marchetti");
	CHECK(m && m->m.ward == 13);
	m = member(&s, "Nathan A. Novak");
	CHECK(m && m->m.ward == 14);
	m = member(&s, "Olivia O’Rourke");
	CHECK(m && m->m.ward == 0); /* nothing says which */
	m = member(&s, "Pedro Pellegrini");
	CHECK(m && m->m.ward == 16);
	CHECK(skipped_has(&s, "1 office records of City Council name a VACANT seat", NULL));
	/* O'Rourke's seat is named nowhere: said once, with what adds it */
	CHECK(skipped_has(&s, "officerecords.json: 1 of the 52 members read have no ward in the dump",
			  "'ordtrack member import' of a CSV with their wards adds them"));
	ot_import_set_release(&s);
	/* persons without office records: no members */
	fresh();
	unlink(work_path("officerecords.json"));
	CHECK(reads(&s) == 0);
	CHECK(s.nmembers == 0 && skipped_has(&s, "persons.json: without officerecords.json", NULL));
	ot_import_set_release(&s);
	/* office records without persons: their own names */
	fresh();
	unlink(work_path("persons.json"));
	CHECK(reads(&s) == 0);
	CHECK(s.nmembers == 51 && member(&s, "Carmen L. Castañeda"));
	ot_import_set_release(&s);
}

/* NYC's and Seattle's file numbers have a space ("Int 0001-2018", "CB
 * 120981"): one rule makes them record ids, said once per import */
TEST(file_numbers_with_spaces)
{
	ot_import_set s;
	const ot_import_record *ir;
	char *id = (char *)"untouched";
	/* the rule itself */
	CHECK(ot_source_record_id(&id, "Int 0001-2018") == 1 && id && strcmp(id, "Int-0001-2018") == 0);
	free(id);
	CHECK(ot_source_record_id(&id, "  LU\t 0012-2018 ") == 1 && id && strcmp(id, "LU-0012-2018") == 0);
	free(id);
	CHECK(ot_source_record_id(&id, " O2021-117 ") == 0 && id && strcmp(id, "O2021-117") == 0);
	free(id);
	CHECK(ot_source_record_id(&id, "   ") == 0 && id == NULL);
	CHECK(ot_source_record_id(&id, NULL) == 0 && id == NULL);
	CHECK(ot_source_record_id(&id, "Int 0001/2018") == OT_EINVALID && id == NULL &&
	      contains(ot_error_last(), "'/'"));
	CHECK(ot_source_record_id(&id, "a .. b") == OT_EINVALID && id == NULL);
	CHECK(ot_source_record_id(&id, ".. x") == OT_EINVALID && id == NULL);
	/* in a dump */
	fresh();
	edit("matters.json", "[0].MatterFile", json_string("Int 0001-2018"));
	edit("matters.json", "[2].MatterFile", json_string(" Res  0005-2018 "));
	CHECK(reads(&s) == 0);
	ir = record(&s, "Int-0001-2018");
	CHECK(ir && strcmp(ir->r.source, "legistar:matter/58813") == 0 && ir->r.nvotes == 1);
	CHECK(record(&s, "Res-0005-2018") != NULL);
	CHECK(skipped_has(&s,
			  "matters.json: 2 file numbers written with spaces recorded with '-' (\"Int 0001-2018\" is "
			  "Int-0001-2018",
			  NULL));
	ot_import_set_release(&s);
	/* the fixture's numbers have none: no line */
	fresh();
	CHECK(reads(&s) == 0);
	CHECK(!skipped_has(&s, "written with spaces", NULL));
	ot_import_set_release(&s);
	/* still unsafe after the rule: an error naming the file and the field */
	fresh();
	edit("matters.json", "[1].MatterFile", json_string("Or 2021/88"));
	CHECK(fails("matters.json: [1].MatterFile", "'Or-2021/88'", "'Record ids'"));
	fresh();
	edit("matters.json", "[1].MatterFile", json_string("a .. b"));
	CHECK(fails("matters.json: [1].MatterFile", "a-..-b", NULL));
	/* two numbers the rule makes one id */
	fresh();
	edit("matters.json", "[2].MatterFile", json_string("O2021 117"));
	CHECK(fails("matters.json: [2].MatterFile", "'O2021-117' is the MatterFile of [0] too", NULL));
}

/* Legistar sends every key, null when empty: a key read that is not
 * there is a misspelling or a damaged file, an error naming the file,
 * the entry and the key, where a null is read as today */
TEST(a_missing_key_is_not_a_null)
{
	static const struct {
		const char *file, *path;
	} keys[] = {
	    {"matters.json", "[1].MatterFile"},
	    {"matters.json", "[1].MatterName"},
	    {"matters.json", "[1].MatterTitle"},
	    {"matters.json", "[1].MatterStatusName"},
	    {"matters.json", "[1].MatterIntroDate"},
	    {"matters.json", "[1].MatterPassedDate"},
	    {"matters.json", "[1].MatterEnactmentNumber"},
	    {"matters.json", "[1].MatterNotes"},
	    {"matters/58813/histories.json", "[2].MatterHistoryActionDate"},
	    {"matters/58813/histories.json", "[2].MatterHistoryActionName"},
	    {"matters/58813/histories.json", "[2].MatterHistoryActionBodyName"},
	    {"matters/58813/histories.json", "[2].MatterHistoryPassedFlag"},
	    {"matters/58813/histories.json", "[2].MatterHistoryRollCallFlag"},
	    {"matters/58813/histories.json", "[2].MatterHistoryTally"},
	    {"matters/58813/sponsors.json", "[1].MatterSponsorName"},
	    {"matters/58813/sponsors.json", "[1].MatterSponsorMatterVersion"},
	    {"matters/58813/sponsors.json", "[1].MatterSponsorSequence"},
	    {"matters/58813/sponsors.json", "[1].MatterSponsorMatterId"},
	    {"eventitems/391004/votes.json", "[7].VotePersonName"},
	    {"eventitems/391004/votes.json", "[7].VoteValueName"},
	    {"eventitems/391004/votes.json", "[7].VoteEventItemId"},
	    {"matters/58813/versions.json", "[0].Key"},
	    {"matters/58813/versions.json", "[0].Value"},
	    {"matters/58813/texts/61234.json", "MatterTextId"},
	    {"matters/58813/texts/61234.json", "MatterTextMatterId"},
	    {"matters/58813/texts/61234.json", "MatterTextPlain"},
	    {"persons.json", "[4].PersonId"},
	    {"persons.json", "[4].PersonFullName"},
	    {"persons.json", "[4].PersonFirstName"},
	    {"persons.json", "[4].PersonLastName"},
	    {"persons.json", "[4].PersonEmail"},
	    {"officerecords.json", "[4].OfficeRecordPersonId"},
	    {"officerecords.json", "[4].OfficeRecordFullName"},
	    {"officerecords.json", "[4].OfficeRecordFirstName"},
	    {"officerecords.json", "[4].OfficeRecordLastName"},
	    {"officerecords.json", "[4].OfficeRecordBodyName"},
	    {"officerecords.json", "[4].OfficeRecordTitle"},
	    {"officerecords.json", "[4].OfficeRecordMemberType"},
	    {"officerecords.json", "[4].OfficeRecordEmail"},
	    {"officerecords.json", "[4].OfficeRecordStartDate"},
	    {"officerecords.json", "[4].OfficeRecordEndDate"},
	};
	ot_import_set s;
	size_t i;
	for (i = 0; i < NELEMS(keys); i++) {
		char where[120];
		fresh();
		edit(keys[i].file, keys[i].path, NULL);
		snprintf(where, sizeof(where), "%s: %s", keys[i].file, keys[i].path);
		if (!fails(where, "missing: no such key", "misspelt key")) {
			printf("#   key %s of %s\n", keys[i].path, keys[i].file);
			CHECK(0);
		}
	}
	/* the trial's misspellings */
	fresh();
	edit("matters.json", "[1].MatterFile", NULL);
	edit("matters.json", "[1].MatterFlie", json_string("Or2021-88"));
	CHECK(fails("matters.json: [1].MatterFile: missing: no such key", NULL, NULL));
	fresh();
	edit("matters/58813/histories.json", "[3].MatterHistoryActionDate", NULL);
	edit("matters/58813/histories.json", "[3].MatterHistoryActionDat", json_string("2021-03-24T00:00:00"));
	CHECK(fails("matters/58813/histories.json: [3].MatterHistoryActionDate: missing", NULL, NULL));
	/* keys read only for their types, and MatterReports (older API
	 * versions send none), may be absent */
	fresh();
	edit("matters.json", "[0].MatterGuid", NULL);
	edit("matters.json", "[0].MatterReports", NULL);
	edit("matters/58813/histories.json", "[3].MatterHistoryMoverName", NULL);
	edit("eventitems/391004/votes.json", "[7].VoteId", NULL);
	CHECK(reads(&s) == 0 && s.nrecords == 3);
	ot_import_set_release(&s);
	/* a null is what it was: the history entry without a date is a line */
	fresh();
	edit("matters/58813/histories.json", "[2].MatterHistoryActionDate", json_null());
	CHECK(reads(&s) == 0);
	CHECK(skipped_has(&s, "histories.json: [2] (MatterHistoryId 391003) has no MatterHistoryActionDate", NULL));
	ot_import_set_release(&s);
}

/* NYC's Local Law numbers and a matter's notes: listed, not dropped */
TEST(enactment_numbers_and_notes_listed)
{
	ot_import_set s;
	size_t i;
	char longnote[200];
	fresh();
	CHECK(reads(&s) == 0);
	CHECK(!skipped_has(&s, "MatterEnactmentNumber", NULL) && !skipped_has(&s, "MatterNotes", NULL));
	ot_import_set_release(&s);
	edit("matters.json", "[0].MatterEnactmentNumber", json_string("2021/045"));
	edit("matters.json", "[0].MatterNotes", json_string("Local Law 45 of 2021\nsee the report"));
	edit("matters.json", "[2].MatterEnactmentNumber", json_integer(45)); /* some clients send a number */
	CHECK(reads(&s) == 0);
	CHECK(skipped_has(&s, "matters.json: MatterEnactmentNumber of 2 matters not imported",
			  "O2021-117 '2021/045', R2021-301 '45'"));
	CHECK(skipped_has(&s, "matters.json: MatterNotes of 1 matter not imported",
			  "O2021-117 'Local Law 45 of 2021 see the report'"));
	ot_import_set_release(&s);
	/* a long note is cut on a character; a matter not imported lists nothing */
	snprintf(longnote, sizeof(longnote), "x");
	for (i = 0; i < 40; i++)
		strcat(longnote, "\xc3\xa9");
	edit("matters.json", "[0].MatterNotes", json_string(longnote));
	edit("matters.json", "[2].MatterIntroDate", json_null());
	CHECK(reads(&s) == 0);
	CHECK(skipped_has(&s, "MatterEnactmentNumber of 1 matter not imported", "O2021-117 '2021/045'"));
	for (i = 0; i < s.nskipped; i++)
		if (contains(s.skipped[i], "MatterNotes")) {
			CHECK(contains(s.skipped[i], "...'"));
			CHECK(ot_text_check("the line", s.skipped[i], 0) == 0);
		}
	ot_import_set_release(&s);
	/* neither a string nor a number */
	fresh();
	edit("matters.json", "[1].MatterEnactmentNumber", json_true());
	CHECK(fails("matters.json: [1].MatterEnactmentNumber", "not a string or a whole number", NULL));
	fresh();
	edit("matters.json", "[1].MatterNotes", json_integer(3));
	CHECK(fails("matters.json: [1].MatterNotes", "not a string", NULL));
}

/* no ward anywhere in the dump: one line, not 50 silent ward 0s */
TEST(members_without_a_ward_said_once)
{
	ot_import_set s;
	json_t *p;
	size_t i;
	fresh();
	CHECK(reads(&s) == 0);
	CHECK(!skipped_has(&s, "no ward", NULL)); /* every seat's mailbox names it; the mayor has none */
	ot_import_set_release(&s);
	p = load_work("persons.json");
	for (i = 0; i < json_array_size(p); i++)
		json_object_set_new(json_array_get(p, i), "PersonEmail", json_null());
	save_work("persons.json", p);
	json_decref(p);
	CHECK(reads(&s) == 0);
	CHECK(s.nmembers == 51 && member(&s, "Ana Abbott") && member(&s, "Ana Abbott")->m.ward == 0);
	CHECK(skipped_has(&s, "officerecords.json: 50 of the 51 members read have no ward in the dump",
			  "'ordtrack member import' of a CSV with their wards adds them"));
	ot_import_set_release(&s);
}

TEST(symlinked_directories_refused)
{
	static const char *const dirs[] = {"eventitems", "eventitems/391004", "matters", "matters/58813",
					   "matters/58813/texts"};
	char target[200], cmd[1000], link[300];
	ot_import_set s;
	size_t i;
	for (i = 0; i < NELEMS(dirs); i++) {
		fresh();
		snprintf(target, sizeof(target), "%s/elsewhere", tmp);
		snprintf(cmd, sizeof(cmd), "rm -rf '%s' && mv '%s' '%s'", target, work_path(dirs[i]), target);
		run(cmd);
		CHECK(symlink(target, work_path(dirs[i])) == 0);
		snprintf(link, sizeof(link), "%s: a symbolic link; a source directory holds its own files", dirs[i]);
		if (!fails(link, NULL, NULL)) {
			printf("#   %s\n", dirs[i]);
			CHECK(0);
		}
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", target);
	run(cmd);
	/* the dump's own directory is the one the user names: it may be a link */
	fresh();
	snprintf(link, sizeof(link), "%s/latest", tmp);
	unlink(link);
	CHECK(symlink(work, link) == 0);
	CHECK(ot_legistar_read(&s, link) == 0 && s.nrecords == 3);
	ot_import_set_release(&s);
	unlink(link);
}

/* the messages of the JSON field getters (src/jsonfile.c) */
TEST(field_messages)
{
	ot_jf jf = {.file = "matters.json", .where = "", .err = 0};
	json_t *a = json_array();
	CHECK(ot_jf_str(&jf, a, "MatterFile", 0) == NULL && ot_jf_failed(&jf));
	CHECK_STR(ot_error_last(), "matters.json: not a JSON object");
	jf.err = 0;
	ot_jf_at(&jf, "[%d]", 3);
	CHECK(ot_jf_str(&jf, a, "MatterFile", 0) == NULL);
	CHECK_STR(ot_error_last(), "matters.json: [3]: not a JSON object");
	json_decref(a);
}

/* names met in real dumps (NYC, Chicago, LA Metro, Seattle, Philadelphia):
 * docs/record-import.md's tables */
TEST(vocabulary_of_real_dumps)
{
	CHECK(ot_source_status_parse("Filed (End of Session)") == OT_STATUS_FILED);
	CHECK(ot_source_status_parse("Laid Over in Committee") == OT_STATUS_PENDING);
	CHECK(ot_source_status_parse("Enacted (Mayor's Desk for Signature)") == OT_STATUS_PASSED);
	CHECK(ot_source_status_parse("Received, Ordered, Printed and Filed") == OT_STATUS_FILED);
	CHECK(ot_source_status_parse("Disapproved") == OT_STATUS_FAILED);
	CHECK(ot_source_action_parse("Approved by Subcommittee") == OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE);
	CHECK(ot_source_action_parse("Received, Ordered, Printed and Filed") == OT_ACTION_FILING);
	CHECK(ot_source_action_parse("Rcvd, Ord, Prnt, Fld by Council") == OT_ACTION_FILING);
	CHECK(ot_source_action_parse("Hearing Held by Subcommittee") == OT_ACTION_UNCLASSIFIED);
	CHECK(ot_source_action_parse("Laid Over Again by Committee") == OT_ACTION_DEFERRAL);
	CHECK(ot_source_action_parse("Disapproved by Mayor") == OT_ACTION_EXECUTIVE_VETO);
	CHECK(ot_source_action_parse("P-C Item Disapproved by Subcommittee with Companion Resolution") ==
	      OT_ACTION_COMMITTEE_FAILURE);
	/* NYC writes two spaces here; blanks run together */
	CHECK(ot_source_action_parse("Approved by Committee and Referred to Finance  pursuant to Rule 6.50 of the "
				     "Council") == OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE);
	CHECK(ot_source_action_parse("RECOMMENDED FOR APPROVAL") == OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE);
	CHECK(ot_source_action_parse("CARRIED OVER") == OT_ACTION_DEFERRAL);
	CHECK(ot_source_action_parse("Read and Ordered Placed on Next Week's Second Reading Calendar") ==
	      OT_ACTION_READING_1);
	CHECK(ot_source_record_type_parse("Land Use Call-Up") == OT_RECORD_RESOLUTION);
	CHECK(ot_source_record_type_parse("Commissioner of Deeds") == OT_RECORD_APPOINTMENT);
	CHECK(ot_source_record_type_parse("Mayor's Message") == OT_RECORD_COMMUNICATION);
	CHECK(ot_source_record_type_parse("Council Bill (CB)") == OT_RECORD_ORDINANCE);
	CHECK(ot_source_record_type_parse("Resolution (Res)") == OT_RECORD_RESOLUTION);
	/* still unknown: an error, never a guess */
	CHECK(ot_source_action_parse("Coupled on Call-Up Vote") == -1);
	CHECK(ot_source_record_type_parse("Tour") == -1);
}

/* the per-file parsers, as the fuzz target calls them, from memory */
TEST(parsers_from_memory)
{
	json_error_t je;
	json_t *j = json_loads("[{\"VotePersonName\": \" Ana Abbott \", \"VoteValueName\": \"yea\","
			       " \"VoteEventItemId\": 7},"
			       " {\"VotePersonName\": \"Andre Ashby\", \"VoteValueName\": \"Present\","
			       " \"VoteEventItemId\": 7}]",
			       JSON_REJECT_DUPLICATES, &je);
	ot_vote v;
	ot_legistar_history *h = NULL;
	size_t n = 0;
	memset(&v, 0, sizeof(v));
	CHECK(j && ot_legistar_votes_parse(&v, NULL, j, "mem.json", 0) == 0);
	CHECK(v.nroll == 2 && strcmp(v.roll[0].name, "Ana Abbott") == 0 && v.counts[OT_VOTE_ABSTAIN] == 1);
	free(v.roll[0].name);
	free(v.roll[1].name);
	free(v.roll);
	json_decref(j);
	j = json_loads("[{\"MatterHistoryId\": 2, \"MatterHistoryActionDate\": \"2021-01-02\","
		       " \"MatterHistoryActionName\": \"Passed.\", \"MatterHistoryTally\": \" 3 : 1 \","
		       " \"MatterHistoryActionBodyName\": null, \"MatterHistoryPassedFlag\": null,"
		       " \"MatterHistoryRollCallFlag\": null},"
		       " {\"MatterHistoryId\": 1, \"MatterHistoryActionDate\": \"2021-01-02T10:00:00-06:00\","
		       " \"MatterHistoryActionName\": \"referred\", \"MatterHistoryTally\": null,"
		       " \"MatterHistoryActionBodyName\": null, \"MatterHistoryPassedFlag\": null,"
		       " \"MatterHistoryRollCallFlag\": null}]",
		       JSON_REJECT_DUPLICATES, &je);
	CHECK(j && ot_legistar_histories_parse(&h, &n, NULL, j, "mem.json") == 0);
	CHECK(n == 2 && h[0].id == 1 && h[0].type == OT_ACTION_REFERRAL_COMMITTEE && h[1].yes == 3 &&
	      h[1].no == 1);
	CHECK(n == 2 && strcmp(h[1].action, "Passed.") == 0 && h[1].passed == -1 && h[1].roll_call == -1);
	ot_legistar_histories_free(h, n);
	json_decref(j);
}

/* the set as the writer takes it: into a tracker, and again without change */
TEST(imports_into_a_tracker)
{
	ot_import_set s;
	ot_record_import_report rep;
	ot_tracker *t = NULL;
	ot_record r;
	char path[200], head[41];
	snprintf(path, sizeof(path), "%s/tracker", tmp);
	CHECK(ot_legistar_read(&s, DUMP) == 0);
	CHECK(ot_tracker_init(path) == 0 && ot_tracker_open(&t, path) == 0);
	if (!t) {
		ot_import_set_release(&s);
		return;
	}
	memset(&rep, 0, sizeof(rep));
	CHECK(ot_record_import(&rep, t, &s, 0) == 0);
	CHECK(rep.records_new == 3 && rep.members_new == 51);
	ot_record_import_report_release(&rep);
	memset(&rep, 0, sizeof(rep));
	CHECK(ot_record_import(&rep, t, &s, 0) == 0);
	CHECK(rep.records_new == 0 && rep.records_same == 3 && rep.events_new == 0);
	ot_record_import_report_release(&rep);
	/* the roll's ASCII spellings resolved to council.csv's members */
	CHECK(ot_record_load(&r, head, t, "O2021-117") == 0);
	if (r.nvotes == 1) {
		size_t i, found = 0;
		for (i = 0; i < r.votes[0].nroll; i++)
			found += strcmp(r.votes[0].roll[i].name, "Carmen L. Castañeda") == 0 ||
				 strcmp(r.votes[0].roll[i].name, "Olivia O’Rourke") == 0 ||
				 strcmp(r.votes[0].roll[i].name, "Rosa R. Ramírez-Ortega") == 0;
		CHECK(found == 3);
		CHECK(r.votes[0].counts[OT_VOTE_YES] == 41 && r.votes[0].counts[OT_VOTE_NO] == 8);
	}
	CHECK(r.nvotes == 1);
	ot_record_release(&r);
	ot_tracker_free(t);
	ot_import_set_release(&s);
}

int main(void)
{
	snprintf(tmp, sizeof(tmp), "/tmp/ot-legistar-XXXXXX");
	if (!mkdtemp(tmp)) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(work, sizeof(work), "%s/dump", tmp);
	RUN(fixture_reads_to_the_facts);
	RUN(roll_names_each_member_as_council_csv_says);
	RUN(order_and_resolution);
	RUN(members_one_per_council_seat_term);
	RUN(not_an_array);
	RUN(wrong_type_in_every_field_read);
	RUN(unknown_words_name_the_table);
	RUN(tally_the_roll_contradicts);
	RUN(impossible_dates);
	RUN(unsafe_ids);
	RUN(ids_given_twice);
	RUN(symlinks_refused);
	RUN(required_files);
	RUN(over_the_input_cap);
	RUN(deep_nesting_and_duplicate_keys);
	RUN(sponsors_of_the_latest_version);
	RUN(actions_in_date_then_id_order);
	RUN(roll_calls_as_the_dump_has_them);
	RUN(status_and_closed_without_a_status);
	RUN(matters_not_imported);
	RUN(links_the_dump_gives);
	RUN(members_as_other_clients_write_them);
	RUN(parsers_from_memory);
	RUN(imports_into_a_tracker);
	RUN(file_numbers_with_spaces);
	RUN(a_missing_key_is_not_a_null);
	RUN(enactment_numbers_and_notes_listed);
	RUN(members_without_a_ward_said_once);
	RUN(symlinked_directories_refused);
	RUN(field_messages);
	RUN(vocabulary_of_real_dumps);
	{
		char cmd[200];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
		run(cmd);
	}
	return test_summary();
}
