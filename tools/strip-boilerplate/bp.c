/*
 * bp.c - classify the lines of a text dump of a web page as article
 * (headline and body) or boilerplate (menus, share buttons, counters,
 * link lists, teasers, footers).  Used by strip-boilerplate(1):
 *
 *   w3m -dump URL | strip-boilerplate | split-sentences
 *
 * Notes on the choices made here:
 *  - Only the text is seen, no markup, so every signal is a property of
 *    a line or of its neighbourhood.  The signals are computed exactly
 *    as train.py computes them (train.py is the reference; the weights
 *    it fits are only valid for these definitions).
 *  - Words are runs of letters, marks and numbers; a CJK letter is a
 *    word of its own and counts half (two characters make a word).
 *  - Case-insensitive matching lower-cases code point by code point
 *    (utf8proc), so a phrase list in YAML matches any case.
 *  - Invalid UTF-8 bytes are separators; they never stop the scan.
 *  - Every step is one or two passes over the lines, so time and memory
 *    are linear in the page, whatever its shape (one huge line or a
 *    million one-word lines).
 *
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "bp.h"
#include "hash.h"
#include "utf8.h"

#define MAX_LANGS      128
#define NKEYS          4096  /* phrase buckets */
#define FILTER_BITS    65536 /* a bit per stop-word hash, to skip look-ups */
#define REP_WINDOW     40    /* lines searched for a repeated headline */
#define BODY_LINES     20    /* kept lines whose words a headline shares */
#define TEASER_NEAR    3     /* lines within which glued teasers are a group */
#define NOTICE_WORDS   40    /* longest line that can be a copyright notice */
#define DATELINE_WORDS 8     /* longest line that can be a dateline */
/*
 * Words of a line whose hashes and stop-word slots are stored: a sample
 * that big gives the stop-word density, and a headline (40 words at
 * most) never has more.  Without the cap a line of prose cost 16 bytes
 * a word, 14 times its size in bytes (a 1 GB line took 13.7 GB).
 */
#define LINE_WORDS 1024

const char *const bp_line_names[BP_NLINE] = {"bias",
                                             "log_words",
                                             "words_60",
                                             "words_le2",
                                             "words_le5",
                                             "bullet",
                                             "terminal",
                                             "colon_end",
                                             "title_case",
                                             "all_caps",
                                             "stop_density",
                                             "lang_known",
                                             "phrase",
                                             "phrase_short",
                                             "header_word",
                                             "counter",
                                             "separators",
                                             "commas",
                                             "url",
                                             "opening_quote",
                                             "digits",
                                             "repeated",
                                             "dist_long",
                                             "dist_long_before",
                                             "dist_long_after",
                                             "position",
                                             "long_nearby",
                                             "prev_words",
                                             "next_words",
                                             "prev_terminal",
                                             "next_terminal",
                                             "prev_bullet",
                                             "next_bullet",
                                             "cjk",
                                             "glued",
                                             "credit",
                                             "header_prefix",
                                             "byline",
                                             "clock"};

const char *const bp_ctx_names[BP_NCTX] = {"bias",
                                           "line_score",
                                           "mean_1",
                                           "mean_3",
                                           "mean_8",
                                           "sandwiched",
                                           "best_before",
                                           "best_after",
                                           "in_main_block",
                                           "dist_main_block",
                                           "before_main_block",
                                           "after_main_block",
                                           "log_words",
                                           "bullet",
                                           "terminal",
                                           "phrase",
                                           "header_word",
                                           "repeated",
                                           "rel_score",
                                           "rel_window",
                                           "credit",
                                           "header_prefix",
                                           "byline",
                                           "clock"};

const char *const bp_title_names[BP_NTITLE] = {
    "bias",         "title_case",     "terminal",
    "words_20",     "words_le3",      "words_gt25",
    "distance",     "is_first_body",  "bullet",
    "header_word",  "phrase",         "separators",
    "digits",       "colon_end",      "url",
    "counter",      "body_overlap",   "repeated_in_page",
    "stop_density", "all_caps",       "opening_quote",
    "byline",       "contains_other", "credit",
    "byline_below"};

#define OFF(f) offsetof(struct bp_settings, f)
const struct pl_cfg_key bp_cfg_keys[] = {
    {"threshold", PL_CFG_DOUBLE, OFF(threshold), 0, 1, NULL},
    {"precision_threshold", PL_CFG_DOUBLE, OFF(precision_threshold), 0, 1,
     NULL},
    {"recall_threshold", PL_CFG_DOUBLE, OFF(recall_threshold), 0, 1, NULL},
    {"long_words", PL_CFG_INT, OFF(long_words), 1, 10000, NULL},
    {"min_words", PL_CFG_INT, OFF(min_words), 0, 1000000, NULL},
    {"title_window", PL_CFG_INT, OFF(title_window), 1, 1000, NULL},
    {"title_threshold", PL_CFG_DOUBLE, OFF(title_threshold), -1000, 1000, NULL},
    {"site_min_pages", PL_CFG_INT, OFF(site_min_pages), 1, 1000000, NULL},
    {"site_min_share", PL_CFG_DOUBLE, OFF(site_min_share), 0, 1, NULL},
    {"site_max_lines", PL_CFG_INT, OFF(site_max_lines), 16, 10000000, NULL},
    {"site_max_sites", PL_CFG_INT, OFF(site_max_sites), 1, 1000000, NULL},
    {"two_pass_min_siblings", PL_CFG_INT, OFF(two_pass_min_siblings), 1,
     1000000, NULL},
    {"phrases", PL_CFG_LIST, OFF(phrases), 0, 0, NULL},
    {"headers", PL_CFG_LIST, OFF(headers), 0, 0, NULL},
    {"byline_words", PL_CFG_LIST, OFF(byline_words), 0, 0, NULL},
    {"comment_words", PL_CFG_LIST, OFF(comment_words), 0, 0, NULL},
    {"credit_words", PL_CFG_LIST, OFF(credit_words), 0, 0, NULL},
    {"counter_words", PL_CFG_LIST, OFF(counter_words), 0, 0, NULL},
    {"notice_words", PL_CFG_LIST, OFF(notice_words), 0, 0, NULL},
    {"comment_min_words", PL_CFG_INT, OFF(comment_min_words), 0, 1000000, NULL},
    {"block_drop_cap", PL_CFG_DOUBLE, OFF(block_drop_cap), 0, 1e9, NULL},
    {"list_continue", PL_CFG_INT, OFF(list_continue), 0, 15, NULL},
    {"header_list_lines", PL_CFG_INT, OFF(header_list_lines), 0, 1000000, NULL},
    {"dangling_colon_words", PL_CFG_INT, OFF(dangling_colon_words), 0, 1000000,
     NULL},
    {"table_rows", PL_CFG_INT, OFF(table_rows), 0, 1000000, NULL},
    {"weights", PL_CFG_NODE, OFF(weights), 0, 0, NULL},
    {"stopwords", PL_CFG_NODE, OFF(stopwords), 0, 0, NULL},
    {NULL, PL_CFG_BOOL, 0, 0, 0, NULL}};

/* A set of 64-bit hashes (open addressing, 0 = empty). */
struct hset {
	uint64_t *k;
	uint64_t *mask; /* two words a slot: languages (stop words) */
	size_t cap;
};

struct phrase {
	char *s;
	size_t len;
	int year; /* a hit only before a year (load_notices) */
};

/*
 * Substrings to find in a lower-cased line (phrases, credit_words), sorted
 * by the key of their first three bytes (items of one or two bytes have
 * key NKEYS): bucket k is p[first[k]]..p[first[k + 1] - 1].
 */
struct ptable {
	struct phrase *p;
	size_t n;
	size_t first[NKEYS + 2];
	uint64_t used[NKEYS / 64]; /* bit k: bucket k holds an item */
	uint64_t trio[65536 / 64]; /* trio_bit of their first three bytes */
};

struct bp_model {
	struct bp_settings set;
	double w1[BP_NLINE], w2[BP_NCTX], wt[BP_NTITLE];
	struct ptable phrases;
	struct phrase *comments; /* comment_words, lower-cased */
	size_t ncomments;
	struct phrase *counts; /* counter_words, lower-cased */
	size_t ncounts;
	struct ptable credits;     /* credit_words */
	struct ptable notices;     /* notice_words, year marks */
	uint64_t trio[65536 / 64]; /* the three tables' trio, or-ed */
	struct hset headers, byline, stop;
	char *langs[MAX_LANGS];
	int nlangs;
	size_t maxstop;                    /* longest stop word, in bytes */
	size_t maxheader;                  /* longest header word, in bytes */
	uint64_t filter[FILTER_BITS / 64]; /* stop-word hash bits */
};

/* Signals of one line, before neighbours are looked at. */
struct feat {
	double nw;    /* words, CJK letters count 1/2 */
	double lnw;   /* log1p(nw) */
	size_t nword; /* non-CJK words */
	size_t ncjk;
	int bullet, term, colon, allcaps, phrase, header, counter, url;
	int quote, glued, pipes, commas, islong, credit, hpre, byline, clock;
	int counted; /* "1.2K shares": a count and a counted word */
	int notice;  /* a copyright notice (marks_hit) */
	int teaser;  /* a headline glued to its lead (glued_teaser) */
	unsigned slide, slides; /* "2of4A shopper ...": slide_counter */
	double tc, digits, sd;
	uint64_t normh;
	size_t normoff, normlen;
	size_t slotoff;    /* its words' slots: pg->slots + slotoff */
	size_t whoff, nwh; /* its norm words' hashes: pg->wordh + whoff */
};

uint64_t
bp_hash(const void *s, size_t n)
{
	return pl_hash_fnv1a64(s, n); /* the one FNV-1a, common/hash */
}

/*
 * A faster hash for the look-up sets (stop words, header words, body
 * words), eight bytes a step; bp_hash (FNV-1a) stays the fingerprint
 * that the site memory stores, whose values are documented.
 */
static uint64_t
set_hash(const void *s, size_t n)
{
	const unsigned char *p = s;
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ (uint64_t)n, v;

	while (n >= 8) {
		memcpy(&v, p, 8);
		h = (h ^ v) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
		p += 8;
		n -= 8;
	}
	/* the tail as a little-endian number (a loop: a memcpy of a
	 * variable length is a call, and most words are short) */
	v = 0;
	while (n > 0)
		v = (v << 8) | p[--n];
	h = (h ^ v) * 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 29;
	h *= 0xff51afd7ed558ccdULL;
	return h ^ (h >> 32);
}

/* ---------------------------------------------------------------- sets */

static uint64_t
nonzero(uint64_t h)
{
	return h == 0 ? 1 : h;
}

static int
hset_init(struct hset *s, size_t n, int masks)
{
	size_t cap = 16;

	while (cap < n * 2 + 1)
		cap *= 2;
	s->cap = cap;
	s->k = calloc(cap, sizeof(*s->k));
	s->mask = masks ? calloc(cap * 2, sizeof(*s->mask)) : NULL;
	if (s->k == NULL || (masks && s->mask == NULL))
		return -1;
	return 0;
}

static void
hset_free(struct hset *s)
{
	free(s->k);
	free(s->mask);
	s->k = s->mask = NULL;
	s->cap = 0;
}

/* Return the slot of h: where it is, or the empty slot it would go in. */
static size_t
hset_slot(const struct hset *s, uint64_t h)
{
	size_t i = (size_t)h & (s->cap - 1);

	h = nonzero(h);
	while (s->k[i] != 0 && s->k[i] != h)
		i = (i + 1) & (s->cap - 1);
	return i;
}

static size_t
hset_add(struct hset *s, uint64_t h)
{
	size_t i = hset_slot(s, h);

	s->k[i] = nonzero(h);
	return i;
}

static int
hset_has(const struct hset *s, uint64_t h)
{
	if (s->cap == 0)
		return 0;
	return s->k[hset_slot(s, h)] != 0;
}

/* ------------------------------------------------------------ characters */

/*
 * Decode the character at s (len > 0).  Returns its length; an invalid
 * subpart gives *cp = -1 and the subpart's length (at least 1).
 */
static size_t
step(const char *s, size_t len, int32_t *cp)
{
	size_t n;

	if ((unsigned char)s[0] < 0x80) { /* most text: no call */
		*cp = (unsigned char)s[0];
		return 1;
	}
	n = pl_utf8_decode(s, len, cp);

	return n > 0 ? n : 1;
}

#define decode step

/* Character classes of a code point, as flags (one utf8proc look-up). */
enum {
	C_LETTER = 1,
	C_MARK = 2,
	C_NUMBER = 4,
	C_DIGIT = 8,
	C_UPPER = 16,
	C_LOWER = 32,
	C_CJK = 64,    /* a CJK letter: a word of its own */
	C_CASED = 128, /* not ASCII, and lower-casing changes it */
	C_WORD = C_LETTER | C_MARK | C_NUMBER
};

static unsigned cls(int32_t cp);

static int
is_cjk_letter(int32_t cp)
{
	return (cls(cp) & C_CJK) != 0;
}

/* The class of cp below 0x80 (a bad byte, < 0, is 0): no table. */
static inline unsigned
cls_ascii(int32_t cp)
{
	if (cp >= 'a' && cp <= 'z')
		return C_LETTER | C_LOWER;
	if (cp >= 'A' && cp <= 'Z')
		return C_LETTER | C_UPPER;
	if (cp >= '0' && cp <= '9')
		return C_NUMBER | C_DIGIT;
	return 0;
}

static unsigned
cls(int32_t cp)
{
	unsigned c = 0;

	if (cp < 0x80)
		return cls_ascii(cp);
	if (pl_uc_is_letter(cp)) {
		c = C_LETTER;
		if (pl_uc_is_upper(cp))
			c |= C_UPPER;
		else if (pl_uc_is_lower(cp))
			c |= C_LOWER;
		if (pl_uc_is_cjk(cp))
			c |= C_CJK;
	} else if (pl_uc_is_mark(cp))
		c = C_MARK;
	else if (pl_uc_is_number(cp)) {
		c = C_NUMBER;
		if (pl_uc_is_digit(cp))
			c |= C_DIGIT;
	}
	if (pl_uc_tolower(cp) != cp) /* letters, Roman numerals, ... */
		c |= C_CASED;
	return c;
}

/* Classes and lower case of the ASCII characters: what cls() and
 * pl_ascii_tolower() give, without a call per character. */
