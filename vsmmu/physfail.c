/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * physfail.c - whose failure is it: a physical command that failed is given
 * back to the guest whose work it was (never to whoever syncs next), that
 * guest re-does the work before its CMD_SYNC completes, and a destroyed
 * guest's VMID is retired on every physical SMMU it used.
 *
 * The host knows its live vSMMUs (by VMID) and, through the router, the
 * owner of every physical stream, so the command itself names its guest:
 * StreamID-scoped commands (CFGI_STE, CFGI_CD, CFGI_CD_ALL, PREFETCH_*) the
 * owner of (psmmu, StreamID), VMID-scoped TLBIs the guest of that VMID.
 */
#include "vsmmu/internal.h"

bool vs_host_register(struct vsmmu_host *h, struct vsmmu *v)
{
	unsigned i, free_slot = VSMMU_HOST_MAX_GUESTS;

	for (i = 0; i < VSMMU_HOST_MAX_GUESTS; i++) {
		if (!h->guests[i]) {
			if (free_slot == VSMMU_HOST_MAX_GUESTS)
				free_slot = i;
		} else if (h->guests[i]->vmid == v->vmid) {
			return false;   /* two live guests must never share a VMID */
		}
	}
	if (free_slot == VSMMU_HOST_MAX_GUESTS)
		return false;
	h->guests[free_slot] = v;
	return true;
}

void vs_host_unregister(struct vsmmu_host *h, struct vsmmu *v)
{
	unsigned i;

	for (i = 0; i < VSMMU_HOST_MAX_GUESTS; i++)
		if (h->guests[i] == v)
			h->guests[i] = NULL;
}

static struct vsmmu *guest_of_vmid(const struct vsmmu_host *h, uint64_t vmid)
{
	unsigned i;

	for (i = 0; i < VSMMU_HOST_MAX_GUESTS; i++)
		if (h->guests[i] && h->guests[i]->vmid == vmid)
			return h->guests[i];
	return NULL;
}

static bool sid_scoped(unsigned op)
{
	switch (op) {
	case CMD_OP_CFGI_STE: case CMD_OP_CFGI_CD: case CMD_OP_CFGI_CD_ALL:
	case CMD_OP_PREFETCH_CONFIG: case CMD_OP_PREFETCH_ADDR:
		return true;
	default:
		return false;
	}
}

static bool vmid_scoped(unsigned op)
{
	switch (op) {
	case CMD_OP_TLBI_NH_ALL: case CMD_OP_TLBI_NH_ASID: case CMD_OP_TLBI_NH_VA:
	case CMD_OP_TLBI_NH_VAA: case CMD_OP_TLBI_S12_VMALL: case CMD_OP_TLBI_S2_IPA:
		return true;
	default:
		return false;
	}
}

/* The work of cmd (sent by v to psmmu; s = its stream, if StreamID-scoped)
 * was lost. Remember what must be re-done: a stream's configuration is
 * reloaded (its CFGI_STE also drops its cached CDs, spec 4.3.1), lost TLB
 * maintenance becomes a VMID-wide flush. Both before v's next CMD_SYNC
 * completes (vs_phys_redo). */
void vs_phys_cmd_failed(struct vsmmu *v, struct vs_stream *s, unsigned psmmu,
			const uint64_t cmd[CMD_DWORDS])
{
	(void)cmd;
	if (psmmu >= VSMMU_MAX_PSMMU)
		return;
	if (s) {
		s->stale = true;
		s->failed = true;
	}
	v->pflags[psmmu] |= VS_P_FLUSH | VS_P_FAILED;
}

void vsmmu_host_phys_cmd_failed(struct vsmmu_host *h, unsigned psmmu,
				const uint64_t cmd[CMD_DWORDS], int status)
{
	unsigned op;
	struct vs_route *r;
	struct vsmmu *v = NULL;

	if (!h || !cmd || psmmu >= VSMMU_MAX_PSMMU)
		return;
	op = (unsigned)VS_FIELD_GET(CMD0_OP, cmd[0]);
#ifdef VSMMU_DEFECTS
	if (VS_DEFECT(h, BLAME_SYNCER)) {
		/* One error per physical queue, as the hardware has it: handed
		 * to the next guest that syncs there (vs_phys_sync). */
		if (!h->blame[psmmu])
			h->blame[psmmu] = status;
		return;
	}
#endif
	if (sid_scoped(op)) {
		r = vs_router_find(h, psmmu, (uint32_t)VS_FIELD_GET(CMD0_SID, cmd[0]));
		if (r) {
			v = r->v;
			vs_phys_cmd_failed(v, r->s, psmmu, cmd);
		}
	} else if (vmid_scoped(op)) {
		v = guest_of_vmid(h, VS_FIELD_GET(CMD0_VMID, cmd[0]));
		if (v)
			vs_phys_cmd_failed(v, NULL, psmmu, cmd);
	}
	if (!v) {
		h->stats.cmd_failures_kept++;
		return;
	}
	/* Counted here; traced (VSMMU_TRACE_PHYS_FAIL) when v's own work meets
	 * it (its next sync there fails), not now, in another guest's call. */
	h->stats.cmd_failures_attributed++;
	v->stats.phys_failures++;
	(void)status;
}

