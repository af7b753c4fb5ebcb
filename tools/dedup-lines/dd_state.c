/*
 * dd_state.c - load and save the dedup-lines state file, e.g. nightly:
 *	dedup-lines -k quote --state seen.db --state-max-age 30d new.jsonl
 *
 * Failure policy (each case is an error, exit 2, the file left alone):
 *   - the first line is not DD_STATE_MAGIC: "not a dedup-lines state file"
 *     (a typo in a cron line must not destroy some other file);
 *   - another format version (version 1, the same but for the shingle
 *     count of each near-dup record, is still read);
 *   - settings that differ from this run's (--normalize, -k, --near,
 *     --shingle, --chars): fingerprints made another way would silently
 *     miss duplicates, so the user must choose;
 *   - a short file, counts that disagree, or a checksum mismatch:
 *     "damaged".  Only a foreign writer can cause this, since we replace
 *     the file by rename.
 * Saving writes FILE.tmp, fsyncs it, renames it over FILE and fsyncs the
 * directory.  kill -9 at any point leaves the old file (and perhaps a
 * stale FILE.tmp, overwritten by the next run) or the new one.
 *
 * SPDX-License-Identifier: MIT
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "dd_norm.h"
#include "dd_state.h"
#include "hash.h"

/* A reader that checksums everything it reads. */
struct rd {
	FILE *fp;
	uint64_t sum;
	uint64_t pos;
};

static int
rd_bytes(struct rd *r, void *p, size_t n)
{
	if (n == 0)
		return 0;
	if (fread(p, 1, n, r->fp) != n)
		return -1;
	r->sum = pl_hash_fnv1a64_more(r->sum, p, n);
	r->pos += n;
	return 0;
}

