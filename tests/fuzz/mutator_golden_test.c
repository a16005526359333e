/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * mutator_golden_test.c - the op-level mutator's outputs, pinned. For
 * every fuzz target, a chain of mutations and crossovers (fuzz/mutator.h)
 * and of calls to libFuzzer's hooks (fuzz/fuzz_common.c) over generated
 * inputs, each output fed to the next call, is hashed (FNV-1a over every
 * output's size, mutation kind and bytes) and compared with the hash
 * recorded below. So a change meant to make the mutator cheaper (its
 * scratch memory, work it skips) is shown to give, for the same (data,
 * seed), the same mutants as before. Each call is made twice, with new
 * scratch memory (mut_mutate, mut_crossover) and with one context kept
 * over the whole chain (mut_mutate_in, mut_crossover_in, as the hooks
 * do): the two must agree, so nothing a call leaves in the context
 * changes the next call's result.
 *
 * The inputs are generated, not read from corpus/: the hashes depend only
 * on the mutator, the byte encoding, the op schema and the targets'
 * kinds and prologues. A change to one of those that is meant to change
 * the mutants re-records them: `tests/fuzz/mutator-golden-test -r`
 * prints the table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/codec.h"
#include "fuzz/exec.h"
#include "fuzz/fuzz_common.h"
#include "fuzz/mutator.h"

#define ROUNDS  5000   /* mutations and crossovers per target */
#define HOOKS   200    /* calls of each libFuzzer hook per target */
#define BUF_MAX 4096   /* the largest input of the chain */

/* Recorded with the mutator of 2 Dec 2026 (before its per-process
 * context): one per target, in fuzz_targets[] order. */
static const struct {
	const char *name;
	uint64_t hash;
} golden[FUZZ_NTARGETS] = {
	{ "fuzz_mmio",   UINT64_C(0xe6c1463f2fb1af59) },
	{ "fuzz_prog",   UINT64_C(0x77c316ac82015886) },
	{ "fuzz_cmdq",   UINT64_C(0x64c62e04df057633) },
	{ "fuzz_strtab", UINT64_C(0xd0a3f74cea037a4b) },
	{ "fuzz_faults", UINT64_C(0xdd6cc1f1daa6650b) },
	{ "fuzz_evtq",   UINT64_C(0x92bfb5db57ab3223) },
	{ "fuzz_dma",    UINT64_C(0xa7c5275428fca214) },
	{ "fuzz_system", UINT64_C(0x290050683062fe70) },
};

/* libFuzzer's byte mutator, as the test's stand-in: a function of the
 * bytes alone, so that the chain does not depend on call counts. */
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max);
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max)
{
	if (size < max && (size == 0 || data[0] & 1)) {
		data[size] = (uint8_t)(size * 37u + 11u);
		return size + 1;
	}
	if (size)
		data[size / 2] ^= 0x21;
	return size;
}
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max, unsigned int seed);
size_t LLVMFuzzerCustomCrossOver(const uint8_t *d1, size_t s1, const uint8_t *d2, size_t s2, uint8_t *out,
				 size_t max, unsigned int seed);

static uint64_t lcg(uint64_t *x)
{
	*x = *x * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
	return *x >> 33;
}

static void fnv(uint64_t *h, const void *p, size_t n)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++) {
		*h ^= b[i];
		*h *= UINT64_C(0x100000001b3);
	}
}

static void fnv_n(uint64_t *h, uint64_t v)
{
	fnv(h, &v, sizeof v);
}

static size_t random_bytes(uint64_t *x, uint8_t *b, size_t max)
{
	size_t n = (size_t)(lcg(x) % max);

	for (size_t i = 0; i < n; i++)
		b[i] = (uint8_t)lcg(x);
	return n;
}

