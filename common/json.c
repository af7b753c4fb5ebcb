/*
 * json.c - span-preserving JSON Lines scanner and writer.
 *
 * The scanner is a recursive-descent validator for RFC 8259 that keeps,
 * for each top-level member of the object, where its key and value are in
 * the line.  It converts nothing: strings are checked for escapes and
 * control characters, numbers for the grammar, and the bytes stay where
 * they are.  Bytes >= 0x80 inside strings are not checked here; invalid
 * UTF-8 is repaired when a string is decoded (utf8.c has the policy).
 *
 * The writer copies the line member by member and swaps in the values a
 * tool changed, so a record makes the trip through a tool without any
 * member it did not touch changing by a byte (unlike jq 1.6, which
 * re-serialises numbers).
 *
 * Example: extract-quotes -j reads {"id":7,"text":"..."} and writes
 * {"id":7,"quote":"...",...} with "id":7 copied, not re-printed.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "swar.h"
#include "utf8.h"

struct parser {
	const char *s;
	size_t len;
	size_t pos;
	int depth;
	struct pl_error *err;
	int escaped;  /* the string parsed last holds a backslash escape */
	int nonascii; /* ... or a byte >= 0x80 */
};

static int parse_value(struct parser *p, enum pl_json_type *type);

static int
fail(struct parser *p, const char *what)
{
	return pl_error_set_at(p->err, NULL, 0, (unsigned long)p->pos + 1, "%s",
	                       what);
}

static void
skip_ws(struct parser *p)
{
	while (p->pos < p->len) {
		char c = p->s[p->pos];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		p->pos++;
	}
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#ifdef __SSE2__
#include <emmintrin.h>
/*
 * Skip 16 plain string bytes at a time with SSE2 (every x86-64 has it):
 * the scanner spends most of its time inside long text members.  Stops
 * at '"', '\\' or a control byte, and with stop_high at a byte >= 0x80
 * too (the writer, which checks UTF-8 there); *high gets the bytes >=
 * 0x80 seen (may count a few past the stop: harmless).
 */
static size_t
skip_plain16(const char *s, size_t len, size_t pos, unsigned *high,
             int stop_high)
{
	const __m128i quote = _mm_set1_epi8('"');
	const __m128i bslash = _mm_set1_epi8('\\');
	const __m128i ctl = _mm_set1_epi8(0x1F);

	while (pos + 16 <= len) {
		__m128i x =
		    _mm_loadu_si128((const __m128i *)(const void *)(s + pos));
		/* bytes <= 0x1F unsigned: min(x, 0x1F) == x */
		__m128i m =
		    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote),
		                              _mm_cmpeq_epi8(x, bslash)),
		                 _mm_cmpeq_epi8(_mm_min_epu8(x, ctl), x));
		unsigned mask = (unsigned)_mm_movemask_epi8(m);
		unsigned hi = (unsigned)_mm_movemask_epi8(x);

		*high |= hi;
		if (stop_high)
			mask |= hi;
		if (mask != 0)
			return pos + (size_t)__builtin_ctz(mask);
		pos += 16;
	}
	return pos;
}
#else
static size_t
skip_plain16(const char *s, size_t len, size_t pos, unsigned *high,
             int stop_high)
{
	(void)s;
	(void)len;
	(void)high;
	(void)stop_high;
	return pos;
}
#endif

