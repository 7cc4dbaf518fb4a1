#!/bin/sh
# ordtrack publish: the site's structure, incremental republishing, member
# slugs, the feed's cap, and refusals.  (Link checking, feed validation and
# browser checks live in the sitetests scripts.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

# The sample tracker of tests/demo.sh, built once and copied into each case.
DEMO_TEMPLATE=$(mktemp -d)
trap 'rm -rf "$DEMO_TEMPLATE"' EXIT
(cd "$DEMO_TEMPLATE" && sh "$TOP/tests/demo.sh" "$ORDTRACK" >demo.log 2>&1) ||
	{ echo "not ok publish_demo_tracker"; tail -5 "$DEMO_TEMPLATE/demo.log"; exit 1; }
ROLL="$SAMPLES/records/O2021-117-roll.csv"

demo() {
	cp -R "$DEMO_TEMPLATE/demo-tracker" t
	export ORDTRACK_DIR="$PWD/t"
}

# "X of Y votes (Z%)" for member $1 on the roll of O2021-117, computed from
# the CSV alone: Y counts yes/no votes when yes != no, X those on the
# winning side
majority_line() {
	awk -F, -v who="$1" '
		/^#/ || $1 == "name" || NF < 2 { next }
		{ n[$2]++; if ($1 == who) mine = $2 }
		END {
			maj = n["yes"] > n["no"] ? "yes" : (n["no"] > n["yes"] ? "no" : "")
			y = (maj != "" && (mine == "yes" || mine == "no")) ? 1 : 0
			x = (y && mine == maj) ? 1 : 0
			if (y) printf "in %d of %d vote%s (%d%%)", x, y, (y == 1 ? "" : "s"), (x * 200 + y) / (2 * y)
			else printf "NONE"
		}' "$ROLL"
}

# every file of the site but the manifest, sorted
site_files() { (cd "$1" && find . -type f ! -name .ordtrack-publish.json | sed 's|^\./||' | sort); }

