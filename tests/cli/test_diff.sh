#!/bin/sh
# ordtrack diff: revisions, files, formats, exit codes, bad input
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

diff_two_revisions_text() {
	two_versions
	ot diff 9-99@1 9-99@2 --color never
	expect_rc 0
	expect_out '^~ 9-99-020\(a\)'
	expect_out 'park \{\+or stand \+\}a vehicle'
	expect_out '\[-five-\]\{\+three\+\}'
	expect_out '^\+ 9-99-040'
	expect_out '^2 added, 0 removed, 2 modified, 0 renumbered, [0-9]+ unchanged$'
}
diff_ord_alone_is_last_two_versions() {
	two_versions
	ot diff 9-99 --color never
	expect_rc 0
	cp "$out_file" a
	ot diff 9-99@1 9-99@2 --color never
	tail -n +2 "$out_file" > b; tail -n +2 a > a2
	cmp -s a2 b || fail "diff ORD differs from diff ORD@1 ORD@2"
}
diff_json_shape() {
	two_versions
	ot diff 9-99@1 9-99@2 --format json
	expect_rc 0
	expect_out '"format": *"ordtrack-diff/1"'
	expect_out '"modified": *2'
	expect_out '"op": *"delete"'
	c=$(git --git-dir=t rev-parse main)
	expect_out "\"commit\": *\"$c\""
}
diff_counts_unchanged_without_reading_them() {
	two_versions
	ot diff 9-99@1 9-99@2 --stat --format json
	expect_rc 0
	# 010: heading + text, 030: heading + (a) unchanged; 020: heading, (b)(1), (b)(2) unchanged
	expect_out '"unchanged": *7'
}
diff_markdown_and_html() {
	two_versions
	ot diff 9-99@1 9-99@2 --format markdown
	expect_rc 0
	expect_out '~~five~~ \*\*three\*\*'
	ot diff 9-99@1 9-99@2 --format html
	expect_rc 0
	expect_out '<del'
	expect_out '<ins'
	head -1 "$out_file" | grep -qi '^<!DOCTYPE html>' || fail "no doctype"
	tail -1 "$out_file" | grep -q '</html>' || fail "page not closed"
}
diff_unified_applies() {
	two_versions
	ot diff 9-99@1 9-99@2 --format unified
	expect_rc 0
	expect_out '^--- a/9-99-020'
	expect_out '^\+\+\+ b/9-99-020'
	expect_out '^-\(b\) No person shall idle a vehicle for more than five minutes'
}
diff_exit_code() {
	two_versions
	ot diff 9-99@1 9-99@2 --exit-code --stat
	expect_rc 1
	v1 > same.txt
	ot diff --files v1.txt same.txt --exit-code
	expect_rc 0
}
diff_files_without_tracker() {
	v1 > a.txt; v2 > b.txt
	ot diff --files a.txt b.txt --color never
	expect_rc 0
	expect_out 'three'
	ot diff --files a.txt missing.txt
	expect_rc 1
	expect_err "cannot open 'missing.txt'"
	printf 'nothing numbered here\n' > none.txt
	ot diff --files a.txt none.txt
	expect_rc 1
	expect_err 'none.txt'
}
diff_renumbering_is_one_insertion() {
	cat > a.txt <<'TXT'
1-1-010 Rules.
(a) First rule about parking.
(b) Second rule about idling engines.
(c) Third rule about loading zones.
TXT
	cat > b.txt <<'TXT'
1-1-010 Rules.
(a) First rule about parking.
(b) A brand new rule about bicycle lanes and scooters.
(c) Second rule about idling engines.
(d) Third rule about loading zones.
TXT
	ot diff --files a.txt b.txt --format json
	expect_rc 0
	expect_out '"added": *1'
	expect_out '"renumbered": *2'
	expect_out '"modified": *0'
}
diff_section_renumbered_to_make_room() {
	cat > a.txt <<'TXT'
3-3-010 Definitions.
(a) "Vendor" means a person who sells goods.
(b) "Cart" means a movable stand.

3-3-020 Licenses.
(a) Every vendor shall obtain a license.
(b) A license costs $100 per year.
(c) Licenses shall be displayed on the cart.
TXT
	cat > b.txt <<'TXT'
3-3-010 Definitions.
(a) "Cart" means a movable stand.
(b) "Vendor" means a person who sells food or goods.

3-3-020 Insurance.
(a) Every vendor shall carry liability insurance.
(b) Proof of insurance shall be kept on the cart.

3-3-030 Licenses.
(a) Every vendor shall obtain a license.
(b) A license costs $150 per year.
(c) Licenses shall be displayed on the cart.
TXT
	ot diff --files a.txt b.txt --color never
	expect_rc 0
	expect_out '^> 3-3-020 -> 3-3-030 '
	expect_out 'costs \$\[-100-\]\{\+150\+\} per year'
	expect_out '^\+ 3-3-020$'
	expect_no_out 'Licenses-\]'
}
diff_bad_revisions() {
	two_versions
	ot diff 9-99@1 9-99@7
	expect_rc 1
	expect_err 'no version 7'
	# a version against itself: no changes, exit 0 (as git diff A A)
	ot diff 9-99@2 9-99 --exit-code
	expect_rc 0
	expect_out '^0 added, 0 removed, 0 modified'
	# under --exit-code 1 means "differs": an error is 128, as git's
	ot diff 9-99@1 9-99@7 --exit-code
	expect_rc 128
	ot diff 9-99@1 9-99@2 --exit-code
	expect_rc 1
	ot diff 9-99@1
	expect_rc 2
	ot diff 9-99 --format pdf
	expect_rc 2
	ot diff 9-99 --context -1
	expect_rc 2
	ot diff 9-99 --color sometimes
	expect_rc 2
}
diff_color_rules() {
	two_versions
	ot diff 9-99 --color always
	grep -q "$(printf '\033')\[" "$out_file" || fail "no colour with --color always"
	ot diff 9-99
	grep -q "$(printf '\033')" "$out_file" && fail "colour in a pipe"
	NO_COLOR=1 ot diff 9-99 --color auto
	grep -q "$(printf '\033')" "$out_file" && fail "colour despite NO_COLOR"
	true
}
diff_context_shows_neighbours() {
	two_versions
	ot diff 9-99@1 9-99@2 --context 1 --color never
	expect_rc 0
	# a context line carries its clause id
	expect_out '^  9-99-020\(b\)\(1\) emergency vehicles'
	# and stays within the change's section: 9-99-030 is not shown
	# around the new 9-99-040
	expect_no_out '^  9-99-030'
	ot diff 9-99@1 9-99@2 --context 1 --format markdown
	expect_rc 0
	expect_out '^- 9-99-020\(b\)\(1\) — unchanged: emergency vehicles'
	ot diff 9-99@1 9-99@2 --context 0 --format unified
	expect_rc 0
	expect_no_out 'emergency vehicles'
	ot diff 9-99@1 9-99@2 --format unified
	expect_rc 0
	expect_out '^ \(1\) emergency vehicles'
}
# law text holding the redline's own markers is escaped, never read as a change
diff_text_escapes_its_markers() {
	printf 'CHAPTER 9-98 T\n9-98-010 Odd.\n(a) The marks [-x-] and {+y+} stay text.\n(b) Other.\n' > o1.txt
	sed 's/Other/Another/' o1.txt > o2.txt
	ot diff --files o1.txt o2.txt --context 1 --color never
	expect_rc 0
	expect_out '^  9-98-010\(a\) The marks \[\\-x\\-\] and \{\\\+y\\\+\} stay text\.$'
	expect_out '^    \[-Other-\]\{\+Another\+\}\.$'
}
run_case diff_text_escapes_its_markers
run_case diff_two_revisions_text
run_case diff_ord_alone_is_last_two_versions
run_case diff_json_shape
run_case diff_counts_unchanged_without_reading_them
run_case diff_markdown_and_html
run_case diff_unified_applies
run_case diff_exit_code
run_case diff_files_without_tracker
run_case diff_renumbering_is_one_insertion
run_case diff_section_renumbered_to_make_room
run_case diff_bad_revisions
run_case diff_color_rules
run_case diff_context_shows_neighbours
