/*
 * test_line.c - Criterion tests for common/line.c, the line reader: LF,
 * CRLF, lone CR and mixed line ends, no final newline, the BOM (skipped at
 * the start of the stream only), NUL bytes, empty lines, line numbers,
 * read errors, many lines of random length, and one 256 MiB line.
 *
 * The 256 MiB line is fed through a pipe by a child process, so the test
 * needs no disk and no second copy of the data: the reader's buffer
 * (256-512 MiB of address space, 256 MiB touched) is all it costs.  It
 * takes about a second.  It runs by default, because the foundation issue
 * promises that such a line works; set PL_BIG_TESTS=0 to skip it (for
 * small CI machines or valgrind runs).
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include "new_assert.h"
#include <criterion/parameterized.h>

#include "buf.h"
#include "line.h"

/* A temporary file holding the n bytes of s, rewound. */
static FILE *
file_with(const void *s, size_t n)
{
	FILE *fp = tmpfile();

	cr_assert(not(eq(ptr, fp, NULL)));
	if (n > 0)
		cr_assert(eq(sz, fwrite(s, 1, n, fp), n));
	cr_assert(eq(int, fflush(fp), 0));
	rewind(fp);
	return fp;
}

/*
 * Read all of in and join the lines as "<len>:<bytes>|" into out (NUL
 * bytes shown as "\0"), checking line numbers on the way.
 */
static void
read_all(const char *in, size_t inlen, char *out, size_t outsz)
{
	struct pl_line_reader r;
	FILE *fp = file_with(in, inlen);
	const char *line;
	size_t len, used = 0, i;
	unsigned long long n = 0;
	int ret;

	pl_line_init(&r, fp, "test.txt");
	cr_assert(eq(str, (char *)r.name, "test.txt"));
	out[0] = '\0';
	while ((ret = pl_line_read(&r, &line, &len)) == 1) {
		n++;
		cr_assert(eq(ullong, r.lineno, n));
		used += (size_t)snprintf(out + used, outsz - used, "%zu:", len);
		for (i = 0; i < len && used + 3 < outsz; i++) {
			if (line[i] == '\0') {
				out[used++] = '\\';
				out[used++] = '0';
			} else {
				out[used++] = line[i];
			}
		}
		cr_assert(used + 2 < outsz);
		out[used++] = '|';
		out[used] = '\0';
	}
	cr_assert(eq(int, ret, 0));
	/* The end stays the end. */
	cr_assert(eq(int, pl_line_read(&r, &line, &len), 0));
	cr_assert(eq(ullong, r.lineno, n));
	cr_assert(eq(ullong, r.bytes, (unsigned long long)inlen));
	pl_line_free(&r);
	fclose(fp);
}

struct line_case {
	char in[48];
	size_t inlen;
	char want[96];
};

#define L(in, want)                                                            \
	{                                                                      \
		in, sizeof(in) - 1, want                                       \
	}

