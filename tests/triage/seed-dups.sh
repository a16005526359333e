#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# seed-dups.sh - no two committed inputs of one fuzz target are
# byte-identical (corpus/T/ and corpus/regressions/T/ together): a copy only
# runs the same program twice in every replay and campaign. Lists each pair.
set -u
srcdir=${srcdir:-.}
bad=0 n=0
for d in "$srcdir"/corpus/*/; do
	t=$(basename "$d")
	[ "$t" = regressions ] && continue
	list=$( { find "$srcdir/corpus/$t" "$srcdir/corpus/regressions/$t" -type f ! -name 'README*' ! -name '.*' 2>/dev/null; } |
		LC_ALL=C sort | while IFS= read -r f; do printf '%s %s\n' "$(cksum < "$f" | awk '{ print $1 "-" $2 }')" "$f"; done)
	n=$(( n + $(printf '%s\n' "$list" | grep -c .) ))
	dups=$(printf '%s\n' "$list" | awk '{ if ($1 in first) print "seed-dups: " first[$1] " and " $2 " are byte-identical"; else first[$1] = $2 }')
	if [ -n "$dups" ]; then
		# cksum collisions are possible: confirm with cmp
		printf '%s\n' "$dups" | while read -r _ a _ b _; do
			cmp -s "$a" "$b" && echo "seed-dups: $a and $b are byte-identical"
		done > "${TMPDIR:-/tmp}/seed-dups.$$"
		if [ -s "${TMPDIR:-/tmp}/seed-dups.$$" ]; then cat "${TMPDIR:-/tmp}/seed-dups.$$"; bad=1; fi
		rm -f "${TMPDIR:-/tmp}/seed-dups.$$"
	fi
done
echo "seed-dups: $n committed inputs checked"
[ "$n" -gt 0 ] || { echo "seed-dups: no inputs found under $srcdir/corpus" >&2; exit 1; }
exit "$bad"
