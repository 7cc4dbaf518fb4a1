/*
 * test_merge.c - three-way clause merge (ot_merge3) and ot_diff_touched:
 * disjoint edits, identical and conflicting edits, removal against edit,
 * the renumbering cascade, sections added on both sides, the "one side
 * unchanged" laws, and a seeded property test: ours edits one half of the
 * sections, theirs the other half, and the merge must equal the document
 * built directly with both edit sets applied (and parse back from its
 * canonical text).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "ordtrack/buf.h"
#include "ordtrack/common.h"
#include "ordtrack/diff.h"
#include "ordtrack/doc.h"
#include "ordtrack/merge.h"
#include "test.h"
#include "testdoc.h"

#define OT_ARRAY_LEN_T(a) (sizeof(a) / sizeof((a)[0]))

/* ---- building trees: mk, MK, fix_ids, docs_equal in testdoc.h ----------- */

static void print_doc(const char *label, const ot_doc *d)
{
	ot_buf b = OT_BUF_INIT;
	if (d)
		ot_doc_canonical(&b, d);
	printf("# --- %s\n", label);
	{
		const char *p = b.ptr, *e;
		while (*p) {
			e = strchr(p, '\n');
			if (!e)
				e = p + strlen(p);
			printf("#   %.*s\n", (int)(e - p), p);
			p = *e ? e + 1 : e;
		}
	}
	ot_buf_release(&b);
}

static void print_conflicts(const ot_merge_result *r)
{
	size_t i;
	for (i = 0; i < r->nconflicts; i++)
		printf("#   conflict %s: %s\n", r->conflicts[i].id, r->conflicts[i].reason);
}

/* The canonical text of d parses back to the same sections. */
static int parses_back(const ot_doc *d)
{
	ot_buf b = OT_BUF_INIT;
	ot_doc *back = NULL;
	int ok;
	if (!d->nsections)
		return 1; /* nothing to read back */
	ot_doc_canonical(&b, d);
	if (ot_doc_parse_text(&back, b.ptr, b.len, "merged") < 0) {
		printf("#   parse back failed: %s\n", ot_error_last());
		ok = 0;
	} else {
		ok = docs_equal(back, d);
		if (!ok && getenv("MERGE_DEBUG")) {
			print_doc("canonical", d);
			print_doc("parsed back", back);
		}
	}
	ot_doc_free(back);
	ot_buf_release(&b);
	return ok;
}

/* Merge, check it is clean and equal to `want`. */
static void check_clean(const ot_doc *base, const ot_doc *ours, const ot_doc *theirs,
			const ot_doc *want)
{
	ot_merge_result r;
	int rc = ot_merge3(&r, base, ours, theirs);
	CHECK(rc == 0);
	CHECK(r.nconflicts == 0 && r.conflicts == NULL);
	CHECK(r.doc != NULL);
	CHECK(docs_equal(r.doc, want));
	if (r.doc && !docs_equal(r.doc, want)) {
		print_doc("merged", r.doc);
		print_doc("expected", want);
	}
	print_conflicts(&r);
	if (r.doc)
		CHECK(parses_back(r.doc));
	ot_merge_result_release(&r);
}

/* ---- cases --------------------------------------------------------------- */

static const char *const base_spec[] = {
	"S 2-173-020|Prohibited activities.",
	"C 1 (a)|No agent or agency shall request information about citizenship.",
	"C 1 (b)|No agent shall detain a person on the basis of an immigration detainer.",
	"C 2 (1)|the person is the subject of a criminal warrant;",
	"C 2 (2)|the person has been convicted of a felony;",
	"C 1 (c)|Nothing in this section shall prohibit cooperation with federal authorities.",
	"C 1 (d)|This section applies to every agency of the City.",
	"S 2-173-042|Exceptions.",
	"C 1 (a)|Except as provided in subsection (b), no agent shall detain.",
	"C 1 (b)|This section does not apply when:",
	"C 2 (1)|the subject is a gang member;",
	"C 2 (2)|the subject has been arrested for a felony;",
	"C 2 (3)|the subject has a pending felony charge;",
	"C 2 (4)|the subject has been convicted of a felony.",
	"C 1 (c)|Reporting is required every quarter.",
};

/* base_spec with line `line` replaced by `with` (NULL: removed). */
static ot_doc *mk_edit(size_t line, const char *with, size_t line2, const char *with2)
{
	const char *v[64];
	size_t i, n = 0;
	for (i = 0; i < OT_ARRAY_LEN_T(base_spec); i++) {
		const char *l = base_spec[i];
		if (i == line)
			l = with;
		else if (i == line2)
			l = with2;
		if (l)
			v[n++] = l;
	}
	return mk(v, n);
}

TEST(disjoint_sections)
{
	ot_doc *b = MK(base_spec);
	ot_doc *o = mk_edit(1, "C 1 (a)|No agent or agency shall ask about citizenship.", 99, NULL);
	ot_doc *t = mk_edit(14, "C 1 (c)|Reporting is required every month.", 99, NULL);
	ot_doc *want = mk_edit(1, "C 1 (a)|No agent or agency shall ask about citizenship.", 14,
			       "C 1 (c)|Reporting is required every month.");
	check_clean(b, o, t, want);
	ot_doc_free(b);
	ot_doc_free(o);
	ot_doc_free(t);
	ot_doc_free(want);
}

