/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * oracle_vmid.h - I10 across VMID reuse: a destroyed guest's VMID must be
 * retired on every physical SMMU it used before another guest with that
 * VMID translates anything there (docs/invariants.md, I10).
 *
 * Observed, not trusted: the physical SMMU's own execution of commands
 * (plat_observer.on_phys_cmd_done, for the commands it consumed) and every walk or DMA a physical SMMU
 * performs (a guest can have TLB entries only where it translated). Retired on psmmu P means: since the guest
 * last translated on P, P executed TLBI_S12_VMALL(VMID) (or TLBI_NSNH_ALL)
 * without error and then a CMD_SYNC without error. A fenced SMMU
 * translates nothing, so it never reaches the check.
 *
 * Plain data, one fixed-size struct (embedded in struct oracle).
 */
#ifndef VSMMU_FUZZ_ORACLE_VMID_H
#define VSMMU_FUZZ_ORACLE_VMID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "inject/platform.h"

#define ORC_VMID_DEAD 32u   /* destroyed guests remembered while not retired */

struct orc_vmid_live {
	bool live;
	uint16_t vmid;
	uint8_t used;        /* bit p: translated on psmmu p (may have TLB entries there) */
	uint8_t retired;     /* bit p: S12_VMALL then SYNC done since it last translated there */
	uint8_t inv;         /* bit p: S12_VMALL done, no SYNC yet */
};

struct orc_vmid_dead {
	bool valid;
	uint16_t vmid;
	uint8_t pending;     /* bit p: not yet retired on psmmu p */
	uint8_t inv;
};

struct orc_vmid {
	struct orc_vmid_live g[PLAT_MAX_GUESTS];
	struct orc_vmid_dead d[ORC_VMID_DEAD];
	unsigned next;       /* round-robin slot when d[] is full */
};

void orc_vmid_created(struct orc_vmid *m, int g, uint16_t vmid);
void orc_vmid_destroyed(struct orc_vmid *m, int g);
/* A physical SMMU executed cmd (cerror 0) or skipped it (cerror != 0). */
void orc_vmid_cmd_done(struct orc_vmid *m, unsigned psmmu, const uint64_t cmd[CMD_DWORDS],
		       unsigned cerror);
/* Guest g's stream on psmmu translates (a walk or DMA). True, with why
 * filled, when a destroyed guest with g's VMID is not retired there (for
 * every such access until it is). */
bool orc_vmid_translates(struct orc_vmid *m, int g, unsigned psmmu, char *why, size_t len);

#endif /* VSMMU_FUZZ_ORACLE_VMID_H */
