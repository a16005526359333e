/*
 * fuzz_common.h - what every fuzz target shares: its kinds mask, its fixed
 * prologue (a default platform so that short inputs reach deep code), and
 * the run itself (bytes_decode + exec_prog with the oracle aborting).
 *
 * How a target builds its program from an input:
 *  1. The input (a leading BYTES magic is skipped) is decoded with the
 *     target's kinds mask.
 *  2. If that program creates a guest (a `guest` op), it is self-contained
 *     and runs as it is: seeds made from scenarios are such programs.
 *  3. Otherwise the target's prologue (fuzz_common.c, scenario text) is
 *     encoded for the same mask and put in front of the input bytes, and the
 *     whole is decoded again: the input's ops then name the prologue's
 *     guests g0/g1 and their streams.
 * The run: exec_prog with abort_on_violation=true, stop_on_fail=false.
 */
#ifndef VSMMU_FUZZ_FUZZ_COMMON_H
#define VSMMU_FUZZ_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "fuzz/op.h"

#define FUZZ_KIND(k)  (UINT64_C(1) << (k))

struct fuzz_target {
	const char *name;          /* fuzz_mmio, ... */
	uint64_t kinds;            /* kinds mask passed to bytes_decode */
	const char *prologue;      /* scenario text run before prologue-less inputs */
};

extern const struct fuzz_target fuzz_target_mmio, fuzz_target_prog, fuzz_target_cmdq,
	fuzz_target_strtab, fuzz_target_faults;

/* The target by name, or NULL. */
const struct fuzz_target *fuzz_target_by_name(const char *name);

/* Build the program a target runs for an input (steps 1-3 above). 0, or -1
 * on allocation failure. out must be prog_init'ed. */
int fuzz_build(const struct fuzz_target *t, const uint8_t *data, size_t size, struct prog *out);

/* Run an input as the target does. Always returns 0; a violation aborts. */
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

/* Encode p so that bytes_decode(..., t->kinds) gives back p's ops of the
 * allowed kinds (the others are dropped). With magic the BYTES magic leads.
 * *out is malloc'ed. 0, or -1 (allocation, or a program the encoder
 * rejects). Used for the prologue and for seeds (fuzz/vsmmu-seed). */
int fuzz_encode_for(const struct fuzz_target *t, const struct prog *p, bool magic,
		    uint8_t **out, size_t *len);

#endif /* VSMMU_FUZZ_FUZZ_COMMON_H */
