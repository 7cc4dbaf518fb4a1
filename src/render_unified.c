/*
 * render_unified.c - a git-style unified diff of the canonical section
 * texts (ot_section_canonical) touched by a diff, so the change can be
 * read by any patch tool or applied with `patch -p1` / `git apply` to a
 * directory holding one file per section (the store's tree layout).
 *
 * For every section that some change touches (the section of the new id
 * in new_doc, and of the old id in old_doc; first-touched order, each
 * once) the old and new canonical texts are diffed line by line with
 * libgit2 (git_patch_from_buffers; opts->context lines of context when
 * opts->context_given, else 3 as git) and written as
 *
 *   --- a/2-173-020          (--- /dev/null for a section that is new)
 *   +++ b/2-173-020          (+++ /dev/null for a section that is gone)
 *   @@ -1,4 +1,5 @@
 *    context / -deleted / +inserted lines
 *
 * A section whose patch holds typographic changes (only quotes, dashes or
 * spacing differ) is preceded by one comment line per such unit,
 *
 *   # 2-173-020(b): typographic change only
 *
 * which patch(1) and git apply skip as text before the patch; the -/+
 * lines themselves stay exact, so the patch still applies.
 *
 * A moved section is a deletion under its old number and a creation
 * under its new one (no rename detection).  Sections whose texts turn out
 * equal write nothing.
 *
 * Sections are looked up through arrays sorted by number (O(log n) each),
 * so a whole-code diff stays cheap.  libgit2 is initialised once per
 * process (pthread_once); the patch objects and buffers are freed under
 * done:.
 */
#include <git2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "render_internal.h"

static pthread_once_t git_once = PTHREAD_ONCE_INIT;
static int git_init_result;

static void init_git(void)
{
	git_init_result = git_libgit2_init();
}

static const char *git_message(void)
{
	const git_error *e = git_error_last();
	return e && e->message ? e->message : "unknown libgit2 error";
}

/* Sections of a doc sorted by number. */
typedef struct section_index {
	const ot_node **v;
	size_t n;
} section_index;

static int cmp_section(const void *pa, const void *pb)
{
	const ot_node *a = *(const ot_node *const *)pa, *b = *(const ot_node *const *)pb;
	return strcmp(OT_RS(a->num), OT_RS(b->num));
}

static void index_sections(section_index *idx, const ot_doc *doc)
{
	size_t i;
	idx->v = ot_calloc(doc->nsections ? doc->nsections : 1, sizeof(*idx->v));
	idx->n = 0;
	for (i = 0; i < doc->nsections; i++)
		if (doc->sections[i])
			idx->v[idx->n++] = doc->sections[i];
	qsort(idx->v, idx->n, sizeof(*idx->v), cmp_section);
}

