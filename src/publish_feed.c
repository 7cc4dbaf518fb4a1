/*
 * publish_feed.c - the site's Atom 1.0 feed (feed.xml): one entry per
 * event of every record (an enactment, a vote, any other action), newest
 * first, at most OT_PUBLISH_FEED_MAX entries.
 *
 * Events are small structs pointing into the loaded records (borrowed from
 * the ot_pub), sorted by date (newest first), then record id, then later
 * events of one record first.  A passed record's "passage" action is its
 * enactment entry; text versions are not events of the feed.
 *
 * Entry ids are name-based UUIDs (version 5 layout: SHA-1 through libgit2)
 * of "ordtrack:ROOT:RECORD:KIND:INDEX", ROOT being the first commit of
 * main and INDEX the action's or vote's index in the record (0 for the
 * enactment), so an entry keeps its id across republishes and two
 * trackers never share one.  The document is built with libxml2's tree
 * API and serialised as UTF-8; no clock is read (the feed's <updated> is
 * its newest entry's date).
 */
#include <git2.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "ordtrack/validate.h"
#include "ordtrack/summary.h"
#include "publish_internal.h"

#define ATOM_NS "http://www.w3.org/2005/Atom"

typedef enum { EV_ENACTMENT, EV_VOTE, EV_ACTION } ev_kind;
static const char *const ev_names[] = {"enactment", "vote", "action"};

typedef struct event {
	const char *date;
	const ot_record *r;
	ev_kind kind;
	size_t index; /* in r->actions or r->votes; 0 for the enactment */
	size_t seq;   /* position in the record's timeline */
} event;

static int cmp_event(const void *pa, const void *pb)
{
	const event *a = pa, *b = pb;
	int c = strcmp(b->date, a->date);
	if (c)
		return c;
	if ((c = strcmp(a->r->id, b->r->id)) != 0)
		return c;
	return a->seq < b->seq ? 1 : a->seq > b->seq ? -1 : 0;
}

/* The feed's document under construction; errors are sticky like
 * ot_html's. */
typedef struct feed {
	xmlDocPtr doc;
	xmlNsPtr ns;
	int oom;
	int bad; /* a text that is not UTF-8 */
} feed;

static xmlNodePtr el(feed *f, xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr n;
	if (!parent)
		return NULL;
	if (text && ot_utf8_check(text, strlen(text), NULL, NULL) < 0) {
		f->bad = 1;
		return NULL;
	}
	n = xmlNewTextChild(parent, f->ns, BAD_CAST name, BAD_CAST text);
	if (!n)
		f->oom = 1;
	return n;
}

static void attr(feed *f, xmlNodePtr n, const char *name, const char *value)
{
	if (!n)
		return;
	if (ot_utf8_check(value, strlen(value), NULL, NULL) < 0)
		f->bad = 1;
	else if (!xmlNewProp(n, BAD_CAST name, BAD_CAST value))
		f->oom = 1;
}

static void link_el(feed *f, xmlNodePtr parent, const char *rel, const char *href)
{
	xmlNodePtr n = el(f, parent, "link", NULL);
	attr(f, n, "rel", rel);
	attr(f, n, "href", href);
}

/* "urn:uuid:" and a version-5-style UUID of `name` into out. */
static int uuid_urn(ot_buf *out, const char *name)
{
	git_oid oid;
	unsigned char b[16];
	size_t i;
	if (git_odb_hash(&oid, name, strlen(name), GIT_OBJECT_BLOB) < 0)
		return ot_error_set(OT_ERROR, "cannot hash a feed entry id: %s",
				    git_error_last() ? git_error_last()->message : "libgit2 error");
	memcpy(b, oid.id, sizeof(b));
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x50);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	ot_buf_puts(out, "urn:uuid:");
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			ot_buf_putc(out, '-');
		ot_buf_printf(out, "%02x", b[i]);
	}
	return 0;
}

static void href(ot_buf *out, const ot_pub *p, const char *path)
{
	ot_buf_printf(out, "%s%s", p->base ? p->base : "", path);
}

static void timestamp(ot_buf *out, const char *date)
{
	ot_buf_printf(out, "%sT00:00:00Z", date);
}

