/*
 * publish_internal.h - what the three files of the static site share
 * (internal): publish.c (loading, keys, manifest, incremental writing),
 * publish_pages.c (the HTML pages) and publish_feed.c (the Atom feed).
 *
 * An ot_pub holds everything loaded once per run; the page renderers only
 * read it (the ordinance and record pages also read texts from the
 * tracker).  It owns every string and array it points to.
 */
#ifndef ORDTRACK_PUBLISH_INTERNAL_H
#define ORDTRACK_PUBLISH_INTERNAL_H

#include "html_build.h"
#include "ordtrack/index.h"
#include "ordtrack/publish.h"
#include "ordtrack/record.h"

/* Part of every page key: bump the number when the pages' markup
 * changes, so that every page is rendered again; a new release (the
 * version) or a new stylesheet (hashed into the keys too) does so anyway. */
#define OT_PUBLISH_GENERATOR "ordtrack-publish/2 " OT_VERSION

typedef struct ot_pub {
	ot_tracker *t;
	const char *title;     /* site title */
	char *base;            /* base URL ending in '/', or NULL */
	char root[41];         /* main's first commit ("" when none) */
	ot_members members;
	char **slugs;          /* slugs[i]: members.items[i]'s page name */
	char **hrefs;          /* "members/SLUG.html" of each */
	char **rids;           /* record ids, sorted */
	ot_record *records;    /* records[i] is rids[i] */
	char (*heads)[41];     /* branch head of each record */
	size_t nrecords;
	char **ords;           /* ordinance ids, sorted */
	ot_version_list *versions; /* versions[i] of ords[i], newest first */
	size_t nords;
} ot_pub;

/* Index of record `id` in p->rids, or -1. */
long ot_pub_record_find(const ot_pub *p, const char *id);

/* Index in p->members of the member called `name` (exact name first, then
 * case-insensitive) serving on `date` (any date when NULL), or -1. */
long ot_pub_member_find(const ot_pub *p, const char *name, const char *date);

/* The latest date of anything recorded on r (its activity). */
const char *ot_pub_record_activity(const ot_record *r);

/* Start a page: ot_html_begin with the shared stylesheet and the site
 * navigation (index, members, feed).  `up` is the path from the page to
 * the site root ("" or "../").  Returns 0 or an error (h released). */
int ot_pub_page_begin(ot_html *h, const ot_pub *p, const char *title, const char *up);

/* The pages, appended to out.  0 or an error code with a message. */
int ot_pub_index_page(ot_buf *out, const ot_pub *p);
int ot_pub_members_page(ot_buf *out, const ot_pub *p);
int ot_pub_member_page(ot_buf *out, const ot_pub *p, size_t member);
int ot_pub_ordinance_page(ot_buf *out, const ot_pub *p, size_t ord);
int ot_pub_record_page(ot_buf *out, const ot_pub *p, size_t record);
int ot_pub_feed(ot_buf *out, const ot_pub *p);

/* SHA-1 of data as 40 hex digits + NUL (libgit2's blob hash). */
int ot_pub_sha1(char out[41], const char *data, size_t len);

#endif
