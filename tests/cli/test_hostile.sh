#!/bin/sh
# Hostile input to every command: unsafe names, SQL metacharacters,
# impossible dates, bad counts, hostile git trees.  Each case shows a
# clear error (or, for metacharacters, the text verbatim), never a crash,
# and leaves the tracker untouched.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

# a clear refusal: exit 1 or 2 (never a signal), one short message
expect_refused() {
	[ "$rc" -eq 1 ] || [ "$rc" -eq 2 ] || fail "exit status $rc for: $*; stderr: $(head -c 300 "$err_file")"
	[ -s "$err_file" ] || fail "no message for: $*"
	[ "$(wc -l < "$err_file")" -le 3 ] || fail "a long message for: $*: $(head -c 300 "$err_file")"
}

council() {
	two_versions
	for m in "Ann Lee|1" "Bo Park|2" "Cy Diaz|3"; do
		ot member add "${m%|*}" --ward "${m#*|}" --from 2019-05-20
		expect_rc 0
	done
	v2 | sed 's/three minutes/two minutes/' > two.txt
	ot propose O2022-5 9-99 two.txt --date 2022-01-10 --title "Two-minute idling" --sponsor "Ann Lee"
	expect_rc 0
}

BAD_NAMES='../x
a/b
.git
.GIT
git~1
x.
x 
-x
a\b
a..b
x.lock
'

