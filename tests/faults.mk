# SPDX-License-Identifier: BSD-2-Clause
# tests/faults.mk - the fault model walked exhaustively: every conformance
# scenario with its fallible call N failing, N = 1, 2, ... until the run no
# longer reaches call N (tests/faults/fail_nth_sweep.c).
check_PROGRAMS += tests/faults/fail-nth-sweep
tests_faults_fail_nth_sweep_SOURCES = tests/faults/fail_nth_sweep.c $(TEST_FILES_SRC)
tests_faults_fail_nth_sweep_LDADD = $(VSFUZZ_LIBS)
TESTS += tests/faults/fail-nth-sweep
# The sweep can fail: over the test variant of libvsmmu with a planted
# defect that hides physical failures, it must report the I11 violation.
check_PROGRAMS += tests/faults/fail-nth-sweep-defects
tests_faults_fail_nth_sweep_defects_SOURCES = tests/faults/fail_nth_sweep.c $(TEST_FILES_SRC)
tests_faults_fail_nth_sweep_defects_LDADD = $(VSFUZZ_DEFECT_LIBS)
TESTS += tests/faults/sweep-finds.sh
EXTRA_DIST += tests/faults/sweep-finds.sh
