/*
 * render_markdown.c - a change summary to paste into a newsroom CMS or a
 * README (CommonMark with the GitHub strikethrough extension):
 *
 *   ## Changes: FROM → TO
 *
 *   1 added, 1 removed, 1 modified, 1 renumbered, 40 unchanged
 *
 *   - **2-173-020(a)** — amended: No agent shall ~~request~~ **ask for** information.
 *   - **2-173-070** — added: **whole text**
 *   - **2-173-042(b)(1)** — repealed: ~~whole text~~
 *   - **2-173-070** — renumbered from 2-173-065 (97% similar): redline if edited
 *
 * Law text is escaped so it shows verbatim: every Markdown metacharacter
 * (\ * _ ~ [ ] < > # | ` and &, which would start an entity) gets a
 * backslash, which CommonMark allows before any ASCII punctuation.
 * Emphasis markers only work when they hug non-space text, so whitespace
 * at the edge of a deleted or inserted run is moved outside the markers,
 * and a space separates a struck run from the inserted run next to it.
 * A newline inside a text becomes a space (one list item per change).
 *
 * Everything is appended to the caller's ot_buf; nothing is kept.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "render_internal.h"

static void put_escaped(ot_buf *out, const char *s, size_t len)
{
	size_t i, start = 0;
	for (i = 0; i < len; i++) {
		char ch = s[i];
		if (!strchr("\\*_~[]<>#|`&\n\r", ch) || ch == '\0')
			continue;
		ot_buf_put(out, s + start, i - start);
		if (ch == '\n' || ch == '\r') {
			ot_buf_putc(out, ' ');
		} else {
			ot_buf_putc(out, '\\');
			ot_buf_putc(out, ch);
		}
		start = i + 1;
	}
	ot_buf_put(out, s + start, len - start);
}

static int is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static void put_redline(ot_buf *out, const ot_render_seg *segs, size_t n)
{
	size_t i;
	int last_marked = 0; /* the previous segment ended in a closing marker */
	for (i = 0; i < n; i++) {
		const ot_render_seg *s = &segs[i];
		size_t a = 0, b = s->len;
		const char *mark;
		if (s->op == OT_OP_EQUAL) {
			put_escaped(out, s->text, s->len);
			last_marked = 0;
			continue;
		}
		mark = s->op == OT_OP_DELETE ? "~~" : "**";
		while (a < b && is_space(s->text[a]))
			a++;
		while (b > a && is_space(s->text[b - 1]))
			b--;
		if (a == b) {
			/* only whitespace: a deleted space disappears, an
			 * inserted one stays */
			if (s->op == OT_OP_INSERT)
				put_escaped(out, s->text, s->len);
			last_marked = 0;
			continue;
		}
		if (a == 0 && last_marked)
			ot_buf_putc(out, ' ');
		put_escaped(out, s->text, a);
		ot_buf_puts(out, mark);
		put_escaped(out, s->text + a, b - a);
		ot_buf_puts(out, mark);
		put_escaped(out, s->text + b, s->len - b);
		last_marked = b == s->len;
	}
}

static void put_item(ot_buf *out, const ot_change *c)
{
	ot_render_seg *segs = NULL;
	size_t n = 0;
	const char *id = OT_RS(c->id);

	ot_buf_puts(out, "- **");
	put_escaped(out, id, strlen(id));
	ot_buf_puts(out, "** — ");
	if (c->kind == OT_CHANGE_RENUMBERED) {
		const char *old = OT_RS(c->old_id);
		ot_buf_puts(out, ot_render__renumber_word(c));
		ot_buf_puts(out, " from ");
		put_escaped(out, old, strlen(old));
		ot_buf_printf(out, " (%d%% similar)", ot_render__percent(c->similarity));
	} else if (c->kind == OT_CHANGE_MODIFIED && c->node_kind == OT_NODE_SECTION) {
		ot_buf_puts(out, "heading amended");
	} else {
		ot_buf_puts(out, ot_render__kind_verb(c->kind));
	}
	if (c->kind != OT_CHANGE_RENUMBERED || ot_render__has_edits(c)) {
		ot_render__redline(&segs, &n, c);
		if (n) {
			ot_buf_puts(out, ": ");
			put_redline(out, segs, n);
		}
		free(segs);
	}
	ot_buf_putc(out, '\n');
}

/* Returns 0; appends the whole rendering to out. */
int ot_render__markdown(ot_buf *out, const ot_diff *diff,
			const ot_diff_render_opts *opts)
{
	const char *from = ot_render__from(opts), *to = ot_render__to(opts);
	size_t i;

	ot_buf_puts(out, "## Changes: ");
	put_escaped(out, from, strlen(from));
	ot_buf_puts(out, " → ");
	put_escaped(out, to, strlen(to));
	ot_buf_puts(out, "\n\n");
	ot_render__stats_line(out, &diff->stats);
	ot_buf_puts(out, "\n");
	if (diff->nchanges)
		ot_buf_putc(out, '\n');
	for (i = 0; i < diff->nchanges; i++)
		put_item(out, &diff->changes[i]);
	return 0;
}
