/*
 * test_import_elms.c - the Chicago eLMS reader (ot_elms_read): the fixture
 * tests/data/record-import/elms/O2021-117.json reads to exactly the facts
 * of tests/data/record-import/O2021-117.md (every field, the roll checked
 * voter by voter against council.csv), a directory reads in name order,
 * and hostile files (wrong types in every field read, unknown words,
 * impossible dates, unsafe ids, symlinks, the input cap, deep nesting,
 * duplicate keys) are errors that name the file and the field.  Run from
 * the repository's top directory.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "import_elms.h"
#include "ordtrack/ordtrack.h"
#include "ordtrack/record_import.h"
#include "test.h"

#define DATA "tests/data/record-import/"
#define ELMS DATA "elms/"
#define MATTER "91B69B2F-11B5-EB11-F6DC-001DD8B8548B"
#define ORDER_MATTER "60E1726A-BCC8-EB11-E634-001DD8F51987"

static char tmp[64];

static int contains(const char *hay, const char *needle)
{
	return hay && needle && strstr(hay, needle) != NULL;
}

/* a line of set->skipped that contains needle */
static int skipped_has(const ot_import_set *s, const char *needle)
{
	size_t i;
	for (i = 0; i < s->nskipped; i++)
		if (contains(s->skipped[i], needle))
			return 1;
	return 0;
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

static char *tmp_path(const char *name)
{
	static char path[256];
	snprintf(path, sizeof(path), "%s/%s", tmp, name);
	return path;
}

static json_t *fixture(void)
{
	json_error_t je;
	json_t *j = json_load_file(ELMS "O2021-117.json", 0, &je);
	if (!j) {
		printf("# cannot load the fixture: %s\n", je.text);
		exit(2);
	}
	return j;
}

/* The member at "actions[0].votes[2].vote" of root set to v (NULL: removed). */
static void set_path(json_t *root, const char *path, json_t *v)
{
	char seg[64];
	json_t *cur = root;
	const char *p = path;
	for (;;) {
		const char *dot = strchr(p, '.'), *end = dot ? dot : p + strlen(p);
		char *br;
		size_t idx = 0;
		int has_idx;
		snprintf(seg, sizeof(seg), "%.*s", (int)(end - p), p);
		br = strchr(seg, '[');
		has_idx = br != NULL;
		if (br) {
			idx = (size_t)atoi(br + 1);
			*br = 0;
		}
		if (!dot) {
			if (has_idx) {
				json_t *arr = json_object_get(cur, seg);
				if (v)
					json_array_set_new(arr, idx, v);
				else
					json_array_remove(arr, idx);
			} else if (v) {
				json_object_set_new(cur, seg, v);
			} else {
				json_object_del(cur, seg);
			}
			return;
		}
		cur = json_object_get(cur, seg);
		if (has_idx)
			cur = json_array_get(cur, idx);
		p = dot + 1;
	}
}

static void write_json(const char *path, json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(1));
	write_text(path, s, strlen(s));
	free(s);
}

/* Read path; 1 when it fails with OT_EINVALID and a message holding every
 * needle (NULL-terminated), else print what happened. */
static int fails_with(const char *path, const char *n1, const char *n2, const char *n3)
{
	ot_import_set s;
	const char *needles[3] = {n1, n2, n3};
	int rc = ot_elms_read(&s, path), ok = rc == OT_EINVALID, i;
	const char *msg = ot_error_last();
	for (i = 0; i < 3 && ok; i++)
		if (needles[i] && !contains(msg, needles[i]))
			ok = 0;
	if (!ok)
		printf("#   %s: rc %d, message: %s\n", path, rc, msg);
	ot_import_set_release(&s);
	return ok;
}

/* the fixture with one change, written to NAME.json and read */
static int mutant_fails(const char *path_in_doc, json_t *value, const char *n2, const char *n3)
{
	json_t *j = fixture();
	char *path = tmp_path("mutant.json");
	int ok;
	set_path(j, path_in_doc, value);
	write_json(path, j);
	json_decref(j);
	ok = fails_with(path, "mutant.json", n2, n3);
	unlink(path);
	return ok;
}

/* the fixture with one change, read: 0 and the set in *s */
static int mutant_reads(ot_import_set *s, const char *path_in_doc, json_t *value)
{
	json_t *j = fixture();
	char *path = tmp_path("mutant.json");
	int rc;
	set_path(j, path_in_doc, value);
	write_json(path, j);
	json_decref(j);
	rc = ot_elms_read(s, path);
	if (rc)
		printf("#   %s: %s\n", path_in_doc, ot_error_last());
	unlink(path);
	return rc;
}

