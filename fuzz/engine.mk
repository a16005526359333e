# SPDX-License-Identifier: BSD-2-Clause
# fuzz/engine.mk - fuzz-engine plumbing: one program per fuzz target, built
# for the engine chosen by ./configure --enable-fuzzing=ENGINE, plus
# `make fuzz` (libFuzzer campaign) and `make fuzz-afl`.
#
# Contract with fuzz/exec.mk: a target T is fuzz/T.c defining
#   int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
# (optionally int LLVMFuzzerInitialize(int *argc, char ***argv)), over the
# shared helpers in fuzz/libvsfuzz.la. exec.mk sets FUZZ_TARGETS to the names.
# Automake needs program names literally, so each target is declared here;
# adding a target = one block below, its name in VS_FUZZ_PROGRAM_NAMES and
# tests/T.replay in FUZZ_REPLAY_TESTS (tests/local.mk).
#
# Engines (configure):
#   standalone  main() in fuzz/standalone_main.c replays files and directories
#   afl         main() in fuzz/afl_main.c: AFL++ persistent shared-memory loop,
#               or replays files given as arguments
#   libfuzzer   libFuzzer's main (-fsanitize=fuzzer, or $LIB_FUZZING_ENGINE)
#   external    $LIB_FUZZING_ENGINE only (OSS-Fuzz)
# Every engine's binary replays files given as arguments, so `make check`
# replays the corpora whichever engine was configured.

if FUZZ_DRIVER_STANDALONE
FUZZ_DRIVER_SRC = fuzz/standalone_main.c
endif
if FUZZ_DRIVER_AFL
FUZZ_DRIVER_SRC = fuzz/afl_main.c
endif
# afl_main.c includes standalone_main.c for its replay mode.
EXTRA_DIST += fuzz/standalone_main.c fuzz/afl_main.c

# -static: link the uninstalled libtool libraries statically, so fuzz/T is the
# instrumented binary itself (no libtool wrapper script) for afl-fuzz,
# libFuzzer and debuggers.
FUZZ_TARGET_LINKFLAGS = -static
FUZZ_TARGET_LIBS = $(VSFUZZ_LIBS) $(FUZZ_ENGINE_LIBS)
# Link driver: $(CC) unless configure was given FUZZ_CCLD (e.g. OSS-Fuzz's
# C++ engine libraries need $CXX).
FUZZ_TARGET_LINKCMD = $(LIBTOOL) $(AM_V_lt) --tag=CC $(AM_LIBTOOLFLAGS) \
	$(LIBTOOLFLAGS) --mode=link $(FUZZ_CCLD) $(VS_INSTR_CFLAGS) $(CFLAGS) \
	$(FUZZ_TARGET_LINKFLAGS) $(LDFLAGS) -o $@

VS_FUZZ_PROGRAM_NAMES = fuzz_mmio fuzz_prog fuzz_cmdq fuzz_strtab fuzz_faults \
	fuzz_evtq fuzz_dma fuzz_system fuzz_scenario
# The targets that run programs on a world (all but fuzz_scenario, which
# checks the parser and printer): they have detect twins and snapshots.
VS_FUZZ_WORLD_NAMES = fuzz_mmio fuzz_prog fuzz_cmdq fuzz_strtab fuzz_faults \
	fuzz_evtq fuzz_dma fuzz_system
VS_FUZZ_BINS = $(VS_FUZZ_PROGRAM_NAMES:%=fuzz/%$(EXEEXT))
noinst_PROGRAMS += fuzz/fuzz_mmio fuzz/fuzz_prog fuzz/fuzz_cmdq \
	fuzz/fuzz_strtab fuzz/fuzz_faults fuzz/fuzz_evtq fuzz/fuzz_dma \
	fuzz/fuzz_system fuzz/fuzz_scenario

