#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# fuzz-campaign.sh - the fuzzing campaign behind `make fuzz` (libFuzzer) and
# `make fuzz-afl` (AFL++). Run from the build directory:
#
#   fuzz-campaign.sh [--engine libfuzzer|afl] [--seconds N] [--srcdir DIR]
#                    [--results DIR] TARGET...
#
# N seconds in all (default 60) are split evenly across the targets, which
# run one after the other. Each starts from the committed seeds
# (SRCDIR/corpus/T and SRCDIR/corpus/regressions/T) and writes to
# RESULTS/<UTC timestamp>/T/ (RESULTS/latest points at the newest run):
#   corpus/      the working corpus (new inputs)
#   crashes/     inputs that failed: crash-*, leak-*, timeout-*, oom-* (libFuzzer)
#   afl/         afl-fuzz's output directory (AFL++)
#   fuzz.log     the engine's full output
# One live line per target while it runs; then a table and, for each failing
# input, the one-line command that reproduces it.
#
# Environment: FUZZ_MAX_LEN (bytes, default 16384), FUZZ_TIMEOUT (seconds per
# input, default 10), FUZZ_MAX_CRASHES (per target, default 5; libFuzzer stops
# at a crash and is restarted until the time is up or this many were kept).
# Exit status: 0 when the campaign ran (crashes are results, reported above),
# 1 when a target could not be run at all, 2 on usage errors.
set -u

engine=libfuzzer seconds=60 srcdir=. results=results
targets=()
while [ $# -gt 0 ]; do
	case $1 in
	--engine) engine=$2; shift 2 ;;
	--seconds) seconds=$2; shift 2 ;;
	--srcdir) srcdir=$2; shift 2 ;;
	--results) results=$2; shift 2 ;;
	-h|--help) sed -n '3,26p' "$0"; exit 0 ;;
	-*) echo "fuzz-campaign: unknown option $1" >&2; exit 2 ;;
	*) targets+=("$1"); shift ;;
	esac
done
# -max_len: FUZZ_MAX_LEN if set, else the target's fuzz/T.options
# (docs/performance.md "Input sizes"), else 16384.
target_max_len() {
	local v
	if [ -n "${FUZZ_MAX_LEN:-}" ]; then echo "$FUZZ_MAX_LEN"; return; fi
	v=$(sed -n 's/^max_len *= *\([0-9][0-9]*\).*/\1/p' "$srcdir/fuzz/$1.options" 2>/dev/null | head -n 1)
	echo "${v:-16384}"
}
# Each target's dictionary is fuzz/T.dict in the build directory (written
# by fuzz/gen-dict from the name tables; docs/fuzzing.md "Dictionaries").
timeout_s=${FUZZ_TIMEOUT:-10}
max_crashes=${FUZZ_MAX_CRASHES:-5}

case $seconds in ''|*[!0-9]*) echo "fuzz-campaign: FUZZ_SECONDS must be a whole number of seconds (got '$seconds')" >&2; exit 2 ;; esac
[ ${#targets[@]} -gt 0 ] || { echo "fuzz-campaign: no targets given" >&2; exit 2; }
case $engine in libfuzzer|afl) ;; *) echo "fuzz-campaign: unknown engine $engine" >&2; exit 2 ;; esac
if [ "$engine" = afl ] && ! command -v afl-fuzz >/dev/null 2>&1; then
	echo "fuzz-campaign: afl-fuzz not found (apt-get install -y afl++)" >&2; exit 1
fi
for t in "${targets[@]}"; do
	if [ ! -x "fuzz/$t" ]; then
		echo "fuzz-campaign: fuzz/$t is not built (run from the build directory; every target needs a block in fuzz/engine.mk)" >&2
		exit 1
	fi
done

stamp=$(date -u +%Y%m%d-%H%M%S)
run="$results/$stamp"
mkdir -p "$run" || exit 1
ln -sfn "$stamp" "$results/latest" 2>/dev/null || true

ntargets=${#targets[@]}
per=$(( seconds / ntargets ))
[ "$per" -ge 1 ] || per=1
tty=0
[ -t 1 ] && tty=1

# Per-target results, filled by run_* and read by the table.
declare -A R_EXECS R_RATE R_COV R_FT R_CORP R_CRASH R_NOTE R_SECS
any_error=0

now() { date +%s; }

# Parse the newest libFuzzer status line ("#N  NEW cov: C ft: F corp: K/S ...
# exec/s: E ...") of a log from byte offset $2 on. Prints "N C F K E".
lf_status() {
	tail -c +"$(( $2 + 1 ))" "$1" 2>/dev/null | tr '\r' '\n' | grep -a '^#[0-9]' | tail -n 1 |
	awk '{ n = substr($1, 2); c = f = k = e = "-";
	       for (i = 2; i < NF; i++) {
	         if ($i == "cov:") c = $(i+1); else if ($i == "ft:") f = $(i+1);
	         else if ($i == "corp:") { k = $(i+1); sub(/\/.*/, "", k) }
	         else if ($i == "exec/s:") e = $(i+1) }
	       print n, c, f, k, e }'
}

