/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_tlb.c - the physical SMMU's TLB, configuration cache and CD cache, and
 * the invalidation commands that act on them: nothing more, nothing less.
 */
#include "tests/inject/tutil.h"

#define CD_IPA    UINT64_C(0x40001000)
#define POOL_IPA  UINT64_C(0x40100000)
#define VA        UINT64_C(0x1000)
#define OUT_A     UINT64_C(0x40800000)
#define OUT_B     UINT64_C(0x40801000)

/* Send one command and sync: 0, or the CERROR the command raised (seen
 * through the platform's error counter: a failed command is handed to
 * libvsmmu's host, the sync itself completes). */
static int cmd(struct platform *p, uint64_t dw0, uint64_t dw1)
{
	uint64_t c[CMD_DWORDS] = { dw0, dw1 };
	struct psmmu *ps = plat_test_psmmu(p, 0);
	uint64_t before = ps->cerrors;
	int st;

	CHECK_EQ(pcmdq_send(p, ps, -1, c), VSMMU_PHYS_OK);
	st = pcmdq_sync(p, ps, -1);
	if (st)
		return st;
	return ps->cerrors != before ? CERROR_ILL : 0;
}

static uint64_t op(unsigned o, unsigned vmid, unsigned asid)
{
	return VS_FIELD_PREP(CMD0_OP, o) | VS_FIELD_PREP(CMD0_VMID, vmid) | VS_FIELD_PREP(CMD0_ASID, asid);
}

static uint64_t ipa_now(struct platform *p, int g, uint64_t va)
{
	struct plat_dma_out out;

	CHECK_EQ(t_dma(p, g, va, false, &out), PLAT_DMA_OK);
	return out.ipa;
}

struct w {
	struct platform *p;
	int g;
	struct t_pt t;
	uint64_t cd[CD_DWORDS], ste[STE_DWORDS];
};

static void setup(struct w *w, uint64_t attrs)
{
	w->p = t_world(&w->g);
	t_pt_init(&w->t, w->p, w->g, 12, 16, POOL_IPA);
	t_pt_map(&w->t, VA, OUT_A, 3, attrs);
	t_cd(w->cd, 12, 16, w->t.ttb, 7);
	t_write_cd(w->p, w->g, CD_IPA, w->cd);
	t_ste_nested(w->p, w->g, w->ste, CD_IPA, 0, 0, 0);
	t_set_ste(w->p, w->ste);
}

/* Change the leaf behind VA to `oa` without invalidating anything. */
static void remap(struct w *w, uint64_t oa, uint64_t attrs)
{
	t_pt_map(&w->t, VA, oa, 3, attrs);
}

static void test_tlb_asid_va_vmid(void)
{
	struct w w;
	struct psmmu *ps;
	uint64_t attrs = PTE_DEF | PTE_NG;

	setup(&w, attrs);
	ps = plat_test_psmmu(w.p, 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_A);
	CHECK_EQ(ps->tlb.misses, 1);
	CHECK_EQ(ipa_now(w.p, w.g, VA + 8), OUT_A + 8);
	CHECK_EQ(ps->tlb.hits, 1);
	remap(&w, OUT_B, attrs);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_A);                    /* stale: no TLBI yet */
	/* NH_ASID: wrong ASID, wrong VMID, then the right one */
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_ASID, T_VMID, 8), 0), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_A);
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_ASID, 2, 7), 0), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_A);
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_ASID, T_VMID, 7), 0), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_B);
	/* NH_VA: another page, then this one */
	remap(&w, OUT_A, attrs);
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_VA, T_VMID, 7), VA + 0x1000), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_B);
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_VA, T_VMID, 6), VA), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_B);
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_VA, T_VMID, 7), VA | CMD1_LEAF), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_A);
	/* NH_VAA: any ASID */
	remap(&w, OUT_B, attrs);
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_VAA, T_VMID, 0), VA), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_B);
	/* range form: TG=4K, NUM=1 (2 pages) from 0 covers VA */
	remap(&w, OUT_A, attrs);
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_VA, T_VMID, 7) | VS_FIELD_PREP(CMD0_NUM, 0),
		     VS_FIELD_PREP(CMD1_TG, 1) | VS_FIELD_PREP(CMD1_TTL, 3)), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_B);                    /* 1 page: VA not covered */
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_VA, T_VMID, 7) | VS_FIELD_PREP(CMD0_NUM, 1),
		     VS_FIELD_PREP(CMD1_TG, 1) | VS_FIELD_PREP(CMD1_TTL, 3)), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_A);
	/* reserved range encoding */
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_VA, T_VMID, 7), VS_FIELD_PREP(CMD1_TG, 1)), CERROR_ILL);
	/* S12_VMALL: other VMID, then ours; NH_ALL; NSNH_ALL */
	remap(&w, OUT_B, attrs);
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_S12_VMALL, 2, 0), 0), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_A);
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_S12_VMALL, T_VMID, 0), 0), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_B);
	remap(&w, OUT_A, attrs);
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_ALL, 2, 0), 0), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_B);
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_ALL, T_VMID, 0), 0), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_A);
	remap(&w, OUT_B, attrs);
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NSNH_ALL, 0, 0), 0), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_B);
	/* opcodes this SMMU does not implement */
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_EL2_ALL, 0, 0), 0), CERROR_ILL);
	CHECK_EQ(cmd(w.p, op(CMD_OP_ATC_INV, 0, 0), 0), CERROR_ILL);
	CHECK_EQ(cmd(w.p, op(0x7f, 0, 0), 0), CERROR_ILL);
	CHECK_EQ(cmd(w.p, op(CMD_OP_SYNC, 0, 0) | VS_FIELD_PREP(CMD0_SYNC_CS, 3), 0), CERROR_ILL);
	plat_destroy(w.p);
}

