/*
 * error.c - fill a struct pl_error.  common/ never prints; it reports
 * through these and the tool decides what to print (SQLite csv.c split).
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdarg.h>
#include <stdio.h>

#include "pressline.h"

static int
error_vset(struct pl_error *err, const char *file, unsigned long long line,
           unsigned long col, const char *fmt, va_list ap)
{
	if (err == NULL)
		return -1;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	err->file = file;
	err->line = line;
	err->col = col;
	return -1;
}

int
pl_error_set(struct pl_error *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error_vset(err, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return -1;
}

int
pl_error_set_at(struct pl_error *err, const char *file, unsigned long long line,
                unsigned long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error_vset(err, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}
