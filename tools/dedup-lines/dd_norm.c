/*
 * dd_norm.c - the normalisation steps dedup-lines applies to a key
 * before it is fingerprinted, e.g.
 *	dedup-lines --normalize nfkc,case,space,punct,quotes titles.txt
 *
 * Policy (each step is independent; they run in this fixed order, so the
 * result does not depend on the order they are named in):
 *   1. nfkc    NFKC via utf8proc (compatibility forms, ligatures,
 *              full-width letters).  Without nfkc but with another step,
 *              the text is still put in NFC so that canonically equal
 *              strings get the same key.
 *   2. case    full Unicode case folding (utf8proc CASEFOLD: "Straße" and
 *              "STRASSE" fold to "strasse").
 *   3. quotes  U+2018 U+2019 U+201A U+201B U+2039 U+203A and U+FF07 become
 *              "'"; U+201C U+201D U+201E U+201F U+00AB U+00BB U+2033
 *              U+301D U+301E and U+FF02 become '"'.
 *   4. punct   every code point of a general category P* or S* is dropped.
 *   5. space   runs of white space (Unicode Z*, C0 white space, U+0085)
 *              become one ASCII space; leading and trailing ones go.
 * Invalid UTF-8 is repaired first (each maximal invalid subpart becomes
 * U+FFFD) when any step is asked for; with no step the key is the raw
 * bytes, exactly like awk '!seen[$0]++'.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "dd_norm.h"
#include "utf8.h"

static const struct {
	const char *name;
	int step;
} steps_tab[] = {
    {"nfkc", DD_NORM_NFKC},     {"case", DD_NORM_CASE},
    {"quotes", DD_NORM_QUOTES}, {"punct", DD_NORM_PUNCT},
    {"space", DD_NORM_SPACE},
};

#define NSTEPS (sizeof(steps_tab) / sizeof(steps_tab[0]))

int
dd_norm_parse(const char *spec, int *steps, const char **bad)
{
	const char *p = spec, *e;
	size_t n, i;
	int s = 0, found;

	while (*p != '\0') {
		e = strchr(p, ',');
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		found = 0;
		if (n == 4 && memcmp(p, "none", 4) == 0)
			found = 1;
		else if (n == 3 && memcmp(p, "all", 3) == 0) {
			s |= DD_NORM_NFKC | DD_NORM_CASE | DD_NORM_QUOTES |
			     DD_NORM_PUNCT | DD_NORM_SPACE;
			found = 1;
		}
		for (i = 0; !found && i < NSTEPS; i++) {
			if (strlen(steps_tab[i].name) == n &&
			    memcmp(steps_tab[i].name, p, n) == 0) {
				s |= steps_tab[i].step;
				found = 1;
			}
		}
		if (!found && n > 0) {
			if (bad != NULL)
				*bad = p;
			return -1;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	*steps = s;
	return 0;
}

int
dd_norm_format(int steps, struct pl_buf *out)
{
	size_t i;
	int first = 1;

	if (steps == 0)
		return pl_buf_puts(out, "none");
	for (i = 0; i < NSTEPS; i++) {
		if (!(steps & steps_tab[i].step))
			continue;
		if (!first && pl_buf_putc(out, ',') < 0)
			return -1;
		if (pl_buf_puts(out, steps_tab[i].name) < 0)
			return -1;
		first = 0;
	}
	return 0;
}

/* Map a quotation mark to its ASCII form, or return cp unchanged. */
static int32_t
plain_quote(int32_t cp)
{
	switch (cp) {
	case 0x2018:
	case 0x2019:
	case 0x201A:
	case 0x201B:
	case 0x2039:
	case 0x203A:
	case 0xFF07:
		return '\'';
	case 0x201C:
	case 0x201D:
	case 0x201E:
	case 0x201F:
	case 0x00AB:
	case 0x00BB:
	case 0x2033:
	case 0x301D:
	case 0x301E:
	case 0xFF02:
		return '"';
	default:
		return cp;
	}
}

int
dd_norm_apply(const char *s, size_t len, int steps, struct pl_buf *out)
{
	struct pl_buf tmp = PL_BUF_INIT;
	size_t i, n, start;
	int32_t cp;
	int flags = PL_NORM_NFC, pending_space = 0, rc = -1;

	if (steps == 0)
		return pl_buf_append(out, s, len);
	if (steps & DD_NORM_NFKC)
		flags |= PL_NORM_NFKC;
	if (steps & DD_NORM_CASE)
		flags |= PL_NORM_CASEFOLD;
	if (pl_utf8_normalize(s, len, flags, &tmp) < 0)
		goto out;
	if (!(steps & (DD_NORM_QUOTES | DD_NORM_PUNCT | DD_NORM_SPACE))) {
		rc = pl_buf_append(out, tmp.data, tmp.len);
		goto out;
	}
	start = out->len;
	for (i = 0; i < tmp.len; i += n) {
		n = pl_utf8_decode(tmp.data + i, tmp.len - i, &cp);
		if (cp < 0)
			cp = PL_REPLACEMENT;
		if (steps & DD_NORM_QUOTES)
			cp = plain_quote(cp);
		if ((steps & DD_NORM_SPACE) && pl_uc_is_space(cp)) {
			pending_space = 1;
			continue;
		}
		if ((steps & DD_NORM_PUNCT) &&
		    (pl_uc_is_punct(cp) || pl_uc_is_symbol(cp)))
			continue;
		if (pending_space && out->len > start &&
		    pl_buf_putc(out, ' ') < 0)
			goto out;
		pending_space = 0;
		if (pl_buf_put_cp(out, cp) < 0)
			goto out;
	}
	rc = 0;
out:
	pl_buf_free(&tmp);
	return rc;
}