static void test_tlb_global(void)
{
	struct w w;

	setup(&w, PTE_DEF);                          /* nG = 0: global */
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_A);
	remap(&w, OUT_B, PTE_DEF);
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_ASID, T_VMID, 7), 0), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_A);      /* global entries survive NH_ASID */
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_VA, T_VMID, 9), VA), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_B);      /* ... but not NH_VA of any ASID */
	plat_destroy(w.p);
}

static void test_s2_ipa(void)
{
	struct w w;
	struct plat_dma_out out;

	setup(&w, PTE_DEF);
	w.ste[0] = STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_S2_TRANS);
	t_set_ste(w.p, w.ste);
	CHECK_EQ(t_dma(w.p, w.g, OUT_A, false, &out), PLAT_DMA_OK);
	CHECK_EQ(plat_test_psmmu(w.p, 0)->tlb.misses, 1);
	CHECK_EQ(t_dma(w.p, w.g, OUT_A, false, &out), PLAT_DMA_OK);
	CHECK_EQ(plat_test_psmmu(w.p, 0)->tlb.hits, 1);
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_S2_IPA, T_VMID, 0), OUT_A + RAM_ALIGN), 0);  /* next 2M block */
	CHECK_EQ(t_dma(w.p, w.g, OUT_A, false, &out), PLAT_DMA_OK);
	CHECK_EQ(plat_test_psmmu(w.p, 0)->tlb.hits, 2);
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_S2_IPA, T_VMID, 0), OUT_A), 0);
	CHECK_EQ(t_dma(w.p, w.g, OUT_A, false, &out), PLAT_DMA_OK);
	CHECK_EQ(plat_test_psmmu(w.p, 0)->tlb.misses, 2);
	plat_destroy(w.p);
}

