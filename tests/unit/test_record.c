/*
 * test_record.c - the record layer reached directly, without the command
 * line: the name tables of status, vote result, threshold and vote option
 * with their parsers; the arithmetic of ot_vote_check_threshold (a table
 * of cases); ot_roll_check against a hand-built council (terms that ended
 * or have not begun, a member named twice, members left out of a complete
 * roll, last-name matching); the record JSON written and read back, and
 * read after hostile edits (each error names the file and frees all it
 * took); the CSV roll-call reader (header, quoting, comments, BOM, line
 * numbers, its errors); and the timeline and last vote of a record.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordtrack/buf.h"
#include "ordtrack/common.h"
#include "ordtrack/record.h"
#include "test.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int err_has(const char *s)
{
	return strstr(ot_error_last(), s) != NULL;
}

/* ---- name tables and parsers ---------------------------------------------- */

TEST(status_names)
{
	int i;
	CHECK_STR(ot_status_names[OT_STATUS_PENDING], "pending");
	CHECK_STR(ot_status_names[OT_STATUS_PASSED], "passed");
	CHECK_STR(ot_status_names[OT_STATUS_FAILED], "failed");
	CHECK_STR(ot_status_names[OT_STATUS_WITHDRAWN], "withdrawn");
	for (i = 0; i < OT_STATUS_N; i++)
		CHECK(ot_status_parse(ot_status_names[i]) == i);
	/* exact names only: no case folding, no neighbours */
	CHECK(ot_status_parse("Passed") == -1);
	CHECK(ot_status_parse("pass") == -1);
	CHECK(ot_status_parse("enacted") == -1);
	CHECK(ot_status_parse("") == -1);
	CHECK(ot_status_parse(NULL) == -1);
}

TEST(vote_result_names)
{
	int i;
	CHECK(ot_vote_result_names[OT_RESULT_NONE] == NULL);
	CHECK_STR(ot_vote_result_names[OT_RESULT_PASS], "pass");
	CHECK_STR(ot_vote_result_names[OT_RESULT_FAIL], "fail");
	for (i = 0; i < OT_RESULT_N; i++)
		if (ot_vote_result_names[i])
			CHECK(ot_vote_result_parse(ot_vote_result_names[i]) == i);
	/* NONE is not parsed, under any name */
	CHECK(ot_vote_result_parse(NULL) == -1);
	CHECK(ot_vote_result_parse("") == -1);
	CHECK(ot_vote_result_parse("none") == -1);
	CHECK(ot_vote_result_parse("passed") == -1);
	CHECK(ot_vote_result_parse("PASS") == -1);
}

TEST(threshold_names)
{
	int i;
	CHECK(ot_threshold_names[OT_THRESHOLD_NONE] == NULL);
	CHECK_STR(ot_threshold_names[OT_THRESHOLD_MAJORITY_OF_MEMBERS], "majority-of-members");
	CHECK_STR(ot_threshold_names[OT_THRESHOLD_MAJORITY_PRESENT], "majority-present");
	CHECK_STR(ot_threshold_names[OT_THRESHOLD_TWO_THIRDS_OF_MEMBERS], "two-thirds-of-members");
	for (i = 0; i < OT_THRESHOLD_N; i++)
		if (ot_threshold_names[i])
			CHECK(ot_threshold_parse(ot_threshold_names[i]) == i);
	CHECK(ot_threshold_parse(NULL) == -1);
	CHECK(ot_threshold_parse("") == -1);
	CHECK(ot_threshold_parse("none") == -1);
	CHECK(ot_threshold_parse("majority") == -1);
	CHECK(ot_threshold_parse("two-thirds") == -1);
}

TEST(vote_option_names)
{
	static const struct {
		const char *word;
		int opt;
	} cases[] = {
	    {"yes", OT_VOTE_YES},
	    {"Y", OT_VOTE_YES},
	    {"aye", OT_VOTE_YES},
	    {"AYE", OT_VOTE_YES},
	    {"yea", OT_VOTE_YES},
	    {"no", OT_VOTE_NO},
	    {"n", OT_VOTE_NO},
	    {"Nay", OT_VOTE_NO},
	    {"abstain", OT_VOTE_ABSTAIN},
	    {"Absent", OT_VOTE_ABSENT},
	    {"excused", OT_VOTE_EXCUSED},
	    {"not-voting", OT_VOTE_NOT_VOTING},
	    {"not voting", OT_VOTE_NOT_VOTING},
	    {"Not_Voting", OT_VOTE_NOT_VOTING},
	    {"nv", OT_VOTE_NOT_VOTING},
	    {"NV", OT_VOTE_NOT_VOTING},
	    {"maybe", -1},
	    {"", -1},
	    {"yes ", -1},
	    {"not  voting", -1},
	    {"abstaining", -1},
	    {"paired", -1},
	    /* Legistar's and eLMS's words (docs/record-formats.md) */
	    {"Affirmative", OT_VOTE_YES},
	    {"Rising Vote", OT_VOTE_YES},
	    {"Negative", OT_VOTE_NO},
	    {"Abstained", OT_VOTE_ABSTAIN},
	    {"Present", OT_VOTE_ABSTAIN},
	    {"Recused", OT_VOTE_EXCUSED},
	    {"Conflict", OT_VOTE_ABSENT},
	    {"Did Not Vote", OT_VOTE_NOT_VOTING},
	};
	size_t i;
	int j;
	CHECK_STR(ot_vote_option_names[OT_VOTE_YES], "yes");
	CHECK_STR(ot_vote_option_names[OT_VOTE_NO], "no");
	CHECK_STR(ot_vote_option_names[OT_VOTE_ABSTAIN], "abstain");
	CHECK_STR(ot_vote_option_names[OT_VOTE_ABSENT], "absent");
	CHECK_STR(ot_vote_option_names[OT_VOTE_EXCUSED], "excused");
	CHECK_STR(ot_vote_option_names[OT_VOTE_NOT_VOTING], "not-voting");
	for (j = 0; j < OT_VOTE_NOPTIONS; j++)
		CHECK(ot_vote_option_parse(ot_vote_option_names[j]) == j);
	for (i = 0; i < NELEM(cases); i++)
		if (ot_vote_option_parse(cases[i].word) != cases[i].opt) {
			printf("#   option '%s' parsed as %d\n", cases[i].word,
			       ot_vote_option_parse(cases[i].word));
			CHECK(!"option parsed wrongly");
		}
}

