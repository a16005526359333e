/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * psmmu.c - the physical SMMUv3 model: stream table in hypervisor memory,
 * configuration (STE) and CD caches, and the translation engine that DMA
 * goes through.
 *
 * What it advertises (implicit ID registers): S1P, S2P, TTF = AArch64,
 * CD2L, VMID16, ASID16, STALL_MODEL = no stall, TTENDIAN = little endian,
 * HTTU = 0, no ATS/PRI/Hyp/MPAM, TERM_MODEL = 0 (CD.A selects abort or
 * RAZ/WI), RIL, 4K/16K/64K granules, IAS = OAS, CR2.RECINVSID = 1.
 *
 * Translation follows the architecture's order: STE fetch and checks,
 * substream checks, CD fetch (through stage 2 when enabled) and checks,
 * stage-1 walk with every table address through stage 2, then stage 2 of
 * the output. Every fault leaves through fail() with one architected record.
 */
#include <stdlib.h>
#include <string.h>

#include "inject/internal.h"
#include "inject/pgtable.h"
#include "inject/snapshot.h"

struct psmmu *psmmu_new(struct platform *p, unsigned n, const struct plat_psmmu_cfg *cfg)
{
	struct psmmu *ps = wheap_alloc(p->heap, sizeof(*ps), true, false);

	if (!ps)
		return NULL;
	ps->heap = p->heap;
	ps->idx = n;
	ps->sidsize = cfg->sidsize;
	ps->ssidsize = cfg->ssidsize;
	ps->oas = cfg->oas_bits;
	ps->ril = !cfg->no_ril;
	ps->strtab = STRTAB_REGION + ((uint64_t)n << STRTAB_SPAN_SHIFT);
	ps->cmdq_base = HYP_Q_BASE + n * HYP_Q_STRIDE;
	ps->evtq_base = ps->cmdq_base + HYP_Q_EVTQ_OFF;
	return ps;
}

void psmmu_free(struct psmmu *ps)
{
	if (!ps)
		return;
	wheap_free(ps->heap, ps->sticky);
	wheap_free(ps->heap, ps);
}

void psmmu_sticky_add(struct psmmu *ps, uint32_t psid)
{
	for (unsigned i = 0; i < ps->nsticky; i++)
		if (ps->sticky[i] == psid)
			return;
	if (ps->nsticky == ps->capsticky) {
		unsigned ncap = ps->capsticky ? ps->capsticky * 2 : 16;
		uint32_t *n = wheap_realloc(ps->heap, ps->sticky, ncap * sizeof(*n));

		if (!n)
			return;
		ps->sticky = n;
		ps->capsticky = ncap;
	}
	ps->sticky[ps->nsticky++] = psid;
}

static bool psid_ok(const struct psmmu *ps, uint32_t psid)
{
	return ps->sidsize >= 32 || (psid >> ps->sidsize) == 0;
}

int psmmu_write_ste(struct platform *p, struct psmmu *ps, int guest, uint32_t psid,
		    const uint64_t ste[STE_DWORDS])
{
	uint64_t buf[STE_DWORDS];
	struct plat_access a = {
		.actor = PLAT_ACT_HYP_PRIVATE, .guest = guest, .psmmu = (int)ps->idx, .psid = psid,
		.hpa = ps->strtab + (uint64_t)psid * STE_SIZE, .len = STE_SIZE, .write = true,
	};

	if (!psid_ok(ps, psid))
		return -1;
	memcpy(buf, ste, sizeof(buf));
	return hm_access(p, &a, buf);
}

/* Fibonacci hashing: the top SLOT_BITS bits of the product pick the slot. */
#define SLOT_BITS 5u
_Static_assert(PCFG_ENTRIES == 1u << SLOT_BITS && PCD_ENTRIES == 1u << SLOT_BITS,
	       "cache slot hash width");

static unsigned cfg_slot(uint32_t sid)
{
	return (uint32_t)(sid * UINT32_C(0x9E3779B1)) >> (32 - SLOT_BITS);
}

