#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# check-refs.sh - the tree refers to no document outside it: list every line
# that names a Markdown document this tree does not hold (or any path under a
# shared/ or /work/ directory), and every mention of a docs/*.md page that
# does not exist. Exit 1 if there is any, 0 otherwise.
#
#   sh scripts/check-refs.sh [TOPDIR]     (default: the tree this script is in)
#
# The contracts live in docs/scenario-language.md and docs/invariants.md; the
# architecture is cited as the Arm SMMUv3 specification (IHI 0070) with
# section numbers.
set -u
top=${1:-$(dirname "$0")/..}
cd "$top" || exit 2

list() {
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git ls-files
	else
		find . \( -name .git -o -name autom4te.cache -o -name build-aux \) -prune -o -type f -print |
			sed 's|^\./||'
	fi
}

# Text files only: sources, build files, docs, scenarios, scripts.
files=$(list | grep -E '\.(c|h|sh|mk|am|ac|in|md|scn|1)$|(^|/)(Makefile\.am|configure\.ac|LICENSE|run)$' |
	grep -v '^corpus/.*\.bin$' | grep -v '^scripts/check-refs\.sh$' | LC_ALL=C sort)
all=$(list)
bad=0
# Paths into another tree (a shared/ or /work/ directory), and section
# numbers of notes rather than of the specification.
# shellcheck disable=SC2086
out=$(grep -n -E '(^|[^A-Za-z0-9_])shared/|/work/|\bref(\.| section) [0-9]' $files 2>/dev/null)
if [ -n "$out" ]; then
	echo "$out"
	bad=$((bad + $(echo "$out" | wc -l)))
fi
# Every Markdown document named anywhere is a file of this tree (or one
# that a tool of the tree writes: make detect's results table).
generated='table.md'
# shellcheck disable=SC2086
for n in $(grep -o -h -E '[A-Za-z0-9_-]+\.md\b' $files 2>/dev/null | LC_ALL=C sort -u); do
	case " $generated " in *" $n "*) continue ;; esac
	if ! printf '%s\n' "$all" | grep -q -E "(^|/)$n\$"; then
		grep -n -F "$n" $files | sed "s|\$|    <- no $n in this tree|"
		bad=$((bad + 1))
	fi
done
# shellcheck disable=SC2086
for d in $(grep -o -h -E '(^|[^/A-Za-z0-9_.-])docs/[a-z0-9_-]+\.md' $files 2>/dev/null |
	sed 's|^[^d]||' | LC_ALL=C sort -u); do
	if [ ! -f "$d" ]; then
		grep -n -F "$d" $files | sed "s|\$|    <- $d does not exist|"
		bad=$((bad + 1))
	fi
done
if [ "$bad" -ne 0 ]; then
	echo "check-refs: $bad reference(s) to documents outside the tree or missing" >&2
	exit 1
fi
echo "check-refs: no reference to a document outside the tree"
exit 0
