/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_msi.c - MSIs (IDR0.MSI = 1, spec 3.18, 4.7.3, 6.3.21-23, 6.3.30-32,
 * 7.5.1): the CMD_SYNC MSI (MSIData to MSIAddress after CONS has passed
 * the CMD_SYNC, none for MSIAddress 0, CS other than SIG_IRQ, or MSI off,
 * address truncated to the OAS), the GERROR and event queue MSIs of the
 * *_IRQ_CFG registers and their gating, and every abort path: the
 * MSI_*_ABT_ERR bits, the GERROR MSI they trigger and the end of that
 * chain at MSI_GERROR_ABT_ERR. With VS_TEST_DEFECTS, each planted MSI
 * defect does what it says.
 */
#include <string.h>

#include "tests/vsmmu/fake.h"

#define ALL_EN   ((uint32_t)(CR0_SMMUEN | CR0_CMDQEN | CR0_EVENTQEN))
#define POLL     0x70000u    /* the driver's CMD_SYNC poll word */
#define GDOOR    0x70100u    /* GERROR MSI target */
#define EDOOR    0x70200u    /* EVENTQ MSI target */

static uint32_t r32(struct fake *f, uint64_t ipa)
{
	return (uint32_t)f->mem[ipa] | (uint32_t)f->mem[ipa + 1] << 8 |
	       (uint32_t)f->mem[ipa + 2] << 16 | (uint32_t)f->mem[ipa + 3] << 24;
}

static uint64_t sync0(unsigned cs, uint32_t data)
{
	return cmd0(CMD_OP_SYNC) | VS_FIELD_PREP(CMD0_SYNC_CS, cs) | VS_FIELD_PREP(CMD0_SYNC_MSH, 3) |
	       VS_FIELD_PREP(CMD0_SYNC_MSIATTR, 0xf) | VS_FIELD_PREP(CMD0_SYNC_MSIDATA, data);
}

static struct vsmmu *setup(struct fake *f, const struct vsmmu_config *c)
{
	struct vsmmu *v;

	fk_init(f);
	v = new_vsmmu(f, NULL, c);
	CHECK(v != NULL);
	f->msi_watch = v;
	g_setup(v, 0);
	wr32(v, SMMU_IRQ_CTRL, 0);
	wr64(v, SMMU_GERROR_IRQ_CFG0, GDOOR);
	wr32(v, SMMU_GERROR_IRQ_CFG1, 0x6e6e);
	wr64(v, SMMU_EVENTQ_IRQ_CFG0, EDOOR);
	wr32(v, SMMU_EVENTQ_IRQ_CFG1, 0xe0e0);
	wr32(v, SMMU_IRQ_CTRL, (uint32_t)(IRQ_CTRL_GERROR_IRQEN | IRQ_CTRL_EVENTQ_IRQEN));
	wr32(v, SMMU_CR0, ALL_EN);
	return v;
}

static void test_cmd_sync(void)
{
	struct fake f;
	struct vsmmu *v = setup(&f, NULL);

	g_cmd(v, &f, sync0(CMD_SYNC_CS_IRQ, 0xc0ffee01), POLL);
	CHECK_EQ(r32(&f, POLL), 0xc0ffee01);
	CHECK_EQ(f.nmsi, 1);
	CHECK_EQ(f.msi[0].line, VSMMU_IRQ_CMD_SYNC);
	CHECK_EQ(f.msi[0].addr, POLL);
	/* observing the MSI means CONS has passed the CMD_SYNC (4.7.3) */
	CHECK_EQ(f.msi[0].cmdq_cons, 1);
	CHECK_EQ(f.irqs[VSMMU_IRQ_CMD_SYNC], 1);        /* the wired line too */
	/* MSIAddress 0: no MSI, the wired line still */
	g_cmd(v, &f, sync0(CMD_SYNC_CS_IRQ, 5), 0);
	CHECK_EQ(f.nmsi, 1);
	CHECK_EQ(f.irqs[VSMMU_IRQ_CMD_SYNC], 2);
	/* SIG_NONE and SIG_SEV (no IDR0.SEV): no signal at all */
	g_cmd(v, &f, sync0(CMD_SYNC_CS_NONE, 6), POLL);
	g_cmd(v, &f, sync0(CMD_SYNC_CS_SEV, 7), POLL);
	CHECK_EQ(f.nmsi, 1);
	CHECK_EQ(r32(&f, POLL), 0xc0ffee01);
	CHECK_EQ(f.irqs[VSMMU_IRQ_CMD_SYNC], 2);
	/* MSIAddress above the OAS (48) is truncated to it (4.7.3, 3.4.3) */
	g_cmd(v, &f, sync0(CMD_SYNC_CS_IRQ, 8), POLL | (UINT64_C(1) << 50));
	CHECK_EQ(r32(&f, POLL), 8);
	CHECK_EQ(f.msi[1].addr, POLL);
	CHECK_EQ(rd32(v, SMMU_CMDQ_CONS), 5);
	CHECK_EQ(rd32(v, SMMU_GERROR), 0);
	vsmmu_destroy(v);
	fk_fini(&f);
}