static unsigned cd_slot(uint32_t sid, uint32_t idx)
{
	return (uint32_t)((sid ^ (idx * UINT32_C(0x85EBCA6B))) * UINT32_C(0x9E3779B1)) >> (32 - SLOT_BITS);
}

/* The hypervisor stopped this SMMU (GBPA.ABORT, SMMUEN=0) because it could
 * not invalidate it: nothing translates any more, and nothing cached can be
 * used again (a disabled SMMU must be invalidated before it is re-enabled). */
void psmmu_fence(struct psmmu *ps)
{
	ps->fenced = true;
	memset(ps->cfg, 0, sizeof(ps->cfg));
	memset(ps->cdc, 0, sizeof(ps->cdc));
	tlb_inv_all(&ps->tlb);
}

void psmmu_cfgi_sid(struct psmmu *ps, uint32_t sid)
{
	struct pcfg_ent *e = &ps->cfg[cfg_slot(sid)];

	if (e->valid && e->sid == sid)
		e->valid = false;
	for (unsigned i = 0; i < PCD_ENTRIES; i++)
		if (ps->cdc[i].valid && ps->cdc[i].sid == sid)
			ps->cdc[i].valid = false;
}

/* ---- one translation ------------------------------------------------------- */
struct xl {
	struct platform *p;
	struct psmmu *ps;
	int guest;
	uint32_t sid;
	bool ssv;
	uint32_t ssid;
	uint64_t iova;
	bool write;
	bool s2_en;
	bool skip_s2;           /* PLAT_BUG_WALK_SKIPS_S2 */
	bool s2ptw;
	struct ptw_cfg s2;
	struct plat_dma_out *out;
	uint64_t attrs;         /* RnW, InD, PnU of the transaction (post-STE override) */
	enum tlb_kind kind;     /* how the result is cached (TLB and walk cache tags) */
	uint16_t vmid, asid;
};

static int fail(struct xl *x, unsigned id, uint64_t dw1, uint64_t dw3, bool record,
		enum plat_dma_result res)
{
	if (record) {
		uint64_t rec[EVT_DWORDS] = {
			VS_FIELD_PREP(EVT0_ID, id) | VS_FIELD_PREP(EVT0_SID, x->sid),
			dw1 | x->attrs, x->iova, dw3,
		};

		if (x->ssv)
			rec[0] |= EVT0_SSV | VS_FIELD_PREP(EVT0_SSID, x->ssid);
		prec_shape(rec);        /* only the fields this type defines */
		pevtq_push(x->p, x->ps, rec);
	}
	x->out->result = res;
	x->out->event_id = record ? (uint8_t)id : 0;
	return 0;
}

static int fail_cfg(struct xl *x, unsigned id)
{
	return fail(x, id, 0, 0, true, PLAT_DMA_FAULT);
}

static unsigned ptw_event(enum ptw_fault k)
{
	switch (k) {
	case PTW_ADDR_SIZE:
		return EVT_ID_F_ADDR_SIZE;
	case PTW_ACCESS:
		return EVT_ID_F_ACCESS;
	case PTW_PERMISSION:
		return EVT_ID_F_PERMISSION;
	default:
		return EVT_ID_F_TRANSLATION;
	}
}

/* The transaction's attributes as records give them: RnW as issued, PnU
 * and InD after the STE's PRIVCFG/INSTCFG overrides (0b0x: as incoming). */
static uint64_t xl_attrs(const struct plat_dma_req *req, const uint64_t *ste)
{
	unsigned privcfg = ste ? (unsigned)VS_FIELD_GET(STE1_PRIVCFG, ste[1]) : 0;
	unsigned instcfg = ste ? (unsigned)VS_FIELD_GET(STE1_INSTCFG, ste[1]) : 0;
	bool priv = privcfg & 2 ? privcfg & 1 : req->priv;
	bool instr = instcfg & 2 ? instcfg & 1 : req->instr;
	uint64_t a = 0;

	if (!req->write)
		a |= EVT1_RNW;
	if (priv)
		a |= EVT1_PNU;
	if (instr && !req->write)
		a |= EVT1_IND;   /* InD == 0 when RnW == 0 */
	return a;
}

/* The fault's own dw1 fields (the transaction's attributes are added by
 * fail()). */
