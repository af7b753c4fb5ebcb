#!/bin/bash
# dedup-faults.sh - fault and scale-out tests of dedup-lines --state and
# --shard, run as commands over files:
#   - kill -9 at random moments of a run (including the save) leaves the
#     old state or the new one, never a torn one;
#   - two runs started together on one state both get their keys in;
#   - a foreign file, a state made with other settings, a damaged state:
#     exit 2, a message, the file untouched;
#   - stdout on /dev/full, and a state that cannot be written (file size
#     limit): exit 2 and the old state kept;
#   - expiry by age and by generations;
#   - N shards (GNU parallel if present) keep the same set as one run;
#     --emit-key | sort | --sorted too; split + --state nightly runs give
#     the serial output;
#   - --order-key: shuffled input, and shuffled shards merged by one more
#     run, give the serial output byte for byte;
#   - an unreadable input: with -o the state is not saved, on stdout it is;
#   - --memory caps the near-duplicate index (--stats says so).
# Prints "dedup-faults: N passed, N failed".
#
# SPDX-License-Identifier: MIT
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${PL_BIN:-$top/bin}
dd="$bin/dedup-lines"
suite=dedup-faults
. "$top/tests/lib/check.sh"
use_tmp
export LC_ALL=C

# Inputs: old keys, new keys (disjoint), both made with seq.
seq 1 300000 | sed 's/^/old record /' > "$tmp/old.txt"
seq 1 300000 | sed 's/^/new record /' > "$tmp/new.txt"
nnew=$(wc -l < "$tmp/new.txt")

# count_new STATE FILE: how many lines of FILE a copy of STATE lets through
count_new() {
	rm -f "$tmp/chk" "$tmp/chk.lock" "$tmp/chk.tmp"
	cp "$1" "$tmp/chk" || { echo -1; return; }
	"$dd" --state "$tmp/chk" "$2" 2>/dev/null | wc -l
}

# ---- kill -9 at any moment: old or new state, never torn ----
s="$tmp/kill.db"
"$dd" --state "$s" "$tmp/old.txt" > /dev/null
check "first state written" test -s "$s"
torn=0
for delay in 0.01 0.05 0.1 0.15 0.2 0.3 0.4 0.6 0.8 1.0; do
	rm -f "$tmp/base" && cp "$s" "$tmp/base"
	"$dd" --state "$s" "$tmp/new.txt" > /dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	old_left=$(count_new "$s" "$tmp/old.txt")
	new_left=$(count_new "$s" "$tmp/new.txt")
	if [ "$old_left" != 0 ] || { [ "$new_left" != 0 ] && [ "$new_left" != "$nnew" ]; }; then
		torn=1
		echo "  after kill at ${delay}s: $old_left old, $new_left new keys unknown"
	fi
	# back to the old state for the next round
	cp "$tmp/base" "$s"
done
check "kill -9 leaves old or new state" test "$torn" = 0

# ---- two runs at once on one state ----
s="$tmp/two.db"
"$dd" --state "$s" "$tmp/old.txt" > "$tmp/a.out" &
a=$!
"$dd" --state "$s" "$tmp/new.txt" > "$tmp/b.out" &
b=$!
wait $a; sa=$?
wait $b; sb=$?
check "two runs both succeed" test "$sa$sb" = 00
check "two runs: first keeps all" test "$(wc -l < "$tmp/a.out")" = 300000
check "two runs: second keeps all" test "$(wc -l < "$tmp/b.out")" = 300000
check "two runs: both sets in the state" \
    test "$(cat "$tmp/old.txt" "$tmp/new.txt" > "$tmp/both.txt"; count_new "$s" "$tmp/both.txt")" = 0

# ---- foreign, mismatched and damaged state files ----
printf 'important notes, not a state\n' > "$tmp/foreign"
cp "$tmp/foreign" "$tmp/foreign.orig"
"$dd" --state "$tmp/foreign" "$tmp/old.txt" > "$tmp/out" 2> "$tmp/err"
check "foreign state: exit 2" test $? = 2
check "foreign state: message" grep -q "not a dedup-lines state file" "$tmp/err"
check "foreign state: untouched" cmp -s "$tmp/foreign" "$tmp/foreign.orig"
check "foreign state: no output" test ! -s "$tmp/out"

s="$tmp/case.db"
printf 'A\nb\n' | "$dd" --normalize=case --state "$s" > /dev/null
cp "$s" "$tmp/case.orig"
printf 'a\n' | "$dd" --state "$s" > "$tmp/out" 2> "$tmp/err"
check "other settings: exit 2" test $? = 2
check "other settings: message names it" grep -q "normalize" "$tmp/err"
check "other settings: untouched" cmp -s "$s" "$tmp/case.orig"
printf 'a\n' | "$dd" --normalize=case --near --state "$s" > /dev/null 2>&1
check "near on an exact state: exit 2" test $? = 2
printf 'a\n' | "$dd" -k quote --normalize=case --state "$s" > /dev/null 2>&1
check "other key: exit 2" test $? = 2
printf 'a\nc\n' | "$dd" --normalize=case --state "$s" > "$tmp/out"
check "same settings: works" test "$(cat "$tmp/out")" = c

