#!/bin/sh
# tests/cli/test_qa_publish.sh - QA attack on `ordtrack summary` and
# `ordtrack publish`: hostile text in every field, vote arithmetic and
# wards, refusals of unsafe output directories, hand-edited manifests,
# interrupted runs, and above all incremental correctness (a republished
# site must equal a fresh publish into an empty directory, byte for byte).
#
# Cases that pass run always.  Cases that demonstrate a known defect run
# only with QA_DEFECTS=1 (each has a comment naming what is wrong and where).
. "$(dirname "$0")/lib.sh"
TOOLS=${ORDTRACK_TOOLS:-$(dirname "$ORDTRACK")/tools}
SITECHECK="$TOOLS/sitecheck"

# setup step: run ordtrack, fail the case when it fails
o() {
	"$ORDTRACK" "$@" >/dev/null 2>setup.err || fail "ordtrack $*: $(tail -1 setup.err)"
}
sc() {
	[ -x "$SITECHECK" ] || fail "no checker at $SITECHECK (make BUILD=... \$BUILD/tools/sitecheck)"
	set +e
	"$SITECHECK" "$@" >"$out_file" 2>"$err_file"
	rc=$?
	set -e
}
json_valid() { [ "$(sqlite3 :memory: "select json_valid(readfile('$1'))")" = 1 ] || fail "$1 is not valid JSON"; }
# the value at JSON path $2 of file $1
jq1() { sqlite3 :memory: "select json_extract(readfile('$1'), '$2')"; }

# Republish into DIR ($1), publish afresh into an empty directory, and fail
# when the two sites differ (a stale page kept).  $2 names the step.
same_as_fresh() {
	ot publish --out "$1"
	expect_rc 0
	rm -rf fresh.site
	ot publish --out fresh.site
	expect_rc 0
	diff -r -x .ordtrack-publish.json "$1" fresh.site > fresh.diff ||
		fail "after '$2' the republished site differs from a fresh one: $(grep -v '^[<>-]' fresh.diff | head -5)"
	rm -rf fresh.site
}

# 9-99 (title IDLING) and five members; Ann Lee has two terms (ward 1 then 2)
base_tracker() {
	o init t
	export ORDTRACK_DIR="$PWD/t"
	printf 'CHAPTER 9-99 IDLING\n9-99-010 Test.\n(a) Alpha applies.\n(b) Beta applies.\n' > v1.txt
	printf 'CHAPTER 9-99 IDLING\n9-99-010 Test.\n(a) Alpha applies now.\n(b) Beta applies.\n' > v2.txt
	o add 9-99 v1.txt --date 2018-01-01 --stage enacted
	o member add "Ann Lee" --ward 1 --from 2015-05-18 --to 2019-05-19
	o member add "Ann Lee" --ward 2 --from 2019-05-20
	o member add "Bo Li" --ward 3 --from 2015-01-01
	o member add "Cy Oh" --ward 4 --from 2015-01-01
	o member add "Di Wu" --ward 5 --from 2015-01-01
}

# R1 with five votes: passed, failed, tie, forced against its threshold,
# then passed on 2020-03-01
votes_tracker() {
	base_tracker
	o propose R1 9-99 v2.txt --date 2019-01-01 --title "Idling change" --sponsor "Bo Li"
	o vote R1 --date 2019-02-01 --motion Passage --result pass --yes "Ann Lee" --yes "Bo Li" --yes "Cy Oh" --no "Di Wu"
	o vote R1 --date 2020-02-01 --motion Reconsider --result fail --yes "Ann Lee" --no "Bo Li" --no "Cy Oh" --no "Di Wu"
	o vote R1 --date 2020-02-02 --motion Tie --result fail --yes "Ann Lee" --yes "Bo Li" --no "Cy Oh" --no "Di Wu"
	o vote R1 --date 2020-02-03 --motion Forced --result pass --threshold two-thirds-of-members \
		--force "chair ruled" --yes "Ann Lee" --yes "Bo Li" --no "Cy Oh" --absent "Di Wu"
	o pass R1 --date 2020-03-01
}

