/*
 * dd_norm.h - key normalisation steps for dedup-lines.
 *
 * Memory: dd_norm_apply appends to a caller-owned buffer and keeps
 * nothing between calls.
 */
#ifndef DD_NORM_H
#define DD_NORM_H

#include <stddef.h>

#include "buf.h"

enum {
	DD_NORM_NFKC = 1 << 0,  /* compatibility composition (NFKC) */
	DD_NORM_CASE = 1 << 1,  /* full Unicode case folding */
	DD_NORM_SPACE = 1 << 2, /* collapse white space runs, trim */
	DD_NORM_PUNCT = 1 << 3, /* drop punctuation and symbols */
	DD_NORM_QUOTES = 1 << 4 /* curly and angle quotes -> ' and " */
};

/*
 * Parse a comma-separated list of step names ("nfkc,case,space"; "none"
 * for no step, "all" for every step) into *steps.  Returns 0, or -1 when
 * a name is unknown (then *bad points at it in spec).
 */
int dd_norm_parse(const char *spec, int *steps, const char **bad);

/* Write the step names of steps, comma-separated, into out ("none"). */
int dd_norm_format(int steps, struct pl_buf *out);

/*
 * Append the normalised form of s (len bytes, may hold NUL) to out.
 * Invalid UTF-8 is repaired (U+FFFD) whenever a step other than none is
 * asked for.  Returns 0, or -1 when memory runs out.
 */
int dd_norm_apply(const char *s, size_t len, int steps, struct pl_buf *out);

#endif
