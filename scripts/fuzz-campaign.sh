#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# fuzz-campaign.sh - the fuzzing campaign behind `make fuzz` (libFuzzer) and
# `make fuzz-afl` (AFL++). Run from the build directory:
#
#   fuzz-campaign.sh [--engine libfuzzer|afl] [--seconds N] [--jobs J]
#                    [--srcdir DIR] [--results DIR] [--corpus DIR]
#                    [--afl-out DIR] TARGET...
#
# N seconds in all (default 60) are split evenly across the targets, which
# run one after the other, each on J cores (default: every core, nproc).
# libFuzzer runs in fork mode (-fork=J -ignore_crashes -ignore_timeouts
# -ignore_ooms): a crash ends one job, not the campaign, so shallow bugs do
# not use up the time. Each target fuzzes from its persistent corpus
# CORPUS/T (default corpus-live/T in the build directory, FUZZ_CORPUS_DIR)
# plus the committed seeds and regressions; at the end the new inputs and
# the seeds are merged into CORPUS/T with -merge=1 (only inputs that add
# coverage), so CORPUS/T alone covers what the campaign covered.
# AFL++ runs scripts/afl-campaign.sh per target (J instances syncing in
# AFL_OUT/T, default afl-out/T, --afl-out), kept between runs and resumed;
# its queues are copied into CORPUS/T too (run_afl below).
# Everything goes to RESULTS/<UTC timestamp>/ (RESULTS/latest points at it):
#   T/corpus/     inputs found in this run      T/crashes/  failing inputs
#   T/fuzz.log    the engine's output           T/series.tsv  progress samples
#   summary.tsv, crashes.tsv, coverage/, report.html (scripts/fuzz-report.sh)
# One live line per target while it runs; then a table per target, the
# failing inputs grouped by signature (scripts/crash-signature.sh; each
# signature once, with its count, first time and the command reproducing
# it), timeouts and out-of-memory inputs apart, and the report's path.
#
# Options and environment common to the fuzz scripts (FUZZ_MAX_LEN,
# FUZZ_TIMEOUT, FUZZ_COVERAGE, FUZZ_MERGE_SECONDS, FUZZ_CORPUS_DIR):
# scripts/fuzz-options.sh. FUZZ_SIGNATURE_MAX: crash inputs classified per
# target, default 300.
# Exit status: 0 the campaign ran (crashes are results, reported), 1 a
# target could not be run or executed nothing, 2 usage errors.
set -u
fo_prog=fuzz-campaign
# shellcheck source=scripts/fuzz-options.sh
. "$(dirname "$0")/fuzz-options.sh"
results=results afl_out=afl-out
targets=()
while [ $# -gt 0 ]; do
	fo_opt "$@"
	if [ "$fo_shift" -gt 0 ]; then shift "$fo_shift"; continue; fi
	case $1 in
	--results|--corpus|--afl-out) [ $# -ge 2 ] || fo_usage "$1 wants a value" ;;
	esac
	case $1 in
	--results) results=$2; shift 2 ;;
	--corpus) fo_corpus=$2; shift 2 ;;
	--afl-out) afl_out=$2; shift 2 ;;
	-h|--help) sed -n '3,36p' "$0"; exit 0 ;;
	-*) fo_usage "unknown option $1" ;;
	*) targets+=("$1"); shift ;;
	esac
