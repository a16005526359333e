/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * op_schema.c - the table of op kinds (op_schema.h). One row per kind, its
 * fields in text order; .bseq gives a field's place in the byte record.
 * The byte encoding of every committed seed depends on these rows: change a
 * field's benc/bw/flag/bseq only together with a new BYTES magic.
 */
#include <string.h>

#include "fuzz/op_schema.h"
#include "vsmmu/vsmmu.h"

#define AT(m) .off = offsetof(struct op, u.m), .width = sizeof(((struct op *)0)->u.m)
#define NAMES(t) .names = names_##t, .nnames = &names_n##t
#define FLAGS(seq) { .type = FT_FLAGS, .bseq = seq }
#define ROW(f) .fields = f, .nfields = sizeof(f) / sizeof((f)[0])

/* ---- folds: values the byte decoder derives from others ------------------ */

static bool fold_psmmu(struct op *op, const struct scn_rules *ru)
{
	(void)op;
	/* psmmus come before guests, each once (FT_PSMMU_NEW found a free one
	 * unless there is none) */
	return !(ru->nguests || ru->psmmu_mask == (1u << OP_MAX_PSMMU) - 1);
}

static bool fold_guest(struct op *op, const struct scn_rules *ru)
{
	if (op->u.guest.vmid == 0)
		op->u.guest.vmid = 1;
	while (scn_rules_vmid_used(ru, op->u.guest.vmid))
		op->u.guest.vmid = op->u.guest.vmid == UINT16_MAX ? 1 : (uint16_t)(op->u.guest.vmid + 1);
	return true;
}

static bool fold_map(struct op *op, const struct scn_rules *ru)
{
	uint64_t gm = op->u.map.granule - 1;

	(void)ru;
	op->u.map.iova &= ~gm;
	op->u.map.ipa &= ~gm;
	if (op->has & HAS_SIZE) {
		op->u.map.size &= ~gm;
		if (op->u.map.size == 0)
			op->u.map.size = op->u.map.granule;
	} else if (op->u.map.granule != 4096) {
		/* the text cannot leave size= out with a larger granule */
		op->has |= HAS_SIZE;
		op->u.map.size = op->u.map.granule;
	}
	if (op->u.map.iova + op->u.map.size - 1 < op->u.map.iova ||
	    op->u.map.ipa + op->u.map.size - 1 < op->u.map.ipa)
		op->u.map.size = op->u.map.granule;
	return true;
}

static bool fold_dma(struct op *op, const struct scn_rules *ru)
{
	(void)ru;
	/* a DMA stays within one 4K page */
	if ((op->u.dma.iova & 0xfff) + op->u.dma.len > 4096)
		op->u.dma.iova -= (op->u.dma.iova & 0xfff) + op->u.dma.len - 4096;
	return true;
}

static bool fold_mem_abort(struct op *op, const struct scn_rules *ru)
{
	(void)ru;
	if (op->u.inj_mem.size == 0)
		op->u.inj_mem.size = SCN_PAGE;
	if (op->u.inj_mem.ipa + op->u.inj_mem.size - 1 < op->u.inj_mem.ipa)
		op->u.inj_mem.size = 0 - op->u.inj_mem.ipa;
	return true;
}

/* ---- fields ------------------------------------------------------------- */

