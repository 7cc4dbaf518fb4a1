/*
 * test_record_docs.c - the versioned JSON documents about the record
 * (ordtrack/record_docs.h) reached directly, without the command line:
 * each document built from hand-made records, votes, casts, conflicts
 * and members and checked whole or by the order of its keys, its nulls
 * and its format field; the members document against members.json
 * (ot_members_to_json: one builder, two key orders and member orders);
 * the tally line; and, in a tracker built through the library, the status
 * document's changes and conflicts and the roll calls of one member
 * (ot_member_votes_find) with the errors of an unknown or ambiguous name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ordtrack/ordtrack.h"
#include "test.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static char tmpdir[256];

/* 1 when the strings of keys[] occur in s in that order. */
static int in_order(const char *s, const char *const *keys, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		const char *at = strstr(s, keys[i]);
		if (!at)
			return 0;
		s = at + strlen(keys[i]);
	}
	return 1;
}

static int has(const char *s, const char *part)
{
	return strstr(s, part) != NULL;
}

/* ---- votes ---------------------------------------------------------------- */

static ot_roll_entry small_roll[] = {
    {(char *)"Ann Lee", OT_VOTE_YES},
    {(char *)"Bo Park", OT_VOTE_NO},
    {(char *)"Cy Diaz", OT_VOTE_NOT_VOTING},
    {(char *)"Di Ochoa", OT_VOTE_YES},
};

static ot_vote small_vote(void)
{
	ot_vote v;
	memset(&v, 0, sizeof(v));
	v.date = (char *)"2024-03-01";
	v.motion = (char *)"Pass \"as amended\"";
	v.result = OT_RESULT_PASS;
	v.threshold = OT_THRESHOLD_NONE;
	v.roll = small_roll;
	v.nroll = NELEM(small_roll);
	v.counts[OT_VOTE_YES] = 2;
	v.counts[OT_VOTE_NO] = 1;
	v.counts[OT_VOTE_NOT_VOTING] = 1;
	return v;
}

TEST(vote_tally_forms)
{
	ot_vote v = small_vote();
	ot_buf out = OT_BUF_INIT;
	ot_vote_tally(&out, &v);
	CHECK_STR(out.ptr, "passed 2-1 (1 not voting)");
	/* appends, no newline; every other option in the tally's order */
	v.result = OT_RESULT_FAIL;
	v.counts[OT_VOTE_ABSTAIN] = 3;
	v.counts[OT_VOTE_EXCUSED] = 1;
	ot_buf_puts(&out, " | ");
	ot_vote_tally(&out, &v);
	CHECK_STR(out.ptr, "passed 2-1 (1 not voting) | failed 2-1 (3 abstain, 1 excused, 1 not voting)");
	ot_buf_clear(&out);
	memset(v.counts, 0, sizeof(v.counts));
	ot_vote_tally(&out, &v);
	CHECK_STR(out.ptr, "failed 0-0");
	ot_buf_release(&out);
}

TEST(vote_doc_whole)
{
	static const char want[] = "{\n"
				   "  \"format\": \"ordtrack-vote/1\",\n"
				   "  \"record\": \"O2024-1\",\n"
				   "  \"commit\": \"0123456789abcdef0123456789abcdef01234567\",\n"
				   "  \"vote\": {\n"
				   "    \"date\": \"2024-03-01\",\n"
				   "    \"motion\": \"Pass \\\"as amended\\\"\",\n"
				   "    \"result\": \"pass\",\n"
				   "    \"tally\": \"passed 2-1 (1 not voting)\",\n"
				   "    \"threshold\": null,\n"
				   "    \"forced\": null,\n"
				   "    \"counts\": {\n"
				   "      \"yes\": 2,\n"
				   "      \"no\": 1,\n"
				   "      \"abstain\": 0,\n"
				   "      \"absent\": 0,\n"
				   "      \"excused\": 0,\n"
				   "      \"not-voting\": 1\n"
				   "    },\n"
				   "    \"yes\": [\n"
				   "      \"Ann Lee\",\n"
				   "      \"Di Ochoa\"\n"
				   "    ],\n"
				   "    \"no\": [\n"
				   "      \"Bo Park\"\n"
				   "    ],\n"
				   "    \"other\": [\n"
				   "      {\n"
				   "        \"name\": \"Cy Diaz\",\n"
				   "        \"option\": \"not-voting\"\n"
				   "      }\n"
				   "    ]\n"
				   "  }\n"
				   "}\n";
	ot_vote v = small_vote();
	ot_buf out = OT_BUF_INIT;
	ot_buf_puts(&out, "kept|");
	ot_vote_doc(&out, "O2024-1", "0123456789abcdef0123456789abcdef01234567", &v);
	CHECK(strncmp(out.ptr, "kept|", 5) == 0); /* appended, not replaced */
	CHECK_STR(out.ptr + 5, want);
	/* a threshold and a forced reason are strings, not null */
	ot_buf_clear(&out);
	v.threshold = OT_THRESHOLD_TWO_THIRDS_OF_MEMBERS;
	v.forced = (char *)"clerk's correction";
	ot_vote_doc(&out, "O2024-1", "0123456789abcdef0123456789abcdef01234567", &v);
	CHECK(has(out.ptr,
		  "\"threshold\": \"two-thirds-of-members\",\n    \"forced\": \"clerk's correction\",\n"));
	ot_buf_release(&out);
}