TEST(fixture_reads_to_the_facts)
{
	ot_import_set s;
	const ot_record *r;
	const ot_vote *v;
	static const char *const sponsors[] = {"Whitfield, Dana", "Jaworski, Joan", "Abbott, Ana",
					       "Lindqvist, Luis"};
	static const struct {
		const char *date, *text, *body;
		ot_action_type type;
	} acts[] = {{"2021-01-27", "Referred", "City Council", OT_ACTION_REFERRAL_COMMITTEE},
		    {"2021-02-10", "Add Co-Sponsor(s)", "City Council", OT_ACTION_SPONSORSHIP},
		    {"2021-03-15", "Recommended to Pass", "Committee on Finance",
		     OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
		    {"2021-03-24", "Passed", "City Council", OT_ACTION_PASSAGE}};
	size_t i;
	char src[128];

	CHECK(ot_elms_read(&s, ELMS "O2021-117.json") == 0);
	CHECK(s.format == OT_SOURCE_ELMS);
	CHECK(s.nrecords == 1 && s.nmembers == 0 && s.nskipped == 0);
	if (s.nrecords != 1) {
		ot_import_set_release(&s);
		return;
	}
	CHECK_STR(s.records[0].file, ELMS "O2021-117.json");
	r = &s.records[0].r;
	CHECK_STR(r->id, "O2021-117");
	CHECK(r->type == OT_RECORD_ORDINANCE);
	CHECK_STR(r->title, "Amendment of Municipal Code Chapter 2-173 concerning cooperation with federal "
			    "immigration authorities");
	CHECK(r->status == OT_STATUS_PASSED);
	CHECK_STR(r->introduced, "2021-01-27");
	CHECK_STR(r->closed, "2021-03-24");
	CHECK(r->base == NULL && r->effective == NULL && r->nordinances == 0);
	CHECK_STR(r->source, "elms:matter/" MATTER);
	CHECK(r->nsponsors == 4);
	for (i = 0; i < 4 && i < r->nsponsors; i++)
		CHECK_STR(r->sponsors[i], sponsors[i]);
	CHECK(r->nversions == 1 && r->versions[0].number == 1 && r->versions[0].stage == OT_STAGE_INTRODUCED);
	CHECK_STR(r->versions[0].date, "2021-01-27");
	CHECK(r->nactions == 4);
	for (i = 0; i < 4 && i < r->nactions; i++) {
		CHECK_STR(r->actions[i].date, acts[i].date);
		CHECK(r->actions[i].type == acts[i].type);
		CHECK_STR(r->actions[i].text, acts[i].text);
		CHECK_STR(r->actions[i].body, acts[i].body);
		snprintf(src, sizeof(src), "elms:matter/%s/action/%s/1", MATTER, acts[i].date);
		CHECK_STR(r->actions[i].source, src);
	}
	CHECK(r->nvotes == 1);
	if (r->nvotes == 1) {
		v = &r->votes[0];
		CHECK_STR(v->date, "2021-03-24");
		CHECK_STR(v->motion, "Passed");
		CHECK(v->result == OT_RESULT_PASS && v->threshold == OT_THRESHOLD_NONE && !v->forced);
		CHECK(v->counts[OT_VOTE_YES] == 41 && v->counts[OT_VOTE_NO] == 8 &&
		      v->counts[OT_VOTE_NOT_VOTING] == 1);
		CHECK(v->counts[OT_VOTE_ABSTAIN] == 0 && v->counts[OT_VOTE_ABSENT] == 0 &&
		      v->counts[OT_VOTE_EXCUSED] == 0);
		CHECK(v->nroll == 50);
		CHECK_STR(v->source, r->actions[3].source);
		CHECK_STR(s.records[0].vote_files[0], ELMS "O2021-117.json");
		if (v->nroll == 50) {
			CHECK_STR(v->roll[0].name, "Abbott, Ana");
			CHECK(v->roll[0].option == OT_VOTE_YES);
		}
	}
	CHECK(r->nlinks == 2);
	if (r->nlinks == 2) {
		CHECK(r->links[0].kind == OT_LINK_SOURCE);
		CHECK_STR(r->links[0].url, "https://chicityclerkelms.chicago.gov/Matter/?matterId=" MATTER);
		CHECK_STR(r->links[0].note, "eLMS");
		CHECK(r->links[1].kind == OT_LINK_DOCUMENT);
		CHECK(contains(r->links[1].url, "https://occprodstoragev1.blob.core.usgovcloudapi.net/"));
		CHECK_STR(r->links[1].note, "O2021-117.pdf");
	}
	ot_import_set_release(&s);
}

/* council.csv's members ("First M. Last Suffix") and how each voted */
static void council(ot_members *ms, char options[64][16])
{
	FILE *f = fopen(DATA "council.csv", "r");
	char line[512];
	memset(ms, 0, sizeof(*ms));
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *field[6], *p = line;
		int n = 0;
		ot_member *m;
		char name[200];
		if (line[0] == '#' || strncmp(line, "ward,", 5) == 0)
			continue;
		line[strcspn(line, "\r\n")] = 0;
		while (n < 6) {
			field[n++] = p;
			if (!(p = strchr(p, ',')))
				break;
			*p++ = 0;
		}
		if (n != 6)
			continue;
		snprintf(name, sizeof(name), "%s%s%s %s%s%s", field[1], *field[2] ? " " : "", field[2],
			 field[3], *field[4] ? " " : "", field[4]);
		if (ms->n == ms->cap) {
			ms->cap = ms->cap ? 2 * ms->cap : 64;
			ms->items = realloc(ms->items, ms->cap * sizeof(*ms->items));
		}
		m = &ms->items[ms->n];
		memset(m, 0, sizeof(*m));
		m->name = strdup(name);
		m->ward = atoi(field[0]);
		snprintf(options[ms->n], 16, "%s", field[5]);
		ms->n++;
	}
	fclose(f);
}

