/*
 * sitecheck.c - checks a static site such as `ordtrack publish` writes
 * (a test tool, built into BUILD/tools/ and found by the tests through
 * $ORDTRACK_TOOLS):
 *
 *   sitecheck links DIR [--base-url URL] [--reachable-from PAGE]
 *       every *.html under DIR: parse errors, links, anchors, and a few
 *       accessibility rules (one <h1>, <th> in every <table>, text
 *       alternatives for <img> and <svg role="img">, <html lang>, a
 *       <title>, no empty link, no duplicate id); with --reachable-from,
 *       every page must be reachable from PAGE (e.g. index.html)
 *   sitecheck feed DIR [--base-url URL] [--list] [--feed FILE]
 *       DIR/feed.xml (or FILE, relative to DIR) as Atom 1.0, and every
 *       relative link in it resolving into DIR (fragments included);
 *       --list prints one line per entry: id TAB updated TAB term TAB
 *       alternate href TAB title
 *
 * Each problem is one line on stdout: "FILE: HREF: what is wrong" for a
 * link, "FILE:LINE: what is wrong" for the rest (FILE relative to DIR).
 * Then a summary line.  Exit status: 0 when no problem, 1 when some, 2
 * for a usage error or a site that cannot be read.
 *
 * Links: http:, https: and mailto: are external (counted, not followed);
 * with --base-url, a link starting with URL is taken as a path from the
 * site's root.  Any other scheme, an absolute path ("/x") and a
 * protocol-relative "//host" are problems (they do not work from file://),
 * so are a link to a directory (file:// shows no index page), a link that
 * leaves DIR through "..", a missing file, bad percent-encoding, and a
 * #fragment that names no id (or <a name>) of the target page.  Paths and
 * fragments are percent-decoded before they are compared.
 *
 * Parsing: pages are the site's own output (not untrusted input), read
 * with libxml2's HTML parser with HTML_PARSE_NONET and nothing that loads
 * or expands anything else; libxml2 2.9 knows HTML 4 only, so its
 * "Tag X invalid" error is ignored for the HTML5 and SVG element names
 * listed in html5_tags and reported for any other name.  The feed is read
 * with XML_PARSE_NONET.  Errors come through a structured error handler
 * and are never printed by libxml2 itself.
 *
 * Data: a site holds its pages sorted by path (a page is parsed when
 * first needed: all of them for `links`, the targets of fragments for
 * `feed`); a page owns its sorted anchor names and its links.  Trees are
 * walked without recursion (next_node).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "internal.h"
#include "ordtrack/buf.h"

#define ATOM_NS "http://www.w3.org/2005/Atom"

typedef struct link {
	char *href;
	long line;
	long target; /* the page it leads to, or -1 (set by cmd_links) */
} link;

typedef struct page {
	char *rel;      /* path from the site root, '/'-separated */
	int loaded;     /* parsed (or tried: ok is 0 when it failed) */
	int ok;
	char **anchors; /* sorted after loading */
	size_t nanchors, capanchors;
	link *links;
	size_t nlinks, caplinks;
} page;

typedef struct site {
	const char *root;
	const char *base_url; /* or NULL */
	page *pages;          /* sorted by rel */
	size_t npages, cap;
	size_t nlinks, nanchors, nexternal, nproblems;
} site;

/* ---- small helpers ---------------------------------------------------- */

