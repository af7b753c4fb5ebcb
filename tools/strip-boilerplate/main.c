/*
 * strip-boilerplate - keep the headline and the article body of a text
 * dump of a news page; drop menus, share buttons, counters, link lists,
 * teasers and footers.
 *
 * Reads plain text (a FILE is one page) or JSON Lines (the dump is the
 * string member named by -k) and writes the clean text: in text mode the
 * headline first, pages separated by a blank line and a form feed; in
 * JSONL mode the record with its text member replaced and "title" and
 * "dropped" added.  The classifier is in bp.c, its data and weights in
 * strip-boilerplate.yaml, weights.yaml and stopwords.yaml.
 *
 *	w3m -dump "$url" | strip-boilerplate | split-sentences
 *	strip-boilerplate --site-state sites.db crawl.jsonl > clean.jsonl
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bp.h"
#include "bp_site.h"
#include "buf.h"
#include "config.h"
#include "json.h"
#include "line.h"
#include "pressline.h"
#include "run.h"

extern const char strip_boilerplate_defaults[];
extern const size_t strip_boilerplate_defaults_len;

enum {
	OPT_EXPLAIN = PL_OPT_TOOL,
	OPT_PRECISION,
	OPT_RECALL,
	OPT_THRESHOLD,
	OPT_SITE,
	OPT_SITE_STATE,
	OPT_TWO_PASS
};

struct state {
	struct bp_settings set; /* first: the config table points here */
	struct bp_model *model;
	struct bp_page page;
	struct bp_opts bo;
	struct bp_sites *sites;
	struct bp_site *site; /* site of the current page, or NULL */
	int explain;
	int two_pass;     /* --two-pass: the memory was filled in start() */
	int knob;         /* 0, OPT_PRECISION or OPT_RECALL */
	double threshold; /* --threshold, or < 0 */
	const char *site_name;    /* --site */
	const char *site_state;   /* --site-state */
	unsigned long long ntext; /* text-mode pages written */
	long long dropped, pages, templated;
	uint64_t *fps;
	size_t nfps;
	struct pl_buf out, val, title, expl, num, why;
};

static const struct option longopts[] = {
    {"explain", no_argument, NULL, OPT_EXPLAIN},
    {"precision", no_argument, NULL, OPT_PRECISION},
    {"recall", no_argument, NULL, OPT_RECALL},
    {"site", required_argument, NULL, OPT_SITE},
    {"site-state", required_argument, NULL, OPT_SITE_STATE},
    {"threshold", required_argument, NULL, OPT_THRESHOLD},
    {"two-pass", no_argument, NULL, OPT_TWO_PASS},
    {NULL, 0, NULL, 0}};

static int
option(void *arg, int opt, const char *optarg, struct pl_error *err)
{
	struct state *st = arg;
	char *end;

	switch (opt) {
	case OPT_EXPLAIN:
		st->explain = 1;
		return 0;
	case OPT_PRECISION:
	case OPT_RECALL:
		st->knob = opt;
		return 0;
	case OPT_THRESHOLD:
		st->threshold = strtod(optarg, &end);
		if (end == optarg || *end != '\0' || !(st->threshold >= 0) ||
		    st->threshold > 1)
			return pl_error_set(err,
			                    "--threshold: '%s' is not a "
			                    "number from 0 to 1",
			                    optarg);
		return 0;
	case OPT_SITE:
		if (optarg[0] == '\0')
			return pl_error_set(err, "--site: empty name");
		st->site_name = optarg;
		return 0;
	case OPT_SITE_STATE:
		st->site_state = optarg;
		return 0;
	case OPT_TWO_PASS:
		st->two_pass = 1;
		return 0;
	default:
		return pl_error_set(err, "unknown option");
	}
}

static int prepass(struct state *st, struct pl_run *run, struct pl_error *err);

