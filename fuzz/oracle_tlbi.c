/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * oracle_tlbi.c - I6, the other half: a guest's TLB invalidations are
 * complete. Scoping (oracle.c) says no physical TLBI reaches beyond the
 * guest; this file says every entry the guest's TLBI names is gone from every
 * physical SMMU by the time the guest's next CMD_SYNC completes.
 *
 * When the hypervisor fetches a TLBI_NH_* (or TLBI_NSNH_ALL) from the
 * guest's queue, the oracle lists the entries of the physical TLBs and walk
 * caches (plat_psmmu_tlb) that the command names by the architecture
 * (4.4.1.1, 4.4.2: VMID = the guest's, ASID or global, the VA or the range
 * [Addr, Addr + (NUM+1) * 2^SCALE granules), TG and TTL narrowing it, Leaf=1
 * sparing table descriptors), written here from the specification and not
 * from the platform's TLB code. Those entries are owed once CMDQ_CONS shows
 * the command consumed; when a later CMD_SYNC of the guest is consumed, an
 * owed entry still held (same serial: not refilled) is a violation.
 * Entries inserted later are never owed, so DMA between the TLBI and the
 * SYNC cannot fire it.
 */
#include <inttypes.h>
#include <string.h>

#include "fuzz/oracle_int.h"

static uint16_t vmid_of(const struct oracle *o, int g)
{
	struct vsmmu_s2_template t;

	memset(&t, 0, sizeof t);
	plat_guest_s2_template(o->p, g, &t);
	return (uint16_t)VS_FIELD_GET(STE2_S2VMID, t.ste_dw2);
}

/* Does [base, base + 2^shift) meet [lo, hi]? */
static bool meets(uint64_t base, unsigned shift, uint64_t lo, uint64_t hi)
{
	uint64_t last = shift >= 64 ? UINT64_MAX : base + ((UINT64_C(1) << shift) - 1);

	return lo <= last && hi >= base;
}

/* Is entry e one the guest's command cmd requires invalidated (ril: the
 * guest was shown IDR3.RIL = 1, so TG/NUM/SCALE/TTL mean something)? */
static bool owed(const struct plat_tlb_view *e, uint16_t vmid, bool ril, const uint64_t cmd[CMD_DWORDS])
{
	unsigned op = (unsigned)VS_FIELD_GET(CMD0_OP, cmd[0]);
	uint16_t asid = (uint16_t)VS_FIELD_GET(CMD0_ASID, cmd[0]);
	unsigned tg = ril ? (unsigned)VS_FIELD_GET(CMD1_TG, cmd[1]) : 0;
	unsigned ttl = tg ? (unsigned)VS_FIELD_GET(CMD1_TTL, cmd[1]) : 0;
	uint64_t lo = cmd[1] & CMD1_ADDR, hi;

	/* Stage-1 information of the guest's VMID only: stage-2-only entries
	 * (a stream the guest put in bypass) are not named by TLBI_NH_*. */
	if (e->kind != PLAT_TLB_NESTED || e->vmid != vmid)
		return false;
	switch (op) {
	case CMD_OP_TLBI_NH_ALL:
	case CMD_OP_TLBI_NSNH_ALL:      /* the guest asked for all; its own is owed */
		return true;
	case CMD_OP_TLBI_NH_ASID:
		return e->asid == asid && (e->walk || !e->global);
	case CMD_OP_TLBI_NH_VA:
	case CMD_OP_TLBI_NH_VAA:
		break;
	default:
		return false;
	}
	if (op == CMD_OP_TLBI_NH_VA && e->asid != asid && (e->walk || !e->global))
		return false;
	if (e->walk && (cmd[1] & CMD1_LEAF))
		return false;           /* Leaf=1: last level only */
	if (!tg) {
		hi = lo | 0xfff;
	} else {
		unsigned gshift = 10u + 2u * tg;
		uint64_t range = ((uint64_t)VS_FIELD_GET(CMD0_NUM, cmd[0]) + 1)
				 << (VS_FIELD_GET(CMD0_SCALE, cmd[0]) + gshift);

		if (tg == CMD_TG_16K && ttl == 1)
			ttl = 0;        /* no DS: treated as 0b00 */
		if (e->gshift != gshift)
			return false;   /* only entries of granule TG are required */
		if (ttl && (e->walk ? e->level >= ttl : e->level != ttl))
			return false;
		hi = range - 1 > UINT64_MAX - lo ? UINT64_MAX : lo + range - 1;
	}
	return meets(e->va, e->shift, lo, hi);
}

