/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_linux.c - the Linux driver's bring-up sequence (arm_smmu_device_reset)
 * and a stage-1 device attach (its typical STE/CD, and its breaking STE
 * update: V=0, sync, then the new STE), checking
 * every CR0ACK / IRQ_CTRLACK / CMDQ_CONS value the driver polls and what
 * reaches the physical SMMU. It runs twice: with MSIs off (the driver's
 * CMD_SYNC uses CS=SIG_SEV and polls CONS) and with IDR0.MSI = 1, where the
 * driver, as Linux does with a coherent MSI-capable SMMU, configures the
 * GERROR and EVENTQ MSIs and issues every CMD_SYNC with CS=SIG_IRQ,
 * MSIData 0 and MSIAddress = the CMD_SYNC's own queue slot, then polls
 * that word until the MSI clears it: every such MSI write is checked
 * (address, data, CONS already past the CMD_SYNC when it was written).
 * Each mode also runs with the physical SMMU with and without
 * range invalidation; the guest sees IDR3.RIL = 1 both times and unmaps as
 * Linux does with RIL (range TLBIs with TG, NUM, SCALE and the TTL hint),
 * and every command forwarded for each range is checked.
 */
#include <string.h>

#include "tests/vsmmu/fake.h"

#define SID 0x10u
#define PSMMU 1u
#define PSID 0x810u
#define L1_BASE 0x100000ull       /* 256 L1STDs (2 KiB) */
#define L2_BASE 0x104000ull       /* 256 STEs (16 KiB), 16 KiB aligned */
#define CD_BASE 0x10C000ull
#define CMDQ_B  0x110000ull       /* 2^8 commands */
#define EVTQ_B  0x118000ull       /* 2^7 events */

#define GERR_DOORBELL 0x1F0040ull   /* the interrupt controller's MSI doorbells */
#define EVTQ_DOORBELL 0x1F0080ull

static struct fake f;
static struct vsmmu *v;
static uint32_t prod;             /* driver's shadow of CMDQ_PROD */
static bool msi_mode;             /* IDR0.MSI = 1: CMD_SYNCs complete by MSI */
static uint64_t sync_slot[8];     /* CMD_SYNCs issued since the last publish */
static unsigned nsync;
static unsigned msis_checked;
static unsigned msi_syncs;        /* CMD_SYNCs issued with CS=SIG_IRQ */

static void poll_cr0ack(uint32_t want)
{
	CHECK_EQ(rd32(v, SMMU_CR0ACK), want);
}

static void issue(uint64_t dw0, uint64_t dw1)
{
	uint64_t a = CMDQ_B + (uint64_t)(prod & 0xFF) * CMD_SIZE;

	fk_w64(&f, a, dw0);
	fk_w64(&f, a + 8, dw1);
	prod = (prod + 1) & 0x1FF;
}

static uint32_t word(uint64_t ipa)
{
	return (uint32_t)fk_r64(&f, ipa);
}

/* Publish and wait (CONS == PROD, no error) like arm_smmu_cmdq_issue_cmdlist;
 * with MSIs the driver waits on the CMD_SYNC's own slot instead: the first
 * word becomes 0 when the MSI lands. */
static void publish_and_wait(void)
{
	unsigned first = f.nmsi, i;

	for (i = 0; i < nsync; i++)
		CHECK(word(sync_slot[i]) != 0);       /* the CMD_SYNC opcode is there */
	wr32(v, SMMU_CMDQ_PROD, prod);
	if (msi_mode) {
		CHECK_EQ(f.nmsi - first, nsync);
		for (i = 0; i < nsync && first + i < f.nmsi; i++) {
			const struct fk_msi *m = &f.msi[first + i];
			uint64_t slot_idx = (sync_slot[i] - CMDQ_B) / CMD_SIZE;

			CHECK_EQ(word(sync_slot[i]), 0);     /* what the driver polls */
			CHECK_EQ(m->line, VSMMU_IRQ_CMD_SYNC);
			CHECK_EQ(m->addr, sync_slot[i]);
			CHECK_EQ(m->data, 0);
			CHECK(!m->aborted);
			/* CONS had passed this CMD_SYNC when its MSI was written */
			CHECK(((m->cmdq_cons - (uint32_t)slot_idx) & 0xFF) != 0);
			msis_checked++;
		}
	} else {
		CHECK_EQ(f.nmsi, 0);
	}
	nsync = 0;
	CHECK_EQ(rd32(v, SMMU_CMDQ_CONS), prod);
	CHECK_EQ(rd32(v, SMMU_GERROR) ^ rd32(v, SMMU_GERRORN), 0);
}

