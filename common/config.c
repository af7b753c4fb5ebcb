/*
 * config.c - YAML settings through libyaml's document API.
 *
 * The built-in defaults (the tool's YAML files, embedded at build time)
 * are loaded first, then the file named by --config is merged over them;
 * command-line options are applied last by the tool.  Nothing is looked
 * up implicitly (cron has another $HOME).
 *
 * The loaded document is copied into a small tree of our own so that it
 * can be merged and kept after the libyaml document is deleted.  Scalars
 * are typed by the key table, not by YAML 1.1 rules: "yes" is not a
 * boolean and "010" is ten.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "config.h"

static void
free_node(struct pl_cfg_node *n)
{
	size_t i;

	if (n == NULL)
		return;
	free(n->str);
	for (i = 0; i < n->n; i++) {
		if (n->keys != NULL)
			free(n->keys[i]);
		if (n->items != NULL)
			free_node(&n->items[i]);
	}
	free(n->keys);
	free(n->items);
	memset(n, 0, sizeof(*n));
}

void
pl_cfg_free(struct pl_cfg_node *root)
{
	if (root == NULL)
		return;
	free_node(root);
	free(root);
}

static char *
dupmem(const void *s, size_t n)
{
	char *p = malloc(n + 1);

	if (p != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

static int
copy_node(yaml_document_t *doc, yaml_node_t *y, struct pl_cfg_node *n,
          const char *name, int depth, struct pl_error *err)
{
	size_t i, count;

	memset(n, 0, sizeof(*n));
	n->file = name;
	n->line = (unsigned long)y->start_mark.line + 1;
	n->col = (unsigned long)y->start_mark.column + 1;
	if (depth > 64)
		return pl_error_set_at(err, name, n->line, n->col,
		                       "nesting too deep");
	if (y->tag != NULL &&
	    strncmp((const char *)y->tag, "tag:yaml.org", 12) != 0)
		return pl_error_set_at(err, name, n->line, n->col,
		                       "tags are not supported");
	switch (y->type) {
	case YAML_SCALAR_NODE:
		n->kind = PL_CFG_SCALAR;
		n->len = y->data.scalar.length;
		n->str = dupmem(y->data.scalar.value, n->len);
		if (n->str == NULL)
			return pl_error_set(err, "out of memory");
		return 0;
	case YAML_SEQUENCE_NODE:
		n->kind = PL_CFG_SEQ;
		count = (size_t)(y->data.sequence.items.top -
		                 y->data.sequence.items.start);
		if (count == 0)
			return 0;
		n->items = calloc(count, sizeof(*n->items));
		if (n->items == NULL)
			return pl_error_set(err, "out of memory");
		for (i = 0; i < count; i++) {
			yaml_node_t *c = yaml_document_get_node(
			    doc, y->data.sequence.items.start[i]);
			n->n = i + 1;
			if (c == NULL || copy_node(doc, c, &n->items[i], name,
			                           depth + 1, err) < 0)
				return -1;
		}
		return 0;
	case YAML_MAPPING_NODE:
		n->kind = PL_CFG_MAP;
		count = (size_t)(y->data.mapping.pairs.top -
		                 y->data.mapping.pairs.start);
		if (count == 0)
			return 0;
		n->items = calloc(count, sizeof(*n->items));
		n->keys = calloc(count, sizeof(*n->keys));
		if (n->items == NULL || n->keys == NULL)
			return pl_error_set(err, "out of memory");
		for (i = 0; i < count; i++) {
			yaml_node_pair_t *pair =
			    &y->data.mapping.pairs.start[i];
			yaml_node_t *k = yaml_document_get_node(doc, pair->key);
			yaml_node_t *v =
			    yaml_document_get_node(doc, pair->value);
			size_t j;

			n->n = i + 1;
			if (k == NULL || v == NULL)
				return pl_error_set(err, "broken document");
			if (k->type != YAML_SCALAR_NODE)
				return pl_error_set_at(
				    err, name,
				    (unsigned long)k->start_mark.line + 1,
				    (unsigned long)k->start_mark.column + 1,
				    "keys must be plain words");
			n->keys[i] =
			    dupmem(k->data.scalar.value, k->data.scalar.length);
			if (n->keys[i] == NULL)
				return pl_error_set(err, "out of memory");
			for (j = 0; j < i; j++)
				if (strcmp(n->keys[j], n->keys[i]) == 0)
					return pl_error_set_at(
					    err, name,
					    (unsigned long)k->start_mark.line +
					        1,
					    (unsigned long)
					            k->start_mark.column +
					        1,
					    "duplicate key \"%s\"", n->keys[i]);
			if (copy_node(doc, v, &n->items[i], name, depth + 1,
			              err) < 0)
				return -1;
			n->items[i].key_line =
			    (unsigned long)k->start_mark.line + 1;
			n->items[i].key_col =
			    (unsigned long)k->start_mark.column + 1;
		}
		return 0;
	default:
		return pl_error_set_at(err, name, n->line, n->col,
		                       "empty node");
	}
}

/*
 * Aliases are refused: a "billion laughs" document would otherwise
 * expand without bound in copy_node.  The event-free way to spot them
 * is the parser's token stream, so scan tokens before loading.
 */
