/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * router.c - the host side: which guest owns a physical stream, and what
 * becomes of a physical event record (forwarded to the owner with its vSID
 * and no host addresses, or kept by the hypervisor). Fixed-size open
 * addressing table: O(1) lookups, memory fixed at host creation.
 */
#include <string.h>

#include "vsmmu/internal.h"

_Static_assert(VSMMU_HOST_MAX_STREAMS < VS_ROUTER_SLOTS, "router table must keep free slots");
_Static_assert((VS_ROUTER_SLOTS & (VS_ROUTER_SLOTS - 1)) == 0, "router slots: power of two");

struct vsmmu_host *vsmmu_host_create(const struct vsmmu_host_env *env)
{
	struct vsmmu_host *h;

	if (!env || !env->alloc || !env->free)
		return NULL;
	h = env->alloc(env->ctx, sizeof(*h));
	if (!h)
		return NULL;
	memset(h, 0, sizeof(*h));
	h->env = *env;
#ifdef VSMMU_DEFECTS
	h->defect = vs_defect_from_env();
#endif
	return h;
}

void vsmmu_host_destroy(struct vsmmu_host *h)
{
	if (h)
		h->env.free(h->env.ctx, h, sizeof(*h));
}

void vsmmu_host_get_stats(const struct vsmmu_host *h, struct vsmmu_host_stats *s)
{
	*s = h->stats;
}

static unsigned slot_of(unsigned psmmu, uint32_t psid)
{
	uint64_t k = ((uint64_t)psmmu << 32) | psid;

	k *= UINT64_C(0x9E3779B97F4A7C15);
	return (unsigned)(k >> 54) & (VS_ROUTER_SLOTS - 1);   /* 10 bits */
}

static struct vs_route *lookup(struct vsmmu_host *h, unsigned psmmu, uint32_t psid)
{
	unsigned i, n;

	for (i = slot_of(psmmu, psid), n = 0; n < VS_ROUTER_SLOTS; n++, i = (i + 1) & (VS_ROUTER_SLOTS - 1)) {
		struct vs_route *r = &h->routes[i];

		if (!r->v)
			return NULL;
		if (r->psmmu == psmmu && r->psid == psid)
			return r;
	}
	return NULL;
}

struct vs_route *vs_router_find(struct vsmmu_host *h, unsigned psmmu, uint32_t psid)
{
	return psmmu < VSMMU_MAX_PSMMU ? lookup(h, psmmu, psid) : NULL;
}

int vs_router_add(struct vsmmu_host *h, struct vsmmu *v, struct vs_stream *s)
{
	unsigned psmmu = s->psmmu;
	uint32_t psid = s->psid;
	unsigned i;

	if (h->nroutes >= VSMMU_HOST_MAX_STREAMS || lookup(h, psmmu, psid))
		return -1;
	for (i = slot_of(psmmu, psid); h->routes[i].v; i = (i + 1) & (VS_ROUTER_SLOTS - 1))
		;
	h->routes[i].v = v;
	h->routes[i].psmmu = psmmu;
	h->routes[i].psid = psid;
	h->routes[i].vsid = s->vsid;
	h->routes[i].s = s;
	h->nroutes++;
	return 0;
}

/* Linear-probing delete with backward shift (no tombstones). */
void vs_router_del(struct vsmmu_host *h, unsigned psmmu, uint32_t psid)
{
	struct vs_route *r = lookup(h, psmmu, psid);
	unsigned hole, j;

	if (!r)
		return;
	hole = (unsigned)(r - h->routes);
	memset(r, 0, sizeof(*r));
	h->nroutes--;
	for (j = (hole + 1) & (VS_ROUTER_SLOTS - 1); h->routes[j].v; j = (j + 1) & (VS_ROUTER_SLOTS - 1)) {
		unsigned home = slot_of(h->routes[j].psmmu, h->routes[j].psid);

		/* Move j into the hole unless its home lies cyclically in (hole, j]. */
		if (((j - home) & (VS_ROUTER_SLOTS - 1)) >= ((j - hole) & (VS_ROUTER_SLOTS - 1))) {
			h->routes[hole] = h->routes[j];
			memset(&h->routes[j], 0, sizeof(h->routes[j]));
			hole = j;
		}
	}
}