static void test_cmd_sync_abort(void)
{
	struct fake f;
	struct vsmmu *v = setup(&f, NULL);

	f.wr_fail_lo = POLL;
	f.wr_fail_hi = POLL + 4;
	g_put(&f, 0, sync0(CMD_SYNC_CS_IRQ, 1), POLL);
	g_put(&f, 1, sync0(CMD_SYNC_CS_IRQ, 2), POLL + 8);
	wr32(v, SMMU_CMDQ_PROD, 2);
	/* the abort is a global error, not a command error: both consumed */
	CHECK_EQ(rd32(v, SMMU_CMDQ_CONS), 2);
	CHECK_EQ(rd32(v, SMMU_GERROR), GERROR_MSI_CMDQ_ABT_ERR);
	CHECK_EQ(r32(&f, POLL + 8), 2);                  /* later MSIs unaffected */
	/* the GERROR interrupt: wired line and GERROR MSI */
	CHECK_EQ(f.irqs[VSMMU_IRQ_GERROR], 1);
	CHECK_EQ(r32(&f, GDOOR), 0x6e6e);
	CHECK_EQ(f.nmsi, 3);
	CHECK(f.msi[0].aborted);
	CHECK_EQ(f.msi[1].line, VSMMU_IRQ_GERROR);
	CHECK_EQ(f.msi[2].line, VSMMU_IRQ_CMD_SYNC);
	/* acknowledged, the error can activate again */
	wr32(v, SMMU_GERRORN, (uint32_t)GERROR_MSI_CMDQ_ABT_ERR);
	g_cmd(v, &f, sync0(CMD_SYNC_CS_IRQ, 3), POLL);
	CHECK_EQ(rd32(v, SMMU_GERROR), 0);
	CHECK_EQ(f.irqs[VSMMU_IRQ_GERROR], 2);
	vsmmu_destroy(v);
	fk_fini(&f);
}

/* A GERROR MSI that aborts activates MSI_GERROR_ABT_ERR, which raises no
 * GERROR interrupt (7.5.1): the chain ends there. */
static void test_gerror_abort(void)
{
	struct fake f;
	struct vsmmu *v = setup(&f, NULL);
	uint32_t irqs;

	f.wr_fail_lo = POLL;
	f.wr_fail_hi = GDOOR + 4;                         /* poll word and GERROR doorbell */
	g_cmd(v, &f, sync0(CMD_SYNC_CS_IRQ, 1), POLL);
	CHECK_EQ(rd32(v, SMMU_GERROR), GERROR_MSI_CMDQ_ABT_ERR | GERROR_MSI_GERROR_ABT_ERR);
	CHECK_EQ(f.irqs[VSMMU_IRQ_GERROR], 1);
	CHECK_EQ(f.nmsi, 2);
	CHECK(f.msi[0].aborted && f.msi[1].aborted);
	irqs = f.irqs[VSMMU_IRQ_GERROR];
	/* a command error: its GERROR MSI aborts again, MSI_GERROR_ABT_ERR is
	 * already active, nothing more */
	g_cmd(v, &f, cmd0(0x7f), 0);
	CHECK_EQ(rd32(v, SMMU_GERROR), GERROR_MSI_CMDQ_ABT_ERR | GERROR_MSI_GERROR_ABT_ERR | GERROR_CMDQ_ERR);
	CHECK_EQ(f.irqs[VSMMU_IRQ_GERROR], irqs + 1);
	CHECK_EQ(f.nmsi, 3);
	vsmmu_destroy(v);
	fk_fini(&f);
}

static void bad_ste_event(struct fake *f, struct vsmmu *v, uint32_t sid)
{
	/* Config 6 (stage 2) with S2P=0 is ILLEGAL: C_BAD_STE at CFGI */
	g_ste(f, sid, STE0_V | VS_FIELD_PREP(STE0_CONFIG, 6), 0);
	g_cmd(v, f, cmd0(CMD_OP_CFGI_STE) | VS_FIELD_PREP(CMD0_SID, sid), 0);
}

