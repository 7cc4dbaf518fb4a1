/*
 * test_record_import.c - writing import sets into a tracker
 * (ot_record_import): members merged by person, roll calls resolved,
 * records merged event by event through source ids, refusals that write
 * nothing, dry runs; and the members CSV reader.  The sets are built in
 * memory here; the readers of the three sources have their own tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ordtrack/ordtrack.h"
#include "test.h"

static char tmpdir[] = "/tmp/ot-recimport-XXXXXX";
static int ntrackers;
static char path[300]; /* the last tracker made */

static ot_tracker *new_tracker(void)
{
	ot_tracker *t = NULL;
	snprintf(path, sizeof(path), "%s/t%d", tmpdir, ++ntrackers);
	if (ot_tracker_init(path) != 0 || ot_tracker_open(&t, path) != 0)
		return NULL;
	return t;
}

static char *sdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void add_member(ot_import_set *s, const char *name, int ward, const char *alias)
{
	ot_import_member *im = calloc(1, sizeof(*im));
	s->members = realloc(s->members, (s->nmembers + 1) * sizeof(*s->members));
	im->m.name = sdup(name);
	im->m.ward = ward;
	im->m.from = sdup("2019-05-20");
	im->m.to = sdup("2023-05-15");
	if (alias) {
		im->m.aliases = calloc(1, sizeof(char *));
		im->m.aliases[0] = sdup(alias);
		im->m.naliases = im->m.alcap = 1;
	}
	im->file = sdup("persons.json");
	s->members[s->nmembers++] = *im;
	s->mcap = s->nmembers;
	free(im);
}

static void add_action(ot_record *r, const char *date, ot_action_type type, const char *text, const char *source)
{
	r->actions = realloc(r->actions, (r->nactions + 1) * sizeof(*r->actions));
	r->actions[r->nactions++] = (ot_action){sdup(date), type, sdup("City Council"), sdup(text), sdup(source)};
	r->acap = r->nactions;
}

/* A record with a 3-member roll call: names as a source writes them. */
static ot_import_record *add_record(ot_import_set *s, const char *id, const char *status)
{
	ot_import_record *ir;
	ot_record *r;
	s->records = realloc(s->records, (s->nrecords + 1) * sizeof(*s->records));
	ir = &s->records[s->nrecords++];
	s->rcap = s->nrecords;
	memset(ir, 0, sizeof(*ir));
	r = &ir->r;
	r->id = sdup(id);
	r->type = OT_RECORD_ORDINANCE;
	r->title = sdup("Amendment of Chapter 2-173");
	r->status = (ot_status)ot_status_parse(status);
	r->introduced = sdup("2021-01-27");
	r->closed = r->status == OT_STATUS_PASSED ? sdup("2021-03-24") : NULL;
	r->source = sdup("test:matter/1");
	r->sponsors = calloc(2, sizeof(char *));
	r->sponsors[0] = sdup("Lee, Ann");
	r->sponsors[1] = sdup("Department of Finance");
	r->nsponsors = r->scap = 2;
	r->versions = calloc(1, sizeof(*r->versions));
	r->versions[0] = (ot_record_version){1, sdup("2021-01-27"), OT_STAGE_INTRODUCED};
	r->nversions = r->vcap = 1;
	add_action(r, "2021-01-27", OT_ACTION_REFERRAL_COMMITTEE, "Referred", "test:history/1");
	if (r->status == OT_STATUS_PASSED) {
		ot_vote *v;
		add_action(r, "2021-03-24", OT_ACTION_PASSAGE, "Passed", "test:history/2");
		r->votes = calloc(1, sizeof(*r->votes));
		r->nvotes = r->votecap = 1;
		v = &r->votes[0];
		v->date = sdup("2021-03-24");
		v->motion = sdup("Passed");
		v->result = OT_RESULT_PASS;
		v->source = sdup("test:history/2");
		v->roll = calloc(3, sizeof(*v->roll));
		v->roll[0] = (ot_roll_entry){sdup("LEE, ANN"), OT_VOTE_YES};
		v->roll[1] = (ot_roll_entry){sdup("Ramírez-Ortega, Raúl"), OT_VOTE_YES};
		v->roll[2] = (ot_roll_entry){sdup("Bo O'Rourke"), OT_VOTE_NO};
		v->nroll = v->cap = 3;
		v->counts[OT_VOTE_YES] = 2;
		v->counts[OT_VOTE_NO] = 1;
		ir->vote_files = calloc(1, sizeof(char *));
		ir->vote_files[0] = sdup("eventitems/2/votes.json");
	}
	ir->file = sdup("matters.json");
	return ir;
}

