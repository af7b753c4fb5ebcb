/*
 * split-sentences - split article text into sentences.
 *
 * Reads plain text (a FILE is one document) or JSON Lines (the text is the
 * string member named by -k) and writes one sentence a line, or one JSONL
 * record a sentence: the document's other members copied byte for byte,
 * its text member removed, plus text, sentence (0-based), start and end
 * (code points, or bytes with --offsets=bytes).  The rules live in
 * common/sentence.c and their language data in common/data/sentences.yaml.
 *
 *	strip-boilerplate dump.jsonl | split-sentences -l auto | ...
 *
 * SPDX-License-Identifier: MIT
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "config.h"
#include "json.h"
#include "pressline.h"
#include "run.h"
#include "text.h"
#include "sentence.h"
#include "utf8.h"

extern const char split_sentences_defaults[];
extern const size_t split_sentences_defaults_len;

enum { OPT_LINE_BREAKS = PL_OPT_TOOL };

struct state {
	/* settings (YAML) */
	const struct pl_cfg_node *data; /* the "sentences" mapping */
	int line_breaks;                /* every newline ends a sentence */
	/* run */
	struct pl_sent_rules *rules;
	struct pl_run *run;
	const struct pl_doc *doc;
	const char *lang;
	int bytes;                /* --offsets=bytes */
	int jsonl;                /* this record's output is JSONL */
	unsigned long long index; /* sentence number in the document */
	size_t pos_bytes;         /* where code point counting stands */
	unsigned long long pos_cp;
	/* the sentence found last, written when the next one is found: the
	 * last of a piece that is not the document's last may be cut short,
	 * so it goes back to the driver (pl_run_keep_tail) instead */
	int pending;
	size_t pend_a, pend_b;
	unsigned pend_flags; /* PL_SENT_BREAKS: it must be flattened */
	struct pl_buf out, val, num[3];
	struct pl_error *err;
	/* text output of a repaired document: its bytes as read, or NULL */
	struct pl_utf8_unrepair *raw;
};

static const struct pl_cfg_key settings_keys[] = {
    {"line-breaks", PL_CFG_BOOL, offsetof(struct state, line_breaks), 0, 0,
     NULL},
    {NULL, PL_CFG_BOOL, 0, 0, 0, NULL}};

static const struct pl_cfg_key config_keys[] = {
    {"sentences", PL_CFG_NODE, offsetof(struct state, data), 0, 0, NULL},
    {"split-sentences", PL_CFG_TABLE, 0, 0, 0, settings_keys},
    {NULL, PL_CFG_BOOL, 0, 0, 0, NULL}};

static const struct option longopts[] = {
    {"line-breaks", no_argument, NULL, OPT_LINE_BREAKS}, {NULL, 0, NULL, 0}};

static int
option(void *arg, int opt, const char *optarg, struct pl_error *err)
{
	struct state *st = arg;

	(void)optarg;
	switch (opt) {
	case OPT_LINE_BREAKS:
		st->line_breaks = 1;
		return 0;
	default:
		return pl_error_set(err, "unknown option");
	}
}

static int
start(void *arg, struct pl_run *run, struct pl_error *err)
{
	struct state *st = arg;
	const struct pl_opts *o = pl_run_opts(run);

	st->run = run;
	st->bytes = o->offsets_bytes;
	st->rules = pl_sent_rules_new(st->data, o->lang, err);
	if (st->rules == NULL) {
		/* the driver prints only the message: put the place in it */
		if (err->file != NULL && err->line > 0) {
			char msg[sizeof(err->msg)];

			memcpy(msg, err->msg, sizeof(msg));
			pl_error_set(err, "%s:%llu:%lu: %s", err->file,
			             err->line, err->col, msg);
		}
		return -1;
	}
	pl_sent_rules_set_line_breaks(st->rules, st->line_breaks);
	return 0;
}

/* Offset of byte position p of the text in the unit the user wants. */
static unsigned long long
offset(struct state *st, size_t p)
{
	const struct pl_doc *d = st->doc;

	if (st->bytes)
		return d->base_bytes + p;
	/* positions only grow, so counting stays linear; should one ever go
	 * back, count again from the start rather than run off the text */
	if (p < st->pos_bytes) {
		st->pos_bytes = 0;
		st->pos_cp = 0;
	}
	st->pos_cp +=
	    pl_utf8_count_cp_valid(d->text + st->pos_bytes, p - st->pos_bytes);
	st->pos_bytes = p;
	return d->base_cp + st->pos_cp;
}

