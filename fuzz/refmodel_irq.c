/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * refmodel_irq.c - the wired interrupt lines of the virtual SMMU (spec
 * 3.18.2, 4.7.3, 6.3.18), as the guest sees them: a pulse per line,
 * counted per op (an op includes its hypervisor round).
 *
 * Whether an SMMU has wired lines is IMPLEMENTATION DEFINED; the
 * environment says (rm_env.wired). libvsmmu has them (vsmmu_env.raise_irq:
 * Xen injects them as virtual SPIs), so the oracle sets it, and the model
 * then requires them as it requires MSIs, whatever the MSI configuration:
 * - event queue: pulses only while IRQ_CTRL.EVENTQ_IRQEN is 1, at most one
 *   per record written (edges may coalesce, 3.18), at least one when a
 *   record went into an empty queue (the trigger of 3.18.2);
 * - GERROR: pulses only while GERROR_IRQEN is 1, at most one per error
 *   activated (MSI_GERROR_ABT_ERR excepted, 7.5.1), at least one when one
 *   was;
 * - CMD_SYNC: exactly one per consumed CMD_SYNC with CS = SIG_IRQ, whatever
 *   IRQ_CTRL and MSIAddress say (4.7.3: "regardless of the value of
 *   MSIAddress"; IRQ_CTRL has no CMD_SYNC enable);
 * - PRI queue: never without IDR0.PRI, never while PRIQ_IRQEN is 0.
 * An enable written during the op (IRQ_CTRL was one value at its start and
 * another at its end) permits the pulses of either value and requires
 * none. Before 4 Dec 2026 only the oracle's dead-guest check looked at the
 * lines: an ungated event interrupt (docs/detect.md, public emulators: "Xen injects event
 * interrupts without looking at IRQ_CTRL") was caught only by scripted
 * scenarios (EVTQ_IRQ_UNGATED).
 */
#include <inttypes.h>

#include "fuzz/refmodel_int.h"

void rm_irq_pulse(struct refmodel *m, int g, enum vsmmu_irq_line line)
{
	if (line < VSMMU_IRQ_NR && m->g[g].irq_pulses[line] < UINT32_MAX)
		m->g[g].irq_pulses[line]++;
}

void rm_irq_sync_consumed(struct refmodel *m, int g, const uint64_t cmd[CMD_DWORDS])
{
	if (VS_FIELD_GET(CMD0_SYNC_CS, cmd[0]) == CMD_SYNC_CS_IRQ && m->g[g].irq_syncs < UINT32_MAX)
		m->g[g].irq_syncs++;
}

void rm_irq_op_end(struct refmodel *m, int g, uint32_t gerr)
{
	struct rm_guest *G = &m->g[g];
	uint32_t either = G->irq_ctrl_start | G->irq_ctrl, both = G->irq_ctrl_start & G->irq_ctrl;
	/* errors activated in the op: GERROR toggled (msi_gerr_start is GERROR
	 * at the start of the op, kept with or without MSIs); an
	 * acknowledgement in the op (GERRORN toggled) lets the same error
	 * activate once more */
	uint32_t tog = gerr ^ G->msi_gerr_start;
	unsigned act = (unsigned)__builtin_popcount(tog & RM_GERROR_IRQ_ERRS);
	unsigned acked = (unsigned)__builtin_popcount((G->gerrorn ^ G->irq_gerrorn_start) & RM_GERROR_IRQ_ERRS);
	unsigned gmax = act + acked;
	const uint32_t *n = G->irq_pulses;
	bool loose = G->irq_loose || G->msi_loose;

	if (!m->env.wired)
		goto out;
	m->checks++;
	if (n[VSMMU_IRQ_PRIQ] && (!(G->idr[0] & IDR0_PRI) || !(either & IRQ_CTRL_PRIQ_IRQEN)))
		rm_fire(m, g, "field=irq-priq expected=0(%s) seen=%" PRIu32,
			(G->idr[0] & IDR0_PRI) ? "PRIQ_IRQEN=0" : "IDR0.PRI=0", n[VSMMU_IRQ_PRIQ]);
	else if (n[VSMMU_IRQ_EVTQ] && !(either & IRQ_CTRL_EVENTQ_IRQEN))
		rm_fire(m, g, "field=irq-evtq expected=0(EVENTQ_IRQEN=0) seen=%" PRIu32, n[VSMMU_IRQ_EVTQ]);
	else if (!G->irq_loose && n[VSMMU_IRQ_EVTQ] > G->irq_records)
		rm_fire(m, g, "field=irq-evtq expected=<=%" PRIu32 "(one per record written) seen=%" PRIu32,
			G->irq_records, n[VSMMU_IRQ_EVTQ]);
	else if ((both & IRQ_CTRL_EVENTQ_IRQEN) && G->evtq_msi_due && !loose && !n[VSMMU_IRQ_EVTQ])
		rm_fire(m, g, "field=irq-evtq expected=>=1(a record into an empty queue) seen=0");
	else if (n[VSMMU_IRQ_GERROR] && !(either & IRQ_CTRL_GERROR_IRQEN))
		rm_fire(m, g, "field=irq-gerror expected=0(GERROR_IRQEN=0) seen=%" PRIu32, n[VSMMU_IRQ_GERROR]);
	else if (n[VSMMU_IRQ_GERROR] > gmax)
		rm_fire(m, g, "field=irq-gerror expected=<=%u(GERROR 0x%" PRIx32 " activated) seen=%" PRIu32,
			gmax, tog, n[VSMMU_IRQ_GERROR]);
	else if ((both & IRQ_CTRL_GERROR_IRQEN) && act && !n[VSMMU_IRQ_GERROR])
		rm_fire(m, g, "field=irq-gerror expected=>=1(GERROR 0x%" PRIx32 " activated) seen=0", tog);
	else if (!loose && n[VSMMU_IRQ_CMD_SYNC] != G->irq_syncs)
		rm_fire(m, g, "field=irq-cmd_sync expected=%" PRIu32 "(CMD_SYNCs with CS=SIG_IRQ consumed)"
			" seen=%" PRIu32, G->irq_syncs, n[VSMMU_IRQ_CMD_SYNC]);
out:
	for (unsigned i = 0; i < VSMMU_IRQ_NR; i++)
		G->irq_pulses[i] = 0;
	G->irq_records = 0;
	G->irq_syncs = 0;
	G->irq_loose = false;
	G->irq_ctrl_start = G->irq_ctrl;
	G->irq_gerrorn_start = G->gerrorn;
}
