/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * evtq.c - the guest's event queue: record writes at PROD with wrap,
 * overflow (OVFLG/OVACKFLG), discard while disabled, EVENTQ_ABT_ERR on a
 * failed write, and the event interrupt.
 */
#include <string.h>

#include "vsmmu/internal.h"

static void dropped(struct vsmmu *v, const uint64_t rec[EVT_DWORDS])
{
	v->stats.events_dropped++;
	vs_trace(v, VSMMU_TRACE_EVENT_DROPPED, (uint32_t)VS_FIELD_GET(EVT0_SID, rec[0]),
		 0, 0, 0, rec, EVT_DWORDS);
}

static void write_one(struct vsmmu *v, const uint64_t rec[EVT_DWORDS])
{
	unsigned qs = vs_eventq_qs(v);
	uint32_t prod = v->eventq_prod & vs_q_mask(qs);
	uint32_t cons = v->eventq_cons & vs_q_mask(qs);
	uint64_t base = vs_q_base(v->eventq_base, qs, EVT_SHIFT);
	uint8_t buf[EVT_SIZE];
	bool was_empty = vs_q_empty(prod, cons, qs);

	if (!(v->cr0 & CR0_EVENTQEN) || vs_gerror_active(v, GERROR_EVENTQ_ABT_ERR)) {
		dropped(v, rec);
		return;
	}
#ifdef VSMMU_DEFECTS
	if (VS_DEFECT(v, EVTQ_ABORT_HOST_LATCH) && v->host && v->host->evtq_abt_latch) {
		v->host->evtq_abt_latch = false;
		vs_gerror_raise(v, GERROR_EVENTQ_ABT_ERR);
		dropped(v, rec);
		return;
	}
#endif
	if (vs_q_full(prod, cons, qs)) {
		if (VS_DEFECT(v, EVTQ_FULL_AS_ABT)) {
			vs_gerror_raise(v, GERROR_EVENTQ_ABT_ERR);   /* the defect: "could not write" */
			dropped(v, rec);
			return;
		}
		/* Overflow: signal once until the guest acknowledges. */
		if ((v->eventq_prod & EVENTQ_PROD_OVFLG) == (v->eventq_cons & EVENTQ_CONS_OVACKFLG))
			v->eventq_prod ^= (uint32_t)EVENTQ_PROD_OVFLG;
		dropped(v, rec);
		return;
	}
	vs_le_store(buf, rec, EVT_DWORDS);
	v->work++;
	if (v->env.mem_write(v->env.ctx, vs_q_entry(base, prod, qs, EVT_SHIFT),
			     buf, sizeof(buf)) != 0) {
#ifdef VSMMU_DEFECTS
		if (VS_DEFECT(v, EVTQ_ABORT_HOST_LATCH) && v->host)
			v->host->evtq_abt_latch = true;   /* "report it at the next event write" */
		if (VS_DEFECT(v, EVTQ_WRITE_ABORT_DROPPED)) {
			dropped(v, rec);
			return;
		}
#endif
		vs_gerror_raise(v, GERROR_EVENTQ_ABT_ERR);
		dropped(v, rec);
		return;
	}
	v->eventq_prod = (v->eventq_prod & (uint32_t)EVENTQ_PROD_OVFLG) | vs_q_inc(prod, qs);
	v->stats.events_written++;
	vs_trace(v, VSMMU_TRACE_EVENT_WRITTEN, (uint32_t)VS_FIELD_GET(EVT0_SID, rec[0]),
		 0, 0, 0, rec, EVT_DWORDS);
	/* The wired line pulses per record (edges may coalesce anyway); the
	 * MSI is sent for the architected trigger, the queue going from empty
	 * to non-empty (3.18.2), so it is at most one per call (CONS cannot
	 * move during one) and a flood of records costs one MSI. */
	if (v->irq_ctrl & IRQ_CTRL_EVENTQ_IRQEN)
		vs_notify(v, VSMMU_IRQ_EVTQ, was_empty);
	else if (VS_DEFECT(v, EVTQ_IRQ_UNGATED))
		vs_irq(v, VSMMU_IRQ_EVTQ);   /* the defect: the line injected whatever IRQ_CTRL says */
}

void vs_evtq_simple(struct vsmmu *v, unsigned id, uint32_t vsid, uint64_t dw3)
{
	uint64_t rec[EVT_DWORDS];

	memset(rec, 0, sizeof(rec));
	rec[0] = VS_FIELD_PREP(EVT0_ID, id) | VS_FIELD_PREP(EVT0_SID, vsid);
	rec[3] = dw3;
	vs_evtq_write(v, rec);
}

/* Records meant for this guest may have been lost below it (the physical
 * event queue overflowed): signal it the way its own queue signals a lost
 * record (spec 7.4): toggle EVENTQ_PROD.OVFLG if no overflow is pending
 * acknowledgement. Like a record, this needs a writable queue (EVENTQEN=1,
 * no EVENTQ_ABT_ERR): drops while disabled are never an overflow. */
void vs_evtq_lost(struct vsmmu *v)
{
	if (!(v->cr0 & CR0_EVENTQEN) || vs_gerror_active(v, GERROR_EVENTQ_ABT_ERR))
		return;
	if ((v->eventq_prod & EVENTQ_PROD_OVFLG) == (v->eventq_cons & EVENTQ_CONS_OVACKFLG))
		v->eventq_prod ^= (uint32_t)EVENTQ_PROD_OVFLG;
}

void vs_evtq_write(struct vsmmu *v, const uint64_t rec[EVT_DWORDS])
{
#ifdef VSMMU_DEFECTS
	/* The defect: "the guest must not miss an event" - one dropped while
	 * the queue is off is kept and written before the next one. */
	if (VS_DEFECT(v, EVTQ_DISABLED_REPLAYED)) {
		if (!(v->cr0 & CR0_EVENTQEN)) {
			memcpy(v->replay, rec, sizeof(v->replay));
			v->replay_held = true;
		} else if (v->replay_held) {
			v->replay_held = false;
			write_one(v, v->replay);
		}
	}
#endif
	write_one(v, rec);
}
