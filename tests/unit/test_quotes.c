/*
 * test_quotes.c - Criterion tests for tools/extract-quotes (qx.c,
 * qx_lex.c): every quote mark and attribution pattern issue 5 lists,
 * speaker resolution (short names, titles, pronouns by gender and
 * recency, nominal speakers), scare quotes, bad input, the offsets
 * contract, and the lexicon loader.  The fixtures are short articles of
 * our own writing.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include "new_assert.h"

#include "config.h"
#include "extract-quotes/qx.h"

extern const char extract_quotes_defaults[];
extern const size_t extract_quotes_defaults_len;

static struct qx_lex *qx_test_lex;
static struct qx_doc *qx_test_doc;
static const char *qx_test_text;

static void
qx_setup(void)
{
	struct pl_cfg_node *root = NULL;
	struct pl_error err;

	memset(&err, 0, sizeof(err));
	cr_assert(eq(int,
	             pl_cfg_parse(extract_quotes_defaults,
	                          extract_quotes_defaults_len, "defaults",
	                          &root, &err),
	             0),
	          "%s", err.msg);
	qx_test_lex = qx_lex_new();
	cr_assert(not(eq(ptr, qx_test_lex, NULL)));
	cr_assert(eq(int, qx_lex_load(qx_test_lex, root, "und", &err), 0), "%s",
	          err.msg);
	pl_cfg_free(root);
	qx_test_doc = qx_doc_new();
	cr_assert(not(eq(ptr, qx_test_doc, NULL)));
}

static void
qx_teardown(void)
{
	qx_lex_free(qx_test_lex);
	qx_doc_free(qx_test_doc);
}

/* Run the extractor on text; return the number of quotations (speech). */
static size_t
qx_run(const char *text)
{
	size_t i, n = 0;

	qx_test_text = text;
	cr_assert(eq(
	    int, qx_extract(qx_test_lex, qx_test_doc, text, strlen(text)), 0));
	for (i = 0; i < qx_test_doc->n; i++)
		if (qx_test_doc->q[i].speech)
			n++;
	return n;
}

/* The i-th speech quotation. */
static const struct qx_quote *
qx_nth(size_t i)
{
	size_t k;

	for (k = 0; k < qx_test_doc->n; k++)
		if (qx_test_doc->q[k].speech && i-- == 0)
			return &qx_test_doc->q[k];
	cr_assert(eq(int, 1, 0), "no quotation %zu", i);
	return NULL;
}

/* Compare a span of the current text with want ("" = no span). */
static void
qx_span_is(const struct qx_span *sp, const char *want, const char *what)
{
	size_t n = sp->e - sp->b;
	char *got = malloc(n + 1);

	cr_assert(not(eq(ptr, got, NULL)));
	memcpy(got, qx_test_text + sp->b, n);
	got[n] = '\0';
	cr_expect(eq(str, got, (char *)want), "%s", what);
	free(got);
}

static void
qx_check(size_t i, const char *quote, const char *speaker)
{
	const struct qx_quote *q = qx_nth(i);

	qx_span_is(&q->inner, quote, "quote");
	qx_span_is(&q->speaker, speaker, "speaker");
}

TestSuite(quotes, .init = qx_setup, .fini = qx_teardown);

/* ---- quote marks ---- */

Test(quotes, curly_and_straight_mixed)
{
	cr_assert(eq(sz,
	             qx_run("\xe2\x80\x9cWe are ready,\xe2\x80\x9d Ana "
	                    "Ruiz said. Later Ruiz added, \"Nobody is late.\""),
	             2));
	qx_check(0, "We are ready,", "Ana Ruiz");
	qx_check(1, "Nobody is late.", "Ana Ruiz");
}

Test(quotes, british_single_quotes_and_apostrophes)
{
	cr_assert(eq(sz,
	             qx_run("Tom Hale, who doesn\xe2\x80\x99t like the "
	                    "\xe2\x80\x99"
	                    "90s, said: \xe2\x80\x98It isn\xe2\x80\x99t the "
	                    "Jones\xe2\x80\x99 fault at all.\xe2\x80\x99"),
	             1));
	qx_check(0, "It isn\xe2\x80\x99t the Jones\xe2\x80\x99 fault at all.",
	         "Tom Hale");
}

