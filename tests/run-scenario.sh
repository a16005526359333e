#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# run-scenario.sh - the log compiler of conformance scenarios: each
# tests/scenarios/NAME.scn is its own make check test (TEST_EXTENSIONS .scn),
# run through fuzz/vsmmu-run. One scenario by hand:
#   make check TESTS=tests/scenarios/01-linux-bringup.scn
# On failure the log names the failing line; rerun it traced with
#   fuzz/vsmmu-run -v tests/scenarios/NAME.scn
set -u
top_builddir=${top_builddir:-.}
run="$top_builddir/fuzz/vsmmu-run"
scn=${1:?usage: run-scenario.sh FILE.scn}

if [ ! -x "$run" ]; then
	echo "run-scenario: $run is not built" >&2
	exit 99
fi
"$run" "$scn"
status=$?
case $status in
0) exit 0 ;;
2) echo "run-scenario: $scn could not be read or parsed" >&2; exit 99 ;;
*) echo "run-scenario: FAILED; rerun traced with: $run -v $scn" >&2; exit 1 ;;
esac
