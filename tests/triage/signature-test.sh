#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# signature-test.sh - scripts/crash-signature.sh names what fired, the op
# and where, the same on every run: planted defects of each class (oracle
# violation, UBSan, assert, leak/I8) over the test variant of libvsmmu, and
# a clean run. Run by make check from the build directory.
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
sig="$srcdir/scripts/crash-signature.sh"
runx="$top_builddir/fuzz/vsmmu-run-defects"
[ -x "$runx" ] || { echo "signature-test: $runx is not built" >&2; exit 99; }
. "$srcdir/tests/triage/lib.sh"
san=0
sanitized "$runx" && san=1
[ "$san" = 1 ] || echo "signature-test: built without sanitizers: the UBSan row is skipped, an assert has no frames"
fail=0
# defect | scenario | expected WHAT | OP | expected WHERE prefix ("" = any frame)
while IFS='|' read -r d scn what op where; do
	[ -n "$d" ] || continue
	case $what in ubsan:*|asan:*) [ "$san" = 1 ] || continue ;; esac
	[ "$san" = 1 ] || [ "$what" != abort ] || where=-
	s1=$(VSMMU_DEFECT=$d sh "$sig" --run "$runx" "$srcdir/$scn")
	s2=$(VSMMU_DEFECT=$d sh "$sig" --run "$runx" "$srcdir/$scn")
	w=$(echo "$s1" | awk -F' [|] ' '{ print $1 }')
	o=$(echo "$s1" | awk -F' [|] ' '{ print $2 }')
	f=$(echo "$s1" | awk -F' [|] ' '{ print $3 }')
	ok=1
	[ "$s1" = "$s2" ] || ok=0
	[ "$w" = "$what" ] && [ "$o" = "$op" ] || ok=0
	case $f in "$where"*) ;; *) ok=0 ;; esac
	[ "$what" = none ] || [ "$f" != - ] || [ "$where" = - ] || ok=0
	if [ "$ok" = 1 ]; then
		echo "ok   $d: $s1"
	else
		echo "FAIL $d $scn: got '$s1' then '$s2', want '$what | $op | $where...'"
		fail=1
	fi
done <<'TABLE'
SHIFT_GUEST_32|tests/detect/shift-guest-32.scn|ubsan:shift-exponent-N-is-too-large-for-N-bit|cmd|
ASSERT_RESERVED_STE|tests/detect/assert-reserved-ste.scn|abort|cmd|vs_ste
CR0ACK_STUCK|tests/detect/shift-guest-32.scn|I9|write|field=CR0ACK
LEAK_MEMORY|tests/oracle/i08-leak-memory.scn|I8|unassign|field=bytes-freed-by-unassign
NONE|tests/scenarios/01-linux-bringup.scn|none|-|-
TABLE
# --parse on canned output: an ASan report whose top frames are the
# harness's and the runtime's reduces to our code's frames only.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sigtest.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
printf '    1: psmmu 0\n    2: dma g0 vsid=0 iova=0x0 read\n' > "$tmp/trace"
cat > "$tmp/report" <<'REPORT'
==4242==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602000000011 at pc 0x55 bp 0x7f sp 0x7e
READ of size 8 at 0x602000000011 thread T0
    #0 0x55d1 in __asan_memcpy /build/llvm/compiler-rt/lib/asan/asan_interceptors_memintrinsics.cpp:22:3
    #1 0x55d2 in walk_s1 /src/inject/psmmu_walk.c:120:9
    #2 0x55d3 in plat_dma /src/inject/platform.c:300:2
    #3 0x55d4 in LLVMFuzzerTestOneInput /src/fuzz/fuzz_dma.c:20:9
    #4 0x55d5 in fuzzer::Fuzzer::ExecuteCallback /build/llvm/compiler-rt/lib/fuzzer/FuzzerLoop.cpp:611:15

    #0 0x66 in malloc /build/llvm/compiler-rt/lib/asan/asan_malloc_linux.cpp:69:3
    #1 0x67 in other_alloc /src/vsmmu/core.c:10:3
SUMMARY: AddressSanitizer: heap-buffer-overflow /src/inject/psmmu_walk.c:120:9 in walk_s1
REPORT
got=$(sh "$sig" --parse "$tmp/trace" "$tmp/report" 1)
want='asan:heap-buffer-overflow | dma | walk_s1<plat_dma'
if [ "$got" = "$want" ]; then echo "ok   --parse: $got"; else echo "FAIL --parse: got '$got', want '$want'"; fail=1; fi
exit "$fail"
