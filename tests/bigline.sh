#!/bin/bash
# bigline.sh - a 100 MB line (one giant word, no newline) through every
# tool under a 1.5 GB address-space limit: no crash, and memory a small
# multiple of the input (a strip-boilerplate word set sized from bytes
# once needed 20 bytes a byte).  Skipped for sanitizer builds, which
# reserve terabytes of address space.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${PL_BIN:-$top/bin}
suite=bigline
. "$top/tests/lib/check.sh"
case $bin in *asan*)
	echo "bigline: skipped under sanitizers"
	exit 0
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
head -c 100000000 /dev/zero | tr '\0' 'a' > "$tmp/line.txt"
for t in "$bin"/*; do
	[ -x "$t" ] || continue
	n=$(basename "$t")
	(ulimit -v 1500000; timeout 120 "$t" "$tmp/line.txt" > "$tmp/out" 2> "$tmp/err")
	st=$?
	check "$n: 100 MB line within 1.5 GB (status $st)" [ "$st" -eq 0 ]
done
report
