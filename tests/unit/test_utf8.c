/*
 * test_utf8.c - Criterion tests for common/utf8.c and common/ascii.h:
 * decoding and repair of invalid UTF-8 by maximal subparts (Unicode 15
 * section 3.9, the W3C/Python "replace" behaviour), counts, NFC, NFKC and
 * case folding (with NUL bytes inside), grapheme walking over emoji ZWJ
 * sequences, flags and combining marks, character classes, and the
 * locale-free ASCII helpers.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include "new_assert.h"
#include <criterion/parameterized.h>

#include "ascii.h"
#include "buf.h"
#include "utf8.h"

#define FFFD "\xEF\xBF\xBD"

/* Assert that b holds exactly the n bytes of want. */
static void
check_bytes(const struct pl_buf *b, const char *want, size_t n,
            const char *what)
{
	cr_assert(eq(sz, b->len, n), "%s: length", what);
	if (n > 0)
		cr_assert(eq(int, memcmp(b->data, want, n), 0), "%s: bytes",
		          what);
}

/* Decoding one character. */

struct dec_case {
	char in[8];
	size_t inlen;
	size_t want_n;   /* bytes consumed */
	int32_t want_cp; /* -1 = invalid */
};

ParameterizedTestParameters(utf8, decode)
{
	static struct dec_case cases[] = {
	    {"A", 1, 1, 0x41},
	    {"\0", 1, 1, 0},
	    {"\x7F", 1, 1, 0x7F},
	    {"\xC2\x80", 2, 2, 0x80},
	    {"\xC3\xA9z", 3, 2, 0xE9},
	    {"\xDF\xBF", 2, 2, 0x7FF},
	    {"\xE0\xA0\x80", 3, 3, 0x800},
	    {"\xE2\x82\xAC", 3, 3, 0x20AC},
	    {"\xED\x9F\xBF", 3, 3, 0xD7FF},
	    {"\xEE\x80\x80", 3, 3, 0xE000},
	    {"\xEF\xBF\xBF", 3, 3, 0xFFFF},
	    {"\xF0\x90\x80\x80", 4, 4, 0x10000},
	    {"\xF0\x9F\x98\x80", 4, 4, 0x1F600},
	    {"\xF4\x8F\xBF\xBF", 4, 4, 0x10FFFF},
	    /* invalid: the return value is the maximal subpart */
	    {"\x80", 1, 1, -1},
	    {"\xBF\x80", 2, 1, -1},
	    {"\xC0\xAF", 2, 1, -1},
	    {"\xC1\xBF", 2, 1, -1},
	    {"\xC2", 1, 1, -1},
	    {"\xC2"
	     "A",
	     2, 1, -1},
	    {"\xE2\x82", 2, 2, -1},
	    {"\xE2\x82"
	     "A",
	     3, 2, -1},
	    {"\xE2\x82\xAC", 2, 2, -1}, /* len cuts the character */
	    {"\xE0\x80\x80", 3, 1, -1},
	    {"\xE0\xA0", 2, 2, -1},
	    {"\xED\xA0\x80", 3, 1, -1}, /* surrogate */
	    {"\xED\xBF\xBF", 3, 1, -1},
	    {"\xF0\x80\x80\x80", 4, 1, -1},
	    {"\xF0\x9F\x98", 3, 3, -1},
	    {"\xF0\x9F", 2, 2, -1},
	    {"\xF0\x9F\x98"
	     "A",
	     4, 3, -1},
	    {"\xF4\x90\x80\x80", 4, 1, -1},
	    {"\xF5\x80\x80\x80", 4, 1, -1},
	    {"\xF8\x88\x80\x80", 4, 1, -1},
	    {"\xFE", 1, 1, -1},
	    {"\xFF\xFF", 2, 1, -1},
	};

	return cr_make_param_array(struct dec_case, cases,
	                           sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct dec_case *c, utf8, decode)
{
	int32_t cp = 12345;
	size_t n;
	char *copy = malloc(c->inlen); /* exact size: catches over-reads */

	cr_assert(not(eq(ptr, copy, NULL)));
	memcpy(copy, c->in, c->inlen);
	n = pl_utf8_decode(copy, c->inlen, &cp);
	free(copy);
	cr_expect(eq(sz, n, c->want_n), "input byte 0x%02X len %zu",
	          (unsigned char)c->in[0], c->inlen);
	cr_expect(eq(i32, cp, c->want_cp), "input byte 0x%02X len %zu",
	          (unsigned char)c->in[0], c->inlen);
}

/* Repair: every maximal subpart becomes one U+FFFD. */

struct rep_case {
	char in[32];
	size_t inlen;
	char out[64];
	size_t outlen;
	size_t nrepl;
	size_t ncp;
};

#define R(in, out, n, cp)                                                      \
	{                                                                      \
		in, sizeof(in) - 1, out, sizeof(out) - 1, n, cp                \
	}

ParameterizedTestParameters(utf8, repair)
{
	static struct rep_case cases[] = {
	    R("", "", 0, 0),
	    R("plain ascii", "plain ascii", 0, 11),
	    R("a\0b", "a\0b", 0, 3),
	    R("h\xC3\xA9llo", "h\xC3\xA9llo", 0, 5),
	    R("\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80", 0, 1),
	    R("\xEF\xBF\xBF\xEF\xBF\xBE", "\xEF\xBF\xBF\xEF\xBF\xBE", 0, 2),
	    R("\xE2\x82", FFFD, 1, 1),
	    R("\xC0\xAF", FFFD FFFD, 2, 2),
	    R("\xED\xA0\x80", FFFD FFFD FFFD, 3, 3),
	    R("\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD, 4, 4),
	    R("\xE0\x80\x80", FFFD FFFD FFFD, 3, 3),
	    R("\xF8\x88\x80\x80\x80", FFFD FFFD FFFD FFFD FFFD, 5, 5),
	    R("\x80\xBF", FFFD FFFD, 2, 2),
	    R("\xFE\xFF", FFFD FFFD, 2, 2),
	    R("a\xF0\x9F\x98", "a" FFFD, 1, 2), /* truncated at end */
	    R("a\xF0\x9F", "a" FFFD, 1, 2),
	    R("a\xC3", "a" FFFD, 1, 2),
	    R("\xE2\x82"
	      "A",
	      FFFD "A", 1, 2),
	    R("\xF1\x80\x80"
	      "A",
	      FFFD "A", 1, 2),
	    R("\xE2\x82\xE2\x82\xAC", FFFD "\xE2\x82\xAC", 1, 2),
	    R("\xC3\xC3\xA9", FFFD "\xC3\xA9", 1, 2),
	    /* Unicode 15, Table 3-8 */
	    R("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64",
	      "a" FFFD FFFD FFFD "b" FFFD "c" FFFD FFFD "d", 6, 10),
	    R("\0\xFF\0", "\0" FFFD "\0", 1, 3),
	};

	return cr_make_param_array(struct rep_case, cases,
	                           sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct rep_case *c, utf8, repair)
{
	struct pl_buf b = PL_BUF_INIT;
	size_t nrepl = 999;
	char *copy = malloc(c->inlen + 1);

	cr_assert(not(eq(ptr, copy, NULL)));
	memcpy(copy, c->in, c->inlen);
	cr_assert(eq(int, pl_utf8_repair(copy, c->inlen, &b, &nrepl), 0));
	check_bytes(&b, c->out, c->outlen, "repair");
	cr_expect(eq(sz, nrepl, c->nrepl), "replacements");
	cr_expect(eq(sz, pl_utf8_count_invalid(copy, c->inlen), c->nrepl),
	          "count_invalid");
	cr_expect(eq(sz, pl_utf8_count_cp(copy, c->inlen), c->ncp), "count_cp");
	/* The repaired text is valid and has the same code point count. */
	cr_expect(eq(sz, pl_utf8_count_invalid(b.data, b.len), 0));
	cr_expect(eq(sz, pl_utf8_count_cp(b.data, b.len), c->ncp));
	/* and its end maps back to the end of the bytes it came from */
	{
		struct pl_utf8_unrepair u = PL_UTF8_UNREPAIR_INIT;

		pl_utf8_unrepair_reset(&u, copy, c->inlen);
		cr_expect(eq(sz, pl_utf8_unrepair_at(&u, b.len), c->inlen),
		          "unrepair");
		pl_utf8_unrepair_free(&u);
	}
	free(copy);
	pl_buf_free(&b);
}

/*
 * Offsets in repaired text map back to the bytes it was repaired from,
 * so that text output can pass the input's bytes through: each U+FFFD to
 * its maximal invalid subpart (one to three bytes), the rest one to one.
 */
Test(utf8, unrepair_maps_offsets_back)
{
	/* Unicode 15, Table 3-8, as in the repair cases above */
	static const char raw[] =
	    "\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64";
	static const size_t text_off[] = {0,  1,  4,  7,  10, 11,
	                                  14, 15, 18, 21, 22};
	static const size_t raw_off[] = {0, 1, 4, 6, 7, 8, 9, 10, 11, 12, 13};
	struct pl_utf8_unrepair u = PL_UTF8_UNREPAIR_INIT;
	size_t i, n = sizeof(text_off) / sizeof(text_off[0]);

	pl_utf8_unrepair_reset(&u, raw, sizeof(raw) - 1);
	for (i = 0; i < n; i++)
		cr_expect(eq(sz, pl_utf8_unrepair_at(&u, text_off[i]),
		             raw_off[i]),
		          "text offset %zu", text_off[i]);
	/* and backwards */
	for (i = n; i-- > 0;)
		cr_expect(eq(sz, pl_utf8_unrepair_at(&u, text_off[i]),
		             raw_off[i]),
		          "back to text offset %zu", text_off[i]);
	/* valid text maps one to one, a real U+FFFD included */
	pl_utf8_unrepair_reset(&u, "x" FFFD "y", 5);
	cr_expect(eq(sz, pl_utf8_unrepair_at(&u, 4), 4));
	pl_utf8_unrepair_free(&u);
}

/*
 * Over many steps of the map's marks, in any order: every character
 * boundary of the repaired text maps to where its character came from.
 */
Test(utf8, unrepair_long_text_any_order)
{
	struct pl_buf raw = PL_BUF_INIT, text = PL_BUF_INIT;
	struct pl_utf8_unrepair u = PL_UTF8_UNREPAIR_INIT;
	size_t *want, i, n = 0, t = 0, r = 0, k;
	unsigned x = 12345;

	/* ASCII, a valid 2- and 3-byte letter, invalid subparts of 1-3 */
	static const char *const piece[] = {"abc ", "\xC3\xA9", "\xE2\x82\xAC",
	                                    "\xFF", "\xE2\x82", "\xF1\x80\x80"};
	static const size_t plen[] = {4, 2, 3, 1, 2, 3}, tlen[] = {4, 2, 3,
	                                                          3, 3, 3};

	want = calloc(60001, 2 * sizeof(*want));
	cr_assert(not(eq(ptr, want, NULL)));
	for (i = 0; i < 60000; i++) {
		x = x * 1103515245u + 12345u;
		k = (x >> 16) % 6;
		want[2 * n] = t;
		want[2 * n + 1] = r;
		n++;
		cr_assert(eq(int, pl_buf_append(&raw, piece[k], plen[k]), 0));
		t += tlen[k];
		r += plen[k];
	}
	want[2 * n] = t;
	want[2 * n + 1] = r;
	n++;
	cr_assert(eq(int, pl_utf8_repair(raw.data, raw.len, &text, NULL), 0));
	cr_assert(eq(sz, text.len, t));
	pl_utf8_unrepair_reset(&u, raw.data, raw.len);
	for (i = 0; i < n; i++)
		cr_assert(eq(sz, pl_utf8_unrepair_at(&u, want[2 * i]),
		             want[2 * i + 1]));
	for (i = 0; i < 5000; i++) {
		x = x * 1103515245u + 12345u;
		k = (x >> 8) % n;
		cr_assert(eq(sz, pl_utf8_unrepair_at(&u, want[2 * k]),
		             want[2 * k + 1]),
		          "text offset %zu", want[2 * k]);
	}
	/* reset keeps the memory and starts over */
	pl_utf8_unrepair_reset(&u, raw.data, raw.len);
	cr_expect(eq(sz, pl_utf8_unrepair_at(&u, want[2 * (n - 1)]), r));
	pl_utf8_unrepair_free(&u);
	free(want);
	pl_buf_free(&raw);
	pl_buf_free(&text);
}

Test(utf8, repair_appends_and_nrepl_optional)
{
	struct pl_buf b = PL_BUF_INIT;

	cr_assert(eq(int, pl_buf_puts(&b, "pre:"), 0));
	cr_assert(eq(int, pl_utf8_repair("x\xFFy", 3, &b, NULL), 0));
	check_bytes(&b, "pre:x" FFFD "y", 4 + 1 + 3 + 1, "append");
	pl_buf_free(&b);
}

/* Every single byte and every pair of bytes: no crash, consistent counts. */
Test(utf8, exhaustive_short_inputs)
{
	struct pl_buf b = PL_BUF_INIT;
	unsigned char s[3];
	size_t nrepl, n;
	int32_t cp;
	unsigned i, j;

	for (i = 0; i < 256; i++) {
		for (j = 0; j < 256; j++) {
			s[0] = (unsigned char)i;
			s[1] = (unsigned char)j;
			pl_buf_reset(&b);
			cr_assert(eq(
			    int, pl_utf8_repair((char *)s, 2, &b, &nrepl), 0));
			cr_assert(
			    eq(sz, pl_utf8_count_invalid((char *)s, 2), nrepl));
			cr_assert(
			    eq(sz, pl_utf8_count_invalid(b.data, b.len), 0));
			n = pl_utf8_decode((char *)s, 2, &cp);
			cr_assert(n >= 1 && n <= 2, "%02X %02X", i, j);
			n = pl_utf8_count_cp((char *)s, 2);
			cr_assert(n >= 1 && n <= 2);
		}
		n = pl_utf8_decode((char *)s, 1, &cp);
		cr_assert(eq(sz, n, 1));
		if (i < 0x80)
			cr_assert(eq(i32, cp, (int32_t)i));
		else
			cr_assert(eq(i32, cp, -1));
	}
	pl_buf_free(&b);
}

/*
 * count_invalid, repair and valid_len judge validity by Table 3-7
 * without decoding;
 * pl_utf8_decode asks utf8proc.  They must agree on every string of up
 * to four bytes over the bytes where the table changes, and the code
 * point count of valid text must not depend on decoding either.
 */
Test(utf8, validity_agrees_with_decoding)
{
	static const unsigned char alpha[] = {
	    0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
	    0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
	    0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
	const size_t na = sizeof(alpha);
	struct pl_buf b = PL_BUF_INIT, want = PL_BUF_INIT;
	unsigned char s[4];
	size_t len, idx, total, k, i, n, bad, nrepl;
	int32_t cp;

	for (len = 1; len <= 4; len++) {
		total = 1;
		for (k = 0; k < len; k++)
			total *= na;
		for (idx = 0; idx < total; idx++) {
			size_t v = idx;

			for (k = 0; k < len; k++, v /= na)
				s[k] = alpha[v % na];
			/* the reference: utf8proc's answer, sequence by
			 * sequence */
			pl_buf_reset(&want);
			for (i = 0, bad = 0; i < len; i += n) {
				n = pl_utf8_decode((char *)s + i, len - i, &cp);
				if (cp < 0) {
					bad++;
					pl_buf_put_cp(&want, PL_REPLACEMENT);
				} else
					pl_buf_append(&want, (char *)s + i, n);
			}
			cr_assert(eq(sz, pl_utf8_count_invalid((char *)s, len),
			             bad));
			if (s[0] >= 0x80) {
				n = pl_utf8_decode((char *)s, len, &cp);
				cr_assert(eq(sz, pl_utf8_valid_len((char *)s, len),
				             cp >= 0 ? n : 0));
			}
			pl_buf_reset(&b);
			cr_assert(eq(int,
			             pl_utf8_repair((char *)s, len, &b, &nrepl),
			             0));
			cr_assert(eq(sz, nrepl, bad));
			cr_assert(b.len == want.len &&
			          memcmp(b.data, want.data, b.len) == 0);
			cr_assert(eq(sz, pl_utf8_count_cp_valid(b.data, b.len),
			             pl_utf8_count_cp(b.data, b.len)));
		}
	}
	pl_buf_free(&b);
	pl_buf_free(&want);
}

/* Decoding every scalar value round-trips with pl_buf_put_cp. */
Test(utf8, decode_all_scalars)
{
	struct pl_buf b = PL_BUF_INIT;
	int32_t cp, got;
	size_t n;

	for (cp = 0; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		pl_buf_reset(&b);
		cr_assert(eq(int, pl_buf_put_cp(&b, cp), 0));
		n = pl_utf8_decode(b.data, b.len, &got);
		if (n != b.len || got != cp)
			cr_fatal("U+%04X decoded as %d (%zu bytes)",
			         (unsigned)cp, (int)got, n);
	}
	pl_buf_free(&b);
}

Test(utf8, count_cp_long_text)
{
	struct pl_buf b = PL_BUF_INIT;
	size_t i;

	for (i = 0; i < 10000; i++)
		cr_assert(eq(int,
		             pl_buf_puts(&b, "a\xC3\xA9\xE2\x82\xAC"
		                             "\xF0\x9F\x98\x80\xFF"),
		             0));
	cr_assert(eq(sz, pl_utf8_count_cp(b.data, b.len), 50000));
	cr_assert(eq(sz, pl_utf8_count_invalid(b.data, b.len), 10000));
	pl_buf_free(&b);
}

/* Normalisation */

struct norm_case {
	char in[48];
	size_t inlen;
	int flags;
	char out[48];
	size_t outlen;
};

#define N(in, fl, out)                                                         \
	{                                                                      \
		in, sizeof(in) - 1, fl, out, sizeof(out) - 1                   \
	}

ParameterizedTestParameters(utf8, normalize)
{
	static struct norm_case cases[] = {
	    N("", PL_NORM_NFC, ""),
	    N("", PL_NORM_CASEFOLD, ""),
	    N("abc", PL_NORM_NFC, "abc"),
	    N("ABC xyz", PL_NORM_CASEFOLD, "abc xyz"),
	    N("e\xCC\x81", PL_NORM_NFC, "\xC3\xA9"),
	    N("\xC3\xA9", PL_NORM_NFC, "\xC3\xA9"),
	    N("A\xCC\x8A"
	      "ngstro\xCC\x88m",
	      PL_NORM_NFC, "\xC3\x85ngstr\xC3\xB6m"),
	    N("\xE1\x84\x80\xE1\x85\xA1", PL_NORM_NFC, "\xEA\xB0\x80"),
	    /* U+FB01 LATIN SMALL LIGATURE FI */
	    N("\xEF\xAC\x81", PL_NORM_NFC, "\xEF\xAC\x81"),
	    N("\xEF\xAC\x81", PL_NORM_NFKC, "fi"),
	    N("\xE2\x91\xA0", PL_NORM_NFKC, "1"), /* circled 1 */
	    N("\xEF\xBC\xA1", PL_NORM_NFKC, "A"), /* fullwidth A */
	    N("\xEF\xBC\xA1", PL_NORM_NFC, "\xEF\xBC\xA1"),
	    N("Stra\xC3\x9F"
	      "e",
	      PL_NORM_CASEFOLD, "strasse"),
	    N("Stra\xC3\x9F"
	      "e",
	      PL_NORM_NFC | PL_NORM_CASEFOLD, "strasse"),
	    N("\xC3\x89"
	      "COLE",
	      PL_NORM_NFC | PL_NORM_CASEFOLD,
	      "\xC3\xA9"
	      "cole"),
	    N("E\xCC\x81"
	      "COLE",
	      PL_NORM_NFC | PL_NORM_CASEFOLD,
	      "\xC3\xA9"
	      "cole"),
	    N("\xCE\xA3\xCE\x91\xCE\xA3", PL_NORM_CASEFOLD,
	      "\xCF\x83\xCE\xB1\xCF\x83"),
	    N("\xEF\xBC\xB3\xEF\xBD\x94\xEF\xBD\x92\xEF\xBD\x81\xC3\x9F"
	      "\xEF\xBD\x85",
	      PL_NORM_NFKC | PL_NORM_CASEFOLD, "strasse"),
	    N("e\xCC\x81", PL_NORM_NFC | PL_NORM_STRIP_MARKS, "e"),
	    N("\xC3\x85ngstr\xC3\xB6m", PL_NORM_NFC | PL_NORM_STRIP_MARKS,
	      "Angstrom"),
	    /* NUL bytes inside are kept, in both code paths */
	    N("A\0B", PL_NORM_CASEFOLD, "a\0b"),
	    N("a\0b", PL_NORM_NFC, "a\0b"),
	    N("e\xCC\x81\0e\xCC\x81", PL_NORM_NFC, "\xC3\xA9\0\xC3\xA9"),
	    N("\0\xC3\x89\0", PL_NORM_NFC | PL_NORM_CASEFOLD, "\0\xC3\xA9\0"),
	    /* invalid bytes are repaired first */
	    N("\xFF", PL_NORM_NFC, FFFD),
	    N("A\xC0\xAF"
	      "B",
	      PL_NORM_NFC | PL_NORM_CASEFOLD, "a" FFFD FFFD "b"),
	    N("e\xE2\x82"
	      "e\xCC\x81",
	      PL_NORM_NFC, "e" FFFD "\xC3\xA9"),
	};

	return cr_make_param_array(struct norm_case, cases,
	                           sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct norm_case *c, utf8, normalize)
{
	struct pl_buf b = PL_BUF_INIT;
	char *copy = malloc(c->inlen + 1);

	cr_assert(not(eq(ptr, copy, NULL)));
	memcpy(copy, c->in, c->inlen);
	cr_assert(eq(int, pl_utf8_normalize(copy, c->inlen, c->flags, &b), 0));
	cr_expect(eq(sz, b.len, c->outlen), "flags %d", c->flags);
	cr_expect(eq(int,
	             memcmp(b.data != NULL ? b.data : "", c->out,
	                    b.len < c->outlen ? b.len : c->outlen),
	             0),
	          "flags %d", c->flags);
	free(copy);
	pl_buf_free(&b);
}

Test(utf8, normalize_appends)
{
	struct pl_buf b = PL_BUF_INIT;

	cr_assert(eq(int, pl_buf_puts(&b, "x:"), 0));
	cr_assert(
	    eq(int, pl_utf8_normalize("e\xCC\x81", 3, PL_NORM_NFC, &b), 0));
	cr_assert(eq(int, pl_utf8_normalize("AB", 2, PL_NORM_CASEFOLD, &b), 0));
	check_bytes(&b,
	            "x:\xC3\xA9"
	            "ab",
	            6, "append");
	pl_buf_free(&b);
}

Test(utf8, normalize_long_text)
{
	struct pl_buf in = PL_BUF_INIT, out = PL_BUF_INIT;
	size_t i;

	for (i = 0; i < 20000; i++)
		cr_assert(eq(int, pl_buf_puts(&in, "E\xCC\x81t\xC3\xA9 "), 0));
	cr_assert(eq(int,
	             pl_utf8_normalize(in.data, in.len,
	                               PL_NORM_NFC | PL_NORM_CASEFOLD, &out),
	             0));
	cr_assert(eq(sz, out.len, 20000 * 6));
	for (i = 0; i < 20000; i++)
		if (memcmp(out.data + 6 * i, "\xC3\xA9t\xC3\xA9 ", 6) != 0)
			cr_fatal("chunk %zu differs", i);
	pl_buf_free(&in);
	pl_buf_free(&out);
}

/* Grapheme walking */

/* Return the cluster lengths of s, joined as "n,n,n". */
static void
clusters(const char *s, size_t len, char *out, size_t outsz)
{
	size_t pos = 0, next, used = 0;

	out[0] = '\0';
	while (pos < len) {
		next = pl_utf8_next_grapheme(s, len, pos);
		cr_assert(next > pos && next <= len, "no progress at %zu", pos);
		used += (size_t)snprintf(out + used, outsz - used, "%s%zu",
		                         used ? "," : "", next - pos);
		cr_assert(used < outsz);
		pos = next;
	}
}

struct gr_case {
	char in[48];
	size_t inlen;
	char want[48];
};

#define G(in, want)                                                            \
	{                                                                      \
		in, sizeof(in) - 1, want                                       \
	}

ParameterizedTestParameters(utf8, graphemes)
{
	static struct gr_case cases[] = {
	    G("abc", "1,1,1"),
	    G("a\0b", "1,1,1"),
	    G("e\xCC\x81x", "3,1"),
	    G("e\xCC\x81\xCC\xA3x", "5,1"), /* two marks */
	    G("\xCC\x81"
	      "a",
	      "2,1"), /* mark at start */
	    G("\r\n", "2"),
	    G("\r\r\n\n", "1,2,1"),
	    /* man ZWJ woman ZWJ girl */
	    G("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D"
	      "\xF0\x9F\x91\xA7",
	      "18"),
	    G("a\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D"
	      "\xF0\x9F\x91\xA7"
	      "b",
	      "1,18,1"),
	    /* thumbs up + skin tone */
	    G("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", "8"),
	    /* flags: FR then DE, regional indicators pair up */
	    G("\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7\xF0\x9F\x87\xA9\xF0\x9F"
	      "\x87\xAA",
	      "8,8"),
	    G("\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7\xF0\x9F\x87\xA9", "8,4"),
	    /* Hangul L V T */
	    G("\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8", "9"),
	    /* keycap 1 */
	    G("1\xEF\xB8\x8F\xE2\x83\xA3", "7"),
	    /* invalid bytes are clusters of their own */
	    G("\xFF"
	      "a",
	      "1,1"),
	    G("e\xFF", "1,1"),
	    G("\xE2\x82"
	      "a",
	      "2,1"),
	    G("a\xCC\x81\xFF\xCC\x81", "3,1,2"),
	    G("\xF0\x9F\x98", "3"),
	};

	return cr_make_param_array(struct gr_case, cases,
	                           sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct gr_case *c, utf8, graphemes)
{
	char got[128];
	char *copy = malloc(c->inlen);

	cr_assert(not(eq(ptr, copy, NULL)));
	memcpy(copy, c->in, c->inlen);
	clusters(copy, c->inlen, got, sizeof(got));
	free(copy);
	cr_expect(eq(str, got, c->want));
}

Test(utf8, grapheme_from_middle)
{
	static const char s[] = "ae\xCC\x81z";

	cr_assert(eq(sz, pl_utf8_next_grapheme(s, 5, 1), 4));
	cr_assert(eq(sz, pl_utf8_next_grapheme(s, 5, 4), 5));
	cr_assert(eq(sz, pl_utf8_next_grapheme(s, 5, 0), 1));
}

/* Character classes */

Test(utf8, classes)
{
	cr_expect(pl_uc_is_letter('a'));
	cr_expect(pl_uc_is_letter(0x4E2D)); /* CJK */
	cr_expect(pl_uc_is_letter(0x05D0)); /* Hebrew alef */
	cr_expect(not(pl_uc_is_letter('1')));
	cr_expect(not(pl_uc_is_letter(0x301)));
	cr_expect(pl_uc_is_upper('A'));
	cr_expect(pl_uc_is_upper(0xC9));
	cr_expect(pl_uc_is_upper(0x01C5)); /* Lt */
	cr_expect(not(pl_uc_is_upper('a')));
	cr_expect(pl_uc_is_lower('a'));
	cr_expect(pl_uc_is_lower(0xDF));
	cr_expect(not(pl_uc_is_lower('A')));
	cr_expect(pl_uc_is_digit('7'));
	cr_expect(pl_uc_is_digit(0x0663)); /* Arabic-Indic 3 */
	cr_expect(not(pl_uc_is_digit(0xBD)));
	cr_expect(pl_uc_is_number(0xBD));   /* 1/2, No */
	cr_expect(pl_uc_is_number(0x2160)); /* Roman I, Nl */
	cr_expect(pl_uc_is_number('0'));
	cr_expect(not(pl_uc_is_number('x')));
	cr_expect(pl_uc_is_punct('.'));
	cr_expect(pl_uc_is_punct('-'));
	cr_expect(pl_uc_is_punct(0x201C)); /* left quote */
	cr_expect(pl_uc_is_punct(0x3002)); /* ideographic stop */
	cr_expect(pl_uc_is_punct(0xBF));   /* inverted ? */
	cr_expect(not(pl_uc_is_punct('$')));
	cr_expect(pl_uc_is_symbol('$'));
	cr_expect(pl_uc_is_symbol('+'));
	cr_expect(pl_uc_is_symbol(0x20AC));
	cr_expect(pl_uc_is_symbol(0x1F600));
	cr_expect(not(pl_uc_is_symbol('a')));
	cr_expect(pl_uc_is_mark(0x301));
	cr_expect(pl_uc_is_mark(0x20E3)); /* Me */
	cr_expect(not(pl_uc_is_mark('a')));
	cr_expect(pl_uc_is_space(' '));
	cr_expect(pl_uc_is_space('\t'));
	cr_expect(pl_uc_is_space('\n'));
	cr_expect(pl_uc_is_space('\r'));
	cr_expect(pl_uc_is_space(0x85));
	cr_expect(pl_uc_is_space(0xA0));
	cr_expect(pl_uc_is_space(0x2028));
	cr_expect(pl_uc_is_space(0x3000));
	cr_expect(not(pl_uc_is_space(0x200B))); /* ZWSP is Cf */
	cr_expect(not(pl_uc_is_space('x')));
	cr_expect(not(pl_uc_is_space(0)));
	cr_expect(pl_uc_is_alnum('a'));
	cr_expect(pl_uc_is_alnum('5'));
	cr_expect(pl_uc_is_alnum(0x301));
	cr_expect(not(pl_uc_is_alnum('.')));
	cr_expect(not(pl_uc_is_alnum(' ')));
	cr_expect(pl_uc_is_cjk(0x4E2D));
	cr_expect(pl_uc_is_cjk(0x3042)); /* hiragana a */
	cr_expect(pl_uc_is_cjk(0x30A2)); /* katakana a */
	cr_expect(pl_uc_is_cjk(0xAC00)); /* hangul ga */
	cr_expect(pl_uc_is_cjk(0x3002));
	cr_expect(pl_uc_is_cjk(0x20000));
	cr_expect(not(pl_uc_is_cjk('A')));
	cr_expect(not(pl_uc_is_cjk(0xE9)));
}

Test(utf8, classes_out_of_range)
{
	int32_t bad[] = {-1, -100, 0x110000, 0x7FFFFFFF};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cr_expect(not(pl_uc_is_letter(bad[i])));
		cr_expect(not(pl_uc_is_upper(bad[i])));
		cr_expect(not(pl_uc_is_lower(bad[i])));
		cr_expect(not(pl_uc_is_digit(bad[i])));
		cr_expect(not(pl_uc_is_number(bad[i])));
		cr_expect(not(pl_uc_is_punct(bad[i])));
		cr_expect(not(pl_uc_is_symbol(bad[i])));
		cr_expect(not(pl_uc_is_mark(bad[i])));
		cr_expect(not(pl_uc_is_space(bad[i])));
		cr_expect(not(pl_uc_is_alnum(bad[i])));
		cr_expect(not(pl_uc_is_cjk(bad[i])));
		cr_expect(eq(i32, pl_uc_tolower(bad[i]), bad[i]));
		cr_expect(eq(i32, pl_uc_toupper(bad[i]), bad[i]));
		(void)pl_uc_width(bad[i]);
	}
	/* Surrogate code points are no letters either. */
	cr_expect(not(pl_uc_is_letter(0xD800)));
}

Test(utf8, case_mapping_and_width)
{
	cr_expect(eq(i32, pl_uc_tolower('A'), 'a'));
	cr_expect(eq(i32, pl_uc_tolower('a'), 'a'));
	cr_expect(eq(i32, pl_uc_tolower(0xC9), 0xE9));
	cr_expect(eq(i32, pl_uc_tolower(0x3A3), 0x3C3));
	cr_expect(eq(i32, pl_uc_toupper(0x3C3), 0x3A3));
	cr_expect(eq(i32, pl_uc_toupper(0x3C2), 0x3A3));
	cr_expect(eq(i32, pl_uc_toupper('z'), 'Z'));
	cr_expect(eq(i32, pl_uc_toupper('1'), '1'));
	cr_expect(eq(int, pl_uc_width('a'), 1));
	cr_expect(eq(int, pl_uc_width(0x4E2D), 2));
	cr_expect(eq(int, pl_uc_width(0x301), 0));
	cr_expect(eq(int, pl_uc_width(0x1F600), 2));
}

Test(utf8, library_version)
{
	const char *v = pl_utf8_library_version();

	cr_assert(not(eq(ptr, (void *)v, NULL)));
	cr_assert(eq(chr, v[0], '2'));
	cr_assert(eq(chr, v[1], '.'));
}

/* ASCII helpers: compare against explicit ranges for every byte value. */
Test(utf8, ascii_helpers)
{
	int c;

	for (c = -1; c < 256; c++) {
		int digit = c >= '0' && c <= '9';
		int upper = c >= 'A' && c <= 'Z';
		int lower = c >= 'a' && c <= 'z';
		int space = c == ' ' || (c >= 9 && c <= 13);

		cr_assert(eq(int, !!pl_ascii_isdigit(c), digit), "c=%d", c);
		cr_assert(eq(int, !!pl_ascii_isupper(c), upper), "c=%d", c);
		cr_assert(eq(int, !!pl_ascii_islower(c), lower), "c=%d", c);
		cr_assert(eq(int, !!pl_ascii_isalpha(c), upper || lower));
		cr_assert(
		    eq(int, !!pl_ascii_isalnum(c), upper || lower || digit));
		cr_assert(eq(int, !!pl_ascii_isspace(c), space), "c=%d", c);
		cr_assert(eq(int, pl_ascii_tolower(c), upper ? c + 32 : c));
		cr_assert(eq(int, pl_ascii_toupper(c), lower ? c - 32 : c));
	}
	/* No-break space and NEL are not ASCII space, whatever the locale. */
	cr_assert(not(pl_ascii_isspace(0xA0)));
	cr_assert(not(pl_ascii_isspace(0x85)));
	cr_assert(not(pl_ascii_isalpha(0xE9)));
	cr_assert(eq(int, pl_ascii_casecmp("HeLLo", "hello", 5), 0));
	cr_assert(eq(int, pl_ascii_casecmp("a\0B", "a\0b", 3), 0));
	cr_assert(lt(int, pl_ascii_casecmp("abc", "ABD", 3), 0));
	cr_assert(gt(int, pl_ascii_casecmp("abd", "ABC", 3), 0));
	cr_assert(eq(int, pl_ascii_casecmp("abc", "xyz", 0), 0));
	cr_assert(not(eq(int, pl_ascii_casecmp("\xC9", "\xE9", 1), 0)));
}