static void council(ot_import_set *s)
{
	add_member(s, "Ann Lee", 1, NULL);
	add_member(s, "Raul Ramirez-Ortega", 2, "Ramirez-Ortega, Raul");
	add_member(s, "Bo O’Rourke", 3, NULL);
}

TEST(import_into_empty_tracker)
{
	ot_import_set s = {0};
	ot_record_import_report rep;
	ot_tracker *t = new_tracker();
	ot_members ms = {0};
	ot_record r;
	char head[41];
	CHECK(t != NULL);
	s.format = OT_SOURCE_LEGISTAR;
	council(&s);
	add_record(&s, "O2021-117", "passed");
	CHECK(ot_record_import(&rep, t, &s, 0) == 0);
	CHECK(rep.records_new == 1 && rep.members_new == 3 && rep.events_new == 3 && rep.nchanged == 0);
	ot_record_import_report_release(&rep);
	CHECK(ot_members_load(&ms, t) == 0 && ms.n == 3);
	CHECK(ot_record_load(&r, head, t, "O2021-117") == 0);
	CHECK(r.status == OT_STATUS_PASSED && r.nvotes == 1 && r.nactions == 2);
	if (r.nvotes == 1 && r.votes[0].nroll == 3) {
		/* names resolved through case, accents, order and apostrophes */
		CHECK_STR(r.votes[0].roll[0].name, "Ann Lee");
		CHECK_STR(r.votes[0].roll[1].name, "Raul Ramirez-Ortega");
		CHECK_STR(r.votes[0].roll[2].name, "Bo O’Rourke");
		CHECK(r.votes[0].counts[OT_VOTE_YES] == 2 && r.votes[0].counts[OT_VOTE_NO] == 1);
		CHECK_STR(r.votes[0].source, "test:history/2");
	}
	CHECK(r.nsponsors == 2);
	if (r.nsponsors == 2) {
		CHECK_STR(r.sponsors[0], "Ann Lee");               /* a member */
		CHECK_STR(r.sponsors[1], "Department of Finance"); /* a body, as written */
	}
	CHECK_STR(r.source, "test:matter/1");
	CHECK(r.nactions == 2 && r.actions[1].source && strcmp(r.actions[1].source, "test:history/2") == 0);
	ot_record_release(&r);
	/* a second import of the same set changes nothing */
	CHECK(ot_record_import(&rep, t, &s, 0) == 0);
	CHECK(rep.records_new == 0 && rep.records_same == 1 && rep.events_new == 0 && rep.members_new == 0 &&
	      rep.members_updated == 0);
	ot_record_import_report_release(&rep);
	{
		ot_fsck_report fr;
		CHECK(ot_fsck(&fr, path, NULL) == 0 && fr.problems.n == 0);
		ot_fsck_report_release(&fr);
	}
	ot_members_release(&ms);
	ot_import_set_release(&s);
	ot_tracker_free(t);
}

TEST(newer_scrape_adds_only_what_is_new)
{
	ot_import_set s = {0}, s2 = {0};
	ot_record_import_report rep;
	ot_tracker *t = new_tracker();
	ot_record r;
	council(&s);
	add_record(&s, "O2021-117", "pending");
	CHECK(ot_record_import(&rep, t, &s, 0) == 0 && rep.records_new == 1);
	ot_record_import_report_release(&rep);
	/* the newer scrape: passed, with its vote; and the referral's text
	 * edited at the source */
	council(&s2);
	add_record(&s2, "O2021-117", "passed");
	free(s2.records[0].r.actions[0].text);
	s2.records[0].r.actions[0].text = sdup("Referred to Committee on Finance");
	CHECK(ot_record_import(&rep, t, &s2, 0) == 0);
	CHECK(rep.records_updated == 1 && rep.events_new == 3); /* passage, vote, status */
	CHECK(rep.nchanged == 1 && rep.nchanged && strstr(rep.changed[0], "test:history/1"));
	ot_record_import_report_release(&rep);
	CHECK(ot_record_load(&r, NULL, t, "O2021-117") == 0);
	CHECK(r.status == OT_STATUS_PASSED && r.nvotes == 1 && r.nactions == 2);
	CHECK(r.nactions && strcmp(r.actions[0].text, "Referred") == 0); /* kept as imported */
	ot_record_release(&r);
	ot_import_set_release(&s);
	ot_import_set_release(&s2);
	ot_tracker_free(t);
}