static void test_config_cache(void)
{
	struct w w;
	struct plat_dma_out out;
	uint64_t abort_ste[STE_DWORDS] = { STE0_V }, got[STE_DWORDS];

	setup(&w, PTE_DEF | PTE_NG);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_A);
	CHECK(plat_psmmu_cached_ste(w.p, 0, T_PSID, got));
	CHECK_EQ(got[0], w.ste[0]);
	CHECK(plat_test_write_ste(w.p, 0, T_PSID, abort_ste) == 0);
	CHECK(plat_psmmu_ste(w.p, 0, T_PSID, got));
	CHECK_EQ(got[0], STE0_V);
	CHECK(plat_psmmu_cached_ste(w.p, 0, T_PSID, got));
	CHECK_EQ(got[0], w.ste[0]);                  /* stale until CFGI */
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_A);
	CHECK_EQ(cmd(w.p, op(CMD_OP_CFGI_STE, 0, 0) | VS_FIELD_PREP(CMD0_SID, T_PSID + 1), CMD1_LEAF), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_A);
	/* CFGI_STE_RANGE: Range 0 covers 2 SIDs (6, 7), Range 1 covers 4..7 */
	CHECK_EQ(cmd(w.p, op(CMD_OP_CFGI_STE_RANGE, 0, 0) | VS_FIELD_PREP(CMD0_SID, 6), 0), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_A);
	CHECK_EQ(cmd(w.p, op(CMD_OP_CFGI_STE_RANGE, 0, 0) | VS_FIELD_PREP(CMD0_SID, 6),
		     VS_FIELD_PREP(CMD1_RANGE, 1)), 0);
	CHECK(!plat_psmmu_cached_ste(w.p, 0, T_PSID, got));
	CHECK_EQ(t_dma(w.p, w.g, VA, false, &out), PLAT_DMA_ABORT);
	/* CFGI_ALL */
	CHECK(plat_test_write_ste(w.p, 0, T_PSID, w.ste) == 0);
	CHECK_EQ(t_dma(w.p, w.g, VA, false, &out), PLAT_DMA_ABORT);
	CHECK_EQ(cmd(w.p, op(CMD_OP_CFGI_STE_RANGE, 0, 0), VS_FIELD_PREP(CMD1_RANGE, 31)), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_A);
	/* CD cache: a new CD (other ASID, other tables) is used only after CFGI_CD */
	{
		struct t_pt t2;
		uint64_t cd2[CD_DWORDS];

		t_pt_init(&t2, w.p, w.g, 12, 16, UINT64_C(0x40200000));
		t_pt_map(&t2, VA, OUT_B, 3, PTE_DEF | PTE_NG);
		t_cd(cd2, 12, 16, t2.ttb, 9);
		t_write_cd(w.p, w.g, CD_IPA, cd2);
		CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_A);
		CHECK_EQ(cmd(w.p, op(CMD_OP_CFGI_CD, 0, 0) | VS_FIELD_PREP(CMD0_SID, T_PSID + 1), 0), 0);
		CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_A);
		CHECK_EQ(cmd(w.p, op(CMD_OP_CFGI_CD, 0, 0) | VS_FIELD_PREP(CMD0_SID, T_PSID), 0), 0);
		CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_B);      /* ASID 9: a new TLB entry */
		t_write_cd(w.p, w.g, CD_IPA, w.cd);
		CHECK_EQ(cmd(w.p, op(CMD_OP_CFGI_CD_ALL, 0, 0) | VS_FIELD_PREP(CMD0_SID, T_PSID), 0), 0);
		CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_A);
	}
	plat_destroy(w.p);
}

#define RNG(tg, ttl) (VS_FIELD_PREP(CMD1_TG, (tg)) | VS_FIELD_PREP(CMD1_TTL, (ttl)))
#define PG(k) (UINT64_C(0x40810000) + (uint64_t)(k) * 0x1000u)
#define PGB(k) (UINT64_C(0x40820000) + (uint64_t)(k) * 0x1000u)

/* A range TLBI removes the entries of [Addr, Addr + (NUM+1) * 2^SCALE
 * granules) and nothing else; TG and TTL narrow it (4.4.1.1); without RIL
 * the range fields are RES0 and detected. */
static void test_tlb_range_exact(void)
{
	struct w w;
	uint64_t attrs = PTE_DEF | PTE_NG;
	unsigned k;

	setup(&w, attrs);
	for (k = 0; k < 4; k++)
		t_pt_map(&w.t, VA + k * 0x1000u, PG(k), 3, attrs);
	for (k = 0; k < 4; k++)
		CHECK_EQ(ipa_now(w.p, w.g, VA + k * 0x1000u), PG(k));
	for (k = 0; k < 4; k++)
		t_pt_map(&w.t, VA + k * 0x1000u, PGB(k), 3, attrs);
	/* pages 1 and 2: NUM=1 from VA + 4K */
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_VA, T_VMID, 7) | VS_FIELD_PREP(CMD0_NUM, 1),
		     (VA + 0x1000) | RNG(CMD_TG_4K, 0)), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), PG(0));                    /* below: kept */
	CHECK_EQ(ipa_now(w.p, w.g, VA + 0x1000), PGB(1));
	CHECK_EQ(ipa_now(w.p, w.g, VA + 0x2000), PGB(2));
	CHECK_EQ(ipa_now(w.p, w.g, VA + 0x3000), PG(3));           /* above: kept */
	/* SCALE: NUM=0, SCALE=2 is 4 pages from VA */
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_VAA, T_VMID, 0) | VS_FIELD_PREP(CMD0_SCALE, 2),
		     VA | RNG(CMD_TG_4K, 0)), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), PGB(0));
	CHECK_EQ(ipa_now(w.p, w.g, VA + 0x3000), PGB(3));
	/* TTL: the leaves are level 3; a level-2 hint spares them, level 3 not */
	t_pt_map(&w.t, VA, PG(0), 3, attrs);
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_VA, T_VMID, 7), VA | RNG(CMD_TG_4K, 2)), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), PGB(0));
	/* TG: the entry was inserted with the 4K granule; a 16K TG spares it */
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_VA, T_VMID, 7), VA | RNG(CMD_TG_16K, 3)), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), PGB(0));
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_VA, T_VMID, 7), VA | RNG(CMD_TG_4K, 3)), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), PG(0));
	/* reserved: 16K with TTL=1 (no DS) and nothing else; TG=0 with NUM;
	 * TTL128 */
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_VA, T_VMID, 7), VA | RNG(CMD_TG_16K, 1)), CERROR_ILL);
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_VA, T_VMID, 7) | VS_FIELD_PREP(CMD0_NUM, 1), VA), CERROR_ILL);
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_VA, T_VMID, 7), VA | RNG(CMD_TG_4K, 3) | CMD1_TTL128), CERROR_ILL);
	/* the top of the address space: no wrap, no failure */
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_VAA, T_VMID, 0) | VS_FIELD_PREP(CMD0_NUM, 31) |
		     VS_FIELD_PREP(CMD0_SCALE, 31), UINT64_C(0xFFFFFFFFFFFFF000) | RNG(CMD_TG_64K, 0)), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), PG(0));
	/* an SMMU without RIL: range fields are RES0, detected */
	plat_test_psmmu(w.p, 0)->ril = false;
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_VA, T_VMID, 7) | VS_FIELD_PREP(CMD0_NUM, 1),
		     VA | RNG(CMD_TG_4K, 0)), CERROR_ILL);
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_VA, T_VMID, 7), VA | RNG(0, 3)), CERROR_ILL);
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_VA, T_VMID, 7), VA), 0);
	plat_destroy(w.p);
}

