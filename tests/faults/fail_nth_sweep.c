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
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/codec.h"
#include "fuzz/exec.h"
#include "inject/platform.h"

/* Far above any scenario's fallible calls: a sweep that gets here is a
 * runaway (the countdown would never stop being reached). */
#define SWEEP_MAX_CALLS 200000u

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (b = malloc((size_t)n + 1)) != NULL) {
		if (fread(b, 1, (size_t)n, f) != (size_t)n) {
			free(b);
			b = NULL;
		} else {
			b[n] = 0;
			*len = (size_t)n;
		}
	}
	fclose(f);
	return b;
}

/* 0 every failure point holds, 1 a violation, 99 setup error. */
static int sweep(const char *path, uint64_t *points, uint64_t fired[PLAT_FAULT_SITE_NR])
{
	struct prog p;
	struct exec_opts o;
	struct exec_result r;
	char err[512], *text;
	size_t len = 0;
	int bad = 0;

	text = slurp(path, &len);
	if (!text) {
		printf("ERROR %s: cannot read\n", path);
		return 99;
	}
	prog_init(&p);
	if (scn_parse(path, text, len, &p, err, sizeof err)) {
		printf("ERROR %s\n", err);
		free(text);
		prog_free(&p);
		return 99;
	}
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
	free(text);
	return bad;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	const char *srcdir = getenv("srcdir");
	char dir[4096], **names = NULL;
	size_t n = 0, cap = 0;
	uint64_t points = 0, fired[PLAT_FAULT_SITE_NR] = { 0 };
	int bad = 0;
	DIR *d;
	struct dirent *de;

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
	d = opendir(dir);
	if (!d) {
		fprintf(stderr, "fail-nth-sweep: cannot open %s\n", dir);
		return 99;
	}
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);

		if (l < 5 || strcmp(de->d_name + l - 4, ".scn"))
			continue;
		if (n == cap) {
			char **nn = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *nn);

			if (!nn)
				return 99;
			names = nn;
		}
		if (!(names[n] = malloc(strlen(dir) + l + 2)))
			return 99;
		sprintf(names[n], "%s/%s", dir, de->d_name);
		n++;
	}
	closedir(d);
	if (n == 0) {
		fprintf(stderr, "fail-nth-sweep: no scenarios in %s\n", dir);
		return 99;
	}
	qsort(names, n, sizeof *names, cmp);
	for (size_t i = 0; i < n; i++) {
		int rc = sweep(names[i], &points, fired);

		if (rc > bad)
			bad = rc;
		free(names[i]);
	}
	free(names);
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
