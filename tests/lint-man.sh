#!/bin/bash
# lint-man.sh PAGE... - every man page must be clean under mandoc -Tlint
# at warning level, and every EXAMPLES command must run (man-examples.sh).
# mandoc does not warn of one thing: ".Pq Dq a , Dq b" quotes the rest of
# the line, so the second quotation nests in the first ("a, "b"").  A
# macro line with two Dq or Sq fails here; write "Do a Dc , Do b Dc".
set -u
suite=man-lint
. "$(dirname "$0")/lib/check.sh"
for page in "$@"; do
	out=$(mandoc -Tlint -Wwarning "$page" 2>&1)
	nest=$(grep -nE '^\.(.*[[:space:]])?[DS]q[[:space:]].*[[:space:]][DS]q([[:space:]]|$)' \
	    "$page")
	[ -n "$nest" ] && out="$out${out:+
}$page: nested quotations (use Do/Dc, So/Sc):
$nest"
	if [ -z "$out" ]; then
		ok
	else
		bad "$page"
		printf '%s\n' "$out"
	fi
done
report
