/*
 * qx.c - the extract-quotes algorithm: quotation spans, attribution and
 * speaker resolution over one document.
 *
 *   strip-boilerplate dump.jsonl | extract-quotes | jq -r .speaker
 *
 * The document is cut into tokens (words, punctuation, quote marks,
 * dashes, line ends).  Then, in order:
 *
 * 1. Quote marks are paired.  A mark that only opens (“ « „ 「) opens
 *    outside a quotation; a mark that can open and close (" ' » ”) opens
 *    only when it is left-flanking (space before, text after).  Inside a
 *    quotation only the closers of the opening mark count, so quotes
 *    nested in quotes stay inside.  Policy for bad input:
 *      - a second opening mark of the same kind inside a quotation is a
 *        stray and is skipped (“A. “B,” X said. is one quotation A..B);
 *      - a paragraph that ends unclosed continues when the next paragraph
 *        opens with the same mark (the newspaper convention), at most
 *        max_paragraphs times; otherwise a double quotation ends at the
 *        paragraph end (unclosed) and a single one is not a quotation
 *        (it was an apostrophe: Jones’ car, ’90s);
 *      - apostrophes inside words (don’t, Liu’s, O'Neil) are word
 *        characters and never quote marks.
 * 2. Sentences are those of common/sentence.c (the boundaries that
 *    split-sentences draws), kept outside quotations, plus every
 *    paragraph end; a quotation belongs to the sentence it opens in.
 * 3. Capitalised word runs are names (titles such as "Secretary of State"
 *    or "Mr." are stripped; "Liu" maps to the fullest name that shares a
 *    word with it, "Liu Jianchao").  Each person gets a gender from the
 *    text: titles, he/she after the name, and first names in the YAML.
 * 4. Each quotation is attributed by the first pattern that fits:
 *      “…,” Liu said.  /  “…,” said Liu, who …  /  “…,” he told X
 *      “…” — Commissioner X                       (dash)
 *      Liu said: “…”  /  He added, “…”  /  Liu said X is “…” (partial)
 *      X, Liu said, is to “…”                      (parenthetical)
 *      according to X / as reported by X
 *      “…” after a quotation with no cue of its own (continuation)
 *    and its speaker is the name, a pronoun resolved to the nearest
 *    person of that gender (speaker of an earlier quote or subject of an
 *    earlier sentence first), or a nominal ("a spokesperson") as written.
 * 5. A quotation with no attribution and at most scare_words words is a
 *    scare quote or a title (speech = 0).
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"
#include "qx_int.h"
#include "utf8.h"

enum tk_kind { TK_WORD, TK_PUNCT, TK_QUOTE, TK_DASH, TK_NL };

struct tok {
	size_t b, e;    /* bytes */
	size_t cb, ce;  /* code points */
	size_t lo, ll;  /* lower-case form (no possessive) in low */
	int32_t cp;     /* first code point */
	int32_t last;   /* last code point */
	unsigned flags; /* lexicon classes */
	const struct qx_entry *ent;
	int q;    /* quotation this token is part of, or -1 */
	int sent; /* sentence number */
	int para; /* paragraph number */
	unsigned char kind;
	unsigned char sp;      /* white space (or start) before */
	unsigned char cap;     /* starts with an upper-case letter */
	unsigned char poss;    /* ended in 's, removed from the lower form */
	unsigned char head;    /* in a Title Case line (a headline) */
	unsigned char initial; /* "J." inside a name */
	int mention;           /* name mention this token is part of, or -1 */
};

/* A quotation while it is being worked out. */
struct quo {
	int o, c; /* opening mark, closing mark (c may be NL) */
	int unclosed;
	int ment_b, ment_e; /* mention tokens, -1 if none */
	int cue_b, cue_e;   /* cue tokens, -1 if none */
	int ent;            /* speaker entity, -1 if none */
	int nominal;        /* speaker is the mention (without det) */
	int attributed;
	int weak; /* only the subject of the sentence */
};

/* A capitalised name run. */
struct men {
	int b, cb, e; /* run start, core start (titles off), end */
	int ent;
	int sent;
	int inq; /* inside a quotation */
};

struct ent {
	size_t key, keylen; /* lower-case core words in s->keys */
	uint32_t hash;      /* of the key */
	int b, e;           /* tokens of the first occurrence */
	int ntok;
	int count;
	int canon;        /* fullest entity naming the same person */
	int male, female; /* gender evidence */
	int org;
	int person; /* seen as a person (title, first name, he) */
	int subj;   /* times it is the first word of a sentence */
	int speaks; /* seen next to a cue verb */
};

struct qx_doc_scratch {
	const char *text; /* the document being read */
	struct tok *t;
	size_t nt, tcap;
	struct pl_buf low;
	struct quo *q;
	size_t nq, qcap;
	struct men *m;
	size_t nm, mcap;
	struct ent *en;
	size_t nen, encap;
	struct pl_buf keys;
	struct slot *idx; /* hash index over strings in keys */
	size_t idxcap;
	int *sent_spk;   /* per sentence: entity of a quote speaker */
	int *sent_first; /* per sentence: first name mention */
	int *sent_say;   /* per sentence: a name next to a cue verb */
	int *sent_any;   /* per sentence: first name mention */
	int *sent_pron;  /* per sentence: a subject he/she token */
	int *sent_pent;  /* its resolution: entity, -1, or -2 */
	size_t nsent, scap;
	size_t len;                 /* of text */
	struct pl_sent_span *spans; /* common/sentence.c's sentences */
	size_t nspans, spancap;
};

static int is_cue(const struct tok *t);
static int is_pron(const struct tok *t);
static int is_stop(const struct qx_doc_scratch *s, int k);
struct np {
	int b, e; /* mention tokens */
	int kind; /* 'n' name, 'p' pronoun, 'd' nominal */
};
static int np_left(const struct qx_doc_scratch *s, int v, int lo,
                   struct np *np);
static int np_right(const struct qx_doc_scratch *s, int v, int hi,
                    struct np *np);

#define GROW(arr, n, cap)                                                      \
	(((n) < (cap)) ? 0                                                     \
	               : grow_array((void **)&(arr), &(cap), sizeof(*(arr))))

static int
grow_array(void **arr, size_t *cap, size_t size)
{
	size_t ncap = *cap ? *cap * 2 : 64;
	void *p = realloc(*arr, ncap * size);

	if (p == NULL)
		return -1;
	*arr = p;
	*cap = ncap;
	return 0;
}

struct qx_doc *
qx_doc_new(void)
{
	struct qx_doc *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return NULL;
	d->s = calloc(1, sizeof(*d->s));
	if (d->s == NULL) {
		free(d);
		return NULL;
	}
	return d;
}

void
qx_doc_free(struct qx_doc *d)
{
	if (d == NULL)
		return;
	free(d->s->t);
	pl_buf_free(&d->s->low);
	free(d->s->q);
	free(d->s->m);
	free(d->s->en);
	pl_buf_free(&d->s->keys);
	free(d->s->idx);
	free(d->s->sent_spk);
	free(d->s->sent_first);
	free(d->s->sent_say);
	free(d->s->sent_any);
	free(d->s->sent_pron);
	free(d->s->sent_pent);
	free(d->s->spans);
	free(d->s);
	free(d->q);
	free(d);
}

/* ---------------------------------------------------------------- */
/* Characters */

/*
 * Character classes.  ASCII is answered here (most news text is ASCII
 * and utf8proc's table lookup is the tool's hottest path); the rest goes
 * to utf8proc.
 */
static int
is_wordch(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9');
	return pl_uc_is_letter(cp) || pl_uc_is_mark(cp) || pl_uc_is_number(cp);
}

static int
is_space(int32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || cp == '\t' || cp == '\v' || cp == '\f';
	return pl_uc_is_space(cp);
}

static int
is_apos(int32_t cp)
{
	return cp == '\'' || cp == 0x2019;
}

static int
is_dash(int32_t cp)
{
	return cp == 0x2014 || cp == 0x2013 || cp == 0x2015 || cp == 0x2012;
}

static int
mark_opens(const struct qx_lex *lex, int32_t cp)
{
	size_t i;

	for (i = 0; i < lex->npairs; i++)
		if (lex->pairs[i].open == cp)
			return 1;
	return 0;
}

static int
mark_closes(const struct qx_lex *lex, int32_t cp)
{
	size_t i;

	for (i = 0; i < lex->npairs; i++)
		if (lex->pairs[i].close == cp)
			return 1;
	return 0;
}

static int
pair_ok(const struct qx_lex *lex, int32_t open, int32_t close)
{
	size_t i;

	for (i = 0; i < lex->npairs; i++)
		if (lex->pairs[i].open == open && lex->pairs[i].close == close)
			return 1;
	return 0;
}

static int
is_single(int32_t cp)
{
	return cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x201A ||
	       cp == 0x2039 || cp == 0x203A || cp == 0x201B;
}

/* Decode at s[i]; returns the length and stores the code point. */
static size_t
dec(const char *s, size_t len, size_t i, int32_t *cp)
{
	size_t n = pl_utf8_decode(s + i, len - i, cp);

	if (*cp < 0)
		*cp = PL_REPLACEMENT;
	return n;
}

/* ---------------------------------------------------------------- */
/* Tokens */

