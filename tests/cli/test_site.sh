#!/bin/sh
# tests/cli/test_site.sh - the static site of `ordtrack publish` checked by
# tests/tools/sitecheck.c: every link and #fragment resolves inside the
# site, one <h1> per page, header cells in tables, text alternatives, a
# valid Atom feed whose links land on existing anchors and whose entry ids
# stay the same across publishes.  First the checker's own cases on the
# hand-written site tests/data/site (it passes; each way of breaking a copy
# of it makes the checker fail with the right message), then the site
# published from the sample tracker (tests/demo.sh).
#
# The checker is found through $ORDTRACK_TOOLS (tests/run.sh sets it; the
# valgrind run rewrites $ORDTRACK), else next to $ORDTRACK.
. "$(dirname "$0")/lib.sh"

TOOLS=${ORDTRACK_TOOLS:-$(dirname "$ORDTRACK")/tools}
SITECHECK="$TOOLS/sitecheck"
SITE="$TOP/tests/data/site"
ROLL="$SAMPLES/records/O2021-117-roll.csv"

# sc ARGS...: run the checker like `ot` runs ordtrack
sc() {
	[ -x "$SITECHECK" ] || fail "no checker at $SITECHECK (make BUILD=... \$BUILD/tools/sitecheck)"
	set +e
	"$SITECHECK" "$@" >"$out_file" 2>"$err_file"
	rc=$?
	set -e
}

# mutate FILE SED-SCRIPT: edit a file of the copy ./s of the site; the
# edit must change it (else the case would test nothing)
mutate() {
	cp "s/$1" mutate.orig
	sed -e "$2" mutate.orig > "s/$1"
	! cmp -s mutate.orig "s/$1" || fail "sed '$2' did not change $1"
}
copy_site() { cp -R "$SITE" s; }

# ---- the checker on the hand-written site --------------------------------

checker_passes_good_site() {
	sc links "$SITE" --reachable-from index.html
	expect_rc 0
	expect_out '^5 pages, 33 links, 6 anchors checked, 2 external links skipped; 0 problems$'
	sc feed "$SITE" --list
	expect_rc 0
	expect_out '^feed.xml: 3 entries, 5 links, 1 anchors checked, 0 external links skipped; 0 problems$'
	[ "$(grep -c '^entry	urn:uuid:' "$out_file")" -eq 3 ] || fail "--list: $(cat "$out_file")"
}

checker_dangling_href() {
	copy_site
	mutate index.html 's#href="ordinances/2-173.html"#href="ordinances/2-174.html"#'
	sc links s
	expect_rc 1
	expect_out "^index.html: ordinances/2-174.html: no such file 'ordinances/2-174.html' in the site$"
	expect_out '1 problems$'
}

checker_missing_fragment() {
	copy_site
	# percent-encoded in the href, decoded in the message
	mutate records/O2021-117.html 's#2-173-020%28a%29#2-173-020%28z%29#'
	sc links s
	expect_rc 1
	expect_out "^records/O2021-117.html: ../ordinances/2-173.html#2-173-020%28z%29: no anchor '2-173-020\(z\)' in 'ordinances/2-173.html'$"
	expect_out '1 problems$'
}

checker_page_without_h1() {
	copy_site
	mutate members/index.html 's#<h1>Members</h1>#<h2>Members</h2>#'
	sc links s
	expect_rc 1
	expect_out '^members/index.html:1: no <h1>; a page needs one main heading$'
	expect_out '1 problems$'
}

checker_two_h1() {
	copy_site
	mutate members/index.html 's#<table>#<h1>Again</h1><table>#'
	sc links s
	expect_rc 1
	expect_out '^members/index.html:[0-9]+: 2 <h1> elements; a page needs exactly one$'
}

checker_link_leaves_site() {
	copy_site
	mutate ordinances/2-173.html 's#href="../index.html"#href="../../index.html"#'
	sc links s
	expect_rc 1
	expect_out '^ordinances/2-173.html: ../../index.html: leaves the site directory$'
}