static int
parse_string(struct parser *p)
{
	size_t i;
	unsigned high = 0; /* some byte >= 0x80 was seen */

	if (p->pos >= p->len || p->s[p->pos] != '"')
		return fail(p, "expected a string");
	p->pos++;
	p->escaped = 0;
	while (p->pos < p->len) {
		unsigned char c;

		p->pos = skip_plain16(p->s, p->len, p->pos, &high, 0);
		/* skip 8 plain bytes at a time: no '"', '\\' or control */
		while (p->pos + 8 <= p->len) {
			uint64_t x = pl_swar_load(p->s + p->pos);

			if (pl_swar_hasbyte(x, '"') | pl_swar_hasbyte(x, '\\') |
			    pl_swar_hasless(x, 0x20))
				break;
			high |= pl_swar_nonascii(x) != 0;
			p->pos += 8;
		}
		if (p->pos >= p->len)
			break;
		c = (unsigned char)p->s[p->pos];
		if (c == '"') {
			p->pos++;
			p->nonascii = high != 0;
			return 0;
		}
		if (c < 0x20)
			return fail(p, "control character in string");
		if (c != '\\') {
			high |= c >= 0x80;
			p->pos++;
			continue;
		}
		if (p->pos + 1 >= p->len)
			break;
		p->escaped = 1;
		c = (unsigned char)p->s[p->pos + 1];
		switch (c) {
		case '"':
		case '\\':
		case '/':
		case 'b':
		case 'f':
		case 'n':
		case 'r':
		case 't':
			p->pos += 2;
			break;
		case 'u':
			p->pos += 2;
			for (i = 0; i < 4; i++, p->pos++)
				if (p->pos >= p->len ||
				    hexval((unsigned char)p->s[p->pos]) < 0)
					return fail(p, "bad \\u escape");
			break;
		default:
			p->pos++;
			return fail(p, "bad escape in string");
		}
	}
	return fail(p, "unterminated string");
}

static int
digits(struct parser *p)
{
	size_t start = p->pos;

	while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
		p->pos++;
	return p->pos > start;
}

static int
parse_number(struct parser *p)
{
	if (p->pos < p->len && p->s[p->pos] == '-')
		p->pos++;
	if (p->pos < p->len && p->s[p->pos] == '0') {
		p->pos++;
		if (p->pos < p->len && p->s[p->pos] >= '0' &&
		    p->s[p->pos] <= '9')
			return fail(p, "leading zero in number");
	} else if (!digits(p))
		return fail(p, "bad number");
	if (p->pos < p->len && p->s[p->pos] == '.') {
		p->pos++;
		if (!digits(p))
			return fail(p, "expected digits after '.'");
	}
	if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
		p->pos++;
		if (p->pos < p->len &&
		    (p->s[p->pos] == '+' || p->s[p->pos] == '-'))
			p->pos++;
		if (!digits(p))
			return fail(p, "expected digits in exponent");
	}
	return 0;
}

static int
parse_literal(struct parser *p, const char *word, size_t n)
{
	if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0)
		return fail(p, "unexpected character");
	p->pos += n;
	return 0;
}

/* Parse an object's members; when obj is not NULL, record them. */
static int
parse_object(struct parser *p, struct pl_json_object *obj)
{
	struct pl_json_member m;

	if (++p->depth > PL_JSON_MAX_DEPTH)
		return fail(p, "nesting too deep");
	p->pos++; /* '{' */
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == '}') {
		p->pos++;
		p->depth--;
		return 0;
	}
	for (;;) {
		skip_ws(p);
		m.key = p->s + p->pos;
		if (parse_string(p) < 0)
			return -1;
		m.keylen = (size_t)(p->s + p->pos - m.key);
		skip_ws(p);
		if (p->pos >= p->len || p->s[p->pos] != ':')
			return fail(p, "expected ':'");
		p->pos++;
		skip_ws(p);
		m.val = p->s + p->pos;
		if (parse_value(p, &m.type) < 0)
			return -1;
		m.vallen = (size_t)(p->s + p->pos - m.val);
		m.escaped = m.type == PL_JSON_STRING && p->escaped;
		m.ascii = m.type == PL_JSON_STRING && !p->nonascii;
		if (obj != NULL) {
			if (obj->n == obj->cap) {
				size_t cap = obj->cap ? obj->cap * 2 : 16;
				struct pl_json_member *a;

				a = realloc(obj->m, cap * sizeof(*a));
				if (a == NULL)
					return pl_error_set(p->err,
					                    "out of memory");
				obj->m = a;
				obj->cap = cap;
			}
			obj->m[obj->n++] = m;
		}
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == '}') {
			p->pos++;
			p->depth--;
			return 0;
		}
		return fail(p, p->pos < p->len ? "expected ',' or '}'"
		                               : "unterminated object");
	}
}