static const struct op_field f_psmmu[] = {
	{ .type = FT_PSMMU_NEW, AT(psmmu.n), .max = OP_MAX_PSMMU - 1, .tfmt = TF_DEC, .bseq = 0 },
	FLAGS(1),
	{ .key = "sidsize", .type = FT_UINT, AT(psmmu.sidsize), .has = HAS_SIDSIZE, .min = 1,
	  .max = SMMU_SIDSIZE_MAX, .def = SCN_DEFAULT_SIDSIZE, .tfmt = TF_DEC, .benc = BE_RANGE, .bw = 1,
	  .flag = 1, .attr = FA_ALWAYS, .bseq = 2, .why = "sidsize must be 1..32" },
	{ .key = "ssidsize", .type = FT_UINT, AT(psmmu.ssidsize), .has = HAS_SSIDSIZE, .min = 0,
	  .max = SMMU_SSIDSIZE_MAX, .def = SCN_DEFAULT_SSIDSIZE, .tfmt = TF_DEC, .benc = BE_RANGE, .bw = 1,
	  .flag = 2, .attr = FA_ALWAYS, .bseq = 3 },
	{ .key = "oas", .type = FT_UINT, AT(psmmu.oas), .has = HAS_OAS, .min = 32, .max = 52,
	  .def = SCN_DEFAULT_OAS, .tfmt = TF_DEC, .benc = BE_RANGE, .bw = 1, .flag = 4, .attr = FA_ALWAYS,
	  .bseq = 4, .why = "oas must be 32..52" },
	{ .key = "ril", .type = FT_UINT, AT(psmmu.noril), .max = 1, .tfmt = TF_DEC, .benc = BE_FLAGBITS,
	  .fshift = 3, .fbits = 1, .attr = FA_NOT | FA_PRDEF, .bseq = 5 },
};

static const struct op_field f_guest[] = {
	{ .type = FT_GNAME, .bseq = 1 },
	{ .key = "vmid", .type = FT_UINT, AT(guest.vmid), .min = 1, .max = UINT16_MAX, .tfmt = TF_DEC,
	  .benc = BE_UINT, .bw = 2, .bseq = 0, .why = "VMID 0 is reserved" },
	/* The RAM's range-count byte holds the guest's flags in its bits [7:3]
	 * (the count needs [2:0]; every older encoding has them 0): msi=0,
	 * ril=0, and whether pages= follows at the end of the record. */
	{ .key = "ram", .type = FT_RAM, AT(guest), .bseq = 2 },
	{ .key = "msi", .type = FT_UINT, AT(guest.nomsi), .max = 1, .tfmt = TF_DEC, .benc = BE_FLAGBITS,
	  .fshift = 3, .fbits = 1, .attr = FA_NOT | FA_PRDEF, .bseq = 3 },
	{ .key = "ril", .type = FT_UINT, AT(guest.noril), .max = 1, .tfmt = TF_DEC, .benc = BE_FLAGBITS,
	  .fshift = 4, .fbits = 1, .attr = FA_NOT | FA_PRDEF, .bseq = 4 },
	{ .key = "pages", .type = FT_UINT, AT(guest.pages), .has = HAS_PAGES, .max = SCN_MAX_GUEST_PAGES,
	  .def = SCN_MAX_GUEST_PAGES, .tfmt = TF_DEC, .benc = BE_RANGE, .bw = 2, .flag = 0x20, .bseq = 5 },
};

static const struct op_field f_assign[] = {
	{ .key = "vsid", .type = FT_UINT, AT(assign.vsid), .max = UINT32_MAX, .tfmt = TF_ID, .benc = BE_UINT,
	  .bw = 4, .bseq = 0 },
	{ .key = "psmmu", .type = FT_PSMMU, AT(assign.psmmu), .max = OP_MAX_PSMMU - 1, .tfmt = TF_DEC, .bseq = 1 },
	{ .key = "psid", .type = FT_UINT, AT(assign.psid), .max = UINT32_MAX, .tfmt = TF_ID, .benc = BE_UINT,
	  .bw = 4, .bseq = 2 },
};

static const struct op_field f_unassign[] = {
	{ .key = "vsid", .type = FT_UINT, AT(assign.vsid), .max = UINT32_MAX, .tfmt = TF_ID, .benc = BE_UINT,
	  .bw = 4, .bseq = 0 },
};

#define F_REG       { .type = FT_REG, AT(reg.off), .max = SMMU_MMIO_SIZE - 1, .bseq = 0 }
#define F_REG_SIZE  { .key = "size", .type = FT_UINT, AT(reg.size), .has = HAS_SIZE, .min = 1, .max = 8, \
		      .def = 4, .tfmt = TF_DEC, .benc = BE_SIZECODE, .flag = 1, .attr = FA_KEEP | FA_POW2, .bseq = 2, \
		      .why = "size must be 1, 2, 4 or 8" }
