#!/bin/sh
# Allocation fault injection, in the style of SQLite's: a command is run
# once to count its allocations (K: the library's own and those of libgit2,
# SQLite, libxml2 and jansson, through ORDTRACK_TEST_FAIL_ALLOC=0), then
# again with the Nth allocation failing, for N from 1 towards K, each time
# on a fresh copy of the same tracker.  Every run must end either
#   - in success (exit 0) with the output and the tracker of the clean run,
#   - or in a clean error: exit 1 (a library's allocator failed and the
#     error came back up) or 4 ("ordtrack: out of memory", an allocation of
#     ordtrack's own), a message on stderr that says memory ran out, no
#     signal, no sanitizer report (a leak on an error path is one);
# and afterwards `ordtrack fsck` is clean and the tracker is in the state
# before the command or in the state after it (the history's trees, refs
# and messages: everything but commit ids and times).
#
# Commands: parse (the first version of chapter 2-173 into an empty
# tracker), add (a second version: parse, diff against the stored one,
# write), diff (of two stored versions, and of two files), vote and pass.
#
# Which N: every N up to FAULT_FIRST (default 40), then FAULT_SPREAD
# (default 60) spread evenly up to K, and the last one; FAULT_ALL=1 runs
# every N from 1 to K (minutes: for a bug hunt, not for `make check`).
# FAULT_PERSISTENT=1 makes every allocation from the Nth on fail instead
# of the Nth alone.  The summary at the end says how many N each loop
# tried.
#
# Which allocators: FAULT_ALLOCATORS (default own,sqlite,libxml2,jansson).
# libgit2 is left out by default because libgit2 1.5.1 itself is not safe
# when its allocations fail: about one in five of its allocation points in
# `add` ends in a segfault inside libgit2 (git_config_snapshot,
# git_repository_open_bare, git_tree_entry_bypath,
# git_reference_create_matching), and some lose the out-of-memory error
# ("invalid argument: 'path && *path'").  FAULT_ALLOCATORS=libgit2 runs
# that loop on purpose.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

FIRST=${FAULT_FIRST:-40}
SPREAD=${FAULT_SPREAD:-60}
PLUS=
[ -z "${FAULT_PERSISTENT:-}" ] || PLUS=+
WHO=${FAULT_ALLOCATORS:-own,sqlite,libxml2,jansson}
# what each loop tried, printed at the end (a case's own output is shown
# only when it fails)
summary=$(mktemp)
trap 'rm -f "$summary"' EXIT

# the N to try for K allocations, one per line
fault_points() {
	if [ -n "${FAULT_ALL:-}" ]; then
		seq 1 "$1"
		return
	fi
	awk -v k="$1" -v first="$FIRST" -v spread="$SPREAD" 'BEGIN {
		for (n = 1; n <= first && n <= k; n++) print n
		if (k > first)
			for (i = 1; i <= spread; i++) {
				n = first + int((k - first) * i / spread)
				if (n > last) print n
				last = n
			}
	}'
}

# the tracker's state without commit ids and times: every commit's tree,
# the refs at it and its message, children before parents
state() {
	git --git-dir="$1" log --all --topo-order --format='%T %an <%ae> %D%n%B'
}

# stdout without commit ids, which differ with the commit time
masked() { sed -E 's/[0-9a-f]{12,40}/ID/g' "$1"; }

# fault_loop LABEL TRACKER ARGS...: the loop above over `ordtrack ARGS`,
# each run on a copy of TRACKER in ./run (ORDTRACK_DIR points there;
# relative paths in ARGS are from this directory)
fault_loop() {
	label=$1 tracker=$2
	shift 2
	export ORDTRACK_DIR="$PWD/run"
	rm -rf run
	cp -a "$tracker" run
	state run >before.st
	ORDTRACK_TEST_FAIL_ALLOC=0:$WHO "$ORDTRACK" "$@" >ref.out 2>ref.err ||
		fail "$label: the clean run failed: $(cat ref.err)"
	k=$(sed -n 's/^ordtrack: fault injection: \([0-9]*\) allocations, 0 failed$/\1/p' ref.err)
	[ -n "$k" ] && [ "$k" -gt 100 ] || fail "$label: no allocation count: $(cat ref.err)"
	grep -v '^ordtrack: fault injection: ' ref.err >ref.msg || true
	masked ref.out >ref.masked
	state run >after.st
	tried=0 ok=0 err=0 oom=0 went_past=0
	: >messages
	for n in $(fault_points "$k"); do
		rm -rf run
		cp -a "$tracker" run
		set +e
		ORDTRACK_TEST_FAIL_ALLOC=$n$PLUS:$WHO "$ORDTRACK" "$@" >run.out 2>run.err
		rc=$?
		set -e
		tried=$((tried + 1))
		where="$label, allocation $n$PLUS of $k (exit $rc)"
		grep -v '^ordtrack: fault injection: ' run.err >run.msg || true
		! grep -Eq 'Sanitizer|runtime error:|Assertion|Aborted|core dumped' run.err ||
			fail "$where: $(head -c 2000 run.err)"
		failed=$(sed -n 's/^ordtrack: fault injection: [0-9]* allocations, \([0-9]*\) failed$/\1/p' run.err)
		[ -n "$failed" ] || fail "$where: no fault-injection report (killed by a signal?): $(head -c 600 run.err)"
		state run >now.st
		case $rc in
		0)
			ok=$((ok + 1))
			[ "$failed" -gt 0 ] || went_past=$((went_past + 1))
			masked run.out | cmp -s - ref.masked ||
				fail "$where: succeeded with other output: $(masked run.out | diff ref.masked - | head -10)"
			cmp -s now.st after.st ||
				fail "$where: succeeded, but the tracker is not the one of the clean run: $(diff after.st now.st | head -10)"
			;;
		1 | 4)
			[ "$failed" -gt 0 ] || fail "$where: failed without an injected failure: $(cat run.msg)"
			if [ "$rc" -eq 4 ]; then oom=$((oom + 1)); else err=$((err + 1)); fi
			[ -s run.msg ] || fail "$where: no message"
			grep -q '^ordtrack: ' run.msg || fail "$where: not an ordtrack message: $(head -c 600 run.msg)"
			grep -Eqi 'out of memory|cannot allocate|no memory|memory' run.msg ||
				fail "$where: the message does not say memory ran out: $(head -c 600 run.msg)"
			[ "$(wc -l <run.msg)" -le 2 ] || fail "$where: more than a line or two: $(head -c 800 run.msg)"
			sed -E 's/[0-9]+ bytes/N bytes/' run.msg >>messages
			cmp -s now.st before.st || cmp -s now.st after.st ||
				fail "$where: the tracker is neither as before nor as after: $(diff before.st now.st | head -10)"
			;;
		*)
			fail "$where: $(head -c 800 run.err)"
			;;
		esac
		ot fsck
		[ "$rc" -eq 0 ] || fail "$where: fsck: $(cat "$out_file" "$err_file" | head -8)"
	done
	[ "$err" -gt 0 ] || [ "$oom" -gt 0 ] || fail "$label: no run failed: the test did not test anything"
	echo "# $label: $k allocations ($WHO$PLUS), $tried failed in turn: $ok runs succeeded, $err library errors, $oom out of memory" |
		tee -a "$summary"
	sort messages | uniq -c | sort -rn | head -8 | sed 's/^/#   /'
}

