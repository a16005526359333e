# SPDX-License-Identifier: BSD-2-Clause
# bench/ build fragment (included by the top-level Makefile.am)
include $(srcdir)/bench/vsmmu.mk
include $(srcdir)/bench/inject.mk
include $(srcdir)/bench/fuzz.mk