Test(quotes, guillemets_french)
{
	cr_assert(eq(sz,
	             qx_run("\xc2\xab Nous avons gagn\xc3\xa9 \xc2\xbb, "
	                    "a d\xc3\xa9"
	                    "clar\xc3\xa9 Marie Dubois."),
	             1));
	qx_check(0, "Nous avons gagn\xc3\xa9", "Marie Dubois");
	qx_span_is(&qx_nth(0)->cue,
	           "d\xc3\xa9"
	           "clar\xc3\xa9",
	           "cue");
}

Test(quotes, german_low_high_marks)
{
	cr_assert(eq(sz,
	             qx_run("\xe2\x80\x9e"
	                    "Das ist ein guter Tag\xe2\x80\x9c, "
	                    "sagte Klaus Berger."),
	             1));
	qx_check(0, "Das ist ein guter Tag", "Klaus Berger");
}

Test(quotes, german_single_low_marks)
{
	cr_assert(eq(sz,
	             qx_run("Jana Vogt sagte: \xe2\x80\x9aWir bleiben "
	                    "hier bis zum Ende.\xe2\x80\x98"),
	             1));
	qx_check(0, "Wir bleiben hier bis zum Ende.", "Jana Vogt");
}

Test(quotes, cjk_corner_brackets)
{
	cr_assert(eq(sz,
	             qx_run("Ken Sato said \xe3\x80\x8c\xe5\xa4\xa7\xe4"
	                    "\xb8\x88\xe5\xa4\xab\xe3\x80\x8d and "
	                    "\xe3\x80\x8e\xe5\xa4\xa7\xe4"
	                    "\xb8\x88\xe5\xa4\xab\xe3\x80\x8f."),
	             2));
	qx_check(0, "\xe5\xa4\xa7\xe4\xb8\x88\xe5\xa4\xab", "Ken Sato");
}

Test(quotes, nested_quote_stays_inside)
{
	cr_assert(eq(
	    sz,
	    qx_run("\xe2\x80\x9cShe told me \xe2\x80\x98go "
	           "home\xe2\x80\x99 and I went,\xe2\x80\x9d Lee Park said."),
	    1));
	qx_check(0, "She told me \xe2\x80\x98go home\xe2\x80\x99 and I went,",
	         "Lee Park");
}

Test(quotes, several_sentences_one_quote)
{
	cr_assert(eq(sz,
	             qx_run("\xe2\x80\x9cIt rained. We waited. Then we "
	                    "left,\xe2\x80\x9d said Omar Farouk."),
	             1));
	qx_check(0, "It rained. We waited. Then we left,", "Omar Farouk");
}

Test(quotes, paragraph_continuation)
{
	cr_assert(eq(sz,
	             qx_run("Rita Moss said:\n\n\xe2\x80\x9c"
	                    "First "
	                    "paragraph of the speech.\n\n\xe2\x80\x9cSecond "
	                    "paragraph of the "
	                    "speech.\xe2\x80\x9d\n"),
	             1));
	qx_check(0,
	         "First paragraph of the speech.\n\n\xe2\x80\x9cSecond "
	         "paragraph of the speech.",
	         "Rita Moss");
}

Test(quotes, stray_opening_mark_mid_quote)
{
	cr_assert(eq(
	    sz,
	    qx_run(
	        "He said, \xe2\x80\x9cWe have no plan. "
	        "\xe2\x80\x9cWinning is not our goal,\xe2\x80\x9d Director Ryu "
	        "emphasized."),
	    1));
	qx_check(0, "We have no plan. \xe2\x80\x9cWinning is not our goal,",
	         "Ryu");
}

Test(quotes, unclosed_at_paragraph_end)
{
	cr_assert(eq(sz,
	             qx_run("Mia Long said: \xe2\x80\x9cThis never "
	                    "ends\nNext paragraph without marks.\n"),
	             1));
	cr_expect(qx_nth(0)->unclosed);
	qx_check(0, "This never ends", "Mia Long");
}

Test(quotes, garbage_never_crashes)
{
	static const char *bad[] = {"\xe2\x80\x9c",
	                            "\xe2\x80\x9d\xe2\x80\x9c",
	                            "\"",
	                            "'",
	                            "\"\"\"\"",
	                            "\xe2\x80\x9c\xe2\x80\x9c\xe2\x80\x9d",
	                            "\xff\xfe\"a\xff\"",
	                            "said \"",
	                            "\xe2\x80\x98\xe2\x80\x99",
	                            ""};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		(void)qx_run(bad[i]);
}

/* ---- attribution patterns ---- */