TEST(refusals_write_nothing)
{
	ot_import_set s = {0};
	ot_record_import_report rep;
	ot_tracker *t = new_tracker();
	ot_members ms = {0};
	ot_record r;
	council(&s);
	add_record(&s, "O2021-117", "passed");
	free(s.records[0].r.votes[0].roll[2].name);
	s.records[0].r.votes[0].roll[2].name = sdup("Zed Nobody");
	CHECK(ot_record_import(&rep, t, &s, 0) == OT_EINVALID);
	CHECK(strstr(ot_error_last(), "eventitems/2/votes.json") && strstr(ot_error_last(), "Zed Nobody"));
	CHECK(ot_members_load(&ms, t) == 0 && ms.n == 0); /* not even the members */
	CHECK(ot_record_load(&r, NULL, t, "O2021-117") == OT_ENOTFOUND);
	ot_import_set_release(&s);
	/* two people on one ward at once */
	memset(&s, 0, sizeof(s));
	council(&s);
	add_member(&s, "Cy Stone", 1, NULL);
	CHECK(ot_record_import(&rep, t, &s, 0) == OT_EINVALID && strstr(ot_error_last(), "ward 1"));
	ot_import_set_release(&s);
	/* one roll naming a member twice */
	memset(&s, 0, sizeof(s));
	council(&s);
	add_record(&s, "O2021-117", "passed");
	free(s.records[0].r.votes[0].roll[1].name);
	s.records[0].r.votes[0].roll[1].name = sdup("Ann Lee");
	CHECK(ot_record_import(&rep, t, &s, 0) == OT_EINVALID && strstr(ot_error_last(), "twice"));
	ot_import_set_release(&s);
	/* an unsafe id */
	memset(&s, 0, sizeof(s));
	add_record(&s, "../x", "pending");
	CHECK(ot_record_import(&rep, t, &s, 0) == OT_EINVALID && strstr(ot_error_last(), "matters.json"));
	ot_import_set_release(&s);
	ot_members_release(&ms);
	ot_tracker_free(t);
}

TEST(ambiguous_name_lists_candidates)
{
	ot_import_set s = {0};
	ot_record_import_report rep;
	ot_tracker *t = new_tracker();
	council(&s);
	add_member(&s, "Dee Lee", 4, NULL);
	add_record(&s, "O2021-117", "passed");
	free(s.records[0].r.votes[0].roll[0].name);
	s.records[0].r.votes[0].roll[0].name = sdup("Lee");
	CHECK(ot_record_import(&rep, t, &s, 0) == OT_EINVALID);
	CHECK(strstr(ot_error_last(), "Ann Lee (ward 1)") && strstr(ot_error_last(), "Dee Lee (ward 4)"));
	ot_import_set_release(&s);
	ot_tracker_free(t);
}

TEST(dry_run_writes_nothing)
{
	ot_import_set s = {0};
	ot_record_import_report rep;
	ot_tracker *t = new_tracker();
	ot_members ms = {0};
	council(&s);
	add_record(&s, "O2021-117", "passed");
	CHECK(ot_record_import(&rep, t, &s, 1) == 0 && rep.records_new == 1 && rep.members_new == 3);
	ot_record_import_report_release(&rep);
	CHECK(ot_members_load(&ms, t) == 0 && ms.n == 0);
	ot_members_release(&ms);
	ot_import_set_release(&s);
	ot_tracker_free(t);
}

