/*
 * import.c - ot_doc_import: one entry point for every input format, and
 * the import report.
 *
 * The format is decided by content (ot_markup_sniff reads the first
 * bytes): XML goes to import_xml.c, HTML to import_html.c, anything else
 * to the plain-text parser.  A file name never decides, so a code page
 * saved as "section.txt" is still read as HTML; a saved fragment of a
 * page ("<div class=...>...") is HTML too, although it would parse as XML
 * (ot_markup_html_fragment, shared with the redline reader).
 *
 * The report owns its warning strings (one heap string each) and the
 * array holding them; ot_import_report_release frees both.
 *
 * Also here, for both markup importers: what counts as white space (line
 * ends and what textnorm.c counts: every Unicode space, and zero-width
 * characters) and the collapse of its runs to one space, as the plain-text
 * parser does it.
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
	if (kind == 1 && ot_markup_html_fragment(data, len))
		kind = 2;
	if (kind == 1)
		return ot_doc_import_xml(out, data, len, name, report);
	if (kind == 2)
		return ot_doc_import_html(out, data, len, name, report);
	if (report)
		report->format = "text";
	return ot_doc_parse_text_report(out, data, len, name, report);
}

size_t ot_import_wsp(const char *s, size_t n)
{
	int zw;
	if (n && (s[0] == '\n' || s[0] == '\r'))
		return 1;
	return ot_blank_len(s, n, &zw);
}

void ot_import_collapse(ot_buf *out, const char *s, size_t n)
{
	size_t i = 0, w;
	int space = 0, zw = 0;
	ot_buf_clear(out);
	ot_buf_grow(out, n + 1);
	while (i < n) {
		if (s[i] == '\n' || s[i] == '\r') {
			space = out->len > 0;
			i++;
			continue;
		}
		if ((w = ot_blank_len(s + i, n - i, &zw))) {
			/* a zero-width character joins its neighbours */
			space |= !zw && out->len > 0;
			i += w;
			continue;
		}
		if (space)
			out->ptr[out->len++] = ' ';
		space = 0;
		out->ptr[out->len++] = s[i++];
	}
	out->ptr[out->len] = '\0';
}
