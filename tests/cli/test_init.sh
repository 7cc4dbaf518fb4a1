#!/bin/sh
# ordtrack init
. "$(dirname "$0")/lib.sh"

init_creates_tracker() {
	ot init t
	expect_rc 0
	[ -f t/HEAD ] && [ -f t/index.sqlite ] || fail "no HEAD or index.sqlite"
	[ "$(git --git-dir=t rev-parse --is-bare-repository)" = true ] || fail "not bare"
	[ "$(sqlite3 t/index.sqlite 'PRAGMA integrity_check')" = ok ] || fail "integrity"
}
init_refuses_existing() {
	ot init t
	ot init t
	expect_rc 1
	expect_err "already"
}
init_default_dir_is_found_from_subdirectory() {
	ot init
	expect_rc 0
	[ -d .ordtrack ] || fail "no .ordtrack"
	mkdir -p a/b && cd a/b
	ot log
	expect_rc 0
}
no_tracker_is_explained() {
	ot log
	expect_rc 1
	expect_err "no tracker found.*ordtrack init"
}
run_case init_creates_tracker
run_case init_refuses_existing
run_case init_default_dir_is_found_from_subdirectory
run_case no_tracker_is_explained
