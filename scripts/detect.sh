#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# detect.sh - `make detect`: prove the suite finds bugs (docs/detect.md).
#
# For every planted defect (vsmmu/defect.h VS_DEFECT_LIST, then the
# platform's PLAT_BUG_* of inject/platform.h) run the detect twins of the
# fuzz targets (fuzz/detect/T) with that one defect planted, for at most
# --seconds in total on one core:
#   1. replay the committed seeds and regressions of every target (libFuzzer
#      runs its corpus first; -runs=0 stops right after it);
#   2. fuzz the targets in turn, each for an equal share of what is left,
#      until one crashes or the time is up. No -jobs/-workers: one process
#      at a time per defect; --jobs N runs N defects side by side.
# A defect is found when a twin dies; the check that fired is read from its
# output: the oracle's "ISOLATION VIOLATION [In]", or the sanitizer, assert
# or libFuzzer kind. Prints
#   bug | found | seconds | check that fired
# and a summary line; per-defect logs and crash inputs go to
# RESULTS/detect-<timestamp>/<bug>/. The pseudo-defect NONE (no defect) may
# be named to check the driver's "not found" path.
#
#   detect.sh --srcdir DIR --builddir DIR --engine ENGINE [--seconds S]
#             [--jobs N] [--results DIR] [--targets "fuzz_T ..."]
#             [--replay-only] [NAME...]
#
# Exit: 0 every defect found, 1 some defect not found, 2 setup error (bad
# usage, missing binaries, unknown name, or the variant without any defect
# crashing on the seeds, which would make every "found" meaningless).
set -u

srcdir=.
builddir=.
engine=libfuzzer
seconds=60
jobs=1
results=results
targets="fuzz_mmio fuzz_prog fuzz_cmdq fuzz_strtab fuzz_faults fuzz_evtq fuzz_dma fuzz_system"
replay_only=0
names=()

die() { echo "detect: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
	case "$1" in
	--srcdir) srcdir=$2; shift 2 ;;
	--builddir) builddir=$2; shift 2 ;;
	--engine) engine=$2; shift 2 ;;
	--seconds) seconds=$2; shift 2 ;;
	--jobs) jobs=$2; shift 2 ;;
	--results) results=$2; shift 2 ;;
	--targets) targets=$2; shift 2 ;;
	--replay-only) replay_only=1; shift ;;
	-h|--help) sed -n '4,29p' "$0"; exit 0 ;;
	-*) die "unknown option $1" ;;
	*) names+=("$1"); shift ;;
	esac
done
case "$seconds" in ''|*[!0-9]*) die "--seconds: a whole number, got '$seconds'" ;; esac
case "$jobs" in ''|*[!0-9]*|0) die "--jobs: a positive number, got '$jobs'" ;; esac
# Only libFuzzer fuzzes; any other engine's binaries can only replay.
case "$engine" in libfuzzer|external) fuzzing=1 ;; *) fuzzing=0 ;; esac
[ "$fuzzing" = 1 ] || replay_only=1

# ---- the defects: NAME -> listed check and kind ---------------------------
declare -A listed kind
order=()
defect_h="$srcdir/vsmmu/defect.h"
platform_h="$srcdir/inject/platform.h"
[ -f "$defect_h" ] && [ -f "$platform_h" ] || die "no $defect_h or $platform_h (--srcdir)"
while IFS='|' read -r n inv; do
	[ -n "$n" ] || continue
	listed[$n]=$inv; kind[$n]=vsmmu; order+=("$n")
done < <(sed -n 's/^[[:space:]]*X(\([A-Z0-9_]*\), *"\([^"]*\)",.*/\1|\2/p' "$defect_h")
while IFS='|' read -r n inv; do
	[ -n "$n" ] || continue
	[ -z "${kind[$n]:-}" ] || die "$n is both a libvsmmu defect and a platform bug"
	listed[$n]=$inv; kind[$n]=plat; order+=("$n")
done < <(sed -n 's/^[[:space:]]*PLAT_BUG_\([A-Z0-9_]*\)[[:space:]]*=[[:space:]]*1u.*\/\*[[:space:]]*\(I[0-9]*\):.*/\1|\2/p' "$platform_h")
[ "${#order[@]}" -gt 0 ] || die "no defects found in $defect_h"
listed[NONE]=-; kind[NONE]=none
if [ "${#names[@]}" -eq 0 ]; then
	names=("${order[@]}")
fi
for n in "${names[@]}"; do
	[ -n "${kind[$n]:-}" ] || die "unknown defect '$n' (see $defect_h, $platform_h)"
