#!/bin/sh
# The legislative record in the index (src/index_records.c): its rows
# follow the record branches and main as they move, whoever moved them,
# and a rebuild from git gives the same rows (fsck).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

q() { sqlite3 t/index.sqlite "$1"; }

# two_versions, five members, O2022-5 by Ann Lee and Park, O2022-6 by Stone
council() {
	two_versions
	for m in "Ann Lee|1" "Bo Park|2" "Cy O'Neil|3" "Di Ramirez-Rosa|4" "Ed Stone|5"; do
		ot member add "${m%|*}" --ward "${m#*|}" --from 2019-05-20 --to 2023-05-15
		expect_rc 0
	done
	v2 | sed 's/three minutes/two minutes/' > two.txt
	ot propose O2022-5 9-99 two.txt --date 2022-01-10 --title "Two-minute idling" --sponsor "Ann Lee" --sponsor Park
	expect_rc 0
	v2 | sed 's/three minutes/four minutes/' > four.txt
	ot propose O2022-6 9-99 four.txt --date 2022-01-11 --title "Four-minute idling" --sponsor "Ed Stone"
	expect_rc 0
}

passing_vote() { # RECORD DATE
	ot vote "$1" --date "$2" --motion Passage --result pass --threshold majority-of-members \
		--yes "Ann Lee,Park,Ramirez-Rosa" --no "O'Neil" --absent Stone
	expect_rc 0
}

# every answer the record tables give, into $1
answers() {
	: > "$1"
	for a in "records" "records --format json" "records --sponsor lee" "records --status pending" \
		 "records --ordinance 9-99 --format json" "votes --member Lee" "votes --member Stone --format json"; do
		# shellcheck disable=SC2086
		"$ORDTRACK" $a >> "$1" 2>&1 || echo "exit $?" >> "$1"
	done
}

fsck_clean() {
	ot fsck
	expect_rc 0
	expect_out ' 0 problems'
}

rows_follow_events() {
	council
	[ "$(q "SELECT id || ' ' || status FROM records ORDER BY id" | paste -sd, -)" = "O2022-5 pending,O2022-6 pending" ] ||
		fail "records rows: $(q 'SELECT * FROM records')"
	[ "$(q "SELECT group_concat(name || '=' || key || '=' || last, '|') FROM record_sponsors WHERE id = 'O2022-5'")" = \
	  "Ann Lee=ann lee=lee|Park=park=park" ] || fail "sponsors: $(q 'SELECT * FROM record_sponsors')"
	[ "$(q "SELECT ordinance FROM record_ordinances WHERE id = 'O2022-6'")" = 9-99 ] || fail "ordinances"
	passing_vote O2022-5 2022-02-01
	[ "$(q "SELECT yes || '-' || no || '-' || absent || ' ' || result FROM record_votes WHERE id = 'O2022-5'")" = "3-1-1 pass" ] ||
		fail "vote row: $(q 'SELECT * FROM record_votes')"
	[ "$(q "SELECT count(*) FROM record_roll WHERE id = 'O2022-5' AND n = 1")" = 5 ] || fail "roll rows"
	[ "$(q "SELECT head FROM records WHERE id = 'O2022-5'")" = "$(git --git-dir=t rev-parse refs/records/O2022-5)" ] ||
		fail "head is not the branch tip"
	ot votes --member Lee
	expect_out '^2022-02-01  O2022-5 +yes +passed  Passage$'
	ot records --sponsor PARK
	expect_out '^O2022-5 '
	expect_no_out 'O2022-6'
	fsck_clean
}

# a record's branch deleted behind ordtrack's back: its rows go
removed_ref_drops_rows() {
	council
	passing_vote O2022-6 2022-02-01
	git --git-dir=t update-ref -d refs/records/O2022-6
	ot records
	expect_rc 0
	expect_out '^O2022-5 '
	expect_no_out 'O2022-6'
	for table in records record_ordinances record_sponsors record_versions record_actions record_votes record_roll \
		     record_links; do
		[ "$(q "SELECT count(*) FROM $table WHERE id = 'O2022-6'")" = 0 ] || fail "rows of O2022-6 left in $table"
	done
	ot votes --member Stone
	expect_rc 0
	expect_no_out 'O2022-6'
	fsck_clean
}

# passed: the row reads main's copy, which also holds what followed
# passage (the mayor's signature); the branch tip is kept too
passed_onto_main() {
	council
	passing_vote O2022-5 2022-02-01
	ot pass O2022-5 --date 2022-02-01 --effective 2022-03-01
	expect_rc 0
	ot action O2022-5 --date 2022-02-05 --type executive-signature --text "Signed by Mayor"
	expect_rc 0
	main_blob=$(git --git-dir=t rev-parse main:records/O2022-5.json)
	[ "$(q "SELECT main_blob || ' ' || blob || ' ' || status FROM records WHERE id = 'O2022-5'")" = \
	  "$main_blob $main_blob passed" ] || fail "row: $(q "SELECT * FROM records WHERE id = 'O2022-5'")"
	[ "$(q "SELECT type FROM record_actions WHERE id = 'O2022-5' ORDER BY n DESC LIMIT 1")" = executive-signature ] ||
		fail "the action on main is not indexed"
	ot records --status passed --format json
	expect_out '"id": "O2022-5"'
	expect_out '"type": "executive-signature"'
	expect_out '"effective": "2022-03-01"|"closed": "2022-02-01"'
	fsck_clean
}

