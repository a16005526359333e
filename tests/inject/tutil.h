/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * tutil.h - helpers shared by the platform's unit tests: checks, a one-guest
 * world, a stage-1 table builder writing into guest RAM, STE/CD builders.
 */
#ifndef VSMMU_TESTS_INJECT_TUTIL_H
#define VSMMU_TESTS_INJECT_TUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inject/internal.h"
#include "inject/pgtable.h"

#define CHECK(c) do { \
	if (!(c)) { \
		fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #c); \
		exit(1); \
	} \
} while (0)

#define CHECK_EQ(a, b) do { \
	unsigned long long a_ = (unsigned long long)(a), b_ = (unsigned long long)(b); \
	if (a_ != b_) { \
		fprintf(stderr, "%s:%d: CHECK_EQ failed: %s == %s (0x%llx != 0x%llx)\n", \
			__FILE__, __LINE__, #a, #b, a_, b_); \
		exit(1); \
	} \
} while (0)

/* The first guest's first RAM range starts at RAM_BASE plus the IPA's offset
 * in 2 MiB (memory map, docs/platform.md): hand-computed host addresses. */
#define T_RAM_IPA   UINT64_C(0x40000000)
#define T_RAM_SIZE  (UINT64_C(64) << 20)
#define T_RAM_HPA   UINT64_C(0x80000000)
#define T_PSID      5u
#define T_VSID      1u
#define T_VMID      1u

/* Descriptor fields: inject/pgtable.h. Default stage-1 leaf attributes. */
#define PTE_DEF     (PTE_AF | VS_FIELD_PREP(PTE_SH, PTE_SH_ISH) | VS_FIELD_PREP(PTE_ATTRINDX, 1))

static inline uint64_t t_hpa(uint64_t ipa)
{
	return T_RAM_HPA + (ipa - T_RAM_IPA);
}

static inline struct platform *t_world(int *g)
{
	struct platform *p = plat_create();
	struct plat_range r = { T_RAM_IPA, T_RAM_SIZE };

	CHECK(p);
	*g = plat_add_guest(p, T_VMID, &r, 1);
	CHECK(*g == 0);
	CHECK(plat_assign(p, *g, T_VSID, 0, T_PSID) == 0);
	return p;
}

static inline void t_w64(struct platform *p, int g, uint64_t ipa, uint64_t v)
{
	CHECK(plat_guest_write(p, g, ipa, &v, 8) == 0);
}

static inline uint64_t t_r64(struct platform *p, int g, uint64_t ipa)
{
	uint64_t v = 0;

	CHECK(plat_guest_read(p, g, ipa, &v, 8) == 0);
	return v;
}

/* A stage-1 table tree in guest RAM. */
struct t_pt {
	struct platform *p;
	int g;
	unsigned gshift, insize, start;
	uint64_t ttb, pool;
};

static inline uint64_t t_pt_alloc(struct t_pt *t)
{
	uint64_t a = t->pool;

	t->pool += UINT64_C(1) << t->gshift;
	return a;
}

static inline void t_pt_init(struct t_pt *t, struct platform *p, int g, unsigned gshift, unsigned t0sz,
			     uint64_t pool)
{
	t->p = p;
	t->g = g;
	t->gshift = gshift;
	t->insize = 64 - t0sz;
	t->start = ptw_s1_start(gshift, t->insize);
	t->pool = pool;
	t->ttb = t_pt_alloc(t);
}

/* Map va -> oa with a leaf at `leaf` level (block if < 3). */
static inline void t_pt_map(struct t_pt *t, uint64_t va, uint64_t oa, unsigned leaf, uint64_t attrs)
{
	unsigned stride = t->gshift - 3;
	uint64_t table = t->ttb;

	for (unsigned level = t->start;; level++) {
		unsigned lsb = t->gshift + (3 - level) * stride;
		unsigned bits = level == t->start ? t->insize - lsb : stride;
		uint64_t slot = table + ((va >> lsb) & ((UINT64_C(1) << bits) - 1)) * PTE_SIZE, d;

		if (level == leaf) {
			d = (oa & PTE_ADDR(lsb)) | attrs | (level == 3 ? PTE_PAGE : PTE_VALID);
			t_w64(t->p, t->g, slot, d);
			return;
		}
		d = t_r64(t->p, t->g, slot);
		if ((d & PTE_TABLE) == PTE_TABLE) {
			table = d & PTE_ADDR(t->gshift);
		} else {
			uint64_t nt = t_pt_alloc(t);

			t_w64(t->p, t->g, slot, nt | PTE_TABLE);
			table = nt;
		}
	}
}

