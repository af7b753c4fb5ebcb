/*
 * line.c - read lines of any length in large blocks.
 *
 * The reader fills a buffer with fread(3) and hands out lines that point
 * into it, found with memchr(3): no copy and no stdio lock per line, which
 * is what getline(3) costs on files of ten million short lines.  The
 * buffer grows (doubling) only when one line does not fit, so memory is
 * bounded by the longest line.  A caller that joins the lines again (a
 * text document) takes them a run at a time with pl_line_read_run: the
 * buffered lines up to the first "\r", in one piece.
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
#include "swar.h"

#define BLOCK (64 * 1024)

void
pl_line_init(struct pl_line_reader *r, FILE *fp, const char *name)
{
	memset(r, 0, sizeof(*r));
	r->fp = fp;
	r->name = name;
}

/* After the buffer moved down by d bytes. */
static void
seek_moved(struct pl_line_seek *k, size_t d)
{
	k->scanned = k->scanned > d ? k->scanned - d : 0;
	if (k->have && k->pos >= d)
		k->pos -= d;
	else
		k->have = 0;
}

/* Read more input after the unconsumed bytes.  Returns 0 or -1. */
static int
fill(struct pl_line_reader *r)
{
	size_t n, keep = r->end - r->start;

	if (r->start > 0) { /* move what is left to the front */
		memmove(r->buf, r->buf + r->start, keep);
		seek_moved(&r->nl, r->start);
		seek_moved(&r->cr, r->start);
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

/* Bring k, the reader's search for byte c, up to date with start. */
static void
seek(struct pl_line_reader *r, struct pl_line_seek *k, int c)
{
	size_t from;
	char *p;

	if (k->have && k->pos >= r->start)
		return;
	from = k->scanned > r->start ? k->scanned : r->start;
	p = memchr(r->buf + from, c, r->end - from);
	k->have = p != NULL;
	if (p != NULL)
		k->pos = (size_t)(p - r->buf);
	else
		k->scanned = r->end;
}

/*
 * The number of "\n" in s.  With SSE2: a byte counter per lane (each
 * match adds 1 by subtracting -1), summed by psadbw before it can wrap;
 * else eight bytes at a time.
 */
static size_t
count_newlines(const char *s, size_t n)
{
	const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
	size_t i = 0, c = 0;

#ifdef __SSE2__
	const __m128i nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();

	while (i + 16 <= n) {
		__m128i acc = zero, sum;
		size_t k;

		for (k = 0; k < 255 && i + 16 <= n; k++, i += 16)
			acc = _mm_sub_epi8(
			    acc, _mm_cmpeq_epi8(
			             _mm_loadu_si128((
			                 const __m128i *)(const void *)(s + i)),
			             nl));
		sum = _mm_sad_epu8(acc, zero);
		c += (size_t)_mm_cvtsi128_si32(sum) +
		     (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sum, 8));
	}
#endif
	for (; i + 8 <= n; i += 8) {
		uint64_t x = pl_swar_load(s + i) ^ (PL_SWAR_ONES * '\n');
		/* exactly the zero bytes of x get their high bit */
		uint64_t z = ~(((x & low7) + low7) | x) & PL_SWAR_HIGH;

		c += (size_t)(((z >> 7) * PL_SWAR_ONES) >> 56);
	}
	for (; i < n; i++)
		c += s[i] == '\n';
	return c;
}

int
pl_line_read_run(struct pl_line_reader *r, size_t max, const char **text,
                 size_t *len)
{
	size_t lim, k;

	if (!r->started || r->skip_lf || r->start >= r->end)
		return 0;
	seek(r, &r->nl, '\n');
	seek(r, &r->cr, '\r');
	lim = r->cr.have ? r->cr.pos : r->end;
	if (lim - r->start > max)
		lim = r->start + max;
	if (!r->nl.have || r->nl.pos >= lim)
		return 0;
	/* the last "\n" before lim; the one at nl.pos stops the search */
	for (k = lim; r->buf[k - 1] != '\n'; k--)
		;
	*text = r->buf + r->start;
	*len = k - r->start;
	r->lineno += count_newlines(*text, *len);
	r->start = k;
	return 1;
}

int
pl_line_read(struct pl_line_reader *r, const char **line, size_t *len)
{
	char *cr;
	size_t lim;

	for (;;) {
		if (!r->started && (r->end - r->start >= 3 || r->eof)) {
			r->started = 1;
			if (r->end - r->start >= 3 &&
			    memcmp(r->buf + r->start, "\xEF\xBB\xBF", 3) == 0)
				r->start = r->start + 3;
		}
		if (r->skip_lf && r->start < r->end) {
			r->skip_lf = 0;
			if (r->buf[r->start] == '\n')
				r->start++;
		}
		if (r->started && !(r->skip_lf && !r->eof)) {
			seek(r, &r->nl, '\n');
			/* a lone "\r" before it ends a line too */
			lim = r->nl.have ? r->nl.pos : r->end;
			seek(r, &r->cr, '\r');
			cr = r->cr.have && r->cr.pos < lim ? r->buf + r->cr.pos
			                                   : NULL;
			if (cr != NULL || r->nl.have)
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
	} else if (r->nl.have) {
		*len = r->nl.pos - r->start;
		r->start = r->nl.pos + 1;
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