static void host_trace(struct vsmmu_host *h, unsigned psmmu, uint32_t psid, uint64_t arg,
		       const uint64_t *rec)
{
	struct vsmmu_trace t;

	if (!h->env.trace)
		return;
	vs_trace_fill(&t, VSMMU_TRACE_HOST_EVENT, 0, psmmu, psid, arg, rec, EVT_DWORDS);
	h->env.trace(h->env.ctx, &t);
}

/*
 * The fields a guest may see in a forwarded record, per event type: exactly
 * those spec 7.3 defines for the type, as far as they mean something to a
 * stage-1-only guest. Everything else is RES0, or UNKNOWN for this record,
 * and is written as zero. Named once: every forwarded record goes through
 * this table.
 *   - F_STREAM_DISABLED has no SubstreamID (7.3.7); C_BAD_SUBSTREAMID has
 *     one but no SSV (7.3.9); elsewhere SubstreamID is UNKNOWN when SSV=0.
 *   - F_CD_FETCH, F_WALK_EABT: FetchAddr is a host PA (scrubbed); the
 *     IMPLEMENTATION DEFINED Reason is not passed.
 *   - Translation faults are forwarded only for stage 1 (S2=0) without a
 *     stall, so IPA (UNKNOWN for S2=0), STAG (a stall's tag), Stall and
 *     TTRnW (CLASS=TT at stage 2 only) are not passed.
 * A type not listed here is kept by the hypervisor.
 */
struct evt_fields {
	uint8_t id;
	bool s2_stall;              /* has S2 and Stall: forwarded only when both are 0 */
	uint64_t dw0, dw1, dw2;     /* dw3 is never passed */
};

#define EF_SID   (EVT0_ID | EVT0_SID)
#define EF_SS    (EVT0_SSV | EVT0_SSID)
#define EF_ACC   (EVT1_PNU | EVT1_IND | EVT1_RNW | EVT1_S2 | EVT1_CLASS)

static const struct evt_fields guest_fields[] = {
	{ EVT_ID_C_BAD_STREAMID, false, EF_SID | EF_SS, 0, 0 },
	{ EVT_ID_C_BAD_STE, false, EF_SID | EF_SS, 0, 0 },
	{ EVT_ID_F_STREAM_DISABLED, false, EF_SID, 0, 0 },
	{ EVT_ID_C_BAD_SUBSTREAMID, false, EF_SID | EVT0_SSID, 0, 0 },
	{ EVT_ID_F_CD_FETCH, true, EF_SID | EF_SS, 0, 0 },
	{ EVT_ID_C_BAD_CD, false, EF_SID | EF_SS, 0, 0 },
	{ EVT_ID_F_WALK_EABT, true, EF_SID | EF_SS, EF_ACC, EVT2_INPUT_ADDR },
	{ EVT_ID_F_TRANSLATION, true, EF_SID | EF_SS, EF_ACC, EVT2_INPUT_ADDR },
	{ EVT_ID_F_ADDR_SIZE, true, EF_SID | EF_SS, EF_ACC, EVT2_INPUT_ADDR },
	{ EVT_ID_F_ACCESS, true, EF_SID | EF_SS, EF_ACC, EVT2_INPUT_ADDR },
	{ EVT_ID_F_PERMISSION, true, EF_SID | EF_SS, EF_ACC, EVT2_INPUT_ADDR },
};

static const struct evt_fields *fields_of(unsigned id)
{
	for (unsigned i = 0; i < sizeof(guest_fields) / sizeof(guest_fields[0]); i++)
		if (guest_fields[i].id == id)
			return &guest_fields[i];
	return NULL;
}

/* The guest's field set for this physical record, or NULL: kept (F_STE_FETCH
 * and C_BAD_STREAMID from the physical SMMU concern the hypervisor's tables,
 * stage-2 faults and stalls its stage 2, F_UUT/ATS/conflict/IMPDEF records
 * no stage-1 guest). A guest's C_BAD_STREAMID is made from a physical
 * C_BAD_STE (event timing, docs/vsmmu.md). */
static const struct evt_fields *forwarded(const struct vsmmu_host *h, const uint64_t rec[EVT_DWORDS])
{
	unsigned id = (unsigned)VS_FIELD_GET(EVT0_ID, rec[0]);
	const struct evt_fields *f = id == EVT_ID_C_BAD_STREAMID ? NULL : fields_of(id);

	if (f && f->s2_stall && (rec[1] & (EVT1_S2 | EVT1_STALL)) &&
	    !(VS_DEFECT(h, S2_PERM_FORWARDED) && id == EVT_ID_F_PERMISSION && !(rec[1] & EVT1_STALL)))
		return NULL;
	return f;
}

