/*
 * dedup-lines - drop repeated lines or JSONL records, keeping the first.
 *
 *	dedup-lines dump.txt > unique.txt
 *	dedup-lines -k text --near --state seen.db new.jsonl > fresh.jsonl
 *
 * Each record's key (the whole line in text mode, the -k member in JSONL)
 * is normalised (--normalize) and fingerprinted with a 128-bit hash; a
 * record whose fingerprint was seen before is dropped.  With --near, a
 * record that is not an exact repeat is also tested for shingle
 * containment in the records kept so far (dd_near.c).  Records are
 * written exactly as read.  --state keeps the seen set between runs
 * (dd_state.c), --shard and --emit-key split the work across machines,
 * --sorted is the constant-memory reducer for sorted input.
 *
 * --order-key FIELD makes "first" a total order, independent of input
 * order: every record is held until the end of input, the records are
 * sorted by (FIELD, then the record's bytes) and only then deduplicated
 * and written, in that order.  So any split of the input into shards or
 * nights, in any order, run through dedup-lines --order-key and the
 * outputs run through it once more, gives the serial output byte for
 * byte.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"
#include "dd_near.h"
#include "dd_norm.h"
#include "dd_set.h"
#include "dd_state.h"
#include "hash.h"
#include "json.h"
#include "pressline.h"
#include "run.h"
#include "utf8.h"

extern const char dedup_lines_defaults[];
extern const size_t dedup_lines_defaults_len;

/* The fixed seed of the fingerprint hash: part of the state format. */
#define DD_SEED 0x7072657373UL

enum {
	OPT_NORMALIZE = 1000,
	OPT_NEAR,
	OPT_SHINGLE,
	OPT_CHARS,
	OPT_MEMORY,
	OPT_STATE,
	OPT_STATE_MAX_AGE,
	OPT_STATE_GENERATIONS,
	OPT_SHARD,
	OPT_EMIT_KEY,
	OPT_SORTED,
	OPT_INVERT,
	OPT_EXPLAIN,
	OPT_ORDER_KEY
};

static const struct option longopts[] = {
    {"chars", no_argument, NULL, OPT_CHARS},
    {"count", no_argument, NULL, 'c'},
    {"emit-key", no_argument, NULL, OPT_EMIT_KEY},
    {"explain", no_argument, NULL, OPT_EXPLAIN},
    {"invert", no_argument, NULL, OPT_INVERT},
    {"memory", required_argument, NULL, OPT_MEMORY},
    {"near", optional_argument, NULL, OPT_NEAR},
    {"normalize", required_argument, NULL, OPT_NORMALIZE},
    {"order-key", required_argument, NULL, OPT_ORDER_KEY},
    {"shard", required_argument, NULL, OPT_SHARD},
    {"shingle", required_argument, NULL, OPT_SHINGLE},
    {"sorted", no_argument, NULL, OPT_SORTED},
    {"state", required_argument, NULL, OPT_STATE},
    {"state-generations", required_argument, NULL, OPT_STATE_GENERATIONS},
    {"state-max-age", required_argument, NULL, OPT_STATE_MAX_AGE},
    {NULL, 0, NULL, 0}};

static const char options_help[] =
    "  -c, --count            print each kept record once at the end,\n"
    "                         with its number of occurrences\n"
    "      --chars            near: characters are tokens (CJK, Thai)\n"
    "      --emit-key         write KEY<TAB>record (KEY: 32 hex digits)\n"
    "      --explain          tell on stderr what each dropped record\n"
    "                         repeats\n"
    "      --invert           write the dropped records instead (JSONL:\n"
    "                         with a \"dup_of\" member)\n"
    "      --memory=SIZE      cap the seen set (e.g. 512M); past it a\n"
    "                         Bloom filter may drop a few unseen keys;\n"
    "                         with --near, 3/4 of SIZE caps the shingle\n"
    "                         index, which then forgets the oldest records\n"
    "      --near[=T]         also drop near duplicates: records with at\n"
    "                         least T of their shingles in one kept record\n"
    "                         (default 0.5)\n"
    "      --normalize=STEPS  nfkc,case,space,punct,quotes, all or none\n"
    "                         (default none: exact bytes)\n"
    "      --order-key=FIELD  the record with the smallest FIELD (number\n"
    "                         or string; then its bytes) is the first:\n"
    "                         holds records to the end of input and\n"
    "                         writes them in that order\n"
    "      --shard=I/N        keep only keys of shard I (0 <= I < N)\n"
    "      --shingle=N        tokens per shingle for --near (default 5)\n"
    "      --sorted           input is grouped by key: constant memory\n"
    "      --state=FILE       remember keys across runs in FILE\n"
    "      --state-generations=N  keep the keys of the last N runs\n"
    "      --state-max-age=AGE    forget keys older than AGE (30d, 12h)\n";

/* A record kept this run, for -c, --invert and --explain. */
struct kept {
	size_t id_off, raw_off, raw_len;
	uint32_t id_len;
	unsigned long long count;
};

/* Exact mode without tracking works in batches of BATCH records: each
 * record's home slot is prefetched when it arrives and looked up when
 * the batch is full, so the memory latency of the lookups overlaps. */
#define BATCH 32

struct pending {
	struct pl_hash128 fp;
	size_t off, len;
};

/* A record held for --order-key: its bytes live in struct dd's okpool
 * at off: raw line, key text, id, order value (a string's text). */
