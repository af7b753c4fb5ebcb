/*
 * run_impl.h - what the parts of the driver share (not for tools).
 *
 * The driver (run.h) is split by job: run.c reads records and calls the
 * tool, cli.c parses the shared options and prints help, inputs.c walks
 * operands, -r DIRs and --files-from, output.c writes (blocks, -o, EPIPE)
 * and diag.c reports (messages, rejects, --stats, --progress).  They all
 * work on one struct pl_run, defined here.
 */
#ifndef PL_RUN_IMPL_H
#define PL_RUN_IMPL_H

#include <stdio.h>
#include <time.h>

#include "line.h"
#include "run.h"
#include "utf8.h"

#define MAX_STATS    32
#define MSG_PER_FILE 10

struct stat_entry {
	const char *name;
	long long n;
};

struct pl_run {
	const struct pl_tool *tool;
	void *state;
	struct pl_opts opts;
	struct pl_cfg_node *config;
	/* output */
	FILE *out;
	char *tmp_path;   /* -o: the temp file being written */
	int stream_jsonl; /* format of the current input stream */
	/* rejects */
	FILE *rejects;
	unsigned long file_rejects;
	/* inputs */
	char **inputs;
	size_t ninputs, capinputs;
	size_t input_index;
	const char *cur_name;
	/* counts */
	long long records_in, records_out, rejected, utf8_repl;
	unsigned long long bytes_in;
	struct stat_entry stats[MAX_STATS];
	size_t nstats;
	int trouble;
	int out_failed; /* a write error was reported: say it only once */
	/* progress */
	int show_progress;
	struct timespec t0, last_progress;
	/* buffers reused for every record */
	struct pl_buf text, doc, obuf;
	const struct pl_line_reader *reader; /* the stream being read */
	unsigned long calls;                 /* process() calls, for progress */
	size_t keep_tail; /* set by the tool for the current text piece */
	size_t tail_len;  /* bytes carried into the piece being collected */
	size_t doc_bad;   /* invalid UTF-8 sequences in doc, counted as
	                   * its lines come in (still in cache) */
	struct pl_utf8_unrepair unrepair; /* doc back to the bytes read */
	struct pl_json_object obj;
	int committed; /* pl_run_commit closed the output early */
};

/* diag.c */
double pl__elapsed(const struct timespec *a, const struct timespec *b);
const char *pl__display_name(const char *name);
/* "tool: message" on stderr even with -q (trouble) */
void pl__complain(struct pl_run *run, const char *fmt, ...) PL_PRINTF(2, 3);
/*
 * err->file of an error that was reported where it happened (a write
 * error): pl__report prints nothing for it.
 */
extern const char pl__reported[];
/* an error with its position when known */
void pl__report(struct pl_run *run, const struct pl_error *err,
                const char *fallback);
void pl__progress(struct pl_run *run, int final);
void pl__print_stats(struct pl_run *run);

/* cli.c: returns -1 to go on, else the exit status (help, usage error) */
struct pl__saved_opt {
	int opt;
	char *arg;
};
int pl__parse_args(struct pl_run *run, int argc, char **argv,
                   struct pl__saved_opt **saved, size_t *nsaved);
void pl__usage_error(const struct pl_tool *tool, const char *fmt, ...)
    PL_PRINTF(2, 3);

/* inputs.c: fills run->inputs; returns 0, or -1 when memory runs out */
int pl__collect_inputs(struct pl_run *run, int argc, char **argv);

/* output.c */
void pl__die_of_epipe(void);
int pl__open_output(struct pl_run *run);
int pl__close_output(struct pl_run *run, int keep);

#endif
