#!/bin/sh
# tests/cli/test_browser.sh - the published site and the summary page in a
# real browser (headless Chromium): the record page O2021-117 renders its
# redline with the words O2021-117 strikes in <del> and the words it
# inserts in <ins> (taken from `ordtrack diff O2021-117 --format json`),
# the tally counted from the roll CSV, the stylesheet applies (struck and
# underscored text, screen-reader text hidden, no sideways scrolling), a
# screenshot is a real PNG of a non-blank page, and the index, an
# ordinance page and `ordtrack summary --format html` load with their <h1>.
#
# Without chromium every case prints "ok NAME # skip chromium not
# installed", unless ORDTRACK_REQUIRE_BROWSER=1 (CI), which makes it a
# failure.  Each browser run has its own HOME and --user-data-dir in the
# case's temporary directory and a 60 s time-out.
. "$(dirname "$0")/lib.sh"

CASES="browser_record_page_redline browser_record_page_tally browser_record_page_styles
browser_record_page_screenshot browser_index_and_ordinance_pages browser_summary_page"
ROLL="$SAMPLES/records/O2021-117-roll.csv"

BROWSER=
for b in chromium chromium-browser; do
	if command -v "$b" >/dev/null 2>&1; then
		BROWSER=$(command -v "$b")
		break
	fi
done
if [ -z "$BROWSER" ]; then
	if [ "${ORDTRACK_REQUIRE_BROWSER:-}" = 1 ]; then
		echo "#   chromium is not installed and ORDTRACK_REQUIRE_BROWSER=1 (apt-get install chromium)"
		echo "not ok browser_installed"
		exit 1
	fi
	for c in $CASES; do echo "ok $c # skip chromium not installed"; done
	exit 0
fi

# browse URL OUT ARGS...: chromium --headless ARGS URL, stdout into OUT;
# fails the case when the browser fails or times out
browse() {
	url=$1 dest=$2
	shift 2
	mkdir -p home profile
	set +e
	HOME="$PWD/home" XDG_CONFIG_HOME="$PWD/home/.config" XDG_CACHE_HOME="$PWD/home/.cache" \
		timeout 60 "$BROWSER" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
		--no-first-run --disable-extensions --user-data-dir="$PWD/profile" "$@" "$url" \
		>"$dest" 2>browser.err
	brc=$?
	set -e
	[ $brc -eq 0 ] || fail "chromium exited $brc on $url: $(grep -v -e dbus -e '^$' browser.err | tail -3)"
}
# dom URL OUT: the rendered DOM
dom() { browse "$1" "$2" --dump-dom; }

# the text inside the DOM's <del> (or <ins>) elements, tags removed
marked_text() { # del|ins DOM
	xmllint --html --xpath "//$1" "$2" 2>/dev/null | sed 's/<[^>]*>/ /g' > "$1.text" || true
	[ -s "$1.text" ] || fail "the rendered page has no <$1>"
}
# one <h1> whose text matches the grep -E pattern
expect_h1() { # DOM PATTERN
	n=$(xmllint --html --xpath 'count(//h1)' "$1" 2>/dev/null)
	[ "$n" = 1 ] || fail "$n <h1> in the rendered $1"
	xmllint --html --xpath 'string(//h1)' "$1" 2>/dev/null | grep -Eq -- "$2" ||
		fail "<h1> of $1 is '$(xmllint --html --xpath 'string(//h1)' "$1" 2>/dev/null)', not /$2/"
}

# ---- the site, built once -------------------------------------------------

shared=$(mktemp -d)
trap 'rm -rf "$shared"' EXIT
if ! (cd "$shared" && sh "$TOP/tests/demo.sh" "$ORDTRACK" >demo.out 2>&1); then
	echo "#   tests/demo.sh failed: $(tail -5 "$shared/demo.out")"
	echo "not ok browser_sample_tracker"
	exit 1
fi
export ORDTRACK_DIR="$shared/demo-tracker"
"$ORDTRACK" publish --out "$shared/site" >"$shared/publish.out" 2>&1
publish_rc=$?
"$ORDTRACK" diff O2021-117 --format json >"$shared/diff.json" 2>"$shared/diff.err"
diff_rc=$?
"$ORDTRACK" summary O2021-117 --format html >"$shared/summary.html" 2>"$shared/summary.err"
summary_rc=$?
unset ORDTRACK_DIR
RECORD="file://$shared/site/records/O2021-117.html"

