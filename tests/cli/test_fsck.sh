#!/bin/sh
# ordtrack fsck [--repair]: a clean tracker passes; each kind of damage is
# found and named; --repair clears stale git lock files and rebuilds the
# index without touching refs or objects.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixtures.sh"

G() { git --git-dir=t "$@"; }

# two versions of 9-99, one member, one record (records/O2022-5.json)
tracker() {
	two_versions
	ot member add "Ann Lee" --ward 1
	expect_rc 0
	v2 | sed 's/three minutes/two minutes/' > two.txt
	ot propose O2022-5 9-99 two.txt --date 2022-01-10 --title "Two-minute idling" --sponsor "Ann Lee"
	expect_rc 0
}

# the state fsck --repair must never change: refs and every object
git_state() {
	{ G for-each-ref; G cat-file --batch-all-objects --batch-check; } > "$1"
}

# main moved to a copy of its tree where ordinances/9-99 has `entry`
# (mode, type, id, name as git mktree reads them) added
hostile_main() {
	ord=$(G rev-parse main:ordinances/9-99)
	{ G ls-tree "$ord"; printf '%s\n' "$1"; } | G mktree > ord.id
	ords=$(G ls-tree main:ordinances | sed "s/$ord/$(cat ord.id)/" | G mktree)
	root=$(G ls-tree main | sed "s/$(G rev-parse main:ordinances)/$ords/" | G mktree)
	c=$(echo hostile | G commit-tree "$root" -p main)
	G update-ref refs/heads/main "$c"
}

clean_tracker_passes() {
	tracker
	ot fsck
	expect_rc 0
	expect_out '^checked [0-9]+ refs, [0-9]+ commits, .* 0 problems$'
	expect_out ' 1 records\)'
	[ ! -s "$err_file" ] || fail "stderr: $(cat "$err_file")"
	ot fsck --format json
	expect_rc 0
	expect_out '"format": "ordtrack-fsck/1"'
	expect_out '"clean": true'
	expect_out '"sections": [1-9]'
	ls t | grep -q 'fsck-' && fail "temporary rebuild left behind: $(ls t)"
	true
}

# the full-text index emptied behind ordtrack's back: searches would miss
# clauses; fsck says so, --repair restores it
damaged_fts_detected() {
	tracker
	ot search sidewalk
	expect_rc 0
	expect_out 'sidewalk'
	sqlite3 t/index.sqlite "INSERT INTO units_fts(units_fts) VALUES('delete-all')"
	ot fsck
	expect_rc 1
	expect_out 'full-text search index does not match'
	ot fsck --repair
	expect_rc 0
	ot fsck
	expect_rc 0
	ot search sidewalk
	expect_out 'sidewalk'
}

empty_tracker_passes() {
	ot init t
	export ORDTRACK_DIR="$PWD/t"
	ot fsck
	expect_rc 0
	expect_out ' 0 problems$'
}

not_a_tracker() {
	mkdir nothing
	ot fsck --tracker nothing
	expect_rc 1
	expect_err 'not an ordtrack tracker'
	ot fsck --bogus
	expect_rc 2
	ot fsck --format xml --tracker nothing
	expect_rc 2
}

hostile_dotdot_entry() {
	tracker
	blob=$(echo 'evil' | G hash-object -w --stdin)
	hostile_main "100644 blob $blob	.."
	ot fsck
	expect_rc 1
	expect_out "^ordtrack fsck: tree: ordinances/9-99/\.\.: unsafe entry name refused"
	# the index cannot follow such a tree: said once, not a crash
	expect_out "^ordtrack fsck: index: git: the index cannot be rebuilt from git: .*unsafe entry"
}

hostile_git_and_symlink_entries() {
	tracker
	blob=$(echo '/etc/passwd' | G hash-object -w --stdin)
	hostile_main "120000 blob $blob	9-99-050"
	ot fsck
	expect_rc 1
	expect_out "^ordtrack fsck: tree: ordinances/9-99/9-99-050: a symbolic link where a regular file belongs"
	tree=$(printf '100644 blob %s\tconfig\n' "$blob" | G mktree)
	G update-ref refs/heads/main main~1
	hostile_main "040000 tree $tree	.GIT"
	ot fsck
	expect_rc 1
	expect_out "^ordtrack fsck: tree: ordinances/9-99/\.GIT: unsafe entry name refused \(a '\.git' entry\)"
}

unexpected_top_level_entry() {
	tracker
	blob=$(echo x | G hash-object -w --stdin)
	root=$({ G ls-tree main; printf '100644 blob %s\tREADME\n' "$blob"; } | G mktree)
	G update-ref refs/heads/main "$(echo readme | G commit-tree "$root" -p main)"
	ot fsck
	expect_rc 1
	expect_out '^ordtrack fsck: tree: README: unexpected top-level entry'
}

