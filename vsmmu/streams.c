/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * streams.c - the guest's assigned streams (vSID -> (pSMMU, pSID), fixed cap
 * VSMMU_MAX_STREAMS) and what the physical SMMU is told about each:
 * installing its physical STE, invalidating it, assign and unassign.
 */
#include <string.h>

#include "vsmmu/internal.h"

struct vs_stream *vs_stream_find(const struct vsmmu *v, uint32_t vsid)
{
	unsigned i;

	for (i = 0; i < v->nstreams; i++)
		if (v->streams[i]->vsid == vsid)
			return v->streams[i];
	return NULL;
}

int vs_phys_cmd(struct vsmmu *v, unsigned psmmu, const uint64_t cmd[CMD_DWORDS])
{
	v->stats.phys_cmds++;
	v->pflags[psmmu] |= VS_P_DIRTY;
	return v->env.send_cmd(v->env.ctx, psmmu, cmd);
}

/* CMD_SYNC on psmmu; failed when the sync itself did not complete or when
 * the host was told, during it, that a command of ours failed there (the
 * commands queued before it are executed by then). A failed sync leaves
 * VS_P_FLUSH: TLBIs sent before it are not known to have been done. */
int vs_phys_sync(struct vsmmu *v, unsigned psmmu)
{
	int st;

	v->pflags[psmmu] &= (uint8_t)~VS_P_FAILED;
	st = v->env.sync(v->env.ctx, psmmu);
	/* The defect: "a CMD_SYNC that has not completed will, given time" -
	 * wait for it by re-issuing it. A physical SMMU in Service Failure
	 * Mode never completes one: the wait is bounded by nothing the
	 * hypervisor's per-call work bound allows. */
	for (unsigned n = 0; VS_DEFECT(v, SYNC_POLL_UNBOUNDED) && n < (1u << 13) &&
	     (st == VSMMU_PHYS_TIMEOUT || st == VSMMU_PHYS_FAIL); n++)
		st = v->env.sync(v->env.ctx, psmmu);
#ifdef VSMMU_DEFECTS
	if (VS_DEFECT(v, BLAME_SYNCER) && v->host && v->host->blame[psmmu] && st == VSMMU_PHYS_OK) {
		st = v->host->blame[psmmu];
		v->host->blame[psmmu] = 0;
	}
#endif
	if (st == VSMMU_PHYS_OK && (v->pflags[psmmu] & VS_P_FAILED))
		st = VSMMU_PHYS_CERROR_ABT;
	if (st != VSMMU_PHYS_OK)
		v->pflags[psmmu] |= VS_P_FLUSH;
	return st;
}

/* install_ste, then CFGI_STE(leaf) + CMD_SYNC; true when all succeeded.
 * Work with no guest command to fail and retry (teardown, failing closed,
 * register-triggered reconfiguration) tries the whole sequence up to
 * VS_PHYS_TRIES times itself; a command-triggered install tries once and
 * leaves the re-doing to the guest's CMD_SYNC (vs_phys_redo). */
static bool install(struct vsmmu *v, struct vs_stream *s, const uint64_t p[STE_DWORDS],
		    bool invalidate, bool retry)
{
	uint32_t psid = s->psid;
	uint64_t cmd[CMD_DWORDS];
	unsigned tries = retry ? VS_PHYS_TRIES : 1, psmmu = s->psmmu;
	bool ok = false;
	int st;

	if (VS_DEFECT(v, WRONG_STREAM_SAME_GUEST))
		for (unsigned i = v->nstreams; i-- > 0;)     /* "pSIDs are unique per guest" */
			if (v->streams[i]->psid == psid)
				psmmu = v->streams[i]->psmmu;

	if (VS_DEFECT(v, WRONG_PSID))
		psid ^= 1u;
	cmd[0] = VS_FIELD_PREP(CMD0_OP, CMD_OP_CFGI_STE) | VS_FIELD_PREP(CMD0_SID, psid);
	cmd[1] = CMD1_LEAF;
	while (!ok && tries-- > 0) {
		s->failed = false;
		st = v->env.install_ste(v->env.ctx, psmmu, psid, p);
		vs_trace(v, VSMMU_TRACE_STE_INSTALLED, s->vsid, psmmu, psid,
			 (uint64_t)(unsigned)st, p, 4);
		ok = vs_phys_ok(v, st, psmmu, psid);
		if (!invalidate)
			continue;
		if (!vs_phys_ok(v, vs_phys_cmd(v, psmmu, cmd), psmmu, psid))
			ok = false;
		if (!vs_phys_ok(v, vs_phys_sync(v, psmmu), psmmu, psid) || s->failed)
			ok = false;
		/* A good sync with nothing reported means every command we had
		 * queued there before it was done; lost TLB maintenance
		 * (VS_P_FLUSH) is kept for the guest's CMD_SYNC. */
		if (ok)
			v->pflags[psmmu] &= (uint8_t)~VS_P_DIRTY;
	}
	return ok;
}