struct okrec {
	size_t off, rawlen, keylen, vallen;
	uint32_t idlen;
	int cls; /* 0 number, 1 string, 2 missing or another type */
	double num;
	const char *name; /* the input's name (lives as long as the run) */
	unsigned long long lineno;
	unsigned char has_text, is_json;
};

struct idslot {
	struct pl_hash128 fp; /* all-zero = empty */
	uint32_t kept;
};

struct dd {
	/* settings (config table offsets point here) */
	const char *normalize_s;
	int near;
	double threshold;
	long shingle;
	const char *memory_s;
	/* options */
	int steps, chars, count, emit_key, sorted, invert, explain;
	size_t memory;
	const char *state_path;
	int64_t max_age;
	long max_gens;
	const char *order_key;
	unsigned long shard_i, shard_n;
	/* run */
	struct pl_run *run;
	struct dd_set set;
	struct dd_near nearidx;
	struct dd_state st;
	int have_state;
	struct dd_settings cfg;
	struct pl_buf norm, canon, out, idbuf, pool;
	struct pl_hash128 prev;
	int have_prev;
	/* kept records and fingerprint -> kept index (-c, --invert,
	 * --explain only) */
	int track;
	struct kept *kept;
	size_t nkept, capkept;
	struct idslot *ids;
	size_t idmask, nids;
	long *near2kept;
	size_t capn2k;
	/* batch of pending records (exact mode) */
	int batching;
	struct pending batch[BATCH];
	size_t nbatch;
	struct pl_buf braw;
	/* records held for --order-key */
	struct okrec *ok;
	size_t nok, capok;
	struct pl_buf okpool, okscratch;
	struct pl_json_object okobj;
	int ok_winners; /* exact mode: only the best record of each key */
	size_t okwaste; /* bytes of records that lost their place */
	/* counts */
	long long ndup, nnear, nloaded;
};

static const struct pl_cfg_key config_keys[] = {
    {"normalize", PL_CFG_STRING, offsetof(struct dd, normalize_s), 0, 0, NULL},
    {"near", PL_CFG_BOOL, offsetof(struct dd, near), 0, 0, NULL},
    {"near_threshold", PL_CFG_DOUBLE, offsetof(struct dd, threshold), 0.01, 1.0,
     NULL},
    {"shingle", PL_CFG_INT, offsetof(struct dd, shingle), 1, 64, NULL},
    {"memory", PL_CFG_STRING, offsetof(struct dd, memory_s), 0, 0, NULL},
    {NULL, PL_CFG_BOOL, 0, 0, 0, NULL}};

/* Parse "512M", "2G", "100000" (bytes); returns 0 or -1. */
static int
parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;
	unsigned shift = 0;

	errno = 0;
	if (*s < '0' || *s > '9')
		return -1;
	v = strtoull(s, &end, 10);
	if (errno != 0)
		return -1;
	switch (*end) {
	case 'k':
	case 'K':
		shift = 10;
		end++;
		break;
	case 'm':
	case 'M':
		shift = 20;
		end++;
		break;
	case 'g':
	case 'G':
		shift = 30;
		end++;
		break;
	case 't':
	case 'T':
		shift = 40;
		end++;
		break;
	default:
		break;
	}
	if (*end == 'i' && shift != 0)
		end++;
	if (*end == 'B' || *end == 'b')
		end++;
	if (*end != '\0' || (shift && v > (SIZE_MAX >> shift)))
		return -1;
	*out = (size_t)(v << shift);
	return 0;
}

/* Parse "30d", "12h", "90m", "3600s" or "3600"; returns 0 or -1. */
static int
parse_age(const char *s, int64_t *out)
{
	char *end;
	long long v;
	int64_t mul = 1;

	errno = 0;
	if (*s < '0' || *s > '9')
		return -1;
	v = strtoll(s, &end, 10);
	if (errno != 0)
		return -1;
	switch (*end) {
	case 's':
		mul = 1;
		end++;
		break;
	case 'm':
		mul = 60;
		end++;
		break;
	case 'h':
		mul = 3600;
		end++;
		break;
	case 'd':
		mul = 86400;
		end++;
		break;
	case 'w':
		mul = 7 * 86400;
		end++;
		break;
	default:
		break;
	}
	if (*end != '\0' || v > INT64_MAX / mul)
		return -1;
	*out = (int64_t)v * mul;
	return 0;
}

