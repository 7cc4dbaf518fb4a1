/*
 * error.c - the thread-local last-error message (see ordtrack/common.h).
 * Set once where a failure is found; read by the command that reports it.
 * Beside it, the warning of a write that succeeded with a loose end (the
 * index could not be brought up to date after the commit point).
 */
#include <stdarg.h>
#include <stdio.h>

#include "internal.h"

/* large enough for a redline refusal that lists dozens of mismatches */
static _Thread_local char last_error[16384];
static _Thread_local char last_warning[16384 + 256];

const char *ot_error_last(void)
{
	return last_error;
}

void ot_error_clear(void)
{
	last_error[0] = '\0';
}

int ot_error_set(int code, const char *fmt, ...)
{
	/* format into a scratch buffer first: callers may pass the current
	 * message as an argument to wrap it */
	char scratch[sizeof(last_error)];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(scratch, sizeof(scratch), fmt, ap);
	va_end(ap);
	memcpy(last_error, scratch, sizeof(last_error));
	return code;
}

const char *ot_warning_last(void)
{
	return last_warning;
}

void ot_warning_clear(void)
{
	last_warning[0] = '\0';
}

void ot_warning_set(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(last_warning, sizeof(last_warning), fmt, ap);
	va_end(ap);
}

void ot_warning_after_commit(void)
{
	snprintf(last_warning, sizeof(last_warning),
		 "the change is recorded, but the index could not be brought up to date (%s); it catches up at the next command, or run 'ordtrack reindex'",
		 last_error);
	ot_error_clear();
}
