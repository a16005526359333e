/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_strict.c - the platform model is not kinder than hardware:
 * Service Failure Mode stops the queues, records carry only the fields of
 * their type, stage-2 permissions hold for DMA, walks and the hypervisor's
 * accesses, and each guest's host pages come from its own quota.
 */
#include "tests/inject/tutil.h"
#include "fuzz/oracle_fields.h"

#define CD_IPA    UINT64_C(0x40001000)
#define POOL_IPA  UINT64_C(0x40100000)

/* A nested world whose VA 0x1000 maps to 0x40800000. */
static int env_write(struct platform *p, int g, uint64_t ipa, const void *buf, size_t len)
{
	return p->g[g]->env.mem_write(p->g[g]->env.ctx, ipa, buf, len);
}

static int env_read(struct platform *p, int g, uint64_t ipa, void *buf, size_t len)
{
	return p->g[g]->env.mem_read(p->g[g]->env.ctx, ipa, buf, len);
}

/* ---- Service Failure Mode ------------------------------------------------ */
static void test_sfm(void)
{
	uint64_t ste[STE_DWORDS], cached[STE_DWORDS];
	uint64_t cfgi[CMD_DWORDS] = { VS_FIELD_PREP(CMD0_OP, CMD_OP_CFGI_STE) |
				      VS_FIELD_PREP(CMD0_SID, T_PSID), CMD1_LEAF };
	uint64_t rec[EVT_DWORDS] = { VS_FIELD_PREP(EVT0_ID, EVT_ID_F_TRANSLATION) |
				     VS_FIELD_PREP(EVT0_SID, T_PSID), 0, 0x1000, 0 };
	struct plat_dma_out out;
	int g;
	struct platform *p = t_nested(&g, ste, CD_IPA, POOL_IPA);
	struct psmmu *ps = plat_test_psmmu(p, 0);
	uint64_t done;
	unsigned n;

	/* healthy: a fault is recorded, a sync consumes the queue */
	CHECK_EQ(t_dma(p, g, 0x1000, false, &out), PLAT_DMA_OK);
	CHECK(plat_psmmu_cached_ste(p, 0, T_PSID, cached));
	CHECK_EQ(t_dma(p, g, 0x5000, false, &out), PLAT_DMA_FAULT);
	CHECK(t_pop(p, rec));
	CHECK_EQ(pcmdq_sync(p, ps, g), VSMMU_PHYS_OK);
	done = ps->cmds_done;

	CHECK(plat_inject_gerror(p, 0, (uint32_t)GERROR_SFM_ERR) == 0);
	CHECK(ps->sfm);
	/* transactions terminate without a record */
	CHECK_EQ(t_dma(p, g, 0x1000, false, &out), PLAT_DMA_ABORT);
	CHECK_EQ(t_dma(p, g, 0x5000, false, &out), PLAT_DMA_ABORT);
	CHECK(!t_pop(p, rec));
	/* no record is written, not even an injected one, and no overflow */
	CHECK(plat_inject_event(p, 0, rec) == 0);
	CHECK(!t_pop(p, rec));
	CHECK(ps->ovflg == ps->ovackflg);
	CHECK_EQ(ps->events_unrecorded, 1);
	/* commands are written but never consumed; every sync times out */
	CHECK_EQ(pcmdq_send(p, ps, g, cfgi), VSMMU_PHYS_OK);
	CHECK_EQ(pcmdq_sync(p, ps, g), VSMMU_PHYS_TIMEOUT);
	CHECK_EQ(ps->cmds_done, done);
	CHECK(plat_psmmu_cached_ste(p, 0, T_PSID, cached));   /* the CFGI never ran */
	/* the ring fills up (2 entries used above), then refuses */
	for (n = 0; n < (1u << PCMDQ_SHIFT) - 2; n++)
		CHECK_EQ(pcmdq_send(p, ps, g, cfgi), VSMMU_PHYS_OK);
	CHECK_EQ(pcmdq_send(p, ps, g, cfgi), VSMMU_PHYS_FAIL);
	CHECK_EQ(pcmdq_sync(p, ps, g), VSMMU_PHYS_FAIL);
	CHECK_EQ(ps->cmds_done, done);
	/* GERROR.SFM_ERR reaches the hypervisor once; acknowledging does not
	 * leave SFM */
	CHECK(ps->gerror_report & GERROR_SFM_ERR);
	plat_run_round(p);
	CHECK_EQ(ps->gerror_report, 0);
	CHECK_EQ(ps->gerror ^ ps->gerrorn, 0);
	CHECK_EQ(pcmdq_sync(p, ps, g), VSMMU_PHYS_FAIL);
	CHECK_EQ(t_dma(p, g, 0x1000, false, &out), PLAT_DMA_ABORT);
	/* the guest's vSMMU meets it through its env: bounded, and teardown
	 * completes (fenced after its tries) */
	CHECK(plat_unassign(p, g, T_VSID) == 0);
	CHECK(ps->fenced);
	plat_destroy(p);
}

