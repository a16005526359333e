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

/* Decode data as a target does (magic skipped; self-contained when its
 * first KIND byte selects psmmu or guest, else the continuation of
 * t->after: fuzz_common.h, step 2). */
void mut_decode(const struct mut_target *t, const uint8_t *data, size_t size, struct prog *out);

#endif /* VSMMU_FUZZ_MUTATOR_H */
