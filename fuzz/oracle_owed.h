/*
 * oracle_owed.h - I11 per guest: a physical command of guest G that the
 * physical SMMU skipped with an error is G's failure. By the time G's next
 * CMD_SYNC completes successfully, the lost work must have been re-done -
 * an equal or wider command for G executed without error on that SMMU
 * (TLB work: TLBI_NH_ALL or TLBI_S12_VMALL of G's VMID, TLBI_NSNH_ALL;
 * StreamID work: CFGI_STE or CFGI_STE_RANGE covering the pSID) and then a
 * CMD_SYNC executed there without error - or G's CMD_SYNC must end in an
 * error (CERROR_ABT). A failure blamed on whoever syncs next leaves G's
 * SYNC successful with nothing re-done: caught here.
 *
 * Observed: the physical SMMU's execution of each command and its sender
 * (plat_observer.on_phys_done). The moment of judgement is the guest's
 * CMD_SYNC as libvsmmu traces it (VSMMU_TRACE_CMD); a general,
 * trace-independent I11 belongs to the main oracle.
 *
 * Plain data, one fixed-size struct (embedded in struct oracle).
 */
#ifndef VSMMU_FUZZ_ORACLE_OWED_H
#define VSMMU_FUZZ_ORACLE_OWED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "inject/platform.h"

#define ORC_OWED_ITEMS 8u   /* failures remembered per guest and SMMU (more: not judged) */

struct orc_owed_item {
	bool tlb;            /* TLB work (else StreamID work on sid) */
	bool redone;         /* a covering command executed; waits for a SYNC */
	uint8_t op;
	uint32_t sid;
};

struct orc_owed_psmmu {
	uint8_t n;
	struct orc_owed_item it[ORC_OWED_ITEMS];
};

struct orc_owed_guest {
	bool live;
	uint16_t vmid;
	struct orc_owed_psmmu p[PLAT_MAX_PSMMU];
};

struct orc_owed {
	struct orc_owed_guest g[PLAT_MAX_GUESTS];
};

void orc_owed_created(struct orc_owed *m, int g, uint16_t vmid);
void orc_owed_destroyed(struct orc_owed *m, int g);
/* g no longer owns physical stream (psmmu, psid): its StreamID work there
 * is judged by I10 now. */
void orc_owed_released(struct orc_owed *m, int g, unsigned psmmu, uint32_t psid);
void orc_owed_cmd_done(struct orc_owed *m, int g, unsigned psmmu, const uint64_t cmd[CMD_DWORDS],
		       unsigned cerror);
/* g's own CMD_SYNC completed (cerror 0) or failed. True, with why filled,
 * when it completed with lost work not re-done. */
bool orc_owed_guest_sync(struct orc_owed *m, int g, unsigned cerror, char *why, size_t len);

#endif /* VSMMU_FUZZ_ORACLE_OWED_H */
