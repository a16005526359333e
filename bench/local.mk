# bench/ build fragment (included by the top-level Makefile.am)
include $(srcdir)/bench/vsmmu.mk
include $(srcdir)/bench/inject.mk
include $(srcdir)/bench/fuzz.mk
