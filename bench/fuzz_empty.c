/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fuzz_empty.c - the empty harness of make fuzz-bench: a fuzz target that
 * does nothing, built with the same driver, flags and engine as the real
 * targets (bench/fuzz.mk), so that the ratio target/empty measures what the
 * targets themselves cost under that engine.
 */
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	(void)data;
	(void)size;
	return 0;
}