/* ---- ot_vote_check_threshold ---------------------------------------------- */

typedef struct threshold_case {
	size_t members;
	ot_threshold threshold;
	ot_vote_result result;
	size_t yes, no, abstain, absent;
	const char *error; /* NULL: consistent; else a phrase of the message */
	const char *error2;
} threshold_case;

static const threshold_case threshold_cases[] = {
    /* no rule: a pass needs more yes than no, a fail is never contradicted */
    {0, OT_THRESHOLD_NONE, OT_RESULT_PASS, 21, 20, 0, 0, NULL, NULL},
    {0, OT_THRESHOLD_NONE, OT_RESULT_PASS, 20, 20, 0, 0,
     "the result is 'pass' but the roll has 20 yes and 20 no", NULL},
    {0, OT_THRESHOLD_NONE, OT_RESULT_PASS, 3, 5, 0, 0, "has 3 yes and 5 no", NULL},
    {0, OT_THRESHOLD_NONE, OT_RESULT_PASS, 0, 0, 0, 0, "has 0 yes and 0 no", NULL},
    {0, OT_THRESHOLD_NONE, OT_RESULT_FAIL, 20, 20, 0, 0, NULL, NULL},
    {0, OT_THRESHOLD_NONE, OT_RESULT_FAIL, 30, 2, 0, 0, NULL, NULL},
    /* majority of members: more than half of all members, present or not */
    {50, OT_THRESHOLD_MAJORITY_OF_MEMBERS, OT_RESULT_PASS, 26, 0, 0, 24, NULL, NULL},
    {50, OT_THRESHOLD_MAJORITY_OF_MEMBERS, OT_RESULT_PASS, 25, 0, 0, 25, "contradicts the counts",
     "25 yes of 50 members; a majority of members is 26, so the motion fails"},
    {50, OT_THRESHOLD_MAJORITY_OF_MEMBERS, OT_RESULT_FAIL, 25, 24, 1, 0, NULL, NULL},
    {50, OT_THRESHOLD_MAJORITY_OF_MEMBERS, OT_RESULT_FAIL, 26, 10, 0, 14,
     "the result 'fail' contradicts the counts", "so the motion passes"},
    {51, OT_THRESHOLD_MAJORITY_OF_MEMBERS, OT_RESULT_PASS, 26, 25, 0, 0, NULL, NULL},
    {51, OT_THRESHOLD_MAJORITY_OF_MEMBERS, OT_RESULT_PASS, 25, 1, 0, 25, "a majority of members is 26", NULL},
    /* majority present: yes + no + abstain are present; absent are not */
    {50, OT_THRESHOLD_MAJORITY_PRESENT, OT_RESULT_PASS, 10, 5, 4, 31, NULL, NULL},
    {50, OT_THRESHOLD_MAJORITY_PRESENT, OT_RESULT_PASS, 10, 5, 5, 30, "contradicts the counts",
     "10 yes of 20 present and voting; a majority is 11"},
    {50, OT_THRESHOLD_MAJORITY_PRESENT, OT_RESULT_FAIL, 10, 5, 5, 30, NULL, NULL},
    {50, OT_THRESHOLD_MAJORITY_PRESENT, OT_RESULT_PASS, 10, 9, 0, 31, NULL, NULL},
    {50, OT_THRESHOLD_MAJORITY_PRESENT, OT_RESULT_FAIL, 10, 9, 0, 31,
     "the result 'fail' contradicts the counts",
     "10 yes of 19 present and voting; a majority is 10, so the motion passes"},
    /* two thirds of members: ceil(2 * members / 3) */
    {50, OT_THRESHOLD_TWO_THIRDS_OF_MEMBERS, OT_RESULT_PASS, 34, 16, 0, 0, NULL, NULL},
    {50, OT_THRESHOLD_TWO_THIRDS_OF_MEMBERS, OT_RESULT_PASS, 33, 0, 0, 17, "contradicts the counts",
     "33 yes of 50 members; two thirds is 34"},
    {50, OT_THRESHOLD_TWO_THIRDS_OF_MEMBERS, OT_RESULT_FAIL, 33, 17, 0, 0, NULL, NULL},
    {3, OT_THRESHOLD_TWO_THIRDS_OF_MEMBERS, OT_RESULT_PASS, 2, 1, 0, 0, NULL, NULL},
    {3, OT_THRESHOLD_TWO_THIRDS_OF_MEMBERS, OT_RESULT_PASS, 1, 0, 0, 2, "1 yes of 3 members; two thirds is 2",
     NULL},
    {3, OT_THRESHOLD_TWO_THIRDS_OF_MEMBERS, OT_RESULT_FAIL, 2, 0, 0, 1, "so the motion passes", NULL},
    {9, OT_THRESHOLD_TWO_THIRDS_OF_MEMBERS, OT_RESULT_PASS, 6, 3, 0, 0, NULL, NULL},
    {9, OT_THRESHOLD_TWO_THIRDS_OF_MEMBERS, OT_RESULT_FAIL, 5, 4, 0, 0, NULL, NULL},
    /* no result: always an error, whatever the rule */
    {50, OT_THRESHOLD_MAJORITY_OF_MEMBERS, OT_RESULT_NONE, 30, 0, 0, 0, "needs its result", NULL},
    {0, OT_THRESHOLD_NONE, OT_RESULT_NONE, 30, 0, 0, 0, "needs its result, pass or fail", NULL},
};

