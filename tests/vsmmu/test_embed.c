/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_embed.c - the installed vsmmu.h embeds in a hypervisor tree that has
 * its own SMMUv3 driver names. This file defines, before including it, names
 * every SMMUv3 driver defines (with values of its own), and is compiled with
 * only the installed include directory on the path: if vsmmu.h (or anything
 * it includes) defined any of them, the build of this test would fail.
 */
#define CR0_SMMUEN        (1U << 0)
#define GBPA_ABORT        (1U << 20)
#define Q_BASE_LOG2SIZE   0x1fU
#define STE_DWORDS        8
#define CMD_DWORDS        2
#define EVT_DWORDS        4
#define CERROR_ILL        1
#define CMDQ_OP_CMD_SYNC  0x46
#define STRTAB_STE_0_V    (1UL << 0)

#include <stdio.h>

#include <vsmmu/vsmmu.h>

int main(void)
{
	struct vsmmu_config cfg;

	vsmmu_config_default(&cfg);
	if (VSMMU_STE_DWORDS != STE_DWORDS || VSMMU_CMD_DWORDS != CMD_DWORDS ||
	    VSMMU_EVT_DWORDS != EVT_DWORDS || cfg.sidsize == 0 ||
	    (CR0_SMMUEN | GBPA_ABORT | Q_BASE_LOG2SIZE | CMDQ_OP_CMD_SYNC | STRTAB_STE_0_V) == 0) {
		printf("test_embed: unexpected values\n");
		return 1;
	}
	printf("test_embed: vsmmu.h embeds beside a driver's own SMMUv3 names\n");
	return 0;
}
