/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_faults.c - each injection kind does exactly what it says; event queue
 * overflow; SFM; the hypervisor digest; ownership; planted platform bugs;
 * external aborts on walks (F_CD_FETCH, F_WALK_EABT).
 */
#include "tests/inject/tutil.h"

#define CD_IPA    UINT64_C(0x40001000)
#define POOL_IPA  UINT64_C(0x40100000)

static uint64_t cfgi_ste(uint32_t sid)
{
	return VS_FIELD_PREP(CMD0_OP, CMD_OP_CFGI_STE) | VS_FIELD_PREP(CMD0_SID, sid);
}

static int send(struct platform *p, uint64_t dw0)
{
	uint64_t c[CMD_DWORDS] = { dw0, 0 };

	return pcmdq_send(p, plat_test_psmmu(p, 0), 0, c);
}

static int sync0(struct platform *p)
{
	return pcmdq_sync(p, plat_test_psmmu(p, 0), 0);
}

/* Failed commands the platform handed to libvsmmu's host (the sync itself
 * reports only its own outcome). */
static uint64_t host_fails(struct platform *p)
{
	struct vsmmu_host_stats st;

	vsmmu_host_get_stats(plat_host(p), &st);
	return st.cmd_failures_attributed + st.cmd_failures_kept;
}

/* A nested world whose VA 0x1000 maps to 0x40800000. */
static void test_cmd_error_and_timeout(void)
{
	uint64_t ste[STE_DWORDS], abort_ste[STE_DWORDS] = { STE0_V };
	struct plat_dma_out out;
	int g;
	struct platform *p = t_nested(&g, ste, CD_IPA, POOL_IPA);
	struct psmmu *ps = plat_test_psmmu(p, 0);
	uint64_t fails;

	CHECK(plat_inject_cmd_error(p, 0, 0, 1) == -1);
	CHECK(plat_inject_cmd_error(p, 0, 4, 1) == -1);
	CHECK(plat_inject_cmd_error(p, 1, CERROR_ILL, 1) == -1);     /* not declared */
	CHECK_EQ(t_dma(p, g, 0x1000, false, &out), PLAT_DMA_OK);      /* STE cached */
	CHECK(plat_test_write_ste(p, 0, T_PSID, abort_ste) == 0);
	/* the next 2 commands fail: their effect never happens */
	CHECK(plat_inject_cmd_error(p, 0, CERROR_ILL, 2) == 0);
	CHECK_EQ(send(p, cfgi_ste(T_PSID)), VSMMU_PHYS_OK);
	CHECK_EQ(send(p, cfgi_ste(T_PSID)), VSMMU_PHYS_OK);
	fails = host_fails(p);
	CHECK_EQ(sync0(p), VSMMU_PHYS_OK);              /* the sync itself completed */
	CHECK_EQ(host_fails(p), fails + 2);             /* both failures handed to the host */
	CHECK_EQ(ps->cerrors, 2);
	CHECK_EQ(t_dma(p, g, 0x1000, false, &out), PLAT_DMA_OK);      /* still the cached STE */
	CHECK_EQ(send(p, cfgi_ste(T_PSID)), VSMMU_PHYS_OK);           /* the third is fine */
	CHECK_EQ(sync0(p), VSMMU_PHYS_OK);
	CHECK_EQ(t_dma(p, g, 0x1000, false, &out), PLAT_DMA_ABORT);
	/* ABT */
	CHECK(plat_inject_cmd_error(p, 0, CERROR_ABT, 1) == 0);
	CHECK_EQ(send(p, cfgi_ste(T_PSID)), VSMMU_PHYS_OK);
	CHECK_EQ(sync0(p), VSMMU_PHYS_OK);
	CHECK_EQ(host_fails(p), fails + 3);
	CHECK_EQ(sync0(p), VSMMU_PHYS_OK);
	/* sync-timeout: the sync does not complete, nothing is consumed */
	CHECK(plat_test_write_ste(p, 0, T_PSID, ste) == 0);
	CHECK(plat_inject_sync_timeout(p, 0, 1) == 0);
	CHECK_EQ(send(p, cfgi_ste(T_PSID)), VSMMU_PHYS_OK);
	CHECK_EQ(sync0(p), VSMMU_PHYS_TIMEOUT);
	CHECK_EQ(t_dma(p, g, 0x1000, false, &out), PLAT_DMA_ABORT);   /* CFGI not done */
	CHECK_EQ(sync0(p), VSMMU_PHYS_OK);
	CHECK_EQ(t_dma(p, g, 0x1000, false, &out), PLAT_DMA_OK);
	/* a full ring is consumed on the next send; injected errors show at sync */
	CHECK(plat_inject_cmd_error(p, 0, CERROR_ABT, 1) == 0);
	for (unsigned i = 0; i < 300; i++)
		CHECK_EQ(send(p, cfgi_ste(1000 + i)), VSMMU_PHYS_OK);
	CHECK_EQ(sync0(p), VSMMU_PHYS_OK);
	CHECK_EQ(host_fails(p), fails + 4);             /* an unowned pSID: kept */
	/* ATC_INV_SYNC is a CMD_SYNC error: the commands before it take effect
	 * (the CFGI below is done), the next sync reports it, the one after is OK */
	CHECK_EQ(t_dma(p, g, 0x1000, false, &out), PLAT_DMA_OK);      /* STE cached */
	CHECK(plat_test_write_ste(p, 0, T_PSID, abort_ste) == 0);
	CHECK(plat_inject_cmd_error(p, 0, CERROR_ATC_INV_SYNC, 1) == 0);
	CHECK_EQ(send(p, cfgi_ste(T_PSID)), VSMMU_PHYS_OK);
	CHECK_EQ(sync0(p), VSMMU_PHYS_CERROR_ATC_INV_SYNC);
	CHECK_EQ(t_dma(p, g, 0x1000, false, &out), PLAT_DMA_ABORT);   /* CFGI done */
	CHECK_EQ(sync0(p), VSMMU_PHYS_OK);
	CHECK(plat_test_write_ste(p, 0, T_PSID, ste) == 0);
	CHECK_EQ(send(p, cfgi_ste(T_PSID)), VSMMU_PHYS_OK);
	CHECK_EQ(sync0(p), VSMMU_PHYS_OK);
	/* vsmmu_destroy retires the VMID; while syncs keep timing out it cannot
	 * be sure it did and fences the physical SMMU instead */
	CHECK_EQ(t_dma(p, g, 0x1000, false, &out), PLAT_DMA_OK);
	CHECK(plat_inject_sync_timeout(p, 0, 100) == 0);
	CHECK(plat_destroy_guest(p, g) == 0);
	CHECK(ps->fenced);
	plat_destroy(p);
}