TEST(disjoint_clauses_one_section)
{
	ot_doc *b = MK(base_spec);
	ot_doc *o = mk_edit(1, "C 1 (a)|No agent or agency shall ask about citizenship.", 99, NULL);
	ot_doc *t = mk_edit(6, "C 1 (d)|This section applies to every agency and officer of the City.",
			    99, NULL);
	ot_doc *want = mk_edit(1, "C 1 (a)|No agent or agency shall ask about citizenship.", 6,
			       "C 1 (d)|This section applies to every agency and officer of the City.");
	check_clean(b, o, t, want);
	/* and a heading on one side, a clause of the same section on the other */
	{
		ot_doc *o2 = mk_edit(0, "S 2-173-020|Prohibited activities; scope.", 99, NULL);
		ot_doc *want2 = mk_edit(0, "S 2-173-020|Prohibited activities; scope.", 6,
					"C 1 (d)|This section applies to every agency and officer of the City.");
		check_clean(b, o2, t, want2);
		ot_doc_free(o2);
		ot_doc_free(want2);
	}
	ot_doc_free(b);
	ot_doc_free(o);
	ot_doc_free(t);
	ot_doc_free(want);
}

TEST(same_edit_both_sides)
{
	ot_doc *b = MK(base_spec);
	ot_doc *o = mk_edit(4, "C 2 (2)|the person has been convicted of a violent felony;", 99, NULL);
	ot_doc *t = mk_edit(4, "C 2 (2)|the person has been convicted of a violent felony;", 99, NULL);
	check_clean(b, o, t, o);
	ot_doc_free(b);
	ot_doc_free(o);
	ot_doc_free(t);
}

TEST(different_edits_conflict)
{
	ot_doc *b = MK(base_spec);
	ot_doc *o = mk_edit(1, "C 1 (a)|No agent or agency shall ask about citizenship.", 14,
			    "C 1 (c)|Reporting is required every month.");
	ot_doc *t = mk_edit(1, "C 1 (a)|No agent shall request information about citizenship.", 99,
			    NULL);
	ot_merge_result r;
	CHECK(ot_merge3(&r, b, o, t) == 0);
	CHECK(r.doc == NULL);
	CHECK(r.nconflicts == 1);
	if (r.nconflicts == 1) {
		const ot_merge_conflict *c = &r.conflicts[0];
		CHECK_STR(c->id, "2-173-020(a)");
		CHECK_STR(c->base_text,
			  "No agent or agency shall request information about citizenship.");
		CHECK_STR(c->ours_text, "No agent or agency shall ask about citizenship.");
		CHECK_STR(c->theirs_text, "No agent shall request information about citizenship.");
		CHECK_STR(c->reason, "changed differently by both");
	}
	ot_merge_result_release(&r);
	CHECK(r.doc == NULL && r.conflicts == NULL && r.nconflicts == 0);
	ot_merge_result_release(&r); /* twice is harmless */
	ot_doc_free(b);
	ot_doc_free(o);
	ot_doc_free(t);
}

TEST(theirs_removes_subclauses_ours_edits_a)
{
	static const char *const tspec[] = {
		"S 2-173-020|Prohibited activities.",
		"C 1 (a)|No agent or agency shall request information about citizenship.",
		"C 1 (b)|No agent shall detain a person on the basis of an immigration detainer.",
		"C 2 (1)|the person is the subject of a criminal warrant;",
		"C 2 (2)|the person has been convicted of a felony;",
		"C 1 (c)|Nothing in this section shall prohibit cooperation with federal authorities.",
		"C 1 (d)|This section applies to every agency of the City.",
		"S 2-173-042|Exceptions.",
		"C 1 (a)|Except as provided in subsection (b), no agent shall detain.",
		"C 1 (b)|This section does not apply.",
		"C 1 (c)|Reporting is required every quarter.",
	};
	static const char *const wspec[] = {
		"S 2-173-020|Prohibited activities.",
		"C 1 (a)|No agent or agency shall request information about citizenship.",
		"C 1 (b)|No agent shall detain a person on the basis of an immigration detainer.",
		"C 2 (1)|the person is the subject of a criminal warrant;",
		"C 2 (2)|the person has been convicted of a felony;",
		"C 1 (c)|Nothing in this section shall prohibit cooperation with federal authorities.",
		"C 1 (d)|This section applies to every agency of the City.",
		"S 2-173-042|Exceptions.",
		"C 1 (a)|Except as provided by law, no agent shall detain.",
		"C 1 (b)|This section does not apply.",
		"C 1 (c)|Reporting is required every quarter.",
	};
	ot_doc *b = MK(base_spec), *t = MK(tspec), *want = MK(wspec);
	ot_doc *o = mk_edit(8, "C 1 (a)|Except as provided by law, no agent shall detain.", 99, NULL);
	check_clean(b, o, t, want);
	ot_doc_free(b);
	ot_doc_free(o);
	ot_doc_free(t);
	ot_doc_free(want);
}

TEST(theirs_removes_clause_ours_edited)
{
	ot_doc *b = MK(base_spec);
	ot_doc *o = mk_edit(11, "C 2 (2)|the subject has been arrested twice for a felony;", 99, NULL);
	ot_doc *t = mk_edit(11, NULL, 99, NULL); /* (b)(2) gone, (3) (4) keep numbers */
	ot_merge_result r;
	CHECK(ot_merge3(&r, b, o, t) == 0);
	CHECK(r.doc == NULL);
	CHECK(r.nconflicts == 1);
	if (r.nconflicts == 1) {
		CHECK_STR(r.conflicts[0].id, "2-173-042(b)(2)");
		CHECK_STR(r.conflicts[0].reason, "removed by one side, changed by the other");
		CHECK(r.conflicts[0].theirs_text == NULL);
		CHECK_STR(r.conflicts[0].ours_text,
			  "the subject has been arrested twice for a felony;");
	}
	print_conflicts(&r);
	ot_merge_result_release(&r);
	/* the other way round: ours removes what theirs edited */
	CHECK(ot_merge3(&r, b, t, o) == 0);
	CHECK(r.doc == NULL && r.nconflicts == 1);
	if (r.nconflicts == 1)
		CHECK(r.conflicts[0].ours_text == NULL && r.conflicts[0].theirs_text != NULL);
	ot_merge_result_release(&r);
	ot_doc_free(b);
	ot_doc_free(o);
	ot_doc_free(t);
}

