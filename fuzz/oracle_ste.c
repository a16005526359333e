/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * oracle_ste.c - I1 over all eight dwords of a physical STE.
 *
 * When the hypervisor writes a physical STE of an assigned stream, the
 * oracle walks the guest's own stream table itself (linear or 2-level, from
 * the guest's STRTAB_BASE/STRTAB_BASE_CFG as probed just before the call,
 * with the effective aligned base) and remembers the guest's STE next to
 * what was installed. Every copy of that physical STE (the table entry and
 * any cached copy) is then judged field by field: a hypervisor field with
 * its documented value (V/Config with stage 2 on, MEV, SHCFG, dw2/dw3 = the
 * stage-2 template exactly), an allowed guest stage-1 field equal to the
 * guest's value or zero (oracle_fields.h), or zero.
 *
 * The walk is the architecture's, not the library's: where the
 * architecture leaves the table alignment open (the literal LOG2SIZE versus
 * LOG2SIZE clamped to SIDSIZE) both locations are candidates.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "fuzz/oracle_fields.h"
#include "fuzz/oracle_int.h"

/* Every STE field the oracle can name in a message. */
static const struct { unsigned dw; uint64_t mask; const char *name; } ste_names[] = {
	{ 0, STE0_V, "V" }, { 0, STE0_CONFIG, "Config" }, { 0, STE0_S1FMT, "S1Fmt" },
	{ 0, STE0_S1CTXPTR, "S1ContextPtr" }, { 0, STE0_RES0, "RES0" }, { 0, STE0_S1CDMAX, "S1CDMax" },
	{ 1, STE1_S1DSS, "S1DSS" }, { 1, STE1_S1CIR, "S1CIR" }, { 1, STE1_S1COR, "S1COR" },
	{ 1, STE1_S1CSH, "S1CSH" }, { 1, STE1_S2HWU, "S2HWU" }, { 1, STE1_DRE, "DRE" },
	{ 1, STE1_CONT, "CONT" }, { 1, STE1_DCP, "DCP" }, { 1, STE1_PPAR, "PPAR" }, { 1, STE1_MEV, "MEV" },
	{ 1, STE1_SW_RESERVED, "SW_RESERVED" }, { 1, STE1_S1PIE, "S1PIE" }, { 1, STE1_S2FWB, "S2FWB" },
	{ 1, STE1_S1MPAM, "S1MPAM" }, { 1, STE1_S1STALLD, "S1STALLD" }, { 1, STE1_EATS, "EATS" },
	{ 1, STE1_STRW, "STRW" }, { 1, STE1_MEMATTR, "MemAttr" }, { 1, STE1_MTCFG, "MTCFG" },
	{ 1, STE1_ALLOCCFG, "ALLOCCFG" }, { 1, STE1_RES0, "RES0" }, { 1, STE1_SHCFG, "SHCFG" },
	{ 1, STE1_NSCFG, "NSCFG" }, { 1, STE1_PRIVCFG, "PRIVCFG" }, { 1, STE1_INSTCFG, "INSTCFG" },
	{ 1, STE1_IMPDEF, "IMPDEF" },
};

/* The guest stage-1 fields of orc_ste_guest_mask, one by one (all in dw0/dw1:
 * a snapshot keeps only those two dwords of the guest STE). */
static const struct { unsigned dw; uint64_t mask; } guest_fields[] = {
	{ 0, STE0_S1FMT }, { 0, STE0_S1CTXPTR }, { 0, STE0_S1CDMAX },
	{ 1, STE1_S1DSS }, { 1, STE1_S1CIR }, { 1, STE1_S1COR }, { 1, STE1_S1CSH }, { 1, STE1_S1STALLD },
};

static const char *field_name(unsigned dw, uint64_t bits)
{
	for (size_t i = 0; i < sizeof ste_names / sizeof ste_names[0]; i++)
		if (ste_names[i].dw == dw && (ste_names[i].mask & bits))
			return ste_names[i].name;
	return dw >= 4 ? "dw4-7" : "?";
}

