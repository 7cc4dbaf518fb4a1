/*
 * ordtrack/record.h - the legislative record: council members, and records
 * (matters before the council) with sponsors, actions and roll-call votes.
 *
 * Storage (DESIGN.md): members.json on main; each record is a branch
 * refs/records/<RECORD> whose commits are its text versions and events,
 * with records/<RECORD>.json in every commit's tree.  Passage merges the
 * record into main, so a passed record's JSON is on main too.  Both files
 * are canonical JSON (sorted keys, two-space indent, final newline): the
 * same content always gives the same blob.
 *
 * Ownership: ot_record and ot_members own all their strings; release with
 * ot_record_release / ot_members_release.
 */
#ifndef ORDTRACK_RECORD_H
#define ORDTRACK_RECORD_H

#include <stddef.h>

#include "ordtrack/buf.h"
#include "ordtrack/doc.h"
#include "ordtrack/render.h"
#include "ordtrack/store.h"
#include "ordtrack/tracker.h"

/* Vote options, in the order tallies are printed (OCD vocabulary). */
typedef enum {
	OT_VOTE_YES,
	OT_VOTE_NO,
	OT_VOTE_ABSTAIN,
	OT_VOTE_ABSENT,
	OT_VOTE_EXCUSED,
	OT_VOTE_NOT_VOTING,
	OT_VOTE_NOPTIONS
} ot_vote_option;

extern const char *const ot_vote_option_names[OT_VOTE_NOPTIONS]; /* "yes", "no", … "not-voting" */
/* Parse a vote word, ignoring case: the option names, and the words
 * councils' systems use (docs/export.md, "Vote words": "aye", "nay",
 * Legistar's "Affirmative", "Negative", "Recused" (excused), "Present"
 * (abstain), "Conflict" (absent), ...); -1 when unknown. */
int ot_vote_option_parse(const char *s);
/* How an option reads in running text: its name, but "not voting" */
const char *ot_vote_option_label(ot_vote_option o);

/* A record's status, vote results and thresholds: closed vocabularies,
 * each with one name table (the names stored in the record JSON and
 * printed), parsed once where text comes in.  *_parse returns -1 for an
 * unknown name. */
/* OT_STATUS_FILED: disposed of without passage ("Placed on File") */
typedef enum { OT_STATUS_PENDING, OT_STATUS_PASSED, OT_STATUS_FAILED, OT_STATUS_WITHDRAWN, OT_STATUS_FILED, OT_STATUS_N } ot_status;
extern const char *const ot_status_names[OT_STATUS_N]; /* "pending", "passed", "failed", "withdrawn", "filed" */
int ot_status_parse(const char *s);

/* OT_RESULT_NONE: not given yet (a vote is recorded with PASS or FAIL) */
typedef enum { OT_RESULT_NONE, OT_RESULT_PASS, OT_RESULT_FAIL, OT_RESULT_N } ot_vote_result;
extern const char *const ot_vote_result_names[OT_RESULT_N]; /* NULL, "pass", "fail" */
int ot_vote_result_parse(const char *s); /* "pass" or "fail"; NONE is not parsed */

/* OT_THRESHOLD_NONE: no rule given (a pass needs more yes than no) */
typedef enum {
	OT_THRESHOLD_NONE,
	OT_THRESHOLD_MAJORITY_OF_MEMBERS,
	OT_THRESHOLD_MAJORITY_PRESENT,
	OT_THRESHOLD_TWO_THIRDS_OF_MEMBERS,
	OT_THRESHOLD_N
} ot_threshold;
/* NULL for OT_THRESHOLD_NONE, then "majority-of-members",
 * "majority-present", "two-thirds-of-members" */
extern const char *const ot_threshold_names[OT_THRESHOLD_N];
int ot_threshold_parse(const char *s); /* a rule's name; NONE is not parsed */

/* What a record is (OCD bill classifications, plus the substitute
 * ordinance, which OCD files as an ordinance, and the communications and
 * reports that councils' systems file as matters). */
