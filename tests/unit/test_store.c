/*
 * test_store.c - the git version store and the SQLite index through the
 * library API: write versions, read them back, load only changed
 * sections, reuse blobs, refuse bad input without writing, rebuild the
 * index.
 */
#include <stdlib.h>
#include <unistd.h>

#include "ordtrack/ordtrack.h"
#include "ordtrack/index.h"
#include "ordtrack/rev.h"
#include "ordtrack/store.h"
#include "test.h"

static char tmpdir[256];

static ot_doc *make_doc(int nsections, int variant)
{
	ot_doc *doc = ot_doc_new();
	int i;
	for (i = 0; i < nsections; i++) {
		char num[32], id[64], text[128];
		ot_node *s, *a;
		snprintf(num, sizeof(num), "7-10-%03d", (i + 1) * 10);
		s = ot_node_new(OT_NODE_SECTION, num, num, "Heading.", NULL);
		snprintf(id, sizeof(id), "%s(a)", num);
		snprintf(text, sizeof(text), "Rule number %d applies%s.", i, (variant && i == 1) ? " everywhere" : "");
		a = ot_node_new(OT_NODE_CLAUSE, id, "(a)", NULL, text);
		ot_node_append(s, a);
		snprintf(id, sizeof(id), "%s(a)(1)", num);
		ot_node_append(a, ot_node_new(OT_NODE_CLAUSE, id, "(1)", NULL, "first item;"));
		ot_doc_append(doc, s);
	}
	return doc;
}

static ot_tracker *fresh_tracker(void)
{
	ot_tracker *t = NULL;
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s/t'", tmpdir);
	if (system(cmd) != 0)
		return NULL;
	snprintf(cmd, sizeof(cmd), "%s/t", tmpdir);
	if (ot_tracker_init(cmd) != 0 || ot_tracker_open(&t, cmd) != 0)
		return NULL;
	return t;
}

TEST(write_and_read_back)
{
	ot_tracker *t = fresh_tracker();
	ot_doc *doc = make_doc(3, 0), *back = NULL;
	ot_add_opts o = {0};
	char commit[41];
	size_t i;
	CHECK(t != NULL);
	if (!t)
		return;
	o.ordinance = "7-10";
	o.title = "Test";
	o.date = "2020-05-01";
	CHECK(ot_store_add(commit, t, &o, doc) == 0);
	CHECK(strlen(commit) == 40);
	CHECK(ot_store_load(&back, t, commit, "7-10") == 0);
	if (back) {
		CHECK(back->nsections == 3);
		for (i = 0; i < 3 && i < back->nsections; i++)
			CHECK(ot_node_equal(doc->sections[i], back->sections[i]));
		CHECK_STR(back->title, "Test");
	}
	/* the same text again writes nothing */
	CHECK(ot_store_add(commit, t, &o, doc) == OT_EUNCHANGED);
	ot_doc_free(back);
	ot_doc_free(doc);
	ot_tracker_free(t);
}

TEST(load_changed_reads_only_changed_sections)
{
	ot_tracker *t = fresh_tracker();
	ot_doc *d1 = make_doc(50, 0), *d2 = make_doc(50, 1), *a = NULL, *b = NULL;
	ot_add_opts o = {0};
	char c1[41], c2[41];
	size_t unchanged = 0;
	CHECK(t != NULL);
	if (!t)
		return;
	o.ordinance = "7-10";
	o.date = "2020-05-01";
	CHECK(ot_store_add(c1, t, &o, d1) == 0);
	o.date = "2020-06-01";
	CHECK(ot_store_add(c2, t, &o, d2) == 0);
	CHECK(ot_store_load_changed(&a, &b, &unchanged, t, (ot_text_ref){c1, "7-10"}, (ot_text_ref){c2, "7-10"}) == 0);
	if (a && b) {
		CHECK(a->nsections == 1 && b->nsections == 1);
		CHECK_STR(b->sections[0]->num, "7-10-020");
		CHECK(unchanged == 49 * 3); /* heading + (a) + (1) per section */
	}
	ot_doc_free(a);
	ot_doc_free(b);
	ot_doc_free(d1);
	ot_doc_free(d2);
	ot_tracker_free(t);
}

