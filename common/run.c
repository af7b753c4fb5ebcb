/*
 * run.c - the driver shared by every pressline tool.
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
 *    invalid UTF-8 repaired (U+FFFD); line-unit records (dedup-lines) are
 *    handed over as read, so pass-through keeps the bytes.
 *
 * SPDX-License-Identifier: MIT
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ascii.h"
#include "line.h"
#include "run.h"
#include "utf8.h"

#define MAX_STATS    32
#define MSG_PER_FILE 10
#define PIECE_BYTES  (1 << 20)

enum {
	OPT_CONFIG = PL_OPT_SHARED,
	OPT_FORMAT,
	OPT_FROM,
	OPT_STRICT,
	OPT_STRICT_UTF8,
	OPT_REJECTS,
	OPT_ALLOW_REJECTS,
	OPT_DUMP_CONFIG,
	OPT_STATS,
	OPT_PROGRESS,
	OPT_FILES_FROM,
	OPT_OFFSETS
};

static const struct option shared_longopts[] = {
    {"allow-rejects", no_argument, NULL, OPT_ALLOW_REJECTS},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"dump-config", no_argument, NULL, OPT_DUMP_CONFIG},
    {"files-from", required_argument, NULL, OPT_FILES_FROM},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"from", required_argument, NULL, OPT_FROM},
    {"help", no_argument, NULL, 'h'},
    {"jsonl", no_argument, NULL, 'j'},
    {"key", required_argument, NULL, 'k'},
    {"lang", required_argument, NULL, 'l'},
    {"offsets", required_argument, NULL, OPT_OFFSETS},
    {"output", required_argument, NULL, 'o'},
    {"progress", no_argument, NULL, OPT_PROGRESS},
    {"quiet", no_argument, NULL, 'q'},
    {"recursive", no_argument, NULL, 'r'},
    {"rejects", required_argument, NULL, OPT_REJECTS},
    {"stats", no_argument, NULL, OPT_STATS},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"strict-utf8", no_argument, NULL, OPT_STRICT_UTF8},
    {"text", no_argument, NULL, 't'},
    {"unbuffered", no_argument, NULL, 'u'},
    {"verbose", no_argument, NULL, 'v'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0}};
static const char shared_shortopts[] = "hjk:l:o:qrtuvV";

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
	/* progress */
	int show_progress;
	struct timespec t0, last_progress;
	/* buffers reused for every record */
	struct pl_buf text, doc, obuf;
	const struct pl_line_reader *reader; /* the stream being read */
	unsigned long calls;                 /* process() calls, for progress */
	size_t keep_tail; /* set by the tool for the current text piece */
	size_t tail_len;  /* bytes carried into the piece being collected */
	struct pl_json_object obj;
};