done
fo_opt_done
[ ${#targets[@]} -gt 0 ] || fo_usage "no targets given"
# The names the rest of the script (and scripts/fuzz-report.sh) use.
engine=$fo_engine seconds=$fo_seconds jobs=$fo_jobs srcdir=$fo_srcdir corpus_root=$fo_corpus
timeout_s=$fo_timeout merge_s=$fo_merge_seconds want_cov=$fo_coverage
# Each target's dictionary is fuzz/T.dict in the build directory (written
# by fuzz/gen-dict from the name tables; docs/fuzzing.md "Dictionaries").
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
t_start=$(date +%s)

ntargets=${#targets[@]}
per=$(( seconds / ntargets ))
[ "$per" -ge 1 ] || per=1
tty=0
[ -t 1 ] && tty=1

# Per-target results, filled by run_* and read by the tables.
declare -A R_EXECS R_RATE R_COV R_FT R_CORP R_NOTE R_SECS R_LIVE0 R_LIVE1
any_error=0

now() { date +%s; }
pos() { if [ "$1" -gt 0 ]; then echo "$1"; else echo 0; fi; }   # a countdown never shows negative time
count_files() { find "$1" -maxdepth 1 -type f 2>/dev/null | wc -l | tr -d ' '; }

# The newest libFuzzer status line of a log: fork mode "#N: cov: C ft: F
# corp: K exec/s E oom/timeout/crash: a/b/c time: Ts ..." or the plain
# "#N NEW cov: C ft: F corp: K/S ... exec/s: E". Prints "N C F K E".
lf_status() {
	tr '\r' '\n' < "$1" 2>/dev/null | grep -a '^#[0-9]' | tail -n 1 |
	awk '{ n = $1; gsub(/[^0-9]/, "", n); c = f = k = e = "-";
	       for (i = 2; i < NF; i++) {
	         if ($i == "cov:") c = $(i+1); else if ($i == "ft:") f = $(i+1);
	         else if ($i == "corp:") { k = $(i+1); sub(/\/.*/, "", k) }
	         else if ($i == "exec/s:" || $i == "exec/s") e = $(i+1) }
	       print n, c, f, k, e }'
}

progress() { # target text
	if [ "$tty" = 1 ]; then printf '\r\033[K%-12s %s' "$1" "$2"; fi
}

artifacts() { # dir -> failing inputs kept by libFuzzer
	find "$1" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \
		-o -name 'slow-unit-*' \) 2>/dev/null | LC_ALL=C sort
}

run_libfuzzer() {
	local t=$1 budget=$2 dir="$run/$1" log="$run/$1/fuzz.log" live="$corpus_root/$1"
	local seeds=() start end pid st n c f k e s el ml dict=()
	mkdir -p "$dir/corpus" "$dir/crashes" "$live"
	: > "$log"
	printf 'seconds\texecs\tcov\tft\tcorpus\texec_per_s\n' > "$dir/series.tsv"
	mapfile -t seeds < <(fo_seed_dirs "$t")
	R_LIVE0[$t]=$(count_files "$live")
	ml=$(fo_max_len "$t")
	start=$(now); end=$(( start + budget ))
	dict=(); [ -f "fuzz/$t.dict" ] && dict=(-dict="fuzz/$t.dict")
	# New inputs go to the first directory (this run's corpus); the live
	# corpus and the seeds are read.
	./fuzz/"$t" -fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
		-max_total_time="$budget" -max_len="$ml" -timeout="$timeout_s" "${dict[@]}" \
		-rss_limit_mb=2048 -artifact_prefix="$dir/crashes/" \
		"$dir/corpus" "$live" "${seeds[@]}" >> "$log" 2>&1 < /dev/null &
	pid=$!
	c=- f=- k=- e=- n=0
	while kill -0 "$pid" 2>/dev/null; do
		read -r n2 c2 f2 k2 e2 < <(lf_status "$log")
		el=$(( $(now) - start ))
		if [ -n "${n2:-}" ]; then
			n=$n2 c=$c2 f=$f2 k=$k2 e=$e2
			printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$el" "$n" "$c" "$f" "$k" "$e" >> "$dir/series.tsv"
		fi
		progress "$t" "$(printf '%5ds left  #%-10s cov: %-6s ft: %-7s corp: %-6s exec/s: %-8s crashes: %s' \
			"$(pos $(( end - $(now) )))" "$n" "$c" "$f" "$k" "$e" "$(artifacts "$dir/crashes" | wc -l)")"
		# fork mode may overrun its time a little; never by much
		if [ "$(now)" -gt $(( end + 30 )) ]; then kill -INT "$pid" 2>/dev/null; fi
		sleep 1
	done
	wait "$pid"; st=$?
	read -r n2 c2 f2 k2 e2 < <(lf_status "$log")
	[ -n "${n2:-}" ] && n=$n2 c=$c2 f=$f2 k=$k2
	s=$(( $(now) - start )); [ "$s" -ge 1 ] || s=1
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$s" "$n" "$c" "$f" "$k" "$(( n / s ))" >> "$dir/series.tsv"
	R_SECS[$t]=$s R_EXECS[$t]=$n R_RATE[$t]=$(( n / s )) R_COV[$t]=$c R_FT[$t]=$f R_CORP[$t]=$k
	if [ "$n" -eq 0 ]; then
		R_NOTE[$t]="executed nothing (libFuzzer exit $st): see $log"
		any_error=1
	elif [ "$st" -ne 0 ]; then
		R_NOTE[$t]="libFuzzer exited $st: see $log"
	fi
	# Merge what this run found into the live corpus (bounded in time),
	# and the seeds that add coverage: the live corpus alone then covers
	# what the campaign covered (its coverage is the report's).
	progress "$t" "merging into $live"
	timeout -k 5 "$merge_s" ./fuzz/"$t" -merge=1 -max_len="$ml" -timeout="$timeout_s" -rss_limit_mb=2048 \
		-artifact_prefix="$dir/crashes/merge-" "$live" "$dir/corpus" "${seeds[@]}" >> "$dir/merge.log" 2>&1 < /dev/null ||
		R_NOTE[$t]="${R_NOTE[$t]:+${R_NOTE[$t]}; }merge did not finish: see $dir/merge.log"
	# merge-time artifacts are inputs already seen by the fuzzing jobs
	rm -f "$dir/crashes/merge-"*
	R_LIVE1[$t]=$(count_files "$live")
}

# AFL++: each target is one scripts/afl-campaign.sh run (a main instance,
# with CmpLog when cmplog/fuzz/T is built by make fuzz-cmplog, and JOBS-1
# secondaries) in AFL_OUT/T, which is kept: the next run resumes every
# instance from its queue (AFL_AUTORESUME). The counts are this run's
# (fuzzer_stats carries them over a resume): executions summed over the
# instances, edges and corpus the largest instance's. This run's crashes
# and hangs are copied to T/crashes/ under crash-/timeout- names, and the
# queues' inputs to CORPUS/T under their SHA-1: an engine-neutral
# persistent corpus (make coverage, a libFuzzer tree, or a fresh AFL++
# start, which reads it besides the seeds).
afl_stat() { # out-dir key sum|max: over the instances' fuzzer_stats
	cat "$1"/*/fuzzer_stats 2>/dev/null | awk -F' *: *' -v k="$2" -v how="$3" \
		'$1 == k { v = $2 + 0; s += v; if (v > m) m = v } END { printf "%d\n", (how == "sum" ? s : m) }'
}

run_afl() {
	local t=$1 budget=$2 dir="$run/$1" log="$run/$1/fuzz.log" out="$afl_out/$1" live="$corpus_root/$1"
	local pid st s start e0 e f p cmplog=()
	mkdir -p "$dir/crashes" "$live"
	printf 'seconds\texecs\tcov\tft\tcorpus\texec_per_s\n' > "$dir/series.tsv"
	R_LIVE0[$t]=$(count_files "$live")
	e0=$(afl_stat "$out" execs_done sum)
	: > "$dir/.started"
	[ -x "cmplog/fuzz/$t" ] && cmplog=(--cmplog "cmplog/fuzz/$t")
	start=$(now)
	FUZZ_CORPUS_DIR=$corpus_root FUZZ_TIMEOUT=$timeout_s sh "$srcdir/scripts/afl-campaign.sh" \
		--srcdir "$srcdir" --jobs "$jobs" --seconds "$budget" --out "$out" "${cmplog[@]}" "./fuzz/$t" \
		> "$log" 2>&1 < /dev/null &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		s=$(( $(now) - start ))
		e=$(( $(afl_stat "$out" execs_done sum) - e0 ))
		[ "$e" -ge 0 ] || e=0
		printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$s" "$e" "$(afl_stat "$out" edges_found max)" \
			"$(afl_stat "$out" edges_found max)" "$(afl_stat "$out" corpus_count max)" \
			"$(afl_stat "$out" execs_per_sec sum)" >> "$dir/series.tsv"
		progress "$t" "$(printf '%5ds left  execs: %-10s exec/s: %-8s corpus: %-6s edges: %-7s crashes: %s' \
			"$(pos $(( start + budget - $(now) )))" "$e" "$(afl_stat "$out" execs_per_sec sum)" \
			"$(afl_stat "$out" corpus_count max)" "$(afl_stat "$out" edges_found max)" \
			"$(find "$out" -path '*/crashes/id:*' -newer "$dir/.started" 2>/dev/null | wc -l)")"
		sleep 1
	done
	wait "$pid"; st=$?
	s=$(( $(now) - start )); [ "$s" -ge 1 ] || s=1
	e=$(( $(afl_stat "$out" execs_done sum) - e0 ))
	[ "$e" -ge 0 ] || e=0
	R_SECS[$t]=$s R_EXECS[$t]=$e R_RATE[$t]=$(( e / s ))
	R_COV[$t]=$(afl_stat "$out" edges_found max) R_FT[$t]=$(afl_stat "$out" edges_found max)
	R_CORP[$t]=$(afl_stat "$out" corpus_count max)
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$s" "$e" "${R_COV[$t]}" "${R_FT[$t]}" "${R_CORP[$t]}" "${R_RATE[$t]}" >> "$dir/series.tsv"
	if [ "$st" -ne 0 ] || [ "$e" -eq 0 ]; then
		R_NOTE[$t]="afl-campaign exited $st ($e executions in this run): see $log"
		[ "$e" -gt 0 ] || R_NOTE[$t]="executed nothing (afl-campaign exit $st): see $log and $out/*.log"
		any_error=1
	fi
	# This run's crashes and hangs (AFL++ names them id:...).
	find "$out" \( -path '*/crashes/id:*' -o -path '*/hangs/id:*' \) -type f -newer "$dir/.started" 2>/dev/null |
	while IFS= read -r f; do
		case $f in */hangs/*) p=timeout ;; *) p=crash ;; esac
		cp -p "$f" "$dir/crashes/$p-$(sha1sum < "$f" | cut -c1-40)"
	done
	# The queues into the persistent corpus (new inputs only).
	progress "$t" "copying the queues into $live"
	find "$out" -path '*/queue/id:*' -type f -size +0 -print0 2>/dev/null | xargs -0 -r sha1sum |
	while read -r p f; do
		[ -e "$live/$p" ] || cp "$f" "$live/$p"
	done
	R_LIVE1[$t]=$(count_files "$live")
}

echo "fuzz: $engine on $jobs core(s), ${seconds}s over ${ntargets} target(s) (${per}s each), corpus $corpus_root/, results in $run/"
i=0
for t in "${targets[@]}"; do
	i=$(( i + 1 ))
	b=$per
	[ "$i" -eq "$ntargets" ] && b=$(( seconds - per * (ntargets - 1) ))
	[ "$b" -ge 1 ] || b=1
	progress "$t" "starting (${b}s)"
	"run_$engine" "$t" "$b"
	line=$(printf 'done in %ss  execs: %s  exec/s: %s  cov: %s  ft: %s  corp: %s  crashes: %s' \
		"${R_SECS[$t]}" "${R_EXECS[$t]:--}" "${R_RATE[$t]:--}" "${R_COV[$t]:--}" "${R_FT[$t]:--}" \
		"${R_CORP[$t]:--}" "$(artifacts "$run/$t/crashes" | wc -l)")
	if [ "$tty" = 1 ]; then printf '\r\033[K%-12s %s\n' "$t" "$line"; else printf '%-12s %s\n' "$t" "$line"; fi
	[ -n "${R_NOTE[$t]:-}" ] && echo "  ${R_NOTE[$t]}"
done

# ---- failing inputs, by signature ----------------------------------------
# crashes.tsv: class, signature, target, count, first seconds, first file
# (class: crash, timeout, oom). A crash's signature is computed once per
# input; timeouts and OOMs are grouped by target (replaying them is slow).
sig="$srcdir/scripts/crash-signature.sh"
raw="$run/artifacts.tsv"
: > "$raw"
# Each signature is one replay: at most FUZZ_SIGNATURE_MAX (default 300)
# crash inputs per target are classified, the oldest first; the rest are
# counted under "not classified" (a long campaign on a shallow bug writes
# many inputs of it).
sig_max=${FUZZ_SIGNATURE_MAX:-300}
for t in "${targets[@]}"; do
	nsig=0
	while IFS= read -r f; do
		[ -n "$f" ] || continue
		b=$(basename "$f")
		first=$(( $(stat -c %Y "$f") - t_start )); [ "$first" -ge 0 ] || first=0
		case $b in
		timeout-*|slow-unit-*) cls=timeout s="timeout | - | -" ;;
		oom-*) cls=oom s="oom | - | -" ;;
		*) cls=crash
		   progress "$t" "signature of $b"
		   nsig=$(( nsig + 1 ))
		   if [ "$nsig" -gt "$sig_max" ]; then
			s="not classified (more than FUZZ_SIGNATURE_MAX=$sig_max crash inputs) | - | -"
		   elif [ -x fuzz/vsmmu-run ]; then
			s=$(sh "$sig" --target "$t" "$f" 2>/dev/null)
			[ -n "$s" ] || s="unknown | - | -"
			case $s in none*) s="does not reproduce under vsmmu-run | - | -" ;; esac
		   else
			s="unknown (fuzz/vsmmu-run not built) | - | -"
		   fi ;;
		esac
		printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$cls" "$s" "$t" "$first" "$f" "$(sh "$sig" --key "$s")" >> "$raw"
	done < <(artifacts "$run/$t/crashes" | while IFS= read -r f; do printf '%s\t%s\n' "$(stat -c %Y "$f")" "$f"; done |
		LC_ALL=C sort -n | cut -f2-)