static int
parse_array(struct parser *p)
{
	enum pl_json_type t;

	if (++p->depth > PL_JSON_MAX_DEPTH)
		return fail(p, "nesting too deep");
	p->pos++; /* '[' */
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == ']') {
		p->pos++;
		p->depth--;
		return 0;
	}
	for (;;) {
		skip_ws(p);
		if (parse_value(p, &t) < 0)
			return -1;
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == ']') {
			p->pos++;
			p->depth--;
			return 0;
		}
		return fail(p, p->pos < p->len ? "expected ',' or ']'"
		                               : "unterminated array");
	}
}

static int
parse_value(struct parser *p, enum pl_json_type *type)
{
	if (p->pos >= p->len)
		return fail(p, "unexpected end of line");
	switch (p->s[p->pos]) {
	case '"':
		*type = PL_JSON_STRING;
		return parse_string(p);
	case '{':
		*type = PL_JSON_OBJECT;
		return parse_object(p, NULL);
	case '[':
		*type = PL_JSON_ARRAY;
		return parse_array(p);
	case 't':
		*type = PL_JSON_TRUE;
		return parse_literal(p, "true", 4);
	case 'f':
		*type = PL_JSON_FALSE;
		return parse_literal(p, "false", 5);
	case 'n':
		*type = PL_JSON_NULL;
		return parse_literal(p, "null", 4);
	default:
		*type = PL_JSON_NUMBER;
		if (p->s[p->pos] == '-' ||
		    (p->s[p->pos] >= '0' && p->s[p->pos] <= '9'))
			return parse_number(p);
		return fail(p, "unexpected character");
	}
}

int
pl_json_parse_object(struct pl_json_object *obj, const char *s, size_t len,
                     struct pl_error *err)
{
	struct parser p = {s, len, 0, 0, err, 0, 0};

	obj->n = 0;
	skip_ws(&p);
	if (p.pos >= len || s[p.pos] != '{')
		return fail(&p, "not a JSON object");
	if (parse_object(&p, obj) < 0)
		return -1;
	skip_ws(&p);
	if (p.pos != len)
		return fail(&p, "trailing characters after the object");
	return 0;
}

void
pl_json_object_free(struct pl_json_object *obj)
{
	if (obj == NULL)
		return;
	free(obj->m);
	obj->m = NULL;
	obj->n = obj->cap = 0;
}

/*
 * Members of an object value: the top level uses the recorded array,
 * nested objects are re-scanned (they were validated already).
 */
struct members {
	const struct pl_json_member *arr;
	size_t n, i;
	struct parser p;
	int done;
};

static void
members_array(struct members *it, const struct pl_json_object *obj)
{
	memset(it, 0, sizeof(*it));
	it->arr = obj->m;
	it->n = obj->n;
}

static void
members_span(struct members *it, const char *s, size_t len)
{
	memset(it, 0, sizeof(*it));
	it->p.s = s;
	it->p.len = len;
	it->p.pos = 1; /* after '{' */
}

static int
members_next(struct members *it, struct pl_json_member *m)
{
	struct parser *p = &it->p;

	if (it->arr != NULL || it->n > 0) {
		if (it->i >= it->n)
			return 0;
		*m = it->arr[it->i++];
		return 1;
	}
	if (it->done || p->s == NULL)
		return 0;
	skip_ws(p);
	if (p->pos >= p->len || p->s[p->pos] == '}') {
		it->done = 1;
		return 0;
	}
	m->key = p->s + p->pos;
	if (parse_string(p) < 0)
		return 0;
	m->keylen = (size_t)(p->s + p->pos - m->key);
	skip_ws(p);
	p->pos++; /* ':' */
	skip_ws(p);
	m->val = p->s + p->pos;
	if (parse_value(p, &m->type) < 0)
		return 0;
	m->vallen = (size_t)(p->s + p->pos - m->val);
	m->escaped = m->type == PL_JSON_STRING && p->escaped;
	m->ascii = m->type == PL_JSON_STRING && !p->nonascii;
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == ',')
		p->pos++;
	return 1;
}

