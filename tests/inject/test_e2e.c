/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_e2e.c - the real libvsmmu wired to this platform. A guest programs its
 * vSMMU through MMIO (stream table, queues, STE, CD and page tables in its
 * RAM, CFGI + SYNC); its device's DMA is translated by the physical SMMU
 * model through the guest's stage 1 and the hypervisor's stage 2 and lands
 * at the right host address. Hostile STEs/CDs/tables never make a DMA
 * complete outside the guest's RAM.
 */
#include "tests/inject/tutil.h"

#define STRTAB   UINT64_C(0x40000000)
#define CMDQ     UINT64_C(0x40010000)
#define EVTQ     UINT64_C(0x40020000)
#define CDA      UINT64_C(0x40030000)
#define CDB      UINT64_C(0x40030040)
#define POOL     UINT64_C(0x40100000)
#define DATA     UINT64_C(0x40800000)
#define QS       5u

struct gst {
	struct platform *p;
	int g;
	uint32_t prod;
};

/* Every DMA and walk for guest 0 must land in guest 0's RAM. */
struct watch {
	struct platform *p;
	unsigned bad, dma, walks;
};

static void on_access(void *ctx, const struct plat_access *a)
{
	struct watch *w = ctx;
	int owner = -1;

	if (a->actor != PLAT_ACT_DMA && a->actor != PLAT_ACT_PSMMU_WALK)
		return;
	if (a->actor == PLAT_ACT_DMA)
		w->dma++;
	else
		w->walks++;
	if (a->actor == PLAT_ACT_PSMMU_WALK && a->hpa >= STRTAB_REGION)
		return;                         /* STE fetch from the physical table */
	if (plat_hpa_owner(w->p, a->hpa, a->len, &owner) != PLAT_OWN_GUEST || owner != a->guest ||
	    !a->s2_checked)
		w->bad++;
}

static void mmio_w(struct gst *s, uint64_t off, unsigned size, uint64_t v)
{
	plat_mmio_write(s->p, s->g, off, size, v);
}

static uint32_t mmio_r(struct gst *s, uint64_t off)
{
	return (uint32_t)plat_mmio_read(s->p, s->g, off, 4);
}

static void cmd(struct gst *s, uint64_t dw0, uint64_t dw1)
{
	uint64_t c[2] = { dw0, dw1 };

	CHECK(plat_guest_write(s->p, s->g, CMDQ + (s->prod & ((1u << QS) - 1)) * CMD_SIZE, c, 16) == 0);
	s->prod = (s->prod + 1) & ((2u << QS) - 1);
}

static void kick(struct gst *s)
{
	mmio_w(s, SMMU_CMDQ_PROD, 4, s->prod);
	plat_settle(s->p);
	CHECK_EQ(mmio_r(s, SMMU_CMDQ_CONS) & Q_IDX_FIELD, s->prod);
}

static void cfgi_sync(struct gst *s, uint32_t vsid)
{
	cmd(s, VS_FIELD_PREP(CMD0_OP, CMD_OP_CFGI_STE) | VS_FIELD_PREP(CMD0_SID, vsid), CMD1_LEAF);
	cmd(s, VS_FIELD_PREP(CMD0_OP, CMD_OP_SYNC), 0);
	kick(s);
}

static void guest_ste(struct gst *s, uint32_t vsid, uint64_t dw0, uint64_t dw1)
{
	uint64_t ste[STE_DWORDS] = { dw0, dw1 };

	CHECK(plat_guest_write(s->p, s->g, STRTAB + vsid * STE_SIZE, ste, STE_SIZE) == 0);
	cfgi_sync(s, vsid);
}

