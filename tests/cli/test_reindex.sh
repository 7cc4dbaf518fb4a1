#!/bin/sh
# ordtrack reindex and catching up with the refs
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

snapshot() { # every query's answer, into $1
	: > "$1"
	for a in "log --format json" "log 9-99" "show 9-99@1 --format json" "show 9-99@2021-01-01" \
		 "diff 9-99@1 9-99@2 --format json"; do
		# shellcheck disable=SC2086
		"$ORDTRACK" $a >> "$1" 2>&1 || echo "exit $?" >> "$1"
	done
}
reindex_answers_the_same() {
	two_versions
	snapshot before
	ot reindex
	expect_rc 0
	expect_err "Reindexed 2 versions"
	snapshot after
	cmp -s before after || fail "answers differ after reindex: $(diff before after | head)"
	[ "$(sqlite3 t/index.sqlite 'PRAGMA integrity_check')" = ok ] || fail "integrity"
}
lost_index_is_rebuilt_on_open() {
	two_versions
	snapshot before
	rm -f t/index.sqlite t/index.sqlite-wal t/index.sqlite-shm
	snapshot after
	cmp -s before after || fail "answers differ after losing the index"
}
index_catches_up_when_main_moves() {
	two_versions
	# someone moves main back with git itself
	git --git-dir=t update-ref refs/heads/main main~1
	ot log 9-99
	[ "$(wc -l < "$out_file")" -eq 1 ] || fail "log did not follow main: $(cat "$out_file")"
	ot show 9-99
	expect_out 'five minutes'
}
run_case reindex_answers_the_same
run_case lost_index_is_rebuilt_on_open
run_case index_catches_up_when_main_moves
