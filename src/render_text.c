/*
 * render_text.c - the terminal rendering of a diff.
 *
 *   diff FROM TO
 *   ~ 2-173-020(a)
 *       No agent shall [-request-]{+ask for+} information.
 *   + 2-173-070
 *       New text.
 *   - 2-173-042(b)(1)
 *       Old text.
 *   > 2-173-065 -> 2-173-070 (renumbered, 97% similar)
 *       Text, with word changes inline when it was also edited.
 *   = 2-173-030(b) (typographic change only)
 *       The {~~"~>“~~}Act{~~"~>”~~} applies{~~<U+00A0>~> ~~}here.
 *   1 added, 1 removed, 1 modified, 1 renumbered, 1 typographic, 40 unchanged
 *
 * Without colour the word changes use git's plain --word-diff markers
 * ([-deleted-] {+inserted+}) so a pipe loses nothing; with colour, deleted
 * words are red and struck, inserted words green, ids bold, and whole
 * added/removed texts are green/red.  Context units (opts->context) are
 * printed as their canonical line prefixed with two spaces.
 *
 * A typographic change (only quotes, dashes or spacing differ) is no
 * amendment, so its marks never use the amendment markers: without
 * colour they are CriticMarkup's {~~old~>new~~} ({--old--}, {++new++}
 * when unpaired), with colour the old mark is dim and the new one
 * yellow; a mark a reader cannot see (a no-break space, a zero-width
 * character) is written <U+00A0>.
 *
 * Control characters in the law text (other than tab and newline) are
 * shown as '?', so a hostile input cannot drive the terminal; a newline
 * inside a text continues at the same indentation.
 *
 * Everything is appended to the caller's ot_buf; nothing is kept.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "render_internal.h"

#define INDENT "    "
#define C_BOLD "\033[1m"
#define C_DEL "\033[31m\033[9m"
#define C_INS "\033[32m"
#define C_RESET "\033[0m"
#define C_TYPO_OLD "\033[2m"
#define C_TYPO_NEW "\033[33m"

/* Append text[0..len), indented after each newline, controls masked. */
/* Text as it is, but control characters masked and the redline's own
 * markers escaped, so that law text holding "[-", "-]", "{+" or "+}" is
 * never read as a change: a backslash goes before the marker's "-" or
 * "+" ("[\-", "\-]", "{\+", "\+}"), and a backslash in the text is
 * doubled (docs/diff-format.md, "Text format"). */
static void put_text(ot_buf *out, const char *text, size_t len)
{
	size_t i, start = 0;
	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)text[i];
		const char *esc = NULL;
		if (ch == '\\')
			esc = "\\\\";
		else if ((ch == '[' || ch == '{') && i + 1 < len && text[i + 1] == (ch == '[' ? '-' : '+'))
			esc = ch == '[' ? "[\\-" : "{\\+";
		else if ((ch == '-' || ch == '+') && i + 1 < len && text[i + 1] == (ch == '-' ? ']' : '}'))
			esc = ch == '-' ? "\\-]" : "\\+}";
		if (esc) {
			ot_buf_put(out, text + start, i - start);
			ot_buf_puts(out, esc);
			i += ch == '\\' ? 0 : 1;
			start = i + 1;
			continue;
		}
		if (ch >= 0x20 && ch != 0x7f)
			continue;
		if (ch == '\t')
			continue;
		ot_buf_put(out, text + start, i - start);
		if (ch == '\n')
			ot_buf_puts(out, "\n" INDENT);
		else
			ot_buf_putc(out, '?');
		start = i + 1;
	}
	ot_buf_put(out, text + start, len - start);
}

static void put_id(ot_buf *out, const char *id, int color)
{
	if (color)
		ot_buf_puts(out, C_BOLD);
	put_text(out, OT_RS(id), strlen(OT_RS(id)));
	if (color)
		ot_buf_puts(out, C_RESET);
}

static void put_change_line(ot_buf *out, const ot_change *c, int color)
{
	switch (c->kind) {
	case OT_CHANGE_ADDED:
		ot_buf_puts(out, "+ ");
		put_id(out, c->id, color);
		break;
	case OT_CHANGE_REMOVED:
		ot_buf_puts(out, "- ");
		put_id(out, c->id, color);
		break;
	case OT_CHANGE_MODIFIED:
		ot_buf_puts(out, "~ ");
		put_id(out, c->id, color);
		break;
	case OT_CHANGE_TYPOGRAPHIC:
		ot_buf_puts(out, "= ");
		put_id(out, c->id, color);
		ot_buf_puts(out, " (typographic change only)");
		break;
	case OT_CHANGE_RENUMBERED:
		ot_buf_puts(out, "> ");
		put_id(out, c->old_id ? c->old_id : c->id, color);
		ot_buf_puts(out, " -> ");
		put_id(out, c->id, color);
		ot_buf_printf(out, " (%s, %d%% similar%s)",
			      ot_render__renumber_word(c),
			      ot_render__percent(c->similarity),
			      c->typographic ? "; typographic change only" : "");
		break;
	}
	ot_buf_putc(out, '\n');
}

/* One typographic mark: its text with invisible characters named. */
static void put_typo(ot_buf *out, const char *text, size_t len)
{
	ot_buf vis = OT_BUF_INIT;
	ot_render__typo_visible(&vis, text, len);
	put_text(out, vis.ptr, vis.len);
	ot_buf_release(&vis);
}

