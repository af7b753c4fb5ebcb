/*
 * qx_lex.c - the language data of extract-quotes: a table of lower-case
 * words with their classes (cue verb, title, pronoun, ...) and the quote
 * mark pairs, loaded from the tool's YAML (extract-quotes.yaml).
 *
 * Words are stored case-folded (utf8proc lower case, one code point at a
 * time) in an open-addressing hash table.  A phrase such as "according
 * to" is stored under its first word, with the rest kept as a follower
 * string the extractor checks.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"
#include "qx_int.h"
#include "utf8.h"

struct qx_lex *
qx_lex_new(void)
{
	struct qx_lex *lex;
	struct pl_error err;

	lex = calloc(1, sizeof(*lex));
	if (lex == NULL)
		return NULL;
	lex->set.max_paragraphs = 12;
	lex->set.scare_words = 4;
	lex->set.pronoun_window = 8;
	/* neutral sentence rules until qx_lex_load brings the data */
	lex->sent = pl_sent_rules_new(NULL, "und", &err);
	if (lex->sent == NULL) {
		free(lex);
		return NULL;
	}
	return lex;
}

void
qx_lex_free(struct qx_lex *lex)
{
	size_t i;

	if (lex == NULL)
		return;
	for (i = 0; i < lex->cap; i++) {
		free(lex->tab[i].word);
		free(lex->tab[i].next);
	}
	free(lex->tab);
	free(lex->pairs);
	pl_sent_rules_free(lex->sent);
	free(lex);
}

struct qx_settings *
qx_lex_settings(struct qx_lex *lex)
{
	return &lex->set;
}

/*
 * Append the lower-case form of s to out.  Used for the table and for
 * every word of a document, so both sides agree.
 */
int
qx_lower(const char *s, size_t len, struct pl_buf *out)
{
	size_t i = 0, n;
	int32_t cp;

	if (pl_buf_reserve(out, len) == -1)
		return -1;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			if (out->len + 1 >= out->cap &&
			    pl_buf_reserve(out, len - i) == -1)
				return -1;
			out->data[out->len++] = (char)c;
			out->data[out->len] = '\0';
			i++;
			continue;
		}
		n = pl_utf8_decode(s + i, len - i, &cp);
		if (cp < 0)
			cp = PL_REPLACEMENT;
		if (pl_buf_put_cp(out, pl_uc_tolower(cp)) == -1)
			return -1;
		i += n;
	}
	return 0;
}

static struct qx_entry *
find_slot(const struct qx_lex *lex, const char *w, size_t len)
{
	size_t i;

	if (lex->cap == 0)
		return NULL;
	i = pl_hash_fnv1a64(w, len) & (lex->cap - 1);
	for (;;) {
		struct qx_entry *e = &lex->tab[i];
		if (e->word == NULL)
			return e;
		if (e->len == len && memcmp(e->word, w, len) == 0)
			return e;
		i = (i + 1) & (lex->cap - 1);
	}
}

const struct qx_entry *
qx_lex_find(const struct qx_lex *lex, const char *lw, size_t len)
{
	struct qx_entry *e = find_slot(lex, lw, len);

	return e != NULL && e->word != NULL ? e : NULL;
}

static int
grow(struct qx_lex *lex)
{
	struct qx_entry *old = lex->tab;
	size_t oldcap = lex->cap, i;
	size_t cap = oldcap ? oldcap * 2 : 512;

	lex->tab = calloc(cap, sizeof(*lex->tab));
	if (lex->tab == NULL) {
		lex->tab = old;
		return -1;
	}
	lex->cap = cap;
	for (i = 0; i < oldcap; i++) {
		if (old[i].word != NULL)
			*find_slot(lex, old[i].word, old[i].len) = old[i];
	}
	free(old);
	return 0;
}