static const unsigned char ascii_cls[128] = {
    ['0'] = C_NUMBER | C_DIGIT, ['1'] = C_NUMBER | C_DIGIT,
    ['2'] = C_NUMBER | C_DIGIT, ['3'] = C_NUMBER | C_DIGIT,
    ['4'] = C_NUMBER | C_DIGIT, ['5'] = C_NUMBER | C_DIGIT,
    ['6'] = C_NUMBER | C_DIGIT, ['7'] = C_NUMBER | C_DIGIT,
    ['8'] = C_NUMBER | C_DIGIT, ['9'] = C_NUMBER | C_DIGIT,
    ['A'] = C_LETTER | C_UPPER, ['B'] = C_LETTER | C_UPPER,
    ['C'] = C_LETTER | C_UPPER, ['D'] = C_LETTER | C_UPPER,
    ['E'] = C_LETTER | C_UPPER, ['F'] = C_LETTER | C_UPPER,
    ['G'] = C_LETTER | C_UPPER, ['H'] = C_LETTER | C_UPPER,
    ['I'] = C_LETTER | C_UPPER, ['J'] = C_LETTER | C_UPPER,
    ['K'] = C_LETTER | C_UPPER, ['L'] = C_LETTER | C_UPPER,
    ['M'] = C_LETTER | C_UPPER, ['N'] = C_LETTER | C_UPPER,
    ['O'] = C_LETTER | C_UPPER, ['P'] = C_LETTER | C_UPPER,
    ['Q'] = C_LETTER | C_UPPER, ['R'] = C_LETTER | C_UPPER,
    ['S'] = C_LETTER | C_UPPER, ['T'] = C_LETTER | C_UPPER,
    ['U'] = C_LETTER | C_UPPER, ['V'] = C_LETTER | C_UPPER,
    ['W'] = C_LETTER | C_UPPER, ['X'] = C_LETTER | C_UPPER,
    ['Y'] = C_LETTER | C_UPPER, ['Z'] = C_LETTER | C_UPPER,
    ['a'] = C_LETTER | C_LOWER, ['b'] = C_LETTER | C_LOWER,
    ['c'] = C_LETTER | C_LOWER, ['d'] = C_LETTER | C_LOWER,
    ['e'] = C_LETTER | C_LOWER, ['f'] = C_LETTER | C_LOWER,
    ['g'] = C_LETTER | C_LOWER, ['h'] = C_LETTER | C_LOWER,
    ['i'] = C_LETTER | C_LOWER, ['j'] = C_LETTER | C_LOWER,
    ['k'] = C_LETTER | C_LOWER, ['l'] = C_LETTER | C_LOWER,
    ['m'] = C_LETTER | C_LOWER, ['n'] = C_LETTER | C_LOWER,
    ['o'] = C_LETTER | C_LOWER, ['p'] = C_LETTER | C_LOWER,
    ['q'] = C_LETTER | C_LOWER, ['r'] = C_LETTER | C_LOWER,
    ['s'] = C_LETTER | C_LOWER, ['t'] = C_LETTER | C_LOWER,
    ['u'] = C_LETTER | C_LOWER, ['v'] = C_LETTER | C_LOWER,
    ['w'] = C_LETTER | C_LOWER, ['x'] = C_LETTER | C_LOWER,
    ['y'] = C_LETTER | C_LOWER, ['z'] = C_LETTER | C_LOWER};
static const unsigned char ascii_lower[128] = {
    0,   1,   2,   3,   4,   5,   6,   7,   8,   9,   10,  11,  12,  13,  14,
    15,  16,  17,  18,  19,  20,  21,  22,  23,  24,  25,  26,  27,  28,  29,
    30,  31,  32,  33,  34,  35,  36,  37,  38,  39,  40,  41,  42,  43,  44,
    45,  46,  47,  48,  49,  50,  51,  52,  53,  54,  55,  56,  57,  58,  59,
    60,  61,  62,  63,  64,  97,  98,  99,  100, 101, 102, 103, 104, 105, 106,
    107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121,
    122, 91,  92,  93,  94,  95,  96,  97,  98,  99,  100, 101, 102, 103, 104,
    105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119,
    120, 121, 122, 123, 124, 125, 126, 127};

#define CLS_CACHE 0x10000 /* the BMP */

/*
 * cls() through a per-page cache of the BMP: utf8proc is asked once per
 * code point, not once per character of the text.  pg->cls is made on
 * first use; when that fails the look-up is done every time.
 */
static unsigned
cls_page(struct bp_page *pg, int32_t cp)
{
	unsigned c;

	if (cp < 0x80)
		return cls_ascii(cp);
	if (cp >= CLS_CACHE)
		return cls(cp);
	if (pg->cls == NULL) {
		if ((pg->cls = malloc(CLS_CACHE)) == NULL)
			return cls(cp);
		memset(pg->cls, 0xFF, CLS_CACHE);
	}
	if (pg->cls[cp] == 0xFF) {
		c = cls(cp);
		pg->cls[cp] = (unsigned char)c;
		return c;
	}
	return pg->cls[cp];
}

/* Index of the lowest set bit of w (w != 0): de Bruijn multiplication. */
static int
lowest_bit(uint64_t w)
{
	static const int tab[64] = {
	    0,  1,  48, 2,  57, 49, 28, 3,  61, 58, 50, 42, 38, 29, 17, 4,
	    62, 55, 59, 36, 53, 51, 43, 22, 45, 39, 33, 30, 24, 18, 12, 5,
	    63, 47, 56, 27, 60, 41, 37, 16, 54, 35, 52, 21, 44, 32, 23, 11,
	    46, 26, 40, 15, 34, 20, 31, 10, 25, 14, 19, 9,  13, 8,  7,  6};

	return tab[((w & (~w + 1)) * 0x03f79d71b4cb0a89ULL) >> 58];
}

static int
in_list(int32_t cp, const int32_t *list)
{
	for (; *list != 0; list++)
		if (*list == cp)
			return 1;
	return 0;
}

static const int32_t terminals[] = {'.',    '!',    '?',    0x3002,
                                    0xFF01, 0xFF1F, 0x2026, 0};
static const int32_t closers[] = {
    '"', '\'', ')', ']', 0x201D, 0x2019, 0x00BB, 0x300D, 0x300F, 0xFF09, 0};
static const int32_t openers[] = {'"',  0x201C, 0x201E, 0x00AB,
                                  '\'', 0x2018, 0x300C, 0};
static const int32_t header_strip[] = {':',    0xFF1A, '.',    '!', 0x00BB, '>',
                                       0x203A, 0x2192, 0x2026, ' ', 0};
static const char *const bullets[] = {"- ",
                                      "* ",
                                      "\xe2\x80\xa2 ",
                                      "\xc2\xb7 ",
                                      "+ ",
                                      "\xe2\x80\x93 ",
                                      "\xe2\x80\x94 ",
                                      "o ",
                                      "\xe2\x96\xa0 ",
                                      "\xe2\x96\xba ",
                                      "\xc2\xbb ",
                                      NULL};

/* Return the byte length of s without trailing white space. */
static size_t
rtrim(const char *s, size_t len)
{
	while (len > 0) {
		size_t k = len - 1;
		int32_t cp;
		unsigned char b = (unsigned char)s[k];

		if (b < 0x80) { /* ASCII: no decoding */
			if (b != ' ' && (b < 0x09 || b > 0x0D))
				break;
			len = k;
			continue;
		}

		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80 &&
		       len - k < 4)
			k--;
		if (decode(s + k, len - k, &cp) != len - k ||
		    !pl_uc_is_space(cp))
			break;
		len = k;
	}
	return len;
}

/* Return the number of leading bytes of s that are white space. */
static size_t
ltrim(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		int32_t cp;
		size_t n;
		unsigned char b = (unsigned char)s[i];

		if (b < 0x80) { /* ASCII: no decoding */
			if (b != ' ' && (b < 0x09 || b > 0x0D))
				break;
			i++;
			continue;
		}
		n = decode(s + i, len - i, &cp);
		if (cp < 0 || !pl_uc_is_space(cp))
			break;
		i += n;
	}
	return i;
}

/* Decode the last character of s[0..len); returns its start. */
static size_t
last_char(const char *s, size_t len, int32_t *cp)
{
	size_t k = len - 1;

	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80 && len - k < 4)
		k--;
	if (decode(s + k, len - k, cp) != len - k) {
		*cp = -1;
		return len - 1;
	}
	return k;
}

static int
has_sub(const char *s, size_t len, const char *sub, size_t n)
{
	const char *p = s, *end;

	if (n == 0 || n > len)
		return n == 0;
	end = s + len - n + 1; /* last place sub can start, plus one */
	while (p < end && (p = memchr(p, sub[0], (size_t)(end - p))) != NULL) {
		/* the second byte first: memcmp is a call */
		if ((n == 1 || p[1] == sub[1]) && memcmp(p, sub, n) == 0)
			return 1;
		p++;
	}
	return 0;
}

/* Append s lower-cased code point by code point (bad bytes kept). */
static int
put_lower(struct pl_buf *out, const char *s, size_t len)
{
	size_t i = 0;

	if (pl_buf_reserve(out, len) < 0)
		return -1;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp;
		size_t n;

		if (c < 0x80) {
			/* reserved above: ASCII never grows */
			out->data[out->len++] = (char)pl_ascii_tolower(c);
			out->data[out->len] = '\0';
			i++;
			continue;
		}
		if (pl_buf_reserve(out, len - i + 4) < 0)
			return -1;
		n = step(s + i, len - i, &cp);
		if (cp < 0) {
			if (pl_buf_append(out, s + i, n) < 0)
				return -1;
		} else if (pl_buf_put_cp(out, pl_uc_tolower(cp)) < 0)
			return -1;
		i += n;
	}
	return 0;
}

/* ---------------------------------------------------------------- model */

static int
cfg_double(const struct pl_cfg_node *map, const char *key, double *out,
           struct pl_error *err)
{
	const struct pl_cfg_node *n = pl_cfg_get(map, key);

	if (n == NULL)
		return pl_error_set_at(err, map->file, map->line, map->col,
		                       "weight \"%s\" missing", key);
	return pl_cfg_double(n, out, err);
}

static int
load_weights(const struct pl_cfg_node *w, const char *key,
             const char *const *names, double *out, size_t n,
             struct pl_error *err)
{
	const struct pl_cfg_node *map = pl_cfg_get(w, key);
	size_t i;

	if (map == NULL || map->kind != PL_CFG_MAP)
		return pl_error_set(err, "weights: \"%s\" missing", key);
	if (map->n != n)
		return pl_error_set_at(err, map->file, map->line, map->col,
		                       "weights.%s: %zu weights, want %zu", key,
		                       map->n, n);
	for (i = 0; i < n; i++)
		if (cfg_double(map, names[i], &out[i], err) < 0)
			return -1;
	return 0;
}

/* Bucket key of three bytes. */
static unsigned
key3(const char *s)
{
	return (((unsigned char)s[0] * 961u) ^ ((unsigned char)s[1] * 31u) ^
	        (unsigned char)s[2]) &
	       (NKEYS - 1);
}

/*
 * A bit for the first three bytes at s, of 65536: the quick filter of
 * marks_hit.  Three bytes, not two: common pairs ("re", "co")
 * open items, common triples rarely do.
 */
static unsigned
trio_bit(const char *s)
{
	uint32_t x = (uint32_t)(unsigned char)s[0] << 16 |
	             (uint32_t)(unsigned char)s[1] << 8 | (unsigned char)s[2];

	return (x * 2654435761u) >> 16;
}

/* Phrases of three bytes or more go by their first three bytes; shorter
 * ones are all in bucket NKEYS and are searched for on their own. */
static size_t
pkey(const struct phrase *p)
{
	return p->len < 3 ? NKEYS : key3(p->s);
}

static int
cmp_phrase(const void *a, const void *b)
{
	size_t x = pkey(a), y = pkey(b);

	return x < y ? -1 : x > y;
}

static int
lower_key(const struct pl_cfg_node *n, struct pl_buf *b, struct pl_error *err)
{
	if (n->kind != PL_CFG_SCALAR)
		return pl_error_set_at(err, n->file, n->line, n->col,
		                       "expected a string");
	pl_buf_reset(b);
	if (put_lower(b, n->str, n->len) < 0)
		return pl_error_set(err, "out of memory");
	return 0;
}

static int
load_set(struct hset *s, const struct pl_cfg_node *list, struct pl_buf *b,
         struct pl_error *err)
{
	size_t i, n = list != NULL ? list->n : 0;

	if (hset_init(s, n, 0) < 0)
		return pl_error_set(err, "out of memory");
	for (i = 0; i < n; i++) {
		if (lower_key(&list->items[i], b, err) < 0)
			return -1;
		hset_add(s, set_hash(b->data, b->len));
	}
	return 0;
}

static int
load_stop(struct bp_model *m, const struct pl_cfg_node *map, struct pl_buf *b,
          struct pl_error *err)
{
	size_t i, j, total = 0;

	if (map == NULL || (map->kind == PL_CFG_SCALAR && map->len == 0))
		return hset_init(&m->stop, 0, 1) < 0
		           ? pl_error_set(err, "out of memory")
		           : 0;
	if (map->kind != PL_CFG_MAP)
		return pl_error_set_at(
		    err, map->file, map->line, map->col,
		    "stopwords: expected a mapping of language: [words]");
	if (map->n > MAX_LANGS)
		return pl_error_set_at(err, map->file, map->line, map->col,
		                       "stopwords: more than %d languages",
		                       MAX_LANGS);
	for (i = 0; i < map->n; i++)
		total += map->items[i].n;
	if (hset_init(&m->stop, total, 1) < 0)
		return pl_error_set(err, "out of memory");
	for (i = 0; i < map->n; i++) {
		const struct pl_cfg_node *l = &map->items[i];

		if (l->kind != PL_CFG_SEQ)
			return pl_error_set_at(err, l->file, l->line, l->col,
			                       "stopwords.%s: expected a list",
			                       map->keys[i]);
		if ((m->langs[i] = strdup(map->keys[i])) == NULL)
			return pl_error_set(err, "out of memory");
		m->nlangs = (int)i + 1;
		for (j = 0; j < l->n; j++) {
			size_t slot;
			uint64_t h;

			if (lower_key(&l->items[j], b, err) < 0)
				return -1;
			if (b->len > m->maxstop)
				m->maxstop = b->len;
			h = set_hash(b->data, b->len);
			m->filter[(h >> 40) % FILTER_BITS / 64] |=
			    1ULL << ((h >> 40) % 64);
			slot = hset_add(&m->stop, h);
			m->stop.mask[slot * 2 + i / 64] |= 1ULL << (i % 64);
		}
	}
	return 0;
}

/*
 * Fill *out with the lower-cased, non-empty strings of list (which may be
 * NULL), *n of them; b is scratch.  Returns 0, or -1 with err set (a bad
 * item, or no memory).  *out is owned by the model (freed with it).
 */