/* ---- records shaped per type ---------------------------------------------- */
static void expect_shape(const uint64_t rec[EVT_DWORDS], unsigned id)
{
	const struct prec_fields *f = prec_fields_of(id);

	CHECK(f);
	CHECK_EQ(VS_FIELD_GET(EVT0_ID, rec[0]), id);
	for (unsigned i = 0; i < EVT_DWORDS; i++)
		CHECK_EQ(rec[i] & ~f->dw[i], 0);
}

static void test_record_shapes(void)
{
	uint64_t ste[STE_DWORDS], rec[EVT_DWORDS], bad[STE_DWORDS] = { 0 };
	struct plat_dma_out out;
	struct plat_dma_req rq = { .vsid = T_VSID, .iova = 0x5000, .len = 8 };
	int g;
	struct platform *p = t_nested(&g, ste, CD_IPA, POOL_IPA);

	rq.guest = g;
	/* stage-1 translation fault: attributes from the transaction */
	rq.priv = true;
	rq.instr = true;
	CHECK(plat_dma(p, &rq, &out) == 0);
	CHECK_EQ(out.result, PLAT_DMA_FAULT);
	CHECK(t_pop(p, rec));
	expect_shape(rec, EVT_ID_F_TRANSLATION);
	CHECK_EQ(rec[1], EVT1_RNW | EVT1_PNU | EVT1_IND | VS_FIELD_PREP(EVT1_CLASS, EVT_CLASS_IN));
	CHECK_EQ(rec[2], 0x5000);
	CHECK_EQ(rec[3], 0);                           /* IPA UNKNOWN for stage 1: zero */
	/* a write is never an instruction fetch: InD = 0 */
	rq.write = true;
	CHECK(plat_dma(p, &rq, &out) == 0);
	CHECK(t_pop(p, rec));
	CHECK_EQ(rec[1], EVT1_PNU | VS_FIELD_PREP(EVT1_CLASS, EVT_CLASS_IN));
	/* the STE's PRIVCFG/INSTCFG override what comes in */
	ste[1] |= VS_FIELD_PREP(STE1_PRIVCFG, 2) | VS_FIELD_PREP(STE1_INSTCFG, 3);
	t_set_ste(p, ste);
	rq.write = false;
	rq.instr = false;
	CHECK(plat_dma(p, &rq, &out) == 0);
	CHECK(t_pop(p, rec));
	CHECK_EQ(rec[1], EVT1_RNW | EVT1_IND | VS_FIELD_PREP(EVT1_CLASS, EVT_CLASS_IN));
	/* C_BAD_STE: StreamID (and SubstreamID) only - no InputAddr */
	bad[0] = STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_NESTED);   /* no stage-2 fields: ILLEGAL */
	t_set_ste(p, bad);
	rq.ssv = false;
	CHECK(plat_dma(p, &rq, &out) == 0);
	CHECK_EQ(out.result, PLAT_DMA_FAULT);
	CHECK(t_pop(p, rec));
	expect_shape(rec, EVT_ID_C_BAD_STE);
	CHECK_EQ(rec[1] | rec[2] | rec[3], 0);
	CHECK_EQ(rec[0], VS_FIELD_PREP(EVT0_ID, EVT_ID_C_BAD_STE) | VS_FIELD_PREP(EVT0_SID, T_PSID));
	/* F_CD_FETCH (CD in a host hole is impossible through stage 2, so a
	 * stage-1-only STE with the CD pointer in a hole): FetchAddr only */
	memset(bad, 0, sizeof bad);
	bad[0] = STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_S1_TRANS) |
		 VS_FIELD_PREP(STE0_S1CTXPTR, UINT64_C(0x20000000) >> 6);
	t_set_ste(p, bad);
	CHECK(plat_dma(p, &rq, &out) == 0);
	CHECK_EQ(out.event_id, EVT_ID_F_CD_FETCH);
	CHECK(t_pop(p, rec));
	expect_shape(rec, EVT_ID_F_CD_FETCH);
	CHECK_EQ(rec[1] | rec[2], 0);
	CHECK_EQ(rec[3], UINT64_C(0x20000000));
	/* C_BAD_SUBSTREAMID: the SubstreamID, no SSV */
	t_set_ste(p, ste);
	rq.ssv = true;
	rq.ssid = 5;
	CHECK(plat_dma(p, &rq, &out) == 0);
	CHECK_EQ(out.event_id, EVT_ID_C_BAD_SUBSTREAMID);
	CHECK(t_pop(p, rec));
	expect_shape(rec, EVT_ID_C_BAD_SUBSTREAMID);
	CHECK_EQ(rec[0] & EVT0_SSV, 0);
	CHECK_EQ(VS_FIELD_GET(EVT0_SSID, rec[0]), 5);
	plat_destroy(p);
}

