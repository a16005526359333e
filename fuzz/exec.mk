# SPDX-License-Identifier: BSD-2-Clause
# fuzz/exec.mk - the executor, the isolation oracle and the fuzz targets'
# shared helper (all in fuzz/libvsfuzz.la), the fuzz target names (the
# program rules are generated in fuzz/engine.mk), and fuzz/vsmmu-seed, which
# turns scenarios into per-target seeds (corpus/make-seeds.sh).
fuzz_libvsfuzz_la_SOURCES += \
	fuzz/exec.c \
	fuzz/exec_trace.c \
	fuzz/exec_stmt.c \
	fuzz/exec_guest.c \
	fuzz/exec_base.c \
	fuzz/exec_cpu.c \
	fuzz/exec_names.c \
	fuzz/exec_int.h \
	fuzz/oracle.c \
	fuzz/oracle.h \
	fuzz/oracle_vmid.c \
	fuzz/oracle_vmid.h \
	fuzz/refmodel.c \
	fuzz/refmodel.h \
	fuzz/refmodel_int.h \
	fuzz/refmodel_regs.c \
	fuzz/refmodel_strtab.c \
	fuzz/refmodel_cmdq.c \
	fuzz/refmodel_evtq.c \
	fuzz/refmodel_msi.c \
	fuzz/refmodel_irq.c \
	fuzz/refmodel_idr.c \
	fuzz/oracle_int.h \
	fuzz/oracle_fields.h \
	fuzz/oracle_ste.c \
	fuzz/oracle_evt.c \
	fuzz/oracle_call.c \
	fuzz/oracle_tlbi.c \
	fuzz/fuzz_common.c \
	fuzz/fuzz_common.h \
	fuzz/mutator.c \
	fuzz/mutator.h \
	fuzz/readall.c \
	fuzz/readall.h

FUZZ_TARGETS = fuzz_mmio fuzz_prog fuzz_cmdq fuzz_strtab fuzz_faults fuzz_evtq fuzz_dma \
	fuzz_system fuzz_scenario

noinst_PROGRAMS += fuzz/vsmmu-seed
fuzz_vsmmu_seed_SOURCES = fuzz/vsmmu_seed.c
fuzz_vsmmu_seed_LDADD = $(VSFUZZ_LIBS)

