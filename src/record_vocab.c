/*
 * record_vocab.c - the words councils' systems use, mapped to ordtrack's
 * closed vocabularies: action names (Legistar's MatterHistoryActionName,
 * eLMS's actionName) to action types, matter and bill types to record
 * types, matter statuses to record statuses; the one rule that makes a
 * record id of a source's file number; and the import set's own release.
 *
 * Each table is documented in docs/record-import.md; a word not in a
 * table is an error in the reader that met it (naming the word, the file
 * and this table), never a silent "other".  Words are matched ignoring
 * case, runs of spaces, and a trailing period.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"
#include "jsonfile.h"
#include "ordtrack/record_import.h"
#include "ordtrack/validate.h"

const char *const ot_source_format_names[OT_SOURCE_N] = {"legistar", "elms", "ocd", "csv"};

int ot_source_format_parse(const char *s)
{
	int i;
	for (i = 0; s && i < OT_SOURCE_N; i++)
		if (strcmp(ot_source_format_names[i], s) == 0)
			return i;
	return -1;
}

/* ---- record ids ---------------------------------------------------------- */

static int is_blank(int c);

int ot_source_record_id(char **out, const char *number)
{
	ot_buf b = OT_BUF_INIT;
	const char *s = number;
	int mapped = 0;

	*out = NULL;
	if (!s)
		return 0;
	while (is_blank((unsigned char)*s))
		s++;
	while (*s) {
		if (is_blank((unsigned char)*s)) {
			while (is_blank((unsigned char)*s))
				s++;
			if (!*s)
				break; /* blanks at the end: cut */
			ot_buf_putc(&b, '-');
			mapped = 1;
			continue;
		}
		ot_buf_putc(&b, *s++);
	}
	if (!b.len) {
		ot_buf_release(&b);
		return 0;
	}
	if (ot_name_check(OT_NAME_RECORD, b.ptr) < 0) {
		ot_buf_release(&b);
		return OT_EINVALID;
	}
	*out = ot_buf_detach(&b);
	return mapped;
}

void ot_import_set_skip(ot_import_set *out, const char *fmt, ...)
{
	ot_buf b = OT_BUF_INIT;
	va_list ap;
	if (!out)
		return;
	va_start(ap, fmt);
	ot_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	*OT_ARRAY_PUSH(out->skipped, out->nskipped, out->skcap) = ot_buf_detach(&b);
}

void ot_source_record_ids_note(ot_import_set *out, const char *where, size_t n, const char *first)
{
	char *id = NULL;
	if (!n)
		return;
	(void)ot_source_record_id(&id, first);
	ot_import_set_skip(out,
			   "%s: %zu file number%s written with spaces recorded with '-' (\"%s\" is %s; "
			   "docs/record-import.md, 'Record ids')",
			   where, n, n == 1 ? "" : "s", first, id ? id : "?");
	free(id);
}

/* ---- vocabularies ---------------------------------------------------------- */

typedef struct word {
	const char *word;
	int value;
} word;

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* w == s ignoring ASCII case, runs of blanks and a trailing period */
static int same_words(const char *w, const char *s)
{
	while (is_blank(*s))
		s++;
	while (*w) {
		if (*w == ' ') {
			if (!is_blank(*s))
				return 0;
			while (is_blank(*s))
				s++;
			w++;
		} else if (lower((unsigned char)*w++) != lower((unsigned char)*s++)) {
			return 0;
		}
	}
	if (*s == '.')
		s++;
	while (is_blank(*s))
		s++;
	return !*s;
}

static int lookup(const word *t, size_t n, const char *s)
{
	size_t i;
	if (!s)
		return -1;
	for (i = 0; i < n; i++)
		if (same_words(t[i].word, s))
			return t[i].value;
	return -1;
}

/* Action names: Chicago (Legistar and eLMS), New York City, LA Metro,
 * Philadelphia and other Legistar clients (as their own scrapers in
 * opencivicdata/scrapers-us-municipal and the Councilmatic projects
 * classify them), and OCD's own classifications.  Extend for a new name,
 * and add it to docs/record-import.md; a name whose meaning is not sure
 * stays out (an unknown name is an error that names it, never a guess). */