/* Append v in decimal (three of these a sentence: no printf). */
static int
put_uint(struct pl_buf *b, unsigned long long v)
{
	char tmp[24];
	size_t k = sizeof(tmp);

	do {
		tmp[--k] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	return pl_buf_append(b, tmp + k, sizeof(tmp) - k);
}

static int
put_record(struct state *st, size_t a, size_t b)
{
	const struct pl_doc *d = st->doc;
	const struct pl_opts *o = pl_run_opts(st->run);
	struct pl_json_edit ed[5];
	size_t ne = 0, i;
	unsigned long long so = offset(st, a), eo = offset(st, b);

	pl_buf_reset(&st->val);
	for (i = 0; i < 3; i++)
		pl_buf_reset(&st->num[i]);
	if (pl_json_put_string(&st->val, d->text + a, b - a) < 0 ||
	    put_uint(&st->num[0], st->index) < 0 ||
	    put_uint(&st->num[1], so) < 0 || put_uint(&st->num[2], eo) < 0)
		return -1;
	if (d->is_json && d->json != NULL) {
		/* the text member is replaced in place when it is "text",
		 * else removed, and text goes at the end */
		if (strcmp(o->key, "text") != 0) {
			ed[ne].path = o->key;
			ed[ne].val = NULL;
			ed[ne].vallen = 0;
			ne++;
		}
		ed[ne].path = "text";
		ed[ne].val = st->val.data;
		ed[ne].vallen = st->val.len;
		ne++;
		ed[ne].path = "sentence";
		ed[ne].val = st->num[0].data;
		ed[ne].vallen = st->num[0].len;
		ne++;
		ed[ne].path = "start";
		ed[ne].val = st->num[1].data;
		ed[ne].vallen = st->num[1].len;
		ne++;
		ed[ne].path = "end";
		ed[ne].val = st->num[2].data;
		ed[ne].vallen = st->num[2].len;
		ne++;
		return pl_json_write_edited(&st->out, d->json, ed, ne);
	}
	/* text input, JSONL output: the document's name is its id */
	if (pl_buf_puts(&st->out, "{\"id\":") < 0 ||
	    pl_json_put_string(&st->out, d->name, strlen(d->name)) < 0 ||
	    pl_buf_puts(&st->out, ",\"text\":") < 0 ||
	    pl_buf_append(&st->out, st->val.data, st->val.len) < 0 ||
	    pl_buf_printf(&st->out,
	                  ",\"sentence\":%s,\"start\":%s,"
	                  "\"end\":%s}",
	                  st->num[0].data, st->num[1].data,
	                  st->num[2].data) < 0)
		return -1;
	return 0;
}

static int
write_sentence(struct state *st, size_t a, size_t b, unsigned flags)
{
	const struct pl_doc *d = st->doc;
	const char *s = d->text + a;
	size_t n = b - a;
	int rc;

	if (st->raw != NULL) /* text output passes invalid UTF-8 through */
		pl_utf8_unrepair_span(st->raw, a, b, &s, &n);
	if (!st->jsonl && !(flags & PL_SENT_BREAKS)) {
		/* one line already: straight from the text */
		st->index++;
		return pl_run_write(st->run, s, n, st->err);
	}
	pl_buf_reset(&st->out);
	if (st->jsonl)
		rc = put_record(st, a, b);
	else
		rc = pl_text_put_flat(&st->out, s, n, 0);
	if (rc < 0) {
		pl_error_set(st->err, "out of memory");
		return -1;
	}
	st->index++;
	if (pl_run_write(st->run, st->out.data, st->out.len, st->err) < 0)
		return -1;
	return 0;
}

static int
one_sentence(void *arg, size_t a, size_t b, unsigned flags)
{
	struct state *st = arg;

	if (st->pending &&
	    write_sentence(st, st->pend_a, st->pend_b, st->pend_flags) < 0)
		return -1;
	st->pending = 1;
	st->pend_a = a;
	st->pend_b = b;
	st->pend_flags = flags;
	return 0;
}

static int
process(void *arg, struct pl_run *run, const struct pl_doc *doc,
        struct pl_error *err)
{
	struct state *st = arg;

	st->run = run;
	st->doc = doc;
	st->err = err;
	st->jsonl = pl_run_jsonl_out(run);
	st->pos_bytes = 0;
	st->pos_cp = 0;
	if (doc->part == 0)
		st->index = 0;
	st->pending = 0;
	if (!doc->has_text || doc->len == 0)
		return 0;
	st->raw = pl_run_raw_map(run, doc);
	if (pl_sent_split(st->rules, NULL, doc->text, doc->len, one_sentence,
	                  st) != 0)
		return -1;
	if (!st->pending)
		return 0;
	if (!doc->last) { /* may go on in the next piece */
		pl_run_keep_tail(run, doc->len - st->pend_a);
		return 0;
	}
	return write_sentence(st, st->pend_a, st->pend_b, st->pend_flags);
}

static void
cleanup(void *arg)
{
	struct state *st = arg;
	size_t i;

	pl_sent_rules_free(st->rules);
	pl_buf_free(&st->out);
	pl_buf_free(&st->val);
	for (i = 0; i < 3; i++)
		pl_buf_free(&st->num[i]);
}

static const struct pl_tool tool = {
    "split-sentences",
    "Split article text into sentences: one a line, or one JSONL record "
    "a sentence.",
    "[OPTION]... [FILE]...",
    "      --line-breaks      every newline ends a sentence (one sentence "
    "a line\n"
    "                         input: subtitles, verse, lists)\n",
    longopts,
    "",
    PL_UNIT_DOC,
    PL_TOOL_OFFSETS | PL_TOOL_TEXT_PIECES,
    split_sentences_defaults,
    0,
    config_keys,
    option,
    start,
    process,
    NULL,
    cleanup};

int
main(int argc, char **argv)
{
	static struct state st;
	struct pl_tool t = tool;

	t.defaults_len = split_sentences_defaults_len;
	return pl_main(&t, &st, argc, argv);
}
