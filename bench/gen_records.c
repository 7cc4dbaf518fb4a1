/*
 * bench/gen_records.c - a deterministic tracker with a legislative record,
 * for the publish benchmark (issue 5):
 *
 *     gen_records DIR [--records N] [--seed S] [--repack EVENTS]
 *
 * Creates a tracker at DIR (which must not hold one) through the library
 * API only, and fills it:
 *
 *   - 50 council members, wards 1 to 50, serving since always;
 *   - 20 ordinances (chapters 4-4, 4-8, ... 4-80; "4-8" is ordinance 4-8),
 *     each of 20 sections (4-8-010 ... 4-8-200) of 2 to 5 subsections
 *     (a)... with now and then numbered paragraphs (1)...; one
 *     ot_store_add per chapter, dated 2021-12-01;
 *   - N records (default 1,000) introduced over four years from
 *     2022-01-03, ids O<year>-<n>.  Each proposes a change to 1 to 3
 *     sections of one chapter of the code as it stands on its date (words
 *     of a clause replaced, inserted or deleted; a subsection added at the
 *     end; or the last subsection removed), gets 1 to 3 actions
 *     (referral-committee, deferral, committee-passage) and then, by its
 *     fate drawn up front: about 70% a passing roll call and passage
 *     (ot_record_pass; when that reports OT_ECONFLICT, because a record
 *     passed since changed the same clauses, the record is closed as
 *     failed instead), about 15% a failing roll call or none and
 *     ot_record_close "failed", about 15% stay pending.  The last record
 *     is always pending.
 *
 * Events of all records run in date order (a record's referral may come
 * after a later record's introduction, and passage merges into a main
 * that moved since the record was based on it), as a clerk would record
 * them.  Roll calls name all 50 members: 0 to 3 absent, now and then one
 * abstaining or not voting, and the others split yes/no by a per-member
 * leaning against a per-record direction plus noise, so the same members
 * tend to dissent together; most passing votes are lopsided, some close.
 * Every vote carries threshold "majority-of-members" and its result
 * agrees with it (yes > 25 passes).
 *
 * Packs: each library write adds one pack file, and the library itself
 * keeps their number bounded (ot_store_consolidate, src/store.c) and packs
 * the refs.  --repack EVENTS (default 0: never) also closes the tracker
 * every EVENTS events and at the end and runs `git repack -a -d -q` and
 * `git pack-refs --all` on it, to compare with git's own housekeeping
 * (see repack()).
 *
 * Output on stdout: counts and the wall time, then, as the last line,
 * "pending: ID" naming the last record, which is pending (the record the
 * benchmark votes on for the incremental republish).
 *
 * Determinism: own generators (splitmix64 seeding, xorshift64*), never
 * rand(); each record's plan and edits come from streams seeded by
 * (seed, record, purpose), and events run in a fixed order, so the same
 * arguments give the same texts, records, actions and roll calls (checked:
 * main's trees of two runs differ only in the "base" commit each record's
 * JSON names, because commit ids include the time of writing).
 *
 * Exit status 0; 2 for bad usage; 1 when a library call fails (its
 * message on stderr).  Out-of-memory aborts with one line.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ordtrack/ordtrack.h"
#include "ordtrack/record.h"
#include "ordtrack/rev.h"
#include "ordtrack/store.h"
#include "ordtrack/tracker.h"

#define NMEMBERS 50
#define NCHAPTERS 20
#define NSECTIONS 20
#define SPAN_DAYS (4 * 365)
#define MAJORITY (NMEMBERS / 2 + 1) /* yes votes a "majority-of-members" needs */

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

/* A stream for (seed, a, b): the same triple always gives the same numbers. */
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

/* lo <= result <= hi */
static int rng_range(rng *r, int lo, int hi)
{
	return lo + (int)rng_below(r, (unsigned)(hi - lo + 1));
}

/* uniform in [0, 1) */
static double rng_unit(rng *r)
{
	return (double)(rng_next(r) >> 11) / 9007199254740992.0;
}

#define PICK(r, arr) ((arr)[rng_below((r), (unsigned)(sizeof(arr) / sizeof((arr)[0])))])

/* ---- small helpers ------------------------------------------------------ */

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p) {
		fputs("gen_records: out of memory\n", stderr);
		abort();
	}
	return p;
}