static void cmd_sync(void)
{
	uint64_t slot = CMDQ_B + (uint64_t)(prod & 0xFF) * CMD_SIZE;

	if (!msi_mode) {
		issue(0x0FC02046ull, 0);  /* CS=SEV, MSH=ISH, MSIAttr=WB */
		return;
	}
	/* CS=IRQ, MSH=ISH, MSIAttr=WB, MSIData=0, MSIAddress=its own slot */
	if (nsync < sizeof(sync_slot) / sizeof(sync_slot[0]))
		sync_slot[nsync++] = slot;
	msi_syncs++;
	issue(0x0FC01046ull, slot);
}

static void ste_sync(void)
{
	issue(VS_FIELD_PREP(CMD0_OP, CMD_OP_CFGI_STE) | VS_FIELD_PREP(CMD0_SID, SID), CMD1_LEAF);
	cmd_sync();
	publish_and_wait();
}

static void bringup(void)
{
	uint64_t rec[EVT_DWORDS];
	unsigned i;

	/* 1: CR0 read; SMMUEN=0 so GBPA is left alone */
	CHECK_EQ(rd32(v, SMMU_CR0), 0);
	/* 2 */
	wr32(v, SMMU_CR0, 0);
	poll_cr0ack(0);
	/* 3, 4 */
	wr32(v, SMMU_CR1, 0xD75);
	CHECK_EQ(rd32(v, SMMU_CR1), 0xD75);
	wr32(v, SMMU_CR2, 0x6);
	CHECK_EQ(rd32(v, SMMU_CR2), 0x2);            /* PTM is RES0 without BTM */
	/* 5, 6: 2-level table, SIDSIZE 16 -> 256 L1 descriptors, SPLIT 8 */
	wr64(v, SMMU_STRTAB_BASE, L1_BASE | STRTAB_BASE_RA);
	wr32(v, SMMU_STRTAB_BASE_CFG, 0x10210);
	CHECK_EQ(vsmmu_mmio_read(v, SMMU_STRTAB_BASE, 8), L1_BASE | STRTAB_BASE_RA);
	CHECK_EQ(rd32(v, SMMU_STRTAB_BASE_CFG), 0x10210);
	/* 7 */
	wr64(v, SMMU_CMDQ_BASE, Q_BASE_RWA | CMDQ_B | 8);
	wr32(v, SMMU_CMDQ_PROD, 0);
	wr32(v, SMMU_CMDQ_CONS, 0);
	CHECK_EQ(rd32(v, SMMU_CMDQ_CONS), 0);
	/* 8 */
	wr32(v, SMMU_CR0, 0x8);
	poll_cr0ack(0x8);
	/* 9: CFGI_ALL + SYNC, (no Hyp: no TLBI_EL2_ALL), TLBI_NSNH_ALL + SYNC */
	fk_clear_log(&f);
	issue(VS_FIELD_PREP(CMD0_OP, CMD_OP_CFGI_STE_RANGE), CMD_CFGI_RANGE_ALL);
	cmd_sync();
	publish_and_wait();
	CHECK_EQ(rd32(v, SMMU_CMDQ_CONS), 2);
	CHECK_EQ(fk_count(&f, 'I', -1), 0);          /* SMMUEN=0: nothing to reload */
	issue(VS_FIELD_PREP(CMD0_OP, CMD_OP_TLBI_NSNH_ALL), 0);
	cmd_sync();
	publish_and_wait();
	CHECK_EQ(rd32(v, SMMU_CMDQ_CONS), 4);
	CHECK_EQ(f.nlog, 2);                          /* guest-scoped TLBI + sync on psmmu 1 */
	CHECK_EQ(f.log[0].psmmu, PSMMU);
	CHECK_EQ(f.log[0].cmd[0], VS_FIELD_PREP(CMD0_OP, CMD_OP_TLBI_NH_ALL) | VS_FIELD_PREP(CMD0_VMID, 1));
	CHECK_EQ(f.log[1].kind, 'S');
	/* 10, 11 */
	wr64(v, SMMU_EVENTQ_BASE, Q_BASE_RWA | EVTQ_B | 7);
	wr32(v, SMMU_EVENTQ_PROD, 0);
	wr32(v, SMMU_EVENTQ_CONS, 0);
	wr32(v, SMMU_CR0, 0xC);
	poll_cr0ack(0xC);
	/* 12, 13: no PRI, no ATS */
	CHECK_EQ(rd32(v, SMMU_IDR0) & (IDR0_PRI | IDR0_ATS), 0);
	/* 14 */
	wr32(v, SMMU_IRQ_CTRL, 0);
	CHECK_EQ(rd32(v, SMMU_IRQ_CTRLACK), 0);
	wr64(v, SMMU_GERROR_IRQ_CFG0, 0);
	wr64(v, SMMU_EVENTQ_IRQ_CFG0, 0);
	if (msi_mode) {
		/* arm_smmu_setup_msis: doorbell, payload, Device-nGnRE */
		wr64(v, SMMU_GERROR_IRQ_CFG0, GERR_DOORBELL);
		wr32(v, SMMU_GERROR_IRQ_CFG1, 0x20);
		wr32(v, SMMU_GERROR_IRQ_CFG2, 0x1);
		wr64(v, SMMU_EVENTQ_IRQ_CFG0, EVTQ_DOORBELL);
		wr32(v, SMMU_EVENTQ_IRQ_CFG1, 0x21);
		wr32(v, SMMU_EVENTQ_IRQ_CFG2, 0x1);
		CHECK_EQ(vsmmu_mmio_read(v, SMMU_GERROR_IRQ_CFG0, 8), GERR_DOORBELL);
		CHECK_EQ(rd32(v, SMMU_EVENTQ_IRQ_CFG1), 0x21);
	}
	wr32(v, SMMU_IRQ_CTRL, 0x5);
	CHECK_EQ(rd32(v, SMMU_IRQ_CTRLACK), 0x5);
	if (msi_mode) {
		/* guarded while enabled: a late write does not move the doorbell */
		wr64(v, SMMU_GERROR_IRQ_CFG0, 0x1000);
		CHECK_EQ(vsmmu_mmio_read(v, SMMU_GERROR_IRQ_CFG0, 8), GERR_DOORBELL);
	}
	/* 16: enable. The device's L1STD is still invalid (Span 0): its stream
	 * aborts (physical V=0); a transaction would record C_BAD_STREAMID. */
	fk_clear_log(&f);
	wr32(v, SMMU_CR0, 0xD);
	poll_cr0ack(0xD);
	CHECK_EQ(fk_pste(&f, PSMMU, PSID)[0], 0);
	CHECK_EQ(fk_count(&f, 'C', CMD_OP_CFGI_STE), 1);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 0);
	CHECK_EQ(rd32(v, SMMU_GERROR), 0);
	(void)rec;
	(void)i;
}