# "stat::NAME: value" from a log after byte offset $2.
lf_stat() {
	tail -c +"$(( $3 + 1 ))" "$1" 2>/dev/null | grep -a "^stat::$2:" | tail -n 1 | awk '{print $2}'
}

# For each artifact libFuzzer wrote: "FILE<TAB>first report line" (the
# oracle's ISOLATION VIOLATION, or the sanitizer/libFuzzer SUMMARY).
lf_reasons() {
	awk '/ISOLATION VIOLATION|^SUMMARY: |ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:/ {
	       if (why == "") why = $0 }
	     /Test unit written to / { f = $0; sub(/.*Test unit written to /, "", f);
	       print f "\t" (why == "" ? "(no report line)" : why); why = "" }' "$1" 2>/dev/null
}

progress() { # target text
	if [ "$tty" = 1 ]; then printf '\r\033[K%-12s %s' "$1" "$2"; fi
}

artifacts() { # dir -> failing inputs kept by libFuzzer
	find "$1" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | LC_ALL=C sort
}

run_libfuzzer() {
	local t=$1 budget=$2 dir="$run/$1" log="$run/$1/fuzz.log"
	local seeds=() start end left off pid st n c f k e execs=0 restarts=0 crashes s dict=()
	mkdir -p "$dir/corpus" "$dir/crashes"
	: > "$log"
	for s in "$srcdir/corpus/$t" "$srcdir/corpus/regressions/$t"; do
		[ -d "$s" ] && seeds+=("$s")
	done
	start=$(now); end=$(( start + budget ))
	c=- f=- k=- e=-
	while :; do
		left=$(( end - $(now) ))
		[ "$left" -ge 1 ] || break
		off=$(stat -c %s "$log")
		dict=(); [ -f "fuzz/$t.dict" ] && dict=(-dict="fuzz/$t.dict")
		./fuzz/"$t" -max_total_time="$left" -max_len="$(target_max_len "$t")" -timeout="$timeout_s" "${dict[@]}" \
			-rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$dir/crashes/" \
			"$dir/corpus" "${seeds[@]}" >> "$log" 2>&1 < /dev/null &
		pid=$!
		while kill -0 "$pid" 2>/dev/null; do
			read -r n c2 f2 k2 e2 < <(lf_status "$log" "$off")
			if [ -n "${n:-}" ]; then
				c=$c2 f=$f2 k=$k2 e=$e2
				crashes=$(artifacts "$dir/crashes" | wc -l)
				progress "$t" "$(printf '%5ds left  #%-10s cov: %-6s ft: %-7s corp: %-6s exec/s: %-8s crashes: %s' \
					"$(( end - $(now) ))" "$(( execs + n ))" "$c" "$f" "$k" "$e" "$crashes")"
			fi
			sleep 0.5
		done
		wait "$pid"; st=$?
		n=$(lf_stat "$log" number_of_executed_units "$off")
		if [ -z "$n" ]; then read -r n _ < <(lf_status "$log" "$off"); fi
		execs=$(( execs + ${n:-0} ))
		read -r _ c2 f2 k2 _ < <(lf_status "$log" "$off")
		[ -n "${c2:-}" ] && c=$c2 f=$f2 k=$k2
		[ "$st" -eq 0 ] && break
		crashes=$(artifacts "$dir/crashes" | wc -l)
		if [ "$crashes" -eq 0 ] || [ "$restarts" -ge 1000 ]; then
			R_NOTE[$t]="libFuzzer exited $st without an artifact: see $log"
			any_error=1
			break
		fi
		[ "$crashes" -ge "$max_crashes" ] && break
		restarts=$(( restarts + 1 ))
	done
	s=$(( $(now) - start )); [ "$s" -ge 1 ] || s=1
	R_SECS[$t]=$s
	R_EXECS[$t]=$execs
	R_RATE[$t]=$(( execs / s ))
	R_COV[$t]=$c R_FT[$t]=$f R_CORP[$t]=$k
	R_CRASH[$t]=$(artifacts "$dir/crashes" | wc -l)
}

afl_stat() { # file key
	awk -v k="$2" -F' *: *' '$1 == k { print $2 }' "$1" 2>/dev/null
}

