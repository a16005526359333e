/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * peek.c - vsmmu_mmio_peek(): a register as the guest would read it, without
 * a trap. Not a call into the vSMMU: no statistics, no work accounting
 * (a peek between a call and the caller's look at vsmmu_get_stats() would
 * otherwise reset last_call_work), nothing changes. Its own file so that
 * fuzzing builds can leave it uninstrumented (fuzz/coverage-ignore.txt).
 */
#include "vsmmu/regs_read.h"

uint64_t vsmmu_mmio_peek(const struct vsmmu *v, uint64_t offset, unsigned size)
{
	return reg_read(v, offset, size);
}