/* Does the raw key (quotes included) decode to name[0..n)? */
static int
key_equals(const char *key, size_t keylen, const char *name, size_t n)
{
	struct pl_buf tmp = PL_BUF_INIT;
	int eq;

	if (memchr(key, '\\', keylen) == NULL)
		return keylen - 2 == n && memcmp(key + 1, name, n) == 0;
	if (pl_json_decode_string(key, keylen, &tmp, NULL) < 0) {
		pl_buf_free(&tmp);
		return 0;
	}
	eq = tmp.len == n && memcmp(tmp.data, name, n) == 0;
	pl_buf_free(&tmp);
	return eq;
}

/* Find path (n bytes) in the members of it; last match wins. */
static int
lookup_in(struct members *it, const char *path, size_t n,
          struct pl_json_member *out)
{
	struct pl_json_member m, whole = {0}, part = {0};
	const char *dot;
	int found_whole = 0, found_part = 0;
	size_t split = 0;

	while (members_next(it, &m)) {
		if (key_equals(m.key, m.keylen, path, n)) {
			whole = m;
			found_whole = 1;
			continue;
		}
		if (m.type != PL_JSON_OBJECT)
			continue;
		/* A key that is a dotted prefix of the path. */
		for (dot = memchr(path, '.', n); dot != NULL;
		     dot = memchr(dot + 1, '.', n - (size_t)(dot + 1 - path))) {
			size_t k = (size_t)(dot - path);
			if (key_equals(m.key, m.keylen, path, k)) {
				part = m;
				split = k;
				found_part = 1;
				break;
			}
		}
	}
	if (found_whole) {
		*out = whole;
		return 1;
	}
	if (found_part) {
		struct members sub;

		members_span(&sub, part.val, part.vallen);
		return lookup_in(&sub, path + split + 1, n - split - 1, out);
	}
	return 0;
}

int
pl_json_lookup(const struct pl_json_object *obj, const char *path,
               struct pl_json_member *out)
{
	struct members it;

	members_array(&it, obj);
	return lookup_in(&it, path, strlen(path), out);
}

