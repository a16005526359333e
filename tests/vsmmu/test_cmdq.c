/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_cmdq.c - the command queue, bounded work and one guest over several
 * physical SMMUs (1:N): every opcode, reserved fields, command errors and
 * their acknowledgement, physical failures, budget and deferral, and the planted
 * bugs NO_BUDGET, KEEP_GUEST_VMID and HIDE_PHYS_FAIL.
 */
#include <string.h>

#include "tests/vsmmu/fake.h"

#define ALL_EN ((uint32_t)(CR0_SMMUEN | CR0_CMDQEN | CR0_EVENTQEN))
#define S1_DW0 (G_CD | STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_S1_TRANS))
#define SID(x) VS_FIELD_PREP(CMD0_SID, (x))
#define VMID(x) VS_FIELD_PREP(CMD0_VMID, (x))
#define VS_STREAMS_WORK (3u * VSMMU_MAX_STREAMS)

/* A host-less vSMMU with the fake's defaults, planting defect. */
static struct vsmmu *mk(struct fake *f, const char *defect)
{
	return fk_new_planted(f, defect);
}

static uint32_t cons_rd(struct vsmmu *v)
{
	return rd32(v, SMMU_CMDQ_CONS) & 0x1FF;
}

static unsigned cons_err(struct vsmmu *v)
{
	return (unsigned)VS_FIELD_GET(CMDQ_CONS_ERR, rd32(v, SMMU_CMDQ_CONS));
}

static bool cmdq_err(struct vsmmu *v)
{
	return ((rd32(v, SMMU_GERROR) ^ rd32(v, SMMU_GERRORN)) & GERROR_CMDQ_ERR) != 0;
}

static void ack(struct vsmmu *v)
{
	wr32(v, SMMU_GERRORN, rd32(v, SMMU_GERROR));
}

/* Expect cmd to fail with err at the current CONS; then replace it by a
 * CMD_SYNC (as Linux does for ILL) and acknowledge. */
static void expect_error(struct vsmmu *v, struct fake *f, uint64_t dw0, uint64_t dw1, unsigned err)
{
	uint32_t c = cons_rd(v);

	fk_clear_log(f);
	g_cmd(v, f, dw0, dw1);
	CHECK_EQ(cons_rd(v), c);
	CHECK(cmdq_err(v));
	CHECK_EQ(cons_err(v), err);
	CHECK_EQ(fk_count(f, 'C', -1) + fk_count(f, 'I', -1), 0);
	g_put(f, c & 0xFF, cmd0(CMD_OP_SYNC), 0);
	ack(v);
	CHECK(!cmdq_err(v));
	CHECK_EQ(cons_rd(v), (c + 1) & 0x1FF);
}

static void setup3(struct vsmmu *v, struct fake *f)
{
	g_ste(f, 2, S1_DW0, 0);
	g_ste(f, 3, S1_DW0, 0);
	g_ste(f, 4, S1_DW0, 0);
	CHECK_EQ(vsmmu_assign(v, 2, 0, 20), 0);
	CHECK_EQ(vsmmu_assign(v, 3, 2, 30), 0);
	CHECK_EQ(vsmmu_assign(v, 4, 2, 40), 0);
	g_setup(v, ALL_EN);
}

