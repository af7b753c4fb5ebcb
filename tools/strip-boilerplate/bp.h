/*
 * bp.h - the line classifier of strip-boilerplate.
 *
 * A page (a text dump, one block a line) is classified line by line in
 * three steps, all weights coming from the YAML settings:
 *
 *   1. line scorer: logistic regression over signals of the line itself
 *      and its neighbours (length, terminal punctuation, bullets, title
 *      case, stop-word density, boilerplate phrases, header words,
 *      counters, repetition, distance to the nearest long line, ...);
 *   2. context scorer: a second regression over the smoothed line scores
 *      (window means, "sandwiched between content", the main block);
 *   3. headline: the best title-like line above the first kept line.
 *
 * A page whose kept text is too short falls back to its best block.
 *
 * Memory: the caller owns a struct bp_model (bp_model_new/free) and a
 * struct bp_page (zeroed, reused from page to page, bp_page_free).
 * Spans in a page refer to the text passed to bp_classify, which the
 * caller keeps alive while it uses them.
 */
#ifndef BP_H
#define BP_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "config.h"
#include "pressline.h"
#include "utf8.h"

#define BP_NLINE  39 /* signals of the line scorer */
#define BP_NCTX   24 /* signals of the context scorer */
#define BP_NTITLE 25 /* signals of the headline scorer */

/* The YAML settings (strip-boilerplate.yaml, weights.yaml, stopwords.yaml). */
struct bp_settings {
	double threshold;
	double precision_threshold;
	double recall_threshold;
	long long_words;
	long min_words;
	long title_window;
	double title_threshold;
	long site_min_pages;
	double site_min_share;
	long site_max_lines;
	long site_max_sites;
	long two_pass_min_siblings;
	long comment_min_words;
	double block_drop_cap;
	long list_continue;
	long header_list_lines;
	long dangling_colon_words;
	long table_rows;
	const struct pl_cfg_node *phrases;
	const struct pl_cfg_node *headers;
	const struct pl_cfg_node *byline_words;
	const struct pl_cfg_node *comment_words;
	const struct pl_cfg_node *credit_words;
	const struct pl_cfg_node *counter_words;
	const struct pl_cfg_node *notice_words;
	const struct pl_cfg_node *weights;
	const struct pl_cfg_node *stopwords;
};

/* Key table for pl_cfg_apply; offsets are into struct bp_settings. */
extern const struct pl_cfg_key bp_cfg_keys[];

/* Names of the signals, in weight order (for --explain and the man page). */
extern const char *const bp_line_names[BP_NLINE];
extern const char *const bp_ctx_names[BP_NCTX];
extern const char *const bp_title_names[BP_NTITLE];

struct bp_model;

/*
 * Build a model from settings (lists and weights are copied: the
 * settings tree may be freed afterwards).  Returns 0 and stores a model
 * the caller frees with bp_model_free, or -1 with err set.
 */
int bp_model_new(const struct bp_settings *s, struct bp_model **out,
                 struct pl_error *err);

/* Free a model.  NULL is a no-op. */
void bp_model_free(struct bp_model *m);

/*
 * Return the index of the stop list for a BCP 47 tag ("de", "pt-BR" uses
 * "pt"), BP_LANG_AUTO for "auto", BP_LANG_NONE for "und" or a language
 * without a list.
 */
#define BP_LANG_AUTO (-1)
#define BP_LANG_NONE (-2)
int bp_model_lang(const struct bp_model *m, const char *tag);

/* Return the tag of stop list i (borrowed from the model). */
const char *bp_model_lang_name(const struct bp_model *m, int i);

/* Why a line was kept or dropped. */
enum bp_why {
	BP_WHY_SCORE,       /* the scorers decided */
	BP_WHY_FALLBACK,    /* kept as part of the best block */
	BP_WHY_OFFBLOCK,    /* kept by score, but far from the main block */
	BP_WHY_TITLE,       /* the headline */
	BP_WHY_TITLE_COPY,  /* the headline plus more: breadcrumb etc. */
	BP_WHY_TEMPLATE,    /* seen on most pages of the site */
	BP_WHY_COMMENTS,    /* below the header of the reader comments */
	BP_WHY_LIST,        /* continues a kept list ("Q: ...", "2. ...") */
	BP_WHY_HEADER_LIST, /* a link list a header word opened in the text */
	BP_WHY_ABOVE_TITLE, /* not a sentence, above the headline */
	BP_WHY_COUNTER,     /* a count of shares, views, comments */
	BP_WHY_TEASER,      /* one of a group of glued teaser cards */
	BP_WHY_GALLERY,     /* a gallery's caption: "2of4A shopper ..." */
	BP_WHY_DANGLING,    /* "Contact the author:" before a dropped line */
	BP_WHY_NOTICE,      /* a copyright notice: "(c) 2026 Site" */
	BP_WHY_DATELINE, /* a short line with a time: "May 2, 2019 8:03 am" */
	BP_WHY_TABLE     /* a row of a table a line ending in ":" announced */
};

