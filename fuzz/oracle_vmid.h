/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * oracle_vmid.h - I10, VMID retirement: before vsmmu_destroy returns, a
 * guest's VMID is retired on every physical SMMU where it may have TLB
 * entries, so a new guest given that VMID at once can never hit them
 * (docs/invariants.md, I10).
 *
 * Observed, not trusted: the physical SMMU's own execution of commands
 * (plat_observer.on_phys_cmd_done, for the commands it consumed) and every
 * walk or DMA a physical SMMU performs (a guest can have TLB entries only
 * where it translated). Retired on psmmu P means: since the guest last
 * translated on P, P executed TLBI_S12_VMALL(VMID) (or TLBI_NSNH_ALL)
 * without error and then a CMD_SYNC without error.
 *
 * Until 3 Dec 2026 this was judged only when a later guest with the same
 * VMID translated on P: a retirement missing at destroy went unseen unless
 * the input also reused the VMID there. Judged at destroy, every input
 * whose guest translated checks it, at the latest at its teardown; the
 * reuse check could no longer fire (a VMID not retired is reported at its
 * destroy, and a fenced SMMU translates nothing) and went.
 *
 * Plain data, one fixed-size struct (embedded in struct oracle).
 */
#ifndef VSMMU_FUZZ_ORACLE_VMID_H
#define VSMMU_FUZZ_ORACLE_VMID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "inject/platform.h"

struct orc_vmid_live {
	bool live;
	uint16_t vmid;
	uint8_t used;        /* bit p: translated on psmmu p (may have TLB entries there) */
	uint8_t retired;     /* bit p: S12_VMALL then SYNC done since it last translated there */
	uint8_t inv;         /* bit p: S12_VMALL done, no SYNC yet */
};

struct orc_vmid {
	struct orc_vmid_live g[PLAT_MAX_GUESTS];
};

void orc_vmid_created(struct orc_vmid *m, int g, uint16_t vmid);
/* Guest g was destroyed (vsmmu_destroy has returned). Returns the physical
 * SMMUs where its VMID is not retired: it may still have TLB entries there. */
uint8_t orc_vmid_destroyed(struct orc_vmid *m, int g);
/* A physical SMMU executed cmd (cerror 0) or skipped it (cerror != 0). */
void orc_vmid_cmd_done(struct orc_vmid *m, unsigned psmmu, const uint64_t cmd[CMD_DWORDS],
		       unsigned cerror);
/* Guest g's stream on psmmu translated (a walk or DMA): it may have TLB
 * entries there now, and retirement there starts over. */
void orc_vmid_translated(struct orc_vmid *m, int g, unsigned psmmu);

#endif /* VSMMU_FUZZ_ORACLE_VMID_H */
