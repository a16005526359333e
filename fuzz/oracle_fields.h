/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * oracle_fields.h - the field sets the oracle judges by, named once and
 * taken from the architecture (SMMUv3 spec 5.2 STE, 7.3 event records) and
 * the hypervisor choices docs/vsmmu.md documents - never from libvsmmu's
 * code, so the oracle does not take the library's word for what may reach
 * hardware or a guest.
 */
#ifndef VSMMU_FUZZ_ORACLE_FIELDS_H
#define VSMMU_FUZZ_ORACLE_FIELDS_H

#include <stdint.h>

#include "vsmmu/smmuv3_regs.h"

/* ---- I1: a physical STE of an assigned stream, dword by dword ----------- */

/* Guest stage-1 fields that may reach a physical STE translating with
 * Config = nested: each must equal the value in the guest's own STE (as the
 * hypervisor read it when it loaded the configuration) or be 0 (a reserved
 * encoding passed as its architected behaviour, e.g. S1Fmt/S1DSS). Nothing
 * else of the guest's STE may reach hardware: not EATS (no ATS), S2FWB,
 * NSCFG, PRIVCFG, INSTCFG, MemAttr/MTCFG/ALLOCCFG/SHCFG, CONT, DCP, PPAR,
 * DRE, STRW, S1PIE, S1MPAM, any dw2/dw3 bit, anything of dw4-dw7. */
static const uint64_t orc_ste_guest_mask[STE_DWORDS] = {
	STE0_S1FMT | STE0_S1CTXPTR | STE0_S1CDMAX,
	STE1_S1DSS | STE1_S1CIR | STE1_S1COR | STE1_S1CSH | STE1_S1STALLD,
	0, 0, 0, 0, 0, 0,
};

/* Hypervisor fields of a translating physical STE and the only values
 * allowed there (docs/vsmmu.md "Guest STE -> physical STE"): V and Config
 * (judged separately: stage 2 must be on), MEV forced to 1 for nested
 * streams (rate-limits a guest's event flood), SHCFG = "incoming" for a
 * stage-2-only stream and 0 for a nested one (the guest's SHCFG is never
 * honoured). dw2/dw3 are the stage-2 template of plat_guest_s2_template,
 * exactly, bit for bit. */
#define ORC_STE0_HYP          (STE0_V | STE0_CONFIG)
#define ORC_STE1_HYP          (STE1_MEV | STE1_SHCFG)
#define ORC_STE1_MEV_NESTED   STE1_MEV
#define ORC_STE1_SHCFG_S2     VS_FIELD_PREP(STE1_SHCFG, STE_SHCFG_INCOMING)
#define ORC_STE1_SHCFG_NESTED UINT64_C(0)

/* ---- I5: a record written to a guest's event queue ---------------------- */

/* How a field's presence depends on the record's own contents. */
#define ORC_EVF_SSID_IF_SSV  0x01u  /* SubstreamID defined only when SSV = 1 */
#define ORC_EVF_IPA_IF_S2    0x02u  /* dw3 IPA defined only when S2 = 1 (UNKNOWN for stage 1) */
#define ORC_EVF_TTRNW_IF_TT  0x04u  /* TTRnW defined only when CLASS = TT */
#define ORC_EVF_STAG_IF_STALL 0x08u /* STAG defined only when Stall = 1 */
#define ORC_EVF_FETCHADDR    0x10u  /* dw3 holds a fetch address (a PA in hardware) */

struct orc_evt_fields {
	uint8_t id;
	uint8_t flags;
	uint64_t dw[EVT_DWORDS];    /* fields the record format defines (7.3.x) */
};

#define ORC_EV0_ALL   (EVT0_ID | EVT0_SSV | EVT0_SSID | EVT0_SID)
#define ORC_EV1_ATTR  (EVT1_RNW | EVT1_IND | EVT1_PNU)
#define ORC_EV1_XLAT  (EVT1_STAG | EVT1_STALL | ORC_EV1_ATTR | EVT1_S2 | EVT1_CLASS)
#define ORC_EVF_XLAT  (ORC_EVF_SSID_IF_SSV | ORC_EVF_IPA_IF_S2 | ORC_EVF_STAG_IF_STALL)

/* Portions not defined here are RES0 (7.3); IMPLEMENTATION DEFINED Reason
 * fields and GPCF are not given to a guest (a vSMMU without RME has no GPC
 * faults, and the physical reason means nothing to the guest). */