#define F_REG_MASK  { .key = "mask", .type = FT_UINT, AT(reg.mask), .has = HAS_MASK, .max = UINT64_MAX, \
		      .def = UINT64_MAX, .tfmt = TF_HEX, .benc = BE_UINT, .bw = 8, .flag = 4, .bseq = 4 }
#define F_REG_EXPECT(a) { .key = "expect", .type = FT_UINT, AT(reg.value), .has = HAS_EXPECT, \
			  .max = UINT64_MAX, .tfmt = TF_HEX, .benc = BE_VAL, .flag = 2, \
			  .attr = FA_SIZEMAX | (a), .bseq = 3 }

static const struct op_field f_write[] = {
	F_REG,
	{ .type = FT_UINT, AT(reg.value), .max = UINT64_MAX, .tfmt = TF_HEX, .benc = BE_VAL, .attr = FA_SIZEMAX,
	  .bseq = 3 },
	FLAGS(1),
	F_REG_SIZE,
};

static const struct op_field f_read[] = {
	F_REG, FLAGS(1), F_REG_SIZE, F_REG_EXPECT(0), F_REG_MASK,
};

static const struct op_field f_poll[] = {
	F_REG, FLAGS(1), F_REG_SIZE, F_REG_EXPECT(FA_REQUIRED), F_REG_MASK,
	{ .key = "tries", .type = FT_UINT, AT(reg.tries), .has = HAS_TRIES, .min = 1, .max = UINT32_MAX,
	  .def = SCN_DEFAULT_TRIES, .def2 = 1, .tfmt = TF_DEC, .benc = BE_UINT, .bw = 4, .flag = 8,
	  .attr = FA_ZMIN, .bseq = 5, .why = "tries must be at least 1" },
};

static const struct op_field f_mem[] = {
	{ .type = FT_BYTES, AT(mem), .max = OP_MAX_BYTES, .bseq = 0 },
};

static const struct op_field f_mem64[] = {
	{ .type = FT_WORDS64, AT(mem), .max = OP_MAX_WORDS, .bseq = 0 },
};

static const uint64_t ste_addr[STE_DWORDS] = { STE0_S1CTXPTR, 0, 0, STE3_S2TTB, 0, 0, 0, 0 };
static const uint64_t cd_addr[CD_DWORDS] = { 0, CD1_TTB0, CD2_TTB1, 0, 0, 0, 0, 0 };

static const struct op_field f_ste[] = {
	{ .type = FT_UINT, AT(ste.sid), .max = UINT32_MAX, .tfmt = TF_ID, .benc = BE_UINT, .bw = 4, .bseq = 0 },
	{ .type = FT_WORDS, AT(ste.dw), .fdefs = names_ste_fields, .nfdefs = &names_nste_fields,
	  .amask = ste_addr, .bseq = 1, .what = "STE" },
};

static const struct op_field f_l1std[] = {
	{ .type = FT_UINT, AT(l1std.index), .max = UINT32_MAX, .tfmt = TF_ID, .benc = BE_UINT, .bw = 4,
	  .bseq = 0 },
	{ .key = "span", .type = FT_UINT, AT(l1std.span), .max = VS_FIELD_MAX(L1STD_SPAN), .tfmt = TF_DEC,
	  .benc = BE_UINT, .bw = 1, .bmask = L1STD_SPAN, .bseq = 1 },
	{ .key = "l2ptr", .type = FT_UINT, AT(l1std.l2ptr), .max = L1STD_L2PTR, .tfmt = TF_HEX, .benc = BE_VAL,
	  .bmask = L1STD_L2PTR, .attr = FA_ADDR, .bseq = 2, .why = "address does not fit field 'l2ptr'" },
};

static const struct op_field f_cd[] = {
	{ .type = FT_INRAM, AT(cd.ipa), .max = UINT64_MAX, .len = CD_SIZE, .tfmt = TF_HEX, .bseq = 0 },
	{ .type = FT_WORDS, AT(cd.dw), .fdefs = names_cd_fields, .nfdefs = &names_ncd_fields,
	  .amask = cd_addr, .bseq = 1, .what = "CD" },
};

