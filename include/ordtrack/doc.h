/*
 * ordtrack/doc.h - the clause tree of an ordinance text, the plain-text
 * parser and the canonical text form.
 *
 * A document (ot_doc) is an ordered list of sections.  Each section is an
 * ot_node tree:
 *
 *   SECTION  num "2-173-020", heading "Definitions.", children
 *   CLAUSE   num "(a)", text "...", children; id "2-173-020(a)"
 *   TEXT     an unnumbered paragraph (preamble, or flush text after a list);
 *            it belongs to its parent; id "<parent id>~N", N counting the
 *            parent's TEXT children from 1.
 *
 * Clause ids are paths: section number followed by each marker,
 * "2-173-020(a)(1)(A)(i)".  Ids are unique within a document.
 *
 * Canonical text of one section (what the store writes, one file per
 * section):
 *
 *   2-173-020 Heading.          <- section number, space, heading
 *   (a) text of (a)            <- one clause per line, marker first
 *   (1) text of (a)(1)
 *
 *   Unnumbered paragraph.      <- a TEXT node: a blank line, then its text
 *   (b) ...
 *
 * Every line ends in "\n"; there is no trailing blank line.  Parsing the
 * canonical text gives back the identical tree (the round-trip law).
 *
 * Ownership: an ot_doc owns its nodes and their strings; a const ot_node *
 * obtained from a doc is borrowed from it.  Free with ot_doc_free, which
 * does not recurse.
 */
#ifndef ORDTRACK_DOC_H
#define ORDTRACK_DOC_H

#include <stddef.h>

#include "ordtrack/buf.h"

typedef enum {
	OT_NODE_SECTION,
	OT_NODE_CLAUSE,
	OT_NODE_TEXT
} ot_node_kind;

typedef struct ot_node ot_node;
struct ot_node {
	char *id;      /* full id, see above; never NULL */
	char *num;     /* SECTION: "2-173-020"; CLAUSE: "(a)"; TEXT: NULL */
	char *heading; /* SECTION: heading text, possibly ""; others NULL */
	char *text;    /* CLAUSE and TEXT: content (no marker), possibly "";
	                  SECTION: NULL */
	ot_node *parent; /* NULL for a section */
	ot_node **children;
	unsigned nchildren;
	unsigned cap;
	ot_node_kind kind;
	unsigned line; /* 1-based source line where it started; 0 unknown */
	unsigned char num_in_id; /* 1: num points into id (the marker is the
	                            id's tail) and is not freed on its own */
	/* (fields ordered and sized so that a node is 72 bytes: a whole code
	 * holds hundreds of thousands of them) */
};

/* Text that came with a version but is not law: an editorial annotation
 * or a history note found by an importer ("Added Coun. J. 5-8-19"). */
typedef struct ot_doc_note {
	char *section; /* number of the section it came with, or NULL */
	char *kind;    /* "history", "editorial", "source", "cross-reference" */
	char *text;
	unsigned line; /* 1-based source line where it starts; 0 unknown */
} ot_doc_note;

/* Input that is neither law nor a note of a section, left out of the tree
 * and reported (see docs/conservation.md): page furniture of a PDF or a
 * web page, text before the first section, ordinance prose after the
 * last one.  Nothing is dropped without an entry here. */
typedef struct ot_doc_skip {
	char *kind;    /* "preamble", "page-header", "page-footer", "page-number",
	                  "navigation", "prose", "markup" */
	char *text;    /* the skipped text, white space collapsed */
	unsigned line; /* 1-based source line where it starts; 0 unknown */
} ot_doc_skip;

typedef struct ot_doc {
	char *title;        /* "Welcoming City" from a "CHAPTER 2-173 ..." line,
	                       or NULL */
	ot_node **sections; /* in document order */
	size_t nsections;
	size_t cap;
	ot_doc_note *notes; /* kept out of clause text; stored with the
	                       version in the ORDINANCE file */
	size_t nnotes;
	size_t notes_cap;
	ot_doc_skip *skipped; /* in input order; reported, never stored */
	size_t nskipped;
	size_t skipped_cap;
} ot_doc;

/* A new empty document.  Never fails (aborts on out-of-memory). */
ot_doc *ot_doc_new(void);

/* Free a document and every node in it, without recursion.  NULL-safe. */
void ot_doc_free(ot_doc *doc);

