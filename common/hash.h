/*
 * hash.h - fixed, portable hash functions for keys and fingerprints.
 *
 * Both functions give the same value on every platform, byte order and
 * compiler, so fingerprints written to a state file on one machine are
 * valid on another, and shard numbers agree between workers.
 *
 * pl_hash_fnv1a64 is FNV-1a (Fowler, Noll, Vo; public domain), the shard
 * and sort key of STYLE.md section 7.  pl_hash128 is a 128-bit
 * fingerprint in the MurmurHash3 x64/128 construction (Austin Appleby's
 * public-domain design, written here from the published algorithm): two
 * 64-bit lanes, 16 bytes a round, a final avalanche.  It is not
 * cryptographic; it is fast and well mixed, so for n distinct keys the
 * chance that any two share a fingerprint is about n*n / 2^129.
 *
 * Memory: nothing is allocated; data is only read.
 */
#ifndef PL_HASH_H
#define PL_HASH_H

#include <stddef.h>
#include <stdint.h>

#define PL_FNV64_OFFSET 0xcbf29ce484222325ULL
#define PL_FNV64_PRIME  0x00000100000001b3ULL

/* Return the 64-bit FNV-1a hash of len bytes at data. */
uint64_t pl_hash_fnv1a64(const void *data, size_t len);

/* Continue an FNV-1a hash h over more bytes; returns the new value. */
uint64_t pl_hash_fnv1a64_more(uint64_t h, const void *data, size_t len);

/* A 128-bit fingerprint: hi and lo halves. */
struct pl_hash128 {
	uint64_t hi;
	uint64_t lo;
};

/* Return the 128-bit fingerprint of len bytes at data under seed. */
struct pl_hash128 pl_hash128(const void *data, size_t len, uint64_t seed);

/* Return a well-mixed 64-bit value of x (the MurmurHash3 finalizer). */
uint64_t pl_hash_mix64(uint64_t x);

#endif
