#!/bin/bash
# SPDX-License-Identifier: BSD-2-Clause
# fuzz-bench.sh - exec/s of the fuzz targets next to an empty harness built
# the same way, measured in the same run (make fuzz-bench; see
# docs/performance.md). Run from a build tree configured with
# --enable-fuzzing=libfuzzer (or afl).
#
#   fuzz-bench.sh [--srcdir DIR] [--engine libfuzzer|afl] [--runs N]
#                 [--afl DIR|no] [TARGET...]
#
# libFuzzer: each target runs N inputs (-runs=N, its fuzz/T.options
# -max_len, -seed=1) starting from its committed seeds (corpus/T,
# corpus/regressions/T; new units go to a scratch directory, never into the
# source tree); bench/fuzz-empty runs 100*N inputs from fuzz_mmio's seeds.
# exec/s = runs / wall time of the process (start-up, i.e. the prologue and
# the snapshot, included), and runs / CPU time (user + system) of it, which
# a shared machine disturbs less. Peak RSS from -print_final_stats (the empty
# harness's from a second run of N inputs); a second pass of N inputs with
# ASAN_OPTIONS=quarantine_size_mb=0 gives the RSS without what ASan's
# quarantine holds of memory libFuzzer freed (it grows with the units a
# target adds to its corpus; an empty harness adds none).
# AFL++ (when afl-clang-fast exists, or --afl DIR names an afl build tree):
# afl-fuzz -E 2*N per target and 20*N for bench/fuzz-empty (AFL++'s
# persistent shared-memory loop, fuzz/afl_main.c, around an empty body);
# exec/s from afl-fuzz's fuzzer_stats (execs_done / run_time, start-up and
# calibration included). AFL++ reports no RSS for a persistent target that
# never exits, so none is printed.
# After libFuzzer's sessions, fixed inputs: the stable comparison (a
# session's inputs depend on its coverage, so two trees or two settings do
# not run the same ones): every committed input of the target replayed R
# times (R * inputs about N; -runs=R FILES: no mutation, start-up
# included), exec/CPU-s with the oracle and with it detached
# (VSMMU_FUZZ_BENCH_NO_ORACLE=1: no check at all, never a way to fuzz):
# what the target costs without its checks, the most a cheaper oracle
# could give back.
# The machine may be shared: only ratios measured in the same run mean much.
set -u
fo_prog=fuzz-bench
# shellcheck source=scripts/fuzz-options.sh
. "$(dirname "$0")/../scripts/fuzz-options.sh"
runs=20000 afl=
targets=()
while [ $# -gt 0 ]; do
	fo_opt "$@"
	if [ "$fo_shift" -gt 0 ]; then shift "$fo_shift"; continue; fi
	case $1 in
	--runs|--afl) [ $# -ge 2 ] || fo_usage "$1 wants a value" ;;
	esac
	case $1 in
	--runs) runs=$2; shift 2 ;;
	--afl) afl=$2; shift 2 ;;
	-h|--help) sed -n '3,30p' "$0"; exit 0 ;;
	-*) fo_usage "unknown option $1" ;;
	*) targets+=("$1"); shift ;;
	esac