struct bp_line {
	size_t start, len; /* the trimmed line: text[start..start+len) */
	uint64_t fp;       /* fingerprint of its words (site memory): FNV-1a
	                    * of the lower-cased words joined by spaces;
	                    * 0 unless asked for (bp_opts) */
	double words;      /* words (CJK: characters / 2) */
	double line_score; /* step 1 probability */
	double score;      /* step 2 probability */
	int keep;
	int title;
	enum bp_why why;
};

/*
 * Site memory hook: return nonzero when the line with fingerprint fp is
 * part of the site's template.  ctx is passed through.
 */
typedef int (*bp_template_fn)(void *ctx, uint64_t fp);

/* Per-page workspace; zero it before first use. */
struct bp_page {
	struct bp_line *lines; /* the non-blank lines, in order */
	size_t n, cap;
	long title; /* index into lines, or -1 */
	int lang;   /* stop list used, or BP_LANG_NONE */
	size_t kept;
	/* internal workspace, reused */
	void *work;                    /* per-line signals */
	double *p, *q, *prefix, *gain; /* per-line scratch, kept for */
	long *dprev, *dnext;           /* bp_put_reason */
	unsigned char *rep;
	size_t scap, bs, be; /* bs..be: the best run of line scores */
	double pmax, wmax;   /* best line score, best 7-line score sum */
	struct pl_buf low, norm;
	size_t *normoff;
	size_t *slots; /* stop-word table slot of each line's first words */
	size_t nslots, slotcap;
	uint64_t *wordh; /* set_hash of each line's first words in norm */
	size_t nwordh, wordhcap;
	uint64_t *tab;
	size_t tabcap;
	unsigned char *cls; /* character classes of the BMP, 0xFF = unknown */
	uint64_t *body;     /* headline search: words of the body */
	size_t bodycap;
};

/* Options of one classification. */
struct bp_opts {
	double threshold;           /* keep when context probability > this */
	int lang;                   /* stop list index, BP_LANG_AUTO or _NONE */
	bp_template_fn is_template; /* NULL: no site memory */
	void *template_ctx;
	int fingerprints; /* fill bp_line.fp (else 0 unless is_template) */
};

/*
 * Classify the lines of text (len bytes, UTF-8, may contain NUL bytes).
 * Fills pg.  Returns 0, or -1 when memory runs out.  Time and memory
 * are linear in len.
 */
int bp_classify(const struct bp_model *m, const char *text, size_t len,
                const struct bp_opts *o, struct bp_page *pg);

/*
 * Where output takes a page's lines from: the text that was classified,
 * or, when raw is not NULL, the bytes it was repaired from (the map's),
 * so that text output passes invalid UTF-8 through as it came.
 */
struct bp_source {
	const char *text;
	struct pl_utf8_unrepair *raw;
};

/* Append line l's bytes to out.  Returns 0, or -1 when memory runs out. */
int bp_put_line(const struct bp_source *src, const struct bp_line *l,
                struct pl_buf *out);

/*
 * Append to out the kept lines of pg, one a line, the headline first,
 * without a final newline.  Returns 0, or -1 when memory runs out.
 */
int bp_put_text(const struct bp_page *pg, const struct bp_source *src,
                struct pl_buf *out);

/*
 * Append to out a short reason for line i's decision: "title",
 * "fallback", "site-template", or the two signals that weighed most
 * ("terminal+1.2,log_words+0.8"), prefixed "context:" when the context
 * scorer overturned the line scorer.  Returns 0 or -1 (no memory).
 */
int bp_put_reason(const struct bp_model *m, const struct bp_page *pg, size_t i,
                  struct pl_buf *out);

/* Release the workspace; pg becomes empty.  NULL is a no-op. */
void bp_page_free(struct bp_page *pg);

/* Return the 64-bit FNV-1a hash of n bytes. */
uint64_t bp_hash(const void *s, size_t n);

#endif
