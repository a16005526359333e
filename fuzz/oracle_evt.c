/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * oracle_evt.c - I5 record by record.
 *
 * Every physical event record the hypervisor drains (on_phys_event) is
 * owed to the guest owning its (pSMMU, pSID) at that moment; it is queued
 * for that owner. Every record the hypervisor writes into a guest's memory
 * (observed with its bytes) must then be either the translation of one of
 * that guest's owed records - same type (C_BAD_STE may become
 * C_BAD_STREAMID), SID = the owner's vSID, every other defined field equal
 * to the physical one or zero, every field the format leaves RES0/UNKNOWN
 * zero, no fetch address (a host PA) - or an architected synthetic record
 * the vSMMU writes itself for a configuration it loads (C_BAD_STE,
 * F_STE_FETCH with the guest IPA the oracle's own walk computes,
 * C_BAD_STREAMID), naming one of the writing guest's assigned vSIDs.
 * Nobody is excused for being busy in the same op.
 */
#include <inttypes.h>
#include <string.h>

#include "fuzz/oracle_fields.h"
#include "fuzz/oracle_int.h"

static const struct orc_evt_fields *fields_of(unsigned id)
{
	static const struct orc_evt_fields unknown = { 0, 0, { EVT0_ID | EVT0_SID, 0, 0, 0 } };

	for (size_t i = 0; i < sizeof orc_evt_table / sizeof orc_evt_table[0]; i++)
		if (orc_evt_table[i].id == id)
			return &orc_evt_table[i];
	return &unknown;
}

/* The defined bits of each dword of rec, given its own SSV/S2/CLASS/Stall. */
static void defined_bits(const uint64_t rec[EVT_DWORDS], uint64_t def[EVT_DWORDS])
{
	const struct orc_evt_fields *f = fields_of((unsigned)VS_FIELD_GET(EVT0_ID, rec[0]));

	memcpy(def, f->dw, sizeof f->dw);
	if ((f->flags & ORC_EVF_SSID_IF_SSV) && !(rec[0] & EVT0_SSV))
		def[0] &= ~EVT0_SSID;
	if ((f->flags & ORC_EVF_IPA_IF_S2) && !(rec[1] & EVT1_S2))
		def[3] &= ~EVT3_IPA;
	if ((f->flags & ORC_EVF_TTRNW_IF_TT) && VS_FIELD_GET(EVT1_CLASS, rec[1]) != EVT_CLASS_TT)
		def[1] &= ~EVT1_TTRNW;
	if ((f->flags & ORC_EVF_STAG_IF_STALL) && !(rec[1] & EVT1_STALL))
		def[1] &= ~EVT1_STAG;
}

/* A stage-2 fault of the guest's own stage-1 fetch (CLASS CD or TT): the
 * guest is told in stage-1 form, F_CD_FETCH or F_WALK_EABT, with its own
 * IPA as FetchAddr (docs/vsmmu.md "stage-2 causes, stage-1 events"). */
static bool s2_fetch_fault(const uint64_t phys[EVT_DWORDS])
{
	unsigned cls = (unsigned)VS_FIELD_GET(EVT1_CLASS, phys[1]);

	return (phys[1] & EVT1_S2) && (cls == EVT_CLASS_CD || cls == EVT_CLASS_TT);
}

/* Can the guest record of type id be the translation of physical record phys? */
static bool type_compat(const uint64_t phys[EVT_DWORDS], unsigned id)
{
	unsigned pid = (unsigned)VS_FIELD_GET(EVT0_ID, phys[0]);

	/* The hypervisor's own tables: a physical F_STE_FETCH or
	 * C_BAD_STREAMID is never a guest's (docs/vsmmu.md, kept records);
	 * a guest record of that type is the vSMMU's own, for its table. */
	if (pid == EVT_ID_F_STE_FETCH || pid == EVT_ID_C_BAD_STREAMID)
		return false;
	if (pid == id || (pid == EVT_ID_C_BAD_STE && id == EVT_ID_C_BAD_STREAMID))
		return true;
	if (s2_fetch_fault(phys))
		return id == (VS_FIELD_GET(EVT1_CLASS, phys[1]) == EVT_CLASS_CD ? EVT_ID_F_CD_FETCH :
			      EVT_ID_F_WALK_EABT);
	/* an output address beyond the advertised OAS: F_ADDR_SIZE, stage 1 */
	return (phys[1] & EVT1_S2) && id == EVT_ID_F_ADDR_SIZE;
}

