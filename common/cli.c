/*
 * cli.c - the options every pressline tool shares, parsed once.
 *
 * getopt_long runs over the shared table and the tool's own; tool
 * options are saved and replayed after the config is loaded, so the
 * command line wins over --config, which wins over the defaults.
 * --help, --version and --dump-config end the run here.
 *
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "run_impl.h"
#include "utf8.h"

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

/* ---- usage, help, version ---- */

void
pl__usage_error(const struct pl_tool *tool, const char *fmt, ...)
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
int
pl__parse_args(struct pl_run *run, int argc, char **argv,
               struct pl__saved_opt **saved, size_t *nsaved)
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
		pl__complain(run, "out of memory");
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
			pl__complain(run,
			             "option --%s clashes with a shared option",
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
				pl__usage_error(tool, "empty key");
				status = PL_EXIT_TROUBLE;
			}
			run->opts.key = optarg;
			break;
		case 'l':
			if (!valid_lang(optarg)) {
				pl__usage_error(tool, "bad language code '%s'",
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
				pl__usage_error(tool,
				                "bad format '%s' (auto, "
				                "jsonl or text)",
				                optarg);
				status = PL_EXIT_TROUBLE;
			}
			break;
		case OPT_OFFSETS:
			if (!(tool->flags & PL_TOOL_OFFSETS)) {
				pl__usage_error(tool, "unrecognized option "
				                      "'--offsets'");
				status = PL_EXIT_TROUBLE;
			} else if (strcmp(optarg, "bytes") == 0)
				run->opts.offsets_bytes = 1;
			else if (strcmp(optarg, "cp") == 0 ||
			         strcmp(optarg, "codepoints") == 0)
				run->opts.offsets_bytes = 0;
			else {
				pl__usage_error(tool,
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
			pl__usage_error(tool, "option '%s' needs an argument",
			                argv[optind - 1]);
			status = PL_EXIT_TROUBLE;
			break;
		case '?':
			if (optopt != 0)
				pl__usage_error(tool, "invalid option -- '%c'",
				                optopt);
			else
				pl__usage_error(tool,
				                "unrecognized option '%s'",
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
