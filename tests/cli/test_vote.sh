#!/bin/sh
# ordtrack vote and votes: roll calls, tallies, thresholds, roll files
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"


# two_versions plus five members and record O2022-5 (9-99 with two minutes)
council() {
	two_versions
	for m in "Ann Lee|1" "Bo Park|2" "Cy O'Neil|3" "Di Ramirez-Rosa|4" "Ed Stone|5"; do
		ot member add "${m%|*}" --ward "${m#*|}" --from 2019-05-20 --to 2023-05-15
		expect_rc 0
	done
	v2 | sed 's/three minutes/two minutes/' > two.txt
	ot propose O2022-5 9-99 two.txt --date 2022-01-10 --title "Two-minute idling" --sponsor "Ann Lee"
	expect_rc 0
}

vote_prints_tally_and_roll() {
	council
	ot vote O2022-5 --date 2022-02-01 --motion "Passage" --result pass --threshold majority-of-members \
		--yes "Ann Lee" --yes park --yes Ramirez-Rosa --no "O'Neil" --absent Stone
	expect_rc 0
	[ "$(head -1 "$out_file")" = "passed 3-1 (1 absent)" ] || fail "tally line: $(head -1 "$out_file")"
	expect_out '^yes \(3\): Ann Lee, Bo Park, Di Ramirez-Rosa$'
	expect_out "^no \\(1\\): Cy O'Neil\$"
	expect_out '^other \(1\): Ed Stone \(absent\)$'
	ot status O2022-5
	expect_out '^  2022-02-01  vote on Passage: passed 3-1 \(1 absent\) \[majority-of-members\]$'
	expect_out '^ +yes \(3\): Ann Lee, Bo Park, Di Ramirez-Rosa$'
	ot votes --member oneil
	expect_rc 1
	expect_err "unknown member 'oneil'"
	ot votes --member "O'Neil"
	expect_rc 0
	expect_out '^2022-02-01  O2022-5 +no +passed +Passage$'
	ot votes --member "di ramirez-rosa" --format json
	expect_out '"format": "ordtrack-votes/1"'
	expect_out '"member": "Di Ramirez-Rosa"'
	expect_out '"option": "yes"'
	ot votes
	expect_rc 2
}

vote_comma_lists_and_json() {
	council
	ot vote O2022-5 --date 2022-02-01 --motion "Defer" --result fail --threshold majority-present \
		--yes "Ann Lee" --no "Bo Park, O'Neil,Stone" --abstain Ramirez-Rosa --format json
	expect_rc 0
	expect_out '"format": "ordtrack-vote/1"'
	expect_out '"tally": "failed 1-3 \(1 abstain\)"'
	expect_out '"no": 3'
	expect_out '"abstain": 1'
	expect_out '"option": "abstain"'
	ot status O2022-5 --format json
	expect_out '"kind": "vote"'
	expect_out '"threshold": "majority-present"'
}

vote_roll_file() {
	council
	printf '# roll call, 2022-02-01\r\nname,option\r\n\r\nAnn Lee,yes\r\n"Bo Park" , aye\r\n  # comment\r\n"Cy O'"'"'Neil",no\r\nRamirez-Rosa,not voting\r\n"Ed ""Eddie"" Stone",excused\r\n' > roll.csv
	# "Ed ""Eddie"" Stone" is not a member: the file names its line
	snap before.snap
	ot vote O2022-5 --date 2022-02-01 --motion Passage --result pass --roll roll.csv
	expect_rc 1
	expect_err "roll.csv:9: 'Ed \"Eddie\" Stone' is not a member serving on 2022-02-01"
	expect_unchanged
	sed -i 's/"Ed ""Eddie"" Stone"/"Stone"/' roll.csv
	ot vote O2022-5 --date 2022-02-01 --motion Passage --result pass --roll roll.csv
	expect_rc 0
	[ "$(head -1 "$out_file")" = "passed 2-1 (1 excused, 1 not voting)" ] || fail "tally: $(head -1 "$out_file")"
	expect_out "^no \\(1\\): Cy O'Neil\$"
	expect_out '^other \(2\): Di Ramirez-Rosa \(not voting\), Ed Stone \(excused\)$'
}

