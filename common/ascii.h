/*
 * ascii.h - ASCII character tests that never depend on the locale.
 *
 * <ctype.h> answers according to setlocale(), so the same bytes could be
 * split differently under another LANG.  These are plain comparisons.
 */
#ifndef PL_ASCII_H
#define PL_ASCII_H

static inline int
pl_ascii_isspace(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static inline int
pl_ascii_isdigit(int c)
{
	return c >= '0' && c <= '9';
}

static inline int
pl_ascii_isupper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static inline int
pl_ascii_islower(int c)
{
	return c >= 'a' && c <= 'z';
}

static inline int
pl_ascii_isalpha(int c)
{
	return pl_ascii_isupper(c) || pl_ascii_islower(c);
}

static inline int
pl_ascii_isalnum(int c)
{
	return pl_ascii_isalpha(c) || pl_ascii_isdigit(c);
}

static inline int
pl_ascii_tolower(int c)
{
	return pl_ascii_isupper(c) ? c + ('a' - 'A') : c;
}

static inline int
pl_ascii_toupper(int c)
{
	return pl_ascii_islower(c) ? c - ('a' - 'A') : c;
}

/* Compare n bytes ignoring ASCII case; returns 0 when equal. */
static inline int
pl_ascii_casecmp(const char *a, const char *b, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		int d = pl_ascii_tolower((unsigned char)a[i]) -
		        pl_ascii_tolower((unsigned char)b[i]);
		if (d != 0)
			return d;
	}
	return 0;
}

#endif
