/*
 * test_record_list.c - ot_record_list gives the record ids sorted whatever
 * file their refs are in.  libgit2's iterator lists the loose refs first
 * and the packed ones after; an import packs its refs and a later event
 * writes its record's ref loose, so a tracker holds both, and
 * ot_record_conflicts_find relies on the order (it pairs a < b).
 */
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ordtrack/ordtrack.h"
#include "test.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static char tmpdir[256];

/* refs/records/<id> in repo at commit, written loose. */
static int make_ref(git_repository *repo, const char *id, const git_oid *commit)
{
	git_reference *ref = NULL;
	char name[100];
	int err;
	snprintf(name, sizeof(name), "refs/records/%s", id);
	err = git_reference_create(&ref, repo, name, commit, 1, "test");
	git_reference_free(ref);
	return err;
}

TEST(list_sorted_packed_and_loose)
{
	static const char *const packed[] = {"R-1", "R-3", "R-5"};
	static const char *const loose[] = {"R-4", "R-2", "R-0"};
	static const char *const want[] = {"R-0", "R-1", "R-2", "R-3", "R-4", "R-5"};
	static const ot_member ann = {(char *)"Ann Lee", 1, (char *)"2019-05-20", NULL, NULL, 0, 0};
	ot_tracker *t = NULL;
	git_repository *repo = NULL;
	git_refdb *refdb = NULL;
	git_oid main;
	char path[300], commit[41], loose_file[400];
	char **ids = NULL;
	size_t n = 0, i;
	int ok = 1;

	snprintf(path, sizeof(path), "%s/t", tmpdir);
	CHECK(ot_tracker_init(path) == 0);
	CHECK(ot_tracker_open(&t, path) == 0);
	if (!t)
		return;
	CHECK(ot_member_add(commit, t, &ann) == 0);
	CHECK(git_repository_open(&repo, path) == 0);
	CHECK(git_oid_fromstr(&main, commit) == 0);
	for (i = 0; i < NELEM(packed); i++)
		CHECK(make_ref(repo, packed[i], &main) == 0);
	CHECK(git_repository_refdb(&refdb, repo) == 0);
	CHECK(git_refdb_compress(refdb) == 0);
	for (i = 0; i < NELEM(loose); i++)
		CHECK(make_ref(repo, loose[i], &main) == 0);
	/* one packed ref moved since: loose and packed at once, listed once */
	CHECK(make_ref(repo, "R-3", &main) == 0);
	/* the tracker really holds both kinds */
	snprintf(loose_file, sizeof(loose_file), "%s/refs/records/R-1", path);
	CHECK(access(loose_file, F_OK) != 0);
	snprintf(loose_file, sizeof(loose_file), "%s/refs/records/R-2", path);
	CHECK(access(loose_file, F_OK) == 0);

	CHECK(ot_record_list(&ids, &n, t) == 0);
	CHECK(n == NELEM(want));
	for (i = 0; i < n && i < NELEM(want); i++)
		ok = ok && strcmp(ids[i], want[i]) == 0;
	CHECK(ok);
	for (i = 0; i < n; i++) {
		if (!ok)
			printf("#   %s\n", ids[i]);
		free(ids[i]);
	}
	free(ids);
	git_refdb_free(refdb);
	git_repository_free(repo);
	ot_tracker_free(t);
}

int main(void)
{
	char cmd[300];
	int rc;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/ordtrack-test-XXXXXX");
	if (!mkdtemp(tmpdir))
		return 2;
	git_libgit2_init();
	RUN(list_sorted_packed_and_loose);
	git_libgit2_shutdown();
	rc = test_summary();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		rc = 1;
	return rc;
}
