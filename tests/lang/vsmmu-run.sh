#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# vsmmu-run.sh - vsmmu-run end to end: PASS/FAIL lines and exit status,
# hostile files (exit 2 and exactly one line on stderr, never a crash or a
# hang), --print/--encode round trips, bytes-vs-text detection.
set -u
top_builddir=${top_builddir:-.}
run="$top_builddir/fuzz/vsmmu-run"
if [ ! -x "$run" ]; then
	echo "vsmmu-run.sh: $run is not built" >&2
	exit 99
fi
LC_ALL=C
export LC_ALL
tmp="$top_builddir/tests/lang/vsmmu-run.tmp.$$"
rm -rf "$tmp"
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' 0
fails=0
n=0

fail() {
	echo "FAIL: $*" >&2
	fails=$((fails + 1))
}

# expect STATUS STDERR_LINES NAME -- ARGS...: run, check status and stderr.
expect() {
	want=$1 lines=$2 name=$3
	shift 4
	n=$((n + 1))
	"$run" "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ "$st" -ne "$want" ]; then
		fail "$name: exit $st, expected $want"; sed 's/^/    /' "$tmp/out" "$tmp/err" >&2
		return
	fi
	got=$(wc -l <"$tmp/err" | tr -d ' ')
	if [ "$lines" != any ] && [ "$got" -ne "$lines" ]; then
		fail "$name: $got stderr lines, expected $lines"; sed 's/^/    /' "$tmp/err" >&2
	fi
}

# expect_out NAME TEXT: stdout of the last run equals TEXT.
expect_out() {
	if [ "$(cat "$tmp/out")" != "$2" ]; then
		fail "$1: stdout '$(cat "$tmp/out")', expected '$2'"
	fi
}
expect_err() {
	if [ "$(cat "$tmp/err")" != "$2" ]; then
		fail "$1: stderr '$(cat "$tmp/err")', expected '$2'"
	fi
}

cat >"$tmp/pass.scn" <<'S'
guest g1 vmid=1 ram=0x40000000:1M
mem g1 0x40000000 0102
memcheck g1 0x40000000 0102
settle
expect-isolation
S
cat >"$tmp/fail.scn" <<'S'
guest g1 vmid=1 ram=0x40000000:1M
mem g1 0x40000000 01
memcheck g1 0x40000000 02
S
printf 'guest g1 vmid=1 ram=0x40000000:1M\nfrobnicate g1\n' >"$tmp/bad.scn"

expect 0 0 pass -- "$tmp/pass.scn"
expect_out pass "PASS $tmp/pass.scn"
expect 1 0 fail -- "$tmp/fail.scn"
case $(cat "$tmp/out") in "FAIL $tmp/fail.scn:3: "*) ;; *) fail "fail: stdout '$(cat "$tmp/out")'" ;; esac
expect 2 1 parse-error -- "$tmp/bad.scn"
expect_err parse-error "$tmp/bad.scn:2: unknown statement 'frobnicate' (near 'frobnicate')"
expect 2 1 missing -- "$tmp/nonexistent.scn"
case $(cat "$tmp/err") in "$tmp/nonexistent.scn: cannot open: "*) ;; *) fail "missing: '$(cat "$tmp/err")'" ;; esac
expect 2 1 directory -- "$tmp"
expect 2 any mixed -- "$tmp/pass.scn" "$tmp/fail.scn" "$tmp/bad.scn"
[ "$(grep -c '^PASS' "$tmp/out")" -eq 1 ] || fail "mixed: no PASS line"
expect 0 0 help -- --help
expect 2 1 bad-option -- --frobnicate
expect 2 any no-args --

