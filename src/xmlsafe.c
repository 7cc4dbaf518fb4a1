/*
 * xmlsafe.c - one safe set-up for parsing untrusted XML and HTML.
 *
 * The threats and the answer to each:
 *   external entities, SYSTEM DTDs, XInclude  -> a deny-all external
 *       entity loader, XML_PARSE_NONET, never NOENT/DTDLOAD/DTDVALID/
 *       XINCLUDE; a DOCTYPE naming an external DTD is refused;
 *   billion laughs, quadratic blow-up          -> any entity declaration
 *       is refused from the SAX callback, before a single reference is
 *       expanded (libxml2 2.9.14 accepts the quadratic case and expands it
 *       inside xmlNodeGetContent, so limits on expansion are not enough);
 *   deep nesting                               -> libxml2's default depth
 *       limit (256) for XML, never XML_PARSE_HUGE; the same limit checked
 *       after the fact for HTML; tree walkers elsewhere are iterative;
 *   size                                       -> ot_input_cap() bytes;
 *   encoding tricks                            -> a BOM must agree with the
 *       declared encoding; HTML without a declared charset must be UTF-8.
 *
 * libxml2 reports errors through a structured handler set on the parser
 * context (never printed); the first error becomes the ordtrack message.
 */
#define _GNU_SOURCE 1 /* memmem */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "internal.h"
#include "ordtrack/validate.h"
#include "xmlsafe.h"

#define MAX_DEPTH 256

size_t ot_input_cap(void)
{
	return ot_limits_get().max_input;
}

/* What went wrong during one parse: the first error wins. */
typedef struct parse_state {
	int failed;
	int line;
	char msg[400];
} parse_state;

static void note_failure(parse_state *st, int line, const char *fmt, const char *arg)
{
	size_t n;
	if (st->failed)
		return;
	st->failed = 1;
	st->line = line;
	snprintf(st->msg, sizeof(st->msg), fmt, arg ? arg : "");
	n = strlen(st->msg);
	while (n && (st->msg[n - 1] == '\n' || st->msg[n - 1] == ' '))
		st->msg[--n] = '\0';
}

static parse_state *state_of(void *ctx)
{
	xmlParserCtxtPtr ctxt = ctx;
	return ctxt ? ctxt->_private : NULL;
}

static int ctx_line(void *ctx)
{
	xmlParserCtxtPtr ctxt = ctx;
	return (ctxt && ctxt->input) ? ctxt->input->line : 0;
}

/* libxml2's structured error callback: keep the first error, drop warnings. */
static void on_error(void *ctx, xmlErrorPtr e)
{
	parse_state *st = state_of(ctx);
	if (!st || !e || e->level < XML_ERR_ERROR)
		return;
	if (e->code == XML_ERR_USER_STOP)
		return;
	if (e->code == XML_ERR_INTERNAL_ERROR && e->message && strstr(e->message, "Excessive depth"))
		note_failure(st, e->line, "elements are nested deeper than %s levels; ordtrack refuses such documents",
			     "256");
	else
		note_failure(st, e->line, "%s", e->message ? e->message : "malformed document");
}

static void stop(void *ctx)
{
	xmlStopParser((xmlParserCtxtPtr)ctx);
}

static void deny_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
			     const xmlChar *system_id, xmlChar *content)
{
	parse_state *st = state_of(ctx);
	(void)public_id;
	(void)content;
	if (st)
		note_failure(st, ctx_line(ctx),
			     (type == XML_INTERNAL_PARAMETER_ENTITY || type == XML_EXTERNAL_PARAMETER_ENTITY) ?
				     (system_id ? "the document declares an external parameter entity '%s'; ordtrack refuses documents that declare entities (they can read local files or expand without bound)"
						: "the document declares a parameter entity '%s'; ordtrack refuses documents that declare entities (they can read local files or expand without bound)")
				     : (system_id ? "the document declares an external entity '%s'; ordtrack refuses documents that declare entities (they can read local files or expand without bound)"
						  : "the document declares an entity '%s'; ordtrack refuses documents that declare entities (they can expand without bound); replace each reference by its text"),
			     (const char *)name);
	stop(ctx);
}

