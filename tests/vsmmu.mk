# SPDX-License-Identifier: BSD-2-Clause
# tests/vsmmu.mk: unit tests of libvsmmu, each a small program
# over a fake environment (tests/vsmmu/fake.c).
VSMMU_UNIT_TESTS = \
	tests/vsmmu/test_regs \
	tests/vsmmu/test_ste \
	tests/vsmmu/test_cmdq \
	tests/vsmmu/test_evtq \
	tests/vsmmu/test_router \
	tests/vsmmu/test_lifecycle \
	tests/vsmmu/test_physfail \
	tests/vsmmu/test_msi \
	tests/vsmmu/test_linux
check_PROGRAMS += $(VSMMU_UNIT_TESTS)
TESTS += $(VSMMU_UNIT_TESTS)

VSMMU_FAKE = tests/vsmmu/fake.c tests/vsmmu/fake.h
tests_vsmmu_test_regs_SOURCES = tests/vsmmu/test_regs.c $(VSMMU_FAKE)
tests_vsmmu_test_regs_LDADD = vsmmu/libvsmmu.la
tests_vsmmu_test_ste_SOURCES = tests/vsmmu/test_ste.c $(VSMMU_FAKE)
tests_vsmmu_test_ste_LDADD = vsmmu/libvsmmu.la
tests_vsmmu_test_cmdq_SOURCES = tests/vsmmu/test_cmdq.c $(VSMMU_FAKE)
tests_vsmmu_test_cmdq_LDADD = vsmmu/libvsmmu.la
tests_vsmmu_test_evtq_SOURCES = tests/vsmmu/test_evtq.c $(VSMMU_FAKE)
tests_vsmmu_test_evtq_LDADD = vsmmu/libvsmmu.la
tests_vsmmu_test_router_SOURCES = tests/vsmmu/test_router.c $(VSMMU_FAKE)
tests_vsmmu_test_router_LDADD = vsmmu/libvsmmu.la
tests_vsmmu_test_lifecycle_SOURCES = tests/vsmmu/test_lifecycle.c $(VSMMU_FAKE)
tests_vsmmu_test_lifecycle_LDADD = vsmmu/libvsmmu.la
tests_vsmmu_test_linux_SOURCES = tests/vsmmu/test_linux.c $(VSMMU_FAKE)
tests_vsmmu_test_linux_LDADD = vsmmu/libvsmmu.la
tests_vsmmu_test_physfail_SOURCES = tests/vsmmu/test_physfail.c $(VSMMU_FAKE)
tests_vsmmu_test_physfail_LDADD = vsmmu/libvsmmu.la
tests_vsmmu_test_msi_SOURCES = tests/vsmmu/test_msi.c $(VSMMU_FAKE)
tests_vsmmu_test_msi_LDADD = vsmmu/libvsmmu.la

# The same tests over the test variant of libvsmmu (vsmmu/defect.h), with
# their planted-defect cases compiled in: each defect must do what it says.
VSMMU_DEFECT_TESTS = \
	tests/vsmmu/test_regs_defects \
	tests/vsmmu/test_ste_defects \
	tests/vsmmu/test_cmdq_defects \
	tests/vsmmu/test_router_defects \
	tests/vsmmu/test_lifecycle_defects \
	tests/vsmmu/test_physfail_defects \
	tests/vsmmu/test_msi_defects