/* The model's field sets never hold a field the oracle's I5 takes for RES0:
 * what the physical SMMU writes, a vSMMU may pass on. */
static void test_shapes_within_oracle(void)
{
	const struct prec_fields *f;

	for (unsigned i = 0; (f = prec_fields_at(i)) != NULL; i++) {
		const struct orc_evt_fields *o = NULL;

		for (size_t k = 0; k < sizeof orc_evt_table / sizeof orc_evt_table[0]; k++)
			if (orc_evt_table[k].id == f->id)
				o = &orc_evt_table[k];
		CHECK(o);
		for (unsigned d = 0; d < EVT_DWORDS; d++)
			CHECK_EQ(f->dw[d] & ~o->dw[d], 0);
	}
	CHECK(prec_fields_of(EVT_ID_F_UUT) == NULL);    /* never made by the model */
}

/* ---- stage-2 permissions -------------------------------------------------- */
#define RO_IPA    UINT64_C(0x40400000)
#define WO_IPA    UINT64_C(0x40a00000)
#define NA_IPA    UINT64_C(0x40b00000)

static struct platform *perm_world(int *g)
{
	struct platform *p = plat_create();
	struct plat_range r[4] = {
		{ 0x40000000, 0x200000 }, { RO_IPA, 0x200000 }, { WO_IPA, 0x1000 }, { NA_IPA, 0x1000 },
	};
	unsigned deny[4] = { 0, PLAT_S2_DENY_W, PLAT_S2_DENY_R, PLAT_S2_DENY_W | PLAT_S2_DENY_R };
	uint64_t ste[STE_DWORDS] = { 0 };
	struct vsmmu_s2_template t;

