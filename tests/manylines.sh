#!/bin/bash
# manylines.sh - a page of a million one-word lines through every tool:
# CPU time must grow linearly with the page.  Four times the lines may
# take at most eight times the CPU (linear work gives about four, work
# quadratic in the lines of a page sixteen) plus 0.3 s for start-up
# and noise on a shared machine.  Skipped for sanitizer builds, whose
# shadow-memory costs are not the program's.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${PL_BIN:-$top/bin}
suite=manylines
. "$top/tests/lib/check.sh"
skip_under_sanitizers
use_tmp
# Distinct words, so no tool can skip a line as one it has seen.
awk 'BEGIN { for (i = 0; i < 250000; i++) print "w" i }' > "$tmp/small.txt"
awk 'BEGIN { for (i = 0; i < 1000000; i++) print "w" i }' > "$tmp/large.txt"

# cpu_ms TOOL FILE: user+system milliseconds of one run, or "fail"
cpu_ms() {
	local t
	TIMEFORMAT='%3U %3S'
	t=$( { time timeout 120 "$1" "$2" > /dev/null 2> "$tmp/err"; } 2>&1 ) ||
	    { echo fail; return; }
	awk -v t="$t" 'BEGIN { split(t, a, " "); printf "%d\n", (a[1] + a[2]) * 1000 }'
}

for t in "$bin"/*; do
	[ -x "$t" ] || continue
	n=$(basename "$t")
	small=$(cpu_ms "$t" "$tmp/small.txt")
	large=$(cpu_ms "$t" "$tmp/large.txt")
	check "$n: 250k and 1M one-word lines run (got $small, $large)" \
	    [ "$small" != fail ] && [ "$large" != fail ]
	[ "$small" != fail ] && [ "$large" != fail ] || continue
	check "$n: 1M lines in at most 8 x the CPU of 250k + 300 ms ($small ms, $large ms)" \
	    [ "$large" -le $((8 * small + 300)) ]
done
report