static void driver_init(struct gst *s)
{
	mmio_w(s, SMMU_CR0, 4, 0);
	CHECK_EQ(mmio_r(s, SMMU_CR0ACK), 0);
	mmio_w(s, SMMU_STRTAB_BASE, 8, STRTAB);
	mmio_w(s, SMMU_STRTAB_BASE_CFG, 4, 6);        /* linear, 64 streams */
	mmio_w(s, SMMU_CMDQ_BASE, 8, CMDQ | QS);
	mmio_w(s, SMMU_CMDQ_PROD, 4, 0);
	mmio_w(s, SMMU_CMDQ_CONS, 4, 0);
	mmio_w(s, SMMU_EVENTQ_BASE, 8, EVTQ | QS);
	mmio_w(s, SMMU_EVENTQ_PROD, 4, 0);
	mmio_w(s, SMMU_EVENTQ_CONS, 4, 0);
	mmio_w(s, SMMU_IRQ_CTRL, 4, IRQ_CTRL_EVENTQ_IRQEN | IRQ_CTRL_GERROR_IRQEN);
	mmio_w(s, SMMU_CR0, 4, CR0_CMDQEN | CR0_EVENTQEN | CR0_SMMUEN);
	for (unsigned i = 0; i < 100 && mmio_r(s, SMMU_CR0ACK) != (CR0_CMDQEN | CR0_EVENTQEN | CR0_SMMUEN); i++)
		plat_run_round(s->p);
	CHECK_EQ(mmio_r(s, SMMU_CR0ACK), CR0_CMDQEN | CR0_EVENTQEN | CR0_SMMUEN);
}

static uint64_t s1_dw0(uint64_t cd)
{
	return STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_S1_TRANS) |
	       VS_FIELD_PREP(STE0_S1CTXPTR, cd >> 6);
}

#define S1_DW1 (VS_FIELD_PREP(STE1_S1CIR, 1) | VS_FIELD_PREP(STE1_S1COR, 1) | VS_FIELD_PREP(STE1_S1CSH, 3))

