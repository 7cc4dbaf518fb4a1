#!/bin/sh
# ordtrack import-record: the illustrative matter O2021-117 from a Legistar
# dump, eLMS matter files and an OCD scrape (tests/data/record-import/)
# gives one record; imports are idempotent, dry runs write nothing, a bad
# file anywhere writes nothing
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

DATA="$TOP/tests/data/record-import"

# the record's JSON without what differs by source or tracker: source
# ids, links, and the commit it is based on
record_facts() { # RECORD
	git --git-dir=t show "refs/records/$1:records/$1.json" |
		sed '/^  "links": \[/,/^  \]/d' | grep -v '"source":' | grep -v '"base":'
}

import_into() { # FORMAT
	ot init t
	expect_rc 0
	export ORDTRACK_DIR="$PWD/t"
	if [ "$1" = elms ]; then
		ot member import "$DATA/members.csv"
		expect_rc 0
	fi
	ot import-record "$DATA/$1"
	expect_rc 0
}

one_record_from_three_sources() {
	for f in legistar elms ocd; do
		mkdir "$f"
		( cd "$f"; import_into "$f"; record_facts O2021-117 > ../"$f".json ) || fail "$f: $(cat "$f/.err" 2>/dev/null)"
	done
	grep -q '"yes": 41' legistar.json || fail "not 41 yes: $(grep -A8 counts legistar.json)"
	grep -q '"no": 8' legistar.json || fail "not 8 no"
	grep -q '"not-voting": 1' legistar.json || fail "not 1 not voting"
	diff legistar.json elms.json > d1 || fail "Legistar and eLMS differ: $(head -30 d1)"
	diff legistar.json ocd.json > d2 || fail "Legistar and OCD differ: $(head -30 d2)"
}

import_is_idempotent() {
	for f in legistar elms ocd; do
		mkdir "$f"
		( cd "$f"
		  import_into "$f"
		  snap before.snap
		  ot import-record "$DATA/$f"
		  expect_rc 0
		  expect_out '0 records new, 0 updated, [0-9]+ unchanged; 0 events new; members: 0 new, 0 updated'
		  expect_unchanged
		  ot fsck
		  expect_rc 0 ) || fail "$f"
	done
}

dry_run_writes_nothing() {
	ot init t
	export ORDTRACK_DIR="$PWD/t"
	snap before.snap
	ot import-record "$DATA/legistar" --dry-run
	expect_rc 0
	expect_out '^Would import from legistar: [0-9]+ records new'
	expect_unchanged
}

