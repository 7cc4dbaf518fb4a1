/*
 * check_truth.c - compare the changes in an `ordtrack diff --format json`
 * output with the changes bench/gen_code planted (truth.txt):
 *
 *     check_truth DIFF.json TRUTH.txt
 *
 * truth lines: "modified ID", "added SECTION", "removed SECTION",
 * "renumbered OLD NEW".  The clauses of an added or removed section are
 * expected as added/removed changes too and are not listed in the truth.
 * Prints what is missing and what is extra; exit 0 when they agree.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct set {
	char **items;
	size_t n, cap;
} set;

static void add(set *s, const char *v)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->items = realloc(s->items, s->cap * sizeof(char *));
		if (!s->items)
			abort();
	}
	s->items[s->n++] = strdup(v);
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int within(const set *sections, const char *id)
{
	size_t i;
	for (i = 0; i < sections->n; i++) {
		const char *s = sections->items[i] + strlen("added ");
		if (strncmp(sections->items[i], "removed ", 8) == 0)
			s = sections->items[i] + 8;
		if (strncmp(id, s, strlen(s)) == 0 && (id[strlen(s)] == '(' || id[strlen(s)] == '~'))
			return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	json_error_t jerr;
	json_t *root, *changes, *c;
	set truth = {0}, got = {0}, sections = {0};
	char line[1024];
	size_t i, j, bad = 0;
	FILE *f;

	if (argc != 3) {
		fprintf(stderr, "usage: check_truth DIFF.json TRUTH.txt\n");
		return 2;
	}
	if (!(root = json_load_file(argv[1], 0, &jerr))) {
		fprintf(stderr, "check_truth: %s:%d: %s\n", argv[1], jerr.line, jerr.text);
		return 2;
	}
	if (!(f = fopen(argv[2], "r"))) {
		perror(argv[2]);
		return 2;
	}
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (*line) {
			add(&truth, line);
			if (!strncmp(line, "added ", 6) || !strncmp(line, "removed ", 8))
				add(&sections, line);
		}
	}
	fclose(f);
	changes = json_object_get(root, "changes");
	json_array_foreach(changes, i, c) {
		const char *kind = json_string_value(json_object_get(c, "kind"));
		const char *node = json_string_value(json_object_get(c, "node"));
		const char *id = json_string_value(json_object_get(c, "id"));
		const char *old = json_string_value(json_object_get(c, "old_id"));
		char buf[1024];
		if (!kind || !id)
			continue;
		if ((!strcmp(kind, "added") || !strcmp(kind, "removed")) && within(&sections, id))
			continue;
		if (!strcmp(kind, "renumbered"))
			snprintf(buf, sizeof(buf), "renumbered %s %s", old ? old : "?", id);
		else if (node && !strcmp(node, "section") && strcmp(kind, "modified"))
			snprintf(buf, sizeof(buf), "%s %s", kind, id);
		else
			snprintf(buf, sizeof(buf), "%s %s", kind, id);
		add(&got, buf);
	}
	qsort(truth.items, truth.n, sizeof(char *), cmp);
	qsort(got.items, got.n, sizeof(char *), cmp);
	for (i = 0, j = 0; i < truth.n || j < got.n;) {
		int c2 = i >= truth.n ? 1 : j >= got.n ? -1 : strcmp(truth.items[i], got.items[j]);
		if (c2 == 0) {
			i++;
			j++;
		} else if (c2 < 0) {
			if (bad++ < 20)
				printf("missing: %s\n", truth.items[i]);
			i++;
		} else {
			if (bad++ < 20)
				printf("extra:   %s\n", got.items[j]);
			j++;
		}
	}
	printf("planted %zu changes, reported %zu, %zu differences\n", truth.n, got.n, bad);
	json_decref(root);
	return bad ? 1 : 0;
}
