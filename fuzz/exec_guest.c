/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * exec_guest.c - the guest driver helpers of the executor: the statements
 * that build SMMU structures in guest RAM exactly as a guest driver does
 * (docs/scenario-language.md): ste, l1std, cd, ptpool, map, cmd, kick.
 *
 * Every location is found the way a driver finds it: from the guest's own
 * registers read through MMIO (STRTAB_BASE/_CFG, CMDQ_BASE/PROD) and the
 * descriptors already in its RAM. Nothing here looks inside libvsmmu.
 */
#include <inttypes.h>
#include <string.h>

#include "fuzz/exec_int.h"
#include "inject/pgtable.h"

/* ---- stream table ------------------------------------------------------ */

int exec_ste(struct exec_ctx *x, struct exec_guest *s, int g, const struct op *op)
{
	uint64_t cfg, addr = exec_strtab_base(x, g, &cfg), ipa;
	uint32_t sid = op->u.ste.sid;

	(void)s;
	if (VS_FIELD_GET(STRTAB_BASE_CFG_FMT, cfg) == STRTAB_FMT_2LVL) {
		unsigned split = exec_split(cfg), span;
		uint64_t l1, d, l2bytes;

		l1 = addr + (uint64_t)(sid >> split) * L1STD_SIZE;
		if (exec_read_words(x, g, l1, &d, 1)) {
			exec_fail(x, "ste %" PRIu32 ": L1 descriptor at IPA 0x%" PRIx64 " is outside RAM", sid, l1);
			return -1;
		}
		if (VS_FIELD_GET(L1STD_SPAN, d) == 0) {
			exec_fail(x, "ste %" PRIu32 ": L1 descriptor %" PRIu32 " at IPA 0x%" PRIx64
				  " is invalid (Span=0)", sid, sid >> split, l1);
			return -1;
		}
		/* The level-2 array is aligned to its size (2^(Span-1) STEs). */
		span = (unsigned)VS_FIELD_GET(L1STD_SPAN, d);
		l2bytes = span <= L1STD_SPAN_MAX ? (uint64_t)STE_SIZE << (span - 1) : STE_SIZE;
		ipa = ((d & L1STD_L2PTR) & ~(l2bytes - 1)) +
		      (uint64_t)(sid & ((UINT32_C(1) << split) - 1)) * STE_SIZE;
	} else {
		ipa = addr + (uint64_t)sid * STE_SIZE;
	}
	if (exec_write_words(x, g, ipa, op->u.ste.dw, STE_DWORDS)) {
		exec_fail(x, "ste %" PRIu32 ": STE at IPA 0x%" PRIx64 " is outside RAM", sid, ipa);
		return -1;
	}
	exec_trace(x, "ste %" PRIu32 " written at IPA 0x%" PRIx64, sid, ipa);
	return 0;
}

int exec_l1std(struct exec_ctx *x, struct exec_guest *s, int g, const struct op *op)
{
	uint64_t ipa = exec_strtab_base(x, g, NULL) + (uint64_t)op->u.l1std.index * L1STD_SIZE;
	uint64_t d = VS_FIELD_PREP(L1STD_SPAN, op->u.l1std.span) | (op->u.l1std.l2ptr & L1STD_L2PTR);

	(void)s;
	if (exec_write_words(x, g, ipa, &d, 1)) {
		exec_fail(x, "l1std %" PRIu32 ": descriptor at IPA 0x%" PRIx64 " is outside RAM",
			  op->u.l1std.index, ipa);
		return -1;
	}
	exec_trace(x, "l1std %" PRIu32 " = 0x%016" PRIx64 " at IPA 0x%" PRIx64, op->u.l1std.index, d, ipa);
	return 0;
}

int exec_cd(struct exec_ctx *x, struct exec_guest *s, int g, const struct op *op)
{
	(void)s;
	if (exec_write_words(x, g, op->u.cd.ipa, op->u.cd.dw, CD_DWORDS)) {
		exec_fail(x, "cd: IPA 0x%" PRIx64 " is outside RAM", op->u.cd.ipa);
		return -1;
	}
	return 0;
}

/* ---- stage-1 page tables ----------------------------------------------- */

