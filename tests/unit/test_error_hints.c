/*
 * test_error_hints.c - the hint beside the last error (ot_error_hint):
 * ot_error_set and ot_error_clear reset it, it lasts until the next
 * error, and library calls that fail attach theirs (with the value it
 * names) to a one-line message that states the facts and gives no
 * command-line advice (no "--option", no "ordtrack COMMAND").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ordtrack/ordtrack.h"
#include "ordtrack/record.h"
#include "ordtrack/render.h"
#include "ordtrack/rev.h"
#include "test.h"

static char tmpdir[256];

/* the last message is one line of facts: no option, no command to type
 * ("ordtrack" may name the program: "not an ordtrack tracker") */
static int plain_message(void)
{
	static const char *const commands[] = {
	    "init", "add", "log", "show", "diff", "history", "blame", "search", "member", "propose", "revise",
	    "action", "vote", "pass", "fail", "withdraw", "status", "records", "votes", "conflicts", "import",
	    "export", "summary", "publish", "fsck", "reindex", "help"};
	const char *m = ot_error_last(), *at;
	size_t i;
	int ok = *m && !strchr(m, '\n') && !strstr(m, "--") && !strstr(m, "'ordtrack");
	for (at = m; ok && (at = strstr(at, "ordtrack ")) != NULL; at++)
		for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
			size_t n = strlen(commands[i]);
			if (strncmp(at + 9, commands[i], n) == 0 && !((at[9 + n] >= 'a' && at[9 + n] <= 'z')))
				ok = 0;
		}
	if (!ok)
		printf("#   message: %s\n", m);
	return ok;
}

TEST(set_and_clear_reset_the_hint)
{
	ot_error_clear();
	CHECK(ot_error_last_hint() == OT_HINT_NONE);
	CHECK_STR(ot_error_last_hint_subject(), "");

	ot_error_set(OT_EINVALID, "first");
	CHECK(ot_error_last_hint() == OT_HINT_NONE);
	ot_error_hint(OT_HINT_FORCE);
	CHECK(ot_error_last_hint() == OT_HINT_FORCE);
	CHECK_STR(ot_error_last_hint_subject(), "");

	/* a new error starts without one */
	ot_error_set(OT_EINVALID, "second");
	CHECK(ot_error_last_hint() == OT_HINT_NONE);

	ot_error_hint_about(OT_HINT_INIT, "%s/%d", "/some/dir", 7);
	CHECK(ot_error_last_hint() == OT_HINT_INIT);
	CHECK_STR(ot_error_last_hint_subject(), "/some/dir/7");
	ot_error_set(OT_ENOTFOUND, "third");
	CHECK(ot_error_last_hint() == OT_HINT_NONE);
	CHECK_STR(ot_error_last_hint_subject(), "");

	ot_error_set(OT_ENOTFOUND, "fourth");
	ot_error_hint_about(OT_HINT_LIST_VERSIONS, "9-99");
	ot_error_clear();
	CHECK(ot_error_last_hint() == OT_HINT_NONE);
	CHECK_STR(ot_error_last_hint_subject(), "");
	CHECK_STR(ot_error_last(), "");
}

TEST(hint_lasts_until_the_next_error)
{
	ot_vote v;
	ot_error_set(OT_EINVALID, "kept");
	ot_error_hint_about(OT_HINT_LIST_CLAUSES, "%s", "9-99");
	/* reading it, a warning and a call that succeeds leave it alone */
	CHECK_STR(ot_error_last(), "kept");
	ot_warning_clear();
	memset(&v, 0, sizeof(v));
	v.result = OT_RESULT_PASS;
	v.counts[OT_VOTE_YES] = 3;
	v.counts[OT_VOTE_NO] = 1;
	CHECK(ot_vote_check_threshold(&v, 5) == 0);
	CHECK(ot_error_last_hint() == OT_HINT_LIST_CLAUSES);
	CHECK_STR(ot_error_last_hint_subject(), "9-99");
	CHECK_STR(ot_error_last(), "kept");
	/* until the next failure, which sets its own (or none) */
	v.result = OT_RESULT_NONE;
	CHECK(ot_vote_check_threshold(&v, 5) == OT_EINVALID);
	CHECK(ot_error_last_hint() == OT_HINT_NONE);
	CHECK_STR(ot_error_last_hint_subject(), "");
}

TEST(vote_threshold_hints)
{
	ot_vote v;
	memset(&v, 0, sizeof(v));
	/* no rule, a pass with a tie: check the roll, give the rule, or force */
	v.result = OT_RESULT_PASS;
	v.threshold = OT_THRESHOLD_NONE;
	v.counts[OT_VOTE_YES] = 2;
	v.counts[OT_VOTE_NO] = 2;
	CHECK(ot_vote_check_threshold(&v, 5) == OT_EINVALID);
	CHECK(ot_error_last_hint() == OT_HINT_THRESHOLD);
	CHECK_STR(ot_error_last(), "the result is 'pass' but the roll has 2 yes and 2 no");
	CHECK(plain_message());
	/* a rule the counts contradict: it can be forced */
	v.threshold = OT_THRESHOLD_MAJORITY_OF_MEMBERS;
	v.counts[OT_VOTE_YES] = 2;
	v.counts[OT_VOTE_NO] = 0;
	CHECK(ot_vote_check_threshold(&v, 5) == OT_EINVALID);
	CHECK(ot_error_last_hint() == OT_HINT_FORCE);
	CHECK(strstr(ot_error_last(), "the result 'pass' contradicts the counts: 2 yes of 5 members") != NULL);
	CHECK(plain_message());
}

