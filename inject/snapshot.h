/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * snapshot.h - the world heap: every allocation of one snapshottable world
 * (platform, host memory pages, physical SMMU models, libvsmmu's objects,
 * the oracle, the executor's state) comes from one struct wheap, so that
 * the whole world can be captured once and restored per fuzz input without
 * any component knowing about snapshots (docs/performance.md).
 *
 * Blocks are ordinary malloc blocks behind a small header, so ASan still
 * sees every block with its redzones. wheap_snapshot() turns every live
 * block into a "base" block and copies its contents into one image;
 * wheap_restore() then
 *  - recycles every block allocated since (young blocks: kept, poisoned,
 *    for later inputs; never reused within the input that freed them),
 *  - brings back base blocks freed since (they were only poisoned: a use
 *    after free is still reported by ASan),
 *  - copies back every untracked base block (the models' structs: small),
 *    every tracked base block written since (host memory pages, whose
 *    writers call wheap_touch) and the used front of every grown block
 *    (wheap_grow), so restoring costs the models' size plus what the last
 *    input dirtied, with no allocation.
 * A NULL heap means plain malloc/calloc/free (a fresh, unsnapshottable
 * world, as exec_prog builds), so the same code serves both.
 *
 * Every pointer stored in a block that points to a block of the same heap
 * stays valid across restore (blocks never move). Pointers to memory
 * outside the heap must be to things that outlive the world and do not
 * change (the prologue program, the caller's options).
 */
#ifndef VSMMU_INJECT_SNAPSHOT_H
#define VSMMU_INJECT_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct wheap;

struct wheap *wheap_create(void);
/* Free every block (base, young, freed or not) and the heap. */
void wheap_destroy(struct wheap *h);

/* zero: calloc semantics, else malloc's. tracked: restore copies the block
 * back only after wheap_touch (its owner reports every write). NULL on
 * allocation failure. h may be NULL (plain malloc). */
void *wheap_alloc(struct wheap *h, size_t size, bool zero, bool tracked);
void wheap_free(struct wheap *h, void *ptr);
/* realloc for blocks of h (untracked); NULL on failure, ptr unchanged. */
void *wheap_realloc(struct wheap *h, void *ptr, size_t size);
/* The owner of a tracked block is about to write to it. */
void wheap_touch(struct wheap *h, void *ptr);

/* A "grown" block (zeroed): an array filled from the front whose owner
 * writes only below a high-water mark and raises the mark first with
 * wheap_grow(h, ptr, end) (the oracle's assignment and watch tables, the
 * per-guest state indexed by guest slot). A restore copies back only
 * [0, mark) and puts the mark back where the snapshot found it, so it
 * costs what the snapshot and the input used, not the block's size. */
void *wheap_alloc_grown(struct wheap *h, size_t size);
void wheap_grow(struct wheap *h, void *ptr, size_t end);

/* Checking mode (the snapshot tests): every restore first compares with
 * the snapshot each tracked block not touched and each grown block above
 * its mark; every difference (a write its owner did not report, which a
 * restore would leave behind) is counted in wheap_stats.unreported (and
 * the first one printed). Set at wheap_create when the environment has
 * VSMMU_WHEAP_VERIFY. */
void wheap_set_verify(struct wheap *h, bool on);

/* Capture every live block. 0, or -1 (allocation failure, or a snapshot
 * exists already). */
int wheap_snapshot(struct wheap *h);
/* Back to the snapshot (no-op without one). */
void wheap_restore(struct wheap *h);

struct wheap_stats {
	size_t base_blocks, base_bytes;        /* captured */
	size_t untracked_bytes;                /* copied by every restore (grown: the snapshot's marks) */
	size_t grown_blocks;
	size_t young_blocks;                   /* allocated since the snapshot / last restore */
	size_t dirty_blocks;                   /* tracked blocks written or freed since */
	uint64_t restores;
	size_t pooled_bytes;                   /* recycled young blocks waiting for reuse */
	size_t last_restore_bytes;             /* copied by the latest restore */
	uint64_t unreported;                   /* wheap_set_verify: unreported writes found */
};
void wheap_get_stats(const struct wheap *h, struct wheap_stats *s);

#endif /* VSMMU_INJECT_SNAPSHOT_H */