publish_writes_the_site() {
	demo
	ot publish --out site
	expect_rc 0
	n=$(site_files site | wc -l | tr -d ' ')
	expect_out "^published $n pages to site: $n written, 0 kept\$"
	for f in index.html style.css feed.xml ordinances/2-173.html records/O2021-117.html records/O2022-1001.html \
		records/O2022-1002.html members/index.html members/marty-quinn.html members/carlos-ramirez-rosa.html \
		.ordtrack-publish.json; do
		[ -s "site/$f" ] || fail "site/$f is missing"
	done
	# 50 members: the list and one page each
	[ "$(ls site/members | wc -l | tr -d ' ')" = 51 ] || fail "members/: $(ls site/members | wc -l) files, expected 51"
	[ "$(grep -c '<td><a href="[a-z0-9-]*\.html">' site/members/index.html)" = 50 ] || fail "members list lacks links"
	# every page: one h1, the nav, the stylesheet, no script
	for f in $(site_files site | grep '\.html$'); do
		[ "$(grep -o '<h1[ >]' "site/$f" | wc -l | tr -d ' ')" = 1 ] || fail "$f: not exactly one <h1>"
		grep -q '<nav aria-label="Site">.*index.html.*members/index.html.*feed.xml' "site/$f" || fail "$f: no nav"
		grep -q '<link rel="stylesheet" href="\(\.\./\)\{0,1\}style.css">' "site/$f" || fail "$f: no stylesheet"
		! grep -qi '<script' "site/$f" || fail "$f: has a script"
		grep -q '^<!DOCTYPE html>' "site/$f" || fail "$f: not HTML5"
	done
	cmp -s site/style.css /dev/null && fail "empty style.css"
	# index: tables with header cells, links to records, ordinances, members, feed
	grep -q '<th scope="col">Record</th>' site/index.html || fail "index: no header cells"
	for l in records/O2021-117.html records/O2022-1002.html ordinances/2-173.html members/index.html feed.xml; do
		grep -q "href=\"$l\"" site/index.html || fail "index: no link to $l"
	done
	# newest activity first: O2022-1002 (2022-04-06) before O2021-117
	first=$(grep -o 'href="records/[^"]*"' site/index.html | head -1)
	[ "$first" = 'href="records/O2022-1002.html"' ] || fail "index order: $first first"
	# record page: the tally, the vote section, the redline
	grep -q '41–8' site/records/O2021-117.html || fail "record page: no tally"
	grep -q 'id="vote-1"' site/records/O2021-117.html || fail "record page: no vote-1"
	grep -q '<del>' site/records/O2021-117.html || fail "record page: no <del>"
	grep -q '<ins>' site/records/O2021-117.html || fail "record page: no <ins>"
	grep -q '<svg' site/records/O2021-117.html || fail "record page: no chart"
	grep -q 'href="../members/marty-quinn.html"' site/records/O2021-117.html || fail "record page: no member link"
	# ordinance page: anchors per unit, history, blame
	grep -q 'id="2-173-020(a)"' site/ordinances/2-173.html || fail "ordinance page: no 2-173-020(a) anchor"
	grep -q 'id="2-173-070"' site/ordinances/2-173.html || fail "ordinance page: no 2-173-070 anchor"
	grep -q '<tr id="v-3">' site/ordinances/2-173.html || fail "ordinance page: no version 3 in the history"
	grep -q 'id="2-173-070(a)".*last changed by <a href="../records/O2021-117.html">O2021-117</a> (2021-01-27)' \
		site/ordinances/2-173.html || fail "ordinance page: no blame of 2-173-070(a)"
	grep -q 'id="2-173-005(a)".*last changed by O2012-4984 (2012-09-12)' site/ordinances/2-173.html ||
		fail "ordinance page: no blame of 2-173-005(a)"
	# the feed is discoverable from every page; no inline styles (a strict
	# content security policy blocks them); blame sits beside headings
	for f in index.html ordinances/2-173.html records/O2021-117.html members/index.html; do
		grep -q '<link rel="alternate" type="application/atom+xml" title="[^"]*" href="[./]*feed.xml">' "site/$f" ||
			fail "$f: no feed link in the head"
		! grep -q ' style=' "site/$f" || fail "$f: inline style"
	done
	! grep -q '<h3[^>]*>[^<]*<span class="blame"' site/ordinances/2-173.html || fail "blame inside a heading"
	# member pages: the majority line, computed from the roll CSV
	for m in "Marty Quinn|marty-quinn" "Carlos Ramirez-Rosa|carlos-ramirez-rosa" "Felix Cardona|felix-cardona"; do
		line=$(majority_line "${m%|*}")
		if [ "$line" = NONE ]; then
			want="No yes or no vote by ${m%|*} on a vote with a majority is recorded"
		else
			want="${m%|*} voted with the majority $line"
		fi
		grep -qF "$want" "site/members/${m#*|}.html" || fail "${m#*|}: no '$want': $(grep majority "site/members/${m#*|}.html")"
	done
	grep -q 'Not counted above: 1 not-voting' site/members/felix-cardona.html || fail "cardona: not-voting not counted apart"
	grep -q 'href="../records/O2021-117.html#vote-1"' site/members/marty-quinn.html || fail "member: no vote link"
	# the feed: Atom, the enactment and the vote, newest first
	grep -q '<feed xmlns="http://www.w3.org/2005/Atom">' site/feed.xml || fail "feed: no Atom namespace"
	grep -q '<title>O2021-117 enacted: Remove the exceptions' site/feed.xml || fail "feed: no enactment"
	grep -q '<title>Vote on O2021-117: passed 41–8, 1 not voting</title>' site/feed.xml || fail "feed: no vote"
	grep -q '<link rel="alternate" href="records/O2021-117.html#vote-1"/>' site/feed.xml || fail "feed: no vote link"
	grep -q '<category term="enactment"/>' site/feed.xml || fail "feed: no category"
	grep -q '<updated>2022-04-06T00:00:00Z</updated>' site/feed.xml || fail "feed: <updated> is not the newest entry"
	[ -z "$(grep -o '<id>[^<]*</id>' site/feed.xml | sort | uniq -d)" ] || fail "feed: duplicate ids"
	[ -z "$(grep -o '<id>[^<]*</id>' site/feed.xml | grep -v '<id>urn:uuid:[0-9a-f]\{8\}-[0-9a-f]\{4\}-5[0-9a-f]\{3\}-[89ab][0-9a-f]\{3\}-[0-9a-f]\{12\}</id>')" ] ||
		fail "feed: an id is not a version-5 urn:uuid"
	ls -a site | grep -q '\.tmp$' && fail "a temporary file was left: $(ls -a site)"
	true
}

publish_again_writes_nothing() {
	demo
	ot publish --out site --title "Test council"
	expect_rc 0
	touch -d 2000-01-01 $(find site -type f)
	ot publish --out site --title "Test council"
	expect_rc 0
	n=$(site_files site | wc -l | tr -d ' ')
	expect_out "^published $n pages to site: 0 written, $n kept\$"
	[ -z "$(find site -type f -newermt 2000-01-02)" ] || fail "files rewritten: $(find site -type f -newermt 2000-01-02)"
	# a deleted page comes back, alone
	rm site/ordinances/2-173.html
	ot publish --out site --title "Test council"
	expect_out "^published $n pages to site: 1 written, $((n - 1)) kept\$"
	grep -q 'id="2-173-020(a)"' site/ordinances/2-173.html || fail "the deleted page is not back"
	# a damaged page (another size) is rewritten
	echo x >> site/records/O2021-117.html
	ot publish --out site --title "Test council"
	expect_out "^published $n pages to site: 1 written, $((n - 1)) kept\$"
	tail -c 8 site/records/O2021-117.html | grep -q '</html>' || fail "the damaged page is not rewritten"
	# another title changes every page but the stylesheet
	ot publish --out site --title "Other council"
	expect_out "^published $n pages to site: $((n - 1)) written, 1 kept\$"
	true
}

publish_after_vote_rewrites_affected_pages() {
	demo
	ot publish --out site
	expect_rc 0
	touch -d 2000-01-01 $(find site -type f)
	ot vote O2022-1002 --date 2022-05-04 --motion "Passage of the ordinance" --result pass \
		--yes "Marty Quinn" --yes "Felix Cardona" --no "Alder 01 (illustrative)"
	expect_rc 0
	ot publish --out site
	expect_rc 0
	n=$(site_files site | wc -l | tr -d ' ')
	expect_out "^published $n pages to site: 6 written, $((n - 6)) kept\$"
	changed=$(cd site && find . -type f -newermt 2000-01-02 ! -name .ordtrack-publish.json | sed 's|^\./||' | sort | tr '\n' ' ')
	want="feed.xml index.html members/alder-01-illustrative.html members/felix-cardona.html members/marty-quinn.html records/O2022-1002.html "
	[ "$changed" = "$want" ] || fail "rewritten: '$changed', expected '$want'"
	grep -q '<title>Vote on O2022-1002: passed 2–1</title>' site/feed.xml || fail "feed: no new vote"
	grep -q 'href="records/O2022-1002.html#vote-1"' site/feed.xml || fail "feed: no link to the vote"
	grep -q 'id="vote-1"' site/records/O2022-1002.html || fail "record page: no vote-1"
	grep -qF 'Marty Quinn voted with the majority in 1 of 2 votes (50%)' site/members/marty-quinn.html ||
		fail "quinn: $(grep majority site/members/marty-quinn.html)"
	grep -q '<td>2022-05-04</td>' site/index.html || fail "index: no new activity date"
	true
}

publish_feed_ids_are_stable_and_base_url_absolute() {
	demo
	ot publish --out a
	expect_rc 0
	ot publish --out b --base-url https://example.org/code
	expect_rc 0
	grep -q '<link rel="self" href="https://example.org/code/feed.xml"/>' b/feed.xml || fail "self link not absolute"
	grep -q '<link rel="alternate" href="https://example.org/code/index.html"/>' b/feed.xml || fail "alternate not absolute"
	grep -q '<link rel="alternate" href="https://example.org/code/records/O2021-117.html#vote-1"/>' b/feed.xml ||
		fail "entry link not absolute"
	grep -q '<link rel="self" href="feed.xml"/>' a/feed.xml || fail "self link not relative"
	grep -o '<id>[^<]*</id>' a/feed.xml > a.ids
	grep -o '<id>[^<]*</id>' b/feed.xml > b.ids
	cmp -s a.ids b.ids || fail "ids differ between two publishes"
	# another tracker with the same records gets other ids (another root)
	rm -rf t
	ot init t
	ot add 2-173 "$SAMPLES/$(awk -F'\t' '!/^#/ && NF {print $6; exit}' "$SAMPLES/manifest.tsv")" --date 2001-01-01
	expect_rc 0
	git --git-dir="$DEMO_TEMPLATE/demo-tracker" for-each-ref --format='%(refname)' refs/records |
		while read -r ref; do git --git-dir="$DEMO_TEMPLATE/demo-tracker" push -q t "$ref:$ref"; done
	ot publish --out c
	expect_rc 0
	grep -o '<id>[^<]*</id>' c/feed.xml > c.ids
	[ -s c.ids ] || fail "no ids"
	[ -z "$(sort a.ids c.ids | uniq -d)" ] || fail "two trackers share ids: $(sort a.ids c.ids | uniq -d | head -3)"
	# a bad base URL
	ot publish --out d --base-url 'not a url'
	expect_rc 1
	expect_err "^ordtrack publish: the base URL 'not a url' is not an absolute URL.*; check --base-url"
	true
}

publish_member_slugs_are_unique() {
	two_versions
	ot member add "Ann Lee" --ward 1 --from 2015-05-18 --to 2019-05-19
	expect_rc 0
	ot member add "Ann Lee" --ward 2 --from 2019-05-20
	expect_rc 0
	ot member add "Index" --ward 3 --from 2019-05-20
	expect_rc 0
	ot member add "José Núñez" --ward 4 --from 2019-05-20
	expect_rc 0
	ot publish --out site
	expect_rc 0
	for f in ann-lee ann-lee-2 index-2 jose-nunez; do
		[ -s "site/members/$f.html" ] || fail "no members/$f.html: $(ls site/members)"
	done
	grep -q '<h1>Members of the council</h1>' site/members/index.html || fail "the list was overwritten"
	grep -q '<a href="index-2.html">Index</a>' site/members/index.html || fail "no link to index-2"
	grep -q 'Ward: 2. Serving from 2019-05-20 to the present' site/members/ann-lee-2.html || fail "ann-lee-2 is not the second"
	grep -q 'No yes or no vote by Ann Lee on a vote with a majority is recorded' site/members/ann-lee.html ||
		fail "no majority line without votes"
}

publish_feed_keeps_the_newest_200() {
	two_versions
	ot member add "Ann Lee" --ward 1 --from 2019-05-20
	v2 | sed 's/three minutes/two minutes/' > two.txt
	ot propose O2022-5 9-99 two.txt --date 2022-01-10 --title "Two-minute idling" --sponsor "Ann Lee"
	expect_rc 0
	i=0
	while [ $i -lt 205 ]; do
		ot action O2022-5 --date "2022-02-$(printf %02d $((i / 10 + 1)))" --type deferral --body "Committee $i"
		expect_rc 0
		i=$((i + 1))
	done
	ot publish --out site
	expect_rc 0
	[ "$(grep -c '<entry>' site/feed.xml)" = 200 ] || fail "feed: $(grep -c '<entry>' site/feed.xml) entries"
	# the newest first: the last deferral in, the introduction out
	grep -q 'Committee 204' site/feed.xml || fail "feed: the newest action is missing"
	! grep -q 'introduced' site/feed.xml || fail "feed: the oldest event is still there"
	first=$(grep -o 'Committee [0-9]*' site/feed.xml | head -1)
	[ "$first" = "Committee 204" ] || fail "feed: first entry is $first"
}

publish_refuses_a_foreign_directory() {
	demo
	mkdir site
	echo mine > site/notes.txt
	ot publish --out site
	expect_rc 1
	expect_err '^ordtrack publish: site is not empty and was not written by ordtrack publish; choose an empty or new directory$'
	[ "$(ls -A site)" = notes.txt ] || fail "the directory was touched: $(ls -A site)"
	# a file where the directory should be
	echo x > file
	ot publish --out file
	expect_rc 1
	expect_err "ordtrack publish: 'file' exists and is not a directory"
	# a damaged manifest
	ot publish --out ok
	expect_rc 0
	echo '{"format": "other"}' > ok/.ordtrack-publish.json
	ot publish --out ok
	expect_rc 1
	expect_err 'not a manifest of ordtrack publish'
	# an empty directory is fine, and nested new directories are made
	mkdir empty
	ot publish --out empty
	expect_rc 0
	ot publish --out new/deeper/site
	expect_rc 0
	[ -s new/deeper/site/index.html ] || fail "no nested site"
}

publish_usage_errors() {
	demo
	ot publish
	expect_rc 2
	expect_err '^ordtrack publish: --out DIR is required'
	ot publish --out site extra
	expect_rc 2
	expect_err "unexpected argument 'extra'"
	ot publish --out site --title ''
	expect_rc 1
	expect_err "^ordtrack publish: the site's title is empty; give one with --title"
	[ ! -e site ] || fail "a refused run created the directory"
	unset ORDTRACK_DIR
	ot publish --out site
	expect_rc 1
	expect_err 'no tracker found'
}

run_case publish_writes_the_site
run_case publish_again_writes_nothing
run_case publish_after_vote_rewrites_affected_pages
run_case publish_feed_ids_are_stable_and_base_url_absolute
run_case publish_member_slugs_are_unique
run_case publish_feed_keeps_the_newest_200
run_case publish_refuses_a_foreign_directory
run_case publish_usage_errors