TEST(roll_names_each_council_member_once_as_council_csv_says)
{
	ot_import_set s;
	ot_members ms;
	char options[64][16];
	size_t i, j, named[64] = {0};
	council(&ms, options);
	CHECK(ms.n == 51);
	CHECK(ot_elms_read(&s, ELMS "O2021-117.json") == 0);
	if (s.nrecords == 1 && s.records[0].r.nvotes == 1) {
		const ot_vote *v = &s.records[0].r.votes[0];
		for (i = 0; i < v->nroll; i++) {
			const ot_member *m = ot_members_find(&ms, v->roll[i].name, v->date);
			if (!m) {
				printf("#   '%s' names no one member of council.csv\n", v->roll[i].name);
				CHECK(m != NULL);
				continue;
			}
			j = (size_t)(m - ms.items);
			named[j]++;
			CHECK(ot_vote_option_parse(options[j]) == (int)v->roll[i].option);
		}
		for (j = 0; j < ms.n; j++)
			CHECK(named[j] == (strcmp(options[j], "mayor") == 0 ? 0u : 1u));
		/* written the eLMS way, not as council.csv has them */
		CHECK(contains(s.records[0].r.votes[0].roll[4].name, ","));
	}
	ot_import_set_release(&s);
	ot_members_release(&ms);
}

/* eLMS lists no members: the council comes from members.csv (ordtrack
 * member import); every name of the roll resolves against it on the
 * vote's date, each to one member, with no alias needed */
TEST(roll_resolves_against_the_members_csv)
{
	ot_import_set s, mset;
	ot_members ms = {NULL, 0, 0};
	FILE *f = fopen(DATA "members.csv", "rb");
	char data[16384];
	size_t len = f ? fread(data, 1, sizeof(data), f) : 0, i, j;
	if (f)
		fclose(f);
	CHECK(len > 0 && len < sizeof(data));
	CHECK(ot_members_csv_read(&mset, data, len, DATA "members.csv") == 0);
	ms.items = calloc(mset.nmembers ? mset.nmembers : 1, sizeof(*ms.items));
	for (i = 0; i < mset.nmembers; i++)
		ms.items[ms.n++] = mset.members[i].m; /* borrowed */
	CHECK(ot_elms_read(&s, ELMS "O2021-117.json") == 0);
	if (s.nrecords == 1 && s.records[0].r.nvotes == 1) {
		const ot_vote *v = &s.records[0].r.votes[0];
		const ot_member *seen[64] = {NULL};
		for (i = 0; i < v->nroll && i < 64; i++) {
			seen[i] = ot_members_find(&ms, v->roll[i].name, v->date);
			if (!seen[i])
				printf("#   '%s' names no one member of members.csv\n", v->roll[i].name);
			CHECK(seen[i] != NULL);
			for (j = 0; j < i; j++)
				CHECK(!seen[i] || seen[j] != seen[i]);
		}
		/* and the sponsors who are members */
		CHECK(ot_members_find(&ms, s.records[0].r.sponsors[0], "2021-01-27") != NULL);
		CHECK(ot_members_find(&ms, s.records[0].r.sponsors[3], "2021-02-10") != NULL);
	}
	free(ms.items);
	ot_import_set_release(&mset);
	ot_import_set_release(&s);
}

