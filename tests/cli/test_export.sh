#!/bin/sh
# ordtrack export (Akoma Ntoso act and bill, Open Civic Data) and
# vote --roll with an Open Civic Data vote event
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

SCHEMA="$TOP/../shared/schemas/akomantoso30/akomantoso30.xsd"
DATA="$TOP/tests/data/export"

# the file validates against the Akoma Ntoso 3.0 schema (when the schema
# and xmllint are there) and every eId in it is unique
akn_valid() {
	grep -q 'xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"' "$1" || fail "$1: no AKN namespace"
	if [ -f "$SCHEMA" ] && command -v xmllint >/dev/null; then
		xmllint --noout --nonet --schema "$SCHEMA" "$1" 2>xmllint.err ||
			fail "$1 does not validate: $(head -c 600 xmllint.err)"
	else
		xmllint --noout --nonet "$1" 2>/dev/null || python3 -c "import sys,xml.dom.minidom as m; m.parse(sys.argv[1])" "$1" ||
			fail "$1 is not well-formed"
	fi
	dups=$(grep -o ' eId="[^"]*"' "$1" | sort | uniq -d)
	[ -z "$dups" ] || fail "$1: duplicate eIds: $dups"
}


# two_versions, five members, and record O2022-5: 9-99 with two minutes,
# a repealed 9-99-020(b)(2), a new (c), an "&" and "<" in a text
council() {
	two_versions
	for m in "Ann Lee|1" "Bo Park|2" "Cy O'Neil|3" "Di Ramirez-Rosa|4" "Ed Stone|5"; do
		ot member add "${m%|*}" --ward "${m#*|}" --from 2019-05-20 --to 2023-05-15
		expect_rc 0
	done
	v2 | sed -e 's/three minutes/two minutes/' -e '/^(2) vehicles in traffic\.$/d' \
		-e 's/^(1) emergency vehicles; and$/(1) emergency vehicles \& vehicles <under 3 tons>./' \
		-e 's/^9-99-030 Penalty\.$/(c) No person shall honk a horn at night.\n&/' > two.txt
	ot propose O2022-5 9-99 two.txt --date 2022-01-10 --title "Two-minute idling & horns" --sponsor "Ann Lee" \
		--sponsor "Bo Park"
	expect_rc 0
	ot action O2022-5 --date 2022-01-12 --type referral-committee --body "Committee on Traffic"
	expect_rc 0
}

export_act_validates() {
	two_versions
	ot export 9-99@1 --format akn
	expect_rc 0
	cp "$out_file" act1.xml
	akn_valid act1.xml
	expect_out '<act name="ordinance">'
	expect_out '<FRBRuri value="/akn/us/act/2020-01-15/9-99"/>'
	expect_out '<FRBRdate date="2020-01-15" name="enactment"/>'
	expect_out '<section eId="sec_9-99-020">'
	expect_out '<paragraph eId="sec_9-99-020__subsec_b__para_1">'
	expect_out '<intro eId="sec_9-99-020__subsec_b__intro">'
	expect_out '<p eId="sec_9-99-010__p_1">This chapter exists to test ordtrack.</p>'
	[ "$(grep -c '<eventRef' "$out_file")" = 1 ] || fail "9-99@1 should have one lifecycle event"
	expect_no_out '9-99-040'
	# the latest version, to a file
	ot export 9-99 --format akn -o act.xml --country us --locality testville
	expect_rc 0
	[ ! -s "$out_file" ] || fail "-o FILE printed on stdout"
	akn_valid act.xml
	grep -q '<FRBRuri value="/akn/us-testville/act/2020-01-15/9-99/eng@2021-06-30"/>' act.xml || fail "expression URI"
	[ "$(grep -c '<eventRef' act.xml)" = 2 ] || fail "9-99 should have two lifecycle events"
	grep -q 'type="amendment"' act.xml || fail "no amendment event"
	grep -q 'passiveRef eId="ro_2" href="/akn/us-testville/bill/2021-06-30/O2021-7"' act.xml || fail "no passiveRef"
	grep -q '<section eId="sec_9-99-040">' act.xml || fail "section 9-99-040 missing"
	ls | grep -q 'tmp-' && fail "a temporary file was left behind: $(ls)"
	# the same export twice gives the same bytes
	ot export 9-99 --format akn -o again.xml --country us --locality testville
	cmp -s act.xml again.xml || fail "two exports differ"
	true
}