/* theirs: a new (b) in 2-173-020, pushing (b) (c) (d) to (c) (d) (e) */
static const char *const cascade_spec[] = {
	"S 2-173-020|Prohibited activities.",
	"C 1 (a)|No agent or agency shall request information about citizenship.",
	"C 1 (b)|No agent shall arrest a person solely for a civil immigration violation.",
	"C 1 (c)|No agent shall detain a person on the basis of an immigration detainer.",
	"C 2 (1)|the person is the subject of a criminal warrant;",
	"C 2 (2)|the person has been convicted of a felony;",
	"C 1 (d)|Nothing in this section shall prohibit cooperation with federal authorities.",
	"C 1 (e)|This section applies to every agency of the City.",
	"S 2-173-042|Exceptions.",
	"C 1 (a)|Except as provided in subsection (b), no agent shall detain.",
	"C 1 (b)|This section does not apply when:",
	"C 2 (1)|the subject is a gang member;",
	"C 2 (2)|the subject has been arrested for a felony;",
	"C 2 (3)|the subject has a pending felony charge;",
	"C 2 (4)|the subject has been convicted of a felony.",
	"C 1 (c)|Reporting is required every quarter.",
};

TEST(cascade_onto_other_section_edit)
{
	ot_doc *b = MK(base_spec), *t = MK(cascade_spec);
	ot_doc *o = mk_edit(14, "C 1 (c)|Reporting is required every month.", 99, NULL);
	const char *w[OT_ARRAY_LEN_T(cascade_spec)];
	ot_doc *want;
	size_t i;
	for (i = 0; i < OT_ARRAY_LEN_T(cascade_spec); i++)
		w[i] = cascade_spec[i];
	w[15] = "C 1 (c)|Reporting is required every month.";
	want = mk(w, OT_ARRAY_LEN_T(cascade_spec));
	check_clean(b, o, t, want);
	/* symmetric: the cascade on ours' side */
	check_clean(b, t, o, want);
	ot_doc_free(b);
	ot_doc_free(o);
	ot_doc_free(t);
	ot_doc_free(want);
}

TEST(cascade_onto_edit_of_old_b)
{
	ot_doc *b = MK(base_spec), *t = MK(cascade_spec);
	/* ours edits the text of the old (b) and of its (1) */
	ot_doc *o = mk_edit(2, "C 1 (b)|No agent shall detain any person on an immigration detainer.",
			    3, "C 2 (1)|the person is named in a criminal warrant;");
	const char *w[OT_ARRAY_LEN_T(cascade_spec)];
	ot_doc *want, *t2;
	ot_merge_result r;
	size_t i;
	for (i = 0; i < OT_ARRAY_LEN_T(cascade_spec); i++)
		w[i] = cascade_spec[i];
	w[3] = "C 1 (c)|No agent shall detain any person on an immigration detainer.";
	w[4] = "C 2 (1)|the person is named in a criminal warrant;";
	want = mk(w, OT_ARRAY_LEN_T(cascade_spec));
	check_clean(b, o, t, want);

	/* theirs also edits the old (b), differently: conflict */
	for (i = 0; i < OT_ARRAY_LEN_T(cascade_spec); i++)
		w[i] = cascade_spec[i];
	w[3] = "C 1 (c)|No agent shall detain a person on the basis of a federal detainer.";
	t2 = mk(w, OT_ARRAY_LEN_T(cascade_spec));
	CHECK(ot_merge3(&r, b, o, t2) == 0);
	CHECK(r.doc == NULL && r.nconflicts == 1);
	if (r.nconflicts == 1) {
		CHECK_STR(r.conflicts[0].id, "2-173-020(b)");
		CHECK_STR(r.conflicts[0].reason, "changed differently by both");
	}
	ot_merge_result_release(&r);

	/* ours appends an (e) while theirs' cascade makes one too */
	{
		static const char *const ospec[] = {
			"S 2-173-020|Prohibited activities.",
			"C 1 (a)|No agent or agency shall request information about citizenship.",
			"C 1 (b)|No agent shall detain a person on the basis of an immigration detainer.",
			"C 2 (1)|the person is the subject of a criminal warrant;",
			"C 2 (2)|the person has been convicted of a felony;",
			"C 1 (c)|Nothing in this section shall prohibit cooperation with federal authorities.",
			"C 1 (d)|This section applies to every agency of the City.",
			"C 1 (e)|Severability of every provision is declared.",
			"S 2-173-042|Exceptions.",
			"C 1 (a)|Except as provided in subsection (b), no agent shall detain.",
			"C 1 (b)|This section does not apply when:",
			"C 2 (1)|the subject is a gang member;",
			"C 2 (2)|the subject has been arrested for a felony;",
			"C 2 (3)|the subject has a pending felony charge;",
			"C 2 (4)|the subject has been convicted of a felony.",
			"C 1 (c)|Reporting is required every quarter.",
		};
		ot_doc *o3 = MK(ospec);
		CHECK(ot_merge3(&r, b, o3, t) == 0);
		CHECK(r.doc == NULL && r.nconflicts == 1);
		if (r.nconflicts == 1)
			CHECK_STR(r.conflicts[0].id, "2-173-020(e)");
		ot_merge_result_release(&r);
		ot_doc_free(o3);
	}
	ot_doc_free(b);
	ot_doc_free(o);
	ot_doc_free(t);
	ot_doc_free(t2);
	ot_doc_free(want);
}

