/*
 * run.c - the driver shared by every pressline tool: records in, records out.
 *
 *   options -> config -> start -> for each input stream:
 *       detect format -> for each record: parse, look up the key,
 *       decode, tool->process() -> finish -> close output -> status
 *
 * Notes on the choices made here:
 *  - Options are parsed once with getopt_long over the shared table and
 *    the tool's.  Tool options are replayed after --config is applied,
 *    so the precedence is: command line, config file, built-in defaults.
 *  - Format is detected per stream: the first non-blank byte "{" means
 *    JSONL.  --from overrides.  Output follows the input unless --format.
 *  - A bad JSONL line is a rejected record: a message (at most 10 per
 *    input file), a copy in --rejects, exit status 1 at the end.  It never
 *    stops the stream.  A file that cannot be read gives status 2, and
 *    the other files are still processed.
 *  - Every write is checked.  EPIPE ends the program as SIGPIPE would,
 *    even when SIGPIPE is ignored (git's check_pipe); any other write
 *    error is "write error" and status 2.  -o writes a temp file in the
 *    target directory and renames it only when the run did not fail.
 *  - Text-mode documents have their line ends normalised to "\n" and
 *    invalid UTF-8 repaired (U+FFFD), and come with the bytes as read
 *    (doc->raw), so that text output can pass them through; line-unit
 *    records (dedup-lines) are handed over as read.
 *
 * Its helpers: cli.c (options), inputs.c (which files), output.c
 * (writing), diag.c (messages); run_impl.h ties them together.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ascii.h"
#include "line.h"
#include "run_impl.h"
#include "utf8.h"

#define PIECE_BYTES (1 << 20)

const struct pl_opts *
pl_run_opts(const struct pl_run *run)
{
	return &run->opts;
}

const struct pl_cfg_node *
pl_run_config(const struct pl_run *run)
{
	return run->config;
}

const char *const *
pl_run_inputs(const struct pl_run *run, size_t *n)
{
	*n = run->ninputs;
	return (const char *const *)run->inputs;
}

int
pl_run_failed(const struct pl_run *run)
{
	return run->trouble;
}

const char *
pl_run_name(const struct pl_run *run)
{
	return run->tool->name;
}

int
pl_run_jsonl_out(const struct pl_run *run)
{
	if (run->opts.format == PL_FMT_JSONL)
		return 1;
	if (run->opts.format == PL_FMT_TEXT)
		return 0;
	return run->stream_jsonl;
}

struct pl_utf8_unrepair *
pl_run_raw_map(struct pl_run *run, const struct pl_doc *doc)
{
	/* flush_text_doc set the map up for a repaired text document */
	if (doc->is_json || doc->nrepl == 0 || pl_run_jsonl_out(run))
		return NULL;
	return &run->unrepair;
}

void
pl_run_keep_tail(struct pl_run *run, size_t nbytes)
{
	run->keep_tail = nbytes;
}

/* ---- records ---- */

static int
is_blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!pl_ascii_isspace((unsigned char)s[i]))
			return 0;
	return 1;
}

static int
call_process(struct pl_run *run, struct pl_doc *doc)
{
	struct pl_error err = {"", NULL, 0, 0};

	if (doc->part == 0)
		run->records_in++;
	if (run->tool->process(run->state, run, doc, &err) < 0) {
		/* "out of memory" and the like: say which document */
		if (err.file == NULL) {
			err.file = doc->name;
			err.line = doc->lineno;
		}
		pl__report(run, &err, "processing failed");
		run->trouble = 1;
		return -1;
	}
	if ((++run->calls & 1023) == 0 || doc->part > 0)
		pl__progress(run, 0);
	return 0;
}

