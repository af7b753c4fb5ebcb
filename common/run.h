/*
 * run.h - the read-process-write driver every tool's main() hands over to.
 *
 * A tool is options -> state -> process(record) -> 0..n output records ->
 * finish at end of input (the Miller mapper shape).  pl_main() does the
 * rest once for all tools: the shared options of DESIGN.md, --help,
 * --version, --dump-config, the built-in YAML defaults and --config,
 * walking FILE operands, -r DIR and --files-from, format detection per
 * stream, JSONL parsing and key lookup, UTF-8 repair, rejected records
 * and --rejects, -o via temp file + rename, checked writes with EPIPE
 * handled like SIGPIPE, --stats, --progress and the exit status.
 *
 * The driver (run.c, with cli.c, inputs.c, output.c and diag.c) is the
 * one part of common/ that prints to stderr and the one that can end the
 * process: on EPIPE, output.c re-raises SIGPIPE (git's check_pipe).
 * Everything else returns a status to main().
 *
 * Memory: a struct pl_doc and everything it points to are borrowed by
 * process() and die when it returns.
 */
#ifndef PL_RUN_H
#define PL_RUN_H

#include <getopt.h>
#include <stdio.h>

#include "buf.h"
#include "config.h"
#include "json.h"
#include "pressline.h"

enum pl_format { PL_FMT_AUTO = 0, PL_FMT_JSONL, PL_FMT_TEXT };

/* What one text-mode record is. */
enum pl_unit {
	PL_UNIT_DOC, /* a FILE operand (or stdin) is one document */
	PL_UNIT_LINE /* each line is a record */
};

/* Tool flags. */
enum {
	PL_TOOL_OFFSETS = 1 << 0, /* accepts --offsets=cp|bytes */
	/*
	 * Text-mode documents may be handed over in pieces (memory stays
	 * flat on a huge stdin): a piece ends after a blank line once 1 MiB
	 * is collected, or after any line once 4 MiB are.  doc->part counts
	 * the pieces, doc->last marks the final one and doc->base_* give the
	 * offset of the piece in the document.  A tool that cannot finish
	 * the end of a piece (a sentence cut by a line end) calls
	 * pl_run_keep_tail(): those bytes open the next piece.
	 */
	PL_TOOL_TEXT_PIECES = 1 << 1,
	PL_TOOL_NO_LANG = 1 << 2 /* -l makes no sense for this tool */
};

/* The shared options (STYLE.md section 10), after parsing. */
struct pl_opts {
	const char *key;        /* -k: dotted member path, default "text" */
	enum pl_format format;  /* --format, -j, -t */
	enum pl_format from;    /* --from */
	const char *lang;       /* -l: "und" unless given */
	const char *config;     /* --config */
	const char *rejects;    /* --rejects */
	const char *output;     /* -o */
	const char *files_from; /* --files-from */
	int allow_rejects;
	int strict;
	int strict_utf8;
	int stats;
	int progress;
	int unbuffered;
	int quiet;
	int verbose;
	int offsets_bytes; /* --offsets=bytes */
	int recursive;     /* -r: operands are directories to walk */
};

/* One record handed to process(). */
struct pl_doc {
	const char *text; /* the text to work on: UTF-8, repaired; not
	                   * NUL-terminated (it may point into the line) */
	size_t len;       /* NULL/0 when the key is missing */
	int has_text;     /* key found and a string (text mode: 1) */
	int is_json;      /* record came from a JSONL line */
	const struct pl_json_object *json; /* the parsed record, or NULL */
	const char *raw; /* JSONL: the line as read; text: the bytes as
	                  * read, line ends normalised (= text unless
	                  * nrepl > 0; map with pl_utf8_unrepair) */
	size_t rawlen;
	const char *name;          /* input name for messages, "-" for stdin */
	unsigned long long lineno; /* JSONL: line number; text: 1st line */
	size_t nrepl;              /* invalid UTF-8 sequences replaced */
	/* Text pieces (PL_TOOL_TEXT_PIECES): 0,1,2..; last is set on the
	 * final piece.  Offsets of the piece within the document (base_cp
	 * is counted only for JSONL output with code point offsets): */
	unsigned long part;
	int last;
	unsigned long long base_bytes, base_cp;
	/* id for messages and output: the raw JSON value of member "id"
	 * (e.g. "\"a1\"" or 17), else NULL: use name:lineno */
	const char *id;
	size_t idlen;
};

struct pl_run;

/*
 * Codes of the shared long-only options are PL_OPT_SHARED and up; a tool
 * numbers its own long-only options from PL_OPT_TOOL (short options use
 * their letter).  pl_main refuses a tool option whose name or code is
 * that of a shared option (a programming error, reported at start).
 */
#define PL_OPT_SHARED 0x100
#define PL_OPT_TOOL   0x1000

