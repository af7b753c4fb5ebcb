#!/bin/sh
# bench/dedup-lines.sh - dedup-lines side by side with awk '!seen[$0]++',
# LC_ALL=C sort -u and wc -l, on generated data.
#
# Two corpora, generated deterministically (own PRNG, fixed seeds) by a
# small C program compiled here:
#   news   >= 500 MB of news-like lines (5 to 40 words from a Zipf
#          vocabulary, 2.4 million distinct, about 50 % repeats)
#   short  10^7 short lines (2 to 4 words), about 45 % repeats
# For each tool: wall seconds, peak RSS (from /usr/bin/time -v, else
# /proc), and the ratio of its time to dedup-lines'.  The outputs of
# dedup-lines and awk are compared, so a fast wrong answer shows.
#
# Usage: bench/dedup-lines.sh [WORKDIR]  (default: a fresh mktemp -d)
# Environment: DEDUP_BENCH_MB (default 520), DEDUP_BENCH_SHORT (10000000);
# DEDUP_NEAR_GOLD and DEDUP_NEAR_SCORE add near-duplicate quality over
# random orders of a labelled set (see the end of this file).
#
# SPDX-License-Identifier: MIT
set -eu
LC_ALL=C
export LC_ALL
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${PL_BIN:-$here/bin}
dd="$bin/dedup-lines"
[ -x "$dd" ] || { echo "bench: build first ($dd missing)" >&2; exit 2; }
work=${1:-$(mktemp -d "${TMPDIR:-/tmp}/dedup-bench.XXXXXX")}
mkdir -p "$work"
mb=${DEDUP_BENCH_MB:-520}
nshort=${DEDUP_BENCH_SHORT:-10000000}
cc=${CC:-cc}

cat > "$work/gen.c" <<'GEN'
/* Deterministic generator of news-like lines with repeats. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static unsigned long long s = 0x9e3779b97f4a7c15ULL;
static unsigned long long
rnd(void)	/* splitmix64 */
{
	unsigned long long z = (s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}
static double
unif(void)
{
	return (double)(rnd() >> 11) / 9007199254740992.0;
}
#define NW 50000
static char words[NW][16];
static double cdf[NW];
static int
zipf(void)
{
	double u = unif();
	int lo = 0, hi = NW - 1;
	while (lo < hi) {
		int m = (lo + hi) / 2;
		if (cdf[m] < u) lo = m + 1; else hi = m;
	}
	return lo;
}
/* Line number i of the distinct set, regenerated from its own seed. */
static size_t
line(unsigned long long i, int minw, int maxw, char *out)
{
	unsigned long long save = s;
	size_t n = 0;
	int k, nw;
	s = i * 0xd1342543de82ef95ULL + 12345;
	nw = minw + (int)(rnd() % (unsigned)(maxw - minw + 1));
	for (k = 0; k < nw; k++) {
		const char *w = words[zipf()];
		size_t l = strlen(w);
		if (k) out[n++] = ' ';
		memcpy(out + n, w, l);
		if (k == 0 && out[n] >= 'a') out[n] -= 32;
		n += l;
	}
	if (nw > 3) out[n++] = '.';
	s = save;
	return n;
}
int
main(int argc, char **argv)
{
	unsigned long long total = strtoull(argv[1], NULL, 10);
	unsigned long long distinct = strtoull(argv[2], NULL, 10);
	int minw = atoi(argv[3]), maxw = atoi(argv[4]);
	double rep = atof(argv[5]);
	unsigned long long made = 0, i;
	static char buf[4096];
	double z = 0;
	int k, j;
	for (k = 0; k < NW; k++) {
		int l = 2 + (int)(rnd() % 9);
		for (j = 0; j < l; j++)
			words[k][j] = (char)('a' + rnd() % 26);
		z += 1.0 / (k + 1);
		cdf[k] = z;
	}
	for (k = 0; k < NW; k++)
		cdf[k] /= z;
	for (i = 0; i < total; i++) {
		unsigned long long which;
		size_t n;
		if (made < distinct && (made == 0 || unif() >= rep ||
		    total - i <= distinct - made))
			which = made++;
		else	/* a repeat: recent lines more often */
			which = made - 1 - (unsigned long long)
			    ((double)made * unif() * unif());
		n = line(which, minw, maxw, buf);
		buf[n++] = '\n';
		fwrite(buf, 1, n, stdout);
	}
	return ferror(stdout) || fclose(stdout);
}
GEN
$cc -O2 -o "$work/gen" "$work/gen.c"

# About 100 bytes a line: lines = MB * 10^4; 2.4 million distinct.
nnews=$((mb * 10000))
[ -s "$work/news.txt" ] || "$work/gen" "$nnews" 2400000 5 28 0.5 > "$work/news.txt"
[ -s "$work/short.txt" ] || "$work/gen" "$nshort" $((nshort * 6 / 10)) 2 4 0.4 > "$work/short.txt"

# run NAME CMD...: time one command over $input, output to a file.
run() {
	name=$1; shift
	if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
		/usr/bin/time -v -o "$work/time.$name" "$@" < "$input" > "$work/out.$name"
		secs=$(awk -F': ' '/Elapsed/ {n = split($2, a, ":"); t = 0;
		    for (i = 1; i <= n; i++) t = t * 60 + a[i]; print t}' "$work/time.$name")
		rss=$(awk -F': ' '/Maximum resident/ {printf "%.1f", $2 / 1024}' "$work/time.$name")
		cpu=$(awk -F': ' '/User time|System time/ {t += $2} END {print t}' "$work/time.$name")
	else
		t0=$(date +%s.%N)
		"$@" < "$input" > "$work/out.$name" &
		pid=$!
		peak=0
		while kill -0 $pid 2>/dev/null; do
			r=$(awk '/VmHWM/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0)
			[ "${r:-0}" -gt "$peak" ] && peak=$r
			sleep 0.05
		done
		wait $pid
		t1=$(date +%s.%N)
		secs=$(echo "$t1 - $t0" | bc)
		cpu=$secs
		rss=$(echo "scale=1; $peak / 1024" | bc)
	fi
	eval "t_$name=$secs"
	eval "c_$name=$cpu"
	printf '  %-10s %8.2f s wall %8.2f s cpu %9s MiB peak RSS\n' "$name" "$secs" "$cpu" "$rss"
}



for corpus in news short; do
	input="$work/$corpus.txt"
	size=$(wc -c < "$input")
	lines=$(wc -l < "$input")
	echo "== $corpus: $((size / 1000000)) MB, $lines lines"
	run dedup "$dd" --from text
	run awk awk '!seen[$0]++'
	run sort_u sort -u
	run wc_l wc -l
	if cmp -s "$work/out.dedup" "$work/out.awk"; then same=yes; else same=NO; fi
	kept=$(wc -l < "$work/out.dedup")
	echo "  kept $kept lines ($(( (lines - kept) * 100 / lines ))% repeats);" \
	    "output identical to awk: $same"
	awk -v d="$t_dedup" -v a="$t_awk" -v s="$t_sort_u" -v w="$t_wc_l" 'BEGIN {
		printf "  wall ratios: awk/dedup %.2fx, sort-u/dedup %.2fx, " \
		    "dedup/wc-l %.2fx\n", a / d, s / d, d / w }'
	awk -v d="$c_dedup" -v a="$c_awk" -v s="$c_sort_u" -v w="$c_wc_l" 'BEGIN {
		if (d <= 0) d = 0.01; if (w <= 0) w = 0.01
		printf "  cpu ratios:  awk/dedup %.2fx, sort-u/dedup %.2fx, " \
		    "dedup/wc-l %.2fx\n", a / d, s / d, d / w }'
	rm -f "$work"/out.*
