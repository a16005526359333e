/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * detect_plat.c - the platform bug of a detect run (fuzz/detect/T only):
 * VSMMU_PLAT_BUG=NAME plants PLAT_BUG_NAME of inject/platform.h, the way
 * VSMMU_DEFECT=NAME plants a libvsmmu defect in the test variant
 * (vsmmu/defect.h). Read for every input: there is no global state, and
 * the ordinary fuzz targets never contain this file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/fuzz_common.h"
#include "inject/platform.h"

static const struct {
	const char *name;
	unsigned bug;
} plat_bugs[] = {
	{ "HYP_IPA_AS_HPA", PLAT_BUG_HYP_IPA_AS_HPA },
	{ "WALK_SKIPS_S2", PLAT_BUG_WALK_SKIPS_S2 },
	{ "S2_PERM_IGNORED", PLAT_BUG_S2_PERM_IGNORED },
	{ "MSI_IPA_AS_HPA", PLAT_BUG_MSI_IPA_AS_HPA },
};

unsigned fuzz_detect_plat_bugs(void)
{
	const char *want = getenv("VSMMU_PLAT_BUG");

	if (!want || !*want)
		return PLAT_BUG_NONE;
	for (size_t i = 0; i < sizeof plat_bugs / sizeof plat_bugs[0]; i++)
		if (strcmp(plat_bugs[i].name, want) == 0)
			return plat_bugs[i].bug;
	/* A typo must not make a detection run test the unmodified platform. */
	fprintf(stderr, "fuzz detect: VSMMU_PLAT_BUG=%s: no such platform bug (fuzz/detect_plat.c)\n", want);
	exit(99);
}
