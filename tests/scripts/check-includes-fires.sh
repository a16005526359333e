#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# check-includes-fires.sh - scripts/check-includes.sh fires: on a copy of
# the executor's files it passes, then fails naming an include cycle
# (two headers including each other) and a call from a lower layer
# (fuzz/exec_cpu.c) into a higher one (exec_op of fuzz/exec_stmt.c), and a
# statement file including the oracle.
set -u
srcdir=${srcdir:-.}
tmp=${TMPDIR:-/tmp}/check-includes-fires.$$
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0

fresh() {
	rm -rf "$tmp"
	mkdir -p "$tmp/fuzz" "$tmp/scripts" || exit 99
	cp "$srcdir"/fuzz/exec*.c "$srcdir"/fuzz/exec_int.h "$tmp/fuzz/" || exit 99
	cp "$srcdir/scripts/check-includes.sh" "$tmp/scripts/" || exit 99
}

# expect RC PATTERN NAME
expect() {
	out=$(sh "$tmp/scripts/check-includes.sh" "$tmp" 2>&1)
	rc=$?
	if [ "$rc" -ne "$1" ] || ! printf '%s\n' "$out" | grep -q "$2"; then
		echo "FAIL: $3: exit $rc (want $1), output:"
		printf '%s\n' "$out"
		fails=$((fails + 1))
	else
		echo "PASS: $3"
	fi
}

fresh
expect 0 'no cycle' 'the executor as it is'

fresh
printf '#include "fuzz/b.h"\n' > "$tmp/fuzz/a.h"
printf '#include "fuzz/c.h"\n' > "$tmp/fuzz/b.h"
printf '#include "fuzz/a.h"\n' > "$tmp/fuzz/c.h"
expect 1 'include cycle: .*fuzz/a.h' 'a three-header include cycle'

fresh
printf 'void exec_cpu_calls_up(struct exec_ctx *x, const struct op *op)\n{\n\texec_op(x, op);\n}\n' \
	>> "$tmp/fuzz/exec_cpu.c"
expect 1 'exec_cpu.c calls exec_op of fuzz/exec_stmt.c' 'a call from the CPU layer up into the statements'

fresh
sed 's|#include "fuzz/exec_int.h"|#include "fuzz/exec_int.h"\n#include "fuzz/oracle.h"|' \
	"$srcdir/fuzz/exec_stmt.c" > "$tmp/fuzz/exec_stmt.c"
expect 1 'exec_stmt.c includes the oracle' 'a statement file including the oracle'
exit $fails
