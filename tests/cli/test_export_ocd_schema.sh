#!/bin/sh
# tests/cli/test_export_ocd_schema.sh - `ordtrack export --format ocd`
# against pupa's own scrape schemas (tests/data/pupa-schemas, validated by
# tests/cli/validate_ocd.py with Debian's python3-jsonschema, as pupa's
# BaseModel.validate does) and against what pupa's importer needs to
# resolve the references (pseudo-ids, the vote's bill and bill_action):
# a record built by hand (propose, actions, co-sponsor, two votes, pass)
# to a pupa scrape directory and to one object, a second record (failed)
# into the same directory, the fields one by one, the same bytes twice,
# the refusals (no source, no session, a URL pupa refuses), the
# validator's own findings on a broken file, and the unit test's golden
# export with links of every kind.
#
# Without /usr/bin/python3's jsonschema module every case prints "ok NAME
# # skip ...", unless ORDTRACK_REQUIRE_BROWSER=1 (CI), which makes it a
# failure, as in test_browser.sh.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

CASES="ocd_export_dir_validates ocd_export_fields ocd_export_file_validates ocd_export_deterministic
ocd_export_needs_source_and_session ocd_golden_with_links_validates"
PY=/usr/bin/python3
VALIDATE="$TOP/tests/cli/validate_ocd.py"

if ! [ -x "$PY" ] || ! "$PY" -c 'import jsonschema' 2>/dev/null; then
	if [ "${ORDTRACK_REQUIRE_BROWSER:-}" = 1 ]; then
		echo "#   $PY has no jsonschema module and ORDTRACK_REQUIRE_BROWSER=1 (apt-get install python3-jsonschema)"
		echo "not ok ocd_schema_validator_installed"
		exit 1
	fi
	for c in $CASES; do echo "ok $c # skip $PY has no jsonschema module (apt-get install python3-jsonschema)"; done
	exit 0
fi

# validate PATH...: the export validates; else the violations fail the case
validate() {
	set +e
	"$PY" "$VALIDATE" "$@" > validate.out 2>&1
	vrc=$?
	set -e
	[ $vrc -eq 0 ] || fail "the OCD export does not validate (exit $vrc): $(head -c 3000 validate.out)"
}

# two_versions, a council of five and a mayor who is not a member; record
# O2022-5 sponsored by a member and a department, referred, recommended by
# the committee, amended (with a vote), co-sponsored, deferred (an action
# OCD has no class for), passed on a roll call
council_record() {
	two_versions
	for m in "Ann Lee|1" "Bo Park|2" "Cy O'Neil|3" "Di Ramirez-Rosa|4" "Ed Stone|5"; do
		ot member add "${m%|*}" --ward "${m#*|}" --from 2019-05-20 --to 2023-05-15
		expect_rc 0
	done
	v2 | sed 's/three minutes/two minutes/' > two.txt
	ot propose O2022-5 9-99 two.txt --date 2022-01-10 --title "Two-minute idling" --sponsor "Lee, Ann" \
		--sponsor "Department of Streets and Sanitation"
	expect_rc 0
	ot action O2022-5 --date 2022-01-12 --type referral-committee --body "Committee on Traffic"
	expect_rc 0
	ot action O2022-5 --date 2022-01-20 --type committee-passage-favorable --body "Committee on Traffic" \
		--text "Recommended to Pass"
	expect_rc 0
	ot sponsor O2022-5 "Bo Park" --date 2022-01-21
	expect_rc 0
	ot action O2022-5 --date 2022-01-25 --type unclassified --text "Deferred and Published"
	expect_rc 0
	ot action O2022-5 --date 2022-02-01 --type amendment-passage --text "Amended in City Council"
	expect_rc 0
	ot vote O2022-5 --date 2022-02-01 --motion "Amendment 1" --result pass --yes "Ann Lee,Bo Park,Ramirez-Rosa,Stone" \
		--no "O'Neil"
	expect_rc 0
	ot vote O2022-5 --date 2022-02-01 --motion "Passage" --result pass --yes "Ann Lee,Bo Park,Ramirez-Rosa" \
		--no "O'Neil" --not-voting Stone
	expect_rc 0
	ot pass O2022-5 --date 2022-02-01 --effective 2022-03-01
	expect_rc 0
}

SRC=https://council.example.org/records/O2022-5