TEST(threshold_table)
{
	size_t i;
	for (i = 0; i < NELEM(threshold_cases); i++) {
		const threshold_case *c = &threshold_cases[i];
		ot_vote v;
		int rc;
		memset(&v, 0, sizeof(v));
		v.result = c->result;
		v.threshold = c->threshold;
		v.counts[OT_VOTE_YES] = c->yes;
		v.counts[OT_VOTE_NO] = c->no;
		v.counts[OT_VOTE_ABSTAIN] = c->abstain;
		v.counts[OT_VOTE_ABSENT] = c->absent;
		ot_error_clear();
		rc = ot_vote_check_threshold(&v, c->members);
		if (c->error ? rc != OT_EINVALID || !err_has(c->error) || (c->error2 && !err_has(c->error2))
			     : rc != 0) {
			printf("#   threshold case %zu: rc %d, message '%s'\n", i, rc, ot_error_last());
			CHECK(!"threshold case");
		}
	}
}

/* ---- ot_roll_check --------------------------------------------------------- */

/* The council on the vote date 2024-03-01: Ann Lee, Dee Park, Eve Stone
 * (whose term ends that day) and the mayor serve; Bo Diaz left at the end
 * of 2023; Cy Park starts in June. */
static ot_member council_items[] = {
    {(char *)"Ann Lee", 1, NULL, NULL, NULL, 0, 0},
    {(char *)"Bo Diaz", 2, (char *)"2020-01-01", (char *)"2023-12-31", NULL, 0, 0},
    {(char *)"Cy Park", 3, (char *)"2024-06-01", NULL, NULL, 0, 0},
    {(char *)"Dee Park", 4, NULL, NULL, NULL, 0, 0},
    {(char *)"Eve Stone", 5, (char *)"2021-01-01", (char *)"2024-03-01", NULL, 0, 0},
    {(char *)"Ray Ochoa", 0, NULL, NULL, NULL, 0, 0},
};
static const ot_members council = {council_items, NELEM(council_items), NELEM(council_items)};

#define VOTE_DAY "2024-03-01"

TEST(roll_find_and_serving)
{
	CHECK(ot_members_serving(&council, VOTE_DAY) == 4);
	CHECK(ot_members_serving(&council, "2023-12-31") == 5); /* Bo's last day, Eve serving */
	CHECK(ot_members_serving(&council, "2024-06-01") == 4); /* Cy in, Bo and Eve out */
	CHECK(ot_members_find(&council, "ann lee", VOTE_DAY) == &council_items[0]);
	CHECK(ot_members_find(&council, "Lee", VOTE_DAY) == &council_items[0]);
	CHECK(ot_members_find(&council, "Ann", VOTE_DAY) == NULL); /* the last word only */
	/* "Park" is Dee alone before June, ambiguous after */
	CHECK(ot_members_find(&council, "Park", VOTE_DAY) == &council_items[3]);
	CHECK(ot_members_find(&council, "Park", "2024-07-01") == NULL);
	CHECK(ot_members_find(&council, "Cy Park", "2024-07-01") == &council_items[2]);
	CHECK(ot_members_find(&council, "Cy Park", VOTE_DAY) == NULL);
	CHECK(ot_members_find(&council, "Bo Diaz", VOTE_DAY) == NULL);
	CHECK(ot_members_find(&council, "Bo Diaz", "2023-12-31") == &council_items[1]);
	CHECK(ot_members_find(&council, "Eve Stone", VOTE_DAY) == &council_items[4]);
	CHECK(ot_members_find(&council, "Stone", "2024-03-02") == NULL);
	/* a name with a space must match in full */
	CHECK(ot_members_find(&council, "A. Lee", VOTE_DAY) == NULL);
}

/* Names as Legistar, eLMS and OCD give them */
TEST(member_name_forms)
{
	static ot_member items[] = {
	    {(char *)"Carlos Ramirez-Rosa", 35, NULL, NULL, NULL, 0, 0},
	    {(char *)"Nicholas Sposato", 38, NULL, NULL, NULL, 0, 0},
	    {(char *)"Walter Burnett Jr.", 27, NULL, NULL, NULL, 0, 0},
	    {(char *)"Ann Lee", 1, NULL, NULL, NULL, 0, 0},
	    {(char *)"Ann M. Lee", 2, NULL, NULL, NULL, 0, 0},
	};
	const ot_members ms = {items, NELEM(items), NELEM(items)};
	CHECK(ot_members_find(&ms, "Ramirez-Rosa, Carlos", VOTE_DAY) == &items[0]);
	CHECK(ot_members_find(&ms, "Ramirez-Rosa, Carlos M.", VOTE_DAY) == &items[0]);
	CHECK(ot_members_find(&ms, "Ald. Carlos Ramirez-Rosa", VOTE_DAY) == &items[0]);
	CHECK(ot_members_find(&ms, "Alderman Ramirez-Rosa", VOTE_DAY) == &items[0]);
	CHECK(ot_members_find(&ms, "Council Member Carlos Ramirez-Rosa", VOTE_DAY) == &items[0]);
	CHECK(ot_members_find(&ms, "SPOSATO, NICHOLAS", VOTE_DAY) == &items[1]);
	CHECK(ot_members_find(&ms, "Burnett, Walter", VOTE_DAY) == &items[2]);
	CHECK(ot_members_find(&ms, "Walter Burnett, Jr.", VOTE_DAY) == &items[2]);
	CHECK(ot_members_find(&ms, "Burnett", VOTE_DAY) == &items[2]);
	/* two people who read the same: refused, never a guess */
	CHECK(ot_members_find(&ms, "Lee, Ann", VOTE_DAY) == NULL);
	CHECK(ot_members_find(&ms, "Lee", VOTE_DAY) == NULL);
	CHECK(ot_members_find(&ms, "Ann Lee", VOTE_DAY) == &items[3]); /* the exact name */
	/* a different first name is someone else */
	CHECK(ot_members_find(&ms, "Ramirez-Rosa, Carla", VOTE_DAY) == NULL);
	CHECK(ot_members_find(&ms, "", VOTE_DAY) == NULL);
	CHECK(ot_members_find(&ms, "Ald.", VOTE_DAY) == NULL);
}