bad_file_writes_nothing() {
	ot init t
	export ORDTRACK_DIR="$PWD/t"
	cp -r "$DATA/legistar" dump
	snap before.snap
	# one history of one matter with an action name no table knows
	f=$(ls dump/matters/*/histories.json | head -1)
	sed 's/"MatterHistoryActionName": *"[^"]*"/"MatterHistoryActionName": "Sent to the Moon"/' "$f" > x && mv x "$f"
	ot import-record dump
	expect_rc 1
	expect_err "$f"
	expect_err 'Sent to the Moon'
	expect_unchanged
	# a vote by someone who is no member
	cp -r "$DATA/legistar" dump2
	v=dump2/eventitems/391004/votes.json
	sed '0,/"VotePersonName": *"[^"]*"/s//"VotePersonName": "Zed Nobody"/' "$v" > x && mv x "$v"
	ot import-record dump2
	expect_rc 1
	expect_err 'Zed Nobody'
	expect_unchanged
	ot import-record nowhere
	expect_rc 1
	expect_unchanged
	ot import-record "$DATA/legistar" --format nonsense
	expect_rc 2
}

# the record page of the site lists the sources and documents an import
# kept, and the member pages what each member sponsored
site_shows_sources_and_sponsors() {
	import_into ocd
	ot publish --out site
	expect_rc 0
	page=site/records/O2021-117.html
	grep -q '<h2>Sources and documents</h2>' "$page" || fail "no sources section"
	grep -q 'href="https://legistar.example.org/LegislationDetail.aspx' "$page" || fail "no source link"
	grep -q '<h3>Documents</h3>' "$page" || fail "no documents"
	jj=$(grep -l '<h1>Joan Jaworski</h1>' site/members/*.html) || fail "no page for Joan Jaworski"
	grep -q 'href="../records/O2021-117.html">O2021-117</a>' "$jj" || fail "O2021-117 not among her sponsored records"
}

# one matter from two systems is one record: the second source's events
# of the same date and type (a vote: the same counts) are the same events
two_sources_one_record() {
	import_into ocd
	ot import-record "$DATA/legistar"
	expect_rc 0
	ot import-record "$DATA/elms"
	expect_rc 0
	ot status O2021-117
	expect_rc 0
	[ "$(grep -c 'vote on' "$out_file")" -eq 1 ] || fail "votes: $(grep 'vote on' "$out_file")"
	[ "$(grep -c 'referral-committee' "$out_file")" -eq 1 ] || fail "the referral twice"
	ot votes --member "Ana Abbott"
	expect_rc 0
	[ "$(grep -c 'O2021-117' "$out_file")" -eq 1 ] || fail "Ana Abbott's vote counted twice: $(cat "$out_file")"
	# votes takes the spellings the sources use, as records --sponsor does
	for who in "Abbott, Ana" "Ald. Ana Abbott" "Castaneda, Carmen"; do
		ot votes --member "$who"
		expect_rc 0
		expect_out 'O2021-117'
	done
}

# a summary's headline gives the vote that passed the record, on the day
# it passed, not a later veto override; a record that changes no text is
# told by its title
headline_gives_the_passing_vote() {
	ot init t
	export ORDTRACK_DIR="$PWD/t"
	printf 'name,ward,from\nAnn Lee,1,2019-05-20\nBo Park,2,2019-05-20\nCy Diaz,3,2019-05-20\n' > m.csv
	ot member import m.csv
	expect_rc 0
	cat > O2020-5.json <<'JSON'
{"matterId": "A1", "recordNumber": "O2020-5", "title": "Paid leave for city contractors",
 "type": "Ordinance", "status": "Passed", "introductionDate": "2020-11-04T00:00:00+00:00",
 "finalActionDate": "2020-12-17T00:00:00+00:00",
 "actions": [
  {"actionName": "Passed", "actionDate": "2020-12-17T00:00:00+00:00", "actionByName": "City Council", "sort": 1,
   "votes": [{"voterName": "Lee, Ann", "vote": "Yea"}, {"voterName": "Park, Bo", "vote": "Yea"}, {"voterName": "Diaz, Cy", "vote": "Nay"}]},
  {"actionName": "Vetoed", "actionDate": "2021-01-05T00:00:00+00:00", "actionByName": "Mayor", "sort": 2, "votes": []},
  {"actionName": "Overridden by Council", "actionDate": "2021-01-20T00:00:00+00:00", "actionByName": "City Council", "sort": 3,
   "votes": [{"voterName": "Lee, Ann", "vote": "Yea"}, {"voterName": "Park, Bo", "vote": "Yea"}, {"voterName": "Diaz, Cy", "vote": "Yea"}]}],
 "sponsors": [{"sponsorName": "Lee, Ann", "sponsorType": "Sponsor"}], "attachments": []}
JSON
	ot import-record O2020-5.json --format elms
	expect_rc 0
	ot summary O2020-5
	expect_rc 0
	head -1 "$out_file" | grep -qx 'O2020-5 passed 2–1 on 2020-12-17: Paid leave for city contractors' ||
		fail "headline: $(head -1 "$out_file")"
}

# a roll call corrected at the source: reported with who voted otherwise,
# kept as imported, and taken with --accept-changes
source_correction_is_reported_and_can_be_taken() {
	import_into legistar
	cp -r "$DATA/legistar" newer
	v=newer/eventitems/391004/votes.json
	# Ana Abbott's Yea becomes Nay (her entry's VoteValueName follows her name)
	awk '/"VotePersonName": "Ana Abbott"/ { hit = 1 } hit && /"VoteValueName"/ { sub(/"Yea"/, "\"Nay\""); hit = 0 } { print }' "$v" > x && mv x "$v"
	sed 's/"MatterHistoryTally": "41:8"/"MatterHistoryTally": "40:9"/' newer/matters/58813/histories.json > x &&
		mv x newer/matters/58813/histories.json
	snap before.snap
	ot import-record newer
	expect_rc 0
	expect_err 'O2021-117: vote legistar:history/391004 of 2021-03-24 changed at the source \(Ana Abbott: yes -> no\); kept as imported'
	expect_err -- '--accept-changes'
	expect_unchanged
	ot import-record newer --accept-changes
	expect_rc 0
	expect_err 'Ana Abbott: yes -> no\); taken from the source'
	ot status O2021-117
	expect_out 'passed 40-9'
	ot import-record newer
	expect_rc 0
	expect_out '0 records new, 0 updated'
}

# OCD in, OCD out, OCD in: the same record, field for field (the
# exported scrape validates against pupa's schemas in
# test_export_ocd_schema.sh)
ocd_round_trip() {
	import_into ocd
	ot export O2021-117 --format ocd --session 2019 --organization "City Council" --dir out
	expect_rc 0
	record_facts O2021-117 > first.json
	git --git-dir=t show refs/records/O2021-117:records/O2021-117.json | grep -v '"base":' > first-full.json
	mkdir again
	( cd again
	  ot init t
	  expect_rc 0
	  export ORDTRACK_DIR="$PWD/t"
	  ot member import "$DATA/members.csv"
	  expect_rc 0
	  ot import-record ../out
	  expect_rc 0
	  git --git-dir=t show refs/records/O2021-117:records/O2021-117.json | grep -v '"base":' > ../again.json ) ||
		fail "import of the export: $(cat again/.err 2>/dev/null)"
	diff first-full.json again.json > d || fail "the record changed on the way round: $(head -20 d)"
}

run_case one_record_from_three_sources
run_case ocd_round_trip
run_case source_correction_is_reported_and_can_be_taken
run_case headline_gives_the_passing_vote
run_case two_sources_one_record
run_case site_shows_sources_and_sponsors
run_case import_is_idempotent
run_case dry_run_writes_nothing
run_case bad_file_writes_nothing
