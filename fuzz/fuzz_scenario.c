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

/* One line naming the failed round trip (text or bytes), what the check
 * found as its three signature words (scn_check.h; read by
 * scripts/crash-signature.sh), then why in words; then abort. */
static void fail(const char *mode, const struct scn_why *why)
{
	fprintf(stderr, "fuzz_scenario: %s round trip [%s op=%s at=%s]: %s\n", mode, why->kind, why->op, why->at,
		why->text);
	abort();
}

/* The checker, kept for the process: libFuzzer's entry point carries no
 * context (the same forced exception to "no global mutable state" as
 * fuzz_common.c's fuzz_cache). It holds buffers only: every check starts
 * from the input alone. */
static struct scn_checker *checker;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scn_why why;

	if (!checker)
		checker = scn_checker_create();
	/* without one (memory ran out), the checks that make their own */
	if (SCN_CHECK_FAILED(checker ? scn_check_text_in(checker, data, size, &why) : scn_check_text(data, size, &why)))
		fail("text", &why);
	if (SCN_CHECK_FAILED(checker ? scn_check_bytes_in(checker, data, size, &why) :
			     scn_check_bytes(data, size, &why)))
		fail("bytes", &why);
	return 0;
}
