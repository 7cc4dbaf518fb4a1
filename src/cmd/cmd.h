/*
 * cmd.h - what every subcommand shares.
 *
 * Adding a command:
 *   1. write src/cmd/<verb>.c exporting `int cmd_<verb>(int argc, char **argv)`;
 *      argv[0] is the verb.  Return an exit code (OT_EXIT_*), never exit().
 *   2. define `const cmd_spec cmd_spec_<verb>` next to it: the usage text
 *      and a cmd_opt table whose every option carries its help (--help is
 *      printed from it, so it cannot drift); declare both below and add
 *      {name, fn, summary, &cmd_spec_<verb>} to the table in src/main.c;
 *   3. parse options with cmd_getopt(argc, argv, &cmd_spec_<verb>) (it
 *      handles --help and --tracker); call the library, render the answer;
 *   4. data goes to stdout, messages to stderr through cmd_error /
 *      cmd_fail; only library calls from include/ordtrack/;
 *   5. document it in README.md and docs/ordtrack.1, and add a
 *      tests/cli/test_<verb>.sh.
 */
#ifndef ORDTRACK_CMD_H
#define ORDTRACK_CMD_H

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "ordtrack/ordtrack.h"
#include "ordtrack/tracker.h"

enum {
	OT_EXIT_OK = 0,
	OT_EXIT_ERROR = 1, /* the command failed; nothing was changed */
	OT_EXIT_USAGE = 2, /* bad command line */
	OT_EXIT_PARTIAL = 3, /* import --keep-going: recorded, but some files
	                        were refused (named on stderr) */
	OT_EXIT_NOMEM = 4    /* out of memory: stopped; a write is whole or absent */
};

/*
 * A command's options, each with its own help (as libgit2's cli_opt_spec
 * and git's OPT_* carry theirs): the table is what cmd_getopt accepts and
 * what --help prints, so the help cannot drift from the options.
 */
typedef struct cmd_opt {
	const char *name; /* long name, without "--" */
	int val;          /* what cmd_getopt returns for it */
	int shortopt;     /* 1: -<val> too (val is a letter) */
	const char *arg;  /* the value's name in the help ("YYYY-MM-DD"); NULL: a flag */
	const char *help; /* what it does ('\n' between lines); NULL: another
	                     spelling of the option above, not listed */
} cmd_opt;

typedef struct cmd_spec {
	const char *usage;   /* "usage: ordtrack ..." lines and the description */
	const cmd_opt *opts; /* ends with {NULL}; --help and --tracker are added */
	const char *after;   /* printed after the options; may be NULL */
	int in_order;        /* 1: positional arguments come back as option 1,
	                        in command-line order (getopt's "-") */
} cmd_spec;

/* A command's entry in the table of src/main.c. */
typedef struct ot_command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
	const cmd_spec *spec; /* its options and help */
} ot_command;

const ot_command *cmd_lookup(const char *name);

/* each command's options and help, defined next to it */
extern const cmd_spec cmd_spec_init;
extern const cmd_spec cmd_spec_add;
extern const cmd_spec cmd_spec_log;
extern const cmd_spec cmd_spec_show;
extern const cmd_spec cmd_spec_diff;
extern const cmd_spec cmd_spec_history;
extern const cmd_spec cmd_spec_blame;
extern const cmd_spec cmd_spec_search;
extern const cmd_spec cmd_spec_member;
extern const cmd_spec cmd_spec_propose;
extern const cmd_spec cmd_spec_revise;
extern const cmd_spec cmd_spec_action;
extern const cmd_spec cmd_spec_vote;
extern const cmd_spec cmd_spec_pass;
extern const cmd_spec cmd_spec_fail;
extern const cmd_spec cmd_spec_withdraw;
extern const cmd_spec cmd_spec_status;
extern const cmd_spec cmd_spec_records;
extern const cmd_spec cmd_spec_votes;
extern const cmd_spec cmd_spec_conflicts;
extern const cmd_spec cmd_spec_sponsor;
extern const cmd_spec cmd_spec_import_record;
extern const cmd_spec cmd_spec_import;
extern const cmd_spec cmd_spec_export;
extern const cmd_spec cmd_spec_summary;
extern const cmd_spec cmd_spec_publish;
extern const cmd_spec cmd_spec_fsck;
extern const cmd_spec cmd_spec_reindex;
extern const cmd_spec cmd_spec_help;

