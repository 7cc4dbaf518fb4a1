/*
 * bench/split_sections.c - write a code as a directory tree of section
 * files in canonical form, for the whole-code import benchmark:
 *
 *     split_sections FILE OUTDIR
 *
 * Parses FILE (plain text) with the library and writes
 * OUTDIR/<CHAPTER>/<SECTION>, one file per section holding its canonical
 * text (what the store keeps), CHAPTER being the section number up to its
 * last '-' (2-173 for 2-173-020).  OUTDIR must not exist.  Exit status 0,
 * or 1 with a message on stderr.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ordtrack/ordtrack.h"

static int read_all(ot_buf *out, const char *path)
{
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "split_sections: cannot open '%s': %s\n", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		ot_buf_put(out, chunk, n);
	if (ferror(f)) {
		fprintf(stderr, "split_sections: cannot read '%s'\n", path);
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

static int write_file(const char *path, const ot_buf *text)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(text->ptr, 1, text->len, f) != text->len || fclose(f) != 0) {
		fprintf(stderr, "split_sections: cannot write '%s': %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	ot_buf data = OT_BUF_INIT, text = OT_BUF_INIT, path = OT_BUF_INIT;
	ot_doc *doc = NULL;
	size_t i;
	int rc = 1;

	if (argc != 3) {
		fputs("usage: split_sections FILE OUTDIR\n", stderr);
		return 2;
	}
	if (read_all(&data, argv[1]) < 0)
		goto done;
	if (ot_doc_parse_text(&doc, data.ptr, data.len, argv[1]) < 0) {
		fprintf(stderr, "split_sections: %s\n", ot_error_last());
		goto done;
	}
	if (mkdir(argv[2], 0777) < 0) {
		fprintf(stderr, "split_sections: cannot make '%s': %s\n", argv[2], strerror(errno));
		goto done;
	}
	for (i = 0; i < doc->nsections; i++) {
		const ot_node *s = doc->sections[i];
		const char *dash = strrchr(s->num, '-');
		if (!dash) {
			fprintf(stderr, "split_sections: section %s has no chapter\n", s->num);
			goto done;
		}
		ot_buf_clear(&path);
		ot_buf_printf(&path, "%s/%.*s", argv[2], (int)(dash - s->num), s->num);
		if (mkdir(path.ptr, 0777) < 0 && errno != EEXIST) {
			fprintf(stderr, "split_sections: cannot make '%s': %s\n", path.ptr, strerror(errno));
			goto done;
		}
		ot_buf_printf(&path, "/%s", s->num);
		ot_buf_clear(&text);
		ot_section_canonical(&text, s);
		if (write_file(path.ptr, &text) < 0)
			goto done;
	}
	rc = 0;
done:
	ot_doc_free(doc);
	ot_buf_release(&data);
	ot_buf_release(&text);
	ot_buf_release(&path);
	return rc;
}
