/*
 * line.h - read lines of any length.
 *
 * Lines end at "\n", "\r\n" or a lone "\r"; the terminator is not part of
 * the line.  A UTF-8 byte order mark at the start of a stream is skipped.
 * Lines keep their length, so NUL bytes survive.
 *
 * Memory: the reader owns its buffer, which grows to hold the longest
 * line; a line returned by pl_line_read is valid until the next call on
 * the same reader.
 */
#ifndef PL_LINE_H
#define PL_LINE_H

#include <stdio.h>

struct pl_line_reader {
	FILE *fp;
	const char *name;          /* for messages: path or "<stdin>" */
	unsigned long long lineno; /* number of the line last returned */
	unsigned long long bytes;  /* bytes read so far */
	char *buf;
	size_t cap;
	size_t start; /* first byte not yet handed out */
	size_t end;   /* end of the bytes read into buf */
	/* where the next "\n" and "\r" are: each found once, kept until
	 * the reader passes it */
	struct pl_line_seek {
		size_t scanned; /* buf[start..scanned) does not hold it */
		size_t pos;     /* where it is, when have */
		int have;
	} nl, cr;
	int eof;
	int started; /* BOM check done */
	int skip_lf; /* the last line ended in "\r" at the end of buf */
};

/* Start reading fp (which the caller keeps owning); name is borrowed. */
void pl_line_init(struct pl_line_reader *r, FILE *fp, const char *name);

/*
 * Read the next line.  Returns 1 and sets *line and *len, 0 at the end of
 * input, or -1 on a read error or when memory runs out (errno says which).
 */
int pl_line_read(struct pl_line_reader *r, const char **line, size_t *len);

/*
 * Read a run of whole lines at once, at most max bytes: the buffered
 * lines up to the last "\n" before the first "\r", each with its "\n"
 * -- the same bytes as pl_line_read's lines, one by one, each followed
 * by "\n".  Returns 1 and sets *text and *len (valid until the next
 * call), or 0 when no such line is buffered (pl_line_read then reads
 * on).  Adds the lines to lineno.
 */
int pl_line_read_run(struct pl_line_reader *r, size_t max, const char **text,
                     size_t *len);

/* Release the buffer (not the FILE). */
void pl_line_free(struct pl_line_reader *r);

#endif