static inline void t_ste_nested(struct platform *p, int g, uint64_t ste[STE_DWORDS], uint64_t ctx,
				unsigned cdmax, unsigned fmt, unsigned dss)
{
	struct vsmmu_s2_template t;

	plat_guest_s2_template(p, g, &t);
	memset(ste, 0, STE_SIZE);
	ste[0] = STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_NESTED) |
		 VS_FIELD_PREP(STE0_S1FMT, fmt) | VS_FIELD_PREP(STE0_S1CTXPTR, ctx >> 6) |
		 VS_FIELD_PREP(STE0_S1CDMAX, cdmax);
	ste[1] = VS_FIELD_PREP(STE1_S1DSS, dss) | VS_FIELD_PREP(STE1_S1CIR, 1) |
		 VS_FIELD_PREP(STE1_S1COR, 1) | VS_FIELD_PREP(STE1_S1CSH, 3);
	ste[2] = t.ste_dw2;
	ste[3] = t.ste_dw3;
}

/* Install a physical STE for T_PSID and forget every cached copy. */
static inline void t_set_ste(struct platform *p, const uint64_t ste[STE_DWORDS])
{
	struct psmmu *ps = plat_test_psmmu(p, 0);

	CHECK(plat_test_write_ste(p, 0, T_PSID, ste) == 0);
	psmmu_cfgi_sid(ps, T_PSID);
	tlb_inv_all(&ps->tlb);
}

static inline void t_cd(uint64_t cd[CD_DWORDS], unsigned gshift, unsigned t0sz, uint64_t ttb, uint16_t asid)
{
	unsigned tg = gshift == 12 ? CD_TG0_4K : gshift == 14 ? CD_TG0_16K : CD_TG0_64K;

	memset(cd, 0, CD_SIZE);
	cd[0] = VS_FIELD_PREP(CD0_T0SZ, t0sz) | VS_FIELD_PREP(CD0_TG0, tg) |
		VS_FIELD_PREP(CD0_IR0, 1) | VS_FIELD_PREP(CD0_OR0, 1) | VS_FIELD_PREP(CD0_SH0, 3) |
		CD0_EPD1 | CD0_V | VS_FIELD_PREP(CD0_IPS, IDR5_OAS_48) | CD0_AA64 | CD0_R | CD0_A |
		CD0_ASET | VS_FIELD_PREP(CD0_ASID, asid);
	cd[1] = VS_FIELD_PREP(CD1_TTB0, ttb >> 4);
	cd[3] = UINT64_C(0xF404FF44);
}

static inline void t_write_cd(struct platform *p, int g, uint64_t ipa, const uint64_t cd[CD_DWORDS])
{
	CHECK(plat_guest_write(p, g, ipa, cd, CD_SIZE) == 0);
}

static inline enum plat_dma_result t_dma(struct platform *p, int g, uint64_t iova, bool write,
					 struct plat_dma_out *out)
{
	struct plat_dma_req rq = { .guest = g, .vsid = T_VSID, .iova = iova, .len = 8, .write = write };

	CHECK(plat_dma(p, &rq, out) == 0);
	return out->result;
}

static inline enum plat_dma_result t_dma_ssid(struct platform *p, int g, uint64_t iova, bool ssv,
					      uint32_t ssid, struct plat_dma_out *out)
{
	struct plat_dma_req rq = { .guest = g, .vsid = T_VSID, .iova = iova, .len = 8,
				   .ssv = ssv, .ssid = ssid };

	CHECK(plat_dma(p, &rq, out) == 0);
	return out->result;
}

static inline bool t_pop(struct platform *p, uint64_t rec[EVT_DWORDS])
{
	return pevtq_pop(p, plat_test_psmmu(p, 0), rec);
}

/* Pop one physical record and check it. */
static inline void t_expect_event(struct platform *p, unsigned id, bool s2, unsigned cls,
				  uint64_t addr, uint64_t ipa)
{
	uint64_t rec[EVT_DWORDS];

	CHECK(t_pop(p, rec));
	CHECK_EQ(VS_FIELD_GET(EVT0_ID, rec[0]), id);
	CHECK_EQ(VS_FIELD_GET(EVT0_SID, rec[0]), T_PSID);
	CHECK_EQ(!!(rec[1] & EVT1_S2), s2);
	CHECK_EQ(VS_FIELD_GET(EVT1_CLASS, rec[1]), cls);
	CHECK_EQ(rec[2], addr);
	CHECK_EQ(VS_FIELD_GET(EVT3_IPA, rec[3]) << 12, ipa & ~UINT64_C(0xfff));
}

/* A world whose stream T_PSID translates nested: a 4K, T0SZ=16 stage-1
 * table at pool_ipa mapping IOVA 0x1000 to IPA 0x40800000, its CD at
 * cd_ipa (the tests' usual attach). */
static inline struct platform *t_nested(int *g, uint64_t ste[STE_DWORDS], uint64_t cd_ipa, uint64_t pool_ipa)
{
	struct platform *p = t_world(g);
	struct t_pt t;
	uint64_t cd[CD_DWORDS];

	t_pt_init(&t, p, *g, 12, 16, pool_ipa);
	t_pt_map(&t, 0x1000, 0x40800000, 3, PTE_DEF);
	t_cd(cd, 12, 16, t.ttb, 3);
	t_write_cd(p, *g, cd_ipa, cd);
	t_ste_nested(p, *g, ste, cd_ipa, 0, 0, 0);
	t_set_ste(p, ste);
	return p;
}

#endif