static int
start(void *arg, struct pl_run *run, struct pl_error *err)
{
	struct state *st = arg;
	const struct pl_opts *o = pl_run_opts(run);

	if (bp_model_new(&st->set, &st->model, err) < 0)
		return -1;
	st->bo.threshold = st->set.threshold;
	if (st->knob == OPT_PRECISION)
		st->bo.threshold = st->set.precision_threshold;
	else if (st->knob == OPT_RECALL)
		st->bo.threshold = st->set.recall_threshold;
	if (st->threshold >= 0)
		st->bo.threshold = st->threshold;
	/* no -l: guess the language from the stop lists */
	st->bo.lang = bp_model_lang(
	    st->model, strcmp(o->lang, "und") == 0 ? "auto" : o->lang);
	if (st->site_state != NULL || st->site_name != NULL || st->two_pass)
		if (bp_sites_open(st->site_state, st->set.site_max_sites,
		                  st->set.site_max_lines, &st->sites, err) < 0)
			return -1;
	if (st->two_pass)
		return prepass(st, run, err);
	return 0;
}

static int
is_template(void *ctx, uint64_t fp)
{
	struct state *st = ctx;

	if (st->two_pass) {
		/* the page itself was counted in the first pass: look at
		 * its siblings only */
		unsigned long pages = bp_site_pages(st->site);
		unsigned long c = bp_site_count(st->site, fp);

		if (pages < 1 + (unsigned long)st->set.two_pass_min_siblings ||
		    c < 2)
			return 0;
		return (double)(c - 1) >=
		       st->set.site_min_share * (double)(pages - 1);
	}
	return bp_site_is_template(st->site, fp, st->set.site_min_pages,
	                           st->set.site_min_share);
}

/* The host part of a URL: "https://www.x.com:80/a" -> "www.x.com". */
static void
url_host(const char *u, size_t n, const char **h, size_t *hn)
{
	size_t i = 0, e;

	for (i = 0; i + 2 < n; i++)
		if (u[i] == ':' && u[i + 1] == '/' && u[i + 2] == '/') {
			i += 3;
			break;
		}
	if (i + 2 >= n)
		i = 0;
	for (e = i;
	     e < n && u[e] != '/' && u[e] != ':' && u[e] != '?' && u[e] != '#';
	     e++)
		continue;
	*h = u + i;
	*hn = e - i;
}

/* Pick the site of this page: --site, a "host" member, or the host of
 * a "url" member.  Leaves st->site NULL when there is none. */
static int
choose_site(struct state *st, const struct pl_doc *doc)
{
	struct pl_json_member m;
	const char *h = NULL;
	size_t hn = 0;

	st->site = NULL;
	if (st->sites == NULL)
		return 0;
	pl_buf_reset(&st->val);
	if ((st->site_name != NULL && strcmp(st->site_name, "@dir") == 0) ||
	    (st->site_name == NULL && st->two_pass && doc->json == NULL)) {
		/* the directory the page is in: dumps/<host>/<page>.txt */
		const char *e = strrchr(doc->name, '/');

		if (e != NULL) {
			h = e;
			while (h > doc->name && h[-1] != '/')
				h--;
			hn = (size_t)(e - h);
		}
	} else if (st->site_name != NULL) {
		h = st->site_name;
		hn = strlen(h);
	} else if (doc->json != NULL) {
		if (pl_json_lookup(doc->json, "host", &m) &&
		    m.type == PL_JSON_STRING && m.vallen > 2) {
			if (pl_json_decode_string(m.val, m.vallen, &st->val,
			                          NULL) < 0)
				return -1;
			h = st->val.data;
			hn = st->val.len;
		} else if (pl_json_lookup(doc->json, "url", &m) &&
		           m.type == PL_JSON_STRING) {
			if (pl_json_decode_string(m.val, m.vallen, &st->val,
			                          NULL) < 0)
				return -1;
			url_host(st->val.data, st->val.len, &h, &hn);
		}
	}
	if (h == NULL || hn == 0)
		return 0;
	if ((st->site = bp_sites_get(st->sites, h, hn)) == NULL)
		return -1;
	return 0;
}

/* Remember this page's lines for the site. */
static int
learn_site(struct state *st)
{
	const struct bp_page *pg = &st->page;
	size_t i;

	if (st->site == NULL)
		return 0;
	if (pg->n > st->nfps) {
		uint64_t *f = realloc(st->fps, pg->n * sizeof(*f));

		if (f == NULL)
			return -1;
		st->fps = f;
		st->nfps = pg->n;
	}
	for (i = 0; i < pg->n; i++)
		st->fps[i] = pg->lines[i].fp;
	return bp_site_add_page(st->sites, st->site, st->fps, pg->n);
}

