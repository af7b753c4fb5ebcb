/*
 * bp_site.c - site memory of strip-boilerplate (see bp_site.h): per site
 * a page count and a capped table of line fingerprints with the number
 * of pages each occurred on, kept in a small text file across runs.
 *
 *	strip-boilerplate --site-state sites.txt nightly.jsonl
 *
 * File format, one record a line (fingerprints in hex):
 *	pressline-sites 1
 *	S<TAB>pages<TAB>site name
 *	<fingerprint><TAB>pages
 *
 * Notes:
 *  - Memory and file size are bounded: a site keeps at most max_lines
 *    fingerprints (when full, the half seen on fewest pages is dropped),
 *    and at most max_sites sites are kept (fewest pages dropped first).
 *  - Saving takes an exclusive POSIX lock (fcntl) on FILE.lock, reads
 *    FILE again, adds only what this run counted, writes FILE.tmp.PID,
 *    fsyncs it and renames it over FILE: a crash leaves the old file,
 *    and concurrent runs add up.
 *
 * SPDX-License-Identifier: MIT
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bp_site.h"
#include "line.h"

#define MAGIC "pressline-sites 1"

struct entry {
	uint64_t fp; /* 0 = empty slot */
	unsigned long count;
	unsigned long delta; /* added by this run */
};

struct bp_site {
	char *name;
	size_t namelen;
	unsigned long pages, pages_delta;
	struct entry *tab;
	size_t cap, n;
};

struct bp_sites {
	char *path;
	long max_sites, max_lines;
	struct bp_site **v;
	size_t n, cap;
	size_t *hidx; /* names hashed: index into v plus one, 0 = empty */
	size_t hcap;
};

static uint64_t
key(uint64_t fp)
{
	return fp == 0 ? 1 : fp;
}

static struct entry *
lookup(const struct bp_site *s, uint64_t fp)
{
	size_t i;

	if (s->cap == 0)
		return NULL;
	fp = key(fp);
	i = (size_t)(fp ^ (fp >> 29)) & (s->cap - 1);
	while (s->tab[i].fp != 0) {
		if (s->tab[i].fp == fp)
			return &s->tab[i];
		i = (i + 1) & (s->cap - 1);
	}
	return &s->tab[i];
}

static int
cmp_count(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return x->fp < y->fp ? -1 : x->fp > y->fp;
}

/* Rebuild the table with room for want entries, keeping at most keep of
 * the most frequent ones. */
static int
rehash(struct bp_site *s, size_t want, size_t keep)
{
	struct entry *old = s->tab, *all;
	size_t oldcap = s->cap, cap = 16, i, k = 0;

	while (cap < want * 2)
		cap *= 2;
	if ((all = malloc((s->n + 1) * sizeof(*all))) == NULL)
		return -1;
	for (i = 0; i < oldcap; i++)
		if (old[i].fp != 0)
			all[k++] = old[i];
	if (k > keep) {
		qsort(all, k, sizeof(*all), cmp_count);
		k = keep;
	}
	if ((s->tab = calloc(cap, sizeof(*s->tab))) == NULL) {
		s->tab = old;
		free(all);
		return -1;
	}
	s->cap = cap;
	s->n = 0;
	for (i = 0; i < k; i++) {
		*lookup(s, all[i].fp) = all[i];
		s->n++;
	}
	free(all);
	free(old);
	return 0;
}

/* Add count (and delta) to fp's entry, making room when needed. */
static int
add(const struct bp_sites *ss, struct bp_site *s, uint64_t fp,
    unsigned long count, unsigned long delta)
{
	struct entry *e;
	size_t max = (size_t)ss->max_lines;

	if (s->cap == 0 || (s->n + 1) * 2 > s->cap) {
		size_t want = s->n + 1 < max ? s->n + 1 : max;

		if (s->n + 1 > max) {
			if (rehash(s, max, max / 2) < 0)
				return -1;
		} else if (rehash(s, want * 2, max) < 0)
			return -1;
	}
	e = lookup(s, fp);
	if (e->fp == 0) {
		if (s->n >= max && rehash(s, max, max / 2) < 0)
			return -1;
		e = lookup(s, fp);
		e->fp = key(fp);
		s->n++;
	}
	e->count += count;
	e->delta += delta;
	return 0;
}

static void
site_free(struct bp_site *s)
{
	if (s == NULL)
		return;
	free(s->name);
	free(s->tab);
	free(s);
}

