/*
 * test_config.c - Criterion tests for common/config.c: loading a YAML
 * document into a pl_cfg_node tree, applying a key table (BOOL, INT,
 * DOUBLE, STRING, LIST, NODE, nested TABLE), errors with 1-based
 * line:col (unknown keys, type and range errors, invalid YAML), refusal
 * of anchors and aliases, merging, files, and truncated input.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include "new_assert.h"
#include <criterion/parameterized.h>

#include "config.h"
#include "pressline.h"

struct settings {
	int strict;
	long max;
	double threshold;
	const char *lang;
	const struct pl_cfg_node *words;
	const struct pl_cfg_node *any;
	long depth;
	const char *name;
	int flag;
};

static const struct pl_cfg_key nested_keys[] = {
    {"depth", PL_CFG_INT, offsetof(struct settings, depth), 1, 9, NULL},
    {"name", PL_CFG_STRING, offsetof(struct settings, name), 0, 0, NULL},
    {"flag", PL_CFG_BOOL, offsetof(struct settings, flag), 0, 0, NULL},
    {NULL, PL_CFG_BOOL, 0, 0, 0, NULL}};

static const struct pl_cfg_key keys[] = {
    {"strict", PL_CFG_BOOL, offsetof(struct settings, strict), 0, 0, NULL},
    {"max", PL_CFG_INT, offsetof(struct settings, max), 0, 10, NULL},
    {"threshold", PL_CFG_DOUBLE, offsetof(struct settings, threshold), 0, 1,
     NULL},
    {"lang", PL_CFG_STRING, offsetof(struct settings, lang), 0, 0, NULL},
    {"words", PL_CFG_LIST, offsetof(struct settings, words), 0, 0, NULL},
    {"any", PL_CFG_NODE, offsetof(struct settings, any), 0, 0, NULL},
    {"nested", PL_CFG_TABLE, 0, 0, 0, nested_keys},
    {NULL, PL_CFG_BOOL, 0, 0, 0, NULL}};

static void
defaults(struct settings *s)
{
	memset(s, 0, sizeof(*s));
	s->strict = -1;
	s->max = 5;
	s->threshold = 0.25;
	s->lang = "und";
	s->depth = 2;
	s->name = "default";
	s->flag = -1;
}

/* Parse text; assert success. */
static struct pl_cfg_node *
parse_ok(const char *text)
{
	struct pl_cfg_node *root = NULL;
	struct pl_error err;
	size_t len = strlen(text);
	char *copy = malloc(len + 1);

	cr_assert(not(eq(ptr, copy, NULL)));
	memcpy(copy, text, len + 1);
	memset(&err, 0, sizeof(err));
	if (pl_cfg_parse(copy, len, "cfg.yaml", &root, &err) != 0)
		cr_fatal("parse failed: %lu:%lu: %s", (unsigned long)err.line,
		         err.col, err.msg);
	free(copy);
	return root;
}

static const char doc[] = "# settings\n"
                          "lang: en\n"
                          "threshold: 0.5\n"
                          "max: 10\n"
                          "strict: true\n"
                          "words: [a, b, \"c d\"]\n"
                          "nested:\n"
                          "  depth: 3\n"
                          "  name: x\n"
                          "any:\n"
                          "  k: [1, {m: n}]\n";