static const char *const sec_base[] = {
	"S 2-173-010|Title.",
	"C 1 (a)|This chapter shall be known as the Welcoming City Ordinance.",
	"S 2-173-060|Severability.",
	"C 1 (a)|If any provision of this chapter is held invalid, the rest stands.",
};

TEST(sections_added_both_sides)
{
	static const char *const o_spec[] = {
		"S 2-173-010|Title.",
		"C 1 (a)|This chapter shall be known as the Welcoming City Ordinance.",
		"S 2-173-060|Severability.",
		"C 1 (a)|If any provision of this chapter is held invalid, the rest stands.",
		"S 2-173-080|Reports.",
		"C 1 (a)|The Mayor shall report to the Council every year.",
	};
	static const char *const t_spec[] = {
		"S 2-173-010|Title.",
		"C 1 (a)|This chapter shall be known as the Welcoming City Ordinance.",
		"S 2-173-060|Severability.",
		"C 1 (a)|If any provision of this chapter is held invalid, the rest stands.",
		"S 2-173-070|Training.",
		"C 1 (a)|Every agent shall be trained in the requirements of this chapter.",
		"C 2 (1)|within ninety days of hire;",
	};
	static const char *const w_spec[] = {
		"S 2-173-010|Title.",
		"C 1 (a)|This chapter shall be known as the Welcoming City Ordinance.",
		"S 2-173-060|Severability.",
		"C 1 (a)|If any provision of this chapter is held invalid, the rest stands.",
		"S 2-173-070|Training.",
		"C 1 (a)|Every agent shall be trained in the requirements of this chapter.",
		"C 2 (1)|within ninety days of hire;",
		"S 2-173-080|Reports.",
		"C 1 (a)|The Mayor shall report to the Council every year.",
	};
	static const char *const t2_spec[] = {
		"S 2-173-010|Title.",
		"C 1 (a)|This chapter shall be known as the Welcoming City Ordinance.",
		"S 2-173-060|Severability.",
		"C 1 (a)|If any provision of this chapter is held invalid, the rest stands.",
		"S 2-173-070|Reports.",
		"C 1 (a)|The Mayor shall report to the Council every month.",
	};
	static const char *const o2_spec[] = {
		"S 2-173-010|Title.",
		"C 1 (a)|This chapter shall be known as the Welcoming City Ordinance.",
		"S 2-173-060|Severability.",
		"C 1 (a)|If any provision of this chapter is held invalid, the rest stands.",
		"S 2-173-070|Reports.",
		"C 1 (a)|The Mayor shall report to the Council every year.",
	};
	ot_doc *b = MK(sec_base), *o = MK(o_spec), *t = MK(t_spec), *want = MK(w_spec);
	ot_doc *t2 = MK(t2_spec), *o2 = MK(o2_spec);
	ot_merge_result r;
	check_clean(b, o, t, want);
	check_clean(b, t, o, want); /* 080 after 070 by number either way */
	/* both add 2-173-070 with different text */
	CHECK(ot_merge3(&r, b, o2, t2) == 0);
	CHECK(r.doc == NULL && r.nconflicts == 1);
	if (r.nconflicts == 1) {
		CHECK_STR(r.conflicts[0].id, "2-173-070(a)");
		CHECK_STR(r.conflicts[0].reason, "added by both with different text");
		CHECK(r.conflicts[0].base_text == NULL);
		CHECK_STR(r.conflicts[0].ours_text,
			  "The Mayor shall report to the Council every year.");
		CHECK_STR(r.conflicts[0].theirs_text,
			  "The Mayor shall report to the Council every month.");
	}
	print_conflicts(&r);
	ot_merge_result_release(&r);
	/* both add it identically: once */
	check_clean(b, o2, o2, o2);
	ot_doc_free(b);
	ot_doc_free(o);
	ot_doc_free(t);
	ot_doc_free(want);
	ot_doc_free(t2);
	ot_doc_free(o2);
}

TEST(section_removed_by_theirs)
{
	static const char *const t_spec[] = {
		"S 2-173-010|Title.",
		"C 1 (a)|This chapter shall be known as the Welcoming City Ordinance.",
	};
	static const char *const o_spec[] = {
		"S 2-173-010|Short title.",
		"C 1 (a)|This chapter shall be known as the Welcoming City Ordinance.",
		"S 2-173-060|Severability.",
		"C 1 (a)|If any provision of this chapter is held invalid, the rest stands.",
	};
	static const char *const w_spec[] = {
		"S 2-173-010|Short title.",
		"C 1 (a)|This chapter shall be known as the Welcoming City Ordinance.",
	};
	static const char *const o2_spec[] = {
		"S 2-173-010|Title.",
		"C 1 (a)|This chapter shall be known as the Welcoming City Ordinance.",
		"S 2-173-060|Severability.",
		"C 1 (a)|If any provision of this chapter is held invalid, the rest stands.",
		"C 1 (b)|This section takes effect at once.",
	};
	ot_doc *b = MK(sec_base), *t = MK(t_spec), *o = MK(o_spec), *want = MK(w_spec);
	ot_doc *o2 = MK(o2_spec);
	ot_merge_result r;
	check_clean(b, o, t, want);
	/* ours adds a clause to the section theirs removes */
	CHECK(ot_merge3(&r, b, o2, t) == 0);
	CHECK(r.doc == NULL && r.nconflicts == 1);
	if (r.nconflicts == 1) {
		CHECK_STR(r.conflicts[0].id, "2-173-060(b)");
		CHECK_STR(r.conflicts[0].reason, "added under a unit the other side removed");
	}
	ot_merge_result_release(&r);
	ot_doc_free(b);
	ot_doc_free(t);
	ot_doc_free(o);
	ot_doc_free(want);
	ot_doc_free(o2);
}