static uint64_t dw1_of(bool s2, unsigned class, bool ttrnw)
{
	uint64_t dw1 = VS_FIELD_PREP(EVT1_CLASS, class);

	if (s2)
		dw1 |= EVT1_S2;
	if (ttrnw)
		dw1 |= EVT1_TTRNW;
	return dw1;
}

/* A stage-2 fault (or external abort) met while fetching for class. */
static int fail_fetch(struct xl *x, const struct ptw_fault_info *fi, unsigned class, uint64_t s2r)
{
	if (fi->kind == PTW_EABT && !fi->s2)
		return fail(x, class == EVT_CLASS_CD ? EVT_ID_F_CD_FETCH : EVT_ID_F_WALK_EABT,
			    dw1_of(false, class, false),
			    fi->fetch & EVT3_FETCH_ADDR, true, PLAT_DMA_FAULT);
	if (fi->kind == PTW_EABT)
		return fail(x, EVT_ID_F_WALK_EABT, dw1_of(true, class, false),
			    fi->fetch & EVT3_FETCH_ADDR, true, PLAT_DMA_FAULT);
	return fail(x, ptw_event(fi->kind),
		    dw1_of(true, class, class == EVT_CLASS_TT && fi->kind == PTW_PERMISSION),
		    fi->ipa & EVT3_IPA, s2r != 0,
		    s2r ? PLAT_DMA_FAULT : PLAT_DMA_ABORT);
}

/* Read a structure (CD, L1CD, stage-1 descriptor) the SMMU fetches by IPA. */
static int ipa_read(struct xl *x, uint64_t addr, void *buf, uint32_t len, struct ptw_fault_info *fi)
{
	uint64_t hpa = addr;
	bool through = x->s2_en && !x->skip_s2;
	struct plat_access a = {
		.actor = PLAT_ACT_PSMMU_WALK, .guest = x->guest, .psmmu = (int)x->ps->idx,
		.psid = x->sid, .ipa = x->s2_en ? addr : 0, .len = len, .s2_checked = through,
	};

	if (through) {
		struct ptw_res r;

		if (s2_translate(x->p, &x->s2, addr, false, &r, fi))
			return -1;
		if (x->s2ptw && !(r.memattr & PTE_S2_MEMATTR_OUTER)) {
			fi->kind = PTW_PERMISSION;   /* walk to stage-2 Device memory */
			fi->s2 = true;
			fi->ipa = addr;
			return -1;
		}
		hpa = r.oa;
	}
	a.hpa = hpa;
	if (hm_access(x->p, &a, buf)) {
		fi->kind = PTW_EABT;
		fi->s2 = false;
		fi->fetch = hpa;
		return -1;
	}
	return 0;
}

static int s1_fetch(void *ctx, uint64_t addr, uint64_t *desc, struct ptw_fault_info *fi)
{
	return ipa_read(ctx, addr, desc, 8, fi);
}

/* STE checks (IHI 0070 §5.2 SteIllegal(), what applies to this model). Returns the Config,
 * 0 for a silent abort, -1 for ILLEGAL. */
static int ste_check(struct xl *x, const uint64_t *ste)
{
	unsigned config = (unsigned)VS_FIELD_GET(STE0_CONFIG, ste[0]);
	unsigned oas = x->ps->oas;

	if (!(ste[0] & STE0_V))
		return -1;
	if (!(config & STE_CONFIG_TRANS))
		return 0;
	if (config & STE_CONFIG_S1_EN) {
		unsigned cdmax = (unsigned)VS_FIELD_GET(STE0_S1CDMAX, ste[0]);
		uint64_t ctx = ste[0] & STE0_S1CTXPTR;

		if (ste[1] & STE1_S1STALLD)
			return -1;
		if (x->ps->ssidsize && cdmax > x->ps->ssidsize)
			return -1;
		if (ctx >> oas)
			return -1;
	}
	if (config & STE_CONFIG_S2_EN) {
		if (!s2_decode(ste[2], ste[3], oas, &x->s2))
			return -1;
		x->s2_en = true;
		x->s2ptw = ste[2] & STE2_S2PTW;
		x->s2.no_perm = x->p->plat_bugs & PLAT_BUG_S2_PERM_IGNORED;
	}
	return (int)config;
}