static int
handle_json_line(struct pl_run *run, const char *line, size_t len,
                 unsigned long long lineno)
{
	struct pl_doc doc;
	struct pl_error err = {"", NULL, 0, 0};
	struct pl_json_member m;

	memset(&doc, 0, sizeof(doc));
	doc.is_json = 1;
	doc.raw = line;
	doc.rawlen = len;
	doc.name = run->cur_name;
	doc.lineno = lineno;
	doc.last = 1;
	if (pl_json_parse_object(&run->obj, line, len, &err) < 0) {
		run->records_in++;
		if (err.col == 0) {
			pl__complain(run, "%s", err.msg);
			run->trouble = 1;
			return -1;
		}
		pl_run_reject(run, &doc, "invalid JSON: %s at column %lu",
		              err.msg, err.col);
		return 0;
	}
	doc.json = &run->obj;
	if (pl_json_lookup(&run->obj, "id", &m) && m.type != PL_JSON_OBJECT &&
	    m.type != PL_JSON_ARRAY) {
		doc.id = m.val;
		doc.idlen = m.vallen;
	}
	pl_buf_reset(&run->text);
	if (pl_json_lookup(&run->obj, run->opts.key, &m) &&
	    m.type == PL_JSON_STRING) {
		if (pl_json_string_view(&m, &run->text, &doc.text, &doc.len,
		                        &doc.nrepl) < 0) {
			pl__complain(run, "out of memory");
			run->trouble = 1;
			return -1;
		}
		doc.has_text = 1;
		run->utf8_repl += (long long)doc.nrepl;
		if (doc.nrepl > 0 && run->opts.strict_utf8) {
			run->records_in++;
			pl_run_reject(run, &doc, "invalid UTF-8 in \"%s\"",
			              run->opts.key);
			return 0;
		}
	} else if (run->opts.strict) {
		int found = pl_json_lookup(&run->obj, run->opts.key, &m);

		run->records_in++;
		pl_run_reject(run, &doc,
		              found ? "\"%s\" is not a string"
		                    : "no member \"%s\"",
		              run->opts.key);
		return 0;
	} else
		doc.text = "";
	return call_process(run, &doc);
}

static int
handle_text_line(struct pl_run *run, const char *line, size_t len,
                 unsigned long long lineno)
{
	struct pl_doc doc;

	memset(&doc, 0, sizeof(doc));
	doc.text = doc.raw = line;
	doc.len = doc.rawlen = len;
	doc.has_text = 1;
	doc.name = run->cur_name;
	doc.lineno = lineno;
	doc.last = 1;
	doc.nrepl = pl_utf8_count_invalid(line, len);
	run->utf8_repl += (long long)doc.nrepl;
	if (doc.nrepl > 0 && run->opts.strict_utf8) {
		run->records_in++;
		pl_run_reject(run, &doc, "invalid UTF-8");
		return 0;
	}
	return call_process(run, &doc);
}

/* Hand over the text document (or piece) collected in run->doc. */
static int
flush_text_doc(struct pl_run *run, struct pl_doc *doc, int last)
{
	const char *raw = run->doc.data ? run->doc.data : "";
	size_t nrepl, done, from, left;

	/* valid UTF-8 (nearly always) is handed over as it is; only text
	 * with invalid bytes is copied, repaired */
	nrepl = run->doc_bad;
	run->doc_bad = 0;
	if (nrepl == 0) {
		doc->text = raw;
		doc->len = run->doc.len;
	} else {
		pl_buf_reset(&run->text);
		if (pl_utf8_repair(raw, run->doc.len, &run->text, NULL) < 0) {
			pl__complain(run, "out of memory");
			run->trouble = 1;
			return -1;
		}
		doc->text = run->text.data ? run->text.data : "";
		doc->len = run->text.len;
		/* back to the bytes read: text output (pl_run_raw_map) and
		 * the tail carried on below */
		pl_utf8_unrepair_reset(&run->unrepair, raw, run->doc.len);
	}
	doc->raw = raw;
	doc->rawlen = run->doc.len;
	doc->has_text = 1;
	doc->nrepl = nrepl;
	doc->last = last;
	run->utf8_repl += (long long)nrepl;
	run->keep_tail = 0;
	if (nrepl > 0 && run->opts.strict_utf8) {
		run->records_in++;
		pl_run_reject(run, doc, "invalid UTF-8");
		done = doc->len; /* the piece is dropped, not carried on */
	} else {
		if (call_process(run, doc) < 0)
			return -1;
		done = doc->len;
		if (!last && run->keep_tail > 0 && run->keep_tail <= doc->len)
			done -= run->keep_tail;
	}
	doc->part++;
	doc->base_bytes += done;
	/* code point offsets appear only in JSONL output: counting them is
	 * a pass over the text that text output need not pay for */
	if (pl_run_jsonl_out(run) && !run->opts.offsets_bytes)
		doc->base_cp += pl_utf8_count_cp_valid(doc->text, done);
	/* the unfinished tail opens the next piece: its bytes as read, not
	 * their repair, so that text output can still pass them through;
	 * the next piece repairs them again, to the same text */
	from =
	    doc->text != raw ? pl_utf8_unrepair_at(&run->unrepair, done) : done;
	left = run->doc.len - from;
	if (left > 0)
		memmove(run->doc.data, run->doc.data + from, left);
	run->doc.len = left;
	if (run->doc.data != NULL)
		run->doc.data[left] = '\0';
	if (doc->text != raw)
		run->doc_bad = pl_utf8_count_invalid(run->doc.data, left);
	run->tail_len = left;
	return 0;
}

