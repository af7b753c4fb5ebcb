/*
 * utf8.c - UTF-8 decoding, repair and Unicode classes through utf8proc.
 *
 * Notes on invalid UTF-8 (the policy every tool follows):
 *
 *  - A byte sequence that is not well-formed UTF-8 (Unicode Table 3-7)
 *    is split into "maximal subparts": the longest prefix that could
 *    still start a well-formed sequence, or one byte.  "\xE2\x82" is one
 *    bad character, "\xC0\xAF" two, "\xED\xA0\x80" (a surrogate) three.
 *    This is the W3C/WHATWG and Python "replace" behaviour, so offsets we
 *    print agree with what a Python or jq user computes on the repaired
 *    text.
 *  - By default each maximal subpart becomes one U+FFFD in JSON output,
 *    and is counted for --stats; text-mode pass-through keeps the bytes.
 *  - --strict-utf8 makes a tool reject the record instead.
 *  - NUL bytes are valid UTF-8 (U+0000) and are kept.
 *
 * utf8proc_iterate() decodes the well-formed sequences; it only says
 * "invalid", so the maximal subpart length is worked out here.
 *
 * SPDX-License-Identifier: MIT
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "swar.h"
#include "utf8.h"

/*
 * Table 3-7 of the Unicode Standard: the continuation bytes a lead byte c
 * needs, and the range allowed for the first of them; 0 when c cannot
 * start a well-formed sequence.
 */
static inline size_t
lead_needs(unsigned c, unsigned *lo, unsigned *hi)
{
	*lo = 0x80;
	*hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF)
		return 1;
	if (c == 0xE0) {
		*lo = 0xA0;
		return 2;
	}
	if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
		return 2;
	if (c == 0xED) {
		*hi = 0x9F;
		return 2;
	}
	if (c == 0xF0) {
		*lo = 0x90;
		return 3;
	}
	if (c >= 0xF1 && c <= 0xF3)
		return 3;
	if (c == 0xF4) {
		*hi = 0x8F;
		return 3;
	}
	return 0;
}

/* Length of the well-formed sequence at s[0] (>= 0x80), or 0. */
static inline size_t
well_formed(const unsigned char *s, size_t len)
{
	unsigned lo, hi;
	size_t need = lead_needs(s[0], &lo, &hi), i;

	if (need == 0 || need >= len || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i <= need; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return need + 1;
}

size_t
pl_utf8_valid_len(const char *s, size_t len)
{
	return len > 0 ? well_formed((const unsigned char *)s, len) : 0;
}

/* Length of the maximal subpart starting at s[0], known to be invalid. */
static size_t
maximal_subpart(const unsigned char *s, size_t len)
{
	unsigned lo, hi;
	size_t need = lead_needs(s[0], &lo, &hi), i;

	if (need == 0)
		return 1;
	i = 1;
	if (i < len && s[i] >= lo && s[i] <= hi) {
		i++;
		while (i <= need && i < len && s[i] >= 0x80 && s[i] <= 0xBF)
			i++;
	}
	if (i > need) /* cannot happen: well_formed() took those */
		i = need;
	return i;
}

size_t
pl_utf8_decode(const char *str, size_t len, int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	size_t avail;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	avail = len < 4 ? len : 4;
	n = utf8proc_iterate(s, (utf8proc_ssize_t)avail, &c);
	if (n > 0) {
		*cp = c;
		return (size_t)n;
	}
	*cp = -1;
	return maximal_subpart(s, len);
}

/*
 * One step of the walks that check, repair and map back UTF-8, from s[i]
 * (i < stop <= len): a run of ASCII ending by stop, one well-formed
 * sequence, or one maximal invalid subpart, which a repair turns into one
 * U+FFFD (*bad set).  Returns its length, at least 1.  Only validity
 * matters here: nothing is decoded.
 */
static inline size_t
utf8_step(const char *s, size_t i, size_t stop, size_t len, int *bad)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = pl_skip_ascii(s, i, stop) - i;

	*bad = 0;
	if (n > 0)
		return n;
	if (u[i] < 0x80)
		return 1;
	if ((n = well_formed(u + i, len - i)) > 0)
		return n;
	*bad = 1;
	return maximal_subpart(u + i, len - i);
}

size_t
pl_utf8_count_invalid(const char *s, size_t len)
{
	size_t i = 0, nbad = 0;
	int bad;

	while (i < len) {
		i += utf8_step(s, i, len, len, &bad);
		nbad += (size_t)bad;
	}
	return nbad;
}

int
pl_utf8_repair(const char *s, size_t len, struct pl_buf *out, size_t *nrepl)
{
	size_t i = 0, start = 0, nbad = 0, n;
	int bad;

	if (pl_buf_reserve(out, len) < 0)
		return -1;
	while (i < len) {
		n = utf8_step(s, i, len, len, &bad);
		if (bad) {
			if (pl_buf_append(out, s + start, i - start) < 0 ||
			    pl_buf_put_cp(out, PL_REPLACEMENT) < 0)
				return -1;
			nbad++;
			start = i + n;
		}
		i += n;
	}
	if (pl_buf_append(out, s + start, i - start) < 0)
		return -1;
	if (nrepl != NULL)
		*nrepl = nbad;
	return 0;
}

