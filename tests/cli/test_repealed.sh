#!/bin/sh
# a repealed ordinance (recorded by `import --complete`): show, export and
# blame say what happened, since which version, and which revision has its
# last text; history lists the repeal as a step of its clauses
. "$(dirname "$0")/lib.sh"

# 9-92@1 (2020-01-15, two sections), 9-92@2 (2020-02-01, one amended),
# 9-92@3: the repeal (2020-03-01, a complete import without it)
repealed_tracker() {
	ot init t; export ORDTRACK_DIR="$PWD/t"
	mkdir code
	printf '9-91-010 One.\n(a) First text.\n' > code/a.txt
	printf '9-92-010 Two.\n(a) Second text.\n\n9-92-020 Three.\n(a) Third text.\n' > code/b.txt
	ot import code --date 2020-01-15
	expect_rc 0
	printf '9-92-010 Two.\n(a) Second text, amended.\n\n9-92-020 Three.\n(a) Third text.\n' > code/b.txt
	ot import code --date 2020-02-01
	expect_rc 0
	rm code/b.txt
	ot import code --date 2020-03-01 --complete
	expect_rc 0
	expect_out '^1 ordinance and 2 sections repealed \(in main, not in code\): 9-92-010 9-92-020$'
}
repealed_show_names_last_text() {
	repealed_tracker
	ot show 9-92
	expect_rc 1
	expect_err "^ordtrack: 9-92 was repealed on 2020-03-01 \(version 3, commit [0-9a-f]{12}\): a repeal has no text; 'ordtrack show 9-92@2' prints its last text$"
	ot show 9-92@2020-06-01
	expect_rc 1
	expect_err 'was repealed on 2020-03-01'
	ot show 9-92@2
	expect_rc 0
	expect_out '^\(a\) Second text, amended\.$'
}
repealed_export_names_last_text() {
	repealed_tracker
	ot export 9-92 --format akn
	expect_rc 1
	expect_err "^ordtrack: 9-92 was repealed on 2020-03-01 \(version 3, commit [0-9a-f]{12}\): a repeal has no text; 'ordtrack export 9-92@2 --format akn' exports its last text$"
	[ ! -s "$out_file" ] || fail "export wrote something: $(head -3 "$out_file")"
	ot export 9-92@2 --format akn
	expect_rc 0
	expect_out 'Second text, amended\.'
}
repealed_blame_names_last_text() {
	repealed_tracker
	# it printed nothing and succeeded: an empty blame is a wrong answer
	ot blame 9-92
	expect_rc 1
	expect_err "^ordtrack: 9-92 was repealed on 2020-03-01 \(version 3, commit [0-9a-f]{12}\): a repeal has no text; 'ordtrack blame 9-92@2' blames its last text$"
	ot blame 9-92 --format json
	expect_rc 1
	expect_err "'ordtrack blame 9-92@2' blames its last text"
	ot blame 9-92@2
	expect_rc 0
	expect_out '^9-92-010\(a\) +9-92@2 +2020-02-01 .*Second text, amended\.$'
	expect_out '^9-92-020\(a\) +9-92@1 +2020-01-15 .*Third text\.$'
}
repealed_history_lists_the_repeal() {
	repealed_tracker
	ot history 9-92 --clause '9-92-010(a)'
	expect_rc 0
	expect_out '^9-92@1  2020-01-15  .* added$'
	expect_out '^9-92@2  2020-02-01  .* amended$'
	expect_out '^9-92@3  2020-03-01  .* removed \(the ordinance was repealed\)$'
	[ "$(grep -c '^9-92@' "$out_file")" = 3 ] || fail "expected 3 steps: $(cat "$out_file")"
	ot history 9-92 --clause '9-92-010(a)' --format json
	expect_rc 0
	expect_out '"change": "removed"'
	# a clause it never had: the message points at its last text, which
	# `show 9-92` cannot print
	ot history 9-92 --clause '9-92-099'
	expect_rc 1
	expect_err "^ordtrack: 9-92 never had a clause '9-92-099'; 9-92 was repealed on 2020-03-01 \(version 3\); 'ordtrack show 9-92@2' lists the clauses of its last text$"
	# the versions, the repeal included
	ot log 9-92
	expect_out '9-92@3 .*\(repealed\)$'
}
repealed_then_reenacted_has_text_again() {
	repealed_tracker
	printf '9-92-010 Two.\n(a) Second text, enacted again.\n' > code/b.txt
	ot import code --date 2020-04-01
	expect_rc 0
	ot show 9-92
	expect_rc 0
	expect_out 'enacted again'
	ot blame 9-92
	expect_rc 0
	expect_out '^9-92-010\(a\) +9-92@4 '
	ot export 9-92 --format akn
	expect_rc 0
}
run_case repealed_show_names_last_text
run_case repealed_export_names_last_text
run_case repealed_blame_names_last_text
run_case repealed_history_lists_the_repeal
run_case repealed_then_reenacted_has_text_again

# a chapter given is its whole text: a section file left out of a
# re-import repeals that section, and the import names it
section_left_out_is_named() {
	ot init t; export ORDTRACK_DIR="$PWD/t"
	mkdir code
	printf '9-99-010 Purpose.\n(a) This chapter exists.\n' > code/9-99-010.txt
	printf '9-99-020 Rules.\n(a) No parking.\n' > code/9-99-020.txt
	ot import code --date 2020-01-01
	expect_rc 0
	rm code/9-99-020.txt
	ot import code --date 2021-01-01
	expect_rc 0
	expect_out '^0 ordinances and 1 section repealed \(in main, not in code\): 9-99-020$'
}
run_case section_left_out_is_named
