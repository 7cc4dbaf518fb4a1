/*
 * test_export.c - the Akoma Ntoso and Open Civic Data exporters on hand-
 * built inputs: where unnumbered paragraphs go (intro, wrapUp, content,
 * hcontainer), eIds for odd markers and collisions, characters XML cannot
 * carry, schema validity of those shapes (when xmllint and the schema are
 * there), the reader of OCD vote events with its errors, and the OCD
 * export (pseudo-ids, sources, the vote's action, the golden file
 * tests/data/export/ocd-links.json and the directory form).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "ordtrack/common.h"
#include "ordtrack/doc.h"
#include "ordtrack/export.h"
#include "ordtrack/import.h"
#include "test.h"
#include "xmlsafe.h"

#define SCHEMA "../shared/schemas/akomantoso30/akomantoso30.xsd"

static ot_node *add(ot_node *parent, ot_node_kind kind, const char *num, const char *text)
{
	char id[256];
	unsigned t = 0, i;
	if (kind == OT_NODE_TEXT) {
		for (i = 0; i < parent->nchildren; i++)
			t += parent->children[i]->kind == OT_NODE_TEXT;
		snprintf(id, sizeof(id), "%s~%u", parent->id, t + 1);
	} else {
		snprintf(id, sizeof(id), "%s%s", parent->id, num);
	}
	{
		ot_node *n = ot_node_new(kind, id, kind == OT_NODE_TEXT ? NULL : num, NULL, text);
		ot_node_append(parent, n);
		return n;
	}
}

/* Section 1-1-010: TEXT, (a) with text and one TEXT child only, TEXT,
 * (b) with (1) whose text is empty, TEXT.  Section "§ 5" with markers
 * "(a)" and "a" (the same eId once normalised) and a control character. */
static ot_doc *odd_doc(void)
{
	ot_doc *d = ot_doc_new();
	ot_node *s = ot_node_new(OT_NODE_SECTION, "1-1-010", "1-1-010", "Odd shapes & <things>.", NULL), *a, *b, *s2;
	ot_doc_append(d, s);
	add(s, OT_NODE_TEXT, NULL, "Lead-in.");
	a = add(s, OT_NODE_CLAUSE, "(a)", "Clause a:");
	add(a, OT_NODE_TEXT, NULL, "after a's list");
	add(s, OT_NODE_TEXT, NULL, "Between a and b.");
	b = add(s, OT_NODE_CLAUSE, "(b)", "");
	add(b, OT_NODE_CLAUSE, "(1)", "");
	add(s, OT_NODE_TEXT, NULL, "Closing words.");
	s2 = ot_node_new(OT_NODE_SECTION, "\xC2\xA7 5", "\xC2\xA7 5", "", NULL);
	ot_doc_append(d, s2);
	add(s2, OT_NODE_CLAUSE, "(a)", "One\x01two");
	add(s2, OT_NODE_CLAUSE, "a", "Three");
	d->title = strdup("Odd");
	return d;
}

static ot_version version(const char *date, int number)
{
	ot_version v;
	memset(&v, 0, sizeof(v));
	v.ordinance = (char *)"1-1";
	v.number = number;
	memcpy(v.commit, "0123456789012345678901234567890123456789", 41);
	v.date = (char *)date;
	v.stage = (char *)"enacted";
	v.record = (char *)"";
	v.title = (char *)"Odd";
	return v;
}

static int has(const ot_buf *b, const char *s)
{
	return strstr(b->ptr, s) != NULL;
}

/* Validate with xmllint when the schema is there: 1 valid, 0 invalid,
 * -1 not checked. */
static int schema_valid(const ot_buf *b)
{
	char cmd[512];
	FILE *f = fopen(SCHEMA, "r");
	int rc;
	if (!f)
		return -1;
	fclose(f);
	if (system("xmllint --version >/dev/null 2>&1") != 0)
		return -1;
	f = fopen("test_export.tmp.xml", "w");
	if (!f)
		return 0;
	fwrite(b->ptr, 1, b->len, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "xmllint --noout --nonet --schema %s test_export.tmp.xml >/dev/null 2>&1", SCHEMA);
	rc = system(cmd);
	remove("test_export.tmp.xml");
	return rc == 0;
}