run_afl() {
	local t=$1 budget=$2 dir="$run/$1" log="$run/$1/fuzz.log" in pid st s stats start dict=()
	mkdir -p "$dir"
	in="$dir/seeds"
	mkdir -p "$in"
	for s in "$srcdir/corpus/$t" "$srcdir/corpus/regressions/$t"; do
		[ -d "$s" ] && find "$s" -type f ! -name 'README*' ! -name '.*' -exec cp -p {} "$in"/ \;
	done
	[ -n "$(ls -A "$in")" ] || printf '\0' > "$in/empty"
	stats="$dir/afl/default/fuzzer_stats"
	start=$(now)
	dict=(); [ -f "fuzz/$t.dict" ] && dict=(-x "fuzz/$t.dict")
	AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
	AFL_SKIP_BIN_CHECK= AFL_NO_AFFINITY=${AFL_NO_AFFINITY:-1} \
		afl-fuzz -V "$budget" -t "$(( timeout_s * 1000 ))" -i "$in" -o "$dir/afl" "${dict[@]}" \
		-- "./fuzz/$t" > "$log" 2>&1 < /dev/null &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		if [ -f "$stats" ]; then
			progress "$t" "$(printf '%5ds left  execs: %-10s exec/s: %-8s corpus: %-6s map: %-7s crashes: %s' \
				"$(( start + budget - $(now) ))" "$(afl_stat "$stats" execs_done)" \
				"$(afl_stat "$stats" execs_per_sec)" "$(afl_stat "$stats" corpus_count)" \
				"$(afl_stat "$stats" bitmap_cvg)" "$(afl_stat "$stats" saved_crashes)")"
		fi
		sleep 0.5
	done
	wait "$pid"; st=$?
	s=$(( $(now) - start )); [ "$s" -ge 1 ] || s=1
	R_SECS[$t]=$s
	if [ "$st" -ne 0 ] || [ ! -f "$stats" ]; then
		R_NOTE[$t]="afl-fuzz exited $st: see $log"
		any_error=1
	fi
	R_EXECS[$t]=$(afl_stat "$stats" execs_done)
	R_RATE[$t]=$(afl_stat "$stats" execs_per_sec)
	R_COV[$t]=$(afl_stat "$stats" bitmap_cvg)
	R_FT[$t]=$(afl_stat "$stats" edges_found)
	R_CORP[$t]=$(afl_stat "$stats" corpus_count)
	R_CRASH[$t]=$(find "$dir/afl/default/crashes" "$dir/afl/default/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)
}

echo "fuzz: $engine, ${seconds}s over ${ntargets} target(s) (${per}s each), results in $run/"
i=0
for t in "${targets[@]}"; do
	i=$(( i + 1 ))
	b=$per
	[ "$i" -eq "$ntargets" ] && b=$(( seconds - per * (ntargets - 1) ))
	[ "$b" -ge 1 ] || b=1
	progress "$t" "starting (${b}s)"
	"run_$engine" "$t" "$b"
	line=$(printf 'done in %ss  execs: %s  exec/s: %s  cov: %s  ft: %s  corp: %s  crashes: %s' \
		"${R_SECS[$t]}" "${R_EXECS[$t]:--}" "${R_RATE[$t]:--}" "${R_COV[$t]:--}" "${R_FT[$t]:--}" "${R_CORP[$t]:--}" "${R_CRASH[$t]:-0}")
	if [ "$tty" = 1 ]; then printf '\r\033[K%-12s %s\n' "$t" "$line"; else printf '%-12s %s\n' "$t" "$line"; fi
	[ -n "${R_NOTE[$t]:-}" ] && echo "  ${R_NOTE[$t]}"
done

echo
if [ "$engine" = libfuzzer ]; then cov_h="cov/ft"; else cov_h="map/edges"; fi
printf '%-12s %12s %9s %16s %8s %8s\n' target executions exec/s "$cov_h" corpus crashes
printf '%-12s %12s %9s %16s %8s %8s\n' ------------ ------------ --------- ---------------- -------- --------
tot_e=0 tot_c=0
for t in "${targets[@]}"; do
	printf '%-12s %12s %9s %16s %8s %8s\n' "$t" "${R_EXECS[$t]:--}" "${R_RATE[$t]:--}" \
		"${R_COV[$t]:--}/${R_FT[$t]:--}" "${R_CORP[$t]:--}" "${R_CRASH[$t]:-0}"
	tot_e=$(( tot_e + ${R_EXECS[$t]:-0} ))
	tot_c=$(( tot_c + ${R_CRASH[$t]:-0} ))
done
printf '%-12s %12s %9s %16s %8s %8s\n' total "$tot_e" "" "" "" "$tot_c"
echo

if [ "$tot_c" -gt 0 ]; then
	echo "Failing inputs (reproduce each with the command shown):"
	for t in "${targets[@]}"; do
		if [ "$engine" = libfuzzer ]; then
			files=$(artifacts "$run/$t/crashes")
		else
			files=$(find "$run/$t/afl/default/crashes" "$run/$t/afl/default/hangs" -type f -name 'id:*' 2>/dev/null | LC_ALL=C sort)
		fi
		[ -n "$files" ] || continue
		reasons=
		[ "$engine" = libfuzzer ] && reasons=$(lf_reasons "$run/$t/fuzz.log")
		while IFS= read -r f; do
			why=
			[ -n "$reasons" ] && why=$(awk -v f="$f" -F'\t' '$1 == f { print $2; exit }' <<< "$reasons")
			[ -n "$why" ] && echo "  $t: $why"
			if [[ $f =~ ^[A-Za-z0-9_./+=-]+$ ]]; then q=$f; else q="'$f'"; fi
			echo "  ./fuzz/$t $q"
			echo "      traced:        ./fuzz/vsmmu-run -v --target $t $q"
			echo "      as a scenario: ./fuzz/vsmmu-run --print --target $t $q"
		done <<< "$files"
	done
else
	echo "No failing inputs."
fi
echo "Logs and corpora: $run/"
exit "$any_error"
