#!/bin/bash -eu
# SPDX-License-Identifier: BSD-2-Clause
# oss-fuzz-build.sh - OSS-Fuzz build script (projects/vsmmu-fuzz/build.sh
# runs: bash scripts/oss-fuzz-build.sh). Uses the environment OSS-Fuzz sets:
# CC, CXX, CFLAGS, CXXFLAGS (instrumentation and sanitizer included),
# LIB_FUZZING_ENGINE, SRC, OUT.
#
# configure sees LIB_FUZZING_ENGINE and builds the fuzz targets with it as
# their only driver (engine "external"); they are linked with $CXX because
# OSS-Fuzz's engine libraries (AFL++, honggfuzz, centipede drivers) are C++.
# Each target T goes to $OUT/T with its seeds zipped as $OUT/T_seed_corpus.zip
# (corpus/T/ and corpus/regressions/T/).
cd "$(dirname "$0")/.."
: "${OUT:?OUT must be set (run inside OSS-Fuzz, or set it)}"
: "${LIB_FUZZING_ENGINE:?LIB_FUZZING_ENGINE must be set}"
: "${CXX:=clang++}"

autoreconf -fi
./configure --disable-shared LIB_FUZZING_ENGINE="$LIB_FUZZING_ENGINE" FUZZ_CCLD="$CXX"
make -j"$(nproc)" fuzz-programs

targets=$(make -s print-fuzz-targets)
for t in $targets; do
	cp "fuzz/$t" "$OUT/$t"
	# libFuzzer options (-max_len) next to the binary, as OSS-Fuzz expects.
	if [ -f "fuzz/$t.options" ]; then cp "fuzz/$t.options" "$OUT/$t.options"; fi
	seeds=()
	for d in "corpus/$t" "corpus/regressions/$t"; do
		[ -d "$d" ] && seeds+=("$d")
	done
	if [ ${#seeds[@]} -gt 0 ]; then
		rm -f "$OUT/${t}_seed_corpus.zip"
		find "${seeds[@]}" -type f ! -name 'README*' -print0 |
			xargs -0 -r zip -q -j "$OUT/${t}_seed_corpus.zip"
	fi
done
echo "oss-fuzz-build: built $targets into $OUT"