checker_directory_link() {
	copy_site
	mutate index.html 's#href="members/index.html"#href="members/"#'
	sc links s
	expect_rc 1
	expect_out '^index.html: members/: links a directory'
}

checker_links_that_break_on_file_urls() {
	copy_site
	mutate index.html 's#href="style.css"#href="/style.css"#; s#href="feed.xml" title#href="javascript:void(0)" title#'
	sc links s
	expect_rc 1
	expect_out '^index.html: /style.css: absolute path does not work from file://'
	expect_out "^index.html: javascript:void\(0\): scheme 'javascript:' does not belong"
}

checker_bad_percent_encoding() {
	copy_site
	mutate index.html 's#href="records/O2021-117.html"#href="records/O2021-117%zz.html"#'
	sc links s
	expect_rc 1
	expect_out '^index.html: records/O2021-117%zz.html: bad percent-encoding in the path$'
}

checker_accessibility_rules() {
	copy_site
	mutate members/index.html 's#<th scope="col">\([A-Za-z]*\)</th>#<td>\1</td>#g; s#<html lang="en">#<html>#'
	mutate records/O2021-117.html 's#<title>Yes 41, No 8, Other 1</title>##; s# alt=""##'
	mutate index.html 's#>Back to top</a>#></a>#'
	sc links s
	expect_rc 1
	expect_out '^members/index.html:[0-9]+: <table> without header cells \(<th>\)$'
	expect_out '^members/index.html:[0-9]+: <html> has no lang attribute'
	expect_out '^records/O2021-117.html:[0-9]+: <svg role="img"> without aria-label or <title>$'
	expect_out '^records/O2021-117.html:[0-9]+: <img> without alt$'
	expect_out "^index.html:[0-9]+: link '#top' has no text$"
	expect_out '5 problems$'
}

checker_duplicate_id_and_unknown_tag() {
	copy_site
	# an HTML5 tag libxml2 does not know is fine; a misspelt one is not
	mutate ordinances/2-173.html 's#id="2-173-020(b)"#id="2-173-020(a)"#; s#<section id="2-173-042">#<secton id="2-173-042">#'
	sc links s
	expect_rc 1
	expect_out "^ordinances/2-173.html:1: duplicate id '2-173-020\(a\)'$"
	expect_out '^ordinances/2-173.html:[0-9]+: parse error: Tag secton invalid$'
	expect_no_out 'Tag (section|nav|main|svg|rect) invalid'
}

checker_orphan_page() {
	copy_site
	mutate members/index.html 's#href="marty-quinn.html"#href="index.html"#'
	mutate records/O2021-117.html 's#href="../members/marty-quinn.html"#href="../members/index.html"#'
	sc links s
	expect_rc 0
	sc links s --reachable-from index.html
	expect_rc 1
	expect_out '^members/marty-quinn.html:1: no chain of links leads here from index.html$'
}

checker_feed_problems() {
	copy_site
	mutate feed.xml 's#<id>urn:uuid:9a0d3c51-77e2-5b1a-a4c2-0e6d8f1b2c33</id>#<id>urn:uuid:1c2e4b6d-8f0a-5c3e-9b1d-2f4a6c8e0b13</id>#'
	mutate feed.xml 's|O2021-117.html#vote-1|O2021-117.html#vote-2|'
	mutate feed.xml 's#<updated>2021-01-13T00:00:00-06:00</updated>#<updated>2021-02-30T00:00:00Z</updated>#'
	mutate feed.xml 's#<link rel="self" href="feed.xml"/>##'
	sc feed s
	expect_rc 1
	expect_out "^feed.xml:[0-9]+: entry id 'urn:uuid:1c2e4b6d-8f0a-5c3e-9b1d-2f4a6c8e0b13' repeats the one on line [0-9]+$"
	expect_out "^feed.xml: records/O2021-117.html#vote-2: no anchor 'vote-2' in 'records/O2021-117.html'$"
	expect_out "^feed.xml:[0-9]+: entry 3: <updated> '2021-02-30T00:00:00Z' is not an RFC 3339 date-time$"
	expect_out '^feed.xml:[0-9]+: the feed has no <link rel="self">'
	expect_out '4 problems$'
}

