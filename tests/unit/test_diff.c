/*
 * test_diff.c - clause-level diff: alignment cases (renumbering cascade,
 * modified clause ops, removals, sections added / removed / moved,
 * heading change, identical and empty documents) and the reconstruction
 * law apply(old, compute(old, new)) == new on thousands of random pairs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ordtrack/buf.h"
#include "ordtrack/common.h"
#include "ordtrack/diff.h"
#include "ordtrack/doc.h"
#include "test.h"
#include "testdoc.h"

/* ---- building trees: mk, MK, fix_ids, docs_equal in testdoc.h ----------- */

static size_t doc_units(const ot_doc *d)
{
	size_t i, c = 0;
	for (i = 0; i < d->nsections; i++)
		c += ot_node_count(d->sections[i]);
	return c;
}

/* The kind agrees with the fold: TYPOGRAPHIC texts fold equal and carry
 * the flag and ops, MODIFIED ones with the same marker do not fold equal,
 * a RENUMBERED one is flagged exactly when its changed text folds equal. */
static void check_typographic_kinds(const ot_diff *d)
{
	size_t i;
	for (i = 0; i < d->nchanges; i++) {
		const ot_change *c = &d->changes[i];
		int section = c->node_kind == OT_NODE_SECTION;
		const char *a = section ? (c->old_heading ? c->old_heading : c->heading) : c->old_text;
		const char *b = section ? c->heading : c->new_text;
		int differ = section ? c->old_heading != NULL : !((!a && !b) || (a && b && !strcmp(a, b)));
		int folds = ot_text_typographic_equal(a, a ? strlen(a) : 0, b, b ? strlen(b) : 0);
		if (c->kind == OT_CHANGE_TYPOGRAPHIC) {
			CHECK(c->typographic == 1 && differ && folds && c->nops > 0);
		} else if (c->kind == OT_CHANGE_MODIFIED) {
			CHECK(c->typographic == 0);
			if (c->num && c->old_num && !strcmp(c->num, c->old_num))
				CHECK(!folds || !differ);
		} else if (c->kind == OT_CHANGE_RENUMBERED) {
			CHECK(c->typographic == (differ && folds));
		} else {
			CHECK(c->typographic == 0);
		}
	}
}

/* Compute, check the stats add up and apply reproduces `new`. */
static ot_diff *diff_checked(const ot_doc *old, const ot_doc *new, int no_cleanup)
{
	ot_diff *d = NULL;
	ot_doc *back = NULL;
	ot_diff_options opts = {0, no_cleanup};
	if (ot_diff_compute(&d, old, new, &opts) < 0) {
		printf("#   compute failed: %s\n", ot_error_last());
		return NULL;
	}
	/* typographic: a sixth outcome, counted once like the others */
	CHECK(d->stats.added + d->stats.modified + d->stats.renumbered + d->stats.typographic +
		      d->stats.unchanged ==
	      doc_units(new));
	CHECK(d->stats.removed + d->stats.modified + d->stats.renumbered + d->stats.typographic +
		      d->stats.unchanged ==
	      doc_units(old));
	CHECK(d->nchanges == d->stats.added + d->stats.removed + d->stats.modified +
				     d->stats.renumbered + d->stats.typographic);
	check_typographic_kinds(d);
	if (ot_diff_apply(&back, old, d) < 0) {
		printf("#   apply failed: %s\n", ot_error_last());
		CHECK(0);
	} else {
		CHECK(docs_equal(back, new));
	}
	ot_doc_free(back);
	return d;
}

static const ot_change *find_change(const ot_diff *d, const char *id)
{
	size_t i;
	for (i = 0; i < d->nchanges; i++)
		if (strcmp(d->changes[i].id, id) == 0)
			return &d->changes[i];
	return NULL;
}

/* ---- cases --------------------------------------------------------------- */

static const char *const base[] = {
	"S 2-173-020|Prohibited activities.",
	"C 1 (a)|No agent or agency shall request information about citizenship.",
	"C 1 (b)|No agent shall detain a person on the basis of an immigration detainer.",
	"C 2 (1)|the person is the subject of a criminal warrant;",
	"C 2 (2)|the person has been convicted of a felony;",
	"C 1 (c)|Nothing in this section shall prohibit cooperation with federal authorities.",
	"C 1 (d)|This section applies to every agency of the City.",
};

TEST(identical_docs)
{
	ot_doc *a = MK(base), *b = MK(base);
	ot_diff *d = diff_checked(a, b, 0);
	CHECK(d && !ot_diff_has_changes(d));
	CHECK(d && d->nchanges == 0 && d->stats.unchanged == 7);
	ot_diff_free(d);
	ot_doc_free(a);
	ot_doc_free(b);
}

