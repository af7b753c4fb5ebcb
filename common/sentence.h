/*
 * sentence.h - rule-based sentence boundary detection, shared by
 * split-sentences and extract-quotes.
 *
 * The rules (abbreviations, titles, sentence starters, extra terminators
 * per language) come from YAML data (common/data/sentences.yaml, merged
 * with --config); the algorithm in sentence.c is one forward pass over
 * the text with bounded look-ahead and look-behind, so it runs in time
 * linear in the input and never reads outside it.
 *
 * Memory: pl_sent_rules_new() returns rules the caller owns and releases
 * with pl_sent_rules_free(); they copy what they need from the YAML tree,
 * which the caller may free afterwards.  The splitter borrows the text
 * and the rules; it reports sentences as byte spans of the caller's text
 * and keeps nothing between calls except the rules, which it does not
 * change, so one rules object may serve several threads.
 */
#ifndef PL_SENTENCE_H
#define PL_SENTENCE_H

#include <stddef.h>

#include "config.h"
#include "pressline.h"

struct pl_sent_rules;

/*
 * Build the rules for language lang (a BCP 47 tag: only the primary
 * subtag counts, "de-AT" uses "de"; "und", "" or NULL mean the
 * language-neutral rules; "auto" guesses the language of every text
 * separately) from data: the "sentences" mapping of the YAML defaults,
 * or a tree whose root holds it (NULL: only . ! ? … 。！？ with the
 * usual quotes and brackets).  A language without data of its own
 * gets the neutral rules.  Returns the rules, which the caller owns, or
 * NULL with err set (bad data, or out of memory).
 */
struct pl_sent_rules *pl_sent_rules_new(const struct pl_cfg_node *data,
                                        const char *lang, struct pl_error *err);

/*
 * Make every newline end a sentence (on != 0), for text that has one
 * sentence a line already; by default only blank lines always do.
 */
void pl_sent_rules_set_line_breaks(struct pl_sent_rules *rules, int on);

/*
 * Turn the fast paths off (on == 0) or on (the default): the word
 * skimmer, which counts ordinary ASCII words 64 bytes at a time, and the
 * shortcut for the common "word. Next" sentence end.  The sentences are
 * the same either way; off is slower and serves tests and measurements.
 */
void pl_sent_rules_set_skim(struct pl_sent_rules *rules, int on);

/* Release rules.  NULL is a no-op. */
void pl_sent_rules_free(struct pl_sent_rules *rules);

/*
 * Return the language code the rules apply to text (len bytes): the one
 * they were built for, or with "auto" the best guess from the script and
 * the stop words of the first few kilobytes ("und" when nothing fits).
 * The string is static or lives as long as rules.
 */
const char *pl_sent_guess_lang(const struct pl_sent_rules *rules,
                               const char *text, size_t len);

/* Flags of a sentence. */
enum {
	PL_SENT_BREAKS = 1 << 0 /* its span holds a "\n" or a "\r" */
};

/*
 * Called once for every sentence, in order, with the byte span
 * [start, end) of text (white space is trimmed from both ends, so
 * start < end) and its PL_SENT_* flags.  Return 0 to go on, anything
 * else to stop the split (pl_sent_split then returns that value).
 */
typedef int (*pl_sent_fn)(void *arg, size_t start, size_t end, unsigned flags);

/*
 * Split text (len bytes, UTF-8; invalid bytes and NUL bytes are taken as
 * ordinary non-letters) into sentences, calling fn(arg, start, end,
 * flags) for each.  lang may be NULL (use the rules' own language, guessing for
 * "auto") or a code returned by pl_sent_guess_lang.  Returns 0, or the
 * first non-zero value fn returned.
 */
int pl_sent_split(const struct pl_sent_rules *rules, const char *lang,
                  const char *text, size_t len, pl_sent_fn fn, void *arg);

/* One sentence span for pl_sent_split_spans. */
struct pl_sent_span {
	size_t start, end; /* byte offsets into the text */
};

/*
 * Split text like pl_sent_split and store the spans in *spans, an array
 * of *cap elements that the caller owns and that is grown with realloc()
 * as needed (start with NULL and 0; free() it when done).  Stores the
 * number of sentences in *n.  Returns 0, or -1 when memory runs out
 * (then *spans and *cap are still valid and owned by the caller).
 */
int pl_sent_split_spans(const struct pl_sent_rules *rules, const char *lang,
                        const char *text, size_t len,
                        struct pl_sent_span **spans, size_t *cap, size_t *n);

#endif