TEST(pending_order_with_intake_steps)
{
	ot_import_set s;
	const ot_record *r;
	CHECK(ot_elms_read(&s, ELMS "Or2021-88.json") == 0);
	CHECK(s.nrecords == 1);
	if (s.nrecords != 1) {
		ot_import_set_release(&s);
		return;
	}
	r = &s.records[0].r;
	CHECK_STR(r->id, "Or2021-88");
	CHECK(r->type == OT_RECORD_ORDER && r->status == OT_STATUS_PENDING && r->closed == NULL);
	CHECK_STR(r->introduced, "2021-02-10");
	CHECK(r->nsponsors == 1);
	if (r->nsponsors == 1)
		CHECK_STR(r->sponsors[0], "Department of Finance");
	CHECK(r->nactions == 1 && r->nvotes == 0);
	if (r->nactions == 1) {
		CHECK(r->actions[0].type == OT_ACTION_REFERRAL_COMMITTEE);
		CHECK_STR(r->actions[0].source, "elms:matter/" ORDER_MATTER "/action/2021-02-10/1");
		CHECK_STR(r->actions[0].body, "City Council");
	}
	CHECK(r->nlinks == 1 && r->links[0].kind == OT_LINK_SOURCE);
	CHECK(s.nskipped == 1 &&
	      skipped_has(&s, "Or2021-88.json: Or2021-88: 4 eLMS intake steps (Create, Submit, "
			      "Accept, Post to Public) not imported"));
	ot_import_set_release(&s);
}

TEST(directory_in_name_order)
{
	ot_import_set s;
	CHECK(ot_elms_read(&s, ELMS) == 0);
	CHECK(s.nrecords == 2);
	if (s.nrecords == 2) {
		CHECK_STR(s.records[0].r.id, "O2021-117");
		CHECK_STR(s.records[1].r.id, "Or2021-88");
		CHECK_STR(s.records[0].file, ELMS "O2021-117.json");
		CHECK_STR(s.records[1].file, ELMS "Or2021-88.json");
	}
	CHECK(skipped_has(&s, ELMS "README.md: not a .json file; not read"));
	ot_import_set_release(&s);
}

TEST(not_an_object)
{
	char *p = tmp_path("list.json");
	write_text(p, "[1, 2]", strlen("[1, 2]"));
	CHECK(fails_with(p, "list.json", "not a JSON object", NULL));
	write_text(p, "42", strlen("42"));
	CHECK(fails_with(p, "list.json", "not a JSON object", NULL));
	write_text(p, "", strlen(""));
	CHECK(fails_with(p, "list.json", NULL, NULL));
	write_text(p, "{\"data\": [], \"meta\": {\"count\": 0}}",
		   strlen("{\"data\": [], \"meta\": {\"count\": 0}}"));
	CHECK(fails_with(p, "list.json", "/matter list", NULL));
	write_text(p, "\"not json\"", strlen("\"not json\""));
	CHECK(fails_with(p, "list.json", "not JSON", NULL));
	unlink(p);
}

TEST(wrong_type_in_every_field_read)
{
	enum { STR, ARR, OBJ, INT };
	static const struct {
		const char *path;
		int kind;
	} fields[] = {{"matterId", STR},
		      {"recordNumber", STR},
		      {"introductionDate", STR},
		      {"title", STR},
		      {"type", STR},
		      {"status", STR},
		      {"finalActionDate", STR},
		      {"legacyRecordNumber", STR},
		      {"actions", ARR},
		      {"actions[0]", OBJ},
		      {"actions[0].actionName", STR},
		      {"actions[0].actionDate", STR},
		      {"actions[0].actionByName", STR},
		      {"actions[0].actionText", STR},
		      {"actions[0].sort", INT},
		      {"actions[0].votes", ARR},
		      {"actions[0].votes[0]", OBJ},
		      {"actions[0].votes[0].voterName", STR},
		      {"actions[0].votes[0].vote", STR},
		      {"sponsors", ARR},
		      {"sponsors[0]", OBJ},
		      {"sponsors[0].sponsorName", STR},
		      {"sponsors[0].sponsorType", STR},
		      {"attachments", ARR},
		      {"attachments[0]", OBJ},
		      {"attachments[0].path", STR},
		      {"attachments[0].fileName", STR},
		      {"attachments[0].attachmentType", STR}};
	size_t i;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		json_t *bad = fields[i].kind == STR   ? json_integer(7)
			      : fields[i].kind == ARR ? json_string("x")
			      : fields[i].kind == OBJ ? json_integer(1)
						      : json_string("first");
		const char *why = fields[i].kind == STR	  ? "not a string"
				  : fields[i].kind == ARR ? "not a list"
				  : fields[i].kind == OBJ ? "not a JSON object"
							  : "not a whole number";
		CHECK(mutant_fails(fields[i].path, bad, fields[i].path, why));
	}
	/* a string where a number or a list is, too; and an object for a string */
	CHECK(mutant_fails("actions[1].sort", json_real(1.5), "actions[1].sort", NULL));
	CHECK(mutant_fails("title", json_object(), "title", "not a string"));
	CHECK(mutant_fails("sponsors[2].sponsorName", json_null(), "sponsors[2].sponsorName", "missing"));
}

