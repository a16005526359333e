#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# sweep-finds.sh - the fail-nth sweep is able to fail: with the planted
# defect HIDE_PHYS_FAIL (physical failures reported to the guest as
# success), sweeping one attach scenario must end in a violation (the
# hidden failure leaves a stale configuration: I10, or I11 where the guest
# is told success).
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
sweep="$top_builddir/tests/faults/fail-nth-sweep-defects"
scn="$srcdir/tests/scenarios/02-s1-attach-4k.scn"
[ -x "$sweep" ] || { echo "sweep-finds: $sweep is not built" >&2; exit 99; }
out=$(VSMMU_DEFECT=HIDE_PHYS_FAIL "$sweep" "$scn" 2>&1)
rc=$?
echo "$out" | head -n 5
if [ "$rc" -ne 1 ] || ! echo "$out" | grep -q 'ISOLATION VIOLATION \[I1[01]\]'; then
	echo "sweep-finds: expected exit 1 with an I10/I11 violation, got exit $rc" >&2
	exit 1
fi
# ... and the same scenario swept over the variant without a defect holds.
if ! "$sweep" "$scn" > /dev/null 2>&1; then
	echo "sweep-finds: the control sweep (no defect) failed" >&2
	exit 1
fi
echo "sweep-finds: the sweep reports the planted defect and passes without it"
