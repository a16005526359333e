# SPDX-License-Identifier: BSD-2-Clause
# tests/refmodel.mk: unit tests of the reference model of the guest-visible
# architecture (fuzz/refmodel*.c, invariant I12) against hand-computed
# cases from the specification, with a fake vSMMU and guest memory.
check_PROGRAMS += tests/refmodel/test_refmodel
TESTS += tests/refmodel/test_refmodel
tests_refmodel_test_refmodel_SOURCES = tests/refmodel/test_refmodel.c
tests_refmodel_test_refmodel_LDADD = fuzz/libvsfuzz.la
