/*
 * dd_state.h - the state file of dedup-lines --state: fingerprints and
 * near-duplicate index kept between runs.
 *
 * Layout (all integers little-endian; see dedup-lines(1), STATE FILE):
 *   text header   "pressline dedup-lines state 2\n", "name value" lines
 *                 with the settings and counts, then ".\n"
 *   generations   per run kept: u32 number, u32 0, i64 time, u64 count
 *   fingerprints  16 bytes each (u64 hi, u64 lo), grouped by generation
 *   records       per kept near-dup record: u32 generation, u32 id length,
 *                 u32 shingle count (not in version 1), then the id
 *                 bytes (its JSON id or FILE:LINE)
 *   shingles      per index entry: u64 hash, u32 record (0xffffffff =
 *                 shared), u32 generation
 *   trailer       u64 FNV-1a of every byte before it, then "END\n"
 *
 * The file is replaced, never rewritten: a new one is written beside it
 * (FILE.tmp), fsync'ed, renamed over it and the directory fsync'ed, so a
 * crash leaves the old or the new file.  FILE.lock carries an exclusive
 * flock(2) from load to save, so concurrent runs take turns.
 *
 * Memory: a struct dd_state owns its paths, generation table and the list
 * of fingerprints added by this run; dd_state_close releases them and the
 * lock.
 */
#ifndef DD_STATE_H
#define DD_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "dd_near.h"
#include "dd_set.h"
#include "hash.h"
#include "pressline.h"

#define DD_STATE_MAGIC   "pressline dedup-lines state"
#define DD_STATE_VERSION 2

/* The settings a state file is only valid for. */
struct dd_settings {
	const char *key; /* JSONL member, or "-" in text mode */
	int steps;       /* --normalize steps */
	int near;        /* near-duplicate index present */
	int shingle;
	int chars;
};

struct dd_gen {
	uint32_t num;
	int64_t time;
	uint64_t count;
	uint64_t offset; /* of its fingerprints in the loaded file */
	int keep;        /* 0: expired, dropped at load */
};

struct dd_state {
	char *path, *tmp, *lock;
	int lockfd;
	struct dd_gen *gens;
	size_t ngens;
	uint32_t gen; /* this run's generation number */
	int64_t now;
	/* fingerprints added by this run, in order */
	struct pl_hash128 *added;
	size_t nadded, capadded;
	/* near-dup records loaded: old index -> new index (or -1) */
	uint64_t loaded_fp;  /* fingerprints loaded */
	uint64_t expired_fp; /* fingerprints dropped by expiry */
};

/*
 * Lock path (waiting for another run if need be) and load it into set and
 * near (near may be NULL when not in near mode).  A missing file is an
 * empty state.  Generations older than max_age seconds (0 = no limit) or
 * beyond the newest max_gens - 1 (0 = no limit) are dropped.  Returns 0,
 * or -1 with err set: unreadable, not a state file, other version, other
 * settings, damaged.  The caller owns st afterwards (dd_state_close).
 */
int dd_state_open(struct dd_state *st, const char *path,
                  const struct dd_settings *cfg, int64_t max_age, long max_gens,
                  struct dd_set *set, struct dd_near *near,
                  struct pl_error *err);

/* Remember fp as added by this run (to be saved).  Returns 0 or -1. */
int dd_state_note(struct dd_state *st, struct pl_hash128 fp);

/*
 * Write the new state: surviving old generations, this run's
 * fingerprints and the near index, crash-safely.  Returns 0, or -1 with
 * err set (the old file is then left as it was).
 */
int dd_state_save(struct dd_state *st, const struct dd_settings *cfg,
                  const struct dd_near *near, struct pl_error *err);

/* Release the lock and memory.  NULL-safe on a zeroed struct. */
void dd_state_close(struct dd_state *st);

/* Format the settings header lines into out. */
int dd_state_settings(const struct dd_settings *cfg, struct pl_buf *out);

#endif
