/*
 * test_buf.c - Criterion tests for common/buf.c (struct pl_buf): growth
 * from a zeroed struct, NUL bytes inside the data, printf, UTF-8 encoding
 * of code points of every length, reset, steal and free.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include "new_assert.h"
#include <criterion/parameterized.h>

#include "buf.h"

/* Assert that b holds exactly the n bytes of want, NUL-terminated. */
static void
check_buf(const struct pl_buf *b, const void *want, size_t n)
{
	cr_assert(eq(sz, b->len, n));
	cr_assert(not(eq(ptr, b->data, NULL)));
	cr_assert(b->cap > b->len, "cap %zu must exceed len %zu", b->cap,
	          b->len);
	cr_assert(eq(int, memcmp(b->data, want, n), 0));
	cr_assert(eq(chr, b->data[n], '\0'));
}

Test(buf, zeroed_struct_is_empty)
{
	struct pl_buf b = PL_BUF_INIT;
	struct pl_buf z;

	memset(&z, 0, sizeof(z));
	cr_assert(eq(ptr, b.data, NULL));
	cr_assert(eq(sz, b.len, 0));
	cr_assert(eq(int, pl_buf_append(&z, "", 0), 0));
	check_buf(&z, "", 0);
	pl_buf_free(&z);
}

Test(buf, append_and_puts)
{
	struct pl_buf b = PL_BUF_INIT;

	cr_assert(eq(int, pl_buf_append(&b, "abc", 3), 0));
	cr_assert(eq(int, pl_buf_puts(&b, "def"), 0));
	cr_assert(eq(int, pl_buf_putc(&b, 'g'), 0));
	check_buf(&b, "abcdefg", 7);
	pl_buf_free(&b);
}

Test(buf, nul_bytes_kept)
{
	struct pl_buf b = PL_BUF_INIT;
	static const char want[] = "a\0b\0\0c";

	cr_assert(eq(int, pl_buf_append(&b, "a\0b", 3), 0));
	cr_assert(eq(int, pl_buf_putc(&b, 0), 0));
	cr_assert(eq(int, pl_buf_putc(&b, '\0'), 0));
	cr_assert(eq(int, pl_buf_putc(&b, 'c'), 0));
	check_buf(&b, want, sizeof(want) - 1);
	pl_buf_free(&b);
}

Test(buf, putc_high_bytes)
{
	struct pl_buf b = PL_BUF_INIT;
	int c;

	for (c = 0; c < 256; c++)
		cr_assert(eq(int, pl_buf_putc(&b, c), 0));
	cr_assert(eq(sz, b.len, 256));
	for (c = 0; c < 256; c++)
		cr_assert(eq(u8, (uint8_t)b.data[c], (uint8_t)c));
	pl_buf_free(&b);
}

Test(buf, growth_byte_by_byte)
{
	struct pl_buf b = PL_BUF_INIT;
	size_t i, n = 300000;

	for (i = 0; i < n; i++) {
		cr_assert(eq(int, pl_buf_putc(&b, (int)('a' + i % 26)), 0));
		cr_assert(b.cap > b.len);
		cr_assert(eq(chr, b.data[b.len], '\0'));
	}
	cr_assert(eq(sz, b.len, n));
	for (i = 0; i < n; i++)
		if (b.data[i] != (char)('a' + i % 26))
			cr_fatal("byte %zu wrong", i);
	pl_buf_free(&b);
}

Test(buf, growth_by_chunks)
{
	struct pl_buf b = PL_BUF_INIT;
	char chunk[5000];
	size_t i, sz, total = 0;

	for (i = 0; i < sizeof(chunk); i++)
		chunk[i] = (char)(i * 7 + 3);
	/* Sizes around the powers of two the buffer may grow by. */
	for (sz = 0; sz < sizeof(chunk); sz = sz * 2 + 1) {
		cr_assert(eq(int, pl_buf_append(&b, chunk, sz), 0));
		total += sz;
		cr_assert(eq(sz, b.len, total));
		cr_assert(eq(int, memcmp(b.data + total - sz, chunk, sz), 0));
		cr_assert(eq(chr, b.data[total], '\0'));
	}
	pl_buf_free(&b);
}

Test(buf, append_large_block)
{
	struct pl_buf b = PL_BUF_INIT;
	size_t n = 3 * 1024 * 1024 + 17;
	char *big = malloc(n);

	cr_assert(not(eq(ptr, big, NULL)));
	memset(big, 'q', n);
	big[n / 2] = '\0';
	cr_assert(eq(int, pl_buf_putc(&b, 'x'), 0));
	cr_assert(eq(int, pl_buf_append(&b, big, n), 0));
	cr_assert(eq(sz, b.len, n + 1));
	cr_assert(eq(int, memcmp(b.data + 1, big, n), 0));
	cr_assert(eq(chr, b.data[n + 1], '\0'));
	free(big);
	pl_buf_free(&b);
}

