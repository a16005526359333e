# SPDX-License-Identifier: BSD-2-Clause
# bench/vsmmu.mk: libvsmmu micro-benchmarks (built by `make`, run by hand:
# ./bench/bench_vsmmu).
noinst_PROGRAMS += bench/bench_vsmmu
bench_bench_vsmmu_SOURCES = bench/bench_vsmmu.c
bench_bench_vsmmu_LDADD = vsmmu/libvsmmu.la