TEST(act_text_placement_and_eids)
{
	ot_doc *d = odd_doc();
	ot_version vs[2] = {version("2001-02-03", 1), version("2005-06-07", 2)};
	ot_akn_act act = {"1-1", d, vs, 2};
	ot_buf out = OT_BUF_INIT;
	xmlDoc *x = NULL;
	int v;

	CHECK(ot_export_akn_act(&out, &act, NULL) == 0);
	/* a section's leading paragraph is its intro */
	CHECK(has(&out, "<intro eId=\"sec_1-1-010__intro\">\n          <p eId=\"sec_1-1-010__p_1\">Lead-in.</p>"));
	/* a clause with text and only paragraphs: intro + wrapUp */
	CHECK(has(&out, "<intro eId=\"sec_1-1-010__subsec_a__intro\">"));
	CHECK(has(&out, "<wrapUp eId=\"sec_1-1-010__subsec_a__wrapup\">\n            <p eId=\"sec_1-1-010__subsec_a__p_1\">after a's list</p>"));
	/* between clauses: an hcontainer; after the last: the wrapUp */
	CHECK(has(&out, "<hcontainer name=\"unnumberedParagraph\" eId=\"sec_1-1-010__hcontainer_2\">"));
	CHECK(has(&out, "<wrapUp eId=\"sec_1-1-010__wrapup\">\n          <p eId=\"sec_1-1-010__p_3\">Closing words.</p>"));
	/* an empty clause text with children gives no intro; an empty leaf an empty p */
	CHECK(!has(&out, "sec_1-1-010__subsec_b__intro"));
	CHECK(has(&out, "<paragraph eId=\"sec_1-1-010__subsec_b__para_1\">\n            <num>(1)</num>\n            <content>\n              <p/>"));
	/* escaping: heading, odd section number, the collision */
	CHECK(has(&out, "<heading>Odd shapes &amp; &lt;things&gt;.</heading>"));
	CHECK(has(&out, "<section eId=\"sec_.C2.A7.205\">"));
	CHECK(has(&out, "eId=\"sec_.C2.A7.205__subsec_a\""));
	CHECK(has(&out, "eId=\"sec_.C2.A7.205__subsec_a-2\""));
	/* U+0001 cannot be in XML: replaced */
	CHECK(has(&out, "One\xEF\xBF\xBDtwo"));
	CHECK(ot_xml_read(&x, out.ptr, out.len, "out.xml") == 0);
	xmlFreeDoc(x);
	v = schema_valid(&out);
	CHECK(v != 0);
	if (v < 0)
		printf("# (schema not found: validity not checked)\n");
	/* deterministic */
	{
		ot_buf again = OT_BUF_INIT;
		CHECK(ot_export_akn_act(&again, &act, NULL) == 0);
		CHECK_STR(again.ptr, out.ptr);
		ot_buf_release(&again);
	}
	ot_buf_release(&out);
	ot_doc_free(d);
}

/* notes (never law) go to <meta><notes>, each pointed at from its
 * section's heading, and come back on import */
TEST(act_notes_round_trip)
{
	static const char text[] = "1-1-010 Purpose.\n"
				   "(a) One.\n"
				   "(Added Coun. J. 3-29-06, p. 72774, \xC2\xA7 1)\n"
				   "1-1-020 Scope.\n"
				   "(a) Two.\n"
				   "Editor's note\xE2\x80\x94 Ord. 12 of 3-4-2019 renumbered this section.\n";
	ot_doc *d = NULL, *back = NULL;
	ot_version vs[1] = {version("2001-02-03", 1)};
	ot_akn_act act;
	ot_buf out = OT_BUF_INIT;
	int v;
	CHECK(ot_doc_parse_text(&d, text, strlen(text), "n.txt") == 0);
	if (!d)
		return;
	CHECK(d->nnotes == 2);
	act.ordinance = "1-1";
	act.doc = d;
	act.versions = vs;
	act.nversions = 1;
	CHECK(ot_export_akn_act(&out, &act, NULL) == 0);
	CHECK(has(&out, "<note eId=\"note_1\" class=\"history\">"));
	CHECK(has(&out, "<noteRef href=\"#note_2\"/>"));
	v = schema_valid(&out);
	CHECK(v != 0);
	CHECK(ot_doc_import(&back, out.ptr, out.len, "out.xml", NULL) == 0);
	CHECK(back && back->nnotes == 2);
	if (back && back->nnotes == 2) {
		CHECK_STR(back->notes[0].section, "1-1-010");
		CHECK_STR(back->notes[0].kind, "history");
		CHECK_STR(back->notes[0].text, d->notes[0].text);
		CHECK_STR(back->notes[1].section, "1-1-020");
		CHECK_STR(back->notes[1].text, d->notes[1].text);
	}
	ot_doc_free(back);
	ot_doc_free(d);
	ot_buf_release(&out);
}