checker_feed_structure() {
	copy_site
	mutate feed.xml 's#^  <updated>2021-01-27T00:00:00Z</updated>#  <updated>2021-01-20T00:00:00Z</updated>#'
	mutate feed.xml '/<author>/,/<\/author>/d'
	mutate feed.xml 's#<title>O2021-117 referred to committee</title>##; s#<link href="records/O2021-117.html"/>##'
	sc feed s
	expect_rc 1
	expect_out "^feed.xml:[0-9]+: entry 1: updated 2021-01-27T00:00:00Z is later than the feed's <updated>$"
	expect_out '^feed.xml:[0-9]+: entry 1 has no <author> and the feed has none$'
	expect_out '^feed.xml:[0-9]+: entry 3 has no <title>$'
	expect_out '^feed.xml:[0-9]+: entry 3 has neither <content> nor <link rel="alternate">$'
	rm -rf s
	copy_site
	mutate feed.xml 's#http://www.w3.org/2005/Atom#http://www.w3.org/2005/Atom/#'
	sc feed s
	expect_rc 1
	expect_out '^feed.xml:1: the root element is not \{http://www.w3.org/2005/Atom\}feed$'
	mutate feed.xml 's#</feed>##'
	sc feed s
	expect_rc 1
	expect_out '^feed.xml:[0-9]+: parse error: '
}

checker_usage() {
	sc
	expect_rc 2
	sc links /nonexistent-dir
	expect_rc 2
	mkdir empty
	sc links empty
	expect_rc 1
	expect_out 'no \*.html pages'
}

for c in checker_passes_good_site checker_dangling_href checker_missing_fragment checker_page_without_h1 \
	checker_two_h1 checker_link_leaves_site checker_directory_link checker_links_that_break_on_file_urls \
	checker_bad_percent_encoding checker_accessibility_rules checker_duplicate_id_and_unknown_tag \
	checker_orphan_page checker_feed_problems checker_feed_structure checker_usage; do
	run_case "$c"
done

# ---- the published sample tracker ----------------------------------------

# The sample tracker is built once (tests/demo.sh) and published into
# $shared/site; the cases read it (copies when they change anything).
shared=$(mktemp -d)
trap 'rm -rf "$shared"' EXIT
if ! (cd "$shared" && sh "$TOP/tests/demo.sh" "$ORDTRACK" >demo.out 2>&1); then
	echo "#   tests/demo.sh failed: $(tail -5 "$shared/demo.out")"
	echo "not ok site_sample_tracker"
	exit 1
fi
export ORDTRACK_DIR="$shared/demo-tracker"
"$ORDTRACK" publish --out "$shared/site" >"$shared/publish.out" 2>&1
publish_rc=$?
unset ORDTRACK_DIR

# the tally of the sample roll call, counted here from the CSV
roll_count() { grep -v '^#' "$ROLL" | sed 1d | tr -d '\r' | awk -F, -v o="$1" '$NF == o' | wc -l | tr -d ' '; }
YES=$(roll_count yes)
NO=$(roll_count no)

site_published() {
	[ $publish_rc -eq 0 ] || fail "ordtrack publish failed ($publish_rc): $(head -c 600 "$shared/publish.out")"
	grep -Eq '^published [0-9]+ pages to .*: [0-9]+ written, 0 kept$' "$shared/publish.out" ||
		fail "publish said: $(cat "$shared/publish.out")"
}