# fuzz_mmio: MMIO access sequences
fuzz_fuzz_mmio_SOURCES = fuzz/fuzz_mmio.c $(FUZZ_DRIVER_SRC)
fuzz_fuzz_mmio_LDADD = $(FUZZ_TARGET_LIBS)
fuzz_fuzz_mmio_LINK = $(FUZZ_TARGET_LINKCMD)
# fuzz_prog: whole guest programs
fuzz_fuzz_prog_SOURCES = fuzz/fuzz_prog.c $(FUZZ_DRIVER_SRC)
fuzz_fuzz_prog_LDADD = $(FUZZ_TARGET_LIBS)
fuzz_fuzz_prog_LINK = $(FUZZ_TARGET_LINKCMD)
# fuzz_cmdq: command-queue-heavy programs
fuzz_fuzz_cmdq_SOURCES = fuzz/fuzz_cmdq.c $(FUZZ_DRIVER_SRC)
fuzz_fuzz_cmdq_LDADD = $(FUZZ_TARGET_LIBS)
fuzz_fuzz_cmdq_LINK = $(FUZZ_TARGET_LINKCMD)
# fuzz_strtab: stream table / STE
fuzz_fuzz_strtab_SOURCES = fuzz/fuzz_strtab.c $(FUZZ_DRIVER_SRC)
fuzz_fuzz_strtab_LDADD = $(FUZZ_TARGET_LIBS)
fuzz_fuzz_strtab_LINK = $(FUZZ_TARGET_LINKCMD)
# fuzz_faults: fault injection from below
fuzz_fuzz_faults_SOURCES = fuzz/fuzz_faults.c $(FUZZ_DRIVER_SRC)
fuzz_fuzz_faults_LDADD = $(FUZZ_TARGET_LIBS)
fuzz_fuzz_faults_LINK = $(FUZZ_TARGET_LINKCMD)
# fuzz_evtq: events from below while the guest works its event queue
fuzz_fuzz_evtq_SOURCES = fuzz/fuzz_evtq.c $(FUZZ_DRIVER_SRC)
fuzz_fuzz_evtq_LDADD = $(FUZZ_TARGET_LIBS)
fuzz_fuzz_evtq_LINK = $(FUZZ_TARGET_LINKCMD)
# fuzz_dma: stage-1 tables and CDs against nested translation
fuzz_fuzz_dma_SOURCES = fuzz/fuzz_dma.c $(FUZZ_DRIVER_SRC)
fuzz_fuzz_dma_LDADD = $(FUZZ_TARGET_LIBS)
fuzz_fuzz_dma_LINK = $(FUZZ_TARGET_LINKCMD)
# fuzz_system: everything, after teardown, VMID reuse and reassignment
fuzz_fuzz_system_SOURCES = fuzz/fuzz_system.c $(FUZZ_DRIVER_SRC)
fuzz_fuzz_system_LDADD = $(FUZZ_TARGET_LIBS)
fuzz_fuzz_system_LINK = $(FUZZ_TARGET_LINKCMD)
# fuzz_scenario: the parser and printer (round trips)
fuzz_fuzz_scenario_SOURCES = fuzz/fuzz_scenario.c $(FUZZ_DRIVER_SRC)
fuzz_fuzz_scenario_LDADD = $(FUZZ_TARGET_LIBS)
fuzz_fuzz_scenario_LINK = $(FUZZ_TARGET_LINKCMD)

# Targets `make fuzz` runs: FUZZ_TARGETS from exec.mk if set, else all.
# Override on the command line: make fuzz FUZZ_TARGETS=fuzz_mmio
FUZZ_RUN_TARGETS = $(if $(FUZZ_TARGETS),$(FUZZ_TARGETS),$(VS_FUZZ_PROGRAM_NAMES))
FUZZ_SECONDS = 60
FUZZ_RESULTS = results
# Cores a campaign uses: JOBS=N on the command line (or in the
# environment), else every core (nproc). (JOBS also sets make detect's
# parallelism, default 1 there: fuzz/detect.mk.) FUZZ_CORPUS_DIR/T is the
# persistent corpus a campaign grows, merged back after each run.
FUZZ_JOBS = $(if $(filter command line environment,$(origin JOBS)),$(JOBS),)
FUZZ_CORPUS_DIR = corpus-live
# AFL_OUT/T: the AFL++ output and sync directory of target T, kept between
# runs of make fuzz-afl and make afl-campaign (both resume it).
AFL_OUT = afl-out
FUZZ_CAMPAIGN = bash $(srcdir)/scripts/fuzz-campaign.sh \
	--srcdir '$(srcdir)' --seconds '$(FUZZ_SECONDS)' --results '$(FUZZ_RESULTS)' \
	--jobs '$(FUZZ_JOBS)' --corpus '$(FUZZ_CORPUS_DIR)' --afl-out '$(AFL_OUT)'