TEST(insert_b_cascade)
{
	static const char *const nw[] = {
		"S 2-173-020|Prohibited activities.",
		"C 1 (a)|No agent or agency shall request information about citizenship.",
		"C 1 (b)|No agent shall arrest a person solely for a civil immigration violation.",
		"C 1 (c)|No agent shall detain a person on the basis of an immigration detainer.",
		"C 2 (1)|the person is the subject of a criminal warrant;",
		"C 2 (2)|the person has been convicted of a felony;",
		"C 1 (d)|Nothing in this section shall prohibit cooperation with federal authorities.",
		"C 1 (e)|This section applies to every agency of the City.",
	};
	ot_doc *a = MK(base), *b = MK(nw);
	ot_diff *d = diff_checked(a, b, 0);
	const ot_change *c;
	CHECK(d && d->nchanges == 4);
	if (!d || d->nchanges != 4)
		goto out;
	c = &d->changes[0];
	CHECK(c->kind == OT_CHANGE_ADDED);
	CHECK_STR(c->id, "2-173-020(b)");
	c = &d->changes[1];
	CHECK(c->kind == OT_CHANGE_RENUMBERED && c->similarity == 1.0 && !c->moved && !c->ops);
	CHECK_STR(c->old_id, "2-173-020(b)");
	CHECK_STR(c->id, "2-173-020(c)");
	CHECK_STR(c->old_num, "(b)");
	CHECK_STR(c->num, "(c)");
	CHECK(d->changes[2].kind == OT_CHANGE_RENUMBERED);
	CHECK_STR(d->changes[2].old_id, "2-173-020(c)");
	CHECK_STR(d->changes[2].id, "2-173-020(d)");
	CHECK(d->changes[3].kind == OT_CHANGE_RENUMBERED);
	CHECK_STR(d->changes[3].id, "2-173-020(e)");
	/* (b)(1), (b)(2) -> (c)(1), (c)(2) are not changes */
	CHECK(find_change(d, "2-173-020(c)(1)") == NULL);
	CHECK(d->stats.added == 1 && d->stats.renumbered == 3 && d->stats.unchanged == 4 &&
	      d->stats.modified == 0 && d->stats.removed == 0);
out:
	ot_diff_free(d);
	ot_doc_free(a);
	ot_doc_free(b);
}

TEST(modified_clause_ops)
{
	static const char *const o[] = {
		"S 2-173-020|Prohibited.",
		"C 1 (a)|No agent or agency shall request information",
	};
	static const char *const nw[] = {
		"S 2-173-020|Prohibited.",
		"C 1 (a)|No agent or agency shall ask for information",
	};
	ot_doc *a = MK(o), *b = MK(nw);
	ot_diff *d = diff_checked(a, b, 0);
	const ot_change *c = d && d->nchanges == 1 ? &d->changes[0] : NULL;
	CHECK(c != NULL);
	if (c) {
		CHECK(c->kind == OT_CHANGE_MODIFIED);
		CHECK_STR(c->id, "2-173-020(a)");
		CHECK_STR(c->old_id, "2-173-020(a)");
		CHECK_STR(c->old_text, "No agent or agency shall request information");
		CHECK_STR(c->new_text, "No agent or agency shall ask for information");
		CHECK(c->nops == 4);
		if (c->nops == 4) {
			CHECK(c->ops[0].op == OT_OP_EQUAL);
			CHECK_STR(c->ops[0].text, "No agent or agency shall ");
			CHECK(c->ops[1].op == OT_OP_DELETE);
			CHECK_STR(c->ops[1].text, "request");
			CHECK(c->ops[2].op == OT_OP_INSERT);
			CHECK_STR(c->ops[2].text, "ask for");
			CHECK(c->ops[3].op == OT_OP_EQUAL);
			CHECK_STR(c->ops[3].text, " information");
		}
		CHECK(c->similarity > 0.7 && c->similarity < 1.0);
		CHECK(d->stats.modified == 1 && d->stats.unchanged == 1);
	}
	ot_diff_free(d);
	ot_doc_free(a);
	ot_doc_free(b);
}

TEST(remove_subclauses)
{
	static const char *const o[] = {
		"S 2-173-042|Exceptions.",
		"C 1 (a)|Except as provided in subsection (b), no agent shall detain.",
		"C 1 (b)|This section does not apply when:",
		"C 2 (1)|the subject is a gang member;",
		"C 2 (2)|the subject has been arrested for a felony;",
		"C 2 (3)|the subject has a pending felony charge;",
		"C 2 (4)|the subject has been convicted of a felony.",
		"C 1 (c)|Reporting.",
	};
	static const char *const nw[] = {
		"S 2-173-042|Exceptions.",
		"C 1 (a)|Except as provided in subsection (b), no agent shall detain.",
		"C 1 (b)|This section does not apply.",
		"C 1 (c)|Reporting.",
	};
	ot_doc *a = MK(o), *b = MK(nw);
	ot_diff *d = diff_checked(a, b, 0);
	const ot_change *c;
	CHECK(d && d->stats.removed == 4 && d->stats.modified == 1 && d->stats.unchanged == 3);
	if (d && d->nchanges == 5) {
		CHECK(d->changes[0].kind == OT_CHANGE_MODIFIED);
		CHECK_STR(d->changes[0].id, "2-173-042(b)");
		/* removed clauses follow (b), in old order, before (c) */
		CHECK(d->changes[1].kind == OT_CHANGE_REMOVED);
		CHECK_STR(d->changes[1].id, "2-173-042(b)(1)");
		CHECK_STR(d->changes[4].id, "2-173-042(b)(4)");
		CHECK_STR(d->changes[4].old_text, "the subject has been convicted of a felony.");
		CHECK(d->changes[4].new_text == NULL);
	} else {
		CHECK(0);
	}
	/* (b) whose own text is empty and whose children all go away */
	{
		static const char *const o2[] = {
			"S 1|H.", "C 1 (a)|x y z", "C 1 (b)|", "C 2 (1)|one two", "C 2 (2)|three four",
		};
		static const char *const n2[] = {"S 1|H.", "C 1 (a)|x y z", "C 1 (b)|"};
		ot_doc *a2 = MK(o2), *b2 = MK(n2);
		ot_diff *d2 = diff_checked(a2, b2, 0);
		CHECK(d2 && d2->stats.removed == 2 && d2->stats.unchanged == 3);
		c = d2 ? find_change(d2, "1(b)") : NULL;
		CHECK(c == NULL);
		ot_diff_free(d2);
		ot_doc_free(a2);
		ot_doc_free(b2);
	}
	ot_diff_free(d);
	ot_doc_free(a);
	ot_doc_free(b);
}