TEST(theirs_addition_placement)
{
	/* theirs adds (b)(3) after (b)(2) and a TEXT paragraph first in
	 * 2-173-042; ours inserts a new (b) in 2-173-042 */
	static const char *const t_spec[] = {
		"S 2-173-042|Exceptions.",
		"T 1|Preamble of the exceptions.",
		"C 1 (a)|Except as provided in subsection (b), no agent shall detain.",
		"C 1 (b)|This section does not apply when:",
		"C 2 (1)|the subject is a gang member;",
		"C 2 (2)|the subject has been arrested for a felony;",
		"C 2 (3)|the subject is on a watch list;",
		"C 1 (c)|Reporting is required every quarter.",
	};
	static const char *const b_spec[] = {
		"S 2-173-042|Exceptions.",
		"C 1 (a)|Except as provided in subsection (b), no agent shall detain.",
		"C 1 (b)|This section does not apply when:",
		"C 2 (1)|the subject is a gang member;",
		"C 2 (2)|the subject has been arrested for a felony;",
		"C 1 (c)|Reporting is required every quarter.",
	};
	static const char *const o_spec[] = {
		"S 2-173-042|Exceptions.",
		"C 1 (a)|Except as provided in subsection (b), no agent shall detain.",
		"C 1 (b)|Local police shall keep no immigration database whatsoever.",
		"C 1 (c)|This section does not apply when:",
		"C 2 (1)|the subject is a gang member;",
		"C 2 (2)|the subject has been arrested for a felony;",
		"C 1 (d)|Reporting is required every quarter.",
	};
	static const char *const w_spec[] = {
		"S 2-173-042|Exceptions.",
		"T 1|Preamble of the exceptions.",
		"C 1 (a)|Except as provided in subsection (b), no agent shall detain.",
		"C 1 (b)|Local police shall keep no immigration database whatsoever.",
		"C 1 (c)|This section does not apply when:",
		"C 2 (1)|the subject is a gang member;",
		"C 2 (2)|the subject has been arrested for a felony;",
		"C 2 (3)|the subject is on a watch list;",
		"C 1 (d)|Reporting is required every quarter.",
	};
	ot_doc *b = MK(b_spec), *t = MK(t_spec), *o = MK(o_spec), *want = MK(w_spec);
	check_clean(b, o, t, want);
	ot_doc_free(b);
	ot_doc_free(t);
	ot_doc_free(o);
	ot_doc_free(want);
}

TEST(one_side_unchanged_is_other_side)
{
	ot_doc *b = MK(base_spec), *t = MK(cascade_spec);
	ot_doc *o = mk_edit(1, "C 1 (a)|No agent or agency shall ask about citizenship.", 99, NULL);
	ot_merge_result r;
	b->title = strdup("Welcoming City");
	CHECK(ot_merge3(&r, b, b, t) == 0);
	CHECK(r.nconflicts == 0 && docs_equal(r.doc, t));
	CHECK(r.doc && r.doc->title == NULL); /* theirs dropped the title */
	ot_merge_result_release(&r);
	CHECK(ot_merge3(&r, b, o, b) == 0);
	CHECK(r.nconflicts == 0 && docs_equal(r.doc, o));
	ot_merge_result_release(&r);
	CHECK(ot_merge3(&r, b, b, b) == 0);
	CHECK(r.nconflicts == 0 && docs_equal(r.doc, b));
	CHECK(r.doc && r.doc->title && strcmp(r.doc->title, "Welcoming City") == 0);
	ot_merge_result_release(&r);
	ot_doc_free(b);
	ot_doc_free(o);
	ot_doc_free(t);
}

TEST(bad_arguments)
{
	ot_doc *b = MK(base_spec), *dup = MK(base_spec);
	ot_merge_result r;
	CHECK(ot_merge3(&r, NULL, b, b) == OT_EINVALID);
	CHECK(r.doc == NULL && r.nconflicts == 0);
	CHECK(strstr(ot_error_last(), "base") != NULL);
	CHECK(ot_merge3(NULL, b, b, b) == OT_EINVALID);
	/* a duplicate id in one input */
	free(dup->sections[0]->children[1]->id);
	dup->sections[0]->children[1]->id = strdup(dup->sections[0]->children[0]->id);
	CHECK(ot_merge3(&r, b, dup, b) < 0);
	CHECK(r.doc == NULL && r.conflicts == NULL);
	ot_merge_result_release(&r);
	ot_merge_result_release(NULL);
	ot_doc_free(b);
	ot_doc_free(dup);
}