done

for t in $targets; do
	[ -x "$builddir/fuzz/detect/$t" ] || die "$builddir/fuzz/detect/$t is not built (make detect-programs)"
done

now() {
	if [ -n "${EPOCHREALTIME:-}" ]; then echo "$EPOCHREALTIME"; else date +%s.%N; fi
}
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$results/detect-$stamp"
mkdir -p "$out" || die "cannot create $out"
out=$(cd "$out" && pwd)

# The check a dead twin's output names.
classify() {
	local log=$1 m
	m=$(grep -o 'ISOLATION VIOLATION \[I[0-9]*\]' "$log" | head -n 1)
	if [ -n "$m" ]; then
		m=${m#*[}; echo "${m%]}"; return
	fi
	m=$(grep -m 1 'runtime error:' "$log")
	if [ -n "$m" ]; then
		case "$m" in
		*"shift exponent"*) echo "UBSan shift-exponent" ;;
		*"left shift"*) echo "UBSan shift-base" ;;
		*"out of bounds"*) echo "UBSan out-of-bounds" ;;
		*overflow*) echo "UBSan integer-overflow" ;;
		*misaligned*) echo "UBSan alignment" ;;
		*"null pointer"*) echo "UBSan null" ;;
		*) echo "UBSan undefined-behavior" ;;
		esac
		return
	fi
	m=$(grep -o -m 1 'ERROR: AddressSanitizer: [a-z-]*' "$log")
	if [ -n "$m" ]; then echo "ASan ${m##* }"; return; fi
	if grep -q 'ERROR: LeakSanitizer' "$log"; then echo "LSan leak"; return; fi
	if grep -q 'Assertion .* failed' "$log"; then echo "assert"; return; fi
	if grep -q 'ERROR: libFuzzer: timeout' "$log"; then echo "timeout"; return; fi
	if grep -q 'ERROR: libFuzzer: out-of-memory' "$log"; then echo "oom"; return; fi
	if grep -q 'ERROR: libFuzzer: deadly signal' "$log"; then echo "signal"; return; fi
	echo "crash"
}

# Run one twin; 0 = it survived, 1 = it died (a finding), 2 = setup error.
twin() {
	local n=$1 t=$2 log=$3 rc
	shift 3
	# (the group also catches bash's own "Aborted" notice of a dead twin)
	{ (
		unset VSMMU_DEFECT VSMMU_PLAT_BUG
		case "${kind[$n]}" in
		vsmmu) export VSMMU_DEFECT=$n ;;
		plat) export VSMMU_PLAT_BUG=$n ;;
		esac
		export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
		exec "$builddir/fuzz/detect/$t" "$@"
	); } >>"$log" 2>&1
	rc=$?
	if [ "$rc" -eq 99 ]; then return 2; fi
	[ "$rc" -eq 0 ] && return 0
	return 1
}

# Seed and regression directories of target t.
seeds_of() {
	local t=$1
	[ -d "$srcdir/corpus/$t" ] && echo "$srcdir/corpus/$t"
	[ -d "$srcdir/corpus/regressions/$t" ] && echo "$srcdir/corpus/regressions/$t"
}