static int
refuse_aliases(const char *text, size_t len, const char *name,
               struct pl_error *err)
{
	yaml_parser_t parser;
	yaml_token_t tok;
	int r = 0, done = 0;

	if (!yaml_parser_initialize(&parser))
		return pl_error_set(err, "out of memory");
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	while (!done) {
		if (!yaml_parser_scan(&parser, &tok)) {
			r = 0; /* the loader reports syntax errors */
			break;
		}
		if (tok.type == YAML_ALIAS_TOKEN ||
		    tok.type == YAML_ANCHOR_TOKEN) {
			r = pl_error_set_at(
			    err, name, (unsigned long)tok.start_mark.line + 1,
			    (unsigned long)tok.start_mark.column + 1,
			    "anchors and aliases are not supported");
			done = 1;
		}
		if (tok.type == YAML_STREAM_END_TOKEN)
			done = 1;
		yaml_token_delete(&tok);
	}
	yaml_parser_delete(&parser);
	return r;
}

int
pl_cfg_parse(const char *text, size_t len, const char *name,
             struct pl_cfg_node **root, struct pl_error *err)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *top;
	struct pl_cfg_node *n;
	int r = 0;

	*root = NULL;
	if (len > 0 && memchr(text, '\0', len) != NULL)
		return pl_error_set_at(err, name, 0, 0, "NUL byte in file");
	if (refuse_aliases(text, len, name, err) < 0)
		return -1;
	if (!yaml_parser_initialize(&parser))
		return pl_error_set(err, "out of memory");
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		r = pl_error_set_at(
		    err, name, (unsigned long)parser.problem_mark.line + 1,
		    (unsigned long)parser.problem_mark.column + 1, "%s",
		    parser.problem ? parser.problem : "invalid YAML");
		yaml_parser_delete(&parser);
		return r;
	}
	top = yaml_document_get_root_node(&doc);
	if (top != NULL) {
		n = calloc(1, sizeof(*n));
		if (n == NULL)
			r = pl_error_set(err, "out of memory");
		else if (copy_node(&doc, top, n, name, 0, err) < 0) {
			pl_cfg_free(n);
			r = -1;
		} else if (n->kind == PL_CFG_SCALAR && n->len == 0) {
			pl_cfg_free(n); /* "~" or "" : an empty file */
		} else
			*root = n;
	}
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return r;
}

int
pl_cfg_load_file(const char *path, struct pl_cfg_node **root,
                 struct pl_error *err)
{
	FILE *fp;
	char *text = NULL;
	size_t len = 0, cap = 0, n;
	int r;

