/*
 * dd_set.h - the set of 128-bit key fingerprints dedup-lines has seen.
 *
 * Exact part: open addressing with linear probing, split into 256
 * sub-tables chosen by the top byte of the fingerprint, so that a table
 * doubling costs at most 1/256 of the memory in transit.  16 bytes a slot,
 * load kept between 0.4 and 0.8: 20 to 40 bytes per distinct key.
 *
 * Past a memory cap (dd_set_init's max_bytes, 0 = none) the exact part
 * stops growing once it holds half of the cap, and new fingerprints go to
 * a Bloom filter sized to what is left of it.  Lookups then may answer "seen"
 * for a key that was not (a false drop), with the probability
 * dd_set_false_rate() returns.
 *
 * Memory: a struct dd_set owns its tables; dd_set_free releases them.
 */
#ifndef DD_SET_H
#define DD_SET_H

#include <stddef.h>
#include <stdint.h>

#include "hash.h"

#define DD_SET_BITS 4
#define DD_SET_NSUB (1 << DD_SET_BITS)

struct dd_subtable {
	struct pl_hash128 *slot; /* all-zero = empty */
	uint32_t mask;           /* capacity - 1 (0 when unallocated) */
	uint32_t n;
};

struct dd_set {
	struct dd_subtable sub[DD_SET_NSUB];
	size_t n;         /* keys in the exact part */
	size_t bytes;     /* memory held by the exact part */
	size_t max_bytes; /* cap on all memory; 0 = no cap */
	int frozen;       /* exact part full: use the Bloom filter */
	/* Bloom filter: m bits, k probes from two hash halves. */
	uint64_t *bloom;
	uint64_t bloom_bits;
	unsigned bloom_k;
	size_t bloom_n; /* keys added to the filter */
};

/* Start an empty set with a memory cap (0 = none).  Nothing allocated. */
void dd_set_init(struct dd_set *s, size_t max_bytes);

/*
 * Look fp up and add it when absent.  Returns 1 when it was already there
 * (or the Bloom filter says so), 0 when it was added, -1 when memory ran
 * out (the set is unchanged).
 */
int dd_set_add(struct dd_set *s, struct pl_hash128 fp);

/* Return 1 when fp is in the set (or may be, in the Bloom part), else 0. */
int dd_set_has(const struct dd_set *s, struct pl_hash128 fp);

/*
 * Hint that fp will be looked up soon: start loading its home slot into
 * the cache (a no-op where the compiler has no prefetch).  Lets a caller
 * overlap the memory latency of several lookups.
 */
void dd_set_prefetch(const struct dd_set *s, struct pl_hash128 fp);

/* Return the false-drop probability of a lookup now (0 while exact). */
double dd_set_false_rate(const struct dd_set *s);

/* Return the memory held, in bytes. */
size_t dd_set_memory(const struct dd_set *s);

/* Release the tables; the set becomes empty (uncapped state kept). */
void dd_set_free(struct dd_set *s);

/* Make fp a valid key: the all-zero value marks empty slots. */
static inline struct pl_hash128
dd_set_key(struct pl_hash128 fp)
{
	if (fp.hi == 0 && fp.lo == 0)
		fp.lo = 1;
	return fp;
}

#endif
