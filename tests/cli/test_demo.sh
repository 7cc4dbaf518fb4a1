#!/bin/sh
# make demo's walk-through runs on the bundled ordinances and shows the
# facts of the sample record
. "$(dirname "$0")/lib.sh"

demo_runs_on_bundled_ordinances() {
	sh "$TOP/tests/demo.sh" "$ORDTRACK" > "$out_file" 2> "$err_file" || fail "demo failed: $(tail -5 "$err_file")"
	expect_out 'Recorded the vote on O2021-117: passed 41-8 \(1 not voting\)'
	expect_out '^Passed O2021-117 on 2021-01-27'
	expect_out 'no \(8\): Marty Quinn, Raymond Lopez'
	expect_out '^- 2-173-042\(b\)\(1\)'
	expect_out '^\+ 2-173-070$'
	expect_out '^O2022-1001 and O2022-1002 both change: 2-173-060\(b\)$'
	expect_out '^2-173-042\(a\) +2-173@3 +2021-01-27 +O2021-117 \(41-8\)'
	[ -s demo-tracker/O2021-117.html ] || fail "no HTML redline"
	grep -q '^# O2021-117 passed 41–8 on 2021-01-27' demo-tracker/O2021-117.md || fail "no summary"
	expect_out '^published [0-9]+ pages to demo-tracker/site: [0-9]+ written, 0 kept$'
	[ -s demo-tracker/site/records/O2021-117.html ] || fail "no site"
	git --git-dir=demo-tracker fsck --strict >fsck.out 2>&1 || fail "git fsck: $(cat fsck.out)"
}
run_case demo_runs_on_bundled_ordinances