Test(buf, reserve_keeps_contents)
{
	struct pl_buf b = PL_BUF_INIT;

	cr_assert(eq(int, pl_buf_puts(&b, "hello"), 0));
	cr_assert(eq(int, pl_buf_reserve(&b, 100000), 0));
	cr_assert(b.cap >= 5 + 100000 + 1);
	check_buf(&b, "hello", 5);
	cr_assert(eq(int, pl_buf_reserve(&b, 0), 0));
	check_buf(&b, "hello", 5);
	pl_buf_free(&b);
}

Test(buf, reserve_overflow_fails_cleanly)
{
	struct pl_buf b = PL_BUF_INIT;
	char *data;
	size_t cap;

	/* Sizes that overflow size_t must fail before any allocation. */
	cr_assert(eq(int, pl_buf_reserve(&b, SIZE_MAX), -1));
	cr_assert(eq(sz, b.len, 0));
	cr_assert(eq(int, pl_buf_puts(&b, "keep"), 0));
	data = b.data;
	cap = b.cap;
	cr_assert(eq(int, pl_buf_reserve(&b, SIZE_MAX), -1));
	cr_assert(eq(int, pl_buf_reserve(&b, SIZE_MAX - 2), -1));
	cr_assert(eq(int, pl_buf_append(&b, "x", SIZE_MAX - 1), -1));
	cr_assert(eq(ptr, b.data, data));
	cr_assert(eq(sz, b.cap, cap));
	check_buf(&b, "keep", 4);
	pl_buf_free(&b);
}

Test(buf, printf_basic)
{
	struct pl_buf b = PL_BUF_INIT;

	cr_assert(eq(int, pl_buf_puts(&b, "<"), 0));
	cr_assert(
	    eq(int, pl_buf_printf(&b, "%d-%s-%zu", -42, "x", (size_t)7), 0));
	cr_assert(eq(int, pl_buf_printf(&b, "%s", ""), 0));
	cr_assert(eq(int, pl_buf_putc(&b, '>'), 0));
	check_buf(&b, "<-42-x-7>", 9);
	pl_buf_free(&b);
}

Test(buf, printf_long_output)
{
	struct pl_buf b = PL_BUF_INIT;
	size_t i;

	cr_assert(eq(int, pl_buf_putc(&b, '['), 0));
	cr_assert(eq(int, pl_buf_printf(&b, "%5000d|", 1), 0));
	cr_assert(eq(sz, b.len, 5002));
	cr_assert(eq(chr, b.data[0], '['));
	for (i = 1; i < 5000; i++)
		cr_assert(eq(chr, b.data[i], ' '));
	cr_assert(eq(chr, b.data[5000], '1'));
	cr_assert(eq(chr, b.data[5001], '|'));
	cr_assert(eq(chr, b.data[5002], '\0'));
	pl_buf_free(&b);
}

static int vprintf_wrapper(struct pl_buf *b, const char *fmt, ...)
    PL_PRINTF(2, 3);

static int
vprintf_wrapper(struct pl_buf *b, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = pl_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return r;
}

Test(buf, vprintf)
{
	struct pl_buf b = PL_BUF_INIT;
	int i;

	for (i = 0; i < 1000; i++)
		cr_assert(eq(int, vprintf_wrapper(&b, "%03d,", i), 0));
	cr_assert(eq(sz, b.len, 4000));
	cr_assert(eq(int, memcmp(b.data, "000,001,002,", 12), 0));
	cr_assert(eq(int, memcmp(b.data + 3996, "999,", 4), 0));
	cr_assert(eq(chr, b.data[4000], '\0'));
	pl_buf_free(&b);
}

struct cp_case {
	long cp;
	char utf8[5];
	size_t len;
};