ocd_export_dir_validates() {
	council_record
	mkdir out
	ot export O2022-5 --format ocd --session 2019 --source-url "$SRC" --dir out
	expect_rc 0
	[ ! -s "$out_file" ] || fail "--dir printed on stdout: $(head -c 300 "$out_file")"
	[ -f out/bill_ordtrack-O2022-5.json ] || fail "no bill file: $(ls out)"
	[ "$(ls out | grep -c '^vote_event_')" = 2 ] || fail "expected two vote event files: $(ls out)"
	ls out | grep -q 'tmp' && fail "a temporary file was left behind: $(ls out)"
	validate out
	# a second record in the same directory: one scrape of both; a failed
	# vote belongs to the failure, a mayor who is no member is an organization
	v2 | sed 's/three minutes/one minute/' > one.txt
	ot propose O2022-6 9-99 one.txt --date 2022-02-01 --title "One-minute idling" --sponsor "Mayor Rosa Quill"
	expect_rc 0
	ot vote O2022-6 --date 2022-02-02 --motion "Passage" --result fail --yes "Ann Lee" \
		--no "Bo Park,O'Neil,Ramirez-Rosa,Stone"
	expect_rc 0
	ot fail O2022-6 --date 2022-02-02
	expect_rc 0
	ot export O2022-6 --format ocd --session 2019 --source-url "$SRC-6" --dir out
	expect_rc 0
	validate out
	grep -q '^5 file(s), 2 bill(s), 3 vote event(s): 0 violation(s)$' validate.out ||
		fail "expected the two records' files: $(tail -1 validate.out)"
	"$PY" - out/bill_ordtrack-O2022-6.json out/vote_event_ordtrack-O2022-6-vote-1.json <<'PY' || fail "O2022-6 checks failed"
import json, sys
b, v = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
(sp,) = b["sponsorships"]
assert sp["entity_type"] == "organization" and sp["organization_id"] == '~{"name": "Mayor Rosa Quill"}', sp
assert b["actions"][-1]["classification"] == ["failure"], b["actions"]
assert v["result"] == "fail" and v["bill_action"] == "Failed" and v["motion_classification"] == ["failure"], v
assert b["extras"]["status"] == "failed", b["extras"]
PY
}

ocd_export_file_validates() {
	council_record
	ot export O2022-5 --format ocd --session 2019 --organization "Testville City Council" --source-url "$SRC" \
		-o one.json
	expect_rc 0
	validate one.json
}

# what the export says, field by field
ocd_export_fields() {
	council_record
	mkdir out
	ot export O2022-5 --format ocd --session 2019 --source-url "$SRC" --dir out
	expect_rc 0
	"$PY" - out <<'PY' || fail "OCD field checks failed"
import json, os, sys
d = sys.argv[1]
files = sorted(os.listdir(d))
b = json.load(open(os.path.join(d, "bill_ordtrack-O2022-5.json")))
ves = [json.load(open(os.path.join(d, f))) for f in files if f.startswith("vote_event_")]
council = '~{"classification": "legislature"}'
traffic = '~{"classification": "committee", "name": "Committee on Traffic"}'
assert b["identifier"] == "O2022-5" and b["legislative_session"] == "2019", b
assert b["from_organization"] == council, b["from_organization"]
assert b["classification"] == ["ordinance"]
assert b["sources"] == [{"url": "https://council.example.org/records/O2022-5", "note": "ordtrack export"}], b["sources"]
sp = b["sponsorships"]
# the name as the record gives it, the person by the member's name
assert [s["name"] for s in sp] == ["Lee, Ann", "Department of Streets and Sanitation", "Bo Park"], sp
assert sp[0] == {"name": "Lee, Ann", "classification": "Primary", "entity_type": "person", "primary": True,
                 "person_id": '~{"name": "Ann Lee"}', "organization_id": None}, sp[0]
assert sp[1] == {"name": "Department of Streets and Sanitation", "classification": "Regular",
                 "entity_type": "organization", "primary": False, "person_id": None,
                 "organization_id": '~{"name": "Department of Streets and Sanitation"}'}, sp[1]
assert sp[2]["entity_type"] == "person" and sp[2]["classification"] == "Regular" and not sp[2]["primary"], sp[2]
acts = b["actions"]
assert [a["classification"] for a in acts] == [
    ["introduction"], ["referral-committee"], ["committee-passage-favorable"], [], [], ["amendment-passage"],
    ["passage"]], [a["classification"] for a in acts]
assert acts[1]["organization_id"] == traffic and acts[2]["organization_id"] == traffic, acts[1:3]
assert acts[2]["description"] == "Recommended to Pass"
assert acts[3]["description"].startswith("Add Co-Sponsor(s): Bo Park"), acts[3]
assert acts[3]["extras"]["ordtrack_type"] == "sponsorship", acts[3]
assert acts[4]["description"] == "Deferred and Published" and acts[4]["extras"]["ordtrack_type"] == "unclassified"
assert acts[6]["description"] == "Passed" and acts[6]["date"] == "2022-02-01" and acts[6]["organization_id"] == council
assert b["versions"][0]["date"] == "2022-01-10" and b["versions"][0]["note"] == "Version 1 (introduced)"
ex = b["extras"]
assert ex["ordtrack_id"] == "O2022-5" and ex["status"] == "passed" and ex["effective"] == "2022-03-01", ex
assert ex["closed"] == "2022-02-01" and ex["ordinances"] == ["9-99"], ex
pseudo = ('~{"from_organization__classification": "legislature", "identifier": "O2022-5", '
          '"legislative_session__identifier": "2019"}')
by_motion = {v["motion_text"]: v for v in ves}
am, ps = by_motion["Amendment 1"], by_motion["Passage"]
for v in (am, ps):
    assert v["bill"] == pseudo, v["bill"]
    assert v["legislative_session"] == "2019" and v["organization"] == council
    assert v["sources"] == b["sources"]
    assert v["start_date"] == "2022-02-01" and v["result"] == "pass"
assert am["motion_classification"] == ["amendment-passage"] and am["bill_action"] == "Amended in City Council", am
assert ps["motion_classification"] == ["passage"] and ps["bill_action"] == "Passed", ps
counts = {c["option"]: c["value"] for c in ps["counts"]}
assert counts == {"yes": 3, "no": 1, "abstain": 0, "absent": 0, "excused": 0, "not voting": 1}, counts
assert {"option": "not voting", "voter_name": "Ed Stone", "voter_id": '~{"name": "Ed Stone"}', "note": ""} \
    in ps["votes"], ps["votes"]
assert len(ps["votes"]) == 5
PY
}

