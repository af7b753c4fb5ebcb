#!/bin/bash
# Lesson 4: hashing and near-duplicates.  Run from examples/lessons/.
set -eu
printf '%s\n' 'The bridge will close on April 2.' 'The bridge will close on April 2.' \
    'the bridge  will close on April 2.' '“The bridge will close on April 2.”' > /tmp/pl-lesson4.txt

echo "--- exact: only byte-identical lines are repeats"
dedup-lines /tmp/pl-lesson4.txt
echo
echo "--- normalized: case, white space and quote marks do not count"
dedup-lines --normalize=case,space,quotes,punct /tmp/pl-lesson4.txt
echo
echo "--- near-duplicates: the same story on two sites"
strip-boilerplate -j ../dumps/*.txt | dedup-lines --near --explain 2>&1 >/dev/null
echo
echo "--- which records were dropped, and which earlier record they repeat"
strip-boilerplate -j ../dumps/*.txt | dedup-lines --near --invert | cut -c1-160
rm -f /tmp/pl-lesson4.txt