HOSTILE_TITLE='<script>alert("t")</script> | ]]> &amp; *x* _u_ [l](x) # `t`'
HOSTILE_MEMBER='"><img src=x onerror=alert(1)>'
LONG=$(printf 'w%.0s' $(seq 1 3000))

hostile_tracker() {
	o init t
	export ORDTRACK_DIR="$PWD/t"
	printf 'CHAPTER 9-99 TEST <b>&amp; CHAPTER\n9-99-010 Purpose.\n(a) This chapter ]]> exists <script>alert(1)</script> to test "><img src=x onerror=alert(1)>.\n(b) Pipes | and *stars* %s.\n' "$LONG" > v1.txt
	sed 's/exists/lives/; s/stars/more stars/' v1.txt > v2.txt
	o add 9-99 v1.txt --date 2020-01-15 --stage enacted
	o member add "$HOSTILE_MEMBER" --ward 1
	o member add 'Bob | *Pipe* ]]>' --ward 2
	o member add "$(printf 'Carl \327\220RTL')" --ward 3
	o member add "Dee Dee" --ward 4
	o propose R1 9-99 v2.txt --date 2021-01-01 --title "$HOSTILE_TITLE" --sponsor '"><img onerror=1>' --sponsor 'A | B'
	o action R1 --date 2021-01-02 --type referral-committee --body 'Committee | <b>on</b> ]]>' \
		--text "$(printf 'line one\nline two | <i>x</i>')"
	o vote R1 --date 2021-01-03 --motion 'Motion | <script>x</script> ]]>' --result pass \
		--yes "$HOSTILE_MEMBER" --yes 'Bob | *Pipe* ]]>' --no "Dee Dee" --abstain "$(printf 'Carl \327\220RTL')"
}

# ---- summary: hostile text -----------------------------------------------

qa_summary_hostile_text_escaped() {
	hostile_tracker
	ot summary R1 --format html
	expect_rc 0
	! grep -qi '<script\|<img\|<b>\|<i>' "$out_file" || fail "html: unescaped markup: $(grep -i '<script\|<img' "$out_file" | head -2)"
	expect_out '&lt;script&gt;alert\("t"\)&lt;/script&gt;'
	expect_out '&lt;img src=x onerror=alert\(1\)&gt;'
	expect_out "$LONG"
	xmllint --html --noout "$out_file" 2>lint || true
	! grep -v 'Tag .* invalid' lint | grep -q 'error' || fail "HTML does not parse: $(head -3 lint)"
	ot summary R1 --format markdown
	expect_rc 0
	! grep -q '[^\\]<script' "$out_file" || fail "markdown: raw <script>"
	# the timeline row of the action: exactly 3 unescaped pipes, one line
	row=$(grep '^| 2021-01-02 |' "$out_file") || fail "markdown: the action's row is broken: $(grep -n 2021-01-02 "$out_file")"
	n=$(printf '%s' "$row" | sed 's/\\|//g' | tr -cd '|' | wc -c | tr -d ' ')
	[ "$n" = 3 ] || fail "markdown: the action's row has $n cell separators: $row"
	printf '%s' "$row" | grep -q 'line one line two' || fail "markdown: newline not folded: $row"
	# the vote heading and roll list escape | * ]
	expect_out '^### 2021-01-03: Motion \\\| \\<script\\>x\\</script\\> \\\]\\\]\\> — passed 2–1, 1 abstain$'
	expect_out 'Bob \\\| \\\*Pipe\\\* \\\]\\\]\\> \(ward 2\)'
	ot summary R1 --format json
	expect_rc 0
	cp "$out_file" s.json
	json_valid s.json
	[ "$(jq1 s.json '$.records[0].title')" = "$HOSTILE_TITLE" ] || fail "json: title altered: $(jq1 s.json '$.records[0].title')"
	[ "$(jq1 s.json '$.votes[0].roll.yes[0].name')" = "$HOSTILE_MEMBER" ] || fail "json: member name altered"
	[ "$(jq1 s.json '$.votes[0].counts.abstain')" = 1 ] || fail "json: abstain count"
}