typedef enum {
	OT_RECORD_ORDINANCE,
	OT_RECORD_SUBSTITUTE,
	OT_RECORD_RESOLUTION,
	OT_RECORD_ORDER,
	OT_RECORD_APPOINTMENT,
	OT_RECORD_CLAIM,
	OT_RECORD_COMMUNICATION,
	OT_RECORD_REPORT,
	OT_RECORD_N
} ot_record_type;
/* "ordinance", "substitute", "resolution", "order", "appointment",
 * "claim", "communication", "report" */
extern const char *const ot_record_type_names[OT_RECORD_N];
int ot_record_type_parse(const char *s);                 /* -1 when unknown */

typedef struct ot_member {
	char *name;
	int ward;      /* 0 when none (the mayor, at-large) */
	char *from;    /* YYYY-MM-DD, or NULL: since always */
	char *to;      /* YYYY-MM-DD, or NULL: still serving */
	char **aliases; /* other spellings of the name the sources use */
	size_t naliases, alcap;
} ot_member;

typedef struct ot_members {
	ot_member *items;
	size_t n, cap;
} ot_members;

/* Action types: the Open Civic Data bill-action classifications
 * ("committee-passage"), each named in ot_action_type_names. */
typedef enum {
	OT_ACTION_INTRODUCTION,
	OT_ACTION_READING_1,
	OT_ACTION_READING_2,
	OT_ACTION_READING_3,
	OT_ACTION_REFERRAL_COMMITTEE,
	OT_ACTION_REFERRAL,
	OT_ACTION_COMMITTEE_PASSAGE,
	OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE,
	OT_ACTION_COMMITTEE_PASSAGE_UNFAVORABLE,
	OT_ACTION_COMMITTEE_FAILURE,
	OT_ACTION_SUBSTITUTION,
	OT_ACTION_AMENDMENT_INTRODUCTION,
	OT_ACTION_AMENDMENT_PASSAGE,
	OT_ACTION_AMENDMENT_FAILURE,
	OT_ACTION_AMENDMENT_WITHDRAWAL,
	OT_ACTION_AMENDMENT_DEFERRAL,
	OT_ACTION_DEFERRAL,
	OT_ACTION_PASSAGE,
	OT_ACTION_FAILURE,
	OT_ACTION_WITHDRAWAL,
	OT_ACTION_FILING,
	OT_ACTION_EXECUTIVE_RECEIPT,
	OT_ACTION_EXECUTIVE_SIGNATURE,
	OT_ACTION_EXECUTIVE_VETO,
	OT_ACTION_EXECUTIVE_VETO_LINE_ITEM,
	OT_ACTION_VETO_OVERRIDE_PASSAGE,
	OT_ACTION_VETO_OVERRIDE_FAILURE,
	OT_ACTION_BECAME_LAW,
	OT_ACTION_RECEIPT,
	OT_ACTION_AMENDMENT_AMENDMENT,
	/* ordtrack's own, for actions OCD has no classification for (they
	 * are exported with an empty classification list): co-sponsors
	 * added or removed, and the rest (held, published, tabled, placed on
	 * file...), whose text keeps the source's own name */
	OT_ACTION_SPONSORSHIP,
	OT_ACTION_UNCLASSIFIED,
	OT_ACTION_N
} ot_action_type;
extern const char *const ot_action_type_names[OT_ACTION_N];
int ot_action_type_parse(const char *s); /* -1 when unknown */
/* 1 for the types that are ordtrack's own, not OCD classifications */
int ot_action_type_is_local(ot_action_type type);
/* 1 for passage, failure and withdrawal: the actions that close a record */
int ot_action_type_closes(ot_action_type type);
/* 1 for the executive's actions and what follows them (veto override,
 * became-law): recorded after passage */
int ot_action_type_after_passage(ot_action_type type);

typedef struct ot_action {
	char *date;
	ot_action_type type;
	char *body;    /* organization, may be NULL */
	char *text;    /* description, may be NULL */
	char *source;  /* the source system's id of the event
			* ("legistar:history/4711"), NULL when recorded by hand */
} ot_action;

