/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * regs.c - the MMIO register file: access decoding (any offset in the
 * 128 KiB window, sizes 1/2/4/8, any alignment; 64-bit registers are two
 * 32-bit halves; sub-word writes merge into the containing 32-bit register),
 * write guards, index masking and the side effects of each register.
 */
#include "vsmmu/internal.h"
#include "vsmmu/regs_read.h"

static void set_half(uint64_t *reg, bool hi, uint32_t val, uint64_t mask)
{
	uint64_t r = *reg;

	if (hi)
		r = (r & UINT64_C(0xffffffff)) | ((uint64_t)val << 32);
	else
		r = (r & ~UINT64_C(0xffffffff)) | val;
	*reg = r & mask;
}

static bool smmu_enabled(const struct vsmmu *v)
{
	return ((v->cr0 | v->cr0ack) & CR0_SMMUEN) != 0;
}

static bool q_enabled(const struct vsmmu *v, uint32_t bit)
{
	return ((v->cr0 | v->cr0ack) & bit) != 0;
}

static void write_cr0(struct vsmmu *v, uint32_t val)
{
	uint32_t old = v->cr0;

	v->cr0 = val & (uint32_t)(CR0_SMMUEN | CR0_EVENTQEN | CR0_CMDQEN);
	if (!VS_DEFECT(v, CR0ACK_STUCK))
		v->cr0ack = v->cr0;
#ifdef VSMMU_DEFECTS
	if (VS_DEFECT(v, SHADOW_STRTAB_ALLOC) && (v->cr0 & ~old & CR0_SMMUEN))
		vs_strtab_shadow(v);
#endif
	if ((old ^ v->cr0) & CR0_SMMUEN)
		vs_streams_refresh_all(v);   /* STEs on enable, GBPA on disable */
	if (!(old & CR0_CMDQEN) && (v->cr0 & CR0_CMDQEN))
		vs_cmdq_process(v, VSMMU_CMD_BUDGET);
}

static void write_cr1(struct vsmmu *v, uint32_t val)
{
	uint64_t table = CR1_TABLE_IC | CR1_TABLE_OC | CR1_TABLE_SH;
	uint64_t queue = CR1_QUEUE_IC | CR1_QUEUE_OC | CR1_QUEUE_SH;
	uint64_t r = v->cr1;

	if (!smmu_enabled(v))
		r = (r & ~table) | (val & table);
	if (!q_enabled(v, CR0_CMDQEN | CR0_EVENTQEN))
		r = (r & ~queue) | (val & queue);
	v->cr1 = (uint32_t)r;
}

static void write_gbpa(struct vsmmu *v, uint32_t val)
{
	uint32_t fields = (uint32_t)(GBPA_MEMATTR | GBPA_MTCFG | GBPA_ALLOCCFG | GBPA_SHCFG |
				     GBPA_PRIVCFG | GBPA_INSTCFG | GBPA_ABORT);
	uint32_t old = v->gbpa;

	if (!(val & GBPA_UPDATE))
		return;                      /* writes without Update are ignored */
	v->gbpa = val & fields;              /* applied at once: Update reads 0 */
	if (!(v->cr0 & CR0_SMMUEN) && ((old ^ v->gbpa) & GBPA_ABORT))
		vs_streams_refresh_all(v);
}

/* *_IRQ_CFG0/1/2 (6.3.21-23, 6.3.30-32): present only with IDR0.MSI
 * (RES0 otherwise: RAZ/WI). Guarded by their IRQ_CTRL enable: a write
 * while the enable (or its ACK) is 1 is ignored - the SMMUv3.2 behaviour,
 * one of the CONSTRAINED UNPREDICTABLE choices of v3.1 - so the MSI target
 * cannot change under an enabled source. CFG0 keeps ADDR[55:2] below the
 * OAS (the bits above are RES0 and need not be stored), CFG1 the 32-bit
 * DATA, CFG2 SH and MemAttr. */