static int
load_phrases(const struct pl_cfg_node *list, struct phrase **out, size_t *n,
             struct pl_buf *b, struct pl_error *err)
{
	size_t i, count = list != NULL ? list->n : 0;

	if (count > 0 && (*out = calloc(count, sizeof(**out))) == NULL)
		return pl_error_set(err, "out of memory");
	for (i = 0; i < count; i++) {
		if (lower_key(&list->items[i], b, err) < 0)
			return -1;
		if (b->len == 0)
			continue;
		if (((*out)[*n].s = malloc(b->len + 1)) == NULL)
			return pl_error_set(err, "out of memory");
		memcpy((*out)[*n].s, b->data, b->len + 1);
		(*out)[(*n)++].len = b->len;
	}
	return 0;
}

/* notice_words, then the year marks: "(c)" or "copyright" is a notice
 * only before a year, not "the copyright claim" in a sentence. */
static int
load_notices(const struct pl_cfg_node *list, struct ptable *t, struct pl_buf *b,
             struct pl_error *err)
{
	static const char *const marks[] = {"(c)", "copyright"};
	const size_t nmarks = sizeof(marks) / sizeof(marks[0]);
	struct phrase *p;
	size_t k;

	if (load_phrases(list, &t->p, &t->n, b, err) < 0)
		return -1;
	if ((p = realloc(t->p, (t->n + nmarks) * sizeof(*p))) == NULL)
		return pl_error_set(err, "out of memory");
	t->p = p;
	for (k = 0; k < nmarks; k++) {
		if ((p[t->n].s = strdup(marks[k])) == NULL)
			return pl_error_set(err, "out of memory");
		p[t->n].len = strlen(marks[k]);
		p[t->n++].year = 1;
	}
	return 0;
}

/* Free what load_phrases filled: n strings and the array. */
static void
free_phrases(struct phrase *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(p[i].s);
	free(p);
}

/* Sort t's items into buckets and set its bits. */
static void
ptable_index(struct ptable *t)
{
	size_t i, n;

	if (t->n > 0)
		qsort(t->p, t->n, sizeof(*t->p), cmp_phrase);
	for (i = 0, n = 0; i < NKEYS + 2; i++) {
		while (n < t->n && pkey(&t->p[n]) < i)
			n++;
		t->first[i] = n;
	}
	for (i = 0; i < NKEYS; i++)
		if (t->first[i + 1] > t->first[i])
			t->used[i / 64] |= 1ULL << (i % 64);
	for (i = 0; i < t->n; i++)
		if (t->p[i].len >= 3) {
			unsigned k = trio_bit(t->p[i].s);

			t->trio[k / 64] |= 1ULL << (k % 64);
		}
}

int
bp_model_new(const struct bp_settings *s, struct bp_model **out,
             struct pl_error *err)
{
	struct bp_model *m;
	struct pl_buf b = PL_BUF_INIT;
	size_t i;

	*out = NULL;
	if ((m = calloc(1, sizeof(*m))) == NULL)
		return pl_error_set(err, "out of memory");
	m->set = *s;
	m->set.phrases = m->set.headers = m->set.byline_words = NULL;
	m->set.comment_words = NULL;
	m->set.weights = m->set.stopwords = NULL;
	if (s->weights == NULL || s->weights->kind != PL_CFG_MAP) {
		pl_error_set(err, "weights: missing from the settings");
		goto fail;
	}
	if (load_weights(s->weights, "line", bp_line_names, m->w1, BP_NLINE,
	                 err) < 0 ||
	    load_weights(s->weights, "context", bp_ctx_names, m->w2, BP_NCTX,
	                 err) < 0 ||
	    load_weights(s->weights, "title", bp_title_names, m->wt, BP_NTITLE,
	                 err) < 0)
		goto fail;
	if (load_phrases(s->phrases, &m->phrases.p, &m->phrases.n, &b, err) <
	        0 ||
	    load_phrases(s->comment_words, &m->comments, &m->ncomments, &b,
	                 err) < 0 ||
	    load_phrases(s->counter_words, &m->counts, &m->ncounts, &b, err) <
	        0 ||
	    load_phrases(s->credit_words, &m->credits.p, &m->credits.n, &b,
	                 err) < 0 ||
	    load_notices(s->notice_words, &m->notices, &b, err) < 0)
		goto fail;
	ptable_index(&m->phrases);
	ptable_index(&m->credits);
	ptable_index(&m->notices);
	for (i = 0; i < 65536 / 64; i++)
		m->trio[i] = m->phrases.trio[i] | m->credits.trio[i] |
		             m->notices.trio[i];
	for (i = 0; s->headers != NULL && i < s->headers->n; i++)
		if (s->headers->items[i].len > m->maxheader)
			m->maxheader = s->headers->items[i].len;
	if (load_set(&m->headers, s->headers, &b, err) < 0 ||
	    load_set(&m->byline, s->byline_words, &b, err) < 0 ||
	    load_stop(m, s->stopwords, &b, err) < 0)
		goto fail;
	pl_buf_free(&b);
	*out = m;
	return 0;
fail:
	pl_buf_free(&b);
	bp_model_free(m);
	return -1;
}

void
bp_model_free(struct bp_model *m)
{
	size_t i;

	if (m == NULL)
		return;
	free_phrases(m->phrases.p, m->phrases.n);
	free_phrases(m->comments, m->ncomments);
	free_phrases(m->counts, m->ncounts);
	free_phrases(m->credits.p, m->credits.n);
	free_phrases(m->notices.p, m->notices.n);
	hset_free(&m->headers);
	hset_free(&m->byline);
	hset_free(&m->stop);
	for (i = 0; i < (size_t)m->nlangs; i++)
		free(m->langs[i]);
	free(m);
}

int
bp_model_lang(const struct bp_model *m, const char *tag)
{
	size_t n;
	int i;

	if (tag == NULL || strcmp(tag, "und") == 0 || tag[0] == '\0')
		return BP_LANG_NONE;
	if (strcmp(tag, "auto") == 0)
		return m->nlangs > 0 ? BP_LANG_AUTO : BP_LANG_NONE;
	/* the primary subtag: "pt-BR" -> "pt"; "be-tarask" matches whole */
	for (i = 0; i < m->nlangs; i++)
		if (pl_ascii_casecmp(m->langs[i], tag, strlen(tag) + 1) == 0)
			return i;
	for (n = 0; tag[n] != '\0' && tag[n] != '-' && tag[n] != '_'; n++)
		continue;
	for (i = 0; i < m->nlangs; i++)
		if (strlen(m->langs[i]) == n &&
		    pl_ascii_casecmp(m->langs[i], tag, n) == 0)
			return i;
	return BP_LANG_NONE;
}

const char *
bp_model_lang_name(const struct bp_model *m, int i)
{
	return i >= 0 && i < m->nlangs ? m->langs[i] : "und";
}

/* ------------------------------------------------------------- signals */

/* An item of one or two bytes of t in s. */
static int
ptable_short(const struct ptable *t, const char *s, size_t len)
{
	size_t k;

	for (k = t->first[NKEYS]; k < t->first[NKEYS + 1]; k++)
		if (has_sub(s, len, t->p[k].s, t->p[k].len))
			return 1;
	return 0;
}

/* A year follows s[i..]: blanks and colons, then a digit ("(c) 2026",
 * "copyright: 2019"). */
static int
year_follows(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == ':'))
		i++;
	return i < len && pl_ascii_isdigit(s[i]);
}

/* An item of t starts at s + i (its key is key, len bytes in s). */
static int
ptable_at(const struct ptable *t, const char *s, size_t len, size_t i,
          unsigned key)
{
	size_t k;

	if (!(t->used[key / 64] >> (key % 64) & 1))
		return 0;
	for (k = t->first[key]; k < t->first[key + 1]; k++) {
		const struct phrase *p = &t->p[k];

		/* bytes 0 and 3 before memcmp: words that share the item's
		 * first three bytes are common */
		if (p->len <= len - i && p->s[0] == s[i] &&
		    (p->len < 4 || p->s[3] == s[i + 3]) &&
		    memcmp(s + i, p->s, p->len) == 0 &&
		    (!p->year || year_follows(s, len, i + p->len)))
			return 1;
	}
	return 0;
}

/*
 * Whether s (lower-cased) holds a phrase, a credit word and a copyright
 * notice (f->phrase, f->credit, f->notice), in one pass: most places
 * start with three bytes no item starts with, so one look at a bit set
 * skips them.
 */
static void
marks_hit(const struct bp_model *m, const char *s, size_t len, struct feat *f)
{
	const struct ptable *t[3] = {&m->phrases, &m->credits, &m->notices};
	int hit[3], left = 0;
	size_t i, k;

	for (k = 0; k < 3; k++) {
		hit[k] = ptable_short(t[k], s, len);
		left += !hit[k];
	}
	for (i = 0; i + 2 < len && left > 0; i++) {
		unsigned tk = trio_bit(s + i), key;

		if (!(m->trio[tk / 64] >> (tk % 64) & 1))
			continue;
		key = key3(s + i);
		for (k = 0; k < 3; k++)
			if (!hit[k] && (t[k]->trio[tk / 64] >> (tk % 64) & 1) &&
			    ptable_at(t[k], s, len, i, key)) {
				hit[k] = 1;
				left--;
			}
	}
	f->phrase = hit[0];
	f->credit = hit[1];
	f->notice = hit[2];
}

/* A time of day ("9:45", "20:13"): a digit, a colon, two digits. */
static int
clock_hit(const char *s, size_t len)
{
	const char *c = s, *end = s + len;

	while ((c = memchr(c, ':', (size_t)(end - c))) != NULL) {
		if (c > s && end - c > 2 && pl_ascii_isdigit(c[-1]) &&
		    pl_ascii_isdigit(c[1]) && pl_ascii_isdigit(c[2]) &&
		    (end - c == 3 || !pl_ascii_isdigit(c[3])))
			return 1;
		c++;
	}
	return 0;
}

/*
 * A photo credit in brackets at the end of a line: "... on Aug. 31, 2019.
 * (AP)", "Julian Assange (AFP)", "(Joshua Roberts/Reuters)".  The
 * brackets hold one to three words separated by single spaces, each
 * opening with an ASCII capital, made of letters, digits, non-ASCII
 * bytes and "_.&/-".  Captions end so far more often than text does
 * (an acronym defined at the end of a line is the exception).
 */
static int
credit_tail_hit(const char *s, size_t len)
{
	size_t i, spaces = 0;

	len = rtrim(s, len);
	if (len < 3 || s[len - 1] != ')')
		return 0;
	for (i = len - 1; i > 0 && s[i - 1] != '('; i--) {
		unsigned char c = (unsigned char)s[i - 1];

		if (c == ' ') {
			if (!pl_ascii_isupper(s[i]) || ++spaces > 2)
				return 0;
		} else if (!(c >= 0x80 || pl_ascii_isalnum(c) ||
		             (c != '\0' && strchr("_.&/-", c) != NULL)))
			return 0;
	}
	return i > 0 && pl_ascii_isupper(s[i]);
}

/* "/", "of", "and", "via": the words that join the names of a credit. */
static int
credit_joiner(const char *w, size_t n)
{
	return (n == 1 && w[0] == '/') || (n == 2 && memcmp(w, "of", 2) == 0) ||
	       (n == 3 &&
	        (memcmp(w, "and", 3) == 0 || memcmp(w, "via", 3) == 0));
}

/* Slide totals slide_counter reads: up to three digits. */
#define MAX_SLIDES 1000

/*
 * "/", "of", "von", ...: the word between a slide's number and the total
 * (the last one is the Russian "из").
 */
static size_t
slide_joiner(const char *s, size_t len)
{
	static const char *const words[] = {
	    "of", "von", "van", "de", "di", "sur", "z", "\xd0\xb8\xd0\xb7",
	    NULL};
	size_t i, n;

	if (len > 0 && s[0] == '/')
		return 1;
	for (i = 0; words[i] != NULL; i++) {
		n = strlen(words[i]);
		if (len >= n && memcmp(s, words[i], n) == 0)
			return n;
	}
	return 0;
}

/* Up to three ASCII digits at s as a number, their count in *used. */
static unsigned
small_number(const char *s, size_t len, size_t *used)
{
	unsigned v = 0;
	size_t i = 0;

	while (i < len && i < 3 && pl_ascii_isdigit(s[i]))
		v = v * 10 + (unsigned)(s[i++] - '0');
	*used = i;
	return v;
}

/*
 * A slide counter before a caption, as a gallery dumps it: "1of4Grass
 * Valley's ...", "2/6 Ford Westfalia ...", "3 von 17 Die ...": a number,
 * "/" or "of" (or its kin), a total, each of one to three digits, the
 * number from 1 to the total, then a capital, glued or after a space.
 * Sets f->slide and f->slides; a date ("17/11/2019") or a fraction
 * ("1/2 tsp") is not one.
 */
static void
slide_counter(const char *s, size_t len, struct feat *f)
{
	size_t i, k;
	unsigned nth, total;
	int32_t cp;

	nth = small_number(s, len, &i);
	if (i == 0 || (i < len && pl_ascii_isdigit(s[i])))
		return;
	if (i < len && s[i] == ' ')
		i++;
	k = slide_joiner(s + i, len - i);
	if (k == 0)
		return;
	i += k;
	if (i < len && s[i] == ' ')
		i++;
	total = small_number(s + i, len - i, &k);
	if (k == 0 || nth < 1 || nth > total)
		return;
	i += k;
	if (i < len && s[i] == ' ')
		i++;
	if (i >= len)
		return;
	decode(s + i, len - i, &cp);
	if (!pl_uc_is_upper(cp))
		return;
	f->slide = nth;
	f->slides = total;
}

/*
 * A credit after a caption's last sentence, without brackets: "... use of
 * the drug. Getty", "... after it reopened. Ana Brito / AFP".  One to
 * five words end the line, each opening with an ASCII capital and made
 * of letters, digits, non-ASCII bytes and "_.&'-" (or a joiner, above);
 * the line ends in a letter or digit; right before them a word of two
 * or more lower-case ASCII letters ends in ".", "!" or "?".  The
 * lower-case word keeps abbreviations out: "Rep. Jane Doe", "in St.
 * Louis".  Captions end so; text seldom does.
 */
