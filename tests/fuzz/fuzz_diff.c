/*
 * fuzz_diff.c - the diff engine on two texts cut from arbitrary bytes
 * (split at the first NUL-free "\n====\n", or in half): compute, apply,
 * and check the reconstruction law; render every format.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ordtrack/ordtrack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *sep = NULL;
	size_t i, alen, boff;
	ot_doc *a = NULL, *b = NULL, *back = NULL;
	ot_diff *d = NULL;
	ot_buf out = OT_BUF_INIT;
	static const ot_format fmts[] = {OT_FORMAT_TEXT, OT_FORMAT_JSON, OT_FORMAT_MARKDOWN, OT_FORMAT_HTML,
					 OT_FORMAT_UNIFIED};

	for (i = 0; i + 6 <= size; i++)
		if (memcmp(s + i, "\n====\n", 6) == 0) {
			sep = s + i;
			break;
		}
	alen = sep ? (size_t)(sep - s) : size / 2;
	boff = sep ? alen + 6 : alen;
	if (ot_doc_parse_text(&a, s, alen, "a") != 0 || ot_doc_parse_text(&b, s + boff, size - boff, "b") != 0)
		goto done;
	if (ot_diff_compute(&d, a, b, NULL) != 0)
		goto done;
	if (ot_diff_apply(&back, a, d) != 0 || back->nsections != b->nsections)
		abort();
	for (i = 0; i < b->nsections; i++)
		if (!ot_node_equal(back->sections[i], b->sections[i]))
			abort();
	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		ot_diff_render_opts ro = {0};
		ro.old_doc = a;
		ro.new_doc = b;
		ro.context = 1;
		ot_buf_clear(&out);
		ot_render_diff(&out, d, fmts[i], &ro);
	}
done:
	ot_buf_release(&out);
	ot_diff_free(d);
	ot_doc_free(a);
	ot_doc_free(b);
	ot_doc_free(back);
	return 0;
}
