/*
 * test_json.c - Criterion tests for common/json.c: the span-preserving
 * JSON Lines scanner and writer.
 *
 * Covered: valid objects (nesting, white space, every escape, big and odd
 * numbers, the empty object); malformed lines rejected with a reason and a
 * column (every proper prefix of a valid record, nesting deeper than
 * PL_JSON_MAX_DEPTH, random byte mutations: never a crash); dotted-path
 * lookup with "last duplicate wins"; string decoding (surrogate pairs,
 * \u0000, lone surrogates and invalid UTF-8 to U+FFFD, counted); string
 * writing; write_edited.  The round-trip test generates records from a
 * fixed-seed PRNG (random nesting, every escape, big and odd numbers,
 * invalid UTF-8 inside strings, 1 MiB strings), edits one member and
 * checks that every other member comes out byte for byte, in order, and
 * that the output parses back to the same members.
 *
 * Inputs are copied into buffers of their exact length, so an over-read
 * past len shows up under `make asan`.
 *
 * SPDX-License-Identifier: MIT
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include "new_assert.h"
#include <criterion/parameterized.h>

#include "buf.h"
#include "json.h"
#include "pressline.h"

#define FFFD "\xEF\xBF\xBD"

/* A malloc'd copy of n bytes, no terminator: reading past n is caught. */
static char *
exact_copy(const void *s, size_t n)
{
	char *p = malloc(n > 0 ? n : 1);

	cr_assert(not(eq(ptr, p, NULL)));
	if (n > 0)
		memcpy(p, s, n);
	return p;
}

/* Write a printable excerpt of s[off..] into out. */
static const char *
excerpt(const char *s, size_t len, size_t off, char *out, size_t outsz)
{
	size_t i, used = 0;

	out[0] = '\0';
	for (i = off; i < len && i < off + 40 && used + 5 < outsz; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7F)
			out[used++] = (char)c;
		else
			used += (size_t)snprintf(out + used, outsz - used,
			                         "\\x%02X", c);
	}
	out[used < outsz ? used : outsz - 1] = '\0';
	return out;
}

/* Fail unless got equals want byte for byte; show where they differ. */
static void
check_bytes(const char *got, size_t glen, const char *want, size_t wlen,
            const char *what)
{
	char e1[200], e2[200];
	size_t i, from;

	if (glen == wlen && (wlen == 0 || memcmp(got, want, wlen) == 0))
		return;
	for (i = 0; i < glen && i < wlen && got[i] == want[i]; i++)
		continue;
	from = i > 10 ? i - 10 : 0;
	cr_fatal("%s: got %zu bytes, want %zu; first difference at %zu:\n"
	         "  got  ...%s\n  want ...%s",
	         what, glen, wlen, i, excerpt(got, glen, from, e1, sizeof(e1)),
	         excerpt(want, wlen, from, e2, sizeof(e2)));
}

/* Parse s (NUL-terminated, copied to an exact buffer); assert success. */
static char *
parse_ok(struct pl_json_object *obj, const char *s, size_t len)
{
	struct pl_error err;
	char *copy = exact_copy(s, len);
	char e[200];

	memset(&err, 0, sizeof(err));
	if (pl_json_parse_object(obj, copy, len, &err) != 0)
		cr_fatal("rejected valid \"%s\": %s (col %lu)",
		         excerpt(s, len, 0, e, sizeof(e)), err.msg, err.col);
	return copy;
}

static int
member_is(const struct pl_json_member *m, const char *key, const char *val)
{
	return m->keylen == strlen(key) &&
	       memcmp(m->key, key, m->keylen) == 0 &&
	       m->vallen == strlen(val) && memcmp(m->val, val, m->vallen) == 0;
}

/* Valid objects */

Test(json, simple_object_members_and_types)
{
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	static const char s[] = "{\"a\":1,\"b\":\"x\",\"c\":null,\"d\":true,"
	                        "\"e\":false,\"f\":[1,2],\"g\":{\"h\":1}}";
	char *copy = parse_ok(&obj, s, sizeof(s) - 1);

	cr_assert(eq(sz, obj.n, 7));
	cr_expect(member_is(&obj.m[0], "\"a\"", "1"));
	cr_expect(member_is(&obj.m[1], "\"b\"", "\"x\""));
	cr_expect(member_is(&obj.m[2], "\"c\"", "null"));
	cr_expect(member_is(&obj.m[3], "\"d\"", "true"));
	cr_expect(member_is(&obj.m[4], "\"e\"", "false"));
	cr_expect(member_is(&obj.m[5], "\"f\"", "[1,2]"));
	cr_expect(member_is(&obj.m[6], "\"g\"", "{\"h\":1}"));
	cr_expect(eq(int, obj.m[0].type, PL_JSON_NUMBER));
	cr_expect(eq(int, obj.m[1].type, PL_JSON_STRING));
	cr_expect(eq(int, obj.m[2].type, PL_JSON_NULL));
	cr_expect(eq(int, obj.m[3].type, PL_JSON_TRUE));
	cr_expect(eq(int, obj.m[4].type, PL_JSON_FALSE));
	cr_expect(eq(int, obj.m[5].type, PL_JSON_ARRAY));
	cr_expect(eq(int, obj.m[6].type, PL_JSON_OBJECT));
	/* Spans point into the parsed text. */
	cr_expect(eq(ptr, (void *)obj.m[0].key, copy + 1));
	cr_expect(eq(ptr, (void *)obj.m[0].val, copy + 5));
	free(copy);
	pl_json_object_free(&obj);
}

Test(json, empty_object)
{
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	char *c1 = parse_ok(&obj, "{}", 2);
	char *c2;

	cr_assert(eq(sz, obj.n, 0));
	c2 = parse_ok(&obj, " \t{ \t}\t ", 8);
	cr_assert(eq(sz, obj.n, 0));
	free(c1);
	free(c2);
	pl_json_object_free(&obj);
	pl_json_object_free(&obj); /* twice */
	pl_json_object_free(NULL);
}

Test(json, white_space_everywhere)
{
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	static const char s[] = " \t{ \"a\" : 1 ,\t\"b\":[ 1 , { } ] ,"
	                        "\"c\" :\"x y\" } \t";
	char *copy = parse_ok(&obj, s, sizeof(s) - 1);

	cr_assert(eq(sz, obj.n, 3));
	cr_expect(member_is(&obj.m[0], "\"a\"", "1"));
	cr_expect(member_is(&obj.m[1], "\"b\"", "[ 1 , { } ]"));
	cr_expect(member_is(&obj.m[2], "\"c\"", "\"x y\""));
	free(copy);
	pl_json_object_free(&obj);
}

Test(json, deep_but_allowed_nesting)
{
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	struct pl_buf b = PL_BUF_INIT;
	char *copy;
	int i, levels = PL_JSON_MAX_DEPTH - 2; /* plus the top object */

	cr_assert(eq(int, pl_buf_puts(&b, "{\"a\":"), 0));
	for (i = 0; i < levels; i++)
		cr_assert(eq(int, pl_buf_puts(&b, i % 2 ? "[" : "{\"k\":"), 0));
	cr_assert(eq(int, pl_buf_puts(&b, "0"), 0));
	for (i = levels - 1; i >= 0; i--)
		cr_assert(eq(int, pl_buf_puts(&b, i % 2 ? "]" : "}"), 0));
	cr_assert(eq(int, pl_buf_puts(&b, "}"), 0));
	copy = parse_ok(&obj, b.data, b.len);
	cr_assert(eq(sz, obj.n, 1));
	cr_assert(eq(sz, obj.m[0].vallen, b.len - 6));
	cr_assert(eq(int, obj.m[0].type, PL_JSON_OBJECT));
	free(copy);
	pl_buf_free(&b);
	pl_json_object_free(&obj);
}

Test(json, every_escape_is_valid)
{
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	static const char s[] = "{\"s\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9"
	                        "\\u00E9\\uD83D\\uDE00\\u0000\\ud800\"}";
	char *copy = parse_ok(&obj, s, sizeof(s) - 1);

	cr_assert(eq(sz, obj.n, 1));
	cr_assert(eq(int, obj.m[0].type, PL_JSON_STRING));
	cr_assert(eq(sz, obj.m[0].vallen, sizeof(s) - 1 - 6));
	free(copy);
	pl_json_object_free(&obj);
}

Test(json, raw_utf8_and_invalid_utf8_in_strings_accepted)
{
	/* Invalid UTF-8 is repaired when decoded, not rejected by the
	 * scanner: the record must pass through (STYLE.md section 7). */
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	static const char s[] =
	    "{\"h\xC3\xA9\":\"\xE2\x82\xAC\xF0\x9F\x98\x80"
	    "\",\"bad\":\"\xFF\xC0\xAF\xED\xA0\x80\xE2\x82\",\"del\":\"\x7F\"}";
	char *copy = parse_ok(&obj, s, sizeof(s) - 1);

	cr_assert(eq(sz, obj.n, 3));
	cr_expect(member_is(&obj.m[1], "\"bad\"",
	                    "\"\xFF\xC0\xAF\xED\xA0\x80\xE2\x82\""));
	free(copy);
	pl_json_object_free(&obj);
}

