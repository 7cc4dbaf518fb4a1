/*
 * record_import.c - writing an import set (record_import.h) into the
 * tracker: the legislative record as a council's system keeps it, merged
 * into what the tracker already holds.
 *
 * Plan, then write.  Everything is decided before any object is written:
 *
 *   1. Members.  Each member read is matched to the tracker's members:
 *      the same person (ot_members_match: name or alias, written another
 *      way) in an overlapping term is that member, and gains the other
 *      spellings as aliases and a ward or end date the tracker lacked; a
 *      different ward is a change reported, not applied.  Otherwise the
 *      member is new.  Then no ward may be held by two people on one day.
 *   2. Records.  Roll-call names and sponsors are resolved against the
 *      merged members (a roll-call name that is no member serving that
 *      day, or is more than one, is an error naming the file; a sponsor
 *      that is no member is kept as written: a body such as "Department
 *      of Finance").  A record that exists is merged event by event
 *      through the events' source ids: an event already imported and
 *      unchanged is skipped, one changed at the source is reported and
 *      kept as imported, a new one is added.  An event recorded by hand
 *      (no source id) with the same date and type (a vote: the same date
 *      and counts) is the same event: it takes the source id.
 *   3. Write (unless a dry run): every object in one write batch (one
 *      pack, fsynced) under the tracker lock, then main moves for the
 *      members (compare-and-swap), then each record's branch.  A process
 *      killed between two ref moves leaves every ref pointing at a
 *      complete commit: some records imported, the rest not; running the
 *      import again completes it, since what is there already is
 *      skipped.
 *
 *      The branches that are new are written as one update of packed-refs
 *      (pack_new_refs): git's lock packed-refs.lock taken, the file read,
 *      the new refs merged in name order, written, fsynced and renamed
 *      over it, the directory fsynced.  So they appear all at once, each
 *      at its commit, or none does; a crash, power failure included,
 *      leaves the file old or new.  A ref file of its own each, as
 *      libgit2 creates a ref, cost two fsyncs a record (at New York City's
 *      size 21,800 records: 43,600 fsyncs, and a file created, renamed
 *      and, packed afterwards, deleted for each); created without fsync
 *      and packed afterwards, a power failure could leave a ref file
 *      empty.  A branch that exists moves by compare-and-swap
 *      (ot_gw_move_ref), one ref at a time, as before.
 *
 * An imported record changes no text: its commits carry only
 * records/<ID>.json, on the branch refs/records/<ID> whatever its status
 * (only an enactment that changes the code is merged into main, by
 * ot_record_pass).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gitwrite.h"
#include "internal.h"
#include "ordtrack/index.h"
#include "ordtrack/record_import.h"
#include "ordtrack/validate.h"
#include "tracker_internal.h"

#define MEMBERS_FILE "members.json"

void ot_record_import_report_release(ot_record_import_report *r)
{
	size_t i;
	if (!r)
		return;
	for (i = 0; i < r->nchanged; i++)
		free(r->changed[i]);
	free(r->changed);
	memset(r, 0, sizeof(*r));
}

static void changed(ot_record_import_report *rep, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void changed(ot_record_import_report *rep, const char *fmt, ...)
{
	ot_buf b = OT_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ot_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	*OT_ARRAY_PUSH(rep->changed, rep->nchanged, rep->ccap) = ot_buf_detach(&b);
}

static int streq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* ---- 1. members ------------------------------------------------------------- */

static int terms_overlap(const ot_member *a, const ot_member *b)
{
	if (a->to && b->from && strcmp(a->to, b->from) < 0)
		return 0;
	if (b->to && a->from && strcmp(b->to, a->from) < 0)
		return 0;
	return 1;
}

static int has_alias(const ot_member *m, const char *name)
{
	size_t i;
	if (strcasecmp(m->name, name) == 0)
		return 1;
	for (i = 0; i < m->naliases; i++)
		if (strcasecmp(m->aliases[i], name) == 0)
			return 1;
	return 0;
}

static int add_alias(ot_member *m, const char *name)
{
	if (has_alias(m, name))
		return 0;
	*OT_ARRAY_PUSH(m->aliases, m->naliases, m->alcap) = ot_strdup(name);
	return 1;
}

static int check_member(const ot_import_member *im)
{
	const ot_member *m = &im->m;
	size_t i;
	int err;
	if (!m->name || !*m->name)
		return ot_error_set(OT_EINVALID, "%s: a member without a name", im->file);
	if ((err = ot_text_check("member name", m->name, 0)) < 0)
		return ot_error_set(err, "%s: %s", im->file, ot_error_last());
	for (i = 0; i < m->naliases; i++)
		if ((err = ot_text_check("member alias", m->aliases[i], 0)) < 0 || !*m->aliases[i])
			return ot_error_set(OT_EINVALID, "%s: %s: %s", im->file, m->name,
					    err < 0 ? ot_error_last() : "an empty alias");
	if (m->ward < 0 || m->ward > 1000)
		return ot_error_set(OT_EINVALID, "%s: %s: ward %d is not a ward number", im->file, m->name, m->ward);
	if ((m->from && ot_date_parse(NULL, m->from) < 0) || (m->to && ot_date_parse(NULL, m->to) < 0))
		return ot_error_set(OT_EINVALID, "%s: %s: %s", im->file, m->name, ot_error_last());
	if (m->from && m->to && strcmp(m->from, m->to) > 0)
		return ot_error_set(OT_EINVALID, "%s: %s: the term ends (%s) before it starts (%s)", im->file, m->name,
				    m->to, m->from);
	return 0;
}

/* The member of ms that is im's person in an overlapping term, or NULL;
 * OT_EINVALID when im's name (or an alias) names more than one. */
