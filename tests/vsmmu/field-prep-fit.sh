#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# VS_FIELD_PREP rejects at compile time a constant that does not fit its
# field (vsmmu/include/vsmmu/smmuv3_regs.h): the same snippet compiles with
# the largest value of the field and with run-time values, and fails to
# compile, naming the check, with one more. Run by make check with CC and
# CFLAGS of the build.
srcdir=${srcdir:-.}
cc=${CC:-cc}
tmp=${TMPDIR:-/tmp}/field-prep-fit.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

# $1 = the value placed in STE0_CONFIG (3 bits) by a file-scope constant
# initialiser, a switch case and an expression beside run-time values.
snippet() {
	cat > "$tmp/t.c" <<EOS
#include "vsmmu/smmuv3_regs.h"
static const uint64_t k = VS_FIELD_PREP(STE0_CONFIG, $1);
uint64_t f(uint64_t v, uint64_t m);
uint64_t f(uint64_t v, uint64_t m)
{
	uint64_t w = 0;

	VS_FIELD_SET(w, STE0_S1CDMAX, v);
	switch (v) {
	case VS_FIELD_PREP(STE0_CONFIG, $1): return k;
	default: break;
	}
	return w | VS_FIELD_PREP(m, v) | VS_FIELD_PREP(STE0_CONFIG, v + 9) | VS_FIELD_PREP(m, 0x1ff);
}
EOS
	$cc $CFLAGS -std=c11 -Wall -Wextra -Werror -I"$srcdir/vsmmu/include" -c "$tmp/t.c" \
		-o "$tmp/t.o" > "$tmp/out" 2>&1
}

fail=0
if ! snippet 7; then
	echo "FAIL: VS_FIELD_PREP(STE0_CONFIG, 7) does not compile:"; cat "$tmp/out"; fail=1
fi
if snippet 8; then
	echo "FAIL: VS_FIELD_PREP(STE0_CONFIG, 8) compiled (8 does not fit 3 bits)"; fail=1
elif ! grep -q 'constant too wide for its field' "$tmp/out"; then
	echo "FAIL: VS_FIELD_PREP(STE0_CONFIG, 8) failed without naming the check:"; cat "$tmp/out"; fail=1
fi
if snippet '(STE_CONFIG_NESTED + 1)'; then
	echo "FAIL: a constant expression one past the field compiled"; fail=1
fi
[ $fail = 0 ] && echo "PASS: VS_FIELD_PREP accepts 7 and run-time values, rejects 8 in STE0_CONFIG"
exit $fail
