#!/bin/bash
# pipeline.sh DUMPS OUT [JOBS] - the pressline pipeline over many dumps
# with GNU parallel, and the same serially, so that they can be compared.
#
#   OUT/sentences.parallel.jsonl  strip-boilerplate | split-sentences,
#                                 files spread over JOBS workers
#   OUT/quotes.parallel.jsonl     quotations, deduplicated in JOBS shards
#                                 (dedup-lines --shard I/N: each worker
#                                 owns the keys whose hash falls in its
#                                 shard, so no key is seen by two workers)
#   OUT/*.serial.jsonl            the same, one process per stage
#
# The stateless stages give byte-identical output (parallel -k keeps the
# order); the sharded dedup keeps the same set of records.
set -eu
set -o pipefail
dumps=${1:?usage: pipeline.sh DUMPS OUT [JOBS]}
out=${2:?usage: pipeline.sh DUMPS OUT [JOBS]}
jobs=${3:-4}
mkdir -p "$out"
find "$dumps" -type f -name '*.txt' | LC_ALL=C sort > "$out/files.list"

# --- serial
strip-boilerplate -q -j --files-from "$out/files.list" > "$out/articles.serial.jsonl"
split-sentences -q -j "$out/articles.serial.jsonl" > "$out/sentences.serial.jsonl"
extract-quotes -q -j "$out/articles.serial.jsonl" > "$out/allquotes.jsonl"
dedup-lines -q -k quote --normalize=all "$out/allquotes.jsonl" > "$out/quotes.serial.jsonl"

# --- parallel: many files per job (-X), output kept in input order (-k)
parallel -k -X -j "$jobs" -a "$out/files.list" strip-boilerplate -q -j \
    > "$out/articles.parallel.jsonl"
# records are independent: cut the stream into blocks at line ends
parallel -k --pipe --block 64k -j "$jobs" split-sentences -q -j \
    < "$out/articles.parallel.jsonl" > "$out/sentences.parallel.jsonl"
# sharded dedup: worker I keeps the keys of shard I
seq 0 $((jobs - 1)) | parallel -j "$jobs" \
    dedup-lines -q -k quote --normalize=all --shard {}/"$jobs" \
    "$out/allquotes.jsonl" '>' "$out/quotes.shard{}.jsonl"
cat "$out"/quotes.shard*.jsonl > "$out/quotes.parallel.jsonl"