typedef struct ot_roll_entry {
	char *name;
	ot_vote_option option;
} ot_roll_entry;

/* Read a roll call written as CSV (data, len bytes; name labels messages
 * "name:LINE: ..."): one `name,option` per line, quoted fields allowed, an
 * optional `name,option` header, blank lines and # comments skipped.
 * Returns 0 and, in file order, the entries in *items (names owned by the
 * caller, like the array) and the line of each in *lines, *n of them; or
 * OT_EINVALID (nothing returned) for invalid UTF-8, a malformed line, an
 * unknown option, an empty name or no entry at all. */
int ot_roll_csv_read(ot_roll_entry **items, size_t **lines, size_t *n, const char *data, size_t len,
		     const char *name);

typedef struct ot_vote {
	char *date;
	char *motion;
	ot_vote_result result;
	ot_threshold threshold;
	char *forced;     /* reason given with --force, else NULL */
	size_t counts[OT_VOTE_NOPTIONS];
	ot_roll_entry *roll;
	size_t nroll, cap;
	char *source;     /* the source system's id, as for ot_action */
} ot_vote;

typedef struct ot_record_version {
	int number;    /* 1-based */
	char *date;
	ot_stage stage; /* introduced, substitute, amended */
} ot_record_version;

/* A link kept with a record: where it was published (OCD `sources`), a
 * text version (`versions[].links`) or an attached document. */
typedef enum { OT_LINK_SOURCE, OT_LINK_VERSION, OT_LINK_DOCUMENT, OT_LINK_N } ot_link_kind;
extern const char *const ot_link_kind_names[OT_LINK_N]; /* "source", "version", "document" */
int ot_link_kind_parse(const char *s);
typedef struct ot_link {
	ot_link_kind kind;
	char *url;
	char *note;       /* "Legistar", "Ordinance text (PDF)"; may be NULL */
} ot_link;

typedef struct ot_record {
	char *id;
	ot_record_type type;
	char *title;
	ot_status status;
	char *introduced;  /* date */
	char *base;        /* commit of main the record is based on */
	char *closed;      /* date passed/failed/withdrawn, or NULL */
	char *effective;   /* effective date when passed, or NULL */
	char **ordinances;
	size_t nordinances, ocap;
	char **sponsors;
	size_t nsponsors, scap;
	ot_record_version *versions;
	size_t nversions, vcap;
	ot_action *actions;
	size_t nactions, acap;
	ot_vote *votes;
	size_t nvotes, votecap;
	char *source;      /* the source system's id ("legistar:matter/58813"), or NULL */
	ot_link *links;
	size_t nlinks, lcap;
} ot_record;

void ot_record_release(ot_record *r);

/* One entry of a record's timeline: r->actions[index], r->versions[index]
 * (index 0: the text as introduced) or r->votes[index]. */
typedef enum { OT_EVENT_ACTION, OT_EVENT_VERSION, OT_EVENT_VOTE } ot_record_event_kind;
typedef struct ot_record_event {
	const char *date; /* borrowed from r */
	ot_record_event_kind kind;
	size_t index;
} ot_record_event;

/* Every action, text version and vote of r in date order; on one date,
 * actions and versions in the order recorded (actions first), then votes,
 * then the closing action (passage, failure, withdrawal), then the
 * executive's actions (sent to the mayor the day it passed).  Returns a new
 * array of *n entries (free with free(); never NULL). */
ot_record_event *ot_record_timeline(const ot_record *r, size_t *n);
/* The vote that stands last: the latest by date, and of votes on one date
 * the one recorded last; NULL when r has no vote.  A vote recorded late
 * with an earlier date (back-dated) does not override a later one. */
const ot_vote *ot_record_last_vote(const ot_record *r);

void ot_members_release(ot_members *m);
void ot_member_release(ot_member *m); /* its strings; the struct is the caller's */
void ot_member_copy(ot_member *dst, const ot_member *src); /* a deep copy; release dst */
void ot_vote_copy(ot_vote *dst, const ot_vote *src);       /* a deep copy; release dst */
void ot_vote_release(ot_vote *v);                          /* its strings and roll */

