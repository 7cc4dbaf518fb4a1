#!/bin/sh
# tests/demo.sh ORDTRACK - the `make demo` walk-through: build a tracker
# from the bundled ordinances/ (manifest.tsv lists the versions, oldest
# first; records/ holds the council, a roll call and two pending records)
# and show the main job: the log, the clause-level changes, a record's
# status and the pending records that collide; then write a summary of
# O2021-117 and publish the static site.
# The tracker is left in ./demo-tracker for further exploring.
set -eu
ot=${1:?usage: tests/demo.sh ORDTRACK}
top=$(cd "$(dirname "$0")/.." && pwd)
dir=demo-tracker
tab=$(printf '\t')

rm -rf "$dir"
"$ot" init "$dir"
export ORDTRACK_DIR="$dir"

# manifest: ordinance date stage record sponsors file title message
# (a TAB is white space to `read`, so empty fields are made "-" first)
grep -v '^#' "$top/ordinances/manifest.tsv" | grep -v '^[[:space:]]*$' |
sed -e "s/$tab$tab/$tab-$tab/g" -e "s/$tab$tab/$tab-$tab/g" -e "s/$tab\$/$tab-/" |
while IFS="$tab" read -r ord date stage record sponsors file title message; do
	if [ "$record" = O2021-117 ]; then
		# not a plain add: the record's life, from introduction to passage
		set -- O2021-117 "$ord" "$top/ordinances/$file" --date 2021-01-13 --title "$message"
		old_ifs=$IFS; IFS=';'
		for s in $sponsors; do set -- "$@" --sponsor "$s"; done
		IFS=$old_ifs
		"$ot" propose "$@"
		"$ot" action O2021-117 --date 2021-01-13 --type referral-committee \
			--body "Committee on Immigrant and Refugee Rights"
		"$ot" action O2021-117 --date 2021-01-19 --type committee-passage \
			--body "Committee on Immigrant and Refugee Rights"
		"$ot" vote O2021-117 --date "$date" --motion "Passage of the ordinance" --result pass \
			--threshold majority-of-members --roll "$top/ordinances/records/O2021-117-roll.csv" \
			> "$dir.vote"
		printf 'Recorded the vote on O2021-117: %s\n' "$(head -1 "$dir.vote")"
		rm -f "$dir.vote"
		"$ot" pass O2021-117 --date "$date"
		continue
	fi
	set -- "$ord" "$top/ordinances/$file" --date "$date" --stage "$stage" --title "$title" -m "$message"
	[ "$record" != - ] && set -- "$@" --record "$record"
	if [ "$sponsors" != - ]; then
		old_ifs=$IFS; IFS=';'
		for s in $sponsors; do set -- "$@" --sponsor "$s"; done
		IFS=$old_ifs
	fi
	"$ot" add "$@"
	if [ "$date" = 2020-12-16 ]; then
		# the council serving from 2019-05-20 (records/members.tsv: name ward from to)
		grep -v '^#' "$top/ordinances/records/members.tsv" | grep -v '^[[:space:]]*$' |
		while IFS="$tab" read -r name ward from to; do
			"$ot" member add "$name" --ward "$ward" --from "$from" --to "$to" >/dev/null
		done
		echo "Added the 50 members of the council (2019-05-20 to 2023-05-15)"
	fi
done

# two illustrative pending records that change 2-173-060(b) differently
"$ot" propose O2022-1001 2-173 "$top/ordinances/records/O2022-1001.txt" --date 2022-03-02 \
	--title "Answer complaints under the Welcoming City chapter within 15 days" \
	--sponsor "Alder 05 (illustrative)"
"$ot" propose O2022-1002 2-173 "$top/ordinances/records/O2022-1002.txt" --date 2022-04-06 \
	--title "Answer complaints within 45 days and report the action taken" \
	--sponsor "Alder 44 (illustrative)" --sponsor "Alder 48 (illustrative)"
"$ot" action O2022-1002 --date 2022-04-06 --type referral-committee --body "Committee on Immigrant and Refugee Rights"

step() { printf '\n\033[1m$ ordtrack %s\033[0m\n' "$*"; "$ot" "$@"; }
[ -t 1 ] || step() { printf '\n$ ordtrack %s\n' "$*"; "$ot" "$@"; }

step log 2-173
step diff 2-173@1 2-173@2 --stat
step diff 2-173
step diff 2-173@2 2-173@3 --format markdown
step show 2-173@2021-01-01 --clause '2-173-042(b)'
step records
step status O2021-117
step conflicts
step blame 2-173
"$ot" diff 2-173@2 2-173@3 --format html > "$dir/O2021-117.html"
"$ot" summary O2021-117 --format markdown > "$dir/O2021-117.md"
step publish --out "$dir/site"
printf '\nHTML redline: %s/O2021-117.html; summary for publication: %s/O2021-117.md;\n' "$dir" "$dir"
printf 'static site: %s/site/index.html; the tracker is %s/ (try: ORDTRACK_DIR=%s ordtrack log)\n' \
	"$dir" "$dir" "$dir"
