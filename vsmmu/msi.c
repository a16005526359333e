/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * msi.c - completion and error notification of the virtual SMMU: the wired
 * lines and, with IDR0.MSI, the MSIs of spec 3.18: a 32-bit write of the
 * configured data to the configured address. For a guest that address is
 * an IPA, so the write is one more access the hypervisor makes for the
 * guest: env.mem_write, through the guest's stage 2, like an event record.
 * A write that aborts activates the source's GERROR.MSI_*_ABT_ERR.
 */
#include "vsmmu/internal.h"

void vs_irq(struct vsmmu *v, enum vsmmu_irq_line line)
{
	if (v->env.raise_irq)
		v->env.raise_irq(v->env.ctx, line);
}

bool vs_msi_advertised(const struct vsmmu *v)
{
	return (v->idr[0] & IDR0_MSI) != 0;
}

/* ADDR[55:2] with the bits at and above the OAS dropped: they are RES0
 * (6.3.21; CMD_SYNC MSIAddress is truncated to the OAS, 3.4.3). */
uint64_t vs_msi_addr_mask(const struct vsmmu *v)
{
	uint64_t m = IRQ_CFG0_ADDR;

	if (v->cfg.oas_bits < 56)
		m &= (UINT64_C(1) << v->cfg.oas_bits) - 1;
	return m;
}

static uint32_t abort_bit(enum vsmmu_irq_line line)
{
	switch (line) {
	case VSMMU_IRQ_CMD_SYNC: return (uint32_t)GERROR_MSI_CMDQ_ABT_ERR;
	case VSMMU_IRQ_EVTQ: return (uint32_t)GERROR_MSI_EVENTQ_ABT_ERR;
	case VSMMU_IRQ_GERROR: return (uint32_t)GERROR_MSI_GERROR_ABT_ERR;
	default: return 0;
	}
}

/* One MSI of source line. addr is the guest's as configured (ADDR[55:2]
 * == 0: no MSI, spec 6.3.21 / 4.7.3). The write is 32-bit little-endian, word
 * aligned (bits [1:0] are zero by construction). MemAttr/SH (IRQ_CFG2,
 * CMD_SYNC MSIAttr/MSH) are accepted and not used: guest memory is
 * coherent normal memory to the hypervisor, and the architecture makes
 * every other attribute of an MSI IMPLEMENTATION DEFINED. */
void vs_msi_send(struct vsmmu *v, enum vsmmu_irq_line line, uint64_t addr, uint32_t data)
{
	uint8_t b[4];
	uint64_t rec[3];
	int rc;

	/* "no MSI" is judged on the whole ADDR[55:2] field, before the
	 * truncation to the OAS (4.7.3) */
	if (!vs_msi_advertised(v) || (addr & IRQ_CFG0_ADDR) == 0)
		return;
	addr &= vs_msi_addr_mask(v);
	b[0] = (uint8_t)data;
	b[1] = (uint8_t)(data >> 8);
	b[2] = (uint8_t)(data >> 16);
	b[3] = (uint8_t)(data >> 24);
	v->work++;
	rc = v->env.mem_write(v->env.ctx, addr, b, sizeof(b));
	rec[0] = addr;
	rec[1] = data;
	rec[2] = rc != 0;
	vs_trace(v, VSMMU_TRACE_MSI, 0, 0, 0, (uint64_t)line, rec, 3);
	if (rc != 0 && !VS_DEFECT(v, MSI_ABT_NOT_RAISED))
		vs_gerror_raise(v, abort_bit(line));
}

/* The GERROR or event queue interrupt: the wired line, and (msi) the MSI
 * of its *_IRQ_CFG registers. The caller checked the IRQ_CTRL enable. */
void vs_notify(struct vsmmu *v, enum vsmmu_irq_line line, bool msi)
{
	vs_irq(v, line);
	if (!msi)
		return;
	if (line == VSMMU_IRQ_GERROR)
		vs_msi_send(v, line, v->gerror_irq_cfg0, v->gerror_irq_cfg1);
	else if (line == VSMMU_IRQ_EVTQ)
		vs_msi_send(v, line, v->eventq_irq_cfg0, v->eventq_irq_cfg1);
}
