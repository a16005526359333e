/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * faults.c - the one fault model of the world (deterministic: no clocks, no
 * randomness). Every fallible call consults fault_step() with its site;
 * the `inject` statements (plat_inject_*) and the fail-nth countdown
 * (plat_fail_nth) are two ways of arming the same model. See
 * docs/platform.md "Fault injection" for the semantics of each kind.
 */
#include "inject/internal.h"

static struct psmmu *ps_of(struct platform *p, unsigned n)
{
	return n < PLAT_MAX_PSMMU ? p->ps[n] : NULL;
}

static const char *const site_names[PLAT_FAULT_SITE_NR] = {
	[PLAT_FAULT_MEM] = "guest-memory", [PLAT_FAULT_ALLOC] = "alloc",
	[PLAT_FAULT_STE] = "ste-write", [PLAT_FAULT_CMD] = "cmd",
	[PLAT_FAULT_SYNC] = "sync", [PLAT_FAULT_EVENT] = "event",
};

const char *plat_fault_site_name(enum plat_fault_site site)
{
	return (unsigned)site < PLAT_FAULT_SITE_NR ? site_names[site] : "?";
}

/* ---- the step ------------------------------------------------------------- */

/* The countdown: does fallible call number fm->calls fail? */
static bool nth_hit(const struct fault_model *fm)
{
	return fm->nth && fm->calls >= fm->nth && fm->calls - fm->nth <= fm->nth_repeat;
}

/* What the countdown makes each site fail with. */
static int nth_failure(enum plat_fault_site site)
{
	switch (site) {
	case PLAT_FAULT_CMD:  return CERROR_ABT;           /* the command aborts */
	case PLAT_FAULT_SYNC: return VSMMU_PHYS_TIMEOUT;   /* the sync never completes */
	default:              return PLAT_FAULT_FAIL;
	}
}

/* The inject statements' faults armed for this call, consumed if they fire. */
static int armed_failure(struct fault_model *fm, enum plat_fault_site site, int guest,
			 unsigned psmmu, uint64_t ipa, uint64_t len)
{
	switch (site) {
	case PLAT_FAULT_ALLOC:
		if (!fm->alloc.left)
			return 0;
		if (fm->alloc.skip) {
			fm->alloc.skip--;
			return 0;
		}
		fm->alloc.left--;
		return PLAT_FAULT_FAIL;
	case PLAT_FAULT_MEM: {
		struct fault_mem_arm *m;

		if (guest < 0 || (unsigned)guest >= PLAT_MAX_GUESTS)
			return 0;
		m = &fm->mem[guest];
		if (!m->on || ipa + len <= m->ipa || ipa >= m->ipa + m->size)
			return 0;
		if (m->count && --m->count == 0)
			m->on = false;
		return PLAT_FAULT_FAIL;
	}
	case PLAT_FAULT_CMD:
	case PLAT_FAULT_SYNC: {
		struct fault_ps_arm *s;

		if (psmmu >= PLAT_MAX_PSMMU)
			return 0;
		s = &fm->ps[psmmu];
		/* CERROR_ATC_INV_SYNC is only ever reported on a CMD_SYNC */
		if (s->cerror_count && (s->cerror == CERROR_ATC_INV_SYNC) == (site == PLAT_FAULT_SYNC)) {
			s->cerror_count--;
			return (int)s->cerror;
		}
		if (site == PLAT_FAULT_SYNC && s->sync_timeouts) {
			s->sync_timeouts--;
			return VSMMU_PHYS_TIMEOUT;
		}
		return 0;
	}
	default:
		return 0;
	}
}

static bool psmmu_site(enum plat_fault_site site)
{
	return site == PLAT_FAULT_STE || site == PLAT_FAULT_CMD || site == PLAT_FAULT_SYNC ||
	       site == PLAT_FAULT_EVENT;
}

/* A failure on a physical SMMU can reach every guest with a stream there
 * (a fenced SMMU stops them all); any other failure reaches the guest it
 * was for, and a failure of the host's own allocations anyone. */
static void attribute(struct fault_model *fm, enum plat_fault_site site, int guest, unsigned psmmu)
{
	bool on_psmmu = psmmu_site(site) && psmmu < PLAT_MAX_PSMMU;

	if (on_psmmu)
		fm->fired_psmmu[psmmu]++;
	if (guest >= 0 && (unsigned)guest < PLAT_MAX_GUESTS)
		fm->fired_guest[guest]++;
	else if (!on_psmmu)
		fm->fired_host++;
}

int fault_step(struct platform *p, enum plat_fault_site site, int guest, unsigned psmmu,
	       uint64_t ipa, uint64_t len)
{
	struct fault_model *fm = &p->faults;
	int f;

	fm->calls++;
	if (fm->nth && fm->calls == fm->nth)
		fm->nth_site = (int)site;
	f = armed_failure(fm, site, guest, psmmu, ipa, len);
	if (!f && nth_hit(fm))
		f = nth_failure(site);
	if (f && (unsigned)site < PLAT_FAULT_SITE_NR) {
		fm->fired[site]++;
		fm->fired_total++;
		attribute(fm, site, guest, psmmu);
	}
	return f;
}

void fault_guest_gone(struct platform *p, int guest)
{
	if (guest >= 0 && (unsigned)guest < PLAT_MAX_GUESTS)
		p->faults.mem[guest].on = false;
}