struct pl_tool {
	const char *name;
	const char *summary;      /* one line: what the tool does */
	const char *synopsis;     /* after "Usage: NAME " */
	const char *options_help; /* the tool's own options, help-formatted */
	const struct option *longopts; /* tool options (0-terminated) */
	const char *shortopts;         /* their short letters */
	enum pl_unit unit;
	unsigned flags;
	/* Built-in defaults: YAML text embedded at build time. */
	const char *defaults;
	size_t defaults_len;
	/* Key table for the YAML settings; offsets into the tool's state. */
	const struct pl_cfg_key *config_keys;
	/* Handle one tool option (after config is applied); return 0, or -1
	 * with err set (a usage error). */
	int (*option)(void *state, int opt, const char *arg,
	              struct pl_error *err);
	/* Called once after options and config; may read run options.
	 * Return 0, or -1 with err set (trouble, exit 2), or
	 * PL_START_USAGE for a bad combination of options (exit 2 with
	 * "Try 'tool --help'"). */
	int (*start)(void *state, struct pl_run *run, struct pl_error *err);
	/* Handle one record.  Return 0, or -1 on trouble (write error, out
	 * of memory: the run stops with status 2, err says why). */
	int (*process)(void *state, struct pl_run *run,
	               const struct pl_doc *doc, struct pl_error *err);
	/* End of all input: flush what is pending.  May be NULL. */
	int (*finish)(void *state, struct pl_run *run, struct pl_error *err);
	/* Release the state.  May be NULL. */
	void (*cleanup)(void *state);
};

/* start() returns this for a usage error. */
#define PL_START_USAGE (-2)

/* Run tool with its state: returns the exit status for main(). */
int pl_main(const struct pl_tool *tool, void *state, int argc, char **argv);

/* The parsed shared options (valid from start() on). */
const struct pl_opts *pl_run_opts(const struct pl_run *run);

/* The merged configuration tree (defaults + --config), or NULL. */
const struct pl_cfg_node *pl_run_config(const struct pl_run *run);

/* 1 when the current record's output should be JSONL, 0 for text. */
int pl_run_jsonl_out(const struct pl_run *run);

struct pl_utf8_unrepair;

/*
 * For text output of a text document whose invalid UTF-8 was repaired
 * (doc->nrepl > 0): the map from offsets in doc->text back to the bytes
 * as read (doc->raw, utf8.h), so that the output passes them through.
 * NULL otherwise: write doc->text as it is.  The run owns the map.
 */
struct pl_utf8_unrepair *pl_run_raw_map(struct pl_run *run,
                                        const struct pl_doc *doc);

/*
 * Write one output record (len bytes; a "\n" is added).  Returns 0, or
 * -1 on a write error (err set; the tool returns -1 from process).
 * A closed pipe ends the process as SIGPIPE would.
 */
int pl_run_write(struct pl_run *run, const char *s, size_t len,
                 struct pl_error *err);

/* Flush what was written so far (and fsync it when writing -o FILE), e.g.
 * before a tool commits state that must not get ahead of its output.
 * Returns 0, or -1 on a write error (err set). */
int pl_run_flush(struct pl_run *run, struct pl_error *err);

/*
 * From finish(): close the output now, so that it is complete (with -o,
 * renamed over its target) before the tool commits state that must not
 * get ahead of it.  Nothing may be written afterwards.  Returns 0, or -1
 * (err set) on a write error, or with -o after trouble (then the output
 * is discarded at exit, not committed).
 */
int pl_run_commit(struct pl_run *run, struct pl_error *err);

/* Write raw bytes without adding a newline (text separators). */
int pl_run_write_raw(struct pl_run *run, const char *s, size_t len,
                     struct pl_error *err);

/*
 * Reject the current record: print "tool: FILE:LINE: reason" (at most 10
 * a file), copy the raw line to --rejects, and count it.
 */
void pl_run_reject(struct pl_run *run, const struct pl_doc *doc,
                   const char *fmt, ...) PL_PRINTF(3, 4);

/* Print "tool: message" on stderr unless -q. */
void pl_run_warn(struct pl_run *run, const char *fmt, ...) PL_PRINTF(2, 3);

/*
 * In process() of a text piece that is not the last: the final nbytes of
 * doc->text are not finished; hand them over again at the start of the
 * next piece (and do not count them in its base offsets).
 */
void pl_run_keep_tail(struct pl_run *run, size_t nbytes);

/* Add n to the count of records written (for --stats) when the tool
 * writes something other than one record per pl_run_write. */
void pl_run_count_out(struct pl_run *run, long long n);

/* Add a named counter shown by --stats (name is borrowed, must live). */
void pl_run_stat(struct pl_run *run, const char *name, long long n);

/*
 * The input names of this run, in the order they will be read (operands,
 * the files under -r DIRs in sorted order, --files-from lines; "-" is
 * standard input), known from start() on: a tool may read the files once
 * before the run (a two-pass mode).  Borrowed; *n gets the count.
 */
const char *const *pl_run_inputs(const struct pl_run *run, size_t *n);

/* 1 when the run has had trouble (an unreadable input, a write error):
 * the exit status will be 2 and -o output will not replace its target.
 * finish() is still called; a tool with state to save may decide not to. */
int pl_run_failed(const struct pl_run *run);

/* The program name, for the tool's own messages. */
const char *pl_run_name(const struct pl_run *run);

#endif
