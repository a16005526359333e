/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_regs.c - the register file and the advertised features: ID values,
 * reset values, access decoding, 64-bit halves, sub-word merges, write
 * guards, index masking, RAZ/WI, aliases, GBPA, CR0ACK/IRQ_CTRLACK.
 */
#include <string.h>

#include "tests/vsmmu/fake.h"

static void test_idrs(void)
{
	struct fake f;
	struct vsmmu *v;

	fk_init(&f);
	v = new_vsmmu(&f, NULL, NULL);
	CHECK(v != NULL);
	/* S1P, TTF=AArch64, COHACC, ASID16, CD2L, MSI, TTENDIAN=LE, STALL_MODEL=1, ST_LEVEL=2lvl */
	CHECK_EQ(rd32(v, SMMU_IDR0), 0x0948301A);
	CHECK_EQ(rd32(v, SMMU_IDR0) & IDR0_S2P, 0);
	CHECK_EQ(rd32(v, SMMU_IDR0) & IDR0_MSI, IDR0_MSI);
	CHECK_EQ(rd32(v, SMMU_IDR0) & (IDR0_ATS | IDR0_PRI | IDR0_SEV | IDR0_HYP | IDR0_VMID16), 0);
	/* SIDSIZE 16, SSIDSIZE 16, EVENTQS 19, CMDQS 19 */
	CHECK_EQ(rd32(v, SMMU_IDR1), 0x02730410);
	CHECK_EQ(rd32(v, SMMU_IDR2), 0);
	CHECK_EQ(rd32(v, SMMU_IDR3), IDR3_HAD | IDR3_RIL);   /* v3.1: HAD with S1P; range invalidation (configurable) */
	CHECK_EQ(rd32(v, SMMU_IDR4), 0);
	CHECK_EQ(rd32(v, SMMU_IDR5), 0x75);   /* OAS 48, GRAN4K/16K/64K */
	CHECK_EQ(rd32(v, SMMU_IIDR), 0);
	CHECK_EQ(rd32(v, SMMU_AIDR), 1);
	/* reset state */
	CHECK_EQ(rd32(v, SMMU_CR0), 0);
	CHECK_EQ(rd32(v, SMMU_CR0ACK), 0);
	CHECK_EQ(rd32(v, SMMU_GBPA), 0x101000);
	CHECK_EQ(rd32(v, SMMU_GERROR), 0);
	CHECK_EQ(rd32(v, SMMU_STATUSR), 0);
	vsmmu_destroy(v);

	{
		struct vsmmu_config c;

		vsmmu_config_default(&c);
		c.sidsize = 20; c.ssidsize = 5; c.oas_bits = 40; c.cmdqs = 10; c.eventqs = 7;
		v = new_vsmmu(&f, NULL, &c);
		CHECK(v != NULL);
		CHECK_EQ(VS_FIELD_GET(IDR1_SIDSIZE, rd32(v, SMMU_IDR1)), 20);
		CHECK_EQ(VS_FIELD_GET(IDR1_SSIDSIZE, rd32(v, SMMU_IDR1)), 5);
		CHECK_EQ(VS_FIELD_GET(IDR1_CMDQS, rd32(v, SMMU_IDR1)), 10);
		CHECK_EQ(VS_FIELD_GET(IDR1_EVENTQS, rd32(v, SMMU_IDR1)), 7);
		CHECK_EQ(VS_FIELD_GET(IDR5_OAS, rd32(v, SMMU_IDR5)), IDR5_OAS_40);
		vsmmu_destroy(v);
		/* invalid configs */
		c.oas_bits = 41;
		CHECK(new_vsmmu(&f, NULL, &c) == NULL);
		c.oas_bits = 48; c.ssidsize = 0;     /* no substreams: valid, advertised as 0 */
		v = new_vsmmu(&f, NULL, &c);
		CHECK(v != NULL);
		CHECK_EQ(VS_FIELD_GET(IDR1_SSIDSIZE, rd32(v, SMMU_IDR1)), 0);
		vsmmu_destroy(v);
		c.ssidsize = 21;
		CHECK(new_vsmmu(&f, NULL, &c) == NULL);
		c.ssidsize = 8; c.cmdqs = 20;
		CHECK(new_vsmmu(&f, NULL, &c) == NULL);
		c.cmdqs = 19; c.eventqs = 20;
		CHECK(new_vsmmu(&f, NULL, &c) == NULL);
		c.eventqs = 19; c.sidsize = 33;
		CHECK(new_vsmmu(&f, NULL, &c) == NULL);
	}
	CHECK_EQ(f.bytes, 0);
	fk_fini(&f);
}

