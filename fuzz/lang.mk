# SPDX-License-Identifier: BSD-2-Clause
# fuzz/lang.mk - the two encodings of the op model (scenario text and the
# compact byte form), the name tables they share, and vsmmu-run.
fuzz_libvsfuzz_la_SOURCES += \
	fuzz/op.c \
	fuzz/op_schema.c \
	fuzz/op_schema.h \
	fuzz/names.c \
	fuzz/names.h \
	fuzz/scn_parse.c \
	fuzz/scn_print.c \
	fuzz/bytes.c \
	fuzz/scn_check.c \
	fuzz/scn_check.h

# vsmmu-run: run scenarios (text or bytes), print bytes as text, encode text.
bin_PROGRAMS += fuzz/vsmmu-run
fuzz_vsmmu_run_SOURCES = fuzz/vsmmu_run.c
fuzz_vsmmu_run_LDADD = $(VSFUZZ_LIBS)
# The same tool over the test variant of libvsmmu: VSMMU_DEFECT=NAME
# fuzz/vsmmu-run-defects ... runs a scenario against planted defect NAME.
noinst_PROGRAMS += fuzz/vsmmu-run-defects
fuzz_vsmmu_run_defects_SOURCES = fuzz/vsmmu_run.c
fuzz_vsmmu_run_defects_LDADD = $(VSFUZZ_DEFECT_LIBS)
dist_man1_MANS = fuzz/vsmmu-run.1
