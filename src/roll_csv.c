/*
 * roll_csv.c - a roll call written as CSV, one member per line:
 * `name,option` (quoted fields with "" for a quote; an optional header
 * line such as `name,option` or Legistar's `Person Name,Vote`, see
 * is_header; blank lines and # comments; a UTF-8 byte-order mark at the
 * start is skipped).  The reader keeps the line of each entry so that
 * later checks (is this a serving member?) can point at it.  JSON roll
 * calls (an Open Civic Data vote event, Legistar's votes array) are read
 * by export_ocd.c; `ordtrack vote --roll` tells the two apart.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "internal.h"
#include "ordtrack/record.h"
#include "ordtrack/validate.h"

/* Is `name,option` a header line?  ordtrack's own, and the column names
 * of the exports councils' systems give (Legistar's "Person Name,Vote",
 * its API's VotePersonName/VoteValueName, OCD's voter_name/option). */
static int is_header(const char *name, const char *option)
{
	static const char *const names[] = {"name", "person name", "member", "voter", "voter name", "voter_name",
					    "votepersonname", "council member", "councilmember"};
	static const char *const options[] = {"option", "vote", "votevaluename", "value", "vote value", "result"};
	size_t i, j;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		for (j = 0; j < sizeof(options) / sizeof(options[0]); j++)
			if (strcasecmp(name, names[i]) == 0 && strcasecmp(option, options[j]) == 0)
				return 1;
	return 0;
}

int ot_roll_csv_read(ot_roll_entry **items_out, size_t **lines_out, size_t *n_out, const char *data, size_t len,
		     const char *name)
{
	ot_buf fields[2] = {OT_BUF_INIT, OT_BUF_INIT};
	ot_roll_entry *items = NULL;
	size_t *lines = NULL, n = 0, nl = 0, icap = 0, lcap = 0, lineno = 0, seen_data = 0, i;
	char *copy = NULL, *line, *next;
	int err = 0, o;

	*items_out = NULL;
	*lines_out = NULL;
	*n_out = 0;
	if (ot_utf8_check(data, len, &lineno, NULL) < 0) {
		err = ot_error_set(OT_EINVALID, "%s:%zu: not valid UTF-8 text", name, lineno);
		goto done;
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3; /* a byte-order mark, as Excel writes "CSV UTF-8" */
		len -= 3;
	}
	copy = ot_strndup(data, len);
	lineno = 0;
	for (line = copy; line && *line; line = next) {
		const char *why = "";
		size_t len;
		int nf;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		len = strlen(line);
		if (len && line[len - 1] == '\r')
			line[--len] = '\0';
		while (*line == ' ' || *line == '\t')
			line++;
		if (!*line || *line == '#')
			continue;
		ot_buf_clear(&fields[0]);
		ot_buf_clear(&fields[1]);
		nf = ot_csv_fields(fields, 2, line, &why);
		if (nf < 0) {
			err = ot_error_set(OT_EINVALID, "%s:%zu: %s", name, lineno, why);
			goto done;
		}
		if (!seen_data++ && nf == 2 && is_header(fields[0].ptr, fields[1].ptr))
			continue; /* the header */
		if (nf != 2) {
			err = ot_error_set(OT_EINVALID, "%s:%zu: expected 'name,option', found %d field%s", name, lineno,
					   nf, nf == 1 ? "" : "s");
			goto done;
		}
		if (!fields[0].len) {
			err = ot_error_set(OT_EINVALID, "%s:%zu: the member name is empty", name, lineno);
			goto done;
		}
		if ((o = ot_vote_option_parse(fields[1].ptr)) < 0) {
			err = ot_error_set(OT_EINVALID,
					   "%s:%zu: unknown vote option '%s' for %s; use yes, no, abstain, absent, excused or not-voting",
					   name, lineno, fields[1].ptr, fields[0].ptr);
			goto done;
		}
		*OT_ARRAY_PUSH(items, n, icap) = (ot_roll_entry){ot_strdup(fields[0].ptr), (ot_vote_option)o};
		*OT_ARRAY_PUSH(lines, nl, lcap) = lineno;
	}
	if (!n)
		err = ot_error_set(OT_EINVALID, "%s: the roll call lists no members", name);
done:
	ot_buf_release(&fields[0]);
	ot_buf_release(&fields[1]);
	free(copy);
	if (err < 0) {
		for (i = 0; i < n; i++)
			free(items[i].name);
		free(items);
		free(lines);
		return err;
	}
	*items_out = items;
	*lines_out = lines;
	*n_out = n;
	return 0;
}
