#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# make-seeds.sh - regenerate the seed corpora corpus/<target>/ from the
# conformance scenarios tests/scenarios/*.scn.
#
#   sh corpus/make-seeds.sh BUILDDIR     (BUILDDIR has fuzz/vsmmu-seed built)
#
# Each scenario becomes one seed per fuzz target, encoded for that target's
# kinds mask by fuzz/vsmmu-seed (statements the target does not allow are
# dropped; see fuzz/fuzz_common.h). Seeds are self-contained programs (they
# create their guests), so the targets run them without their prologue.
# corpus/<target>/empty is the empty input: the target's prologue alone.
# corpus/after/<target>/NAME.scn continue the target's prologue (they name
# its guests g0, g1, ...): each becomes corpus/<target>/after-NAME.bin
# (fuzz/vsmmu-seed --after), an input the target runs after its prologue;
# one that does not encode as such stops the script.
# fuzz_scenario (the parser and printer) takes text: its seeds are the
# scenarios themselves, copied as corpus/fuzz_scenario/NN-*.scn.
# Existing seeds of this script (NN-*.bin and NNN-*.bin, after-*.bin, NN-*.scn and
# NNN-*.scn, empty) are replaced;
# other files in corpus/<target>/ (e.g. minimised fuzzer finds) are left alone.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=${1:?usage: make-seeds.sh BUILDDIR}
seed="$build/fuzz/vsmmu-seed"
[ -x "$seed" ] || { echo "make-seeds: $seed is not built (make fuzz/vsmmu-seed)" >&2; exit 2; }
# A seed byte-identical to an earlier one of the same target (scenarios in
# name order), to the empty input, or to one of the target's regression
# inputs is not written: it would only run the same program twice
# (tests/triage/seed-dups.sh and tests/seeds-drift.sh hold this).
sum() { cksum < "$1" | awk '{ print $1 "-" $2 }'; }
for t in fuzz_mmio fuzz_prog fuzz_cmdq fuzz_strtab fuzz_faults fuzz_evtq fuzz_dma fuzz_system; do
	dir="$here/$t"
	mkdir -p "$dir"
	rm -f "$dir"/[0-9][0-9]-*.bin "$dir"/[0-9][0-9][0-9]-*.bin "$dir/empty"
	: > "$dir/empty"
	seen=" $(sum "$dir/empty") "
	if [ -d "$here/regressions/$t" ]; then
		for r in "$here/regressions/$t"/*; do
			[ -f "$r" ] && seen="$seen$(sum "$r") "
		done
	fi
	n=0 dups=0
	for scn in "$src"/tests/scenarios/*.scn; do
		out="$dir/$(basename "$scn" .scn).bin"
		if "$seed" "$t" "$scn" "$out"; then
			k=$(sum "$out")
			case $seen in
			*" $k "*) rm -f "$out"; dups=$((dups + 1)) ;;
			*) seen="$seen$k "; n=$((n + 1)) ;;
			esac
		else
			rm -f "$out"
		fi
	done
	# Continuations of the target's prologue: corpus/after/T/NAME.scn
	# (statements on the prologue's guests) -> corpus/T/after-NAME.bin.
	rm -f "$dir"/after-*.bin
	for scn in "$here/after/$t"/*.scn; do
		[ -f "$scn" ] || continue
		"$seed" --after "$t" "$scn" "$dir/after-$(basename "$scn" .scn).bin"
		n=$((n + 1))
	done
	echo "make-seeds: $t: $n seed(s), $dups byte-identical to an earlier one left out"
done
dir="$here/fuzz_scenario"
mkdir -p "$dir"
rm -f "$dir"/[0-9][0-9]-*.scn "$dir"/[0-9][0-9][0-9]-*.scn "$dir/empty"
: > "$dir/empty"
n=0
for scn in "$src"/tests/scenarios/*.scn; do
	cp "$scn" "$dir/$(basename "$scn")"
	n=$((n + 1))
done
echo "make-seeds: fuzz_scenario: $n seed(s)"
