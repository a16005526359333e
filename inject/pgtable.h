/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pgtable.h - VMSAv8-64 translation table descriptor fields (stage 1 and
 * stage 2), named once for everything that builds or walks page tables: the
 * walker (ptw.c), the hypervisor's stage-2 builder (stage2.c), the
 * executor's `map` statement and the tests. Fields are masks for
 * VS_FIELD_GET / VS_FIELD_PREP (vsmmu/smmuv3_regs.h).
 *
 * Levels 0-2 hold table or block descriptors, level 3 page descriptors;
 * bit 1 distinguishes table (1) from block (0) below level 3 and must be 1
 * in a level-3 page. Output/next-table addresses occupy [47:granule shift]
 * (64K granule with a 52-bit OA: OA[51:48] in [15:12]).
 */
#ifndef VSMMU_INJECT_PGTABLE_H
#define VSMMU_INJECT_PGTABLE_H

#include "vsmmu/smmuv3_regs.h"

#define PTE_VALID        VS_BIT(0)
#define PTE_TYPE         VS_BIT(1)            /* 1: table (levels 0-2) or page (level 3) */
#define PTE_TABLE        (PTE_VALID | PTE_TYPE)
#define PTE_PAGE         (PTE_VALID | PTE_TYPE)
#define PTE_ADDR_TOP     47u                  /* [47:gshift]: output or next-table address */
#define PTE_ADDR(gshift) VS_GENMASK(PTE_ADDR_TOP, (gshift))
#define PTE_OA_52_64K    VS_GENMASK(15, 12)   /* 64K granule, 52-bit OA: OA[51:48] */

/* Lower attributes of block and page descriptors. */
#define PTE_LOWER_ATTR   VS_GENMASK(5, 2)     /* stage 2 MemAttr; stage 1 AttrIndx + NS */
#define PTE_ATTRINDX     VS_GENMASK(4, 2)     /* stage 1: MAIR index */
#define PTE_S2_MEMATTR   VS_GENMASK(5, 2)     /* stage 2: memory attributes */
#define PTE_S2_MEMATTR_WB 0xfu                /* Normal, outer and inner write-back */
#define PTE_S2_MEMATTR_OUTER 0xcu             /* MemAttr[3:2]; 0 means Device memory */
#define PTE_AP_EL0       VS_BIT(6)            /* stage 1 AP[1]: EL0 access */
#define PTE_AP_RO        VS_BIT(7)            /* stage 1 AP[2]: read-only */
#define PTE_S2AP_R       VS_BIT(6)            /* stage 2 S2AP[0]: reads allowed */
#define PTE_S2AP_W       VS_BIT(7)            /* stage 2 S2AP[1]: writes allowed */
#define PTE_SH           VS_GENMASK(9, 8)     /* shareability */
#define PTE_SH_ISH       3u                   /* inner shareable */
#define PTE_AF           VS_BIT(10)           /* access flag */
#define PTE_NG           VS_BIT(11)           /* stage 1: not global (ASID-tagged) */

/* Upper attributes of stage-1 table descriptors. */
#define PTE_APTABLE_RO   VS_BIT(62)           /* APTable[1]: no writes below */

#define PTE_SIZE         8u                   /* bytes per descriptor */

/* Translation granules as the log2 of their size (the walkers' gshift). */
#define PTE_GSHIFT_4K    12u
#define PTE_GSHIFT_16K   14u
#define PTE_GSHIFT_64K   16u
/* Output addresses above 48 bits exist only with the 64K granule here (no DS). */
#define PTE_OA_MAX_4K16K 48u

#endif /* VSMMU_INJECT_PGTABLE_H */