# the same tracker gives the same bytes, to a directory and to stdout
ocd_export_deterministic() {
	council_record
	mkdir a b
	ot export O2022-5 --format ocd --session 2019 --source-url "$SRC" --dir a
	expect_rc 0
	ot export O2022-5 --format ocd --session 2019 --source-url "$SRC" --dir b
	expect_rc 0
	diff -r a b > /dev/null || fail "two exports differ: $(diff -r a b | head -5)"
	ot export O2022-5 --format ocd --session 2019 --source-url "$SRC"
	cp "$out_file" one.json
	ot export O2022-5 --format ocd --session 2019 --source-url "$SRC"
	cmp -s "$out_file" one.json || fail "two exports to stdout differ"
	# the file's parts are the directory's files
	"$PY" - one.json a <<'PY' || fail "the combined export is not the directory's files"
import json, os, sys
one = json.load(open(sys.argv[1]))
d = sys.argv[2]
assert one["bill"] == json.load(open(os.path.join(d, "bill_" + one["bill"]["_id"] + ".json")))
for v in one["vote_events"]:
    assert v == json.load(open(os.path.join(d, "vote_event_" + v["_id"] + ".json")))
PY
}

ocd_export_needs_source_and_session() {
	council_record
	ot export O2022-5 --format ocd --session 2019
	expect_rc 1
	expect_err "O2022-5 has no source link; give --source-url URL"
	ot export O2022-5 --format ocd --source-url "$SRC"
	expect_rc 2
	expect_err "--format ocd needs --session"
	ot export O2022-5 --format ocd --session 2019 --source-url "council.example.org/x"
	expect_rc 1
	expect_err "not an http, https or ftp URL"
	ot export O2022-5 --format ocd --session 2019 --source-url "$SRC" --dir no/such/dir
	expect_rc 1
	expect_err "no/such/dir"
	ot export O2022-5 --format ocd --session 2019 --source-url "$SRC" --dir x -o y
	expect_rc 2
	ot export 9-99 --format akn --dir x
	expect_rc 2
	expect_err "--dir"
	# the validator itself finds what is wrong
	mkdir bad
	ot export O2022-5 --format ocd --session 2019 --source-url "$SRC" --dir bad
	expect_rc 0
	f=$(ls bad/vote_event_* | head -1)
	"$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); d["sources"]=[]; d["organization"]={"name": "x"}; d["bill"]="O2022-5"; json.dump(d, open(sys.argv[1], "w"))' "$f"
	set +e
	"$PY" "$VALIDATE" bad > validate.out 2>&1
	vrc=$?
	set -e
	[ $vrc -eq 1 ] || fail "the validator passed a broken vote event (exit $vrc): $(cat validate.out)"
	grep -q "$f: \$.sources: schema: \[\] is too short" validate.out || fail "no sources violation: $(cat validate.out)"
	grep -q "$f: \$.organization: schema: " validate.out || fail "no organization violation: $(cat validate.out)"
	grep -q "$f: \$.bill: import: 'O2022-5' names 0 bills" validate.out || fail "no bill violation: $(cat validate.out)"
}

# the unit test's record with links of every kind (tests/data/export/ocd-links.json)
ocd_golden_with_links_validates() {
	validate "$TOP/tests/data/export/ocd-links.json"
}

for c in $CASES; do run_case "$c"; done