TEST(revisions_and_versions)
{
	ot_tracker *t = fresh_tracker();
	ot_doc *d1 = make_doc(2, 0), *d2 = make_doc(2, 1);
	ot_add_opts o = {0};
	ot_version_list vl = {0};
	ot_rev r = {0};
	char c1[41], c2[41];
	CHECK(t != NULL);
	if (!t)
		return;
	o.ordinance = "7-10";
	o.date = "2020-05-01";
	o.record = "O2020-1";
	CHECK(ot_store_add(c1, t, &o, d1) == 0);
	o.date = "2020-06-01";
	o.stage = OT_STAGE_PASSED;
	CHECK(ot_store_add(c2, t, &o, d2) == 0);
	CHECK(ot_index_versions(&vl, t, "7-10") == 0);
	CHECK(vl.n == 2);
	if (vl.n == 2) {
		CHECK(vl.items[0].number == 2 && strcmp(vl.items[0].commit, c2) == 0);
		CHECK_STR(vl.items[0].stage, "passed");
		CHECK_STR(vl.items[1].stage, "enacted");
		CHECK_STR(vl.items[1].record, "O2020-1");
	}
	ot_version_list_release(&vl);
	CHECK(ot_rev_resolve(&r, t, "7-10") == 0 && r.number == 2);
	ot_rev_release(&r);
	CHECK(ot_rev_resolve(&r, t, "7-10@1") == 0 && strcmp(r.commit, c1) == 0);
	ot_rev_release(&r);
	CHECK(ot_rev_resolve(&r, t, "7-10@2020-05-31") == 0 && r.number == 1);
	ot_rev_release(&r);
	CHECK(ot_rev_resolve(&r, t, "7-10@2020-06-01") == 0 && r.number == 2);
	ot_rev_release(&r);
	CHECK(ot_rev_resolve(&r, t, "7-10@2020-04-30") == OT_ENOTFOUND);
	CHECK(ot_rev_resolve(&r, t, "7-10@3") == OT_ENOTFOUND);
	CHECK(ot_rev_resolve(&r, t, "9-9") == OT_ENOTFOUND);
	CHECK(ot_rev_resolve(&r, t, "../x") == OT_EINVALID);
	/* the index rebuilt from git answers the same */
	CHECK(ot_index_rebuild(t) == 0);
	CHECK(ot_index_versions(&vl, t, NULL) == 0 && vl.n == 2);
	ot_version_list_release(&vl);
	CHECK(ot_rev_resolve(&r, t, "7-10@2020-05-31") == 0 && r.number == 1);
	ot_rev_release(&r);
	ot_doc_free(d1);
	ot_doc_free(d2);
	ot_tracker_free(t);
}

TEST(bad_input_writes_nothing)
{
	ot_tracker *t = fresh_tracker();
	ot_doc *d = make_doc(2, 0), *empty = ot_doc_new();
	ot_add_opts o = {0};
	const char *sponsors[] = {"Bad\nName"};
	char commit[41], head[41];
	CHECK(t != NULL);
	if (!t)
		return;
	o.ordinance = "../etc";
	CHECK(ot_store_add(commit, t, &o, d) == OT_EINVALID);
	o.ordinance = "7-10";
	o.date = "2021-02-29";
	CHECK(ot_store_add(commit, t, &o, d) == OT_EINVALID);
	o.date = "2021-02-28";
	o.sponsors = sponsors;
	o.nsponsors = 1;
	CHECK(ot_store_add(commit, t, &o, d) == OT_EINVALID);
	o.nsponsors = 0;
	CHECK(ot_store_add(commit, t, &o, empty) == OT_EINVALID);
	/* nothing reached main */
	{
		ot_version_list vl = {0};
		CHECK(ot_index_versions(&vl, t, NULL) == 0 && vl.n == 0);
		ot_version_list_release(&vl);
	}
	(void)head;
	ot_doc_free(d);
	ot_doc_free(empty);
	ot_tracker_free(t);
}

int main(void)
{
	char cmd[300];
	int rc;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/ordtrack-test-XXXXXX");
	if (!mkdtemp(tmpdir))
		return 2;
	RUN(write_and_read_back);
	RUN(load_changed_reads_only_changed_sections);
	RUN(revisions_and_versions);
	RUN(bad_input_writes_nothing);
	rc = test_summary();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		rc = 1;
	return rc;
}
