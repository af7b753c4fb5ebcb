#!/bin/bash
# split-sentences.sh - split-sentences side by side with ICU's sentence
# BreakIterator (bench/icu_sbd.c, built here against Debian's libicu-dev)
# and Node's Intl.Segmenter (bench/intl_sbd.js) on the same generated
# English prose, in one run.  Each tool reads the file and writes one
# sentence a line to /dev/null.  Two corpora, both of our own writing:
#
#   news   prose with the statistics of scraped news bodies
#          (bench/news-prose.awk: ~110 bytes and ~18 words a sentence)
#   dense  sixteen rule-heavy sentences in random order ("Dr. Mara Quill
#          said the ferry would leave at 7 a.m. from Pier No. 4."): half
#          the length, twice the periods, the splitter's worst case
#
# Prints times, throughput and ratios for each, and the peak memory of
# split-sentences on the news file and on a file twice as large (memory
# should stay flat: the tool holds one paragraph at a time).
#
#   bench/split-sentences.sh [MEGABYTES [RUNS]]   (default 60 MB, best of 3)
#
# Times are CPU seconds (user + system, best of RUNS), which a busy shared
# machine disturbs less than wall-clock time; the ratios are the figure.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
mb=${1:-60}
runs=${2:-3}
tool=${PL_BIN:-$top/bin}/split-sentences
work=${TMPDIR:-/tmp}/pl-bench-sbd
mkdir -p "$work"
dense=$work/prose-$mb.txt
news=$work/news-$mb.txt
[ -x "$tool" ] || { echo "split-sentences.sh: build first: make" >&2; exit 2; }

gen() {	# gen MEGABYTES FILE: the dense corpus
	awk -v target=$(($1 * 1000000)) 'BEGIN {
		srand(7)
		n = split("The council met on Tuesday to discuss the new harbor plan.|" \
		    "Dr. Mara Quill said the ferry would leave at 7 a.m. from Pier No. 4.|" \
		    "\"We are ready,\" she said.|" \
		    "Prices rose 2.5% in the first quarter, the highest rate since 2019.|" \
		    "Will the bridge open on time?|" \
		    "Nobody knows yet!|" \
		    "The U.S. agency approved the loan, i.e. about $4.2 million.|" \
		    "Mr. Lee, who owns a bakery on Main St., disagreed.|" \
		    "He said the plan (which he called \"rushed\") ignored small shops.|" \
		    "Traffic on the coast road fell by a third after the storm...|" \
		    "Officials expect the work to finish by Jan. 5 next year.|" \
		    "Some residents asked for a vote; others wanted a study first.|" \
		    "The mayor, J. R. Okafor, promised an answer within weeks.|" \
		    "Ferry tickets will cost $3.50 for adults and $1.75 for children.|" \
		    "A report by Acme Inc. found the harbor floor was deeper than thought.|" \
		    "In the end the vote was 7 to 2 in favor.", s, "|")
		bytes = 0
		while (bytes < target) {
			p = ""
			k = 3 + int(rand() * 6)
			for (i = 0; i < k; i++)
				p = p (i ? " " : "") s[1 + int(rand() * n)]
			# hard-wrap some paragraphs like scraped text
			if (rand() < 0.3) {
				q = ""; col = 0; m = split(p, w, " ")
				for (j = 1; j <= m; j++) {
					if (col + length(w[j]) > 72) { q = q "\n"; col = 0 }
					else if (j > 1) { q = q " "; col++ }
					q = q w[j]; col += length(w[j])
				}
				p = q
			}
			print p "\n"
			bytes += length(p) + 2
		}
	}' > "$2"
}
[ -s "$dense" ] || gen "$mb" "$dense"
[ -s "$news" ] || echo $(($mb * 1000000)) |
    awk -f "$top/bench/news-prose.awk" > "$news"
icu=$work/icu_sbd
if [ ! -x "$icu" ] || [ "$top/bench/icu_sbd.c" -nt "$icu" ]; then
	cc -O2 -o "$icu" "$top/bench/icu_sbd.c" \
	    $(pkg-config --cflags --libs icu-uc icu-i18n)
fi

timeit() {	# timeit NAME CMD...: best CPU time (user + sys) of $runs runs
	local name=$1 best= t r TIMEFORMAT='%3U %3S'
	shift
	for r in $(seq "$runs"); do
		# bash's time: getrusage to the millisecond (GNU time's %U
		# and %S stop at hundredths, 8% of a 0.13 s run)
		{ time "$@" > /dev/null 2> "$work/$name.err"; } \
		    2> "$work/$name.time" ||
		    { echo "$name failed" >&2; cat "$work/$name.err" >&2; exit 1; }
		t=$(awk '{ printf "%.3f", $1 + $2 }' "$work/$name.time")
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then
			best=$t
		fi
	done
	echo "$best"
}
mbs() { echo "scale=1; $size / 1000000 / $1" | bc -l; }
for corpus in news dense; do
	eval data=\$$corpus
	size=$(wc -c < "$data")
	t_sbd=$(timeit sbd "$tool" -l en "$data")
	t_icu=$(timeit icu "$icu" "$data")
	t_node=$(timeit node node --max-old-space-size=8192 \
	    "$top/bench/intl_sbd.js" "$data")
	printf '%s: %s (%.1f MB of English prose)\n' "$corpus" "$data" \
	    "$(echo "$size / 1000000" | bc -l)"
	printf '  %-24s %8.3f s %8s MB/s %10s sentences\n' \
	    "split-sentences -l en" "$t_sbd" "$(mbs "$t_sbd")" \
	    "$("$tool" -l en "$data" | wc -l)"
	printf '  %-24s %8.3f s %8s MB/s %10s sentences\n' \
	    "ICU BreakIterator" "$t_icu" "$(mbs "$t_icu")" \
	    "$(sed -n 's/icu: \([0-9]*\).*/\1/p' "$work/icu.err")"
	printf '  %-24s %8.3f s %8s MB/s %10s sentences\n' \
	    "Node Intl.Segmenter" "$t_node" "$(mbs "$t_node")" \
	    "$(sed -n 's/intl: \([0-9]*\).*/\1/p' "$work/node.err")"
	printf '  ratio: split-sentences is %.1fx ICU, %.1fx Intl.Segmenter\n' \
	    "$(echo "$t_icu / $t_sbd" | bc -l)" \
	    "$(echo "$t_node / $t_sbd" | bc -l)"
done
data=$news
# memory in the input size (stdin: the text arrives in pieces)
if [ -x /usr/bin/time ]; then
	m1=$(/usr/bin/time -f %M "$tool" -l en < "$data" 2>&1 >/dev/null | tail -1)
	m2=$(cat "$data" "$data" | /usr/bin/time -f %M "$tool" -l en 2>&1 >/dev/null | tail -1)
	printf 'peak memory on stdin: %s KB for %s MB, %s KB for twice that\n' "$m1" "$mb" "$m2"
fi