roll_file_errors_name_the_line() {
	council
	snap before.snap
	printf 'name,option\nAnn Lee,yes\nBo Park,maybe\n' > bad-option.csv
	ot vote O2022-5 --date 2022-02-01 --motion M --result pass --roll bad-option.csv
	expect_rc 1
	expect_err "bad-option.csv:3: unknown vote option 'maybe' for Bo Park"
	expect_unchanged
	printf 'Ann Lee,yes\nBo Park,yes\nCy O'"'"'Neil,no\nDi Ramirez-Rosa,no\n' > missing.csv
	ot vote O2022-5 --date 2022-02-01 --motion M --result pass --roll missing.csv
	expect_rc 1
	expect_err 'missing.csv: the roll call leaves out 1 member serving on 2022-02-01: Ed Stone'
	expect_unchanged
	printf 'Ann Lee,yes,extra\n' > fields.csv
	ot vote O2022-5 --date 2022-02-01 --motion M --result pass --roll fields.csv
	expect_rc 1
	expect_err "fields.csv:1: expected 'name,option', found 3 fields"
	expect_unchanged
	printf 'Ann Lee,yes\n"Bo Park,yes\n' > quote.csv
	ot vote O2022-5 --date 2022-02-01 --motion M --result pass --roll quote.csv
	expect_rc 1
	expect_err 'quote.csv:2: a quoted field is not closed'
	expect_unchanged
	printf 'Ann Lee,yes\nBo Park,no\nCy O'"'"'Neil,no\nDi Ramirez-Rosa,no\nEd Stone,no\nann lee,no\n' > twice.csv
	ot vote O2022-5 --date 2022-02-01 --motion M --result fail --roll twice.csv
	expect_rc 1
	expect_err 'twice.csv:6: Ann Lee is listed twice \(first on line 1\)'
	expect_unchanged
	ot vote O2022-5 --date 2022-02-01 --motion M --result pass --roll nothere.csv
	expect_rc 1
	expect_err "cannot open 'nothere.csv'"
	expect_unchanged
}

vote_refuses_bad_rolls() {
	council
	snap before.snap
	ot vote O2022-5 --date 2022-02-01 --motion M --result pass --yes "Ann Lee" --yes "Zed Nobody"
	expect_rc 1
	expect_err "'Zed Nobody' is not a member serving on 2022-02-01"
	[ "$(wc -l < "$err_file")" -eq 1 ] || fail "not one line: $(cat "$err_file")"
	expect_unchanged
	ot vote O2022-5 --date 2022-02-01 --motion M --result pass --yes "Ann Lee,Park" --no "ann lee"
	expect_rc 1
	expect_err 'Ann Lee appears twice in the roll call'
	expect_unchanged
	# members serve 2019-05-20 to 2023-05-15
	ot vote O2022-5 --date 2023-06-01 --motion M --result pass --yes "Ann Lee"
	expect_rc 1
	expect_err 'not a member serving on 2023-06-01'
	expect_unchanged
}

vote_threshold_and_force() {
	council
	snap before.snap
	ot vote O2022-5 --date 2022-02-01 --motion M --result pass --threshold majority-of-members \
		--yes "Ann Lee,Park" --no "O'Neil" --absent "Ramirez-Rosa,Stone"
	expect_rc 1
	expect_err "the result 'pass' contradicts the counts: 2 yes of 5 members; a majority of members is 3"
	expect_err 'give --force REASON'
	expect_unchanged
	ot vote O2022-5 --date 2022-02-01 --motion M --result fail --threshold two-thirds-of-members \
		--yes "Ann Lee,Park,O'Neil,Ramirez-Rosa" --no Stone
	expect_rc 1
	expect_err 'two thirds is 4'
	expect_unchanged
	ot vote O2022-5 --date 2022-02-01 --motion M --result pass --threshold majority-of-members \
		--yes "Ann Lee,Park" --no "O'Neil" --absent "Ramirez-Rosa,Stone" --force "as entered in the journal"
	expect_rc 0
	expect_out '^passed 2-1 \(2 absent\)$'
	expect_out '^recorded with --force: as entered in the journal$'
	ot status O2022-5 --format json
	expect_out '"forced": "as entered in the journal"'
}

# without a threshold a motion still cannot pass on a tie or a loss (a
# presiding officer's tie-breaking vote is on the roll)
vote_pass_needs_more_yes_than_no() {
	council
	snap before.snap
	ot vote O2022-5 --date 2022-02-01 --motion M --result pass --yes "Ann Lee,Park" --no "O'Neil,Stone"
	expect_rc 1
	expect_err "the result is 'pass' but the roll has 2 yes and 2 no; check the roll, or give the rule with --threshold; give --force REASON"
	expect_unchanged
	ot vote O2022-5 --date 2022-02-01 --motion M --result fail --yes "Ann Lee,Park" --no "O'Neil,Stone"
	expect_rc 0
	ot vote O2022-5 --date 2022-02-02 --motion M --result pass --yes "Ann Lee,Park" --no "O'Neil,Stone" \
		--force "the chair broke the tie"
	expect_rc 0
}