Test(quotes, speaker_after)
{
	cr_assert(eq(sz,
	             qx_run("\xe2\x80\x9cThe port is open,\xe2\x80\x9d "
	                    "Liu said."),
	             1));
	qx_check(0, "The port is open,", "Liu");
	qx_span_is(&qx_nth(0)->cue, "said", "cue");
	qx_span_is(&qx_nth(0)->mention, "Liu", "mention");
}

Test(quotes, inverted_cue_with_relative_clause)
{
	cr_assert(eq(sz,
	             qx_run("\xe2\x80\x9cIt is a red line,\xe2\x80\x9d "
	                    "said Liu, who leads the delegation."),
	             1));
	qx_check(0, "It is a red line,", "Liu");
}

Test(quotes, told_with_object)
{
	cr_assert(eq(sz,
	             qx_run("\xe2\x80\x9cWe keep our word,\xe2\x80\x9d "
	                    "Liu told the council."),
	             1));
	qx_span_is(&qx_nth(0)->cue, "told", "cue");
	qx_check(0, "We keep our word,", "Liu");
}

Test(quotes, speaker_before_colon)
{
	cr_assert(eq(sz,
	             qx_run("Liu said: \xe2\x80\x9cWe want peace.\xe2\x80"
	                    "\x9d"),
	             1));
	qx_check(0, "We want peace.", "Liu");
}

Test(quotes, pronoun_before_colon)
{
	cr_assert(
	    eq(sz,
	       qx_run("Mr. Liu Jianchao spoke first. He added: "
	              "\xe2\x80\x9cWe benefit from the order.\xe2\x80\x9d"),
	       1));
	qx_check(0, "We benefit from the order.", "Liu Jianchao");
	qx_span_is(&qx_nth(0)->mention, "He", "mention");
	qx_span_is(&qx_nth(0)->cue, "added", "cue");
}

Test(quotes, parenthetical_cue_partial)
{
	cr_assert(eq(sz,
	             qx_run("Beijing\xe2\x80\x99s goal, Liu said, is to "
	                    "\xe2\x80\x9c"
	                    "deliver a better life.\xe2\x80\x9d"),
	             1));
	qx_check(0, "deliver a better life.", "Liu");
	cr_expect(qx_nth(0)->partial);
}

Test(quotes, according_to)
{
	cr_assert(
	    eq(sz,
	       qx_run("The plan is \xe2\x80\x9c"
	              "dead on "
	              "arrival,\xe2\x80\x9d according to Senator Jo Pike."),
	       1));
	qx_check(0, "dead on arrival,", "Jo Pike");
	qx_span_is(&qx_nth(0)->cue, "according to", "cue");
}

Test(quotes, said_in_a_statement)
{
	cr_assert(eq(sz,
	             qx_run("\xe2\x80\x9cWe regret the delay,\xe2\x80\x9d "
	                    "Acme Rail said in a statement on Monday."),
	             1));
	qx_check(0, "We regret the delay,", "Acme Rail");
}

Test(quotes, dash_attribution)
{
	cr_assert(eq(sz,
	             qx_run("\xe2\x80\x9cThe market decides.\xe2\x80\x9d "
	                    "\xe2\x80\x94 Commissioner Ada Berg\n"),
	             1));
	qx_check(0, "The market decides.", "Ada Berg");
}

Test(quotes, continuation_takes_previous_speaker)
{
	cr_assert(eq(sz,
	             qx_run("\xe2\x80\x9c"
	                    "First part,\xe2\x80\x9d Liu "
	                    "said. \xe2\x80\x9c"
	                    "Second part.\xe2\x80\x9d"),
	             2));
	qx_check(1, "Second part.", "Liu");
	qx_span_is(&qx_nth(1)->cue, "said", "cue");
}

Test(quotes, title_and_appositive)
{
	cr_assert(eq(
	    sz,
	    qx_run(
	        "Secretary of State Antony Blinken met Liu "
	        "Jianchao, the party\xe2\x80\x99s international minister. Liu, "
	        "the party\xe2\x80\x99s international minister, said: "
	        "\xe2\x80\x9cWe talked.\xe2\x80\x9d \xe2\x80\x9cWe listened,"
	        "\xe2\x80\x9d Blinken said."),
	    2));
	qx_check(0, "We talked.", "Liu Jianchao");
	qx_check(1, "We listened,", "Antony Blinken");
}

