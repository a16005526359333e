#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# afl-campaign-test.sh - scripts/afl-campaign.sh and the AFL++ side of
# scripts/fuzz-campaign.sh (make fuzz-afl) end to end, over a stand-in for
# afl-fuzz (a script that keeps fuzzer_stats, a queue and crashes in its
# instance directory as afl-fuzz does, and counts its executions over a
# resume as afl-fuzz does), so that the test is quick, exact and needs no
# AFL++:
#  - one main (-M main, with -c CMPLOG) and JOBS-1 secondaries (-S s1..) in
#    one sync directory, with the target's dictionary (-x) and the seeds;
#  - a second run resumes every instance (the output directory is kept)
#    and counts only its own executions;
#  - a run whose instances execute nothing fails, and says so;
#  - make fuzz-afl's campaign resumes the same directory, reports this
#    run's executions and crashes only (not those of earlier runs), and
#    copies the queues into the persistent corpus.
# Run by make check from the build directory.
set -u
srcdir=${srcdir:-.}
command -v bash > /dev/null 2>&1 || { echo "afl-campaign-test: bash missing"; exit 77; }
src=$(cd "$srcdir" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/afl-campaign-test.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/bin" "$tmp/w/fuzz" "$tmp/w/cmplog/fuzz"
# The stand-in afl-fuzz: 100 executions per run on top of what the
# instance's fuzzer_stats held (none with FAKE_NOTHING), one new queue
# entry per run, a crash from the main instance with FAKE_CRASH.
cat > "$tmp/bin/afl-fuzz" <<EOF2
#!/bin/sh
echo "\$*" >> "$tmp/args"
in= out= id=default
while [ \$# -gt 0 ]; do
	case \$1 in
	-i) in=\$2; shift 2 ;;
	-o) out=\$2; shift 2 ;;
	-M|-S) id=\$2; shift 2 ;;
	-V|-t|-x|-c) shift 2 ;;
	--) break ;;
	*) shift ;;
	esac
done
d=\$out/\$id prev=0
if [ -f "\$d/fuzzer_stats" ]; then
	prev=\$(sed -n 's/^execs_done *: *//p' "\$d/fuzzer_stats")
else
	mkdir -p "\$d/queue" "\$d/crashes" || exit 1
	n=0
	for f in "\$in"/*; do n=\$((n + 1)); cp "\$f" "\$d/queue/id:\$n,orig:\${f##*/}"; done
fi
[ -n "\${FAKE_NOTHING:-}" ] && exit 0
sleep 1
e=\$((prev + 100))
printf 'new %s %s' "\$id" "\$e" > "\$d/queue/id:new\$e"
[ -n "\${FAKE_CRASH:-}" ] && [ "\$id" = main ] && printf 'boom %s' "\$e" > "\$d/crashes/id:c\$e,sig:06"
printf 'execs_done        : %s\nexecs_per_sec     : 50.00\nedges_found       : 10\ncorpus_count      : %s\n' \
	"\$e" "\$(ls "\$d/queue" | wc -l)" > "\$d/fuzzer_stats"
exit 0
EOF2
printf '#!/bin/sh\nexit 0\n' > "$tmp/w/fuzz/fuzz_mmio"
cp "$tmp/w/fuzz/fuzz_mmio" "$tmp/w/cmplog/fuzz/fuzz_mmio"
printf '"x"\n' > "$tmp/w/fuzz/fuzz_mmio.dict"
chmod +x "$tmp/bin/afl-fuzz" "$tmp/w/fuzz/fuzz_mmio" "$tmp/w/cmplog/fuzz/fuzz_mmio"
PATH=$tmp/bin:$PATH
export PATH
fail=0
bad() { echo "FAIL: $*"; fail=1; }
cd "$tmp/w" || exit 99
campaign() { # output-file [env...]
	o=$1; shift
	env "$@" sh "$src/scripts/afl-campaign.sh" --srcdir "$src" --jobs 2 --seconds 3 \
		--out afl-out/fuzz_mmio --cmplog cmplog/fuzz/fuzz_mmio ./fuzz/fuzz_mmio > "$o" 2>&1
}

