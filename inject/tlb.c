/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * tlb.c - the physical SMMU's TLB: PTLB_ENTRIES fully associative entries,
 * round-robin replacement, tagged with VMID and ASID (or global), holding
 * combined stage-1 + stage-2 results. There is no walk cache: only leaf
 * results are kept, and each invalidation removes exactly the entries the
 * command names.
 */
#include "inject/internal.h"

static bool covers(const struct tlb_ent *e, uint64_t va)
{
	return ((va ^ e->va) >> e->shift) == 0;
}

struct tlb_ent *tlb_lookup(struct tlb *t, enum tlb_kind kind, uint16_t vmid, uint16_t asid, uint64_t va)
{
	for (unsigned i = 0; i < PTLB_ENTRIES; i++) {
		struct tlb_ent *e = &t->e[i];

		if (e->kind == kind && e->vmid == vmid && (e->global || e->asid == asid) &&
		    covers(e, va)) {
			t->hits++;
			return e;
		}
	}
	t->misses++;
	return NULL;
}

void tlb_insert(struct tlb *t, const struct tlb_ent *e)
{
	unsigned slot = PTLB_ENTRIES;

	for (unsigned i = 0; i < PTLB_ENTRIES; i++) {
		struct tlb_ent *x = &t->e[i];

		if (x->kind == e->kind && x->vmid == e->vmid && x->global == e->global &&
		    (e->global || x->asid == e->asid) && (covers(x, e->va) || covers(e, x->va))) {
			slot = i;       /* replace what this result supersedes */
			break;
		}
		if (x->kind == TLB_FREE && slot == PTLB_ENTRIES)
			slot = i;
	}
	if (slot == PTLB_ENTRIES) {
		slot = t->next;
		t->next = (t->next + 1) % PTLB_ENTRIES;
	}
	t->e[slot] = *e;
	t->e[slot].va &= ~((UINT64_C(1) << e->shift) - 1);
}

void tlb_inv_all(struct tlb *t)
{
	for (unsigned i = 0; i < PTLB_ENTRIES; i++)
		t->e[i].kind = TLB_FREE;
}

void tlb_inv_vmid(struct tlb *t, uint16_t vmid, bool s1_only)
{
	for (unsigned i = 0; i < PTLB_ENTRIES; i++) {
		struct tlb_ent *e = &t->e[i];

		if (e->kind != TLB_FREE && e->vmid == vmid && (!s1_only || e->kind != TLB_S2))
			e->kind = TLB_FREE;
	}
}

void tlb_inv_asid(struct tlb *t, uint16_t vmid, uint16_t asid)
{
	for (unsigned i = 0; i < PTLB_ENTRIES; i++) {
		struct tlb_ent *e = &t->e[i];

		if (e->kind != TLB_FREE && e->kind != TLB_S2 && e->vmid == vmid && !e->global &&
		    e->asid == asid)
			e->kind = TLB_FREE;
	}
}

/* Does the stage-1 leaf that produced e overlap [va, va + size)? */
static bool s1_overlaps(const struct tlb_ent *e, uint64_t va, uint64_t size)
{
	uint64_t base = e->va & e->s1mask, end = base + ~e->s1mask;

	return va <= end && va + size - 1 >= base;
}

void tlb_inv_va(struct tlb *t, uint16_t vmid, int asid, uint64_t va, uint64_t size)
{
	if (!size)
		size = 1;
	for (unsigned i = 0; i < PTLB_ENTRIES; i++) {
		struct tlb_ent *e = &t->e[i];

		if (e->kind == TLB_FREE || e->kind == TLB_S2 || e->vmid != vmid)
			continue;
		if (asid >= 0 && !e->global && e->asid != (uint16_t)asid)
			continue;
		if (s1_overlaps(e, va, size))
			e->kind = TLB_FREE;
	}
}

void tlb_inv_ipa(struct tlb *t, uint16_t vmid, uint64_t ipa, uint64_t size)
{
	if (!size)
		size = 1;
	for (unsigned i = 0; i < PTLB_ENTRIES; i++) {
		struct tlb_ent *e = &t->e[i];
		uint64_t base, end;

		if (e->kind != TLB_S2 || e->vmid != vmid)
			continue;
		base = e->ipa & ~((UINT64_C(1) << e->shift) - 1);
		end = base + (UINT64_C(1) << e->shift) - 1;
		if (ipa <= end && ipa + size - 1 >= base)
			e->kind = TLB_FREE;
	}
}