static const struct op_field f_ptpool[] = {
	{ .type = FT_RANGE, AT(ptpool), .bseq = 0 },
};

static const struct op_field f_map[] = {
	FLAGS(0),
	{ .key = "ttb", .type = FT_UINT, AT(map.ttb), .max = UINT64_MAX, .tfmt = TF_HEX, .benc = BE_VAL, .bseq = 1 },
	{ .key = "iova", .type = FT_UINT, AT(map.iova), .max = UINT64_MAX, .tfmt = TF_HEX, .benc = BE_VAL,
	  .bseq = 2 },
	{ .key = "ipa", .type = FT_UINT, AT(map.ipa), .max = UINT64_MAX, .tfmt = TF_HEX, .benc = BE_VAL, .bseq = 3 },
	{ .key = "size", .type = FT_UINT, AT(map.size), .has = HAS_SIZE, .min = 1, .max = UINT64_MAX,
	  .def = 4096, .tfmt = TF_SIZE, .benc = BE_UINT, .bw = 8, .flag = 1, .bseq = 4,
	  .why = "size must not be 0" },
	{ .key = "perm", .type = FT_UINT, AT(map.perm), .min = PERM_R, .max = PERM_RW, .def = PERM_RW,
	  .tfmt = TF_NAME, NAMES(perm), .benc = BE_FLAGIDX, .fshift = 1, .fbits = 2, .attr = FA_PRDEF, .bseq = 5,
	  .why = "perm must be r, w or rw" },
	{ .key = "granule", .type = FT_UINT, AT(map.granule), .min = 4096, .max = 65536, .def = 4096,
	  .tfmt = TF_SIZE, NAMES(granule), .benc = BE_FLAGIDX, .fshift = 3, .fbits = 2, .attr = FA_PRDEF | FA_INNAMES,
	  .bseq = 6, .why = "granule must be 4K, 16K or 64K" },
};

static const struct op_field f_cmd[] = {
	{ .type = FT_CMDOP, AT(cmd.dw), .max = 0xff, .bseq = 0 },
	{ .type = FT_CMDWORDS, AT(cmd.dw), .bseq = 2 },
	{ .type = FT_UINT, AT(cmd.nokick), .max = 1, .tfmt = TF_WORD, .word = "nokick", .benc = BE_UINT, .bw = 1,
	  .bmask = 1, .bseq = 1 },
};

static const struct op_field f_dma[] = {
	FLAGS(0),
	{ .key = "vsid", .type = FT_UINT, AT(dma.vsid), .max = UINT32_MAX, .tfmt = TF_ID, .benc = BE_UINT,
	  .bw = 4, .bseq = 1 },
	{ .key = "iova", .type = FT_UINT, AT(dma.iova), .max = UINT64_MAX, .tfmt = TF_HEX, .benc = BE_VAL,
	  .bseq = 2 },
	{ .type = FT_UINT, AT(dma.write), .max = 1, .tfmt = TF_NAME, NAMES(dma_rw), .benc = BE_FLAGBITS,
	  .fshift = 0, .fbits = 1, .bseq = 6, .why = "expected read or write" },
	{ .key = "ssid", .type = FT_UINT, AT(dma.ssid), .has = HAS_SSID, .max = VS_FIELD_MAX(CMD0_SSID),
	  .tfmt = TF_ID, .benc = BE_UINT, .bw = 4, .bmask = VS_FIELD_MAX(CMD0_SSID), .flag = 2, .bseq = 3 },
	{ .key = "len", .type = FT_UINT, AT(dma.len), .has = HAS_LEN, .min = 1, .max = 4096,
	  .def = SCN_DEFAULT_DMA_LEN, .tfmt = TF_DEC, .benc = BE_RANGE, .bw = 2, .flag = 4, .attr = FA_SIZEOK,
	  .bseq = 4, .why = "len must be 1..4096" },
	{ .key = "priv", .type = FT_UINT, AT(dma.attrs), .mmask = DMA_ATTR_PRIV, .max = 1, .tfmt = TF_DEC,
	  .attr = FA_PRDEF, .bseq = 9 },
	{ .key = "instr", .type = FT_UINT, AT(dma.attrs), .mmask = DMA_ATTR_INSTR, .max = 1, .tfmt = TF_DEC,
	  .attr = FA_PRDEF, .bseq = 10 },
	/* (bytes) the attributes byte, present when they are not 0 */
	{ .type = FT_UINT, AT(dma.attrs), .max = DMA_ATTR_PRIV | DMA_ATTR_INSTR, .benc = BE_UINT, .bw = 1,
	  .bmask = DMA_ATTR_PRIV | DMA_ATTR_INSTR, .flag = 0x80, .bseq = 8 },
	{ .key = "expect", .type = FT_UINT, AT(dma.expect), .has = HAS_EXPECT, .max = DMA_EXPECT_ABORT,
	  .def = DMA_EXPECT_ANY, .tfmt = TF_NAME, NAMES(dma_expect), .benc = BE_FLAGBITS, .fshift = 4,
	  .fbits = 3, .attr = FA_HASNZ, .bseq = 7, .why = "expect must be ok, blocked, fault or abort" },
	{ .key = "ipa", .type = FT_UINT, AT(dma.ipa), .has = HAS_IPA, .max = UINT64_MAX, .tfmt = TF_HEX,
	  .benc = BE_VAL, .flag = 8, .bseq = 5 },
};