done
[ "$tty" = 1 ] && printf '\r\033[K'
# Group: one row per (class, bug, target), the bug being the signature's
# key (crash-signature.sh --key: WHAT and WHERE, OP only when WHERE is -):
# count, earliest time, its file; the row's signature lists every OP the
# bug was seen with (WHAT | cmd,write | WHERE), so one bug reached from
# two statements is one row.
LC_ALL=C sort -t "$(printf '\t')" -k1,1 -k6,6 -k3,3 -k4,4n "$raw" |
awk -F'\t' 'BEGIN { OFS = "\t" }
	{ key = $1 FS $6 FS $3
	  if (!(key in n)) { order[++m] = key; cls[key] = $1; tg[key] = $3; first[key] = $4; file[key] = $5
	                     split($2, p, / [|] /); what[key] = p[1]; where[key] = p[3]; ops[key] = "" }
	  split($2, p, / [|] /)
	  if (index("," ops[key] ",", "," p[2] ",") == 0) ops[key] = ops[key] (ops[key] == "" ? "" : ",") p[2]
	  n[key]++ }
	END { for (i = 1; i <= m; i++) { k = order[i]
	        s = (where[k] == "" && ops[k] !~ /,/) ? what[k] : what[k] " | " ops[k] " | " where[k]
	        print cls[k], s, tg[k], n[k], first[k], file[k] } }' > "$run/crashes.tsv"

