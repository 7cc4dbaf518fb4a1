/*
 * fuzz_roll.c - the roll-call readers on arbitrary bytes: CSV
 * (`name,option` lines) and Open Civic Data vote events (JSON), chosen the
 * way `ordtrack vote --roll` chooses.  A roll or an error, never a crash;
 * a roll read has a non-empty name and a known option on every entry, and
 * an OCD event's counts equal its votes.
 */
#include <stdint.h>
#include <stdlib.h>

#include "ordtrack/ordtrack.h"
#include "ordtrack/record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	size_t i, n = 0, *lines = NULL, counts[OT_VOTE_NOPTIONS] = {0};
	ot_roll_entry *items = NULL;
	if (ot_ocd_vote_sniff(text, size)) {
		ot_vote v;
		char *bill = NULL;
		if (ot_ocd_vote_read(&v, &bill, text, size, "fuzz.json") == 0) {
			for (i = 0; i < v.nroll; i++) {
				if (!v.roll[i].name || !*v.roll[i].name || (unsigned)v.roll[i].option >= OT_VOTE_NOPTIONS)
					abort();
				counts[v.roll[i].option]++;
			}
			for (i = 0; i < OT_VOTE_NOPTIONS; i++)
				if (counts[i] != v.counts[i])
					abort();
			ot_ocd_vote_release(&v);
		}
		free(bill);
		return 0;
	}
	if (ot_roll_csv_read(&items, &lines, &n, text, size, "fuzz.csv") == 0) {
		if (!n)
			abort();
		for (i = 0; i < n; i++) {
			if (!items[i].name || !*items[i].name || (unsigned)items[i].option >= OT_VOTE_NOPTIONS || !lines[i])
				abort();
			free(items[i].name);
		}
		free(items);
		free(lines);
	}
	return 0;
}