# the index lost and rebuilt, and rebuilt by fsck, answers the same
rebuilt_index_answers_the_same() {
	council
	passing_vote O2022-5 2022-02-01
	ot pass O2022-5 --date 2022-02-01
	expect_rc 0
	ot vote O2022-6 --date 2022-02-02 --motion Defer --result fail --threshold majority-present \
		--yes Stone --no "Ann Lee,Park" --excused "O'Neil"
	expect_rc 0
	ot fail O2022-6 --date 2022-02-03
	expect_rc 0
	answers before
	fsck_clean
	rm -f t/index.sqlite t/index.sqlite-wal t/index.sqlite-shm
	answers after
	cmp -s before after || fail "answers differ after a rebuild: $(diff before after | head)"
	ot reindex
	expect_rc 0
	answers again
	cmp -s before again || fail "answers differ after reindex: $(diff before again | head)"
	fsck_clean
	# an altered row is found by the comparison with a rebuild
	sqlite3 t/index.sqlite "UPDATE record_roll SET option = 'no' WHERE id = 'O2022-5' AND pos = 0"
	ot fsck
	expect_rc 1
	grep -q 'index.sqlite:record_roll' "$out_file" "$err_file" || fail "fsck did not name the table: $(cat "$out_file" "$err_file")"
}

# a write whose ref moved but whose index update never ran (killed in
# between): the next command catches up with the branch
catch_up_after_killed_write() {
	council
	answers before
	cp -r t t2
	ORDTRACK_DIR="$PWD/t2" "$ORDTRACK" vote O2022-5 --date 2022-02-01 --motion Passage --result pass \
		--yes "Ann Lee,Park,Ramirez-Rosa" --no "O'Neil" --absent Stone > /dev/null || fail "vote in the copy"
	# the ref of t moves to the copy's commit; t's index is as before
	git --git-dir=t fetch -q "$PWD/t2" +refs/records/O2022-5:refs/records/O2022-5 || fail "fetch"
	[ "$(q "SELECT count(*) FROM record_votes")" = 0 ] || fail "the index moved already"
	ot votes --member "Ann Lee"
	expect_rc 0
	expect_out '^2022-02-01  O2022-5 +yes +passed  Passage$'
	ot records --format json
	expect_out '"votes": 1'
	fsck_clean
	# and back: the branch reset to its first commit
	git --git-dir=t update-ref refs/records/O2022-5 refs/records/O2022-5~1
	answers after
	cmp -s before after || fail "answers differ after the reset: $(diff before after | head)"
}

# a branch whose JSON cannot be read: the tracker still opens, and the
# queries over every record fail as reading every record did
unreadable_record() {
	council
	blob=$(printf '{"id": "O2022-9"' | git --git-dir=t hash-object -w --stdin)
	recs=$(printf '100644 blob %s\tO2022-9.json\n' "$blob" | git --git-dir=t mktree)
	root=$(printf '040000 tree %s\trecords\n' "$recs" | git --git-dir=t mktree)
	commit=$(echo broken | GIT_AUTHOR_NAME=x GIT_AUTHOR_EMAIL=x@x GIT_COMMITTER_NAME=x GIT_COMMITTER_EMAIL=x@x \
		git --git-dir=t commit-tree "$root")
	git --git-dir=t update-ref refs/records/O2022-9 "$commit"
	ot member list
	expect_rc 0
	ot records
	expect_rc 1
	expect_err 'records/O2022-9.json'
	ot votes --member Lee
	expect_rc 1
	expect_err 'records/O2022-9.json'
	[ "$(q "SELECT problem <> '' FROM records WHERE id = 'O2022-9'")" = 1 ] || fail "no problem recorded"
	git --git-dir=t update-ref -d refs/records/O2022-9
	ot records
	expect_rc 0
	expect_out '^O2022-6 '
}

# nothing moved: the open compares a fingerprint, and a new loose ref or
# a repacking of the refs is noticed
refs_packed_and_loose() {
	council
	git --git-dir=t pack-refs --all
	ot records
	expect_rc 0
	expect_out '^O2022-5 '
	passing_vote O2022-5 2022-02-01
	[ "$(q "SELECT count(*) FROM record_votes")" = 1 ] || fail "the loose ref's vote is not indexed"
	git --git-dir=t pack-refs --all
	ot records --format json
	expect_out '"votes": 1'
	[ -n "$(q "SELECT value FROM meta WHERE key = 'records_refs'")" ] || fail "no fingerprint"
	fsck_clean
}

command -v sqlite3 >/dev/null || { echo "ok index_records # skip sqlite3 not installed"; exit 0; }
run_case rows_follow_events
run_case removed_ref_drops_rows
run_case passed_onto_main
run_case rebuilt_index_answers_the_same
run_case catch_up_after_killed_write
run_case unreadable_record
run_case refs_packed_and_loose
