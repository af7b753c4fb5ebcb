/*
 * extract-quotes - find direct quotations in news text and say who said
 * them.
 *
 * Reads plain text (a FILE is one document) or JSON Lines (the text is the
 * string member named by -k) and writes one record per quotation: the
 * document's other members copied byte for byte (its text member left
 * out), plus quote, speaker, mention, cue, start, end (code points of the
 * quoted text, or bytes with --offsets=bytes) and partial.  In text mode
 * each quotation is a line "speaker<TAB>quote".  The algorithm is in qx.c,
 * the language data in extract-quotes.yaml.
 *
 *	strip-boilerplate dump.jsonl | extract-quotes | jq -r .speaker
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
#include "qx.h"
#include "run.h"
#include "text.h"
#include "utf8.h"

extern const char extract_quotes_defaults[];
extern const size_t extract_quotes_defaults_len;

struct state {
	/* settings (YAML), checked by the driver; qx_lex_load reads them */
	long max_paragraphs;
	long scare_words;
	long pronoun_window;
	const struct pl_cfg_node *quote_marks;
	const struct pl_cfg_node *languages;
	const struct pl_cfg_node *sentences; /* common/sentence.c's data */
	/* options */
	int all; /* --all: scare quotes too, with speech */
	/* run */
	struct qx_lex *lex;
	struct qx_doc *doc;
	int bytes;
	struct pl_buf out, val[5], num[2];
	long long nquotes, nspeakers;
};

static const struct pl_cfg_key config_keys[] = {
    {"max_paragraphs", PL_CFG_INT, offsetof(struct state, max_paragraphs), 1,
     1000, NULL},
    {"scare_words", PL_CFG_INT, offsetof(struct state, scare_words), 0, 1000,
     NULL},
    {"pronoun_window", PL_CFG_INT, offsetof(struct state, pronoun_window), 0,
     1000, NULL},
    {"quote_marks", PL_CFG_NODE, offsetof(struct state, quote_marks), 0, 0,
     NULL},
    {"languages", PL_CFG_NODE, offsetof(struct state, languages), 0, 0, NULL},
    {"sentences", PL_CFG_NODE, offsetof(struct state, sentences), 0, 0, NULL},
    {NULL, PL_CFG_BOOL, 0, 0, 0, NULL}};

static const struct option longopts[] = {{"all", no_argument, NULL, 'a'},
                                         {NULL, 0, NULL, 0}};

static int
option(void *arg, int opt, const char *optarg, struct pl_error *err)
{
	struct state *st = arg;

	(void)optarg;
	switch (opt) {
	case 'a':
		st->all = 1;
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

	st->bytes = o->offsets_bytes;
	st->lex = qx_lex_new();
	st->doc = qx_doc_new();
	if (st->lex == NULL || st->doc == NULL)
		return pl_error_set(err, "out of memory");
	/* the driver prints err with its file:line:col */
	if (qx_lex_load(st->lex, pl_run_config(run), o->lang, err) == -1)
		return -1;
	return 0;
}

/*
 * Append a span of the text as a JSON string, or null when empty.  A name
 * broken over two lines ("Mayor\nElena") gets one space instead.
 */
static int
put_span(struct pl_buf *b, struct pl_buf *tmp, const char *text,
         const struct qx_span *sp)
{
	size_t i;
	int white = 0;

	if (sp->e <= sp->b)
		return pl_buf_puts(b, "null");
	pl_buf_reset(tmp);
	for (i = sp->b; i < sp->e; i++) {
		char c = text[i];
		if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
			white = 1;
			continue;
		}
		if ((white && pl_buf_putc(tmp, ' ') < 0) ||
		    pl_buf_putc(tmp, (unsigned char)c) < 0)
			return -1;
		white = 0;
	}
	return pl_json_put_string(b, tmp->data, tmp->len);
}

