/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * exec_int.h - state shared by the executor's files. Not a public API.
 *
 * The files are layers; each calls only the ones below it (and the
 * platform), never one above, so no two call each other:
 *
 *   exec.c        the run: world, op loop, oracle brackets and verdicts,
 *                 teardown, prepared worlds (exec.h)
 *   exec_trace.c  the -v trace of what happens below: a platform observer
 *   exec_stmt.c   the statements: topology, registers, memory, events,
 *                 interrupts, DMA, injection, hypervisor time (exec_op)
 *   exec_guest.c  guest-driver statements that build structures in RAM
 *   exec_base.c   where the driver's structures are (base registers)
 *   exec_cpu.c    the guest CPU: MMIO, RAM words, failure and trace lines
 *   exec_names.c  names for traces and messages (data)
 *
 * Only exec.c knows the oracle: below it nothing tells or asks it anything.
 */
#ifndef VSMMU_FUZZ_EXEC_INT_H
#define VSMMU_FUZZ_EXEC_INT_H

#include <stdarg.h>
#include <stdio.h>

#include "fuzz/exec.h"
#include "fuzz/op.h"
#include "inject/platform.h"
#include "vsmmu/smmuv3_queue.h"

#define EXEC_MAX_ROOTS        16u      /* stage-1 roots a guest's `map` has initialised */
#define EXEC_MAP_PAGES_MAX    4096u    /* pages one `map` may create (scenarios) */
#define EXEC_MAP_PAGES_FUZZ   64u      /* ... in fuzz mode (stop_on_fail=false) */
#define EXEC_POLL_TRIES_FUZZ  64u      /* poll tries cap in fuzz mode */
#define EXEC_POLL_TRIES_DEF   1000u
#define EXEC_SETTLE_ROUNDS_FUZZ 256u   /* settle rounds cap in fuzz mode */

struct exec_guest {
	int gidx;                 /* platform guest index, -1 = slot empty */
	bool shadow_valid;        /* cmd: shadow CMDQ_PROD known */
	uint32_t shadow_prod;
	bool has_pool;
	uint64_t pool_ipa, pool_size, pool_next;
	uint64_t roots[EXEC_MAX_ROOTS];
	uint32_t root_granule[EXEC_MAX_ROOTS];
	unsigned nroots;
};

struct exec_ctx {
	struct platform *p;
	const struct prog *prog;
	const struct exec_opts *opts;
	struct oracle *orc;       /* the run's (exec.c); nothing below uses it */
	FILE *tr;                 /* trace or NULL */
	bool trace_attached;      /* exec_trace_attach done on this world */
	bool fuzz;                /* !stop_on_fail */
	struct exec_guest slot[OP_MAX_GUESTS];
	const char *names[PLAT_MAX_GUESTS];   /* platform index -> scenario name */
	bool failed;              /* current op failed an expectation */
	char reason[512];
};

struct oracle;

/* ---- exec_names.c ---- */
const char *exec_reg_name(uint64_t off);   /* NULL: not a named register */
const char *exec_evt_name(unsigned id);
const char *exec_cmd_name(unsigned op);
const char *exec_irq_name(unsigned line);
const char *exec_dma_result_name(enum plat_dma_result r);

/* ---- exec_cpu.c ---- */
/* Scenario name of platform guest g ("hyp" for -1). */
const char *exec_gname(const struct exec_ctx *x, int g);
/* Record an expectation failure of the current op (first one wins). */
void exec_fail(struct exec_ctx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Trace line (indented under the op), only with -v. */
void exec_trace(struct exec_ctx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Trace line "what REG = value" (or the offset when the register has no name). */
void exec_trace_reg(struct exec_ctx *x, const char *what, uint64_t off, unsigned size, uint64_t v);
/* Register access as the guest's CPU, traced. */
uint64_t exec_mmio_read(struct exec_ctx *x, int g, uint64_t off, unsigned size);
void exec_mmio_write(struct exec_ctx *x, int g, uint64_t off, unsigned size, uint64_t val);

/* Little-endian words to/from guest RAM: 0 or -1 (outside RAM). */
int exec_write_words(struct exec_ctx *x, int g, uint64_t ipa, const uint64_t *w, unsigned n);
int exec_read_words(struct exec_ctx *x, int g, uint64_t ipa, uint64_t *w, unsigned n);

/* ---- exec_base.c ---- */
/* Effective base addresses, aligned as the SMMU aligns them:
 * the stream table (cfg_out: STRTAB_BASE_CFG as read) and a queue (cmdq, or
 * the event queue; qs_out: LOG2SIZE capped at IDR1). */
uint64_t exec_strtab_base(struct exec_ctx *x, int g, uint64_t *cfg_out);
uint64_t exec_queue_base(struct exec_ctx *x, int g, bool cmdq, unsigned *qs_out);
/* STRTAB_BASE_CFG.SPLIT as the SMMU uses it (reserved values as 6). */
unsigned exec_split(uint64_t cfg);

/* ---- exec_guest.c ---- */
/* Guest-driver statements. g = platform guest index, s = slot. */
int exec_ste(struct exec_ctx *x, struct exec_guest *s, int g, const struct op *op);
int exec_l1std(struct exec_ctx *x, struct exec_guest *s, int g, const struct op *op);
int exec_cd(struct exec_ctx *x, struct exec_guest *s, int g, const struct op *op);
int exec_ptpool(struct exec_ctx *x, struct exec_guest *s, int g, const struct op *op);
int exec_map(struct exec_ctx *x, struct exec_guest *s, int g, const struct op *op);
int exec_cmd(struct exec_ctx *x, struct exec_guest *s, int g, const struct op *op);
int exec_kick(struct exec_ctx *x, struct exec_guest *s, int g);

/* ---- exec_stmt.c ---- */
/* Perform one statement (its failures: exec_fail). */
void exec_op(struct exec_ctx *x, const struct op *op);

/* ---- exec_trace.c ---- */
/* Add the -v trace observer of x's platform (prints to x->tr when set;
 * sets x->trace_attached). */
int exec_trace_attach(struct exec_ctx *x);

#endif /* VSMMU_FUZZ_EXEC_INT_H */