Test(config, parse_tree)
{
	struct pl_cfg_node *root = parse_ok(doc);
	const struct pl_cfg_node *n, *w, *nested;

	cr_assert(not(eq(ptr, root, NULL)));
	cr_assert(eq(int, root->kind, PL_CFG_MAP));
	cr_assert(eq(sz, root->n, 7));
	cr_expect(eq(str, root->keys[0], "lang"));
	cr_expect(eq(str, root->keys[6], "any"));
	n = pl_cfg_get(root, "lang");
	cr_assert(not(eq(ptr, (void *)n, NULL)));
	cr_expect(eq(int, n->kind, PL_CFG_SCALAR));
	cr_expect(eq(str, n->str, "en"));
	cr_expect(eq(sz, n->len, 2));
	cr_expect(eq(ulong, n->line, 2));
	cr_expect(eq(ulong, n->col, 7));
	if (n->file != NULL)
		cr_expect(eq(str, (char *)n->file, "cfg.yaml"));
	w = pl_cfg_get(root, "words");
	cr_assert(not(eq(ptr, (void *)w, NULL)));
	cr_assert(eq(int, w->kind, PL_CFG_SEQ));
	cr_assert(eq(sz, w->n, 3));
	cr_expect(eq(str, w->items[2].str, "c d"));
	nested = pl_cfg_get(root, "nested");
	cr_assert(not(eq(ptr, (void *)nested, NULL)));
	cr_assert(eq(int, nested->kind, PL_CFG_MAP));
	n = pl_cfg_get(nested, "depth");
	cr_assert(not(eq(ptr, (void *)n, NULL)));
	cr_expect(eq(str, n->str, "3"));
	cr_expect(eq(ulong, n->line, 8));
	cr_expect(eq(ulong, n->col, 10));
	cr_expect(eq(ptr, (void *)pl_cfg_get(root, "missing"), NULL));
	cr_expect(eq(ptr, (void *)pl_cfg_get(NULL, "lang"), NULL));
	cr_expect(eq(ptr, (void *)pl_cfg_get(root, "dept"), NULL));
	pl_cfg_free(root);
	pl_cfg_free(NULL);
}

Test(config, apply_all_types)
{
	struct pl_cfg_node *root = parse_ok(doc);
	struct settings s;
	struct pl_error err;

	defaults(&s);
	memset(&err, 0, sizeof(err));
	cr_assert(eq(int, pl_cfg_apply(keys, root, &s, &err), 0), "%s",
	          err.msg);
	cr_expect(eq(int, s.strict, 1));
	cr_expect(eq(long, s.max, 10));
	cr_expect(eq(dbl, s.threshold, 0.5));
	cr_expect(eq(str, (char *)s.lang, "en"));
	cr_assert(not(eq(ptr, (void *)s.words, NULL)));
	cr_expect(eq(int, s.words->kind, PL_CFG_SEQ));
	cr_expect(eq(sz, s.words->n, 3));
	cr_expect(eq(str, s.words->items[0].str, "a"));
	cr_assert(not(eq(ptr, (void *)s.any, NULL)));
	cr_expect(eq(int, s.any->kind, PL_CFG_MAP));
	cr_expect(eq(long, s.depth, 3));
	cr_expect(eq(str, (char *)s.name, "x"));
	cr_expect(eq(int, s.flag, -1)); /* not given: default kept */
	pl_cfg_free(root);
}

Test(config, apply_keeps_defaults)
{
	struct pl_cfg_node *root = parse_ok("max: 7\n");
	struct settings s;
	struct pl_error err;

	defaults(&s);
	cr_assert(eq(int, pl_cfg_apply(keys, root, &s, &err), 0));
	cr_expect(eq(long, s.max, 7));
	cr_expect(eq(int, s.strict, -1));
	cr_expect(eq(dbl, s.threshold, 0.25));
	cr_expect(eq(str, (char *)s.lang, "und"));
	cr_expect(eq(ptr, (void *)s.words, NULL));
	cr_expect(eq(long, s.depth, 2));
	pl_cfg_free(root);
	/* A NULL map applies nothing. */
	defaults(&s);
	cr_assert(eq(int, pl_cfg_apply(keys, NULL, &s, &err), 0));
	cr_expect(eq(long, s.max, 5));
}