/* ---- records -------------------------------------------------------------- */

static char *ords2[] = {(char *)"10-8", (char *)"10-9"};
static char *sponsors1[] = {(char *)"Ann Lee"};

static ot_record bare_record(const char *id, ot_status status)
{
	ot_record r;
	memset(&r, 0, sizeof(r));
	r.id = (char *)id;
	r.type = OT_RECORD_ORDINANCE;
	r.title = (char *)"Residential parking";
	r.status = status;
	r.introduced = (char *)"2024-01-10";
	r.base = (char *)"0123456789abcdef0123456789abcdef01234567";
	r.ordinances = ords2;
	r.nordinances = NELEM(ords2);
	r.sponsors = sponsors1;
	r.nsponsors = NELEM(sponsors1);
	return r;
}

TEST(records_doc_keys_and_nulls)
{
	static const char *const keys[] = {
	    "\"format\": \"ordtrack-records/1\"",
	    "\"records\": [",
	    "\"id\": \"R-1\"",
	    "\"type\": \"ordinance\"",
	    "\"title\": \"Residential parking\"",
	    "\"status\": \"pending\"",
	    "\"introduced\": \"2024-01-10\"",
	    "\"closed\": null",
	    "\"ordinances\": [\n        \"10-8\",\n        \"10-9\"\n      ]",
	    "\"sponsors\": [\n        \"Ann Lee\"\n      ]",
	    "\"versions\": 0",
	    "\"votes\": 0",
	    "\"last_action\": null",
	    "\"id\": \"R-2\"",
	    "\"status\": \"passed\"",
	    "\"closed\": \"2024-03-01\"",
	    "\"versions\": 0",
	    "\"votes\": 1",
	    "\"last_action\": {\n        \"date\": \"2024-03-01\",\n        \"type\": \"passage\"\n      }"};
	ot_record rs[2];
	ot_action acts[2];
	ot_vote v = small_vote();
	ot_buf out = OT_BUF_INIT;
	rs[0] = bare_record("R-1", OT_STATUS_PENDING);
	rs[1] = bare_record("R-2", OT_STATUS_PASSED);
	rs[1].closed = (char *)"2024-03-01";
	memset(acts, 0, sizeof(acts));
	acts[0].date = (char *)"2024-01-10";
	acts[0].type = OT_ACTION_INTRODUCTION;
	acts[1].date = (char *)"2024-03-01";
	acts[1].type = OT_ACTION_PASSAGE;
	rs[1].actions = acts;
	rs[1].nactions = 2;
	rs[1].votes = &v;
	rs[1].nvotes = 1;
	ot_records_doc(&out, rs, 2);
	CHECK(in_order(out.ptr, keys, NELEM(keys)));
	/* a record's effective date and base are not in this document */
	CHECK(!has(out.ptr, "\"effective\""));
	CHECK(!has(out.ptr, "\"base\""));
	CHECK(out.len && out.ptr[out.len - 1] == '\n');
	ot_buf_clear(&out);
	ot_records_doc(&out, NULL, 0);
	CHECK_STR(out.ptr, "{\n  \"format\": \"ordtrack-records/1\",\n  \"records\": []\n}\n");
	ot_buf_release(&out);
}