ParameterizedTestParameters(line, splitting)
{
	static struct line_case cases[] = {
	    L("", ""),
	    L("a", "1:a|"),
	    L("a\n", "1:a|"),
	    L("a\nb\n", "1:a|1:b|"),
	    L("a\nb", "1:a|1:b|"),
	    L("a\r\nb\r\n", "1:a|1:b|"),
	    L("a\r\nb", "1:a|1:b|"),
	    L("a\rb\r", "1:a|1:b|"),
	    L("a\rb", "1:a|1:b|"),
	    L("a\r", "1:a|"),
	    L("a\nb\r\nc\rd", "1:a|1:b|1:c|1:d|"),
	    L("a\r\r\nb", "1:a|0:|1:b|"),
	    L("a\n\rb", "1:a|0:|1:b|"),
	    L("\n", "0:|"),
	    L("\n\n", "0:|0:|"),
	    L("\r", "0:|"),
	    L("\r\n", "0:|"),
	    L("\r\r", "0:|0:|"),
	    L("\n\r\n\r", "0:|0:|0:|"),
	    L("\nx\n\n", "0:|1:x|0:|"),
	    L("  \t\n", "3:  \t|"),
	    /* NUL bytes are kept */
	    L("a\0b\n", "3:a\\0b|"),
	    L("\0\n\0", "1:\\0|1:\\0|"),
	    L("\0\r\0\r\n", "1:\\0|1:\\0|"),
	    /* BOM at the start of the stream only */
	    L("\xEF\xBB\xBF"
	      "a\n",
	      "1:a|"),
	    L("\xEF\xBB\xBF"
	      "a\n\xEF\xBB\xBF"
	      "b\n",
	      "1:a|4:\xEF\xBB\xBF"
	      "b|"),
	    L("\xEF\xBB\xBF\n", "0:|"),
	    L("\xEF\xBB\xBF\nx", "0:|1:x|"),
	    L("\xEF\xBB\xBF\r\nx", "0:|1:x|"),
	    L("\xEF\xBB\xBF\xEF\xBB\xBF", "3:\xEF\xBB\xBF|"),
	    L("\xEF\xBB"
	      "a\n",
	      "3:\xEF\xBB"
	      "a|"),
	    L("\xEF\xBB", "2:\xEF\xBB|"),
	    L("\n\xEF\xBB\xBF", "0:|3:\xEF\xBB\xBF|"),
	    L("a\xEF\xBB\xBF", "4:a\xEF\xBB\xBF|"),
	};

	return cr_make_param_array(struct line_case, cases,
	                           sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct line_case *c, line, splitting)
{
	char got[256];

	read_all(c->in, c->inlen, got, sizeof(got));
	cr_expect(eq(str, got, c->want));
}

/* A stream that holds nothing but a BOM holds no line. */
Test(line, bom_only_is_empty)
{
	char got[64];

	read_all("\xEF\xBB\xBF", 3, got, sizeof(got));
	cr_expect(eq(str, got, ""));
}

Test(line, line_is_valid_until_next_read)
{
	struct pl_line_reader r;
	FILE *fp = file_with("first\nsecond\r\nthird", 19);
	const char *l1, *l2;
	size_t n1, n2;
	char keep[16];

	pl_line_init(&r, fp, "<stdin>");
	cr_assert(eq(int, pl_line_read(&r, &l1, &n1), 1));
	cr_assert(eq(sz, n1, 5));
	memcpy(keep, l1, n1);
	cr_assert(eq(int, memcmp(keep, "first", 5), 0));
	cr_assert(eq(int, pl_line_read(&r, &l2, &n2), 1));
	cr_assert(eq(sz, n2, 6));
	cr_assert(eq(int, memcmp(l2, "second", 6), 0));
	cr_assert(eq(ullong, r.lineno, 2));
	cr_assert(eq(int, pl_line_read(&r, &l2, &n2), 1));
	cr_assert(eq(int, memcmp(l2, "third", 5), 0));
	cr_assert(eq(ullong, r.lineno, 3));
	cr_assert(eq(int, pl_line_read(&r, &l2, &n2), 0));
	pl_line_free(&r);
	fclose(fp);
}

Test(line, free_without_reading)
{
	struct pl_line_reader r;
	FILE *fp = file_with("x", 1);

	pl_line_init(&r, fp, "x");
	pl_line_free(&r);
	fclose(fp);
}

Test(line, empty_stream)
{
	struct pl_line_reader r;
	FILE *fp = file_with("", 0);
	const char *line;
	size_t len;

	pl_line_init(&r, fp, "empty");
	cr_assert(eq(int, pl_line_read(&r, &line, &len), 0));
	cr_assert(eq(ullong, r.lineno, 0));
	pl_line_free(&r);
	fclose(fp);
}

Test(line, read_error)
{
	struct pl_line_reader r;
	FILE *fp = fopen("/", "r"); /* reading a directory: EISDIR */
	const char *line;
	size_t len;

	if (fp == NULL)
		cr_skip_test("cannot open / for reading");
	pl_line_init(&r, fp, "/");
	cr_assert(eq(int, pl_line_read(&r, &line, &len), -1));
	cr_assert(not(eq(int, errno, 0)));
	pl_line_free(&r);
	fclose(fp);
}

/* Many lines of random length and line end, compared with a simple
 * splitter written here. */
Test(line, random_lines)
{
	static const char *ends[] = {"\n", "\r\n", "\r"};
	struct pl_buf in = PL_BUF_INIT;
	size_t *starts, *lens, nlines = 3000, i, k, len;
	uint64_t x = 0x2545F4914F6CDD1DULL;
	const char *end, *prev = "";
	struct pl_line_reader r;
	const char *line;
	FILE *fp;

	starts = calloc(nlines, sizeof(*starts));
	lens = calloc(nlines, sizeof(*lens));
	cr_assert(not(eq(ptr, starts, NULL)));
	cr_assert(not(eq(ptr, lens, NULL)));
	for (i = 0; i < nlines; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		len = (size_t)(x % 8 == 0 ? x % 200000 : x % 100);
		starts[i] = in.len;
		lens[i] = len;
		for (k = 0; k < len; k++) {
			/* any byte but CR and LF, NUL included */
			int c = (int)((x >> (k % 56)) + k) & 0xFF;
			if (c == '\r' || c == '\n')
				c = 0;
			cr_assert(eq(int, pl_buf_putc(&in, c), 0));
		}
		end = ends[x % 3];
		/* "\r" then an empty line ended by "\n" would be one CRLF */
		if (len == 0 && strcmp(prev, "\r") == 0)
			end = "\r";
		if (i + 1 < nlines || x % 3 != 0)
			cr_assert(eq(int, pl_buf_puts(&in, end), 0));
		prev = end;
	}
	/* The first line must not start with a BOM. */
	if (lens[0] >= 1)
		in.data[0] = 'x';
	fp = file_with(in.data, in.len);
	pl_line_init(&r, fp, "random");
	for (i = 0; i < nlines; i++) {
		cr_assert(eq(int, pl_line_read(&r, &line, &len), 1), "line %zu",
		          i + 1);
		cr_assert(eq(sz, len, lens[i]), "line %zu", i + 1);
		if (len > 0 && memcmp(line, in.data + starts[i], len) != 0)
			cr_fatal("line %zu: bytes differ", i + 1);
		cr_assert(eq(ullong, r.lineno, (unsigned long long)i + 1));
	}
	cr_assert(eq(int, pl_line_read(&r, &line, &len), 0));
	pl_line_free(&r);
	fclose(fp);
	free(starts);
	free(lens);
	pl_buf_free(&in);
}

/* A few MiB long line with lone CRs far apart. */
Test(line, long_lines_with_cr)
{
	size_t n = 5 * 1024 * 1024, i;
	char *s = malloc(n);
	struct pl_line_reader r;
	const char *line;
	size_t len;
	FILE *fp;

	cr_assert(not(eq(ptr, s, NULL)));
	for (i = 0; i < n; i++)
		s[i] = (char)('a' + i % 26);
	s[1024 * 1024] = '\r';
	s[3 * 1024 * 1024] = '\r';
	s[n - 1] = '\n';
	fp = file_with(s, n);
	pl_line_init(&r, fp, "long");
	cr_assert(eq(int, pl_line_read(&r, &line, &len), 1));
	cr_assert(eq(sz, len, 1024 * 1024));
	cr_assert(eq(int, memcmp(line, s, len), 0));
	cr_assert(eq(int, pl_line_read(&r, &line, &len), 1));
	cr_assert(eq(sz, len, 2 * 1024 * 1024 - 1));
	cr_assert(eq(int, memcmp(line, s + 1024 * 1024 + 1, len), 0));
	cr_assert(eq(int, pl_line_read(&r, &line, &len), 1));
	cr_assert(eq(sz, len, n - 1 - 3 * 1024 * 1024 - 1));
	cr_assert(eq(int, memcmp(line, s + 3 * 1024 * 1024 + 1, len), 0));
	cr_assert(eq(ullong, r.lineno, 3));
	cr_assert(eq(int, pl_line_read(&r, &line, &len), 0));
	pl_line_free(&r);
	fclose(fp);
	free(s);
}

static int
big_tests_enabled(void)
{
	const char *e = getenv("PL_BIG_TESTS");

	return e == NULL || strcmp(e, "0") != 0;
}

/* Write a 256 MiB line (1 MiB chunks of one letter each) into fd, then
 * "\r\nnext" and no final newline. */
static void
write_big(int fd, size_t mib)
{
	char *chunk = malloc(1024 * 1024);
	size_t i, off;
	ssize_t w;

	if (chunk == NULL)
		_exit(3);
	for (i = 0; i < mib; i++) {
		memset(chunk, 'a' + (int)(i % 26), 1024 * 1024);
		if (i == 7)
			chunk[12345] = '\0';
		for (off = 0; off < 1024 * 1024; off += (size_t)w)
			if ((w = write(fd, chunk + off, 1024 * 1024 - off)) <=
			    0)
				_exit(4);
	}
	if (write(fd, "\r\nnext", 6) != 6)
		_exit(5);
	free(chunk);
}

Test(line, line_of_256_mib, .timeout = 120)
{
	size_t mib = 256, len, i, j;
	struct pl_line_reader r;
	const char *line;
	int fd[2], status, ok;
	pid_t pid;
	FILE *fp;

	if (!big_tests_enabled())
		cr_skip_test("PL_BIG_TESTS=0");
	cr_assert(eq(int, pipe(fd), 0));
	pid = fork();
	cr_assert(not(eq(int, pid, -1)));
	if (pid == 0) {
		close(fd[0]);
		write_big(fd[1], mib);
		close(fd[1]);
		_exit(0);
	}
	close(fd[1]);
	fp = fdopen(fd[0], "r");
	cr_assert(not(eq(ptr, fp, NULL)));
	pl_line_init(&r, fp, "<pipe>");
	cr_assert(eq(int, pl_line_read(&r, &line, &len), 1));
	cr_assert(eq(sz, len, mib * 1024 * 1024));
	for (i = 0; i < mib; i++) {
		const char *p = line + i * 1024 * 1024;
		char want = (char)('a' + (int)(i % 26));
		for (j = 0; j < 1024 * 1024; j++)
			if (p[j] != want &&
			    !(i == 7 && j == 12345 && p[j] == 0))
				cr_fatal("byte %zu of MiB %zu is 0x%02X", j, i,
				         (unsigned char)p[j]);
	}
	cr_assert(eq(int, pl_line_read(&r, &line, &len), 1));
	cr_assert(eq(sz, len, 4));
	cr_assert(eq(int, memcmp(line, "next", 4), 0));
	cr_assert(eq(ullong, r.lineno, 2));
	cr_assert(eq(int, pl_line_read(&r, &line, &len), 0));
	pl_line_free(&r);
	fclose(fp);
	cr_assert(eq(int, waitpid(pid, &status, 0), pid));
	ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	cr_assert(ok, "writer failed: status %d", status);
}

/*
 * Runs of lines (pl_line_read_run, with limits of every size) mixed with
 * single lines give the same text and line numbers as reading line by
 * line: random lines, mostly LF, some CRLF and lone CR, some long.
 */
Test(line, runs_equal_lines)
{
	static const char *ends[] = {"\n", "\n", "\n", "\n", "\r\n", "\r"};
	struct pl_buf in = PL_BUF_INIT, want = PL_BUF_INIT, got = PL_BUF_INIT;
	uint64_t x = 0x9E3779B97F4A7C15ULL;
	struct pl_line_reader r;
	const char *line, *end, *prev = "";
	size_t i, k, len;
	unsigned long long nwant = 0;
	FILE *fp;

	for (i = 0; i < 20000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		len = (size_t)(x % 97 == 0 ? x % 150000 : x % 120);
		for (k = 0; k < len; k++)
			cr_assert(eq(int, pl_buf_putc(&in, 'a' + (int)(k % 26)),
			             0));
		end = ends[(x >> 20) % 6];
		if (len == 0 && strcmp(prev, "\r") == 0)
			end = "\r";
		cr_assert(eq(int, pl_buf_puts(&in, end), 0));
		prev = end;
	}
	/* the reference: line by line, each followed by "\n" */
	fp = file_with(in.data, in.len);
	pl_line_init(&r, fp, "lines");
	while (pl_line_read(&r, &line, &len) == 1) {
		pl_buf_append(&want, line, len);
		pl_buf_putc(&want, '\n');
	}
	nwant = r.lineno;
	pl_line_free(&r);
	fclose(fp);
	/* runs with random limits, a line whenever no run is ready */
	fp = file_with(in.data, in.len);
	pl_line_init(&r, fp, "runs");
	for (;;) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		if (pl_line_read_run(&r, (size_t)(x % 5 == 0 ? x % 64 : x),
		                     &line, &len)) {
			cr_assert(len > 0 && line[len - 1] == '\n');
			pl_buf_append(&got, line, len);
			continue;
		}
		if (pl_line_read(&r, &line, &len) != 1)
			break;
		pl_buf_append(&got, line, len);
		pl_buf_putc(&got, '\n');
	}
	cr_assert(eq(sz, got.len, want.len));
	cr_assert(memcmp(got.data, want.data, got.len) == 0);
	cr_assert(eq(ullong, r.lineno, nwant));
	pl_line_free(&r);
	fclose(fp);
	pl_buf_free(&in);
	pl_buf_free(&want);
	pl_buf_free(&got);
}
