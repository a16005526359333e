/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * tlb.c - the physical SMMU's TLB: PTLB_ENTRIES fully associative entries,
 * round-robin replacement, tagged with VMID and ASID (or global), holding
 * combined stage-1 + stage-2 results; and a walk cache of PWC_ENTRIES
 * stage-1 table descriptors (tagged with VMID and ASID), from which a TLB
 * miss resumes its walk. Each invalidation removes exactly the entries the
 * command names and no more (4.4: over-invalidation is permitted, but a
 * model that does it hides a hypervisor that under-invalidates): a TLBI by
 * VA with Leaf=1 leaves the walk cache alone, TG and TTL narrow the scope.
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
	t->e[slot].serial = ++t->serial;
}

static bool wc_covers(const struct wc_ent *w, uint64_t va)
{
	return ((va ^ w->va) >> w->shift) == 0;
}

const struct wc_ent *wc_lookup(struct tlb *t, enum tlb_kind kind, uint16_t vmid, uint16_t asid,
			       unsigned gshift, unsigned insize, uint64_t va)
{
	const struct wc_ent *best = NULL;

	for (unsigned i = 0; i < PWC_ENTRIES; i++) {
		const struct wc_ent *w = &t->w[i];

		if (w->kind == kind && w->vmid == vmid && w->asid == asid && w->gshift == gshift &&
		    w->insize == insize && wc_covers(w, va) && (!best || w->level > best->level))
			best = w;
	}
	if (best)
		t->whits++;
	return best;
}

void wc_insert(struct tlb *t, const struct wc_ent *e)
{
	unsigned slot = PWC_ENTRIES;

	for (unsigned i = 0; i < PWC_ENTRIES; i++) {
		struct wc_ent *x = &t->w[i];

		if (x->kind == e->kind && x->vmid == e->vmid && x->asid == e->asid &&
		    x->gshift == e->gshift && x->insize == e->insize && x->level == e->level &&
		    wc_covers(x, e->va)) {
			slot = i;       /* the same descriptor, read again */
			break;
		}
		if (x->kind == TLB_FREE && slot == PWC_ENTRIES)
			slot = i;
	}
	if (slot == PWC_ENTRIES) {
		slot = t->wnext;
		t->wnext = (t->wnext + 1) % PWC_ENTRIES;
	}
	t->w[slot] = *e;
	t->w[slot].va &= ~((UINT64_C(1) << e->shift) - 1);
	t->w[slot].serial = ++t->serial;
}

void tlb_inv_all(struct tlb *t)
{
	for (unsigned i = 0; i < PTLB_ENTRIES; i++)
		t->e[i].kind = TLB_FREE;
	for (unsigned i = 0; i < PWC_ENTRIES; i++)
		t->w[i].kind = TLB_FREE;
}

void tlb_inv_vmid(struct tlb *t, uint16_t vmid, bool s1_only)
{
	for (unsigned i = 0; i < PTLB_ENTRIES; i++) {
		struct tlb_ent *e = &t->e[i];

		if (e->kind != TLB_FREE && e->vmid == vmid && (!s1_only || e->kind != TLB_S2))
			e->kind = TLB_FREE;
	}
	for (unsigned i = 0; i < PWC_ENTRIES; i++)
		if (t->w[i].kind != TLB_FREE && t->w[i].vmid == vmid)
			t->w[i].kind = TLB_FREE;
}

void tlb_inv_asid(struct tlb *t, uint16_t vmid, uint16_t asid)
{
	for (unsigned i = 0; i < PTLB_ENTRIES; i++) {
		struct tlb_ent *e = &t->e[i];

		if (e->kind != TLB_FREE && e->kind != TLB_S2 && e->vmid == vmid && !e->global &&
		    e->asid == asid)
			e->kind = TLB_FREE;
	}
	/* Table descriptors have no nG: a walk cache entry always has its ASID. */
	for (unsigned i = 0; i < PWC_ENTRIES; i++)
		if (t->w[i].kind != TLB_FREE && t->w[i].vmid == vmid && t->w[i].asid == asid)
			t->w[i].kind = TLB_FREE;
}

/* Does [base, base + 2^shift) overlap [q->va, q->last]? */
static bool overlaps(uint64_t base, unsigned shift, const struct tlbi_va *q)
{
	uint64_t last = base + ((UINT64_C(1) << shift) - 1);

	return q->va <= last && q->last >= base;
}

void tlb_inv_va(struct tlb *t, const struct tlbi_va *q)
{
	for (unsigned i = 0; i < PTLB_ENTRIES; i++) {
		struct tlb_ent *e = &t->e[i];
		unsigned s1shift = (unsigned)__builtin_popcountll(~e->s1mask);

		if (e->kind == TLB_FREE || e->kind == TLB_S2 || e->vmid != q->vmid)
			continue;
		if (q->asid >= 0 && !e->global && e->asid != (uint16_t)q->asid)
			continue;
		if ((q->gshift && e->gshift != q->gshift) || (q->ttl && e->level != q->ttl))
			continue;
		if (overlaps(e->va & e->s1mask, s1shift, q))
			e->kind = TLB_FREE;
	}
	if (q->leaf)
		return;         /* Leaf=1: only last-level entries are required */
	for (unsigned i = 0; i < PWC_ENTRIES; i++) {
		struct wc_ent *w = &t->w[i];

		if (w->kind == TLB_FREE || w->vmid != q->vmid)
			continue;
		if (q->asid >= 0 && w->asid != (uint16_t)q->asid)
			continue;
		/* TTL: table descriptors of the levels above the leaf's. */
		if ((q->gshift && w->gshift != q->gshift) || (q->ttl && w->level >= q->ttl))
			continue;
		if (overlaps(w->va, w->shift, q))
			w->kind = TLB_FREE;
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
