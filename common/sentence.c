/*
 * sentence.c - rule-based sentence boundary detection.
 *
 * One forward pass over the text.  Every decision looks at most a few
 * dozen bytes behind (the word before a period, bounded by MAXWORD) and
 * ahead (the next word), and every run of dots, spaces or closing marks
 * is consumed once, so the time is linear in the input whatever it holds
 * (a million dots, 100 MB without a terminator).  All reads are bounds-
 * checked against the text length; NUL and invalid bytes are ordinary
 * non-letters.
 *
 * Speed: ordinary words are not looked at one at a time.  The word
 * skimmer (skim_words) classifies the text 64 bytes at a time into bit
 * masks and counts the words up to the next byte a rule must see (a
 * terminator, a parenthesis, a line break, most non-ASCII characters);
 * the rules below run at those stops only, and the commonest one ("word.
 * Next") has a shortcut.  pl_sent_rules_set_skim turns both off, which
 * tests use to show the sentences do not change.
 *
 * Sentence-boundary rules, in the order they are tried:
 *
 *  1. A blank line always ends a sentence.  A single newline ends one when
 *     the next line starts with a bullet or list marker, or when the line
 *     has no final punctuation and looks like a heading (every word
 *     capitalised) or a short list line (three words or fewer).  In text
 *     that is not hard-wrapped (some line is longer than LONG_LINE code
 *     points: scraped pages keep a paragraph on one line) a line without
 *     final punctuation also ends before a capitalised line, and in
 *     scripts without case before any line not in lower case (in hard-
 *     wrapped CJK text a newline is nothing).  Closers without a
 *     terminator before them are not final punctuation.
 *  2. Strong terminators (CJK 。！？, Ethiopic ። ፧) end a sentence even
 *     without a following space, unless inside open parentheses.
 *  3. Other terminators (. ! ? … and per-language marks such as ؟ । ։)
 *     need white space (or the end) after them and the closing quotes and
 *     brackets that follow them ("Stop." she said).  Then the next word
 *     decides: a lower-case word continues the sentence ("Yahoo! in"),
 *     unless a bare period follows an ordinary word and the lower-case
 *     word usually starts sentences ("it was great. i left": web text),
 *     and a name with a speech verb after a quotation ending in ? or !
 *     continues it ("“Why?” Roe asked");
 *     anything else starts a new one, except after a period when:
 *       - the word before is a title (Mr., Dr., e.g.): never a break;
 *       - it is an abbreviation, an initial (E.) or an initialism (U.S.):
 *         a break only before a typical sentence starter (U.S. How, but
 *         U.S. Government), never before a digit (No. 5, p. 55, Jan. 5);
 *         after a listed abbreviation of two letters or more, with a word
 *         before it, also before a name a speech verb follows (Acme Inc.
 *         Smith said; an initial or U.S. may begin a name);
 *       - it is a time (a.m., p.m.): a break before a capitalised word
 *         unless the sentence is only the time phrase (At 5 a.m. Mr. X)
 *         or the word is a month or weekday;
 *       - it is an ordinal in a language that writes them with a period
 *         (am 3. Oktober): a break only before a sentence starter;
 *       - the sentence so far is only a list marker (1. , a. , • 9.).
 *  4. Ellipses: "..." or "…" break only before a capitalised word; spaced
 *     ". . ." never breaks; four spaced dots are an ellipsis plus a
 *     period (MLA style), "[...]" is an omission mark, not a terminator.
 *  5. A period inside a word breaks when a lower-case word runs into a
 *     capitalised one (world.Today) or a Roman numeral (века.XIX век),
 *     but not in addresses (Jane.Doe@x).
 *  6. Inline lists: a marker that continues the sequence of the previous
 *     one (1.) ... 2.), a. ... b.) or a bullet starts a new sentence.
 *  7. A CJK terminator inside parentheses opened shortly before is not a
 *     boundary unless the parenthesis closes right after it.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "sentence.h"
#include "utf8.h"

#define MAXWORD     48    /* longest word looked up, in bytes */
#define PAREN_SPAN  400   /* bytes a parenthesis suppresses breaks for */
#define GUESS_BYTES 4096  /* text examined to guess a language */
#define LONG_LINE   110   /* code points: longer lines are not hard-wrapped */
#define MAXSTOP     4     /* ASCII stops the word skimmer tests for */
#define SMALL_CP    0x800 /* classes of code points below: in a table */

/* Character classes. */
enum {
	C_TERM = 1 << 0,   /* terminator judged by what follows */
	C_STRONG = 1 << 1, /* terminator that needs no space after it */
	C_CLOSE = 1 << 2,  /* may follow a terminator */
	C_OPEN = 1 << 3,   /* may precede the first letter */
	C_BULLET = 1 << 4  /* list bullet */
};

/* Byte classes of the word skimmer. */
enum { K_SPACE = 1, K_STOP = 2, K_LOWER = 4, K_HIGH = 8 };

/* The letters from U+00C0 to U+04FF (Latin-1 and Latin Extended, Greek,
 * Cyrillic) are two bytes that start with 0xC3 to 0xD3; inside a word
 * the skimmer passes over them, except the 64 code points of a first
 * byte that a language gives a class (0xCD for U+037E, the Greek
 * question mark), up to MAXLOUD such first bytes. */
#define QUIET_LEAD_FIRST 0xC3
#define QUIET_LEAD_LAST  0xD3
#define MAXLOUD          2

/* Word classes. */
enum {
	W_ABBR = 1 << 0,
	W_TITLE = 1 << 1,
	W_NUMBERED = 1 << 2,
	W_TIME = 1 << 3,
	W_STARTER = 1 << 4,
	W_CONT = 1 << 5,
	W_STOP = 1 << 6,
	W_SPEECH = 1 << 7
};

enum script {
	S_NONE = 0,
	S_LATIN,
	S_CYRILLIC,
	S_GREEK,
	S_ARMENIAN,
	S_ARABIC,
	S_HEBREW,
	S_DEVANAGARI,
	S_ETHIOPIC,
	S_MYANMAR,
	S_HAN,
	S_JAPANESE,
	S_HANGUL,
	S_THAI,
	S_OTHER,
	S_COUNT
};

static const char *const script_names[S_COUNT] = {
    "",       "Latin",    "Cyrillic",   "Greek",    "Armenian",
    "Arabic", "Hebrew",   "Devanagari", "Ethiopic", "Myanmar",
    "Han",    "Japanese", "Hangul",     "Thai",     "Other"};

struct cpclass {
	int32_t cp;
	unsigned flags;
};

struct slot {
	uint32_t off, len, hash;
	unsigned flags;
};

/* A hash set of words, each with its class bits. */
struct wordset {
	char *pool;
	size_t poollen, poolcap;
	struct slot *slots;
	size_t nslots, nused;
	/* a quick "certainly not in the set" test for words that start
	 * with an ASCII byte: one bit per (length & 15, first byte & 63) */
	uint64_t filter[16];
	size_t maxlen;
};

struct lang {
	char code[16];
	enum script script;
	int ordinals;
	unsigned char small[SMALL_CP]; /* classes below SMALL_CP */
	unsigned char gpunct[0x80];    /* U+2000..U+207F */
	/* for the word skimmer: K_* bits of each byte, and the ASCII
	 * terminators and bullets (nstop is more than MAXSTOP when they do not
	 * fit: the skimmer then classifies by the table) */
	unsigned char skim[256];
	unsigned char stop[MAXSTOP];
	size_t nstop;
	int quiet_high; /* the skimmer passes over U+00C0..U+04FF */
	unsigned char loud_lead[MAXLOUD]; /* but not these first bytes */
	size_t nloud;
	struct cpclass *cls; /* the other classes, sorted by cp */
	size_t ncls;
	struct wordset words;
};

struct pl_sent_rules {
	int autolang;
	int line_breaks; /* every newline ends a sentence */
	int no_skim;     /* the fast paths are off */
	/* the stop words of langs[1..31] for guessing: bit l of a word's
	 * flags says langs[l] has it (one look-up a word, not one a
	 * language) */
	struct wordset stops;
	size_t fixed;       /* language used when not guessing */
	struct lang *langs; /* langs[0] is the neutral "und" */
	size_t nlangs;
};

/* ---- word sets ---- */

static uint32_t
hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static struct slot *
ws_find(const struct wordset *ws, const char *s, size_t n, uint32_t h)
{
	size_t i;

	if (ws->nslots == 0)
		return NULL;
	for (i = h & (ws->nslots - 1);; i = (i + 1) & (ws->nslots - 1)) {
		struct slot *sl = &ws->slots[i];

		if (sl->flags == 0)
			return sl;
		if (sl->hash == h && sl->len == n &&
		    memcmp(ws->pool + sl->off, s, n) == 0)
			return sl;
	}
}

static unsigned
ws_get(const struct wordset *ws, const char *s, size_t n)
{
	struct slot *sl = ws_find(ws, s, n, hash_bytes(s, n));

	return sl == NULL ? 0 : sl->flags;
}

static int
ws_grow(struct wordset *ws)
{
	struct slot *old = ws->slots;
	size_t oldn = ws->nslots, i;
	size_t nn = oldn == 0 ? 64 : oldn * 2;

	ws->slots = calloc(nn, sizeof(*ws->slots));
	if (ws->slots == NULL) {
		ws->slots = old;
		return -1;
	}
	ws->nslots = nn;
	for (i = 0; i < oldn; i++) {
		if (old[i].flags != 0) {
			struct slot *sl = ws_find(ws, ws->pool + old[i].off,
			                          old[i].len, old[i].hash);
			*sl = old[i];
		}
	}
	free(old);
	return 0;
}

static int
ws_add(struct wordset *ws, const char *s, size_t n, unsigned flags)
{
	uint32_t h = hash_bytes(s, n);
	struct slot *sl;

	if ((ws->nused + 1) * 2 > ws->nslots && ws_grow(ws) != 0)
		return -1;
	ws->filter[n & 15] |= 1ULL << ((unsigned char)s[0] & 63);
	if (n > ws->maxlen)
		ws->maxlen = n;
	sl = ws_find(ws, s, n, h);
	if (sl->flags != 0) {
		sl->flags |= flags;
		return 0;
	}
	if (ws->poollen + n > ws->poolcap) {
		size_t nc = ws->poolcap * 2 + n + 256;
		char *p = realloc(ws->pool, nc);

		if (p == NULL)
			return -1;
		ws->pool = p;
		ws->poolcap = nc;
	}
	memcpy(ws->pool + ws->poollen, s, n);
	sl->off = (uint32_t)ws->poollen;
	sl->len = (uint32_t)n;
	sl->hash = h;
	sl->flags = flags;
	ws->poollen += n;
	ws->nused++;
	return 0;
}

