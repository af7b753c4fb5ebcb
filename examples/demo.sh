#!/bin/bash
# demo.sh - the flagship pipelines over the bundled dumps (run by
# `make demo`, which puts the freshly built tools first on PATH):
#   1. strip-boilerplate -> split-sentences
#   2. strip-boilerplate -> extract-quotes -> dedup-lines
# Each stage prints a one-line summary (-v) on standard error.
set -eu
set -o pipefail
cd "$(dirname "$0")"
dumps=(seeds/*.txt)
[ -d dumps ] && dumps+=(dumps/*.txt)

have() { command -v "$1" > /dev/null; }
rule() { printf '\n== %s\n' "$*"; }

if have strip-boilerplate; then
	rule "strip-boilerplate: the clean article (first dump)"
	strip-boilerplate -v "${dumps[0]}"
fi
if have strip-boilerplate && have split-sentences; then
	rule "strip-boilerplate | split-sentences (first 12 sentences)"
	strip-boilerplate -q "${dumps[@]}" | split-sentences -v | head -12
fi
if have strip-boilerplate && have extract-quotes && have dedup-lines; then
	rule "strip-boilerplate -j | extract-quotes -j | dedup-lines -k quote --near"
	strip-boilerplate -q -j "${dumps[@]}" | extract-quotes -v -j |
	    dedup-lines -v -k quote --near | extract-quotes --from jsonl -k quote -t 2>/dev/null ||
	strip-boilerplate -q -j "${dumps[@]}" | extract-quotes -v -t
fi
