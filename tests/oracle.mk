# SPDX-License-Identifier: BSD-2-Clause
# tests/oracle.mk - self-tests of the isolation oracle: every invariant
# I1-I12 broken on purpose (planted defects, vsmmu/defect.h) and reported as exactly that
# invariant, each with a control run that passes. See tests/oracle/oracle_test.c.
check_PROGRAMS += tests/oracle/oracle-test
tests_oracle_oracle_test_SOURCES = tests/oracle/oracle_test.c $(TEST_FILES_SRC)
tests_oracle_oracle_test_LDADD = $(VSFUZZ_DEFECT_LIBS)
TESTS += tests/oracle/oracle-test
# The observation-based checks on hand-made observations (I1 all dwords, I2
# per write, I5 field by field).
check_PROGRAMS += tests/oracle/test_oracle_obs
tests_oracle_test_oracle_obs_SOURCES = tests/oracle/test_oracle_obs.c
tests_oracle_test_oracle_obs_LDADD = $(VSFUZZ_LIBS)
TESTS += tests/oracle/test_oracle_obs
# One planted-bug scenario per invariant, and the self-tests of the defects
# make detect plants (docs/detect.md): oracle-test runs every .scn here, and
# the directory goes into the tarball whole.
DIST_COPIED_DIRS += tests/oracle
