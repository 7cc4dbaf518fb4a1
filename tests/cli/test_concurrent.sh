#!/bin/sh
# Concurrent writers: 8 processes record 50 events each at the same time.
#
# Four write actions on one shared pending record (all moving the same
# record branch), four write new versions of their own ordinance (all
# moving main).  Afterwards no event is lost or duplicated, every history
# is well-formed, and `ordtrack fsck` (which compares the index with a
# rebuild from git) is clean.
. "$(dirname "$0")/lib.sh"

EVENTS=${CONCURRENT_EVENTS:-50}

text() { # ORD WORD
	printf '%s-010 Rules.\n(a) No person shall %s a vehicle on a sidewalk.\n(b) Fines are $50.\n' "$1" "$2"
}

actions_writer() { # N
	j=1
	while [ "$j" -le "$EVENTS" ]; do
		"$ORDTRACK" action P1 --date 2024-03-01 --type referral-committee --body "Committee $1" \
			--text "writer $1 event $j" >/dev/null 2>>"errors.$1" || echo "writer $1 event $j failed" >>"errors.$1"
		j=$((j + 1))
	done
}

versions_writer() { # N
	j=1
	while [ "$j" -le "$EVENTS" ]; do
		text "8-$1" "w$1e$j" >"v.$1.txt"
		"$ORDTRACK" add "8-$1" "v.$1.txt" --date 2024-03-01 -m "writer $1 event $j" >/dev/null 2>>"errors.$1" ||
			echo "writer $1 event $j failed" >>"errors.$1"
		j=$((j + 1))
	done
}

eight_writers_lose_nothing() {
	ot init t
	expect_rc 0
	export ORDTRACK_DIR="$PWD/t"
	text 8-9 park >base.txt
	ot add 8-9 base.txt --date 2024-01-01
	expect_rc 0
	text 8-9 stand >p1.txt
	ot propose P1 8-9 p1.txt --date 2024-02-01 --title "Shared record" --sponsor "Ann Lee"
	expect_rc 0
	pids=
	for n in 1 2 3 4; do
		actions_writer "$n" &
		pids="$pids $!"
		versions_writer "$((n + 4))" &
		pids="$pids $!"
	done
	for p in $pids; do wait "$p"; done
	for n in 1 2 3 4 5 6 7 8; do
		[ ! -s "errors.$n" ] || fail "writer $n: $(head -3 "errors.$n")"
	done
	# every action once, none lost, none doubled
	ot status P1 --format json
	expect_rc 0
	for n in 1 2 3 4; do
		got=$(grep -c "\"writer $n event [0-9]*\"" "$out_file" || true)
		[ "$got" -eq "$EVENTS" ] || fail "writer $n: $got of $EVENTS actions recorded"
		[ "$(grep -o "\"writer $n event [0-9]*\"" "$out_file" | sort -u | wc -l)" -eq "$EVENTS" ] ||
			fail "writer $n: an action recorded twice"
	done
	# every version once, in order, on main's first-parent line
	for n in 5 6 7 8; do
		ot log "8-$n"
		expect_rc 0
		[ "$(wc -l <"$out_file")" -eq "$EVENTS" ] || fail "8-$n: $(wc -l <"$out_file") versions, expected $EVENTS"
		ot show "8-$n"
		expect_out "w${n}e${EVENTS} a vehicle"
	done
	[ "$(git --git-dir=t rev-list --first-parent main | wc -l)" -eq $((4 * EVENTS + 1)) ] ||
		fail "main has $(git --git-dir=t rev-list --first-parent main | wc -l) commits, expected $((4 * EVENTS + 1))"
	[ "$(git --git-dir=t rev-list refs/records/P1 ^main | wc -l)" -eq $((4 * EVENTS + 1)) ] ||
		fail "the record has $(git --git-dir=t rev-list refs/records/P1 ^main | wc -l) commits"
	ot fsck
	expect_rc 0
	git --git-dir=t fsck --strict >/dev/null 2>&1 || fail "git fsck: $(git --git-dir=t fsck --strict 2>&1 | head -3)"
}

run_case eight_writers_lose_nothing
