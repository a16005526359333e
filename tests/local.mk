# tests/: the make check harness (Automake's parallel driver; results in
# test-suite.log, one .log/.trs per test). Run it with `make -j2 check`.
#
# Kinds of test registered here:
#   .sh      shell tests, run with $(SHELL)
#   .replay  corpus replay: tests/T.replay (generated, one per fuzz target T in
#            fuzz/engine.mk) replays corpus/T/ and corpus/regressions/T/
#            through ./fuzz/T (tests/replay-corpus.sh)
#   (none)   test programs added by the fragments included below
#            (TESTS += tests/foo, check_PROGRAMS += tests/foo): run directly
#
# Other directories' test programs: append `include $(srcdir)/tests/<x>.mk`
# lines at the end of this file.
TEST_EXTENSIONS += .sh .replay
SH_LOG_COMPILER = $(SHELL)
REPLAY_LOG_COMPILER = $(SHELL) $(srcdir)/tests/replay-corpus.sh

# Exported to every test.
AM_TESTS_ENVIRONMENT = \
	top_builddir='$(top_builddir)'; export top_builddir; \
	UBSAN_OPTIONS="$${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"; export UBSAN_OPTIONS;

# Conformance scenarios: every tests/scenarios/*.scn through fuzz/vsmmu-run.
TESTS += tests/run-scenarios.sh

# Corpus replay, one test per fuzz target.
# (literal: one per program declared in fuzz/engine.mk)
FUZZ_REPLAY_TESTS = tests/fuzz_mmio.replay tests/fuzz_prog.replay \
	tests/fuzz_cmdq.replay tests/fuzz_strtab.replay tests/fuzz_faults.replay
TESTS += $(FUZZ_REPLAY_TESTS)
check_SCRIPTS += $(FUZZ_REPLAY_TESTS)
CLEANFILES += $(FUZZ_REPLAY_TESTS)
$(FUZZ_REPLAY_TESTS): Makefile
	$(AM_V_GEN)$(MKDIR_P) tests && \
	echo '# replay corpus/$(@F:.replay=)/ through ./fuzz/$(@F:.replay=) (tests/replay-corpus.sh)' > $@

EXTRA_DIST += tests/README.md tests/replay-corpus.sh tests/run-scenarios.sh

# --- test fragments of other directories (append below) ---------------------
include $(srcdir)/tests/lang.mk
include $(srcdir)/tests/vsmmu.mk
include $(srcdir)/tests/inject.mk
include $(srcdir)/tests/oracle.mk
include $(srcdir)/tests/fuzz.mk