/* The physical SMMU could not be made to forget s's configuration: have the
 * embedder stop it (see vsmmu_env.fence). */
static void fence(struct vsmmu *v, const struct vs_stream *s, const char *why)
{
	vs_log(v, why);
	if (v->env.fence)
		v->env.fence(v->env.ctx, s->psmmu);
}

/* Install p for s. On physical failure the stream is left fail-closed
 * (abort, best effort) and marked stale; returns -1. */
static int install_stream(struct vsmmu *v, struct vs_stream *s, const uint64_t p[STE_DWORDS],
			  bool from_cmd)
{
	uint64_t ab[STE_DWORDS];

	memcpy(s->phys, p, sizeof(s->phys));
	if (install(v, s, p, true, !from_cmd)) {
		s->stale = false;
		return 0;
	}
	s->stale = true;
	v->pflags[s->psmmu] |= VS_P_FLUSH | VS_P_DIRTY;
	vs_ste_abort(ab);
	memcpy(s->phys, ab, sizeof(s->phys));
	if (!install(v, s, ab, true, true))
		fence(v, s, "fail-closed install failed: fencing the physical SMMU");
	return -1;
}

/* Configure s from the guest's current state: GBPA while SMMUEN=0, its STE
 * otherwise. Conditions the architecture records per transaction (STE V=0,
 * StreamID out of range) become a physical V=0 STE: the physical SMMU then
 * reports C_BAD_STE for each transaction and the router turns it into the
 * guest's event (s->lazy_evt). Conditions a correct driver never creates
 * (fetch abort, ILLEGAL STE) are recorded at once. */
static const char *const why_names[VS_WHY_NR] = {
#define VS_WHY_NAME(n, text) [VS_WHY_##n] = text,
	VS_WHY_LIST(VS_WHY_NAME)
#undef VS_WHY_NAME
};

const char *vs_why_name(enum vs_why why)
{
	return (unsigned)why < VS_WHY_NR ? why_names[why] : "?";
}

/* Tell the embedder why vsid's configuration is what it is (-v traces). */
static void trace_why(struct vsmmu *v, uint32_t vsid, enum vs_why why, unsigned evt)
{
	struct vsmmu_trace t;

	if (why == VS_WHY_NONE || !v->env.trace)
		return;
	vs_trace_fill(&t, VSMMU_TRACE_CONFIG, vsid, 0, 0, evt, NULL, 0);
	t.msg = vs_why_name(why);
	v->env.trace(v->env.ctx, &t);
}

int vs_stream_refresh(struct vsmmu *v, struct vs_stream *s, bool from_cmd)
{
	uint64_t g[STE_DWORDS], p[STE_DWORDS], faddr = 0;
	enum vs_why why = VS_WHY_NONE;
	unsigned evt = 0;

	s->lazy_evt = 0;
	if (!(v->cr0 & CR0_SMMUEN)) {
		if (v->gbpa & GBPA_ABORT) {
			vs_ste_abort(p);
		} else if (VS_DEFECT(v, GBPA_BYPASS_NO_S2)) {
			/* The defect: "GBPA says bypass", taken literally. */
			memset(p, 0, sizeof(p));
			p[0] = STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_BYPASS);
		} else {
			vs_ste_s2(v, p);
		}
		return install_stream(v, s, p, from_cmd);
	}
	switch (vs_strtab_fetch(v, s->vsid, g, &why, &faddr)) {
	case VS_FETCH_BAD_SID:
		/* the defect: beyond the level-2 table "is a bad STE" */
		s->lazy_evt = VS_DEFECT(v, L2_RANGE_AS_BAD_STE) && why == VS_WHY_L2_RANGE ?
			      EVT_ID_C_BAD_STE : EVT_ID_C_BAD_STREAMID;
		evt = s->lazy_evt;
		vs_ste_invalid(p);
		break;
	case VS_FETCH_ABT:
		evt = EVT_ID_F_STE_FETCH;
		if (!VS_DEFECT(v, STE_FETCH_ABT_SILENT))   /* the defect: "it aborts anyway" */
			vs_evtq_simple(v, EVT_ID_F_STE_FETCH, s->vsid, faddr & EVT3_FETCH_ADDR);
		vs_ste_abort(p);
		break;
	case VS_FETCH_OK:
	default:
		switch (vs_ste_check(v, g, &why)) {
		case VS_STE_INVALID:
			s->lazy_evt = EVT_ID_C_BAD_STE;
			evt = s->lazy_evt;
			if (VS_DEFECT(v, INVALID_STE_AS_ABORT))
				vs_ste_abort(p);   /* the defect: "V=0 aborts", so an abort STE */
			else
				vs_ste_invalid(p);
			break;
		case VS_STE_ILLEGAL:
			evt = EVT_ID_C_BAD_STE;
			if (!VS_DEFECT(v, ILLEGAL_STE_SILENT))   /* the defect: "abort is what it does" */
				vs_evtq_simple(v, EVT_ID_C_BAD_STE, s->vsid, 0);
			vs_ste_abort(p);
			break;
		case VS_STE_BYPASS:
			vs_ste_s2(v, p);
			break;
		case VS_STE_S1:
			vs_ste_nested(v, g, p);
			break;
		case VS_STE_ABORT:
		default:
			vs_ste_abort(p);
			break;
		}
		break;
	}
	trace_why(v, s->vsid, why, evt);   /* after the event it records at once, if any */
	return install_stream(v, s, p, from_cmd);
}

