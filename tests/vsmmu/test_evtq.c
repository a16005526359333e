/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_evtq.c - the event queue: writes at PROD with wrap,
 * overflow with OVFLG/OVACKFLG, discard while disabled, EVENTQ_ABT_ERR on a
 * failed write and its acknowledgement, interrupt gating.
 */
#include <string.h>

#include "tests/vsmmu/fake.h"

#define ALL_EN ((uint32_t)(CR0_SMMUEN | CR0_CMDQEN | CR0_EVENTQEN))

static void fault(struct vsmmu_host *h, uint32_t psid, uint64_t va)
{
	uint64_t rec[EVT_DWORDS] = {
		VS_FIELD_PREP(EVT0_ID, EVT_ID_F_TRANSLATION) | VS_FIELD_PREP(EVT0_SID, psid),
		VS_FIELD_PREP(EVT1_CLASS, EVT_CLASS_IN) | EVT1_RNW, va, 0x5000,
	};

	vsmmu_host_route_event(h, 1, rec);
}

static void test_queue(void)
{
	struct fake f;
	struct vsmmu_host_env he;
	struct vsmmu_host *h;
	struct vsmmu *v;
	uint64_t rec[EVT_DWORDS];
	struct vsmmu_stats st;
	unsigned i;

	fk_init(&f);
	he = fk_host_env(&f);
	h = vsmmu_host_create(&he);
	v = new_vsmmu(&f, h, NULL);
	CHECK_EQ(vsmmu_assign(v, 6, 1, 60), 0);
	g_ste(&f, 6, STE0_V, 0);                           /* abort, no event */
	g_setup(v, 0);
	wr64(v, SMMU_EVENTQ_BASE, G_EVTQ | 2);             /* 4 entries */
	/* disabled: discarded, no overflow, no irq */
	fault(h, 60, 0x1000);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 0);
	CHECK_EQ(f.traces[VSMMU_TRACE_EVENT_DROPPED], 1);
	wr32(v, SMMU_CR0, ALL_EN);
	for (i = 0; i < 4; i++)
		fault(h, 60, 0x1000 * (i + 1));
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 0x4);          /* index 0, wrap 1: full */
	CHECK_EQ(f.irqs[VSMMU_IRQ_EVTQ], 4);
	g_evt(&f, 3, rec);
	CHECK_EQ(VS_FIELD_GET(EVT0_SID, rec[0]), 6);
	CHECK_EQ(rec[2], 0x4000);
	/* full: overflow flag toggles once, records lost */
	fault(h, 60, 0x9000);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 0x80000004);
	fault(h, 60, 0xA000);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 0x80000004);
	CHECK_EQ(rd32(v, SMMU_GERROR), 0);                 /* pitfall: not EVENTQ_ABT_ERR */
	CHECK_EQ(f.irqs[VSMMU_IRQ_EVTQ], 4);
	vsmmu_get_stats(v, &st);
	CHECK_EQ(st.events_written, 4);
	CHECK_EQ(st.events_dropped, 3);
	/* guest consumes two; next records wrap correctly */
	wr32(v, SMMU_EVENTQ_CONS, 0x2);
	fault(h, 60, 0xB000);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 0x80000005);
	g_evt(&f, 0, rec);
	CHECK_EQ(rec[2], 0xB000);
	/* without acknowledging, a new overflow is not signalled */
	fault(h, 60, 0xC000);
	fault(h, 60, 0xD000);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 0x80000006);
	/* acknowledge (OVACKFLG = OVFLG) and drain; next overflow toggles back */
	wr32(v, SMMU_EVENTQ_CONS, 0x80000006);
	for (i = 0; i < 5; i++)
		fault(h, 60, 0xE000);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 0x00000002);
	/* irq gated by IRQ_CTRL.EVENTQ_IRQEN */
	wr32(v, SMMU_EVENTQ_CONS, 0x80000002);
	wr32(v, SMMU_IRQ_CTRL, (uint32_t)IRQ_CTRL_GERROR_IRQEN);
	i = f.irqs[VSMMU_IRQ_EVTQ];
	fault(h, 60, 0xF000);
	CHECK_EQ(f.irqs[VSMMU_IRQ_EVTQ], i);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 0x3);
	/* write abort: GERROR.EVENTQ_ABT_ERR, queue unwritable until acked */
	f.wr_fail_lo = G_EVTQ;
	f.wr_fail_hi = G_EVTQ + 4 * EVT_SIZE;
	i = f.irqs[VSMMU_IRQ_GERROR];
	fault(h, 60, 0x11000);
	CHECK_EQ(rd32(v, SMMU_GERROR), GERROR_EVENTQ_ABT_ERR);
	CHECK_EQ(f.irqs[VSMMU_IRQ_GERROR], i + 1);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 0x3);
	f.wr_fail_lo = f.wr_fail_hi = 0;
	fault(h, 60, 0x12000);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 0x3);
	CHECK_EQ(f.irqs[VSMMU_IRQ_GERROR], i + 1);
	wr32(v, SMMU_GERRORN, rd32(v, SMMU_GERROR));
	fault(h, 60, 0x13000);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 0x4);
	g_evt(&f, 3, rec);
	CHECK_EQ(rec[2], 0x13000);
	/* no GERROR irq when GERROR_IRQEN is off */
	wr32(v, SMMU_IRQ_CTRL, 0);
	f.wr_fail_lo = G_EVTQ;
	f.wr_fail_hi = G_EVTQ + 4 * EVT_SIZE;
	i = f.irqs[VSMMU_IRQ_GERROR];
	fault(h, 60, 0x14000);
	CHECK_EQ(f.irqs[VSMMU_IRQ_GERROR], i);
	CHECK_EQ((rd32(v, SMMU_GERROR) ^ rd32(v, SMMU_GERRORN)), GERROR_EVENTQ_ABT_ERR);
	CHECK(f.traces[VSMMU_TRACE_EVENT_WRITTEN] > 0);
	vsmmu_get_stats(v, &st);
	CHECK(st.max_call_work <= VSMMU_MAX_CALL_WORK);
	vsmmu_destroy(v);
	vsmmu_host_destroy(h);
	CHECK_EQ(f.bytes, 0);
	fk_fini(&f);
}

int main(void)
{
	test_queue();
	return fk_report("test_evtq");
}