static void test_opcodes(void)
{
	static const unsigned ill[] = {
		0x00, CMD_OP_CFGI_VMS_PIDM, 0x08, CMD_OP_TLBI_EL3_ALL, CMD_OP_TLBI_EL3_VA,
		CMD_OP_TLBI_EL2_ALL, CMD_OP_TLBI_EL2_ASID, CMD_OP_TLBI_EL2_VA, CMD_OP_TLBI_EL2_VAA,
		CMD_OP_TLBI_S12_VMALL, CMD_OP_TLBI_S2_IPA, CMD_OP_ATC_INV, CMD_OP_PRI_RESP,
		CMD_OP_RESUME, CMD_OP_STALL_TERM, 0x50, 0x60, 0x70, 0x80, 0xFF,
	};
	struct fake f;
	struct vsmmu *v = mk(&f, NULL);
	unsigned i;

	setup3(v, &f);
	/* prefetches: accepted, nothing physical */
	fk_clear_log(&f);
	g_cmd(v, &f, cmd0(CMD_OP_PREFETCH_CONFIG) | SID(2), 0);
	g_cmd(v, &f, cmd0(CMD_OP_PREFETCH_ADDR) | SID(2), 0x5000 | 3);
	CHECK_EQ(cons_rd(v), 2);
	CHECK_EQ(f.nlog, 0);
	/* CFGI_STE on a SID the guest does not own: accepted no-op */
	g_cmd(v, &f, cmd0(CMD_OP_CFGI_STE) | SID(9), CMD1_LEAF);
	CHECK_EQ(f.nlog, 0);
	/* CFGI_STE_RANGE Range=0 covers SIDs 2..3 (2^(Range+1)) */
	g_cmd(v, &f, cmd0(CMD_OP_CFGI_STE_RANGE) | SID(3), 0);
	CHECK_EQ(fk_count(&f, 'I', -1), 2);
	CHECK(f.log[0].psid == 20 || f.log[0].psid == 30);
	/* CFGI_ALL iterates the guest's streams only, whatever SID */
	fk_clear_log(&f);
	g_cmd(v, &f, cmd0(CMD_OP_CFGI_STE_RANGE) | SID(0xFFFFFFFF), CMD_CFGI_RANGE_ALL);
	CHECK_EQ(fk_count(&f, 'I', -1), 3);
	CHECK_EQ(fk_count(&f, 'C', CMD_OP_CFGI_STE), 3);
	CHECK_EQ(fk_count(&f, 'S', -1), 3);
	/* CFGI_CD / CFGI_CD_ALL: vSID -> pSID on the right psmmu */
	fk_clear_log(&f);
	g_cmd(v, &f, cmd0(CMD_OP_CFGI_CD) | SID(3) | VS_FIELD_PREP(CMD0_SSID, 7), CMD1_LEAF);
	CHECK_EQ(f.nlog, 1);
	CHECK_EQ(f.log[0].psmmu, 2);
	CHECK_EQ(f.log[0].cmd[0], cmd0(CMD_OP_CFGI_CD) | SID(30) | VS_FIELD_PREP(CMD0_SSID, 7));
	CHECK_EQ(f.log[0].cmd[1], CMD1_LEAF);
	g_cmd(v, &f, cmd0(CMD_OP_CFGI_CD_ALL) | SID(2), 0);
	CHECK_EQ(f.log[1].cmd[0], cmd0(CMD_OP_CFGI_CD_ALL) | SID(20));
	CHECK_EQ(f.log[1].psmmu, 0);
	g_cmd(v, &f, cmd0(CMD_OP_CFGI_CD_ALL) | SID(77), 0);
	CHECK_EQ(f.nlog, 2);
	/* stage-1 TLBIs: guest VMID replaced, sent to psmmu 0 and 2 only */
	fk_clear_log(&f);
	g_cmd(v, &f, cmd0(CMD_OP_TLBI_NH_ASID) | VMID(0x55) | VS_FIELD_PREP(CMD0_ASID, 9), 0);
	CHECK_EQ(f.nlog, 2);
	for (i = 0; i < f.nlog; i++) {
		CHECK(f.log[i].psmmu == 0 || f.log[i].psmmu == 2);
		CHECK_EQ(f.log[i].cmd[0], cmd0(CMD_OP_TLBI_NH_ASID) | VMID(1) | VS_FIELD_PREP(CMD0_ASID, 9));
	}
	fk_clear_log(&f);
	g_cmd(v, &f, cmd0(CMD_OP_TLBI_NH_VA) | VMID(7) | VS_FIELD_PREP(CMD0_ASID, 9),
	      0x123456789000ull | CMD1_LEAF);
	CHECK_EQ(f.log[0].cmd[0], cmd0(CMD_OP_TLBI_NH_VA) | VMID(1) | VS_FIELD_PREP(CMD0_ASID, 9));
	CHECK_EQ(f.log[0].cmd[1], 0x123456789000ull | CMD1_LEAF);
	g_cmd(v, &f, cmd0(CMD_OP_TLBI_NH_VAA) | VMID(7), 0x5000);
	CHECK_EQ(f.log[2].cmd[0], cmd0(CMD_OP_TLBI_NH_VAA) | VMID(1));
	g_cmd(v, &f, cmd0(CMD_OP_TLBI_NH_ALL) | VMID(0xFFFF), 0);
	CHECK_EQ(f.log[4].cmd[0], cmd0(CMD_OP_TLBI_NH_ALL) | VMID(1));
	/* TLBI_NSNH_ALL becomes a guest-scoped TLBI_NH_ALL */
	fk_clear_log(&f);
	g_cmd(v, &f, cmd0(CMD_OP_TLBI_NSNH_ALL), 0);
	CHECK_EQ(f.nlog, 2);
	CHECK_EQ(f.log[0].cmd[0], cmd0(CMD_OP_TLBI_NH_ALL) | VMID(1));
	CHECK_EQ(f.log[0].cmd[1], 0);
	/* CMD_SYNC completes only after every psmmu synced */
	fk_clear_log(&f);
	g_cmd(v, &f, cmd0(CMD_OP_SYNC), 0);
	CHECK_EQ(fk_count(&f, 'S', -1), 2);
	CHECK_EQ(f.irqs[VSMMU_IRQ_CMD_SYNC], 0);
	g_cmd(v, &f, cmd0(CMD_OP_SYNC) | VS_FIELD_PREP(CMD0_SYNC_CS, CMD_SYNC_CS_IRQ), 0);
	CHECK_EQ(f.irqs[VSMMU_IRQ_CMD_SYNC], 1);
	g_cmd(v, &f, 0x0FC02046ull, 0);                     /* Linux SEV form */
	CHECK_EQ(f.irqs[VSMMU_IRQ_CMD_SYNC], 1);
	CHECK(!cmdq_err(v));

	/* everything else is CERROR_ILL, with nothing sent */
	for (i = 0; i < sizeof(ill) / sizeof(ill[0]); i++)
		expect_error(v, &f, cmd0(ill[i]) | SID(2), 0, CERROR_ILL);
	/* reserved fields and values */
	expect_error(v, &f, cmd0(CMD_OP_SYNC) | VS_FIELD_PREP(CMD0_SYNC_CS, 3), 0, CERROR_ILL);
	expect_error(v, &f, cmd0(CMD_OP_CFGI_STE) | SID(2) | CMD0_SSEC, 0, CERROR_ILL);
	expect_error(v, &f, cmd0(CMD_OP_CFGI_STE) | SID(2), 2, CERROR_ILL);
	expect_error(v, &f, cmd0(CMD_OP_TLBI_NH_VA), VS_FIELD_PREP(CMD1_TG, 1), CERROR_ILL);
	/* IDR3.RIL = 1: TG alone (NUM = SCALE = TTL = 0) is Reserved; NUM,
	 * SCALE or TTL without TG and TTL128 are RES0 (detected); a 16K TTL of
	 * 0b01 is treated as 0b00 without DS (so TG=16K TTL=1 alone is Reserved). */
	expect_error(v, &f, cmd0(CMD_OP_TLBI_NH_VA) | VS_FIELD_PREP(CMD0_NUM, 3), 0, CERROR_ILL);
	expect_error(v, &f, cmd0(CMD_OP_TLBI_NH_VAA) | VS_FIELD_PREP(CMD0_SCALE, 1), 0, CERROR_ILL);
	expect_error(v, &f, cmd0(CMD_OP_TLBI_NH_VA), VS_FIELD_PREP(CMD1_TTL, 3), CERROR_ILL);
	expect_error(v, &f, cmd0(CMD_OP_TLBI_NH_VA),
		     VS_FIELD_PREP(CMD1_TG, 1) | VS_FIELD_PREP(CMD1_TTL, 3) | CMD1_TTL128, CERROR_ILL);
	expect_error(v, &f, cmd0(CMD_OP_TLBI_NH_VA),
		     VS_FIELD_PREP(CMD1_TG, CMD_TG_16K) | VS_FIELD_PREP(CMD1_TTL, 1), CERROR_ILL);
	expect_error(v, &f, cmd0(CMD_OP_TLBI_NH_VA) | (UINT64_C(1) << 25),
		     VS_FIELD_PREP(CMD1_TG, 1) | VS_FIELD_PREP(CMD1_TTL, 3), CERROR_ILL);   /* SCALE[5]: no DS */
	expect_error(v, &f, cmd0(CMD_OP_TLBI_NSNH_ALL) | VMID(1), 0, CERROR_ILL);
	expect_error(v, &f, cmd0(CMD_OP_TLBI_NH_ALL), 1, CERROR_ILL);
	expect_error(v, &f, cmd0(CMD_OP_PREFETCH_CONFIG) | CMD0_SSEC, 0, CERROR_ILL);
	CHECK_EQ(f.irqs[VSMMU_IRQ_GERROR], 33);
	{
		struct vsmmu_stats st;

		vsmmu_get_stats(v, &st);
		CHECK(st.max_call_work <= VSMMU_MAX_CALL_WORK);
	}
	vsmmu_destroy(v);
	CHECK_EQ(f.bytes, 0);
	fk_fini(&f);
}

