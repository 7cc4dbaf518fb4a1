#!/bin/sh
# typographic changes: two versions that differ only in curly quotes,
# dashes and no-break spaces are a typographic change, never an amendment,
# in diff (text, json, --stat, --exit-code), summary, history and blame
. "$(dirname "$0")/lib.sh"

# v1 with straight quotes and hyphens; v2 the same law typeset: curly
# quotes, an en dash, an em dash and a no-break space (which the parser
# may already turn into a space: then it is no change at all)
typo_v1() {
	cat <<'TXT'
CHAPTER 9-98 TEST CHAPTER
9-98-010 Definitions - general.
(a) "Vehicle" means any motor vehicle, including trucks - but not bicycles.
(b) No person shall park a vehicle on a sidewalk for 5 minutes.
(c) The commissioner's rules apply.
TXT
}
typo_v2() {
	printf 'CHAPTER 9-98 TEST CHAPTER\n'
	printf '9-98-010 Definitions \342\200\224 general.\n'
	printf '(a) \342\200\234Vehicle\342\200\235 means any motor vehicle, including trucks \342\200\223 but not bicycles.\n'
	printf '(b) No person shall park a vehicle on a sidewalk for 5\302\240minutes.\n'
	printf '(c) The commissioner\342\200\231s rules apply.\n'
}
typo_tracker() {
	ot init t
	expect_rc 0
	export ORDTRACK_DIR="$PWD/t"
	typo_v1 > v1.txt
	typo_v2 > v2.txt
	ot add 9-98 v1.txt --date 2020-01-15 --stage enacted --record O2020-1 -m "Original chapter"
	expect_rc 0
	ot add 9-98 v2.txt --date 2021-06-30 --stage enacted --record O2021-7 -m "Typeset"
	expect_rc 0
}

typographic_diff_text() {
	typo_tracker
	ot diff 9-98@1 9-98@2 --color never
	expect_rc 0
	expect_out '^= 9-98-010 \(typographic change only\)$'
	expect_out '^= 9-98-010\(a\) \(typographic change only\)$'
	expect_out '^= 9-98-010\(c\) \(typographic change only\)$'
	expect_out '\{~~"~>“~~\}Vehicle\{~~"~>”~~\}'
	expect_out 'trucks \{~~-~>–~~\} but'
	expect_no_out '^~ '
	expect_no_out '\[-|\{\+'
	expect_out '^0 added, 0 removed, 0 modified, 0 renumbered, [34] typographic, [0-9]+ unchanged$'
}
typographic_diff_json() {
	typo_tracker
	ot diff 9-98@1 9-98@2 --format json
	expect_rc 0
	python3 - "$out_file" <<'PY' || fail "json: $(cat "$out_file" | head -c 600)"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "ordtrack-diff/1"
kinds = {c["id"]: c["kind"] for c in d["changes"]}
assert kinds["9-98-010"] == "typographic", kinds
assert kinds["9-98-010(a)"] == "typographic", kinds
assert kinds["9-98-010(c)"] == "typographic", kinds
# the no-break space: typographic, or gone in the parse; never modified
assert kinds.get("9-98-010(b)", "typographic") == "typographic", kinds
assert "modified" not in kinds.values(), kinds
s = d["stats"]
assert s["modified"] == 0 and s["typographic"] == len(d["changes"]), s
for c in d["changes"]:
    assert c["ops"], c
PY
	ot diff 9-98@1 9-98@2 --stat --format json
	expect_rc 0
	expect_out '"typographic": *[34]'
	expect_out '"modified": *0'
	ot diff 9-98@1 9-98@2 --stat
	expect_out '^[34] typographic$'
}
typographic_diff_exit_code() {
	typo_tracker
	# a typographic difference is still a difference
	ot diff 9-98@1 9-98@2 --exit-code --stat
	expect_rc 1
	ot diff --files v2.txt v2.txt --exit-code
	expect_rc 0
	ot diff --files v1.txt v2.txt --exit-code
	expect_rc 1
}
typographic_word_change_is_modified() {
	typo_tracker
	typo_v2 | sed 's/shall park/shall not park/; s/“Vehicle”/“Vehicles”/' > v3.txt
	ot add 9-98 v3.txt --date 2022-01-10 --stage enacted --record O2022-3 -m "Real amendment"
	expect_rc 0
	ot diff 9-98@2 9-98@3 --format json
	expect_rc 0
	python3 - "$out_file" <<'PY' || fail "json: $(head -c 600 "$out_file")"
import json, sys
d = json.load(open(sys.argv[1]))
kinds = {c["id"]: c["kind"] for c in d["changes"]}
assert kinds == {"9-98-010(a)": "modified", "9-98-010(b)": "modified"}, kinds
PY
}
typographic_history_and_blame() {
	typo_tracker
	ot history 9-98 --clause '9-98-010(a)'
	expect_rc 0
	expect_out '^9-98@1 .* added$'
	expect_out '^9-98@2 .* typographic change only$'
	expect_no_out 'amended'
	ot history 9-98 --clause '9-98-010(a)' --format json
	expect_rc 0
	expect_out '"change": *"typographic"'
	# blame keeps crediting the last substantive change: version 1
	ot blame 9-98 --format json
	expect_rc 0
	python3 - "$out_file" <<'PY' || fail "blame: $(head -c 800 "$out_file")"
import json, sys
d = json.load(open(sys.argv[1]))
by = {r["id"]: r for r in d["clauses"]}
# the text shown is the text in force; the credit is version 1's
assert "\u201cVehicle\u201d" in by["9-98-010(a)"]["text"], by["9-98-010(a)"]
assert by["9-98-010(a)"]["version"] == 1, by["9-98-010(a)"]
assert by["9-98-010(c)"]["version"] == 1, by["9-98-010(c)"]
PY
}
typographic_summary_never_amended() {
	typo_tracker
	ot summary 9-98@1..9-98@2
	expect_rc 0
	expect_out '0 amended, 0 renumbered, [34] with a typographic change only'
	expect_out '9-98-010 \(Definitions — general\): heading: typographic change only; \(a\) typographic change only'
	expect_no_out '\) amended|and amended|heading amended'
	ot summary 9-98@1..9-98@2 --format json
	expect_rc 0
}

run_case typographic_diff_text
run_case typographic_diff_json
run_case typographic_diff_exit_code
run_case typographic_word_change_is_modified
run_case typographic_history_and_blame
run_case typographic_summary_never_amended
