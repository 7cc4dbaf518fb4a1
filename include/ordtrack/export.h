/*
 * ordtrack/export.h - standard formats out (Akoma Ntoso 3.0 XML, Open Civic
 * Data JSON) and the Open Civic Data vote event in.
 *
 * The exporters are renderers: they consume loaded data (documents,
 * versions, records, diffs) and never query git or SQLite; the command
 * (src/cmd/export.c) loads what they need.  Output is deterministic: the
 * same input gives the same bytes (no clock is read; dates come from the
 * data).  docs/export.md has the mapping tables.
 *
 * Akoma Ntoso eIds are derived from clause ids: a section is
 * "sec_<num>", each clause below it adds "__<prefix>_<marker>" with the
 * prefix given by depth (subsec, para, subpara, point) and the marker
 * without its parentheses, e.g. "sec_2-173-020__subsec_a__para_1".
 * Characters other than ASCII letters, digits, '.' and '-' are written as
 * ".HH" (their bytes in hex); a collision (possible only after that
 * normalisation) gets "-2", "-3", ... in document order.  Unnumbered
 * paragraphs (TEXT nodes) are "p_N" (or "hcontainer_N" between clauses)
 * under their parent.  In a bill every ordinance's text sits in a
 * "chp_<ordinance>" chapter, so its eIds are "chp_<ord>__sec_...".
 *
 * Ownership: nothing passed in is kept or freed; results are appended to
 * the caller's ot_buf.
 */
#ifndef ORDTRACK_EXPORT_H
#define ORDTRACK_EXPORT_H

#include <stddef.h>

#include "ordtrack/buf.h"
#include "ordtrack/diff.h"
#include "ordtrack/doc.h"
#include "ordtrack/index.h"
#include "ordtrack/record.h"

/* Who publishes: used in FRBR URIs, TLC references and OCD organizations. */
typedef struct ot_export_opts {
	const char *country;      /* FRBRcountry, ISO 3166-1 alpha-2, lowercase;
	                             NULL: "us" */
	const char *locality;     /* NULL, or e.g. "chicago": URIs start
	                             "/akn/us-chicago/" */
	const char *organization; /* the council's name; NULL: "City Council"
	                             (OCD: the legislature, unnamed) */
	const char *session;      /* OCD legislative_session (required there) */
	const char *source_url;   /* OCD: the source of a record that has no
	                             source link (an http, https or ftp URL);
	                             NULL: none */
	const ot_members *members; /* OCD: the council, which tells sponsors
	                              who are members (people) from the rest
	                              (organizations); NULL: not known */
} ot_export_opts;

/* One ordinance version as an Akoma Ntoso act. */
typedef struct ot_akn_act {
	const char *ordinance;
	const ot_doc *doc;          /* the text of the version exported */
	const ot_version *versions; /* oldest first, versions[nversions-1]
	                               being the one exported: its date
	                               dates the expression; each is one
	                               lifecycle event */
	size_t nversions;
} ot_akn_act;

/* Append an <akomaNtoso><act> for `act` to out.  opts may be NULL.
 * Returns 0, or OT_EINVALID with a message when there is no version or a
 * date is malformed. */
int ot_export_akn_act(ot_buf *out, const ot_akn_act *act, const ot_export_opts *opts);

/* What a record proposes for one ordinance. */
typedef struct ot_akn_bill_text {
	const char *ordinance;
	const ot_doc *doc;     /* the proposed text, whole */
	const ot_doc *old_doc; /* the text it changes: at least every section
	                          the diff touches; may be NULL when diff is */
	const ot_diff *diff;   /* old_doc -> doc; NULL: no textualMod */
	const char *act_date;  /* date of the act's first version (its work
	                          date), NULL for an ordinance the record
	                          creates */
	const char *act_expression_date; /* date of the act's version the
	                                    record amends, or NULL */
} ot_akn_bill_text;