/* A name as stored: tabs and line ends would break the file format. */
static char
name_byte(char c)
{
	return c == '\t' || c == '\n' || c == '\r' ? '_' : c;
}

static size_t
name_hash(const char *name, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)name_byte(name[i]);
		h *= 0x100000001b3ULL;
	}
	return (size_t)(h ^ (h >> 32));
}

static int
name_eq(const struct bp_site *s, const char *name, size_t n)
{
	size_t i;

	if (s->namelen != n)
		return 0;
	for (i = 0; i < n; i++)
		if (s->name[i] != name_byte(name[i]))
			return 0;
	return 1;
}

/* Rebuild the name index for at least want sites; 0 or -1. */
static int
reindex(struct bp_sites *ss, size_t want)
{
	size_t cap = 16, i, *h;

	while (cap < want * 2)
		cap *= 2;
	if ((h = calloc(cap, sizeof(*h))) == NULL)
		return -1;
	free(ss->hidx);
	ss->hidx = h;
	ss->hcap = cap;
	for (i = 0; i < ss->n; i++) {
		size_t k =
		    name_hash(ss->v[i]->name, ss->v[i]->namelen) & (cap - 1);

		while (h[k] != 0)
			k = (k + 1) & (cap - 1);
		h[k] = i + 1;
	}
	return 0;
}

/*
 * The site named name, created when new.  With capped set and max_sites
 * sites held already, the one seen on the fewest pages is forgotten to
 * make room (memory stays bounded whatever the number of sites in the
 * input).  NULL when memory runs out.
 */
static struct bp_site *
get_site(struct bp_sites *ss, const char *name, size_t n, int capped)
{
	struct bp_site *s;
	size_t i, k, slot = (size_t)-1;

	if (ss->hcap > 0) {
		k = name_hash(name, n) & (ss->hcap - 1);
		while (ss->hidx[k] != 0) {
			if (name_eq(ss->v[ss->hidx[k] - 1], name, n))
				return ss->v[ss->hidx[k] - 1];
			k = (k + 1) & (ss->hcap - 1);
		}
	}
	if (capped && ss->max_sites > 0 && ss->n >= (size_t)ss->max_sites) {
		for (slot = 0, i = 1; i < ss->n; i++)
			if (ss->v[i]->pages < ss->v[slot]->pages)
				slot = i;
	}
	if (slot == (size_t)-1 && ss->n == ss->cap) {
		size_t cap = ss->cap ? ss->cap * 2 : 16;
		struct bp_site **v = realloc(ss->v, cap * sizeof(*v));

		if (v == NULL)
			return NULL;
		ss->v = v;
		ss->cap = cap;
	}
	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (s->name = malloc(n + 1)) == NULL) {
		free(s);
		return NULL;
	}
	for (i = 0; i < n; i++)
		s->name[i] = name_byte(name[i]);
	s->name[n] = '\0';
	s->namelen = n;
	if (slot != (size_t)-1) {
		/* forget the smallest site: rebuild the index without it */
		site_free(ss->v[slot]);
		ss->v[slot] = s;
		if (reindex(ss, ss->n) < 0)
			return NULL;
		return s;
	}
	ss->v[ss->n++] = s;
	if (ss->n * 2 > ss->hcap) {
		if (reindex(ss, ss->n) < 0) {
			site_free(ss->v[--ss->n]);
			return NULL;
		}
	} else {
		k = name_hash(s->name, n) & (ss->hcap - 1);
		while (ss->hidx[k] != 0)
			k = (k + 1) & (ss->hcap - 1);
		ss->hidx[k] = ss->n;
	}
	return s;
}

struct bp_site *
bp_sites_get(struct bp_sites *ss, const char *name, size_t n)
{
	return get_site(ss, name, n, 1);
}

int
bp_site_is_template(const struct bp_site *s, uint64_t fp, long min_pages,
                    double min_share)
{
	const struct entry *e;

	if (s == NULL || s->pages < (unsigned long)min_pages)
		return 0;
	e = lookup(s, fp);
	return e != NULL && e->fp != 0 &&
	       (double)e->count >= min_share * (double)s->pages;
}

unsigned long
bp_site_count(const struct bp_site *s, uint64_t fp)
{
	const struct entry *e;

	if (s == NULL)
		return 0;
	e = lookup(s, fp);
	return e != NULL && e->fp != 0 ? e->count : 0;
}