	*root = NULL;
	if ((fp = fopen(path, "rb")) == NULL)
		return pl_error_set(err, "%s: %s", path, strerror(errno));
	for (;;) {
		if (cap - len < 4096) {
			char *p = realloc(text, cap ? cap * 2 : 8192);
			if (p == NULL) {
				free(text);
				fclose(fp);
				return pl_error_set(err, "out of memory");
			}
			text = p;
			cap = cap ? cap * 2 : 8192;
		}
		n = fread(text + len, 1, cap - len, fp);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		free(text);
		fclose(fp);
		return pl_error_set(err, "%s: read error", path);
	}
	fclose(fp);
	r = pl_cfg_parse(text, len, path, root, err);
	free(text);
	return r;
}

const struct pl_cfg_node *
pl_cfg_get(const struct pl_cfg_node *map, const char *key)
{
	size_t i;

	if (map == NULL || map->kind != PL_CFG_MAP)
		return NULL;
	for (i = 0; i < map->n; i++)
		if (strcmp(map->keys[i], key) == 0)
			return &map->items[i];
	return NULL;
}

int
pl_cfg_merge(struct pl_cfg_node *base, struct pl_cfg_node *over,
             struct pl_error *err)
{
	size_t i, j;

	if (base->kind != PL_CFG_MAP || over->kind != PL_CFG_MAP) {
		free_node(base);
		*base = *over;
		memset(over, 0, sizeof(*over));
		return 0;
	}
	for (i = 0; i < over->n; i++) {
		for (j = 0; j < base->n; j++)
			if (strcmp(base->keys[j], over->keys[i]) == 0)
				break;
		if (j < base->n) {
			if (pl_cfg_merge(&base->items[j], &over->items[i],
			                 err) < 0)
				return -1;
			continue;
		}
		{
			char **k =
			    realloc(base->keys, (base->n + 1) * sizeof(*k));
			struct pl_cfg_node *it;

			if (k == NULL)
				return pl_error_set(err, "out of memory");
			base->keys = k;
			it = realloc(base->items, (base->n + 1) * sizeof(*it));
			if (it == NULL)
				return pl_error_set(err, "out of memory");
			base->items = it;
			base->keys[base->n] = over->keys[i];
			base->items[base->n] = over->items[i];
			over->keys[i] = NULL;
			memset(&over->items[i], 0, sizeof(over->items[i]));
			base->n++;
		}
	}
	free_node(over); /* what was not moved is merged: over is empty */
	return 0;
}

static int
bad(const struct pl_cfg_node *n, struct pl_error *err, const char *what)
{
	return pl_error_set_at(err, n->file, n->line, n->col, "%s", what);
}

int
pl_cfg_bool(const struct pl_cfg_node *n, int *out, struct pl_error *err)
{
	if (n->kind == PL_CFG_SCALAR && strcmp(n->str, "true") == 0)
		*out = 1;
	else if (n->kind == PL_CFG_SCALAR && strcmp(n->str, "false") == 0)
		*out = 0;
	else
		return bad(n, err, "expected true or false");
	return 0;
}

int
pl_cfg_long(const struct pl_cfg_node *n, long *out, struct pl_error *err)
{
	char *end;
	long v;
	size_t i = 0;

	if (n->kind != PL_CFG_SCALAR || n->len == 0)
		return bad(n, err, "expected an integer");
	if (n->str[0] == '-' || n->str[0] == '+')
		i = 1;
	if (i >= n->len)
		return bad(n, err, "expected an integer");
	for (; i < n->len; i++)
		if (n->str[i] < '0' || n->str[i] > '9')
			return bad(n, err, "expected an integer");
	errno = 0;
	v = strtol(n->str, &end, 10);
	if (errno == ERANGE)
		return bad(n, err, "integer out of range");
	*out = v;
	return 0;
}

