#!/bin/bash
# Lesson 1: what is a sentence?  Run from examples/lessons/.
set -eu
text='Mr. Smith paid $3.50 for coffee at 8 a.m. on Jan. 5. He said: "Too much!" Then he left. The U.S. office opened at No. 5 Main St. in 2020.'

echo "--- a naive splitter: a break after every '. ', '! ' and '? '"
printf '%s\n' "$text" | sed -e 's/\([.!?]\) /\1\n/g'

echo
echo "--- split-sentences"
printf '%s\n' "$text" | split-sentences

echo
echo "--- the same as records with offsets (text[start:end] is the sentence)"
printf '%s\n' "$text" | split-sentences -j | head -3

echo
echo "--- other languages: German ordinals, Japanese full stops"
printf 'Die Sitzung beginnt am 3. Oktober um 10 Uhr. Alle sind eingeladen.\n' | split-sentences -l de
printf '今日は晴れです。明日は雨でしょう。\n' | split-sentences -l ja