s="$tmp/dmg.db"
"$dd" --state "$s" "$tmp/old.txt" > /dev/null
head -c 100000 "$s" > "$tmp/dmg2.db"
"$dd" --state "$tmp/dmg2.db" < /dev/null 2> "$tmp/err"
check "truncated state: exit 2" test $? = 2
check "truncated state: message" grep -q "damaged" "$tmp/err"

# ---- write errors keep the old state ----
s="$tmp/full.db"
"$dd" --state "$s" "$tmp/old.txt" > /dev/null
cp "$s" "$tmp/full.orig"
if [ -w /dev/full ]; then
	"$dd" --state "$s" "$tmp/new.txt" > /dev/full 2> "$tmp/err"
	check "/dev/full: exit 2" test $? = 2
	check "/dev/full: write error" grep -q "write error" "$tmp/err"
	check "/dev/full: state not advanced" cmp -s "$s" "$tmp/full.orig"
fi
( ulimit -f 2048; trap '' XFSZ; exec "$dd" --state "$s" "$tmp/new.txt" > /dev/null 2> "$tmp/err" )
check "state too big to write: exit 2" test $? = 2
check "state too big to write: message" grep -q "write error" "$tmp/err"
check "state too big to write: old state kept" cmp -s "$s" "$tmp/full.orig"
check "state too big to write: no temp file left" test ! -e "$s.tmp"

# ---- expiry ----
s="$tmp/age.db"
printf 'x\n' | "$dd" --state "$s" > /dev/null
sleep 2
printf 'x\ny\n' | "$dd" --state "$s" --state-max-age=1s > "$tmp/out"
check "max age: old key forgotten" test "$(tr '\n' ' ' < "$tmp/out")" = "x y "
s="$tmp/gen.db"
for k in a b c; do printf '%s\n' $k | "$dd" --state "$s" --state-generations=2 > /dev/null; done
printf 'a\nb\nc\n' | "$dd" --state "$s" --state-generations=2 > "$tmp/out"
# the last run keeps generation 3 (c) only, plus its own
check "generations: older runs forgotten" test "$(tr '\n' ' ' < "$tmp/out")" = "a b "
check "bad --state-max-age: exit 2" sh -c "! '$dd' --state '$s' --state-max-age=soon < /dev/null 2>/dev/null"

# ---- scale-out: shards, emit-key + sort + --sorted, nightly splits ----
{ seq 1 20000; seq 5000 3 30000; seq 1 7 20000; } | sed 's/^/Key /' > "$tmp/mix.txt"
"$dd" --normalize=case,space "$tmp/mix.txt" | sort > "$tmp/serial"
for i in 0 1 2 3; do "$dd" --normalize=case,space --shard=$i/4 "$tmp/mix.txt"; done | sort > "$tmp/sharded"
check "4 shards = one run" cmp -s "$tmp/serial" "$tmp/sharded"
if command -v parallel > /dev/null 2>&1; then
	parallel --will-cite -j4 "'$dd' --normalize=case,space --shard={}/4 '$tmp/mix.txt'" ::: 0 1 2 3 | sort > "$tmp/par"
	check "GNU parallel shards = one run" cmp -s "$tmp/serial" "$tmp/par"
	parallel --will-cite --pipe -N 7000 -k "'$dd' --emit-key" < "$tmp/mix.txt" |
	    sort -t "$(printf '\t')" -k1,1 -s | "$dd" --sorted | sort > "$tmp/mr"
	"$dd" "$tmp/mix.txt" | sort > "$tmp/serial2"
	check "map (--emit-key) + sort + reduce (--sorted) = one run" cmp -s "$tmp/serial2" "$tmp/mr"
fi
s="$tmp/nightly.db"
split -l 9000 "$tmp/mix.txt" "$tmp/part."
for p in "$tmp"/part.*; do "$dd" --normalize=case,space --state "$s" "$p"; done > "$tmp/nights"
"$dd" --normalize=case,space "$tmp/mix.txt" > "$tmp/serial3"
check "split + --state nights = serial run" cmp -s "$tmp/serial3" "$tmp/nights"

# ---- --order-key: a total order, whatever the input order ----
# JSONL with a time stamp; the same keys arrive in other orders in other
# partitions.  Serial run, a shuffled run, and 3 shards of 3 different
# shuffles merged by one more --order-key run: all byte-identical.
awk 'BEGIN { for (i = 0; i < 6000; i++) printf "{\"id\":%d,\"t\":%d,\"text\":\"story %d\"}\n", i, (i * 7919) % 6000, (i * 31) % 2500 }' > "$tmp/ok.jsonl"
"$dd" -k text --order-key=t "$tmp/ok.jsonl" > "$tmp/ok.serial"
check "order-key: one kept a key" test "$(wc -l < "$tmp/ok.serial")" = 2500
shuf "$tmp/ok.jsonl" | "$dd" -k text --order-key=t > "$tmp/ok.shuf"
check "order-key: shuffled input = serial run" cmp -s "$tmp/ok.serial" "$tmp/ok.shuf"
for i in 0 1 2; do shuf "$tmp/ok.jsonl" | "$dd" -k text --order-key=t --shard=$i/3; done |
    "$dd" -k text --order-key=t > "$tmp/ok.shards"