static void test_evtq(void)
{
	struct fake f;
	struct vsmmu *v = setup(&f, NULL);

	CHECK_EQ(vsmmu_assign(v, 3, 0, 30), 0);
	CHECK_EQ(vsmmu_assign(v, 4, 0, 40), 0);
	bad_ste_event(&f, v, 3);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 1);
	CHECK_EQ(f.nmsi, 1);
	CHECK_EQ(f.msi[0].line, VSMMU_IRQ_EVTQ);
	CHECK_EQ(r32(&f, EDOOR), 0xe0e0);
	/* the queue was not empty: wired pulse, no second MSI (3.18.2:
	 * the trigger is empty -> non-empty) */
	bad_ste_event(&f, v, 4);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 2);
	CHECK_EQ(f.irqs[VSMMU_IRQ_EVTQ], 2);
	CHECK_EQ(f.nmsi, 1);
	/* drained: the next record is an MSI again */
	wr32(v, SMMU_EVENTQ_CONS, 2);
	bad_ste_event(&f, v, 3);
	CHECK_EQ(f.nmsi, 2);
	/* EVENTQ_IRQEN = 0: neither */
	wr32(v, SMMU_EVENTQ_CONS, 3);
	wr32(v, SMMU_IRQ_CTRL, (uint32_t)IRQ_CTRL_GERROR_IRQEN);
	bad_ste_event(&f, v, 4);
	CHECK_EQ(f.nmsi, 2);
	CHECK_EQ(f.irqs[VSMMU_IRQ_EVTQ], 3);
	/* EVENTQ_IRQ_CFG0.ADDR = 0: wired only */
	wr64(v, SMMU_EVENTQ_IRQ_CFG0, 0);
	wr32(v, SMMU_EVENTQ_CONS, 4);
	wr32(v, SMMU_IRQ_CTRL, (uint32_t)(IRQ_CTRL_GERROR_IRQEN | IRQ_CTRL_EVENTQ_IRQEN));
	bad_ste_event(&f, v, 3);
	CHECK_EQ(f.nmsi, 2);
	CHECK_EQ(f.irqs[VSMMU_IRQ_EVTQ], 4);
	/* an aborted event queue MSI: MSI_EVENTQ_ABT_ERR and its GERROR MSI;
	 * the record itself was written */
	wr32(v, SMMU_IRQ_CTRL, 0);
	wr64(v, SMMU_EVENTQ_IRQ_CFG0, EDOOR);
	wr32(v, SMMU_IRQ_CTRL, (uint32_t)(IRQ_CTRL_GERROR_IRQEN | IRQ_CTRL_EVENTQ_IRQEN));
	wr32(v, SMMU_EVENTQ_CONS, 5);
	f.wr_fail_lo = EDOOR;
	f.wr_fail_hi = EDOOR + 4;
	bad_ste_event(&f, v, 4);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 6);
	CHECK_EQ(rd32(v, SMMU_GERROR), GERROR_MSI_EVENTQ_ABT_ERR);
	CHECK_EQ(f.nmsi, 4);
	CHECK(f.msi[2].aborted);
	CHECK_EQ(f.msi[3].line, VSMMU_IRQ_GERROR);
	vsmmu_destroy(v);
	fk_fini(&f);
}

/* MSIs off (IDR0.MSI = 0): CS=SIG_IRQ and the IRQ enables raise the wired
 * lines only; nothing is written. */
static void test_off(void)
{
	struct fake f;
	struct vsmmu_config c;
	struct vsmmu *v;

	vsmmu_config_default(&c);
	c.msi = false;
	v = setup(&f, &c);
	CHECK_EQ(rd32(v, SMMU_IDR0) & IDR0_MSI, 0);
	g_cmd(v, &f, sync0(CMD_SYNC_CS_IRQ, 0x1234), POLL);
	CHECK_EQ(r32(&f, POLL), 0);
	CHECK_EQ(f.irqs[VSMMU_IRQ_CMD_SYNC], 1);
	g_cmd(v, &f, cmd0(0x7f), 0);
	CHECK_EQ(f.irqs[VSMMU_IRQ_GERROR], 1);
	CHECK_EQ(f.nmsi, 0);
	CHECK_EQ(f.traces[VSMMU_TRACE_MSI], 0);
	vsmmu_destroy(v);
	fk_fini(&f);
}

