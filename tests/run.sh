#!/bin/sh
# tests/run.sh BUILD_DIR - run every test of `make check` and count them.
#
# Each unit-test program (BUILD_DIR/tests/test_*) and each command-line
# test script (tests/cli/test_*.sh) prints one line per case: "ok NAME",
# "not ok NAME", or "ok NAME # skip REASON" for a case that did not run
# (TAP's form), which is counted as skipped, never as passed.  Fuzz
# replays (BUILD_DIR/fuzz/fuzz_*) run their seed corpus and count as one
# case each.  The last line is the total, "N passed, N failed, N skipped";
# the exit status is non-zero if anything failed.
set -u
build=${1:?usage: tests/run.sh BUILD_DIR}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
ORDTRACK="$top/$build/ordtrack"
# VALGRIND=1: only the command-line tests (those named in VALGRIND_TESTS,
# when set), each ordtrack run under valgrind (tests/valgrind-ordtrack.sh);
# fewer kills, writers and injected faults, which valgrind makes slow
vglogs=
if [ -n "${VALGRIND:-}" ]; then
	vglogs=$(mktemp -d)
	ORDTRACK_REAL=$ORDTRACK VALGRIND_LOG_DIR=$vglogs
	ORDTRACK="$top/tests/valgrind-ordtrack.sh"
	CRASH_RUNS=${CRASH_RUNS:-12} CONCURRENT_EVENTS=${CONCURRENT_EVENTS:-4}
	FAULT_FIRST=${FAULT_FIRST:-4} FAULT_SPREAD=${FAULT_SPREAD:-4}
	export ORDTRACK_REAL VALGRIND_LOG_DIR CRASH_RUNS CONCURRENT_EVENTS FAULT_FIRST FAULT_SPREAD
fi
export ORDTRACK
export ORDTRACK_TOOLS="$top/$build/tools"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0

run_one() { # label command...
	label=$1; shift
	out=$(mktemp)
	"$@" >"$out" 2>&1
	rc=$?
	cat "$out" >>"$log"
	if grep -q '^not ok ' "$out" || [ $rc -ne 0 ]; then
		echo "FAIL $label (exit $rc)"
		grep -E '^(not ok|#)' "$out" | head -40
		if ! grep -q '^not ok ' "$out"; then
			echo "not ok $label-exit-status" >>"$log"
			tail -20 "$out"
		fi
		status=1
	else
		nskip=$(grep -c '^ok .*# skip' "$out")
		if [ "$nskip" -gt 0 ]; then
			printf 'pass %s (%s cases, %s skipped)\n' "$label" "$(($(grep -c '^ok ' "$out") - nskip))" "$nskip"
			grep '^ok .*# skip' "$out" | head -5
		else
			printf 'pass %s (%s cases)\n' "$label" "$(grep -c '^ok ' "$out")"
		fi
	fi
	rm -f "$out"
}

for t in "$build"/tests/test_*; do
	[ -x "$t" ] && [ -z "$vglogs" ] || continue
	run_one "$(basename "$t")" "$t"
done
for t in tests/cli/test_*.sh; do
	[ -f "$t" ] || continue
	# VALGRIND_TESTS="add vote ...": only those scripts
	if [ -n "${VALGRIND_TESTS:-}" ] && [ -n "$vglogs" ]; then
		case " $VALGRIND_TESTS " in *" $(basename "$t" .sh | sed 's/^test_//') "*) ;; *) continue ;; esac
	fi
	run_one "$(basename "$t" .sh)" sh "$t"
done
for f in "$build"/fuzz/fuzz_*; do
	[ -x "$f" ] && [ -z "$vglogs" ] || continue
	name=$(basename "$f")
	corpus="tests/fuzz/corpus/${name#fuzz_}"
	run_one "$name-replay" sh -c "'$f' '$corpus' && echo 'ok $name-replay'"
done

if [ -n "$vglogs" ]; then
	# a report of a killed process (the crash test) is not a leak
	for f in "$vglogs"/vg.*; do
		[ -s "$f" ] || continue
		grep -q 'Process terminating with default action of signal 9' "$f" && continue
		echo "valgrind: $(basename "$f")"
		head -40 "$f"
		echo "not ok valgrind-report-$(basename "$f")" >>"$log"
	done
	rm -rf "$vglogs"
fi
skipped=$(grep -c '^ok .*# skip' "$log")
passed=$(($(grep -c '^ok ' "$log") - skipped))
failed=$(grep -c '^not ok ' "$log")
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ $status -eq 0 ]
