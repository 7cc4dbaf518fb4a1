/*
 * bench/gen_legistar.c - a deterministic Legistar Web API dump of a large
 * council, for the scale benchmark (issue 14, item 7):
 *
 *     gen_legistar DIR [--matters N] [--seed S]
 *
 * Writes, in DIR (created; it must not exist), the layout ordtrack's
 * Legistar reader reads (src/import_legistar.c; the fixture
 * tests/data/record-import/legistar/ has the same shape, field for field):
 *
 *   DIR/persons.json, DIR/officerecords.json   51 council members, one
 *            office record each in the body "City Council" (title
 *            "Council Member", 2018-01-01 to 2021-12-31), as New York
 *            City's council has 51 districts
 *   DIR/matters.json                           N matters (default 21,800,
 *            the size of New York City's Legistar), introduced in order
 *            over those four years: 60% "Introduction" (NYC's local-law
 *            bills; files O<year>-<n>), 35% "Resolution" (R<year>-<n>), 5%
 *            "Land Use Application" (LU<year>-<n>)
 *   DIR/matters/{MatterId}/sponsors.json       1 to 5 members, "Last, First"
 *   DIR/matters/{MatterId}/histories.json      2 to 6 entries: introduction
 *            and referral, then by the matter's fate: about 45% a hearing
 *            now and then, committee approval and the council's roll call
 *            ("Approved by Council" / "Adopted", passed), 1.6% a failing
 *            roll call ("Disapproved by Council"), 10% "Filed", 2%
 *            "Withdrawn", the rest pending in committee (a hearing, laid
 *            over); action names from src/record_vocab.c's table
 *   DIR/eventitems/{MatterHistoryId}/votes.json
 *            each roll call: all 51 members by full name, "Affirmative"
 *            mostly, some "Negative", "Absent", "Excused", "Abstain" (a
 *            failing one mostly "Negative"); MatterHistoryTally agrees
 *
 * At the default size that is about 10,150 roll calls and 517,000
 * individual votes, as the issue counts them for New York City.  Output
 * on stdout: the counts, then lines the benchmark reads: "member: NAME"
 * (the member with most sponsorships), "passed: FILE" and "pending: FILE"
 * (a matter of each kind, for `status`).
 *
 * Determinism: own generators (splitmix64 seeding, xorshift64*), each
 * matter's stream seeded by (seed, matter), so the same arguments give
 * the same bytes.  GUIDs, row versions and modification times are made
 * up from the same streams: Legistar's own are opaque.
 *
 * Exit status 0; 2 for bad usage; 1 when a file cannot be written.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NMEMBERS 51
#define FIRST_PERSON 2001
#define FIRST_MATTER 60001
#define FIRST_HISTORY 500001
#define FIRST_VOTE 3000001
#define FIRST_SPONSOR 250001
#define SPAN_DAYS 1461 /* 2018-01-01 .. 2021-12-31 */

/* ---- random numbers ----------------------------------------------------- */

typedef struct rng {
	uint64_t s;
} rng;

static uint64_t mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

static void rng_seed(rng *r, uint64_t seed, uint64_t a, uint64_t b)
{
	r->s = mix64(mix64(mix64(seed) ^ a) ^ (b * 0x632be59bd9b4e019ull));
	if (!r->s)
		r->s = 1;
}

static uint64_t rng_next(rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545f4914f6cdd1dull;
}

/* 0 <= result < n (n > 0) */
static unsigned rng_below(rng *r, unsigned n)
{
	return (unsigned)((rng_next(r) >> 11) % n);
}

#define PICK(r, arr) ((arr)[rng_below((r), (unsigned)(sizeof(arr) / sizeof((arr)[0])))])

/* ---- dates ---------------------------------------------------------------- */

/* "YYYY-MM-DD" of day d after 2018-01-01 (d >= 0) */
static void day_str(char out[11], int d)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y = 2018, m = 0;
	for (;;) {
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0, len = 365 + leap;
		if (d < len)
			break;
		d -= len;
		y++;
	}
	for (;;) {
		int len = mdays[m] + (m == 1 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
		if (d < len)
			break;
		d -= len;
		m++;
	}
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)(m + 1) % 100u, (unsigned)(d + 1) % 100u);
}

/* ---- writing ---------------------------------------------------------------- */

static const char *top;
static int failed;