static void deny_unparsed_entity(void *ctx, const xmlChar *name, const xmlChar *public_id,
				 const xmlChar *system_id, const xmlChar *notation)
{
	(void)public_id;
	(void)system_id;
	(void)notation;
	deny_entity_decl(ctx, name, XML_EXTERNAL_GENERAL_UNPARSED_ENTITY, NULL, (const xmlChar *)"", NULL);
}

static void check_internal_subset(void *ctx, const xmlChar *name, const xmlChar *external_id,
				  const xmlChar *system_id)
{
	parse_state *st = state_of(ctx);
	if (external_id || system_id) {
		if (st)
			note_failure(st, ctx_line(ctx),
				     "the DOCTYPE refers to an external DTD (%s); ordtrack never loads external DTDs: remove the DOCTYPE line",
				     system_id ? (const char *)system_id : (const char *)external_id);
		stop(ctx);
		return;
	}
	xmlSAX2InternalSubset(ctx, name, external_id, system_id);
}

static void ignore_external_subset(void *ctx, const xmlChar *name, const xmlChar *external_id,
				   const xmlChar *system_id)
{
	(void)ctx;
	(void)name;
	(void)external_id;
	(void)system_id;
}

static xmlParserInputPtr deny_resolve(void *ctx, const xmlChar *public_id, const xmlChar *system_id)
{
	parse_state *st = state_of(ctx);
	(void)public_id;
	if (st)
		note_failure(st, ctx_line(ctx), "the document asks to load '%s'; ordtrack never loads external resources",
			     system_id ? (const char *)system_id : "?");
	return NULL;
}

/* Installed once, process-wide: whatever path libxml2 takes to load an
 * external resource, it gets nothing. */
static xmlParserInputPtr deny_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	parse_state *st = ctxt ? ctxt->_private : NULL;
	(void)id;
	if (st)
		note_failure(st, ctx_line(ctxt), "the document asks to load '%s'; ordtrack never loads external resources",
			     url ? url : "?");
	return NULL;
}

static void setup_once(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	xmlInitParser();
	xmlSetExternalEntityLoader(deny_loader);
}

