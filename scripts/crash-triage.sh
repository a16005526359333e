#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# crash-triage.sh - `make reproduce` and `make minimize` (docs/fuzzing.md
# "Triage"). Run from the build directory:
#
#   crash-triage.sh reproduce [--target T] [--times N] CRASH
#       Replays CRASH N times (default 10) and prints its signature
#       (scripts/crash-signature.sh) each time. Exit 0 when every run gave
#       the same signature and it is a failure; 1 otherwise.
#   crash-triage.sh minimize [--target T] [--seconds S] [--out FILE] CRASH
#       Prints CRASH as a scenario (vsmmu-run --print --target T) and removes
#       statements while the bug stays the same (the signature's key,
#       crash-signature.sh --key: WHAT and WHERE exactly, and OP too when
#       WHERE is -; so the result cannot drift to another bug, while the
#       statement the check fires after may change), for at most S seconds
#       (default 300); then prints the smallest scenario found and writes
#       it to FILE (default CRASH.min.scn). vsmmu-run FILE replays it.
#       fuzz_scenario (no world: its inputs test the parser and the codec)
#       minimises the input itself: lines of a text, chunks of bytes
#       otherwise; FILE (default CRASH.min) replays with ./fuzz/fuzz_scenario.
#
# T defaults to the directory above crashes/ in CRASH's path
# (results/<run>/T/crashes/crash-...); a scenario (.scn, or a file whose
# first line has "# fuzz-target:") runs as it is. PROG (environment) is the vsmmu-run to use (default
# ./fuzz/vsmmu-run; ./fuzz/vsmmu-run-defects with VSMMU_DEFECT=NAME).
set -u
here=$(dirname "$0")
sig="$here/crash-signature.sh"
prog=${PROG:-./fuzz/vsmmu-run}
mode=${1:-}
[ $# -gt 0 ] && shift
target= times=10 seconds=300 out=
while [ $# -gt 1 ]; do
	case $1 in
	--target) target=$2; shift 2 ;;
	--times) times=$2; shift 2 ;;
	--seconds) seconds=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	*) break ;;
	esac
done
crash=${1:-}
case $mode in reproduce|minimize) ;; *) sed -n '3,27p' "$0" >&2; exit 2 ;; esac
[ -n "$crash" ] && [ -r "$crash" ] || { echo "crash-triage: give a readable CRASH=file" >&2; exit 2; }
if [ -z "$target" ]; then
	d=$(dirname "$crash")
	[ "$(basename "$d")" = crashes ] && target=$(basename "$(dirname "$d")")
fi
[ "$target" = fuzz_scenario ] || [ -x "$prog" ] || { echo "crash-triage: $prog is not built (make fuzz/vsmmu-run)" >&2; exit 2; }
if [ -z "$target" ] && { head -n 1 "$crash" | grep -q '# fuzz-target: ' || case $crash in *.scn) true ;; *) false ;; esac; }; then
	target=text   # a scenario (a printed one carries its target)
fi
[ -n "$target" ] || { echo "crash-triage: cannot tell the target of $crash: give TARGET=fuzz_..." >&2; exit 2; }
targ() { if [ "$target" = text ]; then sh "$sig" --run "$prog" "$1"; else sh "$sig" --run "$prog" --target "$target" "$1"; fi; }

if [ "$mode" = reproduce ]; then
	case $times in ''|*[!0-9]*|0) echo "crash-triage: TIMES must be >= 1" >&2; exit 2 ;; esac
	first= ok=1 i=0
	while [ "$i" -lt "$times" ]; do
		i=$(( i + 1 ))
		s=$(targ "$crash") || exit 2
		echo "run $i/$times: $s"
		[ -n "$first" ] || first=$s
		[ "$s" = "$first" ] || ok=0
	done
	case $first in none*) echo "reproduce: $crash does not fail (target $target)"; exit 1 ;; esac
	if [ "$ok" = 1 ]; then
		echo "reproduce: same signature $times/$times times: $first"
		exit 0
	fi
	echo "reproduce: the signature changed between runs (not deterministic: a bug of its own)"
	exit 1
fi

# ---- minimize ---------------------------------------------------------------
case $seconds in ''|*[!0-9]*) echo "crash-triage: SECONDS must be a number" >&2; exit 2 ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/minimize.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
want=$(targ "$crash") || exit 2
case $want in none*) echo "minimize: $crash does not fail (target $target): nothing to minimize" >&2; exit 1 ;; esac
wantkey=$(sh "$sig" --key "$want")
echo "minimize: signature $want (kept while the bug is $wantkey)" >&2
deadline=$(( $(date +%s) + seconds ))