/*
 * Does the text piece being collected end after this line?  At a blank
 * line once PIECE_BYTES are in, so that paragraphs stay whole; at any
 * line end once the piece is much larger (text with no blank line), then
 * the tool keeps its unfinished tail (pl_run_keep_tail).  The limit grows
 * with a kept tail, so a huge tail is not re-read again and again.
 */
static int
piece_ends(struct pl_run *run, const char *line, size_t len)
{
	size_t hard = 4 * (size_t)PIECE_BYTES;

	if (run->doc.len < PIECE_BYTES)
		return 0;
	if (hard < 2 * run->tail_len)
		hard = 2 * run->tail_len;
	return run->doc.len >= hard || is_blank(line, len);
}

/*
 * Add text (a line, newline 1: then a "\n" after it; or a run of whole
 * lines) to the text document being collected, counting its invalid
 * UTF-8 while it is in cache: lines end at ASCII bytes, so the counts
 * add up to the document's.  Returns 0, or -1 (no memory: said).
 */
static int
doc_append(struct pl_run *run, const char *s, size_t len, int newline)
{
	run->doc_bad += pl_utf8_count_invalid(s, len);
	if (pl_buf_append(&run->doc, s, len) < 0 ||
	    (newline && pl_buf_putc(&run->doc, '\n') < 0)) {
		pl__complain(run, "out of memory");
		run->trouble = 1;
		return -1;
	}
	return 0;
}

