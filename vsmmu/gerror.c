/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * gerror.c - global errors (GERROR/GERRORN toggle protocol) and the wired
 * interrupt lines of the virtual SMMU.
 */
#include "vsmmu/internal.h"

bool vs_gerror_active(const struct vsmmu *v, uint32_t bit)
{
	return ((v->gerror ^ v->gerrorn) & bit) != 0;
}

void vs_irq(struct vsmmu *v, enum vsmmu_irq_line line)
{
	if (v->env.raise_irq)
		v->env.raise_irq(v->env.ctx, line);
}

/* Activate a global error: GERROR[bit] toggles only while it is inactive. */
void vs_gerror_raise(struct vsmmu *v, uint32_t bit)
{
	if (vs_gerror_active(v, bit))
		return;
	v->gerror ^= bit;
	vs_trace(v, VSMMU_TRACE_GERROR, 0, 0, 0, bit, NULL, 0);
	if (v->irq_ctrl & IRQ_CTRL_GERROR_IRQEN)
		vs_irq(v, VSMMU_IRQ_GERROR);
}

/* GERROR/GERRORN bits that exist for what the IDRs advertise (spec 6.3.20):
 * CMDQ_ERR, EVENTQ_ABT_ERR and SFM_ERR always; the MSI abort bits only
 * with IDR0.MSI, the PRI queue ones only with IDR0.PRI, CMDQP_ERR only with
 * IDR1.ECMDQ; the rest (and DPT_ERR: IDR3 advertises nothing) is RES0. */
uint32_t vs_gerror_impl(const struct vsmmu *v)
{
	uint64_t m = GERROR_CMDQ_ERR | GERROR_EVENTQ_ABT_ERR | GERROR_SFM_ERR;

	if (v->idr[0] & IDR0_MSI)
		m |= GERROR_MSI_CMDQ_ABT_ERR | GERROR_MSI_EVENTQ_ABT_ERR | GERROR_MSI_GERROR_ABT_ERR;
	if (v->idr[0] & IDR0_PRI)
		m |= GERROR_PRIQ_ABT_ERR;
	if ((v->idr[0] & IDR0_MSI) && (v->idr[0] & IDR0_PRI))
		m |= GERROR_MSI_PRIQ_ABT_ERR;
	if (v->idr[1] & IDR1_ECMDQ)
		m |= GERROR_CMDQP_ERR;
	return (uint32_t)m;
}