int
pl_cfg_double(const struct pl_cfg_node *n, double *out, struct pl_error *err)
{
	size_t i = 0;
	int digits = 0, dot = 0;

	/* plain decimal only: [-+]digits[.digits] */
	if (n->kind != PL_CFG_SCALAR || n->len == 0)
		return bad(n, err, "expected a number");
	if (n->str[0] == '-' || n->str[0] == '+')
		i = 1;
	for (; i < n->len; i++) {
		if (n->str[i] >= '0' && n->str[i] <= '9')
			digits++;
		else if (n->str[i] == '.' && !dot)
			dot = 1;
		else
			return bad(n, err, "expected a number");
	}
	if (digits == 0)
		return bad(n, err, "expected a number");
	*out = strtod(n->str, NULL);
	return 0;
}

static int
apply_one(const struct pl_cfg_key *k, const struct pl_cfg_node *v, char *base,
          struct pl_error *err)
{
	long l;
	double d;
	size_t i;

	switch (k->type) {
	case PL_CFG_BOOL:
		return pl_cfg_bool(v, (int *)(void *)(base + k->offset), err);
	case PL_CFG_INT:
		if (pl_cfg_long(v, &l, err) < 0)
			return -1;
		if ((double)l < k->min || (double)l > k->max)
			return pl_error_set_at(
			    err, v->file, v->line, v->col,
			    "%s must be between %.0f and %.0f", k->name, k->min,
			    k->max);
		*(long *)(void *)(base + k->offset) = l;
		return 0;
	case PL_CFG_DOUBLE:
		if (pl_cfg_double(v, &d, err) < 0)
			return -1;
		if (d < k->min || d > k->max)
			return pl_error_set_at(err, v->file, v->line, v->col,
			                       "%s must be between %g and %g",
			                       k->name, k->min, k->max);
		*(double *)(void *)(base + k->offset) = d;
		return 0;
	case PL_CFG_STRING:
		if (v->kind != PL_CFG_SCALAR)
			return bad(v, err, "expected a string");
		*(const char **)(void *)(base + k->offset) = v->str;
		return 0;
	case PL_CFG_LIST:
		if (v->kind == PL_CFG_SCALAR && v->len == 0) {
			*(const struct pl_cfg_node **)(void *)(base +
			                                       k->offset) =
			    NULL; /* "key:" = empty list */
			return 0;
		}
		if (v->kind != PL_CFG_SEQ)
			return bad(v, err, "expected a list");
		for (i = 0; i < v->n; i++)
			if (v->items[i].kind != PL_CFG_SCALAR)
				return bad(&v->items[i], err,
				           "expected a plain list item");
		*(const struct pl_cfg_node **)(void *)(base + k->offset) = v;
		return 0;
	case PL_CFG_NODE:
		*(const struct pl_cfg_node **)(void *)(base + k->offset) = v;
		return 0;
	case PL_CFG_TABLE:
		if (v->kind == PL_CFG_SCALAR && v->len == 0)
			return 0;
		return pl_cfg_apply(k->sub, v, base, err);
	}
	return bad(v, err, "bad key table");
}

int
pl_cfg_apply(const struct pl_cfg_key *keys, const struct pl_cfg_node *map,
             void *base, struct pl_error *err)
{
	const struct pl_cfg_key *k;
	size_t i;

	if (map == NULL)
		return 0;
	if (map->kind != PL_CFG_MAP)
		return bad(map, err, "expected a mapping of settings");
	for (i = 0; i < map->n; i++) {
		for (k = keys; k->name != NULL; k++)
			if (strcmp(k->name, map->keys[i]) == 0)
				break;
		if (k->name == NULL) {
			const struct pl_cfg_node *v = &map->items[i];
			return pl_error_set_at(err, v->file, v->key_line,
			                       v->key_col, "unknown key \"%s\"",
			                       map->keys[i]);
		}
		if (apply_one(k, &map->items[i], base, err) < 0)
			return -1;
	}
	return 0;
}

const char *
pl_cfg_library_version(void)
{
	return yaml_get_version_string();
}