Test(config, block_sequence_list)
{
	struct pl_cfg_node *root = parse_ok("words:\n  - one\n  - 'two'\n"
	                                    "  - \"th ree\"\n");
	struct settings s;
	struct pl_error err;

	defaults(&s);
	cr_assert(eq(int, pl_cfg_apply(keys, root, &s, &err), 0), "%s",
	          err.msg);
	cr_assert(eq(sz, s.words->n, 3));
	cr_expect(eq(str, s.words->items[1].str, "two"));
	cr_expect(eq(str, s.words->items[2].str, "th ree"));
	cr_expect(eq(ulong, s.words->items[1].line, 3));
	pl_cfg_free(root);
}

Test(config, empty_document)
{
	static const char *empties[] = {"", "\n", "# only a comment\n",
	                                "   \n\n# c\n"};
	struct pl_cfg_node *root;
	struct pl_error err;
	struct settings s;
	size_t i;

	for (i = 0; i < sizeof(empties) / sizeof(empties[0]); i++) {
		root = (struct pl_cfg_node *)1;
		cr_assert(eq(int,
		             pl_cfg_parse(empties[i], strlen(empties[i]),
		                          "e.yaml", &root, &err),
		             0),
		          "empty %zu: %s", i, err.msg);
		cr_expect(eq(ptr, root, NULL), "empty %zu", i);
		defaults(&s);
		cr_assert(eq(int, pl_cfg_apply(keys, root, &s, &err), 0));
		cr_expect(eq(long, s.max, 5));
	}
}

/* Errors reported by pl_cfg_apply, with their 1-based position. */

struct apply_err {
	char text[64];
	unsigned long line, col; /* 0 = do not check */
	char needle[24];         /* must appear in the message */
};