need_site() {
	[ $publish_rc -eq 0 ] || fail "ordtrack publish failed ($publish_rc): $(head -c 400 "$shared/publish.out")"
	[ -s "$shared/site/records/O2021-117.html" ] || fail "no records/O2021-117.html in the site"
}

# the words (5 letters or more) O2021-117 strikes ("del") and inserts
# ("ins"), one "KIND WORD" a line, from the diff's JSON: the deleted and
# inserted runs of modified units, the old text of removed units and the
# text of added ones
changed_words() {
	[ $diff_rc -eq 0 ] || fail "ordtrack diff O2021-117 --format json failed: $(cat "$shared/diff.err")"
	awk '
	/"op": "delete"/ { st = "del"; next }
	/"op": "insert"/ { st = "ins"; next }
	/"op": "equal"/ { st = ""; next }
	/"kind": "removed"/ { st = "old"; next }
	/"kind": "added"/ { st = "new"; next }
	/"kind": "/ { st = ""; next }
	/^ *"text": "/ { if (st == "del" || st == "ins" || st == "new") print (st == "new" ? "ins" : st), $0; next }
	/^ *"old_text": "/ { if (st == "old") print "del", $0; next }
	' "$shared/diff.json" |
	while read -r kind rest; do
		echo "$rest" | sed -e 's/^[^:]*: "//' -e 's/\\u[0-9a-fA-F]\{4\}/ /g' -e 's/\\./ /g' |
			tr -cs 'A-Za-z' '\n' | awk -v k="$kind" 'length($0) >= 5 { print k, $0 }'
	done | sort -u > words
	grep -q '^del ' words || fail "no deleted words in the diff JSON"
	grep -q '^ins ' words || fail "no inserted words in the diff JSON"
}

browser_record_page_redline() {
	need_site
	changed_words
	dom "$RECORD" page.html
	marked_text del page.html
	marked_text ins page.html
	n=0
	while read -r kind word; do
		grep -qw -- "$word" "$kind.text" || fail "'$word' ($kind in the diff) is not inside a rendered <$kind>"
		n=$((n + 1))
	done < words
	[ $n -ge 10 ] || fail "only $n words checked"
}

browser_record_page_tally() {
	need_site
	yes=$(grep -v '^#' "$ROLL" | sed 1d | tr -d '\r' | awk -F, '$NF == "yes"' | wc -l | tr -d ' ')
	no=$(grep -v '^#' "$ROLL" | sed 1d | tr -d '\r' | awk -F, '$NF == "no"' | wc -l | tr -d ' ')
	[ "$yes" -gt 0 ] && [ "$no" -gt 0 ] || fail "roll CSV: $yes yes, $no no"
	dom "$RECORD" page.html
	grep -Eq "$yes(–|-| to )$no" page.html || fail "no tally $yes–$no in the rendered page"
	# every member who voted no is named on the page
	grep -v '^#' "$ROLL" | sed 1d | tr -d '\r' | awk -F, '$NF == "no" { sub(/,[^,]*$/, ""); print }' |
		sed -e 's/^"\(.*\)"$/\1/' -e 's/""/"/g' > noes
	[ "$(wc -l < noes)" -eq "$no" ] || fail "roll CSV parse"
	while read -r name; do
		grep -qF -- "$name" page.html || fail "'$name' (voted no) is not on the page"
	done < noes
	# the chart has a text alternative that carries the numbers
	xmllint --html --xpath '//svg/@aria-label | //svg/title' page.html 2>/dev/null | grep -q "$yes" ||
		fail "the chart's text alternative lacks $yes"
}