/* The redline of a typographic change: marks apart from amendments. */
static void put_typo_redline(ot_buf *out, const ot_render_seg *segs, size_t n, int color)
{
	size_t i;
	for (i = 0; i < n; i++) {
		const ot_render_seg *s = &segs[i];
		int paired = s->op == OT_OP_DELETE && i + 1 < n && segs[i + 1].op == OT_OP_INSERT;
		if (s->op == OT_OP_EQUAL) {
			put_text(out, s->text, s->len);
		} else if (color) {
			ot_buf_puts(out, s->op == OT_OP_DELETE ? C_TYPO_OLD : C_TYPO_NEW);
			put_typo(out, s->text, s->len);
			ot_buf_puts(out, C_RESET);
		} else if (paired) {
			ot_buf_puts(out, "{~~");
			put_typo(out, s->text, s->len);
			ot_buf_puts(out, "~>");
			put_typo(out, segs[i + 1].text, segs[i + 1].len);
			ot_buf_puts(out, "~~}");
			i++;
		} else {
			ot_buf_puts(out, s->op == OT_OP_DELETE ? "{--" : "{++");
			put_typo(out, s->text, s->len);
			ot_buf_puts(out, s->op == OT_OP_DELETE ? "--}" : "++}");
		}
	}
}

/* The redline, indented, on one line (continued after newlines). */
static void put_redline(ot_buf *out, const ot_change *c, int color)
{
	ot_render_seg *segs = NULL;
	size_t n = 0, i;
	int edits = ot_render__has_edits(c);

	ot_render__redline(&segs, &n, c);
	if (!n) {
		free(segs);
		return;
	}
	ot_buf_puts(out, INDENT);
	if (ot_render__is_typographic(c)) {
		put_typo_redline(out, segs, n, color);
		n = 0;
	}
	for (i = 0; i < n; i++) {
		const ot_render_seg *s = &segs[i];
		const char *open = "", *close = "";
		if (s->op == OT_OP_DELETE) {
			open = color ? C_DEL : edits ? "[-" : "";
			close = color ? C_RESET : edits ? "-]" : "";
		} else if (s->op == OT_OP_INSERT) {
			open = color ? C_INS : edits ? "{+" : "";
			close = color ? C_RESET : edits ? "+}" : "";
		}
		ot_buf_puts(out, open);
		put_text(out, s->text, s->len);
		ot_buf_puts(out, close);
	}
	ot_buf_putc(out, '\n');
	free(segs);
}

static void put_context(ot_buf *out, const ot_render_ctx *ctx, size_t from,
			size_t to)
{
	ot_buf line = OT_BUF_INIT;
	size_t i;
	for (i = from; i < to; i++) {
		/* the unit's full id, then its heading or text: a context line
		 * is quoted by its id as a change is */
		const ot_node *u = ctx->units[i];
		const char *rest = u->kind == OT_NODE_SECTION ? u->heading : u->text;
		ot_buf_clear(&line);
		ot_buf_puts(&line, OT_RS(u->id));
		if (rest && *rest) {
			ot_buf_putc(&line, ' ');
			ot_buf_puts(&line, rest);
		}
		ot_buf_puts(out, "  ");
		put_text(out, line.ptr, line.len);
		ot_buf_putc(out, '\n');
	}
	ot_buf_release(&line);
}

/* Returns 0; appends the whole rendering to out. */
/* The "Notes:" block: one line per note removed ("-") or added ("+"), a
 * changed note as its old and new line; never part of the law's counts. */
static void put_notes(ot_buf *out, const ot_diff *diff, int color)
{
	size_t i;
	if (!diff->nnotes)
		return;
	ot_buf_printf(out, "Notes: %zu changed\n", diff->nnotes);
	for (i = 0; i < diff->nnotes; i++) {
		const ot_note_change *n = &diff->notes[i];
		const char *where = n->section ? n->section : "(ordinance)";
		if (n->old_text) {
			ot_buf_puts(out, color ? "\033[31m  - " : "  - ");
			ot_buf_printf(out, "%s [", where);
			put_text(out, n->note_kind, strlen(n->note_kind));
			ot_buf_puts(out, "] ");
			put_text(out, n->old_text, strlen(n->old_text));
			ot_buf_puts(out, color ? "\033[0m\n" : "\n");
		}
		if (n->new_text) {
			ot_buf_puts(out, color ? "\033[32m  + " : "  + ");
			ot_buf_printf(out, "%s [", where);
			put_text(out, n->note_kind, strlen(n->note_kind));
			ot_buf_puts(out, "] ");
			put_text(out, n->new_text, strlen(n->new_text));
			ot_buf_puts(out, color ? "\033[0m\n" : "\n");
		}
	}
}

int ot_render__text(ot_buf *out, const ot_diff *diff, const ot_diff_render_opts *opts)
{
	ot_render_ctx ctx;
	size_t i, b0, b1, a0, a1;
	const char *from = ot_render__from(opts), *to = ot_render__to(opts);

	ot_render__ctx_init(&ctx, diff, opts);
	ot_buf_puts(out, "diff ");
	put_text(out, from, strlen(from));
	ot_buf_putc(out, ' ');
	put_text(out, to, strlen(to));
	ot_buf_putc(out, '\n');
	for (i = 0; i < diff->nchanges; i++) {
		const ot_change *c = &diff->changes[i];
		ot_render__ctx_ranges(&ctx, c, &b0, &b1, &a0, &a1);
		put_context(out, &ctx, b0, b1);
		put_change_line(out, c, opts->color);
		put_redline(out, c, opts->color);
		put_context(out, &ctx, a0, a1);
	}
	if (!diff->nchanges && diff->nnotes)
		ot_buf_puts(out, "no change to the law; notes changed\n");
	ot_render__stats_line(out, &diff->stats);
	ot_buf_putc(out, '\n');
	put_notes(out, diff, opts->color);
	ot_render__ctx_release(&ctx);
	return 0;
}
