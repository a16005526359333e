# vsmmu/: libvsmmu, the virtual SMMUv3.
lib_LTLIBRARIES += vsmmu/libvsmmu.la
vsmmu_libvsmmu_la_SOURCES = \
	vsmmu/internal.h \
	vsmmu/core.c \
	vsmmu/regs.c \
	vsmmu/strtab.c \
	vsmmu/ste.c \
	vsmmu/streams.c \
	vsmmu/cmdq.c \
	vsmmu/evtq.c \
	vsmmu/gerror.c \
	vsmmu/router.c \
	vsmmu/physfail.c
vsmmu_libvsmmu_la_LDFLAGS = -version-info 0:0:0
vsmmuincludedir = $(includedir)/vsmmu
vsmmuinclude_HEADERS = vsmmu/include/vsmmu/vsmmu.h vsmmu/include/vsmmu/smmuv3_regs.h
pkgconfigdir = $(libdir)/pkgconfig
pkgconfig_DATA = vsmmu/vsmmu.pc