TEST(roll_clean)
{
	ot_roll_entry roll[] = {
	    {(char *)"Ann Lee", OT_VOTE_YES},
	    {(char *)"Park", OT_VOTE_NO},
	    {(char *)"eve stone", OT_VOTE_ABSTAIN},
	    {(char *)"Ray Ochoa", OT_VOTE_EXCUSED},
	};
	ot_roll_report rep;
	CHECK(ot_roll_check(&rep, &council, roll, NELEM(roll), VOTE_DAY, 1) == 0);
	CHECK(rep.n == 0);
	ot_roll_report_release(&rep);
	CHECK(ot_roll_check(&rep, &council, roll, 2, VOTE_DAY, 0) == 0);
	CHECK(rep.n == 0);
	ot_roll_report_release(&rep);
	/* an empty roll is sound unless it must be complete */
	CHECK(ot_roll_check(&rep, &council, NULL, 0, VOTE_DAY, 0) == 0);
	ot_roll_report_release(&rep);
	CHECK(ot_roll_check(&rep, &council, NULL, 0, VOTE_DAY, 1) == 4);
	ot_roll_report_release(&rep);
}

TEST(roll_problems)
{
	ot_roll_entry roll[] = {
	    {(char *)"Bo Diaz", OT_VOTE_YES}, /* 0: term ended 2023-12-31 */
	    {(char *)"Cy Park", OT_VOTE_NO},  /* 1: starts 2024-06-01 */
	    {(char *)"Ann Lee", OT_VOTE_YES}, /* 2 */
	    {(char *)"Lee", OT_VOTE_NO},      /* 3: Ann Lee again */
	    {(char *)"Ghost", OT_VOTE_YES},   /* 4: nobody */
	    {(char *)"ANN LEE", OT_VOTE_YES}, /* 5: a third time; first is still 2 */
	};
	ot_roll_report rep;
	size_t n = ot_roll_check(&rep, &council, roll, NELEM(roll), VOTE_DAY, 0);
	CHECK(n == 5);
	CHECK(rep.n == n);
	if (rep.n == 5) {
		CHECK(rep.items[0].kind == OT_ROLL_NOT_SERVING);
		CHECK(rep.items[0].entry == 0);
		CHECK(rep.items[0].member == NULL);
		CHECK(rep.items[1].kind == OT_ROLL_NOT_SERVING);
		CHECK(rep.items[1].entry == 1);
		CHECK(rep.items[2].kind == OT_ROLL_TWICE);
		CHECK(rep.items[2].entry == 3);
		CHECK(rep.items[2].first == 2);
		CHECK(rep.items[2].member == &council_items[0]);
		CHECK(rep.items[3].kind == OT_ROLL_NOT_SERVING);
		CHECK(rep.items[3].entry == 4);
		CHECK(rep.items[4].kind == OT_ROLL_TWICE);
		CHECK(rep.items[4].entry == 5);
		CHECK(rep.items[4].first == 2);
		CHECK(rep.items[4].member == &council_items[0]);
	}
	ot_roll_report_release(&rep);
	CHECK(rep.items == NULL && rep.n == 0);

	/* complete: the same, then the serving members left out in council
	 * order (Dee Park, Eve Stone, Ray Ochoa; not Bo or Cy) */
	n = ot_roll_check(&rep, &council, roll, NELEM(roll), VOTE_DAY, 1);
	CHECK(n == 8);
	if (rep.n == 8) {
		CHECK(rep.items[4].kind == OT_ROLL_TWICE);
		CHECK(rep.items[5].kind == OT_ROLL_LEFT_OUT);
		CHECK(rep.items[5].member == &council_items[3]);
		CHECK(rep.items[6].kind == OT_ROLL_LEFT_OUT);
		CHECK(rep.items[6].member == &council_items[4]);
		CHECK(rep.items[7].kind == OT_ROLL_LEFT_OUT);
		CHECK(rep.items[7].member == &council_items[5]);
	}
	ot_roll_report_release(&rep);

	/* after June "Park" names two serving members: not found */
	{
		ot_roll_entry later[] = {{(char *)"Park", OT_VOTE_YES}, {(char *)"Cy Park", OT_VOTE_YES}};
		n = ot_roll_check(&rep, &council, later, NELEM(later), "2024-07-01", 0);
		CHECK(n == 1);
		if (rep.n == 1) {
			CHECK(rep.items[0].kind == OT_ROLL_NOT_SERVING);
			CHECK(rep.items[0].entry == 0);
		}
		ot_roll_report_release(&rep);
	}
	ot_roll_report_release(NULL);
}

/* ---- record JSON ----------------------------------------------------------- */

#define REC_FILE "records/SO2024-7.json"

static char *rec_ordinances[] = {(char *)"10-8", (char *)"10-9"};
static char *rec_sponsors[] = {(char *)"Ann Lee", (char *)"Dee Park"};
static ot_record_version rec_versions[] = {
    {1, (char *)"2024-01-10", OT_STAGE_INTRODUCED},
    {2, (char *)"2024-02-20", OT_STAGE_AMENDED},
};
/* The actions go in through the JSON (in canonical form), so that this
 * file does not depend on how ot_action holds its type. */
static const char rec_actions_json[] = "\"actions\": [\n"
				       "    {\n"
				       "      \"body\": null,\n"
				       "      \"date\": \"2024-01-10\",\n"
				       "      \"text\": null,\n"
				       "      \"type\": \"introduction\"\n"
				       "    },\n"
				       "    {\n"
				       "      \"body\": \"Committee on Traffic\",\n"
				       "      \"date\": \"2024-02-15\",\n"
				       "      \"text\": \"Recommended\",\n"
				       "      \"type\": \"committee-passage\"\n"
				       "    },\n"
				       "    {\n"
				       "      \"body\": \"City Council\",\n"
				       "      \"date\": \"2024-03-01\",\n"
				       "      \"text\": null,\n"
				       "      \"type\": \"passage\"\n"
				       "    }\n"
				       "  ]";
static ot_roll_entry rec_roll[] = {
    {(char *)"Ann Lee", OT_VOTE_YES},	    {(char *)"Dee \"DJ\" Park", OT_VOTE_YES},
    {(char *)"Eve Stone", OT_VOTE_ABSTAIN}, {(char *)"Ray Ochoa", OT_VOTE_NOT_VOTING},
    {(char *)"Bo Diaz", OT_VOTE_NO},
};