/* Append an <akomaNtoso><bill> for record `r` to out: its proposed texts,
 * lifecycle (introduction, each text version, each action), workflow
 * (actions and votes as steps), and one textualMod per change of each
 * diff.  `text_date` dates the expression (the date of the text version
 * exported).  Returns 0 or OT_EINVALID with a message. */
int ot_export_akn_bill(ot_buf *out, const ot_record *r, const char *text_date, const ot_akn_bill_text *texts,
		       size_t ntexts, const ot_export_opts *opts);

/* Append the Open Civic Data form of record `r` to out: a JSON object
 * {"bill": {...}, "vote_events": [...]} (two-space indent, final
 * newline), each part as pupa writes a scraped object (its schemas:
 * tests/data/pupa-schemas; references as pupa pseudo-ids).  opts->session
 * is required, and opts->source_url when r has no source link.  Returns
 * 0, or OT_EINVALID (or -1) with a message. */
int ot_export_ocd(ot_buf *out, const ot_record *r, const ot_export_opts *opts);

/* One file of a pupa scrape directory. */
typedef struct ot_ocd_file {
	char *name;   /* "bill_ordtrack-O2021-117.json",
	                 "vote_event_ordtrack-O2021-117-vote-1.json" */
	ot_buf json;  /* the object, as in ot_export_ocd, with a final newline */
} ot_ocd_file;

/* The same objects as ot_export_ocd, as the files of a pupa scrape
 * directory (`_id` and name from the record id, so the same record always
 * gives the same files): the bill, then each vote event, in a new array
 * of *n files (release with ot_ocd_files_free).  Returns 0 or an error as
 * ot_export_ocd; *out is NULL then. */
int ot_export_ocd_files(ot_ocd_file **out, size_t *n, const ot_record *r, const ot_export_opts *opts);
void ot_ocd_files_free(ot_ocd_file *files, size_t n);

/* The OCD spelling of a vote option ("not voting" for
 * OT_VOTE_NOT_VOTING). */
const char *ot_ocd_vote_option(ot_vote_option o);

/* 1 when `data` is a roll call in JSON (an Open Civic Data vote event or
 * Legistar's votes array): its first character after a BOM and white
 * space is "{" or "["; else 0 (a CSV roll call cannot start so). */
int ot_ocd_vote_sniff(const char *data, size_t len);

/*
 * Read a roll call in JSON: an Open Civic Data vote event (a JSON object
 * with "votes": [{option, voter_name}, ...], optional "counts": [{option,
 * value}], "motion_text", "start_date", "result", "bill"), or Legistar's
 * EventItems/{id}/Votes (a JSON array of {VotePersonName, VoteValueName,
 * ...}, which gives no motion, date, result or bill).  Fills out->roll
 * (names and options, in file order), out->counts (the tally of the roll)
 * and, when present, out->motion, out->date (the date part of start_date)
 * and out->result.  *bill_out (may be NULL) gets the record the event is
 * on: "bill" itself, the "identifier" of a pupa pseudo-id
 * ("~{\"identifier\": ...}"), or NULL when absent or a pupa _id
 * ("ocd-bill/..."), which names a scraped file not read here.  Non-empty
 * "counts" must equal the tally of the votes listed (pupa's empty
 * "counts": [] is no claim).  Vote words are read by ot_vote_option_parse
 * (Legistar's "Affirmative", "Recused", ... too); "paired" and "other"
 * have no ordtrack equivalent and are refused.  `name` labels messages
 * ("name: votes[3]: ...", "name: [3]: ...").  Returns 0, or OT_EINVALID
 * with a message (out is then left empty; the caller frees *bill_out).
 * Release with ot_ocd_vote_release.
 */
int ot_ocd_vote_read(ot_vote *out, char **bill_out, const char *data, size_t len, const char *name);

/* Free what ot_ocd_vote_read allocated in v (strings and roll). */
void ot_ocd_vote_release(ot_vote *v);

#endif