static void attach_s1(void)
{
	uint64_t ste = L2_BASE + (uint64_t)(SID & 0xFF) * STE_SIZE;
	const uint64_t *p;
	unsigned i;

	/* L2 table of 256 abort STEs, then the L1STD (Span 9) + non-leaf CFGI */
	for (i = 0; i < 256; i++)
		fk_w64(&f, L2_BASE + i * 64ull, STE0_V);
	fk_w64(&f, L1_BASE + (SID >> 8) * 8ull, VS_FIELD_PREP(L1STD_SPAN, 9) | L2_BASE);
	issue(VS_FIELD_PREP(CMD0_OP, CMD_OP_CFGI_STE) | VS_FIELD_PREP(CMD0_SID, SID), 0);
	cmd_sync();
	publish_and_wait();
	p = fk_pste(&f, PSMMU, PSID);
	CHECK_EQ(p[0], 0x1);                          /* abort STE, no event */
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 0);

	/* CD at SSID 0 (8.4 example) + CFGI_CD */
	fk_w64(&f, CD_BASE, 0x0001E205C0003510ull);
	fk_w64(&f, CD_BASE + 8, 0x200000ull);        /* TTB0 */
	fk_w64(&f, CD_BASE + 24, 0x00000000F404FF44ull);
	fk_clear_log(&f);
	issue(VS_FIELD_PREP(CMD0_OP, CMD_OP_CFGI_CD) | VS_FIELD_PREP(CMD0_SID, SID), CMD1_LEAF);
	cmd_sync();
	publish_and_wait();
	CHECK_EQ(f.log[0].cmd[0], VS_FIELD_PREP(CMD0_OP, CMD_OP_CFGI_CD) | VS_FIELD_PREP(CMD0_SID, PSID));
	CHECK_EQ(f.log[0].psmmu, PSMMU);
	CHECK_EQ(f.log[1].kind, 'S');

	/* breaking update: dw0 V=0, sync; dw1..7, sync; dw0 final, sync */
	fk_w64(&f, ste, 0);
	ste_sync();
	CHECK_EQ(fk_pste(&f, PSMMU, PSID)[0], 0);     /* V=0: aborts */
	fk_w64(&f, ste + 8, 0xD6);
	ste_sync();
	fk_w64(&f, ste, CD_BASE | 0xB);
	ste_sync();
	issue(VS_FIELD_PREP(CMD0_OP, CMD_OP_PREFETCH_CONFIG) | VS_FIELD_PREP(CMD0_SID, SID), 0);
	publish_and_wait();
	p = fk_pste(&f, PSMMU, PSID);
	CHECK_EQ(p[0], CD_BASE | 0xF);                /* V | NESTED, S1ContextPtr as IPA */
	CHECK_EQ(p[1], 0xD6 | STE1_MEV);
	{
		struct vsmmu_config d;

		vsmmu_config_default(&d);
		CHECK_EQ(p[2], d.s2.ste_dw2);
		CHECK_EQ(p[3], 0x7000000);
	}
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 0);       /* a correct driver sees no events */

	/* DMA unmap: TLBI_NH_VA with VMID 0 from the guest + sync */
	fk_clear_log(&f);
	issue(VS_FIELD_PREP(CMD0_OP, CMD_OP_TLBI_NH_VA) | VS_FIELD_PREP(CMD0_ASID, 1),
	      0x8000000ull | CMD1_LEAF);
	cmd_sync();
	publish_and_wait();
	CHECK_EQ(f.log[0].cmd[0], VS_FIELD_PREP(CMD0_OP, CMD_OP_TLBI_NH_VA) |
				  VS_FIELD_PREP(CMD0_ASID, 1) | VS_FIELD_PREP(CMD0_VMID, 1));
	CHECK_EQ(f.log[1].kind, 'S');
	CHECK_EQ(rd32(v, SMMU_CR0ACK), 0xD);
}