static void test_decode(void)
{
	struct fake f;
	struct vsmmu *v;
	struct vsmmu_stats st;

	fk_init(&f);
	v = new_vsmmu(&f, NULL, NULL);
	/* 64-bit register as two halves */
	wr32(v, SMMU_STRTAB_BASE, 0x12345678);
	CHECK_EQ(rd32(v, SMMU_STRTAB_BASE), 0x12345640);
	wr32(v, SMMU_STRTAB_BASE + 4, 0xC00000FF);     /* bit 63 RES0, RA kept */
	CHECK_EQ(rd32(v, SMMU_STRTAB_BASE + 4), 0x400000FF);
	CHECK_EQ(vsmmu_mmio_read(v, SMMU_STRTAB_BASE, 8), 0x400000FF12345640ull);
	wr64(v, SMMU_STRTAB_BASE, 0xFFFFFFFFFFFFFFFFull);
	CHECK_EQ(vsmmu_mmio_read(v, SMMU_STRTAB_BASE, 8), STRTAB_BASE_ADDR | STRTAB_BASE_RA);
	/* sub-word writes merge into the 32-bit register */
	wr32(v, SMMU_STRTAB_BASE_CFG, 0x8);
	vsmmu_mmio_write(v, SMMU_STRTAB_BASE_CFG + 1, 1, 0x02);
	CHECK_EQ(rd32(v, SMMU_STRTAB_BASE_CFG), 0x208);
	CHECK_EQ(vsmmu_mmio_read(v, SMMU_STRTAB_BASE_CFG + 1, 1), 0x02);
	vsmmu_mmio_write(v, SMMU_STRTAB_BASE_CFG + 2, 2, 0xFFFF);   /* FMT only */
	CHECK_EQ(rd32(v, SMMU_STRTAB_BASE_CFG), 0x30208);
	/* unaligned access spanning two registers */
	CHECK_EQ(vsmmu_mmio_read(v, SMMU_STRTAB_BASE + 7, 2), 0x0840);    /* cfg low byte, RA byte */
	vsmmu_mmio_write(v, SMMU_STRTAB_BASE + 7, 2, 0x0100);      /* top byte of base=0, cfg low=1 */
	CHECK_EQ(rd32(v, SMMU_STRTAB_BASE + 4), 0x00FFFFFF);
	CHECK_EQ(rd32(v, SMMU_STRTAB_BASE_CFG) & 0xFF, 0x01);
	/* 8-byte unaligned read within the window */
	CHECK_EQ(vsmmu_mmio_read(v, SMMU_IDR0 + 2, 8) & 0xFFFF, rd32(v, SMMU_IDR0) >> 16);
	/* out of window / bad size: RAZ/WI, no crash */
	CHECK_EQ(vsmmu_mmio_read(v, SMMU_MMIO_SIZE, 4), 0);
	CHECK_EQ(vsmmu_mmio_read(v, SMMU_MMIO_SIZE - 2, 4), 0);
	CHECK_EQ(vsmmu_mmio_read(v, ~0ull, 8), 0);
	CHECK_EQ(vsmmu_mmio_read(v, SMMU_IDR0, 3), 0);
	CHECK_EQ(vsmmu_mmio_read(v, SMMU_IDR0, 16), 0);
	vsmmu_mmio_write(v, SMMU_MMIO_SIZE - 4, 8, ~0ull);
	vsmmu_mmio_write(v, ~0ull - 2, 4, ~0ull);
	vsmmu_mmio_write(v, SMMU_CR0, 3, 0xF);
	CHECK_EQ(rd32(v, SMMU_CR0), 0);
	/* RO and RAZ/WI */
	wr32(v, SMMU_IDR0, 0);
	CHECK_EQ(rd32(v, SMMU_IDR0), 0x0948301A);
	wr32(v, SMMU_GERROR, 0xFFFFFFFF);
	CHECK_EQ(rd32(v, SMMU_GERROR), 0);
	wr32(v, SMMU_AGBPA, 0xFFFFFFFF);
	CHECK_EQ(rd32(v, SMMU_AGBPA), 0);
	wr64(v, SMMU_PRIQ_BASE, 0xFFFF);
	CHECK_EQ(vsmmu_mmio_read(v, SMMU_PRIQ_BASE, 8), 0);
	wr32(v, SMMU_PRIQ_PROD, 5);
	CHECK_EQ(rd32(v, SMMU_PRIQ_PROD), 0);
	CHECK_EQ(rd32(v, 0x10000), 0);
	CHECK_EQ(rd32(v, 0xFFFC), 0);
	wr32(v, SMMU_CR0ACK, 0xF);
	CHECK_EQ(rd32(v, SMMU_CR0ACK), 0);
	/* every access accounted, none above the bound */
	vsmmu_get_stats(v, &st);
	CHECK(st.traps > 40);
	CHECK(st.max_call_work <= VSMMU_MAX_CALL_WORK);
	vsmmu_destroy(v);
	fk_fini(&f);
}

