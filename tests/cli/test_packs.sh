#!/bin/sh
# The pack count stays bounded: every write adds one pack file, and when
# objects/pack holds more than OT_PACK_LIMIT (50) packs the writer, still
# under its lock and past its commit point, writes one pack of everything
# a ref reaches, removes the packs that were there before, and packs the
# loose refs (see src/store.c).
#
#   - 130 writes over five records: at most 51 packs at any time (checked
#     after every write), refs packed, `ordtrack fsck` and
#     `git fsck --strict` clean, every record's history whole;
#   - with ORDTRACK_PACK_LIMIT=3 (the test knob: consolidate after a few
#     writes), readers (`show`, `status`) looping in the background never
#     fail while writes consolidate;
#   - with ORDTRACK_PACK_LIMIT=1 or 3 (every write or every few writes
#     consolidate, by a full repack or a merge of the small packs), writers killed
#     with SIGKILL at random moments leave fsck clean (after
#     `fsck --repair` when a stale lock file is left) and the history whole.
# PACKS_KILLS (default 40) sets the number of kills.
. "$(dirname "$0")/lib.sh"

KILLS=${PACKS_KILLS:-40}

text() { # ORD WORD
	printf '%s-010 Rules.\n(a) No person shall %s a vehicle on a sidewalk.\n(b) Fines are $50.\n' "$1" "$2"
}

npacks() { ls t/objects/pack | grep -c '\.pack$' || true; }

# fsck of ordtrack and git both clean; a stale git lock file (a writer
# killed inside a ref or pack write) is repaired first
fsck_clean() {
	ot fsck
	if [ "$rc" -ne 0 ] && grep -q 'lock' "$out_file" "$err_file"; then
		ot fsck --repair
		expect_rc 0
		ot fsck
	fi
	[ "$rc" -eq 0 ] || fail "fsck: $(head -c 600 "$out_file") $(head -c 300 "$err_file")"
	git --git-dir=t fsck --strict --no-dangling >gitfsck.out 2>&1 || fail "git fsck: $(head -5 gitfsck.out)"
}

# the actions recorded on RECORD, as ordtrack and as git see them: both
# must equal N (the record's JSON and its branch's history agree)
expect_actions() { # RECORD N
	ot status "$1" --format json
	expect_rc 0
	got=$(grep -o '"type": *"deferral"' "$out_file" | wc -l)
	[ "$got" -eq "$2" ] || fail "$1 has $got deferrals, expected $2"
	commits=$(git --git-dir=t rev-list --count "refs/records/$1" ^main)
	# the proposal commit, then one commit per action
	[ "$commits" -eq $(($2 + 1)) ] || fail "refs/records/$1 has $commits commits, expected $(($2 + 1))"
}

setup() {
	ot init t
	expect_rc 0
	export ORDTRACK_DIR="$PWD/t"
	text 8-9 park >base.txt
	ot add 8-9 base.txt --date 2024-01-01
	expect_rc 0
	for r in 1 2 3 4 5; do
		text 8-9 "stand$r" >p.txt
		ot propose "P$r" 8-9 p.txt --date 2024-02-01 --title "Record $r" --sponsor "Ann Lee"
		expect_rc 0
	done
}

packs_stay_bounded() {
	unset ORDTRACK_PACK_LIMIT
	setup
	max=0
	drops=0
	prev=$(npacks)
	i=1
	while [ "$i" -le 130 ]; do
		r=$((i % 5 + 1))
		ot action "P$r" --date 2024-03-01 --type deferral --text "event $i"
		expect_rc 0
		[ ! -s "$err_file" ] || fail "write $i warned: $(head -c 300 "$err_file")"
		n=$(npacks)
		if [ "$n" -gt "$max" ]; then max=$n; fi
		if [ "$n" -lt "$prev" ]; then drops=$((drops + 1)); fi
		prev=$n
		[ "$n" -le 51 ] || fail "$n packs after write $i"
		i=$((i + 1))
	done
	# 136 writes in all: the count reached the limit and was brought down
	# twice (a write that finds 51 packs leaves 1)
	[ "$max" -eq 50 ] || fail "the pack count peaked at $max, expected 50"
	[ "$drops" -eq 2 ] || fail "the pack count dropped $drops times, expected 2"
	git --git-dir=t count-objects -v >co.out
	p=$(sed -n 's/^packs: //p' co.out)
	[ "$p" -ge 1 ] && [ "$p" -le 51 ] || fail "git counts $p packs"
	[ "$(sed -n 's/^count: //p' co.out)" -eq 0 ] || fail "loose objects: $(cat co.out)"
	# the refs were packed: packed-refs names the records, few loose ones
	grep -q ' refs/records/P1$' t/packed-refs || fail "refs not packed: $(cat t/packed-refs 2>/dev/null | head -3)"
	loose=$(find t/refs -type f | wc -l)
	[ "$loose" -le 6 ] || fail "$loose loose refs after consolidation"
	fsck_clean
	for r in 1 2 3 4 5; do expect_actions "P$r" 26; done
	ot log 8-9
	expect_rc 0
	ot show 8-9
	expect_rc 0
	expect_out 'park a vehicle'
	# no pack but the ones consolidation keeps or the writes since: every
	# object in the packs is reachable (the old packs are gone, not kept)
	[ -z "$(ls t/objects/pack | grep -v -E '^pack-[0-9a-f]{40}\.(pack|idx)$')" ] ||
		fail "stray files in objects/pack: $(ls t/objects/pack | head)"
}

