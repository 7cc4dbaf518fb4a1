#!/bin/sh
# tests/demo.sh ORDTRACK - the `make demo` walk-through: build a tracker
# from the bundled ordinances/ (manifest.tsv lists the versions, oldest
# first) and show the main job: the log and the clause-level changes.
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
	set -- "$ord" "$top/ordinances/$file" --date "$date" --stage "$stage" --title "$title" -m "$message"
	[ "$record" != - ] && set -- "$@" --record "$record"
	if [ "$sponsors" != - ]; then
		old_ifs=$IFS; IFS=';'
		for s in $sponsors; do set -- "$@" --sponsor "$s"; done
		IFS=$old_ifs
	fi
	"$ot" add "$@"
done

step() { printf '\n\033[1m$ ordtrack %s\033[0m\n' "$*"; "$ot" "$@"; }
[ -t 1 ] || step() { printf '\n$ ordtrack %s\n' "$*"; "$ot" "$@"; }

step log 2-173
step diff 2-173@1 2-173@2 --stat
step diff 2-173
step diff 2-173@2 2-173@3 --format markdown
step show 2-173@2021-01-01 --clause '2-173-042(b)'
"$ot" diff 2-173@2 2-173@3 --format html > "$dir/O2021-117.html"
printf '\nHTML redline written to %s/O2021-117.html; the tracker is %s/ (try: ORDTRACK_DIR=%s ordtrack log)\n' \
	"$dir" "$dir" "$dir"