static int same_member(ot_member **out, ot_members *ms, const ot_member *im, const char *file)
{
	size_t i, k;
	*out = NULL;
	for (k = 0; k <= im->naliases; k++) {
		const char *name = k == 0 ? im->name : im->aliases[k - 1];
		const ot_member *hits[8];
		size_t n = ot_members_match(ms, name, NULL, hits, 8), found = 0;
		ot_member *hit = NULL;
		for (i = 0; i < n && i < 8; i++)
			if (terms_overlap(hits[i], im)) {
				if (hit && (hit->ward != hits[i]->ward || strcmp(hit->name, hits[i]->name)))
					found++;
				else if (!hit)
					found++;
				hit = (ot_member *)hits[i];
			}
		if (found > 1)
			return ot_error_set(OT_EINVALID, "%s: '%s' names more than one member in the same dates; "
						   "give the member's full name",
					    file, name);
		if (hit) {
			*out = hit;
			return 0;
		}
	}
	return 0;
}

static int merge_members(ot_members *ms, int *dirty, ot_record_import_report *rep, const ot_import_set *set)
{
	size_t i, j, k;
	int err;
	for (i = 0; i < set->nmembers; i++) {
		const ot_import_member *im = &set->members[i];
		ot_member *m;
		int updated = 0;
		if ((err = check_member(im)) < 0 || (err = same_member(&m, ms, &im->m, im->file)) < 0)
			return err;
		if (!m) {
			ot_member_copy(OT_ARRAY_PUSH(ms->items, ms->n, ms->cap), &im->m);
			rep->members_new++;
			*dirty = 1;
			continue;
		}
		if (strcasecmp(m->name, im->m.name) != 0)
			updated |= add_alias(m, im->m.name);
		for (k = 0; k < im->m.naliases; k++)
			updated |= add_alias(m, im->m.aliases[k]);
		if (!m->ward && im->m.ward) {
			m->ward = im->m.ward;
			updated = 1;
		} else if (im->m.ward && m->ward != im->m.ward) {
			changed(rep, "member %s: the source gives ward %d, the tracker ward %d; kept as it is (%s)", m->name,
				im->m.ward, m->ward, im->file);
		}
		if (!m->to && im->m.to) {
			m->to = ot_strdup(im->m.to);
			updated = 1;
		} else if (im->m.to && m->to && strcmp(m->to, im->m.to) != 0) {
			changed(rep, "member %s: the source ends the term on %s, the tracker on %s; kept as it is (%s)",
				m->name, im->m.to, m->to, im->file);
		}
		if (!m->from && im->m.from) {
			m->from = ot_strdup(im->m.from);
			updated = 1;
		}
		if (updated) {
			rep->members_updated++;
			*dirty = 1;
		}
	}
	/* one ward, one member, on any day; the day one term ends and the
	 * next begins (a seat handed over that day) is not two at once */
	for (i = 0; i < ms->n; i++)
		for (j = i + 1; j < ms->n; j++) {
			const ot_member *a = &ms->items[i], *b = &ms->items[j];
			int handover = (a->to && b->from && strcmp(a->to, b->from) == 0) ||
				       (b->to && a->from && strcmp(b->to, a->from) == 0);
			if (a->ward && a->ward == b->ward && terms_overlap(a, b) && !handover)
				return ot_error_set(OT_EINVALID,
						    "ward %d is held by %s (%s to %s) and by %s (%s to %s) at once; "
						    "correct the terms in the source or in the tracker first",
						    a->ward, a->name, a->from ? a->from : "the start", a->to ? a->to : "now",
						    b->name, b->from ? b->from : "the start", b->to ? b->to : "now");
		}
	return 0;
}

/* ---- 2. records ------------------------------------------------------------- */

static int check_record(const ot_import_record *ir)
{
	const ot_record *r = &ir->r;
	size_t i;
	int err;
	if (!r->id || ot_name_check(OT_NAME_RECORD, r->id) < 0)
		return ot_error_set(OT_EINVALID, "%s: the record id '%s' is not a safe name", ir->file,
				    r->id ? r->id : "");
	if (!r->title || !*r->title)
		return ot_error_set(OT_EINVALID, "%s: %s has no title", ir->file, r->id);
	if ((err = ot_text_check_long("title", r->title)) < 0)
		return ot_error_set(err, "%s: %s: %s", ir->file, r->id, ot_error_last());
	if ((unsigned)r->type >= OT_RECORD_N || (unsigned)r->status >= OT_STATUS_N)
		return ot_error_set(OT_EINVALID, "%s: %s: type or status out of range", ir->file, r->id);
	if (!r->introduced || ot_date_parse(NULL, r->introduced) < 0)
		return ot_error_set(OT_EINVALID, "%s: %s has no introduction date", ir->file, r->id);
	if (r->closed && ot_date_parse(NULL, r->closed) < 0)
		return ot_error_set(OT_EINVALID, "%s: %s: the closing date is not a date", ir->file, r->id);
	for (i = 0; i < r->nsponsors; i++)
		if (!*r->sponsors[i] || (err = ot_text_check("sponsor", r->sponsors[i], 0)) < 0)
			return ot_error_set(OT_EINVALID, "%s: %s: %s", ir->file, r->id,
					    *r->sponsors[i] ? ot_error_last() : "an empty sponsor name");
	for (i = 0; i < r->nactions; i++) {
		const ot_action *a = &r->actions[i];
		if (!a->date || ot_date_parse(NULL, a->date) < 0 || (unsigned)a->type >= OT_ACTION_N)
			return ot_error_set(OT_EINVALID, "%s: %s: action %zu has no valid date or type", ir->file, r->id,
					    i + 1);
		if ((a->text && (err = ot_text_check_long("action text", a->text)) < 0) ||
		    (a->body && (err = ot_text_check("action body", a->body, 0)) < 0))
			return ot_error_set(OT_EINVALID, "%s: %s: %s", ir->file, r->id, ot_error_last());
	}
	for (i = 0; i < r->nvotes; i++) {
		const ot_vote *v = &r->votes[i];
		if (!v->date || ot_date_parse(NULL, v->date) < 0 || !v->motion || !*v->motion)
			return ot_error_set(OT_EINVALID, "%s: %s: a vote has no valid date or motion", ir->vote_files[i],
					    r->id);
		if (v->result != OT_RESULT_PASS && v->result != OT_RESULT_FAIL)
			return ot_error_set(OT_EINVALID, "%s: %s: the vote of %s has no result (pass or fail)",
					    ir->vote_files[i], r->id, v->date);
		if ((err = ot_text_check_long("motion", v->motion)) < 0)
			return ot_error_set(OT_EINVALID, "%s: %s: %s", ir->vote_files[i], r->id, ot_error_last());
		if (!v->nroll)
			return ot_error_set(OT_EINVALID, "%s: %s: the vote of %s has no roll call", ir->vote_files[i],
					    r->id, v->date);
	}
	return 0;
}

