#!/bin/sh
# ordtrack propose/revise --redline: amendment documents in strike/underline
# form applied to the text in force (fixtures in tests/data/redline/,
# illustrative, modelled on chapter 2-173 in ordinances/)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

RL="$TOP/tests/data/redline"


# a tracker in ./t with chapter 2-173 as amended in 2020
chapter() {
	ot init t
	expect_rc 0
	export ORDTRACK_DIR="$PWD/t"
	ot add 2-173 "$SAMPLES/2-173/2020-amendment.txt" --date 2020-12-16 --stage enacted --title "Welcoming City"
	expect_rc 0
}

propose() { # RECORD ORD-ARGS...
	rec=$1
	shift
	ot propose "$rec" "$@" --date 2021-01-13 --title "Remove the exceptions" --sponsor "Lori E. Lightfoot"
}

# the clause texts of a record's 2-173 (the title line aside)
text_of() { ot show "$1"; expect_rc 0; tail -n +2 "$out_file" > "$2"; }

redline_html_gives_the_full_text() {
	chapter
	propose O2021-117 2-173 --redline "$RL/amend-2021.html"
	expect_rc 0
	expect_out '^Proposed O2021-117 \(ordinance, 1 ordinance\)'
	propose O2021-900 2-173 "$SAMPLES/2-173/2021-amendment.txt"
	expect_rc 0
	text_of O2021-117 red.txt
	text_of O2021-900 full.txt
	cmp -s red.txt full.txt || fail "redline and full text differ: $(diff red.txt full.txt | head -8)"
}

redline_diff_shows_struck_and_inserted_words() {
	chapter
	propose O2021-117 2-173 --redline "$RL/amend-2021.html"
	expect_rc 0
	ot diff O2021-117
	expect_rc 0
	expect_out '^~ 2-173-040~1$'
	expect_out 'use City \[-money-\]\{\+funds\+\}, facilities'
	expect_out '^    \[-Except as provided in subsection \(b\) of this section, no-\]\{\+No\+\} agency or agent shall:$'
	expect_out '^- 2-173-042\(b\)$'
	expect_out '^- 2-173-042\(b\)\(4\)$'
	expect_out 'with the \{\+Office of \+\}Inspector General\[- or with-\]\{\+, the Commission on Human Relations or\+\} the agency concerned\.$'
	expect_out '^\+ 2-173-070\(c\)$'
	expect_out '^4 added, 5 removed, 3 modified, 0 renumbered, [0-9]+ unchanged$'
	# nothing else changed: exactly those words
	[ "$(grep -c '^[~+-] ' "$out_file")" -eq 12 ] || fail "unexpected changes: $(grep '^[~+-] ' "$out_file")"
	ot diff O2021-117 --format json
	[ "$(grep -c '"op": "delete"' "$out_file")" -eq 3 ] || fail "expected 3 deletions: $(grep -A1 '"op": "delete"' "$out_file")"
	[ "$(grep -c '"op": "insert"' "$out_file")" -eq 4 ] || fail "expected 4 insertions"
}

redline_text_markers() {
	chapter
	propose O2021-117 2-173 --redline "$RL/amend-2021.txt"
	expect_rc 0
	propose O2021-900 2-173 "$SAMPLES/2-173/2021-amendment.txt"
	expect_rc 0
	text_of O2021-117 red.txt
	text_of O2021-900 full.txt
	cmp -s red.txt full.txt || fail "text redline and full text differ: $(diff red.txt full.txt | head -8)"
}

bad_redline_lists_mismatches_and_writes_nothing() {
	chapter
	snap before.snap
	propose O2021-117 2-173 --redline "$RL/bad.html"
	expect_rc 1
	expect_err 'bad\.html: 3 passages do not match the text in force of 2-173:$'
	expect_err '^  2-173-020\(a\) \(line 6\): struck "request" not found; in force: "No agent or agency shall ask for information'
	expect_err '^  2-173-042\(a\)\(2\) \(line 1[34]\): struck "legally" not found; in force: "arrest, detain'
	expect_err '^  2-173-042\(b\)\(1\) \(line 18\): struck "federal" not found; in force: "is the subject of an outstanding criminal warrant;"$'
	expect_err '^nothing was recorded$'
	snap after.snap
	cmp -s before.snap after.snap || fail "the tracker changed: $(diff before.snap after.snap | head -5)"
	ot status O2021-117
	[ "$rc" -ne 0 ] || fail "a record was created"
}