static void test_error_protocol(void)
{
	struct fake f;
	struct vsmmu *v = mk(&f, NULL);
	unsigned t;

	setup3(v, &f);
	wr32(v, SMMU_IRQ_CTRL, 0);                 /* no GERROR irq when disabled */
	g_put(&f, 0, cmd0(CMD_OP_PREFETCH_CONFIG), 0);
	g_put(&f, 1, cmd0(CMD_OP_TLBI_EL2_ALL), 0);
	g_put(&f, 2, cmd0(CMD_OP_TLBI_NH_ALL), 0);
	wr32(v, SMMU_CMDQ_PROD, 3);
	CHECK_EQ(rd32(v, SMMU_CMDQ_CONS), 0x01000001);   /* ERR=ILL, RD on the failing cmd */
	CHECK_EQ(rd32(v, SMMU_GERROR), GERROR_CMDQ_ERR);
	CHECK_EQ(f.irqs[VSMMU_IRQ_GERROR], 0);
	CHECK(!vsmmu_pending(v));
	/* stopped until acknowledged, even when PROD moves or run is called */
	g_put(&f, 3, cmd0(CMD_OP_TLBI_NH_ALL), 0);
	wr32(v, SMMU_CMDQ_PROD, 4);
	CHECK(!vsmmu_run(v, 64));
	CHECK_EQ(cons_rd(v), 1);
	/* CMDQEN toggle does not acknowledge */
	wr32(v, SMMU_CR0, (uint32_t)(CR0_SMMUEN | CR0_EVENTQEN));
	wr32(v, SMMU_CR0, ALL_EN);
	CHECK_EQ(cons_rd(v), 1);
	CHECK(cmdq_err(v));
	/* guest fixes the entry; GERRORN ack resumes from CONS without a PROD write */
	g_put(&f, 1, cmd0(CMD_OP_SYNC), 0);
	fk_clear_log(&f);
	ack(v);
	CHECK_EQ(rd32(v, SMMU_GERRORN), GERROR_CMDQ_ERR);
	CHECK_EQ(cons_rd(v), 4);
	CHECK_EQ(fk_count(&f, 'C', CMD_OP_TLBI_NH_ALL), 2 * 2);
	/* fetch abort -> CERROR_ABT; the retry re-fetches */
	wr32(v, SMMU_IRQ_CTRL, (uint32_t)IRQ_CTRL_GERROR_IRQEN);
	t = f.irqs[VSMMU_IRQ_GERROR];
	f.rd_fail_lo = G_CMDQ + 4 * 16;
	f.rd_fail_hi = f.rd_fail_lo + 16;
	g_put(&f, 4, cmd0(CMD_OP_PREFETCH_CONFIG), 0);
	wr32(v, SMMU_CMDQ_PROD, 5);
	CHECK_EQ(cons_rd(v), 4);
	CHECK_EQ(cons_err(v), CERROR_ABT);
	CHECK_EQ(f.irqs[VSMMU_IRQ_GERROR], t + 1);
	CHECK_EQ(rd32(v, SMMU_GERROR) ^ rd32(v, SMMU_GERRORN), GERROR_CMDQ_ERR);
	f.rd_fail_lo = f.rd_fail_hi = 0;
	ack(v);
	CHECK_EQ(cons_rd(v), 5);
	/* CMDQ disabled: nothing is consumed; enabling processes the backlog */
	wr32(v, SMMU_CR0, (uint32_t)(CR0_SMMUEN | CR0_EVENTQEN));
	g_put(&f, 5, cmd0(CMD_OP_PREFETCH_CONFIG), 0);
	wr32(v, SMMU_CMDQ_PROD, 6);
	CHECK_EQ(cons_rd(v), 5);
	CHECK(!vsmmu_pending(v));
	wr32(v, SMMU_CR0, ALL_EN);
	CHECK_EQ(cons_rd(v), 6);
	CHECK(f.traces[VSMMU_TRACE_CMD] > 0);
	CHECK(f.traces[VSMMU_TRACE_GERROR] >= 2);
	vsmmu_destroy(v);
	fk_fini(&f);
}

