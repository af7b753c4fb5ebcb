/*
 * test_boilerplate.c - Criterion tests of strip-boilerplate's classifier
 * (tools/strip-boilerplate/bp.c) and site memory (bp_site.c), run on the
 * built-in defaults and on small pages written for these tests.
 *
 * SPDX-License-Identifier: MIT
 */
#include <criterion/criterion.h>
#include "new_assert.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "strip-boilerplate/bp.h"
#include "strip-boilerplate/bp_site.h"

extern const char strip_boilerplate_defaults[];
extern const size_t strip_boilerplate_defaults_len;

static struct pl_cfg_node *bp_root;
static struct bp_model *bp_m;
static struct bp_page bp_pg;

static void
bp_setup(void)
{
	struct bp_settings set;
	struct pl_error err;

	memset(&set, 0, sizeof(set));
	cr_assert(eq(int,
	             pl_cfg_parse(strip_boilerplate_defaults,
	                          strip_boilerplate_defaults_len, "defaults",
	                          &bp_root, &err),
	             0));
	cr_assert(eq(int, pl_cfg_apply(bp_cfg_keys, bp_root, &set, &err), 0));
	cr_assert(eq(int, bp_model_new(&set, &bp_m, &err), 0), "%s", err.msg);
	memset(&bp_pg, 0, sizeof(bp_pg));
}

static void
bp_teardown(void)
{
	bp_model_free(bp_m);
	bp_page_free(&bp_pg);
	pl_cfg_free(bp_root);
}

static const char bp_page_text[] =
    "Skip to content\n"
    "Home > Town > Parks\n"
    "Subscribe | Sign in\n"
    "New playground opens in Alder Park - The Daily Lantern\n"
    "New playground opens in Alder Park\n"
    "Share  Tweet  Email\n"
    "- Advertisement -\n"
    "A new playground opened in Alder Park on Saturday after a year of "
    "work, the parks department said, and hundreds of families came to "
    "try it out.\n"
    "The playground has a climbing wall, a sand garden and swings that "
    "children in wheelchairs can use, which parents had asked for at "
    "several council meetings.\n"
    "\"We wanted a place where every child can play with their friends,\" "
    "said parks director Lena Ortiz, who opened the gates at nine.\n"
    "The park will stay open until dusk every day through the summer, and "
    "the council plans a second playground on the east side next year.\n"
    "Likes (87)\n"
    "Related\n"
    "Library extends weekend hours\n"
    "Farmers market returns to Main Street\n"
    "(c) 2026 The Daily Lantern. All rights reserved.\n";

static int
bp_run(const char *text, size_t len)
{
	struct bp_opts o = {0.5, BP_LANG_AUTO, NULL, NULL, 1};

	return bp_classify(bp_m, text, len, &o, &bp_pg);
}

/*
 * Fill the %s slots of page template fmt into text (size bytes) and run
 * the page; returns its length.
 */
static size_t
bp_run_filled(char *text, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(text, size, fmt, ap);
	va_end(ap);
	cr_assert(gt(int, n, 0));
	cr_assert(lt(int, n, (int)size));
	cr_assert(eq(int, bp_run(text, (size_t)n), 0));
	return (size_t)n;
}

/* Return the index of the line that starts with prefix, or -1. */
static long
bp_find(const char *text, const char *prefix)
{
	size_t i, n = strlen(prefix);

	for (i = 0; i < bp_pg.n; i++)
		if (bp_pg.lines[i].len >= n &&
		    memcmp(text + bp_pg.lines[i].start, prefix, n) == 0)
			return (long)i;
	return -1;
}

/*
 * The reason --explain gives for line j of the last page run, in b (reset
 * first).
 */
static const char *
bp_reason(long j, struct pl_buf *b)
{
	cr_assert(ge(long, j, 0));
	pl_buf_reset(b);
	cr_assert(eq(int, bp_put_reason(bp_m, &bp_pg, (size_t)j, b), 0));
	return b->data;
}

/*
 * The line of the last page run that starts with prefix was kept (keep 1)
 * or dropped (keep 0); a prefix that matches no line fails, by name.
 */
static void
expect_keep(const char *text, const char *prefix, int keep)
{
	long j = bp_find(text, prefix);

	cr_assert(ge(long, j, 0), "no line starts with %s", prefix);
	cr_expect(eq(int, bp_pg.lines[j].keep, keep), "%s", prefix);
}

/*
 * The line of the last page run that starts with prefix was dropped by
 * rule why, and --explain names the rule as reason.
 */
static void
expect_dropped_by(const char *text, const char *prefix, enum bp_why why,
                  const char *reason)
{
	struct pl_buf b = PL_BUF_INIT;
	long j = bp_find(text, prefix);

	cr_assert(ge(long, j, 0), "%s", prefix);
	cr_expect(eq(int, bp_pg.lines[j].keep, 0), "%s", prefix);
	cr_expect(eq(int, bp_pg.lines[j].why, why), "%s", prefix);
	cr_expect(eq(str, (char *)bp_reason(j, &b), (char *)reason), "%s",
	          prefix);
	pl_buf_free(&b);
}

/* Every line that starts with one of prefixes (NULL-ended) was kept. */
static void
expect_kept_all(const char *text, const char *const *prefixes)
{
	for (; *prefixes != NULL; prefixes++)
		expect_keep(text, *prefixes, 1);
}

/* Every line that starts with one of prefixes was dropped by rule why. */
static void
expect_dropped_all(const char *text, const char *const *prefixes,
                   enum bp_why why, const char *reason)
{
	for (; *prefixes != NULL; prefixes++)
		expect_dropped_by(text, *prefixes, why, reason);
}

TestSuite(boilerplate, .init = bp_setup, .fini = bp_teardown);

Test(boilerplate, hash_vectors)
{
	cr_expect(eq(u64, bp_hash("", 0), 0xcbf29ce484222325ULL));
	cr_expect(eq(u64, bp_hash("a", 1), 0xaf63dc4c8601ec8cULL));
	cr_expect(eq(u64, bp_hash("foobar", 6), 0x85944171f73967e8ULL));
}

Test(boilerplate, languages)
{
	cr_expect(ge(int, bp_model_lang(bp_m, "de"), 0));
	cr_expect(eq(
	    str, (char *)bp_model_lang_name(bp_m, bp_model_lang(bp_m, "pt-BR")),
	    "pt"));
	cr_expect(eq(int, bp_model_lang(bp_m, "und"), BP_LANG_NONE));
	cr_expect(eq(int, bp_model_lang(bp_m, "auto"), BP_LANG_AUTO));
	cr_expect(eq(int, bp_model_lang(bp_m, "xx"), BP_LANG_NONE));
}

