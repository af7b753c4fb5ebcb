#!/bin/bash
# streaming.sh - a text document read from a stream is handed to the tool
# in pieces (flat memory); the result must equal the whole document's.
# 6 MB of prose without a blank line forces pieces cut at line ends, so
# split-sentences must carry its unfinished sentence into the next piece.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${PL_BIN:-$top/bin}
suite=streaming
. "$top/tests/lib/check.sh"
use_tmp
awk 'BEGIN {
	srand(11)
	n = split("the council said Mr. Lee would vote on Friday after talks " \
	    "with the U.S. agency about plan No. 4 and its cost", w, " ")
	for (i = 0; i < 140000; i++) {
		k = 3 + int(rand() * 15)
		s = ""
		for (j = 0; j < k; j++) s = s (j ? " " : "") w[1 + int(rand() * n)]
		s = toupper(substr(s, 1, 1)) substr(s, 2)
		r = rand()
		s = s (r < 0.6 ? "." : r < 0.7 ? "?" : r < 0.8 ? "!" : "")
		printf "%s%s", s, (rand() < 0.3 ? "\n" : " ")
	}
	print ""
}' > "$tmp/doc.txt"
# the same text as one JSONL record
awk 'BEGIN { printf "{\"text\":\"" } { gsub(/"/, "\\\""); printf "%s\\n", $0 } END { print "\"}" }' \
    "$tmp/doc.txt" > "$tmp/doc.jsonl"
"$bin/split-sentences" < "$tmp/doc.txt" > "$tmp/stream.txt"
check "text: status 0" [ $? -eq 0 ]
"$bin/split-sentences" -t "$tmp/doc.jsonl" > "$tmp/whole.txt"
check "text: stream = whole document" cmp -s "$tmp/stream.txt" "$tmp/whole.txt"
check "text: sentences found" [ "$(wc -l < "$tmp/stream.txt")" -gt 50000 ]
"$bin/split-sentences" -j < "$tmp/doc.txt" | sed 's/^{"id":"-",//' > "$tmp/stream.jsonl"
"$bin/split-sentences" -j "$tmp/doc.jsonl" | sed 's/^{//' > "$tmp/whole.jsonl"
check "jsonl: offsets of the stream = whole document" cmp -s "$tmp/stream.jsonl" "$tmp/whole.jsonl"

# Latin-1 bytes, invalid UTF-8, in every piece: text output passes them
# through as they came (no U+FFFD), also in the sentence a piece carries
# into the next; JSONL output repairs them, with the same offsets as the
# whole document's.
LC_ALL=C sed 's/Lee/L\xe9e/g; s/cost/co\xdft/g' "$tmp/doc.txt" > "$tmp/latin1.txt"
LC_ALL=C sed 's/Lee/L\xe9e/g; s/cost/co\xdft/g' "$tmp/doc.jsonl" > "$tmp/latin1.jsonl"
"$bin/split-sentences" < "$tmp/latin1.txt" > "$tmp/stream.txt"
check "latin1: status 0" [ $? -eq 0 ]
check "latin1: no U+FFFD in text output" \
    sh -c "! LC_ALL=C grep -q \"\$(printf '\\357\\277\\275')\" '$tmp/stream.txt'"
LC_ALL=C tr -d ' \n' < "$tmp/latin1.txt" > "$tmp/in.bytes"
LC_ALL=C tr -d ' \n' < "$tmp/stream.txt" > "$tmp/out.bytes"
check "latin1: text output = input bytes but for spaces and newlines" \
    cmp -s "$tmp/in.bytes" "$tmp/out.bytes"
"$bin/split-sentences" -j < "$tmp/latin1.txt" | sed 's/^{"id":"-",//' > "$tmp/stream.jsonl"
"$bin/split-sentences" -j "$tmp/latin1.jsonl" | sed 's/^{//' > "$tmp/whole.jsonl"
check "latin1: jsonl offsets of the stream = whole document" cmp -s "$tmp/stream.jsonl" "$tmp/whole.jsonl"
report