/* vsmmu_mmio_peek returns what a read would, for every offset and size,
 * and is not a trap: the statistics stay as they were. */
static void test_peek(void)
{
	static const unsigned sizes[] = { 1, 2, 4, 8, 3, 0 };
	struct vsmmu_stats before, after;
	struct fake f;
	struct vsmmu *v;
	unsigned diffs = 0, nonzero = 0;

	fk_init(&f);
	v = new_vsmmu(&f, NULL, NULL);
	CHECK(v != NULL);
	/* registers with contents, 64-bit ones and masked indexes among them */
	wr64(v, SMMU_STRTAB_BASE, 0x80000);
	wr32(v, SMMU_STRTAB_BASE_CFG, 8);
	wr64(v, SMMU_CMDQ_BASE, 0x90000 | 4);
	wr32(v, SMMU_CMDQ_PROD, 0x23);
	wr32(v, SMMU_CMDQ_CONS, 0x11);
	wr64(v, SMMU_EVENTQ_BASE, 0xa0000 | 3);
	wr32(v, SMMU_EVENTQ_CONS, 0x5);
	wr64(v, SMMU_GERROR_IRQ_CFG0, 0x1234560);
	wr32(v, SMMU_GERROR_IRQ_CFG1, 0xabcd);
	wr32(v, SMMU_IRQ_CTRL, 7);
	wr32(v, SMMU_CR0, (uint32_t)CR0_EVENTQEN);
	vsmmu_get_stats(v, &before);
	for (uint64_t off = 0; off < SMMU_MMIO_SIZE + 8; off += off < 0x200 || (off >= SMMU_PAGE1 && off < SMMU_PAGE1 + 0x200) ? 1 : 0x7f)
		for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
			uint64_t p = vsmmu_mmio_peek(v, off, sizes[i]);

			nonzero += p != 0;
			diffs += p != vsmmu_mmio_peek(v, off, sizes[i]);
		}
	vsmmu_get_stats(v, &after);
	CHECK(memcmp(&before, &after, sizeof before) == 0);   /* not a trap */
	CHECK_EQ(diffs, 0);
	CHECK(nonzero > 100);
	/* the same values a read gives (reads are traps: compared afterwards) */
	diffs = 0;
	for (uint64_t off = 0; off < SMMU_MMIO_SIZE + 8; off += off < 0x200 || (off >= SMMU_PAGE1 && off < SMMU_PAGE1 + 0x200) ? 1 : 0x7f)
		for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
			diffs += vsmmu_mmio_peek(v, off, sizes[i]) != vsmmu_mmio_read(v, off, sizes[i]);
	CHECK_EQ(diffs, 0);
	/* the aligned 8-byte read (two 32-bit halves) is what its eight bytes read */
	diffs = 0;
	nonzero = 0;
	for (uint64_t off = 0; off < SMMU_MMIO_SIZE; off += off < 0x200 || (off >= SMMU_PAGE1 && off < SMMU_PAGE1 + 0x200) ? 8 : 0x80) {
		uint64_t bytes = 0, whole = vsmmu_mmio_peek(v, off, 8);

		for (unsigned b = 0; b < 8; b++)
			bytes |= vsmmu_mmio_peek(v, off + b, 1) << (8 * b);
		diffs += whole != bytes;
		nonzero += whole >> 32 != 0 && (uint32_t)whole != 0;
	}
	CHECK_EQ(diffs, 0);
	CHECK(nonzero >= 2);   /* both halves seen (STRTAB_BASE_CFG:STRTAB_BASE hi is 0, CMDQ_PROD:CONS not) */
	vsmmu_get_stats(v, &after);
	CHECK(after.traps > before.traps + 1000);
	vsmmu_destroy(v);
	fk_fini(&f);
}