Test(boilerplate, article_kept_template_dropped)
{
	const char *t = bp_page_text;

	cr_assert(eq(int, bp_run(t, sizeof(bp_page_text) - 1), 0));
	cr_assert(eq(sz, bp_pg.n, 16));
	cr_expect(eq(long, bp_pg.title, 4), "title is line %ld", bp_pg.title);
	cr_expect(eq(int, bp_pg.lines[4].keep, 1));
	expect_keep(t, "A new playground", 1);
	expect_keep(t, "\"We wanted", 1);
	expect_keep(t, "The park will", 1);
	expect_keep(t, "Skip to", 0);
	expect_keep(t, "- Advert", 0);
	expect_keep(t, "Likes (87)", 0);
	expect_keep(t, "Related", 0);
	expect_keep(t, "Library", 0);
	expect_keep(t, "(c) 2026", 0);
	/* "Title - Site" is never the headline */
	cr_expect(eq(int, bp_pg.lines[3].keep, 0));
	cr_expect(eq(int, bp_pg.lang, bp_model_lang(bp_m, "en")));
}

/* The opening of the ferry story that the two comment pages share. */
#define BP_FERRY_OPENING                                                       \
	"Harbour News\n"                                                       \
	"Ferry service to the island resumes after repairs\n"                  \
	"The ferry between the harbour and the island is running again after " \
	"three weeks in dry dock, the port authority said on Monday "          \
	"morning.\n"                                                           \
	"Engineers replaced a cracked propeller shaft and repainted the "      \
	"hull, "                                                               \
	"and the first crossing left on time with more than two hundred "      \
	"passengers and forty cars on board.\n"

static const char bp_comments_text[] = BP_FERRY_OPENING
    "%s\n"
    "Islanders had relied on a small water taxi during the repairs, and "
    "shop owners said their deliveries had been late for most of the "
    "month because of the long wait at the pier.\n"
    "The port authority said the ferry will run its full summer timetable "
    "from next week, with an extra late sailing on Fridays and Saturdays "
    "until the end of August.\n"
    "Leave a Reply\n"
    "Name\n"
    "Marta K\n"
    "I took the first crossing this morning and it was good to be back on "
    "the big boat again after weeks of that tiny water taxi.\n"
    "Reply\n";

Test(boilerplate, reader_comments_dropped)
{
	char t[2048];
	long c;

	/* a comments button inside the article does not cut it */
	bp_run_filled(t, sizeof(t), bp_comments_text, "Comments");
	c = bp_find(t, "I took the first");
	cr_assert(ge(long, c, 0));
	expect_keep(t, "Islanders had", 1);
	expect_keep(t, "The port authority said the", 1);
	/* "Leave a Reply" opens the comments */
	cr_expect(eq(int, bp_pg.lines[c].keep, 0));
	cr_expect(eq(int, bp_pg.lines[c].why, BP_WHY_COMMENTS));
}

/*
 * Reader comments longer than the article, and a footer between them:
 * the comments' run of text outweighs the article's, so unless the
 * counted header ("14 thoughts on ...") ends the page before the main
 * block is chosen, the comments are kept and the article goes.
 */
static const char bp_long_comments_text[] = BP_FERRY_OPENING
    "The port authority said the ferry will run its full summer timetable "
    "from next week, with an extra late sailing on Fridays and Saturdays "
    "until the end of August.\n"
    "Share\nFacebook\nTwitter\nEmail\nSign up for our newsletter\n"
    "Your email address\nSubscribe\nMost read\n"
    "Lifeboat crew rescues two kayakers\nHarbour fees to rise in spring\n"
    "Related\nIsland school gets a new roof\n"
    "About us\nContact\nAdvertise\nJobs\nPrivacy policy\nTerms of use\n"
    "Cookie settings\nArchive\nWeather\nTides\nFerry times\nEvents\n"
    "Letters\nObituaries\nPhotos\nVideo\nPodcasts\nPuzzles\nShop\nHelp\n"
    "Newsletters\nSubscribe\nLog in\nRegister\nSitemap\nRSS\nImprint\n"
    "Accessibility\nCareers\nPress\n"
    "14 thoughts on \xe2\x80\x9c"
    "Ferry service to the island resumes after repairs\xe2\x80\x9d\n"
    "Marta K\n"
    "I took the first crossing this morning and it was good to be back on "
    "the big boat again after weeks of that tiny water taxi, which was "
    "always late and always full of wet dogs and tourists who did not know "
    "where to sit.\n"
    "The crew on the ferry were cheerful, the coffee was hot again and the "
    "new paint looks very smart, although the seats on the upper deck are "
    "still as hard as they were before the repairs started.\n"
    "Reply\n"
    "Tom Berg\n"
    "Three weeks is far too long for a repair like this, and nobody from "
    "the port authority ever told us on the island when the boat would be "
    "back, so we had to guess every single day and plan our trips around "
    "rumours.\n"
    "My daughter missed two days of school on the mainland because the "
    "water taxi was full, and the school was not told either, which says a "
    "lot about how the port authority thinks about the people who live out "
    "here.\n"
    "Reply\n"
    "Ann\n"
    "The water taxi crew were wonderful though, and they worked very long "
    "hours for three weeks to get all of us and our shopping across the "
    "water in every kind of weather, including that awful storm on the "
    "second weekend.\n"
    "Somebody should thank them properly, perhaps with a small party at the "
    "pier when the summer timetable starts, because without them the "
    "island would have been cut off for most of the month and nobody would "
    "have got to work.\n"
    "Reply\n"
    "Joe P\n"
    "I hope the late sailing on Fridays stays after August, because many of "
    "us work on the mainland and the last boat at six in the evening has "
    "never been enough for anybody who works in the shops or the hospital "
    "over there.\n"
    "If the port authority wants to know what the island needs, it could "
    "simply ask us at the next meeting in the village hall instead of "
    "deciding everything in the town and telling us afterwards what has "
    "been decided for us.\n"
    "Reply\n";

Test(boilerplate, comments_longer_than_the_article_do_not_win)
{
	const char *t = bp_long_comments_text;
	static const char *const text[] = {"The ferry between",
	                                   "Engineers replaced",
	                                   "The port authority said", NULL};
	static const char *const comments[] = {
	    "I took the first", "Three weeks is far",
	    "If the port authority wants", NULL};

	cr_assert(eq(int, bp_run(t, sizeof(bp_long_comments_text) - 1), 0));
	expect_kept_all(t, text);
	expect_dropped_all(t, comments, BP_WHY_COMMENTS, "reader-comments");
	cr_expect(eq(long, bp_pg.title, bp_find(t, "Ferry service")));
}

