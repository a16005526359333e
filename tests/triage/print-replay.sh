#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# print-replay.sh - a crash printed as a scenario is a regression scenario as
# it stands: for every committed input f of every fuzz target T,
#   vsmmu-run --target T f                      (the target's verdict)
# and
#   vsmmu-run --print --target T f > f.scn; vsmmu-run f.scn
# give the same verdict: the same status, invariant, line and reason (and
# the same sanitizer summary when the run crashes). Then the same over the
# test variant of libvsmmu (fuzz/vsmmu-run-defects) with a few planted
# defects, so that violations and sanitizer crashes are compared too, not
# only passes. Run by make check from the build directory.
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
run="$top_builddir/fuzz/vsmmu-run"
runx="$top_builddir/fuzz/vsmmu-run-defects"
# Every target with committed inputs (corpus/T/), so new targets are covered.
# fuzz_scenario runs no world (its inputs are scenario text, round-tripped
# by tests/lang/test_scn_check): every other target's corpus.
targets=$(cd "$srcdir/corpus" && for d in fuzz_*/; do [ -d "$d" ] && [ "$d" != fuzz_scenario/ ] && echo "${d%/}"; done)
[ -n "$targets" ] || { echo "print-replay: no corpus/fuzz_*/ directories" >&2; exit 99; }
for p in "$run" "$runx"; do
	[ -x "$p" ] || { echo "print-replay: $p is not built" >&2; exit 99; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/print-replay.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
. "$srcdir/tests/triage/lib.sh"

# The verdict of one run, with the input's path taken out: the first line
# vsmmu-run printed and the sanitizer's SUMMARY line, if any.
verdict() { # prog path-to-strip args...
	prog=$1 strip=$2
	shift 2
	"$prog" "$@" > "$tmp/out" 2> "$tmp/err"
	echo "exit=$?"
	head -n 1 "$tmp/out" | sed "s|$strip||"
	grep -a '^SUMMARY: ' "$tmp/err" | sed 's/ in .*//' | head -n 1
}

n=0 bad=0 viol=0 crash=0
check() { # prog target file
	prog=$1 t=$2 f=$3
	a=$(verdict "$prog" "$f" --target "$t" "$f")
	if ! "$prog" --print --target "$t" "$f" > "$tmp/p.scn" 2> "$tmp/perr"; then
		echo "print-replay: FAIL: $prog --print --target $t $f: $(head -n 1 "$tmp/perr")"
		bad=$(( bad + 1 ))
		return
	fi
	b=$(verdict "$prog" "$tmp/p.scn" "$tmp/p.scn")
	n=$(( n + 1 ))
	case $a in *"ISOLATION VIOLATION"*) viol=$(( viol + 1 )) ;; esac
	case $a in *SUMMARY:*) crash=$(( crash + 1 )) ;; esac
	if [ "$a" != "$b" ]; then
		bad=$(( bad + 1 ))
		echo "print-replay: FAIL: ${VSMMU_DEFECT:+VSMMU_DEFECT=$VSMMU_DEFECT }$t $f"
		echo "  target run:  $(echo "$a" | tr '\n' ' ')"
		echo "  printed run: $(echo "$b" | tr '\n' ' ')"
	fi
}

inputs() { # target [max seeds]
	{ find "$srcdir/corpus/$1" -type f ! -name '.*' ! -name 'README*' 2>/dev/null | LC_ALL=C sort |
	  head -n "${2:-100000}"
	  find "$srcdir/corpus/regressions/$1" -type f ! -name '.*' ! -name 'README*' 2>/dev/null; }
}

for t in $targets; do
	for f in $(inputs "$t"); do check "$run" "$t" "$f"; done
done
clean=$n
# Planted defects: an early I1, an I5 from routing, and a UBSan crash.
for d in S1_ONLY_STE LEAK_PSID SHIFT_GUEST_32; do
	export VSMMU_DEFECT=$d
	for t in $targets; do
		for f in $(inputs "$t" 5); do check "$runx" "$t" "$f"; done
	done
done
unset VSMMU_DEFECT
echo "print-replay: $n inputs ($clean clean, $(( n - clean )) with planted defects: $viol violations, $crash sanitizer crashes), $bad differ"
[ "$viol" -gt 0 ] || { echo "print-replay: FAIL: the defect runs compared no violation"; exit 1; }
if sanitized "$runx"; then
	[ "$crash" -gt 0 ] || { echo "print-replay: FAIL: the defect runs compared no sanitizer crash"; exit 1; }
else
	echo "print-replay: built without sanitizers: no sanitizer crash to compare"
fi
[ "$bad" -eq 0 ]