static int
parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int
option(void *state, int opt, const char *arg, struct pl_error *err)
{
	struct dd *d = state;
	const char *bad = NULL;
	long v;
	char *end;

	switch (opt) {
	case 'c':
		d->count = 1;
		break;
	case OPT_CHARS:
		d->chars = 1;
		break;
	case OPT_EMIT_KEY:
		d->emit_key = 1;
		break;
	case OPT_EXPLAIN:
		d->explain = 1;
		break;
	case OPT_INVERT:
		d->invert = 1;
		break;
	case OPT_MEMORY:
		d->memory_s = arg;
		break;
	case OPT_NEAR:
		d->near = 1;
		if (arg != NULL) {
			errno = 0;
			d->threshold = strtod(arg, &end);
			if (errno != 0 || end == arg || *end != '\0' ||
			    !(d->threshold > 0.0 && d->threshold <= 1.0))
				return pl_error_set(err,
				                    "bad --near threshold "
				                    "'%s' (a number in (0, 1])",
				                    arg);
		}
		break;
	case OPT_NORMALIZE:
		if (dd_norm_parse(arg, &d->steps, &bad) < 0)
			return pl_error_set(
			    err,
			    "unknown normalization step "
			    "in '%s' (nfkc, case, space, punct, quotes, all, "
			    "none)",
			    arg);
		d->normalize_s = NULL;
		break;
	case OPT_ORDER_KEY:
		if (*arg == '\0')
			return pl_error_set(err, "empty --order-key");
		d->order_key = arg;
		break;
	case OPT_SHARD: {
		unsigned long i, n;
		i = strtoul(arg, &end, 10);
		if (end == arg || *end != '/')
			return pl_error_set(err, "bad --shard '%s' (I/N)", arg);
		n = strtoul(end + 1, &end, 10);
		if (*end != '\0' || n == 0 || i >= n)
			return pl_error_set(err,
			                    "bad --shard '%s' (I/N with "
			                    "0 <= I < N)",
			                    arg);
		d->shard_i = i;
		d->shard_n = n;
		break;
	}
	case OPT_SHINGLE:
		if (parse_long(arg, 1, 64, &d->shingle) < 0)
			return pl_error_set(err,
			                    "bad --shingle '%s' (1 to "
			                    "64)",
			                    arg);
		break;
	case OPT_SORTED:
		d->sorted = 1;
		break;
	case OPT_STATE:
		d->state_path = arg;
		break;
	case OPT_STATE_GENERATIONS:
		if (parse_long(arg, 1, 1000000, &v) < 0)
			return pl_error_set(err,
			                    "bad --state-generations "
			                    "'%s' (1 to 1000000)",
			                    arg);
		d->max_gens = v;
		break;
	case OPT_STATE_MAX_AGE:
		if (parse_age(arg, &d->max_age) < 0 || d->max_age == 0)
			return pl_error_set(err,
			                    "bad --state-max-age '%s' "
			                    "(e.g. 30d, 12h, 90m, 3600s)",
			                    arg);
		break;
	default:
		return pl_error_set(err, "unknown option");
	}
	return 0;
}

static int
start(void *state, struct pl_run *run, struct pl_error *err)
{
	struct dd *d = state;
	const struct pl_opts *o = pl_run_opts(run);

	d->run = run;
	if (d->normalize_s != NULL &&
	    dd_norm_parse(d->normalize_s, &d->steps, NULL) < 0)
		return pl_error_set(err, "bad normalize setting '%s'",
		                    d->normalize_s);
	if (d->memory_s != NULL && parse_size(d->memory_s, &d->memory) < 0) {
		pl_error_set(err, "bad --memory '%s' (e.g. 512M, 2G)",
		             d->memory_s);
		return PL_START_USAGE;
	}
	if (d->sorted && (d->near || d->state_path || d->count)) {
		pl_error_set(err, "--sorted works on one group at a "
		                  "time: not with --near, --state or --count");
		return PL_START_USAGE;
	}
	if (d->sorted && d->order_key) {
		pl_error_set(err, "--sorted and --order-key: the input order "
		                  "is either given or chosen, not both");
		return PL_START_USAGE;
	}
	if (d->count && (d->invert || d->emit_key)) {
		pl_error_set(err, "--count goes with neither --invert "
		                  "nor --emit-key");
		return PL_START_USAGE;
	}
	if (!d->state_path && (d->max_age || d->max_gens)) {
		pl_error_set(err, "--state-max-age and "
		                  "--state-generations need --state");
		return PL_START_USAGE;
	}
	/* With --near the shingles take far more room than fingerprints
	 * (some 6 KB against 40 bytes an article): 3/4 of the cap is
	 * theirs. */
	dd_set_init(&d->set, d->near && d->memory ? d->memory / 4 : d->memory);
	dd_near_init(&d->nearidx, (int)d->shingle, d->chars, d->threshold);
	if (d->near)
		dd_near_cap(&d->nearidx, d->memory / 4 * 3);
	d->track = d->count || d->invert || d->explain;
	d->ok_winners = d->order_key != NULL && !d->near && !d->track;
	d->batching = !d->track && !d->near && !d->sorted && !o->unbuffered;
	d->cfg.key = o->key;
	d->cfg.steps = d->steps;
	d->cfg.near = d->near;
	d->cfg.shingle = (int)d->shingle;
	d->cfg.chars = d->chars;
	if (d->state_path != NULL) {
		if (dd_state_open(&d->st, d->state_path, &d->cfg, d->max_age,
		                  d->max_gens, &d->set,
		                  d->near ? &d->nearidx : NULL, err) < 0)
			return -1;
		d->have_state = 1;
		d->nloaded = (long long)d->st.loaded_fp;
	}
	return 0;
}

/* Append the id of doc as a JSON value: its "id", else "NAME:LINE". */
static int
doc_id(const struct pl_doc *doc, struct pl_buf *out)
{
	struct pl_buf tmp = PL_BUF_INIT;
	int rc;

	if (doc->id != NULL)
		return pl_buf_append(out, doc->id, doc->idlen);
	if (pl_buf_printf(&tmp, "%s:%llu",
	                  strcmp(doc->name, "-") == 0 ? "<stdin>" : doc->name,
	                  doc->lineno) < 0)
		return -1;
	rc = pl_json_put_string(out, tmp.data, tmp.len);
	pl_buf_free(&tmp);
	return rc;
}

static struct idslot *
id_find(struct dd *d, struct pl_hash128 fp)
{
	size_t i = (size_t)fp.lo & d->idmask;

	for (;;) {
		struct idslot *e = &d->ids[i];
		if ((e->fp.hi == fp.hi && e->fp.lo == fp.lo) ||
		    (e->fp.hi == 0 && e->fp.lo == 0))
			return e;
		i = (i + 1) & d->idmask;
	}
}