/* ---- votes of one member, conflicts ----------------------------------------- */

TEST(votes_doc_whole)
{
	static const char want[] = "{\n"
				   "  \"format\": \"ordtrack-votes/1\",\n"
				   "  \"member\": \"Ann Lee\",\n"
				   "  \"votes\": [\n"
				   "    {\n"
				   "      \"date\": \"2024-03-01\",\n"
				   "      \"record\": \"R-2\",\n"
				   "      \"motion\": \"Passage\",\n"
				   "      \"option\": \"not-voting\",\n"
				   "      \"result\": \"fail\"\n"
				   "    }\n"
				   "  ]\n"
				   "}\n";
	ot_member_cast c = {(char *)"2024-03-01", (char *)"R-2", (char *)"Passage", OT_VOTE_NOT_VOTING,
			    OT_RESULT_FAIL};
	ot_member_votes v = {(char *)"Ann Lee", &c, 1};
	ot_buf out = OT_BUF_INIT;
	ot_votes_doc(&out, &v);
	CHECK_STR(out.ptr, want);
	ot_buf_clear(&out);
	v.n = 0;
	ot_votes_doc(&out, &v);
	CHECK_STR(out.ptr,
		  "{\n  \"format\": \"ordtrack-votes/1\",\n  \"member\": \"Ann Lee\",\n  \"votes\": []\n}\n");
	ot_buf_release(&out);
	ot_member_votes_release(NULL);
}

static char *c_ords[] = {(char *)"10-8", (char *)"10-9"};
static char *c_ids[] = {(char *)"10-8-020(a)", (char *)"10-9-010"};

TEST(conflicts_doc_whole)
{
	static const char want[] = "{\n"
				   "  \"format\": \"ordtrack-conflicts/1\",\n"
				   "  \"conflicts\": [\n"
				   "    {\n"
				   "      \"records\": [\n"
				   "        \"R-1\",\n"
				   "        \"R-2\"\n"
				   "      ],\n"
				   "      \"clauses\": [\n"
				   "        {\n"
				   "          \"ordinance\": \"10-8\",\n"
				   "          \"id\": \"10-8-020(a)\"\n"
				   "        },\n"
				   "        {\n"
				   "          \"ordinance\": \"10-9\",\n"
				   "          \"id\": \"10-9-010\"\n"
				   "        }\n"
				   "      ]\n"
				   "    }\n"
				   "  ]\n"
				   "}\n";
	ot_record_conflict one = {(char *)"R-1", (char *)"R-2", c_ords, c_ids, 2};
	ot_record_conflicts cs = {&one, 1};
	ot_buf out = OT_BUF_INIT;
	ot_conflicts_doc(&out, &cs);
	CHECK_STR(out.ptr, want);
	ot_buf_clear(&out);
	cs.n = 0;
	ot_conflicts_doc(&out, &cs);
	CHECK_STR(out.ptr, "{\n  \"format\": \"ordtrack-conflicts/1\",\n  \"conflicts\": []\n}\n");
	ot_buf_release(&out);
}

/* ---- members ---------------------------------------------------------------- */

