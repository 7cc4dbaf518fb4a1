/*
 * ordtrack/common.h - error codes, the last-error message, version.
 *
 * Every library function that can fail returns int: 0 on success, one of
 * the named negatives below for an expected failure, -1 otherwise.  The
 * failing function records a message (thread-local) at the point where the
 * failure is found; callers on the way up return the code unchanged and do
 * not overwrite it.  ot_error_last() reads it.
 */
#ifndef ORDTRACK_COMMON_H
#define ORDTRACK_COMMON_H

#include <stddef.h>

#define OT_VERSION "0.1.0"

enum {
	OT_OK = 0,
	OT_ERROR = -1,     /* anything else: I/O, libgit2, SQLite */
	OT_ENOTFOUND = -2, /* a revision, ordinance, clause or file is absent */
	OT_EEXISTS = -3,   /* the thing to create exists already */
	OT_EINVALID = -4,  /* bad input: syntax, encoding, unsafe name, date */
	OT_ECONFLICT = -5, /* a ref moved under us, or a lock is held */
	OT_EUNCHANGED = -6 /* nothing to record: identical to what is stored */
};

/* The message of the last failure on this thread; never NULL ("" if none).
 * Borrowed: valid until the next failure on this thread. */
const char *ot_error_last(void);

/* Forget the last message. */
void ot_error_clear(void);

/* Record a message (printf format) for the current failure and return
 * `code`, so a failure site can write `return ot_error_set(OT_EINVALID, …)`. */
int ot_error_set(int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/*
 * What the caller could do about the last failure, beside its message.
 * A message states the facts on one line ("unknown record 'X'") and gives
 * no command-line advice; the failure site attaches one of these codes,
 * and the program that links the library words the advice in its own
 * terms (the command line names its commands and options).  Some advice
 * names a value, the hint's subject: a directory, an ordinance, ORD@N, a
 * record id.
 */
typedef enum ot_hint {
	OT_HINT_NONE = 0,
	OT_HINT_INIT,             /* no tracker at the subject (a directory): create one */
	OT_HINT_ADD_FIRST,        /* the tracker holds no code yet: record it first */
	OT_HINT_REINDEX,          /* the index lags behind git: rebuild it */
	OT_HINT_FSCK,             /* the tracker holds something unsafe: check it */
	OT_HINT_FSCK_REPAIR_LATER, /* another writer holds the lock: repair when it has finished */
	OT_HINT_FSCK_REPAIR,      /* a stopped process left a lock file: repair the tracker */
	OT_HINT_LIST_MEMBERS,     /* list the council's members */
	OT_HINT_LIST_ORDINANCES,  /* list the ordinances the tracker holds */
	OT_HINT_LIST_RECORDS,     /* list the records */
	OT_HINT_LIST_ORDINANCES_AND_RECORDS,
	OT_HINT_LIST_COMMITS,     /* list the commits of main */
	OT_HINT_LIST_VERSIONS,    /* list the versions of the subject (an ordinance) */
	OT_HINT_LIST_CLAUSES,     /* list the clauses of the subject (an ordinance) */
	OT_HINT_LAST_CLAUSES,     /* list the clauses of the subject (ORD@N, the last text of a repealed ordinance) */
	OT_HINT_LAST_TEXT,        /* read the subject (ORD@N) instead: a repeal has no text, N had the last */
	OT_HINT_REVISE,           /* the record exists: give it a new text instead */
	OT_HINT_CLOSE_PASS,       /* record the passage of the subject (a record) on its own */
	OT_HINT_CLOSE_FAIL,       /* record the failure of the subject on its own */
	OT_HINT_CLOSE_WITHDRAW,   /* record the withdrawal of the subject on its own */
	OT_HINT_VOTE_FIRST,       /* record the vote that passed it first */
	OT_HINT_FORCE,            /* the vote contradicts its rule: it can be forced, with a reason */
	OT_HINT_THRESHOLD,        /* no rule given and the vote contradicts it: check the roll,
				     give the rule, or force it */
	OT_HINT_FORCE_REASON,     /* a forced vote needs a reason */
	OT_HINT_TITLE,            /* give a title */
	OT_HINT_SPONSOR,          /* give a sponsor */
	OT_HINT_MOTION,           /* give the vote's motion */
	OT_HINT_ROLL,             /* give the vote's roll call */
	OT_HINT_OUT,              /* give the output directory */
	OT_HINT_BASE_URL,         /* the base URL given is not one */
	OT_HINT_STAT,             /* the counts of a diff print as text or json only */
	OT_HINT_STATUS,           /* the subject (a record) has no text: read its record instead */
	OT_HINT_SPONSOR_BODY,     /* a sponsor that is no member: say it is a body */
	OT_HINT_N
} ot_hint;

/* Attach hint `h` to the error just set (ot_error_set and ot_error_clear
 * reset it to OT_HINT_NONE).  Thread-local, like the message. */
void ot_error_hint(ot_hint h);

/* The same, with the value the advice names (printf format). */
void ot_error_hint_about(ot_hint h, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* The hint of the last failure on this thread; OT_HINT_NONE if none. */
ot_hint ot_error_last_hint(void);

/* Its subject; never NULL ("" if none).  Borrowed, like ot_error_last. */
const char *ot_error_last_hint_subject(void);

/* The warning of the last write that succeeded with a loose end (e.g. the
 * record is written but the index lags behind and will catch up); "" if
 * none.  Borrowed, like ot_error_last. */
const char *ot_warning_last(void);
void ot_warning_clear(void);

/* The library's limits for this process.  The library reads no
 * environment variable: the program that links it sets these (the
 * command line takes them from ORDTRACK_MAX_INPUT and
 * ORDTRACK_PACK_LIMIT).  A field of 0 means the default.  Set them before
 * any other thread uses the library. */
typedef struct ot_limits {
	size_t max_input;  /* largest input a reader or importer accepts, in
			      bytes (default 64 MiB) */
	size_t pack_limit; /* pack files a store keeps before it consolidates
			      them (default 50) */
} ot_limits;

/* Set the limits (NULL: the defaults). */
void ot_limits_set(const ot_limits *limits);

/* The limits in force, defaults filled in. */
ot_limits ot_limits_get(void);

#endif
