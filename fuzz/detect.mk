# SPDX-License-Identifier: BSD-2-Clause
# fuzz/detect.mk - `make detect` (docs/detect.md): the detect twin of every
# fuzz target, fuzz/detect/T, is fuzz/T.c over the test variant of libvsmmu
# (vsmmu/libvsmmu-defects.la: VSMMU_DEFECT=NAME plants a defect of
# vsmmu/defect.h) and also plants the platform bug VSMMU_PLAT_BUG names
# (fuzz/detect_plat.c). They are never installed and not part of `make all`:
# make detect and make check build them (with whatever engine is configured;
# make detect itself needs libFuzzer). Adding a fuzz target = one block
# below and its name in VS_DETECT_PROGRAM_NAMES.
VS_DETECT_PROGRAM_NAMES = $(VS_FUZZ_WORLD_NAMES)
VS_DETECT_BINS = $(VS_DETECT_PROGRAM_NAMES:%=fuzz/detect/%$(EXEEXT))
check_PROGRAMS += fuzz/detect/fuzz_mmio fuzz/detect/fuzz_prog fuzz/detect/fuzz_cmdq \
	fuzz/detect/fuzz_strtab fuzz/detect/fuzz_faults fuzz/detect/fuzz_evtq \
	fuzz/detect/fuzz_dma fuzz/detect/fuzz_system

DETECT_CPPFLAGS = $(AM_CPPFLAGS) -DVSFUZZ_DETECT
DETECT_TARGET_LIBS = $(VSFUZZ_DEFECT_LIBS) $(FUZZ_ENGINE_LIBS)
DETECT_SRC = fuzz/detect_plat.c $(FUZZ_DRIVER_SRC)

fuzz_detect_fuzz_mmio_SOURCES = fuzz/fuzz_mmio.c $(DETECT_SRC)
fuzz_detect_fuzz_mmio_CPPFLAGS = $(DETECT_CPPFLAGS)
fuzz_detect_fuzz_mmio_LDADD = $(DETECT_TARGET_LIBS)
fuzz_detect_fuzz_mmio_LINK = $(FUZZ_TARGET_LINKCMD)
fuzz_detect_fuzz_prog_SOURCES = fuzz/fuzz_prog.c $(DETECT_SRC)
fuzz_detect_fuzz_prog_CPPFLAGS = $(DETECT_CPPFLAGS)
fuzz_detect_fuzz_prog_LDADD = $(DETECT_TARGET_LIBS)
fuzz_detect_fuzz_prog_LINK = $(FUZZ_TARGET_LINKCMD)
fuzz_detect_fuzz_cmdq_SOURCES = fuzz/fuzz_cmdq.c $(DETECT_SRC)
fuzz_detect_fuzz_cmdq_CPPFLAGS = $(DETECT_CPPFLAGS)
fuzz_detect_fuzz_cmdq_LDADD = $(DETECT_TARGET_LIBS)
fuzz_detect_fuzz_cmdq_LINK = $(FUZZ_TARGET_LINKCMD)
fuzz_detect_fuzz_strtab_SOURCES = fuzz/fuzz_strtab.c $(DETECT_SRC)
fuzz_detect_fuzz_strtab_CPPFLAGS = $(DETECT_CPPFLAGS)
fuzz_detect_fuzz_strtab_LDADD = $(DETECT_TARGET_LIBS)
fuzz_detect_fuzz_strtab_LINK = $(FUZZ_TARGET_LINKCMD)
fuzz_detect_fuzz_faults_SOURCES = fuzz/fuzz_faults.c $(DETECT_SRC)
fuzz_detect_fuzz_faults_CPPFLAGS = $(DETECT_CPPFLAGS)
fuzz_detect_fuzz_faults_LDADD = $(DETECT_TARGET_LIBS)
fuzz_detect_fuzz_faults_LINK = $(FUZZ_TARGET_LINKCMD)
fuzz_detect_fuzz_evtq_SOURCES = fuzz/fuzz_evtq.c $(DETECT_SRC)
fuzz_detect_fuzz_evtq_CPPFLAGS = $(DETECT_CPPFLAGS)
fuzz_detect_fuzz_evtq_LDADD = $(DETECT_TARGET_LIBS)
fuzz_detect_fuzz_evtq_LINK = $(FUZZ_TARGET_LINKCMD)
fuzz_detect_fuzz_dma_SOURCES = fuzz/fuzz_dma.c $(DETECT_SRC)
fuzz_detect_fuzz_dma_CPPFLAGS = $(DETECT_CPPFLAGS)
fuzz_detect_fuzz_dma_LDADD = $(DETECT_TARGET_LIBS)
fuzz_detect_fuzz_dma_LINK = $(FUZZ_TARGET_LINKCMD)
fuzz_detect_fuzz_system_SOURCES = fuzz/fuzz_system.c $(DETECT_SRC)
fuzz_detect_fuzz_system_CPPFLAGS = $(DETECT_CPPFLAGS)
fuzz_detect_fuzz_system_LDADD = $(DETECT_TARGET_LIBS)
fuzz_detect_fuzz_system_LINK = $(FUZZ_TARGET_LINKCMD)

# make detect [JOBS=N] [DETECT_SECONDS=60] [DETECT_DEFECTS="NAME..."]
# [DETECT_TARGETS="fuzz_T..."] [DETECT_RESULTS=results]
JOBS = 1
DETECT_SECONDS = 60
DETECT_DEFECTS =
DETECT_TARGETS = $(VS_DETECT_PROGRAM_NAMES)
DETECT_RESULTS = results
DETECT_RUN = bash $(srcdir)/scripts/detect.sh --srcdir '$(srcdir)' --builddir . \
	--engine '$(FUZZ_ENGINE)' --results '$(DETECT_RESULTS)' --targets '$(DETECT_TARGETS)'
EXTRA_DIST += scripts/detect.sh

.PHONY: detect detect-programs
detect-programs: $(VS_DETECT_BINS) fuzz/vsmmu-run-defects$(EXEEXT)

if FUZZ_LIBFUZZER
# The crash-class defects are seen only by the sanitizers (vsmmu/defect.h):
# without them a run could not find every defect.
detect:
	@case ' $(VS_INSTR_CFLAGS) ' in *-fsanitize=*address*undefined*) ;; *) \
	  echo "make detect: needs ASan and UBSan to see the crash-class defects; reconfigure with:" >&2; \
	  echo "make detect:   $(abs_top_srcdir)/configure --enable-fuzzing=libfuzzer CC=clang --enable-sanitizers" >&2; \
	  exit 1 ;; esac
	@$(MAKE) $(AM_MAKEFLAGS) detect-programs
	@$(DETECT_RUN) --seconds '$(DETECT_SECONDS)' --jobs '$(JOBS)' $(DETECT_DEFECTS)
else
detect:
	@echo "make detect: it fuzzes with libFuzzer, and this tree is configured with --enable-fuzzing=$(FUZZ_ENGINE)." >&2
	@echo "make detect: in a new build directory run:  $(abs_top_srcdir)/configure --enable-fuzzing=libfuzzer CC=clang --enable-sanitizers && make detect" >&2
	@exit 1
endif
