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
for t in fuzz_mmio fuzz_prog fuzz_cmdq fuzz_strtab fuzz_faults fuzz_evtq fuzz_dma fuzz_system; do
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
# Continuation seeds: corpus/after/T/NAME.scn -> corpus/T/after-NAME.bin.
for t in fuzz_mmio fuzz_prog fuzz_cmdq fuzz_strtab fuzz_faults fuzz_evtq fuzz_dma fuzz_system; do
	for scn in "$srcdir"/corpus/after/$t/*.scn; do
		[ -f "$scn" ] || continue
		name=after-$(basename "$scn" .scn).bin
		checked=$((checked + 1))
		if ! "$seed" --after "$t" "$scn" "$tmp/out"; then
			echo "seeds-drift: $scn no longer encodes as a continuation of $t's prologue"
			bad=1
		elif ! cmp -s "$tmp/out" "$srcdir/corpus/$t/$name"; then
			echo "seeds-drift: corpus/$t/$name differs from what corpus/after/$t/$(basename "$scn") encodes to now"
			bad=1
		fi
		rm -f "$tmp/out"
	done
	for f in "$srcdir"/corpus/$t/after-*.bin; do
		[ -f "$f" ] || continue
		n=$(basename "$f" .bin)
		[ -f "$srcdir/corpus/after/$t/${n#after-}.scn" ] || {
			echo "seeds-drift: corpus/$t/$(basename "$f") has no corpus/after/$t/${n#after-}.scn"; bad=1; }
	done
done
# fuzz_scenario's seeds are the scenario texts themselves.
for scn in "$srcdir"/tests/scenarios/*.scn; do
	name=$(basename "$scn")
	checked=$((checked + 1))
	if ! cmp -s "$scn" "$srcdir/corpus/fuzz_scenario/$name"; then
		echo "seeds-drift: corpus/fuzz_scenario/$name is not a copy of tests/scenarios/$name"
		bad=1
	fi
done
for f in "$srcdir"/corpus/fuzz_scenario/[0-9][0-9]-*.scn "$srcdir"/corpus/fuzz_scenario/[0-9][0-9][0-9]-*.scn; do
	[ -f "$f" ] || continue
	[ -f "$srcdir/tests/scenarios/$(basename "$f")" ] || {
		echo "seeds-drift: corpus/fuzz_scenario/$(basename "$f") has no scenario"; bad=1; }
done
echo "seeds-drift: $checked seed(s) checked"
[ "$checked" -gt 0 ] || { echo "seeds-drift: nothing checked" >&2; exit 1; }
[ "$bad" -eq 0 ] || { echo "seeds-drift: regenerate with: sh corpus/make-seeds.sh \$BUILDDIR" >&2; exit 1; }
