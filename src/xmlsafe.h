/*
 * xmlsafe.h - the only way ordtrack parses XML and HTML it did not write.
 *
 * Every untrusted document goes through ot_xml_read or ot_html_read, which
 * apply one safe set-up (see xmlsafe.c): size cap, no network, no external
 * entity or DTD ever loaded, documents that declare entities refused before
 * anything is expanded, depth bounded by libxml2's default limit (never
 * XML_PARSE_HUGE), XInclude and stylesheet processing instructions never
 * followed, and libxml2's own error printing silenced and turned into one
 * ordtrack message "NAME:LINE: ...".
 *
 * Internal to the library (not installed).
 */
#ifndef ORDTRACK_XMLSAFE_H
#define ORDTRACK_XMLSAFE_H

#include <stddef.h>

#include <libxml/tree.h>

/* The input cap in bytes: $ORDTRACK_MAX_INPUT, default 64 MiB. */
size_t ot_input_cap(void);

/*
 * Parse `data` (len bytes) as XML.  `name` (a file name) prefixes error
 * messages.  Returns 0 and a new document in *out (free with xmlFreeDoc),
 * or OT_EINVALID with "name:LINE: ..." for malformed or hostile input: over
 * the cap, not well-formed, invalid UTF-8, a DOCTYPE that declares entities
 * or names an external DTD, a byte-order mark that contradicts the
 * declared encoding, nesting deeper than libxml2's limit.
 */
int ot_xml_read(xmlDoc **out, const char *data, size_t len, const char *name);

/*
 * Parse `data` as HTML with libxml2's HTML parser (tag soup is accepted,
 * as browsers do).  The text must be UTF-8 (or declare another charset in
 * a meta element).  Same errors as ot_xml_read for the cap, encoding and
 * an input the parser cannot read at all.
 */
int ot_html_read(xmlDoc **out, const char *data, size_t len, const char *name);

/* 1 when the bytes look like XML (optional BOM and whitespace, then "<?xml"
 * or an element that is not <html>/<!DOCTYPE html>), 2 when they look like
 * HTML, 0 otherwise.  Only the first few kilobytes are read. */
int ot_markup_sniff(const char *data, size_t len);

/* 1 when bytes that ot_markup_sniff takes for XML are an HTML fragment:
 * the first element (after a BOM, white space, comments and processing
 * instructions, with no XML declaration) is one only HTML has, such as
 * <p>, <div>, <body> or <table> (a saved piece of a page); 0 otherwise.
 * Used by ot_doc_import and the redline reader alike. */
int ot_markup_html_fragment(const char *data, size_t len);

#endif