static void problem(site *s, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static void problem(site *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	s->nproblems++;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The next node of a depth-first walk of the subtree under `top`, or NULL
 * when the walk is over (no recursion: deep pages cannot overflow). */
static xmlNode *next_node(xmlNode *n, xmlNode *top)
{
	if (n->type == XML_ELEMENT_NODE && n->children)
		return n->children;
	while (n && n != top) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

static int is_el(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The attribute's value (a new string, xmlFree) or NULL. */
static char *attr(xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* 1 when the attribute is there with something other than white space. */
static int attr_nonblank(xmlNode *n, const char *name)
{
	char *v = attr(n, name);
	int r = 0;
	if (v) {
		for (const char *p = v; *p; p++)
			if (!isspace((unsigned char)*p))
				r = 1;
		xmlFree(v);
	}
	return r;
}

/* 1 when the node's text content is more than white space. */
static int text_nonblank(xmlNode *n)
{
	char *v = (char *)xmlNodeGetContent(n);
	int r = 0;
	if (v) {
		for (const char *p = v; *p; p++)
			if (!isspace((unsigned char)*p))
				r = 1;
		xmlFree(v);
	}
	return r;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* s[0..n) percent-decoded into out (cleared first).  Returns 0, or -1 for a
 * '%' not followed by two hex digits, or an encoded NUL. */
static int pct_decode(ot_buf *out, const char *s, size_t n)
{
	ot_buf_clear(out);
	for (size_t i = 0; i < n; i++) {
		int hi, lo;
		if (s[i] != '%') {
			ot_buf_putc(out, s[i]);
			continue;
		}
		if (n - i < 3)
			return -1;
		hi = hexval((unsigned char)s[i + 1]);
		lo = hexval((unsigned char)s[i + 2]);
		if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
			return -1;
		ot_buf_putc(out, (char)(hi * 16 + lo));
		i += 2;
	}
	return 0;
}

/* ---- pages ------------------------------------------------------------ */

/* The index of the page with path rel, or -1.  With `add`, a missing page
 * is inserted (unloaded) and its index returned. */
static long find_page(site *s, const char *rel, int add)
{
	size_t lo = 0, hi = s->npages;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(s->pages[mid].rel, rel);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!add)
		return -1;
	ot_array_grow((void **)&s->pages, &s->cap, s->npages + 1, sizeof(*s->pages));
	memmove(&s->pages[lo + 1], &s->pages[lo], (s->npages - lo) * sizeof(*s->pages));
	memset(&s->pages[lo], 0, sizeof(*s->pages));
	s->pages[lo].rel = ot_strdup(rel);
	s->npages++;
	return (long)lo;
}

static void page_release(page *p)
{
	for (size_t i = 0; i < p->nanchors; i++)
		free(p->anchors[i]);
	free(p->anchors);
	for (size_t i = 0; i < p->nlinks; i++)
		free(p->links[i].href);
	free(p->links);
	free(p->rel);
}

static void site_release(site *s)
{
	for (size_t i = 0; i < s->npages; i++)
		page_release(&s->pages[i]);
	free(s->pages);
}

/* Element names of HTML5 and inline SVG that libxml2 2.9's HTML 4 parser
 * calls invalid; any other unknown tag is a real problem (a typo). */
static const char *const html5_tags[] = {
	"article", "aside", "audio", "bdi", "canvas", "data", "datalist", "details",
	"dialog", "figcaption", "figure", "footer", "header", "hgroup", "main", "mark",
	"meter", "nav", "output", "picture", "progress", "search", "section", "slot",
	"source", "summary", "template", "time", "track", "video", "wbr",
	/* SVG (the HTML parser lower-cases names) */
	"svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
	"text", "tspan", "desc", "defs", "use", "symbol", "lineargradient",
	"radialgradient", "stop", "clippath", "mask", "pattern", "marker",
	"foreignobject", "metadata",
};

typedef struct err_ctx {
	site *s;
	const char *rel;
	int errors;
	int quiet; /* count, do not print */
} err_ctx;

static void on_xml_error(void *data, xmlErrorPtr e)
{
	err_ctx *c = data;
	char msg[300];
	size_t n;
	if (!c || !e)
		return;
	if (e->domain == XML_FROM_HTML && e->code == XML_HTML_UNKNOWN_TAG && e->str1) {
		for (size_t i = 0; i < OT_ARRAY_LEN(html5_tags); i++)
			if (strcmp(e->str1, html5_tags[i]) == 0)
				return;
	}
	c->errors++;
	if (c->quiet)
		return;
	snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "unknown error");
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	problem(c->s, "%s:%d: parse error: %s", c->rel, e->line, msg);
}

static void add_anchor(page *p, const char *name)
{
	*OT_ARRAY_PUSH(p->anchors, p->nanchors, p->capanchors) = ot_strdup(name);
}

static int has_anchor(const page *p, const char *name)
{
	return bsearch(&name, p->anchors, p->nanchors, sizeof(char *), cmp_str) != NULL;
}

/* The page's accessibility and structure rules (reported unless quiet). */
static void check_structure(site *s, page *p, xmlDoc *doc, int quiet)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	long h1 = 0, titles = 0, first_h1 = 0;
	if (quiet)
		return;
	if (!root) {
		problem(s, "%s:1: empty document", p->rel);
		return;
	}
	if (!is_el(root, "html"))
		problem(s, "%s:%ld: the root element is <%s>, not <html>", p->rel, xmlGetLineNo(root), root->name);
	else if (!attr_nonblank(root, "lang"))
		problem(s, "%s:%ld: <html> has no lang attribute; screen readers need the page's language", p->rel,
			xmlGetLineNo(root));
	for (xmlNode *n = root; n; n = next_node(n, root)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		long line = xmlGetLineNo(n);
		if (is_el(n, "h1")) {
			if (!h1)
				first_h1 = line;
			h1++;
		} else if (is_el(n, "title") && n->parent && is_el(n->parent, "head")) {
			titles++;
			if (!text_nonblank(n))
				problem(s, "%s:%ld: empty <title>", p->rel, line);
		} else if (is_el(n, "table")) {
			int th = 0;
			for (xmlNode *m = n->children; m && !th; m = next_node(m, n))
				if (is_el(m, "th"))
					th = 1;
			if (!th)
				problem(s, "%s:%ld: <table> without header cells (<th>)", p->rel, line);
		} else if (is_el(n, "img")) {
			char *alt = attr(n, "alt");
			if (!alt && !attr_nonblank(n, "aria-label") && !attr_nonblank(n, "aria-labelledby"))
				problem(s, "%s:%ld: <img> without alt", p->rel, line);
			xmlFree(alt);
		} else if (is_el(n, "svg")) {
			char *role = attr(n, "role");
			if (role && strcmp(role, "img") == 0 && !attr_nonblank(n, "aria-label") &&
			    !attr_nonblank(n, "aria-labelledby")) {
				int title = 0;
				for (xmlNode *m = n->children; m; m = m->next)
					if (is_el(m, "title") && text_nonblank(m))
						title = 1;
				if (!title)
					problem(s, "%s:%ld: <svg role=\"img\"> without aria-label or <title>", p->rel, line);
			}
			xmlFree(role);
		}
		if (is_el(n, "a")) {
			char *href = attr(n, "href");
			if (href && !text_nonblank(n) && !attr_nonblank(n, "aria-label") &&
			    !attr_nonblank(n, "title")) {
				int img = 0;
				for (xmlNode *m = n->children; m && !img; m = next_node(m, n))
					if (is_el(m, "img") && attr_nonblank(m, "alt"))
						img = 1;
				if (!img)
					problem(s, "%s:%ld: link '%s' has no text", p->rel, line, href);
			}
			xmlFree(href);
		}
	}
	if (h1 != 1) {
		if (h1 == 0)
			problem(s, "%s:1: no <h1>; a page needs one main heading", p->rel);
		else
			problem(s, "%s:%ld: %ld <h1> elements; a page needs exactly one", p->rel, first_h1, h1);
	}
	if (titles == 0)
		problem(s, "%s:1: no <title> in <head>", p->rel);
}

/* Parse page idx once: its anchors (ids, <a name>) and links (href, src,
 * xlink:href), its parse errors and structure rules reported unless
 * `quiet`.  Returns 1 when the page could be parsed (anchors usable). */
static int load_page(site *s, size_t idx, int quiet)
{
	page *p = &s->pages[idx];
	ot_buf path = OT_BUF_INIT;
	err_ctx ec;
	xmlDoc *doc = NULL;
	xmlNode *root;

	if (p->loaded)
		return p->ok;
	p->loaded = 1;
	ec.s = s;
	ec.rel = p->rel;
	ec.errors = 0;
	ec.quiet = quiet;
	ot_buf_printf(&path, "%s/%s", s->root, p->rel);
	xmlSetStructuredErrorFunc(&ec, on_xml_error);
	doc = htmlReadFile(path.ptr, NULL, HTML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!doc) {
		if (!quiet && !ec.errors)
			problem(s, "%s:1: cannot be read as HTML", p->rel);
		goto done;
	}
	p->ok = 1;
	root = xmlDocGetRootElement(doc);
	for (xmlNode *n = root; n; n = next_node(n, root)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (xmlAttr *a = n->properties; a; a = a->next) {
			const char *an = (const char *)a->name;
			char *v;
			if (strcmp(an, "href") && strcmp(an, "src") && strcmp(an, "xlink:href"))
				continue;
			v = (char *)xmlNodeGetContent((xmlNode *)a);
			link *l = OT_ARRAY_PUSH(p->links, p->nlinks, p->caplinks);
			l->href = ot_strdup(v ? v : "");
			l->line = xmlGetLineNo(n);
			l->target = -1;
			xmlFree(v);
		}
		char *id = attr(n, "id");
		if (id)
			add_anchor(p, id);
		xmlFree(id);
	}
	if (p->nanchors)
		qsort(p->anchors, p->nanchors, sizeof(char *), cmp_str);
	for (size_t i = 1; i < p->nanchors && !quiet; i++)
		if (strcmp(p->anchors[i - 1], p->anchors[i]) == 0 && (i < 2 || strcmp(p->anchors[i - 2], p->anchors[i])))
			problem(s, "%s:1: duplicate id '%s'", p->rel, p->anchors[i]);
	/* <a name="x"> is a fragment target too (after the duplicate check:
	 * <a id="x" name="x"> is the classic way to write one) */
	{
		size_t before = p->nanchors;
		for (xmlNode *n = root; n; n = next_node(n, root)) {
			char *name;
			if (!is_el(n, "a") || !(name = attr(n, "name")))
				continue;
			add_anchor(p, name);
			xmlFree(name);
		}
		if (p->nanchors != before)
			qsort(p->anchors, p->nanchors, sizeof(char *), cmp_str);
	}
	check_structure(s, p, doc, quiet);
done:
	xmlFreeDoc(doc);
	ot_buf_release(&path);
	return p->ok;
}

/* ---- links ------------------------------------------------------------ */

/* Append the '/'-separated segments of seg[0..n) to target, resolving "."
 * and "..".  Returns -1 when ".." climbs above the root, else 0. */
static int push_segments(ot_buf *target, const char *seg, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && seg[j] != '/')
			j++;
		if (j - i == 0 || (j - i == 1 && seg[i] == '.')) {
			/* nothing */
		} else if (j - i == 2 && seg[i] == '.' && seg[i + 1] == '.') {
			char *slash;
			if (target->len == 0)
				return -1;
			slash = strrchr(target->ptr, '/');
			ot_buf_truncate(target, slash ? (size_t)(slash - target->ptr) : 0);
		} else {
			if (target->len)
				ot_buf_putc(target, '/');
			ot_buf_put(target, seg + i, j - i);
		}
		i = j + 1;
	}
	return 0;
}

/* Check one link found in `from` (a path from the site root); problems are
 * printed as "FROM: HREF: what is wrong".  External links are counted.
 * Returns the index of the page it leads to (an HTML page of the site,
 * whatever its fragment), or -1. */
static long check_link(site *s, const char *from, const char *href, int lazy)
{
	ot_buf path = OT_BUF_INIT, frag = OT_BUF_INIT, target = OT_BUF_INIT, full = OT_BUF_INIT;
	const char *rest = href, *hash;
	size_t plen, blen = s->base_url ? strlen(s->base_url) : 0;
	int from_root = 0, dir_link = 0;
	struct stat st;
	long idx, result = -1;

	if (!*href) {
		s->nlinks++;
		problem(s, "%s: %s: empty link", from, href);
		goto done;
	}
	if (blen && strncmp(href, s->base_url, blen) == 0) {
		rest = href + blen;
		from_root = 1;
	} else {
		size_t i = 0;
		if (isalpha((unsigned char)href[0])) {
			i = 1;
			while (isalnum((unsigned char)href[i]) || href[i] == '+' || href[i] == '-' || href[i] == '.')
				i++;
		}
		if (i && href[i] == ':') {
			if ((i == 4 && strncasecmp(href, "http", 4) == 0) || (i == 5 && strncasecmp(href, "https", 5) == 0) ||
			    (i == 6 && strncasecmp(href, "mailto", 6) == 0)) {
				s->nexternal++;
				goto done;
			}
			s->nlinks++;
			problem(s, "%s: %s: scheme '%.*s:' does not belong in a static site (only http, https, mailto "
				   "and relative links)", from, href, (int)i, href);
			goto done;
		}
		if (href[0] == '/' && href[1] == '/') {
			s->nlinks++;
			problem(s, "%s: %s: protocol-relative link does not work from file://", from, href);
			goto done;
		}
		if (href[0] == '/') {
			s->nlinks++;
			problem(s, "%s: %s: absolute path does not work from file://; use a relative link", from,
				href);
			goto done;
		}
	}
	s->nlinks++;
	plen = strcspn(rest, "?#");
	hash = strchr(rest, '#');
	if (pct_decode(&path, rest, plen) < 0) {
		problem(s, "%s: %s: bad percent-encoding in the path", from, href);
		goto done;
	}
	if (hash) {
		if (pct_decode(&frag, hash + 1, strlen(hash + 1)) < 0) {
			problem(s, "%s: %s: bad percent-encoding in the fragment", from, href);
			goto done;
		}
		if (frag.len == 0) {
			problem(s, "%s: %s: empty fragment", from, href);
			goto done;
		}
	}
	if (path.len == 0 && !from_root) {
		ot_buf_puts(&target, from);
	} else {
		if (!from_root) {
			const char *slash = strrchr(from, '/');
			if (slash && push_segments(&target, from, (size_t)(slash - from)) < 0) {
				problem(s, "%s: %s: the page's own path is odd", from, href);
				goto done;
			}
		}
		if (push_segments(&target, path.ptr, path.len) < 0) {
			problem(s, "%s: %s: leaves the site directory", from, href);
			goto done;
		}
		dir_link = path.len == 0 || path.ptr[path.len - 1] == '/' ||
			   (path.len >= 2 && strcmp(path.ptr + path.len - 2, "/.") == 0) ||
			   strcmp(path.ptr, ".") == 0 || ends_with(path.ptr, "..");
	}
	ot_buf_printf(&full, "%s/%s", s->root, target.ptr);
	if (dir_link || target.len == 0 || (stat(full.ptr, &st) == 0 && S_ISDIR(st.st_mode))) {
		problem(s, "%s: %s: links a directory; file:// shows no index page, so link its index.html", from,
			href);
		goto done;
	}
	if (stat(full.ptr, &st) < 0) {
		problem(s, "%s: %s: no such file '%s' in the site", from, href, target.ptr);
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		problem(s, "%s: %s: '%s' is not a regular file", from, href, target.ptr);
		goto done;
	}
	if (ends_with(target.ptr, ".html"))
		result = find_page(s, target.ptr, lazy);
	if (!hash)
		goto done;
	s->nanchors++;
	if (!ends_with(target.ptr, ".html")) {
		problem(s, "%s: %s: fragment on '%s', which is not an HTML page", from, href, target.ptr);
		goto done;
	}
	idx = find_page(s, target.ptr, lazy);
	if (idx < 0) {
		problem(s, "%s: %s: '%s' is not one of the site's pages (a symbolic link?)", from, href, target.ptr);
		goto done;
	}
	if (!load_page(s, (size_t)idx, 1)) {
		problem(s, "%s: %s: '%s' cannot be parsed, so the fragment cannot be checked", from, href,
			target.ptr);
		goto done;
	}
	if (!has_anchor(&s->pages[idx], frag.ptr))
		problem(s, "%s: %s: no anchor '%s' in '%s'", from, href, frag.ptr, target.ptr);
done:
	ot_buf_release(&path);
	ot_buf_release(&frag);
	ot_buf_release(&target);
	ot_buf_release(&full);
	return result;
}

/* Every *.html file under the root, as unloaded pages (no recursion: a
 * stack of directories).  Symbolic links are not followed.  Returns 0, or
 * -1 after a message on stderr when a directory cannot be read. */
static int walk_site(site *s)
{
	char **stack = NULL;
	size_t n = 0, cap = 0;
	ot_buf dirpath = OT_BUF_INIT, child = OT_BUF_INIT, full = OT_BUF_INIT;
	int err = 0;

	*OT_ARRAY_PUSH(stack, n, cap) = ot_strdup("");
	while (n) {
		char *rel = stack[--n];
		DIR *d;
		struct dirent *e;
		ot_buf_clear(&dirpath);
		ot_buf_printf(&dirpath, "%s/%s", s->root, rel);
		d = opendir(dirpath.ptr);
		if (!d) {
			fprintf(stderr, "sitecheck: cannot read '%s': %s\n", dirpath.ptr, strerror(errno));
			free(rel);
			err = -1;
			goto done;
		}
		while ((e = readdir(d)) != NULL) {
			struct stat st;
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			ot_buf_clear(&child);
			if (*rel)
				ot_buf_printf(&child, "%s/", rel);
			ot_buf_puts(&child, e->d_name);
			ot_buf_clear(&full);
			ot_buf_printf(&full, "%s/%s", s->root, child.ptr);
			if (lstat(full.ptr, &st) < 0)
				continue;
			if (S_ISDIR(st.st_mode))
				*OT_ARRAY_PUSH(stack, n, cap) = ot_strdup(child.ptr);
			else if (S_ISREG(st.st_mode) && ends_with(e->d_name, ".html"))
				find_page(s, child.ptr, 1);
		}
		closedir(d);
		free(rel);
	}
done:
	while (n)
		free(stack[--n]);
	free(stack);
	ot_buf_release(&dirpath);
	ot_buf_release(&child);
	ot_buf_release(&full);
	return err;
}

/* --reachable-from START: every page must be reachable from START by
 * following links (a breadth-first walk over the links' targets). */
static void check_reachable(site *s, const char *start)
{
	long first = find_page(s, start, 0);
	char *seen;
	size_t *queue, head = 0, tail = 0;
	if (first < 0) {
		problem(s, "%s: --reachable-from page '%s' is not in the site", s->root, start);
		return;
	}
	seen = ot_calloc(s->npages, 1);
	queue = ot_calloc(s->npages, sizeof(*queue));
	seen[first] = 1;
	queue[tail++] = (size_t)first;
	while (head < tail) {
		page *p = &s->pages[queue[head++]];
		for (size_t j = 0; j < p->nlinks; j++) {
			long t = p->links[j].target;
			if (t >= 0 && !seen[t]) {
				seen[t] = 1;
				queue[tail++] = (size_t)t;
			}
		}
	}
	for (size_t i = 0; i < s->npages; i++)
		if (!seen[i])
			problem(s, "%s:1: no chain of links leads here from %s", s->pages[i].rel, start);
	free(seen);
	free(queue);
}

/* `sitecheck links`: returns the exit status. */
static int cmd_links(site *s, const char *reach_from)
{
	if (walk_site(s) < 0)
		return 2;
	if (s->npages == 0) {
		problem(s, "%s: no *.html pages", s->root);
		return 1;
	}
	for (size_t i = 0; i < s->npages; i++)
		load_page(s, i, 0);
	for (size_t i = 0; i < s->npages; i++)
		for (size_t j = 0; j < s->pages[i].nlinks; j++)
			s->pages[i].links[j].target = check_link(s, s->pages[i].rel, s->pages[i].links[j].href, 0);
	if (reach_from)
		check_reachable(s, reach_from);
	printf("%zu pages, %zu links, %zu anchors checked, %zu external links skipped; %zu problems\n", s->npages,
	       s->nlinks, s->nanchors, s->nexternal, s->nproblems);
	return s->nproblems ? 1 : 0;
}

/* ---- the Atom feed ---------------------------------------------------- */

static int atom_el(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       strcmp((const char *)n->ns->href, ATOM_NS) == 0 && (!name || strcmp((const char *)n->name, name) == 0);
}

/* The number of Atom children called `name`; the first in *first. */
static size_t count_atom(xmlNode *parent, const char *name, xmlNode **first)
{
	size_t c = 0;
	if (first)
		*first = NULL;
	for (xmlNode *m = parent->children; m; m = m->next)
		if (atom_el(m, name)) {
			if (!c && first)
				*first = m;
			c++;
		}
	return c;
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static long long days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* An RFC 3339 date-time as Atom wants it (upper-case T and Z, no white
 * space) into seconds since 1970 UTC.  Returns 0, or -1 when malformed or
 * out of range. */
static int parse_rfc3339(const char *s, long long *out)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, mo, d, h, mi, sec, oh = 0, om = 0, sign = 0, dim;
	const char *p;
	if (strlen(s) < 20 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) || s[7] != '-' ||
	    digits(s + 8, 2, &d) || s[10] != 'T' || digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &mi) ||
	    s[16] != ':' || digits(s + 17, 2, &sec))
		return -1;
	p = s + 19;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return -1;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p == '-' ? -1 : 1;
		if (digits(p + 1, 2, &oh) || p[3] != ':' || digits(p + 4, 2, &om))
			return -1;
		p += 6;
		if (oh > 23 || om > 59)
			return -1;
	} else {
		return -1;
	}
	if (*p || mo < 1 || mo > 12 || h > 23 || mi > 59 || sec > 60)
		return -1;
	dim = mdays[mo - 1] + (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	if (d < 1 || d > dim)
		return -1;
	*out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - sign * (oh * 3600 + om * 60);
	return 0;
}

