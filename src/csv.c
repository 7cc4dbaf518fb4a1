/*
 * csv.c - one line of CSV split into fields, for the CSV files people
 * give ordtrack (roll calls, member lists): commas between fields, fields
 * quoted with " where they hold a comma or a quote ("" for a quote),
 * blanks around fields dropped.
 */
#include "csv.h"
#include "internal.h"

/* Split one CSV line into at most `max` fields (quoted fields may hold
 * commas and "" for a quote).  Returns the number of fields, or -1 with a
 * message in *why. */
int ot_csv_fields(ot_buf *fields, size_t max, const char *line, const char **why)
{
	const char *p = line;
	size_t n = 0;
	for (;;) {
		ot_buf *f = n < max ? &fields[n] : NULL;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '"') {
			p++;
			for (;;) {
				if (!*p) {
					*why = "a quoted field is not closed";
					return -1;
				}
				if (*p == '"' && p[1] == '"') {
					if (f)
						ot_buf_putc(f, '"');
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					if (f)
						ot_buf_putc(f, *p);
					p++;
				}
			}
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p && *p != ',') {
				*why = "text after a closing quote";
				return -1;
			}
		} else {
			const char *start = p, *end;
			while (*p && *p != ',') {
				if (*p == '"') {
					*why = "a quote inside an unquoted field";
					return -1;
				}
				p++;
			}
			end = p;
			while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
				end--;
			if (f)
				ot_buf_put(f, start, (size_t)(end - start));
		}
		n++;
		if (!*p)
			return (int)n;
		p++; /* the comma */
	}
}