TEST(touched_small_diff)
{
	static const char *const o_spec[] = {
		"S 2-173-020|Prohibited activities.",
		"C 1 (a)|No agent or agency shall request information about citizenship.",
		"C 1 (b)|No agent shall detain a person on an immigration detainer.",
		"C 2 (1)|the person is the subject of a criminal warrant;",
		"S 2-173-042|Exceptions.",
		"C 1 (a)|Reporting is required every quarter.",
		"C 1 (b)|Sunset after five years.",
	};
	static const char *const n_spec[] = {
		"S 2-173-020|Prohibited activities.",
		"C 1 (a)|Every agency shall publish its policies on the web.",
		"C 1 (b)|No agent or agency shall request information about citizenship.",
		"C 1 (c)|No agent shall detain a person on an immigration detainer.",
		"C 2 (1)|the person is the subject of a criminal warrant;",
		"C 2 (2)|the person was convicted of a violent crime;",
		"S 2-173-042|Exceptions.",
		"C 1 (a)|Reporting is required every month.",
	};
	static const char *const want[] = {
		"2-173-020",          /* parent of the new (a) */
		"2-173-020(a)",       /* renumbered to (b), and the new (a) */
		"2-173-020(b)",       /* renumbered to (c); parent of (c)(2) as in base */
		"2-173-020(c)(2)",    /* added */
		"2-173-042(a)",       /* modified */
		"2-173-042(b)",       /* removed */
	};
	ot_doc *a = MK(o_spec), *b = MK(n_spec);
	ot_diff *d = NULL;
	char **ids = NULL;
	size_t n = 0, i;
	CHECK(ot_diff_compute(&d, a, b, NULL) == 0);
	CHECK(d && ot_diff_touched(&ids, &n, d) == 0);
	CHECK(n == OT_ARRAY_LEN_T(want));
	for (i = 0; i < n; i++) {
		if (i < OT_ARRAY_LEN_T(want))
			CHECK_STR(ids[i], want[i]);
		if (i && strcmp(ids[i - 1], ids[i]) >= 0)
			CHECK(0); /* sorted, unique */
	}
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	/* no changes: empty; no diff: error */
	ot_diff_free(d);
	d = NULL;
	CHECK(ot_diff_compute(&d, a, a, NULL) == 0);
	CHECK(d && ot_diff_touched(&ids, &n, d) == 0 && n == 0 && ids == NULL);
	CHECK(ot_diff_touched(&ids, &n, NULL) == OT_EINVALID && n == 0 && ids == NULL);
	ot_diff_free(d);
	ot_doc_free(a);
	ot_doc_free(b);
}

/* ---- property test -------------------------------------------------------- */

static uint64_t rng_state;
static unsigned round_trips, both_sides;

static unsigned rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return n ? (unsigned)(rng_state % n) : 0;
}

static const char *const words[] = {
	"agent",  "agency", "shall", "not",     "detain",   "person", "city",   "council",
	"record", "notice", "within", "days",   "federal",  "law",    "report", "annual",
	"public", "safety", "officer", "permit", "license", "fee",    "vote",   "member",
	"clerk",  "budget", "hearing", "appeal", "ward",    "zoning", "street", "water",
};

static char *rand_text(void)
{
	ot_buf b = OT_BUF_INIT;
	unsigned n = 3 + rnd(8), i;
	for (i = 0; i < n; i++) {
		if (i)
			ot_buf_putc(&b, ' ');
		ot_buf_puts(&b, words[rnd(OT_ARRAY_LEN_T(words))]);
	}
	ot_buf_printf(&b, " %u.", rnd(1000));
	return ot_buf_detach(&b);
}

/* A heading as councils write one: capitalised. */
static char *rand_heading(void)
{
	char *h = rand_text();
	h[0] = (char)(h[0] - 'a' + 'A');
	return h;
}

static void set_str(char **slot, char *s)
{
	free(*slot);
	*slot = s;
}

/* Markers from positions: depth 1 letters, depth 2 numbers. */
static void renumber(ot_node *p, int depth)
{
	size_t i;
	unsigned k = 0;
	for (i = 0; i < p->nchildren; i++) {
		ot_node *c = p->children[i];
		char num[16];
		if (c->kind == OT_NODE_TEXT)
			continue;
		if (depth == 1)
			snprintf(num, sizeof(num), "(%c)", 'a' + k++);
		else
			snprintf(num, sizeof(num), "(%u)", ++k);
		set_str(&c->num, strdup(num));
	}
}

static void insert_child(ot_node *p, ot_node *c, size_t at)
{
	ot_node_append(p, c);
	memmove(p->children + at + 1, p->children + at,
		(p->nchildren - 1 - at) * sizeof(*p->children));
	p->children[at] = c;
}

static void remove_child(ot_node *p, size_t at)
{
	ot_node_free(p->children[at]);
	memmove(p->children + at, p->children + at + 1,
		(p->nchildren - at - 1) * sizeof(*p->children));
	p->nchildren--;
}

static ot_node *new_clause(void)
{
	char *t = rand_text();
	ot_node *c = ot_node_new(OT_NODE_CLAUSE, "", "(x)", NULL, t);
	free(t);
	return c;
}

static ot_node *rand_section(const char *num)
{
	char *h = rand_heading();
	ot_node *s = ot_node_new(OT_NODE_SECTION, num, num, h, NULL);
	unsigned nc = rnd(6), i, j;
	free(h);
	for (i = 0; i < nc; i++) {
		ot_node *c = new_clause();
		unsigned nk = rnd(4) == 0 ? 1 + rnd(3) : 0;
		ot_node_append(s, c);
		for (j = 0; j < nk; j++)
			ot_node_append(c, new_clause());
		renumber(c, 2);
	}
	/* a preamble: the parser gives a paragraph to the parent of the
	 * last clause, so only a paragraph before the clauses (or after a
	 * clause without sub-clauses) reads back as the section's */
	if (rnd(6) == 0) {
		char *t = rand_text();
		insert_child(s, ot_node_new(OT_NODE_TEXT, "", NULL, NULL, t), 0);
		free(t);
	}
	renumber(s, 1);
	fix_ids(s);
	return s;
}

/* Clauses at depth 1 of s (index into children), or a random one. */
static size_t pick_clause(ot_node *s)
{
	size_t cand[32], n = 0, i;
	for (i = 0; i < s->nchildren && n < 32; i++)
		if (s->children[i]->kind == OT_NODE_CLAUSE)
			cand[n++] = i;
	return n ? cand[rnd((unsigned)n)] : (size_t)-1;
}

