/*
 * ordtrack/record_import.h - the legislative record as councils' systems
 * keep it: read a Legistar Web API dump, Chicago eLMS matter files or an
 * Open Civic Data (pupa) scrape from disk into an import set, then write
 * the set into the tracker in one write (ot_record_import).
 *
 * The readers only read: they check every file's shape and vocabulary
 * (unknown action names, vote values, matter types are errors naming the
 * file, the field and the table to extend: docs/record-import.md) and
 * build ordtrack records whose events keep their source ids.  Names in
 * roll calls and sponsors are kept as the source writes them; the writer
 * resolves them against the council's members (the tracker's, merged
 * with the set's own).
 *
 * The layouts read, and the tables that map the sources' words to
 * ordtrack's, are documented in docs/record-import.md.
 *
 * Ownership: an ot_import_set owns everything in it; release it with
 * ot_import_set_release (also after a reader failed).
 */
#ifndef ORDTRACK_RECORD_IMPORT_H
#define ORDTRACK_RECORD_IMPORT_H

#include <stddef.h>

#include "ordtrack/record.h"
#include "ordtrack/tracker.h"

/* OT_SOURCE_CSV: a list of members as CSV (ot_members_csv_read) */
typedef enum { OT_SOURCE_LEGISTAR, OT_SOURCE_ELMS, OT_SOURCE_OCD, OT_SOURCE_CSV, OT_SOURCE_N } ot_source_format;
extern const char *const ot_source_format_names[OT_SOURCE_N]; /* "legistar", "elms", "ocd", "csv" */
int ot_source_format_parse(const char *s);                    /* -1 when unknown */

/* One record as read, with where it came from (for messages). */
typedef struct ot_import_record {
	/* id, type, title, status, introduced, closed, sponsors (primary
	 * first), versions (one: introduced), actions and votes in the
	 * source's order, each with its source id, source, links; base and
	 * ordinances are empty (an imported record changes no text) */
	ot_record r;
	char *file;        /* the file the matter/bill was read from */
	char **vote_files; /* r.nvotes of them: the file each roll call came from */
} ot_import_record;

/* A member as read, with the file that named them. */
typedef struct ot_import_member {
	ot_member m;       /* name, ward (0 when the source gives none), term, aliases */
	char *file;
} ot_import_member;

typedef struct ot_import_set {
	ot_source_format format;
	ot_import_record *records;
	size_t nrecords, rcap;
	ot_import_member *members;
	size_t nmembers, mcap;
	/* material read but deliberately not imported, one line each,
	 * "FILE: what, and why" (printed by the command, never dropped
	 * silently) */
	char **skipped;
	size_t nskipped, skcap;
} ot_import_set;

void ot_import_set_release(ot_import_set *s);
/* Add a line to s->skipped (printf-style; s NULL: nothing), for a
 * reader's "FILE: what, and why". */
