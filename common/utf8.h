/*
 * utf8.h - UTF-8 decoding, repair, normalisation and character classes,
 * all answered by utf8proc so that every tool agrees on Unicode.
 *
 * Invalid UTF-8 policy (see utf8.c for the cases): each maximal invalid
 * subsequence (Unicode 15, section 3.9, "U+FFFD substitution of maximal
 * subparts") counts as one bad character and becomes one U+FFFD when
 * text is repaired.  Code point offsets count such a subsequence as one
 * code point, which is what it is after repair.
 *
 * Memory: functions append to a caller-owned struct pl_buf; nothing is
 * kept between calls.  All text arguments carry explicit lengths and may
 * contain NUL bytes.
 */
#ifndef PL_UTF8_H
#define PL_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "ascii.h"
#include "buf.h"

#define PL_REPLACEMENT 0xFFFD

/*
 * Decode one character at s (len > 0 bytes available).  Returns the
 * number of bytes it takes (1..4) and stores the code point in *cp, or
 * -1 when the bytes are invalid; then the return value is the length of
 * the maximal invalid subpart (at least 1).
 */
size_t pl_utf8_decode(const char *s, size_t len, int32_t *cp);

/* Return the number of invalid subsequences in s (0 = valid UTF-8). */
size_t pl_utf8_count_invalid(const char *s, size_t len);

/*
 * Append s to out with every invalid subsequence replaced by U+FFFD.
 * Stores the number of replacements in *nrepl when not NULL.  Returns 0,
 * or -1 when memory runs out.
 */
int pl_utf8_repair(const char *s, size_t len, struct pl_buf *out,
                   size_t *nrepl);

/*
 * A map from offsets in repaired text (pl_utf8_repair) back to the bytes
 * the text was repaired from, so that text output can pass the input's
 * bytes through: each U+FFFD of a repair stands for a maximal invalid
 * subpart, all else maps one to one.  It walks the bytes as it is asked,
 * leaving a mark every PL_UNREPAIR_STEP bytes to come back to, so that
 * offsets asked for in order cost one walk in all and an earlier one at
 * most a step's walk.  Marks that find no memory are left out: the map
 * is slower then, never wrong.
 */
#define PL_UNREPAIR_STEP 4096

struct pl_utf8_unrepair {
	const char *raw;
	size_t rawlen;
	size_t text_off, raw_off; /* where the walk is, in both */
	size_t *marks;            /* raw, text offset pairs, every step */
	size_t nmarks, cap;
};

#define PL_UTF8_UNREPAIR_INIT                                                  \
	{                                                                      \
		NULL, 0, 0, 0, NULL, 0, 0                                      \
	}

/* Start mapping text repaired from raw (rawlen bytes); keeps u's memory. */
void pl_utf8_unrepair_reset(struct pl_utf8_unrepair *u, const char *raw,
                            size_t rawlen);

/* Return the offset in raw of offset off of the repaired text. */
size_t pl_utf8_unrepair_at(struct pl_utf8_unrepair *u, size_t off);

/* Point *s and *n at the bytes of raw that text [a, b) was repaired from. */
void pl_utf8_unrepair_span(struct pl_utf8_unrepair *u, size_t a, size_t b,
                           const char **s, size_t *n);

void pl_utf8_unrepair_free(struct pl_utf8_unrepair *u);

/*
 * Return the length (2 to 4) of the well-formed UTF-8 sequence that s
 * (len bytes, s[0] >= 0x80) starts with, or 0 when it is not one.  Checks
 * the bytes against Unicode's Table 3-7; decodes nothing.
 */
size_t pl_utf8_valid_len(const char *s, size_t len);

/* Return the number of code points in s (invalid subsequences count 1). */
size_t pl_utf8_count_cp(const char *s, size_t len);

/*
 * The same for s known to be valid UTF-8 (a document's text as the driver
 * hands it over): the bytes that are not continuation bytes, counted
 * eight at a time with no decoding.
 */
size_t pl_utf8_count_cp_valid(const char *s, size_t len);

/* Normalisation steps for pl_utf8_normalize; combine with |. */
enum {
	PL_NORM_NFC = 1 << 0,
	PL_NORM_NFKC = 1 << 1,
	PL_NORM_CASEFOLD = 1 << 2,   /* full Unicode case folding */
	PL_NORM_STRIP_MARKS = 1 << 3 /* drop combining marks (Mn) */
};

/*
 * Append the normalised form of s to out (invalid bytes are repaired
 * first).  Returns 0, or -1 when memory runs out.
 */
int pl_utf8_normalize(const char *s, size_t len, int flags, struct pl_buf *out);

/*
 * Return the byte offset of the grapheme cluster boundary that follows
 * pos in s (pos < len); returns len at the end.  Uses utf8proc's UAX #29
 * rules; invalid bytes are clusters of their own.
 */
size_t pl_utf8_next_grapheme(const char *s, size_t len, size_t pos);

/*
 * Character classes of a code point (utf8proc general categories).  The
 * four asked per character of running text answer ASCII inline and ask
 * utf8proc (the *_above_ascii functions) only for the rest.
 */
int pl_uc_is_letter_above_ascii(int32_t cp);
int pl_uc_is_upper_above_ascii(int32_t cp);
int pl_uc_is_lower_above_ascii(int32_t cp);
int pl_uc_is_digit_above_ascii(int32_t cp);

static inline int
pl_uc_is_letter(int32_t cp) /* L* */
{
	if ((uint32_t)cp < 0x80)
		return pl_ascii_isalpha(cp);
	return pl_uc_is_letter_above_ascii(cp);
}

static inline int
pl_uc_is_upper(int32_t cp) /* Lu, Lt */
{
	if ((uint32_t)cp < 0x80)
		return pl_ascii_isupper(cp);
	return pl_uc_is_upper_above_ascii(cp);
}

static inline int
pl_uc_is_lower(int32_t cp) /* Ll */
{
	if ((uint32_t)cp < 0x80)
		return pl_ascii_islower(cp);
	return pl_uc_is_lower_above_ascii(cp);
}

static inline int
pl_uc_is_digit(int32_t cp) /* Nd */
{
	if ((uint32_t)cp < 0x80)
		return pl_ascii_isdigit(cp);
	return pl_uc_is_digit_above_ascii(cp);
}

int pl_uc_is_number(int32_t cp); /* N* */
int pl_uc_is_punct(int32_t cp);  /* P* */
int pl_uc_is_symbol(int32_t cp); /* S* */
int pl_uc_is_mark(int32_t cp);   /* M* */
int pl_uc_is_space(int32_t cp);  /* Z*, C0 white space, U+0085 */
int pl_uc_is_alnum(int32_t cp);  /* letter, mark or number */
/* Han, Hiragana, Katakana, Hangul, and the CJK punctuation blocks. */
int pl_uc_is_cjk(int32_t cp);
int32_t pl_uc_tolower(int32_t cp);
int32_t pl_uc_toupper(int32_t cp);
/* Display width in a terminal column count (0, 1 or 2). */
int pl_uc_width(int32_t cp);

/* The utf8proc version the program runs with, e.g. "2.8.0". */
const char *pl_utf8_library_version(void);

#endif