Test(quotes, partial_after_reported_speech)
{
	cr_assert(
	    eq(sz,
	       qx_run("Blinken told Kamikawa that the alliance is "
	              "\xe2\x80\x9ctruly the cornerstone of peace,\xe2\x80\x9d "
	              "according to a transcript."),
	       1));
	qx_check(0, "truly the cornerstone of peace,", "Blinken");
	cr_expect(qx_nth(0)->partial);
}

/* ---- speaker resolution ---- */

Test(quotes, short_name_to_full_name)
{
	cr_assert(eq(sz,
	             qx_run("Ana Ruiz runs the port. \xe2\x80\x9cIt is "
	                    "busy,\xe2\x80\x9d Ruiz said."),
	             1));
	qx_check(0, "It is busy,", "Ana Ruiz");
	qx_span_is(&qx_nth(0)->mention, "Ruiz", "mention");
}

Test(quotes, family_name_first)
{
	cr_assert(eq(sz,
	             qx_run("Blinken met Liu Jianchao on Friday. "
	                    "\xe2\x80\x9cWe hope,\xe2\x80\x9d Liu said."),
	             1));
	qx_check(0, "We hope,", "Liu Jianchao");
}

Test(quotes, pronoun_by_gender)
{
	/* Two people; "she" must skip the more recent man. */
	cr_assert(eq(
	    sz,
	    qx_run(
	        "Maria Lopez chairs the board. She hired "
	        "Tom Reed last year. Reed said he was pleased. \xe2\x80\x9cWe "
	        "grow,\xe2\x80\x9d she said."),
	    1));
	qx_check(0, "We grow,", "Maria Lopez");
	qx_span_is(&qx_nth(0)->mention, "she", "mention");
}

Test(quotes, pronoun_by_recency)
{
	cr_assert(eq(sz,
	             qx_run("Mr. Paul Anders spoke first. Then Mr. Ivo "
	                    "Brandt took the stage. \xe2\x80\x9c"
	                    "Thank you,\xe2\x80\x9d he "
	                    "said."),
	             1));
	qx_check(0, "Thank you,", "Ivo Brandt");
}

Test(quotes, gender_from_text_not_list)
{
	/* Neither first name is in any list: "her" decides. */
	cr_assert(
	    eq(sz,
	       qx_run("Zorba Quint said his shop was closed. "
	              "Ilvy Marsk said her shop was open. Quint left early. "
	              "\xe2\x80\x9c"
	              "Business is fine,\xe2\x80\x9d she said."),
	       1));
	qx_check(0, "Business is fine,", "Ilvy Marsk");
}

Test(quotes, nominal_speaker_kept)
{
	cr_assert(eq(sz,
	             qx_run("\xe2\x80\x9cThe talks went well,\xe2\x80"
	                    "\x9d a government official said."),
	             1));
	qx_check(0, "The talks went well,", "government official");
	qx_span_is(&qx_nth(0)->mention, "a government official", "mention");
}

/* ---- not speech ---- */

Test(quotes, scare_quotes_left_out)
{
	cr_assert(eq(
	    sz,
	    qx_run(
	        "The \xe2\x80\x9cwolf-warrior\xe2\x80\x9d "
	        "style is over. The \xe2\x80\x98One China\xe2\x80\x99 policy "
	        "stays."),
	    0));
	cr_expect(eq(sz, qx_test_doc->n, 2));
	cr_expect(not(qx_test_doc->q[0].speech));
}

/* ---- offsets ---- */

Test(quotes, offsets_in_code_points_and_bytes)
{
	const struct qx_quote *q;

	cr_assert(eq(sz,
	             qx_run("\xc3\xa9t\xc3\xa9: \xe2\x80\x9c\xc3\xa0 "
	                    "bient\xc3\xb4t,\xe2\x80\x9d dit Luc Roy."),
	             1));
	q = qx_nth(0);
	cr_expect(eq(sz, q->cp_start, 6));
	cr_expect(eq(sz, q->cp_end, 16));
	cr_expect(eq(sz, q->inner.b, 10));
	cr_expect(eq(sz, q->inner.e, 22));
}

/*
 * A document longer than QX_WINDOW is read a window at a time (the
 * scratch space would otherwise take about 35 bytes a byte).  Fill
 * 2.5 windows with copies of piece, one after another; every quotation
 * found must hold the piece's quoted words at offsets that are right
 * for the whole text, in bytes and in code points, in text order.
 * Returns the number found.
 */