static char *xstrdup(const char *s)
{
	char *p = xcalloc(strlen(s) + 1, 1);
	memcpy(p, s, strlen(s) + 1);
	return p;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* "YYYY-MM-DD" of `days` after 2022-01-03 (a Monday) into out[11]. */
static void day_str(char out[11], int days)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y = 2022, m = 0, d = days + 2; /* 2022-01-01 + 2 */
	for (;;) {
		int ylen = is_leap(y) ? 366 : 365;
		if (d < ylen)
			break;
		d -= ylen;
		y++;
	}
	for (;;) {
		int mlen = mdays[m] + (m == 1 && is_leap(y));
		if (d < mlen)
			break;
		d -= mlen;
		m++;
	}
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)(m + 1) % 100u, (unsigned)(d + 1) % 100u);
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- the council -------------------------------------------------------- */

static const char *const first_names[] = {
	"Maria", "James", "Daniel", "Patricia", "Carlos", "Linda", "Anthony", "Sophia", "Michael", "Gloria",
	"Raymond", "Nicole", "Walter", "Andre", "Leslie", "Roberto", "Felicia", "Thomas", "Jeanette", "Samuel",
	"Monique", "Gilbert", "Helen", "Derrick", "Rosa"};
/* 50 distinct surnames: the last word of a name is unique, so roll calls
 * may use it alone */
static const char *const last_names[NMEMBERS] = {
	"Alvarez", "Brennan", "Castillo", "Dowell", "Ervin", "Fitzgerald", "Garza", "Hadden", "Ismail", "Jacobs",
	"Kowalski", "Lopez", "Moreno", "Nugent", "Osterman", "Pawar", "Quinlan", "Reilly", "Sposato", "Tabares",
	"Urbina", "Vasquez", "Waguespack", "Yancy", "Zalewski", "Austin", "Burnett", "Coleman", "Dunham", "Escobar",
	"Ferraro", "Gardiner", "Hopkins", "Ibarra", "Jenkins", "Knudsen", "Lawson", "Mitts", "Napolitano", "Okafor",
	"Pereira", "Ramirez", "Sigcho", "Thompson", "Villegas", "Whitaker", "Xiong", "Young", "Ziemba", "Beale"};

typedef struct council {
	char *names[NMEMBERS];
	double lean[NMEMBERS]; /* -1 .. 1: how each member tends to vote */
} council;

/* ---- text of the code --------------------------------------------------- */

static const char *const chapter_titles[NCHAPTERS] = {
	"Food Establishments", "Public Passenger Vehicles", "Sidewalk Cafes", "Shared Housing Units",
	"Building Permits", "Noise Control", "Street Performers", "Mobile Food Vendors", "Tobacco Dealers",
	"Public Places of Amusement", "Home Repair", "Massage Establishments", "Valet Parking Operators",
	"Tow Truck Operators", "Pawnbrokers", "Motor Vehicle Repair Shops", "Outdoor Advertising Signs",
	"Dog Day Care Facilities", "Hotels", "Short-Term Rental Platforms"};

static const char *const headings[NSECTIONS] = {
	"Definitions.", "License required.", "Application for license.", "License fees.", "Term of license.",
	"Inspections.", "Records to be kept.", "Notice to the public.", "Insurance required.",
	"Renewal of license.", "Suspension and revocation.", "Signs to be posted.", "Hours of operation.",
	"Rules and regulations.", "Exemptions.", "Transfer prohibited.", "Reporting requirements.",
	"Enforcement.", "Violation and penalty.", "Severability."};

static const char *const subjects[] = {
	"the commissioner", "the department", "each licensee", "the owner of any licensed premises",
	"any person engaged in the business", "the board of review", "the city clerk", "every operator",
	"the applicant", "the corporation counsel", "the director of revenue", "each employee of a licensee"};
static const char *const modals[] = {"shall", "shall", "shall", "may", "shall not"};
static const char *const verbs[] = {
	"issue", "maintain", "inspect", "post", "file", "renew", "review", "revoke", "publish", "retain",
	"submit", "approve", "deliver", "display", "record", "certify"};
static const char *const objects[] = {
	"a license for each location", "the permit and any renewal thereof", "records of each inspection",
	"a written notice of the violation", "an annual report of operations", "the application and supporting documents",
	"a schedule of fees", "proof of liability insurance", "the certificate of occupancy", "a copy of the lease",
	"a list of all employees", "the results of any test"};
static const char *const tails[] = {
	"within 30 days of the request", "in a form prescribed by the commissioner",
	"at the principal place of business", "before the first day of each calendar year",
	"for a period of not less than three years", "subject to the requirements of this chapter",
	"unless otherwise provided by rule", "in a conspicuous place visible to the public",
	"no later than 10 business days after any change", "as the department may require by regulation",
	"upon payment of the fee set forth in this chapter", "on every day the premises are open"};
static const char *const fill_words[] = {
	"promptly", "written", "annual", "additional", "reasonable", "current", "complete", "public", "prior",
	"municipal", "licensed", "applicable", "electronic", "certified", "separate", "equivalent"};
