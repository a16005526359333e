/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * refmodel_strtab.c - the stream table as the architecture walks it
 * (section 3.3, SMMU_STRTAB_BASE(_CFG), L1STD), SteIllegal() of section 5.2
 * for a Non-secure STE, the permitted configurations of every assigned
 * stream, and their comparison with what the physical SMMU was given.
 */
#include <inttypes.h>
#include <string.h>

#include "fuzz/refmodel_int.h"

static unsigned oas_bits(const uint32_t idr[6])
{
	static const unsigned enc[8] = { 32, 36, 40, 42, 44, 48, 52, 52 };

	return enc[VS_FIELD_GET(IDR5_OAS, idr[5]) & 7u];
}

/* SteIllegal(STE, NS) of section 5.2, for the features an IDR set can
 * advertise without stage 2 (S2P == 1 configurations are not modelled:
 * rm_decode returns ANY for them). */
bool rm_ste_illegal(const uint32_t idr[6], uint32_t aidr, const uint64_t ste[STE_DWORDS])
{
	unsigned config = (unsigned)VS_FIELD_GET(STE0_CONFIG, ste[0]);
	bool s1p = idr[0] & IDR0_S1P, s2p = idr[0] & IDR0_S2P;
	unsigned ssidsize = (unsigned)VS_FIELD_GET(IDR1_SSIDSIZE, idr[1]);
	unsigned eats = (unsigned)VS_FIELD_GET(STE1_EATS, ste[1]);
	bool s2s = ste[2] & STE2_S2S;
	bool strw_unused;

	if (!(ste[0] & STE0_V))
		return true;
	if (!(config & STE_CONFIG_TRANS))           /* 0b0xx: translation disabled */
		return false;
	if ((config & STE_CONFIG_S1_EN) && !s1p)
		return true;
	if ((config & STE_CONFIG_S2_EN) && !s2p)
		return true;
	/* ATS configuration (Config != 0bx00 here since Config[2] == 1). */
	if ((idr[0] & IDR0_ATS) && config != STE_CONFIG_BYPASS) {
		if (eats == 2 && (config != STE_CONFIG_NESTED || s2s || (idr[0] & IDR0_NS1ATS)))
			return true;
		if (eats == 1 && s2s && (config & STE_CONFIG_S2_EN))
			return true;
	}
	/* IgnoreSTESTRW(): stage 1 not implemented, NS without Hyp, stage 2
	 * enabled or bypass. */
	strw_unused = !s1p || !(idr[0] & IDR0_HYP) || (config & STE_CONFIG_S2_EN) ||
		      config == STE_CONFIG_BYPASS;
	if (!strw_unused && (VS_FIELD_GET(STE1_STRW, ste[1]) & 1u))
		return true;
	if (config & STE_CONFIG_S1_EN) {
		unsigned cdmax = (unsigned)VS_FIELD_GET(STE0_S1CDMAX, ste[0]);
		unsigned fmt = (unsigned)VS_FIELD_GET(STE0_S1FMT, ste[0]);

		if ((ste[1] & STE1_S1STALLD) &&
		    VS_FIELD_GET(IDR0_STALL_MODEL, idr[0]) != IDR0_STALL_MODEL_STALL)
			return true;
		if (ssidsize != 0 && cdmax > ssidsize)
			return true;
		if (ssidsize != 0 && cdmax != 0 && !(idr[0] & IDR0_CD2L) && (fmt == 1 || fmt == 2))
			return true;
		/* STES1ContextPtrOutOfRange(): a PA beyond the OAS (stage 1 only).
		 * SMMUv3.1 and later: C_BAD_STE (3.4.3). */
		if (!(config & STE_CONFIG_S2_EN) && VS_FIELD_GET(AIDR_ARCH_MINOR, aidr) >= 1 &&
		    oas_bits(idr) < 56 &&
		    (ste[0] & STE0_S1CTXPTR & ~VS_GENMASK(oas_bits(idr) - 1, 0)))
			return true;
	}
	return false;
}

static void set_kind(struct rm_cfg *c, unsigned kind)
{
	memset(c, 0, sizeof *c);
	c->kind = (uint8_t)kind;
}

/* The vSMMU fetches STEs and L1 descriptors as the hypervisor: a range its
 * stage 2 maps without read permission aborts the fetch (F_STE_FETCH, the
 * stream aborts), though the guest's CPU reads the bytes there. */
