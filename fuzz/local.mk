# SPDX-License-Identifier: BSD-2-Clause
# fuzz/: op model, encodings, executor, oracle, fuzz targets, vsmmu-run.
# The core is one convenience library shared by vsmmu-run, the fuzz targets
# and the tests. lang.mk (encodings) and exec.mk (executor, oracle, targets)
# add their sources to it; engine.mk holds the fuzz-engine plumbing.
noinst_LTLIBRARIES += fuzz/libvsfuzz.la
fuzz_libvsfuzz_la_SOURCES = fuzz/op.h fuzz/codec.h fuzz/exec.h
fuzz_libvsfuzz_la_LIBADD = inject/libplatform.la
# What a program over the core links: with libvsmmu, or with its test
# variant carrying the planted defects (vsmmu/defect.h).
VSFUZZ_LIBS = fuzz/libvsfuzz.la vsmmu/libvsmmu.la
VSFUZZ_DEFECT_LIBS = fuzz/libvsfuzz.la vsmmu/libvsmmu-defects.la

include $(srcdir)/fuzz/lang.mk
include $(srcdir)/fuzz/exec.mk
include $(srcdir)/fuzz/engine.mk
include $(srcdir)/fuzz/detect.mk
