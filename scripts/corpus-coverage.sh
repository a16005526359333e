#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# corpus-coverage.sh - one aggregate source-coverage report of vsmmu/ and
# inject/ from any corpus (`make coverage CORPUS=dir`, and every campaign's
# report). Run from a build directory:
#
#   corpus-coverage.sh --srcdir SRC --build DIR --out OUT CORPUS [TARGET...]
#
# DIR is a build configured with --enable-coverage (clang source-based
# coverage); when DIR has no Makefile it is configured there first
# (CC=clang --enable-coverage, the standalone engine) and its fuzz targets
# built: the instrumented copies replay the corpus whatever engine found it.
# CORPUS is a directory holding one subdirectory per target (CORPUS/T, as
# the campaign's corpus-live/ and corpus/ are), or a directory of inputs
# replayed through every TARGET given. Every input runs once through its
# target (standalone replay); the profiles are merged with llvm-profdata
# and OUT gets:
#   index.html, ...   llvm-cov show, HTML, vsmmu/ and inject/ only
#   summary.txt       llvm-cov report per file
#   areas.tsv         area, lines covered, lines, %, functions covered,
#                     functions, regions covered, regions (vsmmu, inject)
# Exit: 0 report written, 1 a step failed, 2 usage.
set -u
srcdir=. build=cov-build out=coverage-corpus
while [ $# -gt 0 ]; do
	case $1 in
	--srcdir) srcdir=$2; shift 2 ;;
	--build) build=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	-*) echo "corpus-coverage: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $# -ge 1 ] || { echo "usage: corpus-coverage.sh --srcdir SRC --build DIR --out OUT CORPUS [TARGET...]" >&2; exit 2; }
corpus=$1
shift
[ -d "$corpus" ] || { echo "corpus-coverage: $corpus is not a directory" >&2; exit 2; }
tool() { # name: the first of NAME, NAME-16 ... NAME-14 found
	for c in "$1" "$1-16" "$1-15" "$1-14"; do
		if command -v "$c" >/dev/null 2>&1; then echo "$c"; return 0; fi
	done
	echo "corpus-coverage: $1 not found (apt-get install -y llvm)" >&2
	return 1
}
profdata=$(tool llvm-profdata) || exit 1
llvmcov=$(tool llvm-cov) || exit 1
abs_src=$(cd "$srcdir" && pwd) || exit 2
corpus=$(cd "$corpus" && pwd) || exit 2
mkdir -p "$out" || exit 1
out=$(cd "$out" && pwd) || exit 1

all=$(cd "$build" 2>/dev/null && make -s print-fuzz-targets 2>/dev/null)
if [ ! -f "$build/Makefile" ]; then
	if [ -f "$abs_src/config.status" ]; then
		echo "corpus-coverage: $abs_src is configured in place, so no second (coverage) build can be made from it;" >&2
		echo "corpus-coverage: build out of tree (mkdir build/x && cd build/x && ../../configure ...), or configure this tree with --enable-coverage" >&2
		exit 1
	fi
	echo "corpus-coverage: configuring a coverage build in $build/"
	mkdir -p "$build" || exit 1
	(cd "$build" && "$abs_src/configure" CC=clang --enable-coverage --disable-shared > configure.log 2>&1) ||
		{ echo "corpus-coverage: configure failed: see $build/config.log" >&2; exit 1; }
	all=$(cd "$build" && make -s print-fuzz-targets)
fi
if ! grep -q 'fprofile-instr-generate' "$build/Makefile"; then
	echo "corpus-coverage: $build is not configured with --enable-coverage" >&2
	exit 1
fi
echo "corpus-coverage: building the instrumented fuzz targets in $build/"
(cd "$build" && make -j"$(nproc 2>/dev/null || echo 2)" fuzz-programs > make-coverage.log 2>&1) ||
	{ echo "corpus-coverage: build failed: see $build/make-coverage.log" >&2; exit 1; }
[ $# -gt 0 ] || set -- $all

rm -rf "$out/prof"
mkdir -p "$out/prof"
objs="" ran=0
for t in "$@"; do
	if [ -d "$corpus/$t" ]; then d="$corpus/$t"
	elif [ -z "$(find "$corpus" -mindepth 1 -maxdepth 1 -type d | head -n 1)" ]; then d=$corpus
	else continue
	fi
	n=$(find "$d" -type f ! -name '.*' | wc -l | tr -d ' ')
	echo "corpus-coverage: $t: $n input(s) from $d"
	[ "$n" -gt 0 ] || continue
	# In chunks: an input that crashes loses only its chunk's profile.
	find "$d" -type f ! -name '.*' -print0 | (cd "$build" &&
		LLVM_PROFILE_FILE="$out/prof/$t-%p.profraw" ASAN_OPTIONS=detect_leaks=0 \
		xargs -0 -n 200 "./fuzz/$t" > /dev/null 2>&1) || true
	ran=$(( ran + n ))
	if [ -z "$objs" ]; then objs="$build/fuzz/$t"; else objs="$objs -object=$build/fuzz/$t"; fi
done
[ "$ran" -gt 0 ] || { echo "corpus-coverage: no inputs in $corpus for: $*" >&2; exit 1; }
ls "$out"/prof/*.profraw > /dev/null 2>&1 || { echo "corpus-coverage: no profile written" >&2; exit 1; }
"$profdata" merge -sparse "$out"/prof/*.profraw -o "$out/corpus.profdata" || exit 1
rm -rf "$out/prof"
# Only the code under test: vsmmu/ and inject/ of this source tree.
ign="^($abs_src/(fuzz|tests|bench|m4)/|/usr/)"
# shellcheck disable=SC2086
"$llvmcov" show $objs -instr-profile="$out/corpus.profdata" -format=html -output-dir="$out" \
	-ignore-filename-regex="$ign" || exit 1
# shellcheck disable=SC2086
"$llvmcov" report $objs -instr-profile="$out/corpus.profdata" -ignore-filename-regex="$ign" > "$out/summary.txt" || exit 1
# llvm-cov report columns: Filename Regions Missed Cover Functions Missed
# Executed Lines Missed Cover [Branches Missed Cover].
awk 'BEGIN { OFS = "\t"; print "area", "lines_covered", "lines", "lines_pct", "functions_covered", "functions", "regions_covered", "regions" }
	$1 ~ /(^|\/)(vsmmu|inject)\/[^ ]*\.[ch]$/ {
		a = ($1 ~ /(^|\/)vsmmu\//) ? "vsmmu" : "inject"
		if ($1 ~ /(^|\/)inject\//) a = "inject"
		R[a] += $2; RM[a] += $3; F[a] += $5; FM[a] += $6; L[a] += $8; LM[a] += $9 }
	END { split("vsmmu inject", as, " ")
	      for (i = 1; i <= 2; i++) { a = as[i]
	        pct = L[a] ? sprintf("%.1f", 100 * (L[a] - LM[a]) / L[a]) : "0.0"
	        print a "/", L[a] - LM[a], L[a] + 0, pct, F[a] - FM[a], F[a] + 0, R[a] - RM[a], R[a] + 0 } }' \
	"$out/summary.txt" > "$out/areas.tsv"
echo "corpus-coverage: $ran input(s); report $out/index.html"
awk -F'\t' 'NR > 1 { printf "  %-8s lines %s/%s (%s%%)  functions %s/%s  regions %s/%s\n", $1, $2, $3, $4, $5, $6, $7, $8 }' "$out/areas.tsv"