# halve FILE CUT KEEPS SIZE: remove chunks of halving size from FILE (CUT
# FILE FROM TO prints it without units FROM..TO, 1-based), keeping each
# removal for which KEEPS holds, until no single unit can go or the
# deadline passes. Sets n (the final size) and counts tests.
halve() {
	n=$($4 "$1")
	chunk=$(( n / 2 )); [ "$chunk" -ge 1 ] || chunk=1
	while :; do
		start=1 changed=0
		while [ "$start" -le "$n" ] && [ "$(date +%s)" -lt "$deadline" ]; do
			endl=$(( start + chunk - 1 ))
			$2 "$1" "$start" "$endl" > "$tmp/try"
			tests=$(( tests + 1 ))
			if [ -s "$tmp/try" ] && $3 "$tmp/try"; then
				mv "$tmp/try" "$1"
				n=$($4 "$1")
				changed=1
			else
				start=$(( endl + 1 ))
			fi
		done
		[ "$(date +%s)" -lt "$deadline" ] || { echo "minimize: time is up (${seconds}s), result may not be minimal" >&2; break; }
		if [ "$chunk" -gt 1 ]; then chunk=$(( chunk / 2 )); elif [ "$changed" = 0 ]; then break; fi
	done
}

if [ "$target" = fuzz_scenario ]; then
	# The input itself, by lines when it is text (as the parser reads it)
	# and by bytes otherwise; chunks of halving size, each removal kept
	# when the key stays.
	[ -n "$out" ] || out="$crash.min"
	cp "$crash" "$tmp/cur"
	unit=bytes
	LC_ALL=C grep -q '[^[:print:][:space:]]' "$crash" || unit=lines
	size() { if [ "$unit" = lines ]; then wc -l < "$1"; else wc -c < "$1"; fi | tr -d ' '; }
	cut_out() { # file from to -> the file without units from..to (1-based)
		if [ "$unit" = lines ]; then sed "$2,$3d" "$1"; else
			head -c "$(( $2 - 1 ))" "$1"; tail -c "+$(( $3 + 1 ))" "$1"; fi
	}
	keeps_bug() { [ "$(sh "$sig" --key "$(targ "$1" 2>/dev/null)")" = "$wantkey" ]; }
	n0=$(size "$tmp/cur") tests=0
	halve "$tmp/cur" cut_out keeps_bug size
	cp "$tmp/cur" "$out"
	got=$(targ "$out")
	echo "# minimized by make minimize from $crash ($n0 -> $n $unit, $tests runs)"
	echo "# signature: $got"
	if [ "$unit" = lines ]; then cat "$out"; elif [ -x "$prog" ]; then
		echo "# as the byte codec decodes it (vsmmu-run --print --bytes):"
		"$prog" --print --bytes "$out" 2>&1
	fi
	echo "minimize: $n0 -> $n $unit; written to $out (replay: ./fuzz/fuzz_scenario $out)" >&2
	exit 0
fi
[ -n "$out" ] || out="$crash.min.scn"
# The statements, one per line, comments dropped; the directive goes on a
# header line of its own so that any statement may be removed.
if [ "$target" = text ]; then
	t=$(head -n 1 "$crash" | sed -n 's/.*# fuzz-target: \([A-Za-z0-9_]*\).*/\1/p')
	sed -e 's/[ 	]*#.*$//' -e '/^[ 	]*$/d' "$crash" > "$tmp/stmts"
else
	t=$target
	"$prog" --print --target "$target" "$crash" > "$tmp/printed" || exit 2
	sed -e 's/[ 	]*#.*$//' -e '/^[ 	]*$/d' "$tmp/printed" > "$tmp/stmts"
fi
if [ -n "$t" ]; then hdr="# fuzz-target: $t"; else hdr="# scenario (minimized)"; fi
mk() { { echo "$hdr"; cat "$1"; } > "$2"; }
test_cand() { # stmts-file -> 0 when the candidate has the wanted bug (key)
	mk "$1" "$tmp/cand.scn"
	[ "$(sh "$sig" --key "$(sh "$sig" --run "$prog" "$tmp/cand.scn" 2>/dev/null)")" = "$wantkey" ]
}
if ! test_cand "$tmp/stmts"; then
	echo "minimize: the printed scenario does not give the same signature (got: $(sh "$sig" --run "$prog" "$tmp/cand.scn"))" >&2
	exit 1
fi
lines_of() { wc -l < "$1" | tr -d ' '; }
cut_lines() { sed "$2,$3d" "$1"; }
n0=$(lines_of "$tmp/stmts") tests=0
halve "$tmp/stmts" cut_lines test_cand lines_of
mk "$tmp/stmts" "$tmp/cand.scn"
got=$(sh "$sig" --run "$prog" "$tmp/cand.scn" 2>/dev/null)
{
	echo "$hdr"
	echo "# minimized by make minimize from $crash ($n0 -> $n statements, $tests runs)"
	echo "# signature: $got"
	cat "$tmp/stmts"
} > "$out"
cat "$out"
echo "minimize: $n0 -> $n statements; written to $out (replay: ./fuzz/vsmmu-run -v $out)" >&2
