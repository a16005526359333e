# vsmmu/: libvsmmu, the virtual SMMUv3.
lib_LTLIBRARIES += vsmmu/libvsmmu.la
vsmmu_libvsmmu_la_SOURCES =
vsmmu_libvsmmu_la_LDFLAGS = -version-info 0:0:0
vsmmuincludedir = $(includedir)/vsmmu
vsmmuinclude_HEADERS = vsmmu/include/vsmmu/vsmmu.h vsmmu/include/vsmmu/smmuv3_regs.h
pkgconfigdir = $(libdir)/pkgconfig
pkgconfig_DATA = vsmmu/vsmmu.pc