TEST(unknown_words_name_the_table)
{
	CHECK(mutant_fails("actions[1].actionName", json_string("Frobnicated"),
			   "actions[1].actionName: 'Frobnicated'", "'Action names'"));
	CHECK(mutant_fails("actions[0].votes[3].vote", json_string("Maybe"),
			   "actions[0].votes[3].vote: 'Maybe'", "'Vote values'"));
	CHECK(mutant_fails("type", json_string("Proclamation"), "type: 'Proclamation'", "'Matter types'"));
	CHECK(mutant_fails("status", json_string("Pondering"), "status: 'Pondering'", "'Matter statuses'"));
	CHECK(mutant_fails("sponsors[1].sponsorType", json_string("Honorary"),
			   "sponsors[1].sponsorType: 'Honorary'", "sponsor types"));
}

TEST(impossible_dates)
{
	CHECK(mutant_fails("introductionDate", json_string("2021-02-30T00:00:00+00:00"), "introductionDate",
			   "2021-02-30"));
	CHECK(mutant_fails("actions[2].actionDate", json_string("2021-13-01T00:00:00"),
			   "actions[2].actionDate", NULL));
	CHECK(
	    mutant_fails("finalActionDate", json_string("March 24, 2021"), "finalActionDate", "not a date"));
	/* the form wrong, or a date of the form that does not exist: told apart */
	CHECK(mutant_fails("introductionDate", json_string("01/27/2021"), "introductionDate",
			   "'01/27/2021' is not a date in the form YYYY-MM-DD (or an ISO date-time)"));
	CHECK(mutant_fails("introductionDate", json_string("2021-02-30T00:00:00+00:00"), "introductionDate",
			   "does not exist (2021-02 has 28 days)"));
	CHECK(mutant_fails("introductionDate", json_string("0001-01-01T00:00:00"), "introductionDate",
			   "has the year 0001"));
}

TEST(unsafe_ids)
{
	CHECK(mutant_fails("recordNumber", json_string("../x"), "recordNumber", "'/'"));
	CHECK(mutant_fails("recordNumber", json_string("a/b"), "recordNumber", NULL));
	CHECK(mutant_fails("recordNumber", json_string("  "), "recordNumber: empty", NULL));
	CHECK(mutant_fails("recordNumber", json_string("O2021 1/17"), "recordNumber", "'O2021-1/17'"));
	CHECK(mutant_fails("matterId", json_string("../../etc"), "matterId", "GUID"));
	CHECK(mutant_fails("actions[0].votes[0].voterName", json_string(" "), "actions[0].votes[0].voterName",
			   "empty"));
	CHECK(mutant_fails("actions[0].actionByName", json_string("City\nCouncil"), "actions[0].actionByName",
			   NULL));
}

TEST(vote_without_voter_name)
{
	CHECK(
	    mutant_fails("actions[0].votes[0].voterName", NULL, "actions[0].votes[0].voterName", "missing"));
	CHECK(mutant_fails("actions[0].votes[5].vote", NULL, "actions[0].votes[5].vote", "missing"));
}

TEST(symlinks_refused)
{
	char target[4096], *dir = tmp_path("linked"), link[300];
	CHECK(realpath(ELMS "O2021-117.json", target) != NULL);
	mkdir(dir, 0700);
	snprintf(link, sizeof(link), "%s/O2021-117.json", dir);
	CHECK(symlink(target, link) == 0);
	CHECK(fails_with(dir, "O2021-117.json", "symbolic link", NULL));
	CHECK(fails_with(link, "O2021-117.json", "symbolic link", NULL));
	unlink(link);
	/* the directory itself a link */
	CHECK(realpath(ELMS, target) != NULL);
	snprintf(link, sizeof(link), "%s/elms", tmp);
	CHECK(symlink(target, link) == 0);
	CHECK(fails_with(link, "symbolic link", NULL, NULL));
	unlink(link);
	rmdir(dir);
	/* in a directory, a link to a directory named like a matter file */
	mkdir(dir, 0700);
	snprintf(link, sizeof(link), "%s/O2021-117.json", dir);
	CHECK(realpath(ELMS, target) != NULL);
	CHECK(symlink(target, link) == 0);
	CHECK(fails_with(dir, "O2021-117.json: a symbolic link; a source directory holds its own files", NULL, NULL));
	unlink(link);
	rmdir(dir);
}