static const struct orc_evt_fields orc_evt_table[] = {
	{ EVT_ID_F_UUT, ORC_EVF_SSID_IF_SSV, { ORC_EV0_ALL, ORC_EV1_ATTR, EVT2_INPUT_ADDR, 0 } },
	{ EVT_ID_C_BAD_STREAMID, ORC_EVF_SSID_IF_SSV, { ORC_EV0_ALL, 0, 0, 0 } },
	{ EVT_ID_F_STE_FETCH, ORC_EVF_SSID_IF_SSV | ORC_EVF_FETCHADDR, { ORC_EV0_ALL, 0, 0, EVT3_FETCH_ADDR } },
	{ EVT_ID_C_BAD_STE, ORC_EVF_SSID_IF_SSV, { ORC_EV0_ALL, 0, 0, 0 } },
	{ EVT_ID_F_BAD_ATS_TREQ, ORC_EVF_SSID_IF_SSV, { ORC_EV0_ALL, ORC_EV1_ATTR, EVT2_INPUT_ADDR, 0 } },
	/* SSV/SubstreamID: the transaction's (SubstreamID 0 with S1DSS=0b10) */
	{ EVT_ID_F_STREAM_DISABLED, ORC_EVF_SSID_IF_SSV, { ORC_EV0_ALL, 0, 0, 0 } },
	{ EVT_ID_F_TRANSL_FORBIDDEN, 0, { EVT0_ID | EVT0_SID, EVT1_RNW, EVT2_INPUT_ADDR, 0 } },
	{ EVT_ID_C_BAD_SUBSTREAMID, 0, { EVT0_ID | EVT0_SSID | EVT0_SID, 0, 0, 0 } },
	{ EVT_ID_F_CD_FETCH, ORC_EVF_SSID_IF_SSV | ORC_EVF_FETCHADDR, { ORC_EV0_ALL, 0, 0, EVT3_FETCH_ADDR } },
	{ EVT_ID_C_BAD_CD, ORC_EVF_SSID_IF_SSV, { ORC_EV0_ALL, 0, 0, 0 } },
	/* S2 and CLASS: which walk met the abort (7.3.12) */
	{ EVT_ID_F_WALK_EABT, ORC_EVF_SSID_IF_SSV | ORC_EVF_FETCHADDR,
	  { ORC_EV0_ALL, ORC_EV1_ATTR | EVT1_S2 | EVT1_CLASS, EVT2_INPUT_ADDR, EVT3_FETCH_ADDR } },
	{ EVT_ID_F_TRANSLATION, ORC_EVF_XLAT, { ORC_EV0_ALL, ORC_EV1_XLAT, EVT2_INPUT_ADDR, EVT3_IPA } },
	{ EVT_ID_F_ADDR_SIZE, ORC_EVF_XLAT, { ORC_EV0_ALL, ORC_EV1_XLAT, EVT2_INPUT_ADDR, EVT3_IPA } },
	{ EVT_ID_F_ACCESS, ORC_EVF_XLAT, { ORC_EV0_ALL, ORC_EV1_XLAT, EVT2_INPUT_ADDR, EVT3_IPA } },
	{ EVT_ID_F_PERMISSION, ORC_EVF_XLAT | ORC_EVF_TTRNW_IF_TT,
	  { ORC_EV0_ALL, ORC_EV1_XLAT | EVT1_TTRNW, EVT2_INPUT_ADDR, EVT3_IPA } },
	{ EVT_ID_F_TLB_CONFLICT, ORC_EVF_SSID_IF_SSV | ORC_EVF_IPA_IF_S2,
	  { ORC_EV0_ALL, ORC_EV1_ATTR | EVT1_S2, EVT2_INPUT_ADDR, EVT3_IPA } },
	{ EVT_ID_F_CFG_CONFLICT, ORC_EVF_SSID_IF_SSV, { ORC_EV0_ALL, 0, 0, 0 } },
	{ EVT_ID_F_VMS_FETCH, ORC_EVF_FETCHADDR, { EVT0_ID | EVT0_SID, 0, 0, EVT3_FETCH_ADDR } },
};

/* Event types a vSMMU may write on its own (architected synthetic records
 * for configuration it loads itself: docs/vsmmu.md "event timing"). */
static inline int orc_evt_synthetic(unsigned id)
{
	return id == EVT_ID_C_BAD_STE || id == EVT_ID_F_STE_FETCH || id == EVT_ID_C_BAD_STREAMID;
}

#endif /* VSMMU_FUZZ_ORACLE_FIELDS_H */
