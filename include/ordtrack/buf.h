/*
 * ordtrack/buf.h - the one owned, growable byte buffer.
 *
 * An ot_buf is {ptr, len, cap}; ptr is always NUL-terminated (an
 * initialised empty buffer points at a shared "" and owns nothing).
 * Allocation failure aborts with a message (see ot_alloc_die), so the
 * append functions cannot fail.  ot_buf_detach hands the memory to the
 * caller, who frees it with free().
 */
#ifndef ORDTRACK_BUF_H
#define ORDTRACK_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct ot_buf {
	char *ptr;
	size_t len;
	size_t cap; /* 0 while ptr is the shared empty string */
} ot_buf;

#define OT_BUF_INIT {(char *)ot_buf__empty, 0, 0}
extern const char ot_buf__empty[1];

void ot_buf_init(ot_buf *buf);
void ot_buf_release(ot_buf *buf);
void ot_buf_grow(ot_buf *buf, size_t extra);
void ot_buf_put(ot_buf *buf, const char *data, size_t len);
void ot_buf_puts(ot_buf *buf, const char *s);
void ot_buf_putc(ot_buf *buf, char c);
void ot_buf_printf(ot_buf *buf, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
void ot_buf_vprintf(ot_buf *buf, const char *fmt, va_list ap);
void ot_buf_clear(ot_buf *buf);
void ot_buf_truncate(ot_buf *buf, size_t len);
/* Give the (always heap-allocated, NUL-terminated) contents to the caller
 * and leave buf empty. */
char *ot_buf_detach(ot_buf *buf);

#endif