TEST(members_doc_and_file)
{
	/* stored order: not the printing order */
	ot_member items[] = {
	    {(char *)"Zed Mayor", 2, NULL, NULL, NULL, 0, 0},
	    {(char *)"bo park", 1, (char *)"2019-05-20", (char *)"2023-05-15", NULL, 0, 0},
	    {(char *)"Ann Lee", 1, (char *)"2023-05-16", NULL, NULL, 0, 0},
	    {(char *)"Ann Lee", 1, NULL, (char *)"2019-05-19", NULL, 0, 0},
	};
	static const char want_doc[] = "{\n"
				       "  \"format\": \"ordtrack-members/1\",\n"
				       "  \"members\": [\n"
				       "    {\n"
				       "      \"name\": \"Ann Lee\",\n"
				       "      \"ward\": 1,\n"
				       "      \"from\": null,\n"
				       "      \"to\": \"2019-05-19\"\n"
				       "    },\n"
				       "    {\n"
				       "      \"name\": \"Ann Lee\",\n"
				       "      \"ward\": 1,\n"
				       "      \"from\": \"2023-05-16\",\n"
				       "      \"to\": null\n"
				       "    },\n"
				       "    {\n"
				       "      \"name\": \"bo park\",\n"
				       "      \"ward\": 1,\n"
				       "      \"from\": \"2019-05-20\",\n"
				       "      \"to\": \"2023-05-15\"\n"
				       "    },\n"
				       "    {\n"
				       "      \"name\": \"Zed Mayor\",\n"
				       "      \"ward\": 2,\n"
				       "      \"from\": null,\n"
				       "      \"to\": null\n"
				       "    }\n"
				       "  ]\n"
				       "}\n";
	static const char want_file_start[] = "{\n"
					      "  \"format\": \"ordtrack-members/1\",\n"
					      "  \"members\": [\n"
					      "    {\n"
					      "      \"from\": null,\n"
					      "      \"name\": \"Zed Mayor\",\n"
					      "      \"to\": null,\n"
					      "      \"ward\": 2\n"
					      "    },\n";
	ot_members ms = {items, NELEM(items), NELEM(items)}, back = {0}, back2 = {0};
	ot_buf doc = OT_BUF_INIT, file = OT_BUF_INIT;
	size_t i;

	ot_members_doc(&doc, &ms);
	CHECK_STR(doc.ptr, want_doc);
	CHECK_STR(items[0].name, "Zed Mayor"); /* the input is not reordered */
	ot_members_to_json(&file, &ms);
	CHECK(strncmp(file.ptr, want_file_start, strlen(want_file_start)) == 0);
	CHECK(file.len && file.ptr[file.len - 1] == '\n');
	/* the same document: both read back to the same members */
	CHECK(ot_members_from_json(&back, doc.ptr, doc.len, "doc") == 0);
	CHECK(ot_members_from_json(&back2, file.ptr, file.len, "file") == 0);
	CHECK(back.n == 4 && back2.n == 4);
	ot_members_sort(&back2);
	for (i = 0; i < back.n && i < back2.n; i++) {
		CHECK_STR(back.items[i].name, back2.items[i].name);
		CHECK(back.items[i].ward == back2.items[i].ward);
		CHECK((back.items[i].from == NULL) == (back2.items[i].from == NULL));
		CHECK((back.items[i].to == NULL) == (back2.items[i].to == NULL));
	}
	ot_members_release(&back);
	ot_members_release(&back2);
	ot_buf_clear(&doc);
	ms.n = 0;
	ot_members_doc(&doc, &ms);
	CHECK_STR(doc.ptr, "{\n  \"format\": \"ordtrack-members/1\",\n  \"members\": []\n}\n");
	ot_buf_release(&doc);
	ot_buf_release(&file);
}

TEST(members_sort_order)
{
	ot_member items[] = {
	    {(char *)"b", 3, NULL, NULL, NULL, 0, 0},
	    {(char *)"A", 3, (char *)"2020-01-01", NULL, NULL, 0, 0},
	    {(char *)"c", 0, NULL, NULL, NULL, 0, 0},
	    {(char *)"a", 3, NULL, NULL, NULL, 0, 0},
	};
	ot_members ms = {items, NELEM(items), NELEM(items)};
	ot_members_sort(&ms);
	/* ward, then name ignoring case, then term start (none first) */
	CHECK_STR(items[0].name, "c");
	CHECK_STR(items[1].name, "a");
	CHECK(items[2].from != NULL && strcmp(items[2].name, "A") == 0);
	CHECK_STR(items[3].name, "b");
	ms.n = 0;
	ot_members_sort(&ms);
}

/* ---- status, in a tracker ---------------------------------------------------- */

static const char law_v1[] = "CHAPTER 7-10 TEST\n"
			     "7-10-010 Purpose.\n"
			     "This chapter exists to test ordtrack.\n"
			     "7-10-020 Rules.\n"
			     "(a) No person shall park a vehicle on a sidewalk.\n"
			     "(b) No person shall idle a vehicle for more than five minutes.\n";

static ot_doc *law_with(const char *from, const char *to)
{
	ot_doc *d = NULL;
	char text[sizeof(law_v1) + 64];
	const char *at = strstr(law_v1, from);
	if (!at)
		return NULL;
	snprintf(text, sizeof(text), "%.*s%s%s", (int)(at - law_v1), law_v1, to, at + strlen(from));
	if (ot_doc_parse_text(&d, text, strlen(text), "law.txt") < 0)
		return NULL;
	return d;
}

