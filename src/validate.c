/*
 * validate.c - one allow-list for names that become paths and refs, the
 * calendar check for dates, and the UTF-8 validator.  Every command runs
 * what users type through these before it touches the tracker.
 */
#include <ctype.h>
#include <stdio.h>
#include <strings.h>
#include <time.h>

#include "internal.h"
#include "ordtrack/validate.h"

#define NAME_MAX_BYTES 200

static const char *kind_word(ot_name_kind kind)
{
	switch (kind) {
	case OT_NAME_ORDINANCE: return "ordinance id";
	case OT_NAME_SECTION: return "section number";
	case OT_NAME_RECORD: return "record id";
	case OT_NAME_MEMBER: return "member name";
	}
	return "name";
}

static int name_char_ok(unsigned char c)
{
	return isalnum(c) || c == '.' || c == '_' || c == '-' || c == '(' || c == ')';
}

int ot_name_check(ot_name_kind kind, const char *name)
{
	const char *what = kind_word(kind);
	size_t i, len;

	if (!name || !*name)
		return ot_error_set(OT_EINVALID, "empty %s", what);
	len = strlen(name);
	if (len > NAME_MAX_BYTES)
		return ot_error_set(OT_EINVALID, "%s is %zu bytes long; at most %d are allowed",
				    what, len, NAME_MAX_BYTES);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];
		if (!name_char_ok(c)) {
			if (c < 0x20 || c >= 0x7f)
				return ot_error_set(OT_EINVALID,
						    "%s contains byte 0x%02x (a control or non-ASCII character); use letters, digits and . _ - ( )",
						    what, c);
			return ot_error_set(OT_EINVALID,
					    "%s '%s' contains '%c'; use letters, digits and . _ - ( )",
					    what, name, c);
		}
	}
	if (!isalnum((unsigned char)name[0]))
		return ot_error_set(OT_EINVALID, "%s '%s' must start with a letter or digit", what, name);
	if (name[len - 1] == '.')
		return ot_error_set(OT_EINVALID, "%s '%s' must not end with '.'", what, name);
	if (strstr(name, ".."))
		return ot_error_set(OT_EINVALID, "%s '%s' must not contain '..'", what, name);
	if (strcasecmp(name, ".git") == 0 || strncasecmp(name, "git~", 4) == 0 ||
	    (len >= 5 && strcasecmp(name + len - 5, ".lock") == 0))
		return ot_error_set(OT_EINVALID, "%s '%s' is a reserved name", what, name);
	return 0;
}

static int is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* days from civil, Howard Hinnant's algorithm */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	long era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int ot_date_parse(long *out, const char *s)
{
	static const unsigned mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	long y;
	unsigned m, d, lim;
	int i;

	if (!s)
		return ot_error_set(OT_EINVALID, "missing date; write it as YYYY-MM-DD");
	for (i = 0; i < 10; i++) {
		int want_dash = (i == 4 || i == 7);
		if (want_dash ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			goto bad;
	}
	if (s[10] != '\0')
		goto bad;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
	d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
	if (y < 1000)
		return ot_error_set(OT_EINVALID, "date '%s' has year %ld; years run from 1000 to 9999", s, y);
	if (m < 1 || m > 12)
		return ot_error_set(OT_EINVALID, "date '%s' has month %u; months run from 01 to 12", s, m);
	lim = mdays[m - 1] + (m == 2 && is_leap(y));
	if (d < 1 || d > lim)
		return ot_error_set(OT_EINVALID, "date '%s' does not exist: %04ld-%02u has %u days", s, y, m, lim);
	if (out)
		*out = days_from_civil(y, m, d);
	return 0;
bad:
	return ot_error_set(OT_EINVALID, "invalid date '%s'; write it as YYYY-MM-DD", s);
}

void ot_date_today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int ot_utf8_decode(const char *str, size_t len, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c, min;
	int n, i;

	if (!len) {
		*cp = 0xFFFD;
		return 1;
	}
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		n = 2; c &= 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3; c &= 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4; c &= 0x07; min = 0x10000;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if ((size_t)n > len)
		goto bad;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*cp = c;
	return n;
bad:
	*cp = 0xFFFD;
	return 1;
}

int ot_utf8_check(const char *data, size_t len, size_t *line_out, size_t *off_out)
{
	size_t i = 0, line = 1;
	while (i < len) {
		unsigned char c = (unsigned char)data[i];
		if (c == '\n') {
			line++;
			i++;
		} else if (c == 0) {
			goto bad;
		} else if (c < 0x80) {
			i++;
		} else {
			unsigned cp;
			int n = ot_utf8_decode(data + i, len - i, &cp);
			if (cp == 0xFFFD && n == 1)
				goto bad;
			i += (size_t)n;
		}
	}
	return 0;
bad:
	if (line_out)
		*line_out = line;
	if (off_out)
		*off_out = i;
	return OT_EINVALID;
}

static int text_check(const char *what, const char *value, int allow_newlines, size_t max)
{
	size_t i, len = strlen(value);
	if (len > max)
		return ot_error_set(OT_EINVALID, "%s is %zu bytes long; at most %zu are allowed", what, len, max);
	if (ot_utf8_check(value, len, NULL, NULL) < 0)
		return ot_error_set(OT_EINVALID, "%s is not valid UTF-8", what);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)value[i];
		if ((c < 0x20 && !(allow_newlines && c == '\n')) || c == 0x7f)
			return ot_error_set(OT_EINVALID, "%s contains control character 0x%02x", what, c);
		/* bidirectional embedding, override and isolate controls
		 * (U+202A-U+202E, U+2066-U+2069): they reorder the text around
		 * them wherever it is printed ("Trojan Source"), so a name could
		 * make a roll call read otherwise; right-to-left scripts need
		 * none of them */
		if (c == 0xE2 && i + 2 < len && (((unsigned char)value[i + 1] == 0x80 &&
						   (unsigned char)value[i + 2] >= 0xAA && (unsigned char)value[i + 2] <= 0xAE) ||
						  ((unsigned char)value[i + 1] == 0x81 &&
						   (unsigned char)value[i + 2] >= 0xA6 && (unsigned char)value[i + 2] <= 0xA9)))
			return ot_error_set(OT_EINVALID,
					    "%s contains the bidirectional control U+%04X, which reorders the text "
					    "around it when printed; remove it",
					    what, 0x2000u + ((unsigned char)value[i + 1] & 0x3fu) * 64u +
							  ((unsigned char)value[i + 2] & 0x3fu));
	}
	return 0;
}

int ot_text_check(const char *what, const char *value, int allow_newlines)
{
	return text_check(what, value, allow_newlines, 1000);
}

int ot_text_check_long(const char *what, const char *value)
{
	return text_check(what, value, 1, 64 * 1024);
}
