/*
 * ordtrack/publish.h - the static site of a tracker (`ordtrack publish`).
 *
 * ot_publish writes, under one output directory, a site readable from
 * file:// or any static host, without JavaScript (docs/publish.md):
 *
 *   index.html               ordinances and records, newest activity first
 *   style.css                the shared stylesheet
 *   feed.xml                 Atom 1.0: enactments, votes and actions,
 *                            newest first, at most OT_PUBLISH_FEED_MAX
 *   ordinances/ORD.html      the text in force, one anchor per unit, the
 *                            version history and blame
 *   records/ID.html          the record's summary, votes and redline
 *   members/index.html       every member, ward and serving dates
 *   members/SLUG.html        every vote the member cast
 *   .ordtrack-publish.json   the manifest (page -> key and size)
 *
 * Incremental: each page has a key, the SHA-1 of everything it depends on
 * (for cheap pages, of its rendered bytes).  A page whose key equals the
 * manifest's and whose file exists with the recorded size is kept
 * untouched; any other page is rendered and written (temporary file,
 * fsync, rename) only when its bytes differ from the file's.
 *
 * Pages are rendered from the tracker alone; no clock is read, so the same
 * tracker and options always give the same bytes.
 */
#ifndef ORDTRACK_PUBLISH_H
#define ORDTRACK_PUBLISH_H

#include <stddef.h>

#include "ordtrack/buf.h"
#include "ordtrack/tracker.h"

/* Entries in feed.xml at most (the newest events). */
#define OT_PUBLISH_FEED_MAX 200

/* The manifest's name inside the output directory. */
#define OT_PUBLISH_MANIFEST ".ordtrack-publish.json"

typedef struct ot_publish_opts {
	const char *out_dir;  /* required; created when missing */
	const char *base_url; /* NULL: links in the feed are relative; else
	                         an absolute URL ("https://x.org/code/") that
	                         the feed's links start with */
	const char *title;    /* site title; NULL: "City ordinances" */
} ot_publish_opts;

typedef struct ot_publish_result {
	size_t pages;   /* files of the site (pages, stylesheet, feed) */
	size_t written; /* files written by this run */
	size_t kept;    /* files left as they were */
} ot_publish_result;

/*
 * Publish the site of tracker t into opts->out_dir.  Returns 0 and the
 * counts in *out; OT_EEXISTS (nothing written) when the directory is not
 * empty and holds no manifest; OT_EINVALID for a bad option, an unsafe file
 * name or a malformed manifest; -1 for an I/O or library failure (pages
 * written before it stay, each complete).  Pages of records or ordinances
 * that no longer exist are left where they are.
 */
int ot_publish(ot_publish_result *out, ot_tracker *t, const ot_publish_opts *opts);

/* The slug of a member's name, appended to out: ASCII letters (lowercased)
 * and digits kept, every other run of bytes one '-', no '-' at either end;
 * "" when nothing is left.  (The site makes slugs unique: an empty slug
 * becomes "member", and a slug already taken, or "index", gets "-2", "-3"...
 * in member-list order.) */
void ot_publish_slug(ot_buf *out, const char *name);

#endif