static void
ws_free(struct wordset *ws)
{
	free(ws->pool);
	free(ws->slots);
	memset(ws, 0, sizeof(*ws));
}

/* ---- characters ---- */

/* Decode one character; invalid bytes give cp -1. Returns its length. */
static inline size_t
decode(const char *s, size_t n, size_t i, int32_t *cp)
{
	unsigned char c = (unsigned char)s[i];
	size_t k;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	k = pl_utf8_decode(s + i, n - i, cp);
	if (k == 0)
		k = 1;
	if (*cp < 0)
		*cp = -1;
	return k;
}

static unsigned
cls_slow(const struct lang *L, int32_t cp)
{
	size_t lo = 0, hi = L->ncls;

	if (cp < 0)
		return 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (L->cls[mid].cp == cp)
			return L->cls[mid].flags;
		if (L->cls[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static inline unsigned
cls_of(const struct lang *L, int32_t cp)
{
	/* tables for the scripts and the punctuation of most text */
	if (cp >= 0 && cp < SMALL_CP)
		return L->small[cp];
	if (cp >= 0x2000 && cp < 0x2080)
		return L->gpunct[cp - 0x2000];
	return cls_slow(L, cp);
}

/* ASCII classes, the same in every language (one load, not a chain of
 * comparisons, in the tests below). */
enum { A_UPPER = 1, A_LOWER = 2, A_DIGIT = 4, A_SPACE = 8 };

#define U A_UPPER
#define L A_LOWER
#define D A_DIGIT
#define S A_SPACE
/* clang-format off */
static const unsigned char ascii_class[128] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, S, S, S, S, S, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	S, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	D, D, D, D, D, D, D, D, D, D, 0, 0, 0, 0, 0, 0,
	0, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
	U, U, U, U, U, U, U, U, U, U, U, 0, 0, 0, 0, 0,
	0, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
	L, L, L, L, L, L, L, L, L, L, L, 0, 0, 0, 0, 0,
};
/* clang-format on */
#undef U
#undef L
#undef D
#undef S

static inline int
is_space(int32_t cp)
{
	if ((uint32_t)cp < 128)
		return ascii_class[cp] & A_SPACE;
	return cp >= 0 && pl_uc_is_space(cp);
}

static inline int
is_newline(int32_t cp)
{
	return cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0x85;
}

/* Format characters (bidi marks, zero-width joiners) are skipped in
 * words. */
static inline int
is_format(int32_t cp)
{
	return (cp >= 0x200B && cp <= 0x200F) ||
	       (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF || cp == 0xAD;
}

static inline int
is_upper(int32_t cp)
{
	if ((uint32_t)cp < 128)
		return ascii_class[cp] & A_UPPER;
	return cp >= 0 && pl_uc_is_upper(cp);
}

static inline int
is_lower(int32_t cp)
{
	if ((uint32_t)cp < 128)
		return ascii_class[cp] & A_LOWER;
	return cp >= 0 && pl_uc_is_lower(cp);
}

static inline int
is_letter(int32_t cp)
{
	if ((uint32_t)cp < 128)
		return ascii_class[cp] & (A_UPPER | A_LOWER);
	return cp >= 0 && (pl_uc_is_letter(cp) || pl_uc_is_mark(cp));
}

static inline int
is_digit(int32_t cp)
{
	if ((uint32_t)cp < 128)
		return ascii_class[cp] & A_DIGIT;
	return cp >= 0 && pl_uc_is_digit(cp);
}

static enum script
script_of(int32_t cp)
{
	if (cp < 0x250)
		return pl_ascii_isalpha(cp) || cp >= 0xC0 ? S_LATIN : S_NONE;
	if (cp >= 0x370 && cp < 0x400)
		return S_GREEK;
	if (cp >= 0x400 && cp < 0x530)
		return S_CYRILLIC;
	if (cp >= 0x530 && cp < 0x590)
		return S_ARMENIAN;
	if (cp >= 0x590 && cp < 0x600)
		return S_HEBREW;
	if ((cp >= 0x600 && cp < 0x800) || (cp >= 0xFB50 && cp < 0xFF00))
		return S_ARABIC;
	if (cp >= 0x900 && cp < 0x980)
		return S_DEVANAGARI;
	if (cp >= 0xE00 && cp < 0xE80)
		return S_THAI;
	if (cp >= 0x1000 && cp < 0x10A0)
		return S_MYANMAR;
	if (cp >= 0x1100 && cp < 0x1200)
		return S_HANGUL;
	if (cp >= 0x1200 && cp < 0x13A0)
		return S_ETHIOPIC;
	if (cp >= 0x1E00 && cp < 0x1F00)
		return S_LATIN;
	if (cp >= 0x1F00 && cp < 0x2000)
		return S_GREEK;
	if (cp >= 0x3040 && cp < 0x3100)
		return S_JAPANESE;
	if ((cp >= 0x3400 && cp < 0xA000) || (cp >= 0x20000 && cp < 0x30000))
		return S_HAN;
	if (cp >= 0xAC00 && cp < 0xD7B0)
		return S_HANGUL;
	if (pl_uc_is_letter(cp))
		return S_OTHER;
	return S_NONE;
}

/*
 * Append the lower-case form of the word s[0..n) to key (at most cap-1
 * bytes), skipping format characters.  Returns the key length, or 0 when
 * it does not fit.
 */
static size_t
lower_key(const char *s, size_t n, char *key, size_t cap)
{
	size_t i = 0, k = 0;

	while (i < n) {
		int32_t cp;
		size_t len = decode(s, n, i, &cp);

		i += len;
		if (is_format(cp))
			continue;
		if (cp < 0)
			return 0;
		if (cp < 128) {
			if (k + 1 >= cap)
				return 0;
			key[k++] = (char)pl_ascii_tolower(cp);
			continue;
		}
		cp = pl_uc_tolower(cp);
		/* encoded by hand: no allocation in the hot path */
		if (k + 4 >= cap)
			return 0;
		if (cp < 0x800) {
			key[k++] = (char)(0xC0 | (cp >> 6));
			key[k++] = (char)(0x80 | (cp & 0x3F));
		} else if (cp < 0x10000) {
			key[k++] = (char)(0xE0 | (cp >> 12));
			key[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			key[k++] = (char)(0x80 | (cp & 0x3F));
		} else {
			key[k++] = (char)(0xF0 | (cp >> 18));
			key[k++] = (char)(0x80 | ((cp >> 12) & 0x3F));
			key[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			key[k++] = (char)(0x80 | (cp & 0x3F));
		}
	}
	return k;
}

static unsigned
ws_word_flags(const struct wordset *ws, const char *s, size_t n)
{
	char key[MAXWORD + 8];
	uint32_t h = 2166136261u;
	size_t k;

	if (n > MAXWORD || n == 0)
		return 0;
	if ((unsigned char)s[0] < 0x80) {
		/* most words are not in the set: say so without hashing */
		unsigned char c0 = (unsigned char)pl_ascii_tolower(s[0]);

		if (n > ws->maxlen + 8 ||
		    !(ws->filter[n & 15] & (1ULL << (c0 & 63))))
			return 0;
	}
	/* an ASCII word: lower-case it and hash it in one go */
	for (k = 0; k < n; k++) {
		unsigned char c = (unsigned char)s[k];

		if (c >= 0x80)
			break;
		c = (unsigned char)pl_ascii_tolower(c);
		key[k] = (char)c;
		h = (h ^ c) * 16777619u;
	}
	if (k == n) {
		struct slot *sl = ws_find(ws, key, n, h);

		return sl == NULL ? 0 : sl->flags;
	}
	k = lower_key(s, n, key, sizeof(key));
	if (k == 0)
		return 0;
	return ws_get(ws, key, k);
}

/* The class bits of word s (n bytes) in L's lists. */
static unsigned
word_flags(const struct lang *L, const char *s, size_t n)
{
	return ws_word_flags(&L->words, s, n);
}

/* ---- building the rules ---- */

static int
add_class(struct lang *L, int32_t cp, unsigned flags)
{
	size_t i;
	struct cpclass *p;

	if (cp >= 0 && cp < SMALL_CP) {
		L->small[cp] |= (unsigned char)flags;
		return 0;
	}
	if (cp >= 0x2000 && cp < 0x2080) {
		L->gpunct[cp - 0x2000] |= (unsigned char)flags;
		return 0;
	}
	for (i = 0; i < L->ncls; i++) {
		if (L->cls[i].cp == cp) {
			L->cls[i].flags |= flags;
			return 0;
		}
	}
	p = realloc(L->cls, (L->ncls + 1) * sizeof(*p));
	if (p == NULL)
		return -1;
	L->cls = p;
	/* insertion keeps the array sorted */
	for (i = L->ncls; i > 0 && L->cls[i - 1].cp > cp; i--)
		L->cls[i] = L->cls[i - 1];
	L->cls[i].cp = cp;
	L->cls[i].flags = flags;
	L->ncls++;
	return 0;
}

static int
load_chars(struct lang *L, const struct pl_cfg_node *list, unsigned flags,
           struct pl_error *err)
{
	size_t i;

	if (list == NULL)
		return 0;
	if (list->kind != PL_CFG_SEQ)
		return pl_error_set_at(err, list->file, list->line, list->col,
		                       "expected a list of characters");
	for (i = 0; i < list->n; i++) {
		const struct pl_cfg_node *it = &list->items[i];
		size_t j = 0;

		if (it->kind != PL_CFG_SCALAR)
			return pl_error_set_at(err, it->file, it->line, it->col,
			                       "expected a character");
		while (j < it->len) {
			int32_t cp;

			j += decode(it->str, it->len, j, &cp);
			if (cp < 0)
				return pl_error_set_at(err, it->file, it->line,
				                       it->col,
				                       "invalid UTF-8");
			if (add_class(L, cp, flags) != 0)
				return pl_error_set(err, "out of memory");
		}
	}
	return 0;
}

static int
load_words(struct lang *L, const struct pl_cfg_node *list, unsigned flags,
           struct pl_error *err)
{
	size_t i;

	if (list == NULL)
		return 0;
	if (list->kind != PL_CFG_SEQ)
		return pl_error_set_at(err, list->file, list->line, list->col,
		                       "expected a list of words");
	for (i = 0; i < list->n; i++) {
		const struct pl_cfg_node *it = &list->items[i];
		char key[MAXWORD + 8];
		size_t n, k;

		if (it->kind != PL_CFG_SCALAR)
			return pl_error_set_at(err, it->file, it->line, it->col,
			                       "expected a word");
		n = it->len;
		while (n > 0 && it->str[n - 1] == '.')
			n--;
		if (n == 0)
			continue;
		k = lower_key(it->str, n, key, sizeof(key));
		if (k == 0)
			return pl_error_set_at(
			    err, it->file, it->line, it->col,
			    "word too long (at most %d bytes)", MAXWORD);
		if (ws_add(&L->words, key, k, flags) != 0)
			return pl_error_set(err, "out of memory");
	}
	return 0;
}

static int
load_common(struct lang *L, const struct pl_cfg_node *data,
            struct pl_error *err)
{
	if (load_chars(L, pl_cfg_get(data, "terminators"), C_TERM, err) ||
	    load_chars(L, pl_cfg_get(data, "strong"), C_STRONG, err) ||
	    load_chars(L, pl_cfg_get(data, "closers"), C_CLOSE, err) ||
	    load_chars(L, pl_cfg_get(data, "openers"), C_OPEN, err) ||
	    load_chars(L, pl_cfg_get(data, "bullets"), C_BULLET, err))
		return -1;
	return 0;
}

static int
load_lang(struct lang *L, const struct pl_cfg_node *d, struct pl_error *err)
{
	const struct pl_cfg_node *n;
	static const struct {
		const char *key;
		unsigned flags;
	} lists[] = {
	    {"abbreviations", W_ABBR}, {"titles", W_TITLE},
	    {"numbered", W_NUMBERED},  {"times", W_TIME},
	    {"starters", W_STARTER},   {"continuations", W_CONT},
	    {"stopwords", W_STOP},     {"speech", W_SPEECH},
	};
	size_t i;

	if (d == NULL)
		return 0;
	if (d->kind != PL_CFG_MAP)
		return pl_error_set_at(err, d->file, d->line, d->col,
		                       "expected a mapping of language data");
	for (i = 0; i < d->n; i++) {
		const char *k = d->keys[i];
		size_t j;
		int known = 0;

		for (j = 0; j < sizeof(lists) / sizeof(lists[0]); j++)
			if (strcmp(k, lists[j].key) == 0)
				known = 1;
		if (!known && strcmp(k, "script") != 0 &&
		    strcmp(k, "ordinals") != 0 &&
		    strcmp(k, "terminators") != 0 && strcmp(k, "strong") != 0)
			return pl_error_set_at(
			    err, d->items[i].file, d->items[i].line,
			    d->items[i].col, "unknown key \"%s\"", k);
	}
	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		if (load_words(L, pl_cfg_get(d, lists[i].key), lists[i].flags,
		               err) != 0)
			return -1;
	if (load_chars(L, pl_cfg_get(d, "terminators"), C_TERM, err) ||
	    load_chars(L, pl_cfg_get(d, "strong"), C_STRONG, err))
		return -1;
	if ((n = pl_cfg_get(d, "ordinals")) != NULL &&
	    pl_cfg_bool(n, &L->ordinals, err) != 0)
		return -1;
	if ((n = pl_cfg_get(d, "script")) != NULL) {
		if (n->kind != PL_CFG_SCALAR)
			return pl_error_set_at(err, n->file, n->line, n->col,
			                       "expected a script name");
		for (i = 1; i < S_COUNT; i++)
			if (strcmp(n->str, script_names[i]) == 0)
				L->script = (enum script)i;
		if (L->script == S_NONE)
			return pl_error_set_at(err, n->file, n->line, n->col,
			                       "unknown script \"%s\"", n->str);
	}
	return 0;
}

static void
lang_free(struct lang *L)
{
	free(L->cls);
	ws_free(&L->words);
}

void
pl_sent_rules_free(struct pl_sent_rules *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nlangs; i++)
		lang_free(&r->langs[i]);
	free(r->langs);
	ws_free(&r->stops);
	free(r);
}

/* Copy the primary subtag of tag, lower-cased, into out. */
static void
primary_tag(const char *tag, char *out, size_t cap)
{
	size_t i;

	for (i = 0; tag != NULL && tag[i] != '\0' && tag[i] != '-' &&
	            tag[i] != '_' && i + 1 < cap;
	     i++)
		out[i] = (char)pl_ascii_tolower((unsigned char)tag[i]);
	out[i] = '\0';
}

/* Without any data: the marks every script agrees on. */
static int
bare_minimum(struct lang *L)
{
	static const int32_t term[] = {'.', '!', '?', 0x2026},
	                     strong[] = {0x3002, 0xFF01, 0xFF1F},
	                     close[] = {'"',    '\'',   ')', ']',
	                                0x201D, 0x2019, 0xBB},
	                     open[] = {'"',    '\'',   '(', '[',
	                               0x201C, 0x2018, 0xAB};
	size_t i;
	int rc = 0;

	for (i = 0; i < sizeof(term) / sizeof(term[0]); i++)
		rc |= add_class(L, term[i], C_TERM);
	for (i = 0; i < sizeof(strong) / sizeof(strong[0]); i++)
		rc |= add_class(L, strong[i], C_STRONG);
	for (i = 0; i < sizeof(close) / sizeof(close[0]); i++)
		rc |= add_class(L, close[i], C_CLOSE);
	for (i = 0; i < sizeof(open) / sizeof(open[0]); i++)
		rc |= add_class(L, open[i], C_OPEN);
	return rc;
}

/* The word skimmer's byte classes, stops and loud leads for L. */
static void
skim_setup(struct lang *L)
{
	size_t j;

	L->nstop = 0;
	L->nloud = 0;
	memset(L->stop, 0, sizeof(L->stop));
	memset(L->loud_lead, 0, sizeof(L->loud_lead));
	for (j = 0x80; j < SMALL_CP; j++) {
		unsigned lead = 0xC0 | ((unsigned)j >> 6);

		if (L->small[j] == 0 || lead < QUIET_LEAD_FIRST ||
		    lead > QUIET_LEAD_LAST ||
		    (L->nloud > 0 && L->loud_lead[L->nloud - 1] == lead))
			continue;
		if (L->nloud < MAXLOUD)
			L->loud_lead[L->nloud] = (unsigned char)lead;
		L->nloud++;
	}
	L->quiet_high = L->nloud <= MAXLOUD;
	for (j = 0; j < 256; j++) {
		int term =
		    j < 128 && (L->small[j] & (C_TERM | C_STRONG | C_BULLET));

		L->skim[j] =
		    j == ' ' ? K_SPACE
		    : j < 0x20 || j >= 0x80 || j == '(' || j == ')' || term
		        ? K_STOP
		        : 0;
		if (pl_ascii_islower((int)j))
			L->skim[j] |= K_LOWER;
		if (j >= 0x80)
			L->skim[j] |= K_HIGH;
		if (L->quiet_high &&
		    ((j >= 0x80 && j <= 0xBF) ||
		     (j >= QUIET_LEAD_FIRST && j <= QUIET_LEAD_LAST &&
		      memchr(L->loud_lead, (int)j, L->nloud) == NULL)))
			L->skim[j] &= ~K_STOP;
		if (!term || j < 0x20)
			continue;
		if (L->nstop < MAXSTOP)
			L->stop[L->nstop] = (unsigned char)j;
		L->nstop++;
	}
}

/*
 * Gather the stop words of every language (up to 31) into r->stops, a
 * language bit each.  Returns 0 or -1 (no memory).
 */
static int
stopset_setup(struct pl_sent_rules *r)
{
	size_t l, k;

	for (l = 1; l < r->nlangs && l < 32; l++) {
		const struct wordset *ws = &r->langs[l].words;

		for (k = 0; k < ws->nslots; k++)
			if ((ws->slots[k].flags & W_STOP) &&
			    ws_add(&r->stops, ws->pool + ws->slots[k].off,
			           ws->slots[k].len, 1u << l) != 0)
				return -1;
	}
	return 0;
}

struct pl_sent_rules *
pl_sent_rules_new(const struct pl_cfg_node *data, const char *lang,
                  struct pl_error *err)
{
	struct pl_sent_rules *r;
	const struct pl_cfg_node *langs;
	char want[16];
	size_t i;

	if (data != NULL && pl_cfg_get(data, "sentences") != NULL)
		data = pl_cfg_get(data, "sentences");
	if (data != NULL && data->kind != PL_CFG_MAP) {
		pl_error_set_at(err, data->file, data->line, data->col,
		                "sentence data: expected a mapping");
		return NULL;
	}
	langs = pl_cfg_get(data, "languages");
	if (langs != NULL && langs->kind != PL_CFG_MAP) {
		pl_error_set_at(err, langs->file, langs->line, langs->col,
		                "languages: expected a mapping");
		return NULL;
	}
	r = calloc(1, sizeof(*r));
	if (r == NULL) {
		pl_error_set(err, "out of memory");
		return NULL;
	}
	r->nlangs = 1 + (langs != NULL ? langs->n : 0);
	r->langs = calloc(r->nlangs, sizeof(*r->langs));
	if (r->langs == NULL) {
		free(r);
		pl_error_set(err, "out of memory");
		return NULL;
	}
	primary_tag(lang, want, sizeof(want));
	r->autolang = strcmp(want, "auto") == 0;
	for (i = 0; i < r->nlangs; i++) {
		struct lang *L = &r->langs[i];
		const struct pl_cfg_node *d = NULL;

		if (i == 0) {
			strcpy(L->code, "und");
			d = pl_cfg_get(langs, "und");
		} else {
			primary_tag(langs->keys[i - 1], L->code,
			            sizeof(L->code));
			d = &langs->items[i - 1];
			if (strcmp(L->code, "und") == 0)
				L->code[0] = '\0'; /* only as langs[0] */
			if (strcmp(L->code, want) == 0)
				r->fixed = i;
		}
		if (data != NULL && load_common(L, data, err) != 0)
			goto fail;
		if (data == NULL && bare_minimum(L) != 0) {
			pl_error_set(err, "out of memory");
			goto fail;
		}
		/* the neutral data applies to every language */
		if (i > 0 && load_lang(L, pl_cfg_get(langs, "und"), err) != 0)
			goto fail;
		L->script = S_NONE;
		if (load_lang(L, d, err) != 0)
			goto fail;
		skim_setup(L);
	}
	if (stopset_setup(r) != 0) {
		pl_error_set(err, "out of memory");
		goto fail;
	}
	return r;
fail:
	pl_sent_rules_free(r);
	return NULL;
}

void
pl_sent_rules_set_skim(struct pl_sent_rules *r, int on)
{
	r->no_skim = !on;
}

void
pl_sent_rules_set_line_breaks(struct pl_sent_rules *r, int on)
{
	r->line_breaks = on != 0;
}

/* ---- guessing the language ---- */

const char *
pl_sent_guess_lang(const struct pl_sent_rules *r, const char *s, size_t n)
{
	size_t counts[S_COUNT] = {0};
	size_t i = 0, best, l;
	enum script sc;
	size_t score[64];
	size_t ncand, word = SIZE_MAX;
	unsigned f;

	if (r == NULL)
		return "und";
	if (!r->autolang)
		return r->langs[r->fixed].code;
	if (n > GUESS_BYTES)
		n = GUESS_BYTES;
	/*
	 * One pass: the script of every character, and the stop words of
	 * every language (a word: a letter, then letters and apostrophes);
	 * the script chosen at the end says whose scores count.
	 */
	ncand = r->nlangs < 64 ? r->nlangs : 64;
	memset(score, 0, sizeof(score));
	while (i <= n) {
		int32_t cp = -1;
		size_t len = 1;
		int letter = 0;

		if (i < n) {
			if ((unsigned char)s[i] < 0x80) {
				cp = (unsigned char)s[i];
				letter = pl_ascii_isalpha(cp);
				counts[letter ? S_LATIN : S_NONE]++;
			} else {
				len = decode(s, n, i, &cp);
				if (cp >= 0)
					counts[script_of(cp)]++;
				letter = is_letter(cp);
			}
		}
		if (word == SIZE_MAX) {
			if (letter)
				word = i;
		} else if (!letter && cp != '\'') {
			f = ws_word_flags(&r->stops, s + word, i - word);
			for (; f != 0; f &= f - 1) {
				l = (size_t)__builtin_ctz(f);
				if (l < ncand)
					score[l]++;
			}
			for (l = 32; l < ncand; l++) /* beyond the stop set */
				if (word_flags(&r->langs[l], s + word,
				               i - word) &
				    W_STOP)
					score[l]++;
			word = SIZE_MAX;
		}
		i += len;
	}
	/* kana makes Han text Japanese */
	if (counts[S_JAPANESE] > 0)
		counts[S_JAPANESE] += counts[S_HAN];
	best = S_NONE;
	for (i = 1; i < S_COUNT; i++)
		if (counts[i] > counts[best])
			best = i;
	sc = (enum script)best;
	if (sc == S_NONE)
		return "und";
	/* stop words decide among the languages of the script */
	best = 0;
	for (l = 1; l < ncand; l++) {
		if (r->langs[l].script != sc)
			continue;
		if (best == 0 || score[l] > score[best])
			best = l;
	}
	return r->langs[best].code;
}

/* ---- splitting ---- */

/* List marker kinds. */
enum { M_NUM = 1, M_LETTER = 2, M_ROMAN = 4, M_BULLET = 8 };

struct marker {
	unsigned kinds; /* M_* that apply */
	int form;       /* 1 "X." 2 "X)" 3 "X.)" 4 "(X)" */
	long num, letter, roman;
	int upper; /* letter is upper case */
};

struct split {
	const struct lang *L;
	const char *s;
	size_t n;
	pl_sent_fn fn;
	void *arg;
	int rc;
	int have;         /* a sentence is open */
	size_t start;     /* its first byte */
	size_t brk;       /* its first "\n" or "\r" (SIZE_MAX: none yet) */
	size_t last;      /* end of its last non-space character */
	int ntok;         /* tokens in the sentence */
	int only_markers; /* all of them bullets or list markers */
	size_t tok;       /* start of the current token */
	int intok;
	/* current line */
	int line_ntok, line_lower, line_uncased;
	int line_item; /* the line starts with a bullet or marker */
	int sent_item; /* the sentence starts with one */
	/* parentheses */
	int paren;
	size_t paren_pos;
	/* the text has a line too long for hard-wrapped prose: a line is a
	 * paragraph, heading or list item of its own */
	int long_lines;
	/* list sequence */
	int list_form;
	long list_num, list_letter, list_roman;
	/* the last position tested for a list marker (peek_next looks at
	 * the word after a terminator, then token_start at the same word) */
	size_t mk_at, mk_len;
	struct marker mk;
	/* the word skimmer's masks of the 64 bytes at w_base: bit k is
	 * byte w_base + k */
	size_t w_base;
	uint64_t w_space, w_stop, w_lower, w_high, w_start;
	int no_skim;
};

static int
emit(struct split *sp, size_t end)
{
	size_t a = sp->start;
	unsigned flags = sp->brk < end ? PL_SENT_BREAKS : 0;

	sp->have = 0;
	sp->brk = SIZE_MAX;
	sp->line_item = 0; /* the item, if any, ended with the sentence */
	if (end <= a || sp->rc != 0)
		return sp->rc;
	sp->rc = sp->fn(sp->arg, a, end, flags);
	return sp->rc;
}

static long
roman_value(const char *s, size_t n)
{
	long v = 0, prev = 0;
	size_t i;

	for (i = n; i > 0; i--) {
		long d;

		switch (s[i - 1]) {
		case 'i':
			d = 1;
			break;
		case 'v':
			d = 5;
			break;
		case 'x':
			d = 10;
			break;
		case 'l':
			d = 50;
			break;
		default:
			return 0;
		}
		if (d < prev)
			v -= d;
		else
			v += d;
		if (d > prev)
			prev = d;
	}
	return v;
}

/*
 * Recognise a list marker token at p ("1.", "2.)", "a)", "(iv)", "•",
 * "⁃9."), which must be followed by white space or the end.  Returns its
 * length or 0.
 */
static size_t
marker_at(const struct split *sp, size_t p, struct marker *m)
{
	const char *s = sp->s;
	size_t n = sp->n, q = p, a, b;
	int32_t cp;
	size_t len;
	int paren = 0;

	memset(m, 0, sizeof(*m));
	if (p >= n)
		return 0;
	len = decode(s, n, q, &cp);
	if (cls_of(sp->L, cp) & C_BULLET) {
		q += len;
		m->kinds = M_BULLET;
		if (q >= n)
			return q - p;
		decode(s, n, q, &cp);
		if (is_space(cp))
			return q - p;
	}
	if (q < n && s[q] == '(') {
		paren = 1;
		q++;
	}
	a = q;
	while (q < n && q - a < 5 && pl_ascii_isalnum((unsigned char)s[q]))
		q++;
	b = q;
	if (b == a || q >= n)
		return 0;
	if (paren) {
		if (s[q] != ')')
			return 0;
		q++;
		m->form = 4;
	} else if (s[q] == ')') {
		q++;
		m->form = 2;
	} else if (s[q] == '.') {
		q++;
		m->form = 1;
		if (q < n && s[q] == ')') {
			q++;
			m->form = 3;
		}
	} else {
		return 0;
	}
	if (q < n) {
		decode(s, n, q, &cp);
		if (!is_space(cp))
			return 0;
	}
	if (pl_ascii_isdigit((unsigned char)s[a])) {
		size_t i;

		if (b - a > 3)
			return 0;
		for (i = a; i < b; i++)
			if (!pl_ascii_isdigit((unsigned char)s[i]))
				return 0;
		m->kinds |= M_NUM;
		m->num = strtol(s + a, NULL, 10);
		return q - p;
	}
	if (b - a == 1) {
		int c = (unsigned char)s[a];

		m->upper = pl_ascii_isupper(c);
		/* "E." is an initial, not a list item */
		if (m->upper && m->form == 1)
			return 0;
		m->kinds |= M_LETTER;
		m->letter = pl_ascii_tolower(c) - 'a' + 1;
	}
	if (m->form != 1 && (m->roman = roman_value(s + a, b - a)) > 0)
		m->kinds |= M_ROMAN;
	if ((m->kinds & (M_LETTER | M_ROMAN)) == 0)
		return 0;
	return q - p;
}

/* Does marker m continue the list seen before? */
static int
continues_list(const struct split *sp, const struct marker *m)
{
	if (m->form != sp->list_form)
		return 0;
	if ((m->kinds & M_NUM) && sp->list_num > 0 &&
	    m->num == sp->list_num + 1)
		return 1;
	if ((m->kinds & M_LETTER) && sp->list_letter > 0 &&
	    m->letter == sp->list_letter + 1)
		return 1;
	if ((m->kinds & M_ROMAN) && sp->list_roman > 0 &&
	    m->roman == sp->list_roman + 1)
		return 1;
	return 0;
}

static void
remember_list(struct split *sp, const struct marker *m)
{
	if ((m->kinds & ~M_BULLET) == 0)
		return;
	sp->list_form = m->form;
	sp->list_num = (m->kinds & M_NUM) ? m->num : 0;
	sp->list_letter = (m->kinds & M_LETTER) ? m->letter : 0;
	sp->list_roman = (m->kinds & M_ROMAN) ? m->roman : 0;
}

static inline size_t skip_blank(const struct split *, size_t);
static int maybe_marker(const struct split *, size_t);

/*
 * maybe_marker and marker_at at p, remembered for the next call at the
 * same p (both depend on the text alone).  Returns the marker's length or
 * 0; *m points to the marker, in sp, when it is not 0.
 */
static size_t
marker_here(struct split *sp, size_t p, const struct marker **m)
{
	if (p != sp->mk_at) {
		sp->mk_at = p;
		sp->mk_len = 0;
		if (maybe_marker(sp, p))
			sp->mk_len = marker_at(sp, p, &sp->mk);
	}
	*m = &sp->mk;
	return sp->mk_len;
}

/* What follows a candidate boundary. */
enum next_kind {
	NX_END,
	NX_UPPER,
	NX_LOWER,
	NX_DIGIT,
	NX_UNCASED,
	NX_OTHER,
	NX_MARKER
};

struct next {
	enum next_kind kind;
	unsigned flags;       /* word class of the next word */
	int list_start;       /* marker that starts or continues a list */
	int digit;            /* starts with a digit (also "55.") */
	size_t word, wordlen; /* the next word, when it is cased */
	int looked;           /* flags holds its class */
};

static void
peek_next(struct split *sp, size_t p, struct next *nx)
{
	const char *s = sp->s;
	size_t n = sp->n, k = 0;
	int32_t cp = 0;
	const struct marker *m;

	memset(nx, 0, sizeof(*nx));
	while (p < n) {
		size_t len = decode(s, n, p, &cp);

		if (!is_space(cp))
			break;
		p += len;
	}
	if (p >= n) {
		nx->kind = NX_END;
		return;
	}
	if (marker_here(sp, p, &m) > 0) {
		nx->kind = NX_MARKER;
		nx->digit = (m->kinds & M_NUM) && m->form == 1;
		nx->list_start = (m->kinds & M_BULLET) || m->form >= 2 ||
		                 m->num == 1 || m->letter == 1 ||
		                 continues_list(sp, m);
		return;
	}
	/* a dash after ?! before a lower-case word: "бар? — деді." */
	decode(s, n, p, &cp);
	if ((cp == '-' || cp == 0x2013 || cp == 0x2014) && p + 1 < n) {
		size_t q = p + (cp == '-' ? 1 : 3);

		if (q < n && s[q] == ' ') {
			int32_t c2;

			q = skip_blank(sp, q);
			if (q < n) {
				decode(s, n, q, &c2);
				if (is_lower(c2)) {
					nx->kind = NX_LOWER;
					return;
				}
			}
		}
	}
	/* skip opening quotes and brackets */
	while (p < n && k < 8) {
		size_t len = decode(s, n, p, &cp);

		if (!(cls_of(sp->L, cp) & C_OPEN) && !is_format(cp))
			break;
		p += len;
		k++;
	}
	if (p >= n) {
		nx->kind = NX_OTHER;
		return;
	}
	decode(s, n, p, &cp);
	if (is_digit(cp)) {
		nx->kind = NX_DIGIT;
		nx->digit = 1;
		return;
	}
	if (!is_letter(cp)) {
		nx->kind = NX_OTHER;
		return;
	}
	if (is_upper(cp))
		nx->kind = NX_UPPER;
	else if (is_lower(cp))
		nx->kind = NX_LOWER;
	else {
		nx->kind = NX_UNCASED;
		return;
	}
	/* the word itself is read only when a rule needs it (next_flags) */
	nx->word = p;
	nx->wordlen = 1;
}

/* The word class of the next word, looked up once. */
static unsigned
next_flags(const struct split *sp, struct next *nx)
{
	const char *s = sp->s;
	size_t n = sp->n, a = nx->word, p = a;
	int32_t cp;

	if (nx->wordlen == 0 || nx->looked)
		return nx->flags;
	nx->looked = 1;
	while (p < n && p - a <= MAXWORD) {
		size_t len = decode(s, n, p, &cp);

		if (!is_letter(cp) && cp != '\'' && cp != 0x2019)
			break;
		p += len;
	}
	if (p - a > MAXWORD)
		return 0;
	/* an initial ("A. I. Semenov") is never a sentence starter */
	if (p < n && s[p] == '.' && p - a <= 4 && a + decode(s, n, a, &cp) == p)
		return 0;
	nx->flags = word_flags(sp->L, s + a, p - a);
	return nx->flags;
}

/* Does the cluster before e end with a closing quotation mark? */
static int
ends_in_quote(const struct split *sp, size_t e)
{
	size_t a = e;
	int32_t cp;

	while (a > 0 && e - a < 4 &&
	       ((unsigned char)sp->s[a - 1] & 0xC0) == 0x80)
		a--;
	if (a == 0)
		return 0;
	decode(sp->s, sp->n, a - 1, &cp);
	return cp == '"' || cp == '\'' || cp == 0x201D || cp == 0x2019 ||
	       cp == 0xBB || cp == 0x203A || cp == 0x201C || cp == 0x300D ||
	       cp == 0x300F;
}

/*
 * Is the word after the next word (a name) a speech verb: "“Why?” Roe
 * asked", "“Stop!” Mary Smith shouted"?  Looks at most three words on.
 */
static int
speech_follows(const struct split *sp, struct next *nx)
{
	const char *s = sp->s;
	size_t n = sp->n, p = nx->word, k;
	int32_t cp;

	for (k = 0; k < 3; k++) {
		size_t a;

		/* skip the word */
		a = p;
		while (p < n && p - a <= MAXWORD) {
			size_t len = decode(s, n, p, &cp);

			if (!is_letter(cp) && cp != '\'' && cp != 0x2019 &&
			    cp != '-' && cp != '.')
				break;
			p += len;
		}
		if (p - a > MAXWORD)
			return 0;
		p = skip_blank(sp, p);
		if (p >= n)
			return 0;
		a = p;
		while (p < n && p - a <= MAXWORD) {
			size_t len = decode(s, n, p, &cp);

			if (!is_letter(cp))
				break;
			p += len;
		}
		if (p == a || p - a > MAXWORD)
			return 0;
		if (word_flags(sp->L, s + a, p - a) & W_SPEECH)
			return 1;
		decode(s, n, a, &cp);
		if (!is_upper(cp))
			return 0; /* only names come between */
		p = a;
	}
	return 0;
}

/*
 * Is the next word a name that a speech verb follows at once ("Acme Inc.
 * Smith said": no name runs on past a company's abbreviation)?
 */
static int
name_says(const struct split *sp, const struct next *nx)
{
	const char *s = sp->s;
	size_t n = sp->n, p = nx->word, a;
	int32_t cp;

	while (p < n && p - nx->word <= MAXWORD) {
		size_t len = decode(s, n, p, &cp);

		if (!is_letter(cp) && cp != '\'' && cp != 0x2019 && cp != '-')
			break;
		p += len;
	}
	if (p >= n || s[p] != ' ')
		return 0;
	a = ++p;
	while (p < n && p - a <= MAXWORD) {
		size_t len = decode(s, n, p, &cp);

		if (!is_letter(cp))
			break;
		p += len;
	}
	return p > a && p - a <= MAXWORD &&
	       (word_flags(sp->L, s + a, p - a) & W_SPEECH) != 0;
}

/* Kinds of the word before a period. */
enum word_kind {
	WK_NORMAL,
	WK_TITLE,
	WK_ABBR,
	WK_NUMBERED,
	WK_TIME,
	WK_ORDINAL
};

/* Is s[0..n) an upper-case Roman numeral of two letters or more? */
static int
upper_roman(const char *s, size_t n)
{
	size_t i;

	if (n < 2)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] != 'I' && s[i] != 'V' && s[i] != 'X' && s[i] != 'L' &&
		    s[i] != 'C')
			return 0;
	return 1;
}

/*
 * Classify the word s[a..b) that a single period follows.  a is the start
 * of the token; leading openers are skipped here.
 */
static enum word_kind
word_kind(const struct split *sp, size_t a, size_t b)
{
	const char *s = sp->s;
	size_t i, nletters = 0, ndigits = 0, nother = 0, seg = 0, segmax = 0;
	int dotted = 0, leadsign = 0;
	unsigned f;
	int32_t cp;

	if (b - a > MAXWORD)
		return WK_NORMAL;
	while (a < b) {
		size_t len = decode(s, b, a, &cp);

		if (!(cls_of(sp->L, cp) & C_OPEN) && !is_format(cp))
			break;
		a += len;
	}
	if (a >= b)
		return WK_NORMAL;
	f = word_flags(sp->L, s + a, b - a);
	if (f == 0) {
		/* the common case, an unlisted word of ASCII letters: what the
		 * loops below would find, without them */
		for (i = a; i < b && pl_ascii_isalpha((unsigned char)s[i]); i++)
			;
		if (i == b) {
			if (b - a == 1)
				return WK_ABBR; /* an initial: E. */
			if (sp->L->ordinals && b - a <= 7 &&
			    upper_roman(s + a, b - a))
				return WK_ORDINAL; /* XII. Pluk */
			return WK_NORMAL;
		}
		/* elided article: l'Ing. */
		for (i = b; i > a; i--) {
			if (s[i - 1] == '\'') {
				f = word_flags(sp->L, s + i, b - i);
				break;
			}
		}
	}
	if (f & W_TITLE)
		return WK_TITLE;
	if (f & W_TIME)
		return WK_TIME;
	if (f & W_ABBR)
		return WK_ABBR;
	if (f & W_NUMBERED)
		return WK_NUMBERED;
	for (i = a; i < b;) {
		size_t len = decode(s, b, i, &cp);

		if (i == a && cp == '-')
			leadsign = 1;
		else if (is_letter(cp)) {
			nletters++;
			seg++;
		} else if (is_digit(cp))
			ndigits++;
		else if (cp == '.') {
			dotted = 1;
			if (seg > segmax)
				segmax = seg;
			seg = 0;
		} else if (!is_format(cp))
			nother++;
		i += len;
	}
	if (seg > segmax)
		segmax = seg;
	if (nletters == 1 && ndigits == 0 && nother == 0 && !dotted)
		return WK_ABBR; /* an initial: E. */
	if (dotted && ndigits == 0 && nother == 0 && segmax <= 2)
		return WK_ABBR; /* an initialism: U.S. */
	if (nletters == 0 && nother == 0 && ndigits > 0 && ndigits <= 3 &&
	    !dotted && sp->L->ordinals)
		return WK_ORDINAL;
	if (sp->L->ordinals && ndigits == 0 && nother == 0 && !dotted &&
	    b - a <= 7 && upper_roman(s + a, b - a))
		return WK_ORDINAL; /* XII. Pluk */
	(void)leadsign;
	return WK_NORMAL;
}

/*
 * Is s[a..b) (after opening marks) an abbreviation from the list of two
 * letters or more without inner periods (Inc., Calif., not E. or U.S.,
 * which may begin a name: "U.S. Attorney Jo Roe said")?
 */
static int
listed_word(const struct split *sp, size_t a, size_t b)
{
	size_t i;

	while (a < b && !pl_ascii_isalpha((unsigned char)sp->s[a]) &&
	       (unsigned char)sp->s[a] < 0x80)
		a++;
	if (b - a < 2 || b - a > MAXWORD)
		return 0;
	for (i = a; i < b; i++)
		if (sp->s[i] == '.')
			return 0;
	return (word_flags(sp->L, sp->s + a, b - a) & W_ABBR) != 0;
}

/*
 * Is s[a..b) an ordinary word of three letters or more, or a common
 * two-letter word (after opening marks), so that a period after it ends a
 * sentence even before a lower-case word that usually starts one ("it was
 * great. i left")?
 */
static int
plain_word(const struct split *sp, size_t a, size_t b)
{
	size_t nletters = 0, w;
	int32_t cp;

	if (b - a > MAXWORD)
		return 0;
	while (a < b) {
		size_t len = decode(sp->s, b, a, &cp);

		if (!(cls_of(sp->L, cp) & C_OPEN))
			break;
		a += len;
	}
	w = a;
	while (a < b) {
		a += decode(sp->s, b, a, &cp);
		if (!is_letter(cp))
			return 0;
		nletters++;
	}
	/* two letters: only a common word ("it"), not an abbreviation */
	if (nletters == 2)
		return (word_flags(sp->L, sp->s + w, b - w) &
		        (W_STOP | W_STARTER)) != 0;
	return nletters >= 3;
}

/* Is there an '@' or '/' near p (a URL or e-mail address)? */
static int
near_address(const struct split *sp, size_t p)
{
	size_t a = sp->tok, b;

	if (p - a > 64)
		a = p - 64;
	for (b = a; b < sp->n && b < p + 64; b++) {
		char c = sp->s[b];

		if (b > p && pl_ascii_isspace((unsigned char)c))
			break;
		if (c == '@' || c == '/')
			return 1;
	}
	return 0;
}

/*
 * Is there a Roman numeral of two letters or more at p, followed by white
 * space: a century or a chapter ("жағдайы.XVIII ғасырдың")?
 */
static int
roman_word(const struct split *sp, size_t p)
{
	size_t q = p;

	while (q < sp->n && q - p <= 7 &&
	       (sp->s[q] == 'I' || sp->s[q] == 'V' || sp->s[q] == 'X' ||
	        sp->s[q] == 'L' || sp->s[q] == 'C'))
		q++;
	return q - p >= 2 && q - p <= 7 && q < sp->n &&
	       pl_ascii_isspace((unsigned char)sp->s[q]);
}

/*
 * Missing space after a period: "world.Today", "1,000.That", "века.XIX
 * век".
 */
static int
run_together(const struct split *sp, size_t i)
{
	const char *s = sp->s;
	size_t n = sp->n;
	int32_t c1, c2;
	size_t len;

	if (i < sp->tok + 2)
		return 0;
	if (!(pl_ascii_isdigit((unsigned char)s[i - 1]) &&
	      pl_ascii_isdigit((unsigned char)s[i - 2]))) {
		size_t b = i, k;

		/* the two characters before the period: lower case */
		for (k = 0; k < 2; k++) {
			int32_t c;

			if (b <= sp->tok)
				return 0;
			b--;
			while (b > sp->tok &&
			       ((unsigned char)s[b] & 0xC0) == 0x80)
				b--;
			decode(s, n, b, &c);
			if (!is_lower(c))
				return 0;
		}
	}
	if (i + 1 >= n)
		return 0;
	len = decode(s, n, i + 1, &c1);
	if (!is_upper(c1))
		return 0;
	if (i + 1 + len < n) {
		decode(s, n, i + 1 + len, &c2);
		if (!is_lower(c2) && !is_space(c2) && !roman_word(sp, i + 1))
			return 0;
	}
	return !near_address(sp, i);
}

/* Skip white space at p, but stop at a newline.  Returns the new p. */
static inline size_t
skip_blank(const struct split *sp, size_t p)
{
	while (p < sp->n && sp->s[p] == ' ')
		p++;
	/* most often a word follows: no need to decode it */
	if (p < sp->n && (unsigned char)sp->s[p] < 0x80 &&
	    !is_space((unsigned char)sp->s[p]))
		return p;
	while (p < sp->n) {
		int32_t cp;
		size_t len = decode(sp->s, sp->n, p, &cp);

		if (!is_space(cp) || is_newline(cp))
			break;
		p += len;
	}
	return p;
}

/* Is the character at p (if any) white space, or is p the end? */
static int
space_or_end(const struct split *sp, size_t p)
{
	int32_t cp;

	if (p >= sp->n)
		return 1;
	decode(sp->s, sp->n, p, &cp);
	return is_space(cp);
}

/* Consume closing marks at p after a terminator.  Returns the new p. */
static size_t
skip_closers(struct split *sp, size_t p, int strong)
{
	const char *s = sp->s;
	size_t n = sp->n;

	while (p < n) {
		int32_t cp;
		size_t len = decode(s, n, p, &cp);
		unsigned c = cls_of(sp->L, cp);

		if (c & C_CLOSE) {
			size_t q = p + len;
			int32_t nc = 0;

			if (!strong && q < n) {
				decode(s, n, q, &nc);
				if (!is_space(nc) &&
				    !(cls_of(sp->L, nc) &
				      (C_CLOSE | C_TERM | C_STRONG)) &&
				    nc != '[')
					break;
			}
			if ((cp == ')' || cp == 0xFF09 || cp == 0x300B) &&
			    sp->paren > 0)
				sp->paren--;
			p = q;
			continue;
		}
		/* citation: [1], [23] */
		if (cp == '[') {
			size_t q = p + 1;

			while (q < n && q - p <= 4 &&
			       pl_ascii_isdigit((unsigned char)s[q]))
				q++;
			if (q > p + 1 && q < n && s[q] == ']') {
				p = q + 1;
				continue;
			}
		}
		break;
	}
	return p;
}

/* Count spaced dots ". . ." starting with the dot at i; *end gets the
 * byte after the last one. */
static size_t
spaced_dots(const struct split *sp, size_t i, size_t *end)
{
	size_t m = 1, k = i;

	while (k + 2 < sp->n && sp->s[k + 1] == ' ' && sp->s[k + 2] == '.') {
		k += 2;
		m++;
	}
	*end = k + 1;
	return m;
}

/* Are the characters before i and at e digits? */
static int
between_digits(const struct split *sp, size_t i, size_t e)
{
	size_t b = i;
	int32_t c1, c2;

	while (b > 0 && ((unsigned char)sp->s[b - 1] & 0xC0) == 0x80)
		b--;
	if (b == 0)
		return 0;
	decode(sp->s, sp->n, b - 1, &c1);
	decode(sp->s, sp->n, e, &c2);
	return is_digit(c1) && is_digit(c2);
}

static int
inside_parens(const struct split *sp, size_t i)
{
	return sp->paren > 0 && i - sp->paren_pos < PAREN_SPAN;
}

/* Is s[a..b) all ASCII lower-case letters? */
static inline int
lower_word(const char *s, size_t a, size_t b)
{
	for (; a < b; a++)
		if (!pl_ascii_islower((unsigned char)s[a]))
			return 0;
	return 1;
}

/*
 * Handle the terminator at i.  Returns the position to go on from; emits
 * the sentence when i ends one.
 */
static size_t
terminator(struct split *sp, size_t i)
{
	const char *s = sp->s;
	size_t n = sp->n, j = i, e;
	int ndots = 0, nq = 0, nother = 0, strong = 0, ellipsis = 0;
	int attached = i > 0 && !is_space((unsigned char)s[i - 1]);
	struct next nx;
	enum word_kind wk;

	/*
	 * The most common sentence end, "word. Next": one period after a
	 * lower-case word that no list names as an abbreviation, title,
	 * time or numbered word, then a space and a capitalised word.  The
	 * general rules below split there (one period, a normal word, an
	 * upper-case next word that is no list marker); say so without them.
	 */
	if (s[i] == '.' && !sp->no_skim && i + 3 < n && s[i + 1] == ' ' &&
	    pl_ascii_isupper((unsigned char)s[i + 2]) &&
	    pl_ascii_islower((unsigned char)s[i + 3]) && sp->tok + 2 <= i &&
	    !(sp->only_markers && sp->ntok <= 2) && lower_word(s, sp->tok, i) &&
	    !(word_flags(sp->L, s + sp->tok, i - sp->tok) &
	      (W_TITLE | W_TIME | W_ABBR | W_NUMBERED))) {
		sp->last = i + 1;
		emit(sp, i + 1);
		return i + 1;
	}
	if (s[i] == '.') {
		/* "[...]": an omission mark */
		if (i > 0 && (s[i - 1] == '[' || s[i - 1] == '(')) {
			size_t k = i;

			while (k < n && s[k] == '.')
				k++;
			if (k < n && (s[k] == ']' || s[k] == ')'))
				return k;
		}
		if (i + 2 < n && s[i + 1] == ' ' && s[i + 2] == '.') {
			size_t m = spaced_dots(sp, i, &e);

			if (m >= 3) {
				size_t after = skip_closers(sp, e, 0);

				sp->last = after;
				peek_next(sp, after, &nx);
				if (attached && m == 4) {
					/* a period, then an ellipsis */
					if (nx.kind == NX_UPPER) {
						sp->last = i + 1;
						emit(sp, i + 1);
						return i + 1;
					}
					return after;
				}
				if (m >= 4 && nx.kind == NX_UPPER) {
					emit(sp, after);
					return after;
				}
				return after;
			}
		}
	}
	/* the cluster: terminators and closers without space between */
	while (j < n) {
		int32_t cp;
		size_t len = decode(s, n, j, &cp);
		unsigned c = cls_of(sp->L, cp);

		if (cp == '.') {
			ndots++;
		} else if (c & C_STRONG) {
			strong++;
		} else if (c & C_TERM) {
			if (cp == 0x2026)
				ellipsis = 1;
			else if (cp == '!' || cp == '?' || cp == 0x203C ||
			         cp == 0x2047 || cp == 0x2048 || cp == 0x2049)
				nq++;
			else
				nother++;
		} else if ((c & C_CLOSE) || cp == '[') {
			size_t k = skip_closers(sp, j, strong > 0);

			if (k == j)
				break;
			j = k;
			continue;
		} else {
			break;
		}
		j += len;
	}
	e = j;
	sp->last = e;
	/* "３．２９": a full stop between digits is a decimal point */
	if (strong > 0 && e == i + 3 && i > 0 && e < n &&
	    between_digits(sp, i, e))
		return e;
	if (!space_or_end(sp, e)) {
		/* French spacing is handled below; this is a run-on */
		if (strong > 0 && !inside_parens(sp, i)) {
			emit(sp, e);
			return e;
		}
		if (ndots == 1 && nq == 0 && nother == 0 && strong == 0 &&
		    !ellipsis && j == i + 1 && run_together(sp, i)) {
			emit(sp, i + 1);
			return i + 1;
		}
		return e;
	}
	/* French: "Non ! »" keeps the closing guillemet */
	{
		size_t k = skip_blank(sp, e);
		int32_t cp;

		if (k < n && k > e) {
			size_t len = decode(s, n, k, &cp);

			if ((cp == 0xBB || cp == 0x203A) &&
			    space_or_end(sp, k + len)) {
				e = k + len;
				sp->last = e;
			}
		}
	}
	/* Latin-style terminators inside parentheses still end sentences
	 * "(See the map. It is new.)"; CJK ones do not */
	if (strong > 0) {
		if (!inside_parens(sp, i))
			emit(sp, e);
		return e;
	}
	peek_next(sp, e, &nx);
	if (nx.kind == NX_END)
		return e;
	/* in parentheses only a capitalised word starts a new sentence:
	 * "(Smith 2010. No. 5)" is one citation */
	if (nx.kind != NX_UPPER && inside_parens(sp, i))
		return e;
	if (nq > 0 || nother > 0) {
		/* "“Why not?” Roe asked." is one sentence */
		if (nx.kind == NX_UPPER && ends_in_quote(sp, e) &&
		    speech_follows(sp, &nx))
			return e;
		if (nx.kind != NX_LOWER || nx.list_start)
			emit(sp, e);
		return e;
	}
	if (ellipsis || ndots >= 3) {
		if (nx.kind == NX_UPPER ||
		    (nx.kind == NX_MARKER && nx.list_start))
			emit(sp, e);
		return e;
	}
	if (ndots >= 2)
		wk = WK_NORMAL;
	else if (sp->only_markers && sp->ntok <= 2)
		return e; /* "1." or "a." opening a list item */
	else
		wk = word_kind(sp, sp->tok, i);
	switch (wk) {
	case WK_TITLE:
		return e;
	case WK_TIME:
		if (nx.kind == NX_UPPER && !(next_flags(sp, &nx) & W_CONT) &&
		    sp->ntok >= 4)
			emit(sp, e);
		return e;
	case WK_ABBR:
	case WK_NUMBERED:
		if (nx.digit)
			return e;
		if (wk == WK_NUMBERED) {
			if (nx.kind != NX_LOWER)
				emit(sp, e);
			return e;
		}
		if ((nx.kind == NX_UPPER &&
		     (next_flags(sp, &nx) & (W_STARTER | W_CONT)) ==
		         W_STARTER) ||
		    (nx.kind == NX_MARKER && nx.list_start) ||
		    (nx.kind == NX_UPPER && sp->ntok >= 2 &&
		     listed_word(sp, sp->tok, i) && name_says(sp, &nx)))
			emit(sp, e);
		return e;
	case WK_ORDINAL:
		if ((nx.kind == NX_UPPER &&
		     (next_flags(sp, &nx) & (W_STARTER | W_CONT)) ==
		         W_STARTER) ||
		    (nx.kind == NX_MARKER && nx.list_start))
			emit(sp, e);
		return e;
	case WK_NORMAL:
	default:
		if (nx.kind == NX_MARKER) {
			if (nx.list_start)
				emit(sp, e);
			return e;
		}
		if (nx.kind != NX_LOWER ||
		    (ndots == 1 && e == i + 1 && plain_word(sp, sp->tok, i) &&
		     (next_flags(sp, &nx) & W_STARTER)))
			emit(sp, e);
		return e;
	}
}

/*
 * A single newline at i (the line so far is known through sp->line_*).
 * Returns 1 when it ends the sentence.
 */
static int
line_break(struct split *sp, size_t next)
{
	const char *s = sp->s;
	size_t n = sp->n;
	int32_t cp, last;
	struct marker m;
	size_t b;

	if (!sp->have)
		return 0;
	if (next >= n)
		return 0;
	if (marker_at(sp, next, &m) > 0) {
		/* "Pier No.\n4. ...": a number after an abbreviation */
		if ((m.kinds & M_NUM) && sp->last > sp->tok &&
		    s[sp->last - 1] == '.' &&
		    word_kind(sp, sp->tok, sp->last - 1) != WK_NORMAL)
			return 0;
		return 1;
	}
	decode(s, n, next, &cp);
	if (cls_of(sp->L, cp) & C_BULLET)
		return 1;
	/* "- item", "* item", "+ item": plain-text list lines */
	if ((cp == '-' || cp == '*' || cp == '+') && next + 1 < n &&
	    s[next + 1] == ' ')
		return 1;
	/* a list item ends at the end of its line */
	if ((sp->line_item || sp->sent_item) && !is_lower(cp))
		return 1;
	if (sp->line_ntok == 0)
		return 0;
	/* the last character of the line */
	b = sp->last;
	while (b > sp->start && ((unsigned char)s[b - 1] & 0xC0) == 0x80)
		b--;
	if (b <= sp->start)
		return 0;
	decode(s, n, b - 1, &last);
	/* closing marks without a terminator before them do not end the
	 * line's sentence: "（「これは山です」）" */
	while (b > sp->start + 1 && (cls_of(sp->L, last) & C_CLOSE) &&
	       !(cls_of(sp->L, last) & C_TERM)) {
		b--;
		while (b > sp->start &&
		       ((unsigned char)s[b - 1] & 0xC0) == 0x80)
			b--;
		if (b <= sp->start)
			return 0;
		decode(s, n, b - 1, &last);
	}
	if (cls_of(sp->L, last) & (C_TERM | C_STRONG | C_CLOSE))
		return 0;
	if (last == ',' || last == ';' || last == '&' || last == '/' ||
	    last == '(' || last == 0x3001 || last == 0xFF0C)
		return 0;
	/* scripts without case (CJK, Arabic, Devanagari): only a text that
	 * keeps its paragraphs on one line shows where lines end sentences */
	if (sp->line_uncased)
		return sp->long_lines && !is_lower(cp);
	/* a word hyphenated across the lines: "cor-\nroded" */
	if (last == '-' && b >= sp->start + 2 &&
	    pl_ascii_isalpha((unsigned char)s[b - 2]))
		return 0;
	if (sp->line_ntok <= 3 && !sp->line_uncased)
		return 1;
	if (sp->long_lines && !is_lower(cp))
		return 1;
	if (sp->line_lower == 0 && sp->line_ntok <= 15 &&
	    (is_upper(cp) || is_digit(cp) || (cls_of(sp->L, cp) & C_OPEN)))
		return 1;
	return 0;
}

/* Can a list marker or bullet start at i?  (A cheap test first.) */
static int
maybe_marker(const struct split *sp, size_t i)
{
	unsigned char c = (unsigned char)sp->s[i];
	size_t k;

	if (c >= 0x80 || c == '(' || pl_ascii_isdigit(c) ||
	    (sp->L->small[c] & C_BULLET))
		return 1;
	if (!pl_ascii_isalpha(c))
		return 0;
	if (i + 1 < sp->n && (sp->s[i + 1] == '.' || sp->s[i + 1] == ')'))
		return 1;
	/* longer markers are Roman numerals: ii) iv. */
	if (c != 'i' && c != 'v' && c != 'x' && c != 'l')
		return 0;
	for (k = 1; k <= 5 && i + k < sp->n; k++) {
		c = (unsigned char)sp->s[i + k];
		if (c == '.' || c == ')')
			return 1;
		if (!pl_ascii_isalpha(c))
			return 0;
	}
	return 0;
}

/* A token starts at i with character cp. */
static void
token_start(struct split *sp, size_t i, int32_t cp)
{
	const struct marker *m;
	int ismarker = marker_here(sp, i, &m) > 0;

	if (sp->have && !sp->only_markers && ismarker &&
	    ((m->kinds & M_BULLET) || continues_list(sp, m)))
		emit(sp, sp->last);
	if (!sp->have) {
		sp->have = 1;
		sp->start = i;
		sp->ntok = 0;
		sp->only_markers = 1;
		sp->sent_item = 0;
	}
	if (ismarker && sp->only_markers) {
		remember_list(sp, m);
		sp->sent_item = 1;
	}
	if (!ismarker)
		sp->only_markers = 0;
	if (sp->line_ntok == 0)
		sp->line_item =
		    ismarker || ((cp == '-' || cp == '*' || cp == '+') &&
		                 i + 1 < sp->n && sp->s[i + 1] == ' ');
	sp->ntok++;
	sp->line_ntok++;
	sp->tok = i;
	sp->intok = 1;
	if (is_lower(cp) && !ismarker)
		sp->line_lower++;
	else if (is_letter(cp) && !is_upper(cp))
		sp->line_uncased = 1;
}

static void
new_line(struct split *sp)
{
	sp->line_ntok = 0;
	sp->line_lower = 0;
	sp->line_uncased = 0;
	sp->line_item = 0;
}

/*
 * The word skimmer.  Most of running text is ordinary words: ASCII
 * letters and digits between single spaces.  Rather than a branch a word
 * (one that a word of random length mispredicts), the text is classified
 * 64 bytes at a time into bit masks (SSE2 where there is SSE2, a table
 * elsewhere), and the words up to the next byte the main loop must see
 * are counted with a population count.  A stop is a control character
 * or white space other than ' ', a multi-byte character other than the
 * letters from U+00C0 to U+04FF inside a word, an ASCII terminator, a
 * parenthesis or an ASCII bullet (none by default: a token that starts with
 * anything else is no list marker unless the stop runs into it).  Tokens are
 * counted when a space ends them before the stop; the token that runs into the
 * stop goes back to the main loop, whose token_start tests it for a list
 * marker ("iv.", "3)").  Bytes past the text are stops.
 */
static void
classify_table(struct split *sp, size_t base)
{
	const unsigned char *s = (const unsigned char *)sp->s;
	uint64_t spc = 0, stop = 0, lower = 0, high = 0, bit = 1;
	size_t k, end = sp->n - base < 64 ? sp->n - base : 64;

	for (k = 0; k < end; k++, bit <<= 1) {
		unsigned c = sp->L->skim[s[base + k]];

		spc |= (c & K_SPACE) ? bit : 0;
		stop |= (c & K_STOP) ? bit : 0;
		lower |= (c & K_LOWER) ? bit : 0;
		high |= (c & K_HIGH) ? bit : 0;
	}
	if (end < 64)
		stop |= ~(uint64_t)0 << end;
	sp->w_space = spc;
	sp->w_stop = stop;
	sp->w_lower = lower;
	sp->w_high = high;
}

#ifdef __SSE2__
#include <emmintrin.h>

_Static_assert(MAXSTOP == 4 && MAXLOUD == 2,
               "classify_sse2 compares with four stops and two loud leads");

static void
classify_sse2(struct split *sp, size_t base)
{
	const char *s = sp->s + base;
	const __m128i space = _mm_set1_epi8(' ');
	const __m128i ctl = _mm_set1_epi8(0x20);
	const __m128i paren = _mm_set1_epi8(')');
	const __m128i one = _mm_set1_epi8(1);
	const __m128i bias_a = _mm_set1_epi8((char)(128 - 'a'));
	const __m128i lim26 = _mm_set1_epi8((char)(-128 + 26));
	const __m128i top2 = _mm_set1_epi8((char)0xC0);
	const __m128i cont = _mm_set1_epi8((char)0x80);
	const __m128i bias_lead =
	    _mm_set1_epi8((char)(0x80 - QUIET_LEAD_FIRST));
	const __m128i lim_lead = _mm_set1_epi8(
	    (char)(-128 + (QUIET_LEAD_LAST - QUIET_LEAD_FIRST + 1)));
	__m128i loudv[MAXLOUD];
	const __m128i quiet_on =
	    _mm_set1_epi8(sp->L->quiet_high ? (char)-1 : 0);
	uint64_t spc = 0, stop = 0, lower = 0, high = 0;
	__m128i stopv[MAXSTOP];
	size_t b, k;

	/* unused slots hold 0, a control character: a stop anyway, and
	 * never a quiet byte */
	for (k = 0; k < MAXSTOP; k++)
		stopv[k] = _mm_set1_epi8((char)sp->L->stop[k]);
	for (k = 0; k < MAXLOUD; k++)
		loudv[k] = _mm_set1_epi8((char)sp->L->loud_lead[k]);
	for (b = 0; b < 64; b += 16) {
		__m128i v =
		    _mm_loadu_si128((const __m128i *)(const void *)(s + b));
		/* signed compare: bytes >= 0x80 are "below 0x20" too */
		__m128i st = _mm_cmplt_epi8(v, ctl);
		__m128i lo = _mm_cmplt_epi8(_mm_add_epi8(v, bias_a), lim26);
		/* continuation bytes and the leads of U+00C0..U+04FF */
		__m128i quiet = _mm_or_si128(
		    _mm_cmpeq_epi8(_mm_and_si128(v, top2), cont),
		    _mm_cmplt_epi8(_mm_add_epi8(v, bias_lead), lim_lead));

		quiet =
		    _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(v, loudv[0]),
		                                  _mm_cmpeq_epi8(v, loudv[1])),
		                     quiet);
		st = _mm_andnot_si128(_mm_and_si128(quiet, quiet_on), st);
		st = _mm_or_si128(st,
		                  _mm_cmpeq_epi8(_mm_or_si128(v, one), paren));
		st = _mm_or_si128(
		    st,
		    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, stopv[0]),
		                              _mm_cmpeq_epi8(v, stopv[1])),
		                 _mm_or_si128(_mm_cmpeq_epi8(v, stopv[2]),
		                              _mm_cmpeq_epi8(v, stopv[3]))));
		spc |= (uint64_t)(unsigned)_mm_movemask_epi8(
		           _mm_cmpeq_epi8(v, space))
		       << b;
		stop |= (uint64_t)(unsigned)_mm_movemask_epi8(st) << b;
		lower |= (uint64_t)(unsigned)_mm_movemask_epi8(lo) << b;
		high |= (uint64_t)(unsigned)_mm_movemask_epi8(v) << b;
	}
	sp->w_space = spc;
	sp->w_stop = stop;
	sp->w_lower = lower;
	sp->w_high = high;
}
#endif