static int
id_put(struct dd *d, struct pl_hash128 fp, uint32_t kept)
{
	struct idslot *e;
	size_t i, oldcap = d->ids ? d->idmask + 1 : 0;

	fp = dd_set_key(fp);
	if ((d->nids + 1) * 4 > oldcap * 3) {
		struct idslot *old = d->ids;
		size_t ncap = oldcap ? oldcap * 2 : 1024;
		d->ids = calloc(ncap, sizeof(*d->ids));
		if (d->ids == NULL) {
			d->ids = old;
			return -1;
		}
		d->idmask = ncap - 1;
		for (i = 0; i < oldcap; i++)
			if (old[i].fp.hi != 0 || old[i].fp.lo != 0)
				*id_find(d, old[i].fp) = old[i];
		free(old);
	}
	e = id_find(d, fp);
	if (e->fp.hi == 0 && e->fp.lo == 0) {
		e->fp = fp;
		e->kept = kept;
		d->nids++;
	}
	return 0;
}

/* Return the kept index fp maps to, or -1 (seen in an earlier run). */
static long
id_get(struct dd *d, struct pl_hash128 fp)
{
	struct idslot *e;

	if (d->ids == NULL)
		return -1;
	e = id_find(d, dd_set_key(fp));
	if (e->fp.hi == 0 && e->fp.lo == 0)
		return -1;
	return (long)e->kept;
}

/* Record doc as kept; returns its index or -1 (out of memory). */
static long
keep(struct dd *d, const struct pl_doc *doc)
{
	struct kept *k;

	if (d->nkept == d->capkept) {
		size_t ncap = d->capkept ? d->capkept * 2 : 256;
		struct kept *p = realloc(d->kept, ncap * sizeof(*p));
		if (p == NULL)
			return -1;
		d->kept = p;
		d->capkept = ncap;
	}
	k = &d->kept[d->nkept];
	k->id_off = d->pool.len;
	if (doc_id(doc, &d->pool) < 0)
		return -1;
	k->id_len = (uint32_t)(d->pool.len - k->id_off);
	k->raw_off = d->pool.len;
	k->raw_len = 0;
	k->count = 1;
	if (d->count) {
		if (pl_buf_append(&d->pool, doc->raw, doc->rawlen) < 0)
			return -1;
		k->raw_len = doc->rawlen;
	}
	return (long)d->nkept++;
}

static void
hex128(struct pl_hash128 fp, char *out)
{
	static const char hx[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 16; i++) {
		out[i] = hx[(fp.hi >> (60 - 4 * i)) & 15];
		out[16 + i] = hx[(fp.lo >> (60 - 4 * i)) & 15];
	}
}

static int
unhex128(const char *s, struct pl_hash128 *fp)
{
	int i, v;

	fp->hi = fp->lo = 0;
	for (i = 0; i < 32; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9')
			v = c - '0';
		else if (c >= 'a' && c <= 'f')
			v = c - 'a' + 10;
		else
			return -1;
		if (i < 16)
			fp->hi = fp->hi << 4 | (uint64_t)v;
		else
			fp->lo = fp->lo << 4 | (uint64_t)v;
	}
	return 0;
}

/* Print the --explain line for a dropped record:
 * "dedup-lines: FILE:LINE: ID duplicate of ID". */
static void
explain(struct dd *d, const struct pl_doc *doc, const char *of, size_t oflen,
        double score)
{
	struct pl_buf me = PL_BUF_INIT;
	const char *name = strcmp(doc->name, "-") == 0 ? "<stdin>" : doc->name;

	/* The id only when the record has one: else it is FILE:LINE. */
	if (doc->id != NULL && doc_id(doc, &me) < 0)
		return;
	fprintf(stderr, "%s: %s:%llu: %s%s", pl_run_name(d->run), name,
	        doc->lineno, me.data ? me.data : "", me.data ? " " : "");
	if (of == NULL)
		fprintf(stderr, "duplicate of a record of an earlier run\n");
	else if (score < 0)
		fprintf(stderr, "duplicate of %.*s\n", (int)oflen, of);
	else
		fprintf(stderr, "near duplicate of %.*s (%.0f%% contained)\n",
		        (int)oflen, of, score * 100.0);
	pl_buf_free(&me);
}

/* Write a dropped record for --invert, with "dup_of" in JSONL. */
static int
write_dropped(struct dd *d, const struct pl_doc *doc, const char *of,
              size_t oflen, struct pl_error *err)
{
	struct pl_json_edit e;

	if (!doc->is_json || doc->json == NULL)
		return pl_run_write(d->run, doc->raw, doc->rawlen, err);
	e.path = "dup_of";
	e.val = of != NULL ? of : "null";
	e.vallen = of != NULL ? oflen : 4;
	pl_buf_reset(&d->out);
	if (pl_json_write_edited(&d->out, doc->json, &e, 1) < 0)
		return pl_error_set(err, "out of memory");
	return pl_run_write(d->run, d->out.data, d->out.len, err);
}

/* Write a kept record, with its key in front for --emit-key. */
static int
write_kept(struct dd *d, struct pl_hash128 fp, const char *raw, size_t rawlen,
           struct pl_error *err)
{
	char hex[33];

