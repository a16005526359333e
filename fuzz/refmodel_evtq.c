/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * refmodel_evtq.c - the event queue of section 7.2/7.4 and SMMU_EVENTQ_*:
 * a record is written only while EVENTQEN=1 and EVENTQ_ABT_ERR is
 * inactive, only into a queue that is not full, at the PROD slot, and PROD
 * then advances with wrap; OVFLG toggles only for a full queue (or when a
 * physical event queue under one of its streams overflowed:
 * refmodel_phys_evtq_overflow) whose
 * previous overflow was acknowledged; EVENTQ_ABT_ERR only after an abort on
 * a record write. Configuration events must be justified by the stream's
 * configuration (C_BAD_STE, C_BAD_STREAMID) or a fetch abort (F_STE_FETCH).
 * Other GERROR bits: only SFM_ERR (IMPLEMENTATION DEFINED conditions).
 */
#include <inttypes.h>
#include <string.h>

#include "fuzz/refmodel_int.h"

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

static uint32_t le32(const uint8_t *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* May the stream's configuration produce this configuration event? The
 * SMMU may have fetched either a permitted configuration or what is in
 * memory now. */
static bool justified(struct refmodel *m, int g, uint32_t vsid, unsigned k1, unsigned k2)
{
	struct rm_cfg c;
	bool known = false;

	for (unsigned i = 0; i < RM_MAX_STREAMS; i++)
		if (m->g[g].s[i].live && m->g[g].s[i].vsid == vsid) {
			known = true;
			/* its STE was overwritten by the hypervisor's own records:
			 * any configuration, so any record, until invalidated */
			if (m->g[g].s[i].clobbered)
				return true;
		}
	if (!known)
		return false;
	if (rm_stream_may_be(&m->g[g], vsid, k1) || (k2 && rm_stream_may_be(&m->g[g], vsid, k2)))
		return true;
	rm_decode(m, g, vsid, &c);
	return c.kind == RM_K_ANY || c.kind == k1 || (k2 && c.kind == k2);
}

static void check_record(struct refmodel *m, int g, const uint8_t *rec)
{
	struct rm_guest *G = &m->g[g];
	unsigned id = rec[0];
	uint32_t sid = le32(rec + 4);

	for (unsigned i = 0; i < RM_MAX_STREAMS; i++) {
		if (!G->s[i].live || G->s[i].vsid != sid)
			continue;
		if (G->s[i].owed_evt == id)
			G->s[i].owed_evt = 0;   /* what the op's transaction owed */
		if (id == EVT_ID_C_BAD_STE || id == EVT_ID_F_STE_FETCH)
			G->s[i].rec_seen = true;
	}

	/* A physical failure leaves a stream fail-closed, and a fail-closed
	 * physical STE (V=0) records C_BAD_STE, forwarded as the guest's: only
	 * that record is excused by a fault (C_BAD_STREAMID comes from the
	 * guest's own table, F_STE_FETCH from an observed failed fetch). */
	if (id == EVT_ID_C_BAD_STE && !justified(m, g, sid, RM_K_INVALID, RM_K_ILLEGAL) && !rm_faults(m, g))
		rm_fire(m, g, "field=event C_BAD_STE vsid=0x%" PRIx32 " expected=no-event(STE valid and legal)"
			" seen=C_BAD_STE", sid);
	else if (id == EVT_ID_C_BAD_STREAMID &&
		 (!(G->cr2 & CR2_RECINVSID) || !justified(m, g, sid, RM_K_BADSID, 0)))
		rm_fire(m, g, "field=event C_BAD_STREAMID vsid=0x%" PRIx32 " expected=no-event(%s)"
			" seen=C_BAD_STREAMID", sid, (G->cr2 & CR2_RECINVSID) ? "StreamID in range" :
			"CR2.RECINVSID=0");
	else if (id == EVT_ID_F_STE_FETCH && !G->fetch_abort_seen && !justified(m, g, sid, RM_K_FETCH, 0))
		rm_fire(m, g, "field=event F_STE_FETCH vsid=0x%" PRIx32 " expected=no-event(no fetch abort"
			" observed) seen=F_STE_FETCH", sid);
}

void rm_evtq_access(struct refmodel *m, int g, const struct rm_acc *a)
{
	struct rm_guest *G = &m->g[g];
	unsigned qs = rm_evtq_qs(G);
	uint32_t mask = vs_q_mask(qs);
	uint64_t base = vs_q_base(G->evtq_base, qs, EVT_SHIFT);
	uint64_t size = UINT64_C(1) << (qs + EVT_SHIFT);
	uint64_t slot = base + ((uint64_t)(G->evtq_prod & (mask >> 1)) << EVT_SHIFT);

	if (!a->write || !overlaps(a->ipa, a->len, base, size))
		return;
	if (a->failed) {
		G->evtq_abort_seen = true;
		G->evt_lost = true;
		return;
	}
	m->checks++;
	G->irq_records++;   /* each may pulse the wired line (refmodel_irq.c) */
	if (!(G->cr0 & CR0_EVENTQEN))
		rm_fire(m, g, "field=event-record ipa=0x%" PRIx64 " expected=none(EVENTQEN=0) seen=written", a->ipa);
	else if (((G->gerror ^ G->gerrorn) & GERROR_EVENTQ_ABT_ERR) &&
		 !(G->gerror_loose & GERROR_EVENTQ_ABT_ERR))
		rm_fire(m, g, "field=event-record ipa=0x%" PRIx64 " expected=none(EVENTQ_ABT_ERR active)"
			" seen=written", a->ipa);
	else if (G->evprod_loose || G->evcons_loose)
		;   /* position UNKNOWN after a LOG2SIZE change: adopted at the next read */
	else if (vs_q_full(G->evtq_prod & mask, G->evtq_cons & mask, qs))
		rm_fire(m, g, "field=event-record ipa=0x%" PRIx64 " expected=none(queue full: PROD=0x%" PRIx32
			" CONS=0x%" PRIx32 ") seen=written", a->ipa, G->evtq_prod, G->evtq_cons);
	else if (a->ipa != slot || a->len != EVT_SIZE)
		rm_fire(m, g, "field=event-record expected=ipa0x%" PRIx64 "/32(PROD slot) seen=ipa0x%" PRIx64
			"/%" PRIu32, slot, a->ipa, a->len);
	else
		check_record(m, g, a->data);
	if (m->viol_guest != g && (G->irq_ctrl & IRQ_CTRL_EVENTQ_IRQEN)) {
		/* the record may be signalled by MSI; one into an empty queue
		 * must be (refmodel_msi.c) */
		G->evtq_records++;
		if (!G->evprod_loose && !G->evcons_loose && (G->evtq_prod & mask) == (G->evtq_cons & mask))
			G->evtq_msi_due = true;
	}
	if (m->viol_guest == g && !G->evprod_loose && !G->evcons_loose)
		return;   /* a record that must not exist does not move PROD */
	G->evtq_prod = (G->evtq_prod & ~mask) | vs_q_inc(G->evtq_prod & mask, qs);
	if (vs_q_full(G->evtq_prod & mask, G->evtq_cons & mask, qs))
		G->evtq_was_full = true;
}

/* A record write to the PROD slot can succeed only if the slot is guest
 * RAM (a write the stage 2 refuses is not reported as an access). */
static bool slot_readable(struct refmodel *m, int g)
{
	const struct rm_guest *G = &m->g[g];
	unsigned qs = rm_evtq_qs(G);
	uint64_t a = vs_q_entry(vs_q_base(G->evtq_base, qs, EVT_SHIFT), G->evtq_prod, qs, EVT_SHIFT);
	uint8_t b[EVT_SIZE];

	return m->env.mem_read(m->env.ctx, g, a, b, sizeof b) == 0;
}

void rm_evtq_observe(struct refmodel *m, int g)
{
	struct rm_guest *G = &m->g[g];
	unsigned qs = rm_evtq_qs(G);
	uint32_t mask = vs_q_mask(qs), keep = mask | (uint32_t)EVENTQ_PROD_OVFLG;
	uint32_t prod = rm_probe(m, g, SMMU_EVENTQ_PROD);
	uint32_t gerr = rm_probe(m, g, SMMU_GERROR);
	uint32_t other = (uint32_t)GERROR_ERR_MASK & ~(uint32_t)(GERROR_CMDQ_ERR | GERROR_EVENTQ_ABT_ERR);
	/* with IDR0.MSI the MSI abort bits exist; their cause is judged with
	 * the MSIs of the op (refmodel_msi.c) */
	if (G->idr[0] & IDR0_MSI)
		other &= ~(uint32_t)(GERROR_MSI_CMDQ_ABT_ERR | GERROR_MSI_EVENTQ_ABT_ERR |
				     GERROR_MSI_GERROR_ABT_ERR);
	uint32_t newly = (gerr ^ G->gerror) & ~(G->gerror ^ G->gerrorn);  /* inactive -> active */
	uint32_t gone = (gerr ^ G->gerror) & (G->gerror ^ G->gerrorn);    /* active -> inactive */

	m->checks++;
	if (prod & ~keep)
		rm_fire(m, g, "field=EVENTQ_PROD(RES0/RAZ) expected=0 seen=0x%" PRIx32, prod & ~keep);
	if (G->evcons_loose) {
		uint32_t cons = rm_probe(m, g, SMMU_EVENTQ_CONS);
		uint32_t ck = mask | (uint32_t)EVENTQ_CONS_OVACKFLG;
		if (cons & ~ck)
			rm_fire(m, g, "field=EVENTQ_CONS(RAZ) expected=0 seen=0x%" PRIx32, cons & ~ck);
		G->evtq_cons = cons & ck;
		G->evcons_loose = false;
		G->evprod_loose = true;
	}
	if (G->evprod_loose) {
		G->evtq_prod = prod & keep;
		G->evprod_loose = false;
	} else {
		if ((prod & mask) != (G->evtq_prod & mask))
			rm_fire(m, g, "field=EVENTQ_PROD expected=0x%" PRIx32 "(records written) seen=0x%" PRIx32,
				G->evtq_prod & mask, prod & mask);
		if ((prod ^ G->evtq_prod) & EVENTQ_PROD_OVFLG) {
			bool acked = !((G->evtq_prod ^ G->evtq_cons) & EVENTQ_PROD_OVFLG);
			if (!(G->evtq_was_full || G->evtq_lost_below ||
			      vs_q_full(G->evtq_prod & mask, G->evtq_cons & mask, qs)) || !acked)
				rm_fire(m, g, "field=EVENTQ_PROD.OVFLG expected=%u(%s) seen=%u",
					(unsigned)!!(G->evtq_prod & EVENTQ_PROD_OVFLG),
					acked ? "queue never full" : "previous overflow not acknowledged",
					(unsigned)!!(prod & EVENTQ_PROD_OVFLG));
		}
		G->evtq_prod = prod & keep;
	}
	G->evtq_was_full = vs_q_full(G->evtq_prod & mask, G->evtq_cons & mask, qs);
	G->evtq_lost_below = false;

	/* GERROR bits other than CMDQ_ERR (refmodel_cmdq.c) */
	newly &= ~(uint32_t)GERROR_CMDQ_ERR & ~G->gerror_loose;
	gone &= ~(uint32_t)GERROR_CMDQ_ERR & ~G->gerror_loose;
	if (gerr & ~(uint32_t)GERROR_ERR_MASK)
		rm_fire(m, g, "field=GERROR(RES0) expected=0 seen=0x%" PRIx32, gerr & ~(uint32_t)GERROR_ERR_MASK);
	/* 7.2.2: an abort on a record write activates EVENTQ_ABT_ERR, and only
	 * an abort does. Every such abort is observed, injected ones included
	 * (the platform reports refused accesses), so no other fault of the
	 * guest's excuses it (before 3 Dec 2026 any did: rm_faults). The vSMMU
	 * writes records synchronously, so the error is active by the end of
	 * the call whose write aborted, the observation that follows it. */
	if ((newly & GERROR_EVENTQ_ABT_ERR) && !G->evtq_abort_seen && slot_readable(m, g))
		rm_fire(m, g, "field=GERROR.EVENTQ_ABT_ERR expected=inactive(no abort on a record write)"
			" seen=active");
	else if (G->evtq_abort_seen && !((gerr ^ G->gerrorn) & GERROR_EVENTQ_ABT_ERR) &&
		 !(G->gerror_loose & GERROR_EVENTQ_ABT_ERR))
		rm_fire(m, g, "field=GERROR.EVENTQ_ABT_ERR expected=active(a record write aborted)"
			" seen=inactive");
	if (newly & other & ~(uint32_t)GERROR_SFM_ERR)
		rm_fire(m, g, "field=GERROR expected=inactive(bits 0x%" PRIx32 ": not advertised) seen=active",
			newly & other & ~(uint32_t)GERROR_SFM_ERR);
	if (gone)
		rm_fire(m, g, "field=GERROR expected=active(0x%" PRIx32 " not acknowledged) seen=inactive", gone);
	G->evtq_abort_seen = false;         /* judged: it excuses nothing later */
	G->gerror = (G->gerror & (uint32_t)GERROR_CMDQ_ERR) | (gerr & ~(uint32_t)GERROR_CMDQ_ERR);
	/* bits toggled while inactive are judged again from the next
	 * observation (CMDQ_ERR: refmodel_cmdq.c) */
	rm_gerror_adopt_loose(m, g, ~(uint32_t)GERROR_CMDQ_ERR, gerr);
}

/* A transaction on a stream whose every permitted configuration is STE.V=0
 * or no valid STE (beyond the table, an invalid L1 descriptor) aborts and
 * records C_BAD_STE, or C_BAD_STREAMID if CR2.RECINVSID is 1 (spec 5.2,
 * 7.3.3, 7.3.8): per transaction, so owed now. Merging (7.3.1) folds
 * identical events into one record, never into none. An ILLEGAL STE
 * (C_BAD_STE) and an STE fetch abort (F_STE_FETCH) are owed too, unless
 * their record was written when the configuration was loaded: libvsmmu
 * reports them there, once (its documented deviation, docs/vsmmu.md). */
void rm_evtq_dma(struct refmodel *m, int g, uint32_t vsid)
{
	struct rm_guest *G = &m->g[g];

	for (unsigned i = 0; i < RM_MAX_STREAMS; i++) {
		unsigned k;

		if (!G->s[i].live || G->s[i].vsid != vsid)
			continue;
		k = rm_stream_sure_kind(m, g, i, true);
		if (k == RM_K_INVALID)
			G->s[i].owed_evt = EVT_ID_C_BAD_STE;
		else if (k == RM_K_BADSID && (G->cr2 & CR2_RECINVSID))
			G->s[i].owed_evt = EVT_ID_C_BAD_STREAMID;
		else if ((k == RM_K_ILLEGAL || k == RM_K_FETCH) &&
			 !(G->s[i].reported && G->s[i].rep_kind == k))
			G->s[i].owed_evt = k == RM_K_ILLEGAL ? EVT_ID_C_BAD_STE : EVT_ID_F_STE_FETCH;
		G->evt_owed |= G->s[i].owed_evt != 0;
		return;
	}
}

static const char *evt_owed_name(unsigned id)
{
	return id == EVT_ID_C_BAD_STE ? "C_BAD_STE" : id == EVT_ID_C_BAD_STREAMID ? "C_BAD_STREAMID" :
	       "F_STE_FETCH";
}

static const char *evt_owed_why(unsigned id, unsigned kind)
{
	if (id == EVT_ID_C_BAD_STREAMID)
		return "no valid STE";
	if (id == EVT_ID_F_STE_FETCH)
		return "an STE whose fetch aborts, none at its load";
	return kind == RM_K_ILLEGAL ? "an ILLEGAL STE, none at its load" : "an STE with V=0";
}

/* The op is over: was every owed record written? Not where the queue
 * could not take it (EVENTQEN=0, EVENTQ_ABT_ERR active, full: the record
 * is dropped, OVFLG tells), where its position is not known, where records
 * of the op may have been lost below the vSMMU (a physical event queue
 * overflowed, a record write aborted) or where a fault that reached the
 * guest may have taken the physical path away (rm_faults). */
void rm_evtq_op_end(struct refmodel *m, int g, uint32_t gerr)
{
	struct rm_guest *G = &m->g[g];
	unsigned qs = rm_evtq_qs(G);
	uint32_t mask = vs_q_mask(qs), prod;
	bool excused, loads = false;

	for (unsigned i = 0; i < RM_MAX_STREAMS; i++)
		loads |= G->s[i].loaded;
	if (!G->evt_owed && !loads)
		goto out;
	/* the vSMMU's own view at the end of the op (the model's may be from
	 * before the op's last call) */
	prod = rm_probe(m, g, SMMU_EVENTQ_PROD);
	excused = !(G->cr0 & CR0_EVENTQEN) ||
		  (((gerr ^ G->gerrorn) | G->gerror_loose) & GERROR_EVENTQ_ABT_ERR) ||
		  G->evprod_loose || G->evcons_loose || G->evt_lost ||
		  vs_q_full(prod & mask, G->evtq_cons & mask, qs) || rm_faults(m, g);
	m->checks++;
	/* Configurations loaded in the op: an ILLEGAL or fetch-abort one
	 * reported now (or not reportable) needs no record per transaction;
	 * one loaded again as it was keeps its report. */
	for (unsigned i = 0; i < RM_MAX_STREAMS; i++) {
		struct rm_stream *s = &G->s[i];
		unsigned k;

		if (!s->loaded || !s->live)
			continue;
		k = rm_stream_sure_kind(m, g, i, false);   /* what was loaded */
		if ((k == RM_K_ILLEGAL || k == RM_K_FETCH) && (s->rec_seen || excused)) {
			s->reported = true;
			s->rep_kind = (uint8_t)k;
		} else if (k != s->rep_kind) {
			s->reported = false;
			s->rep_kind = (uint8_t)k;
		}
	}
	for (unsigned i = 0; i < RM_MAX_STREAMS; i++) {
		if (!G->s[i].owed_evt)
			continue;
		if (!excused)
			rm_fire(m, g, "field=event vsid=0x%" PRIx32 " expected=%s(a transaction on %s) seen=none",
				G->s[i].vsid, evt_owed_name(G->s[i].owed_evt), evt_owed_why(G->s[i].owed_evt,
				rm_stream_sure_kind(m, g, i, true)));
		G->s[i].owed_evt = 0;
	}
out:
	for (unsigned i = 0; i < RM_MAX_STREAMS; i++)
		G->s[i].loaded = G->s[i].rec_seen = false;
	G->evt_owed = false;
	G->evt_lost = false;
}
