#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# corpus-min.sh - `make corpus-min`: minimise each target's persistent
# corpus (libFuzzer -merge=1 of CORPUS/T into a fresh directory: the
# smallest set of inputs with the same coverage), at most S seconds per
# target. The old corpus is replaced only when the merge finished; a merge
# cut short by the time bound leaves it as it was. Run from a libFuzzer
# build directory:
#   corpus-min.sh [--seconds S] [--corpus DIR] TARGET...
set -u
seconds=300 root=corpus-live
while [ $# -gt 0 ]; do
	case $1 in
	--seconds) seconds=$2; shift 2 ;;
	--corpus) root=$2; shift 2 ;;
	*) break ;;
	esac
done
case $seconds in ''|*[!0-9]*|0) echo "corpus-min: --seconds wants a positive number" >&2; exit 2 ;; esac
[ $# -gt 0 ] || { echo "usage: corpus-min.sh [--seconds S] [--corpus DIR] TARGET..." >&2; exit 2; }
status=0
for t in "$@"; do
	d="$root/$t"
	if [ ! -d "$d" ]; then echo "corpus-min: $t: no corpus in $d/ (make fuzz grows it)"; continue; fi
	before=$(find "$d" -maxdepth 1 -type f | wc -l | tr -d ' ')
	rm -rf "$d.min" && mkdir -p "$d.min" || exit 1
	if timeout -k 5 "$seconds" "./fuzz/$t" -merge=1 -rss_limit_mb=2048 -timeout=10 \
		"$d.min" "$d" > "$root/$t.min.log" 2>&1 < /dev/null; then
		after=$(find "$d.min" -maxdepth 1 -type f | wc -l | tr -d ' ')
		if [ "$after" -eq 0 ] && [ "$before" -gt 0 ]; then
			echo "corpus-min: $t: the merge kept nothing, corpus left as it was (see $root/$t.min.log)"
			rm -rf "$d.min"; status=1; continue
		fi
		rm -rf "$d" && mv "$d.min" "$d"
		echo "corpus-min: $t: $before -> $after inputs"
	else
		rm -rf "$d.min"
		echo "corpus-min: $t: merge did not finish in ${seconds}s; corpus left as it was ($before inputs, see $root/$t.min.log)"
		status=1
	fi
done
exit "$status"
