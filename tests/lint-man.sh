#!/bin/bash
# lint-man.sh PAGE... - every man page must be clean under mandoc -Tlint
# at warning level, and every EXAMPLES command must run (man-examples.sh).
# mandoc does not warn of one thing: ".Pq Dq a , Dq b" quotes the rest of
# the line, so the second quotation nests in the first ("a, "b"").  A
# macro line with two Dq or Sq fails here; write "Do a Dc , Do b Dc".
set -u
passed=0
failed=0
for page in "$@"; do
	out=$(mandoc -Tlint -Wwarning "$page" 2>&1)
	nest=$(grep -nE '^\.(.*[[:space:]])?[DS]q[[:space:]].*[[:space:]][DS]q([[:space:]]|$)' \
	    "$page")
	[ -n "$nest" ] && out="$out${out:+
}$page: nested quotations (use Do/Dc, So/Sc):
$nest"
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
