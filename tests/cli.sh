#!/bin/bash
# cli.sh - command-level tests of the built tools.
#
# 1. Golden cases: tests/cases/<tool>/NAME.args (one argument a line),
#    NAME.in (stdin, optional), NAME.out (expected stdout), NAME.status
#    (default 0), NAME.err (expected stderr, optional); run in the case
#    directory, under LC_ALL=C and again under C.UTF-8: output must not
#    depend on the locale.
# 2. The behaviour every tool must share (STYLE.md section 12): --help,
#    --version, --bogus, empty input, CRLF, NUL bytes, a long line,
#    invalid UTF-8, malformed JSON in the middle, a missing file, a full
#    disk, a closed pipe (with SIGPIPE default and ignored), -o, --rejects,
#    --dump-config round trip, and split-and-concatenate equals serial.
#
# Environment: PL_BIN (directory of the tools), PL_PASS (the jsonl-pass
# core tool), PL_RESULTS (file to append "cli PASSED FAILED" to).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${PL_BIN:-$top/bin}
pass_tool=${PL_PASS:-$top/build/jsonl-pass}
suite=cli
. "$top/tests/lib/check.sh"
use_tmp

# ---- 1. golden cases ----
for dir in "$top"/tests/cases/*/; do
	[ -d "$dir" ] || continue
	tool=$(basename "$dir")
	[ -x "$bin/$tool" ] || { bad "$tool: no binary for cases"; continue; }
	for argsf in "$dir"*.args; do
		[ -e "$argsf" ] || continue
		name=${argsf%.args}
		args=()
		while IFS= read -r a || [ -n "$a" ]; do args+=("$a"); done < "$argsf"
		want_status=0
		[ -f "$name.status" ] && want_status=$(cat "$name.status")
		for loc in C C.UTF-8; do
			input=/dev/null
			[ -f "$name.in" ] && input=$name.in
			(cd "$dir" && LC_ALL=$loc timeout 60 "$bin/$tool" "${args[@]}" \
			    < "$input" > "$tmp/out" 2> "$tmp/err")
			st=$?
			c="$tool/$(basename "$name") [$loc]"
			if [ "$st" != "$want_status" ]; then
				bad "$c: status $st, want $want_status"
				head -3 "$tmp/err"
			elif ! cmp -s "$tmp/out" "$name.out"; then
				bad "$c: stdout differs"
				diff "$name.out" "$tmp/out" | head -10
			elif [ -f "$name.err" ] && ! cmp -s "$tmp/err" "$name.err"; then
				bad "$c: stderr differs"
				diff "$name.err" "$tmp/err" | head -5
			else
				ok
			fi
		done
	done
done

# ---- 2. shared behaviour ----
doc='WASHINGTON (AP) — Secretary of State Jane Roe met a senior diplomat on Friday. “We had a frank talk,” Roe said. The talks went on. She added: “We will meet again.”'
jdoc=$(printf '%s' "$doc" | sed 's/"/\\"/g')
{
	for i in 1 2 3 4 5 6; do
		printf '{"id":%d,"n":100000000000000000001,"text":"%s Item %d."}\n' \
		    "$i" "$jdoc" "$i"
	done
} > "$tmp/good.jsonl"
{
	head -3 "$tmp/good.jsonl"
	echo '{"id":99,"text":"broken'
	tail -3 "$tmp/good.jsonl"
} > "$tmp/mixed.jsonl"
printf '%s\r\n%s\r\n' "$doc" "$doc" > "$tmp/crlf.txt"
printf '{"id":1,"text":"a\\u0000b. Next one."}\n' > "$tmp/nul.jsonl"
printf 'a\0b. Next one.\n' > "$tmp/nul.txt"
printf '{"id":1,"text":"bad \xff\xfe bytes. More."}\n' > "$tmp/badutf8.jsonl"
head -c 1200000 /dev/zero | tr '\0' 'a' > "$tmp/long.txt"
echo ". End." >> "$tmp/long.txt"
printf '\xef\xbb\xbf%s\n' "$doc" > "$tmp/bom.txt"

tools=("$pass_tool")
for t in "$bin"/*; do [ -x "$t" ] && tools+=("$t"); done

for t in "${tools[@]}"; do
	n=$(basename "$t")
	run() { timeout 60 "$t" "$@"; }

	run --help > "$tmp/o" 2> "$tmp/e"
	check "$n --help: status 0, stdout" [ $? -eq 0 -a -s "$tmp/o" -a ! -s "$tmp/e" ]
	run --version > "$tmp/o"
	check "$n --version" [ $? -eq 0 ]
	check "$n --version names libraries" grep -q "utf8proc .*libyaml" "$tmp/o"
	run --bogus > "$tmp/o" 2> "$tmp/e" < /dev/null
	check "$n --bogus: status 2" [ $? -eq 2 ]
	check "$n --bogus: nothing on stdout" [ ! -s "$tmp/o" ]
	check "$n --bogus: says why" grep -q "Try '$n --help'" "$tmp/e"

	run < /dev/null > "$tmp/o" 2> "$tmp/e"
	check "$n empty input: status 0" [ $? -eq 0 ]
	printf '' | run -j > /dev/null
	check "$n empty input -j: status 0" [ $? -eq 0 ]

	run "$tmp/good.jsonl" > "$tmp/good.out" 2> "$tmp/e"
	check "$n good jsonl: status 0" [ $? -eq 0 ]
	check "$n good jsonl: quiet stderr" [ ! -s "$tmp/e" ]
	run "$tmp/mixed.jsonl" > "$tmp/o" 2> "$tmp/e"
	check "$n malformed line: status 1" [ $? -eq 1 ]
	check "$n malformed line: FILE:LINE message" grep -q "mixed.jsonl:4: " "$tmp/e"
	check "$n malformed line: others still out" [ -s "$tmp/o" ]
	run --allow-rejects --rejects "$tmp/rej" "$tmp/mixed.jsonl" > /dev/null 2>&1
	check "$n --allow-rejects: status 0" [ $? -eq 0 ]
	check "$n --rejects copies the line" grep -qx '{"id":99,"text":"broken' "$tmp/rej"

	run "$tmp/good.jsonl" "$tmp/missing" "$tmp/good.jsonl" > "$tmp/o" 2> "$tmp/e"
	check "$n missing file: status 2" [ $? -eq 2 ]
	check "$n missing file: others processed" [ -s "$tmp/o" ]
	check "$n missing file: named" grep -q "missing" "$tmp/e"

	head -c -1 "$tmp/good.jsonl" | run > "$tmp/o" 2> "$tmp/e"
	check "$n no final newline: status 0" [ $? -eq 0 ]
	check "$n no final newline: same output" cmp -s "$tmp/o" "$tmp/good.out"
	run "$tmp/crlf.txt" > /dev/null 2>&1
	check "$n CRLF: status 0" [ $? -eq 0 ]
	run "$tmp/bom.txt" > "$tmp/o" 2>&1
	check "$n BOM: status 0" [ $? -eq 0 ]
	check "$n BOM: not in output" sh -c "! grep -q \$(printf '\\357\\273\\277') '$tmp/o'"
	run "$tmp/nul.jsonl" > /dev/null 2>&1
	check "$n NUL in JSON: status 0" [ $? -eq 0 ]
	run "$tmp/nul.txt" > /dev/null 2>&1
	check "$n NUL in text: status 0" [ $? -eq 0 ]
	run "$tmp/long.txt" > /dev/null 2>&1
	check "$n 1.2 MB line: status 0" [ $? -eq 0 ]
	run "$tmp/badutf8.jsonl" > /dev/null 2>&1
	check "$n invalid UTF-8: status 0" [ $? -eq 0 ]
	run --strict-utf8 "$tmp/badutf8.jsonl" > /dev/null 2>&1
	check "$n --strict-utf8: status 1" [ $? -eq 1 ]
	run --strict -k body "$tmp/good.jsonl" > /dev/null 2>&1
	check "$n --strict missing key: status 1" [ $? -eq 1 ]

	run "$tmp/good.jsonl" > /dev/full 2> "$tmp/e"
	check "$n /dev/full: status 2" [ $? -eq 2 ]
	check "$n /dev/full: write error" grep -q "write error" "$tmp/e"

	# distinct records, so that even dedup-lines writes every one
	[ -s "$tmp/many.jsonl" ] || awk -v d="$jdoc" 'BEGIN {
		for (i = 0; i < 200000; i++)
			printf "{\"id\":%d,\"text\":\"%s %d.\"}\n", i, d, i }' \
		    > "$tmp/many.jsonl"
	(cat "$tmp/many.jsonl" 2>/dev/null | "$t" | head -1 > /dev/null; exit "${PIPESTATUS[1]}")
	check "$n | head: status 141" [ $? -eq 141 ]
	# a full disk in the middle of the output: said once, not once by
	# every caller that passes the error up
	run "$tmp/many.jsonl" > /dev/full 2> "$tmp/e"
	check "$n /dev/full mid-output: status 2" [ $? -eq 2 ]
	check "$n /dev/full mid-output: one message ($(wc -l < "$tmp/e"))" \
	    [ "$(grep -c "write error" "$tmp/e")" -eq 1 ]
	(trap '' PIPE; cat "$tmp/many.jsonl" 2>/dev/null | "$t" 2> "$tmp/e" | head -1 > /dev/null; exit "${PIPESTATUS[1]}")
	check "$n | head, SIGPIPE ignored: status 141" [ $? -eq 141 ]
	check "$n | head: silent" [ ! -s "$tmp/e" ]

	run -o "$tmp/outfile" "$tmp/good.jsonl"
	check "$n -o: status 0" [ $? -eq 0 ]
	check "$n -o: same as stdout" cmp -s "$tmp/outfile" "$tmp/good.out"
	check "$n -o: no temp file left" [ -z "$(ls "$tmp" | grep 'outfile.tmp')" ]

	run --dump-config > "$tmp/cfg.yaml"
	check "$n --dump-config: status 0" [ $? -eq 0 ]
	run --config "$tmp/cfg.yaml" "$tmp/good.jsonl" > "$tmp/o" 2> "$tmp/e"
	check "$n --config of dumped defaults: same output" cmp -s "$tmp/o" "$tmp/good.out"
	printf 'no_such_setting_here: 1\n' > "$tmp/badcfg.yaml"
	run --config "$tmp/badcfg.yaml" < /dev/null > /dev/null 2> "$tmp/e"
	check "$n unknown config key: status 2" [ $? -eq 2 ]
	check "$n unknown config key: FILE:LINE:COL" grep -q "badcfg.yaml:1:1: unknown key" "$tmp/e"

	# shardability: split, run each, concatenate == serial (stateless)
	case $n in dedup-lines) ;; *)
		split -l 2 "$tmp/good.jsonl" "$tmp/part."
		for p in "$tmp"/part.*; do run "$p"; done > "$tmp/parts.out"
		check "$n split+concat == serial" cmp -s "$tmp/parts.out" "$tmp/good.out"
		rm -f "$tmp"/part.*
	esac
done

# ---- 3. the core on its own (jsonl-pass copies records) ----
p=$pass_tool
printf '{"a":100000000000000000001,"b":1.10,"c":"x\\u00e9","d":{"e":[1, 2]}}\n' > "$tmp/rt.jsonl"
"$p" "$tmp/rt.jsonl" > "$tmp/o"
check "pass: members byte for byte" cmp -s "$tmp/o" "$tmp/rt.jsonl"
printf '{"id":1}\n{"id":2,"text":"x"}\n' | "$p" > "$tmp/o"
check "pass: missing key is not an error" [ "$(wc -l < "$tmp/o")" -eq 2 ]
printf 'line one\r\nline two\rline three\n' | "$p" > "$tmp/o"
check "pass: CRLF and lone CR end lines" [ "$(wc -l < "$tmp/o")" -eq 3 ]
mkdir -p "$tmp/tree/b" "$tmp/tree/a"
echo two > "$tmp/tree/b/x.txt"; echo one > "$tmp/tree/a/y.txt"; echo hidden > "$tmp/tree/.h"
"$p" -r "$tmp/tree" > "$tmp/o"
check "pass: -r walks sorted, skips hidden" [ "$(tr '\n' ' ' < "$tmp/o")" = "one two " ]
printf '%s\n' "$tmp/tree/b/x.txt" "$tmp/tree/a/y.txt" > "$tmp/list"
"$p" --files-from "$tmp/list" > "$tmp/o"
check "pass: --files-from in list order" [ "$(tr '\n' ' ' < "$tmp/o")" = "two one " ]
printf '{"text":"x"}\n' | "$p" -t > "$tmp/o"
check "pass: -t writes text" [ "$(cat "$tmp/o")" = "x" ]
printf 'hello\n' | "$p" --from jsonl > /dev/null 2> "$tmp/e"
check "pass: --from jsonl rejects text" [ $? -eq 1 ]
for i in $(seq 1 15); do echo "bad $i"; done | "$p" --from jsonl 2> "$tmp/e" > /dev/null
check "pass: at most 10 messages a file" [ "$(grep -c 'invalid JSON' "$tmp/e")" -eq 10 ]
check "pass: then a count" grep -q "5 more records rejected" "$tmp/e"
"$p" --stats < "$tmp/good.jsonl" > /dev/null 2> "$tmp/e"
check "pass: --stats counts" grep -q "6 records in, 6 out, 0 rejected" "$tmp/e"
"$p" -l 'bad code!' < /dev/null > /dev/null 2>&1
check "pass: bad -l is a usage error" [ $? -eq 2 ]
"$p" -k < /dev/null > /dev/null 2> "$tmp/e"
check "pass: -k needs an argument" grep -q "needs an argument" "$tmp/e"
echo '{"text":"x"}' > "$tmp/keep"
"$p" -o "$tmp/keep" "$tmp/missing" 2> /dev/null
check "pass: -o keeps old file when the run fails" [ "$(cat "$tmp/keep")" = '{"text":"x"}' ]

report