vote_dates_and_closed_records() {
	council
	snap before.snap
	ot vote O2022-5 --date 2022-01-09 --motion M --result pass --yes "Ann Lee"
	expect_rc 1
	expect_err 'a vote is dated 2022-01-09, before O2022-5 was introduced \(2022-01-10\)'
	expect_unchanged
	ot vote O2022-5 --date 2022-13-01 --motion M --result pass --yes "Ann Lee"
	expect_rc 1
	expect_err '2022-13-01'
	expect_unchanged
	ot vote O2022-5 --date 2022-02-29 --motion M --result pass --roll /dev/null
	expect_rc 1
	expect_err '2022-02-29'
	expect_unchanged
	ot withdraw O2022-5 --date 2022-02-01
	expect_rc 0
	snap before.snap
	ot vote O2022-5 --date 2022-02-02 --motion M --result pass --yes "Ann Lee"
	expect_rc 1
	expect_err 'record O2022-5 is withdrawn'
	expect_unchanged
	ot vote ../x --date 2022-02-02 --motion M --result pass --yes "Ann Lee"
	expect_rc 1
	expect_unchanged
}

vote_usage_errors() {
	council
	snap before.snap
	ot vote O2022-5 --date 2022-02-01 --motion M --result pass
	expect_rc 2
	expect_err 'needs its roll call'
	expect_unchanged
	ot vote O2022-5 --date 2022-02-01 --motion M --result pass --yes "Ann Lee" --roll x.csv
	expect_rc 2
	expect_err 'not both'
	expect_unchanged
	ot vote O2022-5 --date 2022-02-01 --motion M --result maybe --yes "Ann Lee"
	expect_rc 2
	expect_err '--result takes pass or fail'
	expect_unchanged
	ot vote O2022-5 --date 2022-02-01 --motion M --result pass --yes "Ann Lee" --threshold most
	expect_rc 2
	expect_err '--threshold takes'
	expect_unchanged
	ot vote O2022-5 --date 2022-02-01 --motion M --result pass --yes "Ann Lee,"
	expect_rc 2
	expect_err 'empty name'
	expect_unchanged
	ot vote O2022-5 --motion M --result pass --yes "Ann Lee"
	expect_rc 2
	expect_unchanged
	ot vote O2022-5 --date 2022-02-01 --motion M --result pass --yes "Ann Lee" --format xml
	expect_rc 2
	expect_unchanged
}

# Excel's "CSV UTF-8" starts with a byte-order mark; an OCD file with one
# is read too; a JSON array is called what it is
roll_file_bom_and_json_array() {
	council
	printf '\357\273\277name,option\nAnn Lee,yes\nBo Park,no\nCy O'"'"'Neil,no\nRamirez-Rosa,no\nStone,yes\n' > bom.csv
	ot vote O2022-5 --date 2022-02-01 --motion Passage --result fail --roll bom.csv
	expect_rc 0
	[ "$(head -1 "$out_file")" = "failed 2-3" ] || fail "tally: $(head -1 "$out_file")"
	printf ' \n[1,2]\n' > array.json
	snap before.snap
	ot vote O2022-5 --date 2022-02-02 --motion M --result pass --roll array.json
	expect_rc 1
	expect_err '^ordtrack: array\.json: \[0\] needs "VotePersonName" and "VoteValueName" strings'
	expect_unchanged
	printf '\357\273\277{"votes": [{"option": "yes", "voter_name": "Ann Lee"}, {"option": "yes", "voter_name": "Bo Park"}, {"option": "yes", "voter_name": "Cy O'"'"'Neil"}, {"option": "no", "voter_name": "Di Ramirez-Rosa"}, {"option": "absent", "voter_name": "Ed Stone"}]}\n' > bom.json
	ot vote O2022-5 --date 2022-02-03 --motion Reconsider --result pass --roll bom.json
	expect_rc 0
	[ "$(head -1 "$out_file")" = "passed 3-1 (1 absent)" ] || fail "tally: $(head -1 "$out_file")"
}

