#!/bin/sh
# tests/valgrind-ordtrack.sh - ordtrack under valgrind, for
# `make check VALGRIND=1`: any memory error or leak (definite or indirect)
# makes the command exit 99, which the command-line tests report as a
# failure; valgrind's report goes to $VALGRIND_LOG_DIR.
: "${ORDTRACK_REAL:?ORDTRACK_REAL must name the ordtrack binary}"
: "${VALGRIND_LOG_DIR:?VALGRIND_LOG_DIR must name a directory}"
exec valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect --log-file="$VALGRIND_LOG_DIR/vg.%p" \
	"$ORDTRACK_REAL" "$@"
