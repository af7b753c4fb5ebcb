/*
 * buf.h - a growable byte buffer.
 *
 * A struct pl_buf owns its data.  data is always NUL-terminated after
 * len bytes (so it can be printed in messages), but may contain NUL bytes
 * inside: always use len.  A zeroed struct is an empty buffer.
 * Functions that grow the buffer return 0, or -1 when memory runs out,
 * leaving the buffer as it was.
 */
#ifndef PL_BUF_H
#define PL_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "pressline.h"

struct pl_buf {
	char *data;
	size_t len;
	size_t cap;
};

#define PL_BUF_INIT                                                            \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/* Make room for at least extra more bytes (plus the NUL). */
int pl_buf_reserve(struct pl_buf *b, size_t extra);

/* Append n bytes of s. */
int pl_buf_append(struct pl_buf *b, const void *s, size_t n);

/* Append a NUL-terminated string (not for record data). */
int pl_buf_puts(struct pl_buf *b, const char *s);

/* Append one byte. */
int pl_buf_putc(struct pl_buf *b, int c);

/* Append printf-style text. */
int pl_buf_printf(struct pl_buf *b, const char *fmt, ...) PL_PRINTF(2, 3);
int pl_buf_vprintf(struct pl_buf *b, const char *fmt, va_list ap);

/* Append the UTF-8 encoding of code point cp (must be a valid scalar). */
int pl_buf_put_cp(struct pl_buf *b, long cp);

/* Forget the contents but keep the memory for reuse. */
void pl_buf_reset(struct pl_buf *b);

/* Release the memory; b becomes an empty buffer again. */
void pl_buf_free(struct pl_buf *b);

/* Give the data to the caller (who must free() it); b becomes empty. */
char *pl_buf_steal(struct pl_buf *b, size_t *len);

#endif