void orc_tlbi_fetched(struct oracle *o, int g, uint32_t idx, const uint64_t cmd[CMD_DWORDS])
{
	struct orc_call *c = &o->call;
	unsigned op = (unsigned)VS_FIELD_GET(CMD0_OP, cmd[0]);
	bool sync = op == CMD_OP_SYNC;
	bool ril = o->g[g].regs.idr3 & IDR3_RIL;
	uint16_t vmid;
	struct plat_tlb_view v[PLAT_TLB_VIEW_MAX];

	if (!sync && op != CMD_OP_TLBI_NH_ALL && op != CMD_OP_TLBI_NH_ASID && op != CMD_OP_TLBI_NH_VA &&
	    op != CMD_OP_TLBI_NH_VAA && op != CMD_OP_TLBI_NSNH_ALL)
		return;
	if (c->ntl == ORC_TLBI_FETCHES) {
		c->tl_overflow = true;
		return;
	}
	c->tl[c->ntl].idx = idx;
	c->tl[c->ntl].dist = c->last_fetch_dist;      /* laps counted (oracle_int.h) */
	c->tl[c->ntl].sync = sync;
	c->tl[c->ntl].first = c->nco;
	vmid = vmid_of(o, g);
	for (unsigned p = 0; !sync && p < PLAT_MAX_PSMMU; p++) {
		unsigned n = plat_psmmu_tlb(o->p, p, v, PLAT_TLB_VIEW_MAX);

		for (unsigned i = 0; i < n && i < PLAT_TLB_VIEW_MAX; i++) {
			if (!owed(&v[i], vmid, ril, cmd))
				continue;
			if (c->nco == ORC_OWED_CALL) {
				c->tl_overflow = true;
				break;
			}
			c->co[c->nco].psmmu = (uint8_t)p;
			c->co[c->nco].walk = v[i].walk;
			c->co[c->nco].serial = v[i].serial;
			c->co[c->nco].va = v[i].va;
			c->co[c->nco].cmd[0] = cmd[0];
			c->co[c->nco].cmd[1] = cmd[1];
			c->nco++;
		}
	}
	c->tl[c->ntl].n = c->nco - c->tl[c->ntl].first;
	c->ntl++;
}

/* Is a failure of the guest on physical SMMU psmmu still open (I11)? */
static bool fail_open_on(const struct orc_guest *og, unsigned psmmu)
{
	for (unsigned i = 0; i < og->nfail; i++)
		if (og->fail[i].psmmu == psmmu)
			return true;
	return false;
}

/* The call of guest g ended: CMDQ_CONS moved `consumed` commands from
 * where it was, or nothing is known (know_cons false). */
void orc_tlbi_call_end(struct oracle *o, int g, bool know_cons, uint64_t consumed)
{
	struct orc_call *c = &o->call;
	struct orc_guest *og = &o->g[g];

	if (!know_cons || c->tl_overflow) {
		/* What this call consumed is unknown: owe nothing, check nothing
		 * (a miss, never a false verdict). */
		og->nowed = 0;
		return;
	}
	for (unsigned t = 0; t < c->ntl; t++) {
		if (c->tl[t].dist >= consumed)
			continue;       /* not consumed (an error, or deferred) */
		if (!c->tl[t].sync) {
			for (unsigned i = 0; i < c->tl[t].n; i++) {
				if (og->nowed == ORC_OWED_GUEST) {
					og->owed_overflow = true;
					break;
				}
				og->owed[og->nowed++] = c->co[c->tl[t].first + i];
			}
			continue;
		}
		/* A physical failure of the guest still open on that SMMU:
		 * whether its CMD_SYNC may complete is I11's verdict, not this
		 * one's. A failure on another SMMU excuses nothing here (any
		 * open failure once skipped every entry). */
		for (unsigned i = 0; i < og->nowed && !og->fail_overflow; i++) {
			const struct orc_owed *w = &og->owed[i];

			if (fail_open_on(og, w->psmmu) || !plat_psmmu_tlb_holds(o->p, w->psmmu, w->serial))
				continue;
			orc_viol(o, 6, "guest=%s stream=psmmu%u field=cmd0x%02x(dw0=0x%" PRIx64 ",dw1=0x%" PRIx64 ")"
				 " expected=%s-entry-va0x%" PRIx64 "-invalidated-by-CMD_SYNC@%" PRIu32 " seen=still-held",
				 orc_gname(o, g), w->psmmu, (unsigned)VS_FIELD_GET(CMD0_OP, w->cmd[0]), w->cmd[0],
				 w->cmd[1], w->walk ? "walk-cache" : "TLB", w->va, c->tl[t].idx);
			break;
		}
		og->nowed = 0;
		og->owed_overflow = false;
	}
}
