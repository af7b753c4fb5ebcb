/*
 * output.c - where a tool's records go.
 *
 * Records gather in a 64 KiB block and go to the stream with one fwrite.
 * Every write is checked: EPIPE ends the program as SIGPIPE would, even
 * when SIGPIPE is ignored (git's check_pipe); any other error is "write
 * error" and exit status 2.  -o FILE writes a temp file beside FILE and
 * renames it over FILE only when the run did not fail.
 *
 * SPDX-License-Identifier: MIT
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run_impl.h"

/* The reader went away: end like the default SIGPIPE would. */
void
pl__die_of_epipe(void)
{
	signal(SIGPIPE, SIG_DFL);
	raise(SIGPIPE);
	_exit(128 + SIGPIPE);
}

/* Say "write error" (errno's), once a run: the first failure is news. */
static void
say_write_error(struct pl_run *run)
{
	if (!run->out_failed)
		pl__complain(run, "write error: %s", strerror(errno));
	run->out_failed = 1;
}

static int
write_failed(struct pl_run *run, struct pl_error *err)
{
	if (errno == EPIPE)
		pl__die_of_epipe();
	run->trouble = 1;
	/* said here: the callers that pass the error up, and the close at
	 * exit, say nothing more */
	say_write_error(run);
	return pl_error_set_at(err, pl__reported, 0, 0, "write error");
}

/*
 * Output records gather in run->obuf and go to the stream in blocks of
 * OUT_BLOCK bytes: one fwrite (one stdio lock) per block instead of two
 * per record, which is most of the cost on short lines.
 */
#define OUT_BLOCK (64 * 1024)

static int
drain(struct pl_run *run, struct pl_error *err)
{
	size_t n = run->obuf.len;

	if (run->out == NULL) /* after pl_run_commit */
		return pl_error_set(err, "write after the output was closed");
	run->obuf.len = 0;
	if (n > 0 && fwrite(run->obuf.data, 1, n, run->out) != n)
		return write_failed(run, err);
	return 0;
}

int
pl_run_flush(struct pl_run *run, struct pl_error *err)
{
	if (drain(run, err) < 0)
		return -1;
	if (fflush(run->out) == EOF)
		return write_failed(run, err);
	if (run->tmp_path != NULL && fsync(fileno(run->out)) < 0)
		return write_failed(run, err);
	return 0;
}

/* After a record: pass a full block on; with -u, everything, now. */
static int
after_record(struct pl_run *run, struct pl_error *err)
{
	if (run->opts.unbuffered) {
		if (drain(run, err) < 0 || fflush(run->out) == EOF)
			return write_failed(run, err);
	} else if (run->obuf.len >= OUT_BLOCK)
		return drain(run, err);
	return 0;
}

int
pl_run_write_raw(struct pl_run *run, const char *s, size_t len,
                 struct pl_error *err)
{
	if (pl_buf_append(&run->obuf, s, len) < 0)
		return pl_error_set(err, "out of memory");
	return after_record(run, err);
}

int
pl_run_write(struct pl_run *run, const char *s, size_t len,
             struct pl_error *err)
{
	if (pl_buf_reserve(&run->obuf, len + 1) < 0)
		return pl_error_set(err, "out of memory");
	if (len > 0)
		memcpy(run->obuf.data + run->obuf.len, s, len);
	run->obuf.len += len;
	run->obuf.data[run->obuf.len++] = '\n';
	run->obuf.data[run->obuf.len] = '\0';
	run->records_out++;
	return after_record(run, err);
}

int
pl__open_output(struct pl_run *run)
{
	const char *path = run->opts.output;
	int fd;
	mode_t mask;

	if (path == NULL) {
		run->out = stdout;
		return 0;
	}
	run->tmp_path = malloc(strlen(path) + 16);
	if (run->tmp_path == NULL)
		return -1;
	sprintf(run->tmp_path, "%s.tmp.XXXXXX", path);
	if ((fd = mkstemp(run->tmp_path)) < 0) {
		pl__complain(run, "%s: %s", path, strerror(errno));
		free(run->tmp_path);
		run->tmp_path = NULL;
		return -1;
	}
	/* mkstemp makes 0600; give the file the mode a plain create would */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) < 0 ||
	    (run->out = fdopen(fd, "wb")) == NULL) {
		pl__complain(run, "%s: %s", run->tmp_path, strerror(errno));
		close(fd);
		unlink(run->tmp_path);
		free(run->tmp_path);
		run->tmp_path = NULL;
		return -1;
	}
	return 0;
}

/* Flush and close the output; rename the temp file when keep is set. */
int
pl__close_output(struct pl_run *run, int keep)
{
	int bad = 0;

	if (run->out == NULL)
		return 0;
	if (run->obuf.len > 0 &&
	    fwrite(run->obuf.data, 1, run->obuf.len, run->out) != run->obuf.len)
		bad = 1;
	pl_buf_reset(&run->obuf);
	if (bad && errno == EPIPE)
		pl__die_of_epipe();
	if (!bad && (fflush(run->out) == EOF || ferror(run->out))) {
		if (errno == EPIPE)
			pl__die_of_epipe();
		bad = 1;
	}
	if (run->tmp_path != NULL && !bad && keep &&
	    fsync(fileno(run->out)) < 0)
		bad = 1;
	if (fclose(run->out) == EOF && !bad) {
		if (errno == EPIPE)
			pl__die_of_epipe();
		bad = 1;
	}
	if (bad)
		say_write_error(run);
	run->out = NULL;
	if (run->tmp_path != NULL) {
		if (!bad && keep &&
		    rename(run->tmp_path, run->opts.output) < 0) {
			pl__complain(run, "%s: %s", run->opts.output,
			             strerror(errno));
			bad = 1;
		}
		if (bad || !keep)
			unlink(run->tmp_path);
		free(run->tmp_path);
		run->tmp_path = NULL;
	}
	return bad ? -1 : 0;
}

int
pl_run_commit(struct pl_run *run, struct pl_error *err)
{
	/* after trouble, -o output is discarded: there is nothing to commit;
	 * what went to standard output is out, and is flushed */
	if (run->trouble && run->tmp_path != NULL)
		return pl_error_set(err, "output discarded after trouble");
	if (pl__close_output(run, 1) < 0) {
		run->trouble = 1;
		return pl_error_set(err, "output not committed");
	}
	run->committed = 1;
	return 0;
}
