#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# decode-reasons.sh - libvsmmu's decoders say why a stream's configuration
# is not the guest's translation (one reason per exit, VS_WHY_LIST in
# vsmmu/internal.h), and `vsmmu-run -v` prints it: each conformance
# scenario below must trace exactly its reason, with the event it causes,
# and none of the reasons it does not have.
set -u
top_builddir=${top_builddir:-.}
srcdir=${srcdir:-.}
run="$top_builddir/fuzz/vsmmu-run"
if [ ! -x "$run" ]; then
	echo "decode-reasons.sh: $run is not built" >&2
	exit 99
fi
LC_ALL=C
export LC_ALL
fails=0

# check SCENARIO 'EXPECTED LINE TEXT'
check() {
	out=$("$run" -v "$srcdir/tests/scenarios/$1.scn" 2>&1)
	if ! printf '%s\n' "$out" | grep -F -q "$2"; then
		echo "FAIL: $1: no trace line '$2'"
		fails=$((fails + 1))
		return
	fi
	# One reason per exit: no other illegal-STE reason for this stream.
	others=$(printf '%s\n' "$out" | grep 'config of ' | grep -F -v "$2" |
		 grep -v 'STE.Config is abort' | wc -l)
	if [ "$others" -ne 0 ]; then
		echo "FAIL: $1: other reasons traced besides '$2':"
		printf '%s\n' "$out" | grep 'config of ' | grep -F -v "$2"
		fails=$((fails + 1))
		return
	fi
	echo "PASS: $1: $2"
}

check 07-ste-invalid 'vsid=3: STE.V is 0 (C_BAD_STE)'
check 09-ste-config-stage2 'vsid=3: STE.Config enables stage 2, but IDR0.S2P is 0 (C_BAD_STE)'
check 11-ste-s1stalld 'vsid=3: STE.S1STALLD is 1, but IDR0.STALL_MODEL is 0b01 (no stalls) (C_BAD_STE)'
check 12-ste-s1cdmax 'vsid=3: STE.S1CDMax exceeds IDR1.SSIDSIZE (C_BAD_STE)'
check 13-ste-contextptr-range 'vsid=3: STE.S1ContextPtr beyond the output address size (IDR5.OAS) (C_BAD_STE)'
check 15-strtab-linear-bad-streamid 'vsid=9: StreamID beyond STRTAB_BASE_CFG.LOG2SIZE (capped at IDR1.SIDSIZE) (C_BAD_STREAMID)'
check 17-strtab-2level-span0 "vsid=3: L1STD.Span is 0, reserved, or above SPLIT + 1 (C_BAD_STREAMID)"
check 18-strtab-2level-span-short "vsid=3: StreamID beyond the level-2 table's L1STD.Span (C_BAD_STREAMID)"
exit $fails
