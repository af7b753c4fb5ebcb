/*
 * line.h - read lines and whole documents of any length.
 *
 * Lines end at "\n", "\r\n" or a lone "\r"; the terminator is not part of
 * the line.  A UTF-8 byte order mark at the start of a stream is skipped.
 * Lines keep their length, so NUL bytes survive.
 *
 * Memory: the reader owns its buffer; a line returned by pl_line_read is
 * valid until the next call on the same reader.
 */
#ifndef PL_LINE_H
#define PL_LINE_H

#include <stdio.h>
#include <sys/types.h>

#include "buf.h"

struct pl_line_reader {
	FILE *fp;
	const char *name;          /* for messages: path or "<stdin>" */
	unsigned long long lineno; /* number of the line last returned */
	unsigned long long bytes;  /* bytes read so far */
	char *buf;
	size_t cap;
	ssize_t got; /* bytes in buf (without the \n) */
	size_t pos;  /* start of the next piece of buf */
	int started; /* BOM check done */
	int pending; /* buf holds lines not yet returned */
};

/* Start reading fp (which the caller keeps owning); name is borrowed. */
void pl_line_init(struct pl_line_reader *r, FILE *fp, const char *name);

/*
 * Read the next line.  Returns 1 and sets *line and *len, 0 at the end of
 * input, or -1 on a read error or when memory runs out (errno says which).
 */
int pl_line_read(struct pl_line_reader *r, const char **line, size_t *len);

/* Release the buffer (not the FILE). */
void pl_line_free(struct pl_line_reader *r);

#endif
