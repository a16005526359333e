/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * strtab.c - fetching a guest STE from the guest's stream table (linear or
 * 2-level, SPLIT/Span rules, C_BAD_STREAMID conditions, fetch aborts).
 * All sizes are clamped before any shift; shifts are 64-bit.
 */
#include <string.h>

#include "vsmmu/internal.h"

static int read_desc(struct vsmmu *v, uint64_t ipa, uint64_t *dw, unsigned ndw)
{
	uint8_t buf[STE_SIZE];

	v->work++;
	v->stats.desc_reads++;
	if (v->env.mem_read(v->env.ctx, ipa, buf, (size_t)ndw * 8u) != 0)
		return -1;
	vs_le_load(dw, buf, ndw);
	return 0;
}

#ifdef VSMMU_DEFECTS
/* The defect SHADOW_STRTAB_ALLOC: a copy of the guest's stream table "so
 * that STE fetches need not read guest memory", allocated when the guest
 * sets SMMUEN, sized by the guest's STRTAB_BASE_CFG.LOG2SIZE (64 bytes per
 * StreamID it may name): the guest chooses how much the hypervisor holds. */
void vs_strtab_shadow(struct vsmmu *v)
{
	unsigned log2size = (unsigned)VS_FIELD_GET(STRTAB_BASE_CFG_LOG2SIZE, v->strtab_base_cfg);
	size_t bytes;

	if (log2size > v->cfg.sidsize)
		log2size = v->cfg.sidsize;
	bytes = (size_t)STE_SIZE << log2size;
	vs_strtab_shadow_free(v);
	v->shadow = v->env.alloc(v->env.ctx, bytes);
	if (v->shadow) {
		v->shadow_bytes = bytes;
		v->stats.bytes_held += bytes;
	}
}

void vs_strtab_shadow_free(struct vsmmu *v)
{
	if (!v->shadow)
		return;
	v->env.free(v->env.ctx, v->shadow, v->shadow_bytes);
	v->stats.bytes_held -= v->shadow_bytes;
	v->shadow = NULL;
	v->shadow_bytes = 0;
}
#endif

/* a with bits [hi:0] cleared (hi may be 63 or more: nothing is left). */
static uint64_t align_low(uint64_t a, unsigned hi)
{
	return hi >= 63 ? 0 : a & ~VS_GENMASK(hi, 0);
}

/* The effective base (spec 6.3.24) is aligned with the LITERAL LOG2SIZE,
 * not the one capped by SIDSIZE that indexes the table: linear
 * ADDR[LOG2SIZE+5:0] = 0, 2-level ADDR[MAX(5, LOG2SIZE-SPLIT+2):0] = 0. */
/* One exit per reason (enum vs_why). */
static enum vs_fetch fetch_is(enum vs_fetch f, enum vs_why reason, enum vs_why *why)
{
	*why = reason;
	return f;
}

enum vs_fetch vs_strtab_fetch(struct vsmmu *v, uint32_t vsid, uint64_t ste[STE_DWORDS], enum vs_why *why,
			      uint64_t *fetch_addr)
{
	unsigned literal = (unsigned)VS_FIELD_GET(STRTAB_BASE_CFG_LOG2SIZE, v->strtab_base_cfg);
	unsigned log2size = literal;
	unsigned fmt = (unsigned)VS_FIELD_GET(STRTAB_BASE_CFG_FMT, v->strtab_base_cfg);
	uint64_t base = v->strtab_base & STRTAB_BASE_ADDR;
	uint64_t addr;

	if (log2size > v->cfg.sidsize)
		log2size = v->cfg.sidsize;           /* <= 32 */
	if (VS_DEFECT(v, SID_BOUND_OFF_BY_ONE) ? (uint64_t)vsid > (UINT64_C(1) << log2size) :
	    ((uint64_t)vsid >> log2size) != 0)
		return fetch_is(VS_FETCH_BAD_SID, VS_WHY_SID_RANGE, why);
	if (VS_DEFECT(v, FMT_STICKY) && v->strtab_2lvl_cached)
		fmt = STRTAB_FMT_2LVL;

	if (fmt != STRTAB_FMT_2LVL) {
		addr = align_low(base, literal + 5) + (uint64_t)vsid * STE_SIZE;
	} else {
		unsigned split = (unsigned)VS_FIELD_GET(STRTAB_BASE_CFG_SPLIT, v->strtab_base_cfg);
		unsigned span, l2bits;
		uint64_t l1std, l2idx, l2bytes;

		if (split != 6 && split != 8 && split != 10)
			split = 6;
		if (VS_DEFECT(v, CONST_SPLIT))
			split = 8;
		addr = align_low(base, literal > split + 3 ? literal - split + 2 : 5) +
		       ((uint64_t)vsid >> split) * L1STD_SIZE;
		*fetch_addr = addr;
		if (read_desc(v, addr, &l1std, 1) != 0)
			return fetch_is(VS_FETCH_ABT, VS_WHY_L1STD_FETCH, why);
		span = (unsigned)VS_FIELD_GET(L1STD_SPAN, l1std);
		if (span == 0 || span > L1STD_SPAN_MAX || span > split + 1)
			return fetch_is(VS_FETCH_BAD_SID, VS_WHY_L1STD_SPAN, why);
		l2idx = (uint64_t)vsid & ((UINT64_C(1) << split) - 1);
		/* the defect: a level-2 table of 2^Span STEs, not 2^(Span-1) */
		l2bits = VS_DEFECT(v, L2_SPAN_FULL) ? span : span - 1;
		if (l2idx >= (UINT64_C(1) << l2bits))
			return fetch_is(VS_FETCH_BAD_SID, VS_WHY_L2_RANGE, why);
		l2bytes = (uint64_t)STE_SIZE << l2bits;
		addr = ((l1std & L1STD_L2PTR) & ~(l2bytes - 1)) + l2idx * STE_SIZE;
	}
	*fetch_addr = addr;
	if (VS_DEFECT(v, STE_DW0_ONLY)) {
		memset(ste, 0, STE_DWORDS * sizeof ste[0]);
		if (read_desc(v, addr, ste, 1) != 0)
			return fetch_is(VS_FETCH_ABT, VS_WHY_STE_FETCH, why);
		return fetch_is(VS_FETCH_OK, VS_WHY_NONE, why);
	}
	if (read_desc(v, addr, ste, STE_DWORDS) != 0)
		return fetch_is(VS_FETCH_ABT, VS_WHY_STE_FETCH, why);
	return fetch_is(VS_FETCH_OK, VS_WHY_NONE, why);
}
