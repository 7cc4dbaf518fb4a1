/*
 * buf.c - ot_buf, the owned growable string (see ordtrack/buf.h).
 * Invariant: ptr[len] == '\0'; cap == 0 means ptr is the shared empty
 * string and nothing is owned.
 */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

const char ot_buf__empty[1] = "";

void ot_buf_init(ot_buf *buf)
{
	buf->ptr = (char *)ot_buf__empty;
	buf->len = 0;
	buf->cap = 0;
}

void ot_buf_release(ot_buf *buf)
{
	if (buf->cap)
		free(buf->ptr);
	ot_buf_init(buf);
}

void ot_buf_grow(ot_buf *buf, size_t extra)
{
	size_t need = buf->len + extra + 1, ncap;
	if (need < buf->len)
		ot_malloc((size_t)-1); /* overflow: reported as out of memory */
	if (need <= buf->cap)
		return;
	/* the first allocation is what was asked for (a file read whole
	 * asks once for its size); later ones double */
	ncap = buf->cap ? buf->cap : (need > 64 ? need : 64);
	while (ncap < need)
		ncap = ncap * 2 < ncap ? need : ncap * 2;
	if (buf->cap) {
		buf->ptr = ot_realloc(buf->ptr, ncap);
	} else {
		buf->ptr = ot_malloc(ncap);
		buf->ptr[0] = '\0';
	}
	buf->cap = ncap;
}

void ot_buf_put(ot_buf *buf, const char *data, size_t len)
{
	if (!len)
		return;
	ot_buf_grow(buf, len);
	memmove(buf->ptr + buf->len, data, len);
	buf->len += len;
	buf->ptr[buf->len] = '\0';
}

void ot_buf_puts(ot_buf *buf, const char *s)
{
	ot_buf_put(buf, s, strlen(s));
}

void ot_buf_putc(ot_buf *buf, char c)
{
	ot_buf_put(buf, &c, 1);
}

void ot_buf_vprintf(ot_buf *buf, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n <= 0)
		return;
	ot_buf_grow(buf, (size_t)n);
	vsnprintf(buf->ptr + buf->len, (size_t)n + 1, fmt, ap);
	buf->len += (size_t)n;
}

void ot_buf_printf(ot_buf *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ot_buf_vprintf(buf, fmt, ap);
	va_end(ap);
}

void ot_buf_clear(ot_buf *buf)
{
	ot_buf_truncate(buf, 0);
}

void ot_buf_truncate(ot_buf *buf, size_t len)
{
	if (len >= buf->len)
		return;
	buf->len = len;
	buf->ptr[len] = '\0';
}

char *ot_buf_detach(ot_buf *buf)
{
	char *p;
	if (!buf->cap)
		return ot_strdup("");
	p = buf->ptr;
	ot_buf_init(buf);
	return p;
}
