#!/bin/sh
# command-line conventions: help, version, usage errors, exit codes
. "$(dirname "$0")/lib.sh"

help_lists_commands() {
	ot --help
	expect_rc 0
	for c in init add log show diff reindex; do expect_out "^  $c "; done
}
help_for_a_command() {
	ot help add
	expect_rc 0
	expect_out '^usage: ordtrack add ORD FILE'
	ot add --help
	expect_rc 0
	expect_out '^usage: ordtrack add ORD FILE'
	ot help nosuch
	expect_rc 2
}
# the help of every command comes from its option table: each option it
# lists is one the command accepts, and each has its help text
help_lists_what_is_accepted() {
	ot --help
	cmds=$(sed -n 's/^  \([a-z]*\) .*/\1/p' "$out_file")
	[ -n "$cmds" ] || fail "no commands in --help"
	n=0
	for c in $cmds; do
		"$ORDTRACK" "$c" --help > help.txt 2>&1 || fail "$c --help failed"
		grep -q "^usage: ordtrack $c" help.txt || fail "$c --help has no usage line"
		for o in $(sed -n 's/^  \(-., \)\{0,1\}--\([a-z-]*\).*/\2/p' help.txt); do
			n=$((n + 1))
			"$ORDTRACK" "$c" "--$o" > opt.out 2>&1 || true
			if grep -q "unknown option" opt.out; then fail "$c lists --$o but refuses it: $(cat opt.out)"; fi
		done
		# an option line without its help text
		if grep -E '^  (-., )?--[a-z-]+( [A-Z][A-Z|-]*)? *$' help.txt; then fail "$c: an option without help"; fi
	done
	[ "$n" -gt 60 ] || fail "only $n options listed in all"
}
version_prints() {
	ot --version
	expect_rc 0
	expect_out '^ordtrack [0-9]+\.[0-9]+\.[0-9]+$'
}
unknown_command_suggests() {
	ot dif
	expect_rc 2
	expect_err "'dif' is not an ordtrack command"
	expect_err "diff"
	ot shwo
	expect_rc 2
	expect_err "show"
}
unknown_option_is_usage_error() {
	ot log --bogus
	expect_rc 2
	expect_err "unknown option"
	ot add
	expect_rc 2
	expect_err "expected ORD and FILE"
	ot
	expect_rc 2
}
data_on_stdout_messages_on_stderr() {
	ot init t
	[ -s "$err_file" ] && fail "init wrote to stderr"
	ot log --tracker t
	expect_rc 0
	[ -s "$out_file" ] && fail "empty log printed something"
	ot log --tracker nowhere
	expect_rc 1
	[ -s "$out_file" ] && fail "error went to stdout"
	expect_err "^ordtrack: "
}
run_case help_lists_commands
run_case help_for_a_command
run_case help_lists_what_is_accepted
run_case version_prints
run_case unknown_command_suggests
run_case unknown_option_is_usage_error
run_case data_on_stdout_messages_on_stderr
