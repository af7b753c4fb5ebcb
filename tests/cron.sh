#!/bin/bash
# cron.sh - run examples/cron/nightly.sh three "nights" in a row over
# generated dumps and check that nothing is lost or repeated:
#   - every dump is processed exactly once;
#   - the quotations written over the three nights are, as a set, those
#     of one serial run over all dumps, and none is written twice;
#   - a run that finds the lock taken skips; a run with nothing new writes
#     nothing.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${PL_BIN:-$top/bin}
export PATH=$bin:$PATH
suite=cron
. "$top/tests/lib/check.sh"
use_tmp

. "$top/tests/lib/gendump.sh"
dumps=$tmp/dumps
work=$tmp/work
mkdir -p "$dumps"
# night 1: stories 1-3 on site A; night 2: stories 4-5 on A, and story 2
# syndicated on B (its quotes must not come out again); night 3: story 6
# on B, story 4 again on B.
night() {
	case $1 in
	1) for s in 1 2 3; do gen_dump "Site A" $s > "$dumps/a-$s.txt"; done ;;
	2) for s in 4 5; do gen_dump "Site A" $s > "$dumps/a-$s.txt"; done
	   gen_dump "Site B" 2 > "$dumps/b-2.txt" ;;
	3) gen_dump "Site B" 6 > "$dumps/b-6.txt"; gen_dump "Site B" 4 > "$dumps/b-4.txt" ;;
	esac
}
for n in 1 2 3; do
	night $n
	NIGHTLY_STAMP=night$n "$top/examples/cron/nightly.sh" "$dumps" "$work" > "$tmp/out$n" 2>&1
	check "night $n: status 0" [ $? -eq 0 ]
	check "night $n: silent" [ ! -s "$tmp/out$n" ]
	check "night $n: articles written" [ -s "$work/out/articles-night$n.jsonl" ]
done
check "every dump done once" cmp -s <(find "$dumps" -type f | LC_ALL=C sort) "$work/state/done.list"
check "articles: each dump once" [ "$(cat "$work"/out/articles-*.jsonl | wc -l)" -eq 8 ]
check "log: a line per night" [ "$(grep -c 'dumps,' "$work/nightly.log")" -eq 3 ]

quotes_of() { sed -n 's/.*"quote":"\([^"]*\)".*/\1/p' "$@"; }
quotes_of "$work"/out/quotes-*.jsonl | LC_ALL=C sort > "$tmp/nightly"
find "$dumps" -type f | LC_ALL=C sort > "$tmp/all.list"
strip-boilerplate -q -j --files-from "$tmp/all.list" | extract-quotes -q -j |
    dedup-lines -q -k quote --normalize=all > "$tmp/serial.jsonl"
quotes_of "$tmp/serial.jsonl" | LC_ALL=C sort > "$tmp/serial"
check "quotes: some found" [ -s "$tmp/serial" ]
check "quotes: none repeated across nights" [ -z "$(uniq -d "$tmp/nightly")" ]
check "quotes: nightly = serial (nothing lost)" cmp -s "$tmp/nightly" "$tmp/serial"

# nothing new: no outputs, a log line
NIGHTLY_STAMP=night4 "$top/examples/cron/nightly.sh" "$dumps" "$work"
check "night 4: nothing new, no output" [ ! -e "$work/out/articles-night4.jsonl" ]
check "night 4: logged" grep -q "night4: no new dumps" "$work/nightly.log"
# a second run while the lock is held skips
gen_dump "Site C" 7 > "$dumps/c-7.txt"
flock "$work/state/lock" sleep 3 &	# another run, still busy
holder=$!
sleep 0.5
NIGHTLY_STAMP=night5 "$top/examples/cron/nightly.sh" "$dumps" "$work"
wait "$holder"
check "locked: skipped" grep -q "skipped" "$work/nightly.log"
check "locked: no output" [ ! -e "$work/out/articles-night5.jsonl" ]
NIGHTLY_STAMP=night6 "$top/examples/cron/nightly.sh" "$dumps" "$work"
check "after the lock: the new dump is processed" [ "$(wc -l < "$work/out/articles-night6.jsonl")" -eq 1 ]

report