static const char *const phrases[] = {
	"and any successor agency", "or its designee", "in plain language", "at no cost to the public",
	"in English and Spanish", "by electronic means", "to the extent permitted by law", "and on its website"};

static void cap_first(ot_buf *b, size_t at)
{
	if (at < b->len && b->ptr[at] >= 'a' && b->ptr[at] <= 'z')
		b->ptr[at] = (char)(b->ptr[at] - 'a' + 'A');
}

/* One clause: one or two sentences. */
static void clause_text(ot_buf *out, rng *r)
{
	size_t at = out->len;
	ot_buf_printf(out, "%s %s %s %s %s.", PICK(r, subjects), PICK(r, modals), PICK(r, verbs), PICK(r, objects),
		      PICK(r, tails));
	cap_first(out, at);
	if (rng_below(r, 2)) {
		ot_buf_printf(out, " This requirement applies to %s %s.", PICK(r, objects), PICK(r, tails));
	}
}

/* Chapter c as plain text in the parser's format. */
static void chapter_text(ot_buf *out, const char *chapter, uint64_t seed, int c)
{
	int s, k, j;
	for (s = 0; s < NSECTIONS; s++) {
		rng r;
		int nsub;
		rng_seed(&r, seed, 1000 + (uint64_t)c, (uint64_t)s);
		nsub = rng_range(&r, 2, 5);
		if (s)
			ot_buf_putc(out, '\n');
		ot_buf_printf(out, "%s-%03d %s\n", chapter, (s + 1) * 10, headings[s]);
		for (k = 0; k < nsub; k++) {
			ot_buf_printf(out, "(%c) ", 'a' + k);
			clause_text(out, &r);
			ot_buf_putc(out, '\n');
			if (rng_below(&r, 4) == 0) {
				int npara = rng_range(&r, 2, 3);
				for (j = 0; j < npara; j++) {
					ot_buf_printf(out, "(%d) ", j + 1);
					clause_text(out, &r);
					ot_buf_putc(out, '\n');
				}
			}
		}
	}
}

/* ---- editing a section (a record's proposal) ---------------------------- */

/* A new text for `old`: a run of 1-3 words replaced, a phrase inserted
 * before the final full stop, or 1-3 words deleted; never equal to old. */
static char *edit_words(const char *old, rng *r)
{
	ot_buf b = OT_BUF_INIT;
	size_t starts[256], nw = 0, i = 0, len = strlen(old);
	while (i < len && nw < 256) {
		while (i < len && old[i] == ' ')
			i++;
		if (i >= len)
			break;
		starts[nw] = i;
		while (i < len && old[i] != ' ')
			i++;
		nw++;
	}
	for (;;) {
		unsigned op = rng_below(r, 3);
		ot_buf_clear(&b);
		if (op == 1 || nw < 8) {
			/* insert a phrase before the final full stop */
			size_t dot = len && old[len - 1] == '.' ? len - 1 : len;
			ot_buf_put(&b, old, dot);
			ot_buf_printf(&b, " %s", PICK(r, phrases));
			ot_buf_puts(&b, old + dot);
		} else {
			/* replace (op 0) or delete (op 2) 1-3 words, never the first
			 * (the capitalised one) nor the last (it carries the stop) */
			size_t n = (size_t)rng_range(r, 1, 3);
			size_t w = 1 + rng_below(r, (unsigned)(nw - 2 - n + 1));
			size_t k;
			ot_buf_put(&b, old, starts[w]);
			if (op == 0) {
				for (k = 0; k < n; k++)
					ot_buf_printf(&b, "%s ", PICK(r, fill_words));
			}
			ot_buf_puts(&b, old + starts[w + n]);
		}
		if (strcmp(b.ptr, old) != 0)
			break;
	}
	return ot_buf_detach(&b);
}

/* Apply one random change to `section` (owned by its doc).  Returns a
 * short description ("edit", "add", "remove"). */