void ot_import_set_skip(ot_import_set *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Readers.  Each returns 0 with *out filled, or OT_EINVALID /
 * OT_ENOTFOUND / OT_ERROR with a message that names the file (and, for
 * JSON, the field or the line) and what to do; *out is then to be
 * released but holds nothing worth writing. */
int ot_legistar_read(ot_import_set *out, const char *dir);
int ot_elms_read(ot_import_set *out, const char *path);  /* a matter file or a directory of them */
int ot_ocd_read(ot_import_set *out, const char *dir);
/* A list of members as CSV (data, len bytes; `name` labels messages
 * "name:LINE: ..."), with a header line naming the columns, in any
 * order: name (required), ward, from, to, aliases (several separated by
 * ";"); e.g. `name,ward,from,to,aliases` /
 * `Carmen L. Castañeda,3,2019-05-20,2023-05-15,"Castaneda, Carmen"`.
 * Members only: *out has no records. */
int ot_members_csv_read(ot_import_set *out, const char *data, size_t len, const char *name);
/* The same, from the file at `path` (a regular file within the input cap). */
int ot_members_csv_load(ot_import_set *out, const char *path);
/* The reader for `format`, or (format -1) the one whose layout `path`
 * has (docs/record-import.md, "Telling the formats apart"). */
int ot_import_set_read(ot_import_set *out, const char *path, int format);

/* ---- the sources' vocabularies (record_vocab.c) ------------------------- */

/* The record id a source's file number makes (Legistar's MatterFile,
 * eLMS's recordNumber, OCD's identifier), one rule for the three
 * (docs/record-import.md, "Record ids"): blanks around it cut, each run
 * of blanks inside it one '-' ("Int 0001-2018" is "Int-0001-2018", as
 * NYC and Seattle write their file numbers with a space), then checked
 * as a record id (ot_name_check, OT_NAME_RECORD).  *out is a new string,
 * or NULL when `number` is NULL or only blanks.  Returns 0 (the number
 * as it was, blanks around it aside), 1 (blanks inside it replaced), or
 * OT_EINVALID with ot_name_check's message (a '/', "..": still unsafe;
 * *out NULL), which the reader gives naming the file and the field. */
int ot_source_record_id(char **out, const char *number);

/* An action name as Legistar (MatterHistoryActionName) or eLMS
 * (actionName) gives it ("Referred", "Recommended to Pass", "Add
 * Co-Sponsor(s)", "Passed as Substitute"), matched ignoring case,
 * spacing and a trailing period: the action type, or -1 when the name is
 * not in the table (docs/record-import.md, "Action names"). */
int ot_source_action_parse(const char *name);
/* A matter or bill type ("Ordinance", "Resolution", "Appointment", OCD's
 * "ordinance"): the record type, or -1. */
int ot_source_record_type_parse(const char *name);
/* A matter status ("Passed", "Adopted", "Failed to Pass", "Placed on
 * File", "In Committee"): the record status, or -1. */
int ot_source_status_parse(const char *name);

/* ---- writing (record_import.c) -------------------------------------------- */

/* What an import did (or, dry run, would do). */
typedef struct ot_record_import_report {
	size_t records_new;      /* records that did not exist */
	size_t records_updated;  /* existing records given new events */
	size_t records_same;     /* nothing new */
	size_t events_new;       /* actions and votes added */
	size_t members_new, members_updated; /* updated: a new alias or term */
	/* events whose source changed since they were imported, one line
	 * each ("O2021-117: vote legistar:history/4711 of 2021-03-24 changed
	 * at the source (Holden: absent -> yes); kept as imported"), and
	 * other differences between the source and the tracker: reported,
	 * never overwritten silently */
	char **changed;
	size_t nchanged, ccap;
} ot_record_import_report;
void ot_record_import_report_release(ot_record_import_report *r);

enum {
	OT_IMPORT_DRY_RUN = 1,       /* check and report; write nothing */
	OT_IMPORT_ACCEPT_CHANGES = 2 /* events changed at the source take the source's
	                                version (reported as such) instead of being kept */
};

/*
 * Write the set into the tracker: members first (new members, and new
 * aliases and terms of members already known, in one commit on main),
 * then one commit per new or updated record on its branch.  Every check
 * (names in roll calls and the members serving that day, two members on
 * one ward, tallies, dates, record ids) runs before anything is written:
 * a refusal writes nothing.  Events are matched by their source ids, so a
 * second import of the same or a newer scrape adds only what is new; an
 * event changed at the source is reported (what changed: the members
 * whose votes differ, the fields of an action) and kept as imported, or
 * with OT_IMPORT_ACCEPT_CHANGES replaced by the source's.  With
 * OT_IMPORT_DRY_RUN nothing is written and *rep says what would be.  0,
 * or a library error code with a message naming the file.
 */
int ot_record_import(ot_record_import_report *rep, ot_tracker *t, const ot_import_set *set, int flags);

#endif
