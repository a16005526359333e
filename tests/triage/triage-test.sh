#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# triage-test.sh - make reproduce and make minimize (scripts/crash-triage.sh)
# on a planted defect: a committed fuzz_faults seed crashes the test variant
# with SHIFT_GUEST_32 (UBSan; CR0ACK_STUCK, an I9, in a build without
# sanitizers); reproduce confirms the same signature 3 times;
# minimize shrinks it to a few statements with exactly that signature and
# the result replays through vsmmu-run; the clean library does not fail, so
# reproduce says so. Run by make check from the build directory.
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
tri="$srcdir/scripts/crash-triage.sh"
sig="$srcdir/scripts/crash-signature.sh"
runx="$top_builddir/fuzz/vsmmu-run-defects"
seed="$srcdir/corpus/fuzz_faults/51-attack-commands.bin"
[ -x "$runx" ] || { echo "triage-test: $runx is not built" >&2; exit 99; }
[ -r "$seed" ] || { echo "triage-test: $seed missing" >&2; exit 99; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/triage-test.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
bad() { echo "FAIL: $*"; fail=1; }
. "$srcdir/tests/triage/lib.sh"
# With sanitizers, a UBSan defect (frames in the signature); without, an
# oracle-class one.
if sanitized "$runx"; then
	export VSMMU_DEFECT=SHIFT_GUEST_32 pat='ubsan:shift-exponent*" | cmd | "*'
else
	export VSMMU_DEFECT=CR0ACK_STUCK pat='"I9 | write | field=CR0ACK"'
fi
want=$(sh "$sig" --run "$runx" --target fuzz_faults "$seed")
eval "case \$want in $pat) echo \"ok   signature ($VSMMU_DEFECT): \$want\" ;; *) bad \"unexpected signature '\$want'\" ;; esac"
PROG=$runx sh "$tri" reproduce --target fuzz_faults --times 3 "$seed" > "$tmp/rep" 2>&1 || bad "reproduce failed: $(tail -n 1 "$tmp/rep")"
[ "$(grep -c "^run [123]/3: $want\$" "$tmp/rep")" -eq 3 ] || bad "reproduce did not show the signature 3 times"
PROG=$runx sh "$tri" minimize --target fuzz_faults --seconds 120 --out "$tmp/min.scn" "$seed" > "$tmp/minout" 2> "$tmp/minerr" ||
	bad "minimize failed: $(tail -n 2 "$tmp/minerr")"
n=$(grep -vc '^#' "$tmp/min.scn")
n0=$("$runx" --print --target fuzz_faults "$seed" | wc -l)
[ "${n:-0}" -ge 1 ] && [ "${n:-0}" -le 8 ] && [ "${n:-0}" -lt "$n0" ] || bad "minimized to ${n:-?} of $n0 statements (want 1..8)"
got=$(sh "$sig" --run "$runx" "$tmp/min.scn")
[ "$got" = "$want" ] || bad "the minimized scenario's signature is '$got'"
cmp -s "$tmp/minout" "$tmp/min.scn" || bad "minimize did not print the scenario it wrote"
echo "ok   minimize: $n0 -> $n statements, same signature"
unset VSMMU_DEFECT
if PROG=$runx sh "$tri" reproduce --target fuzz_faults --times 1 "$seed" > "$tmp/rep2" 2>&1; then
	bad "reproduce passed on an input that does not fail"
else
	grep -q 'does not fail' "$tmp/rep2" && echo "ok   reproduce of a clean run fails" || bad "reproduce of a clean run: $(tail -n 1 "$tmp/rep2")"
fi
exit "$fail"
