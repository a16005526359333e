# SPDX-License-Identifier: BSD-2-Clause
# tests/inject.mk: unit tests of the simulated platform (inject/), linked
# with the real libvsmmu. tutil.h holds the shared helpers.
INJECT_UNIT_TESTS = \
	tests/inject/test_walk \
	tests/inject/test_cd \
	tests/inject/test_tlb \
	tests/inject/test_faults \
	tests/inject/test_platform \
	tests/inject/test_observers \
	tests/inject/test_e2e \
	tests/inject/test_strict
check_PROGRAMS += $(INJECT_UNIT_TESTS)
TESTS += $(INJECT_UNIT_TESTS)
EXTRA_DIST += tests/inject/tutil.h

tests_inject_test_walk_SOURCES = tests/inject/test_walk.c tests/inject/tutil.h
tests_inject_test_walk_LDADD = inject/libplatform.la vsmmu/libvsmmu.la
tests_inject_test_cd_SOURCES = tests/inject/test_cd.c tests/inject/tutil.h
tests_inject_test_cd_LDADD = inject/libplatform.la vsmmu/libvsmmu.la
tests_inject_test_tlb_SOURCES = tests/inject/test_tlb.c tests/inject/tutil.h
tests_inject_test_tlb_LDADD = inject/libplatform.la vsmmu/libvsmmu.la
tests_inject_test_faults_SOURCES = tests/inject/test_faults.c tests/inject/tutil.h
tests_inject_test_faults_LDADD = inject/libplatform.la vsmmu/libvsmmu.la
tests_inject_test_platform_SOURCES = tests/inject/test_platform.c tests/inject/tutil.h
tests_inject_test_platform_LDADD = inject/libplatform.la vsmmu/libvsmmu.la
tests_inject_test_e2e_SOURCES = tests/inject/test_e2e.c tests/inject/tutil.h
tests_inject_test_e2e_LDADD = inject/libplatform.la vsmmu/libvsmmu.la
tests_inject_test_strict_SOURCES = tests/inject/test_strict.c tests/inject/tutil.h
tests_inject_test_strict_LDADD = inject/libplatform.la vsmmu/libvsmmu.la
tests_inject_test_observers_SOURCES = tests/inject/test_observers.c tests/inject/tutil.h
tests_inject_test_observers_LDADD = inject/libplatform.la vsmmu/libvsmmu.la
