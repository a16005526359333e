/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * hostmem.c - sparse host physical memory of one world.
 *
 * 4 KiB pages materialise on the first write (reads of untouched memory
 * return zeros), held in an open-addressing hash keyed by page number. Each
 * owner has its own quota of touched pages (a guest its RAM, at most
 * HM_GUEST_MAX_PAGES, as its options say; the hypervisor its own regions,
 * HM_HYP_MAX_PAGES), so
 * a guest that fills its quota fails only writes to its own RAM. Every
 * access that the oracle cares about goes through hm_access(), which
 * reports it to the observer first. The
 * hypervisor's stage-2 tables and the physical stream tables are covered by
 * an additive word hash kept up to date on every write (plat_hyp_digest).
 */
#include <stdlib.h>
#include <string.h>

#include "inject/internal.h"
#include "inject/snapshot.h"

void hm_init(struct hostmem *h)
{
	memset(h, 0, sizeof(*h));
}

void hm_fini(struct hostmem *h)
{
	for (uint32_t i = 0; i < h->cap; i++)
		if (h->keys[i])
			wheap_free(h->heap, h->vals[i]);
	wheap_free(h->heap, h->keys);
	wheap_free(h->heap, h->vals);
	memset(h, 0, sizeof(*h));
}

static uint32_t hm_hash(uint64_t key)
{
	key *= UINT64_C(0x9E3779B97F4A7C15);
	return (uint32_t)(key >> 32);
}

static struct hm_page *hm_find(struct hostmem *h, uint64_t pfn)
{
	uint64_t key = pfn + 1;

	if (h->last_key == key)
		return h->last;
	if (!h->cap)
		return NULL;
	for (uint32_t i = hm_hash(key) & (h->cap - 1);; i = (i + 1) & (h->cap - 1)) {
		if (h->keys[i] == key) {
			h->last_key = key;
			h->last = h->vals[i];
			return h->vals[i];
		}
		if (!h->keys[i])
			return NULL;
	}
}

static void hm_put(struct hostmem *h, uint64_t key, struct hm_page *pg)
{
	uint32_t i = hm_hash(key) & (h->cap - 1);

	while (h->keys[i])
		i = (i + 1) & (h->cap - 1);
	h->keys[i] = key;
	h->vals[i] = pg;
}

static int hm_grow(struct hostmem *h)
{
	uint32_t ncap = h->cap ? h->cap * 2 : 64;
	uint64_t *ok = h->keys;
	struct hm_page **ov = h->vals;
	uint32_t ocap = h->cap;

	h->keys = wheap_alloc(h->heap, ncap * sizeof(*h->keys), true, false);
	h->vals = wheap_alloc(h->heap, ncap * sizeof(*h->vals), true, false);
	if (!h->keys || !h->vals) {
		wheap_free(h->heap, h->keys);
		wheap_free(h->heap, h->vals);
		h->keys = ok;
		h->vals = ov;
		return -1;
	}
	h->cap = ncap;
	for (uint32_t i = 0; i < ocap; i++)
		if (ok[i])
			hm_put(h, ok[i], ov[i]);
	wheap_free(h->heap, ok);
	wheap_free(h->heap, ov);
	return 0;
}

/* The page, materialised if new and the owner's quota (*count < cap) allows. */
static struct hm_page *hm_touch(struct hostmem *h, uint64_t pfn, uint32_t *count, uint32_t cap)
{
	struct hm_page *pg = hm_find(h, pfn);

	if (pg)
		return pg;
	if (*count >= cap)
		return NULL;
	if ((h->used + 1) * 2 > h->cap && hm_grow(h))
		return NULL;
	/* Tracked: hm_copy reports every write, so a restore copies back
	 * only the pages an input wrote. */
	pg = wheap_alloc(h->heap, sizeof(*pg), true, true);
	if (!pg)
		return NULL;
	hm_put(h, pfn + 1, pg);
	h->used++;
	(*count)++;
	h->last_key = pfn + 1;
	h->last = pg;
	return pg;
}

size_t hm_pages(const struct platform *p)
{
	return p->hm.used;
}

bool hm_any_page(const struct platform *p, uint64_t hpa, size_t len)
{
	struct hostmem *h = (struct hostmem *)(uintptr_t)&p->hm;   /* hm_find's one-entry cache */
	uint64_t last;

	if (len == 0)
		return false;
	last = hpa + len - 1 < hpa ? UINT64_MAX >> HM_PAGE_SHIFT : (hpa + len - 1) >> HM_PAGE_SHIFT;
	for (uint64_t pfn = hpa >> HM_PAGE_SHIFT; pfn <= last; pfn++)
		if (hm_find(h, pfn))
			return true;
	return false;
}

/* ---- memory map ------------------------------------------------------------ */
enum hm_region hm_region_of(const struct platform *p, uint64_t hpa, uint64_t len, int *guest)
{
	uint64_t end = hpa + len;

