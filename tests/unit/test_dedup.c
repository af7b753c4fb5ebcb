/*
 * test_dedup.c - Criterion tests for dedup-lines' modules: the
 * normalisation steps (the vectors of dedup-lines(1)), the hashes in
 * common/hash.c, the fingerprint set and its Bloom fallback, shingle
 * containment and its memory cap, and the state file (round trip, expiry, mismatched
 * settings, foreign and damaged files).
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include "new_assert.h"
#include <criterion/parameterized.h>

#include "buf.h"
#include "dedup-lines/dd_near.h"
#include "dedup-lines/dd_norm.h"
#include "dedup-lines/dd_set.h"
#include "dedup-lines/dd_state.h"
#include "hash.h"

/* ---- normalisation ---- */

struct norm_vec {
	char steps[40];
	char in[64];
	char want[64];
};

static struct norm_vec norm_vecs[] = {
	{ "none", "  A\xc2\xa0" "B  ", "  A\xc2\xa0" "B  " },
	{ "case", "Stra\xc3\x9f" "e", "strasse" },
	{ "case", "\xce\xa3\xce\x91\xce\xa3", "\xcf\x83\xce\xb1\xcf\x83" },
	{ "nfkc", "\xef\xac\x81" "le \xef\xbc\xa1", "file A" },
	{ "space", " a \t\xe2\x80\x83 b\xc2\xa0", "a b" },
	{ "punct", "U.S.-led, \xe2\x80\x9c" "ok\xe2\x80\x9d!", "USled ok" },
	{ "quotes", "\xe2\x80\x9cHi\xe2\x80\x9d \xe2\x80\x98x\xe2\x80\x99 "
	    "\xc2\xabY\xc2\xbb", "\"Hi\" 'x' \"Y\"" },
	{ "case,space", "  Hello   WORLD ", "hello world" },
	{ "all", " \xe2\x80\x9c" "Foo\xe2\x80\x9d,  BAR! ", "foo bar" },
	{ "nfkc", "e\xcc\x81", "\xc3\xa9" },
};

ParameterizedTestParameters(dedup_norm, vectors)
{
	return cr_make_param_array(struct norm_vec, norm_vecs,
	    sizeof(norm_vecs) / sizeof(norm_vecs[0]));
}

ParameterizedTest(struct norm_vec *v, dedup_norm, vectors)
{
	struct pl_buf out = PL_BUF_INIT;
	int steps = 0;

	cr_assert(eq(int, dd_norm_parse(v->steps, &steps, NULL), 0));
	cr_assert(eq(int, dd_norm_apply(v->in, strlen(v->in), steps, &out),
	    0));
	cr_expect(eq(str, out.data ? out.data : "", v->want), "steps %s",
	    v->steps);
	pl_buf_free(&out);
}

Test(dedup_norm, parse_and_format)
{
	struct pl_buf b = PL_BUF_INIT;
	const char *bad = NULL;
	int steps = 0;

	cr_assert(eq(int, dd_norm_parse("space,case", &steps, NULL), 0));
	cr_assert(eq(int, steps, DD_NORM_SPACE | DD_NORM_CASE));
	cr_assert(eq(int, dd_norm_format(steps, &b), 0));
	cr_assert(eq(str, b.data, "case,space"));
	cr_assert(eq(int, dd_norm_parse("case,bogus", &steps, &bad), -1));
	cr_assert(eq(str, (char *)bad, "bogus"));
	cr_assert(eq(int, dd_norm_parse("none", &steps, NULL), 0));
	cr_assert(eq(int, steps, 0));
	pl_buf_free(&b);
}

Test(dedup_norm, nul_bytes_kept)
{
	struct pl_buf out = PL_BUF_INIT;

	cr_assert(eq(int, dd_norm_apply("A\0B", 3, DD_NORM_CASE, &out), 0));
	cr_assert(eq(sz, out.len, 3));
	cr_assert(eq(int, memcmp(out.data, "a\0b", 3), 0));
	pl_buf_free(&out);
}

/* ---- hashes ---- */