ParameterizedTestParameters(config, apply_errors)
{
	static struct apply_err cases[] = {
	    {"lang: en\nlangauge: de\n", 2, 1, "langauge"},
	    {"langauge: de\n", 1, 1, "langauge"},
	    {"nested:\n  depht: 3\n", 2, 3, "depht"},
	    {"max: 1\nnested: {name: a, bogus: 1}\n", 2, 19, "bogus"},
	    /* booleans: true/false only */
	    {"strict: yes\n", 1, 9, ""},
	    {"strict: no\n", 1, 9, ""},
	    {"strict: True\n", 1, 9, ""},
	    {"strict: TRUE\n", 1, 9, ""},
	    {"strict: on\n", 1, 9, ""},
	    {"strict: 1\n", 1, 9, ""},
	    {"strict: y\n", 1, 9, ""},
	    {"strict:\n", 0, 0, ""},
	    {"strict: [true]\n", 1, 9, ""},
	    /* integers: decimal, in range */
	    {"max: 11\n", 1, 6, ""},
	    {"max: -1\n", 1, 6, ""},
	    {"max: 1.5\n", 1, 6, ""},
	    {"max: abc\n", 1, 6, ""},
	    {"max: 0x10\n", 1, 6, ""},
	    {"max: 1e1\n", 1, 6, ""},
	    {"max: ''\n", 1, 6, ""},
	    {"max: 5x\n", 1, 6, ""},
	    {"max: 99999999999999999999999\n", 1, 6, ""},
	    {"max: -99999999999999999999999\n", 1, 6, ""},
	    {"max: {a: 1}\n", 1, 6, ""},
	    {"nested:\n  depth: 0\n", 2, 10, ""},
	    {"nested:\n  depth: 10\n", 2, 10, ""},
	    /* doubles: plain decimal, in range */
	    {"threshold: 1.5\n", 1, 12, ""},
	    {"threshold: -0.1\n", 1, 12, ""},
	    {"threshold: abc\n", 1, 12, ""},
	    {"threshold: .nan\n", 1, 12, ""},
	    {"threshold: .inf\n", 1, 12, ""},
	    {"threshold: nan\n", 1, 12, ""},
	    {"threshold: 0.5x\n", 1, 12, ""},
	    {"threshold: [0.5]\n", 1, 12, ""},
	    /* strings, lists, tables */
	    {"lang: [en]\n", 1, 7, ""},
	    {"lang: {a: b}\n", 1, 7, ""},
	    {"words: a\n", 1, 8, ""},
	    {"words: [a, [b]]\n", 0, 0, ""},
	    {"words: [a, {b: c}]\n", 0, 0, ""},
	    {"words: {a: b}\n", 1, 8, ""},
	    {"nested: 3\n", 1, 9, ""},
	    {"nested: [depth]\n", 1, 9, ""},
	};

	return cr_make_param_array(struct apply_err, cases,
	                           sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct apply_err *c, config, apply_errors)
{
	struct pl_cfg_node *root = parse_ok(c->text);
	struct settings s;
	struct pl_error err;

	defaults(&s);
	memset(&err, 0, sizeof(err));
	cr_assert(eq(int, pl_cfg_apply(keys, root, &s, &err), -1),
	          "accepted: %s", c->text);
	cr_expect(not(eq(chr, err.msg[0], '\0')), "no message: %s", c->text);
	if (c->line != 0) {
		cr_expect(eq(ullong, err.line, (unsigned long long)c->line),
		          "%s -> %llu:%lu %s", c->text, err.line, err.col,
		          err.msg);
		cr_expect(eq(ulong, err.col, c->col), "%s -> %llu:%lu %s",
		          c->text, err.line, err.col, err.msg);
	} else {
		cr_expect(err.line >= 1, "%s: no line", c->text);
	}
	if (c->needle[0] != '\0')
		cr_expect(not(eq(ptr, strstr(err.msg, c->needle), NULL)),
		          "message \"%s\" lacks \"%s\"", err.msg, c->needle);
	if (err.file != NULL)
		cr_expect(eq(str, (char *)err.file, "cfg.yaml"));
	pl_cfg_free(root);
}

/* Values that must be accepted. */

struct apply_ok {
	char text[48];
	long max;
	double threshold;
	int strict;
};

ParameterizedTestParameters(config, apply_values)
{
	static struct apply_ok cases[] = {
	    {"max: 0\n", 0, 0.25, -1},
	    {"max: 10\n", 10, 0.25, -1},
	    {"threshold: 1\n", 5, 1.0, -1},
	    {"threshold: 0\n", 5, 0.0, -1},
	    {"threshold: 0.125\n", 5, 0.125, -1},
	    {"strict: false\n", 5, 0.25, 0},
	    {"strict: true\n", 5, 0.25, 1},
	    {"{max: 3, strict: false}\n", 3, 0.25, 0},
	};

	return cr_make_param_array(struct apply_ok, cases,
	                           sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct apply_ok *c, config, apply_values)
{
	struct pl_cfg_node *root = parse_ok(c->text);
	struct settings s;
	struct pl_error err;

	defaults(&s);
	memset(&err, 0, sizeof(err));
	cr_assert(eq(int, pl_cfg_apply(keys, root, &s, &err), 0), "%s: %s",
	          c->text, err.msg);
	cr_expect(eq(long, s.max, c->max));
	cr_expect(eq(dbl, s.threshold, c->threshold));
	cr_expect(eq(int, s.strict, c->strict));
	pl_cfg_free(root);
}

Test(config, apply_to_non_mapping)
{
	struct pl_cfg_node *root = parse_ok("- a\n- b\n");
	struct settings s;
	struct pl_error err;

	defaults(&s);
	memset(&err, 0, sizeof(err));
	cr_assert(eq(int, pl_cfg_apply(keys, root, &s, &err), -1));
	cr_expect(eq(ullong, err.line, 1));
	pl_cfg_free(root);
	root = parse_ok("just a scalar\n");
	cr_assert(eq(int, pl_cfg_apply(keys, root, &s, &err), -1));
	pl_cfg_free(root);
}

Test(config, scalar_converters)
{
	struct pl_cfg_node *root = parse_ok("b: false\ni: -42\nd: 2.5\n"
	                                    "bad: maybe\n");
	struct pl_error err;
	long l = 0;
	double d = 0;
	int b = -1;

	cr_assert(eq(int, pl_cfg_bool(pl_cfg_get(root, "b"), &b, &err), 0));
	cr_expect(eq(int, b, 0));
	cr_assert(eq(int, pl_cfg_long(pl_cfg_get(root, "i"), &l, &err), 0));
	cr_expect(eq(long, l, -42));
	cr_assert(eq(int, pl_cfg_double(pl_cfg_get(root, "d"), &d, &err), 0));
	cr_expect(eq(dbl, d, 2.5));
	cr_assert(eq(int, pl_cfg_double(pl_cfg_get(root, "i"), &d, &err), 0));
	cr_expect(eq(dbl, d, -42.0));
	memset(&err, 0, sizeof(err));
	cr_assert(eq(int, pl_cfg_bool(pl_cfg_get(root, "bad"), &b, &err), -1));
	cr_expect(eq(ullong, err.line, 4));
	cr_expect(eq(ulong, err.col, 6));
	cr_assert(eq(int, pl_cfg_long(pl_cfg_get(root, "d"), &l, &err), -1));
	cr_assert(eq(int, pl_cfg_long(pl_cfg_get(root, "bad"), &l, &err), -1));
	cr_assert(
	    eq(int, pl_cfg_double(pl_cfg_get(root, "bad"), &d, &err), -1));
	pl_cfg_free(root);
}

/* Invalid YAML: the parser's reason and its position. */

struct yaml_err {
	char text[48];
	unsigned long line, col; /* 0 = only check it is set */
};

ParameterizedTestParameters(config, invalid_yaml)
{
	static struct yaml_err cases[] = {
	    {"a: b: c\n", 1, 5},           {"a: [1, 2\nb: 3\n", 0, 0},
	    {"a:\n\tb: 1\n", 2, 0},        {"key: \"unterminated\n", 0, 0},
	    {"a: 1\n  b: 2\n", 2, 0},      {"a: {b: 1\n", 0, 0},
	    {"- a\nb: c\n", 2, 0},         {"a: 'x\n", 0, 0},
	    {"%BOGUS\n---\na: 1\n", 0, 0}, {"a: \x01\n", 1, 0},
	    {"a: \xFF\xFE\n", 0, 0},       {"@a: 1\n", 1, 1},
	};

	return cr_make_param_array(struct yaml_err, cases,
	                           sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct yaml_err *c, config, invalid_yaml)
{
	struct pl_cfg_node *root = NULL;
	struct pl_error err;

	memset(&err, 0, sizeof(err));
	cr_assert(
	    eq(int,
	       pl_cfg_parse(c->text, strlen(c->text), "bad.yaml", &root, &err),
	       -1),
	    "accepted: %s", c->text);
	cr_expect(eq(ptr, root, NULL));
	cr_expect(not(eq(chr, err.msg[0], '\0')));
	if (err.file != NULL)
		cr_expect(eq(str, (char *)err.file, "bad.yaml"));
	if (c->line != 0)
		cr_expect(eq(ullong, err.line, (unsigned long long)c->line),
		          "%s -> %llu:%lu %s", c->text, err.line, err.col,
		          err.msg);
	else
		cr_expect(err.line >= 1, "%s -> %llu:%lu %s", c->text, err.line,
		          err.col, err.msg);
	if (c->col != 0)
		cr_expect(eq(ulong, err.col, c->col), "%s -> %llu:%lu %s",
		          c->text, err.line, err.col, err.msg);
	else
		cr_expect(err.col >= 1);
}

/* Anchors, aliases and non-scalar keys are refused. */

struct refused {
	char text[64];
};

ParameterizedTestParameters(config, refused)
{
	static struct refused cases[] = {
	    {"a: &x 1\nb: *x\n"},
	    {"a: &x [1, 2]\n"},
	    {"base: &b {k: 1}\nother:\n  <<: *b\n"},
	    {"a: !!str 1\nb: &anchor x\n"},
	    {"? [a, b]\n: 1\n"},
	    {"? {a: b}\n: 1\n"},
	    {"{[a]: 1}\n"},
	};

	return cr_make_param_array(struct refused, cases,
	                           sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct refused *c, config, refused)
{
	struct pl_cfg_node *root = NULL;
	struct pl_error err;

	memset(&err, 0, sizeof(err));
	cr_assert(
	    eq(int,
	       pl_cfg_parse(c->text, strlen(c->text), "r.yaml", &root, &err),
	       -1),
	    "accepted: %s", c->text);
	cr_expect(eq(ptr, root, NULL));
	cr_expect(not(eq(chr, err.msg[0], '\0')));
	cr_expect(err.line >= 1, "%s -> %llu:%lu %s", c->text, err.line,
	          err.col, err.msg);
}

/* Merging */

Test(config, merge_maps)
{
	struct pl_cfg_node *base = parse_ok("a: 1\nm:\n  x: 1\n  y: 2\n"
	                                    "l: [1, 2]\ns: {k: v}\n");
	struct pl_cfg_node *over = parse_ok("a: 2\nm:\n  y: 3\n  z: 4\n"
	                                    "l: [3]\nnew: v\ns: plain\n");
	const struct pl_cfg_node *m, *n;
	struct pl_error err;

	memset(&err, 0, sizeof(err));
	cr_assert(eq(int, pl_cfg_merge(base, over, &err), 0), "%s", err.msg);
	n = pl_cfg_get(base, "a");
	cr_assert(not(eq(ptr, (void *)n, NULL)));
	cr_expect(eq(str, n->str, "2"));
	m = pl_cfg_get(base, "m");
	cr_assert(not(eq(ptr, (void *)m, NULL)));
	cr_assert(eq(int, m->kind, PL_CFG_MAP));
	cr_expect(eq(sz, m->n, 3));
	n = pl_cfg_get(m, "x");
	cr_assert(not(eq(ptr, (void *)n, NULL)));
	cr_expect(eq(str, n->str, "1"));
	n = pl_cfg_get(m, "y");
	cr_assert(not(eq(ptr, (void *)n, NULL)));
	cr_expect(eq(str, n->str, "3"));
	n = pl_cfg_get(m, "z");
	cr_assert(not(eq(ptr, (void *)n, NULL)));
	cr_expect(eq(str, n->str, "4"));
	n = pl_cfg_get(base, "l"); /* sequences are replaced, not joined */
	cr_assert(not(eq(ptr, (void *)n, NULL)));
	cr_assert(eq(int, n->kind, PL_CFG_SEQ));
	cr_expect(eq(sz, n->n, 1));
	cr_expect(eq(str, n->items[0].str, "3"));
	n = pl_cfg_get(base, "new");
	cr_assert(not(eq(ptr, (void *)n, NULL)));
	cr_expect(eq(str, n->str, "v"));
	n = pl_cfg_get(base, "s"); /* a map replaced by a scalar */
	cr_assert(not(eq(ptr, (void *)n, NULL)));
	cr_expect(eq(int, n->kind, PL_CFG_SCALAR));
	cr_expect(eq(str, n->str, "plain"));
	pl_cfg_free(over);
	/* Positions of merged values point at the overriding file. */
	n = pl_cfg_get(m, "z");
	cr_expect(eq(ulong, n->line, 4));
	pl_cfg_free(base);
}

/* "over is left empty": it can be looked into and freed afterwards. */
Test(config, merge_leaves_over_empty)
{
	struct pl_cfg_node *base = parse_ok("a: 1\nm: {x: 1}\n");
	struct pl_cfg_node *over = parse_ok("a: 2\nm: {y: 2}\nnew: v\n");
	struct pl_error err;

	cr_assert(eq(int, pl_cfg_merge(base, over, &err), 0));
	cr_expect(eq(ptr, (void *)pl_cfg_get(over, "zzz"), NULL));
	cr_expect(eq(ptr, (void *)pl_cfg_get(over, "new"), NULL));
	cr_expect(eq(sz, over->n, 0));
	pl_cfg_free(over);
	pl_cfg_free(base);
}

Test(config, merge_then_apply)
{
	struct pl_cfg_node *base = parse_ok("max: 1\nlang: de\n"
	                                    "nested: {depth: 4, name: base}\n");
	struct pl_cfg_node *over = parse_ok("max: 9\nnested: {name: over}\n");
	struct settings s;
	struct pl_error err;

	cr_assert(eq(int, pl_cfg_merge(base, over, &err), 0));
	pl_cfg_free(over);
	defaults(&s);
	cr_assert(eq(int, pl_cfg_apply(keys, base, &s, &err), 0), "%s",
	          err.msg);
	cr_expect(eq(long, s.max, 9));
	cr_expect(eq(str, (char *)s.lang, "de"));
	cr_expect(eq(long, s.depth, 4));
	cr_expect(eq(str, (char *)s.name, "over"));
	pl_cfg_free(base);
}

/* Files */

Test(config, load_file)
{
	char path[] = "/tmp/pl-test-config-XXXXXX";
	int fd = mkstemp(path);
	struct pl_cfg_node *root = NULL;
	struct pl_error err;
	const struct pl_cfg_node *n;
	FILE *fp;

	cr_assert(not(eq(int, fd, -1)));
	fp = fdopen(fd, "w");
	cr_assert(not(eq(ptr, fp, NULL)));
	fputs(doc, fp);
	cr_assert(eq(int, fclose(fp), 0));
	memset(&err, 0, sizeof(err));
	cr_assert(eq(int, pl_cfg_load_file(path, &root, &err), 0), "%s",
	          err.msg);
	n = pl_cfg_get(root, "max");
	cr_assert(not(eq(ptr, (void *)n, NULL)));
	cr_expect(eq(str, n->str, "10"));
	cr_expect(eq(ulong, n->line, 4));
	if (n->file != NULL)
		cr_expect(eq(str, (char *)n->file, path));
	pl_cfg_free(root);
	/* An unknown key in a file names the file. */
	fp = fopen(path, "w");
	cr_assert(not(eq(ptr, fp, NULL)));
	fputs("max: 1\n\n  # x\nlangauge: en\n", fp);
	cr_assert(eq(int, fclose(fp), 0));
	cr_assert(eq(int, pl_cfg_load_file(path, &root, &err), 0));
	{
		struct settings s;

		defaults(&s);
		memset(&err, 0, sizeof(err));
		cr_assert(eq(int, pl_cfg_apply(keys, root, &s, &err), -1));
		cr_expect(eq(ullong, err.line, 4));
		cr_expect(eq(ulong, err.col, 1));
		cr_assert(not(eq(ptr, (void *)err.file, NULL)));
		cr_expect(eq(str, (char *)err.file, path));
	}
	pl_cfg_free(root);
	unlink(path);
}

Test(config, load_missing_file)
{
	struct pl_cfg_node *root = NULL;
	struct pl_error err;

	memset(&err, 0, sizeof(err));
	cr_assert(eq(int,
	             pl_cfg_load_file("/nonexistent/pl/cfg.yaml", &root, &err),
	             -1));
	cr_expect(eq(ptr, root, NULL));
	cr_expect(not(eq(chr, err.msg[0], '\0')));
}

Test(config, load_empty_file)
{
	struct pl_cfg_node *root = (struct pl_cfg_node *)1;
	struct pl_error err;

	cr_assert(eq(int, pl_cfg_load_file("/dev/null", &root, &err), 0), "%s",
	          err.msg);
	cr_expect(eq(ptr, root, NULL));
}

/* Truncated input at every length: an error or a tree, never a crash. */
Test(config, every_prefix_no_crash)
{
	size_t len = sizeof(doc) - 1, n;

	for (n = 0; n <= len; n++) {
		struct pl_cfg_node *root = NULL;
		struct pl_error err;
		struct settings s;
		char *copy = malloc(n + 1);
		int r;

		cr_assert(not(eq(ptr, copy, NULL)));
		memcpy(copy, doc, n);
		copy[n] = '\0';
		memset(&err, 0, sizeof(err));
		r = pl_cfg_parse(copy, n, "p.yaml", &root, &err);
		cr_assert(r == 0 || r == -1);
		if (r == 0) {
			defaults(&s);
			(void)pl_cfg_apply(keys, root, &s, &err);
		} else {
			cr_assert(eq(ptr, root, NULL));
			cr_assert(not(eq(chr, err.msg[0], '\0')), "prefix %zu",
			          n);
		}
		pl_cfg_free(root);
		free(copy);
	}
}

/* The text is taken by length: bytes after len are not read. */
Test(config, parse_respects_length)
{
	static const char text[] = "max: 3\nlangauge: x\n";
	struct pl_cfg_node *root = NULL;
	struct pl_error err;
	struct settings s;

	cr_assert(eq(int, pl_cfg_parse(text, 7, "l.yaml", &root, &err), 0));
	defaults(&s);
	cr_assert(eq(int, pl_cfg_apply(keys, root, &s, &err), 0), "%s",
	          err.msg);
	cr_expect(eq(long, s.max, 3));
	pl_cfg_free(root);
}

/* Deep nesting: an error or a tree, never a stack overflow. */
static void
check_deep(size_t depth, const char *open, const char *close)
{
	size_t lo = strlen(open), lc = strlen(close), i, used = 0;
	size_t len = 3 + depth * (lo + lc) + 2;
	char *text = malloc(len + 1);
	struct pl_cfg_node *root = NULL;
	struct pl_error err;
	int r;

	cr_assert(not(eq(ptr, text, NULL)));
	memcpy(text, "a: ", 3);
	used = 3;
	for (i = 0; i < depth; i++, used += lo)
		memcpy(text + used, open, lo);
	text[used++] = '1';
	for (i = 0; i < depth; i++, used += lc)
		memcpy(text + used, close, lc);
	text[used++] = '\n';
	text[used] = '\0';
	r = pl_cfg_parse(text, used, "deep.yaml", &root, &err);
	cr_assert(r == 0 || r == -1);
	pl_cfg_free(root);
	free(text);
}

Test(config, deep_nesting_no_crash)
{
	/* libyaml's flow scanner is quadratic in the depth, so stay at a
	 * depth that is deep for a C stack but quick to scan. */
	check_deep(3000, "[", "]");
	check_deep(3000, "{k: ", "}");
}

Test(config, large_document)
{
	char *text;
	size_t cap = 2 * 1024 * 1024, used = 0, i;
	struct pl_cfg_node *root = NULL;
	struct pl_error err;
	const struct pl_cfg_node *n;

	text = malloc(cap);
	cr_assert(not(eq(ptr, text, NULL)));
	used += (size_t)snprintf(text + used, cap - used, "list:\n");
	for (i = 0; i < 50000; i++)
		used += (size_t)snprintf(text + used, cap - used,
		                         "  - item%zu\n", i);
	used += (size_t)snprintf(text + used, cap - used, "end: yes\n");
	cr_assert(
	    eq(int, pl_cfg_parse(text, used, "big.yaml", &root, &err), 0));
	n = pl_cfg_get(root, "list");
	cr_assert(not(eq(ptr, (void *)n, NULL)));
	cr_expect(eq(sz, n->n, 50000));
	cr_expect(eq(str, n->items[49999].str, "item49999"));
	cr_expect(eq(ulong, n->items[49999].line, 50001));
	pl_cfg_free(root);
	free(text);
}

Test(config, library_version)
{
	const char *v = pl_cfg_library_version();

	cr_assert(not(eq(ptr, (void *)v, NULL)));
	cr_expect(eq(int, strncmp(v, "0.", 2), 0));
}