Test(json, duplicate_keys_all_recorded)
{
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	struct pl_json_member m;
	char *copy = parse_ok(&obj, "{\"a\":1,\"a\":2}", 13);

	cr_assert(eq(sz, obj.n, 2));
	cr_assert(eq(int, pl_json_lookup(&obj, "a", &m), 1));
	cr_assert(eq(sz, m.vallen, 1));
	cr_assert(eq(chr, m.val[0], '2'));
	free(copy);
	pl_json_object_free(&obj);
}

Test(json, object_is_reused)
{
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	struct pl_buf b = PL_BUF_INIT;
	struct pl_error err;
	char *c1, *c2;
	int i;

	cr_assert(eq(int, pl_buf_putc(&b, '{'), 0));
	for (i = 0; i < 1000; i++)
		cr_assert(eq(
		    int, pl_buf_printf(&b, "%s\"k%d\":%d", i ? "," : "", i, i),
		    0));
	cr_assert(eq(int, pl_buf_putc(&b, '}'), 0));
	c1 = parse_ok(&obj, b.data, b.len);
	cr_assert(eq(sz, obj.n, 1000));
	cr_expect(member_is(&obj.m[999], "\"k999\"", "999"));
	c2 = parse_ok(&obj, "{\"z\":0}", 7);
	cr_assert(eq(sz, obj.n, 1));
	cr_expect(member_is(&obj.m[0], "\"z\"", "0"));
	/* A failed parse followed by a good one. */
	cr_assert(eq(int, pl_json_parse_object(&obj, "{\"z\":", 5, &err), -1));
	free(c1);
	c1 = parse_ok(&obj, "{\"y\":1}", 7);
	cr_assert(eq(sz, obj.n, 1));
	free(c1);
	free(c2);
	pl_buf_free(&b);
	pl_json_object_free(&obj);
}

/* Numbers: valid ones are kept as raw bytes. */

struct num_case {
	char num[64];
	int valid;
};