static void test_phys_failures(void)
{
	struct fake f;
	struct vsmmu *v = mk(&f, NULL);
	struct vsmmu_stats st;
	uint32_t cons;

	setup3(v, &f);
	/* psmmu 2 CMD_SYNC times out: guest CMD_SYNC fails with CERROR_ABT */
	g_cmd(v, &f, cmd0(CMD_OP_TLBI_NH_ASID) | VS_FIELD_PREP(CMD0_ASID, 3), 0);
	f.sync_status[2] = VSMMU_PHYS_TIMEOUT;
	g_cmd(v, &f, cmd0(CMD_OP_SYNC), 0);
	CHECK(cmdq_err(v));
	CHECK_EQ(cons_err(v), CERROR_ABT);
	CHECK_EQ(f.last_trace[VSMMU_TRACE_PHYS_FAIL].psmmu, 2);
	CHECK_EQ(f.last_trace[VSMMU_TRACE_PHYS_FAIL].arg, VSMMU_PHYS_TIMEOUT);
	/* Linux just acks ABT: the retry flushes the VMID on psmmu 2 and syncs */
	f.sync_status[2] = VSMMU_PHYS_OK;
	fk_clear_log(&f);
	ack(v);
	CHECK(!cmdq_err(v));
	CHECK_EQ(f.nlog, 2);
	CHECK_EQ(f.log[0].psmmu, 2);
	CHECK_EQ(f.log[0].cmd[0], cmd0(CMD_OP_TLBI_NH_ALL) | VMID(1));
	CHECK_EQ(f.log[1].kind, 'S');
	/* a TLBI that cannot even be queued is not an error of the TLBI: it is
	 * consumed, and the guest's CMD_SYNC re-does it as a VMID flush */
	cons = cons_rd(v);
	f.cmd_status[0] = VSMMU_PHYS_FAIL;
	g_cmd(v, &f, cmd0(CMD_OP_TLBI_NH_ALL), 0);
	CHECK(!cmdq_err(v));
	CHECK_EQ(cons_rd(v), cons + 1);
	f.cmd_status[0] = VSMMU_PHYS_OK;
	fk_clear_log(&f);
	g_cmd(v, &f, cmd0(CMD_OP_SYNC), 0);
	CHECK(!cmdq_err(v));
	CHECK_EQ(fk_count(&f, 'C', CMD_OP_TLBI_NH_ALL), 1);
	CHECK_EQ(f.log[0].psmmu, 0);
	CHECK_EQ(f.log[0].cmd[0], cmd0(CMD_OP_TLBI_NH_ALL) | VMID(1));
	/* CFGI_STE whose invalidation keeps failing: consumed, the stream
	 * fails closed; the SYNC re-does it once, fails again and reports
	 * CERROR_ABT with CONS on the SYNC; acknowledged once the SMMU works
	 * again, the re-executed SYNC reloads the stream */
	f.cmd_status[0] = VSMMU_PHYS_CERROR_ILL;
	g_cmd(v, &f, cmd0(CMD_OP_CFGI_STE) | SID(2), CMD1_LEAF);
	CHECK(!cmdq_err(v));
	CHECK_EQ(fk_pste(&f, 0, 20)[0], 0x1);
	cons = cons_rd(v);
	g_cmd(v, &f, cmd0(CMD_OP_SYNC), 0);
	CHECK(cmdq_err(v));
	CHECK_EQ(cons_err(v), CERROR_ABT);
	CHECK_EQ(cons_rd(v), cons);
	CHECK_EQ(fk_pste(&f, 0, 20)[0], 0x1);
	f.cmd_status[0] = VSMMU_PHYS_OK;
	ack(v);
	CHECK(!cmdq_err(v));
	CHECK_EQ(cons_rd(v), cons + 1);
	CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, fk_pste(&f, 0, 20)[0]), STE_CONFIG_NESTED);
	/* install itself fails: the same, through CFGI_ALL */
	f.install_status[2] = VSMMU_PHYS_FAIL;
	g_cmd(v, &f, cmd0(CMD_OP_CFGI_STE_RANGE) | SID(0), CMD_CFGI_RANGE_ALL);
	CHECK(!cmdq_err(v));
	g_cmd(v, &f, cmd0(CMD_OP_SYNC), 0);
	CHECK_EQ(cons_err(v), CERROR_ABT);
	CHECK(cmdq_err(v));
	f.install_status[2] = VSMMU_PHYS_OK;
	ack(v);
	CHECK(!cmdq_err(v));
	vsmmu_get_stats(v, &st);
	CHECK(st.phys_failures >= 5);
	vsmmu_destroy(v);
	fk_fini(&f);