done

# Near-duplicate quality over random orders of a labelled set, when one
# is given: DEDUP_NEAR_GOLD=gold.jsonl (records with id, text, cluster;
# scored by DEDUP_NEAR_SCORE, the eval's score.py), DEDUP_NEAR_ORDERS
# orders (default 20, seeds 0..N-1), and the options in DEDUP_NEAR_OPTS
# (default "-k text --near").  "First" depends on order, so one order
# says little about precision; the mean and the worst over many do.
if [ -n "${DEDUP_NEAR_GOLD:-}" ] && [ -n "${DEDUP_NEAR_SCORE:-}" ]; then
	orders=${DEDUP_NEAR_ORDERS:-20}
	opts=${DEDUP_NEAR_OPTS:--k text --near}
	echo "== near: $orders random orders of $DEDUP_NEAR_GOLD ($opts)"
	i=0
	while [ "$i" -lt "$orders" ]; do
		python3 -c 'import random, sys
lines = open(sys.argv[1], encoding="utf-8").readlines()
random.Random(int(sys.argv[2])).shuffle(lines)
sys.stdout.write("".join(lines))' "$DEDUP_NEAR_GOLD" "$i" > "$work/order.jsonl"
		python3 "$DEDUP_NEAR_SCORE" --gold "$work/order.jsonl" \
		    --mode jsonl --cmd "$dd $opts" | grep 'F1='
		i=$((i + 1))
	done | awk '{ split($1, p, "="); split($2, r, "="); split($3, f, "=")
		P += p[2]; R += r[2]; F += f[2]; n++
		if (n == 1 || p[2] < minp) minp = p[2]
		if (n == 1 || f[2] < minf) minf = f[2] }
	    END { printf "  mean precision %.4f recall %.4f F1 %.4f; " \
		"worst precision %.4f, worst F1 %.4f\n", P / n, R / n, F / n,
		minp, minf }'
	rm -f "$work/order.jsonl"
fi
echo "(data kept in $work)"
