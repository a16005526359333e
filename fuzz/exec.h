/* SPDX-License-Identifier: BSD-2-Clause */
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
	bool oracle_full;            /* the reference the fast path is tested against
	                                (tests/fuzz/incremental-test): the oracle's full check
	                                after every op instead of the incremental one, and
	                                vsmmu_run for every guest in every round, idle or not */
	bool no_oracle;              /* measurement only (make fuzz-bench's "oracle detached"
	                                rows): no oracle at all, so a run finds crashes and
	                                nothing else; fuzz targets set it only when
	                                VSMMU_FUZZ_BENCH_NO_ORACLE is in the environment */
	/* Fuzz mode: called for each op whose failed expectation (or
	 * rejection by the platform) was ignored, with the reason; NULL = none.
	 * vsmmu-run --print --target notes these ops in its output. */
	void (*on_ignored)(void *ctx, const struct op *op, const char *reason);
	void *on_ignored_ctx;
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

/* A prepared world (docs/performance.md): the prologue's ops run once on a
 * snapshottable world (inject/snapshot.h) whose state is then captured;
 * every exec_world_run continues from that state with a suffix program,
 * tears the world down as exec_prog does, and restores the snapshot.
 * exec_world_run(w, s) gives the same trace (after the prologue's) and
 * verdict as exec_prog on the prologue's ops followed by s's, provided s
 * names the prologue's guests the same way (its name table starts as the
 * prologue's; its op lines follow the prologue's). The world keeps
 * pointers to prologue (its guest names), which must outlive it; o->trace
 * gets the prologue's trace and is not kept.
 * exec_world_create returns NULL with r saying why when the world cannot
 * be built or the prologue does not pass (a violation in the prologue never
 * aborts, whatever o->abort_on_violation says; later runs follow it). */
struct exec_world;
struct wheap_stats;
struct exec_world *exec_world_create(const struct prog *prologue, const struct exec_opts *o,
				     struct exec_result *r);
int exec_world_run(struct exec_world *w, const struct prog *suffix, FILE *trace, struct exec_result *r);
void exec_world_destroy(struct exec_world *w);
void exec_world_stats(const struct exec_world *w, struct wheap_stats *s);

#endif