static double
elapsed(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	       (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static const char *
display_name(const char *name)
{
	return strcmp(name, "-") == 0 ? "<stdin>" : name;
}

void
pl_run_warn(struct pl_run *run, const char *fmt, ...)
{
	va_list ap;

	if (run->opts.quiet)
		return;
	fprintf(stderr, "%s: ", run->tool->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* A message that -q does not silence (trouble). */
static void PL_PRINTF(2, 3) complain(struct pl_run *run, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", run->tool->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Print an error from common/ or a tool, with its position when known. */
static void
report(struct pl_run *run, const struct pl_error *err, const char *fallback)
{
	const char *msg = err->msg[0] != '\0' ? err->msg : fallback;

	if (err->file != NULL && err->line > 0 && err->col > 0)
		complain(run, "%s:%llu:%lu: %s", err->file, err->line, err->col,
		         msg);
	else if (err->file != NULL && err->line > 0)
		complain(run, "%s:%llu: %s", err->file, err->line, msg);
	else
		complain(run, "%s", msg);
}

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

void
pl_run_keep_tail(struct pl_run *run, size_t nbytes)
{
	run->keep_tail = nbytes;
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

/* The reader went away: end like the default SIGPIPE would. */
static void
die_of_epipe(void)
{
	signal(SIGPIPE, SIG_DFL);
	raise(SIGPIPE);
	_exit(128 + SIGPIPE);
}

static int
write_failed(struct pl_run *run, struct pl_error *err)
{
	if (errno == EPIPE)
		die_of_epipe();
	run->trouble = 1;
	return pl_error_set(err, "write error: %s", strerror(errno));
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

void
pl_run_reject(struct pl_run *run, const struct pl_doc *doc, const char *fmt,
              ...)
{
	va_list ap;

	run->rejected++;
	run->file_rejects++;
	if (run->file_rejects <= MSG_PER_FILE && !run->opts.quiet) {
		fprintf(stderr, "%s: %s:%llu: ", run->tool->name,
		        display_name(doc->name), doc->lineno);
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputc('\n', stderr);
	}
	if (run->rejects != NULL) {
		if (fwrite(doc->raw, 1, doc->rawlen, run->rejects) !=
		        doc->rawlen ||
		    putc('\n', run->rejects) == EOF) {
			complain(run, "%s: write error: %s", run->opts.rejects,
			         strerror(errno));
			fclose(run->rejects);
			run->rejects = NULL;
			run->trouble = 1;
		}
	}
}

static void
progress(struct pl_run *run, int final)
{
	struct timespec now;
	double t, mb;

	if (!run->show_progress)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!final && elapsed(&run->last_progress, &now) < 0.25)
		return;
	run->last_progress = now;
	t = elapsed(&run->t0, &now);
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

/* ---- usage, help, version ---- */

static void usage_error(const struct pl_tool *tool, const char *fmt, ...)
    PL_PRINTF(2, 3);

static void
usage_error(const struct pl_tool *tool, const char *fmt, ...)
{
	va_list ap;

	if (fmt != NULL) {
		fprintf(stderr, "%s: ", tool->name);
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputc('\n', stderr);
	}
	fprintf(stderr, "Try '%s --help' for more information.\n", tool->name);
}

static void
print_help(const struct pl_tool *tool, FILE *fp)
{
	fprintf(fp, "Usage: %s %s\n%s\n\n", tool->name, tool->synopsis,
	        tool->summary);
	if (tool->options_help != NULL && tool->options_help[0] != '\0')
		fprintf(fp, "Options of %s:\n%s\n", tool->name,
		        tool->options_help);
	fputs("Options every pressline tool shares:\n"
	      "  -k, --key=FIELD        JSONL member holding the text "
	      "(default: text;\n"
	      "                         dotted paths like meta.body)\n",
	      fp);
	if (!(tool->flags & PL_TOOL_NO_LANG))
		fputs("  -l, --lang=LANG        language code, or auto "
		      "(default: und)\n",
		      fp);
	fputs("  -o, --output=FILE      write to FILE through a temp file "
	      "+ rename\n"
	      "      --format=FMT       output format: auto (follow the input),"
	      " jsonl, text\n"
	      "  -j, --jsonl            same as --format=jsonl\n"
	      "  -t, --text             same as --format=text\n"
	      "      --from=FMT         input format: auto (default), jsonl, "
	      "text\n"
	      "  -r, --recursive        FILE operands are directories to walk "
	      "(sorted)\n"
	      "      --files-from=LIST  read input paths from LIST, one a line "
	      "(- = stdin)\n"
	      "      --config=FILE      YAML settings over the built-in "
	      "defaults\n"
	      "      --dump-config      print the built-in defaults and exit\n"
	      "      --strict           a missing or non-string key rejects "
	      "the record\n"
	      "      --strict-utf8      invalid UTF-8 rejects the record\n"
	      "      --rejects=FILE     copy rejected input lines to FILE\n"
	      "      --allow-rejects    exit 0 even if records were rejected\n",
	      fp);
	if (tool->flags & PL_TOOL_OFFSETS)
		fputs("      --offsets=UNIT     start/end in code points (cp, "
		      "default) or bytes\n",
		      fp);
	fputs("      --stats            print counts and throughput on "
	      "stderr at exit\n"
	      "      --progress         show progress on stderr when it is a "
	      "terminal\n"
	      "  -u, --unbuffered       flush output after every record\n"
	      "  -q, --quiet            no warnings, only errors\n"
	      "  -v, --verbose          a summary line at exit (progress on a "
	      "terminal)\n"
	      "  -h, --help             print this help and exit\n"
	      "  -V, --version          print the version and exit\n\n"
	      "With no FILE, or when FILE is -, read standard input.\n"
	      "Exit status: 0 all records processed, 1 some records were "
	      "rejected,\n2 trouble (usage, config, input or output error).\n",
	      fp);
	fprintf(fp, "Full documentation: man %s; the toolkit: man pressline\n",
	        tool->name);
}

static void
print_version(const struct pl_tool *tool)
{
	printf("%s (%s) %s\n", tool->name, PL_TOOLKIT, PL_VERSION);
	printf("utf8proc %s, libyaml %s\n", pl_utf8_library_version(),
	       pl_cfg_library_version());
}

/* ---- options ---- */

struct saved_opt {
	int opt;
	char *arg;
};

static int
parse_format(const char *s, enum pl_format *f)
{
	if (strcmp(s, "auto") == 0)
		*f = PL_FMT_AUTO;
	else if (strcmp(s, "jsonl") == 0 || strcmp(s, "json") == 0)
		*f = PL_FMT_JSONL;
	else if (strcmp(s, "text") == 0)
		*f = PL_FMT_TEXT;
	else
		return -1;
	return 0;
}

static int
valid_lang(const char *s)
{
	size_t i;

	if (s[0] == '\0')
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (!pl_ascii_isalnum((unsigned char)s[i]) && s[i] != '-' &&
		    s[i] != '_')
			return 0;
	return i <= 35;
}

/*
 * Parse argv.  Returns -1 to continue, or an exit status when done
 * (--help, --version, --dump-config, usage error).  Tool options are
 * saved in *saved for replay after the config is loaded.
 */
static int
parse_args(struct pl_run *run, int argc, char **argv, struct saved_opt **saved,
           size_t *nsaved)
{
	const struct pl_tool *tool = run->tool;
	struct option *longopts;
	char *shortopts;
	size_t nshared =
	           sizeof(shared_longopts) / sizeof(shared_longopts[0]) - 1,
	       ntool = 0, i;
	int c, status = -1, dump = 0;

	while (tool->longopts != NULL && tool->longopts[ntool].name != NULL)
		ntool++;
	longopts = calloc(nshared + ntool + 1, sizeof(*longopts));
	shortopts = malloc(strlen(shared_shortopts) +
	                   (tool->shortopts ? strlen(tool->shortopts) : 0) + 2);
	*saved = calloc((size_t)argc + 1, sizeof(**saved));
	*nsaved = 0;
	if (longopts == NULL || shortopts == NULL || *saved == NULL) {
		complain(run, "out of memory");
		free(longopts);
		free(shortopts);
		return PL_EXIT_TROUBLE;
	}
	/* a tool option that reuses a shared code or name would be
	 * swallowed by the shared switch below: refuse it outright */
	for (i = 0; i < ntool; i++) {
		const struct option *o = &tool->longopts[i];
		size_t j;

		for (j = 0; j < nshared; j++)
			if (strcmp(o->name, shared_longopts[j].name) == 0 ||
			    o->val == shared_longopts[j].val)
				break;
		if (j < nshared) {
			complain(run, "option --%s clashes with a shared option",
			         o->name);
			free(longopts);
			free(shortopts);
			return PL_EXIT_TROUBLE;
		}
	}
	for (i = 0; i < nshared; i++)
		longopts[i] = shared_longopts[i];
	for (i = 0; i < ntool; i++)
		longopts[nshared + i] = tool->longopts[i];
	/* ':' first: a missing argument is told apart from a bad option */
	shortopts[0] = ':';
	strcpy(shortopts + 1, shared_shortopts);
	if (tool->shortopts != NULL)
		strcat(shortopts, tool->shortopts);

	opterr = 0;
	while (status < 0 &&
	       (c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			print_help(tool, stdout);
			status = PL_EXIT_OK;
			break;
		case 'V':
			print_version(tool);
			status = PL_EXIT_OK;
			break;
		case 'j':
			run->opts.format = PL_FMT_JSONL;
			break;
		case 't':
			run->opts.format = PL_FMT_TEXT;
			break;
		case 'k':
			if (optarg[0] == '\0') {
				usage_error(tool, "empty key");
				status = PL_EXIT_TROUBLE;
			}
			run->opts.key = optarg;
			break;
		case 'l':
			if (!valid_lang(optarg)) {
				usage_error(tool, "bad language code '%s'",
				            optarg);
				status = PL_EXIT_TROUBLE;
			}
			run->opts.lang = optarg;
			break;
		case 'o':
			run->opts.output =
			    strcmp(optarg, "-") == 0 ? NULL : optarg;
			break;
		case 'q':
			run->opts.quiet = 1;
			break;
		case 'r':
			run->opts.recursive = 1;
			break;
		case 'u':
			run->opts.unbuffered = 1;
			break;
		case 'v':
			run->opts.verbose = 1;
			break;
		case OPT_ALLOW_REJECTS:
			run->opts.allow_rejects = 1;
			break;
		case OPT_CONFIG:
			run->opts.config = optarg;
			break;
		case OPT_DUMP_CONFIG:
			dump = 1;
			break;
		case OPT_FILES_FROM:
			run->opts.files_from = optarg;
			break;
		case OPT_FORMAT:
		case OPT_FROM:
			if (parse_format(optarg, c == OPT_FORMAT
			                             ? &run->opts.format
			                             : &run->opts.from) < 0) {
				usage_error(tool,
				            "bad format '%s' (auto, "
				            "jsonl or text)",
				            optarg);
				status = PL_EXIT_TROUBLE;
			}
			break;
		case OPT_OFFSETS:
			if (!(tool->flags & PL_TOOL_OFFSETS)) {
				usage_error(tool, "unrecognized option "
				                  "'--offsets'");
				status = PL_EXIT_TROUBLE;
			} else if (strcmp(optarg, "bytes") == 0)
				run->opts.offsets_bytes = 1;
			else if (strcmp(optarg, "cp") == 0 ||
			         strcmp(optarg, "codepoints") == 0)
				run->opts.offsets_bytes = 0;
			else {
				usage_error(tool,
				            "bad --offsets '%s' (cp or "
				            "bytes)",
				            optarg);
				status = PL_EXIT_TROUBLE;
			}
			break;
		case OPT_PROGRESS:
			run->opts.progress = 1;
			break;
		case OPT_REJECTS:
			run->opts.rejects = optarg;
			break;
		case OPT_STATS:
			run->opts.stats = 1;
			break;
		case OPT_STRICT:
			run->opts.strict = 1;
			break;
		case OPT_STRICT_UTF8:
			run->opts.strict_utf8 = 1;
			break;
		case ':':
			usage_error(tool, "option '%s' needs an argument",
			            argv[optind - 1]);
			status = PL_EXIT_TROUBLE;
			break;
		case '?':
			if (optopt != 0)
				usage_error(tool, "invalid option -- '%c'",
				            optopt);
			else
				usage_error(tool, "unrecognized option '%s'",
				            argv[optind - 1]);
			status = PL_EXIT_TROUBLE;
			break;
		default:
			(*saved)[*nsaved].opt = c;
			(*saved)[*nsaved].arg = optarg;
			(*nsaved)++;
			break;
		}
	}
	free(longopts);
	free(shortopts);
	if (status < 0 && dump) {
		if (tool->defaults_len > 0 &&
		    fwrite(tool->defaults, 1, tool->defaults_len, stdout) !=
		        tool->defaults_len)
			status = PL_EXIT_TROUBLE;
		else
			status = PL_EXIT_OK;
	}
	return status;
}

/* ---- inputs ---- */

static int
add_input(struct pl_run *run, const char *path)
{
	char *p;

	if (run->ninputs == run->capinputs) {
		size_t cap = run->capinputs ? run->capinputs * 2 : 16;
		char **v = realloc(run->inputs, cap * sizeof(*v));
		if (v == NULL)
			return -1;
		run->inputs = v;
		run->capinputs = cap;
	}
	if ((p = strdup(path)) == NULL)
		return -1;
	run->inputs[run->ninputs++] = p;
	return 0;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Walk dir in sorted (byte order) depth-first order, adding regular
 * files.  Hidden entries (".name") are skipped, symbolic links to
 * directories are not followed, so the walk ends and is deterministic.
 */
static int
walk_dir(struct pl_run *run, const char *dir)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int r = 0;

	if ((d = opendir(dir)) == NULL) {
		complain(run, "%s: %s", dir, strerror(errno));
		run->trouble = 1;
		return 0;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **v;
			cap = cap ? cap * 2 : 64;
			if ((v = realloc(names, cap * sizeof(*v))) == NULL) {
				r = -1;
				break;
			}
			names = v;
		}
		if ((names[n] = strdup(e->d_name)) == NULL) {
			r = -1;
			break;
		}
		n++;
	}
	closedir(d);
	if (r == 0)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		struct pl_buf path = PL_BUF_INIT;
		struct stat st;

		if (r == 0 && pl_buf_printf(&path, "%s/%s", dir, names[i]) < 0)
			r = -1;
		if (r == 0 && lstat(path.data, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				r = walk_dir(run, path.data);
			else if (S_ISREG(st.st_mode) ||
			         (S_ISLNK(st.st_mode) &&
			          stat(path.data, &st) == 0 &&
			          S_ISREG(st.st_mode)))
				r = add_input(run, path.data);
		}
		pl_buf_free(&path);
		free(names[i]);
	}
	free(names);
	return r;
}

static int
collect_inputs(struct pl_run *run, int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		struct stat st;

		if (run->opts.recursive && strcmp(argv[i], "-") != 0 &&
		    stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (walk_dir(run, argv[i]) < 0)
				return -1;
		} else if (add_input(run, argv[i]) < 0)
			return -1;
	}
	if (run->opts.files_from != NULL) {
		struct pl_line_reader r;
		const char *line;
		size_t len;
		FILE *fp;
		int got;

		fp = strcmp(run->opts.files_from, "-") == 0
		         ? stdin
		         : fopen(run->opts.files_from, "rb");
		if (fp == NULL) {
			complain(run, "%s: %s", run->opts.files_from,
			         strerror(errno));
			run->trouble = 1;
			return 0;
		}
		pl_line_init(&r, fp, run->opts.files_from);
		while ((got = pl_line_read(&r, &line, &len)) > 0) {
			char *p;

			if (len == 0)
				continue;
			if (memchr(line, '\0', len) != NULL) {
				complain(run, "%s:%llu: NUL byte in path",
				         run->opts.files_from, r.lineno);
				run->trouble = 1;
				continue;
			}
			if ((p = strndup(line, len)) == NULL ||
			    add_input(run, p) < 0) {
				free(p);
				pl_line_free(&r);
				return -1;
			}
			free(p);
		}
		if (got < 0) {
			complain(run, "%s: read error: %s",
			         run->opts.files_from, strerror(errno));
			run->trouble = 1;
		}
		pl_line_free(&r);
		if (fp != stdin)
			fclose(fp);
	}
	if (argc == 0 && run->opts.files_from == NULL)
		return add_input(run, "-");
	return 0;
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
		report(run, &err, "processing failed");
		run->trouble = 1;
		return -1;
	}
	if ((++run->calls & 1023) == 0 || doc->part > 0)
		progress(run, 0);
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
			complain(run, "%s", err.msg);
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
			complain(run, "out of memory");
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
	size_t nrepl = 0, done;

	pl_buf_reset(&run->text);
	if (pl_utf8_repair(run->doc.data ? run->doc.data : "", run->doc.len,
	                   &run->text, &nrepl) < 0) {
		complain(run, "out of memory");
		run->trouble = 1;
		return -1;
	}
	doc->text = run->text.data ? run->text.data : "";
	doc->len = run->text.len;
	doc->raw = run->doc.data ? run->doc.data : "";
	doc->rawlen = run->doc.len;
	doc->has_text = 1;
	doc->nrepl = nrepl;
	doc->last = last;
	run->utf8_repl += (long long)nrepl;
	if (nrepl > 0 && run->opts.strict_utf8) {
		run->records_in++;
		pl_run_reject(run, doc, "invalid UTF-8");
		return 0;
	}
	run->keep_tail = 0;
	if (call_process(run, doc) < 0)
		return -1;
	done = doc->len;
	if (!last && run->keep_tail > 0 && run->keep_tail <= doc->len)
		done -= run->keep_tail;
	doc->part++;
	doc->base_bytes += done;
	doc->base_cp += pl_utf8_count_cp(doc->text, done);
	pl_buf_reset(&run->doc);
	/* the unfinished tail opens the next piece (already repaired) */
	if (done < doc->len &&
	    pl_buf_append(&run->doc, doc->text + done, doc->len - done) < 0) {
		complain(run, "out of memory");
		run->trouble = 1;
		return -1;
	}
	run->tail_len = doc->len - done;
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

static int
process_stream(struct pl_run *run, FILE *fp, const char *name)
{
	struct pl_line_reader r;
	struct pl_doc doc;
	const char *line;
	size_t len;
	int got, jsonl = -1, r_status = 0;
	int pieces = run->tool->flags & PL_TOOL_TEXT_PIECES;

	run->cur_name = name;
	run->file_rejects = 0;
	pl_line_init(&r, fp, name);
	run->reader = &r;
	pl_buf_reset(&run->doc);
	memset(&doc, 0, sizeof(doc));
	doc.name = name;
	doc.lineno = 1;
	if (run->opts.from != PL_FMT_AUTO)
		jsonl = run->opts.from == PL_FMT_JSONL;
	while ((got = pl_line_read(&r, &line, &len)) > 0) {
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
				if (pl_buf_append(&run->doc, line, len) < 0 ||
				    pl_buf_putc(&run->doc, '\n') < 0) {
					complain(run, "out of memory");
					run->trouble = 1;
					r_status = -1;
				} else if (pieces && piece_ends(run, line, len))
					r_status = flush_text_doc(run, &doc, 0);
			}
		}
		if (r_status < 0)
			break;
	}
	run->bytes_in += r.bytes;
	run->reader = NULL;
	if (got < 0) {
		complain(run, "%s: read error: %s", display_name(name),
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
		        run->tool->name, display_name(name),
		        run->file_rejects - MSG_PER_FILE);
	pl_line_free(&r);
	return r_status;
}

/* ---- output ---- */

static int
open_output(struct pl_run *run)
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
		complain(run, "%s: %s", path, strerror(errno));
		free(run->tmp_path);
		run->tmp_path = NULL;
		return -1;
	}
	/* mkstemp makes 0600; give the file the mode a plain create would */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) < 0 ||
	    (run->out = fdopen(fd, "wb")) == NULL) {
		complain(run, "%s: %s", run->tmp_path, strerror(errno));
		close(fd);
		unlink(run->tmp_path);
		free(run->tmp_path);
		run->tmp_path = NULL;
		return -1;
	}
	return 0;
}