static const char bp_list_text[] =
    "Home > People > Interviews\n"
    "Ten questions for the new harbour master\n"
    "The town's new harbour master, Mara Olsen, started work on Monday "
    "after twenty years at sea on cargo ships and ferries across the "
    "North Sea.\n"
    "We asked her about the job, the boats that use the harbour every day "
    "and what she plans to change in her first year in the office.\n"
    "Q: What will you change first?\n"
    "A: The mooring fees for small boats, which have not changed in twelve "
    "years and no longer pay for the repairs that the old pontoons need.\n"
    "Her three rules for the harbour are simple:\n"
    "1. Every boat gets a mooring before the season starts, whatever its "
    "size or owner.\n"
    "2. Fees pay for repairs.\n"
    /* no full stop: the scorers alone drop it (0.3), the list keeps it */
    "3. Nobody waits\n"
    "Q: Tea or coffee?\n"
    "A: Coffee.\n"
    "5. Skipped number.\n"
    "Share this article\n"
    "A: Related: ferry timetable\n";

static const char bp_bullets_text[] =
    "Village fair raises money for the lifeboat station\n"
    "The summer fair on the green raised more than four thousand pounds "
    "for the lifeboat station on Saturday, the organisers said.\n"
    "Stalls sold cakes, plants and second-hand books, and the brass band "
    "from the next town played through the afternoon while children "
    "queued for the coconut shy.\n"
    "The money will pay for the things the crew asked for:\n"
    "- A second set of dry suits for the volunteers who join the crew "
    "this year.\n"
    "- A new radio for the launch tractor, whose old set has failed twice "
    "at sea.\n"
    "- Torches.\n"
    "- Rope.\n"
    "Share this article\n"
    "- Facebook\n";

/* A recipe's ingredients below the article, then a list of links. */
static const char bp_recipe_text[] =
    "Home > Food\n"
    "Plum cake for the harvest fair\n"
    "The bakery on Mill Lane has baked the same plum cake for the harvest "
    "fair for forty years, and this year it shared the recipe with "
    "readers.\n"
    "The secret, the baker said, is to use plums that are a little too "
    "ripe to sell and to leave the cake overnight before cutting it.\n"
    "Ingredients\n"
    "- 500 g plums, halved\n"
    "- 200 g flour\n"
    "- 3 eggs\n"
    "- Sugar: to taste\n"
    "Share this article\n"
    "More from Food\n"
    "- Autumn soups for cold evenings\n"
    "- The best apples for baking\n"
    "- Why bread goes stale\n";

Test(boilerplate, kept_lists_continue)
{
	size_t len = sizeof(bp_list_text) - 1;
	const char *t = bp_list_text;
	long i;

	cr_assert(eq(int, bp_run(t, len), 0));
	/* the next item number and the same label continue a kept list */
	i = bp_find(t, "3. Nobody");
	cr_assert(ge(long, i, 0));
	cr_expect(eq(int, bp_pg.lines[i].keep, 1));
	cr_expect(eq(int, bp_pg.lines[i].why, BP_WHY_LIST));
	expect_keep(t, "A: Coffee", 1);
	/* a gap in the numbers does not */
	cr_expect(
	    eq(int, bp_pg.lines[bp_find(t, "5. Skipped")].why, BP_WHY_SCORE));
	/* nor does a line after one that is not kept */
	expect_keep(t, "A: Related", 0);

	/* two kept bullet items make a list: the next ones continue it */
	t = bp_bullets_text;
	cr_assert(eq(int, bp_run(t, sizeof(bp_bullets_text) - 1), 0));
	expect_keep(t, "- Torches", 1);
	cr_expect(eq(int, bp_pg.lines[bp_find(t, "- Rope")].why, BP_WHY_LIST));
	expect_keep(t, "- Facebook", 0);

	/* a list of data below the article, and its heading, are kept */
	t = bp_recipe_text;
	cr_assert(eq(int, bp_run(t, sizeof(bp_recipe_text) - 1), 0));
	expect_keep(t, "Ingredients", 1);
	/* the first item scores at the threshold: either way, the rest are
	 * a list of data */
	expect_keep(t, "- 500 g", 1);
	cr_expect(eq(int, bp_pg.lines[bp_find(t, "- 200 g")].why, BP_WHY_LIST));
	expect_keep(t, "- Sugar", 1);
	/* links without numbers are not */
	expect_keep(t, "- Autumn", 0);
	expect_keep(t, "- Why bread", 0);
}

/*
 * A standings page: the article is a table that its introduction, a line
 * ending in a colon, announces; far from any long line, its rows score
 * low.  A table in the sidebar has no introduction.
 */
static const char bp_table_text[] =
    "- Home\n- News\n- Results\n- Standings\n- Calendar\n- Drivers\n"
    "- Teams\n- Tracks\n- Videos\n- Podcast\n- Columns\n- Forum\n- Contact\n"
    "- Advertise\n- Links\n- RSS\n- Games\n- Tips\n- Rules\n- Shop\n"
    "Final standings\n"
    "Monday, 4 November 2026\n"
    "On this page you will always find the standings of the Coastal Cup "
    "after the latest race!\n"
    "Final standings of the Coastal Cup after 12 races:\n"
    "Pos. Driver Points Wins Poles\n"
    "1 Ana Ruiz 400 5 0\n"
    "2 Tom Becker 383 4 3\n"
    "3 Lia Moreau 366 3 2\n"
    "4 Sam Okafor 349 2 1\n"
    "5 Ivo Petrov 332 1 0\n"
    "6 Kai Jensen 315 0 3\n"
    "7 Mia Costa 298 0 2\n"
    "8 Raj Mehta 281 0 1\n"
    "9 Eva Lund 264 0 0\n"
    "10 Noa Levi 247 0 3\n"
    "11 Max Hale 230 0 2\n"
    "12 Zoe Park 213 0 1\n"
    "League table\n"
    "1 Harbour FC 10 24\n"
    "2 Lake United 10 21\n"
    "3 Ridge Town 10 19\n"
    "4 Mill Rovers 10 15\n"
    "5 Bay Athletic 10 12\n"
    "Our columnist\n"
    "Click on the picture of our columnist and read her columns about the "
    "races, the teams and the people who make the series what it is.\n"
    "Latest column: why the last race was the best of the year\n"
    "Power ranking\n"
    "Click on the picture above and see how the drivers rank in this "
    "season of the Coastal Cup, race by race and overall.\n"
    "Race times\n"
    "Click on the picture and see the dates, places and times of every "
    "practice, qualifying session and race of the coming season.\n"
    "(c) 2026 Coastal Racing News\n";