static int
bare_credit_tail_hit(const char *s, size_t len)
{
	size_t end, start, pstart, i, ntok;

	len = rtrim(s, len);
	if (len == 0 || !((unsigned char)s[len - 1] >= 0x80 ||
	                  pl_ascii_isalnum(s[len - 1])))
		return 0;
	for (end = len, ntok = 0; ntok < 5; ntok++, end = start - 1) {
		for (start = end; start > 0 && s[start - 1] != ' '; start--)
			;
		if (start == 0)
			return 0; /* the line's first word */
		if (credit_joiner(s + start, end - start))
			continue;
		if (end == start || !pl_ascii_isupper(s[start]))
			return 0;
		for (i = start; i < end; i++) {
			unsigned char c = (unsigned char)s[i];

			if (!(c >= 0x80 || pl_ascii_isalnum(c) ||
			      (c != '\0' && strchr("_.&'-", c) != NULL)))
				return 0;
		}
		/* the word before it: s[pstart .. start - 1) */
		for (pstart = start - 1; pstart > 0 && s[pstart - 1] != ' ';
		     pstart--)
			;
		if (start - 1 - pstart >= 3 && s[start - 2] != '\0' &&
		    strchr(".!?", s[start - 2]) != NULL) {
			for (i = pstart; i < start - 2; i++)
				if (!pl_ascii_islower(s[i]))
					break;
			if (i == start - 2)
				return 1;
		}
	}
	return 0;
}

/* A white-space character, as the dump's words are split (teasers). */
static int
is_white(int32_t cp)
{
	return cp == ' ' || cp == '\t' || (cp >= 0x80 && pl_uc_is_space(cp));
}

/* What may come right before the capital of a glued teaser: see below. */
static int
glue_before(int32_t a, int32_t b, int32_t c)
{
	if (a >= 0 && pl_uc_is_lower(a))
		return b >= 0 && pl_uc_is_lower(b) && c >= 0 &&
		       pl_uc_is_lower(c);
	return a == '?' || a == '!' || (a >= 0 && pl_uc_is_digit(a));
}

/*
 * A teaser card of another story that the dump ran into one line, its
 * headline glued to its lead: "Customers Leave Without Paying $690 Bill
 * At Troy SteakhouseA party of six left ...".  The glue is a capital
 * right after three lower-case letters (or a digit, "?" or "!") and
 * before a space or a lower-case letter; at least four words come before
 * it, three quarters of those that start with a letter capitalised, and
 * at least four after it, the last ending a sentence.  "McKinley" has one
 * lower-case letter before its capital, "DualShock" no headline before
 * it.  The first glue that has its headline leaves the most words after
 * it, so one pass finds it and counts the words.
 */
static int
glued_teaser(const char *s, size_t len)
{
	/* the last four characters, c1 the newest: the glue is c1 */
	int32_t cp = -1, c1 = -1, c2 = -1, c3 = -1, c4 = -1;
	size_t e = len, i, n, words = 0, alpha = 0, upper = 0, k;
	size_t glue_words = 0; /* words up to the first glue, 0: none */
	int white = 1;

	/* the end: closing marks, then ". ! ? ..." */
	while (e > 0) {
		k = last_char(s, e, &cp);
		if (!in_list(cp, closers))
			break;
		e = k;
	}
	if (cp != '.' && cp != '!' && cp != '?' && cp != 0x2026)
		return 0;
	for (i = 0, k = 0; i < len; i += n, k++) {
		n = step(s + i, len - i, &cp);
		if (glue_words == 0 && k >= 4 && c1 >= 0 &&
		    pl_uc_is_upper(c1) &&
		    (cp == ' ' || (cp >= 0 && pl_uc_is_lower(cp))) &&
		    glue_before(c2, c3, c4) && words >= 4 && alpha > 0 &&
		    4 * upper >= 3 * alpha)
			glue_words = words;
		if (is_white(cp))
			white = 1;
		else if (white) {
			words++;
			if (cp >= 0 && pl_uc_is_letter(cp)) {
				alpha++;
				upper += pl_uc_is_upper(cp) != 0;
			}
			white = 0;
		}
		c4 = c3;
		c3 = c2;
		c2 = c1;
		c1 = cp;
	}
	/* the glue's word is the first after it too */
	return glue_words > 0 && words - glue_words + 1 >= 4;
}

/* The first word of norm (CJK letters skipped) is a byline word. */
static int
byline_hit(const struct bp_model *m, const char *s, size_t e)
{
	size_t i = 0, k;

	while (i < e) {
		int32_t cp;

		k = i;
		while (k < e && s[k] != ' ')
			k++;
		if (!(step(s + i, k - i, &cp) == k - i && is_cjk_letter(cp)))
			return hset_has(&m->byline, set_hash(s + i, k - i));
		i = k + 1;
	}
	return 0;
}

/*
 * The end of a count that starts at s[i]: digits, "." and "," ("1.234",
 * "1,2"), then "k" or "m" ("1.2k").  i itself when s[i] is no digit.
 */
static size_t
count_end(const char *s, size_t i, size_t len)
{
	if (i >= len || !pl_ascii_isdigit((unsigned char)s[i]))
		return i;
	while (i < len && (pl_ascii_isdigit((unsigned char)s[i]) ||
	                   s[i] == '.' || s[i] == ','))
		i++;
	if (i < len && (s[i] == 'k' || s[i] == 'm'))
		i++;
	return i;
}

/* "(6146)", "(1.2k)": a counter. s is lower-cased. */
static int
counter_hit(const char *s, size_t len)
{
	size_t i, j;

	for (i = 0; i + 2 < len; i++) {
		const char *o = memchr(s + i, '(', len - 2 - i);

		if (o == NULL)
			break;
		i = (size_t)(o - s);
		j = count_end(s, i + 1, len);
		if (j > i + 1 && j < len && s[j] == ')')
			return 1;
	}
	return 0;
}

/*
 * "1.2k shares", "48 kommentare": a count (count_end, then "+" if any),
 * one blank and one word that starts with one of counter_words.  s is
 * lower-cased.
 */
static int
counted_hit(const struct bp_model *m, const char *s, size_t len)
{
	size_t i = count_end(s, 0, len), k;

	if (i == 0)
		return 0;
	if (i < len && s[i] == '+')
		i++;
	if (i + 1 >= len || s[i] != ' ' || memchr(s + i + 1, ' ', len - i - 1))
		return 0;
	s += i + 1;
	len -= i + 1;
	for (k = 0; k < m->ncounts; k++)
		if (m->counts[k].len <= len &&
		    memcmp(s, m->counts[k].s, m->counts[k].len) == 0)
			return 1;
	return 0;
}

static int
header_hit(const struct bp_model *m, const char *s, size_t len)
{
	if (len > m->maxheader + 16) /* room for trailing ": >" etc. */
		return 0;
	size_t a = ltrim(s, len), e = rtrim(s, len);

	if (e <= a)
		return hset_has(&m->headers, set_hash("", 0));
	/* strip trailing ":", arrows and the like, then white space */
	for (;;) {
		int32_t cp;
		size_t k;

		if (e <= a)
			break;
		k = last_char(s, e, &cp);
		if (k < a || !in_list(cp, header_strip))
			break;
		e = k;
	}
	e = a + rtrim(s + a, e - a);
	return hset_has(&m->headers, set_hash(s + a, e - a));
}

/* A header word and a colon open the line ("Read more: ..."). */
static int
header_prefix_hit(const struct bp_model *m, const char *s, size_t len)
{
	const char *c =
	    memchr(s, ':', len < m->maxheader + 2 ? len : m->maxheader + 2);
	size_t e;

	if (c == NULL)
		return 0;
	e = rtrim(s, (size_t)(c - s));
	return e > 0 && hset_has(&m->headers, set_hash(s, e));
}

#define NO_SLOT ((size_t)-1)

/*
 * Room for one more element in array v (n used, *cap allocated, size
 * bytes each): returns v or the larger copy, or NULL (no memory; v is
 * untouched).
 */
static void *
room_for_one(void *v, size_t n, size_t *cap, size_t size)
{
	size_t nc;

	if (n < *cap)
		return v;
	nc = *cap ? *cap * 2 : 1024;
	if ((v = realloc(v, nc * size)) != NULL)
		*cap = nc;
	return v;
}

/*
 * Append h, the set_hash of a word of line f just added to pg->norm, to
 * pg->wordh (the headline search reads the body's words from there
 * instead of hashing them again), unless f has LINE_WORDS of them
 * already.  Returns 0, or -1 (no memory).
 */
static int
push_wordh(struct bp_page *pg, const struct feat *f, uint64_t h)
{
	uint64_t *v;

	if (pg->nwordh - f->whoff >= LINE_WORDS)
		return 0;
	v = room_for_one(pg->wordh, pg->nwordh, &pg->wordhcap, sizeof(*v));
	if (v == NULL)
		return -1;
	pg->wordh = v;
	pg->wordh[pg->nwordh++] = h;
	return 0;
}

/*
 * Append the stop-word table slot of a word of line f, n bytes, whose
 * set_hash is h (NO_SLOT when no list has it) to pg->slots, unless f has
 * LINE_WORDS of them already, and add one to counts[l] (when counts is
 * not NULL) for every stop list l that has it.  Returns 0, or -1 (no
 * memory).
 */
static int
word_slot(const struct bp_model *m, struct bp_page *pg, const struct feat *f,
          size_t n, uint64_t h, size_t *counts)
{
	size_t slot = NO_SLOT, k;

	if (n <= m->maxstop) {
		if (m->filter[(h >> 40) % FILTER_BITS / 64] >>
		        ((h >> 40) % 64) &
		    1) {
			slot = hset_slot(&m->stop, h);
			if (m->stop.k[slot] == 0)
				slot = NO_SLOT;
		}
	}
	if (pg->nslots - f->slotoff < LINE_WORDS) {
		size_t *v = room_for_one(pg->slots, pg->nslots, &pg->slotcap,
		                         sizeof(*v));

		if (v == NULL)
			return -1;
		pg->slots = v;
		pg->slots[pg->nslots++] = slot;
	}
	if (slot == NO_SLOT || counts == NULL)
		return 0;
	for (k = 0; k < 2; k++) {
		uint64_t bits = m->stop.mask[slot * 2 + k];

		while (bits != 0) {
			counts[k * 64 + (size_t)lowest_bit(bits)]++;
			bits &= bits - 1;
		}
	}
	return 0;
}

#define NO_ROOM ((size_t)-1)

/*
 * Append word w (n bytes) to norm, after a space unless it is the first
 * word of the line (which starts at off).  Returns where the word
 * starts, or NO_ROOM when memory runs out.  (Inline: a call of
 * pl_buf_append per word was a tenth of the time.)
 */
static size_t
norm_word(struct pl_buf *norm, size_t off, const char *w, size_t n)
{
	size_t at;

	if (norm->cap - norm->len < n + 2 && pl_buf_reserve(norm, n + 2) < 0)
		return NO_ROOM;
	if (norm->len > off)
		norm->data[norm->len++] = ' ';
	at = norm->len;
	memcpy(norm->data + at, w, n);
	norm->len += n;
	return at;
}

/*
 * Compute the signals of one line (s, len: trimmed, not empty).  Appends
 * the line's lower-cased words, separated by spaces, to pg->norm.
 * counts (may be NULL) gets the number of words of each stop list.
 */
static int
line_feats(const struct bp_model *m, const char *s, size_t len,
           struct bp_page *pg, struct feat *f, size_t *counts, size_t *nwords)
{
	size_t i, b0 = 0, blen, alpha = 0, upper = 0, alnum = 0, digits = 0;
	size_t alpha_letters = 0, wstart = 0, wlen = 0, wcps = 0, wbefore;
	int32_t cp, prev = -1;
	unsigned prevc = 0, prev2c = 0, wfirstc = 0, wlastc = 0;
	/* small letters in a row at the word's end, and before its last
	 * code point: glue is a capital after three or more */
	size_t wlow = 0, wlow_before = 0;
	int has_lower_alpha = 0, any_upper = 0, word_has_lower = 0;
	int maybe_glue = 0;
	uint32_t last4 = 0; /* the last four lower-cased ASCII characters */
	uint64_t wh;
	const char *body;
	struct pl_buf *low = &pg->low;

	memset(f, 0, sizeof(*f));
	for (i = 0; bullets[i] != NULL; i++) {
		size_t n = strlen(bullets[i]);

		if (len >= n && memcmp(s, bullets[i], n) == 0) {
			f->bullet = 1;
			b0 = n + ltrim(s + n, len - n);
			break;
		}
	}
	body = s + b0;
	blen = len - b0;
	f->normoff = pg->norm.len;
	f->slotoff = pg->nslots;
	f->whoff = pg->nwordh;