static int entry(feed *f, xmlNodePtr parent, const ot_pub *p, const event *e)
{
	const ot_record *r = e->r;
	ot_buf b = OT_BUF_INIT, path = OT_BUF_INIT;
	xmlNodePtr n = el(f, parent, "entry", NULL), sum;
	size_t i;
	int err;

	ot_buf_printf(&b, "ordtrack:%s:%s:%s:%zu", p->root, r->id, ev_names[e->kind], e->index);
	{
		ot_buf urn = OT_BUF_INIT;
		err = uuid_urn(&urn, b.ptr);
		el(f, n, "id", urn.ptr);
		ot_buf_release(&urn);
		if (err < 0)
			goto done;
	}
	ot_buf_clear(&b);
	ot_buf_printf(&path, "records/%s.html", r->id);
	if (e->kind == EV_ENACTMENT) {
		ot_buf_printf(&b, "%s enacted: %s", r->id, r->title);
	} else if (e->kind == EV_VOTE) {
		ot_buf_printf(&b, "Vote on %s: ", r->id);
		ot_vote_tally_words(&b, &r->votes[e->index]);
		ot_buf_printf(&path, "#vote-%zu", e->index + 1);
	} else {
		ot_buf_printf(&b, "%s ", r->id);
		ot_action_sentence(&b, r->actions[e->index].type);
		ot_buf_printf(&b, ": %s", r->title);
	}
	el(f, n, "title", b.ptr);
	ot_buf_clear(&b);
	timestamp(&b, e->date);
	el(f, n, "updated", b.ptr);
	ot_buf_clear(&b);
	href(&b, p, path.ptr);
	link_el(f, n, "alternate", b.ptr);

	ot_buf_clear(&b);
	if (e->kind == EV_ENACTMENT) {
		ot_buf_printf(&b, "%s (%s) passed on %s", r->id, r->title, e->date);
		if (r->effective)
			ot_buf_printf(&b, ", effective %s", r->effective);
		if (r->nordinances) {
			ot_buf_puts(&b, "; it amends ");
			for (i = 0; i < r->nordinances; i++)
				ot_buf_printf(&b, "%s%s", i ? ", " : "", r->ordinances[i]);
		}
		ot_buf_puts(&b, ".");
	} else if (e->kind == EV_VOTE) {
		const ot_vote *v = &r->votes[e->index];
		ot_buf_printf(&b, "%s on %s, %s: ", v->motion, r->id, v->date);
		ot_vote_tally_words(&b, v);
		ot_buf_puts(&b, " (");
		for (i = 0; i < OT_VOTE_NOPTIONS; i++)
			if (v->counts[i] || i <= OT_VOTE_NO)
				ot_buf_printf(&b, "%s%zu %s", i ? ", " : "", v->counts[i], ot_vote_option_names[i]);
		ot_buf_printf(&b, "). %s", r->title);
	} else {
		const ot_action *a = &r->actions[e->index];
		ot_buf_printf(&b, "%s, %s: ", r->id, a->date);
		ot_action_sentence(&b, a->type);
		if (a->body)
			ot_buf_printf(&b, " (%s)", a->body);
		if (a->text)
			ot_buf_printf(&b, ": %s", a->text);
		ot_buf_printf(&b, ". %s", r->title);
	}
	sum = el(f, n, "summary", b.ptr);
	attr(f, sum, "type", "text");
	attr(f, el(f, n, "category", NULL), "term", ev_names[e->kind]);
done:
	ot_buf_release(&b);
	ot_buf_release(&path);
	return err;
}

/* Every event of every record, sorted newest first; *n of them (a new
 * array, free with free()). */