/* Flush and close the output; rename the temp file when keep is set. */
static int
close_output(struct pl_run *run, int keep)
{
	int bad = 0;

	if (run->out == NULL)
		return 0;
	if (run->obuf.len > 0 && fwrite(run->obuf.data, 1, run->obuf.len,
	                                run->out) != run->obuf.len)
		bad = 1;
	pl_buf_reset(&run->obuf);
	if (bad && errno == EPIPE)
		die_of_epipe();
	if (!bad && (fflush(run->out) == EOF || ferror(run->out))) {
		if (errno == EPIPE)
			die_of_epipe();
		bad = 1;
	}
	if (run->tmp_path != NULL && !bad && keep &&
	    fsync(fileno(run->out)) < 0)
		bad = 1;
	if (fclose(run->out) == EOF && !bad) {
		if (errno == EPIPE)
			die_of_epipe();
		bad = 1;
	}
	if (bad)
		complain(run, "write error: %s", strerror(errno));
	run->out = NULL;
	if (run->tmp_path != NULL) {
		if (!bad && keep &&
		    rename(run->tmp_path, run->opts.output) < 0) {
			complain(run, "%s: %s", run->opts.output,
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

static void
print_stats(struct pl_run *run)
{
	struct timespec now;
	double t, mb;
	size_t i;

	clock_gettime(CLOCK_MONOTONIC, &now);
	t = elapsed(&run->t0, &now);
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
	report(run, &err, "bad configuration");
	return -1;
}

int
pl_main(const struct pl_tool *tool, void *state, int argc, char **argv)
{
	struct pl_run run;
	struct pl_error err = {"", NULL, 0, 0};
	struct saved_opt *saved = NULL;
	size_t nsaved = 0, i;
	int status, stdout_closed = 0, started;

	memset(&run, 0, sizeof(run));
	run.tool = tool;
	run.state = state;
	run.opts.key = "text";
	run.opts.lang = "und";
	clock_gettime(CLOCK_MONOTONIC, &run.t0);

	status = parse_args(&run, argc, argv, &saved, &nsaved);
	if (status >= 0)
		goto done;
	status = PL_EXIT_TROUBLE;
	if (load_config(&run) < 0)
		goto done;
	for (i = 0; i < nsaved; i++) {
		if (tool->option == NULL ||
		    tool->option(state, saved[i].opt, saved[i].arg, &err) < 0) {
			usage_error(tool, "%s",
			            err.msg[0] ? err.msg : "bad option");
			goto done;
		}
	}
	if (collect_inputs(&run, argc - optind, argv + optind) < 0) {
		complain(&run, "out of memory");
		goto done;
	}
	if (run.opts.rejects != NULL &&
	    (run.rejects = fopen(run.opts.rejects, "wb")) == NULL) {
		complain(&run, "%s: %s", run.opts.rejects, strerror(errno));
		goto done;
	}
	if (tool->start != NULL &&
	    (started = tool->start(state, &run, &err)) < 0) {
		if (started == PL_START_USAGE)
			usage_error(tool, "%s", err.msg);
		else
			report(&run, &err, "failed to start");
		goto done;
	}
	if (open_output(&run) < 0)
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
			complain(&run, "%s: %s", name, strerror(errno));
			run.trouble = 1;
			continue;
		}
		r = process_stream(&run, fp, name);
		if (fp != stdin)
			fclose(fp);
		else
			clearerr(stdin);
		progress(&run, 0);
		if (r < 0)
			break;
	}
	progress(&run, 1);
	/* finish even after trouble with an input: the records of the other
	 * inputs were processed and what the tool holds back belongs to
	 * them (pl_run_failed tells the tool) */
	if (tool->finish != NULL &&
	    tool->finish(state, &run, &err) < 0) {
		report(&run, &err, "failed");
		run.trouble = 1;
	}
	/* -o output replaces the target only when the run did not fail;
	 * stdout is closed too, so that a late write error is still seen. */
	if (close_output(&run, !run.trouble) < 0)
		run.trouble = 1;
	stdout_closed = 1;
	if (run.rejects != NULL && fclose(run.rejects) == EOF) {
		complain(&run, "%s: write error", run.opts.rejects);
		run.trouble = 1;
	}
	run.rejects = NULL;
	if (run.opts.stats || run.opts.verbose)
		print_stats(&run);
	if (run.trouble)
		status = PL_EXIT_TROUBLE;
	else if (run.rejected > 0 && !run.opts.allow_rejects)
		status = PL_EXIT_REJECTED;
done:
	if (run.out != NULL && run.out != stdout)
		close_output(&run, 0);
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
	pl_json_object_free(&run.obj);
	if (!stdout_closed && (fflush(stdout) == EOF || ferror(stdout))) {
		if (errno == EPIPE)
			die_of_epipe();
		fprintf(stderr, "%s: write error: %s\n", tool->name,
		        strerror(errno));
		status = PL_EXIT_TROUBLE;
	}
	return status;
}
