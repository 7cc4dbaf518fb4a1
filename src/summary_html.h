/*
 * summary_html.h - the HTML pieces of a summary (internal), shared by the
 * standalone page of `summary --format html` and the record pages of the
 * published site (publish.c).
 */
#ifndef ORDTRACK_SUMMARY_HTML_H
#define ORDTRACK_SUMMARY_HTML_H

#include "html_build.h"
#include "ordtrack/summary.h"

typedef struct ot_summary_html_opts {
	/* Relative path from the page to the site root ("../"), or NULL for a
	 * standalone page: then there are no links to other pages. */
	const char *root;
	/* Site path of the page of the member called `name` serving on
	 * `date` (NULL: any date), relative to the root
	 * ("members/carlos-ramirez-rosa.html"), or NULL for no link. */
	const char *(*member_href)(void *ctx, const char *name, const char *date);
	/* 1 when the site has a page for ordinance `ord` (an ordinance a
	 * pending record would create has none); NULL: no links. */
	int (*has_ordinance)(void *ctx, const char *ord);
	void *ctx;
	/* Level of the section headings ("Timeline", "Votes", ...): 2 when
	 * the page's <h1> is the headline. */
	int heading_level;
} ot_summary_html_opts;

/*
 * The summary under `parent`: headline (<h1>), facts (ordinances,
 * sponsors, status), timeline table, each vote (ot_summary_html_vote),
 * the list of changed clauses linking to the redline, then the redline of
 * each ordinance (anchors "c-ORD-ID" made safe).
 */
void ot_summary_html(ot_html *h, xmlNodePtr parent, const ot_summary *s, const ot_summary_html_opts *o);

/*
 * One vote: a heading (date and motion), the tally in words ("Passed
 * 41–8, 1 other"), an inline SVG bar chart (role="img", <title> and
 * aria-label giving the same counts: the chart's text equivalent is that
 * label and the tally line beside it), and the roll call as a table with
 * header cells, grouped yes / no / other, with wards.  `id` is the
 * element id of the vote's <section> (unique on the page).
 */
void ot_summary_html_vote(ot_html *h, xmlNodePtr parent, const ot_summary *s, const ot_vote *v, const char *id,
			  const ot_summary_html_opts *o);

/* The standalone page of `summary --format html` (stylesheet embedded). */
int ot_summary__html_page(ot_buf *out, const ot_summary *s);

/* Just the SVG chart of a vote (yes / no / other bars). */
void ot_summary_html_chart(ot_html *h, xmlNodePtr parent, const ot_vote *v);

#endif
