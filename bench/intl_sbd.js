// intl_sbd.js - the second peer for bench/split-sentences.sh: Node's
// Intl.Segmenter (ICU inside V8) with sentence granularity, one sentence
// a line on stdout.  The file is segmented a paragraph at a time, as
// Intl.Segmenter over one 50 MB string is far slower and needs more
// memory; a blank line is a hard break for every splitter here anyway.
// SPDX-License-Identifier: MIT
'use strict';
const fs = require('fs');
const text = fs.readFileSync(process.argv[2], 'utf8');
const seg = new Intl.Segmenter('en', { granularity: 'sentence' });
const out = [];
let n = 0, size = 0;
const fd = 1;
function flush() {
  fs.writeSync(fd, out.join(''));
  out.length = 0;
  size = 0;
}
for (const para of text.split('\n\n')) {
  for (const s of seg.segment(para)) {
    const t = s.segment.trim();
    if (t.length === 0) continue;
    const line = t.replace(/\n/g, ' ') + '\n';
    out.push(line);
    size += line.length;
    n++;
    if (size > (1 << 20)) flush();
  }
}
flush();
process.stderr.write(`intl: ${n} sentences\n`);