/* a record number written with blanks: the rule of docs/record-import.md,
 * "Record ids", and one line per read however many files */
TEST(record_numbers_with_spaces)
{
	ot_import_set s;
	char dir[256], a[300], b[300];
	json_t *j;
	snprintf(dir, sizeof(dir), "%s", tmp_path("spaced"));
	CHECK(mutant_reads(&s, "recordNumber", json_string(" O2021 117 ")) == 0);
	CHECK(s.nrecords == 1 && strcmp(s.records[0].r.id, "O2021-117") == 0);
	CHECK(skipped_has(&s, "mutant.json: 1 file number written with spaces recorded with '-' (\"O2021 117\" is "
			      "O2021-117"));
	ot_import_set_release(&s);
	j = fixture();
	mkdir(dir, 0700);
	snprintf(a, sizeof(a), "%s/a.json", dir);
	snprintf(b, sizeof(b), "%s/b.json", dir);
	set_path(j, "recordNumber", json_string("O2021 117"));
	write_json(a, j);
	set_path(j, "recordNumber", json_string("O2021\t118"));
	set_path(j, "matterId", json_string("0D3C56A1-2B7E-EB11-A001-001DD8000001"));
	write_json(b, j);
	json_decref(j);
	CHECK(ot_elms_read(&s, dir) == 0);
	CHECK(s.nrecords == 2 && strcmp(s.records[1].r.id, "O2021-118") == 0);
	CHECK(skipped_has(&s, "spaced: 2 file numbers written with spaces recorded with '-' (\"O2021 117\" is "
			      "O2021-117"));
	ot_import_set_release(&s);
	unlink(a);
	unlink(b);
	rmdir(dir);
	/* the fixture's is written without: no line */
	CHECK(ot_elms_read(&s, ELMS "O2021-117.json") == 0 && !skipped_has(&s, "written with spaces"));
	ot_import_set_release(&s);
}

TEST(over_the_input_cap)
{
	ot_limits l = {.max_input = 1000, .pack_limit = 0};
	ot_import_set s;
	memset(&s, 0, sizeof(s));
	ot_limits_set(&l);
	CHECK(fails_with(ELMS "O2021-117.json", "O2021-117.json", "over the input limit", NULL));
	CHECK(ot_elms_read_matter(&s, "{}                                      ", 1001, "mem.json") ==
	      OT_EINVALID);
	CHECK(contains(ot_error_last(), "mem.json") && contains(ot_error_last(), "input limit"));
	ot_limits_set(NULL);
	ot_import_set_release(&s);
	/* within it again */
	CHECK(ot_elms_read(&s, ELMS "Or2021-88.json") == 0);
	ot_import_set_release(&s);
}

TEST(deep_nesting_and_duplicate_keys)
{
	size_t depth = 100000, pre;
	char *doc = malloc(2 * depth + 32), *p = tmp_path("deep.json");
	strcpy(doc, "{\"matterId\": ");
	pre = strlen(doc);
	memset(doc + pre, '[', depth);
	memset(doc + pre + depth, ']', depth);
	strcpy(doc + pre + 2 * depth, "}");
	write_text(p, doc, strlen(doc));
	CHECK(fails_with(p, "deep.json", NULL, NULL));
	free(doc);
	write_text(p, "{\"matterId\": \"A\", \"matterId\": \"B\"}",
		   strlen("{\"matterId\": \"A\", \"matterId\": \"B\"}"));
	CHECK(fails_with(p, "deep.json", "duplicate", NULL));
	write_text(p, "{\"matterId\": \"\xff\xfe\"}", strlen("{\"matterId\": \"\xff\xfe\"}"));
	CHECK(fails_with(p, "deep.json", NULL, NULL));
	unlink(p);
	/* a duplicate key deep inside */
	{
		json_t *j = fixture();
		char *s, *at;
		set_path(j, "actions[0].votes[0].vote", json_string("DUPKEY"));
		s = json_dumps(j, JSON_INDENT(1));
		at = strstr(s, "\"vote\": \"DUPKEY\"");
		CHECK(at != NULL);
		if (at)
			memcpy(at, "\"voterName\": \"X\"", 16); /* same length: voterName twice */
		write_text(p, s, strlen(s));
		free(s);
		json_decref(j);
		CHECK(fails_with(p, "deep.json", "duplicate", NULL));
		unlink(p);
	}
}