#ifdef VS_TEST_DEFECTS
	/* planted defect: physical failures reported as success */
	v = mk(&f, "HIDE_PHYS_FAIL");
	setup3(v, &f);
	f.sync_status[0] = VSMMU_PHYS_TIMEOUT;
	g_cmd(v, &f, cmd0(CMD_OP_TLBI_NH_ALL), 0);
	g_cmd(v, &f, cmd0(CMD_OP_SYNC), 0);
	CHECK(!cmdq_err(v));
	vsmmu_destroy(v);
	fk_fini(&f);

	/* planted defect: guest VMID forwarded */
	v = mk(&f, "KEEP_GUEST_VMID");
	setup3(v, &f);
	fk_clear_log(&f);
	g_cmd(v, &f, cmd0(CMD_OP_TLBI_NH_ASID) | VMID(0x55), 0);
	CHECK_EQ(VS_FIELD_GET(CMD0_VMID, f.log[0].cmd[0]), 0x55);
	vsmmu_destroy(v);
	fk_fini(&f);
#endif
}

static void test_budget(void)
{
	struct fake f;
	struct vsmmu *v = mk(&f, NULL);
	struct vsmmu_stats st;
	unsigned i, calls = 0;

	setup3(v, &f);
	for (i = 0; i < 200; i++)
		g_put(&f, i, cmd0(CMD_OP_TLBI_NH_ASID), 0);
	wr32(v, SMMU_CMDQ_PROD, 200);
	CHECK_EQ(cons_rd(v), VSMMU_CMD_BUDGET);
	CHECK(vsmmu_pending(v));
	CHECK(vsmmu_run(v, 10));
	CHECK_EQ(cons_rd(v), VSMMU_CMD_BUDGET + 10);
	CHECK(vsmmu_run(v, 100000));                   /* clamped to the budget */
	CHECK_EQ(cons_rd(v), 2 * VSMMU_CMD_BUDGET + 10);
	CHECK(vsmmu_run(v, 0));
	while (vsmmu_run(v, VSMMU_CMD_BUDGET))
		;
	CHECK_EQ(cons_rd(v), 200);
	CHECK(!vsmmu_pending(v));
	vsmmu_get_stats(v, &st);
	CHECK_EQ(st.cmds_consumed, 200);
	CHECK(st.max_call_work <= VSMMU_MAX_CALL_WORK);
	vsmmu_destroy(v);
	fk_fini(&f);

	/* 64 streams and a queue of CFGI_ALLs: bounded per call, deferred */
	v = mk(&f, NULL);
	for (i = 0; i < VSMMU_MAX_STREAMS; i++) {
		g_ste(&f, i, S1_DW0, 0);
		CHECK_EQ(vsmmu_assign(v, i, i % VSMMU_MAX_PSMMU, 1000 + i), 0);
	}
	CHECK_EQ(vsmmu_assign(v, 100, 0, 5000), -1);      /* cap */
	g_setup(v, ALL_EN);
	for (i = 0; i < 100; i++)
		g_put(&f, i, cmd0(CMD_OP_CFGI_STE_RANGE), CMD_CFGI_RANGE_ALL);
	wr32(v, SMMU_CMDQ_PROD, 100);
	vsmmu_get_stats(v, &st);
	CHECK(st.last_call_work <= VSMMU_MAX_CALL_WORK);
	CHECK(cons_rd(v) < 100);
	CHECK(cons_rd(v) >= 1);
	while (vsmmu_run(v, VSMMU_CMD_BUDGET))
		calls++;
	CHECK(calls > 10);
	CHECK_EQ(cons_rd(v), 100);
	vsmmu_get_stats(v, &st);
	CHECK(st.max_call_work <= VSMMU_MAX_CALL_WORK);
	CHECK(st.max_call_work > 2 * VSMMU_CMD_BUDGET);
	vsmmu_destroy(v);
	fk_fini(&f);
}