static FILE *create(const char *fmt, long id, const char *leaf)
{
	char path[4096];
	FILE *f;
	if (leaf) {
		snprintf(path, sizeof(path), fmt, top, id);
		if (mkdir(path, 0755) < 0 && errno != EEXIST) {
			fprintf(stderr, "gen_legistar: cannot create '%s': %s\n", path, strerror(errno));
			failed = 1;
			return NULL;
		}
		snprintf(path + strlen(path), sizeof(path) - strlen(path), "/%s", leaf);
	} else {
		snprintf(path, sizeof(path), fmt, top);
	}
	if (!(f = fopen(path, "w"))) {
		fprintf(stderr, "gen_legistar: cannot write '%s': %s\n", path, strerror(errno));
		failed = 1;
	}
	return f;
}

static void done(FILE *f)
{
	if (f && (ferror(f) | fclose(f)) != 0) {
		fprintf(stderr, "gen_legistar: write failed: %s\n", strerror(errno));
		failed = 1;
	}
}

/* Legistar's opaque fields, made up from r */
static void guid(FILE *f, rng *r)
{
	uint64_t a = rng_next(r), b = rng_next(r);
	fprintf(f, "\"%08X-%04X-%04X-%04X-%012llX\"", (unsigned)(a >> 32), (unsigned)(a >> 16) & 0xffff,
		(unsigned)a & 0xffff, (unsigned)(b >> 48), (unsigned long long)(b & 0xffffffffffffull));
}

static void rowversion(FILE *f, rng *r)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	uint64_t v = rng_next(r);
	int i;
	fputs("\"AAAAAB", f);
	for (i = 0; i < 5; i++)
		fputc(b64[(v >> (6 * i)) & 63], f);
	fputs("=\"", f);
}

static void modified(FILE *f, rng *r, const char *date)
{
	fprintf(f, "\"%sT%02u:%02u:%02u.%02u\"", date, 8 + rng_below(r, 10), rng_below(r, 60), rng_below(r, 60),
		rng_below(r, 100));
}

/* ---- the council ------------------------------------------------------------ */

typedef struct member {
	char first[32], middle[4], last[32], full[80];
	int person;
	long sponsored;
} member;

static member members[NMEMBERS];

static void make_members(uint64_t seed)
{
	static const char *const firsts[] = {"Adrienne", "Alicka", "Ben",   "Carlina", "Chaim",   "Costa",  "Darlene",
					     "Diana",    "Eric",   "Farah", "Francisco", "Gale",  "Helen",  "Inez",
					     "James",    "Joseph", "Justin", "Karen",   "Keith",   "Kevin",  "Laurie",
					     "Mark",     "Mathieu", "Paul",  "Peter",   "Rafael",  "Ritchie", "Robert",
					     "Rory",     "Ruben",  "Selvena", "Stephen", "Vanessa", "Ydanis"};
	static const char *const lasts[] = {
		"Abernathy", "Baptiste", "Carrasco", "Delacroix", "Eastwood",  "Fairbanks", "Gallagher", "Hollings",
		"Iverson",   "Jaramillo", "Kowalski", "Lindqvist", "Montague",  "Nakamura",  "Okonkwo",   "Pellegrino",
		"Quintero",  "Rosenthal", "Salazar",  "Thibodeaux", "Underhill", "Valdivia",  "Whitcombe", "Xiong",
		"Yablonski", "Zamora",    "Ashworth", "Brannigan",  "Castellano", "Dunmore",  "Esposito",  "Featherstone",
		"Grimaldi",  "Hargrove",  "Ingersoll", "Jablonski", "Kensington", "Lockhart", "Maldonado", "Northcott",
		"Ortega",    "Prendergast", "Quigley", "Ravensworth", "Stanhope", "Trevino",  "Umberger",  "Vandermeer",
		"Wainwright", "Yardley",  "Zielinski"};
	rng r;
	int i;
	rng_seed(&r, seed, 0, 1);
	for (i = 0; i < NMEMBERS; i++) {
		member *m = &members[i];
		snprintf(m->first, sizeof(m->first), "%s", PICK(&r, firsts));
		snprintf(m->last, sizeof(m->last), "%s", lasts[i]);
		if (rng_below(&r, 3) == 0)
			snprintf(m->middle, sizeof(m->middle), "%c.", 'A' + (char)rng_below(&r, 26));
		else
			m->middle[0] = '\0';
		snprintf(m->full, sizeof(m->full), "%s %s%s%s", m->first, m->middle, m->middle[0] ? " " : "", m->last);
		m->person = FIRST_PERSON + i;
	}
}

