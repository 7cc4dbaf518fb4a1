/*
 * main.c - the ordtrack command: global options, the command table, help
 * and the suggestion for a mistyped command.  Each command lives in
 * src/cmd/<verb>.c (see src/cmd/cmd.h for the checklist).
 */
#include <stdlib.h>
#include <string.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "cmd/cmd.h"

static const ot_command commands[] = {
	{"init", cmd_init, "create a tracker",
	 "usage: ordtrack init [DIR]\n"
	 "\n"
	 "Create a tracker in DIR (default: .ordtrack): a bare git repository\n"
	 "holding the record, with ordtrack's SQLite index inside it.\n"},
	{"add", cmd_add, "record a new version of an ordinance",
	 "usage: ordtrack add ORD FILE [options]\n"
	 "\n"
	 "Record the text in FILE (plain text; - for stdin) as the new version\n"
	 "of ordinance ORD on main.  Text identical to the current version is\n"
	 "reported and nothing is written.\n"
	 "\n"
	 "  --title T          the ordinance's title (default: the file's CHAPTER\n"
	 "                     line, else the title stored before)\n"
	 "  --date YYYY-MM-DD  the legislative date (default: today)\n"
	 "  --stage STAGE      introduced, substitute, amended, recommended,\n"
	 "                     passed, enacted (default), failed, withdrawn\n"
	 "  --record RECORD    the record that made this version (O2021-117)\n"
	 "  --sponsor NAME     a sponsor of that record (repeatable)\n"
	 "  -m, --message MSG  the commit message\n"
	 "  --replace-notes    store only the notes FILE carries (by default a\n"
	 "                     section without notes in FILE keeps its notes, and\n"
	 "                     add says so; notes not kept are listed)\n"},
	{"log", cmd_log, "list versions, newest first",
	 "usage: ordtrack log [ORD] [--format text|json]\n"
	 "\n"
	 "List the versions of ORD (or of every ordinance), newest first: date,\n"
	 "stage, record, short commit, revision and message.\n"},
	{"show", cmd_show, "print the text of an ordinance at a version",
	 "usage: ordtrack show ORD[@REV] [--clause ID] [--notes] [--format text|json]\n"
	 "\n"
	 "Print the text of an ordinance at a revision (default: latest), or of\n"
	 "one clause and its children.  REV is N, YYYY-MM-DD or a commit prefix.\n"
	 "--notes prints each section's notes (history, editorial) after it.\n"},
	{"diff", cmd_diff, "clause-level changes between two versions",
	 "usage: ordtrack diff REV1 REV2 [options]\n"
	 "       ordtrack diff ORD [options]          (its last two versions)\n"
	 "       ordtrack diff --all CODE1 CODE2 [options]   (the whole code)\n"
	 "       ordtrack diff --files OLD NEW [options]\n"
	 "\n"
	 "  --format F         text (default), json, markdown, html, unified\n"
	 "  --stat             only the counts per kind of change\n"
	 "  --exit-code        exit 1 when the law differs (typographic changes too),\n"
	 "                     0 when not\n"
	 "  --notes            with --exit-code, a change in notes counts too\n"
	 "  --all              compare the whole code; CODE is main, main~N,\n"
	 "                     @YYYY-MM-DD (main as in force then) or a commit\n"
	 "  --context N        show N unchanged clauses around each change (text,\n"
	 "                     html; unified diffs always show 3 lines)\n"
	 "  --color WHEN       auto (default), always, never; NO_COLOR is honoured\n"},
	{"history", cmd_history, "every version of one clause",
	 "usage: ordtrack history ORD --clause ID [--format text|json]\n"
	 "\n"
	 "Every version of ORD at which clause ID was added, amended or removed,\n"
	 "with its date, stage and record; answered from the index.\n"},
	{"blame", cmd_blame, "which version and record last changed each clause",
	 "usage: ordtrack blame ORD[@REV] [--format text|json]\n"
	 "\n"
	 "For every clause of the text, the version and record that last changed\n"
	 "it, with the date and the tally of the record's passing vote.\n"},
	{"search", cmd_search, "full-text search of the law in force",
	 "usage: ordtrack search QUERY [--ordinance ORD] [--as-of DATE] [--records]\n"
	 "                             [--limit N] [--format text|json]\n"
	 "\n"
	 "Search the clause text in force (or in force on DATE) with SQLite FTS5:\n"
	 "words, \"a phrase\", OR, NOT, prefix*.  Each hit shows its clause id and\n"
	 "a snippet with the match in [brackets].  --records searches record\n"
	 "titles and sponsors instead.  A query FTS5 cannot read (O'Shea, a\n"
	 "stray quote or operator) is searched as one phrase, and said so.  No\n"
	 "match is exit 1, as with grep.\n"},
	{"member", cmd_member, "add or list council members",
	 "usage: ordtrack member add NAME --ward N [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
	 "       ordtrack member list [--format text|json]\n"
	 "\n"
	 "The council's members (members.json on main), with their wards and\n"
	 "terms.  Roll calls name members; a name resolves to the member serving\n"
	 "on the vote's date (full name, or the last word when that is unique).\n"
	 "\n"
	 "  --ward N           the member's ward (0 for none: the mayor, at-large)\n"
	 "  --from DATE        first day of the term (default: since always)\n"
	 "  --to DATE          last day of the term (default: still serving)\n"
	 "  --format F         list: text (default) or json\n"},
	{"propose", cmd_propose, "open a record proposing new texts",
	 "usage: ordtrack propose RECORD ORD FILE|--redline DOC [ORD FILE|--redline DOC ...]\n"
	 "                        --date D --title T --sponsor NAME [--sponsor NAME ...] [--type TYPE]\n"
	 "\n"
	 "Open record RECORD (a branch refs/records/RECORD based on main as it\n"
	 "stands) whose text is FILE for each ordinance ORD: the code as it would\n"
	 "read if the record passed.  FILE is plain text, XML or HTML.  With\n"
	 "--redline DOC, DOC is an amendment in strike/underline form (HTML\n"
	 "<s>/<del>/line-through struck, <u>/<ins>/underline inserted; or text with\n"
	 "[[struck]] and {{inserted}}) applied to the text of ORD in force; unless\n"
	 "every struck passage is in force, each mismatch is listed and nothing is\n"
	 "recorded (see docs/redline.md).\n"
	 "\n"
	 "  --redline DOC      amend the ORD just before it by redline DOC\n"
	 "  --date YYYY-MM-DD  the date of introduction (required)\n"
	 "  --title T          the record's title (required)\n"
	 "  --sponsor NAME     a sponsor (required, repeatable)\n"
	 "  --type TYPE        ordinance (default), substitute, resolution, order\n"},
	{"revise", cmd_revise, "record a new text of a pending record",
	 "usage: ordtrack revise RECORD ORD FILE|--redline DOC [ORD FILE|--redline DOC ...]\n"
	 "                       --date D [--stage STAGE]\n"
	 "\n"
	 "A new version of a pending record's text for the ordinances given.  A\n"
	 "redline (--redline DOC) is applied to the record's current text of ORD.\n"
	 "\n"
	 "  --redline DOC      amend the ORD just before it by redline DOC\n"
	 "  --date YYYY-MM-DD  the date of the new text (required)\n"
	 "  --stage STAGE      substitute (default) or amended\n"},
	{"action", cmd_action, "record an action on a pending record",
	 "usage: ordtrack action RECORD --date D --type TYPE [--body BODY] [--text TEXT]\n"
	 "\n"
	 "  --date YYYY-MM-DD  the date of the action (required)\n"
	 "  --type TYPE        an Open Civic Data action type (required):\n"
	 "                     referral-committee, committee-passage, deferral,\n"
	 "                     amendment-introduction, executive-signature, ...\n"
	 "  --body BODY        the organization acting (a committee)\n"
	 "  --text TEXT        a description\n"},
	{"vote", cmd_vote, "record a roll-call vote on a pending record",
	 "usage: ordtrack vote RECORD --date D --motion TEXT --result pass|fail\n"
	 "                     (--yes NAME ... --no NAME ... [--abstain NAME ...]\n"
	 "                      [--absent NAME ...] [--excused NAME ...]\n"
	 "                      [--not-voting NAME ...] | --roll FILE)\n"
	 "                     [--threshold RULE] [--force REASON] [--format text|json]\n"
	 "\n"
	 "Record a roll call.  Each of --yes, --no, --abstain, --absent, --excused\n"
	 "and --not-voting takes one NAME or a comma-separated list, and may be\n"
	 "repeated.  Names resolve to the members serving on the date.\n"
	 "\n"
	 "  --date YYYY-MM-DD  the date of the vote (required)\n"
	 "  --motion TEXT      what was voted on (required)\n"
	 "  --result R         pass or fail (required)\n"
	 "  --roll FILE        the roll call as CSV, one member per line: name,option\n"
	 "                     (quoted fields, a 'name,option' header, blank lines\n"
	 "                     and # comments allowed), or an Open Civic Data vote\n"
	 "                     event (JSON; its motion_text, start_date and result\n"
	 "                     stand in for --motion, --date, --result); every\n"
	 "                     serving member must be listed\n"
	 "  --threshold RULE   majority-of-members, majority-present or\n"
	 "                     two-thirds-of-members: the result is checked against it\n"
	 "  --force REASON     record a result that contradicts the threshold anyway\n"
	 "  --format F         text (default) or json\n"},
	{"pass", cmd_pass, "enact a pending record: merge it into main",
	 "usage: ordtrack pass RECORD --date D [--effective D]\n"
	 "\n"
	 "Merge the record's changes, clause by clause, into the code as it stands.\n"
	 "When a clause it changes was changed differently since it was introduced,\n"
	 "each such clause is printed and nothing is recorded (exit 1).\n"
	 "\n"
	 "  --date YYYY-MM-DD       the date of passage (required)\n"
	 "  --effective YYYY-MM-DD  the date it takes effect\n"},
	{"fail", cmd_fail_record, "close a pending record as failed",
	 "usage: ordtrack fail RECORD --date D\n"
	 "\n"
	 "  --date YYYY-MM-DD  the date it failed (required)\n"},
	{"withdraw", cmd_withdraw, "close a pending record as withdrawn",
	 "usage: ordtrack withdraw RECORD --date D\n"
	 "\n"
	 "  --date YYYY-MM-DD  the date it was withdrawn (required)\n"},
	{"status", cmd_status, "a record: sponsors, timeline, votes, changes",
	 "usage: ordtrack status RECORD [--format text|json]\n"
	 "\n"
	 "Title, type, status and sponsors of RECORD; its actions and votes in\n"
	 "date order with each vote's tally and roll call; the clauses it changes\n"
	 "(its text against the code it was based on); and, while pending, the\n"
	 "pending records that change the same clauses.\n"},
	{"records", cmd_records, "list records",
	 "usage: ordtrack records [--status S] [--sponsor NAME] [--ordinance ORD]\n"
	 "                        [--format text|json]\n"
	 "\n"
	 "  --status S         pending, passed, failed or withdrawn\n"
	 "  --sponsor NAME     records with this sponsor (case-insensitive; the\n"
	 "                     full name or its last word)\n"
	 "  --ordinance ORD    records that change ORD\n"
	 "  --format F         text (default) or json\n"},
	{"votes", cmd_votes, "every vote a member cast",
	 "usage: ordtrack votes --member NAME [--format text|json]\n"
	 "\n"
	 "Every roll call that member was on: date, record, motion, how they\n"
	 "voted and the result, oldest first.\n"},
	{"conflicts", cmd_conflicts, "pending records that change the same clauses",
	 "usage: ordtrack conflicts [--format text|json]\n"
	 "\n"
	 "Every pair of pending records whose changes (each against the code it\n"
	 "was based on) touch the same clause, with the clause ids.\n"},
	{"import", cmd_import, "import a whole code as one version",
	 "usage: ordtrack import PATH --date YYYY-MM-DD [--message M] [--stage STAGE]\n"
	 "                       [--keep-going] [--complete]\n"
	 "\n"
	 "Record a whole code as one commit on main.  PATH is a directory tree of\n"
	 "section files (text, XML or HTML; dot files skipped, symbolic links\n"
	 "refused) or one file.  Sections are grouped into ordinances by chapter\n"
	 "(2-173-020 -> 2-173); a file in a directory named after its sections'\n"
	 "number prefix goes to that ordinance.  Unchanged ordinances are left as\n"
	 "they are; when nothing changed, nothing is written.  A progress line is\n"
	 "shown when stderr is a terminal.  See docs/import.md.\n"
	 "\n"
	 "  --date YYYY-MM-DD  the date the text is in force (required)\n"
	 "  --stage STAGE      introduced, ..., enacted (default), ...\n"
	 "  -m, --message MSG  the commit message\n"
	 "  --keep-going       record the files that can be read; name the others\n"
	 "                     (stderr, commit message) and exit 3\n"
	 "  --complete         PATH is the whole code: chapters main has and PATH\n"
	 "                     lacks are repealed (without it they are left alone)\n"
	 "\n"
	 "Every file is read: each one that cannot be is named (file:line), and\n"
	 "without --keep-going nothing is recorded.  Repeated importer warnings\n"
	 "are grouped into one line with a count.\n"},
	{"export", cmd_export, "export an ordinance or record in a standard format",
	 "usage: ordtrack export ORD[@REV]|RECORD[@REV] --format akn [options]\n"
	 "       ordtrack export RECORD --format ocd [options]\n"
	 "\n"
	 "Akoma Ntoso 3.0 XML: an ordinance as an act (FRBR identification, its\n"
	 "versions as lifecycle events, the clause hierarchy with eIds); a record\n"
	 "as a bill (its text, actions and votes as workflow steps, one textualMod\n"
	 "per changed clause).  Open Civic Data JSON: a record as a bill with its\n"
	 "vote events.  See docs/export.md.\n"
	 "\n"
	 "  --format F         akn or ocd (required)\n"
	 "  -o, --output FILE  write FILE (atomically) instead of stdout\n"
	 "  --country CC       FRBR country code (default: us)\n"
	 "  --locality NAME    FRBR locality\n"
	 "  --organization N   the council's name (default: City Council)\n"
	 "  --session NAME     OCD legislative session\n"},
	{"summary", cmd_summary, "a change summary for publication",
	 "usage: ordtrack summary RECORD [--format FORMAT]\n"
	 "       ordtrack summary REV1..REV2 [--format FORMAT]\n"
	 "\n"
	 "What a record changes, or what changed between two versions, for the\n"
	 "public: a headline, the ordinances affected, sponsors, the timeline with\n"
	 "dates, each vote's tally and roll call (yes / no / other, with wards), one\n"
	 "line per changed clause, then the full redline.  Everything comes from the\n"
	 "record; what is not recorded is shown as not recorded.  See docs/summary.md.\n"
	 "\n"
	 "  --format FORMAT   text (default), markdown, html or json\n"
	 "  --color WHEN      text: auto (default), always or never\n"},
	{"publish", cmd_publish, "publish a static site with an Atom feed",
	 "usage: ordtrack publish --out DIR [--base-url URL] [--title TITLE]\n"
	 "\n"
	 "Write a static site of the tracker into DIR, readable from file:// or any\n"
	 "static host without JavaScript: index.html (ordinances and records, newest\n"
	 "activity first), a page per ordinance (the text in force with an anchor per\n"
	 "clause, its versions and who last changed each clause), a page per record\n"
	 "(summary, votes with charts, redline), the members and each member's votes,\n"
	 "style.css, and feed.xml (Atom: enactments, votes and actions, newest 200).\n"
	 "Republishing writes only the pages whose content changed\n"
	 "(DIR/.ordtrack-publish.json keeps track).  DIR is created when missing; an\n"
	 "existing DIR must be empty or written by ordtrack publish.  Prints\n"
	 "'published N pages to DIR: W written, K kept'.  See docs/publish.md.\n"
	 "\n"
	 "  -o, --out DIR      the site's directory (required)\n"
	 "  --base-url URL     the site's address: the feed's links become absolute\n"
	 "  --title TITLE      the site's title (default: City ordinances)\n"},
	{"fsck", cmd_fsck, "check the tracker's integrity",
	 "usage: ordtrack fsck [--repair] [--format text|json]\n"
	 "\n"
	 "Check the tracker: refs and objects (hashes verified), the layout and names\n"
	 "of every tree, section texts, records/*.json and members.json, stale git\n"
	 "lock files, and the index (integrity_check, foreign_key_check, and a\n"
	 "comparison with a fresh rebuild from git).  One line per problem:\n"
	 "'ordtrack fsck: <kind>: <where>: <what>'.  Exit 0 when clean, 1 otherwise.\n"
	 "\n"
	 "  --repair          remove stale git lock files and rebuild the index from\n"
	 "                    git (never touches objects or refs), then check again\n"
	 "  --format FORMAT   text (default) or json (ordtrack-fsck/1)\n"},
	{"reindex", cmd_reindex, "rebuild the SQLite index from git",
	 "usage: ordtrack reindex\n"
	 "\n"
	 "Drop the index and rebuild it from the git record alone.\n"},
	{"help", cmd_help, "show help for a command",
	 "usage: ordtrack help [COMMAND]\n"},
};

