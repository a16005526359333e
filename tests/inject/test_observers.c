/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_observers.c - what observers are told (inject/platform.h): several
 * observers in the order they were added, removed by ctx; every platform
 * action before and after (guest created/destroyed, assignment asked for
 * and refused, unassignment asked for and done, an injected event's
 * psmmu/StreamID, DMA); each physical command's outcome once, through
 * on_phys_cmd_done; and peeks, which no observer sees.
 */
#include "tests/inject/tutil.h"

#define MAX_LOG 256

struct log {
	int id;                       /* which observer */
	int *order;                   /* shared: ids of every callback, in order */
	unsigned *norder;
	struct plat_action act[MAX_LOG];
	unsigned nact;
	unsigned access, cmd_done, cmd_done_failed, irq, mmio, calls;
};

static void note(struct log *l)
{
	if (*l->norder < MAX_LOG)
		l->order[(*l->norder)++] = l->id;
}

static void on_action(void *ctx, const struct plat_action *a)
{
	struct log *l = ctx;

	note(l);
	if (l->nact < MAX_LOG)
		l->act[l->nact++] = *a;
}

static void on_access(void *ctx, const struct plat_access *a)
{
	(void)a;
	note(ctx);
	((struct log *)ctx)->access++;
}

static void on_done(void *ctx, int g, unsigned psmmu, const uint64_t cmd[CMD_DWORDS], unsigned status)
{
	struct log *l = ctx;

	(void)g; (void)psmmu; (void)cmd;
	note(l);
	l->cmd_done++;
	if (status)
		l->cmd_done_failed++;
}

static void on_mmio(void *ctx, int g, uint64_t off, unsigned size, uint64_t v, bool w)
{
	(void)g; (void)off; (void)size; (void)v; (void)w;
	note(ctx);
	((struct log *)ctx)->mmio++;
}

static void on_call(void *ctx, int g, enum plat_call c, bool begin)
{
	(void)g; (void)c; (void)begin;
	note(ctx);
	((struct log *)ctx)->calls++;
}

static void attach(struct platform *p, struct log *l, int id, int *order, unsigned *norder)
{
	const struct plat_observer o = {
		.ctx = l, .on_action = on_action, .on_access = on_access, .on_phys_cmd_done = on_done,
		.on_mmio = on_mmio, .on_call = on_call,
	};

	memset(l, 0, sizeof *l);
	l->id = id;
	l->order = order;
	l->norder = norder;
	CHECK(plat_add_observer(p, &o) == 0);
}

static void check_act(const struct log *l, unsigned i, enum plat_action_kind k, int g, uint32_t vsid,
		      unsigned psmmu, uint32_t psid)
{
	CHECK(i < l->nact);
	CHECK_EQ(l->act[i].kind, k);
	CHECK_EQ(l->act[i].guest, g);
	CHECK_EQ(l->act[i].vsid, vsid);
	CHECK_EQ(l->act[i].psmmu, psmmu);
	CHECK_EQ(l->act[i].psid, psid);
}