static const char *edit_section(ot_node *section, rng *r)
{
	ot_node *clauses[64];
	size_t nclauses = 0, i, j;
	unsigned op = rng_below(r, 10); /* 0-5 edit, 6-7 add, 8-9 remove */
	ot_node *last = section->nchildren ? section->children[section->nchildren - 1] : NULL;

	if (op >= 6 && op <= 7 && last && last->kind == OT_NODE_CLAUSE && last->num && strlen(last->num) == 3 &&
	    last->num[1] >= 'a' && last->num[1] < 'h') {
		ot_buf text = OT_BUF_INIT, id = OT_BUF_INIT;
		char num[4] = {'(', (char)(last->num[1] + 1), ')', 0};
		ot_buf_printf(&id, "%s%s", section->num, num);
		clause_text(&text, r);
		ot_node_append(section, ot_node_new(OT_NODE_CLAUSE, id.ptr, num, NULL, text.ptr));
		ot_buf_release(&text);
		ot_buf_release(&id);
		return "add";
	}
	if (op >= 8 && section->nchildren >= 2 && last->kind == OT_NODE_CLAUSE) {
		section->nchildren--;
		last->parent = NULL;
		ot_node_free(last);
		return "remove";
	}
	/* edit the words of one clause of the first two levels */
	for (i = 0; i < section->nchildren && nclauses < 64; i++) {
		ot_node *c = section->children[i];
		if (c->kind == OT_NODE_CLAUSE && c->text)
			clauses[nclauses++] = c;
		for (j = 0; j < c->nchildren && nclauses < 64; j++)
			if (c->children[j]->kind == OT_NODE_CLAUSE && c->children[j]->text)
				clauses[nclauses++] = c->children[j];
	}
	if (!nclauses) {
		/* a section left without clauses (not made here, but be safe):
		 * give it one */
		ot_buf text = OT_BUF_INIT, id = OT_BUF_INIT;
		ot_buf_printf(&id, "%s(a)", section->num);
		clause_text(&text, r);
		ot_node_append(section, ot_node_new(OT_NODE_CLAUSE, id.ptr, "(a)", NULL, text.ptr));
		ot_buf_release(&text);
		ot_buf_release(&id);
		return "add";
	}
	{
		ot_node *c = clauses[rng_below(r, (unsigned)nclauses)];
		char *text = edit_words(c->text, r);
		free(c->text);
		c->text = text;
	}
	return "edit";
}

/* ---- the plan ----------------------------------------------------------- */

enum { FATE_PASS, FATE_FAIL, FATE_PENDING };
enum { EV_PROPOSE, EV_ACTION, EV_VOTE, EV_PASS, EV_CLOSE };

typedef struct plan {
	char id[32];
	int fate;
	int chapter;
	int intro;        /* day */
	int nactions;
	int action_day[3];
	int vote_day;     /* -1: no vote */
	int close_day;    /* pass or close; -1: stays pending */
	int effective;    /* days after passage, 0: none */
	int state;        /* FATE_* as it turned out */
	int conflict;     /* passage refused, closed as failed */
} plan;

typedef struct event {
	int day, rec, step, kind;
} event;

static int event_cmp(const void *a, const void *b)
{
	const event *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->rec != y->rec)
		return x->rec < y->rec ? -1 : 1;
	return (x->step > y->step) - (x->step < y->step);
}

static void make_plan(plan *p, int i, int n, uint64_t seed, int *year_count)
{
	rng r;
	unsigned f;
	int d, k;
	char date[11];
	rng_seed(&r, seed, 1, (uint64_t)i);
	p->intro = (int)((long)i * SPAN_DAYS / n) + rng_range(&r, 0, 2);
	day_str(date, p->intro);
	{
		int year = atoi(date);
		snprintf(p->id, sizeof(p->id), "O%d-%d", year, ++year_count[year - 2022]);
	}
	f = rng_below(&r, 100);
	p->fate = i == n - 1 ? FATE_PENDING : f < 70 ? FATE_PASS : f < 85 ? FATE_FAIL : FATE_PENDING;
	p->chapter = (int)rng_below(&r, NCHAPTERS);
	p->nactions = rng_range(&r, 1, 3);
	if (p->fate == FATE_PASS && p->nactions < 2)
		p->nactions = 2; /* a passed record came out of committee */
	d = p->intro;
	for (k = 0; k < p->nactions; k++) {
		d += rng_range(&r, 3, 25);
		p->action_day[k] = d;
	}
	p->vote_day = -1;
	p->close_day = -1;
	p->effective = 0;
	if (p->fate == FATE_PASS) {
		p->vote_day = d + rng_range(&r, 1, 14);
		p->close_day = p->vote_day + (rng_below(&r, 4) == 0 ? 1 : 0);
		if (rng_below(&r, 10) == 0)
			p->effective = rng_range(&r, 10, 60);
	} else if (p->fate == FATE_FAIL) {
		if (rng_below(&r, 3) != 0) /* two in three fail on the floor */
			p->vote_day = d + rng_range(&r, 1, 14);
		p->close_day = (p->vote_day >= 0 ? p->vote_day : d) + (p->vote_day >= 0 ? 0 : rng_range(&r, 1, 10));
	}
}

/* ---- executing events --------------------------------------------------- */

static int fail(const char *what, const char *id)
{
	fprintf(stderr, "gen_records: %s %s: %s\n", what, id, ot_error_last());
	return 1;
}