struct s1ctx {
	unsigned gshift, insize;
	uint64_t ttb;
	bool epd, tbi;
};

static bool s1_half(const uint64_t *cd, bool upper, unsigned ips, struct s1ctx *s)
{
	unsigned tsz, tg;

	if (!upper) {
		s->epd = cd[0] & CD0_EPD0;
		s->tbi = cd[0] & CD0_TBI0;
		tsz = (unsigned)VS_FIELD_GET(CD0_T0SZ, cd[0]);
		tg = (unsigned)VS_FIELD_GET(CD0_TG0, cd[0]);
		s->gshift = tg == CD_TG0_4K ? PTE_GSHIFT_4K : tg == CD_TG0_16K ? PTE_GSHIFT_16K :
			    tg == CD_TG0_64K ? PTE_GSHIFT_64K : 0;
		s->ttb = cd[1] & CD1_TTB0;
	} else {
		s->epd = cd[0] & CD0_EPD1;
		s->tbi = cd[0] & CD0_TBI1;
		tsz = (unsigned)VS_FIELD_GET(CD0_T1SZ, cd[0]);
		tg = (unsigned)VS_FIELD_GET(CD0_TG1, cd[0]);
		s->gshift = tg == CD_TG1_4K ? PTE_GSHIFT_4K : tg == CD_TG1_16K ? PTE_GSHIFT_16K :
			    tg == CD_TG1_64K ? PTE_GSHIFT_64K : 0;
		s->ttb = cd[2] & CD2_TTB1;
	}
	if (s->epd)
		return true;
	s->insize = 64 - tsz;
	if (tsz < 16 || tsz > 39 || !s->gshift)
		return false;
	if (s->ttb >> (s->gshift < PTE_GSHIFT_64K && ips > PTE_OA_MAX_4K16K ? PTE_OA_MAX_4K16K : ips))
		return false;
	return true;
}

static unsigned cd_ips(const struct xl *x, const uint64_t *cd)
{
	unsigned ips = ptw_ps_bits((unsigned)VS_FIELD_GET(CD0_IPS, cd[0]));

	return ips > x->ps->oas ? x->ps->oas : ips;
}

/* CdIllegal (IHI 0070 §5.4), what applies to this model. */
static bool cd_legal(const struct xl *x, const uint64_t *cd)
{
	struct s1ctx s;
	unsigned ips = cd_ips(x, cd);
	bool any_ttb = !(cd[0] & CD0_EPD0) || !(cd[0] & CD0_EPD1);

	if (!(cd[0] & CD0_V) || (cd[0] & CD0_S) || !(cd[0] & CD0_AA64))
		return false;
	if ((cd[0] & CD0_ENDI) && any_ttb)
		return false;
	if (cd[0] & (CD0_HA | CD0_HD))
		return false;
	return s1_half(cd, false, ips, &s) && s1_half(cd, true, ips, &s);
}

static int get_ste(struct xl *x, uint64_t *ste)
{
	struct pcfg_ent *e = &x->ps->cfg[cfg_slot(x->sid)];
	struct plat_access a = {
		.actor = PLAT_ACT_PSMMU_WALK, .guest = x->guest, .psmmu = (int)x->ps->idx,
		.psid = x->sid, .hpa = x->ps->strtab + (uint64_t)x->sid * STE_SIZE, .len = STE_SIZE,
	};

	if (e->valid && e->sid == x->sid) {
		memcpy(ste, e->ste, STE_SIZE);
		return 0;
	}
	if (hm_access(x->p, &a, ste))
		return -1;
	e->valid = true;
	e->sid = x->sid;
	memcpy(e->ste, ste, STE_SIZE);
	return 0;
}

/* Substream checks and CD fetch. 1: stage 1 bypassed (S1DSS), 0: *cd
 * filled, -1: the transaction was stopped (x->out set). */
