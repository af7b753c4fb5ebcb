#!/bin/bash
# summary.sh RESULTS - add up the "NAME PASSED FAILED" lines of every test
# step and print the closing line; fail when anything failed.
set -u
passed=0
failed=0
while read -r name p f; do
	printf '%-28s %5d passed, %d failed\n' "$name" "$p" "$f"
	passed=$((passed + p))
	failed=$((failed + f))
done < "$1"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