# ---- summary table ---------------------------------------------------------
{
	printf 'target\tseconds\texecutions\texec_per_s\tcov\tft\tcorpus_run\tlive_before\tlive_after\tcrashes\ttimeouts\tooms\n'
	for t in "${targets[@]}"; do
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "${R_SECS[$t]:-0}" "${R_EXECS[$t]:-0}" \
			"${R_RATE[$t]:-0}" "${R_COV[$t]:--}" "${R_FT[$t]:--}" "$(count_files "$run/$t/corpus")" \
			"${R_LIVE0[$t]:--}" "${R_LIVE1[$t]:--}" \
			"$(awk -F'\t' -v t="$t" '$1 == "crash" && $3 == t' "$raw" | wc -l | tr -d ' ')" \
			"$(awk -F'\t' -v t="$t" '$1 == "timeout" && $3 == t' "$raw" | wc -l | tr -d ' ')" \
			"$(awk -F'\t' -v t="$t" '$1 == "oom" && $3 == t' "$raw" | wc -l | tr -d ' ')"
	done
} > "$run/summary.tsv"

echo
if [ "$engine" = libfuzzer ]; then cov_h="cov/ft"; else cov_h="edges"; fi
awk -F'\t' -v covh="$cov_h" '
	NR == 1 { printf "%-12s %11s %8s %13s %14s %7s %8s %6s\n", "target", "executions", "exec/s", covh, "live corpus", "crashes", "timeouts", "ooms"
	          printf "%-12s %11s %8s %13s %14s %7s %8s %6s\n", "------------", "-----------", "--------", "-------------", "--------------", "-------", "--------", "------"; next }
	{ printf "%-12s %11s %8s %13s %14s %7s %8s %6s\n", $1, $3, $4, $5 "/" $6, $8 " -> " $9, $10, $11, $12
	  e += $3; c += $10; to += $11; o += $12 }
	END { printf "%-12s %11s %8s %13s %14s %7s %8s %6s\n", "total", e, "", "", "", c, to, o }' "$run/summary.tsv"