Test(boilerplate, table_announced_by_a_colon_is_kept)
{
	static const char *const rows[] = {"Final standings of", "Pos. Driver",
	                                   "1 Ana Ruiz",         "7 Mia Costa",
	                                   "12 Zoe Park",        NULL};
	struct pl_buf b = PL_BUF_INIT;
	const char *t = bp_table_text;

	cr_assert(eq(int, bp_run(t, sizeof(bp_table_text) - 1), 0));
	expect_kept_all(t, rows);
	cr_expect(
	    eq(str, (char *)bp_reason(bp_find(t, "12 Zoe"), &b), "table"));
	/* the sidebar's table is not announced */
	expect_keep(t, "1 Harbour FC", 0);
	expect_keep(t, "5 Bay Athletic", 0);
	pl_buf_free(&b);
}

/* A short line ending in a colon introduces what follows it. */
static const char bp_dangling_text[] =
    "Menu\n"
    "Ferry service returns after a month of repairs\n"
    "The island ferry sailed again on Friday after four weeks in dry dock, "
    "where engineers replaced both engines and part of the car deck.\n"
    "Passengers queued from early morning, and the first crossing of the "
    "day was full twenty minutes before it left the pier.\n"
    "The new timetable has three changes:\n"
    "- An earlier first crossing on weekdays, at six in the morning.\n"
    "- A late crossing on Fridays and Saturdays in the summer months.\n"
    "- Cheaper tickets for islanders who travel more than twice a week.\n"
    "Captains said the new engines were quieter and that the crossing "
    "took five minutes less than it did before the repairs.\n"
    "Contact the author:\n"
    "Mara Olsen\n"
    "- Weather\n"
    "- Contact\n"
    "\xc2\xa9 2026 Harbour News\n";

Test(boilerplate, dangling_colon_line_goes)
{
	const char *t = bp_dangling_text;

	cr_assert(eq(int, bp_run(t, sizeof(bp_dangling_text) - 1), 0));
	/* what it introduces was dropped: it goes too */
	expect_dropped_by(t, "Contact the author", BP_WHY_DANGLING,
	                  "dangling-colon");
	/* what it introduces was kept: it stays */
	expect_keep(t, "The new timetable", 1);
	expect_keep(t, "Captains said", 1);
}

/* A copyright notice between paragraphs, where the scorers keep it. */
static const char bp_notice_text[] =
    "Ferry service to the islands resumes after repairs\n"
    "The ferry to the outer islands is running again after three months "
    "in the yard, the harbour office said on Monday.\n"
    "Passengers queued from early morning, and the first crossing of the "
    "day was full twenty minutes before it left the pier.\n"
    "\xc2\xa9 2026 Harbour News Media. All rights reserved. This article "
    "may not be copied without permission.\n"
    "Captains said the new engines were quieter, and a court said the "
    "copyright claim over the ferry's old logo had come too late.\n"
    "The harbour office said a second ferry would join the route in the "
    "spring once its own repairs are finished.\n";

Test(boilerplate, copyright_notice_goes)
{
	static const char alone[] = "(c) 2026 Harbour News Media\n";
	const char *t = bp_notice_text;

	cr_assert(eq(int, bp_run(t, sizeof(bp_notice_text) - 1), 0));
	expect_dropped_by(t, "\xc2\xa9 2026", BP_WHY_NOTICE,
	                  "copyright-notice");
	/* the word in a sentence is no notice */
	expect_keep(t, "Captains said", 1);
	/* never nothing: a page that is only a notice keeps it */
	cr_assert(eq(int, bp_run(alone, sizeof(alone) - 1), 0));
	expect_keep(alone, "(c) 2026", 1);
}

/* A dateline kept between the dek and the text, for its place. */
static const char bp_dateline_text[] =
    "Ferry services resume after the winter storm\n"
    "Operators restarted most routes on Tuesday after two days of gales.\n"
    "By Ana Reyes\n"
    "Nov. 19, 2019 8:03 am ET\n"
    "The first ferry left the harbour at dawn on Tuesday, two days after "
    "gales forced the operators to cancel every crossing and keep their "
    "boats in port.\n"
    "At 9:45 the second boat followed with a full deck of lorries that had "
    "waited since Sunday, and the operators said the timetable would be "
    "back to normal by the evening.\n"
    "Passengers who missed a crossing can rebook without a fee until the "
    "end of the month, the largest operator said in a statement.\n";

Test(boilerplate, dateline_goes)
{
	struct pl_buf b = PL_BUF_INIT;
	const char *t = bp_dateline_text;

	cr_assert(eq(int, bp_run(t, sizeof(bp_dateline_text) - 1), 0));
	expect_dropped_by(t, "Nov. 19", BP_WHY_DATELINE, "dateline");
	/* a time of day in a sentence is no dateline (the scorers weigh
	 * its clock) */
	cr_expect(
	    ne(str, (char *)bp_reason(bp_find(t, "At 9:45"), &b), "dateline"));
	pl_buf_free(&b);
}

/* A link list opened by a header word inside the article. */
static const char bp_inline_links_text[] =
    "Third case of plague confirmed as health officials urge calm\n"
    "A third case of the plague has been confirmed in the north of the "
    "country, health officials said on Tuesday, and they urged the public "
    "to stay calm.\n"
    "The patient, a farmer from a remote village, is being treated in "
    "hospital and is said to be in a stable condition after receiving "
    "antibiotics.\n"
    "Related articles\n"
    "Scientists Warn Of Mosquito Season As Temperatures Rise Across "
    "Europe\n"
    "Horror as rats overrun city centre after bins left for weeks\n"
    "Officials said that the 28 people who had been in close contact with "
    "the patient showed no signs or symptoms of the disease so far.\n"
    "The region's disease control centre has sent a team to the village "
    "to test rodents and fleas, which spread the bacterium, the agency "
    "said.\n"
    "Don't miss\n"
    "Plague doctors: the strange history of the beak masks [PICTURES]\n"
    "Black death fears as holidaymakers fall ill after eating marmot...\n"
    "Plague is treatable with common antibiotics if it is caught early, "
    "and the agency advised anyone with a fever after contact with "
    "animals to see a doctor.\n"
    "Isolated cases still occur every year in several countries, "
    "including a handful in the United States, according to the health "
    "agency.\n";

Test(boilerplate, header_opens_a_link_list_inside_the_article)
{
	const char *t = bp_inline_links_text;
	static const char *const links[] = {"Scientists Warn", "Horror as rats",
	                                    "Plague doctors", "Black death",
	                                    NULL};
	static const char *const text[] = {
	    "Officials said", "Plague is treatable", "Isolated cases", NULL};

	cr_assert(eq(int, bp_run(t, sizeof(bp_inline_links_text) - 1), 0));
	/* the headlines after the header go, a truncated one too */
	expect_dropped_all(t, links, BP_WHY_HEADER_LIST, "header-list");
	/* the first sentence after them ends the list */
	expect_kept_all(t, text);
	cr_expect(eq(long, bp_pg.title, 0));
}