static void test_ack_and_guards(void)
{
	struct fake f;
	struct vsmmu *v;

	fk_init(&f);
	v = new_vsmmu(&f, NULL, NULL);
	/* CR0: reserved/unsupported bits (PRIQEN, ATSCHK, VMW) RES0; ACK follows */
	wr32(v, SMMU_CR0, 0xFFFFFFFF & ~(uint32_t)CR0_SMMUEN);
	CHECK_EQ(rd32(v, SMMU_CR0), 0xC);
	CHECK_EQ(rd32(v, SMMU_CR0ACK), 0xC);
	/* queue bases guarded by their enables */
	wr64(v, SMMU_CMDQ_BASE, G_CMDQ | 8);
	CHECK_EQ(vsmmu_mmio_read(v, SMMU_CMDQ_BASE, 8), 0);
	wr64(v, SMMU_EVENTQ_BASE, G_EVTQ | 6);
	CHECK_EQ(vsmmu_mmio_read(v, SMMU_EVENTQ_BASE, 8), 0);
	wr32(v, SMMU_CR1, 0xD75);                          /* queue fields guarded */
	CHECK_EQ(rd32(v, SMMU_CR1), 0xD40);
	wr32(v, SMMU_CR0, 0);
	CHECK_EQ(rd32(v, SMMU_CR0ACK), 0);
	wr32(v, SMMU_CR1, 0xD75);
	CHECK_EQ(rd32(v, SMMU_CR1), 0xD75);
	wr64(v, SMMU_CMDQ_BASE, G_CMDQ | 8 | Q_BASE_RWA);
	CHECK_EQ(vsmmu_mmio_read(v, SMMU_CMDQ_BASE, 8), G_CMDQ | 8 | Q_BASE_RWA);
	wr64(v, SMMU_EVENTQ_BASE, G_EVTQ | 6);
	/* STRTAB and CR2 guarded by SMMUEN */
	wr32(v, SMMU_CR2, 0x7);
	CHECK_EQ(rd32(v, SMMU_CR2), 0x2);                  /* only RECINVSID implemented */
	wr64(v, SMMU_STRTAB_BASE, G_STRTAB);
	wr32(v, SMMU_STRTAB_BASE_CFG, 8);
	wr32(v, SMMU_CR0, (uint32_t)CR0_SMMUEN);
	CHECK_EQ(rd32(v, SMMU_CR0ACK), 1);
	wr64(v, SMMU_STRTAB_BASE, 0x90000);
	wr32(v, SMMU_STRTAB_BASE_CFG, 4);
	wr32(v, SMMU_CR2, 0);
	wr32(v, SMMU_CR1, 0);
	CHECK_EQ(vsmmu_mmio_read(v, SMMU_STRTAB_BASE, 8), G_STRTAB);
	CHECK_EQ(rd32(v, SMMU_STRTAB_BASE_CFG), 8);
	CHECK_EQ(rd32(v, SMMU_CR2), 0x2);
	CHECK_EQ(rd32(v, SMMU_CR1), 0xD40);                /* TABLE_* guarded by SMMUEN */
	/* CMDQ_CONS / EVENTQ_PROD writable only while their queue is disabled */
	wr32(v, SMMU_CR0, (uint32_t)(CR0_CMDQEN | CR0_EVENTQEN));
	wr32(v, SMMU_CMDQ_CONS, 5);
	CHECK_EQ(rd32(v, SMMU_CMDQ_CONS), 0);
	wr32(v, SMMU_EVENTQ_PROD, 5);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 0);
	wr32(v, SMMU_EVENTQ_CONS, 3);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_CONS), 3);
	/* IRQ_CTRL / ACK and IRQ_CFG guards (MSI advertised by default) */
	wr64(v, SMMU_GERROR_IRQ_CFG0, 0xFFFF00001234567Full);
	CHECK_EQ(vsmmu_mmio_read(v, SMMU_GERROR_IRQ_CFG0, 8), 0x1234567C);   /* ADDR[47:2]: OAS 48 */
	wr32(v, SMMU_IRQ_CTRL, 0xFFFFFFFF);
	CHECK_EQ(rd32(v, SMMU_IRQ_CTRL), 0x5);               /* no PRIQ */
	CHECK_EQ(rd32(v, SMMU_IRQ_CTRLACK), 0x5);
	wr64(v, SMMU_GERROR_IRQ_CFG0, 0x1000);
	wr32(v, SMMU_GERROR_IRQ_CFG1, 0x99);
	wr64(v, SMMU_EVENTQ_IRQ_CFG0, 0x1000);
	CHECK_EQ(vsmmu_mmio_read(v, SMMU_GERROR_IRQ_CFG0, 8), 0x1234567C);
	CHECK_EQ(rd32(v, SMMU_GERROR_IRQ_CFG1), 0);
	CHECK_EQ(vsmmu_mmio_read(v, SMMU_EVENTQ_IRQ_CFG0, 8), 0);
	wr32(v, SMMU_IRQ_CTRL, 0);
	CHECK_EQ(rd32(v, SMMU_IRQ_CTRLACK), 0);
	wr32(v, SMMU_EVENTQ_IRQ_CFG2, 0xFF);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_IRQ_CFG2), 0x3F);
	wr32(v, SMMU_EVENTQ_IRQ_CFG1, 0xdeadbeef);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_IRQ_CFG1), 0xdeadbeef);
	/* each enable guards only its own source's registers */
	wr32(v, SMMU_IRQ_CTRL, (uint32_t)IRQ_CTRL_EVENTQ_IRQEN);
	wr32(v, SMMU_GERROR_IRQ_CFG1, 0x77);
	wr32(v, SMMU_EVENTQ_IRQ_CFG1, 0x66);
	CHECK_EQ(rd32(v, SMMU_GERROR_IRQ_CFG1), 0x77);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_IRQ_CFG1), 0xdeadbeef);
	wr32(v, SMMU_IRQ_CTRL, 0);
	/* GERRORN holds only the bits of what is advertised (MSI, no PRI,
	 * ECMDQ, DPT): CMDQ_ERR, EVENTQ_ABT_ERR, the three MSI abort bits
	 * and SFM_ERR; the rest is RES0 */
	wr32(v, SMMU_GERRORN, 0xFFFFFFFF);
	CHECK_EQ(rd32(v, SMMU_GERRORN), GERROR_CMDQ_ERR | GERROR_EVENTQ_ABT_ERR | GERROR_SFM_ERR |
		 GERROR_MSI_CMDQ_ABT_ERR | GERROR_MSI_EVENTQ_ABT_ERR | GERROR_MSI_GERROR_ABT_ERR);
	wr32(v, SMMU_GERRORN, (uint32_t)(GERROR_MSI_PRIQ_ABT_ERR | GERROR_PRIQ_ABT_ERR |
					 GERROR_CMDQP_ERR | GERROR_DPT_ERR));
	CHECK_EQ(rd32(v, SMMU_GERRORN), 0);
	vsmmu_destroy(v);
	fk_fini(&f);
}

