# SPDX-License-Identifier: BSD-2-Clause
# bench/fuzz.mk - make fuzz-bench: exec/s of every fuzz target next to an
# empty harness built the same way (bench/fuzz-bench.sh, docs/performance.md).
# A benchmark, not a test: it prints figures and fails only when a run fails.
EXTRA_PROGRAMS = bench/fuzz-empty
bench_fuzz_empty_SOURCES = bench/fuzz_empty.c $(FUZZ_DRIVER_SRC)
# VSFUZZ_LIBS for the replay driver of the standalone and AFL++ builds
# (fuzz/readall.c); the empty body links nothing else from it.
bench_fuzz_empty_LDADD = $(VSFUZZ_LIBS) $(FUZZ_ENGINE_LIBS)
bench_fuzz_empty_LINK = $(FUZZ_TARGET_LINKCMD)
CLEANFILES += bench/fuzz-empty$(EXEEXT)
EXTRA_DIST += bench/fuzz-bench.sh

# FUZZ_BENCH_RUNS: inputs per target (the empty harness runs 100 times as
# many). FUZZ_BENCH_AFL: an --enable-fuzzing=afl build tree to measure too
# (default: built under fuzz-bench-afl/ when afl-clang-fast exists;
# FUZZ_BENCH_AFL=no skips AFL++).
FUZZ_BENCH_RUNS = 20000
FUZZ_BENCH_AFL =
.PHONY: fuzz-bench
fuzz-bench: fuzz-programs bench/fuzz-empty$(EXEEXT)
	@bash $(srcdir)/bench/fuzz-bench.sh --srcdir '$(srcdir)' --engine '$(FUZZ_ENGINE)' \
	  --runs '$(FUZZ_BENCH_RUNS)' --afl '$(FUZZ_BENCH_AFL)' $(FUZZ_RUN_TARGETS)