void vsmmu_host_route_event(struct vsmmu_host *h, unsigned psmmu, const uint64_t rec[EVT_DWORDS])
{
	uint32_t psid;
	struct vs_route *r;
	const struct evt_fields *f;
	uint64_t in0, out[EVT_DWORDS];
	struct vsmmu *v;

	if (!h || !rec)
		return;
	psid = (uint32_t)VS_FIELD_GET(EVT0_SID, rec[0]);
	r = psmmu < VSMMU_MAX_PSMMU ? lookup(h, psmmu, psid) : NULL;
	if (VS_DEFECT(h, ROUTE_IGNORES_PSMMU)) {
		/* The defect: a StreamID taken as host-unique; the first route
		 * with this pSID on any physical SMMU wins. */
		for (unsigned p = 0; p < VSMMU_MAX_PSMMU; p++)
			if ((r = lookup(h, p, psid)) != NULL)
				break;
	}
	if (r && vs_s2_as_s1(r->v, r->s, rec, out)) {
		/* Caused by the guest's stage 1: its stage-1 event (s2fault.c),
		 * with that type's fields, and a guest IPA as FetchAddr. */
		uint64_t fetch = out[3];

		v = r->v;
		f = fields_of((unsigned)VS_FIELD_GET(EVT0_ID, out[0]));
		if (!(out[0] & EVT0_SSV))
			out[0] &= ~(uint64_t)EVT0_SSID;
		VS_FIELD_SET(out[0], EVT0_SID, VS_DEFECT(v, LEAK_PSID) ? psid : r->vsid);
		out[0] &= f->dw0;
		out[1] &= f->dw1;
		out[2] &= f->dw2;
		out[3] = fetch;
		h->stats.events_routed++;
		vs_call_begin(v);
		vs_evtq_write(v, out);
		vs_call_end(v);
		return;
	}
	f = forwarded(h, rec);

	if (!r || !f) {
		h->stats.events_kept++;
		host_trace(h, psmmu, psid, 0, rec);
		return;
	}
	v = r->v;
	in0 = rec[0];
	if (VS_FIELD_GET(EVT0_ID, rec[0]) == EVT_ID_C_BAD_STE &&
	    r->s->lazy_evt == EVT_ID_C_BAD_STREAMID) {
		/* The guest's StreamID is outside its table: C_BAD_STREAMID,
		 * recorded only if the guest set CR2.RECINVSID. */
		if (!(v->cr2 & CR2_RECINVSID)) {
			h->stats.events_kept++;
			host_trace(h, psmmu, psid, 0, rec);
			return;
		}
		VS_FIELD_SET(in0, EVT0_ID, EVT_ID_C_BAD_STREAMID);
		f = fields_of(EVT_ID_C_BAD_STREAMID);
	}
	if ((f->dw0 & EVT0_SSV) && !(in0 & EVT0_SSV))
		in0 &= ~(uint64_t)EVT0_SSID;          /* UNKNOWN without SSV */
	VS_FIELD_SET(in0, EVT0_SID, VS_DEFECT(v, LEAK_PSID) ? psid : r->vsid);
	out[0] = in0 & f->dw0;
	out[1] = rec[1] & f->dw1;
	out[2] = rec[2] & f->dw2;
	out[3] = 0;
	if (VS_DEFECT(v, EVENT_NOT_SCRUBBED))
		memcpy(&out[1], &rec[1], 3 * sizeof(out[0]));   /* "only the SID is host-specific" */
	h->stats.events_routed++;
	vs_call_begin(v);
	vs_evtq_write(v, out);
	vs_call_end(v);
}

void vsmmu_host_phys_evtq_overflow(struct vsmmu_host *h, unsigned psmmu)
{
	if (!h || psmmu >= VSMMU_MAX_PSMMU)
		return;
	h->stats.evtq_overflows++;
	for (unsigned i = 0; i < VSMMU_HOST_MAX_GUESTS; i++) {
		struct vsmmu *v = h->guests[i];

		if (!v || v->pcount[psmmu] == 0)
			continue;
		vs_call_begin(v);
		vs_evtq_lost(v);
		vs_call_end(v);
	}
}

void vsmmu_host_phys_gerror(struct vsmmu_host *h, unsigned psmmu, uint32_t bits)
{
	if (!h)
		return;
	h->stats.gerrors_kept++;
	host_trace(h, psmmu, 0, bits, NULL);
}