/* IDR0.MSI = 0 (vsmmu_config.msi false): the *_IRQ_CFG registers are RES0
 * (RAZ/WI, 6.3.21) and so are the MSI abort bits of GERRORN (6.3.20). */
static void test_msi_off(void)
{
	struct fake f;
	struct vsmmu *v;
	struct vsmmu_config c;

	fk_init(&f);
	vsmmu_config_default(&c);
	c.msi = false;
	v = new_vsmmu(&f, NULL, &c);
	CHECK(v != NULL);
	CHECK_EQ(rd32(v, SMMU_IDR0), 0x0948101A);
	wr64(v, SMMU_GERROR_IRQ_CFG0, 0x1234567F);
	wr32(v, SMMU_GERROR_IRQ_CFG1, 0x99);
	wr32(v, SMMU_GERROR_IRQ_CFG2, 0x3F);
	wr64(v, SMMU_EVENTQ_IRQ_CFG0, 0x1000);
	wr32(v, SMMU_EVENTQ_IRQ_CFG1, 0x99);
	wr32(v, SMMU_EVENTQ_IRQ_CFG2, 0x3F);
	CHECK_EQ(vsmmu_mmio_read(v, SMMU_GERROR_IRQ_CFG0, 8), 0);
	CHECK_EQ(rd32(v, SMMU_GERROR_IRQ_CFG1), 0);
	CHECK_EQ(rd32(v, SMMU_GERROR_IRQ_CFG2), 0);
	CHECK_EQ(vsmmu_mmio_read(v, SMMU_EVENTQ_IRQ_CFG0, 8), 0);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_IRQ_CFG1), 0);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_IRQ_CFG2), 0);
	wr32(v, SMMU_GERRORN, 0xFFFFFFFF);
	CHECK_EQ(rd32(v, SMMU_GERRORN), GERROR_CMDQ_ERR | GERROR_EVENTQ_ABT_ERR | GERROR_SFM_ERR);
	vsmmu_destroy(v);
	/* a smaller OAS stores fewer ADDR bits */
	vsmmu_config_default(&c);
	c.oas_bits = 40;
	v = new_vsmmu(&f, NULL, &c);
	CHECK(v != NULL);
	wr64(v, SMMU_EVENTQ_IRQ_CFG0, 0xFFFFFFFFFFFFFFFFull);
	CHECK_EQ(vsmmu_mmio_read(v, SMMU_EVENTQ_IRQ_CFG0, 8), 0xFFFFFFFFFCull);
	vsmmu_destroy(v);
	fk_fini(&f);
}