static const char *const committees[] = {
	"Committee on License and Consumer Protection", "Committee on Finance", "Committee on Zoning, Landmarks and Building Standards",
	"Committee on Pedestrian and Traffic Safety", "Committee on Health and Human Relations",
	"Committee on Economic, Capital and Technology Development"};

static int do_propose(ot_tracker *t, const plan *p, const council *cn, uint64_t seed, int i, size_t *nchanges)
{
	char chapter[16], date[11];
	const char *sponsors[3];
	ot_buf title = OT_BUF_INIT;
	ot_doc *doc = NULL;
	ot_rev rev;
	ot_propose pr;
	const char *ords[1];
	const ot_doc *docs[1];
	char out[41];
	rng r;
	int nsec, k, err, rc = 1;
	int picked[3];

	memset(&rev, 0, sizeof(rev));
	rng_seed(&r, seed, 2, (uint64_t)i);
	snprintf(chapter, sizeof(chapter), "4-%d", (p->chapter + 1) * 4);
	day_str(date, p->intro);
	if ((err = ot_rev_resolve(&rev, t, chapter)) < 0 ||
	    (err = ot_store_load(&doc, t, rev.commit, chapter)) < 0) {
		rc = fail("cannot load the code for", p->id);
		goto done;
	}
	nsec = rng_range(&r, 1, 3);
	for (k = 0; k < nsec; k++) {
		int s, again;
		do {
			int j;
			s = (int)rng_below(&r, (unsigned)doc->nsections);
			again = 0;
			for (j = 0; j < k; j++)
				again |= picked[j] == s;
		} while (again);
		picked[k] = s;
		edit_section(doc->sections[s], &r);
		(*nchanges)++;
	}
	ot_buf_printf(&title, "Amendment of Chapter %s of the Municipal Code (%s) concerning %s", chapter,
		      chapter_titles[p->chapter], headings[picked[0]]);
	/* drop the heading's full stop from the title */
	if (title.len && title.ptr[title.len - 1] == '.')
		ot_buf_truncate(&title, title.len - 1);
	{
		int ns = rng_range(&r, 1, 3), a = (int)rng_below(&r, NMEMBERS), b;
		sponsors[0] = cn->names[a];
		for (b = 1; b < ns; b++)
			sponsors[b] = cn->names[(a + b * 7 + (int)rng_below(&r, 6)) % NMEMBERS]; /* distinct */
		memset(&pr, 0, sizeof(pr));
		pr.id = p->id;
		pr.type = OT_RECORD_ORDINANCE;
		pr.title = title.ptr;
		pr.date = date;
		pr.sponsors = sponsors;
		pr.nsponsors = (size_t)ns;
		ords[0] = chapter;
		docs[0] = doc;
		pr.ordinances = ords;
		pr.docs = docs;
		pr.ndocs = 1;
		if ((err = ot_record_propose(out, t, &pr)) < 0) {
			rc = fail("cannot propose", p->id);
			goto done;
		}
	}
	rc = 0;
done:
	ot_rev_release(&rev);
	ot_doc_free(doc);
	ot_buf_release(&title);
	return rc;
}

static int do_action(ot_tracker *t, const plan *p, int k, int i, uint64_t seed)
{
	static const ot_action_type kinds3[3] = {OT_ACTION_REFERRAL_COMMITTEE, OT_ACTION_DEFERRAL,
						 OT_ACTION_COMMITTEE_PASSAGE};
	static const ot_action_type kinds2[2] = {OT_ACTION_REFERRAL_COMMITTEE, OT_ACTION_COMMITTEE_PASSAGE};
	char date[11], out[41];
	ot_action a;
	rng r;
	rng_seed(&r, seed, 3, (uint64_t)i);
	day_str(date, p->action_day[k]);
	memset(&a, 0, sizeof(a));
	a.date = date;
	a.type = p->nactions == 3 ? kinds3[k] : kinds2[k];
	a.body = (char *)PICK(&r, committees);
	if (ot_record_action(out, t, p->id, &a) < 0)
		return fail("cannot record an action on", p->id);
	return 0;
}

