# check.sh - sourced by the shell tests so that they count, report and
# fail the same way.  Set $suite (the name in the summary) first.
#   ok                      counts a pass
#   bad WHAT                counts a failure and prints "FAIL: $suite: WHAT"
#   check WHAT COMMAND...   runs COMMAND: ok if it succeeds, else bad WHAT
#   report                  prints "$suite: N passed, N failed" and adds
#                           "$suite N N" to $PL_RESULTS for the summary;
#                           the last thing a test does (the Makefile
#                           counts a test that exits non-zero as failed)
#   skip_under_sanitizers   exits 0 when $bin is a sanitizer build, whose
#                           shadow memory makes memory and time figures
#                           not the program's
#   use_tmp                 sets $tmp to a new directory, removed at exit
passed=0
failed=0
ok() {
	passed=$((passed + 1))
}
bad() {
	failed=$((failed + 1))
	echo "FAIL: $suite: $*"
}
check() {
	local what=$1
	shift
	if "$@"; then ok; else bad "$what"; fi
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
use_tmp() {
	tmp=$(mktemp -d) || exit 1
	trap 'rm -rf "$tmp"' EXIT
}
