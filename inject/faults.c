/*
 * faults.c - deterministic fault injection (no clocks, no randomness). Each
 * plat_inject_* arms or performs exactly one fault kind of the scenario
 * format's `inject` statements; see docs/platform.md for the semantics.
 */
#include "inject/internal.h"

static struct psmmu *ps_of(struct platform *p, unsigned n)
{
	return n < PLAT_MAX_PSMMU ? p->ps[n] : NULL;
}

int plat_inject_event(struct platform *p, unsigned psmmu, const uint64_t rec[EVT_DWORDS])
{
	struct psmmu *ps = ps_of(p, psmmu);

	if (!ps || !rec)
		return -1;
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
	pevtq_overflow(p, ps);
	return 0;
}

int plat_inject_cmd_error(struct platform *p, unsigned psmmu, unsigned cerror, unsigned count)
{
	struct psmmu *ps = ps_of(p, psmmu);

	if (!ps || cerror < CERROR_ILL || cerror > CERROR_ATC_INV_SYNC)
		return -1;
	ps->inj_cerror = cerror;
	ps->inj_cerror_count = count;
	return 0;
}

int plat_inject_sync_timeout(struct platform *p, unsigned psmmu, unsigned count)
{
	struct psmmu *ps = ps_of(p, psmmu);

	if (!ps)
		return -1;
	ps->inj_sync_timeout = count;
	return 0;
}

int plat_inject_mem_abort(struct platform *p, int guest, uint64_t ipa, uint64_t size, unsigned count)
{
	struct plat_guest *g;

	if (!plat_guest_alive(p, guest) || !size || ipa + size < ipa)
		return -1;
	g = p->g[guest];
	g->mabort.on = true;
	g->mabort.ipa = ipa;
	g->mabort.size = size;
	g->mabort.count = count;
	return 0;
}

int plat_inject_mem_abort_off(struct platform *p, int guest)
{
	if (!plat_guest_alive(p, guest))
		return -1;
	p->g[guest]->mabort.on = false;
	return 0;
}

int plat_inject_alloc_fail(struct platform *p, unsigned after, unsigned count)
{
	p->afail.skip = after;
	p->afail.left = count;
	return 0;
}

bool fault_mem_abort_hit(struct plat_guest *g, uint64_t ipa, uint64_t len)
{
	if (!g->mabort.on || ipa + len <= g->mabort.ipa || ipa >= g->mabort.ipa + g->mabort.size)
		return false;
	if (g->mabort.count && --g->mabort.count == 0)
		g->mabort.on = false;
	return true;
}

bool fault_alloc_hit(struct platform *p)
{
	if (!p->afail.left)
		return false;
	if (p->afail.skip) {
		p->afail.skip--;
		return false;
	}
	p->afail.left--;
	return true;
}