unsigned long
bp_site_pages(const struct bp_site *s)
{
	return s->pages;
}

int
bp_site_add_page(struct bp_sites *ss, struct bp_site *s, const uint64_t *fps,
                 size_t n)
{
	size_t i, j;

	s->pages++;
	s->pages_delta++;
	for (i = 0; i < n; i++) {
		/* count a fingerprint once a page (pages are short: the
		 * quadratic check only runs on pages with few lines) */
		int dup = 0;

		if (n <= 512)
			for (j = 0; j < i && !dup; j++)
				dup = fps[j] == fps[i];
		if (!dup && add(ss, s, fps[i], 1, 1) < 0)
			return -1;
	}
	return 0;
}

/* Read path into ss (a missing file is empty). */
static int
load(struct bp_sites *ss, const char *path, struct pl_error *err)
{
	struct pl_line_reader r;
	struct bp_site *cur = NULL;
	const char *line;
	size_t len;
	FILE *fp;
	int rc;

	if ((fp = fopen(path, "rb")) == NULL) {
		if (errno == ENOENT)
			return 0;
		return pl_error_set(err, "%s: %s", path, strerror(errno));
	}
	pl_line_init(&r, fp, path);
	while ((rc = pl_line_read(&r, &line, &len)) > 0) {
		char buf[64], *end;
		unsigned long long fpv;
		unsigned long cnt;
		size_t t;

		if (r.lineno == 1) {
			if (len != strlen(MAGIC) || memcmp(line, MAGIC, len)) {
				rc = -2;
				break;
			}
			continue;
		}
		if (len > 2 && line[0] == 'S' && line[1] == '\t') {
			for (t = 2; t < len && line[t] != '\t'; t++)
				continue;
			if (t == len || t - 2 >= sizeof(buf)) {
				rc = -2;
				break;
			}
			memcpy(buf, line + 2, t - 2);
			buf[t - 2] = '\0';
			cnt = strtoul(buf, &end, 10);
			if (*end != '\0' ||
			    (cur = get_site(ss, line + t + 1, len - t - 1,
			                    0)) == NULL) {
				rc = cur == NULL ? -3 : -2;
				break;
			}
			cur->pages += cnt;
			continue;
		}
		for (t = 0; t < len && line[t] != '\t'; t++)
			continue;
		if (cur == NULL || t == len || t >= sizeof(buf) ||
		    len - t - 1 >= sizeof(buf)) {
			rc = -2;
			break;
		}
		memcpy(buf, line, t);
		buf[t] = '\0';
		fpv = strtoull(buf, &end, 16);
		if (*end != '\0') {
			rc = -2;
			break;
		}
		memcpy(buf, line + t + 1, len - t - 1);
		buf[len - t - 1] = '\0';
		cnt = strtoul(buf, &end, 10);
		if (*end != '\0') {
			rc = -2;
			break;
		}
		if (add(ss, cur, (uint64_t)fpv, cnt, 0) < 0) {
			rc = -3;
			break;
		}
	}
	if (rc == -2)
		pl_error_set(err, "%s:%llu: not a site memory file", path,
		             r.lineno);
	else if (rc == -3)
		pl_error_set(err, "out of memory");
	else if (rc < 0 || ferror(fp))
		pl_error_set(err, "%s: read error", path);
	pl_line_free(&r);
	fclose(fp);
	return rc < 0 ? -1 : 0;
}

int
bp_sites_open(const char *path, long max_sites, long max_lines,
              struct bp_sites **out, struct pl_error *err)
{
	struct bp_sites *ss;

	*out = NULL;
	if ((ss = calloc(1, sizeof(*ss))) == NULL)
		return pl_error_set(err, "out of memory");
	ss->max_sites = max_sites;
	ss->max_lines = max_lines;
	if (path != NULL &&
	    ((ss->path = strdup(path)) == NULL || load(ss, path, err) < 0)) {
		if (ss->path == NULL)
			pl_error_set(err, "out of memory");
		bp_sites_free(ss);
		return -1;
	}
	*out = ss;
	return 0;
}

static int
cmp_pages(const void *a, const void *b)
{
	const struct bp_site *x = *(struct bp_site *const *)a;
	const struct bp_site *y = *(struct bp_site *const *)b;

	if (x->pages != y->pages)
		return x->pages < y->pages ? 1 : -1;
	return strcmp(x->name, y->name);
}

