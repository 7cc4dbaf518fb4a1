/*
 * bench/gen_code.c - a deterministic synthetic municipal code, and its next
 * version with known changes, for benchmarks and end-to-end checks.
 *
 *   gen_code OUTDIR [--sections N] [--seed S] [--split]
 *
 * Writes OUTDIR/old.txt (N sections of about 1 KB each, plain text in the
 * format the parser reads), OUTDIR/new.txt (the same code with planted
 * changes), OUTDIR/truth.txt (the planted changes, one per line, sorted
 * bytewise) and, with --split, OUTDIR/old/ and OUTDIR/new/ holding one file
 * per section named by its number.
 *
 * Planted changes, each on a distinct original section: N/100 modified
 * (one clause edited: a few words replaced, inserted or deleted),
 * N/500 removed, N/1000 renumbered (identical text under number + 3, e.g.
 * 4-60-020 -> 4-60-023); and N/500 added (fresh text, number - 5, e.g.
 * 4-60-015, inserted before an original section).  Original numbers are
 * multiples of ten, so the three kinds of number never collide.  Every
 * other section is byte-identical in the two files.
 *
 * Determinism: the program uses its own generators (splitmix64 to derive
 * seeds, xorshift64* for streams), never rand().  Each section is drawn
 * from a stream seeded by (seed, kind, index), so its text does not depend
 * on the other sections, and the plan (which sections change) comes from a
 * separate stream.  Same arguments, same bytes, on every platform.
 *
 * Text shape, chosen so the parser's marker rules leave no doubt: nesting
 * (a) > (1) > (A) > (i); at most seven subsections ((a)..(g), so a letter
 * (i) never occurs), four upper letters and four roman items; a wrapped
 * continuation line never begins with "(", a digit, "§" or a word starting
 * with "sec"/"chapter", so it cannot be read as a marker or a section line.
 *
 * Sections are never tiny (a subsection has at least 20 words, a lone one
 * 50) and boilerplate phrases are varied, so two unrelated sections stay
 * well under the diff's 0.5 similarity threshold (measured: max ~0.46
 * over 30,000 random pairs) and an added/removed pair is not mistaken for
 * a renumbering.  Checked end to end: the project's parser and diff
 * reproduce truth.txt exactly for seeds 1-12.
 *
 * Data: one section at a time lives in a reusable `section` (an array of
 * items whose strings are offsets into one arena buffer), so memory stays
 * flat whatever N is.  Only the truth lines are kept for the whole run.
 *
 * This is a standalone tool that uses only libc (the Makefile links it with
 * the library, which it does not need).  Out-of-memory prints one line and
 * exits, like ot_malloc; every other failure is a message on stderr and a
 * non-zero exit status: 2 for bad usage, 1 for I/O errors.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define WRAP_COLUMNS 90
#define SECTIONS_PER_CHAPTER 20
#define CHAPTERS_PER_TITLE 40
#define MAX_SECTIONS 5000000u

#define LQ "\xe2\x80\x9c"    /* left double quotation mark */
#define RQ "\xe2\x80\x9d"    /* right double quotation mark */
#define MDASH "\xe2\x80\x94" /* em dash */

/* ---------------------------------------------------------------- memory */

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		fputs("gen_code: out of memory\n", stderr);
		exit(1);
	}
	return q;
}

/* A growable byte buffer, always NUL-terminated once anything is added. */
typedef struct {
	char *p;
	size_t len, cap;
} sbuf;

static void sb_grow(sbuf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
}