# 1. A new campaign: main with CmpLog, one secondary, the dictionary, the seeds.
campaign "$tmp/out1" FAKE_CRASH=1
st=$?
cat "$tmp/out1"
[ "$st" -eq 0 ] || bad "first run exit $st"
grep -q 'started main (new' "$tmp/out1" && grep -q 'started s1 (new' "$tmp/out1" || bad "two new instances"
grep -q -- '-V 3 -t 10000 -x ./fuzz/fuzz_mmio.dict -i afl-out/fuzz_mmio.seeds -o afl-out/fuzz_mmio -M main -c cmplog/fuzz/fuzz_mmio -- ./fuzz/fuzz_mmio' "$tmp/args" ||
	bad "main's arguments: $(head -n 1 "$tmp/args")"
grep -q -- '-S s1 -- ./fuzz/fuzz_mmio$' "$tmp/args" || bad "the secondary's arguments"
grep -q -- '-S s1 -c' "$tmp/args" && bad "a secondary got the CmpLog binary"
nseeds=$(find "$src/corpus/fuzz_mmio" "$src/corpus/regressions/fuzz_mmio" -type f -size +0 ! -name 'README*' 2>/dev/null | wc -l)
[ "$(ls afl-out/fuzz_mmio/main/queue | grep -c orig:)" -eq "$nseeds" ] || bad "the main's queue does not hold the $nseeds seeds"
grep -q '200 executions in this run (200 in all)' "$tmp/out1" || bad "first run's count"
grep -q '1 crash input' "$tmp/out1" || bad "the crash is not counted"

# 2. Run again: both resume, only this run's executions count.
campaign "$tmp/out2"
st=$?
[ "$st" -eq 0 ] || bad "second run exit $st: $(tail -n 3 "$tmp/out2")"
grep -q 'started main (resumed' "$tmp/out2" && grep -q 'started s1 (resumed' "$tmp/out2" || bad "instances not resumed"
grep -q '200 executions in this run (400 in all)' "$tmp/out2" || bad "second run's count: $(tail -n 1 "$tmp/out2")"

# 3. Instances that execute nothing: an error, said on stderr.
campaign "$tmp/out3" FAKE_NOTHING=1
st=$?
[ "$st" -eq 1 ] || bad "a run that executed nothing exited $st"
grep -q 'executed nothing in this run' "$tmp/out3" || bad "no 'executed nothing': $(tail -n 2 "$tmp/out3")"

# 4. make fuzz-afl's campaign on the same directory: resumed, this run's
# executions (200) and no crash (the one in afl-out is an earlier run's),
# the queues copied into corpus-live/fuzz_mmio; then a crash of its own.
FUZZ_COVERAGE=0 bash "$src/scripts/fuzz-campaign.sh" --engine afl --srcdir "$src" --seconds 2 --jobs 2 \
	fuzz_mmio > "$tmp/out4" 2>&1
st=$?
cat "$tmp/out4"
[ "$st" -eq 0 ] || bad "fuzz-campaign --engine afl exit $st"
grep -q '^fuzz_mmio  *200 ' "$tmp/out4" || bad "fuzz-campaign: this run's executions"
grep -q 'No crashes' "$tmp/out4" || bad "fuzz-campaign reported an earlier run's crash"
[ -f corpus-live/fuzz_mmio/"$(printf 'new main 300' | sha1sum | cut -c1-40)" ] || bad "the queue was not copied into corpus-live"
[ "$(find corpus-live/fuzz_mmio -type f | wc -l)" -gt "$nseeds" ] || bad "corpus-live holds too few inputs"
[ -f results/latest/report.html ] || bad "no report.html"
FAKE_CRASH=1 FUZZ_COVERAGE=0 bash "$src/scripts/fuzz-campaign.sh" --engine afl --srcdir "$src" --seconds 2 --jobs 1 \
	fuzz_mmio > "$tmp/out5" 2>&1
[ "$(find results/latest/fuzz_mmio/crashes -name 'crash-*' | wc -l)" -eq 1 ] || bad "this run's crash was not collected"
awk -F'\t' 'NR == 2 && $1 == "fuzz_mmio" && $3 == 100 && $10 == 1 { ok = 1 } END { exit !ok }' results/latest/summary.tsv ||
	bad "summary.tsv: $(sed -n 2p results/latest/summary.tsv)"
[ "$fail" = 0 ] && echo "afl-campaign-test: ok"
exit "$fail"