/* A passed record with two versions and one vote (pass, majority of
 * members, counts that match the roll); no actions (see sample_json).
 * Borrowed strings: never released. */
static ot_record sample_record(ot_vote *vt)
{
	ot_record r;
	memset(&r, 0, sizeof(r));
	memset(vt, 0, sizeof(*vt));
	r.id = (char *)"SO2024-7";
	r.type = OT_RECORD_ORDINANCE;
	r.title = (char *)"Residential parking, zone 4";
	r.status = OT_STATUS_PASSED;
	r.introduced = (char *)"2024-01-10";
	r.base = (char *)"0123456789abcdef0123456789abcdef01234567";
	r.closed = (char *)"2024-03-01";
	r.effective = (char *)"2024-04-01";
	r.ordinances = rec_ordinances;
	r.nordinances = NELEM(rec_ordinances);
	r.sponsors = rec_sponsors;
	r.nsponsors = NELEM(rec_sponsors);
	r.versions = rec_versions;
	r.nversions = NELEM(rec_versions);
	vt->date = (char *)"2024-03-01";
	vt->motion = (char *)"Pass as amended";
	vt->result = OT_RESULT_PASS;
	vt->threshold = OT_THRESHOLD_MAJORITY_OF_MEMBERS;
	vt->roll = rec_roll;
	vt->nroll = NELEM(rec_roll);
	vt->counts[OT_VOTE_YES] = 2;
	vt->counts[OT_VOTE_NO] = 1;
	vt->counts[OT_VOTE_ABSTAIN] = 1;
	vt->counts[OT_VOTE_NOT_VOTING] = 1;
	r.votes = vt;
	r.nvotes = 1;
	return r;
}

/* The JSON of r with the three actions of rec_actions_json put in. */
static void sample_json(ot_buf *out, const ot_record *r)
{
	ot_buf plain = OT_BUF_INIT;
	const char *at;
	ot_record_to_json(&plain, r);
	at = strstr(plain.ptr, "\"actions\": []");
	if (!at) {
		ot_buf_puts(out, plain.ptr);
		ot_buf_release(&plain);
		return;
	}
	ot_buf_put(out, plain.ptr, (size_t)(at - plain.ptr));
	ot_buf_puts(out, rec_actions_json);
	ot_buf_puts(out, at + strlen("\"actions\": []"));
	ot_buf_release(&plain);
}

TEST(record_json_round_trip)
{
	ot_vote vt;
	ot_record r = sample_record(&vt), back;
	ot_buf out = OT_BUF_INIT, again = OT_BUF_INIT;
	size_t i;

	sample_json(&out, &r);
	CHECK(out.len > 0 && out.ptr[out.len - 1] == '\n');
	CHECK(strstr(out.ptr, "\"format\": \"ordtrack-record/1\"") != NULL);
	CHECK(strstr(out.ptr, "\"status\": \"passed\"") != NULL);
	CHECK(strstr(out.ptr, "\"result\": \"pass\"") != NULL);
	CHECK(strstr(out.ptr, "\"threshold\": \"majority-of-members\"") != NULL);
	CHECK(strstr(out.ptr, "\"forced\": null") != NULL);
	CHECK(strstr(out.ptr, "\"option\": \"not-voting\"") != NULL);
	/* sorted keys: "actions" opens the object, "votes" closes it */
	CHECK(strncmp(out.ptr, "{\n  \"actions\": [", 16) == 0);

	CHECK(ot_record_from_json(&back, out.ptr, out.len, REC_FILE) == 0);
	CHECK_STR(back.id, "SO2024-7");
	CHECK(back.type == OT_RECORD_ORDINANCE);
	CHECK_STR(back.title, "Residential parking, zone 4");
	CHECK(back.status == OT_STATUS_PASSED);
	CHECK_STR(back.introduced, "2024-01-10");
	CHECK_STR(back.base, r.base);
	CHECK_STR(back.closed, "2024-03-01");
	CHECK_STR(back.effective, "2024-04-01");
	CHECK(back.nordinances == 2);
	if (back.nordinances == 2)
		CHECK_STR(back.ordinances[1], "10-9");
	CHECK(back.nsponsors == 2);
	if (back.nsponsors == 2)
		CHECK_STR(back.sponsors[1], "Dee Park");
	CHECK(back.nversions == 2);
	if (back.nversions == 2) {
		CHECK(back.versions[1].number == 2);
		CHECK_STR(back.versions[1].date, "2024-02-20");
		CHECK(back.versions[1].stage == OT_STAGE_AMENDED);
	}
	CHECK(back.nactions == 3);
	if (back.nactions == 3) {
		CHECK_STR(back.actions[1].date, "2024-02-15");
		CHECK_STR(back.actions[1].body, "Committee on Traffic");
		CHECK_STR(back.actions[1].text, "Recommended");
		CHECK(back.actions[0].body == NULL && back.actions[0].text == NULL);
	}
	CHECK(back.nvotes == 1);
	if (back.nvotes == 1) {
		const ot_vote *b = &back.votes[0];
		CHECK_STR(b->date, "2024-03-01");
		CHECK_STR(b->motion, "Pass as amended");
		CHECK(b->result == OT_RESULT_PASS);
		CHECK(b->threshold == OT_THRESHOLD_MAJORITY_OF_MEMBERS);
		CHECK(b->forced == NULL);
		for (i = 0; i < OT_VOTE_NOPTIONS; i++)
			CHECK(b->counts[i] == vt.counts[i]);
		CHECK(b->nroll == NELEM(rec_roll));
		for (i = 0; i < b->nroll && i < NELEM(rec_roll); i++) {
			CHECK_STR(b->roll[i].name, rec_roll[i].name);
			CHECK(b->roll[i].option == rec_roll[i].option);
		}
	}
	/* canonical: what was read writes the same bytes */
	ot_record_to_json(&again, &back);
	CHECK_STR(again.ptr, out.ptr);
	ot_record_release(&back);
	CHECK(back.id == NULL && back.nvotes == 0);
	ot_buf_release(&again);
	ot_buf_release(&out);
}