/* A short page: a breadcrumb and a counter kept by their neighbours. */
static const char bp_short_page_text[] =
    "Home > News > Science\n"
    "Third case of plague confirmed as health officials urge calm\n"
    "A third case of the plague has been confirmed in the north of the "
    "country, health officials said on Tuesday, and they urged the public "
    "to stay calm.\n"
    "1.2K shares\n"
    "The patient, a farmer from a remote village, is being treated in "
    "hospital and is said to be in a stable condition after receiving "
    "antibiotics.\n"
    "3 eggs\n"
    "48 Kommentare\n";

Test(boilerplate, breadcrumb_and_counter_around_the_headline)
{
	const char *t = bp_short_page_text;
	struct pl_buf b = PL_BUF_INIT;
	long j;

	cr_assert(eq(int, bp_run(t, sizeof(bp_short_page_text) - 1), 0));
	/* the headline is found past a breadcrumb kept first, and the
	 * breadcrumb above it goes */
	cr_expect(eq(long, bp_pg.title, bp_find(t, "Third case")));
	expect_dropped_by(t, "Home >", BP_WHY_ABOVE_TITLE, "above-title");
	/* a count and a counted word is a counter, never kept */
	expect_dropped_by(t, "1.2K", BP_WHY_COUNTER, "counter");
	cr_expect(
	    eq(int,
	       strstr(bp_reason(bp_find(t, "48 Komm"), &b), "counter") != NULL,
	       1),
	    "%s", b.data);
	/* a count of eggs is not */
	j = bp_find(t, "3 eggs");
	cr_expect(eq(int, bp_pg.lines[j].keep, 1));
	cr_expect(ne(int, bp_pg.lines[j].why, BP_WHY_COUNTER));
	pl_buf_free(&b);
}

/*
 * Teaser cards whose headline and lead the dump glued together, above an
 * article with one glued word of its own ("SciSpacE").
 */
static const char bp_teaser_text[] =
    "Menu\nNews\nSport\nLatest Headlines\n"
    "Police Arrest Two After Death Of Local Student-AthleteA 24-year-old "
    "woman and a 28-year-old man were taken into custody on Monday night "
    "after the crash.\n"
    "Customers Leave Without Paying Bill At Troy SteakhouseA party of six "
    "left the restaurant without paying a bill of almost seven hundred "
    "dollars, the police said.\n"
    "Mayor Says Move For Health Benefits Will Not StandThe mayor called the "
    "council's decision to cut the benefits of retired workers despicable "
    "and promised to fight it.\n"
    "Harbour baths to close after 90 years\n"
    "The council voted on Tuesday to close the harbour baths at the end of "
    "the summer, saying the repairs the pool needs would cost more than two "
    "million euros.\n"
    "Swimmers who have used the baths for decades said they would collect "
    "signatures against the decision and ask the region for help.\n"
    "Engineers From The Agency SciSpacE team have studied the roof and say "
    "that the steel frame has rusted through in several places since the "
    "last survey.\n"
    "The baths opened in 1934 and were last renovated in the 1980s, when "
    "the wooden changing huts were replaced.\n";

Test(boilerplate, glued_teasers_in_a_group_are_dropped)
{
	const char *t = bp_teaser_text;
	static const char *const cards[] = {"Police Arrest", "Customers Leave",
	                                    "Mayor Says", NULL};
	long j;

	cr_assert(eq(int, bp_run(t, sizeof(bp_teaser_text) - 1), 0));
	expect_dropped_all(t, cards, BP_WHY_TEASER, "glued-teaser");
	/* one glued word alone (no other within three lines), in the
	 * article, is not a card */
	j = bp_find(t, "Engineers From");
	cr_expect(eq(int, bp_pg.lines[j].keep, 1));
	cr_expect(ne(int, bp_pg.lines[j].why, BP_WHY_TEASER));
	cr_expect(eq(long, bp_pg.title, bp_find(t, "Harbour baths")));
}

/* A headline, its byline, then a standfirst that reads like one. */
static const char bp_byline_text[] =
    "Home\nNews\nSport\nWeather\n"
    "Council votes to close the old harbour baths after 90 years\n"
    "By Anna Berg\n"
    "Swimmers say they will fight the decision as repair bill reaches two "
    "million\n"
    "The council voted on Tuesday to close the harbour baths at the end of "
    "the summer, saying the repairs the pool needs would cost more than "
    "two million euros.\n"
    "Swimmers who have used the baths for decades said they would collect "
    "signatures against the decision and ask the region for help.\n"
    "The baths opened in 1934 and were last renovated in the 1980s, when "
    "the wooden changing huts were replaced.\n"
    "Most read\n"
    "Weather: Snow to hit the north this weekend\n";

Test(boilerplate, byline_below_marks_the_headline)
{
	const char *t = bp_byline_text;

	cr_assert(eq(int, bp_run(t, sizeof(bp_byline_text) - 1), 0));
	cr_expect(eq(long, bp_pg.title, bp_find(t, "Council votes")));
	/* the standfirst stays, as text */
	expect_keep(t, "Swimmers say", 1);
	expect_keep(t, "By Anna", 0);
}

Test(boilerplate, clean_text_and_reasons)
{
	struct pl_buf b = PL_BUF_INIT;
	struct bp_source src = {bp_page_text, NULL};

	cr_assert(eq(int, bp_run(bp_page_text, sizeof(bp_page_text) - 1), 0));
	cr_assert(eq(int, bp_put_text(&bp_pg, &src, &b), 0));
	cr_expect(eq(int,
	             strncmp(b.data,
	                     "New playground opens in Alder "
	                     "Park\nA new playground",
	                     51),
	             0),
	          "%s", b.data);
	cr_expect(ne(chr, b.data[b.len - 1], '\n'));
	cr_expect(eq(str, (char *)bp_reason(4, &b), "title"));
	cr_expect(eq(int, strstr(bp_reason(12, &b), "header_word") != NULL, 1),
	          "%s", b.data);
	pl_buf_free(&b);
}

