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
# the command line reads the environment and passes it to the library:
# --tracker wins over ORDTRACK_DIR, a bad limit is a warning, not a guess
tracker_option_wins_over_environment() {
	ot init a && ot init b
	ORDTRACK_DIR=$PWD/a ot --tracker "$PWD/b" log
	expect_rc 0
	ORDTRACK_DIR=$PWD/nowhere ot --tracker "$PWD/b" log
	expect_rc 0
	ORDTRACK_DIR=$PWD/nowhere ot log
	expect_rc 1
}
bad_limits_are_warnings() {
	ot init t
	ORDTRACK_DIR=$PWD/t ORDTRACK_PACK_LIMIT=0 ot log
	expect_rc 0
	expect_err "ignoring ORDTRACK_PACK_LIMIT='0'; it must be a number of pack files from 1 to 100000"
	ORDTRACK_DIR=$PWD/t ORDTRACK_MAX_INPUT=-5 ot log
	expect_rc 0
	expect_err "ignoring ORDTRACK_MAX_INPUT='-5'; it must be a number of bytes"
}
run_case init_creates_tracker
run_case init_refuses_existing
run_case init_default_dir_is_found_from_subdirectory
run_case no_tracker_is_explained
run_case tracker_option_wins_over_environment
run_case bad_limits_are_warnings
