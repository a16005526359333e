/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_walk.c - nested translation by the physical SMMU model against
 * hand-computed results: every granule and start level, blocks, stage-1
 * faults (CD.R/CD.A), stage-2 faults on the output, on stage-1 table fetches
 * (CLASS=TT) and on CD fetches (CLASS=CD), stage-2 permissions.
 */
#include "tests/inject/tutil.h"

#define CD_IPA    UINT64_C(0x40001000)
#define POOL_IPA  UINT64_C(0x40100000)

struct wcase {
	unsigned gshift, t0sz, start, leaf;
	uint64_t va, oa, off;
};

static const struct wcase cases[] = {
	/* 4K: start levels 0, 1, 2; blocks at levels 1 and 2 */
	{ 12, 16, 0, 3, UINT64_C(0x123456789000), UINT64_C(0x40800000), 0x238 },
	{ 12, 16, 0, 1, UINT64_C(0x008000000000), UINT64_C(0x40000000), 0x812345 },
	{ 12, 16, 0, 2, UINT64_C(0x007fffe00000), UINT64_C(0x40a00000), 0x1238 },
	{ 12, 25, 1, 3, UINT64_C(0x1234567000), UINT64_C(0x40804000), 0xff0 },
	{ 12, 34, 2, 3, UINT64_C(0x3abcd000), UINT64_C(0x40805000), 0x10 },
	/* 16K: start levels 0, 1, 2, 3; block at level 2 */
	{ 14, 16, 0, 3, UINT64_C(0x87654321c000), UINT64_C(0x40808000), 0x3ff8 },
	{ 14, 17, 1, 3, UINT64_C(0x432187654000), UINT64_C(0x4080c000), 0x1000 },
	{ 14, 28, 2, 3, UINT64_C(0x0fedc000), UINT64_C(0x40810000), 0x8 },
	{ 14, 39, 3, 3, UINT64_C(0x0123c000), UINT64_C(0x40814000), 0x2000 },
	{ 14, 17, 1, 2, UINT64_C(0x200004000000), UINT64_C(0x42000000), 0x1234568 },
	/* 64K: start levels 1, 2, 3; block at level 2 */
	{ 16, 16, 1, 3, UINT64_C(0xa5a500010000), UINT64_C(0x40820000), 0xfff0 },
	{ 16, 22, 2, 3, UINT64_C(0x012345670000), UINT64_C(0x40830000), 0x8000 },
	{ 16, 36, 3, 3, UINT64_C(0x0abc0000), UINT64_C(0x40840000), 0x18 },
	{ 16, 22, 2, 2, UINT64_C(0x020000000000), UINT64_C(0x40000000), 0x123458 },
};

/* A fresh world with a nested STE, a CD at CD_IPA and a table tree. */
static struct platform *setup(int *g, struct t_pt *t, unsigned gshift, unsigned t0sz,
			      uint64_t cd[CD_DWORDS], uint64_t ste[STE_DWORDS])
{
	struct platform *p = t_world(g);

	t_pt_init(t, p, *g, gshift, t0sz, POOL_IPA);
	t_cd(cd, gshift, t0sz, t->ttb, 7);
	t_write_cd(p, *g, CD_IPA, cd);
	t_ste_nested(p, *g, ste, CD_IPA, 0, 0, 0);
	t_set_ste(p, ste);
	return p;
}

static void test_granules(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct wcase *c = &cases[i];
		uint64_t cd[CD_DWORDS], ste[STE_DWORDS], data = UINT64_C(0x1122334455667788), back;
		struct plat_dma_out out;
		struct t_pt t;
		int g;
		struct platform *p = setup(&g, &t, c->gshift, c->t0sz, cd, ste);
		struct plat_dma_req rq = { .guest = g, .vsid = T_VSID, .iova = c->va + c->off,
					   .len = 8, .write = true };

		CHECK_EQ(t.start, c->start);
		t_pt_map(&t, c->va, c->oa, c->leaf, PTE_DEF);
		CHECK_EQ(t_dma(p, g, c->va + c->off, false, &out), PLAT_DMA_OK);
		CHECK_EQ(out.ipa, c->oa + c->off);
		CHECK_EQ(out.hpa, t_hpa(c->oa + c->off));
		/* a write lands at that host address (read back through the guest) */
		CHECK(plat_dma_buf(p, &rq, &data, &out) == 0);
		CHECK_EQ(out.result, PLAT_DMA_OK);
		back = t_r64(p, g, c->oa + c->off);
		CHECK_EQ(back, data);
		CHECK(!t_pop(p, cd));
		plat_destroy(p);
	}
}