static int
process_stream(struct pl_run *run, FILE *fp, const char *name)
{
	struct pl_line_reader r;
	struct pl_doc doc;
	const char *line;
	size_t len;
	int got = 0, jsonl = -1, r_status = 0;
	int pieces = run->tool->flags & PL_TOOL_TEXT_PIECES;

	run->cur_name = name;
	run->file_rejects = 0;
	pl_line_init(&r, fp, name);
	run->reader = &r;
	pl_buf_reset(&run->doc);
	run->doc_bad = 0;
	memset(&doc, 0, sizeof(doc));
	doc.name = name;
	doc.lineno = 1;
	if (run->opts.from != PL_FMT_AUTO)
		jsonl = run->opts.from == PL_FMT_JSONL;
	for (;;) {
		/* a text document takes whole runs of lines at once, up to
		 * where a piece could end, so pieces end where they would
		 * line by line */
		if (jsonl == 0 && run->tool->unit == PL_UNIT_DOC &&
		    (!pieces || run->doc.len + 1 < PIECE_BYTES) &&
		    pl_line_read_run(
		        &r, pieces ? PIECE_BYTES - 1 - run->doc.len : SIZE_MAX,
		        &line, &len)) {
			run->stream_jsonl = 0;
			if (doc_append(run, line, len, 0) < 0) {
				r_status = -1;
				break;
			}
			continue;
		}
		if ((got = pl_line_read(&r, &line, &len)) <= 0)
			break;
		if (jsonl < 0) {
			size_t i = 0;

			while (i < len &&
			       pl_ascii_isspace((unsigned char)line[i]))
				i++;
			if (i < len)
				jsonl = line[i] == '{';
		}
		if (jsonl > 0) {
			run->stream_jsonl = 1;
			if (is_blank(line, len))
				continue;
			r_status = handle_json_line(run, line, len, r.lineno);
		} else {
			run->stream_jsonl = 0;
			if (run->tool->unit == PL_UNIT_LINE) {
				r_status =
				    handle_text_line(run, line, len, r.lineno);
			} else {
				if (doc_append(run, line, len, 1) < 0)
					r_status = -1;
				else if (pieces && piece_ends(run, line, len))
					r_status = flush_text_doc(run, &doc, 0);
			}
		}
		if (r_status < 0)
			break;
	}
	run->bytes_in += r.bytes;
	run->reader = NULL;
	if (got < 0) {
		pl__complain(run, "%s: read error: %s", pl__display_name(name),
		             strerror(errno));
		run->trouble = 1;
	}
	/* A text document: what was read (an empty file is an empty doc). */
	if (r_status == 0 && jsonl <= 0 && run->tool->unit == PL_UNIT_DOC &&
	    got == 0) {
		run->stream_jsonl = 0;
		r_status = flush_text_doc(run, &doc, 1);
	}
	if (run->file_rejects > MSG_PER_FILE && !run->opts.quiet)
		fprintf(stderr, "%s: %s: %lu more records rejected\n",
		        run->tool->name, pl__display_name(name),
		        run->file_rejects - MSG_PER_FILE);
	pl_line_free(&r);
	return r_status;
}

static int
load_config(struct pl_run *run)
{
	const struct pl_tool *tool = run->tool;
	struct pl_cfg_node *user = NULL;
	struct pl_error err = {"", NULL, 0, 0};

	if (tool->defaults_len > 0 &&
	    pl_cfg_parse(tool->defaults, tool->defaults_len,
	                 "(built-in defaults)", &run->config, &err) < 0)
		goto fail;
	if (run->opts.config != NULL) {
		if (pl_cfg_load_file(run->opts.config, &user, &err) < 0)
			goto fail;
		if (user != NULL && run->config == NULL) {
			run->config = user;
			user = NULL;
		} else if (user != NULL &&
		           pl_cfg_merge(run->config, user, &err) < 0)
			goto fail;
		pl_cfg_free(user);
		user = NULL;
	}
	{
		/* a tool without settings still rejects unknown keys */
		static const struct pl_cfg_key none[] = {
		    {NULL, PL_CFG_BOOL, 0, 0, 0, NULL}};
		const struct pl_cfg_key *keys =
		    tool->config_keys != NULL ? tool->config_keys : none;

		if (pl_cfg_apply(keys, run->config, run->state, &err) < 0)
			goto fail;
	}
	return 0;
fail:
	pl_cfg_free(user);
	pl__report(run, &err, "bad configuration");
	return -1;
}