/* One random edit of a section (a clone): text, heading, insert with
 * cascade, removal (renumbered or not), sub-clauses, TEXT, swap. */
static void edit_section(ot_node *s)
{
	size_t k = pick_clause(s);
	ot_node *c = k == (size_t)-1 ? NULL : s->children[k];
	switch (rnd(9)) {
	case 0:
	case 1:
		if (c) {
			ot_node *x = c->nchildren && rnd(2) ? c->children[rnd((unsigned)c->nchildren)]
							   : c;
			set_str(&x->text, rand_text());
			break;
		}
		/* fall through */
	case 2:
		set_str(&s->heading, rand_heading());
		break;
	case 3: /* insert a clause, cascade */
		if (s->nchildren < 7) {
			insert_child(s, new_clause(), rnd((unsigned)s->nchildren + 1));
			renumber(s, 1);
		}
		break;
	case 4: /* remove a clause */
		if (c) {
			remove_child(s, k);
			if (rnd(2))
				renumber(s, 1);
		}
		break;
	case 5: /* add a sub-clause */
		if (c && c->nchildren < 4) {
			insert_child(c, new_clause(), rnd((unsigned)c->nchildren + 1));
			renumber(c, 2);
		}
		break;
	case 6: /* remove a sub-clause */
		if (c && c->nchildren) {
			remove_child(c, rnd((unsigned)c->nchildren));
			renumber(c, 2);
		}
		break;
	case 7: /* a preamble paragraph, or one more of them */
		{
			char *t = rand_text();
			insert_child(s, ot_node_new(OT_NODE_TEXT, "", NULL, NULL, t), 0);
			free(t);
		}
		break;
	case 8: /* swap two clauses, renumber */
		if (s->nchildren > 1) {
			size_t a = rnd((unsigned)s->nchildren), b = rnd((unsigned)s->nchildren);
			ot_node *tmp = s->children[a];
			s->children[a] = s->children[b];
			s->children[b] = tmp;
			renumber(s, 1);
		}
		break;
	}
	fix_ids(s);
}

/* A section's version on an editing side: NULL when removed. */
static ot_node *edited(const ot_node *s)
{
	ot_node *c;
	unsigned n;
	if (rnd(12) == 0)
		return NULL;
	c = ot_node_clone(s);
	for (n = rnd(3); n > 0; n--)
		edit_section(c);
	return c;
}

static ot_doc *doc_from(ot_node **v, size_t n)
{
	ot_doc *d = ot_doc_new();
	size_t i;
	for (i = 0; i < n; i++)
		if (v[i])
			ot_doc_append(d, ot_node_clone(v[i]));
	ot_doc_sort(d);
	return d;
}

/* One seeded case: 1 if the merge is clean and as expected. */
static int property_case(uint64_t seed, int verbose)
{
	ot_node *bs[16], *os[24], *ts[24], *ws[32];
	size_t nb, no = 0, nt = 0, nw = 0, i;
	ot_doc *base, *ours, *theirs, *want;
	ot_merge_result r;
	int ok;
	char num[32];

	rng_state = seed * 0x9E3779B97F4A7C15ull + 1;
	for (i = 0; i < 5; i++)
		rnd(2);
	nb = 1 + rnd(8);
	for (i = 0; i < nb; i++) {
		snprintf(num, sizeof(num), "9-1-%03zu", 10 * (i + 1));
		bs[i] = rand_section(num);
	}
	for (i = 0; i < nb; i++) {
		ot_node *e = edited(bs[i]);
		/* even sections: ours edits; odd: theirs */
		os[no++] = i % 2 == 0 ? e : ot_node_clone(bs[i]);
		ts[nt++] = i % 2 == 1 ? e : ot_node_clone(bs[i]);
		ws[nw++] = e ? ot_node_clone(e) : NULL;
	}
	/* new sections in the gaps: ours x-x15 after even, theirs after odd */
	for (i = 0; i < nb; i++)
		if (rnd(5) == 0) {
			snprintf(num, sizeof(num), "9-1-%03zu", 10 * (i + 1) + 5);
			if (i % 2 == 0)
				os[no++] = rand_section(num);
			else
				ts[nt++] = rand_section(num);
			ws[nw++] = ot_node_clone(i % 2 == 0 ? os[no - 1] : ts[nt - 1]);
		}
	base = doc_from(bs, nb);
	ours = doc_from(os, no);
	theirs = doc_from(ts, nt);
	want = doc_from(ws, nw);

	if (!docs_equal(base, ours) && !docs_equal(base, theirs))
		both_sides++;
	ok = ot_merge3(&r, base, ours, theirs) == 0 && r.nconflicts == 0 && docs_equal(r.doc, want);
	/* the generator can make trees the text form cannot hold (a
	 * paragraph after a clause with sub-clauses); where `want` reads
	 * back, the merge must too */
	if (ok && parses_back(want)) {
		round_trips++;
		if (!parses_back(r.doc)) {
			if (verbose)
				printf("# property case seed %llu: does not parse back\n",
				       (unsigned long long)seed);
			ok = -1;
		}
	}
	if (!ok && verbose) {
		printf("# property case seed %llu: rc/conflicts %zu (%s)\n", (unsigned long long)seed,
		       r.nconflicts, ot_error_last());
		print_conflicts(&r);
		print_doc("base", base);
		print_doc("ours", ours);
		print_doc("theirs", theirs);
		print_doc("merged", r.doc);
		print_doc("expected", want);
	}
	/* the one-side-unchanged laws on the same documents */
	ot_merge_result_release(&r);
	ok = ok > 0;
	if (ot_merge3(&r, base, base, theirs) != 0 || !docs_equal(r.doc, theirs))
		ok = 0;
	ot_merge_result_release(&r);
	if (ot_merge3(&r, base, ours, base) != 0 || !docs_equal(r.doc, ours))
		ok = 0;
	ot_merge_result_release(&r);
	/* merging with itself changes nothing more */
	if (ot_merge3(&r, base, ours, ours) != 0 || !docs_equal(r.doc, ours))
		ok = 0;
	ot_merge_result_release(&r);

	for (i = 0; i < nb; i++)
		ot_node_free(bs[i]);
	for (i = 0; i < no; i++)
		ot_node_free(os[i]);
	for (i = 0; i < nt; i++)
		ot_node_free(ts[i]);
	for (i = 0; i < nw; i++)
		ot_node_free(ws[i]);
	ot_doc_free(base);
	ot_doc_free(ours);
	ot_doc_free(theirs);
	ot_doc_free(want);
	return ok;
}

