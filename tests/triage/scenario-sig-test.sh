#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# scenario-sig-test.sh - scripts/crash-signature.sh on fuzz_scenario, whose
# round-trip checks abort in the harness with a message (no frame of ours,
# no world for vsmmu-run to replay): the signature is the check's kind,
# scenario:MODE-round-trip:KIND | OP | at=PART, never unknown.
#  - --parse on the two report shapes: the target's message with its words
#    (fuzz/scn_check.h) under an ASan abort of the standalone driver, and
#    the older message without them under libFuzzer's "deadly signal"
#    (whose frames "main (/build/fuzz/fuzz_scenario+0x...)" are not ours);
#  - --target fuzz_scenario runs ./fuzz/fuzz_scenario (a stand-in printing
#    a failed round trip) and names it;
#  - every committed fuzz_scenario regression passes on this tree ("none");
#  - make minimize of a fuzz_scenario input keeps that signature (the
#    stand-in fails on any text holding a line "map BUG").
# Run by make check from the build directory.
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
sig="$srcdir/scripts/crash-signature.sh"
tri="$srcdir/scripts/crash-triage.sh"
fz="$top_builddir/fuzz/fuzz_scenario"
[ -x "$fz" ] || { echo "scenario-sig-test: $fz is not built" >&2; exit 99; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/scnsig.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
bad() { echo "FAIL: $*"; fail=1; }
expect() { # what got want
	case $2 in unknown*|*"| unknown"*|scenario:*:unknown*) bad "$1: unknown signature '$2'"; return ;; esac
	if [ "$2" = "$3" ]; then echo "ok   $1: $2"; else bad "$1: got '$2', want '$3'"; fi
}
: > "$tmp/trace"

# 1. The standalone driver under ASan (handle_abort=1), the current message.
cat > "$tmp/rep1" <<'REPORT'
fuzz_scenario: bytes round trip [guest-name-tables op=guest at=name-padding]: the guest name tables differ: slot 1 is 'g1' in both, but the bytes after the name's end differ (a name slot is NUL-padded, fuzz/op.h)
AddressSanitizer:DEADLYSIGNAL
=================================================================
==16822==ERROR: AddressSanitizer: ABRT on unknown address 0x0000000041b6 (pc 0x7efc7c0e9eec bp 0x7efc7c05dbc0 sp 0x7ffe4cafd910 T0)
    #0 0x7efc7c0e9eec in __pthread_kill_implementation nptl/./nptl/pthread_kill.c:44:76
    #1 0x7efc7c09afb1 in raise signal/../sysdeps/posix/raise.c:26:13
    #2 0x7efc7c085471 in abort stdlib/./stdlib/abort.c:79:7
    #3 0x5570be78d196 in fail /src/fuzz/fuzz_scenario.c:26:2
    #4 0x5570be78d108 in LLVMFuzzerTestOneInput /src/fuzz/fuzz_scenario.c:36:3
    #5 0x5570be78e5e3 in replay_run /src/fuzz/standalone_main.c:52:2
    #6 0x5570be78d4c9 in main /src/fuzz/standalone_main.c:236:9
    #7 0x5570be6cf350 in _start (/build/fuzz/fuzz_scenario+0x3f350) (BuildId: 76eab80c9f8b8bbcba235948d1b6065beb61729a)

SUMMARY: AddressSanitizer: ABRT nptl/./nptl/pthread_kill.c:44:76 in __pthread_kill_implementation
==16822==ABORTING
REPORT
expect "--parse, ASan abort" "$(sh "$sig" --parse "$tmp/trace" "$tmp/rep1" 1)" \
	'scenario:bytes-round-trip:guest-name-tables | guest | at=name-padding'

