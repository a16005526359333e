# SPDX-License-Identifier: BSD-2-Clause
# tests/triage/lib.sh - sourced by the triage tests.
# sanitized PROG: true when PROG (or libtool's real binary behind it) was
# built with the sanitizers (--enable-sanitizers). Without them a UBSan
# defect is silent and an assert leaves no stack, so the tests use an
# oracle-class defect instead of those where they need a crash.
sanitized() {
	for f in "$1" "$(dirname "$1")/.libs/$(basename "$1")"; do
		[ -f "$f" ] && grep -aq '__ubsan_handle' "$f" && return 0
	done
	return 1
}