const ot_command *cmd_lookup(const char *name)
{
	size_t i;
	for (i = 0; i < (sizeof(commands) / sizeof(commands[0])); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

void cmd_print_usage(const char *name, FILE *to)
{
	const ot_command *c = cmd_lookup(name);
	if (c)
		fprintf(to, "%s", c->usage);
	if (to == stdout)
		fprintf(to, "\nAll commands take --tracker DIR and --help.\n");
}

static void print_overview(FILE *to)
{
	size_t i;
	fprintf(to, "usage: ordtrack [--tracker DIR] COMMAND [ARGS]\n"
		    "       ordtrack --version | --help | help COMMAND\n\n"
		    "Track city council ordinances and their amendments.\n\nCommands:\n");
	for (i = 0; i < (sizeof(commands) / sizeof(commands[0])); i++)
		fprintf(to, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fprintf(to, "\nRevisions: ORD, ORD@N, ORD@YYYY-MM-DD, ORD@COMMIT.\n"
		    "Whole code (diff --all): main, main~N, @YYYY-MM-DD, COMMIT.\n"
		    "Exit status: 0 success, 1 error, 2 usage (diff --exit-code: 1 = differences),\n"
		    "3 import --keep-going: recorded, but some files were refused.\n");
}

int cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		print_overview(stdout);
		return OT_EXIT_OK;
	}
	if (!cmd_lookup(argv[1]))
		return cmd_usage_error("help", "no command '%s'", argv[1]);
	cmd_print_usage(argv[1], stdout);
	return OT_EXIT_OK;
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, prev, tmp, row[64];
	if (la >= 64 || lb >= 64)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			tmp = row[j];
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}

static int unknown_command(const char *name)
{
	size_t i, best = 99, d;
	const char *hint = NULL;
	for (i = 0; i < (sizeof(commands) / sizeof(commands[0])); i++) {
		d = edit_distance(name, commands[i].name);
		if (strncmp(name, commands[i].name, strlen(name)) == 0 && strlen(name) >= 2)
			d = 1;
		if (d < best) {
			best = d;
			hint = commands[i].name;
		}
	}
	fprintf(stderr, "ordtrack: '%s' is not an ordtrack command; see 'ordtrack --help'\n", name);
	if (hint && best <= 2)
		fprintf(stderr, "\nThe most similar command is\n\t%s\n", hint);
	return OT_EXIT_USAGE;
}

int main(int argc, char **argv)
{
	int i = 1, rc;
	const ot_command *c;

#if defined(__GLIBC__)
	/* A whole code is hundreds of thousands of small nodes, built and
	 * freed together; glibc's fastbins then spend more time consolidating
	 * on free than the parser spends parsing (diff --files on 20 MB:
	 * 0.43 s -> 0.34 s without them). */
	mallopt(M_MXFAST, 0);
#endif
	/* out of memory: one line and exit 4; ORDTRACK_TEST_FAIL_ALLOC (tests) */
	if ((rc = cmd_memory_setup()) != OT_EXIT_OK)
		return rc;
	cmd_limits_from_env();

	while (i < argc && argv[i][0] == '-') {
		const char *a = argv[i];
		if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
			printf("ordtrack %s\n", OT_VERSION);
			return OT_EXIT_OK;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			print_overview(stdout);
			return OT_EXIT_OK;
		} else if (strcmp(a, "--tracker") == 0 && i + 1 < argc) {
			cmd_set_tracker(argv[i + 1]);
			i += 2;
		} else if (strncmp(a, "--tracker=", 10) == 0) {
			cmd_set_tracker(a + 10);
			i++;
		} else {
			fprintf(stderr, "ordtrack: unknown option '%s'; see 'ordtrack --help'\n", a);
			return OT_EXIT_USAGE;
		}
	}
	if (i >= argc) {
		print_overview(stderr);
		return OT_EXIT_USAGE;
	}
	c = cmd_lookup(argv[i]);
	if (!c)
		return unknown_command(argv[i]);
	rc = c->fn(argc - i, argv + i);
	if (*ot_warning_last())
		fprintf(stderr, "ordtrack: warning: %s\n", ot_warning_last());
	return rc;
}