/* A photo credit in brackets ends a caption, not a lead ("(AP) --"). */
static const char bp_credit_text[] =
    "Harbour bridge reopens after repairs\n"
    "LISBON, Portugal (AP) \xe2\x80\x94 The harbour bridge reopened to "
    "traffic on Monday after six months of repairs to its cables and deck, "
    "the port authority said.\n"
    "Workers check a cable on the harbour bridge on Friday, Nov. 15. (AP)\n"
    "Engineers replaced forty cables and resurfaced the whole deck, and the "
    "authority said the bridge would need no major work for twenty years.\n"
    "The port director, Rui Matos, at the reopening (Ana Brito/Reuters)\n"
    "Drivers had used a ferry and a long detour through the hills while "
    "the bridge was closed, and shops near it said trade fell by half.\n";

/* In text, the lines that open with cap[0] and cap[1] are dropped as
 * captions by the credit signal; the line that opens with body is kept
 * and the credit signal does not speak for it. */
static void
expect_credit_captions(const char *text, size_t len, const char *cap0,
                       const char *cap1, const char *body)
{
	struct pl_buf b = PL_BUF_INIT;
	const char *cap[] = {cap0, cap1};
	size_t i;
	long j;

	cr_assert(eq(int, bp_run(text, len), 0));
	for (i = 0; i < 2; i++) {
		j = bp_find(text, cap[i]);
		cr_assert(ge(long, j, 0));
		cr_expect(
		    eq(int, strstr(bp_reason(j, &b), "credit") != NULL, 1),
		    "%s: %s", cap[i], b.data);
		cr_expect(eq(int, bp_pg.lines[j].keep, 0), "%s", cap[i]);
	}
	j = bp_find(text, body);
	cr_assert(ge(long, j, 0));
	cr_expect(eq(int, strstr(bp_reason(j, &b), "credit") == NULL, 1), "%s",
	          b.data);
	cr_expect(eq(int, bp_pg.lines[j].keep, 1), "%s", body);
	pl_buf_free(&b);
}

Test(boilerplate, bracketed_credit_marks_a_caption)
{
	expect_credit_captions(bp_credit_text, sizeof(bp_credit_text) - 1,
	                       "Workers check", "The port director", "LISBON");
}

/* A credit after a caption's last sentence, without brackets; an
 * abbreviation before a name ("St. Louis") is not a sentence end. */
static const char bp_bare_credit_text[] =
    "Harbour bridge reopens after repairs\n"
    "The harbour bridge reopened to traffic on Monday after six months of "
    "repairs to its cables and deck, the port authority said.\n"
    "Workers check a cable on the harbour bridge before it reopens. Getty\n"
    "Engineers replaced forty cables and resurfaced the whole deck, and the "
    "authority said the bridge would need no major work for twenty years.\n"
    "The first cars cross the bridge after it reopened. Ana Brito / AFP\n"
    "The cables came from a mill that the authority had used before, an "
    "old firm based in St. Louis\n"
    "Drivers had used a ferry and a long detour through the hills while "
    "the bridge was closed, and shops near it said trade fell by half.\n";

Test(boilerplate, bare_credit_marks_a_caption)
{
	expect_credit_captions(bp_bare_credit_text,
	                       sizeof(bp_bare_credit_text) - 1, "Workers check",
	                       "The first cars", "The cables came");
}

/* A gallery's slide counters, glued to the captions as a dump leaves
 * them (%s before each caption). */
static const char bp_gallery_page[] =
    "Hardware stores run short of cords before the storm\n"
    "%sA shopper looks at extension cords at a hardware store on "
    "Tuesday, Nov. 19, 2019, in Grass Valley, Calif.\n"
    "%sExtension cords of all gauges and lengths stock the shelves at "
    "the store on Tuesday, Nov. 19, 2019.\n"
    "Shoppers in the foothills bought up generators, gas cans and cords on "
    "Tuesday as the utility warned of more planned power cuts this week.\n"
    "4 of 5 Americans in the area have lost power at least once this "
    "year, a survey by the county found, most of them for a day or more.\n"
    "The utility said the cuts would last no more than two days and that "
    "crews would check every line before power came back on.\n";

/* bp_gallery_page with counters c1 and c2: whether its captions (lines 1
 * and 2) went as a gallery's; "4 of 5 Americans" is kept either way. */
static int
bp_gallery_dropped(const char *c1, const char *c2)
{
	struct pl_buf b = PL_BUF_INIT;
	char text[1024];
	int i, dropped = 0;

	bp_run_filled(text, sizeof(text), bp_gallery_page, c1, c2);
	cr_assert(eq(sz, bp_pg.n, 6));
	for (i = 1; i <= 2; i++)
		if (strcmp(bp_reason(i, &b), "gallery-caption") == 0 &&
		    !bp_pg.lines[i].keep)
			dropped++;
	cr_expect(ne(str, (char *)bp_reason(4, &b), "gallery-caption"));
	cr_expect(eq(int, bp_pg.lines[4].keep, 1), "%s", c1);
	pl_buf_free(&b);
	return dropped;
}

/* Two slides of one gallery ("1of3", "2/3 "): their captions go; one
 * count with no second slide of its total ("4 of 5 Americans"), or two
 * totals of one slide each, are not a gallery. */
Test(boilerplate, gallery_captions_go)
{
	cr_expect(eq(int, bp_gallery_dropped("1of3", "2of3"), 2));
	cr_expect(eq(int, bp_gallery_dropped("1/3 ", "2/3 "), 2));
	cr_expect(eq(int, bp_gallery_dropped("1 von 3 ", "3 von 3 "), 2));
	cr_expect(eq(int, bp_gallery_dropped("", ""), 0));
	cr_expect(eq(int, bp_gallery_dropped("1 of 3 ", "1 of 4 "), 0));
	cr_expect(eq(int, bp_gallery_dropped("1/2 ", "1/2 "), 0));
	cr_expect(eq(int, bp_gallery_dropped("4/3 ", "5/3 "), 0));
	cr_expect(eq(int, bp_gallery_dropped("1/3x", "2/3x"), 0));
}

/* A page whose third line is a slot (%s) for bp_sep_score. */
static const char bp_sep_page[] =
    "Harbour bridge reopens after repairs\n"
    "The harbour bridge reopened to traffic on Monday after six months of "
    "repairs to its cables and deck, the port authority said.\n"
    "%s\n"
    "Engineers replaced forty cables and resurfaced the whole deck, and the "
    "authority said the bridge would need no major work for twenty years.\n";

/* The step-1 score of line when it is the third line of bp_sep_page. */
static double
bp_sep_score(const char *line)
{
	char text[1024];

	bp_run_filled(text, sizeof(text), bp_sep_page, line);
	cr_assert(eq(sz, bp_pg.n, 4));
	return bp_pg.lines[2].line_score;
}

enum { SAME, LOWER };

/* line scores as plain does (SAME) or clearly lower (LOWER) as the
 * third line of bp_sep_page. */
