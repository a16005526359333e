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

#include "inject/poison.h"

/* Inputs per process before AFL++ forks a fresh one. */
#define AFL_PERSISTENT_ITERATIONS 100000

__AFL_FUZZ_INIT();

int main(int argc, char **argv)
{
	const unsigned char *buf;
	uint8_t *copy = NULL;
	size_t cap = 0;

	if (argc > 1)
		return vsfuzz_replay_main(argc, argv);
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	__AFL_INIT();
	buf = __AFL_FUZZ_TESTCASE_BUF;
	while (__AFL_LOOP(AFL_PERSISTENT_ITERATIONS)) {
		size_t len = (size_t)__AFL_FUZZ_TESTCASE_LEN;

		/* A copy at the start of a buffer kept for the process (grown to
		 * the largest input, bounded by AFL++'s maximum file size) with
		 * what follows the input poisoned: ASan catches reads past the
		 * input as with an exact-size copy (reported as use-after-poison
		 * instead of heap-buffer-overflow; reads before it hit the
		 * buffer's redzone), without a malloc and free per input, which
		 * fill ASan's quarantine. */
		if (len + 1 > cap) {
			size_t ncap = cap ? cap : 4096;
			uint8_t *n;

			while (ncap < len + 1)
				ncap *= 2;
			if (copy)
				UNPOISON(copy, cap);
			n = realloc(copy, ncap);
			if (!n)
				abort();
			copy = n;
			cap = ncap;
		}
		UNPOISON(copy, len);
		memcpy(copy, buf, len);
		POISON(copy + len, cap - len);
		LLVMFuzzerTestOneInput(copy, len);
	}
	UNPOISON(copy, cap);
	free(copy);
	return 0;
}