static uint64_t one_target(const struct fuzz_target *t, unsigned long *failures)
{
	static uint8_t cur[BUF_MAX], saved[BUF_MAX], out[BUF_MAX], alt[BUF_MAX];
	uint64_t x = 0x5eed0000u + (uint64_t)t->kinds % 977u, h = UINT64_C(0xcbf29ce484222325);
	size_t ncur, nsaved;
	struct exec_opts o;
	struct exec_result r;
	struct fuzz_state *st;
	struct mut_target mt;
	struct prog built, built2;
	struct mut_ctx *mx = mut_ctx_create();
	unsigned long differ = 0;

	memset(&o, 0, sizeof o);
	st = fuzz_state_create(t, &o, &r);
	if (!st) {
		fprintf(stderr, "FAIL %s: cannot prepare: %s\n", t->name, r.reason);
		++*failures;
		return 0;
	}
	memset(&mt, 0, sizeof mt);
	mt.kinds = t->kinds;
	mt.after = fuzz_state_after(st);
	prog_init(&built);
	prog_init(&built2);
	if (!mx) {
		fprintf(stderr, "FAIL %s: no mutator context\n", t->name);
		++*failures;
	}
	ncur = random_bytes(&x, cur, 300);
	nsaved = random_bytes(&x, saved, 300);
	for (unsigned round = 0; round < ROUNDS; round++) {
		uint64_t pick = lcg(&x);
		unsigned seed = (unsigned)lcg(&x);
		size_t max = ncur + (size_t)(lcg(&x) % 1024), n;
		enum mut_kind kind = MUT_KIND_NR;

		if (max > BUF_MAX)
			max = BUF_MAX;
		if (max == 0)
			max = 1;
		if (pick % 64 == 0) {
			ncur = random_bytes(&x, cur, 300);
			continue;
		}
		if (pick % 8 == 0) {
			size_t n2 = mx ? mut_crossover_in(mx, &mt, cur, ncur, saved, nsaved, alt, max, seed,
							  pick & 32 ? &built2 : NULL) : 0;

			n = mut_crossover(&mt, cur, ncur, saved, nsaved, out, max, seed, pick & 16 ? &built : NULL);
			if (mx && (n2 != n || memcmp(alt, out, n) != 0))
				differ++;
			fnv_n(&h, n);
			fnv(&h, out, n);
			if (n) {
				memcpy(cur, out, n);
				ncur = n;
			}
		} else {
			enum mut_kind kind2 = MUT_KIND_NR;
			size_t n2 = 0;

			memcpy(alt, cur, ncur);
			if (mx)
				n2 = mut_mutate_in(mx, &mt, alt, ncur, max, seed, &kind2, pick & 32 ? &built2 : NULL);
			n = mut_mutate(&mt, cur, ncur, max, seed, &kind, pick & 16 ? &built : NULL);
			if (mx && (n2 != n || kind2 != kind || memcmp(alt, cur, n) != 0))
				differ++;
			fnv_n(&h, n);
			fnv_n(&h, (uint64_t)kind);
			fnv(&h, cur, n);
			ncur = n;
		}
		if (round % 16 == 0) {
			memcpy(saved, cur, ncur);
			nsaved = ncur;
		}
	}
	/* the hooks, through the prepared target */
	fuzz_prepare(t);
	for (unsigned k = 0; k < HOOKS; k++) {
		size_t max = ncur + 256 > BUF_MAX ? BUF_MAX : ncur + 256, n;

		n = LLVMFuzzerCustomCrossOver(cur, ncur, saved, nsaved, out, max, (unsigned)lcg(&x));
		fnv_n(&h, n);
		fnv(&h, out, n);
		n = LLVMFuzzerCustomMutator(cur, ncur, max, (unsigned)lcg(&x));
		fnv_n(&h, n);
		fnv(&h, cur, n);
		ncur = n;
		if (k % 16 == 0) {
			memcpy(saved, cur, ncur);
			nsaved = ncur;
		}
	}
	if (differ) {
		fprintf(stderr, "FAIL %s: %lu of %u calls gave another result with the context kept\n", t->name,
			differ, ROUNDS);
		++*failures;
	}
	mut_ctx_destroy(mx);
	prog_free(&built);
	prog_free(&built2);
	fuzz_state_destroy(st);
	return h;
}

int main(int argc, char **argv)
{
	bool record = argc > 1 && strcmp(argv[1], "-r") == 0;
	unsigned long failures = 0;

	for (size_t i = 0; i < FUZZ_NTARGETS; i++) {
		const struct fuzz_target *t = fuzz_targets[i];
		uint64_t h = one_target(t, &failures);

		if (record) {
			printf("\t{ \"%s\",%*s UINT64_C(0x%016llx) },\n", t->name, (int)(11 - strlen(t->name)), "",
			       (unsigned long long)h);
			continue;
		}
		if (strcmp(golden[i].name, t->name) != 0 || golden[i].hash != h) {
			fprintf(stderr, "FAIL %s: mutants hash 0x%016llx, recorded %s 0x%016llx\n", t->name,
				(unsigned long long)h, golden[i].name, (unsigned long long)golden[i].hash);
			failures++;
		} else {
			printf("%s: 0x%016llx as recorded\n", t->name, (unsigned long long)h);
		}
	}
	if (!record)
		printf("mutator-golden-test: %zu targets, %lu failures\n", (size_t)FUZZ_NTARGETS, failures);
	return failures ? 1 : 0;
}
