#!/bin/sh
# ordtrack log, show and the revision syntax
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

log_lists_newest_first() {
	two_versions
	ot log 9-99
	expect_rc 0
	[ "$(wc -l < "$out_file")" -eq 2 ] || fail "expected 2 lines"
	head -1 "$out_file" | grep -q '^2021-06-30  passed .*O2021-7 .*9-99@2 .*Shorter idling limit' || fail "line 1: $(head -1 "$out_file")"
	tail -1 "$out_file" | grep -q '^2020-01-15  enacted .*O2020-1 .*9-99@1' || fail "line 2"
}
log_json_has_trailers() {
	two_versions
	ot log --format json
	expect_rc 0
	expect_out '"format": "ordtrack-log/1"'
	expect_out "\"Cy O'Neil\""
	expect_out '"sections": 4'
	expect_out '"title": "TEST CHAPTER"'
}
log_unknown_ordinance() {
	two_versions
	ot log 1-23
	expect_rc 1
	expect_err "unknown ordinance '1-23'"
}
show_latest_and_numbered() {
	two_versions
	ot show 9-99
	expect_rc 0
	expect_out '^9-99-040 Severability\.$'
	expect_out 'three minutes'
	ot show 9-99@1
	expect_no_out '9-99-040'
	expect_out 'five minutes'
}
show_by_date_is_version_in_force() {
	two_versions
	ot show 9-99@2021-06-29
	expect_out 'five minutes'
	ot show 9-99@2021-06-30
	expect_out 'three minutes'
	ot show 9-99@2019-12-31
	expect_rc 1
	expect_err "no version in force on 2019-12-31"
	ot show 9-99@2021-02-30
	expect_rc 1
	expect_err "does not exist"
}
show_by_commit_prefix() {
	two_versions
	c=$(git --git-dir=t rev-parse --short=8 main~1)
	ot show "9-99@$c"
	expect_rc 0
	expect_out 'five minutes'
	ot show 9-99@deadbeef
	expect_rc 1
	expect_err "no version of 9-99"
}
show_clause_and_children() {
	two_versions
	ot show 9-99 --clause '9-99-020(b)'
	expect_rc 0
	[ "$(wc -l < "$out_file")" -eq 3 ] || fail "expected (b) with two children: $(cat "$out_file")"
	expect_out '^\(b\) No person shall idle'
	expect_out '^\(2\) vehicles in traffic\.$'
	ot show 9-99 --clause '9-99-020(z)'
	expect_rc 1
	expect_err "no clause '9-99-020\(z\)'"
}
show_json_nests_clauses() {
	two_versions
	ot show 9-99@1 --format json
	expect_rc 0
	expect_out '"id": "9-99-020\(b\)\(1\)"'
	expect_out '"version": 1'
}
show_text_round_trips_through_add() {
	two_versions
	ot show 9-99
	cp "$out_file" shown.txt
	ot add 9-99 shown.txt --date 2021-07-01
	expect_rc 0
	expect_err "identical"
}
show_bad_revisions() {
	two_versions
	ot show 9-99@7
	expect_rc 1
	expect_err "no version 7; it has versions 1 to 2"
	ot show '9-99@what?'
	expect_rc 1
	expect_err "invalid revision"
	ot show ../x
	expect_rc 1
	ot show
	expect_rc 2
}
run_case log_lists_newest_first
run_case log_json_has_trailers
run_case log_unknown_ordinance
run_case show_latest_and_numbered
run_case show_by_date_is_version_in_force
run_case show_by_commit_prefix
run_case show_clause_and_children
run_case show_json_nests_clauses
run_case show_text_round_trips_through_add
run_case show_bad_revisions
