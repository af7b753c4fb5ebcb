#!/bin/bash
# parallel.sh - examples/parallel/pipeline.sh: the pipeline run with GNU
# parallel equals the serial run (bytes for the stateless stages, the set
# of kept records for the sharded dedup).  Skipped when parallel is
# missing (make deps installs it).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
export PATH=${PL_BIN:-$top/bin}:$PATH
suite=parallel
. "$top/tests/lib/check.sh"
use_tmp
if ! command -v parallel > /dev/null; then
	echo "parallel: GNU parallel missing, skipped"
	exit 0
fi
. "$top/tests/lib/gendump.sh"
mkdir -p "$tmp/dumps"
for s in $(seq 1 40); do
	gen_dump "Site $((s % 3))" $((s % 25)) > "$tmp/dumps/d$(printf %03d "$s").txt"
done
cp "$top"/examples/dumps/*.txt "$tmp/dumps/"
"$top/examples/parallel/pipeline.sh" "$tmp/dumps" "$tmp/out" 3 > "$tmp/log" 2>&1
check "pipeline: status 0" [ $? -eq 0 ]
o=$tmp/out
check "articles: parallel = serial, byte for byte" cmp -s "$o/articles.serial.jsonl" "$o/articles.parallel.jsonl"
check "sentences: parallel = serial, byte for byte" cmp -s "$o/sentences.serial.jsonl" "$o/sentences.parallel.jsonl"
check "sentences: not empty" [ -s "$o/sentences.serial.jsonl" ]
check "quotes: some duplicates were dropped" [ "$(wc -l < "$o/quotes.serial.jsonl")" -lt "$(wc -l < "$o/allquotes.jsonl")" ]
check "quotes: sharded = serial, as a set" cmp -s <(LC_ALL=C sort "$o/quotes.serial.jsonl") <(LC_ALL=C sort "$o/quotes.parallel.jsonl")
report