section_not_canonical() {
	tracker
	blob=$(printf '9-99-030   Penalty.\n(a)   A fine.\n' | G hash-object -w --stdin)
	G update-ref refs/heads/main main~1  # before the member commit: simpler tree
	ord=$(G rev-parse main:ordinances/9-99)
	G ls-tree "$ord" | sed "s/[0-9a-f]\{40\}\t9-99-030\$/$blob\t9-99-030/" | G mktree > ord.id
	ords=$(G ls-tree main:ordinances | sed "s/$ord/$(cat ord.id)/" | G mktree)
	root=$(G ls-tree main | sed "s/$(G rev-parse main:ordinances)/$ords/" | G mktree)
	G update-ref refs/heads/main "$(echo spaces | G commit-tree "$root" -p main)"
	ot fsck
	expect_rc 1
	expect_out '^ordtrack fsck: text: ordinances/9-99/9-99-030: is not in canonical form'
}

# a loose object: zlib garbage, then valid zlib of other content (only
# strict hash verification notices that one)
corrupted_loose_object() {
	tracker
	blob=$(printf '9-99-030 Penalty.\n(a) A violation is punishable by a fine of $75.\n' | G hash-object -w --stdin)
	ord=$(G rev-parse main:ordinances/9-99)
	G ls-tree "$ord" | sed "s/[0-9a-f]\{40\}\t9-99-030\$/$blob\t9-99-030/" | G mktree > ord.id
	ords=$(G ls-tree main:ordinances | sed "s/$ord/$(cat ord.id)/" | G mktree)
	root=$(G ls-tree main | sed "s/$(G rev-parse main:ordinances)/$ords/" | G mktree)
	G update-ref refs/heads/main "$(echo fine | G commit-tree "$root" -p main)"
	ot fsck
	expect_rc 0
	obj="t/objects/$(echo "$blob" | cut -c1-2)/$(echo "$blob" | cut -c3-)"
	[ -f "$obj" ] || fail "no loose object $obj"
	other=$(printf '9-99-030 Penalty.\n(a) A violation is punishable by a fine of $99.\n' | G hash-object -w --stdin)
	chmod u+w "$obj"
	cp "t/objects/$(echo "$other" | cut -c1-2)/$(echo "$other" | cut -c3-)" "$obj"
	ot fsck
	expect_rc 1
	expect_out "^ordtrack fsck: object: blob $blob: damaged \(at ordinances/9-99/9-99-030\)"
	printf 'garbage' | dd of="$obj" bs=1 seek=2 conv=notrunc 2>/dev/null
	ot fsck
	expect_rc 1
	expect_out "^ordtrack fsck: object: blob $blob: damaged"
	rm -f "$obj"
	ot fsck
	expect_rc 1
	expect_out "^ordtrack fsck: object: blob $blob: missing"
}

dangling_ref() {
	tracker
	echo 0123456789abcdef0123456789abcdef01234567 > t/refs/records/O2099-1
	ot fsck
	expect_rc 1
	expect_out '^ordtrack fsck: ref: refs/records/O2099-1: points at 0123456789abcdef0123456789abcdef01234567, which does not exist'
	echo 'not a ref at all' > t/refs/records/O2099-1
	ot fsck
	expect_rc 1
	expect_out '^ordtrack fsck: ref: refs/records/O2099-1: cannot be read'
	rm t/refs/records/O2099-1
	G update-ref refs/records/O2099-1 "$(G rev-parse main:members.json)"
	ot fsck
	expect_rc 1
	expect_out '^ordtrack fsck: ref: refs/records/O2099-1: points at a blob'
}

invalid_record_json() {
	tracker
	rec=$(G rev-parse refs/records/O2022-5)
	bad=$(G show "$rec:records/O2022-5.json" | sed 's/"pending"/"maybe"/' | G hash-object -w --stdin)
	recs=$(G ls-tree "$rec:records" | sed "s/[0-9a-f]\{40\}\tO2022-5.json/$bad\tO2022-5.json/" | G mktree)
	root=$(G ls-tree "$rec" | sed "s/$(G rev-parse "$rec:records")/$recs/" | G mktree)
	G update-ref refs/records/O2022-5 "$(echo bad | G commit-tree "$root" -p "$rec")"
	ot fsck
	expect_rc 1
	expect_out '^ordtrack fsck: record: records/O2022-5.json: unknown status'
	# not JSON at all
	bad=$(echo '{"format": ' | G hash-object -w --stdin)
	recs=$(G ls-tree "$rec:records" | sed "s/[0-9a-f]\{40\}\tO2022-5.json/$bad\tO2022-5.json/" | G mktree)
	root=$(G ls-tree "$rec" | sed "s/$(G rev-parse "$rec:records")/$recs/" | G mktree)
	G update-ref refs/records/O2022-5 "$(echo bad | G commit-tree "$root" -p "$rec")"
	ot fsck
	expect_rc 1
	expect_out '^ordtrack fsck: record: records/O2022-5.json: '
}

