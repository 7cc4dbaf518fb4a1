#!/bin/sh
# Disk full: a tracker on a tiny tmpfs.  Writes that run out of space fail
# with a clear message and leave the tracker as it was (or, when the
# space ran out only after the commit point, wholly written); once space
# is freed the same write succeeds and fsck is clean.
#
# Needs root and permission to mount (CI runs as root); elsewhere the case
# is skipped with a message.
. "$(dirname "$0")/lib.sh"

# a chapter of about 57 KB (400 sections)
big() {
	awk -v w="$1" 'BEGIN {
		print "CHAPTER 9-97 DISK TEST"
		for (s = 1; s <= 400; s++) {
			printf "9-97-%03d Matter %d.\n", s, s
			printf "(a) No person shall %s a vehicle in zone %d of the city, nor cause another to do so.\n", w, s
			printf "(b) The fine for zone %d is $%d.\n", s, 50 + s
		}
	}'
}

snap() { { git --git-dir="$1" for-each-ref; git --git-dir="$1" rev-parse main; } 2>&1; }

full_disk_leaves_tracker_intact() {
	mkdir mnt
	mount -t tmpfs -o size=16m tmpfs mnt || fail "cannot mount a tmpfs"
	trap 'umount "$PWD/mnt" 2>/dev/null' EXIT
	ot init mnt/t
	expect_rc 0
	export ORDTRACK_DIR="$PWD/mnt/t"
	big park >a.txt
	ot add 9-97 a.txt --date 2024-01-01
	expect_rc 0
	failures=0
	n=0
	# leave less and less room, down to nothing
	for free_kb in 96 48 24 12 6 2 0; do
		n=$((n + 1))
		big "stand$n" >b.txt
		rm -f mnt/filler
		avail=$(df -k mnt | awk 'NR == 2 { print $4 }')
		fill=$((avail - free_kb))
		[ "$fill" -le 0 ] || dd if=/dev/zero of=mnt/filler bs=1k count="$fill" 2>/dev/null || true
		before=$(snap mnt/t)
		echo "# write $n, $free_kb KB free"
		ot add 9-97 b.txt --date 2024-01-02
		if [ "$rc" -ne 0 ]; then
			failures=$((failures + 1))
			expect_rc 1
			expect_err 'No space left on device|disk is full|out of space'
			[ "$(wc -l <"$err_file")" -le 2 ] || fail "not a short message: $(cat "$err_file")"
			[ "$(snap mnt/t)" = "$before" ] || fail "the failed write (free $free_kb KB) changed the refs"
		fi
		rm -f mnt/filler
		ot fsck
		if [ "$rc" -ne 0 ]; then
			ot fsck --repair
			expect_rc 0
			ot fsck
		fi
		expect_rc 0
		ot show 9-97
		expect_rc 0
		if [ "$(snap mnt/t)" = "$before" ]; then
			# not written: with room again, the same write succeeds
			ot add 9-97 b.txt --date 2024-01-02
			expect_rc 0
		fi
		ot show 9-97
		expect_out "stand$n a vehicle in zone 1 "
	done
	[ "$failures" -gt 0 ] || fail "no write ran out of space: the test did not test anything"
	echo "# $failures of $n writes ran out of space and were refused cleanly"
}

# skipped, with the reason, where a tmpfs cannot be mounted
can_mount() {
	[ "$(id -u)" = 0 ] || return 1
	d=$(mktemp -d)
	mount -t tmpfs -o size=64k tmpfs "$d" 2>/dev/null || { rmdir "$d"; return 1; }
	umount "$d"
	rmdir "$d"
}
if can_mount; then
	run_case full_disk_leaves_tracker_intact
else
	echo "ok full_disk_leaves_tracker_intact # skip: not root, or mounting a tmpfs is not allowed here"
fi
