# SPDX-License-Identifier: BSD-2-Clause
# bench/inject.mk: platform benchmarks (built by `make`, run by hand:
# ./bench/bench_platform).
noinst_PROGRAMS += bench/bench_platform
bench_bench_platform_SOURCES = bench/bench_platform.c
bench_bench_platform_LDADD = inject/libplatform.la vsmmu/libvsmmu.la
