/*
 * fuzz_rev.c - the revision syntax (ORD, ORD@N, ORD@DATE, ORD@COMMIT,
 * RECORD, RECORD@N, RECORD@stage...) on arbitrary strings, against a small
 * tracker made once in a temporary directory (removed at exit): a
 * revision or an error, never a crash.  A resolved revision must name an
 * ordinance and a full commit id.
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordtrack/ordtrack.h"
#include "ordtrack/record.h"
#include "ordtrack/rev.h"
#include "ordtrack/store.h"

static char dir[] = "/tmp/ordtrack-fuzz-rev-XXXXXX";
static ot_tracker *tracker;

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void cleanup(void)
{
	ot_tracker_free(tracker);
	nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void add(const char *text, const char *date)
{
	ot_doc *doc = NULL;
	ot_add_opts o;
	char commit[41];
	memset(&o, 0, sizeof(o));
	o.ordinance = "9-99";
	o.date = date;
	if (ot_doc_parse_text(&doc, text, strlen(text), "fixture") != 0 || ot_store_add(commit, tracker, &o, doc) != 0)
		abort();
	ot_doc_free(doc);
}

static void setup(void)
{
	const char *sponsor = "Ann Lee", *ord = "9-99";
	ot_propose p;
	ot_doc *doc = NULL;
	const char *third = "9-99-010 Rules.\n(a) No person shall park a vehicle anywhere.\n";
	char commit[41];
	if (!mkdtemp(dir) || ot_tracker_init(dir) != 0 || ot_tracker_open(&tracker, dir) != 0)
		abort();
	atexit(cleanup);
	add("9-99-010 Rules.\n(a) No person shall park a vehicle.\n", "2020-01-15");
	add("9-99-010 Rules.\n(a) No person shall park a vehicle on a sidewalk.\n", "2021-06-30");
	if (ot_doc_parse_text(&doc, third, strlen(third), "fixture") != 0)
		abort();
	memset(&p, 0, sizeof(p));
	p.id = "O2022-5";
	p.title = "Parking";
	p.date = "2022-01-10";
	p.sponsors = &sponsor;
	p.nsponsors = 1;
	p.ordinances = &ord;
	p.docs = (const ot_doc *const *)&doc;
	p.ndocs = 1;
	if (ot_record_propose(commit, tracker, &p) != 0)
		abort();
	ot_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ot_rev rev;
	char *spec;
	if (!tracker)
		setup();
	if (size > 4096)
		return 0;
	spec = malloc(size + 1);
	if (!spec)
		return 0;
	memcpy(spec, data, size);
	spec[size] = '\0';
	memset(&rev, 0, sizeof(rev));
	if (ot_rev_resolve(&rev, tracker, spec) == 0) {
		if (!rev.ordinance || strlen(rev.commit) != 40)
			abort();
		ot_rev_release(&rev);
	}
	free(spec);
	return 0;
}