qa_publish_hostile_text_escaped() {
	hostile_tracker
	ot publish --out site
	expect_rc 0
	! grep -rqi '<script\|<img\|<b>\|<i>' site || fail "site: unescaped markup in $(grep -rli '<script\|<img' site | head -3)"
	xmllint --noout site/feed.xml 2>lint || fail "feed.xml not well-formed: $(head -3 lint)"
	grep -q '&lt;script&gt;alert("t")&lt;/script&gt; | \]\]&gt; &amp;amp;' site/feed.xml || fail "feed: title not escaped"
	sc links site --reachable-from index.html
	expect_rc 0
	sc feed site
	expect_rc 0
	# the member with markup in the name has a clean slug
	[ -s site/members/img-src-x-onerror-alert-1.html ] || fail "no slug page: $(ls site/members)"
}

# Defect (low): text format: a newline in an action's --text is printed
# raw, so the timeline's continuation line starts at column 0 and reads as
# a new block (src/summary_render.c, the text timeline; markdown folds it).
qa_defect_text_timeline_newline() {
	hostile_tracker
	ot summary R1
	expect_rc 0
	sed -n '/^Timeline$/,/^$/p' "$out_file" | sed '1d;$d' > tl
	! grep -v '^  ' tl | grep -q . || fail "timeline line not indented: $(grep -v '^  ' tl | head -1)"
}

# ---- summary: numbers ----------------------------------------------------

qa_summary_votes_tallies_and_wards() {
	votes_tracker
	ot summary R1
	expect_rc 0
	# the headline gives the last vote's tally and the passage date
	expect_out '^R1 passed 2–1 on 2020-03-01: it amends 9-99 \(IDLING\)$'
	expect_out '^  2019-02-01: Passage — passed 3–1$'
	expect_out '^    Yes \(3\): Ann Lee \(ward 1\), Bo Li \(ward 3\), Cy Oh \(ward 4\)$'
	# Ann Lee's ward on 2020-02-01 is her second term's
	expect_out '^  2020-02-01: Reconsider — failed 1–3$'
	expect_out '^    Yes \(1\): Ann Lee \(ward 2\)$'
	expect_out '^  2020-02-02: Tie — failed 2–2$'
	expect_out '^  2020-02-03: Forced — passed 2–1, 1 absent \(threshold: two-thirds-of-members\)$'
	expect_out 'Recorded although the counts do not meet the threshold: chair ruled'
	expect_out '^    Other \(1\): Di Wu \(ward 5\), absent$'
	ot summary R1 --format json
	cp "$out_file" s.json
	json_valid s.json
	[ "$(jq1 s.json '$.votes')" != "" ] || fail "json: no votes"
	[ "$(sqlite3 :memory: "select json_array_length(json_extract(readfile('s.json'),'\$.votes'))")" = 4 ] ||
		fail "json: not 4 votes"
	[ "$(jq1 s.json '$.votes[1].roll.yes[0].ward')" = 2 ] || fail "json: ward of Ann Lee on 2020-02-01"
	[ "$(jq1 s.json '$.votes[0].roll.yes[0].ward')" = 1 ] || fail "json: ward of Ann Lee on 2019-02-01"
	[ "$(jq1 s.json '$.votes[3].counts.absent')" = 1 ] || fail "json: absent count"
	# a roll naming someone not on the member list is refused; nothing changes
	snap before.snap
	ot vote R1 --date 2020-02-04 --motion X --result pass --yes "Nobody Here" --yes "Bo Li"
	expect_rc 1
	expect_unchanged
}