/* Classify one page of the first pass and count its lines for its site. */
static int
prepass_page(struct state *st, const struct pl_doc *doc)
{
	if (choose_site(st, doc) < 0)
		return -1;
	if (st->site == NULL)
		return 0;
	st->bo.is_template = NULL;
	st->bo.fingerprints = 1;
	if (bp_classify(st->model, doc->text, doc->len, &st->bo, &st->page) < 0)
		return -1;
	return learn_site(st);
}

/*
 * The first pass of --two-pass over one input: a text file is one page,
 * a JSONL file one page a record (the format is told as the run will
 * tell it).  Records the run will reject are skipped here; so is an
 * input that cannot be read (the run reports it).  Memory: one line and
 * one page at a time, plus the capped site tables.
 */
static int
prepass_file(struct state *st, const struct pl_opts *o, const char *name)
{
	struct pl_line_reader r;
	struct pl_json_object obj = PL_JSON_OBJECT_INIT;
	struct pl_json_member m;
	struct pl_buf page = PL_BUF_INIT, scratch = PL_BUF_INIT;
	struct pl_error jerr;
	const char *line;
	size_t len, i;
	int rc, jsonl = -1, ret = 0;
	FILE *fp;

	if ((fp = fopen(name, "rb")) == NULL)
		return 0;
	if (o->from != PL_FMT_AUTO)
		jsonl = o->from == PL_FMT_JSONL;
	pl_line_init(&r, fp, name);
	while ((rc = pl_line_read(&r, &line, &len)) > 0) {
		struct pl_doc doc;

		if (jsonl < 0) {
			for (i = 0;
			     i < len && (line[i] == ' ' || line[i] == '\t');
			     i++)
				continue;
			if (i == len)
				continue; /* blank lines do not decide */
			jsonl = line[i] == '{';
		}
		if (!jsonl) {
			if ((page.len > 0 || r.lineno > 1) &&
			    pl_buf_putc(&page, '\n') < 0)
				goto nomem;
			if (pl_buf_append(&page, line, len) < 0)
				goto nomem;
			continue;
		}
		if (pl_json_parse_object(&obj, line, len, &jerr) < 0) {
			if (jerr.col == 0)
				goto nomem;
			continue;
		}
		if (!pl_json_lookup(&obj, o->key, &m) ||
		    m.type != PL_JSON_STRING)
			continue;
		memset(&doc, 0, sizeof(doc));
		if (pl_json_string_view(&m, &scratch, &doc.text, &doc.len,
		                        NULL) < 0)
			continue;
		doc.json = &obj;
		doc.is_json = doc.has_text = 1;
		doc.name = name;
		if (prepass_page(st, &doc) < 0)
			goto nomem;
	}
	if (rc == 0 && jsonl == 0) {
		struct pl_doc doc;

		memset(&doc, 0, sizeof(doc));
		doc.text = page.data != NULL ? page.data : "";
		doc.len = page.len;
		doc.has_text = 1;
		doc.name = name;
		if (prepass_page(st, &doc) < 0)
			goto nomem;
	}
	if (rc < 0 && errno == ENOMEM)
		goto nomem;
	goto out;
nomem:
	ret = -1;
out:
	pl_line_free(&r);
	fclose(fp);
	pl_json_object_free(&obj);
	pl_buf_free(&page);
	pl_buf_free(&scratch);
	return ret;
}

/* --two-pass: read every input once before the run, so that each page is
 * classified knowing the lines its siblings of the same site repeat. */
static int
prepass(struct state *st, struct pl_run *run, struct pl_error *err)
{
	const struct pl_opts *o = pl_run_opts(run);
	const char *const *in;
	size_t n, i;

	in = pl_run_inputs(run, &n);
	for (i = 0; i < n; i++) {
		if (strcmp(in[i], "-") == 0) {
			pl_run_warn(run, "--two-pass: standard input is read "
			                 "once; its pages are not counted");
			continue;
		}
		if (prepass_file(st, o, in[i]) < 0)
			return pl_error_set(err, "out of memory");
	}
	return 0;
}