/* Canonical JSON of a record / of the member list into out. */
void ot_record_to_json(ot_buf *out, const ot_record *r);
void ot_members_to_json(ot_buf *out, const ot_members *m);

/* Parse (and check: required fields, dates, names, counts that match the
 * roll) a record or member list from JSON.  `name` labels errors.  Returns
 * 0, or OT_EINVALID with a message. */
int ot_record_from_json(ot_record *out, const char *data, size_t len, const char *name);
int ot_members_from_json(ot_members *out, const char *data, size_t len, const char *name);

/* The members serving on `date` (NULL: at any time) whom `name` names:
 * the full name or an alias ignoring case; else the members whose name
 * or an alias is the same person's written another way ("Last, First
 * M.", a title such as "Ald." or "Council Member", a suffix such as
 * "Jr.", a middle initial, other case or accents: "Ramirez" for
 * "Ramírez", "O'Shea" for "O’Shea"); else those whose last name it is
 * ("Ramirez-Rosa"); else, for "OFFICE (NAME)" ("The Speaker (Council
 * Member Chen)"), those NAME names.  Up to `max` of them into hits (borrowed from m), in
 * council order, one per person (with date NULL, a member's terms count
 * once); returns how many there are (more than max possible). */
size_t ot_members_match(const ot_members *m, const char *name, const char *date, const ot_member **hits,
			size_t max);
/* The one member ot_members_match finds; NULL when none or more than one. */
const ot_member *ot_members_find(const ot_members *m, const char *name, const char *date);

/* 1 when two names are one person's written two ways (as
 * ot_members_match compares them, without the last-name-alone rule). */
int ot_member_names_same(const char *a, const char *b);

/* 1 when `name` names one of r's sponsors: as written (ignoring case and
 * accents, or written another way, or the last name alone), or as a
 * member of ms (may be NULL) by their name or any alias. */
int ot_record_has_sponsor(const ot_record *r, const ot_members *ms, const char *name);

/* Number of members serving on `date`. */
size_t ot_members_serving(const ot_members *m, const char *date);

/*
 * Check a vote's result against its counts under its threshold:
 *   majority-of-members   yes > members/2
 *   majority-present      yes > (yes + no + abstain)/2
 *   two-thirds-of-members yes >= ceil(2*members/3)
 * Without a threshold, a passing result needs more yes than no votes.
 * Returns 0 when consistent, OT_EINVALID with a message that states the
 * arithmetic otherwise.
 */
int ot_vote_check_threshold(const ot_vote *v, size_t members);

/* ---- in the tracker (record_store.c) ----------------------------------- */

/* The council's members (members.json on main); empty when none yet. */
int ot_members_load(ot_members *out, ot_tracker *t);

/* Add a member (a commit on main).  OT_EINVALID for a bad name, ward or
 * dates; OT_EEXISTS when a member of that name serves in overlapping dates. */
int ot_member_add(char out_commit[41], ot_tracker *t, const ot_member *m);

/* Add `alias` (another spelling the sources use) to every term of the
 * member `name` names (a commit on main).  OT_ENOTFOUND when name names
 * no member or more than one; OT_EINVALID when the alias is another
 * member's name; OT_EUNCHANGED when known already. */
int ot_member_alias(char out_commit[41], ot_tracker *t, const char *name, const char *alias);

/* The current state of record `id`: the head of refs/records/<id>, or
 * main's copy once passed.  head_out (may be NULL) gets the branch head.
 * OT_ENOTFOUND for an unknown record. */
int ot_record_load(ot_record *out, char head_out[41], ot_tracker *t, const char *id);

/* Ids of every record (refs/records/ *), sorted. */
int ot_record_list(char ***out, size_t *n, ot_tracker *t);