static size_t
qx_windows(const char *piece, const char *quote, const char *speaker)
{
	size_t plen = strlen(piece), qlen = strlen(quote);
	size_t n = QX_WINDOW * 5 / 2 / plen, len = n * plen, i, found = 0;
	size_t cp = 0, at = 0, last = 0;
	char *text = malloc(len + 1);

	cr_assert(not(eq(ptr, text, NULL)));
	for (i = 0; i < n; i++)
		memcpy(text + i * plen, piece, plen);
	text[len] = '\0';
	qx_test_text = text;
	cr_assert(eq(int, qx_extract(qx_test_lex, qx_test_doc, text, len), 0));
	for (i = 0; i < qx_test_doc->n; i++) {
		const struct qx_quote *q = &qx_test_doc->q[i];

		cr_assert(ge(sz, q->inner.b, last), "quotation %zu in order", i);
		cr_assert(eq(sz, q->inner.e - q->inner.b, qlen));
		cr_assert(eq(int, memcmp(text + q->inner.b, quote, qlen), 0),
		          "quotation %zu at byte %zu", i, q->inner.b);
		/* code points up to the quotation, counted from the last one */
		for (; at < q->inner.b; at++)
			cp += ((unsigned char)text[at] & 0xC0) != 0x80;
		cr_assert(eq(sz, q->cp_start, cp), "quotation %zu", i);
		qx_span_is(&q->speaker, speaker, "speaker");
		last = q->inner.e;
		found += q->speech;
	}
	free(text);
	return found;
}

Test(quotes, long_document_read_in_windows)
{
	static const char para[] =
	    "\xe2\x80\x9c\xc3\x80 bient\xc3\xb4t, the port is "
	    "open,\xe2\x80\x9d Liu said.\n";
	static const char line[] = "\xe2\x80\x9c\xc3\x80 bient\xc3\xb4t,"
	                           "\xe2\x80\x9d Liu said. ";
	size_t n;

	/* paragraphs: every window ends at a line break, nothing is lost */
	n = QX_WINDOW * 5 / 2 / (sizeof(para) - 1);
	cr_expect(eq(sz, qx_windows(para, "\xc3\x80 bient\xc3\xb4t, the port "
	                                  "is open,", "Liu"),
	             n));
	/* one line: windows end at a space; a quotation cut there is
	 * lost, at most one a window */
	n = QX_WINDOW * 5 / 2 / (sizeof(line) - 1);
	cr_expect(ge(sz, qx_windows(line, "\xc3\x80 bient\xc3\xb4t,", "Liu"),
	             n - 2));
}

/* ---- lexicon ---- */

Test(quotes, lexicon_rejects_unknown_key)
{
	struct pl_cfg_node *root = NULL;
	struct pl_error err;
	struct qx_lex *lex = qx_lex_new();
	static const char yaml[] = "languages:\n  en:\n    cuez: [said]\n";

	memset(&err, 0, sizeof(err));
	cr_assert(
	    eq(int, pl_cfg_parse(yaml, sizeof(yaml) - 1, "t.yaml", &root, &err),
	       0));
	cr_expect(eq(int, qx_lex_load(lex, root, "en", &err), -1));
	cr_expect(not(eq(ptr, strstr(err.msg, "cuez"), NULL)), "%s", err.msg);
	pl_cfg_free(root);
	qx_lex_free(lex);
}

Test(quotes, lexicon_unknown_language)
{
	struct pl_cfg_node *root = NULL;
	struct pl_error err;
	struct qx_lex *lex = qx_lex_new(), *de = qx_lex_new();

	memset(&err, 0, sizeof(err));
	cr_assert(eq(int,
	             pl_cfg_parse(extract_quotes_defaults,
	                          extract_quotes_defaults_len, "defaults",
	                          &root, &err),
	             0));
	cr_expect(eq(int, qx_lex_load(lex, root, "xx", &err), -1));
	cr_expect(eq(int, qx_lex_load(de, root, "de-AT", &err), 0));
	pl_cfg_free(root);
	qx_lex_free(lex);
	qx_lex_free(de);
}

/* ---- hostile input stays linear ---- */

Test(quotes, stray_apostrophes_and_names_are_linear, .timeout = 20)
{
	static const char unit[] = "\xe2\x80\x98"
	                           "a Zed Quux said ";
	size_t n = 100000, i, ul = sizeof(unit) - 1;
	char *big = malloc(n * ul + 1);

	cr_assert(not(eq(ptr, big, NULL)));
	for (i = 0; i < n; i++)
		memcpy(big + i * ul, unit, ul);
	big[n * ul] = '\0';
	(void)qx_run(big);
	free(big);
}