int main(void)
{
	struct gst s = { 0 };
	struct watch w = { 0 };
	struct plat_observer obs = { .ctx = &w, .on_access = on_access };
	struct plat_range r = { T_RAM_IPA, 16u << 20 }, r2 = { T_RAM_IPA, 1u << 20 };
	struct vsmmu_s2_template tpl;
	struct t_pt t;
	uint64_t cd[CD_DWORDS], ste[STE_DWORDS], data = UINT64_C(0xfeedfacecafebeef);
	struct plat_dma_out out;
	struct plat_dma_req rq = { .vsid = 3, .iova = 0x1010, .len = 8, .write = true };
	int other;

	s.p = w.p = plat_create();
	CHECK(s.p);
	plat_set_observer(s.p, &obs);
	s.g = plat_add_guest(s.p, T_VMID, &r, 1);
	other = plat_add_guest(s.p, 2, &r2, 1);
	CHECK(s.g == 0 && other == 1);
	CHECK(plat_assign(s.p, s.g, 3, 0, T_PSID) == 0);
	driver_init(&s);

	/* guest stage 1: VA 0x1000 -> DATA; CD A with ASID 5 */
	t_pt_init(&t, s.p, s.g, 12, 16, POOL);
	t_pt_map(&t, 0x1000, DATA, 3, PTE_DEF | PTE_NG);
	t_cd(cd, 12, 16, t.ttb, 5);
	t_write_cd(s.p, s.g, CDA, cd);
	guest_ste(&s, 3, s1_dw0(CDA), S1_DW1);

	/* the physical STE: nested, the hypervisor's stage 2, the guest's CD IPA */
	CHECK(plat_psmmu_ste(s.p, 0, T_PSID, ste));
	plat_guest_s2_template(s.p, s.g, &tpl);
	CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, ste[0]), STE_CONFIG_NESTED);
	CHECK_EQ(VS_FIELD_GET(STE0_S1CTXPTR, ste[0]) << 6, CDA);
	CHECK_EQ(ste[2], tpl.ste_dw2);
	CHECK_EQ(ste[3], tpl.ste_dw3);

	/* the DMA lands at the hand-computed host address */
	rq.guest = s.g;
	CHECK(plat_dma_buf(s.p, &rq, &data, &out) == 0);
	CHECK_EQ(out.result, PLAT_DMA_OK);
	CHECK_EQ(out.ipa, DATA + 0x10);
	CHECK_EQ(out.hpa, t_hpa(DATA + 0x10));
	CHECK_EQ(t_r64(s.p, s.g, DATA + 0x10), data);
	CHECK(w.dma == 1 && w.walks >= 5 && w.bad == 0);

	/* a guest stage-1 fault comes back to the guest as its vSID */
	rq.iova = 0x5000;
	CHECK(plat_dma(s.p, &rq, &out) == 0);
	CHECK_EQ(out.result, PLAT_DMA_FAULT);
	plat_settle(s.p);
	{
		/* the last record written (libvsmmu may have reported the stream's
		 * earlier invalid STE before it) */
		uint32_t prod = mmio_r(&s, SMMU_EVENTQ_PROD) & Q_IDX_FIELD;
		uint64_t rec[EVT_DWORDS];

		CHECK(prod >= 1);
		CHECK(plat_guest_read(s.p, s.g, EVTQ + ((prod - 1) & ((1u << QS) - 1)) * EVT_SIZE,
				      rec, EVT_SIZE) == 0);
		CHECK_EQ(VS_FIELD_GET(EVT0_ID, rec[0]), EVT_ID_F_TRANSLATION);
		CHECK_EQ(VS_FIELD_GET(EVT0_SID, rec[0]), 3);
		CHECK_EQ(rec[2], 0x5000);
		mmio_w(&s, SMMU_EVENTQ_CONS, 4, prod);
	}

	/* hostile: stage 1 points at the other guest's host memory, at an IPA
	 * outside RAM, and at hypervisor memory -- nothing completes */
	{
		static const uint64_t evil[] = { 0x80000000 + (16u << 20) + (2u << 20), 0x80e00000,
						 HYP_S2_BASE, UINT64_C(0x30000000), UINT64_C(0x7ffffff000) };

		rq.iova = 0x2000;
		for (unsigned i = 0; i < 5; i++) {
			t_pt_map(&t, 0x2000, evil[i], 3, PTE_DEF | PTE_NG);
			cmd(&s, VS_FIELD_PREP(CMD0_OP, CMD_OP_TLBI_NH_ALL), 0);
			cmd(&s, VS_FIELD_PREP(CMD0_OP, CMD_OP_SYNC), 0);
			kick(&s);
			CHECK(plat_dma(s.p, &rq, &out) == 0);
			CHECK(out.result != PLAT_DMA_OK);
		}
	}
	/* hostile CD pointers and table bases */
	{
		static const uint64_t evil_cd[] = { 0x80e00000, HYP_S2_BASE, UINT64_C(0x30000000) };

		for (unsigned i = 0; i < 3; i++) {
			guest_ste(&s, 3, s1_dw0(evil_cd[i]), S1_DW1);
			rq.iova = 0x1000;
			CHECK(plat_dma(s.p, &rq, &out) == 0);
			CHECK(out.result != PLAT_DMA_OK);
			t_cd(cd, 12, 16, evil_cd[i], 6);
			t_write_cd(s.p, s.g, CDB, cd);
			guest_ste(&s, 3, s1_dw0(CDB), S1_DW1);
			CHECK(plat_dma(s.p, &rq, &out) == 0);
			CHECK(out.result != PLAT_DMA_OK);
		}
	}
	/* a bypass STE becomes stage-2 only: IPA in, never a raw host address */
	guest_ste(&s, 3, STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_BYPASS), 0);
	CHECK(plat_psmmu_ste(s.p, 0, T_PSID, ste));
	CHECK(VS_FIELD_GET(STE0_CONFIG, ste[0]) == STE_CONFIG_S2_TRANS ||
	      !(VS_FIELD_GET(STE0_CONFIG, ste[0]) & STE_CONFIG_TRANS));
	rq.iova = DATA;
	CHECK(plat_dma(s.p, &rq, &out) == 0);
	if (out.result == PLAT_DMA_OK)
		CHECK_EQ(out.hpa, t_hpa(DATA));
	rq.iova = 0x80e00000;                          /* the other guest's host RAM */
	CHECK(plat_dma(s.p, &rq, &out) == 0);
	CHECK(out.result != PLAT_DMA_OK);
	CHECK(w.bad == 0);

	/* teardown: the stream becomes abort, nothing is held */
	CHECK(plat_destroy_guest(s.p, s.g) == 0);
	CHECK(plat_psmmu_ste(s.p, 0, T_PSID, ste));
	CHECK(!(VS_FIELD_GET(STE0_CONFIG, ste[0]) & STE_CONFIG_TRANS));
	CHECK(!plat_psmmu_cached_ste(s.p, 0, T_PSID, ste) ||
	      !(VS_FIELD_GET(STE0_CONFIG, ste[0]) & STE_CONFIG_TRANS));
	CHECK(plat_destroy_guest(s.p, other) == 0);
	plat_destroy(s.p);
	printf("test_e2e: ok\n");
	return 0;
}