/* Bounded work with MSIs: a queue full of CMD_SYNCs that all signal (and
 * all abort, so each raises a GERROR MSI chain once) stays within
 * VSMMU_MAX_CALL_WORK per call and VSMMU_CMD_BUDGET commands per trap. */
static void test_work_bound(void)
{
	struct fake f;
	struct vsmmu *v = setup(&f, NULL);
	struct vsmmu_stats st;
	unsigned i;

	for (i = 0; i < 255; i++)
		g_put(&f, i, sync0(CMD_SYNC_CS_IRQ, i), (i & 1) ? POLL : 0x300000);   /* odd: lands; even: aborts (beyond RAM) */
	wr32(v, SMMU_CMDQ_PROD, 255);
	vsmmu_get_stats(v, &st);
	CHECK(st.last_call_work <= VSMMU_MAX_CALL_WORK);
	CHECK_EQ(rd32(v, SMMU_CMDQ_CONS), VSMMU_CMD_BUDGET);
	CHECK_EQ(f.irqs[VSMMU_IRQ_CMD_SYNC], VSMMU_CMD_BUDGET);
	CHECK_EQ(rd32(v, SMMU_GERROR), GERROR_MSI_CMDQ_ABT_ERR);
	CHECK_EQ(f.irqs[VSMMU_IRQ_GERROR], 1);         /* one activation, one interrupt */
	while (vsmmu_run(v, VSMMU_CMD_BUDGET)) {
		vsmmu_get_stats(v, &st);
		CHECK(st.last_call_work <= VSMMU_MAX_CALL_WORK);
	}
	CHECK_EQ(rd32(v, SMMU_CMDQ_CONS), 255);
	CHECK_EQ(f.irqs[VSMMU_IRQ_CMD_SYNC], 255);
	CHECK_EQ(r32(&f, POLL), 253);
	vsmmu_get_stats(v, &st);
	CHECK(st.max_call_work <= VSMMU_MAX_CALL_WORK);
	vsmmu_destroy(v);
	fk_fini(&f);
}

#ifdef VS_TEST_DEFECTS
static void test_defects(void)
{
	struct fake f;
	struct vsmmu *v;

	fk_defect("SYNC_MSI_SKIPPED");
	v = setup(&f, NULL);
	g_cmd(v, &f, sync0(CMD_SYNC_CS_IRQ, 9), POLL);
	CHECK_EQ(f.nmsi, 0);
	CHECK_EQ(f.irqs[VSMMU_IRQ_CMD_SYNC], 1);
	vsmmu_destroy(v);
	fk_fini(&f);

	fk_defect("MSI_DATA_WRONG");
	v = setup(&f, NULL);
	g_cmd(v, &f, sync0(CMD_SYNC_CS_IRQ, 9), POLL);
	CHECK_EQ(f.nmsi, 1);
	CHECK(r32(&f, POLL) != 9);
	vsmmu_destroy(v);
	fk_fini(&f);

	fk_defect("MSI_BEFORE_CONS");
	v = setup(&f, NULL);
	g_cmd(v, &f, sync0(CMD_SYNC_CS_IRQ, 9), POLL);
	CHECK_EQ(f.nmsi, 1);
	CHECK_EQ(f.msi[0].cmdq_cons, 0);
	vsmmu_destroy(v);
	fk_fini(&f);

	fk_defect("IRQ_CFG_UNGUARDED");
	v = setup(&f, NULL);
	wr64(v, SMMU_GERROR_IRQ_CFG0, 0x1000);
	CHECK_EQ(vsmmu_mmio_read(v, SMMU_GERROR_IRQ_CFG0, 8), 0x1000);
	vsmmu_destroy(v);
	fk_fini(&f);

	fk_defect("MSI_ABT_NOT_RAISED");
	v = setup(&f, NULL);
	f.wr_fail_lo = POLL;
	f.wr_fail_hi = POLL + 4;
	g_cmd(v, &f, sync0(CMD_SYNC_CS_IRQ, 9), POLL);
	CHECK_EQ(rd32(v, SMMU_GERROR), 0);
	vsmmu_destroy(v);
	fk_fini(&f);
	fk_defect(NULL);
}
#endif

int main(void)
{
	test_cmd_sync();
	test_cmd_sync_abort();
	test_gerror_abort();
	test_evtq();
	test_off();
	test_work_bound();
#ifdef VS_TEST_DEFECTS
	test_defects();
#endif
	return fk_report("test_msi");
}
