#!/bin/bash
# man-examples.sh - run every command shown in the EXAMPLES section of the
# man pages (lines starting with "$ " inside .Bd -literal blocks), in
# examples/ with the freshly built tools first on PATH.  Each must exit 0.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${PL_BIN:-$top/bin}
suite=man-examples
. "$top/tests/lib/check.sh"
unescape() {
	sed -e 's/\\(aq/'"'"'/g' -e 's/\\(dq/"/g' -e 's/\\&//g' -e 's/\\-/-/g' \
	    -e 's/\\e/\\/g' -e 's/\\(ba/|/g' -e 's/\\(ti/~/g' -e 's/\\(ha/^/g'
}
for page in "$top"/man/*.[17]; do
	cmds=$(awk '
		/^\.Sh / { ex = ($2 == "EXAMPLES") }
		ex && /^\.Bd -literal/ { lit = 1; next }
		ex && /^\.Ed/ { lit = 0 }
		ex && lit && /^\$ / { print substr($0, 3) }
	' "$page" | unescape)
	[ -n "$cmds" ] || continue
	while IFS= read -r cmd; do
		work=$(mktemp -d)
		cp -R "$top/examples/." "$work/"
		if out=$(cd "$work" && PATH="$bin:$PATH" timeout 120 \
		    bash -o pipefail -c "$cmd" 2>&1 >/dev/null); then
			ok
		else
			st=$?
			# a pipe closed by head is not a failure
			if [ "$st" -eq 141 ]; then
				ok
			else
				bad "$(basename "$page"), status $st: $cmd"
				printf '%s\n' "$out" | head -5
			fi
		fi
		rm -rf "$work"
	done <<< "$cmds"
done
report