done
fo_opt_done
srcdir=$fo_srcdir engine=$fo_engine
[ ${#targets[@]} -gt 0 ] || read -r -a targets <<< "$(fo_default_targets)"
case $runs in ''|*[!0-9]*) fo_usage "--runs must be a number" ;; esac
build=$(pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/fuzz-bench.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
status=0
lf_asan=

now_ns() { date +%s%N; }

# Prints "EXECS_PER_WALL_SEC PEAK_RSS_MB EXECS_PER_CPU_SEC" for one
# libFuzzer binary (CPU = user + system time of the process: on a shared
# machine the wall clock also counts other processes' time).
lf_run() { # binary seeds-of-target runs max_len
	local bin=$1 t=$2 n=$3 ml=$4 dir="$scratch/lf-$(basename "$1")-$2-$3${lf_asan:+-q}" log t0 t1 rss cpu
	local seeds rc
	mkdir -p "$dir/new"
	mapfile -t seeds < <(fo_seed_dirs "$t")
	log="$dir/log"
	t0=$(now_ns)
	{ TIMEFORMAT='%U %S'; time ASAN_OPTIONS="${lf_asan:-${ASAN_OPTIONS:-}}" "$bin" -runs="$n" -max_len="$ml" \
		-seed=1 -print_final_stats=1 -rss_limit_mb=4096 -artifact_prefix="$dir/" "$dir/new" "${seeds[@]}" \
		> "$log" 2>&1 < /dev/null; } 2> "$dir/cpu"
	rc=$?
	t1=$(now_ns)
	if [ $rc -ne 0 ]; then
		echo "fuzz-bench: $bin failed; see below" >&2
		tail -n 20 "$log" >&2
		status=1
	fi
	rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)
	cpu=$(awk '{ print $1 + $2 }' "$dir/cpu")
	awk -v n="$n" -v ns=$((t1 - t0)) -v rss="${rss:-?}" -v cpu="${cpu:-0}" \
		'BEGIN { printf "%.0f %s %.0f\n", n / (ns / 1e9), rss, (cpu > 0 ? n / cpu : 0) }'
}

# Prints "WITH DETACHED": exec/CPU-s of the committed inputs of a target
# replayed R times each, with the oracle and without (same inputs).
replay_pair() { # binary target runs
	local bin=$1 t=$2 n=$3 files=() r out=
	mapfile -t files < <(fo_seed_dirs "$t" | while IFS= read -r d; do
		find "$d" -type f ! -name 'README*' ! -name '.*'; done | LC_ALL=C sort)
	[ ${#files[@]} -gt 0 ] || { echo "0 0"; return; }
	r=$(( n / ${#files[@]} ))
	[ "$r" -ge 1 ] || r=1
	for x in "" 1; do
		{ TIMEFORMAT='%U %S'; time VSMMU_FUZZ_BENCH_NO_ORACLE=$x "$bin" -runs="$r" "${files[@]}" \
			> "$scratch/replay.log" 2>&1 < /dev/null; } 2> "$scratch/replay.cpu" ||
			{ echo "fuzz-bench: replaying $t's inputs failed; see below" >&2
			  tail -n 20 "$scratch/replay.log" >&2; status=1; }
		out="$out $(awk -v n=$(( r * ${#files[@]} )) '{ c = $1 + $2; printf "%.0f", (c > 0 ? n / c : 0) }' \
			"$scratch/replay.cpu")"
	done
	# A target without an oracle (fuzz_scenario checks the language's
	# round trips) never says it detached one.
	grep -q 'VSMMU_FUZZ_BENCH_NO_ORACLE is set' "$scratch/replay.log" || out="${out% *} -"
	echo $out
}

# Prints "EXECS_PER_SEC PEAK_RSS_MB" for one AFL++ binary.
afl_run() { # binary seeds-of-target execs
	local bin=$1 t=$2 n=$3 dir="$scratch/afl-$(basename "$1")-$2" stats
	fo_copy_seeds "$t" "$dir/in"
	AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
	AFL_FAST_CAL=1 AFL_QUIET=1 AFL_SKIP_CRASHES=1 AFL_NO_CRASH_README=1 \
		afl-fuzz -i "$dir/in" -o "$dir/out" -m none -t 1000+ -E "$n" -s 1 -- "$bin" \
		> "$dir/log" 2>&1 < /dev/null
	stats="$dir/out/default/fuzzer_stats"
	if [ ! -f "$stats" ]; then
		echo "fuzz-bench: afl-fuzz $bin did not run; see below" >&2
		tail -n 20 "$dir/log" >&2
		status=1
		echo "0 ?"
		return
	fi
	awk -F' *: *' '$1 == "execs_per_sec" { e = $2 } END { printf "%.0f n/a\n", e }' "$stats"
}

row() { # name execs rss empty_execs empty_rss [cpu_execs empty_cpu_execs]
	awk -v t="$1" -v e="$2" -v r="$3" -v ee="$4" -v er="$5" -v c="${6:-}" -v ec="${7:-}" 'BEGIN {
		ratio = ee > 0 ? 100 * e / ee : 0
		line = sprintf("  %-12s %10d exec/s  %8.3f %% of empty", t, e, ratio)
		if (c != "")
			line = line sprintf("  | %9d exec/CPU-s %8.3f %%", c, (ec > 0 ? 100 * c / ec : 0))
		if (er + 0 > 0 && r + 0 > 0)
			line = line sprintf("  | peak RSS %4s MB (%.2fx)", r, r / er)
		print line
	}'
}

bench_libfuzzer() {
	local empty t res
	[ -x "$build/bench/fuzz-empty" ] || { echo "fuzz-bench: bench/fuzz-empty is not built" >&2; exit 2; }
	echo "libFuzzer ($(uname -m), $(nproc) cpu(s), $(date -u '+%Y-%m-%d %H:%M UTC')), $runs runs per target:"
	# exec/s over 100 N runs (N would take milliseconds); peak RSS over N
	# runs, as the targets' (libFuzzer's own RSS grows with the run count).
	read -r ee _ ec < <(lf_run "$build/bench/fuzz-empty" fuzz_mmio $((runs * 100)) 2048)
	read -r _ er _ < <(lf_run "$build/bench/fuzz-empty" fuzz_mmio "$runs" 2048)
	printf "  %-12s %10d exec/s  (%d runs)  | %9d exec/CPU-s  | peak RSS %s MB (%d runs)\n" empty "$ee" \
		$((runs * 100)) "$ec" "$er" "$runs"
	for t in "${targets[@]}"; do
		read -r e r c < <(lf_run "$build/fuzz/$t" "$t" "$runs" "$(fo_max_len "$t")")
		row "$t" "$e" "$r" "$ee" "$er" "$c" "$ec"
	done
	# The floor: no oracle (fuzz/exec.h no_oracle), i.e. libvsmmu, the
	# hardware models, the executor, decoding and restoring alone.
	echo "Fixed inputs (the committed ones, each replayed about $runs/inputs times), exec/CPU-s:"
	for t in "${targets[@]}"; do
		read -r c cx < <(replay_pair "$build/fuzz/$t" "$t" "$runs")
		awk -v t="$t" -v c="$c" -v x="$cx" 'BEGIN {
			if (x == "-")
				printf "  %-12s %9d (the target has no oracle)\n", t, c
			else
				printf "  %-12s %9d with the oracle  | %9d with it detached (%.2fx)\n", t, c, x,
					(c > 0 ? x / c : 0) }'
	done
	echo "libFuzzer peak RSS without ASan's quarantine (quarantine_size_mb=0), $runs runs:"
	lf_asan="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0"
	read -r _ er _ < <(lf_run "$build/bench/fuzz-empty" fuzz_mmio "$runs" 2048)
	printf "  %-12s peak RSS %5s MB\n" empty "$er"
	for t in "${targets[@]}"; do
		read -r _ r _ < <(lf_run "$build/fuzz/$t" "$t" "$runs" "$(fo_max_len "$t")")
		awk -v t="$t" -v r="$r" -v er="$er" 'BEGIN {
			printf "  %-12s peak RSS %5s MB (%.2fx empty)\n", t, r, (er > 0 ? r / er : 0) }'
	done
	lf_asan=
}

bench_afl() { # build tree
	local b=$1 t
	echo "AFL++ persistent mode ($b), $((runs * 2)) execs per target:"
	read -r ee er < <(afl_run "$b/bench/fuzz-empty" fuzz_mmio $((runs * 20)))
	printf "  %-12s %10d exec/s  (%d execs)\n" empty "$ee" $((runs * 20))
	for t in "${targets[@]}"; do
		read -r e r < <(afl_run "$b/fuzz/$t" "$t" $((runs * 2)))
		row "$t" "$e" "$r" "$ee" "$er"
	done
}

case $engine in
libfuzzer) bench_libfuzzer ;;
afl) bench_afl "$build"; afl=no ;;
esac

# AFL++ next to libFuzzer: a separate build tree with afl-clang-fast.
if [ "$afl" != no ]; then
	if [ -z "$afl" ] && command -v afl-clang-fast > /dev/null 2>&1; then
		afl="$build/fuzz-bench-afl"
		if [ ! -x "$afl/fuzz/fuzz_mmio" ] || [ ! -x "$afl/bench/fuzz-empty" ]; then
			echo "fuzz-bench: building the AFL++ tree in $afl (once)" >&2
			mkdir -p "$afl"
			( cd "$afl" && "$srcdir/configure" CC=afl-clang-fast --enable-fuzzing=afl \
				--enable-sanitizers > configure.log 2>&1 &&
			  AFL_QUIET=1 make -j2 fuzz-programs bench/fuzz-empty > make.log 2>&1 ) ||
				{ echo "fuzz-bench: AFL++ build failed (see $afl/*.log)" >&2; exit 1; }
		fi
	fi
	if [ -n "$afl" ]; then
		command -v afl-fuzz > /dev/null 2>&1 || { echo "fuzz-bench: afl-fuzz not found" >&2; exit 1; }
		bench_afl "$afl"
	else
		echo "AFL++: afl-clang-fast not found, skipped"
	fi
fi
exit $status
