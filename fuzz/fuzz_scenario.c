/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fuzz_scenario.c - fuzz target: the scenario language's parser and printer
 * themselves (no world runs). Every input is taken twice (fuzz/scn_check.h):
 * as text, print(parse(x)) must parse to the same program and print the
 * same again; as bytes, the decoded program must survive the same round
 * trip. A text the parser rejects is fine; a crash, a sanitizer report or a
 * failed round trip is a finding (abort with the reason).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz/scn_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[512];
	enum scn_check r;

	r = scn_check_text(data, size, why, sizeof why);
	if (SCN_CHECK_FAILED(r)) {
		fprintf(stderr, "fuzz_scenario: text round trip: %s\n", why);
		abort();
	}
	r = scn_check_bytes(data, size, why, sizeof why);
	if (SCN_CHECK_FAILED(r)) {
		fprintf(stderr, "fuzz_scenario: bytes round trip: %s\n", why);
		abort();
	}
	return 0;
}