echo

ncrash=$(awk -F'\t' '$1 == "crash"' "$run/crashes.tsv" | wc -l | tr -d ' ')
nother=$(awk -F'\t' '$1 != "crash"' "$run/crashes.tsv" | wc -l | tr -d ' ')
q() { if [[ $1 =~ ^[A-Za-z0-9_./+=:,-]+$ ]]; then printf '%s' "$1"; else printf "'%s'" "$1"; fi; }
if [ "$ncrash" -gt 0 ]; then
	echo "Crashes, one line per bug (WHAT | OPs | WHERE, crash-signature.sh --key; count, first seen after):"
	awk -F'\t' '$1 == "crash"' "$run/crashes.tsv" | while IFS=$'\t' read -r cls s t cnt first f; do
		printf '  %-12s %s   x%s, first after %ss\n' "$t" "$s" "$cnt" "$first"
		echo "      reproduce: make reproduce CRASH=$(q "$f")"
	done
else
	echo "No crashes."
fi
if [ "$nother" -gt 0 ]; then
	echo "Timeouts and out-of-memory inputs (not crashes; -timeout=$timeout_s, -rss_limit_mb=2048):"
	awk -F'\t' '$1 != "crash"' "$run/crashes.tsv" | while IFS=$'\t' read -r cls s t cnt first f; do
		printf '  %-12s %-8s x%s, first after %ss\n' "$t" "$cls" "$cnt" "$first"
		echo "      reproduce: ./fuzz/$t $(q "$f")"
	done
