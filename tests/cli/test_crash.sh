#!/bin/sh
# Crash consistency: writers killed with SIGKILL at random moments.
#
# A cycle of events (propose, vote, pass, add, import) is run again and
# again; each command is started, killed with SIGKILL after a random delay
# (0-25 ms, so kills land before, inside and after its writes) and then
# checked:
#   - `ordtrack fsck` is clean (after `fsck --repair` when the kill left a
#     stale git lock file, which is the one thing a kill may leave behind);
#   - the event is wholly present or wholly absent: the texts, refs,
#     record and index show either the state before or the state after;
#   - an absent event is then run again, unkilled, and must succeed.
# CRASH_RUNS (default 200) sets the number of kills; CRASH_SEED the random
# seed (printed on failure, to replay a run).
. "$(dirname "$0")/lib.sh"

RUNS=${CRASH_RUNS:-200}
SEED=${CRASH_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}

# A chapter of 9-99 big enough (200 sections) that a write takes a while;
# $1 is a word that differs between the two texts.
chapter() {
	awk -v w="$1" 'BEGIN {
		print "CHAPTER 9-99 CRASH TEST CHAPTER"
		for (s = 1; s <= 200; s++) {
			printf "9-99-%03d Rules on matter %d.\n", s * 10, s
			printf "(a) No person shall %s a vehicle in zone %d.\n", (s % 7 == 0 ? w : "park"), s
			printf "(b) The fine for zone %d is $%d, except:\n", s, 50 + s
			printf "(1) emergency vehicles; and\n(2) vehicles in traffic.\n"
		}
	}'
}

# The same for chapter 9-98, as a directory of section files for import.
import_dir() {
	rm -rf "$2"
	mkdir -p "$2/9-98"
	awk -v w="$1" -v d="$2/9-98" 'BEGIN {
		for (s = 1; s <= 200; s++) {
			f = sprintf("%s/9-98-%03d", d, s * 10)
			printf "9-98-%03d Permits %d.\n", s * 10, s > f
			printf "(a) A permit for district %d shall %s for one year.\n", s, (s % 5 == 0 ? w : "last") > f
			close(f)
		}
	}'
}

delays() {
	awk -v n="$1" -v seed="$SEED" 'BEGIN { srand(seed); for (i = 0; i < n; i++) printf "%.4f\n", rand() * 0.025 }'
}

kills=0
absent=0
present=0

# kill_run CMD...: run ordtrack in the background, kill it after the next
# delay; sets $killed_rc
kill_run() {
	d=$(sed -n "$((kills + 1))p" delays.txt)
	"$ORDTRACK" "$@" >kill.out 2>kill.err &
	pid=$!
	sleep "$d"
	kill -9 "$pid" 2>/dev/null || true
	set +e
	wait "$pid" 2>/dev/null
	killed_rc=$?
	set -e
	kills=$((kills + 1))
}

# fsck must be clean; a stale git lock file is the one acceptable leftover,
# and --repair must clear it
check_fsck() {
	ot fsck
	if [ "$rc" -ne 0 ]; then
		if grep -q 'lock' "$out_file" "$err_file"; then
			ot fsck --repair
			expect_rc 0
			ot fsck
		fi
		[ "$rc" -eq 0 ] || fail "run $kills ($1, seed $SEED): fsck not clean: $(cat "$out_file" "$err_file" | head -8)"
	fi
}

# outcome STATE_BEFORE STATE_AFTER NOW: which of the two states NOW is
outcome() {
	if cmp -s "$3" "$2"; then
		present=$((present + 1))
		return 0
	fi
	cmp -s "$3" "$1" || fail "run $kills (seed $SEED): neither the state before nor after: $(diff "$1" "$3" | head -10)"
	absent=$((absent + 1))
	return 1
}

# The state an event can change, as one line per fact ($r: the record of
# the cycle).
state() {
	printf 'main %s\n' "$(git --git-dir=t rev-parse main)"
	printf '9-99 %s\n' "$("$ORDTRACK" show 9-99 2>/dev/null | md5sum | cut -c1-32)"
	printf '9-98 %s\n' "$("$ORDTRACK" show 9-98 2>/dev/null | md5sum | cut -c1-32)"
	printf 'versions %s\n' "$("$ORDTRACK" log 2>/dev/null | wc -l)"
	printf '%s %s\n' "$r" "$("$ORDTRACK" status "$r" 2>/dev/null | grep -cE 'vote on|^status: +passed|^status: +pending')"
}