typedef struct seat {
	int ward;
	ot_roll_entry e;
} seat;

static int cmp_seat(const void *pa, const void *pb)
{
	const seat *a = pa, *b = pb;
	if (a->ward != b->ward)
		return a->ward < b->ward ? -1 : 1;
	return strcmp(a->e.name, b->e.name);
}

/* Resolve the roll of vote v (read from `file`) to members serving on its
 * date, in place, count it, and put it in council order (ward, then
 * name): sources list a roll call in their own orders (by ward, by
 * name), and one vote read from two of them is one record. */
static int resolve_roll(ot_vote *v, const ot_members *ms, const char *id, const char *file)
{
	size_t i, j, k;
	seat *seats = ot_calloc(v->nroll + 1, sizeof(*seats));
	memset(v->counts, 0, sizeof(v->counts));
	for (i = 0; i < v->nroll; i++) {
		const ot_member *hits[8];
		size_t n = ot_members_match(ms, v->roll[i].name, v->date, hits, 8);
		if (n == 0) {
			free(seats);
			return ot_error_set(OT_EINVALID,
					    "%s: %s, vote of %s: '%s' is not a member serving on %s; import the "
					    "council's members first (or add the name as an alias of a member)",
					    file, id, v->date, v->roll[i].name, v->date);
		}
		if (n > 1) {
			ot_buf c = OT_BUF_INIT;
			int err;
			for (k = 0; k < n && k < 8; k++)
				ot_buf_printf(&c, "%s%s (ward %d)", k ? ", " : "", hits[k]->name, hits[k]->ward);
			err = ot_error_set(OT_EINVALID, "%s: %s, vote of %s: '%s' could be any of %s; give the full name",
					   file, id, v->date, v->roll[i].name, c.ptr);
			ot_buf_release(&c);
			free(seats);
			return err;
		}
		free(v->roll[i].name);
		v->roll[i].name = ot_strdup(hits[0]->name);
		for (j = 0; j < i; j++)
			if (strcmp(v->roll[j].name, v->roll[i].name) == 0) {
				free(seats);
				return ot_error_set(OT_EINVALID, "%s: %s, vote of %s: %s is named twice in the roll call",
						    file, id, v->date, v->roll[i].name);
			}
		v->counts[v->roll[i].option]++;
		seats[i] = (seat){hits[0]->ward, v->roll[i]};
	}
	qsort(seats, v->nroll, sizeof(*seats), cmp_seat);
	for (i = 0; i < v->nroll; i++)
		v->roll[i] = seats[i].e;
	free(seats);
	return 0;
}

static void copy_action(ot_action *dst, const ot_action *a)
{
	dst->date = ot_strdup(a->date);
	dst->type = a->type;
	dst->body = a->body ? ot_strdup(a->body) : NULL;
	dst->text = a->text ? ot_strdup(a->text) : NULL;
	dst->source = a->source ? ot_strdup(a->source) : NULL;
}

static void copy_record_facts(ot_record *dst, const ot_record *src)
{
	size_t i;
	memset(dst, 0, sizeof(*dst));
	dst->id = ot_strdup(src->id);
	dst->type = src->type;
	dst->title = ot_strdup(src->title);
	dst->status = src->status;
	dst->introduced = ot_strdup(src->introduced);
	dst->closed = src->closed ? ot_strdup(src->closed) : NULL;
	dst->effective = src->effective ? ot_strdup(src->effective) : NULL;
	dst->source = src->source ? ot_strdup(src->source) : NULL;
	for (i = 0; i < src->nsponsors; i++)
		*OT_ARRAY_PUSH(dst->sponsors, dst->nsponsors, dst->scap) = ot_strdup(src->sponsors[i]);
	for (i = 0; i < src->nlinks; i++)
		*OT_ARRAY_PUSH(dst->links, dst->nlinks, dst->lcap) =
			(ot_link){src->links[i].kind, ot_strdup(src->links[i].url),
				  src->links[i].note ? ot_strdup(src->links[i].note) : NULL};
	*OT_ARRAY_PUSH(dst->versions, dst->nversions, dst->vcap) =
		(ot_record_version){1, ot_strdup(src->introduced), OT_STAGE_INTRODUCED};
}

static int same_roll(const ot_vote *a, const ot_vote *b)
{
	size_t i;
	if (a->nroll != b->nroll || a->result != b->result || !streq(a->date, b->date) || !streq(a->motion, b->motion))
		return 0;
	for (i = 0; i < a->nroll; i++)
		if (a->roll[i].option != b->roll[i].option || strcmp(a->roll[i].name, b->roll[i].name) != 0)
			return 0;
	return 1;
}

static int same_counts(const ot_vote *a, const ot_vote *b)
{
	return memcmp(a->counts, b->counts, sizeof(a->counts)) == 0;
}

/* 1 when source ids a and b come from one system ("legistar:…",
 * "ocd:…"): within one system, two ids are two events. */
static int same_system(const char *a, const char *b)
{
	const char *ca = strchr(a, ':'), *cb = strchr(b, ':');
	size_t na = ca ? (size_t)(ca - a) : strlen(a), nb = cb ? (size_t)(cb - b) : strlen(b);
	return na == nb && strncmp(a, b, na) == 0;
}