# a reader in a loop until ./stop exists; failures go to reader.N.err
reader() { # N
	k=0
	while [ ! -e stop ]; do
		"$ORDTRACK" show 8-9 >"reader.$1.out" 2>"reader.$1.e" || {
			echo "show failed: $(cat "reader.$1.e")" >>"reader.$1.err"
		}
		grep -q 'a vehicle on a sidewalk' "reader.$1.out" || echo "show printed: $(head -3 "reader.$1.out")" >>"reader.$1.err"
		"$ORDTRACK" status P1 --format json >"reader.$1.out" 2>"reader.$1.e" || {
			echo "status failed: $(cat "reader.$1.e")" >>"reader.$1.err"
		}
		k=$((k + 1))
		echo "$k" >"reader.$1.count"
	done
}

readers_never_fail() {
	setup
	export ORDTRACK_PACK_LIMIT=3
	reader 1 &
	p1=$!
	reader 2 &
	p2=$!
	i=1
	while [ "$i" -le 60 ]; do
		if [ $((i % 2)) -eq 0 ]; then
			text 8-9 "w$i" >v.txt
			ot add 8-9 v.txt --date 2024-03-01 -m "version $i"
		else
			ot action P1 --date 2024-03-01 --type deferral --text "event $i"
		fi
		expect_rc 0
		[ ! -s "$err_file" ] || fail "write $i warned: $(head -c 300 "$err_file")"
		[ "$(npacks)" -le 4 ] || fail "$(npacks) packs with ORDTRACK_PACK_LIMIT=3"
		i=$((i + 1))
	done
	touch stop
	wait "$p1" "$p2"
	for n in 1 2; do
		[ ! -s "reader.$n.err" ] || fail "reader $n: $(head -3 "reader.$n.err")"
		[ "$(cat "reader.$n.count")" -ge 10 ] || fail "reader $n ran only $(cat "reader.$n.count") times"
	done
	fsck_clean
	expect_actions P1 30
	ot show 8-9
	expect_out 'shall w60 a vehicle'
}

# a limit below the pack count is ignored when it is not a number
bad_knob_ignored() {
	setup
	export ORDTRACK_PACK_LIMIT=zero
	before=$(npacks)
	ot action P1 --date 2024-03-01 --type deferral
	expect_rc 0
	[ "$(npacks)" -eq $((before + 1)) ] || fail "a bad ORDTRACK_PACK_LIMIT changed the packing: $before -> $(npacks)"
	export ORDTRACK_PACK_LIMIT=1
	ot action P1 --date 2024-03-01 --type deferral
	expect_rc 0
	[ "$(npacks)" -eq 1 ] || fail "$(npacks) packs with ORDTRACK_PACK_LIMIT=1"
}

kill_during_consolidation() {
	setup
	export ORDTRACK_PACK_LIMIT=1
	# a chapter of 300 sections, so the consolidation has work to do
	awk 'BEGIN { print "CHAPTER 9-99 BIG"; for (s = 1; s <= 300; s++) {
		printf "9-99-%03d Rules on matter %d.\n(a) No person shall park in zone %d.\n", s, s, s } }' >big.txt
	ot add 9-99 big.txt --date 2024-01-01
	expect_rc 0
	seed=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	awk -v n="$KILLS" -v seed="$seed" 'BEGIN { srand(seed); for (i = 0; i < n; i++) printf "%.4f\n", rand() * 0.04 }' >delays.txt
	done_actions=0
	present=0
	k=1
	while [ "$k" -le "$KILLS" ]; do
		# limit 1: every write repacks what the refs reach; limit 3: the
		# small packs are merged whole (geometric)
		ORDTRACK_PACK_LIMIT=$((k % 2 ? 1 : 3))
		d=$(sed -n "${k}p" delays.txt)
		"$ORDTRACK" action P1 --date 2024-03-01 --type deferral --text "kill $k" >/dev/null 2>&1 &
		pid=$!
		sleep "$d"
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		fsck_clean || fail "seed $seed, kill $k"
		if git --git-dir=t show refs/records/P1:records/P1.json | grep -q "\"kill $k\""; then
			present=$((present + 1))
		else
			ot action P1 --date 2024-03-01 --type deferral --text "kill $k"
			expect_rc 0
		fi
		done_actions=$((done_actions + 1))
		expect_actions P1 "$done_actions"
		ot show 9-99 --clause 9-99-300
		expect_rc 0
		expect_out 'zone 300'
		k=$((k + 1))
	done
	echo "# seed $seed: $present of $KILLS killed writes had committed"
	[ "$(npacks)" -le 4 ] || fail "$(npacks) packs left"
}

run_case packs_stay_bounded
run_case readers_never_fail
run_case bad_knob_ignored
run_case kill_during_consolidation