/* The roll call of record i: `pass` decides which side wins. */
static int do_vote(ot_tracker *t, const plan *p, const council *cn, int i, uint64_t seed, int pass)
{
	char date[11], out[41], motion[96];
	int option[NMEMBERS], order[NMEMBERS];
	double score[NMEMBERS];
	int present = 0, nyes, nno, k, j, rc;
	ot_vote v;
	rng r;

	rng_seed(&r, seed, 4, (uint64_t)i);
	day_str(date, p->vote_day);
	for (k = 0; k < NMEMBERS; k++)
		option[k] = OT_VOTE_YES;
	/* absences: mostly none or one */
	{
		int nabs = (int)rng_below(&r, 10);
		nabs = nabs < 4 ? 0 : nabs < 7 ? 1 : nabs < 9 ? 2 : 3;
		for (k = 0; k < nabs; k++)
			option[rng_below(&r, NMEMBERS)] = OT_VOTE_ABSENT;
		if (rng_below(&r, 8) == 0)
			option[rng_below(&r, NMEMBERS)] = rng_below(&r, 2) ? OT_VOTE_ABSTAIN : OT_VOTE_NOT_VOTING;
	}
	/* who is left to vote yes or no, ordered by how much they oppose */
	{
		double dir = rng_unit(&r) * 2 - 1;
		for (k = 0; k < NMEMBERS; k++) {
			if (option[k] != OT_VOTE_YES)
				continue;
			score[k] = cn->lean[k] * dir + (rng_unit(&r) + rng_unit(&r) - 1) * 0.6;
			order[present++] = k;
		}
		for (k = 1; k < present; k++) /* insertion sort, most opposed first */
			for (j = k; j > 0 && score[order[j]] > score[order[j - 1]]; j--) {
				int tmp = order[j];
				order[j] = order[j - 1];
				order[j - 1] = tmp;
			}
	}
	if (pass) {
		unsigned shape = rng_below(&r, 20);
		nno = shape < 11 ? rng_range(&r, 0, 3) : shape < 18 ? rng_range(&r, 4, 12) : rng_range(&r, 13, 24);
		if (present - nno < MAJORITY)
			nno = present - MAJORITY;
		if (nno < 0)
			nno = 0;
	} else {
		nyes = rng_range(&r, 6, MAJORITY - 1);
		if (nyes > present)
			nyes = present;
		nno = present - nyes;
	}
	for (k = 0; k < nno; k++)
		option[order[k]] = OT_VOTE_NO;
	nyes = present - nno;

	memset(&v, 0, sizeof(v));
	snprintf(motion, sizeof(motion), "passage of %s", p->id);
	v.date = date;
	v.motion = motion;
	v.result = nyes >= MAJORITY ? OT_RESULT_PASS : OT_RESULT_FAIL;
	v.threshold = OT_THRESHOLD_MAJORITY_OF_MEMBERS;
	v.roll = xcalloc(NMEMBERS, sizeof(*v.roll));
	v.cap = NMEMBERS;
	for (k = 0; k < NMEMBERS; k++) {
		v.roll[k].name = xstrdup(cn->names[k]);
		v.roll[k].option = (ot_vote_option)option[k];
	}
	v.nroll = NMEMBERS;
	rc = ot_record_vote(out, t, p->id, &v, 0) < 0 ? fail("cannot record the vote on", p->id) : 0;
	for (k = 0; k < NMEMBERS; k++)
		free(v.roll[k].name);
	free(v.roll);
	free(v.forced);
	if (!rc && (v.result == OT_RESULT_PASS) != pass) {
		fprintf(stderr, "gen_records: internal: the vote on %s came out %s\n", p->id,
			ot_vote_result_names[v.result]);
		rc = 1;
	}
	return rc;
}

typedef struct counts {
	size_t passed, failed, conflicts, pending, actions, votes, changes, warnings, repacks;
} counts;

static int run_event(ot_tracker *t, plan *p, const event *e, const council *cn, uint64_t seed, counts *c)
{
	char date[11], eff[11], out[41];
	switch (e->kind) {
	case EV_PROPOSE:
		return do_propose(t, p, cn, seed, e->rec, &c->changes);
	case EV_ACTION:
		c->actions++;
		return do_action(t, p, e->step - 1, e->rec, seed);
	case EV_VOTE:
		c->votes++;
		return do_vote(t, p, cn, e->rec, seed, p->fate == FATE_PASS);
	case EV_PASS: {
		ot_pass_conflicts conf;
		int err;
		day_str(date, p->close_day);
		if (p->effective)
			day_str(eff, p->close_day + p->effective);
		err = ot_record_pass(out, &conf, t, p->id, date, p->effective ? eff : NULL);
		ot_pass_conflicts_release(&conf);
		if (err == OT_ECONFLICT) {
			ot_error_clear();
			if (ot_record_close(out, t, p->id, OT_STATUS_FAILED, date) < 0)
				return fail("cannot close (after a conflict)", p->id);
			p->state = FATE_FAIL;
			p->conflict = 1;
			c->conflicts++;
			c->failed++;
			return 0;
		}
		if (err < 0)
			return fail("cannot pass", p->id);
		p->state = FATE_PASS;
		c->passed++;
		return 0;
	}
	case EV_CLOSE:
		day_str(date, p->close_day);
		if (ot_record_close(out, t, p->id, OT_STATUS_FAILED, date) < 0)
			return fail("cannot close", p->id);
		p->state = FATE_FAIL;
		c->failed++;
		return 0;
	}
	return 0;
}