TEST(act_errors)
{
	ot_doc *d = odd_doc(), *empty = ot_doc_new();
	ot_version vs[1] = {version("2001-02-03", 1)};
	ot_akn_act act = {"1-1", d, vs, 0};
	ot_export_opts o;
	ot_buf out = OT_BUF_INIT;
	CHECK(ot_export_akn_act(&out, &act, NULL) == OT_EINVALID);
	act.nversions = 1;
	memset(&o, 0, sizeof(o));
	o.country = "USA";
	CHECK(ot_export_akn_act(&out, &act, &o) == OT_EINVALID);
	CHECK(strstr(ot_error_last(), "country") != NULL);
	o.country = "us";
	o.locality = "Chi cago";
	CHECK(ot_export_akn_act(&out, &act, &o) == OT_EINVALID);
	vs[0].date = (char *)"2001-02-30";
	o.locality = NULL;
	CHECK(ot_export_akn_act(&out, &act, &o) == OT_EINVALID);
	vs[0].date = (char *)"2001-02-03";
	act.doc = empty;
	CHECK(ot_export_akn_act(&out, &act, &o) == OT_EINVALID);
	CHECK(out.len == 0);
	act.doc = d;
	o.locality = "chicago";
	CHECK(ot_export_akn_act(&out, &act, &o) == 0);
	CHECK(has(&out, "/akn/us-chicago/act/2001-02-03/1-1/eng@2001-02-03/!main"));
	ot_buf_release(&out);
	ot_doc_free(d);
	ot_doc_free(empty);
}

static const char *EVENT = "{\"motion_text\": \"Passage\", \"start_date\": \"2022-02-01 10:00\", \"result\": \"pass\","
			   " \"bill\": \"O1\", \"counts\": [{\"option\": \"yes\", \"value\": 2},"
			   " {\"option\": \"not voting\", \"value\": 1}, {\"option\": \"other\", \"value\": 0}],"
			   " \"votes\": [{\"option\": \"yes\", \"voter_name\": \"A\"},"
			   " {\"option\": \"yes\", \"voter_name\": \"B\"},"
			   " {\"option\": \"not voting\", \"voter_name\": \"C\"}]}";

TEST(ocd_vote_read)
{
	ot_vote v;
	char *bill = NULL;
	CHECK(ot_ocd_vote_sniff(EVENT, strlen(EVENT)) == 1);
	CHECK(ot_ocd_vote_sniff("\xEF\xBB\xBF \n{", 6) == 1);
	CHECK(ot_ocd_vote_sniff("name,option\n", 12) == 0);
	CHECK(ot_ocd_vote_read(&v, &bill, EVENT, strlen(EVENT), "ev.json") == 0);
	CHECK(v.nroll == 3);
	CHECK(v.nroll == 3 && v.roll[2].option == OT_VOTE_NOT_VOTING);
	CHECK_STR(v.roll[0].name, "A");
	CHECK_STR(v.date, "2022-02-01");
	CHECK_STR(v.motion, "Passage");
	CHECK(v.result == OT_RESULT_PASS);
	CHECK_STR(bill, "O1");
	CHECK(v.counts[OT_VOTE_YES] == 2 && v.counts[OT_VOTE_NOT_VOTING] == 1);
	CHECK_STR(ot_ocd_vote_option(OT_VOTE_NOT_VOTING), "not voting");
	ot_ocd_vote_release(&v);
	free(bill);
}

