/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * snapshot.c - the world heap (snapshot.h): block registry, one-time
 * capture, per-input restore with dirty tracking of tracked blocks.
 */
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inject/poison.h"
#include "inject/snapshot.h"

/* Young blocks are recycled, never given back to malloc: a restore puts
 * them on a free list of their size class (capacity 1 << cls), poisoned.
 * A block freed during an input is not reused before the input ends (it
 * waits on h->pending, poisoned), so a use after free within an input is
 * still an ASan report; across inputs nothing can point to it, since the
 * restored world only points to base blocks. This keeps malloc, free and
 * ASan's quarantine (which would grow the RSS by every input's garbage)
 * out of the per-input path. */
#define WHEAP_MIN_CLS 4u
#define WHEAP_NCLS    48u

/* What a restore copies back of a base block. */
enum { BK_UNTRACKED, BK_TRACKED, BK_GROWN };

/* In front of every block; sized so that the payload keeps malloc's
 * alignment. */
struct blk {
	size_t size;          /* requested; [size, 1 << cls) stays poisoned */
	struct blk *next;     /* h->pending or a free list */
	uint32_t idx;         /* index in base[] or young[] */
	uint8_t cls;          /* capacity 1 << cls */
	uint8_t base;         /* captured by the snapshot */
	uint8_t kind;         /* BK_*: what a restore copies back */
	uint8_t dirty;        /* in dirty[] (tracked: written; any: freed) */
	uint8_t dead;         /* base block freed since the snapshot (poisoned) */
	uint8_t pending;      /* young block freed, on h->pending (poisoned) */
	size_t mark;          /* BK_GROWN: [0, mark) may have been written */
	size_t mark_snap;     /* ... mark at the snapshot */
	alignas(max_align_t) unsigned char payload[];
};

struct wheap {
	struct blk **young;
	size_t nyoung, capyoung;
	struct blk **base;
	size_t *off;          /* base block i's contents at image + off[i] */
	size_t nbase;
	unsigned char *image;
	size_t image_len;
	uint32_t *untracked;  /* base blocks every restore copies */
	size_t nuntracked, untracked_bytes;
	uint32_t *grown;      /* grown base blocks (copied up to their marks) */
	size_t ngrown, grown_bytes;
	uint32_t *dirty;      /* base blocks to copy back besides those */
	size_t ndirty;
	struct blk *pending;  /* young blocks freed since the last restore */
	struct blk *pool[WHEAP_NCLS];   /* recyclable blocks by size class */
	size_t pooled_bytes;
	bool snapped;
	bool verify;          /* wheap_set_verify */
	uint64_t restores, unreported;
	size_t last_restore_bytes;
};

static struct blk *hdr(void *ptr)
{
	return (struct blk *)((unsigned char *)ptr - offsetof(struct blk, payload));
}

struct wheap *wheap_create(void)
{
	struct wheap *h = calloc(1, sizeof(struct wheap));

	/* Also from the environment, so that a fuzz target can run its
	 * mutated inputs in checking mode (docs/performance.md). */
	if (h && getenv("VSMMU_WHEAP_VERIFY"))
		h->verify = true;
	return h;
}

static void free_blk(struct blk *b)
{
	UNPOISON(b->payload, (size_t)1 << b->cls);
	free(b);
}

static unsigned size_cls(size_t size)
{
	unsigned c = WHEAP_MIN_CLS;

	while (c < WHEAP_NCLS - 1 && ((size_t)1 << c) < size)
		c++;
	return c;
}

static void free_list(struct blk *b)
{
	while (b) {
		struct blk *n = b->next;

		free_blk(b);
		b = n;
	}
}

void wheap_destroy(struct wheap *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->nyoung; i++)
		free_blk(h->young[i]);
	free_list(h->pending);
	for (unsigned c = 0; c < WHEAP_NCLS; c++)
		free_list(h->pool[c]);
	for (size_t i = 0; i < h->nbase; i++)
		free_blk(h->base[i]);
	free(h->young);
	free(h->base);
	free(h->off);
	free(h->image);
	free(h->untracked);
	free(h->grown);
	free(h->dirty);
	free(h);
}

