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

unsigned fuzz_detect_plat_bugs(void)
{
	const char *want = getenv("VSMMU_PLAT_BUG");

	if (!want || !*want)
		return PLAT_BUG_NONE;
	if (plat_bug_by_name(want))
		return plat_bug_by_name(want);
	/* A typo must not make a detection run test the unmodified platform. */
	fprintf(stderr, "fuzz detect: VSMMU_PLAT_BUG=%s: no such platform bug (PLAT_BUG_LIST, inject/platform.h)\n", want);
	exit(99);
}
