#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# check-includes.sh - the tree's layering, checked from its sources:
#
#  1. the graph of `#include "..."` between the tree's own files has no
#     cycle (a header is resolved against the top directory, then
#     vsmmu/include, then the including file's directory);
#  2. the executor's files (docs/design.md, fuzz/exec_int.h) are layers:
#     each calls exec_* functions defined only in layers below it, so no two
#     of its files call each other, and only the top one (fuzz/exec.c)
#     includes the oracle's header.
#
#   sh scripts/check-includes.sh [TOPDIR]   (default: the tree this script is in)
#
# Prints each cycle or layering break and exits 1; exits 0 when there is
# none (a line says how many files and edges were read).
set -u
top=${1:-$(dirname "$0")/..}
cd "$top" || exit 2
LC_ALL=C
export LC_ALL

list() {
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git ls-files -- '*.c' '*.h'
	else
		find . \( -name .git -o -name autom4te.cache -o -name build-aux \) -prune -o \
			-type f \( -name '*.c' -o -name '*.h' \) -print | sed 's|^\./||'
	fi
}

files=$(list | sort)
status=0

# ---- 1. include cycles ----------------------------------------------------
# One line per edge: "from to".
edges=$(for f in $files; do
	d=$(dirname "$f")
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" |
	while IFS= read -r inc; do
		for cand in "$inc" "vsmmu/include/$inc" "$d/$inc"; do
			if [ -f "$cand" ]; then
				printf '%s %s\n' "$f" "$(printf '%s' "$cand" | sed 's|^\./||')"
				break
			fi
		done
	done
done)

cycles=$(printf '%s\n' "$edges" | awk '
	NF == 2 { n[$1]++; adj[$1, n[$1]] = $2; node[$1] = 1; node[$2] = 1 }
	function visit(v,    i, w, k, path) {
		state[v] = 1; stack[++depth] = v
		for (i = 1; i <= n[v]; i++) {
			w = adj[v, i]
			if (state[w] == 1) {
				path = w
				for (k = depth; k >= 1 && stack[k] != w; k--)
					path = stack[k] " -> " path
				print w " -> " path
				found++
			} else if (state[w] == 0)
				visit(w)
		}
		depth--; state[v] = 2
	}
	END {
		for (v in node) state[v] = 0
		for (v in node) if (state[v] == 0) visit(v)
		exit found ? 1 : 0
	}') || true
if [ -n "$cycles" ]; then
	printf '%s\n' "$cycles" | sed 's/^/check-includes: include cycle: /'
	status=1
fi
nedges=$(printf '%s\n' "$edges" | grep -c ' ' || true)

# ---- 2. the executor's layers, bottom first --------------------------------
layers="fuzz/exec_names.c fuzz/exec_cpu.c fuzz/exec_base.c fuzz/exec_guest.c fuzz/exec_stmt.c fuzz/exec_trace.c fuzz/exec.c"
for f in $layers; do
	if [ ! -f "$f" ]; then
		echo "check-includes: executor layer $f is missing (update this list and docs/design.md)"
		status=1
	fi
done
# exec_* functions defined (at the start of a line, not static) per file.
defs=$(for f in $layers; do
	[ -f "$f" ] || continue
	sed -n 's/^[a-z][a-z0-9_ *]*[ *]\(exec_[a-z0-9_]*\)(.*/\1/p' "$f" | sed "s|^|$f |"
done)
rank=0
for f in $layers; do
	rank=$((rank + 1))
	[ -f "$f" ] || continue
	# Every call of an exec_* function defined in another layer file.
	for fn in $(grep -o '\bexec_[a-z0-9_]*(' "$f" | tr -d '(' | sort -u); do
		owner=$(printf '%s\n' "$defs" | awk -v fn="$fn" '$2 == fn { print $1; exit }')
		[ -n "$owner" ] && [ "$owner" != "$f" ] || continue
		orank=0 i=0
		for l in $layers; do
			i=$((i + 1))
			[ "$l" = "$owner" ] && orank=$i
		done
		if [ "$orank" -gt "$rank" ]; then
			echo "check-includes: $f calls $fn of $owner, a layer above it"
			status=1
		fi
	done
	if [ "$f" != fuzz/exec.c ] && grep -q '#include "fuzz/oracle' "$f"; then
		echo "check-includes: $f includes the oracle: only the run (fuzz/exec.c) may"
		status=1
	fi
done
if grep -q '#include "fuzz/oracle' fuzz/exec_int.h; then
	echo "check-includes: fuzz/exec_int.h includes the oracle: only the run (fuzz/exec.c) may"
	status=1
fi

nfiles=$(printf '%s\n' "$files" | grep -c . || true)
if [ "$status" -eq 0 ]; then
	echo "check-includes: $nfiles files, $nedges include edges, no cycle; executor layers in order"
fi
exit "$status"
