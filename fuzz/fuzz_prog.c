/*
 * fuzz_prog.c - fuzz target: whole guest programs: every statement except fault injection.
 * Program building and prologue: fuzz/fuzz_common.h.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_run(&fuzz_target_prog, data, size);
}