# One defect: writes "found|seconds|check|target" to $dir/result. With a
# second argument "seeds" it only replays (the control).
run_one() {
	local n=$1 only=${2:-} dir="$out/$1" start t found=no check=- where=- rc left share ntl log
	local -a seeds ts
	mkdir -p "$dir/crashes" "$dir/scratch"
	log="$dir/log"
	: >"$log"
	start=$(now)
	read -r -a ts <<<"$targets"
	for t in "${ts[@]}"; do
		mapfile -t seeds < <(seeds_of "$t")
		echo "== $n: $t: seeds and regressions" >>"$log"
		if [ "$fuzzing" = 1 ]; then
			twin "$n" "$t" "$log" -runs=0 -timeout=10 -artifact_prefix="$dir/crashes/$t-" "${seeds[@]}"
		else
			twin "$n" "$t" "$log" "${seeds[@]}"
		fi
		rc=$?
		[ "$rc" -eq 2 ] && { echo "error|$(elapsed "$start")|setup error, see $log|$t" >"$dir/result"; return; }
		if [ "$rc" -eq 1 ]; then found=yes; where="$t (seeds)"; break; fi
	done
	if [ "$found" = no ] && [ "$replay_only" = 0 ] && [ "$only" != seeds ]; then
		ntl=${#ts[@]}
		for t in "${ts[@]}"; do
			left=$(awk -v s="$seconds" -v e="$(elapsed "$start")" 'BEGIN { printf "%d", s - e }')
			[ "$left" -ge 1 ] || break
			# About a second of each run goes to start-up, corpus load and
			# exit: keep one per target still to run.
			share=$(( (left - ntl) / ntl ))
			[ "$share" -ge 1 ] || share=1
			ntl=$((ntl - 1))
			mapfile -t seeds < <(seeds_of "$t")
			mkdir -p "$dir/scratch/$t"
			echo "== $n: $t: fuzzing for ${share}s" >>"$log"
			twin "$n" "$t" "$log" -max_total_time="$share" -timeout=10 -print_final_stats=1 \
				-artifact_prefix="$dir/crashes/$t-" "$dir/scratch/$t" "${seeds[@]}"
			rc=$?
			[ "$rc" -eq 2 ] && { echo "error|$(elapsed "$start")|setup error, see $log|$t" >"$dir/result"; return; }
			if [ "$rc" -eq 1 ]; then found=yes; where=$t; break; fi
		done
	fi
	[ "$found" = yes ] && check=$(classify "$log")
	# The scratch corpora are not results; the crash inputs are.
	rm -rf "$dir/scratch"
	echo "$found|$(elapsed "$start")|$check|$where" >"$dir/result"
	if [ "$found" = yes ]; then
		{
			echo "== found by $where: $check"
			for f in "$dir"/crashes/*; do
				[ -f "$f" ] || continue
				case "${kind[$n]}" in
				vsmmu) echo "replay: VSMMU_DEFECT=$n $builddir/fuzz/vsmmu-run-defects --target ${where%% *} $f" ;;
				plat) echo "replay: VSMMU_PLAT_BUG=$n $builddir/fuzz/detect/${where%% *} $f" ;;
				esac
			done
		} >>"$log"
	fi
}

# ---- the control: no defect, the seeds must all pass ----------------------
echo "detect: ${#names[@]} defect(s), at most ${seconds}s each ($([ "$replay_only" = 1 ] && echo "seeds only" || echo "seeds, then fuzzing")), $jobs at a time; targets: $targets"
echo "detect: results in $out"
run_one NONE seeds
IFS='|' read -r cfound _ _ cwhere <"$out/NONE/result"
if [ "$cfound" != no ]; then
	die "the test variant without any defect fails on the seeds ($cwhere): see $out/NONE/log"
fi
control_dir="$out/control"
mv "$out/NONE" "$control_dir"

# ---- the defects, --jobs at a time -----------------------------------------
running=0
for n in "${names[@]}"; do
	if [ "$running" -ge "$jobs" ]; then
		wait -n
		running=$((running - 1))
	fi
	run_one "$n" &
	running=$((running + 1))
done
wait

# ---- the table -------------------------------------------------------------
table="$out/table.md"
nfound=0 nmiss=0 nother=0 nerr=0 maxs=0.0
{
	echo "| bug | found | seconds | check that fired |"
	echo "|---|---|---|---|"
	for n in "${names[@]}"; do
		IFS='|' read -r f s c w <"$out/$n/result"
		cell=$c
		case "$f" in
		yes)
			nfound=$((nfound + 1))
			maxs=$(awk -v a="$maxs" -v b="$s" 'BEGIN { printf "%.1f", (b + 0 > a + 0) ? b : a }')
			exp=${listed[$n]}
			if [ "$exp" = crash ]; then
				case "$c" in I[0-9]*) cell="$c (listed: crash)"; nother=$((nother + 1)) ;; esac
			elif [ "$c" != "$exp" ]; then
				cell="$c (listed: $exp)"; nother=$((nother + 1))
			fi
			cell="$cell, by $w"
			;;
		no) nmiss=$((nmiss + 1)) ;;
		*) nerr=$((nerr + 1)) ;;
		esac
		echo "| $n | $f | $s | $cell |"
	done
} >"$table"
cat "$table"
summary="detect: $nfound/${#names[@]} found (at most ${seconds}s each; slowest find ${maxs}s)"
[ "$nother" -gt 0 ] && summary="$summary; $nother by another check than listed"
[ "$nmiss" -gt 0 ] && summary="$summary; NOT FOUND: $nmiss"
[ "$nerr" -gt 0 ] && summary="$summary; ERRORS: $nerr"
echo "$summary" | tee -a "$table"
[ "$nerr" -gt 0 ] && exit 2
[ "$nmiss" -gt 0 ] && exit 1
exit 0