/* Worst case of one call: SMMUEN and CMDQEN set by one CR0 write, every
 * stream behind a 2-level table with an ILLEGAL STE (L1STD + STE read + an
 * event each), and a queue of CFGI_ALLs waiting. */
static void test_worst_call(void)
{
	struct fake f;
	struct vsmmu *v = mk(&f, NULL);
	struct vsmmu_stats st;
	unsigned i;

	fk_w64(&f, G_L1, VS_FIELD_PREP(L1STD_SPAN, 7) | G_L2);
	for (i = 0; i < VSMMU_MAX_STREAMS; i++) {
		fk_w64(&f, G_L2 + i * 64ull, STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_NESTED));
		CHECK_EQ(vsmmu_assign(v, i, 0, i), 0);
	}
	g_setup(v, 0);
	wr64(v, SMMU_STRTAB_BASE, G_L1);
	wr32(v, SMMU_STRTAB_BASE_CFG, (uint32_t)(VS_FIELD_PREP(STRTAB_BASE_CFG_FMT, 1) |
					       VS_FIELD_PREP(STRTAB_BASE_CFG_SPLIT, 6) | 6));
	wr64(v, SMMU_EVENTQ_BASE, G_EVTQ | 8);
	for (i = 0; i < 10; i++)
		g_put(&f, i, cmd0(CMD_OP_CFGI_STE_RANGE), CMD_CFGI_RANGE_ALL);
	wr32(v, SMMU_CMDQ_PROD, 10);
	wr32(v, SMMU_CR0, ALL_EN);
	vsmmu_get_stats(v, &st);
	CHECK(st.last_call_work > 2 * VS_STREAMS_WORK);
	CHECK(st.last_call_work <= VSMMU_MAX_CALL_WORK);
	CHECK_EQ(cons_rd(v), 1);                       /* the second CFGI_ALL waits */
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 2 * VSMMU_MAX_STREAMS);
	while (vsmmu_run(v, VSMMU_CMD_BUDGET))
		;
	CHECK_EQ(cons_rd(v), 10);
	vsmmu_get_stats(v, &st);
	CHECK(st.max_call_work <= VSMMU_MAX_CALL_WORK);
	vsmmu_destroy(v);
	fk_fini(&f);
}