export_bill_mods_match_diff() {
	council
	ot vote O2022-5 --date 2022-02-01 --motion "Passage" --result pass --yes "Ann Lee,Bo Park,Ramirez-Rosa" \
		--no "O'Neil" --absent Stone
	expect_rc 0
	ot export O2022-5 --format akn -o bill.xml
	expect_rc 0
	akn_valid bill.xml
	grep -q '<bill name="ordinance">' bill.xml || fail "no bill"
	grep -q '<chapter eId="chp_9-99">' bill.xml || fail "no chapter for 9-99"
	grep -q '<subsection eId="chp_9-99__sec_9-99-020__subsec_c">' bill.xml || fail "the proposed (c) is missing"
	grep -q 'vehicles &amp; vehicles &lt;under 3 tons&gt;' bill.xml || fail "text not escaped"
	grep -q 'showAs="Two-minute idling &amp; horns"\|value="Two-minute idling &amp; horns"' bill.xml || fail "title"
	grep -q '<step date="2022-01-12" by="#org_committee-on-traffic" refersTo="#event_referral-committee"/>' bill.xml ||
		fail "no referral step"
	grep -q '<step date="2022-02-01" by="#council" refersTo="#vote_1" outcome="#result_pass"/>' bill.xml ||
		fail "no vote step"
	grep -q '<count eId="vote_1__count_yes" value="3"' bill.xml || fail "no yes count"
	grep -q 'FRBRauthor href="#person_ann-lee" as="#role_sponsor"' bill.xml || fail "no sponsor"
	# one textualMod per change of the diff, of the right types
	ot diff O2022-5@base O2022-5 --format json
	expect_rc 0
	n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["changes"]))' "$out_file")
	[ "$n" -ge 3 ] || fail "expected at least 3 changes, the diff has $n"
	[ "$(grep -c '<textualMod ' bill.xml)" = "$n" ] || fail "$(grep -c '<textualMod ' bill.xml) textualMods for $n changes"
	grep -q 'type="insertion"' bill.xml || fail "no insertion"
	grep -q 'type="repeal"' bill.xml || fail "no repeal"
	grep -q 'type="substitution"' bill.xml || fail "no substitution"
	grep -q '<destination href="/akn/us/act/2020-01-15/9-99/eng@2021-06-30/!main#sec_9-99-020__subsec_b__para_2"/>' \
		bill.xml || fail "the repeal of (b)(2) does not point at the act"
	# every source points at an eId of the bill
	for h in $(grep -o '<source href="#[^"]*"' bill.xml | sed 's/.*#//; s/"$//'); do
		grep -q " eId=\"$h\"" bill.xml || fail "source #$h is not an eId of the bill"
	done
	# the introduced text, as a revision of the record
	ot export O2022-5@1 --format akn
	expect_rc 0
	cp "$out_file" bill1.xml
	akn_valid bill1.xml
}

