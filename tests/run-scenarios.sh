#!/bin/sh
# run-scenarios.sh - run every conformance scenario tests/scenarios/*.scn
# through fuzz/vsmmu-run (make check). Fails if any scenario fails, if the
# runner is missing, or if there are no scenarios at all.
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
run="$top_builddir/fuzz/vsmmu-run"
dir="$srcdir/tests/scenarios"

if [ ! -x "$run" ]; then
	echo "run-scenarios: $run is not built" >&2
	exit 99
fi
set -- "$dir"/*.scn
if [ ! -f "$1" ]; then
	echo "run-scenarios: no scenarios found ($dir/*.scn)" >&2
	exit 1
fi
echo "run-scenarios: $# scenario(s) in $dir"
"$run" "$@"
status=$?
if [ "$status" -ne 0 ]; then
	echo "run-scenarios: FAILED (vsmmu-run exit $status); rerun one with: $run -v FILE" >&2
	exit 1
fi
exit 0