revise_with_redline() {
	chapter
	propose O2021-117 2-173 --redline "$RL/amend-2021.txt"
	expect_rc 0
	ot revise O2021-117 2-173 --redline "$RL/revise.txt" --date 2021-01-19
	expect_rc 0
	expect_out '^Revised O2021-117 \(substitute text\)'
	ot diff O2021-117@1 O2021-117
	expect_rc 0
	expect_out '^~ 2-173-070\(c\)$'
	expect_out 'individual agent\{\+ or employee\+\}\.$'
	expect_out '^0 added, 0 removed, 1 modified'
	# the revision applies to the record's text, not to main: 2-173-070 is
	# not in force, so the same redline cannot be proposed against main
	snap before.snap
	propose O2021-200 2-173 --redline "$RL/revise.txt"
	expect_rc 1
	expect_err '2-173-070 \(line 1\): no such section in force'
	snap after.snap
	cmp -s before.snap after.snap || fail "the tracker changed"
}

redline_argument_order() {
	chapter
	propose O2021-117 --redline "$RL/amend-2021.txt" 2-173
	expect_rc 2
	expect_err 'must follow the ordinance it amends'
	propose O2021-117 2-173
	expect_rc 2
	ot revise O2021-117 2-173 --redline "$TOP/no/such/file.html" --date 2021-01-19
	expect_rc 1
	# options may come anywhere; each --redline belongs to the ORD before it
	ot propose --date 2021-01-13 O2021-117 --title "T" 2-173 --sponsor "Lori E. Lightfoot" --redline "$RL/amend-2021.txt"
	expect_rc 0
}

redline_refuses_xml_and_bad_bytes() {
	chapter
	printf '<?xml version="1.0"?>\n<section><num>2-173-020</num></section>\n' > x.xml
	propose O1 2-173 --redline x.xml
	expect_rc 1
	expect_err 'x\.xml: an XML document is not a redline'
	printf '2-173-060 Complaints.\n(a) Any \377 person\n' > bad.txt
	propose O1 2-173 --redline bad.txt
	expect_rc 1
	expect_err 'bad\.txt:2: invalid UTF-8'
	expect_err '^nothing was recorded$'
}

# between omission marks, shown words match whole words only: "ph" is not
# the "ph" of "alpha"; the same edit on a whole word works
redline_omission_pieces_match_whole_words() {
	repeated_clauses
	snap before.snap
	printf '9-99-010 Purpose.\n(b) * * * [[ph]]{{PH}} * * *\n' > r.txt
	propose_redline O1 r.txt
	expect_rc 1
	expect_err 'not in the text in force \(whole words, in order\)'
	expect_err '^nothing was recorded$'
	expect_unchanged
	printf '9-99-010 Purpose.\n(b) alph * * *\n' > r2.txt
	propose_redline O1 r2.txt
	expect_rc 1
	expect_unchanged
	printf '9-99-010 Purpose.\n(b) * * * [[beta]]{{BETA}} gamma * * *\n' > r3.txt
	propose_redline O1 r3.txt
	expect_rc 0
	ot show O1
	expect_out '^\(b\) alpha BETA gamma delta\.$'
}

# a struck passage that occurs twice, with nothing shown around it to say
# which: refused, naming clause and passage; context that decides works
redline_ambiguous_passage_refused() {
	repeated_clauses
	snap before.snap
	printf '9-99-010 Purpose.\n(a) * * * [[vehicle]]{{truck}} * * *\n' > r.txt
	propose_redline O1 r.txt
	expect_rc 1
	expect_err '9-99-010\(a\) \(line 2\): passage "vehicle" occurs 2 times'
	expect_err 'show more of the words around it'
	expect_unchanged
	printf '9-99-010 Purpose.\n(a) * * * sidewalk or a [[vehicle]]{{truck}} * * *\n' > r2.txt
	propose_redline O1 r2.txt
	expect_rc 0
	ot show O1
	expect_out '^\(a\) No person shall park a vehicle on a sidewalk or a truck on a lawn\.$'
	printf '9-99-010 Purpose.\n(a) No person shall park a [[vehicle]]{{car}} * * *\n' > r3.txt
	propose_redline O2 r3.txt
	expect_rc 0
	ot show O2
	expect_out '^\(a\) No person shall park a car on a sidewalk or a vehicle on a lawn\.$'
}