/* What `records` asks for: each field NULL / -1 for any. */
typedef struct ot_record_filter {
	int status;            /* an ot_status, or -1 */
	const char *sponsor;   /* a sponsor's name, matched as ot_record_has_sponsor does */
	const char *ordinance; /* records that change this ordinance */
} ot_record_filter;
int ot_record_matches(const ot_record *r, const ot_members *ms, const ot_record_filter *f);
/* The records that match f, sorted by id, into a new array of *n records
 * (release each, then free the array). */
int ot_records_find(ot_record **out, size_t *n, ot_tracker *t, const ot_record_filter *f);

/* What a list of records shows of each (`records`, ordtrack-records/1):
 * its facts, ordinances, sponsors (primary first), how many versions and
 * votes it has and its last action.  Owns its strings. */
typedef struct ot_record_summary {
	char *id;
	ot_record_type type;
	char *title;
	ot_status status;
	char *introduced;
	char *closed; /* or NULL while open */
	char **ordinances;
	size_t nordinances;
	char **sponsors;
	size_t nsponsors;
	size_t nversions, nvotes;
	char *last_date;	   /* the last action's date, or NULL when it has none */
	ot_action_type last_type; /* and its type */
} ot_record_summary;

/* The summary of r, its strings copied, into *out (release with
 * ot_record_summary_release; NULL-safe). */
void ot_record_summarize(ot_record_summary *out, const ot_record *r);
void ot_record_summary_release(ot_record_summary *s);

/* The records ot_records_find gives for f, in its order, as summaries
 * read from the index's tables without loading any record: a new array
 * of *n into *out (free with ot_record_summaries_free, NULL-safe). */
int ot_record_summaries_find(ot_record_summary **out, size_t *n, ot_tracker *t, const ot_record_filter *f);
void ot_record_summaries_free(ot_record_summary *s, size_t n);

typedef struct ot_propose {
	const char *id, *title, *date;
	ot_record_type type;
	const char *const *sponsors;
	size_t nsponsors;
	const char *const *ordinances; /* with docs[i], the text proposed */
	const ot_doc *const *docs;
	size_t ndocs;
} ot_propose;

/* Open a record: refs/records/<id> with a first commit (based on main as
 * it stands) holding the proposed texts and records/<id>.json. */
int ot_record_propose(char out_commit[41], ot_tracker *t, const ot_propose *p);

/* A new version of a pending record's text for the ordinances given, at
 * stage OT_STAGE_SUBSTITUTE or OT_STAGE_AMENDED (NONE: substitute). */
typedef struct ot_revise {
	const char *id, *date;
	const char *const *ordinances; /* with docs[i], the new text */
	const ot_doc *const *docs;
	size_t ndocs;
	ot_stage stage;                /* substitute, amended, or NONE: substitute */
} ot_revise;
int ot_record_revise(char out_commit[41], ot_tracker *t, const ot_revise *rv);

/* Record an action (type from ot_action_types) on a pending record. */
int ot_record_action(char out_commit[41], ot_tracker *t, const char *id, const ot_action *a);

/* Add (or, with OT_SPONSOR_REMOVE, take off) a co-sponsor of a pending
 * record on `date`.  NAME must name one member serving then (any
 * spelling), written by the member's name; with OT_SPONSOR_BODY a name
 * that is no member (a department, the mayor's office, a committee) is
 * kept as given.  A name that names nobody, a member not serving that
 * day, or more than one member (listed) is refused.  Records the action
 * as OT_ACTION_SPONSORSHIP ("Add Co-Sponsor(s): NAME", as Legistar names
 * it).  *resolved (may be NULL) gets the name recorded (free it).
 * OT_EUNCHANGED when already a sponsor; OT_EINVALID when removing one who
 * is not, or the only one. */
enum { OT_SPONSOR_REMOVE = 1, OT_SPONSOR_BODY = 2 };
int ot_record_sponsor(char out_commit[41], char **resolved, ot_tracker *t, const char *id, const char *name,
		      const char *date, int flags);

/* What is wrong with a roll call (ot_roll_check): a name that is not a
 * member serving on the date, a member named twice, or (complete rolls)
 * a serving member left out. */