browser_record_page_styles() {
	need_site
	# a probe page outside the site frames the record page and reads the
	# computed styles (the site itself has no script)
	cat > probe.html <<-EOF
	<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>probe</title></head><body>
	<pre id="result">pending</pre>
	<iframe id="f" src="$RECORD" width="1280" height="900"></iframe>
	<script>
	document.getElementById('f').addEventListener('load', function () {
	  var r = [];
	  try {
	    var d = document.getElementById('f').contentDocument;
	    var w = document.getElementById('f').contentWindow;
	    var del = d.querySelector('del'), ins = d.querySelector('ins'), sr = d.querySelector('.sr-only');
	    r.push('del=' + w.getComputedStyle(del).textDecorationLine);
	    r.push('ins=' + w.getComputedStyle(ins).textDecorationLine);
	    r.push('sr=' + (sr ? Math.round(sr.getBoundingClientRect().width) : 'none'));
	    r.push('sheets=' + d.styleSheets.length);
	    r.push('scripts=' + d.querySelectorAll('script').length);
	    r.push('overflow=' + (d.documentElement.scrollWidth > w.innerWidth ? 'yes' : 'no'));
	  } catch (e) { r.push('error=' + e); }
	  document.getElementById('result').textContent = r.join(' ');
	});
	</script></body></html>
	EOF
	browse "file://$PWD/probe.html" probe.out --allow-file-access-from-files --virtual-time-budget=10000 \
		--window-size=1280,900 --dump-dom
	result=$(sed -n 's/.*<pre id="result">\([^<]*\)<.*/\1/p' probe.out)
	echo "$result" | grep -q 'del=line-through' || fail "<del> not struck: $result"
	echo "$result" | grep -q 'ins=underline' || fail "<ins> not underscored: $result"
	echo "$result" | grep -Eq 'sr=[01]( |$)' || fail "screen-reader text is visible (style.css not applied?): $result"
	echo "$result" | grep -Eq 'sheets=[1-9]' || fail "no stylesheet: $result"
	echo "$result" | grep -q 'scripts=0' || fail "the page has scripts: $result"
	echo "$result" | grep -q 'overflow=no' || fail "the page scrolls sideways at 1280 px: $result"
}

# the width of a PNG (IHDR, bytes 16-19, big-endian)
png_width() { od -An -tu1 -j16 -N4 "$1" | awk '{ print (($1 * 256 + $2) * 256 + $3) * 256 + $4 }'; }

browser_record_page_screenshot() {
	need_site
	browse "$RECORD" shot.out --screenshot="$PWD/page.png" --window-size=1280,2000 --hide-scrollbars
	[ -s page.png ] || fail "no screenshot written: $(grep -v dbus browser.err | tail -2)"
	[ "$(od -An -tx1 -N8 page.png | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "page.png is not a PNG"
	[ "$(png_width page.png)" -eq 1280 ] || fail "page.png is $(png_width page.png) px wide"
	# a blank page of the same size, for comparison: the record page must
	# be far bigger (text, tables, the chart)
	printf '<!DOCTYPE html><html lang="en"><head><title>blank</title></head><body></body></html>\n' > blank.html
	browse "file://$PWD/blank.html" shot.out --screenshot="$PWD/blank.png" --window-size=1280,2000 --hide-scrollbars
	size=$(wc -c < page.png)
	blank=$(wc -c < blank.png)
	[ "$size" -gt 20000 ] && [ "$size" -gt $((blank * 3)) ] ||
		fail "screenshot of $size bytes (a blank page: $blank): nothing rendered?"
}

browser_index_and_ordinance_pages() {
	need_site
	dom "file://$shared/site/index.html" index.dom
	expect_h1 index.dom '.'
	grep -q 'href="records/O2021-117.html"' index.dom || fail "the index does not link the record"
	dom "file://$shared/site/ordinances/2-173.html" ord.dom
	expect_h1 ord.dom '2-173'
	grep -q 'id="2-173-020(a)"' ord.dom || fail "no clause anchor 2-173-020(a) in the rendered ordinance"
	dom "file://$shared/site/members/index.html" members.dom
	expect_h1 members.dom '.'
}

browser_summary_page() {
	[ $summary_rc -eq 0 ] || fail "ordtrack summary --format html failed: $(cat "$shared/summary.err")"
	changed_words
	dom "file://$shared/summary.html" summary.dom
	expect_h1 summary.dom 'O2021-117'
	marked_text del summary.dom
	marked_text ins summary.dom
	while read -r kind word; do
		grep -qw -- "$word" "$kind.text" || fail "'$word' ($kind in the diff) is not inside a rendered <$kind>"
	done < words
	yes=$(grep -v '^#' "$ROLL" | sed 1d | tr -d '\r' | awk -F, '$NF == "yes"' | wc -l | tr -d ' ')
	no=$(grep -v '^#' "$ROLL" | sed 1d | tr -d '\r' | awk -F, '$NF == "no"' | wc -l | tr -d ' ')
	grep -Eq "$yes(–|-)$no" summary.dom || fail "no tally $yes–$no in the summary page"
}

for c in $CASES; do
	run_case "$c"
done