# "(2) vehicles in traffic." after "* * *" fits (a)(2) and (b)(2): refused
# with both ids; the parent shown, or the next clause shown, decides
redline_ambiguous_clause_refused() {
	repeated_clauses
	snap before.snap
	printf '9-99-020 Rules.\n* * *\n(2) vehicles in [[traffic]]{{a parade}}.\n' > r.txt
	propose_redline O1 r.txt
	expect_rc 1
	expect_err 'r\.txt:3: clause "\(2\) vehicles in traffic\.", shown after omitted text'
	expect_err '9-99-020\(a\)\(2\), 9-99-020\(b\)\(2\)'
	expect_unchanged
	printf '9-99-020 Rules.\n* * *\n(b) Idling is banned for:\n(2) vehicles in [[traffic]]{{a parade}}.\n' > r2.txt
	propose_redline O1 r2.txt
	expect_rc 0
	ot show O1
	expect_out '^\(2\) vehicles in a parade\.$'
	tail -1 "$out_file" | grep -q 'a parade' || fail "not (b)(2): $(cat "$out_file")"
	printf '9-99-020 Rules.\n* * *\n(2) vehicles in [[traffic]]{{a parade}}.\n(b) Idling is banned for:\n' > r3.txt
	propose_redline O2 r3.txt
	expect_rc 0
	ot show O2
	tail -1 "$out_file" | grep -q 'in traffic' || fail "(b)(2) changed: $(cat "$out_file")"
	expect_out '^\(2\) vehicles in a parade\.$'
}

# an HTML fragment (no <html>) is HTML, as for ordtrack add
redline_html_fragment() {
	repeated_clauses
	printf '<p>9-99-010 Purpose.</p>\n<p>(b) alpha <s>beta</s> gamma delta.</p>\n' > frag.html
	propose_redline O1 frag.html
	expect_rc 0
	ot show O1
	expect_out '^\(b\) alpha gamma delta\.$'
}

# underscored text inside struck text would be in neither version: refused
redline_inserted_inside_struck_refused() {
	repeated_clauses
	snap before.snap
	printf '<p>9-99-010 Purpose.</p>\n<p>(b) alpha <s>beta <u>INS</u></s> gamma delta.</p>\n' > n.html
	propose_redline O1 n.html
	expect_rc 1
	expect_err 'n\.html:2: text "INS" is both struck and underscored'
	expect_unchanged
	printf '<p>9-99-010 Purpose.</p>\n<p>(b) alpha <s>beta</s> <u>INS</u> gamma delta.</p>\n' > ok.html
	propose_redline O1 ok.html
	expect_rc 0
	ot show O1
	expect_out '^\(b\) alpha INS gamma delta\.$'
}

# striking the first paragraph of a list leaves "(2)" that the text
# parser cannot keep (defect_text_lone_second_paragraph_kept): the error
# names the clause and the line, and renumbering works
redline_strike_first_paragraph_keeps_the_rest() {
	repeated_clauses
	# striking the first item leaves the list starting at (2), which the
	# text reader keeps as clause (2) under (b) (a clause ending in ':')
	printf '9-99-020 Rules.\n* * *\n(b) Idling is banned for:\n[[(1) buses; and]]\n' > r.txt
	propose_redline O1 r.txt
	expect_rc 0
	ot show O1
	expect_no_out 'buses'
	expect_out '^\(2\) vehicles in traffic\.$'
	ot diff O1
	expect_out '^- 9-99-020\(b\)\(1\)$'
	expect_no_out '9-99-020\(b\)\(2\)'
	# or renumbered in the same amendment
	printf '9-99-020 Rules.\n* * *\n(b) Idling is banned for:\n[[(1) buses; and]]\n[[(2)]]{{(1)}} vehicles in traffic.\n' > r2.txt
	propose_redline O2 r2.txt
	expect_rc 0
	ot show O2
	expect_no_out 'buses'
	tail -1 "$out_file" | grep -q '^(1) vehicles in traffic\.$' || fail "$(cat "$out_file")"
}

run_case redline_html_gives_the_full_text
run_case redline_diff_shows_struck_and_inserted_words
run_case redline_text_markers
run_case bad_redline_lists_mismatches_and_writes_nothing
run_case revise_with_redline
run_case redline_argument_order
run_case redline_refuses_xml_and_bad_bytes
run_case redline_omission_pieces_match_whole_words
run_case redline_ambiguous_passage_refused
run_case redline_ambiguous_clause_refused
run_case redline_html_fragment
run_case redline_inserted_inside_struck_refused
run_case redline_strike_first_paragraph_keeps_the_rest
