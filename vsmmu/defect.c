/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * defect.c - selection of the planted defect in the test variant of the
 * library (see defect.h). Compiled into vsmmu/libvsmmu-defects.la only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vsmmu/defect.h"

#ifdef VSMMU_DEFECTS
static const char *const defect_names[VS_DEFECT_NR] = {
	[VS_DEFECT_NONE] = "NONE",
#define VS_DEFECT_NAME(name, inv, what) [VS_DEFECT_##name] = #name,
	VS_DEFECT_LIST(VS_DEFECT_NAME)
#undef VS_DEFECT_NAME
};

unsigned vs_defect_from_env(void)
{
	const char *want = getenv("VSMMU_DEFECT");

	if (!want || !*want)
		return VS_DEFECT_NONE;
	for (unsigned i = 0; i < VS_DEFECT_NR; i++)
		if (strcmp(defect_names[i], want) == 0)
			return i;
	fprintf(stderr, "libvsmmu-defects: VSMMU_DEFECT=%s: no such defect (vsmmu/defect.h)\n", want);
	exit(99);
}
#endif
