/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fuzz_common.h - what every fuzz target shares: its kinds mask, its fixed
 * prologue (a default platform so that short inputs reach deep code), and
 * the run itself (bytes_decode + exec_prog with the oracle aborting).
 *
 * How a target builds its program from an input:
 *  1. The input (a leading BYTES magic is skipped) is decoded with the
 *     target's kinds mask.
 *  2. If its first record is a `psmmu` or `guest` statement (its first KIND
 *     byte selects one), it is self-contained and runs as it is: seeds made
 *     from scenarios are such programs.
 *  3. Otherwise the target's prologue (fuzz_common.c, scenario text) is
 *     encoded for the same mask and put in front of the input bytes, and the
 *     whole is decoded again: the input's ops then name the prologue's
 *     guests g0/g1 and their streams.
 *  4. At most FUZZ_MAX_OPS of the input's own ops run.
 * The run: exec_prog with abort_on_violation=true, stop_on_fail=false.
 *
 * fuzz_build does exactly that (vsmmu-seed --print, tests). fuzz_run gives
 * the same result faster: the prologue is decoded and run once per process
 * on a snapshottable world (exec_world_create), the input's ops are decoded
 * as its continuation (bytes_decode_after: same names, slots and lines),
 * and every input starts from the snapshot. tests/fuzz/snapshot-test holds
 * the two to identical traces and verdicts.
 */
#ifndef VSMMU_FUZZ_FUZZ_COMMON_H
#define VSMMU_FUZZ_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fuzz/op.h"

#define FUZZ_KIND(k)  (UINT64_C(1) << (k))

/* How libFuzzer mutates a target's inputs (fuzz/mutator.h). */
enum fuzz_mutator {
	FUZZ_MUT_OPS = 0,          /* op level, falling back to bytes now and then (default) */
	FUZZ_MUT_BYTES,            /* libFuzzer's byte mutations only */
};

struct fuzz_target {
	const char *name;          /* fuzz_mmio, ... */
	uint64_t kinds;            /* kinds mask passed to bytes_decode */
	const char *prologue;      /* scenario text run before prologue-less inputs */
	uint8_t mutator;           /* enum fuzz_mutator; VSMMU_FUZZ_MUTATOR=ops|bytes overrides */
};

extern const struct fuzz_target fuzz_target_mmio, fuzz_target_prog, fuzz_target_cmdq,
	fuzz_target_strtab, fuzz_target_faults, fuzz_target_evtq, fuzz_target_dma,
	fuzz_target_system;

/* Every target that runs programs on a world (fuzz_scenario, the parser
 * and printer target, has no world and is not one of them). */
#define FUZZ_NTARGETS 8u
extern const struct fuzz_target *const fuzz_targets[FUZZ_NTARGETS];

/* The target by name, or NULL. */
const struct fuzz_target *fuzz_target_by_name(const char *name);

/* Ops of an input a target runs, at most (the prologue's not counted);
 * later ones are dropped. See docs/performance.md "Input sizes". */
#define FUZZ_MAX_OPS 512u

/* Build the program a target runs for an input (steps 1-3 above, the ops
 * cap applied). 0, or -1 on allocation failure. out must be prog_init'ed. */
int fuzz_build(const struct fuzz_target *t, const uint8_t *data, size_t size, struct prog *out);

/* Run an input as the target does. Always returns 0; a violation aborts.
 * The target's prologue runs once per process: every input starts from a
 * snapshot of the world after it (or, for a self-contained input, of the
 * world before any op), see docs/performance.md. With VSMMU_FUZZ_TRACE set
 * in the environment, the input runs on a fresh world with a -v trace of
 * everything (prologue included) on stderr. */
int fuzz_run(const struct fuzz_target *t, const uint8_t *data, size_t size);
/* The same with planted platform bugs (PLAT_BUG_* of inject/platform.h). */
int fuzz_run_planted(const struct fuzz_target *t, const uint8_t *data, size_t size,
		     unsigned plat_bugs);

#ifdef VSFUZZ_DETECT
/* The detect twins of the targets (fuzz/detect/T, see fuzz/detect.mk and
 * docs/detect.md) are the same sources over the test variant of libvsmmu;
 * they also plant the platform bug VSMMU_PLAT_BUG names (fuzz/detect_plat.c).
 * Never defined for the ordinary targets. */