	/* one pass over the code points: words, classes, glue, and the
	 * lower-cased line in low (a word's lower-cased bytes are copied
	 * from there to pg->norm) */
	pl_buf_reset(low);
	if (pl_buf_reserve(low, blen + 1) < 0)
		return -1;
	i = 0;
	while (i <= blen) {
		size_t n = 1, lpos = low->len;
		unsigned c = 0;

		if (wlen > 0 && i < blen && body[i] >= 'a' && body[i] <= 'z') {
			/*
			 * The common case, lower-case ASCII letters inside a
			 * word, as a short loop: what the general step below
			 * would do for each of them, with the state it would
			 * leave (no digit, no capital, no glue, no mark).
			 */
			size_t k = 0;

			do {
				unsigned lc = (unsigned char)body[i];

				low->data[low->len++] = (char)lc;
				last4 = (last4 << 8 | lc) & 0xFFFFFFFFu;
				if (last4 == 0x68747470u ||
				    last4 == 0x2E636F6Du)
					f->url = 1;
				i++;
				k++;
			} while (i < blen && body[i] >= 'a' && body[i] <= 'z');
			wlow_before = wlow + k - 1;
			wlow += k;
			wlastc = C_LETTER | C_LOWER;
			wlen += k;
			wcps += k;
			word_has_lower = 1;
			prev2c = k > 1 ? (C_LETTER | C_LOWER) : prevc;
			prevc = C_LETTER | C_LOWER;
			prev = (unsigned char)body[i - 1];
			continue;
		}
		if (i < blen && (unsigned char)body[i] < 0x80) {
			/* ASCII: no decoding, classes from a table */
			unsigned lc = ascii_lower[(unsigned char)body[i]];

			cp = (unsigned char)body[i];
			c = ascii_cls[cp];
			/* reserved above: ASCII never grows (the NUL is
			 * written after the loop) */
			low->data[low->len++] = (char)lc;
			/* "http", "www.", ".com" or "@": a URL or an
			 * address (the last four characters) */
			last4 = (last4 << 8 | lc) & 0xFFFFFFFFu;
			if (lc == '@' || last4 == 0x68747470u ||
			    last4 == 0x7777772Eu || last4 == 0x2E636F6Du)
				f->url = 1;
			/* separators and commas (see count_marks) */
			if (lc == '|')
				f->pipes++;
			else if (lc == ',')
				f->commas++;
			else if (lc == '>' && prev == ' ' && i + 1 < blen &&
			         body[i + 1] == ' ')
				f->pipes++;
		} else if (i < blen) {
			n = step(body + i, blen - i, &cp);
			c = cls_page(pg, cp);
			switch (cp) {
			case 0x00B7:
			case 0x2022:
			case 0x203A:
				f->pipes++;
				break;
			case 0xFF0C:
			case 0x3001:
				f->commas++;
				break;
			default:
				break;
			}
			/* not ASCII: breaks "http" etc. */
			last4 = 0;
			if (cp < 0 || !(c & C_CASED)) {
				/* bad bytes, or a character that is its own
				 * lower case: copied (the room reserved for
				 * the rest of the line holds them) */
				memcpy(low->data + low->len, body + i, n);
				low->len += n;
			} else if (pl_buf_reserve(low, blen - i + 4) < 0 ||
			           pl_buf_put_cp(low, pl_uc_tolower(cp)) < 0)
				return -1;
		} else
			cp = -2; /* end: flush the last word */
		if (c & C_DIGIT)
			digits++;
		if (c & C_UPPER)
			any_upper = 1;
		if ((prev == '.' || prev == '?' || prev == '!') &&
		    (c & C_UPPER) && (prev2c & C_LOWER))
			f->glued = 1;
		/* a capital right after a small letter, a digit, "?" or
		 * "!": glued_teaser is worth asking */
		if ((c & C_UPPER) && ((prevc & (C_LOWER | C_DIGIT)) ||
		                      prev == '?' || prev == '!'))
			maybe_glue = 1;
		if ((c & C_CJK) || !(c & C_WORD)) {
			if (wlen > 0) {
				/* a word ends */
				f->nword++;
				alnum += wcps;
				if (wfirstc & C_LETTER) {
					alpha++;
					alpha_letters += wcps;
					if (wfirstc & C_UPPER)
						upper++;
					if (word_has_lower)
						has_lower_alpha = 1;
				}
				/* "SteakhouseA party", not "PhD", "AfD",
				 * "GmbH" */
				if ((wlastc & C_UPPER) && wlow_before >= 3)
					f->glued = 1;
				wbefore = norm_word(&pg->norm, f->normoff,
				                    low->data + wstart,
				                    lpos - wstart);
				if (wbefore == NO_ROOM)
					return -1;
				wh = set_hash(pg->norm.data + wbefore,
				              pg->norm.len - wbefore);
				if (push_wordh(pg, f, wh) < 0 ||
				    (m->nlangs > 0 &&
				     word_slot(m, pg, f, pg->norm.len - wbefore,
				               wh, counts) < 0))
					return -1;
				(*nwords)++;
				wlen = wcps = wlow = 0;
				word_has_lower = 0;
			}
			if (c & C_CJK) {
				f->ncjk++;
				alnum++;
				wbefore = norm_word(&pg->norm, f->normoff,
				                    low->data + lpos,
				                    low->len - lpos);
				if (wbefore == NO_ROOM)
					return -1;
				wh = set_hash(pg->norm.data + wbefore,
				              pg->norm.len - wbefore);
				if (push_wordh(pg, f, wh) < 0)
					return -1;
			}
		} else {
			if (wlen == 0) {
				wstart = lpos; /* in low */
				wfirstc = c;
			}
			wlow_before = wlow;
			wlow = (c & C_LOWER) ? wlow + 1 : 0;
			wlastc = c;
			wlen += n;
			wcps++;
			if (c & C_LOWER)
				word_has_lower = 1;
		}
		prev2c = prevc;
		prevc = c;
		prev = cp;
		i += n;
	}
	low->data[low->len] = '\0';
	f->normlen = pg->norm.len - f->normoff;
	f->nwh = pg->nwordh - f->whoff;
	/* within the page (repetition) the faster hash does */
	f->normh = set_hash(pg->norm.data + f->normoff, f->normlen);
	f->nw = (double)f->nword + (double)f->ncjk / 2.0;
	f->lnw = log1p(f->nw);
	f->tc = alpha > 0 ? (double)upper / (double)alpha : 0.0;
	f->allcaps =
	    alpha > 0 && alpha_letters >= 3 && !has_lower_alpha && any_upper;
	f->digits = (double)digits / (double)(alnum > 0 ? alnum : 1);

	/* the end of the line, closing quotes and brackets skipped */
	{
		size_t e = rtrim(body, blen);

		while (e > 0) {
			size_t k = last_char(body, e, &cp);

			if (!in_list(cp, closers))
				break;
			e = rtrim(body, k);
		}
		if (e > 0) {
			last_char(body, e, &cp);
			f->term = in_list(cp, terminals);
			f->colon = cp == ':' || cp == 0xFF1A;
		}
	}
	if (blen > 0) {
		decode(body, blen, &cp);
		f->quote = in_list(cp, openers);
	}

	marks_hit(m, low->data, low->len, f);
	f->notice = f->notice && f->nw <= NOTICE_WORDS;
	if (f->nword + f->ncjk >= 4 && credit_tail_hit(body, blen))
		f->credit = 1;
	if (f->nword + f->ncjk >= 6 && bare_credit_tail_hit(body, blen))
		f->credit = 1;
	if (!f->bullet)
		slide_counter(body, blen, f);
	f->header = header_hit(m, low->data, low->len);
	f->counted = counted_hit(m, low->data, low->len);
	f->counter = f->counted || counter_hit(low->data, low->len);
	f->hpre = header_prefix_hit(m, low->data, low->len);
	f->clock = clock_hit(body, blen);
	f->teaser = maybe_glue && glued_teaser(s, len);
	f->byline = f->nw <= 12 &&
	            byline_hit(m, pg->norm.data + f->normoff, f->normlen);
	return 0;
}

/* The words of line f whose stop-word slots are stored (word_slot). */
static size_t
stored_words(const struct feat *f)
{
	return f->nword < LINE_WORDS ? f->nword : LINE_WORDS;
}

/*
 * Count the words of line f that are in stop list lang, among the first
 * stored_words(f) of them.
 */
static size_t
stop_count(const struct bp_model *m, const struct bp_page *pg,
           const struct feat *f, int lang)
{
	size_t i, c = 0;

	if (m->nlangs == 0)
		return 0;
	for (i = 0; i < stored_words(f); i++) {
		size_t slot = pg->slots[f->slotoff + i];

		if (slot != NO_SLOT &&
		    (m->stop.mask[slot * 2 + (size_t)lang / 64] >> (lang % 64) &
		     1))
			c++;
	}
	return c;
}

/* ------------------------------------------------------------ scoring */

static double
sigmoid(double z)
{
	if (z < -30)
		return 1e-13;
	if (z > 30)
		return 1 - 1e-13;
	return 1 / (1 + exp(-z));
}

static double
dotp(const double *w, const double *x, size_t n)
{
	double z = 0;
	size_t i;

	for (i = 0; i < n; i++)
		z += w[i] * x[i];
	return z;
}

static int
grow(struct bp_page *pg, size_t n)
{
	if (n > pg->cap) {
		size_t cap = pg->cap ? pg->cap : 64;
		struct bp_line *l;
		struct feat *f;
		size_t *o;

		while (cap < n)
			cap *= 2;
		if ((l = realloc(pg->lines, cap * sizeof(*l))) == NULL)
			return -1;
		pg->lines = l;
		if ((f = realloc(pg->work, cap * sizeof(*f))) == NULL)
			return -1;
		pg->work = f;
		if ((o = realloc(pg->normoff, cap * sizeof(*o))) == NULL)
			return -1;
		pg->normoff = o;
		pg->cap = cap;
	}
	return 0;
}

/* Grow one scratch array to cap items of size sz; 0 or -1. */
static int
grow_one(void **v, size_t cap, size_t sz)
{
	void *n = realloc(*v, cap * sz);

	if (n == NULL)
		return -1;
	*v = n;
	return 0;
}

static int
grow_scratch(struct bp_page *pg, size_t n)
{
	void *v[7];
	size_t cap = n + 1, i;
	static const size_t sz[7] = {sizeof(double),
	                             sizeof(double),
	                             sizeof(double),
	                             sizeof(double),
	                             sizeof(long),
	                             sizeof(long),
	                             1};

	if (cap <= pg->scap)
		return 0;
	v[0] = pg->p;
	v[1] = pg->q;
	v[2] = pg->prefix;
	v[3] = pg->gain;
	v[4] = pg->dprev;
	v[5] = pg->dnext;
	v[6] = pg->rep;
	for (i = 0; i < 7; i++)
		if (grow_one(&v[i], cap, sz[i]) < 0)
			break;
	pg->p = v[0];
	pg->q = v[1];
	pg->prefix = v[2];
	pg->gain = v[3];
	pg->dprev = v[4];
	pg->dnext = v[5];
	pg->rep = v[6];
	if (i < 7)
		return -1;
	pg->scap = cap;
	return 0;
}

/* Repetition counts: a table of (hash, count) pairs in pg->tab. */
static int
count_repeats(struct bp_page *pg, const struct feat *F, size_t n,
              unsigned char *rep)
{
	size_t cap = 16, i;

	while (cap < n * 2 + 1)
		cap *= 2;
	if (cap * 2 > pg->tabcap) {
		uint64_t *t = realloc(pg->tab, cap * 2 * sizeof(*t));

		if (t == NULL)
			return -1;
		pg->tab = t;
		pg->tabcap = cap * 2;
	}
	memset(pg->tab, 0, cap * 2 * sizeof(*pg->tab));
	for (i = 0; i < n; i++) {
		uint64_t h = nonzero(F[i].normh);
		size_t k = (size_t)h & (cap - 1);

		while (pg->tab[k * 2] != 0 && pg->tab[k * 2] != h)
			k = (k + 1) & (cap - 1);
		pg->tab[k * 2] = h;
		pg->tab[k * 2 + 1]++;
	}
	for (i = 0; i < n; i++) {
		uint64_t h = nonzero(F[i].normh);
		size_t k = (size_t)h & (cap - 1);

		while (pg->tab[k * 2] != h)
			k = (k + 1) & (cap - 1);
		rep[i] = pg->tab[k * 2 + 1] > 1;
	}
	return 0;
}

/* log1p(d) / 4 for d = 0..50, as libm computes it (a table: the
 * distance signals take it three times a line) */
static const double log1p_quarter[51] = {0,
                                         0.17328679513998632,
                                         0.27465307216702739,
                                         0.34657359027997264,
                                         0.40235947810852507,
                                         0.44793986730701374,
                                         0.48647753726382831,
                                         0.51986038541995894,
                                         0.54930614433405489,
                                         0.57564627324851148,
                                         0.59947381819959267,
                                         0.62122666244700009,
                                         0.64123733936538418,
                                         0.65976433240381471,
                                         0.67701255027555252,
                                         0.69314718055994529,
                                         0.70830333601405404,
                                         0.72259293947404113,
                                         0.73610974479161007,
                                         0.74893306838849771,
                                         0.76113060943085575,
                                         0.77276061333957902,
                                         0.78387355398228742,
                                         0.79451345758698644,
                                         0.80471895621705014,
                                         0.81452413450537053,
                                         0.82395921650108228,
                                         0.83305112754380095,
                                         0.84182395749661854,
                                         0.85029934541553887,
                                         0.85849680112128657,
                                         0.86643397569993164,
                                         0.87412689036662006,
                                         0.88159013115404039,
                                         0.88883701537235338,
                                         0.89587973461402748,
                                         0.90272947816105609,
                                         0.90939653993159641,
                                         0.91589041153241157,
                                         0.92221986352848406,
                                         0.92839301667607699,
                                         0.9344174045708421,
                                         0.9403000289233906,
                                         0.94604740847956525,
                                         0.95166562244257991,
                                         0.95716034912227377,
                                         0.96253690042751461,
                                         0.96780025272697268,
                                         0.97295507452765662,
                                         0.97800575135703649,
                                         0.98295640818108143};

static double
log1p_cap(long d)
{
	return log1p_quarter[d < 0 ? 0 : d < 50 ? d : 50];
}

/* Distances (in lines) to the nearest long line before and after. */
static void
distances(struct bp_page *pg, const struct feat *F, size_t n)
{
	size_t j;
	long last = -1000000000L;

	for (j = 0; j < n; j++) {
		if (F[j].islong)
			last = (long)j;
		pg->dprev[j] = (long)j - last;
	}
	last = 2000000000L;
	for (j = n; j-- > 0;) {
		if (F[j].islong)
			last = (long)j;
		pg->dnext[j] = last - (long)j;
	}
}

/*
 * Step 1 signals of line j into x[BP_NLINE] (computed when needed rather
 * than stored: a page of a million short lines stays small).
 */
static void
line_vec(const struct bp_page *pg, const struct feat *F, size_t n, size_t j,
         double *x)
{
	const struct feat *f = &F[j];
	size_t a = j >= 3 ? j - 3 : 0, b = j + 4 < n ? j + 4 : n, k;
	long d = pg->dprev[j] < pg->dnext[j] ? pg->dprev[j] : pg->dnext[j];
	double nl = 0, c;

	for (k = a; k < b; k++)
		nl += F[k].islong;
	c = (double)f->commas / (f->nw + 1);
	x[0] = 1;
	x[1] = f->lnw;
	x[2] = (f->nw < 60 ? f->nw : 60) / 60;
	x[3] = f->nw <= 2;
	x[4] = f->nw <= 5;
	x[5] = f->bullet;
	x[6] = f->term;
	x[7] = f->colon;
	x[8] = f->tc;
	x[9] = f->allcaps;
	x[10] = f->sd;
	x[11] = pg->lang >= 0;
	x[12] = f->phrase;
	x[13] = f->phrase && f->nw <= 12;
	x[14] = f->header;
	x[15] = f->counter;
	/* a menu lists three things or more; one separator joins two
	 * ("Derek Jarman | The Garden", "05.12.2022 | Paris", "Home >
	 * News"), and the other signals judge such a line */
	x[16] = (f->pipes < 2 ? 0 : f->pipes > 5 ? 4 : f->pipes - 1) / 4.0;
	x[17] = (c < 0.5 ? c : 0.5) * 2;
	x[18] = f->url;
	x[19] = f->quote;
	x[20] = f->digits;
	x[21] = pg->rep[j];
	x[22] = log1p_cap(d);
	x[23] = log1p_cap(pg->dprev[j]);
	x[24] = log1p_cap(pg->dnext[j]);
	x[25] = (double)j / (double)(n > 1 ? n - 1 : 1);
	x[26] = nl / (double)(b - a);
	x[27] = j > 0 ? F[j - 1].lnw : 0;
	x[28] = j + 1 < n ? F[j + 1].lnw : 0;
	x[29] = j > 0 ? F[j - 1].term : 0;
	x[30] = j + 1 < n ? F[j + 1].term : 0;
	x[31] = j > 0 ? F[j - 1].bullet : 0;
	x[32] = j + 1 < n ? F[j + 1].bullet : 0;
	x[33] = (double)f->ncjk > f->nw;
	x[34] = f->glued;
	x[35] = f->credit;
	x[36] = f->hpre;
	x[37] = f->byline;
	x[38] = f->clock;
}

