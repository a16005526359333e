/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * afl_main.c - main() for fuzz targets under AFL++ (--enable-fuzzing=afl,
 * CC=afl-clang-fast): persistent mode with the test case in shared memory.
 *
 *   afl-fuzz -i corpus/fuzz_mmio -o out -- ./fuzz/fuzz_mmio
 *
 * With arguments it replays them like the standalone driver
 * (standalone_main.c), so `./fuzz/fuzz_mmio out/default/crashes/id:...`
 * reproduces a crash and make check replays the corpora.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define VSFUZZ_REPLAY_NO_MAIN
#include "fuzz/standalone_main.c"

/* Inputs per process before AFL++ forks a fresh one. */
#define AFL_PERSISTENT_ITERATIONS 100000

__AFL_FUZZ_INIT();

int main(int argc, char **argv)
{
	const unsigned char *buf;

	if (argc > 1)
		return vsfuzz_replay_main(argc, argv);
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	__AFL_INIT();
	buf = __AFL_FUZZ_TESTCASE_BUF;
	while (__AFL_LOOP(AFL_PERSISTENT_ITERATIONS)) {
		size_t len = (size_t)__AFL_FUZZ_TESTCASE_LEN;
		/* An exact-size copy, so ASan catches reads past the input. */
		uint8_t *copy = malloc(len ? len : 1);

		if (!copy)
			abort();
		memcpy(copy, buf, len);
		LLVMFuzzerTestOneInput(copy, len);
		free(copy);
	}
	return 0;
}
