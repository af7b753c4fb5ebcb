#!/bin/bash
# Lesson 3: who said what?  Run from examples/lessons/.
set -eu
echo "--- speaker<TAB>quotation"
strip-boilerplate ../dumps/harbor-bridge.txt | extract-quotes

echo
echo "--- the records: speaker (fullest name), mention (as written), cue verb, offsets"
strip-boilerplate -j ../dumps/school-meals.txt | extract-quotes -j
