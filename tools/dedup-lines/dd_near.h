/*
 * dd_near.h - near-duplicate detection for dedup-lines: shingles, an
 * owner index, and a containment test.
 *
 * Every word n-gram (shingle) of a kept record is entered in an index
 * that maps the shingle's 64-bit hash to the one kept record that has it.
 * A shingle a second kept record also has is not evidence of copying but
 * of shared boilerplate (a newsletter footer, a syndication line): it is
 * marked DD_NEAR_SHARED and ignored from then on.  A new record is a near
 * duplicate of kept record D when at least `threshold` of its remaining
 * shingles belong to D (containment of the record in D), unless the
 * frame test refuses it: its new text is one block of at least 40% of
 * it, between text of D, and D is not contained in it (a new story
 * between a header and footer not yet known as shared; see dd_near.c).
 *
 * Memory: a struct dd_near owns its index, its record table and its
 * scratch arrays; dd_near_free releases them.  Ids are copied.  With a
 * cap (dd_near_cap) the index never grows past it: when it is full, the
 * shingles of the oldest half of the kept records still indexed are
 * forgotten (dd_near_put), so the newest stories stay comparable; the
 * record table (id and generation, some 40 bytes a kept record) is not
 * part of the cap.
 */
#ifndef DD_NEAR_H
#define DD_NEAR_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define DD_NEAR_SHARED 0xFFFFFFFFu

struct dd_near_slot {
	uint64_t h;   /* shingle hash; 0 = empty */
	uint32_t doc; /* kept record index, or DD_NEAR_SHARED */
	uint32_t gen; /* generation (run) that entered it */
};

struct dd_near_doc {
	size_t id_off; /* id in the pool */
	uint32_t id_len;
	uint32_t gen;
	uint32_t nsh; /* its distinct shingles (0: unknown, from a state) */
};

struct dd_near {
	/* settings */
	int shingle;      /* words (or characters) per shingle */
	int chars;        /* 1: characters are the tokens (CJK) */
	double threshold; /* containment needed, 0 < t <= 1 */
	/* index */
	struct dd_near_slot *slot;
	size_t mask, n;
	/* kept records */
	struct dd_near_doc *docs;
	size_t ndocs, capdocs;
	struct pl_buf pool;
	/* scratch for the current record */
	uint64_t *tok, *sh;
	size_t ntok, captok, nsh, capsh;
	uint64_t *own, *tmp; /* owners of the shingles; sort scratch */
	uint64_t *seq;       /* the shingles in text order */
	size_t nseq, capseq;
	int frame;             /* 1: the frame test is on */
	unsigned long nframed; /* matches refused by the frame test */
	size_t capown, captmp;
	struct pl_buf norm, word;
	size_t ncore; /* shingles not marked shared */
	/* cap (0 = none): index slots allowed, and what it cost */
	size_t max_slots;
	size_t minlive;        /* records below this index are forgotten */
	unsigned long npurges; /* times the full index was thinned */
	unsigned long nforgot; /* shingles dropped by thinning */
};

/* Start an empty detector.  Nothing allocated. */
void dd_near_init(struct dd_near *d, int shingle, int chars, double threshold);

/*
 * Cap the index at about max_bytes (0 = no cap; at least 16 KiB).  Call
 * after dd_near_init, before anything is added.
 */
void dd_near_cap(struct dd_near *d, size_t max_bytes);

/* Return the bytes held by the index and the record table. */
size_t dd_near_memory(const struct dd_near *d);

/*
 * Compute the shingles of text (UTF-8, len bytes) into d's scratch
 * arrays.  Tokens are runs of letters, marks and digits (or single ones
 * with chars), NFKC-normalised and case-folded.  Returns the
 * number of distinct shingles, or -1 when memory runs out.
 */
long dd_near_shingle(struct dd_near *d, const char *text, size_t len);

/*
 * Test the current shingles against the kept records.  Returns 1 and sets
 * *doc and *score when a record contains at least threshold of them,
 * else 0 (*score then holds the best containment seen).
 */
int dd_near_match(struct dd_near *d, size_t *doc, double *score);

/*
 * Enter the current shingles as a new kept record with the given id
 * (copied) and generation.  Returns its index, or -1 when memory runs out.
 */
long dd_near_add(struct dd_near *d, const char *id, size_t idlen, uint32_t gen);

/*
 * Credit the current shingles that no kept record has yet to kept record
 * doc, after the current record was found to be its near duplicate: the
 * index then describes doc's cluster (all its variants), so that later
 * copies are compared with everything known of it.  Returns 0 or -1.
 */
int dd_near_credit(struct dd_near *d, size_t doc, uint32_t gen);

/*
 * Insert one index entry (used when loading a state file): a new hash is
 * owned by doc, a hash another record owns becomes DD_NEAR_SHARED.  At
 * the cap, first forgets the shingles of the oldest records.  Returns 0
 * or -1.
 */
int dd_near_put(struct dd_near *d, uint64_t h, uint32_t doc, uint32_t gen);

/* Add a kept record without shingles (state loading).  Returns index. */
long dd_near_add_doc(struct dd_near *d, const char *id, size_t idlen,
                     uint32_t gen);

/* The id of kept record doc (borrowed; idlen set). */
const char *dd_near_id(const struct dd_near *d, size_t doc, size_t *idlen);

/* Release everything; d becomes empty (settings kept). */
void dd_near_free(struct dd_near *d);

#endif