/* TTB1: VA bit 55 set selects the upper half (TG1 encodings differ). */
static void test_ttb1(void)
{
	uint64_t cd[CD_DWORDS], ste[STE_DWORDS], rec[EVT_DWORDS];
	uint64_t va = UINT64_C(0xffff800000123000);
	struct plat_dma_out out;
	struct t_pt t;
	int g;
	struct platform *p = setup(&g, &t, 14, 17, cd, ste);

	t_pt_map(&t, va, 0x40808000, 3, PTE_DEF);
	CHECK_EQ(t_dma(p, g, va + 0x10, false, &out), PLAT_DMA_FAULT);     /* EPD1 = 1 */
	CHECK(t_pop(p, rec));
	cd[0] = (cd[0] & ~(CD0_EPD1 | CD0_T1SZ | CD0_TG1)) | CD0_EPD0 |
		VS_FIELD_PREP(CD0_T1SZ, 17) | VS_FIELD_PREP(CD0_TG1, CD_TG1_16K);
	cd[2] = VS_FIELD_PREP(CD2_TTB1, t.ttb >> 4);
	t_write_cd(p, g, CD_IPA, cd);
	t_set_ste(p, ste);
	CHECK_EQ(t_dma(p, g, va + 0x10, false, &out), PLAT_DMA_OK);
	CHECK_EQ(out.hpa, t_hpa(0x40808000 + 0x3000 + 0x10));   /* 16K page: VA[13:0] */
	CHECK_EQ(t_dma(p, g, 0x123000, false, &out), PLAT_DMA_FAULT);     /* EPD0 = 1 */
	CHECK(t_pop(p, rec));
	/* TBI1: the top byte is ignored */
	CHECK_EQ(t_dma(p, g, (va & ~VS_GENMASK(63, 56)) | VS_GENMASK(63, 56), false, &out), PLAT_DMA_OK);
	CHECK_EQ(t_dma(p, g, va & ~VS_GENMASK(63, 56), false, &out), PLAT_DMA_FAULT);
	CHECK(t_pop(p, rec));
	cd[0] |= CD0_TBI1;
	t_write_cd(p, g, CD_IPA, cd);
	t_set_ste(p, ste);
	CHECK_EQ(t_dma(p, g, va & ~VS_GENMASK(63, 56), false, &out), PLAT_DMA_OK);
	plat_destroy(p);
}

