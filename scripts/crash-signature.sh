#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# crash-signature.sh - the stable signature of a failing fuzz input: what
# fired, the op that was running, and where (docs/fuzzing.md "Triage").
#
#   crash-signature.sh [--target T] [--run PROG] FILE
#   crash-signature.sh --parse TRACE REPORT EXIT      (from saved output)
#
# Runs FILE once through vsmmu-run (-v, with --target T for a fuzz input of
# target T; a scenario printed by --print --target carries its target) and
# prints one line:
#
#   WHAT | OP | WHERE
#
#   WHAT   I1..I12 (the oracle), asan:KIND, ubsan:KIND (the message with
#          numbers and names taken out), leak, abort, timeout, oom, signal:N,
#          or none (the input passes)
#   OP     the kind of the statement that was running (dma, cmd, write, ...),
#          teardown, or - (before any statement)
#   WHERE  a sanitizer report's top 3 frames in our code (function names,
#          innermost first, joined by <; the harness, the engine and the
#          sanitizer runtime left out), or for an oracle violation the
#          check that fired (the field= of its report)
#
# Nothing in it depends on addresses, PIDs, file names, line numbers or
# values, so two runs of one input, and two inputs of one bug, give the
# same line. `make fuzz` groups its crash table by it; `make reproduce` and
# `make minimize` use it as their success test.
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
	/Assertion .* failed/ && ass == "" { ass = "abort" }
	/out-of-memory \(malloc|rss limit exhausted/ && san == "" { san = "oom" }
	# frames of the first stack only: "#N 0xADDR in FUNC FILE:LINE[:COL]"
	/^ *#[0-9]+ 0x[0-9a-f]+ in / {
		if (stacks_done) next
		instack = 1
		fn = $4; file = $5
		if (file ~ /compiler-rt|sanitizer_common|\/libfuzzer\/|Fuzzer[A-Za-z]*\.cpp|libc\.so|libc-start|\/csu\// ) next
		if (file !~ /\/(vsmmu|inject|fuzz)\//) next
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
[ -x "$prog" ] || { echo "crash-signature: $prog is not built (run from the build directory)" >&2; exit 2; }
[ -r "$1" ] || { echo "crash-signature: cannot read $1" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/crashsig.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
# Symbolised stacks from both sanitizers; an abort() reported with its stack.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}symbolize=1:handle_abort=1:detect_leaks=1"
UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}print_stacktrace=1:halt_on_error=1:symbolize=1"
export ASAN_OPTIONS UBSAN_OPTIONS
if [ -n "$target" ]; then
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