static int
put_record(struct state *st, const struct pl_doc *d, struct pl_run *run,
           const struct qx_quote *q)
{
	const struct pl_opts *o = pl_run_opts(run);
	struct pl_json_edit ed[10];
	static const char *const names[] = {"quote", "speaker", "mention",
	                                    "cue"};
	size_t ne = 0, i;
	unsigned long long so, eo;

	for (i = 0; i < 5; i++)
		pl_buf_reset(&st->val[i]);
	pl_buf_reset(&st->num[0]);
	pl_buf_reset(&st->num[1]);
	so = st->bytes ? q->inner.b : q->cp_start;
	eo = st->bytes ? q->inner.e : q->cp_end;
	if (pl_json_put_string(&st->val[0], d->text + q->inner.b,
	                       q->inner.e - q->inner.b) < 0 ||
	    put_span(&st->val[1], &st->val[4], d->text, &q->speaker) < 0 ||
	    put_span(&st->val[2], &st->val[4], d->text, &q->mention) < 0 ||
	    put_span(&st->val[3], &st->val[4], d->text, &q->cue) < 0 ||
	    pl_json_put_int(&st->num[0], (long long)so) < 0 ||
	    pl_json_put_int(&st->num[1], (long long)eo) < 0)
		return -1;
	if (d->is_json && d->json != NULL) {
		/* the text member is dropped; the quote fields go at the end
		 * (or replace members of the same name in place) */
		ed[ne].path = o->key;
		ed[ne].val = NULL;
		ed[ne].vallen = 0;
		ne++;
		for (i = 0; i < 4; i++) {
			ed[ne].path = names[i];
			ed[ne].val = st->val[i].data;
			ed[ne].vallen = st->val[i].len;
			ne++;
		}
		ed[ne].path = "start";
		ed[ne].val = st->num[0].data;
		ed[ne].vallen = st->num[0].len;
		ne++;
		ed[ne].path = "end";
		ed[ne].val = st->num[1].data;
		ed[ne].vallen = st->num[1].len;
		ne++;
		ed[ne].path = "partial";
		ed[ne].val = q->partial ? "true" : "false";
		ed[ne].vallen = q->partial ? 4 : 5;
		ne++;
		if (st->all) {
			ed[ne].path = "speech";
			ed[ne].val = q->speech ? "true" : "false";
			ed[ne].vallen = q->speech ? 4 : 5;
			ne++;
		}
		return pl_json_write_edited(&st->out, d->json, ed, ne);
	}
	/* text input, JSONL output: the document's name is its id */
	if (pl_buf_puts(&st->out, "{\"id\":") < 0 ||
	    pl_json_put_string(&st->out, d->name, strlen(d->name)) < 0)
		return -1;
	for (i = 0; i < 4; i++) {
		if (pl_buf_printf(&st->out, ",\"%s\":", names[i]) < 0 ||
		    pl_buf_append(&st->out, st->val[i].data, st->val[i].len) <
		        0)
			return -1;
	}
	if (pl_buf_printf(&st->out, ",\"start\":%s,\"end\":%s,\"partial\":%s",
	                  st->num[0].data, st->num[1].data,
	                  q->partial ? "true" : "false") < 0)
		return -1;
	if (st->all && pl_buf_printf(&st->out, ",\"speech\":%s",
	                             q->speech ? "true" : "false") < 0)
		return -1;
	return pl_buf_putc(&st->out, '}');
}

/*
 * Text output: speaker TAB quotation, one a line, taken from the bytes as
 * read when the text was repaired, so that invalid UTF-8 passes through.
 */
static int
put_text(struct state *st, const struct pl_doc *doc,
         struct pl_utf8_unrepair *raw, const struct qx_quote *q)
{
	const char *s = doc->text + q->speaker.b, *t = doc->text + q->inner.b;
	size_t sn = q->speaker.e - q->speaker.b, tn = q->inner.e - q->inner.b;

	if (raw != NULL) {
		pl_utf8_unrepair_span(raw, q->speaker.b, q->speaker.e, &s, &sn);
		pl_utf8_unrepair_span(raw, q->inner.b, q->inner.e, &t, &tn);
	}
	if (pl_text_put_flat(&st->out, s, sn, PL_FLAT_TABS) < 0 ||
	    pl_buf_putc(&st->out, '\t') < 0 ||
	    pl_text_put_flat(&st->out, t, tn, PL_FLAT_TABS) < 0)
		return -1;
	return 0;
}

static int
process(void *arg, struct pl_run *run, const struct pl_doc *doc,
        struct pl_error *err)
{
	struct state *st = arg;
	int jsonl = pl_run_jsonl_out(run);
	struct pl_utf8_unrepair *raw = pl_run_raw_map(run, doc);
	size_t i;

	if (!doc->has_text || doc->len == 0)
		return 0;
	if (qx_extract(st->lex, st->doc, doc->text, doc->len) == -1)
		return pl_error_set(err, "out of memory");
	for (i = 0; i < st->doc->n; i++) {
		const struct qx_quote *q = &st->doc->q[i];
		int rc;

		if (!q->speech && !st->all)
			continue;
		pl_buf_reset(&st->out);
		if (jsonl)
			rc = put_record(st, doc, run, q);
		else
			rc = put_text(st, doc, raw, q);
		if (rc < 0)
			return pl_error_set(err, "out of memory");
		if (pl_run_write(run, st->out.data, st->out.len, err) < 0)
			return -1;
		st->nquotes++;
		if (q->speaker.e > q->speaker.b)
			st->nspeakers++;
	}
	return 0;
}

static int
finish(void *arg, struct pl_run *run, struct pl_error *err)
{
	struct state *st = arg;

	(void)err;
	pl_run_stat(run, "quotes", st->nquotes);
	pl_run_stat(run, "with speaker", st->nspeakers);
	return 0;
}

static void
cleanup(void *arg)
{
	struct state *st = arg;
	size_t i;

	qx_lex_free(st->lex);
	qx_doc_free(st->doc);
	pl_buf_free(&st->out);
	for (i = 0; i < 5; i++)
		pl_buf_free(&st->val[i]);
	pl_buf_free(&st->num[0]);
	pl_buf_free(&st->num[1]);
}

static const struct pl_tool tool = {
    "extract-quotes",
    "Find direct quotations in news text and say who said them: one "
    "JSONL record\nor one \"speaker<TAB>quote\" line a quotation.",
    "[OPTION]... [FILE]...",
    "  -a, --all              also write scare quotes and titles, marked "
    "\"speech\":false\n",
    longopts,
    "a",
    PL_UNIT_DOC,
    PL_TOOL_OFFSETS,
    extract_quotes_defaults,
    0,
    config_keys,
    option,
    start,
    process,
    finish,
    cleanup};

int
main(int argc, char **argv)
{
	static struct state st;
	struct pl_tool t = tool;

	t.defaults_len = extract_quotes_defaults_len;
	return pl_main(&t, &st, argc, argv);
}
