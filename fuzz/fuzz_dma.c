/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fuzz_dma.c - fuzz target: stage-1 tables and context descriptors in guest memory (linear
 * and 2-level CD tables, 4K/16K/64K granules) against nested translation (dma)
 * and invalidation (CFGI, TLBI).
 * Program building and prologue: fuzz/fuzz_common.h.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz/fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The prologue runs once, here, and every input starts from its snapshot. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_prepare(&fuzz_target_dma);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_run(&fuzz_target_dma, data, size);
}