void orc_evt_phys(struct oracle *o, unsigned psmmu, const uint64_t rec[EVT_DWORDS])
{
	uint32_t psid = (uint32_t)VS_FIELD_GET(EVT0_SID, rec[0]), vsid = 0;
	int owner = plat_stream_owner(o->p, psmmu, psid, &vsid);
	struct orc_guest *og;
	struct orc_pending_evt *e;

	if (!orc_guest_ok(owner))
		return;                 /* owed to nobody: the hypervisor keeps it */
	og = &o->g[owner];
	/* With orc_evt_route_done emptying the ring after every routing call
	 * it holds the one record being routed; the ring and this bound stay
	 * so that a drain of several records before one route stays judged. */
	if (og->npend == ORC_EVQ_PENDING) {
		og->pend_head = (og->pend_head + 1) % ORC_EVQ_PENDING;   /* oldest is forgotten */
		og->npend--;
	}
	e = &og->pend[(og->pend_head + og->npend++) % ORC_EVQ_PENDING];
	e->psmmu = (uint8_t)psmmu;
	e->psid = psid;
	e->vsid = vsid;
	memcpy(e->rec, rec, sizeof e->rec);
}

/* The hypervisor delivers a drained record in the routing call that
 * follows the drain, or never (its guest's queue was off, full or in
 * error: the reference model judges that). A record still owed when that
 * call ends was dropped: it explains nothing written later, so a stale
 * record replayed afterwards, or a fabricated one of the same type and
 * stream, has no cause. Before 3 Dec 2026 owed records stayed until 32
 * newer ones pushed them out. */
void orc_evt_route_done(struct oracle *o)
{
	for (unsigned h = 0; h < PLAT_MAX_GUESTS; h++)
		o->g[h].npend = o->g[h].pend_head = 0;
}

/* Remove entry i (ring position) of g's owed records. */
static void pend_remove(struct orc_guest *og, unsigned i)
{
	for (; i + 1 < og->npend; i++)
		og->pend[(og->pend_head + i) % ORC_EVQ_PENDING] = og->pend[(og->pend_head + i + 1) % ORC_EVQ_PENDING];
	og->npend--;
}

static const struct orc_pending_evt *pend_find(const struct orc_guest *og, unsigned id, uint32_t sid,
					       bool by_psid, unsigned *at)
{
	for (unsigned i = 0; i < og->npend; i++) {
		const struct orc_pending_evt *e = &og->pend[(og->pend_head + i) % ORC_EVQ_PENDING];
		if (type_compat(e->rec, id) &&
		    (by_psid ? e->psid : e->vsid) == sid) {
			if (at)
				*at = i;
			return e;
		}
	}
	return NULL;
}

static void bad_field(struct oracle *o, int g, uint32_t sid, unsigned id, unsigned dw, const char *what,
		      uint64_t exp, uint64_t seen)
{
	orc_viol(o, 5, "guest=%s stream=vsid0x%" PRIx32 " field=event(type-0x%02x).dw%u%s expected=0x%" PRIx64
		 " seen=0x%" PRIx64, orc_gname(o, g), sid, id, dw, what, exp, seen);
}

/* Bits outside the format, and for a routed record bits the physical
 * record did not have (fabricated or carried over from another field). */