void orc_probe_regs(struct oracle *o, int g, struct orc_regs *r)
{
	memset(r, 0, sizeof *r);
	if (!plat_guest_vsmmu(o->p, g))
		return;
	r->strtab_base = orc_reg(o, g, SMMU_STRTAB_BASE, 8);
	r->strtab_cfg = (uint32_t)orc_reg(o, g, SMMU_STRTAB_BASE_CFG, 4);
	r->cmdq_base = orc_reg(o, g, SMMU_CMDQ_BASE, 8);
	r->eventq_base = orc_reg(o, g, SMMU_EVENTQ_BASE, 8);
	r->cr0 = (uint32_t)orc_reg(o, g, SMMU_CR0, 4);
	r->idr1 = (uint32_t)orc_reg(o, g, SMMU_IDR1, 4);
	r->cmdq_cons = (uint32_t)orc_reg(o, g, SMMU_CMDQ_CONS, 4);
	r->idr3 = (uint32_t)orc_reg(o, g, SMMU_IDR3, 4);
	r->gerror = (uint32_t)orc_reg(o, g, SMMU_GERROR, 4);
	r->valid = true;
}

/* Read guest memory as the guest's CPU would, without the oracle seeing its
 * own accesses. */
static bool gread(struct oracle *o, int g, uint64_t ipa, void *buf, size_t len)
{
	const struct orc_call *c = &o->call;

	/* What the hypervisor itself read there in this call, latest first. */
	for (unsigned k = 0; c->active && k < c->nreads; k++) {
		unsigned i = (c->read_next + ORC_READ_LOG - 1 - k) % ORC_READ_LOG;
		if (c->reads[i].guest == g && ipa >= c->reads[i].ipa &&
		    ipa + len <= c->reads[i].ipa + c->reads[i].len) {
			memcpy(buf, c->reads[i].b + (ipa - c->reads[i].ipa), len);
			return true;
		}
	}

	return plat_peek_guest(o->p, g, ipa, buf, len) == 0;
}

static void le_load(uint64_t *dw, const uint8_t *b, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		uint64_t v = 0;
		for (unsigned k = 0; k < 8; k++)
			v |= (uint64_t)b[i * 8 + k] << (8 * k);
		dw[i] = v;
	}
}

/* The STE address for one interpretation of the table size; false when the
 * StreamID has no STE there (C_BAD_STREAMID conditions) or the L1STD cannot
 * be read. *l1 is set to the L1STD address of a 2-level table (else 0). */
static bool ste_addr(struct oracle *o, int g, const struct orc_regs *r, uint32_t vsid, unsigned log2,
		     uint64_t *addr, uint64_t *l1)
{
	uint64_t base = r->strtab_base & STRTAB_BASE_ADDR;
	unsigned fmt = (unsigned)VS_FIELD_GET(STRTAB_BASE_CFG_FMT, r->strtab_cfg);

	*l1 = 0;
	if (fmt != STRTAB_FMT_2LVL) {
		/* log2 may be the literal LOG2SIZE (<= 63): a table of 2^64
		 * bytes or more aligns the base to 0 */
		uint64_t mask = log2 + STE_SHIFT >= 64 ? ~UINT64_C(0) : ((uint64_t)STE_SIZE << log2) - 1;
		*addr = (base & ~mask) + (uint64_t)vsid * STE_SIZE;
		return true;
	}
	{
		unsigned split = (unsigned)VS_FIELD_GET(STRTAB_BASE_CFG_SPLIT, r->strtab_cfg);
		unsigned l1bits, span;
		uint64_t l1bytes, l1std, l2idx, l2bytes;
		uint8_t b[L1STD_SIZE];

		if (split != 6 && split != 8 && split != 10)
			split = 6;       /* reserved SPLIT behaves as 6 (docs/vsmmu.md) */
		l1bits = log2 > split ? log2 - split : 0;
		l1bytes = l1bits + 3 >= 64 ? 0 : (uint64_t)L1STD_SIZE << l1bits;   /* 0: 2^64 */
		if (l1bytes && l1bytes < 64)
			l1bytes = 64;
		*l1 = (base & (l1bytes ? ~(l1bytes - 1) : 0)) + ((uint64_t)vsid >> split) * L1STD_SIZE;
		if (!gread(o, g, *l1, b, sizeof b))
			return false;
		le_load(&l1std, b, 1);
		span = (unsigned)VS_FIELD_GET(L1STD_SPAN, l1std);
		if (span == 0 || span > L1STD_SPAN_MAX || span > split + 1)
			return false;
		l2idx = (uint64_t)vsid & ((UINT64_C(1) << split) - 1);
		if (l2idx >= (UINT64_C(1) << (span - 1)))
			return false;
		l2bytes = (uint64_t)STE_SIZE << (span - 1);
		*addr = ((l1std & L1STD_L2PTR) & ~(l2bytes - 1)) + l2idx * STE_SIZE;
		return true;
	}
}

