/*
 * import.c - ot_doc_import: one entry point for every input format, and
 * the import report.
 *
 * The format is decided by content (ot_markup_sniff reads the first
 * bytes): XML goes to import_xml.c, HTML to import_html.c, anything else
 * to the plain-text parser.  A file name never decides, so a code page
 * saved as "section.txt" is still read as HTML; a saved fragment of a
 * page ("<div class=...>...") is HTML too, although it would parse as XML.
 *
 * The report owns its warning strings (one heap string each) and the
 * array holding them; ot_import_report_release frees both.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"
#include "ordtrack/common.h"
#include "ordtrack/import.h"
#include "xmlsafe.h"

void ot_import_report_init(ot_import_report *r)
{
	r->format = "text";
	r->warnings = NULL;
	r->nwarnings = r->cap = 0;
}

void ot_import_report_warn(ot_import_report *r, const char *fmt, ...)
{
	ot_buf b = OT_BUF_INIT;
	va_list ap;
	if (!r)
		return;
	va_start(ap, fmt);
	ot_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	*OT_ARRAY_PUSH(r->warnings, r->nwarnings, r->cap) = ot_buf_detach(&b);
}

void ot_import_report_release(ot_import_report *r)
{
	size_t i;
	if (!r)
		return;
	for (i = 0; i < r->nwarnings; i++)
		free(r->warnings[i]);
	free(r->warnings);
	ot_import_report_init(r);
}

/* Is the first element of data (after a BOM, white space, comments and
 * processing instructions, with no XML declaration among them) one only
 * HTML has: a saved fragment of a code page such as "<div class=...>",
 * which ot_markup_sniff takes for XML?  section and article are left to
 * XML: code XML uses them. */
static int html_fragment(const char *data, size_t len)
{
	static const char *const names[] = {"body", "div", "p", "h1", "h2", "h3", "h4", "h5", "h6",
					    "table", "ul", "ol", "span", "main", "nav", "header", "footer",
					    "head", "meta", "title", "link", "script", "style", "center", "font"};
	size_t i = 0, k, n;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && i < 65536) {
		const char *end;
		if (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n') {
			i++;
		} else if (len - i >= 4 && memcmp(data + i, "<!--", 4) == 0) {
			for (end = data + i + 4; end + 3 <= data + len && memcmp(end, "-->", 3) != 0; end++)
				;
			i = (size_t)(end - data) + 3;
		} else if (len - i >= 2 && memcmp(data + i, "<?", 2) == 0) {
			if (len - i >= 5 && memcmp(data + i, "<?xml", 5) == 0)
				return 0; /* declared XML stays XML */
			for (end = data + i + 2; end + 2 <= data + len && memcmp(end, "?>", 2) != 0; end++)
				;
			i = (size_t)(end - data) + 2;
		} else {
			break;
		}
	}
	if (i + 1 >= len || data[i] != '<')
		return 0;
	i++;
	for (n = 0; i + n < len && ((data[i + n] >= 'a' && data[i + n] <= 'z') ||
				    (data[i + n] >= 'A' && data[i + n] <= 'Z') || (data[i + n] >= '0' && data[i + n] <= '9'));
	     n++)
		;
	if (i + n < len && !(data[i + n] == '>' || data[i + n] == ' ' || data[i + n] == '\t' ||
			     data[i + n] == '\n' || data[i + n] == '\r' || data[i + n] == '/'))
		return 0;
	for (k = 0; k < OT_ARRAY_LEN(names); k++)
		if (strlen(names[k]) == n && strncasecmp(data + i, names[k], n) == 0)
			return 1;
	return 0;
}

int ot_doc_import(ot_doc **out, const char *data, size_t len, const char *name, ot_import_report *report)
{
	int kind;
	*out = NULL;
	if (report)
		ot_import_report_init(report);
	if (!name)
		name = "<input>";
	if (!data)
		data = "", len = 0;
	kind = ot_markup_sniff(data, len);
	if (kind == 1 && html_fragment(data, len))
		kind = 2;
	if (kind == 1)
		return ot_doc_import_xml(out, data, len, name, report);
	if (kind == 2)
		return ot_doc_import_html(out, data, len, name, report);
	if (report)
		report->format = "text";
	return ot_doc_parse_text(out, data, len, name);
}