ParameterizedTestParameters(json, numbers)
{
	static struct num_case cases[] = {
	    {"0", 1},
	    {"-0", 1},
	    {"1", 1},
	    {"-1", 1},
	    {"10", 1},
	    {"1.10", 1},
	    {"0.5", 1},
	    {"-0.0", 1},
	    {"1e5", 1},
	    {"1E5", 1},
	    {"1e+5", 1},
	    {"1e-5", 1},
	    {"1E+400", 1},
	    {"0.0e-0", 1},
	    {"100000000000000000001", 1},
	    {"18446744073709551616", 1},
	    {"9007199254740993", 1},
	    {"2.5E-324", 1},
	    {"-123456789012345678901234567890.0123e-99999", 1},
	    {"0e0", 1},
	    {"-0E-0", 1},
	    {"01", 0},
	    {"-01", 0},
	    {"00", 0},
	    {"1.", 0},
	    {"0.", 0},
	    {".5", 0},
	    {"-.5", 0},
	    {"+1", 0},
	    {"-", 0},
	    {"1e", 0},
	    {"1e+", 0},
	    {"1E-", 0},
	    {"0x10", 0},
	    {"1.e5", 0},
	    {"--1", 0},
	    {"1.5.5", 0},
	    {"1e5e5", 0},
	    {"NaN", 0},
	    {"Infinity", 0},
	    {"-Infinity", 0},
	    {"inf", 0},
	    {"1_000", 0},
	    {"1 2", 0},
	    {"- 1", 0},
	    {"1e5.5", 0},
	    {"0-1", 0},
	};

	return cr_make_param_array(struct num_case, cases,
	                           sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct num_case *c, json, numbers)
{
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	struct pl_error err;
	char line[128];
	int n = snprintf(line, sizeof(line), "{\"n\":%s}", c->num);
	char *copy = exact_copy(line, (size_t)n);
	int r;

	memset(&err, 0, sizeof(err));
	r = pl_json_parse_object(&obj, copy, (size_t)n, &err);
	if (c->valid) {
		cr_assert(eq(int, r, 0), "%s rejected: %s", c->num, err.msg);
		cr_assert(eq(sz, obj.n, 1));
		cr_expect(eq(int, obj.m[0].type, PL_JSON_NUMBER));
		check_bytes(obj.m[0].val, obj.m[0].vallen, c->num,
		            strlen(c->num), "number span");
	} else {
		cr_assert(eq(int, r, -1), "%s accepted", c->num);
		cr_expect(not(eq(chr, err.msg[0], '\0')));
		cr_expect(err.col >= 1 && err.col <= (unsigned long)n + 1,
		          "col %lu", err.col);
	}
	free(copy);
	pl_json_object_free(&obj);
}

/* Malformed lines: rejected with a reason and a column. */

struct bad_case {
	char in[64];
	size_t len;
	unsigned long col; /* 0 = any column inside the line */
};

#define B(s, col)                                                              \
	{                                                                      \
		s, sizeof(s) - 1, col                                          \
	}

ParameterizedTestParameters(json, malformed)
{
	static struct bad_case cases[] = {
	    B("", 0),
	    B("   ", 0),
	    B("{", 0),
	    B("}", 1),
	    B("[1,2]", 1),
	    B("[]", 1),
	    B("\"str\"", 1),
	    B("1", 1),
	    B("null", 1),
	    B("true", 1),
	    B("{\"a\":1,}", 0),
	    B("{,}", 0),
	    B("{,\"a\":1}", 0),
	    B("{\"a\":1,,\"b\":2}", 0),
	    B("{\"a\":1 \"b\":2}", 0),
	    B("{\"a\" 1}", 0),
	    B("{\"a\":}", 0),
	    B("{\"a\"}", 0),
	    B("{a:1}", 0),
	    B("{'a':1}", 0),
	    B("{\"a\":'x'}", 0),
	    B("{1:1}", 0),
	    B("{null:1}", 0),
	    B("{\"a\":\"x", 0),
	    B("{\"a\":\"x}", 0),
	    B("{\"a\":\"x\\\"}", 0),
	    B("{\"a\":\"x\ty\"}", 8),
	    B("{\"a\":\"x\ny\"}", 8),
	    B("{\"a\":\"x\0y\"}", 8),
	    B("{\"a\":\"\x1F\"}", 7),
	    B("{\"a\x01\":1}", 4),
	    B("{\"a\":\"\\x\"}", 0),
	    B("{\"a\":\"\\u12\"}", 0),
	    B("{\"a\":\"\\u12G4\"}", 0),
	    B("{\"a\":\"\\U0041\"}", 0),
	    B("{\"a\":\"\\", 0),
	    B("{\"a\":tru}", 0),
	    B("{\"a\":nul}", 0),
	    B("{\"a\":True}", 0),
	    B("{\"a\":truex}", 0),
	    B("{\"a\":nulll}", 0),
	    B("{\"a\":[1,2,]}", 0),
	    B("{\"a\":[,1]}", 0),
	    B("{\"a\":[1 2]}", 0),
	    B("{\"a\":[}", 0),
	    B("{\"a\":]}", 0),
	    B("{\"a\":[1}", 0),
	    B("{\"a\":{\"b\":1]}", 0),
	    B("{\"a\":{\"b\":1,}}", 0),
	    B("{\"a\":{\"b\"}}", 0),
	    B("{\"a\":1}x", 8),
	    B("{\"a\":1} x", 9),
	    B("{\"a\":1}}", 8),
	    B("{\"a\":1}{\"b\":2}", 8),
	    B("{\"a\":1},", 8),
	    B("{\"a\":01}", 0),
	    B("{\"a\":1.}", 0),
	    B("\xEF\xBB\xBF{}", 1), /* BOM is the reader's job */
	    B("{\"a\":1}\0", 8),
	    B("\0{}", 1),
	    B("{\"a\":\x80}", 0),
	};

	return cr_make_param_array(struct bad_case, cases,
	                           sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct bad_case *c, json, malformed)
{
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	struct pl_error err;
	char *copy = exact_copy(c->in, c->len);
	char e[200];

	memset(&err, 0, sizeof(err));
	cr_assert(eq(int, pl_json_parse_object(&obj, copy, c->len, &err), -1),
	          "accepted \"%s\"", excerpt(c->in, c->len, 0, e, sizeof(e)));
	cr_expect(not(eq(chr, err.msg[0], '\0')), "no reason for \"%s\"",
	          excerpt(c->in, c->len, 0, e, sizeof(e)));
	if (c->col != 0)
		cr_expect(eq(ulong, err.col, c->col), "\"%s\": %s",
		          excerpt(c->in, c->len, 0, e, sizeof(e)), err.msg);
	else
		cr_expect(err.col >= 1 && err.col <= c->len + 1,
		          "\"%s\": col %lu (%s)",
		          excerpt(c->in, c->len, 0, e, sizeof(e)), err.col,
		          err.msg);
	free(copy);
	pl_json_object_free(&obj);
}

/* Nesting deeper than PL_JSON_MAX_DEPTH is a rejected line, not a crash. */
static void
check_too_deep(int levels, const char *open, const char *close)
{
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	struct pl_buf b = PL_BUF_INIT;
	struct pl_error err;
	char *copy;
	int i;

	cr_assert(eq(int, pl_buf_puts(&b, "{\"a\":"), 0));
	for (i = 0; i < levels; i++)
		cr_assert(eq(int, pl_buf_puts(&b, open), 0));
	for (i = 0; i < levels; i++)
		cr_assert(eq(int, pl_buf_puts(&b, close), 0));
	cr_assert(eq(int, pl_buf_puts(&b, "}"), 0));
	copy = exact_copy(b.data, b.len);
	memset(&err, 0, sizeof(err));
	cr_assert(eq(int, pl_json_parse_object(&obj, copy, b.len, &err), -1),
	          "%d levels accepted", levels);
	cr_expect(not(eq(chr, err.msg[0], '\0')));
	cr_expect(err.col >= 1 && err.col <= b.len + 1);
	free(copy);
	pl_buf_free(&b);
	pl_json_object_free(&obj);
}

Test(json, too_deep)
{
	check_too_deep(PL_JSON_MAX_DEPTH + 1, "[", "]");
	check_too_deep(PL_JSON_MAX_DEPTH + 1, "{\"k\":", "}");
	check_too_deep(5000, "[", "]");
	check_too_deep(1000000, "[", "]");
	check_too_deep(300000, "{\"\":", "}");
}

Test(json, too_deep_and_unclosed)
{
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	struct pl_error err;
	size_t n = 2000000;
	char *s = malloc(n);

	cr_assert(not(eq(ptr, s, NULL)));
	s[0] = '{';
	s[1] = '"';
	s[2] = '"';
	s[3] = ':';
	memset(s + 4, '[', n - 4);
	cr_assert(eq(int, pl_json_parse_object(&obj, s, n, &err), -1));
	free(s);
	pl_json_object_free(&obj);
}

/* A record with every feature; every proper prefix must be rejected. */
static const char rich[] =
    "{\"id\":100000000000000000001,\"f\":1.10,\"z\":-0,\"big\":1E+400,"
    "\"odd\":0.0e-0,\"s\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\uD83D"
    "\\uDE00\\u0000\\udc00 \xC3\xA9\xFF\",\"n\":null,\"t\":true,"
    "\"fa\":false,\"arr\":[1,[2,[3,{}]],\"x\",[],{\"k\":[null]}],"
    "\"meta\":{\"body\":\"text\",\"d\":{\"e\":[1E5]}},\"a.b\":2,"
    "\"e\":{},\"l\":[ ]}";

Test(json, rich_record_parses)
{
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	char *copy = parse_ok(&obj, rich, sizeof(rich) - 1);

	cr_assert(eq(sz, obj.n, 14));
	cr_expect(member_is(&obj.m[0], "\"id\"", "100000000000000000001"));
	cr_expect(member_is(&obj.m[1], "\"f\"", "1.10"));
	cr_expect(member_is(&obj.m[2], "\"z\"", "-0"));
	cr_expect(member_is(&obj.m[3], "\"big\"", "1E+400"));
	cr_expect(member_is(&obj.m[4], "\"odd\"", "0.0e-0"));
	cr_expect(member_is(&obj.m[13], "\"l\"", "[ ]"));
	free(copy);
	pl_json_object_free(&obj);
}

Test(json, every_prefix_rejected)
{
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	struct pl_error err;
	size_t len = sizeof(rich) - 1, n;

	for (n = 0; n < len; n++) {
		char *copy = exact_copy(rich, n);
		memset(&err, 0, sizeof(err));
		if (pl_json_parse_object(&obj, copy, n, &err) != -1)
			cr_fatal("prefix of %zu bytes accepted", n);
		if (err.col < 1 || err.col > n + 1)
			cr_fatal("prefix of %zu bytes: col %lu", n, err.col);
		if (err.msg[0] == '\0')
			cr_fatal("prefix of %zu bytes: no reason", n);
		free(copy);
	}
	pl_json_object_free(&obj);
}

/* Check that a successful parse has spans inside [s, s + len). */
static void
check_spans(const struct pl_json_object *obj, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < obj->n; i++) {
		const struct pl_json_member *m = &obj->m[i];
		cr_assert(m->key >= s && m->key + m->keylen <= s + len);
		cr_assert(m->val >= s && m->val + m->vallen <= s + len);
		cr_assert(m->keylen >= 2 && m->key[0] == '"' &&
		          m->key[m->keylen - 1] == '"');
		cr_assert(m->vallen >= 1);
		cr_assert(m->type >= PL_JSON_NULL && m->type <= PL_JSON_OBJECT);
	}
}

Test(json, every_substring_no_crash)
{
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	struct pl_error err;
	size_t len = sizeof(rich) - 1, i, n;

	for (i = 0; i < len; i++) {
		for (n = 0; i + n <= len; n++) {
			char *copy = exact_copy(rich + i, n);
			int r = pl_json_parse_object(&obj, copy, n, &err);
			if (r == 0)
				check_spans(&obj, copy, n);
			else if (r != -1)
				cr_fatal("returned %d", r);
			free(copy);
		}
	}
	pl_json_object_free(&obj);
}

/* Lookup */

Test(json, lookup_paths)
{
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	struct pl_json_member m;
	static const char s[] =
	    "{\"a\":1,\"meta\":{\"body\":\"x\",\"n\":"
	    "{\"deep\":[1]},\"body\":\"y\"},\"a.b\":2,\"a\":3,\"s\":\"str\","
	    "\"arr\":[{\"k\":1}],\"m\":{\"k\":1},\"m\":{\"j\":2}}";
	char *copy = parse_ok(&obj, s, sizeof(s) - 1);

	cr_assert(eq(int, pl_json_lookup(&obj, "a", &m), 1));
	cr_expect(member_is(&m, "\"a\"", "3")); /* last wins */
	cr_expect(eq(int, m.type, PL_JSON_NUMBER));
	cr_assert(eq(int, pl_json_lookup(&obj, "meta.body", &m), 1));
	cr_expect(member_is(&m, "\"body\"", "\"y\"")); /* last wins */
	cr_expect(eq(int, m.type, PL_JSON_STRING));
	cr_assert(eq(int, pl_json_lookup(&obj, "meta.n.deep", &m), 1));
	cr_expect(member_is(&m, "\"deep\"", "[1]"));
	cr_expect(eq(int, m.type, PL_JSON_ARRAY));
	cr_assert(eq(int, pl_json_lookup(&obj, "meta.n", &m), 1));
	cr_expect(eq(int, m.type, PL_JSON_OBJECT));
	cr_assert(eq(int, pl_json_lookup(&obj, "a.b", &m), 1));
	cr_expect(member_is(&m, "\"a.b\"", "2"));
	cr_assert(eq(int, pl_json_lookup(&obj, "s", &m), 1));
	cr_expect(eq(ptr, (void *)m.val, copy + (strstr(s, "\"str\"") - s)));
	/* The last "m" wins as a whole. */
	cr_expect(eq(int, pl_json_lookup(&obj, "m.k", &m), 0));
	cr_expect(eq(int, pl_json_lookup(&obj, "m.j", &m), 1));
	cr_expect(eq(int, pl_json_lookup(&obj, "missing", &m), 0));
	cr_expect(eq(int, pl_json_lookup(&obj, "meta.missing", &m), 0));
	cr_expect(eq(int, pl_json_lookup(&obj, "s.x", &m), 0));
	cr_expect(eq(int, pl_json_lookup(&obj, "a.x", &m), 0));
	cr_expect(eq(int, pl_json_lookup(&obj, "meta.body.x", &m), 0));
	cr_expect(eq(int, pl_json_lookup(&obj, "arr.k", &m), 0));
	cr_expect(eq(int, pl_json_lookup(&obj, "arr.0", &m), 0));
	cr_expect(eq(int, pl_json_lookup(&obj, "", &m), 0));
	cr_expect(eq(int, pl_json_lookup(&obj, "me", &m), 0));
	cr_expect(eq(int, pl_json_lookup(&obj, "metax", &m), 0));
	free(copy);
	/* Keys are compared after decoding their escapes. */
	copy = parse_ok(&obj, "{\"t\\u0065xt\":\"v\",\"\\u00e9\":{\"b\\/\":1}}",
	                36);
	cr_assert(eq(int, pl_json_lookup(&obj, "text", &m), 1));
	cr_expect(member_is(&m, "\"t\\u0065xt\"", "\"v\""));
	cr_assert(eq(int, pl_json_lookup(&obj, "\xC3\xA9.b/", &m), 1));
	cr_expect(member_is(&m, "\"b\\/\"", "1"));
	free(copy);
	pl_json_object_free(&obj);
}

Test(json, lookup_in_empty_object)
{
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	struct pl_json_member m;
	char *copy = parse_ok(&obj, "{}", 2);

	cr_expect(eq(int, pl_json_lookup(&obj, "text", &m), 0));
	cr_expect(eq(int, pl_json_lookup(&obj, "a.b", &m), 0));
	free(copy);
	pl_json_object_free(&obj);
}

/* decode_string */

struct dec_case {
	char in[64];
	size_t inlen;
	int ok;
	char out[64];
	size_t outlen;
	size_t nrepl;
};

#define D(in, out, n)                                                          \
	{                                                                      \
		in, sizeof(in) - 1, 1, out, sizeof(out) - 1, n                 \
	}
#define DBAD(in)                                                               \
	{                                                                      \
		in, sizeof(in) - 1, 0, "", 0, 0                                \
	}

ParameterizedTestParameters(json, decode_string)
{
	static struct dec_case cases[] = {
	    D("\"\"", "", 0),
	    D("\"abc\"", "abc", 0),
	    D("\"h\xC3\xA9llo \xF0\x9F\x98\x80\"",
	      "h\xC3\xA9llo \xF0\x9F\x98"
	      "\x80",
	      0),
	    D("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t", 0),
	    D("\"\\u0041\\u00e9\\u00E9\\u20ac\"",
	      "A\xC3\xA9\xC3\xA9\xE2\x82"
	      "\xAC",
	      0),
	    D("\"\\uD83D\\uDE00\"", "\xF0\x9F\x98\x80", 0),
	    D("\"\\ud83d\\ude00\"", "\xF0\x9F\x98\x80", 0),
	    D("\"\\uDBFF\\uDFFF\"", "\xF4\x8F\xBF\xBF", 0),
	    D("\"a\\u0000b\"", "a\0b", 0),
	    D("\"\\u0000\"", "\0", 0),
	    D("\"\\u001f\\u007F\"", "\x1F\x7F", 0),
	    D("\"\\uFFFD\"", FFFD, 0), /* not a replacement */
	    D("\"\xEF\xBF\xBD\"", FFFD, 0),
	    /* lone surrogates */
	    D("\"\\uD83D\"", FFFD, 1),
	    D("\"\\uDE00\"", FFFD, 1),
	    D("\"\\uD83Dx\"", FFFD "x", 1),
	    D("\"\\uD83D\\u0041\"", FFFD "A", 1),
	    D("\"\\uDE00\\uD83D\"", FFFD FFFD, 2),
	    D("\"\\uD83D\\uD83D\\uDE00\"", FFFD "\xF0\x9F\x98\x80", 1),
	    D("\"\\uD83D\\n\"", FFFD "\n", 1),
	    /* raw invalid UTF-8 */
	    D("\"a\xFF"
	      "b\"",
	      "a" FFFD "b", 1),
	    D("\"\xC0\xAF\"", FFFD FFFD, 2),
	    D("\"\xED\xA0\x80\"", FFFD FFFD FFFD, 3),
	    D("\"\xE2\x82\"", FFFD, 1),
	    D("\"\xF0\x9F\x98\"", FFFD, 1),
	    D("\"\xE2\x82\\n\"", FFFD "\n", 1),
	    D("\"\xFF\\uD800\"", FFFD FFFD, 2),
	    /* not a string */
	    DBAD(""),
	    DBAD("\""),
	    DBAD("abc"),
	    DBAD("\"abc"),
	    DBAD("abc\""),
	    DBAD("\"a\\qb\""),
	    DBAD("\"\\u12\""),
	    DBAD("\"\\u12G4\""),
	    DBAD("\"\\\""),
	    DBAD("\"\\"),
	    DBAD("123"),
	    DBAD("null"),
	};

	return cr_make_param_array(struct dec_case, cases,
	                           sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct dec_case *c, json, decode_string)
{
	struct pl_buf b = PL_BUF_INIT;
	char *copy = exact_copy(c->in, c->inlen);
	size_t nrepl = 999;
	char e[200];
	int r;

	r = pl_json_decode_string(copy, c->inlen, &b, &nrepl);
	if (c->ok) {
		cr_assert(eq(int, r, 0), "rejected %s",
		          excerpt(c->in, c->inlen, 0, e, sizeof(e)));
		check_bytes(b.data, b.len, c->out, c->outlen, "decoded");
		cr_expect(eq(sz, nrepl, c->nrepl), "replacements in %s",
		          excerpt(c->in, c->inlen, 0, e, sizeof(e)));
	} else {
		cr_assert(eq(int, r, -1), "accepted %s",
		          excerpt(c->in, c->inlen, 0, e, sizeof(e)));
	}
	free(copy);
	pl_buf_free(&b);
}

/*
 * "Returns -1 when val is not a valid string": a raw control character
 * or an unescaped quote inside makes it invalid JSON text.
 */
Test(json, decode_string_rejects_raw_control_and_quote)
{
	struct pl_buf b = PL_BUF_INIT;

	cr_expect(eq(int, pl_json_decode_string("\"a\nb\"", 5, &b, NULL), -1),
	          "raw newline accepted");
	cr_expect(eq(int, pl_json_decode_string("\"a\"b\"", 5, &b, NULL), -1),
	          "unescaped quote accepted");
	cr_expect(eq(int, pl_json_decode_string("\"\x01\"", 3, &b, NULL), -1),
	          "raw U+0001 accepted");
	pl_buf_free(&b);
}

Test(json, decode_string_appends)
{
	struct pl_buf b = PL_BUF_INIT;

	cr_assert(eq(int, pl_buf_puts(&b, "x"), 0));
	cr_assert(
	    eq(int, pl_json_decode_string("\"\\u00e9\"", 8, &b, NULL), 0));
	check_bytes(b.data, b.len, "x\xC3\xA9", 3, "append");
	pl_buf_free(&b);
}

/* put_string and put_int */

struct put_case {
	char in[32];
	size_t inlen;
	char out[64];
	size_t outlen;
};

#define P(in, out)                                                             \
	{                                                                      \
		in, sizeof(in) - 1, out, sizeof(out) - 1                       \
	}

ParameterizedTestParameters(json, put_string_exact)
{
	static struct put_case cases[] = {
	    P("", "\"\""),
	    P("abc", "\"abc\""),
	    P("a\"b", "\"a\\\"b\""),
	    P("a\\b", "\"a\\\\b\""),
	    P("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80",
	      "\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\""),
	    P("\xFF", "\"" FFFD "\""),
	    P("a\xC0\xAF"
	      "b",
	      "\"a" FFFD FFFD "b\""),
	    P("\xE2\x82", "\"" FFFD "\""),
	};

	return cr_make_param_array(struct put_case, cases,
	                           sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct put_case *c, json, put_string_exact)
{
	struct pl_buf b = PL_BUF_INIT;
	char *copy = exact_copy(c->in, c->inlen);

	cr_assert(eq(int, pl_json_put_string(&b, copy, c->inlen), 0));
	check_bytes(b.data, b.len, c->out, c->outlen, "put_string");
	free(copy);
	pl_buf_free(&b);
}

/* put_string output is a valid JSON string that decodes back to s (valid
 * UTF-8) and has no raw control bytes. */
static void
check_put_roundtrip(const char *s, size_t len)
{
	struct pl_buf enc = PL_BUF_INIT, dec = PL_BUF_INIT;
	struct pl_buf line = PL_BUF_INIT;
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	struct pl_error err;
	size_t i, nrepl = 999;

	cr_assert(eq(int, pl_json_put_string(&enc, s, len), 0));
	for (i = 0; i < enc.len; i++)
		if ((unsigned char)enc.data[i] < 0x20)
			cr_fatal("raw control byte 0x%02X in output",
			         (unsigned char)enc.data[i]);
	cr_assert(
	    eq(int, pl_json_decode_string(enc.data, enc.len, &dec, &nrepl), 0));
	cr_assert(eq(sz, nrepl, 0));
	check_bytes(dec.data, dec.len, s, len, "put/decode round trip");
	cr_assert(eq(int, pl_buf_puts(&line, "{\"k\":"), 0));
	cr_assert(eq(int, pl_buf_append(&line, enc.data, enc.len), 0));
	cr_assert(eq(int, pl_buf_putc(&line, '}'), 0));
	cr_assert(
	    eq(int, pl_json_parse_object(&obj, line.data, line.len, &err), 0),
	    "%s", err.msg);
	cr_assert(eq(sz, obj.n, 1));
	check_bytes(obj.m[0].val, obj.m[0].vallen, enc.data, enc.len, "span");
	pl_buf_free(&enc);
	pl_buf_free(&dec);
	pl_buf_free(&line);
	pl_json_object_free(&obj);
}

Test(json, put_string_control_chars_roundtrip)
{
	char s[64];
	int c;

	for (c = 0; c < 0x20; c++) {
		s[0] = 'a';
		s[1] = (char)c;
		s[2] = 'b';
		check_put_roundtrip(s, 3);
	}
	check_put_roundtrip("\x7F", 1);
	check_put_roundtrip("\"\\/\b\f\n\r\t\0", 9);
	check_put_roundtrip("\xE2\x80\xA8\xE2\x80\xA9", 6); /* U+2028/9 */
	check_put_roundtrip("", 0);
}

Test(json, put_string_appends)
{
	struct pl_buf b = PL_BUF_INIT;

	cr_assert(eq(int, pl_buf_puts(&b, "{\"k\":"), 0));
	cr_assert(eq(int, pl_json_put_string(&b, "v", 1), 0));
	check_bytes(b.data, b.len, "{\"k\":\"v\"", 8, "append");
	pl_buf_free(&b);
}

Test(json, put_int)
{
	struct pl_buf b = PL_BUF_INIT;

	cr_assert(eq(int, pl_json_put_int(&b, 0), 0));
	cr_assert(eq(int, pl_buf_putc(&b, ','), 0));
	cr_assert(eq(int, pl_json_put_int(&b, -1), 0));
	cr_assert(eq(int, pl_buf_putc(&b, ','), 0));
	cr_assert(eq(int, pl_json_put_int(&b, 42), 0));
	cr_assert(eq(int, pl_buf_putc(&b, ','), 0));
	cr_assert(eq(int, pl_json_put_int(&b, LLONG_MAX), 0));
	cr_assert(eq(int, pl_buf_putc(&b, ','), 0));
	cr_assert(eq(int, pl_json_put_int(&b, LLONG_MIN), 0));
	check_bytes(b.data, b.len,
	            "0,-1,42,9223372036854775807,"
	            "-9223372036854775808",
	            48, "put_int");
	pl_buf_free(&b);
}

/* write_edited */

struct edit_case {
	char in[128];
	char path[32];
	int del;
	char val[64];
	char want[160];
};

ParameterizedTestParameters(json, write_edited)
{
	static struct edit_case cases[] = {
	    /* replace in place */
	    {"{\"a\":1,\"text\":\"x\",\"b\":[1, 2]}", "text", 0, "\"y\"",
	     "{\"a\":1,\"text\":\"y\",\"b\":[1, 2]}"},
	    {"{\"text\":\"x\"}", "text", 0, "{\"n\":[1.10]}",
	     "{\"text\":{\"n\":[1.10]}}"},
	    {"{\"a\":100000000000000000001,\"text\":1,\"c\":1.10}", "text", 0,
	     "2",
	     "{\"a\":100000000000000000001,\"text\":2,"
	     "\"c\":1.10}"},
	    /* white space between members goes, inside values stays */
	    {" { \"a\" : 1 , \"b\" : [1, 2] ,\"c\":\"x y\" } ", "b", 0, "null",
	     "{\"a\":1,\"b\":null,\"c\":\"x y\"}"},
	    {" { \"a\" : 1 , \"b\" : [1, 2] } ", "zzz", 1, "",
	     "{\"a\":1,\"b\":[1, 2]}"},
	    /* delete */
	    {"{\"a\":1,\"b\":2,\"c\":3}", "a", 1, "", "{\"b\":2,\"c\":3}"},
	    {"{\"a\":1,\"b\":2,\"c\":3}", "b", 1, "", "{\"a\":1,\"c\":3}"},
	    {"{\"a\":1,\"b\":2,\"c\":3}", "c", 1, "", "{\"a\":1,\"b\":2}"},
	    {"{\"a\":1}", "a", 1, "", "{}"},
	    {"{\"a\":1}", "b", 1, "", "{\"a\":1}"},
	    /* append */
	    {"{\"a\":1,\"b\":2}", "new", 0, "true",
	     "{\"a\":1,\"b\":2,\"new\":true}"},
	    {"{}", "x", 0, "1", "{\"x\":1}"},
	    {" { } ", "x", 0, "\"\"", "{\"x\":\"\"}"},
	    /* nested */
	    {"{\"id\":7,\"meta\":{\"body\":\"old\",\"n\":1.10},\"z\":1E+400}",
	     "meta.body", 0, "\"new\"",
	     "{\"id\":7,\"meta\":{\"body\":"
	     "\"new\",\"n\":1.10},\"z\":1E+400}"},
	    {"{\"id\":7,\"meta\":{\"body\":\"old\",\"n\":1.10},\"z\":1E+400}",
	     "meta.new", 0, "-0",
	     "{\"id\":7,\"meta\":{\"body\":\"old\","
	     "\"n\":1.10,\"new\":-0},\"z\":1E+400}"},
	    {"{\"id\":7,\"meta\":{\"body\":\"old\",\"n\":1.10},\"z\":1E+400}",
	     "meta.body", 1, "",
	     "{\"id\":7,\"meta\":{\"n\":1.10},"
	     "\"z\":1E+400}"},
	    {"{\"m\":{\"a\":{\"b\":1,\"c\":2}},\"x\":0}", "m.a.c", 0, "3",
	     "{\"m\":{\"a\":{\"b\":1,\"c\":3}},\"x\":0}"},
	    {"{\"a\":1}", "x.y", 0, "1", "{\"a\":1,\"x\":{\"y\":1}}"},
	    {"{\"a\":1,\"m\":{}}", "m.k", 0, "2", "{\"a\":1,\"m\":{\"k\":2}}"},
	    /* a key with a dot, matched whole */
	    {"{\"a.b\":1,\"c\":2}", "a.b", 0, "9", "{\"a.b\":9,\"c\":2}"},
	    /* untouched keys keep their escapes */
	    {"{\"k\\u0065y\":\"v\\n\\u00e9\",\"text\":\"x\"}", "text", 0,
	     "\"y\"", "{\"k\\u0065y\":\"v\\n\\u00e9\",\"text\":\"y\"}"},
	};

	return cr_make_param_array(struct edit_case, cases,
	                           sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct edit_case *c, json, write_edited)
{
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	struct pl_json_edit ed;
	struct pl_buf out = PL_BUF_INIT;
	char *copy = parse_ok(&obj, c->in, strlen(c->in));

	ed.path = c->path;
	ed.val = c->del ? NULL : c->val;
	ed.vallen = c->del ? 0 : strlen(c->val);
	cr_assert(eq(int, pl_buf_puts(&out, "pre"), 0));
	cr_assert(eq(int, pl_json_write_edited(&out, &obj, &ed, 1), 0));
	cr_assert(out.len >= 3 && memcmp(out.data, "pre", 3) == 0);
	check_bytes(out.data + 3, out.len - 3, c->want, strlen(c->want), c->in);
	free(copy);
	pl_buf_free(&out);
	pl_json_object_free(&obj);
}

Test(json, write_edited_no_edits_compacts)
{
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	struct pl_buf out = PL_BUF_INIT;
	char *copy = parse_ok(&obj, rich, sizeof(rich) - 1);

	cr_assert(eq(int, pl_json_write_edited(&out, &obj, NULL, 0), 0));
	check_bytes(out.data, out.len, rich, sizeof(rich) - 1, "unchanged");
	free(copy);
	pl_buf_free(&out);
	pl_json_object_free(&obj);
}

Test(json, write_edited_several_edits)
{
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	struct pl_buf out = PL_BUF_INIT;
	struct pl_json_edit ed[4];
	static const char in[] = "{\"id\":1.10,\"text\":\"a b\",\"x\":[ ],"
	                         "\"meta\":{\"body\":\"q\"}}";
	static const char want[] =
	    "{\"id\":1.10,\"text\":[\"a\",\"b\"],"
	    "\"meta\":{\"body\":\"r\"},\"n\":2,\"stats\":{\"k\":0}}";
	char *copy = parse_ok(&obj, in, sizeof(in) - 1);

	ed[0].path = "text";
	ed[0].val = "[\"a\",\"b\"]";
	ed[0].vallen = strlen(ed[0].val);
	ed[1].path = "n";
	ed[1].val = "2";
	ed[1].vallen = 1;
	ed[2].path = "x";
	ed[2].val = NULL;
	ed[2].vallen = 0;
	ed[3].path = "meta.body";
	ed[3].val = "\"r\"";
	ed[3].vallen = 3;
	cr_assert(eq(int, pl_json_write_edited(&out, &obj, ed, 4), 0));
	/* "stats" comes from a second pass over the first output */
	free(copy);
	copy = parse_ok(&obj, out.data, out.len);
	ed[0].path = "stats.k";
	ed[0].val = "0";
	ed[0].vallen = 1;
	pl_buf_reset(&out);
	cr_assert(eq(int, pl_json_write_edited(&out, &obj, ed, 1), 0));
	check_bytes(out.data, out.len, want, sizeof(want) - 1, "edited");
	free(copy);
	pl_buf_free(&out);
	pl_json_object_free(&obj);
}

/* An edit finds a key written with escapes, as lookup does: it is
 * replaced, not appended a second time. */
Test(json, write_edited_escaped_key)
{
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	struct pl_buf out = PL_BUF_INIT;
	struct pl_json_edit ed = {"text", "\"y\"", 3};
	struct pl_json_member m;
	char *copy = parse_ok(&obj, "{\"t\\u0065xt\":\"x\",\"b\":1}", 23);

	cr_assert(eq(int, pl_json_write_edited(&out, &obj, &ed, 1), 0));
	free(copy);
	copy = parse_ok(&obj, out.data, out.len);
	cr_expect(eq(sz, obj.n, 2));
	cr_assert(eq(int, pl_json_lookup(&obj, "text", &m), 1));
	cr_expect(eq(sz, m.vallen, 3));
	cr_expect(eq(int, memcmp(m.val, "\"y\"", 3), 0));
	free(copy);
	pl_buf_free(&out);
	pl_json_object_free(&obj);
}

Test(json, write_edited_duplicate_key_then_lookup)
{
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	struct pl_buf out = PL_BUF_INIT;
	struct pl_json_edit ed = {"a", "3", 1};
	struct pl_json_member m;
	char *copy = parse_ok(&obj, "{\"a\":1,\"b\":0,\"a\":2}", 19);

	cr_assert(eq(int, pl_json_write_edited(&out, &obj, &ed, 1), 0));
	free(copy);
	copy = parse_ok(&obj, out.data, out.len);
	cr_assert(eq(int, pl_json_lookup(&obj, "a", &m), 1));
	cr_expect(member_is(&m, "\"a\"", "3"));
	cr_assert(eq(int, pl_json_lookup(&obj, "b", &m), 1));
	cr_expect(member_is(&m, "\"b\"", "0"));
	free(copy);
	pl_buf_free(&out);
	pl_json_object_free(&obj);
}

Test(json, write_edited_through_non_object_no_crash)
{
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	struct pl_buf out = PL_BUF_INIT;
	struct pl_json_edit ed = {"meta.body", "\"x\"", 3};
	char *copy = parse_ok(&obj, "{\"meta\":[1],\"s\":\"t\"}", 20);
	int r;

	r = pl_json_write_edited(&out, &obj, &ed, 1);
	cr_assert(r == 0 || r == -1);
	ed.path = "s.x";
	pl_buf_reset(&out);
	r = pl_json_write_edited(&out, &obj, &ed, 1);
	cr_assert(r == 0 || r == -1);
	free(copy);
	pl_buf_free(&out);
	pl_json_object_free(&obj);
}

/*
 * The round-trip test.  Records come from a xorshift64 generator with a
 * fixed seed, so a failure is reproducible.  For each record we keep the
 * offsets of every top-level key and value as generated, and for string
 * values the text they must decode to.
 */

struct rng {
	uint64_t s;
};

static uint64_t
rnd(struct rng *r)
{
	uint64_t x = r->s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	r->s = x;
	return x;
}

static size_t
rnd_n(struct rng *r, size_t n)
{
	return (size_t)(rnd(r) % n);
}

static void
put(struct pl_buf *b, const char *s)
{
	cr_assert(eq(int, pl_buf_puts(b, s), 0));
}

static void
put_n(struct pl_buf *b, const char *s, size_t n)
{
	cr_assert(eq(int, pl_buf_append(b, s, n), 0));
}

/* JSON white space (never a newline: a record is one line). */
static void
gen_ws(struct rng *r, struct pl_buf *b)
{
	static const char *ws[] = {"", "", "", "", " ", "\t", "  ", " \t "};

	put(b, ws[rnd_n(r, sizeof(ws) / sizeof(ws[0]))]);
}

static const char hexdig[] = "0123456789abcdef0123456789ABCDEF";

/* Append \uXXXX for v with random hex digit case. */
static void
put_u(struct rng *r, struct pl_buf *b, unsigned v)
{
	int i, upper = rnd_n(r, 2) ? 16 : 0;

	put(b, "\\u");
	for (i = 3; i >= 0; i--)
		cr_assert(
		    eq(int,
		       pl_buf_putc(
		           b, hexdig[((v >> (4 * i)) & 15) + (unsigned)upper]),
		       0));
}

struct bad_utf8 {
	const char *bytes;
	int nrepl;
};

static const struct bad_utf8 bad_utf8[] = {
    {"\xFF", 1},         {"\xC0\xAF", 2},         {"\xED\xA0\x80", 3},
    {"\xE2\x82", 1},     {"\xF4\x90\x80\x80", 4}, {"\x80", 1},
    {"\xF0\x9F\x98", 1}, {"\xFE\xFE", 2},         {"\xC3", 1},
};

/*
 * Append a JSON string of about npieces pieces to b; append what it
 * decodes to to dec (may be NULL) and add the replacements to *nrepl.
 * The text never contains '#' (keys are made unique with it).
 */
static void
gen_string(struct rng *r, struct pl_buf *b, struct pl_buf *dec, size_t *nrepl,
           size_t npieces)
{
	static const char *esc[] = {"\\\"", "\\\\", "\\/", "\\b",
	                            "\\f",  "\\n",  "\\r", "\\t"};
	static const char *escdec = "\"\\/\b\f\n\r\t";
	static const char *raw[] = {"\xC3\xA9",
	                            "\xE2\x82\xAC",
	                            "\xF0\x9F\x98\x80",
	                            "\xE4\xB8\xAD\xE6\x96\x87",
	                            "\x7F",
	                            "\xEF\xBF\xBD",
	                            "\xE2\x80\xA8"};
	static const char *words[] = {
	    "a", "news ", "Text",   "x y z", "0", "the quick brown fox",
	    ".", "'",     "{}[]:,", ""};
	struct pl_buf scratch = PL_BUF_INIT;
	size_t i, k;
	unsigned v;

	if (dec == NULL)
		dec = &scratch;
	put(b, "\"");
	for (i = 0; i < npieces; i++) {
		switch (rnd_n(r, 11)) {
		case 0:
		case 1:
			k = rnd_n(r, sizeof(words) / sizeof(words[0]));
			put(b, words[k]);
			put(dec, words[k]);
			break;
		case 2:
			k = rnd_n(r, 8);
			put(b, esc[k]);
			put_n(dec, escdec + k, 1);
			break;
		case 3: /* \u escape of a control character or NUL */
			v = (unsigned)rnd_n(r, 0x20);
			put_u(r, b, v);
			cr_assert(eq(int, pl_buf_putc(dec, (int)v), 0));
			break;
		case 4: /* \u escape of a BMP character */
			do
				v = (unsigned)(0x20 + rnd_n(r, 0xFFFD - 0x20));
			while ((v >= 0xD800 && v <= 0xDFFF) || v == '#');
			put_u(r, b, v);
			cr_assert(eq(int, pl_buf_put_cp(dec, (long)v), 0));
			break;
		case 5: /* surrogate pair */
			v = (unsigned)(0x10000 + rnd_n(r, 0x100000));
			put_u(r, b, 0xD800 + ((v - 0x10000) >> 10));
			put_u(r, b, 0xDC00 + ((v - 0x10000) & 0x3FF));
			cr_assert(eq(int, pl_buf_put_cp(dec, (long)v), 0));
			break;
		case 6: /* lone high surrogate, then a plain x */
			put_u(r, b, (unsigned)(0xD800 + rnd_n(r, 0x400)));
			put(b, "x");
			put(dec, FFFD "x");
			(*nrepl)++;
			break;
		case 7: /* lone low surrogate */
			put_u(r, b, (unsigned)(0xDC00 + rnd_n(r, 0x400)));
			put(dec, FFFD);
			(*nrepl)++;
			break;
		case 8:
			k = rnd_n(r, sizeof(raw) / sizeof(raw[0]));
			put(b, raw[k]);
			put(dec, raw[k]);
			break;
		case 9: /* invalid UTF-8, ended by a plain z */
			k = rnd_n(r, sizeof(bad_utf8) / sizeof(bad_utf8[0]));
			put(b, bad_utf8[k].bytes);
			put(b, "z");
			for (v = 0; v < (unsigned)bad_utf8[k].nrepl; v++)
				put(dec, FFFD);
			put(dec, "z");
			*nrepl += (size_t)bad_utf8[k].nrepl;
			break;
		default:
			put(b, "\\u0000");
			put_n(dec, "", 1);
			break;
		}
	}
	put(b, "\"");
	pl_buf_free(&scratch);
}

static const char *odd_numbers[] = {"100000000000000000001",
                                    "1.10",
                                    "-0",
                                    "1E+400",
                                    "0.0e-0",
                                    "0",
                                    "-1",
                                    "1e-7",
                                    "123.456e+78",
                                    "-0.0",
                                    "1E400",
                                    "18446744073709551616",
                                    "9007199254740993",
                                    "2.5E-324",
                                    "1e5",
                                    "-123456789012345678901234567890.123456789",
                                    "0.1",
                                    "3"};

static void
gen_number(struct rng *r, struct pl_buf *b)
{
	if (rnd_n(r, 3) == 0)
		cr_assert(eq(int,
		             pl_buf_printf(b, "%lld",
		                           (long long)(rnd(r) >> 1) *
		                               (rnd_n(r, 2) ? 1 : -1)),
		             0));
	else
		put(b, odd_numbers[rnd_n(r, sizeof(odd_numbers) /
		                                sizeof(odd_numbers[0]))]);
}

/* Append a random value; returns its type. */
static enum pl_json_type
gen_value(struct rng *r, struct pl_buf *b, int depth, struct pl_buf *dec,
          size_t *nrepl)
{
	size_t i, n;
	size_t scratch = 0;
	int kind = (int)rnd_n(r, depth < 6 ? 8 : 6);

	switch (kind) {
	case 0:
		put(b, "null");
		return PL_JSON_NULL;
	case 1:
		if (rnd_n(r, 2)) {
			put(b, "true");
			return PL_JSON_TRUE;
		}
		put(b, "false");
		return PL_JSON_FALSE;
	case 2:
	case 3:
		gen_number(r, b);
		return PL_JSON_NUMBER;
	case 4:
	case 5:
		gen_string(r, b, dec, nrepl != NULL ? nrepl : &scratch,
		           rnd_n(r, 12));
		return PL_JSON_STRING;
	case 6:
		n = rnd_n(r, 5);
		put(b, "[");
		gen_ws(r, b);
		for (i = 0; i < n; i++) {
			if (i > 0) {
				put(b, ",");
				gen_ws(r, b);
			}
			gen_value(r, b, depth + 1, NULL, NULL);
			gen_ws(r, b);
		}
		put(b, "]");
		return PL_JSON_ARRAY;
	default:
		n = rnd_n(r, 5);
		put(b, "{");
		gen_ws(r, b);
		for (i = 0; i < n; i++) {
			if (i > 0) {
				put(b, ",");
				gen_ws(r, b);
			}
			gen_string(r, b, NULL, &scratch, rnd_n(r, 4));
			gen_ws(r, b);
			put(b, ":");
			gen_ws(r, b);
			gen_value(r, b, depth + 1, NULL, NULL);
			gen_ws(r, b);
		}
		put(b, "}");
		return PL_JSON_OBJECT;
	}
}

#define MAXM 16

struct gen_member {
	size_t koff, klen, voff, vlen;
	enum pl_json_type type;
	int plain; /* key is a plain name lookup can use */
	char name[32];
	size_t doff, dlen, nrepl; /* decoded text of string values */
};

struct gen_record {
	struct pl_buf line;
	struct pl_buf dec;
	struct gen_member m[MAXM];
	size_t n;
	size_t itext, imeta;         /* index of "text" and "meta" */
	size_t body_voff, body_vlen; /* "meta.body" value, in line */
	size_t n_voff, n_vlen;       /* "meta.n" value */
};

/* A string of about 1 MiB built from the same pieces. */
static void
gen_big_string(struct rng *r, struct pl_buf *b, struct pl_buf *dec,
               size_t *nrepl)
{
	size_t start = b->len;

	/* gen_string opens and closes the quotes; glue several together. */
	put(b, "\"");
	while (b->len - start < 1024 * 1024) {
		size_t s0 = b->len;
		gen_string(r, b, dec, nrepl, 64);
		/* drop the quotes of the piece just made */
		memmove(b->data + s0, b->data + s0 + 1, b->len - s0 - 2);
		b->len -= 2;
		b->data[b->len] = '\0';
	}
	put(b, "\"");
}

static void
gen_record(struct rng *r, struct gen_record *g, size_t recno)
{
	size_t i, n = 2 + rnd_n(r, MAXM - 2);

	pl_buf_reset(&g->line);
	pl_buf_reset(&g->dec);
	g->n = n;
	g->itext = rnd_n(r, n);
	do
		g->imeta = rnd_n(r, n);
	while (g->imeta == g->itext);
	gen_ws(r, &g->line);
	put(&g->line, "{");
	gen_ws(r, &g->line);
	for (i = 0; i < n; i++) {
		struct gen_member *m = &g->m[i];
		size_t junk = 0;

		if (i > 0) {
			put(&g->line, ",");
			gen_ws(r, &g->line);
		}
		m->koff = g->line.len;
		m->plain = 1;
		if (i == g->itext) {
			snprintf(m->name, sizeof(m->name), "text");
			put(&g->line, "\"text\"");
		} else if (i == g->imeta) {
			snprintf(m->name, sizeof(m->name), "meta");
			put(&g->line, "\"meta\"");
		} else if (rnd_n(r, 2)) {
			snprintf(m->name, sizeof(m->name), "p%zu", i);
			cr_assert(eq(int,
			             pl_buf_printf(&g->line, "\"%s\"", m->name),
			             0));
		} else {
			/* a wild key: escapes, dots, invalid UTF-8; made
			 * unique by "#i" at the end */
			m->plain = 0;
			m->name[0] = '\0';
			gen_string(r, &g->line, NULL, &junk, rnd_n(r, 5));
			g->line.len--; /* reopen the string */
			cr_assert(eq(int,
			             pl_buf_printf(&g->line, "%s#%zu\"",
			                           rnd_n(r, 2) ? ".x" : "", i),
			             0));
		}
		m->klen = g->line.len - m->koff;
		gen_ws(r, &g->line);
		put(&g->line, ":");
		gen_ws(r, &g->line);
		m->voff = g->line.len;
		m->doff = g->dec.len;
		m->nrepl = 0;
		if (i == g->imeta) {
			/* compact, so that an edit inside it has one
			 * expected form */
			put(&g->line, "{\"body\":");
			g->body_voff = g->line.len;
			gen_string(r, &g->line, NULL, &junk, rnd_n(r, 6));
			g->body_vlen = g->line.len - g->body_voff;
			put(&g->line, ",\"n\":");
			g->n_voff = g->line.len;
			gen_number(r, &g->line);
			g->n_vlen = g->line.len - g->n_voff;
			put(&g->line, "}");
			m->type = PL_JSON_OBJECT;
		} else if ((recno == 3 && i == g->itext) ||
		           (recno == 5 && i != g->itext &&
		            i == (g->imeta + 1) % n)) {
			gen_big_string(r, &g->line, &g->dec, &m->nrepl);
			m->type = PL_JSON_STRING;
		} else if (i == g->itext) {
			gen_string(r, &g->line, &g->dec, &m->nrepl,
			           rnd_n(r, 40));
			m->type = PL_JSON_STRING;
		} else {
			m->type = gen_value(r, &g->line, 1, &g->dec, &m->nrepl);
		}
		m->vlen = g->line.len - m->voff;
		m->dlen = g->dec.len - m->doff;
		gen_ws(r, &g->line);
	}
	put(&g->line, "}");
	gen_ws(r, &g->line);
}

/* Check that obj has exactly the members (key, value) listed. */
static void
check_members(const struct pl_json_object *obj, const char **k,
              const size_t *kl, const char **v, const size_t *vl, size_t n,
              size_t recno)
{
	char what[64];
	size_t i;

	cr_assert(eq(sz, obj->n, n), "record %zu: member count", recno);
	for (i = 0; i < n; i++) {
		snprintf(what, sizeof(what), "record %zu member %zu key", recno,
		         i);
		check_bytes(obj->m[i].key, obj->m[i].keylen, k[i], kl[i], what);
		snprintf(what, sizeof(what), "record %zu member %zu value",
		         recno, i);
		check_bytes(obj->m[i].val, obj->m[i].vallen, v[i], vl[i], what);
	}
}

Test(json, roundtrip_generated_records, .timeout = 120)
{
	struct rng r = {0x9E3779B97F4A7C15ULL};
	struct gen_record g;
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	struct pl_json_object obj2 = PL_JSON_OBJECT_INIT;
	struct pl_buf out = PL_BUF_INIT, exp = PL_BUF_INIT;
	struct pl_buf dec = PL_BUF_INIT, newval = PL_BUF_INIT;
	struct pl_error err;
	struct pl_json_edit ed[2];
	const char *ek[MAXM + 2], *ev[MAXM + 2];
	size_t ekl[MAXM + 2], evl[MAXM + 2];
	size_t recno, nrec = 600, i, ne, nedits, nrepl;
	char what[80];

	memset(&g, 0, sizeof(g));
	for (recno = 0; recno < nrec; recno++) {
		char *line;
		int kind;

		gen_record(&r, &g, recno);
		line = exact_copy(g.line.data, g.line.len);

		/* 1. The scanner finds every member, spans into the line. */
		memset(&err, 0, sizeof(err));
		if (pl_json_parse_object(&obj, line, g.line.len, &err) != 0)
			cr_fatal("record %zu rejected: %s at col %lu", recno,
			         err.msg, err.col);
		cr_assert(eq(sz, obj.n, g.n), "record %zu", recno);
		for (i = 0; i < g.n; i++) {
			const struct gen_member *gm = &g.m[i];
			const struct pl_json_member *m = &obj.m[i];

			if (m->key != line + gm->koff ||
			    m->keylen != gm->klen ||
			    m->val != line + gm->voff || m->vallen != gm->vlen)
				cr_fatal(
				    "record %zu member %zu: span "
				    "[%td+%zu:%td+%zu] want [%zu+%zu:%zu+%zu]",
				    recno, i, m->key - line, m->keylen,
				    m->val - line, m->vallen, gm->koff,
				    gm->klen, gm->voff, gm->vlen);
			cr_assert(eq(int, m->type, gm->type),
			          "record %zu member %zu type", recno, i);
			/* 2. Strings decode to what was generated. */
			if (gm->type == PL_JSON_STRING) {
				pl_buf_reset(&dec);
				nrepl = 12345;
				cr_assert(
				    eq(int,
				       pl_json_decode_string(m->val, m->vallen,
				                             &dec, &nrepl),
				       0));
				snprintf(what, sizeof(what),
				         "record %zu member %zu decoded", recno,
				         i);
				check_bytes(dec.data, dec.len,
				            g.dec.data + gm->doff, gm->dlen,
				            what);
				cr_assert(eq(sz, nrepl, gm->nrepl), "%s", what);
			}
			/* 3. Plain keys are found by lookup. */
			if (gm->plain) {
				struct pl_json_member lm;
				cr_assert(
				    eq(int, pl_json_lookup(&obj, gm->name, &lm),
				       1),
				    "record %zu lookup %s", recno, gm->name);
				cr_assert(
				    eq(ptr, (void *)lm.val, (void *)m->val));
			}
		}
		{
			struct pl_json_member lm;
			cr_assert(
			    eq(int, pl_json_lookup(&obj, "meta.body", &lm), 1));
			cr_assert(eq(ptr, (void *)lm.val,
			             (void *)(line + g.body_voff)));
			cr_assert(eq(sz, lm.vallen, g.body_vlen));
		}

		/* 4. Edit one member (or none) and predict the output. */
		pl_buf_reset(&newval);
		gen_value(&r, &newval, 3, NULL, NULL);
		kind = (int)rnd_n(&r, 6);
		ne = 0;
		nedits = 1;
		ed[0].val = newval.data;
		ed[0].vallen = newval.len;
		for (i = 0; i < g.n; i++) {
			const struct gen_member *gm = &g.m[i];

			ek[ne] = line + gm->koff;
			ekl[ne] = gm->klen;
			ev[ne] = line + gm->voff;
			evl[ne] = gm->vlen;
			if (i == g.itext && kind == 0) { /* replace */
				ev[ne] = newval.data;
				evl[ne] = newval.len;
			} else if (i == g.itext && kind == 1) { /* delete */
				continue;
			}
			ne++;
		}
		switch (kind) {
		case 0:
			ed[0].path = "text";
			break;
		case 1:
			ed[0].path = "text";
			ed[0].val = NULL;
			ed[0].vallen = 0;
			break;
		case 2: /* append */
			ed[0].path = "added";
			ek[ne] = "\"added\"";
			ekl[ne] = 7;
			ev[ne] = newval.data;
			evl[ne] = newval.len;
			ne++;
			break;
		case 3: { /* nested replace: meta is rebuilt */
			struct pl_buf *mb = &exp;

			pl_buf_reset(mb);
			put(mb, "{\"body\":");
			put_n(mb, newval.data, newval.len);
			put(mb, ",\"n\":");
			put_n(mb, line + g.n_voff, g.n_vlen);
			put(mb, "}");
			ed[0].path = "meta.body";
			for (i = 0; i < ne; i++)
				if (ek[i] == line + g.m[g.imeta].koff) {
					ev[i] = mb->data;
					evl[i] = mb->len;
				}
			break;
		}
		case 4: /* no edit */
			nedits = 0;
			break;
		default: /* replace text and append */
			ed[0].path = "text";
			ed[1].path = "added";
			ed[1].val = "\"x\"";
			ed[1].vallen = 3;
			nedits = 2;
			for (i = 0; i < ne; i++)
				if (ek[i] == line + g.m[g.itext].koff) {
					ev[i] = newval.data;
					evl[i] = newval.len;
				}
			ek[ne] = "\"added\"";
			ekl[ne] = 7;
			ev[ne] = "\"x\"";
			evl[ne] = 3;
			ne++;
			break;
		}
		pl_buf_reset(&out);
		cr_assert(
		    eq(int, pl_json_write_edited(&out, &obj, ed, nedits), 0));

		/* 5. The output is exactly the compact record we expect:
		 * untouched members byte for byte and in order. */
		{
			struct pl_buf want = PL_BUF_INIT;

			put(&want, "{");
			for (i = 0; i < ne; i++) {
				if (i > 0)
					put(&want, ",");
				put_n(&want, ek[i], ekl[i]);
				put(&want, ":");
				put_n(&want, ev[i], evl[i]);
			}
			put(&want, "}");
			snprintf(what, sizeof(what), "record %zu edit kind %d",
			         recno, kind);
			check_bytes(out.data, out.len, want.data, want.len,
			            what);
			pl_buf_free(&want);
		}

		/* 6. Parsing the output gives the same members. */
		memset(&err, 0, sizeof(err));
		if (pl_json_parse_object(&obj2, out.data, out.len, &err) != 0)
			cr_fatal("record %zu: output rejected: %s at col %lu",
			         recno, err.msg, err.col);
		check_members(&obj2, ek, ekl, ev, evl, ne, recno);
		free(line);
	}
	pl_buf_free(&g.line);
	pl_buf_free(&g.dec);
	pl_buf_free(&out);
	pl_buf_free(&exp);
	pl_buf_free(&dec);
	pl_buf_free(&newval);
	pl_json_object_free(&obj);
	pl_json_object_free(&obj2);
}

/* Random byte mutations of generated records: never a crash, and what is
 * accepted has sane spans and can be written back. */
Test(json, mutated_records_no_crash, .timeout = 120)
{
	static const char sub[] =
	    "{}[]\",:\\ \t0123456789.-+eEtrufalsn\x00"
	    "\x1F\x7F\x80\xBF\xC0\xC3\xE2\xED\xF0\xF4\xFF";
	struct rng r = {0xD1B54A32D192ED03ULL};
	struct gen_record g;
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	struct pl_buf out = PL_BUF_INIT, dec = PL_BUF_INIT;
	struct pl_error err;
	struct pl_json_edit ed = {"text", "1", 1};
	size_t recno, j, k, i;

	memset(&g, 0, sizeof(g));
	for (recno = 0; recno < 400; recno++) {
		gen_record(&r, &g, 100 + recno); /* no 1 MiB strings */
		for (j = 0; j < 20; j++) {
			char *line = exact_copy(g.line.data, g.line.len);
			size_t len = g.line.len;
			int r2;

			for (k = 0; k < 1 + rnd_n(&r, 3); k++)
				line[rnd_n(&r, len)] =
				    sub[rnd_n(&r, sizeof(sub) - 1)];
			if (rnd_n(&r, 4) == 0)
				len = rnd_n(&r, len + 1);
			r2 = pl_json_parse_object(&obj, line, len, &err);
			if (r2 == 0) {
				check_spans(&obj, line, len);
				for (i = 0; i < obj.n; i++)
					if (obj.m[i].type == PL_JSON_STRING) {
						pl_buf_reset(&dec);
						cr_assert(
						    eq(int,
						       pl_json_decode_string(
						           obj.m[i].val,
						           obj.m[i].vallen,
						           &dec, NULL),
						       0));
					}
				pl_buf_reset(&out);
				cr_assert(
				    eq(int,
				       pl_json_write_edited(&out, &obj, &ed, 1),
				       0));
			} else {
				cr_assert(eq(int, r2, -1));
				cr_assert(err.col >= 1 && err.col <= len + 1,
				          "col %lu len %zu", err.col, len);
			}
			free(line);
		}
	}
	pl_buf_free(&g.line);
	pl_buf_free(&g.dec);
	pl_buf_free(&out);
	pl_buf_free(&dec);
	pl_json_object_free(&obj);
}

/* Random strings through put_string and back through decode_string. */
Test(json, put_decode_random_strings)
{
	struct rng r = {42};
	struct pl_buf s = PL_BUF_INIT, enc = PL_BUF_INIT, dec = PL_BUF_INIT;
	struct pl_buf want = PL_BUF_INIT;
	size_t i, n, k, nrepl;

	for (i = 0; i < 3000; i++) {
		pl_buf_reset(&s);
		n = rnd_n(&r, 40);
		for (k = 0; k < n; k++) {
			static const char pool[] =
			    "a\"\\/\b\n\x01\x1F\0"
			    "\x7F\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xFF\xED";
			cr_assert(eq(
			    int,
			    pl_buf_putc(&s, pool[rnd_n(&r, sizeof(pool) - 1)]),
			    0));
		}
		pl_buf_reset(&enc);
		pl_buf_reset(&dec);
		pl_buf_reset(&want);
		cr_assert(eq(int, pl_json_put_string(&enc, s.data, s.len), 0));
		cr_assert(eq(
		    int, pl_json_decode_string(enc.data, enc.len, &dec, &nrepl),
		    0));
		cr_assert(eq(sz, nrepl, 0));
		/* Expected: the input with invalid UTF-8 repaired, which is
		 * what decode_string gives for the input with only ", \ and
		 * control characters escaped. */
		{
			struct pl_buf raw = PL_BUF_INIT;
			size_t q;

			put(&raw, "\"");
			for (q = 0; q < s.len; q++) {
				unsigned char c = (unsigned char)s.data[q];
				if (c == '"' || c == '\\' || c < 0x20) {
					cr_assert(eq(
					    int,
					    pl_buf_printf(&raw, "\\u%04x", c),
					    0));
				} else {
					cr_assert(
					    eq(int, pl_buf_putc(&raw, c), 0));
				}
			}
			put(&raw, "\"");
			cr_assert(eq(int,
			             pl_json_decode_string(raw.data, raw.len,
			                                   &want, NULL),
			             0));
			pl_buf_free(&raw);
		}
		check_bytes(dec.data, dec.len, want.data, want.len,
		            "put/decode");
	}
	pl_buf_free(&s);
	pl_buf_free(&enc);
	pl_buf_free(&dec);
	pl_buf_free(&want);
}

/* string_view: plain text is handed over in place, anything else decoded */
Test(json, string_view_in_place_or_decoded)
{
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	struct pl_json_member m;
	struct pl_buf scratch = PL_BUF_INIT;
	const char *t;
	size_t n, bad;
	static const char line[] = "{\"a\":\"plain text\",\"b\":\"caf\xc3\xa9\","
	                           "\"c\":\"x\\ny\",\"d\":\"bad\xff\"}";
	char *copy = parse_ok(&obj, line, sizeof(line) - 1);

	cr_assert(eq(int, pl_json_lookup(&obj, "a", &m), 1));
	cr_expect(eq(int, m.ascii, 1));
	cr_assert(eq(int, pl_json_string_view(&m, &scratch, &t, &n, &bad), 0));
	cr_expect(eq(ptr, (void *)t, (void *)(m.val + 1))); /* no copy */
	cr_expect(eq(sz, n, 10));
	cr_assert(eq(int, pl_json_lookup(&obj, "b", &m), 1));
	cr_expect(eq(int, m.ascii, 0));
	cr_assert(eq(int, pl_json_string_view(&m, &scratch, &t, &n, &bad), 0));
	cr_expect(eq(ptr, (void *)t, (void *)(m.val + 1))); /* valid: no copy */
	cr_assert(eq(int, pl_json_lookup(&obj, "c", &m), 1));
	cr_expect(eq(int, m.escaped, 1));
	cr_assert(eq(int, pl_json_string_view(&m, &scratch, &t, &n, &bad), 0));
	cr_expect(eq(ptr, (void *)t, scratch.data));
	cr_expect(eq(sz, n, 3));
	cr_expect(eq(int, memcmp(t, "x\ny", 3), 0));
	cr_assert(eq(int, pl_json_lookup(&obj, "d", &m), 1));
	cr_assert(eq(int, pl_json_string_view(&m, &scratch, &t, &n, &bad), 0));
	cr_expect(eq(sz, bad, 1)); /* repaired into scratch */
	cr_expect(eq(int, memcmp(t, "bad\xef\xbf\xbd", 6), 0));
	pl_buf_free(&scratch);
	pl_json_object_free(&obj);
	free(copy);
}