fi

# ---- coverage and the report -------------------------------------------------
if [ "$want_cov" = 1 ]; then
	echo
	echo "coverage: vsmmu/ and inject/ from $corpus_root/ (coverage build in cov-build/; FUZZ_COVERAGE=0 skips this)"
	sh "$srcdir/scripts/corpus-coverage.sh" --srcdir "$srcdir" --build cov-build --out "$run/coverage" \
		"$corpus_root" "${targets[@]}" > "$run/coverage.log" 2>&1 ||
		echo "coverage: not measured: $(tail -n 1 "$run/coverage.log" | sed 's/^corpus-coverage: //') (see $run/coverage.log)"
	[ -f "$run/coverage/areas.tsv" ] && awk -F'\t' 'NR > 1 { printf "  %-8s lines %s/%s (%s%%)  functions %s/%s  regions %s/%s\n", $1, $2, $3, $4, $5, $6, $7, $8 }' "$run/coverage/areas.tsv"
fi
if sh "$srcdir/scripts/fuzz-report.sh" "$run" > "$run/report.html.tmp" 2> "$run/report.log"; then
	mv "$run/report.html.tmp" "$run/report.html"
	echo "Report: $run/report.html"
else
	echo "fuzz-campaign: the report could not be written: see $run/report.log" >&2
	any_error=1
fi
echo "Logs and corpora: $run/   live corpus: $corpus_root/"
exit "$any_error"
