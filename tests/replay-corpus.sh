#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# replay-corpus.sh T[.replay] - replay the committed inputs of fuzz target T
# through the fuzz program built in this tree (./fuzz/T):
#   $srcdir/corpus/T/              seeds
#   $srcdir/corpus/regressions/T/  inputs of fixed bugs (may be empty)
# Run by make check (tests/T.replay); also usable by hand from the build
# directory: srcdir=/path/to/src sh tests/replay-corpus.sh fuzz_mmio
# Exit: 0 all inputs ran, 77 (SKIP) T has no inputs yet, 99 the program is
# missing, otherwise the failing program's status.
set -u
t=$(basename "$1" .replay)
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
prog="$top_builddir/fuzz/$t"

if [ ! -x "$prog" ]; then
	echo "replay-corpus: $prog is not built" >&2
	exit 99
fi

list=$(mktemp "${TMPDIR:-/tmp}/replay-$t.XXXXXX") || exit 99
trap 'rm -f "$list"' EXIT INT TERM
for d in "$srcdir/corpus/$t" "$srcdir/corpus/regressions/$t"; do
	[ -d "$d" ] || continue
	# Every file below the directory except documentation and hidden files.
	find "$d" -type f ! -name '.*' ! -name 'README*' | LC_ALL=C sort >> "$list"
done
n=$(wc -l < "$list" | tr -d ' ')
if [ "$n" -eq 0 ]; then
	echo "replay-corpus: no inputs for $t in $srcdir/corpus/$t/ or $srcdir/corpus/regressions/$t/: SKIP"
	exit 77
fi
echo "replay-corpus: $n input(s) through $prog"
# Files only (a directory argument would make a libFuzzer build fuzz it);
# paths have no newlines (corpus file names are hashes or plain words).
status=0
tr '\n' '\0' < "$list" | xargs -0 -n 200 "$prog" || status=$?
if [ "$status" -ne 0 ]; then
	echo "replay-corpus: $t FAILED (status $status); rerun one input with: $prog FILE" >&2
	exit 1
fi
echo "replay-corpus: $t: $n input(s) OK"
exit 0
