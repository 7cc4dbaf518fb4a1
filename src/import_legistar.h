/*
 * import_legistar.h - the Legistar Web API reader's per-file parsers
 * (private to the library).  Each takes one API response as jansson has
 * parsed it (the caller loads it with duplicate keys refused) and the
 * name to give in messages, checks every field it reads, and returns what
 * ordtrack keeps of it.  ot_legistar_read (import_legistar.c) puts them
 * together over a dump's directory; the fuzz target
 * (tests/fuzz/fuzz_legistar.c) feeds them arbitrary JSON from memory.
 *
 * Every parser returns 0, or OT_EINVALID with the library error set to
 * "FILE: [N].FIELD: what is wrong; what to do".  `skip` (may be NULL)
 * receives a line "FILE: what, and why" for each thing read but
 * deliberately left out.  What a parser returns is the caller's, also
 * after an error (the free functions take partial results).
 */
#ifndef ORDTRACK_IMPORT_LEGISTAR_H
#define ORDTRACK_IMPORT_LEGISTAR_H

#include <jansson.h>
#include <stddef.h>

#include "ordtrack/record.h"
#include "ordtrack/record_import.h"

/* One entry of GET /matters (matters.json). */
typedef struct ot_legistar_matter {
	long long id;	  /* MatterId, > 0 */
	size_t index;	  /* its [N] in the file */
	char *file;	  /* the record id MatterFile makes (ot_source_record_id); NULL when not given */
	int spaced;	  /* 1 when MatterFile has blanks inside it ("Int 0001-2018") */
	char *number;	  /* MatterFile as written, blanks around it cut; NULL when not given */
	char *enactment;  /* MatterEnactmentNumber ("2021/045", or an integer as digits), or NULL */
	char *notes;	  /* MatterNotes, or NULL */
	char *title;	  /* MatterTitle, or MatterName when the title is empty; NULL when neither */
	int type;	  /* MatterTypeName as an ot_record_type */
	int status;	  /* MatterStatusName as an ot_status; -1 when not given */
	char *introduced; /* MatterIntroDate (YYYY-MM-DD), or NULL */
	char *passed;	  /* MatterPassedDate, or NULL */
	ot_link *links;	  /* MatterReports' ReportURL (documents), when given */
	size_t nlinks, lcap;
} ot_legistar_matter;

/* matters.json: every entry, in file order.  A MatterId or a MatterFile
 * given twice is an error; so is a key a field read comes from missing
 * from an entry (Legistar sends every key, null when empty). */
int ot_legistar_matters_parse(ot_legistar_matter **out, size_t *n, json_t *root, const char *file);
void ot_legistar_matters_free(ot_legistar_matter *m, size_t n);

/* One entry of GET /matters/{id}/histories that has a date and an
 * action name (those without are lines in skip). */
typedef struct ot_legistar_history {
	long long id;	     /* MatterHistoryId, > 0: the event item of its roll call */
	size_t index;	     /* its [N] in the file */
	char *date;	     /* MatterHistoryActionDate (YYYY-MM-DD) */
	char *action;	     /* MatterHistoryActionName, as written (blanks around it cut) */
	ot_action_type type; /* ot_source_action_parse(action) */
	char *body;	     /* MatterHistoryActionBodyName, or NULL */
	int passed;	     /* MatterHistoryPassedFlag: 1 pass, 0 fail, -1 not given */
	int roll_call;	     /* MatterHistoryRollCallFlag: 1, 0, -1 not given */
	char *tally;	     /* MatterHistoryTally as written, or NULL */
	long yes, no;	     /* the tally's counts, when tally is not NULL */
} ot_legistar_history;

/* histories.json: the entries in action order (date, then
 * MatterHistoryId); a MatterHistoryId given twice is an error. */
int ot_legistar_histories_parse(ot_legistar_history **out, size_t *n, ot_import_set *skip, json_t *root,
				const char *file);
void ot_legistar_histories_free(ot_legistar_history *h, size_t n);

/* sponsors.json of matter `matter_id` (0: not checked): the names of the
 * sponsors of the latest MatterSponsorMatterVersion, in
 * MatterSponsorSequence order, each once, into *names (*n of them; free
 * each, then the array). */
int ot_legistar_sponsors_parse(char ***names, size_t *n, ot_import_set *skip, json_t *root, const char *file,
			       long long matter_id);

/* eventitems/{id}/votes.json of event item `item_id` (0: not checked):
 * the roll into out->roll (names as written) and out->counts; entries
 * without a VoteValueName are lines in skip.  Only roll, nroll, cap and
 * counts are set; out is the caller's, zeroed before the call. */
int ot_legistar_votes_parse(ot_vote *out, ot_import_set *skip, json_t *root, const char *file,
			    long long item_id);

/* versions.json: the text ids (Key) and versions (Value) of a matter's
 * texts, in file order, into *ids and *versions (*n of each; a version
 * may be NULL; free each version, then both arrays). */
int ot_legistar_versions_parse(long long **ids, char ***versions, size_t *n, json_t *root, const char *file);

/* texts/{id}.json of text `text_id` of matter `matter_id` (0: not
 * checked): checked only; *chars (may be NULL) gets the length of
 * MatterTextPlain in bytes (0 when none). */
int ot_legistar_text_parse(size_t *chars, json_t *root, const char *file, long long matter_id,
			   long long text_id);

/* persons.json (may be NULL) and officerecords.json: one member per
 * office record of the council's main body (the body most office records
 * name; "City Council" among equals) into out->members; the rest is lines
 * in out->skipped. */
int ot_legistar_members_parse(ot_import_set *out, json_t *persons, const char *persons_file, json_t *records,
			      const char *records_file);

#endif