/* Make the masks describe the 64 bytes at base. */
static void
classify(struct split *sp, size_t base)
{
	uint64_t before;

#ifdef __SSE2__
	if (base + 64 <= sp->n && sp->L->nstop <= MAXSTOP)
		classify_sse2(sp, base);
	else
#endif
		classify_table(sp, base);
	/* a token starts after a space; one that starts with a non-ASCII
	 * letter is token_start's, which looks at its case */
	before = base > 0 && sp->s[base - 1] == ' ';
	sp->w_start = ~sp->w_space & ((sp->w_space << 1) | before);
	sp->w_stop |= sp->w_start & sp->w_high;
	sp->w_base = base;
}

/*
 * Could the token s[a..p), which a stop at p ends (p = n: the text's
 * end), be a list marker for marker_at?  Only "X." with one letter or up
 * to three digits, and "X)" with up to five letters or digits, can; a
 * wider test than marker_at's would do, a narrower one would not.
 */
static inline int
may_be_marker(const char *s, size_t n, size_t a, size_t p)
{
	size_t k;

	if (p >= n) /* the text ends: no "." or ")" follows */
		return 0;
	if (s[p] == ')')
		return p - a <= 5;
	if (s[p] != '.' || p - a > 3)
		return 0;
	if (p - a == 1)
		return 1;
	for (k = a; k < p; k++)
		if (!pl_ascii_isdigit((unsigned char)s[k]))
			return 0;
	return 1;
}