# event NAME EXPECTED-DIFF command...: kill the command, check fsck, then
# the state is either unchanged or changed in exactly the expected facts
# (EXPECTED-DIFF: a grep -E pattern every changed line of the new state
# must match, and at least one must); absent events are then completed.
event() {
	name=$1 want=$2
	shift 2
	state >before.st
	kill_run "$@"
	check_fsck "$name"
	state >now.st
	if cmp -s before.st now.st; then
		absent=$((absent + 1))
		ot "$@"
		[ "$rc" -eq 0 ] || fail "run $kills ($name, seed $SEED): rerun after the kill failed: $(cat "$err_file")"
		state >now.st
	else
		present=$((present + 1))
	fi
	changed=$(diff before.st now.st | sed -n 's/^> //p')
	[ -n "$changed" ] || fail "run $kills ($name, seed $SEED): the event left no trace"
	echo "$changed" | grep -Ev -- "$want" >bad.st || true
	[ ! -s bad.st ] || fail "run $kills ($name, seed $SEED): unexpected change: $(cat bad.st) (before: $(cat before.st | tr '\n' ' '))"
}

crash_at_random_points() {
	# the texts as ordtrack shows them, from a scratch tracker
	ot init t0
	expect_rc 0
	chapter park >a.txt
	chapter stand >b.txt
	import_dir last imp.a
	import_dir expire imp.b
	ORDTRACK_DIR=t0 "$ORDTRACK" add 9-99 a.txt --date 2024-01-01 >/dev/null
	A=$(ORDTRACK_DIR=t0 "$ORDTRACK" show 9-99 | md5sum | cut -c1-32)
	ORDTRACK_DIR=t0 "$ORDTRACK" add 9-99 b.txt --date 2024-01-01 >/dev/null
	B=$(ORDTRACK_DIR=t0 "$ORDTRACK" show 9-99 | md5sum | cut -c1-32)
	have_import=0
	if ORDTRACK_DIR=t0 "$ORDTRACK" import imp.a --date 2024-01-01 >/dev/null 2>&1; then
		have_import=1
		IA=$(ORDTRACK_DIR=t0 "$ORDTRACK" show 9-98 | md5sum | cut -c1-32)
		ORDTRACK_DIR=t0 "$ORDTRACK" import imp.b --date 2024-01-01 >/dev/null
		IB=$(ORDTRACK_DIR=t0 "$ORDTRACK" show 9-98 | md5sum | cut -c1-32)
	fi

	ot init t
	expect_rc 0
	export ORDTRACK_DIR="$PWD/t"
	delays $((RUNS + 10)) >delays.txt
	ot add 9-99 a.txt --date 2024-01-02 -m "Original"
	expect_rc 0
	for m in "Ann Lee|1" "Bo Park|2" "Cy Diaz|3"; do
		ot member add "${m%|*}" --ward "${m#*|}" --from 2019-05-20
		expect_rc 0
	done
	if [ "$have_import" = 1 ]; then
		ot import imp.a --date 2024-01-02
		expect_rc 0
	fi
	i=0
	while [ "$kills" -lt "$RUNS" ]; do
		i=$((i + 1))
		r=P$i
		# main holds a.txt at the start of each cycle; the record proposes
		# b.txt, passage brings it in, add puts a.txt back
		event propose "^$r 1\$" propose "$r" 9-99 b.txt --date 2024-02-01 --title "Change $i" --sponsor "Ann Lee"
		event vote "^$r 2\$" vote "$r" --date 2024-02-01 --motion Passage --result pass --yes "Ann Lee,Bo Park" --no "Cy Diaz"
		event pass "^(main [0-9a-f]{40}|9-99 $B|versions [0-9]+|$r 2)\$" pass "$r" --date 2024-02-01
		event add "^(main [0-9a-f]{40}|9-99 $A|versions [0-9]+)\$" add 9-99 a.txt --date 2024-02-01
		if [ "$have_import" = 1 ]; then
			if [ $((i % 2)) -eq 1 ]; then d=imp.b h=$IB; else d=imp.a h=$IA; fi
			event import "^(main [0-9a-f]{40}|9-98 $h|versions [0-9]+)\$" import "$d" --date 2024-02-01
		fi
	done
	[ "$have_import" = 1 ] || echo "# import is not available: not killed"
	echo "# $kills kills (seed $SEED): $present events wholly present, $absent wholly absent and completed"
	ot fsck
	expect_rc 0
	git --git-dir=t fsck --strict >/dev/null 2>&1 || fail "git fsck: $(git --git-dir=t fsck --strict 2>&1 | head -5)"
}