static const ot_node *find_section(const section_index *idx, const char *num)
{
	size_t lo = 0, hi = idx->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(OT_RS(idx->v[mid]->num), num);
		if (c == 0)
			return idx->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The number of the section an id belongs to (new string): the id up to
 * its first '(' or '~' when that is a section of the doc (the id grammar
 * of doc.h, O(log n)), else whatever ot_doc_find says (O(n)). */
static char *section_for(const section_index *idx, const ot_doc *doc, const char *id)
{
	char *num;
	if (!id)
		return ot_strdup("");
	num = ot_strndup(id, strcspn(id, "(~"));
	if (find_section(idx, num))
		return num;
	free(num);
	return ot_render__section_of(doc, id);
}

typedef struct touched {
	char *num;
	size_t order;
	int dup;
} touched;

static int cmp_touched_num(const void *pa, const void *pb)
{
	const touched *a = pa, *b = pb;
	int c = strcmp(a->num, b->num);
	if (c)
		return c;
	return a->order < b->order ? -1 : a->order > b->order;
}

static int cmp_touched_order(const void *pa, const void *pb)
{
	const touched *a = pa, *b = pb;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* Every section a change touches, in first-touched order, each once. */
static void touched_sections(touched **out, size_t *nout, const ot_diff *diff,
			     const ot_doc *old_doc, const section_index *oi,
			     const ot_doc *new_doc, const section_index *ni)
{
	touched *t = NULL;
	size_t n = 0, cap = 0, i, k;
	for (i = 0; i < diff->nchanges; i++) {
		const ot_change *c = &diff->changes[i];
		touched *e;
		if (c->kind == OT_CHANGE_REMOVED) {
			e = OT_ARRAY_PUSH(t, n, cap);
			e->num = section_for(oi, old_doc, c->id ? c->id : c->old_id);
		} else {
			/* the old section first: a move reads as a deletion
			 * followed by a creation */
			if (c->old_id && c->kind != OT_CHANGE_ADDED) {
				e = OT_ARRAY_PUSH(t, n, cap);
				e->num = section_for(oi, old_doc, c->old_id);
			}
			e = OT_ARRAY_PUSH(t, n, cap);
			e->num = section_for(ni, new_doc, c->id);
		}
	}
	for (i = 0; i < n; i++) {
		t[i].order = i;
		t[i].dup = 0;
	}
	if (n > 1) {
		qsort(t, n, sizeof(*t), cmp_touched_num);
		for (i = 1; i < n; i++)
			if (strcmp(t[i].num, t[i - 1].num) == 0)
				t[i].dup = 1;
		qsort(t, n, sizeof(*t), cmp_touched_order);
	}
	for (i = k = 0; i < n; i++) {
		if (t[i].dup || !*t[i].num)
			free(t[i].num);
		else
			t[k++] = t[i];
	}
	*out = t;
	*nout = k;
}

/* A typographic change of the diff, by the section of its new id. */
typedef struct typo_note {
	char *num;
	const char *id; /* borrowed from the change */
	size_t order;
} typo_note;

static int cmp_typo_note(const void *pa, const void *pb)
{
	const typo_note *a = pa, *b = pb;
	int c = strcmp(a->num, b->num);
	if (c)
		return c;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* The comment lines for section num (notes sorted by section). */
static void put_typo_notes(ot_buf *out, const typo_note *notes, size_t n, const char *num)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(notes[mid].num, num) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && strcmp(notes[lo].num, num) == 0; lo++) {
		const char *p;
		ot_buf_puts(out, "# ");
		for (p = notes[lo].id; *p; p++) /* one line, whatever the id holds */
			ot_buf_putc(out, (unsigned char)*p < 0x20 ? '?' : *p);
		ot_buf_puts(out, ": typographic change only\n");
	}
}

/* Append the unified diff of one section's two texts, after the notes of
 * its typographic changes.  Returns 0 or -1. */
static int section_patch(ot_buf *out, const char *num, const ot_node *olds,
			 const ot_node *news, const typo_note *notes, size_t nnotes, int context)
{
	ot_buf a = OT_BUF_INIT, b = OT_BUF_INIT;
	git_patch *patch = NULL;
	git_diff_options gopts;
	size_t h, nh, l, nl;
	int err = 0;

	if (olds)
		ot_section_canonical(&a, olds);
	if (news)
		ot_section_canonical(&b, news);
	if (a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0)
		goto done;
	if (git_diff_options_init(&gopts, GIT_DIFF_OPTIONS_VERSION) < 0) {
		err = ot_error_set(OT_ERROR, "cannot diff section '%s': %s", num,
				   git_message());
		goto done;
	}
	gopts.context_lines = context < 0 ? 3 : (uint32_t)context; /* lines: one clause each; -1: git's 3 */
	gopts.interhunk_lines = 0;
	gopts.flags |= GIT_DIFF_FORCE_TEXT;
	if (git_patch_from_buffers(&patch, a.ptr, a.len, num, b.ptr, b.len, num,
				   &gopts) < 0) {
		err = ot_error_set(OT_ERROR, "cannot diff section '%s': %s", num,
				   git_message());
		goto done;
	}
	put_typo_notes(out, notes, nnotes, num);
	ot_buf_printf(out, "--- %s%s\n", olds ? "a/" : "", olds ? num : "/dev/null");
	ot_buf_printf(out, "+++ %s%s\n", news ? "b/" : "", news ? num : "/dev/null");
	nh = git_patch_num_hunks(patch);
	for (h = 0; h < nh; h++) {
		const git_diff_hunk *hunk;
		if (git_patch_get_hunk(&hunk, &nl, patch, h) < 0) {
			err = ot_error_set(OT_ERROR, "cannot read a hunk of section "
					   "'%s': %s", num, git_message());
			goto done;
		}
		ot_buf_put(out, hunk->header, hunk->header_len);
		if (!hunk->header_len || hunk->header[hunk->header_len - 1] != '\n')
			ot_buf_putc(out, '\n');
		for (l = 0; l < nl; l++) {
			const git_diff_line *line;
			if (git_patch_get_line_in_hunk(&line, patch, h, l) < 0) {
				err = ot_error_set(OT_ERROR, "cannot read a line of "
						   "section '%s': %s", num, git_message());
				goto done;
			}
			switch (line->origin) {
			case GIT_DIFF_LINE_CONTEXT:
			case GIT_DIFF_LINE_ADDITION:
			case GIT_DIFF_LINE_DELETION:
				ot_buf_putc(out, line->origin);
				ot_buf_put(out, line->content, line->content_len);
				if (!line->content_len ||
				    line->content[line->content_len - 1] != '\n')
					ot_buf_putc(out, '\n');
				break;
			case GIT_DIFF_LINE_CONTEXT_EOFNL:
			case GIT_DIFF_LINE_ADD_EOFNL:
			case GIT_DIFF_LINE_DEL_EOFNL:
				ot_buf_puts(out, "\\ No newline at end of file\n");
				break;
			default:
				break;
			}
		}
	}
done:
	git_patch_free(patch);
	ot_buf_release(&a);
	ot_buf_release(&b);
	return err;
}

/* Returns 0 and appends the patch; -1 without both documents or when
 * libgit2 fails. */
int ot_render__unified(ot_buf *out, const ot_diff *diff, const ot_diff_render_opts *opts)
{
	touched *t = NULL;
	typo_note *notes = NULL;
	size_t nt = 0, i, nnotes = 0, ncap = 0;
	section_index oi = {NULL, 0}, ni = {NULL, 0};
	int err = 0;

	if (!opts->old_doc || !opts->new_doc)
		return ot_error_set(OT_ERROR, "unified output needs the %s document "
				    "the diff was computed from",
				    opts->old_doc ? "new" : "old");
	pthread_once(&git_once, init_git);
	if (git_init_result < 0)
		return ot_error_set(OT_ERROR, "cannot initialise libgit2: %s",
				    git_message());
	index_sections(&oi, opts->old_doc);
	index_sections(&ni, opts->new_doc);
	touched_sections(&t, &nt, diff, opts->old_doc, &oi, opts->new_doc, &ni);
	for (i = 0; i < diff->nchanges; i++) {
		const ot_change *c = &diff->changes[i];
		if (ot_render__is_typographic(c) && c->id)
			*OT_ARRAY_PUSH(notes, nnotes, ncap) =
				(typo_note){section_for(&ni, opts->new_doc, c->id), c->id, i};
	}
	if (nnotes > 1)
		qsort(notes, nnotes, sizeof(*notes), cmp_typo_note);
	for (i = 0; i < nt; i++) {
		err = section_patch(out, t[i].num, find_section(&oi, t[i].num),
				    find_section(&ni, t[i].num), notes, nnotes,
				    opts->context_given ? opts->context : -1);
		if (err < 0)
			goto done;
	}
done:
	for (i = 0; i < nt; i++)
		free(t[i].num);
	free(t);
	for (i = 0; i < nnotes; i++)
		free(notes[i].num);
	free(notes);
	free(oi.v);
	free(ni.v);
	return err;
}
