#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# afl-campaign.sh - a parallel AFL++ campaign on one target: one main
# instance (-M main, with the CmpLog binary: -c) and JOBS-1 secondaries
# (-S s1, s2, ...) syncing through one output directory. Resumable: when
# OUT already holds a campaign, it goes on from there (-i -). `make
# afl-campaign` runs it; docs/fuzzing.md says how to spread it over
# several machines (SYNC_ID names the instances: main only on one machine).
#
#   afl-campaign.sh [--srcdir SRC] [--jobs N] [--seconds S] [--out DIR]
#                   [--cmplog CMPLOG_BIN] [--name PREFIX] [--no-main] TARGET_BIN
#
# Seeds: SRC/corpus/T and SRC/corpus/regressions/T (T = TARGET_BIN's name).
# --name PREFIX names the secondaries PREFIX1.. (default s; use one prefix
# per machine), --no-main runs secondaries only (the other machines).
# Ends after S seconds (default 60; 0 = until interrupted) with a summary
# from afl-whatsup and the crashes found (out/*/crashes/id:*).
set -u
srcdir=. jobs= seconds=60 out=afl-out cmplog= name=s main=1
while [ $# -gt 0 ]; do
	case $1 in
	--srcdir) srcdir=$2; shift 2 ;;
	--jobs) jobs=$2; shift 2 ;;
	--seconds) seconds=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--cmplog) cmplog=$2; shift 2 ;;
	--name) name=$2; shift 2 ;;
	--no-main) main=0; shift ;;
	-*) echo "afl-campaign: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $# -eq 1 ] || { echo "usage: afl-campaign.sh [options] TARGET_BIN" >&2; exit 2; }
bin=$1
t=$(basename "$bin")
[ -n "$jobs" ] || jobs=$(nproc 2>/dev/null || echo 1)
case $jobs in ''|*[!0-9]*|0) echo "afl-campaign: --jobs wants a positive number" >&2; exit 2 ;; esac
case $seconds in ''|*[!0-9]*) echo "afl-campaign: --seconds wants a number" >&2; exit 2 ;; esac
command -v afl-fuzz > /dev/null 2>&1 || { echo "afl-campaign: afl-fuzz not found (apt-get install -y afl++)" >&2; exit 1; }
[ -x "$bin" ] || { echo "afl-campaign: $bin is not built" >&2; exit 1; }
mkdir -p "$out" || exit 1
# A directory that already holds instances is resumed; else start from seeds.
if ls "$out"/*/fuzzer_stats > /dev/null 2>&1; then
	in=-
	echo "afl-campaign: resuming $out/ (-i -)"
else
	in="$out/../$t-seeds"
	mkdir -p "$in"
	for d in "$srcdir/corpus/$t" "$srcdir/corpus/regressions/$t"; do
		[ -d "$d" ] && find "$d" -type f ! -name 'README*' ! -name '.*' -exec cp -p {} "$in"/ \;
	done
	[ -n "$(ls -A "$in")" ] || printf '\0' > "$in/empty"
fi
export AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=${AFL_NO_AFFINITY:-1}
export AFL_AUTORESUME=1
vflag=
[ "$seconds" -gt 0 ] && vflag="-V $seconds"
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
pids= ids=
i=0
while [ "$i" -lt "$jobs" ]; do
	if [ "$i" -eq 0 ] && [ "$main" = 1 ]; then
		id=main role="-M main"
		[ -n "$cmplog" ] && [ -x "$cmplog" ] && role="$role -c $cmplog"
	else
		id="$name$i" role="-S $name$i"
		[ "$main" = 1 ] || { id="$name$(( i + 1 ))"; role="-S $id"; }
	fi
	# shellcheck disable=SC2086
	afl-fuzz $vflag -t 10000 -i "$in" -o "$out" $role -- "$bin" > "$out/$id.log" 2>&1 < /dev/null &
	pids="$pids $!" ids="$ids $id"
	echo "afl-campaign: started $id (pid $!): afl-fuzz $role, log $out/$id.log"
	i=$(( i + 1 ))
done
trap 'for p in $pids; do kill -INT "$p" 2>/dev/null; done' INT TERM
status=0
for p in $pids; do wait "$p" || status=1; done
for id in $ids; do
	for p in $(leftovers "$out/$id"); do kill -KILL "$p" 2>/dev/null; done
done
command -v afl-whatsup > /dev/null 2>&1 && afl-whatsup -s "$out" 2>/dev/null
n=$(find "$out" -path '*/crashes/id:*' -type f 2>/dev/null | wc -l | tr -d ' ')
echo "afl-campaign: $n crash input(s) in $out/*/crashes/; triage each with:"
echo "  make reproduce TARGET=$t CRASH='FILE'    make minimize TARGET=$t CRASH='FILE'"
execs=$(cat "$out"/*/fuzzer_stats 2>/dev/null | awk -F' *: *' '$1 == "execs_done" { s += $2 } END { print s + 0 }')
echo "afl-campaign: $execs executions in all"
[ "$execs" -gt 0 ] || { echo "afl-campaign: executed nothing: see $out/*.log" >&2; exit 1; }
exit "$status"