qa_publish_member_majority_arithmetic() {
	votes_tracker
	ot publish --out site
	expect_rc 0
	grep -qF 'Ann Lee voted with the majority in 1 of 1 vote (100%)' site/members/ann-lee.html || fail "ann-lee"
	# 2020: Reconsider (against), Tie (not counted), Forced (with)
	grep -qF 'Ann Lee voted with the majority in 1 of 2 votes (50%)' site/members/ann-lee-2.html || fail "ann-lee-2"
	grep -qF 'Cy Oh voted with the majority in 2 of 3 votes (67%)' site/members/cy-oh.html || fail "cy-oh"
	grep -qF 'Di Wu voted with the majority in 1 of 2 votes (50%)' site/members/di-wu.html || fail "di-wu"
	[ "$(grep -o 'R1.html#vote-[0-9]' site/members/ann-lee.html | sort -u | tr '\n' ' ')" = "R1.html#vote-1 " ] ||
		fail "ann-lee's votes: $(grep -o 'R1.html#vote-[0-9]' site/members/ann-lee.html)"
	[ "$(grep -o 'R1.html#vote-[0-9]' site/members/ann-lee-2.html | sort -u | tr '\n' ' ')" = "R1.html#vote-2 R1.html#vote-3 R1.html#vote-4 " ] ||
		fail "ann-lee-2's votes: $(grep -o 'R1.html#vote-[0-9]' site/members/ann-lee-2.html)"
}

# Defect (medium): a record page links every roll-call name to the FIRST
# member of that name whatever the vote's date: Ann Lee's 2020 votes
# (second term, ward 2) link members/ann-lee.html, whose page does not
# list them, instead of ann-lee-2.html (src/publish_pages.c member_href
# calls ot_pub_member_find(p, name, NULL) without the vote's date).
qa_defect_record_page_links_wrong_term() {
	votes_tracker
	ot publish --out site
	expect_rc 0
	n=$(grep -o 'href="../members/ann-lee-2.html"' site/records/R1.html | wc -l | tr -d ' ')
	[ "$n" = 3 ] || fail "R1.html links ann-lee-2.html $n times, expected 3 (votes 2-4); ann-lee.html $(grep -o 'href="../members/ann-lee.html"' site/records/R1.html | wc -l) times"
}

# Defect (low-medium): a record that creates one ordinance and amends
# others is headlined "it would have amended 9-99 (IDLING), 7-1 (NOISE)
# and 5-5" - the new 5-5 gets "amended", not "created" (docs/summary.md:
# the verb is "creates" when the record brings a whole new ordinance)
# (src/summary.c, the headline).
qa_defect_headline_verb_mixed_create() {
	base_tracker
	printf 'CHAPTER 5-5 NEW\n5-5-010 New.\n(a) Hello.\n' > c1.txt
	o propose R1 9-99 v2.txt 5-5 c1.txt --date 2019-01-01 --title Multi --sponsor "Bo Li"
	ot summary R1
	expect_rc 0
	expect_out '^R1, introduced 2019-01-01, is pending: '
	expect_out 'creat[a-z]* 5-5'
}

# Defect (medium): a reversed range 9-99@3..9-99@1 is summarised as if the
# text had changed forward with "No events recorded" and sponsors "not
# recorded", although two versions (by R1 and R2) lie between: the undoing
# is presented as changes without their records (src/summary.c
# ot_summary_range: versions between are only collected when rev1 is
# older).  Expected: refused, or the versions in between listed.
qa_defect_reversed_range_drops_records() {
	votes_tracker
	printf 'CHAPTER 9-99 IDLING\n9-99-010 Test.\n(a) Alpha applies now.\n(b) Beta applies more.\n' > v3.txt
	o propose R2 9-99 v3.txt --date 2021-01-01 --title Second --sponsor "Cy Oh"
	o vote R2 --date 2021-02-01 --motion Passage --result pass --yes "Bo Li" --yes "Cy Oh" --no "Di Wu"
	o pass R2 --date 2021-02-02
	ot summary 9-99@1..9-99@3
	expect_rc 0
	expect_out 'by R1 and R2'
	ot summary 9-99@3..9-99@1
	if [ "$rc" -eq 0 ]; then
		expect_no_out 'No events recorded'
		expect_out 'R1'
		expect_out 'R2'
	fi
}

# ---- publish: unsafe output directories and manifests ---------------------

