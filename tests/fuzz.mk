# SPDX-License-Identifier: BSD-2-Clause
# tests/fuzz.mk - tests of the fuzz targets' prepared worlds: a run from
# the snapshot equals a run on a fresh world, trace for trace (every
# committed input and variants of it; -defects: once per planted defect,
# over the test variant of libvsmmu), and the world heap itself.
check_PROGRAMS += tests/fuzz/snapshot-test tests/fuzz/snapshot-test-defects tests/fuzz/wheap-test \
	tests/fuzz/mutator-test tests/fuzz/mutator-golden-test
tests_fuzz_snapshot_test_SOURCES = tests/fuzz/snapshot_test.c
tests_fuzz_snapshot_test_LDADD = $(VSFUZZ_LIBS)
tests_fuzz_snapshot_test_defects_SOURCES = tests/fuzz/snapshot_test.c
tests_fuzz_snapshot_test_defects_CPPFLAGS = $(AM_CPPFLAGS) -DSNAPSHOT_TEST_DEFECTS
tests_fuzz_snapshot_test_defects_LDADD = $(VSFUZZ_DEFECT_LIBS)
tests_fuzz_wheap_test_SOURCES = tests/fuzz/wheap_test.c
tests_fuzz_wheap_test_LDADD = $(VSFUZZ_LIBS)
# The op-level mutator: mutants decode to what it built, within MaxSize
# and the schema's ranges, deterministically; every mutation kind occurs.
tests_fuzz_mutator_test_SOURCES = tests/fuzz/mutator_test.c
tests_fuzz_mutator_test_LDADD = $(VSFUZZ_LIBS)
# Its mutants pinned: the same (data, seed) gives the same output as the
# hashes recorded in the test.
tests_fuzz_mutator_golden_test_SOURCES = tests/fuzz/mutator_golden_test.c
tests_fuzz_mutator_golden_test_LDADD = $(VSFUZZ_LIBS)
TESTS += tests/fuzz/snapshot-test tests/fuzz/snapshot-test-defects tests/fuzz/wheap-test \
	tests/fuzz/mutator-test tests/fuzz/mutator-golden-test
# The oracle's incremental checks after each op against its full check
# after each op: same verdicts (status, invariant, line) over the corpus, the
# scenarios and the oracle self-tests, without and with every planted defect.
check_PROGRAMS += tests/fuzz/incremental-test
tests_fuzz_incremental_test_SOURCES = tests/fuzz/incremental_test.c $(TEST_FILES_SRC)
tests_fuzz_incremental_test_LDADD = $(VSFUZZ_DEFECT_LIBS)
TESTS += tests/fuzz/incremental-test