TEST(not_a_tracker_hints_init)
{
	ot_tracker *t = NULL;
	char dir[300];
	snprintf(dir, sizeof(dir), "%s/plain", tmpdir);
	CHECK(mkdir(dir, 0700) == 0);
	CHECK(ot_tracker_open(&t, dir) == OT_ENOTFOUND);
	CHECK(t == NULL);
	CHECK(ot_error_last_hint() == OT_HINT_INIT);
	CHECK_STR(ot_error_last_hint_subject(), dir);
	CHECK(strstr(ot_error_last(), "is not an ordtrack tracker") != NULL);
	CHECK(plain_message());
}

TEST(empty_tracker_hints)
{
	ot_tracker *t = NULL;
	ot_record r;
	ot_rev rev;
	ot_action a;
	ot_propose p;
	const char *const sponsors[] = {"Ann Lee"};
	char dir[300], commit[41];

	snprintf(dir, sizeof(dir), "%s/t", tmpdir);
	CHECK(ot_tracker_init(dir) == 0);
	CHECK(ot_tracker_open(&t, dir) == 0);
	if (!t)
		return;

	/* a record is based on the code in force: there is none */
	memset(&p, 0, sizeof(p));
	p.id = "O2022-1";
	p.title = "Two-minute idling";
	p.date = "2022-01-10";
	p.sponsors = sponsors;
	p.nsponsors = 1;
	CHECK(ot_record_propose(commit, t, &p) == OT_ENOTFOUND);
	CHECK(ot_error_last_hint() == OT_HINT_ADD_FIRST);
	CHECK_STR(ot_error_last(), "the tracker has no code in force yet");
	/* what a record lacks is said in the library's terms */
	p.title = "";
	CHECK(ot_record_propose(commit, t, &p) == OT_EINVALID);
	CHECK(ot_error_last_hint() == OT_HINT_TITLE);
	CHECK_STR(ot_error_last(), "a record needs a title");
	p.title = "T";
	p.nsponsors = 0;
	CHECK(ot_record_propose(commit, t, &p) == OT_EINVALID);
	CHECK(ot_error_last_hint() == OT_HINT_SPONSOR);
	CHECK(plain_message());

	CHECK(ot_record_load(&r, NULL, t, "O2022-1") == OT_ENOTFOUND);
	CHECK(ot_error_last_hint() == OT_HINT_LIST_RECORDS);
	CHECK_STR(ot_error_last(), "unknown record 'O2022-1'");

	memset(&rev, 0, sizeof(rev));
	CHECK(ot_rev_resolve(&rev, t, "9-99") == OT_ENOTFOUND);
	CHECK(ot_error_last_hint() == OT_HINT_LIST_ORDINANCES_AND_RECORDS);
	CHECK(plain_message());
	ot_rev_release(&rev);

	/* a closing action is recorded by the step that closes the record */
	memset(&a, 0, sizeof(a));
	a.date = (char *)"2022-02-01";
	a.type = OT_ACTION_PASSAGE;
	CHECK(ot_record_action(commit, t, "O2022-1", &a) == OT_EINVALID);
	CHECK(ot_error_last_hint() == OT_HINT_CLOSE_PASS);
	CHECK_STR(ot_error_last_hint_subject(), "O2022-1");
	CHECK(plain_message());
	a.type = OT_ACTION_WITHDRAWAL;
	CHECK(ot_record_action(commit, t, "O2022-1", &a) == OT_EINVALID);
	CHECK(ot_error_last_hint() == OT_HINT_CLOSE_WITHDRAW);

	ot_tracker_free(t);
}

TEST(repeal_hints_the_last_text)
{
	ot_rev rev;
	memset(&rev, 0, sizeof(rev));
	rev.ordinance = (char *)"9-92";
	rev.date = (char *)"2020-03-01";
	memcpy(rev.commit, "0123456789abcdef0123456789abcdef01234567", 41);
	rev.number = 3;
	rev.repealed = 0;
	ot_error_clear();
	CHECK(ot_rev_require_text(&rev) == 0);
	rev.repealed = 1;
	CHECK(ot_rev_require_text(&rev) == OT_ENOTFOUND);
	CHECK_STR(ot_error_last(), "9-92 was repealed on 2020-03-01 (version 3, commit 0123456789ab): a repeal has no text");
	CHECK(ot_error_last_hint() == OT_HINT_LAST_TEXT);
	CHECK_STR(ot_error_last_hint_subject(), "9-92@2");
	/* a repeal as the first version: no earlier text to point to */
	rev.number = 1;
	CHECK(ot_rev_require_text(&rev) == OT_ENOTFOUND);
	CHECK(ot_error_last_hint() == OT_HINT_NONE);
	CHECK(plain_message());
}

TEST(stat_format_hint)
{
	ot_diff d;
	ot_buf out = OT_BUF_INIT;
	memset(&d, 0, sizeof(d));
	CHECK(ot_render_diff_stat(&out, &d, OT_FORMAT_HTML) == OT_EINVALID);
	CHECK(ot_error_last_hint() == OT_HINT_STAT);
	CHECK(plain_message());
	ot_buf_release(&out);
}

int main(void)
{
	char cmd[300];
	int rc;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/ordtrack-test-XXXXXX");
	if (!mkdtemp(tmpdir))
		return 2;
	RUN(set_and_clear_reset_the_hint);
	RUN(hint_lasts_until_the_next_error);
	RUN(vote_threshold_hints);
	RUN(not_a_tracker_hints_init);
	RUN(empty_tracker_hints);
	RUN(repeal_hints_the_last_text);
	RUN(stat_format_hint);
	rc = test_summary();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		rc = 1;
	return rc;
}
