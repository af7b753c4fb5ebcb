#!/bin/bash
# extract-quotes.sh - throughput of extract-quotes on generated news
# articles (JSON Lines, one article a line, quotations in every pattern
# the tool knows), side by side with two baselines on the same file:
#   - a regex extractor: GNU grep -oP pulling out every curly or straight
#     quotation (finds spans only: no attribution, no speakers);
#   - jsonl-pass, the core's read-parse-write loop (the driver alone), when
#     it is built (make test builds build/jsonl-pass).
# Prints MB/s for each and the ratios, then the peak memory of
# extract-quotes on the file and on a file twice as large (memory must stay
# flat: it holds one article at a time).
#
#   bench/extract-quotes.sh [MEGABYTES]      (default 60)
#
# Absolute times on shared machines are noise; the ratios are the figure.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
mb=${1:-60}
tool=${PL_BIN:-$top/bin}/extract-quotes
pass=$top/build/jsonl-pass
work=${TMPDIR:-/tmp}/pl-bench-qx
mkdir -p "$work"
[ -x "$tool" ] || { echo "extract-quotes.sh: build first: make" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "extract-quotes.sh: needs GNU time (/usr/bin/time)" >&2; exit 2; }

gen() {	# gen MEGABYTES FILE: deterministic articles of our own writing
	LC_ALL=C awk -v target=$(($1 * 1000000)) 'BEGIN {
		srand(11)
		lq = "\342\200\234"; rq = "\342\200\235"; md = "\342\200\224"
		nf = split("Ana Ruiz|Tom Okafor|Ines Carvalho|Liu Jianchao|" \
		    "Mara Quill|Ben Achterberg|Priya Natarajan|Karl Berger|" \
		    "Yoko Tanaka|Omar Farouk", full, "|")
		ng = split("she|he|she|he|she|he|she|he|she|he", gen, "|")
		nq = split("We are ready for the vote|" \
		    "Nobody expected the harbor to flood this early|" \
		    "The numbers do not add up, and everyone knows it|" \
		    "It is a red line that must not be crossed|" \
		    "We will look at a discount for residents|" \
		    "I have heard that promise before", q, "|")
		nt = split("said|told reporters|added|explained|warned|" \
		    "wrote in a statement", cue, "|")
		bytes = 0; id = 0
		while (bytes < target) {
			a = 1 + int(rand() * nf); b = 1 + int(rand() * nf)
			split(full[a], pa, " "); split(full[b], pb, " ")
			t = "PORTHAVEN " md " " full[a] " met " full[b] \
			    " on Tuesday to discuss the budget. "
			for (i = 0; i < 8; i++) {
				x = q[1 + int(rand() * nq)]
				c = cue[1 + int(rand() * nt)]
				r = rand()
				if (r < 0.25)
					t = t "" lq "" x "," rq " " pa[2] " " c ". "
				else if (r < 0.45)
					t = t pb[2] " " c ": " lq "" x "." rq " "
				else if (r < 0.6)
					t = t "" lq "" x "," rq " " gen[a] " " c \
					    ". " lq "That is all." rq " "
				else if (r < 0.75)
					t = t pa[2] " said the plan was " lq "" \
					    tolower(x) "," rq " according to a " \
					    "transcript. "
				else if (r < 0.85)
					t = t "The so-called " lq "island tax" rq " " \
					    "has been debated for years. "
				else
					t = t "\\\"" x ",\\\" said " full[b] \
					    ", who chairs the board. "
				if (rand() < 0.3)
					t = t "\\n\\n"
			}
			line = "{\"id\":\"a" (++id) "\",\"site\":\"courier\"," \
			    "\"text\":\"" t "\"}"
			print line
			bytes += length(line) + 1
		}
	}' > "$2"
}

data=$work/news-$mb.jsonl
data2=$work/news-$((mb * 2)).jsonl
[ -s "$data" ] || gen "$mb" "$data"
size=$(wc -c < "$data")

secs() {	# secs COMMAND...: CPU seconds (user + system) of one run
	# (wall time on a shared machine is mostly other people's load)
	/usr/bin/time -f '%U %S' "$@" 2>&1 > /dev/null | tail -1 |
	    awk '{ printf "%.3f", $1 + $2 }'
}
rate() { echo "$size $1" | awk '{ printf "%.1f", $1 / 1e6 / ($2 > 0 ? $2 : 1e-9) }'; }

echo "extract-quotes bench: $(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1e6 }') MB of generated articles ($data)"
t_qx=$(secs "$tool" "$data")
echo "  (CPU seconds, user + system; MB/s = size / CPU seconds)"
printf '  %-28s %8ss %8s MB/s\n' "extract-quotes" "$t_qx" "$(rate "$t_qx")"
if echo x | grep -oP 'x' > /dev/null 2>&1; then
	# through cat: GNU grep stops at the first match when its output
	# is /dev/null
	t_re=$(secs sh -c 'LC_ALL=C grep -oP "\\xe2\\x80\\x9c.*?\\xe2\\x80\\x9d|\\\\\".*?\\\\\"" "$1" | cat' sh "$data")
	printf '  %-28s %8ss %8s MB/s\n' "grep -oP (spans only)" "$t_re" "$(rate "$t_re")"
	echo "$t_qx $t_re" | awk '{ printf "  ratio extract-quotes / regex time: %.2f\n", $1 / ($2 > 0 ? $2 : 1e-9) }'
fi
if [ -x "$pass" ]; then
	t_pass=$(secs "$pass" "$data")
	printf '  %-28s %8ss %8s MB/s\n' "jsonl-pass (driver only)" "$t_pass" "$(rate "$t_pass")"
	echo "$t_qx $t_pass" | awk '{ printf "  ratio extract-quotes / driver time: %.2f\n", $1 / ($2 > 0 ? $2 : 1e-9) }'
fi
if true; then
	[ -s "$data2" ] || cat "$data" "$data" > "$data2"
	m1=$(/usr/bin/time -f %M "$tool" "$data" 2>&1 > /dev/null | tail -1)
	m2=$(/usr/bin/time -f %M "$tool" "$data2" 2>&1 > /dev/null | tail -1)
	echo "  peak memory: ${m1} KB on $mb MB, ${m2} KB on $((mb * 2)) MB"
fi