static bool judge_bits(struct oracle *o, int g, const uint64_t rec[EVT_DWORDS], const uint64_t *phys,
		       bool say)
{
	uint64_t def[EVT_DWORDS];
	uint32_t sid = (uint32_t)VS_FIELD_GET(EVT0_SID, rec[0]);
	unsigned id = (unsigned)VS_FIELD_GET(EVT0_ID, rec[0]);
	const struct orc_evt_fields *f = fields_of(id);

	defined_bits(rec, def);
	/* The guest's vSMMU has no stage 2 (IDR0.S2P = 0): no record it
	 * writes can report a stage-2 fault. A physical stage-2 fault is the
	 * hypervisor's, or the guest is shown its stage-1 form. */
	if (rec[1] & EVT1_S2) {
		if (say)
			bad_field(o, g, sid, id, 1, ".S2(no stage 2 is advertised)", 0, EVT1_S2);
		return false;
	}
	for (unsigned dw = 0; dw < EVT_DWORDS; dw++) {
		uint64_t extra = rec[dw] & ~def[dw];
		if (extra) {
			if (say)
				bad_field(o, g, sid, id, dw, "(RES0/UNKNOWN for this type)", 0, extra);
			return false;
		}
	}
	if (!phys)
		return true;
	/* A fetch address is a physical address in hardware's record - but
	 * for a stage-2 fault of the guest's own fetch, the guest is given the
	 * IPA of that fetch, which the physical record holds (page-granular). */
	if ((f->flags & ORC_EVF_FETCHADDR) && (rec[3] & EVT3_FETCH_ADDR) &&
	    !(s2_fetch_fault(phys) && ((rec[3] & EVT3_FETCH_ADDR) & EVT3_IPA) == (phys[3] & EVT3_IPA))) {
		if (say)
			bad_field(o, g, sid, id, 3, ".FetchAddr(host PA)", 0, rec[3] & EVT3_FETCH_ADDR);
		return false;
	}
	{
		uint64_t m0 = def[0] & ~(EVT0_ID | EVT0_SID);
		uint64_t d0 = rec[0] & m0 & ~phys[0];
		if (d0) {
			if (say)
				bad_field(o, g, sid, id, 0, "(not from the physical record)", phys[0] & m0, rec[0] & m0);
			return false;
		}
	}
	for (unsigned dw = 1; dw < EVT_DWORDS; dw++) {
		uint64_t d = rec[dw] & def[dw] & ~phys[dw];

		/* The offset of the guest's CD/descriptor within the faulting
		 * page is the hypervisor's to compute from the guest's own
		 * structures (the physical record has the page only): checked
		 * page-granular above. */
		if (dw == 3 && s2_fetch_fault(phys))
			d &= ~(EVT3_FETCH_ADDR & ~EVT3_IPA);
		if (d) {
			if (say)
				bad_field(o, g, sid, id, dw, "(not from the physical record)", phys[dw] & def[dw],
				  rec[dw] & def[dw]);
			return false;
		}
	}
	return true;
}