void
pl_utf8_unrepair_reset(struct pl_utf8_unrepair *u, const char *raw,
                       size_t rawlen)
{
	u->raw = raw;
	u->rawlen = rawlen;
	u->text_off = u->raw_off = 0;
	u->nmarks = 0;
}

void
pl_utf8_unrepair_free(struct pl_utf8_unrepair *u)
{
	free(u->marks);
	u->marks = NULL;
	u->nmarks = u->cap = 0;
}

/* Remember where the walk is, once a step: (raw, text) offsets. */
static void
unrepair_mark(struct pl_utf8_unrepair *u)
{
	if (u->nmarks == u->cap) {
		size_t nc = u->cap ? 2 * u->cap : 64;
		size_t *m = nc < ((size_t)-1) / (2 * sizeof(*m))
		                ? realloc(u->marks, nc * 2 * sizeof(*m))
		                : NULL;

		if (m == NULL)
			return; /* the map only walks further */
		u->marks = m;
		u->cap = nc;
	}
	u->marks[2 * u->nmarks] = u->raw_off;
	u->marks[2 * u->nmarks + 1] = u->text_off;
	u->nmarks++;
}

size_t
pl_utf8_unrepair_at(struct pl_utf8_unrepair *u, size_t off)
{
	size_t r, t, n, stop, next, lo = 0, hi = u->nmarks;
	int bad;

	/* from the last mark at or before off, when the walk is past off
	 * or behind that mark (marks grow with their text offsets) */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (u->marks[2 * mid + 1] <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (off < u->text_off ||
	    (lo > 0 && u->marks[2 * (lo - 1) + 1] > u->text_off)) {
		u->raw_off = lo > 0 ? u->marks[2 * (lo - 1)] : 0;
		u->text_off = lo > 0 ? u->marks[2 * (lo - 1) + 1] : 0;
	}
	r = u->raw_off;
	t = u->text_off;
	/* a new mark a step past the last one */
	next = (u->nmarks > 0 ? u->marks[2 * u->nmarks - 1] : 0) +
	       PL_UNREPAIR_STEP;
	while (t < off && r < u->rawlen) {
		if (t >= next) {
			u->raw_off = r;
			u->text_off = t;
			unrepair_mark(u);
			next = t + PL_UNREPAIR_STEP;
		}
		/* the steps of pl_utf8_repair: valid bytes are the same in
		 * both, an invalid subpart is one U+FFFD (3 bytes); ASCII no
		 * further than off or the next mark, or a long line would be
		 * scanned again for each of its marks */
		stop = off - t < next - t ? off - t : next - t;
		stop = stop < u->rawlen - r ? r + stop : u->rawlen;
		n = utf8_step(u->raw, r, stop, u->rawlen, &bad);
		r += n;
		t += bad ? 3 : n;
	}
	u->raw_off = r;
	u->text_off = t;
	return r;
}

void
pl_utf8_unrepair_span(struct pl_utf8_unrepair *u, size_t a, size_t b,
                      const char **s, size_t *n)
{
	size_t ra = pl_utf8_unrepair_at(u, a);

	*s = u->raw + ra;
	*n = pl_utf8_unrepair_at(u, b) - ra;
}

size_t
pl_utf8_count_cp(const char *s, size_t len)
{
	size_t i = 0, count = 0;
	int32_t cp;

	while (i < len) {
		size_t k = pl_skip_ascii(s, i, len);

		count += k - i; /* ASCII characters */
		i = k;
		if (i >= len)
			break;
		if ((unsigned char)s[i] < 0x80)
			i++;
		else
			i += pl_utf8_decode(s + i, len - i, &cp);
		count++;
	}
	return count;
}

size_t
pl_utf8_count_cp_valid(const char *s, size_t len)
{
	size_t i = 0, count = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t x = pl_swar_load(s + i);
		/* a continuation byte is 10xxxxxx: bit 7 set, bit 6 clear */
		uint64_t cont = x & ~(x << 1) & PL_SWAR_HIGH;

		count += 8 - (size_t)(((cont >> 7) * PL_SWAR_ONES) >> 56);
	}
	for (; i < len; i++)
		count += ((unsigned char)s[i] & 0xC0) != 0x80;
	return count;
}