static event *collect(const ot_pub *p, size_t *n)
{
	event *evs = NULL;
	size_t cap = 0, i, j;
	*n = 0;
	for (i = 0; i < p->nrecords; i++) {
		const ot_record *r = &p->records[i];
		int passed = r->status == OT_STATUS_PASSED, enacted = 0;
		size_t nt = 0;
		ot_record_event *tl = ot_record_timeline(r, &nt);
		for (j = 0; j < nt; j++) {
			event *e;
			if (tl[j].kind == OT_EVENT_VERSION)
				continue;
			e = OT_ARRAY_PUSH(evs, *n, cap);
			e->date = tl[j].date;
			e->r = r;
			e->seq = j;
			e->index = tl[j].index;
			if (tl[j].kind == OT_EVENT_VOTE) {
				e->kind = EV_VOTE;
			} else if (passed && !enacted && r->actions[tl[j].index].type == OT_ACTION_PASSAGE) {
				e->kind = EV_ENACTMENT;
				e->index = 0;
				enacted = 1;
			} else {
				e->kind = EV_ACTION;
			}
		}
		if (passed && !enacted && r->closed) {
			event *e = OT_ARRAY_PUSH(evs, *n, cap);
			e->date = r->closed;
			e->r = r;
			e->seq = nt;
			e->index = 0;
			e->kind = EV_ENACTMENT;
		}
		free(tl);
	}
	if (*n)
		qsort(evs, *n, sizeof(*evs), cmp_event);
	return evs;
}

int ot_pub_feed(ot_buf *out, const ot_pub *p)
{
	feed f;
	event *evs = NULL;
	size_t n = 0, i;
	xmlNodePtr root = NULL;
	xmlChar *mem = NULL;
	int size = 0, err = 0;
	ot_buf b = OT_BUF_INIT;
	const char *updated = NULL;

	memset(&f, 0, sizeof(f));
	evs = collect(p, &n);
	xmlInitParser();
	if (!(f.doc = xmlNewDoc(BAD_CAST "1.0")) || !(root = xmlNewDocNode(f.doc, NULL, BAD_CAST "feed", NULL)) ||
	    !(f.ns = xmlNewNs(root, BAD_CAST ATOM_NS, NULL))) {
		xmlFreeNode(root);
		err = ot_error_set(OT_ERROR, "cannot build the feed: libxml2 out of memory");
		goto done;
	}
	xmlSetNs(root, f.ns);
	xmlDocSetRootElement(f.doc, root);

	ot_buf_printf(&b, "ordtrack:%s:feed", p->root);
	{
		ot_buf urn = OT_BUF_INIT;
		err = uuid_urn(&urn, b.ptr);
		el(&f, root, "id", urn.ptr);
		ot_buf_release(&urn);
		if (err < 0)
			goto done;
	}
	el(&f, root, "title", p->title);
	/* the newest entry; with none, the newest version of the code */
	if (n) {
		updated = evs[0].date;
	} else {
		for (i = 0; i < p->nords; i++)
			if (p->versions[i].n && (!updated || strcmp(p->versions[i].items[0].date, updated) > 0))
				updated = p->versions[i].items[0].date;
	}
	ot_buf_clear(&b);
	timestamp(&b, updated ? updated : "1970-01-01");
	el(&f, root, "updated", b.ptr);
	el(&f, el(&f, root, "author", NULL), "name", p->title);
	ot_buf_clear(&b);
	href(&b, p, "feed.xml");
	link_el(&f, root, "self", b.ptr);
	ot_buf_clear(&b);
	href(&b, p, "index.html");
	link_el(&f, root, "alternate", b.ptr);
	el(&f, root, "generator", "ordtrack");
	for (i = 0; i < n && i < OT_PUBLISH_FEED_MAX; i++)
		if ((err = entry(&f, root, p, &evs[i])) < 0)
			goto done;
	if (f.bad) {
		err = ot_error_set(OT_EINVALID, "cannot write the feed: a record holds text that is not valid UTF-8");
		ot_error_hint(OT_HINT_FSCK);
		goto done;
	}
	if (f.oom) {
		err = ot_error_set(OT_ERROR, "cannot build the feed: libxml2 out of memory");
		goto done;
	}
	xmlDocDumpFormatMemoryEnc(f.doc, &mem, &size, "UTF-8", 1);
	if (!mem || size <= 0) {
		err = ot_error_set(OT_ERROR, "cannot serialise the feed: libxml2 out of memory");
		goto done;
	}
	ot_buf_put(out, (const char *)mem, (size_t)size);
done:
	if (mem)
		xmlFree(mem);
	if (f.doc)
		xmlFreeDoc(f.doc);
	free(evs);
	ot_buf_release(&b);
	return err;
}
