#!/bin/bash
# core.sh - the common core's JSONL pass-through (parse every record,
# decode its text member, write the record back through the span-
# preserving writer) side by side with `jq -c .` and `cat` on the same
# generated file, in one run.  Prints times and ratios.
#
#   bench/core.sh [MEGABYTES]      (default 200)
#
# Absolute times on shared machines are noise; the ratios are the figure.
# Each command runs PL_BENCH_RUNS times (default 3); the best time counts.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
mb=${1:-200}
pass=${PL_PASS:-$top/build/jsonl-pass}
work=${TMPDIR:-/tmp}/pl-bench-core
mkdir -p "$work"
data=$work/records-$mb.jsonl
[ -x "$pass" ] || { echo "core.sh: build first: make build/jsonl-pass" >&2; exit 2; }

if [ ! -s "$data" ]; then
	# Deterministic records: news-like text with escapes, odd numbers,
	# nested members.  awk's srand(1) makes the same file every time.
	awk -v target=$((mb * 1000000)) 'BEGIN {
		srand(1)
		split("the minister said talks would resume on Friday after " \
		    "a week of pressure from allies who want stability in " \
		    "the region while voters head to the polls and markets " \
		    "wait for news of the trade deal", w, " ")
		nw = length(w); bytes = 0; id = 0
		while (bytes < target) {
			id++
			t = ""
			n = 80 + int(rand() * 200)
			for (i = 0; i < n; i++) {
				t = t w[1 + int(rand() * nw)]
				r = rand()
				if (r < 0.05) t = t ". "
				else if (r < 0.07) t = t ", \\\"quoted\\\" "
				else if (r < 0.08) t = t " caf\\u00e9 \\ud83d\\ude00 "
				else t = t " "
			}
			line = sprintf("{\"id\":%d,\"url\":\"https://news.example/%d\"," \
			    "\"n\":100000000000000000001,\"score\":1.10," \
			    "\"meta\":{\"tags\":[\"a\",\"b\"],\"rank\":%d}," \
			    "\"text\":\"%s\"}", id, id, id % 97, t)
			print line
			bytes += length(line) + 1
		}
	}' > "$data"
fi
size=$(wc -c < "$data")

runs=${PL_BENCH_RUNS:-3}
timeit() {	# timeit COMMAND... : best wall time of $runs runs, output discarded
	local s e t best=
	for _ in $(seq "$runs"); do
		s=$(date +%s.%N)
		"$@" > /dev/null
		e=$(date +%s.%N)
		t=$(echo "$e - $s" | bc -l)
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then
			best=$t
		fi
	done
	echo "$best"
}

echo "core pass-through on $(echo "$size / 1000000" | bc) MB ($data), best of $runs runs"
t_cat=$(timeit cat "$data")
t_pass=$(timeit "$pass" "$data")
if command -v jq > /dev/null; then
	t_jq=$(timeit jq -c . "$data")
else
	t_jq=
fi
# the pass-through must not change a byte of these records
if ! "$pass" "$data" | cmp -s - "$data"; then
	echo "core.sh: pass-through changed the records" >&2
	exit 1
fi
printf '%-22s %8.2f s %8.0f MB/s\n' "cat" "$t_cat" "$(echo "$size / $t_cat / 1000000" | bc -l)"
printf '%-22s %8.2f s %8.0f MB/s\n' "jsonl-pass (pressline)" "$t_pass" "$(echo "$size / $t_pass / 1000000" | bc -l)"
[ -n "$t_jq" ] && printf '%-22s %8.2f s %8.0f MB/s\n' "jq -c ." "$t_jq" "$(echo "$size / $t_jq / 1000000" | bc -l)"
printf 'ratio: pressline is %.1fx slower than cat' "$(echo "$t_pass / $t_cat" | bc -l)"
[ -n "$t_jq" ] && printf ', %.1fx faster than jq' "$(echo "$t_jq / $t_pass" | bc -l)"
echo