static const char *const two[] = {
	"S 2-173-010|Title.",
	"C 1 (a)|This chapter shall be known as the Welcoming City Ordinance.",
	"S 2-173-020|Prohibited activities.",
	"C 1 (a)|No agent or agency shall request information about citizenship.",
	"C 1 (b)|No agent shall detain a person on an immigration detainer.",
};

TEST(section_added)
{
	static const char *const nw[] = {
		"S 2-173-010|Title.",
		"C 1 (a)|This chapter shall be known as the Welcoming City Ordinance.",
		"S 2-173-020|Prohibited activities.",
		"C 1 (a)|No agent or agency shall request information about citizenship.",
		"C 1 (b)|No agent shall detain a person on an immigration detainer.",
		"S 2-173-070|Severability.",
		"C 1 (a)|If any provision is held invalid, the rest remains in force.",
		"T 1|Unnumbered closing words.",
	};
	ot_doc *a = MK(two), *b = MK(nw);
	ot_diff *d = diff_checked(a, b, 0);
	CHECK(d && d->stats.added == 3 && d->stats.unchanged == 5 && d->nchanges == 3);
	if (d && d->nchanges == 3) {
		CHECK(d->changes[0].kind == OT_CHANGE_ADDED &&
		      d->changes[0].node_kind == OT_NODE_SECTION);
		CHECK_STR(d->changes[0].id, "2-173-070");
		CHECK_STR(d->changes[0].heading, "Severability.");
		CHECK(d->changes[0].old_id == NULL && d->changes[0].parent_id == NULL);
		CHECK(d->changes[0].index == 2);
		CHECK_STR(d->changes[1].parent_id, "2-173-070");
		CHECK(d->changes[2].node_kind == OT_NODE_TEXT);
		CHECK_STR(d->changes[2].id, "2-173-070~1");
	}
	ot_diff_free(d);
	ot_doc_free(a);
	ot_doc_free(b);
}

TEST(section_removed)
{
	static const char *const nw[] = {
		"S 2-173-020|Prohibited activities.",
		"C 1 (a)|No agent or agency shall request information about citizenship.",
		"C 1 (b)|No agent shall detain a person on an immigration detainer.",
	};
	ot_doc *a = MK(two), *b = MK(nw);
	ot_diff *d = diff_checked(a, b, 0);
	CHECK(d && d->stats.removed == 2 && d->stats.unchanged == 3 && d->nchanges == 2);
	if (d && d->nchanges == 2) {
		CHECK(d->changes[0].kind == OT_CHANGE_REMOVED);
		CHECK_STR(d->changes[0].id, "2-173-010");
		CHECK_STR(d->changes[0].heading, "Title.");
		CHECK_STR(d->changes[1].id, "2-173-010(a)");
	}
	ot_diff_free(d);
	ot_doc_free(a);
	ot_doc_free(b);
}

TEST(section_moved)
{
	static const char *const nw[] = {
		"S 2-173-010|Title.",
		"C 1 (a)|This chapter shall be known as the Welcoming City Ordinance.",
		"S 2-173-030|Prohibited activities.",
		"C 1 (a)|No agent or agency shall request information about citizenship.",
		"C 1 (b)|No agent shall detain a person on an immigration detainer.",
	};
	ot_doc *a = MK(two), *b = MK(nw);
	ot_diff *d = diff_checked(a, b, 0);
	CHECK(d && d->nchanges == 1 && d->stats.renumbered == 1 && d->stats.unchanged == 4);
	if (d && d->nchanges == 1) {
		const ot_change *c = &d->changes[0];
		CHECK(c->kind == OT_CHANGE_RENUMBERED && c->moved == 1);
		CHECK(c->node_kind == OT_NODE_SECTION);
		CHECK_STR(c->old_id, "2-173-020");
		CHECK_STR(c->id, "2-173-030");
		CHECK(c->similarity == 1.0);
	}
	ot_diff_free(d);
	/* moved and lightly edited, with a new section taking the old number */
	{
		static const char *const n2[] = {
			"S 2-173-010|Title.",
			"C 1 (a)|This chapter shall be known as the Welcoming City Ordinance.",
			"S 2-173-020|Definitions.",
			"C 1 (a)|Agency means every department of the City.",
			"S 2-173-030|Prohibited activities.",
			"C 1 (a)|No agent or agency shall ask for information about citizenship.",
			"C 1 (b)|No agent shall detain a person on an immigration detainer.",
		};
		ot_doc *b2 = MK(n2);
		const ot_change *c;
		d = diff_checked(a, b2, 0);
		c = d ? find_change(d, "2-173-030") : NULL;
		CHECK(c && c->kind == OT_CHANGE_RENUMBERED && c->moved);
		c = d ? find_change(d, "2-173-030(a)") : NULL;
		CHECK(c && c->kind == OT_CHANGE_RENUMBERED && c->nops > 0);
		c = d ? find_change(d, "2-173-020") : NULL;
		CHECK(c && c->kind == OT_CHANGE_ADDED);
		CHECK(d && find_change(d, "2-173-030(b)") == NULL);
		ot_diff_free(d);
		ot_doc_free(b2);
	}
	ot_doc_free(a);
	ot_doc_free(b);
}