static void test_s1_faults(void)
{
	uint64_t cd[CD_DWORDS], ste[STE_DWORDS], rec[EVT_DWORDS];
	uint64_t va = UINT64_C(0x10000), ro = UINT64_C(0x20000), noaf = UINT64_C(0x30000);
	uint64_t big = UINT64_C(0x40000), apt = UINT64_C(0x8000000000);
	struct plat_dma_out out;
	struct t_pt t;
	int g;
	struct platform *p = setup(&g, &t, 12, 16, cd, ste);

	t_pt_map(&t, ro, 0x40800000, 3, PTE_DEF | PTE_AP_RO);
	t_pt_map(&t, noaf, 0x40801000, 3, PTE_DEF & ~PTE_AF);
	t_pt_map(&t, big, UINT64_C(0x100000000), 3, PTE_DEF);
	/* translation fault: nothing mapped */
	CHECK_EQ(t_dma(p, g, va + 8, false, &out), PLAT_DMA_FAULT);
	CHECK_EQ(out.event_id, EVT_ID_F_TRANSLATION);
	t_expect_event(p, EVT_ID_F_TRANSLATION, false, EVT_CLASS_IN, va + 8, 0);
	/* permission: write to a read-only page; reads are fine */
	CHECK_EQ(t_dma(p, g, ro, false, &out), PLAT_DMA_OK);
	CHECK_EQ(t_dma(p, g, ro, true, &out), PLAT_DMA_FAULT);
	CHECK(t_pop(p, rec));
	CHECK_EQ(VS_FIELD_GET(EVT0_ID, rec[0]), EVT_ID_F_PERMISSION);
	CHECK(!(rec[1] & EVT1_RNW));
	CHECK(!(rec[1] & EVT1_S2));
	/* access flag, then AFFD */
	CHECK_EQ(t_dma(p, g, noaf, false, &out), PLAT_DMA_FAULT);
	t_expect_event(p, EVT_ID_F_ACCESS, false, EVT_CLASS_IN, noaf, 0);
	/* an IPA above CD.IPS: address size; within IPS but outside RAM: stage 2 */
	CHECK_EQ(t_dma(p, g, big, false, &out), PLAT_DMA_FAULT);
	t_expect_event(p, EVT_ID_F_TRANSLATION, true, EVT_CLASS_IN, big, UINT64_C(0x100000000));
	cd[0] = (cd[0] & ~CD0_IPS) | VS_FIELD_PREP(CD0_IPS, IDR5_OAS_32);
	t_write_cd(p, g, CD_IPA, cd);
	t_set_ste(p, ste);
	CHECK_EQ(t_dma(p, g, big, false, &out), PLAT_DMA_FAULT);
	t_expect_event(p, EVT_ID_F_ADDR_SIZE, false, EVT_CLASS_IN, big, 0);
	cd[0] |= CD0_AFFD;
	t_write_cd(p, g, CD_IPA, cd);
	t_set_ste(p, ste);
	CHECK_EQ(t_dma(p, g, noaf, false, &out), PLAT_DMA_OK);
	/* CD.R = 0: no record, abort; CD.A = 0: RAZ/WI */
	cd[0] &= ~CD0_R;
	t_write_cd(p, g, CD_IPA, cd);
	t_set_ste(p, ste);
	CHECK_EQ(t_dma(p, g, va, false, &out), PLAT_DMA_ABORT);
	CHECK(!t_pop(p, rec));
	cd[0] &= ~CD0_A;
	t_write_cd(p, g, CD_IPA, cd);
	t_set_ste(p, ste);
	CHECK_EQ(t_dma(p, g, va, false, &out), PLAT_DMA_RAZWI);
	CHECK(!t_pop(p, rec));
	cd[0] |= CD0_R;
	t_write_cd(p, g, CD_IPA, cd);
	t_set_ste(p, ste);
	CHECK_EQ(t_dma(p, g, va, false, &out), PLAT_DMA_RAZWI);
	CHECK_EQ(out.event_id, EVT_ID_F_TRANSLATION);
	CHECK(t_pop(p, rec));
	/* hierarchical APTable: read-only below an L0 entry */
	cd[0] |= CD0_A;
	t_write_cd(p, g, CD_IPA, cd);
	t_set_ste(p, ste);
	t_pt_map(&t, apt, 0x40802000, 3, PTE_DEF);
	t_w64(p, g, t.ttb + 1 * 8, t_r64(p, g, t.ttb + 8) | PTE_APTABLE_RO);
	CHECK_EQ(t_dma(p, g, apt, false, &out), PLAT_DMA_OK);
	CHECK_EQ(t_dma(p, g, apt, true, &out), PLAT_DMA_FAULT);
	CHECK(t_pop(p, rec));
	CHECK_EQ(VS_FIELD_GET(EVT0_ID, rec[0]), EVT_ID_F_PERMISSION);
	/* VA outside the TTB0 range (bit 55 clear, upper bits set) */
	CHECK_EQ(t_dma(p, g, UINT64_C(0x0001000000000000), false, &out), PLAT_DMA_FAULT);
	CHECK(t_pop(p, rec));
	plat_destroy(p);
}