/* ---- packs -------------------------------------------------------------- */

/* Run `git --git-dir=DIR <a> <b> <c> <d>` (NULLs end the list); 0 when it
 * exits 0. */
static int run_git(const char *dir, const char *a, const char *b, const char *c, const char *d)
{
	pid_t pid;
	int status;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		char gitdir[4096];
		snprintf(gitdir, sizeof(gitdir), "--git-dir=%s", dir);
		execlp("git", "git", gitdir, a, b, c, d, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "gen_records: 'git %s' in %s failed; --repack 0 leaves the tracker alone\n", a, dir);
		return -1;
	}
	return 0;
}

/*
 * Two costs of the library's writes grow with the tracker (measured,
 * libgit2 1.5.1): each write flushes its objects as one new pack, and
 * libgit2 re-lists the pack folder comparing each name against every
 * loaded pack (quadratic in their number: past 4,000 writes each event
 * took over half a second); and each write's index catch-up reads every
 * loose ref, one file per record (1,000 opens per write at the end).  So
 * every --repack events the tracker is closed, `git repack -a -d -q` folds
 * the packs into one, `git pack-refs --all` the refs into packed-refs, and
 * the tracker is opened again.  Neither changes an object, a ref's value
 * or an index row: the same content, stored as `git gc` would.  Returns
 * 0, or 1 with a message.
 */
static int repack(ot_tracker **t, const char *dir)
{
	ot_tracker_free(*t);
	*t = NULL;
	if (run_git(dir, "repack", "-a", "-d", "-q") < 0 || run_git(dir, "pack-refs", "--all", NULL, NULL) < 0)
		return 1;
	if (ot_tracker_open(t, dir) < 0) {
		fprintf(stderr, "gen_records: %s\n", ot_error_last());
		return 1;
	}
	return 0;
}

/* The number of pack files of the tracker at dir. */
static size_t count_packs(const char *dir)
{
	char path[4200];
	struct dirent *de;
	size_t n = 0, len;
	DIR *d;
	snprintf(path, sizeof(path), "%s/objects/pack", dir);
	if (!(d = opendir(path)))
		return 0;
	while ((de = readdir(d)) != NULL)
		if ((len = strlen(de->d_name)) > 5 && strcmp(de->d_name + len - 5, ".pack") == 0)
			n++;
	closedir(d);
	return n;
}

/* ---- main --------------------------------------------------------------- */