static void *alloc_kind(struct wheap *h, size_t size, bool zero, uint8_t kind)
{
	struct blk *b;
	unsigned cls;

	if (!h)
		return zero ? calloc(1, size ? size : 1) : malloc(size ? size : 1);
	cls = size_cls(size);
	if (((size_t)1 << cls) < size || ((size_t)1 << cls) > SIZE_MAX - sizeof(struct blk))
		return NULL;
	if (h->nyoung == h->capyoung) {
		size_t ncap = h->capyoung ? h->capyoung * 2 : 64;
		struct blk **n = realloc(h->young, ncap * sizeof(*n));

		if (!n)
			return NULL;
		h->young = n;
		h->capyoung = ncap;
	}
	b = h->pool[cls];
	if (b) {
		h->pool[cls] = b->next;
		h->pooled_bytes -= (size_t)1 << cls;
		UNPOISON(b->payload, size);
		/* malloc's contents under ASan (malloc_fill_byte), so that a
		 * recycled block reads as a fresh one would. */
		memset(b->payload, zero ? 0 : 0xbe, size);
	} else {
		b = malloc(sizeof(*b) + ((size_t)1 << cls));
		if (!b)
			return NULL;
		if (zero)
			memset(b->payload, 0, size);
		POISON(b->payload + size, ((size_t)1 << cls) - size);
	}
	b->next = NULL;
	b->cls = (uint8_t)cls;
	b->size = size;
	b->idx = (uint32_t)h->nyoung;
	b->base = 0;
	b->kind = kind;
	b->mark = 0;
	b->mark_snap = 0;
	b->dirty = 0;
	b->dead = 0;
	b->pending = 0;
	h->young[h->nyoung++] = b;
	return b->payload;
}

void *wheap_alloc(struct wheap *h, size_t size, bool zero, bool tracked)
{
	return alloc_kind(h, size, zero, tracked ? BK_TRACKED : BK_UNTRACKED);
}

void *wheap_alloc_grown(struct wheap *h, size_t size)
{
	return alloc_kind(h, size, true, BK_GROWN);
}

void wheap_grow(struct wheap *h, void *ptr, size_t end)
{
	struct blk *b;

	if (!h || !ptr)
		return;
	b = hdr(ptr);
	if (b->kind != BK_GROWN)
		return;
	if (end > b->size)
		end = b->size;
	if (end > b->mark)
		b->mark = end;
}

void wheap_set_verify(struct wheap *h, bool on)
{
	if (h)
		h->verify = on;
}

static void mark_dirty(struct wheap *h, struct blk *b)
{
	if (b->dirty)
		return;
	b->dirty = 1;
	h->dirty[h->ndirty++] = b->idx;   /* sized nbase at snapshot: cannot overflow */
}

void wheap_free(struct wheap *h, void *ptr)
{
	struct blk *b;

	if (!h) {
		free(ptr);
		return;
	}
	if (!ptr)
		return;
	b = hdr(ptr);
	if (b->dead || b->pending) {
		/* What ASan reports for a plain free: the block stays ours, so
		 * the check is ours too. */
		fprintf(stderr, "wheap: double free of a world block (%zu bytes)\n", b->size);
		abort();
	}
	if (b->base) {
		/* Kept for the restore; poisoned so that a use after free is
		 * still an ASan report. */
		b->dead = 1;
		mark_dirty(h, b);
		POISON(b->payload, b->size);
		return;
	}
	h->young[b->idx] = h->young[--h->nyoung];
	h->young[b->idx]->idx = b->idx;
	POISON(b->payload, b->size);
	b->pending = 1;
	b->next = h->pending;
	h->pending = b;
}

/* Give a young block (live or pending) back to its free list, poisoned. */
static void recycle(struct wheap *h, struct blk *b)
{
	POISON(b->payload, b->size);
	b->pending = 0;
	b->next = h->pool[b->cls];
	h->pool[b->cls] = b;
	h->pooled_bytes += (size_t)1 << b->cls;
}

void *wheap_realloc(struct wheap *h, void *ptr, size_t size)
{
	void *n;

	if (!h)
		return realloc(ptr, size);
	if (!ptr)
		return wheap_alloc(h, size, false, false);
	n = wheap_alloc(h, size, false, false);
	if (!n)
		return NULL;
	memcpy(n, ptr, hdr(ptr)->size < size ? hdr(ptr)->size : size);
	wheap_free(h, ptr);
	return n;
}

void wheap_touch(struct wheap *h, void *ptr)
{
	struct blk *b;

	if (!h || !ptr)
		return;
	b = hdr(ptr);
	if (b->base && b->kind == BK_TRACKED)
		mark_dirty(h, b);
}

