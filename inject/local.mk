# inject/: the simulated platform (host memory, stage 2, physical SMMU model,
# fault injection). A convenience library used by tests, fuzz and benches.
noinst_LTLIBRARIES += inject/libplatform.la
inject_libplatform_la_SOURCES = inject/platform.h
inject_libplatform_la_LIBADD = vsmmu/libvsmmu.la
