#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# dedupe-test.sh - one bug is one row, and minimisation keeps the bug, not
# the statement it happened to fire after (docs/fuzzing.md "Triage"):
#  - crash-signature.sh --key: WHAT | * | WHERE when WHERE locates the
#    failure, the whole signature when WHERE is -;
#  - the campaign table (scripts/fuzz-campaign.sh over stand-ins for
#    libFuzzer and vsmmu-run): the same invariant at the same check after a
#    cmd and after a write is one row listing both kinds (x2); two
#    frameless aborts under two kinds stay two rows;
#  - make minimize drops the statement the violation fired after when the
#    violation then fires at the next one (or at teardown) with the same
#    WHAT and WHERE.
# The stand-in vsmmu-run traces the statements of its input file and, at
# the first statement after a line holding BUG (or at teardown), reports
# an I5 violation at field=S2TTB; a line holding ABORT makes it die of
# SIGABRT at that line. Run by make check from the build directory.
set -u
srcdir=${srcdir:-.}
command -v bash > /dev/null 2>&1 || { echo "dedupe-test: bash missing"; exit 77; }
src=$(cd "$srcdir" && pwd)
sig="$src/scripts/crash-signature.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dedupe-test.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
bad() { echo "FAIL: $*"; fail=1; }
eq() { if [ "$2" = "$3" ]; then echo "ok   $1: $2"; else bad "$1: got '$2', want '$3'"; fi; }

eq "key, frames" "$(sh "$sig" --key 'asan:heap-buffer-overflow | dma | walk_s1<plat_dma')" \
	'asan:heap-buffer-overflow | * | walk_s1<plat_dma'
eq "key, oracle field" "$(sh "$sig" --key 'I5 | cmd | field=S2TTB')" 'I5 | * | field=S2TTB'
eq "key, no locator" "$(sh "$sig" --key 'signal:6 | map | -')" 'signal:6 | map | -'
eq "key, round trip" "$(sh "$sig" --key 'scenario:bytes-round-trip:guest-name-tables | guest | at=name-padding')" \
	'scenario:bytes-round-trip:guest-name-tables | * | at=name-padding'

mkdir -p "$tmp/w/fuzz"
cat > "$tmp/w/fuzz/vsmmu-run" <<'EOF2'
#!/bin/sh
for f in "$@"; do file=$f; done
awk '
	/^[ \t]*(#|$)/ { next }
	{ n++; print "    " n ": " $0 }
	/ABORT/ { told = 1; exit 134 }
	taint { print "ISOLATION VIOLATION [I5] stale stage 2 field=S2TTB"; told = 1; exit 1 }
	/BUG/ { taint = 1 }
	# (an exit in a rule still runs END: told says the run is over)
	END { if (taint && !told) { print "teardown: destroy"; print "ISOLATION VIOLATION [I5] stale stage 2 field=S2TTB"; exit 1 } }
' "$file"
st=$?
[ "$st" -eq 134 ] && kill -ABRT $$
exit "$st"
EOF2
chmod +x "$tmp/w/fuzz/vsmmu-run"
printf 'mem g0 BUG\ncmd g0 CFGI_ALL\n' > "$tmp/a"
printf 'mem g0 BUG\nwrite g0 CR0 1\n' > "$tmp/b"
printf 'guest g0\nmap g0 ABORT\n' > "$tmp/c"
printf 'guest g0\ncd g0 ABORT\n' > "$tmp/d"
eq "stand-in, I5 after cmd" "$(sh "$sig" --run "$tmp/w/fuzz/vsmmu-run" --target fuzz_faults "$tmp/a")" 'I5 | cmd | field=S2TTB'
eq "stand-in, abort under map" "$(sh "$sig" --run "$tmp/w/fuzz/vsmmu-run" --target fuzz_faults "$tmp/c")" 'signal:6 | map | -'

# The stand-in libFuzzer: writes the four inputs as crashes, a first.
cat > "$tmp/w/fuzz/fuzz_faults" <<EOF2
#!/bin/sh
art= merge=0
for a in "\$@"; do
	case \$a in -merge=1) merge=1 ;; -artifact_prefix=*) art=\${a#-artifact_prefix=} ;; esac
done
[ "\$merge" = 1 ] && exit 0
echo "#100: cov: 900 ft: 1000 corp: 80 exec/s 100 oom/timeout/crash: 0/0/4 time: 1s job: 1 dft_time: 0"
t=\$(date +%s)
for x in a b c d; do
	t=\$(( t + 1 ))
	cp "$tmp/\$x" "\${art}crash-\$x\$x\$x\$x"
	touch -d "@\$t" "\${art}crash-\$x\$x\$x\$x"
done
exit 0
EOF2
chmod +x "$tmp/w/fuzz/fuzz_faults"
cd "$tmp/w" || exit 99
FUZZ_COVERAGE=0 bash "$src/scripts/fuzz-campaign.sh" --srcdir "$src" --seconds 2 --jobs 1 fuzz_faults > "$tmp/out" 2>&1
st=$?
cat "$tmp/out"
[ "$st" -eq 0 ] || bad "campaign exit $st"
[ "$(grep -c -F 'I5 | cmd,write | field=S2TTB   x2,' "$tmp/out")" -eq 1 ] || bad "I5 after cmd and after write: not one row 'I5 | cmd,write | field=S2TTB' x2"
grep -q -F 'signal:6 | map | -   x1' "$tmp/out" && grep -q -F 'signal:6 | cd | -   x1' "$tmp/out" ||
	bad "the frameless aborts under map and cd should be two rows"
[ "$(awk -F'\t' '$1 == "crash"' results/latest/crashes.tsv | wc -l)" -eq 3 ] || bad "crashes.tsv: want 3 rows"
awk -F'\t' '$2 == "I5 | cmd,write | field=S2TTB" && $4 == 2 && $6 ~ /crash-aaaa$/ { ok = 1 } END { exit !ok }' results/latest/crashes.tsv ||
	bad "crashes.tsv: the I5 row: $(grep I5 results/latest/crashes.tsv)"

# make minimize keeps the bug while the statement it fires after changes.
printf 'write g0 CR0 0\nmem g0 BUG\ncmd g0 CFGI_ALL\ndma g0 vsid=0 iova=0 read\n' > "$tmp/m.scn"
PROG=./fuzz/vsmmu-run sh "$src/scripts/crash-triage.sh" minimize --seconds 60 --out "$tmp/min.scn" "$tmp/m.scn" \
	> "$tmp/minout" 2> "$tmp/minerr" || bad "minimize failed: $(tail -n 2 "$tmp/minerr")"
eq "minimize, statements left" "$(grep -v '^#' "$tmp/min.scn" | tr '\n' ';')" 'mem g0 BUG;'
grep -q '^# signature: I5 | teardown | field=S2TTB$' "$tmp/min.scn" || bad "minimize: the result's own signature is not in its header"
[ "$fail" = 0 ] && echo "dedupe-test: ok"
exit "$fail"