static void test_index_masks(void)
{
	struct fake f;
	struct vsmmu *v;
	struct vsmmu_config c;

	fk_init(&f);
	vsmmu_config_default(&c);
	c.cmdqs = 5;
	c.eventqs = 10;
	v = new_vsmmu(&f, NULL, &c);
	wr64(v, SMMU_CMDQ_BASE, G_CMDQ | 4);
	wr32(v, SMMU_CMDQ_PROD, 0xFFFFFFFF);
	CHECK_EQ(rd32(v, SMMU_CMDQ_PROD), 0x1F);
	wr32(v, SMMU_CMDQ_CONS, 0xFFFFFFFF);
	CHECK_EQ(rd32(v, SMMU_CMDQ_CONS), 0x7F00001F);      /* ERR field + RD/wrap */
	wr32(v, SMMU_CMDQ_CONS, 0);
	/* LOG2SIZE above the maximum is clamped to IDR1.CMDQS (not 31) */
	wr64(v, SMMU_CMDQ_BASE, G_CMDQ | 31);
	wr32(v, SMMU_CMDQ_PROD, 0xFFFFFFFF);
	CHECK_EQ(rd32(v, SMMU_CMDQ_PROD), 0x3F);
	/* pitfall: the event queue is clamped against EVENTQS, not CMDQS */
	wr64(v, SMMU_EVENTQ_BASE, G_EVTQ | 31);
	wr32(v, SMMU_EVENTQ_CONS, 0xFFFFFFFF);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_CONS), 0x800007FF);
	wr32(v, SMMU_EVENTQ_PROD, 0xFFFFFFFF);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 0x800007FF);
	/* page-0 aliases of EVENTQ_PROD/CONS */
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD_ALIAS), 0x800007FF);
	wr32(v, SMMU_EVENTQ_CONS_ALIAS, 0x5);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_CONS), 0x5);
	/* QS = 0: one entry, wrap is bit 0 */
	wr64(v, SMMU_EVENTQ_BASE, G_EVTQ | 0);
	wr32(v, SMMU_EVENTQ_CONS, 0xFF);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_CONS), 0x1);
	vsmmu_destroy(v);
	fk_fini(&f);
}

