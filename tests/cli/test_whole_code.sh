#!/bin/sh
# ordtrack import of a whole code: every refused file in one run,
# --keep-going (exit 3), --complete (repeals), notes-only versions,
# grouped warnings, and diff --all between whole-code revisions
. "$(dirname "$0")/lib.sh"

XML="$TOP/tests/data/import/code_section.xml"

# a tracker in ./t and five good files in ./code
setup() {
	ot init t
	expect_rc 0
	export ORDTRACK_DIR="$PWD/t"
	mkdir code
	printf '9-91-010 One.\n(a) First text.\n' > code/a.txt
	printf '9-92-010 Two.\n(a) Second text.\n9-92-020 Two more.\n(a) More text.\n' > code/b.txt
	printf '9-93-010 Three.\n(a) Third text.\n' > code/c.txt
	printf '9-94-010 Four.\n(a) Fourth text.\n' > code/d.txt
	cp "$XML" code/e.xml
}
refs() { git --git-dir=t for-each-ref --format='%(refname) %(objectname)'; }

whole_two_bad_of_five_named_in_one_run() {
	setup
	ot import code --date 2020-01-15
	expect_rc 0
	before=$(refs)
	printf '9-95-010 Bad.\n(a) caf\303\n' > code/b.txt
	printf '<?xml version="1.0"?>\n<section>\n<num>9-96-010</num>\n<heading>Bad.\n</section>\n' > code/d.txt
	sed -i 's/First text/First text changed/' code/a.txt
	ot import code --date 2020-02-01
	expect_rc 1
	expect_err 'code/b.txt:2'
	expect_err 'code/d.txt:5'
	expect_err '2 of 5 files could not be read; nothing was recorded'
	[ "$(refs)" = "$before" ] || fail "refs moved"
	ot show 9-91
	expect_out 'First text\.$'
	git --git-dir=t fsck --strict >fsck.out 2>&1 || fail "git fsck: $(cat fsck.out)"
}

whole_keep_going_records_the_rest() {
	setup
	printf '9-95-010 Bad.\n(a) caf\303\n' > code/b.txt
	printf '<?xml version="1.0"?>\n<section>\n<num>9-96-010</num>\n<heading>Bad.\n</section>\n' > code/d.txt
	ot import code --date 2020-01-15 --keep-going
	expect_rc 3
	expect_out '^Imported 3 ordinances \(3 sections from 3 files\)'
	expect_err 'code/b.txt:2'
	expect_err 'code/d.txt:5'
	expect_err '2 of 5 files could not be read and were not recorded: code/b.txt code/d.txt'
	ot log
	expect_out ' 9-91@1 '
	expect_out ' 9-93@1 '
	expect_out ' 2-173@1 '
	expect_no_out '9-95|9-96'
	git --git-dir=t log -1 --format=%B main > msg
	grep -qx 'Refused: 2 files' msg || fail "no Refused trailer: $(cat msg)"
	grep -qx '  code/b.txt' msg || fail "code/b.txt not named: $(cat msg)"
	grep -qx '  code/d.txt' msg || fail "code/d.txt not named"
	git --git-dir=t interpret-trailers --parse < msg | grep -qx 'Refused: 2 files' || fail "not a git trailer"
	# every file refused: nothing recorded, plain failure
	rm -rf t; ot init t
	rm code/a.txt code/c.txt code/e.xml
	ot import code --date 2020-01-15 --keep-going
	expect_rc 1
	[ -z "$(git --git-dir=t for-each-ref)" ] || fail "a ref was written"
}

whole_complete_repeals_absent_chapter_and_section() {
	setup
	ot import code --date 2020-01-15
	expect_rc 0
	# without --complete an absent chapter is left alone
	rm code/c.txt
	printf '9-92-010 Two.\n(a) Second text.\n' > code/b.txt
	cp -r code code2
	ot import code --date 2020-02-01
	expect_rc 0
	ot show 9-93
	expect_rc 0
	expect_out 'Third text'
	# with it, the chapter and the section are repealed
	printf '9-94-010 Four.\n(a) Fourth text, amended.\n' > code/d.txt
	ot import code --date 2020-03-01 --complete
	expect_rc 0
	expect_out '^1 ordinance and 1 section repealed \(in main, not in code\): 9-93-010$'
	git --git-dir=t log -1 --format=%B main > msg
	grep -qx 'Repealed: 9-93' msg || fail "no Repealed trailer: $(cat msg)"
	git --git-dir=t ls-tree --name-only main ordinances/ > ords
	! grep -qx 'ordinances/9-93' ords || fail "9-93 still on main"
	ot show 9-93
	expect_rc 1
	expect_err '9-93 was repealed on 2020-03-01 \(version 2'
	ot show 9-93@1
	expect_rc 0
	expect_out 'Third text'
	ot show 9-93@2020-02-15
	expect_rc 0
	ot log 9-93
	expect_rc 0
	expect_out '9-93@2 .*\(repealed\)'
	ot log 9-93 --format json
	expect_out '"change": "repealed"'
	ot diff --all main~1 main --format json
	expect_rc 0
	python3 - "$out_file" <<'PY' || fail "diff --all json: $(head -c 800 "$out_file")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "ordtrack-code-diff/1"
by = {o["ordinance"]: o for o in d["ordinances"]}
assert by["9-93"]["status"] == "removed", by
assert by["9-93"]["stats"]["removed"] == 2, by["9-93"]
assert by["9-94"]["status"] == "changed"
assert "9-91" not in by
assert d["stats"]["ordinances"]["unchanged"] == 3, d["stats"]
PY
	ot diff --all main~2 main~1
	expect_rc 0
	expect_out '^== ordinance 9-92 \(changed\)$'
	expect_out '^- 9-92-020$'
	ot diff --all @2020-01-15 main --exit-code
	expect_rc 1
	# a new chapter is all added
	printf '9-97-010 New.\n(a) New text.\n' > code/f.txt
	ot import code --date 2020-04-01 --complete
	expect_rc 0
	ot diff --all main~1 main --stat
	expect_out '^== ordinance 9-97 \(added\)$'
	expect_out '0 ordinances? added|1 ordinance added'
	for f in markdown html unified; do
		ot diff --all main~1 main --format $f
		expect_rc 0
		expect_out '9-97-010'
	done
	ot diff --all main~9 main
	expect_rc 1
	expect_err 'goes back past its first'
	ot diff --all nonsense main
	expect_rc 1
	expect_err "invalid whole-code revision 'nonsense'"
	ot fsck
	expect_rc 0
	ot reindex
	expect_rc 0
	ot log 9-93
	expect_out '\(repealed\)'
}

