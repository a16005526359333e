# tests/oracle.mk - self-tests of the isolation oracle: every invariant
# I1-I11 broken on purpose (planted bugs) and reported as exactly that
# invariant, each with a control run that passes. See tests/oracle/oracle_test.c.
check_PROGRAMS += tests/oracle/oracle-test
tests_oracle_oracle_test_SOURCES = tests/oracle/oracle_test.c
tests_oracle_oracle_test_LDADD = fuzz/libvsfuzz.la
TESTS += tests/oracle/oracle-test
EXTRA_DIST += tests/oracle