/* An event already in the tracker that the source's event with another
 * id is the same as: one recorded by hand (no source id) or imported
 * from another system, on the same date and of the same type (a vote:
 * the same counts).  Two systems' copies of one matter are one record. */
static int other_copy(const char *have_source, const char *source)
{
	return !have_source || (source && !same_system(have_source, source));
}

/* A sponsor's name as the tracker writes it: the member's, when one. */
static char *sponsor_name(const ot_members *ms, const char *name, const char *date)
{
	const ot_member *m = ot_members_find(ms, name, date);
	if (!m)
		m = ot_members_find(ms, name, NULL);
	return ot_strdup(m ? m->name : name);
}

static int has_sponsor(const ot_record *r, const char *name)
{
	size_t i;
	for (i = 0; i < r->nsponsors; i++)
		if (strcmp(r->sponsors[i], name) == 0)
			return 1;
	return 0;
}

/* Merge the imported record `in` (names resolved) into `cur` (the
 * tracker's copy); the number of events added, and the changes at the
 * source reported into rep. */
/* 1 when r's actions record that `name` was taken off as a sponsor
 * (ot_record_sponsor's "Remove Co-Sponsor(s): NAME"). */
static int removed_by_hand(const ot_record *r, const char *name)
{
	static const char prefix[] = "Remove Co-Sponsor(s): ";
	size_t i;
	for (i = 0; i < r->nactions; i++)
		if (r->actions[i].type == OT_ACTION_SPONSORSHIP && !r->actions[i].source && r->actions[i].text &&
		    strncmp(r->actions[i].text, prefix, sizeof(prefix) - 1) == 0 &&
		    strcmp(r->actions[i].text + sizeof(prefix) - 1, name) == 0)
			return 1;
	return 0;
}

/* What differs between two roll calls of one vote, into b: "Holden:
 * absent -> yes; Chen: yes -> no", members in or out of the roll, the
 * result. */
static void roll_changes(ot_buf *b, const ot_vote *was, const ot_vote *now)
{
	size_t i, j;
	if (was->result != now->result)
		ot_buf_printf(b, "%sresult %s -> %s", b->len ? "; " : "", ot_vote_result_names[was->result],
			      ot_vote_result_names[now->result]);
	if (!streq(was->date, now->date))
		ot_buf_printf(b, "%sdate %s -> %s", b->len ? "; " : "", was->date, now->date);
	if (!streq(was->motion, now->motion))
		ot_buf_printf(b, "%smotion '%s' -> '%s'", b->len ? "; " : "", was->motion, now->motion);
	for (i = 0; i < now->nroll; i++) {
		for (j = 0; j < was->nroll && strcmp(was->roll[j].name, now->roll[i].name) != 0; j++)
			;
		if (j == was->nroll)
			ot_buf_printf(b, "%s%s added (%s)", b->len ? "; " : "", now->roll[i].name,
				      ot_vote_option_label(now->roll[i].option));
		else if (was->roll[j].option != now->roll[i].option)
			ot_buf_printf(b, "%s%s: %s -> %s", b->len ? "; " : "", now->roll[i].name,
				      ot_vote_option_label(was->roll[j].option), ot_vote_option_label(now->roll[i].option));
	}
	for (j = 0; j < was->nroll; j++) {
		for (i = 0; i < now->nroll && strcmp(was->roll[j].name, now->roll[i].name) != 0; i++)
			;
		if (i == now->nroll)
			ot_buf_printf(b, "%s%s no longer in the roll", b->len ? "; " : "", was->roll[j].name);
	}
}

/* What differs between two copies of one action, into b. */
static void action_changes(ot_buf *b, const ot_action *was, const ot_action *now)
{
	if (!streq(was->date, now->date))
		ot_buf_printf(b, "%sdate %s -> %s", b->len ? "; " : "", was->date, now->date);
	if (was->type != now->type)
		ot_buf_printf(b, "%stype %s -> %s", b->len ? "; " : "", ot_action_type_names[was->type],
			      ot_action_type_names[now->type]);
	if (!streq(was->body, now->body))
		ot_buf_printf(b, "%sbody '%s' -> '%s'", b->len ? "; " : "", was->body ? was->body : "",
			      now->body ? now->body : "");
	if (!streq(was->text, now->text))
		ot_buf_printf(b, "%stext '%s' -> '%s'", b->len ? "; " : "", was->text ? was->text : "",
			      now->text ? now->text : "");
}