static void test_mem_abort(void)
{
	int g;
	struct platform *p = t_world(&g);
	struct plat_guest *pg = p->g[g];
	uint64_t v = 0x1234, r = 0;

	CHECK(plat_inject_mem_abort(p, 3, 0, 4096, 0) == -1);
	/* the hypervisor's accesses go through stage 2 and land in RAM */
	CHECK(pg->env.mem_write(pg->env.ctx, 0x40002000, &v, 8) == 0);
	CHECK_EQ(t_r64(p, g, 0x40002000), 0x1234);
	CHECK(pg->env.mem_read(pg->env.ctx, 0x30000000, &r, 8) == -1);   /* not RAM */
	/* count = 2: two aborts, then normal */
	CHECK(plat_inject_mem_abort(p, g, 0x40002000, 0x1000, 2) == 0);
	CHECK(pg->env.mem_read(pg->env.ctx, 0x40003000, &r, 8) == 0);    /* outside the range */
	CHECK(pg->env.mem_read(pg->env.ctx, 0x40001ffc, &r, 8) == -1);   /* overlaps */
	CHECK(pg->env.mem_write(pg->env.ctx, 0x40002ff8, &v, 8) == -1);
	CHECK(pg->env.mem_read(pg->env.ctx, 0x40002000, &r, 8) == 0);
	CHECK_EQ(r, 0x1234);
	/* count = 0: until off */
	CHECK(plat_inject_mem_abort(p, g, 0x40002000, 0x1000, 0) == 0);
	for (unsigned i = 0; i < 10; i++)
		CHECK(pg->env.mem_read(pg->env.ctx, 0x40002000, &r, 8) == -1);
	CHECK(plat_inject_mem_abort_off(p, g) == 0);
	CHECK(pg->env.mem_read(pg->env.ctx, 0x40002000, &r, 8) == 0);
	/* the guest's own CPU is not affected */
	CHECK(plat_inject_mem_abort(p, g, 0x40002000, 0x1000, 0) == 0);
	CHECK_EQ(t_r64(p, g, 0x40002000), 0x1234);
	plat_destroy(p);
}

