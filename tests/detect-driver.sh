#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# detect-driver.sh - the `make detect` driver (scripts/detect.sh) works end
# to end, bounded to a few seconds (make check): over the seeds of one
# target only (--replay-only, whatever engine is configured), a defect the
# seeds catch is found with the right check, and the pseudo-defect NONE is
# reported "not found" with a non-zero exit status; with libFuzzer, a short
# fuzzing phase runs every target it is given and keeps to its time.
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
tmp=${TMPDIR:-/tmp}/detect-driver.$$
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp"

bash "$srcdir/scripts/detect.sh" --srcdir "$srcdir" --builddir "$top_builddir" \
	--engine "${FUZZ_ENGINE:-standalone}" --replay-only --seconds 10 --jobs 2 --results "$tmp" \
	--targets fuzz_mmio CR0ACK_STUCK GBPA_BYPASS_NO_S2 NONE >"$tmp/out" 2>&1
rc=$?
cat "$tmp/out"
bad=0
expect() {
	if ! grep -q "$1" "$tmp/out"; then
		echo "FAIL: no line matching '$1' in the driver's output"
		bad=1
	fi
}
[ "$rc" -eq 1 ] || { echo "FAIL: exit $rc, expected 1 (NONE is never found)"; bad=1; }
expect '^| bug | found | seconds | check that fired |$'
expect '^| CR0ACK_STUCK | yes | [0-9.]* | I9, by fuzz_mmio (seeds) |$'
expect '^| GBPA_BYPASS_NO_S2 | yes | [0-9.]* | I1, by fuzz_mmio (seeds) |$'
expect '^| NONE | no | [0-9.]* | - |$'
expect '^detect: 2/3 found (at most 10s each; slowest find [0-9.]*s); NOT FOUND: 1$'
ls "$tmp"/detect-*/CR0ACK_STUCK/log >/dev/null 2>&1 || { echo "FAIL: no per-defect log"; bad=1; }
ls "$tmp"/detect-*/control/log >/dev/null 2>&1 || { echo "FAIL: no control log"; bad=1; }

# With libFuzzer the fuzzing phase too: NONE over two targets for 6 s must
# fuzz both (one share each), find nothing and keep to the time.
case "${FUZZ_ENGINE:-standalone}" in
libfuzzer|external)
	bash "$srcdir/scripts/detect.sh" --srcdir "$srcdir" --builddir "$top_builddir" \
		--engine "$FUZZ_ENGINE" --seconds 6 --results "$tmp/fz" \
		--targets "fuzz_mmio fuzz_cmdq" NONE >"$tmp/out2" 2>&1
	rc=$?
	cat "$tmp/out2"
	[ "$rc" -eq 1 ] || { echo "FAIL: fuzzing NONE: exit $rc, expected 1"; bad=1; }
	secs=$(sed -n 's/^| NONE | no | \([0-9.]*\) | - |$/\1/p' "$tmp/out2")
	if [ -z "$secs" ] || ! awk -v s="$secs" 'BEGIN { exit !(s >= 3 && s <= 9) }'; then
		echo "FAIL: fuzzing NONE for 6 s took '${secs}' s"
		bad=1
	fi
	for t in fuzz_mmio fuzz_cmdq; do
		grep -q "== NONE: $t: fuzzing for" "$tmp"/fz/detect-*/NONE/log ||
			{ echo "FAIL: $t was not fuzzed"; bad=1; }
	done
	;;
esac
exit $bad