/* Text-mode --explain: one line of the page per output line. */
static int
put_explain_text(struct state *st, const struct bp_source *src)
{
	const struct bp_page *pg = &st->page;
	size_t i;

	for (i = 0; i < pg->n; i++) {
		const struct bp_line *l = &pg->lines[i];

		if (i > 0 && pl_buf_putc(&st->out, '\n') < 0)
			return -1;
		if (pl_buf_printf(&st->out, "%s\t%.2f\t",
		                  l->keep ? "KEEP" : "DROP", l->score) < 0 ||
		    bp_put_reason(st->model, pg, i, &st->out) < 0 ||
		    pl_buf_putc(&st->out, '\t') < 0 ||
		    bp_put_line(src, l, &st->out) < 0)
			return -1;
	}
	return 0;
}

/* JSONL --explain: [["KEEP",0.93,"why","line"],...] */
static int
put_explain_json(struct state *st, const char *text, struct pl_buf *b)
{
	const struct bp_page *pg = &st->page;
	size_t i;

	if (pl_buf_putc(b, '[') < 0)
		return -1;
	for (i = 0; i < pg->n; i++) {
		const struct bp_line *l = &pg->lines[i];

		pl_buf_reset(&st->why);
		if (bp_put_reason(st->model, pg, i, &st->why) < 0)
			return -1;
		if ((i > 0 && pl_buf_putc(b, ',') < 0) ||
		    pl_buf_printf(b, "[\"%s\",%.2f,", l->keep ? "KEEP" : "DROP",
		                  l->score) < 0 ||
		    pl_json_put_string(b, st->why.data, st->why.len) < 0 ||
		    pl_buf_putc(b, ',') < 0 ||
		    pl_json_put_string(b, text + l->start, l->len) < 0 ||
		    pl_buf_putc(b, ']') < 0)
			return -1;
	}
	return pl_buf_putc(b, ']');
}

static int
put_json(struct state *st, const struct pl_doc *doc, const char *key)
{
	const struct bp_page *pg = &st->page;
	struct pl_json_edit ed[4];
	struct bp_source src = {doc->text, NULL}; /* JSON: repaired text */
	size_t ne = 0;
	long long dropped = (long long)(pg->n - pg->kept);

	pl_buf_reset(&st->val);
	pl_buf_reset(&st->title);
	pl_buf_reset(&st->num);
	pl_buf_reset(&st->expl);
	pl_buf_reset(&st->why);
	if (bp_put_text(pg, &src, &st->why) < 0 ||
	    pl_json_put_string(&st->val, st->why.data, st->why.len) < 0 ||
	    pl_json_put_int(&st->num, dropped) < 0)
		return -1;
	if (pg->title >= 0 &&
	    pl_json_put_string(&st->title,
	                       doc->text + pg->lines[pg->title].start,
	                       pg->lines[pg->title].len) < 0)
		return -1;
	if (st->explain && put_explain_json(st, doc->text, &st->expl) < 0)
		return -1;
	if (doc->json == NULL) {
		/* text input, JSONL output: the page's name is its id */
		if (pl_buf_puts(&st->out, "{\"id\":") < 0 ||
		    pl_json_put_string(&st->out, doc->name, strlen(doc->name)) <
		        0 ||
		    pl_buf_puts(&st->out, ",\"text\":") < 0 ||
		    pl_buf_append(&st->out, st->val.data, st->val.len) < 0)
			return -1;
		if (st->title.len > 0 &&
		    (pl_buf_puts(&st->out, ",\"title\":") < 0 ||
		     pl_buf_append(&st->out, st->title.data, st->title.len) <
		         0))
			return -1;
		if (pl_buf_printf(&st->out, ",\"dropped\":%s", st->num.data) <
		    0)
			return -1;
		if (st->explain &&
		    (pl_buf_puts(&st->out, ",\"explain\":") < 0 ||
		     pl_buf_append(&st->out, st->expl.data, st->expl.len) < 0))
			return -1;
		return pl_buf_putc(&st->out, '}');
	}
	ed[ne].path = key;
	ed[ne].val = st->val.data;
	ed[ne++].vallen = st->val.len;
	if (st->title.len > 0) {
		ed[ne].path = "title";
		ed[ne].val = st->title.data;
		ed[ne++].vallen = st->title.len;
	}
	ed[ne].path = "dropped";
	ed[ne].val = st->num.data;
	ed[ne++].vallen = st->num.len;
	if (st->explain) {
		ed[ne].path = "explain";
		ed[ne].val = st->expl.data;
		ed[ne++].vallen = st->expl.len;
	}
	return pl_json_write_edited(&st->out, doc->json, ed, ne);
}