static void test_alloc_fail(void)
{
	int g;
	struct platform *p = t_world(&g);
	size_t held = plat_guest_bytes_held(p, g), outst = plat_allocs_outstanding(p);
	struct plat_range r = { 0x40000000, 0x100000 };
	void *a, *b, *c, *d;

	CHECK(held > 0);
	CHECK(plat_inject_alloc_fail(p, 1, 2) == 0);
	a = plat_alloc(p, g, 100);
	b = plat_alloc(p, g, 100);
	c = plat_alloc(p, g, 100);
	d = plat_alloc(p, g, 100);
	CHECK(a && !b && !c && d);
	CHECK_EQ(plat_guest_bytes_held(p, g), held + 200);
	CHECK_EQ(plat_allocs_outstanding(p), outst + 2);
	plat_free(p, g, a, 100);
	plat_free(p, g, d, 100);
	CHECK_EQ(plat_guest_bytes_held(p, g), held);
	CHECK_EQ(plat_allocs_outstanding(p), outst);
	/* a guest whose vSMMU cannot be allocated is not created */
	CHECK(plat_inject_alloc_fail(p, 0, 1) == 0);
	CHECK(plat_add_guest(p, 2, &r, 1) == -1);
	CHECK_EQ(plat_allocs_outstanding(p), outst);
	CHECK(plat_add_guest(p, 2, &r, 1) == 1);
	CHECK(plat_destroy_guest(p, 1) == 0);
	CHECK_EQ(plat_allocs_outstanding(p), outst);
	plat_destroy(p);
}

/* Fail each hypervisor allocation of a guest's life in turn: no leak, no
 * crash, and the world's accounting returns to where it was. */
static void test_alloc_fail_walk(void)
{
	struct plat_range r = { 0x40000000, 0x100000 };

	for (unsigned k = 0; k < 24; k++) {
		struct platform *p = plat_create();
		size_t base = plat_allocs_outstanding(p);
		int gi;

		CHECK(plat_inject_alloc_fail(p, k, 1) == 0);
		gi = plat_add_guest(p, 1, &r, 1);
		if (gi >= 0) {
			plat_assign(p, gi, 1, 0, 1);
			plat_assign(p, gi, 2, 0, 2);
			plat_unassign(p, gi, 1);
			CHECK(plat_destroy_guest(p, gi) == 0);
		}
		CHECK_EQ(plat_allocs_outstanding(p), base);
		plat_destroy(p);
	}
}

static uint64_t routed(struct platform *p)
{
	struct vsmmu_host_stats s;

	vsmmu_host_get_stats(plat_host(p), &s);
	return s.events_routed + s.events_kept;
}

static void test_events_gerror(void)
{
	uint64_t ste[STE_DWORDS];
	uint64_t rec[EVT_DWORDS] = { VS_FIELD_PREP(EVT0_ID, EVT_ID_F_TRANSLATION) |
				     VS_FIELD_PREP(EVT0_SID, T_PSID), 0, 0x1000, 0 };
	struct vsmmu_host_stats s;
	struct plat_dma_out out;
	int g;
	struct platform *p = t_nested(&g, ste, CD_IPA, POOL_IPA);
	struct psmmu *ps = plat_test_psmmu(p, 0);
	uint64_t r0 = routed(p);

	CHECK(plat_inject_event(p, 2, rec) == -1);
	CHECK(plat_inject_event(p, 0, rec) == 0);
	CHECK(plat_run_round(p) == false);
	CHECK_EQ(routed(p), r0 + 1);
	/* overflow: 130 records into a 128-record queue */
	for (unsigned i = 0; i < 130; i++)
		CHECK(plat_inject_event(p, 0, rec) == 0);
	CHECK_EQ(ps->events_lost, 2);
	CHECK(ps->ovflg != ps->ovackflg);
	CHECK(plat_run_round(p) == true);            /* bounded: 32 per round */
	CHECK_EQ(routed(p), r0 + 1 + PEVTQ_DRAIN);
	CHECK(ps->ovflg == ps->ovackflg);            /* acknowledged */
	CHECK_EQ(plat_settle(p), 3);                /* 96 left, 32 per round */
	CHECK_EQ(routed(p), r0 + 1 + 128);
	/* inject evtq-overflow: queued records are lost, OVFLG toggles */
	for (unsigned i = 0; i < 3; i++)
		CHECK(plat_inject_event(p, 0, rec) == 0);
	CHECK(plat_inject_evtq_overflow(p, 0) == 0);
	CHECK_EQ(ps->events_lost, 5);
	CHECK(ps->ovflg != ps->ovackflg);
	CHECK(plat_run_round(p) == false);
	CHECK_EQ(routed(p), r0 + 1 + 128);
	/* GERROR: SFM stops translation at once; reported in the next round */
	CHECK(plat_inject_gerror(p, 0, 0) == -1);
	CHECK_EQ(t_dma(p, g, 0x1000, false, &out), PLAT_DMA_OK);
	CHECK(plat_inject_gerror(p, 0, (uint32_t)GERROR_SFM_ERR) == 0);
	CHECK_EQ(t_dma(p, g, 0x1000, false, &out), PLAT_DMA_ABORT);
	CHECK(!t_pop(p, rec));
	vsmmu_host_get_stats(plat_host(p), &s);
	CHECK_EQ(s.gerrors_kept, 0);
	plat_run_round(p);
	vsmmu_host_get_stats(plat_host(p), &s);
	CHECK(s.gerrors_kept >= 1);
	CHECK_EQ(ps->gerror ^ ps->gerrorn, 0);       /* acknowledged, still in SFM */
	CHECK_EQ(t_dma(p, g, 0x1000, false, &out), PLAT_DMA_ABORT);
	plat_destroy(p);
}

