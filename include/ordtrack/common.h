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
