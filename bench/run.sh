#!/bin/sh
# bench/run.sh BUILD_DIR - `make bench`: ordtrack against the git command
# line on the same data.  Deterministic data from bench/gen_code (20,000
# sections, about 20 MB, and a next version with planted changes).
#
# Prints a table: median wall time of RUNS runs of each command, the ratio
# ordtrack/git, and the peak RSS of the ordtrack runs against the combined
# size of the two texts; then checks that the reported changes are exactly
# the planted ones.  Targets (from the issues) are printed beside each row.
#
# Publish (issue 5; RECORDS=1000, RUNS_PUBLISH=3): bench/gen_records makes a
# tracker of 50 members, 20 chapters of 20 sections and RECORDS records over
# four years (its counts and time are printed).  Rows, no targets given:
#   generate the tracker         wall time of gen_records
#   publish --out DIR, full      median of RUNS_PUBLISH runs, each into a new
#                                directory; pages (*.html files) and pages/s
#   publish, incremental ...     one run into the last of those directories
#                                after one `ordtrack vote` on a pending
#                                record; "W written, K kept" as publish said
#   publish, nothing changed     median of RUNS_PUBLISH more runs there
#   peak RSS: full publish
# and the machine load (/proc/loadavg) around the measurements.  The
# section fails unless the full run wrote every page, the incremental run
# wrote some but not all, and the last runs wrote none.
set -eu
build=${1:?usage: bench/run.sh BUILD_DIR}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
RUNS=${RUNS:-5}
SECTIONS=${SECTIONS:-20000}
ot="$top/$build/ordtrack"
timeit="$top/$build/bench/timeit"
out="$top/bench/out"
rm -rf "$out"
mkdir -p "$out"

echo "generating $SECTIONS sections..."
"$top/$build/bench/gen_code" "$out" --sections "$SECTIONS" --seed 1
old_size=$(stat -c %s "$out/old.txt")
new_size=$(stat -c %s "$out/new.txt")
both_kb=$(( (old_size + new_size) / 1024 ))

export ORDTRACK_DIR="$out/tracker"
"$ot" init "$ORDTRACK_DIR" >/dev/null
t_add1=$("$timeit" 1 /dev/null -- "$ot" add code "$out/old.txt" --date 2020-01-01 -m "old")
t_add2=$("$timeit" 1 /dev/null -- "$ot" add code "$out/new.txt" --date 2021-01-01 -m "new")

