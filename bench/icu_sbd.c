/*
 * icu_sbd.c - the peer for bench/split-sentences.sh: ICU's sentence
 * BreakIterator over a UTF-8 file (through UText, so no UTF-16 copy),
 * writing one sentence a line like split-sentences does (in runs, one
 * fwrite a line piece), so both pay for reading and writing the same
 * bytes.
 *
 *	cc -O2 bench/icu_sbd.c $(pkg-config --cflags --libs icu-uc icu-i18n)
 *	./icu_sbd FILE > sentences.txt
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

int
main(int argc, char **argv)
{
	FILE *fp;
	char *text = NULL;
	size_t len = 0, cap = 0, k;
	UErrorCode st = U_ZERO_ERROR;
	UText *ut;
	UBreakIterator *bi;
	int32_t a, b;
	long n = 0;

	if (argc != 2 || (fp = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: icu_sbd FILE\n");
		return 2;
	}
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 1 << 20;
			if ((text = realloc(text, cap)) == NULL)
				return 2;
		}
		if ((k = fread(text + len, 1, cap - len, fp)) == 0)
			break;
		len += k;
	}
	fclose(fp);
	ut = utext_openUTF8(NULL, text, (int64_t)len, &st);
	bi = ubrk_open(UBRK_SENTENCE, "en", NULL, 0, &st);
	ubrk_setUText(bi, ut, &st);
	if (U_FAILURE(st)) {
		fprintf(stderr, "icu_sbd: %s\n", u_errorName(st));
		return 2;
	}
	/* offsets are native (UTF-8 byte) indexes with a UTF-8 UText */
	for (a = ubrk_first(bi); (b = ubrk_next(bi)) != UBRK_DONE; a = b) {
		int32_t e = b;

		while (e > a && (text[e - 1] == ' ' || text[e - 1] == '\n'))
			e--;
		if (e > a) {
			int32_t i = a, j;

			/* runs between line breaks in one fwrite each, as
			 * split-sentences writes them */
			for (j = a; j < e; j++) {
				if (text[j] != '\n')
					continue;
				fwrite(text + i, 1, (size_t)(j - i), stdout);
				putchar(' ');
				i = j + 1;
			}
			fwrite(text + i, 1, (size_t)(e - i), stdout);
			putchar('\n');
			n++;
		}
	}
	fprintf(stderr, "icu: %ld sentences\n", n);
	ubrk_close(bi);
	utext_close(ut);
	free(text);
	return 0;
}