static void test_s2_faults_nested(void)
{
	uint64_t cd[CD_DWORDS], ste[STE_DWORDS], rec[EVT_DWORDS];
	uint64_t va = UINT64_C(0x7000), hole = UINT64_C(0x30000000);
	struct plat_dma_out out;
	struct t_pt t;
	int g;
	struct platform *p = setup(&g, &t, 12, 16, cd, ste);

	t_pt_map(&t, va, hole + 0x5000, 3, PTE_DEF);
	/* output IPA outside RAM: stage-2 translation fault, CLASS=IN, IPA */
	CHECK_EQ(t_dma(p, g, va + 0x10, true, &out), PLAT_DMA_FAULT);
	t_expect_event(p, EVT_ID_F_TRANSLATION, true, EVT_CLASS_IN, va + 0x10, hole + 0x5000);
	/* an intermediate table outside RAM: CLASS=TT with the table's IPA */
	t_w64(p, g, t.ttb, (hole + 0x1000) | PTE_TABLE);
	/* a table change is seen only after a non-leaf invalidation: the walk
	 * cache holds the old descriptors (test_tlb shows it) */
	tlb_inv_all(&plat_test_psmmu(p, 0)->tlb);
	CHECK_EQ(t_dma(p, g, va, false, &out), PLAT_DMA_FAULT);
	CHECK(t_pop(p, rec));
	CHECK_EQ(VS_FIELD_GET(EVT0_ID, rec[0]), EVT_ID_F_TRANSLATION);
	CHECK(rec[1] & EVT1_S2);
	CHECK_EQ(VS_FIELD_GET(EVT1_CLASS, rec[1]), EVT_CLASS_TT);
	CHECK_EQ(VS_FIELD_GET(EVT3_IPA, rec[3]) << 12, hole + 0x1000);
	/* the root table outside RAM */
	cd[1] = VS_FIELD_PREP(CD1_TTB0, (hole + 0x2000) >> 4);
	t_write_cd(p, g, CD_IPA, cd);
	t_set_ste(p, ste);
	CHECK_EQ(t_dma(p, g, va, false, &out), PLAT_DMA_FAULT);
	t_expect_event(p, EVT_ID_F_TRANSLATION, true, EVT_CLASS_TT, va, hole + 0x2000);
	/* the CD outside RAM: CLASS=CD */
	t_ste_nested(p, g, ste, hole + 0x3000, 0, 0, 0);
	t_set_ste(p, ste);
	CHECK_EQ(t_dma(p, g, va, false, &out), PLAT_DMA_FAULT);
	t_expect_event(p, EVT_ID_F_TRANSLATION, true, EVT_CLASS_CD, va, hole + 0x3000);
	/* STE.S2R = 0: stage-2 faults abort without a record */
	ste[2] &= ~STE2_S2R;
	t_set_ste(p, ste);
	CHECK_EQ(t_dma(p, g, va, false, &out), PLAT_DMA_ABORT);
	CHECK(!t_pop(p, rec));
	plat_destroy(p);
}

/* A hand-made stage 2 (32-bit IPA, level-1 start) with read-only and
 * no-access 2 MiB blocks, to exercise stage-2 permissions. */
#define S2_ROOT  (HYP_S2_BASE + UINT64_C(0x07000000))
#define S2_L2    (S2_ROOT + 0x1000)

static void hyp_w64(struct platform *p, uint64_t hpa, uint64_t v)
{
	CHECK(hm_raw(p, hpa, &v, 8, true) == 0);
}

