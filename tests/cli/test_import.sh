#!/bin/sh
# ordtrack import: a whole code in one commit, grouped by chapter; refusals
# leave the tracker untouched
. "$(dirname "$0")/lib.sh"

# a tracker in ./t and a tree ./code with chapters 9-98 (one file holding
# two sections, at the top) and 9-99 (a directory, one file per section)
setup() {
	ot init t
	expect_rc 0
	export ORDTRACK_DIR="$PWD/t"
	mkdir -p code/9-99
	cat > code/9-99/9-99-010 <<'TXT'
CHAPTER 9-99 TEST CHAPTER
9-99-010 Purpose.
This chapter exists to test ordtrack.
TXT
	cat > code/9-99/9-99-020 <<'TXT'
9-99-020 Rules.
(a) No person shall park a vehicle on a sidewalk.
(b) No person shall idle a vehicle for more than five minutes.
TXT
	cat > code/other.txt <<'TXT'
9-98-010 Scope.
(a) This chapter applies to bicycles.
9-98-020 Fines.
(a) A violation is punishable by a fine of $25.
TXT
}
refs() { git --git-dir=t for-each-ref --format='%(refname) %(objectname)'; }

import_directory_is_one_commit() {
	setup
	ot import code --date 2020-01-15 -m "Code as of 2020"
	expect_rc 0
	expect_out '^Imported 2 ordinances \(4 sections from 3 files\) as commit [0-9a-f]{12}$'
	[ "$(git --git-dir=t rev-list --count main)" = 1 ] || fail "expected one commit"
	head=$(git --git-dir=t rev-parse --short=12 main)
	ot log
	expect_rc 0
	[ "$(grep -c "$head" "$out_file")" = 2 ] || fail "log does not show both ordinances at $head: $(cat "$out_file")"
	expect_out ' 9-98@1 '
	expect_out ' 9-99@1 '
	git --git-dir=t log -1 --format=%B main > msg
	grep -qx 'Code as of 2020' msg || fail "subject: $(head -1 msg)"
	grep -qx 'Ordinance: 9-98' msg || fail "no Ordinance: 9-98 trailer"
	grep -qx 'Ordinance: 9-99' msg || fail "no Ordinance: 9-99 trailer"
	grep -qx 'Stage: enacted' msg || fail "no Stage trailer"
	grep -qx 'Date: 2020-01-15' msg || fail "no Date trailer"
	git --git-dir=t ls-tree --name-only main ordinances/9-98/ > names
	grep -qx 'ordinances/9-98/9-98-020' names || fail "9-98-020 not stored in 9-98"
	git --git-dir=t fsck --strict >fsck.out 2>&1 || fail "git fsck: $(cat fsck.out)"
	[ "$(sqlite3 t/index.sqlite 'PRAGMA integrity_check')" = ok ] || fail "sqlite integrity"
}
import_show_gives_each_text() {
	setup
	ot import code --date 2020-01-15
	expect_rc 0
	ot show 9-99
	expect_rc 0
	expect_out '^\(a\) No person shall park a vehicle on a sidewalk\.$'
	expect_out '^9-99-010 Purpose\.$'
	expect_no_out '9-98'
	ot show 9-98 --format json
	expect_rc 0
	expect_out 'fine of \$25'
	# the file's CHAPTER line titles its ordinance
	git --git-dir=t show main:ordinances/9-99/ORDINANCE > ord.json
	grep -q '"title": "TEST CHAPTER"' ord.json || fail "title: $(cat ord.json)"
}
import_one_big_file() {
	ot init t; export ORDTRACK_DIR="$PWD/t"
	cat > code.txt <<'TXT'
CHAPTER 9-97 PARKS

9-97-010 Hours.
(a) Parks close at eleven at night.

CHAPTER 9-98 BICYCLES

9-98-010 Scope.
(a) This chapter applies to bicycles.
9-98-020 Lights.
(a) A bicycle ridden at night shall carry a lamp.

CHAPTER 9-99 TEST CHAPTER

9-99-010 Purpose.
This chapter exists to test ordtrack.
TXT
	ot import code.txt --date 2021-03-01 --stage passed
	expect_rc 0
	expect_out '^Imported 3 ordinances \(4 sections from 1 file\)'
	[ "$(git --git-dir=t rev-list --count main)" = 1 ] || fail "expected one commit"
	git --git-dir=t log -1 --format=%B main > msg
	grep -qx 'Stage: passed' msg || fail "stage"
	# each chapter's text ends before the next CHAPTER line
	ot show 9-97
	expect_out '^\(a\) Parks close at eleven at night\.$'
	expect_no_out 'BICYCLES|9-98'
	ot show 9-98
	expect_out '^9-98-020 Lights\.$'
	expect_out '^\(a\) A bicycle ridden at night shall carry a lamp\.$'
	expect_no_out 'TEST|9-99'
	git --git-dir=t show main:ordinances/9-98/ORDINANCE | grep -q '"title": "BICYCLES"' || fail "title of 9-98"
	git --git-dir=t show main:ordinances/9-97/ORDINANCE | grep -q '"title": "PARKS"' || fail "title of 9-97"
}
import_unchanged_then_changed() {
	setup
	ot import code --date 2020-01-15
	expect_rc 0
	before=$(refs)
	ot import code --date 2020-02-01
	expect_rc 0
	expect_err 'nothing to import: every ordinance is unchanged'
	[ "$(refs)" = "$before" ] || fail "refs moved on an unchanged import"
	# one chapter changes, a section of it disappears: only it gets a version
	sed -i 's/five minutes/three minutes/' code/9-99/9-99-020
	rm code/9-99/9-99-010
	ot import code --date 2020-03-01
	expect_rc 0
	expect_out '; 1 changed, 1 unchanged$'
	git --git-dir=t log -1 --format=%B main > msg
	grep -qx 'Ordinance: 9-99' msg || fail "no trailer for the changed ordinance"
	! grep -q 'Ordinance: 9-98' msg || fail "trailer for an unchanged ordinance"
	ot log 9-98
	[ "$(grep -c '9-98@' "$out_file")" = 1 ] || fail "unchanged 9-98 got a version"
	ot show 9-99
	expect_out 'three minutes'
	expect_no_out '9-99-010'
	# the stored title survives a file without a CHAPTER line
	git --git-dir=t show main:ordinances/9-99/ORDINANCE | grep -q '"title": "TEST CHAPTER"' || fail "title lost"
	a=$(git --git-dir=t rev-parse main~1:ordinances/9-98)
	b=$(git --git-dir=t rev-parse main:ordinances/9-98)
	[ "$a" = "$b" ] || fail "unchanged ordinance got a new tree"
}
import_bad_file_writes_nothing() {
	setup
	ot import code --date 2020-01-15
	expect_rc 0
	before=$(refs)
	printf '9-97-010 Hours.\n(a) caf\303\n' > code/bad.txt
	echo '9-96-010 Fine.' > code/zz.txt
	ot import code --date 2020-02-01
	expect_rc 1
	expect_err "code/bad.txt:2"
	[ "$(refs)" = "$before" ] || fail "refs moved"
	ot log
	expect_no_out '9-96|9-97'
	# in an empty tracker too
	rm -rf t2
	ot init t2
	ot import code --date 2020-02-01 --tracker t2
	expect_rc 1
	[ -z "$(git --git-dir=t2 for-each-ref)" ] || fail "a ref was written"
}
import_error_line_in_whole_file() {
	ot init t; export ORDTRACK_DIR="$PWD/t"
	printf 'CHAPTER 9-97 PARKS\n\n9-97-010 Hours.\n(a) Open.\n\nCHAPTER 9-98 BIKES\n\n9-98-010 Scope.\n(a) caf\303\n' > code.txt
	ot import code.txt --date 2020-01-01
	expect_rc 1
	expect_err "code.txt:9"
	[ -z "$(git --git-dir=t for-each-ref)" ] || fail "a ref was written"
}
import_duplicate_section_across_files() {
	setup
	cp code/9-99/9-99-020 code/copy.txt
	ot import code --date 2020-01-15
	expect_rc 1
	expect_err 'section 9-99-020 appears twice'
	expect_err 'code/9-99/9-99-020:1'
	expect_err 'code/copy.txt:1'
	[ -z "$(git --git-dir=t for-each-ref)" ] || fail "a ref was written"
}
import_refuses_symlink() {
	setup
	ln -s ../other.txt code/9-99/link
	ot import code --date 2020-01-15
	expect_rc 1
	expect_err "code/9-99/link' is a symbolic link"
	[ -z "$(git --git-dir=t for-each-ref)" ] || fail "a ref was written"
}
import_refuses_empty_directory() {
	ot init t; export ORDTRACK_DIR="$PWD/t"
	mkdir -p empty/sub
	echo 'not read' > empty/.hidden
	ot import empty --date 2020-01-15
	expect_rc 1
	expect_err "'empty' holds no section files"
	ot import missing --date 2020-01-15
	expect_rc 1
	expect_err "cannot open 'missing'"
	[ -z "$(git --git-dir=t for-each-ref)" ] || fail "a ref was written"
}
import_skips_dot_files() {
	setup
	mkdir code/.git
	printf 'caf\303\n' > code/.git/junk
	printf 'caf\303\n' > code/9-99/.swp
	ot import code --date 2020-01-15
	expect_rc 0
	expect_out '4 sections from 3 files'
}
import_date_required_and_checked() {
	setup
	ot import code
	expect_rc 2
	expect_err '--date is required'
	ot import code --date 2021-02-30
	expect_rc 1
	expect_err 'date'
	ot import code --date 2020-01-15 --stage maybe
	expect_rc 1
	expect_err "unknown stage 'maybe'"
	ot import --date 2020-01-15
	expect_rc 2
	[ -z "$(git --git-dir=t for-each-ref)" ] || fail "a ref was written"
	ot import code --date 2020-01-15
	expect_rc 0
	sed -i 's/bicycles/tricycles/' code/other.txt
	ot import code --date 2019-12-31
	expect_rc 1
	expect_err 'date 2019-12-31 is before 2020-01-15, the date of the current version of 9-98'
	[ "$(git --git-dir=t rev-list --count main)" = 1 ] || fail "commit written"
}
import_section_without_chapter() {
	ot init t; export ORDTRACK_DIR="$PWD/t"
	mkdir code
	printf '9-99-010 Purpose.\n(a) Text.\n' > code/a.txt
	printf 'Intro line.\n\n\302\247 12 Rules.\n(a) Text.\n' > code/b.txt
	ot import code --date 2020-01-15
	expect_rc 1
	expect_err 'code/b.txt:3: section 12 has no chapter'
	[ -z "$(git --git-dir=t for-each-ref)" ] || fail "a ref was written"
}
import_chapter_rules() {
	ot init t; export ORDTRACK_DIR="$PWD/t"
	mkdir -p code/5-2-1 code/misc
	printf '5-2-1-010 Deep.\n(a) Text one.\n' > code/5-2-1/s1
	printf '10-8-330.5 Inserted.\n(a) Text two.\n\nSec. 12.04.010 Dotted.\n(a) Text three.\n' > code/misc/s2
	ot import code --date 2020-01-15
	expect_rc 0
	git --git-dir=t ls-tree --name-only main ordinances/ > ords
	for o in 5-2-1 10-8 12.04; do
		grep -qx "ordinances/$o" ords || fail "no ordinance $o: $(cat ords)"
	done
	[ "$(wc -l < ords)" = 3 ] || fail "ordinances: $(cat ords)"
}
import_reads_xml_by_content() {
	setup
	cat > code/scooters.data <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<section>
  <num>9-95-010</num>
  <heading>Scope.</heading>
  <para><num>(a)</num><text>This chapter applies to scooters.</text></para>
</section>
XML
	ot import code --date 2020-01-15
	expect_rc 0
	expect_out '^Imported 3 ordinances \(5 sections from 4 files\)'
	ot show 9-95
	expect_out '^\(a\) This chapter applies to scooters\.$'
	printf '<?xml version="1.0"?>\n<section>\n<num>9-95-020</num>\n<heading>Bad.\n</section>\n' > code/bad.xml
	before=$(refs)
	ot import code --date 2020-02-01
	expect_rc 1
	expect_err 'code/bad.xml:5'
	[ "$(refs)" = "$before" ] || fail "refs moved"
}
import_no_progress_when_not_a_terminal() {
	setup
	ot import code --date 2020-01-15
	expect_rc 0
	[ ! -s "$err_file" ] || fail "stderr not empty: $(cat "$err_file")"
}
import_progress_on_a_terminal() {
	setup
	# script(1) (util-linux) gives the command a terminal
	script -qec "'$ORDTRACK' import code --date 2020-01-15" typescript >/dev/null 2>&1 || fail "import under script failed"
	grep -q 'import: 3/3 files read, 4 sections parsed, 2/2 ordinances written' typescript || fail "no progress line: $(cat -v typescript)"
	grep -q '^Imported 2 ordinances' typescript || grep -q 'Imported 2 ordinances' typescript || fail "no summary"
}
# what is not law is listed with file and line, as add lists it (import
# used to drop it without a word)
import_reports_skipped_material() {
	ot init t; export ORDTRACK_DIR="$PWD/t"
	mkdir code
	printf 'CHAPTER 2-1 TEST\nPrepared by the Clerk; distributed 2024.\n\n2-1-010 Purpose.\n   Text one.\n\nSECTION 2. This ordinance shall take effect upon passage.\n' > code/2-1.txt
	ot import code --date 2024-01-01
	expect_rc 0
	expect_err '^ordtrack: code/2-1\.txt:2: skipped \(preamble, not law\): Prepared by the Clerk; distributed 2024\.$'
	expect_err '^ordtrack: code/2-1\.txt:7: skipped \(prose, not law\): SECTION 2\. This ordinance shall take effect upon passage\.$'
}
import_help() {
	ot import --help
	expect_rc 0
	expect_out 'import'
}

run_case import_directory_is_one_commit
run_case import_show_gives_each_text
run_case import_one_big_file
run_case import_unchanged_then_changed
run_case import_bad_file_writes_nothing
run_case import_error_line_in_whole_file
run_case import_duplicate_section_across_files
run_case import_refuses_symlink
run_case import_refuses_empty_directory
run_case import_skips_dot_files
run_case import_date_required_and_checked
run_case import_section_without_chapter
run_case import_chapter_rules
run_case import_reads_xml_by_content
run_case import_no_progress_when_not_a_terminal
run_case import_progress_on_a_terminal
run_case import_help
run_case import_reports_skipped_material