static size_t merge_record(ot_record *cur, const ot_record *in, ot_record_import_report *rep, int accept)
{
	size_t i, j, added = 0;
	const char *fate = accept ? "taken from the source" : "kept as imported";
	ot_buf what = OT_BUF_INIT;
	/* a record that changes the code closes only through ot_record_pass
	 * (or close), which merge its texts or say why not */
	int texts = cur->nordinances > 0 && cur->status == OT_STATUS_PENDING;
	for (i = 0; i < in->nsponsors; i++) {
		if (has_sponsor(cur, in->sponsors[i]))
			continue;
		if (removed_by_hand(cur, in->sponsors[i])) {
			changed(rep, "%s: the source lists %s as a sponsor, taken off in the tracker; kept off", cur->id,
				in->sponsors[i]);
			continue;
		}
		*OT_ARRAY_PUSH(cur->sponsors, cur->nsponsors, cur->scap) = ot_strdup(in->sponsors[i]);
		added++;
	}
	for (i = 0; i < cur->nsponsors; i++)
		if (!has_sponsor(in, cur->sponsors[i]) && cur->source && in->source && same_system(cur->source, in->source))
			changed(rep, "%s: the source no longer lists %s as a sponsor; kept (take it off with a sponsorship "
				     "action if the source is right)",
				cur->id, cur->sponsors[i]);
	if (strcmp(cur->title, in->title) != 0) {
		if (accept) {
			free(cur->title);
			cur->title = ot_strdup(in->title);
			added++;
		}
		changed(rep, "%s: title changed at the source ('%.80s' -> '%.80s'); %s", cur->id, cur->title, in->title,
			accept ? "taken from the source" : "kept as it is");
	}
	if (strcmp(cur->introduced, in->introduced) != 0)
		changed(rep, "%s: the source gives %s as the introduction date, the tracker %s; kept as it is", cur->id,
			in->introduced, cur->introduced);
	if (!cur->source && in->source)
		cur->source = ot_strdup(in->source);
	for (i = 0; i < in->nlinks; i++) {
		for (j = 0; j < cur->nlinks && strcmp(cur->links[j].url, in->links[i].url); j++)
			;
		if (j == cur->nlinks)
			*OT_ARRAY_PUSH(cur->links, cur->nlinks, cur->lcap) =
				(ot_link){in->links[i].kind, ot_strdup(in->links[i].url),
					  in->links[i].note ? ot_strdup(in->links[i].note) : NULL};
	}
	for (i = 0; i < in->nactions; i++) {
		const ot_action *a = &in->actions[i];
		ot_action *hit = NULL;
		for (j = 0; !hit && j < cur->nactions; j++)
			if (a->source && streq(cur->actions[j].source, a->source))
				hit = &cur->actions[j];
		if (hit) {
			ot_buf_clear(&what);
			action_changes(&what, hit, a);
			if (what.len) {
				changed(rep, "%s: action %s changed at the source (%s); %s", cur->id, a->source, what.ptr, fate);
				if (accept) {
					char *src = hit->source;
					hit->source = NULL;
					free(hit->date);
					free(hit->body);
					free(hit->text);
					free(src);
					copy_action(hit, a);
					added++;
				}
			}
			continue;
		}
		/* recorded by hand, or by another system: the same date and
		 * type is the same action (a hand-recorded one takes the id) */
		for (j = 0; !hit && j < cur->nactions; j++)
			if (other_copy(cur->actions[j].source, a->source) && cur->actions[j].type == a->type &&
			    streq(cur->actions[j].date, a->date))
				hit = &cur->actions[j];
		if (hit) {
			if (!hit->source)
				hit->source = a->source ? ot_strdup(a->source) : NULL;
			continue;
		}
		if (texts && ot_action_type_closes(a->type)) {
			changed(rep, "%s: the source records %s on %s; not added, since the record changes the code "
				     "and is closed only by enacting it (or closing it) in the tracker",
				cur->id, a->text ? a->text : ot_action_type_names[a->type], a->date);
			continue;
		}
		copy_action(OT_ARRAY_PUSH(cur->actions, cur->nactions, cur->acap), a);
		added++;
	}
	for (i = 0; i < in->nvotes; i++) {
		const ot_vote *v = &in->votes[i];
		ot_vote *hit = NULL;
		for (j = 0; !hit && j < cur->nvotes; j++)
			if (v->source && streq(cur->votes[j].source, v->source))
				hit = &cur->votes[j];
		if (hit) {
			if (!same_roll(hit, v)) {
				ot_buf_clear(&what);
				roll_changes(&what, hit, v);
				changed(rep, "%s: vote %s of %s changed at the source (%s); %s", cur->id, v->source, hit->date,
					what.len ? what.ptr : "the roll's order", fate);
				if (accept) {
					ot_vote nv;
					ot_vote_copy(&nv, v);
					ot_vote_release(hit);
					*hit = nv;
					added++;
				}
			}
			continue;
		}
		for (j = 0; !hit && j < cur->nvotes; j++)
			if (other_copy(cur->votes[j].source, v->source) && streq(cur->votes[j].date, v->date) &&
			    same_counts(&cur->votes[j], v))
				hit = &cur->votes[j];
		if (hit) {
			if (!hit->source)
				hit->source = v->source ? ot_strdup(v->source) : NULL;
			continue;
		}
		ot_vote_copy(OT_ARRAY_PUSH(cur->votes, cur->nvotes, cur->votecap), v);
		added++;
	}
	if (texts && in->status != OT_STATUS_PENDING) {
		/* reported with its closing action above */
	} else if (cur->status == OT_STATUS_PENDING && in->status != OT_STATUS_PENDING) {
		if (!in->closed)
			changed(rep, "%s: the source now says %s but gives no date it closed; applied, closed date unknown",
				cur->id, ot_status_names[in->status]);
		cur->status = in->status;
		free(cur->closed);
		cur->closed = in->closed ? ot_strdup(in->closed) : NULL;
		added++;
	} else if (cur->status != in->status) {
		changed(rep, "%s: the source says %s, the tracker %s; kept as it is", cur->id, ot_status_names[in->status],
			ot_status_names[cur->status]);
	}
	ot_buf_release(&what);
	return added;
}

/* One record to write: its new JSON and where its branch stands. */
typedef struct planned {
	ot_record r;
	int exists;       /* the branch exists: head is its tip */
	git_oid head;
	git_oid commit;   /* written */
	size_t added;     /* events new to the tracker */
} planned;

static void plan_release(planned *p, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		ot_record_release(&p[i].r);
	free(p);
}

