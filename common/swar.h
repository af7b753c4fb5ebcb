/*
 * swar.h - "SIMD within a register": test 8 bytes at a time in a
 * uint64_t.  Used by the hot loops of the JSON scanner and the UTF-8
 * checks, which otherwise spend their time looking at one byte at a time.
 * The formulas are the classic ones (Mycroft's haszero, Anderson's bit
 * hacks); a set high bit in the result marks a byte that matched, but only
 * "some byte matched" is reliable, so callers fall back to a byte loop to
 * find which.  pl_skip_ascii, the UTF-8 checks' fast path, takes 32
 * bytes at a time with SSE2 where there is SSE2 (every x86-64).
 */
#ifndef PL_SWAR_H
#define PL_SWAR_H

#include <stdint.h>
#include <string.h>

#define PL_SWAR_ONES 0x0101010101010101ULL
#define PL_SWAR_HIGH 0x8080808080808080ULL

static inline uint64_t
pl_swar_load(const char *p)
{
	uint64_t x;

	memcpy(&x, p, 8);
	return x;
}

/* Nonzero when some byte of x is zero. */
static inline uint64_t
pl_swar_haszero(uint64_t x)
{
	return (x - PL_SWAR_ONES) & ~x & PL_SWAR_HIGH;
}

/* Nonzero when some byte of x equals c. */
static inline uint64_t
pl_swar_hasbyte(uint64_t x, unsigned char c)
{
	return pl_swar_haszero(x ^ (PL_SWAR_ONES * c));
}

/* Nonzero when some byte of x is below n (n <= 128). */
static inline uint64_t
pl_swar_hasless(uint64_t x, unsigned char n)
{
	return (x - PL_SWAR_ONES * n) & ~x & PL_SWAR_HIGH;
}

/* Nonzero when some byte of x is not ASCII. */
static inline uint64_t
pl_swar_nonascii(uint64_t x)
{
	return x & PL_SWAR_HIGH;
}

/*
 * Skip ASCII from s[i]: return the first position at or after i of a byte
 * >= 0x80 (with SSE2), or where an 8-byte block holds one, or where less
 * than a block is left.  Callers go on byte by byte from there.
 */
#ifdef __SSE2__
#include <emmintrin.h>
#endif

static inline size_t
pl_skip_ascii(const char *s, size_t i, size_t len)
{
#ifdef __SSE2__
	while (i + 32 <= len) {
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_loadu_si128(
		                 (const __m128i *)(const void *)(s + i))) |
		             (unsigned)_mm_movemask_epi8(_mm_loadu_si128(
		                 (const __m128i *)(const void *)(s + i + 16)))
		                 << 16;

		if (m != 0) /* the byte itself: no byte loop after */
			return i + (size_t)__builtin_ctz(m);
		i += 32;
	}
#endif
	while (i + 8 <= len && !pl_swar_nonascii(pl_swar_load(s + i)))
		i += 8;
	return i;
}

#endif