static void bad(const char *json, const char *msg)
{
	ot_vote v;
	int err = ot_ocd_vote_read(&v, NULL, json, strlen(json), "ev.json");
	CHECK(err == OT_EINVALID);
	CHECK(v.nroll == 0 && v.roll == NULL && v.motion == NULL);
	if (!strstr(ot_error_last(), msg))
		printf("#   message '%s' lacks '%s'\n", ot_error_last(), msg);
	CHECK(strstr(ot_error_last(), msg) != NULL);
}

/* The shapes real sources give: pupa's "counts": [] and pseudo-id or
 * _id bills, Legistar's EventItems/{id}/Votes array */
TEST(roll_json_shapes)
{
	static const char *pupa = "{\"counts\": [], \"bill\": \"~{\\\"identifier\\\": \\\"O2021-117\\\", "
				  "\\\"legislative_session__identifier\\\": \\\"2019\\\"}\", \"votes\": "
				  "[{\"option\": \"yes\", \"voter_name\": \"La Spata, Daniel\"}]}";
	static const char *ocd_id = "{\"bill\": \"ocd-bill/0b9c1d8e-0000-4000-8000-000000000000\", \"votes\": "
				    "[{\"option\": \"no\", \"voter_name\": \"A\"}]}";
	static const char *legistar = "[{\"VoteId\": 1, \"VotePersonName\": \"Daniel La Spata\", \"VoteValueName\": "
				      "\"Affirmative\"}, {\"VoteId\": 2, \"VotePersonName\": \"Anthony Beale\", "
				      "\"VoteValueName\": \"Negative\"}, {\"VoteId\": 3, \"VotePersonName\": \"Ed Burke\", "
				      "\"VoteValueName\": \"Recused\"}]";
	ot_vote v;
	char *bill = NULL;
	CHECK(ot_ocd_vote_read(&v, &bill, pupa, strlen(pupa), "ev.json") == 0);
	CHECK(v.nroll == 1 && v.counts[OT_VOTE_YES] == 1);
	CHECK_STR(bill, "O2021-117");
	ot_ocd_vote_release(&v);
	free(bill);
	bill = NULL;
	CHECK(ot_ocd_vote_read(&v, &bill, ocd_id, strlen(ocd_id), "ev.json") == 0);
	CHECK(bill == NULL); /* a scraped file's id: nothing to compare */
	ot_ocd_vote_release(&v);
	CHECK(ot_ocd_vote_sniff(legistar, strlen(legistar)) == 1);
	CHECK(ot_ocd_vote_read(&v, &bill, legistar, strlen(legistar), "votes.json") == 0);
	CHECK(v.nroll == 3 && v.motion == NULL && v.date == NULL && v.result == OT_RESULT_NONE && bill == NULL);
	CHECK(v.nroll == 3 && v.roll[0].option == OT_VOTE_YES && v.roll[1].option == OT_VOTE_NO &&
	      v.roll[2].option == OT_VOTE_EXCUSED);
	CHECK(v.nroll == 3 && strcmp(v.roll[1].name, "Anthony Beale") == 0);
	CHECK(v.counts[OT_VOTE_YES] == 1 && v.counts[OT_VOTE_NO] == 1 && v.counts[OT_VOTE_EXCUSED] == 1);
	ot_ocd_vote_release(&v);
}