static void silence(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static int fail(const char *name, const parse_state *st)
{
	if (st->line > 0)
		return ot_error_set(OT_EINVALID, "%s:%d: %s", name, st->line, st->msg);
	return ot_error_set(OT_EINVALID, "%s: %s", name, st->msg);
}

static int check_cap(const char *name, size_t len)
{
	size_t cap = ot_input_cap();
	if (len > cap)
		return ot_error_set(OT_EINVALID,
				    "%s: %zu bytes, over the input limit of %zu bytes; raise ORDTRACK_MAX_INPUT if it is genuine",
				    name, len, cap);
	return 0;
}

/* The encoding named in an XML declaration at the start of data, into
 * out (empty when none). */
static void declared_encoding(char *out, size_t outsz, const char *data, size_t len)
{
	size_t i = 0, end, n;
	const char *p;
	out[0] = '\0';
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	if (len - i < 5 || memcmp(data + i, "<?xml", 5) != 0)
		return;
	for (end = i; end < len && end < i + 300 && data[end] != '>'; end++)
		;
	p = data + i;
	for (; p + 8 < data + end; p++) {
		if (memcmp(p, "encoding", 8) == 0) {
			p += 8;
			while (p < data + end && (*p == ' ' || *p == '=' || *p == '\t'))
				p++;
			if (p < data + end && (*p == '"' || *p == '\'')) {
				char q = *p++;
				for (n = 0; p < data + end && *p != q && n + 1 < outsz; p++)
					out[n++] = *p;
				out[n] = '\0';
			}
			return;
		}
	}
}

static int check_bom(const char *data, size_t len, const char *name)
{
	char enc[64];
	int utf16 = len >= 2 && (((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF) ||
				 ((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE));
	int utf8 = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0;
	if (!utf8 && !utf16)
		return 0;
	declared_encoding(enc, sizeof(enc), data, len);
	if (!enc[0])
		return 0;
	if (utf8 && strcasecmp(enc, "UTF-8") != 0 && strcasecmp(enc, "UTF8") != 0)
		return ot_error_set(OT_EINVALID,
				    "%s:1: the file starts with a UTF-8 byte-order mark but declares encoding \"%s\"; fix the declaration or convert the file",
				    name, enc);
	if (utf16 && strncasecmp(enc, "UTF-16", 6) != 0 && strncasecmp(enc, "UTF16", 5) != 0)
		return ot_error_set(OT_EINVALID,
				    "%s:1: the file starts with a UTF-16 byte-order mark but declares encoding \"%s\"; fix the declaration or convert the file",
				    name, enc);
	return 0;
}

/* The depth of the deepest element, without recursion. */
static int tree_depth(xmlNodePtr root)
{
	int depth = 0, max = 0;
	xmlNodePtr n = root;
	while (n) {
		if (depth > max)
			max = depth;
		if (n->children) {
			n = n->children;
			depth++;
			continue;
		}
		while (n && !n->next && n != root) {
			n = n->parent;
			depth--;
		}
		if (!n || n == root)
			break;
		n = n->next;
	}
	return max;
}

int ot_xml_read(xmlDoc **out, const char *data, size_t len, const char *name)
{
	xmlParserCtxtPtr ctxt = NULL;
	xmlDocPtr doc = NULL;
	parse_state st;
	int err = 0;

	*out = NULL;
	memset(&st, 0, sizeof(st));
	if ((err = check_cap(name, len)) < 0 || (err = check_bom(data, len, name)) < 0)
		return err;
	if (len > (size_t)INT32_MAX)
		return ot_error_set(OT_EINVALID, "%s: too large to parse", name);
	setup_once();
	if (!(ctxt = xmlNewParserCtxt()))
		return ot_error_set(-1, "%s: cannot create an XML parser", name);
	ctxt->_private = &st;
	ctxt->sax->serror = on_error;
	ctxt->sax->error = silence;
	ctxt->sax->warning = silence;
	ctxt->sax->fatalError = silence;
	ctxt->sax->entityDecl = deny_entity_decl;
	ctxt->sax->unparsedEntityDecl = deny_unparsed_entity;
	ctxt->sax->internalSubset = check_internal_subset;
	ctxt->sax->externalSubset = ignore_external_subset;
	ctxt->sax->resolveEntity = deny_resolve;
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	if (st.failed || !doc || !ctxt->wellFormed) {
		if (!st.failed)
			note_failure(&st, ctx_line(ctxt), "%s", "malformed XML");
		err = fail(name, &st);
		goto done;
	}
	if (!xmlDocGetRootElement(doc)) {
		err = ot_error_set(OT_EINVALID, "%s: the XML document has no root element", name);
		goto done;
	}
	*out = doc;
	doc = NULL;
done:
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return err;
}

/* 1 when the first 4 KB of HTML name a charset (a meta element). */
static int declares_charset(const char *data, size_t len)
{
	size_t n = len < 4096 ? len : 4096, i;
	for (i = 0; i + 8 <= n; i++)
		if (strncasecmp(data + i, "charset=", 8) == 0 || strncasecmp(data + i, "charset ", 8) == 0)
			return 1;
	return 0;
}

int ot_html_read(xmlDoc **out, const char *data, size_t len, const char *name)
{
	htmlParserCtxtPtr ctxt = NULL;
	htmlDocPtr doc = NULL;
	parse_state st;
	size_t line = 0;
	int err = 0, charset;

	*out = NULL;
	memset(&st, 0, sizeof(st));
	if ((err = check_cap(name, len)) < 0)
		return err;
	if (len > (size_t)INT32_MAX)
		return ot_error_set(OT_EINVALID, "%s: too large to parse", name);
	charset = declares_charset(data, len);
	if (!charset && ot_utf8_check(data, len, &line, NULL) < 0)
		return ot_error_set(OT_EINVALID,
				    "%s:%zu: invalid UTF-8 (or a NUL byte) in an HTML page that declares no charset; convert it to UTF-8",
				    name, line);
	setup_once();
	if (!(ctxt = htmlNewParserCtxt()))
		return ot_error_set(-1, "%s: cannot create an HTML parser", name);
	ctxt->_private = &st;
	/* Tag soup is normal in HTML: only the structured handler sees errors,
	 * and only the ones that stop the parser matter (checked below). */
	ctxt->sax->serror = NULL;
	ctxt->sax->error = silence;
	ctxt->sax->warning = silence;
	ctxt->sax->fatalError = silence;
	doc = htmlCtxtReadMemory(ctxt, data, (int)len, NULL, charset ? NULL : "UTF-8",
				 HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED);
	if (st.failed) {
		err = fail(name, &st);
		goto done;
	}
	if (!doc || !xmlDocGetRootElement(doc)) {
		err = ot_error_set(OT_EINVALID, "%s: not an HTML page that can be read (no elements)", name);
		goto done;
	}
	/* libxml2's HTML parser silently drops what lies below 256 levels:
	 * reaching that depth means text may be lost, so refuse. */
	if (tree_depth(xmlDocGetRootElement(doc)) >= MAX_DEPTH - 1) {
		err = ot_error_set(OT_EINVALID, "%s: elements are nested deeper than %d levels; such a document is refused",
				   name, MAX_DEPTH);
		goto done;
	}
	*out = doc;
	doc = NULL;
done:
	xmlFreeDoc(doc);
	htmlFreeParserCtxt(ctxt);
	return err;
}

/* Skip a BOM, whitespace, comments and processing instructions; return
 * the offset of the first other markup, or len. */
static size_t skip_prolog(const char *data, size_t len, int *saw_xml_decl)
{
	size_t i = 0;
	*saw_xml_decl = 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && i < 65536) {
		const char *end;
		if (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n') {
			i++;
			continue;
		}
		if (len - i >= 4 && memcmp(data + i, "<!--", 4) == 0) {
			end = memmem(data + i + 4, len - i - 4, "-->", 3);
			if (!end)
				return len;
			i = (size_t)(end - data) + 3;
			continue;
		}
		if (len - i >= 2 && memcmp(data + i, "<?", 2) == 0) {
			if (len - i >= 5 && memcmp(data + i, "<?xml", 5) == 0)
				*saw_xml_decl = 1;
			end = memmem(data + i + 2, len - i - 2, "?>", 2);
			if (!end)
				return len;
			i = (size_t)(end - data) + 2;
			continue;
		}
		break;
	}
	return i;
}

int ot_markup_sniff(const char *data, size_t len)
{
	int xml_decl;
	size_t i = skip_prolog(data, len, &xml_decl);
	const char *p = data + i;
	size_t rest = len - i;
	if (rest >= 9 && strncasecmp(p, "<!DOCTYPE", 9) == 0) {
		size_t j = 9;
		while (j < rest && (p[j] == ' ' || p[j] == '\t' || p[j] == '\n' || p[j] == '\r'))
			j++;
		if (rest - j >= 4 && strncasecmp(p + j, "html", 4) == 0)
			return 2;
		return 1;
	}
	if (rest >= 5 && strncasecmp(p, "<html", 5) == 0 && (rest == 5 || !((p[5] >= 'a' && p[5] <= 'z') || p[5] == ':')))
		return 2;
	if (rest >= 2 && p[0] == '<' && ((p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z') || p[1] == '_'))
		return 1;
	return xml_decl ? 1 : 0;
}

/* See xmlsafe.h.  Is the first element of data (after a BOM, white space, comments and
 * processing instructions, with no XML declaration among them) one only
 * HTML has: a saved fragment of a code page such as "<div class=...>",
 * which ot_markup_sniff takes for XML?  section and article are left to
 * XML: code XML uses them. */
int ot_markup_html_fragment(const char *data, size_t len)
{
	static const char *const names[] = {"body", "div", "p", "h1", "h2", "h3", "h4", "h5", "h6",
					    "table", "ul", "ol", "span", "main", "nav", "header", "footer",
					    "head", "meta", "title", "link", "script", "style", "center", "font"};
	size_t k, n;
	int xml_decl;
	size_t i = skip_prolog(data, len, &xml_decl);
	if (xml_decl)
		return 0; /* declared XML stays XML */
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