site_links_and_anchors_resolve() {
	[ $publish_rc -eq 0 ] || fail "no site (publish failed)"
	sc links "$shared/site" --reachable-from index.html
	expect_rc 0
	expect_out ' 0 problems$'
	# the pages the issue names are there, and were checked
	pages=$(sed -n 's/^\([0-9]*\) pages, .*/\1/p' "$out_file")
	nmembers=$(grep -v '^#' "$SAMPLES/records/members.tsv" | grep -vc '^[[:space:]]*$')
	# index, 2-173, three records, the members list and one page per member
	[ "$pages" -ge $((nmembers + 6)) ] || fail "$pages pages for $nmembers members"
	for f in index.html style.css feed.xml ordinances/2-173.html records/O2021-117.html \
		records/O2022-1001.html records/O2022-1002.html members/index.html; do
		[ -s "$shared/site/$f" ] || fail "no $f"
	done
}

site_every_page_has_nav() {
	[ $publish_rc -eq 0 ] || fail "no site (publish failed)"
	(cd "$shared/site" && find . -name '*.html') | sed 's#^\./##' > pages
	[ -s pages ] || fail "no pages"
	while read -r p; do
		up=$(echo "$p" | sed -e 's#[^/]*/#../#g' -e 's#[^/]*$##')
		tr '\n' ' ' < "$shared/site/$p" | grep -o '<nav[^>]*>.*</nav>' > nav || fail "$p: no <nav>"
		for target in index.html members/index.html feed.xml; do
			case "$p" in members/*) [ "$target" = members/index.html ] && alt=index.html || alt=;; *) alt=;; esac
			grep -q "href=\"$up$target\"" nav || { [ -n "$alt" ] && grep -q "href=\"$alt\"" nav; } ||
				fail "$p: the <nav> does not link $up$target: $(head -c 300 nav)"
		done
	done < pages
}

site_feed_is_valid_atom() {
	[ $publish_rc -eq 0 ] || fail "no site (publish failed)"
	sc feed "$shared/site" --list
	expect_rc 0
	expect_out ' 0 problems$'
	grep '^entry	' "$out_file" > entries || fail "no entries"
	n=$(wc -l < entries)
	[ "$n" -ge 3 ] && [ "$n" -le 200 ] || fail "$n entries"
	# newest first
	cut -f3 entries > dates
	sort -r dates | cmp -s - dates || fail "entries are not newest first: $(cat dates | tr '\n' ' ')"
	# every entry has a category term of the three kinds
	cut -f4 entries | grep -Ev '^(enactment|vote|action)$' > odd || true
	[ ! -s odd ] || fail "unexpected category terms: $(cat odd)"
	# the enactment and the vote of O2021-117, with the tally of the roll CSV
	grep -q '	enactment	records/O2021-117\.html	O2021-117 enacted: ' entries ||
		fail "no enactment entry: $(head -5 entries)"
	grep -Eq "	vote	records/O2021-117\.html#vote-1	Vote on O2021-117: passed $YES.$NO(, [0-9]+ [a-z ]+)*\$" entries ||
		fail "no vote entry passed $YES-$NO: $(grep '	vote	' entries | head -3)"
	# ids are well-formed uuids (sitecheck checks) and the feed's updated
	# is the newest entry's date
	newest=$(head -1 dates)
	grep -q "<updated>$newest</updated>" "$shared/site/feed.xml" || fail "feed updated is not $newest"
}

site_feed_ids_stable_across_publishes() {
	[ $publish_rc -eq 0 ] || fail "no site (publish failed)"
	ORDTRACK_DIR="$shared/demo-tracker" ot publish --out again
	expect_rc 0
	sc feed "$shared/site" --list
	grep '^entry	' "$out_file" | cut -f2,3,5 > one
	sc feed again --list
	expect_rc 0
	grep '^entry	' "$out_file" | cut -f2,3,5 > two
	[ -s one ] || fail "no entries"
	cmp -s one two || fail "entry ids differ between two publishes: $(diff one two | head -5)"
	[ "$(cut -f1 one | sort -u | wc -l)" -eq "$(wc -l < one)" ] || fail "repeated ids"
	cmp -s "$shared/site/feed.xml" again/feed.xml || fail "feed.xml differs between two publishes"
	# every page the same, byte for byte
	diff -r -x .ordtrack-publish.json "$shared/site" again > site.diff || fail "the two sites differ: $(head -c 400 site.diff)"
}

site_feed_ids_stable_after_new_events() {
	[ $publish_rc -eq 0 ] || fail "no site (publish failed)"
	cp -R "$shared/demo-tracker" t
	export ORDTRACK_DIR="$PWD/t"
	ot publish --out out
	expect_rc 0
	sc feed out --list
	grep '^entry	' "$out_file" | cut -f2-6 | sort > before
	# a new action, then one dated before it (recorded later): the old
	# entries keep their ids, each new event is one new entry
	ot action O2022-1002 --date 2022-05-10 --type committee-passage --body "Committee on Immigrant and Refugee Rights"
	expect_rc 0
	ot action O2022-1002 --date 2022-04-20 --type deferral --body "Committee on Immigrant and Refugee Rights"
	expect_rc 0
	ot publish --out out
	expect_rc 0
	sc feed out --list
	expect_rc 0
	grep '^entry	' "$out_file" | cut -f2-6 | sort > after
	comm -23 before after > lost
	[ ! -s lost ] || fail "entries changed or lost after new events: $(head -3 lost)"
	comm -13 before after > new
	[ "$(wc -l < new)" -eq 2 ] || fail "expected 2 new entries: $(cat new)"
	grep -q '	2022-05-10T00:00:00Z	action	records/O2022-1002.html	' new || fail "new entries: $(cat new)"
	grep -q '	2022-04-20T00:00:00Z	action	records/O2022-1002.html	' new || fail "new entries: $(cat new)"
	grep '^entry	' "$out_file" | head -1 | grep -q '2022-05-10' || fail "the newest event is not first"
}

site_feed_with_base_url() {
	[ $publish_rc -eq 0 ] || fail "no site (publish failed)"
	ORDTRACK_DIR="$shared/demo-tracker" ot publish --out based --base-url https://example.org/council/
	expect_rc 0
	sc feed based --base-url https://example.org/council/ --list
	expect_rc 0
	expect_out ' 0 problems$'
	grep '^entry	' "$out_file" > entries
	cut -f5 entries | grep -v '^https://example.org/council/records/' > rel || true
	[ ! -s rel ] || fail "relative entry links with --base-url: $(head -3 rel)"
	grep -q 'rel="self" href="https://example.org/council/feed.xml"' based/feed.xml ||
		fail "self link not absolute: $(grep -o '<link[^>]*>' based/feed.xml | head -3)"
	# the same ids as without --base-url
	cut -f2 entries > ids1
	sc feed "$shared/site" --list
	grep '^entry	' "$out_file" | cut -f2 > ids2
	cmp -s ids1 ids2 || fail "--base-url changed the entry ids"
	sc links based --reachable-from index.html
	expect_rc 0
}

site_record_page_redline_and_tally() {
	[ $publish_rc -eq 0 ] || fail "no site (publish failed)"
	f="$shared/site/records/O2021-117.html"
	grep -q '<del' "$f" || fail "no <del>"
	grep -q '<ins' "$f" || fail "no <ins>"
	grep -q "$YES" "$f" && grep -q "$NO" "$f" || fail "no tally $YES/$NO"
	grep -q 'id="vote-1"' "$f" || fail "no vote-1 anchor"
	grep -q 'role="img"' "$f" || fail "no chart"
	grep -q 'id="2-173-020(a)"' "$shared/site/ordinances/2-173.html" || fail "no clause anchor 2-173-020(a)"
}

for c in site_published site_links_and_anchors_resolve site_every_page_has_nav site_feed_is_valid_atom \
	site_feed_ids_stable_across_publishes site_feed_ids_stable_after_new_events site_feed_with_base_url site_record_page_redline_and_tally; do
	run_case "$c"
done