	if (d->emit_key) {
		hex128(fp, hex);
		pl_buf_reset(&d->out);
		if (pl_buf_append(&d->out, hex, 32) < 0 ||
		    pl_buf_putc(&d->out, '\t') < 0 ||
		    pl_buf_append(&d->out, raw, rawlen) < 0)
			return pl_error_set(err, "out of memory");
		return pl_run_write(d->run, d->out.data, d->out.len, err);
	}
	return pl_run_write(d->run, raw, rawlen, err);
}

/* Decide the pending batch in order and write its kept records. */
static int
flush_batch(struct dd *d, struct pl_error *err)
{
	size_t i;
	int r;

	for (i = 0; i < d->nbatch; i++) {
		const struct pending *p = &d->batch[i];
		r = dd_set_add(&d->set, p->fp);
		if (r < 0)
			return pl_error_set(err, "out of memory");
		if (r == 1) {
			d->ndup++;
			continue;
		}
		if (d->have_state && dd_state_note(&d->st, p->fp) < 0)
			return pl_error_set(err, "out of memory");
		if (write_kept(d, p->fp, d->braw.data + p->off, p->len, err) <
		    0)
			return -1;
	}
	d->nbatch = 0;
	pl_buf_reset(&d->braw);
	return 0;
}

/*
 * Return 1 when the key normalised in d->norm belongs to this shard, 0
 * when not, -1 when memory runs out.  The shard key (STYLE.md section
 * 7) is FNV-1a 64 of the key in NFC, case-folded, spaces collapsed;
 * computed from the normalised key, so records equal under --normalize
 * are always in the same shard.
 */
static int
in_shard(struct dd *d)
{
	pl_buf_reset(&d->canon);
	if (dd_norm_apply(d->norm.data ? d->norm.data : "", d->norm.len,
	                  DD_NORM_CASE | DD_NORM_SPACE, &d->canon) < 0)
		return -1;
	return pl_hash_fnv1a64(d->canon.data ? d->canon.data : "",
	                       d->canon.len) %
	           d->shard_n ==
	       d->shard_i;
}

/* Decide whether doc is kept and write what it calls for. */
static int
decide(struct dd *d, struct pl_run *run, const struct pl_doc *doc,
       struct pl_error *err)
{
	const char *key = doc->text, *raw = doc->raw, *of = NULL;
	size_t klen = doc->len, rawlen = doc->rawlen, oflen = 0;
	struct pl_hash128 fp;
	struct pl_doc one;
	double score = -1.0;
	long ki = -1;
	int dup = 0, r, prefixed = 0;

	if (!doc->has_text) {
		/* No key (JSONL without the member): nothing to compare,
		 * so the record is kept as it is. */
		if (d->count)
			return keep(d, doc) < 0
			           ? pl_error_set(err, "out of memory")
			           : 0;
		if (d->invert)
			return 0;
		if (d->nbatch > 0 && flush_batch(d, err) < 0)
			return -1;
		return pl_run_write(run, raw, rawlen, err);
	}
	if (d->sorted && !doc->is_json && klen > 32 && key[32] == '\t' &&
	    unhex128(key, &fp) == 0) {
		/* A line as --emit-key wrote it: the key is given. */
		prefixed = 1;
		one = *doc;
		one.raw = raw = key + 33;
		one.rawlen = rawlen = klen - 33;
		doc = &one;
	} else if (d->steps == 0 && d->shard_n == 0) {
		fp = pl_hash128(key, klen, DD_SEED);
	} else {
		pl_buf_reset(&d->norm);
		if (dd_norm_apply(key, klen, d->steps, &d->norm) < 0)
			return pl_error_set(err, "out of memory");
		fp = pl_hash128(d->norm.data ? d->norm.data : "", d->norm.len,
		                DD_SEED);
	}
	if (d->shard_n > 0 && !prefixed) {
		r = in_shard(d);
		if (r < 0)
			return pl_error_set(err, "out of memory");
		if (r == 0)
			return 0;
	}
	if (d->batching) {
		struct pending *p = &d->batch[d->nbatch++];
		p->fp = fp;
		p->off = d->braw.len;
		p->len = rawlen;
		if (pl_buf_append(&d->braw, raw, rawlen) < 0)
			return pl_error_set(err, "out of memory");
		dd_set_prefetch(&d->set, fp);
		if (d->nbatch == BATCH)
			return flush_batch(d, err);
		return 0;
	}
	if (d->sorted) {
		dup =
		    d->have_prev && fp.hi == d->prev.hi && fp.lo == d->prev.lo;
		d->prev = fp;
		d->have_prev = 1;
	} else {
		r = dd_set_add(&d->set, fp);
		if (r < 0)
			return pl_error_set(err, "out of memory");
		dup = r == 1;
		if (!dup && d->have_state && dd_state_note(&d->st, fp) < 0)
			return pl_error_set(err, "out of memory");
		if (dup && d->track) {
			ki = id_get(d, fp);
			if (ki >= 0) {
				of = d->pool.data + d->kept[ki].id_off;
				oflen = d->kept[ki].id_len;
			}
		}
	}
	if (dup)
		d->ndup++;
	if (!dup && d->near) {
		size_t nd;
		if (dd_near_shingle(&d->nearidx, key, klen) < 0)
			return pl_error_set(err, "out of memory");
		r = dd_near_match(&d->nearidx, &nd, &score);
		if (r < 0)
			return pl_error_set(err, "out of memory");
		if (r == 1) {
			dup = 1;
			d->nnear++;
			of = dd_near_id(&d->nearidx, nd, &oflen);
			/* Its new shingles now describe nd's cluster. */
			if (dd_near_credit(&d->nearidx, nd,
			                   d->st.gen ? d->st.gen : 1) < 0)
				return pl_error_set(err, "out of memory");
			ki = nd < d->capn2k ? d->near2kept[nd] : -1;
			if (d->track &&
			    id_put(d, fp, ki >= 0 ? (uint32_t)ki : 0) < 0)
				return pl_error_set(err, "out of memory");
		} else {
			struct pl_buf *idb = &d->idbuf;
			long nd2;
			pl_buf_reset(idb);
			if (doc_id(doc, idb) < 0 ||
			    (nd2 = dd_near_add(&d->nearidx, idb->data, idb->len,
			                       d->st.gen ? d->st.gen : 1)) < 0)
				return pl_error_set(err, "out of memory");
			if (d->track) {
				if ((size_t)nd2 >= d->capn2k) {
					size_t nc = d->capn2k ? d->capn2k * 2
					                      : 256,
					       i;
					long *p;
					while (nc <= (size_t)nd2)
						nc *= 2;
					p = realloc(d->near2kept,
					            nc * sizeof(*p));
					if (p == NULL)
						return pl_error_set(
						    err, "out "
						         "of memory");
					for (i = d->capn2k; i < nc; i++)
						p[i] = -1;
					d->near2kept = p;
					d->capn2k = nc;
				}
			}
		}
		score = r == 1 ? score : -1.0;
	}
	if (dup) {
		if (d->count && ki >= 0)
			d->kept[ki].count++;
		if (d->explain)
			explain(d, doc, of, oflen, score);
		if (d->invert)
			return write_dropped(d, doc, of, oflen, err);
		return 0;
	}
	if (d->track) {
		if ((ki = keep(d, doc)) < 0 || id_put(d, fp, (uint32_t)ki) < 0)
			return pl_error_set(err, "out of memory");
		if (d->near && d->nearidx.ndocs > 0)
			d->near2kept[d->nearidx.ndocs - 1] = ki;
	}
	if (d->invert || d->count)
		return 0;
	return write_kept(d, fp, raw, rawlen, err);
}

