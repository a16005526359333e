#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# report-test.sh - scripts/fuzz-report.sh makes a valid, self-contained
# report from canned campaign results: well-formed XHTML (xmllint, or
# python3's XML parser), no external resource, one row per target, two
# plots per target with as many points as samples, each crash signature once
# with its reproduce command, timeouts apart, the coverage of vsmmu/ and
# inject/. Run by make check.
set -u
srcdir=${srcdir:-.}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/report-test.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
run="$tmp/results/20260101-000000"
mkdir -p "$run/fuzz_mmio" "$run/fuzz_cmdq" "$run/coverage"
T=$(printf '\t')
{
	echo "target${T}seconds${T}executions${T}exec_per_s${T}cov${T}ft${T}corpus_run${T}live_before${T}live_after${T}crashes${T}timeouts${T}ooms"
	echo "fuzz_mmio${T}30${T}90000${T}3000${T}2100${T}4000${T}40${T}100${T}120${T}3${T}1${T}0"
	echo "fuzz_cmdq${T}30${T}60000${T}2000${T}3300${T}6100${T}55${T}0${T}55${T}0${T}0${T}0"
} > "$run/summary.tsv"
for t in fuzz_mmio fuzz_cmdq; do
	{ echo "seconds${T}execs${T}cov${T}ft${T}corpus${T}exec_per_s"
	  for s in 1 2 3 4 5 6 7; do echo "$s${T}$(( s * 1000 ))${T}$(( 1000 + s * 50 ))${T}$(( 2000 + s * 80 ))${T}$(( s * 4 ))${T}$(( 900 + s ))"; done
	} > "$run/$t/series.tsv"
done
{
	echo "crash${T}I5 | dma | field=event.SID${T}fuzz_mmio${T}2${T}4${T}results/20260101-000000/fuzz_mmio/crashes/crash-aa"
	echo "crash${T}ubsan:shift-exponent-N | cmd | range_mask<exec<vs_cmdq_process${T}fuzz_mmio${T}1${T}9${T}results/20260101-000000/fuzz_mmio/crashes/crash-bb"
	echo "timeout${T}timeout | - | -${T}fuzz_mmio${T}1${T}12${T}results/20260101-000000/fuzz_mmio/crashes/timeout-cc"
} > "$run/crashes.tsv"
{
	echo "area${T}lines_covered${T}lines${T}lines_pct${T}functions_covered${T}functions${T}regions_covered${T}regions"
	echo "vsmmu/${T}2500${T}3000${T}83.3${T}200${T}220${T}3000${T}3800"
	echo "inject/${T}1500${T}2000${T}75.0${T}150${T}170${T}1800${T}2500"
} > "$run/coverage/areas.tsv"

sh "$srcdir/scripts/fuzz-report.sh" "$run" > "$tmp/report.html" || { echo "FAIL: fuzz-report.sh failed"; exit 1; }
fail=0
bad() { echo "FAIL: $*"; fail=1; }
h="$tmp/report.html"
if command -v xmllint > /dev/null 2>&1; then
	xmllint --noout "$h" || bad "not well-formed XML (xmllint)"
elif command -v python3 > /dev/null 2>&1; then
	python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$h" || bad "not well-formed XML (python3)"
else
	echo "report-test: neither xmllint nor python3: well-formedness not checked"
fi
# Self-contained: nothing loaded from elsewhere (xmlns names are not loads).
grep -Eiq '<(script|link|img|iframe|object|embed)[ >]|src=|@import|url\(' "$h" && bad "external resource or script"
cnt() { grep -o "$1" "$h" | wc -l | tr -d ' '; }
[ "$(cnt '<svg ')" -eq 4 ] || bad "want 4 plots, got $(cnt '<svg ')"
[ "$(cnt '<polyline ')" -eq 4 ] || bad "want 4 lines, got $(cnt '<polyline ')"
# every sample is a point: 7 per plot
pts=$(sed -n 's/.*<polyline [^>]*points="\([^"]*\)".*/\1/p' "$h" | awk '{ print NF }' | sort -u)
[ "$pts" = 7 ] || bad "plots should have 7 points each, have: $pts"
[ "$(cnt '<tr class="crash">')" -eq 2 ] || bad "want 2 crash rows"
[ "$(cnt 'make reproduce CRASH=results/20260101-000000/fuzz_mmio/crashes/crash-')" -eq 2 ] || bad "reproduce commands"
grep -q 'range_mask&lt;exec&lt;vs_cmdq_process' "$h" || bad "signature not escaped"
[ "$(cnt '<tr class="hang">')" -eq 1 ] || bad "want 1 timeout row"
grep -q '<td>vsmmu/</td><td class="n">2500 / 3000</td><td class="n">83.3 %</td>' "$h" || bad "vsmmu/ coverage row"
grep -q '<td>inject/</td>' "$h" || bad "inject/ coverage row"
grep -q '<td>fuzz_cmdq</td><td class="n">30</td><td class="n">60000</td>' "$h" || bad "fuzz_cmdq summary row"
# a report without crashes or coverage says so
: > "$run/crashes.tsv"
rm -rf "$run/coverage"
sh "$srcdir/scripts/fuzz-report.sh" "$run" > "$h" || bad "fuzz-report.sh failed without crashes"
grep -q 'id="no-crashes"' "$h" && grep -q 'id="no-coverage"' "$h" || bad "empty sections not stated"
[ "$fail" = 0 ] && echo "report-test: ok"
exit "$fail"
