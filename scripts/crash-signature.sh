#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# crash-signature.sh - the stable signature of a failing fuzz input: what
# fired, the op that was running, and where (docs/fuzzing.md "Triage").
#
#   crash-signature.sh [--target T] [--run PROG] FILE
#   crash-signature.sh --parse TRACE REPORT EXIT      (from saved output)
#   crash-signature.sh --key 'WHAT | OP | WHERE'      (the bug a signature is)
#
# Runs FILE once through vsmmu-run (-v, with --target T for a fuzz input of
# target T; a scenario printed by --print --target carries its target) and
# prints one line:
#
#   WHAT | OP | WHERE
#
#   WHAT   I1..I12 (the oracle), asan:KIND, ubsan:KIND (the message with
#          numbers and names taken out), leak, abort, timeout, oom, signal:N,
#          scenario:MODE-round-trip:KIND (a round trip of fuzz_scenario
#          failed: MODE text or bytes, KIND the check's word, fuzz/scn_check.h:
#          reparse, guest-name-tables, statement, statement-count, unstable),
#          or none (the input passes)
#   OP     the kind of the statement that was running (dma, cmd, write, ...),
#          teardown, or - (before any statement); for a round trip, the kind
#          of the statement that differs (guest, write, inject-event, ...)
#   WHERE  a sanitizer report's top 3 frames in our code (function names,
#          innermost first, joined by <; the harness, the engine and the
#          sanitizer runtime left out), or for an oracle violation the
#          check that fired (the field= of its report); a round trip aborts
#          in the harness (no frame of ours), so its WHERE is the part that
#          differs (at=name, at=name-padding) or -
#
# fuzz_scenario runs no world, so vsmmu-run cannot replay its inputs: with
# --target fuzz_scenario the target itself (fuzz/fuzz_scenario next to
# PROG) runs FILE once.
#
# Nothing in it depends on addresses, PIDs, file names, line numbers or
# values, so two runs of one input give the same line (`make reproduce`
# wants exactly that).
#
# The bug, --key: OP says when a check fired, not what is wrong, and one
# bug is often reached from several statements (a stale STE found by the
# oracle after a cmd, or after a write to CR0). So when WHERE locates the
# failure (frames, field=, at=), the bug is WHAT | * | WHERE, whatever OP
# was; only when WHERE is - (no frame: a timeout, an abort in a build
# without sanitizers, a round trip that differs in a statement) OP stays in
# it, being then the only locator left. `make fuzz` has one table row per
# key (listing every OP it was seen with); `make minimize` keeps a removal
# when the key stays the same.
# Environment: SIG_TIMEOUT (seconds before a run counts as a timeout,
# default 25), PROG (default ./fuzz/vsmmu-run; ./fuzz/vsmmu-run-defects
# with VSMMU_DEFECT=NAME for a planted defect).
# Exit: 0 signature printed, 2 usage or missing program.
set -u