Test(dedup_hash, fnv1a64_vectors)
{
	cr_assert(eq(u64, pl_hash_fnv1a64("", 0), 0xcbf29ce484222325ULL));
	cr_assert(eq(u64, pl_hash_fnv1a64("a", 1), 0xaf63dc4c8601ec8cULL));
	cr_assert(eq(u64, pl_hash_fnv1a64("foobar", 6),
	    0x85944171f73967e8ULL));
}

Test(dedup_hash, hash128_vectors)
{
	/* The published MurmurHash3_x64_128 values, seed 0. */
	struct pl_hash128 h = pl_hash128("hello", 5, 0);

	cr_assert(eq(u64, h.hi, 0xcbd8a7b341bd9b02ULL));
	cr_assert(eq(u64, h.lo, 0x5b1e906a48ae1d19ULL));
	h = pl_hash128("The quick brown fox jumps over the lazy dog", 43, 0);
	cr_assert(eq(u64, h.hi, 0xe34bbc7bbc071b6cULL));
	cr_assert(eq(u64, h.lo, 0x7a433ca9c49a9347ULL));
}

static size_t
popcount64(uint64_t x)
{
	size_t n = 0;

	for (; x != 0; x &= x - 1)
		n++;
	return n;
}

Test(dedup_hash, hash128_every_length_differs)
{
	char buf[64];
	struct pl_hash128 a, b;
	size_t n;

	memset(buf, 'x', sizeof(buf));
	for (n = 0; n < 40; n++) {
		a = pl_hash128(buf, n, 7);
		b = pl_hash128(buf, n + 1, 7);
		cr_assert(a.hi != b.hi || a.lo != b.lo, "length %zu", n);
	}
	/* One flipped bit changes about half of the 128 output bits. */
	a = pl_hash128(buf, 32, 7);
	buf[5] ^= 1;
	b = pl_hash128(buf, 32, 7);
	n = popcount64(a.hi ^ b.hi) + popcount64(a.lo ^ b.lo);
	cr_assert(n > 40 && n < 88, "%zu bits changed", n);
}

/* ---- fingerprint set ---- */

static struct pl_hash128
fp_of(unsigned long i)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "key %lu", i);

	return pl_hash128(buf, (size_t)n, 1);
}

Test(dedup_set, exact_add_and_has)
{
	struct dd_set s;
	unsigned long i;

	dd_set_init(&s, 0);
	for (i = 0; i < 100000; i++)
		cr_assert(eq(int, dd_set_add(&s, fp_of(i)), 0));
	for (i = 0; i < 100000; i++)
		cr_assert(eq(int, dd_set_add(&s, fp_of(i)), 1));
	for (i = 100000; i < 101000; i++)
		cr_assert(eq(int, dd_set_has(&s, fp_of(i)), 0));
	cr_assert(eq(sz, s.n, 100000));
	cr_assert(eq(dbl, dd_set_false_rate(&s), 0.0));
	/* 16-byte slots at load 0.4 to 0.8 */
	cr_assert(dd_set_memory(&s) <= 100000 * 40 + 16 * 64 * DD_SET_NSUB);
	dd_set_free(&s);
}

Test(dedup_set, zero_fingerprint_is_a_key)
{
	struct dd_set s;
	struct pl_hash128 z = { 0, 0 };

	dd_set_init(&s, 0);
	cr_assert(eq(int, dd_set_add(&s, z), 0));
	cr_assert(eq(int, dd_set_add(&s, z), 1));
	dd_set_free(&s);
}

Test(dedup_set, bloom_past_the_cap)
{
	struct dd_set s;
	unsigned long i, falsedrops = 0;

	dd_set_init(&s, 1 << 20);	/* 1 MiB */
	for (i = 0; i < 200000; i++)
		cr_assert(not(eq(int, dd_set_add(&s, fp_of(i)), -1)));
	cr_assert(s.frozen);
	cr_assert(not(eq(ptr, s.bloom, NULL)));
	cr_assert(dd_set_memory(&s) <= (1 << 20) + 8192);
	/* Every key added is still found. */
	for (i = 0; i < 200000; i++)
		cr_assert(eq(int, dd_set_has(&s, fp_of(i)), 1));
	/* Keys never added: the measured false rate is near the estimate. */
	for (i = 1000000; i < 1100000; i++)
		falsedrops += (unsigned long)dd_set_has(&s, fp_of(i));
	cr_assert(falsedrops / 100000.0 < dd_set_false_rate(&s) * 2 + 0.001,
	    "%lu false drops, estimate %g", falsedrops,
	    dd_set_false_rate(&s));
	dd_set_free(&s);
}