qa_publish_refuses_unsafe_out() {
	base_tracker
	find t -type f | sort | xargs cksum > before.sum
	ot publish --out t
	expect_rc 1
	expect_err 'is not empty and was not written by ordtrack publish'
	ot publish --out t/
	expect_rc 1
	find t -type f | sort | xargs cksum > after.sum
	cmp -s before.sum after.sum || fail "the tracker changed"
	ot publish --out /
	expect_rc 1
	[ ! -e /.ordtrack-publish.json ] && [ ! -e /index.html ] || fail "wrote into /"
	mkdir hidden
	touch hidden/.keep
	ot publish --out hidden
	expect_rc 1
	[ "$(ls -A hidden)" = .keep ] || fail "hidden/ touched: $(ls -A hidden)"
	echo data > afile
	ot publish --out afile
	expect_rc 1
	[ "$(cat afile)" = data ] || fail "afile changed"
	# a file where a subdirectory should be: refused, the file kept
	ot publish --out site
	expect_rc 0
	rm -rf site/members
	echo mine > site/members
	ot publish --out site
	expect_rc 1
	expect_err "'site/members' exists and is not a directory"
	[ "$(cat site/members)" = mine ] || fail "site/members was replaced"
	# a dangling symlink as DIR: refused, nothing created at its target
	ln -s nowhere dangling
	ot publish --out dangling
	expect_rc 1
	[ ! -e nowhere ] || fail "created the symlink's target"
}

qa_publish_hand_edited_manifest() {
	base_tracker
	mkdir box
	cd box
	ot publish --out site
	expect_rc 0
	m=site/.ordtrack-publish.json
	sed "s#\"pages\": {#\"pages\": {\"../escape.html\": {\"key\": \"x\", \"size\": 5}, \"$PWD/abs.html\": {\"key\": \"x\", \"size\": 5}, \"records/../../up.html\": {\"key\": \"x\", \"size\": -1}, \"../../victim\": {\"key\": \"x\", \"size\": 9223372036854775807},#" $m > m.new
	mv m.new $m
	json_valid $m
	echo victim > ../victim
	ot publish --out site
	expect_rc 0
	[ ! -e escape.html ] && [ ! -e abs.html ] && [ ! -e up.html ] && [ ! -e ../up.html ] || fail "wrote outside: $(ls . ..)"
	[ "$(cat ../victim)" = victim ] || fail "../victim changed"
	! grep -q '\.\./\|abs.html' $m || fail "the hostile entries stay in the manifest"
	# a size beyond 64 bits: refused as not a manifest, nothing written
	printf '{"format":"ordtrack-publish/1","pages":{"index.html":{"key":"a","size":99999999999999999999999}}}' > $m
	ot publish --out site
	expect_rc 1
	expect_err 'not a manifest of ordtrack publish'
	# (an entry that is not an object: qa_defect_manifest_error_use_after_free)
}

qa_publish_pages_deleted_or_damaged_by_hand() {
	votes_tracker
	ot publish --out site
	expect_rc 0
	rm site/records/R1.html site/members/bo-li.html site/feed.xml
	: > site/index.html
	printf 'x' >> site/ordinances/9-99.html
	same_as_fresh site "pages deleted by hand"
	# the manifest deleted: everything is compared and kept
	rm site/.ordtrack-publish.json
	ot publish --out site
	expect_rc 1
	expect_err 'not empty and was not written by ordtrack publish'
}

# kill -9 at several moments of a first publish, then publish again: the
# site must equal a fresh one and hold no temporary file.  (A kill while
# the first, empty manifest is being written leaves only its temporary
# file; that case is the defect qa_defect_killed_first_manifest and is
# skipped here.)
qa_publish_interrupted_then_republished() {
	votes_tracker
	i=0
	for d in 0.002 0.005 0.01 0.02 0.03 0.05 0.08 0.12; do
		rm -rf k
		"$ORDTRACK" publish --out k >/dev/null 2>&1 &
		pid=$!
		sleep $d
		kill -9 $pid 2>/dev/null || true
		wait $pid 2>/dev/null || true
		if [ "$(ls -A k 2>/dev/null)" = "..ordtrack-publish.json.tmp" ]; then
			continue
		fi
		ot publish --out k
		expect_rc 0
		[ -z "$(find k -name '*.tmp')" ] || fail "temporary files left after republish (delay $d): $(find k -name '*.tmp')"
		i=$((i + 1))
	done
	[ $i -gt 0 ] || fail "no interrupted run was republished"
	same_as_fresh k "an interrupted publish"
}

