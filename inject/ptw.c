/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ptw.c - VMSAv8-64 translation table walk (4K/16K/64K granules, every
 * start level, stage-2 concatenated start tables), shared by the
 * hypervisor's own stage-2 lookups and the physical SMMU model.
 *
 * Descriptor fetches go through a callback so that a stage-1 walk can put
 * every table address through stage 2 first. Checks follow the architected
 * order: translation, address size, access flag, permission.
 */
#include "inject/internal.h"
#include "inject/pgtable.h"

unsigned ptw_ps_bits(unsigned enc)
{
	static const unsigned bits[8] = { 32, 36, 40, 42, 44, 48, 52, 56 };

	return bits[enc & 7u];
}

unsigned ptw_oas_enc(unsigned bits)
{
	static const unsigned bits_of[7] = { 32, 36, 40, 42, 44, 48, 52 };

	for (unsigned i = 7; i-- > 0;)
		if (bits >= bits_of[i])
			return i;
	return 0;
}

unsigned ptw_s1_start(unsigned gshift, unsigned insize)
{
	unsigned stride = gshift - 3;
	unsigned levels = (insize - gshift + stride - 1) / stride;

	return levels >= 4 ? 0 : 4 - levels;
}

bool ptw_s2_start(unsigned gshift, unsigned insize, unsigned sl0, unsigned *start)
{
	unsigned stride = gshift - 3, total, s;

	if (sl0 > 2)
		return false;
	if (gshift == PTE_GSHIFT_4K)
		s = 2 - sl0;            /* 0: level 2, 1: level 1, 2: level 0 */
	else
		s = 3 - sl0;            /* 0: level 3, 1: level 2, 2: level 1 */
	total = gshift + (4 - s) * stride;
	if (insize > total + 4 || insize + stride <= total)
		return false;
	*start = s;
	return true;
}

static int fault(struct ptw_fault_info *fi, enum ptw_fault kind, unsigned level)
{
	fi->kind = kind;
	fi->level = level;
	fi->s2 = false;
	return -1;
}

static bool block_ok(unsigned gshift, unsigned level)
{
	if (gshift == PTE_GSHIFT_4K)
		return level == 1 || level == 2;
	return level == 2;      /* 16K and 64K without 52-bit descriptors */
}

int ptw_walk(const struct ptw_cfg *c, uint64_t ia, bool write, ptw_fetch_fn fetch, void *ctx,
	     struct ptw_res *r, struct ptw_fault_info *fi)
{
	unsigned stride = c->gshift - 3;
	uint64_t table = c->ttb;
	bool ro = c->ro;

	if (c->insize < 64 && (ia >> c->insize))
		return fault(fi, PTW_TRANSLATION, c->start);
	for (unsigned level = c->start; level <= 3; level++) {
		unsigned lsb = c->gshift + (3 - level) * stride;
		int bits = level == c->start && !c->resume ? (int)c->insize - (int)lsb : (int)stride;
		uint64_t desc, idx, oa;

		if (bits <= 0 || bits > (int)stride + 4)
			return fault(fi, PTW_TRANSLATION, level);
		idx = (ia >> lsb) & ((UINT64_C(1) << bits) - 1);
		fi->s2 = false;
		if (fetch(ctx, table + idx * PTE_SIZE, &desc, fi)) {
			fi->level = level;
			return -1;
		}
		if (!(desc & PTE_VALID))
			return fault(fi, PTW_TRANSLATION, level);
		if (level < 3 && (desc & PTE_TYPE)) {
			uint64_t next = desc & PTE_ADDR(c->gshift);

			if (c->oa_bits < 64 && (next >> c->oa_bits))
				return fault(fi, PTW_ADDR_SIZE, level);
			if (!c->stage2 && !c->had && (desc & PTE_APTABLE_RO))
				ro = true;      /* APTable[1]: no writes below */
			if (c->trail && c->trail->n < 4) {
				c->trail->t[c->trail->n].level = level;
				c->trail->t[c->trail->n].next = next;
				c->trail->t[c->trail->n].ro = ro;
				c->trail->n++;
			}
			table = next;
			continue;
		}
		if (level == 3 ? !(desc & PTE_TYPE) : !block_ok(c->gshift, level))
			return fault(fi, PTW_TRANSLATION, level);
		oa = desc & PTE_ADDR(lsb);
		if (c->gshift == PTE_GSHIFT_64K && c->oa_bits > PTE_OA_MAX_4K16K)
			oa |= VS_FIELD_GET(PTE_OA_52_64K, desc) << (PTE_ADDR_TOP + 1);
		if (c->oa_bits < 64 && (oa >> c->oa_bits))
			return fault(fi, PTW_ADDR_SIZE, level);
		if (!(desc & PTE_AF) && !c->affd)
			return fault(fi, PTW_ACCESS, level);
		if (c->stage2) {
			r->rd = desc & PTE_S2AP_R;
			r->wr = desc & PTE_S2AP_W;
		} else {
			r->rd = true;
			r->wr = !(desc & PTE_AP_RO) && !ro;
		}
		if (c->no_perm)
			r->rd = r->wr = true;   /* the planted bug: S2AP ignored */
		if (write ? !r->wr : !r->rd)
			return fault(fi, PTW_PERMISSION, level);
		r->oa = oa | (ia & ((UINT64_C(1) << lsb) - 1));
		r->shift = lsb;
		r->level = level;
		r->global = !(desc & PTE_NG);
		r->memattr = (uint8_t)VS_FIELD_GET(PTE_LOWER_ATTR, desc);
		return 0;
	}
	return fault(fi, PTW_TRANSLATION, 3);
}
