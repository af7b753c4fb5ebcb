#!/bin/bash
# bigline.sh - 100 MB lines without a newline through every tool under a
# 1.5 GB address-space limit: no crash, and memory a small multiple of
# the input.  Two lines: one giant word (a strip-boilerplate word set
# sized from bytes once needed 20 bytes a byte) and 33 million words of
# two letters (its per-word arrays once needed 14 bytes a byte: a 1 GB
# line of prose took 13.7 GB).  Skipped for sanitizer builds, which
# reserve terabytes of address space.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${PL_BIN:-$top/bin}
suite=bigline
. "$top/tests/lib/check.sh"
skip_under_sanitizers
use_tmp
head -c 100000000 /dev/zero | tr '\0' 'a' > "$tmp/word.txt"
head -c 100000000 /dev/zero | tr '\0' 'a' | sed 's/aaa/ab /g' > "$tmp/words.txt"
for t in "$bin"/*; do
	[ -x "$t" ] || continue
	n=$(basename "$t")
	for f in word words; do
		(ulimit -v 1500000
		 timeout 120 "$t" "$tmp/$f.txt" > "$tmp/out" 2> "$tmp/err")
		st=$?
		check "$n: 100 MB line of $f within 1.5 GB (status $st)" \
		    [ "$st" -eq 0 ]
	done
done
# One invalid byte before a 100 MB line: text output maps the repaired
# text back to the bytes as read in one walk (the map once rescanned the
# rest of the line's ASCII every 4 KiB: 46 s where the valid line took
# 0.6 s).
{ printf '\377'; cat "$tmp/words.txt"; } > "$tmp/bad.txt"
for n in split-sentences strip-boilerplate; do
	(ulimit -v 1500000
	 timeout 20 "$bin/$n" "$tmp/bad.txt" > "$tmp/out" 2> "$tmp/err")
	st=$?
	check "$n: 100 MB line after an invalid byte in linear time (status $st)" \
	    [ "$st" -eq 0 ]
	check "$n: its bytes pass through" \
	    cmp -s "$tmp/out" <(cat "$tmp/bad.txt"; echo)
done
# Out of memory is the one trouble a document can cause that is no fault
# of its bytes: the message still says which document, FILE:LINE.
(ulimit -v 400000
 "$bin/strip-boilerplate" "$tmp/words.txt" > "$tmp/out" 2> "$tmp/err")
st=$?
check "out of memory: status 2 (got $st)" [ "$st" -eq 2 ]
check "out of memory: FILE:LINE in the message ($(cat "$tmp/err"))" \
    grep -q "^strip-boilerplate: $tmp/words.txt:1: out of memory" "$tmp/err"
report