static void test_digest_owner(void)
{
	int g;
	struct platform *p = t_world(&g);
	uint64_t d0 = plat_hyp_digest(p), ste[STE_DWORDS] = { STE0_V }, v = 7, old;
	struct plat_dma_out out;
	struct vsmmu_s2_template t;
	int og;

	CHECK(d0 != 0);
	CHECK(plat_guest_write(p, g, 0x40000000, &v, 8) == 0);
	CHECK_EQ(plat_hyp_digest(p), d0);
	CHECK(plat_test_write_ste(p, 0, T_PSID, ste) == 0);      /* assigned stream */
	CHECK_EQ(plat_hyp_digest(p), d0);
	ste[0] = STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_BYPASS);
	t_set_ste(p, ste);
	CHECK_EQ(t_dma(p, g, t_hpa(0x40000000), true, &out), PLAT_DMA_OK);
	CHECK_EQ(plat_hyp_digest(p), d0);
	CHECK(plat_test_write_ste(p, 0, 9, ste) == 0);            /* another stream */
	CHECK(plat_hyp_digest(p) != d0);
	ste[0] = 0;
	CHECK(plat_test_write_ste(p, 0, 9, ste) == 0);
	CHECK_EQ(plat_hyp_digest(p), d0);
	plat_guest_s2_template(p, g, &t);
	CHECK(hm_raw(p, VS_FIELD_GET(STE3_S2TTB, t.ste_dw3) << 4, &old, 8, false) == 0);
	v = old ^ 0x80;                                           /* flip S2AP[1] */
	CHECK(hm_raw(p, VS_FIELD_GET(STE3_S2TTB, t.ste_dw3) << 4, &v, 8, true) == 0);
	CHECK(plat_hyp_digest(p) != d0);
	CHECK(hm_raw(p, VS_FIELD_GET(STE3_S2TTB, t.ste_dw3) << 4, &old, 8, true) == 0);
	CHECK_EQ(plat_hyp_digest(p), d0);
	/* ownership */
	CHECK_EQ(plat_hpa_owner(p, T_RAM_HPA, T_RAM_SIZE, &og), PLAT_OWN_GUEST);
	CHECK_EQ(og, g);
	CHECK_EQ(plat_hpa_owner(p, T_RAM_HPA + T_RAM_SIZE - 8, 16, &og), PLAT_OWN_NONE);
	CHECK_EQ(plat_hpa_owner(p, T_RAM_HPA + T_RAM_SIZE, 8, &og), PLAT_OWN_NONE);
	CHECK_EQ(plat_hpa_owner(p, HYP_S2_BASE, 8, &og), PLAT_OWN_HYP);
	CHECK_EQ(plat_hpa_owner(p, STRTAB_REGION + 64, 64, &og), PLAT_OWN_HYP);
	CHECK_EQ(plat_hpa_owner(p, 0x40000000, 8, &og), PLAT_OWN_NONE);
	CHECK_EQ(plat_hpa_owner(p, 0, 8, &og), PLAT_OWN_NONE);
	plat_destroy(p);
}

