#!/bin/sh
# ordtrack member, propose, revise, action, fail, withdraw, status, records
# and conflicts: the legislative record (votes and passage are in
# test_vote.sh and test_pass.sh)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

# the state of the tracker in ./t, to show a refused command changed nothing

# two_versions plus five members and record O2022-5 (9-99 with two minutes)
council() {
	two_versions
	for m in "Ann Lee|1" "Bo Park|2" "Cy O'Neil|3" "Di Ramirez-Rosa|4" "Ed Stone|5"; do
		ot member add "${m%|*}" --ward "${m#*|}" --from 2019-05-20 --to 2023-05-15
		expect_rc 0
	done
	v2 | sed 's/three minutes/two minutes/' > two.txt
	ot propose O2022-5 9-99 two.txt --date 2022-01-10 --title "Two-minute idling" --sponsor "Ann Lee" --sponsor Park
	expect_rc 0
}

member_add_and_list() {
	two_versions
	ot member add "Bo Park" --ward 2
	expect_rc 0
	ot member add "Ann Lee" --ward 1 --from 2019-05-20 --to 2023-05-15
	expect_rc 0
	ot member list
	expect_rc 0
	head -1 "$out_file" | grep -q '^ *1  Ann Lee .*2019-05-20 to 2023-05-15' || fail "not sorted by ward: $(cat "$out_file")"
	expect_out '^ *2  Bo Park .*- to -'
	ot member list --format json
	expect_out '"format": "ordtrack-members/1"'
	expect_out '"ward": 2'
	expect_out '"to": null'
	snap before.snap
	ot member add "ann lee" --ward 1 --from 2020-01-01
	expect_rc 1
	expect_err 'already a member in overlapping dates'
	expect_unchanged
	ot member add "Cy Po" --ward 3 --from 2021-02-30
	expect_rc 1
	expect_err '2021-02-30'
	expect_unchanged
	ot member add "Cy Po" --ward x
	expect_rc 2
	expect_err '--ward takes a number'
	expect_unchanged
	ot member add "Cy Po"
	expect_rc 2
	expect_unchanged
	ot member frob
	expect_rc 2
	expect_unchanged
}

propose_then_status() {
	council
	ot status O2022-5
	expect_rc 0
	expect_out '^O2022-5: Two-minute idling$'
	expect_out '^type: +ordinance$'
	expect_out '^status: +pending$'
	expect_out '^sponsors: +Ann Lee; Park$'
	expect_out '^  2022-01-10  introduction$'
	expect_out '^~ 9-99-020\(b\)$'
	expect_out '\[-three-\]\{\+two\+\}'
	expect_out 'conflicts with pending records: none'
	ot status O2022-5 --format json
	expect_rc 0
	expect_out '"format": "ordtrack-status/1"'
	expect_out '"status": "pending"'
	expect_out '"kind": "action"'
	expect_out '"format": "ordtrack-diff/1"'
	expect_out '"conflicts": \[\]'
	# the record's text is on its branch, main is untouched
	ot show 9-99
	expect_out 'three minutes'
	git --git-dir=t cat-file -e refs/records/O2022-5:records/O2022-5.json || fail "no records/O2022-5.json"
}

propose_refuses_bad_input() {
	council
	snap before.snap
	for id in ../x a/b .git; do
		ot propose "$id" 9-99 two.txt --date 2022-01-10 --title T --sponsor "Ann Lee"
		expect_rc 1
		expect_err 'record'
		[ "$(wc -l < "$err_file")" -eq 1 ] || fail "not a one-line error: $(cat "$err_file")"
		expect_unchanged
	done
	ot propose O2022-6 9-99 two.txt --date 2022-02-30 --title T --sponsor "Ann Lee"
	expect_rc 1
	expect_err '2022-02-30'
	expect_unchanged
	ot propose O2022-5 9-99 two.txt --date 2022-01-11 --title T --sponsor "Ann Lee"
	expect_rc 1
	expect_err 'exists already'
	expect_unchanged
	ot propose O2022-6 9-99 two.txt --date 2022-01-11 --sponsor "Ann Lee"
	expect_rc 2
	expect_err 'needs --date, --title'
	expect_unchanged
	ot propose O2022-6 9-99 --date 2022-01-11 --title T --sponsor "Ann Lee"
	expect_rc 2
	expect_unchanged
	ot propose O2022-6 9-99 two.txt --date 2022-01-11 --title T --sponsor "Ann Lee" --type bill
	expect_rc 1
	expect_err "unknown record type 'bill'"
	expect_unchanged
	ot propose O2022-6 9-99 v2.txt --date 2022-01-11 --title T --sponsor "Ann Lee"
	expect_rc 1
	expect_err 'identical'
	expect_unchanged
	ot propose O2022-6 9-99 missing.txt --date 2022-01-11 --title T --sponsor "Ann Lee"
	expect_rc 1
	expect_err "cannot open 'missing.txt'"
	expect_unchanged
	ot status ../x
	expect_rc 1
	expect_unchanged
	ot status O1999-1
	expect_rc 1
	expect_err "unknown record 'O1999-1'"
	expect_unchanged
}