export_ocd_bill_and_votes() {
	council
	ot vote O2022-5 --date 2022-02-01 --motion "Passage" --result pass --threshold majority-of-members \
		--yes "Ann Lee,Bo Park,Ramirez-Rosa" --no "O'Neil" --not-voting Stone
	expect_rc 0
	ot export O2022-5 --format ocd --session 2019-2023 --organization "Testville City Council" \
		--source-url https://testville.example.org/records/O2022-5
	expect_rc 0
	python3 - "$out_file" <<'PY' || fail "OCD JSON checks failed"
import json, sys
d = json.load(open(sys.argv[1]))
b = d["bill"]
council = '~{"classification": "legislature", "name": "Testville City Council"}'
assert b["identifier"] == "O2022-5", b
assert b["classification"] == ["ordinance"]
assert b["legislative_session"] == "2019-2023"
assert b["from_organization"] == council, b["from_organization"]
assert b["sources"] == [{"url": "https://testville.example.org/records/O2022-5", "note": "ordtrack export"}]
sp = b["sponsorships"]
assert [s["name"] for s in sp] == ["Ann Lee", "Bo Park"], sp
assert sp[0]["primary"] is True and sp[1]["primary"] is False
assert all(s["entity_type"] == "person" for s in sp)
assert sp[1]["person_id"] == '~{"name": "Bo Park"}', sp
acts = b["actions"]
assert [a["classification"] for a in acts] == [["introduction"], ["referral-committee"]], acts
assert acts[1]["organization_id"] == '~{"classification": "committee", "name": "Committee on Traffic"}', acts[1]
assert acts[1]["date"] == "2022-01-12" and acts[1]["description"]
assert b["versions"][0]["date"] == "2022-01-10"
(ve,) = d["vote_events"]
assert ve["motion_text"] == "Passage" and ve["start_date"] == "2022-02-01" and ve["result"] == "pass"
assert ve["bill"] == ('~{"from_organization__classification": "legislature", "identifier": "O2022-5", '
                      '"legislative_session__identifier": "2019-2023"}'), ve["bill"]
assert ve["bill_action"] is None and ve["motion_classification"] == [], ve  # no action on that date
assert ve["extras"] == {"threshold": "majority-of-members"}, ve["extras"]
counts = {c["option"]: c["value"] for c in ve["counts"]}
assert counts["yes"] == 3 and counts["no"] == 1 and counts["not voting"] == 1, counts
opts = {"yes", "no", "absent", "abstain", "not voting", "paired", "excused", "other"}
assert all(v["option"] in opts for v in ve["votes"])
assert {"option": "not voting", "voter_name": "Ed Stone", "voter_id": '~{"name": "Ed Stone"}', "note": ""} \
    in ve["votes"], ve["votes"]
assert len(ve["votes"]) == 5
PY
	# the exported vote event reads back as a roll call (its bill a pseudo-id)
	python3 -c 'import json,sys; json.dump(json.load(open(sys.argv[1]))["vote_events"][0], open("ev.json","w"))' "$out_file"
	ot vote O2022-5 --roll ev.json --motion "Passage"
	expect_rc 0
	[ "$(head -1 "$out_file")" = "passed 3-1 (1 not voting)" ] || fail "tally: $(head -1 "$out_file")"
}

vote_roll_ocd_event() {
	council
	cp "$DATA/vote-event.json" ev.json
	ot vote O2022-5 --roll ev.json --format json
	expect_rc 0
	expect_out '"motion": "Passage of the ordinance"'
	expect_out '"date": "2022-02-01"'
	expect_out '"tally": "passed 3-1 \(1 absent\)"'
	ot status O2022-5
	expect_out 'vote on Passage of the ordinance: passed 3-1 \(1 absent\)'
}

vote_roll_ocd_bad() {
	council
	snap before.snap
	# counts that do not add up to the votes listed
	ot vote O2022-5 --roll "$DATA/vote-event-bad-counts.json"
	expect_rc 1
	expect_err "vote-event-bad-counts.json: the counts say 4 yes but the votes list 3"
	# options given both ways must agree
	ot vote O2022-5 --roll "$DATA/vote-event.json" --result fail
	expect_rc 1
	expect_err "--result 'fail' disagrees with result 'pass'"
	ot vote O2022-5 --roll "$DATA/vote-event.json" --date 2022-02-02
	expect_rc 1
	expect_err "--date '2022-02-02' disagrees with start_date '2022-02-01'"
	# a vote on another bill
	sed 's/"O2022-5"/"O1999-1"/' "$DATA/vote-event.json" > other.json
	ot vote O2022-5 --roll other.json
	expect_rc 1
	expect_err "the vote event is on bill 'O1999-1', not on O2022-5"
	# options OCD has and ordtrack does not
	sed 's/"option": "absent"/"option": "paired"/' "$DATA/vote-event.json" > paired.json
	ot vote O2022-5 --roll paired.json
	expect_rc 1
	expect_err "paired.json: votes\[4\]: option 'paired' has no ordtrack equivalent"
	# a stranger, named by position
	sed 's/"Ed Stone"/"Zed Nobody"/' "$DATA/vote-event.json" > stranger.json
	ot vote O2022-5 --roll stranger.json
	expect_rc 1
	expect_err "stranger.json: votes\[4\]: 'Zed Nobody' is not a member serving on 2022-02-01"
	# malformed JSON names its line
	printf '{"votes": [\n  {"option": "yes",\n' > broken.json
	ot vote O2022-5 --roll broken.json --date 2022-02-01 --motion M --result pass
	expect_rc 1
	expect_err "broken.json:[0-9]+: not valid JSON"
	# no motion anywhere
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); del d["motion_text"]; json.dump(d, open("nomotion.json","w"))' \
		"$DATA/vote-event.json"
	ot vote O2022-5 --roll nomotion.json
	expect_rc 2
	expect_err "vote needs --date, --motion and --result"
	expect_unchanged
}

