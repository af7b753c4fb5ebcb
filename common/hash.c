/*
 * hash.c - FNV-1a 64 and a 128-bit MurmurHash3-style fingerprint.
 *
 * Used by dedup-lines for its seen-set fingerprints (128 bits) and for the
 * shard and sort keys (FNV-1a 64, STYLE.md section 7), e.g.
 *	dedup-lines --shard 2/8 dump.jsonl
 *
 * Input bytes are read one at a time into 64-bit words in little-endian
 * order, so results never depend on the host's byte order or alignment.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stddef.h>
#include <stdint.h>

#include "hash.h"

#define C1 0x87c37b91114253d5ULL
#define C2 0x4cf5ad432745937fULL

uint64_t
pl_hash_fnv1a64_more(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= PL_FNV64_PRIME;
	}
	return h;
}

uint64_t
pl_hash_fnv1a64(const void *data, size_t len)
{
	return pl_hash_fnv1a64_more(PL_FNV64_OFFSET, data, len);
}

static inline uint64_t
rotl64(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

uint64_t
pl_hash_mix64(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ULL;
	k ^= k >> 33;
	return k;
}

/* Read 8 bytes at p as a little-endian word (any alignment). */
static inline uint64_t
load64(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	       (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	       (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	       (uint64_t)p[7] << 56;
}

struct pl_hash128
pl_hash128(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *p = data;
	size_t nblocks = len / 16, i;
	uint64_t h1 = seed, h2 = seed, k1, k2;
	const unsigned char *tail;
	struct pl_hash128 r;

	for (i = 0; i < nblocks; i++) {
		k1 = load64(p + 16 * i);
		k2 = load64(p + 16 * i + 8);

		k1 *= C1;
		k1 = rotl64(k1, 31);
		k1 *= C2;
		h1 ^= k1;
		h1 = rotl64(h1, 27);
		h1 += h2;
		h1 = h1 * 5 + 0x52dce729;

		k2 *= C2;
		k2 = rotl64(k2, 33);
		k2 *= C1;
		h2 ^= k2;
		h2 = rotl64(h2, 31);
		h2 += h1;
		h2 = h2 * 5 + 0x38495ab5;
	}

	/* The last 0..15 bytes, little-endian, in two partial words. */
	tail = p + 16 * nblocks;
	k1 = k2 = 0;
	for (i = len & 15; i > 8; i--)
		k2 |= (uint64_t)tail[i - 1] << (8 * (i - 9));
	for (i = (len & 15) < 8 ? (len & 15) : 8; i > 0; i--)
		k1 |= (uint64_t)tail[i - 1] << (8 * (i - 1));
	if ((len & 15) > 8) {
		k2 *= C2;
		k2 = rotl64(k2, 33);
		k2 *= C1;
		h2 ^= k2;
	}
	if ((len & 15) > 0) {
		k1 *= C1;
		k1 = rotl64(k1, 31);
		k1 *= C2;
		h1 ^= k1;
	}

	h1 ^= (uint64_t)len;
	h2 ^= (uint64_t)len;
	h1 += h2;
	h2 += h1;
	h1 = pl_hash_mix64(h1);
	h2 = pl_hash_mix64(h2);
	h1 += h2;
	h2 += h1;
	r.hi = h1;
	r.lo = h2;
	return r;
}