# gen_dump SRC DST N: a Legistar dump of N copies of the fixture's O2021-117
# (a matter, its histories, sponsors and roll call), big enough that an
# import takes a good part of a second
gen_dump() {
	src=$1 dst=$2 n=$3
	mkdir -p "$dst/matters" "$dst/eventitems"
	cp "$src/persons.json" "$src/officerecords.json" "$dst/"
	awk 'NR > 1 && /^  [{]/ { on = 1 } on { print } on && /^  [}]/ { exit }' "$src/matters.json" > "$dst/one.matter"
	i=1
	{
		echo "["
		while [ "$i" -le "$n" ]; do
			[ "$i" -gt 1 ] && echo ","
			sed "s/58813/$((60000 + i))/g; s/O2021-117/O2021-K$i/g" "$dst/one.matter" | sed '$ s/},$/}/'
			i=$((i + 1))
		done
		echo "]"
	} > "$dst/matters.json"
	rm "$dst/one.matter"
	i=1
	while [ "$i" -le "$n" ]; do
		id=$((60000 + i)) h=$((40000 + i))
		mkdir -p "$dst/matters/$id" "$dst/eventitems/${h}4"
		sed "s/58813/$id/g; s/39100\([0-9]\)/$h\1/g" "$src/matters/58813/histories.json" > "$dst/matters/$id/histories.json"
		sed "s/58813/$id/g" "$src/matters/58813/sponsors.json" > "$dst/matters/$id/sponsors.json"
		sed "s/391004/${h}4/g" "$src/eventitems/391004/votes.json" > "$dst/eventitems/${h}4/votes.json"
		i=$((i + 1))
	done
}

# import-record killed: every kill leaves a tracker fsck finds clean, each
# record either absent or whole (refs/records/ID at a complete commit: the
# new records' refs appear together in one update of packed-refs, an
# updated record's branch moves alone, docs/record-import.md), and the
# import run again completes it: the same records as one unkilled import
import_record_killed() {
	gen_dump "$TOP/tests/data/record-import/legistar" dump 300
	ot init ref
	expect_rc 0
	ORDTRACK_DIR="$PWD/ref" "$ORDTRACK" import-record dump >/dev/null
	ot init t
	expect_rc 0
	export ORDTRACK_DIR="$PWD/t"
	awk -v seed="$SEED" 'BEGIN { srand(seed); for (i = 0; i < 40; i++) printf "%.3f\n", rand() * 0.8 }' >delays.txt
	k=0
	while [ "$k" -lt "${CRASH_IMPORT_RUNS:-12}" ]; do
		kill_run import-record dump
		check_fsck import-record
		k=$((k + 1))
	done
	ot import-record dump
	expect_rc 0
	for rec in $(git --git-dir=ref for-each-ref --format='%(refname:lstrip=2)' refs/records/); do
		a=$(git --git-dir=ref show "refs/records/$rec:records/$rec.json" | grep -v '"base":')
		b=$(git --git-dir=t show "refs/records/$rec:records/$rec.json" 2>/dev/null | grep -v '"base":') ||
			fail "$rec missing after the import was run again (seed $SEED)"
		[ "$a" = "$b" ] || fail "$rec differs from an unkilled import (seed $SEED)"
	done
	n=$(git --git-dir=t for-each-ref refs/records/ | wc -l)
	[ "$n" -eq 300 ] || fail "$n records, not 300"
	ot member list
	expect_rc 0
	[ "$(wc -l < "$out_file")" -eq 51 ] || fail "members: $(wc -l < "$out_file")"
	echo "# import-record: $k kills (seed $SEED), then completed"
}

run_case crash_at_random_points
run_case import_record_killed
