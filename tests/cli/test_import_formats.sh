#!/bin/sh
# add, propose and revise read XML (Akoma Ntoso, USLM, code XML) and HTML,
# told apart by content; hostile inputs change nothing
. "$(dirname "$0")/lib.sh"
DATA="$TOP/tests/data/import"


# a tracker in ./t with chapter.txt as 2-173@1; the fixtures copied here
# (messages then name them without a path)
chapter_tracker() {
	cp "$DATA"/* .
	ot init t
	expect_rc 0
	export ORDTRACK_DIR="$PWD/t"
	ot add 2-173 chapter.txt --date 2020-01-01
	expect_rc 0
}

xml_and_html_versions_same_as_text() {
	chapter_tracker
	ot add 2-173 akn_chapter.xml --date 2021-01-01
	expect_rc 0
	[ ! -s "$err_file" ] || fail "unexpected messages: $(cat "$err_file")"
	ot add 2-173 code_page.html --date 2022-01-01
	expect_rc 0
	[ ! -s "$err_file" ] || fail "unexpected messages: $(cat "$err_file")"
	# text -> AKN and AKN -> HTML: the same clauses
	ot diff 2-173@1 2-173@2 --exit-code --stat
	expect_rc 0
	expect_out '^0 modified$'
	expect_out '^22 unchanged$'
	ot diff 2-173@2 2-173@3 --exit-code
	expect_rc 0
	ot diff --files chapter.txt akn_chapter.xml --exit-code
	expect_rc 0
	# a real change is seen through the XML too
	sed 's/every year/every two years/' akn_chapter.xml > changed.xml
	ot diff --files chapter.txt changed.xml --exit-code
	expect_rc 1
	expect_out '~ 2-173-042\(b\)'
	# show prints the clauses read from XML
	ot show 2-173@2
	expect_rc 0
	expect_out '^2-173-010 Definitions\.$'
	expect_out '^\(ii\) a request to keep a person in custody for transfer to federal custody; or$'
	expect_out '^This subsection does not limit the investigation of any crime\.$'
	expect_no_out 'Editor'
	expect_no_out 'History'
	# notes stay out of the text, in the ORDINANCE file
	git --git-dir=t show main~1:ordinances/2-173/ORDINANCE > ord2
	grep -q '"kind": "history"' ord2 || fail "no history note: $(cat ord2)"
	grep -q 'Editor’s note: “ask for” replaced' ord2 || fail "no editorial note"
	git --git-dir=t show main:ordinances/2-173/2-173-020 > s20
	! grep -q 'Editor' s20 || fail "a note entered the clause text"
}

uslm_and_code_xml_add() {
	cp "$DATA"/* .
	ot init t
	export ORDTRACK_DIR="$PWD/t"
	ot add 2-173 uslm_section.xml --date 2020-01-01
	expect_rc 0
	ot show 2-173
	expect_out '^\(a\) No agency or agent shall—$'
	expect_out '^unless a court order requires it; or$'
	expect_no_out 'Coun\. J\.'
	ot add 2-173 uslm_section.txt --date 2020-02-01
	expect_rc 0
	ot diff 2-173 --exit-code
	expect_rc 0
	ot add 2-173 code_section.xml --date 2020-03-01
	expect_rc 0
	ot show 2-173
	expect_out '^2-173-030 Disclosing information prohibited\.$'
	expect_out '^\(2\) a federal or state statute requires it\.$'
}

unknown_element_warns_once() {
	cp "$DATA"/* .
	ot init t
	export ORDTRACK_DIR="$PWD/t"
	ot add 2-173 code_unknown.xml --date 2020-01-01
	expect_rc 0
	expect_err '^ordtrack: warning: code_unknown\.xml:14: unknown element <em2> \(its text is kept in 2-173-050\(a\)\)$'
	expect_err '^ordtrack: warning: code_unknown\.xml:23: unknown element <marginal> \(its text is kept in 2-173-050\)$'
	[ "$(grep -c 'em2' "$err_file")" = 1 ] || fail "<em2> warned more than once"
	ot show 2-173
	expect_out 'languages most widely spoken in the City\.$'
}

content_not_name_decides() {
	chapter_tracker
	cp akn_chapter.xml looks-like-text.txt
	ot add 2-173 looks-like-text.txt --date 2021-01-01
	expect_rc 0
	ot diff 2-173 --exit-code
	expect_rc 0
	# and from stdin
	sed 's/every year/every two years/' code_page.html > page2.html
	set +e
	"$ORDTRACK" add 2-173 - --date 2022-01-01 < page2.html > out 2> err
	r=$?
	set -e
	[ "$r" = 0 ] || fail "stdin HTML: $(cat err)"
	ot diff 2-173 --stat
	expect_out '^1 modified$'
}

hostile_inputs_change_nothing() {
	chapter_tracker
	snap before.snap
	for f in "malformed.xml:malformed\.xml:7: Opening and ending tag mismatch" \
		"unknown_ns.xml:unknown_ns\.xml:3: no section found \(root element <\{urn:x\}doc>\)" \
		"no_clause.xml:no_clause\.xml:3: no section found" \
		"doctype_entity.xml:doctype_entity\.xml:4: the document declares an external entity 'secret'" \
		"invalid_utf8.xml:invalid_utf8\.xml:5: " \
		"duplicate.xml:duplicate\.xml:10: duplicate clause id '2-173-020\(a\)' \(first at line 8\)" \
		"section_line_text.xml:section_line_text\.xml:6: section 2-173-060 cannot be stored as text" \
		"no_section.html:no_section\.html: no section found in the HTML page"; do
		file=${f%%:*}
		msg=${f#*:}
		ot add 2-173 "$file" --date 2021-01-01
		expect_rc 1
		expect_err "^ordtrack: $msg"
		[ "$(wc -l < "$err_file")" = 1 ] || fail "$file: more than one line: $(cat "$err_file")"
		expect_unchanged
		ot propose O2021-9 2-173 "$file" --date 2021-01-02 --title "Bad" --sponsor "Ann Lee"
		expect_rc 1
		expect_err "$msg"
		expect_unchanged
	done
	# the external entity was never read
	! grep -q 'root:' "$err_file" || fail "entity expanded"
}

propose_and_revise_read_xml() {
	chapter_tracker
	sed 's/every year/every six months/' akn_chapter.xml > prop.xml
	ot propose O2021-9 2-173 prop.xml --date 2021-01-02 --title "Reports twice a year" --sponsor "Ann Lee"
	expect_rc 0
	ot diff 2-173 O2021-9 --stat
	expect_out '^1 modified$'
	sed 's/every year/every quarter/' code_page.html > rev.html
	ot revise O2021-9 2-173 rev.html --date 2021-02-01 --stage amended
	expect_rc 0
	ot show O2021-9
	expect_out 'every quarter on its compliance'
}

run_case xml_and_html_versions_same_as_text
run_case uslm_and_code_xml_add
run_case unknown_element_warns_once
run_case content_not_name_decides
run_case hostile_inputs_change_nothing
run_case propose_and_revise_read_xml