/* A renumbering is claimed only when convincing (diff.h, "Renumbering"):
 * a section whose clauses were all repealed and others enacted under a new
 * number is a repeal and an addition, however many words they share; a
 * clause renumbered keeps most of its own text or is repealed and added. */
TEST(renumbering_only_when_convincing)
{
	static const char *const old_s[] = {
		"S 2-173-010|Title.",
		"C 1 (a)|This chapter shall be known as the Welcoming City Ordinance.",
		"S 2-173-020|Duties of the agency.",
		"C 1 (a)|The agency shall keep records of every request made by a federal agent.",
		"C 1 (b)|The agency shall publish a report of every request made by a federal agent.",
		"C 1 (c)|The agency shall train every officer of the agency in this chapter.",
	};
	static const char *const new_s[] = {
		"S 2-173-010|Title.",
		"C 1 (a)|This chapter shall be known as the Welcoming City Ordinance.",
		"S 2-173-030|Duties of the agency.",
		"C 1 (a)|The agency shall keep no record of the immigration status of a person.",
		"C 1 (b)|The agency shall publish no list of persons made for a federal agent.",
		"C 1 (c)|The agency shall answer every officer of the agency about this chapter.",
	};
	static const char *const old_c[] = {
		"S 2-173-010|Title.",
		"C 1 (a)|This chapter shall be known as the Welcoming City Ordinance.",
		"C 1 (b)|The Mayor shall report to the Council each year on the requests received.",
	};
	static const char *const new_c[] = {
		"S 2-173-010|Title.",
		"C 1 (a)|This chapter shall be known as the Welcoming City Ordinance.",
		"C 1 (b)|Every agency shall report to the Council each year.",
		"C 1 (c)|The Mayor shall publish to the public each month the requests denied.",
	};
	ot_doc *a = MK(old_s), *b = MK(new_s);
	ot_diff *d = diff_checked(a, b, 0);
	const ot_change *c;
	c = d ? find_change(d, "2-173-030") : NULL;
	CHECK(c && c->kind == OT_CHANGE_ADDED);
	c = d ? find_change(d, "2-173-020") : NULL;
	CHECK(c && c->kind == OT_CHANGE_REMOVED);
	c = d ? find_change(d, "2-173-030(a)") : NULL;
	CHECK(c && c->kind == OT_CHANGE_ADDED);
	/* (c) kept 85% of its words: carried into the new section, a move */
	c = d ? find_change(d, "2-173-030(c)") : NULL;
	CHECK(c && c->kind == OT_CHANGE_RENUMBERED && c->moved && c->similarity >= OT_DIFF_RENUMBER_MIN);
	CHECK(d && d->stats.renumbered == 1);
	ot_diff_free(d);
	ot_doc_free(a);
	ot_doc_free(b);
	/* (b) rewritten and a new (c) sharing half its words: not "(b) ->
	 * (c) renumbered" */
	a = MK(old_c);
	b = MK(new_c);
	d = diff_checked(a, b, 0);
	CHECK(d && d->stats.renumbered == 0);
	c = d ? find_change(d, "2-173-010(c)") : NULL;
	CHECK(c && c->kind == OT_CHANGE_ADDED);
	ot_diff_free(d);
	ot_doc_free(a);
	ot_doc_free(b);
}

/* Two clauses swapped are reported as a move, not two renumberings. */
TEST(swapped_clauses_are_moved)
{
	static const char *const old_d[] = {
		"S 2-173-010|Title.",
		"C 1 (a)|No agent shall ask about the citizenship of any person.",
		"C 1 (b)|No agent shall detain a person on an immigration detainer.",
		"C 1 (c)|This section does not limit a criminal investigation.",
	};
	static const char *const new_d[] = {
		"S 2-173-010|Title.",
		"C 1 (a)|No agent shall detain a person on an immigration detainer.",
		"C 1 (b)|No agent shall ask about the citizenship of any person.",
		"C 1 (c)|This section does not limit a criminal investigation.",
	};
	ot_doc *a = MK(old_d), *b = MK(new_d);
	ot_diff *d = diff_checked(a, b, 0);
	size_t i, moved = 0;
	CHECK(d && d->stats.renumbered == 2 && d->stats.unchanged == 2);
	for (i = 0; d && i < d->nchanges; i++)
		moved += d->changes[i].kind == OT_CHANGE_RENUMBERED && d->changes[i].moved;
	CHECK(moved >= 1);
	ot_diff_free(d);
	ot_doc_free(a);
	ot_doc_free(b);
}

/* Pass 3: sections under new numbers pair by the LCS similarity of their
 * whole texts (heading and clauses, one per line), best first; a section
 * with the same words in reverse order (equal bags, LCS of 4 tokens of
 * 11) is not similar enough. */
