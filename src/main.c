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

static const cmd_opt no_opts[] = {{NULL, 0, 0, NULL, NULL}};
const cmd_spec cmd_spec_help = {"usage: ordtrack help [COMMAND]\n", no_opts, NULL, 0};

static const ot_command commands[] = {
	{"init", cmd_init, "create a tracker", &cmd_spec_init},
	{"add", cmd_add, "record a new version of an ordinance", &cmd_spec_add},
	{"log", cmd_log, "list versions, newest first", &cmd_spec_log},
	{"show", cmd_show, "print the text of an ordinance at a version", &cmd_spec_show},
	{"diff", cmd_diff, "clause-level changes between two versions", &cmd_spec_diff},
	{"history", cmd_history, "every version of one clause", &cmd_spec_history},
	{"blame", cmd_blame, "which version and record last changed each clause", &cmd_spec_blame},
	{"search", cmd_search, "full-text search of the law in force", &cmd_spec_search},
	{"member", cmd_member, "add or list council members", &cmd_spec_member},
	{"propose", cmd_propose, "open a record proposing new texts", &cmd_spec_propose},
	{"revise", cmd_revise, "record a new text of a pending record", &cmd_spec_revise},
	{"action", cmd_action, "record an action on a pending record", &cmd_spec_action},
	{"sponsor", cmd_sponsor, "add or remove a co-sponsor of a pending record", &cmd_spec_sponsor},
	{"vote", cmd_vote, "record a roll-call vote on a pending record", &cmd_spec_vote},
	{"pass", cmd_pass, "enact a pending record: merge it into main", &cmd_spec_pass},
	{"fail", cmd_fail_record, "close a pending record as failed", &cmd_spec_fail},
	{"withdraw", cmd_withdraw, "close a pending record as withdrawn", &cmd_spec_withdraw},
	{"status", cmd_status, "a record: sponsors, timeline, votes, changes", &cmd_spec_status},
	{"records", cmd_records, "list records", &cmd_spec_records},
	{"votes", cmd_votes, "every vote a member cast", &cmd_spec_votes},
	{"conflicts", cmd_conflicts, "pending records that change the same clauses", &cmd_spec_conflicts},
	{"import", cmd_import, "import a whole code as one version", &cmd_spec_import},
	{"import-record", cmd_import_record, "import records and members from Legistar, eLMS or OCD files",
	 &cmd_spec_import_record},
	{"export", cmd_export, "export an ordinance or record in a standard format", &cmd_spec_export},
	{"summary", cmd_summary, "a change summary for publication", &cmd_spec_summary},
	{"publish", cmd_publish, "publish a static site with an Atom feed", &cmd_spec_publish},
	{"fsck", cmd_fsck, "check the tracker's integrity", &cmd_spec_fsck},
	{"reindex", cmd_reindex, "rebuild the SQLite index from git", &cmd_spec_reindex},
	{"help", cmd_help, "show help for a command", &cmd_spec_help},
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
		cmd_spec_print(c->spec, to);
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
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		cmd_print_usage("help", stdout);
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
