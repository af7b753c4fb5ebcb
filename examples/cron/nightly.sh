#!/bin/bash
# nightly.sh DUMPS WORK - the nightly pressline job over a dump directory.
#
# Processes only the dumps that arrived since the last run:
#   strip-boilerplate (with per-site memory) -> articles-STAMP.jsonl
#   split-sentences                          -> sentences-STAMP.jsonl
#   extract-quotes | dedup-lines (with state) -> quotes-STAMP.jsonl
# Every output is written with -o (temp file + rename), the list of done
# dumps is replaced atomically only after all outputs are in place, and a
# lock (flock) keeps two runs from overlapping.  A run that fails leaves
# the dumps "new", so the next night retries them; dedup-lines' state only
# changes when its run succeeds.  Silent on success (cron mails output);
# one line per run goes to WORK/nightly.log.
#
#   crontab:  15 2 * * *  /path/to/nightly.sh /srv/dumps /srv/pressline
set -eu
set -o pipefail

dumps=${1:?usage: nightly.sh DUMPS WORK}
work=${2:?usage: nightly.sh DUMPS WORK}
state=$work/state
out=$work/out
mkdir -p "$state" "$out"

log() { printf '%s nightly: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >> "$work/nightly.log"; }

exec 9> "$state/lock"
if ! flock -n 9; then
	log "another run holds $state/lock; skipped"
	exit 0
fi

# A stamp per run; NIGHTLY_STAMP lets tests choose it.
stamp=${NIGHTLY_STAMP:-$(date -u +%Y%m%dT%H%M%SZ)}
touch "$state/done.list"
find "$dumps" -type f -name '*.txt' | LC_ALL=C sort > "$state/all.list"
LC_ALL=C comm -23 "$state/all.list" "$state/done.list" > "$state/new.list"
n=$(wc -l < "$state/new.list")
if [ "$n" -eq 0 ]; then
	log "$stamp: no new dumps"
	exit 0
fi

articles=$out/articles-$stamp.jsonl
strip-boilerplate -q -j --site-state "$state/sites.db" \
    --files-from "$state/new.list" -o "$articles"
split-sentences -q -j "$articles" -o "$out/sentences-$stamp.jsonl"
extract-quotes -q -j "$articles" |
    dedup-lines -q -k quote --normalize=all --state "$state/quotes.db" \
    -o "$out/quotes-$stamp.jsonl"

# Only now are these dumps done.
LC_ALL=C sort -u "$state/done.list" "$state/new.list" > "$state/done.list.tmp"
mv "$state/done.list.tmp" "$state/done.list"
log "$stamp: $n dumps, $(wc -l < "$articles") articles," \
    "$(wc -l < "$out/sentences-$stamp.jsonl") sentences," \
    "$(wc -l < "$out/quotes-$stamp.jsonl") new quotes"
