/*
 * qx_int.h - internals shared by the extract-quotes modules (qx_lex.c,
 * qx.c); not part of the module's interface.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef QX_INT_H
#define QX_INT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "qx.h"
#include "sentence.h"

/* Class of abbreviations that keep their final period (flag). */
#define QX_ABBR (1u << 16)
/* Lower-case name particles inside a name: de, van, bin. */
#define QX_PARTICLE (1u << 17)
/* Words that start a new clause: and, but, which. */
#define QX_CLAUSE (1u << 18)
/* Nouns that name a speaker: official, spokeswoman, source. */
#define QX_NOUN (1u << 19)
/* his, him / her, hers: evidence of gender, not subjects. */
#define QX_POSS_M (1u << 20)
#define QX_POSS_F (1u << 21)
/* Prepositions that attach a phrase to a speaker noun: a spokesman for. */
#define QX_PREP (1u << 22)

struct qx_entry {
	char *word; /* lower case, NUL-terminated; NULL = empty */
	size_t len;
	unsigned flags;  /* classes of the word alone */
	unsigned phrase; /* classes of the phrase word + next */
	char *next;      /* rest of the phrase, or NULL */
	size_t nextlen;
};

struct qx_pair {
	int32_t open, close;
};

struct qx_lex {
	struct qx_entry *tab; /* open addressing, cap a power of 2 */
	size_t cap, used;
	struct qx_pair *pairs;
	size_t npairs, pcap;
	struct qx_settings set;
	struct pl_sent_rules *sent; /* owned; sentence boundaries */
};

/* Append the lower-case form of s to out; 0, or -1 (no memory). */
int qx_lower(const char *s, size_t len, struct pl_buf *out);

/* Return the entry of lower-case word lw, or NULL. */
const struct qx_entry *qx_lex_find(const struct qx_lex *lex, const char *lw,
                                   size_t len);

#endif