	CHECK(p);
	*g = plat_add_guest_s2(p, T_VMID, r, deny, 4);
	CHECK(*g == 0);
	CHECK(plat_assign(p, *g, T_VSID, 0, T_PSID) == 0);
	plat_guest_s2_template(p, *g, &t);
	ste[0] = STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_S2_TRANS);   /* the IOVA is the IPA */
	ste[2] = t.ste_dw2;
	ste[3] = t.ste_dw3;
	t_set_ste(p, ste);
	return p;
}

static void expect_s2_perm(struct platform *p, uint64_t ipa, bool write)
{
	uint64_t rec[EVT_DWORDS];

	CHECK(t_pop(p, rec));
	expect_shape(rec, EVT_ID_F_PERMISSION);
	CHECK_EQ(rec[1], (write ? 0 : EVT1_RNW) | EVT1_S2 | VS_FIELD_PREP(EVT1_CLASS, EVT_CLASS_IN));
	CHECK_EQ(rec[2], ipa);
	CHECK_EQ(rec[3], ipa & EVT3_IPA);
}

static void test_s2_perms(void)
{
	struct plat_dma_out out;
	uint8_t b[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }, r[8];
	int g;
	struct platform *p = perm_world(&g);

	CHECK(p->g[g]->ram[1].hpa != 0);
	CHECK_EQ(plat_hpa_s2_deny(p, p->g[g]->ram[1].hpa + 0x1000, 8), PLAT_S2_DENY_W);
	CHECK_EQ(plat_hpa_s2_deny(p, p->g[g]->ram[0].hpa, 8), 0);
	CHECK_EQ(plat_hpa_s2_deny(p, HYP_S2_BASE, 8), 0);
	/* read-only (a 2 MiB block): reads complete, writes fault; a read
	 * that filled the TLB does not let the write through */
	CHECK_EQ(t_dma(p, g, RO_IPA + 0x10, false, &out), PLAT_DMA_OK);
	CHECK_EQ(t_dma(p, g, RO_IPA + 0x10, true, &out), PLAT_DMA_FAULT);
	CHECK_EQ(out.event_id, EVT_ID_F_PERMISSION);
	expect_s2_perm(p, RO_IPA + 0x10, true);
	/* write-only: the converse */
	CHECK_EQ(t_dma(p, g, WO_IPA, true, &out), PLAT_DMA_OK);
	CHECK_EQ(t_dma(p, g, WO_IPA, false, &out), PLAT_DMA_FAULT);
	expect_s2_perm(p, WO_IPA, false);
	/* no access: a valid mapping that permits nothing (a permission
	 * fault, not a translation fault) */
	CHECK_EQ(t_dma(p, g, NA_IPA, false, &out), PLAT_DMA_FAULT);
	expect_s2_perm(p, NA_IPA, false);
	CHECK_EQ(t_dma(p, g, NA_IPA, true, &out), PLAT_DMA_FAULT);
	expect_s2_perm(p, NA_IPA, true);
	/* the hypervisor's accesses for the guest go through the same stage 2 */
	CHECK(env_read(p, g, RO_IPA, r, sizeof r) == 0);
	CHECK(env_write(p, g, RO_IPA, b, sizeof b) == -1);
	CHECK(env_write(p, g, WO_IPA, b, sizeof b) == 0);
	CHECK(env_read(p, g, WO_IPA, r, sizeof r) == -1);
	CHECK(env_read(p, g, NA_IPA, r, sizeof r) == -1);
	CHECK(env_write(p, g, NA_IPA, b, sizeof b) == -1);
	CHECK(env_write(p, g, 0x40000000, b, sizeof b) == 0);
	/* the guest's CPU is not affected */
	CHECK(plat_guest_write(p, g, NA_IPA, b, sizeof b) == 0);
	CHECK(plat_guest_read(p, g, NA_IPA, r, sizeof r) == 0);
	CHECK(memcmp(b, r, sizeof b) == 0);
	/* the planted bug: stage 2 ignores S2AP, the write completes */
	plat_set_planted_bugs(p, PLAT_BUG_S2_PERM_IGNORED);
	tlb_inv_all(&plat_test_psmmu(p, 0)->tlb);
	CHECK_EQ(t_dma(p, g, RO_IPA + 0x10, true, &out), PLAT_DMA_OK);
	plat_destroy(p);
}

