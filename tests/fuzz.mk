# tests/fuzz.mk - tests of the fuzz targets' prepared worlds: a run from
# the snapshot equals a run on a fresh world, trace for trace (every
# committed input and variants of it), and the world heap itself.
check_PROGRAMS += tests/fuzz/snapshot-test tests/fuzz/wheap-test
tests_fuzz_snapshot_test_SOURCES = tests/fuzz/snapshot_test.c
tests_fuzz_snapshot_test_LDADD = fuzz/libvsfuzz.la
tests_fuzz_wheap_test_SOURCES = tests/fuzz/wheap_test.c
tests_fuzz_wheap_test_LDADD = fuzz/libvsfuzz.la
TESTS += tests/fuzz/snapshot-test tests/fuzz/wheap-test
