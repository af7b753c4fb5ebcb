#!/bin/sh
# holdout.sh - score strip-boilerplate on pages its weights never saw.
#
# train.py splits the labelled pages in two halves by a hash of their id
# (fold 0 and fold 1; a page's w3m and lynx dumps share the id, so they
# fall in the same half).  For each half K this script fits the weights
# without it (train.py weights --exclude-fold K), runs the tool with those
# weights (--config) on the pages of half K and scores them with the
# boilerplate scorers, dev and dev_lynx with score.py, trafsegs with
# score_segments.py.  In-sample figures (the built-in weights on all the
# pages) flatter the tool; these are the ones to compare changes by:
#
#   tools/strip-boilerplate/holdout.sh            # bin/ of this tree
#   PL_BIN=/tmp/b/bin tools/strip-boilerplate/holdout.sh
#
# Settings other than the weights (phrases, thresholds) come from the
# tool's built-in YAML, so rebuild after editing strip-boilerplate.yaml.
# PL_DATA is the data directory (default ../shared/data next to the
# tree), PL_EVAL the scorers' directory (default
# ../shared/eval/boilerplate).  Needs python3.
#
# SPDX-License-Identifier: MIT
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${PL_BIN:-$top/bin}
data=${PL_DATA:-$top/../shared/data}
eval=${PL_EVAL:-$top/../shared/eval/boilerplate}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/holdout.XXXXXX")
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

# the halves, split as train.py's fold() does
python3 -c '
import json, os, sys, zlib
src, dst = sys.argv[1], sys.argv[2]
for fn in ("dev.jsonl", "dev_lynx.jsonl", "trafsegs_dev.jsonl"):
    out = [open(os.path.join(dst, "f%d_%s" % (k, fn)), "w",
                encoding="utf-8") for k in (0, 1)]
    for line in open(os.path.join(src, fn), encoding="utf-8"):
        r = json.loads(line)
        out[zlib.crc32(r["id"].encode()) % 2].write(line)
    for f in out:
        f.close()
' "$data/boilerplate" "$tmp"

for k in 0 1; do
	python3 "$top/tools/strip-boilerplate/train.py" weights \
	    --data "$data" --exclude-fold $k >"$tmp/w$k.yaml" &
done
wait
for k in 0 1; do
	cmd="$bin/strip-boilerplate --config $tmp/w$k.yaml"
	echo "== fold $k, weights fitted without it"
	python3 "$eval/score.py" --cmd "$cmd" "$tmp/f${k}_dev.jsonl" \
	    "$tmp/f${k}_dev_lynx.jsonl"
	python3 "$eval/score_segments.py" --cmd "$cmd" \
	    "$tmp/f${k}_trafsegs_dev.jsonl"
done
