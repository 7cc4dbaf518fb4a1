/*
 * import_html.h - internal to the library and its tests: the test hook
 * of the HTML importer's conservation record (import_html.c).
 */
#ifndef ORDTRACK_IMPORT_HTML_H
#define ORDTRACK_IMPORT_HTML_H

#include "internal.h"

/* When `at` is N > 0, the Nth text node the next HTML import reads is
 * lost on purpose between reading it and the lines handed to the text
 * parser (or the note or skipped entry it belongs to): kind 1 records
 * it but leaves its text out, kind 2 leaves it out unrecorded.  Either
 * way the conservation check must refuse the page, naming the HTML file
 * and line.  Zero in normal use; thread-local; tests only
 * (tests/unit/test_import_html.c). */
extern _Thread_local ot_test_plant ot_test_html_plant;

#endif
