/*
 * bp_site.h - site memory for strip-boilerplate: per site, how many pages
 * were seen and on how many of them each line fingerprint occurred.  A
 * line seen on most pages of a site is part of its template.
 *
 * The state file is plain text, bounded (at most max_sites sites and
 * max_lines fingerprints a site; the rarest are forgotten first) and
 * written crash-safe: under an exclusive flock(2) on FILE.lock the file
 * is read again, this run's counts are added, and the result goes to a
 * temp file that is fsync'ed and renamed over FILE.  Concurrent runs
 * therefore add up instead of overwriting each other.
 *
 * Memory: the caller owns the struct bp_sites (bp_sites_free); a struct
 * bp_site pointer is borrowed and valid until the next bp_sites_* call
 * that adds a site.
 */
#ifndef BP_SITE_H
#define BP_SITE_H

#include <stddef.h>
#include <stdint.h>

#include "pressline.h"

struct bp_sites;
struct bp_site;

/*
 * Open the site memory at path (NULL: memory only, nothing saved).  A
 * missing file is an empty memory.  Returns 0 and stores the memory in
 * *out, or -1 with err set (unreadable or malformed file).
 */
int bp_sites_open(const char *path, long max_sites, long max_lines,
                  struct bp_sites **out, struct pl_error *err);

/* Return the site named name (n bytes), created when new; NULL when
 * memory runs out.  At most max_sites sites are held: to make room the
 * one seen on the fewest pages is forgotten (with what this run counted
 * for it).  Names are found by hash, so the time does not grow with the
 * number of sites. */
struct bp_site *bp_sites_get(struct bp_sites *s, const char *name, size_t n);

/* Return 1 when fp occurred on at least min_share of the site's pages and
 * the site has at least min_pages pages, else 0. */
int bp_site_is_template(const struct bp_site *site, uint64_t fp, long min_pages,
                        double min_share);

/* Count one more page of site with the n fingerprints fps (duplicates
 * count once).  Returns 0, or -1 when memory runs out. */
int bp_site_add_page(struct bp_sites *s, struct bp_site *site,
                     const uint64_t *fps, size_t n);

/* Return on how many pages of site fp was seen (0 when never, or when
 * forgotten to keep the table small). */
unsigned long bp_site_count(const struct bp_site *site, uint64_t fp);

/* Return the number of pages seen of site. */
unsigned long bp_site_pages(const struct bp_site *site);

/* Merge this run's counts into the file (see above).  Returns 0, or -1
 * with err set.  Without a path this does nothing. */
int bp_sites_save(struct bp_sites *s, struct pl_error *err);

/* Free the memory.  NULL is a no-op. */
void bp_sites_free(struct bp_sites *s);

#endif
