#!/bin/bash
# demo.sh - the flagship pipelines over the bundled dumps (run by
# `make demo`, which builds the tools and puts them first on PATH):
#   1. strip-boilerplate -> split-sentences
#   2. strip-boilerplate -> extract-quotes -> dedup-lines
# Every stage prints its one-line summary (-v) on standard error.
set -eu
set -o pipefail
cd "$(dirname "$0")"
dumps=(seeds/*.txt dumps/*.txt)

rule() { printf '\n== %s\n' "$*"; }

# `| head` closes the pipe early, and a stage still writing then ends
# quietly, as cat does, with the status of SIGPIPE (141): that one is not
# a failure, any other is.
sigpipe_only() {
	local s
	for s in "$@"; do
		[ "$s" -eq 0 ] || [ "$s" -eq 141 ] || return "$s"
	done
}

rule "strip-boilerplate: the clean article of ${dumps[0]}"
strip-boilerplate -v "${dumps[0]}"

rule "strip-boilerplate | split-sentences: the first 10 sentences of all ${#dumps[@]} dumps"
strip-boilerplate -v "${dumps[@]}" | split-sentences -v | head -10 ||
    sigpipe_only "${PIPESTATUS[@]}"

rule "strip-boilerplate -j | extract-quotes -t | dedup-lines: who said what, each quotation once"
strip-boilerplate -v -j "${dumps[@]}" | extract-quotes -v -t |
    dedup-lines -v --normalize=all --near

rule "the same as JSON Lines: one record per quotation (the first two)"
strip-boilerplate -q -j "${dumps[@]}" | extract-quotes -q -j |
    dedup-lines -q -k quote --normalize=all | head -2 ||
    sigpipe_only "${PIPESTATUS[@]}"