unsigned fuzz_detect_plat_bugs(void);
#define fuzz_run(t, data, size) fuzz_run_planted((t), (data), (size), fuzz_detect_plat_bugs())
#endif

/* Build the target's worlds now (LLVMFuzzerInitialize), not at the first input. */
void fuzz_prepare(const struct fuzz_target *t);
void fuzz_prepare_planted(const struct fuzz_target *t, unsigned plat_bugs);
#ifdef VSFUZZ_DETECT
#define fuzz_prepare(t) fuzz_prepare_planted((t), fuzz_detect_plat_bugs())
#endif

/* The same as separate steps, for tests and benches. */
struct exec_opts;
struct exec_result;
struct wheap_stats;
struct fuzz_state;
/* Prepare a target's worlds with options o (o->trace gets the prologue's
 * trace, once). NULL with r saying why. */
struct fuzz_state *fuzz_state_create(const struct fuzz_target *t, const struct exec_opts *o,
				     struct exec_result *r);
void fuzz_state_destroy(struct fuzz_state *st);
/* Run one input from the snapshot; trace gets what follows the prologue.
 * Returns r->status. */
int fuzz_state_run(struct fuzz_state *st, const uint8_t *data, size_t size, FILE *trace,
		   struct exec_result *r);
const struct prog *fuzz_state_prologue(const struct fuzz_state *st);
/* Whether the last fuzz_state_run started from the world after the
 * prologue (else it was self-contained and ran from the empty world, or
 * ran fresh because the prologue itself violates). */
bool fuzz_state_last_from_prologue(const struct fuzz_state *st);
/* False when the prologue itself violates (a planted defect): inputs that
 * continue it then run on fresh worlds, as before snapshots. */
bool fuzz_state_has_prologue_world(const struct fuzz_state *st);
/* Snapshot statistics of the world after the prologue (or the empty one). */
void fuzz_state_stats(const struct fuzz_state *st, bool prologue, struct wheap_stats *s);
/* Run one input as before snapshots existed: fuzz_build, then exec_prog on
 * a fresh world. Returns r->status. */
int fuzz_run_fresh(const struct fuzz_target *t, const uint8_t *data, size_t size, const struct exec_opts *o,
		   struct exec_result *r);

/* The decoder state after the target's prologue (what its inputs continue). */
const struct bytes_after *fuzz_state_after(const struct fuzz_state *st);

/* Encode p so that bytes_decode(..., t->kinds) gives back p's ops of the
 * allowed kinds (the others are dropped). With magic the BYTES magic leads.
 * *out is malloc'ed. 0, or -1 (allocation, or a program the encoder
 * rejects). Used for the prologue and for seeds (fuzz/vsmmu-seed). */
int fuzz_encode_for(const struct fuzz_target *t, const struct prog *p, bool magic,
		    uint8_t **out, size_t *len);

/* Encode scenario text that continues the target's prologue (it names the
 * prologue's guests g0, g1, ... and may create more, just not as its first
 * statement): the bytes an input must hold for the target to run the
 * prologue and then these statements (fuzz/vsmmu-seed --after,
 * fuzz/gen_dict). *out is malloc'ed (possibly empty). 0, or -1 with err
 * set (the text does not parse after the prologue, begins with a guest,
 * or memory ran out). */
int fuzz_encode_after(const struct fuzz_target *t, const char *text, size_t len, uint8_t **out,
		      size_t *olen, char *err, size_t errlen);
/* Whether the target runs an input after its prologue (step 2 above: its
 * first record is not a psmmu or guest statement): 1 or 0. */
int fuzz_continues_prologue(const struct fuzz_target *t, const uint8_t *data, size_t size);
/* Step 2 for bytes without the magic, decoded with kinds: whether the first
 * KIND byte selects psmmu or guest (the op-level mutator decides as the
 * target does, fuzz/mutator.c). */
bool fuzz_self_contained(uint64_t kinds, const uint8_t *data, size_t size);

#endif /* VSMMU_FUZZ_FUZZ_COMMON_H */
