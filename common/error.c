/*
 * error.c - fill a struct pl_error.  common/ never prints; it reports
 * through these and the tool decides what to print (SQLite csv.c split).
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdarg.h>
#include <stdio.h>

#include "pressline.h"

int
pl_error_set(struct pl_error *err, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	err->file = NULL;
	err->line = 0;
	err->col = 0;
	return -1;
}

int
pl_error_set_at(struct pl_error *err, const char *file, unsigned long long line,
                unsigned long col, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	err->file = file;
	err->line = line;
	err->col = col;
	return -1;
}