export_bad_inputs() {
	two_versions
	ot export 9-98 --format akn
	expect_rc 1
	expect_err "unknown ordinance or record '9-98'"
	ot export 9-99@7 --format akn
	expect_rc 1
	ot export 9-99 --format pdf
	expect_rc 2
	expect_err "unknown format 'pdf'"
	ot export 9-99
	expect_rc 2
	expect_err "export needs --format"
	ot export 9-99 --format ocd --session 2019
	expect_rc 1
	expect_err "'9-99' is an ordinance; --format ocd exports a record"
	ot export 9-99 --format akn --country USA
	expect_rc 1
	expect_err "invalid country code 'USA'"
	ot export 9-99 --format akn -o no/such/dir/act.xml
	expect_rc 1
	expect_err "cannot create a file beside 'no/such/dir/act.xml'"
	ot export 9-99 9-99@1 --format akn
	expect_rc 2
}

# an exported act read back (`add` of the XML, `diff --files`) is the
# same clause tree, for every version of the sample chapter
export_act_reimports() {
	ot init t
	expect_rc 0
	export ORDTRACK_DIR="$PWD/t"
	n=0
	for f in "$SAMPLES"/2-173/*.txt; do
		n=$((n + 1))
		ot add 2-173 "$f" --date "201$n-01-01"
		expect_rc 0
		ot export "2-173@$n" --format akn -o "act$n.xml"
		expect_rc 0
		akn_valid "act$n.xml"
		ot diff --files "$f" "act$n.xml" --exit-code
		[ "$rc" -eq 0 ] || fail "$(basename "$f"): the exported act reads back differently: $(head -20 "$out_file")"
		ot add 2-173 "act$n.xml" --date "201$n-06-01"
		expect_rc 0
		expect_err 'identical|unchanged|nothing'
	done
	[ "$n" -eq 3 ] || fail "expected three sample versions, found $n"
}

export_bill_no_mod_for_typography() {
	two_versions
	# in force: a hyphen in (a); the record: an em dash there (typography
	# only) and a real amendment of (b)
	mdash=$(printf '\342\200\224')
	v2 | sed -e "s/^(a) No person shall park or stand a vehicle on a sidewalk\\.\$/(a) No person shall park or stand a vehicle $mdash on a sidewalk./" \
		-e 's/three minutes/two minutes/' > typo.txt
	v2 | sed -e 's/^(a) No person shall park or stand a vehicle on a sidewalk\.$/(a) No person shall park or stand a vehicle - on a sidewalk./' > base.txt
	ot add 9-99 base.txt --date 2021-09-01 --stage enacted -m "hyphen"
	expect_rc 0
	ot propose O2022-9 9-99 typo.txt --date 2022-01-10 --title "Typeset" --sponsor "Ann Lee"
	expect_rc 0
	ot diff O2022-9@base O2022-9 --format json
	expect_rc 0
	grep -q '"kind": *"typographic"' "$out_file" || fail "no typographic change: $(head -c 600 "$out_file")"
	n=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len([c for c in d["changes"] if c["kind"] != "typographic"]))' "$out_file")
	ot export O2022-9 --format akn -o bill.xml
	expect_rc 0
	akn_valid bill.xml
	[ "$(grep -c '<textualMod ' bill.xml)" = "$n" ] || fail "$(grep -c '<textualMod ' bill.xml) textualMods for $n non-typographic changes"
	grep -q 'type="substitution"' bill.xml || fail "the real amendment has no substitution"
	grep -q "vehicle $mdash on a sidewalk" bill.xml || fail "the bill's text lost its typography"
}

run_case export_act_validates
run_case export_act_reimports
run_case export_bill_mods_match_diff
run_case export_bill_no_mod_for_typography
run_case export_ocd_bill_and_votes
run_case vote_roll_ocd_event
run_case vote_roll_ocd_bad
run_case export_bad_inputs