TEST(failed_vote_and_vacant_seat)
{
	ot_import_set s;
	json_t *j = fixture();
	const ot_record *r;
	char *p = tmp_path("failed.json");
	set_path(j, "actions[0].actionName", json_string("Failed to Pass"));
	set_path(j, "actions[0].votes[10].vote", json_string("Vacant"));
	set_path(j, "status", json_null());
	write_json(p, j);
	json_decref(j);
	CHECK(ot_elms_read(&s, p) == 0);
	if (s.nrecords == 1 && s.records[0].r.nvotes == 1) {
		r = &s.records[0].r;
		CHECK(r->votes[0].result == OT_RESULT_FAIL);
		CHECK_STR(r->votes[0].motion, "Failed to Pass");
		CHECK(r->votes[0].nroll == 49);
		CHECK(r->status == OT_STATUS_FAILED);
		CHECK_STR(r->closed, "2021-03-24");
		CHECK(skipped_has(&s, "actions[0].votes[10]: vote 'Vacant'"));
	} else {
		CHECK(0);
	}
	ot_import_set_release(&s);
	unlink(p);
}

TEST(same_day_actions_count_up)
{
	ot_import_set s;
	json_t *j = fixture(), *a = json_object();
	char *p = tmp_path("sameday.json");
	json_object_set_new(a, "actionName", json_string("Deferred and Published"));
	json_object_set_new(a, "actionDate", json_string("2021-03-24T00:00:00+00:00"));
	json_object_set_new(a, "actionByName", json_string("City Council"));
	json_object_set_new(a, "sort", json_integer(3));
	json_object_set_new(a, "votes", json_array());
	json_array_append_new(json_object_get(j, "actions"), a);
	write_json(p, j);
	json_decref(j);
	CHECK(ot_elms_read(&s, p) == 0);
	if (s.nrecords == 1 && s.records[0].r.nactions == 5) {
		const ot_record *r = &s.records[0].r;
		CHECK_STR(r->actions[3].text, "Deferred and Published");
		CHECK_STR(r->actions[3].source, "elms:matter/" MATTER "/action/2021-03-24/1");
		CHECK_STR(r->actions[4].text, "Passed");
		CHECK_STR(r->actions[4].source, "elms:matter/" MATTER "/action/2021-03-24/2");
		CHECK_STR(r->votes[0].source, r->actions[4].source);
		CHECK(r->actions[3].type == OT_ACTION_DEFERRAL);
	} else {
		CHECK(0);
	}
	ot_import_set_release(&s);
	unlink(p);
}

TEST(read_but_not_imported)
{
	ot_import_set s;
	json_t *extra = json_object();
	/* a filing sponsor named again as a sponsor */
	json_object_set_new(extra, "sponsorName", json_string("Whitfield, Dana"));
	json_object_set_new(extra, "sponsorType", json_string("Sponsor"));
	CHECK(mutant_reads(&s, "sponsors[1]", extra) == 0);
	CHECK(s.nrecords == 1 && s.records[0].r.nsponsors == 3);
	if (s.nrecords == 1 && s.records[0].r.nsponsors == 3) {
		CHECK_STR(s.records[0].r.sponsors[0], "Whitfield, Dana");
		CHECK_STR(s.records[0].r.sponsors[1], "Jaworski, Joan");
		CHECK_STR(s.records[0].r.sponsors[2], "Abbott, Ana");
	}
	CHECK(skipped_has(&s, "'Whitfield, Dana' is named as a sponsor before; kept once"));
	ot_import_set_release(&s);
	/* an attachment without a web address */
	CHECK(mutant_reads(&s, "attachments[0].path", json_string("\\\\fileserver\\O2021-117.pdf")) == 0);
	CHECK(s.nrecords == 1 && s.records[0].r.nlinks == 1);
	CHECK(skipped_has(
	    &s, "attachments[0]: 'O2021-117.pdf' has a path that is not a web address; not linked"));
	ot_import_set_release(&s);
	/* an action without a date */
	CHECK(mutant_reads(&s, "actions[2].actionDate", json_null()) == 0);
	CHECK(s.nrecords == 1 && s.records[0].r.nactions == 3);
	CHECK(skipped_has(&s, "actions[2]: 'Add Co-Sponsor(s)' has no actionDate"));
	ot_import_set_release(&s);
	/* a legacy number */
	CHECK(mutant_reads(&s, "legacyRecordNumber", json_string("O2021-117A")) == 0);
	CHECK(skipped_has(&s, "legacyRecordNumber 'O2021-117A'"));
	ot_import_set_release(&s);
	/* not introduced yet */
	CHECK(mutant_reads(&s, "introductionDate", json_null()) == 0);
	CHECK(s.nrecords == 0 && skipped_has(&s, "O2021-117 has no introductionDate"));
	ot_import_set_release(&s);
	/* no status: from the closing action; blanks around the number cut */
	CHECK(mutant_reads(&s, "status", json_string("")) == 0);
	CHECK(s.nrecords == 1 && s.records[0].r.status == OT_STATUS_PASSED);
	ot_import_set_release(&s);
	CHECK(mutant_reads(&s, "recordNumber", json_string("O2021-117 ")) == 0);
	CHECK(s.nrecords == 1 && strcmp(s.records[0].r.id, "O2021-117") == 0);
	ot_import_set_release(&s);
	/* a list-style null for the nested arrays */
	CHECK(mutant_reads(&s, "actions", json_null()) == 0);
	CHECK(s.nrecords == 1 && s.records[0].r.nactions == 0 && s.records[0].r.nvotes == 0);
	CHECK(s.nrecords == 1 && s.records[0].r.status == OT_STATUS_PASSED &&
	      strcmp(s.records[0].r.closed, "2021-03-24") == 0); /* finalActionDate */
	ot_import_set_release(&s);
}