/* Largest sum of gain over a run of lines: stores the run in *bs..*be. */
static void
best_run(const double *gain, size_t n, size_t *bs, size_t *be)
{
	double best = -1e300, cur = 0;
	size_t s0 = 0, j;

	*bs = *be = 0;
	for (j = 0; j < n; j++) {
		if (cur <= 0) {
			cur = 0;
			s0 = j;
		}
		cur += gain[j];
		if (cur > best) {
			best = cur;
			*bs = s0;
			*be = j;
		}
	}
}

/* Mean of the step 1 scores of lines j-h..j+h (clipped to the page). */
static double
mean_around(const struct bp_page *pg, size_t n, size_t j, size_t h)
{
	size_t lo = j >= h ? j - h : 0, hi = j + h + 1 < n ? j + h + 1 : n;

	return (pg->prefix[hi] - pg->prefix[lo]) / (double)(hi - lo);
}

/* Sum of the step 1 scores of lines j-3..j+3 (clipped to the page). */
static double
window_sum(const struct bp_page *pg, size_t n, size_t j)
{
	size_t lo = j >= 3 ? j - 3 : 0, hi = j + 4 < n ? j + 4 : n;

	return pg->prefix[hi] - pg->prefix[lo];
}

/* Page facts step 2 needs: the best run of line scores, prefix sums. */
static void
context_prepare(struct bp_page *pg, const struct feat *F, size_t n)
{
	size_t j;

	for (j = 0; j < n; j++)
		pg->gain[j] = (pg->p[j] - 0.5) *
		              (0.2 + (F[j].nw < 60 ? F[j].nw : 60) / 60);
	best_run(pg->gain, n, &pg->bs, &pg->be);
	pg->prefix[0] = 0;
	pg->pmax = 0;
	for (j = 0; j < n; j++) {
		pg->prefix[j + 1] = pg->prefix[j] + pg->p[j];
		if (pg->p[j] > pg->pmax)
			pg->pmax = pg->p[j];
	}
	/* the best sum of scores over a window of 7 lines (clipped) */
	pg->wmax = 0;
	for (j = 0; j < n; j++) {
		double w = window_sum(pg, n, j);

		if (w > pg->wmax)
			pg->wmax = w;
	}
}

/* Step 2 signals of line j into x[BP_NCTX]. */
static void
ctx_vec(const struct bp_page *pg, const struct feat *F, size_t n, size_t j,
        double *x)
{
	const double *p = pg->p;
	double mp = 0, mn = 0, pa, pb;
	size_t k, d, bs = pg->bs, be = pg->be;
	int inb = j >= bs && j <= be;

	for (k = j >= 3 ? j - 3 : 0; k < j; k++)
		if (p[k] > mp)
			mp = p[k];
	for (k = j + 1; k < n && k < j + 4; k++)
		if (p[k] > mn)
			mn = p[k];
	d = inb ? 0 : j < bs ? bs - j : j - be;
	pa = p[j] > 1e-6 ? p[j] : 1e-6;
	pb = 1 - p[j] > 1e-6 ? 1 - p[j] : 1e-6;
	x[0] = 1;
	x[1] = log(pa / pb) / 5;
	x[2] = mean_around(pg, n, j, 1);
	x[3] = mean_around(pg, n, j, 3);
	x[4] = mean_around(pg, n, j, 8);
	x[5] = mp < mn ? mp : mn;
	x[6] = mp;
	x[7] = mn;
	x[8] = inb;
	x[9] = log1p((double)d) / 4;
	x[10] = j < bs;
	x[11] = j > be;
	x[12] = F[j].lnw;
	x[13] = F[j].bullet;
	x[14] = F[j].term;
	x[15] = F[j].phrase;
	x[16] = F[j].header;
	x[17] = pg->rep[j];
	/* the line and its window relative to the best of the page */
	x[18] = p[j] / (pg->pmax > 0 ? pg->pmax : 1);
	x[19] = window_sum(pg, n, j) / (pg->wmax > 1e-9 ? pg->wmax : 1e-9);
	x[20] = F[j].credit;
	x[21] = F[j].hpre;
	x[22] = F[j].byline;
	x[23] = F[j].clock;
}

/*
 * Keep or drop line l for reason why: a rule that overrides the scores
 * always says so (--explain).
 */
static void
keep_line(struct bp_line *l, enum bp_why why)
{
	l->keep = 1;
	l->why = why;
}

static void
drop_line(struct bp_line *l, enum bp_why why)
{
	l->keep = 0;
	l->why = why;
}

/*
 * A rule's drop before the main block is chosen: line j scores 0 as well,
 * so that neither the main block nor the fallback's ranking takes it.
 */
static void
zero_line(struct bp_page *pg, double *q, size_t j, enum bp_why why)
{
	q[j] = 0;
	pg->lines[j].score = 0;
	drop_line(&pg->lines[j], why);
}

/*
 * Teaser cards glued into lines (glued_teaser) come in groups: a line
 * with another within TEASER_NEAR lines is another story's, and scores
 * 0 before the main block is chosen, so that the cards do not make a
 * block of their own.  One such line alone may be a name ("SciSpacE").
 */
static void
drop_teasers(struct bp_page *pg, const struct feat *F, size_t n, double *q)
{
	size_t j, k, lo, hi;

	for (j = 0; j < n; j++) {
		if (!F[j].teaser)
			continue;
		lo = j >= TEASER_NEAR ? j - TEASER_NEAR : 0;
		hi = j + TEASER_NEAR < n ? j + TEASER_NEAR : n - 1;
		for (k = lo; k <= hi; k++)
			if (k != j && F[k].teaser)
				break;
		if (k > hi)
			continue;
		zero_line(pg, q, j, BP_WHY_TEASER);
	}
}

/*
 * A photo gallery dumped as text: each caption opens with its slide
 * counter (slide_counter).  Two counters with one total and two numbers
 * make a gallery, and its captions go, whatever they scored (one "2 of 3
 * Americans ..." alone is a sentence).  A rule, as for glued teasers:
 * the scorers never learn the signal, so it moves no weight.
 */
static void
drop_gallery_captions(struct bp_page *pg, const struct feat *F, size_t n,
                      double *q)
{
	unsigned short first[MAX_SLIDES]; /* the first number of a total */
	unsigned char twice[MAX_SLIDES];  /* a second number seen */
	size_t j;
	int any = 0;

	for (j = 0; j < n && !any; j++)
		any = F[j].slides > 0;
	if (!any)
		return;
	memset(first, 0, sizeof(first));
	memset(twice, 0, sizeof(twice));
	for (j = 0; j < n; j++) {
		unsigned t = F[j].slides;

		if (t == 0)
			continue;
		if (first[t] == 0)
			first[t] = (unsigned short)F[j].slide;
		else if (first[t] != F[j].slide)
			twice[t] = 1;
	}
	for (j = 0; j < n; j++)
		if (F[j].slides > 0 && twice[F[j].slides])
			zero_line(pg, q, j, BP_WHY_GALLERY);
}

/* The highest of scores s, the site's template lines left out (0 if none). */
static double
top_score(const struct bp_page *pg, const double *s, size_t n)
{
	double mx = 0;
	size_t j;

	for (j = 0; j < n; j++)
		if (s[j] > mx && pg->lines[j].why != BP_WHY_TEMPLATE)
			mx = s[j];
	return mx;
}

/* Headline: the best candidate above the first kept line, or -1. */
static long
find_title(const struct bp_model *m, struct bp_page *pg, const struct feat *F,
           size_t n, const char *text)
{
	struct hset body = {NULL, NULL, 0};
	size_t first, j, nk, nbody = 0, win = (size_t)m->set.title_window;
	long best = -1;
	double bs = -1e300;

	(void)text;
	for (first = 0; first < n && !pg->lines[first].keep; first++)
		continue;
	if (first == n)
		return -1;
	/* the words of the first BODY_LINES kept lines */
	for (j = 0, nk = 0; j < n && nk < BODY_LINES; j++)
		if (pg->lines[j].keep) {
			nbody += F[j].nwh;
			nk++;
		}
	/* the set lives in pg->body, reused from page to page */
	body.cap = 16;
	while (body.cap < nbody * 2 + 1)
		body.cap *= 2;
	if (body.cap > pg->bodycap) {
		uint64_t *k = realloc(pg->body, body.cap * sizeof(*k));

		if (k == NULL)
			return -2;
		pg->body = k;
		pg->bodycap = body.cap;
	}
	body.k = pg->body;
	memset(body.k, 0, body.cap * sizeof(*body.k));
	for (j = 0, nk = 0; j < n && nk < BODY_LINES; j++) {
		size_t i;

		if (!pg->lines[j].keep)
			continue;
		nk++;
		for (i = 0; i < F[j].nwh; i++)
			hset_add(&body, pg->wordh[F[j].whoff + i]);
	}
	for (j = first >= win ? first - win : 0; j < n && j < first + 3; j++) {
		const struct feat *f = &F[j];
		const char *s = pg->norm.data + f->normoff;
		double x[BP_NTITLE], z;
		size_t i = 0, e = f->normlen, nw = 0, ov = 0, k;
		int rep = 0, sup = 0, by = -1;

		if (f->nw < 1 || f->nw > 40) {
			if (j >= first)
				break;
			continue;
		}
		/* its words (CJK letters aside), hashed by the line pass */
		for (k = f->whoff; i < e && k < f->whoff + f->nwh; k++) {
			int32_t cp;
			size_t w = i;

			while (w < e && s[w] != ' ')
				w++;
			if (!(step(s + i, w - i, &cp) == w - i &&
			      is_cjk_letter(cp))) {
				uint64_t h = pg->wordh[k];

				if (by < 0)
					by = hset_has(&m->byline, h);
				nw++;
				ov += hset_has(&body, h);
			}
			i = w + 1;
		}
		{
			size_t lo = j >= REP_WINDOW ? j - REP_WINDOW : 0;
			size_t hi =
			    j + REP_WINDOW + 1 < n ? j + REP_WINDOW + 1 : n;

			/* another line inside this one ("Title - Site") */
			for (k = lo; k < hi && !sup; k++)
				if (k != j && F[k].normlen >= 20 &&
				    F[k].normlen < e && 2 * F[k].normlen >= e &&
				    has_sub(s, e, pg->norm.data + F[k].normoff,
				            F[k].normlen))
					sup = 1;
			if (sup)
				continue; /* "Title - Site", a breadcrumb */
			/* the line repeated in another one (a share or
			 * breadcrumb line naming the story) */
			for (k = lo; k < hi && !rep && f->normlen >= 10; k++)
				if (k != j &&
				    has_sub(pg->norm.data + F[k].normoff,
				            F[k].normlen, s, e))
					rep = 1;
		}
		x[0] = 1;
		x[1] = f->tc;
		x[2] = f->term;
		x[3] = (f->nw < 20 ? f->nw : 20) / 20;
		x[4] = f->nw <= 3;
		x[5] = f->nw > 25;
		x[6] = ((double)first - (double)j) / (double)win;
		x[7] = j == first;
		x[8] = f->bullet;
		x[9] = f->header;
		x[10] = f->phrase;
		x[11] = f->pipes > 0;
		x[12] = f->digits;
		x[13] = f->colon;
		x[14] = f->url;
		x[15] = f->counter;
		x[16] = (double)ov / (double)(nw > 0 ? nw : 1);
		x[17] = rep;
		x[18] = f->sd;
		x[19] = f->allcaps;
		x[20] = f->quote;
		x[21] = by > 0;
		x[22] = sup;
		x[23] = f->credit;
		/* a byline right below: "Headline / By Jane Doe / date" */
		x[24] = 0;
		for (k = j + 1; k < n && k <= j + 3; k++)
			if (F[k].byline)
				x[24] = 1;
		z = dotp(m->wt, x, BP_NTITLE);
		if (z > bs) {
			bs = z;
			best = (long)j;
		}
		/* the first kept line that can be a headline, unless it is
		 * a breadcrumb: separators and no sentence end */
		if (j >= first && pg->lines[j].keep &&
		    !(f->pipes > 0 && !f->term))
			break;
	}
	if (best >= 0 && bs > m->set.title_threshold)
		return best;
	return -1;
}

/*
 * Keep only the kept lines of the main block (the run of lines with the
 * largest word-weighted score mass) or of runs with at least half its
 * mass: teaser and comment blocks far from the article go.
 */
static void
main_block(const struct bp_model *m, struct bp_page *pg, const double *q,
           double *cum, const struct feat *F, size_t n)
{
	double best = -1e300, cur = 0, g, cap = m->set.block_drop_cap;
	size_t j, s0 = 0, *start = pg->normoff, k;
	const size_t ok = (size_t)-1;

	/* pg->normoff is free scratch once the signals are computed */
	for (j = 0; j < n; j++) {
		if (cur <= 0) {
			cur = 0;
			s0 = j;
		}
		g = (q[j] - 0.5) * (1 + (F[j].nw < 40 ? F[j].nw : 40));
		cur += g > -cap ? g : -cap;
		cum[j] = cur;
		start[j] = s0;
		if (cur > best)
			best = cur;
	}
	/* from the end: a run ending at j with enough mass is kept whole
	 * (its lines are marked ok in start[], which is not read again) */
	j = n;
	while (j > 0) {
		j--;
		if (cum[j] >= 0.5 * best && cum[j] > 0) {
			size_t a = start[j];

			for (k = a; k <= j; k++)
				start[k] = ok;
			j = a;
		}
	}
	for (j = 0; j < n; j++) {
		struct bp_line *l = &pg->lines[j];

		if (l->keep && start[j] != ok)
			drop_line(l, BP_WHY_OFFBLOCK);
	}
}

/*
 * Reader comments read like article text, so the scorers keep them.  What
 * gives them away is the line that opens them: short, naming them ("167
 * comments", "Leave a Reply", "Kommentare"), not kept itself, and below
 * at least comment_min_words words of kept article.  A comments button
 * inside the article (a share bar) is followed directly by article text,
 * so the line after the header must not be a kept one.  A longer line
 * made of a count and a comment word and the story's title ("10 thoughts
 * on "Title"", "3 Kommentare zu ...") is no button: kept or not, and
 * whatever follows it, it opens the comments.  The header and the kept
 * lines below it are dropped.
 */

