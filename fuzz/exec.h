/*
 * exec.h - the executor: runs a program against a fresh platform (inject/)
 * and libvsmmu, one bounded hypervisor round after every op, and the
 * isolation oracle (I1-I11) after every op. Deterministic.
 */
#ifndef VSMMU_FUZZ_EXEC_H
#define VSMMU_FUZZ_EXEC_H

#include <stdio.h>
#include "fuzz/op.h"

enum exec_status {
	EXEC_PASS = 0,        /* every op and expectation held */
	EXEC_FAIL = 1,        /* an expectation failed (scenario FAIL) */
	EXEC_VIOLATION = 2    /* the oracle found an isolation violation */
};

struct exec_opts {
	FILE *trace;                 /* -v: each op and its effects; NULL = quiet */
	unsigned plat_bugs;          /* planted platform bugs (oracle tests only); libvsmmu
	                                defects: the test variant, vsmmu/defect.h */
	bool abort_on_violation;     /* fuzz builds: abort() so the engine records a crash */
	bool stop_on_fail;           /* scenarios stop at the first failed expectation;
	                                fuzz targets ignore expectation failures and go on */
	uint64_t fail_nth;           /* fail the nth fallible call of the world (1-based,
	                                every site of inject/platform.h's fault model), 0 = off */
	uint64_t fail_repeat;        /* ... and this many after it */
};

struct exec_result {
	enum exec_status status;
	uint32_t line;               /* op.line of the failing op */
	int invariant;               /* 1..12 for EXEC_VIOLATION */
	char reason[512];            /* one line, no trailing newline */
	/* The fault model at the end of the run (teardown included). */
	uint64_t fallible_calls;     /* fallible calls the world made */
	uint64_t faults_fired;       /* faults produced (inject statements and fail-nth) */
	bool nth_reached;            /* fail_nth was set and its call came */
	int nth_site;                /* enum plat_fault_site of the failed call, or -1 */
};

int exec_prog(const struct prog *p, const struct exec_opts *o, struct exec_result *r);

#endif