# a tracker in ./base with 9-99 v1 and three members; $1: "record" adds
# record O2022-5 (9-99 with two-minute idling), "vote" also its vote
base() {
	ot init base
	expect_rc 0
	export ORDTRACK_DIR="$PWD/base"
	v1 >v1.txt
	v2 >v2.txt
	ot add 9-99 v1.txt --date 2020-01-15 --stage enacted --record O2020-1 --sponsor "Ann Smith" -m "Original chapter"
	expect_rc 0
	for m in "Ann Lee|1" "Bo Park|2" "Cy O'Neil|3"; do
		ot member add "${m%|*}" --ward "${m#*|}" --from 2019-05-20
		expect_rc 0
	done
	[ "${1:-}" ] || return 0
	sed 's/three minutes/two minutes/' v2.txt >two.txt
	ot propose O2022-5 9-99 two.txt --date 2022-01-10 --title "Two-minute idling" --sponsor "Ann Lee"
	expect_rc 0
	[ "$1" = vote ] || return 0
	ot vote O2022-5 --date 2022-02-01 --motion Passage --result pass --yes "Ann Lee,Bo Park" --no "O'Neil"
	expect_rc 0
}

fault_parse() {
	ot init base
	expect_rc 0
	fault_loop parse base add 2-173 "$SAMPLES/2-173/2012-original.txt" --date 2012-11-08 --stage enacted
}

fault_add() {
	base
	fault_loop add base add 9-99 v2.txt --date 2021-06-30 --stage passed --record O2021-7 \
		--sponsor "Bo Li" -m "Shorter idling limit"
}

fault_diff() {
	base
	ot add 9-99 v2.txt --date 2021-06-30 --stage passed
	expect_rc 0
	fault_loop diff base diff 9-99@1 9-99@2 --format json
	fault_loop diff-files base diff --files v1.txt v2.txt
}

fault_vote() {
	base record
	fault_loop vote base vote O2022-5 --date 2022-02-01 --motion Passage --result pass \
		--yes "Ann Lee,Bo Park" --no "O'Neil"
}

fault_pass() {
	base vote
	fault_loop pass base pass O2022-5 --date 2022-02-01 --effective 2022-03-01
}

# the switch itself: a count, a failure where asked, a bad value refused
fault_switch() {
	ot init t
	v1 >v1.txt
	ORDTRACK_TEST_FAIL_ALLOC=0 "$ORDTRACK" diff --files v1.txt v1.txt >/dev/null 2>err || fail "count run: $(cat err)"
	grep -Eq '^ordtrack: fault injection: [1-9][0-9]* allocations, 0 failed$' err || fail "no count: $(cat err)"
	set +e
	ORDTRACK_TEST_FAIL_ALLOC=1 "$ORDTRACK" diff --files v1.txt v1.txt >/dev/null 2>err
	rc=$?
	set -e
	[ "$rc" -eq 1 ] || [ "$rc" -eq 4 ] || fail "first allocation failing: exit $rc: $(cat err)"
	grep -Eq ' 1 failed$' err || fail "the first allocation did not fail: $(cat err)"
	set +e
	ORDTRACK_TEST_FAIL_ALLOC=5+ "$ORDTRACK" diff --files v1.txt v1.txt >/dev/null 2>err
	rc=$?
	set -e
	[ "$rc" -eq 1 ] || [ "$rc" -eq 4 ] || fail "persistent: exit $rc: $(cat err)"
	grep -Eq ' [1-9][0-9]* failed$' err || fail "persistent: no failure: $(cat err)"
	ORDTRACK_TEST_FAIL_ALLOC=x ot diff --files v1.txt v1.txt
	expect_rc 1
	expect_err "ORDTRACK_TEST_FAIL_ALLOC: 'x' is not N, N\+ or N:"
}

run_case fault_switch
run_case fault_parse
run_case fault_add
run_case fault_diff
run_case fault_vote
run_case fault_pass
cat "$summary"
