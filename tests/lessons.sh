#!/bin/bash
# lessons.sh - every lesson script in examples/lessons runs (status 0, some
# output), with the freshly built tools on PATH, from its own directory.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
export PATH=${PL_BIN:-$top/bin}:$PATH
suite=lessons
. "$top/tests/lib/check.sh"
for s in "$top"/examples/lessons/*.sh; do
	out=$(cd "$top/examples/lessons" && timeout 120 bash "$(basename "$s")" 2>&1)
	st=$?
	if [ "$st" -eq 0 ] && [ -n "$out" ]; then
		ok
	else
		bad "$(basename "$s"): status $st"
		printf '%s\n' "$out" | tail -5
	fi
done
report