int wheap_snapshot(struct wheap *h)
{
	size_t len = 0, nu = 0, ng = 0;

	if (!h || h->snapped)
		return -1;
	for (size_t i = 0; i < h->nyoung; i++)
		len += h->young[i]->size;
	h->base = malloc((h->nyoung ? h->nyoung : 1) * sizeof(*h->base));
	h->off = malloc((h->nyoung ? h->nyoung : 1) * sizeof(*h->off));
	h->untracked = malloc((h->nyoung ? h->nyoung : 1) * sizeof(*h->untracked));
	h->grown = malloc((h->nyoung ? h->nyoung : 1) * sizeof(*h->grown));
	h->dirty = malloc((h->nyoung ? h->nyoung : 1) * sizeof(*h->dirty));
	h->image = malloc(len ? len : 1);
	if (!h->base || !h->off || !h->untracked || !h->grown || !h->dirty || !h->image) {
		free(h->base);
		free(h->off);
		free(h->untracked);
		free(h->grown);
		h->grown = NULL;
		free(h->dirty);
		free(h->image);
		h->base = NULL;
		h->off = NULL;
		h->untracked = NULL;
		h->dirty = NULL;
		h->image = NULL;
		return -1;
	}
	len = 0;
	h->untracked_bytes = 0;
	h->grown_bytes = 0;
	for (size_t i = 0; i < h->nyoung; i++) {
		struct blk *b = h->young[i];

		b->base = 1;
		b->idx = (uint32_t)i;
		b->dirty = 0;
		h->base[i] = b;
		h->off[i] = len;
		memcpy(h->image + len, b->payload, b->size);
		len += b->size;
		if (b->kind == BK_UNTRACKED) {
			h->untracked[nu++] = (uint32_t)i;
			h->untracked_bytes += b->size;
		} else if (b->kind == BK_GROWN) {
			b->mark_snap = b->mark;
			h->grown[ng++] = (uint32_t)i;
			h->grown_bytes += b->mark;
		}
	}
	h->nbase = h->nyoung;
	h->image_len = len;
	h->nuntracked = nu;
	h->ngrown = ng;
	h->nyoung = 0;
	h->ndirty = 0;
	h->snapped = true;
	return 0;
}

static void put_back(struct wheap *h, uint32_t i)
{
	struct blk *b = h->base[i];

	if (b->dead) {
		UNPOISON(b->payload, b->size);
		b->dead = 0;
	}
	memcpy(b->payload, h->image + h->off[i], b->size);
	h->last_restore_bytes += b->size;
	if (b->kind == BK_GROWN)
		b->mark = b->mark_snap;
}

/* wheap_set_verify: what this restore would not copy back must be as the
 * snapshot left it. A dead block is copied back whole, so it is skipped. */
static void verify_blocks(struct wheap *h)
{
	for (size_t i = 0; i < h->nbase; i++) {
		struct blk *b = h->base[i];
		size_t from;

		if (b->dead || (b->kind == BK_TRACKED && b->dirty))
			continue;
		if (b->kind == BK_TRACKED)
			from = 0;
		else if (b->kind == BK_GROWN)
			from = b->mark;
		else
			continue;
		if (from < b->size && memcmp(b->payload + from, h->image + h->off[i] + from, b->size - from)) {
			if (!h->unreported)
				fprintf(stderr, "wheap: a %s block of %zu bytes was written %s\n",
					b->kind == BK_TRACKED ? "tracked" : "grown", b->size,
					b->kind == BK_TRACKED ? "without wheap_touch" : "above its wheap_grow mark");
			h->unreported++;
		}
	}
}

void wheap_restore(struct wheap *h)
{
	if (!h || !h->snapped)
		return;
	if (h->verify)
		verify_blocks(h);
	h->last_restore_bytes = 0;
	for (size_t i = 0; i < h->nyoung; i++)
		recycle(h, h->young[i]);
	h->nyoung = 0;
	while (h->pending) {
		struct blk *b = h->pending;

		h->pending = b->next;
		recycle(h, b);
	}
	for (size_t k = 0; k < h->ndirty; k++) {
		struct blk *b = h->base[h->dirty[k]];

		/* tracked: written; any other kind: freed (an untracked one is
		 * put back below anyway) */
		if (b->kind != BK_UNTRACKED)
			put_back(h, h->dirty[k]);
		b->dirty = 0;
	}
	h->ndirty = 0;
	for (size_t k = 0; k < h->nuntracked; k++)
		put_back(h, h->untracked[k]);
	for (size_t k = 0; k < h->ngrown; k++) {
		struct blk *b = h->base[h->grown[k]];

		memcpy(b->payload, h->image + h->off[h->grown[k]], b->mark);
		h->last_restore_bytes += b->mark;
		b->mark = b->mark_snap;
	}
	h->restores++;
}

void wheap_get_stats(const struct wheap *h, struct wheap_stats *s)
{
	memset(s, 0, sizeof(*s));
	if (!h)
		return;
	s->base_blocks = h->nbase;
	s->base_bytes = h->image_len;
	s->untracked_bytes = h->untracked_bytes + h->grown_bytes;
	s->grown_blocks = h->ngrown;
	s->last_restore_bytes = h->last_restore_bytes;
	s->unreported = h->unreported;
	s->young_blocks = h->nyoung;
	s->dirty_blocks = h->ndirty;
	s->restores = h->restores;
	s->pooled_bytes = h->pooled_bytes;
}