static int
all_ascii(const char *s, size_t len)
{
	size_t i = 0;

	for (i = pl_skip_ascii(s, i, len); i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

int
pl_utf8_normalize(const char *s, size_t len, int flags, struct pl_buf *out)
{
	struct pl_buf tmp = PL_BUF_INIT;
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t n;
	int options = UTF8PROC_STABLE;
	size_t i;

	/* ASCII is its own NFC/NFKC form; folding it is lower-casing. */
	if (all_ascii(s, len)) {
		if (!(flags & PL_NORM_CASEFOLD))
			return pl_buf_append(out, s, len);
		if (pl_buf_reserve(out, len) < 0)
			return -1;
		for (i = 0; i < len; i++) {
			char c = s[i];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c + ('a' - 'A'));
			out->data[out->len++] = c;
		}
		out->data[out->len] = '\0';
		return 0;
	}
	if (pl_utf8_count_invalid(s, len) > 0) {
		if (pl_utf8_repair(s, len, &tmp, NULL) < 0)
			return -1;
		s = tmp.data;
		len = tmp.len;
	}
	options |= UTF8PROC_COMPOSE;
	if (flags & PL_NORM_NFKC)
		options |= UTF8PROC_COMPAT;
	if (flags & PL_NORM_CASEFOLD)
		options |= UTF8PROC_CASEFOLD;
	if (flags & PL_NORM_STRIP_MARKS)
		options |= UTF8PROC_STRIPMARK;
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
	                 &dst, (utf8proc_option_t)options);
	pl_buf_free(&tmp);
	if (n < 0)
		return -1;
	i = (size_t)n;
	if (pl_buf_append(out, dst, i) < 0) {
		free(dst);
		return -1;
	}
	free(dst);
	return 0;
}

size_t
pl_utf8_next_grapheme(const char *s, size_t len, size_t pos)
{
	utf8proc_int32_t state = 0;
	int32_t prev, cp;
	size_t n;

	n = pl_utf8_decode(s + pos, len - pos, &prev);
	pos += n;
	if (prev < 0)
		return pos;
	while (pos < len) {
		n = pl_utf8_decode(s + pos, len - pos, &cp);
		if (cp < 0 ||
		    utf8proc_grapheme_break_stateful(prev, cp, &state))
			break;
		prev = cp;
		pos += n;
	}
	return pos;
}

/*
 * utf8proc's general category of cp.  Running text asks about the same
 * few hundred characters over and over, and utf8proc_category() is a
 * two-level table walk behind a call through the PLT: utf8proc's answers
 * for the Basic Multilingual Plane are copied into a 64 KiB table the
 * first time one is asked for (about 0.3 ms, once; pthread_once keeps
 * the splitter safe to share between threads, as sentence.h promises).
 */
static unsigned char bmp_category[0x10000];
static pthread_once_t bmp_once = PTHREAD_ONCE_INIT;

static void
fill_bmp_category(void)
{
	int32_t cp;

	for (cp = 0; cp < 0x10000; cp++)
		bmp_category[cp] = (unsigned char)utf8proc_category(cp);
}

static int
category(int32_t cp)
{
	if (cp < 0 || cp > 0x10FFFF)
		return UTF8PROC_CATEGORY_CN;
	if (cp < 0x10000) {
		pthread_once(&bmp_once, fill_bmp_category);
		return bmp_category[cp];
	}
	return utf8proc_category(cp);
}

int
pl_uc_is_letter_above_ascii(int32_t cp)
{
	int c = category(cp);

	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

int
pl_uc_is_upper_above_ascii(int32_t cp)
{
	int c = category(cp);

	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int
pl_uc_is_lower_above_ascii(int32_t cp)
{
	return category(cp) == UTF8PROC_CATEGORY_LL;
}

int
pl_uc_is_digit_above_ascii(int32_t cp)
{
	return category(cp) == UTF8PROC_CATEGORY_ND;
}

int
pl_uc_is_number(int32_t cp)
{
	int c = category(cp);

	return c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO;
}

int
pl_uc_is_punct(int32_t cp)
{
	int c = category(cp);

	return c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO;
}

int
pl_uc_is_symbol(int32_t cp)
{
	int c = category(cp);

	return c >= UTF8PROC_CATEGORY_SM && c <= UTF8PROC_CATEGORY_SO;
}

int
pl_uc_is_mark(int32_t cp)
{
	int c = category(cp);

	return c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME;
}

int
pl_uc_is_space(int32_t cp)
{
	int c;

	if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85)
		return 1;
	c = category(cp);
	return c >= UTF8PROC_CATEGORY_ZS && c <= UTF8PROC_CATEGORY_ZP;
}

int
pl_uc_is_alnum(int32_t cp)
{
	return pl_uc_is_letter(cp) || pl_uc_is_mark(cp) || pl_uc_is_number(cp);
}

int
pl_uc_is_cjk(int32_t cp)
{
	return (cp >= 0x2E80 && cp <= 0x9FFF) || /* radicals..CJK */
	       (cp >= 0xAC00 && cp <= 0xD7AF) || /* Hangul */
	       (cp >= 0xF900 && cp <= 0xFAFF) || /* compatibility */
	       (cp >= 0xFF00 && cp <= 0xFFEF) || /* full width */
	       (cp >= 0x20000 && cp <= 0x3FFFF); /* extensions */
}

int32_t
pl_uc_tolower(int32_t cp)
{
	if (cp < 0 || cp > 0x10FFFF)
		return cp;
	return utf8proc_tolower(cp);
}

int32_t
pl_uc_toupper(int32_t cp)
{
	if (cp < 0 || cp > 0x10FFFF)
		return cp;
	return utf8proc_toupper(cp);
}

int
pl_uc_width(int32_t cp)
{
	if (cp < 0 || cp > 0x10FFFF)
		return 1;
	return utf8proc_charwidth(cp);
}

const char *
pl_utf8_library_version(void)
{
	return utf8proc_version();
}
