/*
 * conserve.h - the conservation check every parser runs on its own result
 * (see conserve.c and docs/conservation.md).  Internal to the library.
 *
 * A parse is a partition of its input: every character that is not white
 * space lands exactly once in a section number or clause marker, a
 * heading, a clause's text, a note, the document title, the list of
 * skipped material, or in syntax the parser consumed on purpose ("Sec.",
 * "§", the dot after a section number).  The parser tells the check where
 * each piece of each input unit (a line of a text file, a text node of a
 * markup document) went; the check then proves, from the finished
 * document, that
 *
 *   1. the pieces of every unit cover all of its non-blank characters,
 *      and no character twice;
 *   2. every field of the document holds exactly the non-blank
 *      characters of the pieces that went to it, in order (plus text the
 *      parser declared it made up, ot_conserve_synth), and no field holds
 *      text that came from nowhere.
 *
 * So text that a parser drops, duplicates, or loses between reading it
 * and storing it is an error naming the file and line, never a silent
 * loss.
 */
#ifndef ORDTRACK_CONSERVE_H
#define ORDTRACK_CONSERVE_H

#include <stddef.h>

#include "ordtrack/doc.h"

/* Where a piece went.  NUM, HEADING and TEXT are fields of a node (owner:
 * the ot_node); NOTE and SKIP the text of doc->notes[index] and
 * doc->skipped[index]; TITLE doc->title; SYNTAX nowhere (consumed: the
 * "Sec." of a section line).  STRING is an intermediate text that a
 * later stage reads (owner: the address of the pointer that holds its
 * NUL-terminated bytes, such as &buf.ptr, read only at the check, so the
 * buffer may grow meanwhile; index: 0): the lines an HTML page is turned
 * into before the text parser reads them. */
enum { OT_CV_NUM, OT_CV_HEADING, OT_CV_TEXT, OT_CV_NOTE, OT_CV_SKIP, OT_CV_TITLE, OT_CV_SYNTAX, OT_CV_STRING };

typedef struct ot_conserve ot_conserve;

/* A new, empty record of pieces; name prefixes messages.  Every other
 * function accepts NULL and then does nothing (the check passes): what a
 * reader gets while ot_conserve_off is set, which only `make bench` does
 * (bench/parse_time.c), to measure what the check costs. */
ot_conserve *ot_conserve_new(const char *name);
extern _Thread_local int ot_conserve_off;
void ot_conserve_free(ot_conserve *cv);

/* A line of a reader that cuts its input into lines itself: offset from
 * the start of the input and length. */
typedef struct ot_conserve_line {
	size_t off, len;
} ot_conserve_line;

/* Declare every unit at once as the reader's own table of lines
 * (borrowed: it must stay valid and unchanged until the check): unit i
 * is line i + 1, base + lines[i].off.  Instead of ot_conserve_unit. */
void ot_conserve_lines(ot_conserve *cv, const char *base, const ot_conserve_line *lines, size_t n);

/* Room for this many units and pieces (an estimate; they still grow). */
void ot_conserve_reserve(ot_conserve *cv, size_t units, size_t pieces);

/* Declare an input unit: s[0..len) (borrowed: must stay valid until the
 * check), first line `line`.  Returns its index. */
size_t ot_conserve_unit(ot_conserve *cv, const char *s, size_t len, unsigned line);

/* s[0..n), which lies inside unit u, went to `field` of `owner` (a node)
 * or of entry `index` (notes, skipped).  Empty pieces are ignored. */
void ot_conserve_put(ot_conserve *cv, size_t u, const char *s, size_t n, int field, const void *owner,
		     size_t index);

/* Text the parser wrote into a field that is not in the input (copied):
 * "Secs. " before a range of section numbers.  It covers nothing. */
void ot_conserve_synth(ot_conserve *cv, const char *s, size_t n, int field, const void *owner, size_t index);

/* The pieces recorded last for `field` of `owner`, from the one that
 * holds the field's (keep + 1)th non-blank byte on, went to `to_field` of
 * entry `to_index` instead (split where that byte is): the text reader
 * found a history note at the end of a paragraph after reading it.  *line
 * (may be NULL) gets the line where the moved text starts.  0, or -1 when
 * those pieces hold no more than `keep` non-blank bytes (nothing moves). */
int ot_conserve_retarget_tail(ot_conserve *cv, const void *owner, int field, size_t keep, int to_field,
			      size_t to_index, unsigned *line);
/* The number of non-blank bytes of s[0..n), as the check counts them. */
size_t ot_conserve_nonblank(const char *s, size_t n);

/* A checkpoint of a reader that builds the document in input order (the
 * text reader, at each new section): the first `sections` sections,
 * `notes` notes and `skipped` entries of doc are final, and every piece
 * recorded so far went to one of them or to the title.  Both checks run
 * on those pieces now, while the input and the nodes are fresh in the
 * cache, and the pieces are dropped: a whole code then costs little
 * more to check than to read.  A piece recorded later into input before
 * the checkpoint, or for a field it checked, is an error of the final
 * check.  Does nothing (the final check does it all) once the pieces
 * have come out of position order.  0 or OT_EINVALID as the check. */
int ot_conserve_checkpoint(ot_conserve *cv, const ot_doc *doc, size_t sections, size_t notes, size_t skipped);

/* Run both checks against the finished document.  Returns 0, or
 * OT_EINVALID with "name:LINE: ..." naming the first text not accounted
 * for. */
int ot_conserve_check(ot_conserve *cv, const ot_doc *doc);

#endif