TEST(ocd_vote_errors)
{
	bad("[1]", "[0] needs \"VotePersonName\" and \"VoteValueName\"");
	bad("[]", "lists no members");
	bad("\"x\"", "not valid JSON");
	bad("[{\"VotePersonName\": \"A\", \"VoteValueName\": \"Maybe\"}]", "[0]: unknown option 'Maybe'");
	bad("{\"votes\": [{\"option\": \"yes\", \"voter_name\": \"A\"}], \"bill\": \"~{\\\"title\\\": \\\"x\\\"}\"}",
	    "pseudo-id without an \"identifier\"");
	bad("{\"votes\": 3}", "no \"votes\" array");
	bad("{\"votes\": []}", "lists no members");
	bad("{\"votes\": [{\"option\": \"yes\"}]}", "votes[0] needs");
	bad("{\"votes\": [{\"option\": \"maybe\", \"voter_name\": \"A\"}]}", "unknown option 'maybe'");
	bad("{\"votes\": [{\"option\": \"paired\", \"voter_name\": \"A\"}]}", "no ordtrack equivalent");
	bad("{\"votes\": [{\"option\": \"yes\", \"voter_name\": \"A\"}], \"counts\": [{\"option\": \"yes\", \"value\": 2}]}",
	    "the counts say 2 yes but the votes list 1");
	bad("{\"votes\": [{\"option\": \"yes\", \"voter_name\": \"A\"}], \"counts\": [{\"option\": \"no\", \"value\": 1}]}",
	    "the counts say 0 yes but the votes list 1");
	bad("{\"votes\": [{\"option\": \"yes\", \"voter_name\": \"A\"}], \"counts\": [{\"option\": \"paired\", \"value\": 1}]}",
	    "1 'paired'");
	bad("{\"votes\": [{\"option\": \"yes\", \"voter_name\": \"A\"}], \"result\": \"passed\"}", "not pass or fail");
	bad("{\"votes\": [{\"option\": \"yes\", \"voter_name\": \"A\"}], \"start_date\": \"2022-02-30\"}", "start_date");
	bad("{\"votes\": [{\"option\": \"yes\", \"voter_name\": \"A\"}], \"start_date\": \"Feb 1\"}", "not YYYY-MM-DD");
	bad("{\"votes\": [{\"option\": \"yes\", \"voter_name\": \"A\"},\n{\"option\": \"yes\", \"voter_name\": \"A\"}", "ev.json:2: not valid JSON");
	bad("{\"votes\": [], \"votes\": []}", "not valid JSON");
}

/* A substitute ordinance with an action and a failing vote, the session
 * and source given, no member list. */
TEST(ocd_export)
{
	ot_record r;
	ot_vote vt;
	ot_roll_entry roll[2] = {{(char *)"A B", OT_VOTE_YES}, {(char *)"C D", OT_VOTE_NOT_VOTING}};
	ot_action act = {(char *)"2022-01-02", OT_ACTION_AMENDMENT_INTRODUCTION, NULL, NULL, NULL};
	char *sponsors[1] = {(char *)"A B"};
	ot_export_opts o;
	ot_buf out = OT_BUF_INIT;
	memset(&r, 0, sizeof(r));
	memset(&vt, 0, sizeof(vt));
	memset(&o, 0, sizeof(o));
	r.id = (char *)"SO1";
	r.type = OT_RECORD_SUBSTITUTE;
	r.title = (char *)"T";
	r.status = OT_STATUS_PENDING;
	r.introduced = (char *)"2022-01-01";
	r.sponsors = sponsors;
	r.nsponsors = 1;
	r.actions = &act;
	r.nactions = 1;
	vt.date = (char *)"2022-01-03";
	vt.motion = (char *)"M";
	vt.result = OT_RESULT_FAIL;
	vt.roll = roll;
	vt.nroll = 2;
	vt.counts[OT_VOTE_YES] = 1;
	vt.counts[OT_VOTE_NOT_VOTING] = 1;
	r.votes = &vt;
	r.nvotes = 1;
	o.session = "2019";
	o.source_url = "https://example.org/SO1";
	CHECK(ot_export_ocd(&out, &r, &o) == 0);
	CHECK(has(&out, "\"_id\": \"ordtrack-SO1\""));
	CHECK(has(&out, "\"classification\": [\n      \"ordinance\"\n    ]"));
	CHECK(has(&out, "\"ordtrack_type\": \"substitute\""));
	CHECK(has(&out, "\"description\": \"Amendment introduction\""));
	CHECK(has(&out, "\"legislative_session\": \"2019\""));
	CHECK(has(&out, "\"from_organization\": \"~{\\\"classification\\\": \\\"legislature\\\"}\""));
	CHECK(has(&out, "\"organization_id\": \"~{\\\"classification\\\": \\\"legislature\\\"}\""));
	CHECK(has(&out, "\"option\": \"not voting\",\n          \"voter_name\": \"C D\",\n          "
			"\"voter_id\": \"~{\\\"name\\\": \\\"C D\\\"}\""));
	CHECK(has(&out, "\"result\": \"fail\""));
	/* no action of the vote's date: no bill_action, no classification */
	CHECK(has(&out, "\"bill_action\": null"));
	CHECK(has(&out, "\"motion_classification\": []"));
	CHECK(has(&out, "\"bill\": \"~{\\\"from_organization__classification\\\": \\\"legislature\\\", "
			"\\\"identifier\\\": \\\"SO1\\\", \\\"legislative_session__identifier\\\": \\\"2019\\\"}\""));
	CHECK(has(&out, "\"url\": \"https://example.org/SO1\",\n          \"note\": \"ordtrack export\""));
	/* no member list: who the sponsor is is not known */
	CHECK(has(&out, "\"primary\": true,\n        \"person_id\": null,\n        \"organization_id\": null"));
	CHECK(has(&out, "\"entity_type\": \"\""));
	ot_buf_clear(&out);
	/* a communication has no OCD classification */
	r.type = OT_RECORD_COMMUNICATION;
	o.organization = "Testville City Council";
	CHECK(ot_export_ocd(&out, &r, &o) == 0);
	CHECK(has(&out, "\"classification\": [],"));
	CHECK(has(&out, "\"from_organization\": \"~{\\\"classification\\\": \\\"legislature\\\", \\\"name\\\": "
			"\\\"Testville City Council\\\"}\""));
	ot_buf_release(&out);
}

