/*
 * parse_time.c - what the conservation check costs (docs/conservation.md):
 *
 *     parse_time FILE RUNS
 *
 * parses FILE (a whole code as plain text) RUNS times with the check and
 * RUNS times without it, alternating, and prints the median seconds of
 * each and the median of the ratios of each pair of runs side by side
 * ("0.412 0.389 1.06"): on a shared machine whose speed drifts, a pair
 * run back to back sees the same conditions, so the paired ratio is far
 * steadier than the ratio of the two medians.  Both parses must give the same number of sections.  The
 * switch (ot_conserve_off) exists for this benchmark only; every real
 * parse runs the check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "conserve.h"
#include "internal.h"
#include "ordtrack/doc.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	ot_buf data = OT_BUF_INIT;
	double on[51], off[51], ratio[51];
	char chunk[65536];
	size_t n, sections[2] = {0, 0};
	int runs, i, k;
	FILE *f;
	if (argc != 3 || (runs = atoi(argv[2])) < 1 || runs > 51) {
		fprintf(stderr, "usage: parse_time FILE RUNS (1-51)\n");
		return 2;
	}
	if (!(f = fopen(argv[1], "rb"))) {
		perror(argv[1]);
		return 1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		ot_buf_put(&data, chunk, n);
	fclose(f);
	for (i = 0; i < runs; i++)
		for (k = 0; k < 2; k++) {
			ot_doc *doc = NULL;
			double t0;
			ot_conserve_off = k;
			t0 = now();
			if (ot_doc_parse_text(&doc, data.ptr, data.len, argv[1]) < 0) {
				fprintf(stderr, "parse_time: %s\n", ot_error_last());
				return 1;
			}
			(k ? off : on)[i] = now() - t0;
			if (k)
				ratio[i] = on[i] / off[i];
			sections[k] = doc->nsections;
			ot_doc_free(doc);
		}
	if (sections[0] != sections[1]) {
		fprintf(stderr, "parse_time: %zu sections with the check, %zu without\n", sections[0], sections[1]);
		return 1;
	}
	qsort(on, (size_t)runs, sizeof(double), cmp_double);
	qsort(off, (size_t)runs, sizeof(double), cmp_double);
	qsort(ratio, (size_t)runs, sizeof(double), cmp_double);
	printf("%.4f %.4f %.3f\n", on[runs / 2], off[runs / 2], ratio[runs / 2]);
	ot_buf_release(&data);
	return 0;
}
