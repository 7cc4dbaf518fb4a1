/*
 * testdoc.h - building clause trees for the unit tests of the diff and the
 * merge: documents from a compact one-line-per-unit spec (mk / MK), ids
 * recomputed from the markers (fix_ids), and whole-document equality.
 * Header-only, like test.h; include it after the ordtrack headers.
 */
#ifndef ORDTRACK_TESTDOC_H
#define ORDTRACK_TESTDOC_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordtrack/doc.h"

/* Recompute every id from the markers: section id = num, clause id =
 * parent id + num, TEXT id = parent id + "~N". */
static void fix_ids(ot_node *sec)
{
	ot_node **stack = NULL;
	size_t n = 0, cap = 0, i;
	free(sec->id);
	sec->id = strdup(sec->num);
	stack = malloc(sizeof(*stack) * 16);
	cap = 16;
	stack[n++] = sec;
	while (n) {
		ot_node *p = stack[--n];
		unsigned t = 0;
		for (i = 0; i < p->nchildren; i++) {
			ot_node *c = p->children[i];
			char buf[512];
			if (c->kind == OT_NODE_TEXT)
				snprintf(buf, sizeof(buf), "%s~%u", p->id, ++t);
			else
				snprintf(buf, sizeof(buf), "%s%s", p->id, c->num);
			free(c->id);
			c->id = strdup(buf);
			if (n == cap) {
				cap *= 2;
				stack = realloc(stack, sizeof(*stack) * cap);
			}
			stack[n++] = c;
		}
	}
	free(stack);
}

/*
 * A document from a compact spec, one unit per line:
 *   "S 2-173-020|Heading."   section
 *   "C 1 (a)|text"           clause at depth 1 (child of the last depth-0)
 *   "T 2|text"               TEXT node at depth 2
 */
static ot_doc *mk(const char *const *lines, size_t n)
{
	ot_doc *doc = ot_doc_new();
	ot_node *stack[16] = {0};
	size_t i;
	for (i = 0; i < n; i++) {
		const char *l = lines[i], *bar = strchr(l, '|');
		char head[64];
		size_t hl = (size_t)(bar - l);
		memcpy(head, l, hl);
		head[hl] = '\0';
		if (l[0] == 'S') {
			stack[0] = ot_node_new(OT_NODE_SECTION, head + 2, head + 2, bar + 1, NULL);
			ot_doc_append(doc, stack[0]);
		} else {
			int depth = atoi(head + 2);
			const char *num = l[0] == 'C' ? strchr(head + 2, ' ') + 1 : NULL;
			ot_node *c = ot_node_new(l[0] == 'C' ? OT_NODE_CLAUSE : OT_NODE_TEXT, "", num,
						 NULL, bar + 1);
			ot_node_append(stack[depth - 1], c);
			stack[depth] = c;
		}
	}
	for (i = 0; i < doc->nsections; i++)
		fix_ids(doc->sections[i]);
	return doc;
}

#define MK(arr) mk(arr, sizeof(arr) / sizeof(arr[0]))

/* Same sections, equal trees (NULL equals nothing). */
static int docs_equal(const ot_doc *a, const ot_doc *b)
{
	size_t i;
	if (!a || !b || a->nsections != b->nsections)
		return 0;
	for (i = 0; i < a->nsections; i++)
		if (!ot_node_equal(a->sections[i], b->sections[i]))
			return 0;
	return 1;
}

#endif