static bool read_mem(struct refmodel *m, int g, uint64_t ipa, void *buf, size_t len)
{
	if (m->env.hyp_read)
		return m->env.hyp_read(m->env.ctx, g, ipa, buf, len) == 0;
	return m->env.mem_read(m->env.ctx, g, ipa, buf, len) == 0;
}

static uint64_t le64(const uint8_t *b)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < 8; i++)
		v |= (uint64_t)b[i] << (8 * i);
	return v;
}

/* A 2-level table's SPLIT as the SMMU uses it (reserved values as 6). */
static unsigned l1_split(const struct rm_guest *G)
{
	unsigned split = (unsigned)VS_FIELD_GET(STRTAB_BASE_CFG_SPLIT, G->strtab_cfg);

	return split != 6 && split != 8 && split != 10 ? 6 : split;
}

/* Where the L1 descriptor of sid is: it depends on the registers only, not
 * on what the table holds. lit is the literal LOG2SIZE, base the unaligned
 * STRTAB_BASE address. */
static uint64_t l1_addr(unsigned lit, unsigned split, uint64_t base, uint32_t sid)
{
	unsigned l1bits = lit > split ? lit - split : 0;

	if (l1bits + 3 >= 64) {
		base = 0;
	} else {
		uint64_t l1size = (UINT64_C(1) << l1bits) * L1STD_SIZE;
		base &= ~((l1size > 64 ? l1size : 64) - 1);
	}
	return base + (uint64_t)(sid >> split) * L1STD_SIZE;
}

/* Where the STE of sid is, or a kind that says why there is none. *l1 (if
 * not NULL) is where the L1 descriptor sid is reached through, or
 * UINT64_MAX: it depends on the registers only, so it is known even when
 * what the descriptor holds is not. */
static unsigned locate(struct refmodel *m, int g, uint32_t sid, uint64_t *addr, uint64_t *l1)
{
	const struct rm_guest *G = &m->g[g];
	unsigned oas = oas_bits(G->idr);
	unsigned sidsize = (unsigned)VS_FIELD_GET(IDR1_SIDSIZE, G->idr[1]);
	unsigned log2 = (unsigned)VS_FIELD_GET(STRTAB_BASE_CFG_LOG2SIZE, G->strtab_cfg);
	unsigned fmt = (unsigned)VS_FIELD_GET(STRTAB_BASE_CFG_FMT, G->strtab_cfg);
	uint64_t base = G->strtab_base & STRTAB_BASE_ADDR;
	uint64_t limit = oas >= 64 ? UINT64_MAX : (UINT64_C(1) << oas);
	/* The base is aligned with the literal LOG2SIZE ("not limited by
	 * SIDSIZE", spec 6.3.24); indexing and the range check use the capped
	 * one (6.3.25). */
	unsigned lit = log2;

	if (l1)
		*l1 = UINT64_MAX;
	if (log2 > sidsize)
		log2 = sidsize;
	if (log2 > SMMU_SIDSIZE_MAX)
		log2 = SMMU_SIDSIZE_MAX;
	if ((uint64_t)sid >> log2)
		return RM_K_BADSID;
	if (VS_FIELD_GET(IDR0_ST_LEVEL, G->idr[0]) == IDR0_ST_LEVEL_LINEAR || fmt != STRTAB_FMT_2LVL) {
		base = lit + STE_SHIFT >= 64 ? 0 : base & ~((UINT64_C(1) << (lit + STE_SHIFT)) - 1);
		*addr = base + ((uint64_t)sid << STE_SHIFT);
	} else {
		unsigned split = l1_split(G);
		unsigned span;
		uint64_t l1std, l2;
		uint32_t l2idx;
		uint8_t b[8];

		*addr = l1_addr(lit, split, base, sid);
		if (l1)
			*l1 = *addr;
		if (*addr + L1STD_SIZE > limit)
			return RM_K_ANY;          /* beyond the OAS: truncate or F_STE_FETCH (3.4.3) */
		if (!read_mem(m, g, *addr, b, sizeof b))
			return RM_K_FETCH;
		l1std = le64(b);
		span = (unsigned)VS_FIELD_GET(L1STD_SPAN, l1std);
		if (span == 0 || span > L1STD_SPAN_MAX || span > split + 1)
			return RM_K_BADSID;
		l2idx = sid & (uint32_t)((UINT64_C(1) << split) - 1);
		if ((uint64_t)l2idx >> (span - 1))
			return RM_K_BADSID;
		l2 = (l1std & L1STD_L2PTR) & ~((UINT64_C(1) << (span - 1 + STE_SHIFT)) - 1);
		*addr = l2 + ((uint64_t)l2idx << STE_SHIFT);
	}
	if (*addr + STE_SIZE > limit || *addr + STE_SIZE < *addr)
		return RM_K_ANY;
	return RM_K_S1;   /* "found" */
}