static int setup(ot_tracker *t, council *cn, uint64_t seed)
{
	rng r;
	int k;
	char out[41];
	rng_seed(&r, seed, 5, 0);
	for (k = 0; k < NMEMBERS; k++) {
		ot_buf name = OT_BUF_INIT;
		ot_member m;
		ot_buf_printf(&name, "%s %s", PICK(&r, first_names), last_names[k]);
		cn->names[k] = ot_buf_detach(&name);
		/* blocs: a third lean one way, a third the other, the rest between */
		cn->lean[k] = (k % 3 == 0 ? 0.8 : k % 3 == 1 ? -0.6 : 0.0) + (rng_unit(&r) - 0.5) * 0.4;
		memset(&m, 0, sizeof(m));
		m.name = cn->names[k];
		m.ward = k + 1;
		if (ot_member_add(out, t, &m) < 0)
			return fail("cannot add member", cn->names[k]);
	}
	for (k = 0; k < NCHAPTERS; k++) {
		ot_buf text = OT_BUF_INIT;
		char chapter[16];
		ot_doc *doc = NULL;
		ot_add_opts opts;
		int err;
		snprintf(chapter, sizeof(chapter), "4-%d", (k + 1) * 4);
		chapter_text(&text, chapter, seed, k);
		err = ot_doc_parse_text(&doc, text.ptr, text.len, chapter);
		ot_buf_release(&text);
		if (err < 0)
			return fail("cannot parse the generated chapter", chapter);
		memset(&opts, 0, sizeof(opts));
		opts.ordinance = chapter;
		opts.title = chapter_titles[k];
		opts.date = "2021-12-01";
		opts.stage = OT_STAGE_ENACTED;
		opts.message = "codification of the municipal code";
		err = ot_store_add(out, t, &opts, doc);
		ot_doc_free(doc);
		if (err < 0)
			return fail("cannot add ordinance", chapter);
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *dir = NULL;
	long nrec = 1000;
	unsigned long long seed = 1;
	long repack_every = 0;
	ot_tracker *t = NULL;
	council cn;
	plan *plans = NULL;
	event *evs = NULL;
	size_t nev = 0, e;
	int year_count[16] = {0};
	counts c;
	double t0, t1, t2;
	int i, k, rc = 1, last_pending = -1;

	memset(&cn, 0, sizeof(cn));
	memset(&c, 0, sizeof(c));
	for (i = 1; i < argc; i++) {
		char *end;
		if (strcmp(argv[i], "--records") == 0 && i + 1 < argc) {
			nrec = strtol(argv[++i], &end, 10);
			if (*end || nrec < 1 || nrec > 100000) {
				fprintf(stderr, "gen_records: --records takes a number from 1 to 100000\n");
				return 2;
			}
		} else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
			seed = strtoull(argv[++i], &end, 10);
			if (*end || !*argv[i]) {
				fprintf(stderr, "gen_records: --seed takes a number\n");
				return 2;
			}
		} else if (strcmp(argv[i], "--repack") == 0 && i + 1 < argc) {
			repack_every = strtol(argv[++i], &end, 10);
			if (*end || !*argv[i] || repack_every < 0) {
				fprintf(stderr, "gen_records: --repack takes a number of events (0: never)\n");
				return 2;
			}
		} else if (argv[i][0] != '-' && !dir) {
			dir = argv[i];
		} else {
			dir = NULL;
			break;
		}
	}
	if (!dir) {
		fputs("usage: gen_records DIR [--records N] [--seed S] [--repack EVENTS]\n", stderr);
		return 2;
	}
	t0 = now_seconds();
	if (ot_tracker_init(dir) < 0 || ot_tracker_open(&t, dir) < 0) {
		fprintf(stderr, "gen_records: %s\n", ot_error_last());
		return 1;
	}
	if (setup(t, &cn, seed) != 0)
		goto done;
	t1 = now_seconds();

	plans = xcalloc((size_t)nrec, sizeof(*plans));
	evs = xcalloc((size_t)nrec * 7, sizeof(*evs));
	for (i = 0; i < nrec; i++) {
		plan *p = &plans[i];
		make_plan(p, i, (int)nrec, seed, year_count);
		p->state = FATE_PENDING;
		evs[nev++] = (event){p->intro, i, 0, EV_PROPOSE};
		for (k = 0; k < p->nactions; k++)
			evs[nev++] = (event){p->action_day[k], i, 1 + k, EV_ACTION};
		if (p->vote_day >= 0)
			evs[nev++] = (event){p->vote_day, i, 4, EV_VOTE};
		if (p->close_day >= 0)
			evs[nev++] = (event){p->close_day, i, 5, p->fate == FATE_PASS ? EV_PASS : EV_CLOSE};
	}
	qsort(evs, nev, sizeof(*evs), event_cmp);
	for (e = 0; e < nev; e++) {
		if (run_event(t, &plans[evs[e].rec], &evs[e], &cn, seed, &c) != 0)
			goto done;
		if (*ot_warning_last()) {
			c.warnings++;
			ot_warning_clear();
		}
		if (repack_every && (e + 1) % (size_t)repack_every == 0) {
			if (repack(&t, dir) != 0)
				goto done;
			c.repacks++;
		}
	}
	if (repack_every) {
		if (repack(&t, dir) != 0)
			goto done;
		c.repacks++;
	}
	for (i = 0; i < nrec; i++)
		if (plans[i].state == FATE_PENDING) {
			c.pending++;
			last_pending = i;
		}
	t2 = now_seconds();
	printf("members: %d (wards 1-%d)\n", NMEMBERS, NMEMBERS);
	printf("ordinances: %d of %d sections each\n", NCHAPTERS, NSECTIONS);
	printf("records: %ld: %zu passed, %zu failed (%zu of them on a conflict at passage), %zu pending\n", nrec,
	       c.passed, c.failed, c.conflicts, c.pending);
	printf("events: %zu section changes proposed, %zu actions, %zu roll calls\n", c.changes, c.actions, c.votes);
	if (c.warnings)
		printf("warnings: %zu writes left the index behind\n", c.warnings);
	printf("time: %.1f s (setup %.1f s, records %.1f s, %.1f ms per event)\n", t2 - t0, t1 - t0, t2 - t1,
	       nev ? (t2 - t1) * 1000 / (double)nev : 0.0);
	printf("packs: %zu (git repack run %zu times)\n", count_packs(dir), c.repacks);
	printf("pending: %s\n", plans[last_pending].id);
	rc = 0;
done:
	for (k = 0; k < NMEMBERS; k++)
		free(cn.names[k]);
	free(plans);
	free(evs);
	ot_tracker_free(t);
	return rc;
}