/* A slot's count is its current guest's: a fault that reached the guest
 * destroyed there before cannot have reached the one created now (what the
 * host and the physical SMMUs went through is counted apart, and stays). */
void fault_guest_new(struct platform *p, int guest)
{
	if (guest >= 0 && (unsigned)guest < PLAT_MAX_GUESTS)
		p->faults.fired_guest[guest] = 0;
}

void plat_fail_nth(struct platform *p, uint64_t n, uint64_t repeat)
{
	p->faults.nth = n ? p->faults.calls + n : 0;
	p->faults.nth_repeat = repeat;
	p->faults.nth_site = -1;
}

int plat_fault_nth_site(const struct platform *p)
{
	return p->faults.nth ? p->faults.nth_site : -1;
}

uint64_t plat_faults_fired(const struct platform *p)
{
	return p->faults.fired_total;
}

uint64_t plat_faults_fired_for(const struct platform *p, int guest, unsigned psmmu_mask)
{
	const struct fault_model *fm = &p->faults;
	uint64_t n = fm->fired_host;

	if (guest >= 0 && (unsigned)guest < PLAT_MAX_GUESTS)
		n += fm->fired_guest[guest];
	for (unsigned i = 0; i < PLAT_MAX_PSMMU; i++)
		if (psmmu_mask & (1u << i))
			n += fm->fired_psmmu[i];
	return n;
}

void plat_fault_stats(const struct platform *p, struct plat_fault_stats *s)
{
	const struct fault_model *fm = &p->faults;

	*s = (struct plat_fault_stats){ .calls = fm->calls };
	for (unsigned i = 0; i < PLAT_FAULT_SITE_NR; i++) {
		s->fired[i] = fm->fired[i];
		s->fired_total += fm->fired[i];
	}
	s->nth_pending = fm->nth && fm->calls < fm->nth;
	s->armed = fm->alloc.left;
	for (unsigned g = 0; g < PLAT_MAX_GUESTS; g++)
		s->armed += fm->mem[g].on ? (fm->mem[g].count ? fm->mem[g].count : 1) : 0;
	for (unsigned n = 0; n < PLAT_MAX_PSMMU; n++)
		s->armed += fm->ps[n].cerror_count + fm->ps[n].sync_timeouts;
}

/* ---- the inject statements ------------------------------------------------ */

int plat_inject_event(struct platform *p, unsigned psmmu, const uint64_t rec[EVT_DWORDS])
{
	struct psmmu *ps = ps_of(p, psmmu);

	if (rec)
		plat_action_mark(p, PLAT_ACTION_EVENT_INJECTED, -1, psmmu,
				 (uint32_t)VS_FIELD_GET(EVT0_SID, rec[0]));
	if (!ps || !rec)
		return -1;
	p->faults.fired_psmmu[psmmu]++;
	pevtq_push(p, ps, rec);
	return 0;
}

int plat_inject_gerror(struct platform *p, unsigned psmmu, uint32_t bits)
{
	struct psmmu *ps = ps_of(p, psmmu);
	uint32_t active;

	bits &= (uint32_t)GERROR_ERR_MASK;
	if (!ps || !bits)
		return -1;
	p->faults.fired_psmmu[psmmu]++;
	active = ps->gerror ^ ps->gerrorn;
	ps->gerror ^= bits & ~active;           /* only inactive conditions toggle */
	ps->gerror_report |= bits;
	if (bits & GERROR_SFM_ERR)
		ps->sfm = true;                 /* acknowledging does not leave SFM */
	return 0;
}

int plat_inject_evtq_overflow(struct platform *p, unsigned psmmu)
{
	struct psmmu *ps = ps_of(p, psmmu);

	if (!ps)
		return -1;
	p->faults.fired_psmmu[psmmu]++;
	pevtq_overflow(p, ps);
	return 0;
}

int plat_inject_cmd_error(struct platform *p, unsigned psmmu, unsigned cerror, unsigned count)
{
	if (!ps_of(p, psmmu) || cerror < CERROR_ILL || cerror > CERROR_ATC_INV_SYNC)
		return -1;
	p->faults.ps[psmmu].cerror = cerror;
	p->faults.ps[psmmu].cerror_count = count;
	return 0;
}

int plat_inject_sync_timeout(struct platform *p, unsigned psmmu, unsigned count)
{
	if (!ps_of(p, psmmu))
		return -1;
	p->faults.ps[psmmu].sync_timeouts = count;
	return 0;
}

int plat_inject_mem_abort(struct platform *p, int guest, uint64_t ipa, uint64_t size, unsigned count)
{
	if (!plat_guest_alive(p, guest) || !size || ipa + size < ipa)
		return -1;
	p->faults.mem[guest].on = true;
	p->faults.mem[guest].ipa = ipa;
	p->faults.mem[guest].size = size;
	p->faults.mem[guest].count = count;
	return 0;
}

int plat_inject_mem_abort_off(struct platform *p, int guest)
{
	if (!plat_guest_alive(p, guest))
		return -1;
	p->faults.mem[guest].on = false;
	return 0;
}

int plat_inject_alloc_fail(struct platform *p, unsigned after, unsigned count)
{
	p->faults.alloc.skip = after;
	p->faults.alloc.left = count;
	return 0;
}