void vs_streams_refresh_all(struct vsmmu *v)
{
	unsigned i;

	for (i = 0; i < v->nstreams; i++)
		(void)vs_stream_refresh(v, v->streams[i], false);
}

static bool psid_taken(const struct vsmmu *v, unsigned psmmu, uint32_t psid)
{
	unsigned i;

	for (i = 0; i < v->nstreams; i++)
		if (v->streams[i]->psmmu == psmmu && v->streams[i]->psid == psid)
			return true;
	return false;
}

int vsmmu_assign(struct vsmmu *v, uint32_t vsid, unsigned psmmu, uint32_t psid)
{
	struct vs_stream *s;

	if (psmmu >= VSMMU_MAX_PSMMU || ((uint64_t)vsid >> v->cfg.sidsize) != 0 ||
	    v->nstreams >= VSMMU_MAX_STREAMS || vs_stream_find(v, vsid) ||
	    psid_taken(v, psmmu, psid))
		return -1;
	s = v->env.alloc(v->env.ctx, sizeof(*s));
	if (!s)
		return -1;
	memset(s, 0, sizeof(*s));
	s->vsid = vsid;
	s->psmmu = psmmu;
	s->psid = psid;
	if (v->host && vs_router_add(v->host, v, s) != 0) {
		v->env.free(v->env.ctx, s, sizeof(*s));
		return -1;
	}
	v->streams[v->nstreams++] = s;
	v->pcount[psmmu]++;
	v->pused |= (uint8_t)(1u << psmmu);
	v->stats.bytes_held += sizeof(*s);
	vs_call_begin(v);
	(void)vs_stream_refresh(v, s, false);
	vs_call_end(v);
	return 0;
}

int vsmmu_unassign(struct vsmmu *v, uint32_t vsid)
{
	struct vs_stream *s = NULL;
	uint64_t ab[STE_DWORDS];
	unsigned i;

	for (i = 0; i < v->nstreams; i++) {
		if (v->streams[i]->vsid == vsid) {
			s = v->streams[i];
			break;
		}
	}
	if (!s)
		return -1;
	vs_call_begin(v);
	vs_ste_abort(ab);
	if (!install(v, s, ab, !VS_DEFECT(v, NO_TEARDOWN_INV), true))
		fence(v, s, "unassign: physical teardown failed: fencing the physical SMMU");
	vs_call_end(v);
	if (v->host && !VS_DEFECT(v, ROUTE_NOT_REMOVED))
		vs_router_del(v->host, s->psmmu, s->psid);
	v->streams[i] = v->streams[--v->nstreams];
	v->streams[v->nstreams] = NULL;
	v->pcount[s->psmmu]--;
#ifdef VSMMU_DEFECTS
	if (VS_DEFECT(v, LEAK_MEMORY)) {
		s->leak_next = v->leaked;
		v->leaked = s;
		return 0;
	}
#endif
	v->stats.bytes_held -= sizeof(*s);
	v->env.free(v->env.ctx, s, sizeof(*s));
	return 0;
}