typedef enum { OT_ROLL_NOT_SERVING, OT_ROLL_TWICE, OT_ROLL_LEFT_OUT } ot_roll_problem_kind;
typedef struct ot_roll_problem {
	ot_roll_problem_kind kind;
	size_t entry;            /* NOT_SERVING, TWICE: the roll entry's index */
	size_t first;            /* TWICE: the entry that named the member first */
	const ot_member *member; /* TWICE, LEFT_OUT: the member (borrowed from the ot_members checked) */
} ot_roll_problem;
typedef struct ot_roll_report {
	ot_roll_problem *items; /* in roll order, then the members left out in council order */
	size_t n, cap;
} ot_roll_report;

/* Check roll[0..n) against the members serving on `date`; with `complete`
 * every serving member must be named.  Fills *out (release it with
 * ot_roll_report_release; its members point into `ms`) and returns the
 * number of problems, 0 for a sound roll. */
size_t ot_roll_check(ot_roll_report *out, const ot_members *ms, const ot_roll_entry *roll, size_t n,
		     const char *date, int complete);
void ot_roll_report_release(ot_roll_report *r);

/* Record a roll-call vote.  Names in v->roll are resolved to members
 * serving on v->date (and replaced by their full names); counts are
 * computed from the roll; the result is checked against v->threshold
 * unless `force` (then v->forced holds the reason). */
int ot_record_vote(char out_commit[41], ot_tracker *t, const char *id, ot_vote *v, int force);

/* Close a pending record as "failed" or "withdrawn" without merging. */
int ot_record_close(char out_commit[41], ot_tracker *t, const char *id, ot_status status, const char *date);

/* The diff of ordinance `ord` from record r's base to its commit `head`
 * (ot_record_load gives it), and the two texts it was computed from
 * (each owned by the caller; old_out/new_out may be NULL). */
struct ot_diff;
int ot_record_diff(struct ot_diff **out, ot_doc **old_out, ot_doc **new_out, ot_tracker *t, const ot_record *r,
		   const char *head, const char *ord);

/* Append to out the diff of ordinance `ord` from record r's base to its
 * commit `head` as `ordtrack diff` renders it in `fmt` (the revisions
 * named RECORD@base and RECORD; `color` for text).  0, or a library error
 * code with a message (out may hold part of it then). */
int ot_record_render_diff(ot_buf *out, ot_tracker *t, const ot_record *r, const char *head, const char *ord,
			  ot_format fmt, int color);

/* Two pending records whose changes touch the same clauses. */
typedef struct ot_record_conflict {
	char *a, *b;        /* record ids, a < b */
	char **ords, **ids; /* ordinance and clause id of each shared clause */
	size_t n;
} ot_record_conflict;
typedef struct ot_record_conflicts {
	ot_record_conflict *items; /* by a, then b */
	size_t n;
} ot_record_conflicts;
/* Every pair of pending records touching a common clause (only pairs that
 * include record `only`, when not NULL) into *out, which the caller
 * releases with ot_record_conflicts_release (also after an error).
 * 0, or a library error code. */
int ot_record_conflicts_find(ot_record_conflicts *out, ot_tracker *t, const char *only);
void ot_record_conflicts_release(ot_record_conflicts *c);

/* A clause-level conflict found by ot_record_pass. */
typedef struct ot_pass_conflict {
	char *ordinance;
	char *id;
	char *reason;
} ot_pass_conflict;

typedef struct ot_pass_conflicts {
	ot_pass_conflict *items;
	size_t n, cap;
} ot_pass_conflicts;
void ot_pass_conflicts_release(ot_pass_conflicts *c);

/* Enact a pending record: a three-way, clause-level merge of its changes
 * (base -> record head) into main as it stands, as a merge commit on main.
 * OT_ECONFLICT with *conflicts filled when another enactment changed the
 * same clauses differently; nothing is written then. */
int ot_record_pass(char out_commit[41], ot_pass_conflicts *conflicts, ot_tracker *t, const char *id,
		   const char *date, const char *effective);

#endif
