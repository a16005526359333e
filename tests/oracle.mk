# tests/oracle.mk - self-tests of the isolation oracle: every invariant
# I1-I12 broken on purpose (planted defects, vsmmu/defect.h) and reported as exactly that
# invariant, each with a control run that passes. See tests/oracle/oracle_test.c.
check_PROGRAMS += tests/oracle/oracle-test
tests_oracle_oracle_test_SOURCES = tests/oracle/oracle_test.c
tests_oracle_oracle_test_LDADD = $(VSFUZZ_DEFECT_LIBS)
TESTS += tests/oracle/oracle-test
# One planted-bug scenario per invariant (oracle-test runs every .scn here).
EXTRA_DIST += \
	tests/oracle/i01-guest-s2-bits.scn \
	tests/oracle/i01-s1-only-ste.scn \
	tests/oracle/i02-wrong-psid.scn \
	tests/oracle/i03-hyp-ipa-as-hpa.scn \
	tests/oracle/i04-walk-skips-s2.scn \
	tests/oracle/i05-leak-psid.scn \
	tests/oracle/i06-keep-guest-vmid.scn \
	tests/oracle/i07-no-budget.scn \
	tests/oracle/i08-leak-memory.scn \
	tests/oracle/i09-cr0ack-stuck.scn \
	tests/oracle/i10-no-teardown-inv.scn \
	tests/oracle/i11-hide-phys-fail.scn
