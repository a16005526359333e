#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# fuzz-report.sh RUN - write the campaign report of results directory RUN
# (made by scripts/fuzz-campaign.sh) as one self-contained HTML page on
# standard output: no script, no stylesheet or image from anywhere else;
# the plots are inline SVG drawn here (POSIX sh + awk). The page is
# well-formed XML (XHTML), so `xmllint --noout` checks it.
#
# Reads RUN/summary.tsv (one row per target), RUN/T/series.tsv (samples:
# seconds, execs, cov, ft, corpus, exec/s), RUN/crashes.tsv (class,
# signature, target, count, first seconds, file) and, when present,
# RUN/coverage/areas.tsv (scripts/corpus-coverage.sh).
# Sections: summary per target, coverage and exec/s over time per target,
# crashes deduplicated by signature with the command reproducing each,
# timeouts and out-of-memory inputs, coverage of vsmmu/ and inject/.
set -u
run=${1:?usage: fuzz-report.sh RUN}
[ -f "$run/summary.tsv" ] || { echo "fuzz-report: $run/summary.tsv missing" >&2; exit 1; }
[ -f "$run/crashes.tsv" ] || { echo "fuzz-report: $run/crashes.tsv missing" >&2; exit 1; }
title="vsmmu-fuzz campaign $(basename "$run")"

esc() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g'; }

# plot FILE COLUMN LABEL COLOR ZERO: an SVG line plot of column COLUMN
# against column 1 (seconds) of a series.tsv, axes labelled with their
# ranges; the y axis starts at 0 when ZERO is 1, else at the smallest value
# (coverage grows by a few percent: from 0 it would be a flat line).
plot() {
	awk -F'\t' -v col="$2" -v label="$3" -v color="$4" -v zero="$5" '
	NR > 1 && $col ~ /^[0-9.]+$/ && $1 ~ /^[0-9]+$/ { n++; x[n] = $1 + 0; y[n] = $col + 0
		if (x[n] > xmax) xmax = x[n]; if (y[n] > ymax) ymax = y[n]
		if (n == 1 || y[n] < ymin) ymin = y[n] }
	END {
		W = 420; H = 150; L = 56; R = 10; T = 18; B = 28
		printf "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">\n", W, H, W, H
		printf "<title>%s over time</title>\n", label
		printf "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\" stroke=\"#999\"/>\n", L, T, W - L - R, H - T - B
		printf "<text x=\"%d\" y=\"12\" font-size=\"11\">%s</text>\n", L, label
		if (n == 0) { printf "<text x=\"%d\" y=\"%d\" font-size=\"11\">no samples</text>\n</svg>\n", L + 10, T + 40; exit }
		if (zero == 1 || ymin >= ymax) ymin = 0
		if (xmax <= 0) xmax = 1; if (ymax <= ymin) ymax = ymin + 1
		printf "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%d</text>\n", L - 4, T + 8, ymax
		printf "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%d</text>\n", L - 4, H - B, ymin
		printf "<text x=\"%d\" y=\"%d\" font-size=\"10\">0 s</text>\n", L, H - B + 14
		printf "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%d s</text>\n", W - R, H - B + 14, xmax
		printf "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"", color
		for (i = 1; i <= n; i++)
			printf "%s%.1f,%.1f", (i > 1 ? " " : ""), L + (W - L - R) * x[i] / xmax, (H - B) - (H - T - B) * (y[i] - ymin) / (ymax - ymin)
		printf "\"/>\n</svg>\n"
	}' "$1"
}

cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="en">
<head>
<meta charset="UTF-8"/>
<title>$(echo "$title" | esc)</title>
<style>
body { font-family: sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em 0; }
th, td { border: 1px solid #bbb; padding: 0.2em 0.6em; text-align: left; font-size: 0.9em; }
td.n { text-align: right; }
code { font-size: 0.85em; }
.target { display: inline-block; margin: 0 1.5em 1em 0; vertical-align: top; }
</style>
</head>
<body>
<h1>$(echo "$title" | esc)</h1>
<p>Generated $(date -u '+%Y-%m-%d %H:%M UTC') on $(uname -n | esc) ($(nproc 2>/dev/null || echo '?') cores) by scripts/fuzz-report.sh.</p>
<h2 id="summary">Targets</h2>
<table id="targets">
<tr><th>target</th><th>seconds</th><th>executions</th><th>exec/s</th><th>cov</th><th>ft</th><th>new inputs</th><th>live corpus</th><th>crashes</th><th>timeouts</th><th>ooms</th></tr>
EOF
awk -F'\t' 'NR > 1 { gsub(/&/, "\\&amp;"); gsub(/</, "\\&lt;")
	printf "<tr><td>%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s &#8594; %s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td></tr>\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 }' "$run/summary.tsv"
echo "</table>"

echo '<h2 id="plots">Coverage and speed over time</h2>'
for t in $(awk -F'\t' 'NR > 1 { print $1 }' "$run/summary.tsv"); do
	echo "<div class=\"target\" id=\"plot-$t\"><h3>$t</h3>"
	s="$run/$t/series.tsv"
	[ -f "$s" ] || s=/dev/null
	plot "$s" 3 "coverage (cov) of $t" "#1f5fa8" 0
	plot "$s" 6 "exec/s of $t" "#b5491f" 1
	echo "</div>"
done

echo '<h2 id="crashes">Crashes by signature</h2>'
if awk -F'\t' '$1 == "crash" { f = 1 } END { exit !f }' "$run/crashes.tsv"; then
	echo '<table id="crash-table">'
	echo '<tr><th>signature (what | op | where)</th><th>target</th><th>count</th><th>first seen</th><th>reproduce</th></tr>'
	awk -F'\t' '$1 == "crash"' "$run/crashes.tsv" | esc | awk -F'\t' '{
		printf "<tr class=\"crash\"><td><code>%s</code></td><td>%s</td><td class=\"n\">%s</td><td class=\"n\">%s s</td><td><code>make reproduce CRASH=%s</code></td></tr>\n", $2, $3, $4, $5, $6 }'
	echo '</table>'
else
	echo '<p id="no-crashes">No crashes.</p>'
fi
echo '<h2 id="hangs">Timeouts and out-of-memory inputs</h2>'
if awk -F'\t' '$1 != "crash" { f = 1 } END { exit !f }' "$run/crashes.tsv"; then
	echo '<table id="hang-table">'
	echo '<tr><th>kind</th><th>target</th><th>count</th><th>first seen</th><th>reproduce</th></tr>'
	awk -F'\t' '$1 != "crash"' "$run/crashes.tsv" | esc | awk -F'\t' '{
		printf "<tr class=\"hang\"><td>%s</td><td>%s</td><td class=\"n\">%s</td><td class=\"n\">%s s</td><td><code>./fuzz/%s %s</code></td></tr>\n", $1, $3, $4, $5, $3, $6 }'
	echo '</table>'
else
	echo '<p id="no-hangs">None.</p>'
fi

echo '<h2 id="coverage">Coverage of the code under test</h2>'
if [ -f "$run/coverage/areas.tsv" ]; then
	echo '<table id="coverage-table">'
	echo '<tr><th>area</th><th>lines</th><th>line coverage</th><th>functions</th><th>regions</th></tr>'
	awk -F'\t' 'NR > 1 { printf "<tr><td>%s</td><td class=\"n\">%s / %s</td><td class=\"n\">%s %%</td><td class=\"n\">%s / %s</td><td class=\"n\">%s / %s</td></tr>\n", $1, $2, $3, $4, $5, $6, $7, $8 }' "$run/coverage/areas.tsv"
	echo '</table>'
	[ -f "$run/coverage/index.html" ] && echo '<p>Per file and per line: <code>coverage/index.html</code> next to this page (llvm-cov).</p>'
else
	echo '<p id="no-coverage">Not measured in this run (FUZZ_COVERAGE=0, or the coverage build failed: see coverage.log).</p>'
fi
cat <<EOF
</body>
</html>
EOF
