/*
 * config.h - YAML configuration: built-in defaults plus --config FILE.
 *
 * A YAML document is loaded (libyaml document API) into a tree of
 * struct pl_cfg_node.  A tool describes its settings with a key table;
 * pl_cfg_apply() walks a mapping with that table, converts and range-
 * checks every value, and rejects unknown keys with their position.
 * Types are resolved here, not by YAML 1.1 guessing: booleans are
 * true/false only, integers decimal, numbers plain decimal.
 *
 * Memory: pl_cfg_parse returns a tree the caller frees with
 * pl_cfg_free.  Values stored by pl_cfg_apply (strings, node pointers)
 * point into the tree and live as long as it does.
 */
#ifndef PL_CONFIG_H
#define PL_CONFIG_H

#include <stddef.h>

#include "pressline.h"

enum pl_cfg_kind { PL_CFG_SCALAR, PL_CFG_SEQ, PL_CFG_MAP };

struct pl_cfg_node {
	enum pl_cfg_kind kind;
	char *str; /* scalar text (NUL-terminated) */
	size_t len;
	size_t n;                  /* items of a sequence, pairs of a map */
	char **keys;               /* map keys */
	struct pl_cfg_node *items; /* sequence items or map values */
	const char *file;
	unsigned long line, col;         /* 1-based */
	unsigned long key_line, key_col; /* of the key naming this value */
};

/*
 * Parse text (len bytes) as one YAML document named name (for messages).
 * An empty document gives *root = NULL.  Returns 0, or -1 with err set
 * to the position and the parser's reason.  The caller owns *root.
 * Keys must be scalars; anchors and aliases are refused.
 */
int pl_cfg_parse(const char *text, size_t len, const char *name,
                 struct pl_cfg_node **root, struct pl_error *err);

/* Same, reading the file at path. */
int pl_cfg_load_file(const char *path, struct pl_cfg_node **root,
                     struct pl_error *err);

/* Free a tree.  NULL is a no-op. */
void pl_cfg_free(struct pl_cfg_node *root);

/* Return the value of key in map, or NULL (map may be NULL). */
const struct pl_cfg_node *pl_cfg_get(const struct pl_cfg_node *map,
                                     const char *key);

/*
 * Merge over into base: mappings are merged key by key (recursively),
 * anything else in over replaces what base had.  over is left empty.
 * Returns 0, or -1 when memory runs out.
 */
int pl_cfg_merge(struct pl_cfg_node *base, struct pl_cfg_node *over,
                 struct pl_error *err);

enum pl_cfg_type {
	PL_CFG_BOOL,   /* int: true/false */
	PL_CFG_INT,    /* long, within [min, max] */
	PL_CFG_DOUBLE, /* double, within [min, max] */
	PL_CFG_STRING, /* const char * into the tree */
	PL_CFG_LIST,   /* const struct pl_cfg_node *: sequence of scalars */
	PL_CFG_NODE, /* const struct pl_cfg_node *: any value, tool walks it */
	PL_CFG_TABLE /* nested mapping described by sub */
};

struct pl_cfg_key {
	const char *name;
	enum pl_cfg_type type;
	size_t offset;                /* where in the settings struct */
	double min, max;              /* range for INT and DOUBLE */
	const struct pl_cfg_key *sub; /* for TABLE; offsets in same struct */
};

/*
 * Store the values of map (a mapping, or NULL for nothing) into the
 * struct at base as the NULL-name-terminated table keys describes.
 * Returns 0, or -1 with err at the offending key or value.
 */
int pl_cfg_apply(const struct pl_cfg_key *keys, const struct pl_cfg_node *map,
                 void *base, struct pl_error *err);

/* Convert a scalar node; return 0 or -1 with err at the node. */
int pl_cfg_bool(const struct pl_cfg_node *n, int *out, struct pl_error *err);
int pl_cfg_long(const struct pl_cfg_node *n, long *out, struct pl_error *err);
int pl_cfg_double(const struct pl_cfg_node *n, double *out,
                  struct pl_error *err);

/* The libyaml version the program runs with, e.g. "0.2.5". */
const char *pl_cfg_library_version(void);

#endif