/* 1 when s starts with a URI scheme ("urn:", "https:"...). */
static int has_scheme(const char *s)
{
	size_t i = 0;
	if (!isalpha((unsigned char)s[0]))
		return 0;
	while (isalnum((unsigned char)s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')
		i++;
	return s[i] == ':' && s[i + 1] != '\0';
}

/* 1 when id is "urn:uuid:" and a well-formed RFC 4122 UUID (lower-case,
 * version 1-8, variant 10xx). */
static int good_urn_uuid(const char *id)
{
	const char *u = id + 9;
	if (strlen(u) != 36)
		return 0;
	for (int i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (u[i] != '-')
				return 0;
		} else if (!(isdigit((unsigned char)u[i]) || (u[i] >= 'a' && u[i] <= 'f'))) {
			return 0;
		}
	}
	return u[14] >= '1' && u[14] <= '8' && strchr("89ab", u[19]) != NULL;
}

/* The element's text (a new string; "" when none; free()). */
static char *text_of(xmlNode *n)
{
	char *v = n ? (char *)xmlNodeGetContent(n) : NULL;
	char *r = ot_strdup(v ? v : "");
	xmlFree(v);
	return r;
}

typedef struct feed_ctx {
	site *s;
	const char *rel; /* the feed's path in the site */
	int list;
} feed_ctx;

/* A single Atom date child: the time in *t; problems reported under `what`. */
static int check_date(feed_ctx *f, xmlNode *parent, const char *name, int required, const char *what,
		      long long *t, char **text)
{
	xmlNode *el;
	size_t c = count_atom(parent, name, &el);
	char *v;
	int r = -1;
	if (c == 0) {
		if (required)
			problem(f->s, "%s:%ld: %s has no <%s>", f->rel, xmlGetLineNo(parent), what, name);
		return -1;
	}
	if (c > 1)
		problem(f->s, "%s:%ld: %s has %zu <%s> elements; at most one", f->rel, xmlGetLineNo(parent), what, c,
			name);
	v = text_of(el);
	if (parse_rfc3339(v, t) < 0)
		problem(f->s, "%s:%ld: %s: <%s> '%s' is not an RFC 3339 date-time", f->rel, xmlGetLineNo(el), what,
			name, v);
	else
		r = 0;
	if (text)
		*text = v;
	else
		free(v);
	return r;
}

/* A text construct (title, subtitle, summary, rights): its type. */
static void check_text_construct(feed_ctx *f, xmlNode *el, const char *what, int need_text)
{
	char *type = attr(el, "type");
	if (type && strcmp(type, "text") && strcmp(type, "html") && strcmp(type, "xhtml"))
		problem(f->s, "%s:%ld: %s: <%s type=\"%s\">: type must be text, html or xhtml", f->rel,
			xmlGetLineNo(el), what, el->name, type);
	if (need_text && !text_nonblank(el))
		problem(f->s, "%s:%ld: %s: empty <%s>", f->rel, xmlGetLineNo(el), what, el->name);
	xmlFree(type);
}

/* Exactly one non-empty text child `name` (required) or at most one. */
static void check_one_text(feed_ctx *f, xmlNode *parent, const char *name, int required, const char *what)
{
	xmlNode *el;
	size_t c = count_atom(parent, name, &el);
	if (c == 0 && required)
		problem(f->s, "%s:%ld: %s has no <%s>", f->rel, xmlGetLineNo(parent), what, name);
	if (c > 1)
		problem(f->s, "%s:%ld: %s has %zu <%s> elements; at most one", f->rel, xmlGetLineNo(parent), what, c,
			name);
	if (c)
		check_text_construct(f, el, what, required);
}

/* The <author>s under parent; returns how many. */
static size_t check_authors(feed_ctx *f, xmlNode *parent, const char *what)
{
	size_t c = 0;
	for (xmlNode *m = parent->children; m; m = m->next) {
		xmlNode *name;
		size_t nn;
		if (!atom_el(m, "author"))
			continue;
		c++;
		nn = count_atom(m, "name", &name);
		if (nn != 1 || !text_nonblank(name))
			problem(f->s, "%s:%ld: %s: <author> needs exactly one non-empty <name>", f->rel, xmlGetLineNo(m),
				what);
		if (count_atom(m, "uri", NULL) > 1 || count_atom(m, "email", NULL) > 1)
			problem(f->s, "%s:%ld: %s: <author> has more than one <uri> or <email>", f->rel,
				xmlGetLineNo(m), what);
	}
	return c;
}

/* The <link>s under parent: href present and resolving; returns the number
 * of rel="alternate" links (the first one's href in *alt, or NULL) and
 * sets *self when there is a rel="self". */
static size_t check_feed_links(feed_ctx *f, xmlNode *parent, const char *what, char **alt, int *self)
{
	char **keys = NULL; /* type + " " + hreflang of alternates */
	size_t nkeys = 0, capkeys = 0;
	if (alt)
		*alt = NULL;
	for (xmlNode *m = parent->children; m; m = m->next) {
		char *href, *rel, *type, *lang;
		if (!atom_el(m, "link"))
			continue;
		href = attr(m, "href");
		rel = attr(m, "rel");
		type = attr(m, "type");
		lang = attr(m, "hreflang");
		if (!href || !*href) {
			problem(f->s, "%s:%ld: %s: <link> without href", f->rel, xmlGetLineNo(m), what);
		} else {
			check_link(f->s, f->rel, href, 1);
			if (!rel || strcmp(rel, "alternate") == 0) {
				ot_buf key = OT_BUF_INIT;
				ot_buf_printf(&key, "%s %s", type ? type : "", lang ? lang : "");
				for (size_t i = 0; i < nkeys; i++)
					if (strcmp(keys[i], key.ptr) == 0)
						problem(f->s, "%s:%ld: %s: two rel=\"alternate\" links with the same "
							   "type and hreflang", f->rel, xmlGetLineNo(m), what);
				*OT_ARRAY_PUSH(keys, nkeys, capkeys) = ot_buf_detach(&key);
				if (alt && !*alt)
					*alt = ot_strdup(href);
			} else if (strcmp(rel, "self") == 0 && self) {
				*self = 1;
			}
		}
		xmlFree(href);
		xmlFree(rel);
		xmlFree(type);
		xmlFree(lang);
	}
	size_t n = nkeys;
	for (size_t i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
	return n;
}

typedef struct entry_id {
	char *id;
	long line;
} entry_id;

static int cmp_entry_id(const void *a, const void *b)
{
	const entry_id *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Print s with tabs and line breaks as spaces (for --list). */
static void put_field(const char *s)
{
	for (; *s; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

/* One <entry>; its id is added to *ids. */
static void check_entry(feed_ctx *f, xmlNode *e, size_t no, int feed_author, long long feed_t, int feed_t_ok,
			entry_id **ids, size_t *nids, size_t *capids)
{
	char what[64], *id = NULL, *updated = NULL, *alt = NULL, *term = NULL;
	xmlNode *idel, *content, *summary, *source;
	size_t c, nalt;
	long long t = 0;

	snprintf(what, sizeof(what), "entry %zu", no);
	c = count_atom(e, "id", &idel);
	if (c != 1)
		problem(f->s, "%s:%ld: %s has %zu <id> elements; exactly one", f->rel, xmlGetLineNo(e), what, c);
	if (idel) {
		entry_id *ei;
		id = text_of(idel);
		if (!has_scheme(id))
			problem(f->s, "%s:%ld: %s: <id> '%s' is not an absolute IRI", f->rel, xmlGetLineNo(idel), what, id);
		else if (strncmp(id, "urn:uuid:", 9) == 0 && !good_urn_uuid(id))
			problem(f->s, "%s:%ld: %s: <id> '%s' is not a well-formed urn:uuid", f->rel, xmlGetLineNo(idel),
				what, id);
		ei = OT_ARRAY_PUSH(*ids, *nids, *capids);
		ei->id = ot_strdup(id);
		ei->line = xmlGetLineNo(idel);
	}
	check_one_text(f, e, "title", 1, what);
	if (check_date(f, e, "updated", 1, what, &t, &updated) == 0 && feed_t_ok && t > feed_t)
		problem(f->s, "%s:%ld: %s: updated %s is later than the feed's <updated>", f->rel, xmlGetLineNo(e), what,
			updated);
	{
		long long pt;
		check_date(f, e, "published", 0, what, &pt, NULL);
	}
	source = NULL;
	count_atom(e, "source", &source);
	if (!check_authors(f, e, what) && !feed_author && !(source && count_atom(source, "author", NULL)))
		problem(f->s, "%s:%ld: %s has no <author> and the feed has none", f->rel, xmlGetLineNo(e), what);
	nalt = check_feed_links(f, e, what, &alt, NULL);
	c = count_atom(e, "content", &content);
	if (c > 1)
		problem(f->s, "%s:%ld: %s has %zu <content> elements; at most one", f->rel, xmlGetLineNo(e), what, c);
	if (count_atom(e, "summary", &summary) > 1)
		problem(f->s, "%s:%ld: %s has more than one <summary>", f->rel, xmlGetLineNo(e), what);
	if (summary)
		check_text_construct(f, summary, what, 0);
	if (!content && nalt == 0)
		problem(f->s, "%s:%ld: %s has neither <content> nor <link rel=\"alternate\">", f->rel, xmlGetLineNo(e),
			what);
	if (content) {
		char *src = attr(content, "src");
		if (src && !summary)
			problem(f->s, "%s:%ld: %s: <content src> needs a <summary>", f->rel, xmlGetLineNo(content), what);
		if (src)
			check_link(f->s, f->rel, src, 1);
		xmlFree(src);
	}
	for (xmlNode *m = e->children; m; m = m->next) {
		char *tm;
		if (!atom_el(m, "category"))
			continue;
		tm = attr(m, "term");
		if (!tm || !*tm)
			problem(f->s, "%s:%ld: %s: <category> without term", f->rel, xmlGetLineNo(m), what);
		else if (!term)
			term = ot_strdup(tm);
		xmlFree(tm);
	}
	if (f->list) {
		fputs("entry\t", stdout);
		put_field(id ? id : "");
		putchar('\t');
		put_field(updated ? updated : "");
		putchar('\t');
		put_field(term ? term : "");
		putchar('\t');
		put_field(alt ? alt : "");
		putchar('\t');
		{
			xmlNode *title;
			count_atom(e, "title", &title);
			char *tt = text_of(title);
			put_field(tt);
			free(tt);
		}
		putchar('\n');
	}
	free(id);
	free(updated);
	free(alt);
	free(term);
}

/* `sitecheck feed`: returns the exit status. */
static int cmd_feed(site *s, const char *feed_rel, int list)
{
	ot_buf path = OT_BUF_INIT;
	err_ctx ec;
	xmlDoc *doc = NULL;
	xmlNode *root, *idel;
	feed_ctx f;
	entry_id *ids = NULL;
	size_t nids = 0, capids = 0, nentries = 0;
	long long feed_t = 0;
	int feed_t_ok, feed_author, self = 0;

	f.s = s;
	f.rel = feed_rel;
	f.list = list;
	ec.s = s;
	ec.rel = feed_rel;
	ec.errors = 0;
	ec.quiet = 0;
	ot_buf_printf(&path, "%s/%s", s->root, feed_rel);
	xmlSetStructuredErrorFunc(&ec, on_xml_error);
	doc = xmlReadFile(path.ptr, NULL, XML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!doc) {
		if (!ec.errors)
			problem(s, "%s:1: cannot be read as XML", feed_rel);
		goto done;
	}
	root = xmlDocGetRootElement(doc);
	if (!root || !atom_el(root, "feed")) {
		problem(s, "%s:1: the root element is not {%s}feed", feed_rel, ATOM_NS);
		goto done;
	}
	{
		size_t c = count_atom(root, "id", &idel);
		if (c != 1)
			problem(s, "%s:%ld: the feed has %zu <id> elements; exactly one", feed_rel, xmlGetLineNo(root), c);
		if (idel && !has_scheme((const char *)(idel->children ? idel->children->content : (const xmlChar *)"")))
			problem(s, "%s:%ld: the feed's <id> is not an absolute IRI", feed_rel, xmlGetLineNo(idel));
	}
	check_one_text(&f, root, "title", 1, "the feed");
	check_one_text(&f, root, "subtitle", 0, "the feed");
	check_one_text(&f, root, "rights", 0, "the feed");
	feed_t_ok = check_date(&f, root, "updated", 1, "the feed", &feed_t, NULL) == 0;
	feed_author = check_authors(&f, root, "the feed") > 0;
	check_feed_links(&f, root, "the feed", NULL, &self);
	if (!self)
		problem(s, "%s:%ld: the feed has no <link rel=\"self\"> (Atom: SHOULD)", feed_rel, xmlGetLineNo(root));
	if (count_atom(root, "generator", NULL) > 1 || count_atom(root, "icon", NULL) > 1 ||
	    count_atom(root, "logo", NULL) > 1)
		problem(s, "%s:%ld: the feed has more than one <generator>, <icon> or <logo>", feed_rel,
			xmlGetLineNo(root));
	for (xmlNode *e = root->children; e; e = e->next)
		if (atom_el(e, "entry"))
			check_entry(&f, e, ++nentries, feed_author, feed_t, feed_t_ok, &ids, &nids, &capids);
	if (nids)
		qsort(ids, nids, sizeof(*ids), cmp_entry_id);
	for (size_t i = 1; i < nids; i++)
		if (strcmp(ids[i - 1].id, ids[i].id) == 0)
			problem(s, "%s:%ld: entry id '%s' repeats the one on line %ld", feed_rel, ids[i].line, ids[i].id,
				ids[i - 1].line);
done:
	printf("%s: %zu entries, %zu links, %zu anchors checked, %zu external links skipped; %zu problems\n",
	       feed_rel, nentries, s->nlinks, s->nanchors, s->nexternal, s->nproblems);
	for (size_t i = 0; i < nids; i++)
		free(ids[i].id);
	free(ids);
	xmlFreeDoc(doc);
	ot_buf_release(&path);
	return s->nproblems ? 1 : 0;
}

static int usage(void)
{
	fputs("usage: sitecheck links DIR [--base-url URL] [--reachable-from PAGE]\n"
	      "       sitecheck feed DIR [--feed FILE] [--base-url URL] [--list]\n",
	      stderr);
	return 2;
}

int main(int argc, char **argv)
{
	site s;
	ot_buf base = OT_BUF_INIT;
	const char *feed_rel = "feed.xml", *reach_from = NULL;
	int list = 0, status, i;
	struct stat st;

	memset(&s, 0, sizeof(s));
	if (argc < 3 || (strcmp(argv[1], "links") && strcmp(argv[1], "feed")))
		return usage();
	s.root = argv[2];
	for (i = 3; i < argc; i++) {
		if (strcmp(argv[i], "--base-url") == 0 && i + 1 < argc) {
			ot_buf_clear(&base);
			ot_buf_puts(&base, argv[++i]);
			if (base.len && base.ptr[base.len - 1] != '/')
				ot_buf_putc(&base, '/');
		} else if (strcmp(argv[i], "--feed") == 0 && i + 1 < argc && strcmp(argv[1], "feed") == 0) {
			feed_rel = argv[++i];
		} else if (strcmp(argv[i], "--reachable-from") == 0 && i + 1 < argc && strcmp(argv[1], "links") == 0) {
			reach_from = argv[++i];
		} else if (strcmp(argv[i], "--list") == 0 && strcmp(argv[1], "feed") == 0) {
			list = 1;
		} else {
			ot_buf_release(&base);
			return usage();
		}
	}
	if (stat(s.root, &st) < 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "sitecheck: '%s' is not a directory\n", s.root);
		ot_buf_release(&base);
		return 2;
	}
	s.base_url = base.len ? base.ptr : NULL;
	LIBXML_TEST_VERSION
	if (strcmp(argv[1], "links") == 0)
		status = cmd_links(&s, reach_from);
	else
		status = cmd_feed(&s, feed_rel, list);
	site_release(&s);
	ot_buf_release(&base);
	xmlCleanupParser();
	return status;
}
