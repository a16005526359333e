#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# campaign-test.sh - scripts/fuzz-campaign.sh end to end, over a stand-in
# for libFuzzer (a script printing fork-mode status lines and writing
# artifacts, as libFuzzer does) so that the test is quick and exact:
#  - the flags a campaign must pass (-fork=J, -ignore_crashes/timeouts/ooms,
#    the persistent corpus, -merge=1 back into it);
#  - the crash table: two inputs of one bug are one signature (x2; computed
#    by scripts/crash-signature.sh through the test variant of libvsmmu with
#    a planted UBSan defect, or an I9 one without sanitizers), the timeout
#    listed apart, reproduce commands;
#  - series.tsv, summary.tsv, crashes.tsv and a well-formed report.html;
#  - the persistent corpus grows and the countdown never goes negative;
#  - a campaign whose target executes nothing fails.
# Run by make check from the build directory.
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
runx="$top_builddir/fuzz/vsmmu-run-defects"
[ -x "$runx" ] || { echo "campaign-test: $runx is not built" >&2; exit 99; }
command -v bash > /dev/null 2>&1 || { echo "campaign-test: bash missing"; exit 77; }
src=$(cd "$srcdir" && pwd)
runx=$(cd "$(dirname "$runx")" && pwd)/$(basename "$runx")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/campaign-test.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/w/fuzz"
ln -s "$runx" "$tmp/w/fuzz/vsmmu-run"
seed="$src/corpus/fuzz_faults/51-attack-commands.bin"
# The stand-in: records its arguments; -merge=1 copies new files into the
# first directory; otherwise prints two status lines and writes two crash
# inputs (the same bug), a timeout input and one new corpus input.
cat > "$tmp/w/fuzz/fuzz_faults" <<EOF2
#!/bin/sh
echo "\$*" >> "$tmp/args"
[ -n "\${FAKE_NOTHING:-}" ] && exit 0
art= first= merge=0
for a in "\$@"; do
	case \$a in
	-merge=1) merge=1 ;;
	-artifact_prefix=*) art=\${a#-artifact_prefix=} ;;
	-*) ;;
	*) [ -z "\$first" ] && first=\$a ;;
	esac
done
if [ "\$merge" = 1 ]; then
	for a in "\$@"; do
		case \$a in -*) continue ;; esac
		[ "\$a" = "\$first" ] && continue
		for f in "\$a"/*; do [ -f "\$f" ] && cp "\$f" "\$first/"; done
	done
	exit 0
fi
echo "INFO: -fork=2: fuzzing in separate process(s)"
echo "#100: cov: 900 ft: 1000 corp: 80 exec/s 100 oom/timeout/crash: 0/0/0 time: 1s job: 1 dft_time: 0"
sleep 2
cp "$seed" "\${art}crash-aaaa"
cp "$seed" "\${art}crash-bbbb"
printf 'x' > "\${art}timeout-cccc"
printf 'new' > "\$first/new-input"
echo "#300: cov: 950 ft: 1100 corp: 81 exec/s 150 oom/timeout/crash: 0/1/2 time: 2s job: 2 dft_time: 0"
exit 0
EOF2
chmod +x "$tmp/w/fuzz/fuzz_faults"
fail=0
bad() { echo "FAIL: $*"; fail=1; }
. "$srcdir/tests/triage/lib.sh"
if sanitized "$runx"; then
	defect=SHIFT_GUEST_32 want='ubsan:shift-exponent-N-is-too-large-for-N-bit | cmd | '
else
	defect=CR0ACK_STUCK want='I9 | write | field=CR0ACK'
fi
cd "$tmp/w" || exit 99
VSMMU_DEFECT=$defect FUZZ_COVERAGE=0 bash "$src/scripts/fuzz-campaign.sh" --srcdir "$src" \
	--seconds 3 --jobs 2 fuzz_faults > "$tmp/out" 2>&1
st=$?
cat "$tmp/out"
[ "$st" -eq 0 ] || bad "campaign exit $st"
grep -q -- '-fork=2 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 ' "$tmp/args" || bad "fork-mode flags: $(head -n 1 "$tmp/args")"
grep -q ' corpus-live/fuzz_faults ' "$tmp/args" || bad "the persistent corpus is not read"
grep -q -- '-merge=1 .* corpus-live/fuzz_faults results/' "$tmp/args" || bad "no merge back into the persistent corpus"
[ -f corpus-live/fuzz_faults/new-input ] || bad "the persistent corpus did not get the new input"
grep -q '^fuzz_faults  *300 ' "$tmp/out" || bad "table: executions"
n=$(grep -c -F "$want" "$tmp/out")
[ "$n" -eq 1 ] || bad "the two crash inputs should be one signature, $n lines"
grep -q 'x2, first after' "$tmp/out" || bad "signature count x2"
grep -q 'reproduce: make reproduce CRASH=results/.*/fuzz_faults/crashes/crash-aaaa' "$tmp/out" || bad "reproduce command of the first input"
grep -q 'Timeouts and out-of-memory' "$tmp/out" && grep -q 'fuzz_faults  *timeout  *x1' "$tmp/out" || bad "timeout not listed apart"
grep -q -- '-[0-9]*s left' "$tmp/out" && bad "negative countdown"
r=results/latest
[ -f "$r/report.html" ] || bad "no report.html"
if command -v xmllint > /dev/null 2>&1; then xmllint --noout "$r/report.html" || bad "report not well-formed"; fi
[ "$(grep -c 'class="crash"' "$r/report.html")" -eq 1 ] || bad "report: crash rows"
[ "$(awk 'END { print NR }' "$r/fuzz_faults/series.tsv")" -ge 2 ] || bad "no samples in series.tsv"
awk -F'\t' 'NR == 2 && $1 == "fuzz_faults" && $3 == 300 && $10 == 2 && $11 == 1 { ok = 1 } END { exit !ok }' "$r/summary.tsv" ||
	bad "summary.tsv: $(sed -n 2p "$r/summary.tsv")"
# Nothing executed: an error.
rm -rf results corpus-live
FAKE_NOTHING=1 FUZZ_COVERAGE=0 bash "$src/scripts/fuzz-campaign.sh" --srcdir "$src" --seconds 2 --jobs 1 fuzz_faults > "$tmp/out2" 2>&1
st=$?
[ "$st" -ne 0 ] || bad "a campaign that executed nothing exited 0"
grep -q 'executed nothing' "$tmp/out2" || bad "no 'executed nothing' note: $(tail -n 3 "$tmp/out2")"
[ "$fail" = 0 ] && echo "campaign-test: ok"
exit "$fail"