static void write_council(uint64_t seed)
{
	FILE *p = create("%s/persons.json", 0, NULL), *o = create("%s/officerecords.json", 0, NULL);
	rng r;
	int i;
	if (!p || !o) {
		done(p);
		done(o);
		return;
	}
	rng_seed(&r, seed, 0, 2);
	fputs("[\n", p);
	fputs("[\n", o);
	for (i = 0; i < NMEMBERS; i++) {
		const member *m = &members[i];
		fprintf(p, "  {\n    \"PersonId\": %d,\n    \"PersonGuid\": ", m->person);
		guid(p, &r);
		fputs(",\n    \"PersonLastModifiedUtc\": ", p);
		modified(p, &r, "2018-01-02");
		fputs(",\n    \"PersonRowVersion\": ", p);
		rowversion(p, &r);
		fprintf(p,
			",\n    \"PersonFirstName\": \"%s\",\n    \"PersonLastName\": \"%s\",\n"
			"    \"PersonFullName\": \"%s\",\n    \"PersonActiveFlag\": 1,\n    \"PersonCanViewFlag\": 0,\n"
			"    \"PersonUsedSponsorFlag\": 1,\n    \"PersonAddress1\": \"250 Broadway\",\n"
			"    \"PersonCity1\": \"New York\",\n    \"PersonState1\": \"NY\",\n    \"PersonZip1\": \"10007\",\n"
			"    \"PersonPhone\": null,\n    \"PersonFax\": null,\n    \"PersonEmail\": \"district%02d@example.org\",\n"
			"    \"PersonWWW\": null,\n    \"PersonAddress2\": null,\n    \"PersonCity2\": null,\n"
			"    \"PersonState2\": null,\n    \"PersonZip2\": null,\n    \"PersonPhone2\": null,\n"
			"    \"PersonFax2\": null,\n    \"PersonEmail2\": null,\n    \"PersonWWW2\": null\n  }%s\n",
			m->first, m->last, m->full, i + 1, i + 1 < NMEMBERS ? "," : "");
		fprintf(o, "  {\n    \"OfficeRecordId\": %d,\n    \"OfficeRecordGuid\": ", 9001 + i);
		guid(o, &r);
		fputs(",\n    \"OfficeRecordLastModifiedUtc\": ", o);
		modified(o, &r, "2018-01-02");
		fputs(",\n    \"OfficeRecordRowVersion\": ", o);
		rowversion(o, &r);
		fprintf(o,
			",\n    \"OfficeRecordFirstName\": \"%s\",\n    \"OfficeRecordLastName\": \"%s\",\n"
			"    \"OfficeRecordEmail\": null,\n    \"OfficeRecordFullName\": \"%s\",\n"
			"    \"OfficeRecordStartDate\": \"2018-01-01T00:00:00\",\n"
			"    \"OfficeRecordEndDate\": \"2021-12-31T00:00:00\",\n    \"OfficeRecordSort\": %d,\n"
			"    \"OfficeRecordPersonId\": %d,\n    \"OfficeRecordBodyId\": 1,\n"
			"    \"OfficeRecordBodyName\": \"City Council\",\n    \"OfficeRecordTitle\": \"Council Member\",\n"
			"    \"OfficeRecordVoteDivider\": 1.0,\n    \"OfficeRecordExtendFlag\": 0,\n"
			"    \"OfficeRecordMemberTypeId\": 1,\n    \"OfficeRecordMemberType\": \"Member\",\n"
			"    \"OfficeRecordSupportNameId\": null,\n    \"OfficeRecordSupportFullName\": null\n  }%s\n",
			m->first, m->last, m->full, i + 1, m->person, i + 1 < NMEMBERS ? "," : "");
	}
	fputs("]\n", p);
	fputs("]\n", o);
	done(p);
	done(o);
}

/* ---- matters ------------------------------------------------------------------- */

enum { FATE_PENDING, FATE_PASSED, FATE_FAILED, FATE_FILED, FATE_WITHDRAWN };

typedef struct history {
	const char *action, *body;
	int action_id, body_id, day, passed; /* passed: 1, 0, or -1 for null */
	int roll;                            /* a roll call */
} history;