static int propose(ot_tracker *t, const char *id, const char *date, const ot_doc *doc)
{
	static const char *const ords[] = {"7-10"};
	static const char *const sponsors[] = {"Ann Lee"};
	char commit[41];
	ot_propose p;
	memset(&p, 0, sizeof(p));
	p.id = id;
	p.title = "Idling";
	p.date = date;
	p.type = OT_RECORD_ORDINANCE;
	p.sponsors = sponsors;
	p.nsponsors = 1;
	p.ordinances = ords;
	p.docs = &doc;
	p.ndocs = 1;
	return ot_record_propose(commit, t, &p);
}

static int vote(ot_tracker *t, const char *id, const char *date, const char *motion, const char *yes,
		const char *no)
{
	ot_vote v;
	char commit[41];
	size_t i;
	int err;
	memset(&v, 0, sizeof(v));
	v.date = (char *)date;
	v.motion = (char *)motion;
	v.result = OT_RESULT_PASS;
	v.nroll = v.cap = 2;
	v.roll = calloc(2, sizeof(*v.roll));
	v.roll[0] = (ot_roll_entry){strdup(yes), OT_VOTE_YES};
	v.roll[1] = (ot_roll_entry){strdup(no), OT_VOTE_ABSENT};
	err = ot_record_vote(commit, t, id, &v, 0);
	for (i = 0; i < v.nroll; i++)
		free(v.roll[i].name);
	free(v.roll);
	free(v.forced);
	return err;
}

static ot_tracker *council_tracker(void)
{
	static const ot_member council[] = {
	    {(char *)"Ann Lee", 1, (char *)"2019-05-20", NULL, NULL, 0, 0},
	    {(char *)"Bo Park", 2, (char *)"2019-05-20", NULL, NULL, 0, 0},
	    {(char *)"Cy Park", 3, NULL, (char *)"2019-05-19", NULL, 0, 0},
	};
	ot_tracker *t = NULL;
	ot_doc *d = NULL, *r1 = NULL, *r2 = NULL;
	ot_add_opts o;
	char path[300], cmd[320], commit[41];
	size_t i;
	int ok = 1;
	snprintf(path, sizeof(path), "%s/t", tmpdir);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path);
	if (system(cmd) != 0 || ot_tracker_init(path) != 0 || ot_tracker_open(&t, path) != 0)
		return NULL;
	memset(&o, 0, sizeof(o));
	o.ordinance = "7-10";
	o.title = "Test";
	o.date = "2020-01-15";
	d = law_with("", "");
	r1 = law_with("five minutes", "three minutes");
	r2 = law_with("five minutes", "two minutes");
	ok = d && r1 && r2 && ot_store_add(commit, t, &o, d) == 0;
	for (i = 0; ok && i < NELEM(council); i++)
		ok = ot_member_add(commit, t, &council[i]) == 0;
	ok = ok && propose(t, "R-1", "2022-01-10", r1) == 0 && propose(t, "R-2", "2022-01-11", r2) == 0;
	/* R-2 (listed after R-1) votes first; then two votes on R-1 on one
	 * date, which keep the order they were recorded in */
	ok = ok && vote(t, "R-2", "2022-01-20", "Refer", "Bo Park", "Lee") == 0;
	ok = ok && vote(t, "R-1", "2022-02-01", "Second", "Park", "Ann Lee") == 0;
	ok = ok && vote(t, "R-1", "2022-02-01", "First", "Ann Lee", "Bo Park") == 0;
	ot_doc_free(d);
	ot_doc_free(r1);
	ot_doc_free(r2);
	if (!ok) {
		printf("#   building the tracker: %s\n", ot_error_last());
		ot_tracker_free(t);
		return NULL;
	}
	return t;
}