static int plan_records(planned **out, size_t *nout, ot_tracker *t, const ot_members *ms, const ot_import_set *set,
			int flags,
			const char *base, ot_record_import_report *rep)
{
	planned *plan = ot_calloc(set->nrecords + 1, sizeof(*plan));
	size_t i, j, np = 0;
	int err = 0;

	for (i = 0; i < set->nrecords; i++) {
		const ot_import_record *ir = &set->records[i];
		ot_record in, cur;
		char hex[41];
		if ((err = check_record(ir)) < 0)
			break;
		for (j = 0; j < i; j++)
			if (strcmp(set->records[j].r.id, ir->r.id) == 0) {
				err = ot_error_set(OT_EINVALID, "%s: record %s is also in %s; a source gives each matter once",
						   ir->file, ir->r.id, set->records[j].file);
				break;
			}
		if (err < 0)
			break;
		/* the record as read, names resolved */
		copy_record_facts(&in, &ir->r);
		for (j = 0; j < in.nsponsors; j++) {
			char *s = sponsor_name(ms, in.sponsors[j], in.introduced);
			free(in.sponsors[j]);
			in.sponsors[j] = s;
		}
		for (j = 0; j < ir->r.nactions; j++)
			copy_action(OT_ARRAY_PUSH(in.actions, in.nactions, in.acap), &ir->r.actions[j]);
		for (j = 0; j < ir->r.nvotes && err == 0; j++) {
			ot_vote *v = OT_ARRAY_PUSH(in.votes, in.nvotes, in.votecap);
			ot_vote_copy(v, &ir->r.votes[j]);
			if ((err = resolve_roll(v, ms, in.id, ir->vote_files[j])) == 0 && !v->forced &&
			    ot_vote_check_threshold(v, ot_members_serving(ms, v->date)) < 0) {
				/* the source's result stands; say that it was not checked */
				v->forced = ot_strdup("as recorded by the source; the counts alone do not give this result");
				ot_error_clear();
			}
		}
		if (err < 0) {
			ot_record_release(&in);
			break;
		}
		err = ot_record_load(&cur, hex, t, in.id);
		if (err == OT_ENOTFOUND) {
			ot_error_clear();
			in.base = ot_strdup(base);
			plan[np].r = in;
			plan[np].added = in.nactions + in.nvotes;
			rep->records_new++;
			rep->events_new += plan[np].added;
			np++;
			err = 0;
			continue;
		}
		if (err < 0) {
			ot_record_release(&in);
			break;
		}
		plan[np].added = merge_record(&cur, &in, rep, (flags & OT_IMPORT_ACCEPT_CHANGES) != 0);
		ot_record_release(&in);
		if (!plan[np].added) {
			rep->records_same++;
			ot_record_release(&cur);
			continue;
		}
		if (!(cur.status == OT_STATUS_PASSED && cur.nordinances)) {
			plan[np].r = cur;
			plan[np].exists = 1;
			git_oid_fromstr(&plan[np].head, hex);
			rep->records_updated++;
			rep->events_new += plan[np].added;
			np++;
		} else {
			/* enacted into main: its copy there is authoritative */
			changed(rep, "%s is enacted on main; %zu new event%s from the source not added (record them as "
				     "actions after passage)",
				cur.id, plan[np].added, plan[np].added == 1 ? "" : "s");
			ot_record_release(&cur);
		}
	}
	if (err < 0) {
		plan_release(plan, np);
		return err;
	}
	*out = plan;
	*nout = np;
	return 0;
}

/* ---- 3. write ------------------------------------------------------------------ */

static const char *last_date(const ot_record *r)
{
	const char *d = r->introduced;
	size_t i;
	for (i = 0; i < r->nactions; i++)
		if (strcmp(r->actions[i].date, d) > 0)
			d = r->actions[i].date;
	for (i = 0; i < r->nvotes; i++)
		if (strcmp(r->votes[i].date, d) > 0)
			d = r->votes[i].date;
	return d;
}

static int write_record(ot_tracker *t, planned *p, const git_oid *main_head, const char *format)
{
	ot_buf json = OT_BUF_INIT, msg = OT_BUF_INIT;
	git_oid tree, blob;
	const git_oid *parent = p->exists ? &p->head : main_head;
	char path[300];
	int err;
	ot_record_to_json(&json, &p->r);
	snprintf(path, sizeof(path), "%s.json", p->r.id);
	ot_buf_printf(&msg, "%s: imported from %s (%zu new event%s)\n\nRecord: %s\nEvent: import\nDate: %s\n", p->r.id,
		      format, p->added, p->added == 1 ? "" : "s", p->r.id, last_date(&p->r));
	if (p->r.source)
		ot_buf_printf(&msg, "Source: %s\n", p->r.source);
	if ((err = ot_gw_commit_tree(&tree, t, parent)) == 0 && (err = ot_gw_blob(&blob, t, json.ptr, json.len)) == 0 &&
	    (err = ot_gw_tree_set(&tree, t, &tree, "records", path, &blob, GIT_FILEMODE_BLOB)) == 0)
		err = ot_gw_commit(&p->commit, t, &tree, parent, 1, msg.ptr, last_date(&p->r));
	ot_buf_release(&json);
	ot_buf_release(&msg);
	return err;
}

static int write_members(git_oid *commit, ot_tracker *t, const ot_members *ms, const git_oid *head, size_t nnew,
			 size_t nupdated, const char *format)
{
	ot_buf json = OT_BUF_INIT, msg = OT_BUF_INIT;
	git_oid root, blob, tree;
	char today[11];
	int err;
	ot_date_today(today);
	ot_members_to_json(&json, ms);
	ot_buf_printf(&msg, "members: imported from %s (%zu new, %zu updated)\n", format, nnew, nupdated);
	if ((err = head ? ot_gw_commit_tree(&root, t, head) : 0) == 0 &&
	    (err = ot_gw_blob(&blob, t, json.ptr, json.len)) == 0 &&
	    (err = ot_gw_tree_set(&tree, t, head ? &root : NULL, NULL, MEMBERS_FILE, &blob, GIT_FILEMODE_BLOB)) == 0)
		err = ot_gw_commit(commit, t, &tree, head, head ? 1 : 0, msg.ptr, today);
	ot_buf_release(&json);
	ot_buf_release(&msg);
	return err;
}

/* One ref of packed-refs: its lines ("<oid> <name>\n", then the peeled
 * "^<oid>\n" of a tag) as read, or a new ref's commit; the name borrowed
 * from the lines or from the plan. */
typedef struct packed_ref {
	const char *name;
	size_t nlen;
	const char *text; /* the lines as read, or NULL for a new ref */
	size_t tlen;
	const git_oid *id; /* a new ref's commit */
} packed_ref;

