#!/bin/bash
# run-unit.sh BINARY RESULTS - run the Criterion unit tests and record
# their counts as "unit PASSED FAILED" in RESULTS.
set -u
bin=$1
results=$2
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin" -j2 --short-filename 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
# Criterion 2.4 sometimes fails to start a worker on a loaded machine
# ("Could not spawn test instance"); that is not a test result: run again.
if grep -q 'Could not spawn test instance' "$out"; then
	echo "run-unit: Criterion could not start a worker; running again"
	"$bin" -j1 --short-filename 2>&1 | tee "$out"
	status=${PIPESTATUS[0]}
fi
line=$(grep 'Synthesis:' "$out" | tail -1)
tested=$(printf '%s\n' "$line" | sed -n 's/.*Tested: \([0-9]*\).*/\1/p')
passing=$(printf '%s\n' "$line" | sed -n 's/.*Passing: \([0-9]*\).*/\1/p')
[ -n "$tested" ] || { tested=1; passing=0; }
failed=$((tested - passing))
[ "$status" -eq 0 ] || [ "$failed" -gt 0 ] || failed=1
echo "unit $passing $failed" >> "$results"
exit 0
