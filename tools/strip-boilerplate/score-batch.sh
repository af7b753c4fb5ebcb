#!/bin/sh
# score-batch.sh - run strip-boilerplate over a directory tree of dumps in
# one run and write one output file per page, for the corpus mode of the
# boilerplate scorer (which writes IN/<host>/<id>.txt and reads
# OUT/<host>/<id>.txt):
#
#   score.py --batch-cmd 'tools/strip-boilerplate/score-batch.sh {in} {out} --two-pass' SET.jsonl
#
# Extra arguments go to strip-boilerplate.  The tool is $PL_BIN/strip-
# boilerplate (default: bin/ of this tree).  Needs python3 to split the
# JSON Lines output into files.
#
# SPDX-License-Identifier: MIT
set -eu
[ $# -ge 2 ] || { echo "usage: score-batch.sh IN OUT [OPTION]..." >&2; exit 2; }
in=$1 out=$2
shift 2
top=$(cd "$(dirname "$0")/../.." && pwd)
"${PL_BIN:-$top/bin}/strip-boilerplate" -j -r "$in" "$@" | python3 -c '
import json, os, sys
src, dst = sys.argv[1], sys.argv[2]
for line in sys.stdin:
    r = json.loads(line)
    path = os.path.join(dst, os.path.relpath(r["id"], src))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(r["text"])
' "$in" "$out"