TEST(double_encoded_response)
{
	ot_import_set s;
	json_t *j = fixture(), *str;
	char *inner = json_dumps(j, JSON_COMPACT), *outer;
	str = json_string(inner);
	outer = json_dumps(str, JSON_ENCODE_ANY);
	memset(&s, 0, sizeof(s));
	CHECK(ot_elms_read_matter(&s, outer, strlen(outer), "double.json") == 0);
	CHECK(s.nrecords == 1 && s.records[0].r.nvotes == 1);
	ot_import_set_release(&s);
	free(inner);
	free(outer);
	json_decref(str);
	json_decref(j);
}

TEST(directories)
{
	char *dir = tmp_path("two"), a[300], b[300], readme[300];
	json_t *j = fixture();
	mkdir(dir, 0700);
	CHECK(fails_with(dir, "no eLMS matter files", NULL, NULL));
	snprintf(readme, sizeof(readme), "%s/notes.txt", dir);
	write_text(readme, "x", strlen("x"));
	CHECK(fails_with(dir, "no eLMS matter files", NULL, NULL));
	/* one matter in two files */
	snprintf(a, sizeof(a), "%s/a.json", dir);
	snprintf(b, sizeof(b), "%s/b.json", dir);
	write_json(a, j);
	write_json(b, j);
	CHECK(fails_with(dir, "b.json: recordNumber: O2021-117 is the matter of", "a.json", NULL));
	set_path(j, "recordNumber", json_string("O2021-118"));
	write_json(b, j);
	CHECK(fails_with(dir, "b.json: matterId", "a.json", NULL));
	/* an error in the second file names it */
	set_path(j, "matterId", json_string("0D3C56A1-2B7E-EB11-A001-001DD8000001"));
	set_path(j, "title", json_integer(3));
	write_json(b, j);
	CHECK(fails_with(dir, "b.json: title: not a string", NULL, NULL));
	json_decref(j);
	unlink(a);
	unlink(b);
	unlink(readme);
	rmdir(dir);
	CHECK(ot_elms_read(&(ot_import_set){0}, tmp_path("absent.json")) == OT_ENOTFOUND);
}

int main(void)
{
	snprintf(tmp, sizeof(tmp), "/tmp/ordtrack-elms-XXXXXX");
	if (!mkdtemp(tmp)) {
		perror("mkdtemp");
		return 2;
	}
	RUN(fixture_reads_to_the_facts);
	RUN(roll_names_each_council_member_once_as_council_csv_says);
	RUN(roll_resolves_against_the_members_csv);
	RUN(pending_order_with_intake_steps);
	RUN(directory_in_name_order);
	RUN(not_an_object);
	RUN(wrong_type_in_every_field_read);
	RUN(unknown_words_name_the_table);
	RUN(impossible_dates);
	RUN(unsafe_ids);
	RUN(vote_without_voter_name);
	RUN(symlinks_refused);
	RUN(over_the_input_cap);
	RUN(deep_nesting_and_duplicate_keys);
	RUN(failed_vote_and_vacant_seat);
	RUN(same_day_actions_count_up);
	RUN(read_but_not_imported);
	RUN(double_encoded_response);
	RUN(directories);
	RUN(record_numbers_with_spaces);
	rmdir(tmp);
	return test_summary();
}
