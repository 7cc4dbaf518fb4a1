/*
 * fuzz_legistar.c - the Legistar reader's per-file parsers
 * (src/import_legistar.h) on arbitrary bytes.  The input's first line
 * names the API response the rest is read as: matters, histories,
 * sponsors, votes, versions, text, officerecords, or people (a JSON array
 * [persons, officerecords]).  A result or an error, never a crash; and
 * what is returned holds what the reader promises: positive ids, record
 * ids that are safe names, actions in date then id order with known
 * types, sponsors named once, counts equal to the roll, members with
 * names and terms that end after they start.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import_legistar.h"
#include "ordtrack/ordtrack.h"
#include "ordtrack/record_import.h"
#include "ordtrack/validate.h"

static void check_matters(json_t *root)
{
	ot_legistar_matter *m = NULL;
	size_t i, n = 0;
	if (ot_legistar_matters_parse(&m, &n, root, "fuzz.json") == 0)
		for (i = 0; i < n; i++) {
			if (m[i].id <= 0 || m[i].type < 0 || m[i].type >= OT_RECORD_N || m[i].status < -1 ||
			    m[i].status >= OT_STATUS_N)
				abort();
			if (m[i].file && ot_name_check(OT_NAME_RECORD, m[i].file) != 0)
				abort();
			if (m[i].introduced && ot_date_parse(NULL, m[i].introduced) != 0)
				abort();
		}
	ot_legistar_matters_free(m, n);
}

static void check_histories(json_t *root, ot_import_set *skip)
{
	ot_legistar_history *h = NULL;
	size_t i, n = 0;
	if (ot_legistar_histories_parse(&h, &n, skip, root, "fuzz.json") == 0)
		for (i = 0; i < n; i++) {
			if (h[i].id <= 0 || (unsigned)h[i].type >= OT_ACTION_N || !h[i].action ||
			    !*h[i].action || ot_date_parse(NULL, h[i].date) != 0)
				abort();
			if (i && (strcmp(h[i - 1].date, h[i].date) > 0 ||
				  (strcmp(h[i - 1].date, h[i].date) == 0 && h[i - 1].id >= h[i].id)))
				abort();
			if (h[i].tally && (h[i].yes < 0 || h[i].no < 0))
				abort();
		}
	ot_legistar_histories_free(h, n);
}

static void check_sponsors(json_t *root, ot_import_set *skip)
{
	char **names = NULL;
	size_t i, j, n = 0;
	if (ot_legistar_sponsors_parse(&names, &n, skip, root, "fuzz.json", 0) == 0)
		for (i = 0; i < n; i++) {
			if (!names[i] || !*names[i])
				abort();
			for (j = 0; j < i && n < 200; j++)
				if (strcmp(names[i], names[j]) == 0)
					abort();
		}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static void check_votes(json_t *root, ot_import_set *skip)
{
	ot_vote v;
	size_t i, counts[OT_VOTE_NOPTIONS] = {0};
	memset(&v, 0, sizeof(v));
	if (ot_legistar_votes_parse(&v, skip, root, "fuzz.json", 0) == 0) {
		for (i = 0; i < v.nroll; i++) {
			if (!v.roll[i].name || !*v.roll[i].name ||
			    (unsigned)v.roll[i].option >= OT_VOTE_NOPTIONS)
				abort();
			counts[v.roll[i].option]++;
		}
		for (i = 0; i < OT_VOTE_NOPTIONS; i++)
			if (counts[i] != v.counts[i])
				abort();
	}
	for (i = 0; i < v.nroll; i++)
		free(v.roll[i].name);
	free(v.roll);
}

static void check_versions(json_t *root)
{
	long long *ids = NULL;
	char **versions = NULL;
	size_t i, n = 0;
	if (ot_legistar_versions_parse(&ids, &versions, &n, root, "fuzz.json") == 0)
		for (i = 0; i < n; i++)
			if (ids[i] <= 0)
				abort();
	for (i = 0; i < n; i++)
		free(versions[i]);
	free(versions);
	free(ids);
}

static void check_members(json_t *persons, json_t *records)
{
	ot_import_set set;
	size_t i;
	memset(&set, 0, sizeof(set));
	if (ot_legistar_members_parse(&set, persons, "persons.json", records, "officerecords.json") == 0)
		for (i = 0; i < set.nmembers; i++) {
			const ot_member *m = &set.members[i].m;
			if (!m->name || !*m->name || m->ward < 0 || m->ward > 1000 || !set.members[i].file)
				abort();
			if (m->from && m->to && strcmp(m->from, m->to) > 0)
				abort();
		}
	ot_import_set_release(&set);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *nl = memchr(text, '\n', size);
	char kind[16];
	size_t klen = nl ? (size_t)(nl - text) : 0;
	ot_import_set skip;
	json_error_t je;
	json_t *root;

	if (!nl || klen >= sizeof(kind))
		return 0;
	memcpy(kind, text, klen);
	kind[klen] = 0;
	root = json_loadb(nl + 1, size - klen - 1, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		return 0;
	memset(&skip, 0, sizeof(skip));
	if (strcmp(kind, "matters") == 0)
		check_matters(root);
	else if (strcmp(kind, "histories") == 0)
		check_histories(root, &skip);
	else if (strcmp(kind, "sponsors") == 0)
		check_sponsors(root, &skip);
	else if (strcmp(kind, "votes") == 0)
		check_votes(root, &skip);
	else if (strcmp(kind, "versions") == 0)
		check_versions(root);
	else if (strcmp(kind, "text") == 0)
		(void)ot_legistar_text_parse(NULL, root, "fuzz.json", 0, 0);
	else if (strcmp(kind, "officerecords") == 0)
		check_members(NULL, root);
	else if (strcmp(kind, "people") == 0 && json_is_array(root) && json_array_size(root) == 2)
		check_members(json_array_get(root, 0), json_array_get(root, 1));
	for (klen = 0; klen < skip.nskipped; klen++)
		if (!skip.skipped[klen] || !*skip.skipped[klen])
			abort();
	ot_import_set_release(&skip);
	json_decref(root);
	return 0;
}
