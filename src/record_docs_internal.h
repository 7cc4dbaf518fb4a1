/*
 * record_docs_internal.h - what record_docs.c shares with the rest of the
 * library and is not part of the public API.
 */
#ifndef ORDTRACK_RECORD_DOCS_INTERNAL_H
#define ORDTRACK_RECORD_DOCS_INTERNAL_H

#include <stddef.h>

#include "ordtrack/record.h"

/* The ordtrack-members/1 object of items[0..n) in that order, its keys in
 * the document's order (format, members; each member's name, ward, from,
 * to).  A new reference, owned by the caller.  ot_members_doc prints it
 * as it is; ot_members_to_json (record.c) with sorted keys, as members.json
 * is stored. */
struct json_t;
struct json_t *ot_members__json(const ot_member *items, size_t n);

#endif
