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

/* Which physical events a guest is told about, and what dw3 may keep. */
enum fwd { FWD_KEEP, FWD_NO_DW3, FWD_IPA };

static enum fwd classify(const uint64_t rec[EVT_DWORDS])
{
	unsigned id = (unsigned)VS_FIELD_GET(EVT0_ID, rec[0]);
	bool s2 = (rec[1] & EVT1_S2) != 0;

	switch (id) {
	case EVT_ID_C_BAD_STE:
	case EVT_ID_F_STREAM_DISABLED:
	case EVT_ID_C_BAD_SUBSTREAMID:
	case EVT_ID_C_BAD_CD:
		return FWD_NO_DW3;
	case EVT_ID_F_CD_FETCH:              /* FetchAddr is a host PA: scrubbed */
	case EVT_ID_F_WALK_EABT:
		return s2 ? FWD_KEEP : FWD_NO_DW3;
	case EVT_ID_F_TRANSLATION:
	case EVT_ID_F_ADDR_SIZE:
	case EVT_ID_F_ACCESS:
	case EVT_ID_F_PERMISSION:
		if (s2 || (rec[1] & EVT1_STALL))
			return FWD_KEEP;
		return FWD_IPA;
	default:
		return FWD_KEEP;   /* F_STE_FETCH, C_BAD_STREAMID, F_UUT, ATS, conflicts, ... */
	}
}

/* The forwarded record keeps only what its format defines (spec 7.3.x);
 * everything else is RES0 for the guest, and fields the architecture
 * leaves UNKNOWN are 0: STAG without Stall, the IPA of a stage-1 fault,
 * TTRnW unless CLASS = TT. SID is filled in by the caller. */
static void scrub(const uint64_t rec[EVT_DWORDS], uint64_t out[EVT_DWORDS])
{
	unsigned id = (unsigned)VS_FIELD_GET(EVT0_ID, rec[0]);
	uint64_t ssid = (rec[0] & EVT0_SSV) ? (rec[0] & (EVT0_SSV | EVT0_SSID)) : 0;

	out[0] = rec[0] & EVT0_ID;
	out[1] = out[2] = out[3] = 0;
	switch (id) {
	case EVT_ID_C_BAD_SUBSTREAMID:
		out[0] |= rec[0] & EVT0_SSID;       /* always valid, no SSV */
		break;
	case EVT_ID_C_BAD_STE:
	case EVT_ID_C_BAD_STREAMID:
	case EVT_ID_F_STREAM_DISABLED:
	case EVT_ID_C_BAD_CD:
	case EVT_ID_F_CD_FETCH:                     /* FetchAddr is a host PA: scrubbed */
		out[0] |= ssid;
		break;
	case EVT_ID_F_WALK_EABT:
		out[0] |= ssid;
		out[1] = rec[1] & (EVT1_PNU | EVT1_IND | EVT1_RNW | EVT1_CLASS);
		out[2] = rec[2];
		break;
	default:                                    /* F_TRANSLATION .. F_PERMISSION, stage 1 */
		out[0] |= ssid;
		out[1] = rec[1] & (EVT1_PNU | EVT1_IND | EVT1_RNW | EVT1_CLASS);
		if (id == EVT_ID_F_PERMISSION && VS_FIELD_GET(EVT1_CLASS, rec[1]) == EVT_CLASS_TT)
			out[1] |= rec[1] & EVT1_TTRNW;
		out[2] = rec[2];
		break;
	}
}

void vsmmu_host_route_event(struct vsmmu_host *h, unsigned psmmu, const uint64_t rec[EVT_DWORDS])
{
	uint32_t psid;
	struct vs_route *r;
	enum fwd f;
	uint64_t out[EVT_DWORDS];
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
	f = classify(rec);

	if (!r || f == FWD_KEEP) {
		h->stats.events_kept++;
		host_trace(h, psmmu, psid, 0, rec);
		return;
	}
	v = r->v;
	scrub(rec, out);
	if (VS_FIELD_GET(EVT0_ID, rec[0]) == EVT_ID_C_BAD_STE &&
	    r->s->lazy_evt == EVT_ID_C_BAD_STREAMID) {
		/* The guest's StreamID is outside its table: C_BAD_STREAMID,
		 * recorded only if the guest set CR2.RECINVSID. */
		if (!(v->cr2 & CR2_RECINVSID)) {
			h->stats.events_kept++;
			host_trace(h, psmmu, psid, 0, rec);
			return;
		}
		VS_FIELD_SET(out[0], EVT0_ID, EVT_ID_C_BAD_STREAMID);
	}
	out[0] |= VS_FIELD_PREP(EVT0_SID, VS_DEFECT(v, LEAK_PSID) ? psid : r->vsid);
	if (VS_DEFECT(v, EVENT_NOT_SCRUBBED))
		memcpy(&out[1], &rec[1], 3 * sizeof(out[0]));   /* "only the SID is host-specific" */
	h->stats.events_routed++;
	vs_call_begin(v);
	vs_evtq_write(v, out);
	vs_call_end(v);
}

void vsmmu_host_phys_gerror(struct vsmmu_host *h, unsigned psmmu, uint32_t bits)
{
	if (!h)
		return;
	h->stats.gerrors_kept++;
	host_trace(h, psmmu, 0, bits, NULL);
}