TEST(record_json_pending_no_threshold)
{
	/* a pending record: no closing dates, a failed vote with no rule and
	 * a forced reason, an empty roll (counts stand alone then) */
	ot_vote vt;
	ot_record r = sample_record(&vt), back;
	ot_buf out = OT_BUF_INIT;
	r.status = OT_STATUS_PENDING;
	r.closed = NULL;
	r.effective = NULL;
	vt.result = OT_RESULT_FAIL;
	vt.threshold = OT_THRESHOLD_NONE;
	vt.forced = (char *)"clerk's tally";
	vt.nroll = 0;
	ot_record_to_json(&out, &r);
	CHECK(strstr(out.ptr, "\"threshold\": null") != NULL);
	CHECK(strstr(out.ptr, "\"closed\": null") != NULL);
	CHECK(ot_record_from_json(&back, out.ptr, out.len, REC_FILE) == 0);
	CHECK(back.status == OT_STATUS_PENDING);
	CHECK(back.closed == NULL && back.effective == NULL);
	CHECK(back.nvotes == 1);
	if (back.nvotes == 1) {
		CHECK(back.votes[0].result == OT_RESULT_FAIL);
		CHECK(back.votes[0].threshold == OT_THRESHOLD_NONE);
		CHECK_STR(back.votes[0].forced, "clerk's tally");
		CHECK(back.votes[0].nroll == 0);
		CHECK(back.votes[0].counts[OT_VOTE_YES] == 2);
	}
	ot_record_release(&back);
	ot_buf_release(&out);
}

/* s with the first `from` replaced by `to` (malloc'd), or NULL when s does
 * not hold `from`. */
static char *replaced(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	size_t lf = strlen(from), lt = strlen(to), ls = strlen(s);
	char *out;
	if (!at)
		return NULL;
	out = malloc(ls - lf + lt + 1);
	if (!out)
		return NULL;
	memcpy(out, s, (size_t)(at - s));
	memcpy(out + (at - s), to, lt);
	memcpy(out + (at - s) + lt, at + lf, ls - (size_t)(at - s) - lf + 1);
	return out;
}

/* Read `text` as REC_FILE: it must fail with OT_EINVALID, a message that
 * names the file and holds `phrase`, and leave *r empty. */
static int rejects(const char *text, const char *phrase)
{
	ot_record r;
	int rc, ok;
	ot_error_clear();
	rc = ot_record_from_json(&r, text, strlen(text), REC_FILE);
	ok = rc == OT_EINVALID && err_has(REC_FILE) && err_has(phrase) && r.id == NULL && r.nvotes == 0 &&
	     r.nversions == 0;
	if (!ok)
		printf("#   rc %d, message '%s' (wanted '%s')\n", rc, ot_error_last(), phrase);
	ot_record_release(&r);
	return ok;
}

TEST(record_json_hostile)
{
	static const struct {
		const char *from, *to, *phrase;
	} edits[] = {
	    {"\"status\": \"passed\"", "\"status\": \"enacted\"", "unknown status 'enacted'"},
	    {"\"status\": \"passed\"", "\"status\": null", "field 'status' is missing or not a string"},
	    {"\"result\": \"pass\"", "\"result\": \"carried\"", "unknown result 'carried'"},
	    {"\"result\": \"pass\"", "\"result\": null", "field 'result' is missing"},
	    {"\"threshold\": \"majority-of-members\"", "\"threshold\": \"unanimous\"",
	     "unknown threshold 'unanimous'"},
	    {"\"yes\": 2", "\"yes\": 3", "counts do not match its roll call"},
	    {"\"no\": 1", "\"no\": 0", "do not match"},
	    {"\"yes\": 2", "\"yes\": -2", "a vote count is missing, negative or absurd"},
	    {"\"option\": \"abstain\"", "\"option\": \"maybe\"", "lacks a name or a known option"},
	    {"\"version\": 2", "\"version\": 3", "versions are not numbered 1, 2"},
	    {"\"version\": 1", "\"version\": \"1\"", "versions are not numbered"},
	    {"\"introduced\": \"2024-01-10\"", "\"introduced\": \"2024-02-30\"",
	     "field 'introduced' is not a valid date"},
	    {"\"closed\": \"2024-03-01\"", "\"closed\": \"March 1\"", "field 'closed' is not a valid date"},
	    {"\"date\": \"2024-02-20\"", "\"date\": \"2024-2-20\"", "field 'date' is not a valid date"},
	    {"\"id\": \"SO2024-7\"", "\"id\": \"../SO2024-7\"", "the record id is not a safe name"},
	    {"\"id\": \"SO2024-7\"", "\"id\": \"SO 7\"", "the record id is not a safe name"},
	    {"\"10-9\"", "\"10/9\"", "an ordinance id is not a safe name"},
	    {"\"sponsors\": [", "\"sponsors\": [\n    3,", "field 'sponsors' holds a non-string"},
	    {"{\n  \"actions\"", "{\n  \"title\": \"Twice\",\n  \"actions\"", "duplicate"},
	    {"\"votes\": [", "\"votes\": 3, \"x\": [", "field 'votes' is missing"},
	};
	ot_vote vt;
	ot_record r = sample_record(&vt);
	ot_buf out = OT_BUF_INIT;
	size_t i;

	sample_json(&out, &r);
	for (i = 0; i < NELEM(edits); i++) {
		char *text = replaced(out.ptr, edits[i].from, edits[i].to);
		CHECK(text != NULL);
		if (!text)
			continue;
		if (!rejects(text, edits[i].phrase)) {
			printf("#   edit %zu: %s -> %s\n", i, edits[i].from, edits[i].to);
			CHECK(!"hostile edit accepted or misreported");
		}
		free(text);
	}
	/* not an object, not JSON, nothing */
	CHECK(rejects("[1, 2]\n", "not a JSON object"));
	CHECK(rejects("\"SO2024-7\"", REC_FILE ":1: '[' or '{' expected"));
	CHECK(rejects("{\"id\": ", REC_FILE ":1:"));
	CHECK(rejects("", REC_FILE));
	/* an object lacking everything: the first missing field is named */
	CHECK(rejects("{}", "field 'id' is missing or not a string"));
	ot_buf_release(&out);
}