/*
 * --order-key: the order value of doc.  Policy (see dedup-lines(1)):
 * numbers come first, compared by value; then strings, compared by
 * their code points (ISO 8601 dates and times therefore in time order);
 * then records where FIELD is missing, null or another type.  Ties, and
 * everything in the last class, are ordered by the record's bytes, so
 * the order is total: it does not depend on the input order.
 */
static int
order_value(struct dd *d, const struct pl_doc *doc, struct okrec *k)
{
	struct pl_json_member m;
	const char *t;
	size_t n;
	char num[64], *end;

	k->cls = 2;
	k->num = 0.0;
	k->vallen = 0;
	if (doc->json == NULL || !pl_json_lookup(doc->json, d->order_key, &m))
		return 0;
	if (m.type == PL_JSON_NUMBER && m.vallen < sizeof(num)) {
		memcpy(num, m.val, m.vallen);
		num[m.vallen] = '\0';
		k->num = strtod(num, &end);
		k->cls = 0;
	} else if (m.type == PL_JSON_STRING) {
		if (pl_json_string_view(&m, &d->okscratch, &t, &n, NULL) < 0)
			return 0; /* not decodable: the last class */
		if (pl_buf_append(&d->okpool, t, n) < 0)
			return -1;
		k->vallen = n;
		k->cls = 1;
	}
	return 0;
}

/* --order-key: hold doc until the end of input.  Returns 0 or -1. */
static int
hold(struct dd *d, const struct pl_doc *doc)
{
	struct okrec *k;

	if (d->nok == d->capok) {
		size_t ncap = d->capok ? d->capok * 2 : 1024;
		struct okrec *p = realloc(d->ok, ncap * sizeof(*p));
		if (p == NULL)
			return -1;
		d->ok = p;
		d->capok = ncap;
	}
	k = &d->ok[d->nok];
	k->off = d->okpool.len;
	k->rawlen = doc->rawlen;
	k->keylen = doc->has_text ? doc->len : 0;
	k->idlen = doc->id != NULL ? (uint32_t)doc->idlen : 0;
	k->name = doc->name;
	k->lineno = doc->lineno;
	k->has_text = (unsigned char)doc->has_text;
	k->is_json = (unsigned char)doc->is_json;
	if (pl_buf_append(&d->okpool, doc->raw, doc->rawlen) < 0 ||
	    (k->keylen > 0 &&
	     pl_buf_append(&d->okpool, doc->text, k->keylen) < 0) ||
	    (k->idlen > 0 && pl_buf_append(&d->okpool, doc->id, k->idlen) < 0))
		return -1;
	if (order_value(d, doc, k) < 0)
		return -1;
	d->nok++;
	return 0;
}

/* qsort has no context argument: the pool of the records being sorted. */
static const char *okbase;

static int
memcmp_len(const char *a, size_t an, const char *b, size_t bn)
{
	size_t n = an < bn ? an : bn;
	int c = n > 0 ? memcmp(a, b, n) : 0;

	if (c != 0)
		return c;
	return an < bn ? -1 : an > bn;
}

/* The order value of held record k (a string's text). */
static const char *
okval(const struct okrec *k)
{
	return okbase + k->off + k->rawlen + k->keylen + k->idlen;
}