void rm_decode(struct refmodel *m, int g, uint32_t sid, struct rm_cfg *out)
{
	const struct rm_guest *G = &m->g[g];
	uint64_t addr = 0, ste[STE_DWORDS];
	uint8_t b[STE_SIZE];
	unsigned k, config;

	if (!rm_smmuen(G)) {
		set_kind(out, G->gbpa_loose ? RM_K_ANY :
			 (G->gbpa & GBPA_ABORT) ? RM_K_ABORT : RM_K_BYPASS);
		return;
	}
	k = locate(m, g, sid, &addr, NULL);
	if (k != RM_K_S1) {
		set_kind(out, k);
		return;
	}
	if (!read_mem(m, g, addr, b, sizeof b)) {
		set_kind(out, RM_K_FETCH);
		return;
	}
	for (unsigned i = 0; i < STE_DWORDS; i++)
		ste[i] = le64(b + 8 * i);
	config = (unsigned)VS_FIELD_GET(STE0_CONFIG, ste[0]);
	if (!(ste[0] & STE0_V)) {
		set_kind(out, RM_K_INVALID);
		return;
	}
	if ((config & STE_CONFIG_S2_EN) && (G->idr[0] & IDR0_S2P)) {
		set_kind(out, RM_K_ANY);          /* stage 2 checks are not modelled */
		return;
	}
	if (rm_ste_illegal(G->idr, G->aidr, ste)) {
		set_kind(out, RM_K_ILLEGAL);
		return;
	}
	if (!(config & STE_CONFIG_TRANS)) {
		set_kind(out, RM_K_ABORT);
		return;
	}
	if (config == STE_CONFIG_BYPASS) {
		set_kind(out, RM_K_BYPASS);
		return;
	}
	set_kind(out, RM_K_S1);
	out->ctxptr = ste[0] & STE0_S1CTXPTR;
	out->s1fmt = (uint8_t)VS_FIELD_GET(STE0_S1FMT, ste[0]);
	out->cdmax = (uint8_t)VS_FIELD_GET(STE0_S1CDMAX, ste[0]);
	out->s1dss = (uint8_t)VS_FIELD_GET(STE1_S1DSS, ste[1]);
	out->cir = (uint8_t)VS_FIELD_GET(STE1_S1CIR, ste[1]);
	out->cor = (uint8_t)VS_FIELD_GET(STE1_S1COR, ste[1]);
	out->csh = (uint8_t)VS_FIELD_GET(STE1_S1CSH, ste[1]);
	/* Reserved encodings by their architected behaviour; fields the
	 * architecture IGNOREs are not compared. */
	if (out->s1fmt == 3)
		out->s1fmt = 0;
	if (out->s1dss == 3)
		out->s1dss = 0;
	if (out->cdmax == 0 || VS_FIELD_GET(IDR1_SSIDSIZE, G->idr[1]) == 0) {
		out->cdmax = 0;
		out->s1fmt = 0;
		out->s1dss = 0;
	}
}

/* ---- candidate sets ---------------------------------------------------- */
static bool cfg_eq(const struct rm_cfg *a, const struct rm_cfg *b)
{
	return memcmp(a, b, sizeof *a) == 0;
}

static void cset_one(struct rm_cset *s, const struct rm_cfg *c)
{
	memset(s, 0, sizeof *s);
	if (c->kind == RM_K_ANY) {
		s->any = true;
		return;
	}
	s->n = 1;
	s->c[0] = *c;
}

static void cset_add(struct rm_cset *s, const struct rm_cfg *c)
{
	if (s->any)
		return;
	if (c->kind == RM_K_ANY) {
		s->any = true;
		return;
	}
	for (unsigned i = 0; i < s->n; i++)
		if (cfg_eq(&s->c[i], c))
			return;
	if (s->n == RM_NCAND) {
		s->any = true;
		return;
	}
	s->c[s->n++] = *c;
}