TEST(status_doc_in_tracker)
{
	static const char *const keys[] = {
	    "\"format\": \"ordtrack-status/1\"",
	    "\"record\": {",
	    "\"id\": \"R-1\"",
	    "\"effective\": null",
	    "\"base\": \"",
	    "\"head\": \"",
	    "\"versions\": 1",
	    "\"timeline\": [",
	    "\"kind\": \"action\"",
	    "\"type\": \"introduction\"",
	    "\"kind\": \"vote\",\n      \"date\": \"2022-02-01\",\n      \"motion\": \"Second\"",
	    "\"tally\": \"passed 1-0 (1 absent)\"",
	    "\"kind\": \"vote\"",
	    "\"motion\": \"First\"",
	    "\"changes\": [",
	    "\"ordinance\": \"7-10\",\n      \"diff\": {",
	    "\"format\": \"ordtrack-diff/1\"",
	    "\"conflicts\": [",
	    "\"record\": \"R-2\"",
	    "\"id\": \"7-10-020(b)\""};
	ot_tracker *t = council_tracker();
	ot_record r;
	ot_record_conflicts found = {0};
	ot_buf out = OT_BUF_INIT;
	char head[41];
	CHECK(t != NULL);
	if (!t)
		return;
	CHECK(ot_record_load(&r, head, t, "R-1") == 0);
	CHECK(ot_record_conflicts_find(&found, t, "R-1") == 0);
	CHECK(found.n == 1);
	CHECK(ot_status_doc(&out, t, &r, head, &found) == 0);
	CHECK(in_order(out.ptr, keys, NELEM(keys)));
	CHECK(has(out.ptr, head));
	/* the text as introduced is the introduction, not a timeline entry */
	CHECK(!has(out.ptr, "\"kind\": \"version\""));
	/* no conflicts given: an empty list */
	ot_buf_clear(&out);
	CHECK(ot_status_doc(&out, t, &r, head, NULL) == 0);
	CHECK(has(out.ptr, "\"conflicts\": []\n}\n"));
	ot_buf_release(&out);
	ot_record_conflicts_release(&found);
	ot_record_release(&r);
	ot_tracker_free(t);
}

TEST(member_votes_in_tracker)
{
	ot_tracker *t = council_tracker();
	ot_member_votes v = {0};
	ot_buf out = OT_BUF_INIT;
	CHECK(t != NULL);
	if (!t)
		return;
	/* the last word, any case; by date, then record, then as recorded */
	CHECK(ot_member_votes_find(&v, t, "lee") == 0);
	CHECK_STR(v.member, "Ann Lee");
	CHECK(v.n == 3);
	if (v.n == 3) {
		CHECK_STR(v.items[0].record, "R-2");
		CHECK_STR(v.items[0].date, "2022-01-20");
		CHECK(v.items[0].result == OT_RESULT_PASS);
		CHECK_STR(v.items[1].motion, "Second");
		CHECK(v.items[1].option == OT_VOTE_ABSENT);
		CHECK_STR(v.items[2].motion, "First");
		CHECK(v.items[2].option == OT_VOTE_YES);
	}
	ot_votes_doc(&out, &v);
	CHECK(has(out.ptr,
		  "\"member\": \"Ann Lee\",\n  \"votes\": [\n    {\n      \"date\": \"2022-01-20\",\n"
		  "      \"record\": \"R-2\",\n      \"motion\": \"Refer\",\n      \"option\": \"absent\",\n"
		  "      \"result\": \"pass\"\n    },"));
	ot_member_votes_release(&v);
	CHECK(v.member == NULL && v.n == 0);
	/* a member whose term has ended is still found; one on no roll call */
	CHECK(ot_member_votes_find(&v, t, "Cy Park") == 0);
	CHECK(v.n == 0);
	ot_member_votes_release(&v);
	/* two members' last word, and no member */
	CHECK(ot_member_votes_find(&v, t, "park") == OT_EINVALID);
	CHECK(has(ot_error_last(), "'park' could be"));
	ot_member_votes_release(&v);
	CHECK(ot_member_votes_find(&v, t, "Eve") == OT_ENOTFOUND);
	CHECK(has(ot_error_last(), "unknown member 'Eve'"));
	ot_member_votes_release(&v);
	ot_buf_release(&out);
	ot_tracker_free(t);
}

int main(void)
{
	char cmd[300];
	int rc;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/ordtrack-test-XXXXXX");
	if (!mkdtemp(tmpdir))
		return 2;
	RUN(vote_tally_forms);
	RUN(vote_doc_whole);
	RUN(records_doc_keys_and_nulls);
	RUN(votes_doc_whole);
	RUN(conflicts_doc_whole);
	RUN(members_doc_and_file);
	RUN(members_sort_order);
	RUN(status_doc_in_tracker);
	RUN(member_votes_in_tracker);
	rc = test_summary();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		rc = 1;
	return rc;
}
