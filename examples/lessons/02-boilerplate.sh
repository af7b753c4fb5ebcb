#!/bin/bash
# Lesson 2: what makes a line boilerplate?  Run from examples/lessons/.
set -eu
dump=../dumps/harbor-bridge.txt

echo "--- every line with the decision and its reason"
strip-boilerplate --explain "$dump"

echo
echo "--- the clean article"
strip-boilerplate "$dump"

echo
echo "--- the precision/recall knob: how many lines each keeps"
for mode in --precision "" --recall; do
	printf '%-12s %s lines\n' "${mode:-default}" \
	    "$(strip-boilerplate $mode "$dump" | wc -l)"
done
