#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# afl-campaign.sh - a parallel AFL++ campaign on one target: one main
# instance (-M main, with the CmpLog binary: -c) and JOBS-1 secondaries
# (-S s1, s2, ...) syncing through one output directory. Resumable: an
# instance whose directory OUT/ID already exists goes on from its queue
# (AFL_AUTORESUME=1); a new one starts from the seeds. `make afl-campaign`
# runs it on one target, `make fuzz-afl` (scripts/fuzz-campaign.sh) on each
# target in turn; docs/fuzzing.md says how to spread it over several
# machines (--name: the main only on one machine).
#
#   afl-campaign.sh [--srcdir SRC] [--jobs N] [--seconds S] [--out DIR]
#                   [--cmplog CMPLOG_BIN] [--dict FILE] [--name PREFIX]
#                   [--no-main] TARGET_BIN
#
# Seeds: SRC/corpus/T and SRC/corpus/regressions/T (T = TARGET_BIN's name),
# plus the files of $FUZZ_CORPUS_DIR/T (corpus-live/T) when it exists, e.g.
# what make fuzz-afl or a libFuzzer campaign kept. Dictionary: --dict, else
# T.dict next to TARGET_BIN when it exists (-x). --name PREFIX names the
# secondaries PREFIX1.. (default s; use one prefix per machine), --no-main
# runs secondaries only (the other machines). Ends after S seconds (default
# 60; 0 = until interrupted) with a summary from afl-whatsup and the crashes
# found (out/*/crashes/id:*). Fails (exit 1) when an instance could not run
# or the instances together executed nothing in this run (the counts in
# fuzzer_stats survive a resume, so only what this run added counts).
set -u
fo_prog=afl-campaign
# shellcheck source=scripts/fuzz-options.sh
. "$(dirname "$0")/fuzz-options.sh"
out=afl-out cmplog= dict= name=s main=1
while [ $# -gt 0 ]; do
	fo_opt "$@"
	if [ "$fo_shift" -gt 0 ]; then shift "$fo_shift"; continue; fi
	case $1 in
	--out|--cmplog|--dict|--name) [ $# -ge 2 ] || fo_usage "$1 wants a value" ;;
	esac
	case $1 in
	--out) out=$2; shift 2 ;;
	--cmplog) cmplog=$2; shift 2 ;;
	--dict) dict=$2; shift 2 ;;
	--name) name=$2; shift 2 ;;
	--no-main) main=0; shift ;;
	-*) fo_usage "unknown option $1" ;;
	*) break ;;
	esac
done
[ $# -eq 1 ] || fo_usage "usage: afl-campaign.sh [options] TARGET_BIN"
fo_opt_done
bin=$1
t=$(basename "$bin")
command -v afl-fuzz > /dev/null 2>&1 || { echo "afl-campaign: afl-fuzz not found (apt-get install -y afl++)" >&2; exit 1; }
[ -x "$bin" ] || { echo "afl-campaign: $bin is not built" >&2; exit 1; }
[ -n "$dict" ] || { [ -f "$bin.dict" ] && dict=$bin.dict; }
out=${out%/}
mkdir -p "$out" || exit 1
# The seeds, for the instances that start afresh (a resumed one ignores -i).
in="$out.seeds"
rm -rf "$in"
fo_copy_seeds "$t" "$in" || exit 1
[ -d "$fo_corpus/$t" ] && find "$fo_corpus/$t" -maxdepth 1 -type f -size +0 -exec cp -p {} "$in"/ \;

# execs_done summed over the instances' fuzzer_stats.
execs_sum() {
	cat "$out"/*/fuzzer_stats 2>/dev/null | awk -F' *: *' '$1 == "execs_done" { s += $2 } END { print s + 0 }'
}
export AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=${AFL_NO_AFFINITY:-1}
export AFL_AUTORESUME=1
vflag=
[ "$fo_seconds" -gt 0 ] && vflag="-V $fo_seconds"
xflag=
[ -n "$dict" ] && xflag="-x $dict"
# Processes holding an open descriptor on directory $1: after afl-fuzz has
# ended, its CmpLog fork server may live on (it runs in a session of its
# own) and keep the instance directory locked, so that the next run says
# "in use". Found by that descriptor, killed by PID.
leftovers() {
	d=$(cd "$1" 2>/dev/null && pwd -P) || return 0
	for p in /proc/[0-9]*; do
		for f in "$p"/fd/*; do
			if [ "$(readlink "$f" 2>/dev/null)" = "$d" ]; then echo "${p#/proc/}"; break; fi
		done
	done
}
before=$(execs_sum)
pids= ids=
i=0
while [ "$i" -lt "$fo_jobs" ]; do
	if [ "$i" -eq 0 ] && [ "$main" = 1 ]; then
		id=main role="-M main"
		[ -n "$cmplog" ] && [ -x "$cmplog" ] && role="$role -c $cmplog"
	else
		id="$name$i" role="-S $name$i"
		[ "$main" = 1 ] || { id="$name$(( i + 1 ))"; role="-S $id"; }
	fi
	how=new
	[ -f "$out/$id/fuzzer_stats" ] && how=resumed
	# shellcheck disable=SC2086
	afl-fuzz $vflag -t "$(( fo_timeout * 1000 ))" $xflag -i "$in" -o "$out" $role -- "$bin" \
		> "$out/$id.log" 2>&1 < /dev/null &
	pids="$pids $!" ids="$ids $id"
	echo "afl-campaign: started $id ($how, pid $!): afl-fuzz $role, log $out/$id.log"
	i=$(( i + 1 ))
done
trap 'for p in $pids; do kill -INT "$p" 2>/dev/null; done' INT TERM
status=0
for p in $pids; do wait "$p" || status=1; done
for id in $ids; do
	for p in $(leftovers "$out/$id"); do kill -KILL "$p" 2>/dev/null; done
done
[ "$status" = 0 ] || echo "afl-campaign: an afl-fuzz instance failed: see $out/*.log" >&2
# -d: the instances have ended, and whatsup counts only live ones without it
command -v afl-whatsup > /dev/null 2>&1 && afl-whatsup -s -d "$out" 2>/dev/null
n=$(find "$out" -path '*/crashes/id:*' -type f 2>/dev/null | wc -l | tr -d ' ')
echo "afl-campaign: $n crash input(s) in $out/*/crashes/; triage each with:"
echo "  make reproduce TARGET=$t CRASH='FILE'    make minimize TARGET=$t CRASH='FILE'"
after=$(execs_sum)
execs=$(( after - before ))
echo "afl-campaign: $execs executions in this run ($after in all)"
[ "$execs" -gt 0 ] || { echo "afl-campaign: executed nothing in this run: see $out/*.log" >&2; exit 1; }
exit "$status"
