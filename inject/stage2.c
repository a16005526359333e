/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * stage2.c - the hypervisor's stage 2 for each guest: real VMSAv8-64 tables
 * (4K granule, start level 1, SL0 = 1, concatenated start tables for a
 * 40-bit IPA) in hypervisor memory, the STE dw2/dw3 template derived from
 * them, and decoding/translation of stage-2 STE fields for the physical SMMU.
 */
#include <string.h>

#include "inject/internal.h"
#include "inject/pgtable.h"

/* Leaves: inner shareable, Normal write-back, accessed; S2AP as the range
 * was declared (read/write unless PLAT_S2_DENY_*: S2AP = 0b00 is a valid
 * mapping that permits nothing, so an access faults as a permission fault). */
#define S2_LEAF_ATTRS    (PTE_VALID | PTE_AF | VS_FIELD_PREP(PTE_SH, PTE_SH_ISH) | \
			  VS_FIELD_PREP(PTE_S2_MEMATTR, PTE_S2_MEMATTR_WB))

static uint64_t s2_leaf_attrs(unsigned deny)
{
	return S2_LEAF_ATTRS | (deny & PLAT_S2_DENY_R ? 0 : PTE_S2AP_R) |
	       (deny & PLAT_S2_DENY_W ? 0 : PTE_S2AP_W);
}
/* The 4K-granule levels the builder writes: index fields of the IPA. */
#define S2_GSHIFT        12u
#define S2_L3_INDEX      VS_GENMASK(20, 12)
#define S2_L2_INDEX      VS_GENMASK(29, 21)
#define S2_L1_INDEX      VS_GENMASK(63, 30)     /* start level: concatenated tables */
#define S2_BLOCK_SHIFT   21u                    /* level-2 block: 2 MiB */
#define S2_L1_SPAN       (UINT64_C(1) << 30)    /* what one L1 entry maps */

unsigned plat_min_oas(const struct platform *p)
{
	unsigned oas = PLAT_DEFAULT_OAS;
	bool any = false;

	for (unsigned n = 0; n < PLAT_MAX_PSMMU; n++)
		if (p->ps[n] && (!any || p->ps[n]->oas < oas)) {
			oas = p->ps[n]->oas;
			any = true;
		}
	return oas;
}

void s2_template(const struct platform *p, unsigned ipa_bits, unsigned ps_bits, uint16_t vmid,
		 uint64_t root, struct vsmmu_s2_template *t)
{
	(void)p;
	t->ste_dw2 = VS_FIELD_PREP(STE2_S2VMID, vmid) |
		     VS_FIELD_PREP(STE2_S2T0SZ, 64 - ipa_bits) |
		     VS_FIELD_PREP(STE2_S2SL0, 1) |
		     VS_FIELD_PREP(STE2_S2IR0, 1) |
		     VS_FIELD_PREP(STE2_S2OR0, 1) |
		     VS_FIELD_PREP(STE2_S2SH0, 3) |
		     VS_FIELD_PREP(STE2_S2TG, STE_S2TG_4K) |
		     VS_FIELD_PREP(STE2_S2PS, ptw_oas_enc(ps_bits)) |
		     STE2_S2AA64 | STE2_S2PTW | STE2_S2R;
	t->ste_dw3 = root & STE3_S2TTB;
}

bool s2_decode(uint64_t dw2, uint64_t dw3, unsigned oas, struct ptw_cfg *c)
{
	unsigned tg = (unsigned)VS_FIELD_GET(STE2_S2TG, dw2);
	unsigned t0sz = (unsigned)VS_FIELD_GET(STE2_S2T0SZ, dw2);
	unsigned min_t0sz = 64 - oas < 16 ? 16 : 64 - oas;
	unsigned ps, lsb, start_bits;
	uint64_t ttb;

	memset(c, 0, sizeof(*c));
	if (tg == 3 || !(dw2 & STE2_S2AA64) || (dw2 & (STE2_S2ENDI | STE2_S2HA | STE2_S2HD | STE2_S2S)))
		return false;
	c->gshift = tg == STE_S2TG_4K ? PTE_GSHIFT_4K : tg == STE_S2TG_64K ? PTE_GSHIFT_64K : PTE_GSHIFT_16K;
	if (t0sz < min_t0sz || t0sz > 39)
		return false;
	c->insize = 64 - t0sz;
	if (!ptw_s2_start(c->gshift, c->insize, (unsigned)VS_FIELD_GET(STE2_S2SL0, dw2), &c->start))
		return false;
	ps = ptw_ps_bits((unsigned)VS_FIELD_GET(STE2_S2PS, dw2));
	if (ps > oas)
		ps = oas;
	if (c->gshift < PTE_GSHIFT_64K && ps > PTE_OA_MAX_4K16K)
		ps = PTE_OA_MAX_4K16K;
	ttb = dw3 & STE3_S2TTB;
	if (ttb >> ps)
		return false;
	lsb = c->gshift + (3 - c->start) * (c->gshift - 3);
	start_bits = c->insize - lsb;
	ttb &= ~((UINT64_C(8) << start_bits) - 1);
	c->ttb = ttb;
	c->oa_bits = ps;
	c->affd = dw2 & STE2_S2AFFD;
	c->stage2 = true;
	c->had = false;
	return true;
}

struct raw_ctx {
	struct platform *p;
};

static int raw_fetch(void *ctx, uint64_t addr, uint64_t *desc, struct ptw_fault_info *fi)
{
	struct raw_ctx *rc = ctx;

	if (hm_raw(rc->p, addr, desc, 8, false)) {
		fi->kind = PTW_EABT;
		fi->fetch = addr;
		return -1;
	}
	return 0;
}