/*
 * When a record file has two problems the first is reported: later
 * checks (a date, a safe name) set the library's error themselves, and the
 * reader must set its first message again at the end (src/record.c,
 * reader.msg and finish()).  A file with an unknown status and a bad
 * date, or a bad title and an unsafe id, names the file and the first
 * problem.
 */
TEST(record_json_two_problems_keep_first_message)
{
	ot_vote vt;
	ot_record r = sample_record(&vt);
	ot_buf out = OT_BUF_INIT;
	char *one, *two;

	sample_json(&out, &r);
	one = replaced(out.ptr, "\"status\": \"passed\"", "\"status\": \"enacted\"");
	two = one ? replaced(one, "\"introduced\": \"2024-01-10\"", "\"introduced\": \"2024-02-30\"") : NULL;
	CHECK(two != NULL);
	if (two)
		CHECK(rejects(two, "unknown status 'enacted'"));
	free(two);
	free(one);
	one = replaced(out.ptr, "\"title\": \"Residential parking, zone 4\"", "\"title\": 7");
	two = one ? replaced(one, "\"id\": \"SO2024-7\"", "\"id\": \"../x\"") : NULL;
	CHECK(two != NULL);
	if (two)
		CHECK(rejects(two, "field 'title' is missing or not a string"));
	free(two);
	free(one);
	ot_buf_release(&out);
}

/* ---- ot_roll_csv_read ------------------------------------------------------ */

TEST(roll_csv_read)
{
	static const char text[] = "\xEF\xBB\xBF"
				   "name,option\r\n"		      /* 1: the header */
				   "# council roll, 2024-03-01\r\n"   /* 2 */
				   "\r\n"			      /* 3 */
				   "\"Lee, Ann\",yes\r\n"	      /* 4 */
				   "\"Dee \"\"DJ\"\" Park\", Nay\r\n" /* 5 */
				   "  Eve Stone\t, not voting \r\n"   /* 6 */
				   "   \n"			      /* 7 */
				   "  # indented comment\n"	      /* 8 */
				   "Jos\xC3\xA9 D\xC3\xAD"
				   "az,ABSTAIN"; /* 9, no final newline */
	ot_roll_entry *items = NULL;
	size_t *lines = NULL, n = 0, i;

	CHECK(ot_roll_csv_read(&items, &lines, &n, text, sizeof(text) - 1, "roll.csv") == 0);
	CHECK(n == 4);
	if (n == 4) {
		CHECK_STR(items[0].name, "Lee, Ann");
		CHECK(items[0].option == OT_VOTE_YES);
		CHECK(lines[0] == 4);
		CHECK_STR(items[1].name, "Dee \"DJ\" Park");
		CHECK(items[1].option == OT_VOTE_NO);
		CHECK(lines[1] == 5);
		CHECK_STR(items[2].name, "Eve Stone");
		CHECK(items[2].option == OT_VOTE_NOT_VOTING);
		CHECK(lines[2] == 6);
		CHECK_STR(items[3].name, "Jos\xC3\xA9 D\xC3\xAD"
					 "az");
		CHECK(items[3].option == OT_VOTE_ABSTAIN);
		CHECK(lines[3] == 9);
	}
	for (i = 0; i < n; i++)
		free(items[i].name);
	free(items);
	free(lines);

	/* no header: the first line is data; a quoted header is a header */
	CHECK(ot_roll_csv_read(&items, &lines, &n, "Ann Lee,y\n", 10, "r.csv") == 0);
	CHECK(n == 1 && lines[0] == 1 && strcmp(items[0].name, "Ann Lee") == 0 &&
	      items[0].option == OT_VOTE_YES);
	for (i = 0; i < n; i++)
		free(items[i].name);
	free(items);
	free(lines);
	CHECK(ot_roll_csv_read(&items, &lines, &n, "\"Name\",\"Option\"\n\"A, B\",aye\n", 26, "r.csv") == 0);
	CHECK(n == 1 && lines[0] == 2 && strcmp(items[0].name, "A, B") == 0);
	for (i = 0; i < n; i++)
		free(items[i].name);
	free(items);
	free(lines);
	/* Legistar's export: "Person Name,Vote" and its words */
	{
		static const char leg[] = "Person Name,Vote\nDaniel La Spata,Affirmative\nAnthony Beale,Negative\n";
		CHECK(ot_roll_csv_read(&items, &lines, &n, leg, sizeof(leg) - 1, "r.csv") == 0);
		CHECK(n == 2 && lines[0] == 2 && items[0].option == OT_VOTE_YES && items[1].option == OT_VOTE_NO);
		for (i = 0; i < n; i++)
			free(items[i].name);
		free(items);
		free(lines);
	}
}

/* data must be rejected as `name` with a message holding `phrase`, and
 * nothing returned. */
static int csv_rejects(const char *data, size_t len, const char *phrase)
{
	ot_roll_entry *items = (ot_roll_entry *)&items;
	size_t *lines = (size_t *)&lines, n = 99;
	int rc, ok;
	ot_error_clear();
	rc = ot_roll_csv_read(&items, &lines, &n, data, len, "roll.csv");
	ok = rc == OT_EINVALID && err_has(phrase) && items == NULL && lines == NULL && n == 0;
	if (!ok) {
		printf("#   rc %d, message '%s' (wanted '%s')\n", rc, ot_error_last(), phrase);
		if (rc == 0) {
			size_t i;
			for (i = 0; i < n; i++)
				free(items[i].name);
			free(items);
			free(lines);
		}
	}
	return ok;
}

#define CSV_REJECTS(lit, phrase) CHECK(csv_rejects(lit, sizeof(lit) - 1, phrase))