parse() { # trace report exit-status
	awk -v st="$3" '
	FILENAME == ARGV[1] {
		# trace: "   12: stmt ..." lines, the oracle line, teardown; the
		# op is the one running when the oracle fired
		if (what != "") next
		if ($0 ~ /^ *[0-9]+: /) { sub(/^ *[0-9]+: */, ""); op = $1; next }
		if ($0 ~ /^teardown: /) { op = "teardown"; next }
		if (what == "" && match($0, /ISOLATION VIOLATION \[I[0-9]+\]/)) {
			what = substr($0, RSTART + 21, RLENGTH - 22)
			chk = ""
			if (match($0, /field=[^ ]+/)) chk = substr($0, RSTART, RLENGTH)
			else { s = $0; sub(/.*ISOLATION VIOLATION \[I[0-9]+\] */, "", s); chk = norm(s, 4) }
		}
		next
	}
	# the report (stderr)
	/runtime error: / && san == "" {
		s = $0; sub(/.*runtime error: /, "", s); san = "ubsan:" norm(s, 8); instack = 0
	}
	/ERROR: AddressSanitizer: / && san == "" {
		s = $0; sub(/.*ERROR: AddressSanitizer: /, "", s); split(s, a, " ")
		k = a[1]; if (k == "requested" || k == "allocation-size-too-big" || k == "out-of-memory") k = "oom"
		san = (k == "oom") ? "oom" : (k == "ABRT" ? "abort" : "asan:" k)
	}
	/ERROR: LeakSanitizer: / && san == "" { san = "leak" }
	# fuzz_scenario: "fuzz_scenario: MODE round trip [KIND op=OP at=AT]: text"
	# (the words of fuzz/scn_check.h), or the older "MODE round trip: text"
	# whose text gives the kind
	/fuzz_scenario: (text|bytes) round trip/ && scn == "" {
		s = $0; sub(/.*fuzz_scenario: /, "", s); mode = s; sub(/ .*/, "", mode)
		if (match(s, /\[[a-z-]+ op=[^ ]+ at=[^]]*\]/)) {
			split(substr(s, RSTART + 1, RLENGTH - 2), a, " ")
			scn = a[1]; scnop = a[2]; sub(/^op=/, "", scnop); scnat = a[3]; sub(/^at=/, "", scnat)
		} else {
			scnop = "-"; scnat = "-"
			if (s ~ /guest name tables differ/) scn = "guest-name-tables"
			else if (s ~ /does not parse/) scn = "reparse"
			else if (s ~ /statement [0-9]+ .*differs/) scn = "statement"
			else if (s ~ /[0-9]+ statements, then [0-9]+/) scn = "statement-count"
			else if (s ~ /gives other text/) scn = "unstable"
			else scn = "unknown"
		}
		scn = "scenario:" mode "-round-trip:" scn
	}
	/Assertion .* failed/ && ass == "" { ass = "abort" }
	/out-of-memory \(malloc|rss limit exhausted/ && san == "" { san = "oom" }
	# frames of the first stack only: "#N 0xADDR in FUNC FILE:LINE[:COL]"
	/^ *#[0-9]+ 0x[0-9a-f]+ in / {
		if (stacks_done) next
		instack = 1
		fn = $4; file = $5
		if (file ~ /compiler-rt|sanitizer_common|\/libfuzzer\/|Fuzzer[A-Za-z]*\.cpp|libc\.so|libc-start|\/csu\// ) next
		# a frame without a source file ("(binary+0x...)") is not ours
		# even when the binary lies under fuzz/
		if (file ~ /^\(/ || file !~ /\/(vsmmu|inject|fuzz)\//) next
		if (file ~ /\/fuzz\/(fuzz_[a-z0-9_]*\.c|standalone_main\.c|afl_main\.c|vsmmu_run\.c|vsmmu_seed\.c)/) next
		if (nf < 3) { fr[++nf] = fn }
		next
	}
	instack && !/^ *#[0-9]+ / { instack = 0; if (nf > 0) stacks_done = 1 }
	function norm(s, n,    w, i, out, m) {
		gsub(/0x[0-9a-fA-F]+/, "N", s); gsub(/[0-9]+/, "N", s)
		gsub(/\047[^\047]*\047/, "T", s); gsub(/"[^"]*"/, "T", s)
		gsub(/[^A-Za-z0-9_ -]/, "", s)
		m = split(s, w, " "); out = ""
		for (i = 1; i <= m && i <= n; i++) out = out (i > 1 ? "-" : "") w[i]
		return out
	}
	END {
		where = ""
		for (i = 1; i <= nf; i++) where = where (i > 1 ? "<" : "") fr[i]
		if (what != "") { w = what; where = chk }
		else if (scn != "") {
			# the check aborts in the harness: its words, not the abort
			w = scn; op = scnop
			if (where == "") where = (scnat == "-" || scnat == "") ? "-" : "at=" scnat
		}
		else if (san != "") w = san
		else if (ass != "") w = ass
		else if (st == 124 || st == 137) w = "timeout"
		else if (st >= 128) w = "signal:" (st - 128)
		else if (st == 0) w = "none"
		else w = "exit:" st
		if (w == "none") { op = "-"; where = "-" }
		if (op == "") op = "-"
		if (where == "") where = "-"
		print w " | " op " | " where
	}' "$1" "$2"
}

# The key of a signature (see above): WHAT | * | WHERE, or the signature
# itself when WHERE is -.
key() {
	printf '%s\n' "$1" | awk -F' [|] ' 'NF == 3 && $3 != "-" { print $1 " | * | " $3; next } { print }'
}

if [ "${1:-}" = --key ]; then
	[ $# -eq 2 ] || { echo "usage: crash-signature.sh --key SIGNATURE" >&2; exit 2; }
	key "$2"
	exit 0
fi
if [ "${1:-}" = --parse ]; then
	[ $# -eq 4 ] || { echo "usage: crash-signature.sh --parse TRACE REPORT EXIT" >&2; exit 2; }
	parse "$2" "$3" "$4"
	exit 0
fi

target= prog=${PROG:-./fuzz/vsmmu-run}
while [ $# -gt 1 ]; do
	case $1 in
	--target) target=$2; shift 2 ;;
	--run) prog=$2; shift 2 ;;
	*) break ;;
	esac
done
[ $# -eq 1 ] || { echo "usage: crash-signature.sh [--target T] [--run PROG] FILE" >&2; exit 2; }
[ "$target" = fuzz_scenario ] || [ -x "$prog" ] ||
	{ echo "crash-signature: $prog is not built (run from the build directory)" >&2; exit 2; }
[ -r "$1" ] || { echo "crash-signature: cannot read $1" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/crashsig.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
# Symbolised stacks from both sanitizers; an abort() reported with its stack.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}symbolize=1:handle_abort=1:detect_leaks=1"
UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}print_stacktrace=1:halt_on_error=1:symbolize=1"
export ASAN_OPTIONS UBSAN_OPTIONS
if [ "$target" = fuzz_scenario ]; then
	fz="$(dirname "$prog")/fuzz_scenario"
	[ -x "$fz" ] || { echo "crash-signature: $fz is not built" >&2; exit 2; }
	timeout -k 5 "${SIG_TIMEOUT:-25}" "$fz" "$1" > "$tmp/trace" 2> "$tmp/report" < /dev/null
	st=$?
	# a libFuzzer build says "deadly signal" and exits 1: a crash all the same
	[ "$st" -eq 1 ] && grep -q 'ERROR: \|fuzz_scenario: .* round trip' "$tmp/report" && st=134
	if [ "$st" -eq 2 ]; then   # the standalone driver could not read it
		echo "crash-signature: $fz could not load $1: $(head -n 1 "$tmp/report")" >&2
		exit 2
	fi
	: > "$tmp/trace"          # its stdout is the engine's, no statement trace
	parse "$tmp/trace" "$tmp/report" "$st"
	exit 0
elif [ -n "$target" ]; then
	timeout -k 5 "${SIG_TIMEOUT:-25}" "$prog" -v --target "$target" "$1" > "$tmp/trace" 2> "$tmp/report" < /dev/null
else
	timeout -k 5 "${SIG_TIMEOUT:-25}" "$prog" -v "$1" > "$tmp/trace" 2> "$tmp/report" < /dev/null
fi
st=$?
# vsmmu-run's own "exit 1" is a verdict (FAIL/violation), not a crash.
[ "$st" -eq 1 ] && ! grep -q 'ERROR: \|runtime error: ' "$tmp/report" && st=0
if [ "$st" -eq 2 ]; then
	echo "crash-signature: $prog could not load $1: $(head -n 1 "$tmp/report")" >&2
	exit 2
fi
parse "$tmp/trace" "$tmp/report" "$st"
