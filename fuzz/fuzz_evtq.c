/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fuzz_evtq.c - fuzz target: events from below (injected events, overflows, GERRORs, aborts of
 * queue writes) while the guest consumes, acknowledges and reprograms its event
 * queue; g0 has the largest event queue IDR1 allows, g1 one of 2 records.
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
	fuzz_prepare(&fuzz_target_evtq);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_run(&fuzz_target_evtq, data, size);
}
