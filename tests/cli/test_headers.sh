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