int
pl_main(const struct pl_tool *tool, void *state, int argc, char **argv)
{
	struct pl_run run;
	struct pl_error err = {"", NULL, 0, 0};
	struct pl__saved_opt *saved = NULL;
	size_t nsaved = 0, i;
	int status, stdout_closed = 0, started;

	memset(&run, 0, sizeof(run));
	run.tool = tool;
	run.state = state;
	run.opts.key = "text";
	run.opts.lang = "und";
	clock_gettime(CLOCK_MONOTONIC, &run.t0);

	status = pl__parse_args(&run, argc, argv, &saved, &nsaved);
	if (status >= 0)
		goto done;
	status = PL_EXIT_TROUBLE;
	if (load_config(&run) < 0)
		goto done;
	for (i = 0; i < nsaved; i++) {
		if (tool->option == NULL ||
		    tool->option(state, saved[i].opt, saved[i].arg, &err) < 0) {
			pl__usage_error(tool, "%s",
			                err.msg[0] ? err.msg : "bad option");
			goto done;
		}
	}
	if (pl__collect_inputs(&run, argc - optind, argv + optind) < 0) {
		pl__complain(&run, "out of memory");
		goto done;
	}
	if (run.opts.rejects != NULL &&
	    (run.rejects = fopen(run.opts.rejects, "wb")) == NULL) {
		pl__complain(&run, "%s: %s", run.opts.rejects, strerror(errno));
		goto done;
	}
	if (tool->start != NULL &&
	    (started = tool->start(state, &run, &err)) < 0) {
		if (started == PL_START_USAGE)
			pl__usage_error(tool, "%s", err.msg);
		else
			pl__report(&run, &err, "failed to start");
		goto done;
	}
	if (pl__open_output(&run) < 0)
		goto done;
	if (run.out == stdout)
		setvbuf(stdout, NULL, run.opts.unbuffered ? _IOLBF : _IOFBF,
		        1 << 16);
	run.show_progress =
	    (run.opts.progress || run.opts.verbose) && isatty(STDERR_FILENO);
	run.last_progress = run.t0;

	status = PL_EXIT_OK;
	for (run.input_index = 0; run.input_index < run.ninputs;
	     run.input_index++) {
		const char *name = run.inputs[run.input_index];
		FILE *fp;
		int r;

		if (strcmp(name, "-") == 0)
			fp = stdin;
		else if ((fp = fopen(name, "rb")) == NULL) {
			pl__complain(&run, "%s: %s", name, strerror(errno));
			run.trouble = 1;
			continue;
		}
		r = process_stream(&run, fp, name);
		if (fp != stdin)
			fclose(fp);
		else
			clearerr(stdin);
		pl__progress(&run, 0);
		if (r < 0)
			break;
	}
	pl__progress(&run, 1);
	/* finish even after trouble with an input: the records of the other
	 * inputs were processed and what the tool holds back belongs to
	 * them (pl_run_failed tells the tool) */
	if (tool->finish != NULL && tool->finish(state, &run, &err) < 0) {
		pl__report(&run, &err, "failed");
		run.trouble = 1;
	}
	/* -o output replaces the target only when the run did not fail;
	 * stdout is closed too, so that a late write error is still seen. */
	if (pl__close_output(&run, !run.trouble) < 0)
		run.trouble = 1;
	stdout_closed = 1;
	if (run.rejects != NULL && fclose(run.rejects) == EOF) {
		pl__complain(&run, "%s: write error", run.opts.rejects);
		run.trouble = 1;
	}
	run.rejects = NULL;
	if (run.opts.stats || run.opts.verbose)
		pl__print_stats(&run);
	if (run.trouble)
		status = PL_EXIT_TROUBLE;
	else if (run.rejected > 0 && !run.opts.allow_rejects)
		status = PL_EXIT_REJECTED;
done:
	if (run.out != NULL && run.out != stdout)
		pl__close_output(&run, 0);
	if (run.rejects != NULL)
		fclose(run.rejects);
	if (tool->cleanup != NULL)
		tool->cleanup(state);
	for (i = 0; i < run.ninputs; i++)
		free(run.inputs[i]);
	free(run.inputs);
	free(saved);
	pl_cfg_free(run.config);
	pl_buf_free(&run.text);
	pl_buf_free(&run.doc);
	pl_buf_free(&run.obuf);
	pl_utf8_unrepair_free(&run.unrepair);
	pl_json_object_free(&run.obj);
	if (!stdout_closed && (fflush(stdout) == EOF || ferror(stdout))) {
		if (errno == EPIPE)
			pl__die_of_epipe();
		fprintf(stderr, "%s: write error: %s\n", tool->name,
		        strerror(errno));
		status = PL_EXIT_TROUBLE;
	}
	return status;
}
