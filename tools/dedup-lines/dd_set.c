/*
 * dd_set.c - fingerprint set: exact open-addressing tables, then a Bloom
 * filter once the memory cap is reached.  Used by
 *	dedup-lines --memory 64M big.txt
 *
 * Why fingerprints and not keys: a 128-bit fingerprint of the normalised
 * key takes 16 bytes whatever the key's length, and two different keys
 * share one with probability 2^-128 per pair (about n^2/2^129 for n keys:
 * 10^-20 for 2.4 million keys).  Fingerprints are uniformly spread, so the
 * top byte picks a sub-table and the next bits the home slot.
 *
 * The Bloom filter (past the cap) uses k = 7 probes derived from the two
 * 64-bit halves (Kirsch-Mitzenmacher double hashing).  Its false-positive
 * rate after n insertions into m bits is (1 - e^(-kn/m))^k; --stats
 * prints it.
 *
 * SPDX-License-Identifier: MIT
 */
/* Linux: madvise(MADV_HUGEPAGE) is outside POSIX; ask for it here only. */
#define _DEFAULT_SOURCE 1

#include <sys/mman.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dd_set.h"

#define INITIAL_CAP 64u
#define HUGE_BYTES  ((size_t)2 << 20)

/* A prefetch hint where the compiler has one, like PL_PRINTF. */
#if defined(__GNUC__)
#define DD_PREFETCH(p) __builtin_prefetch(p)
#else
#define DD_PREFETCH(p) ((void)(p))
#endif
#define BLOOM_K 7u

void
dd_set_init(struct dd_set *s, size_t max_bytes)
{
	memset(s, 0, sizeof(*s));
	s->max_bytes = max_bytes;
}

static inline unsigned
subof(struct pl_hash128 fp)
{
	return (unsigned)(fp.hi >> (64 - DD_SET_BITS));
}

static inline uint32_t
homeof(struct pl_hash128 fp)
{
	return (uint32_t)fp.lo;
}

/* Find fp in t: returns its slot, or the empty slot where it would go. */
static uint32_t
probe(const struct dd_subtable *t, struct pl_hash128 fp)
{
	uint32_t i = homeof(fp) & t->mask;

	for (;;) {
		const struct pl_hash128 *e = &t->slot[i];
		if ((e->hi == fp.hi && e->lo == fp.lo) ||
		    (e->hi == 0 && e->lo == 0))
			return i;
		i = (i + 1) & t->mask;
	}
}

/* Resize t to newcap slots (a power of two).  Returns 0 or -1. */
static int
resize(struct dd_set *s, struct dd_subtable *t, uint32_t newcap)
{
	struct pl_hash128 *ns;
	struct dd_subtable nt;
	uint32_t i, oldcap = t->mask ? t->mask + 1 : 0;
	size_t bytes;

	bytes = (size_t)newcap * sizeof(*ns);
	if (bytes >= HUGE_BYTES) {
		/* Big tables are looked up at random: 2 MiB pages save a
		 * TLB miss on nearly every lookup where the kernel has them
		 * on request (Linux transparent huge pages). */
		ns = aligned_alloc(HUGE_BYTES, bytes);
		if (ns == NULL)
			return -1;
#ifdef MADV_HUGEPAGE
		madvise(ns, bytes, MADV_HUGEPAGE);
#endif
		memset(ns, 0, bytes);
	} else if ((ns = calloc(newcap, sizeof(*ns))) == NULL)
		return -1;
	nt.slot = ns;
	nt.mask = newcap - 1;
	nt.n = t->n;
	for (i = 0; i < oldcap; i++) {
		struct pl_hash128 e = t->slot[i];
		if (e.hi != 0 || e.lo != 0)
			ns[probe(&nt, e)] = e;
	}
	free(t->slot);
	s->bytes += (size_t)(newcap - oldcap) * sizeof(*ns);
	*t = nt;
	return 0;
}

static int
bloom_start(struct dd_set *s)
{
	size_t left = s->max_bytes > s->bytes ? s->max_bytes - s->bytes : 0;
	size_t words = left / 8;

	if (words < 1024)
		words = 1024; /* 8 KiB: the least useful filter */
	s->bloom = calloc(words, sizeof(uint64_t));
	if (s->bloom == NULL)
		return -1;
	s->bloom_bits = (uint64_t)words * 64;
	s->bloom_k = BLOOM_K;
	s->frozen = 1;
	return 0;
}

