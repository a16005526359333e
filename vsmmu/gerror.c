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
