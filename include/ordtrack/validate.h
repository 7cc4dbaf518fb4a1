/*
 * ordtrack/validate.h - the checks every command applies to what users
 * type or files bring: names that become paths and refs, calendar dates,
 * UTF-8 text.
 */
#ifndef ORDTRACK_VALIDATE_H
#define ORDTRACK_VALIDATE_H

#include <stddef.h>

/* What a name is for; it changes only the wording of the error. */
typedef enum {
	OT_NAME_ORDINANCE,
	OT_NAME_SECTION,
	OT_NAME_RECORD,
	OT_NAME_MEMBER
} ot_name_kind;

/* Check that `name` is safe as one path component and one git ref
 * component.  Allow-list: ASCII letters, digits and . _ - ( ) ; the first
 * character a letter or digit, no ".." , no trailing '.', not a reserved
 * name (.git in any case, git~1), at most 200 bytes.  Returns 0 or
 * OT_EINVALID with a message naming the offending character. */
int ot_name_check(ot_name_kind kind, const char *name);

/* A free-text value (title, sponsor or member name, message): valid UTF-8,
 * no control characters (newlines only when allow_newlines), at most 1000
 * bytes.  `what` names it in the message.  0 or OT_EINVALID. */
int ot_text_check(const char *what, const char *value, int allow_newlines);
/* The same for the long texts councils' systems keep (a matter's full
 * title, an action's text): newlines allowed, at most 64 KiB. */
int ot_text_check_long(const char *what, const char *value);

/* A calendar date "YYYY-MM-DD" between 1000-01-01 and 9999-12-31 that
 * exists (2023-02-30 does not).  On success stores the days since
 * 1970-01-01 in *out (out may be NULL) and returns 0; otherwise
 * OT_EINVALID with a message. */
int ot_date_parse(long *out, const char *s);

/* Today's date (UTC) as "YYYY-MM-DD" into out[11]. */
void ot_date_today(char out[11]);

/* Check that data[0..len) is valid UTF-8 (no overlong forms, surrogates,
 * or code points above U+10FFFF) with no NUL byte.  Returns 0, or
 * OT_EINVALID and stores the 1-based line and byte offset of the first bad
 * byte in *line_out and *off_out (either may be NULL). */
int ot_utf8_check(const char *data, size_t len, size_t *line_out, size_t *off_out);

/* Decode one UTF-8 code point at s (len bytes available).  Returns its byte
 * length (1-4) and stores it in *cp; on invalid input returns 1 and stores
 * U+FFFD. */
int ot_utf8_decode(const char *s, size_t len, unsigned *cp);

#endif
