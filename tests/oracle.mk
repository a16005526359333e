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
# One planted-bug scenario per invariant (oracle-test runs every .scn here).
EXTRA_DIST += \
	tests/oracle/i01-guest-s2-bits.scn \
	tests/oracle/i01-s1-only-ste.scn \
	tests/oracle/i01-ste-dw4-copied.scn \
	tests/oracle/i01-ste-eats-passthrough.scn \
	tests/oracle/i02-wrong-stream-same-guest.scn \
	tests/oracle/i05-event-not-scrubbed.scn \
	tests/oracle/i02-wrong-psid.scn \
	tests/oracle/i03-hyp-ipa-as-hpa.scn \
	tests/oracle/i04-walk-skips-s2.scn \
	tests/oracle/i05-leak-psid.scn \
	tests/oracle/i06-keep-guest-vmid.scn \
	tests/oracle/i07-no-budget.scn \
	tests/oracle/i08-leak-memory.scn \
	tests/oracle/i09-cr0ack-stuck.scn \
	tests/oracle/i10-no-teardown-inv.scn \
	tests/oracle/i10-vmid-not-retired.scn \
	tests/oracle/i11-blame-syncer.scn \
		tests/oracle/i11-hide-phys-fail.scn \
	tests/oracle/i12-cons-err-not-set.scn \
	tests/oracle/i12-const-split.scn \
	tests/oracle/i12-fmt-sticky.scn \
	tests/oracle/i12-sid-bound-off-by-one.scn \
	tests/oracle/i12-skip-unknown-opcode.scn \
	tests/oracle/i12-ste-dw0-only.scn \
	tests/oracle/i12-evtq-log2size-clamped.scn \
	tests/oracle/i07-per-trap-budget-removed.scn \
	tests/oracle/i07-cmd-budget-off-by-one.scn
# Self-tests of the defects make detect plants (docs/detect.md).
EXTRA_DIST += \
	tests/oracle/i01-gbpa-bypass-no-s2.scn \
	tests/oracle/i05-route-ignores-psmmu.scn \
	tests/oracle/i06-cfgi-range-passthrough.scn \
	tests/oracle/i08-shadow-strtab-alloc.scn \
	tests/oracle/i06-nsnh-all-passthrough.scn \
	tests/oracle/i06-tlbi-asid-unscoped.scn \
	tests/oracle/i09-cmdq-cons-stale-mask.scn \
	tests/oracle/i05-route-not-removed.scn \
	tests/oracle/i11-sync-timeout-as-done.scn