/* ---- near duplicates ---- */

static const char art1[] =
    "The city council voted on Tuesday to expand the bus network to the "
    "northern suburbs, adding four routes and a night service that will "
    "start in March. The mayor said the plan would cost twelve million "
    "over five years and be paid for by the regional transport fund.";
static const char art2[] =
    "A storm knocked out power to thousands of homes along the coast on "
    "Sunday night, and crews worked through the morning to restore lines "
    "brought down by falling trees near the harbour and the old bridge.";

static long
near_add(struct dd_near *d, const char *text, const char *id)
{
	cr_assert(dd_near_shingle(d, text, strlen(text)) > 0);
	return dd_near_add(d, id, strlen(id), 1);
}

Test(dedup_near, copy_and_truncation_match)
{
	struct dd_near d;
	size_t doc = 99, idlen;
	double score;
	char cut[120];

	dd_near_init(&d, 5, 0, 0.5);
	near_add(&d, art1, "a1");
	near_add(&d, art2, "a2");
	/* Same words, other case and punctuation. */
	cr_assert(dd_near_shingle(&d, "THE CITY COUNCIL voted on Tuesday, to "
	    "expand the bus network -- to the northern suburbs adding four "
	    "routes and a night service", 113) > 0);
	cr_assert(eq(int, dd_near_match(&d, &doc, &score), 1));
	cr_assert(eq(sz, doc, 0));
	cr_assert(eq(str, (char *)dd_near_id(&d, doc, &idlen), "a1a2"));
	/* A truncated copy is contained in the original. */
	memcpy(cut, art2, 100);
	cr_assert(dd_near_shingle(&d, cut, 100) > 0);
	cr_assert(eq(int, dd_near_match(&d, &doc, &score), 1));
	cr_assert(eq(sz, doc, 1));
	cr_assert(score > 0.9);
	dd_near_free(&d);
}

Test(dedup_near, unrelated_text_does_not_match)
{
	struct dd_near d;
	size_t doc;
	double score;
	const char *other = "Shares in the chip maker rose after it raised "
	    "its forecast for the year, citing demand from data centres.";

	dd_near_init(&d, 5, 0, 0.5);
	near_add(&d, art1, "a1");
	cr_assert(dd_near_shingle(&d, other, strlen(other)) > 0);
	cr_assert(eq(int, dd_near_match(&d, &doc, &score), 0));
	cr_assert(score < 0.1);
	dd_near_free(&d);
}

Test(dedup_near, shared_boilerplate_is_ignored)
{
	struct dd_near d;
	size_t doc;
	double score;
	const char *foot = " This briefing is compiled from staff and wire "
	    "reports and may not be republished without permission; send "
	    "corrections to the desk.";
	char b1[512], b2[512], b3[512];

	snprintf(b1, sizeof(b1), "%s%s", art1, foot);
	snprintf(b2, sizeof(b2), "%s%s", art2, foot);
	snprintf(b3, sizeof(b3), "Officials said the museum will reopen "
	    "next month.%s", foot);
	dd_near_init(&d, 5, 0, 0.5);
	near_add(&d, b1, "b1");
	near_add(&d, b2, "b2");	/* the footer is now known as shared */
	cr_assert(dd_near_shingle(&d, b3, strlen(b3)) > 0);
	cr_assert(eq(int, dd_near_match(&d, &doc, &score), 0),
	    "score %g", score);
	dd_near_free(&d);
}

Test(dedup_near, chars_mode_for_cjk)
{
	struct dd_near d;
	size_t doc;
	double score;
	const char *a = "東京都は火曜日に新しい交通計画を発表した。";
	const char *b = "東京都は火曜日に新しい交通計画を発表しました";

	dd_near_init(&d, 3, 1, 0.5);
	near_add(&d, a, "ja1");
	cr_assert(dd_near_shingle(&d, b, strlen(b)) > 0);
	cr_assert(eq(int, dd_near_match(&d, &doc, &score), 1), "%g", score);
	dd_near_free(&d);
}