EXTRA_DIST += scripts/fuzz-campaign.sh scripts/oss-fuzz-build.sh \
	scripts/fuzz-report.sh scripts/corpus-coverage.sh scripts/crash-triage.sh \
	scripts/corpus-min.sh scripts/afl-campaign.sh scripts/fuzz-options.sh
# OSS-Fuzz and ClusterFuzzLite (docs/fuzzing.md): the files to submit, the
# ClusterFuzzLite project and its example CI workflows.
EXTRA_DIST += oss-fuzz/project.yaml oss-fuzz/Dockerfile oss-fuzz/build.sh \
	.clusterfuzzlite/project.yaml .clusterfuzzlite/Dockerfile .clusterfuzzlite/build.sh \
	.github/workflows/cflite_pr.yml .github/workflows/cflite_batch.yml

# Dictionaries (docs/fuzzing.md, "Dictionaries"): fuzz/T.dict next to
# fuzz/T, written at build time by fuzz/gen-dict from the name tables and
# the target's own encoder, so they cannot drift from the language.
noinst_PROGRAMS += fuzz/gen-dict
fuzz_gen_dict_SOURCES = fuzz/gen_dict.c
fuzz_gen_dict_LDADD = $(VSFUZZ_LIBS)
VS_FUZZ_DICTS = $(VS_FUZZ_PROGRAM_NAMES:%=fuzz/%.dict)
noinst_DATA = $(VS_FUZZ_DICTS)
CLEANFILES += $(VS_FUZZ_DICTS)
$(VS_FUZZ_DICTS): fuzz/gen-dict$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) fuzz && ./fuzz/gen-dict$(EXEEXT) $(@F:.dict=) > $@.tmp && mv $@.tmp $@

.PHONY: fuzz fuzz-afl fuzz-programs corpus-min reproduce minimize fuzz-cmplog afl-campaign
fuzz-programs: $(VS_FUZZ_BINS) $(VS_FUZZ_DICTS)

if FUZZ_LIBFUZZER
fuzz: fuzz-programs
	@$(MAKE) $(AM_MAKEFLAGS) fuzz/vsmmu-run$(EXEEXT) >/dev/null 2>&1 || \
	  echo "make fuzz: note: fuzz/vsmmu-run did not build; crash signatures and replay commands need it" >&2
	@$(FUZZ_CAMPAIGN) --engine libfuzzer $(FUZZ_RUN_TARGETS)

# Minimise the persistent corpus in place (libFuzzer -merge=1 into a fresh
# directory), at most CORPUS_MIN_SECONDS per target.
CORPUS_MIN_SECONDS = 300
corpus-min: fuzz-programs
	@sh $(srcdir)/scripts/corpus-min.sh --seconds '$(CORPUS_MIN_SECONDS)' \
	  --corpus '$(FUZZ_CORPUS_DIR)' $(FUZZ_RUN_TARGETS)
else
fuzz:
	@echo "make fuzz: this tree is configured with --enable-fuzzing=$(FUZZ_ENGINE); make fuzz runs libFuzzer." >&2
	@echo "make fuzz: reconfigure with:  ./configure --enable-fuzzing=libfuzzer CC=clang --enable-sanitizers" >&2
	@exit 1
corpus-min:
	@echo "make corpus-min: needs a libFuzzer build (./configure --enable-fuzzing=libfuzzer CC=clang --enable-sanitizers)" >&2
	@exit 1
endif

if FUZZ_AFL
fuzz-afl: fuzz-programs
	@$(MAKE) $(AM_MAKEFLAGS) fuzz/vsmmu-run$(EXEEXT) >/dev/null 2>&1 || \
	  echo "make fuzz-afl: note: fuzz/vsmmu-run did not build; crash signatures and replay commands need it" >&2
	@$(FUZZ_CAMPAIGN) --engine afl $(FUZZ_RUN_TARGETS)