static int
okcmp(const void *pa, const void *pb)
{
	const struct okrec *a = pa, *b = pb;
	int c;

	if (a->cls != b->cls)
		return a->cls < b->cls ? -1 : 1;
	if (a->cls == 0 && a->num != b->num)
		return a->num < b->num ? -1 : 1;
	if (a->cls == 1 &&
	    (c = memcmp_len(okval(a), a->vallen, okval(b), b->vallen)) != 0)
		return c;
	return memcmp_len(okbase + a->off, a->rawlen, okbase + b->off,
	                  b->rawlen);
}

/* --order-key: sort the held records and decide them in that order. */
static int
replay(struct dd *d, struct pl_run *run, struct pl_error *err)
{
	struct pl_error jerr;
	size_t i;

	if (d->nok == 0)
		return 0;
	/* All held records may be empty: the pool is then unallocated. */
	okbase = d->okpool.data != NULL ? d->okpool.data : "";
	qsort(d->ok, d->nok, sizeof(*d->ok), okcmp);
	for (i = 0; i < d->nok; i++) {
		const struct okrec *k = &d->ok[i];
		const char *p = okbase + k->off;
		struct pl_doc doc;
		memset(&doc, 0, sizeof(doc));
		doc.raw = p;
		doc.rawlen = k->rawlen;
		doc.has_text = k->has_text;
		doc.text = k->has_text ? p + k->rawlen : NULL;
		doc.len = k->keylen;
		doc.is_json = k->is_json;
		doc.id = k->idlen > 0 ? p + k->rawlen + k->keylen : NULL;
		doc.idlen = k->idlen;
		doc.name = k->name;
		doc.lineno = k->lineno;
		/* The parsed record, for --invert's "dup_of" member. */
		if (k->is_json && d->invert &&
		    pl_json_parse_object(&d->okobj, p, k->rawlen, &jerr) == 0)
			doc.json = &d->okobj;
		if (decide(d, run, &doc, err) < 0)
			return -1;
	}
	return 0;
}

/* The bytes held for record k. */
static size_t
oksize(const struct okrec *k)
{
	return k->rawlen + k->keylen + k->idlen + k->vallen;
}

/* Copy the held records to a fresh pool, leaving out the bytes of the
 * records that lost their place.  Returns 0 or -1. */
static int
compact(struct dd *d)
{
	struct pl_buf np = PL_BUF_INIT;
	size_t i;

	for (i = 0; i < d->nok; i++) {
		struct okrec *k = &d->ok[i];
		size_t off = np.len;
		if (pl_buf_append(&np, d->okpool.data + k->off, oksize(k)) <
		    0) {
			pl_buf_free(&np);
			return -1;
		}
		k->off = off;
	}
	pl_buf_free(&d->okpool);
	d->okpool = np;
	d->okwaste = 0;
	return 0;
}

/*
 * --order-key in exact mode: hold only the best record of each key
 * (memory grows with the distinct keys, not with the input).  The
 * fingerprint is the one decide() computes; the record that sorts first
 * (okcmp) stays, the other one is dropped at once, as the replay would
 * have dropped it.
 */
static int
hold_winner(struct dd *d, const struct pl_doc *doc, struct pl_error *err)
{
	struct pl_hash128 fp;
	size_t mark = d->okpool.len;
	long prev;

	if (d->steps == 0 && d->shard_n == 0)
		fp = pl_hash128(doc->text, doc->len, DD_SEED);
	else {
		if (d->shard_n == 0) { /* else done by process() */
			pl_buf_reset(&d->norm);
			if (dd_norm_apply(doc->text, doc->len, d->steps,
			                  &d->norm) < 0)
				return pl_error_set(err, "out of memory");
		}
		fp = pl_hash128(d->norm.data ? d->norm.data : "", d->norm.len,
		                DD_SEED);
	}
	prev = id_get(d, fp);
	if (hold(d, doc) < 0)
		return pl_error_set(err, "out of memory");
	if (prev < 0)
		return id_put(d, fp, (uint32_t)(d->nok - 1)) < 0
		           ? pl_error_set(err, "out of memory")
		           : 0;
	d->ndup++;
	okbase = d->okpool.data != NULL ? d->okpool.data : "";
	if (okcmp(&d->ok[d->nok - 1], &d->ok[prev]) < 0) {
		d->okwaste += oksize(&d->ok[prev]);
		d->ok[prev] = d->ok[d->nok - 1];
	} else
		d->okpool.len = mark; /* the newcomer loses: take it back */
	d->nok--;
	if (d->okwaste > (1u << 20) && d->okwaste * 2 > d->okpool.len &&
	    compact(d) < 0)
		return pl_error_set(err, "out of memory");
	return 0;
}

static int
process(void *state, struct pl_run *run, const struct pl_doc *doc,
        struct pl_error *err)
{
	struct dd *d = state;
	int r;

	if (d->order_key == NULL)
		return decide(d, run, doc, err);
	if (d->shard_n > 0 && doc->has_text) {
		/* Records of other shards are not held. */
		pl_buf_reset(&d->norm);
		if (dd_norm_apply(doc->text, doc->len, d->steps, &d->norm) <
		        0 ||
		    (r = in_shard(d)) < 0)
			return pl_error_set(err, "out of memory");
		if (r == 0)
			return 0;
	}
	if (d->ok_winners && doc->has_text)
		return hold_winner(d, doc, err);
	if (hold(d, doc) < 0)
		return pl_error_set(err, "out of memory");
	return 0;
}

