/*
 * render_html.c - a standalone HTML5 redline page (`diff --format html`).
 *
 * Page: the page skeleton with the shared stylesheet embedded (so the
 * file stands alone), a title, the two revisions compared, then the
 * redline of html_build.c: a summary of counts, a table of changed units
 * (th scope="col"; each row links to the change's anchor), and one
 * <section id="c-ID"> per change with a heading, the greyed context units
 * before it (opts->context), the redline and the context after it.
 *
 * Anchors: "c-" + the unit id made safe (ot_html_anchor).
 */
#include "html_build.h"
#include "internal.h"
#include "render_internal.h"

static void revs(ot_html *h, xmlNodePtr body, const ot_diff_render_opts *opts)
{
	xmlNodePtr p = ot_html_el(h, body, "p", "revs"), code;
	ot_html_texts(h, p, "From ");
	code = ot_html_el_text(h, p, "code", NULL, ot_render__from(opts));
	if (opts->from_commit)
		ot_html_attr(h, code, "title", opts->from_commit);
	ot_html_texts(h, p, " to ");
	code = ot_html_el_text(h, p, "code", NULL, ot_render__to(opts));
	if (opts->to_commit)
		ot_html_attr(h, code, "title", opts->to_commit);
}

/* Returns 0 and appends the page; OT_EINVALID for a text that is not
 * UTF-8; -1 when libxml2 fails. */
int ot_render__html(ot_buf *out, const ot_diff *diff, const ot_diff_render_opts *opts)
{
	ot_html h;
	ot_buf title = OT_BUF_INIT;
	int err;

	if (opts->title)
		ot_buf_puts(&title, opts->title);
	else
		ot_buf_printf(&title, "Changes: %s → %s", ot_render__from(opts), ot_render__to(opts));
	if ((err = ot_html_begin(&h, title.ptr, NULL)) == 0) {
		ot_html_el_text(&h, h.body, "h1", NULL, title.ptr);
		revs(&h, h.body, opts);
		ot_html_diff(&h, h.body, diff, opts, "c-", 2);
		err = ot_html_finish(&h, out);
	}
	ot_buf_release(&title);
	return err;
}