typedef struct counts {
	long matters, histories, rollcalls, votes, sponsors;
} counts;

static const char *const committees[] = {"Committee on Finance", "Committee on Land Use",
					  "Committee on Health", "Committee on Transportation and Infrastructure",
					  "Committee on Housing and Buildings", "Committee on Public Safety",
					  "Committee on Education", "Committee on Consumer and Worker Protection",
					  "Committee on Environmental Protection", "Committee on Governmental Operations"};

/* One roll call on history h (id hid), into eventitems/{hid}/votes.json:
 * every member, yes and no as the fate needs. */
static void write_votes(rng *r, long hid, int pass, long *vote_id, const char *date, int *yes, int *no)
{
	FILE *f = create("%s/eventitems/%ld", hid, "votes.json");
	int i;
	*yes = *no = 0;
	if (!f)
		return;
	fputs("[\n", f);
	for (i = 0; i < NMEMBERS; i++) {
		unsigned d = rng_below(r, 1000);
		const char *value;
		int value_id, result;
		if (pass ? d < 900 : d < 150) {
			value = "Affirmative", value_id = 15, result = 1, ++*yes;
		} else if (pass ? d < 940 : d < 900) {
			value = "Negative", value_id = 16, result = 2, ++*no;
		} else if (d < 970) {
			value = "Absent", value_id = 18, result = 0;
		} else if (d < 990) {
			value = "Excused", value_id = 19, result = 0;
		} else {
			value = "Abstain", value_id = 17, result = 0;
		}
		fprintf(f, "  {\n    \"VoteId\": %ld,\n    \"VoteGuid\": ", (*vote_id)++);
		guid(f, r);
		fputs(",\n    \"VoteLastModifiedUtc\": ", f);
		modified(f, r, date);
		fputs(",\n    \"VoteRowVersion\": ", f);
		rowversion(f, r);
		fprintf(f,
			",\n    \"VotePersonId\": %d,\n    \"VotePersonName\": \"%s\",\n    \"VoteValueId\": %d,\n"
			"    \"VoteValueName\": \"%s\",\n    \"VoteSort\": %d,\n    \"VoteResult\": %d,\n"
			"    \"VoteEventItemId\": %ld\n  }%s\n",
			members[i].person, members[i].full, value_id, value, i + 1, result, hid,
			i + 1 < NMEMBERS ? "," : "");
	}
	fputs("]\n", f);
	done(f);
}

static void write_histories(rng *r, long mid, long *hid, long *vote_id, const history *hs, int n, counts *c)
{
	FILE *f = create("%s/matters/%ld", mid, "histories.json");
	int i;
	if (!f)
		return;
	fputs("[\n", f);
	for (i = 0; i < n; i++) {
		const history *h = &hs[i];
		char date[11], tally[32] = "";
		long id = (*hid)++;
		int yes = 0, no = 0;
		day_str(date, h->day);
		if (h->roll) {
			write_votes(r, id, h->passed == 1, vote_id, date, &yes, &no);
			snprintf(tally, sizeof(tally), "%d:%d", yes, no);
			c->rollcalls++;
			c->votes += NMEMBERS;
		}
		fprintf(f, "  {\n    \"MatterHistoryId\": %ld,\n    \"MatterHistoryGuid\": ", id);
		guid(f, r);
		fputs(",\n    \"MatterHistoryLastModifiedUtc\": ", f);
		modified(f, r, date);
		fputs(",\n    \"MatterHistoryRowVersion\": ", f);
		rowversion(f, r);
		if (h->body_id == 1)
			fprintf(f, ",\n    \"MatterHistoryEventId\": %d,\n    \"MatterHistoryAgendaSequence\": %u,\n"
				   "    \"MatterHistoryMinutesSequence\": %u,\n",
				10000 + h->day, 1 + rng_below(r, 200), 1 + rng_below(r, 200));
		else
			fputs(",\n    \"MatterHistoryEventId\": null,\n    \"MatterHistoryAgendaSequence\": null,\n"
			      "    \"MatterHistoryMinutesSequence\": null,\n",
			      f);
		fprintf(f,
			"    \"MatterHistoryAgendaNumber\": null,\n    \"MatterHistoryVideo\": null,\n"
			"    \"MatterHistoryVideoIndex\": null,\n    \"MatterHistoryVersion\": \"1\",\n"
			"    \"MatterHistoryAgendaNote\": null,\n    \"MatterHistoryMinutesNote\": null,\n"
			"    \"MatterHistoryActionDate\": \"%sT00:00:00\",\n    \"MatterHistoryActionId\": %d,\n"
			"    \"MatterHistoryActionName\": \"%s\",\n    \"MatterHistoryActionText\": null,\n"
			"    \"MatterHistoryActionBodyId\": %d,\n    \"MatterHistoryActionBodyName\": \"%s\",\n",
			date, h->action_id, h->action, h->body_id, h->body);
		if (h->passed < 0)
			fputs("    \"MatterHistoryPassedFlag\": null,\n    \"MatterHistoryPassedFlagName\": null,\n", f);
		else
			fprintf(f, "    \"MatterHistoryPassedFlag\": %d,\n    \"MatterHistoryPassedFlagName\": \"%s\",\n",
				h->passed, h->passed ? "Pass" : "Fail");
		fprintf(f, "    \"MatterHistoryRollCallFlag\": %d,\n    \"MatterHistoryFlagExtra\": 0,\n", h->roll);
		if (h->roll)
			fprintf(f, "    \"MatterHistoryTally\": \"%s\",\n", tally);
		else
			fputs("    \"MatterHistoryTally\": null,\n", f);
		fprintf(f,
			"    \"MatterHistoryAccelaRecordId\": null,\n    \"MatterHistoryConsent\": 0,\n"
			"    \"MatterHistoryMoverId\": null,\n    \"MatterHistoryMoverName\": null,\n"
			"    \"MatterHistorySeconderId\": null,\n    \"MatterHistorySeconderName\": null,\n"
			"    \"MatterHistoryMatterStatusId\": null\n  }%s\n",
			i + 1 < n ? "," : "");
		c->histories++;
	}
	fputs("]\n", f);
	done(f);
}