unsigned orc_guest_ste(struct oracle *o, int g, uint32_t vsid, uint64_t ste[ORC_STE_CANDS][STE_DWORDS],
		       uint64_t fetch_addr[ORC_STE_CANDS * 2])
{
	const struct orc_regs *r = &o->g[g].regs;
	unsigned sidsize = (unsigned)VS_FIELD_GET(IDR1_SIDSIZE, r->idr1);
	unsigned lit = (unsigned)VS_FIELD_GET(STRTAB_BASE_CFG_LOG2SIZE, r->strtab_cfg);
	unsigned eff, n = 0, log2s[2];
	uint64_t addrs[ORC_STE_CANDS];

	memset(fetch_addr, 0, sizeof(uint64_t) * ORC_STE_CANDS * 2);
	if (sidsize > SMMU_SIDSIZE_MAX)
		sidsize = SMMU_SIDSIZE_MAX;
	/* the base is aligned with the literal LOG2SIZE (spec 6.3.24), the
	 * range check uses it capped at SIDSIZE; both are candidates */
	eff = lit < sidsize ? lit : sidsize;
	if (((uint64_t)vsid >> eff) != 0)
		return 0;
	log2s[0] = eff;
	log2s[1] = lit;
	for (unsigned i = 0; i < 2; i++) {
		uint64_t addr, l1;
		uint8_t b[STE_SIZE];
		bool ok = ste_addr(o, g, r, vsid, log2s[i], &addr, &l1);
		bool dup = false;

		fetch_addr[i * 2] = l1;
		if (!ok)
			continue;
		fetch_addr[i * 2 + 1] = addr;
		for (unsigned k = 0; k < n; k++)
			dup |= addrs[k] == addr;
		if (dup || !gread(o, g, addr, b, sizeof b))
			continue;
		addrs[n] = addr;
		le_load(ste[n], b, STE_DWORDS);
		n++;
	}
	return n;
}

void orc_ste_written(struct oracle *o, unsigned psmmu, uint32_t psid, const uint64_t ste[STE_DWORDS])
{
	struct orc_assign *a = orc_assign_of_stream(o, psmmu, psid);
	struct orc_stream *w = orc_watch_find(o, psmmu, psid);
	struct orc_ste_snap *s;

	if (w)
		w->written = true;
	if (!a || !orc_guest_ok(a->guest))
		return;
	s = &a->hist[a->hist_next++ % ORC_STE_HIST];
	memset(s, 0, sizeof *s);
	memcpy(s->phys, ste, sizeof s->phys);
	s->valid = o->g[a->guest].regs.valid;
	if (s->valid) {
		uint64_t g[ORC_STE_CANDS][STE_DWORDS], fa[ORC_STE_CANDS * 2];
		s->ncand = (uint8_t)orc_guest_ste(o, a->guest, a->vsid, g, fa);
		for (unsigned c = 0; c < s->ncand; c++) {
			s->guest[c][0] = g[c][0];
			s->guest[c][1] = g[c][1];
		}
	}
}

bool orc_ste_blocks(const uint64_t s[STE_DWORDS])
{
	return !(s[0] & STE0_V) || !(VS_FIELD_GET(STE0_CONFIG, s[0]) & STE_CONFIG_TRANS);
}

/* The snapshot(s) a copy is judged against: the install that wrote exactly
 * these bytes, else every remembered install. */
static unsigned pick_snaps(const struct orc_assign *a, const uint64_t s[STE_DWORDS],
			   const struct orc_ste_snap **out)
{
	unsigned n = 0;

	for (unsigned i = 0; i < ORC_STE_HIST; i++)
		if (a->hist[i].valid && memcmp(a->hist[i].phys, s, sizeof a->hist[i].phys) == 0) {
			out[0] = &a->hist[i];
			return 1;
		}
	for (unsigned i = 0; i < ORC_STE_HIST; i++)
		if (a->hist[i].valid)
			out[n++] = &a->hist[i];
	return n;
}

static bool report(struct oracle *o, int inv, int g, const struct orc_assign *a, unsigned psmmu,
		   uint32_t psid, bool cached, unsigned dw, const char *name, uint64_t exp, uint64_t seen)
{
	char vs[24] = "";

	if (a)
		snprintf(vs, sizeof vs, "(vsid0x%" PRIx32 ")", a->vsid);
	orc_viol(o, inv, "guest=%s stream=psmmu%u/psid0x%" PRIx32 "%s field=%s.dw%u.%s expected=0x%" PRIx64
		 " seen=0x%" PRIx64, orc_gname(o, g), psmmu, psid, vs, cached ? "cached-STE" : "STE", dw, name,
		 exp, seen);
	return false;
}