TEST(similarity_pairing)
{
	static const char *const od[] = {
		"S 5-1-010|Permits.",
		"C 1 (a)|A permit is required for every sidewalk cafe in the city.",
		"C 1 (b)|The fee is set by the commissioner each year.",
		"S 5-1-020|Fees.",
		"C 1 (a)|alpha beta gamma delta epsilon zeta eta theta.",
	};
	static const char *const nd[] = {
		"S 5-1-030|Fees.",
		"C 1 (a)|theta eta zeta epsilon delta gamma beta alpha.",
		"S 5-1-040|Permits.",
		"C 1 (a)|A permit is required for every sidewalk cafe in the city.",
		"C 1 (b)|The fee is set by the commissioner each year and posted.",
	};
	static const char ot[] = "Permits.\nA permit is required for every sidewalk cafe in "
				 "the city.\nThe fee is set by the commissioner each year.";
	static const char nt[] = "Permits.\nA permit is required for every sidewalk cafe in "
				 "the city.\nThe fee is set by the commissioner each year and posted.";
	ot_doc *a = MK(od), *b = MK(nd);
	ot_diff *d = diff_checked(a, b, 0);
	const ot_change *c;
	c = d ? find_change(d, "5-1-040") : NULL;
	CHECK(c && c->kind == OT_CHANGE_RENUMBERED && c->moved);
	CHECK(c && c->old_id && strcmp(c->old_id, "5-1-010") == 0);
	CHECK(c && c->similarity == ot_text_similarity(ot, strlen(ot), nt, strlen(nt)));
	CHECK(c && c->similarity > 0.9 && c->similarity < 1.0);
	c = d ? find_change(d, "5-1-030") : NULL;
	CHECK(c && c->kind == OT_CHANGE_ADDED);
	c = d ? find_change(d, "5-1-020") : NULL;
	CHECK(c && c->kind == OT_CHANGE_REMOVED);
	ot_diff_free(d);
	ot_doc_free(a);
	ot_doc_free(b);
}

TEST(heading_changed)
{
	static const char *const nw[] = {
		"S 2-173-010|Short title.",
		"C 1 (a)|This chapter shall be known as the Welcoming City Ordinance.",
		"S 2-173-020|Prohibited activities.",
		"C 1 (a)|No agent or agency shall request information about citizenship.",
		"C 1 (b)|No agent shall detain a person on an immigration detainer.",
	};
	ot_doc *a = MK(two), *b = MK(nw);
	ot_diff *d = diff_checked(a, b, 0);
	CHECK(d && d->nchanges == 1 && d->stats.modified == 1);
	if (d && d->nchanges == 1) {
		const ot_change *c = &d->changes[0];
		CHECK(c->kind == OT_CHANGE_MODIFIED && c->node_kind == OT_NODE_SECTION);
		CHECK_STR(c->heading, "Short title.");
		CHECK_STR(c->old_heading, "Title.");
		CHECK(c->old_text == NULL && c->new_text == NULL);
		CHECK(c->nheading_ops == 3 && c->nops == 3);
		if (c->nheading_ops == 3) {
			CHECK(c->heading_ops[0].op == OT_OP_DELETE);
			CHECK_STR(c->heading_ops[0].text, "Title");
			CHECK(c->heading_ops[1].op == OT_OP_INSERT);
			CHECK_STR(c->heading_ops[1].text, "Short title");
			CHECK_STR(c->heading_ops[2].text, ".");
		}
	}
	ot_diff_free(d);
	ot_doc_free(a);
	ot_doc_free(b);
}

TEST(empty_docs)
{
	ot_doc *e = ot_doc_new(), *a = MK(two), *e2 = ot_doc_new();
	ot_diff *d = diff_checked(e, a, 0);
	CHECK(d && d->stats.added == 5 && d->nchanges == 5 && d->stats.unchanged == 0);
	ot_diff_free(d);
	d = diff_checked(a, e, 0);
	CHECK(d && d->stats.removed == 5 && d->nchanges == 5);
	ot_diff_free(d);
	d = diff_checked(e, e2, 0);
	CHECK(d && !ot_diff_has_changes(d));
	ot_diff_free(d);
	ot_doc_free(e);
	ot_doc_free(e2);
	ot_doc_free(a);
}

TEST(bad_input)
{
	/* duplicate ids are refused */
	static const char *const dup[] = {"S 1|H.", "C 1 (a)|x", "C 1 (a)|y"};
	ot_doc *a = MK(dup), *b = MK(two), *out = NULL;
	ot_diff *d = NULL;
	CHECK(ot_diff_compute(&d, a, b, NULL) == OT_EINVALID && d == NULL);
	CHECK(strstr(ot_error_last(), "duplicate id") != NULL);
	/* a diff applied to a document it does not fit */
	{
		static const char *const o[] = {"S 9|H.", "C 1 (a)|alpha beta"};
		static const char *const n[] = {"S 9|H.", "C 1 (a)|alpha gamma"};
		ot_doc *x = MK(o), *y = MK(n);
		CHECK(ot_diff_compute(&d, x, y, NULL) == 0);
		CHECK(ot_diff_apply(&out, b, d) == OT_EINVALID && out == NULL);
		/* a delete run that is not in the text */
		free(x->sections[0]->children[0]->text);
		x->sections[0]->children[0]->text = strdup("alpha delta");
		free(d->changes[0].old_text);
		d->changes[0].old_text = NULL;
		CHECK(ot_diff_apply(&out, x, d) == OT_EINVALID && out == NULL);
		ot_diff_free(d);
		ot_doc_free(x);
		ot_doc_free(y);
	}
	ot_doc_free(a);
	ot_doc_free(b);
}

/* ---- typographic changes ------------------------------------------------- */

#define LQ "\xe2\x80\x9c"
#define RQ "\xe2\x80\x9d"
#define APOS "\xe2\x80\x99"
#define NDASH "\xe2\x80\x93"
#define MDASH "\xe2\x80\x94"
#define NBSP "\xc2\xa0"