/* The illustrative record the golden file holds: O2021-117 as an import
 * leaves it (source ids, links of every kind), two members, a sponsor
 * who is none, a committee vote whose motion is its action's text and a
 * passage vote that is matched by its type. */
static ot_action golden_actions[] = {
	{(char *)"2021-03-24", OT_ACTION_INTRODUCTION, (char *)"City Council", (char *)"Introduced",
	 (char *)"legistar:history/1"},
	{(char *)"2021-03-24", OT_ACTION_REFERRAL_COMMITTEE, (char *)"City Council", (char *)"Referred",
	 (char *)"legistar:history/2"},
	{(char *)"2021-06-16", OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE, (char *)"Committee on Traffic Control and Safety",
	 (char *)"Recommended to Pass", (char *)"legistar:history/3"},
	{(char *)"2021-06-16", OT_ACTION_SPONSORSHIP, (char *)"City Council", (char *)"Add Co-Sponsor(s)",
	 (char *)"legistar:history/4"},
	{(char *)"2021-06-23", OT_ACTION_PASSAGE, NULL, NULL, NULL},
	{(char *)"2021-06-23", OT_ACTION_UNCLASSIFIED, (char *)"City Council", (char *)"Published in Special Pamphlet",
	 (char *)"legistar:history/6"}};
static ot_roll_entry golden_roll[] = {{(char *)"Carmen L. Castañeda", OT_VOTE_YES},
				      {(char *)"Bernard A. Brennan Jr.", OT_VOTE_ABSENT}};
static ot_link golden_links[] = {
	{OT_LINK_SOURCE, (char *)"https://council.example.org/LegislationDetail.aspx?ID=58813", (char *)"web"},
	{OT_LINK_VERSION, (char *)"https://council.example.org/files/O2021-117.PDF", (char *)"Introduced ordinance"},
	{OT_LINK_SOURCE, (char *)"https://api.example.org/v1/council/matters/58813", (char *)"api"},
	{OT_LINK_DOCUMENT, (char *)"https://council.example.org/files/report.docx", NULL},
	{OT_LINK_VERSION, (char *)"https://council.example.org/View.ashx?M=F&ID=1", (char *)"Introduced ordinance"},
	{OT_LINK_DOCUMENT, (char *)"https://council.example.org/files/fiscal-note", (char *)"Fiscal note"}};