static int packed_cmp(const void *pa, const void *pb)
{
	const packed_ref *a = pa, *b = pb;
	size_t n = a->nlen < b->nlen ? a->nlen : b->nlen;
	int c = memcmp(a->name, b->name, n);
	return c ? c : a->nlen < b->nlen ? -1 : a->nlen > b->nlen;
}

/* The refs of packed-refs (data, len bytes) appended to *refs, its first
 * line into *header when that is a header ("# pack-refs with: ...").
 * OT_EINVALID for a line that is neither a ref nor the peeled line of
 * one: nothing is written then. */
static int packed_parse(packed_ref **refs, size_t *n, size_t *cap, ot_buf *header, const char *data, size_t len,
			const char *path)
{
	size_t i = 0;
	while (i < len) {
		const char *line = data + i, *nl = memchr(line, '\n', len - i), *sp = NULL;
		size_t llen = nl ? (size_t)(nl - line) + 1 : len - i;
		if (line[0] == '#' && i == 0 && nl) {
			ot_buf_put(header, line, llen);
		} else if (line[0] == '^' && *n && nl) {
			(*refs)[*n - 1].tlen += llen;
		} else if (nl && (sp = memchr(line, ' ', llen)) && sp > line && sp + 1 < nl) {
			*OT_ARRAY_PUSH(*refs, *n, *cap) = (packed_ref){sp + 1, (size_t)(nl - sp - 1), line, llen, NULL};
		} else {
			return ot_error_set(OT_EINVALID, "tracker: '%s' has a line that is no ref; nothing was recorded",
					    path);
		}
		i += llen;
	}
	return 0;
}

/* The bytes of packed-refs at path into out: 0, 1 when there is no such
 * file, or an error. */
static int read_packed(ot_buf *out, const char *path)
{
	char buf[65536];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 1 : ot_error_set(-1, "cannot open '%s': %s", path, strerror(errno));
	for (;;) {
		ssize_t r = read(fd, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int err = ot_error_set(-1, "cannot read '%s': %s", path, strerror(errno));
			close(fd);
			return err;
		}
		if (r == 0)
			break;
		ot_buf_put(out, buf, (size_t)r);
	}
	close(fd);
	return 0;
}

/* len bytes of data written to fd (the file `path`), then fsynced. */
static int write_all(int fd, const char *data, size_t len, const char *path)
{
	while (len) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return ot_error_set(-1, "cannot write '%s': %s", path, strerror(errno));
		data += w;
		len -= (size_t)w;
	}
	if (fsync(fd) < 0)
		return ot_error_set(-1, "cannot write '%s': fsync: %s", path, strerror(errno));
	return 0;
}

/* The new branches of plan (those that do not exist) written into
 * packed-refs in one update, as the top comment says.  A new branch that
 * is there after all (a ref file, or a packed ref: something moved it
 * since the plan) is OT_ECONFLICT, and nothing is written; so is a lock
 * file left by a process that stopped.  0 or an error. */