ParameterizedTestParameters(buf, put_cp)
{
	static struct cp_case cases[] = {
	    {0x00, "\0", 1},
	    {0x41, "A", 1},
	    {0x7F, "\x7F", 1},
	    {0x80, "\xC2\x80", 2},
	    {0xE9, "\xC3\xA9", 2},
	    {0x7FF, "\xDF\xBF", 2},
	    {0x800, "\xE0\xA0\x80", 3},
	    {0x20AC, "\xE2\x82\xAC", 3},
	    {0xD7FF, "\xED\x9F\xBF", 3},
	    {0xE000, "\xEE\x80\x80", 3},
	    {0xFFFD, "\xEF\xBF\xBD", 3},
	    {0xFFFF, "\xEF\xBF\xBF", 3},
	    {0x10000, "\xF0\x90\x80\x80", 4},
	    {0x1F600, "\xF0\x9F\x98\x80", 4},
	    {0x10FFFF, "\xF4\x8F\xBF\xBF", 4},
	};

	return cr_make_param_array(struct cp_case, cases,
	                           sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct cp_case *c, buf, put_cp)
{
	struct pl_buf b = PL_BUF_INIT;

	cr_assert(eq(int, pl_buf_putc(&b, '<'), 0));
	cr_assert(eq(int, pl_buf_put_cp(&b, c->cp), 0));
	cr_assert(eq(sz, b.len, c->len + 1), "U+%04lX", c->cp);
	cr_assert(eq(int, memcmp(b.data + 1, c->utf8, c->len), 0), "U+%04lX",
	          c->cp);
	cr_assert(eq(chr, b.data[b.len], '\0'));
	pl_buf_free(&b);
}

Test(buf, reset_keeps_memory)
{
	struct pl_buf b = PL_BUF_INIT;
	struct pl_buf z = PL_BUF_INIT;
	char *data;
	size_t cap;

	pl_buf_reset(&z); /* a zeroed buffer can be reset */
	cr_assert(eq(sz, z.len, 0));
	cr_assert(eq(int, pl_buf_puts(&b, "some text"), 0));
	data = b.data;
	cap = b.cap;
	pl_buf_reset(&b);
	cr_assert(eq(sz, b.len, 0));
	cr_assert(eq(ptr, b.data, data));
	cr_assert(eq(sz, b.cap, cap));
	cr_assert(eq(chr, b.data[0], '\0'));
	cr_assert(eq(int, pl_buf_puts(&b, "xy"), 0));
	check_buf(&b, "xy", 2);
	pl_buf_free(&b);
}

Test(buf, free_is_idempotent)
{
	struct pl_buf b = PL_BUF_INIT;

	pl_buf_free(NULL);
	pl_buf_free(&b); /* never used */
	cr_assert(eq(int, pl_buf_puts(&b, "abc"), 0));
	pl_buf_free(&b);
	cr_assert(eq(ptr, b.data, NULL));
	cr_assert(eq(sz, b.len, 0));
	cr_assert(eq(sz, b.cap, 0));
	pl_buf_free(&b);                                 /* twice */
	cr_assert(eq(int, pl_buf_puts(&b, "again"), 0)); /* reusable */
	check_buf(&b, "again", 5);
	pl_buf_free(&b);
}

Test(buf, steal_gives_data)
{
	struct pl_buf b = PL_BUF_INIT;
	size_t len = 99;
	char *p;

	cr_assert(eq(int, pl_buf_append(&b, "a\0b", 3), 0));
	p = pl_buf_steal(&b, &len);
	cr_assert(not(eq(ptr, p, NULL)));
	cr_assert(eq(sz, len, 3));
	cr_assert(eq(int, memcmp(p, "a\0b", 4), 0)); /* NUL-terminated */
	cr_assert(eq(ptr, b.data, NULL));
	cr_assert(eq(sz, b.len, 0));
	cr_assert(eq(sz, b.cap, 0));
	free(p);
	/* The buffer is usable again. */
	cr_assert(eq(int, pl_buf_puts(&b, "next"), 0));
	check_buf(&b, "next", 4);
	p = pl_buf_steal(&b, NULL); /* len may be NULL */
	cr_assert(eq(str, p, "next"));
	free(p);
}

Test(buf, steal_empty)
{
	struct pl_buf b = PL_BUF_INIT;
	size_t len = 99;
	char *p;

	p = pl_buf_steal(&b, &len);
	cr_assert(eq(sz, len, 0));
	if (p != NULL)
		cr_assert(eq(chr, p[0], '\0'));
	free(p);
	cr_assert(eq(ptr, b.data, NULL));
	cr_assert(eq(sz, b.len, 0));
	/* After a reset the data is empty but allocated. */
	cr_assert(eq(int, pl_buf_puts(&b, "x"), 0));
	pl_buf_reset(&b);
	p = pl_buf_steal(&b, &len);
	cr_assert(eq(sz, len, 0));
	cr_assert(not(eq(ptr, p, NULL)));
	cr_assert(eq(chr, p[0], '\0'));
	free(p);
}