int exec_ptpool(struct exec_ctx *x, struct exec_guest *s, int g, const struct op *op)
{
	if (!op->u.ptpool.size || !plat_guest_ipa_in_ram(x->p, g, op->u.ptpool.ipa, op->u.ptpool.size)) {
		exec_fail(x, "ptpool: 0x%" PRIx64 ":0x%" PRIx64 " is not inside RAM",
			  op->u.ptpool.ipa, op->u.ptpool.size);
		return -1;
	}
	s->has_pool = true;
	s->pool_ipa = op->u.ptpool.ipa;
	s->pool_size = op->u.ptpool.size;
	s->pool_next = op->u.ptpool.ipa;
	return 0;
}

static int zero_ram(struct exec_ctx *x, int g, uint64_t ipa, uint64_t len)
{
	static const uint8_t zeros[4096];

	while (len) {
		size_t n = len > sizeof zeros ? sizeof zeros : (size_t)len;
		if (plat_guest_write(x->p, g, ipa, zeros, n))
			return -1;
		ipa += n;
		len -= n;
	}
	return 0;
}

static int pool_alloc(struct exec_ctx *x, struct exec_guest *s, int g, uint64_t gsz, uint64_t *out)
{
	uint64_t a;

	if (!s->has_pool) {
		exec_fail(x, "map: no ptpool for this guest");
		return -1;
	}
	a = (s->pool_next + gsz - 1) & ~(gsz - 1);
	if (a < s->pool_next || a + gsz > s->pool_ipa + s->pool_size) {
		exec_fail(x, "map: ptpool 0x%" PRIx64 ":0x%" PRIx64 " exhausted", s->pool_ipa, s->pool_size);
		return -1;
	}
	if (zero_ram(x, g, a, gsz)) {
		exec_fail(x, "map: table page at IPA 0x%" PRIx64 " is outside RAM", a);
		return -1;
	}
	s->pool_next = a + gsz;
	*out = a;
	return 0;
}

/*
 * Tables cover a 48-bit input range (CD.T0SZ = 16): 4K and 16K granules
 * start at level 0 (4 levels), 64K at level 1 (3 levels). Leaves are page
 * descriptors: AF=1, nG=1 (ASID-tagged, as Linux's io-pgtable does for stage
 * 1), SH=ISH, AttrIndx=1 (Normal WB in the Linux MAIR), AP
 * = 0b01 (read/write, EL0 too) for rw/w, 0b11 (read-only) for r.
 */
#define MAP_VA_BITS 48u
#define MAP_ATTRINDX      1u      /* Normal WB in the Linux MAIR */
#define MAP_LEAF_ATTRS    (PTE_PAGE | PTE_AF | PTE_NG | VS_FIELD_PREP(PTE_SH, PTE_SH_ISH) | \
			   VS_FIELD_PREP(PTE_ATTRINDX, MAP_ATTRINDX) | PTE_AP_EL0)