static int get_cd(struct xl *x, const uint64_t *ste, uint64_t *cd)
{
	unsigned cdmax = x->ps->ssidsize ? (unsigned)VS_FIELD_GET(STE0_S1CDMAX, ste[0]) : 0;
	unsigned fmt = (unsigned)VS_FIELD_GET(STE0_S1FMT, ste[0]);
	unsigned dss = (unsigned)VS_FIELD_GET(STE1_S1DSS, ste[1]);
	uint64_t base = ste[0] & STE0_S1CTXPTR, addr;
	uint32_t idx = x->ssv ? x->ssid : 0;
	struct pcd_ent *e;
	struct ptw_fault_info fi = { 0 };
	uint64_t s2r = ste[2] & STE2_S2R;

	if (x->ssv && (!cdmax || (x->ssid >> cdmax)))
		return fail_cfg(x, EVT_ID_C_BAD_SUBSTREAMID) - 1;
	if (cdmax) {
		if (!x->ssv && dss == STE_S1DSS_BYPASS)
			return 1;
		if ((!x->ssv && dss != STE_S1DSS_SSID0) ||
		    (x->ssv && !x->ssid && dss == STE_S1DSS_SSID0))
			return fail_cfg(x, EVT_ID_F_STREAM_DISABLED) - 1;
	}
	e = &x->ps->cdc[cd_slot(x->sid, idx)];
	if (e->valid && e->sid == x->sid && e->idx == idx) {
		memcpy(cd, e->cd, CD_SIZE);
		return 0;
	}
	if (!cdmax || fmt == STE_S1FMT_LINEAR || fmt == 3) {
		addr = base + (uint64_t)idx * CD_SIZE;
	} else {
		unsigned l2bits = fmt == STE_S1FMT_2LVL_4K ? 6 : 10;
		uint64_t l1;

		if (ipa_read(x, base + (uint64_t)(idx >> l2bits) * L1CD_SIZE, &l1, 8, &fi))
			return fail_fetch(x, &fi, EVT_CLASS_CD, s2r) - 1;
		addr = l1 & L1CD_L2PTR;
		if (!(l1 & L1CD_V) || (addr >> x->ps->oas))
			return fail_cfg(x, EVT_ID_C_BAD_SUBSTREAMID) - 1;
		addr += (uint64_t)(idx & ((1u << l2bits) - 1)) * CD_SIZE;
	}
	if (ipa_read(x, addr, cd, CD_SIZE, &fi))
		return fail_fetch(x, &fi, EVT_CLASS_CD, s2r) - 1;
	e->valid = true;
	e->sid = x->sid;
	e->idx = idx;
	memcpy(e->cd, cd, CD_SIZE);
	return 0;
}

/* Stage-1 fault: recorded if CD.R; CD.A = 0 terminates with RAZ/WI. */
static int fail_s1(struct xl *x, const uint64_t *cd, enum ptw_fault k)
{
	bool rec = cd[0] & CD0_R;
	enum plat_dma_result res = !(cd[0] & CD0_A) ? PLAT_DMA_RAZWI :
				   rec ? PLAT_DMA_FAULT : PLAT_DMA_ABORT;

	return fail(x, ptw_event(k), dw1_of(false, EVT_CLASS_IN, false), 0, rec, res);
}

