/*
 * text.h - text-mode output: one result a line.
 *
 * In text mode a tool prints one result (a sentence, a quotation, a
 * clean line) per output line, so a result that holds line breaks must be
 * flattened (STYLE.md section 8).  The rule lives here once for all tools.
 *
 * Memory: appends to a caller-owned struct pl_buf.
 */
#ifndef PL_TEXT_H
#define PL_TEXT_H

#include <stddef.h>

#include "buf.h"

/* Flags for pl_text_put_flat. */
enum {
	PL_FLAT_TABS =
	    1 << 0 /* tabs become spaces too (TAB-separated output) */
};

/*
 * Append s[0..n) to out with each line break (LF, CR or CRLF) turned into
 * one space, or dropped between two CJK characters (Chinese and Japanese
 * put no space between words).  Returns 0, or -1 when memory runs out.
 */
int pl_text_put_flat(struct pl_buf *out, const char *s, size_t n, int flags);

#endif