static void golden_record(ot_record *r, ot_vote *votes, ot_record_version *v, ot_members *ms, ot_member *m)
{
	static char *sponsors[] = {(char *)"Castañeda, Carmen L.", (char *)"Department of Transportation",
				   (char *)"BRENNAN, BERNARD"};
	static char *ords[] = {(char *)"9-64"};
	memset(r, 0, sizeof(*r));
	r->id = (char *)"O2021-117";
	r->type = OT_RECORD_ORDINANCE;
	r->title = (char *)"Amendment of Municipal Code Chapter 9-64 regarding Sunday parking";
	r->status = OT_STATUS_PASSED;
	r->introduced = (char *)"2021-03-24";
	r->closed = (char *)"2021-06-23";
	r->effective = (char *)"2021-07-01";
	r->ordinances = ords;
	r->nordinances = 1;
	r->sponsors = sponsors;
	r->nsponsors = 3;
	*v = (ot_record_version){1, (char *)"2021-03-24", OT_STAGE_INTRODUCED};
	r->versions = v;
	r->nversions = 1;
	r->actions = golden_actions;
	r->nactions = sizeof(golden_actions) / sizeof(golden_actions[0]);
	memset(votes, 0, 2 * sizeof(*votes));
	/* listed passage first: each vote still finds its own action */
	votes[0].date = (char *)"2021-06-23";
	votes[0].motion = (char *)"Passage";
	votes[0].result = OT_RESULT_PASS;
	votes[0].threshold = OT_THRESHOLD_MAJORITY_OF_MEMBERS;
	votes[1].date = (char *)"2021-06-16";
	votes[1].motion = (char *)"Recommended to Pass";
	votes[1].result = OT_RESULT_PASS;
	votes[1].source = (char *)"legistar:history/3";
	votes[0].roll = votes[1].roll = golden_roll;
	votes[0].nroll = votes[1].nroll = 2;
	votes[0].counts[OT_VOTE_YES] = votes[1].counts[OT_VOTE_YES] = 1;
	votes[0].counts[OT_VOTE_ABSENT] = votes[1].counts[OT_VOTE_ABSENT] = 1;
	r->votes = votes;
	r->nvotes = 2;
	r->source = (char *)"legistar:matter/58813";
	r->links = golden_links;
	r->nlinks = sizeof(golden_links) / sizeof(golden_links[0]);
	memset(m, 0, 2 * sizeof(*m));
	m[0].name = (char *)"Carmen L. Castañeda";
	m[0].ward = 3;
	m[1].name = (char *)"Bernard A. Brennan Jr.";
	m[1].ward = 7;
	m[1].from = (char *)"2019-05-20";
	ms->items = m;
	ms->n = ms->cap = 2;
}

#define OCD_GOLDEN "tests/data/export/ocd-links.json"

/* The whole export of the golden record, byte for byte (regenerate with
 * OCD_GOLDEN_UPDATE=1 and review the diff); tests/cli/
 * test_export_ocd_schema.sh validates the file against pupa's schemas. */
TEST(ocd_export_golden)
{
	ot_record r;
	ot_vote votes[2];
	ot_record_version v;
	ot_members ms;
	ot_member m[2];
	ot_export_opts o;
	ot_buf out = OT_BUF_INIT, again = OT_BUF_INIT, want = OT_BUF_INIT;
	const char *env = getenv("OCD_GOLDEN_UPDATE");
	FILE *f;
	char chunk[4096];
	size_t n;

	golden_record(&r, votes, &v, &ms, m);
	memset(&o, 0, sizeof(o));
	o.session = "2019";
	o.organization = "Chicago City Council";
	o.source_url = "https://unused.example.org/"; /* the record has source links */
	o.members = &ms;
	CHECK(ot_export_ocd(&out, &r, &o) == 0);
	CHECK(ot_export_ocd(&again, &r, &o) == 0);
	CHECK_STR(out.ptr, again.ptr);
	CHECK(!has(&out, "unused.example.org"));
	if (env && strcmp(env, "1") == 0 && (f = fopen(OCD_GOLDEN, "wb"))) {
		fwrite(out.ptr, 1, out.len, f);
		fclose(f);
	}
	if ((f = fopen(OCD_GOLDEN, "rb"))) {
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			ot_buf_put(&want, chunk, n);
		fclose(f);
	}
	CHECK(want.len > 0);
	CHECK_STR(out.ptr, want.ptr);
	ot_buf_release(&out);
	ot_buf_release(&again);
	ot_buf_release(&want);
}