/* A stage-1 walk and a CD fetch need stage-2 read permission: faults of
 * CLASS TT (TTRnW = 1: a descriptor read) and CD. */
static void test_s2_perm_walks(void)
{
	uint64_t ste[STE_DWORDS], cd[CD_DWORDS], rec[EVT_DWORDS];
	struct plat_dma_out out;
	struct t_pt t;
	int g;
	struct platform *p = perm_world(&g);

	/* tables in the write-only range: the walk may not read them */
	t_pt_init(&t, p, g, 12, 16, WO_IPA);
	t.pool = POOL_IPA;
	t_pt_map(&t, 0x1000, 0x40800000, 3, PTE_DEF);
	t_cd(cd, 12, 16, t.ttb, 3);
	t_write_cd(p, g, CD_IPA, cd);
	t_ste_nested(p, g, ste, CD_IPA, 0, 0, 0);
	t_set_ste(p, ste);
	CHECK_EQ(t_dma(p, g, 0x1000, false, &out), PLAT_DMA_FAULT);
	CHECK(t_pop(p, rec));
	expect_shape(rec, EVT_ID_F_PERMISSION);
	CHECK_EQ(rec[1], EVT1_RNW | EVT1_S2 | VS_FIELD_PREP(EVT1_CLASS, EVT_CLASS_TT) | EVT1_TTRNW);
	CHECK_EQ(VS_FIELD_GET(EVT3_IPA, rec[3]) << 12, WO_IPA);
	/* the CD in the no-access range */
	t_write_cd(p, g, NA_IPA, cd);
	t_ste_nested(p, g, ste, NA_IPA, 0, 0, 0);
	t_set_ste(p, ste);
	CHECK_EQ(t_dma(p, g, 0x1000, false, &out), PLAT_DMA_FAULT);
	CHECK(t_pop(p, rec));
	CHECK_EQ(rec[1], EVT1_RNW | EVT1_S2 | VS_FIELD_PREP(EVT1_CLASS, EVT_CLASS_CD));
	CHECK_EQ(VS_FIELD_GET(EVT3_IPA, rec[3]) << 12, NA_IPA);
	plat_destroy(p);
}

/* ---- host pages: one quota per guest ----------------------------------------- */
static void test_page_quota(void)
{
	struct platform *p = plat_create();
	struct plat_range r = { 0x40000000, UINT64_C(64) << 20 };
	uint64_t ste[STE_DWORDS] = { STE0_V };
	uint8_t b = 0xa5;
	int a, c;
	unsigned n;

	CHECK(p);
	a = plat_add_guest(p, 1, &r, 1);
	c = plat_add_guest(p, 2, &r, 1);
	CHECK(a == 0 && c == 1);
	CHECK(plat_assign(p, c, 1, 0, 7) == 0);
	/* guest a touches as many pages as its quota allows, then no more */
	for (n = 0; n < HM_GUEST_MAX_PAGES; n++)
		CHECK(plat_guest_write(p, a, 0x40000000 + (uint64_t)n * HM_PAGE_SIZE, &b, 1) == 0);
	CHECK_EQ(p->g[a]->ram_pages, HM_GUEST_MAX_PAGES);
	CHECK(plat_guest_write(p, a, 0x40000000 + (uint64_t)n * HM_PAGE_SIZE, &b, 1) == -1);
	CHECK(env_write(p, a, 0x40000000 + (uint64_t)n * HM_PAGE_SIZE, &b, 1) == -1);
	/* pages it has are still writable */
	CHECK(plat_guest_write(p, a, 0x40000000, &b, 1) == 0);
	/* nothing of that touches guest c or the hypervisor */
	CHECK_EQ(p->g[c]->ram_pages, 0);
	CHECK(env_write(p, c, 0x40000000 + (UINT64_C(40) << 20), &b, 1) == 0);
	CHECK(plat_guest_write(p, c, 0x40000000 + (UINT64_C(50) << 20), &b, 1) == 0);
	CHECK(plat_test_write_ste(p, 0, 9, ste) == 0);
	CHECK(plat_test_write_ste(p, 0, 0x8000, ste) == 0);
	CHECK_EQ(p->g[c]->ram_pages, 2);
	/* guest c has its full quota too */
	for (n = 2; n < HM_GUEST_MAX_PAGES; n++)
		CHECK(plat_guest_write(p, c, 0x40000000 + (uint64_t)n * HM_PAGE_SIZE, &b, 1) == 0);
	CHECK_EQ(p->g[c]->ram_pages, HM_GUEST_MAX_PAGES);
	plat_destroy(p);
}

