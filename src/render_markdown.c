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
 *   - **2-173-030(b)** — typographic change only: The `"`→`“`Act`"`→`”` applies.
 *
 * Law text is escaped so it shows verbatim: every Markdown metacharacter
 * (\ * _ ~ [ ] < > # | ` and &, which would start an entity) gets a
 * backslash, which CommonMark allows before any ASCII punctuation.
 * Emphasis markers only work when they hug non-space text, so whitespace
 * at the edge of a deleted or inserted run is moved outside the markers,
 * and a space separates a struck run from the inserted run next to it.
 * A newline inside a text becomes a space (one list item per change).
 *
 * A typographic change is no amendment, so its marks are not struck or
 * bold: each changed mark is a code span, old→new (`"`→`“`; "(none)" for
 * a side without one), invisible characters named (<U+00A0>).
 *
 * Everything is appended to the caller's ot_buf; nothing is kept.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "ordtrack/validate.h"
#include "render_internal.h"

void ot_render__md_escape(ot_buf *out, const char *s, size_t len)
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

/* The code point that starts s (len bytes), or ' ' when there is none. */
static unsigned first_cp(const char *s, size_t len)
{
	unsigned cp;
	if (!len)
		return ' ';
	ot_utf8_decode(s, len, &cp);
	return cp;
}

/* The code point that ends s (len bytes), or ' ' when there is none. */
static unsigned last_cp(const char *s, size_t len)
{
	size_t i = len;
	unsigned cp;
	if (!len)
		return ' ';
	while (i > 1 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	ot_utf8_decode(s + i - 1, len - i + 1, &cp);
	return cp;
}

static int cp_space(unsigned cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0;
}

/* Punctuation as CommonMark's flanking rules see it: ASCII punctuation,
 * Latin-1 punctuation (§, ¶, «, »…) and General Punctuation (dashes,
 * curly quotes). */
static int cp_punct(unsigned cp)
{
	return (cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) || (cp >= 0x5B && cp <= 0x60) ||
	       (cp >= 0x7B && cp <= 0x7E) || (cp >= 0xA1 && cp <= 0xBF && cp != 0xAA && cp != 0xB5 && cp != 0xBA) ||
	       (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E);
}

/* Would "~~"/"**" around the run t[0..len) (no outer spaces) open after
 * code point `before` and close before `after`?  (left- and
 * right-flanking; an escaped first character prints as '\\') */
static int flanks(unsigned before, const char *t, size_t len, unsigned after)
{
	unsigned first = strchr("\\*_~[]<>#|`&", t[0]) ? '\\' : first_cp(t, len);
	unsigned last = last_cp(t, len);
	int open = !cp_space(first) && (!cp_punct(first) || cp_space(before) || cp_punct(before));
	int close = !cp_space(last) && (!cp_punct(last) || cp_space(after) || cp_punct(after));
	return open && close;
}

/* Do the delete and insert runs of one change (either may be empty) take
 * their markers between `before` and `after` as written by put_redline? */
static int group_flanks(unsigned before, const ot_buf *del, const ot_buf *ins, unsigned after)
{
	const ot_buf *run[2] = {del, ins};
	int k;
	for (k = 0; k < 2; k++) {
		const char *t = run[k]->ptr;
		size_t a = 0, b = run[k]->len;
		unsigned bf = k == 1 && del->len ? ' ' : before, af = k == 0 && ins->len ? ' ' : after;
		while (a < b && is_space(t[a]))
			a++;
		while (b > a && is_space(t[b - 1]))
			b--;
		if (a == b)
			continue;
		if (a > 0)
			bf = ' ';
		if (b < run[k]->len)
			af = ' ';
		if (!flanks(bf, t + a, b - a, af))
			return 0;
	}
	return 1;
}

/* Strings owned by one rendering of a change. */
typedef struct owned {
	char **strs;
	size_t n, cap;
} owned;

static void push_run(ot_render_seg **out, size_t *nout, size_t *cap, owned *own, ot_op_kind op, ot_buf *b)
{
	char *s;
	size_t len = b->len;
	if (!len)
		return;
	s = ot_buf_detach(b);
	*OT_ARRAY_PUSH(own->strs, own->n, own->cap) = s;
	*OT_ARRAY_PUSH(*out, *nout, *cap) = (ot_render_seg){op, s, len};
}

/*
 * The segments of a redline as Markdown can show them.  CommonMark takes
 * "~~"/"**" as markers only where they flank a run properly; against a
 * letter on one side and punctuation on the other ("individual**,
 * corporation,** or") they would print as literal asterisks.  Such a
 * change is widened to whole words, the word next to it moving from the
 * unchanged text into both runs: "~~individual~~ **individual,
 * corporation,**".  The text each side reconstructs is unchanged.
 */
static void markdown_segments(ot_render_seg **out, size_t *nout, owned *own, const ot_render_seg *segs, size_t n)
{
	ot_render_seg next;
	size_t i = 0, cap = 0;
	*out = NULL;
	*nout = 0;
	while (i < n) {
		ot_buf del = OT_BUF_INIT, ins = OT_BUF_INIT;
		ot_render_seg *prev;
		unsigned before, after;
		size_t j = i;
		if (segs[i].op == OT_OP_EQUAL) {
			*OT_ARRAY_PUSH(*out, *nout, cap) = segs[i++];
			continue;
		}
		while (j < n && segs[j].op != OT_OP_EQUAL) {
			ot_buf_put(segs[j].op == OT_OP_DELETE ? &del : &ins, segs[j].text, segs[j].len);
			j++;
		}
		prev = *nout && (*out)[*nout - 1].op == OT_OP_EQUAL ? &(*out)[*nout - 1] : NULL;
		next = j < n ? segs[j] : (ot_render_seg){OT_OP_EQUAL, "", 0};
		before = prev ? last_cp(prev->text, prev->len) : ' ';
		after = first_cp(next.text, next.len);
		if (!group_flanks(before, &del, &ins, after)) {
			ot_buf d2 = OT_BUF_INIT, i2 = OT_BUF_INIT;
			size_t k = prev ? prev->len : 0, m = 0;
			while (prev && k > 0 && !is_space(prev->text[k - 1]))
				k--;
			while (m < next.len && !is_space(next.text[m]))
				m++;
			if (prev) {
				ot_buf_put(&d2, prev->text + k, prev->len - k);
				ot_buf_put(&i2, prev->text + k, prev->len - k);
				prev->len = k;
				if (!k)
					(*nout)--;
			}
			ot_buf_put(&d2, del.ptr, del.len);
			ot_buf_put(&i2, ins.ptr, ins.len);
			ot_buf_put(&d2, next.text, m);
			ot_buf_put(&i2, next.text, m);
			ot_buf_release(&del);
			ot_buf_release(&ins);
			del = d2;
			ins = i2;
			if (j < n) {
				/* the next unchanged run starts after the moved word */
				push_run(out, nout, &cap, own, OT_OP_DELETE, &del);
				push_run(out, nout, &cap, own, OT_OP_INSERT, &ins);
				if (m < next.len)
					*OT_ARRAY_PUSH(*out, *nout, cap) =
						(ot_render_seg){OT_OP_EQUAL, next.text + m, next.len - m};
				i = j + 1;
				continue;
			}
		}
		push_run(out, nout, &cap, own, OT_OP_DELETE, &del);
		push_run(out, nout, &cap, own, OT_OP_INSERT, &ins);
		ot_buf_release(&del);
		ot_buf_release(&ins);
		i = j;
	}
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
			ot_render__md_escape(out, s->text, s->len);
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
				ot_render__md_escape(out, s->text, s->len);
			last_marked = 0;
			continue;
		}
		if (a == 0 && last_marked)
			ot_buf_putc(out, ' ');
		ot_render__md_escape(out, s->text, a);
		ot_buf_puts(out, mark);
		ot_render__md_escape(out, s->text + a, b - a);
		ot_buf_puts(out, mark);
		ot_render__md_escape(out, s->text + b, s->len - b);
		last_marked = b == s->len;
	}
}