#define F_EVT_TYPE(m, seq) { .type = FT_UINT, AT(m), .max = 0xff, .tfmt = TF_NAME_NUM, NAMES(events), \
			     .benc = BE_SEL, .bw = 1, .bseq = seq, .what = "event" }

static const struct op_field f_expect_event[] = {
	F_EVT_TYPE(event.type, 0),
	FLAGS(1),
	{ .key = "sid", .type = FT_UINT, AT(event.sid), .has = HAS_SID, .max = UINT32_MAX, .tfmt = TF_ID,
	  .benc = BE_UINT, .bw = 4, .flag = 1, .bseq = 2 },
	{ .key = "ssid", .type = FT_UINT, AT(event.ssid), .has = HAS_SSID, .max = VS_FIELD_MAX(EVT0_SSID),
	  .tfmt = TF_ID, .benc = BE_UINT, .bw = 4, .bmask = VS_FIELD_MAX(EVT0_SSID), .flag = 2, .bseq = 3 },
	{ .key = "addr", .type = FT_UINT, AT(event.addr), .has = HAS_ADDR, .max = UINT64_MAX, .tfmt = TF_HEX,
	  .benc = BE_VAL, .flag = 4, .bseq = 4 },
};

static const struct op_field f_expect_irq[] = {
	{ .type = FT_UINT, AT(irq.line), .max = VSMMU_IRQ_PRIQ, .tfmt = TF_NAME, NAMES(irq_lines),
	  .benc = BE_IDX, .bseq = 0, .why = "unknown interrupt line (evtq, gerror, cmd_sync or priq)" },
	FLAGS(1),
	{ .key = "count", .type = FT_UINT, AT(irq.count), .has = HAS_COUNT, .max = UINT64_MAX, .tfmt = TF_DEC,
	  .benc = BE_UINT, .bw = 8, .flag = 1, .bseq = 2 },
};

static const struct op_field f_expect_no_irq[] = {
	{ .type = FT_UINT, AT(irq.line), .max = IRQ_LINE_ALL, .def = IRQ_LINE_ALL, .tfmt = TF_NAME,
	  NAMES(irq_lines), .benc = BE_IDXALL, .attr = FA_PRDEF | FA_OPTPOS, .bseq = 0,
	  .why = "unknown interrupt line (evtq, gerror, cmd_sync or priq)" },
};

#define F_PSMMUN(m) { .type = FT_PSMMU, AT(m), .max = OP_MAX_PSMMU - 1, .bseq = 0 }
#define F_COUNT(m, def_, seq) { .key = "count", .type = FT_UINT, AT(m), .has = HAS_COUNT, \
				.max = UINT32_MAX, .def = def_, .tfmt = TF_DEC, .benc = BE_UINT, .bw = 4, \
				.flag = 1, .bseq = seq }