int
qx_lex_add(struct qx_lex *lex, const char *w, size_t len, unsigned flags)
{
	struct pl_buf lw = PL_BUF_INIT;
	struct qx_entry *e;
	size_t sp;

	if (qx_lower(w, len, &lw) == -1)
		goto nomem;
	for (sp = 0; sp < lw.len && lw.data[sp] != ' '; sp++)
		;
	if (sp == 0) {
		pl_buf_free(&lw);
		return 0;
	}
	if ((lex->used + 1) * 2 > lex->cap && grow(lex) == -1)
		goto nomem;
	e = find_slot(lex, lw.data, sp);
	if (e->word == NULL) {
		e->word = malloc(sp + 1);
		if (e->word == NULL)
			goto nomem;
		memcpy(e->word, lw.data, sp);
		e->word[sp] = '\0';
		e->len = sp;
		lex->used++;
	}
	if (sp < lw.len) {
		/* A phrase: the class goes to the phrase, not the word. */
		free(e->next);
		e->nextlen = lw.len - sp - 1;
		e->next = malloc(e->nextlen + 1);
		if (e->next == NULL)
			goto nomem;
		memcpy(e->next, lw.data + sp + 1, e->nextlen);
		e->next[e->nextlen] = '\0';
		e->phrase |= flags;
	} else
		e->flags |= flags;
	pl_buf_free(&lw);
	return 0;
nomem:
	pl_buf_free(&lw);
	return -1;
}

static int32_t
one_cp(const char *s, size_t len)
{
	int32_t cp;

	if (len == 0 || pl_utf8_decode(s, len, &cp) != len || cp < 0)
		return -1;
	return cp;
}

int
qx_lex_add_pair(struct qx_lex *lex, const char *open, size_t olen,
                const char *close, size_t clen)
{
	int32_t o = one_cp(open, olen), c = one_cp(close, clen);
	struct qx_pair *p;

	if (o < 0 || c < 0)
		return -1;
	if (lex->npairs == lex->pcap) {
		size_t cap = lex->pcap ? lex->pcap * 2 : 16;
		p = realloc(lex->pairs, cap * sizeof(*p));
		if (p == NULL)
			return -1;
		lex->pairs = p;
		lex->pcap = cap;
	}
	lex->pairs[lex->npairs].open = o;
	lex->pairs[lex->npairs].close = c;
	lex->npairs++;
	return 0;
}

/* The word lists of one language and the class each gives. */
static const struct {
	const char *key;
	unsigned flags;
} lists[] = {
    {"cues", QX_CUE},
    {"according", QX_ACCORDING},
    {"titles", QX_TITLE},
    {"male", QX_MALE},
    {"female", QX_FEMALE},
    {"pronouns_male", QX_PRON_M},
    {"pronouns_female", QX_PRON_F},
    {"pronouns_plural", QX_PRON_P},
    {"pronouns_other", QX_PRON_O},
    {"determiners", QX_DET},
    {"adverbs", QX_ADV},
    {"times", QX_TIME},
    {"function_words", QX_FUNC},
    {"org_words", QX_ORG},
    {"first_male", QX_FIRST_M},
    {"first_female", QX_FIRST_F},
    {"abbreviations", QX_ABBR},
    {"particles", QX_PARTICLE},
    {"clause_words", QX_CLAUSE},
    {"speaker_nouns", QX_NOUN},
    {"noun_prepositions", QX_PREP},
    {"possessive_male", QX_POSS_M},
    {"possessive_female", QX_POSS_F},
};

static int
node_err(struct pl_error *err, const struct pl_cfg_node *n, const char *what)
{
	return pl_error_set_at(err, n->file, n->line, n->col, "%s", what);
}

static int
load_language(struct qx_lex *lex, const struct pl_cfg_node *map,
              struct pl_error *err)
{
	size_t i, j, k;

	if (map->kind != PL_CFG_MAP)
		return node_err(err, map, "a language must be a mapping");
	for (i = 0; i < map->n; i++) {
		const struct pl_cfg_node *seq = &map->items[i];
		for (k = 0; k < sizeof(lists) / sizeof(lists[0]); k++)
			if (strcmp(map->keys[i], lists[k].key) == 0)
				break;
		if (k == sizeof(lists) / sizeof(lists[0]))
			return pl_error_set_at(err, seq->file, seq->line,
			                       seq->col, "unknown key \"%s\"",
			                       map->keys[i]);
		if (seq->kind != PL_CFG_SEQ)
			return node_err(err, seq, "expected a list of words");
		for (j = 0; j < seq->n; j++) {
			const struct pl_cfg_node *w = &seq->items[j];
			if (w->kind != PL_CFG_SCALAR)
				return node_err(err, w, "expected a word");
			if (qx_lex_add(lex, w->str, w->len, lists[k].flags))
				return pl_error_set(err, "out of memory");
		}
	}
	return 0;
}

