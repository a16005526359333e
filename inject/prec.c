/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * prec.c - the shape of each event record the physical SMMU model writes:
 * exactly the fields spec 7.3 defines for its type, everything else RES0.
 * Named once for the model: every record the translation engine makes goes
 * through prec_shape(). A model that wrote every field for every type
 * (InputAddr in a C_BAD_STE, SSV in a C_BAD_SUBSTREAMID) would be kinder
 * than hardware: a vSMMU that forwards what it should have scrubbed would
 * only pass on zeros.
 *
 * Records injected by a scenario (`inject psmmuN event`) are not shaped: they
 * are what a broken or hostile SMMU reports, for the router to cope with.
 * IMPLEMENTATION DEFINED Reason fields and the stall fields (no stalls
 * here) are never written.
 */
#include "inject/internal.h"

#define PR_SID    (EVT0_ID | EVT0_SID)
#define PR_SS     (EVT0_SSV | EVT0_SSID)
#define PR_ATTR   (EVT1_RNW | EVT1_IND | EVT1_PNU)

static const struct prec_fields prec_table[] = {
	{ EVT_ID_C_BAD_STREAMID, PREC_SSID_IF_SSV, { PR_SID | PR_SS, 0, 0, 0 } },
	{ EVT_ID_F_STE_FETCH, PREC_SSID_IF_SSV, { PR_SID | PR_SS, 0, 0, EVT3_FETCH_ADDR } },
	{ EVT_ID_C_BAD_STE, PREC_SSID_IF_SSV, { PR_SID | PR_SS, 0, 0, 0 } },
	/* 7.3.7: StreamID only */
	{ EVT_ID_F_STREAM_DISABLED, 0, { PR_SID, 0, 0, 0 } },
	/* 7.3.9: the SubstreamID that was out of range, but no SSV */
	{ EVT_ID_C_BAD_SUBSTREAMID, 0, { PR_SID | EVT0_SSID, 0, 0, 0 } },
	/* 7.3.10: no InputAddr, no access attributes */
	{ EVT_ID_F_CD_FETCH, PREC_SSID_IF_SSV, { PR_SID | PR_SS, 0, 0, EVT3_FETCH_ADDR } },
	{ EVT_ID_C_BAD_CD, PREC_SSID_IF_SSV, { PR_SID | PR_SS, 0, 0, 0 } },
	/* 7.3.12: S2 and CLASS say which walk met the abort */
	{ EVT_ID_F_WALK_EABT, PREC_SSID_IF_SSV,
	  { PR_SID | PR_SS, PR_ATTR | EVT1_S2 | EVT1_CLASS, EVT2_INPUT_ADDR, EVT3_FETCH_ADDR } },
	{ EVT_ID_F_TRANSLATION, PREC_SSID_IF_SSV | PREC_IPA_IF_S2,
	  { PR_SID | PR_SS, PR_ATTR | EVT1_S2 | EVT1_CLASS, EVT2_INPUT_ADDR, EVT3_IPA } },
	{ EVT_ID_F_ADDR_SIZE, PREC_SSID_IF_SSV | PREC_IPA_IF_S2,
	  { PR_SID | PR_SS, PR_ATTR | EVT1_S2 | EVT1_CLASS, EVT2_INPUT_ADDR, EVT3_IPA } },
	{ EVT_ID_F_ACCESS, PREC_SSID_IF_SSV | PREC_IPA_IF_S2,
	  { PR_SID | PR_SS, PR_ATTR | EVT1_S2 | EVT1_CLASS, EVT2_INPUT_ADDR, EVT3_IPA } },
	/* 7.3.16: TTRnW only for a stage-2 fault of a stage-1 table access */
	{ EVT_ID_F_PERMISSION, PREC_SSID_IF_SSV | PREC_IPA_IF_S2 | PREC_TTRNW_IF_TT,
	  { PR_SID | PR_SS, PR_ATTR | EVT1_S2 | EVT1_CLASS | EVT1_TTRNW, EVT2_INPUT_ADDR, EVT3_IPA } },
};

const struct prec_fields *prec_fields_of(unsigned id)
{
	for (unsigned i = 0; i < sizeof(prec_table) / sizeof(prec_table[0]); i++)
		if (prec_table[i].id == id)
			return &prec_table[i];
	return NULL;
}

const struct prec_fields *prec_fields_at(unsigned i)
{
	return i < sizeof(prec_table) / sizeof(prec_table[0]) ? &prec_table[i] : NULL;
}

void prec_shape(uint64_t rec[EVT_DWORDS])
{
	const struct prec_fields *f = prec_fields_of((unsigned)VS_FIELD_GET(EVT0_ID, rec[0]));
	uint64_t def[EVT_DWORDS];

	if (!f) {
		/* a type the model never makes: keep the event number and StreamID */
		rec[0] &= PR_SID;
		rec[1] = rec[2] = rec[3] = 0;
		return;
	}
	for (unsigned i = 0; i < EVT_DWORDS; i++)
		def[i] = f->dw[i];
	if ((f->flags & PREC_SSID_IF_SSV) && !(rec[0] & EVT0_SSV))
		def[0] &= ~EVT0_SSID;
	if ((f->flags & PREC_IPA_IF_S2) && !(rec[1] & EVT1_S2))
		def[3] &= ~EVT3_IPA;
	if ((f->flags & PREC_TTRNW_IF_TT) && VS_FIELD_GET(EVT1_CLASS, rec[1]) != EVT_CLASS_TT)
		def[1] &= ~EVT1_TTRNW;
	/* InD == 0 when RnW == 0 (7.3): a write is never an instruction fetch */
	if ((def[1] & EVT1_IND) && !(rec[1] & EVT1_RNW))
		def[1] &= ~EVT1_IND;
	for (unsigned i = 0; i < EVT_DWORDS; i++)
		rec[i] &= def[i];
}
