#!/bin/sh
# Each public header compiles alone with -std=c11 -pedantic (STYLE.md).
. "$(dirname "$0")/lib.sh"
for h in "$TOP"/include/ordtrack/*.h; do
	name=header_$(basename "$h" .h)
	eval "$name() { printf '#include \"ordtrack/$(basename "$h")\"\nint main(void) { return 0; }\n' > t.c; \
	  cc -std=c11 -pedantic -Wall -Wextra -Werror -I'$TOP/include' \$(pkg-config --cflags libgit2 sqlite3) -c t.c -o t.o \
	  || fail 'header $(basename "$h") does not compile alone'; }"
	run_case "$name"
done

# ordtrack/ordtrack.h is "the whole public API in one include": it names
# every other public header, so a header added without it fails here.
umbrella_includes_every_header() {
	for h in "$TOP"/include/ordtrack/*.h; do
		b=$(basename "$h")
		[ "$b" = ordtrack.h ] && continue
		grep -q "^#include \"ordtrack/$b\"" "$TOP/include/ordtrack/ordtrack.h" ||
			fail "ordtrack/ordtrack.h does not include ordtrack/$b"
	done
	printf '#include "ordtrack/ordtrack.h"\nint main(void) { return 0; }\n' > t.c
	cc -std=c11 -pedantic -Wall -Wextra -Werror -I"$TOP/include" $(pkg-config --cflags libgit2 sqlite3) -c t.c -o t.o ||
		fail 'ordtrack/ordtrack.h does not compile'
}
run_case umbrella_includes_every_header
