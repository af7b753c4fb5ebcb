# check.sh - sourced by the shell tests: counting checks the same way.
#   check WHAT COMMAND...   runs COMMAND; counts a pass, or prints
#                           "FAIL: $suite: WHAT" and counts a failure
#   report                  prints "$suite: N passed, N failed" and adds
#                           the counts to $PL_RESULTS for the summary
#   skip_under_sanitizers   exits 0 when $bin is a sanitizer build, whose
#                           shadow memory makes memory and time figures
#                           not the program's
passed=0
failed=0
check() {
	local what=$1
	shift
	if "$@"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL: $suite: $what"
	fi
}
report() {
	echo "$suite: $passed passed, $failed failed"
	if [ -n "${PL_RESULTS:-}" ]; then
		echo "$suite $passed $failed" >> "$PL_RESULTS"
	fi
	return 0
}
skip_under_sanitizers() {
	case $bin in *asan*)
		echo "$suite: skipped under sanitizers"
		exit 0
	esac
}