static void flood(const char *defect)
{
	struct fake f;
	struct vsmmu *v = mk(&f, defect);
	struct vsmmu_stats st;
	const unsigned qs = 17, n = 1u << qs;   /* 2 MiB of commands: all guest RAM */
	unsigned i, calls = 0;

	for (i = 0; i < n; i++)
		fk_w64(&f, (uint64_t)i * 16, cmd0(CMD_OP_PREFETCH_CONFIG));
	wr64(v, SMMU_CMDQ_BASE, qs);
	wr32(v, SMMU_CR0, (uint32_t)CR0_CMDQEN);
	/* full queue: PROD index == CONS index, wrap differs */
	wr32(v, SMMU_CMDQ_PROD, n);
	vsmmu_get_stats(v, &st);
	if (defect) {         /* NO_BUDGET */
		CHECK_EQ(st.cmds_consumed, n);
		CHECK(st.last_call_work > VSMMU_MAX_CALL_WORK);
	} else {
		CHECK_EQ(st.cmds_consumed, VSMMU_CMD_BUDGET);
		CHECK(st.last_call_work <= VSMMU_MAX_CALL_WORK);
		while (vsmmu_run(v, VSMMU_CMD_BUDGET))
			calls++;
		vsmmu_get_stats(v, &st);
		CHECK_EQ(st.cmds_consumed, n);
		CHECK_EQ(calls + 2, n / VSMMU_CMD_BUDGET);
		CHECK(st.max_call_work <= VSMMU_MAX_CALL_WORK);
	}
	CHECK_EQ(rd32(v, SMMU_CMDQ_CONS), n);
	vsmmu_destroy(v);
	fk_fini(&f);
}

#define TG(x)  VS_FIELD_PREP(CMD1_TG, (x))
#define NUM(x) VS_FIELD_PREP(CMD0_NUM, (x))
#define ASID(x) VS_FIELD_PREP(CMD0_ASID, (x))

/* The single-address TLBI_NH_VA the split sends for addr, on psmmu p. */
static unsigned count_va(const struct fake *f, unsigned p, uint64_t dw0, uint64_t dw1)
{
	unsigned i, n = 0;

	for (i = 0; i < f->nlog; i++)
		n += f->log[i].kind == 'C' && f->log[i].psmmu == p && f->log[i].cmd[0] == dw0 &&
		     f->log[i].cmd[1] == dw1;
	return n;
}

/* Range invalidation (IDR3.RIL): forwarded as it is where the physical SMMU
 * has RIL, split into single-address TLBIs (bounded) or widened to
 * TLBI_NH_ALL of the guest's VMID where it has not; with RIL off, the range
 * fields are RES0 (CERROR_ILL). */
