/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * incremental_test.c - the oracle's incremental checks find what its full
 * check after every op finds, at the same op.
 *
 * After each op the oracle checks only what the op could have changed
 * (docs/performance.md, "Incremental checking"); exec_opts.oracle_full
 * makes every op's check the full one (every stream of every declared
 * physical SMMU, every register, as for expect-isolation). Every committed
 * input of every fuzz target (corpus/T, corpus/regressions/T, run as the
 * target runs it on a fresh world), every conformance scenario
 * (tests/scenarios) and every oracle self-test scenario (tests/oracle) runs
 * in both modes, once without any planted defect and once per planted
 * defect (vsmmu/defect.h, VSMMU_DEFECT; and the platform's planted bugs):
 * status, invariant and line must be equal. The CPU time of both modes is
 * printed.
 *
 * Every target's corpus runs in the configuration without a defect. To
 * keep make check's time reasonable, the three later targets (fuzz_evtq,
 * fuzz_dma, fuzz_system: as many inputs again as the first five) run a
 * third of their inputs in each defect configuration, a different third in
 * consecutive ones (input i in configuration k when (i + k) % 3 == 0), so
 * each input still meets a third of the planted defects.
 *
 *   tests/fuzz/incremental-test [SRCDIR]   (default $srcdir)
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/codec.h"
#include "fuzz/exec.h"
#include "fuzz/fuzz_common.h"
#include "inject/platform.h"
#include "tests/common/testfiles.h"
#include "vsmmu/defect.h"

#define MAX_CASES 2048

struct tcase {
	char name[320];
	const struct fuzz_target *t;   /* NULL: a scenario (prog) */
	uint8_t *data;
	size_t len;
	struct prog prog;
	unsigned every;                /* > 1: run in 1 of every `every` defect configurations */
};

static struct tcase *cases;
static int ncases;
static int failures;

static uint8_t *slurp_bin(const char *path, size_t *len)
{
	char *s = tf_slurp(path, len);

	return (uint8_t *)s;
}