/* One code span holding s[0..len) verbatim (code spans take no escapes):
 * the fence is one backtick more than the longest run inside, padded
 * with a space where CommonMark would otherwise strip one or read the
 * fence wrong; a newline becomes a space. */
static void put_code_span(ot_buf *out, const char *s, size_t len)
{
	ot_buf vis = OT_BUF_INIT;
	size_t i, run = 0, longest = 0, k;
	int pad, all_space = 1;
	ot_render__typo_visible(&vis, s, len);
	for (i = 0; i < vis.len; i++) {
		if (vis.ptr[i] == '\n' || vis.ptr[i] == '\r')
			vis.ptr[i] = ' ';
		if (vis.ptr[i] != ' ')
			all_space = 0;
		run = vis.ptr[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	pad = vis.len && ((vis.ptr[0] == '`' || vis.ptr[vis.len - 1] == '`') ||
			  (!all_space && vis.ptr[0] == ' ' && vis.ptr[vis.len - 1] == ' '));
	for (k = 0; k <= longest; k++)
		ot_buf_putc(out, '`');
	if (pad)
		ot_buf_putc(out, ' ');
	ot_buf_put(out, vis.ptr, vis.len);
	if (pad)
		ot_buf_putc(out, ' ');
	for (k = 0; k <= longest; k++)
		ot_buf_putc(out, '`');
	ot_buf_release(&vis);
}

/* The redline of a typographic change: unchanged text escaped, each
 * changed mark as `old`→`new`. */
static void put_typo_redline(ot_buf *out, const ot_render_seg *segs, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		const ot_render_seg *s = &segs[i];
		if (s->op == OT_OP_EQUAL) {
			ot_render__md_escape(out, s->text, s->len);
			continue;
		}
		if (s->op == OT_OP_DELETE)
			put_code_span(out, s->text, s->len);
		else
			ot_buf_puts(out, "(none)");
		ot_buf_puts(out, "→");
		if (s->op == OT_OP_DELETE && i + 1 < n && segs[i + 1].op == OT_OP_INSERT) {
			i++;
			put_code_span(out, segs[i].text, segs[i].len);
		} else if (s->op == OT_OP_INSERT) {
			put_code_span(out, s->text, s->len);
		} else {
			ot_buf_puts(out, "(none)");
		}
	}
}

static void put_item(ot_buf *out, const ot_change *c)
{
	ot_render_seg *segs = NULL;
	size_t n = 0;
	const char *id = OT_RS(c->id);

	ot_buf_puts(out, "- **");
	ot_render__md_escape(out, id, strlen(id));
	ot_buf_puts(out, "** — ");
	if (c->kind == OT_CHANGE_RENUMBERED) {
		const char *old = OT_RS(c->old_id);
		ot_buf_puts(out, ot_render__renumber_word(c));
		ot_buf_puts(out, " from ");
		ot_render__md_escape(out, old, strlen(old));
		ot_buf_printf(out, " (%d%% similar%s)", ot_render__percent(c->similarity),
			      c->typographic ? "; typographic change only" : "");
	} else if (c->kind == OT_CHANGE_MODIFIED && c->node_kind == OT_NODE_SECTION) {
		ot_buf_puts(out, "heading amended");
	} else if (c->kind == OT_CHANGE_TYPOGRAPHIC && c->node_kind == OT_NODE_SECTION) {
		ot_buf_puts(out, "heading: typographic change only");
	} else {
		ot_buf_puts(out, ot_render__kind_verb(c->kind));
	}
	if (ot_render__is_typographic(c)) {
		ot_render__redline(&segs, &n, c);
		if (n) {
			ot_buf_puts(out, ": ");
			put_typo_redline(out, segs, n);
		}
		free(segs);
	} else if (c->kind != OT_CHANGE_RENUMBERED || ot_render__has_edits(c)) {
		ot_render_seg *md = NULL;
		owned own = {0};
		size_t nmd = 0, k;
		ot_render__redline(&segs, &n, c);
		markdown_segments(&md, &nmd, &own, segs, n);
		if (nmd) {
			ot_buf_puts(out, ": ");
			put_redline(out, md, nmd);
		}
		for (k = 0; k < own.n; k++)
			free(own.strs[k]);
		free(own.strs);
		free(md);
		free(segs);
	}
	ot_buf_putc(out, '\n');
}

/* Returns 0; appends the whole rendering to out. */
/* Unchanged units around a change, as items of the same list. */
static void put_context(ot_buf *out, const ot_render_ctx *ctx, size_t from, size_t to)
{
	size_t i;
	for (i = from; i < to; i++) {
		const ot_node *u = ctx->units[i];
		const char *rest = u->kind == OT_NODE_SECTION ? u->heading : u->text, *id = OT_RS(u->id);
		ot_buf_puts(out, "- ");
		ot_render__md_escape(out, id, strlen(id));
		ot_buf_puts(out, " — unchanged");
		if (rest && *rest) {
			ot_buf_puts(out, ": ");
			ot_render__md_escape(out, rest, strlen(rest));
		}
		ot_buf_putc(out, '\n');
	}
}

int ot_render__markdown(ot_buf *out, const ot_diff *diff,
			const ot_diff_render_opts *opts)
{
	const char *from = ot_render__from(opts), *to = ot_render__to(opts);
	ot_render_ctx ctx;
	size_t i, b0, b1, a0, a1;

	ot_render__ctx_init(&ctx, diff, opts);
	ot_buf_puts(out, "## Changes: ");
	ot_render__md_escape(out, from, strlen(from));
	ot_buf_puts(out, " → ");
	ot_render__md_escape(out, to, strlen(to));
	ot_buf_puts(out, "\n\n");
	ot_render__stats_line(out, &diff->stats);
	ot_buf_puts(out, "\n");
	if (diff->nchanges)
		ot_buf_putc(out, '\n');
	for (i = 0; i < diff->nchanges; i++) {
		ot_render__ctx_ranges(&ctx, &diff->changes[i], &b0, &b1, &a0, &a1);
		put_context(out, &ctx, b0, b1);
		put_item(out, &diff->changes[i]);
		put_context(out, &ctx, a0, a1);
	}
	ot_render__ctx_release(&ctx);
	/* notes are not law: a list of their own */
	if (diff->nnotes) {
		ot_buf_puts(out, diff->nchanges ? "\n### Notes\n\n" : "\nNo change to the law; notes changed.\n\n### Notes\n\n");
		for (i = 0; i < diff->nnotes; i++) {
			const ot_note_change *n = &diff->notes[i];
			const char *where = n->section ? n->section : "ordinance";
			ot_buf_puts(out, n->kind == OT_NOTE_ADDED ? "- added " : n->kind == OT_NOTE_REMOVED ? "- removed " : "- changed ");
			ot_render__md_escape(out, where, strlen(where));
			ot_buf_puts(out, " (");
			ot_render__md_escape(out, n->note_kind, strlen(n->note_kind));
			ot_buf_puts(out, "): ");
			if (n->old_text) {
				ot_buf_puts(out, "~~");
				ot_render__md_escape(out, n->old_text, strlen(n->old_text));
				ot_buf_puts(out, "~~");
			}
			if (n->old_text && n->new_text)
				ot_buf_putc(out, ' ');
			if (n->new_text) {
				ot_buf_puts(out, "**");
				ot_render__md_escape(out, n->new_text, strlen(n->new_text));
				ot_buf_puts(out, "**");
			}
			ot_buf_putc(out, '\n');
		}
	}
	return 0;
}
