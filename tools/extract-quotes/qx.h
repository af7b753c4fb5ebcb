/*
 * qx.h - find direct quotations in news text and say who said them.
 *
 * Two objects: a lexicon (struct qx_lex: cue verbs, titles, pronouns,
 * quote mark pairs, built from the tool's YAML) and an extractor (struct
 * qx_doc: reusable scratch space plus the quotations found in the last
 * document).  qx_extract() reads one document and fills doc->q.
 *
 * Memory: the caller owns the lexicon and the extractor it creates with
 * qx_lex_new() / qx_doc_new() and frees them with qx_lex_free() /
 * qx_doc_free().  The quotations in doc->q and every span in them point
 * into the text passed to qx_extract() and are valid until the next call
 * on the same doc (or until the caller changes the text).  Scratch space
 * grows with the largest document and is reused.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef QX_H
#define QX_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "pressline.h"

/* Word classes in the lexicon (a word may have several). */
enum {
	QX_CUE = 1 << 0,       /* reporting verb: said, told, sagte */
	QX_ACCORDING = 1 << 1, /* first word of "according to", selon */
	QX_TITLE = 1 << 2,     /* Mr., Secretary, Ministerin */
	QX_MALE = 1 << 3,      /* evidence of a man: Mr., he, his */
	QX_FEMALE = 1 << 4,    /* evidence of a woman: Mrs., she, her */
	QX_PRON_M = 1 << 5,    /* he, er, il */
	QX_PRON_F = 1 << 6,    /* she, sie, elle */
	QX_PRON_P = 1 << 7,    /* they, we */
	QX_PRON_O = 1 << 8,    /* it, I, you */
	QX_DET = 1 << 9,       /* the, a, his */
	QX_ADV = 1 << 10,      /* also, has: between speaker and verb */
	QX_TIME = 1 << 11,     /* Monday: after a verb, before the speaker */
	QX_FUNC = 1 << 12,     /* capitalised but never a name: But, The */
	QX_ORG = 1 << 13,      /* Party, Post: the name is not a person */
	QX_FIRST_M = 1 << 14,  /* a man's first name */
	QX_FIRST_F = 1 << 15   /* a woman's first name */
};

struct qx_lex;

/* Settings that are numbers (from the YAML). */
struct qx_settings {
	long max_paragraphs; /* an unclosed quote gives up after these */
	long scare_words;    /* unattributed quote this short: no speech */
	long pronoun_window; /* sentences searched back for he/she */
};

/* Return a new, empty lexicon with default settings, or NULL (no memory). */
struct qx_lex *qx_lex_new(void);

/* Free lex.  NULL is a no-op. */
void qx_lex_free(struct qx_lex *lex);

/*
 * Add the word or phrase w (len bytes, any case) with the classes in
 * flags.  For a phrase ("according to") the first word gets the class
 * and the rest must follow it.  Returns 0, or -1 when memory runs out.
 */
int qx_lex_add(struct qx_lex *lex, const char *w, size_t len, unsigned flags);

/*
 * Add a quote mark pair (each one UTF-8 character).  Returns 0, or -1
 * when a mark is not a single character or memory runs out.
 */
int qx_lex_add_pair(struct qx_lex *lex, const char *open, size_t olen,
                    const char *close, size_t clen);

/*
 * Load the settings, quote marks and the word lists of language lang
 * ("und" or "auto": every language) from a configuration tree laid out
 * like extract-quotes.yaml.  Returns 0, or -1 with err set (unknown key,
 * bad value, unknown language, no memory).  lex borrows nothing from root.
 */
int qx_lex_load(struct qx_lex *lex, const struct pl_cfg_node *root,
                const char *lang, struct pl_error *err);

/* The numeric settings of lex, to read or change. */
struct qx_settings *qx_lex_settings(struct qx_lex *lex);

/* A byte span of the document text; b == e means "none". */
struct qx_span {
	size_t b, e;
};

/* One quotation. */
struct qx_quote {
	struct qx_span inner;    /* the quoted text, marks excluded */
	size_t cp_start, cp_end; /* the same in code points */
	struct qx_span speaker;  /* fullest name, or nominal as written */
	struct qx_span mention;  /* the words naming the speaker here */
	struct qx_span cue;      /* the reporting verb or phrase */
	int partial;             /* a fragment inside reported speech */
	int speech;              /* 0: scare quote or title */
	int unclosed;            /* no closing mark: ends at a paragraph end */
};

struct qx_doc {
	struct qx_quote *q; /* quotations in text order */
	size_t n;
	struct qx_doc_scratch *s; /* private */
};

/* Return a new extractor, or NULL when memory runs out. */
struct qx_doc *qx_doc_new(void);

/* Free doc.  NULL is a no-op. */
void qx_doc_free(struct qx_doc *doc);

/*
 * A longer document is read in windows of at most this many bytes, each
 * ending at the last line break of its second half (else at a space,
 * else at a character boundary).  The scratch space takes about 35
 * bytes a byte of the text read at once (a token record a word), so a
 * 1 GB line would otherwise need 35 GB; with windows it stays near 150
 * MB.  Quotations and fuller names are not sought across windows: no
 * news article comes near this length.
 */
#define QX_WINDOW ((size_t)4 << 20)

/*
 * Find the quotations in text (len bytes of UTF-8; invalid bytes are
 * treated as U+FFFD) using lex, and store them in doc->q / doc->n,
 * replacing those of the previous call.  All of them are stored, speech
 * or not.  Returns 0, or -1 when memory runs out.
 */
int qx_extract(const struct qx_lex *lex, struct qx_doc *doc, const char *text,
               size_t len);

#endif