# Defect (high): a publish killed while it writes the first (empty)
# manifest of a new directory leaves only '..ordtrack-publish.json.tmp';
# every later publish into it is refused ("not empty and was not written
# by ordtrack publish"), against docs/publish.md ("a run that fails
# half-way can simply be run again").  (src/publish.c ot_publish:
# dir_nonempty counts publish's own temporary files.)  The state is made
# directly here; a kill -9 at ~0.03 s reproduces it.
qa_defect_killed_first_manifest() {
	base_tracker
	mkdir site
	printf '{"format": "ordtrack-pub' > site/..ordtrack-publish.json.tmp
	ot publish --out site
	expect_rc 0
}

# Defect (high): publish opens the temporary file '.PAGE.tmp' with
# O_CREAT|O_TRUNC and no O_NOFOLLOW/O_EXCL, so a symlink planted under that
# name makes it truncate and overwrite the file it points to, OUTSIDE the
# output directory, and then the page itself becomes that symlink
# (src/publish.c write_atomic).
qa_defect_tmp_symlink_writes_outside() {
	base_tracker
	ot publish --out site
	expect_rc 0
	mkdir outside
	echo secret > outside/secret.txt
	ln -s "$PWD/outside/secret.txt" site/.index.html.tmp
	rm site/index.html
	ot publish --out site
	[ "$(cat outside/secret.txt)" = secret ] || fail "outside/secret.txt was overwritten by the index page"
	[ ! -L site/index.html ] || fail "site/index.html is a symlink out of the site"
}

# Defect (medium): a subdirectory of the site that is a symlink (records ->
# elsewhere) is followed: pages are written outside the output directory
# (src/publish.c make_dir uses stat(), not lstat()).
qa_defect_symlinked_subdir_writes_outside() {
	base_tracker
	ot publish --out site
	expect_rc 0
	mkdir outside
	rm -rf site/records
	ln -s "$PWD/outside" site/records
	o propose R1 9-99 v2.txt --date 2019-01-01 --title T --sponsor "Bo Li"
	ot publish --out site
	[ -z "$(ls outside)" ] || fail "wrote outside the site: outside/$(ls outside)"
}

# ---- publish: incremental correctness -----------------------------------

qa_incremental_equals_fresh() {
	base_tracker
	same_as_fresh site "first publish"
	touch -d 2000-01-01 $(find site -type f)
	o propose R1 9-99 v2.txt --date 2019-01-01 --title T --sponsor "Bo Li"
	same_as_fresh site "new record"
	o action R1 --date 2019-01-05 --type referral-committee --body Finance
	same_as_fresh site "new action"
	o vote R1 --date 2019-02-01 --motion Passage --result pass --yes "Ann Lee" --yes "Cy Oh" --no "Bo Li"
	same_as_fresh site "new vote"
	o vote R1 --date 2019-01-20 --motion "Earlier amendment" --result pass --yes "Ann Lee" --yes "Cy Oh" --no "Bo Li"
	same_as_fresh site "back-dated vote"
	o member add "Eve Ng" --ward 6 --from 2015-01-01
	same_as_fresh site "member added"
	o pass R1 --date 2019-03-01
	same_as_fresh site "passage"
	printf 'CHAPTER 9-99 IDLING\n9-99-010 Test.\n(a) Alpha applies now.\n(b) Beta applies more.\n' > v3.txt
	o propose R2 9-99 v3.txt --date 2020-02-01 --title T2 --sponsor "Cy Oh"
	same_as_fresh site "second record"
	o revise R2 9-99 v1.txt --date 2020-02-05
	same_as_fresh site "revision"
	o withdraw R2 --date 2020-02-06
	same_as_fresh site "withdrawal"
	o propose R3 9-99 v3.txt --date 2020-03-01 --title T3 --sponsor "Cy Oh"
	o fail R3 --date 2020-03-02
	same_as_fresh site "failure"
	printf 'CHAPTER 7-1 NOISE\n7-1-010 Quiet.\n(a) Be quiet.\n' > n1.txt
	o add 7-1 n1.txt --date 2020-04-01
	same_as_fresh site "ordinance added on main"
	o add 9-99 v1.txt --date 2020-05-01
	same_as_fresh site "earlier text re-added"
	same_as_fresh site "nothing changed"
	[ -z "$(find site -name '*.tmp')" ] || fail "temporary files left"
}