void orc_evt_written(struct oracle *o, int g, uint64_t ipa, const uint64_t rec[EVT_DWORDS])
{
	struct orc_guest *og = &o->g[g];
	unsigned id = (unsigned)VS_FIELD_GET(EVT0_ID, rec[0]), at = 0;
	uint32_t sid = (uint32_t)VS_FIELD_GET(EVT0_SID, rec[0]);
	const struct orc_pending_evt *e;

	(void)ipa;
	if (og->events++ == 0)
		og->first_event_sid = sid;
	/* Nothing about a stream is delivered after its unassign (I10); with no
	 * owner when the physical record was drained it reaches a non-owner
	 * too (I5, reported first). */
	if (!orc_find_vsid(o, g, sid, true) && orc_find_vsid(o, g, sid, false)) {
		orc_viol(o, 10, "guest=%s stream=vsid0x%" PRIx32 " field=event.SID expected=no-event-after-unassign"
			 " seen=type-0x%02x", orc_gname(o, g), sid, id);
		if (!pend_find(og, id, sid, false, NULL))
			orc_viol(o, 5, "guest=%s stream=vsid0x%" PRIx32 " field=event-recipient expected=nobody"
				 "(stream unassigned) seen=%s", orc_gname(o, g), sid, orc_gname(o, g));
		return;
	}
	/* The oldest owed record this one can be the translation of; else the
	 * oldest of its type and stream (then judged, and found wrong). */
	e = NULL;
	for (unsigned i = 0; i < og->npend && !e; i++) {
		const struct orc_pending_evt *c = &og->pend[(og->pend_head + i) % ORC_EVQ_PENDING];
		if (type_compat(c->rec, id) && c->vsid == sid &&
		    judge_bits(o, g, rec, c->rec, false)) {
			e = c;
			at = i;
		}
	}
	if (!e)
		e = pend_find(og, id, sid, false, &at);
	if (e) {
		uint64_t phys[EVT_DWORDS];
		memcpy(phys, e->rec, sizeof phys);
		pend_remove(og, at);
		(void)judge_bits(o, g, rec, phys, true);
		return;
	}
	/* An architected record of the vSMMU's own, for a configuration the
	 * guest's own call loaded. */
	if (orc_evt_synthetic(id) && o->call.active && o->call.guest == g && o->call.kind != PLAT_CALL_ROUTE) {
		if (!orc_find_vsid(o, g, sid, true)) {
			orc_viol(o, 5, "guest=%s stream=- field=event.SID expected=an-assigned-vSID seen=0x%" PRIx32,
				 orc_gname(o, g), sid);
			return;
		}
		if (!judge_bits(o, g, rec, NULL, true))
			return;
		/* FetchAddr: the guest IPA of a read the hypervisor made for this
		 * guest in this very call and that failed (observed), never a
		 * host address. Past the last ORC_FAILED_READS failures (a range
		 * CFGI refetching many streams), an IPA the hypervisor cannot
		 * read now passes too: it is the guest's, and it fails. */
		if (id == EVT_ID_F_STE_FETCH && (rec[3] & EVT3_FETCH_ADDR)) {
			uint64_t got = rec[3] & EVT3_FETCH_ADDR;
			unsigned n = o->call.nfailed_reads < ORC_FAILED_READS ? o->call.nfailed_reads : ORC_FAILED_READS;
			bool ok = false;
			uint8_t b;

			for (unsigned i = 0; i < n; i++)
				ok |= (o->call.failed_read[i] & EVT3_FETCH_ADDR) == got;
			if (!ok && o->call.nfailed_reads > ORC_FAILED_READS)
				ok = plat_peek_guest_hyp(o->p, g, got, &b, 1) != 0;
			if (!ok)
				bad_field(o, g, sid, id, 3, ".FetchAddr(not a guest IPA the hypervisor failed to read)",
					  o->call.nfailed_reads ? o->call.failed_read[0] : 0, got);
		}
		return;
	}
	/* No cause: say whose it was, if anyone's. */
	e = pend_find(og, id, sid, true, NULL);
	if (e) {
		orc_viol(o, 5, "guest=%s stream=vsid0x%" PRIx32 " field=event.SID expected=0x%" PRIx32
			 " seen=0x%" PRIx32 "(the pSID)", orc_gname(o, g), e->vsid, e->vsid, sid);
		return;
	}
	for (int h = 0; h < (int)PLAT_MAX_GUESTS; h++) {
		if (h == g)
			continue;
		e = pend_find(&o->g[h], id, sid, false, NULL);
		if (!e)
			e = pend_find(&o->g[h], id, sid, true, NULL);
		if (e) {
			orc_viol(o, 5, "guest=%s stream=psmmu%u/psid0x%" PRIx32 " field=event-recipient expected=%s"
				 " seen=%s", orc_gname(o, g), e->psmmu, e->psid, orc_gname(o, h), orc_gname(o, g));
			return;
		}
	}
	orc_viol(o, 5, "guest=%s stream=vsid0x%" PRIx32 " field=event(type-0x%02x) expected=a-physical-record-"
		 "or-synthetic-cause seen=none", orc_gname(o, g), sid, id);
}