int cmd_init(int argc, char **argv);
int cmd_add(int argc, char **argv);
int cmd_log(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_reindex(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_history(int argc, char **argv);
int cmd_blame(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_member(int argc, char **argv);
int cmd_propose(int argc, char **argv);
int cmd_revise(int argc, char **argv);
int cmd_action(int argc, char **argv);
int cmd_vote(int argc, char **argv);
int cmd_pass(int argc, char **argv);
/* `ordtrack fail`: not cmd_fail, which is the error helper below */
int cmd_fail_record(int argc, char **argv);
int cmd_withdraw(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_records(int argc, char **argv);
int cmd_votes(int argc, char **argv);
int cmd_conflicts(int argc, char **argv);
int cmd_sponsor(int argc, char **argv);
int cmd_import_record(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_fsck(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_publish(int argc, char **argv);
int cmd_help(int argc, char **argv);

/* Shared by the record commands (vote.c, status.c). */
struct ot_vote;
/* The roll call grouped yes / no / other, one indented group per line. */
void cmd_vote_roll_text(ot_buf *out, const struct ot_vote *v, const char *indent);

/*
 * getopt_long over a command's option table: returns the next option's
 * val (1 for a positional argument with spec->in_order), -1 at the end;
 * handles --help (prints the usage on stdout, returns 'h') and --tracker
 * DIR (cmd_set_tracker, continues).  An unknown option or a missing value
 * prints the usage hint on stderr and returns '?'.
 */
int cmd_getopt(int argc, char **argv, const cmd_spec *spec);

/* The help of a command: its usage text, then one line per option from
 * the table (the value's name, then its help, aligned), then spec->after. */
void cmd_spec_print(const cmd_spec *spec, FILE *to);

/* --format text|json, the choice most commands offer: 0 for text, 1 for
 * json, or -1 after printing the usage error (then return OT_EXIT_USAGE). */
int cmd_format_json(const char *cmd, const char *format);

/* Print the usage of command `name`, to stdout (help) or stderr (error). */
void cmd_print_usage(const char *name, FILE *to);

/* "ordtrack: <message>\n" on stderr, printf-style; returns OT_EXIT_ERROR. */
int cmd_error(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

/* The library's last error as the command line reports it: its message,
 * then "; " and the advice for its hint (ot_error_last_hint), naming the
 * commands and options to use.  Borrowed until the next call. */
const char *cmd_error_text(void);

/* Report the library's last error (cmd_error_text); returns OT_EXIT_ERROR. */
int cmd_fail(void);

/* ot_rev_require_text for `command`: its advice when `rev` is a repeal is
 * "'ordtrack COMMAND ORD@N OPTIONS' DOES its last text" (`options` may be
 * NULL). */
int cmd_require_text(const ot_rev *rev, const char *command, const char *options, const char *does);

/* "ordtrack CMD: <message>" plus the usage hint; returns OT_EXIT_USAGE. */
int cmd_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Find and open the tracker (--tracker, $ORDTRACK_DIR, .ordtrack/). */
int cmd_open_tracker(ot_tracker **out);

/* Read a whole file ("-" is stdin) into out, refusing files larger than
 * the input cap ($ORDTRACK_MAX_INPUT bytes, default 64 MiB) before
 * reading them.  Returns 0 or a library error code with a message. */
int cmd_read_file(ot_buf *out, const char *path);

/* The tracker: --tracker DIR (cmd_set_tracker, from the global option or
 * a command's -T) wins over $ORDTRACK_DIR, then .ordtrack/ here or above
 * (ot_tracker_discover).  The message when none is found says what to do. */
void cmd_set_tracker(const char *dir);
int cmd_discover_tracker(char **path);

/* ORDTRACK_MAX_INPUT and ORDTRACK_PACK_LIMIT, read once at start-up into
 * the library's limits (ot_limits_set); a bad value is a warning. */
void cmd_limits_from_env(void);

/* The positional arguments of propose and revise: RECORD, then pairs
 * ORD FILE or ORD --redline DOC, kept in command-line order (getopt with
 * "-" in shortopts returns them as option 1). */
typedef struct cmd_text_arg {
	const char *s;
	int redline; /* s is the DOC of a --redline */
} cmd_text_arg;
/* Append one argument (an ORD, FILE or --redline DOC). */
void cmd_text_arg_push(cmd_text_arg **args, size_t *n, size_t *cap, const char *s, int redline);
/* Check the shape RECORD (ORD FILE | ORD --redline DOC)...: OT_EXIT_OK, or
 * OT_EXIT_USAGE with a message. */
int cmd_text_args_check(const char *cmd, const cmd_text_arg *args, size_t n);

/* Print what a parse left out of the law (doc->skipped) on stderr, one
 * line each with file, line and the whole text. */
void cmd_print_skipped(const ot_doc *doc, const char *name);

/* Read and parse a plain-text ordinance file. */
int cmd_parse_file(ot_doc **out, const char *path);

/* Write a buffer to stdout; returns OT_EXIT_ERROR (with a message) when
 * stdout fails (a closed pipe, a full disk). */
int cmd_write_stdout(const ot_buf *buf);

/* 1 when colour should be used on stdout for --color=MODE (auto, always,
 * never), honouring NO_COLOR and whether stdout is a terminal; -1 for an
 * unknown mode. */
int cmd_color_mode(const char *mode);

/* oom.c: install the out-of-memory handler ("ordtrack: out of memory",
 * exit OT_EXIT_NOMEM) and, when ORDTRACK_TEST_FAIL_ALLOC is set, the
 * allocation fault injection of the tests.  First thing in main(). */
int cmd_memory_setup(void);

#endif