/* A count, then one of comment_words within the next two words. */
static int
counted_comments(const struct bp_model *m, const char *s, size_t len)
{
	size_t a, b, words = 0, k;

	for (a = 0; a < len && s[a] >= '0' && s[a] <= '9'; a++)
		;
	if (a == 0 || a >= len || s[a] != ' ')
		return 0;
	for (b = a + 1; b < len; b++)
		if (s[b] == ' ' && ++words == 2)
			break;
	for (k = 0; k < m->ncomments; k++)
		if (has_sub(s + a + 1, b - a - 1, m->comments[k].s,
		            m->comments[k].len))
			return 1;
	return 0;
}

/* A longer line of a count and a comment word: the comments' own header. */
static int
counted_header(const struct bp_model *m, const struct bp_page *pg,
               const struct feat *f)
{
	return f->nw > 6 &&
	       counted_comments(m, pg->norm.data + f->normoff, f->normlen);
}

static void
drop_comments(const struct bp_model *m, struct bp_page *pg,
              const struct feat *F, size_t n)
{
	size_t j, k;
	double kw = 0;

	if (m->ncomments == 0)
		return;
	for (j = 0; j + 1 < n; j++) {
		const char *s = pg->norm.data + F[j].normoff;
		int hit = 0, counted = counted_header(m, pg, &F[j]);

		if (pg->lines[j].keep && !counted) {
			kw += F[j].nw;
			continue;
		}
		if (kw < (double)m->set.comment_min_words)
			continue;
		if (!counted &&
		    (F[j].nw > 6 || F[j].nw < 1 || pg->lines[j + 1].keep))
			continue;
		for (k = 0; k < m->ncomments && !hit && !counted; k++)
			hit = has_sub(s, F[j].normlen, m->comments[k].s,
			              m->comments[k].len);
		if (!hit && !counted)
			continue;
		for (k = j; k < n; k++)
			if (pg->lines[k].keep)
				drop_line(&pg->lines[k], BP_WHY_COMMENTS);
		return;
	}
}

/*
 * Comments longer than the article, with a footer or a form between them,
 * make a run of text that outweighs the article's, and the main block
 * would be the comments.  So a counted header below comment_min_words
 * words of kept text ends the page before the main block is chosen: it
 * and the lines below it are dropped, and their scores zeroed so that
 * neither the main block nor the fallback can take them.
 */
static void
end_at_comments(const struct bp_model *m, struct bp_page *pg, double *q,
                const struct feat *F, size_t n)
{
	size_t j, k;
	double kw = 0;

	for (j = 0; j < n && m->ncomments > 0; j++) {
		if (kw >= (double)m->set.comment_min_words &&
		    counted_header(m, pg, &F[j])) {
			for (k = j; k < n; k++) {
				q[k] = 0;
				if (pg->lines[k].keep)
					drop_line(&pg->lines[k],
					          BP_WHY_COMMENTS);
			}
			return;
		}
		if (pg->lines[j].keep)
			kw += F[j].nw;
	}
}

/*
 * Lines near the headline that contain it and more ("Home > News >
 * Headline", "Headline - Site", "Share: Headline") are boilerplate.
 */
static void
drop_title_copies(const struct bp_model *m, struct bp_page *pg,
                  const struct feat *F, size_t n, size_t t)
{
	size_t win = (size_t)m->set.title_window, j;
	const char *ts = pg->norm.data + F[t].normoff;
	size_t tn = F[t].normlen;

	if (tn < 10)
		return;
	for (j = t >= win ? t - win : 0; j < n && j <= t + win; j++) {
		struct bp_line *l = &pg->lines[j];

		if (j != t && l->keep && F[j].normlen > tn &&
		    F[j].normlen <= 2 * tn &&
		    has_sub(pg->norm.data + F[j].normoff, F[j].normlen, ts, tn))
			drop_line(l, BP_WHY_TITLE_COPY);
	}
}

/*
 * The list mark of a line: the number of an item "12. " or "12) " plus
 * one, with kind 2; the index of its bullet ("- ", "* ", ...) and more
 * text, with kind 4; or the hash of a short label before ": " ("Q", "A",
 * "Path B": one or two words of at most 15 bytes, then a colon, a blank
 * and more text), with kind 1.  Returns the kind, 0 for none.
 */
static int
list_mark(const char *s, size_t len, uint64_t *mark)
{
	size_t i, w = 0, words = 1;
	uint64_t v = 0;

	for (i = 0; i < len && i < 3 && s[i] >= '0' && s[i] <= '9'; i++)
		v = v * 10 + (uint64_t)(s[i] - '0');
	if (i > 0 && i + 1 < len && (s[i] == '.' || s[i] == ')') &&
	    s[i + 1] == ' ') {
		*mark = v + 1;
		return 2;
	}
	for (i = 0; bullets[i] != NULL; i++) {
		size_t b = strlen(bullets[i]);

		if (len > b && memcmp(s, bullets[i], b) == 0) {
			*mark = i;
			return 4;
		}
	}
	for (i = 0; i < len; i++) {
		if (s[i] == ':') {
			if (w == 0 || i + 2 >= len ||
			    (s[i + 1] != ' ' && s[i + 1] != '\t'))
				return 0;
			*mark = bp_hash(s, i);
			return 1;
		}
		if (s[i] == ' ') {
			if (w == 0 || ++words > 2)
				return 0;
			w = 0;
		} else if (++w > 15) {
			return 0;
		}
	}
	return 0;
}

/*
 * A line that list rules must not touch: a boilerplate phrase, header
 * word, link, counter, credit or byline, or the site's template.
 */
static int
not_a_list_item(const struct bp_line *l, const struct feat *f)
{
	return l->why == BP_WHY_TEMPLATE || f->phrase || f->header || f->hpre ||
	       f->url || f->counter || f->credit || f->byline;
}

/*
 * A line not kept that opens like a kept line above it continues that
 * list (bits of list_continue): 1, the same label as a line up to six
 * lines up, all lines between kept ("Q: ...", "A: ..."); 2, the next
 * item number after the line above; 4, the same bullet as the two lines
 * above (one kept bullet item is often a teaser that scored well, two
 * make a list).  So an interview's short answers and the last items of
 * a list after the last paragraph stay with the article.  A line with a
 * boilerplate phrase, header word, link, counter, credit or byline does
 * not continue a list.
 */
static void
continue_lists(const struct bp_model *m, struct bp_page *pg,
               const struct feat *F, size_t n, const char *text)
{
	size_t j, d;
	long bits = m->set.list_continue;

	if (bits == 0)
		return;
	for (j = 1; j < n; j++) {
		struct bp_line *l = &pg->lines[j];
		const struct feat *f = &F[j];
		uint64_t mk, ma;
		int kind;

		if (l->keep || not_a_list_item(l, f))
			continue;
		kind = list_mark(text + l->start, l->len, &mk);
		if (kind == 0 || !(bits & kind))
			continue;
		if (kind == 4) { /* two kept items with the same bullet */
			for (d = 1; d <= 2 && d <= j; d++) {
				const struct bp_line *a = &pg->lines[j - d];

				if (!a->keep ||
				    !list_mark(text + a->start, a->len, &ma) ||
				    ma != mk || !F[j - d].bullet)
					break;
			}
			if (d == 3)
				keep_line(l, BP_WHY_LIST);
			continue;
		}
		for (d = 1; d <= (kind == 1 ? 6u : 1u) && d <= j; d++) {
			const struct bp_line *a = &pg->lines[j - d];

			if (!a->keep)
				break;
			if (list_mark(text + a->start, a->len, &ma) != kind ||
			    (kind == 1 ? ma != mk : ma + 1 != mk))
				continue;
			keep_line(l, BP_WHY_LIST);
			break;
		}
	}
}

/*
 * Whether list item s (trimmed, of the kind and mark list_mark gave)
 * holds data: an ASCII digit, or a colon followed by at most four words
 * ("Laufzeit: drei Jahre").  The mark itself does not count.
 */
static int
data_item(const char *s, size_t len, int kind, uint64_t mark)
{
	const char *c, *end = s + len;
	size_t words = 0;
	char prev;

	if (kind == 4) {
		s += strlen(bullets[mark]);
	} else {
		s = memchr(s, ' ', len);
		if (s == NULL)
			return 0;
		s++;
	}
	for (c = s; c < end; c++)
		if (pl_ascii_isdigit(*c))
			return 1;
	c = memchr(s, ':', (size_t)(end - s));
	if (c == NULL)
		return 0;
	for (c++, prev = ' '; c < end; prev = *c, c++)
		if (*c != ' ' && prev == ' ')
			words++;
	return words <= 4;
}

/*
 * Bit 8 of list_continue: three or more items not kept, numbered or
 * with the same bullet, right below the kept text or below a short
 * heading right below it, at least half of them holding data
 * (data_item), are the article's: a recipe's ingredients, a table
 * written as a list ("- England (Group A): 10th appearance").  Lists of
 * links rarely hold numbers; the heading goes with its list.
 */
static void
data_lists(const struct bp_model *m, struct bp_page *pg, const struct feat *F,
           size_t n, const char *text)
{
	size_t j = 0, e, t, data;

	if (!(m->set.list_continue & 8))
		return;
	while (j < n) {
		const struct bp_line *l = &pg->lines[j];
		uint64_t mk, m2;
		int kind =
		    l->keep ? 0 : list_mark(text + l->start, l->len, &mk);
		int below, bad = 0;

		if (kind != 2 && kind != 4) {
			j++;
			continue;
		}
		for (e = j; e + 1 < n && !pg->lines[e + 1].keep; e++) {
			const struct bp_line *a = &pg->lines[e + 1];

			if (list_mark(text + a->start, a->len, &m2) != kind ||
			    (kind == 4 && m2 != mk))
				break;
		}
		below =
		    (j >= 1 && pg->lines[j - 1].keep) ||
		    (j >= 2 && pg->lines[j - 2].keep && F[j - 1].nw <= 6 &&
		     !F[j - 1].header && !F[j - 1].phrase && !F[j - 1].hpre);
		data = 0;
		for (t = j; t <= e; t++) {
			const struct bp_line *a = &pg->lines[t];

			/* the run shares mk's bullet; a number is not read */
			bad |= not_a_list_item(a, &F[t]);
			data += (size_t)data_item(text + a->start, a->len, kind,
			                          mk);
		}
		if (e - j + 1 >= 3 && below && !bad && 2 * data >= e - j + 1)
			for (t = j - 1; t <= e; t++)
				if (!pg->lines[t].keep)
					keep_line(&pg->lines[t], BP_WHY_LIST);
		j = e + 1;
	}
}

/*
 * Whether word w (n bytes) is a number of a table cell: digits with
 * ".,:/%+-" among them ("5040", "35.58,7", "+1.03,4", "12%"), in
 * brackets or with a sign before it ("(2)", "+3").
 */
static int
cell_number(const char *w, size_t n)
{
	size_t i, digits = 0;

	if (n > 0 && memchr("(+-", w[0], 3) != NULL) {
		w++;
		n--;
	}
	if (n > 0 && w[n - 1] == ')')
		n--;
	for (i = 0; i < n; i++) {
		if (pl_ascii_isdigit(w[i]))
			digits++;
		else if (w[i] != '.' && w[i] != ',' && w[i] != ':' &&
		         w[i] != '/' && w[i] != '%' && w[i] != '+' &&
		         w[i] != '-')
			return 0;
	}
	return digits > 0;
}

/*
 * Whether trimmed line s is a row of a table: three words or more, at
 * least two of them and at least half numbers ("1 Ana Ruiz 412 5 3",
 * "2. Lia Moreau (FRA) +3,7 (1)").
 */
static int
table_row(const char *s, size_t len)
{
	size_t i = 0, k, words = 0, numbers = 0;

	while (i < len) {
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		for (k = i; k < len && s[k] != ' ' && s[k] != '\t'; k++)
			;
		if (k > i) {
			words++;
			numbers += (size_t)cell_number(s + i, k - i);
		}
		i = k;
		/* not even numbers in every byte pair left would make half:
		 * a paragraph stops here, early */
		if (words > 2 * numbers + (len - i) / 2)
			return 0;
	}
	return words >= 3 && numbers >= 2 && 2 * numbers >= words;
}

/*
 * The introduction of the table whose first row is line j: a line ending
 * in a colon ("Final standings after 12 races:", the colon_end that
 * line_feats found), no phrase or header line, at most two short lines above
 * the row (a row of column names, a subhead); its index, or -1.
 */
static long
table_intro(const struct feat *F, size_t j)
{
	size_t b;

	for (b = j; b > 0 && b + 3 > j; b--) {
		if (F[b - 1].colon && !F[b - 1].phrase && !F[b - 1].header)
			return (long)b - 1;
		if (F[b - 1].nw > 10)
			break;
	}
	return -1;
}

/*
 * A table that the article announces is the article's: table_rows rows
 * or more (table_row) in a row, with an introduction (table_intro), are
 * kept with it and the lines between.  Far from long lines, rows score
 * low, and a page of results or standings may hold nothing else; a
 * league table in the sidebar has a heading, not an introduction.
 */
static void
announced_tables(const struct bp_model *m, struct bp_page *pg,
                 const struct feat *F, size_t n, const char *text)
{
	size_t j = 0, e, t;
	long b;

	if (m->set.table_rows <= 0)
		return;
	while (j < n) {
		const struct bp_line *l = &pg->lines[j];

		/* a line without a digit is no row: most are not read */
		if (F[j].digits == 0 || !table_row(text + l->start, l->len)) {
			j++;
			continue;
		}
		for (e = j; e + 1 < n; e++) {
			const struct bp_line *a = &pg->lines[e + 1];

			if (F[e + 1].digits == 0 ||
			    !table_row(text + a->start, a->len))
				break;
		}
		b = e - j + 1 >= (size_t)m->set.table_rows ? table_intro(F, j)
		                                           : -1;
		if (b >= 0)
			for (t = (size_t)b; t <= e; t++)
				if (!pg->lines[t].keep)
					keep_line(&pg->lines[t], BP_WHY_TABLE);
		j = e + 1;
	}
}

/* Whether trimmed line s ends in "..." or "\u2026": cut, not ended. */
static int
truncated(const char *s, size_t len)
{
	return len >= 3 && (memcmp(s + len - 3, "...", 3) == 0 ||
	                    memcmp(s + len - 3, "\xe2\x80\xa6", 3) == 0);
}

