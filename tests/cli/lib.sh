# tests/cli/lib.sh - helpers for command-line tests; sourced by each
# tests/cli/test_*.sh.  A case is a shell function; `run_case NAME` runs it
# in a subshell inside its own mktemp -d directory (removed afterwards),
# with `set -e`, and prints "ok NAME" or "not ok NAME".
#
# Inside a case:
#   ot ARGS...            run ordtrack; stdout in $out_file, stderr in
#                         $err_file, exit status in $rc (never aborts)
#   expect_rc N           the last ot exited with N
#   expect_out PATTERN    stdout matches the grep -E pattern
#   expect_err PATTERN    stderr matches the grep -E pattern
#   expect_no_out PATTERN stdout does not match
#   fail MESSAGE          fail the case
#   skip_case REASON      end the case as skipped ("ok NAME # skip REASON",
#                         counted by tests/run.sh as skipped, not passed)
#   snap FILE             the refs of the tracker ./t (and main) into FILE
#   expect_unchanged      the refs equal those of `snap before.snap`
: "${ORDTRACK:?ORDTRACK must name the ordtrack binary}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
SAMPLES="$TOP/ordinances"
unset ORDTRACK_DIR NO_COLOR

fail() { echo "#   $*"; exit 1; }
# exit status 77 (as automake's test drivers) marks a skipped case
skip_case() { echo "$*" > "$dir.skip"; exit 77; }
ot() {
	set +e
	"$ORDTRACK" "$@" >"$out_file" 2>"$err_file"
	rc=$?
	set -e
}
expect_rc() {
	[ "$rc" -eq "$1" ] || fail "exit status $rc, expected $1; stderr: $(head -c 400 "$err_file")"
}
expect_out() {
	grep -Eq -- "$1" "$out_file" || fail "stdout lacks /$1/: $(head -c 600 "$out_file")"
}
expect_no_out() {
	! grep -Eq -- "$1" "$out_file" || fail "stdout has /$1/"
}
expect_err() {
	grep -Eq -- "$1" "$err_file" || fail "stderr lacks /$1/: $(head -c 400 "$err_file")"
}
snap() { { git --git-dir=t for-each-ref; git --git-dir=t rev-parse main 2>/dev/null || echo "(no main)"; } > "$1"; }
expect_unchanged() {
	snap after.snap
	cmp -s before.snap after.snap || fail "the tracker changed: $(diff before.snap after.snap | head -5)"
}
run_case() {
	name=$1
	dir=$(mktemp -d)
	( set -e; cd "$dir"; out_file="$dir/.out"; err_file="$dir/.err"; rc=0
	  "$name" ) >"$dir.log" 2>&1
	r=$?
	if [ $r -eq 0 ]; then echo "ok $name"
	elif [ $r -eq 77 ] && [ -s "$dir.skip" ]; then echo "ok $name # skip $(cat "$dir.skip")"
	else cat "$dir.log"; echo "not ok $name"; fi
	rm -rf "$dir" "$dir.log" "$dir.skip"
}
