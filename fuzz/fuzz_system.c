/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fuzz_system.c - fuzz target: the whole system: every statement on two guests and two
 * physical SMMUs after a teardown, a VMID reuse and a reassignment, with g0's
 * command queue at its IDR1 maximum and prefilled (PROD jumps, budgets).
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
	fuzz_prepare(&fuzz_target_system);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_run(&fuzz_target_system, data, size);
}
