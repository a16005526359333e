# tests/vsmmu.mk: unit tests of libvsmmu (issue #4), each a small program
# over a fake environment (tests/vsmmu/fake.c).
VSMMU_UNIT_TESTS = \
	tests/vsmmu/test_regs \
	tests/vsmmu/test_ste \
	tests/vsmmu/test_cmdq \
	tests/vsmmu/test_evtq \
	tests/vsmmu/test_router \
	tests/vsmmu/test_lifecycle \
	tests/vsmmu/test_physfail \
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
