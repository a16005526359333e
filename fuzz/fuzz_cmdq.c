/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fuzz_cmdq.c - fuzz target: command-queue-heavy programs: cmd/kick/mem/mem64 and queue registers,
 * on two brought-up guests.
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
	fuzz_prepare(&fuzz_target_cmdq);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_run(&fuzz_target_cmdq, data, size);
}