check_PROGRAMS += $(VSMMU_DEFECT_TESTS)
TESTS += $(VSMMU_DEFECT_TESTS)
VSMMU_DEFECT_TEST_CPPFLAGS = $(AM_CPPFLAGS) -DVS_TEST_DEFECTS
tests_vsmmu_test_regs_defects_SOURCES = tests/vsmmu/test_regs.c $(VSMMU_FAKE)
tests_vsmmu_test_regs_defects_CPPFLAGS = $(VSMMU_DEFECT_TEST_CPPFLAGS)
tests_vsmmu_test_regs_defects_LDADD = vsmmu/libvsmmu-defects.la
tests_vsmmu_test_ste_defects_SOURCES = tests/vsmmu/test_ste.c $(VSMMU_FAKE)
tests_vsmmu_test_ste_defects_CPPFLAGS = $(VSMMU_DEFECT_TEST_CPPFLAGS)
tests_vsmmu_test_ste_defects_LDADD = vsmmu/libvsmmu-defects.la
tests_vsmmu_test_cmdq_defects_SOURCES = tests/vsmmu/test_cmdq.c $(VSMMU_FAKE)
tests_vsmmu_test_cmdq_defects_CPPFLAGS = $(VSMMU_DEFECT_TEST_CPPFLAGS)
tests_vsmmu_test_cmdq_defects_LDADD = vsmmu/libvsmmu-defects.la
tests_vsmmu_test_router_defects_SOURCES = tests/vsmmu/test_router.c $(VSMMU_FAKE)
tests_vsmmu_test_router_defects_CPPFLAGS = $(VSMMU_DEFECT_TEST_CPPFLAGS)
tests_vsmmu_test_router_defects_LDADD = vsmmu/libvsmmu-defects.la
tests_vsmmu_test_lifecycle_defects_SOURCES = tests/vsmmu/test_lifecycle.c $(VSMMU_FAKE)
tests_vsmmu_test_lifecycle_defects_CPPFLAGS = $(VSMMU_DEFECT_TEST_CPPFLAGS)
tests_vsmmu_test_lifecycle_defects_LDADD = vsmmu/libvsmmu-defects.la
tests_vsmmu_test_physfail_defects_SOURCES = tests/vsmmu/test_physfail.c $(VSMMU_FAKE)
tests_vsmmu_test_physfail_defects_CPPFLAGS = $(VSMMU_DEFECT_TEST_CPPFLAGS)
tests_vsmmu_test_physfail_defects_LDADD = vsmmu/libvsmmu-defects.la

# The installed header embeds: compiled with only the installed include
# directory on the path, beside a driver's own SMMUv3 macro names.
check_PROGRAMS += tests/vsmmu/test_embed
TESTS += tests/vsmmu/test_embed
tests_vsmmu_test_embed_SOURCES = tests/vsmmu/test_embed.c
tests_vsmmu_test_embed_CPPFLAGS = -I$(top_srcdir)/vsmmu/include
tests_vsmmu_test_embed_LDADD = vsmmu/libvsmmu.la

# The defects make detect plants (docs/detect.md), each with and without it.
check_PROGRAMS += tests/vsmmu/test_detect_defects
TESTS += tests/vsmmu/test_detect_defects
tests_vsmmu_test_detect_defects_SOURCES = tests/vsmmu/test_detect_defects.c $(VSMMU_FAKE)
tests_vsmmu_test_detect_defects_CPPFLAGS = $(VSMMU_DEFECT_TEST_CPPFLAGS)
tests_vsmmu_test_detect_defects_LDADD = vsmmu/libvsmmu-defects.la
tests_vsmmu_test_msi_defects_SOURCES = tests/vsmmu/test_msi.c $(VSMMU_FAKE)
tests_vsmmu_test_msi_defects_CPPFLAGS = $(VSMMU_DEFECT_TEST_CPPFLAGS)
tests_vsmmu_test_msi_defects_LDADD = vsmmu/libvsmmu-defects.la

# VS_FIELD_PREP rejects a constant too wide for its field at compile time:
# a script compiles a snippet with the build's compiler and expects failure.
TESTS += tests/vsmmu/field-prep-fit.sh
EXTRA_DIST += tests/vsmmu/field-prep-fit.sh
AM_TESTS_ENVIRONMENT += CC='$(CC)'; export CC;

# The decoders' reasons (one per exit) reach `vsmmu-run -v`.
TESTS += tests/vsmmu/decode-reasons.sh
EXTRA_DIST += tests/vsmmu/decode-reasons.sh