static void cset_merge(struct rm_cset *into, const struct rm_cset *from)
{
	if (from->any)
		into->any = true;
	for (unsigned i = 0; i < from->n; i++)
		cset_add(into, &from->c[i]);
}

/* Decode every live stream of g from memory now: its only configuration
 * (forget: nothing older stays permitted), or one more it may have. */
static void decode_live(struct refmodel *m, int g, bool forget)
{
	struct rm_guest *G = &m->g[g];

	G->streams_stamp++;   /* rm_streams_compare: expectations change */

	for (unsigned i = 0; i < RM_MAX_STREAMS; i++) {
		struct rm_cfg c;

		if (!G->s[i].live)
			continue;
		rm_decode(m, g, G->s[i].vsid, &c);
		if (forget) {
			G->s[i].loaded = true;
			cset_one(&G->s[i].cur, &c);
			memset(&G->s[i].old, 0, sizeof G->s[i].old);
			/* every stream reloaded: what the hypervisor wrote over an
			 * STE before is what the SMMU reads now (a write during
			 * the reloading call is replayed after this, and clobbers
			 * again); clobbered once stayed up until a CFGI covered
			 * the stream, its comparison skipped meanwhile */
			G->s[i].clobbered = false;
		} else {
			cset_add(&G->s[i].cur, &c);
		}
	}
}

/* The configuration is (re)loaded from memory: SMMUEN or GBPA changed, a
 * stream was assigned. Nothing older stays permitted. */
void rm_streams_load_all(struct refmodel *m, int g)
{
	decode_live(m, g, true);
}

void rm_streams_clobber(struct refmodel *m, int g, uint64_t ipa, uint64_t len)
{
	struct rm_guest *G = &m->g[g];

	G->streams_stamp++;   /* rm_streams_compare: expectations change */
	if (!rm_smmuen(G))
		return;
	for (unsigned i = 0; i < RM_MAX_STREAMS; i++) {
		struct rm_stream *s = &G->s[i];
		uint64_t addr = 0;

		uint64_t l1;
		unsigned k;

		if (!s->live)
			continue;
		k = locate(m, g, s->vsid, &addr, &l1);
		/* The write has landed: an L1 descriptor it overwrote no longer
		 * says where the STE the SMMU may have fetched was, so hitting
		 * the descriptor clobbers every stream reached through it. */
		if ((l1 != UINT64_MAX && ipa < l1 + L1STD_SIZE && l1 < ipa + len) ||
		    (k == RM_K_S1 && ipa < addr + STE_SIZE && addr < ipa + len))
			s->clobbered = s->clobbered_call = true;
	}
}

/* A consumed CMD_CFGI_STE(_RANGE) covering the aligned block of 2^log2n
 * StreamIDs holding sid: the covered streams take what is in
 * memory now; what was permitted before stays permitted until CMD_SYNC. */
void rm_streams_cfgi(struct refmodel *m, int g, uint32_t sid, unsigned log2n)
{
	struct rm_guest *G = &m->g[g];
	uint64_t lo, hi;

	G->streams_stamp++;   /* rm_streams_compare: expectations change */

	if (!rm_smmuen(G))
		return;
	if (log2n >= 32) {
		lo = 0;
		hi = UINT64_C(1) << 32;
	} else {
		uint64_t size = UINT64_C(1) << log2n;
		lo = sid & ~(size - 1);
		hi = lo + size;
	}
	for (unsigned i = 0; i < RM_MAX_STREAMS; i++) {
		struct rm_stream *s = &G->s[i];
		struct rm_cfg c;

		if (!s->live || s->vsid < lo || s->vsid >= hi)
			continue;
		rm_decode(m, g, s->vsid, &c);
		cset_merge(&s->old, &s->cur);
		cset_one(&s->cur, &c);
		/* A write over the STE in the same call stays a clobber: the
		 * model replays a register write's accesses before it judges the
		 * commands the call consumed, so it cannot tell whether the write
		 * came after this CFGI (it once decoded an L1 descriptor a later
		 * GERROR MSI had overwritten and took the vSMMU's correct STE
		 * for a wrong one: corpus/regressions/fuzz_evtq/
		 * refmodel-fp-msi-over-l1std-after-cfgi-c1d1552d). */
		if (!s->clobbered_call)
			s->clobbered = false;
		s->loaded = true;
	}
}

