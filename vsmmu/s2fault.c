/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * s2fault.c - stage-2 causes shown as stage-1 events (spec 7.3.10, 7.3.12
 * notes, 7.3.14). The guest believes its vSMMU has stage 1 only, so a
 * physical stage-2 fault that its own stage-1 configuration caused must
 * reach it as the stage-1 event such an SMMU would record:
 *
 *   stage-2 fault, CLASS = CD  -> F_CD_FETCH,  FetchAddr = the guest's CD
 *                                 (or L1CD) address (an IPA)
 *   stage-2 fault, CLASS = TT  -> F_WALK_EABT, FetchAddr = the IPA of the
 *                                 guest's stage-1 descriptor (its page: the
 *                                 physical record's IPA field holds [51:12])
 *   stage-2 fault, CLASS = IN, IPA >= 2^(advertised OAS)
 *                              -> F_ADDR_SIZE, S2 = 0, CLASS = IN (stage 1
 *                                 output beyond the OAS; CD.IPS above OAS
 *                                 behaves as OAS)
 *
 * Any other stage-2 fault (an IPA inside the guest's IPA space: the
 * hypervisor's stage 2 said no) and stall records stay with the hypervisor.
 */
#include "vsmmu/internal.h"

static bool s2_translation_fault(unsigned id)
{
	return id == EVT_ID_F_TRANSLATION || id == EVT_ID_F_ADDR_SIZE ||
	       id == EVT_ID_F_ACCESS || id == EVT_ID_F_PERMISSION;
}

/* Low 12 bits of the address of the CD (or L1CD) the SMMU fetched for the
 * stream, from the configuration we installed (ctxptr, S1Fmt, S1CDMax are
 * the guest's) and the SubstreamID; page = the page that faulted. */
static uint64_t cd_addr(const struct vs_stream *s, const uint64_t rec[EVT_DWORDS], uint64_t page)
{
	uint64_t ctx = s->phys[0] & STE0_S1CTXPTR;
	unsigned fmt = (unsigned)VS_FIELD_GET(STE0_S1FMT, s->phys[0]);
	unsigned cdmax = (unsigned)VS_FIELD_GET(STE0_S1CDMAX, s->phys[0]);
	uint64_t idx = (rec[0] & EVT0_SSV) ? VS_FIELD_GET(EVT0_SSID, rec[0]) : 0;
	unsigned l2bits;
	uint64_t l1;

	if (cdmax == 0)
		idx = 0;
	if (cdmax == 0 || fmt == STE_S1FMT_LINEAR)
		return page | ((ctx + idx * CD_SIZE) & 0xfff);
	l2bits = fmt == STE_S1FMT_2LVL_4K ? 6 : 10;
	l1 = ctx + (idx >> l2bits) * L1CD_SIZE;
	if ((l1 & ~UINT64_C(0xfff)) == page)
		return l1;                                   /* the L1CD fetch */
	return page | ((idx & 63) * CD_SIZE);                /* the CD in its L2 table */
}

bool vs_s2_as_s1(const struct vsmmu *v, const struct vs_stream *s, const uint64_t rec[EVT_DWORDS],
		 uint64_t out[EVT_DWORDS])
{
	unsigned id = (unsigned)VS_FIELD_GET(EVT0_ID, rec[0]);
	unsigned cls = (unsigned)VS_FIELD_GET(EVT1_CLASS, rec[1]);
	uint64_t ipa = rec[3] & EVT3_IPA;

	if (!(rec[1] & EVT1_S2) || (rec[1] & EVT1_STALL) || !s2_translation_fault(id))
		return false;
	/* The router keeps only the new type's fields (guest_fields[]). */
	out[0] = rec[0] & (EVT0_SID | EVT0_SSV | EVT0_SSID);
	out[1] = rec[1] & ~(uint64_t)EVT1_S2;        /* a stage-1 event: S2 = 0 */
	out[2] = rec[2];
	switch (cls) {
	case EVT_CLASS_CD:
		out[0] |= VS_FIELD_PREP(EVT0_ID, EVT_ID_F_CD_FETCH);
		out[3] = cd_addr(s, rec, ipa) & EVT3_FETCH_ADDR;
		return true;
	case EVT_CLASS_TT:
		out[0] |= VS_FIELD_PREP(EVT0_ID, EVT_ID_F_WALK_EABT);
		out[3] = ipa & EVT3_FETCH_ADDR;
		return true;
	case EVT_CLASS_IN:
		if ((ipa >> v->cfg.oas_bits) == 0)
			return false;                        /* inside the IPA space */
		out[0] |= VS_FIELD_PREP(EVT0_ID, EVT_ID_F_ADDR_SIZE);
		out[3] = 0;
		return true;
	default:
		return false;
	}
}
