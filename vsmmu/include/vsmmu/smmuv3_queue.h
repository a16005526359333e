/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * smmuv3_queue.h - SMMUv3 circular queue arithmetic (spec 3.5), once for
 * every side that drives or checks a queue: libvsmmu's guest command and
 * event queues, the physical SMMU models' queues (inject/), the guest
 * driver of the executor, the oracle and the reference model. Not
 * installed (like smmuv3_regs.h).
 *
 * A queue of 2^qs entries has PROD and CONS values whose bits [qs-1:0] are
 * the index and bit qs the wrap flag; bits above are not part of the
 * position (the registers' flags live there: CMDQ_CONS.ERR, OVFLG...).
 * Empty: index and wrap equal. Full: index equal, wrap different. qs is
 * at most SMMU_QUEUE_LOG2_MAX (19), so every shift here is below 32.
 */
#ifndef VSMMU_SMMUV3_QUEUE_H
#define VSMMU_SMMUV3_QUEUE_H

#include <stdbool.h>
#include <stdint.h>

#include "vsmmu/smmuv3_regs.h"

/* Index and wrap bits, [qs:0]. */
static inline uint32_t vs_q_mask(unsigned qs) { return (uint32_t)VS_GENMASK(qs, 0); }
/* The index, [qs-1:0]. */
static inline uint32_t vs_q_idx(uint32_t p, unsigned qs) { return p & (vs_q_mask(qs) >> 1); }
/* The wrap flag, bit qs. */
static inline uint32_t vs_q_wrap(uint32_t p, unsigned qs) { return p & (uint32_t)VS_BIT(qs); }

static inline bool vs_q_empty(uint32_t p, uint32_t c, unsigned qs)
{
	return ((p ^ c) & vs_q_mask(qs)) == 0;
}

static inline bool vs_q_full(uint32_t p, uint32_t c, unsigned qs)
{
	return ((p ^ c) & vs_q_mask(qs)) == (uint32_t)VS_BIT(qs);
}

/* The next position (index and wrap; the bits above are dropped). */
static inline uint32_t vs_q_inc(uint32_t p, unsigned qs) { return (p + 1u) & vs_q_mask(qs); }

/* Entries from position `from` up to `to` (0 .. 2^qs). */
static inline uint32_t vs_q_dist(uint32_t from, uint32_t to, unsigned qs)
{
	return (to - from) & vs_q_mask(qs);
}

/* The queue's LOG2SIZE as the SMMU uses it: the BASE register's field,
 * capped at what IDR1 advertises for that queue (max) and at the
 * architecture's 19. */
static inline unsigned vs_q_log2size(uint64_t base_reg, unsigned max)
{
	unsigned qs = (unsigned)VS_FIELD_GET(Q_BASE_LOG2SIZE, base_reg);

	if (max > SMMU_QUEUE_LOG2_MAX)
		max = SMMU_QUEUE_LOG2_MAX;
	return qs < max ? qs : max;
}

/* The effective base address: ADDR aligned to the queue's size in bytes
 * (2^qs entries of 2^entry_shift bytes), at least 32 (spec 6.3.26, 6.3.29). */
static inline uint64_t vs_q_base(uint64_t base_reg, unsigned qs, unsigned entry_shift)
{
	unsigned bits = qs + entry_shift < 5 ? 5 : qs + entry_shift;

	return base_reg & Q_BASE_ADDR & ~VS_GENMASK(bits - 1, 0);
}

/* Address of the entry at position p. */
static inline uint64_t vs_q_entry(uint64_t base, uint32_t p, unsigned qs, unsigned entry_shift)
{
	return base + ((uint64_t)vs_q_idx(p, qs) << entry_shift);
}

#endif /* VSMMU_SMMUV3_QUEUE_H */