TEST(roll_csv_errors)
{
	CSV_REJECTS("name,option\nAnn Lee,yes\nBo Diaz,maybe\n",
		    "roll.csv:3: unknown vote option 'maybe' for Bo Diaz");
	/* the header only counts as the first line */
	CSV_REJECTS("Ann Lee,yes\nname,option\n", "roll.csv:2: unknown vote option 'option' for name");
	CSV_REJECTS("Ann Lee,yes\nB\xC3(o Diaz,no\n", "roll.csv:2: not valid UTF-8");
	CSV_REJECTS("# c\n\n\nAnn Lee,yes\xC0\xAF\n", "roll.csv:4: not valid UTF-8");
	CSV_REJECTS("Ann Lee,yes\n\0,no\n", "roll.csv:2: not valid UTF-8");
	CSV_REJECTS("", "roll.csv: the roll call lists no members");
	CSV_REJECTS("\xEF\xBB\xBF", "lists no members");
	CSV_REJECTS("name,option\n# nobody\n\n", "roll.csv: the roll call lists no members");
	CSV_REJECTS("Ann Lee,yes\n\"Bo Diaz,no\n", "roll.csv:2: a quoted field is not closed");
	CSV_REJECTS("\"Bo\" Diaz,no\n", "roll.csv:1: text after a closing quote");
	CSV_REJECTS("Bo \"D\" Diaz,no\n", "roll.csv:1: a quote inside an unquoted field");
	CSV_REJECTS("\n\nBo Diaz,no,extra\n", "roll.csv:3: expected 'name,option', found 3 fields");
	CSV_REJECTS("Bo Diaz\n", "roll.csv:1: expected 'name,option', found 1 field");
	CSV_REJECTS("Ann Lee,yes\n  ,no\n", "roll.csv:2: the member name is empty");
	CSV_REJECTS("Ann Lee,\n", "roll.csv:1: unknown vote option ''");
}

/* ---- timeline and last vote ------------------------------------------------ */

TEST(record_timeline)
{
	ot_vote votes[2];
	ot_record r = sample_record(&votes[0]), parsed;
	ot_buf js = OT_BUF_INIT;
	ot_record_event *ev;
	size_t n;
	static const struct {
		ot_record_event_kind kind;
		size_t index;
	} want[] = {
	    {OT_EVENT_ACTION, 0},  /* 2024-01-10 introduction, before ... */
	    {OT_EVENT_VERSION, 0}, /* ... the text as introduced, same day */
	    {OT_EVENT_ACTION, 1},  /* 2024-02-15 committee */
	    {OT_EVENT_VERSION, 1}, /* 2024-02-20 amended */
	    {OT_EVENT_VOTE, 0},	   /* 2024-03-01: the vote recorded first, ... */
	    {OT_EVENT_VOTE, 1},	   /* ... then the one recorded after it */
	    {OT_EVENT_ACTION, 2},  /* 2024-03-01 passage: closing, after the votes */
	};
	size_t i;

	/* the actions of the sample JSON, borrowed from the record read */
	sample_json(&js, &r);
	CHECK(ot_record_from_json(&parsed, js.ptr, js.len, REC_FILE) == 0);
	r.actions = parsed.actions;
	r.nactions = parsed.nactions;
	/* two votes on the vote day: an amendment, then passage */
	votes[1] = votes[0];
	votes[0].motion = (char *)"Amend";
	r.votes = votes;
	r.nvotes = 2;
	ev = ot_record_timeline(&r, &n);
	CHECK(ev != NULL);
	CHECK(n == NELEM(want));
	for (i = 0; i < n && i < NELEM(want); i++) {
		if (ev[i].kind != want[i].kind || ev[i].index != want[i].index) {
			printf("#   timeline[%zu]: kind %d index %zu\n", i, (int)ev[i].kind, ev[i].index);
			CHECK(!"timeline order");
		}
	}
	if (n == NELEM(want)) {
		CHECK_STR(ev[0].date, "2024-01-10");
		CHECK(ev[6].date == r.actions[2].date); /* borrowed */
	}
	free(ev);
	/* sent to the mayor the day it passed: after the vote and the
	 * passage, though recorded (or imported) before them */
	{
		ot_action acts[2] = {{(char *)"2024-03-01", OT_ACTION_EXECUTIVE_RECEIPT, NULL, NULL, NULL},
				     {(char *)"2024-03-01", OT_ACTION_PASSAGE, NULL, NULL, NULL}};
		ot_record x = r;
		x.actions = acts;
		x.nactions = 2;
		x.versions = NULL;
		x.nversions = 0;
		x.nvotes = 1;
		ev = ot_record_timeline(&x, &n);
		CHECK(n == 3 && ev[0].kind == OT_EVENT_VOTE && ev[1].kind == OT_EVENT_ACTION && ev[1].index == 1 &&
		      ev[2].kind == OT_EVENT_ACTION && ev[2].index == 0);
		free(ev);
	}

	/* the last vote: of one date, the one recorded last */
	CHECK(ot_record_last_vote(&r) == &votes[1]);
	/* a back-dated vote recorded later does not override */
	votes[1].date = (char *)"2024-02-01";
	CHECK(ot_record_last_vote(&r) == &votes[0]);
	r.nvotes = 0;
	CHECK(ot_record_last_vote(&r) == NULL);

	/* an empty record: no events, never NULL */
	{
		ot_record empty;
		memset(&empty, 0, sizeof(empty));
		n = 99;
		ev = ot_record_timeline(&empty, &n);
		CHECK(ev != NULL);
		CHECK(n == 0);
		free(ev);
	}
	ot_record_release(&parsed);
	ot_buf_release(&js);
}

int main(void)
{
	RUN(status_names);
	RUN(vote_result_names);
	RUN(threshold_names);
	RUN(vote_option_names);
	RUN(threshold_table);
	RUN(roll_find_and_serving);
	RUN(member_name_forms);
	RUN(roll_clean);
	RUN(roll_problems);
	RUN(record_json_round_trip);
	RUN(record_json_pending_no_threshold);
	RUN(record_json_hostile);
	RUN(record_json_two_problems_keep_first_message);
	RUN(roll_csv_read);
	RUN(roll_csv_errors);
	RUN(record_timeline);
	return test_summary();
}
