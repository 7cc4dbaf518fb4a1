/*
 * error.c - the thread-local last-error message (see ordtrack/common.h).
 * Set once where a failure is found; read by the command that reports it.
 * Beside the message, its hint: what the caller could do, as a code (and
 * the value it names), which the command line words as advice.
 * Beside it, the warning of a write that succeeded with a loose end (the
 * index could not be brought up to date after the commit point).
 */
#include <stdarg.h>
#include <stdio.h>

#include "internal.h"

/* large enough for a redline refusal that lists dozens of mismatches */
static _Thread_local char last_error[16384];
static _Thread_local char last_warning[16384 + 256];
static _Thread_local ot_hint last_hint;
static _Thread_local char last_hint_subject[1024];

const char *ot_error_last(void)
{
	return last_error;
}

void ot_error_clear(void)
{
	last_error[0] = '\0';
	last_hint = OT_HINT_NONE;
	last_hint_subject[0] = '\0';
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
	last_hint = OT_HINT_NONE;
	last_hint_subject[0] = '\0';
	return code;
}

void ot_error_hint(ot_hint h)
{
	last_hint = h;
	last_hint_subject[0] = '\0';
}

void ot_error_hint_about(ot_hint h, const char *fmt, ...)
{
	va_list ap;
	last_hint = h;
	va_start(ap, fmt);
	vsnprintf(last_hint_subject, sizeof(last_hint_subject), fmt, ap);
	va_end(ap);
}

ot_hint ot_error_last_hint(void)
{
	return last_hint;
}

const char *ot_error_last_hint_subject(void)
{
	return last_hint_subject;
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
