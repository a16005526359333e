/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * mutator.h - op-level mutation of fuzz inputs (docs/scenarios.md, "The
 * op-level mutator"): decode an input as its target does, change it by
 * whole ops or by one field within its schema range (op_schema.h), encode
 * it again. libFuzzer reaches it through LLVMFuzzerCustomMutator and
 * LLVMFuzzerCustomCrossOver, defined in fuzz/fuzz_common.c.
 */
#ifndef VSMMU_FUZZ_MUTATOR_H
#define VSMMU_FUZZ_MUTATOR_H

#include <stddef.h>
#include <stdint.h>

#include "fuzz/codec.h"

/* What an input is decoded against: the target's kinds mask, and the
 * decoder state after its prologue (NULL: inputs are only self-contained). */
struct mut_target {
	uint64_t kinds;
	const struct bytes_after *after;
};

enum mut_kind {
	MUT_INSERT,     /* a new op of an allowed kind, fields drawn in range */
	MUT_DELETE,     /* remove one op */
	MUT_DUPLICATE,  /* copy one op to another place */
	MUT_SWAP,       /* exchange two ops */
	MUT_FIELD,      /* one field of one op set to an interesting value in range */
	MUT_BYTES,      /* byte-level fallback (LLVMFuzzerMutate) */
	MUT_KIND_NR
};

/* The mutator's scratch memory (decoded programs, candidate ops, the
 * emitter, an output buffer): made once, reused by every call that is
 * given it, so that a call allocates nothing once its buffers have grown
 * to the largest program and max seen (they never shrink; a program is
 * bounded by FUZZ_MAX_OPS ops and max by the engine's -max_len). Under
 * ASan a malloc and free per call fills the quarantine: the target's
 * peak RSS grew 6-8x (docs/performance.md). It holds no state that
 * changes a result: a call with it gives what a call with a new one
 * gives. (It remembers the last output and its program, to skip decoding
 * it when it comes back as the next input: the mut_target's after must
 * stay unchanged while the context lives.) fuzz_common.c keeps one per
 * prepared target. */
struct mut_ctx;
struct mut_ctx *mut_ctx_create(void);
void mut_ctx_destroy(struct mut_ctx *c);

/* Mutate data[0..size) in place into at most max bytes; returns the new
 * size. Deterministic in seed (the byte fallback is libFuzzer's own). The
 * result is the encoding of the program *out_prog describes when
 * out_prog is not NULL (it is filled for op-level mutations; for
 * MUT_BYTES it is left empty), and *done says which mutation ran. */
size_t mut_mutate(const struct mut_target *t, uint8_t *data, size_t size, size_t max, unsigned seed,
		  enum mut_kind *done, struct prog *out_prog);
/* Splice: a prefix of a's ops, then a run of b's ops; at most max bytes
 * into out. Returns the size (0: nothing could be spliced). */
size_t mut_crossover(const struct mut_target *t, const uint8_t *a, size_t na, const uint8_t *b, size_t nb,
		     uint8_t *out, size_t max, unsigned seed, struct prog *out_prog);
/* The same with scratch memory c (the two above make one for the call). */
size_t mut_mutate_in(struct mut_ctx *c, const struct mut_target *t, uint8_t *data, size_t size, size_t max,
		     unsigned seed, enum mut_kind *done, struct prog *out_prog);
size_t mut_crossover_in(struct mut_ctx *c, const struct mut_target *t, const uint8_t *a, size_t na,
			const uint8_t *b, size_t nb, uint8_t *out, size_t max, unsigned seed,
			struct prog *out_prog);

/* Decode data as a target does (magic skipped; self-contained when its
 * first KIND byte selects psmmu or guest, else the continuation of
 * t->after: fuzz_common.h, step 2). */
void mut_decode(const struct mut_target *t, const uint8_t *data, size_t size, struct prog *out);

#endif /* VSMMU_FUZZ_MUTATOR_H */