whole_notes_only_change() {
	setup
	ot import code --date 2020-01-15
	expect_rc 0
	sed -i 's/11-8-12/11-9-12/' code/e.xml
	ot import code --date 2020-02-01
	expect_rc 0
	expect_out '1 in notes only'
	git --git-dir=t log -1 --format=%B main > msg
	grep -qx 'Change: notes' msg || fail "no Change: notes trailer: $(cat msg)"
	ot log 2-173
	expect_out '2-173@2 .*\(notes only\)$'
	ot log 2-173 --format json
	expect_out '"change": "notes"'
	ot diff 2-173
	expect_rc 0
	expect_out '^no change to the law; notes changed$'
	expect_out '^  - 2-173-030 \[history\] Added Coun\. J\. 11-8-12'
	expect_out '^  \+ 2-173-030 \[history\] Added Coun\. J\. 11-9-12'
	ot diff 2-173 --exit-code
	expect_rc 0
	ot diff 2-173 --exit-code --notes
	expect_rc 1
	ot diff 2-173 --format json
	python3 - "$out_file" <<'PY' || fail "json notes: $(cat "$out_file")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["changes"] == []
n = d["notes"]
assert len(n) == 1 and n[0]["kind"] == "changed" and n[0]["section"] == "2-173-030", n
assert "11-9-12" in n[0]["new_text"]
PY
	ot show 2-173 --notes
	expect_out '^\[history\] Added Coun\. J\. 11-9-12'
	expect_out '^\[editorial\] '
	ot show 2-173 --notes --format json
	expect_out '"kind": "history"'
	ot show 2-173
	expect_no_out 'Coun\. J\.'
	# law and notes together: the clauses, then the notes
	sed -i 's/Amended Coun. J. 1-27-21./Amended Coun. J. 2-2-22./; s/a court order requires it; or/a court order so requires; or/' code/e.xml
	ot import code --date 2020-03-01
	expect_rc 0
	ot log 2-173
	expect_no_out '2-173@3 .*notes only'
	ot diff 2-173
	expect_out '2-173-030\(b\)\(1\)'
	expect_out '^Notes: 1 changed$'
	expect_no_out 'no change to the law'
}

whole_warnings_grouped() {
	ot init t; export ORDTRACK_DIR="$PWD/t"
	mkdir code
	for n in 1 2 3 4 5 6 7 8; do
		cat > code/s$n.xml <<XML
<?xml version="1.0" encoding="UTF-8"?>
<section>
  <num>9-90-0${n}0</num>
  <heading>Section $n.</heading>
  <para><num>(a)</num><text>Text <frobnicate>why</frobnicate> $n.</text></para>
</section>
XML
	done
	ot import code --date 2020-01-15
	expect_rc 0
	expect_err '^ordtrack: warning: unknown element <frobnicate> \(8 times, first at code/s1\.xml:5; others at code/s2\.xml:5, code/s3\.xml:5, code/s4\.xml:5, code/s5\.xml:5, code/s6\.xml:5, \.\.\.\)$'
	[ "$(grep -c warning "$err_file")" = 1 ] || fail "not one line: $(cat "$err_file")"
	# add groups too; a single warning reads as before
	ot diff --files code/s1.xml code/s1.xml
	expect_err '^ordtrack: warning: code/s1\.xml:5: unknown element <frobnicate> \(its text is kept in 9-90-010\(a\)\)$'
}

whole_bad_input_never_half_written() {
	setup
	ot import code --date 2020-01-15
	expect_rc 0
	snap before.snap
	printf '9-95-010 Bad.\n(a) caf\303\n' > code/b.txt
	sed -i 's/Third text/Third text changed/' code/c.txt
	ot import code --date 2020-02-01
	expect_rc 1
	expect_unchanged
	# --complete cannot know what a refused file holds: it repeals nothing
	ot import code --date 2020-02-01 --keep-going --complete
	expect_rc 1
	expect_err '--complete would repeal what they hold'
	expect_unchanged
	ot import code --date 2020-02-01 --keep-going
	expect_rc 3
	ot show 9-92
	expect_rc 0
	expect_out 'Second text'
	git --git-dir=t fsck --strict >fsck.out 2>&1 || fail "git fsck: $(cat fsck.out)"
	ot fsck
	expect_rc 0
}

run_case whole_two_bad_of_five_named_in_one_run
run_case whole_keep_going_records_the_rest
run_case whole_complete_repeals_absent_chapter_and_section
run_case whole_notes_only_change
run_case whole_warnings_grouped
run_case whole_bad_input_never_half_written
