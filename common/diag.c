/*
 * diag.c - what the driver tells the user on stderr.
 *
 * Messages have the form "tool: file:line: reason" (STYLE.md section 10);
 * rejected records are reported at most MSG_PER_FILE times a file and
 * copied to --rejects; --stats and -v print one summary at exit; the
 * progress line is drawn only on a terminal.  This is the one file of
 * common/ that prints, and only when a tool's driver asks.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "run_impl.h"

double
pl__elapsed(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	       (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

const char *
pl__display_name(const char *name)
{
	return strcmp(name, "-") == 0 ? "<stdin>" : name;
}

/* "tool: message\n" on stderr. */
static void
vmessage(const struct pl_run *run, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", run->tool->name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
pl_run_warn(struct pl_run *run, const char *fmt, ...)
{
	va_list ap;

	if (run->opts.quiet)
		return;
	va_start(ap, fmt);
	vmessage(run, fmt, ap);
	va_end(ap);
}

/* A message that -q does not silence (trouble). */
void
pl__complain(struct pl_run *run, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(run, fmt, ap);
	va_end(ap);
}

const char pl__reported[] = "(reported)";

/* Print an error from common/ or a tool, with its position when known. */
void
pl__report(struct pl_run *run, const struct pl_error *err, const char *fallback)
{
	const char *msg = err->msg[0] != '\0' ? err->msg : fallback;

	if (err->file == pl__reported)
		return;
	if (err->file != NULL && err->line > 0 && err->col > 0)
		pl__complain(run, "%s:%llu:%lu: %s", err->file, err->line,
		             err->col, msg);
	else if (err->file != NULL && err->line > 0)
		pl__complain(run, "%s:%llu: %s", err->file, err->line, msg);
	else
		pl__complain(run, "%s", msg);
}

void
pl_run_count_out(struct pl_run *run, long long n)
{
	run->records_out += n;
}

void
pl_run_stat(struct pl_run *run, const char *name, long long n)
{
	size_t i;

	for (i = 0; i < run->nstats; i++)
		if (strcmp(run->stats[i].name, name) == 0) {
			run->stats[i].n += n;
			return;
		}
	if (run->nstats < MAX_STATS) {
		run->stats[run->nstats].name = name;
		run->stats[run->nstats].n = n;
		run->nstats++;
	}
}

void
pl_run_reject(struct pl_run *run, const struct pl_doc *doc, const char *fmt,
              ...)
{
	va_list ap;

	run->rejected++;
	run->file_rejects++;
	if (run->file_rejects <= MSG_PER_FILE && !run->opts.quiet) {
		fprintf(stderr, "%s: %s:%llu: ", run->tool->name,
		        pl__display_name(doc->name), doc->lineno);
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputc('\n', stderr);
	}
	if (run->rejects != NULL) {
		if (fwrite(doc->raw, 1, doc->rawlen, run->rejects) !=
		        doc->rawlen ||
		    putc('\n', run->rejects) == EOF) {
			pl__complain(run, "%s: write error: %s",
			             run->opts.rejects, strerror(errno));
			fclose(run->rejects);
			run->rejects = NULL;
			run->trouble = 1;
		}
	}
}

void
pl__progress(struct pl_run *run, int final)
{
	struct timespec now;
	double t, mb;

	if (!run->show_progress)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!final && pl__elapsed(&run->last_progress, &now) < 0.25)
		return;
	run->last_progress = now;
	t = pl__elapsed(&run->t0, &now);
	mb = (double)(run->bytes_in +
	              (run->reader != NULL ? run->reader->bytes : 0)) /
	     1e6;
	fprintf(stderr,
	        "\r%s: file %zu/%zu, %lld records, %.1f MB, "
	        "%.1f MB/s\033[K",
	        run->tool->name, run->input_index + (final ? 0 : 1),
	        run->ninputs, run->records_in, mb, t > 0 ? mb / t : 0.0);
	if (final)
		fputc('\n', stderr);
}

void
pl__print_stats(struct pl_run *run)
{
	struct timespec now;
	double t, mb;
	size_t i;

	clock_gettime(CLOCK_MONOTONIC, &now);
	t = pl__elapsed(&run->t0, &now);
	mb = (double)run->bytes_in / 1e6;
	fprintf(stderr, "%s: %lld records in, %lld out, %lld rejected",
	        run->tool->name, run->records_in, run->records_out,
	        run->rejected);
	if (run->opts.stats) {
		fprintf(stderr, ", %lld invalid UTF-8 replaced",
		        run->utf8_repl);
		for (i = 0; i < run->nstats; i++)
			fprintf(stderr, ", %lld %s", run->stats[i].n,
			        run->stats[i].name);
		fprintf(stderr, "; %.1f MB in %.2f s (%.1f MB/s)", mb, t,
		        t > 0 ? mb / t : 0.0);
	}
	fputc('\n', stderr);
}