row() { # label ours theirs target
	o=${2% *}; g=${3% *}
	ratio=$(awk -v a="$o" -v b="$g" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
	printf '%-44s %9ss %9ss %7s  %s\n' "$1" "$o" "$g" "$ratio" "$4"
}

d_ot=$("$timeit" "$RUNS" "$out/diff.json" -- "$ot" diff code@1 code@2 --format json)
d_git=$("$timeit" "$RUNS" /dev/null -- git --git-dir="$ORDTRACK_DIR" diff --word-diff main~1 main)
f_ot=$("$timeit" "$RUNS" "$out/files.json" -- "$ot" diff --files "$out/old.txt" "$out/new.txt" --format json)
f_git=$("$timeit" "$RUNS" /dev/null -- git diff --no-index --word-diff "$out/old.txt" "$out/new.txt")

echo
printf '%-44s %10s %10s %7s  %s\n' "benchmark ($SECTIONS sections, median of $RUNS)" ordtrack git ratio target
row "diff --format json, stored versions" "$d_ot" "$d_git" "<= 1.0"
row "diff --files on the flat texts" "$f_ot" "$f_git" "<= 1.5"
rss1=${d_ot#* }; rss2=${f_ot#* }
printf '%-44s %9sK %9sK %7s  %s\n' "peak RSS: stored diff / texts (KiB)" "$rss1" "$both_kb" \
	"$(awk -v a="$rss1" -v b="$both_kb" 'BEGIN { printf "%.2f", a / b }')" "<= 3.0"
printf '%-44s %9sK %9sK %7s  %s\n' "peak RSS: --files diff / texts (KiB)" "$rss2" "$both_kb" \
	"$(awk -v a="$rss2" -v b="$both_kb" 'BEGIN { printf "%.2f", a / b }')" "<= 3.0"
pt=$("$top/$build/bench/parse_time" "$out/old.txt" "$RUNS")
printf '%-44s %9ss %9ss %7s  %s\n' "parse, conservation check on / off" "${pt%% *}" \
	"$(echo "$pt" | cut -d' ' -f2)" "${pt##* }" "<= 1.10"
printf '%-44s %9ss\n' "add: first version ($((old_size / 1048576)) MB)" "${t_add1% *}"
printf '%-44s %9ss\n' "add: next version" "${t_add2% *}"
echo
echo "planted changes, stored diff:"
"$top/$build/bench/check_truth" "$out/diff.json" "$out/truth.txt"
echo "planted changes, --files diff:"
"$top/$build/bench/check_truth" "$out/files.json" "$out/truth.txt"

# ---- history and blame (issue: 1,000 versions of a 200-section ordinance) ----
VERSIONS=${VERSIONS:-1000}
hist="$out/history"
mkdir -p "$hist"
"$top/$build/bench/gen_code" "$hist" --sections 200 --seed 7 >/dev/null
export ORDTRACK_DIR="$hist/tracker"
"$ot" init "$ORDTRACK_DIR" >/dev/null
cp "$hist/old.txt" "$hist/v.txt"
echo
echo "recording $VERSIONS versions of a 200-section ordinance..."
t0=$(date +%s.%N)
k=1
while [ "$k" -le "$VERSIONS" ]; do
	# version k amends one clause of section number (k mod 200): the
	# first clause line after that section's heading gets a new word
	awk -v k="$k" '
		/^[0-9]+-[0-9]+-[0-9]+ / { s++ ; armed = (s % 200 == k % 200) }
		armed && /^ *\(a\) / { sub(/\(a\) /, "(a) rev" k " "); armed = 0 }
		{ print }' "$hist/v.txt" > "$hist/v.next" && mv "$hist/v.next" "$hist/v.txt"
	day=$(( k % 28 + 1 )); month=$(( (k / 28) % 12 + 1 )); year=$(( 1990 + k / 336 ))
	date=$(printf '%04d-%02d-%02d' "$year" "$month" "$day")
	"$ot" add ord "$hist/v.txt" --date "$date" -m "version $k" >/dev/null 2>&1 || {
		echo "add of version $k failed"; exit 1; }
	k=$((k + 1))
done
t1=$(date +%s.%N)
sec=$(git --git-dir="$ORDTRACK_DIR" ls-tree --name-only main ordinances/ord/ | sed -n 2p)
sec=${sec##*/}
clause="$sec(a)"
h_ot=$("$timeit" "$RUNS" /dev/null -- "$ot" history ord --clause "$clause")
b_ot=$("$timeit" "$RUNS" /dev/null -- "$ot" blame ord)
h_git=$("$timeit" "$RUNS" /dev/null -- git --git-dir="$ORDTRACK_DIR" log --format=%H main -- "ordinances/ord/$sec")
echo
printf '%-44s %10s %10s %7s  %s\n' "benchmark ($VERSIONS versions x 200 sections)" ordtrack git ratio target
row "history ORD --clause $clause" "$h_ot" "$h_git" "<= 0.5"
row "blame ORD (all clauses)" "$b_ot" "$h_git" "(vs one git log)"
printf '%-44s %9.1fs\n' "add: $VERSIONS versions, one process each" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')"
changes=$("$ot" history ord --clause "$clause" | grep -c '^ord@')
echo "history of $clause: $changes versions listed"

# ---- whole-code import (issue 6: 20,000 sections in one commit) ----
# The old text written as a tree of section files in canonical form, one
# directory per chapter; `ordtrack init && ordtrack import` of the tree
# against `git init && git add -A && git commit` of the same files, each
# run in a fresh directory.
IMPORT_RUNS=${IMPORT_RUNS:-3}
code="$out/code"
runs="$out/import-runs"
"$top/$build/bench/split_sections" "$out/old.txt" "$code"
mkdir -p "$runs"
nfiles=$(find "$code" -type f | wc -l)
nchapters=$(find "$code" -mindepth 1 -type d | wc -l)
echo
echo "importing $nfiles section files in $nchapters chapter directories..."
i_ot=$("$timeit" "$IMPORT_RUNS" /dev/null -- sh -c \
	'd=$(mktemp -d "$1/o.XXXXXX") && "$2" init "$d/t" >/dev/null && "$2" import "$3" --date 2020-01-01 --tracker "$d/t"' \
	sh "$runs" "$ot" "$code")
i_git=$(GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@localhost GIT_COMMITTER_NAME=bench \
	GIT_COMMITTER_EMAIL=bench@localhost "$timeit" "$IMPORT_RUNS" /dev/null -- sh -c \
	'd=$(mktemp -d "$1/g.XXXXXX") && git init -q "$d" && git --git-dir="$d/.git" --work-tree="$2" add -A &&
	 git --git-dir="$d/.git" --work-tree="$2" commit -q -m import' sh "$runs" "$code")
# what the last import recorded: one commit, every chapter an ordinance
last=$(ls -d "$runs"/o.* | tail -1)
n_ords=$(git --git-dir="$last/t" ls-tree main ordinances/ | wc -l)
n_commits=$(git --git-dir="$last/t" rev-list --count main)
n_secs=$(git --git-dir="$last/t" ls-tree -r main ordinances/ | grep -vc '/ORDINANCE$')
echo
printf '%-44s %10s %10s %7s  %s\n' "benchmark ($nfiles files, median of $IMPORT_RUNS)" ordtrack git ratio target
row "import DIR vs git add -A && git commit" "$i_ot" "$i_git" "<= 2.0"
printf '%-44s %9sK\n' "peak RSS: import" "${i_ot#* }"
echo "import recorded $n_commits commit(s), $n_ords ordinances, $n_secs sections"
[ "$n_commits" = 1 ] && [ "$n_ords" = "$nchapters" ] && [ "$n_secs" = "$nfiles" ] || {
	echo "import did not record the whole code"; exit 1; }
rm -rf "$runs"

# ---- publish (issue 5: a static site of a tracker of 1,000 records) ----
# bench/gen_records makes the tracker through the library (see its top
# comment; its last line names a pending record).  Full publish: median of
# RUNS_PUBLISH runs, each into a fresh directory; then one new vote on the
# pending record (ordtrack vote) and a republish into the last of those
# directories (incremental), then a republish with nothing changed.
RECORDS=${RECORDS:-1000}
RUNS_PUBLISH=${RUNS_PUBLISH:-3}
pub="$out/publish"
mkdir -p "$pub"
echo
echo "generating a tracker of $RECORDS records..."
"$top/$build/bench/gen_records" "$pub/tracker" --records "$RECORDS" --seed 1 > "$pub/gen.txt"
sed 's/^/  /' "$pub/gen.txt"
pending=$(sed -n 's/^pending: //p' "$pub/gen.txt")
g_time=$(sed -n 's/^time: \([0-9.]*\) s.*/\1/p' "$pub/gen.txt")
export ORDTRACK_DIR="$pub/tracker"
load_full=$(cut -d' ' -f1-3 /proc/loadavg)
p_full=$("$timeit" "$RUNS_PUBLISH" "$pub/full.txt" -- sh -c \
	'd=$(mktemp -d "$1/site.XXXXXX") && "$2" publish --out "$d"' sh "$pub" "$ot")
site=$(ls -td "$pub"/site.* | head -1)
pages=$(find "$site" -name '*.html' | wc -l)
full_line=$(cat "$pub/full.txt")
# one roll call on the pending record: members by last name (unique), as
# a clerk would type them; 40 yes, 8 no, 2 absent
names=$("$ot" member list | awk '{ print $3 }')
yes=$(echo "$names" | sed -n 1,40p | paste -sd, -)
no=$(echo "$names" | sed -n 41,48p | paste -sd, -)
absent=$(echo "$names" | sed -n 49,50p | paste -sd, -)
"$ot" vote "$pending" --date 2026-06-01 --motion "passage of $pending" --result pass \
	--threshold majority-of-members --yes "$yes" --no "$no" --absent "$absent" >/dev/null
p_incr=$("$timeit" 1 "$pub/incr.txt" -- "$ot" publish --out "$site")
p_same=$("$timeit" "$RUNS_PUBLISH" "$pub/same.txt" -- "$ot" publish --out "$site")
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
incr_line=$(cat "$pub/incr.txt")
same_line=$(cat "$pub/same.txt")
echo
printf '%-44s %10s  %s\n' "benchmark ($RECORDS records, median of $RUNS_PUBLISH)" ordtrack "figures (no target given)"
printf '%-44s %9ss  %s\n' "generate the tracker (gen_records)" "$g_time" "library API, one process"
printf '%-44s %9ss  %s pages/s\n' "publish --out DIR, full ($pages pages)" "${p_full% *}" \
	"$(awk -v n="$pages" -v t="${p_full% *}" 'BEGIN { printf "%.0f", (t > 0 ? n / t : 0) }')"
printf '%-44s %9ss  %s\n' "publish, incremental after one vote" "${p_incr% *}" "${incr_line#*: }"
printf '%-44s %9ss  %s\n' "publish, nothing changed" "${p_same% *}" "${same_line#*: }"
printf '%-44s %9sK\n' "peak RSS: full publish" "${p_full#* }"
echo "full publish: $full_line"
echo "machine load (1, 5, 15 min): $load_full before the full publish, $load_end after the last"
# what each run reported: the full run wrote every page, the vote made the
# incremental run write some pages and keep the rest, nothing changed
# afterwards ("published N pages to DIR: W written, K kept" -> "N W K")
counts() { echo "$1" | sed -n 's/^published \([0-9]*\) pages\{0,1\} to .*: \([0-9]*\) written, \([0-9]*\) kept$/\1 \2 \3/p'; }
set -- $(counts "$full_line") $(counts "$incr_line") $(counts "$same_line")
[ $# = 9 ] && [ "$2" = "$1" ] && [ "$3" = 0 ] && [ "$5" -gt 0 ] && [ "$5" -lt "$4" ] &&
	[ "$8" = 0 ] && [ "$9" = "$7" ] || {
	echo "publish did not report all pages written, then some, then none"; exit 1; }
for d in "$pub"/site.*; do [ "$d" = "$site" ] || rm -rf "$d"; done

# ---- scale (issue 14: a large council's Legistar, NYC's size) ----
# bench/gen_legistar writes a Legistar Web API dump of MATTERS matters
# (default 21,800: about 10,150 roll calls of 51 members, 517,000 votes;
# its counts are printed); `ordtrack import-record` reads it into a new
# tracker (one run: wall time and peak RSS).  Then the queries the index
# answers, each the median of RUNS_QUERY runs: records --sponsor (the
# member with most sponsorships, as gen_legistar names them), the same
# as JSON, votes --member, status of a passed record and of a pending one
# (which also looks for conflicts with every pending record).  Target
# 50 ms each (issue 14); OVER is reported, never a failure.  Sizes of the
# index and of the tracker follow.
MATTERS=${MATTERS:-21800}
RUNS_QUERY=${RUNS_QUERY:-7}
sc="$out/scale"
rm -rf "$sc"
mkdir -p "$sc"
echo
echo "generating a Legistar dump of $MATTERS matters..."
"$top/$build/bench/gen_legistar" "$sc/dump" --matters "$MATTERS" --seed 1 > "$sc/gen.txt"
sed 's/^/  /' "$sc/gen.txt"
member=$(sed -n 's/^member: //p' "$sc/gen.txt")
passed=$(sed -n 's/^passed: //p' "$sc/gen.txt")
pending=$(sed -n 's/^pending: //p' "$sc/gen.txt")
export ORDTRACK_DIR="$sc/tracker"
"$ot" init "$ORDTRACK_DIR" >/dev/null
load_import=$(cut -d' ' -f1-3 /proc/loadavg)
s_imp=$("$timeit" 1 "$sc/import.txt" -- "$ot" import-record "$sc/dump")
s_rec=$("$timeit" "$RUNS_QUERY" "$sc/records.txt" -- "$ot" records --sponsor "$member")
s_recj=$("$timeit" "$RUNS_QUERY" /dev/null -- "$ot" records --sponsor "$member" --format json)
s_vot=$("$timeit" "$RUNS_QUERY" "$sc/votes.txt" -- "$ot" votes --member "$member")
s_stp=$("$timeit" "$RUNS_QUERY" /dev/null -- "$ot" status "$passed")
s_stq=$("$timeit" 3 /dev/null -- "$ot" status "$pending")
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
mark() { # seconds -> PASS / OVER against 50 ms
	awk -v s="$1" 'BEGIN { print (s <= 0.050 ? "PASS" : "OVER") }'
}
qrow() { # label result
	printf '%-44s %7.1f ms %8sK  %-4s %s\n' "$1" "$(awk -v s="${2% *}" 'BEGIN { print s * 1000 }')" "${2#* }" \
		"$(mark "${2% *}")" "(target 50 ms)"
}
kib() { du -sk "$1" | cut -f1; }
echo
printf '%-44s %10s %9s  %s\n' "benchmark ($MATTERS matters, median of $RUNS_QUERY)" ordtrack "peak RSS" "target"
printf '%-44s %8.1f s %8sK  %s\n' "import-record DUMP" "${s_imp% *}" "${s_imp#* }" "(no target given)"
echo "member: $member"
qrow "records --sponsor MEMBER ($(wc -l < "$sc/records.txt") records)" "$s_rec"
qrow "records --sponsor ... --format json" "$s_recj"
qrow "votes --member ($(wc -l < "$sc/votes.txt") roll calls)" "$s_vot"
qrow "status $passed (passed)" "$s_stp"
qrow "status $pending (pending, conflicts; 3 runs)" "$s_stq"
printf '%-44s %8sK\n' "index.sqlite" "$(kib "$ORDTRACK_DIR/index.sqlite")"
printf '%-44s %8sK\n' "tracker (git objects, refs, index)" "$(kib "$ORDTRACK_DIR")"
printf '%-44s %8sK\n' "the dump" "$(kib "$sc/dump")"
echo "import: $(cat "$sc/import.txt")"
echo "machine load (1, 5, 15 min): $load_import before the import, $load_end after the queries"
rm -rf "$sc/dump"
