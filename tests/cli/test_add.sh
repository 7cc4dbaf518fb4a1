#!/bin/sh
# ordtrack add: versions on main, trailers, blob reuse, refusals
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

add_writes_commit_with_trailers() {
	two_versions
	git --git-dir=t log -1 --format=%B main > msg
	grep -q '^Ordinance: 9-99$' msg || fail "no Ordinance trailer"
	grep -q '^Stage: passed$' msg || fail "no Stage trailer"
	grep -q '^Date: 2021-06-30$' msg || fail "no Date trailer"
	grep -q '^Record: O2021-7$' msg || fail "no Record trailer"
	grep -q "^Sponsor: Cy O'Neil$" msg || fail "no Sponsor trailer"
	[ "$(git --git-dir=t rev-list --count main)" = 2 ] || fail "expected 2 commits"
	git --git-dir=t fsck --strict >fsck.out 2>&1 || fail "git fsck: $(cat fsck.out)"
	[ "$(sqlite3 t/index.sqlite 'PRAGMA integrity_check')" = ok ] || fail "sqlite integrity"
	# author date is the legislative date
	[ "$(git --git-dir=t log -1 --format=%ad --date=short main)" = 2021-06-30 ] || fail "author date"
}
add_one_file_per_section() {
	two_versions
	git --git-dir=t ls-tree --name-only main ordinances/9-99/ > names
	for s in 9-99-010 9-99-020 9-99-030 9-99-040 ORDINANCE; do
		grep -qx "ordinances/9-99/$s" names || fail "missing $s"
	done
	git --git-dir=t show main:ordinances/9-99/9-99-020 > s20
	head -1 s20 | grep -qx '9-99-020 Rules.' || fail "heading line: $(head -1 s20)"
	grep -qx '(1) emergency vehicles; and' s20 || fail "clause line"
}
add_reuses_unchanged_blobs() {
	two_versions
	a=$(git --git-dir=t rev-parse main~1:ordinances/9-99/9-99-030)
	b=$(git --git-dir=t rev-parse main:ordinances/9-99/9-99-030)
	[ "$a" = "$b" ] || fail "unchanged section got a new blob"
}
add_identical_text_writes_nothing() {
	two_versions
	before=$(git --git-dir=t rev-parse main)
	ot add 9-99 v2.txt --date 2021-07-01
	expect_rc 0
	expect_err "identical"
	[ "$(git --git-dir=t rev-parse main)" = "$before" ] || fail "main moved"
}
add_refuses_unsafe_names() {
	ot init t; export ORDTRACK_DIR="$PWD/t"
	v1 > v1.txt
	for bad in ../x a/b .git .GIT git~1 'x.' '-x' 'a\b' "$(printf 'a\tb')"; do
		ot add "$bad" v1.txt --date 2020-01-01
		[ "$rc" -ne 0 ] || fail "accepted ordinance name '$bad'"
	done
	ot add 9-99 v1.txt --record ../O1
	expect_rc 1
	[ -z "$(git --git-dir=t for-each-ref)" ] || fail "a ref was written"
}
add_refuses_impossible_dates() {
	ot init t; export ORDTRACK_DIR="$PWD/t"
	v1 > v1.txt
	for d in 2023-02-30 99999-01-01 2021-13-01 2021-1-1 yesterday; do
		ot add 9-99 v1.txt --date "$d"
		expect_rc 1
		expect_err "date"
	done
	ot add 9-99 v1.txt --date 2024-02-29
	expect_rc 0
}
add_refuses_date_before_current_version() {
	two_versions
	v1 > v3.txt; echo '9-99-050 Extra.' >> v3.txt
	ot add 9-99 v3.txt --date 2019-01-01
	expect_rc 1
	expect_err "before 2021-06-30"
	[ "$(git --git-dir=t rev-list --count main)" = 2 ] || fail "commit written"
}
add_refuses_unknown_stage() {
	ot init t; export ORDTRACK_DIR="$PWD/t"
	v1 > v1.txt
	ot add 9-99 v1.txt --stage maybe
	expect_rc 1
	expect_err "unknown stage 'maybe'"
}
add_reports_bad_file() {
	ot init t; export ORDTRACK_DIR="$PWD/t"
	ot add 9-99 missing.txt
	expect_rc 1
	expect_err "cannot open 'missing.txt'"
	printf '9-99-010 Heading.\n(a) caf\303\n' > bad.txt
	ot add 9-99 bad.txt
	expect_rc 1
	expect_err "bad.txt:2"
	printf 'just some words\nand more\n' > none.txt
	ot add 9-99 none.txt
	expect_rc 1
	expect_err "none.txt"
	[ -z "$(git --git-dir=t for-each-ref)" ] || fail "a ref was written"
}
add_refuses_oversized_input() {
	ot init t; export ORDTRACK_DIR="$PWD/t"
	v1 > v1.txt
	ORDTRACK_MAX_INPUT=100 ot add 9-99 v1.txt
	expect_rc 1
	expect_err "input limit"
}
add_reads_stdin() {
	ot init t; export ORDTRACK_DIR="$PWD/t"
	v1 | "$ORDTRACK" add 9-99 - --date 2020-01-01 >/dev/null 2>err || fail "stdin: $(cat err)"
	ot show 9-99
	expect_out '^9-99-030 Penalty\.$'
}
add_concurrent_writers_lose_nothing() {
	ot init t; export ORDTRACK_DIR="$PWD/t"
	i=1
	while [ $i -le 6 ]; do
		v1 | sed "s/9-99/7-$i/g" > c$i.txt
		( "$ORDTRACK" add "7-$i" c$i.txt --date 2020-01-01 >/dev/null 2>err$i; echo $? > rc$i ) &
		i=$((i + 1))
	done
	wait
	i=1
	while [ $i -le 6 ]; do
		[ "$(cat rc$i)" = 0 ] || fail "writer $i failed: $(cat err$i)"
		i=$((i + 1))
	done
	[ "$(git --git-dir=t rev-list --count main)" = 6 ] || fail "expected 6 commits"
	ot log --format json
	[ "$(grep -c '"ordinance"' "$out_file")" = 6 ] || fail "index lost a version"
	git --git-dir=t fsck --strict >fsck.out 2>&1 || fail "git fsck: $(cat fsck.out)"
}
# ---- notes on add (docs/import.md "Notes on add") ----
# 2-173@1 from Akoma Ntoso with three notes (2-173-020: one editorial;
# 2-173-042: one history, one editorial); plain.txt is its text as
# `show` prints it, without notes
notes_tracker() {
	cp "$TOP/tests/data/import/akn_chapter.xml" .
	ot init t; export ORDTRACK_DIR="$PWD/t"
	ot add 2-173 akn_chapter.xml --date 2021-01-01
	expect_rc 0
	ot show 2-173
	cp "$out_file" plain.txt
	[ "$(grep -c . plain.txt)" -gt 10 ] || fail "show printed too little"
	ot show 2-173 --notes
	[ "$(grep -c '^\[' "$out_file")" = 3 ] || fail "expected 3 notes: $(cat "$out_file")"
}
add_text_without_notes_keeps_them() {
	notes_tracker
	sed 's/every year/every two years/' plain.txt > amended.txt
	ot add 2-173 amended.txt --date 2021-02-01
	expect_rc 0
	expect_err "^ordtrack: 2-173: 'amended\.txt' carries no notes for 2 sections \(2-173-020, 2-173-042\); 3 notes kept from the version in force"
	grep -q 'not in the new version' "$err_file" && fail "a note was dropped: $(cat "$err_file")"
	ot show 2-173 --notes
	expect_out '^\[editorial\] Editor’s note: “ask for” replaced “request” in 2020\.$'
	expect_out '^\[history\] Added Coun\. J\. 11-8-12, p\. 38872, § 1\.$'
	expect_out '^\[editorial\] \[History: Coun\. J\. 11-8-12; amended Coun\. J\. 1-27-21\.\]$'
	# the diff is the amendment alone, no notes change
	ot diff 2-173@1 2-173@2
	expect_out '^~ 2-173-042\(b\)$'
	expect_no_out 'Notes'
	ot diff 2-173@1 2-173@2 --notes --exit-code --stat
	expect_rc 1
	expect_out '^1 modified$'
	ot log 2-173
	expect_no_out 'notes only'
}
add_round_trip_of_show_records_nothing() {
	notes_tracker
	before=$(git --git-dir=t rev-parse main)
	ot add 2-173 plain.txt --date 2021-02-01
	expect_rc 0
	expect_err "identical to its current version"
	[ "$(git --git-dir=t rev-parse main)" = "$before" ] || fail "a notes-only version was recorded"
}
add_text_with_own_notes_replaces_those_of_its_section() {
	notes_tracker
	# a history note after 2-173-042 (the last section), as American
	# Legal Publishing prints it
	[ "$(grep -c '^2-173-0[5-9]' plain.txt)" = 0 ] || fail "2-173-042 is not the last section"
	cp plain.txt own.txt
	printf '(Added Coun. J. 11-8-12, p. 38872, § 1; Amend Coun. J. 1-27-21, p. 26424, § 1)\n' >> own.txt
	ot add 2-173 own.txt --date 2021-02-01
	expect_rc 0
	expect_err "^ordtrack: 2-173: 'own\.txt' carries no notes for 1 section \(2-173-020\); 1 note kept from the version in force"
	expect_err '^ordtrack: 2-173: 2 notes of the version in force are not in the new version:$'
	expect_err '^ordtrack:   2-173-042 \[history\] Added Coun\. J\. 11-8-12, p\. 38872, § 1\. \(replaced by the file.s notes\)$'
	expect_err '^ordtrack:   2-173-042 \[editorial\] \[History: Coun\. J\. 11-8-12; amended Coun\. J\. 1-27-21\.\] \(replaced by the file.s notes\)$'
	ot show 2-173 --notes
	expect_out '^\[history\] \(Added Coun\. J\. 11-8-12, p\. 38872, § 1; Amend Coun\. J\. 1-27-21, p\. 26424, § 1\)$'
	expect_out '^\[editorial\] Editor’s note: “ask for” replaced'
	expect_no_out '^\[editorial\] \[History'
	# and the diff reports the replaced notes
	ot diff 2-173@1 2-173@2
	expect_out 'notes changed'
}
add_notes_of_a_removed_section_are_listed() {
	notes_tracker
	awk '/^2-173-042 /{ skip = 1 } /^2-173-0[5-9][0-9] /{ skip = 0 } !skip' plain.txt > removed.txt
	grep -q '^2-173-042' removed.txt && fail "section not removed"
	ot add 2-173 removed.txt --date 2021-02-01
	expect_rc 0
	expect_err '^ordtrack: 2-173: 2 notes of the version in force are not in the new version:$'
	expect_err '^ordtrack:   2-173-042 \[history\] Added Coun\. J\. 11-8-12, p\. 38872, § 1\. \(its section is not in the file\)$'
	expect_err "carries no notes for 1 section \\(2-173-020\\); 1 note kept"
	ot diff 2-173@1 2-173@2
	expect_out '^- 2-173-042'
	expect_out 'Notes: 2 changed'
}
add_replace_notes_drops_and_lists_them() {
	notes_tracker
	ot add 2-173 plain.txt --date 2021-02-01 --replace-notes
	expect_rc 0
	expect_err '^ordtrack: 2-173: 3 notes of the version in force are not in the new version:$'
	[ "$(grep -c '(--replace-notes)$' "$err_file")" = 3 ] || fail "not every dropped note listed: $(cat "$err_file")"
	grep -q 'kept from' "$err_file" && fail "said notes were kept"
	ot show 2-173 --notes
	expect_no_out '^\['
	ot log 2-173
	expect_out '2-173@2 .*\(notes only\)$'
	ot diff 2-173@1 2-173@2
	expect_out '^no change to the law; notes changed$'
	expect_out 'Notes: 3 changed'
}

