#!/bin/sh
# ordtrack pass: enacting a record by a clause-level merge into main, and
# refusing when another enactment changed the same clauses
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"


# two_versions plus three members and record O2022-5 (9-99 with two minutes)
council() {
	two_versions
	for m in "Ann Lee|1" "Bo Park|2" "Cy O'Neil|3"; do
		ot member add "${m%|*}" --ward "${m#*|}" --from 2019-05-20
		expect_rc 0
	done
	v2 | sed 's/three minutes/two minutes/' > two.txt
	ot propose O2022-5 9-99 two.txt --date 2022-01-10 --title "Two-minute idling" --sponsor "Ann Lee"
	expect_rc 0
}

# a passing roll call on record $1 dated $2
passed_vote() {
	ot vote "$1" --date "$2" --motion Passage --result pass --yes "Ann Lee,Bo Park" --no "O'Neil"
	expect_rc 0
}

pass_merges_into_main() {
	council
	old_main=$(git --git-dir=t rev-parse main)
	ot vote O2022-5 --date 2022-02-01 --motion Passage --result pass --threshold majority-of-members \
		--yes "Ann Lee,Park" --no "O'Neil"
	expect_rc 0
	ot pass O2022-5 --date 2022-02-01 --effective 2022-03-01
	expect_rc 0
	expect_out '^Passed O2022-5 on 2022-02-01, effective 2022-03-01: merged into main as commit [0-9a-f]{12}$'
	[ "$(git --git-dir=t rev-parse main^1)" = "$old_main" ] || fail "main's first parent is not the old main"
	git --git-dir=t rev-parse -q --verify main^2 >/dev/null || fail "passage is not a merge commit"
	ot show 9-99
	expect_out 'two minutes'
	ot log 9-99
	head -1 "$out_file" | grep -q '^2022-0.-0.  passed .*O2022-5 .*9-99@3' || fail "log: $(head -1 "$out_file")"
	ot status O2022-5
	expect_out '^status: +passed on 2022-02-01, effective 2022-03-01$'
	expect_out '^  2022-02-01  vote on Passage: passed 2-1 \[majority-of-members\]$'
	grep '^  2022-02-01' "$out_file" | tr '\n' ' ' | grep -q 'vote on Passage.*passage' ||
		fail "passage before the vote: $(cat "$out_file")"
	expect_out '^~ 9-99-020\(b\)$'
	ot records --status passed
	expect_out '^O2022-5 '
}

pass_twice_is_refused() {
	council
	passed_vote O2022-5 2022-02-01
	ot pass O2022-5 --date 2022-02-01
	expect_rc 0
	snap before.snap
	ot pass O2022-5 --date 2022-02-02
	expect_rc 1
	expect_err 'record O2022-5 is passed \(2022-02-01\); passage only applies to a pending record'
	[ "$(wc -l < "$err_file")" -eq 1 ] || fail "not one line: $(cat "$err_file")"
	expect_unchanged
	ot vote O2022-5 --date 2022-02-03 --motion Reconsider --result fail --no "Ann Lee"
	expect_rc 1
	expect_err 'is passed'
	expect_unchanged
	ot fail O2022-5 --date 2022-02-03
	expect_rc 1
	expect_unchanged
}

pass_reports_conflicting_clauses() {
	council
	v2 | sed 's/three minutes/four minutes/' > four.txt
	ot propose O2022-6 9-99 four.txt --date 2022-01-11 --title "Four minutes" --sponsor "Bo Park"
	expect_rc 0
	passed_vote O2022-6 2022-02-01
	passed_vote O2022-5 2022-02-01
	ot pass O2022-6 --date 2022-02-01
	expect_rc 0
	snap before.snap
	ot pass O2022-5 --date 2022-02-02
	expect_rc 1
	expect_out '^conflict: 9-99-020\(b\): changed differently by both$'
	[ "$(wc -l < "$out_file")" -eq 1 ] || fail "expected one conflict: $(cat "$out_file")"
	expect_err 'O2022-5 cannot pass as it stands: 1 clause'
	expect_unchanged
	ot show 9-99
	expect_out 'four minutes'
	ot status O2022-5
	expect_out '^status: +pending$'
}

pass_merges_independent_changes() {
	council
	v2 | sed 's/\$50/$100/' > fine.txt
	ot propose O2022-6 9-99 fine.txt --date 2022-01-11 --title "Higher fine" --sponsor "Bo Park"
	expect_rc 0
	passed_vote O2022-6 2022-02-01
	passed_vote O2022-5 2022-02-01
	ot pass O2022-6 --date 2022-02-01
	expect_rc 0
	# O2022-5 was based on main before O2022-6 passed: both changes survive
	ot pass O2022-5 --date 2022-02-02
	expect_rc 0
	ot show 9-99
	expect_out 'two minutes'
	expect_out 'fine of \$100'
	ot conflicts
	expect_out '^no pending records'
}

