/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * oracle_test.c - the isolation oracle must be able to fail.
 *
 * Each tests/oracle/NAME.scn is a scenario with a directive comment
 *
 *   # oracle-test: defect=NAME expect=In
 *
 * naming one planted defect (a libvsmmu defect of vsmmu/defect.h, selected
 * through VSMMU_DEFECT in the test variant of the library this program is
 * linked with, or a PLAT_BUG_* of inject/platform.h without the prefix) and
 * the invariant the oracle must report. Each file runs through exec_prog:
 * without the defect it must PASS (the control: the scenario itself is
 * correct and the oracle quiet), with it it must end in EXEC_VIOLATION naming
 * exactly invariant n.
 * The control also runs twice with a -v trace: both traces must be
 * byte-identical (the executor is deterministic).
 *
 *   tests/oracle/oracle-test [FILE.scn...]   (default: every .scn in $srcdir/tests/oracle)
 *
 * Exit status 0 when every file behaves, 1 otherwise, 99 on a setup error.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/codec.h"
#include "fuzz/exec.h"
#include "fuzz/oracle.h"
#include "inject/platform.h"
#include "vsmmu/defect.h"
#include "tests/common/testfiles.h"

/* libvsmmu defects: the one table of vsmmu/defect.h. */
static const char *const vsmmu_defects[] = {
#define NAME_OF(name, inv, what) #name,
	VS_DEFECT_LIST(NAME_OF)
#undef NAME_OF
};

/* Planted bugs of the platform's hypervisor path (inject/platform.h). */
static const struct { const char *name; unsigned bug; } plat_defects[] = {
#define PLAT_BUG_ROW(n, bit, what) { #n, PLAT_BUG_##n },
	PLAT_BUG_LIST(PLAT_BUG_ROW)
#undef PLAT_BUG_ROW
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Parse the directive "defect=NAME expect=In": the defect's name goes to
 * name (a libvsmmu defect, selected through VSMMU_DEFECT) or its bit to
 * *pbug (a platform bug). 0 or -1. */
static int directive(const char *text, char *name, size_t nlen, unsigned *pbug, int *inv)
{
	const char *d = strstr(text, "# oracle-test:"), *p, *e;
	size_t n;
	bool known = false;

	*pbug = 0;
	*inv = 0;
	name[0] = 0;
	if (!d || !(p = strstr(d, "defect=")) || !(e = strstr(d, "expect=I")))
		return -1;
	p += 7;
	n = strcspn(p, " \n");
	if (n == 0 || n >= nlen)
		return -1;
	memcpy(name, p, n);
	name[n] = 0;
	for (size_t i = 0; i < NELEM(vsmmu_defects); i++)
		if (strcmp(vsmmu_defects[i], name) == 0)
			known = true;
	for (size_t i = 0; i < NELEM(plat_defects); i++)
		if (strcmp(plat_defects[i].name, name) == 0) {
			*pbug = plat_defects[i].bug;
			known = true;
		}
	*inv = atoi(e + 8);
	return known && *inv >= 1 && *inv <= ORACLE_MAX_INVARIANT ? 0 : -1;
}

static int run_file(const char *path)
{
	struct prog p;
	struct exec_opts o;
	struct exec_result r, found;   /* found: the run with the defect */
	char *text;
	char defect[64];
	unsigned pb;
	int inv, bad = 0;

	prog_init(&p);
	if (tf_load_scn(path, &p, &text))
		return 1;
	if (directive(text, defect, sizeof defect, &pb, &inv)) {
		printf("ERROR %s: no valid '# oracle-test: defect=NAME expect=In' line\n", path);
		free(text);
		prog_free(&p);
		return 1;
	}
	memset(&o, 0, sizeof o);
	o.stop_on_fail = true;
	unsetenv("VSMMU_DEFECT");
	{
		char *t[2] = { NULL, NULL };
		size_t tl[2] = { 0, 0 };
		for (int k = 0; k < 2; k++) {
			FILE *f = open_memstream(&t[k], &tl[k]);
			if (!f)
				break;
			o.trace = f;
			exec_prog(&p, &o, &r);
			fclose(f);
		}
		o.trace = NULL;
		if (!t[0] || !t[1] || tl[0] != tl[1] || memcmp(t[0], t[1], tl[0]) != 0) {
			printf("FAIL %s: two runs gave different traces\n", path);
			bad = 1;
		}
		free(t[0]);
		free(t[1]);
	}
	exec_prog(&p, &o, &r);
	if (r.status != EXEC_PASS) {
		printf("FAIL %s: control run without bugs: line %u: %s\n", path, r.line, r.reason);
		bad = 1;
	}
	o.plat_bugs = pb;
	if (!pb && setenv("VSMMU_DEFECT", defect, 1) != 0) {
		printf("ERROR %s: setenv\n", path);
		bad = 1;
	}
	exec_prog(&p, &o, &r);
	if (r.status != EXEC_VIOLATION || r.invariant != inv) {
		printf("FAIL %s: with defect %s expected [I%d], got status %d [I%d] line %u: %s\n", path,
		       defect, inv, (int)r.status, r.invariant, r.line, r.reason);
		bad = 1;
	}
	found = r;
	/* fuzz-bench's floor (exec_opts.no_oracle) really has no oracle */
	o.no_oracle = true;
	exec_prog(&p, &o, &r);
	o.no_oracle = false;
	unsetenv("VSMMU_DEFECT");
	if (r.status == EXEC_VIOLATION) {
		printf("FAIL %s: with no oracle, defect %s still gave a violation: %s\n", path, defect, r.reason);
		bad = 1;
	} else if (!bad) {
		printf("PASS %s: control passes; defect %s -> line %u: %s\n", path, defect, found.line,
		       found.reason);
	}
	prog_free(&p);
	free(text);
	return bad;
}

int main(int argc, char **argv)
{
	const char *srcdir = getenv("srcdir");
	char dir[4096], **names = NULL;
	size_t n = 0;
	int bad = 0;

	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			bad |= run_file(argv[i]);
		return bad;
	}
	snprintf(dir, sizeof dir, "%s/tests/oracle", srcdir ? srcdir : ".");
	if (tf_scn_list(dir, &names, &n) || n == 0) {
		fprintf(stderr, "oracle-test: no scenarios in %s\n", dir);
		return 99;
	}
	for (size_t i = 0; i < n; i++)
		bad |= run_file(names[i]);
	tf_free_list(names, n);
	return bad;
}
