/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pevtq.c - the physical SMMU's event queue: a 128-record ring in hypervisor
 * memory with OVFLG/OVACKFLG overflow semantics. The hypervisor drains it in
 * plat_run_round (at most PEVTQ_DRAIN records per psmmu per round) into
 * vsmmu_host_route_event; after draining, an overflow is reported to
 * vsmmu_host_phys_evtq_overflow and acknowledged. In Service Failure Mode
 * the SMMU records nothing (spec 12.3): a record it would write is dropped,
 * with no overflow; records already queued can still be drained.
 */
#include "inject/internal.h"
#include "vsmmu/smmuv3_queue.h"

static bool pevtq_full(const struct psmmu *ps)
{
	return vs_q_full(ps->evtq_prod, ps->evtq_cons, PEVTQ_SHIFT);
}

bool pevtq_pending(const struct psmmu *ps)
{
	return ps->evtq_prod != ps->evtq_cons || ps->gerror_report;
}

void pevtq_push(struct platform *p, struct psmmu *ps, const uint64_t rec[EVT_DWORDS])
{
	uint64_t r[EVT_DWORDS] = { rec[0], rec[1], rec[2], rec[3] };
	struct plat_access a = {
		.actor = PLAT_ACT_HYP_PRIVATE, .guest = -1, .psmmu = (int)ps->idx,
		.len = EVT_SIZE, .write = true,
	};

	if (ps->sfm) {
		ps->events_unrecorded++;
		return;
	}
	if (pevtq_full(ps)) {
		ps->events_lost++;
		if (ps->ovflg == ps->ovackflg)
			ps->ovflg = !ps->ovflg;
		return;
	}
	a.hpa = vs_q_entry(ps->evtq_base, ps->evtq_prod, PEVTQ_SHIFT, EVT_SHIFT);
	if (hm_access(p, &a, r)) {
		ps->gerror ^= (uint32_t)GERROR_EVENTQ_ABT_ERR;
		ps->gerror_report |= (uint32_t)GERROR_EVENTQ_ABT_ERR;
		return;
	}
	ps->evtq_prod = vs_q_inc(ps->evtq_prod, PEVTQ_SHIFT);
}

void pevtq_overflow(struct platform *p, struct psmmu *ps)
{
	(void)p;
	while (ps->evtq_cons != ps->evtq_prod) {
		ps->events_lost++;
		ps->evtq_cons = vs_q_inc(ps->evtq_cons, PEVTQ_SHIFT);
	}
	if (ps->ovflg == ps->ovackflg)
		ps->ovflg = !ps->ovflg;
}

bool pevtq_drain(struct platform *p, struct psmmu *ps, unsigned budget)
{
	if (ps->gerror_report) {
		uint32_t bits = ps->gerror_report;

		ps->gerror_report = 0;
		plat_call_mark(p, -1, PLAT_CALL_ROUTE, true);
		vsmmu_host_phys_gerror(p->host, ps->idx, bits);
		plat_call_mark(p, -1, PLAT_CALL_ROUTE, false);
		ps->gerrorn = ps->gerror;       /* the handler acknowledges */
	}
	for (unsigned n = 0; n < budget && ps->evtq_cons != ps->evtq_prod; n++) {
		uint64_t rec[EVT_DWORDS];
		struct plat_access a = {
			.actor = PLAT_ACT_HYP_PRIVATE, .guest = -1, .psmmu = (int)ps->idx,
			.hpa = vs_q_entry(ps->evtq_base, ps->evtq_cons, PEVTQ_SHIFT, EVT_SHIFT),
			.len = EVT_SIZE,
		};

		ps->evtq_cons = vs_q_inc(ps->evtq_cons, PEVTQ_SHIFT);
		/* A faulted or failed read loses the record. */
		if (fault_step(p, PLAT_FAULT_EVENT, -1, ps->idx, 0, EVT_SIZE) || hm_access(p, &a, rec))
			continue;
		PLAT_NOTIFY(p, on_phys_event, ps->idx, rec);
		plat_call_mark(p, -1, PLAT_CALL_ROUTE, true);
		vsmmu_host_route_event(p->host, ps->idx, rec);
		plat_call_mark(p, -1, PLAT_CALL_ROUTE, false);
	}
	if (ps->ovflg != ps->ovackflg) {
		/* "events lost": every guest with a stream here is told, then
		 * the overflow is acknowledged */
		PLAT_NOTIFY(p, on_phys_evtq_overflow, ps->idx);
		plat_call_mark(p, -1, PLAT_CALL_ROUTE, true);
		vsmmu_host_phys_evtq_overflow(p->host, ps->idx);
		plat_call_mark(p, -1, PLAT_CALL_ROUTE, false);
		ps->ovackflg = ps->ovflg;
	}
	return pevtq_pending(ps);
}

bool pevtq_pop(struct platform *p, struct psmmu *ps, uint64_t rec[EVT_DWORDS])
{
	uint64_t at = vs_q_entry(ps->evtq_base, ps->evtq_cons, PEVTQ_SHIFT, EVT_SHIFT);

	if (ps->evtq_cons == ps->evtq_prod)
		return false;
	ps->evtq_cons = vs_q_inc(ps->evtq_cons, PEVTQ_SHIFT);
	return hm_raw(p, at, rec, EVT_SIZE, false) == 0;
}
