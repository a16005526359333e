/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * regs_read.h - what a register read returns: the one decoding of a read
 * access (any offset in the 128 KiB window, sizes 1/2/4/8, any alignment,
 * 64-bit registers as two 32-bit halves). Included by regs.c, for the
 * guest's trapped reads and the read-merge of sub-word writes, and by
 * peek.c, for vsmmu_mmio_peek(): two copies of the same source, so that a
 * hypervisor's (or the test oracle's) look at a register returns exactly
 * what the guest's read would. They are compiled separately on purpose:
 * fuzzing builds leave peek.c without coverage instrumentation, because an
 * observer's probes say nothing about what the guest made libvsmmu do.
 * Reads have no side effects in SMMUv3, so nothing here writes.
 */
#ifndef VSMMU_REGS_READ_H
#define VSMMU_REGS_READ_H

#include "vsmmu/internal.h"

#define LO32(x) ((uint32_t)(x))
#define HI32(x) ((uint32_t)((x) >> 32))

static uint32_t reg_read32(const struct vsmmu *v, uint32_t off)
{
	switch (off) {
	case SMMU_IDR0: return v->idr[0];
	case SMMU_IDR1: return v->idr[1];
	case SMMU_IDR2: return v->idr[2];
	case SMMU_IDR3: return v->idr[3];
	case SMMU_IDR4: return v->idr[4];
	case SMMU_IDR5: return v->idr[5];
	case SMMU_IIDR: return 0;
	case SMMU_AIDR: return (uint32_t)VS_FIELD_PREP(AIDR_ARCH_MINOR, 1);   /* v3.1 */
	case SMMU_CR0: return v->cr0;
	case SMMU_CR0ACK: return v->cr0ack;
	case SMMU_CR1: return v->cr1;
	case SMMU_CR2: return v->cr2;
	case SMMU_STATUSR: return 0;
	case SMMU_GBPA: return v->gbpa;
	case SMMU_IRQ_CTRL: return v->irq_ctrl;
	case SMMU_IRQ_CTRLACK: return v->irq_ctrlack;
	case SMMU_GERROR: return v->gerror;
	case SMMU_GERRORN: return v->gerrorn;
	case SMMU_GERROR_IRQ_CFG0: return LO32(v->gerror_irq_cfg0);   /* 0 without MSI */
	case SMMU_GERROR_IRQ_CFG0 + 4: return HI32(v->gerror_irq_cfg0);
	case SMMU_GERROR_IRQ_CFG1: return v->gerror_irq_cfg1;
	case SMMU_GERROR_IRQ_CFG2: return v->gerror_irq_cfg2;
	case SMMU_STRTAB_BASE: return LO32(v->strtab_base);
	case SMMU_STRTAB_BASE + 4: return HI32(v->strtab_base);
	case SMMU_STRTAB_BASE_CFG: return v->strtab_base_cfg;
	case SMMU_CMDQ_BASE: return LO32(v->cmdq_base);
	case SMMU_CMDQ_BASE + 4: return HI32(v->cmdq_base);
	case SMMU_CMDQ_PROD: return v->cmdq_prod & vs_q_mask(vs_cmdq_qs(v));
	case SMMU_CMDQ_CONS:
		if (VS_DEFECT(v, CMDQ_CONS_STALE_MASK))
			return v->cmdq_cons;   /* the defect: "masked when written" */
		return (v->cmdq_cons & (uint32_t)CMDQ_CONS_ERR) |
		       (v->cmdq_cons & vs_q_mask(vs_cmdq_qs(v)));
	case SMMU_EVENTQ_BASE: return LO32(v->eventq_base);
	case SMMU_EVENTQ_BASE + 4: return HI32(v->eventq_base);
	case SMMU_EVENTQ_PROD:
	case SMMU_EVENTQ_PROD_ALIAS:
		return (v->eventq_prod & (uint32_t)EVENTQ_PROD_OVFLG) |
		       (v->eventq_prod & vs_q_mask(vs_eventq_qs(v)));
	case SMMU_EVENTQ_CONS:
	case SMMU_EVENTQ_CONS_ALIAS:
		return (v->eventq_cons & (uint32_t)EVENTQ_CONS_OVACKFLG) |
		       (v->eventq_cons & vs_q_mask(vs_eventq_qs(v)));
	case SMMU_EVENTQ_IRQ_CFG0: return LO32(v->eventq_irq_cfg0);
	case SMMU_EVENTQ_IRQ_CFG0 + 4: return HI32(v->eventq_irq_cfg0);
	case SMMU_EVENTQ_IRQ_CFG1: return v->eventq_irq_cfg1;
	case SMMU_EVENTQ_IRQ_CFG2: return v->eventq_irq_cfg2;
	default: return 0;   /* RAZ: reserved, PRIQ (no PRI), IMPDEF, page 1 holes */
	}
}

/* An access of size bytes at offset; out-of-window or odd sizes read 0. */
static uint64_t reg_read(const struct vsmmu *v, uint64_t offset, unsigned size)
{
	uint64_t r = 0, off;

	if (!((size == 1 || size == 2 || size == 4 || size == 8) && offset < SMMU_MMIO_SIZE &&
	      size <= SMMU_MMIO_SIZE - offset))
		return 0;
	if (size == 4 && !(offset & 3))
		return reg_read32(v, (uint32_t)offset);
	if (size == 8 && !(offset & 7))   /* what the byte loop gives, two lookups instead of eight */
		return reg_read32(v, (uint32_t)offset) |
		       (uint64_t)reg_read32(v, (uint32_t)offset + 4) << 32;
	for (unsigned i = 0; i < size; i++) {
		off = offset + i;
		r |= (uint64_t)((reg_read32(v, (uint32_t)(off & ~UINT64_C(3))) >> (8 * (off & 3))) & 0xffu)
		     << (8 * i);
	}
	return r;
}

#endif
