/*
 * line.c - read lines of any length in large blocks.
 *
 * The reader fills a buffer with fread(3) and hands out lines that point
 * into it, found with memchr(3): no copy and no stdio lock per line, which
 * is what getline(3) costs on files of ten million short lines.  The
 * buffer grows (doubling) only when one line does not fit, so memory is
 * bounded by the longest line.
 *
 * Line ends: "\n", "\r\n" and a lone "\r" (old Mac files, some scrapers)
 * all end a line.  A "\r" that is the last byte in the buffer ends its
 * line at once; if the next block starts with "\n", that "\n" belongs to
 * it (skip_lf).  A UTF-8 BOM (EF BB BF) is skipped at the start of the
 * stream only.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "line.h"

#define BLOCK (64 * 1024)

void
pl_line_init(struct pl_line_reader *r, FILE *fp, const char *name)
{
	memset(r, 0, sizeof(*r));
	r->fp = fp;
	r->name = name;
}

/* Read more input after the unconsumed bytes.  Returns 0 or -1. */
static int
fill(struct pl_line_reader *r)
{
	size_t n, keep = r->end - r->start;

	if (r->start > 0) { /* move what is left to the front */
		memmove(r->buf, r->buf + r->start, keep);
		r->scanned = r->scanned > r->start ? r->scanned - r->start : 0;
		r->cr_scanned = r->cr_scanned > r->start
		                    ? r->cr_scanned - r->start
		                    : 0;
		if (r->have_nl)
			r->nlpos -= r->start;
		if (r->have_cr && r->crpos >= r->start)
			r->crpos -= r->start;
		else
			r->have_cr = 0;
		r->start = 0;
		r->end = keep;
	}
	if (r->cap - r->end < BLOCK / 2) {
		size_t cap = r->cap ? r->cap * 2 : BLOCK;
		char *p;

		if (cap < r->cap || (p = realloc(r->buf, cap + 1)) == NULL) {
			errno = ENOMEM;
			return -1;
		}
		r->buf = p;
		r->cap = cap;
	}
	n = fread(r->buf + r->end, 1, r->cap - r->end, r->fp);
	r->end += n;
	r->bytes += n;
	if (n == 0) {
		if (ferror(r->fp))
			return -1;
		r->eof = 1;
	}
	return 0;
}

int
pl_line_read(struct pl_line_reader *r, const char **line, size_t *len)
{
	char *p, *cr;
	size_t from, lim;

	for (;;) {
		if (!r->started && (r->end - r->start >= 3 || r->eof)) {
			r->started = 1;
			if (r->end - r->start >= 3 &&
			    memcmp(r->buf + r->start, "\xEF\xBB\xBF", 3) == 0)
				r->start = r->scanned = r->start + 3;
		}
		if (r->skip_lf && r->start < r->end) {
			r->skip_lf = 0;
			if (r->buf[r->start] == '\n')
				r->start++;
		}
		if (r->started && !(r->skip_lf && !r->eof)) {
			/* where the next "\n" is: found once, kept until used */
			if (!r->have_nl || r->nlpos < r->start) {
				from = r->scanned > r->start ? r->scanned
				                             : r->start;
				p = memchr(r->buf + from, '\n', r->end - from);
				r->have_nl = p != NULL;
				if (p != NULL)
					r->nlpos = (size_t)(p - r->buf);
				else
					r->scanned = r->end;
			}
			/* a lone "\r" before it ends a line too; found once
			 * a buffer, like the "\n" (most text has none) */
			lim = r->have_nl ? r->nlpos : r->end;
			if (!r->have_cr || r->crpos < r->start) {
				from = r->cr_scanned > r->start ? r->cr_scanned
				                                : r->start;
				p = memchr(r->buf + from, '\r', r->end - from);
				r->have_cr = p != NULL;
				if (p != NULL)
					r->crpos = (size_t)(p - r->buf);
				else
					r->cr_scanned = r->end;
			}
			cr = r->have_cr && r->crpos < lim ? r->buf + r->crpos
			                                  : NULL;
			if (cr != NULL || r->have_nl)
				break;
			if (r->eof) {
				if (r->start == r->end)
					return 0;
				break; /* the last line has no "\n" */
			}
		}
		if (fill(r) < 0)
			return -1;
	}
	*line = r->buf + r->start;
	r->lineno++;
	if (cr != NULL) {
		*len = (size_t)(cr - *line);
		r->start = (size_t)(cr - r->buf) + 1;
		if (r->start < r->end && r->buf[r->start] == '\n')
			r->start++;
		else if (r->start == r->end && !r->eof)
			r->skip_lf = 1; /* a "\n" may open the next block */
	} else if (r->have_nl) {
		*len = r->nlpos - r->start;
		r->start = r->nlpos + 1;
	} else {
		*len = r->end - r->start;
		r->start = r->end;
	}
	return 1;
}

void
pl_line_free(struct pl_line_reader *r)
{
	if (r == NULL)
		return;
	free(r->buf);
	r->buf = NULL;
	r->cap = 0;
}