static void sb_putn(sbuf *b, const char *s, size_t n)
{
	sb_grow(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void sb_puts(sbuf *b, const char *s)
{
	sb_putn(b, s, strlen(s));
}

static void sb_putc(sbuf *b, char c)
{
	sb_putn(b, &c, 1);
}

static void sb_fill(sbuf *b, char c, size_t n)
{
	sb_grow(b, n);
	memset(b->p + b->len, c, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void sb_clear(sbuf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

/* Append a word, separated from what is there by one space. */
static void sb_word(sbuf *b, const char *w)
{
	if (b->len && b->p[b->len - 1] != ' ')
		sb_putc(b, ' ');
	sb_puts(b, w);
}

/* ---------------------------------------------------------------- random */

typedef struct {
	uint64_t s;
} rng;

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* Seed an independent stream for (seed, stream kind, index). */
static void rng_seed(rng *r, uint64_t seed, uint64_t stream, uint64_t index)
{
	uint64_t x = seed;
	uint64_t a = splitmix64(&x) ^ (stream * 0xD1B54A32D192ED03ull);
	x = a;
	uint64_t b = splitmix64(&x) ^ (index * 0xAEF17502108EF2D9ull);
	x = b;
	r->s = splitmix64(&x);
	if (!r->s)
		r->s = 0x2545F4914F6CDD1Dull;
}

/* xorshift64* */
static uint64_t rng_next(rng *r)
{
	uint64_t x = r->s;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	r->s = x;
	return x * 0x2545F4914F6CDD1Dull;
}

/* Uniform in [0, n), n > 0 (multiply-shift; the bias is negligible). */
static size_t rng_below(rng *r, size_t n)
{
	return (size_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

static size_t rng_range(rng *r, size_t lo, size_t hi)
{
	return lo + rng_below(r, hi - lo + 1);
}

static int rng_chance(rng *r, unsigned percent)
{
	return rng_below(r, 100) < percent;
}

#define PICK(r, arr) ((arr)[rng_below((r), sizeof(arr) / sizeof((arr)[0]))])

/* ------------------------------------------------------------ vocabulary */

/* clang-format off */
static const char *const NOUNS[] = {
	"licensee", "applicant", "permittee", "owner", "operator", "tenant",
	"landlord", "lessee", "occupant", "resident", "person", "vendor",
	"contractor", "employee", "agent", "corporation", "partnership",
	"association", "business", "establishment", "premises", "building",
	"structure", "dwelling unit", "facility", "vehicle", "license",
	"permit", "application", "fee", "fine", "penalty", "violation",
	"hearing", "notice", "record", "report", "certificate",
	"registration", "inspection", "sidewalk", "public way", "alley",
	"parcel", "lot", "sign", "awning", "canopy", "equipment", "ordinance",
	"chapter", "provision", "requirement", "standard", "rule",
	"regulation", "schedule", "district", "ward", "zone", "area", "term",
	"period", "amount", "sum", "bond", "insurance policy", "claim",
	"invoice", "payment", "account", "fund", "revenue", "tax",
	"assessment", "plan", "map", "drawing", "specification", "material",
	"waste", "refuse", "container", "receptacle", "animal", "food",
	"beverage", "liquor", "tobacco product", "merchandise", "goods",
	"service", "work", "project", "repair", "alteration", "demolition",
	"excavation", "utility", "water main", "sewer", "drain", "curb",
	"parkway", "tree", "fence", "garage", "lighting", "noise", "nuisance",
	"hazard", "condition", "order", "decision", "determination", "appeal",
	"petition", "complaint", "officer", "designee", "authority", "court",
	"hearing officer", "affidavit", "statement", "disclosure", "deposit",
	"refund", "surcharge", "meter", "loading zone", "driveway",
	"occupancy", "capacity", "entrance", "exit", "stairway", "window",
	"roof", "basement", "yard", "storage area", "kitchen", "restroom",
	"pushcart", "mobile food vehicle", "taxicab", "medallion", "route"
};

static const char *const OFFICIALS[] = {
	"commissioner", "department", "director", "board", "building commissioner",
	"commissioner of health", "department of finance", "comptroller",
	"city clerk", "zoning administrator", "fire commissioner",
	"department of transportation", "license appeal commission",
	"department of administrative hearings", "corporation counsel",
	"superintendent of police", "executive director", "city council"
};

static const char *const ADJS[] = {
	"public", "private", "residential", "commercial", "industrial",
	"temporary", "permanent", "annual", "additional", "applicable",
	"written", "reasonable", "valid", "current", "prior", "subsequent",
	"separate", "original", "approved", "authorized", "licensed",
	"registered", "municipal", "adjacent", "abandoned", "vacant",
	"hazardous", "emergency", "special", "general", "minimum", "maximum",
	"total", "daily", "monthly", "certified", "qualified", "responsible",
	"affected", "designated", "appropriate", "necessary", "sufficient",
	"outstanding", "unpaid", "existing", "proposed", "separate",
	"sanitary", "structural", "electrical", "accessible", "overnight"
};

static const char *const VERBS[] = {
	"issue", "revoke", "suspend", "deny", "renew", "approve", "inspect",
	"maintain", "submit", "file", "post", "display", "collect", "enforce",
	"register", "notify", "pay", "remit", "obtain", "provide", "keep",
	"retain", "remove", "repair", "install", "operate", "erect",
	"construct", "store", "sell", "transfer", "assign", "certify",
	"review", "determine", "investigate", "impose", "waive", "reduce",
	"adopt", "publish", "record", "deposit", "refund", "charge",
	"regulate", "designate", "establish", "prepare", "furnish", "deliver",
	"serve", "conduct", "schedule", "verify", "examine", "secure",
	"clean", "replace", "restore", "illuminate", "park", "place"
};

static const char *const MODALS[] = {
	"shall", "shall", "shall", "may", "shall not", "must", "may not"
};

static const char *const DETS[] = {
	"the", "the", "the", "each", "any", "every", "such", "a"
};

static const char *const PREPS[] = {
	"for", "of", "on", "within", "upon", "under", "at", "by", "from",
	"with respect to", "in connection with", "on behalf of", "adjacent to",
	"located on", "issued for", "required for"
};

static const char *const TAILS[] = {
	"in accordance with rules promulgated by the commissioner",
	"unless otherwise provided in this chapter",
	"except as provided in subsection (b) of this section",
	"within 30 days after the date of the notice",
	"within ten business days after receipt of the application",
	"at the expense of the owner",
	"as required by this chapter",
	"to the satisfaction of the commissioner",
	"in the manner prescribed by the department",
	"during the term of the license",
	"before the expiration of the permit",
	"at all times while the premises are open to the public",
	"on a form provided by the city clerk",
	"subject to the approval of the city council",
	"in addition to any other penalty provided by law",
	"notwithstanding any other provision of this code",
	"to the extent permitted by applicable law",
	"for each day that the violation continues"
};

static const char *const FINE_VERBS[] = {
	"shall be fined not less than",
	"in violation of this section shall be subject to a fine of not less than",
	"found in violation shall pay a penalty of not less than",
	"that fails to comply shall be liable for a civil penalty of not less than"
};

static const char *const FINE_UNITS[] = {
	"for each offense", "for each day the violation continues",
	"for the first offense", "per vehicle"
};

static const char *const HEADINGS[] = {
	"Definitions", "License required", "Permit required", "Application",
	"Application contents", "License fee", "Permit fees", "Issuance",
	"Term of license", "Renewal", "Revocation and suspension",
	"Denial of license", "Inspections", "Records to be kept",
	"Reports", "Insurance", "Bond required", "Hours of operation",
	"Signs", "Notice", "Hearings", "Appeals", "Exemptions",
	"Registration", "Display of license", "Transfer of license",
	"Rules and regulations", "Violation", "Penalty", "Enforcement",
	"Duties of licensee", "Prohibited acts", "Sanitation", "Storage",
	"Refuse containers", "Use of the public way", "Sidewalk cafes",
	"Vehicle requirements", "Zoning compliance", "Investigation",
	"Change of location", "Change of ownership", "Posting of rates",
	"Occupancy limits", "Maintenance of premises", "Lighting",
	"Noise restrictions", "Emergency closure", "Administrative hearings",
	"Fines", "Late fees", "Refunds", "Waiver", "Reporting of incidents",
	"Training requirements", "Equipment standards", "Certificates",
	"Compliance with other laws", "Severability", "Effective date"
};

static const char *const QUALIFIERS[] = {
	"generally", "exceptions", "procedure", "additional requirements",
	"fees", "penalties", "residential premises", "temporary permits"
};

static const char *const DEFINED[] = {
	"Applicant", "Commissioner", "Department", "Licensee", "Operator",
	"Owner", "Permittee", "Premises", "Public way", "Vehicle",
	"Establishment", "Person", "Business day", "Sidewalk cafe"
};

static const char *const LEADINS[] = {
	"as follows:", "if any of the following applies:",
	"in the following cases:", "including the following:", "including:",
	"subject to the following conditions:"
};

static const char *const TEXT_OPENERS[] = {
	"The provisions of this section", "The requirements of this chapter",
	"Nothing in this section", "This section"
};

static const char *const TEXT_VERBS[] = {
	"shall not apply to", "shall be construed to limit",
	"shall be enforced together with", "shall be in addition to"
};
/* clang-format on */

/* ------------------------------------------------------------- sentences */

/* Append a noun phrase: determiner, an optional adjective, a noun.  The
 * article "a" becomes "an" before a vowel, for readability only. */
static void noun_phrase(sbuf *t, rng *r, int with_det)
{
	const char *det = with_det ? PICK(r, DETS) : NULL;
	const char *adj = rng_chance(r, 45) ? PICK(r, ADJS) : NULL;
	const char *noun = PICK(r, NOUNS);
	if (det) {
		const char *next = adj ? adj : noun;
		if (!strcmp(det, "a") && strchr("aeiou", next[0]))
			det = "an";
		sb_word(t, det);
	}
	if (adj)
		sb_word(t, adj);
	sb_word(t, noun);
}

static void prep_phrases(sbuf *t, rng *r, size_t max)
{
	size_t n = rng_range(r, 0, max), i;
	for (i = 0; i < n; i++) {
		sb_word(t, PICK(r, PREPS));
		sb_word(t, "the");
		if (rng_chance(r, 35))
			sb_word(t, PICK(r, ADJS));
		sb_word(t, PICK(r, NOUNS));
	}
}

static void section_ref(sbuf *t, rng *r)
{
	char num[48];
	snprintf(num, sizeof num, "%u-%u-%03u", (unsigned)rng_range(r, 1, 18),
		 (unsigned)(4 * rng_range(r, 1, 40)), (unsigned)(10 * rng_range(r, 1, 20)));
	sb_word(t, "section");
	sb_word(t, num);
	sb_word(t, "of this code");
}

/* One main clause without final punctuation. */
static void main_clause(sbuf *t, rng *r)
{
	switch (rng_below(r, 16)) {
	case 0:
		sb_word(t, "no");
		sb_word(t, PICK(r, NOUNS));
		sb_word(t, "shall");
		sb_word(t, PICK(r, VERBS));
		sb_word(t, "any");
		sb_word(t, PICK(r, NOUNS));
		prep_phrases(t, r, 2);
		sb_word(t, "without a valid");
		sb_word(t, PICK(r, NOUNS));
		sb_word(t, "issued by the");
		sb_word(t, PICK(r, OFFICIALS));
		break;
	case 1:
		sb_word(t, "upon receipt of");
		noun_phrase(t, r, 1);
		sb_putc(t, ',');
		sb_word(t, "the");
		sb_word(t, PICK(r, OFFICIALS));
		sb_word(t, PICK(r, MODALS));
		sb_word(t, PICK(r, VERBS));
		noun_phrase(t, r, 1);
		prep_phrases(t, r, 2);
		break;
	case 2:
		sb_word(t, "it shall be unlawful for any person to");
		sb_word(t, PICK(r, VERBS));
		noun_phrase(t, r, 1);
		prep_phrases(t, r, 3);
		break;
	case 3: {
		char money[64];
		unsigned lo = 25u * (unsigned)rng_range(r, 1, 20);
		snprintf(money, sizeof money, "$%u.00 nor more than $%u.00", lo,
			 lo * (unsigned)rng_range(r, 2, 10));
		noun_phrase(t, r, 1);
		sb_word(t, PICK(r, FINE_VERBS));
		sb_word(t, money);
		if (rng_chance(r, 50))
			sb_word(t, PICK(r, FINE_UNITS));
		break;
	}
	case 4:
	case 5:
	case 6:
		sb_word(t, "the");
		sb_word(t, PICK(r, OFFICIALS));
		sb_word(t, PICK(r, MODALS));
		sb_word(t, PICK(r, VERBS));
		noun_phrase(t, r, 1);
		prep_phrases(t, r, 2);
		if (rng_chance(r, 40))
			section_ref(t, r);
		break;
	default:
		noun_phrase(t, r, 1);
		prep_phrases(t, r, 1);
		sb_word(t, PICK(r, MODALS));
		sb_word(t, PICK(r, VERBS));
		noun_phrase(t, r, 1);
		prep_phrases(t, r, 3);
		break;
	}
}

static void capitalize_from(sbuf *t, size_t at)
{
	if (at < t->len && t->p[at] >= 'a' && t->p[at] <= 'z')
		t->p[at] = (char)(t->p[at] - 'a' + 'A');
}

/* One full sentence ending in ".". */
static void sentence(sbuf *t, rng *r)
{
	size_t start;
	if (t->len)
		sb_putc(t, ' ');
	start = t->len;
	if (rng_chance(r, 4)) {
		/* a definition, with curly quotes */
		sb_puts(t, LQ);
		sb_puts(t, PICK(r, DEFINED));
		sb_puts(t, RQ);
		sb_word(t, "means");
		noun_phrase(t, r, 1);
		prep_phrases(t, r, 3);
		sb_putc(t, '.');
		return;
	}
	main_clause(t, r);
	capitalize_from(t, start);
	if (rng_chance(r, 20)) {
		sb_putc(t, ',');
		sb_word(t, PICK(r, TAILS));
	}
	if (rng_chance(r, 3)) {
		sb_word(t, MDASH);
		sb_word(t, "provided, however, that");
		main_clause(t, r);
	} else if (rng_chance(r, 5)) {
		sb_putc(t, ';');
		sb_word(t, "provided, however, that");
		main_clause(t, r);
	}
	sb_putc(t, '.');
}

/* A list item: a fragment starting in lower case, without terminator. */
static void item_fragment(sbuf *t, rng *r)
{
	if (rng_chance(r, 50)) {
		sb_word(t, PICK(r, VERBS));
		noun_phrase(t, r, 1);
		prep_phrases(t, r, 2);
	} else {
		noun_phrase(t, r, 1);
		prep_phrases(t, r, 2);
		if (rng_chance(r, 40)) {
			sb_word(t, "that is");
			sb_word(t, PICK(r, ADJS));
		}
	}
	if (rng_chance(r, 15)) {
		sb_putc(t, ',');
		sb_word(t, PICK(r, TAILS));
	}
}

/* A lead-in for a clause that has children: a clause ending in ":". */
static void leadin(sbuf *t, rng *r)
{
	size_t start = t->len;
	main_clause(t, r);
	capitalize_from(t, start);
	sb_word(t, PICK(r, LEADINS));
}

/* ------------------------------------------------------------- sections */

/* Words in a text whose words are separated by single spaces. */
static size_t word_count(const char *p, size_t len)
{
	size_t n = len ? 1 : 0, i;
	for (i = 0; i < len; i++)
		n += p[i] == ' ';
	return n;
}

enum { ITEM_CLAUSE, ITEM_TEXT };

typedef struct {
	int kind;
	int depth;	 /* 0 (a), 1 (1), 2 (A), 3 (i); TEXT: 0 */
	char marker[8];	 /* "(a)"; TEXT: "" */
	size_t off, len; /* text in the section arena */
} item;

typedef struct {
	sbuf arena;	 /* every string of the section */
	size_t head_off; /* heading, NUL-terminated in the arena */
	item *items;
	size_t n, cap;
} section;

static size_t arena_add(section *s, const char *p, size_t n)
{
	size_t off = s->arena.len;
	sb_putn(&s->arena, p, n);
	sb_putc(&s->arena, '\0');
	return off;
}

static item *add_item(section *s, int kind, int depth, const char *marker, const sbuf *text)
{
	item *it;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 32;
		s->items = xrealloc(s->items, s->cap * sizeof(*s->items));
	}
	it = &s->items[s->n++];
	it->kind = kind;
	it->depth = depth;
	snprintf(it->marker, sizeof it->marker, "%s", marker);
	it->len = text->len;
	it->off = arena_add(s, text->p ? text->p : "", text->len);
	return it;
}

static const char *const ROMAN[] = {"i", "ii", "iii", "iv"};

static void marker_for(char *out, size_t size, int depth, size_t ordinal)
{
	switch (depth) {
	case 0: snprintf(out, size, "(%c)", (char)('a' + ordinal)); break;
	case 1: snprintf(out, size, "(%u)", (unsigned)(ordinal + 1)); break;
	case 2: snprintf(out, size, "(%c)", (char)('A' + ordinal)); break;
	default: snprintf(out, size, "(%s)", ROMAN[ordinal]); break;
	}
}

/* Maximum list lengths per depth: see the top comment for why. */
static const size_t LIST_MAX[] = {7, 6, 4, 4};
static const unsigned CHILD_CHANCE[] = {20, 15, 30, 0};

/*
 * Generate the text of one section into *s (reset first).  A list is built
 * with an explicit stack of (depth, ordinal, count) frames, not recursion.
 */
static void gen_section(section *s, rng *r, sbuf *tmp)
{
	struct frame {
		size_t ordinal, count;
	} stack[4];
	int depth;

	sb_clear(&s->arena);
	s->n = 0;

	sb_clear(tmp);
	if (rng_chance(r, 12)) {
		sb_puts(tmp, PICK(r, HEADINGS));
		sb_puts(tmp, rng_chance(r, 50) ? " " MDASH " " : " and ");
		sb_puts(tmp, PICK(r, QUALIFIERS));
	} else {
		sb_puts(tmp, PICK(r, HEADINGS));
	}
	sb_putc(tmp, '.');
	s->head_off = arena_add(s, tmp->p, tmp->len);

	if (rng_chance(r, 12)) {
		sb_clear(tmp);
		sentence(tmp, r);
		if (rng_chance(r, 50))
			sentence(tmp, r);
		add_item(s, ITEM_TEXT, 0, "", tmp);
	}

	depth = 0;
	stack[0].ordinal = 0;
	stack[0].count = rng_chance(r, 15) ? 1 : rng_range(r, 2, LIST_MAX[0] - 2);
	if (rng_chance(r, 5))
		stack[0].count = LIST_MAX[0];
	while (depth >= 0) {
		struct frame *f = &stack[depth];
		char marker[8];
		int has_children;
		if (f->ordinal == f->count) {
			depth--;
			continue;
		}
		marker_for(marker, sizeof marker, depth, f->ordinal);
		has_children = depth < 3 && rng_chance(r, CHILD_CHANCE[depth]);
		sb_clear(tmp);
		if (has_children) {
			leadin(tmp, r);
		} else if (depth == 0) {
			/* at least 20 words (50 in a lone subsection): short
			 * sections all look alike to a similarity measure */
			size_t k = rng_chance(r, 75) ? 1 : rng_chance(r, 85) ? 2 : 3, i;
			size_t min_words = f->count == 1 ? 50 : 20;
			for (i = 0; i < k || word_count(tmp->p, tmp->len) < min_words; i++)
				sentence(tmp, r);
		} else {
			item_fragment(tmp, r);
			if (f->ordinal + 1 == f->count)
				sb_putc(tmp, '.');
			else if (f->ordinal + 2 == f->count)
				sb_puts(tmp, rng_chance(r, 50) ? "; or" : "; and");
			else
				sb_putc(tmp, ';');
		}
		add_item(s, ITEM_CLAUSE, depth, marker, tmp);
		f->ordinal++;
		if (has_children) {
			depth++;
			stack[depth].ordinal = 0;
			stack[depth].count = rng_range(r, 2, LIST_MAX[depth]);
		}
	}

	if (rng_chance(r, 5)) {
		/* an unnumbered paragraph after the list */
		sb_clear(tmp);
		sb_word(tmp, PICK(r, TEXT_OPENERS));
		sb_word(tmp, PICK(r, TEXT_VERBS));
		noun_phrase(tmp, r, 1);
		prep_phrases(tmp, r, 2);
		sb_putc(tmp, '.');
		add_item(s, ITEM_TEXT, 0, "", tmp);
	}
}

/* Clause id of item k: the section number and the markers on its path. */
static void clause_id(sbuf *out, const section *s, size_t k, const char *num)
{
	const char *path[4] = {NULL, NULL, NULL, NULL};
	size_t i;
	int d;
	for (i = 0; i <= k; i++) {
		const item *it = &s->items[i];
		if (it->kind != ITEM_CLAUSE)
			continue;
		path[it->depth] = it->marker;
		for (d = it->depth + 1; d < 4; d++)
			path[d] = NULL;
	}
	sb_clear(out);
	sb_puts(out, num);
	for (d = 0; d <= s->items[k].depth; d++)
		sb_puts(out, path[d]);
}

/* Split text into space-separated tokens (pointers into `text`, which is
 * modified).  Returns the count; *toks is grown as needed. */
static size_t tokenize(char *text, char ***toks, size_t *cap)
{
	size_t n = 0;
	char *p = text;
	while (*p) {
		while (*p == ' ')
			*p++ = '\0';
		if (!*p)
			break;
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*toks = xrealloc(*toks, *cap * sizeof(**toks));
		}
		(*toks)[n++] = p;
		while (*p && *p != ' ')
			p++;
	}
	return n;
}

/* clang-format off */
static const char *const EDIT_WORDS[] = {
	"promptly", "reasonable", "written", "additional", "annual", "such",
	"commissioner", "department", "licensee", "applicable", "pursuant",
	"hereunder", "thereafter", "forthwith", "duly", "lawfully", "licensed",
	"certified", "municipal", "public", "permit", "application", "notice",
	"inspection", "premises", "owner", "operator", "approved"
};
/* clang-format on */

/* Is the token a plain lower-case word (no punctuation, digit or quote)? */
static int plain_word(const char *t)
{
	if (!*t)
		return 0;
	for (; *t; t++)
		if (*t < 'a' || *t > 'z')
			return 0;
	return 1;
}

/*
 * Edit one clause of the section so that its text really differs yet stays
 * recognisably the same clause (what a diff should call "modified"): in a
 * clause of eight or more words, replace or delete a run of 1-3 plain words
 * (at most a sixth of the clause, never the first or last word; a
 * replacement word always differs from the word it replaces), or insert
 * 1-3 words.  A section with no such clause gets an insertion in any
 * clause.  Returns the index of the edited item, or (size_t)-1 if the
 * section has no clause at all (the generator never makes one).
 */
static size_t edit_section(section *s, rng *r, sbuf *tmp, char ***toks, size_t *tcap)
{
	size_t cand[256], nc = 0, k, i, n, pos = 0, cnt, tries;
	const char *repl[3];
	sbuf out = {NULL, 0, 0};
	int how;
	for (i = 0; i < s->n && nc < 256; i++)
		if (s->items[i].kind == ITEM_CLAUSE &&
		    word_count(s->arena.p + s->items[i].off, s->items[i].len) >= 8)
			cand[nc++] = i;
	how = (int)rng_below(r, 3); /* 0 replace, 1 insert, 2 delete */
	if (!nc) {
		how = 1;
		for (i = 0; i < s->n && nc < 256; i++)
			if (s->items[i].kind == ITEM_CLAUSE)
				cand[nc++] = i;
	}
	if (!nc)
		return (size_t)-1;
	k = cand[rng_below(r, nc)];

	sb_clear(tmp);
	sb_putn(tmp, s->arena.p + s->items[k].off, s->items[k].len);
	n = tokenize(tmp->p, toks, tcap);
	cnt = rng_range(r, 1, 3);
	if (cnt > n / 6)
		cnt = n / 6 ? n / 6 : 1;
	if (how != 1) {
		/* a run of plain words strictly inside the clause (n >= 8) */
		for (tries = 0; tries < 32; tries++) {
			size_t j;
			pos = rng_range(r, 1, n - 1 - cnt);
			for (j = 0; j < cnt && plain_word((*toks)[pos + j]); j++)
				;
			if (j == cnt)
				break;
		}
		if (tries == 32)
			how = 1;
	}
	if (how == 1)
		pos = n > 1 ? rng_range(r, 1, n - 1) : 0;
	for (i = 0; i < cnt; i++) {
		const char *w;
		do
			w = PICK(r, EDIT_WORDS);
		while (how == 0 && strcmp(w, (*toks)[pos + i]) == 0);
		repl[i] = w;
	}
	i = 0;
	while (i < n) {
		if (i == pos) {
			size_t j;
			if (how != 2)
				for (j = 0; j < cnt; j++)
					sb_word(&out, repl[j]);
			if (how != 1) {
				i += cnt;
				continue;
			}
		}
		sb_word(&out, (*toks)[i]);
		i++;
	}
	s->items[k].len = out.len;
	s->items[k].off = arena_add(s, out.p, out.len);
	free(out.p);
	return k;
}

/* Can a wrapped continuation line start with this token?  Not if the
 * parser could take the line for a clause marker ("(b)"), a section line
 * ("4-60-020 ...", "§ ...", "Sec. ...", "Section ...") or a title line
 * ("Chapter ..."). */
static int can_start_line(const char *tok, size_t n)
{
	unsigned char c = (unsigned char)tok[0];
	if (c == '(' || isdigit(c) || c == 0xC2 /* § */)
		return 0;
	if (n >= 3 && tolower(c) == 's' && tolower((unsigned char)tok[1]) == 'e' &&
	    tolower((unsigned char)tok[2]) == 'c')
		return 0;
	if (n >= 7 && tolower(c) == 'c' && strncmp(tok + 1, "hapter", 6) == 0)
		return 0;
	return 1;
}

static size_t token_end(const char *text, size_t i, size_t len)
{
	while (i < len && text[i] != ' ')
		i++;
	return i;
}

/*
 * Append one wrapped logical line: `indent` spaces, the marker (if any),
 * the text; continuation lines are indented by four more spaces.  Text is
 * wrapped in units: a token that may start a line together with the tokens
 * after it that may not ("section 4-60-020"), so a line only exceeds
 * WRAP_COLUMNS when one unit alone is that long.
 */
static void put_wrapped(sbuf *out, size_t indent, const char *marker, const char *text, size_t len)
{
	size_t line_start = out->len, i = 0;
	int empty = 1; /* nothing after the indentation yet */
	sb_fill(out, ' ', indent);
	if (*marker) {
		sb_puts(out, marker);
		empty = 0;
	}
	while (i < len) {
		size_t j = token_end(text, i, len);
		while (j < len && !can_start_line(text + j + 1, token_end(text, j + 1, len) - j - 1))
			j = token_end(text, j + 1, len);
		if (!empty) {
			if (out->len - line_start + 1 + (j - i) > WRAP_COLUMNS) {
				sb_putc(out, '\n');
				line_start = out->len;
				sb_fill(out, ' ', indent + 4);
			} else {
				sb_putc(out, ' ');
			}
		}
		sb_putn(out, text + i, j - i);
		empty = 0;
		i = j + 1;
	}
	sb_putc(out, '\n');
}

/* Append the plain text of one section under number `num`. */
static void write_section(sbuf *out, const section *s, const char *num)
{
	size_t i;
	sb_puts(out, num);
	sb_putc(out, ' ');
	sb_puts(out, s->arena.p + s->head_off);
	sb_putc(out, '\n');
	for (i = 0; i < s->n; i++) {
		const item *it = &s->items[i];
		if (it->kind == ITEM_TEXT) {
			sb_putc(out, '\n');
			put_wrapped(out, 0, "", s->arena.p + it->off, it->len);
		} else {
			put_wrapped(out, (size_t)it->depth * 2, it->marker, s->arena.p + it->off, it->len);
		}
	}
}

/* -------------------------------------------------------------- numbers */

static void section_number(char *out, size_t size, size_t index, int delta)
{
	size_t chap = index / SECTIONS_PER_CHAPTER;
	unsigned title = (unsigned)(1 + chap / CHAPTERS_PER_TITLE);
	unsigned chapter = (unsigned)(4 * (chap % CHAPTERS_PER_TITLE + 1));
	int sec = (int)(10 * (index % SECTIONS_PER_CHAPTER + 1)) + delta;
	snprintf(out, size, "%u-%u-%03d", title, chapter, sec);
}

/* ------------------------------------------------------------------ I/O */

typedef struct {
	const char *outdir;
	size_t nsections;
	uint64_t seed;
	int split;
} options;

static int make_dir(const char *path)
{
	char *p = xrealloc(NULL, strlen(path) + 1), *q;
	int err = 0;
	strcpy(p, path);
	for (q = p + 1; *q; q++) {
		if (*q != '/')
			continue;
		*q = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST) {
			fprintf(stderr, "gen_code: cannot create '%s': %s\n", p, strerror(errno));
			err = -1;
			goto done;
		}
		*q = '/';
	}
	if (mkdir(p, 0777) < 0 && errno != EEXIST) {
		fprintf(stderr, "gen_code: cannot create '%s': %s\n", p, strerror(errno));
		err = -1;
	}
done:
	free(p);
	return err;
}

static FILE *open_out(sbuf *path, const char *dir, const char *name)
{
	FILE *f;
	sb_clear(path);
	sb_puts(path, dir);
	sb_putc(path, '/');
	sb_puts(path, name);
	f = fopen(path->p, "wb");
	if (!f)
		fprintf(stderr, "gen_code: cannot create '%s': %s\n", path->p, strerror(errno));
	return f;
}

static int write_all(FILE *f, const sbuf *b, const char *name)
{
	if (b->len && fwrite(b->p, 1, b->len, f) != b->len) {
		fprintf(stderr, "gen_code: cannot write '%s': %s\n", name, strerror(errno));
		return -1;
	}
	return 0;
}

static int close_out(FILE *f, const char *name)
{
	if (ferror(f) | fclose(f)) {
		fprintf(stderr, "gen_code: cannot write '%s': %s\n", name, strerror(errno));
		return -1;
	}
	return 0;
}

/* Write one section file OUTDIR/SIDE/NUM (with --split). */
static int write_split(sbuf *path, const char *outdir, const char *side, const char *num, const sbuf *text)
{
	FILE *f;
	sbuf dir = {NULL, 0, 0};
	int err;
	sb_puts(&dir, outdir);
	sb_putc(&dir, '/');
	sb_puts(&dir, side);
	f = open_out(path, dir.p, num);
	free(dir.p);
	if (!f)
		return -1;
	err = write_all(f, text, path->p);
	if (close_out(f, path->p) < 0)
		err = -1;
	return err;
}

/* ------------------------------------------------------------------ plan */

enum { KEEP = 0, MODIFY, REMOVE, RENUMBER };

typedef struct {
	unsigned char *fate; /* per original section */
	unsigned char *add_before;
	size_t nmod, nadd, nrem, nren;
} plan;

/* Choose distinct sections for each kind of change (partial Fisher-Yates
 * over the indices). */
static void make_plan(plan *p, size_t n, uint64_t seed)
{
	size_t *idx = xrealloc(NULL, n * sizeof(*idx)), i, k;
	rng r;
	rng_seed(&r, seed, 1, 0);
	p->fate = xrealloc(NULL, n);
	p->add_before = xrealloc(NULL, n);
	memset(p->fate, KEEP, n);
	memset(p->add_before, 0, n);
	p->nmod = n / 100;
	p->nrem = n / 500;
	p->nren = n / 1000;
	p->nadd = n / 500;
	for (i = 0; i < n; i++)
		idx[i] = i;
	k = p->nmod + p->nrem + p->nren;
	for (i = 0; i < k; i++) {
		size_t j = i + rng_below(&r, n - i), t = idx[i];
		idx[i] = idx[j];
		idx[j] = t;
		if (i < p->nmod)
			p->fate[idx[i]] = MODIFY;
		else if (i < p->nmod + p->nrem)
			p->fate[idx[i]] = REMOVE;
		else
			p->fate[idx[i]] = RENUMBER;
	}
	for (i = 0; i < n; i++)
		idx[i] = i;
	for (i = 0; i < p->nadd; i++) {
		size_t j = i + rng_below(&r, n - i), t = idx[i];
		idx[i] = idx[j];
		idx[j] = t;
		p->add_before[idx[i]] = 1;
	}
	free(idx);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ------------------------------------------------------------------ main */

/* Print the usage line (to stdout for --help, else to stderr after msg).
 * Returns 2, the exit status for bad usage. */
static int usage(FILE *to, const char *msg)
{
	if (msg)
		fprintf(stderr, "gen_code: %s\n", msg);
	fputs("usage: gen_code OUTDIR [--sections N] [--seed S] [--split]\n", to);
	return 2;
}

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	if (!s || !*s || *s == '-')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

static int parse_args(options *o, int argc, char **argv)
{
	int i;
	uint64_t v;
	o->outdir = NULL;
	o->nsections = 20000;
	o->seed = 1;
	o->split = 0;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--sections") || !strcmp(a, "--seed")) {
			if (i + 1 >= argc || parse_u64(argv[i + 1], &v) < 0) {
				fprintf(stderr, "gen_code: %s needs a non-negative integer\n", a);
				return usage(stderr, NULL);
			}
			i++;
			if (a[2] == 's' && a[3] == 'e' && a[4] == 'c') {
				if (v < 1 || v > MAX_SECTIONS) {
					fprintf(stderr, "gen_code: --sections must be between 1 and %u\n",
						MAX_SECTIONS);
					return usage(stderr, NULL);
				}
				o->nsections = (size_t)v;
			} else {
				o->seed = v;
			}
		} else if (!strcmp(a, "--split")) {
			o->split = 1;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout, NULL);
			return 1;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "gen_code: unknown option '%s'\n", a);
			return usage(stderr, NULL);
		} else if (o->outdir) {
			return usage(stderr, "only one OUTDIR may be given");
		} else {
			o->outdir = a;
		}
	}
	if (!o->outdir)
		return usage(stderr, "missing OUTDIR");
	return 0;
}

/* Output file state: the open stream, a buffer flushed every megabyte, and
 * how many sections it has (sections are separated by one blank line). */
typedef struct {
	FILE *f;
	const char *name;
	sbuf buf;
	size_t nsections;
} output;

static int out_section(output *out, const sbuf *sect)
{
	if (out->nsections++)
		sb_putc(&out->buf, '\n');
	sb_putn(&out->buf, sect->p, sect->len);
	if (out->buf.len < (1u << 20))
		return 0;
	if (write_all(out->f, &out->buf, out->name) < 0)
		return -1;
	sb_clear(&out->buf);
	return 0;
}

static void add_truth(char ***truth, size_t *n, const sbuf *line)
{
	char *copy = xrealloc(NULL, line->len + 1);
	memcpy(copy, line->p, line->len + 1);
	*truth = xrealloc(*truth, (*n + 1) * sizeof(**truth));
	(*truth)[(*n)++] = copy;
}

/*
 * Generate everything.  Returns 0, or -1 after printing a message (files
 * written so far are left in place).
 */
static int generate(const options *o)
{
	output old = {NULL, "old.txt", {NULL, 0, 0}, 0};
	output new = {NULL, "new.txt", {NULL, 0, 0}, 0};
	FILE *ftruth = NULL;
	sbuf path = {NULL, 0, 0}, tmp = {NULL, 0, 0}, id = {NULL, 0, 0};
	sbuf sect = {NULL, 0, 0}, sub = {NULL, 0, 0};
	section s;
	plan p = {NULL, NULL, 0, 0, 0, 0};
	char **truth = NULL, **toks = NULL;
	size_t ntruth = 0, tcap = 0, i;
	char num[48], header[200];
	int err = -1;

	memset(&s, 0, sizeof s);
	if (make_dir(o->outdir) < 0)
		goto done;
	if (o->split) {
		sb_clear(&path);
		sb_puts(&path, o->outdir);
		sb_puts(&path, "/old");
		if (make_dir(path.p) < 0)
			goto done;
		sb_clear(&path);
		sb_puts(&path, o->outdir);
		sb_puts(&path, "/new");
		if (make_dir(path.p) < 0)
			goto done;
	}
	if (!(old.f = open_out(&path, o->outdir, "old.txt")))
		goto done;
	if (!(new.f = open_out(&path, o->outdir, "new.txt")))
		goto done;

	make_plan(&p, o->nsections, o->seed);

	/* a notice line before the first section; the parser ignores it */
	snprintf(header, sizeof header,
		 "Synthetic municipal code generated by ordtrack bench/gen_code "
		 "(seed %llu, %zu sections, %s version); not real law.\n\n",
		 (unsigned long long)o->seed, o->nsections, "old");
	sb_puts(&old.buf, header);
	snprintf(header, sizeof header,
		 "Synthetic municipal code generated by ordtrack bench/gen_code "
		 "(seed %llu, %zu sections, %s version); not real law.\n\n",
		 (unsigned long long)o->seed, o->nsections, "new");
	sb_puts(&new.buf, header);

	for (i = 0; i < o->nsections; i++) {
		rng r;
		if (p.add_before[i]) {
			rng_seed(&r, o->seed, 3, i);
			gen_section(&s, &r, &tmp);
			section_number(num, sizeof num, i, -5);
			sb_clear(&sect);
			write_section(&sect, &s, num);
			if (out_section(&new, &sect) < 0)
				goto done;
			if (o->split && write_split(&path, o->outdir, "new", num, &sect) < 0)
				goto done;
			sb_clear(&tmp);
			sb_puts(&tmp, "added ");
			sb_puts(&tmp, num);
			add_truth(&truth, &ntruth, &tmp);
		}

		rng_seed(&r, o->seed, 2, i);
		gen_section(&s, &r, &tmp);
		section_number(num, sizeof num, i, 0);
		sb_clear(&sect);
		write_section(&sect, &s, num);
		if (out_section(&old, &sect) < 0)
			goto done;
		if (o->split && write_split(&path, o->outdir, "old", num, &sect) < 0)
			goto done;

		sb_clear(&tmp);
		switch (p.fate[i]) {
		case KEEP: break;
		case MODIFY: {
			rng er;
			size_t k;
			rng_seed(&er, o->seed, 4, i);
			k = edit_section(&s, &er, &sub, &toks, &tcap);
			if (k == (size_t)-1) {
				/* every section has a clause, so this is a bug
				 * in the generator, not bad input */
				fprintf(stderr, "gen_code: section %s has no editable clause\n", num);
				goto done;
			}
			sb_clear(&sect);
			write_section(&sect, &s, num);
			clause_id(&id, &s, k, num);
			sb_puts(&tmp, "modified ");
			sb_puts(&tmp, id.p);
			break;
		}
		case REMOVE:
			sb_puts(&tmp, "removed ");
			sb_puts(&tmp, num);
			break;
		case RENUMBER: {
			char newnum[48];
			section_number(newnum, sizeof newnum, i, 3);
			sb_clear(&sect);
			write_section(&sect, &s, newnum);
			sb_puts(&tmp, "renumbered ");
			sb_puts(&tmp, num);
			sb_putc(&tmp, ' ');
			sb_puts(&tmp, newnum);
			memcpy(num, newnum, sizeof num);
			break;
		}
		}
		if (tmp.len)
			add_truth(&truth, &ntruth, &tmp);
		if (p.fate[i] != REMOVE) {
			if (out_section(&new, &sect) < 0)
				goto done;
			if (o->split && write_split(&path, o->outdir, "new", num, &sect) < 0)
				goto done;
		}
	}
	if (write_all(old.f, &old.buf, old.name) < 0 || write_all(new.f, &new.buf, new.name) < 0)
		goto done;

	if (ntruth)
		qsort(truth, ntruth, sizeof(*truth), cmp_str);
	if (!(ftruth = open_out(&path, o->outdir, "truth.txt")))
		goto done;
	for (i = 0; i < ntruth; i++)
		fprintf(ftruth, "%s\n", truth[i]);
	err = 0;

done:
	if (old.f && close_out(old.f, old.name) < 0)
		err = -1;
	if (new.f && close_out(new.f, new.name) < 0)
		err = -1;
	if (ftruth && close_out(ftruth, "truth.txt") < 0)
		err = -1;
	for (i = 0; i < ntruth; i++)
		free(truth[i]);
	free(truth);
	free(toks);
	free(p.fate);
	free(p.add_before);
	free(s.items);
	free(s.arena.p);
	free(path.p);
	free(old.buf.p);
	free(new.buf.p);
	free(tmp.p);
	free(id.p);
	free(sect.p);
	free(sub.p);
	return err;
}

int main(int argc, char **argv)
{
	options o;
	int rc = parse_args(&o, argc, argv);
	if (rc)
		return rc == 1 ? 0 : rc;
	return generate(&o) < 0 ? 1 : 0;
}