Test(quotes, pronoun_chain)
{
	/* "he" three sentences on still means the man who spoke first */
	cr_assert(eq(sz,
	             qx_run("Mr. Karl Dunn spoke at the hall. He argued "
	                    "that the budget was late. He added that "
	                    "costs rose, and Tom Wu agreed with the "
	                    "figures. \xe2\x80\x9cWe must act,\xe2\x80\x9d "
	                    "he said."),
	             1));
	qx_check(0, "We must act,", "Karl Dunn");
}

Test(quotes, descriptor_before_name)
{
	cr_assert(eq(sz,
	             qx_run("\xe2\x80\x9cIt is over,\xe2\x80\x9d said "
	                    "CNN host Ana Diaz."),
	             1));
	qx_check(0, "It is over,", "Ana Diaz");
}

Test(quotes, fragment_takes_only_final_attribution)
{
	/* the verb after the fragment belongs to the writer's sentence */
	cr_assert(eq(sz,
	             qx_run("Even Norland said it was \xe2\x80\x9c"
	                    "firmly opposed\xe2\x80\x9d to the plan and "
	                    "warned Ostmark about it."),
	             1));
	qx_check(0, "firmly opposed", "Norland");
}

Test(quotes, hard_wrapped_lines)
{
	/* a quotation and its attribution broken over wrapped lines */
	cr_assert(eq(sz,
	             qx_run("The council met on Tuesday to discuss the "
	                    "harbor plan, and the\nmayor spoke first. "
	                    "\xe2\x80\x9cWe know this is painful for "
	                    "people who cross\ntwice a day and who have "
	                    "no other road to town,\xe2\x80\x9d said the\n"
	                    "mayor, Elena Vasquez, at the meeting.\n"),
	             1));
	qx_check(0,
	         "We know this is painful for people who cross\ntwice a day "
	         "and who have no other road to town,",
	         "Elena Vasquez");
}

Test(quotes, transcript_turn)
{
	cr_assert(eq(sz,
	             qx_run("Mike Pence spoke to Chris Wallace.\n\n"
	                    "\"WALLACE: Will she be there?\"\n\n"
	                    "\"PENCE: She will not be there.\"\n"),
	             2));
	qx_check(0, "WALLACE: Will she be there?", "WALLACE");
	qx_check(1, "PENCE: She will not be there.", "PENCE");
	qx_span_is(&qx_nth(1)->cue, ":", "cue");
}

Test(quotes, it_and_they_go_to_organisations)
{
	cr_assert(eq(sz,
	             qx_run("Tom Reed runs the Harbor Bank. The Harbor "
	                    "Bank cut its rates. \xe2\x80\x9cWe had no "
	                    "choice,\xe2\x80\x9d it said."),
	             1));
	qx_check(0, "We had no choice,", "Harbor Bank");
}

/* ---- sentences from common/sentence.c ---- */

Test(quotes, abbreviation_does_not_end_sentence)
{
	/* "Sen." inside the writer's sentence: the cue still reaches the
	 * name after it, and the quote of two sentences stays whole */
	cr_assert(eq(sz,
	             qx_run("\xe2\x80\x9cWe won. It was close,\xe2\x80\x9d "
	                    "said Sen. Jo Lee of Ohio."),
	             1));
	qx_check(0, "We won. It was close,", "Jo Lee");
}

/* ---- pronouns ---- */

Test(quotes, pronoun_to_person_introduced_with_appositive)
{
	cr_assert(eq(sz,
	             qx_run("Obama had many songs written about him. That "
	                    "concerns Henry Crespo, president of the "
	                    "caucus.\n\n\xe2\x80\x9cNo one is writing songs "
	                    "for her,\xe2\x80\x9d he said."),
	             1));
	qx_check(0, "No one is writing songs for her,", "Henry Crespo");
}

Test(quotes, subject_before_said_stays_subject)
{
	cr_assert(eq(sz,
	             qx_run("Clinton spoke on Monday.\n\nMcLenney said Clinton "
	                    "does not show consistency in her concern.\n\n"
	                    "\xe2\x80\x9cIt is not something she says,"
	                    "\xe2\x80\x9d she said."),
	             1));
	qx_check(0, "It is not something she says,", "McLenney");
}

