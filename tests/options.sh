#!/bin/bash
# options.sh - every option a tool's --help names is documented: on the
# tool's man page (or, for the shared ones, in pressline(7)).  An option
# that exists only in code is a bug.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${PL_BIN:-$top/bin}
suite=options
. "$top/tests/lib/check.sh"
documented() {	# documented PAGE... OPTION-NAME
	local n=$1
	shift
	grep -q -e "Fl -$n\$" -e "Fl -$n " "$@"
}
for t in "$bin"/*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	page=$top/man/$name.1
	check "$name: man page exists" [ -f "$page" ]
	[ -f "$page" ] || continue
	for o in $("$t" --help | grep -oE -- '--[a-z][a-z0-9-]+' | sort -u); do
		n=${o#--}
		check "$name: $o documented" documented "$n" "$page" "$top/man/pressline.7"
	done
done
report
