#!/bin/bash
# readme.sh - the commands the README tells a new user to run after the
# quick start (the sh block under "Then, in this order") run as written,
# from examples/, with the freshly built tools on PATH.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
export PATH=${PL_BIN:-$top/bin}:$PATH
suite=readme
. "$top/tests/lib/check.sh"
cmds=$(awk '
	/^## Then, in this order/ { sec = 1; next }
	sec && /^## / { sec = 0 }
	sec && /^```sh/ { blk = 1; next }
	sec && /^```/ { blk = 0 }
	sec && blk { print }
' "$top/README.md" | grep -v '^export PATH=' | grep -v '^cd examples')
[ -n "$cmds" ] || bad "no commands found"
while IFS= read -r cmd; do
	[ -n "$cmd" ] || continue
	if (cd "$top/examples" && timeout 60 bash -o pipefail -c "$cmd" > /dev/null 2>&1); then
		ok
	else
		st=$?
		if [ "$st" -eq 141 ]; then ok; else bad "status $st: $cmd"; fi
	fi
done <<< "$cmds"

# The quick start's demo (make demo) pipes into head.  A head that closes
# its input at once makes the stage before it end by SIGPIPE every time,
# not only when the race goes that way: the demo must still succeed.
fake=$(mktemp -d)
printf '#!/bin/sh\nexec 0<&-\nexit 0\n' > "$fake/head"
chmod +x "$fake/head"
if PATH="$fake:$PATH" timeout 120 bash "$top/examples/demo.sh" \
    > /dev/null 2>&1; then
	ok
else
	bad "examples/demo.sh fails when head closes its pipe"
fi
rm -rf "$fake"
report