TEST(typographic_clause)
{
	static const char *const o[] = {
		"S 2-173-020|Prohibited activities - general.",
		"C 1 (a)|No agent shall request the \"Act\" - don't ask.",
		"C 1 (b)|Fees are $5 per day...",
		"C 1 (c)|No person shall park here.",
		"C 1 (d)|The fee is 5 dollars.",
		"C 1 (e)|No \"agent\" shall request information.",
	};
	static const char *const nw[] = {
		"S 2-173-020|Prohibited activities " MDASH " general.",
		"C 1 (a)|No agent shall request the " LQ "Act" RQ " " NDASH " don" APOS "t ask.",
		"C 1 (b)|Fees are $5" NBSP "per  day\xe2\x80\xa6 ",
		"C 1 (c)|No person shall not park here.",
		"C 1 (d)|The fee is 6 dollars.",
		"C 1 (e)|No " LQ "agents" RQ " shall request information.",
	};
	ot_doc *a = MK(o), *b = MK(nw);
	ot_diff *d = diff_checked(a, b, 0);
	const ot_change *c;
	size_t k;
	CHECK(d != NULL);
	if (!d)
		goto out;
	CHECK(d->stats.typographic == 3 && d->stats.modified == 3 && d->stats.unchanged == 0);
	c = find_change(d, "2-173-020");
	CHECK(c && c->kind == OT_CHANGE_TYPOGRAPHIC && c->typographic == 1 && c->heading_ops);
	CHECK(c && c->old_heading && !strcmp(c->old_heading, "Prohibited activities - general."));
	c = find_change(d, "2-173-020(a)");
	CHECK(c && c->kind == OT_CHANGE_TYPOGRAPHIC && c->typographic == 1 && c->nops > 0);
	/* minimal ops: only the marks (and the word holding an apostrophe) */
	for (k = 0; c && k < c->nops; k++)
		if (c->ops[k].op != OT_OP_EQUAL)
			CHECK(!strstr(c->ops[k].text, "Act") && !strstr(c->ops[k].text, "ask"));
	c = find_change(d, "2-173-020(b)");
	CHECK(c && c->kind == OT_CHANGE_TYPOGRAPHIC);
	/* negative cases: a word, a digit, "shall" vs "shall not" */
	c = find_change(d, "2-173-020(c)");
	CHECK(c && c->kind == OT_CHANGE_MODIFIED && !c->typographic);
	c = find_change(d, "2-173-020(d)");
	CHECK(c && c->kind == OT_CHANGE_MODIFIED && !c->typographic);
	c = find_change(d, "2-173-020(e)");
	CHECK(c && c->kind == OT_CHANGE_MODIFIED && !c->typographic);
out:
	ot_diff_free(d);
	ot_doc_free(a);
	ot_doc_free(b);
}

TEST(typographic_renumbered)
{
	static const char *const o[] = {
		"S 4-4-010|Rules.",
		"C 1 (a)|First rule about parking on the street.",
		"C 1 (b)|The \"second\" rule about idling engines - always.",
	};
	static const char *const nw[] = {
		"S 4-4-010|Rules.",
		"C 1 (a)|First rule about parking on the street.",
		"C 1 (b)|A brand new rule about bicycle lanes and scooters.",
		"C 1 (c)|The " LQ "second" RQ " rule about idling engines " MDASH " always.",
	};
	ot_doc *a = MK(o), *b = MK(nw);
	ot_diff *d = diff_checked(a, b, 0);
	const ot_change *c = d ? find_change(d, "4-4-010(c)") : NULL;
	CHECK(c && c->kind == OT_CHANGE_RENUMBERED && c->typographic == 1 && c->nops > 0);
	CHECK(c && c->old_id && !strcmp(c->old_id, "4-4-010(b)"));
	CHECK(d && d->stats.renumbered == 1 && d->stats.typographic == 0 && d->stats.added == 1);
	ot_diff_free(d);
	ot_doc_free(a);
	ot_doc_free(b);
}

/* ---- the reconstruction law on random pairs ------------------------------ */

static uint64_t rs;
static unsigned rnd(unsigned n)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return n ? (unsigned)(rs % n) : 0;
}

static const char *const words[] = {
	"agent", "agency", "shall", "not", "request", "information", "the", "City",
	"person", "detain", "felony", "warrant", "of", "a", "in", "this", "section",
	"\xe2\x80\x9c" "agency\xe2\x80\x9d", "2-173-020", "\xc2\xa7", "\xe2\x80\x94", "don\xe2\x80\x99t", ",", ".",
};

static char *rand_text(void)
{
	ot_buf b = OT_BUF_INIT;
	unsigned n = rnd(4) == 0 ? 0 : 1 + rnd(10), i;
	for (i = 0; i < n; i++) {
		if (i)
			ot_buf_putc(&b, ' ');
		ot_buf_puts(&b, words[rnd(sizeof(words) / sizeof(words[0]))]);
	}
	return ot_buf_detach(&b);
}

static unsigned uniq;

static void set_str(char **p, char *v)
{
	free(*p);
	*p = v;
}

static char *marker(size_t depth, size_t idx)
{
	char buf[32];
	if (depth % 2)
		snprintf(buf, sizeof(buf), "(%c%s)", (char)('a' + idx % 26), idx >= 26 ? "x" : "");
	else
		snprintf(buf, sizeof(buf), "(%zu)", idx + 1);
	return strdup(buf);
}

static size_t depth_of(const ot_node *n)
{
	size_t d = 0;
	while (n->parent) {
		n = n->parent;
		d++;
	}
	return d;
}

