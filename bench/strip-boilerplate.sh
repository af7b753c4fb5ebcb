#!/bin/bash
# strip-boilerplate.sh - strip-boilerplate side by side with a C4-rule line
# filter written in awk (the "clean" rules of the C4 corpus: keep lines
# that end in terminal punctuation and have at least 3 words, drop lines
# with "javascript", "cookie", "terms of use", "privacy policy", a "{" or
# "lorem ipsum") on the same dumps, in one run.
#
# The corpus is the example dumps and seeds (examples/dumps, examples/
# seeds) repeated to MEGABYTES, one page a JSON Lines record for
# strip-boilerplate and the same pages as plain text for awk.  Prints
# times, throughput and the ratio, and the peak memory of
# strip-boilerplate on the corpus and on one twice as large (memory
# should stay flat: one page is held at a time).
#
#   bench/strip-boilerplate.sh [MEGABYTES]      (default 40)
#
# Times are measured with /usr/bin/time: CPU (user + system) and wall.
# Absolute times on shared machines are noise; the ratio is the figure.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
mb=${1:-40}
tool=${PL_BIN:-$top/bin}/strip-boilerplate
work=${TMPDIR:-/tmp}/pl-bench-bp
mkdir -p "$work"
[ -x "$tool" ] || { echo "strip-boilerplate.sh: build first: make" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "strip-boilerplate.sh: needs /usr/bin/time (GNU time)" >&2; exit 2; }

gen() {	# gen MEGABYTES JSONL TEXT
	python3 - "$1" "$2" "$3" "$top"/examples/dumps/*.txt \
	    "$top"/examples/seeds/*.txt <<'EOF'
import json, sys
target = int(sys.argv[1]) * 1000000
pages = [open(p, encoding="utf-8", errors="replace").read()
         for p in sys.argv[4:]]
n = size = 0
with open(sys.argv[2], "w", encoding="utf-8") as js, \
        open(sys.argv[3], "w", encoding="utf-8") as tx:
    while size < target:
        p = pages[n % len(pages)]
        js.write(json.dumps({"id": n, "text": p}, ensure_ascii=False) + "\n")
        tx.write(p + "\n\n")
        size += len(p.encode("utf-8"))
        n += 1
EOF
}
c4='
{
	line = $0
	low = tolower(line)
	if (low ~ /javascript|cookie|terms of use|privacy policy|lorem ipsum|\{/)
		next
	if (NF < 3)
		next
	t = line
	sub(/[ \t]+$/, "", t)
	if (t !~ /[.!?"]$/)
		next
	print line
}'

timeit() {	# timeit NAME CMD...: prints "wall cpu" seconds
	local name=$1
	shift
	/usr/bin/time -f '%e %U %S' -o "$work/$name.time" "$@" > /dev/null \
	    2> "$work/$name.err" ||
	    { echo "$name failed" >&2; cat "$work/$name.err" >&2; exit 1; }
	awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$work/$name.time"
}
peak() {	# peak CMD...: prints the peak resident memory in KiB
	/usr/bin/time -f %M "$@" 2>&1 > /dev/null | tail -1
}

js=$work/pages-$mb.jsonl
tx=$work/pages-$mb.txt
[ -s "$js" ] && [ -s "$tx" ] || gen "$mb" "$js" "$tx"
size=$(wc -c < "$tx")
set -- $(timeit bp "$tool" "$js")
w_bp=$1 t_bp=$2
set -- $(timeit awk awk "$c4" "$tx")
w_awk=$1 t_awk=$2
mbs() { echo "$size / 1000000 / ($1 + 0.005)" | bc -l; }
printf 'corpus: %d pages, %.1f MB of dump text\n' "$(wc -l < "$js")" \
    "$(echo "$size / 1000000" | bc -l)"
printf '%-28s %6.2f s cpu %7.1f MB/s   %6.2f s wall %7.1f MB/s\n' \
    "strip-boilerplate (JSONL)" "$t_bp" "$(mbs "$t_bp")" "$w_bp" \
    "$(mbs "$w_bp")"
printf '%-28s %6.2f s cpu %7.1f MB/s   %6.2f s wall %7.1f MB/s\n' \
    "C4 rules in awk (text)" "$t_awk" "$(mbs "$t_awk")" "$w_awk" \
    "$(mbs "$w_awk")"
printf 'ratio strip-boilerplate / awk: %.2f (cpu time), %.2f (wall)\n' \
    "$(echo "($t_bp + 0.005) / ($t_awk + 0.005)" | bc -l)" \
    "$(echo "($w_bp + 0.005) / ($w_awk + 0.005)" | bc -l)"
if true; then
	js2=$work/pages-$((mb * 2)).jsonl
	tx2=$work/pages-$((mb * 2)).txt
	[ -s "$js2" ] && [ -s "$tx2" ] || gen $((mb * 2)) "$js2" "$tx2"
	printf 'peak memory: %s KiB on %d MB, %s KiB on %d MB\n' \
	    "$(peak "$tool" "$js")" "$mb" "$(peak "$tool" "$js2")" $((mb * 2))
fi
