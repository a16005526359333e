# SPDX-License-Identifier: BSD-2-Clause
# fuzz-options.sh - what the fuzzing scripts know about targets, options and
# the environment, said once. Sourced (not run) by scripts/fuzz-campaign.sh,
# scripts/afl-campaign.sh and bench/fuzz-bench.sh; POSIX sh, since
# afl-campaign.sh is sh. It defines functions and fo_* variables and runs
# nothing. The sourcing script sets fo_prog (its name, for messages) first.
#
# Options every script takes (fo_opt):
#   --srcdir DIR    the source tree (fuzz/T.options, corpus/); default the
#                   tree the running script is in (scripts/.. or bench/..)
#   --seconds N     fuzzing time, a whole number of seconds (0 allowed)
#   --jobs N        cores; empty or absent = every core (nproc)
#   --engine E      libfuzzer or afl (what the build directory was configured for)
# Per target (after fo_opt_done):
#   fo_max_len T        -max_len: FUZZ_MAX_LEN, else max_len of
#                       fuzz/T.options (docs/performance.md "Input sizes"),
#                       else 16384
#   fo_seed_dirs T      corpus/T and corpus/regressions/T that exist
#   fo_copy_seeds T DIR T's seeds as flat files in DIR (AFL++ reads one
#                       directory; it skips empty files, so a target whose
#                       seeds are all empty gets a one-byte input)
#   fo_default_targets  every target of the build directory
#                       (make print-fuzz-targets), else every fuzz/T.options
# Environment, read once here: FUZZ_TIMEOUT (seconds per input, 10),
# FUZZ_MERGE_SECONDS (bound on libFuzzer's merge, 120), FUZZ_COVERAGE (1 =
# measure coverage for the report, 0 = skip; 1), FUZZ_CORPUS_DIR (the
# persistent corpus, corpus-live), FUZZ_AFL_DIR (the AFL++ output and sync
# directories, one per target, afl-out), FUZZ_MAX_LEN (above).

fo_srcdir=$(dirname "$0")/.. fo_seconds=60 fo_jobs= fo_engine=libfuzzer fo_shift=0
fo_timeout=${FUZZ_TIMEOUT:-10}
fo_merge_seconds=${FUZZ_MERGE_SECONDS:-120}
fo_coverage=${FUZZ_COVERAGE:-1}
fo_corpus=${FUZZ_CORPUS_DIR:-corpus-live}
fo_afl_dir=${FUZZ_AFL_DIR:-afl-out}

fo_usage() { # message: a usage error (exit 2)
	echo "${fo_prog:-fuzz}: $*" >&2
	exit 2
}

# fo_opt "$@": when $1 is a common option, takes it and its value and sets
# fo_shift to the words used (the caller shifts them); else fo_shift=0.
fo_opt() {
	fo_shift=0
	case $1 in
	--srcdir|--seconds|--jobs|--engine)
		[ $# -ge 2 ] || fo_usage "$1 wants a value"
		case $1 in
		--srcdir) fo_srcdir=$2 ;;
		--seconds) fo_seconds=$2 ;;
		--jobs) fo_jobs=$2 ;;
		--engine) fo_engine=$2 ;;
		esac
		fo_shift=2 ;;
	esac
}

# After the options: checks them and fills the defaults.
fo_opt_done() {
	case $fo_seconds in ''|*[!0-9]*) fo_usage "FUZZ_SECONDS (--seconds) must be a whole number of seconds (got '$fo_seconds')" ;; esac
	[ -n "$fo_jobs" ] || fo_jobs=$(nproc 2>/dev/null || echo 1)
	case $fo_jobs in ''|*[!0-9]*|0) fo_usage "JOBS (--jobs) must be a positive number (got '$fo_jobs')" ;; esac
	case $fo_engine in libfuzzer|afl) ;; *) fo_usage "this runs libFuzzer or AFL++, not '$fo_engine' (a build directory configured with --enable-fuzzing=libfuzzer or afl)" ;; esac
	case $fo_timeout in ''|*[!0-9]*|0) fo_usage "FUZZ_TIMEOUT must be a positive number of seconds (got '$fo_timeout')" ;; esac
	case $fo_merge_seconds in ''|*[!0-9]*|0) fo_usage "FUZZ_MERGE_SECONDS must be a positive number (got '$fo_merge_seconds')" ;; esac
	case ${FUZZ_MAX_LEN:-1} in *[!0-9]*|0) fo_usage "FUZZ_MAX_LEN must be a positive number of bytes (got '$FUZZ_MAX_LEN')" ;; esac
	[ -f "$fo_srcdir/scripts/fuzz-options.sh" ] || fo_usage "--srcdir $fo_srcdir is not the source tree"
	fo_srcdir=$(cd "$fo_srcdir" && pwd)
}

fo_max_len() { # target
	fo_v=${FUZZ_MAX_LEN:-}
	[ -n "$fo_v" ] || fo_v=$(sed -n 's/^max_len *= *\([0-9][0-9]*\).*/\1/p' "$fo_srcdir/fuzz/$1.options" 2>/dev/null | head -n 1)
	echo "${fo_v:-16384}"
}

fo_seed_dirs() { # target
	for fo_d in "$fo_srcdir/corpus/$1" "$fo_srcdir/corpus/regressions/$1"; do
		[ -d "$fo_d" ] && echo "$fo_d"
	done
	return 0
}

fo_copy_seeds() { # target dir
	mkdir -p "$2" || return 1
	fo_seed_dirs "$1" | while IFS= read -r fo_d; do
		find "$fo_d" -type f -size +0 ! -name 'README*' ! -name '.*' -exec cp -p {} "$2"/ \;
	done
	[ -n "$(ls -A "$2")" ] || printf '\0' > "$2/empty"
}

fo_default_targets() {
	fo_v=$(make -s --no-print-directory print-fuzz-targets 2>/dev/null)
	[ -n "$fo_v" ] || fo_v=$(cd "$fo_srcdir/fuzz" && ls -- *.options 2>/dev/null | sed 's/\.options$//')
	echo $fo_v
}
