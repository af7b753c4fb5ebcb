/*
 * pressline.h - types and constants shared by every part of pressline.
 *
 * Memory rule for all of common/: the caller owns what it passes in and
 * what it gets back from *_new / *_dup functions.  Everything else a
 * function returns is borrowed and valid only until the next call on the
 * same object.  Every *_free(NULL) is a no-op.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef PRESSLINE_H
#define PRESSLINE_H

#include <stddef.h>

#define PL_VERSION "0.1.0"
#define PL_TOOLKIT "pressline"

/* Exit statuses shared by every tool (DESIGN.md, STYLE.md section 10). */
enum {
	PL_EXIT_OK = 0,       /* all records processed, none rejected */
	PL_EXIT_REJECTED = 1, /* finished, some records were rejected */
	PL_EXIT_TROUBLE = 2   /* usage, config, I/O or memory trouble */
};

#if defined(__GNUC__)
#define PL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define PL_UNUSED       __attribute__((unused))
#else
#define PL_PRINTF(f, a)
#define PL_UNUSED
#endif

/*
 * An error a common/ function reports instead of printing: a message and,
 * when known, where it happened (1-based line and column, 0 = unknown).
 */
struct pl_error {
	char msg[256];
	const char *file;
	unsigned long long line;
	unsigned long col;
};

/* Fill err (if not NULL) with a printf-style message; always returns -1. */
int pl_error_set(struct pl_error *err, const char *fmt, ...) PL_PRINTF(2, 3);

/* Same, with a position. */
int pl_error_set_at(struct pl_error *err, const char *file,
                    unsigned long long line, unsigned long col, const char *fmt,
                    ...) PL_PRINTF(5, 6);

#endif