# the shapes councils' systems give (illustrative data in their layouts):
# Legistar's votes array and CSV export with "Last, First" names and its
# vote words, a pupa vote event with "counts": [] and a pseudo-id bill
roll_files_as_sources_give_them() {
	council
	cat > legistar.json <<'JSON'
[{"VoteId": 101, "VoteGuid": "A1", "VotePersonId": 7, "VotePersonName": "Lee, Ann", "VoteValueId": 1, "VoteValueName": "Affirmative", "VoteSort": 1, "VoteResult": 1, "VoteEventItemId": 9},
 {"VoteId": 102, "VoteGuid": "A2", "VotePersonId": 8, "VotePersonName": "Park, Bo", "VoteValueId": 1, "VoteValueName": "Affirmative", "VoteSort": 2, "VoteResult": 1, "VoteEventItemId": 9},
 {"VoteId": 103, "VoteGuid": "A3", "VotePersonId": 9, "VotePersonName": "O'Neil, Cy", "VoteValueId": 2, "VoteValueName": "Negative", "VoteSort": 3, "VoteResult": 2, "VoteEventItemId": 9},
 {"VoteId": 104, "VoteGuid": "A4", "VotePersonId": 10, "VotePersonName": "Ramirez-Rosa, Di", "VoteValueId": 1, "VoteValueName": "Affirmative", "VoteSort": 4, "VoteResult": 1, "VoteEventItemId": 9},
 {"VoteId": 105, "VoteGuid": "A5", "VotePersonId": 11, "VotePersonName": "Stone, Ed", "VoteValueId": 5, "VoteValueName": "Recused", "VoteSort": 5, "VoteResult": 0, "VoteEventItemId": 9}]
JSON
	ot vote O2022-5 --roll legistar.json
	expect_rc 2
	expect_err 'does not give them all'
	ot vote O2022-5 --date 2022-02-01 --motion Passage --result pass --roll legistar.json
	expect_rc 0
	[ "$(head -1 "$out_file")" = "passed 3-1 (1 excused)" ] || fail "tally: $(head -1 "$out_file")"
	expect_out '^yes \(3\): Ann Lee, Bo Park, Di Ramirez-Rosa$'
	# an entry of the array is named by its index, as the file has it
	sed 's/"Stone, Ed"/"Nobody, Zed"/' legistar.json > stranger.json
	snap before.snap
	ot vote O2022-5 --date 2022-02-01 --motion Passage --result pass --roll stranger.json
	expect_rc 1
	expect_err "^ordtrack: stranger\.json: \[4\]: 'Nobody, Zed' is not a member serving on 2022-02-01"
	expect_unchanged
	printf 'Person Name,Vote\nAld. Ann Lee,Yea\n"Park, Bo",Nay\nCy O'"'"'Neil,Present\nRAMIREZ-ROSA,Negative\nEd Stone Jr.,Absent\n' > legistar.csv
	ot vote O2022-5 --date 2022-02-02 --motion Reconsider --result fail --roll legistar.csv
	expect_rc 0
	[ "$(head -1 "$out_file")" = "failed 1-2 (1 abstain, 1 absent)" ] || fail "tally: $(head -1 "$out_file")"
	cat > pupa.json <<'JSON'
{"_type": "vote_event", "identifier": "", "motion_text": "Passage of the substitute", "motion_classification": ["passage"],
 "start_date": "2022-02-03", "result": "pass", "organization": "~{\"classification\": \"legislature\"}",
 "bill": "~{\"identifier\": \"O2022-5\", \"legislative_session__identifier\": \"2019\"}",
 "counts": [],
 "votes": [{"option": "yes", "voter_name": "Lee, Ann", "voter_id": null, "note": ""},
           {"option": "yes", "voter_name": "Park, Bo", "voter_id": null, "note": ""},
           {"option": "yes", "voter_name": "O'Neil, Cy", "voter_id": null, "note": ""},
           {"option": "no", "voter_name": "Ramirez-Rosa, Di", "voter_id": null, "note": ""},
           {"option": "not voting", "voter_name": "Stone, Ed", "voter_id": null, "note": ""}],
 "sources": [{"url": "https://example.org/LegislationDetail.aspx?ID=1", "note": ""}], "extras": {}}
JSON
	ot vote O2022-5 --roll pupa.json
	expect_rc 0
	[ "$(head -1 "$out_file")" = "passed 3-1 (1 not voting)" ] || fail "tally: $(head -1 "$out_file")"
	sed 's/O2022-5/O1999-1/' pupa.json > other.json
	snap before.snap
	ot vote O2022-5 --roll other.json
	expect_rc 1
	expect_err "the vote event is on bill 'O1999-1', not on O2022-5"
	expect_unchanged
}

run_case vote_prints_tally_and_roll
run_case vote_comma_lists_and_json
run_case vote_roll_file
run_case roll_file_errors_name_the_line
run_case vote_refuses_bad_rolls
run_case vote_threshold_and_force
run_case vote_dates_and_closed_records
run_case vote_pass_needs_more_yes_than_no
run_case vote_usage_errors
run_case roll_file_bom_and_json_array
run_case roll_files_as_sources_give_them