/* The stage-1 walk: 0 with *r, or -1 (stopped). */
static int s1_walk(struct xl *x, const uint64_t *ste, const uint64_t *cd, struct ptw_res *r)
{
	bool upper = x->iova & VS_BIT(55);
	unsigned ips = cd_ips(x, cd);
	struct s1ctx s;
	struct ptw_cfg c;
	struct ptw_fault_info fi = { 0 };
	struct ptw_trail trail;
	uint64_t mask;
	unsigned lsb;
	int rc;

	s1_half(cd, upper, ips, &s);
	if (s.epd)
		return fail_s1(x, cd, PTW_TRANSLATION) - 1;
	mask = VS_GENMASK(s.tbi ? 55 : 63, s.insize);
	if ((x->iova & mask) != (upper ? mask : 0))
		return fail_s1(x, cd, PTW_TRANSLATION) - 1;
	c.gshift = s.gshift;
	c.insize = s.insize;
	c.start = ptw_s1_start(s.gshift, s.insize);
	c.oa_bits = s.gshift < PTE_GSHIFT_64K && ips > PTE_OA_MAX_4K16K ? PTE_OA_MAX_4K16K : ips;
	lsb = c.gshift + (3 - c.start) * (c.gshift - 3);
	c.ttb = s.ttb & ~((UINT64_C(8) << (c.insize - lsb)) - 1);
	c.affd = cd[0] & CD0_AFFD;
	c.stage2 = false;
	c.no_perm = false;
	c.had = upper ? (cd[2] & CD2_HAD1) != 0 : (cd[1] & CD1_HAD0) != 0;
	c.resume = false;
	c.ro = false;
	c.trail = &trail;
	trail.n = 0;
	if (x->kind != TLB_FREE) {
		/* Resume below the deepest cached table descriptor: a table
		 * change the walk cache still holds is not seen. */
		const struct wc_ent *w = wc_lookup(&x->ps->tlb, x->kind, x->vmid, x->asid, c.gshift,
						   c.insize, x->iova);

		if (w && w->level < 3) {
			c.start = w->level + 1u;
			c.ttb = w->next;
			c.ro = w->ro;
			c.resume = true;
		}
	}
	rc = ptw_walk(&c, x->iova & ((UINT64_C(1) << s.insize) - 1), x->write, s1_fetch, x, r, &fi);
	/* Every table descriptor the walk followed may be cached, whatever
	 * became of the walk below it, as hardware may. */
	for (unsigned i = 0; x->kind != TLB_FREE && i < trail.n; i++) {
		unsigned l = trail.t[i].level;
		struct wc_ent w = {
			.va = x->iova, .next = trail.t[i].next, .vmid = x->vmid, .asid = x->asid,
			.kind = (uint8_t)x->kind, .shift = (uint8_t)(c.gshift + (3 - l) * (c.gshift - 3)),
			.gshift = (uint8_t)c.gshift, .insize = (uint8_t)c.insize, .level = (uint8_t)l,
			.ro = trail.t[i].ro,
		};

		wc_insert(&x->ps->tlb, &w);
	}
	if (rc) {
		if (fi.s2 || fi.kind == PTW_EABT)
			return fail_fetch(x, &fi, EVT_CLASS_TT, ste[2] & STE2_S2R) - 1;
		return fail_s1(x, cd, fi.kind) - 1;
	}
	r->gshift = c.gshift;
	return 0;
}

static void dma_pattern(uint8_t *b, uint64_t iova, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++)
		b[i] = (uint8_t)((iova + i) ^ 0x5A);
}