/* The directory form: the same objects, one file each, named by _id. */
TEST(ocd_export_files)
{
	ot_record r;
	ot_vote votes[2];
	ot_record_version v;
	ot_members ms;
	ot_member m[2];
	ot_export_opts o;
	ot_ocd_file *files = NULL;
	ot_buf whole = OT_BUF_INIT;
	size_t n = 9;

	golden_record(&r, votes, &v, &ms, m);
	memset(&o, 0, sizeof(o));
	o.session = "2019";
	o.members = &ms;
	CHECK(ot_export_ocd_files(&files, &n, &r, &o) == 0);
	CHECK(n == 3);
	if (n == 3) {
		CHECK_STR(files[0].name, "bill_ordtrack-O2021-117.json");
		CHECK_STR(files[1].name, "vote_event_ordtrack-O2021-117-vote-1.json");
		CHECK_STR(files[2].name, "vote_event_ordtrack-O2021-117-vote-2.json");
		CHECK(has(&files[0].json, "\"_id\": \"ordtrack-O2021-117\""));
		CHECK(files[0].json.ptr[files[0].json.len - 1] == '\n');
		CHECK(has(&files[1].json, "\"bill_action\": \"Passed\""));
		CHECK(has(&files[2].json, "\"bill_action\": \"Recommended to Pass\""));
		CHECK(has(&files[2].json, "\"organization\": \"~{\\\"classification\\\": \\\"committee\\\", \\\"name\\\": "
					 "\\\"Committee on Traffic Control and Safety\\\"}\""));
		CHECK(has(&files[2].json, "\"motion_classification\": [\n    \"committee-passage-favorable\"\n  ]"));
		/* each file is the object the single export holds */
		CHECK(ot_export_ocd(&whole, &r, &o) == 0);
		CHECK(has(&whole, "\"bill_action\": \"Recommended to Pass\""));
	}
	ot_ocd_files_free(files, n);
	ot_buf_release(&whole);
	/* an error leaves nothing */
	o.session = NULL;
	files = (ot_ocd_file *)&o;
	CHECK(ot_export_ocd_files(&files, &n, &r, &o) == OT_EINVALID);
	CHECK(files == NULL && n == 0);
}

TEST(ocd_export_errors)
{
	ot_record r;
	ot_vote votes[2];
	ot_record_version v;
	ot_members ms;
	ot_member m[2];
	ot_export_opts o;
	ot_link bad_link = {OT_LINK_DOCUMENT, (char *)"file:///etc/passwd", NULL};
	ot_buf out = OT_BUF_INIT;

	golden_record(&r, votes, &v, &ms, m);
	CHECK(ot_export_ocd(&out, &r, NULL) == OT_EINVALID);
	CHECK(strstr(ot_error_last(), "needs a legislative session") != NULL);
	memset(&o, 0, sizeof(o));
	o.session = "2019";
	r.nlinks = 0;
	CHECK(ot_export_ocd(&out, &r, &o) == OT_EINVALID);
	CHECK(strstr(ot_error_last(), "O2021-117 has no source link and no source URL") != NULL);
	o.source_url = "council.example.org/O2021-117";
	CHECK(ot_export_ocd(&out, &r, &o) == OT_EINVALID);
	CHECK(strstr(ot_error_last(), "source URL 'council.example.org/O2021-117' is not an http, https or ftp URL") != NULL);
	o.source_url = "https://";
	CHECK(ot_export_ocd(&out, &r, &o) == OT_EINVALID);
	o.source_url = "https://x.example.org/a b";
	CHECK(ot_export_ocd(&out, &r, &o) == OT_EINVALID);
	o.source_url = "https://x.example.org/";
	CHECK(ot_export_ocd(&out, &r, &o) == 0);
	r.links = &bad_link;
	r.nlinks = 1;
	CHECK(ot_export_ocd(&out, &r, &o) == OT_EINVALID);
	CHECK(strstr(ot_error_last(), "document link 'file:///etc/passwd'") != NULL);
	r.nlinks = 0;
	votes[1].result = OT_RESULT_NONE;
	CHECK(ot_export_ocd(&out, &r, &o) == OT_EINVALID);
	CHECK(strstr(ot_error_last(), "vote 2 has no result") != NULL);
	ot_buf_release(&out);
}

int main(void)
{
	RUN(act_text_placement_and_eids);
	RUN(act_notes_round_trip);
	RUN(act_errors);
	RUN(ocd_vote_read);
	RUN(ocd_vote_errors);
	RUN(roll_json_shapes);
	RUN(ocd_export);
	RUN(ocd_export_golden);
	RUN(ocd_export_files);
	RUN(ocd_export_errors);
	return test_summary();
}