static int pack_new_refs(ot_tracker *t, const planned *plan, size_t np)
{
	const char *gitdir = git_repository_commondir(t->repo);
	ot_buf path = OT_BUF_INIT, lock = OT_BUF_INIT, loose = OT_BUF_INIT, old = OT_BUF_INIT, out = OT_BUF_INIT,
	       header = OT_BUF_INIT, names = OT_BUF_INIT;
	packed_ref *refs = NULL;
	size_t n = 0, cap = 0, nnew = 0, i, base;
	size_t *at = NULL;
	int fd = -1, dfd, err = 0, locked = 0;
	struct stat st;

	for (i = 0; i < np; i++)
		nnew += !plan[i].exists;
	if (!nnew)
		return 0;
	ot_buf_printf(&path, "%spacked-refs", gitdir);
	ot_buf_printf(&lock, "%spacked-refs.lock", gitdir);
	/* git's lock: under the tracker lock no ordtrack writer holds it, so
	 * one there was left by a process that stopped (or is git's own) */
	if ((fd = open(lock.ptr, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666)) < 0) {
		if (errno == EEXIST) {
			err = ot_error_set(OT_ECONFLICT, "a lock file '%s' was left by a process that stopped", lock.ptr);
			ot_error_hint(OT_HINT_FSCK_REPAIR);
		} else {
			err = ot_error_set(-1, "cannot create '%s': %s", lock.ptr, strerror(errno));
		}
		goto done;
	}
	locked = 1;
	if ((err = read_packed(&old, path.ptr)) < 0)
		goto done;
	if (err == 1) /* no packed-refs yet: libgit2's header */
		ot_buf_puts(&header, "# pack-refs with: peeled fully-peeled sorted \n");
	else if ((err = packed_parse(&refs, &n, &cap, &header, old.ptr, old.len, path.ptr)) < 0)
		goto done;
	err = 0;
	/* the new refs' names, NUL-separated in one buffer (by offset: it
	 * moves as it grows), each checked to have no ref file */
	at = ot_calloc(np, sizeof(*at));
	for (i = 0; i < np; i++) {
		at[i] = names.len;
		if (!plan[i].exists) {
			ot_buf_printf(&names, "refs/records/%s", plan[i].r.id);
			ot_buf_putc(&names, '\0');
		}
	}
	ot_buf_puts(&loose, gitdir);
	base = loose.len;
	for (i = 0; i < np; i++) {
		const char *name = names.ptr + at[i];
		if (plan[i].exists)
			continue;
		ot_buf_truncate(&loose, base);
		ot_buf_puts(&loose, name);
		if (lstat(loose.ptr, &st) == 0 || errno != ENOENT) {
			err = ot_error_set(OT_ECONFLICT, "%s moved while %s was being recorded; nothing was recorded, try again",
					   name, plan[i].r.id);
			goto done;
		}
		*OT_ARRAY_PUSH(refs, n, cap) = (packed_ref){name, strlen(name), NULL, 0, &plan[i].commit};
	}
	/* sorted, as the header says and git's binary search needs; a new
	 * name packed already is a ref that moved */
	qsort(refs, n, sizeof(*refs), packed_cmp);
	for (i = 0; i + 1 < n; i++)
		if (packed_cmp(&refs[i], &refs[i + 1]) == 0) {
			err = ot_error_set(OT_ECONFLICT,
					   "%.*s moved while the import was being recorded; nothing was recorded, try again",
					   (int)refs[i].nlen, refs[i].name);
			goto done;
		}
	ot_buf_put(&out, header.ptr, header.len);
	for (i = 0; i < n; i++) {
		char hex[GIT_OID_HEXSZ + 1];
		if (refs[i].text) {
			ot_buf_put(&out, refs[i].text, refs[i].tlen);
			continue;
		}
		git_oid_tostr(hex, sizeof(hex), refs[i].id);
		ot_buf_printf(&out, "%s %.*s\n", hex, (int)refs[i].nlen, refs[i].name);
	}
	err = write_all(fd, out.ptr, out.len, lock.ptr);
	close(fd);
	fd = -1;
	if (err < 0)
		goto done;
	if (rename(lock.ptr, path.ptr) < 0) {
		err = ot_error_set(-1, "cannot rename '%s': %s", lock.ptr, strerror(errno));
		goto done;
	}
	locked = 0;
	t->refs_moved = 1; /* the write stands: see ot_tracker_unlock */
	/* the rename on the disk before the import goes on */
	if ((dfd = open(gitdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 || fsync(dfd) < 0)
		err = ot_error_set(-1, "cannot write '%s': fsync: %s", gitdir, strerror(errno));
	if (dfd >= 0)
		close(dfd);
done:
	if (fd >= 0)
		close(fd);
	if (locked)
		unlink(lock.ptr);
	free(refs);
	free(at);
	ot_buf_release(&path);
	ot_buf_release(&lock);
	ot_buf_release(&loose);
	ot_buf_release(&old);
	ot_buf_release(&out);
	ot_buf_release(&header);
	ot_buf_release(&names);
	return err;
}

int ot_record_import(ot_record_import_report *rep, ot_tracker *t, const ot_import_set *set, int flags)
{
	int dry_run = (flags & OT_IMPORT_DRY_RUN) != 0;
	ot_members ms = {0};
	planned *plan = NULL;
	size_t np = 0, i;
	git_oid main_head, members_commit;
	int have_main, err, dirty = 0, in_batch = 0, locked = 0;
	char base[41] = "";
	const char *format = (unsigned)set->format < OT_SOURCE_N ? ot_source_format_names[set->format] : "a source";

	memset(rep, 0, sizeof(*rep));
	if (!dry_run) {
		if ((err = ot_tracker_lock(t, OT_LOCK_TIMEOUT_MS)) < 0)
			return err;
		locked = 1;
	}
	err = ot_gw_ref(&main_head, t, OT_MAIN_REF);
	if (err < 0 && err != OT_ENOTFOUND)
		goto done;
	have_main = err == 0;
	ot_error_clear();
	if ((err = ot_members_load(&ms, t)) < 0 || (err = merge_members(&ms, &dirty, rep, set)) < 0)
		goto done;
	/* a record's base is main as it stands (after the members' commit,
	 * which changes no text; before it when nothing changes there) */
	if (have_main)
		git_oid_tostr(base, sizeof(base), &main_head);
	if (dry_run) {
		if ((err = plan_records(&plan, &np, t, &ms, set, flags, have_main ? base : "(main)", rep)) < 0)
			goto done;
		goto done;
	}
	if ((err = ot_store_batch_begin(t)) < 0)
		goto done;
	in_batch = 1;
	if (dirty || !have_main) {
		/* an import into an empty tracker starts main with the members */
		if ((err = write_members(&members_commit, t, &ms, have_main ? &main_head : NULL, rep->members_new,
					 rep->members_updated, format)) < 0)
			goto done;
		git_oid_tostr(base, sizeof(base), &members_commit);
	}
	if ((err = plan_records(&plan, &np, t, &ms, set, flags, base, rep)) < 0)
		goto done;
	for (i = 0; i < np; i++)
		if ((err = write_record(t, &plan[i], (dirty || !have_main) ? &members_commit : &main_head, format)) < 0)
			goto done;
	in_batch = 0;
	if ((err = ot_store_batch_flush(t)) < 0)
		goto done;
	/* the commit points: main, then each record's branch */
	if ((dirty || !have_main) &&
	    (err = ot_gw_move_ref(t, OT_MAIN_REF, &members_commit, have_main ? &main_head : NULL, "main")) < 0)
		goto done;
	if ((err = pack_new_refs(t, plan, np)) < 0)
		goto done;
	for (i = 0; i < np; i++) {
		char ref[300];
		if (!plan[i].exists)
			continue;
		snprintf(ref, sizeof(ref), "refs/records/%s", plan[i].r.id);
		if ((err = ot_gw_move_ref(t, ref, &plan[i].commit, &plan[i].head, plan[i].r.id)) < 0)
			goto done;
	}
	/* main and the branches that moved in packed-refs too, not a file
	 * each: every reader lists them (the index's catch-up on open) */
	if (np) {
		git_refdb *refdb = NULL;
		if ((err = git_repository_refdb(&refdb, t->repo)) < 0 || (err = git_refdb_compress(refdb)) < 0) {
			ot_git_error(err, "pack the refs");
			ot_warning_after_commit(); /* past the commit point, as below */
		}
		git_refdb_free(refdb);
		err = 0;
	}
	if (ot_index_catch_up(t) < 0)
		ot_warning_after_commit(); /* past the commit point: see store.c */
done:
	if (in_batch)
		ot_store_batch_abort(t);
	if (locked)
		ot_tracker_unlock(t);
	plan_release(plan, np);
	ot_members_release(&ms);
	if (err < 0) /* a refused import did nothing: nothing to report */
		ot_record_import_report_release(rep);
	return err;
}