static void load_corpus(const char *srcdir, const struct fuzz_target *t, const char *sub, unsigned every)
{
	char dir[512];
	DIR *d;
	struct dirent *e;

	snprintf(dir, sizeof dir, "%s/corpus/%s%s", srcdir, sub, t->name);
	d = opendir(dir);
	if (!d)
		return;
	while ((e = readdir(d)) && ncases < MAX_CASES) {
		struct tcase *c = &cases[ncases];
		char path[900];

		if (e->d_name[0] == '.' || strncmp(e->d_name, "README", 6) == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		c->data = slurp_bin(path, &c->len);
		if (!c->data)
			continue;
		snprintf(c->name, sizeof c->name, "%s:%s%s", t->name, sub, e->d_name);
		c->t = t;
		c->every = every;
		ncases++;
	}
	closedir(d);
}

static void load_scenarios(const char *srcdir, const char *sub)
{
	char dir[512], **names = NULL;
	size_t n = 0;

	snprintf(dir, sizeof dir, "%s/%s", srcdir, sub);
	if (tf_scn_list(dir, &names, &n)) {
		fprintf(stderr, "FAIL: no scenarios in %s\n", dir);
		failures++;
		return;
	}
	for (size_t i = 0; i < n && ncases < MAX_CASES; i++) {
		struct tcase *c = &cases[ncases];

		prog_init(&c->prog);
		if (tf_load_scn(names[i], &c->prog, NULL))
			continue;
		snprintf(c->name, sizeof c->name, "%s", names[i]);
		c->t = NULL;
		ncases++;
	}
	tf_free_list(names, n);
}

static double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void run_case(const struct tcase *c, bool full, unsigned plat_bugs, struct exec_result *r)
{
	struct exec_opts o;

	memset(&o, 0, sizeof o);
	memset(r, 0, sizeof *r);
	o.oracle_full = full;
	o.plat_bugs = plat_bugs;
	if (c->t) {
		o.stop_on_fail = false;     /* as the fuzz targets run */
		(void)fuzz_run_fresh(c->t, c->data, c->len, &o, r);
	} else {
		o.stop_on_fail = true;      /* as scenarios run */
		(void)exec_prog(&c->prog, &o, r);
	}
}

/* Every case of configuration k (0: no defect) in both modes; returns the
 * number of differences. */
static int compare_all(const char *label, unsigned plat_bugs, unsigned k)
{
	double t_inc = 0, t_full = 0;
	int diff = 0, viol = 0, nrun = 0;

	for (int i = 0; i < ncases; i++) {
		struct exec_result ri, rf;
		double t0, t1, t2;

		if (k > 0 && cases[i].every > 1 && ((unsigned)i + k) % cases[i].every != 0)
			continue;
		nrun++;
		t0 = cpu_now();
		run_case(&cases[i], false, plat_bugs, &ri);
		t1 = cpu_now();
		run_case(&cases[i], true, plat_bugs, &rf);
		t2 = cpu_now();
		t_inc += t1 - t0;
		t_full += t2 - t1;
		viol += ri.status == EXEC_VIOLATION;
		if (ri.status != rf.status || ri.invariant != rf.invariant || ri.line != rf.line) {
			printf("FAIL %s %s: incremental status %d [I%d] line %u (%s); full status %d [I%d] line %u (%s)\n",
			       label, cases[i].name, (int)ri.status, ri.invariant, ri.line, ri.reason,
			       (int)rf.status, rf.invariant, rf.line, rf.reason);
			diff++;
		}
	}
	printf("%s: %d runs, %d violations, incremental == full%s; CPU %.2f s incremental, %.2f s full\n",
	       label, nrun, viol, diff ? " FAILED" : "", t_inc, t_full);
	fflush(stdout);
	return diff;
}

/* In a child: a defect may also trip a sanitizer (a finding, not a
 * comparison), which ends the process. */
static void in_child(const char *defect, unsigned plat_bugs, const char *label, unsigned k, int *compared)
{
	pid_t pid;
	int st;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		if (defect)
			setenv("VSMMU_DEFECT", defect, 1);
		else
			unsetenv("VSMMU_DEFECT");
		_exit(compare_all(label, plat_bugs, k) ? 3 : 0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid) {
		printf("FAIL %s: fork/wait\n", label);
		failures++;
		return;
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		(*compared)++;
	else if (WIFEXITED(st) && WEXITSTATUS(st) == 3)
		failures++;
	else
		printf("%s: the process ended on a sanitizer or assert report (a finding): not compared\n", label);
}

int main(int argc, char **argv)
{
	static const struct { const char *name; unsigned every; } targets[] = {
		{ "fuzz_mmio", 1 }, { "fuzz_prog", 1 }, { "fuzz_cmdq", 1 }, { "fuzz_strtab", 1 },
		{ "fuzz_faults", 1 }, { "fuzz_evtq", 3 }, { "fuzz_dma", 3 }, { "fuzz_system", 3 },
	};
#define DEFECT_NAME(name, inv, what) #name,
#define DEFECT_INV(name, inv, what) inv,
	static const char *const defects[] = { VS_DEFECT_LIST(DEFECT_NAME) };
	static const char *const invs[] = { VS_DEFECT_LIST(DEFECT_INV) };
#undef DEFECT_NAME
#undef DEFECT_INV
	static const struct { const char *name; unsigned bug; } plat_bugs[] = {
#define PLAT_BUG_ROW(n, bit, what) { #n, PLAT_BUG_##n },
		PLAT_BUG_LIST(PLAT_BUG_ROW)
#undef PLAT_BUG_ROW
	};
	const char *srcdir = argc > 1 ? argv[1] : getenv("srcdir");
	int compared = 0, want = 0;
	char label[128];

	if (!srcdir)
		srcdir = ".";
	cases = calloc(MAX_CASES, sizeof *cases);
	if (!cases)
		return 99;
	for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
		const struct fuzz_target *t = fuzz_target_by_name(targets[i].name);

		if (!t) {
			printf("ERROR: no fuzz target %s\n", targets[i].name);
			return 99;
		}
		load_corpus(srcdir, t, "", targets[i].every);
		load_corpus(srcdir, t, "regressions/", targets[i].every);
	}
	load_scenarios(srcdir, "tests/scenarios");
	load_scenarios(srcdir, "tests/oracle");
	if (ncases < 100) {
		printf("ERROR: only %d inputs and scenarios found under %s\n", ncases, srcdir);
		return 99;
	}
	in_child(NULL, 0, "no defect", 0, &compared);
	want++;
	for (size_t d = 0; d < sizeof defects / sizeof defects[0]; d++) {
		/* A "crash" defect ends the process by design: nothing to compare. */
		if (strcmp(invs[d], "crash") == 0)
			continue;
		snprintf(label, sizeof label, "VSMMU_DEFECT=%s", defects[d]);
		in_child(defects[d], 0, label, (unsigned)want, &compared);
		want++;
	}
	for (size_t b = 0; b < sizeof plat_bugs / sizeof plat_bugs[0]; b++) {
		snprintf(label, sizeof label, "platform bug %s", plat_bugs[b].name);
		in_child(NULL, plat_bugs[b].bug, label, (unsigned)want, &compared);
		want++;
	}
	printf("%d of %d defect configurations compared\n", compared, want);
	if (compared + 3 < want)
		failures++;
	for (int i = 0; i < ncases; i++) {
		free(cases[i].data);
		if (!cases[i].t)
			prog_free(&cases[i].prog);
	}
	free(cases);
	return failures ? 1 : 0;
}