static void test_s2_permissions(void)
{
	uint64_t cd[CD_DWORDS], ste[STE_DWORDS], rec[EVT_DWORDS];
	uint64_t attrs = PTE_AF | VS_FIELD_PREP(PTE_SH, PTE_SH_ISH) | VS_FIELD_PREP(PTE_S2_MEMATTR, PTE_S2_MEMATTR_WB) | PTE_VALID;
	struct plat_dma_out out;
	struct t_pt t;
	int g;
	struct platform *p = setup(&g, &t, 12, 16, cd, ste);

	hyp_w64(p, S2_ROOT + 1 * 8, S2_L2 | PTE_TABLE);                      /* IPA 1G..2G */
	for (unsigned i = 0; i < 32; i++) {
		uint64_t ap = i == 4 ? PTE_S2AP_R : i == 5 ? 0 : PTE_S2AP_R | PTE_S2AP_W;
		uint64_t a = i == 6 ? attrs & ~PTE_S2_MEMATTR : attrs;   /* 6: Device */

		hyp_w64(p, S2_L2 + i * 8, t_hpa(T_RAM_IPA + i * RAM_ALIGN) | a | ap);
	}
	ste[2] = (ste[2] & ~STE2_S2T0SZ) | VS_FIELD_PREP(STE2_S2T0SZ, 32);
	ste[3] = VS_FIELD_PREP(STE3_S2TTB, S2_ROOT >> 4);
	t_set_ste(p, ste);
	t_pt_map(&t, 0x1000, 0x40800010, 3, PTE_DEF);          /* read-only at S2 */
	CHECK_EQ(t_dma(p, g, 0x1010, false, &out), PLAT_DMA_OK);
	CHECK_EQ(out.hpa, t_hpa(0x40800010));
	CHECK_EQ(t_dma(p, g, 0x1010, true, &out), PLAT_DMA_FAULT);
	CHECK(t_pop(p, rec));
	CHECK_EQ(VS_FIELD_GET(EVT0_ID, rec[0]), EVT_ID_F_PERMISSION);
	CHECK(rec[1] & EVT1_S2);
	CHECK(!(rec[1] & EVT1_RNW));
	CHECK_EQ(VS_FIELD_GET(EVT1_CLASS, rec[1]), EVT_CLASS_IN);
	CHECK_EQ(VS_FIELD_GET(EVT3_IPA, rec[3]) << 12, 0x40800000);
	/* a stage-1 table in a no-access block: CLASS=TT, TTRnW */
	t.pool = 0x40a00000;
	t_pt_map(&t, UINT64_C(0x8000000000), 0x40000000, 3, PTE_DEF);
	CHECK_EQ(t_dma(p, g, UINT64_C(0x8000000000), false, &out), PLAT_DMA_FAULT);
	CHECK(t_pop(p, rec));
	CHECK_EQ(VS_FIELD_GET(EVT0_ID, rec[0]), EVT_ID_F_PERMISSION);
	CHECK(rec[1] & EVT1_S2);
	CHECK(rec[1] & EVT1_TTRNW);
	CHECK_EQ(VS_FIELD_GET(EVT1_CLASS, rec[1]), EVT_CLASS_TT);
	CHECK_EQ(VS_FIELD_GET(EVT3_IPA, rec[3]) << 12, 0x40a00000);
	/* the CD in a no-access block: CLASS=CD */
	t_write_cd(p, g, 0x40a10000, cd);
	ste[0] = (ste[0] & ~STE0_S1CTXPTR) | VS_FIELD_PREP(STE0_S1CTXPTR, UINT64_C(0x40a10000) >> 6);
	t_set_ste(p, ste);
	CHECK_EQ(t_dma(p, g, 0x1010, false, &out), PLAT_DMA_FAULT);
	t_expect_event(p, EVT_ID_F_PERMISSION, true, EVT_CLASS_CD, 0x1010, 0x40a10000);
	/* the CD in stage-2 Device memory: a permission fault with S2PTW only */
	t_write_cd(p, g, 0x40c10000, cd);
	ste[0] = (ste[0] & ~STE0_S1CTXPTR) | VS_FIELD_PREP(STE0_S1CTXPTR, UINT64_C(0x40c10000) >> 6);
	t_set_ste(p, ste);
	CHECK_EQ(t_dma(p, g, 0x1010, false, &out), PLAT_DMA_FAULT);
	t_expect_event(p, EVT_ID_F_PERMISSION, true, EVT_CLASS_CD, 0x1010, 0x40c10000);
	ste[2] &= ~STE2_S2PTW;
	t_set_ste(p, ste);
	CHECK_EQ(t_dma(p, g, 0x1010, false, &out), PLAT_DMA_OK);
	/* data to Device memory is fine at stage 2 */
	CHECK_EQ(out.hpa, t_hpa(0x40800010));
	plat_destroy(p);
}

static void test_s2_only(void)
{
	uint64_t ste[STE_DWORDS], rec[EVT_DWORDS];
	struct plat_dma_out out;
	int g;
	struct platform *p = t_world(&g);

	t_ste_nested(p, g, ste, 0, 0, 0, 0);
	ste[0] = STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_S2_TRANS);
	t_set_ste(p, ste);
	CHECK_EQ(t_dma(p, g, 0x40800123, true, &out), PLAT_DMA_OK);
	CHECK_EQ(out.ipa, 0x40800123);
	CHECK_EQ(out.hpa, t_hpa(0x40800123));
	CHECK_EQ(t_dma(p, g, T_RAM_IPA + T_RAM_SIZE, false, &out), PLAT_DMA_FAULT);
	t_expect_event(p, EVT_ID_F_TRANSLATION, true, EVT_CLASS_IN, T_RAM_IPA + T_RAM_SIZE,
		       T_RAM_IPA + T_RAM_SIZE);
	/* beyond the 40-bit IPA space */
	CHECK_EQ(t_dma(p, g, UINT64_C(1) << 40, false, &out), PLAT_DMA_FAULT);
	CHECK(t_pop(p, rec));
	/* a SubstreamID to a stage-1-disabled STE */
	CHECK_EQ(t_dma_ssid(p, g, 0x40800000, true, 1, &out), PLAT_DMA_FAULT);
	CHECK_EQ(out.event_id, EVT_ID_C_BAD_SUBSTREAMID);
	plat_destroy(p);
}

int main(void)
{
	test_granules();
	test_ttb1();
	test_s1_faults();
	test_s2_faults_nested();
	test_s2_permissions();
	test_s2_only();
	printf("test_walk: ok\n");
	return 0;
}
