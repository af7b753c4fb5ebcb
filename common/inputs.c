/*
 * inputs.c - which files a run reads, in which order.
 *
 * FILE operands in command-line order ("-" is standard input); with -r
 * a directory operand is walked depth first in byte order, skipping
 * hidden entries and not following symbolic links to directories, so
 * the order is the same on every machine; --files-from adds one path a
 * line.  No operand at all means standard input.
 *
 * SPDX-License-Identifier: MIT
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run_impl.h"

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
		pl__complain(run, "%s: %s", dir, strerror(errno));
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

int
pl__collect_inputs(struct pl_run *run, int argc, char **argv)
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
			pl__complain(run, "%s: %s", run->opts.files_from,
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
				pl__complain(run, "%s:%llu: NUL byte in path",
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
			pl__complain(run, "%s: read error: %s",
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
