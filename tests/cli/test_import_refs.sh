#!/bin/sh
# import-record writes the branches of new records as one update of
# packed-refs (src/record_import.c, pack_new_refs): what the file held
# stays (an annotated tag and its peeled line), the refs are sorted as
# git's binary search needs, git reads them all, no ref file is left;
# a lock file left by a stopped process stops the import before any
# record's ref is written.
. "$(dirname "$0")/lib.sh"

DATA="$TOP/tests/data/record-import"

# A Legistar dump of N copies of the illustrative matter, each its own
# record P-<PREFIX>K<i> with its own ids (matter 7<PREFIX>00i...).
dump() { # DIR PREFIX N
	dst=$1 p=$2 n=$3
	mkdir -p "$dst/matters" "$dst/eventitems"
	cp "$DATA/legistar/persons.json" "$DATA/legistar/officerecords.json" "$dst/"
	awk 'NR > 1 && /^  [{]/ { on = 1 } on { print } on && /^  [}]/ { exit }' "$DATA/legistar/matters.json" > one.matter
	i=1
	{
		echo "["
		while [ "$i" -le "$n" ]; do
			[ "$i" -gt 1 ] && echo ","
			sed "s/58813/7${p}0$i/g; s/O2021-117/O2021-${p}K$i/g" one.matter | sed '$ s/},$/}/'
			i=$((i + 1))
		done
		echo "]"
	} > "$dst/matters.json"
	i=1
	while [ "$i" -le "$n" ]; do
		id=7${p}0$i h=4${p}0$i
		mkdir -p "$dst/matters/$id" "$dst/eventitems/${h}4"
		sed "s/58813/$id/g; s/39100\([0-9]\)/$h\1/g" "$DATA/legistar/matters/58813/histories.json" \
			> "$dst/matters/$id/histories.json"
		sed "s/58813/$id/g" "$DATA/legistar/matters/58813/sponsors.json" > "$dst/matters/$id/sponsors.json"
		sed "s/391004/${h}4/g" "$DATA/legistar/eventitems/391004/votes.json" > "$dst/eventitems/${h}4/votes.json"
		i=$((i + 1))
	done
	rm one.matter
}

# the second import's branches join the first's and a tag in packed-refs
new_refs_join_packed_refs() {
	dump d1 1 3
	dump d2 2 4
	ot init t
	export ORDTRACK_DIR="$PWD/t"
	ot import-record d1
	expect_rc 0
	GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@localhost git --git-dir=t tag -a v1 -m "a tag" main
	git --git-dir=t pack-refs --all
	grep -q '^\^' t/packed-refs || fail "no peeled line for the tag: $(cat t/packed-refs)"
	grep -v '^[#^]' t/packed-refs | cut -d' ' -f2 > before.names
	ot import-record d2
	expect_rc 0
	expect_out '4 records new'
	# the tag and its peeled line kept, in place
	grep -A1 ' refs/tags/v1$' t/packed-refs | grep -q '^\^' || fail "the tag lost its peeled line: $(cat t/packed-refs)"
	[ "$(git --git-dir=t rev-parse 'v1^{commit}')" = "$(git --git-dir=t rev-parse 'v1^{}')" ] || fail "v1 peels wrong"
	grep -v '^[#^]' t/packed-refs | cut -d' ' -f2 > after.names
	LC_ALL=C sort -c after.names || fail "packed-refs not sorted: $(cat after.names)"
	for n in $(cat before.names); do grep -qx "$n" after.names || fail "$n lost"; done
	i=1
	while [ "$i" -le 4 ]; do
		grep -qx "refs/records/O2021-2K$i" after.names || fail "O2021-2K$i not packed"
		git --git-dir=t show "refs/records/O2021-2K$i:records/O2021-2K$i.json" | grep -q '"id": "O2021-2K'"$i"'"' ||
			fail "O2021-2K$i does not name its record"
		i=$((i + 1))
	done
	[ ! -e t/refs/records ] || [ -z "$(ls t/refs/records)" ] || fail "ref files left: $(ls t/refs/records)"
	[ ! -e t/packed-refs.lock ] || fail "the lock file was left"
	[ "$(git --git-dir=t for-each-ref refs/records/ | wc -l)" -eq 7 ] || fail "not 7 records"
	git --git-dir=t fsck --no-dangling > fsck.out 2>&1 || fail "git fsck: $(head -5 fsck.out)"
	# git rewrites the file (ordtrack's fsck wants no tags)
	git --git-dir=t tag -d v1 > /dev/null || fail "git cannot delete the tag"
	ot fsck
	expect_rc 0
	ot records
	expect_rc 0
	[ "$(wc -l < "$out_file")" -eq 7 ] || fail "records lists $(wc -l < "$out_file")"
	# run again: nothing new, nothing moves
	snap before.snap
	ot import-record d2
	expect_rc 0
	expect_out '0 records new'
	expect_unchanged
}

# a lock file left on packed-refs (a stopped process) stops the write
# before any record's ref moves, and stays for fsck --repair to clear
refused_before_any_ref_moves() {
	dump d1 1 2
	dump d2 2 2
	ot init t
	export ORDTRACK_DIR="$PWD/t"
	ot import-record d1
	expect_rc 0
	cp t/packed-refs packed.before
	: > t/packed-refs.lock
	ot import-record d2
	[ "$rc" -ne 0 ] || fail "imported over a lock file"
	expect_err "lock file .*packed-refs.lock"
	cmp -s t/packed-refs packed.before || fail "packed-refs changed"
	[ "$(git --git-dir=t for-each-ref refs/records/ | wc -l)" -eq 2 ] || fail "a record was written"
	[ -e t/packed-refs.lock ] || fail "someone else's lock file was removed"
	ot fsck --repair
	expect_rc 0
	[ ! -e t/packed-refs.lock ] || fail "fsck --repair left the lock file"
	ot import-record d2
	expect_rc 0
	[ "$(git --git-dir=t for-each-ref refs/records/ | wc -l)" -eq 4 ] || fail "not 4 records after the repair"
}

run_case new_refs_join_packed_refs
run_case refused_before_any_ref_moves
