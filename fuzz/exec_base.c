/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * exec_base.c - where the guest driver finds its structures: the effective
 * base addresses, aligned exactly as the SMMU aligns them
 * (docs/scenario-language.md section 6.7), computed from the guest's own registers read through
 * MMIO as a driver reads them. Nothing here looks inside libvsmmu.
 *
 * - STRTAB_BASE (spec 6.3.24): linear, ADDR[LOG2SIZE+5:0] = 0; 2-level,
 *   ADDR[MAX(5, LOG2SIZE-SPLIT+2):0] = 0, both with the literal LOG2SIZE
 *   (not capped by IDR1.SIDSIZE).
 * - CMDQ_BASE / EVENTQ_BASE (6.3.26, 6.3.29): aligned to the larger of the
 *   queue size in bytes and 32 bytes, the size from LOG2SIZE capped at the
 *   IDR1 maximum of that queue.
 */
#include "fuzz/exec_int.h"

/* Bits [hi:0] of an address cleared; hi may exceed 63. */
static uint64_t align_low(uint64_t a, unsigned hi)
{
	return hi >= 63 ? 0 : a & ~VS_GENMASK(hi, 0);
}

unsigned exec_split(uint64_t cfg)
{
	unsigned split = (unsigned)VS_FIELD_GET(STRTAB_BASE_CFG_SPLIT, cfg);

	return split == 6 || split == 8 || split == 10 ? split : 6;   /* reserved: as 6 */
}

uint64_t exec_strtab_base(struct exec_ctx *x, int g, uint64_t *cfg_out)
{
	uint64_t base = exec_mmio_read(x, g, SMMU_STRTAB_BASE, 8) & STRTAB_BASE_ADDR;
	uint64_t cfg = exec_mmio_read(x, g, SMMU_STRTAB_BASE_CFG, 4);
	unsigned log2size = (unsigned)VS_FIELD_GET(STRTAB_BASE_CFG_LOG2SIZE, cfg);
	unsigned split = exec_split(cfg);

	if (cfg_out)
		*cfg_out = cfg;
	if (VS_FIELD_GET(STRTAB_BASE_CFG_FMT, cfg) != STRTAB_FMT_2LVL)
		return align_low(base, log2size + 5);
	return align_low(base, log2size > split + 3 ? log2size - split + 2 : 5);
}

uint64_t exec_queue_base(struct exec_ctx *x, int g, bool cmdq, unsigned *qs_out)
{
	uint64_t reg = exec_mmio_read(x, g, cmdq ? SMMU_CMDQ_BASE : SMMU_EVENTQ_BASE, 8);
	uint64_t idr1 = exec_mmio_read(x, g, SMMU_IDR1, 4);
	unsigned qs = vs_q_log2size(reg, (unsigned)(cmdq ? VS_FIELD_GET(IDR1_CMDQS, idr1) :
						       VS_FIELD_GET(IDR1_EVENTQS, idr1)));

	if (qs_out)
		*qs_out = qs;
	return vs_q_base(reg, qs, cmdq ? CMD_SHIFT : EVT_SHIFT);
}
