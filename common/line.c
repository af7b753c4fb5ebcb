/*
 * line.c - read lines of any length with getline(3).
 *
 * Line ends: "\n", "\r\n" and a lone "\r" (old Mac files, some scrapers)
 * all end a line.  getline() splits at "\n"; a line that still holds a
 * "\r" is handed out in pieces, one per "\r", without copying.  A UTF-8
 * BOM (EF BB BF) is skipped at the start of the stream only.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "line.h"

void
pl_line_init(struct pl_line_reader *r, FILE *fp, const char *name)
{
	memset(r, 0, sizeof(*r));
	r->fp = fp;
	r->name = name;
}

int
pl_line_read(struct pl_line_reader *r, const char **line, size_t *len)
{
	char *cr;
	size_t start;

	while (!r->pending) {
		int newline;

		errno = 0;
		r->got = getline(&r->buf, &r->cap, r->fp);
		if (r->got < 0) {
			if (ferror(r->fp) || errno == ENOMEM)
				return -1;
			return 0;
		}
		r->bytes += (unsigned long long)r->got;
		newline = r->got > 0 && r->buf[r->got - 1] == '\n';
		if (newline)
			r->got--;
		r->pos = 0;
		if (!r->started) {
			r->started = 1;
			if (r->got >= 3 &&
			    memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0) {
				r->pos = 3;
				/* a stream of only a BOM holds no line */
				if (r->got == 3 && !newline)
					continue;
			}
		}
		r->pending = 1;
	}
	start = r->pos;
	cr = memchr(r->buf + start, '\r', (size_t)r->got - start);
	r->lineno++;
	if (cr == NULL) {
		r->pending = 0;
		*line = r->buf + start;
		*len = (size_t)r->got - start;
		return 1;
	}
	*line = r->buf + start;
	*len = (size_t)(cr - (r->buf + start));
	r->pos = (size_t)(cr - r->buf) + 1;
	if (r->pos >= (size_t)r->got) /* "\r\n" or "\r" at the very end */
		r->pending = 0;
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
