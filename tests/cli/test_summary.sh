#!/bin/sh
# ordtrack summary: goldens of each format on the sample record O2021-117
# (tests/golden/summary/; UPDATE_GOLDEN=1 rewrites them), facts checked
# against the bundled roll call and member list, the changed-clause lines,
# what is not recorded, and bad input.
. "$(dirname "$0")/lib.sh"
GOLDEN="$TOP/tests/golden/summary"

# the sample tracker of `make demo` in ./demo-tracker
sample_tracker() {
	sh "$TOP/tests/demo.sh" "$ORDTRACK" >demo.log 2>&1 || fail "demo failed: $(tail -5 demo.log)"
	ORDTRACK_DIR=$PWD/demo-tracker
	export ORDTRACK_DIR
}

# commit ids differ from run to run (commit times): replace them
normalise() { sed -E 's/[0-9a-f]{40}/COMMIT/g; s/\(([0-9a-f]{12})\)/(COMMIT)/g'; }

check_golden() { # NAME: compare normalised $out_file with the golden NAME
	normalise < "$out_file" > got
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		cp got "$GOLDEN/$1"
		echo "# wrote $GOLDEN/$1"
		return
	fi
	[ -f "$GOLDEN/$1" ] || fail "no golden $1 (UPDATE_GOLDEN=1 writes it)"
	cmp -s got "$GOLDEN/$1" || fail "$1 differs from the golden: $(diff "$GOLDEN/$1" got | head -10)"
}

summary_goldens() {
	sample_tracker
	for f in text:txt markdown:md html:html json:json; do
		ot summary O2021-117 --format "${f%%:*}"
		expect_rc 0
		check_golden "O2021-117.${f#*:}"
	done
	ot summary 2-173@1..2-173@3
	expect_rc 0
	check_golden "2-173@1..2-173@3.txt"
	ot summary O2022-1002 --format markdown
	expect_rc 0
	check_golden "O2022-1002.md"
}

# every number and name comes from the record: recount the roll CSV and
# look the wards up in the member list independently of ordtrack
summary_facts_from_record() {
	sample_tracker
	roll="$SAMPLES/records/O2021-117-roll.csv"
	yes=$(grep -v '^#' "$roll" | grep -ciE ',[[:space:]]*(yes|y|aye)[[:space:]]*$')
	no=$(grep -v '^#' "$roll" | grep -ciE ',[[:space:]]*(no|nay|n)[[:space:]]*$')
	[ "$yes" -gt 0 ] && [ "$no" -gt 0 ] || fail "cannot count the roll: $yes/$no"
	ward=$(grep '^Carlos Ramirez-Rosa' "$SAMPLES/records/members.tsv" | cut -f2)
	[ -n "$ward" ] || fail "no ward for Ramirez-Rosa in members.tsv"
	ot summary O2021-117
	expect_rc 0
	expect_out "^O2021-117 passed $yes–$no on 2021-01-27: it amends 2-173"
	expect_out "Yes \($yes\): "
	expect_out "No \($no\): "
	expect_out "Carlos Ramirez-Rosa \(ward $ward\)"
	expect_out '^Sponsors: +Mayor Lori E. Lightfoot; Carlos Ramirez-Rosa; Michael D. Rodriguez$'
	expect_out '^  2021-01-13  Referred to committee \(Committee on Immigrant and Refugee Rights\)$'
	expect_out '^  2021-01-19  Passed in committee'
	expect_out '^  2-173-042 \(Prohibition on certain enforcement actions\): \(a\) amended; \(b\) repealed$'
	expect_out '^  2-173-070 \(.*\): new section added$'
	# the redline is there in full
	expect_out '\[-money-\]\{\+funds\+\}'
	ot summary O2021-117 --format json
	sqlite3 :memory: "select json_valid(readfile('$out_file'))" > valid
	[ "$(cat valid)" = 1 ] || fail "summary JSON is not valid JSON"
	expect_out '"format": "ordtrack-summary/1"'
	expect_out "\"yes\": $yes,"
	ot summary O2021-117 --format html
	xmllint --html --noout "$out_file" 2>lint || true
	! grep -v 'Tag .* invalid' lint | grep -q 'error' || fail "HTML does not parse: $(head -3 lint)"
	expect_out '<del><span class="sr-only">\[deleted: </span>money<span class="sr-only">\]</span></del>'
	expect_out '<svg class="chart" [^>]*role="img" aria-label="Yes '"$yes"', No '"$no"', Other 1"'
	expect_out '<th scope="col">Member</th>'
}

# a small chapter whose change exercises runs of clauses
runs_tracker() {
	"$ORDTRACK" init t >/dev/null
	ORDTRACK_DIR=$PWD/t
	export ORDTRACK_DIR
	printf '9-99-010 Test.\n(a) Alpha applies.\n(b) Exceptions:\n(1) one;\n(2) two;\n(3) three;\n(4) four.\n(c) Gamma applies.\n(d) Delta applies.\n' > v1.txt
	printf '9-99-010 Test.\n(a) Alpha applies.\n(b) A new paragraph about something else entirely.\n(c) Exceptions:\n(d) Gamma applies.\n(e) Delta applies here.\n\n9-99-020 New.\n(a) Hello there.\n' > v2.txt
	"$ORDTRACK" add 9-99 v1.txt --date 2020-01-01 >/dev/null
	"$ORDTRACK" propose R1 9-99 v2.txt --date 2020-02-01 --sponsor "A B" --title "Test change" >/dev/null
}

summary_clause_lines() {
	runs_tracker
	ot summary R1
	expect_rc 0
	expect_out '^  9-99-010 \(Test\): \(b\) added; \(b\) and \(c\) renumbered as \(c\) and \(d\); \(b\)\(1\)–\(4\) repealed; \(d\) renumbered as \(e\) and amended$'
	expect_out '^  9-99-020 \(New\): new section added$'
	expect_out '^R1, introduced 2020-02-01, is pending: it would amend 9-99$'
	expect_out '^  R1: no vote recorded yet\.$'
}

summary_unrecorded_vote() {
	runs_tracker
	"$ORDTRACK" fail R1 --date 2020-03-01 >/dev/null
	ot summary R1
	expect_rc 0
	expect_out '^R1 failed on 2020-03-01 \(vote not recorded\): it would have amended 9-99$'
	expect_out '^  R1 failed on 2020-03-01: the vote is not recorded\.$'
	ot summary R1 --format html
	expect_out 'the vote is not recorded'
}

summary_bad_input() {
	runs_tracker
	ot summary nope
	expect_rc 1
	expect_err "unknown record 'nope'"
	ot summary R1..R1
	expect_rc 1
	expect_err 'same version'
	ot summary '9-99@1..'
	expect_rc 2
	ot summary '..9-99'
	expect_rc 2
	ot summary R1 --format unified
	expect_rc 2
	ot summary
	expect_rc 2
	ot summary '9-99@7..9-99'
	expect_rc 1
	expect_err '9-99'
	ot summary '../x'
	expect_rc 2
}

run_case summary_goldens
run_case summary_facts_from_record
run_case summary_clause_lines
run_case summary_unrecorded_vote
run_case summary_bad_input