static int
load_long(const struct pl_cfg_node *n, long *out, long min, long max,
          struct pl_error *err)
{
	if (pl_cfg_long(n, out, err) == -1)
		return -1;
	if (*out < min || *out > max)
		return pl_error_set_at(err, n->file, n->line, n->col,
		                       "value out of range %ld..%ld", min, max);
	return 0;
}

int
qx_lex_load(struct qx_lex *lex, const struct pl_cfg_node *root,
            const char *lang, struct pl_error *err)
{
	const struct pl_cfg_node *langs = NULL, *sdata = NULL;
	int all = lang == NULL || strcmp(lang, "und") == 0 ||
	          strcmp(lang, "auto") == 0;
	size_t i, found = 0;
	char base[16];

	if (root != NULL && root->kind != PL_CFG_MAP)
		return node_err(err, root, "expected a mapping");
	for (i = 0; root != NULL && i < root->n; i++) {
		const char *key = root->keys[i];
		const struct pl_cfg_node *v = &root->items[i];
		if (strcmp(key, "max_paragraphs") == 0) {
			if (load_long(v, &lex->set.max_paragraphs, 1, 1000,
			              err) == -1)
				return -1;
		} else if (strcmp(key, "scare_words") == 0) {
			if (load_long(v, &lex->set.scare_words, 0, 1000, err) ==
			    -1)
				return -1;
		} else if (strcmp(key, "pronoun_window") == 0) {
			if (load_long(v, &lex->set.pronoun_window, 0, 1000,
			              err) == -1)
				return -1;
		} else if (strcmp(key, "quote_marks") == 0) {
			size_t j;
			if (v->kind != PL_CFG_SEQ)
				return node_err(err, v, "expected a list");
			lex->npairs = 0;
			for (j = 0; j < v->n; j++) {
				const struct pl_cfg_node *p = &v->items[j];
				if (p->kind != PL_CFG_SEQ || p->n != 2 ||
				    p->items[0].kind != PL_CFG_SCALAR ||
				    p->items[1].kind != PL_CFG_SCALAR)
					return node_err(
					    err, p, "expected [open, close]");
				if (qx_lex_add_pair(
				        lex, p->items[0].str, p->items[0].len,
				        p->items[1].str, p->items[1].len) == -1)
					return node_err(
					    err, p,
					    "a quote mark must be one "
					    "character");
			}
		} else if (strcmp(key, "languages") == 0) {
			if (v->kind != PL_CFG_MAP)
				return node_err(err, v, "expected a mapping");
			langs = v;
		} else if (strcmp(key, "sentences") == 0) {
			/* common/sentence.c checks it */
			sdata = v;
		} else
			return pl_error_set_at(err, v->file, v->line, v->col,
			                       "unknown key \"%s\"", key);
	}
	/* "de-AT" uses the data of "de". */
	for (i = 0; lang != NULL && lang[i] != '\0' && lang[i] != '-' &&
	            lang[i] != '_' && i + 1 < sizeof(base);
	     i++)
		base[i] = lang[i];
	base[i] = '\0';
	for (i = 0; langs != NULL && i < langs->n; i++) {
		if (!all && strcmp(langs->keys[i], base) != 0)
			continue;
		if (load_language(lex, &langs->items[i], err) == -1)
			return -1;
		found++;
	}
	if (root != NULL && !all && found == 0)
		return pl_error_set(err, "no language data for \"%s\"", lang);
	/*
	 * Sentence boundaries come from common/sentence.c.  Where the word
	 * lists merge every language ("und"), the sentence rules guess the
	 * language of each document instead of using the neutral rules only,
	 * so that "Sen." or "Gov." do not end an English sentence.
	 */
	pl_sent_rules_free(lex->sent);
	lex->sent = pl_sent_rules_new(sdata, all ? "auto" : lang, err);
	if (lex->sent == NULL)
		return -1;
	return 0;
}