/* TLBI_S12_VMALL(VMID) + CMD_SYNC on every physical SMMU v ever had a
 * stream on: no TLB entry of this VMID survives the guest, whoever gets
 * the VMID next. Retried like teardown; a physical SMMU that keeps failing
 * is fenced (it may still hold the entries). */
void vs_vmid_retire(struct vsmmu *v)
{
	uint64_t cmd[CMD_DWORDS];
	unsigned p, tries;
	bool ok;

	cmd[0] = VS_FIELD_PREP(CMD0_OP, CMD_OP_TLBI_S12_VMALL) | VS_FIELD_PREP(CMD0_VMID, v->vmid);
	cmd[1] = 0;
	for (p = 0; p < VSMMU_MAX_PSMMU; p++) {
		if (!(v->pused & (1u << p)))
			continue;
		ok = false;
		for (tries = 0; !ok && tries < VS_PHYS_TRIES; tries++) {
			ok = vs_phys_ok(v, vs_phys_cmd(v, p, cmd), p, 0);
			if (!vs_phys_ok(v, vs_phys_sync(v, p), p, 0))
				ok = false;
		}
		if (ok)
			continue;
		vs_log(v, "destroy: VMID retirement failed: fencing the physical SMMU");
		if (v->env.fence)
			v->env.fence(v->env.ctx, p);
	}
}

bool vs_stale_on(const struct vsmmu *v, unsigned psmmu)
{
	unsigned i;

	for (i = 0; i < v->nstreams; i++)
		if (v->streams[i]->psmmu == psmmu && v->streams[i]->stale)
			return true;
	return false;
}

unsigned vs_stale_count(const struct vsmmu *v)
{
	unsigned i, n = 0;

	for (i = 0; i < v->nstreams; i++)
		n += v->streams[i]->stale;
	return n;
}

/* Re-do what v lost on psmmu and sync there, for v's CMD_SYNC: reload every
 * stream whose configuration is uncertain, flush the VMID if TLB
 * maintenance was lost, then CMD_SYNC. True when all of it completed and
 * nothing of v's failed meanwhile (then v has nothing outstanding there). */
bool vs_phys_redo(struct vsmmu *v, unsigned psmmu)
{
	uint64_t cmd[CMD_DWORDS];
	unsigned i;
	int st;

	for (i = 0; i < v->nstreams; i++) {
		struct vs_stream *s = v->streams[i];

		if (s->psmmu == psmmu && s->stale && vs_stream_refresh(v, s, true) != 0)
			return false;
	}
	if (v->pflags[psmmu] & VS_P_FLUSH) {
		v->pflags[psmmu] &= (uint8_t)~VS_P_FLUSH;
		cmd[0] = VS_FIELD_PREP(CMD0_OP, CMD_OP_TLBI_NH_ALL) | VS_FIELD_PREP(CMD0_VMID, v->vmid);
		cmd[1] = 0;
		if (!vs_phys_ok(v, vs_phys_cmd(v, psmmu, cmd), psmmu, 0)) {
			v->pflags[psmmu] |= VS_P_FLUSH;
			return false;
		}
	}
	st = vs_phys_sync(v, psmmu);
	if (!vs_phys_ok(v, st, psmmu, 0) &&
	    /* the defect: "a timed-out sync is only a slow one" */
	    !(VS_DEFECT(v, SYNC_TIMEOUT_AS_DONE) && st == VSMMU_PHYS_TIMEOUT))
		return false;
	if (vs_stale_on(v, psmmu) && !VS_DEFECT(v, HIDE_PHYS_FAIL))
		return false;        /* a stream's command failed during the sync */
	v->pflags[psmmu] = 0;
	return true;
}
