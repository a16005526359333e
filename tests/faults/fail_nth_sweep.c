/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fail_nth_sweep.c - every failure point of every conformance scenario.
 *
 * For each scenario, run it with fallible call N failing (the fault model's
 * countdown, inject/platform.h plat_fail_nth), for N = 1, 2, ... until the
 * run no longer reaches call N. Expectations may fail under a fault (the
 * run goes on past them, as a fuzz target does); what must hold at every
 * failure point is everything the oracle checks, teardown's leak check
 * included, and that nothing crashes (ASan/UBSan abort the test).
 *
 *   tests/faults/fail-nth-sweep [FILE.scn...]   (default: every .scn of $srcdir/tests/scenarios)
 *
 * Exit status 0 when every failure point of every file holds, 1 otherwise,
 * 99 on a setup error.
 */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/codec.h"
#include "fuzz/exec.h"
#include "inject/platform.h"
#include "tests/common/testfiles.h"

/* Far above any scenario's fallible calls: a sweep that gets here is a
 * runaway (the countdown would never stop being reached). */
#define SWEEP_MAX_CALLS 200000u

/* 0 every failure point holds, 1 a violation, 99 setup error. */
static int sweep(const char *path, uint64_t *points, uint64_t fired[PLAT_FAULT_SITE_NR])
{
	struct prog p;
	struct exec_opts o;
	struct exec_result r;
	int bad = 0;

	prog_init(&p);
	if (tf_load_scn(path, &p, NULL))
		return 99;
	memset(&o, 0, sizeof o);
	o.stop_on_fail = false;
	for (uint64_t n = 1;; n++) {
		if (n > SWEEP_MAX_CALLS) {
			printf("FAIL %s: still reaching call %" PRIu64 ": runaway\n", path, n);
			bad = 1;
			break;
		}
		o.fail_nth = n;
		exec_prog(&p, &o, &r);
		if (r.status == EXEC_VIOLATION) {
			printf("FAIL %s: with call %" PRIu64 " failing (%s): line %" PRIu32 ": %s\n"
			       "     reproduce: fuzz/vsmmu-run -v --fail-nth %" PRIu64 " %s\n", path, n,
			       plat_fault_site_name((enum plat_fault_site)r.nth_site), r.line, r.reason, n, path);
			bad = 1;
		}
		if (!r.nth_reached)
			break;
		(*points)++;
		if (r.nth_site >= 0 && r.nth_site < PLAT_FAULT_SITE_NR)
			fired[r.nth_site]++;
	}
	prog_free(&p);
	return bad;
}

int main(int argc, char **argv)
{
	const char *srcdir = getenv("srcdir");
	char dir[4096], **names = NULL;
	size_t n = 0;
	uint64_t points = 0, fired[PLAT_FAULT_SITE_NR] = { 0 };
	int bad = 0;

	if (argc > 1) {
		for (int i = 1; i < argc; i++) {
			int rc = sweep(argv[i], &points, fired);

			if (rc > bad)
				bad = rc;
		}
		printf("fail-nth-sweep: %" PRIu64 " failure point(s)\n", points);
		return bad;
	}
	snprintf(dir, sizeof dir, "%s/tests/scenarios", srcdir ? srcdir : ".");
	if (tf_scn_list(dir, &names, &n) || n == 0) {
		fprintf(stderr, "fail-nth-sweep: no scenarios in %s\n", dir);
		return 99;
	}
	for (size_t i = 0; i < n; i++) {
		int rc = sweep(names[i], &points, fired);

		if (rc > bad)
			bad = rc;
	}
	tf_free_list(names, n);
	printf("fail-nth-sweep: %zu scenario(s), %" PRIu64 " failure point(s):", n, points);
	for (unsigned s = 0; s < PLAT_FAULT_SITE_NR; s++)
		printf(" %s %" PRIu64, plat_fault_site_name((enum plat_fault_site)s), fired[s]);
	printf("\n");
	/* Every site must have been exercised, or the sweep proves less than it says. */
	for (unsigned s = 0; s < PLAT_FAULT_SITE_NR; s++)
		if (!fired[s]) {
			printf("FAIL: no failure point at site %s\n", plat_fault_site_name((enum plat_fault_site)s));
			bad = bad ? bad : 1;
		}
	return bad;
}