struct seen {
	unsigned n[5];
	struct plat_access last[5];
};

static void on_access(void *ctx, const struct plat_access *a)
{
	struct seen *s = ctx;

	s->n[a->actor]++;
	s->last[a->actor] = *a;
}

static void test_bugs_and_eabt(void)
{
	uint64_t ste[STE_DWORDS], rec[EVT_DWORDS], r;
	struct seen s;
	struct plat_observer obs = { .ctx = &s, .on_access = on_access };
	struct plat_dma_out out;
	int g;
	struct platform *p = t_nested(&g, ste, CD_IPA, POOL_IPA);
	struct plat_guest *pg = p->g[g];

	memset(&s, 0, sizeof(s));
	plat_set_observer(p, &obs);
	CHECK_EQ(t_dma(p, g, 0x1000, true, &out), PLAT_DMA_OK);
	CHECK_EQ(s.last[PLAT_ACT_DMA].hpa, t_hpa(0x40800000));
	CHECK(s.last[PLAT_ACT_DMA].s2_checked);
	CHECK(s.last[PLAT_ACT_PSMMU_WALK].s2_checked);
	CHECK(pg->env.mem_read(pg->env.ctx, 0x40000000, &r, 8) == 0);
	CHECK_EQ(s.last[PLAT_ACT_HYP_GUEST].hpa, T_RAM_HPA);
	CHECK(s.last[PLAT_ACT_HYP_GUEST].s2_checked);
	/* I3 bug: the hypervisor uses the IPA as a host address */
	plat_set_planted_bugs(p, PLAT_BUG_HYP_IPA_AS_HPA);
	CHECK(pg->env.mem_read(pg->env.ctx, 0x40000000, &r, 8) == -1);   /* a hole */
	CHECK_EQ(s.last[PLAT_ACT_HYP_GUEST].hpa, 0x40000000);
	CHECK(!s.last[PLAT_ACT_HYP_GUEST].s2_checked);
	/* I4 bug: the CD fetch skips stage 2 -> external abort, F_CD_FETCH */
	plat_set_planted_bugs(p, PLAT_BUG_WALK_SKIPS_S2);
	t_set_ste(p, ste);
	CHECK_EQ(t_dma(p, g, 0x1000, false, &out), PLAT_DMA_FAULT);
	CHECK_EQ(s.last[PLAT_ACT_PSMMU_WALK].hpa, CD_IPA);
	CHECK(!s.last[PLAT_ACT_PSMMU_WALK].s2_checked);
	CHECK(t_pop(p, rec));
	CHECK_EQ(VS_FIELD_GET(EVT0_ID, rec[0]), EVT_ID_F_CD_FETCH);
	CHECK_EQ(VS_FIELD_GET(EVT3_FETCH_ADDR, rec[3]) << 3, CD_IPA);
	plat_set_planted_bugs(p, 0);
	/* F_WALK_EABT: a stage-1-only STE whose table base is a hole */
	{
		uint64_t cd[CD_DWORDS];

		t_cd(cd, 12, 16, 0x20000000, 3);
		CHECK(plat_guest_write(p, g, 0x40003000, cd, CD_SIZE) == 0);
		memset(ste, 0, sizeof(ste));
		ste[0] = STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_S1_TRANS) |
			 VS_FIELD_PREP(STE0_S1CTXPTR, t_hpa(0x40003000) >> 6);
		t_set_ste(p, ste);
		CHECK_EQ(t_dma(p, g, 0x1000, false, &out), PLAT_DMA_FAULT);
		CHECK(t_pop(p, rec));
		CHECK_EQ(VS_FIELD_GET(EVT0_ID, rec[0]), EVT_ID_F_WALK_EABT);
		CHECK_EQ(VS_FIELD_GET(EVT1_CLASS, rec[1]), EVT_CLASS_TT);
		CHECK(!(rec[1] & EVT1_S2));
		CHECK_EQ(VS_FIELD_GET(EVT3_FETCH_ADDR, rec[3]) << 3, 0x20000000);
	}
	plat_destroy(p);
}

int main(void)
{
	test_cmd_error_and_timeout();
	test_mem_abort();
	test_alloc_fail();
	test_alloc_fail_walk();
	test_events_gerror();
	test_digest_owner();
	test_bugs_and_eabt();
	printf("test_faults: ok\n");
	return 0;
}
