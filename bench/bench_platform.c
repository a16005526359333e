/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * bench_platform.c - cost of the simulated platform: world create+destroy
 * (empty, and with 2 guests and 4 streams), and one translated DMA on a TLB
 * hit and on a TLB miss (full nested walk: 4 stage-1 levels, each table and
 * the output through a 3-level stage 2). Run by hand: ./bench/bench_platform
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "inject/internal.h"

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void w64(struct platform *p, uint64_t ipa, uint64_t v)
{
	if (plat_guest_write(p, 0, ipa, &v, 8))
		fprintf(stderr, "write failed\n");
}

static uint64_t r64(struct platform *p, uint64_t ipa)
{
	uint64_t v = 0;

	plat_guest_read(p, 0, ipa, &v, 8);
	return v;
}

/* 4K, 48-bit VA: map 64 pages at VA i * 0x200000 (distinct L3 tables). */
static struct platform *dma_world(void)
{
	struct platform *p = plat_create();
	struct plat_range r = { 0x40000000, 64u << 20 };
	struct vsmmu_s2_template t;
	uint64_t pool = 0x40100000, ttb, cd[CD_DWORDS] = { 0 }, ste[STE_DWORDS] = { 0 };

	plat_add_guest(p, 1, &r, 1);
	plat_assign(p, 0, 1, 0, 5);
	ttb = pool;
	pool += 0x1000;
	for (uint64_t i = 0; i < 64; i++) {
		uint64_t va = i << 21, table = ttb;

		for (unsigned level = 0; level < 3; level++) {
			uint64_t slot = table + ((va >> (39 - 9 * level)) & 511) * 8, d = r64(p, slot);

			if ((d & 3) != 3) {
				d = pool | 3;
				pool += 0x1000;
				w64(p, slot, d);
			}
			table = d & VS_GENMASK(47, 12);
		}
		w64(p, table + ((va >> 12) & 511) * 8, (0x40800000 + (i << 12)) | VS_BIT(10) | VS_BIT(11) | 3);
	}
	cd[0] = VS_FIELD_PREP(CD0_T0SZ, 16) | CD0_EPD1 | CD0_V | VS_FIELD_PREP(CD0_IPS, 5) |
		CD0_AA64 | CD0_R | CD0_A | VS_FIELD_PREP(CD0_ASID, 1);
	cd[1] = VS_FIELD_PREP(CD1_TTB0, ttb >> 4);
	plat_guest_write(p, 0, 0x40001000, cd, sizeof(cd));
	plat_guest_s2_template(p, 0, &t);
	ste[0] = STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_NESTED) |
		 VS_FIELD_PREP(STE0_S1CTXPTR, UINT64_C(0x40001000) >> 6);
	ste[2] = t.ste_dw2;
	ste[3] = t.ste_dw3;
	plat_test_write_ste(p, 0, 5, ste);
	return p;
}

static double bench_dma(struct platform *p, unsigned nva, unsigned iters)
{
	struct plat_dma_req rq = { .guest = 0, .vsid = 1, .len = 8 };
	struct plat_dma_out out;
	double t0;
	unsigned bad = 0;

	for (unsigned i = 0; i < nva; i++) {
		rq.iova = (uint64_t)i << 21;
		plat_dma(p, &rq, &out);
	}
	t0 = now_ns();
	for (unsigned i = 0; i < iters; i++) {
		rq.iova = ((uint64_t)(i % nva) << 21) + 0x10;
		plat_dma(p, &rq, &out);
		bad += out.result != PLAT_DMA_OK;
	}
	t0 = (now_ns() - t0) / iters;
	if (bad)
		fprintf(stderr, "%u DMAs failed\n", bad);
	return t0;
}

int main(void)
{
	enum { N = 20000 };
	struct plat_range r = { 0x40000000, 1u << 20 };
	double t0, empty, full, hit, miss;
	struct platform *p;
	struct psmmu *ps;

	t0 = now_ns();
	for (unsigned i = 0; i < N; i++)
		plat_destroy(plat_create());
	empty = (now_ns() - t0) / N;

	t0 = now_ns();
	for (unsigned i = 0; i < N; i++) {
		p = plat_create();
		plat_add_guest(p, 1, &r, 1);
		plat_add_guest(p, 2, &r, 1);
		plat_assign(p, 0, 1, 0, 10);
		plat_assign(p, 0, 2, 0, 11);
		plat_assign(p, 1, 1, 0, 12);
		plat_assign(p, 1, 2, 0, 13);
		plat_destroy(p);
	}
	full = (now_ns() - t0) / N;

	p = dma_world();
	ps = plat_test_psmmu(p, 0);
	hit = bench_dma(p, 1, 1000000);
	printf("tlb after hit run:  hits %llu misses %llu\n", (unsigned long long)ps->tlb.hits,
	       (unsigned long long)ps->tlb.misses);
	miss = bench_dma(p, 64, 200000);              /* 64 VAs > 32 entries: every one misses */
	printf("tlb after miss run: hits %llu misses %llu\n", (unsigned long long)ps->tlb.hits,
	       (unsigned long long)ps->tlb.misses);
	plat_destroy(p);

	printf("world create+destroy (empty):                 %8.0f ns\n", empty);
	printf("world create+2 guests (1 MiB)+4 streams+destroy: %8.0f ns (pages touched: S2 tables)\n", full);
	printf("DMA, TLB hit:                                  %8.0f ns\n", hit);
	printf("DMA, TLB miss (nested 4+1 levels x S2 walk):   %8.0f ns\n", miss);
	return 0;
}