/* ---- attribution ---- */

Test(quotes, nominal_with_describing_phrase)
{
	cr_assert(eq(sz,
	             qx_run("\xe2\x80\x9cThey are in a frenzy,\xe2\x80\x9d "
	                    "said one Democratic source on the panel.\n\n"
	                    "\xe2\x80\x9cYou pay your taxes,\xe2\x80\x9d a "
	                    "narrator in the Clinton ad asks."),
	             2));
	qx_check(0, "They are in a frenzy,", "Democratic source on the panel");
	qx_span_is(&qx_nth(0)->mention, "one Democratic source on the panel",
	           "mention");
	qx_check(1, "You pay your taxes,", "narrator in the Clinton ad");
}

Test(quotes, name_opens_chain_of_appositives)
{
	cr_assert(eq(sz,
	             qx_run("\xe2\x80\x9cIt is an invasion,\xe2\x80\x9d "
	                    "Scott Pruitt, the attorney general of Oklahoma, "
	                    "one of the states suing the EPA, said."),
	             1));
	qx_check(0, "It is an invasion,", "Scott Pruitt");
}

Test(quotes, clause_after_cue_is_not_a_speaker)
{
	cr_assert(eq(sz,
	             qx_run("City Attorney Brad Holm said that the ad "
	                    "\xe2\x80\x9cwrongfully\xe2\x80\x9d suggests that "
	                    "Phoenix supports Trump."),
	             1));
	qx_check(0, "wrongfully", "Brad Holm");
}

/* ---- not speech ---- */

Test(quotes, broadcast_title_is_not_speech)
{
	cr_assert(eq(sz,
	             qx_run("Sanders told MSNBC's \xe2\x80\x9cMorning Joe"
	                    "\xe2\x80\x9d that nobody would question it."),
	             0));
	cr_expect(eq(sz, qx_test_doc->n, 1));
}

Test(quotes, sentence_adverbs_are_not_names)
{
	cr_assert(eq(sz,
	             qx_run("Mr. Clarke spoke.\n\nRelentlessly upbeat, Mr. "
	                    "Clarke has spent a career on it. \"He showed an "
	                    "ability to put deals together.\"\n\n\xe2\x80\x9c"
	                    "We lost,\xe2\x80\x9d said Megyn Kelly, who "
	                    "agreed."),
	             2));
	qx_check(0, "He showed an ability to put deals together.", "Clarke");
	qx_check(1, "We lost,", "Megyn Kelly");
}

Test(quotes, nominal_subject_with_phrase)
{
	cr_assert(eq(sz,
	             qx_run("Small groups of protesters continued to march "
	                    "while chanting, \"Hands up, do not shoot.\""),
	             1));
	qx_check(0, "Hands up, do not shoot.", "Small groups of protesters");
}

Test(quotes, mixed_styles_unclosed_straight_mark)
{
	/* a straight mark that never closes ends where a curly quotation
	 * of its own starts; the curly closer is that quotation's */
	cr_assert(eq(sz,
	             qx_run("Caddell continued:\n\n\"The issue is partisan, "
	                    "which \xe2\x80\x9c"
	                    "As you know, she left "
	                    "early,\xe2\x80\x9d he said.\n"),
	             2));
	qx_check(0, "The issue is partisan, which", "Caddell");
	qx_check(1, "As you know, she left early,", "Caddell");
}

Test(quotes, owner_of_a_claim_speaks)
{
	cr_assert(eq(sz,
	             qx_run("Politifact checked Donald Trump's claim that "
	                    "there were \xe2\x80\x9cthousands of shootings"
	                    "\xe2\x80\x9d in Chicago."),
	             1));
	qx_check(0, "thousands of shootings", "Donald Trump");
}

Test(quotes, possessive_nominal_speaker)
{
	cr_assert(eq(sz,
	             qx_run("\xe2\x80\x9cWe want answers,\xe2\x80\x9d Keith "
	                    "Scott's family said.\n\n\xe2\x80\x9cIt is "
	                    "late,\xe2\x80\x9d the ad's narrator says, "
	                    "\xe2\x80\x9c"
	                    "and you know it.\xe2\x80\x9d"),
	             3));
	qx_check(0, "We want answers,", "Keith Scott's family");
	qx_check(1, "It is late,", "ad's narrator");
	qx_check(2, "and you know it.", "ad's narrator");
}