pass_requires_a_passing_vote() {
	council
	snap before.snap
	ot pass O2022-5 --date 2022-02-01
	expect_rc 1
	expect_err 'no vote is recorded on O2022-5'
	expect_unchanged
	ot vote O2022-5 --date 2022-02-01 --motion Passage --result fail --yes "Ann Lee" --no "Bo Park,O'Neil"
	expect_rc 0
	snap before.snap
	ot pass O2022-5 --date 2022-02-02
	expect_rc 1
	expect_err 'the last vote on O2022-5 \(by date\) failed'
	expect_unchanged
	passed_vote O2022-5 2022-02-10
	snap before.snap
	ot pass O2022-5 --date 2022-02-05
	expect_rc 1
	expect_err 'passage is dated 2022-02-05, before the vote that passed O2022-5 \(2022-02-10\)'
	expect_unchanged
}

# the vote that counts is the latest by date: a failed vote recorded late
# but dated before the passing one (a clerk catching up on the minutes)
# does not block passage, and the summary's headline gives the passing tally
pass_counts_the_latest_vote_by_date() {
	council
	passed_vote O2022-5 2022-02-10
	ot vote O2022-5 --date 2022-02-01 --motion "Motion to defer" --result fail --yes "Ann Lee" --no "Bo Park,O'Neil"
	expect_rc 0
	ot pass O2022-5 --date 2022-02-10
	expect_rc 0
	ot summary O2022-5
	expect_out '^O2022-5 passed 2–1 on 2022-02-10'
}

pass_with_later_effective_date_first() {
	council
	v2 | sed 's/\$50/$100/' > fine.txt
	ot propose O2022-6 9-99 fine.txt --date 2022-01-11 --title "Higher fine" --sponsor "Bo Park"
	passed_vote O2022-6 2022-02-01
	passed_vote O2022-5 2022-02-01
	# O2022-6 takes effect on 2022-06-01; O2022-5, enacted after it, at once
	ot pass O2022-6 --date 2022-02-01 --effective 2022-06-01
	expect_rc 0
	ot pass O2022-5 --date 2022-02-02
	expect_rc 0
	# the latest text is main's: both changes
	ot show 9-99
	expect_out 'two minutes'
	expect_out 'fine of \$100'
	git --git-dir=t show main:ordinances/9-99/9-99-020 | grep -q 'two minutes' || fail "main lacks O2022-5"
	# before 2022-06-01 nothing after O2022-6 is shown as in force (it
	# builds on O2022-6): never a change that is not yet in force
	ot show 9-99@2022-03-01
	expect_no_out 'fine of \$100'
	ot show 9-99@2022-06-01
	expect_out 'two minutes'
	expect_out 'fine of \$100'
}

actions_after_passage_go_to_main() {
	council
	snap before.snap
	ot action O2022-5 --date 2022-02-01 --type executive-signature --body Mayor
	expect_rc 1
	expect_err 'O2022-5 is pending; executive-signature only follows passage'
	expect_unchanged
	passed_vote O2022-5 2022-02-01
	ot pass O2022-5 --date 2022-02-01
	expect_rc 0
	snap before.snap
	ot action O2022-5 --date 2022-01-31 --type executive-signature --body Mayor
	expect_rc 1
	expect_err 'before O2022-5 passed'
	expect_unchanged
	ot action O2022-5 --date 2022-02-04 --type executive-signature --body Mayor
	expect_rc 0
	git --git-dir=t log -1 --format=%B main | grep -q '^Event: executive-signature$' || fail "not on main"
	ot status O2022-5
	expect_out '2022-02-04  executive-signature by Mayor'
	ot show 9-99
	expect_out 'two minutes'
	ot reindex
	ot status O2022-5
	expect_out '2022-02-04  executive-signature by Mayor'
}

pass_refuses_bad_input() {
	council
	snap before.snap
	ot pass O2022-5 --date 2022-02-01 --effective 2022-01-31
	expect_rc 1
	expect_err 'the effective date 2022-01-31 is before the passage date 2022-02-01'
	expect_unchanged
	ot pass O2022-5 --date 2022-02-30
	expect_rc 1
	expect_err '2022-02-30'
	expect_unchanged
	ot pass O2022-5 --date 2022-01-09
	expect_rc 1
	expect_err 'before O2022-5 was introduced'
	expect_unchanged
	ot pass O2022-5
	expect_rc 2
	expect_err 'needs --date'
	expect_unchanged
	for id in ../x a/b .git; do
		ot pass "$id" --date 2022-02-01
		expect_rc 1
		expect_unchanged
	done
	ot pass O1999-9 --date 2022-02-01
	expect_rc 1
	expect_err "unknown record 'O1999-9'"
	expect_unchanged
}

run_case pass_merges_into_main
run_case pass_twice_is_refused
run_case pass_reports_conflicting_clauses
run_case pass_merges_independent_changes
run_case pass_requires_a_passing_vote
run_case pass_counts_the_latest_vote_by_date
run_case pass_with_later_effective_date_first
run_case actions_after_passage_go_to_main
run_case pass_refuses_bad_input