static const word actions[] = {
	/* introduction and referral */
	{"Introduced", OT_ACTION_INTRODUCTION},
	{"Introduction", OT_ACTION_INTRODUCTION},
	{"Direct Introduction", OT_ACTION_INTRODUCTION},
	{"Introduced (Agreed Calendar)", OT_ACTION_INTRODUCTION},
	{"Introduced by Council", OT_ACTION_INTRODUCTION},
	{"Introduced by Council, IMMEDIATE CONSIDERATION", OT_ACTION_INTRODUCTION}, /* NYC */
	{"Introduced and Referred", OT_ACTION_INTRODUCTION},                        /* Philadelphia */
	{"Introduce", OT_ACTION_INTRODUCTION}, /* eLMS */
	{"Filed", OT_ACTION_FILING},
	/* Philadelphia: reported bills are read and put on the next week's
	 * calendar for the second reading */
	{"Read and Ordered Placed on Next Week's Second Reading Calendar", OT_ACTION_READING_1},
	{"Referred", OT_ACTION_REFERRAL_COMMITTEE},
	{"Re-Referred", OT_ACTION_REFERRAL_COMMITTEE},
	{"Rereferred", OT_ACTION_REFERRAL_COMMITTEE},
	{"Referred to Committee", OT_ACTION_REFERRAL_COMMITTEE},
	{"Referred to Comm by Council", OT_ACTION_REFERRAL_COMMITTEE},
	{"Refer", OT_ACTION_REFERRAL_COMMITTEE},
	{"Re-referred to Committee by Council", OT_ACTION_REFERRAL_COMMITTEE},
	{"Recommit to Comm by Council", OT_ACTION_REFERRAL_COMMITTEE},
	{"Recommended for Re-Referral", OT_ACTION_REFERRAL_COMMITTEE},
	{"Referred to Committee by Committee", OT_ACTION_REFERRAL_COMMITTEE},
	{"Re-referred pursuant to Rule 6.50 of the Council", OT_ACTION_REFERRAL_COMMITTEE},
	{"Referred to City Agency", OT_ACTION_REFERRAL},
	{"Referred to Landmarks Preservation Commission", OT_ACTION_REFERRAL},
	{"Discharged from Committee", OT_ACTION_REFERRAL},
	{"Committee Discharged", OT_ACTION_REFERRAL},
	{"Discharged", OT_ACTION_REFERRAL},
	{"Received", OT_ACTION_RECEIPT},
	{"Received and Filed", OT_ACTION_RECEIPT},
	{"Recved from Mayor by Council", OT_ACTION_RECEIPT},
	{"Received from Mayor", OT_ACTION_RECEIPT},
	/* committee */
	{"Recommended to Pass", OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
	{"Recommend to Pass", OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
	{"Recommended for Passage", OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
	{"Recommended to Pass as Substitute", OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
	{"Recommended to Pass as Amended", OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
	{"Approved by Committee", OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
	{"Approved by Committee with Modifications", OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
	{"P-C Item Approved by Comm", OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
	/* NYC's committees and subcommittees (P-C: a pre-considered item) */
	{"Approved by Subcommittee", OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
	{"Approved by Subcommittee with Modifications", OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
	{"Approved by Committee with Companion Resolution", OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
	{"Approved by Committee with Modifications and Referred to CPC", OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
	{"Approved by Subcommittee with Modifications and Referred to CPC", OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
	{"Approved by Committee and Referred to Finance pursuant to Rule 6.50 of the Council",
	 OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
	{"Approved by Subcommittee and Referred to Finance pursuant to Rule 6.50 of the Council",
	 OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
	{"Adopted by the Committee", OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
	{"P-C Item Approved by Committee with Companion Resolution", OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
	{"P-C Item Approved by Subcommittee with Companion Resolution", OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
	{"P-C Item Approved by Committee with Modifications", OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
	{"P-C Item Approved by Subcommittee with Modifications", OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
	/* LA Metro's committees (its names are in capitals; case is ignored) */
	{"Recommended for Approval", OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
	{"Recommended for Approval as Amended", OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
	{"Forwarded without Recommendation", OT_ACTION_COMMITTEE_PASSAGE},
	{"Forwarded Due to Absences and Conflicts", OT_ACTION_COMMITTEE_PASSAGE},
	/* Philadelphia's */
	{"Reported Favorably, Rule Suspension Requested", OT_ACTION_COMMITTEE_PASSAGE_FAVORABLE},
	{"Recommended Do Not Pass", OT_ACTION_COMMITTEE_PASSAGE_UNFAVORABLE},
	{"Recommend Do Not Pass", OT_ACTION_COMMITTEE_PASSAGE_UNFAVORABLE},
	{"Recommended Not to Pass", OT_ACTION_COMMITTEE_PASSAGE_UNFAVORABLE},
	{"Disapproved by Committee", OT_ACTION_COMMITTEE_FAILURE},
	{"Failed in Committee", OT_ACTION_COMMITTEE_FAILURE},
	{"Disapproved by Subcommittee", OT_ACTION_COMMITTEE_FAILURE},
	{"Disapproved by Committee with Companion Resolution", OT_ACTION_COMMITTEE_FAILURE},
	{"Defeated by Committee", OT_ACTION_COMMITTEE_FAILURE},
	{"P-C Item Disapproved by Committee with Companion Resolution", OT_ACTION_COMMITTEE_FAILURE},
	{"P-C Item Disapproved by Subcommittee with Companion Resolution", OT_ACTION_COMMITTEE_FAILURE},
	{"Prec Item Disapproved by Committee", OT_ACTION_COMMITTEE_FAILURE},
	{"Substituted in Committee", OT_ACTION_SUBSTITUTION},
	{"Substitute Introduced", OT_ACTION_SUBSTITUTION},
	{"Single Substitute", OT_ACTION_SUBSTITUTION},
	{"Substituted-Aggregated", OT_ACTION_SUBSTITUTION},
	{"Substituted", OT_ACTION_SUBSTITUTION},
	{"Amended in Committee", OT_ACTION_AMENDMENT_PASSAGE},
	{"Amended by Committee", OT_ACTION_AMENDMENT_PASSAGE},
	{"Amended in City Council", OT_ACTION_AMENDMENT_PASSAGE},
	{"Amendment Proposed by Comm", OT_ACTION_AMENDMENT_INTRODUCTION},
	{"Amendment Proposed by Council", OT_ACTION_AMENDMENT_INTRODUCTION},
	{"Amended by Council", OT_ACTION_AMENDMENT_PASSAGE},
	{"Amendment Defeated by Council", OT_ACTION_AMENDMENT_FAILURE},
	{"Amended", OT_ACTION_AMENDMENT_PASSAGE},
	{"Amendment Failed", OT_ACTION_AMENDMENT_FAILURE},
	{"Amendment Withdrawn", OT_ACTION_AMENDMENT_WITHDRAWAL},
	{"Held in Committee", OT_ACTION_DEFERRAL},
	{"Laid Over by Committee", OT_ACTION_DEFERRAL},
	{"Laid Over by Subcommittee", OT_ACTION_DEFERRAL},
	{"Laid Over by Council", OT_ACTION_DEFERRAL},
	{"Laid Over Again by Committee", OT_ACTION_DEFERRAL},
	{"Laid Over Again by Subcommittee", OT_ACTION_DEFERRAL},
	{"Laid Over Again by Council", OT_ACTION_DEFERRAL},
	{"P-C Item Laid Over by Comm", OT_ACTION_DEFERRAL},
	{"Carried Over", OT_ACTION_DEFERRAL}, /* LA Metro */
	{"Deferred", OT_ACTION_DEFERRAL},
	{"Deferred and Published", OT_ACTION_DEFERRAL},
	{"Tabled", OT_ACTION_DEFERRAL},
	{"Hearing Held by Committee", OT_ACTION_UNCLASSIFIED},
	{"Hearing on P-C Item by Comm", OT_ACTION_UNCLASSIFIED},
	{"Hearing Held by Subcommittee", OT_ACTION_UNCLASSIFIED},
	{"Hearing Scheduled by Committee", OT_ACTION_UNCLASSIFIED},
	{"Hearing Held by Mayor", OT_ACTION_UNCLASSIFIED},
	{"Hearing Scheduled by Mayor", OT_ACTION_UNCLASSIFIED},
	{"Bill Signing Scheduled by Mayor", OT_ACTION_UNCLASSIFIED},
	{"Tour Held by Committee", OT_ACTION_UNCLASSIFIED},
	{"Printed Item Laid on Desk", OT_ACTION_UNCLASSIFIED},
	{"Reprnt Amnd Item Laid on Desk", OT_ACTION_UNCLASSIFIED},
	{"Discussed", OT_ACTION_UNCLASSIFIED}, /* LA Metro */
	{"Published in Special Pamphlet", OT_ACTION_UNCLASSIFIED},
	{"City Charter Rule Adopted", OT_ACTION_UNCLASSIFIED},
	{"Rules Suspended - Immediate Consideration", OT_ACTION_UNCLASSIFIED},
	{"Immediate Consideration", OT_ACTION_UNCLASSIFIED},
	{"Journaled", OT_ACTION_UNCLASSIFIED},
	/* sponsors */
	{"Add Co-Sponsor(s)", OT_ACTION_SPONSORSHIP},
	{"Add Co-Sponsor", OT_ACTION_SPONSORSHIP},
	{"Remove Co-Sponsor(s)", OT_ACTION_SPONSORSHIP},
	{"Remove Co-Sponsor", OT_ACTION_SPONSORSHIP},
	{"Sponsor Added", OT_ACTION_SPONSORSHIP},
	{"Sponsor Removed", OT_ACTION_SPONSORSHIP},
	/* the council */
	{"Passed", OT_ACTION_PASSAGE},
	{"Passed as Substitute", OT_ACTION_PASSAGE},
	{"Passed as Amended", OT_ACTION_PASSAGE},
	{"Passed, as Amended", OT_ACTION_PASSAGE},
	{"Adopted", OT_ACTION_PASSAGE},
	{"Adopted as Substitute", OT_ACTION_PASSAGE},
	{"Adopted as Amended", OT_ACTION_PASSAGE},
	{"Approved as Amended", OT_ACTION_PASSAGE},
	{"Approved", OT_ACTION_PASSAGE},
	{"Approved by Council", OT_ACTION_PASSAGE},
	{"Approved, by Council", OT_ACTION_PASSAGE},
	{"Concurred", OT_ACTION_PASSAGE},
	{"Approved the Consent Calendar", OT_ACTION_PASSAGE}, /* LA Metro */
	{"Approved on Consent Calendar", OT_ACTION_PASSAGE},
	{"Read and Passed", OT_ACTION_PASSAGE}, /* Philadelphia */
	{"Failed to Pass", OT_ACTION_FAILURE},
	{"Failed", OT_ACTION_FAILURE},
	{"Disapproved by Council", OT_ACTION_FAILURE},
	{"Not Adopted", OT_ACTION_FAILURE},
	{"Defeated by Council", OT_ACTION_FAILURE},
	{"Withdrawn", OT_ACTION_WITHDRAWAL},
	{"Withdrawn by Mayor", OT_ACTION_WITHDRAWAL},
	{"Withdrawn by Public Advocate", OT_ACTION_WITHDRAWAL},
	/* a repeal of the matter itself (eLMS): its passage undone, here a
	 * step without an OCD class; the text keeps the word */
	{"Repealed", OT_ACTION_UNCLASSIFIED},
	{"Placed on File", OT_ACTION_FILING},
	{"Filed by Council", OT_ACTION_FILING},
	{"Filed by Committee", OT_ACTION_FILING},
	{"Filed, by Committee", OT_ACTION_FILING},
	{"Filed by Subcommittee", OT_ACTION_FILING},
	{"Filed by Committee with Companion Resolution", OT_ACTION_FILING},
	{"P-C Item Filed by Comm", OT_ACTION_FILING},
	{"P-C Item Filed by Committee with Companion Resolution", OT_ACTION_FILING},
	{"P-C Item Filed by Subcommittee with Companion Resolution", OT_ACTION_FILING},
	/* NYC's communications received and put on file, and its abbreviations */
	{"Received, Ordered, Printed and Filed", OT_ACTION_FILING},
	{"Rcvd, Ord, Prnt, Fld by Council", OT_ACTION_FILING},
	{"Rcvd,Ord,Prnt,Fld by Comm", OT_ACTION_FILING},
	{"Filed (End of Session)", OT_ACTION_FILING},
	{"Sine Die (Filed, End of Session)", OT_ACTION_FILING},
	/* the executive */
	{"Sent to Mayor by Council", OT_ACTION_EXECUTIVE_RECEIPT},
	{"Sent to the Mayor", OT_ACTION_EXECUTIVE_RECEIPT},
	{"Signed by Mayor", OT_ACTION_EXECUTIVE_SIGNATURE},
	{"Signed", OT_ACTION_EXECUTIVE_SIGNATURE}, /* Philadelphia: by the Mayor */
	{"Signed Into Law by Mayor", OT_ACTION_EXECUTIVE_SIGNATURE},
	{"Approved by Mayor", OT_ACTION_EXECUTIVE_SIGNATURE},
	{"Vetoed", OT_ACTION_EXECUTIVE_VETO},
	{"Vetoed by Mayor", OT_ACTION_EXECUTIVE_VETO},
	{"Disapproved by Mayor", OT_ACTION_EXECUTIVE_VETO}, /* NYC */
	{"Overridden by Council", OT_ACTION_VETO_OVERRIDE_PASSAGE},
	{"Veto Overridden", OT_ACTION_VETO_OVERRIDE_PASSAGE},
	{"Veto Sustained", OT_ACTION_VETO_OVERRIDE_FAILURE},
	{"Returned Unsigned by Mayor", OT_ACTION_BECAME_LAW},
	{"Became Law", OT_ACTION_BECAME_LAW},
	{"Enacted", OT_ACTION_BECAME_LAW},
};

int ot_source_action_parse(const char *name)
{
	int t = lookup(actions, OT_ARRAY_LEN(actions), name);
	/* OCD's classifications themselves ("committee-passage") */
	return t >= 0 ? t : ot_action_type_parse(name);
}

static const word record_types[] = {
	{"Ordinance", OT_RECORD_ORDINANCE},
	{"Introduction", OT_RECORD_ORDINANCE}, /* NYC's local-law bills */
	{"Local Law", OT_RECORD_ORDINANCE},
	{"Substitute Ordinance", OT_RECORD_SUBSTITUTE},
	{"Resolution", OT_RECORD_RESOLUTION},
	{"Land Use Application", OT_RECORD_RESOLUTION},
	{"Land Use Call-Up", OT_RECORD_RESOLUTION},  /* NYC: a land use item called up for the Council's review */
	{"SLR", OT_RECORD_RESOLUTION},               /* NYC: State Legislation Resolution (a home rule message) */
	{"Council Bill (CB)", OT_RECORD_ORDINANCE},  /* Seattle: the bill that becomes an ordinance */
	{"Ordinance (Ord)", OT_RECORD_ORDINANCE},    /* Seattle */
	{"Resolution (Res)", OT_RECORD_RESOLUTION},  /* Seattle */
	{"City Resolution", OT_RECORD_RESOLUTION},   /* Oakland */
	{"Ordinance / Administrative Code", OT_RECORD_ORDINANCE}, /* LA Metro */
	{"Local Laws 2015", OT_RECORD_ORDINANCE},    /* NYC: the local laws enacted in 2015 */
	{"Order", OT_RECORD_ORDER},
	{"Appointment", OT_RECORD_APPOINTMENT},
	{"Mayoral Appointment", OT_RECORD_APPOINTMENT},
	{"Commissioner of Deeds", OT_RECORD_APPOINTMENT}, /* NYC: the Council appoints commissioners of deeds */
	{"Claim", OT_RECORD_CLAIM},
	{"Communication", OT_RECORD_COMMUNICATION},
	{"Mayoral Message", OT_RECORD_COMMUNICATION},
	{"Mayor's Message", OT_RECORD_COMMUNICATION}, /* NYC */
	{"Petition", OT_RECORD_COMMUNICATION},
	{"Report", OT_RECORD_REPORT},
	{"Oath of Office", OT_RECORD_COMMUNICATION},
	{"Executive Order", OT_RECORD_COMMUNICATION},
	{"Placed on File", OT_RECORD_COMMUNICATION}, /* eLMS files some matters under this type */
	{"Oversight", OT_RECORD_REPORT},
	{"City Agency Report", OT_RECORD_REPORT},   /* NYC */
	{"Informational Report", OT_RECORD_REPORT}, /* LA Metro, Oakland */
	{"Oral Report / Presentation", OT_RECORD_REPORT}, /* LA Metro */
	{"bill", OT_RECORD_ORDINANCE}, /* OCD's generic classification */
};

int ot_source_record_type_parse(const char *name)
{
	int t = lookup(record_types, OT_ARRAY_LEN(record_types), name);
	return t >= 0 ? t : ot_record_type_parse(name);
}

static const word statuses[] = {
	{"Pending", OT_STATUS_PENDING},
	{"Introduced", OT_STATUS_PENDING},
	{"In Committee", OT_STATUS_PENDING},
	{"Committee", OT_STATUS_PENDING},
	{"Referred", OT_STATUS_PENDING},
	{"Re-Referred", OT_STATUS_PENDING},
	{"Held in Committee", OT_STATUS_PENDING},
	{"Laid Over", OT_STATUS_PENDING},
	{"Deferred", OT_STATUS_PENDING},
	{"Recommended to Pass", OT_STATUS_PENDING},
	{"Agenda Ready", OT_STATUS_PENDING},
	/* NYC's */
	{"Laid Over in Committee", OT_STATUS_PENDING},
	{"Reported from Committee", OT_STATUS_PENDING},
	{"Reported from Committee and Introduced", OT_STATUS_PENDING},
	{"Companion Pending Approval by Council", OT_STATUS_PENDING},
	{"General Orders Calendar", OT_STATUS_PENDING},
	{"Discharged from Committee", OT_STATUS_PENDING},
	{"Passed", OT_STATUS_PASSED},
	{"Adopted", OT_STATUS_PASSED},
	{"Approved", OT_STATUS_PASSED},
	{"Enacted", OT_STATUS_PASSED},
	{"Signed", OT_STATUS_PASSED},
	{"Vetoed", OT_STATUS_PASSED}, /* passed by the council; the veto is an action */
	{"Enacted (Mayor's Desk for Signature)", OT_STATUS_PASSED}, /* NYC: passed, the Mayor to sign */
	{"Enacted (Charter Referendum)", OT_STATUS_PASSED},
	{"Returned Unsigned by Mayor", OT_STATUS_PASSED}, /* law without the signature */
	{"Failed", OT_STATUS_FAILED},
	{"Failed to Pass", OT_STATUS_FAILED},
	{"Not Adopted", OT_STATUS_FAILED},
	{"Defeated", OT_STATUS_FAILED},
	{"Disapproved", OT_STATUS_FAILED},
	{"Withdrawn", OT_STATUS_WITHDRAWN},
	{"Placed on File", OT_STATUS_FILED},
	{"Filed", OT_STATUS_FILED},
	{"Received and Filed", OT_STATUS_FILED},
	{"Filed (End of Session)", OT_STATUS_FILED},
	{"Received, Ordered, Printed and Filed", OT_STATUS_FILED},
};

int ot_source_status_parse(const char *name)
{
	int t = lookup(statuses, OT_ARRAY_LEN(statuses), name);
	return t >= 0 ? t : ot_status_parse(name);
}

/* ---- the import set -------------------------------------------------------- */

void ot_import_set_release(ot_import_set *s)
{
	size_t i, j;
	if (!s)
		return;
	for (i = 0; i < s->nrecords; i++) {
		ot_import_record *ir = &s->records[i];
		if (ir->vote_files)
			for (j = 0; j < ir->r.nvotes; j++)
				free(ir->vote_files[j]);
		free(ir->vote_files);
		free(ir->file);
		ot_record_release(&ir->r);
	}
	free(s->records);
	for (i = 0; i < s->nmembers; i++) {
		ot_member_release(&s->members[i].m);
		free(s->members[i].file);
	}
	free(s->members);
	for (i = 0; i < s->nskipped; i++)
		free(s->skipped[i]);
	free(s->skipped);
	memset(s, 0, sizeof(*s));
}
