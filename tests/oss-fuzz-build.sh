#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# oss-fuzz-build.sh (test) - scripts/oss-fuzz-build.sh in a simulated
# OSS-Fuzz environment: a copy of the source as $SRC/vsmmu-fuzz, temporary
# $WORK and $OUT, CC=clang, CXX=clang++, CFLAGS=-fsanitize=address,fuzzer-no-link,
# LIB_FUZZING_ENGINE=-fsanitize=fuzzer; the build must succeed and leave
# every target of `make print-fuzz-targets` in $OUT with its
# _seed_corpus.zip, .dict and .options; then each target runs over its
# unzipped seeds with its dictionary (-runs=0: the corpus only), as
# OSS-Fuzz's check_build does. Also checks that the script fails when a
# command in it fails (a broken configure).
# A missing tool (clang, clang++, zip, unzip) is a SKIP outside CI and a
# FAIL in CI (CI set), where README's install line must have provided it.
set -u
srcdir=${srcdir:-.}
srcdir=$(cd "$srcdir" && pwd)
top_builddir=${top_builddir:-.}

missing=
for tool in clang clang++ zip unzip make; do
	command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
	echo "oss-fuzz-build: missing tool(s):$missing (README.md's install line installs them)"
	[ -n "${CI:-}" ] && exit 1
	exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/oss-fuzz-test.XXXXXX") || exit 99
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
SRC=$tmp/src WORK=$tmp/work OUT=$tmp/out
mkdir -p "$SRC" "$WORK" "$OUT"
# The source as OSS-Fuzz has it: a tree of its own (distcheck's is read-only).
cp -R "$srcdir" "$SRC/vsmmu-fuzz" || exit 99
chmod -R u+w "$SRC/vsmmu-fuzz"
rm -rf "$SRC/vsmmu-fuzz/.git"
if [ -f "$SRC/vsmmu-fuzz/config.status" ]; then
	# An in-tree build's source: make it a clean tree again.
	(cd "$SRC/vsmmu-fuzz" && make -s distclean) >/dev/null 2>&1 || exit 99
fi

env -i PATH="$PATH" HOME="${HOME:-/tmp}" SRC="$SRC" WORK="$WORK" OUT="$OUT" \
	CC=clang CXX=clang++ CFLAGS="-fsanitize=address,fuzzer-no-link" \
	CXXFLAGS="-fsanitize=address,fuzzer-no-link" LIB_FUZZING_ENGINE=-fsanitize=fuzzer \
	sh "$SRC/vsmmu-fuzz/scripts/oss-fuzz-build.sh" > "$tmp/build.log" 2>&1
rc=$?
if [ "$rc" -ne 0 ]; then
	tail -n 40 "$tmp/build.log"
	echo "oss-fuzz-build: FAIL: the build script exited $rc"
	exit 1
fi
targets=$(cd "$WORK/vsmmu-fuzz-build" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory print-fuzz-targets)
[ -n "$targets" ] || { echo "oss-fuzz-build: FAIL: no targets"; exit 1; }
bad=0 n=0
for t in $targets; do
	n=$((n + 1))
	for f in "$t" "${t}_seed_corpus.zip" "$t.dict" "$t.options"; do
		[ -s "$OUT/$f" ] || { echo "oss-fuzz-build: FAIL: \$OUT/$f is missing or empty"; bad=1; }
	done
	[ -x "$OUT/$t" ] || continue
	rm -rf "$tmp/seeds"
	mkdir -p "$tmp/seeds"
	unzip -q "$OUT/${t}_seed_corpus.zip" -d "$tmp/seeds" || { echo "oss-fuzz-build: FAIL: $t: bad zip"; bad=1; continue; }
	seeds=$(ls "$tmp/seeds" | wc -l)
	if ! (cd "$tmp" && "$OUT/$t" -runs=0 -dict="$OUT/$t.dict" "$tmp/seeds") > "$tmp/$t.log" 2>&1; then
		tail -n 20 "$tmp/$t.log"
		echo "oss-fuzz-build: FAIL: $t over its $seeds seeds"
		bad=1
		continue
	fi
	if ! grep -q 'Dictionary: [1-9][0-9]* entries' "$tmp/$t.log"; then
		echo "oss-fuzz-build: FAIL: $t: libFuzzer loaded no dictionary entries"
		bad=1
	fi
	echo "oss-fuzz-build: $t: $seeds seeds ran, $(sed -n 's/.*Dictionary: \([0-9]*\) entries.*/\1/p' "$tmp/$t.log" | head -n 1) dictionary entries"
done

# A failing step must fail the script: configure with a compiler that
# cannot compile (fails in seconds), the script run by sh as above.
if env -i PATH="$PATH" HOME="${HOME:-/tmp}" SRC="$SRC" WORK="$tmp/work2" OUT="$tmp/out2" \
	CC=false CXX=false LIB_FUZZING_ENGINE=-fsanitize=fuzzer \
	sh "$SRC/vsmmu-fuzz/scripts/oss-fuzz-build.sh" > "$tmp/fail.log" 2>&1; then
	echo "oss-fuzz-build: FAIL: the build script succeeded although configure failed"
	bad=1
fi
[ "$bad" -eq 0 ] || exit 1
echo "oss-fuzz-build: $n targets built and replayed their seeds"