/* The walk cache: a table change is seen after a Leaf=0 TLBI of the VA (or
 * a wider one), not after a Leaf=1 one. */
static void test_walk_cache(void)
{
	struct w w;
	uint64_t attrs = PTE_DEF | PTE_NG, l2 = POOL_IPA + 0x2000, l3 = POOL_IPA + 0x3000, nl3, leaf;
	struct plat_tlb_view v[PLAT_TLB_VIEW_MAX];
	unsigned n, walks = 0, k;

	setup(&w, attrs);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_A);
	n = plat_psmmu_tlb(w.p, 0, v, PLAT_TLB_VIEW_MAX);
	for (k = 0; k < n; k++) {
		walks += v[k].walk;
		if (v[k].walk)
			CHECK(v[k].level <= 2 && v[k].gshift == 12 && v[k].asid == 7 && v[k].vmid == T_VMID);
		else
			CHECK(v[k].level == 3 && v[k].shift == 12 && v[k].va == VA);
	}
	CHECK_EQ(walks, 3);                        /* the level 0, 1 and 2 descriptors */
	CHECK_EQ(n, 4);
	/* a new level-3 table, VA -> OUT_B, behind the level-2 descriptor */
	leaf = t_r64(w.p, w.g, l3 + 8);
	nl3 = t_pt_alloc(&w.t);
	t_w64(w.p, w.g, nl3 + 8, (leaf & ~PTE_ADDR(12)) | OUT_B);
	t_w64(w.p, w.g, l2, nl3 | PTE_TABLE);
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_VA, T_VMID, 7), VA | CMD1_LEAF), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_A);    /* resumed below the cached descriptor */
	CHECK(plat_test_psmmu(w.p, 0)->tlb.whits > 0);
	/* TTL=2 with Leaf=0: table descriptors of levels 0-1 and level-2
	 * leaves only; the level-2 table descriptor and the level-3 leaf stay */
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_VA, T_VMID, 7), VA | RNG(CMD_TG_4K, 2)), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_A);
	/* another ASID's Leaf=0 TLBI spares it; this ASID's removes it */
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_VA, T_VMID, 8), VA), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_A);
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_VA, T_VMID, 7), VA), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_B);
	/* NH_ASID and NH_ALL take table descriptors too */
	t_w64(w.p, w.g, l2, l3 | PTE_TABLE);
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_ASID, T_VMID, 7), 0), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_A);
	t_w64(w.p, w.g, l2, nl3 | PTE_TABLE);
	CHECK_EQ(cmd(w.p, op(CMD_OP_TLBI_NH_ALL, T_VMID, 0), 0), 0);
	CHECK_EQ(ipa_now(w.p, w.g, VA), OUT_B);
	plat_destroy(w.p);
}

int main(void)
{
	test_tlb_range_exact();
	test_walk_cache();
	test_tlb_asid_va_vmid();
	test_tlb_global();
	test_s2_ipa();
	test_config_cache();
	printf("test_tlb: ok\n");
	return 0;
}
