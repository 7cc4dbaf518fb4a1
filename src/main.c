/*
 * main.c - the ordtrack command: global options, the command table, help
 * and the suggestion for a mistyped command.  Each command lives in
 * src/cmd/<verb>.c (see src/cmd/cmd.h for the checklist).
 */
#include <stdlib.h>
#include <string.h>

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
	 "  -m, --message MSG  the commit message\n"},
	{"log", cmd_log, "list versions, newest first",
	 "usage: ordtrack log [ORD] [--format text|json]\n"
	 "\n"
	 "List the versions of ORD (or of every ordinance), newest first: date,\n"
	 "stage, record, short commit, revision and message.\n"},
	{"show", cmd_show, "print the text of an ordinance at a version",
	 "usage: ordtrack show ORD[@REV] [--clause ID] [--format text|json]\n"
	 "\n"
	 "Print the text of an ordinance at a revision (default: latest), or of\n"
	 "one clause and its children.  REV is N, YYYY-MM-DD or a commit prefix.\n"},
	{"diff", cmd_diff, "clause-level changes between two versions",
	 "usage: ordtrack diff REV1 REV2 [options]\n"
	 "       ordtrack diff ORD [options]          (its last two versions)\n"
	 "       ordtrack diff --files OLD NEW [options]\n"
	 "\n"
	 "  --format F         text (default), json, markdown, html, unified\n"
	 "  --stat             only the counts per kind of change\n"
	 "  --exit-code        exit 1 when there are differences, 0 when none\n"
	 "  --context N        show N unchanged clauses around each change\n"
	 "  --color WHEN       auto (default), always, never; NO_COLOR is honoured\n"},
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
		    "Exit status: 0 success, 1 error, 2 usage (diff --exit-code: 1 = differences).\n");
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
	int i = 1;
	const ot_command *c;

	while (i < argc && argv[i][0] == '-') {
		const char *a = argv[i];
		if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
			printf("ordtrack %s\n", OT_VERSION);
			return OT_EXIT_OK;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			print_overview(stdout);
			return OT_EXIT_OK;
		} else if (strcmp(a, "--tracker") == 0 && i + 1 < argc) {
			setenv("ORDTRACK_DIR", argv[i + 1], 1);
			i += 2;
		} else if (strncmp(a, "--tracker=", 10) == 0) {
			setenv("ORDTRACK_DIR", a + 10, 1);
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
	return c->fn(argc - i, argv + i);
}
