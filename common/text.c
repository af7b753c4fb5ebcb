/*
 * text.c - flatten a result onto one output line (see text.h).
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <string.h>

#include "text.h"
#include "utf8.h"

/* The code point that ends at s[i] (i > 0), or -1. */
static int32_t
cp_before(const char *s, size_t i)
{
	size_t a = i;
	int32_t cp;

	while (a > 0 && i - a < 4 && ((unsigned char)s[a - 1] & 0xC0) == 0x80)
		a--;
	if (a == 0)
		return -1;
	a--;
	if (pl_utf8_decode(s + a, i - a, &cp) != i - a)
		return -1;
	return cp;
}

/*
 * The space that joins the lines around the line break s[i..j): none
 * between two CJK characters (which are written without spaces).
 */
static int
join_space(struct pl_buf *out, const char *s, size_t n, size_t i, size_t j)
{
	int32_t before = i > 0 ? cp_before(s, i) : -1, after = -1;

	if (j < n)
		pl_utf8_decode(s + j, n - j, &after);
	if (before > 0 && after > 0 && pl_uc_is_cjk(before) &&
	    pl_uc_is_cjk(after))
		return 0;
	return pl_buf_putc(out, ' ');
}

int
pl_text_put_flat(struct pl_buf *out, const char *s, size_t n, int flags)
{
	size_t from = 0, i;
	const char *nl = memchr(s, '\n', n);
	int cr = memchr(s, '\r', n) != NULL;
	int tab = (flags & PL_FLAT_TABS) && memchr(s, '\t', n) != NULL;

	if (nl == NULL && !cr && !tab)
		return pl_buf_append(out, s, n); /* the common case */
	if (!cr && !tab) {
		/* only line feeds (hard-wrapped text): from one to the next */
		while (nl != NULL) {
			i = (size_t)(nl - s);
			if (pl_buf_append(out, s + from, i - from) < 0 ||
			    join_space(out, s, n, i, i + 1) < 0)
				return -1;
			from = i + 1;
			nl = memchr(s + from, '\n', n - from);
		}
		return pl_buf_append(out, s + from, n - from);
	}
	for (i = 0; i < n; i++) {
		size_t j = i + 1;

		if (s[i] == '\t' && (flags & PL_FLAT_TABS)) {
			if (pl_buf_append(out, s + from, i - from) < 0 ||
			    pl_buf_putc(out, ' ') < 0)
				return -1;
			from = j;
			continue;
		}
		if (s[i] != '\n' && s[i] != '\r')
			continue;
		if (s[i] == '\r' && j < n && s[j] == '\n')
			j++;
		if (pl_buf_append(out, s + from, i - from) < 0 ||
		    join_space(out, s, n, i, j) < 0)
			return -1;
		from = j;
		i = j - 1;
	}
	return pl_buf_append(out, s + from, n - from);
}