run_case add_writes_commit_with_trailers
run_case add_one_file_per_section
run_case add_reuses_unchanged_blobs
run_case add_identical_text_writes_nothing
run_case add_refuses_unsafe_names
run_case add_refuses_impossible_dates
run_case add_refuses_date_before_current_version
run_case add_refuses_unknown_stage
run_case add_reports_bad_file
run_case add_refuses_oversized_input
run_case add_reads_stdin
run_case add_concurrent_writers_lose_nothing
run_case add_text_without_notes_keeps_them
run_case add_round_trip_of_show_records_nothing
run_case add_text_with_own_notes_replaces_those_of_its_section
run_case add_notes_of_a_removed_section_are_listed
run_case add_replace_notes_drops_and_lists_them

# a marker out of order joins the clause above as text: add says so, with
# the line, instead of leaving a reader to find the clause gone
add_warns_of_markers_out_of_order() {
	ot init t; export ORDTRACK_DIR="$PWD/t"
	printf '2-1-010 Test.\n   (b)   Second.\n   (a)   First.\n' > order.txt
	ot add 2-1 order.txt --date 2020-01-01
	expect_rc 0
	expect_err "^ordtrack: warning: order\.txt:3: '\(a\)' is out of order after 2-1-010\(b\), so its line is read as text of 2-1-010\(b\); check the numbering$"
}
run_case add_warns_of_markers_out_of_order