revise_adds_a_version() {
	council
	v2 | sed -e 's/three minutes/two minutes/' -e 's/\$50/$75/' > rev.txt
	ot revise O2022-5 9-99 rev.txt --date 2022-02-01 --stage amended
	expect_rc 0
	expect_out 'Revised O2022-5 \(amended text\)'
	ot status O2022-5
	expect_rc 0
	expect_out '^  2022-02-01  text version 2 \(amended\)$'
	expect_out '^~ 9-99-030\(a\)$'
	ot status O2022-5 --format json
	expect_out '"versions": 2'
	snap before.snap
	ot revise O2022-5 9-99 rev.txt --date 2022-02-02 --stage final
	expect_rc 2
	expect_unchanged
	ot revise O2022-5 9-99 rev.txt --date 2021-02-02
	expect_rc 1
	expect_err 'before O2022-5 was introduced'
	expect_unchanged
}

actions_in_timeline() {
	council
	ot action O2022-5 --date 2022-02-01 --type committee-passage --body "Committee on Traffic"
	expect_rc 0
	ot action O2022-5 --date 2022-01-12 --type referral-committee --body "Committee on Traffic" --text "Referred"
	expect_rc 0
	expect_out 'Recorded referral-committee on O2022-5'
	ot status O2022-5
	expect_out '^  2022-01-12  referral-committee by Committee on Traffic: Referred$'
	# the timeline is in date order although recorded out of order
	grep '^  2022-' "$out_file" | tr '\n' ' ' | grep -q 'introduction.*referral-committee.*committee-passage' ||
		fail "timeline not in date order: $(cat "$out_file")"
	snap before.snap
	ot action O2022-5 --date 2022-03-01 --type lunch
	expect_rc 1
	expect_err "unknown action type 'lunch'"
	expect_unchanged
	ot action O2022-5 --date 2021-12-31 --type deferral
	expect_rc 1
	expect_err 'before O2022-5 was introduced'
	expect_unchanged
	ot action O2022-5 --type deferral
	expect_rc 2
	expect_unchanged
	ot action ../x --date 2022-03-01 --type deferral
	expect_rc 1
	expect_unchanged
}

fail_and_withdraw_close_records() {
	council
	v2 | sed 's/\$50/$100/' > fine.txt
	ot propose O2022-6 9-99 fine.txt --date 2022-01-11 --title "Higher fine" --sponsor "Bo Park"
	expect_rc 0
	ot fail O2022-5 --date 2022-03-01
	expect_rc 0
	ot withdraw O2022-6 --date 2022-03-02
	expect_rc 0
	ot status O2022-5
	expect_out '^status: +failed on 2022-03-01$'
	expect_out '^  2022-03-01  failure$'
	expect_no_out 'conflicts with pending'
	snap before.snap
	ot action O2022-5 --date 2022-03-05 --type deferral
	expect_rc 1
	expect_err 'is failed'
	expect_unchanged
	ot withdraw O2022-5 --date 2022-03-05
	expect_rc 1
	expect_unchanged
	ot fail O2022-6
	expect_rc 2
	expect_unchanged
}