# Hostile files: exit 2 and one line on stderr.
awk 'BEGIN { srand(7); for (i = 0; i < 3000; i++) printf "%c", 128 + int(rand() * 128) }' >"$tmp/garbage.bin"
awk 'BEGIN { srand(9); for (i = 0; i < 3000; i++) printf "%c", 1 + int(rand() * 255) }' >"$tmp/garbage2.bin"
cp "$tmp/garbage.bin" "$tmp/garbage.scn"
expect 2 1 garbage-as-text -- --text "$tmp/garbage.bin"
expect 2 1 garbage-scn -- "$tmp/garbage.scn"
expect 2 1 garbage2-as-text -- --text "$tmp/garbage2.bin"
printf 'settle\nset\000tle\n' >"$tmp/nul.scn"
expect 2 1 nul -- "$tmp/nul.scn"
expect_err nul "$tmp/nul.scn:2: invalid byte 0x00 (scenarios are ASCII text) (near '\\x00')"
printf 'guest g1 vmid=1 ram=0x40000000:1M\nwrite g1 CR0' >"$tmp/trunc.scn"
expect 2 1 truncated -- "$tmp/trunc.scn"
printf 'guest g1 vmid=1 ram=0x40000000:1M\nwrite g1 CR0 0x10000000000000000\n' >"$tmp/ovf.scn"
expect 2 1 overflow -- "$tmp/ovf.scn"
expect_err overflow "$tmp/ovf.scn:2: number overflows 64 bits (near '0x10000000000000000')"
head -c 10485760 /dev/zero | tr '\000' 'a' >"$tmp/long.scn"
expect 2 1 10MB-line -- "$tmp/long.scn"
{ printf 'guest g1 vmid=1 ram=0x40000000:1M\nmem g1 0x40000000 '; head -c 10485760 /dev/zero | tr '\000' '0'; } >"$tmp/longhex.scn"
expect 2 1 10MB-hex -- "$tmp/longhex.scn"

# Byte inputs: decoded and run, never exit 2; printing gives text that
# parses and re-prints identically.
for f in garbage garbage2; do
	n=$((n + 1))
	"$run" "$tmp/$f.bin" >/dev/null 2>"$tmp/err"
	st=$?
	if [ "$st" -ne 0 ] && [ "$st" -ne 1 ]; then fail "$f as bytes: exit $st"; fi
	"$run" --print "$tmp/$f.bin" >"$tmp/$f.txt" 2>"$tmp/err" || fail "$f --print: exit $?"
	"$run" --print --text "$tmp/$f.txt" >"$tmp/$f.txt2" 2>"$tmp/err" || fail "$f re-print: exit $?"
	cmp -s "$tmp/$f.txt" "$tmp/$f.txt2" || fail "$f: printed text is not stable"
	"$run" --encode --text "$tmp/$f.txt" -o "$tmp/$f.enc" || fail "$f --encode: exit $?"
	"$run" --print "$tmp/$f.enc" >"$tmp/$f.txt3" || fail "$f print of encoding: exit $?"
	cmp -s "$tmp/$f.txt" "$tmp/$f.txt3" || fail "$f: encode/print round trip differs"
done

# Text -> bytes -> text, and the encoding is detected as bytes.
expect 0 0 encode -- --encode "$tmp/pass.scn" -o "$tmp/pass.bin"
expect 0 0 print-bytes -- --print "$tmp/pass.bin"
cp "$tmp/out" "$tmp/pass.printed"
expect 0 0 print-text -- --print "$tmp/pass.scn"
cmp -s "$tmp/out" "$tmp/pass.printed" || fail "print of bytes differs from print of text"
expect 0 0 run-bytes -- "$tmp/pass.bin"
expect_out run-bytes "PASS $tmp/pass.bin"
cp "$tmp/pass.bin" "$tmp/passbin.scn"
expect 0 0 magic-beats-suffix -- "$tmp/passbin.scn"
expect 2 1 force-text-on-bytes -- --text "$tmp/pass.bin"
expect 0 0 stdin -- --print - <"$tmp/pass.scn"