Test(dedup_near, short_text_is_one_shingle)
{
	struct dd_near d;

	dd_near_init(&d, 5, 0, 0.5);
	cr_assert(eq(long, dd_near_shingle(&d, "two words", 9), 1));
	cr_assert(eq(long, dd_near_shingle(&d, "", 0), 0));
	cr_assert(eq(long, dd_near_shingle(&d, " ,;! ", 5), 0));
	dd_near_free(&d);
}

/* A digest's header and a long footer that only one kept record has. */
static const char digest_head[] = "CITY DIGEST | Daily briefing from the "
    "newsroom. ";
static const char digest_foot[] = " This briefing is compiled by our "
    "newsroom from staff and wire reports and may not be published, "
    "broadcast, rewritten or redistributed without permission. To "
    "subscribe to the daily digest, visit our website and choose "
    "Newsletters. Send corrections and news tips to the desk.";

Test(dedup_near, new_story_in_a_known_frame_is_kept)
{
	struct dd_near d;
	size_t doc;
	double score;
	char b1[2048], b2[2048], c1[2048];

	snprintf(b1, sizeof(b1), "%s%s%s", digest_head, art1, digest_foot);
	snprintf(b2, sizeof(b2), "%s%s%s", digest_head, art2, digest_foot);
	dd_near_init(&d, 5, 0, 0.5);
	near_add(&d, b1, "b1");
	/* b2 shares more than half of its shingles with b1, all of them
	 * header and footer around a new body. */
	cr_assert(dd_near_shingle(&d, b2, strlen(b2)) > 0);
	cr_assert(eq(int, dd_near_match(&d, &doc, &score), 0), "%g", score);
	cr_assert(eq(ulong, d.nframed, 1));
	/* Off, the same record is taken for a near duplicate. */
	d.frame = 0;
	cr_assert(eq(int, dd_near_match(&d, &doc, &score), 1));
	cr_assert(score >= 0.5, "%g", score);
	d.frame = 1;
	/* A copy of b1 with a sentence added in the middle still holds all
	 * of b1: a near duplicate. */
	snprintf(c1, sizeof(c1), "%s%s Officials said more details would "
	    "follow.%s", digest_head, art1, digest_foot);
	cr_assert(dd_near_shingle(&d, c1, strlen(c1)) > 0);
	cr_assert(eq(int, dd_near_match(&d, &doc, &score), 1), "%g", score);
	cr_assert(eq(sz, doc, 0));
	dd_near_free(&d);
}

/* Synthetic article i: 80 words no other article has. */
static void
make_article(char *buf, size_t cap, int i)
{
	size_t n = 0;
	int j;

	buf[0] = '\0';
	for (j = 0; j < 80 && n + 16 < cap; j++)
		n += (size_t)snprintf(buf + n, cap - n, "w%dx%d ", i, j);
}

Test(dedup_near, capped_index_forgets_the_oldest)
{
	struct dd_near d;
	char text[2048], id[16];
	size_t doc, slots;
	double score;
	int i;

	dd_near_init(&d, 5, 0, 0.5);
	dd_near_cap(&d, 64 * 1024); /* 4096 slots of 16 bytes */
	for (i = 0; i < 400; i++) {
		make_article(text, sizeof(text), i);
		snprintf(id, sizeof(id), "a%d", i);
		cr_assert(dd_near_shingle(&d, text, strlen(text)) > 0);
		cr_assert(dd_near_add(&d, id, strlen(id), 1) == i);
	}
	slots = d.mask + 1;
	cr_assert(slots * sizeof(*d.slot) <= 64 * 1024, "%zu slots", slots);
	cr_assert(d.npurges > 0);
	cr_assert(d.minlive > 0 && d.minlive < 400);
	/* The newest article is still matched, through its whole index
	 * (every entry findable after the in-place thinning). */
	make_article(text, sizeof(text), 399);
	cr_assert(dd_near_shingle(&d, text, strlen(text)) > 0);
	cr_assert(eq(int, dd_near_match(&d, &doc, &score), 1));
	cr_assert(eq(sz, doc, 399));
	cr_assert(score > 0.99, "%g", score);
	/* The oldest is forgotten: its copy is new again. */
	make_article(text, sizeof(text), 0);
	cr_assert(dd_near_shingle(&d, text, strlen(text)) > 0);
	cr_assert(eq(int, dd_near_match(&d, &doc, &score), 0));
	dd_near_free(&d);
	cr_assert(eq(sz, d.max_slots, slots)); /* the cap survives free */
}