static void write_irq_cfg(struct vsmmu *v, uint32_t off, uint32_t val)
{
	bool ev = off >= SMMU_EVENTQ_IRQ_CFG0;
	uint32_t en = ev ? (uint32_t)IRQ_CTRL_EVENTQ_IRQEN : (uint32_t)IRQ_CTRL_GERROR_IRQEN;
	uint32_t base = ev ? SMMU_EVENTQ_IRQ_CFG0 : SMMU_GERROR_IRQ_CFG0;

	if (!vs_msi_advertised(v))
		return;
	if (((v->irq_ctrl | v->irq_ctrlack) & en) && !VS_DEFECT(v, IRQ_CFG_UNGUARDED))
		return;
	switch (off - base) {
	case 0:
	case 4:
		set_half(ev ? &v->eventq_irq_cfg0 : &v->gerror_irq_cfg0, off != base, val,
			 vs_msi_addr_mask(v));
		break;
	case 8:
		*(ev ? &v->eventq_irq_cfg1 : &v->gerror_irq_cfg1) = val;
		break;
	default:
		*(ev ? &v->eventq_irq_cfg2 : &v->gerror_irq_cfg2) =
			val & (uint32_t)(IRQ_CFG2_MEMATTR | IRQ_CFG2_SH);
		break;
	}
}

static void write_gerrorn(struct vsmmu *v, uint32_t val)
{
	bool was_err = vs_gerror_active(v, GERROR_CMDQ_ERR);

	v->gerrorn = val & vs_gerror_impl(v);   /* bits of unadvertised features: RES0 */
	if (was_err && !vs_gerror_active(v, GERROR_CMDQ_ERR))
		vs_cmdq_process(v, VSMMU_CMD_BUDGET);   /* resume from CONS */
}

