/*
 * fuzz_cmdq.c - fuzz target: command-queue-heavy programs: cmd/kick/mem/mem64 and queue registers,
 * on two brought-up guests.
 * Program building and prologue: fuzz/fuzz_common.h.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_run(&fuzz_target_cmdq, data, size);
}