static void
expect_line_score(const char *line, const char *plain, int how)
{
	double a = bp_sep_score(line), b = bp_sep_score(plain);

	if (how == SAME)
		cr_expect(eq(dbl, a, b), "%s: %.6f, %s: %.6f", line, a, plain,
		          b);
	else
		cr_expect(lt(dbl, a, b - 0.01), "%s: %.6f, %s: %.6f", line, a,
		          plain, b);
}

/* A menu lists three things or more; one separator joins two ("Derek
 * Jarman \xc2\xb7 The Garden", "05.12.2022 | Paris") and does not lower
 * the score, more do. */
Test(boilerplate, one_separator_is_not_a_list)
{
	expect_line_score("Derek Jarman \xc2\xb7 The Garden",
	                  "Derek Jarman The Garden", SAME);
	expect_line_score("Home | News | Sport | Weather",
	                  "Home News Sport Weather", LOWER);
}

/* A credit mark in brackets is a whole word: "(Bild: ...)", "(Foto)",
 * not the start of "(Bildungsamt)" or "(Fotografie)". */
Test(boilerplate, credit_mark_is_not_a_word_prefix)
{
	const char *plain = "The office (Schulamt) will pay for the repairs.";

	expect_line_score("The office (Bildungsamt) will pay for the repairs.",
	                  plain, SAME);
	expect_line_score("The office (Fotografie) will pay for the repairs.",
	                  plain, SAME);
	expect_line_score("The office (Bild: Anna) will pay for the repairs.",
	                  plain, LOWER);
	expect_line_score("The office (Foto) will pay for the repairs.", plain,
	                  LOWER);
}

/* A note that a link opens a new window or tab is the site's ("These
 * are external links and will open in a new window", "(Opens in new
 * window)"); a new window as a figure of speech is not. */
Test(boilerplate, new_window_note_is_boilerplate)
{
	expect_line_score("These are external links and will open in a new "
	                  "window",
	                  "These are external links and will open in a new "
	                  "order",
	                  LOWER);
	expect_line_score("All photos of the match (Opens in new tab)",
	                  "All photos of the match (Opens in new town)", LOWER);
	expect_line_score("The find opens a new window into the past.",
	                  "The find opens a new view into the past.", SAME);
}

/* A word glued by the dump ends in a capital after small letters
 * ("SteakhouseA party"); an acronym is not glue ("PhD", "AfD", "GmbH",
 * "SARS-CoV-2"). */
Test(boilerplate, acronym_is_not_glue)
{
	expect_line_score("The PhD students and the AfD staff met on Monday.",
	                  "The Phd students and the Afd staff met on Monday.",
	                  SAME);
	expect_line_score("The SteakhouseA students met on Monday.",
	                  "The Steakhousea students met on Monday.", LOWER);
}

Test(boilerplate, empty_and_blank)
{
	cr_assert(eq(int, bp_run("", 0), 0));
	cr_expect(eq(sz, bp_pg.n, 0));
	cr_expect(eq(long, bp_pg.title, -1));
	cr_assert(eq(int, bp_run(" \n\t\n\r\n\xc2\xa0\n", 9), 0));
	cr_expect(eq(sz, bp_pg.n, 0));
}

Test(boilerplate, line_ends_and_trimming)
{
	static const char t[] = "  one line \r\ntwo\rthree\n\nfour";

	cr_assert(eq(int, bp_run(t, sizeof(t) - 1), 0));
	cr_assert(eq(sz, bp_pg.n, 4));
	cr_expect(eq(sz, bp_pg.lines[0].start, 2));
	cr_expect(eq(sz, bp_pg.lines[0].len, 8));
	cr_expect(eq(sz, bp_pg.lines[1].len, 3));
	cr_expect(eq(sz, bp_pg.lines[3].len, 4));
}

Test(boilerplate, never_empty_when_there_is_text)
{
	static const char t[] = "Menu\nWeather\nPhotos of the week\n"
	                        "Harbour seals return to the bay\nContact\n";

	static const char *const alone[] = {
	    "1.2K shares\n", "May 2, 2019 8:03 am\n",
	    /* lines a rule zeroes, a gallery's or glued teasers */
	    "1of2A shopper looks at the cords.\n2of2Cords on a shelf.\n",
	    "Police Arrest Two After CrashA man and a woman were held.\n"
	    "Mayor Says Benefits Will StayThe mayor spoke on Monday.\n",
	    NULL};
	const char *const *a;

	cr_assert(eq(int, bp_run(t, sizeof(t) - 1), 0));
	cr_expect(gt(sz, bp_pg.kept, 0));
	/* a counter or a dateline is never kept, a gallery's caption or a
	 * glued teaser scores 0, but for a page of nothing else */
	for (a = alone; *a != NULL; a++) {
		cr_assert(eq(int, bp_run(*a, strlen(*a)), 0));
		cr_expect(gt(sz, bp_pg.kept, 0), "%s", *a);
	}
}

Test(boilerplate, junk_does_not_crash)
{
	static const char t[] = "\xff\xfe\x00\x01 bad \xc3 bytes \xe2\x82\n"
	                        "\x00\x00\x00\n\xf0\x9f\x98\x80\xf0\x9f\x98\n";

	cr_assert(eq(int, bp_run(t, sizeof(t) - 1), 0));
	cr_expect(eq(sz, bp_pg.n, 3));
}

Test(boilerplate, many_short_lines)
{
	size_t n = 200000, i;
	char *t = malloc(n * 4);

	cr_assert(t != NULL);
	for (i = 0; i < n; i++)
		memcpy(t + i * 4, i % 2 ? "ab\n\n" : "cd e", 4);
	cr_assert(eq(int, bp_run(t, n * 4), 0));
	cr_expect(gt(sz, bp_pg.n, 0));
	free(t);
}

Test(boilerplate, cjk_counts_half)
{
	static const char t[] = "\xe6\x96\xb0\xe9\x97\xbb\xe7\xa8\xbf\xe4"
	                        "\xbb\xb6\n"; /* four Han characters */

	cr_assert(eq(int, bp_run(t, sizeof(t) - 1), 0));
	cr_assert(eq(sz, bp_pg.n, 1));
	cr_expect(eq(dbl, bp_pg.lines[0].words, 2.0));
}

Test(boilerplate, missing_weights_is_an_error)
{
	struct bp_settings set;
	struct bp_model *m = NULL;
	struct pl_error err;

	memset(&set, 0, sizeof(set));
	cr_expect(eq(int, bp_model_new(&set, &m, &err), -1));
	cr_expect(eq(ptr, m, NULL));
	cr_expect(eq(int, strstr(err.msg, "weights") != NULL, 1));
}

/* ---- site memory ---- */