int main(void)
{
	struct platform *p = plat_create();
	struct plat_range r = { T_RAM_IPA, T_RAM_SIZE };
	struct log a, b, c;
	int order[MAX_LOG];
	unsigned norder = 0, n;
	uint64_t rec[EVT_DWORDS] = { VS_FIELD_PREP(EVT0_ID, EVT_ID_F_TRANSLATION) |
				     VS_FIELD_PREP(EVT0_SID, 0x77), 0, 0, 0 };
	struct plat_dma_req req = { 0 };
	struct plat_dma_out out;
	uint8_t buf[8];
	int g;

	CHECK(p);
	attach(p, &a, 1, order, &norder);
	attach(p, &b, 2, order, &norder);
	attach(p, &c, 3, order, &norder);
	{
		struct plat_observer extra = { 0 };
		CHECK(plat_add_observer(p, &extra) == 0);          /* the fourth */
		CHECK(plat_add_observer(p, &extra) == -1);         /* PLAT_MAX_OBSERVERS */
		plat_remove_observer(p, NULL);                     /* drops the ctx-less one */
	}
	plat_remove_observer(p, &c);

	/* Guest creation: asked for (no index yet), then done. */
	g = plat_add_guest(p, T_VMID, &r, 1);
	CHECK(g >= 0);
	check_act(&a, 0, PLAT_ACTION_GUEST_CREATING, -1, 0, 0, 0);
	check_act(&a, a.nact - 1, PLAT_ACTION_GUEST_CREATED, g, 0, 0, 0);
	CHECK_EQ(c.nact, 0);                                     /* removed */
	/* Both observers, in the order added, for every callback. */
	CHECK_EQ(a.nact, b.nact);
	for (unsigned i = 0; i + 1 < norder; i += 2) {
		CHECK_EQ(order[i], 1);
		CHECK_EQ(order[i + 1], 2);
	}

	/* Assignment: asked for, done (no failure report). */
	n = a.nact;
	CHECK(plat_assign(p, g, T_VSID, 0, T_PSID) == 0);
	check_act(&a, n, PLAT_ACTION_ASSIGNING, g, T_VSID, 0, T_PSID);
	CHECK_EQ(a.nact, n + 1);
	CHECK(a.cmd_done > 0 && a.cmd_done_failed == 0);         /* its CFGI + SYNC, once each */
	/* ... and refused: the vSID is taken. */
	CHECK(plat_assign(p, g, T_VSID, 0, T_PSID + 1) == -1);
	check_act(&a, n + 1, PLAT_ACTION_ASSIGNING, g, T_VSID, 0, T_PSID + 1);
	check_act(&a, n + 2, PLAT_ACTION_ASSIGN_FAILED, g, T_VSID, 0, T_PSID + 1);

	/* An injected event names its psmmu and StreamID; DMA its device. */
	CHECK(plat_inject_event(p, 0, rec) == 0);
	check_act(&a, n + 3, PLAT_ACTION_EVENT_INJECTED, -1, 0, 0, 0x77);
	req.guest = g;
	req.vsid = T_VSID;
	req.iova = 0x1000;
	req.len = 4;
	(void)plat_dma(p, &req, &out);
	check_act(&a, n + 4, PLAT_ACTION_DMA, g, T_VSID, 0, 0);
	/* a request the platform refuses reaches no SMMU: no action */
	req.len = 0;
	CHECK(plat_dma(p, &req, &out) == -1);
	CHECK_EQ(a.nact, n + 5);
	req.len = 4;

	/* Peeks reach no observer; the same read through the guest CPU does. */
	n = a.access;
	CHECK(plat_peek_guest(p, g, T_RAM_IPA, buf, sizeof buf) == 0);
	(void)plat_peek_reg(p, g, SMMU_CR0, 4);
	CHECK_EQ(a.access, n);
	CHECK_EQ(a.mmio, 0);
	n = a.calls;
	(void)plat_peek_reg(p, g, SMMU_IDR0, 4);
	CHECK_EQ(a.calls, n);                                    /* not a trap */
	n = a.access;
	CHECK(plat_guest_read(p, g, T_RAM_IPA, buf, sizeof buf) == 0);
	CHECK_EQ(a.access, n + 1);
	(void)plat_mmio_read(p, g, SMMU_CR0, 4);
	CHECK_EQ(a.mmio, 1);

	/* A command the physical SMMU skips is reported once, with its CERROR. */
	CHECK(plat_inject_cmd_error(p, 0, CERROR_ILL, 1) == 0);
	CHECK_EQ(a.cmd_done_failed, 0);
	/* Unassignment: asked for, then done; a second one is refused (no "done"). */
	n = a.nact;
	CHECK(plat_unassign(p, g, T_VSID) == 0);
	CHECK_EQ(a.cmd_done_failed, 1);                          /* the marked command, once */
	check_act(&a, n, PLAT_ACTION_UNASSIGNING, g, T_VSID, 0, 0);
	check_act(&a, n + 1, PLAT_ACTION_UNASSIGNED, g, T_VSID, 0, 0);
	CHECK(plat_unassign(p, g, T_VSID) == -1);
	check_act(&a, n + 2, PLAT_ACTION_UNASSIGNING, g, T_VSID, 0, 0);
	CHECK_EQ(a.nact, n + 3);

	/* Destruction, after the guest's teardown work. */
	CHECK(plat_destroy_guest(p, g) == 0);
	check_act(&a, a.nact - 1, PLAT_ACTION_GUEST_DESTROYED, g, 0, 0, 0);
	plat_set_observer(p, NULL);
	plat_destroy(p);
	printf("test_observers: ok\n");
	return 0;
}