/* Bits set in m (no POPCNT in the x86-64 baseline: __builtin_popcountll
 * would be a libgcc call). */
static inline unsigned
count_bits(uint64_t m)
{
	m = m - ((m >> 1) & 0x5555555555555555ULL);
	m = (m & 0x3333333333333333ULL) + ((m >> 2) & 0x3333333333333333ULL);
	m = (m + (m >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
	return (unsigned)((m * 0x0101010101010101ULL) >> 56);
}

/*
 * Skim ordinary words from i, inside a token of an open sentence; return
 * where the main loop goes on, with the counts, tok, last and intok as
 * token_start would have left them.
 */
static size_t
skim_words(struct split *sp, size_t i)
{
	const char *s = sp->s;
	size_t p, tok = sp->tok, k;
	unsigned ntok = 0, nlower = 0;
	int counted = 0; /* tok is a token counted here */

	if (sp->no_skim) {
		sp->last = i;
		return i;
	}
	for (;;) {
		size_t base = i & ~(size_t)63, off = i - base;
		uint64_t stop, starts;

		if (base != sp->w_base)
			classify(sp, base);
		stop = sp->w_stop >> off;
		starts = sp->w_start >> off;
		if (stop != 0)
			starts &= ((uint64_t)1 << __builtin_ctzll(stop)) - 1;
		if (starts != 0) {
			ntok += count_bits(starts);
			nlower += count_bits(starts & (sp->w_lower >> off));
			tok = i + 63 - (unsigned)__builtin_clzll(starts);
			counted = 1;
		}
		if (stop != 0) {
			p = i + (unsigned)__builtin_ctzll(stop);
			break;
		}
		i = base + 64;
	}
	if (counted && s[p - 1] != ' ' && may_be_marker(s, sp->n, tok, p)) {
		/* the token that runs into the stop is token_start's */
		ntok--;
		nlower -= pl_ascii_islower((unsigned char)s[tok]);
		p = tok;
	}
	if (ntok > 0) {
		sp->ntok += (int)ntok;
		sp->line_ntok += (int)ntok;
		sp->line_lower += (int)nlower;
		sp->only_markers = 0;
		sp->tok = tok;
	}
	/* entered inside a token: s[i - 1] is not a space */
	if (s[p - 1] == ' ') {
		sp->intok = 0;
		for (k = p; s[k - 1] == ' '; k--)
			;
		sp->last = k;
	} else
		sp->last = p;
	return p;
}

/*
 * Does the text have a line of more than LONG_LINE code points?  Hard-
 * wrapped text (mail, PDF dumps) never has; scraped pages, where every
 * paragraph is one line, almost always do.
 */
static int
has_long_line(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl != NULL ? (size_t)(nl - s) : n;

		if (e - i > LONG_LINE &&
		    pl_utf8_count_cp_valid(s + i, e - i) > LONG_LINE)
			return 1;
		i = e + 1;
	}
	return 0;
}

int
pl_sent_split(const struct pl_sent_rules *r, const char *lang, const char *s,
              size_t n, pl_sent_fn fn, void *arg)
{
	struct split sp;
	size_t i = 0, l;

	memset(&sp, 0, sizeof(sp));
	if (lang == NULL)
		lang = pl_sent_guess_lang(r, s, n);
	sp.L = &r->langs[r->fixed];
	for (l = 0; l < r->nlangs; l++)
		if (strcmp(r->langs[l].code, lang) == 0)
			sp.L = &r->langs[l];
	sp.s = s;
	sp.n = n;
	sp.fn = fn;
	sp.arg = arg;
	sp.long_lines = has_long_line(s, n);
	sp.mk_at = SIZE_MAX;
	sp.brk = SIZE_MAX;
	sp.w_base = SIZE_MAX;
	sp.no_skim = r->no_skim;
	while (i < n && sp.rc == 0) {
		int32_t cp;
		size_t len;
		unsigned c;

		if (s[i] == ' ') {
			sp.intok = 0;
			i++;
			continue;
		}
		if ((unsigned char)s[i] < 0x80) {
			cp = (unsigned char)s[i];
			len = 1;
		} else
			len = decode(s, n, i, &cp);
		if (is_space(cp)) {
			sp.intok = 0;
			if (is_newline(cp)) {
				size_t k = i + len;

				if (sp.have && sp.brk == SIZE_MAX &&
				    (cp == '\n' || cp == '\r'))
					sp.brk = i;

				if (cp == '\r' && k < n && s[k] == '\n')
					k++;
				k = skip_blank(&sp, k);
				if (k < n) {
					int32_t nc;

					decode(s, n, k, &nc);
					if (is_newline(nc)) {
						/* a blank line */
						if (sp.have)
							emit(&sp, sp.last);
						sp.paren = 0;
						new_line(&sp);
						i = k;
						continue;
					}
				}
				if (sp.have &&
				    (r->line_breaks || line_break(&sp, k)))
					emit(&sp, sp.last);
				new_line(&sp);
				i = k;
				continue;
			}
			i += len;
			continue;
		}
		if (!sp.intok)
			token_start(&sp, i, cp);
		else if (!sp.have) {
			/* a run-on sentence starts inside a token */
			sp.have = 1;
			sp.start = i;
			sp.ntok = 1;
			sp.only_markers = 0;
			sp.sent_item = 0;
			sp.tok = i;
		}
		c = cls_of(sp.L, cp);
		if (c & (C_TERM | C_STRONG)) {
			size_t k = terminator(&sp, i);

			if (k <= i)
				k = i + len;
			i = k;
			continue;
		}
		if (cp == '(' || cp == 0xFF08 || cp == 0x300A) {
			if (sp.paren == 0 || !inside_parens(&sp, i))
				sp.paren = 0;
			sp.paren++;
			sp.paren_pos = i;
		} else if ((cp == ')' || cp == 0xFF09 || cp == 0x300B) &&
		           sp.paren > 0)
			sp.paren--;
		i = skim_words(&sp, i + len);
	}
	if (sp.rc == 0 && sp.have)
		emit(&sp, sp.last);
	return sp.rc;
}

struct spans {
	struct pl_sent_span **v;
	size_t *cap, *n;
};

static int
add_span(void *arg, size_t start, size_t end, unsigned flags)
{
	struct spans *sv = arg;

	(void)flags;
	if (*sv->n == *sv->cap) {
		size_t nc = *sv->cap ? *sv->cap * 2 : 16;
		struct pl_sent_span *p = realloc(*sv->v, nc * sizeof(*p));

		if (p == NULL)
			return -1;
		*sv->v = p;
		*sv->cap = nc;
	}
	(*sv->v)[*sv->n].start = start;
	(*sv->v)[*sv->n].end = end;
	(*sv->n)++;
	return 0;
}

int
pl_sent_split_spans(const struct pl_sent_rules *r, const char *lang,
                    const char *text, size_t len, struct pl_sent_span **spans,
                    size_t *cap, size_t *n)
{
	struct spans sv;

	sv.v = spans;
	sv.cap = cap;
	sv.n = n;
	*n = 0;
	return pl_sent_split(r, lang, text, len, add_span, &sv) != 0 ? -1 : 0;
}
