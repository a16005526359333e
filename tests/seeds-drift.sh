#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# seeds-drift.sh - the committed seeds are what the scenarios encode to now.
# Seeds corpus/T/NN-*.bin are made from tests/scenarios/NN-*.scn by
# corpus/make-seeds.sh; if the op model or the byte encoding changes, a
# committed seed would silently become a different program. This test
# re-encodes every scenario for every target and compares it with the
# committed seed byte for byte. Fix a failure with:
#   sh corpus/make-seeds.sh BUILDDIR      (then commit corpus/)
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
seed="$top_builddir/fuzz/vsmmu-seed"
[ -x "$seed" ] || { echo "seeds-drift: $seed is not built" >&2; exit 99; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
bad=0 checked=0
# A scenario whose seed would be byte-identical to an earlier seed, the
# empty input or a regression input of the target has no seed
# (corpus/make-seeds.sh).
sum() { cksum < "$1" | awk '{ print $1 "-" $2 }'; }
: > "$tmp/empty"
for t in fuzz_mmio fuzz_prog fuzz_cmdq fuzz_strtab fuzz_faults; do
	seen=" $(sum "$tmp/empty") "
	if [ -d "$srcdir/corpus/regressions/$t" ]; then
		for r in "$srcdir/corpus/regressions/$t"/*; do
			[ -f "$r" ] && seen="$seen$(sum "$r") "
		done
	fi
	for scn in "$srcdir"/tests/scenarios/*.scn; do
		name=$(basename "$scn" .scn)
		committed="$srcdir/corpus/$t/$name.bin"
		if "$seed" "$t" "$scn" "$tmp/out" 2>/dev/null; then
			checked=$((checked + 1))
			k=$(sum "$tmp/out")
			case $seen in
			*" $k "*)
				if [ -f "$committed" ]; then
					echo "seeds-drift: corpus/$t/$name.bin is byte-identical to an earlier seed or a regression input: remove it"
					bad=1
				fi ;;
			*)
				seen="$seen$k "
				if [ ! -f "$committed" ]; then
					echo "seeds-drift: corpus/$t/$name.bin is missing (scenario $name.scn encodes to a seed)"
					bad=1
				elif ! cmp -s "$tmp/out" "$committed"; then
					echo "seeds-drift: corpus/$t/$name.bin differs from what $name.scn encodes to now"
					bad=1
				fi ;;
			esac
		elif [ -f "$committed" ]; then
			echo "seeds-drift: corpus/$t/$name.bin exists but $name.scn gives no seed for $t"
			bad=1
		fi
		rm -f "$tmp/out"
	done
done
echo "seeds-drift: $checked seed(s) checked"
[ "$checked" -gt 0 ] || { echo "seeds-drift: nothing checked" >&2; exit 1; }
[ "$bad" -eq 0 ] || { echo "seeds-drift: regenerate with: sh corpus/make-seeds.sh \$BUILDDIR" >&2; exit 1; }