#define F_BIT01(k, m, h, fl, seq) { .key = k, .type = FT_UINT, AT(m), .has = h, .max = 1, .tfmt = TF_DEC, \
				    .benc = BE_UINT, .bw = 1, .bmask = 1, .flag = fl, .bseq = seq }

static const struct op_field f_inj_event[] = {
	F_PSMMUN(inj_event.psmmu),
	F_EVT_TYPE(inj_event.type, 1),
	{ .key = "psid", .type = FT_UINT, AT(inj_event.psid), .max = UINT32_MAX, .tfmt = TF_ID, .benc = BE_UINT,
	  .bw = 4, .bseq = 2 },
	FLAGS(3),
	{ .key = "ssid", .type = FT_UINT, AT(inj_event.ssid), .has = HAS_SSID, .max = VS_FIELD_MAX(EVT0_SSID),
	  .tfmt = TF_ID, .benc = BE_UINT, .bw = 4, .bmask = VS_FIELD_MAX(EVT0_SSID), .flag = 1, .bseq = 4 },
	{ .key = "addr", .type = FT_UINT, AT(inj_event.addr), .has = HAS_ADDR, .max = UINT64_MAX, .tfmt = TF_HEX,
	  .benc = BE_UINT, .bw = 8, .flag = 2, .bseq = 5 },
	{ .key = "ipa", .type = FT_UINT, AT(inj_event.ipa), .has = HAS_IPA, .max = EVT3_IPA, .tfmt = TF_HEX,
	  .benc = BE_UINT, .bw = 8, .bmask = EVT3_IPA, .flag = 4, .attr = FA_ADDR, .bseq = 6,
	  .why = "address does not fit the IPA field" },
	F_BIT01("rnw", inj_event.rnw, HAS_RNW, 8, 7),
	F_BIT01("s2", inj_event.s2, HAS_S2, 16, 8),
	F_BIT01("stall", inj_event.stall, HAS_STALL, 32, 9),
	{ .key = "class", .type = FT_UINT, AT(inj_event.cls), .has = HAS_CLASS, .max = EVT_CLASS_IN,
	  .tfmt = TF_NAME, NAMES(evt_class), .benc = BE_IDX, .flag = 64, .bseq = 10,
	  .why = "class must be cd, tt or in" },
};

static const struct op_field f_inj_gerror[] = {
	F_PSMMUN(inj_gerror.psmmu),
	{ .type = FT_UINT, AT(inj_gerror.bits), .min = 1, .max = GERROR_ERR_MASK, .def2 = GERROR_CMDQ_ERR,
	  .tfmt = TF_NAME_NUM, NAMES(gerror), .benc = BE_UINT, .bw = 2, .bmask = GERROR_ERR_MASK,
	  .attr = FA_ZMIN | FA_BITSET, .bseq = 1, .what = "GERROR bit", .why = "not a set of GERROR error bits" },
};

static const struct op_field f_inj_evtq_overflow[] = {
	F_PSMMUN(inj_cmd.psmmu),
};

static const struct op_field f_inj_cmd_error[] = {
	F_PSMMUN(inj_cmd.psmmu),
	{ .type = FT_UINT, AT(inj_cmd.code), .min = CERROR_ILL, .max = CERROR_ATC_INV_SYNC, .def = CERROR_ILL,
	  .tfmt = TF_NAME_NUM, NAMES(cerror), .benc = BE_IDX, .bseq = 1, .what = "command error" },
	FLAGS(2),
	F_COUNT(inj_cmd.count, 1, 3),
};

static const struct op_field f_inj_sync_timeout[] = {
	F_PSMMUN(inj_cmd.psmmu),
	FLAGS(1),
	F_COUNT(inj_cmd.count, 1, 2),
};