static void write_sponsors(rng *r, long mid, long *sid, const char *date, counts *c)
{
	FILE *f = create("%s/matters/%ld", mid, "sponsors.json");
	int picked[5], n = 1 + (int)rng_below(r, 5), i, j;
	if (!f)
		return;
	for (i = 0; i < n; i++) {
		/* distinct members */
		do {
			picked[i] = (int)rng_below(r, NMEMBERS);
			for (j = 0; j < i && picked[j] != picked[i]; j++)
				;
		} while (j < i);
	}
	fputs("[\n", f);
	for (i = 0; i < n; i++) {
		member *m = &members[picked[i]];
		m->sponsored++;
		fprintf(f, "  {\n    \"MatterSponsorId\": %ld,\n    \"MatterSponsorGuid\": ", (*sid)++);
		guid(f, r);
		fputs(",\n    \"MatterSponsorLastModifiedUtc\": ", f);
		modified(f, r, date);
		fputs(",\n    \"MatterSponsorRowVersion\": ", f);
		rowversion(f, r);
		fprintf(f,
			",\n    \"MatterSponsorMatterId\": %ld,\n    \"MatterSponsorMatterVersion\": \"1\",\n"
			"    \"MatterSponsorNameId\": %d,\n    \"MatterSponsorBodyId\": null,\n"
			"    \"MatterSponsorName\": \"%s, %s\",\n    \"MatterSponsorSequence\": %d,\n"
			"    \"MatterSponsorLinkFlag\": 0\n  }%s\n",
			mid, m->person, m->last, m->first, i, i + 1 < n ? "," : "");
		c->sponsors++;
	}
	fputs("]\n", f);
	done(f);
}

static history hist(const char *action, int action_id, const char *body, int body_id, int day, int passed,
		    int roll)
{
	history h;
	h.action = action;
	h.action_id = action_id;
	h.body = body;
	h.body_id = body_id;
	h.day = day < SPAN_DAYS - 1 ? day : SPAN_DAYS - 1;
	h.passed = passed;
	h.roll = roll;
	return h;
}

