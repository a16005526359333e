/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * gerror.c - global errors (GERROR/GERRORN toggle protocol) and their
 * interrupt (msi.c).
 */
#include "vsmmu/internal.h"

bool vs_gerror_active(const struct vsmmu *v, uint32_t bit)
{
	return ((v->gerror ^ v->gerrorn) & bit) != 0;
}

/* Activate a global error: GERROR[bit] toggles only while it is inactive.
 * Its interrupt (wired line and MSI) follows the toggle, so a guest that
 * sees the interrupt sees the bit (3.18). MSI_GERROR_ABT_ERR triggers no
 * GERROR interrupt (7.5.1: the GERROR MSI just aborted, another to the
 * same address may abort again), which also ends the chain a failing MSI
 * starts (CMD_SYNC MSI abort -> GERROR MSI abort -> stop). */
void vs_gerror_raise(struct vsmmu *v, uint32_t bit)
{
	if (!bit || vs_gerror_active(v, bit))
		return;
	v->gerror ^= bit;
	vs_trace(v, VSMMU_TRACE_GERROR, 0, 0, 0, bit, NULL, 0);
	if ((v->irq_ctrl & IRQ_CTRL_GERROR_IRQEN) && bit != GERROR_MSI_GERROR_ABT_ERR)
		vs_notify(v, VSMMU_IRQ_GERROR, true);
}

/* GERROR/GERRORN bits that exist for what the IDRs advertise (spec 6.3.20):
 * CMDQ_ERR, EVENTQ_ABT_ERR and SFM_ERR always; the MSI abort bits only
 * with IDR0.MSI, the PRI queue ones only with IDR0.PRI, CMDQP_ERR only with
 * IDR1.ECMDQ; the rest (and DPT_ERR: no IDR3.DPT) is RES0. */
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