static const struct op_field f_inj_mem_abort[] = {
	{ .type = FT_UINT, AT(inj_mem.ipa), .max = UINT64_MAX, .tfmt = TF_RANGE_LO, .benc = BE_VAL, .bseq = 0 },
	{ .type = FT_UINT, AT(inj_mem.size), .min = 1, .max = UINT64_MAX, .tfmt = TF_RANGE_HI, .benc = BE_UINT,
	  .bw = 8, .bseq = 1 },
	FLAGS(2),
	F_COUNT(inj_mem.count, 0, 3),
};

static const struct op_field f_inj_alloc_fail[] = {
	FLAGS(0),
	{ .key = "after", .type = FT_UINT, AT(inj_alloc.after), .has = HAS_AFTER, .max = UINT32_MAX,
	  .tfmt = TF_DEC, .benc = BE_UINT, .bw = 4, .flag = 1, .bseq = 1 },
	{ .key = "count", .type = FT_UINT, AT(inj_alloc.count), .has = HAS_COUNT, .max = UINT32_MAX, .def = 1,
	  .tfmt = TF_DEC, .benc = BE_UINT, .bw = 4, .flag = 2, .bseq = 2 },
};

/* ---- the kinds ----------------------------------------------------------- */

#define NOFIELDS .fields = NULL, .nfields = 0

const struct op_schema op_schemas[OP_KIND_NR] = {
	[OP_PSMMU] = { "psmmu", NULL, false, OPC_PLATFORM, ROW(f_psmmu), fold_psmmu },
	[OP_GUEST] = { "guest", NULL, false, OPC_PLATFORM, ROW(f_guest), fold_guest },
	[OP_ASSIGN] = { "assign", NULL, true, OPC_PLATFORM, ROW(f_assign), NULL },
	[OP_UNASSIGN] = { "unassign", NULL, true, OPC_PLATFORM, ROW(f_unassign), NULL },
	[OP_DESTROY] = { "destroy", NULL, true, OPC_PLATFORM, NOFIELDS, NULL },
	[OP_WRITE] = { "write", NULL, true, OPC_GUEST, ROW(f_write), NULL },
	[OP_READ] = { "read", NULL, true, OPC_GUEST, ROW(f_read), NULL },
	[OP_POLL] = { "poll", NULL, true, OPC_GUEST, ROW(f_poll), NULL },
	[OP_MEM] = { "mem", NULL, true, OPC_GUEST, ROW(f_mem), NULL },
	[OP_MEM64] = { "mem64", NULL, true, OPC_GUEST, ROW(f_mem64), NULL },
	[OP_MEMCHECK] = { "memcheck", NULL, true, OPC_GUEST, ROW(f_mem), NULL },
	[OP_STE] = { "ste", NULL, true, OPC_GUEST, ROW(f_ste), NULL },
	[OP_L1STD] = { "l1std", NULL, true, OPC_GUEST, ROW(f_l1std), NULL },
	[OP_CD] = { "cd", NULL, true, OPC_GUEST, ROW(f_cd), NULL },
	[OP_PTPOOL] = { "ptpool", NULL, true, OPC_GUEST, ROW(f_ptpool), NULL },
	[OP_MAP] = { "map", NULL, true, OPC_GUEST, ROW(f_map), fold_map },
	[OP_CMD] = { "cmd", NULL, true, OPC_GUEST, ROW(f_cmd), NULL },
	[OP_KICK] = { "kick", NULL, true, OPC_GUEST, NOFIELDS, NULL },
	[OP_DMA] = { "dma", NULL, true, OPC_GUEST, ROW(f_dma), fold_dma },
	[OP_EXPECT_EVENT] = { "expect-event", NULL, true, OPC_GUEST, ROW(f_expect_event), NULL },
	[OP_EXPECT_NO_EVENT] = { "expect-no-event", NULL, true, OPC_GUEST, NOFIELDS, NULL },
	[OP_EXPECT_IRQ] = { "expect-irq", NULL, true, OPC_GUEST, ROW(f_expect_irq), NULL },
	[OP_EXPECT_NO_IRQ] = { "expect-no-irq", NULL, true, OPC_GUEST, ROW(f_expect_no_irq), NULL },
	[OP_INJ_EVENT] = { "inject", "event", false, OPC_INJECT, ROW(f_inj_event), NULL },
	[OP_INJ_GERROR] = { "inject", "gerror", false, OPC_INJECT, ROW(f_inj_gerror), NULL },
	[OP_INJ_EVTQ_OVERFLOW] = { "inject", "evtq-overflow", false, OPC_INJECT, ROW(f_inj_evtq_overflow), NULL },
	[OP_INJ_CMD_ERROR] = { "inject", "cmd-error", false, OPC_INJECT, ROW(f_inj_cmd_error), NULL },
	[OP_INJ_SYNC_TIMEOUT] = { "inject", "sync-timeout", false, OPC_INJECT, ROW(f_inj_sync_timeout), NULL },
	[OP_INJ_MEM_ABORT] = { "inject", "mem-abort", true, OPC_INJECT, ROW(f_inj_mem_abort), fold_mem_abort },
	[OP_INJ_MEM_ABORT_OFF] = { "inject", "mem-abort off", true, OPC_INJECT, NOFIELDS, NULL },
	[OP_INJ_ALLOC_FAIL] = { "inject", "alloc-fail", false, OPC_INJECT, ROW(f_inj_alloc_fail), NULL },
	[OP_SETTLE] = { "settle", NULL, false, OPC_HYP, NOFIELDS, NULL },
	[OP_EXPECT_ISOLATION] = { "expect-isolation", NULL, false, OPC_HYP, NOFIELDS, NULL },
};