static void reg_write32(struct vsmmu *v, uint32_t off, uint32_t val)
{
	uint32_t m;

	/* the defect: 64-bit registers decoded as 32-bit ones, so a write to
	 * an upper half (or the upper half of a 64-bit write) is lost */
	if (VS_DEFECT(v, REG64_HI_DROPPED) &&
	    (off == SMMU_STRTAB_BASE + 4 || off == SMMU_CMDQ_BASE + 4 || off == SMMU_EVENTQ_BASE + 4 ||
	     off == SMMU_GERROR_IRQ_CFG0 + 4 || off == SMMU_EVENTQ_IRQ_CFG0 + 4))
		return;
	switch (off) {
	case SMMU_CR0:
		write_cr0(v, val);
		break;
	case SMMU_CR1:
		write_cr1(v, val);
		break;
	case SMMU_CR2:
		if (!smmu_enabled(v))
			v->cr2 = val & (uint32_t)CR2_RECINVSID;   /* E2H/PTM/REC_CFG_ATS: RES0 here */
		break;
	case SMMU_GBPA:
		write_gbpa(v, val);
		break;
	case SMMU_IRQ_CTRL:
		v->irq_ctrl = val & (uint32_t)(IRQ_CTRL_GERROR_IRQEN | IRQ_CTRL_EVENTQ_IRQEN);
		v->irq_ctrlack = v->irq_ctrl;
		break;
	case SMMU_GERRORN:
		write_gerrorn(v, val);
		break;
	case SMMU_GERROR_IRQ_CFG0:
	case SMMU_GERROR_IRQ_CFG0 + 4:
	case SMMU_GERROR_IRQ_CFG1:
	case SMMU_GERROR_IRQ_CFG2:
	case SMMU_EVENTQ_IRQ_CFG0:
	case SMMU_EVENTQ_IRQ_CFG0 + 4:
	case SMMU_EVENTQ_IRQ_CFG1:
	case SMMU_EVENTQ_IRQ_CFG2:
		write_irq_cfg(v, off, val);
		break;
	case SMMU_STRTAB_BASE:
	case SMMU_STRTAB_BASE + 4:
		if (!smmu_enabled(v))
			set_half(&v->strtab_base, off != SMMU_STRTAB_BASE, val,
				 STRTAB_BASE_ADDR | STRTAB_BASE_RA);
		break;
	case SMMU_STRTAB_BASE_CFG:
		if (!smmu_enabled(v)) {
			v->strtab_base_cfg = val & (uint32_t)(STRTAB_BASE_CFG_LOG2SIZE |
							      STRTAB_BASE_CFG_SPLIT |
							      STRTAB_BASE_CFG_FMT);
			if (VS_FIELD_GET(STRTAB_BASE_CFG_FMT, val) == STRTAB_FMT_2LVL)
				v->strtab_2lvl_cached = true;
		}
		break;
	case SMMU_CMDQ_BASE:
	case SMMU_CMDQ_BASE + 4:
		if (!q_enabled(v, CR0_CMDQEN))
			set_half(&v->cmdq_base, off != SMMU_CMDQ_BASE, val,
				 Q_BASE_ADDR | Q_BASE_RWA | Q_BASE_LOG2SIZE);
		break;
	case SMMU_CMDQ_PROD:
		v->cmdq_prod = val & vs_q_mask(vs_cmdq_qs(v));
		vs_cmdq_process(v, VSMMU_CMD_BUDGET);
		break;
	case SMMU_CMDQ_CONS:
		if (!q_enabled(v, CR0_CMDQEN))
			v->cmdq_cons = val & ((uint32_t)CMDQ_CONS_ERR | vs_q_mask(vs_cmdq_qs(v)));
		break;
	case SMMU_EVENTQ_BASE:
	case SMMU_EVENTQ_BASE + 4:
		if (!q_enabled(v, CR0_EVENTQEN))
			set_half(&v->eventq_base, off != SMMU_EVENTQ_BASE, val,
				 Q_BASE_ADDR | Q_BASE_RWA | Q_BASE_LOG2SIZE);
		break;
	case SMMU_EVENTQ_PROD:
	case SMMU_EVENTQ_PROD_ALIAS:
		m = (uint32_t)EVENTQ_PROD_OVFLG | vs_q_mask(vs_eventq_qs(v));
		if (!q_enabled(v, CR0_EVENTQEN))
			v->eventq_prod = val & m;
		break;
	case SMMU_EVENTQ_CONS:
	case SMMU_EVENTQ_CONS_ALIAS:
		m = (uint32_t)EVENTQ_CONS_OVACKFLG | vs_q_mask(vs_eventq_qs(v));
		v->eventq_cons = val & m;
		break;
	default:
		break;   /* RO or RAZ/WI */
	}
}

uint64_t vsmmu_mmio_read(struct vsmmu *v, uint64_t offset, unsigned size)
{
	uint64_t r;

	vs_call_begin(v);
	v->stats.traps++;
	r = reg_read(v, offset, size);
	vs_call_end(v);
	return r;
}

void vsmmu_mmio_write(struct vsmmu *v, uint64_t offset, unsigned size, uint64_t value)
{
	uint64_t first, last, w;

	vs_call_begin(v);
	v->stats.traps++;
	if ((size == 1 || size == 2 || size == 4 || size == 8) && offset < SMMU_MMIO_SIZE &&
	    size <= SMMU_MMIO_SIZE - offset) {
		first = offset & ~UINT64_C(3);
		last = (offset + size - 1) & ~UINT64_C(3);
		for (w = first; w <= last; w += 4) {
			uint32_t cur = 0, nv;
			unsigned b;
			bool whole = w >= offset && w + 4 <= offset + size;

			if (!whole)
				cur = reg_read32(v, (uint32_t)w);
			nv = cur;
			for (b = 0; b < 4; b++) {
				uint64_t a = w + b;

				if (a < offset || a >= offset + size)
					continue;
				nv &= ~(UINT32_C(0xff) << (8 * b));
				nv |= (uint32_t)((value >> (8 * (a - offset))) & 0xffu) << (8 * b);
			}
			reg_write32(v, (uint32_t)w, nv);
		}
	}
	vs_call_end(v);
}
