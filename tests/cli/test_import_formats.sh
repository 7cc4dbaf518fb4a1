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
	# the preface's docTitle, when the chapter heading gave the title, is
	# reported as skipped (it used to vanish in silence); nothing else
	expect_err '^ordtrack: akn_chapter\.xml:16: skipped \(markup, not law\): Welcoming City Ordinance \(illustrative\)$'
	[ "$(wc -l < "$err_file")" = 1 ] || fail "unexpected messages: $(cat "$err_file")"
	ot add 2-173 code_page.html --date 2022-01-01
	expect_rc 0
	# the page's navigation and a hidden block hold clause-like lines:
	# skipped, each with a warning (script, style, noscript, button,
	# form controls: silently)
	expect_err '^ordtrack: warning: code_page\.html:14: text in <nav> was skipped, but it reads like a section line: 2-173-005 Purpose \(link\)$'
	expect_err '^ordtrack: warning: code_page\.html:15: text in <div> \(hidden\) was skipped, but it reads like a clause: \(q\) hidden clause$'
	# the notice above the first section is not law: left out, and said
	expect_err '^ordtrack: code_page\.html:[0-9]+: skipped \(preamble, not law\): ILLUSTRATIVE TEXT written for the ordtrack tests; not the official text\.$'
	# and every other skipped element with text is listed with its
	# HTML line (page furniture, hidden text, the toolbar, noscript)
	expect_err '^ordtrack: code_page\.html:13: skipped \(navigation, not law\): Municipal Code Online 2-173-001 Header section\.$'
	expect_err '^ordtrack: code_page\.html:14: skipped \(navigation, not law\): Title 2 2-173-005 Purpose \(link\)$'
	expect_err '^ordtrack: code_page\.html:15: skipped \(hidden, not law\): \(q\) hidden clause$'
	expect_err '^ordtrack: code_page\.html:56: skipped \(navigation, not law\): Print this section$'
	expect_err '^ordtrack: code_page\.html:58: skipped \(markup, not law\): \(z\) enable scripts$'
	expect_err '^ordtrack: code_page\.html:62: skipped \(navigation, not law\): © 2026 Illustrative Code Publisher\. 2-173-999 Footer\.$'
	# the notes of the AKN version: the page has none for 2-173-020
	# (kept, and said) and its own for 2-173-042 (they replace the AKN
	# ones, each listed): four lines, no more (docs/import.md "Notes on add")
	expect_err "^ordtrack: 2-173: 'code_page\.html' carries no notes for 1 section \(2-173-020\); 1 note kept from the version in force"
	expect_err '^ordtrack: 2-173: 2 notes of the version in force are not in the new version:$'
	expect_err '^ordtrack:   2-173-042 \[history\] Added Coun\. J\. 11-8-12, p\. 38872, § 1\. \(replaced by the file.s notes\)$'
	[ "$(wc -l < "$err_file")" = 16 ] || fail "unexpected messages: $(cat "$err_file")"
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
	# the text form carries no notes: --replace-notes records it as it is
	# (without, the XML's notes are kept and the text is unchanged)
	ot add 2-173 uslm_section.txt --date 2020-02-01 --replace-notes
	expect_rc 0
	expect_err ' \(--replace-notes\)$'
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
	expect_err '^ordtrack: warning: code_unknown\.xml:14: unknown element <em2> \(its text is kept in 2-173-050\(a\)\); 2 in this file, the first at this line$'
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
		[ "$(grep -vc '^ordtrack: warning: ' "$err_file")" = 1 ] ||
			fail "$file: more than one line: $(cat "$err_file")"
		expect_unchanged
		ot propose O2021-9 2-173 "$file" --date 2021-01-02 --title "Bad" --sponsor "Ann Lee"
		expect_rc 1
		expect_err "$msg"
		expect_unchanged
	done
	# the section line skipped in no_section.html's <nav> is named
	ot add 2-173 no_section.html --date 2021-01-01
	expect_err '^ordtrack: warning: no_section\.html:5: text in <nav> was skipped, but it reads like a section line: 2-173-010 Definitions\.$'
	[ "$(wc -l < "$err_file")" = 2 ] || fail "no_section.html: $(cat "$err_file")"
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

# a tracker in ./t with 9-99-010 (a) as text, for the cases below
small_tracker() {
	ot init t
	expect_rc 0
	export ORDTRACK_DIR="$PWD/t"
	printf 'CHAPTER 9-99 TEST CHAPTER\n9-99-010 Purpose.\n(a) First.\n' > law.txt
	ot add 9-99 law.txt --date 2020-01-15
	expect_rc 0
	expect_out '^Recorded 9-99 \(1 section\) as commit '
}

