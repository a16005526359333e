#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# detect-crash.sh - the crash-class planted defects (vsmmu/defect.h entries
# listed "crash") must kill the hypervisor on a committed input, and the
# same input must pass without them (make check; docs/detect.md).
#
# Each tests/detect/*.scn says
#   # detect-crash: defect=NAME expect=KIND
# with KIND "assert" (an assertion failure) or "UBSan" (an UndefinedBehavior-
# Sanitizer report). It runs through fuzz/vsmmu-run-defects: without the
# defect it must PASS; with VSMMU_DEFECT=NAME it must die with that report.
# A UBSan case needs a build with -fsanitize=undefined (--enable-sanitizers):
# without one it cannot die: the other cases still run, and the test then
# reports SKIP (77) rather than PASS.
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
run="$top_builddir/fuzz/vsmmu-run-defects"
dir="$srcdir/tests/detect"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

[ -x "$run" ] || { echo "detect-crash: $run is not built" >&2; exit 99; }
set -- "$dir"/*.scn
[ -f "$1" ] || { echo "detect-crash: no inputs in $dir" >&2; exit 1; }
case " ${VS_INSTR_CFLAGS:-} " in
*fsanitize=*undefined*) ubsan=1 ;;
*) ubsan=0 ;;
esac
bad=0 skipped=0
tmp=${TMPDIR:-/tmp}/detect-crash.$$
trap 'rm -f "$tmp"' EXIT
for f in "$@"; do
	line=$(grep -m 1 '^# detect-crash:' "$f")
	name=$(echo "$line" | sed -n 's/.*defect=\([A-Z0-9_]*\).*/\1/p')
	want=$(echo "$line" | sed -n 's/.*expect=\([A-Za-z]*\).*/\1/p')
	case "$want" in
	assert) marker='Assertion .* failed' ;;
	UBSan) marker='runtime error:'
	       if [ "$ubsan" = 0 ]; then
		       echo "SKIP $f: $name needs UBSan (configure --enable-sanitizers)"
		       skipped=1
		       continue
	       fi ;;
	*) echo "ERROR $f: no valid '# detect-crash: defect=NAME expect=assert|UBSan' line"; bad=1; continue ;;
	esac
	grep -q "X($name," "$srcdir/vsmmu/defect.h" || {
		echo "ERROR $f: $name is not in vsmmu/defect.h"; bad=1; continue; }
	if ! env -u VSMMU_DEFECT "$run" "$f" >"$tmp" 2>&1; then
		echo "FAIL $f: the control run without the defect does not pass:"; cat "$tmp"; bad=1; continue
	fi
	VSMMU_DEFECT=$name "$run" "$f" >"$tmp" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ] || ! grep -q "$marker" "$tmp"; then
		echo "FAIL $f: with $name expected a $want death, got exit $rc:"; cat "$tmp"; bad=1; continue
	fi
	echo "PASS $f: control passes; $name dies (exit $rc): $(grep -m 1 "$marker" "$tmp")"
done
[ "$bad" -eq 0 ] && [ "$skipped" -eq 1 ] && exit 77
exit $bad
