/*
 * html_build.h - building HTML pages with libxml2's tree API (internal).
 *
 * Every page ordtrack writes (the diff redline, summaries, the published
 * site) is built through these helpers, so escaping and well-formedness
 * are libxml2's job, never string pasting.  Errors are sticky: a helper
 * that fails (libxml2 out of memory, a text that is not UTF-8) sets a flag
 * in the ot_html and returns NULL / does nothing; ot_html_finish reports
 * the first problem once.  A NULL parent is accepted everywhere and gives
 * NULL, so a chain of calls needs no checks in between.
 *
 * Ownership: the ot_html owns its xmlDoc; ot_html_finish (or
 * ot_html_release on an error path) frees it.
 */
#ifndef ORDTRACK_HTML_BUILD_H
#define ORDTRACK_HTML_BUILD_H

#include <libxml/tree.h>
#include <stddef.h>

#include "ordtrack/buf.h"
#include "ordtrack/diff.h"
#include "ordtrack/render.h"

typedef struct ot_html {
	xmlDocPtr doc;
	xmlNodePtr head;  /* <head> */
	xmlNodePtr body;  /* <main> inside <body> */
	int oom;          /* a libxml2 call failed */
	const char *bad;  /* the first text that is not UTF-8, or NULL */
} ot_html;

/* The stylesheet every page shares: body text, tables, <del> struck and
 * red, <ins> underscored and green, typographic marks (typo-old small and
 * grey, typo-new dotted), the visually hidden "sr-only" class,
 * vote charts, and a print stylesheet (black on white, no breaks inside a
 * change). */
extern const char ot_html_css[];

/*
 * Start an HTML5 page: <!DOCTYPE html>, <html lang="en">, <meta
 * charset="utf-8">, viewport, <title>.  With `css_href` the page links
 * that stylesheet; otherwise ot_html_css is embedded in a <style>.
 * h->body is the <main> element.  Returns 0, or OT_ERROR with a message
 * (h released).
 */
int ot_html_begin(ot_html *h, const char *title, const char *css_href);

/* Serialise the page as UTF-8 into out and free the document.  Returns 0,
 * OT_EINVALID when some text was not UTF-8, OT_ERROR when libxml2 failed. */
int ot_html_finish(ot_html *h, ot_buf *out);
void ot_html_release(ot_html *h);

/* A new child element, with a class when cls is non-NULL. */
xmlNodePtr ot_html_el(ot_html *h, xmlNodePtr parent, const char *name, const char *cls);
void ot_html_attr(ot_html *h, xmlNodePtr node, const char *name, const char *value);
/* Append text (escaped on output): s[0..len), a C string, printf. */
void ot_html_text(ot_html *h, xmlNodePtr parent, const char *s, size_t len);
void ot_html_texts(ot_html *h, xmlNodePtr parent, const char *s);
void ot_html_textf(ot_html *h, xmlNodePtr parent, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
/* A new element holding text: ot_html_el + ot_html_texts. */
xmlNodePtr ot_html_el_text(ot_html *h, xmlNodePtr parent, const char *name, const char *cls, const char *s);
/* <a href="href">text</a>. */
xmlNodePtr ot_html_link(ot_html *h, xmlNodePtr parent, const char *href, const char *s);
/* <th scope="col">text</th> (or scope "row"). */
xmlNodePtr ot_html_th(ot_html *h, xmlNodePtr parent, const char *scope, const char *s);

/* <del>/<ins> with the screen-reader announcement ("[deleted: " ... "]")
 * around the text. */
void ot_html_marked(ot_html *h, xmlNodePtr parent, ot_op_kind op, const char *s, size_t len);

/* One typographic mark (not an amendment): the old form in <span
 * class="typo-old">, the new in <span class="typo-new"> (either may be
 * NULL: none), announced to screen readers as "[typographic change: was
 * OLD now NEW]"; invisible characters named (ot_render__typo_visible). */
void ot_html_typo_marked(ot_html *h, xmlNodePtr parent, const char *old, size_t oldlen, const char *now,
			 size_t nowlen);

/* The anchor name for a unit id: `prefix` then the id with every character
 * outside [A-Za-z0-9-_.()~] replaced by '_' (libxml2 percent-escapes href
 * values, so only characters that survive unescaped are kept, and href and
 * id match byte for byte).  Appended to out. */
void ot_html_anchor(ot_buf *out, const char *prefix, const char *id);

/*
 * The redline of a diff under `parent`: a count line, a table of changed
 * units linking to each, then one <section class="change"> per change
 * with a heading (<hN>, N = heading_level) holding the unit id and what
 * happened, the context units (opts->context), and the redline paragraph.
 * Anchors are ot_html_anchor(prefix, id); two changes with the same anchor
 * get "--2", "--3"... in order.  opts may not be NULL.
 */
void ot_html_diff(ot_html *h, xmlNodePtr parent, const ot_diff *diff, const ot_diff_render_opts *opts,
		  const char *anchor_prefix, int heading_level);

#endif
