# SPDX-License-Identifier: BSD-2-Clause
# tests/lang.mk - tests of the scenario language and the byte encoding
# (fuzz/lang.mk). The C tests use only the parser, printer and codec; the
# shell test drives fuzz/vsmmu-run.
LANG_TESTS = tests/lang/test_parse tests/lang/test_errors tests/lang/test_roundtrip \
	tests/lang/test_hostile tests/lang/test_docs tests/lang/test_scn_check
check_PROGRAMS += $(LANG_TESTS)
TESTS += $(LANG_TESTS) tests/lang/vsmmu-run.sh
EXTRA_DIST += tests/lang/vsmmu-run.sh

tests_lang_test_parse_SOURCES = tests/lang/test_parse.c tests/lang/lang_test.h
tests_lang_test_parse_LDADD = $(VSFUZZ_LIBS)
tests_lang_test_errors_SOURCES = tests/lang/test_errors.c tests/lang/lang_test.h
tests_lang_test_errors_LDADD = $(VSFUZZ_LIBS)
tests_lang_test_roundtrip_SOURCES = tests/lang/test_roundtrip.c tests/lang/lang_test.h
tests_lang_test_roundtrip_LDADD = $(VSFUZZ_LIBS)
tests_lang_test_hostile_SOURCES = tests/lang/test_hostile.c tests/lang/lang_test.h
tests_lang_test_hostile_LDADD = $(VSFUZZ_LIBS)
# The round-trip check of the fuzz_scenario target (fuzz/scn_check.h).
tests_lang_test_scn_check_SOURCES = tests/lang/test_scn_check.c tests/lang/lang_test.h $(TEST_FILES_SRC)
tests_lang_test_scn_check_LDADD = $(VSFUZZ_LIBS)

# The documents' examples parse and the language reference's name tables
# match fuzz/names.c (reads the Markdown files of $(srcdir)).
tests_lang_test_docs_SOURCES = tests/lang/test_docs.c tests/lang/lang_test.h $(TEST_FILES_SRC)
tests_lang_test_docs_LDADD = $(VSFUZZ_LIBS)