Test(dedup_near, uncapped_index_keeps_everything)
{
	struct dd_near d;
	char text[2048];
	size_t doc;
	double score;
	int i;

	dd_near_init(&d, 5, 0, 0.5);
	dd_near_cap(&d, 0);
	for (i = 0; i < 100; i++) {
		make_article(text, sizeof(text), i);
		cr_assert(dd_near_shingle(&d, text, strlen(text)) > 0);
		cr_assert(dd_near_add(&d, "x", 1, 1) == i);
	}
	cr_assert(eq(ulong, d.npurges, 0));
	make_article(text, sizeof(text), 0);
	cr_assert(dd_near_shingle(&d, text, strlen(text)) > 0);
	cr_assert(eq(int, dd_near_match(&d, &doc, &score), 1));
	cr_assert(eq(sz, doc, 0));
	cr_assert(dd_near_memory(&d) > 100 * 76 * 16);
	dd_near_free(&d);
}

/* ---- state file ---- */

static char *
tmp_state(void)
{
	static char path[64];
	int fd;

	strcpy(path, "/tmp/test_dedup.XXXXXX");
	fd = mkstemp(path);
	cr_assert(fd >= 0);
	close(fd);
	unlink(path);
	return path;
}

static void
rm_state(const char *path)
{
	char p[96];

	unlink(path);
	snprintf(p, sizeof(p), "%s.lock", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s.tmp", path);
	unlink(p);
}

static const struct dd_settings plain_cfg = { "text", 0, 0, 5, 0 };

/* One run: load path, add keys [from, to), save. */
static void
run_once(const char *path, const struct dd_settings *cfg, unsigned long from,
    unsigned long to, long max_gens, struct dd_set *set)
{
	struct dd_state st;
	struct pl_error err = { "", NULL, 0, 0 };
	unsigned long i;

	dd_set_init(set, 0);
	cr_assert(eq(int, dd_state_open(&st, path, cfg, 0, max_gens, set,
	    NULL, &err), 0), "%s", err.msg);
	for (i = from; i < to; i++)
		if (dd_set_add(set, fp_of(i)) == 0)
			cr_assert(eq(int, dd_state_note(&st, fp_of(i)), 0));
	cr_assert(eq(int, dd_state_save(&st, cfg, NULL, &err), 0), "%s",
	    err.msg);
	dd_state_close(&st);
}

Test(dedup_state, round_trip)
{
	char *path = tmp_state();
	struct dd_set set;
	unsigned long i;

	run_once(path, &plain_cfg, 0, 1000, 0, &set);
	dd_set_free(&set);
	run_once(path, &plain_cfg, 500, 1500, 0, &set);
	/* The second run saw keys 0..999 from the file. */
	for (i = 0; i < 1500; i++)
		cr_assert(eq(int, dd_set_has(&set, fp_of(i)), 1));
	cr_assert(eq(sz, set.n, 1500));
	dd_set_free(&set);
	run_once(path, &plain_cfg, 0, 0, 0, &set);
	cr_assert(eq(sz, set.n, 1500));
	dd_set_free(&set);
	rm_state(path);
}

Test(dedup_state, generations_expire)
{
	char *path = tmp_state();
	struct dd_set set;

	run_once(path, &plain_cfg, 0, 100, 2, &set);	/* gen 1 */
	dd_set_free(&set);
	run_once(path, &plain_cfg, 100, 200, 2, &set);	/* gen 2 */
	dd_set_free(&set);
	/* gen 3 keeps gens 2 and 3 only: keys 0..99 are forgotten */
	run_once(path, &plain_cfg, 200, 300, 2, &set);
	cr_assert(eq(int, dd_set_has(&set, fp_of(5)), 0));
	cr_assert(eq(int, dd_set_has(&set, fp_of(150)), 1));
	cr_assert(eq(int, dd_set_has(&set, fp_of(250)), 1));
	dd_set_free(&set);
	rm_state(path);
}

Test(dedup_state, mismatched_settings_refused)
{
	char *path = tmp_state();
	struct dd_set set;
	struct dd_state st;
	struct pl_error err = { "", NULL, 0, 0 };
	struct dd_settings other = plain_cfg;

	run_once(path, &plain_cfg, 0, 10, 0, &set);
	dd_set_free(&set);
	other.steps = DD_NORM_CASE;
	dd_set_init(&set, 0);
	cr_assert(eq(int, dd_state_open(&st, path, &other, 0, 0, &set, NULL,
	    &err), -1));
	cr_assert(strstr(err.msg, "other settings") != NULL, "%s", err.msg);
	cr_assert(strstr(err.msg, "normalize case") != NULL, "%s", err.msg);
	dd_state_close(&st);
	other = plain_cfg;
	other.key = "quote";
	cr_assert(eq(int, dd_state_open(&st, path, &other, 0, 0, &set, NULL,
	    &err), -1));
	dd_state_close(&st);
	dd_set_free(&set);
	rm_state(path);
}

Test(dedup_state, foreign_and_damaged_files_refused)
{
	char *path = tmp_state();
	struct dd_set set;
	struct dd_state st;
	struct pl_error err = { "", NULL, 0, 0 };
	FILE *fp;
	long size;
	char *data;

	fp = fopen(path, "w");
	fputs("just some text\n", fp);
	fclose(fp);
	dd_set_init(&set, 0);
	cr_assert(eq(int, dd_state_open(&st, path, &plain_cfg, 0, 0, &set,
	    NULL, &err), -1));
	cr_assert(strstr(err.msg, "not a dedup-lines state file") != NULL);
	dd_state_close(&st);
	unlink(path);

	run_once(path, &plain_cfg, 0, 50, 0, &set);
	dd_set_free(&set);
	/* Flip one byte inside the fingerprints. */
	fp = fopen(path, "r+b");
	fseek(fp, 0, SEEK_END);
	size = ftell(fp);
	data = malloc((size_t)size);
	fseek(fp, 0, SEEK_SET);
	cr_assert(eq(sz, fread(data, 1, (size_t)size, fp), (size_t)size));
	data[size - 40] ^= 0x10;
	fseek(fp, 0, SEEK_SET);
	fwrite(data, 1, (size_t)size, fp);
	fclose(fp);
	dd_set_init(&set, 0);
	cr_assert(eq(int, dd_state_open(&st, path, &plain_cfg, 0, 0, &set,
	    NULL, &err), -1));
	cr_assert(strstr(err.msg, "damaged") != NULL, "%s", err.msg);
	dd_state_close(&st);
	/* Truncated. */
	fp = fopen(path, "wb");
	fwrite(data, 1, (size_t)size / 2, fp);
	fclose(fp);
	cr_assert(eq(int, dd_state_open(&st, path, &plain_cfg, 0, 0, &set,
	    NULL, &err), -1));
	dd_state_close(&st);
	/* Other version. */
	fp = fopen(path, "wb");
	fputs(DD_STATE_MAGIC " 9\n", fp);
	fclose(fp);
	cr_assert(eq(int, dd_state_open(&st, path, &plain_cfg, 0, 0, &set,
	    NULL, &err), -1));
	cr_assert(strstr(err.msg, "version 9") != NULL, "%s", err.msg);
	dd_state_close(&st);
	free(data);
	dd_set_free(&set);
	rm_state(path);
}

Test(dedup_state, near_index_round_trip)
{
	char *path = tmp_state();
	struct dd_settings cfg = { "text", 0, 1, 5, 0 };
	struct dd_state st;
	struct dd_set set;
	struct dd_near d;
	struct pl_error err = { "", NULL, 0, 0 };
	size_t doc, idlen;
	double score;
	uint32_t nsh;

	dd_set_init(&set, 0);
	dd_near_init(&d, 5, 0, 0.5);
	cr_assert(eq(int, dd_state_open(&st, path, &cfg, 0, 0, &set, &d,
	    &err), 0));
	near_add(&d, art1, "\"first\"");
	nsh = d.docs[0].nsh;
	cr_assert(nsh > 0);
	cr_assert(eq(int, dd_state_save(&st, &cfg, &d, &err), 0));
	dd_state_close(&st);
	dd_near_free(&d);
	dd_set_free(&set);

	dd_set_init(&set, 0);
	cr_assert(eq(int, dd_state_open(&st, path, &cfg, 0, 0, &set, &d,
	    &err), 0), "%s", err.msg);
	cr_assert(dd_near_shingle(&d, art1, 120) > 0);
	cr_assert(eq(int, dd_near_match(&d, &doc, &score), 1));
	cr_assert(eq(str, (char *)dd_near_id(&d, doc, &idlen), "\"first\""));
	/* The shingle count (for the frame test) came back too. */
	cr_assert(eq(u32, d.docs[doc].nsh, nsh));
	dd_state_close(&st);
	dd_near_free(&d);
	dd_set_free(&set);
	rm_state(path);
}

static void
le(unsigned char *p, uint64_t v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

Test(dedup_state, version_1_is_still_read)
{
	char *path = tmp_state();
	struct dd_settings cfg = { "text", 0, 1, 5, 0 };
	struct dd_state st;
	struct dd_set set;
	struct dd_near d;
	struct pl_error err = { "", NULL, 0, 0 };
	struct pl_buf f = PL_BUF_INIT;
	unsigned char b[24];
	char head[30];
	FILE *fp;

	/* One run, no fingerprints, one near record "a" with one shingle,
	 * written as version 1 did: no shingle count per record. */
	cr_assert(pl_buf_puts(&f, DD_STATE_MAGIC " 1\n") == 0);
	cr_assert(dd_state_settings(&cfg, &f) == 0);
	cr_assert(pl_buf_puts(&f, "generations 1\nfingerprints 0\nrecords 1\n"
	    "shingles 1\n.\n") == 0);
	memset(b, 0, sizeof(b));
	le(b, 1, 4);
	le(b + 8, 1700000000, 8);
	cr_assert(pl_buf_append(&f, (char *)b, 24) == 0);
	le(b, 1, 4);
	le(b + 4, 3, 4);
	cr_assert(pl_buf_append(&f, (char *)b, 8) == 0);
	cr_assert(pl_buf_append(&f, "\"a\"", 3) == 0);
	le(b, 0x1234567890abcdefULL, 8);
	le(b + 8, 0, 4);
	le(b + 12, 1, 4);
	cr_assert(pl_buf_append(&f, (char *)b, 16) == 0);
	le(b, pl_hash_fnv1a64_more(PL_FNV64_OFFSET, f.data, f.len), 8);
	memcpy(b + 8, "END\n", 4);
	cr_assert(pl_buf_append(&f, (char *)b, 12) == 0);
	fp = fopen(path, "wb");
	cr_assert(fp != NULL);
	cr_assert(fwrite(f.data, 1, f.len, fp) == f.len);
	fclose(fp);

	dd_set_init(&set, 0);
	dd_near_init(&d, 5, 0, 0.5);
	cr_assert(eq(int, dd_state_open(&st, path, &cfg, 0, 0, &set, &d,
	    &err), 0), "%s", err.msg);
	cr_assert(eq(sz, d.ndocs, 1));
	cr_assert(eq(sz, d.n, 1));
	cr_assert(eq(u32, d.docs[0].nsh, 0)); /* unknown: no frame test */
	/* Saved again as version 2. */
	cr_assert(eq(int, dd_state_save(&st, &cfg, &d, &err), 0));
	dd_state_close(&st);
	fp = fopen(path, "rb");
	cr_assert(fp != NULL);
	cr_assert(fread(head, 1, sizeof(head), fp) == sizeof(head));
	fclose(fp);
	cr_assert(memcmp(head, DD_STATE_MAGIC " 2\n", sizeof(head)) == 0);
	dd_near_free(&d);
	dd_set_free(&set);
	pl_buf_free(&f);
	rm_state(path);
}
