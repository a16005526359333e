# SPDX-License-Identifier: BSD-2-Clause
# inject/: the simulated platform (host memory, stage 2, physical SMMU model,
# fault injection). A convenience library used by tests, fuzz and benches.
noinst_LTLIBRARIES += inject/libplatform.la
inject_libplatform_la_SOURCES = inject/platform.h \
	inject/pgtable.h \
	inject/internal.h \
	inject/hostmem.c \
	inject/ptw.c \
	inject/stage2.c \
	inject/tlb.c \
	inject/psmmu.c \
	inject/pcmdq.c \
	inject/pevtq.c \
	inject/prec.c \
	inject/faults.c \
	inject/platform.c \
	inject/snapshot.h \
	inject/poison.h \
	inject/snapshot.c
# Linked with either libvsmmu or its test variant by the programs using it.