# Every conformance scenario present: canonical print is stable and the
# byte form prints the same text.
for f in "${srcdir:-.}"/tests/scenarios/*.scn; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	"$run" --print "$f" >"$tmp/s1" 2>"$tmp/err" || { fail "$f: --print exit $?"; continue; }
	"$run" --print --text "$tmp/s1" >"$tmp/s2" 2>>"$tmp/err" || fail "$f: re-print exit $?"
	cmp -s "$tmp/s1" "$tmp/s2" || fail "$f: canonical print not stable"
	"$run" --encode "$f" -o "$tmp/s.bin" 2>>"$tmp/err" || fail "$f: --encode exit $?"
	"$run" --print "$tmp/s.bin" >"$tmp/s3" 2>>"$tmp/err" || fail "$f: print of bytes exit $?"
	cmp -s "$tmp/s1" "$tmp/s3" || fail "$f: bytes print differently"
done

# --target: an input is built and run exactly as that fuzz target does, so a
# failed expectation does not stop it (only a violation fails it), while the
# plain run of the same bytes stops at the expectation.
seed="$top_builddir/fuzz/vsmmu-seed"
if [ -x "$seed" ]; then
	n=$((n + 1))
	"$seed" fuzz_prog "$tmp/fail.scn" "$tmp/fail.bin" 2>"$tmp/err" || fail "vsmmu-seed: exit $?"
	expect 1 0 plain-run-stops-at-expectation -- --bytes "$tmp/fail.bin"
	expect 0 0 target-run-goes-on -- --target fuzz_prog "$tmp/fail.bin"
	expect_out target-run-goes-on "PASS $tmp/fail.bin"
	expect 0 0 target-print -- --print --target fuzz_prog "$tmp/fail.bin"
	# the failed expectation is kept, marked ignored; the first line names the target
	grep -q '^memcheck g1 0x40000000 02  # ignored: ' "$tmp/out" || fail "target-print: memcheck missing or not marked ignored"
	head -n 1 "$tmp/out" | grep -q '  # fuzz-target: fuzz_prog ' || fail "target-print: no fuzz-target directive on line 1"
	cp "$tmp/out" "$tmp/printed.scn"
	expect 0 0 target-print-replays -- "$tmp/printed.scn"
	expect_out target-print-replays "PASS $tmp/printed.scn"
else
	fail "$seed is not built"
fi
for f in "${srcdir:-.}"/corpus/regressions/fuzz_faults/*; do
	[ -f "$f" ] || continue
	expect 0 0 "regression $f" -- --target fuzz_faults "$f"
done
expect 2 1 unknown-target -- --target fuzz_nope "$tmp/pass.scn"
expect 2 any target-with-encode -- --encode --target fuzz_prog "$tmp/pass.scn"

# --fail-nth: the Nth fallible call fails; the run goes on past failed
# expectations; exit 3 once the run no longer reaches call N.
expect 0 0 fail-nth-1 -- --fail-nth 1 "$tmp/pass.scn"
grep -q "^fail-nth $tmp/pass.scn: call 1 of [0-9]* failed (alloc)\$" "$tmp/out" || fail "fail-nth-1: '$(cat "$tmp/out")'"
expect 0 0 fail-nth-expectations-go-on -- --fail-nth 1 "$tmp/fail.scn"
expect 3 0 fail-nth-never -- --fail-nth 1000000 "$tmp/pass.scn"
grep -q "^fail-nth $tmp/pass.scn: call 1000000 never came ([0-9]* fallible calls)\$" "$tmp/out" ||
	fail "fail-nth-never: '$(cat "$tmp/out")'"
expect 2 1 fail-nth-zero -- --fail-nth 0 "$tmp/pass.scn"
expect 2 1 fail-nth-junk -- --fail-nth 12x "$tmp/pass.scn"
expect 2 any fail-nth-with-print -- --print --fail-nth 1 "$tmp/pass.scn"
expect 2 any fail-nth-and-parse-error -- --fail-nth 1000000 "$tmp/pass.scn" "$tmp/bad.scn"

echo "vsmmu-run.sh: $n cases, $fails failures"
[ "$fails" -eq 0 ]