records_filters() {
	council
	v2 | sed 's/\$50/$100/' > fine.txt
	ot propose O2022-6 9-99 fine.txt --date 2022-01-11 --title "Higher fine" --sponsor "Bo Park"
	expect_rc 0
	ot withdraw O2022-6 --date 2022-03-02
	ot records
	expect_rc 0
	[ "$(wc -l < "$out_file")" -eq 2 ] || fail "expected 2 records: $(cat "$out_file")"
	expect_out '^O2022-5  pending +2022-01-10  9-99  Two-minute idling$'
	ot records --status pending
	expect_out 'O2022-5'
	expect_no_out 'O2022-6'
	ot records --sponsor park
	expect_out 'O2022-5'
	expect_out 'O2022-6'
	ot records --sponsor "Ann Lee" --status withdrawn
	[ ! -s "$out_file" ] || fail "expected no record: $(cat "$out_file")"
	ot records --ordinance 1-1
	[ ! -s "$out_file" ] || fail "expected no record for 1-1"
	ot records --status withdrawn --format json
	expect_out '"format": "ordtrack-records/1"'
	expect_out '"id": "O2022-6"'
	expect_out '"type": "withdrawal"'
	expect_no_out 'O2022-5'
	ot records --status open
	expect_rc 2
	expect_err "--status takes pending"
}

metacharacters_shown_verbatim() {
	council
	title="Robert'); DROP TABLE records;-- \$(touch pwned) \`touch pwned2\` \"q\" <b>&amp; 100%s"
	ot propose "O2022-7" 9-99 two.txt --date 2022-01-11 --title "$title" --sponsor "O'Brien; rm -rf /"
	expect_rc 0
	ot status O2022-7
	expect_rc 0
	grep -qF "O2022-7: $title" "$out_file" || fail "title altered: $(head -1 "$out_file")"
	grep -qF "sponsors:    O'Brien; rm -rf /" "$out_file" || fail "sponsor altered"
	ot records --format json
	grep -qF 'DROP TABLE records;-- $(touch pwned) `touch pwned2` \"q\" <b>&amp; 100%s' "$out_file" ||
		fail "JSON title altered: $(cat "$out_file")"
	ot records
	grep -qF "$title" "$out_file" || fail "records title altered"
	[ ! -e pwned ] && [ ! -e pwned2 ] || fail "a title was executed"
	ot member add "Zed \$(touch pwned3); DROP TABLE members" --ward 9
	expect_rc 0
	ot member list
	grep -qF 'Zed $(touch pwned3); DROP TABLE members' "$out_file" || fail "member name altered"
	[ ! -e pwned3 ] || fail "a member name was executed"
}

conflicts_pairs_pending_records() {
	council
	v2 | sed 's/three minutes/four minutes/' > four.txt
	v2 | sed 's/\$50/$100/' > fine.txt
	ot propose O2022-6 9-99 four.txt --date 2022-01-11 --title "Four minutes" --sponsor "Bo Park"
	expect_rc 0
	ot propose O2022-8 9-99 fine.txt --date 2022-01-12 --title "Higher fine" --sponsor "Bo Park"
	expect_rc 0
	ot conflicts
	expect_rc 0
	[ "$(wc -l < "$out_file")" -eq 1 ] || fail "expected one pair: $(cat "$out_file")"
	expect_out '^O2022-5 and O2022-6 both change: 9-99-020\(b\)$'
	ot conflicts --format json
	expect_out '"format": "ordtrack-conflicts/1"'
	expect_out '"id": "9-99-020\(b\)"'
	expect_no_out 'O2022-8'
	ot status O2022-6
	expect_out '^  O2022-5: 9-99-020\(b\)$'
	ot status O2022-8
	expect_out 'conflicts with pending records: none'
	ot withdraw O2022-6 --date 2022-02-01
	expect_rc 0
	ot conflicts
	expect_out '^no pending records change the same clauses$'
	ot conflicts --format xml
	expect_rc 2
}

run_case member_add_and_list
run_case propose_then_status
run_case propose_refuses_bad_input
run_case revise_adds_a_version
run_case actions_in_timeline
run_case fail_and_withdraw_close_records
run_case records_filters
run_case metacharacters_shown_verbatim
run_case conflicts_pairs_pending_records