int psmmu_dma(struct platform *p, struct psmmu *ps, int guest, const struct plat_dma_req *req,
	      uint32_t psid, void *buf, struct plat_dma_out *out)
{
	struct xl x = {
		.p = p, .ps = ps, .guest = guest, .sid = psid, .ssv = req->ssv,
		.ssid = req->ssid, .iova = req->iova, .write = req->write, .out = out,
		.skip_s2 = p->plat_bugs & PLAT_BUG_WALK_SKIPS_S2,
		.attrs = xl_attrs(req, NULL),
	};
	uint64_t ste[STE_DWORDS], cd[CD_DWORDS];
	uint64_t ipa, hpa;
	uint8_t scratch[HM_PAGE_SIZE];
	enum tlb_kind kind;
	uint16_t vmid = 0, asid = 0;
	struct tlb_ent *te;
	struct ptw_res r1 = { 0 }, r2 = { 0 };
	struct ptw_fault_info fi = { 0 };
	bool s1 = false, s2_applied = false;
	int config, rc;

	memset(out, 0, sizeof(*out));
	if (ps->sfm || ps->fenced)
		return fail(&x, 0, 0, 0, false, PLAT_DMA_ABORT);
	if (!psid_ok(ps, psid))
		return fail_cfg(&x, EVT_ID_C_BAD_STREAMID);
	if (get_ste(&x, ste))
		return fail(&x, EVT_ID_F_STE_FETCH, 0,
			    (ps->strtab + (uint64_t)psid * STE_SIZE) & EVT3_FETCH_ADDR,
			    true, PLAT_DMA_FAULT);
	if (ste[0] & STE0_V)
		x.attrs = xl_attrs(req, ste);
	config = ste_check(&x, ste);
	if (config < 0)
		return fail_cfg(&x, EVT_ID_C_BAD_STE);
	if (config == 0)
		return fail(&x, 0, 0, 0, false, PLAT_DMA_ABORT);
	if (x.ssv && !(config & STE_CONFIG_S1_EN))
		return fail_cfg(&x, EVT_ID_C_BAD_SUBSTREAMID);
	ipa = x.iova;
	if (config & STE_CONFIG_S1_EN) {
		rc = get_cd(&x, ste, cd);
		if (rc < 0)
			return 0;
		if (rc == 0) {
			if (!cd_legal(&x, cd))
				return fail_cfg(&x, EVT_ID_C_BAD_CD);
			s1 = true;
			asid = (uint16_t)VS_FIELD_GET(CD0_ASID, cd[0]);
		}
	}
	if (x.s2_en)
		vmid = (uint16_t)VS_FIELD_GET(STE2_S2VMID, ste[2]);
	if (config == STE_CONFIG_BYPASS)
		kind = TLB_FREE;
	else
		kind = s1 ? (x.s2_en ? TLB_NESTED : TLB_S1) : TLB_S2;
	if (kind == TLB_S2 && !x.s2_en)
		kind = TLB_FREE;        /* S1-only STE with stage 1 bypassed */

	x.kind = kind;
	x.vmid = vmid;
	x.asid = asid;
	te = kind != TLB_FREE ? tlb_lookup(&ps->tlb, kind, vmid, asid, x.iova) : NULL;
	if (te && (x.write ? te->wr : te->rd)) {
		uint64_t off = x.iova & ((UINT64_C(1) << te->shift) - 1);

		ipa = te->ipa + off;
		hpa = te->hpa + off;
		s2_applied = x.s2_en;
	} else {
		if (s1 && s1_walk(&x, ste, cd, &r1))
			return 0;
		if (s1)
			ipa = r1.oa;
		hpa = ipa;
		if (x.s2_en) {
			if (s2_translate(p, &x.s2, ipa, x.write, &r2, &fi))
				return fail_fetch(&x, &fi, EVT_CLASS_IN, ste[2] & STE2_S2R);
			hpa = r2.oa;
			s2_applied = true;
		}
		if (kind != TLB_FREE) {
			unsigned shift = s1 && x.s2_en ? (r1.shift < r2.shift ? r1.shift : r2.shift) :
					 s1 ? r1.shift : r2.shift;
			uint64_t m = ~((UINT64_C(1) << shift) - 1);
			struct tlb_ent n = {
				.va = x.iova & m, .ipa = ipa & m, .hpa = hpa & m,
				.s1mask = s1 ? ~((UINT64_C(1) << r1.shift) - 1) : m,
				.vmid = vmid, .asid = asid, .kind = (uint8_t)kind, .shift = (uint8_t)shift,
				.gshift = (uint8_t)(s1 ? r1.gshift : 0), .level = (uint8_t)(s1 ? r1.level : 0),
				.global = s1 ? r1.global : true,
				.wr = (!s1 || r1.wr) && (!x.s2_en || r2.wr),
				.rd = (!s1 || r1.rd) && (!x.s2_en || r2.rd),
			};

			tlb_insert(&ps->tlb, &n);
		}
	}

	{
		struct plat_access a = {
			.actor = PLAT_ACT_DMA, .guest = guest, .psmmu = (int)ps->idx, .psid = psid,
			.hpa = hpa, .ipa = x.s2_en ? ipa : 0, .len = req->len, .write = req->write,
			.s2_checked = s2_applied,
		};
		void *b = buf ? buf : scratch;

		if (!buf && req->write)
			dma_pattern(scratch, req->iova, req->len);
		out->ipa = ipa;
		out->hpa = hpa;
		if (hm_access(p, &a, b)) {
			out->result = PLAT_DMA_ABORT;   /* external abort, no SMMU event */
			return 0;
		}
	}
	out->result = PLAT_DMA_OK;
	return 0;
}
