#!/bin/sh
# ordtrack history, blame and search: answered from the index
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

three_versions() {
	two_versions
	v2 | sed 's/three minutes/two minutes/' > v3.txt
	ot add 9-99 v3.txt --date 2022-03-01 --stage enacted --record O2022-3 -m "Two minutes"
	expect_rc 0
}
history_lists_each_change() {
	three_versions
	ot history 9-99 --clause '9-99-020(b)'
	expect_rc 0
	grep -c '^9-99@' "$out_file" > n
	[ "$(cat n)" = 3 ] || fail "expected 3 changes of (b): $(cat "$out_file")"
	expect_out '^9-99@1 .*added'
	expect_out '^9-99@3 .*O2022-3 .*amended'
	expect_out 'two minutes'
	ot history 9-99 --clause '9-99-020(a)' --format json
	expect_out '"change": "added"'
	expect_out '"record": "O2021-7"'
}
history_of_added_and_unknown_clause() {
	three_versions
	ot history 9-99 --clause '9-99-040(a)'
	expect_rc 0
	expect_out '^9-99@2 .*added'
	ot history 9-99 --clause '9-99-020(z)'
	expect_rc 1
	expect_err "never had a clause"
	ot history 1-1 --clause '1-1-010(a)'
	expect_rc 1
	ot history 9-99
	expect_rc 2
}
history_survives_reindex() {
	three_versions
	ot history 9-99 --clause '9-99-020(b)' --format json
	cp "$out_file" before
	ot reindex
	ot history 9-99 --clause '9-99-020(b)' --format json
	cmp -s before "$out_file" || fail "history differs after reindex"
}
blame_names_last_change() {
	three_versions
	ot blame 9-99
	expect_rc 0
	expect_out '^9-99-020\(b\) +9-99@3 +2022-03-01 +O2022-3'
	expect_out '^9-99-020\(a\) +9-99@2 +2021-06-30 +O2021-7'
	expect_out '^9-99-030\(a\) +9-99@1 +2020-01-15 +O2020-1'
	ot blame 9-99@2
	expect_out '^9-99-020\(b\) +9-99@2 '
	ot blame 9-99 --format json
	cp "$out_file" before
	ot reindex
	ot blame 9-99 --format json
	cmp -s before "$out_file" || fail "blame differs after reindex"
}
search_text_in_force() {
	three_versions
	ot search idle
	expect_rc 0
	expect_out '^9-99@3  9-99-020\(b\)'
	expect_out '\[idle\]'
	ot search 'minutes' --as-of 2020-06-01
	expect_out 'five'
	expect_no_out 'two minutes'
	ot search '"park or stand"'
	expect_out '9-99-020\(a\)'
	ot search 'severab*' --ordinance 9-99 --format json
	expect_out '"id": "9-99-040"'
	ot search '"unbalanced'
	expect_rc 1
	expect_err "searched for '\"unbalanced' as one phrase"
	ot search nothingmatchesthis
	expect_rc 1
	expect_err "no clause in force matches"
	ot search nothingmatchesthis --format json
	expect_rc 1
	expect_out '"hits": \[\]'
	ot search --records nothingmatchesthis
	expect_rc 1
	expect_err "no record matches"
	# what people type: a name with an apostrophe, a stray operator
	ot search "O'Shea"
	expect_rc 1
	expect_err "searched for 'O'Shea' as one phrase"
	ot search 'idling AND'
	expect_err "as one phrase"
	ot search --records "O'Shea"
	expect_rc 1
	expect_err "no record matches"
}
search_keeps_sql_metacharacters_verbatim() {
	ot init t; export ORDTRACK_DIR="$PWD/t"
	printf "1-1-010 Quotes.\n(a) Robert'); DROP TABLE units;-- shall pay 100%% of fees.\n" > q.txt
	ot add 1-1 q.txt --date 2020-01-01
	expect_rc 0
	ot search 'DROP'
	expect_out "Robert'\); \[DROP\] TABLE units;-- shall pay 100% of fees"
	ot show 1-1
	expect_out "DROP TABLE units;--"
}
run_case history_lists_each_change
run_case history_of_added_and_unknown_clause
run_case history_survives_reindex
run_case blame_names_last_change
run_case search_text_in_force
run_case search_keeps_sql_metacharacters_verbatim