static void test_gbpa(void)
{
	struct fake f;
	struct vsmmu *v;

	fk_init(&f);
	v = new_vsmmu(&f, NULL, NULL);
	CHECK_EQ(vsmmu_assign(v, 3, 0, 30), 0);
	CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, fk_pste(&f, 0, 30)[0]), STE_CONFIG_ABORT);
	/* a write without Update is ignored */
	wr32(v, SMMU_GBPA, 0);
	CHECK_EQ(rd32(v, SMMU_GBPA), 0x101000);
	CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, fk_pste(&f, 0, 30)[0]), STE_CONFIG_ABORT);
	/* Update=1 applies; Update reads back 0; stream becomes stage-2 bypass */
	fk_clear_log(&f);
	wr32(v, SMMU_GBPA, (uint32_t)(GBPA_UPDATE | VS_FIELD_PREP(GBPA_SHCFG, 1)));
	CHECK_EQ(rd32(v, SMMU_GBPA), 0x1000);
	CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, fk_pste(&f, 0, 30)[0]), STE_CONFIG_S2_TRANS);
	{
		struct vsmmu_config d;

		vsmmu_config_default(&d);
		CHECK_EQ(fk_pste(&f, 0, 30)[2], d.s2.ste_dw2);
		CHECK_EQ(fk_pste(&f, 0, 30)[3], 0x7000000);
	}
	CHECK_EQ(fk_count(&f, 'C', CMD_OP_CFGI_STE), 1);
	CHECK_EQ(fk_count(&f, 'S', -1), 1);
	/* sub-word write of the Update byte merges with the current value */
	vsmmu_mmio_write(v, SMMU_GBPA + 2, 2, (GBPA_UPDATE | GBPA_ABORT) >> 16);
	CHECK_EQ(rd32(v, SMMU_GBPA), 0x101000);
	CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, fk_pste(&f, 0, 30)[0]), STE_CONFIG_ABORT);
	/* while enabled, GBPA does not affect streams */
	g_ste(&f, 3, STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_BYPASS), 0);
	g_setup(v, (uint32_t)(CR0_SMMUEN | CR0_CMDQEN | CR0_EVENTQEN));
	CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, fk_pste(&f, 0, 30)[0]), STE_CONFIG_S2_TRANS);
	fk_clear_log(&f);
	wr32(v, SMMU_GBPA, (uint32_t)GBPA_UPDATE);
	wr32(v, SMMU_GBPA, (uint32_t)(GBPA_UPDATE | GBPA_ABORT));
	CHECK_EQ(f.nlog, 0);
	CHECK_EQ(rd32(v, SMMU_GBPA), GBPA_ABORT);
	/* SMMUEN 1 -> 0: back to GBPA (abort) */
	wr32(v, SMMU_CR0, 0);
	CHECK_EQ(fk_pste(&f, 0, 30)[0], 0x1);
	vsmmu_destroy(v);
	fk_fini(&f);
}

#ifdef VS_TEST_DEFECTS
static void test_cr0ack_stuck_bug(void)
{
	struct fake f;
	struct vsmmu *v;
	struct vsmmu_config c;

	fk_init(&f);
	vsmmu_config_default(&c);
	fk_defect("CR0ACK_STUCK");
	v = new_vsmmu(&f, NULL, &c);
	fk_defect(NULL);
	wr32(v, SMMU_CR0, (uint32_t)CR0_CMDQEN);
	CHECK_EQ(rd32(v, SMMU_CR0), CR0_CMDQEN);
	CHECK_EQ(rd32(v, SMMU_CR0ACK), 0);
	vsmmu_destroy(v);
	fk_fini(&f);
}
#endif

int main(void)
{
	test_idrs();
	test_msi_off();
	test_decode();
	test_peek();
	test_ack_and_guards();
	test_index_masks();
	test_gbpa();
#ifdef VS_TEST_DEFECTS
	test_cr0ack_stuck_bug();
#endif
	return fk_report("test_regs");
}