/* A smaller quota and the other per-guest options (plat_add_guest_opts). */
static void test_guest_opts(void)
{
	struct platform *p = plat_create();
	struct plat_range r = { 0x40000000, UINT64_C(1) << 20 };
	struct plat_guest_opts o, seen;
	uint8_t b = 0x5a;
	int a, c;

	CHECK(p);
	plat_guest_opts_default(&o);
	CHECK(o.msi && o.ril && o.max_pages == PLAT_GUEST_MAX_PAGES);
	o.max_pages = PLAT_GUEST_MAX_PAGES + 1;
	CHECK(plat_add_guest_opts(p, 1, &r, NULL, 1, &o) == -1);     /* above the platform's quota */
	o.max_pages = 2;
	o.msi = false;
	o.ril = false;
	a = plat_add_guest_opts(p, 1, &r, NULL, 1, &o);
	c = plat_add_guest_opts(p, 2, &r, NULL, 1, NULL);
	CHECK(a == 0 && c == 1);
	CHECK(plat_guest_opts_of(p, a, &seen) && !seen.msi && !seen.ril && seen.max_pages == 2);
	CHECK(plat_guest_opts_of(p, c, &seen) && seen.msi && seen.ril && seen.max_pages == PLAT_GUEST_MAX_PAGES);
	CHECK(!plat_guest_opts_of(p, 5, &seen));
	/* the vSMMU was configured from them */
	CHECK((plat_peek_reg(p, a, SMMU_IDR0, 4) & IDR0_MSI) == 0);
	CHECK((plat_peek_reg(p, a, SMMU_IDR3, 4) & IDR3_RIL) == 0);
	CHECK((plat_peek_reg(p, c, SMMU_IDR0, 4) & IDR0_MSI) != 0);
	CHECK((plat_peek_reg(p, c, SMMU_IDR3, 4) & IDR3_RIL) != 0);
	/* two pages for guest a, by its CPU or the hypervisor, then none */
	CHECK(plat_guest_write(p, a, 0x40000000, &b, 1) == 0);
	CHECK(env_write(p, a, 0x40001000, &b, 1) == 0);
	CHECK(env_write(p, a, 0x40002000, &b, 1) == -1);
	CHECK(plat_guest_write(p, a, 0x40003000, &b, 1) == -1);
	CHECK(env_write(p, a, 0x40000ff0, &b, 1) == 0);              /* a page it has */
	CHECK_EQ(p->g[a]->ram_pages, 2);
	CHECK(env_write(p, c, 0x40002000, &b, 1) == 0);              /* guest c: its own quota */
	CHECK_EQ(p->g[c]->ram_pages, 1);
	plat_destroy(p);
}

int main(void)
{
	test_sfm();
	test_record_shapes();
	test_shapes_within_oracle();
	test_s2_perms();
	test_s2_perm_walks();
	test_page_quota();
	test_guest_opts();
	printf("test_strict: ok\n");
	return 0;
}