/* A consumed CMD_SYNC completes every earlier invalidation. */
void rm_streams_sync(struct refmodel *m, int g)
{
	struct rm_guest *G = &m->g[g];

	G->streams_stamp++;   /* rm_streams_compare: expectations change */

	for (unsigned i = 0; i < RM_MAX_STREAMS; i++)
		memset(&G->s[i].old, 0, sizeof G->s[i].old);
}

/* Memory or registers a decode depends on changed without an
 * invalidation: the SMMU may use what it had or what is there now. */
void rm_streams_refresh(struct refmodel *m, int g)
{
	decode_live(m, g, false);
}

static bool cset_has_kind(const struct rm_cset *s, unsigned kind)
{
	if (s->any)
		return true;
	for (unsigned i = 0; i < s->n; i++)
		if (s->c[i].kind == kind)
			return true;
	return false;
}

/* k if every configuration of s has kind k, else RM_K_ANY. */
static unsigned cset_sure_kind(const struct rm_cset *s, unsigned k)
{
	if (s->any)
		return RM_K_ANY;
	for (unsigned i = 0; i < s->n; i++)
		if (s->c[i].kind != k)
			return RM_K_ANY;
	return k;
}

unsigned rm_stream_sure_kind(struct refmodel *m, int g, unsigned i, bool with_old)
{
	const struct rm_stream *s = &m->g[g].s[i];
	struct rm_cfg c;
	unsigned k;

	if (!s->live || s->clobbered)
		return RM_K_ANY;
	rm_decode(m, g, s->vsid, &c);   /* what the SMMU may fetch now */
	k = cset_sure_kind(&s->cur, c.kind);
	return with_old ? cset_sure_kind(&s->old, k) : k;
}

bool rm_stream_may_be(const struct rm_guest *G, uint32_t vsid, unsigned kind)
{
	for (unsigned i = 0; i < RM_MAX_STREAMS; i++)
		if (G->s[i].live && G->s[i].vsid == vsid)
			return cset_has_kind(&G->s[i].cur, kind) || cset_has_kind(&G->s[i].old, kind);
	return false;
}

/* ---- comparison with the physical STE ---------------------------------- */
static bool blocks(const uint64_t p[STE_DWORDS])
{
	return !(p[0] & STE0_V) || !(VS_FIELD_GET(STE0_CONFIG, p[0]) & STE_CONFIG_TRANS);
}

/* Does physical STE p give the guest what configuration c says? */
static bool phys_matches(const struct rm_guest *G, const uint64_t p[STE_DWORDS], const struct rm_cfg *c)
{
	unsigned pcfg = (unsigned)VS_FIELD_GET(STE0_CONFIG, p[0]);
	bool pv = p[0] & STE0_V;
	uint64_t ign;

	switch (c->kind) {
	case RM_K_ANY:
		return true;
	case RM_K_ABORT:
		/* abort without an event: V=1, Config 0b0xx */
		return pv && !(pcfg & STE_CONFIG_TRANS);
	case RM_K_BYPASS:
		/* the guest's "physical" address is its IPA: stage 2 only */
		return pv && pcfg == STE_CONFIG_S2_TRANS;
	case RM_K_S1:
		if (!pv || pcfg != STE_CONFIG_NESTED)
			return false;
		/* S1ContextPtr[cdmax+5:6] are RES0 for a linear CD table: the
		 * SMMU may treat them as zero, so they are not compared. */
		ign = 0;
		if (c->cdmax && c->s1fmt == 0 && c->cdmax < 50)
			ign = VS_GENMASK(c->cdmax + 5, 6);
		{
			struct rm_cfg q;
			uint8_t cdmax = (uint8_t)VS_FIELD_GET(STE0_S1CDMAX, p[0]);
			memset(&q, 0, sizeof q);
			q.kind = RM_K_S1;
			q.ctxptr = p[0] & STE0_S1CTXPTR;
			q.s1fmt = (uint8_t)VS_FIELD_GET(STE0_S1FMT, p[0]);
			q.cdmax = cdmax;
			q.s1dss = (uint8_t)VS_FIELD_GET(STE1_S1DSS, p[1]);
			q.cir = (uint8_t)VS_FIELD_GET(STE1_S1CIR, p[1]);
			q.cor = (uint8_t)VS_FIELD_GET(STE1_S1COR, p[1]);
			q.csh = (uint8_t)VS_FIELD_GET(STE1_S1CSH, p[1]);
			if (q.s1fmt == 3)
				q.s1fmt = 0;
			if (q.s1dss == 3)
				q.s1dss = 0;
			if (q.cdmax == 0 || VS_FIELD_GET(IDR1_SSIDSIZE, G->idr[1]) == 0) {
				q.cdmax = 0;
				q.s1fmt = 0;
				q.s1dss = 0;
			}
			return (q.ctxptr & ~ign) == (c->ctxptr & ~ign) && q.s1fmt == c->s1fmt &&
			       q.cdmax == c->cdmax && q.s1dss == c->s1dss && q.cir == c->cir &&
			       q.cor == c->cor && q.csh == c->csh;
		}
	default:
		/* INVALID, ILLEGAL, BADSID, FETCH: the transaction is aborted;
		 * when the event is recorded is a documented deviation. */
		return blocks(p);
	}
}