check "order-key: 3 shuffled shards merged = serial run" cmp -s "$tmp/ok.serial" "$tmp/ok.shards"
split -n l/3 "$tmp/ok.jsonl" "$tmp/okpart."
for p in "$tmp"/okpart.*; do "$dd" -k text --order-key=t "$p"; done |
    "$dd" -k text --order-key=t > "$tmp/ok.parts"
check "order-key: 3 parts merged = serial run" cmp -s "$tmp/ok.serial" "$tmp/ok.parts"
if command -v parallel > /dev/null 2>&1; then
	shuf "$tmp/ok.jsonl" | parallel --will-cite --pipe -N 1000 "'$dd' -k text --order-key=t" |
	    "$dd" -k text --order-key=t > "$tmp/ok.par"
	check "order-key: GNU parallel blocks merged = serial run" cmp -s "$tmp/ok.serial" "$tmp/ok.par"
fi
# exact mode holds only the best record of each key; --explain holds all
"$dd" -k text --order-key=t --explain "$tmp/ok.jsonl" 2> /dev/null > "$tmp/ok.all"
check "order-key: best-only holding = holding all" cmp -s "$tmp/ok.serial" "$tmp/ok.all"
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "{\"t\":%d,\"text\":\"k%d %s\"}\n", 200000 - i, i % 1000, "padding padding padding padding" }' > "$tmp/okdesc.jsonl"
"$dd" -k text --order-key=t "$tmp/okdesc.jsonl" > "$tmp/okdesc.best"
"$dd" -k text --order-key=t --explain "$tmp/okdesc.jsonl" 2> /dev/null > "$tmp/okdesc.all"
check "order-key: newest first (every record replaces one) = holding all" cmp -s "$tmp/okdesc.best" "$tmp/okdesc.all"
check "order-key: newest first keeps the last of each key" test "$(head -1 "$tmp/okdesc.best" | cut -c1-8)" = '{"t":1,"'
# nights in time order, each shuffled, with --state: the serial run
s="$tmp/oknights.db"
for n in 0 1 2; do
	grep -E "\"t\":[0-9]+," "$tmp/ok.jsonl" |
	    awk -v n=$n -F'"t":' '{ split($2, a, ","); if (int(a[1] / 2000) == n) print }' |
	    shuf | "$dd" -k text --order-key=t --state "$s"
done > "$tmp/ok.nights"
check "order-key: shuffled nights with --state = serial run" cmp -s "$tmp/ok.serial" "$tmp/ok.nights"
# the smallest t wins: key "story 0" comes from i = 0, 2500, 5000
check "order-key: smallest value wins" test "$(grep -c '"text":"story 0"}' "$tmp/ok.serial")" = 1

# ---- trouble with an input: state saved only when the output stands ----
s="$tmp/fail.db"
printf 'a\nb\n' > "$tmp/good.txt"
"$dd" --state "$s" -o "$tmp/fail.out" "$tmp/good.txt" "$tmp/missing.txt" 2> "$tmp/err"
check "missing input with -o: exit 2" test $? = 2
check "missing input with -o: output not replaced" test ! -e "$tmp/fail.out"
check "missing input with -o: state not saved" test ! -e "$s"
check "missing input with -o: says so" grep -q "not updated" "$tmp/err"
"$dd" --state "$s" "$tmp/good.txt" "$tmp/missing.txt" > "$tmp/fail.out" 2> /dev/null
check "missing input on stdout: exit 2" test $? = 2
check "missing input on stdout: records out" test "$(wc -l < "$tmp/fail.out")" = 2
check "missing input on stdout: state saved" test "$(count_new "$s" "$tmp/good.txt")" = 0

# ---- --memory bounds the near index ----
awk 'BEGIN { for (i = 0; i < 3000; i++) { printf "{\"id\":%d,\"text\":\"", i; for (j = 0; j < 60; j++) printf "w%d ", (i * 131 + j * 17) % 100003; print "\"}" } }' > "$tmp/near.jsonl"
"$dd" -k text --near --memory=1M --stats "$tmp/near.jsonl" > /dev/null 2> "$tmp/err"
check "near --memory: runs" test $? = 0
check "near --memory: --stats says the cap was reached" grep -q "near index at its cap" "$tmp/err"
kib=$(sed -n 's/.* \([0-9]*\) KiB in the near index.*/\1/p' "$tmp/err")
check "near --memory: index within the cap" test "${kib:-99999}" -le 1024

report