/* Renumber the clause children of p by position (the cascade). */
static void renumber(ot_node *p)
{
	size_t i, k = 0, d = depth_of(p) + 1;
	for (i = 0; i < p->nchildren; i++)
		if (p->children[i]->kind == OT_NODE_CLAUSE)
			set_str(&p->children[i]->num, marker(d, k++));
}

static ot_node *new_clause(size_t depth)
{
	char buf[32];
	char *t = rand_text();
	ot_node *c;
	(void)depth;
	snprintf(buf, sizeof(buf), "(n%u)", uniq++);
	c = ot_node_new(OT_NODE_CLAUSE, "", buf, NULL, t);
	free(t);
	return c;
}

/* Every node of a document in pre-order (borrowed pointers). */
static size_t all_nodes(ot_doc *d, ot_node ***out)
{
	ot_node **v = NULL, **st = NULL;
	size_t n = 0, ns = 0, i;
	v = malloc(sizeof(*v) * (doc_units(d) + 1));
	st = malloc(sizeof(*st) * (doc_units(d) + 1));
	for (i = d->nsections; i > 0; i--)
		st[ns++] = d->sections[i - 1];
	while (ns) {
		ot_node *c = st[--ns];
		v[n++] = c;
		for (i = c->nchildren; i > 0; i--)
			st[ns++] = c->children[i - 1];
	}
	free(st);
	*out = v;
	return n;
}

static void insert_child(ot_node *p, ot_node *c, size_t at)
{
	ot_node_append(p, c);
	memmove(p->children + at + 1, p->children + at,
		(p->nchildren - 1 - at) * sizeof(*p->children));
	p->children[at] = c;
}

static void detach(ot_node *c)
{
	ot_node *p = c->parent;
	size_t i;
	for (i = 0; i < p->nchildren; i++)
		if (p->children[i] == c) {
			memmove(p->children + i, p->children + i + 1,
				(p->nchildren - i - 1) * sizeof(*p->children));
			p->nchildren--;
			break;
		}
	c->parent = NULL;
}

static ot_doc *rand_doc(void)
{
	ot_doc *d = ot_doc_new();
	unsigned ns = rnd(4), i, j;
	for (i = 0; i < ns; i++) {
		char num[32];
		char *h = rand_text();
		ot_node *s;
		snprintf(num, sizeof(num), "2-%u", uniq++);
		s = ot_node_new(OT_NODE_SECTION, num, num, h, NULL);
		free(h);
		ot_doc_append(d, s);
		for (j = rnd(8); j > 0; j--) {
			ot_node **v;
			size_t n = ot_node_count(s), k;
			/* a random parent within this section */
			ot_node **st = malloc(sizeof(*st) * (n + 1)), *p = s;
			size_t m = 0, pick = rnd((unsigned)n);
			st[m++] = s;
			(void)v;
			while (m) {
				ot_node *c = st[--m];
				if (pick-- == 0) {
					p = c;
					break;
				}
				for (k = 0; k < c->nchildren; k++)
					st[m++] = c->children[k];
			}
			free(st);
			if (p->kind == OT_NODE_TEXT || depth_of(p) > 3)
				p = s;
			if (rnd(6) == 0) {
				char *t = rand_text();
				ot_node_append(p, ot_node_new(OT_NODE_TEXT, "", NULL, NULL, t));
				free(t);
			} else {
				ot_node_append(p, new_clause(depth_of(p) + 1));
			}
			renumber(p);
		}
		fix_ids(s);
	}
	return d;
}

static ot_doc *clone_doc(const ot_doc *d)
{
	ot_doc *c = ot_doc_new();
	size_t i;
	for (i = 0; i < d->nsections; i++)
		ot_doc_append(c, ot_node_clone(d->sections[i]));
	return c;
}