/* Linux with IDR3.RIL (arm_smmu_cmdq_issue_cmdlist of its range TLBIs, as
 * documented behaviour): a 4K-page domain's range of npages is cut into
 * commands of (NUM+1) << SCALE pages, SCALE = the lowest set bit of what
 * is left, NUM+1 = the next up to 5 bits; leaf unmaps carry TTL = 3. One
 * guest command per chunk, each followed by the check of what the vSMMU
 * sent for it. */
static void linux_unmap(uint64_t iova, uint64_t npages, bool phys_ril)
{
	while (npages) {
		unsigned scale = (unsigned)__builtin_ctzll(npages);
		uint64_t num = (npages >> scale) & 31u, pages, i;
		uint64_t dw0, dw1;

		if (!num)
			num = 31;           /* cannot happen: bit `scale` is set */
		pages = num << scale;
		dw0 = VS_FIELD_PREP(CMD0_OP, CMD_OP_TLBI_NH_VA) | VS_FIELD_PREP(CMD0_ASID, 1) |
		      VS_FIELD_PREP(CMD0_NUM, num - 1) | VS_FIELD_PREP(CMD0_SCALE, scale);
		dw1 = iova | CMD1_LEAF | VS_FIELD_PREP(CMD1_TG, CMD_TG_4K) | VS_FIELD_PREP(CMD1_TTL, 3);
		fk_clear_log(&f);
		issue(dw0, dw1);
		cmd_sync();
		publish_and_wait();
		/* everything sent is for the guest's psmmu, then one sync */
		CHECK(f.nlog >= 2);
		CHECK_EQ(f.log[f.nlog - 1].kind, 'S');
		for (i = 0; i < f.nlog; i++)
			CHECK_EQ(f.log[i].psmmu, PSMMU);
		if (phys_ril) {
			/* forwarded as it is, VMID = the guest's */
			CHECK_EQ(f.nlog, 2);
			CHECK_EQ(f.log[0].cmd[0], dw0 | VS_FIELD_PREP(CMD0_VMID, 1));
			CHECK_EQ(f.log[0].cmd[1], dw1);
		} else if (pages > VSMMU_RIL_SPLIT_MAX) {
			/* too many pages to split: the guest's whole VMID */
			CHECK_EQ(f.nlog, 2);
			CHECK_EQ(f.log[0].cmd[0], VS_FIELD_PREP(CMD0_OP, CMD_OP_TLBI_NH_ALL) |
						  VS_FIELD_PREP(CMD0_VMID, 1));
			CHECK_EQ(f.log[0].cmd[1], 0);
		} else {
			/* one single-page TLBI per page, Leaf kept, no range fields */
			CHECK_EQ(f.nlog, pages + 1);
			for (i = 0; i < pages && i + 1 < f.nlog; i++) {
				CHECK_EQ(f.log[i].cmd[0], VS_FIELD_PREP(CMD0_OP, CMD_OP_TLBI_NH_VA) |
							  VS_FIELD_PREP(CMD0_ASID, 1) | VS_FIELD_PREP(CMD0_VMID, 1));
				CHECK_EQ(f.log[i].cmd[1], (iova + i * 0x1000u) | CMD1_LEAF);
			}
		}
		iova += pages << 12;
		npages -= pages;
	}
}