static uint64_t
get64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static void
put64(unsigned char *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void
put32(unsigned char *p, uint32_t v)
{
	int i;

	for (i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

int
dd_state_settings(const struct dd_settings *cfg, struct pl_buf *out)
{
	if (pl_buf_printf(out,
	                  "hash murmur3-128 fnv1a-64\nkey %s\n"
	                  "normalize ",
	                  cfg->key) < 0 ||
	    dd_norm_format(cfg->steps, out) < 0)
		return -1;
	if (cfg->near)
		return pl_buf_printf(out, "\nnear on\nshingle %d\nchars %d\n",
		                     cfg->shingle, cfg->chars);
	return pl_buf_puts(out, "\nnear off\n");
}

/* Read one header line (without \n) into line.  Returns 0 or -1. */
static int
rd_line(struct rd *r, struct pl_buf *line)
{
	char c;

	pl_buf_reset(line);
	for (;;) {
		if (rd_bytes(r, &c, 1) < 0)
			return -1;
		if (c == '\n')
			return 0;
		if (line->len > 4096 || pl_buf_putc(line, c) < 0)
			return -1;
	}
}

static char *
catpath(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	char *p = malloc(n + m + 1);

	if (p != NULL) {
		memcpy(p, a, n);
		memcpy(p + n, b, m + 1);
	}
	return p;
}

static int
header_count(const char *line, const char *name, uint64_t *v)
{
	size_t n = strlen(name);
	char *end;

	if (strncmp(line, name, n) != 0 || line[n] != ' ')
		return 0;
	errno = 0;
	*v = strtoull(line + n + 1, &end, 10);
	return errno == 0 && *end == '\0' && end != line + n + 1 ? 1 : -1;
}

static int
load(struct dd_state *st, FILE *fp, const struct dd_settings *cfg,
     int64_t max_age, long max_gens, struct dd_set *set, struct dd_near *near,
     struct pl_error *err)
{
	struct rd r = {fp, PL_FNV64_OFFSET, 0};
	struct pl_buf line = PL_BUF_INIT, want = PL_BUF_INIT,
	              have = PL_BUF_INIT, id = PL_BUF_INIT;
	unsigned char b[24];
	uint64_t ngens = 0, nfp = 0, ndocs = 0, nsh = 0, total = 0, i, j, sum;
	long *docmap = NULL;
	size_t keepfrom = 0;
	int rc = -1, v, version;

	if (rd_line(&r, &line) < 0 ||
	    strncmp(line.data, DD_STATE_MAGIC, strlen(DD_STATE_MAGIC)) != 0 ||
	    line.data[strlen(DD_STATE_MAGIC)] != ' ') {
		pl_error_set(err, "%s: not a dedup-lines state file", st->path);
		goto out;
	}
	if (strcmp(line.data + strlen(DD_STATE_MAGIC) + 1, "2") == 0)
		version = 2;
	else if (strcmp(line.data + strlen(DD_STATE_MAGIC) + 1, "1") == 0)
		version = 1;
	else {
		pl_error_set(err,
		             "%s: state file version %s, this program "
		             "reads version %d",
		             st->path, line.data + strlen(DD_STATE_MAGIC) + 1,
		             DD_STATE_VERSION);
		goto out;
	}
	if (dd_state_settings(cfg, &want) < 0)
		goto nomem;
	/* Settings lines until the first count line; then counts; "." */
	for (;;) {
		if (rd_line(&r, &line) < 0)
			goto damaged;
		if (strcmp(line.data, ".") == 0)
			break;
		if ((v = header_count(line.data, "generations", &ngens)) ||
		    (v = header_count(line.data, "fingerprints", &nfp)) ||
		    (v = header_count(line.data, "records", &ndocs)) ||
		    (v = header_count(line.data, "shingles", &nsh))) {
			if (v < 0)
				goto damaged;
			continue;
		}
		if (pl_buf_append(&have, line.data, line.len) < 0 ||
		    pl_buf_putc(&have, '\n') < 0)
			goto nomem;
	}
	if (have.len != want.len ||
	    memcmp(have.data, want.data, have.len) != 0) {
		size_t k = 0;
		/* Name the first setting that differs. */
		while (k < have.len && k < want.len &&
		       have.data[k] == want.data[k])
			k++;
		while (k > 0 && have.data[k - 1] != '\n')
			k--;
		{
			const char *h = have.data ? have.data + k : "";
			const char *w = want.data + k;
			int hl = (int)strcspn(h, "\n"),
			    wl = (int)strcspn(w, "\n");
			pl_error_set(
			    err,
			    "%s: state made with other settings "
			    "(\"%.*s\", this run \"%.*s\"); use the same "
			    "options or another state file",
			    st->path, hl, h, wl, w);
		}
		goto out;
	}
	if (ngens > 1000000 || (nfp > 0 && ngens == 0))
		goto damaged;
	st->gens = calloc(ngens + 1, sizeof(*st->gens));
	if (st->gens == NULL)
		goto nomem;
	for (i = 0; i < ngens; i++) {
		if (rd_bytes(&r, b, 24) < 0)
			goto damaged;
		st->gens[i].num = get32(b);
		st->gens[i].time = (int64_t)get64(b + 8);
		st->gens[i].count = get64(b + 16);
		st->gens[i].keep = 1;
		total += st->gens[i].count;
		if (max_age > 0 && st->gens[i].time < st->now - max_age)
			st->gens[i].keep = 0;
	}
	st->ngens = ngens;
	if (total != nfp)
		goto damaged;
	if (max_gens > 0 && ngens > (uint64_t)(max_gens - 1))
		keepfrom = ngens - (size_t)(max_gens - 1);
	for (i = 0; i < keepfrom; i++)
		st->gens[i].keep = 0;
	st->gen = ngens > 0 ? st->gens[ngens - 1].num + 1 : 1;
	for (i = 0; i < ngens; i++) {
		st->gens[i].offset = r.pos;
		for (j = 0; j < st->gens[i].count; j++) {
			struct pl_hash128 key;
			if (rd_bytes(&r, b, 16) < 0)
				goto damaged;
			if (!st->gens[i].keep) {
				st->expired_fp++;
				continue;
			}
			key.hi = get64(b);
			key.lo = get64(b + 8);
			if (dd_set_add(set, key) < 0)
				goto nomem;
			st->loaded_fp++;
		}
	}
	if (ndocs > 0 && (docmap = calloc(ndocs, sizeof(*docmap))) == NULL)
		goto nomem;
	for (i = 0; i < ndocs; i++) {
		uint32_t g, len, dnsh = 0;
		size_t k;
		int keep = 1;
		if (rd_bytes(&r, b, version >= 2 ? 12 : 8) < 0)
			goto damaged;
		g = get32(b);
		len = get32(b + 4);
		if (version >= 2)
			dnsh = get32(b + 8);
		pl_buf_reset(&id);
		if (pl_buf_reserve(&id, len) < 0)
			goto nomem;
		if (rd_bytes(&r, id.data, len) < 0)
			goto damaged;
		id.len = len;
		for (k = 0; k < st->ngens; k++)
			if (st->gens[k].num == g)
				keep = st->gens[k].keep;
		docmap[i] = -1;
		if (keep && near != NULL) {
			docmap[i] = dd_near_add_doc(near, id.data, id.len, g);
			if (docmap[i] < 0)
				goto nomem;
			near->docs[docmap[i]].nsh = dnsh;
		}
	}
	for (i = 0; i < nsh; i++) {
		uint64_t h;
		uint32_t doc, g;
		size_t k;
		int keep = 1;
		if (rd_bytes(&r, b, 16) < 0)
			goto damaged;
		h = get64(b);
		doc = get32(b + 8);
		g = get32(b + 12);
		if (doc != DD_NEAR_SHARED) {
			if (doc >= ndocs)
				goto damaged;
			if (docmap[doc] < 0)
				continue;
			doc = (uint32_t)docmap[doc];
		} else {
			for (k = 0; k < st->ngens; k++)
				if (st->gens[k].num == g)
					keep = st->gens[k].keep;
			if (!keep)
				continue;
		}
		if (near != NULL && dd_near_put(near, h, doc, g) < 0)
			goto nomem;
	}
	sum = r.sum;
	if (fread(b, 1, 12, fp) != 12 || get64(b) != sum ||
	    memcmp(b + 8, "END\n", 4) != 0 || fgetc(fp) != EOF)
		goto damaged;
	rc = 0;
	goto out;
damaged:
	if (ferror(fp))
		pl_error_set(err, "%s: read error: %s", st->path,
		             strerror(errno));
	else
		pl_error_set(err,
		             "%s: damaged state file (short, or checksum "
		             "mismatch)",
		             st->path);
	goto out;
nomem:
	pl_error_set(err, "out of memory");
out:
	free(docmap);
	pl_buf_free(&line);
	pl_buf_free(&want);
	pl_buf_free(&have);
	pl_buf_free(&id);
	return rc;
}

int
dd_state_open(struct dd_state *st, const char *path,
              const struct dd_settings *cfg, int64_t max_age, long max_gens,
              struct dd_set *set, struct dd_near *near, struct pl_error *err)
{
	FILE *fp;
	int rc;

	memset(st, 0, sizeof(*st));
	st->lockfd = -1;
	st->now = (int64_t)time(NULL);
	st->gen = 1;
	st->path = catpath(path, "");
	st->tmp = catpath(path, ".tmp");
	st->lock = catpath(path, ".lock");
	if (st->path == NULL || st->tmp == NULL || st->lock == NULL)
		return pl_error_set(err, "out of memory");
	st->lockfd = open(st->lock, O_RDWR | O_CREAT, 0666);
	if (st->lockfd < 0)
		return pl_error_set(err, "%s: %s", st->lock, strerror(errno));
	while (flock(st->lockfd, LOCK_EX) < 0) {
		if (errno != EINTR)
			return pl_error_set(err, "%s: cannot lock: %s",
			                    st->lock, strerror(errno));
	}
	fp = fopen(path, "rb");
	if (fp == NULL) {
		if (errno == ENOENT)
			return 0;
		return pl_error_set(err, "%s: %s", path, strerror(errno));
	}
	rc = load(st, fp, cfg, max_age, max_gens, set, near, err);
	fclose(fp);
	return rc;
}

int
dd_state_note(struct dd_state *st, struct pl_hash128 fp)
{
	if (st->nadded == st->capadded) {
		size_t ncap = st->capadded ? st->capadded * 2 : 1024;
		struct pl_hash128 *p = realloc(st->added, ncap * sizeof(*p));
		if (p == NULL)
			return -1;
		st->added = p;
		st->capadded = ncap;
	}
	st->added[st->nadded++] = fp;
	return 0;
}

/* A writer that checksums everything it writes. */
struct wr {
	FILE *fp;
	uint64_t sum;
};

static int
wr_bytes(struct wr *w, const void *p, size_t n)
{
	if (n == 0)
		return 0;
	w->sum = pl_hash_fnv1a64_more(w->sum, p, n);
	return fwrite(p, 1, n, w->fp) == n ? 0 : -1;
}

/* Copy the fingerprints of generation g from the old file. */
static int
copy_gen(struct wr *w, FILE *old, const struct dd_gen *g)
{
	unsigned char b[16 * 256];
	uint64_t left = g->count * 16;

	if (fseeko(old, (off_t)g->offset, SEEK_SET) < 0)
		return -1;
	while (left > 0) {
		size_t n = left < sizeof(b) ? (size_t)left : sizeof(b);
		if (fread(b, 1, n, old) != n || wr_bytes(w, b, n) < 0)
			return -1;
		left -= n;
	}
	return 0;
}

static int
write_all(struct dd_state *st, FILE *fp, const struct dd_settings *cfg,
          const struct dd_near *near)
{
	struct wr w = {fp, PL_FNV64_OFFSET};
	struct pl_buf h = PL_BUF_INIT;
	unsigned char b[24];
	uint64_t nfp = st->nadded, ngens = 1, nsh = 0, i;
	FILE *old = NULL;
	int rc = -1;

	for (i = 0; i < st->ngens; i++) {
		if (st->gens[i].keep) {
			nfp += st->gens[i].count;
			ngens++;
		}
	}
	if (near != NULL)
		for (i = 0; near->slot != NULL && i <= near->mask; i++)
			if (near->slot[i].h != 0)
				nsh++;
	if (pl_buf_printf(&h, "%s %d\n", DD_STATE_MAGIC, DD_STATE_VERSION) <
	        0 ||
	    dd_state_settings(cfg, &h) < 0 ||
	    pl_buf_printf(&h,
	                  "generations %llu\nfingerprints %llu\n"
	                  "records %llu\nshingles %llu\n.\n",
	                  (unsigned long long)ngens, (unsigned long long)nfp,
	                  (unsigned long long)(near ? near->ndocs : 0),
	                  (unsigned long long)nsh) < 0)
		goto out;
	if (wr_bytes(&w, h.data, h.len) < 0)
		goto out;
	for (i = 0; i <= st->ngens; i++) {
		const struct dd_gen *g = i < st->ngens ? &st->gens[i] : NULL;
		if (g != NULL && !g->keep)
			continue;
		memset(b, 0, sizeof(b));
		put32(b, g ? g->num : st->gen);
		put64(b + 8, (uint64_t)(g ? g->time : st->now));
		put64(b + 16, g ? g->count : st->nadded);
		if (wr_bytes(&w, b, 24) < 0)
			goto out;
	}
	for (i = 0; i < st->ngens; i++) {
		if (!st->gens[i].keep || st->gens[i].count == 0)
			continue;
		if (old == NULL && (old = fopen(st->path, "rb")) == NULL)
			goto out;
		if (copy_gen(&w, old, &st->gens[i]) < 0)
			goto out;
	}
	for (i = 0; i < st->nadded; i++) {
		put64(b, st->added[i].hi);
		put64(b + 8, st->added[i].lo);
		if (wr_bytes(&w, b, 16) < 0)
			goto out;
	}
	for (i = 0; near != NULL && i < near->ndocs; i++) {
		size_t len;
		const char *id = dd_near_id(near, i, &len);
		put32(b, near->docs[i].gen);
		put32(b + 4, (uint32_t)len);
		put32(b + 8, near->docs[i].nsh);
		if (wr_bytes(&w, b, 12) < 0 || wr_bytes(&w, id, len) < 0)
			goto out;
	}
	for (i = 0; near != NULL && near->slot != NULL && i <= near->mask;
	     i++) {
		const struct dd_near_slot *e = &near->slot[i];
		if (e->h == 0)
			continue;
		put64(b, e->h);
		put32(b + 8, e->doc);
		put32(b + 12, e->gen);
		if (wr_bytes(&w, b, 16) < 0)
			goto out;
	}
	put64(b, w.sum);
	memcpy(b + 8, "END\n", 4);
	if (fwrite(b, 1, 12, fp) != 12)
		goto out;
	rc = 0;
out:
	if (old != NULL)
		fclose(old);
	pl_buf_free(&h);
	return rc;
}

/* fsync the directory holding path, so the rename is durable. */
static int
sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd, rc;

	if (slash == NULL)
		dir = catpath(".", "");
	else if (slash == path)
		dir = catpath("/", "");
	else {
		dir = malloc((size_t)(slash - path) + 1);
		if (dir != NULL) {
			memcpy(dir, path, (size_t)(slash - path));
			dir[slash - path] = '\0';
		}
	}
	if (dir == NULL)
		return -1;
	fd = open(dir, O_RDONLY);
	free(dir);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int
dd_state_save(struct dd_state *st, const struct dd_settings *cfg,
              const struct dd_near *near, struct pl_error *err)
{
	FILE *fp;
	int fd, e;

	fd = open(st->tmp, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (fd < 0)
		return pl_error_set(err, "%s: %s", st->tmp, strerror(errno));
	fp = fdopen(fd, "wb");
	if (fp == NULL) {
		e = errno;
		close(fd);
		unlink(st->tmp);
		return pl_error_set(err, "%s: %s", st->tmp, strerror(e));
	}
	if (write_all(st, fp, cfg, near) < 0 || fflush(fp) == EOF ||
	    fsync(fd) < 0) {
		e = errno;
		fclose(fp);
		unlink(st->tmp);
		return pl_error_set(err, "%s: write error: %s", st->tmp,
		                    strerror(e));
	}
	if (fclose(fp) == EOF) {
		e = errno;
		unlink(st->tmp);
		return pl_error_set(err, "%s: write error: %s", st->tmp,
		                    strerror(e));
	}
	if (rename(st->tmp, st->path) < 0) {
		e = errno;
		unlink(st->tmp);
		return pl_error_set(err, "%s: %s", st->path, strerror(e));
	}
	if (sync_dir(st->path) < 0)
		return pl_error_set(err, "%s: fsync of directory: %s", st->path,
		                    strerror(errno));
	return 0;
}

void
dd_state_close(struct dd_state *st)
{
	if (st->lockfd >= 0)
		close(st->lockfd);
	st->lockfd = -1;
	free(st->path);
	free(st->tmp);
	free(st->lock);
	free(st->gens);
	free(st->added);
	st->path = st->tmp = st->lock = NULL;
	st->gens = NULL;
	st->added = NULL;
	st->ngens = st->nadded = st->capadded = 0;
}