static void
bp_site_path(char *buf, size_t n)
{
	snprintf(buf, n, "/tmp/bp-site-test-%ld.txt", (long)getpid());
	unlink(buf);
}

static void
bp_site_unlink(const char *path)
{
	char lock[256];

	unlink(path);
	snprintf(lock, sizeof(lock), "%s.lock", path);
	unlink(lock);
}

TestSuite(bp_site);

Test(bp_site, template_after_enough_pages)
{
	struct bp_sites *s;
	struct bp_site *site;
	struct pl_error err;
	uint64_t page[3] = {11, 22, 33};

	cr_assert(eq(int, bp_sites_open(NULL, 10, 100, &s, &err), 0));
	site = bp_sites_get(s, "example.org", 11);
	cr_assert(site != NULL);
	cr_expect(eq(int, bp_site_is_template(site, 11, 3, 0.5), 0));
	for (int i = 0; i < 3; i++) {
		page[2] = 100 + (uint64_t)i; /* one line differs */
		cr_assert(eq(int, bp_site_add_page(s, site, page, 3), 0));
	}
	cr_expect(eq(ulong, bp_site_pages(site), 3));
	cr_expect(eq(int, bp_site_is_template(site, 11, 3, 0.5), 1));
	cr_expect(eq(int, bp_site_is_template(site, 101, 3, 0.5), 0));
	cr_expect(eq(ptr, bp_sites_get(s, "example.org", 11), site));
	bp_sites_free(s);
}

Test(bp_site, counts_per_fingerprint)
{
	struct bp_sites *s;
	struct bp_site *site;
	struct pl_error err;
	uint64_t a[] = {5, 6, 5}, b[] = {5, 7};

	cr_assert(eq(int, bp_sites_open(NULL, 10, 100, &s, &err), 0));
	site = bp_sites_get(s, "two.test", 8);
	cr_assert(ne(ptr, site, NULL));
	cr_expect(eq(ulong, bp_site_count(site, 5), 0));
	cr_assert(eq(int, bp_site_add_page(s, site, a, 3), 0));
	cr_assert(eq(int, bp_site_add_page(s, site, b, 2), 0));
	/* twice on one page counts once */
	cr_expect(eq(ulong, bp_site_count(site, 5), 2));
	cr_expect(eq(ulong, bp_site_count(site, 6), 1));
	cr_expect(eq(ulong, bp_site_count(site, 8), 0));
	cr_expect(eq(ulong, bp_site_count(NULL, 5), 0));
	bp_sites_free(s);
}

Test(bp_site, sites_in_memory_are_capped)
{
	struct bp_sites *s;
	struct bp_site *a, *b, *c;
	struct pl_error err;
	uint64_t fps[] = {1, 2};
	char name[32];
	int i;

	cr_assert(eq(int, bp_sites_open(NULL, 2, 100, &s, &err), 0));
	a = bp_sites_get(s, "a.test", 6);
	for (i = 0; i < 3; i++)
		cr_assert(eq(int, bp_site_add_page(s, a, fps, 2), 0));
	b = bp_sites_get(s, "b.test", 6);
	cr_assert(eq(int, bp_site_add_page(s, b, fps, 2), 0));
	/* a third site forgets the smaller one */
	c = bp_sites_get(s, "c.test", 6);
	cr_assert(ne(ptr, c, NULL));
	a = bp_sites_get(s, "a.test", 6);
	cr_expect(eq(ulong, bp_site_pages(a), 3));
	cr_expect(eq(ulong, bp_site_count(a, 2), 3));
	b = bp_sites_get(s, "b.test", 6);
	cr_expect(eq(ulong, bp_site_pages(b), 0));
	/* many names: found again, never more than two held */
	for (i = 0; i < 1000; i++) {
		int len = snprintf(name, sizeof(name), "s%d.test", i);

		cr_assert(ne(ptr, bp_sites_get(s, name, (size_t)len), NULL));
	}
	a = bp_sites_get(s, "a.test", 6);
	cr_expect(eq(ulong, bp_site_pages(a), 3));
	bp_sites_free(s);
}

Test(bp_site, saved_counts_add_up)
{
	char path[128];
	struct bp_sites *a, *b, *c;
	struct bp_site *sa, *sb, *sc;
	struct pl_error err;
	uint64_t page[2] = {7, 8};
	FILE *fp;

	bp_site_path(path, sizeof(path));
	cr_assert(eq(int, bp_sites_open(path, 10, 100, &a, &err), 0));
	cr_assert(eq(int, bp_sites_open(path, 10, 100, &b, &err), 0));
	sa = bp_sites_get(a, "x.test", 6);
	sb = bp_sites_get(b, "x.test", 6);
	cr_assert(eq(int, bp_site_add_page(a, sa, page, 2), 0));
	cr_assert(eq(int, bp_site_add_page(b, sb, page, 2), 0));
	/* two runs that overlapped: both pages must end up in the file */
	cr_assert(eq(int, bp_sites_save(a, &err), 0), "%s", err.msg);
	cr_assert(eq(int, bp_sites_save(b, &err), 0), "%s", err.msg);
	cr_assert(eq(int, bp_sites_open(path, 10, 100, &c, &err), 0));
	sc = bp_sites_get(c, "x.test", 6);
	cr_expect(eq(ulong, bp_site_pages(sc), 2));
	cr_expect(eq(int, bp_site_is_template(sc, 7, 2, 1.0), 1));
	bp_sites_free(a);
	bp_sites_free(b);
	bp_sites_free(c);
	/* a file that is not ours is refused */
	fp = fopen(path, "w");
	cr_assert(fp != NULL);
	fputs("hello\n", fp);
	fclose(fp);
	cr_expect(eq(int, bp_sites_open(path, 10, 100, &c, &err), -1));
	cr_expect(eq(int, strstr(err.msg, "not a site memory") != NULL, 1));
	bp_site_unlink(path);
}

Test(bp_site, bounded)
{
	struct bp_sites *s;
	struct bp_site *site;
	struct pl_error err;
	uint64_t fps[64];
	size_t i, p;

	cr_assert(eq(int, bp_sites_open(NULL, 2, 32, &s, &err), 0));
	site = bp_sites_get(s, "big.test", 8);
	for (p = 0; p < 50; p++) {
		for (i = 0; i < 64; i++)
			fps[i] = i < 4 ? i + 1 : p * 1000 + i;
		cr_assert(eq(int, bp_site_add_page(s, site, fps, 64), 0));
	}
	/* the lines on every page survive the pruning */
	for (i = 1; i <= 4; i++)
		cr_expect(eq(int, bp_site_is_template(site, i, 3, 0.9), 1));
	bp_sites_free(s);
}