/* Test (and with set, set) the Bloom bits of fp; returns 1 if all set. */
static int
bloom_probe(const struct dd_set *s, struct pl_hash128 fp, int set)
{
	uint64_t h = fp.lo, d = fp.hi | 1, bit;
	unsigned i;
	int all = 1;

	for (i = 0; i < s->bloom_k; i++) {
		bit = h % s->bloom_bits;
		if (!(s->bloom[bit / 64] & (1ULL << (bit % 64)))) {
			all = 0;
			if (set)
				s->bloom[bit / 64] |= 1ULL << (bit % 64);
		}
		h += d;
	}
	return all;
}

void
dd_set_prefetch(const struct dd_set *s, struct pl_hash128 fp)
{
	const struct dd_subtable *t = &s->sub[subof(dd_set_key(fp))];

	if (t->mask != 0)
		DD_PREFETCH(&t->slot[homeof(fp) & t->mask]);
}

int
dd_set_has(const struct dd_set *s, struct pl_hash128 fp)
{
	const struct dd_subtable *t;
	uint32_t i;

	fp = dd_set_key(fp);
	t = &s->sub[subof(fp)];
	if (t->mask != 0) {
		i = probe(t, fp);
		if (t->slot[i].hi != 0 || t->slot[i].lo != 0)
			return 1;
	}
	if (s->bloom != NULL && bloom_probe(s, fp, 0))
		return 1;
	return 0;
}

int
dd_set_add(struct dd_set *s, struct pl_hash128 fp)
{
	struct dd_subtable *t;
	uint32_t i, cap;
	size_t grow;

	fp = dd_set_key(fp);
	t = &s->sub[subof(fp)];
	if (t->mask != 0) {
		i = probe(t, fp);
		if (t->slot[i].hi != 0 || t->slot[i].lo != 0)
			return 1;
	}
	if (s->frozen) {
		/* Exact part full: slots still free below 0.8 load are
		 * used; everything else goes to the filter. */
		if (t->mask != 0 &&
		    (uint64_t)(t->n + 1) * 5 <= (uint64_t)(t->mask + 1) * 4) {
			t->slot[probe(t, fp)] = fp;
			t->n++;
			s->n++;
			return 0;
		}
		if ((s->bloom == NULL && bloom_start(s) < 0))
			return -1;
		if (bloom_probe(s, fp, 1))
			return 1;
		s->bloom_n++;
		return 0;
	}
	cap = t->mask ? t->mask + 1 : 0;
	if ((uint64_t)(t->n + 1) * 5 > (uint64_t)cap * 4) {
		uint32_t ncap = cap ? cap * 2 : INITIAL_CAP;
		grow = (size_t)(ncap - cap) * sizeof(struct pl_hash128);
		if (s->max_bytes != 0 &&
		    s->bytes + grow + cap * sizeof(struct pl_hash128) >
		        s->max_bytes / 2) {
			/* The exact part may use half of the cap (counting
			 * the old table alive during the copy); the Bloom
			 * filter gets the rest. */
			s->frozen = 1;
			return dd_set_add(s, fp);
		}
		if (ncap == 0 || resize(s, t, ncap) < 0)
			return -1;
	}
	t->slot[probe(t, fp)] = fp;
	t->n++;
	s->n++;
	return 0;
}

double
dd_set_false_rate(const struct dd_set *s)
{
	double k, x;

	if (s->bloom == NULL || s->bloom_n == 0)
		return 0.0;
	k = (double)s->bloom_k;
	x = 1.0 - exp(-k * (double)s->bloom_n / (double)s->bloom_bits);
	return pow(x, k);
}

size_t
dd_set_memory(const struct dd_set *s)
{
	return s->bytes + (size_t)(s->bloom_bits / 8);
}

void
dd_set_free(struct dd_set *s)
{
	size_t i, cap = s->max_bytes;

	for (i = 0; i < DD_SET_NSUB; i++)
		free(s->sub[i].slot);
	free(s->bloom);
	dd_set_init(s, cap);
}
