# SPDX-License-Identifier: BSD-2-Clause
# vsmmu/: libvsmmu, the virtual SMMUv3.
lib_LTLIBRARIES += vsmmu/libvsmmu.la
VSMMU_SOURCES = \
	vsmmu/internal.h \
	vsmmu/defect.h \
	vsmmu/core.c \
	vsmmu/regs.c \
	vsmmu/regs_read.h \
	vsmmu/peek.c \
	vsmmu/strtab.c \
	vsmmu/ste.c \
	vsmmu/streams.c \
	vsmmu/cmdq.c \
	vsmmu/evtq.c \
	vsmmu/gerror.c \
	vsmmu/msi.c \
	vsmmu/router.c \
	vsmmu/physfail.c \
	vsmmu/s2fault.c
vsmmu_libvsmmu_la_SOURCES = $(VSMMU_SOURCES)
vsmmu_libvsmmu_la_LDFLAGS = -version-info 0:0:0
vsmmuincludedir = $(includedir)/vsmmu
vsmmuinclude_HEADERS = vsmmu/include/vsmmu/vsmmu.h
# The register and field names: libvsmmu's and the test suite's, not the API.
noinst_HEADERS = vsmmu/include/vsmmu/smmuv3_regs.h vsmmu/include/vsmmu/smmuv3_queue.h
pkgconfigdir = $(libdir)/pkgconfig
pkgconfig_DATA = vsmmu/vsmmu.pc
# An instrumented build (sanitizers, coverage, fuzzing) installs a library
# that only links into programs built with the same runtimes: say so (the
# installed vsmmu.pc carries the flags, so pkg-config users get them).
install-exec-hook:
	@if test -n '$(strip $(VS_INSTR_CFLAGS))'; then \
	  echo "make install: WARNING: this libvsmmu is instrumented ($(strip $(VS_INSTR_CFLAGS)))." >&2; \
	  echo "make install: programs linking it need the same flags (vsmmu.pc carries them); for a" >&2; \
	  echo "make install: production library configure without --enable-sanitizers/--enable-coverage/--enable-fuzzing." >&2; \
	fi

# The test variant: the same sources with the planted defects of
# vsmmu/defect.h compiled in (VSMMU_DEFECT=NAME selects one at run time).
# Never installed; linked only into the oracle self-tests, the unit tests of
# planted defects and the `make detect` tools.
noinst_LTLIBRARIES += vsmmu/libvsmmu-defects.la
vsmmu_libvsmmu_defects_la_SOURCES = $(VSMMU_SOURCES) vsmmu/defect.c
vsmmu_libvsmmu_defects_la_CPPFLAGS = $(AM_CPPFLAGS) -DVSMMU_DEFECTS