unsafe_names_refused_by_every_command() {
	council
	printf 'a\001b\n' > ctl.name
	awk 'BEGIN { for (i = 0; i < 201; i++) printf "a"; print "" }' > long.name
	snap before.snap
	{ printf '%s' "$BAD_NAMES"; cat ctl.name long.name; } > names.txt
	while IFS= read -r n; do
		# VERB|REST: the name comes right after the verb
		for cmd in "add|v1.txt --date 2022-02-01" "show|" "log|" "diff|" "history|--clause x" "blame|" \
			   "export|--format akn" "status|" "vote|--date 2022-02-01 --motion M --result pass --yes Lee" \
			   "action|--date 2022-02-01 --type referral" "pass|--date 2022-02-01" "fail|--date 2022-02-01" \
			   "withdraw|--date 2022-02-01" "revise|9-99 two.txt --date 2022-02-01"; do
			# shellcheck disable=SC2086
			ot "${cmd%%|*}" "$n" ${cmd#*|}
			expect_refused "${cmd%%|*} '$n'"
		done
		ot propose "$n" 9-99 two.txt --date 2022-02-01 --title T --sponsor "Ann Lee"
		expect_refused "propose '$n'"
		ot propose O2022-9 "$n" two.txt --date 2022-02-01 --title T --sponsor "Ann Lee"
		expect_refused "propose with ordinance '$n'"
	done < names.txt
	expect_unchanged
}

sql_metacharacters_kept_verbatim() {
	two_versions
	title="Robert'); DROP TABLE versions; -- \"%s\" \\ _%"
	ot member add "O'Brien; DELETE FROM x" --ward 7 --from 2019-05-20
	expect_rc 0
	v2 | sed 's/three minutes/two minutes/' > two.txt
	ot propose "O2022-1" 9-99 two.txt --date 2022-01-10 --title "$title" --sponsor "O'Brien; DELETE FROM x"
	expect_rc 0
	ot status O2022-1
	expect_rc 0
	grep -qF "$title" "$out_file" || fail "title not verbatim: $(head -3 "$out_file")"
	grep -qF "O'Brien; DELETE FROM x" "$out_file" || fail "sponsor not verbatim"
	ot action O2022-1 --date 2022-01-11 --type referral-committee --body "Rules'; --" --text "it's \"quoted\" %d %n"
	expect_rc 0
	ot status O2022-1
	grep -qF "it's \"quoted\" %d %n" "$out_file" || fail "action text not verbatim: $(cat "$out_file")"
	ot add 9-99 v1.txt --date 2022-03-01 -m "x'); DROP TABLE commits;--"
	expect_rc 0
	ot log 9-99
	expect_out "x'\\); DROP TABLE commits;--"
	ot search "DROP"
	[ "$rc" -le 1 ] || fail "search crashed on metacharacters: $rc"
	ot search "'\"*:()^-"
	[ "$rc" -le 2 ] || fail "search: exit $rc"
	[ -s "$err_file" ] || [ "$rc" -eq 0 ] || fail "search failed silently"
	ot search "NEAR(a b) OR x:y"
	[ "$rc" -le 2 ] || fail "search: exit $rc"
	ot log
	expect_rc 0
	ot reindex
	expect_rc 0
	ot log 9-99
	expect_out "x'\\); DROP TABLE commits;--"
}

# U+202E (right-to-left override) and U+2067 (right-to-left isolate) in a
# name or title would reorder whatever is printed after it: a roll call or
# a published page could be made to read otherwise
bidi_controls_refused() {
	council
	snap before.snap
	rlo=$(printf 'Evil \342\200\256Name')
	rli=$(printf 'Evil \342\201\247Name')
	for bad in "$rlo" "$rli"; do
		ot member add "$bad" --ward 9
		expect_refused member add
		expect_err 'bidirectional control U\+20(2E|67)'
		ot propose O2022-6 9-99 two.txt --date 2022-01-10 --title "$bad" --sponsor "Ann Lee"
		expect_refused propose --title
		ot action O2022-5 --date 2022-01-11 --type referral-committee --body "$bad"
		expect_refused action --body
	done
	expect_unchanged
	# right-to-left scripts themselves are fine
	ot member add "$(printf 'Dana \327\220\327\221')" --ward 9
	expect_rc 0
}

impossible_dates_refused() {
	council
	snap before.snap
	for d in 2023-02-30 2023-02-29 2023-13-01 2023-00-10 2023-04-31 99999-01-01 0000-01-01 2023-1-1 \
		 "2023-01-01 " 2023-01-01x "" yesterday 2023-06-31; do
		ot add 9-99 v1.txt --date "$d"
		expect_refused "add --date '$d'"
		ot propose O2022-7 9-99 two.txt --date "$d" --title T --sponsor "Ann Lee"
		expect_refused "propose --date '$d'"
		ot vote O2022-5 --date "$d" --motion M --result pass --yes "Ann Lee"
		expect_refused "vote --date '$d'"
		ot action O2022-5 --date "$d" --type referral-committee
		expect_refused "action --date '$d'"
		ot member add "New Person" --ward 9 --from "$d"
		expect_refused "member --from '$d'"
		ot pass O2022-5 --date 2022-02-01 --effective "$d"
		expect_refused "pass --effective '$d'"
		ot show "9-99@$d"
		expect_refused "show 9-99@'$d'"
	done
	ot add 9-99 v1.txt --date 2024-02-29
	expect_rc 0
	snap before.snap
	expect_unchanged
}

bad_counts_refused() {
	council
	snap before.snap
	for n in -1 99999999999999999999 1e3 "" 3x 0x10; do
		ot member add "New Person" --ward "$n" --from 2020-01-01
		expect_refused "--ward '$n'"
		ot diff 9-99 --context "$n"
		expect_refused "--context '$n'"
		ot show "9-99@$n"
		expect_refused "show 9-99@'$n'"
	done
	ot show "9-99@0"
	expect_refused "show 9-99@0"
	ot show "9-99@3"
	expect_refused "show 9-99@3 (only two versions)"
	ot diff "9-99@1" "9-99@99999999999999999999"
	expect_refused "diff @huge"
	ORDTRACK_MAX_INPUT=-5 "$ORDTRACK" show 9-99 >/dev/null 2>&1 || fail "a bad ORDTRACK_MAX_INPUT broke show"
	expect_unchanged
}

# a tree written by someone else: ordinances/9-99 with entry $1 (mode $2)
hostile_main() {
	b=$(printf '9-99-050 Evil.\n(a) text\n' | git --git-dir=t hash-object -w --stdin)
	ord=$(git --git-dir=t rev-parse main:ordinances/9-99)
	neword=$({ git --git-dir=t ls-tree "$ord"; printf '%s %s %s\t%s\n' "$2" "$3" "$b" "$1"; } | git --git-dir=t mktree)
	top=$(git --git-dir=t rev-parse main^{tree})
	ords=$(git --git-dir=t rev-parse main:ordinances)
	newords=$(git --git-dir=t ls-tree "$ords" | sed "s/[0-9a-f]\{40\}\t9-99\$/$neword\t9-99/" | git --git-dir=t mktree)
	newtop=$(git --git-dir=t ls-tree "$top" | sed "s/[0-9a-f]\{40\}\tordinances\$/$newords\tordinances/" | git --git-dir=t mktree)
	c=$(git --git-dir=t commit-tree "$newtop" -p main -m "Ordinance: 9-99
Stage: enacted
Date: 2022-05-01")
	git --git-dir=t update-ref refs/heads/main "$c"
}

hostile_trees_refused_on_read() {
	for entry in "..|100644|blob" ".git|100644|blob" "9-99-050|120000|blob" ".GIT|100644|blob" \
		     "x y|100644|blob" "-rf|100644|blob"; do
		rm -rf t
		two_versions
		hostile_main "${entry%%|*}" "$(echo "$entry" | cut -d'|' -f2)" "${entry##*|}"
		for cmd in "show 9-99" "diff 9-99" "log 9-99" "reindex" "blame 9-99" "export 9-99 --format akn"; do
			# shellcheck disable=SC2086
			ot $cmd
			[ "$rc" -ne 0 ] || fail "'$cmd' accepted a tree with entry '${entry%%|*}': $(head -3 "$out_file")"
			expect_refused "$cmd with entry '${entry%%|*}'"
			expect_err 'unsafe|symlink|not a regular file|invalid|refus'
		done
		ot fsck
		[ "$rc" -eq 1 ] || fail "fsck did not report the entry '${entry%%|*}' (exit $rc)"
	done
}

# hostile XML and HTML given to add, propose and propose --redline: each
# refused with a message naming the file, nothing written, nothing read
# from outside (the secret never appears anywhere)
hostile_documents_refused() {
	two_versions
	echo "TOP-SECRET-$$" > secret.txt
	S="$PWD/secret.txt"
	w() { printf '%s\n' "$2" > "$1"; }
	w ext-entity.xml "<?xml version=\"1.0\"?><!DOCTYPE section [<!ENTITY x SYSTEM \"file://$S\">]><section><num>9-99-010</num><heading>X</heading><text>&x;</text></section>"
	w ext-param.xml "<?xml version=\"1.0\"?><!DOCTYPE section [<!ENTITY % p SYSTEM \"file://$S\"> %p;]><section><num>9-99-010</num><text>t</text></section>"
	w dtd-file.xml "<?xml version=\"1.0\"?><!DOCTYPE section SYSTEM \"file://$S\"><section><num>9-99-010</num><text>t</text></section>"
	w dtd-http.xml "<?xml version=\"1.0\"?><!DOCTYPE section SYSTEM \"http://127.0.0.1:9/x.dtd\"><section><num>9-99-010</num><text>t</text></section>"
	w laughs.xml "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><section><num>9-99-010</num><text>&d;&d;&d;&d;</text></section>"
	awk 'BEGIN { printf "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY big \""; for (i = 0; i < 20000; i++) printf "x";
		printf "\">]><section><num>9-99-010</num><text>"; for (i = 0; i < 5000; i++) printf "&big;"; print "</text></section>" }' > quadratic.xml
	awk 'BEGIN { printf "<?xml version=\"1.0\"?><section><num>9-99-010</num>"; for (i = 0; i < 10000; i++) printf "<para>";
		for (i = 0; i < 10000; i++) printf "</para>"; print "</section>" }' > deep.xml
	awk 'BEGIN { printf "<html><body><h2>9-99-010 Purpose.</h2>"; for (i = 0; i < 10000; i++) printf "<div>"; print "<p>(a) x</p></body></html>" }' > deep.html
	printf '\357\273\277<?xml version="1.0" encoding="ISO-8859-1"?><section><num>9-99-010</num><text>t</text></section>\n' > bom.xml
	printf '<section><num>9-99-010</num><text>bad \300\257 utf8</text></section>\n' > overlong.xml
	printf '9-99-010 Purpose.\n(a) a NUL \000 byte.\n' > nul.txt
	for f in ext-entity.xml ext-param.xml dtd-file.xml dtd-http.xml laughs.xml quadratic.xml deep.xml deep.html \
		 bom.xml overlong.xml nul.txt; do
		snap before.snap
		ot add 9-99 "$f" --date 2022-01-01
		expect_refused "add $f"
		expect_err "$f"
		ot propose O2022-8 9-99 "$f" --date 2022-01-01 --title T --sponsor "Ann Lee"
		expect_refused "propose $f"
		ot propose O2022-8 9-99 --redline "$f" --date 2022-01-01 --title T --sponsor "Ann Lee"
		expect_refused "propose --redline $f"
		expect_unchanged
	done
	# XInclude and a stylesheet processing instruction are ignored, never followed
	w xinclude.xml "<?xml version=\"1.0\"?><?xml-stylesheet href=\"file://$S\"?><section xmlns:xi=\"http://www.w3.org/2001/XInclude\"><num>9-99-050</num><heading>Included.</heading><text>Before <xi:include href=\"file://$S\" parse=\"text\"/> after.</text></section>"
	ot add 9-99 xinclude.xml --date 2022-01-01
	ot show 9-99
	! grep -rq "TOP-SECRET" "$out_file" t 2>/dev/null || fail "the secret file was read into the tracker"
	# a 1 GB (sparse) file is refused before it is read
	truncate -s 1G huge.txt
	snap before.snap
	ot add 9-99 huge.txt --date 2022-01-01
	expect_refused "add huge.txt"
	expect_err 'input limit'
	expect_unchanged
	! grep -rq "TOP-SECRET" t || fail "the secret file was read into the tracker"
}

run_case unsafe_names_refused_by_every_command
run_case hostile_documents_refused
run_case sql_metacharacters_kept_verbatim
run_case bidi_controls_refused
run_case impossible_dates_refused
run_case bad_counts_refused
run_case hostile_trees_refused_on_read
