#!/bin/sh
# ordtrack member import / alias, one person one member, one ward one
# member, sponsor (co-sponsors added after introduction) and
# records --sponsor through aliases
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

members_csv() {
	cat <<'CSV'
# Illustrative: invented members for ordtrack's tests
name,ward,from,to,aliases
Ann Lee,1,2019-05-20,2023-05-15,"Lee, Ann M.;Ald. Lee"
Raúl Ramírez-Ortega,2,2019-05-20,2023-05-15,
Bo O’Rourke,3,2019-05-20,,
CSV
}

member_import_is_idempotent() {
	two_versions
	members_csv > m.csv
	ot member import m.csv --dry-run
	expect_rc 0
	expect_out 'Would import: 3 members new'
	ot member list
	[ ! -s "$out_file" ] || fail "a dry run wrote members: $(cat "$out_file")"
	ot member import m.csv
	expect_rc 0
	expect_out 'Imported: 3 members new, 0 updated'
	snap before.snap
	ot member import m.csv
	expect_rc 0
	expect_out 'Imported: 0 members new, 0 updated'
	expect_unchanged
	# the same people written otherwise: spellings become aliases, the
	# open term gets its end
	printf 'name,ward,to\n"Ramirez-Ortega, Raul",2,\nBo O'"'"'Rourke,3,2023-05-15\n' > m2.csv
	ot member import m2.csv
	expect_rc 0
	expect_out '0 members new, 2 updated'
	ot member list
	expect_out 'Raúl Ramírez-Ortega .*also: Ramirez-Ortega, Raul'
	expect_out "Bo O’Rourke .*2019-05-20 to 2023-05-15  also: Bo O'Rourke"
}

member_import_refusals() {
	two_versions
	members_csv > m.csv
	ot member import m.csv
	snap before.snap
	printf 'name,wrd\nCy Po,4\n' > bad.csv
	ot member import bad.csv
	expect_rc 1
	expect_err "bad.csv:1: unknown column 'wrd'"
	printf 'name,ward,from\nCy Po,4,2021-02-30\n' > bad.csv
	ot member import bad.csv
	expect_rc 1
	expect_err 'bad.csv:2: from: .*2021-02-30'
	printf 'name,ward,from,to\nCy Po,1,2020-01-01,2021-01-01\n' > bad.csv
	ot member import bad.csv
	expect_rc 1
	expect_err 'ward 1 is held by Ann Lee .* and by Cy Po'
	ln -s m.csv link.csv
	ot member import link.csv
	expect_rc 1
	expect_err 'symbolic link'
	expect_unchanged
}

one_person_one_member() {
	two_versions
	ot member add "Ann Lee" --ward 1 --from 2019-05-20
	snap before.snap
	ot member add "Lee, Ann M." --ward 9
	expect_rc 1
	expect_err "'Lee, Ann M.' is Ann Lee \(ward 1"
	ot member add "ALD. ANN LEE" --ward 9
	expect_rc 1
	ot member add "Bo Park" --ward 1
	expect_rc 1
	expect_err 'ward 1 is held by Ann Lee'
	expect_unchanged
	ot member alias "Lee" "Annie Lee"
	expect_rc 0
	ot member alias "Ann Lee" "Annie Lee"
	expect_rc 1
	expect_err 'already known'
	ot member add "Bo Park" --ward 2
	ot member alias "Bo Park" "Ann Lee"
	expect_rc 1
	expect_err "is the name of Ann Lee"
	ot member alias "Nobody" "X"
	expect_rc 1
	expect_err "names no member"
}

cosponsor_added_and_found_by_alias() {
	two_versions
	members_csv > m.csv
	ot member import m.csv
	v2 | sed 's/three minutes/two minutes/' > two.txt
	ot propose O2022-5 9-99 two.txt --date 2022-01-10 --title "Two-minute idling" --sponsor "Lee, Ann"
	expect_rc 0
	ot sponsor O2022-5 "RAMIREZ-ORTEGA, RAUL" --date 2022-02-01
	expect_rc 0
	expect_out 'added Raúl Ramírez-Ortega as a sponsor'
	# a name that is no member is refused unless it is said to be a body
	ot sponsor O2022-5 "Department of Streets" --date 2022-02-02
	expect_rc 1
	expect_err "names no member serving on 2022-02-02"
	expect_err 'give .-body'
	ot sponsor O2022-5 "Ramirez-Ortga" --date 2022-02-02
	expect_rc 1
	ot sponsor O2022-5 "Department of Streets" --date 2022-02-02 --body
	expect_rc 0
	expect_out 'added Department of Streets'
	ot status O2022-5 --format json
	expect_out '"Raúl Ramírez-Ortega"'
	expect_out '"Department of Streets"'
	expect_out '"type": "sponsorship"'
	expect_out 'Add Co-Sponsor\(s\): Raúl Ramírez-Ortega'
	snap before.snap
	ot sponsor O2022-5 "Raul Ramirez-Ortega" --date 2022-02-03
	expect_rc 1
	expect_err 'already a sponsor'
	ot sponsor O2022-5 "Bo O'Rourke" --date 2022-02-03 --remove
	expect_rc 1
	expect_err 'not a sponsor'
	ot sponsor O2022-5 "Bo O'Rourke" --date 2021-01-01
	expect_rc 1
	expect_err 'before O2022-5 was introduced'
	ot sponsor O2022-5 "Bo O'Rourke"
	expect_rc 2
	expect_unchanged
	ot sponsor O2022-5 "Department of Streets" --date 2022-03-01 --remove --body
	expect_rc 0
	# found under any spelling of the member's name, or an alias
	for who in "Ald. Lee" "Lee, Ann M." "ann lee" "Ramirez-Ortega" "Raul Ramirez-Ortega"; do
		ot records --sponsor "$who"
		expect_rc 0
		expect_out '^O2022-5 '
	done
	ot records --sponsor "Department of Streets"
	expect_rc 0
	expect_no_out 'O2022-5'
}

run_case member_import_is_idempotent
run_case member_import_refusals
run_case one_person_one_member
run_case cosponsor_added_and_found_by_alias

member_page_lists_sponsored_records() {
	two_versions
	members_csv > m.csv
	ot member import m.csv
	v2 | sed 's/three minutes/two minutes/' > two.txt
	ot propose O2022-5 9-99 two.txt --date 2022-01-10 --title "Two-minute idling" --sponsor "Lee, Ann"
	expect_rc 0
	ot sponsor O2022-5 "Ramirez-Ortega" --date 2022-02-01
	expect_rc 0
	ot publish --out site
	expect_rc 0
	lee=$(grep -l '<h1>Ann Lee</h1>' site/members/*.html) || fail "no page for Ann Lee"
	grep -q '<h2>Sponsored</h2>' "$lee" || fail "no Sponsored section"
	grep -q 'href="../records/O2022-5.html">O2022-5</a>' "$lee" || fail "O2022-5 not on Ann Lee's page"
	grep -q '<td>primary</td>' "$lee" || fail "Ann Lee not the primary sponsor"
	raul=$(grep -l '<h1>Raúl Ramírez-Ortega</h1>' site/members/*.html) || fail "no page for Raúl"
	grep -q '<td>co-sponsor</td>' "$raul" || fail "Raúl not a co-sponsor"
	bo=$(grep -l "<h1>Bo O’Rourke</h1>" site/members/*.html) || fail "no page for Bo"
	grep -q 'No records sponsored.' "$bo" || fail "Bo sponsored nothing"
}

run_case member_page_lists_sponsored_records