/*
 * A header word inside the article ("Related articles", "Don't miss")
 * opens a list of links to other stories, and the scorers keep the
 * list for its place between paragraphs.  The links read as headlines:
 * no sentence end, or one cut short ("...").  So below kept text, the
 * kept lines right after a header line not kept are dropped, up to
 * header_list_lines of them, until the first that ends a sentence.
 * The headline itself is never dropped.
 */
static void
drop_header_lists(const struct bp_model *m, struct bp_page *pg,
                  const struct feat *F, size_t n, const char *text)
{
	size_t j, k, cap = (size_t)m->set.header_list_lines;
	int below = 0;

	for (j = 0; cap > 0 && j + 1 < n; j++) {
		if (pg->lines[j].keep) {
			below = 1;
			continue;
		}
		if (!below || !F[j].header)
			continue;
		for (k = j + 1; k < n && k - j <= cap; k++) {
			struct bp_line *l = &pg->lines[k];

			if (!l->keep || l->title ||
			    (F[k].term && !truncated(text + l->start, l->len)))
				break;
			drop_line(l, BP_WHY_HEADER_LIST);
		}
		j = k - 1;
	}
}

/*
 * Lines of the site, wherever the scorers put them: a counter ("1.2K
 * shares") or a dateline ("Nov. 19, 2019 8:03 am ET") kept for its place
 * between headline and text, a copyright notice between paragraphs (a
 * long one scores as text).  The last kept line stays: a page is never
 * left with nothing.
 */
static void
drop_site_lines(struct bp_page *pg, const struct feat *F, size_t n)
{
	size_t j, kept = 0;
	enum bp_why why;

	for (j = 0; j < n; j++)
		kept += pg->lines[j].keep != 0;
	for (j = 0; j < n && kept > 1; j++) {
		if (!pg->lines[j].keep)
			continue;
		if (F[j].counted)
			why = BP_WHY_COUNTER;
		else if (F[j].clock && F[j].nw <= DATELINE_WORDS)
			why = BP_WHY_DATELINE;
		else if (F[j].notice)
			why = BP_WHY_NOTICE;
		else
			continue;
		drop_line(&pg->lines[j], why);
		kept--;
	}
}

/*
 * A short line ending in a colon ("Contact the author:", "Teile:",
 * "Weitere Informationen:") introduces the line below it.  When that
 * line was dropped, the introduction has nothing of the article to
 * introduce: it is the label of a box, a share bar or a link list, and
 * goes too.  A longer one ("The new timetable has three changes:") is
 * a sentence of the article and stays; so does the headline.
 */
static void
drop_dangling_colons(const struct bp_model *m, struct bp_page *pg,
                     const struct feat *F, size_t n)
{
	double cap = (double)m->set.dangling_colon_words;
	size_t j;

	for (j = 0; j < n; j++) {
		struct bp_line *l = &pg->lines[j];

		if (cap > 0 && l->keep && !l->title && F[j].colon &&
		    F[j].nw <= cap && (j + 1 == n || !pg->lines[j + 1].keep))
			drop_line(l, BP_WHY_DANGLING);
	}
}

/*
 * No line of the article comes before its headline (none does in the
 * dev pages), so kept lines above it are a breadcrumb, a counter, a
 * teaser.  Only lines that are not sentences of long_words words or more
 * go, in case the headline found is a wrong one.
 */
static void
drop_above_title(const struct bp_model *m, struct bp_page *pg,
                 const struct feat *F, size_t t)
{
	size_t j;

	for (j = 0; j < t; j++) {
		struct bp_line *l = &pg->lines[j];

		if (l->keep &&
		    !(F[j].nw >= (double)m->set.long_words && F[j].term))
			drop_line(l, BP_WHY_ABOVE_TITLE);
	}
}

int
bp_classify(const struct bp_model *m, const char *text, size_t len,
            const struct bp_opts *o, struct bp_page *pg)
{
	size_t counts[MAX_LANGS], nwords = 0, i, n, j, bs, be;
	struct feat *F;
	double *p, *q, *gain, kw;
	long t;
	int lang = o->lang;

	pg->n = pg->kept = 0;
	pg->title = -1;
	pg->lang = BP_LANG_NONE;
	pl_buf_reset(&pg->norm);
	pg->nslots = 0;
	pg->nwordh = 0;
	memset(counts, 0, sizeof(counts));

	/* split into lines: \n, \r\n or a lone \r end a line */
	i = 0;
	while (i < len) {
		size_t e = i, a, z;
		struct bp_line *l;

		{
			const char *nl = memchr(text + i, '\n', len - i);
			const char *cr;

			e = nl != NULL ? (size_t)(nl - text) : len;
			cr = memchr(text + i, '\r', e - i);
			if (cr != NULL)
				e = (size_t)(cr - text);
		}
		a = i + ltrim(text + i, e - i);
		z = a + rtrim(text + a, e - a);
		if (z > a) {
			if (grow(pg, pg->n + 1) < 0)
				return -1;
			l = &pg->lines[pg->n++];
			memset(l, 0, sizeof(*l));
			l->start = a;
			l->len = z - a;
		}
		if (e < len && text[e] == '\r' && e + 1 < len &&
		    text[e + 1] == '\n')
			e++;
		i = e + 1;
	}
	n = pg->n;
	if (n == 0)
		return 0;
	F = pg->work;
	for (j = 0; j < n; j++) {
		if (line_feats(m, text + pg->lines[j].start, pg->lines[j].len,
		               pg, &F[j], lang == BP_LANG_AUTO ? counts : NULL,
		               &nwords) < 0)
			return -1;
		F[j].islong = F[j].nw >= (double)m->set.long_words &&
		              (F[j].term || F[j].commas > 0);
		pg->lines[j].fp =
		    o->fingerprints || o->is_template != NULL
		        ? bp_hash(pg->norm.data + F[j].normoff, F[j].normlen)
		        : 0;
		pg->lines[j].words = F[j].nw;
	}
	if (lang == BP_LANG_AUTO) {
		size_t bc = 0;
		int l;

		lang = BP_LANG_NONE;
		if (nwords >= 5)
			for (l = 0; l < m->nlangs; l++)
				if (counts[l] > bc) {
					bc = counts[l];
					lang = l;
				}
		if (lang >= 0 && (double)bc < 0.1 * (double)nwords)
			lang = BP_LANG_NONE;
	}
	if (lang >= m->nlangs)
		lang = BP_LANG_NONE;
	pg->lang = lang;
	for (j = 0; j < n; j++) {
		size_t nw, c;

		F[j].sd = 0;
		if (lang < 0)
			continue;
		nw = stored_words(&F[j]);
		c = stop_count(m, pg, &F[j], lang);
		F[j].sd = nw > 0 ? (double)c / (double)nw : 0;
	}

	if (grow_scratch(pg, n) < 0)
		return -1;
	p = pg->p;
	q = pg->q;
	gain = pg->gain;
	if (count_repeats(pg, F, n, pg->rep) < 0)
		return -1;
	distances(pg, F, n);
	for (j = 0; j < n; j++) {
		double x[BP_NLINE];

		line_vec(pg, F, n, j, x);
		p[j] = sigmoid(dotp(m->w1, x, BP_NLINE));
		/* a long line that ends a sentence is content even when it
		 * recurs (syndicated copies, a page seen twice) */
		if (o->is_template != NULL && !F[j].islong &&
		    o->is_template(o->template_ctx, pg->lines[j].fp)) {
			pg->lines[j].why = BP_WHY_TEMPLATE;
			p[j] = 0.001;
		}
		pg->lines[j].line_score = p[j];
	}
	context_prepare(pg, F, n);
	for (j = 0; j < n; j++) {
		struct bp_line *l = &pg->lines[j];
		double x[BP_NCTX];

		ctx_vec(pg, F, n, j, x);
		q[j] = sigmoid(dotp(m->w2, x, BP_NCTX));
		l->score = q[j];
		l->keep = q[j] > o->threshold && l->why != BP_WHY_TEMPLATE;
	}
	drop_teasers(pg, F, n, q);
	drop_gallery_captions(pg, F, n, q);
	end_at_comments(m, pg, q, F, n);
	main_block(m, pg, q, gain, F, n);
	for (j = 0, kw = 0; j < n; j++)
		if (pg->lines[j].keep)
			kw += F[j].nw;
	/* too little text: keep the best block instead, by the lines' own
	 * scores where rules zeroed every line (a page of a gallery) */
	if (kw < (double)m->set.min_words) {
		const double *s = q;
		double half = top_score(pg, q, n) * 0.5;

		if (half == 0) {
			s = p;
			half = top_score(pg, p, n) * 0.5;
		}
		for (j = 0; j < n; j++)
			gain[j] =
			    (s[j] - half) * (1 + (F[j].nw < 30 ? F[j].nw : 30));
		best_run(gain, n, &bs, &be);
		for (j = bs; j <= be; j++)
			if (s[j] > half * 0.5 && !pg->lines[j].keep &&
			    pg->lines[j].why != BP_WHY_TEMPLATE)
				keep_line(&pg->lines[j], BP_WHY_FALLBACK);
	}
	drop_site_lines(pg, F, n);
	continue_lists(m, pg, F, n, text);
	data_lists(m, pg, F, n, text);
	announced_tables(m, pg, F, n, text);
	drop_comments(m, pg, F, n);
	t = find_title(m, pg, F, n, text);
	if (t == -2)
		return -1;
	if (t >= 0) {
		pg->title = t;
		pg->lines[t].title = 1;
		keep_line(&pg->lines[t], BP_WHY_TITLE);
		drop_title_copies(m, pg, F, n, (size_t)t);
		drop_above_title(m, pg, F, (size_t)t);
	}
	drop_header_lists(m, pg, F, n, text);
	drop_dangling_colons(m, pg, F, n);
	for (j = 0; j < n; j++)
		pg->kept += pg->lines[j].keep;
	return 0;
}

int
bp_put_line(const struct bp_source *src, const struct bp_line *l,
            struct pl_buf *out)
{
	const char *s = src->text + l->start;
	size_t n = l->len;

	if (src->raw != NULL)
		pl_utf8_unrepair_span(src->raw, l->start, l->start + l->len, &s,
		                      &n);
	return pl_buf_append(out, s, n);
}

int
bp_put_text(const struct bp_page *pg, const struct bp_source *src,
            struct pl_buf *out)
{
	size_t j;
	int first = 1;

	/* the headline first, even when a kept line came before it */
	if (pg->title >= 0) {
		if (bp_put_line(src, &pg->lines[pg->title], out) < 0)
			return -1;
		first = 0;
	}
	for (j = 0; j < pg->n; j++) {
		if (!pg->lines[j].keep || (long)j == pg->title)
			continue;
		if ((!first && pl_buf_putc(out, '\n') < 0) ||
		    bp_put_line(src, &pg->lines[j], out) < 0)
			return -1;
		first = 0;
	}
	return 0;
}

/* Append the two signals of x that pushed most towards sign. */
static int
put_top(struct pl_buf *out, const double *w, const double *x,
        const char *const *names, size_t n, int sign)
{
	size_t k, a = 0, b = 0;
	double ca = 0, cb = 0;

	for (k = 1; k < n; k++) {
		double c = w[k] * x[k] * sign;

		/* lang_known only shifts the bias when stop words apply */
		if (names == bp_line_names && k == 11)
			continue;

		if (c > ca) {
			cb = ca;
			b = a;
			ca = c;
			a = k;
		} else if (c > cb) {
			cb = c;
			b = k;
		}
	}
	if (a == 0)
		return pl_buf_puts(out, "bias");
	if (pl_buf_printf(out, "%s%+.1f", names[a], ca * sign) < 0)
		return -1;
	if (b != 0 && pl_buf_printf(out, ",%s%+.1f", names[b], cb * sign) < 0)
		return -1;
	return 0;
}

int
bp_put_reason(const struct bp_model *m, const struct bp_page *pg, size_t i,
              struct pl_buf *out)
{
	const struct bp_line *l = &pg->lines[i];
	const struct feat *F = pg->work;
	int sign = l->keep ? 1 : -1;
	double x[BP_NLINE];

	switch (l->why) {
	case BP_WHY_TITLE:
		return pl_buf_puts(out, "title");
	case BP_WHY_FALLBACK:
		return pl_buf_puts(out, "fallback");
	case BP_WHY_TEMPLATE:
		return pl_buf_puts(out, "site-template");
	case BP_WHY_TITLE_COPY:
		return pl_buf_puts(out, "contains-title");
	case BP_WHY_OFFBLOCK:
		return pl_buf_puts(out, "outside-main-block");
	case BP_WHY_COMMENTS:
		return pl_buf_puts(out, "reader-comments");
	case BP_WHY_LIST:
		return pl_buf_puts(out, "list-continued");
	case BP_WHY_HEADER_LIST:
		return pl_buf_puts(out, "header-list");
	case BP_WHY_ABOVE_TITLE:
		return pl_buf_puts(out, "above-title");
	case BP_WHY_COUNTER:
		return pl_buf_puts(out, "counter");
	case BP_WHY_TEASER:
		return pl_buf_puts(out, "glued-teaser");
	case BP_WHY_GALLERY:
		return pl_buf_puts(out, "gallery-caption");
	case BP_WHY_DANGLING:
		return pl_buf_puts(out, "dangling-colon");
	case BP_WHY_NOTICE:
		return pl_buf_puts(out, "copyright-notice");
	case BP_WHY_DATELINE:
		return pl_buf_puts(out, "dateline");
	case BP_WHY_TABLE:
		return pl_buf_puts(out, "table");
	case BP_WHY_SCORE:
		break;
	}
	/* did the context overturn the line's own score? */
	if ((l->line_score > 0.5) != (l->keep != 0)) {
		ctx_vec(pg, F, pg->n, i, x);
		if (pl_buf_puts(out, "context:") < 0)
			return -1;
		return put_top(out, m->w2, x, bp_ctx_names, BP_NCTX, sign);
	}
	line_vec(pg, F, pg->n, i, x);
	return put_top(out, m->w1, x, bp_line_names, BP_NLINE, sign);
}

void
bp_page_free(struct bp_page *pg)
{
	if (pg == NULL)
		return;
	free(pg->lines);
	free(pg->p);
	free(pg->q);
	free(pg->prefix);
	free(pg->gain);
	free(pg->dprev);
	free(pg->dnext);
	free(pg->rep);
	free(pg->work);
	free(pg->normoff);
	free(pg->tab);
	free(pg->slots);
	free(pg->wordh);
	free(pg->cls);
	free(pg->body);
	pl_buf_free(&pg->low);
	pl_buf_free(&pg->norm);
	memset(pg, 0, sizeof(*pg));
}