static int
process(void *arg, struct pl_run *run, const struct pl_doc *doc,
        struct pl_error *err)
{
	struct state *st = arg;
	const struct pl_opts *o = pl_run_opts(run);
	int jsonl = pl_run_jsonl_out(run);
	struct bp_source src;

	pl_buf_reset(&st->out);
	if (doc->is_json && !doc->has_text) {
		/* nothing to clean: the record goes through as it came */
		if (jsonl)
			return pl_run_write(run, doc->raw, doc->rawlen, err);
		return 0;
	}
	if (choose_site(st, doc) < 0)
		return pl_error_set(err, "out of memory");
	st->bo.is_template = st->site != NULL ? is_template : NULL;
	st->bo.template_ctx = st;
	st->bo.fingerprints = st->site != NULL;
	if (bp_classify(st->model, doc->text, doc->len, &st->bo, &st->page) <
	        0 ||
	    (!st->two_pass && learn_site(st) < 0))
		return pl_error_set(err, "out of memory");
	st->pages++;
	st->dropped += (long long)(st->page.n - st->page.kept);
	if (jsonl) {
		if (put_json(st, doc, o->key) < 0)
			return pl_error_set(err, "out of memory");
		return pl_run_write(run, st->out.data, st->out.len, err);
	}
	if (st->page.n == 0)
		return 0;
	if (st->ntext++ > 0 && pl_run_write_raw(run, "\n\f\n", 3, err) < 0)
		return -1;
	/* text output passes the bytes through, invalid UTF-8 and all */
	src.text = doc->text;
	src.raw = pl_run_raw_map(run, doc);
	if ((st->explain ? put_explain_text(st, &src)
	                 : bp_put_text(&st->page, &src, &st->out)) < 0)
		return pl_error_set(err, "out of memory");
	return pl_run_write(run, st->out.data, st->out.len, err);
}

static int
finish(void *arg, struct pl_run *run, struct pl_error *err)
{
	struct state *st = arg;

	pl_run_stat(run, "lines dropped", st->dropped);
	if (st->sites != NULL && bp_sites_save(st->sites, err) < 0)
		return -1;
	return 0;
}

static void
cleanup(void *arg)
{
	struct state *st = arg;

	bp_model_free(st->model);
	bp_page_free(&st->page);
	bp_sites_free(st->sites);
	free(st->fps);
	pl_buf_free(&st->out);
	pl_buf_free(&st->val);
	pl_buf_free(&st->title);
	pl_buf_free(&st->expl);
	pl_buf_free(&st->num);
	pl_buf_free(&st->why);
}

static const struct pl_tool tool = {
    "strip-boilerplate",
    "Keep the headline and article body of text dumps of news pages; "
    "drop menus,\nshare buttons, counters, link lists, teasers and "
    "footers.",
    "[OPTION]... [FILE]...",
    "      --explain          print every line with KEEP or DROP, its "
    "score and why\n"
    "                         (JSONL: an \"explain\" member)\n"
    "      --precision        keep less: only lines sure to be "
    "article\n"
    "      --recall           keep more: lines that may be article\n"
    "      --threshold=P      keep lines whose score is above P "
    "(0..1, default 0.5)\n"
    "      --site=NAME        the pages come from site NAME; @dir: the "
    "name of the\n"
    "                         directory a page is in (default: the "
    "JSONL \"host\"\n"
    "                         member, or the host of \"url\")\n"
    "      --site-state=FILE  remember lines per site in FILE across "
    "runs and drop\n"
    "                         those found on most pages of the "
    "site\n"
    "      --two-pass         read all inputs first (e.g. -r DIR) and "
    "drop lines\n"
    "                         found on most pages of the same site "
    "(the directory\n"
    "                         of a text file, or as --site says)\n",
    longopts,
    "",
    PL_UNIT_DOC,
    0,
    strip_boilerplate_defaults,
    0,
    bp_cfg_keys,
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

	st.threshold = -1;
	t.defaults_len = strip_boilerplate_defaults_len;
	return pl_main(&t, &st, argc, argv);
}