TEST(property_disjoint_halves)
{
	uint64_t seed;
	int bad = 0;
	unsigned cases = getenv("MERGE_CASES") ? (unsigned)atoi(getenv("MERGE_CASES")) : 3000;
	for (seed = 1; seed <= cases; seed++)
		if (!property_case(seed, bad < 3))
			bad++;
	if (bad)
		printf("#   %d of %u cases failed\n", bad, cases);
	CHECK(bad == 0);
	/* most cases must have gone through the parse-back check */
	CHECK(round_trips > cases * 3 / 4);
	/* and most had changes on both sides (not the one-side shortcut) */
	CHECK(both_sides > cases / 3);
	printf("# %u cases, %u with changes on both sides, %u parsed back\n", cases, both_sides,
	       round_trips);
}

/* Ids of d follow its structure (recomputed on a copy, nothing moves). */
static int ids_derived(const ot_doc *d)
{
	size_t i;
	int ok = 1;
	for (i = 0; i < d->nsections && ok; i++) {
		ot_node *c = ot_node_clone(d->sections[i]);
		fix_ids(c);
		ok = ot_node_equal(c, d->sections[i]);
		ot_node_free(c);
	}
	return ok;
}

/*
 * Both sides edit the same sections at random: whatever the outcome, the
 * call succeeds, gives a document or conflicts (never both), conflicts
 * name an id and a reason, and a merged document has derived ids and
 * merges back to itself against either side's diff-free case.
 */
TEST(property_overlapping_edits)
{
	uint64_t seed;
	unsigned cases = getenv("MERGE_CASES") ? (unsigned)atoi(getenv("MERGE_CASES")) : 3000;
	unsigned clean = 0, conflicted = 0, bad = 0;
	for (seed = 1; seed <= cases; seed++) {
		ot_node *bs[8], *os[8], *ts[8];
		size_t nb, i, k;
		ot_doc *base, *ours, *theirs;
		ot_merge_result r;
		char num[32];
		int ok = 1;
		rng_state = seed * 0xD1B54A32D192ED03ull + 7;
		nb = 1 + rnd(4);
		for (i = 0; i < nb; i++) {
			snprintf(num, sizeof(num), "7-2-%03zu", 10 * (i + 1));
			bs[i] = rand_section(num);
			os[i] = edited(bs[i]);
			ts[i] = edited(bs[i]);
		}
		base = doc_from(bs, nb);
		ours = doc_from(os, nb);
		theirs = doc_from(ts, nb);
		if (ot_merge3(&r, base, ours, theirs) != 0) {
			printf("#   seed %llu: %s\n", (unsigned long long)seed, ot_error_last());
			ok = 0;
		} else if (r.doc) {
			clean++;
			ok = r.nconflicts == 0 && ids_derived(r.doc);
		} else {
			conflicted++;
			ok = r.nconflicts > 0;
			for (k = 0; k < r.nconflicts; k++)
				ok = ok && r.conflicts[k].id && r.conflicts[k].reason &&
				     *r.conflicts[k].reason && !strchr(r.conflicts[k].reason, '\n');
			for (k = 1; k < r.nconflicts; k++)
				ok = ok && strcmp(r.conflicts[k - 1].id, r.conflicts[k].id) != 0;
		}
		if (!ok)
			bad++;
		ot_merge_result_release(&r);
		for (i = 0; i < nb; i++) {
			ot_node_free(bs[i]);
			ot_node_free(os[i]);
			ot_node_free(ts[i]);
		}
		ot_doc_free(base);
		ot_doc_free(ours);
		ot_doc_free(theirs);
	}
	printf("# %u cases: %u clean, %u with conflicts, %u bad\n", cases, clean, conflicted, bad);
	CHECK(bad == 0);
	CHECK(clean > 0 && conflicted > 0);
}

int main(void)
{
	RUN(disjoint_sections);
	RUN(disjoint_clauses_one_section);
	RUN(same_edit_both_sides);
	RUN(different_edits_conflict);
	RUN(theirs_removes_subclauses_ours_edits_a);
	RUN(theirs_removes_clause_ours_edited);
	RUN(cascade_onto_other_section_edit);
	RUN(cascade_onto_edit_of_old_b);
	RUN(sections_added_both_sides);
	RUN(section_removed_by_theirs);
	RUN(theirs_addition_placement);
	RUN(one_side_unchanged_is_other_side);
	RUN(bad_arguments);
	RUN(touched_small_diff);
	RUN(property_disjoint_halves);
	RUN(property_overlapping_edits);
	return test_summary();
}