int s2_translate(struct platform *p, const struct ptw_cfg *c, uint64_t ipa, bool write,
		 struct ptw_res *r, struct ptw_fault_info *fi)
{
	struct raw_ctx rc = { p };

	fi->ipa = ipa;
	if (ptw_walk(c, ipa, write, raw_fetch, &rc, r, fi)) {
		fi->s2 = true;
		fi->ipa = ipa;
		return -1;
	}
	return 0;
}

/* ---- building the tables ------------------------------------------------- */
static int s2_alloc_table(struct platform *p, uint64_t bytes, uint64_t *out)
{
	uint64_t a = (p->s2_bump + bytes - 1) & ~(bytes - 1);

	if (a + bytes > HYP_S2_BASE + HYP_S2_SIZE)
		return -1;
	p->s2_bump = a + bytes;
	*out = a;
	return 0;
}

/* The next-level table behind entry `slot`, created if absent. */
static int s2_next(struct platform *p, uint64_t slot, uint64_t *table)
{
	uint64_t d;

	if (hm_raw(p, slot, &d, PTE_SIZE, false))
		return -1;
	if ((d & PTE_TABLE) == PTE_TABLE) {
		*table = d & PTE_ADDR(S2_GSHIFT);
		return 0;
	}
	if (s2_alloc_table(p, HM_PAGE_SIZE, table))
		return -1;
	d = *table | PTE_TABLE;
	return hm_raw(p, slot, &d, PTE_SIZE, true);
}

/* Map [ipa, end) of one 2 MiB window with pages: the L3 table is filled in
 * a local copy and written once. slot is the window's L2 entry in the
 * caller's copy of the L2 table. */
static int s2_map_pages(struct platform *p, uint64_t *slot, uint64_t ipa, uint64_t end, uint64_t hpa,
			uint64_t attrs)
{
	uint64_t l3, tbl[VS_FIELD_MAX(S2_L3_INDEX) + 1];
	unsigned first = (unsigned)VS_FIELD_GET(S2_L3_INDEX, ipa), last = first;

	if ((*slot & PTE_TABLE) == PTE_TABLE) {
		l3 = *slot & PTE_ADDR(S2_GSHIFT);
	} else {
		if (s2_alloc_table(p, HM_PAGE_SIZE, &l3))
			return -1;
		*slot = l3 | PTE_TABLE;
	}
	for (; ipa < end; ipa += HM_PAGE_SIZE, hpa += HM_PAGE_SIZE) {
		last = (unsigned)VS_FIELD_GET(S2_L3_INDEX, ipa);
		tbl[last] = (hpa & PTE_ADDR(S2_GSHIFT)) | attrs | PTE_TYPE;   /* page */
	}
	return hm_raw(p, l3 + first * PTE_SIZE, &tbl[first], (last - first + 1) * PTE_SIZE, true);
}

/* Map [ipa, end) of one 1 GiB window: its L2 table is read once, filled in
 * a local copy (2 MiB blocks, L3 tables for the unaligned ends) and written
 * once, instead of a read and a write of host memory per 2 MiB (guest
 * creation was an eighth of a fuzz_mmio input, docs/performance.md). */
static int s2_map_window(struct platform *p, uint64_t root, uint64_t ipa, uint64_t end, uint64_t hpa,
			 uint64_t attrs)
{
	uint64_t l2, tbl[VS_FIELD_MAX(S2_L2_INDEX) + 1];
	unsigned first = (unsigned)VS_FIELD_GET(S2_L2_INDEX, ipa);
	unsigned last = (unsigned)VS_FIELD_GET(S2_L2_INDEX, end - 1);
	size_t len = (size_t)(last - first + 1) * PTE_SIZE;

	if (s2_next(p, root + VS_FIELD_GET(S2_L1_INDEX, ipa) * PTE_SIZE, &l2) ||
	    hm_raw(p, l2 + first * PTE_SIZE, &tbl[first], len, false))
		return -1;
	while (ipa < end) {
		uint64_t *slot = &tbl[VS_FIELD_GET(S2_L2_INDEX, ipa)];
		uint64_t wend = (ipa | (RAM_ALIGN - 1)) + 1;

		if (wend > end)
			wend = end;
		if (!(ipa & (RAM_ALIGN - 1)) && wend - ipa == RAM_ALIGN)
			*slot = (hpa & PTE_ADDR(S2_BLOCK_SHIFT)) | attrs;   /* 2 MiB block */
		else if (s2_map_pages(p, slot, ipa, wend, hpa, attrs))
			return -1;
		hpa += wend - ipa;
		ipa = wend;
	}
	return hm_raw(p, l2 + first * PTE_SIZE, &tbl[first], len, true);
}

int s2_build(struct platform *p, struct plat_guest *g)
{
	uint64_t nroot = g->ipa_bits > 39 ? UINT64_C(1) << (g->ipa_bits - 39) : 1;

	if (s2_alloc_table(p, nroot * HM_PAGE_SIZE, &g->s2_root))
		return -1;
	for (unsigned r = 0; r < g->nranges; r++) {
		uint64_t ipa = g->ram[r].ipa, hpa = g->ram[r].hpa, end = ipa + g->ram[r].size;
		uint64_t attrs = s2_leaf_attrs(g->ram[r].s2_deny);

		while (ipa < end) {
			uint64_t wend = (ipa | (S2_L1_SPAN - 1)) + 1;

			if (wend > end)
				wend = end;
			if (s2_map_window(p, g->s2_root, ipa, wend, hpa, attrs))
				return -1;
			hpa += wend - ipa;
			ipa = wend;
		}
	}
	return 0;
}