static void test_ril(void)
{
	struct fake f;
	struct vsmmu *v = mk(&f, NULL);
	struct vsmmu_config c;
	uint64_t va = cmd0(CMD_OP_TLBI_NH_VA) | VMID(1) | ASID(9);
	unsigned i;

	CHECK_EQ(rd32(v, SMMU_IDR3) & IDR3_RIL, IDR3_RIL);
	setup3(v, &f);
	/* phys_ril = 0: 4 x 4K from 0x10000, Leaf kept, VMID replaced, TG/NUM gone */
	fk_clear_log(&f);
	g_cmd(v, &f, cmd0(CMD_OP_TLBI_NH_VA) | VMID(7) | ASID(9) | NUM(3), 0x10000 | TG(CMD_TG_4K));
	CHECK_EQ(fk_count(&f, 'C', CMD_OP_TLBI_NH_VA), 8);
	for (i = 0; i < 4; i++) {
		CHECK_EQ(count_va(&f, 0, va, 0x10000 + i * 0x1000u), 1);
		CHECK_EQ(count_va(&f, 2, va, 0x10000 + i * 0x1000u), 1);
	}
	/* 64K granule, Addr not 64K aligned (TTL=3): both granules it touches */
	fk_clear_log(&f);
	g_cmd(v, &f, cmd0(CMD_OP_TLBI_NH_VA) | ASID(9),
	      0x11000 | TG(CMD_TG_64K) | VS_FIELD_PREP(CMD1_TTL, 3) | CMD1_LEAF);
	CHECK_EQ(fk_count(&f, 'C', -1), 4);
	CHECK_EQ(count_va(&f, 0, va, 0x10000 | CMD1_LEAF), 1);
	CHECK_EQ(count_va(&f, 0, va, 0x20000 | CMD1_LEAF), 1);
	/* VAA: no ASID in the split */
	fk_clear_log(&f);
	g_cmd(v, &f, cmd0(CMD_OP_TLBI_NH_VAA) | NUM(1), 0x40000 | TG(CMD_TG_16K));
	CHECK_EQ(count_va(&f, 2, cmd0(CMD_OP_TLBI_NH_VAA) | VMID(1), 0x40000), 1);
	CHECK_EQ(count_va(&f, 2, cmd0(CMD_OP_TLBI_NH_VAA) | VMID(1), 0x44000), 1);
	CHECK_EQ(fk_count(&f, 'C', -1), 4);
	/* more than VSMMU_RIL_SPLIT_MAX granules: one TLBI_NH_ALL(VMID) each */
	fk_clear_log(&f);
	g_cmd(v, &f, cmd0(CMD_OP_TLBI_NH_VA) | ASID(9) | NUM(VSMMU_RIL_SPLIT_MAX), TG(CMD_TG_4K));
	CHECK_EQ(fk_count(&f, 'C', -1), 2);
	CHECK_EQ(fk_count(&f, 'C', CMD_OP_TLBI_NH_ALL), 2);
	CHECK_EQ(f.log[0].cmd[0], cmd0(CMD_OP_TLBI_NH_ALL) | VMID(1));
	fk_clear_log(&f);
	g_cmd(v, &f, cmd0(CMD_OP_TLBI_NH_VA) | NUM(31) | VS_FIELD_PREP(CMD0_SCALE, 31), TG(CMD_TG_64K));
	CHECK_EQ(fk_count(&f, 'C', CMD_OP_TLBI_NH_ALL), 2);
	CHECK_EQ(fk_count(&f, 'C', -1), 2);
	/* the range does not wrap past the top of the address space */
	fk_clear_log(&f);
	g_cmd(v, &f, cmd0(CMD_OP_TLBI_NH_VA) | ASID(9) | NUM(3), 0xFFFFFFFFFFFFF000ull | TG(CMD_TG_4K));
	CHECK_EQ(fk_count(&f, 'C', -1), 2);
	CHECK_EQ(count_va(&f, 0, va, 0xFFFFFFFFFFFFF000ull), 1);
	CHECK_EQ(cons_rd(v), 6);
	vsmmu_destroy(v);
	fk_fini(&f);

	/* psmmu 0 has RIL: the range goes there as it is (VMID replaced) */
	vsmmu_config_default(&c);
	c.s2.ste_dw3 = 0x7000000;
	c.phys_ril = 1u << 0;
	fk_init(&f);
	v = new_vsmmu(&f, NULL, &c);
	setup3(v, &f);
	fk_clear_log(&f);
	g_cmd(v, &f, cmd0(CMD_OP_TLBI_NH_VA) | VMID(7) | ASID(9) | NUM(3) | VS_FIELD_PREP(CMD0_SCALE, 2),
	      0x10000 | TG(CMD_TG_4K) | VS_FIELD_PREP(CMD1_TTL, 3));
	CHECK_EQ(count_va(&f, 0, va | NUM(3) | VS_FIELD_PREP(CMD0_SCALE, 2),
			  0x10000 | TG(CMD_TG_4K) | VS_FIELD_PREP(CMD1_TTL, 3)), 1);
	CHECK_EQ(fk_count(&f, 'C', -1), 2);      /* 16 granules: NH_ALL on psmmu 2 */
	CHECK_EQ(count_va(&f, 2, cmd0(CMD_OP_TLBI_NH_ALL) | VMID(1), 0), 1);
	vsmmu_destroy(v);
	fk_fini(&f);

	/* RIL off: IDR3.RIL = 0 and every range field is RES0 (CERROR_ILL) */
	vsmmu_config_default(&c);
	c.s2.ste_dw3 = 0x7000000;
	c.ril = 0;
	fk_init(&f);
	v = new_vsmmu(&f, NULL, &c);
	CHECK_EQ(rd32(v, SMMU_IDR3), IDR3_HAD);   /* RIL = 0; HAD stays */
	setup3(v, &f);
	expect_error(v, &f, cmd0(CMD_OP_TLBI_NH_VA) | NUM(1), TG(CMD_TG_4K), CERROR_ILL);
	expect_error(v, &f, cmd0(CMD_OP_TLBI_NH_VAA), TG(CMD_TG_4K) | VS_FIELD_PREP(CMD1_TTL, 3), CERROR_ILL);
	expect_error(v, &f, cmd0(CMD_OP_TLBI_NH_VAA), VS_FIELD_PREP(CMD1_TTL, 3), CERROR_ILL);
	fk_clear_log(&f);
	g_cmd(v, &f, cmd0(CMD_OP_TLBI_NH_VA) | ASID(9), 0x10000);
	CHECK_EQ(count_va(&f, 0, va, 0x10000), 1);
	vsmmu_destroy(v);
	fk_fini(&f);
	/* ril is 0 or 1 */
	vsmmu_config_default(&c);
	c.ril = 2;
	fk_init(&f);
	CHECK(new_vsmmu(&f, NULL, &c) == NULL);
	fk_fini(&f);
}

int main(void)
{
	test_opcodes();
	test_ril();
	test_error_protocol();
	test_phys_failures();
	test_budget();
	test_worst_call();
	flood(NULL);
#ifdef VS_TEST_DEFECTS
	flood("NO_BUDGET");
#endif
	return fk_report("test_cmdq");
}