/* One random edit of d. */
static void mutate(ot_doc *d)
{
	ot_node **v;
	size_t n = all_nodes(d, &v), i;
	ot_node *x = n ? v[rnd((unsigned)n)] : NULL;
	unsigned op = rnd(12);
	if (!x)
		op = 9;
	switch (op) {
	case 0:
	case 1: /* text edit */
		if (x->kind == OT_NODE_SECTION) {
			set_str(&x->heading, rand_text());
		} else {
			ot_buf b = OT_BUF_INIT;
			char *t = rand_text();
			size_t cut = x->text[0] ? rnd((unsigned)strlen(x->text)) : 0;
			ot_buf_put(&b, x->text, cut);
			ot_buf_puts(&b, rnd(2) ? t : " ");
			ot_buf_puts(&b, x->text + cut + (x->text[cut] ? rnd(4) : 0) * 0);
			free(t);
			set_str(&x->text, ot_buf_detach(&b));
		}
		break;
	case 2:
	case 3: { /* insert a clause (maybe a copy of another's text), cascade */
		ot_node *p = x->kind == OT_NODE_TEXT ? x->parent : x;
		ot_node *c = new_clause(0);
		if (rnd(3) == 0 && n) {
			ot_node *y = v[rnd((unsigned)n)];
			if (y->text)
				set_str(&c->text, strdup(y->text));
		}
		insert_child(p, c, rnd((unsigned)p->nchildren + 1));
		if (rnd(4))
			renumber(p);
		break;
	}
	case 4: /* delete a clause subtree */
		if (x->kind != OT_NODE_SECTION) {
			ot_node *p = x->parent;
			detach(x);
			ot_node_free(x);
			if (rnd(2))
				renumber(p);
		}
		break;
	case 5: { /* renumber (move) a section */
		ot_node *s = x;
		char num[32];
		while (s->parent)
			s = s->parent;
		snprintf(num, sizeof(num), "2-%u", uniq++);
		set_str(&s->num, strdup(num));
		break;
	}
	case 6: /* swap two sections */
		if (d->nsections > 1) {
			size_t a = rnd((unsigned)d->nsections), b = rnd((unsigned)d->nsections);
			ot_node *t = d->sections[a];
			d->sections[a] = d->sections[b];
			d->sections[b] = t;
		}
		break;
	case 7: /* TEXT node in or out */
		if (x->kind == OT_NODE_TEXT) {
			detach(x);
			ot_node_free(x);
		} else {
			char *t = rand_text();
			insert_child(x, ot_node_new(OT_NODE_TEXT, "", NULL, NULL, t),
				     rnd((unsigned)x->nchildren + 1));
			free(t);
		}
		break;
	case 8: /* move a clause under another parent */
		if (x->kind != OT_NODE_SECTION && n > 1) {
			ot_node *p = v[rnd((unsigned)n)], *q;
			for (q = p; q && q != x; q = q->parent)
				;
			if (q == x || p->kind == OT_NODE_TEXT)
				break;
			{
				ot_node *old = x->parent;
				detach(x);
				renumber(old);
				insert_child(p, x, rnd((unsigned)p->nchildren + 1));
				renumber(p);
			}
		}
		break;
	case 9: { /* new section */
		ot_doc *e = rand_doc();
		for (i = 0; i < e->nsections; i++)
			ot_doc_append(d, e->sections[i]);
		e->nsections = 0;
		ot_doc_free(e);
		break;
	}
	case 11: { /* typographic edit: another form of a quote, dash, space */
		static const char *const forms[][2] = {
			{"\xe2\x80\x99", "'"}, {"\xe2\x80\x9c", "\""}, {"\xe2\x80\x94", "-"},
			{" ", "\xc2\xa0"}, {" ", " \xe2\x80\x8b "}, {",", ",\xe2\x80\x8b"},
		};
		char **t = x->kind == OT_NODE_SECTION ? &x->heading : &x->text;
		unsigned f = rnd(sizeof(forms) / sizeof(forms[0]));
		const char *at = *t ? strstr(*t, forms[f][0]) : NULL;
		if (at) {
			ot_buf b = OT_BUF_INIT;
			ot_buf_put(&b, *t, (size_t)(at - *t));
			ot_buf_puts(&b, forms[f][1]);
			ot_buf_puts(&b, at + strlen(forms[f][0]));
			set_str(t, ot_buf_detach(&b));
		}
		break;
	}
	case 10: /* remove a section */
		if (d->nsections) {
			size_t a = rnd((unsigned)d->nsections);
			ot_node_free(d->sections[a]);
			memmove(d->sections + a, d->sections + a + 1,
				(d->nsections - a - 1) * sizeof(*d->sections));
			d->nsections--;
		}
		break;
	}
	free(v);
	for (i = 0; i < d->nsections; i++)
		fix_ids(d->sections[i]);
}

TEST(reconstruction_property)
{
	int iter, bad = 0;
	size_t kinds[5] = {0}, typo_renumbered = 0;
	clock_t t0 = clock();
	rs = 0x2545f4914f6cdd1dull;
	for (iter = 0; iter < 8000; iter++) {
		ot_doc *a = rand_doc(), *b = clone_doc(a);
		unsigned m = 1 + rnd(6), k;
		int before = test_failed_checks;
		ot_diff *d;
		for (k = 0; k < m; k++)
			mutate(b);
		d = diff_checked(a, b, iter & 1);
		if (!d)
			CHECK(0);
		if (d) {
			size_t q;
			for (q = 0; q < d->nchanges; q++) {
				kinds[d->changes[q].kind]++;
				typo_renumbered += d->changes[q].kind == OT_CHANGE_RENUMBERED &&
						   d->changes[q].typographic;
			}
		}
		ot_diff_free(d);
		if (test_failed_checks != before && bad++ < 3) {
			ot_buf s = OT_BUF_INIT;
			ot_doc_canonical(&s, a);
			ot_buf_puts(&s, "=====\n");
			ot_doc_canonical(&s, b);
			printf("# iteration %d:\n%s", iter, s.ptr);
			ot_buf_release(&s);
		}
		ot_doc_free(a);
		ot_doc_free(b);
	}
	printf("# reconstruction: 8000 pairs in %.2f s; changes: %zu added, %zu removed, "
	       "%zu modified, %zu renumbered, %zu typographic (%zu renumbered typographic)\n",
	       (double)(clock() - t0) / CLOCKS_PER_SEC, kinds[0], kinds[1], kinds[2], kinds[3],
	       kinds[4], typo_renumbered);
	/* the generator must exercise every kind of change */
	CHECK(kinds[0] > 3000 && kinds[1] > 3000 && kinds[2] > 1000 && kinds[3] > 1000);
	CHECK(kinds[4] > 300 && typo_renumbered > 10);
}

int main(void)
{
	RUN(identical_docs);
	RUN(insert_b_cascade);
	RUN(modified_clause_ops);
	RUN(remove_subclauses);
	RUN(section_added);
	RUN(section_removed);
	RUN(section_moved);
	RUN(similarity_pairing);
	RUN(heading_changed);
	RUN(empty_docs);
	RUN(bad_input);
	RUN(typographic_clause);
	RUN(typographic_renumbered);
	RUN(renumbering_only_when_convincing);
	RUN(swapped_clauses_are_moved);
	RUN(reconstruction_property);
	return test_summary();
}
