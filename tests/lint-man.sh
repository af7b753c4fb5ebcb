#!/bin/bash
# lint-man.sh PAGE... - every man page must be clean under mandoc -Tlint
# at warning level, and every EXAMPLES command must run (man-examples.sh).
set -u
passed=0
failed=0
for page in "$@"; do
	out=$(mandoc -Tlint -Wwarning "$page" 2>&1)
	if [ -z "$out" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "lint: $page"
		printf '%s\n' "$out"
	fi
done
echo "man lint: $passed passed, $failed failed"
[ -n "${PL_RESULTS:-}" ] && echo "man-lint $passed $failed" >> "$PL_RESULTS"
exit 0