int exec_map(struct exec_ctx *x, struct exec_guest *s, int g, const struct op *op)
{
	uint64_t gsz = op->u.map.granule;
	unsigned gb, stride, nlev, top_bits;
	uint64_t root = op->u.map.ttb, va0, pa0, npages, max_pages, tables = 0;
	bool known = false;

	if (gsz != 4096 && gsz != 16384 && gsz != 65536)
		gsz = 4096;
	gb = (unsigned)__builtin_ctzll(gsz);
	stride = gb - 3;
	nlev = (MAP_VA_BITS - gb + stride - 1) / stride;
	top_bits = MAP_VA_BITS - (gb + (nlev - 1) * stride);

	for (unsigned i = 0; i < s->nroots; i++)
		if (s->roots[i] == root && s->root_granule[i] == gsz)
			known = true;
	if (!known) {
		if (zero_ram(x, g, root, (UINT64_C(8) << top_bits))) {
			exec_fail(x, "map: ttb 0x%" PRIx64 " is outside RAM", root);
			return -1;
		}
		if (s->nroots < EXEC_MAX_ROOTS) {
			s->roots[s->nroots] = root;
			s->root_granule[s->nroots] = (uint32_t)gsz;
			s->nroots++;
		}
	}
	va0 = op->u.map.iova & ~(gsz - 1);
	pa0 = op->u.map.ipa & ~(gsz - 1);
	npages = op->u.map.size ? ((op->u.map.iova & (gsz - 1)) + op->u.map.size + gsz - 1) / gsz : 1;
	max_pages = x->fuzz ? EXEC_MAP_PAGES_FUZZ : EXEC_MAP_PAGES_MAX;
	if (npages > max_pages) {
		exec_fail(x, "map: %" PRIu64 " pages exceed the executor's limit of %" PRIu64, npages, max_pages);
		npages = max_pages;
		if (!x->fuzz)
			return -1;
	}
	for (uint64_t i = 0; i < npages; i++) {
		uint64_t va = va0 + i * gsz, pa = pa0 + i * gsz, table = root;

		for (unsigned lvl = 0; lvl < nlev; lvl++) {
			unsigned shift = gb + (nlev - 1 - lvl) * stride;
			unsigned bits = lvl == 0 ? top_bits : stride;
			uint64_t ea = table + ((va >> shift) & ((UINT64_C(1) << bits) - 1)) * PTE_SIZE, d;

			if (lvl == nlev - 1) {
				d = (pa & PTE_ADDR(gb)) | MAP_LEAF_ATTRS;
				if (op->u.map.perm == PERM_R)
					d |= PTE_AP_RO;
				if (exec_write_words(x, g, ea, &d, 1)) {
					exec_fail(x, "map: descriptor at IPA 0x%" PRIx64 " is outside RAM", ea);
					return -1;
				}
				break;
			}
			if (exec_read_words(x, g, ea, &d, 1)) {
				exec_fail(x, "map: descriptor at IPA 0x%" PRIx64 " is outside RAM", ea);
				return -1;
			}
			if ((d & PTE_TABLE) == PTE_TABLE) {
				table = d & PTE_ADDR(gb);
				continue;
			}
			if (pool_alloc(x, s, g, gsz, &table))
				return -1;
			tables++;
			d = table | PTE_TABLE;
			if (exec_write_words(x, g, ea, &d, 1)) {
				exec_fail(x, "map: descriptor at IPA 0x%" PRIx64 " is outside RAM", ea);
				return -1;
			}
		}
	}
	exec_trace(x, "map %" PRIu64 " page(s) of %" PRIu64 "K, %" PRIu64 " new table(s)",
		   npages, gsz / 1024, tables);
	return 0;
}

/* ---- command queue ------------------------------------------------------ */

static void load_shadow(struct exec_ctx *x, struct exec_guest *s, int g)
{
	if (!s->shadow_valid) {
		s->shadow_prod = (uint32_t)exec_mmio_read(x, g, SMMU_CMDQ_PROD, 4);
		s->shadow_valid = true;
	}
}

int exec_cmd(struct exec_ctx *x, struct exec_guest *s, int g, const struct op *op)
{
	unsigned qs;
	uint64_t base = exec_queue_base(x, g, true, &qs), slot;
	uint32_t prod, idx;

	load_shadow(x, s, g);
	prod = s->shadow_prod & vs_q_mask(qs);
	idx = vs_q_idx(prod, qs);
	slot = vs_q_entry(base, prod, qs, CMD_SHIFT);
	if (exec_write_words(x, g, slot, op->u.cmd.dw, CMD_DWORDS)) {
		exec_fail(x, "cmd: queue slot %" PRIu32 " at IPA 0x%" PRIx64 " is outside RAM", idx, slot);
		return -1;
	}
	exec_trace(x, "cmd written to slot %" PRIu32 " at IPA 0x%" PRIx64, idx, slot);
	s->shadow_prod = vs_q_inc(prod, qs);
	if (!op->u.cmd.nokick)
		exec_mmio_write(x, g, SMMU_CMDQ_PROD, 4, s->shadow_prod);
	return 0;
}

int exec_kick(struct exec_ctx *x, struct exec_guest *s, int g)
{
	load_shadow(x, s, g);
	exec_mmio_write(x, g, SMMU_CMDQ_PROD, 4, s->shadow_prod);
	return 0;
}