static bool cset_matches(const struct rm_guest *G, const uint64_t p[STE_DWORDS], const struct rm_cset *s)
{
	if (s->any)
		return true;
	for (unsigned i = 0; i < s->n; i++)
		if (phys_matches(G, p, &s->c[i]))
			return true;
	return false;
}

static const char *kind_name(unsigned k)
{
	static const char *const n[] = { "any", "abort", "bypass", "stage-1", "invalid(V=0)",
					 "ILLEGAL", "bad-streamid", "fetch-abort" };
	return k < sizeof n / sizeof n[0] ? n[k] : "?";
}

void rm_streams_compare(struct refmodel *m, int g, bool full)
{
	struct rm_guest *G = &m->g[g];
	uint64_t gen = m->env.streams_gen ? m->env.streams_gen(m->env.ctx) : 0;

	/* Neither what is expected nor what is there changed since every
	 * stream last matched: they match again (rm_faults(), the one other
	 * input, only ever becomes true, and only permits more). */
	if (!full && m->env.streams_gen && G->cmp_valid && G->cmp_stamp == G->streams_stamp && G->cmp_gen == gen)
		return;
	G->cmp_valid = false;
	for (unsigned i = 0; i < RM_MAX_STREAMS; i++) {
		struct rm_stream *s = &G->s[i];
		uint64_t p[STE_DWORDS];
		const struct rm_cfg *want;

		if (!s->live || !m->env.phys_ste(m->env.ctx, s->psmmu, s->psid, p))
			continue;
		m->checks++;
		if (s->clobbered || cset_matches(G, p, &s->cur) || cset_matches(G, p, &s->old))
			continue;
		/* A physical failure leaves the stream fail-closed (CERROR_ABT
		 * or a retry owed to the guest): blocking is permitted then. */
		if (blocks(p) && rm_faults(m, g))
			continue;
		want = s->cur.n ? &s->cur.c[0] : NULL;
		rm_fire(m, g, "field=stream-config vsid=0x%" PRIx32 " expected=%s%s ctxptr=0x%" PRIx64
			" cdmax=%u fmt=%u dss=%u cir/cor/csh=%u/%u/%u seen=V%u,Config%u ctxptr=0x%" PRIx64
			" cdmax=%u fmt=%u dss=%u cir/cor/csh=%u/%u/%u",
			s->vsid, want ? kind_name(want->kind) : "?", s->cur.n + s->old.n > 1 ? "(or older)" : "",
			want ? want->ctxptr : 0, want ? want->cdmax : 0, want ? want->s1fmt : 0,
			want ? want->s1dss : 0, want ? want->cir : 0, want ? want->cor : 0,
			want ? want->csh : 0, (unsigned)(p[0] & STE0_V),
			(unsigned)VS_FIELD_GET(STE0_CONFIG, p[0]), p[0] & STE0_S1CTXPTR,
			(unsigned)VS_FIELD_GET(STE0_S1CDMAX, p[0]), (unsigned)VS_FIELD_GET(STE0_S1FMT, p[0]),
			(unsigned)VS_FIELD_GET(STE1_S1DSS, p[1]), (unsigned)VS_FIELD_GET(STE1_S1CIR, p[1]),
			(unsigned)VS_FIELD_GET(STE1_S1COR, p[1]), (unsigned)VS_FIELD_GET(STE1_S1CSH, p[1]));
		return;
	}
	G->cmp_valid = true;
	G->cmp_stamp = G->streams_stamp;
	G->cmp_gen = gen;
}