static void range_unmaps(bool phys_ril)
{
	CHECK_EQ(rd32(v, SMMU_IDR3) & IDR3_RIL, IDR3_RIL);   /* Linux uses ranges then */
	linux_unmap(0x8000000ull, 1, phys_ril);     /* NUM=0 SCALE=0 TTL=3 */
	linux_unmap(0x8010000ull, 3, phys_ril);     /* NUM=2 */
	linux_unmap(0x8020000ull, 8, phys_ril);     /* NUM=0 SCALE=3 */
	linux_unmap(0x8100000ull, 36, phys_ril);    /* NUM=8 SCALE=2 */
	linux_unmap(0x9000000ull, 513, phys_ril);   /* 1 page, then NUM=0 SCALE=9 */
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 0);
	CHECK_EQ(rd32(v, SMMU_GERROR) ^ rd32(v, SMMU_GERRORN), 0);
}

static void run(bool msi, bool phys_ril)
{
	struct vsmmu_config c;
	struct vsmmu_stats st;

	fk_init(&f);
	msi_mode = msi;
	prod = 0;
	nsync = 0;
	vsmmu_config_default(&c);
	c.s2.ste_dw3 = 0x7000000;
	c.msi = msi;
	if (phys_ril)
		c.phys_ril = 1u << PSMMU;   /* this time the SMMU has RIL */
	v = new_vsmmu(&f, NULL, &c);
	f.msi_watch = v;
	CHECK_EQ(rd32(v, SMMU_IDR0) & IDR0_MSI, msi ? IDR0_MSI : 0);
	CHECK_EQ(vsmmu_assign(v, SID, PSMMU, PSID), 0);
	CHECK_EQ(fk_pste(&f, PSMMU, PSID)[0], 0x1);  /* GBPA abort at reset */
	bringup();
	attach_s1();
	range_unmaps(phys_ril);
	vsmmu_get_stats(v, &st);
	CHECK(st.max_call_work <= VSMMU_MAX_CALL_WORK);
	CHECK_EQ(st.phys_failures, 0);
	/* no errors, no events: no GERROR or EVENTQ MSI either */
	CHECK_EQ(word(GERR_DOORBELL), 0);
	CHECK_EQ(word(EVTQ_DOORBELL), 0);
	f.msi_watch = NULL;
	vsmmu_destroy(v);
	CHECK_EQ(f.bytes, 0);
	fk_fini(&f);
}

int main(void)
{
	run(false, false);
	run(false, true);
	CHECK_EQ(msis_checked, 0);
	run(true, false);
	run(true, true);
	CHECK(msi_syncs > 8);                         /* bring-up, attach and unmaps */
	CHECK_EQ(msis_checked, msi_syncs);            /* every CMD_SYNC of the sequence */
	return fk_report("test_linux");
}