TEST(members_merge_by_person)
{
	static const char csv[] = "name,ward,from,to,aliases\n"
				  "Ann Lee,1,2019-05-20,2023-05-15,\"Lee, Ann M.;Ald. Lee\"\n"
				  "Raúl Ramírez-Ortega,2,2019-05-20,2023-05-15,\n";
	ot_import_set s = {0}, s2 = {0};
	ot_record_import_report rep;
	ot_tracker *t = new_tracker();
	ot_members ms = {0};
	const ot_member *hits[4];
	CHECK(ot_members_csv_read(&s, csv, sizeof(csv) - 1, "council.csv") == 0 && s.nmembers == 2);
	CHECK(s.nmembers == 2 && s.members[0].m.naliases == 2);
	CHECK(ot_record_import(&rep, t, &s, 0) == 0 && rep.members_new == 2);
	ot_record_import_report_release(&rep);
	/* the same people from another source: the second spelling becomes an alias */
	council(&s2);
	CHECK(ot_record_import(&rep, t, &s2, 0) == 0);
	CHECK(rep.members_new == 1 && rep.members_updated == 1); /* Bo is new; Raul written another way */
	ot_record_import_report_release(&rep);
	CHECK(ot_members_load(&ms, t) == 0 && ms.n == 3);
	CHECK(ot_members_match(&ms, "Ald. Lee", "2020-01-01", hits, 4) == 1);
	CHECK(ot_members_match(&ms, "RAMIREZ-ORTEGA, RAUL", "2020-01-01", hits, 4) == 1);
	CHECK(ot_members_match(&ms, "Ann Lee", "2024-01-01", hits, 4) == 0); /* the term is over */
	ot_members_release(&ms);
	ot_import_set_release(&s);
	ot_import_set_release(&s2);
	ot_tracker_free(t);
}

/* Chicago's office records write "Last, Jr., First"; the votes "First
 * Last, Jr.": one person.  A seat handed over on the day one term ends
 * and the next begins is not two members on one ward. */
TEST(suffix_forms_and_handover)
{
	static const char csv[] = "name,ward,from,to\n"
				  "\"Brookins, Jr., Howard\",21,2019-05-20,2021-02-10\n"
				  "Ronnie Mosley,21,2021-02-10,2023-05-15\n";
	ot_import_set s = {0};
	ot_record_import_report rep;
	ot_tracker *t = new_tracker();
	ot_members ms = {0};
	const ot_member *hits[4];
	CHECK(ot_members_csv_read(&s, csv, sizeof(csv) - 1, "m.csv") == 0);
	CHECK(ot_record_import(&rep, t, &s, 0) == 0 && rep.members_new == 2);
	ot_record_import_report_release(&rep);
	CHECK(ot_members_load(&ms, t) == 0);
	CHECK(ot_members_match(&ms, "Howard Brookins, Jr.", "2020-01-01", hits, 4) == 1);
	CHECK(ot_members_match(&ms, "Brookins Jr., Howard", "2020-01-01", hits, 4) == 1);
	CHECK(ot_members_match(&ms, "Ronnie Mosley", "2021-06-01", hits, 4) == 1);
	/* an office and its holder, as NYC's Legistar names sponsors */
	CHECK(ot_members_match(&ms, "The Speaker (Council Member Mosley)", "2021-06-01", hits, 4) == 1);
	CHECK(ot_members_match(&ms, "The Speaker (Council Member Nobody)", "2021-06-01", hits, 4) == 0);
	ot_members_release(&ms);
	ot_import_set_release(&s);
	ot_tracker_free(t);
}

TEST(members_csv_refusals)
{
	static const char *const bad[] = {
	    "name,wrd\nAnn Lee,1\n",           /* unknown column */
	    "ward,from\n1,2020-01-01\n",       /* no name column */
	    "name,ward\nAnn Lee,x\n",          /* ward not a number */
	    "name,from\nAnn Lee,2021-02-30\n", /* impossible date */
	    "name,ward\n\"Ann Lee,1\n",        /* unclosed quote */
	    "name,ward\n",                     /* nobody */
	    "name,ward\n\xff\xfe,1\n",         /* invalid UTF-8 */
	};
	size_t i;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ot_import_set s = {0};
		int err = ot_members_csv_read(&s, bad[i], strlen(bad[i]), "m.csv");
		CHECK(err == OT_EINVALID && strstr(ot_error_last(), "m.csv"));
		if (err != OT_EINVALID)
			printf("#   accepted: %s\n", bad[i]);
		ot_import_set_release(&s);
	}
}

int main(void)
{
	char cmd[200];
	if (!mkdtemp(tmpdir))
		return 1;
	RUN(import_into_empty_tracker);
	RUN(newer_scrape_adds_only_what_is_new);
	RUN(refusals_write_nothing);
	RUN(ambiguous_name_lists_candidates);
	RUN(dry_run_writes_nothing);
	RUN(members_merge_by_person);
	RUN(suffix_forms_and_handover);
	RUN(members_csv_refusals);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		return 1;
	return test_summary();
}