# The CmpLog twins of the AFL++ targets (AFL_LLVM_CMPLOG=1, no sanitizers:
# they only log comparisons for afl-fuzz -c), in cmplog/ of this build.
fuzz-cmplog:
	@$(MKDIR_P) cmplog
	@test -f cmplog/Makefile || (cd cmplog && $(abs_top_srcdir)/configure --enable-fuzzing=afl \
	  CC='$(CC)' > configure.log 2>&1) || { echo "make fuzz-cmplog: configure failed: cmplog/config.log" >&2; exit 1; }
	@cd cmplog && AFL_LLVM_CMPLOG=1 $(MAKE) $(AM_MAKEFLAGS) fuzz-programs
	@echo "make fuzz-cmplog: CmpLog targets in cmplog/fuzz/"

# One main and JOBS-1 secondaries on AFL_TARGET (default fuzz_prog) in
# AFL_OUT/AFL_TARGET, resumable. make fuzz-afl runs the same per target.
AFL_TARGET = fuzz_prog
afl-campaign: fuzz-programs fuzz-cmplog
	@FUZZ_CORPUS_DIR='$(FUZZ_CORPUS_DIR)' sh $(srcdir)/scripts/afl-campaign.sh --srcdir '$(srcdir)' --jobs '$(FUZZ_JOBS)' \
	  --seconds '$(FUZZ_SECONDS)' --out '$(AFL_OUT)/$(AFL_TARGET)' --cmplog cmplog/fuzz/$(AFL_TARGET) \
	  ./fuzz/$(AFL_TARGET)
else
fuzz-afl fuzz-cmplog afl-campaign:
	@echo "make $@: this tree is configured with --enable-fuzzing=$(FUZZ_ENGINE); it runs AFL++." >&2
	@echo "make $@: reconfigure with:  ./configure --enable-fuzzing=afl CC=afl-clang-fast" >&2
	@exit 1
endif

# Triage (any engine): make reproduce CRASH=f [TIMES=10] [TARGET=T];
# make minimize CRASH=f [MINIMIZE_SECONDS=300] [MIN=out.scn] [TARGET=T].
# T defaults to the directory above crashes/ in f's path.
TIMES = 10
MINIMIZE_SECONDS = 300
VS_TRIAGE = sh $(srcdir)/scripts/crash-triage.sh
reproduce: fuzz/vsmmu-run$(EXEEXT)
	@test -n '$(CRASH)' || { echo "usage: make reproduce CRASH=file [TIMES=10] [TARGET=fuzz_T]" >&2; exit 2; }
	@$(VS_TRIAGE) reproduce $(if $(TARGET),--target '$(TARGET)') --times '$(TIMES)' '$(CRASH)'
minimize: fuzz/vsmmu-run$(EXEEXT)
	@test -n '$(CRASH)' || { echo "usage: make minimize CRASH=file [MINIMIZE_SECONDS=300] [MIN=out.scn] [TARGET=fuzz_T]" >&2; exit 2; }
	@$(VS_TRIAGE) minimize $(if $(TARGET),--target '$(TARGET)') --seconds '$(MINIMIZE_SECONDS)' \
	  $(if $(MIN),--out '$(MIN)') '$(CRASH)'

# The fuzz target names, for scripts (scripts/oss-fuzz-build.sh).
.PHONY: print-fuzz-targets
print-fuzz-targets:
	@echo $(VS_FUZZ_PROGRAM_NAMES)

# libFuzzer options per target (-max_len; docs/performance.md "Input sizes"):
# read by scripts/fuzz-campaign.sh and copied next to the binaries by
# scripts/oss-fuzz-build.sh.
EXTRA_DIST += $(VS_FUZZ_PROGRAM_NAMES:%=fuzz/%.options)

# libFuzzer builds leave the checking-only code out of coverage feedback
# (fuzz/coverage-ignore.txt; docs/performance.md). Sanitizers stay on.
if FUZZ_LIBFUZZER
AM_CFLAGS += -fsanitize-coverage-ignorelist=$(top_srcdir)/fuzz/coverage-ignore.txt
endif
# AFL++: the same list, as configure rewrote it for afl-clang-fast, which
# reads it from the environment of every compile.
if FUZZ_AFL
export AFL_LLVM_DENYLIST = $(abs_top_builddir)/fuzz/afl-denylist.txt
endif
DISTCLEANFILES += fuzz/afl-denylist.txt
EXTRA_DIST += fuzz/coverage-ignore.txt