/*
 * Parse plain text as councils publish it (see README "Input formats"):
 * section lines "2-173-020 Heading.", "Sec. 2-173-020. Heading." or
 * "§ 2-173-020 Heading."; clauses "(a)", "(1)", "(A)", "(i)" nested by
 * context; wrapped continuation lines; unnumbered paragraphs after a blank
 * line; CRLF, a UTF-8 BOM, tabs.  `name` is used in error messages
 * ("name:LINE: ...").
 *
 * Returns 0 and a new document in *out (owned by the caller), or
 * OT_EINVALID with a message for invalid UTF-8, a NUL byte, a duplicate
 * clause id, or text with no recognisable section.
 */
int ot_doc_parse_text(ot_doc **out, const char *data, size_t len, const char *name);

/* Append the canonical text of one section to out. */
void ot_section_canonical(ot_buf *out, const ot_node *section);

/* Append the canonical text of every section, separated by one blank
 * line, to out.  The title is not written (the store keeps it in the
 * ORDINANCE file). */
void ot_doc_canonical(ot_buf *out, const ot_doc *doc);

/* Append a note (copies of the strings; section may be NULL).  Returns
 * the new note (borrowed; valid until the next note is added), so that
 * the caller can set its line. */
ot_doc_note *ot_doc_add_note(ot_doc *doc, const char *section, const char *kind, const char *text);

/* Append an entry to the list of skipped material (copies of the
 * strings).  Returns it (borrowed, valid until the next one is added). */
ot_doc_skip *ot_doc_add_skip(ot_doc *doc, unsigned line, const char *kind, const char *text);

/* Find a node by id (section or clause or text); borrowed, or NULL. */
const ot_node *ot_doc_find(const ot_doc *doc, const char *id);

/* Find a section by number; borrowed, or NULL. */
const ot_node *ot_doc_section(const ot_doc *doc, const char *num);

/* Count the nodes of a section's subtree, the section itself included. */
size_t ot_node_count(const ot_node *node);

/* Structural equality of two subtrees (kind, id, num, heading, text,
 * children, recursively; line numbers ignored).  1 if equal, 0 if not. */
int ot_node_equal(const ot_node *a, const ot_node *b);

/* Move every section of `src` to the end of `dst`, leaving src empty.
 * Returns 0, or OT_EINVALID if a section number would be duplicated (then
 * nothing is moved). */
int ot_doc_take_sections(ot_doc *dst, ot_doc *src);

/* Remove from both documents every section that has the same number and
 * identical content (ot_node_equal) in the other, keeping the order of
 * the rest, and return the number of units (nodes) removed from one side
 * in *units.  A diff of what remains reports the same changes, counting
 * the removed units as unchanged: how `diff --files` avoids aligning
 * 200,000 identical clauses. */
void ot_doc_prune_common(ot_doc *a, ot_doc *b, size_t *units);

/* The notes of a document grouped by the section they name, for writers
 * that put each section's notes after it (show --notes, the Akoma Ntoso
 * export, the site): built in one pass, O((sections + notes) log sections),
 * where a scan of every note per section is quadratic on a whole code.
 *
 *   order  doc->nnotes indices into doc->notes: the notes of
 *          doc->sections[0] in document order, then those of
 *          doc->sections[1], ..., and last the notes that name no section
 *          of the document (or none at all)
 *   start  doc->nsections + 2 offsets into order: the notes of section i
 *          are order[start[i]] .. order[start[i + 1] - 1]; those naming
 *          no section are order[start[nsections]] ..
 *          order[start[nsections + 1] - 1]
 *
 * Valid until the document's sections or notes change.  The caller owns
 * the arrays: ot_doc_note_groups_release frees them.  Never fails
 * (aborts on out-of-memory). */
typedef struct ot_doc_note_groups {
	size_t *order;
	size_t *start;
} ot_doc_note_groups;

void ot_doc_note_groups_init(ot_doc_note_groups *g, const ot_doc *doc);
void ot_doc_note_groups_release(ot_doc_note_groups *g);

/* Sort sections by number, comparing digit runs numerically
 * ("2-173-9" < "2-173-10"). */
void ot_doc_sort(ot_doc *doc);

/* Compare two section numbers the way ot_doc_sort does. */
int ot_num_compare(const char *a, const char *b);

/* Builders, used by the parsers and by the diff's reconstruction.  The
 * node takes copies of the strings.  ot_node_new_* never fail. */
ot_node *ot_node_new(ot_node_kind kind, const char *id, const char *num,
		     const char *heading, const char *text);
void ot_node_append(ot_node *parent, ot_node *child);
void ot_doc_append(ot_doc *doc, ot_node *section);
/* Free one detached subtree (not attached to a doc), without recursion. */
void ot_node_free(ot_node *node);
/* Deep copy of a subtree (parent pointer of the copy is NULL). */
ot_node *ot_node_clone(const ot_node *node);

#endif