static int
push_tok(struct qx_doc_scratch *s, enum tk_kind kind, size_t b, size_t e,
         size_t cb, size_t ce, int32_t cp, int32_t last, int sp)
{
	struct tok *t;

	if (GROW(s->t, s->nt, s->tcap) == -1)
		return -1;
	t = &s->t[s->nt++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->b = b;
	t->e = e;
	t->cb = cb;
	t->ce = ce;
	t->cp = cp;
	t->last = last;
	t->sp = sp;
	t->q = -1;
	t->mention = -1;
	return 0;
}

/* Fill in the lower-case form and lexicon classes of word token t. */
static int
word_info(const struct qx_lex *lex, struct qx_doc_scratch *s, struct tok *t,
          const char *text)
{
	size_t start = s->low.len;
	const char *lw;

	if (qx_lower(text + t->b, t->e - t->b, &s->low) == -1)
		return -1;
	t->lo = start;
	t->ll = s->low.len - start;
	lw = s->low.data + start;
	/* Possessive: Liu's, Liu’s. */
	if (t->ll > 2 && lw[t->ll - 1] == 's' && lw[t->ll - 2] == '\'') {
		t->ll -= 2;
		t->poss = 1;
	} else if (t->ll > 4 && lw[t->ll - 1] == 's' &&
	           memcmp(lw + t->ll - 4, "\xe2\x80\x99", 3) == 0) {
		t->ll -= 4;
		t->poss = 1;
	}
	t->ent = qx_lex_find(lex, lw, t->ll);
	t->flags = t->ent ? t->ent->flags : 0;
	t->cap = pl_uc_is_upper(t->cp);
	return 0;
}

/*
 * Is the line break at text[b] (the next line starts at j) only a hard
 * wrap inside a paragraph?  Policy: a blank line, a line that ends in
 * . ! ? : ; a quote mark or a dash, and a short line (a heading, a byline,
 * a list item: under 40 bytes) always end a paragraph.  Otherwise the
 * break is a space when the next line starts in lower case, or when the
 * line is long (60 bytes or more, the width of wrapped text) and stopped
 * after a comma or a lower-case word.
 */
static int
soft_break(const struct qx_doc_scratch *s, const char *text, size_t len,
           size_t line, size_t b, size_t j)
{
	const struct tok *t;
	int32_t cp;

	while (j < len && (text[j] == ' ' || text[j] == '\t'))
		j++;
	if (j >= len || text[j] == '\n' || text[j] == '\r' || s->nt == 0)
		return 0;
	t = &s->t[s->nt - 1];
	if (t->kind == TK_NL || t->kind == TK_QUOTE || t->kind == TK_DASH ||
	    t->b < line)
		return 0;
	if (t->kind == TK_PUNCT &&
	    (t->cp == '.' || t->cp == '!' || t->cp == '?' || t->cp == ':' ||
	     t->cp == ';' || t->cp == 0x2026))
		return 0;
	if (b - line < 40 || text[b - 1] == '.')
		return 0;
	(void)dec(text, len, j, &cp);
	if (pl_uc_is_lower(cp))
		return 1;
	/* a capital after a long line: only when the line stopped in the
	 * middle of a clause ("said Mayor" / "Elena Vasquez") */
	return b - line >= 60 && (pl_uc_is_letter(cp) || pl_uc_is_digit(cp)) &&
	       ((t->kind == TK_PUNCT && t->cp == ',') ||
	        (t->kind == TK_WORD && !t->cap));
}

static int
tokenize(const struct qx_lex *lex, struct qx_doc_scratch *s, const char *text,
         size_t len)
{
	size_t i = 0, cpi = 0, n, line = 0;
	int sp = 1;
	int32_t cp;

	s->nt = 0;
	pl_buf_reset(&s->low);
	while (i < len) {
		size_t b = i, cb = cpi;
		n = dec(text, len, i, &cp);
		if (cp == '\n' || cp == '\r') {
			/* a hard-wrapped line goes on: the break is a space */
			size_t j = i + 1, jcp = cpi + 1;
			if (cp == '\r' && j < len && text[j] == '\n') {
				j++;
				jcp++;
			}
			if (soft_break(s, text, len, line, b, j)) {
				i = j;
				cpi = jcp;
				line = j;
				sp = 1;
				continue;
			}
			line = j;
		}
		if (cp == '\n' || cp == '\r' || cp == 0x2029 || cp == 0x85) {
			i += n;
			cpi++;
			if (s->nt == 0 || s->t[s->nt - 1].kind != TK_NL) {
				if (push_tok(s, TK_NL, b, i, cb, cpi, cp, cp,
				             1) == -1)
					return -1;
			}
			sp = 1;
			continue;
		}
		if (is_space(cp) || cp == 0xFEFF) {
			i += n;
			cpi++;
			sp = 1;
			continue;
		}
		if (is_wordch(cp)) {
			int32_t first = cp, prev = cp, c2, c3;
			int dots = 0;
			struct tok *t;
			i += n;
			cpi++;
			while (i < len) {
				size_t n2 = dec(text, len, i, &c2), n3 = 0;
				if (is_wordch(c2)) {
					prev = c2;
					i += n2;
					cpi++;
					continue;
				}
				c3 = -1;
				if (i + n2 < len)
					n3 = dec(text, len, i + n2, &c3);
				(void)n3;
				if ((is_apos(c2) && pl_uc_is_letter(prev) &&
				     pl_uc_is_letter(c3)) ||
				    ((c2 == '-' || c2 == 0x2010) && c3 >= 0 &&
				     is_wordch(c3)) ||
				    (c2 == '.' && pl_uc_is_letter(prev) &&
				     pl_uc_is_letter(c3) && dots++ < 8) ||
				    ((c2 == '.' || c2 == ',') &&
				     pl_uc_is_digit(prev) && c3 >= 0 &&
				     pl_uc_is_digit(c3))) {
					i += n2;
					cpi++;
					continue;
				}
				break;
			}
			if (push_tok(s, TK_WORD, b, i, cb, cpi, first, prev,
			             sp) == -1)
				return -1;
			t = &s->t[s->nt - 1];
			if (word_info(lex, s, t, text) == -1)
				return -1;
			/* A final period that belongs to the word. */
			if (i < len && text[i] == '.' &&
			    (dots > 0 || (t->flags & QX_ABBR) ||
			     (t->e - t->b == 1 && t->cap &&
			      (!(t->flags & (QX_PRON_O | QX_DET)) ||
			       (s->nt >= 2 && s->t[s->nt - 2].kind == TK_WORD &&
			        s->t[s->nt - 2].cap))))) {
				i++;
				cpi++;
				t->e = i;
				t->ce = cpi;
				if (t->e - t->b == 2 && t->cap)
					t->initial = 1;
			}
			sp = 0;
			continue;
		}
		i += n;
		cpi++;
		/* '' and `` stand for a double quote mark in some dumps. */
		if ((cp == '\'' || cp == '`') && i < len && text[i] == cp) {
			i++;
			cpi++;
			cp = '"';
		}
		if (mark_opens(lex, cp) || mark_closes(lex, cp)) {
			if (push_tok(s, TK_QUOTE, b, i, cb, cpi, cp, cp, sp))
				return -1;
		} else if (is_dash(cp) ||
		           (cp == '-' && sp &&
		            (i >= len || text[i] == ' ' || text[i] == '-'))) {
			if (cp == '-' && i < len && text[i] == '-') {
				i++;
				cpi++;
			}
			if (push_tok(s, TK_DASH, b, i, cb, cpi, cp, cp, sp))
				return -1;
		} else {
			if (push_tok(s, TK_PUNCT, b, i, cb, cpi, cp, cp, sp))
				return -1;
		}
		sp = 0;
	}
	return 0;
}

/* ---------------------------------------------------------------- */
/* Quote marks */

/* White space, a line end or the text edge at token index k. */
static int
space_before(const struct qx_doc_scratch *s, size_t k)
{
	if (k == 0 || s->t[k].sp)
		return 1;
	switch (s->t[k - 1].cp) {
	case '(':
	case '[':
	case '{':
	case '/':
		return 1;
	}
	return s->t[k - 1].kind == TK_DASH || s->t[k - 1].kind == TK_NL ||
	       s->t[k - 1].kind == TK_QUOTE;
}

static int
space_after(const struct qx_doc_scratch *s, size_t k)
{
	return k + 1 >= s->nt || s->t[k + 1].sp || s->t[k + 1].kind == TK_NL;
}

static int
left_flanking(const struct qx_doc_scratch *s, size_t k)
{
	return space_before(s, k) && !space_after(s, k) &&
	       !(s->t[k + 1].kind == TK_PUNCT && s->t[k + 1].cp != '(' &&
	         s->t[k + 1].cp != '[' && s->t[k + 1].cp != 0x2026);
}

/* Token k is a mark followed by what looks like the end of a quote. */
static int
right_flanking(const struct qx_doc_scratch *s, size_t k)
{
	if (space_before(s, k) && !(k > 0 && s->t[k - 1].kind == TK_PUNCT))
		return space_after(s, k);
	return 1;
}

/* May token k open a quotation (outside any quotation)? */
static int
can_open(const struct qx_lex *lex, const struct qx_doc_scratch *s, size_t k)
{
	const struct tok *t = &s->t[k];

	if (t->kind != TK_QUOTE || !mark_opens(lex, t->cp))
		return 0;
	/* ‘90s, '90s: an elision, not a quote. */
	if (is_single(t->cp) && k + 1 < s->nt && s->t[k + 1].kind == TK_WORD &&
	    !s->t[k + 1].sp && pl_uc_is_digit(s->t[k + 1].cp))
		return 0;
	if (!mark_closes(lex, t->cp))
		return !space_after(s, k) || !is_single(t->cp);
	/* « Bonjour » and » Hallo « with spaces inside. */
	if ((t->cp == 0xAB || t->cp == 0xBB || t->cp == 0x2039 ||
	     t->cp == 0x203A) &&
	    space_before(s, k) && k + 1 < s->nt && s->t[k + 1].kind == TK_WORD)
		return 1;
	return left_flanking(s, k);
}

/*
 * Is the closing single mark at k rather an apostrophe ("the Joneses’
 * car")?  Yes when it follows a word in -s, a lower-case word follows,
 * and another closer of oc comes later in the same paragraph.
 */
static int
possessive_mark(const struct qx_lex *lex, const struct qx_doc_scratch *s,
                size_t k, int32_t oc)
{
	size_t j;

	if (k == 0 || s->t[k - 1].kind != TK_WORD || s->t[k - 1].last != 's' ||
	    s->t[k].sp || k + 1 >= s->nt || s->t[k + 1].kind != TK_WORD ||
	    !s->t[k + 1].sp || !pl_uc_is_lower(s->t[k + 1].cp))
		return 0;
	for (j = k + 1; j < s->nt && j < k + 300 && s->t[j].kind != TK_NL; j++)
		if (s->t[j].kind == TK_QUOTE && pair_ok(lex, oc, s->t[j].cp) &&
		    right_flanking(s, j))
			return 1;
	return 0;
}

/*
 * From opening mark o, find the closing mark.  Returns its index, or -1
 * when the quotation is not one; *unclosed is set when it ends at a
 * paragraph end (the index of the line end is returned).
 */
static int
find_close(const struct qx_lex *lex, const struct qx_doc_scratch *s, size_t o,
           int *unclosed, size_t *stop)
{
	int32_t oc = s->t[o].cp;
	size_t k, other = 0;
	long paras = 0;

	*unclosed = 0;
	*stop = 0;
	for (k = o + 1; k < s->nt; k++) {
		const struct tok *t = &s->t[k];
		/* the first opening double mark of another kind: where an
		 * unclosed quotation ends ("A ... “B”" in mixed styles) */
		if (other == 0 && t->kind == TK_QUOTE && t->cp != oc &&
		    !is_single(t->cp) && mark_opens(lex, t->cp) &&
		    left_flanking(s, k) && k > o + 2)
			other = k;
		if (t->kind == TK_NL) {
			size_t j = k + 1;
			if (j < s->nt && s->t[j].kind == TK_QUOTE &&
			    s->t[j].cp == oc && left_flanking(s, j) &&
			    ++paras < lex->set.max_paragraphs) {
				k = j;
				continue;
			}
			if (is_single(oc)) {
				*stop = k;
				return -1;
			}
			if (k == o + 1)
				return -1;
			*unclosed = 1;
			return (int)(other > 0 ? other : k);
		}
		if (t->kind != TK_QUOTE)
			continue;
		if (pair_ok(lex, oc, t->cp)) {
			/* "A ... “B”: the closer belongs to the opener of
			 * its own kind, and A ends where B starts */
			if (other > 0 && oc != s->t[other].cp &&
			    pair_ok(lex, s->t[other].cp, t->cp) &&
			    !(mark_opens(lex, t->cp) && left_flanking(s, k))) {
				*unclosed = 1;
				return (int)other;
			}
			/* A mark that also opens, in opening position, is a
			 * stray opener: skip it. */
			if (mark_opens(lex, t->cp) && left_flanking(s, k) &&
			    !(k > 0 && s->t[k - 1].kind == TK_PUNCT))
				continue;
			if (is_single(oc) && !right_flanking(s, k))
				continue;
			/* "Jones’ fault": a plural possessive when a later
			 * mark in the paragraph can close. */
			if (is_single(oc) && possessive_mark(lex, s, k, oc))
				continue;
			if (k == o + 1)
				return -1;
			return (int)k;
		}
	}
	if (is_single(oc) || s->nt == o + 1) {
		*stop = s->nt;
		return -1;
	}
	*unclosed = 1;
	return (int)(other > 0 ? other : s->nt);
}

static int
find_quotes(const struct qx_lex *lex, struct qx_doc_scratch *s)
{
	size_t k = 0, stop, fail_end = 0;
	int32_t fail_cp = -1;
	int c, unclosed;

	s->nq = 0;
	while (k < s->nt) {
		if (!can_open(lex, s, k)) {
			k++;
			continue;
		}
		/* A single mark with no closer before fail_end was already
		 * searched for: the answer is the same (keeps a paragraph of
		 * stray apostrophes linear). */
		if (s->t[k].cp == fail_cp && k < fail_end) {
			k++;
			continue;
		}
		c = find_close(lex, s, k, &unclosed, &stop);
		if (c < 0) {
			if (stop > 0) {
				fail_cp = s->t[k].cp;
				fail_end = stop;
			}
			k++;
			continue;
		}
		if (GROW(s->q, s->nq, s->qcap) == -1)
			return -1;
		memset(&s->q[s->nq], 0, sizeof(s->q[0]));
		s->q[s->nq].o = (int)k;
		s->q[s->nq].c = c;
		s->q[s->nq].unclosed = unclosed;
		s->q[s->nq].ent = -1;
		s->q[s->nq].ment_b = s->q[s->nq].ment_e = -1;
		s->q[s->nq].cue_b = s->q[s->nq].cue_e = -1;
		for (k = k + 1; k < (size_t)c; k++)
			s->t[k].q = (int)s->nq;
		s->t[s->q[s->nq].o].q = (int)s->nq;
		if ((size_t)c < s->nt && !unclosed)
			s->t[c].q = (int)s->nq;
		s->nq++;
		k = (size_t)c + (unclosed ? 0 : 1);
	}
	return 0;
}

/* ---------------------------------------------------------------- */
/* Sentences */

/*
 * Number the sentences.  The boundaries are those of common/sentence.c
 * (the same as split-sentences draws), kept only where they fall outside
 * quotations or at an opening mark: a quotation of several sentences is
 * one unit of the writer's sentence, so "“A. B,” he said." stays one
 * sentence.  Paragraph ends (line-end tokens outside quotations) always
 * end a sentence.
 */
#define GUESS_BYTES 256

static int
sentences(const struct qx_lex *lex, struct qx_doc_scratch *s)
{
	size_t k, j = 0;
	int sent = 0, para = 0, brk = 0, empty = 1;

	/* with "auto" rules, the language of a news text shows in its first
	 * few hundred bytes; guessing from more costs more than the rest of
	 * the sentence work (pl_sent_guess_lang reads up to 4 KiB) */
	const char *lang = pl_sent_guess_lang(
	    lex->sent, s->text, s->len < GUESS_BYTES ? s->len : GUESS_BYTES);

	if (pl_sent_split_spans(lex->sent, lang, s->text, s->len, &s->spans,
	                        &s->spancap, &s->nspans) == -1)
		return -1;
	for (k = 0; k < s->nt; k++) {
		struct tok *t = &s->t[k];
		/* a sentence of the module starts at or before this token */
		while (j < s->nspans && s->spans[j].start <= t->b) {
			if (j > 0)
				brk = 1;
			j++;
		}
		if (t->kind == TK_NL && t->q < 0) {
			t->sent = sent;
			t->para = para;
			sent++;
			para++;
			brk = 0;
			empty = 1;
			continue;
		}
		if (brk && !empty && (t->q < 0 || s->q[t->q].o == (int)k))
			sent++;
		brk = 0;
		empty = 0;
		t->sent = sent;
		t->para = para;
	}
	/* Quote tokens take the sentence of their opening mark. */
	for (k = 0; k < s->nt; k++)
		if (s->t[k].q >= 0)
			s->t[k].sent = s->t[s->q[s->t[k].q].o].sent;
	s->nsent = (size_t)sent + 1;
	if (s->nsent > s->scap) {
		/* the per-sentence arrays, all of nsent ints */
		int **arr[] = {&s->sent_spk, &s->sent_first, &s->sent_say,
		               &s->sent_any, &s->sent_pron,  &s->sent_pent};
		size_t a;

		for (a = 0; a < sizeof(arr) / sizeof(arr[0]); a++) {
			int *b = realloc(*arr[a], s->nsent * sizeof(int));

			if (b == NULL)
				return -1;
			*arr[a] = b;
		}
		s->scap = s->nsent;
	}
	for (k = 0; k < s->nsent; k++)
		s->sent_spk[k] = s->sent_first[k] = s->sent_say[k] =
		    s->sent_any[k] = -1;
	for (k = 0; k < s->nsent; k++) {
		s->sent_pron[k] = -1;
		s->sent_pent[k] = -2;
	}
	return 0;
}

/* ---------------------------------------------------------------- */
/* Names and entities */

static const char *
lw(const struct qx_doc_scratch *s, const struct tok *t)
{
	return s->low.data + t->lo;
}

/*
 * A lower-case word in -ly: an adverb ("egregiously described"), unless
 * a determiner or a possessive comes before it ("Scott's family", "the
 * rally") or it names a speaker.
 */
static int
is_ly(const struct qx_doc_scratch *s, const struct tok *t)
{
	const struct tok *p = t > s->t ? t - 1 : NULL;

	return !t->cap && t->ll > 4 &&
	       memcmp(lw(s, t) + t->ll - 2, "ly", 2) == 0 &&
	       !(t->flags & QX_NOUN) &&
	       !(p != NULL && p->kind == TK_WORD &&
	         (p->poss || (p->flags & QX_DET)));
}

static int
is_namey(const struct tok *t)
{
	if (t->initial)
		return 1;
	return t->kind == TK_WORD && t->cap && !(t->flags & QX_FUNC) &&
	       !(t->flags & (QX_PRON_M | QX_PRON_F | QX_PRON_P | QX_PRON_O));
}

/* Could token k continue a name run started before it? */
static int
name_cont(const struct qx_doc_scratch *s, size_t k)
{
	const struct tok *t = &s->t[k];

	if (t->kind != TK_WORD || t->sp == 0)
		return 0;
	if (is_namey(t))
		return 1;
	/* de, van, bin: only between two capitalised words. */
	return (t->flags & QX_PARTICLE) && !t->cap && k + 1 < s->nt &&
	       is_namey(&s->t[k + 1]) && s->t[k + 1].sp;
}

/* Two or more letters, none of them lower case. */
static int
all_caps(const struct qx_doc_scratch *s, const struct tok *t)
{
	size_t i;

	if (t->ce - t->cb < 2 || t->initial)
		return 0;
	for (i = t->b; i < t->e; i++) {
		unsigned char c = (unsigned char)s->text[i];
		if (c >= 'a' && c <= 'z')
			return 0;
	}
	return 1;
}

/* The index's hash: FNV-1a (common/hash), its low 32 bits. */
static uint32_t
key_hash(const char *k, size_t n)
{
	return (uint32_t)pl_hash_fnv1a64(k, n);
}

/*
 * A small hash index over strings kept in s->keys (entity keys, or single
 * words), so that finding an entity or the fullest name for a word takes
 * constant time and a document with many names stays linear.
 */
struct slot {
	size_t off, len; /* the string in s->keys; len 0 = empty */
	uint32_t h;
	int val;
	int tag; /* which table the entry belongs to */
};

/* Empty the index and make room for n entries.  Returns 0 or -1. */
static int
idx_reset(struct qx_doc_scratch *s, size_t n)
{
	size_t cap = 64;

	while (cap < 2 * n + 2)
		cap *= 2;
	if (cap > s->idxcap) {
		struct slot *p = realloc(s->idx, cap * sizeof(*p));
		if (p == NULL)
			return -1;
		s->idx = p;
		s->idxcap = cap;
	}
	memset(s->idx, 0, s->idxcap * sizeof(*s->idx));
	return 0;
}

/* The slot of string k (tag t): its entry, or the empty slot to fill. */
static struct slot *
idx_slot(struct qx_doc_scratch *s, const char *k, size_t n, uint32_t h, int t)
{
	size_t i = (h ^ (uint32_t)t * 0x9e3779b9u) & (s->idxcap - 1);

	for (;;) {
		struct slot *sl = &s->idx[i];
		if (sl->len == 0 ||
		    (sl->h == h && sl->tag == t && sl->len == n &&
		     memcmp(s->keys.data + sl->off, k, n) == 0))
			return sl;
		i = (i + 1) & (s->idxcap - 1);
	}
}

static int
find_entity(struct qx_doc_scratch *s, int cb, int e)
{
	size_t start = s->keys.len, i;
	uint32_t h;
	int k;

	for (k = cb; k <= e; k++) {
		if (k > cb && pl_buf_putc(&s->keys, ' ') == -1)
			return -2;
		if (pl_buf_append(&s->keys, lw(s, &s->t[k]), s->t[k].ll))
			return -2;
	}
	h = key_hash(s->keys.data + start, s->keys.len - start);
	if (2 * (s->nen + 1) + 2 > s->idxcap) {
		/* grow the index and put every entity back */
		if (idx_reset(s, 2 * s->nen + 64) == -1)
			return -2;
		for (i = 0; i < s->nen; i++) {
			struct ent *en = &s->en[i];
			struct slot *sl = idx_slot(s, s->keys.data + en->key,
			                           en->keylen, en->hash, 0);
			sl->off = en->key;
			sl->len = en->keylen;
			sl->h = en->hash;
			sl->val = (int)i;
		}
	}
	{
		struct slot *sl = idx_slot(s, s->keys.data + start,
		                           s->keys.len - start, h, 0);
		if (sl->len != 0) {
			s->keys.len = start;
			return sl->val;
		}
		sl->off = start;
		sl->len = s->keys.len - start;
		sl->h = h;
		sl->val = (int)s->nen;
	}
	if (GROW(s->en, s->nen, s->encap) == -1)
		return -2;
	memset(&s->en[s->nen], 0, sizeof(s->en[0]));
	s->en[s->nen].key = start;
	s->en[s->nen].hash = h;
	s->en[s->nen].keylen = s->keys.len - start;
	s->en[s->nen].b = cb;
	s->en[s->nen].e = e;
	s->en[s->nen].ntok = e - cb + 1;
	s->en[s->nen].canon = (int)s->nen;
	for (k = cb; k <= e; k++)
		if (s->t[k].flags & QX_ORG)
			s->en[s->nen].org = 1;
	/* FBI, DNC, MIDWAY ATOLL: acronyms and datelines, not people. */
	for (k = cb; k <= e; k++)
		if (!all_caps(s, &s->t[k]))
			break;
	if (k > e)
		s->en[s->nen].org = 1;
	if (e > cb && (s->t[cb].flags & (QX_FIRST_M | QX_FIRST_F))) {
		if (s->t[cb].flags & QX_FIRST_M)
			s->en[s->nen].male += 1;
		if (s->t[cb].flags & QX_FIRST_F)
			s->en[s->nen].female += 1;
		if (e > cb)
			s->en[s->nen].person = 1;
	}
	return (int)s->nen++;
}

/* Strip leading titles of run b..e; returns the core start. */
static int
core_start(const struct qx_doc_scratch *s, int b, int e)
{
	int k, cb = b;

	if (s->t[e].flags & QX_ORG)
		return b;
	for (k = b; k < e; k++)
		if (s->t[k].flags & QX_TITLE)
			cb = k + 1;
	return cb;
}

static int
add_mention(struct qx_doc_scratch *s, int b, int e)
{
	struct men *m;
	int cb = core_start(s, b, e), k, ent;

	ent = find_entity(s, cb, e);
	if (ent < 0)
		return -1;
	if (GROW(s->m, s->nm, s->mcap) == -1)
		return -1;
	m = &s->m[s->nm++];
	m->b = b;
	m->cb = cb;
	m->e = e;
	m->ent = ent;
	m->sent = s->t[b].sent;
	m->inq = s->t[b].q >= 0;
	for (k = b; k <= e; k++)
		s->t[k].mention = (int)s->nm - 1;
	s->en[ent].count++;
	for (k = b; k < cb; k++) {
		if (s->t[k].flags & QX_MALE) {
			s->en[ent].male += 3;
			s->en[ent].person = 1;
		}
		if (s->t[k].flags & QX_FEMALE) {
			s->en[ent].female += 3;
			s->en[ent].person = 1;
		}
		if (s->t[k].flags & QX_TITLE)
			s->en[ent].person = 1;
	}
	return 0;
}

/*
 * Mark the lines in Title Case (headlines, menus, "Hillary Clinton Goes
 * After Trump"): every content word capitalised.  Their capitalised runs
 * are not names.
 */
static void
headlines(struct qx_doc_scratch *s)
{
	size_t k = 0, j;

	while (k < s->nt) {
		int words = 0, lower = 0;
		for (j = k; j < s->nt && s->t[j].kind != TK_NL; j++) {
			const struct tok *t = &s->t[j];
			if (t->kind != TK_WORD)
				continue;
			words++;
			if (!t->cap && pl_uc_is_letter(t->cp) &&
			    (!(t->flags & (QX_FUNC | QX_DET | QX_PARTICLE)) ||
			     (t->flags & QX_CUE)))
				lower++;
		}
		for (; k < j; k++)
			s->t[k].head = words >= 2 && lower == 0;
		k = j + 1;
	}
}

/*
 * Is the capitalised word k an adverb in -ly: followed by a comma, or,
 * when it opens a sentence, by a lower-case word that is neither a cue
 * verb nor an auxiliary?
 */
static int
sentence_adverb(const struct qx_doc_scratch *s, size_t k)
{
	const struct tok *t = &s->t[k], *n;

	if (t->ll <= 4 || memcmp(lw(s, t) + t->ll - 2, "ly", 2) != 0 ||
	    k + 1 >= s->nt)
		return 0;
	/* the first word of its sentence ("said Kelly, who" is a name) */
	if (!(k == 0 || s->t[k - 1].kind == TK_NL ||
	      (s->t[k - 1].kind == TK_PUNCT &&
	       (s->t[k - 1].cp == '.' || s->t[k - 1].cp == '!' ||
	        s->t[k - 1].cp == '?'))))
		return 0;
	n = &s->t[k + 1];
	if (n->kind == TK_PUNCT && n->cp == ',')
		return 1;
	return t->ll > 6 && n->kind == TK_WORD && !n->cap &&
	       !(n->flags & (QX_CUE | QX_ADV)) && n->q == t->q;
}

static int
names(struct qx_doc_scratch *s)
{
	size_t k = 0, j;

	s->nm = 0;
	s->nen = 0;
	pl_buf_reset(&s->keys);
	if (idx_reset(s, 64) == -1)
		return -1;
	headlines(s);
	while (k < s->nt) {
		if (!is_namey(&s->t[k]) || s->t[k].head) {
			k++;
			continue;
		}
		j = k;
		while (!s->t[j].poss && j + 1 < s->nt && name_cont(s, j + 1) &&
		       s->t[j + 1].q == s->t[k].q)
			j++;
		/* "Conversely," or "Relentlessly upbeat," opening a
		 * sentence is not a name (but "Connolly said" is). */
		if (j == k && sentence_adverb(s, k)) {
			k = j + 1;
			continue;
		}
		/* A lone title is not a name ("Secretary"). */
		if (!(j == k && (s->t[k].flags & QX_TITLE)) &&
		    add_mention(s, (int)k, (int)j) == -1)
			return -1;
		k = j + 1;
	}
	return 0;
}

static const char *
ekey(const struct qx_doc_scratch *s, const struct ent *en)
{
	return s->keys.data + en->key;
}

/*
 * Map every one-word name to the fullest name that ends with it ("Clinton"
 * to "Hillary Clinton"), else to one that starts with it ("Liu" to "Liu
 * Jianchao", family name first).  Among several, the most frequent wins,
 * then the longer, then the first seen.
 */
static void
canonical(struct qx_doc_scratch *s)
{
	size_t i;
	int pass;

	/* For every word: the best name of 2 to 4 words that ends (tag 1)
	 * or starts (tag 2) with it, per organisation flag (+2). */
	if (idx_reset(s, 2 * s->nen + 64) == -1) {
		for (i = 0; i < s->nen; i++)
			s->en[i].canon = (int)i;
		return;
	}
	for (i = 0; i < s->nen; i++) {
		struct ent *b = &s->en[i];
		const char *k = ekey(s, b);
		size_t sp1, sp2;
		if (b->ntok < 2 || b->ntok > 4)
			continue;
		for (sp1 = 0; sp1 < b->keylen && k[sp1] != ' '; sp1++)
			;
		for (sp2 = b->keylen; sp2 > 0 && k[sp2 - 1] != ' '; sp2--)
			;
		for (pass = 1; pass <= 2; pass++) {
			size_t off = pass == 1 ? sp2 : 0;
			size_t n = pass == 1 ? b->keylen - sp2 : sp1;
			int tag = pass + 2 * b->org;
			struct slot *sl;
			if (n == 0)
				continue;
			sl = idx_slot(s, k + off, n, key_hash(k + off, n), tag);
			if (sl->len == 0) {
				sl->off = b->key + off;
				sl->len = n;
				sl->h = key_hash(k + off, n);
				sl->tag = tag;
				sl->val = (int)i;
			} else {
				struct ent *c = &s->en[sl->val];
				if (b->count > c->count ||
				    (b->count == c->count && b->ntok > c->ntok))
					sl->val = (int)i;
			}
		}
	}
	for (i = 0; i < s->nen; i++) {
		struct ent *a = &s->en[i];
		a->canon = (int)i;
		if (a->ntok != 1)
			continue;
		for (pass = 1; pass <= 2; pass++) {
			struct slot *sl = idx_slot(s, ekey(s, a), a->keylen,
			                           a->hash, pass + 2 * a->org);
			if (sl->len != 0) {
				a->canon = sl->val;
				break;
			}
		}
	}
	for (i = 0; i < s->nen; i++) {
		struct ent *a = &s->en[i], *c = &s->en[a->canon];
		if (a->canon != (int)i) {
			c->male += a->male;
			c->female += a->female;
			c->person |= a->person;
		}
	}
}

static int
gender(const struct qx_doc_scratch *s, int ent)
{
	const struct ent *c = &s->en[s->en[ent].canon];

	if (c->male > c->female)
		return 'm';
	if (c->female > c->male)
		return 'f';
	return 0;
}

/*
 * Gender and person evidence from the text: "he" or "she" opening the
 * next sentence votes for the first name of the sentence before; "Liu
 * said he" votes for Liu; a name right before or after a cue verb
 * (outside quotes) is a speaker, so a person or an organisation.
 */
/* Token index of the mention after mi, or a large number. */
static int
next_mention_after(const struct qx_doc_scratch *s, int mi)
{
	size_t i;

	for (i = (size_t)mi + 1; i < s->nm; i++)
		if (!s->m[i].inq)
			return s->m[i].b;
	return 1 << 30;
}

/* Mention mi stands next to a cue verb: its entity speaks. */
static void
sayer(struct qx_doc_scratch *s, int mi)
{
	const struct men *m = &s->m[mi];

	s->en[s->en[m->ent].canon].speaks = 1;
	s->sent_say[m->sent] = mi;
}

static void
gender_votes(struct qx_doc_scratch *s)
{
	size_t k;
	int first_word = 1, sent = -1;

	for (k = 0; k < s->nt; k++) {
		const struct tok *t = &s->t[k];
		const struct men *m = NULL;
		if (t->sent != sent) {
			sent = t->sent;
			first_word = 1;
		}
		if (t->kind != TK_WORD)
			continue;
		if (t->q < 0 && (t->flags & QX_CUE) && !t->cap) {
			struct np np;
			int lo = (int)k, hi = (int)k;
			while (lo > 0 && s->t[lo - 1].sent == t->sent &&
			       (int)k - lo < 60)
				lo--;
			while (hi + 1 < (int)s->nt &&
			       s->t[hi + 1].sent == t->sent && hi - (int)k < 20)
				hi++;
			if (np_left(s, (int)k, lo, &np) == 0 &&
			    np.kind == 'n' && s->t[np.e].mention >= 0)
				sayer(s, s->t[np.e].mention);
			else if (np_right(s, (int)k, hi + 1, &np) == 0 &&
			         np.kind == 'n') {
				/* "noted NBC's Dante Chinni" */
				int e = np.e;
				if (s->t[e].poss && e + 1 <= hi &&
				    s->t[e + 1].mention >= 0)
					e = s->m[s->t[e + 1].mention].e;
				if (s->t[e].mention >= 0)
					sayer(s, s->t[e].mention);
			}
		}
		if (t->q < 0 &&
		    (t->flags &
		     (QX_PRON_M | QX_PRON_F | QX_POSS_M | QX_POSS_F)) &&
		    !t->cap == !first_word) {
			if (first_word && sent > 0 &&
			    s->sent_first[sent - 1] >= 0)
				m = &s->m[s->sent_first[sent - 1]];
			else if (first_word && sent > 0 &&
			         s->sent_say[sent - 1] >= 0)
				m = &s->m[s->sent_say[sent - 1]];
			else if (s->sent_first[sent] >= 0 &&
			         s->sent_any[sent] == s->sent_first[sent] &&
			         s->m[s->sent_first[sent]].e < (int)k &&
			         next_mention_after(s, s->sent_first[sent]) >
			             (int)k)
				m = &s->m[s->sent_first[sent]];
			else if (k >= 2 && is_cue(&s->t[k - 1]) &&
			         s->t[k - 2].mention >= 0)
				m = &s->m[s->t[k - 2].mention];
			if (m != NULL) {
				struct ent *c = &s->en[s->en[m->ent].canon];
				if (!c->org) {
					if (t->flags & (QX_PRON_M | QX_POSS_M))
						c->male++;
					else
						c->female++;
					c->person = 1;
				}
			}
		}
		if (t->q < 0 && (t->flags & (QX_PRON_M | QX_PRON_F)) &&
		    s->sent_pron[sent] < 0 &&
		    (first_word || (k > 0 && is_cue(&s->t[k - 1])) ||
		     (k + 1 < s->nt && is_cue(&s->t[k + 1]))))
			s->sent_pron[sent] = (int)k;
		first_word = 0;
	}
}

/* ---------------------------------------------------------------- */
/* Attribution */

static int
is_pron(const struct tok *t)
{
	return t->kind == TK_WORD &&
	       (t->flags & (QX_PRON_M | QX_PRON_F | QX_PRON_P | QX_PRON_O));
}

static int
is_cue(const struct tok *t)
{
	return t->kind == TK_WORD && (t->flags & QX_CUE) && !t->cap;
}

/* Phrase "according to" starting at k: returns its last token, or -1. */
static int
phrase_at(const struct qx_doc_scratch *s, int k, int hi)
{
	const struct tok *t = &s->t[k];
	const char *next;
	size_t nl, off = 0;
	int j = k;

	if (t->kind != TK_WORD || t->ent == NULL ||
	    !(t->ent->phrase & QX_ACCORDING))
		return -1;
	next = t->ent->next;
	nl = t->ent->nextlen;
	while (off < nl) {
		size_t w = off;
		while (w < nl && next[w] != ' ')
			w++;
		j++;
		if (j >= hi || s->t[j].kind != TK_WORD ||
		    s->t[j].ll != w - off ||
		    memcmp(lw(s, &s->t[j]), next + off, w - off) != 0)
			return -1;
		off = w + 1;
	}
	return j;
}

/* Name run ending at k (going left, not before lo). */
static int
run_left(const struct qx_doc_scratch *s, int k, int lo)
{
	while (k - 1 >= lo && s->t[k - 1].q < 0 && !s->t[k - 1].poss &&
	       name_cont(s, (size_t)k) &&
	       (is_namey(&s->t[k - 1]) || (s->t[k - 1].flags & QX_PARTICLE)))
		k--;
	return k;
}

/*
 * Is there a nominal with a determiner ending in the common noun at
 * token e ("a narrator" before "in the Clinton ad")?  Then set np->b
 * to its determiner and return 1.
 */
static int
np_pre(const struct qx_doc_scratch *s, int e, int lo, struct np *np)
{
	int j;
	const struct tok *t = &s->t[e];

	if (t->kind != TK_WORD || t->cap || t->q >= 0 ||
	    (t->flags & (QX_FUNC | QX_DET | QX_CUE)) || is_pron(t))
		return 0;
	for (j = e - 1; j >= lo && e - j < 5; j--) {
		t = &s->t[j];
		if (t->kind != TK_WORD || t->q >= 0 ||
		    (t->flags & (QX_CUE | QX_CLAUSE | QX_PREP)))
			return 0;
		if (t->flags & QX_DET) {
			/* "in the streets of the city": a preposition
			 * before it makes it an object again */
			if (j > lo && s->t[j - 1].kind == TK_WORD &&
			    !s->t[j - 1].cap && (s->t[j - 1].flags & QX_FUNC) &&
			    !(s->t[j - 1].flags & (QX_DET | QX_CLAUSE)))
				return 0;
			np->b = j;
			return 1;
		}
	}
	return 0;
}

static int
np_left(const struct qx_doc_scratch *s, int v, int lo, struct np *np)
{
	int k = v - 1, j, n, hops;

	while (k >= lo && s->t[k].kind == TK_WORD && !s->t[k].cap &&
	       ((s->t[k].flags & QX_ADV) || is_ly(s, &s->t[k])))
		k--;
	if (k >= lo && s->t[k].kind == TK_PUNCT && s->t[k].cp == ')') {
		for (j = k - 1; j >= lo && k - j < 12; j--)
			if (s->t[j].kind == TK_PUNCT && s->t[j].cp == '(')
				break;
		if (j < lo || k - j >= 12)
			return -1;
		k = j - 1;
	}
	/*
	 * Appositive: "Liu, the party's minister, said".  When the word
	 * before the comma sits in a phrase ("president of the Federation
	 * of Teachers, which represents ..., said") go back one more comma.
	 */
	for (hops = 0; hops < 3 && k >= lo && s->t[k].kind == TK_PUNCT &&
	               s->t[k].cp == ',';
	     hops++) {
		int r;
		/* "“…” Scott Pruitt, the attorney general of Oklahoma, one
		 * of the states suing, said": the name opens the region */
		if (hops > 0 && k - 1 >= lo && is_namey(&s->t[k - 1]) &&
		    run_left(s, k - 1, lo) == lo) {
			k--;
			break;
		}
		for (j = k - 1; j >= lo && k - j < 40; j--) {
			if (s->t[j].q >= 0 || s->t[j].kind == TK_NL)
				return -1;
			if (s->t[j].kind == TK_PUNCT && s->t[j].cp == ',')
				break;
		}
		if (j < lo || k - j >= 40)
			return -1;
		k = j - 1;
		if (k < lo || !is_namey(&s->t[k]))
			break;
		r = run_left(s, k, lo);
		if (!(r > lo && s->t[r - 1].kind == TK_WORD &&
		      !s->t[r - 1].cap &&
		      (s->t[r - 1].flags & (QX_FUNC | QX_DET))))
			break;
		/* "of Teachers": look for the comma before. */
		for (j = r - 1; j >= lo && r - j < 40; j--)
			if (s->t[j].kind == TK_PUNCT && s->t[j].cp == ',')
				break;
		if (j < lo || r - j >= 40 || s->t[j].q >= 0)
			break;
		k = j;
	}
	/* "Rep. Jim Jordan (R-Ohio), a panel member, said" */
	if (k >= lo && s->t[k].kind == TK_PUNCT && s->t[k].cp == ')') {
		for (j = k - 1; j >= lo && k - j < 12; j--)
			if (s->t[j].kind == TK_PUNCT && s->t[j].cp == '(')
				break;
		if (j < lo || k - j >= 12)
			return -1;
		k = j - 1;
	}
	if (k < lo || s->t[k].kind != TK_WORD || s->t[k].q >= 0)
		return -1;
	if (is_pron(&s->t[k])) {
		np->b = np->e = k;
		np->kind = 'p';
		return 0;
	}
	if (is_namey(&s->t[k])) {
		np->e = k;
		np->b = run_left(s, k, lo);
		np->kind = 'n';
		return 0;
	}
	if (s->t[k].cap || (s->t[k].flags & (QX_FUNC | QX_CUE | QX_DET)))
		return -1;
	/* A nominal: "a U.S. government official", "sources". */
	np->e = k;
	np->b = k;
	np->kind = 'd';
	for (j = k - 1, n = 0; j >= lo && n < 6; j--, n++) {
		const struct tok *t = &s->t[j];
		if (t->kind != TK_WORD || t->q >= 0)
			break;
		if (t->flags & QX_DET) {
			np->b = j;
			/* "a narrator in the Clinton ad asks": the head noun
			 * comes before the preposition */
			if (j - 2 >= lo && s->t[j - 1].kind == TK_WORD &&
			    !s->t[j - 1].cap && (s->t[j - 1].flags & QX_PREP) &&
			    np_pre(s, j - 2, lo, np))
				break;
			/* "marching through the streets chanted": an object
			 * of a preposition does not speak */
			if (j > lo && s->t[j - 1].kind == TK_WORD &&
			    !s->t[j - 1].cap && (s->t[j - 1].flags & QX_FUNC) &&
			    !(s->t[j - 1].flags & (QX_DET | QX_CLAUSE)))
				return -1;
			break;
		}
		if (t->flags & (QX_FUNC | QX_CUE))
			break;
		/* "Scott's family": a possessive name determines it (a
		 * determiner before it still comes first: "a document on
		 * the Trump campaign's website") */
		if (t->poss && np->b == k) {
			np->b = j;
			while (is_namey(t) && np->b > lo &&
			       is_namey(&s->t[np->b - 1]) &&
			       !s->t[np->b - 1].poss)
				np->b--;
		}
	}
	return 0;
}

/* Punctuation inside a descriptor: "9/11 widow", "long-time aide". */
static int
desc_punct(const struct tok *t)
{
	return t->kind == TK_PUNCT && !t->sp && (t->cp == '/' || t->cp == '-');
}

/*
 * A nominal ending at token e goes on with a phrase that describes it
 * when a preposition follows and the phrase ends the clause in a common
 * noun: "a spokesman for the campaign", "one source on the panel".
 * Returns the token after the nominal.
 */
static int
np_post(const struct qx_doc_scratch *s, int e, int hi)
{
	int j = e + 1, m;
	const struct tok *t;

	if (j >= hi || s->t[j].kind != TK_WORD || s->t[j].cap ||
	    !(s->t[j].flags & QX_PREP) || s->t[j].q >= 0)
		return e + 1;
	for (m = j + 1; m < hi && m - j <= 6; m++) {
		t = &s->t[m];
		if (t->kind != TK_WORD || t->q >= 0 ||
		    (t->flags & (QX_CUE | QX_TIME | QX_CLAUSE | QX_PREP)))
			break;
	}
	if (m == j + 1)
		return e + 1;
	/* the phrase ends the clause, or the verb comes next */
	if (m < hi &&
	    !(s->t[m].kind == TK_PUNCT &&
	      (s->t[m].cp == ',' || is_stop(s, m))) &&
	    !(s->t[m].kind == TK_WORD && !s->t[m].cap &&
	      (s->t[m].flags & (QX_CUE | QX_ADV))))
		return e + 1;
	t = &s->t[m - 1];
	if (t->cap || (t->flags & (QX_FUNC | QX_DET)) || is_pron(t))
		return e + 1;
	return m;
}

static int
np_right(const struct qx_doc_scratch *s, int v, int hi, struct np *np)
{
	int k = v + 1, j;

	while (k < hi && s->t[k].kind == TK_WORD &&
	       (s->t[k].flags & (QX_TIME | QX_ADV)) && !is_namey(&s->t[k]))
		k++;
	if (k >= hi || s->t[k].kind != TK_WORD || s->t[k].q >= 0)
		return -1;
	/* "suggests that Phoenix ...": a clause follows, not a speaker */
	if (!s->t[k].cap && (s->t[k].flags & QX_CLAUSE))
		return -1;
	if (is_pron(&s->t[k])) {
		np->b = np->e = k;
		np->kind = 'p';
		return 0;
	}
	/* "said 9/11 widow Terry Strada", "said economist Ann Lee" */
	if (!is_namey(&s->t[k]) && !(s->t[k].flags & QX_DET) &&
	    (s->t[k].cap || !(s->t[k].flags & QX_FUNC))) {
		for (j = k;
		     j < hi && j < k + 7 &&
		     (desc_punct(&s->t[j]) ||
		      (s->t[j].kind == TK_WORD &&
		       !(s->t[j].flags & (QX_CUE | QX_DET | QX_CLAUSE)) &&
		       (s->t[j].cap ? (s->t[j].flags & QX_FUNC) != 0
		                    : !(s->t[j].flags & QX_FUNC))));
		     j++)
			;
		if (j > k && j < hi && is_namey(&s->t[j]) &&
		    s->t[j - 1].kind == TK_WORD)
			k = j;
	}
	if (is_namey(&s->t[k])) {
		int d;
		np->b = k;
		for (j = k; j + 1 < hi && !s->t[j].poss &&
		            name_cont(s, (size_t)j + 1) && s->t[j + 1].q < 0;
		     j++)
			;
		/* "said MSNBC host Chris Matthews": the person after the
		 * organisation */
		for (d = j + 1; d < hi && d < j + 4 &&
		                s->t[d].kind == TK_WORD && !s->t[d].cap &&
		                !(s->t[d].flags & (QX_FUNC | QX_CUE | QX_DET));
		     d++)
			;
		if (d > j + 1 && d < hi && is_namey(&s->t[d]) && s->t[d].sp) {
			np->b = k = d;
			for (j = k;
			     j + 1 < hi && !s->t[j].poss &&
			     name_cont(s, (size_t)j + 1) && s->t[j + 1].q < 0;
			     j++)
				;
		}
		np->e = j;
		np->kind = 'n';
		return 0;
	}
	if (!(s->t[k].flags & QX_DET) || k > v + 1)
		return -1;
	np->b = k;
	np->kind = 'd';
	for (j = k + 1; j < hi && j - k < 7; j++) {
		const struct tok *t = &s->t[j];
		/* "one Democratic source": capitalised adjectives and
		 * speaker nouns describe, even when they are function
		 * words elsewhere */
		if (t->kind != TK_WORD || t->q >= 0 ||
		    (t->flags & (QX_CUE | QX_TIME)) ||
		    ((t->flags & QX_FUNC) && !(t->flags & QX_NOUN) &&
		     !(t->cap && !(t->flags & (QX_DET | QX_CLAUSE)))))
			break;
	}
	if (j == k + 1)
		return -1;
	np->e = j - 1;
	j = np_post(s, np->e, hi);
	np->e = j - 1;
	/* "said the mayor, Elena Vasquez," */
	if (j + 1 < hi && s->t[j].kind == TK_PUNCT && s->t[j].cp == ',' &&
	    is_namey(&s->t[j + 1])) {
		np->b = np->e = j + 1;
		while (np->e + 1 < hi && !s->t[np->e].poss &&
		       name_cont(s, (size_t)np->e + 1))
			np->e++;
		np->kind = 'n';
	}
	return 0;
}

/* Entity of a name mention b..e (titles stripped), or -1. */
static int
ent_of(struct qx_doc_scratch *s, int b, int e)
{
	(void)b;
	if (s->t[e].mention < 0)
		return -1;
	return s->en[s->m[s->t[e].mention].ent].canon;
}

static int
person_like(const struct qx_doc_scratch *s, int ent)
{
	const struct ent *c = &s->en[s->en[ent].canon];

	return !c->org && (c->person || gender(s, ent) || c->speaks ||
	                   (c->subj > 0 && (c->ntok >= 2 || c->subj >= 2)));
}

/*
 * The last person of gender g (or unknown) whom sentence st names in
 * full (two words or more) for the first time in the document, before
 * token p; or -1.
 */
static int
introduced(const struct qx_doc_scratch *s, int st, int p, int g)
{
	long i;
	int best = -1;

	if (s->sent_any[st] < 0)
		return -1;
	for (i = s->sent_any[st]; i < (long)s->nm && s->m[i].sent == st; i++) {
		const struct men *m = &s->m[i];
		int c = s->en[m->ent].canon;
		if (m->inq || m->b >= p || m->e - m->cb < 1 ||
		    s->en[c].b < m->cb || !person_like(s, c) ||
		    (gender(s, c) != g && gender(s, c) != 0))
			continue;
		/* with an appositive: "Henry Crespo, president of …" */
		if (m->e + 2 >= p || s->t[m->e + 1].kind != TK_PUNCT ||
		    s->t[m->e + 1].cp != ',' ||
		    s->t[m->e + 2].kind != TK_WORD || s->t[m->e + 2].cap)
			continue;
		best = c;
	}
	return best;
}

/*
 * Resolve a he/she pronoun at token p to an entity, or -1; depth bounds
 * how far a chain of earlier pronouns is followed.
 */
static int
resolve_pronoun_d(const struct qx_lex *lex, struct qx_doc_scratch *s, int p,
                  int depth)
{
	int g = (s->t[p].flags & QX_PRON_M)   ? 'm'
	        : (s->t[p].flags & QX_PRON_F) ? 'f'
	                                      : 0;
	int sent = s->t[p].sent, fallback = -1, st, c;
	long i;

	if (g == 0) {
		/* "it", "they": the nearest organisation named before */
		if (!(s->t[p].flags & (QX_PRON_P | QX_PRON_O)) ||
		    (s->t[p].ll == 1 && lw(s, &s->t[p])[0] == 'i'))
			return -1;
		for (st = sent; st >= 0 && sent - st <= lex->set.pronoun_window;
		     st--) {
			long first = s->sent_any[st], last;
			if (first < 0)
				continue;
			for (last = first; last + 1 < (long)s->nm &&
			                   s->m[last + 1].sent == st;
			     last++)
				;
			for (i = last; i >= first; i--) {
				const struct men *m = &s->m[i];
				c = s->en[m->ent].canon;
				if (!m->inq && m->b < p && s->en[c].org &&
				    s->en[c].ntok >= 1)
					return c;
			}
		}
		return -1;
	}
	/*
	 * Sentence by sentence, most recent first.  In each, the salient
	 * people (an earlier quote's speaker, the subject, a name next to a
	 * cue verb) come first and are taken when their gender fits or is
	 * unknown; then any other person named there whose gender fits.
	 */
	for (st = sent; st >= 0 && sent - st <= lex->set.pronoun_window; st--) {
		int cand[3], j;
		const int *arr[2];
		arr[0] = s->sent_first;
		arr[1] = s->sent_say;
		cand[0] = st < sent ? s->sent_spk[st] : -1;
		for (j = 0; j < 2; j++)
			cand[j + 1] = arr[j][st] >= 0 && s->m[arr[j][st]].b < p
			                  ? s->en[s->m[arr[j][st]].ent].canon
			                  : -1;
		/* "He argued ..." opening an earlier sentence: whoever that
		 * "he" was comes before the others named there */
		if (depth > 0 && s->sent_pron[st] >= 0 &&
		    s->sent_pron[st] < p &&
		    (s->t[s->sent_pron[st]].flags & (QX_PRON_M | QX_PRON_F)) ==
		        (s->t[p].flags & (QX_PRON_M | QX_PRON_F)) &&
		    (cand[0] < 0 || st == sent)) {
			if (s->sent_pent[st] == -2)
				s->sent_pent[st] = resolve_pronoun_d(
				    lex, s, s->sent_pron[st], depth - 1);
			if (s->sent_pent[st] >= 0)
				return s->sent_pent[st];
		}
		/*
		 * "… concerns Henry Crespo, president of the caucus.  “…,” he
		 * said.": a person named in full for the first time in the
		 * sentence just before is the one the quote introduces.
		 */
		if (st == sent - 1 && (c = introduced(s, st, p, g)) >= 0)
			return c;
		for (j = 0; j < 3; j++) {
			c = cand[j];
			if (c < 0 || !person_like(s, c))
				continue;
			if (gender(s, c) == g || gender(s, c) == 0)
				return c;
		}
		for (i = s->sent_any[st] >= 0 ? s->sent_any[st] : (long)s->nm;
		     i < (long)s->nm && s->m[i].sent == st; i++) {
			const struct men *m = &s->m[i];
			if (m->inq || m->b >= p)
				continue;
			c = s->en[m->ent].canon;
			if (!person_like(s, c))
				continue;
			if (gender(s, c) == g)
				return c;
			if (gender(s, c) == 0 && fallback < 0)
				fallback = c;
		}
	}
	return fallback;
}

/* Resolve a he/she pronoun at token p to an entity, or -1. */
static int
resolve_pronoun(const struct qx_lex *lex, struct qx_doc_scratch *s, int p)
{
	return resolve_pronoun_d(lex, s, p, 4);
}

static int
quote_words(const struct qx_doc_scratch *s, const struct quo *q)
{
	int k, n = 0;

	for (k = q->o + 1; k < q->c; k++)
		if (s->t[k].kind == TK_WORD)
			n++;
	return n;
}

static void
set_np(struct quo *q, const struct np *np, int cb, int ce)
{
	q->attributed = 1;
	q->ment_b = np->b;
	q->ment_e = np->e;
	q->cue_b = cb;
	q->cue_e = ce;
}

/* Is token t the end of a sentence ('.', '!', '?', ';') outside quotes? */
static int
is_stop(const struct qx_doc_scratch *s, int k)
{
	const struct tok *t = &s->t[k];

	if (t->q >= 0)
		return 0;
	if (t->kind == TK_NL)
		return 1;
	if (t->kind != TK_PUNCT ||
	    !(t->cp == '.' || t->cp == '!' || t->cp == '?' || t->cp == ';' ||
	      t->cp == 0x2026))
		return 0;
	if (k + 1 >= (int)s->nt)
		return 1;
	/* ';' ends a clause; the others end what common/sentence.c ends
	 * ("(D-Wis.)", "Gov. Smith" go on) */
	if (s->t[k + 1].kind == TK_NL)
		return 1;
	if (t->cp == ';')
		return s->t[k + 1].sp;
	return s->t[k + 1].sent != t->sent;
}

static int
is_participle(const struct qx_doc_scratch *s, const struct tok *t)
{
	return t->ll > 4 && memcmp(lw(s, t) + t->ll - 3, "ing", 3) == 0;
}

/*
 * The subject of the clause of b0..k that holds k: its first name,
 * pronoun or speaker noun ("a U.S. government official").  The clause
 * starts after the last ", but" / ", and" before k.
 */
static int
subject(const struct qx_doc_scratch *s, int b0, int k, struct np *np)
{
	int v, j;

	for (v = k - 1; v > b0; v--) {
		if (s->t[v].q >= 0)
			continue;
		if (s->t[v].kind == TK_WORD && (s->t[v].flags & QX_CLAUSE) &&
		    !s->t[v].cap && s->t[v - 1].kind == TK_PUNCT &&
		    s->t[v - 1].cp == ',') {
			b0 = v + 1;
			break;
		}
	}
	/* "With leaders worried, President Obama is ...": skip the
	 * opening phrase. */
	if (b0 < k && s->t[b0].kind == TK_WORD && s->t[b0].cap &&
	    (s->t[b0].flags & QX_FUNC) &&
	    !(s->t[b0].flags & (QX_DET | QX_CLAUSE | QX_PRON_M | QX_PRON_F |
	                        QX_PRON_P | QX_PRON_O))) {
		for (v = b0 + 1; v < k && v < b0 + 30; v++)
			if (s->t[v].q < 0 && s->t[v].kind == TK_PUNCT &&
			    s->t[v].cp == ',')
				break;
		if (v < k && v < b0 + 30)
			b0 = v + 1;
	}
	for (v = b0; v < k; v++) {
		if (s->t[v].q >= 0 || s->t[v].kind != TK_WORD)
			continue;
		/* "Hillary Clinton's campaign manager Robby Mook" */
		if (is_namey(&s->t[v]) && s->t[v].poss) {
			for (j = v + 1; j < k && j < v + 5 &&
			                s->t[j].kind == TK_WORD && !s->t[j].cap;
			     j++)
				;
			if (j > v + 1 && j < k && is_namey(&s->t[j])) {
				v = j - 1;
				continue;
			}
		}
		if (is_pron(&s->t[v]) && !(s->t[v].flags & QX_PRON_O)) {
			np->b = np->e = v;
			np->kind = 'p';
			return 0;
		}
		/* "a U.S. government official": a name as a modifier. */
		if (is_namey(&s->t[v]) && v > b0 &&
		    (s->t[v - 1].flags & QX_DET)) {
			for (j = v + 1;
			     j < k && j < v + 5 && s->t[j].kind == TK_WORD; j++)
				if (s->t[j].flags & QX_NOUN)
					break;
			if (j < k && j < v + 5 && s->t[j].kind == TK_WORD) {
				np->e = j;
				goto nominal;
			}
		}
		/* a lone title is not a subject ("Judge denies ...") */
		if (is_namey(&s->t[v]) && (s->t[v].flags & QX_TITLE) &&
		    !(v + 1 < k && is_namey(&s->t[v + 1])))
			continue;
		if (is_namey(&s->t[v]) && !s->t[v].head &&
		    !(v + 1 < k && (s->t[v + 1].flags & QX_NOUN))) {
			np->b = np->e = v;
			np->kind = 'n';
			while (np->e + 1 < k && !s->t[np->e].poss &&
			       name_cont(s, np->e + 1))
				np->e++;
			if (np->e + 1 < k && (s->t[np->e + 1].flags & QX_NOUN))
				goto nominal;
			return 0;
		}
		if (s->t[v].flags & QX_NOUN) {
			np->e = v;
		nominal:
			while (np->e + 1 < k &&
			       (s->t[np->e + 1].flags & QX_NOUN))
				np->e++;
			np->kind = 'd';
			/* "presidential nominee Hillary Clinton chimed in" */
			if (np->e + 1 < k && is_namey(&s->t[np->e + 1])) {
				np->b = np->e = np->e + 1;
				while (np->e + 1 < k && !s->t[np->e].poss &&
				       name_cont(s, np->e + 1))
					np->e++;
				np->kind = 'n';
				return 0;
			}
			/* "Another critic, Laurence H. Tribe, likened" */
			if (np->e + 2 < k && s->t[np->e + 1].kind == TK_PUNCT &&
			    s->t[np->e + 1].cp == ',' &&
			    is_namey(&s->t[np->e + 2])) {
				np->b = np->e = np->e + 2;
				while (np->e + 1 < k && !s->t[np->e].poss &&
				       name_cont(s, np->e + 1))
					np->e++;
				np->kind = 'n';
				return 0;
			}
			np->b = np->e;
			/* "Small groups of protesters" */
			np->e = np_post(s, np->e, k) - 1;
			for (j = np->b - 1; j >= b0 && np->b - j < 6; j--) {
				if (s->t[j].kind != TK_WORD ||
				    is_ly(s, &s->t[j]) ||
				    ((s->t[j].flags & QX_FUNC) &&
				     !s->t[j].cap && !(s->t[j].flags & QX_DET)))
					break;
				np->b = j;
				if (s->t[j].flags & QX_DET)
					break;
			}
			return 0;
		}
	}
	return -1;
}

/* An acceptable speaker noun phrase: a name, a pronoun, or a nominal
 * with a determiner or in the plural ("officials"). */
static int
good_np(const struct qx_doc_scratch *s, const struct np *np)
{
	const struct tok *h;

	if (np->kind != 'd')
		return 1;
	if ((s->t[np->b].flags & QX_DET) || s->t[np->b].poss ||
	    (np->b < np->e && is_namey(&s->t[np->b])))
		return 1;
	h = &s->t[np->e];
	if (h->flags & QX_NOUN)
		return 1;
	return h->ll > 3 && lw(s, h)[h->ll - 1] == 's' && np->b == np->e;
}

static void
attribute(const struct qx_lex *lex, struct qx_doc_scratch *s, size_t qi)
{
	struct quo *q = &s->q[qi];
	int a0 = q->c + 1, a1, b0, b1 = q->o, k, v = -1, n, first_cue = -1;
	struct np np;

	if (q->unclosed)
		a0 = q->c;
	/* After region: to the end of the sentence or the next quote. */
	for (a1 = a0; a1 < (int)s->nt && a1 - a0 < 40; a1++) {
		const struct tok *t = &s->t[a1];
		if (t->q >= 0 || t->kind == TK_NL || is_stop(s, a1))
			break;
	}
	/* Before region: back to the start of the sentence, over quotes. */
	for (b0 = q->o; b0 > 0 && q->o - b0 < 80; b0--) {
		const struct tok *t = &s->t[b0 - 1];
		if (is_stop(s, b0 - 1))
			break;
		if (t->q >= 0 && t->q != (int)qi && s->q[t->q].c == b0 - 1) {
			/* Stop at a quote that ended its own sentence. */
			if (s->q[t->q].unclosed ||
			    (b0 - 2 > 0 && s->t[b0 - 2].kind == TK_PUNCT &&
			     (s->t[b0 - 2].cp == '.' ||
			      s->t[b0 - 2].cp == '?' ||
			      s->t[b0 - 2].cp == '!')))
				break;
		}
	}
	/* A quote that opens a paragraph after "X said:" on its own. */
	if (b0 == q->o && q->o >= 2 && s->t[q->o - 1].kind == TK_NL &&
	    s->t[q->o - 2].kind == TK_PUNCT && s->t[q->o - 2].cp == ':') {
		b1 = q->o - 2;
		for (b0 = b1; b0 > 0 && b1 - b0 < 60 && !is_stop(s, b0 - 1);
		     b0--)
			;
	}

	/* 0. A transcript turn: “WALLACE: Let's start ...” */
	if (q->o + 2 < q->c && s->t[q->o + 1].kind == TK_WORD &&
	    all_caps(s, &s->t[q->o + 1]) && s->t[q->o + 2].kind == TK_PUNCT &&
	    s->t[q->o + 2].cp == ':' && !(s->t[q->o + 1].flags & QX_FUNC)) {
		np.b = np.e = q->o + 1;
		np.kind = 'n';
		set_np(q, &np, q->o + 2, q->o + 2);
		return;
	}
	/* 1. “…,” Liu said. / “…,” said Liu. / “…” is held, Warren said. */
	n = 0;
	for (k = a0; k < a1 && n < 30; k++) {
		const struct tok *t = &s->t[k];
		if (t->kind != TK_WORD)
			continue;
		if (n == 0 && !t->cap && (t->flags & QX_CLAUSE))
			break;
		n++;
		if (phrase_at(s, k, a1) >= 0)
			break;
		/* "one of the states suing": after a determiner or a
		 * possessive a plural is a noun, not a verb (but "a
		 * déclaré" is French "has said") */
		if (is_cue(t) &&
		    !(k > a0 && s->t[k - 1].kind == TK_WORD && t->ll > 1 &&
		      lw(s, t)[t->ll - 1] == 's' &&
		      (s->t[k - 1].poss || (s->t[k - 1].flags & QX_DET)))) {
			v = k;
			break;
		}
	}
	/* After “…end.” a new sentence starts: only "He added." fits. */
	if (v >= 0 && !q->unclosed && q->c > 0 &&
	    s->t[q->c - 1].kind == TK_PUNCT &&
	    (s->t[q->c - 1].cp == '.' || s->t[q->c - 1].cp == '!' ||
	     s->t[q->c - 1].cp == '?') &&
	    a0 < a1 && s->t[a0].kind == TK_WORD && s->t[a0].cap &&
	    (n > 3 || (s->t[a0].flags & QX_PRON_O) ||
	     (a1 < (int)s->nt && s->t[a1].q >= 0 && s->q[s->t[a1].q].o == a1)))
		/* ... unless it introduces the next quote: "Liu said: “" */
		v = -1;
	if (v >= 0) {
		/*
		 * The quote sits inside the writer's sentence when a plain
		 * word follows it ("“resolutely opposed” to the test and
		 * warned North Korea"): then only a final ", Warren said"
		 * or ", said Warren" attributes it.
		 */
		int first = a0, inside;
		while (first < a1 && s->t[first].kind != TK_WORD)
			first++;
		/* "“…,” panel Chairman Jo Lee said": the comma inside
		 * the marks says the writer's sentence resumes here */
		inside =
		    first < a1 && first == a0 && !s->t[first].cap &&
		    !(q->c > 0 && s->t[q->c - 1].kind == TK_PUNCT &&
		      (s->t[q->c - 1].cp == ',' || s->t[q->c - 1].cp == '.' ||
		       s->t[q->c - 1].cp == '!' || s->t[q->c - 1].cp == '?')) &&
		    !(s->t[first].flags &
		      (QX_CUE | QX_DET | QX_ADV | QX_PRON_M | QX_PRON_F |
		       QX_PRON_P | QX_PRON_O)) &&
		    phrase_at(s, first, a1) < 0;
		if (np_left(s, v, a0, &np) == 0 && good_np(s, &np) &&
		    (!inside || (np.b > a0 && s->t[np.b - 1].kind == TK_PUNCT &&
		                 s->t[np.b - 1].cp == ','))) {
			set_np(q, &np, v, v);
			return;
		}
		if (np_right(s, v, a1, &np) == 0 && good_np(s, &np) &&
		    (!inside || (v > a0 && s->t[v - 1].kind == TK_PUNCT &&
		                 s->t[v - 1].cp == ','))) {
			set_np(q, &np, v, v);
			return;
		}
	}
	/* 2. “…” — Commissioner X */
	if (a0 < a1 && s->t[a0].kind == TK_DASH && a0 + 1 < a1 &&
	    is_namey(&s->t[a0 + 1])) {
		np.b = a0 + 1;
		for (np.e = np.b; np.e + 1 < a1 && name_cont(s, np.e + 1);
		     np.e++)
			;
		np.kind = 'n';
		set_np(q, &np, a0, a0);
		return;
	}
	/* 3. Liu said: “…” / Liu said X is “…” / according to X, “…” */
	for (k = b1 - 1; k >= b0; k--) {
		const struct tok *t = &s->t[k];
		int pe;
		if (t->q >= 0) {
			k = s->q[t->q].o;
			continue;
		}
		if ((pe = phrase_at(s, k, b1)) >= 0) {
			if (np_right(s, pe, b1, &np) == 0) {
				set_np(q, &np, k, pe);
				return;
			}
			continue;
		}
		if (!is_cue(t))
			continue;
		/* "Trump's claim that there were “…”": the owner of the
		 * words said them. */
		if (k > b0 && s->t[k - 1].kind == TK_WORD && s->t[k - 1].poss &&
		    is_namey(&s->t[k - 1]) && !s->t[k - 1].head && k + 1 < b1 &&
		    s->t[k + 1].kind == TK_WORD &&
		    (s->t[k + 1].flags & QX_CLAUSE) && !s->t[k + 1].cap) {
			np.e = k - 1;
			np.b = run_left(s, k - 1, b0);
			np.kind = 'n';
			set_np(q, &np, k, k);
			return;
		}
		/* "Trump's tweets", "the claims", "Democratic claims": a
		 * noun, not a verb. */
		if (k > b0 && s->t[k - 1].kind == TK_WORD &&
		    (s->t[k - 1].poss || (s->t[k - 1].flags & QX_DET) ||
		     (s->t[k - 1].cap && (s->t[k - 1].flags & QX_FUNC) &&
		      !is_pron(&s->t[k - 1]) && t->ll > 1 &&
		      lw(s, t)[t->ll - 1] == 's')))
			continue;
		/* "Trump's early-morning tweets accusing X" (but "the
		 * ad's narrator says") */
		if (k - 1 > b0 && s->t[k - 2].kind == TK_WORD &&
		    s->t[k - 2].poss && s->t[k - 1].kind == TK_WORD &&
		    !s->t[k - 1].cap && t->ll > 1 &&
		    lw(s, t)[t->ll - 1] == 's' && k + 1 < b1 &&
		    s->t[k + 1].kind == TK_WORD && s->t[k + 1].ll > 4 &&
		    memcmp(lw(s, &s->t[k + 1]) + s->t[k + 1].ll - 3, "ing",
		           3) == 0)
			continue;
		if (first_cue < 0)
			first_cue = k;
		if (is_participle(s, t))
			break;
		if (np_left(s, k, b0, &np) == 0 && good_np(s, &np)) {
			set_np(q, &np, k, k);
			return;
		}
		/* "said Liu: “…”" */
		if (np_right(s, k, b1, &np) == 0 && np.kind == 'n' &&
		    (np.e + 1 == b1 ||
		     (np.e + 2 == b1 && s->t[np.e + 1].kind == TK_PUNCT &&
		      (s->t[np.e + 1].cp == ':' ||
		       s->t[np.e + 1].cp == ',')))) {
			set_np(q, &np, k, k);
			return;
		}
		break;
	}
	/* "…, saying “…”": the subject of the sentence. */
	if (first_cue >= 0 && subject(s, b0, first_cue, &np) == 0) {
		set_np(q, &np, first_cue, first_cue);
		return;
	}
	/* 4. “…,” according to X. */
	for (k = a0; k < a1; k++) {
		int pe = phrase_at(s, k, a1);
		if (pe >= 0 && np_right(s, pe, a1, &np) == 0) {
			set_np(q, &np, k, pe);
			return;
		}
	}
	/* 5. A fragment in the writer's sentence: its subject (not in a
	 * headline: "Daughter Calls Him “Pathetic”" is a title). */
	if (b1 > b0 && s->t[q->o - 1].kind != TK_NL && !s->t[q->o].head &&
	    subject(s, b0, b1, &np) == 0) {
		set_np(q, &np, -1, -1);
		q->weak = 1;
		return;
	}
	(void)lex;
}

/* Resolve the mention of q to a speaker entity or a nominal. */
static void
resolve(const struct qx_lex *lex, struct qx_doc_scratch *s, struct quo *q)
{
	const struct tok *t;

	if (q->ment_b < 0)
		return;
	t = &s->t[q->ment_e];
	if (is_pron(t) && q->ment_b == q->ment_e) {
		q->ent = resolve_pronoun(lex, s, q->ment_b);
		return;
	}
	if (is_namey(t)) {
		q->ent = ent_of(s, q->ment_b, q->ment_e);
		if (q->ent >= 0)
			return;
	}
	q->nominal = 1;
}

/*
 * The person a quotation without attribution most likely belongs to: the
 * speaker of a recent quote, else the last person named in the nearest
 * sentence.  Returns an entity or -1.
 */
static int
speaker_salient(const struct qx_doc_scratch *s, int p)
{
	int sent = s->t[p].sent, st;
	long i, first, last;

	for (st = sent; st >= 0 && sent - st < 12; st--) {
		if (s->sent_spk[st] >= 0 && st < sent)
			return s->sent_spk[st];
		first = s->sent_any[st];
		if (first < 0)
			continue;
		for (last = first;
		     last + 1 < (long)s->nm && s->m[last + 1].sent == st;
		     last++)
			;
		for (i = last; i >= first; i--) {
			const struct men *m = &s->m[i];
			if (!m->inq && m->b < p && person_like(s, m->ent))
				return s->en[m->ent].canon;
		}
	}
	return -1;
}

/* ---------------------------------------------------------------- */

/* Is word token t an acronym with a possessive ("NBC's", "CNN’s")? */
static int
caps_poss(const struct qx_doc_scratch *s, const struct tok *t)
{
	size_t i, n = 0;

	for (i = t->b; i < t->e; i++) {
		unsigned char c = (unsigned char)s->text[i];
		if (c >= 'a' && c <= 'z')
			break;
		if (c >= 'A' && c <= 'Z')
			n++;
	}
	/* only the possessive's "s" is lower case */
	return n >= 2 && t->poss && i + 1 == t->e;
}

/*
 * Is quotation q the title of a broadcast or a publication: Title Case
 * words right after an organisation's possessive ("NBC's “Nightly
 * News,”", "MSNBC’s “Morning Joe”")?  Such a title is not speech, even
 * when the sentence has a cue verb.
 */
static int
show_title(const struct qx_doc_scratch *s, const struct quo *q)
{
	const struct tok *p;
	int k, n = 0;

	if (q->o < 1 || q->unclosed)
		return 0;
	p = &s->t[q->o - 1];
	if (p->kind != TK_WORD || !p->poss || p->q >= 0)
		return 0;
	if (!caps_poss(s, p) &&
	    (p->mention < 0 || !s->en[s->en[s->m[p->mention].ent].canon].org))
		return 0;
	for (k = q->o + 1; k < q->c; k++) {
		const struct tok *t = &s->t[k];
		if (t->kind == TK_NL)
			return 0;
		if (t->kind != TK_WORD)
			continue;
		/* "of", "the", "and" inside a title */
		if (!t->cap && !pl_uc_is_digit(t->cp) && (n == 0 || t->ll > 3))
			return 0;
		if (++n > 8)
			return 0;
	}
	return n > 0;
}

static void
set_span(const struct qx_doc_scratch *s, struct qx_span *sp, int b, int e)
{
	if (b < 0 || e < b) {
		sp->b = sp->e = 0;
		return;
	}
	sp->b = s->t[b].b;
	sp->e = s->t[e].e;
}

/*
 * Are tokens [b, e) plain words of a descriptor ("councillor"), with no
 * verb among them ("McLenney said Clinton")?
 */
static int
plain_between(const struct qx_doc_scratch *s, int b, int e)
{
	for (; b < e; b++)
		if (s->t[b].kind != TK_WORD ||
		    (s->t[b].flags & (QX_CUE | QX_ADV | QX_CLAUSE)))
			return 0;
	return 1;
}

/*
 * Find the quotations of one window, text (len bytes), and append them to
 * doc->q with their offsets moved by base bytes and cpbase code points
 * (where the window starts in the document).
 */
static int
extract_window(const struct qx_lex *lex, struct qx_doc *doc, const char *text,
               size_t len, size_t base, size_t cpbase)
{
	struct qx_doc_scratch *s = doc->s;
	size_t i, first_new = doc->n;

	s->text = text;
	s->len = len;
	if (tokenize(lex, s, text, len) == -1 || find_quotes(lex, s) == -1 ||
	    sentences(lex, s) == -1 || names(s) == -1)
		return -1;
	canonical(s);
	/* The subject of a sentence: a name that is its first word. */
	for (i = 0; i < s->nm; i++) {
		const struct men *m = &s->m[i];
		int j = m->b - 1;
		while (j >= 0 && s->t[j].sent == m->sent &&
		       s->t[j].kind != TK_WORD)
			j--;
		if (!m->inq && s->sent_any[m->sent] < 0 && !s->t[m->b].head)
			s->sent_any[m->sent] = (int)i;
		if (!m->inq && (j < 0 || s->t[j].sent != m->sent)) {
			/* "Local councillor Ben Achterberg": a capitalised
			 * first word before the real name. */
			size_t f = i;
			if (m->b == m->e && i + 1 < s->nm &&
			    s->m[i + 1].sent == m->sent &&
			    s->m[i + 1].b <= m->e + 3 && !s->t[m->e].poss &&
			    !(s->en[s->en[m->ent].canon].ntok > 1) &&
			    plain_between(s, m->e + 1, s->m[i + 1].b))
				f = i + 1;
			s->sent_first[m->sent] = (int)f;
			s->en[s->en[s->m[f].ent].canon].subj++;
		}
	}
	gender_votes(s);
	if (s->nq > 0) {
		struct qx_quote *nq =
		    realloc(doc->q, (doc->n + s->nq) * sizeof(*nq));
		if (nq == NULL)
			return -1;
		doc->q = nq;
	}
	for (i = 0; i < s->nq; i++) {
		struct quo *q = &s->q[i];
		struct qx_quote *out = &doc->q[doc->n++];
		const struct tok *to = &s->t[q->o];
		int first, last;

		attribute(lex, s, i);
		if (q->attributed)
			resolve(lex, s, q);
		else if (i > 0 && s->q[i - 1].attributed &&
		         s->t[s->q[i - 1].o].para + 1 >= to->para &&
		         (q->o == 0 || is_stop(s, q->o - 1) ||
		          (s->t[q->o - 1].q == (int)i - 1))) {
			/* Continuation: the previous speaker goes on. */
			const struct quo *p = &s->q[i - 1];
			q->ent = p->ent;
			q->nominal = p->nominal;
			q->ment_b = p->ment_b;
			q->ment_e = p->ment_e;
			q->cue_b = p->cue_b;
			q->cue_e = p->cue_e;
			q->attributed = 1;
		}
		if (q->attributed && q->ent >= 0 && s->sent_spk[to->sent] < 0)
			s->sent_spk[to->sent] = q->ent;

		memset(out, 0, sizeof(*out));
		first = q->o + 1;
		last = q->c - 1;
		while (first <= last && s->t[first].kind == TK_NL)
			first++;
		while (last >= first && s->t[last].kind == TK_NL)
			last--;
		if (first > last) {
			doc->n--;
			continue;
		}
		out->inner.b = s->t[first].b;
		out->inner.e = s->t[last].e;
		out->cp_start = s->t[first].cb;
		out->cp_end = s->t[last].ce;
		out->unclosed = q->unclosed;
		out->speech = (q->attributed ||
		               quote_words(s, q) > lex->set.scare_words) &&
		              !show_title(s, q);
		if (q->ent < 0 && !q->nominal && out->speech)
			q->ent = speaker_salient(s, q->o);
		if (q->ent >= 0) {
			const struct ent *c = &s->en[s->en[q->ent].canon];
			set_span(s, &out->speaker, c->b, c->e);
			/* "Scott's" names Scott */
			if (s->t[c->e].poss && out->speaker.e > out->speaker.b)
				out->speaker.e -=
				    text[out->speaker.e - 2] == '\'' ? 2 : 4;
		} else if (q->nominal) {
			int b = q->ment_b;
			if (s->t[b].flags & QX_DET && b < q->ment_e)
				b++;
			set_span(s, &out->speaker, b, q->ment_e);
		}
		set_span(s, &out->mention, q->ment_b, q->ment_e);
		set_span(s, &out->cue, q->cue_b, q->cue_e);
		/* Partial: the quote continues a sentence of the writer. */
		out->partial =
		    pl_uc_is_lower(s->t[first].cp) ||
		    (q->o > 0 && s->t[q->o - 1].kind == TK_WORD &&
		     s->t[q->o - 1].q < 0 && !is_cue(&s->t[q->o - 1]));
	}
	for (i = first_new; base > 0 && i < doc->n; i++) {
		struct qx_quote *out = &doc->q[i];
		struct qx_span *sp[4];
		size_t k;

		sp[0] = &out->inner;
		sp[1] = &out->speaker;
		sp[2] = &out->mention;
		sp[3] = &out->cue;
		for (k = 0; k < 4; k++) {
			sp[k]->b += base;
			sp[k]->e += base;
		}
		out->cp_start += cpbase;
		out->cp_end += cpbase;
	}
	return 0;
}

/*
 * Where the window of text (len bytes) that starts at byte start ends:
 * see QX_WINDOW.
 */
static size_t
window_end(const char *text, size_t len, size_t start)
{
	size_t end = start + QX_WINDOW, half = start + QX_WINDOW / 2, i;

	if (len - start <= QX_WINDOW)
		return len;
	for (i = end; i > half; i--)
		if (text[i - 1] == '\n')
			return i;
	for (i = end; i > half; i--)
		if (text[i - 1] == ' ')
			return i;
	while (end > half && ((unsigned char)text[end] & 0xC0) == 0x80)
		end--;
	return end;
}

int
qx_extract(const struct qx_lex *lex, struct qx_doc *doc, const char *text,
           size_t len)
{
	size_t start = 0, cp = 0;

	doc->n = 0;
	do {
		size_t end = window_end(text, len, start);

		if (extract_window(lex, doc, text + start, end - start, start,
		                   cp) == -1)
			return -1;
		if (end < len)
			cp += pl_utf8_count_cp(text + start, end - start);
		start = end;
	} while (start < len);
	return 0;
}