/* -c: write the kept records with their counts. */
static int
write_counts(struct dd *d, struct pl_error *err)
{
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	struct pl_error jerr;
	size_t i;
	int rc = 0;
	char num[32];

	for (i = 0; i < d->nkept && rc == 0; i++) {
		const struct kept *k = &d->kept[i];
		const char *raw = d->pool.data + k->raw_off;
		pl_buf_reset(&d->out);
		if (k->raw_len > 0 && raw[0] == '{' &&
		    pl_json_parse_object(&obj, raw, k->raw_len, &jerr) == 0) {
			struct pl_json_edit e;
			snprintf(num, sizeof(num), "%llu", k->count);
			e.path = "count";
			e.val = num;
			e.vallen = strlen(num);
			if (pl_json_write_edited(&d->out, &obj, &e, 1) < 0)
				rc = pl_error_set(err, "out of memory");
		} else if (pl_buf_printf(&d->out, "%7llu ", k->count) < 0 ||
		           pl_buf_append(&d->out, raw, k->raw_len) < 0)
			rc = pl_error_set(err, "out of memory");
		if (rc == 0)
			rc = pl_run_write(d->run, d->out.data, d->out.len, err);
	}
	pl_json_object_free(&obj);
	return rc;
}

static int
finish(void *state, struct pl_run *run, struct pl_error *err)
{
	struct dd *d = state;
	const struct pl_opts *o = pl_run_opts(run);

	if (d->order_key != NULL && replay(d, run, err) < 0)
		return -1;
	if (d->nbatch > 0 && flush_batch(d, err) < 0)
		return -1;
	if (d->count && write_counts(d, err) < 0)
		return -1;
	/*
	 * The state must never get ahead of the output: a key it holds is
	 * never written again.  So the output is committed first: flushed,
	 * and with -o fsync'ed and renamed over its target.  After trouble with
	 * an input (exit 2):
	 *   - with -o, the output is discarded, so the state is not saved
	 *     (saving it would lose the records of the good inputs);
	 *   - on standard output the records of the good inputs are out,
	 *     so the state is saved, else the next run writes them again.
	 */
	if (d->have_state && pl_run_failed(run) && o->output != NULL) {
		pl_run_warn(run,
		            "%s: not updated, since the output was "
		            "discarded",
		            d->state_path);
	} else if (d->have_state) {
		/* the output is complete (renamed into place with -o)
		 * before the state says its keys were seen */
		if (pl_run_commit(run, err) < 0)
			return -1;
		if (dd_state_save(&d->st, &d->cfg, d->near ? &d->nearidx : NULL,
		                  err) < 0)
			return -1;
	}
	pl_run_stat(run, "duplicates dropped", d->ndup + d->nnear);
	if (d->near)
		pl_run_stat(run, "of them near duplicates", d->nnear);
	pl_run_stat(run, "distinct keys",
	            (long long)(d->set.n + d->set.bloom_n));
	if (d->have_state) {
		pl_run_stat(run, "keys loaded from state", d->nloaded);
		pl_run_stat(run, "keys expired", (long long)d->st.expired_fp);
	}
	pl_run_stat(run, "KiB in the seen set",
	            (long long)(dd_set_memory(&d->set) / 1024));
	if (d->order_key != NULL)
		pl_run_stat(run, "records held for --order-key",
		            (long long)d->nok);
	if (d->near) {
		pl_run_stat(run, "KiB in the near index",
		            (long long)(dd_near_memory(&d->nearidx) / 1024));
		pl_run_stat(run, "near records forgotten at the cap",
		            (long long)d->nearidx.minlive);
	}
	if (o->stats && d->nearidx.npurges > 0)
		pl_run_warn(run,
		            "near index at its cap: the shingles of the %zu "
		            "oldest kept records forgotten (%lu shingles)",
		            d->nearidx.minlive, d->nearidx.nforgot);
	if (o->stats && d->set.bloom != NULL)
		pl_run_warn(run,
		            "memory cap reached: %zu keys in a Bloom "
		            "filter, false-drop rate %.3g",
		            d->set.bloom_n, dd_set_false_rate(&d->set));
	return 0;
}

static void
cleanup(void *state)
{
	struct dd *d = state;

	dd_set_free(&d->set);
	dd_near_free(&d->nearidx);
	if (d->have_state)
		dd_state_close(&d->st);
	pl_buf_free(&d->norm);
	pl_buf_free(&d->canon);
	pl_buf_free(&d->out);
	pl_buf_free(&d->idbuf);
	pl_buf_free(&d->pool);
	pl_buf_free(&d->braw);
	free(d->kept);
	free(d->ids);
	free(d->near2kept);
	free(d->ok);
	pl_buf_free(&d->okpool);
	pl_buf_free(&d->okscratch);
	pl_json_object_free(&d->okobj);
}

int
main(int argc, char **argv)
{
	static struct dd d;
	static const struct pl_tool tool = {
	    "dedup-lines",
	    "drop repeated lines or records, keeping the first",
	    "[OPTION]... [FILE]...",
	    options_help,
	    longopts,
	    "c",
	    PL_UNIT_LINE,
	    PL_TOOL_NO_LANG,
	    dedup_lines_defaults,
	    0,
	    config_keys,
	    option,
	    start,
	    process,
	    finish,
	    cleanup};
	struct pl_tool t = tool;

	d.threshold = 0.5;
	d.shingle = 5;
	t.defaults_len = dedup_lines_defaults_len;
	return pl_main(&t, &d, argc, argv);
}