const struct op_schema *op_schema_of(unsigned kind)
{
	return kind < OP_KIND_NR ? &op_schemas[kind] : NULL;
}

bool op_names_guest(unsigned kind)
{
	return kind < OP_KIND_NR && op_schemas[kind].names_guest;
}

enum op_class op_class_of(unsigned kind)
{
	return kind < OP_KIND_NR ? (enum op_class)op_schemas[kind].cls : OPC_GUEST;
}

/* The whole member, of width 1, 2, 4 or 8. */
static uint64_t member_get(const struct op *op, const struct op_field *f)
{
	const unsigned char *p = (const unsigned char *)op + f->off;
	uint8_t v8;
	uint16_t v16;
	uint32_t v32;
	uint64_t v64;

	switch (f->width) {
	case 1: memcpy(&v8, p, 1); return v8;
	case 2: memcpy(&v16, p, 2); return v16;
	case 4: memcpy(&v32, p, 4); return v32;
	case 8: memcpy(&v64, p, 8); return v64;
	default: return 0;
	}
}

static void member_set(struct op *op, const struct op_field *f, uint64_t v)
{
	unsigned char *p = (unsigned char *)op + f->off;
	uint8_t v8 = (uint8_t)v;
	uint16_t v16 = (uint16_t)v;
	uint32_t v32 = (uint32_t)v;

	switch (f->width) {
	case 1: memcpy(p, &v8, 1); break;
	case 2: memcpy(p, &v16, 2); break;
	case 4: memcpy(p, &v32, 4); break;
	case 8: memcpy(p, &v, 8); break;
	default: break;
	}
}

uint64_t op_field_get(const struct op *op, const struct op_field *f)
{
	uint64_t v = member_get(op, f);

	return f->mmask ? VS_FIELD_GET(f->mmask, v) : v;
}

void op_field_set(struct op *op, const struct op_field *f, uint64_t v)
{
	if (f->mmask) {
		uint64_t w = member_get(op, f);

		VS_FIELD_SET(w, f->mmask, v);
		v = w;
	} else if (f->width == 1 && f->max == 1) {
		/* bool members (cmd.nokick, dma.write, psmmu.noril) hold only 0 or 1 */
		v &= 1;
	}
	member_set(op, f, v);
}

uint64_t op_field_max(const struct op *op, const struct op_field *f)
{
	if ((f->attr & FA_SIZEMAX) && op->u.reg.size < 8)
		return (UINT64_C(1) << (8 * op->u.reg.size)) - 1;
	return f->max;
}
