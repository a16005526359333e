/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ste.c - validation of a guest STE (SteIllegal for what this vSMMU
 * advertises: S1P=1, S2P=0, no ATS, no Hyp, STALL_MODEL=no-stall, CD2L)
 * and construction of the physical STE. Stage-2 bits of a physical STE come
 * only from the hypervisor's template.
 */
#include <assert.h>
#include <string.h>

#include "vsmmu/internal.h"

/* One exit per reason (enum vs_why). */
static enum vs_ste_kind ste_is(enum vs_ste_kind kind, enum vs_why reason, enum vs_why *why)
{
	*why = reason;
	return kind;
}

enum vs_ste_kind vs_ste_check(const struct vsmmu *v, const uint64_t g[STE_DWORDS], enum vs_why *why)
{
	unsigned config = (unsigned)VS_FIELD_GET(STE0_CONFIG, g[0]);
	unsigned cdmax;
	uint64_t ctx;

	if (!(g[0] & STE0_V))
		return ste_is(VS_STE_INVALID, VS_WHY_STE_V0, why);
	if (!(config & STE_CONFIG_TRANS))
		return ste_is(VS_STE_ABORT, VS_WHY_CONFIG_ABORT, why);   /* 0b0xx: silent abort */
	if (config & STE_CONFIG_S2_EN)
		return ste_is(VS_STE_ILLEGAL, VS_WHY_CONFIG_S2, why);
	if (!(config & STE_CONFIG_S1_EN))
		return ste_is(VS_STE_BYPASS, VS_WHY_NONE, why);
	/* Stage 1 enabled. */
	if (g[1] & STE1_S1STALLD)
		return ste_is(VS_STE_ILLEGAL, VS_WHY_S1STALLD, why);    /* STALL_MODEL != 0b00 */
	cdmax = (unsigned)VS_FIELD_GET(STE0_S1CDMAX, g[0]);
	if (v->cfg.ssidsize != 0 && cdmax > v->cfg.ssidsize)
		return ste_is(VS_STE_ILLEGAL, VS_WHY_S1CDMAX, why);     /* SSIDSIZE 0: S1CDMax IGNORED */
	ctx = g[0] & STE0_S1CTXPTR;
	if ((ctx >> v->cfg.oas_bits) != 0)        /* oas_bits <= 52 */
		return ste_is(VS_STE_ILLEGAL, VS_WHY_S1CTXPTR, why);
	return ste_is(VS_STE_S1, VS_WHY_NONE, why);
}

/* V=0: aborts, and the physical SMMU records C_BAD_STE per transaction. */
void vs_ste_invalid(uint64_t p[STE_DWORDS])
{
	memset(p, 0, STE_DWORDS * sizeof(p[0]));
}

void vs_ste_abort(uint64_t p[STE_DWORDS])
{
	memset(p, 0, STE_DWORDS * sizeof(p[0]));
	p[0] = STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_ABORT);
}

/* Stage 1 bypassed (guest bypass or GBPA bypass): stage 2 only. */
void vs_ste_s2(const struct vsmmu *v, uint64_t p[STE_DWORDS])
{
	memset(p, 0, STE_DWORDS * sizeof(p[0]));
	p[0] = STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_S2_TRANS);
	p[1] = VS_FIELD_PREP(STE1_SHCFG, STE_SHCFG_INCOMING);
	p[2] = v->cfg.s2.ste_dw2;
	p[3] = v->cfg.s2.ste_dw3;
}

/* Guest stage 1 nested over the hypervisor's stage 2. */
void vs_ste_nested(const struct vsmmu *v, const uint64_t g[STE_DWORDS], uint64_t p[STE_DWORDS])
{
	unsigned fmt = (unsigned)VS_FIELD_GET(STE0_S1FMT, g[0]);
	unsigned cdmax = (unsigned)VS_FIELD_GET(STE0_S1CDMAX, g[0]);
	unsigned dss = (unsigned)VS_FIELD_GET(STE1_S1DSS, g[1]);

	/* Without substreams (IDR1.SSIDSIZE 0) S1CDMax and S1Fmt are IGNORED:
	 * S1ContextPtr points to one CD (spec 5.2). */
	if (v->cfg.ssidsize == 0)
		cdmax = 0;
	/* Reserved encodings behave as 0: pass the behaviour, not the value. */
	if (fmt > STE_S1FMT_2LVL_64K || cdmax == 0)
		fmt = STE_S1FMT_LINEAR;
	if (VS_DEFECT(v, ASSERT_RESERVED_STE))
		/* The defect: "vs_ste_check validated the STE", but SteIllegal()
		 * does not reject S1DSS == 0b11, so the guest can reach this. */
		assert(dss <= STE_S1DSS_SSID0);
	else if (dss > STE_S1DSS_SSID0)
		dss = STE_S1DSS_TERMINATE;

	memset(p, 0, STE_DWORDS * sizeof(p[0]));
	p[0] = STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_NESTED) |
	       VS_FIELD_PREP(STE0_S1FMT, fmt) | (g[0] & STE0_S1CTXPTR) |
	       VS_FIELD_PREP(STE0_S1CDMAX, cdmax);
	p[1] = VS_FIELD_PREP(STE1_S1DSS, dss) | (g[1] & (STE1_S1CIR | STE1_S1COR | STE1_S1CSH |
							STE1_S1STALLD)) |
	       STE1_MEV;
	p[2] = v->cfg.s2.ste_dw2;
	p[3] = v->cfg.s2.ste_dw3;
	if (VS_DEFECT(v, STE_EATS_PASSTHROUGH))
		p[1] |= g[1] & STE1_EATS;       /* "the guest owns ATS for its device" */
	if (VS_DEFECT(v, STE_DW4_COPIED))
		memcpy(&p[4], &g[4], 4 * sizeof(p[0]));   /* "dw4-7 are the guest's business" */

	if (VS_DEFECT(v, S1_ONLY_STE)) {
		VS_FIELD_SET(p[0], STE0_CONFIG, STE_CONFIG_S1_TRANS);
		p[2] = 0;
		p[3] = 0;
	}
	if (VS_DEFECT(v, GUEST_S2_BITS))
		p[2] |= g[2] & STE2_S2_FIELDS;
}