# A record page shows the ordinance's title in force; its key covers it
# (was a stale page before 9de6e92, found by this case).
qa_record_page_follows_title_change() {
	votes_tracker
	ot publish --out site
	expect_rc 0
	printf 'CHAPTER 9-99 ENGINE IDLING RULES\n9-99-010 Test.\n(a) Alpha applies now.\n(b) Beta applies.\n' > v3.txt
	o add 9-99 v3.txt --date 2021-01-01
	same_as_fresh site "title change on main"
}

# Defect (medium): a pending record that creates a new ordinance links
# ../ordinances/NEW.html, which the site does not have (dangling link;
# sitecheck reports it); withdrawn/failed ones too, forever
# (src/summary_html.c links whenever new_doc has sections, without asking
# whether the ordinance is published).
qa_defect_new_ordinance_dangling_link() {
	base_tracker
	printf 'CHAPTER 7-1 NOISE\n7-1-010 Quiet.\n(a) Be quiet.\n' > n1.txt
	o propose R1 7-1 n1.txt --date 2021-01-01 --title "New noise chapter" --sponsor "Cy Oh"
	ot publish --out site
	expect_rc 0
	sc links site --reachable-from index.html
	[ "$rc" -eq 0 ] || fail "sitecheck: $(head -2 "$out_file")"
}

# a pending record creating 7-1, then 7-1 added on main: the record page
# follows (its title in force and the link)
qa_record_page_follows_new_ordinance_on_main() {
	base_tracker
	printf 'CHAPTER 7-1 NOISE\n7-1-010 Quiet.\n(a) Be quiet.\n' > n1.txt
	o propose R1 7-1 n1.txt --date 2021-01-01 --title "New noise chapter" --sponsor "Cy Oh"
	ot publish --out site
	expect_rc 0
	o add 7-1 n1.txt --date 2021-02-01
	same_as_fresh site "the new ordinance added on main"
	sc links site --reachable-from index.html
	[ "$rc" -eq 0 ] || fail "sitecheck: $(head -2 "$out_file")"
}

# the feed's enactment and vote entries of a passed record
qa_feed_passage_and_vote_entries() {
	votes_tracker
	ot publish --out site
	expect_rc 0
	grep -q '<title>R1 enacted: Idling change</title>' site/feed.xml || fail "no enactment entry"
	[ "$(grep -c '<category term="vote"/>' site/feed.xml)" = 4 ] || fail "not 4 vote entries"
	grep -q '<title>Vote on R1: failed 2–2</title>' site/feed.xml || fail "no tie entry"
	grep -q '<title>Vote on R1: passed 2–1, 1 absent</title>' site/feed.xml || fail "no forced vote entry"
	grep -q 'href="records/R1.html#vote-4"' site/feed.xml || fail "no link to vote-4"
	sc feed site
	expect_rc 0
}

# Defect (high): a manifest entry that is not an object makes publish
# print its error with the entry's name AFTER json_decref(root) freed it:
# a use-after-free (valgrind: invalid read in ot_error_set; ASan aborts)
# (src/publish.c manifest_read, the json_object_foreach loop).
qa_defect_manifest_error_use_after_free() {
	base_tracker
	command -v valgrind >/dev/null || fail "this case needs valgrind"
	ot publish --out site
	expect_rc 0
	printf '{"format":"ordtrack-publish/1","pages":{"index.html":[1]}}' > site/.ordtrack-publish.json
	set +e
	valgrind -q --error-exitcode=99 "$ORDTRACK" publish --out site >vg.out 2>&1
	vrc=$?
	set -e
	[ $vrc -ne 99 ] || fail "valgrind: $(grep -m1 'Invalid' vg.out) in $(grep -m1 'by 0x.*publish.c' vg.out)"
}

# ---- feed ----------------------------------------------------------------

feed_ids() { grep -o '<id>[^<]*</id>' "$1" | sed 1d; }