bool orc_ste_judge(struct oracle *o, int inv, int g, const struct orc_assign *a, unsigned psmmu,
		   uint32_t psid, const uint64_t s[STE_DWORDS], bool cached)
{
	struct vsmmu_s2_template t;
	const struct orc_ste_snap *snaps[ORC_STE_HIST];
	unsigned cfg = (unsigned)VS_FIELD_GET(STE0_CONFIG, s[0]), nsnap;
	uint64_t allowed;

	if (orc_ste_blocks(s)) {
		/* An abort or invalid STE carries nothing else. */
		for (unsigned dw = 0; dw < STE_DWORDS; dw++) {
			uint64_t extra = s[dw] & (dw == 0 ? ~ORC_STE0_HYP : ~UINT64_C(0));
			if (s[0] & STE0_V ? extra : 0)
				return report(o, inv, g, a, psmmu, psid, cached, dw, field_name(dw, extra), 0, extra);
		}
		return true;
	}
	if (g < 0)
		return report(o, inv, g, a, psmmu, psid, cached, 0, "Config(unassigned stream lets traffic through)",
			      STE_CONFIG_ABORT, cfg);
	if (!(cfg & STE_CONFIG_S2_EN))
		return report(o, inv, g, a, psmmu, psid, cached, 0, "Config(stage 2 off)", STE_CONFIG_NESTED, cfg);
	memset(&t, 0, sizeof t);
	plat_guest_s2_template(o->p, g, &t);
	if (s[2] != t.ste_dw2) {
		uint64_t d = s[2] ^ t.ste_dw2;
		return report(o, inv, g, a, psmmu, psid, cached, 2, (d & STE2_S2_FIELDS) ? "stage-2-fields" : "IMPDEF",
			      t.ste_dw2, s[2]);
	}
	if (s[3] != t.ste_dw3)
		return report(o, inv, g, a, psmmu, psid, cached, 3, "S2TTB/stage-2-fields", t.ste_dw3, s[3]);
	for (unsigned dw = 4; dw < STE_DWORDS; dw++)
		if (s[dw])
			return report(o, inv, g, a, psmmu, psid, cached, dw, "dw4-7", 0, s[dw]);
	allowed = ORC_STE0_HYP | orc_ste_guest_mask[0];
	if (s[0] & ~allowed)
		return report(o, inv, g, a, psmmu, psid, cached, 0, field_name(0, s[0] & ~allowed), 0, s[0] & ~allowed);
	allowed = ORC_STE1_HYP | orc_ste_guest_mask[1];
	if (s[1] & ~allowed)
		return report(o, inv, g, a, psmmu, psid, cached, 1, field_name(1, s[1] & ~allowed), 0, s[1] & ~allowed);
	if ((s[1] & STE1_SHCFG) != (cfg == STE_CONFIG_NESTED ? ORC_STE1_SHCFG_NESTED : ORC_STE1_SHCFG_S2))
		return report(o, inv, g, a, psmmu, psid, cached, 1, "SHCFG",
			      cfg == STE_CONFIG_NESTED ? ORC_STE1_SHCFG_NESTED : ORC_STE1_SHCFG_S2, s[1] & STE1_SHCFG);
	if (cfg == STE_CONFIG_NESTED && (s[1] & STE1_MEV) != ORC_STE1_MEV_NESTED)
		return report(o, inv, g, a, psmmu, psid, cached, 1, "MEV", ORC_STE1_MEV_NESTED, s[1] & STE1_MEV);
	/* Each guest stage-1 field: the guest's own value, or 0. */
	nsnap = a ? pick_snaps(a, s, snaps) : 0;
	for (size_t f = 0; f < sizeof guest_fields / sizeof guest_fields[0]; f++) {
		unsigned dw = guest_fields[f].dw;
		uint64_t m = guest_fields[f].mask, v = s[dw] & m, want = 0;
		bool ok = v == 0, any = false;

		for (unsigned i = 0; i < nsnap && !ok; i++) {
			if (!snaps[i]->valid)
				continue;
			for (unsigned c = 0; c < snaps[i]->ncand && !ok; c++) {
				ok = (snaps[i]->guest[c][dw] & m) == v;
				if (!any) {
					want = snaps[i]->guest[c][dw] & m;
					any = true;
				}
			}
		}
		if (!ok)
			return report(o, inv, g, a, psmmu, psid, cached, dw, field_name(dw, m), want, v);
	}
	return true;
}