static int
write_file(struct bp_sites *ss, FILE *fp)
{
	size_t i, j;

	if (fprintf(fp, "%s\n", MAGIC) < 0)
		return -1;
	for (i = 0; i < ss->n; i++) {
		const struct bp_site *s = ss->v[i];

		if (fprintf(fp, "S\t%lu\t%s\n", s->pages, s->name) < 0)
			return -1;
		for (j = 0; j < s->cap; j++)
			if (s->tab[j].fp != 0 &&
			    fprintf(fp, "%016llx\t%lu\n",
			            (unsigned long long)s->tab[j].fp,
			            s->tab[j].count) < 0)
				return -1;
	}
	return 0;
}

int
bp_sites_save(struct bp_sites *ss, struct pl_error *err)
{
	struct bp_sites *base = NULL;
	struct flock fl;
	char *lock = NULL, *tmp = NULL;
	size_t i, j, n;
	int lfd = -1, rc = -1;
	FILE *fp = NULL;

	if (ss == NULL || ss->path == NULL)
		return 0;
	n = strlen(ss->path);
	if ((lock = malloc(n + 6)) == NULL || (tmp = malloc(n + 32)) == NULL) {
		pl_error_set(err, "out of memory");
		goto done;
	}
	snprintf(lock, n + 6, "%s.lock", ss->path);
	snprintf(tmp, n + 32, "%s.tmp.%ld", ss->path, (long)getpid());
	if ((lfd = open(lock, O_RDWR | O_CREAT, 0666)) < 0) {
		pl_error_set(err, "%s: %s", lock, strerror(errno));
		goto done;
	}
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	while (fcntl(lfd, F_SETLKW, &fl) < 0) {
		if (errno != EINTR) {
			pl_error_set(err, "%s: lock: %s", lock,
			             strerror(errno));
			goto done;
		}
	}
	/* what other runs wrote meanwhile, plus what this run counted */
	if (bp_sites_open(ss->path, ss->max_sites, ss->max_lines, &base, err) <
	    0)
		goto done;
	for (i = 0; i < ss->n; i++) {
		struct bp_site *s = ss->v[i], *b;

		if (s->pages_delta == 0)
			continue;
		if ((b = get_site(base, s->name, s->namelen, 0)) == NULL)
			goto nomem;
		b->pages += s->pages_delta;
		for (j = 0; j < s->cap; j++)
			if (s->tab[j].fp != 0 && s->tab[j].delta > 0 &&
			    add(base, b, s->tab[j].fp, s->tab[j].delta, 0) < 0)
				goto nomem;
	}
	if (base->n > (size_t)base->max_sites) {
		qsort(base->v, base->n, sizeof(*base->v), cmp_pages);
		while (base->n > (size_t)base->max_sites)
			site_free(base->v[--base->n]);
	}
	if ((fp = fopen(tmp, "wb")) == NULL) {
		pl_error_set(err, "%s: %s", tmp, strerror(errno));
		goto done;
	}
	if (write_file(base, fp) < 0 || fflush(fp) == EOF ||
	    fsync(fileno(fp)) < 0) {
		pl_error_set(err, "%s: write error: %s", tmp, strerror(errno));
		fclose(fp);
		fp = NULL;
		unlink(tmp);
		goto done;
	}
	if (fclose(fp) == EOF) {
		fp = NULL;
		pl_error_set(err, "%s: write error: %s", tmp, strerror(errno));
		unlink(tmp);
		goto done;
	}
	fp = NULL;
	if (rename(tmp, ss->path) < 0) {
		pl_error_set(err, "%s: %s", ss->path, strerror(errno));
		unlink(tmp);
		goto done;
	}
	/* saved: this run's counts are in the file now */
	for (i = 0; i < ss->n; i++) {
		ss->v[i]->pages_delta = 0;
		for (j = 0; j < ss->v[i]->cap; j++)
			ss->v[i]->tab[j].delta = 0;
	}
	rc = 0;
	goto done;
nomem:
	pl_error_set(err, "out of memory");
done:
	bp_sites_free(base);
	if (lfd >= 0)
		close(lfd); /* releases the lock */
	free(lock);
	free(tmp);
	return rc;
}

void
bp_sites_free(struct bp_sites *ss)
{
	size_t i;

	if (ss == NULL)
		return;
	for (i = 0; i < ss->n; i++)
		site_free(ss->v[i]);
	free(ss->v);
	free(ss->hidx);
	free(ss->path);
	free(ss);
}