static size_t
utf8_len_of(long cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

int
pl_json_decode_string(const char *val, size_t vallen, struct pl_buf *out,
                      size_t *nrepl)
{
	size_t i, start, bad = 0, n;
	const char *s;
	long cp, lo;
	unsigned high = 0; /* not needed here; repair looks at every byte */

	if (vallen < 2 || val[0] != '"' || val[vallen - 1] != '"')
		return -1;
	s = val + 1;
	n = vallen - 2;
	if (pl_buf_reserve(out, n) < 0)
		return -1;
	i = start = 0;
	while (i < n) {
		size_t r;

		/* find the next escape; a raw '"' or control byte means val
		 * was not one valid string */
		i = skip_plain16(s, n, i, &high, 0);
		while (i < n && s[i] != '\\' && s[i] != '"' &&
		       (unsigned char)s[i] >= 0x20)
			i++;
		if (i >= n)
			break;
		if (s[i] != '\\')
			return -1;
		/* flush the plain run, repairing invalid UTF-8 */
		if (pl_utf8_repair(s + start, i - start, out, &r) < 0)
			return -1;
		bad += r;
		if (i + 1 >= n)
			return -1;
		switch (s[i + 1]) {
		case '"':
			cp = '"';
			break;
		case '\\':
			cp = '\\';
			break;
		case '/':
			cp = '/';
			break;
		case 'b':
			cp = '\b';
			break;
		case 'f':
			cp = '\f';
			break;
		case 'n':
			cp = '\n';
			break;
		case 'r':
			cp = '\r';
			break;
		case 't':
			cp = '\t';
			break;
		case 'u':
			if (i + 6 > n)
				return -1;
			cp = 0;
			for (r = 2; r < 6; r++) {
				int h = hexval((unsigned char)s[i + r]);
				if (h < 0)
					return -1;
				cp = cp * 16 + h;
			}
			if (cp >= 0xD800 && cp <= 0xDBFF && i + 12 <= n &&
			    s[i + 6] == '\\' && s[i + 7] == 'u') {
				lo = 0;
				for (r = 8; r < 12; r++) {
					int h = hexval((unsigned char)s[i + r]);
					if (h < 0) {
						lo = -1;
						break;
					}
					lo = lo * 16 + h;
				}
				if (lo >= 0xDC00 && lo <= 0xDFFF) {
					cp = 0x10000 + ((cp - 0xD800) << 10) +
					     (lo - 0xDC00);
					i += 6;
				}
			}
			if (cp >= 0xD800 && cp <= 0xDFFF) {
				cp = PL_REPLACEMENT; /* lone surrogate */
				bad++;
			}
			if (pl_buf_reserve(out, utf8_len_of(cp)) < 0 ||
			    pl_buf_put_cp(out, cp) < 0)
				return -1;
			i += 6;
			start = i;
			continue;
		default:
			return -1;
		}
		if (pl_buf_putc(out, (int)cp) < 0)
			return -1;
		i += 2;
		start = i;
	}
	{
		size_t r;
		if (pl_utf8_repair(s + start, n - start, out, &r) < 0)
			return -1;
		bad += r;
	}
	if (nrepl != NULL)
		*nrepl = bad;
	return 0;
}

int
pl_json_string_view(const struct pl_json_member *m, struct pl_buf *scratch,
                    const char **text, size_t *len, size_t *nrepl)
{
	/* Most text members hold no escape and valid UTF-8: then the text is
	 * the bytes between the quotes, and nothing needs copying. */
	if (!m->escaped && m->vallen >= 2 &&
	    (m->ascii ||
	     pl_utf8_count_invalid(m->val + 1, m->vallen - 2) == 0)) {
		*text = m->val + 1;
		*len = m->vallen - 2;
		if (nrepl != NULL)
			*nrepl = 0;
		return 0;
	}
	pl_buf_reset(scratch);
	if (pl_json_decode_string(m->val, m->vallen, scratch, nrepl) < 0)
		return -1;
	*text = scratch->data != NULL ? scratch->data : "";
	*len = scratch->len;
	return 0;
}

int
pl_json_put_string(struct pl_buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0, start = 0, n;
	unsigned high = 0; /* unused here */
	int32_t cp;

	if (pl_buf_reserve(out, len + 2) < 0 || pl_buf_putc(out, '"') < 0)
		return -1;
	while (i < len) {
		unsigned char c;
		const char *esc = NULL;
		char u[6];

		i = skip_plain16(s, len, i, &high, 1);
		if (i >= len)
			break;
		c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0x80) {
			/* valid UTF-8 is copied: no need to decode it */
			if ((n = pl_utf8_valid_len(s + i, len - i)) > 0) {
				i += n;
				continue;
			}
			n = pl_utf8_decode(s + i, len - i, &cp);
			if (pl_buf_append(out, s + start, i - start) < 0 ||
			    pl_buf_put_cp(out, PL_REPLACEMENT) < 0)
				return -1;
			i += n;
			start = i;
			continue;
		}
		switch (c) {
		case '"':
			esc = "\\\"";
			break;
		case '\\':
			esc = "\\\\";
			break;
		case '\b':
			esc = "\\b";
			break;
		case '\f':
			esc = "\\f";
			break;
		case '\n':
			esc = "\\n";
			break;
		case '\r':
			esc = "\\r";
			break;
		case '\t':
			esc = "\\t";
			break;
		default:
			u[0] = '\\';
			u[1] = 'u';
			u[2] = '0';
			u[3] = '0';
			u[4] = hex[c >> 4];
			u[5] = hex[c & 15];
			break;
		}
		if (pl_buf_append(out, s + start, i - start) < 0)
			return -1;
		if (esc != NULL ? pl_buf_puts(out, esc) < 0
		                : pl_buf_append(out, u, 6) < 0)
			return -1;
		i++;
		start = i;
	}
	if (pl_buf_append(out, s + start, i - start) < 0)
		return -1;
	return pl_buf_putc(out, '"');
}

int
pl_json_put_int(struct pl_buf *out, long long v)
{
	return pl_buf_printf(out, "%lld", v);
}

