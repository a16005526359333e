#!/bin/bash
# SPDX-License-Identifier: BSD-2-Clause
# oss-fuzz-build.sh - build every fuzz target the way OSS-Fuzz and
# ClusterFuzzLite want them (their build.sh runs: bash scripts/oss-fuzz-build.sh).
# Uses the environment they set: CC, CXX, CFLAGS, CXXFLAGS (instrumentation
# and sanitizer included), LIB_FUZZING_ENGINE, OUT, and WORK (scratch).
#
# configure sees LIB_FUZZING_ENGINE and builds the fuzz targets with it as
# their only driver (engine "external"); they are linked with $CXX because
# OSS-Fuzz's engine libraries (AFL++, honggfuzz, centipede drivers) are C++.
# The build is out of tree, in $WORK/vsmmu-fuzz-build (the source is only
# touched by autoreconf when it has no configure yet). For every target T
# it writes into $OUT:
#   T                    the binary
#   T_seed_corpus.zip    corpus/T/ and corpus/regressions/T/ (the latter
#                        prefixed regression-, so names never collide)
#   T.dict               its dictionary (fuzz/gen-dict, docs/fuzzing.md)
#   T.options            its libFuzzer options (fuzz/T.options)
# Any failing command fails the script, whether it is run as
# `bash oss-fuzz-build.sh`, `sh oss-fuzz-build.sh` or executed directly.
# (sh, e.g. dash, lacks pipefail: run under bash whatever started us.)
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi
set -eu
set -o pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
: "${OUT:?OUT must be set (run inside OSS-Fuzz, or set it)}"
: "${LIB_FUZZING_ENGINE:?LIB_FUZZING_ENGINE must be set}"
: "${CC:=clang}"
: "${CXX:=clang++}"
export CC CXX
work=${WORK:-$OUT/.work}
build="$work/vsmmu-fuzz-build"
for tool in zip make; do
	command -v "$tool" >/dev/null || { echo "oss-fuzz-build: $tool is not installed" >&2; exit 1; }
done
mkdir -p "$OUT" "$build"

if [ ! -f "$src/configure" ]; then
	(cd "$src" && autoreconf -fi)
fi
cd "$build"
"$src/configure" --disable-shared LIB_FUZZING_ENGINE="$LIB_FUZZING_ENGINE" FUZZ_CCLD="$CXX"
make -j"$(nproc)" fuzz-programs

targets=$(make -s --no-print-directory print-fuzz-targets)
[ -n "$targets" ] || { echo "oss-fuzz-build: no fuzz targets" >&2; exit 1; }
stage="$work/vsmmu-fuzz-seeds"
for t in $targets; do
	cp "fuzz/$t" "$OUT/$t"
	cp "fuzz/$t.dict" "$OUT/$t.dict"
	cp "$src/fuzz/$t.options" "$OUT/$t.options"
	rm -rf "$stage" "$OUT/${t}_seed_corpus.zip"
	mkdir -p "$stage"
	if [ -d "$src/corpus/$t" ]; then
		find "$src/corpus/$t" -type f ! -name 'README*' ! -name '.*' -exec cp {} "$stage/" \;
	fi
	if [ -d "$src/corpus/regressions/$t" ]; then
		find "$src/corpus/regressions/$t" -type f ! -name 'README*' ! -name '.*' -print |
			while IFS= read -r f; do cp "$f" "$stage/regression-$(basename "$f")"; done
	fi
	[ -n "$(ls -A "$stage")" ] || { echo "oss-fuzz-build: $t has no seeds" >&2; exit 1; }
	(cd "$stage" && zip -q -X "$OUT/${t}_seed_corpus.zip" ./*)
done
rm -rf "$stage"
echo "oss-fuzz-build: built $targets into $OUT"