	if (guest)
		*guest = -1;
	if (end < hpa || len == 0)
		return HM_HOLE;
	if (hpa >= HYP_S2_BASE && end <= HYP_S2_BASE + HYP_S2_SIZE)
		return HM_HYP_S2;
	if (hpa >= HYP_Q_BASE && end <= HYP_Q_BASE + HYP_Q_SIZE)
		return HM_HYP_Q;
	if (hpa >= STRTAB_REGION) {
		for (unsigned n = 0; n < PLAT_MAX_PSMMU; n++) {
			const struct psmmu *ps = p->ps[n];

			if (ps && hpa >= ps->strtab &&
			    end <= ps->strtab + (UINT64_C(64) << ps->sidsize))
				return HM_STRTAB;
		}
		return HM_HOLE;
	}
	if (hpa >= RAM_BASE) {
		for (unsigned gi = 0; gi < PLAT_MAX_GUESTS; gi++) {
			const struct plat_guest *g = p->g[gi];

			if (!g)
				continue;
			for (unsigned r = 0; r < g->nranges; r++)
				if (hpa >= g->ram[r].hpa && end <= g->ram[r].hpa + g->ram[r].size) {
					if (guest)
						*guest = (int)gi;
					return HM_RAM;
				}
		}
	}
	return HM_HOLE;
}

/* ---- digest ---------------------------------------------------------------- */
static uint64_t mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= UINT64_C(0xff51afd7ed558ccd);
	x ^= x >> 33;
	x *= UINT64_C(0xc4ceb9fe1a85ec53);
	x ^= x >> 33;
	return x;
}

static uint64_t word_contrib(uint64_t addr, uint64_t val)
{
	return val ? mix64(addr ^ mix64(val + UINT64_C(0x9E3779B97F4A7C15))) : 0;
}

uint64_t hm_digest_contrib(struct platform *p, uint64_t hpa, size_t len)
{
	uint64_t s = 0, a = hpa & ~UINT64_C(7), end = hpa + len;

	while (a < end) {
		uint64_t pend = (a | (HM_PAGE_SIZE - 1)) + 1;
		struct hm_page *pg = hm_find(&p->hm, a >> HM_PAGE_SHIFT);

		if (pend > end)
			pend = end;
		if (pg) {
			for (; a < pend; a += 8) {
				uint64_t v;

				memcpy(&v, pg->b + (a & (HM_PAGE_SIZE - 1)), 8);
				s += word_contrib(a, v);
			}
		}
		a = (pend + 7) & ~UINT64_C(7);
	}
	return s;
}

/* ---- access ---------------------------------------------------------------- */
/* Whose quota a new page of region r (guest gi's RAM, else the hypervisor's)
 * comes from. */
static uint32_t *hm_quota(struct platform *p, enum hm_region r, int gi, uint32_t *cap)
{
	if (r == HM_RAM && gi >= 0 && (unsigned)gi < PLAT_MAX_GUESTS && p->g[gi]) {
		*cap = p->g[gi]->opts.max_pages;   /* <= HM_GUEST_MAX_PAGES */
		return &p->g[gi]->ram_pages;
	}
	*cap = HM_HYP_MAX_PAGES;
	return &p->hm.hyp_pages;
}

static int hm_copy(struct platform *p, uint64_t hpa, void *buf, size_t len, bool write,
		   enum hm_region r, int gi)
{
	bool digest = r == HM_HYP_S2 || r == HM_STRTAB;
	uint32_t cap, *count = hm_quota(p, r, gi, &cap);
	uint8_t *b = buf;
	uint64_t before = 0, h0 = hpa;
	size_t l0 = len;

	if (write && digest)
		before = hm_digest_contrib(p, hpa, len);
	if (write && r == HM_STRTAB)
		p->streams_gen++;   /* a physical STE may change (plat_streams_gen) */
	while (len) {
		uint64_t off = hpa & (HM_PAGE_SIZE - 1);
		size_t n = HM_PAGE_SIZE - off;
		struct hm_page *pg;

		if (n > len)
			n = len;
		if (write) {
			pg = hm_touch(&p->hm, hpa >> HM_PAGE_SHIFT, count, cap);
			if (!pg)
				return -1;
			wheap_touch(p->hm.heap, pg);
			memcpy(pg->b + off, b, n);
		} else {
			pg = hm_find(&p->hm, hpa >> HM_PAGE_SHIFT);
			if (pg)
				memcpy(b, pg->b + off, n);
			else
				memset(b, 0, n);
		}
		b += n;
		hpa += n;
		len -= n;
	}
	if (write && digest)
		p->hm.digest_sum += hm_digest_contrib(p, h0, l0) - before;
	return 0;
}

/* The observer sees every access, after the copy (so a read's data is what
 * was read); a failed access is observed with data NULL. */
int hm_access(struct platform *p, const struct plat_access *a, void *buf)
{
	int gi;
	enum hm_region r = hm_region_of(p, a->hpa, a->len, &gi);
	int rc = r == HM_HOLE ? -1 : hm_copy(p, a->hpa, buf, a->len, a->write, r, gi);

	{
		struct plat_access seen = *a;

		seen.data = rc == 0 ? buf : NULL;
		PLAT_NOTIFY(p, on_access, &seen);
	}
	return rc;
}

int hm_raw(struct platform *p, uint64_t hpa, void *buf, size_t len, bool write)
{
	int gi;
	enum hm_region r = hm_region_of(p, hpa, len, &gi);

	if (r == HM_HOLE)
		return -1;
	return hm_copy(p, hpa, buf, len, write, r, gi);
}