/*
 * Writing with edits.  At one level of the object, an edit is active
 * when the path components before it matched the enclosing members;
 * cons[i] says how many bytes of edits[i].path are consumed.  At most 64
 * edits are supported (tools use a handful).
 */
#define MAX_EDITS 64

static int write_level(struct pl_buf *out, struct members *it,
                       const struct pl_json_edit *e, size_t ne, uint64_t active,
                       const size_t *cons, uint64_t *used);

/* Append "k":... for path rem, creating objects for its dotted parts. */
static int
append_path(struct pl_buf *out, const char *rem, const char *val, size_t vallen)
{
	const char *dot = strchr(rem, '.');
	size_t k = dot ? (size_t)(dot - rem) : strlen(rem);

	if (pl_json_put_string(out, rem, k) < 0 || pl_buf_putc(out, ':') < 0)
		return -1;
	if (dot == NULL)
		return pl_buf_append(out, val, vallen);
	if (pl_buf_putc(out, '{') < 0 ||
	    append_path(out, dot + 1, val, vallen) < 0)
		return -1;
	return pl_buf_putc(out, '}');
}

static int
write_level(struct pl_buf *out, struct members *it,
            const struct pl_json_edit *e, size_t ne, uint64_t active,
            const size_t *cons, uint64_t *used)
{
	struct pl_json_member m;
	size_t i, sub_cons[MAX_EDITS];
	int first = 1;

	if (pl_buf_putc(out, '{') < 0)
		return -1;
	while (members_next(it, &m)) {
		const struct pl_json_edit *hit = NULL;
		uint64_t nested = 0;

		for (i = 0; i < ne; i++) {
			const char *rem, *dot;
			size_t rlen;

			if (!(active >> i & 1))
				continue;
			rem = e[i].path + cons[i];
			rlen = strlen(rem);
			if (key_equals(m.key, m.keylen, rem, rlen)) {
				hit = &e[i];
				*used |= (uint64_t)1 << i;
				continue;
			}
			if (m.type != PL_JSON_OBJECT)
				continue;
			for (dot = strchr(rem, '.'); dot != NULL;
			     dot = strchr(dot + 1, '.')) {
				size_t k = (size_t)(dot - rem);
				if (key_equals(m.key, m.keylen, rem, k)) {
					nested |= (uint64_t)1 << i;
					sub_cons[i] = cons[i] + k + 1;
					break;
				}
			}
		}
		if (hit != NULL && hit->val == NULL)
			continue; /* deleted */
		if (!first && pl_buf_putc(out, ',') < 0)
			return -1;
		first = 0;
		if (pl_buf_append(out, m.key, m.keylen) < 0 ||
		    pl_buf_putc(out, ':') < 0)
			return -1;
		if (hit != NULL) {
			if (pl_buf_append(out, hit->val, hit->vallen) < 0)
				return -1;
		} else if (nested != 0) {
			struct members sub;

			members_span(&sub, m.val, m.vallen);
			if (write_level(out, &sub, e, ne, nested, sub_cons,
			                used) < 0)
				return -1;
		} else if (pl_buf_append(out, m.val, m.vallen) < 0)
			return -1;
	}
	for (i = 0; i < ne; i++) {
		if (!(active >> i & 1) || (*used >> i & 1) || e[i].val == NULL)
			continue;
		*used |= (uint64_t)1 << i;
		if (!first && pl_buf_putc(out, ',') < 0)
			return -1;
		first = 0;
		if (append_path(out, e[i].path + cons[i], e[i].val,
		                e[i].vallen) < 0)
			return -1;
	}
	return pl_buf_putc(out, '}');
}

int
pl_json_write_edited(struct pl_buf *out, const struct pl_json_object *obj,
                     const struct pl_json_edit *edits, size_t nedits)
{
	struct members it;
	size_t cons[MAX_EDITS] = {0};
	uint64_t used = 0, active;

	if (nedits > MAX_EDITS)
		return -1;
	active =
	    nedits == MAX_EDITS ? UINT64_MAX : (((uint64_t)1 << nedits) - 1);
	members_array(&it, obj);
	return write_level(out, &it, edits, nedits, active, cons, &used);
}