int main(int argc, char **argv)
{
	const char *dir = NULL;
	long nmatters = 21800, i, hid = FIRST_HISTORY, vote_id = FIRST_VOTE, sid = FIRST_SPONSOR;
	unsigned long long seed = 1;
	char path[4096], passed_file[32] = "", pending_file[32] = "";
	int year_seq[3][4] = {{0}};
	counts c;
	FILE *mf;
	int k, best = 0;

	memset(&c, 0, sizeof(c));
	for (k = 1; k < argc; k++) {
		char *end;
		if (strcmp(argv[k], "--matters") == 0 && k + 1 < argc) {
			nmatters = strtol(argv[++k], &end, 10);
			if (*end || nmatters < 1 || nmatters > 1000000) {
				fprintf(stderr, "gen_legistar: --matters takes a number from 1 to 1000000\n");
				return 2;
			}
		} else if (strcmp(argv[k], "--seed") == 0 && k + 1 < argc) {
			seed = strtoull(argv[++k], &end, 10);
			if (*end || !*argv[k]) {
				fprintf(stderr, "gen_legistar: --seed takes a number\n");
				return 2;
			}
		} else if (argv[k][0] != '-' && !dir) {
			dir = argv[k];
		} else {
			fprintf(stderr, "usage: gen_legistar DIR [--matters N] [--seed S]\n");
			return 2;
		}
	}
	if (!dir) {
		fprintf(stderr, "usage: gen_legistar DIR [--matters N] [--seed S]\n");
		return 2;
	}
	top = dir;
	if (mkdir(dir, 0755) < 0) {
		fprintf(stderr, "gen_legistar: cannot create '%s': %s\n", dir, strerror(errno));
		return 1;
	}
	snprintf(path, sizeof(path), "%s/matters", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/eventitems", dir);
	mkdir(path, 0755);
	make_members(seed);
	write_council(seed);
	if (!(mf = create("%s/matters.json", 0, NULL)))
		return 1;
	fputs("[\n", mf);
	for (i = 0; i < nmatters && !failed; i++) {
		static const char *const prefixes[3] = {"O", "R", "LU"};
		static const char *const types[3] = {"Introduction", "Resolution", "Land Use Application"};
		static const int type_ids[3] = {2, 3, 4};
		history hs[6];
		rng r;
		long mid = FIRST_MATTER + i;
		int day = (int)(i * (long)(SPAN_DAYS - 200) / nmatters), kind, fate, nh = 0, y;
		unsigned d;
		char intro[11], file[32], closed[11] = "";
		const char *committee, *status;

		rng_seed(&r, seed, 1, (uint64_t)i);
		d = rng_below(&r, 100);
		kind = d < 60 ? 0 : d < 95 ? 1 : 2;
		d = rng_below(&r, 1000);
		fate = d < 450 ? FATE_PASSED : d < 466 ? FATE_FAILED : d < 566 ? FATE_FILED : d < 586 ? FATE_WITHDRAWN
												 : FATE_PENDING;
		committee = PICK(&r, committees);
		day_str(intro, day);
		y = atoi(intro) - 2018;
		snprintf(file, sizeof(file), "%s%d-%05d", prefixes[kind], 2018 + y, ++year_seq[kind][y]);
		hs[nh++] = hist("Introduced by Council", 6, "City Council", 1, day, -1, 0);
		hs[nh++] = hist("Referred to Comm by Council", 2, "City Council", 1, day, -1, 0);
		day += 14 + (int)rng_below(&r, 60);
		if (fate == FATE_PASSED || fate == FATE_FAILED) {
			if (rng_below(&r, 2))
				hs[nh++] = hist("Hearing Held by Committee", 25, committee, 20, day, -1, 0);
			day += 7 + (int)rng_below(&r, 60);
			if (rng_below(&r, 3) == 0)
				hs[nh++] = hist("Laid Over by Committee", 30, committee, 20, day, -1, 0);
			day += 7 + (int)rng_below(&r, 30);
			hs[nh++] = hist("Approved by Committee", 35, committee, 20, day, 1, 0);
			day += 1 + (int)rng_below(&r, 14);
			if (fate == FATE_PASSED)
				hs[nh++] = hist(kind == 1 ? "Adopted" : "Approved by Council", kind == 1 ? 40 : 41, "City Council", 1,
						day, 1, 1);
			else
				hs[nh++] = hist("Disapproved by Council", 45, "City Council", 1, day, 0, 1);
		} else if (fate == FATE_FILED) {
			hs[nh++] = hist("Filed", 50, "City Council", 1, day + 300, -1, 0);
		} else if (fate == FATE_WITHDRAWN) {
			hs[nh++] = hist("Withdrawn", 51, "City Council", 1, day, -1, 0);
		} else {
			if (rng_below(&r, 2))
				hs[nh++] = hist("Hearing Held by Committee", 25, committee, 20, day, -1, 0);
			if (rng_below(&r, 3) == 0)
				hs[nh++] = hist("Laid Over by Committee", 30, committee, 20, day + 30, -1, 0);
		}
		if (fate != FATE_PENDING)
			day_str(closed, hs[nh - 1].day);
		status = fate == FATE_PASSED ? (kind == 1 ? "Adopted" : "Enacted")
			 : fate == FATE_FAILED ? "Failed"
			 : fate == FATE_FILED ? "Filed"
			 : fate == FATE_WITHDRAWN ? "Withdrawn"
						  : "Committee";
		if (fate == FATE_PASSED && !passed_file[0])
			snprintf(passed_file, sizeof(passed_file), "%s", file);
		if (fate == FATE_PENDING)
			snprintf(pending_file, sizeof(pending_file), "%s", file);
		write_sponsors(&r, mid, &sid, intro, &c);
		write_histories(&r, mid, &hid, &vote_id, hs, nh, &c);
		fprintf(mf, "  {\n    \"MatterId\": %ld,\n    \"MatterGuid\": ", mid);
		guid(mf, &r);
		fputs(",\n    \"MatterLastModifiedUtc\": ", mf);
		modified(mf, &r, closed[0] ? closed : intro);
		fputs(",\n    \"MatterRowVersion\": ", mf);
		rowversion(mf, &r);
		fprintf(mf,
			",\n    \"MatterFile\": \"%s\",\n    \"MatterName\": \"%s %ld\",\n"
			"    \"MatterTitle\": \"A %s in relation to matter %ld of the council, numbered %s\",\n"
			"    \"MatterTypeId\": %d,\n    \"MatterTypeName\": \"%s\",\n    \"MatterStatusId\": %d,\n"
			"    \"MatterStatusName\": \"%s\",\n    \"MatterBodyId\": 20,\n    \"MatterBodyName\": \"%s\",\n"
			"    \"MatterIntroDate\": \"%sT00:00:00\",\n    \"MatterAgendaDate\": null,\n",
			file, types[kind], mid, kind == 0 ? "Local Law" : types[kind], mid, file, type_ids[kind],
			types[kind], 30 + fate, status, committee, intro);
		if (fate == FATE_PASSED)
			fprintf(mf, "    \"MatterPassedDate\": \"%sT00:00:00\",\n", closed);
		else
			fputs("    \"MatterPassedDate\": null,\n", mf);
		fputs("    \"MatterEnactmentDate\": null,\n", mf);
		if (fate == FATE_PASSED && kind == 0)
			fprintf(mf, "    \"MatterEnactmentNumber\": \"%d/%03ld\",\n", 2018 + y, i % 1000);
		else
			fputs("    \"MatterEnactmentNumber\": null,\n", mf);
		fputs("    \"MatterRequester\": null,\n    \"MatterNotes\": null,\n    \"MatterVersion\": \"1\",\n", mf);
		for (k = 1; k <= 5; k++)
			fprintf(mf, "    \"MatterText%d\": null,\n", k);
		for (k = 1; k <= 2; k++)
			fprintf(mf, "    \"MatterDate%d\": null,\n", k);
		for (k = 1; k <= 11; k++)
			fprintf(mf, "    \"MatterEXText%d\": null,\n", k);
		for (k = 1; k <= 10; k++)
			fprintf(mf, "    \"MatterEXDate%d\": null,\n", k);
		fprintf(mf,
			"    \"MatterAgiloftId\": 0,\n    \"MatterReference\": null,\n"
			"    \"MatterRestrictViewViaWeb\": false\n  }%s\n",
			i + 1 < nmatters ? "," : "");
		c.matters++;
	}
	fputs("]\n", mf);
	done(mf);
	if (failed)
		return 1;
	for (k = 1; k < NMEMBERS; k++)
		if (members[k].sponsored > members[best].sponsored)
			best = k;
	printf("matters: %ld\nhistories: %ld\nroll calls: %ld\nvotes: %ld\nsponsors: %ld\n", c.matters, c.histories,
	       c.rollcalls, c.votes, c.sponsors);
	printf("member: %s\n", members[best].full);
	printf("passed: %s\n", passed_file);
	printf("pending: %s\n", pending_file);
	return 0;
}
