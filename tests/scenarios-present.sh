#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# scenarios-present.sh - the conformance suite is what the directory holds:
# every tests/scenarios/*.scn is a make check test of its own, listed in
# tests/scenarios.mk (Automake needs the names literally). This fails if
# there are no scenarios, or if the list and the directory differ (a new
# scenario that would never run). Fix: sh tests/list-scenarios.sh > tests/scenarios.mk
set -u
srcdir=${srcdir:-.}
tmp=$(mktemp) || exit 99
trap 'rm -f "$tmp"' EXIT
sh "$srcdir/tests/list-scenarios.sh" > "$tmp" || exit 99
n=$(grep -c '^	tests/scenarios/' "$tmp")
echo "scenarios-present: $n scenario(s) in $srcdir/tests/scenarios"
[ "$n" -ge 1 ] || { echo "scenarios-present: no scenarios" >&2; exit 1; }
if ! cmp -s "$tmp" "$srcdir/tests/scenarios.mk"; then
	echo "scenarios-present: tests/scenarios.mk does not list exactly tests/scenarios/*.scn:" >&2
	diff "$srcdir/tests/scenarios.mk" "$tmp" >&2
	echo "scenarios-present: regenerate with: sh tests/list-scenarios.sh > tests/scenarios.mk" >&2
	exit 1
fi