index_row_deleted_or_altered() {
	tracker
	git_state before
	sqlite3 t/index.sqlite "DELETE FROM sections WHERE section = '9-99-040'"
	ot fsck
	expect_rc 1
	expect_out "^ordtrack fsck: index: index.sqlite:sections: row missing from the index: \('9-99', 2, '9-99-040'"
	expect_out 'foreign_key_check|differs from a rebuild'
	sqlite3 t/index.sqlite "UPDATE versions SET title = 'Hijacked' WHERE n = 1"
	sqlite3 t/index.sqlite "UPDATE commits SET stage = 'enacted''; DROP TABLE x; --' WHERE seq = 2"
	ot fsck
	expect_rc 1
	expect_out "index.sqlite:versions: row differs: the index has \('9-99', 1, .*'Hijacked'"
	expect_out "index.sqlite:commits: row differs"
	ot fsck --repair
	expect_rc 0
	expect_out '^ordtrack fsck: index: index.sqlite:versions: row differs'
	expect_out '^ordtrack fsck: repaired: rebuilt index.sqlite from git'
	expect_out ' 0 problems left$'
	ot fsck
	expect_rc 0
	git_state after
	cmp -s before after || fail "repair changed git: $(diff before after | head -5)"
	ot show 9-99
	expect_rc 0
	expect_out 'Severability'
}

index_file_destroyed() {
	tracker
	git_state before
	head -c 4096 /dev/urandom > t/index.sqlite
	rm -f t/index.sqlite-wal t/index.sqlite-shm
	ot fsck
	expect_rc 1
	expect_out '^ordtrack fsck: index: index.sqlite: '
	ot fsck --repair
	expect_rc 0
	ot fsck
	expect_rc 0
	[ "$(sqlite3 t/index.sqlite 'PRAGMA integrity_check')" = ok ] || fail integrity
	git_state after
	cmp -s before after || fail "repair changed git"
	rm t/index.sqlite
	ot fsck
	expect_rc 1
	expect_out 'index: index.sqlite: missing'
	ot fsck --repair
	expect_rc 0
}

stale_main_lock() {
	tracker
	: > t/refs/heads/main.lock
	ot fsck
	expect_rc 1
	expect_out "^ordtrack fsck: lock: refs/heads/main.lock: stale git lock file .*no ordtrack writer is running.*ordtrack fsck --repair"
	# a write explains the lock file and the way out; nothing recorded
	before=$(G rev-parse main)
	v2 | sed 's/fine of \$50/fine of $60/' > v3.txt
	ot add 9-99 v3.txt --date 2022-02-02
	expect_rc 1
	expect_err "ordtrack: a lock file '.*t/refs/heads/main.lock' was left by a process that stopped; run 'ordtrack fsck --repair'"
	[ "$(G rev-parse main)" = "$before" ] || fail "main moved"
	git_state before
	ot fsck --repair
	expect_rc 0
	expect_out "^ordtrack fsck: repaired: removed stale lock file 'refs/heads/main.lock'"
	[ ! -e t/refs/heads/main.lock ] || fail "lock file still there"
	git_state after
	cmp -s before after || fail "repair changed git"
	ot add 9-99 v3.txt --date 2022-02-02
	expect_rc 0
	ot fsck
	expect_rc 0
}

other_stale_locks() {
	tracker
	: > t/packed-refs.lock
	: > t/config.lock
	: > t/refs/records/O2022-5.lock
	ot fsck --format json
	expect_rc 1
	expect_out '"kind": "lock"'
	expect_out '"where": "packed-refs.lock"'
	expect_out '"where": "config.lock"'
	expect_out '"where": "refs/records/O2022-5.lock"'
	ot fsck --repair --format json
	expect_rc 0
	expect_out '"clean": true'
	expect_out "removed stale lock file 'config.lock'"
	ls t/*.lock t/refs/records/*.lock 2>/dev/null | grep -v ordtrack.lock && fail "lock files left"
	true
}

# a writer holds the tracker lock: fsck --repair waits for it to finish
# and never removes a git lock file while the writer may still own it
lock_held_by_a_writer() {
	tracker
	command -v flock >/dev/null || skip_case "flock(1) is not installed"
	: > t/refs/heads/main.lock
	flock t/ordtrack.lock sleep 2 &
	sleep 0.3
	"$ORDTRACK" fsck --repair > repair.out 2>&1 &
	sleep 1
	[ -e t/refs/heads/main.lock ] || fail "removed a lock file while a writer ran"
	wait
	grep -q "removed stale lock file 'refs/heads/main.lock'" repair.out || fail "not repaired: $(cat repair.out)"
	[ ! -e t/refs/heads/main.lock ] || fail "lock file left"
}

run_case clean_tracker_passes
run_case damaged_fts_detected
run_case empty_tracker_passes
run_case not_a_tracker
run_case hostile_dotdot_entry
run_case hostile_git_and_symlink_entries
run_case unexpected_top_level_entry
run_case section_not_canonical
run_case corrupted_loose_object
run_case dangling_ref
run_case invalid_record_json
run_case index_row_deleted_or_altered
run_case index_file_destroyed
run_case stale_main_lock
run_case other_stale_locks
run_case lock_held_by_a_writer