# 2. libFuzzer's deadly signal, the message of the open finding (before
# the check had words): the kind from its text, no frame.
cat > "$tmp/rep2" <<'REPORT'
fuzz_scenario: bytes round trip: the guest name tables differ
==17988== ERROR: libFuzzer: deadly signal
    #0 0x55c96836ad01 in __sanitizer_print_stack_trace (/build/fuzz/fuzz_scenario+0x115d01) (BuildId: c851c581d7bf349b2d1327b5678a632381e55086)
    #1 0x55c9682dd658 in fuzzer::PrintStackTrace() (/build/fuzz/fuzz_scenario+0x88658) (BuildId: c851c581d7bf349b2d1327b5678a632381e55086)
    #6 0x7f1bb7c44471 in abort stdlib/./stdlib/abort.c:79:7
    #7 0x55c96839bb82 in LLVMFuzzerTestOneInput /src/fuzz/fuzz_scenario.c:32:3
    #8 0x55c9682c4313 in fuzzer::Fuzzer::ExecuteCallback(unsigned char const*, unsigned long) (/build/fuzz/fuzz_scenario+0x6f313) (BuildId: c851c581d7bf349b2d1327b5678a632381e55086)
    #11 0x55c9682dde92 in main (/build/fuzz/fuzz_scenario+0x88e92) (BuildId: c851c581d7bf349b2d1327b5678a632381e55086)
    #14 0x55c9682a89b0 in _start (/build/fuzz/fuzz_scenario+0x539b0) (BuildId: c851c581d7bf349b2d1327b5678a632381e55086)
SUMMARY: libFuzzer: deadly signal
REPORT
expect "--parse, libFuzzer, older message" "$(sh "$sig" --parse "$tmp/trace" "$tmp/rep2" 1)" \
	'scenario:bytes-round-trip:guest-name-tables | - | -'
printf 'fuzz_scenario: text round trip: statement 4 (kind 15, line 4) differs\n' > "$tmp/rep3"
expect "--parse, older statement message" "$(sh "$sig" --parse "$tmp/trace" "$tmp/rep3" 134)" \
	'scenario:text-round-trip:statement | - | -'
printf 'fuzz_scenario: text round trip [statement op=map at=-]: statement 4 (kind 15, line 4) differs\n' > "$tmp/rep4"
expect "--parse, statement" "$(sh "$sig" --parse "$tmp/trace" "$tmp/rep4" 134)" \
	'scenario:text-round-trip:statement | map | -'

# 3. --target fuzz_scenario runs the target itself (a stand-in here, next
# to a PROG that need not exist), exit 1 as libFuzzer's is a crash too.
mkdir -p "$tmp/b/fuzz"
cat > "$tmp/b/fuzz/fuzz_scenario" <<'EOF2'
#!/bin/sh
for f in "$@"; do
	case $f in -*) continue ;; esac
	if grep -q '^map BUG' "$f"; then
		echo 'fuzz_scenario: text round trip [statement op=map at=-]: statement 2 (kind 15, line 2) differs' >&2
		echo '==1== ERROR: libFuzzer: deadly signal' >&2
		exit 1
	fi
done
exit 0
EOF2
chmod +x "$tmp/b/fuzz/fuzz_scenario"
printf 'psmmu 0\nguest g1 vmid=1 ram=0x40000000:1M\nwrite g1 CR0 0\nmap BUG\nsettle\nsettle\n' > "$tmp/in.scn"
expect "--target fuzz_scenario" "$(sh "$sig" --run "$tmp/b/fuzz/vsmmu-run" --target fuzz_scenario "$tmp/in.scn")" \
	'scenario:text-round-trip:statement | map | -'

# 4. The committed regressions of fuzz_scenario pass on this tree.
n=0
for f in "$srcdir"/corpus/regressions/fuzz_scenario/*; do
	[ -f "$f" ] || continue
	n=$(( n + 1 ))
	s=$(sh "$sig" --run "$top_builddir/fuzz/vsmmu-run" --target fuzz_scenario "$f")
	[ "$s" = 'none | - | -' ] || bad "$(basename "$f"): '$s' (a fixed finding fails again)"
done
[ "$n" -ge 1 ] && echo "ok   $n fuzz_scenario regression(s): none" || bad "no corpus/regressions/fuzz_scenario/ inputs"

# 5. make minimize of a fuzz_scenario text: lines removed, signature kept.
PROG="$tmp/b/fuzz/vsmmu-run" sh "$tri" minimize --target fuzz_scenario --seconds 60 --out "$tmp/min" \
	"$tmp/in.scn" > "$tmp/minout" 2> "$tmp/minerr" || bad "minimize failed: $(tail -n 2 "$tmp/minerr")"
if [ "$(cat "$tmp/min" 2>/dev/null)" = "map BUG" ]; then echo "ok   minimize: 6 lines -> 'map BUG'"
else bad "minimize left '$(tr '\n' ';' < "$tmp/min" 2>/dev/null)', want 'map BUG'"; fi
grep -q '^# signature: scenario:text-round-trip:statement | map | -$' "$tmp/minout" || bad "minimize printed no signature: $(head -n 3 "$tmp/minout")"
exit "$fail"