qa_feed_ids_stable_and_unique() {
	votes_tracker
	o propose R2 9-99 v1.txt --date 2021-01-01 --title Second --sponsor "Cy Oh"
	o action R2 --date 2021-01-10 --type referral-committee --body Finance
	ot publish --out site
	expect_rc 0
	sc feed site --list
	expect_rc 0
	grep '^entry	' "$out_file" | cut -f2-6 | sort > before
	feed_ids site/feed.xml | sort | uniq -d > dup
	[ ! -s dup ] || fail "duplicate ids: $(cat dup)"
	# back-dated action and vote, a member added: old entries keep id,
	# date, kind, link and title
	o action R2 --date 2021-01-05 --type deferral --body Finance
	o vote R2 --date 2021-01-03 --motion "Early" --result fail --yes "Bo Li" --no "Cy Oh" --no "Di Wu"
	o member add "Eve Ng" --ward 6 --from 2015-01-01
	ot publish --out site
	expect_rc 0
	sc feed site --list
	expect_rc 0
	grep '^entry	' "$out_file" | cut -f2-6 | sort > after
	comm -23 before after > lost
	[ ! -s lost ] || fail "entries changed after back-dated events: $(head -3 lost)"
	[ "$(comm -13 before after | wc -l | tr -d ' ')" = 2 ] || fail "new entries: $(comm -13 before after)"
	feed_ids site/feed.xml | sort | uniq -d > dup
	[ ! -s dup ] || fail "duplicate ids: $(cat dup)"
	# the feed's updated is the newest entry's, entries newest first
	grep '^entry	' "$out_file" | cut -f3 > dates
	sort -r dates | cmp -s - dates || fail "not newest first: $(tr '\n' ' ' < dates)"
	grep -q "^  <updated>$(head -1 dates)</updated>" site/feed.xml || fail "feed updated is not $(head -1 dates)"
}

# Defect (medium): `ordtrack action` accepts the closing OCD types
# (passage, withdrawal, failure) on a pending record without closing it, so
# the feed announces "R1 passed: ..." and "R1 withdrawn: ..." while the
# record, its summary and the index say pending (src/cmd/action.c /
# record.c: the types should be refused or routed to pass/withdraw/fail;
# src/publish_feed.c takes the action's word for it).
qa_defect_feed_passage_action_on_pending_record() {
	base_tracker
	o propose R1 9-99 v2.txt --date 2019-01-01 --title T --sponsor "Bo Li"
	ot action R1 --date 2019-01-06 --type passage --body Council
	if [ "$rc" -ne 0 ]; then return 0; fi
	ot publish --out site
	expect_rc 0
	! grep -q '<title>R1 passed' site/feed.xml || fail "the feed says 'R1 passed' for a pending record"
}

run_case qa_summary_hostile_text_escaped
run_case qa_publish_hostile_text_escaped
run_case qa_summary_votes_tallies_and_wards
run_case qa_publish_member_majority_arithmetic
run_case qa_publish_refuses_unsafe_out
run_case qa_publish_hand_edited_manifest
run_case qa_publish_pages_deleted_or_damaged_by_hand
run_case qa_publish_interrupted_then_republished
run_case qa_incremental_equals_fresh
run_case qa_feed_ids_stable_and_unique
run_case qa_record_page_follows_title_change
run_case qa_record_page_follows_new_ordinance_on_main
run_case qa_feed_passage_and_vote_entries

# defects found by QA and fixed (each still names what was wrong)
run_case qa_defect_manifest_error_use_after_free
run_case qa_defect_killed_first_manifest
run_case qa_defect_tmp_symlink_writes_outside
run_case qa_defect_new_ordinance_dangling_link
run_case qa_defect_record_page_links_wrong_term
run_case qa_defect_symlinked_subdir_writes_outside
run_case qa_defect_reversed_range_drops_records
run_case qa_defect_feed_passage_action_on_pending_record
run_case qa_defect_headline_verb_mixed_create
run_case qa_defect_text_timeline_newline

# open defects go here, run only with QA_DEFECTS=1:
# if [ -n "${QA_DEFECTS:-}" ]; then run_case qa_defect_...; fi