# an unknown element keeps its <num> with its text, and one warning per
# unknown element, its inner elements included; an unknown container
# (<division> inside a section) too; no space before punctuation after
# an inline unknown element
xml_unknown_element_keeps_its_num() {
	small_tracker
	cat > u.xml <<'XML'
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="x"><body>
<section><num>9-99-010</num><heading>Purpose.</heading>
<subsection><num>(a)</num><content><p>First <baz xmlns="urn:y">NS-BAZ</baz>.</p></content></subsection>
<foo><num>(b)</num><p>FOO-TEXT</p></foo>
<division><num>(c)</num><p>DIV-TEXT</p></division>
</section></body></act></akomaNtoso>
XML
	ot add 9-99 u.xml --date 2021-01-01
	expect_rc 0
	expect_err '^ordtrack: warning: u\.xml:4: unknown element <foo> \(its text is kept in 9-99-010\)$'
	expect_err '^ordtrack: warning: u\.xml:5: unknown element <division> '
	[ "$(grep -c 'unknown element' "$err_file")" = 3 ] || fail "not one warning per element: $(cat "$err_file")"
	ot show 9-99
	expect_out '^\(a\) First NS-BAZ\.$'
	expect_out '^\(b\) FOO-TEXT$'
	expect_out '^\(c\) DIV-TEXT$'
}

# a DTD's ATTLIST may give an element a default namespace: <foo> and its
# <num> and <p> are then all of urn:x; still one warning, number kept
xml_attlist_default_namespace() {
	small_tracker
	cat > d.xml <<'XML'
<?xml version="1.0"?>
<!DOCTYPE akomaNtoso [<!ATTLIST foo xmlns CDATA "urn:x">]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="x"><body>
<section><num>9-99-010</num><heading>Purpose.</heading>
<subsection><num>(a)</num><content><p>First.</p></content></subsection>
<foo><num>(b)</num><p>FOO-TEXT</p></foo>
</section></body></act></akomaNtoso>
XML
	ot add 9-99 d.xml --date 2021-01-01
	expect_rc 0
	expect_err '^ordtrack: warning: d\.xml:6: unknown element <\{urn:x\}foo> \(its text is kept in 9-99-010\)$'
	[ "$(grep -c 'unknown element' "$err_file")" = 1 ] || fail "more than one warning: $(cat "$err_file")"
	ot show 9-99
	expect_out '^\(b\) FOO-TEXT$'
}

# HTML: a page inside an ASP.NET <form> is read (its controls are not);
# a clause or section line in skipped content (aside, nav, hidden) warns
html_form_and_skipped_clauses() {
	small_tracker
	cat > f.html <<'HTML'
<html><body><form id="form1" method="post" action="./Code.aspx">
<input type="hidden" name="__VIEWSTATE" value="(z) state"><select><option>(y) option</option></select>
<div class="content">
<h2>9-99-010 Purpose.</h2>
<p>(a) Whole page inside an ASP.NET form.</p>
<aside class="note"><p>See also</p><p>(b) Second clause in an aside box.</p></aside>
<div style="display: none"><p>Sec. 9-99-020 Hidden section.</p></div>
<footer>Copyright 2026. Call 312-744-5000.</footer>
<p>(c) Third.</p>
<button>(d) Print</button>
</div></form></body></html>
HTML
	ot add 9-99 f.html --date 2021-01-01
	expect_rc 0
	expect_err '^ordtrack: warning: f\.html:6: text in <aside> was skipped, but it reads like a clause: \(b\) Second clause in an aside box\.$'
	expect_err '^ordtrack: warning: f\.html:7: text in <div> \(hidden\) was skipped, but it reads like a section line: Sec\. 9-99-020 Hidden section\.$'
	[ "$(grep -c 'was skipped' "$err_file")" = 2 ] || fail "unexpected warnings: $(cat "$err_file")"
	ot show 9-99
	expect_out '^\(a\) Whole page inside an ASP\.NET form\.$'
	expect_out '^\(c\) Third\.$'
	expect_no_out 'Second clause|state|option|Print|Copyright'
}

run_case xml_and_html_versions_same_as_text
run_case uslm_and_code_xml_add
run_case unknown_element_warns_once
run_case content_not_name_decides
run_case hostile_inputs_change_nothing
run_case propose_and_revise_read_xml
run_case xml_unknown_element_keeps_its_num
run_case xml_attlist_default_namespace
run_case html_form_and_skipped_clauses
